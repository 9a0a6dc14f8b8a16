/*
 * hash.c - open-addressing hash maps for the model's indexes.
 * SPDX-License-Identifier: MIT
 */
#include "internal.h"

#include <string.h>

static uint64_t mix64(uint64_t x)
{
	/* splitmix64 finaliser: ids are dense and sequential, spread them. */
	x ^= x >> 30;
	x *= UINT64_C(0xbf58476d1ce4e5b9);
	x ^= x >> 27;
	x *= UINT64_C(0x94d049bb133111eb);
	x ^= x >> 31;
	return x;
}

static uint64_t hash_str(const char *s)
{
	uint64_t h = UINT64_C(1469598103934665603); /* FNV-1a */

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= UINT64_C(1099511628211);
	}
	return mix64(h);
}

static size_t table_size_for(size_t n)
{
	size_t cap = 16;

	/* keep the load factor at or below one half */
	while (cap / 2 < n) {
		if (cap > SIZE_MAX / 4)
			return 0;
		cap *= 2;
	}
	return cap;
}

void sgg__imap_init(sgg__imap *m)
{
	memset(m, 0, sizeof(*m));
}

void sgg__imap_clear(sgg__imap *m)
{
	sgg__free_ptr(m->slots);
	sgg__imap_init(m);
}

static void imap_insert_new(sgg__imap_slot *slots, size_t cap, int64_t key, uint32_t val)
{
	size_t i = (size_t)mix64((uint64_t)key) & (cap - 1);

	while (slots[i].used)
		i = (i + 1) & (cap - 1);
	slots[i] = (sgg__imap_slot){ .key = key, .val = val, .used = 1 };
}

int sgg__imap_reserve(sgg__imap *m, size_t n)
{
	size_t cap = table_size_for(n);
	sgg__imap_slot *slots;

	if (cap == 0)
		return SGG_ENOMEM;
	if (cap <= m->cap)
		return 0;
	if (!(slots = sgg__calloc(cap, sizeof(*slots))))
		return SGG_ENOMEM;
	for (size_t i = 0; i < m->cap; i++)
		if (m->slots[i].used)
			imap_insert_new(slots, cap, m->slots[i].key, m->slots[i].val);
	sgg__free_ptr(m->slots);
	m->slots = slots;
	m->cap = cap;
	return 0;
}

int sgg__imap_put(sgg__imap *m, int64_t key, uint32_t val, uint32_t *existing)
{
	size_t i;

	if (m->count + 1 > m->cap / 2 && sgg__imap_reserve(m, m->count + 1) < 0)
		return SGG_ENOMEM;
	i = (size_t)mix64((uint64_t)key) & (m->cap - 1);
	while (m->slots[i].used) {
		if (m->slots[i].key == key) {
			if (existing)
				*existing = m->slots[i].val;
			return 1;
		}
		i = (i + 1) & (m->cap - 1);
	}
	m->slots[i] = (sgg__imap_slot){ .key = key, .val = val, .used = 1 };
	m->count++;
	return 0;
}

bool sgg__imap_get(const sgg__imap *m, int64_t key, uint32_t *val)
{
	size_t i;

	if (m->cap == 0)
		return false;
	i = (size_t)mix64((uint64_t)key) & (m->cap - 1);
	while (m->slots[i].used) {
		if (m->slots[i].key == key) {
			if (val)
				*val = m->slots[i].val;
			return true;
		}
		i = (i + 1) & (m->cap - 1);
	}
	return false;
}

void sgg__smap_init(sgg__smap *m)
{
	memset(m, 0, sizeof(*m));
}

void sgg__smap_clear(sgg__smap *m)
{
	sgg__free_ptr(m->keys);
	sgg__free_ptr(m->vals);
	sgg__smap_init(m);
}

static void smap_insert_new(const char **keys, uint32_t *vals, size_t cap, const char *key,
                            uint32_t val)
{
	size_t i = (size_t)hash_str(key) & (cap - 1);

	while (keys[i])
		i = (i + 1) & (cap - 1);
	keys[i] = key;
	vals[i] = val;
}

int sgg__smap_reserve(sgg__smap *m, size_t n)
{
	size_t cap = table_size_for(n);
	const char **keys;
	uint32_t *vals;

	if (cap == 0)
		return SGG_ENOMEM;
	if (cap <= m->cap)
		return 0;
	keys = sgg__calloc(cap, sizeof(*keys));
	vals = sgg__reallocarray(NULL, cap, sizeof(*vals));
	if (!keys || !vals) {
		sgg__free_ptr(keys);
		sgg__free_ptr(vals);
		return SGG_ENOMEM;
	}
	for (size_t i = 0; i < m->cap; i++)
		if (m->keys[i])
			smap_insert_new(keys, vals, cap, m->keys[i], m->vals[i]);
	sgg__free_ptr(m->keys);
	sgg__free_ptr(m->vals);
	m->keys = keys;
	m->vals = vals;
	m->cap = cap;
	return 0;
}

int sgg__smap_put(sgg__smap *m, const char *key, uint32_t val, uint32_t *existing)
{
	size_t i;

	if (m->count + 1 > m->cap / 2 && sgg__smap_reserve(m, m->count + 1) < 0)
		return SGG_ENOMEM;
	i = (size_t)hash_str(key) & (m->cap - 1);
	while (m->keys[i]) {
		if (strcmp(m->keys[i], key) == 0) {
			if (existing)
				*existing = m->vals[i];
			return 1;
		}
		i = (i + 1) & (m->cap - 1);
	}
	m->keys[i] = key;
	m->vals[i] = val;
	m->count++;
	return 0;
}

bool sgg__smap_get(const sgg__smap *m, const char *key, uint32_t *val)
{
	size_t i;

	if (m->cap == 0)
		return false;
	i = (size_t)hash_str(key) & (m->cap - 1);
	while (m->keys[i]) {
		if (strcmp(m->keys[i], key) == 0) {
			if (val)
				*val = m->vals[i];
			return true;
		}
		i = (i + 1) & (m->cap - 1);
	}
	return false;
}

int sgg__ids_append_unique(int64_t *dst, size_t *count, const int64_t *src, size_t n)
{
	size_t base = *count;

	if (n <= 32) {
		for (size_t j = 0; j < n; j++) {
			bool seen = false;

			for (size_t k = base; k < *count && !seen; k++)
				seen = dst[k] == src[j];
			if (!seen)
				dst[(*count)++] = src[j];
		}
		return 0;
	}
	{
		sgg__imap seen;

		sgg__imap_init(&seen);
		if (sgg__imap_reserve(&seen, n) < 0)
			return SGG_ENOMEM;
		for (size_t j = 0; j < n; j++)
			if (sgg__imap_put(&seen, src[j], 0, NULL) == 0)
				dst[(*count)++] = src[j];
		sgg__imap_clear(&seen);
	}
	return 0;
}
