/*
 * cli_alloc.c - how the sgguard program allocates for jansson.
 *
 * The library never touches process-wide state, but the program owns its
 * process. Two things are done here for the program alone:
 *
 *  - Speed: most of the time of a load goes to allocating and freeing
 *    jansson's many small values. Here each thread hands them out from large
 *    blocks (a bump allocator) and frees nothing until the document is gone;
 *    the blocks are then released at once (cli_alloc_release).
 *  - Safety: jansson's lexer does not always notice when it cannot grow its
 *    text buffer, and may then drop a character of the document without an
 *    error. Every failed allocation is remembered here, so that a load during
 *    which one failed is reported as out of memory, never trusted.
 *
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK_SIZE (4u << 20)
#define ALIGN 16u

typedef struct block {
	struct block *next;
	size_t size;
	size_t used;
	_Alignas(16) unsigned char data[];
} block;

typedef struct arena {
	block *head;
	bool failed;
} arena;

static _Thread_local arena tl_arena;

static void *bump_malloc(size_t size)
{
	arena *a = &tl_arena;
	block *b = a->head;
	size_t need;

	if (size > SIZE_MAX - ALIGN) {
		a->failed = true;
		return NULL;
	}
	need = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	if (!b || b->size - b->used < need) {
		size_t bsize = need > BLOCK_SIZE ? need : BLOCK_SIZE;

		b = malloc(sizeof(*b) + bsize);
		if (!b) {
			a->failed = true;
			return NULL;
		}
		b->size = bsize;
		b->used = 0;
		b->next = a->head;
		a->head = b;
	}
	b->used += need;
	return b->data + b->used - need;
}

static void bump_free(void *ptr)
{
	(void)ptr; /* released with the whole arena */
}

void cli_alloc_install(void)
{
	json_set_alloc_funcs(bump_malloc, bump_free);
}

bool cli_alloc_failed(void)
{
	return tl_arena.failed;
}

void cli_alloc_release(void)
{
	block *b = tl_arena.head;

	while (b) {
		block *next = b->next;

		free(b);
		b = next;
	}
	tl_arena.head = NULL;
	tl_arena.failed = false;
}
