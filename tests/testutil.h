/*
 * testutil.h - helpers the Check programs share.
 * SPDX-License-Identifier: MIT
 */
#ifndef SGG_TESTUTIL_H
#define SGG_TESTUTIL_H

#include <check.h>
#include "sgguard.h"

/* Path of a file under tests/data (static buffer, valid until the next call). */
const char *data_path(const char *relative);
/* Path of a file under examples (static buffer, valid until the next call). */
const char *example_path(const char *relative);

/* Load helpers that fail the test with the error's text when loading fails. */
sgg_config *load_config_or_fail(const char *path);
sgg_sessions *load_sessions_or_fail(const char *path);
sgg_config *config_from_string_or_fail(const char *json);
sgg_sessions *sessions_from_string_or_fail(const char *json);

/* Parse an RFC 3339 time or fail the test. */
sgg_time t(const char *rfc3339);

/* Run a Check suite and return the process exit status. */
int run_suite(Suite *s);

#endif
