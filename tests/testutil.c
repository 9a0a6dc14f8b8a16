/*
 * testutil.c - helpers the Check programs share.
 * SPDX-License-Identifier: MIT
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *join(const char *env, const char *fallback, const char *relative)
{
	static char buf[4096];
	const char *base = getenv(env);

	snprintf(buf, sizeof(buf), "%s/%s", base ? base : fallback, relative);
	return buf;
}

const char *data_path(const char *relative)
{
	return join("SGG_TEST_DATA", "tests/data", relative);
}

const char *example_path(const char *relative)
{
	return join("SGG_EXAMPLES", "examples", relative);
}

char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	ck_assert_msg(f != NULL, "cannot open %s", path);
	ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	ck_assert_int_ge(n, 0);
	ck_assert_int_eq(fseek(f, 0, SEEK_SET), 0);
	buf = malloc((size_t)n + 1);
	ck_assert_ptr_nonnull(buf);
	ck_assert_uint_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	if (len)
		*len = (size_t)n;
	return buf;
}

void spit(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");

	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(text, 1, strlen(text), f), strlen(text));
	ck_assert_int_eq(fclose(f), 0);
}

sgg_config *load_config_or_fail(const char *path)
{
	sgg_config *cfg = NULL;
	sgg_error err;
	char line[1024];

	if (sgg_config_load_file(&cfg, path, 0, &err) < 0) {
		sgg_error_format(&err, line, sizeof(line));
		ck_abort_msg("loading %s: %s", path, line);
	}
	return cfg;
}

sgg_sessions *load_sessions_or_fail(const char *path)
{
	sgg_sessions *snap = NULL;
	sgg_error err;
	char line[1024];

	if (sgg_sessions_load_file(&snap, path, &err) < 0) {
		sgg_error_format(&err, line, sizeof(line));
		ck_abort_msg("loading %s: %s", path, line);
	}
	return snap;
}

sgg_config *config_from_string_or_fail(const char *json)
{
	sgg_config *cfg = NULL;
	sgg_error err;
	char line[1024];

	if (sgg_config_load_buffer(&cfg, json, strlen(json), "test", 0, &err) < 0) {
		sgg_error_format(&err, line, sizeof(line));
		ck_abort_msg("config: %s", line);
	}
	return cfg;
}

sgg_sessions *sessions_from_string_or_fail(const char *json)
{
	sgg_sessions *snap = NULL;
	sgg_error err;
	char line[1024];

	if (sgg_sessions_load_buffer(&snap, json, strlen(json), "test", &err) < 0) {
		sgg_error_format(&err, line, sizeof(line));
		ck_abort_msg("sessions: %s", line);
	}
	return snap;
}

sgg_time t(const char *rfc3339)
{
	sgg_time v = 0;

	ck_assert_msg(sgg_time_parse(&v, rfc3339, NULL) == 0, "bad time %s", rfc3339);
	return v;
}

int run_suite(Suite *s)
{
	SRunner *sr = srunner_create(s);
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

int config_error(const char *json, unsigned flags, sgg_error *err)
{
	sgg_config *cfg = (sgg_config *)(void *)err; /* any non-NULL value: must be reset */
	int rc = sgg_config_load_buffer(&cfg, json, strlen(json), "test", flags, err);

	if (rc == 0)
		sgg_config_free(cfg);
	ck_assert_msg(rc < 0, "the configuration loaded, but must be refused:\n%s", json);
	ck_assert_msg(cfg == NULL, "out-parameter not reset on failure");
	ck_assert_int_eq(err->code, rc);
	ck_assert_str_eq(err->source, "test");
	ck_assert_msg(err->text[0] != '\0', "error without text");
	return rc;
}

int sessions_error(const char *json, sgg_error *err)
{
	sgg_sessions *snap = (sgg_sessions *)(void *)err;
	int rc = sgg_sessions_load_buffer(&snap, json, strlen(json), "test", err);

	if (rc == 0)
		sgg_sessions_free(snap);
	ck_assert_msg(rc < 0, "the snapshot loaded, but must be refused:\n%s", json);
	ck_assert_msg(snap == NULL, "out-parameter not reset on failure");
	ck_assert_int_eq(err->code, rc);
	ck_assert_str_eq(err->source, "test");
	ck_assert_msg(err->text[0] != '\0', "error without text");
	return rc;
}

sgg_sessions *snapshot(const char *taken_at, const char *peripherals, const char *sessions)
{
	char doc[8192];
	int n = snprintf(doc, sizeof(doc),
	                 "{\"format\": \"sgguard-sessions/1\", \"taken_at\": \"%s\", "
	                 "\"peripherals\": %s, \"sessions\": [%s]}",
	                 taken_at, peripherals, sessions);

	ck_assert_msg(n > 0 && (size_t)n < sizeof(doc), "snapshot document too long");
	return sessions_from_string_or_fail(doc);
}

sgg_report *check_or_fail(const sgg_config *cfg, const sgg_sessions *snap,
                          const sgg_check_options *opts, const char *const *refs)
{
	sgg_report *report = NULL;
	sgg_error err;
	size_t n = 0;
	char line[1024];

	while (refs[n])
		n++;
	if (sgg_check_run(&report, cfg, snap, refs, n, opts, &err) < 0) {
		sgg_error_format(&err, line, sizeof(line));
		ck_abort_msg("check: %s", line);
	}
	ck_assert_ptr_nonnull(report);
	return report;
}

size_t count_rule(const sgg_report *report, sgg_rule rule)
{
	size_t n = 0;

	for (size_t i = 0; i < sgg_report_finding_count(report); i++)
		n += sgg_report_finding(report, i)->rule == rule;
	return n;
}

const sgg_finding *find_finding(const sgg_report *report, sgg_rule rule, int64_t group_id,
                                int64_t agent_id)
{
	for (size_t i = 0; i < sgg_report_finding_count(report); i++) {
		const sgg_finding *f = sgg_report_finding(report, i);
		int64_t g = f->skill_group ? f->skill_group->id : 0;

		if (f->rule == rule && g == group_id && f->agent_id == agent_id)
			return f;
	}
	return NULL;
}

char *render_or_fail(const sgg_report *report, sgg_format format, unsigned flags)
{
	char *out = NULL, line[1024];
	size_t len = 0;
	sgg_error err;

	if (sgg_report_render(&out, &len, report, format, flags, &err) < 0) {
		sgg_error_format(&err, line, sizeof(line));
		ck_abort_msg("render: %s", line);
	}
	ck_assert_ptr_nonnull(out);
	ck_assert_uint_eq(len, strlen(out));
	return out;
}

const char *q(const char *text)
{
	static char bufs[4][16384];
	static unsigned next;
	char *buf = bufs[next++ % 4];
	size_t len = strlen(text);

	ck_assert_msg(len < sizeof(bufs[0]), "document too long for q()");
	for (size_t i = 0; i <= len; i++)
		buf[i] = text[i] == '\'' ? '"' : text[i];
	return buf;
}

/* ---- generated documents ---- */

/* Some text of @p len characters for the long names. */
static void put_padding(FILE *f, size_t len)
{
	for (size_t i = 0; i < len; i++)
		fputc('a' + (int)(i % 26), f);
}

/* Group index of the k-th group (0..2) of block b: never a deleted one. */
static size_t gen_group(size_t b, size_t k)
{
	return 4 * b + k;
}

static int64_t gen_group_id(size_t i)
{
	return 20000 + (int64_t)i;
}

/* The memberships of agent j: live groups of its peripheral, all distinct. */
static size_t gen_memberships(size_t n_groups, size_t j, int64_t *ids, size_t max)
{
	size_t blocks = n_groups / 4, half = (blocks + 1 - j % 2) / 2;
	size_t m = j % 7 + (j % 50 == 0 ? 40 : 0), n = 0;

	if (half == 0)
		return 0;
	for (size_t t = 0; t < m && t < 3 * half && n < max; t++) {
		size_t b = j % 2 + 2 * ((j + t / 3) % half);

		ids[n++] = gen_group_id(gen_group(b, t % 3));
	}
	return n;
}

char *gen_config(size_t n_groups, size_t n_agents)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	ck_assert_ptr_nonnull(f);
	fputs("{\n  \"format\": \"sgguard-config/1\",\n  \"exported_at\": \"2026-12-01T01:55:00Z\",\n"
	      "  \"peripherals\": [\n    {\"id\": 5000, \"name\": \"PG1A\"},\n"
	      "    {\"id\": 5001, \"name\": \"PG2A \\u00e9\"}\n  ],\n  \"skill_groups\": [\n",
	      f);
	for (size_t i = 0; i < n_groups; i++) {
		size_t b = i / 4, k = i % 4;
		int peripheral = 5000 + (int)(b % 2);

		fprintf(f, "    {\"id\": %lld, \"peripheral\": %d, ", (long long)gen_group_id(i), peripheral);
		if (k == 1)
			fprintf(f, "\"number\": %zu, \"priority\": 1, \"base\": %lld, ", 10000 + b,
			        (long long)gen_group_id(i - 1));
		else
			fprintf(f, "\"number\": %zu, \"priority\": 0, ", (k == 0 ? 10000 : 40000 * k) + b);
		fprintf(f, "\"name\": \"SG \\\"%zu\\\" caf\\u00e9 \xc3\xa9t\xc3\xa9 \\\\ ", i);
		if (i % 7 == 3)
			put_padding(f, 100 + i % 120);
		fputs(k == 3 && i % 20 == 7 ? "\", \"deleted\": true}" : "\"}", f);
		fputs(i + 1 < n_groups ? ",\n" : "\n", f);
	}
	fputs("  ],\n  \"agents\": [\n", f);
	for (size_t j = 0; j < n_agents; j++) {
		int64_t ids[64];
		size_t n = gen_memberships(n_groups, j, ids, 64);

		fprintf(f, "    {\"id\": %zu, \"peripheral\": %d, \"number\": \"%zu\", ", 500000 + j,
		        5000 + (int)(j % 2), 1000 + j);
		fprintf(f, "\"name\": \"Agent\\t%zu \\\"\\u00c5sa\\\" \\ud83d\\ude00\", \"team\": \"", j);
		if (j % 11 == 5)
			put_padding(f, 150 + j % 90);
		fputs("Tier\", \"skill_groups\": [", f);
		for (size_t t = 0; t < n; t++)
			fprintf(f, "%s%lld", t ? ", " : "", (long long)ids[t]);
		fputs(j + 1 < n_agents ? "]},\n" : "]}\n", f);
	}
	fputs("  ],\n  \"routes\": [\n", f);
	for (size_t r = 0; r * 10 < n_groups; r++)
		fprintf(f, "    {\"id\": %zu, \"name\": \"Route %zu\", \"target\": %lld}%s\n", 900000 + r,
		        r, (long long)gen_group_id(gen_group(r * 10 / 4, 0)),
		        (r + 1) * 10 < n_groups ? "," : "");
	fputs("  ]\n}\n", f);
	ck_assert_int_eq(fclose(f), 0);
	return text;
}

char *gen_sessions(size_t n_groups, size_t n_sessions)
{
	static const char *const states[] = { "talking", "ready", "not_ready", "logged_out",
		                              "work_ready", "hold" };
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	ck_assert_ptr_nonnull(f);
	fputs("{\n  \"format\": \"sgguard-sessions/1\",\n  \"taken_at\": \"2026-12-01T02:14:55Z\",\n"
	      "  \"peripherals\": [5000, 5001],\n  \"sessions\": [\n",
	      f);
	for (size_t j = 0; j < n_sessions; j++) {
		int64_t ids[64];
		size_t n = gen_memberships(n_groups, j, ids, 64);
		const char *state = states[j % 6];

		fprintf(f, "    {\"agent\": %zu, \"number\": \"%zu\", \"state\": \"%s\", ", 500000 + j,
		        1000 + j, state);
		if (j % 3)
			fputs("\"login_at\": \"2026-12-01T01:00:00Z\", ", f);
		fputs("\"skill_groups\": [", f);
		for (size_t t = 0; t < n && strcmp(state, "logged_out") != 0; t++)
			fprintf(f, "%s%lld", t ? ", " : "", (long long)ids[t]);
		fputs(j + 1 < n_sessions ? "]},\n" : "]}\n", f);
	}
	fputs("  ]\n}\n", f);
	ck_assert_int_eq(fclose(f), 0);
	return text;
}

/* ---- fingerprints ---- */

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
	const unsigned char *c = p;

	for (size_t i = 0; i < n; i++)
		h = (h ^ c[i]) * UINT64_C(1099511628211);
	return h;
}

static uint64_t fnv_str(uint64_t h, const char *s)
{
	return s ? fnv(h, s, strlen(s) + 1) : fnv(h, "", 1);
}

uint64_t config_fingerprint(const sgg_config *cfg)
{
	uint64_t h = UINT64_C(1469598103934665603);

	for (size_t i = 0; i < sgg_config_skill_group_count(cfg); i++) {
		const sgg_skill_group *g = sgg_config_skill_group_at(cfg, i);
		int64_t v[] = { g->id, g->peripheral, g->number, g->priority, g->base, g->deleted };

		h = fnv_str(fnv(h, v, sizeof(v)), g->name);
	}
	for (size_t i = 0; i < sgg_config_agent_count(cfg); i++) {
		const sgg_agent *a = sgg_config_agent_at(cfg, i);
		size_t n = 0;
		const int64_t *groups = sgg_config_agent_skill_groups(cfg, a->id, &n);
		int64_t v[] = { a->id, a->peripheral };

		h = fnv_str(fnv_str(fnv_str(fnv(h, v, sizeof(v)), a->number), a->name), a->team);
		h = fnv(h, groups, n * sizeof(*groups));
	}
	return h;
}

uint64_t sessions_fingerprint(const sgg_sessions *snap)
{
	uint64_t h = UINT64_C(1469598103934665603);
	sgg_time taken = sgg_sessions_taken_at(snap);

	h = fnv(h, &taken, sizeof(taken));
	for (size_t i = 0; i < sgg_sessions_count(snap); i++) {
		const sgg_session *s = sgg_sessions_at(snap, i);
		int64_t v[] = { s->agent, s->state, s->login_at };

		h = fnv_str(fnv(h, v, sizeof(v)), s->number);
		h = fnv(h, s->skill_groups, s->n_skill_groups * sizeof(int64_t));
	}
	for (int p = 1; p <= 32767; p++)
		if (sgg_sessions_covers(snap, p))
			h = fnv(h, &p, sizeof(p));
	return h;
}
