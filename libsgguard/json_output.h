/*
 * json_output.h - what the JSON renderers share. Only renderers and the
 * change record writer include this file.
 * SPDX-License-Identifier: MIT
 */
#ifndef SGG_JSON_OUTPUT_H
#define SGG_JSON_OUTPUT_H

#include "internal.h"

#include <jansson.h>

/*
 * Serialise @p root (indented, keys in insertion order, a final newline)
 * into a buffer the library owns, to be freed with sgg_free(): jansson's
 * allocator may not be ours. Consumes @p root, which may be NULL (out of
 * memory while building it). 0 or SGG_ENOMEM (*out NULL then).
 */
int sgg__json_dump(json_t *root, char **out, size_t *len, sgg_error *err);

/*
 * Building helpers. Each consumes @p value (jansson's *_new calls do, even
 * when they fail) and returns false, or NULL, once anything failed, so that
 * a whole document can be built in one chain of && and checked once.
 */
static inline bool sgg__json_set(json_t *obj, const char *key, json_t *value)
{
	return value && json_object_set_new(obj, key, value) == 0;
}

/* Attach a new container to @p parent and return it (borrowed), or NULL. */
static inline json_t *sgg__json_attach(json_t *parent, const char *key, json_t *child)
{
	return sgg__json_set(parent, key, child) ? child : NULL;
}

static inline bool sgg__json_append(json_t *array, json_t *value)
{
	return value && json_array_append_new(array, value) == 0;
}

static inline json_t *sgg__json_str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

/* An RFC 3339 string in UTC, or null for SGG_TIME_NONE. */
static inline json_t *sgg__json_time(sgg_time t)
{
	char buf[SGG_TIME_BUFSIZE];

	return t == SGG_TIME_NONE ? json_null() : json_string(sgg_time_format(t, buf));
}

#endif /* SGG_JSON_OUTPUT_H */
