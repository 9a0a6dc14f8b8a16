/*
 * json_input.h - helpers the JSON input adapters share. Only adapters
 * include this file: the model and the rules never see a json_t.
 * SPDX-License-Identifier: MIT
 */
#ifndef SGG_JSON_INPUT_H
#define SGG_JSON_INPUT_H

#include "internal.h"

#include <jansson.h>

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

/* Read an array of ids (integers) into a reusable buffer. */
int sgg__json_get_ids(json_t *array, const char *path, int64_t **buf, size_t *cap, size_t *n,
                      sgg_error *err);

/* Require @p value to be an object; @p path names it. */
int sgg__json_expect_object(json_t *value, const char *path, sgg_error *err);

/* Check the document's "format" field against @p expected. */
int sgg__json_check_format(json_t *root, const char *expected, sgg_error *err);

/* A short name for a JSON value's type ("a string", "an array"). */
const char *sgg__json_type_name(const json_t *value);

#endif /* SGG_JSON_INPUT_H */
