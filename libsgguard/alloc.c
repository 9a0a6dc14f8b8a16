/*
 * alloc.c - the library's allocation functions.
 *
 * Every allocation goes through here so that tests can fail them one by
 * one (the test programs wrap malloc, calloc and realloc at link time).
 * SPDX-License-Identifier: MIT
 */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

void *sgg__malloc(size_t size)
{
	return malloc(size ? size : 1);
}

void *sgg__calloc(size_t n, size_t size)
{
	if (n == 0 || size == 0)
		return calloc(1, 1);
	return calloc(n, size);
}

void *sgg__realloc(void *ptr, size_t size)
{
	return realloc(ptr, size ? size : 1);
}

void *sgg__reallocarray(void *ptr, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		return NULL;
	return sgg__realloc(ptr, n * size);
}

char *sgg__strdup(const char *s)
{
	size_t len = strlen(s);
	char *copy = sgg__malloc(len + 1);

	if (copy)
		memcpy(copy, s, len + 1);
	return copy;
}

void sgg__free_ptr(void *ptr)
{
	free(ptr);
}

void sgg_free(void *ptr)
{
	free(ptr);
}

int sgg__grow(void **items, size_t *cap, size_t need, size_t elem)
{
	size_t ncap;
	void *p;

	if (need <= *cap)
		return 0;
	ncap = *cap ? *cap : 8;
	while (ncap < need) {
		if (ncap > SIZE_MAX / 2)
			return SGG_ENOMEM;
		ncap *= 2;
	}
	p = sgg__reallocarray(*items, ncap, elem);
	if (!p)
		return SGG_ENOMEM;
	*items = p;
	*cap = ncap;
	return 0;
}
