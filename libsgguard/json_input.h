/*
 * json_input.h - helpers the JSON input adapters share. Only adapters
 * include this file: the model and the rules never see a json_t.
 * SPDX-License-Identifier: MIT
 */
#ifndef SGG_JSON_INPUT_H
#define SGG_JSON_INPUT_H

#include "internal.h"

#include <jansson.h>

/* The first index from @p i on that is not JSON white space (or @p len). */
size_t sgg__json_skip_space(const char *s, size_t i, size_t len);

/* The name errors use for @p path: "<stdin>" for "-". */
const char *sgg__source_name(const char *path);

/*
 * Read a whole file ("-": standard input) into memory.
 * *data is NUL-terminated; free with sgg__free_ptr().
 */
int sgg__read_file(char **data, size_t *len, const char *path, sgg_error *err);

/*
 * Parse a JSON document (any value at the top). A leading UTF-8
 * byte-order mark is skipped; duplicate keys and NUL characters are shape
 * errors (well-formed, but no document of ours can hold them).
 * Syntax errors carry jansson's line and column.
 */
int sgg__json_parse(json_t **out, const char *data, size_t len, const char *source,
                    sgg_error *err);

/*
 * json_loadb() with duplicate keys refused and its failures sorted out:
 * 0, SGG_ENOMEM (jansson ran out of memory, whatever it said), SGG_ESHAPE
 * (well-formed, but a duplicate key or a NUL character: nothing we read can
 * hold those) or SGG_ESYNTAX; *jerr says where.
 */
int sgg__json_loadb(json_t **out, const char *data, size_t len, size_t flags,
                    json_error_t *jerr);

/*
 * Typed field getters. @p prefix is the JSON path of @p obj ("" for the
 * root). A missing optional field leaves *out alone and returns 0; *found
 * (when not NULL) tells whether the field was there. JSON null counts as
 * missing.
 */
int sgg__json_get_int(json_t *obj, const char *prefix, const char *key, bool required,
                      int64_t *out, bool *found, sgg_error *err);
int sgg__json_get_string(json_t *obj, const char *prefix, const char *key, bool required,
                         const char **out, sgg_error *err);
int sgg__json_get_bool(json_t *obj, const char *prefix, const char *key, bool required,
                       bool *out, sgg_error *err);
int sgg__json_get_array(json_t *obj, const char *prefix, const char *key, bool required,
                        json_t **out, sgg_error *err);
int sgg__json_get_time(json_t *obj, const char *prefix, const char *key, bool required,
                       sgg_time *out, sgg_error *err);

/* Ids read from JSON arrays, one after another. */
typedef struct sgg__json_ids {
	int64_t *v;
	size_t n, cap;
} sgg__json_ids;

/* Read an array of ids (integers) into a reusable buffer. */
int sgg__json_get_ids(json_t *array, const char *path, int64_t **buf, size_t *cap, size_t *n,
                      sgg_error *err);
/* Append an array of ids (integers) to @p ids. */
int sgg__json_append_ids(json_t *array, const char *path, sgg__json_ids *ids, sgg_error *err);

/*
 * Format a JSON path for error messages into @p buf; when errors go nowhere
 * (@p err is NULL, as in a split load), skip the formatting and leave "".
 */
void sgg__json_path(char *buf, size_t size, const sgg_error *err, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* Require @p value to be an object; @p path names it. */
int sgg__json_expect_object(json_t *value, const char *path, sgg_error *err);

/* Check the document's "format" field against @p expected. */
int sgg__json_check_format(json_t *root, const char *expected, sgg_error *err);

/* A short name for a JSON value's type ("a string", "an array"). */
const char *sgg__json_type_name(const json_t *value);

/*
 * A document as an adapter walks it (json_doc.c): either a whole parsed
 * tree, or split, with the lists the adapter names kept as spans of the text
 * and each element parsed only while it is walked. A split document loads
 * the same model as the whole one in a fraction of the memory and time, but
 * says nothing precise about errors: any failure while walking one must be
 * answered by loading the document again, whole.
 */
typedef struct sgg__json_span {
	size_t off, len;
} sgg__json_span;

typedef struct sgg__json_list {
	const char *key;
	bool present;         /* the key holds an array, split below */
	sgg__json_span *items; /* one span of the text per element */
	size_t n, cap;
} sgg__json_list;

typedef struct sgg__json_doc {
	json_t *root;          /* whole: the document; split: its other members */
	const char *text;      /* split: the text the spans point into */
	sgg__json_list *lists; /* split: one per key the adapter named */
	size_t n_lists;
	bool parallel;         /* split: lists may be parsed on a second thread */
} sgg__json_doc;

/*
 * How an adapter reads the elements of one list, in two steps. decode()
 * turns an element into a record of rec_size bytes (its strings may point
 * into @p item, its ids go to the end of @p ids); it may run on another
 * thread than the walk, and must touch nothing but its arguments. apply()
 * then hands the record to the model, on the calling thread, in order;
 * @p ids is the array the record's ids went into.
 */
typedef struct sgg__json_walker {
	size_t rec_size;
	int (*decode)(json_t *item, size_t index, void *rec, sgg__json_ids *ids, sgg_error *err);
	int (*apply)(void *ctx, const void *rec, const int64_t *ids, sgg_error *err);
} sgg__json_walker;

/*
 * Split a document whose top level is an object with a member @p required,
 * keeping the arrays under @p list_keys (NULL-terminated) as spans. 0,
 * SGG_ENOMEM, or 1 when the text is not one the split can take (the caller
 * parses it whole); a text without @p required costs one pass of the
 * skeleton and no parsing. On 0, clear @p doc with sgg__json_doc_clear();
 * @p data must outlive it.
 */
int sgg__json_doc_split(sgg__json_doc *doc, const char *data, size_t len,
                        const char *const *list_keys, const char *required);
/* A whole parsed document (a new reference to @p root is taken). */
void sgg__json_doc_wrap(sgg__json_doc *doc, json_t *root);
void sgg__json_doc_clear(sgg__json_doc *doc);
/*
 * Walk the elements of the array under @p key, a top-level member (missing:
 * an error when @p required, else nothing; not an array: an error), with
 * @p w, the first failure stopping the walk.
 */
int sgg__json_doc_each(const sgg__json_doc *doc, const char *key, bool required,
                       const sgg__json_walker *w, void *ctx, sgg_error *err);

/*
 * Load a native document split, when it can be: @p load builds the model
 * from the split document (reporting nothing: its errors are dropped).
 * With @p parallel, long lists are parsed on a second thread while @p load
 * walks them on the calling one; the thread ends before this returns.
 * 0 when it did; SGG_ENOMEM (in @p err) when memory ran out; 1 when the
 * document must be read whole instead: it cannot be split, has no format
 * field (another format, for detection to recognise), or failed to load,
 * and the whole reading will say exactly why.
 */
typedef int (*sgg__json_doc_fn)(void *ctx, const sgg__json_doc *doc);
int sgg__json_doc_load_split(const char *data, size_t len, const char *const *list_keys,
                             bool parallel, sgg__json_doc_fn load, void *ctx, const char *source,
                             sgg_error *err);

#endif /* SGG_JSON_INPUT_H */
