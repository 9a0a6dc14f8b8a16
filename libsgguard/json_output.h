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

#endif /* SGG_JSON_OUTPUT_H */
