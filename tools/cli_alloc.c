/*
 * cli_alloc.c - how the sgguard program allocates for jansson.
 *
 * The library never touches process-wide state, but the program owns its
 * process. Two things are done here for the program alone:
 *
 *  - Speed: a load parses its document a batch of elements at a time, and
 *    each batch is thousands of small jansson values made and freed again.
 *    Here each thread keeps the freed ones in lists by size and hands them
 *    straight back out, so a whole load keeps reusing the same few hot
 *    kilobytes instead of going through the C library's allocator for each.
 *    The memory behind the lists is released when the command ends
 *    (cli_alloc_release), so a value freed on another thread than the one
 *    that made it is still safe.
 *  - Safety: jansson's lexer does not always notice when it cannot grow its
 *    text buffer, and may then drop a character of the document without an
 *    error. The library guards the documents it reads split (json_doc.c) but
 *    cannot see inside jansson when it reads one whole. Every failed
 *    allocation is remembered, per thread, so that a load during which one
 *    failed is reported as out of memory, never trusted.
 *
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"

#include <jansson.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#define GRAIN ((size_t)16)   /* size classes are multiples of this */
#define CLASSES ((size_t)16) /* the largest class: 256 bytes */
#define LARGE ((size_t)-1)   /* the class of what the C library allocated */
#define BLOCK_SIZE (1u << 20)

/* Before each allocation: its class. Keeps what follows aligned. */
typedef union header {
	size_t cls;
	max_align_t align;
} header;

typedef struct free_item {
	struct free_item *next;
} free_item;

typedef struct block {
	struct block *next;
	_Alignas(max_align_t) unsigned char data[];
} block;

typedef struct cache {
	free_item *free[CLASSES];
	unsigned char *cur, *end; /* what is left of this thread's newest block */
	bool failed;
} cache;

static _Thread_local cache tl;
static pthread_mutex_t blocks_lock = PTHREAD_MUTEX_INITIALIZER;
static block *blocks; /* every thread's, released together */

static void *large_malloc(size_t size)
{
	header *h = size <= SIZE_MAX - sizeof(header) ? malloc(sizeof(header) + size) : NULL;

	if (!h) {
		tl.failed = true;
		return NULL;
	}
	h->cls = LARGE;
	return h + 1;
}

static bool new_block(void)
{
	block *b = malloc(sizeof(block) + BLOCK_SIZE);

	if (!b)
		return false;
	pthread_mutex_lock(&blocks_lock);
	b->next = blocks;
	blocks = b;
	pthread_mutex_unlock(&blocks_lock);
	tl.cur = b->data;
	tl.end = b->data + BLOCK_SIZE;
	return true;
}

static void *cached_malloc(size_t size)
{
	size_t cls, need;
	free_item *item;
	header *h;

	if (size > GRAIN * CLASSES)
		return large_malloc(size);
	cls = size ? (size - 1) / GRAIN : 0;
	if ((item = tl.free[cls])) {
		tl.free[cls] = item->next;
		return item;
	}
	need = sizeof(header) + (cls + 1) * GRAIN;
	if ((size_t)(tl.end - tl.cur) < need && !new_block()) {
		tl.failed = true;
		return NULL;
	}
	h = (header *)(void *)tl.cur;
	h->cls = cls;
	tl.cur += need;
	return h + 1;
}

static void cached_free(void *ptr)
{
	header *h;
	free_item *item = ptr;

	if (!ptr)
		return;
	h = (header *)ptr - 1;
	if (h->cls == LARGE) {
		free(h);
		return;
	}
	item->next = tl.free[h->cls];
	tl.free[h->cls] = item;
}

void cli_alloc_install(void)
{
	json_set_alloc_funcs(cached_malloc, cached_free);
}

bool cli_alloc_failed(void)
{
	return tl.failed;
}

void cli_alloc_reset(void)
{
	tl.failed = false;
}

void cli_alloc_release(void)
{
	block *b;

	pthread_mutex_lock(&blocks_lock);
	b = blocks;
	blocks = NULL;
	pthread_mutex_unlock(&blocks_lock);
	while (b) {
		block *next = b->next;

		free(b);
		b = next;
	}
	tl = (cache){ 0 };
}
