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
