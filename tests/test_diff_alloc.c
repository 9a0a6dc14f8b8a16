/*
 * test_diff_alloc.c - allocation failure in the diff, the lint and their
 * renderers, one allocation at a time: allocation N fails, for N = 1, 2...
 * until the call succeeds. Each failure must return SGG_ENOMEM with the
 * out-parameter NULL, and leak nothing (the valgrind and sanitizer runs
 * check that). Links the static library so that the library's allocations
 * can be wrapped (-Wl,--wrap); jansson's go through json_set_alloc_funcs,
 * process-wide and so only ever set in a test.
 * SPDX-License-Identifier: MIT
 */
#include "failalloc.h"
#include "testutil.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>


/* Enough rounds for every allocation of these small inputs, with room to spare. */
#define MAX_ROUNDS 20000

static sgg_config *before, *after_technote, *after_base_only, *lint_route;
static sgg_change *record;
static char dir[] = "/tmp/sgguard-test-diff-alloc-XXXXXX";

static sgg_config *load(const char *name, unsigned flags)
{
	sgg_config *cfg = NULL;
	sgg_error err;

	ck_assert_msg(sgg_config_load_file(&cfg, data_path(name), flags, &err) == 0, "%s: %s", name,
	              err.text);
	return cfg;
}

static void setup(void)
{
	char path[128];
	sgg_change_options o = SGG_CHANGE_OPTIONS_INIT;
	sgg_change_result *res = NULL;
	const char *refs[] = {"5000:40424"};
	sgg_error err;
	int rc;

	failalloc_jansson(true);
	before = load("diff/before.json", 0);
	after_technote = load("diff/after-technote.json", SGG_CONFIG_KEEP_DANGLING);
	after_base_only = load("diff/after-base-only.json", SGG_CONFIG_KEEP_DANGLING);
	lint_route = load("diff/lint-route-deleted.json", SGG_CONFIG_KEEP_DANGLING);
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/CHG-1.json", dir);
	o.at = t("2026-12-01T01:00:00Z");
	o.by = "ci-test";
	o.window = "2026-12-01T02:00:00Z/PT2H";
	rc = sgg_change_plan(&res, path, before, refs, 1, &o, &err);
	ck_assert_msg(rc == 0, "plan: %s", err.text);
	sgg_change_result_free(res);
	ck_assert_int_eq(sgg_change_load_file(&record, path, &err), 0);
}

static void teardown(void)
{
	char path[128];

	failalloc_disarm();
	sgg_change_free(record);
	sgg_config_free(lint_route);
	sgg_config_free(after_base_only);
	sgg_config_free(after_technote);
	sgg_config_free(before);
	snprintf(path, sizeof(path), "%s/CHG-1.json", dir);
	unlink(path);
	rmdir(dir);
	strcpy(dir, "/tmp/sgguard-test-diff-alloc-XXXXXX");
}

/* Fail each allocation of a diff in turn; returns how many rounds it took. */
static long diff_rounds(const sgg_config *after)
{
	long n;

	for (n = 1; n < MAX_ROUNDS; n++) {
		sgg_diff *d = (sgg_diff *)1;
		sgg_error err;
		int rc;

		failalloc_arm(n);
		rc = sgg_diff_run(&d, before, after, &record, 1, &err);
		failalloc_disarm();
		if (rc == 0) {
			ck_assert_ptr_nonnull(d);
			sgg_diff_free(d);
			return n;
		}
		ck_assert_msg(rc == SGG_ENOMEM, "allocation %ld: %d (%s)", n, rc, err.text);
		ck_assert_int_eq(err.code, SGG_ENOMEM);
		ck_assert_ptr_null(d);
	}
	ck_abort_msg("the diff never succeeded");
	return n;
}

START_TEST(test_diff_alloc_run)
{
	ck_assert_int_gt(diff_rounds(after_technote), 10);
	ck_assert_int_gt(diff_rounds(after_base_only), 10);
}
END_TEST

START_TEST(test_diff_alloc_lint)
{
	long n;

	for (n = 1; n < MAX_ROUNDS; n++) {
		sgg_diff *d = (sgg_diff *)1;
		sgg_error err;
		int rc;

		failalloc_arm(n);
		rc = sgg_lint_run(&d, lint_route, &err);
		failalloc_disarm();
		if (rc == 0) {
			ck_assert_uint_eq(sgg_diff_finding_count(d), 1);
			sgg_diff_free(d);
			break;
		}
		ck_assert_int_eq(rc, SGG_ENOMEM);
		ck_assert_ptr_null(d);
	}
	ck_assert_int_gt(n, 1);
}
END_TEST

START_TEST(test_diff_alloc_render)
{
	static const sgg_format formats[] = {SGG_FORMAT_TEXT, SGG_FORMAT_JSON, SGG_FORMAT_JUNIT,
	                                     SGG_FORMAT_TAP};
	sgg_diff *d = NULL;
	sgg_error err;

	ck_assert_int_eq(sgg_diff_run(&d, before, after_technote, &record, 1, &err), 0);
	for (size_t f = 0; f < sizeof(formats) / sizeof(formats[0]); f++) {
		long n;

		for (n = 1; n < MAX_ROUNDS; n++) {
			char *out = (char *)1;
			size_t len = 7;
			int rc;

			failalloc_arm(n);
			rc = sgg_diff_render(&out, &len, d, formats[f], 0, &err);
			failalloc_disarm();
			if (rc == 0) {
				ck_assert_uint_eq(len, strlen(out));
				sgg_free(out);
				break;
			}
			ck_assert_msg(rc == SGG_ENOMEM, "format %zu, allocation %ld: %d", f, n, rc);
			ck_assert_ptr_null(out);
			ck_assert_uint_eq(len, 0);
		}
		ck_assert_int_lt(n, MAX_ROUNDS);
	}
	sgg_diff_free(d);
}
END_TEST

START_TEST(test_diff_alloc_render_error)
{
	static const sgg_format formats[] = {SGG_FORMAT_JSON, SGG_FORMAT_JUNIT, SGG_FORMAT_TAP};
	sgg_error in = {0}, err;

	in.code = SGG_EREF;
	strcpy(in.source, "after.json");
	strcpy(in.path, "routes[0].target");
	strcpy(in.text, "no skill group with id 9");
	for (size_t f = 0; f < sizeof(formats) / sizeof(formats[0]); f++) {
		long n;

		for (n = 1; n < MAX_ROUNDS; n++) {
			char *out = (char *)1;
			int rc;

			failalloc_arm(n);
			rc = sgg_diff_render_error(&out, NULL, &in, 0, formats[f], &err);
			failalloc_disarm();
			if (rc == 0) {
				sgg_free(out);
				break;
			}
			ck_assert_int_eq(rc, SGG_ENOMEM);
			ck_assert_ptr_null(out);
		}
		ck_assert_int_lt(n, MAX_ROUNDS);
	}
}
END_TEST

int main(void)
{
	Suite *s = suite_create("diff-alloc");
	TCase *tc = tcase_create("allocation failure");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_diff_alloc_run);
	tcase_add_test(tc, test_diff_alloc_lint);
	tcase_add_test(tc, test_diff_alloc_render);
	tcase_add_test(tc, test_diff_alloc_render_error);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
