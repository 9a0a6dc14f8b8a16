/*
 * test_alloc.c - allocation failure, one allocation at a time.
 *
 * For each operation, allocation number N fails, for N = 1, 2, 3... until the
 * operation succeeds. Every failure must come back as SGG_ENOMEM (never as
 * another error, never as a wrong verdict), and nothing may leak: the
 * sanitizer and valgrind runs of the suite check that. The library's
 * allocations are wrapped at link time (-Wl,--wrap); jansson's through
 * json_set_alloc_funcs, which is process-wide and so is done here, in a test,
 * never in the library.
 * SPDX-License-Identifier: MIT
 */
#include "failalloc.h"
#include "testutil.h"

#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>


/* Largest N tried before giving up: far more allocations than any operation here makes. */
#define MAX_STEPS 100000

/*
 * Load @p file with allocation N failing, for every N. With @p jansson_too,
 * jansson's allocations fail as well: its lexer does not always notice a
 * failed allocation, so there the rule is weaker but still fail-closed: any
 * load that succeeds must hold exactly what the file holds.
 */
static void config_loop_text(char *data, size_t len, unsigned flags, int jansson_too)
{
	sgg_config *ref = config_from_string_or_fail(data);
	uint64_t want = config_fingerprint(ref);
	long n;

	sgg_config_free(ref);
	failalloc_jansson(jansson_too);
	for (n = 1; n < MAX_STEPS; n++) {
		sgg_config *cfg = (sgg_config *)&n; /* must be reset to NULL on failure */
		sgg_error err;
		int rc;

		failalloc_arm(n);
		rc = sgg_config_load_buffer(&cfg, data, len, "config.json", flags, &err);
		failalloc_disarm();
		if (rc == 0) {
			ck_assert_msg(config_fingerprint(cfg) == want,
			              "allocation %ld failed and the load succeeded with other content", n);
			sgg_config_free(cfg);
			if (failalloc_count() < n)
				break; /* allocation N was never reached: done */
			continue;
		}
		ck_assert_ptr_null(cfg);
		if (!jansson_too) {
			ck_assert_msg(rc == SGG_ENOMEM, "allocation %ld failed: got %d (%s)", n, rc, err.text);
			ck_assert_int_eq(err.code, SGG_ENOMEM);
		}
	}
	ck_assert_msg(n > 5 && n < MAX_STEPS, "loading should allocate (%ld)", n);
}

static void config_loop(const char *file, int jansson_too)
{
	size_t len;
	char *data = slurp(example_path(file), &len);

	config_loop_text(data, len, 0, jansson_too);
	free(data);
}

static void sessions_loop(const char *file, int jansson_too)
{
	size_t len;
	char *data = slurp(example_path(file), &len);
	sgg_sessions *ref = load_sessions_or_fail(example_path(file));
	uint64_t want = sessions_fingerprint(ref);
	long n;

	sgg_sessions_free(ref);
	failalloc_jansson(jansson_too);
	for (n = 1; n < MAX_STEPS; n++) {
		sgg_sessions *snap = NULL;
		sgg_error err;
		int rc;

		failalloc_arm(n);
		rc = sgg_sessions_load_buffer(&snap, data, len, "sessions.json", &err);
		failalloc_disarm();
		if (rc == 0) {
			ck_assert_msg(sessions_fingerprint(snap) == want,
			              "allocation %ld failed and the load succeeded with other content", n);
			sgg_sessions_free(snap);
			if (failalloc_count() < n)
				break;
			continue;
		}
		ck_assert_ptr_null(snap);
		if (!jansson_too)
			ck_assert_msg(rc == SGG_ENOMEM, "allocation %ld failed: got %d (%s)", n, rc, err.text);
	}
	ck_assert(n > 5 && n < MAX_STEPS);
	free(data);
}

START_TEST(test_alloc_config_load)
{
	config_loop("technote/config.json", 0);
}
END_TEST

START_TEST(test_alloc_config_load_jansson)
{
	config_loop("technote/config.json", 1);
}
END_TEST

/*
 * A document of several batches of elements, read split: its escapes and
 * long names make jansson grow its text buffer, where a failed allocation
 * would drop a byte unseen but for the batch's sentinel.
 */
START_TEST(test_alloc_config_split_jansson)
{
	char *data = gen_config(66, 20);

	config_loop_text(data, strlen(data), 0, 1);
	free(data);
}
END_TEST

START_TEST(test_alloc_sessions_load)
{
	sessions_loop("technote/sessions.json", 0);
}
END_TEST

START_TEST(test_alloc_sessions_load_jansson)
{
	sessions_loop("technote/sessions.json", 1);
}
END_TEST

/* The check and each renderer: the verdict when it finally succeeds is the real one. */
START_TEST(test_alloc_check_and_render)
{
	sgg_config *cfg = load_config_or_fail(example_path("technote/config.json"));
	sgg_sessions *snap = load_sessions_or_fail(example_path("technote/sessions.json"));
	const char *refs[] = { "5000:40424", "name:Billing", "9999" };
	sgg_check_options opts = SGG_CHECK_OPTIONS_INIT;
	sgg_report *baseline = NULL;
	sgg_format formats[] = { SGG_FORMAT_TEXT, SGG_FORMAT_JSON, SGG_FORMAT_JUNIT };
	long n;

	opts.at = t("2026-12-01T02:15:00Z");
	failalloc_jansson(true); /* the JSON renderer builds with jansson: fail those allocations too */
	ck_assert_int_eq(sgg_check_run(&baseline, cfg, snap, refs, 2, &opts, NULL), 0);
	ck_assert_int_eq(sgg_report_verdict(baseline), SGG_VERDICT_BLOCK);

	for (size_t nrefs = 2; nrefs <= 3; nrefs++) {
		for (n = 1; n < MAX_STEPS; n++) {
			sgg_report *r = NULL;
			sgg_error err;
			int rc;

			failalloc_arm(n);
			rc = sgg_check_run(&r, cfg, snap, refs, nrefs, &opts, &err);
			failalloc_disarm();
			if (rc == 0) {
				ck_assert_int_eq(sgg_report_verdict(r),
				                 nrefs == 2 ? SGG_VERDICT_BLOCK : SGG_VERDICT_ERROR);
				if (nrefs == 2)
					ck_assert_int_eq(sgg_report_finding_count(r),
					                 sgg_report_finding_count(baseline));
				sgg_report_free(r);
				break;
			}
			ck_assert_msg(rc == SGG_ENOMEM, "check: allocation %ld: got %d", n, rc);
			ck_assert_ptr_null(r);
		}
		ck_assert(n > 3);
	}

	for (size_t f = 0; f < sizeof(formats) / sizeof(formats[0]); f++) {
		for (n = 1; n < MAX_STEPS; n++) {
			char *out = (char *)&n;
			size_t len = 99;
			int rc;

			failalloc_arm(n);
			rc = sgg_report_render(&out, &len, baseline, formats[f], 0, NULL);
			failalloc_disarm();
			if (rc == 0) {
				ck_assert(len > 0 && strlen(out) == len);
				sgg_free(out);
				break;
			}
			ck_assert_msg(rc == SGG_ENOMEM, "render %d: allocation %ld: got %d", (int)f, n, rc);
			ck_assert_ptr_null(out);
			ck_assert_uint_eq(len, 0);
		}
	}
	sgg_report_free(baseline);
	sgg_sessions_free(snap);
	sgg_config_free(cfg);
}
END_TEST

START_TEST(test_alloc_builder)
{
	long n;

	for (n = 1; n < MAX_STEPS; n++) {
		sgg_config *cfg = NULL;
		sgg_skill_group base = { .id = 10, .peripheral = 1, .number = 100, .priority = 0,
		                         .name = "Base" };
		sgg_skill_group sub = { .id = 11, .peripheral = 1, .number = 100, .priority = 1,
		                        .base = 10, .name = "Base.pri" };
		sgg_agent agent = { .id = 20, .peripheral = 1, .number = "2000", .name = "A" };
		int64_t groups[] = { 10, 11 };
		int rc;

		failalloc_arm(n);
		rc = sgg_config_new(&cfg, NULL);
		if (rc == 0) {
			if ((rc = sgg_config_add_skill_group(cfg, &base, NULL)) == 0 &&
			    (rc = sgg_config_add_skill_group(cfg, &sub, NULL)) == 0 &&
			    (rc = sgg_config_add_agent(cfg, &agent, groups, 2, NULL)) == 0 &&
			    (rc = sgg_config_add_route(cfg, 1, "R", 10, NULL)) == 0)
				rc = sgg_config_seal(cfg, 0, NULL);
		}
		failalloc_disarm();
		if (rc == 0) {
			size_t nsubs = 0;

			ck_assert_ptr_nonnull(sgg_config_subgroups(cfg, 10, &nsubs));
			ck_assert_uint_eq(nsubs, 1);
			sgg_config_free(cfg);
			break;
		}
		ck_assert_msg(rc == SGG_ENOMEM, "builder: allocation %ld: got %d", n, rc);
		sgg_config_free(cfg);
	}
	ck_assert(n > 3);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("alloc");
	TCase *tc = tcase_create("enomem");

	failalloc_jansson(false);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_alloc_config_load);
	tcase_add_test(tc, test_alloc_sessions_load);
	tcase_add_test(tc, test_alloc_config_load_jansson);
	tcase_add_test(tc, test_alloc_config_split_jansson);
	tcase_add_test(tc, test_alloc_sessions_load_jansson);
	tcase_add_test(tc, test_alloc_check_and_render);
	tcase_add_test(tc, test_alloc_builder);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
