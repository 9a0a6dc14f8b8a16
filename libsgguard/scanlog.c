/*
 * scanlog.c - reading Peripheral Gateway OPC trace text: a streaming line
 * scanner with bounded memory, and the analysis that ties skill-group
 * removals to the "SkillGroup N ... unknown for agent A" traces after them.
 *
 * Lines are cut with memchr and read in place whenever they sit whole in
 * the caller's chunk; only a line split between chunks, or a wrapped
 * "Trace:" line waiting for its continuation, is copied. Nothing is
 * allocated per line. What the analysis keeps (processes, entries, the
 * groups and agents they name) has fixed limits, so memory does not grow
 * with the size of the trace.
 *
 * SPDX-License-Identifier: MIT
 */
#include "internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A step back in time of more than this many seconds, with no date header in
 * between, is the next day; a smaller one is interleaved processes writing
 * slightly out of order. */
#define JITTER 60
/* Summary lines of one process at most this many seconds apart form one
 * configuration update. */
#define BATCH_GAP 2
/* Lines a wrapped "Trace:" line may continue on. */
#define MAX_CONTINUATIONS 4

/* Limits that keep memory bounded whatever the trace holds. */
#define MAX_PROCESSES     4096
#define MAX_RECORDS       4096
#define MAX_HARMLESS      1000
#define MAX_GROUP_ENTRIES 65536
#define MAX_AGENT_ENTRIES 65536
#define MAX_BATCH         16
#define MAX_TOTALS        64
#define PROC_MAX          63
#define KIND_MAX          31
#define AGENT_MAX         31
#define CRASH_TEXT_MAX    160
#define READ_CHUNK        ((size_t)64 * 1024)

typedef struct stamp_i {
	uint32_t source;
	bool dated;
	int32_t secs;
	int64_t day;
	uint64_t line; /* 0: absent */
} stamp_i;

typedef struct change_i {
	char action; /* 'A', 'U' or 'R' */
	char kind[KIND_MAX + 1];
	int64_t objects;
	uint64_t lines;
} change_i;

typedef struct proc_i {
	char name[PROC_MAX + 1];
	char node[PROC_MAX + 1];
	size_t len;
	int32_t removal;     /* open record of its last removal, or -1 */
	int32_t unexplained; /* open record of traces with no removal, or -1 */
	/* the configuration update being traced */
	uint32_t batch_id;
	bool has_batch;
	stamp_i batch_last;
	change_i batch[MAX_BATCH];
	size_t n_batch;
	/* a removal that found no free record: followed, not listed */
	bool overflow, overflow_matched;
	stamp_i overflow_at;
	int64_t overflow_end;
} proc_i;

typedef struct rec_i {
	bool used, open, has_removal, matches;
	sgg_scan_kind kind;
	uint32_t proc;
	stamp_i start; /* the removal, or the first trace */
	int64_t window_end;
	int64_t removed;
	uint32_t batch_id;
	change_i changes[MAX_BATCH];
	size_t n_changes;
	uint64_t traces, mismatches;
	stamp_i first_trace, last_trace;
	size_t n_groups, n_agents;
	uint64_t groups_unlisted, agents_unlisted;
	uint64_t crash_lines;
	stamp_i crash;
	char crash_text[CRASH_TEXT_MAX + 1];
} rec_i;

typedef struct group_i {
	uint32_t rec;
	int peripheral, priority;
	bool has_hex;
	int64_t number, hex, mismatch_hex;
	uint64_t traces, mismatches;
	uint32_t next; /* chain used when naming from the configuration */
} group_i;

typedef struct agent_i {
	uint32_t rec;
	int peripheral;
	char number[AGENT_MAX + 1];
	uint64_t traces;
	int64_t skill_group;
	uint32_t next;
} agent_i;

typedef struct source_i {
	char *given; /* as passed, to notice a new source */
	char *name;  /* as shown */
	uint64_t bytes, lines, trace_lines;
	stamp_i first, last;
} source_i;

struct sgg_scan {
	int64_t window;
	size_t max_line;
	const sgg_config *config;
	bool finished, broken;
	sgg_scan_stats stats;

	source_i *sources;
	size_t n_sources, cap_sources;
	bool in_source;

	/* line assembly */
	char *carry; /* max_line + 1 bytes */
	size_t carry_len;
	bool discarding; /* inside a line too long to keep */

	/* the clock of the current source */
	bool dated;
	int64_t day;
	int32_t last_secs; /* -1: none yet */

	/* a "Trace:" line that may continue on the next lines */
	bool join_open;
	int join_lines;
	char *join; /* max_line + 1 bytes */
	size_t join_len;
	stamp_i join_at;
	char join_proc[PROC_MAX + 1];
	size_t join_proc_len;

	proc_i *procs;
	size_t n_procs, cap_procs;
	sgg__imap proc_index;
	size_t last_proc;

	rec_i *recs;
	size_t n_recs, cap_recs;
	uint32_t *free_recs;
	size_t n_free, cap_free;
	size_t n_harmless, n_open, n_matches;
	int64_t open_until;

	group_i *groups;
	size_t n_groups, cap_groups;
	sgg__imap group_index;
	agent_i *agents;
	size_t n_agents, cap_agents;
	sgg__imap agent_index;

	change_i totals[MAX_TOTALS];
	size_t n_totals;

	/* the read-only view built by sgg_scan_finish() */
	sgg_scan_source *pub_sources;
	sgg_scan_incident *pub_incidents;
	size_t n_pub;
	sgg_scan_group *pub_groups;
	sgg_scan_agent *pub_agents;
	sgg_scan_change *pub_changes;
	sgg_scan_change *pub_totals;
};

/* ---- small helpers ---- */

static const char *action_name(char action)
{
	return action == 'A' ? "ADDED" : action == 'U' ? "UPDATED" : "REMOVED";
}

static int64_t abs_time(const stamp_i *s)
{
	return s->day * 86400 + s->secs;
}

static bool same_timeline(const stamp_i *a, const stamp_i *b)
{
	/* undated days count from each source's start: they compare only within it */
	return a->dated == b->dated && (a->dated || a->source == b->source);
}

static uint64_t fnv(uint64_t h, const void *data, size_t len)
{
	const unsigned char *p = data;

	for (size_t i = 0; i < len; i++) {
		h ^= p[i];
		h *= UINT64_C(1099511628211);
	}
	return h;
}

#define FNV_SEED UINT64_C(1469598103934665603)

/* Fold one integer into a hash. */
static uint64_t mix(uint64_t h, uint64_t v)
{
	h ^= v;
	h *= UINT64_C(0x9E3779B97F4A7C15);
	return h ^ (h >> 29);
}

/*
 * Character classes, one table lookup per byte on the hot path: digits,
 * blanks, identifier characters (Class::Method), printable ASCII (process
 * names, login ids) and the first letters of the crash words.
 */
enum { C_DIGIT = 1, C_SPACE = 2, C_IDENT = 4, C_PRINT = 8, C_CRASH = 16 };

#define C_IS_LETTER(c) (((c) >= 'A' && (c) <= 'Z') || ((c) >= 'a' && (c) <= 'z'))
#define C_IS_CRASH(c)                                                                              \
	((c) == 'a' || (c) == 'c' || (c) == 'd' || (c) == 'e' || (c) == 'i' || (c) == 'p' ||       \
	 (c) == 'r' || (c) == 's' || (c) == 't')
#define C(c)                                                                                       \
	(((c) >= '0' && (c) <= '9' ? C_DIGIT | C_IDENT : 0) |                                      \
	 ((c) == ' ' || (c) == '\t' ? C_SPACE : 0) |                                               \
	 (C_IS_LETTER(c) || (c) == '_' || (c) == ':' || (c) == '~' ? C_IDENT : 0) |                \
	 ((c) > 0x20 && (c) < 0x7F ? C_PRINT : 0) |                                                \
	 (C_IS_CRASH(c) || C_IS_CRASH((c) + 32) ? C_CRASH : 0))
#define C4(i)  C(i), C((i) + 1), C((i) + 2), C((i) + 3)
#define C16(i) C4(i), C4((i) + 4), C4((i) + 8), C4((i) + 12)
#define C64(i) C16(i), C16((i) + 16), C16((i) + 32), C16((i) + 48)
static const unsigned char char_class[256] = {C64(0), C64(64), C64(128), C64(192)};
#undef C
#undef C4
#undef C16
#undef C64

static bool has_class(char c, int cls)
{
	return (char_class[(unsigned char)c] & cls) != 0;
}

static bool is_digit(char c)
{
	return has_class(c, C_DIGIT);
}

static bool is_space(char c)
{
	return has_class(c, C_SPACE);
}

static char lower_ascii(char c)
{
	if (c >= 'A' && c <= 'Z')
		return (char)(c - 'A' + 'a');
	return c;
}

/* The end of a run of bytes of class @p cls starting at @p p. */
static const char *run_of(const char *p, const char *end, int cls)
{
	/* four bytes a turn: process names and Class::Method run long enough */
	while (end - p >= 4 &&
	       (char_class[(unsigned char)p[0]] & char_class[(unsigned char)p[1]] &
	        char_class[(unsigned char)p[2]] & char_class[(unsigned char)p[3]] & cls))
		p += 4;
	while (p < end && (char_class[(unsigned char)*p] & cls))
		p++;
	return p;
}

static const char *skip_ws(const char *p, const char *end)
{
	while (p < end && is_space(*p))
		p++;
	return p;
}

/* Unsigned decimal of at most 10 digits and at most @p max. */
static bool parse_uint(const char **pp, const char *end, int64_t max, int64_t *out)
{
	const char *p = *pp;
	int64_t v = 0;
	int n = 0;

	while (p < end && is_digit(*p) && n < 11) {
		v = v * 10 + (*p - '0');
		p++;
		n++;
	}
	if (n == 0 || n > 10 || v > max)
		return false;
	*out = v;
	*pp = p;
	return true;
}

/* Exactly @p n digits. */
static bool parse_fixed(const char *p, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (!is_digit(p[i]))
			return false;
		v = v * 10 + (p[i] - '0');
	}
	*out = v;
	return true;
}

/* Skip blanks, then match @p word exactly. */
static bool expect_n(const char **pp, const char *end, const char *word, size_t n)
{
	const char *p = skip_ws(*pp, end);

	if ((size_t)(end - p) < n || memcmp(p, word, n) != 0)
		return false;
	*pp = p + n;
	return true;
}

#define expect(pp, end, literal) expect_n(pp, end, literal, sizeof(literal) - 1)

static bool starts_with(const char *p, size_t len, const char *word, size_t n)
{
	return len >= n && memcmp(p, word, n) == 0;
}

/* Days since 1970-01-01 of a valid civil date, or false. */
static bool civil_day(int y, int m, int d, int64_t *out)
{
	int64_t day;
	int64_t yy;
	unsigned mm, dd;

	if (y < 1970 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31)
		return false;
	day = sgg__days_from_civil(y, (unsigned)m, (unsigned)d);
	sgg__civil_from_days(day, &yy, &mm, &dd);
	if (yy != y || mm != (unsigned)m || dd != (unsigned)d)
		return false; /* 31 November and the like */
	*out = day;
	return true;
}

/* Copy printable ASCII, anything else as '?', at most @p max bytes. */
static void copy_printable(char *dst, size_t max, const char *src, size_t len)
{
	size_t n = len < max ? len : max;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)src[i];

		if (c >= 0x20 && c < 0x7F)
			dst[i] = (char)c;
		else
			dst[i] = '?';
	}
	dst[n] = '\0';
}

/* A copy of a file name fit to show: valid UTF-8 is kept, other bytes become '?'. */
static char *display_name(const char *given)
{
	const unsigned char *s = (const unsigned char *)given;
	size_t len = strlen(given);
	char *out = sgg__malloc(len + 1);
	size_t i = 0;

	if (!out)
		return NULL;
	while (i < len) {
		unsigned char c = s[i];
		size_t n = c < 0x80             ? 1
		           : (c & 0xE0) == 0xC0 ? 2
		           : (c & 0xF0) == 0xE0 ? 3
		           : (c & 0xF8) == 0xF0 ? 4
		                                : 0;
		bool ok = n > 0 && i + n <= len && !(n == 2 && c < 0xC2) && !(n == 4 && c > 0xF4);

		for (size_t k = 1; ok && k < n; k++)
			ok = (s[i + k] & 0xC0) == 0x80;
		/* refuse overlong three- and four-byte forms and surrogates */
		if (ok && n == 3)
			ok = !(c == 0xE0 && s[i + 1] < 0xA0) && !(c == 0xED && s[i + 1] >= 0xA0);
		if (ok && n == 4)
			ok = !(c == 0xF0 && s[i + 1] < 0x90) && !(c == 0xF4 && s[i + 1] >= 0x90);
		if (!ok || (n == 1 && (c < 0x20 || c == 0x7F))) {
			out[i++] = '?';
			continue;
		}
		memcpy(out + i, s + i, n);
		i += n;
	}
	out[len] = '\0';
	return out;
}

/* ---- options, creation, destruction ---- */

const char *sgg_scan_kind_name(sgg_scan_kind kind)
{
	switch (kind) {
	case SGG_SCAN_INCIDENT: return "incident";
	case SGG_SCAN_HARMLESS: return "harmless";
	case SGG_SCAN_UNEXPLAINED: return "unexplained";
	default: return NULL;
	}
}

int sgg_scan_new(sgg_scan **out, const sgg_scan_options *opts, sgg_error *err)
{
	sgg_scan_options defaults = SGG_SCAN_OPTIONS_INIT;
	sgg_scan *s = NULL;

	if (!out)
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL, "NULL argument");
	*out = NULL;
	if (!opts)
		opts = &defaults;
	if (opts->version != SGG_SCAN_OPTIONS_VERSION)
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL,
		                      "unknown scan options version %u", opts->version);
	if (opts->window == 0 || opts->window > 86400)
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL,
		                      "the window must be between 1 second and 1 day");
	if (opts->max_line != 0 && (opts->max_line < 80 || opts->max_line > 1048576))
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL,
		                      "the longest line must be between 80 bytes and 1 MiB");
	s = sgg__calloc(1, sizeof(*s));
	if (!s)
		return sgg__error_oom(err);
	s->window = opts->window < 0 ? SGG_SCAN_DEFAULT_WINDOW : opts->window;
	s->max_line = opts->max_line ? opts->max_line : SGG_SCAN_DEFAULT_MAX_LINE;
	s->config = opts->config;
	s->last_secs = -1;
	s->open_until = INT64_MIN;
	sgg__imap_init(&s->proc_index);
	sgg__imap_init(&s->group_index);
	sgg__imap_init(&s->agent_index);
	s->carry = sgg__malloc(s->max_line + 2);
	s->join = sgg__malloc(s->max_line + 2);
	if (!s->carry || !s->join) {
		sgg_scan_free(s);
		return sgg__error_oom(err);
	}
	*out = s;
	return 0;
}

void sgg_scan_free(sgg_scan *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n_sources; i++) {
		sgg__free_ptr(s->sources[i].given);
		sgg__free_ptr(s->sources[i].name);
	}
	sgg__free_ptr(s->sources);
	sgg__free_ptr(s->carry);
	sgg__free_ptr(s->join);
	sgg__free_ptr(s->procs);
	sgg__imap_clear(&s->proc_index);
	sgg__free_ptr(s->recs);
	sgg__free_ptr(s->free_recs);
	sgg__free_ptr(s->groups);
	sgg__imap_clear(&s->group_index);
	sgg__free_ptr(s->agents);
	sgg__imap_clear(&s->agent_index);
	sgg__free_ptr(s->pub_sources);
	sgg__free_ptr(s->pub_incidents);
	sgg__free_ptr(s->pub_groups);
	sgg__free_ptr(s->pub_agents);
	sgg__free_ptr(s->pub_changes);
	sgg__free_ptr(s->pub_totals);
	sgg__free_ptr(s);
}

/* ---- processes ---- */

/* The process named @p name, created on first sight: 0, 1 beyond the limit, or SGG_ENOMEM. */
static int lookup_proc(sgg_scan *s, const char *name, size_t len, size_t *out)
{
	uint64_t h;
	uint32_t idx;
	proc_i *p;
	const char *dash;
	bool indexed = true;

	if (s->n_procs > 0 && s->procs[s->last_proc].len == len &&
	    memcmp(s->procs[s->last_proc].name, name, len) == 0) {
		*out = s->last_proc;
		return 0;
	}
	h = fnv(FNV_SEED, name, len);
	if (sgg__imap_get(&s->proc_index, (int64_t)h, &idx)) {
		if (s->procs[idx].len == len && memcmp(s->procs[idx].name, name, len) == 0) {
			s->last_proc = idx;
			*out = idx;
			return 0;
		}
		/* two names with one hash: the second is found the slow way */
		indexed = false;
		for (size_t i = 0; i < s->n_procs; i++)
			if (s->procs[i].len == len && memcmp(s->procs[i].name, name, len) == 0) {
				s->last_proc = i;
				*out = i;
				return 0;
			}
	}
	if (s->n_procs >= MAX_PROCESSES)
		return 1;
	if (sgg__grow((void **)&s->procs, &s->cap_procs, s->n_procs + 1, sizeof(*s->procs)) < 0)
		return SGG_ENOMEM;
	idx = (uint32_t)s->n_procs;
	if (indexed) {
		uint32_t existing;

		if (sgg__imap_put(&s->proc_index, (int64_t)h, idx, &existing) < 0)
			return SGG_ENOMEM;
	}
	p = &s->procs[idx];
	memset(p, 0, sizeof(*p));
	memcpy(p->name, name, len);
	p->name[len] = '\0';
	p->len = len;
	dash = NULL;
	for (size_t i = 0; i < len; i++)
		if (name[i] == '-')
			dash = name + i;
	if (dash && dash > name) {
		memcpy(p->node, name, (size_t)(dash - name));
		p->node[dash - name] = '\0';
	} else {
		memcpy(p->node, p->name, len + 1);
	}
	p->removal = -1;
	p->unexplained = -1;
	s->n_procs++;
	s->last_proc = idx;
	*out = idx;
	return 0;
}

/* ---- entries (records) ---- */

static int new_record(sgg_scan *s, uint32_t proc, const stamp_i *at, int32_t *out)
{
	uint32_t idx;
	rec_i *r;

	*out = -1;
	if (s->n_free > 0) {
		idx = s->free_recs[--s->n_free];
	} else if (s->n_recs < MAX_RECORDS) {
		if (sgg__grow((void **)&s->recs, &s->cap_recs, s->n_recs + 1, sizeof(*s->recs)) < 0)
			return SGG_ENOMEM;
		idx = (uint32_t)s->n_recs++;
	} else {
		return 0;
	}
	r = &s->recs[idx];
	memset(r, 0, sizeof(*r));
	r->used = true;
	r->open = true;
	r->proc = proc;
	r->start = *at;
	r->window_end = abs_time(at) + s->window;
	s->n_open++;
	if (r->window_end > s->open_until)
		s->open_until = r->window_end;
	*out = (int32_t)idx;
	return 0;
}

static void close_record(sgg_scan *s, uint32_t idx)
{
	rec_i *r = &s->recs[idx];
	proc_i *p = &s->procs[r->proc];

	if (!r->open)
		return;
	r->open = false;
	if (--s->n_open == 0)
		s->open_until = INT64_MIN;
	if (p->removal == (int32_t)idx)
		p->removal = -1;
	if (p->unexplained == (int32_t)idx)
		p->unexplained = -1;
	if (r->has_removal) {
		r->kind = r->traces > 0 ? SGG_SCAN_INCIDENT : SGG_SCAN_HARMLESS;
		/* a trace whose two numbers disagree is not what OPC writes: it
		 * alone does not make the pattern */
		r->matches = r->traces > r->mismatches;
	} else {
		r->kind = SGG_SCAN_UNEXPLAINED;
		r->matches = false;
	}
	if (r->matches)
		s->n_matches++;
	if (r->kind == SGG_SCAN_HARMLESS) {
		/* past the limit the slot is reused: such harmless removals are
		 * counted only (kept listed if the free list cannot grow) */
		if (s->n_harmless >= MAX_HARMLESS &&
		    sgg__grow((void **)&s->free_recs, &s->cap_free, s->n_free + 1,
		              sizeof(*s->free_recs)) == 0) {
			r->used = false;
			s->free_recs[s->n_free++] = idx;
			s->stats.unlisted++;
		} else {
			s->n_harmless++;
		}
	}
}

/* Whether @p at falls in record @p r's window. */
static bool in_window(const sgg_scan *s, const rec_i *r, const stamp_i *at)
{
	int64_t t = abs_time(at);

	(void)s;
	return same_timeline(&r->start, at) && t >= abs_time(&r->start) - JITTER &&
	       t <= r->window_end;
}

/* Close the process's open records whose window @p at has left. */
static void expire(sgg_scan *s, proc_i *p, const stamp_i *at)
{
	if (p->removal >= 0 && !in_window(s, &s->recs[p->removal], at))
		close_record(s, (uint32_t)p->removal);
	if (p->unexplained >= 0 && !in_window(s, &s->recs[p->unexplained], at))
		close_record(s, (uint32_t)p->unexplained);
	if (p->overflow &&
	    !(same_timeline(&p->overflow_at, at) && abs_time(at) <= p->overflow_end &&
	      abs_time(at) >= abs_time(&p->overflow_at) - JITTER))
		p->overflow = false;
}

/* ---- configuration update summaries ---- */

static void add_change(change_i *list, size_t *n, size_t max, char action, const char *kind,
                       int64_t objects)
{
	for (size_t i = 0; i < *n; i++)
		if (list[i].action == action && strcmp(list[i].kind, kind) == 0) {
			if (list[i].objects <= INT64_MAX - objects)
				list[i].objects += objects;
			list[i].lines++;
			return;
		}
	if (*n >= max)
		return;
	list[*n].action = action;
	memcpy(list[*n].kind, kind, strlen(kind) + 1);
	list[*n].objects = objects;
	list[*n].lines = 1;
	(*n)++;
}

static bool is_skill_group_kind(const char *kind)
{
	const char *want = "skillgroup";
	size_t i = 0;

	for (; want[i]; i++)
		if (lower_ascii(kind[i]) != want[i])
			return false;
	return kind[i] == '\0' || ((kind[i] == 's' || kind[i] == 'S') && kind[i + 1] == '\0');
}

static int on_summary(sgg_scan *s, uint32_t pi, const stamp_i *at, char action, const char *kind,
                      int64_t objects)
{
	proc_i *p = &s->procs[pi];
	rec_i *r;
	int32_t idx;
	int rc;

	s->stats.summaries++;
	add_change(s->totals, &s->n_totals, MAX_TOTALS, action, kind, objects);
	expire(s, p, at);
	if (!p->has_batch || !same_timeline(&p->batch_last, at) ||
	    abs_time(at) - abs_time(&p->batch_last) > BATCH_GAP ||
	    abs_time(at) < abs_time(&p->batch_last) - JITTER) {
		p->batch_id++;
		p->n_batch = 0;
		p->has_batch = true;
	}
	p->batch_last = *at;
	add_change(p->batch, &p->n_batch, MAX_BATCH, action, kind, objects);
	r = p->removal >= 0 ? &s->recs[p->removal] : NULL;
	if (r && r->batch_id == p->batch_id)
		add_change(r->changes, &r->n_changes, MAX_BATCH, action, kind, objects);
	if (action != 'R' || objects == 0 || !is_skill_group_kind(kind))
		return 0;

	/* a removal of skill groups */
	if (r && r->batch_id == p->batch_id) {
		/* the same configuration update removing more */
		if (r->removed <= INT64_MAX - objects)
			r->removed += objects;
		return 0;
	}
	s->stats.removals++;
	if (p->removal >= 0)
		close_record(s, (uint32_t)p->removal);
	if (p->unexplained >= 0)
		close_record(s, (uint32_t)p->unexplained);
	p->overflow = false;
	rc = new_record(s, pi, at, &idx);
	if (rc < 0)
		return rc;
	if (idx < 0) {
		/* no room to list it: still follow its window for the verdict */
		s->stats.unlisted++;
		p->overflow = true;
		p->overflow_matched = false;
		p->overflow_at = *at;
		p->overflow_end = abs_time(at) + s->window;
		return 0;
	}
	r = &s->recs[idx];
	r->has_removal = true;
	r->removed = objects;
	r->batch_id = p->batch_id;
	memcpy(r->changes, p->batch, p->n_batch * sizeof(p->batch[0]));
	r->n_changes = p->n_batch;
	p->removal = idx;
	return 0;
}

/* "UPDATED 1 SkillGroups." and the like; false when @p m is something else. */
static bool parse_summary(const char *m, const char *end, char *action, char *kind,
                          int64_t *objects)
{
	const char *p = m, *k;
	size_t len = (size_t)(end - m);

	if (starts_with(m, len, "UPDATED", 7)) {
		*action = 'U';
		p += 7;
	} else if (starts_with(m, len, "REMOVED", 7)) {
		*action = 'R';
		p += 7;
	} else if (starts_with(m, len, "ADDED", 5)) {
		*action = 'A';
		p += 5;
	} else {
		return false;
	}
	if (p == end || !is_space(*p))
		return false;
	p = skip_ws(p, end);
	if (!parse_uint(&p, end, INT64_C(2147483647), objects) || p == end || !is_space(*p))
		return false;
	p = skip_ws(p, end);
	k = p;
	while (p < end && ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || *p == '_'))
		p++;
	if (p == k || p - k > KIND_MAX)
		return false;
	memcpy(kind, k, (size_t)(p - k));
	kind[p - k] = '\0';
	if (p < end && *p == '.')
		p++;
	return skip_ws(p, end) == end;
}

/* ---- unknown-skill-group traces ---- */

typedef struct unknown_trace {
	int64_t number, hex, priority, peripheral;
	bool has_hex;
	const char *agent;
	size_t agent_len;
} unknown_trace;

/*
 * "Agent::GetSessionTimes - SkillGroup 40424 (0x9DE8) priority=0 unknown for
 * agent 1428 on Peripheral 5000." after "Trace:"; any Class::Method may come
 * first, the hexadecimal number may be missing, blanks may vary.
 */
static bool parse_unknown(const char *m, const char *end, unknown_trace *u)
{
	const char *p = m, *a;

	p = run_of(m, end, C_IDENT);
	if (p == m)
		return false;
	p = skip_ws(p, end);
	if (p == end || *p != '-')
		return false;
	p++;
	/* most traces have "Class::Method - " too: tell them apart on one byte */
	p = skip_ws(p, end);
	if (p == end || *p != 'S' || !expect(&p, end, "SkillGroup"))
		return false;
	p = skip_ws(p, end);
	if (!parse_uint(&p, end, SGG_NUMBER_MAX, &u->number))
		return false;
	p = skip_ws(p, end);
	u->has_hex = false;
	if (p < end && *p == '(') {
		int64_t v = 0;
		int n = 0;

		p = skip_ws(p + 1, end);
		if (end - p < 2 || p[0] != '0' || (p[1] != 'x' && p[1] != 'X'))
			return false;
		for (p += 2; p < end && n < 9; p++, n++) {
			char c = *p;
			int d = is_digit(c)              ? c - '0'
			        : (c >= 'a' && c <= 'f') ? c - 'a' + 10
			        : (c >= 'A' && c <= 'F') ? c - 'A' + 10
			                                 : -1;

			if (d < 0)
				break;
			v = v * 16 + d;
		}
		if (n == 0 || n > 8 || !expect(&p, end, ")"))
			return false;
		u->has_hex = true;
		u->hex = v;
	}
	if (!expect(&p, end, "priority") || !expect(&p, end, "="))
		return false;
	p = skip_ws(p, end);
	if (!parse_uint(&p, end, SGG_PRIORITY_MAX, &u->priority))
		return false;
	if (!expect(&p, end, "unknown") || !expect(&p, end, "for") || !expect(&p, end, "agent"))
		return false;
	p = skip_ws(p, end);
	a = p;
	while (p < end && has_class(*p, C_PRINT))
		p++;
	if (p == a || p - a > AGENT_MAX)
		return false;
	u->agent = a;
	u->agent_len = (size_t)(p - a);
	if (!expect(&p, end, "on") || !expect(&p, end, "Peripheral"))
		return false;
	p = skip_ws(p, end);
	if (!parse_uint(&p, end, SGG_PERIPHERAL_MAX, &u->peripheral) || u->peripheral < 1)
		return false;
	return true;
}

static uint64_t group_hash(uint32_t rec, const unknown_trace *u)
{
	return mix(mix(mix(mix(FNV_SEED, rec), (uint64_t)u->peripheral), (uint64_t)u->number),
	           (uint64_t)u->priority);
}

static uint64_t agent_hash(uint32_t rec, int64_t peripheral, const char *number, size_t len)
{
	return fnv(mix(mix(FNV_SEED, rec), (uint64_t)peripheral), number, len);
}

static int add_trace(sgg_scan *s, uint32_t ri, const stamp_i *at, const unknown_trace *u,
                     bool mismatch)
{
	rec_i *r = &s->recs[ri];
	uint64_t h;
	uint32_t idx, existing;
	int rc;

	if (r->traces == 0)
		r->first_trace = *at;
	r->last_trace = *at;
	r->traces++;
	if (mismatch)
		r->mismatches++;
	/* each trace keeps the entry open a window longer */
	if (abs_time(at) + s->window > r->window_end)
		r->window_end = abs_time(at) + s->window;
	if (r->window_end > s->open_until)
		s->open_until = r->window_end;

	h = group_hash(ri, u);
	if (sgg__imap_get(&s->group_index, (int64_t)h, &idx)) {
		group_i *g = &s->groups[idx];

		if (g->rec == ri && g->peripheral == u->peripheral && g->number == u->number &&
		    g->priority == u->priority) {
			g->traces++;
			if (!g->has_hex && u->has_hex) {
				g->has_hex = true;
				g->hex = u->hex;
			}
			if (mismatch && g->mismatches++ == 0)
				g->mismatch_hex = u->hex;
		} else {
			r->groups_unlisted++; /* a hash collision: counted, not listed */
		}
	} else if (s->n_groups >= MAX_GROUP_ENTRIES) {
		r->groups_unlisted++;
	} else {
		group_i *g;

		if (sgg__grow((void **)&s->groups, &s->cap_groups, s->n_groups + 1,
		              sizeof(*s->groups)) < 0)
			return SGG_ENOMEM;
		rc = sgg__imap_put(&s->group_index, (int64_t)h, (uint32_t)s->n_groups, &existing);
		if (rc < 0)
			return SGG_ENOMEM;
		g = &s->groups[s->n_groups++];
		memset(g, 0, sizeof(*g));
		g->rec = ri;
		g->peripheral = (int)u->peripheral;
		g->number = u->number;
		g->priority = (int)u->priority;
		g->has_hex = u->has_hex;
		g->hex = u->has_hex ? u->hex : 0;
		g->traces = 1;
		if (mismatch) {
			g->mismatches = 1;
			g->mismatch_hex = u->hex;
		}
		r->n_groups++;
	}

	h = agent_hash(ri, u->peripheral, u->agent, u->agent_len);
	if (sgg__imap_get(&s->agent_index, (int64_t)h, &idx)) {
		agent_i *a = &s->agents[idx];

		if (a->rec == ri && a->peripheral == u->peripheral &&
		    strlen(a->number) == u->agent_len &&
		    memcmp(a->number, u->agent, u->agent_len) == 0)
			a->traces++;
		else
			r->agents_unlisted++;
	} else if (s->n_agents >= MAX_AGENT_ENTRIES) {
		r->agents_unlisted++;
	} else {
		agent_i *a;

		if (sgg__grow((void **)&s->agents, &s->cap_agents, s->n_agents + 1,
		              sizeof(*s->agents)) < 0)
			return SGG_ENOMEM;
		rc = sgg__imap_put(&s->agent_index, (int64_t)h, (uint32_t)s->n_agents, &existing);
		if (rc < 0)
			return SGG_ENOMEM;
		a = &s->agents[s->n_agents++];
		memset(a, 0, sizeof(*a));
		a->rec = ri;
		a->peripheral = (int)u->peripheral;
		memcpy(a->number, u->agent, u->agent_len);
		a->number[u->agent_len] = '\0';
		a->traces = 1;
		a->skill_group = u->number;
		r->n_agents++;
	}
	return 0;
}

static int on_unknown(sgg_scan *s, uint32_t pi, const stamp_i *at, const unknown_trace *u)
{
	proc_i *p = &s->procs[pi];
	bool mismatch = u->has_hex && u->hex != u->number;
	int32_t idx;
	int rc;

	s->stats.traces++;
	if (mismatch)
		s->stats.mismatches++;
	expire(s, p, at);
	if (p->removal >= 0)
		return add_trace(s, (uint32_t)p->removal, at, u, mismatch);
	if (p->overflow) {
		if (!mismatch && !p->overflow_matched) {
			p->overflow_matched = true;
			s->n_matches++;
		}
		if (abs_time(at) + s->window > p->overflow_end)
			p->overflow_end = abs_time(at) + s->window;
		return 0;
	}
	if (p->unexplained < 0) {
		rc = new_record(s, pi, at, &idx);
		if (rc < 0)
			return rc;
		if (idx < 0) {
			s->stats.unlisted++;
			return 0;
		}
		p->unexplained = idx;
	}
	return add_trace(s, (uint32_t)p->unexplained, at, u, mismatch);
}

/* ---- crash and restart lines ---- */

/*
 * Words that mark a crash or a restart, matched in any case anywhere in the
 * message; "process" and "started" count only together ("Process opc
 * started"). Every word begins with a letter marked C_CRASH.
 */
static const struct {
	const char *word;
	size_t len;
	int kind; /* 0: alone; 1: "process"; 2: "started" */
} crash_words[] = {
    {"dr. watson", 10, 0}, {"drwtsn", 6, 0},       {"exception", 9, 0}, {"access violation", 16, 0},
    {"terminated", 10, 0}, {"terminating", 11, 0}, {"is down", 7, 0},   {"restart", 7, 0},
    {"crash", 5, 0},       {"process", 7, 1},      {"started", 7, 2},
};

static bool same_lower(const char *text, const char *word, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (lower_ascii(text[i]) != word[i])
			return false;
	return true;
}

/* The crash words a lower-case letter begins, as indexes ended by -1. */
static const signed char *words_starting(char c)
{
	static const signed char a[] = {3, -1}, cc[] = {8, -1}, d[] = {0, 1, -1}, e[] = {2, -1},
	                         i[] = {6, -1}, p[] = {9, -1}, r[] = {7, -1}, st[] = {10, -1},
	                         t[] = {4, 5, -1}, none[] = {-1};

	switch (c) {
	case 'a': return a;
	case 'c': return cc;
	case 'd': return d;
	case 'e': return e;
	case 'i': return i;
	case 'p': return p;
	case 'r': return r;
	case 's': return st;
	case 't': return t;
	default: return none;
	}
}

static bool is_crash(const char *m, size_t len)
{
	bool process = false, started = false;

	/* one pass; only bytes that may begin a word are looked at further */
	for (size_t i = 0; i + 1 < len; i++) {
		if (!has_class(m[i], C_CRASH))
			continue;
		for (const signed char *w = words_starting(lower_ascii(m[i])); *w >= 0; w++) {
			size_t k = (size_t)*w;

			if (len - i < crash_words[k].len ||
			    lower_ascii(m[i + 1]) != crash_words[k].word[1] ||
			    !same_lower(m + i, crash_words[k].word, crash_words[k].len))
				continue;
			if (crash_words[k].kind == 0)
				return true;
			process = process || crash_words[k].kind == 1;
			started = started || crash_words[k].kind == 2;
		}
	}
	return process && started;
}

/* Attach a crash line of @p proc to the open entries of the same node. */
static void on_crash(sgg_scan *s, const char *proc, size_t plen, const stamp_i *at, const char *m,
                     size_t mlen)
{
	size_t node_len = plen;
	bool counted = false;

	for (size_t i = plen; i > 1; i--)
		if (proc[i - 1] == '-') {
			node_len = i - 1;
			break;
		}
	for (size_t i = 0; i < s->n_recs; i++) {
		rec_i *r = &s->recs[i];
		const proc_i *p;

		if (!r->used || !r->open || !in_window(s, r, at))
			continue;
		p = &s->procs[r->proc];
		if (strlen(p->node) != node_len || memcmp(p->node, proc, node_len) != 0)
			continue;
		if (r->crash_lines++ == 0) {
			r->crash = *at;
			copy_printable(r->crash_text, CRASH_TEXT_MAX, m, mlen);
		}
		counted = true;
	}
	if (counted)
		s->stats.crash_lines++;
}

/* ---- one message ---- */

static int handle_message(sgg_scan *s, const char *proc, size_t plen, const stamp_i *at,
                          const char *m, size_t mlen)
{
	const char *end = m + mlen, *body = m;
	size_t pi;
	int rc;

	if (starts_with(m, mlen, "Trace:", 6))
		body = skip_ws(m + 6, end);
	if (body < end) {
		char c = *body;

		if (c == 'U' || c == 'R' || c == 'A') {
			char action, kind[KIND_MAX + 1];
			int64_t objects;

			if (parse_summary(body, end, &action, kind, &objects)) {
				rc = lookup_proc(s, proc, plen, &pi);
				if (rc == 1) {
					s->stats.untracked_lines++;
					return 0;
				}
				if (rc < 0)
					return rc;
				return on_summary(s, (uint32_t)pi, at, action, kind, objects);
			}
		}
		if (body != m) {
			unknown_trace u = {0};

			if (parse_unknown(body, end, &u)) {
				rc = lookup_proc(s, proc, plen, &pi);
				if (rc == 1) {
					s->stats.untracked_lines++;
					return 0;
				}
				if (rc < 0)
					return rc;
				return on_unknown(s, (uint32_t)pi, at, &u);
			}
		}
	}
	/* crash lines matter only next to a removal or traces: look for them
	 * only while an entry's window is open, which keeps the common line cheap */
	if (s->n_open > 0 && abs_time(at) <= s->open_until && is_crash(m, mlen))
		on_crash(s, proc, plen, at, m, mlen);
	return 0;
}

static int flush_join(sgg_scan *s)
{
	if (!s->join_open)
		return 0;
	s->join_open = false;
	return handle_message(s, s->join_proc, s->join_proc_len, &s->join_at, s->join, s->join_len);
}

/* ---- lines ---- */

static bool message_ends(const char *m, size_t len)
{
	while (len > 0 && is_space(m[len - 1]))
		len--;
	return len > 0 && m[len - 1] == '.';
}

static bool parse_month(const char **pp, const char *end, int *month)
{
	static const char *const names[] = {"january",   "february", "march",    "april",
	                                    "may",       "june",     "july",     "august",
	                                    "september", "october",  "november", "december"};
	const char *p = *pp, *w = p;
	size_t n;

	while (p < end && ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')))
		p++;
	n = (size_t)(p - w);
	if (n < 3)
		return false;
	for (int i = 0; i < 12; i++) {
		size_t full = strlen(names[i]), k;

		if (n != 3 && n != full)
			continue;
		for (k = 0; k < n; k++)
			if (lower_ascii(w[k]) != names[i][k])
				break;
		if (k == n) {
			if (n == 3 && p < end && *p == '.')
				p++;
			*month = i + 1;
			*pp = p;
			return true;
		}
	}
	return false;
}

/* A date: "November 29, 2026", "Nov 29 2026", "29 November 2026", "2026-11-29", "11/29/2026". */
static bool parse_date(const char **pp, const char *end, int64_t *day)
{
	const char *p = *pp;
	int y, m, d;
	int64_t v;

	if ((end - p >= 10 && parse_fixed(p, 4, &y) && p[4] == '-' && parse_fixed(p + 5, 2, &m) &&
	     p[7] == '-' && parse_fixed(p + 8, 2, &d)) ||
	    (end - p >= 10 && parse_fixed(p, 2, &m) && p[2] == '/' && parse_fixed(p + 3, 2, &d) &&
	     p[5] == '/' && parse_fixed(p + 6, 4, &y))) {
		/* 2026-11-29 or 11/29/2026 */
		p += 10;
	} else if (p < end && is_digit(*p)) {
		if (!parse_uint(&p, end, 31, &v))
			return false;
		d = (int)v;
		p = skip_ws(p, end);
		if (!parse_month(&p, end, &m))
			return false;
		p = skip_ws(p, end);
		if (!parse_uint(&p, end, 9999, &v))
			return false;
		y = (int)v;
	} else {
		if (!parse_month(&p, end, &m))
			return false;
		p = skip_ws(p, end);
		if (!parse_uint(&p, end, 31, &v))
			return false;
		d = (int)v;
		if (p < end && *p == ',')
			p++;
		p = skip_ws(p, end);
		if (!parse_uint(&p, end, 9999, &v))
			return false;
		y = (int)v;
	}
	if (!civil_day(y, m, d, day))
		return false;
	*pp = p;
	return true;
}

/* "H:MM:SS" or "HH:MM:SS", then an optional fraction; seconds since midnight. */
static bool parse_clock(const char **pp, const char *end, int32_t *secs)
{
	const char *p = *pp;
	int h, m, sec;

	if (end - p >= 8 && p[2] == ':' && p[5] == ':' && is_digit(p[0]) && is_digit(p[1]) &&
	    is_digit(p[3]) && is_digit(p[4]) && is_digit(p[6]) && is_digit(p[7])) {
		/* HH:MM:SS, nearly every line */
		h = (p[0] - '0') * 10 + (p[1] - '0');
		m = (p[3] - '0') * 10 + (p[4] - '0');
		sec = (p[6] - '0') * 10 + (p[7] - '0');
		p += 8;
	} else if (end - p >= 7 && parse_fixed(p, 1, &h) && p[1] == ':' &&
	           parse_fixed(p + 2, 2, &m) && p[4] == ':' && parse_fixed(p + 5, 2, &sec)) {
		p += 7;
	} else {
		return false;
	}
	if (h > 23 || m > 59 || sec > 60)
		return false;
	if (sec == 60)
		sec = 59; /* a leap second stays in its minute */
	if (p < end && (*p == '.' || *p == ',') && p + 1 < end && is_digit(p[1])) {
		p++;
		while (p < end && is_digit(*p))
			p++;
	}
	*secs = h * 3600 + m * 60 + sec;
	*pp = p;
	return true;
}

/* "Events from [Weekday,] DATE [HH:MM:SS [AM|PM]] ..."; false when not one. */
static bool parse_header(sgg_scan *s, const char *line, size_t len)
{
	const char *p = line, *end = line + len, *w;
	int64_t day;
	int32_t secs = -1;

	if (!starts_with(line, len, "Events from", 11))
		return false;
	p = skip_ws(p + 11, end);
	/* a weekday name followed by a comma */
	w = p;
	while (w < end && ((*w >= 'A' && *w <= 'Z') || (*w >= 'a' && *w <= 'z')))
		w++;
	if (w > p && w < end && *w == ',') {
		int month;
		const char *q = p;

		if (!parse_month(&q, end, &month) || q != w)
			p = skip_ws(w + 1, end);
	}
	if (!parse_date(&p, end, &day))
		return false;
	p = skip_ws(p, end);
	if (p < end && (*p == 'T' || *p == ','))
		p = skip_ws(p + 1, end);
	{
		const char *q = p;
		int32_t t;
		int h, m;

		if (parse_clock(&q, end, &t)) {
			secs = t;
			q = skip_ws(q, end);
			/* a 12-hour clock */
			if (end - q >= 2 && (q[1] == 'M' || q[1] == 'm') &&
			    (q[0] == 'A' || q[0] == 'a' || q[0] == 'P' || q[0] == 'p')) {
				h = secs / 3600;
				m = secs % 3600;
				if (h >= 1 && h <= 12) {
					if (h == 12)
						h = 0;
					if (q[0] == 'P' || q[0] == 'p')
						h += 12;
					secs = h * 3600 + m;
				}
			}
		}
	}
	s->dated = true;
	s->day = day;
	s->last_secs = secs;
	return true;
}

static int process_line(sgg_scan *s, const char *line, size_t len)
{
	source_i *src = &s->sources[s->n_sources - 1];
	const char *p = line, *end, *proc, *m;
	stamp_i at;
	int32_t secs;
	int64_t day = 0;
	bool has_date = false;
	size_t plen;
	int rc;

	src->lines++;
	s->stats.lines++;
	if (len > 0 && line[len - 1] == '\r')
		len--;
	if (len > s->max_line) {
		s->stats.long_lines++;
		return flush_join(s);
	}
	if (src->lines == 1) {
		if (len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
			line += 3; /* a UTF-8 byte order mark */
			len -= 3;
			p = line;
		} else if (len >= 2 &&
		           (memcmp(line, "\xFF\xFE", 2) == 0 || memcmp(line, "\xFE\xFF", 2) == 0)) {
			return SGG_ESYNTAX;
		}
	}
	end = line + len;

	/* [DATE ]HH:MM:SS[.fff] PROCESS message */
	if (len >= 10 && (line[4] == '-' || line[2] == '/') && parse_date(&p, end, &day)) {
		has_date = true;
		if (p < end && (*p == 'T' || is_space(*p)))
			p++;
		p = skip_ws(p, end);
	} else {
		p = line;
	}
	if (end - p > 8 && p[2] == ':' && p[5] == ':' && p[8] == ' ' &&
	    (unsigned)(p[0] - '0') <= 2 && (unsigned)(p[1] - '0') <= 9 &&
	    (unsigned)(p[3] - '0') <= 5 && (unsigned)(p[4] - '0') <= 9 &&
	    (unsigned)(p[6] - '0') <= 5 && (unsigned)(p[7] - '0') <= 9 &&
	    (p[0] - '0') * 10 + (p[1] - '0') <= 23) {
		/* "HH:MM:SS " as nearly every line begins: no call */
		secs = ((p[0] - '0') * 10 + (p[1] - '0')) * 3600 +
		       ((p[3] - '0') * 10 + (p[4] - '0')) * 60 + (p[6] - '0') * 10 + (p[7] - '0');
		p += 8;
	} else if (!parse_clock(&p, end, &secs) || p == end || !is_space(*p)) {
		goto not_timed;
	}
	proc = skip_ws(p, end);
	p = run_of(proc, end, C_PRINT);
	plen = (size_t)(p - proc);
	if (plen == 0 || plen > PROC_MAX || (p < end && !is_space(*p)))
		goto not_timed;
	m = skip_ws(p, end);

	/* a timed line: it ends any wrapped line before it */
	if (s->join_open && (rc = flush_join(s)) < 0)
		return rc;
	if (has_date) {
		s->dated = true;
		s->day = day;
		s->last_secs = secs;
	} else {
		if (s->last_secs >= 0 && secs < s->last_secs - JITTER) {
			s->day++; /* past midnight */
			s->last_secs = secs;
		} else if (secs > s->last_secs) {
			s->last_secs = secs;
		}
	}
	at.source = (uint32_t)(s->n_sources - 1);
	at.dated = s->dated;
	at.day = s->day;
	at.secs = secs;
	at.line = src->lines;
	src->trace_lines++;
	s->stats.trace_lines++;
	if (src->first.line == 0)
		src->first = at;
	src->last = at;

	if (starts_with(m, (size_t)(end - m), "Trace:", 6) && !message_ends(m, (size_t)(end - m))) {
		/* may continue on the next line: wait for it */
		s->join_open = true;
		s->join_lines = 0;
		s->join_len = (size_t)(end - m);
		memcpy(s->join, m, s->join_len);
		s->join_at = at;
		memcpy(s->join_proc, proc, plen);
		s->join_proc_len = plen;
		return 0;
	}
	return handle_message(s, proc, plen, &at, m, (size_t)(end - m));

not_timed:
	if (s->join_open && s->join_lines < MAX_CONTINUATIONS &&
	    !starts_with(line, len, "Events from", 11)) {
		const char *c = skip_ws(line, end);
		size_t clen = (size_t)(end - c);

		while (clen > 0 && is_space(c[clen - 1]))
			clen--;
		if (clen > 0 && s->join_len + 1 + clen <= s->max_line) {
			s->join[s->join_len++] = ' ';
			memcpy(s->join + s->join_len, c, clen);
			s->join_len += clen;
			s->join_lines++;
			s->stats.wrapped_lines++;
			if (message_ends(s->join, s->join_len))
				return flush_join(s);
			return 0;
		}
	}
	if (s->join_open && (rc = flush_join(s)) < 0)
		return rc;
	if (parse_header(s, line, len))
		s->stats.date_headers++;
	else
		s->stats.ignored_lines++;
	return 0;
}

/* ---- sources and feeding ---- */

static int end_source(sgg_scan *s)
{
	int rc = 0;

	if (!s->in_source)
		return 0;
	if (s->discarding) {
		s->sources[s->n_sources - 1].lines++;
		s->stats.lines++;
		s->stats.long_lines++;
		s->discarding = false;
	} else if (s->carry_len > 0) {
		rc = process_line(s, s->carry, s->carry_len);
		s->carry_len = 0;
	}
	if (rc == 0)
		rc = flush_join(s);
	s->join_open = false;
	s->in_source = false;
	s->dated = false;
	s->day = 0;
	s->last_secs = -1;
	return rc;
}

static int begin_source(sgg_scan *s, const char *given)
{
	source_i *src;

	if (sgg__grow((void **)&s->sources, &s->cap_sources, s->n_sources + 1,
	              sizeof(*s->sources)) < 0)
		return SGG_ENOMEM;
	src = &s->sources[s->n_sources];
	memset(src, 0, sizeof(*src));
	src->given = sgg__strdup(given);
	src->name = display_name(strcmp(given, "-") == 0 ? "<stdin>" : given);
	if (!src->given || !src->name) {
		sgg__free_ptr(src->given);
		sgg__free_ptr(src->name);
		return SGG_ENOMEM;
	}
	s->n_sources++;
	s->in_source = true;
	return 0;
}

/* Fail the scan for good with @p rc, filling in @p err. */
static int fail(sgg_scan *s, int rc, sgg_error *err)
{
	const source_i *src = s->n_sources ? &s->sources[s->n_sources - 1] : NULL;

	s->broken = true;
	if (rc == SGG_ENOMEM)
		return sgg__error_oom(err);
	if (rc == SGG_ESYNTAX) {
		sgg__error_set(err, rc, src ? src->name : NULL, NULL,
		               "the trace is UTF-16; convert it to UTF-8 or ANSI text first");
		if (err)
			err->line = 1, err->column = 1;
		return rc;
	}
	return sgg__error_set(err, rc, src ? src->name : NULL, NULL, "%s", sgg_strerror(rc));
}

static int check_usable(const sgg_scan *s, sgg_error *err)
{
	if (s->finished)
		return sgg__error_set(err, SGG_ESTATE, NULL, NULL, "the scan is already finished");
	if (s->broken)
		return sgg__error_set(err, SGG_ESTATE, NULL, NULL, "the scan failed earlier");
	return 0;
}

int sgg_scan_feed(sgg_scan *s, const char *data, size_t len, const char *source, sgg_error *err)
{
	const char *end;
	source_i *src;
	int rc;

	if (!s || (!data && len > 0))
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL, "NULL argument");
	if ((rc = check_usable(s, err)) < 0)
		return rc;
	if (!source)
		source = "<buffer>";
	if (s->in_source && s->sources[s->n_sources - 1].given &&
	    strcmp(s->sources[s->n_sources - 1].given, source) != 0 && (rc = end_source(s)) < 0)
		return fail(s, rc, err);
	if (!data) {
		if (!s->in_source && (rc = begin_source(s, source)) < 0)
			return fail(s, rc, err);
		if ((rc = end_source(s)) < 0)
			return fail(s, rc, err);
		return 0;
	}
	if (!s->in_source && (rc = begin_source(s, source)) < 0)
		return fail(s, rc, err);
	src = &s->sources[s->n_sources - 1];
	src->bytes += len;
	s->stats.bytes += len;
	end = data + len;
	while (data < end) {
		const char *nl = memchr(data, '\n', (size_t)(end - data));

		if (s->discarding) {
			if (!nl)
				return 0;
			src->lines++;
			s->stats.lines++;
			s->stats.long_lines++;
			s->discarding = false;
			if ((rc = flush_join(s)) < 0)
				return fail(s, rc, err);
			data = nl + 1;
			continue;
		}
		if (s->carry_len > 0) {
			size_t take = nl ? (size_t)(nl - data) : (size_t)(end - data);

			if (s->carry_len + take > s->max_line + 1) {
				s->discarding = true;
				s->carry_len = 0;
				continue;
			}
			memcpy(s->carry + s->carry_len, data, take);
			s->carry_len += take;
			if (!nl)
				return 0;
			rc = process_line(s, s->carry, s->carry_len);
			s->carry_len = 0;
			if (rc < 0)
				return fail(s, rc, err);
			data = nl + 1;
			continue;
		}
		/* the fast path: whole lines in place */
		while (nl) {
			if ((rc = process_line(s, data, (size_t)(nl - data))) < 0)
				return fail(s, rc, err);
			data = nl + 1;
			nl = data < end ? memchr(data, '\n', (size_t)(end - data)) : NULL;
		}
		if (data < end) {
			size_t rest = (size_t)(end - data);

			if (rest > s->max_line + 1) {
				s->discarding = true;
			} else {
				memcpy(s->carry, data, rest);
				s->carry_len = rest;
			}
		}
		break;
	}
	return 0;
}

int sgg_scan_feed_file(sgg_scan *s, const char *path, sgg_error *err)
{
	const char *shown;
	FILE *f;
	char *buf = NULL;
	bool is_stdin, fed = false;
	int rc = 0;

	if (!s || !path)
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL, "NULL argument");
	if ((rc = check_usable(s, err)) < 0)
		return rc;
	is_stdin = strcmp(path, "-") == 0;
	shown = is_stdin ? "<stdin>" : path;
	f = is_stdin ? stdin : fopen(path, "rb");
	if (!f)
		return sgg__error_set(err, SGG_EIO, shown, NULL, "cannot open: %s",
		                      strerror(errno));
	buf = sgg__malloc(READ_CHUNK);
	if (!buf) {
		rc = sgg__error_oom(err);
		goto out;
	}
	/* the previous source ends here even when it had the same name */
	if (s->in_source &&
	    (rc = sgg_scan_feed(s, NULL, 0, s->sources[s->n_sources - 1].given, err)) < 0)
		goto out;
	for (;;) {
		size_t got = fread(buf, 1, READ_CHUNK, f);

		if (got > 0 && (rc = sgg_scan_feed(s, buf, got, path, err)) < 0)
			goto out;
		fed = fed || got > 0;
		if (got < READ_CHUNK) {
			if (ferror(f)) {
				rc = sgg__error_set(err, SGG_EIO, shown, NULL, "cannot read: %s",
				                    strerror(errno));
				/* half a file read is no basis for a verdict */
				s->broken = s->broken || fed;
				goto out;
			}
			break;
		}
	}
	rc = sgg_scan_feed(s, NULL, 0, path, err);
out:
	sgg__free_ptr(buf);
	if (f && !is_stdin)
		fclose(f);
	return rc;
}

/* ---- finishing: the read-only view ---- */

static sgg_scan_stamp pub_stamp(const sgg_scan *s, const stamp_i *st)
{
	sgg_scan_stamp out;

	memset(&out, 0, sizeof(out));
	if (st->line == 0)
		return out;
	out.source = s->sources[st->source].name;
	out.line = st->line;
	out.dated = st->dated;
	out.day = st->day;
	out.seconds = st->secs;
	return out;
}

/* The listing order: source, then line. */
typedef struct rec_key {
	uint32_t source;
	uint64_t line;
	uint32_t idx;
} rec_key;

static int cmp_keys(const void *a, const void *b)
{
	const rec_key *x = a, *y = b;

	if (x->source != y->source)
		return x->source < y->source ? -1 : 1;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* Give each listed group and agent its row in the configuration. */
static int name_from_config(sgg_scan *s)
{
	const sgg_config *cfg = s->config;
	sgg__imap wanted;
	uint32_t head, existing;
	int rc = SGG_ENOMEM;

	sgg__imap_init(&wanted);
	for (size_t i = 0; i < s->n_pub; i++)
		for (size_t k = 0; k < s->pub_incidents[i].n_groups; k++) {
			uint32_t idx = (uint32_t)(s->pub_incidents[i].groups - s->pub_groups + k);
			const sgg_scan_group *g = &s->pub_groups[idx];
			int put = sgg__imap_put(
			    &wanted, sgg__number_key(g->peripheral, g->number, g->priority), idx,
			    &existing);

			if (put < 0)
				goto out;
			s->groups[idx].next = put == 1 ? s->groups[existing].next : UINT32_MAX;
			if (put == 1)
				s->groups[existing].next = idx;
		}
	for (size_t i = 0, n = sgg_config_skill_group_count(cfg); i < n; i++) {
		const sgg_skill_group *row = sgg_config_skill_group_at(cfg, i);

		if (!row || row->peripheral < 1 || row->peripheral > SGG_PERIPHERAL_MAX ||
		    row->number < 0 || row->number > SGG_NUMBER_MAX || row->priority < 0 ||
		    row->priority > SGG_PRIORITY_MAX)
			continue;
		if (!sgg__imap_get(&wanted,
		                   sgg__number_key(row->peripheral, row->number, row->priority),
		                   &head))
			continue;
		for (uint32_t k = head; k != UINT32_MAX; k = s->groups[k].next) {
			sgg_scan_group *g = &s->pub_groups[k];

			/* the removed row is the one OPC no longer knows: prefer it */
			if (!g->config || (!g->config->deleted && row->deleted))
				g->config = row;
		}
	}
	sgg__imap_clear(&wanted);

	for (size_t i = 0; i < s->n_pub; i++)
		for (size_t k = 0; k < s->pub_incidents[i].n_agents; k++) {
			const sgg_scan_agent *a = &s->pub_incidents[i].agents[k];
			uint32_t idx = (uint32_t)(a - s->pub_agents);
			int put = sgg__imap_put(
			    &wanted,
			    (int64_t)agent_hash(0, a->peripheral, a->number, strlen(a->number)),
			    idx, &existing);

			if (put < 0)
				goto out;
			s->agents[idx].next = put == 1 ? s->agents[existing].next : UINT32_MAX;
			if (put == 1)
				s->agents[existing].next = idx;
		}
	for (size_t i = 0, n = sgg_config_agent_count(cfg); i < n; i++) {
		const sgg_agent *row = sgg_config_agent_at(cfg, i);

		if (!row || !row->number ||
		    !sgg__imap_get(
		        &wanted,
		        (int64_t)agent_hash(0, row->peripheral, row->number, strlen(row->number)),
		        &head))
			continue;
		for (uint32_t k = head; k != UINT32_MAX; k = s->agents[k].next) {
			sgg_scan_agent *a = &s->pub_agents[k];

			if (!a->config && a->peripheral == row->peripheral &&
			    strcmp(a->number, row->number) == 0)
				a->config = row;
		}
	}
	rc = 0;
out:
	sgg__imap_clear(&wanted);
	return rc;
}

static int build_view(sgg_scan *s)
{
	rec_key *keys = NULL;
	size_t n = 0, n_changes = 0, *group_pos = NULL, *agent_pos = NULL;
	group_i *sorted_groups = NULL;
	agent_i *sorted_agents = NULL;
	int rc = SGG_ENOMEM;

	for (size_t i = 0; i < s->n_recs; i++)
		if (s->recs[i].used) {
			n++;
			n_changes += s->recs[i].n_changes;
		}
	keys = sgg__calloc(n ? n : 1, sizeof(*keys));
	s->pub_incidents = sgg__calloc(n ? n : 1, sizeof(*s->pub_incidents));
	s->pub_groups = sgg__calloc(s->n_groups ? s->n_groups : 1, sizeof(*s->pub_groups));
	s->pub_agents = sgg__calloc(s->n_agents ? s->n_agents : 1, sizeof(*s->pub_agents));
	s->pub_changes = sgg__calloc(n_changes ? n_changes : 1, sizeof(*s->pub_changes));
	s->pub_totals = sgg__calloc(s->n_totals ? s->n_totals : 1, sizeof(*s->pub_totals));
	s->pub_sources = sgg__calloc(s->n_sources ? s->n_sources : 1, sizeof(*s->pub_sources));
	group_pos = sgg__calloc(s->n_recs ? s->n_recs : 1, sizeof(*group_pos));
	agent_pos = sgg__calloc(s->n_recs ? s->n_recs : 1, sizeof(*agent_pos));
	sorted_groups = sgg__calloc(s->n_groups ? s->n_groups : 1, sizeof(*sorted_groups));
	sorted_agents = sgg__calloc(s->n_agents ? s->n_agents : 1, sizeof(*sorted_agents));
	if (!keys || !s->pub_incidents || !s->pub_groups || !s->pub_agents || !s->pub_changes ||
	    !s->pub_totals || !s->pub_sources || !group_pos || !agent_pos || !sorted_groups ||
	    !sorted_agents)
		goto out;

	n = 0;
	for (size_t i = 0; i < s->n_recs; i++)
		if (s->recs[i].used) {
			keys[n].source = s->recs[i].start.source;
			keys[n].line = s->recs[i].start.line;
			keys[n].idx = (uint32_t)i;
			n++;
		}
	qsort(keys, n, sizeof(*keys), cmp_keys);

	/* lay each entry's groups and agents out together, in listing order */
	{
		size_t gpos = 0, apos = 0;

		for (size_t k = 0; k < n; k++) {
			group_pos[keys[k].idx] = gpos;
			agent_pos[keys[k].idx] = apos;
			gpos += s->recs[keys[k].idx].n_groups;
			apos += s->recs[keys[k].idx].n_agents;
		}
		for (size_t i = 0; i < s->n_groups; i++)
			sorted_groups[group_pos[s->groups[i].rec]++] = s->groups[i];
		for (size_t i = 0; i < s->n_agents; i++)
			sorted_agents[agent_pos[s->agents[i].rec]++] = s->agents[i];
		sgg__free_ptr(s->groups);
		sgg__free_ptr(s->agents);
		s->groups = sorted_groups;
		s->agents = sorted_agents;
		sorted_groups = NULL;
		sorted_agents = NULL;
	}
	for (size_t i = 0; i < s->n_groups; i++) {
		const group_i *g = &s->groups[i];
		sgg_scan_group *pg = &s->pub_groups[i];

		pg->peripheral = g->peripheral;
		pg->number = g->number;
		pg->priority = g->priority;
		pg->has_hex = g->has_hex;
		pg->hex = g->hex;
		pg->traces = g->traces;
		pg->mismatches = g->mismatches;
		pg->mismatch_hex = g->mismatch_hex;
	}
	for (size_t i = 0; i < s->n_agents; i++) {
		const agent_i *a = &s->agents[i];
		sgg_scan_agent *pa = &s->pub_agents[i];

		pa->peripheral = a->peripheral;
		pa->number = a->number;
		pa->traces = a->traces;
		pa->skill_group = a->skill_group;
	}
	{
		size_t gpos = 0, apos = 0, cpos = 0;

		for (size_t k = 0; k < n; k++) {
			const rec_i *r = &s->recs[keys[k].idx];
			const proc_i *p = &s->procs[r->proc];
			sgg_scan_incident *pi = &s->pub_incidents[k];

			pi->kind = r->kind;
			pi->matches = r->matches;
			pi->process = p->name;
			pi->node = p->node;
			if (r->has_removal)
				pi->removal = pub_stamp(s, &r->start);
			pi->removed = r->removed;
			pi->changes = s->pub_changes + cpos;
			pi->n_changes = r->n_changes;
			for (size_t c = 0; c < r->n_changes; c++, cpos++) {
				s->pub_changes[cpos].action = action_name(r->changes[c].action);
				s->pub_changes[cpos].kind = r->changes[c].kind;
				s->pub_changes[cpos].objects = r->changes[c].objects;
				s->pub_changes[cpos].lines = r->changes[c].lines;
			}
			pi->traces = r->traces;
			pi->mismatches = r->mismatches;
			if (r->traces > 0) {
				pi->first_trace = pub_stamp(s, &r->first_trace);
				pi->last_trace = pub_stamp(s, &r->last_trace);
			}
			pi->groups = s->pub_groups + gpos;
			pi->n_groups = r->n_groups;
			pi->groups_unlisted = r->groups_unlisted;
			pi->agents = s->pub_agents + apos;
			pi->n_agents = r->n_agents;
			pi->agents_unlisted = r->agents_unlisted;
			gpos += r->n_groups;
			apos += r->n_agents;
			pi->crash_lines = r->crash_lines;
			if (r->crash_lines > 0) {
				pi->crash = pub_stamp(s, &r->crash);
				pi->crash_text = r->crash_text;
			}
		}
	}
	s->n_pub = n;
	for (size_t i = 0; i < s->n_totals; i++) {
		s->pub_totals[i].action = action_name(s->totals[i].action);
		s->pub_totals[i].kind = s->totals[i].kind;
		s->pub_totals[i].objects = s->totals[i].objects;
		s->pub_totals[i].lines = s->totals[i].lines;
	}
	for (size_t i = 0; i < s->n_sources; i++) {
		const source_i *src = &s->sources[i];
		sgg_scan_source *ps = &s->pub_sources[i];

		ps->name = src->name;
		ps->bytes = src->bytes;
		ps->lines = src->lines;
		ps->trace_lines = src->trace_lines;
		ps->first = pub_stamp(s, &src->first);
		ps->last = pub_stamp(s, &src->last);
	}
	if (s->config && name_from_config(s) < 0)
		goto out;
	rc = 0;
out:
	sgg__free_ptr(keys);
	sgg__free_ptr(group_pos);
	sgg__free_ptr(agent_pos);
	sgg__free_ptr(sorted_groups);
	sgg__free_ptr(sorted_agents);
	return rc;
}

int sgg_scan_finish(sgg_scan *s, sgg_error *err)
{
	int rc;

	if (!s)
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL, "NULL argument");
	if ((rc = check_usable(s, err)) < 0)
		return rc;
	if ((rc = end_source(s)) < 0)
		return fail(s, rc, err);
	for (size_t i = 0; i < s->n_recs; i++)
		if (s->recs[i].used && s->recs[i].open)
			close_record(s, (uint32_t)i);
	if ((rc = build_view(s)) < 0)
		return fail(s, rc, err);
	s->finished = true;
	return 0;
}

/* ---- accessors ---- */

int64_t sgg_scan_window(const sgg_scan *s)
{
	return s ? s->window : 0;
}

const sgg_config *sgg_scan_config(const sgg_scan *s)
{
	return s ? s->config : NULL;
}

const sgg_scan_stats *sgg_scan_stats_get(const sgg_scan *s)
{
	return s && s->finished ? &s->stats : NULL;
}

size_t sgg_scan_source_count(const sgg_scan *s)
{
	return s && s->finished ? s->n_sources : 0;
}

const sgg_scan_source *sgg_scan_source_at(const sgg_scan *s, size_t index)
{
	return s && s->finished && index < s->n_sources ? &s->pub_sources[index] : NULL;
}

size_t sgg_scan_incident_count(const sgg_scan *s)
{
	return s && s->finished ? s->n_pub : 0;
}

const sgg_scan_incident *sgg_scan_incident_at(const sgg_scan *s, size_t index)
{
	return s && s->finished && index < s->n_pub ? &s->pub_incidents[index] : NULL;
}

size_t sgg_scan_match_count(const sgg_scan *s)
{
	return s && s->finished ? s->n_matches : 0;
}

size_t sgg_scan_change_count(const sgg_scan *s)
{
	return s && s->finished ? s->n_totals : 0;
}

const sgg_scan_change *sgg_scan_change_at(const sgg_scan *s, size_t index)
{
	return s && s->finished && index < s->n_totals ? &s->pub_totals[index] : NULL;
}

char *sgg_scan_stamp_format(const sgg_scan_stamp *st, char *buf)
{
	int h, m, sec;

	if (!st || st->line == 0) {
		snprintf(buf, SGG_SCAN_STAMP_BUFSIZE, "-");
		return buf;
	}
	h = st->seconds / 3600;
	m = st->seconds / 60 % 60;
	sec = st->seconds % 60;
	if (st->dated) {
		int64_t y;
		unsigned mo, d;

		sgg__civil_from_days(st->day, &y, &mo, &d);
		snprintf(buf, SGG_SCAN_STAMP_BUFSIZE, "%04lld-%02u-%02u %02d:%02d:%02d",
		         (long long)y, mo, d, h, m, sec);
	} else if (st->day == 0) {
		snprintf(buf, SGG_SCAN_STAMP_BUFSIZE, "%02d:%02d:%02d", h, m, sec);
	} else {
		snprintf(buf, SGG_SCAN_STAMP_BUFSIZE, "%02d:%02d:%02d (day +%lld)", h, m, sec,
		         (long long)st->day);
	}
	return buf;
}
