/*
 * failalloc.h - making allocation number N fail, for the allocation-failure
 * tests. A program using it links the static library with
 * -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc, so that the library's
 * allocations come here; jansson's come here through json_set_alloc_funcs,
 * which is process-wide and so only ever set in a test.
 * SPDX-License-Identifier: MIT
 */
#ifndef SGG_FAILALLOC_H
#define SGG_FAILALLOC_H

#include <stdbool.h>

/* Make allocation number @p n (from 1, counted from now) fail. */
void failalloc_arm(long n);
/* Stop failing allocations. */
void failalloc_disarm(void);
/* How many allocations were counted since the last failalloc_arm(). */
long failalloc_count(void);
/* Whether jansson's allocations are counted and fail too (installs the hooks). */
void failalloc_jansson(bool on);

#endif
