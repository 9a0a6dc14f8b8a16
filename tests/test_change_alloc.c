/*
 * test_change_alloc.c - the change workflow under allocation failure: for
 * each operation, allocation number N fails, for N = 1, 2, 3... until the
 * operation succeeds. Each failure must come back as SGG_ENOMEM, leave the
 * record as it was and leak nothing (the valgrind and sanitizer runs
 * check that). Links the static library, whose malloc, calloc and realloc
 * are wrapped at link time; jansson's allocations fail through
 * json_set_alloc_funcs, set here in the test, never in the library.
 *
 * jansson's own allocations are made to fail only where the library builds
 * JSON (writing a record, rendering): jansson's parser ignores a failed
 * allocation while it reads a string and carries on with the byte dropped
 * (lex_save in its load.c), so failing it while parsing tests jansson, not
 * sgguard.
 * SPDX-License-Identifier: MIT
 */
#include "failalloc.h"
#include "testutil.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>


#define MAX_STEPS 100000
#define WINDOW    "2026-12-01T02:00:00Z/PT2H"

static char dir[64], record[128];

static void setup(void)
{
	failalloc_jansson(false);
	snprintf(dir, sizeof(dir), "/tmp/sgg-change-alloc-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(record, sizeof(record), "%s/chg.json", dir);
}

static void teardown(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

static sgg_change_options opts_at(const char *at, const char *by)
{
	sgg_change_options o = SGG_CHANGE_OPTIONS_INIT;

	o.at = t(at);
	o.by = by;
	o.window = WINDOW;
	return o;
}

START_TEST(test_change_alloc_load_and_status)
{
	const char *path = data_path("change/record-overridden.json");
	sgg_time at = t("2026-12-01T02:20:00Z"); /* outside the armed part: Check allocates */
	long n;

	for (n = 1; n < MAX_STEPS; n++) {
		sgg_change *c = NULL;
		char *text = NULL, *json = NULL;
		sgg_error err;
		int rc;

		failalloc_arm(n);
		failalloc_jansson(false);
		rc = sgg_change_load_file(&c, path, &err);
		failalloc_jansson(true);
		if (rc == 0) {
			rc = sgg_change_status_render(&text, NULL, c, at, SGG_FORMAT_TEXT, 0, &err);
			if (rc == 0)
				rc = sgg_change_status_render(&json, NULL, c, at, SGG_FORMAT_JSON,
				                              0, &err);
		}
		failalloc_disarm();
		sgg_free(text);
		sgg_free(json);
		sgg_change_free(c);
		if (rc == 0)
			break;
		ck_assert_msg(rc == SGG_ENOMEM, "allocation %ld: %d (%s)", n, rc, err.text);
		if (!c)
			ck_assert_int_eq(err.code, SGG_ENOMEM);
	}
	ck_assert_int_lt(n, MAX_STEPS);
	ck_assert_int_gt(n, 5);
}
END_TEST

START_TEST(test_change_alloc_plan)
{
	sgg_config *cfg = load_config_or_fail(example_path("technote/config.json"));
	const char *refs[] = {"5000:40424"};
	sgg_change_options o = opts_at("2026-11-30T10:00:00Z", "alice");
	long n;

	for (n = 1; n < MAX_STEPS; n++) {
		sgg_change_result *res = NULL;
		sgg_error err;
		struct stat st;
		int rc;

		failalloc_arm(n);
		failalloc_jansson(true);
		rc = sgg_change_plan(&res, record, cfg, refs, 1, &o, &err);
		failalloc_disarm();
		sgg_change_result_free(res);
		if (rc == 0)
			break;
		ck_assert_msg(rc == SGG_ENOMEM, "allocation %ld: %d (%s)", n, rc, err.text);
		ck_assert_ptr_null(res);
		ck_assert_int_ne(stat(record, &st), 0); /* nothing written */
	}
	ck_assert_int_lt(n, MAX_STEPS);
	sgg_config_free(cfg);
}
END_TEST

/* A refused remove on a record at logout_notified, then a done one. */
START_TEST(test_change_alloc_remove)
{
	sgg_config *cfg = load_config_or_fail(example_path("technote/config.json"));
	const char *refs[] = {"5000:40424"};
	sgg_change_options o = opts_at("2026-11-30T10:00:00Z", "alice");
	sgg_change_result *res = NULL;
	char *start, *now;
	char live[1024], out[1024];
	long n;

	snprintf(live, sizeof(live), "%s", example_path("technote/sessions.json"));
	snprintf(out, sizeof(out), "%s", example_path("technote/sessions-logged-out.json"));
	ck_assert_int_eq(sgg_change_plan(&res, record, cfg, refs, 1, &o, NULL), 0);
	sgg_change_result_free(res);
	o.at = t("2026-12-01T01:30:00Z");
	ck_assert_int_eq(sgg_change_notify_logout(&res, record, NULL, &o, NULL), 0);
	sgg_change_result_free(res);
	start = slurp(record, NULL);
	for (int pass = 0; pass < 2; pass++) {
		o.at = t(pass == 0 ? "2026-12-01T02:15:00Z" : "2026-12-01T02:42:00Z");
		for (n = 1; n < MAX_STEPS; n++) {
			sgg_error err;
			char *text = NULL;
			int rc;

			spit(record, start);
			res = NULL;
			failalloc_arm(n);
			failalloc_jansson(false);
			rc = sgg_change_remove(&res, record, cfg, pass == 0 ? live : out, &o, &err);
			if (rc == 0 || rc == SGG_EREFUSED)
				rc = sgg_change_result_render(&text, NULL, res, SGG_FORMAT_TEXT, 0,
				                              &err) == 0
				         ? rc
				         : SGG_ENOMEM;
			failalloc_disarm();
			sgg_free(text);
			sgg_change_result_free(res);
			if (rc == (pass == 0 ? SGG_EREFUSED : 0))
				break;
			ck_assert_msg(rc == SGG_ENOMEM, "pass %d, allocation %ld: %d (%s)", pass, n,
			              rc, err.text);
		}
		ck_assert_int_lt(n, MAX_STEPS);
	}
	/* and a failure before the write left the record as it was */
	spit(record, start);
	failalloc_arm(30);
	ck_assert_int_eq(sgg_change_remove(&res, record, cfg, live, &o, NULL), SGG_ENOMEM);
	failalloc_disarm();
	now = slurp(record, NULL);
	ck_assert_str_eq(start, now);
	free(now);
	free(start);
	sgg_config_free(cfg);
}
END_TEST

START_TEST(test_change_alloc_lists)
{
	sgg_config *cfg = load_config_or_fail(example_path("technote/config.json"));
	sgg_sessions *snap = load_sessions_or_fail(example_path("technote/sessions.json"));
	const char *refs[] = {"5000:40424"};
	sgg_change_options o = opts_at("2026-11-30T10:00:00Z", "alice");
	sgg_change_result *res = NULL;
	char *start;
	long n;

	ck_assert_int_eq(sgg_change_plan(&res, record, cfg, refs, 1, &o, NULL), 0);
	sgg_change_result_free(res);
	start = slurp(record, NULL);
	o.at = t("2026-12-01T01:30:00Z");
	for (n = 1; n < MAX_STEPS; n++) {
		char *csv = NULL, *json = NULL, *text = NULL;
		int rc;

		spit(record, start);
		res = NULL;
		failalloc_arm(n);
		failalloc_jansson(false);
		rc = sgg_change_notify_logout(&res, record, snap, &o, NULL);
		if (rc == 0 &&
		    (sgg_change_result_render(&csv, NULL, res, SGG_FORMAT_CSV, 0, NULL) < 0 ||
		     sgg_change_result_render(&json, NULL, res, SGG_FORMAT_JSON, 0, NULL) < 0 ||
		     sgg_change_result_render(&text, NULL, res, SGG_FORMAT_TEXT, 0, NULL) < 0))
			rc = SGG_ENOMEM;
		failalloc_disarm();
		sgg_free(csv);
		sgg_free(json);
		sgg_free(text);
		sgg_change_result_free(res);
		if (rc == 0)
			break;
		ck_assert_msg(rc == SGG_ENOMEM, "allocation %ld: %d", n, rc);
	}
	ck_assert_int_lt(n, MAX_STEPS);
	free(start);
	sgg_sessions_free(snap);
	sgg_config_free(cfg);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("change-alloc");
	TCase *tc = tcase_create("alloc");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, test_change_alloc_load_and_status);
	tcase_add_test(tc, test_change_alloc_plan);
	tcase_add_test(tc, test_change_alloc_remove);
	tcase_add_test(tc, test_change_alloc_lists);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
