/*
 * test_split.c - native documents read split (a batch of elements at a
 * time, on helper threads with SGG_CONFIG_PARALLEL) load exactly what the
 * whole reading loads, and fail exactly as it fails.
 *
 * The whole reading is reached through the public API too: a top-level key
 * written with an escape is one the skeleton pass leaves to it.
 * SPDX-License-Identifier: MIT
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The same document with a first member only the whole reading takes. */
static char *whole_variant(const char *text)
{
	const char *brace = strchr(text, '{');
	size_t head = (size_t)(brace - text) + 1;
	const char *extra = " \"\\u0078\": 0,";
	char *out = malloc(strlen(text) + strlen(extra) + 1);

	ck_assert_ptr_nonnull(out);
	memcpy(out, text, head);
	strcpy(out + head, extra);
	strcat(out, text + head);
	return out;
}

/* @p text with the first @p from replaced by @p to (which must be there). */
static char *replaced(const char *text, const char *from, const char *to)
{
	const char *at = strstr(text, from);
	char *out;

	ck_assert_msg(at != NULL, "\"%s\" not in the document", from);
	out = malloc(strlen(text) - strlen(from) + strlen(to) + 1);
	ck_assert_ptr_nonnull(out);
	memcpy(out, text, (size_t)(at - text));
	strcpy(out + (at - text), to);
	strcat(out, at + strlen(from));
	return out;
}

static int load_config(const char *text, size_t len, unsigned flags, sgg_config **cfg,
                       sgg_error *err)
{
	*cfg = (sgg_config *)err; /* must be reset */
	return sgg_config_load_buffer(cfg, text, len, "test", flags, err);
}

/*
 * What checks see of @p cfg beyond its rows: every live group as a
 * target, checked against an empty snapshot: who must be told and through
 * which of the checked groups (the members, from the index built at seal),
 * the routes that name it and its sub-skill groups.
 */
static uint64_t checks_print(const sgg_config *cfg)
{
	sgg_sessions *snap = snapshot("2026-12-01T02:14:55Z", "[5000, 5001]", "");
	sgg_check_options o = SGG_CHECK_OPTIONS_INIT;
	uint64_t h = 1469598103934665603u;

	o.at = t("2026-12-01T02:15:00Z");
	for (size_t i = 0; i < sgg_config_skill_group_count(cfg); i++) {
		const sgg_skill_group *g = sgg_config_skill_group_at(cfg, i);
		char ref[32];
		const char *refs[] = { ref, NULL };
		sgg_report *r;

		if (g->deleted)
			continue;
		snprintf(ref, sizeof(ref), "%lld", (long long)g->id);
		r = check_or_fail(cfg, snap, &o, refs);
		for (size_t k = 0; k < sgg_report_notify_count(r); k++) {
			const sgg_notify *nt = sgg_report_notify(r, k);

			h = (h ^ (uint64_t)nt->agent->id) * 1099511628211u;
			for (size_t m = 0; m < nt->n_skill_groups; m++)
				h = (h ^ (uint64_t)nt->skill_groups[m]) * 1099511628211u;
		}
		h = (h ^ count_rule(r, SGG_RULE_ROUTE_REFERENCES_TARGET)) * 1099511628211u;
		h = (h ^ count_rule(r, SGG_RULE_SUBSKILL_INCLUDED)) * 1099511628211u;
		sgg_report_free(r);
	}
	sgg_sessions_free(snap);
	return h;
}

static uint64_t config_print(const char *text, size_t len, unsigned flags)
{
	sgg_config *cfg;
	sgg_error err;
	uint64_t h;

	ck_assert_msg(load_config(text, len, flags, &cfg, &err) == 0, "flags %u: %s: %s", flags,
	              err.path, err.text);
	h = config_fingerprint(cfg) ^ checks_print(cfg);
	sgg_config_free(cfg);
	return h;
}

/* Load @p text every way: each must give the same model. */
static void same_config(const char *text, size_t groups, size_t agents)
{
	char *whole = whole_variant(text);
	sgg_config *cfg;
	sgg_error err;
	uint64_t h;

	ck_assert_int_eq(load_config(text, strlen(text), 0, &cfg, &err), 0);
	ck_assert_uint_eq(sgg_config_skill_group_count(cfg), groups);
	ck_assert_uint_eq(sgg_config_agent_count(cfg), agents);
	h = config_fingerprint(cfg) ^ checks_print(cfg);
	sgg_config_free(cfg);
	ck_assert(config_print(text, strlen(text), SGG_CONFIG_PARALLEL) == h);
	ck_assert(config_print(whole, strlen(whole), 0) == h);
	free(whole);
}

START_TEST(test_split_small_config)
{
	char *text = gen_config(12, 9);

	same_config(text, 12, 9);
	free(text);
}
END_TEST

START_TEST(test_split_large_config)
{
	/* thousands of elements: many batches, and helper threads with the flag */
	char *text = gen_config(3000, 5000);

	same_config(text, 3000, 5000);
	free(text);
}
END_TEST

START_TEST(test_split_large_sessions)
{
	char *text = gen_sessions(3000, 4000);
	char *whole = whole_variant(text);
	sgg_sessions *a = NULL, *b = NULL;
	sgg_error err;

	ck_assert_int_eq(sgg_sessions_load_buffer(&a, text, strlen(text), "test", &err), 0);
	ck_assert_int_eq(sgg_sessions_load_buffer(&b, whole, strlen(whole), "test", &err), 0);
	ck_assert_uint_eq(sgg_sessions_count(a), 4000);
	ck_assert(sessions_fingerprint(a) == sessions_fingerprint(b));
	sgg_sessions_free(a);
	sgg_sessions_free(b);
	free(whole);
	free(text);
}
END_TEST

START_TEST(test_split_sessions_match_config)
{
	/* the generated pair checks: a cross-check that both documents mean something */
	char *ctext = gen_config(400, 300), *stext = gen_sessions(400, 300);
	sgg_config *cfg = config_from_string_or_fail(ctext);
	sgg_sessions *snap = sessions_from_string_or_fail(stext);
	sgg_check_options o = SGG_CHECK_OPTIONS_INIT;
	const char *refs[] = { "20000", NULL };
	sgg_report *r;

	o.at = t("2026-12-01T02:15:00Z");
	r = check_or_fail(cfg, snap, &o, refs);
	ck_assert_int_eq(sgg_report_verdict(r), SGG_VERDICT_BLOCK);
	ck_assert_uint_gt(count_rule(r, SGG_RULE_MEMBER_LOGGED_IN), 0);
	ck_assert_uint_eq(count_rule(r, SGG_RULE_ROUTE_REFERENCES_TARGET), 1);
	sgg_report_free(r);
	sgg_sessions_free(snap);
	sgg_config_free(cfg);
	free(stext);
	free(ctext);
}
END_TEST

/* Both ways of reading (one thread, helpers) must refuse @p text alike. */
static void config_fails(const char *text, size_t len, int code, const char *path, int line)
{
	unsigned flags[] = { 0, SGG_CONFIG_PARALLEL };

	for (size_t i = 0; i < 2; i++) {
		sgg_config *cfg;
		sgg_error err;

		ck_assert_int_eq(load_config(text, len, flags[i], &cfg, &err), code);
		ck_assert_ptr_null(cfg);
		ck_assert_error(&err, code, path);
		ck_assert_str_eq(err.source, "test");
		if (line)
			ck_assert_int_eq(err.line, line);
	}
}

/* 1-based line of the first @p needle in @p text. */
static int line_of(const char *text, const char *needle)
{
	const char *at = strstr(text, needle);
	int line = 1;

	ck_assert_ptr_nonnull(at);
	for (const char *p = text; p < at; p++)
		line += *p == '\n';
	return line;
}

START_TEST(test_split_late_shape_error)
{
	char *text = gen_config(3000, 5000);
	char *type = replaced(text, "{\"id\": 504321, \"peripheral\": 5001",
	                      "{\"id\": 504321, \"peripheral\": \"5001\"");
	char *twice = replaced(text, "{\"id\": 504322,", "{\"id\": 504322, \"team\": \"x\",");
	char *dup = replaced(text, "{\"id\": 504999,", "{\"id\": 500007,");

	config_fails(type, strlen(type), SGG_ESHAPE, "agents[4321].peripheral", 0);
	/* a key given twice is refused by jansson: no path, but the line */
	config_fails(twice, strlen(twice), SGG_ESHAPE, "", line_of(twice, "{\"id\": 504322,"));
	config_fails(dup, strlen(dup), SGG_EDUP, "agents[4999].id", 0);
	free(dup);
	free(twice);
	free(type);
	free(text);
}
END_TEST

/* @p text with @p ids put first in the skill_groups of the agent at @p anchor. */
static char *add_members(const char *text, const char *anchor, const char *ids)
{
	const char *agent = strstr(text, anchor);
	const char *list = agent ? strstr(agent, "\"skill_groups\": [") : NULL;
	size_t head;
	char *out;

	ck_assert_ptr_nonnull(list);
	head = (size_t)(list - text) + strlen("\"skill_groups\": [");
	out = malloc(strlen(text) + strlen(ids) + 1);
	ck_assert_ptr_nonnull(out);
	memcpy(out, text, head);
	strcpy(out + head, ids);
	strcat(out, text + head);
	return out;
}

START_TEST(test_split_late_dangling)
{
	/* memberships are resolved on helpers at seal with the flag: the first
	 * dangling one is still the one reported, and a kept one is the same */
	char *text = gen_config(3000, 5000);
	char *bad = add_members(text, "{\"id\": 504500,", "20007, ");
	char *two = add_members(bad, "{\"id\": 500100,", "20027, ");
	sgg_config *a, *b;
	sgg_error err;

	config_fails(bad, strlen(bad), SGG_EREF, "agents[4500].skill_groups[0]", 0);
	config_fails(two, strlen(two), SGG_EREF, "agents[100].skill_groups[0]", 0);
	ck_assert_int_eq(load_config(two, strlen(two), SGG_CONFIG_KEEP_DANGLING, &a, &err), 0);
	ck_assert_int_eq(load_config(two, strlen(two), SGG_CONFIG_KEEP_DANGLING | SGG_CONFIG_PARALLEL,
	                             &b, &err),
	                 0);
	ck_assert(config_fingerprint(a) == config_fingerprint(b));
	sgg_config_free(a);
	sgg_config_free(b);
	free(two);
	free(bad);
	free(text);
}
END_TEST

START_TEST(test_split_late_syntax_error)
{
	char *text = gen_config(3000, 5000);
	char *missing = replaced(text, "]},\n    {\"id\": 504001,", "]}\n    {\"id\": 504001,");
	char *token = replaced(text, "{\"id\": 504002, \"peripheral\": 5000",
	                       "{\"id\": 504002, \"peripheral\": 50O0");

	config_fails(missing, strlen(missing), SGG_ESYNTAX, "", line_of(missing, "{\"id\": 504001,"));
	config_fails(token, strlen(token), SGG_ESYNTAX, "", line_of(token, "{\"id\": 504002,"));
	free(token);
	free(missing);
	free(text);
}
END_TEST

/* Edits of a small document, and how each must be refused. */
static const struct {
	const char *from, *to;
	int code;
	const char *path;
} edits[] = {
	/* what sits between members */
	{ "\"exported_at\": \"2026-12-01T01:55:00Z\",", "\"exported_at\": \"2026-12-01T01:55:00Z\"",
	  SGG_ESYNTAX, "" },
	{ "\"routes\": [", "\"routes\": [], \"routes\": [", SGG_ESHAPE, "" },
	/* lists that are not lists */
	{ "\"agents\": [", "\"agents\": null, \"x\": [", SGG_ESHAPE, "agents" },
	{ "\"agents\": [", "\"agents\": {}, \"x\": [", SGG_ESHAPE, "agents" },
	{ "\"agents\": [", "\"agents\": [1, ", SGG_ESHAPE, "agents[0]" },
	/* elements the skeleton pass cannot end rightly: jansson finds out */
	{ "\"Tier\", \"skill_groups\": [", "\"Tier\", \"skill_groups\": [}, \"y\": [", SGG_ESYNTAX,
	  "" },
	{ "  ]\n}\n", "  ]\n", SGG_ESYNTAX, "" },
	{ "  ]\n}\n", "  ]\n}\n\"", SGG_ESYNTAX, "" },
};

START_TEST(test_split_skeleton_edges)
{
	char *text = gen_config(12, 9);
	size_t len = strlen(text);
	uint64_t h = config_print(text, len, 0);
	char *v;

	/* a byte-order mark, CRLF and tabs between the elements */
	v = malloc(len * 3 + 4);
	ck_assert_ptr_nonnull(v);
	strcpy(v, "\xEF\xBB\xBF");
	for (const char *p = text; *p; p++)
		strcat(v, *p == '\n' ? "\r\n\t" : (char[]){ *p, 0 });
	ck_assert(config_print(v, strlen(v), 0) == h);
	free(v);

	/* seventy unknown top-level members; a key with non-ASCII in it */
	{
		char extra[4096] = "{";

		for (int i = 0; i < 70; i++)
			snprintf(extra + strlen(extra), sizeof(extra) - strlen(extra),
			         "\"x%d\": [[1, {\"a\": null}]], ", i);
		v = replaced(text, "{", extra);
		ck_assert(config_print(v, strlen(v), 0) == h);
		free(v);
		v = replaced(text, "{", "{\"caf\xc3\xa9\": [{\"id\": 1}], ");
		ck_assert(config_print(v, strlen(v), 0) == h);
		free(v);
	}

	/* what follows the document, and what sits between members */
	v = malloc(len + 3);
	ck_assert_ptr_nonnull(v);
	snprintf(v, len + 3, "%s x", text);
	config_fails(v, strlen(v), SGG_ESYNTAX, "", 0);
	free(v);
	for (size_t i = 0; i < sizeof(edits) / sizeof(edits[0]); i++) {
		v = replaced(text, edits[i].from, edits[i].to);
		config_fails(v, strlen(v), edits[i].code, edits[i].path, 0);
		free(v);
	}
	/* optional: null is no routes */
	v = replaced(text, "\"routes\": [", "\"routes\": null, \"x\": [");
	config_print(v, strlen(v), 0);
	free(v);

	/* a NUL byte inside a list element */
	v = strdup(text);
	ck_assert_ptr_nonnull(v);
	*strstr(v, "Agent") = '\0';
	config_fails(v, len, SGG_ESYNTAX, "", 0);
	free(v);
	free(text);
}
END_TEST

/* A document whose first agent holds an unknown field nested @p depth deep. */
static char *nested(const char *text, int depth)
{
	size_t n = (size_t)depth;
	char *deep = malloc(2 * n + 64);
	char *v;

	ck_assert_ptr_nonnull(deep);
	strcpy(deep, "{\"x\": ");
	memset(deep + 6, '[', n);
	memset(deep + 6 + n, ']', n);
	strcpy(deep + 6 + 2 * n, ", \"id\": 500000,");
	v = replaced(text, "{\"id\": 500000,", deep);
	free(deep);
	return v;
}

START_TEST(test_split_nesting_limit)
{
	/* jansson parses 2048 levels and no more; a split document is held to the
	 * same limit, counted from the top of the document, not of its element */
	char *text = gen_config(12, 9);
	char *ok = nested(text, 2045), *deep = nested(text, 2046);
	char *ok_whole = whole_variant(ok);

	ck_assert(config_print(ok, strlen(ok), 0) == config_print(ok_whole, strlen(ok_whole), 0));
	config_fails(deep, strlen(deep), SGG_ESYNTAX, "", 0);
	free(ok_whole);
	free(deep);
	free(ok);
	free(text);
}
END_TEST

START_TEST(test_split_forced_native)
{
	/* sgg_config_load_buffer_as(native) reads split as well */
	char *text = gen_config(300, 400);
	sgg_config *a = NULL, *b = NULL;
	sgg_error err;

	ck_assert_int_eq(sgg_config_load_buffer_as(&a, text, strlen(text), "test", SGG_SOURCE_NATIVE,
	                                           SGG_CONFIG_PARALLEL, &err),
	                 0);
	ck_assert_int_eq(sgg_config_load_buffer(&b, text, strlen(text), "test", 0, &err), 0);
	ck_assert(config_fingerprint(a) == config_fingerprint(b));
	sgg_config_free(a);
	sgg_config_free(b);
	free(text);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("split");
	TCase *tc = tcase_create("split");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_split_small_config);
	tcase_add_test(tc, test_split_large_config);
	tcase_add_test(tc, test_split_large_sessions);
	tcase_add_test(tc, test_split_sessions_match_config);
	tcase_add_test(tc, test_split_late_shape_error);
	tcase_add_test(tc, test_split_late_dangling);
	tcase_add_test(tc, test_split_late_syntax_error);
	tcase_add_test(tc, test_split_skeleton_edges);
	tcase_add_test(tc, test_split_nesting_limit);
	tcase_add_test(tc, test_split_forced_native);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
