/*
 * testutil.h - helpers the Check programs share.
 * SPDX-License-Identifier: MIT
 */
#ifndef SGG_TESTUTIL_H
#define SGG_TESTUTIL_H

#include <check.h>
#include <string.h>
#include "sgguard.h"

/* Path of a file under tests/data (static buffer, valid until the next call). */
const char *data_path(const char *relative);
/* Path of a file under examples (static buffer, valid until the next call). */
const char *example_path(const char *relative);

/*
 * A whole file, NUL-terminated (free()); *len (when not NULL) gets its
 * length. Fails the test when the file cannot be read.
 */
char *slurp(const char *path, size_t *len);
/* Write @p text to @p path, replacing it, or fail the test. */
void spit(const char *path, const char *text);

/* Load helpers that fail the test with the error's text when loading fails. */
sgg_config *load_config_or_fail(const char *path);
sgg_sessions *load_sessions_or_fail(const char *path);
sgg_config *config_from_string_or_fail(const char *json);
sgg_sessions *sessions_from_string_or_fail(const char *json);

/*
 * Load a document that must be refused: fail the test when it loads or
 * when the out-parameter is not reset to NULL. Returns the code; @p err
 * receives the description (source "test").
 */
int config_error(const char *json, unsigned flags, sgg_error *err);
int sessions_error(const char *json, sgg_error *err);

/*
 * Assert that @p err carries @p code and the JSON path @p path (exactly),
 * naming the error's text in the failure message.
 */
#define ck_assert_error(err, want_code, want_path)                                                 \
	do {                                                                                       \
		const sgg_error *e_ = (err);                                                       \
		ck_assert_msg(e_->code == (want_code), "code %d (%s), expected %d; text: %s: %s",  \
		              e_->code, sgg_strerror(e_->code), (int)(want_code), e_->path,        \
		              e_->text);                                                           \
		ck_assert_msg(strcmp(e_->path, (want_path)) == 0,                                  \
		              "path \"%s\", expected \"%s\"; "                                     \
		              "text: %s",                                                          \
		              e_->path, (want_path), e_->text);                                    \
	} while (0)

/*
 * A snapshot document taken at @p taken_at (RFC 3339) covering
 * @p peripherals (a JSON array text) with @p sessions (the text inside the
 * sessions array). Loaded and sealed, or the test fails.
 */
sgg_sessions *snapshot(const char *taken_at, const char *peripherals, const char *sessions);

/*
 * Run a check that must produce a report; @p refs is a NULL-terminated
 * list. Fails the test with the error's text otherwise.
 */
sgg_report *check_or_fail(const sgg_config *cfg, const sgg_sessions *snap,
                          const sgg_check_options *opts, const char *const *refs);

/* Number of findings of @p rule. */
size_t count_rule(const sgg_report *report, sgg_rule rule);

/*
 * The finding of @p rule about skill group @p group_id (0: none) and agent
 * @p agent_id (0: none), or NULL.
 */
const sgg_finding *find_finding(const sgg_report *report, sgg_rule rule, int64_t group_id,
                                int64_t agent_id);

/* Render @p report or fail the test. Free with sgg_free(). */
char *render_or_fail(const sgg_report *report, sgg_format format, unsigned flags);

/*
 * @p text with every single quote turned into a double quote, so JSON can
 * be written readably in C strings. Static storage: the last four results
 * stay valid.
 */
const char *q(const char *text);

/* Parse an RFC 3339 time or fail the test. */
sgg_time t(const char *rfc3339);

/* Run a Check suite and return the process exit status. */
int run_suite(Suite *s);

/*
 * Generated documents for the loaders: an sgguard-config/1 export with
 * @p n_groups skill groups (bases, sub-skill groups, some logically deleted)
 * on two peripherals, @p n_agents agents with memberships (some agents with
 * forty) and a route per ten groups; names carry escapes, non-ASCII text and
 * now and then a few hundred characters. One element per line. And a
 * snapshot of the first @p n_sessions of those agents. malloc'd; free().
 */
char *gen_config(size_t n_groups, size_t n_agents);
char *gen_sessions(size_t n_groups, size_t n_sessions);

/* Everything a configuration or a snapshot holds, folded into one number. */
uint64_t config_fingerprint(const sgg_config *cfg);
uint64_t sessions_fingerprint(const sgg_sessions *snap);

#endif
