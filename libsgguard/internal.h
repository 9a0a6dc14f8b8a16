/*
 * internal.h - what the library's files share and nothing outside sees.
 * SPDX-License-Identifier: MIT
 */
#ifndef SGG_INTERNAL_H
#define SGG_INTERNAL_H

#include "sgguard.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SGG_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Bounds of the identifiers (UCCE columns are SQL int / smallint). */
#define SGG_ID_MAX INT64_C(2147483647)
#define SGG_PERIPHERAL_MAX 32767
#define SGG_PRIORITY_MAX 32767
#define SGG_NUMBER_MAX INT64_C(2147483647)
/* Longest name, team or login id accepted, in bytes. */
#define SGG_STRING_MAX 255

/* ---- allocation (every allocation of the library goes through these) ---- */

void *sgg__malloc(size_t size);
void *sgg__calloc(size_t n, size_t size);
void *sgg__realloc(void *ptr, size_t size);
/* realloc for arrays: fails (NULL) on overflow of n * size. */
void *sgg__reallocarray(void *ptr, size_t n, size_t size);
char *sgg__strdup(const char *s);
void sgg__free_ptr(void *ptr);

/*
 * Grow an array so that it can hold at least @p need elements.
 * @return 0 or SGG_ENOMEM (the array is untouched then).
 */
int sgg__grow(void **items, size_t *cap, size_t need, size_t elem);

/* ---- helper threads (parallel.c), for callers given SGG_CONFIG_PARALLEL ---- */

#define SGG__HELPERS_MAX 4

/* Threads worth using: one per processor, up to SGG__HELPERS_MAX; 0 on one processor. */
size_t sgg__helper_count(void);

/* Work on [from, to) of a range; parts of one range must not touch the same data. */
typedef void (*sgg__range_fn)(void *ctx, size_t from, size_t to);

/*
 * Call @p fn over [0, n): in parts on helper threads when @p parallel and
 * the range is large, else once here. Returns when every part is done.
 */
void sgg__parallel_for(size_t n, bool parallel, sgg__range_fn fn, void *ctx);

/* ---- errors ---- */

/* Reset @p err to "no error" (NULL is accepted everywhere). */
void sgg__error_clear(sgg_error *err);
/* Fill in @p err and return @p code. @p source and @p path may be NULL. */
int sgg__error_set(sgg_error *err, int code, const char *source, const char *path,
                   const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 5, 6)))
#endif
	;
int sgg__error_vset(sgg_error *err, int code, const char *source, const char *path,
                    const char *fmt, va_list ap)
#if defined(__GNUC__)
	__attribute__((format(printf, 5, 0)))
#endif
	;
/* Out of memory: never allocates. */
int sgg__error_oom(sgg_error *err);
/* Set the source of an error that has none yet. */
void sgg__error_set_source(sgg_error *err, const char *source);

/* ---- string arena: many small strings freed at once ---- */

typedef struct sgg__arena_block sgg__arena_block;
typedef struct sgg__arena {
	sgg__arena_block *head;
} sgg__arena;

void sgg__arena_init(sgg__arena *arena);
void sgg__arena_clear(sgg__arena *arena);
void *sgg__arena_alloc(sgg__arena *arena, size_t size);
/* Copy @p len bytes of @p s and a NUL. NULL on out of memory. */
char *sgg__arena_strndup(sgg__arena *arena, const char *s, size_t len);
char *sgg__arena_strdup(sgg__arena *arena, const char *s);

/* ---- hash maps ---- */

/*
 * int64 key -> uint32 value, open addressing. Keys may be any value. A slot
 * holds its key, value and mark together, so a lookup reads one cache line.
 */
typedef struct sgg__imap_slot {
	int64_t key;
	uint32_t val;
	uint32_t used;
} sgg__imap_slot;

typedef struct sgg__imap {
	sgg__imap_slot *slots;
	size_t cap;   /* power of two, or 0 */
	size_t count;
} sgg__imap;

void sgg__imap_init(sgg__imap *m);
void sgg__imap_clear(sgg__imap *m);
/* Make room for @p n entries without rehashing. 0 or SGG_ENOMEM. */
int sgg__imap_reserve(sgg__imap *m, size_t n);
/* 0 inserted, 1 already present (*existing set, value kept), SGG_ENOMEM. */
int sgg__imap_put(sgg__imap *m, int64_t key, uint32_t val, uint32_t *existing);
/* true and *val set when present. */
bool sgg__imap_get(const sgg__imap *m, int64_t key, uint32_t *val);

/*
 * Append to dst[*count..] the values of src[0..n) not already appended by
 * this call, in order. dst needs room for n more. 0 or SGG_ENOMEM (nothing
 * appended then).
 */
int sgg__ids_append_unique(int64_t *dst, size_t *count, const int64_t *src, size_t n);

/* string key (borrowed, must outlive the map) -> uint32 value. */
typedef struct sgg__smap {
	const char **keys;
	uint32_t *vals;
	size_t cap;
	size_t count;
} sgg__smap;

void sgg__smap_init(sgg__smap *m);
void sgg__smap_clear(sgg__smap *m);
int sgg__smap_reserve(sgg__smap *m, size_t n);
int sgg__smap_put(sgg__smap *m, const char *key, uint32_t val, uint32_t *existing);
bool sgg__smap_get(const sgg__smap *m, const char *key, uint32_t *val);

/* ---- growable text buffer for renderers ---- */

typedef struct sgg__buf {
	char *data;
	size_t len;
	size_t cap;
	bool failed; /* an allocation failed: the content is incomplete */
} sgg__buf;

void sgg__buf_init(sgg__buf *b);
void sgg__buf_free(sgg__buf *b);
void sgg__buf_put(sgg__buf *b, const char *s, size_t len);
void sgg__buf_puts(sgg__buf *b, const char *s);
void sgg__buf_printf(sgg__buf *b, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
/* XML character data / attribute value, escaped. */
void sgg__buf_put_xml(sgg__buf *b, const char *s);
/* Hand the content over: 0 or SGG_ENOMEM (the buffer is freed either way). */
int sgg__buf_finish(sgg__buf *b, char **out, size_t *len, sgg_error *err);

/* ---- time ---- */

/* Days since 1970-01-01 of a proleptic Gregorian civil date. */
int64_t sgg__days_from_civil(int64_t y, unsigned m, unsigned d);
void sgg__civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d);
/* The current time, UTC. */
sgg_time sgg__now(void);
/*
 * Split a window "START/REST" at its slash: START copied into @p start
 * (@p size bytes), *rest pointing after the slash. 0 or SGG_ESYNTAX.
 */
int sgg__window_split(const char *text, char *start, size_t size, const char **rest,
                      sgg_error *err);
/* Parse an RFC 3339 date-time whose offset may be missing (then read as UTC). */
int sgg__time_parse_local(sgg_time *out, bool *has_offset, const char *text);

/* ---- model internals shared by adapters, rules and report ---- */

/* A reference from a configuration row to a skill group that is missing or deleted. */
typedef enum sgg__dangling_kind {
	SGG__DANGLING_MEMBERSHIP = 0, /* agents[owner].skill_groups[pos] */
	SGG__DANGLING_BASE,           /* skill_groups[owner].base */
	SGG__DANGLING_ROUTE           /* routes[owner].target */
} sgg__dangling_kind;

typedef struct sgg__dangling {
	sgg__dangling_kind kind;
	size_t owner;
	size_t pos;
	int64_t target;
	bool deleted; /* the target exists as a deleted row */
} sgg__dangling;

typedef struct sgg__route {
	int64_t id;
	const char *name;
	int64_t target;
} sgg__route;

typedef struct sgg__peripheral {
	int id;
	const char *name;
} sgg__peripheral;

struct sgg_config {
	bool sealed;
	sgg_time exported_at;
	sgg__arena strings;

	sgg_skill_group *groups;
	size_t n_groups, cap_groups;

	sgg_agent *agents;
	size_t n_agents, cap_agents;
	/* memberships of agent i: member_ids[member_off[i] .. member_off[i+1]) */
	int64_t *member_ids;
	size_t n_member_ids, cap_member_ids;
	size_t *member_off; /* n_agents + 1 entries */
	size_t cap_member_off;

	sgg__route *routes;
	size_t n_routes, cap_routes;

	sgg__peripheral *peripherals;
	size_t n_peripherals, cap_peripherals;

	/* indexes */
	sgg__imap object_ids;  /* SkillTargetID -> group index, or agent index | AGENT_BIT */
	sgg__imap route_ids;
	sgg__imap peripheral_ids;
	sgg__smap live_names;  /* live group name -> group index */
	sgg__imap live_numbers; /* packed (peripheral, number, priority) -> live group index */
	sgg__imap deleted_numbers; /* the same key -> a deleted group index */

	/* built at seal: CSR tables indexed by group index */
	uint32_t *members_off;   /* n_groups + 1 */
	uint32_t *members;       /* agent indexes, ascending */
	uint32_t *subs_off;      /* n_groups + 1 */
	const sgg_skill_group **subs; /* live sub-skill groups by priority */
	uint32_t *routes_off;    /* n_groups + 1 */
	uint32_t *routes_by_group; /* route indexes */

	sgg__dangling *dangling;
	size_t n_dangling, cap_dangling;
};

#define SGG__AGENT_BIT UINT32_C(0x80000000)

/* Packed (peripheral, number, priority) key. */
int64_t sgg__number_key(int peripheral, int64_t number, int priority);

/* Index of a group in cfg->groups. */
static inline size_t sgg__group_index(const sgg_config *cfg, const sgg_skill_group *g)
{
	return (size_t)(g - cfg->groups);
}

/* Index of an agent by id, or false. */
bool sgg__config_agent_index(const sgg_config *cfg, int64_t id, uint32_t *index);

struct sgg_sessions {
	bool sealed;
	sgg_time taken_at;
	sgg__arena strings;

	sgg_session *items;
	size_t n_items, cap_items;
	int64_t *group_ids; /* all sessions' skill group ids; items point into it after seal */
	size_t n_group_ids, cap_group_ids;
	size_t *group_off;  /* per session, offset into group_ids (before seal) */
	size_t cap_group_off;

	int *peripherals;
	size_t n_peripherals, cap_peripherals;

	sgg__imap by_agent;      /* agent id -> session index */
	sgg__imap scope;         /* peripheral id -> 1 */
	sgg__imap by_group;      /* skill group id -> slot in by_group_off (built at seal) */
	uint32_t *by_group_off;  /* slots + 1 */
	uint32_t *by_group_list; /* session indexes of logged-in sessions listing the group */
};

#endif /* SGG_INTERNAL_H */
