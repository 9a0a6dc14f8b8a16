/*
 * change_json.h - the change record as jansson values, for the record
 * adapter and the renderers (the only files that see a json_t).
 * SPDX-License-Identifier: MIT
 */
#ifndef SGG_CHANGE_JSON_H
#define SGG_CHANGE_JSON_H

#include "change.h"

#include <jansson.h>

/* The whole record as written to disk. New reference, or NULL on out of memory. */
json_t *sgg__change_json(const sgg_change *c);
/* One log entry as written to disk. New reference, or NULL on out of memory. */
json_t *sgg__change_entry_json(const sgg__entry *e);

#endif /* SGG_CHANGE_JSON_H */
