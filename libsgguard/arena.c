/*
 * arena.c - strings of a model, allocated in blocks and freed together.
 * SPDX-License-Identifier: MIT
 */
#include "internal.h"

#include <string.h>

#define ARENA_BLOCK 16384

struct sgg__arena_block {
	sgg__arena_block *next;
	size_t used;
	size_t size;
	max_align_t data[];
};

void sgg__arena_init(sgg__arena *arena)
{
	arena->head = NULL;
}

void sgg__arena_clear(sgg__arena *arena)
{
	sgg__arena_block *b = arena->head;

	while (b) {
		sgg__arena_block *next = b->next;
		sgg__free_ptr(b);
		b = next;
	}
	arena->head = NULL;
}

void *sgg__arena_alloc(sgg__arena *arena, size_t size)
{
	sgg__arena_block *b = arena->head;
	size_t align = sizeof(max_align_t);
	size_t rounded;

	if (size > SIZE_MAX - align)
		return NULL;
	rounded = (size + align - 1) / align * align;
	if (!b || b->size - b->used < rounded) {
		size_t bsize = rounded > ARENA_BLOCK ? rounded : ARENA_BLOCK;

		if (bsize > SIZE_MAX - sizeof(*b))
			return NULL;
		b = sgg__malloc(sizeof(*b) + bsize);
		if (!b)
			return NULL;
		b->size = bsize;
		b->used = 0;
		b->next = arena->head;
		arena->head = b;
	}
	{
		void *p = (char *)b->data + b->used;
		b->used += rounded;
		return p;
	}
}

char *sgg__arena_strndup(sgg__arena *arena, const char *s, size_t len)
{
	char *p;

	if (len == SIZE_MAX)
		return NULL;
	p = sgg__arena_alloc(arena, len + 1);
	if (!p)
		return NULL;
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *sgg__arena_strdup(sgg__arena *arena, const char *s)
{
	return sgg__arena_strndup(arena, s, strlen(s));
}
