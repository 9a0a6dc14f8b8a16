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
