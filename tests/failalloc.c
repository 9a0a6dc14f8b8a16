/*
 * failalloc.c - the link-time allocation wrappers of the allocation-failure
 * tests (see failalloc.h).
 * SPDX-License-Identifier: MIT
 */
#include "failalloc.h"

#include <jansson.h>
#include <stddef.h>
#include <stdlib.h>

void *__real_malloc(size_t size);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *ptr, size_t size);
void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *ptr, size_t size);

static long alloc_count;
static long fail_at; /* 0: never fail */
static bool jansson_counts;

static bool should_fail(void)
{
	return fail_at > 0 && ++alloc_count == fail_at;
}

void *__wrap_malloc(size_t size)
{
	return should_fail() ? NULL : __real_malloc(size);
}

void *__wrap_calloc(size_t n, size_t size)
{
	return should_fail() ? NULL : __real_calloc(n, size);
}

void *__wrap_realloc(void *ptr, size_t size)
{
	return should_fail() ? NULL : __real_realloc(ptr, size);
}

static void *json_malloc(size_t size)
{
	return jansson_counts && should_fail() ? NULL : __real_malloc(size);
}

static void json_free(void *ptr)
{
	free(ptr);
}

void failalloc_arm(long n)
{
	alloc_count = 0;
	fail_at = n;
}

void failalloc_disarm(void)
{
	fail_at = 0;
}

long failalloc_count(void)
{
	return alloc_count;
}

void failalloc_jansson(bool on)
{
	json_set_alloc_funcs(json_malloc, json_free);
	jansson_counts = on;
}
