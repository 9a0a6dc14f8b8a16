/*
 * test_change.c - the change workflow through the public API: the whole
 * procedure, every out-of-order step and refusal, tampered records, the
 * lock, concurrent writers, faults at each point of the atomic write,
 * waiting and the override.
 *
 * Write faults are injected by interposing the libc calls the library
 * makes (mkstemp64, write, fsync, close, rename): this program's
 * definitions win over libc's for the shared library too.
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE
#include "testutil.h"

#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* ---- fault injection ---- */

enum { P_NONE = -1, P_CREATE, P_WRITE, P_FSYNC, P_CLOSE, P_RENAME, P_FSYNC_DIR, P_COUNT };
static int fail_point = P_NONE;
static int tmp_fd = -1;

static void *next_fn(const char *name)
{
	return dlsym(RTLD_NEXT, name);
}

int mkstemp64(char *tmpl)
{
	int (*real)(char *);
	void *p = next_fn("mkstemp64");
	int fd;

	memcpy(&real, &p, sizeof(p));
	if (fail_point == P_CREATE) {
		errno = ENOSPC;
		return -1;
	}
	fd = real(tmpl);
	tmp_fd = fd;
	return fd;
}

ssize_t write(int fd, const void *buf, size_t n)
{
	ssize_t (*real)(int, const void *, size_t);
	void *p = next_fn("write");

	memcpy(&real, &p, sizeof(p));
	if (fail_point == P_WRITE && fd == tmp_fd) {
		errno = ENOSPC;
		return -1;
	}
	return real(fd, buf, n);
}

int fsync(int fd)
{
	int (*real)(int);
	void *p = next_fn("fsync");

	memcpy(&real, &p, sizeof(p));
	if ((fail_point == P_FSYNC && fd == tmp_fd) ||
	    (fail_point == P_FSYNC_DIR && fd != tmp_fd)) {
		errno = EIO;
		return -1;
	}
	return real(fd);
}

int close(int fd)
{
	int (*real)(int);
	void *p = next_fn("close");
	int rc;

	memcpy(&real, &p, sizeof(p));
	rc = real(fd);
	if (fd == tmp_fd) {
		tmp_fd = -1; /* the number may come back for another file */
		if (fail_point == P_CLOSE) {
			errno = EIO;
			return -1;
		}
	}
	return rc;
}

int rename(const char *from, const char *to)
{
	int (*real)(const char *, const char *);
	void *p = next_fn("rename");

	memcpy(&real, &p, sizeof(p));
	if (fail_point == P_RENAME) {
		errno = EIO;
		return -1;
	}
	return real(from, to);
}

/* ---- helpers ---- */

#define WINDOW "2026-12-01T02:00:00Z/PT2H"

static char dir[64];
static char record[128];

static void make_dir(void)
{
	snprintf(dir, sizeof(dir), "/tmp/sgg-change-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(record, sizeof(record), "%s/chg-1.json", dir);
}

static void remove_dir(void)
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
	return o;
}

static sgg_change *load_or_fail(const char *path)
{
	sgg_change *c = NULL;
	sgg_error err;
	char line[1024];

	if (sgg_change_load_file(&c, path, &err) < 0) {
		sgg_error_format(&err, line, sizeof(line));
		ck_abort_msg("loading %s: %s", path, line);
	}
	return c;
}

static void expect_state(sgg_change_state want, size_t log_count)
{
	sgg_change *c = load_or_fail(record);

	ck_assert_str_eq(sgg_change_state_name(sgg_change_get_state(c)),
	                 sgg_change_state_name(want));
	ck_assert_uint_eq(sgg_change_log_count(c), log_count);
	sgg_change_free(c);
}

static void plan_technote(void)
{
	sgg_config *cfg = load_config_or_fail(example_path("technote/config.json"));
	const char *refs[] = {"5000:40424"};
	sgg_change_options o = opts_at("2026-11-30T10:00:00Z", "alice");
	sgg_change_result *res = NULL;
	sgg_error err;

	o.window = WINDOW;
	ck_assert_int_eq(sgg_change_plan(&res, record, cfg, refs, 1, &o, &err), 0);
	ck_assert(sgg_change_result_done(res));
	sgg_change_result_free(res);
	sgg_config_free(cfg);
}

static int notify_logout(const char *at)
{
	sgg_change_options o = opts_at(at, "alice");
	sgg_change_result *res = NULL;
	int rc = sgg_change_notify_logout(&res, record, NULL, &o, NULL);

	sgg_change_result_free(res);
	return rc;
}

static int remove_with(const char *sessions, const char *at)
{
	sgg_change_options o = opts_at(at, "bob");
	sgg_change_result *res = NULL;
	int rc = sgg_change_remove(&res, record, NULL, sessions, &o, NULL);

	sgg_change_result_free(res);
	return rc;
}

static int confirm_with(const char *config, const char *at)
{
	sgg_config *cfg = load_config_or_fail(config);
	sgg_change_options o = opts_at(at, "bob");
	sgg_change_result *res = NULL;
	int rc = sgg_change_confirm(&res, record, cfg, &o, NULL);

	sgg_change_result_free(res);
	sgg_config_free(cfg);
	return rc;
}

static int notify_login(const char *at)
{
	sgg_change_options o = opts_at(at, "alice");
	sgg_change_result *res = NULL;
	int rc = sgg_change_notify_login(&res, record, NULL, &o, NULL);

	sgg_change_result_free(res);
	return rc;
}

static int abort_change(const char *at)
{
	sgg_change_options o = opts_at(at, "carol");
	sgg_change_result *res = NULL;
	int rc;

	o.reason = "vendor asked to wait";
	rc = sgg_change_abort(&res, record, &o, NULL);
	sgg_change_result_free(res);
	return rc;
}

/* Everything before the log: what a refused step must leave alone. */
static char *head_of(const char *text)
{
	const char *log = strstr(text, "\"log\": [");
	char *copy;

	ck_assert_ptr_nonnull(log);
	copy = strndup(text, (size_t)(log - text));
	ck_assert_ptr_nonnull(copy);
	return copy;
}

/* Run @p step, which must be refused, and check it changed nothing but the log. */
#define EXPECT_REFUSED(call)                                                                       \
	do {                                                                                       \
		char *before_ = slurp(record, NULL), *after_, *h1_, *h2_;                          \
		sgg_change *c_ = load_or_fail(record);                                             \
		size_t n_ = sgg_change_log_count(c_);                                              \
		const sgg_change_entry *e_;                                                        \
		sgg_change_free(c_);                                                               \
		ck_assert_int_eq((call), SGG_EREFUSED);                                            \
		after_ = slurp(record, NULL);                                                      \
		h1_ = head_of(before_);                                                            \
		h2_ = head_of(after_);                                                             \
		ck_assert_str_eq(h1_, h2_);                                                        \
		c_ = load_or_fail(record);                                                         \
		ck_assert_uint_eq(sgg_change_log_count(c_), n_ + 1);                               \
		e_ = sgg_change_log_entry(c_, n_);                                                 \
		ck_assert_int_eq(e_->done, 0);                                                     \
		ck_assert_ptr_nonnull(e_->reason);                                                 \
		sgg_change_free(c_);                                                               \
		free(before_);                                                                     \
		free(after_);                                                                      \
		free(h1_);                                                                         \
		free(h2_);                                                                         \
	} while (0)

/* ---- the procedure ---- */

START_TEST(test_change_names)
{
	ck_assert_str_eq(sgg_change_state_name(SGG_CHANGE_PLANNED), "planned");
	ck_assert_str_eq(sgg_change_state_name(SGG_CHANGE_LOGOUT_NOTIFIED), "logout_notified");
	ck_assert_str_eq(sgg_change_state_name(SGG_CHANGE_REMOVAL_APPROVED), "removal_approved");
	ck_assert_str_eq(sgg_change_state_name(SGG_CHANGE_REMOVED), "removed");
	ck_assert_str_eq(sgg_change_state_name(SGG_CHANGE_CLOSED), "closed");
	ck_assert_str_eq(sgg_change_state_name(SGG_CHANGE_ABORTED), "aborted");
	ck_assert_ptr_null(sgg_change_state_name((sgg_change_state)42));
	ck_assert_str_eq(sgg_change_step_name(SGG_CHANGE_STEP_NOTIFY_LOGOUT), "notify-logout");
	ck_assert_ptr_null(sgg_change_step_name((sgg_change_step)-1));
}
END_TEST

START_TEST(test_change_whole_procedure)
{
	sgg_change *c;
	const sgg_window *w;

	make_dir();
	plan_technote();
	expect_state(SGG_CHANGE_PLANNED, 1);
	c = load_or_fail(record);
	ck_assert_str_eq(sgg_change_id(c), "chg-1");
	ck_assert(sgg_change_covers(c, 5019));
	ck_assert(sgg_change_covers(c, 5020));
	ck_assert(sgg_change_covers(c, 5021));
	ck_assert(!sgg_change_covers(c, 5022));
	ck_assert_uint_eq(sgg_change_target_count(c), 1);
	ck_assert_uint_eq(sgg_change_target(c, 0)->n_subgroups, 2);
	ck_assert_uint_eq(sgg_change_notify_count(c), 3);
	ck_assert_str_eq(sgg_change_notify_agent(c, 0)->number, "1428");
	w = sgg_change_window(c);
	ck_assert_int_eq(w->start, t("2026-12-01T02:00:00Z"));
	ck_assert_int_eq(w->end, t("2026-12-01T04:00:00Z"));
	ck_assert_ptr_null(sgg_change_zone(c));
	sgg_change_free(c);

	ck_assert_int_eq(notify_logout("2026-12-01T01:30:00Z"), 0);
	expect_state(SGG_CHANGE_LOGOUT_NOTIFIED, 2);
	/* Ana Ruiz is still talking: the gate stays closed */
	EXPECT_REFUSED(remove_with(example_path("technote/sessions.json"), "2026-12-01T02:15:00Z"));
	ck_assert_int_eq(
	    remove_with(example_path("technote/sessions-logged-out.json"), "2026-12-01T02:42:00Z"),
	    0);
	expect_state(SGG_CHANGE_REMOVAL_APPROVED, 4);
	/* the export still has the base group */
	EXPECT_REFUSED(
	    confirm_with(data_path("change/config-after-partial.json"), "2026-12-01T02:51:00Z"));
	ck_assert_int_eq(
	    confirm_with(data_path("change/config-after.json"), "2026-12-01T02:52:00Z"), 0);
	expect_state(SGG_CHANGE_REMOVED, 6);
	ck_assert_int_eq(notify_login("2026-12-01T02:55:00Z"), 0);
	expect_state(SGG_CHANGE_CLOSED, 7);
	/* a closed change takes no more steps, abort included */
	EXPECT_REFUSED(abort_change("2026-12-01T03:00:00Z"));
	EXPECT_REFUSED(notify_login("2026-12-01T03:00:00Z"));
	c = load_or_fail(record);
	ck_assert(!sgg_change_overridden(c));
	ck_assert_int_eq(sgg_change_log_entry(c, 0)->step, SGG_CHANGE_STEP_PLAN);
	ck_assert_str_eq(sgg_change_log_entry(c, 1)->by, "alice");
	ck_assert_int_eq(sgg_change_log_entry(c, 2)->step, SGG_CHANGE_STEP_REMOVE);
	ck_assert_int_eq(sgg_change_log_entry(c, 2)->done, 0);
	sgg_change_free(c);
	remove_dir();
}
END_TEST

/* Every step that is not the next one is refused, in every state. */
START_TEST(test_change_out_of_order)
{
	/* both helpers return the same static buffer: keep copies */
	char on[1024], after[1024];

	snprintf(on, sizeof(on), "%s", example_path("technote/sessions-logged-out.json"));
	snprintf(after, sizeof(after), "%s", data_path("change/config-after.json"));

	make_dir();
	plan_technote();
	/* planned */
	EXPECT_REFUSED(remove_with(on, "2026-12-01T02:42:00Z"));
	EXPECT_REFUSED(confirm_with(after, "2026-12-01T02:42:00Z"));
	EXPECT_REFUSED(notify_login("2026-12-01T02:42:00Z"));
	ck_assert_int_eq(notify_logout("2026-12-01T01:30:00Z"), 0);
	/* logout_notified */
	EXPECT_REFUSED(notify_logout("2026-12-01T01:31:00Z"));
	EXPECT_REFUSED(confirm_with(after, "2026-12-01T02:42:00Z"));
	EXPECT_REFUSED(notify_login("2026-12-01T02:42:00Z"));
	ck_assert_int_eq(remove_with(on, "2026-12-01T02:42:00Z"), 0);
	/* removal_approved */
	EXPECT_REFUSED(notify_logout("2026-12-01T02:43:00Z"));
	EXPECT_REFUSED(remove_with(on, "2026-12-01T02:42:00Z"));
	EXPECT_REFUSED(notify_login("2026-12-01T02:43:00Z"));
	ck_assert_int_eq(confirm_with(after, "2026-12-01T02:52:00Z"), 0);
	/* removed */
	EXPECT_REFUSED(notify_logout("2026-12-01T02:53:00Z"));
	EXPECT_REFUSED(remove_with(on, "2026-12-01T02:42:00Z"));
	EXPECT_REFUSED(confirm_with(after, "2026-12-01T02:53:00Z"));
	ck_assert_int_eq(abort_change("2026-12-01T02:54:00Z"), 0);
	/* aborted */
	expect_state(SGG_CHANGE_ABORTED, 17);
	EXPECT_REFUSED(notify_logout("2026-12-01T02:55:00Z"));
	EXPECT_REFUSED(remove_with(on, "2026-12-01T02:42:00Z"));
	EXPECT_REFUSED(abort_change("2026-12-01T02:55:00Z"));
	remove_dir();
}
END_TEST

START_TEST(test_change_gate_refusals)
{
	char sessions[160];

	make_dir();
	plan_technote();
	ck_assert_int_eq(notify_logout("2026-12-01T01:30:00Z"), 0);
	/* before the window opens, with a fresh snapshot where nobody is logged in */
	snprintf(sessions, sizeof(sessions), "%s/early.json", dir);
	spit(sessions,
	     "{\"format\": \"sgguard-sessions/1\", \"taken_at\": \"2026-12-01T01:59:00Z\","
	     " \"peripherals\": [5000, 5001], \"sessions\": []}");
	EXPECT_REFUSED(remove_with(sessions, "2026-12-01T01:59:30Z"));
	/* after it closed */
	spit(sessions,
	     "{\"format\": \"sgguard-sessions/1\", \"taken_at\": \"2026-12-01T04:00:10Z\","
	     " \"peripherals\": [5000, 5001], \"sessions\": []}");
	EXPECT_REFUSED(remove_with(sessions, "2026-12-01T04:00:30Z"));
	/* a stale snapshot inside the window */
	EXPECT_REFUSED(
	    remove_with(example_path("technote/sessions-logged-out.json"), "2026-12-01T02:50:00Z"));
	/* a member still logged in */
	EXPECT_REFUSED(remove_with(example_path("technote/sessions.json"), "2026-12-01T02:15:00Z"));
	/* a snapshot that does not cover the targets' peripheral */
	spit(sessions,
	     "{\"format\": \"sgguard-sessions/1\", \"taken_at\": \"2026-12-01T02:30:00Z\","
	     " \"peripherals\": [5001], \"sessions\": []}");
	EXPECT_REFUSED(remove_with(sessions, "2026-12-01T02:30:10Z"));
	expect_state(SGG_CHANGE_LOGOUT_NOTIFIED, 7);
	{
		sgg_change *c = load_or_fail(record);

		ck_assert_ptr_nonnull(
		    strstr(sgg_change_log_entry(c, 2)->reason, "before the maintenance window"));
		ck_assert_ptr_nonnull(
		    strstr(sgg_change_log_entry(c, 3)->reason, "after the maintenance window"));
		ck_assert_ptr_nonnull(strstr(sgg_change_log_entry(c, 4)->reason, "snapshot"));
		ck_assert_ptr_nonnull(strstr(sgg_change_log_entry(c, 5)->reason, "1428"));
		sgg_change_free(c);
	}
	remove_dir();
}
END_TEST

START_TEST(test_change_plan_refusals)
{
	sgg_config *cfg = load_config_or_fail(example_path("technote/config.json"));
	const char *good[] = {"5019"}, *unknown[] = {"5019", "5000:99999"}, *deleted[] = {"5031"};
	sgg_change_options o = opts_at("2026-12-01T05:00:00Z", "alice");
	sgg_change_result *res = NULL;
	sgg_error err;
	struct stat st;

	make_dir();
	o.window = WINDOW; /* over by then */
	ck_assert_int_eq(sgg_change_plan(&res, record, cfg, good, 1, &o, &err), SGG_EREFUSED);
	ck_assert_ptr_nonnull(strstr(sgg_change_result_message(res), "past"));
	ck_assert_ptr_null(sgg_change_result_change(res));
	sgg_change_result_free(res);
	ck_assert_int_ne(stat(record, &st), 0);

	o.at = t("2026-11-30T10:00:00Z");
	o.window = "2026-12-01T02:00:00Z/2026-12-01T01:00:00Z";
	ck_assert_int_eq(sgg_change_plan(&res, record, cfg, good, 1, &o, &err), SGG_EREFUSED);
	ck_assert_ptr_nonnull(strstr(sgg_change_result_message(res), "before it starts"));
	sgg_change_result_free(res);
	o.window = "2026-12-01T02:00:00Z/2026-12-01T02:00:00Z";
	ck_assert_int_eq(sgg_change_plan(&res, record, cfg, good, 1, &o, &err), SGG_EREFUSED);
	sgg_change_result_free(res);

	o.window = WINDOW;
	ck_assert_int_eq(sgg_change_plan(&res, record, cfg, unknown, 2, &o, &err), SGG_EREFUSED);
	ck_assert_ptr_nonnull(strstr(sgg_change_result_message(res), "5000:99999"));
	sgg_change_result_free(res);
	ck_assert_int_eq(sgg_change_plan(&res, record, cfg, deleted, 1, &o, &err), SGG_EREFUSED);
	sgg_change_result_free(res);
	ck_assert_int_ne(stat(record, &st), 0);

	ck_assert_int_eq(sgg_change_plan(&res, record, cfg, good, 1, &o, &err), 0);
	sgg_change_result_free(res);
	{
		char *before = slurp(record, NULL), *after;

		ck_assert_int_eq(sgg_change_plan(&res, record, cfg, good, 1, &o, &err),
		                 SGG_EREFUSED);
		ck_assert_ptr_nonnull(strstr(sgg_change_result_message(res), "already exists"));
		sgg_change_result_free(res);
		after = slurp(record, NULL);
		ck_assert_str_eq(before, after);
		free(before);
		free(after);
	}
	/* bad usage is an error, not a refusal */
	o.by = "";
	ck_assert_int_eq(sgg_change_plan(&res, record, cfg, good, 1, &o, &err), SGG_EINVAL);
	ck_assert_ptr_null(res);
	o.by = "alice";
	o.id = "bad id!";
	ck_assert_int_eq(sgg_change_plan(&res, record, cfg, good, 1, &o, &err), SGG_EINVAL);
	o.id = NULL;
	o.window = "tomorrow";
	ck_assert_int_eq(sgg_change_plan(&res, record, cfg, good, 1, &o, &err), SGG_ESYNTAX);
	sgg_config_free(cfg);
	remove_dir();
}
END_TEST

/* A sub-skill group planned on its own: the gate works from the record alone. */
START_TEST(test_change_sub_target_alone)
{
	sgg_config *cfg = load_config_or_fail(example_path("technote/config.json"));
	const char *refs[] = {"5000:40424:1"};
	sgg_change_options o = opts_at("2026-11-30T10:00:00Z", "alice");
	sgg_change_result *res = NULL;
	sgg_change *c;

	make_dir();
	o.window = WINDOW;
	ck_assert_int_eq(sgg_change_plan(&res, record, cfg, refs, 1, &o, NULL), 0);
	sgg_change_result_free(res);
	c = load_or_fail(record);
	ck_assert(sgg_change_covers(c, 5020));
	ck_assert(!sgg_change_covers(c, 5019));
	ck_assert_uint_eq(sgg_change_notify_count(c), 1);
	sgg_change_free(c);
	ck_assert_int_eq(notify_logout("2026-12-01T01:30:00Z"), 0);
	EXPECT_REFUSED(remove_with(example_path("technote/sessions.json"), "2026-12-01T02:15:00Z"));
	ck_assert_int_eq(
	    remove_with(example_path("technote/sessions-logged-out.json"), "2026-12-01T02:42:00Z"),
	    0);
	sgg_config_free(cfg);
	remove_dir();
}
END_TEST

START_TEST(test_change_abort)
{
	sgg_change_options o = opts_at("2026-12-01T01:00:00Z", "carol");
	sgg_change_result *res = NULL;
	sgg_change *c;

	make_dir();
	plan_technote();
	/* a reason is required */
	ck_assert_int_eq(sgg_change_abort(&res, record, &o, NULL), SGG_EINVAL);
	ck_assert_ptr_null(res);
	expect_state(SGG_CHANGE_PLANNED, 1);
	ck_assert_int_eq(abort_change("2026-12-01T01:00:00Z"), 0);
	c = load_or_fail(record);
	ck_assert_int_eq(sgg_change_get_state(c), SGG_CHANGE_ABORTED);
	ck_assert_str_eq(sgg_change_log_entry(c, 1)->reason, "vendor asked to wait");
	ck_assert_str_eq(sgg_change_log_entry(c, 1)->by, "carol");
	sgg_change_free(c);
	remove_dir();
}
END_TEST

/* ---- the override ---- */

static int override_with(const char *sessions, const char *at)
{
	sgg_change_options o = opts_at(at, "dave");
	sgg_change_result *res = NULL;
	int rc;

	o.override = 1;
	o.reason = "outage bridge: removal approved by the duty manager";
	rc = sgg_change_remove(&res, record, NULL, sessions, &o, NULL);
	sgg_change_result_free(res);
	return rc;
}

START_TEST(test_change_override)
{
	char one[160], stale[160];
	sgg_change *c;
	char *text = NULL;
	size_t len = 0;

	make_dir();
	plan_technote();
	ck_assert_int_eq(notify_logout("2026-12-01T01:30:00Z"), 0);
	/* never without a refused attempt to bind to */
	EXPECT_REFUSED(
	    override_with(example_path("technote/sessions.json"), "2026-12-01T02:15:00Z"));
	/* that attempt showed 1428 and 1431 (ids 5107, 5110) */
	EXPECT_REFUSED(remove_with(example_path("technote/sessions.json"), "2026-12-01T02:15:00Z"));
	/* a different set voids it: only Ana Ruiz now */
	snprintf(one, sizeof(one), "%s/one.json", dir);
	spit(one, "{\"format\": \"sgguard-sessions/1\", \"taken_at\": \"2026-12-01T02:20:00Z\","
	          " \"peripherals\": [5000, 5001], \"sessions\": [{\"agent\": 5107, \"state\": "
	          "\"talking\", \"skill_groups\": [5019]}]}");
	EXPECT_REFUSED(override_with(one, "2026-12-01T02:20:05Z"));
	/* the last refused attempt is now the override's own: it showed 5107 only, but a
	 * stale snapshot can never be overridden */
	EXPECT_REFUSED(remove_with(one, "2026-12-01T02:20:05Z"));
	snprintf(stale, sizeof(stale), "%s/stale.json", dir);
	spit(stale, "{\"format\": \"sgguard-sessions/1\", \"taken_at\": \"2026-12-01T02:20:00Z\","
	            " \"peripherals\": [5000, 5001], \"sessions\": [{\"agent\": 5107, \"state\": "
	            "\"talking\", \"skill_groups\": [5019]}]}");
	EXPECT_REFUSED(override_with(stale, "2026-12-01T02:40:00Z"));
	ck_assert(!sgg_change_overridden(c = load_or_fail(record)));
	sgg_change_free(c);
	/* the same set as the last refused remove (5107): passes, logged */
	ck_assert_int_eq(override_with(one, "2026-12-01T02:20:30Z"), 0);
	c = load_or_fail(record);
	ck_assert_int_eq(sgg_change_get_state(c), SGG_CHANGE_REMOVAL_APPROVED);
	ck_assert(sgg_change_overridden(c));
	ck_assert(sgg_change_log_entry(c, sgg_change_log_count(c) - 1)->overridden);
	ck_assert_ptr_nonnull(
	    strstr(sgg_change_log_entry(c, sgg_change_log_count(c) - 1)->reason, "duty manager"));
	/* status shows it, as text and JSON */
	ck_assert_int_eq(sgg_change_status_render(&text, &len, c, t("2026-12-01T02:30:00Z"),
	                                          SGG_FORMAT_TEXT, 0, NULL),
	                 0);
	ck_assert_ptr_nonnull(strstr(text, "OVERRIDE"));
	ck_assert_ptr_nonnull(strstr(text, "5107"));
	sgg_free(text);
	ck_assert_int_eq(sgg_change_status_render(&text, &len, c, t("2026-12-01T02:30:00Z"),
	                                          SGG_FORMAT_JSON, 0, NULL),
	                 0);
	ck_assert_ptr_nonnull(strstr(text, "\"override\": {"));
	sgg_free(text);
	sgg_change_free(c);
	/* and the record stays valid through the rest */
	ck_assert_int_eq(
	    confirm_with(data_path("change/config-after.json"), "2026-12-01T02:52:00Z"), 0);
	ck_assert_int_eq(notify_login("2026-12-01T02:55:00Z"), 0);
	c = load_or_fail(record);
	ck_assert(sgg_change_overridden(c));
	sgg_change_free(c);
	remove_dir();
}
END_TEST

/* ---- waiting ---- */

static const char logged_in_snap[] =
    "{\"format\": \"sgguard-sessions/1\", \"taken_at\": \"2026-12-01T02:30:00Z\","
    " \"peripherals\": [5000, 5001], \"sessions\": [{\"agent\": 5107, \"state\": \"talking\","
    " \"skill_groups\": [5019]}]}";
static const char logged_out_snap[] =
    "{\"format\": \"sgguard-sessions/1\", \"taken_at\": \"2026-12-01T02:30:00Z\","
    " \"peripherals\": [5000, 5001], \"sessions\": []}";

static int progress_calls;

static void count_progress(void *ctx, const sgg_report *report, sgg_time now, sgg_time until)
{
	(void)ctx;
	ck_assert_int_eq(sgg_report_verdict(report), SGG_VERDICT_BLOCK);
	ck_assert_int_le(now, until);
	progress_calls++;
}

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

START_TEST(test_change_wait_until_open)
{
	char sessions[160], tmp[176];
	sgg_change_options o = opts_at("2026-12-01T02:30:00Z", "bob");
	sgg_change_result *res = NULL;
	pid_t pid;
	int status;

	make_dir();
	plan_technote();
	ck_assert_int_eq(notify_logout("2026-12-01T01:30:00Z"), 0);
	snprintf(sessions, sizeof(sessions), "%s/live.json", dir);
	snprintf(tmp, sizeof(tmp), "%s/live.tmp", dir);
	spit(sessions, logged_in_snap);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		/* the agent logs out a second later; the snapshot is replaced whole */
		struct timespec ts = {1, 200000000L};
		FILE *f;

		nanosleep(&ts, NULL);
		f = fopen(tmp, "wb");
		if (!f || fputs(logged_out_snap, f) < 0 || fclose(f) != 0 || rename(tmp, sessions))
			_exit(1);
		_exit(0);
	}
	o.wait = 30;
	o.wait_interval_ms = 200;
	o.progress = count_progress;
	progress_calls = 0;
	ck_assert_int_eq(sgg_change_remove(&res, record, NULL, sessions, &o, NULL), 0);
	ck_assert(sgg_change_result_done(res));
	ck_assert_int_ge(progress_calls, 1);
	sgg_change_result_free(res);
	waitpid(pid, &status, 0);
	ck_assert(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	expect_state(SGG_CHANGE_REMOVAL_APPROVED, 3);
	remove_dir();
}
END_TEST

START_TEST(test_change_wait_is_bounded)
{
	char sessions[160];
	sgg_change_options o = opts_at("2026-12-01T02:30:00Z", "bob");
	sgg_change_result *res = NULL;
	int64_t start;

	make_dir();
	plan_technote();
	ck_assert_int_eq(notify_logout("2026-12-01T01:30:00Z"), 0);
	snprintf(sessions, sizeof(sessions), "%s/live.json", dir);
	spit(sessions, logged_in_snap);
	o.wait = 2;
	o.wait_interval_ms = 300;
	start = now_ms();
	EXPECT_REFUSED(sgg_change_remove(&res, record, NULL, sessions, &o, NULL));
	ck_assert_int_ge(now_ms() - start, 1900);
	ck_assert_int_lt(now_ms() - start, 15000);
	sgg_change_result_free(res);
	res = NULL;
	/* the window's end bounds it too: 10 s before it closes, a 1 h wait lasts ~10 s */
	spit(sessions,
	     "{\"format\": \"sgguard-sessions/1\", \"taken_at\": \"2026-12-01T03:59:50Z\","
	     " \"peripherals\": [5000, 5001], \"sessions\": [{\"agent\": 5107, \"state\":"
	     " \"talking\", \"skill_groups\": [5019]}]}");
	o.at = t("2026-12-01T03:59:58Z");
	o.wait = 3600;
	start = now_ms();
	EXPECT_REFUSED(sgg_change_remove(&res, record, NULL, sessions, &o, NULL));
	ck_assert_int_lt(now_ms() - start, 15000);
	sgg_change_result_free(res);
	remove_dir();
}
END_TEST

/* ---- tampered records ---- */

typedef struct tamper {
	const char *from, *to; /* replace the first occurrence */
	int code;
	const char *path; /* expected error path */
} tamper;

START_TEST(test_change_tampered)
{
	static const tamper cases[] = {
	    {"\"state\": \"planned\"", "\"state\": \"removed\"", SGG_ESTATE, "state"},
	    {"\"state\": \"planned\"", "\"state\": \"gone\"", SGG_ESHAPE, "state"},
	    {"\"id\": \"chg-1\",", "", SGG_ESHAPE, "id"},
	    {"\"planned_at\": \"2026-11-30T10:00:00Z\"", "\"planned_at\": 5", SGG_ESHAPE,
	     "planned_at"},
	    {"\"format\": \"sgguard-change/1\"", "\"format\": \"sgguard-change/9\"", SGG_EFORMAT,
	     "format"},
	    {"\"end\": \"2026-12-01T04:00:00Z\"", "\"end\": \"2026-12-01T01:00:00Z\"", SGG_ESHAPE,
	     "window.end"},
	    {"\"step\": \"plan\"", "\"step\": \"remove\"", SGG_ESTATE, "log[0]"},
	    {"\"step\": \"plan\"", "\"step\": \"cook\"", SGG_ESHAPE, "log[0].step"},
	    {"\"outcome\": \"done\"", "\"outcome\": \"maybe\"", SGG_ESHAPE, "log[0].outcome"},
	    {"\"skill_groups\": [\n        5019,", "\"skill_groups\": [\n        7777,", SGG_EREF,
	     "notify[0].skill_groups[0]"},
	    {"\"override\": null",
	     "\"override\": {\"at\": \"2026-12-01T02:00:00Z\", \"by\": \"x\","
	     " \"reason\": \"y\", \"agents\": [1]}",
	     SGG_ESTATE, "override"},
	    {"\"base\": 5019", "\"base\": 5022", SGG_ESHAPE, "targets[0].subgroups[0]"},
	};
	char *good;
	char path[160];

	make_dir();
	plan_technote();
	good = slurp(record, NULL);
	snprintf(path, sizeof(path), "%s/tampered.json", dir);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *at = strstr(good, cases[i].from);
		char *bad;
		sgg_change *c = NULL;
		sgg_error err;
		size_t pre;

		ck_assert_msg(at != NULL, "case %zu: pattern not in the record", i);
		pre = (size_t)(at - good);
		bad = malloc(strlen(good) + strlen(cases[i].to) + 1);
		ck_assert_ptr_nonnull(bad);
		memcpy(bad, good, pre);
		strcpy(bad + pre, cases[i].to);
		strcat(bad, at + strlen(cases[i].from));
		spit(path, bad);
		ck_assert_msg(sgg_change_load_file(&c, path, &err) == cases[i].code,
		              "case %zu: code %d (%s), expected %d", i, err.code, err.text,
		              cases[i].code);
		ck_assert_ptr_null(c);
		ck_assert_str_eq(err.source, path);
		ck_assert_msg(strcmp(err.path, cases[i].path) == 0,
		              "case %zu: path %s, expected %s", i, err.path, cases[i].path);
		free(bad);
	}
	/* a step on a tampered record is an error and writes nothing */
	{
		sgg_change_options o = opts_at("2026-12-01T01:00:00Z", "alice");
		sgg_change_result *res = NULL;
		char *before = slurp(path, NULL), *after;

		ck_assert_int_lt(sgg_change_notify_logout(&res, path, NULL, &o, NULL), 0);
		ck_assert_ptr_null(res);
		after = slurp(path, NULL);
		ck_assert_str_eq(before, after);
		free(before);
		free(after);
	}
	/* a log that skips a step: a done remove straight after the plan */
	{
		const char *log = strstr(good, "\"log\": [");
		char *bad = malloc(strlen(good) + 512);
		sgg_change *c = NULL;
		sgg_error err;
		const char *close_log = strrchr(good, ']');

		ck_assert_ptr_nonnull(bad);
		memcpy(bad, good, (size_t)(close_log - good));
		strcpy(bad + (close_log - good),
		       ", {\"at\": \"2026-12-01T02:30:00Z\", \"by\": \"x\", \"step\": \"remove\", "
		       "\"outcome\": \"done\", \"reason\": null, \"evidence\": null}]}\n");
		(void)log;
		spit(path, bad);
		ck_assert_int_eq(sgg_change_load_file(&c, path, &err), SGG_ESTATE);
		ck_assert_str_eq(err.path, "log[1]");
		free(bad);
	}
	free(good);
	remove_dir();
}
END_TEST

/* ---- the lock and concurrent writers ---- */

/* Fork a process that holds the record's lock until a byte arrives on @p go. */
static pid_t hold_lock(int go)
{
	char lock[160], c;
	int ready[2];
	pid_t pid;

	snprintf(lock, sizeof(lock), "%s.lock", record);
	ck_assert_int_eq(pipe(ready), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		int fd = open(lock, O_RDWR | O_CREAT, 0666);
		struct flock fl;

		memset(&fl, 0, sizeof(fl));
		fl.l_type = F_WRLCK;
		fl.l_whence = SEEK_SET;
		if (fd < 0 || fcntl(fd, F_SETLK, &fl) < 0)
			_exit(1);
		if (write(ready[1], "x", 1) != 1 || read(go, &c, 1) != 1)
			_exit(1);
		_exit(0);
	}
	ck_assert_int_eq(read(ready[0], &c, 1), 1);
	return pid;
}

START_TEST(test_change_lock_held)
{
	int go[2];
	pid_t pid;
	char *before, *after;
	sgg_change_options o = opts_at("2026-12-01T01:30:00Z", "alice");
	sgg_change_result *res = NULL;
	sgg_error err;
	int64_t start;

	make_dir();
	plan_technote();
	ck_assert_int_eq(pipe(go), 0);
	pid = hold_lock(go[0]);
	before = slurp(record, NULL);
	o.lock_timeout_ms = 400;
	start = now_ms();
	ck_assert_int_eq(sgg_change_notify_logout(&res, record, NULL, &o, &err), SGG_ELOCKED);
	ck_assert_int_ge(now_ms() - start, 350);
	ck_assert_ptr_null(res);
	ck_assert_ptr_nonnull(strstr(err.text, "another process"));
	after = slurp(record, NULL);
	ck_assert_str_eq(before, after);
	ck_assert_int_eq(write(go[1], "x", 1), 1);
	waitpid(pid, NULL, 0);
	/* once released, the step goes through */
	ck_assert_int_eq(sgg_change_notify_logout(&res, record, NULL, &o, &err), 0);
	sgg_change_result_free(res);
	free(before);
	free(after);
	remove_dir();
}
END_TEST

START_TEST(test_change_concurrent_writers)
{
	enum { N = 8 };
	pid_t pids[N];
	int done = 0, refused = 0;
	sgg_change *c;

	make_dir();
	plan_technote();
	for (int i = 0; i < N; i++) {
		pids[i] = fork();
		ck_assert_int_ge(pids[i], 0);
		if (pids[i] == 0) {
			sgg_change_options o = opts_at("2026-12-01T01:30:00Z", "racer");
			sgg_change_result *res = NULL;
			int rc;

			o.lock_timeout_ms = 30000;
			/* half of them try to abort, half to notify: one of each kind may win */
			if (i % 2) {
				o.reason = "race";
				rc = sgg_change_abort(&res, record, &o, NULL);
			} else {
				rc = sgg_change_notify_logout(&res, record, NULL, &o, NULL);
			}
			sgg_change_result_free(res);
			_exit(rc == 0 ? 0 : rc == SGG_EREFUSED ? 1 : 2);
		}
	}
	for (int i = 0; i < N; i++) {
		int status;

		waitpid(pids[i], &status, 0);
		ck_assert(WIFEXITED(status));
		ck_assert_int_ne(WEXITSTATUS(status), 2);
		done += WEXITSTATUS(status) == 0;
		refused += WEXITSTATUS(status) == 1;
	}
	/* every attempt is logged, the record is valid, and its log explains its state */
	c = load_or_fail(record);
	ck_assert_uint_eq(sgg_change_log_count(c), 1 + N);
	ck_assert_int_eq(done + refused, N);
	ck_assert(done == 1 || done == 2);
	ck_assert_int_eq(sgg_change_get_state(c), SGG_CHANGE_ABORTED);
	sgg_change_free(c);
	remove_dir();
}
END_TEST

/* ---- faults at each point of the atomic write ---- */

static size_t leftovers(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t n = 0;

	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)))
		n += strstr(e->d_name, ".tmp.") != NULL;
	closedir(d);
	return n;
}

START_TEST(test_change_write_faults)
{
	char *before, *after;
	sgg_change_options o = opts_at("2026-12-01T01:30:00Z", "alice");
	sgg_change_result *res = NULL;
	sgg_error err;

	make_dir();
	plan_technote();
	before = slurp(record, NULL);
	for (int p = P_CREATE; p <= P_RENAME; p++) {
		fail_point = p;
		tmp_fd = -1;
		ck_assert_int_eq(sgg_change_notify_logout(&res, record, NULL, &o, &err), SGG_EIO);
		fail_point = P_NONE;
		ck_assert_ptr_null(res);
		after = slurp(record, NULL);
		ck_assert_msg(strcmp(before, after) == 0, "fault at point %d changed the record",
		              p);
		free(after);
		ck_assert_uint_eq(leftovers(), 0);
		expect_state(SGG_CHANGE_PLANNED, 1);
	}
	/* after the rename only the folder's sync can fail: the new record is whole */
	fail_point = P_FSYNC_DIR;
	ck_assert_int_eq(sgg_change_notify_logout(&res, record, NULL, &o, &err), SGG_EIO);
	fail_point = P_NONE;
	ck_assert_ptr_nonnull(strstr(err.text, "folder"));
	expect_state(SGG_CHANGE_LOGOUT_NOTIFIED, 2);
	ck_assert_uint_eq(leftovers(), 0);
	free(before);
	remove_dir();
}
END_TEST

/* ---- rendering ---- */

START_TEST(test_change_lists)
{
	sgg_sessions *snap = load_sessions_or_fail(example_path("technote/sessions.json"));
	sgg_change_options o = opts_at("2026-12-01T01:30:00Z", "alice");
	sgg_change_result *res = NULL;
	char *text = NULL;
	size_t len = 0;

	make_dir();
	plan_technote();
	ck_assert_int_eq(sgg_change_notify_logout(&res, record, snap, &o, NULL), 0);
	ck_assert_int_eq(sgg_change_result_render(&text, &len, res, SGG_FORMAT_CSV, 0, NULL), 0);
	ck_assert_str_eq(text, "change,id,number,name,team,peripheral,skill_groups,state,logged_in,"
	                       "login_at\r\n"
	                       "chg-1,5107,1428,Ana Ruiz,Tier 1,5000,5019 5020,talking,yes,"
	                       "2026-12-01T01:02:11Z\r\n"
	                       "chg-1,5108,1429,Marc Dubois,Tier 1,5000,5019,logged_out,no,\r\n"
	                       "chg-1,5110,1431,Sara Okafor,Tier 2,5000,5021,not_ready,yes,"
	                       "2026-12-01T01:30:02Z\r\n");
	ck_assert_uint_eq(len, strlen(text));
	sgg_free(text);
	ck_assert_int_eq(sgg_change_result_render(&text, &len, res, SGG_FORMAT_TEXT, 0, NULL), 0);
	ck_assert_ptr_nonnull(strstr(text, "2 of 3 still logged in"));
	sgg_free(text);
	ck_assert_int_eq(sgg_change_result_render(&text, &len, res, SGG_FORMAT_JSON, 0, NULL), 0);
	ck_assert_ptr_nonnull(strstr(text, "\"logged_in\": true"));
	sgg_free(text);
	ck_assert_int_eq(sgg_change_result_render(&text, &len, res, SGG_FORMAT_JUNIT, 0, NULL),
	                 SGG_EINVAL);
	sgg_change_result_free(res);
	sgg_sessions_free(snap);
	remove_dir();
}
END_TEST

START_TEST(test_change_csv_quoting)
{
	sgg_config *cfg = config_from_string_or_fail(
	    "{\"format\": \"sgguard-config/1\", \"skill_groups\": [{\"id\": 1, \"peripheral\": 5,"
	    " \"number\": 2, \"priority\": 0, \"name\": \"G\"}], \"agents\": [{\"id\": 3,"
	    " \"peripheral\": 5, \"number\": \"9\", \"name\": \"O\\\"Neil, Pat\", \"team\": "
	    "\"A\\nB\", \"skill_groups\": [1]}]}");
	const char *refs[] = {"1"};
	sgg_change_options o = opts_at("2026-11-30T10:00:00Z", "alice");
	sgg_change_result *res = NULL;
	char *text = NULL;

	make_dir();
	o.window = WINDOW;
	ck_assert_int_eq(sgg_change_plan(&res, record, cfg, refs, 1, &o, NULL), 0);
	sgg_change_result_free(res);
	ck_assert_int_eq(sgg_change_notify_logout(&res, record, NULL, &o, NULL), 0);
	ck_assert_int_eq(sgg_change_result_render(&text, NULL, res, SGG_FORMAT_CSV, 0, NULL), 0);
	ck_assert_str_eq(text, "change,id,number,name,team,peripheral,skill_groups\r\n"
	                       "chg-1,3,9,\"O\"\"Neil, Pat\",\"A\nB\",5,1\r\n");
	sgg_free(text);
	sgg_change_result_free(res);
	sgg_config_free(cfg);
	remove_dir();
}
END_TEST

/* ---- the whole procedure through the real CLI ---- */

/* The sgguard program built beside this test (build/tests/.. /tools/sgguard). */
static const char *sgguard_path(void)
{
	static char path[4096];
	char self[4000];
	ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	char *slash;

	ck_assert_int_gt(n, 0);
	self[n] = '\0';
	slash = strrchr(self, '/');
	ck_assert_ptr_nonnull(slash);
	*slash = '\0';
	snprintf(path, sizeof(path), "%s/../tools/sgguard", self);
	ck_assert_msg(access(path, X_OK) == 0, "no sgguard program at %s", path);
	return path;
}

/* Run sgguard with @p args (NULL-terminated); its output into *out and *err. */
static int run_cli(const char *const *args, char **out, char **err)
{
	char o[160], e[160];
	const char *argv[32];
	size_t n = 0;
	pid_t pid;
	int status;

	snprintf(o, sizeof(o), "%s/.out", dir);
	snprintf(e, sizeof(e), "%s/.err", dir);
	argv[n++] = sgguard_path();
	while (*args && n < 31)
		argv[n++] = *args++;
	argv[n] = NULL;
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		int fo = open(o, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		int fe = open(e, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		int fi = open("/dev/null", O_RDONLY);

		if (fo < 0 || fe < 0 || fi < 0 || dup2(fo, 1) < 0 || dup2(fe, 2) < 0 ||
		    dup2(fi, 0) < 0)
			_exit(127);
		{
			char *copy[32];

			for (size_t i = 0; i <= n; i++)
				copy[i] = argv[i] ? strdup(argv[i]) : NULL;
			execv(copy[0], copy);
		}
		_exit(127);
	}
	waitpid(pid, &status, 0);
	*out = slurp(o, NULL);
	*err = slurp(e, NULL);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void expect_has(const char *stream, const char *text, const char *needle)
{
	if (needle[0] && !strstr(text, needle))
		ck_abort_msg("%s lacks \"%s\":\n%s", stream, needle, text);
}

#define CLI(expect, has_out, has_err, ...)                                                         \
	do {                                                                                       \
		const char *const a_[] = {__VA_ARGS__, NULL};                                      \
		char *o_, *e_;                                                                     \
		int rc_ = run_cli(a_, &o_, &e_);                                                   \
		ck_assert_msg(rc_ == (expect), "%s: exit %d, expected %d\n%s%s", a_[1], rc_,       \
		              (expect), o_, e_);                                                   \
		expect_has("stdout", o_, (has_out));                                               \
		expect_has("stderr", e_, (has_err));                                               \
		free(o_);                                                                          \
		free(e_);                                                                          \
	} while (0)

START_TEST(test_change_cli_walk)
{
	char config[1024], live[1024], out[1024], after[1024], partial[1024];

	make_dir();
	snprintf(config, sizeof(config), "%s", example_path("technote/config.json"));
	snprintf(live, sizeof(live), "%s", example_path("technote/sessions.json"));
	snprintf(out, sizeof(out), "%s", example_path("technote/sessions-logged-out.json"));
	snprintf(after, sizeof(after), "%s", data_path("change/config-after.json"));
	snprintf(partial, sizeof(partial), "%s", data_path("change/config-after-partial.json"));

	CLI(0, "Planned change CHG-42", "", "change", "plan", record, "--config", config,
	    "--remove", "5000:40424", "--window", "2026-12-01T03:00:00/PT2H", "--tz",
	    "Europe/Paris", "--id", "CHG-42", "--at", "2026-11-30T10:00:00Z", "--by", "alice");
	CLI(1, "", "the next step is notify-logout", "change", "remove", record, "--sessions", out,
	    "--at", "2026-12-01T02:42:00Z", "--by", "bob");
	CLI(0, "CHG-42,5107,1428,Ana Ruiz,Tier 1,5000,5019 5020,talking,yes", "", "change",
	    "notify-logout", record, "--sessions", live, "--format", "csv", "--at",
	    "2026-12-01T01:30:00Z", "--by", "alice");
	CLI(1, "member-logged-in", "refused: the gate is closed", "change", "remove", record,
	    "--sessions", live, "--at", "2026-12-01T02:15:00Z", "--by", "bob");
	/* each refusal of the gate exits 1: a stale snapshot, a closed window */
	CLI(1, "snapshot-stale", "refused", "change", "remove", record, "--sessions", out, "--at",
	    "2026-12-01T02:50:00Z", "--by", "bob");
	{
		char early[160];

		snprintf(early, sizeof(early), "%s/early.json", dir);
		spit(early, "{\"format\": \"sgguard-sessions/1\", \"taken_at\": "
		            "\"2026-12-01T01:58:30Z\", \"peripherals\": [5000], \"sessions\": []}");
		CLI(1, "outside-window", "refused", "change", "remove", record, "--sessions", early,
		    "--at", "2026-12-01T01:59:00Z", "--by", "bob");
	}
	/* another process holds the record: exit 2 after the wait, nothing written */
	{
		pid_t pid;
		int go[2];
		char *before = slurp(record, NULL), *now;

		ck_assert_int_eq(pipe(go), 0);
		pid = hold_lock(go[0]);
		CLI(2, "", "another process is changing this record", "change", "remove", record,
		    "--sessions", out, "--at", "2026-12-01T02:42:00Z", "--by", "bob");
		ck_assert_int_eq(write(go[1], "x", 1), 1);
		waitpid(pid, NULL, 0);
		now = slurp(record, NULL);
		ck_assert_str_eq(before, now);
		free(before);
		free(now);
	}
	CLI(0, "Gate open", "", "change", "remove", record, "--sessions", out, "--config", config,
	    "--at", "2026-12-01T02:42:00Z", "--by", "bob");
	CLI(1, "", "still has 1 of the change's skill groups (5019 Literature)", "change",
	    "confirm", record, "--config", partial, "--at", "2026-12-01T02:51:00Z", "--by", "bob");
	CLI(0, "Confirmed", "", "change", "confirm", record, "--config", after, "--at",
	    "2026-12-01T02:52:00Z", "--by", "bob");
	CLI(0, "\"action\": \"log in\"", "", "change", "notify-login", record, "--format", "json",
	    "--at", "2026-12-01T02:55:00Z", "--by", "alice");
	CLI(0, "\"state\": \"closed\"", "", "change", "status", record, "--format", "json", "--at",
	    "2026-12-01T03:00:00Z");
	CLI(0, "[x] 3a  remove         done 2026-12-01T02:42:00Z by bob; refused 4 times", "",
	    "change", "status", record, "--at", "2026-12-01T03:00:00Z");
	CLI(0, "(Europe/Paris: 2026-12-01 03:00 +01:00 to 2026-12-01 05:00 +01:00)", "", "change",
	    "status", record, "--at", "2026-12-01T03:00:00Z");
	CLI(1, "", "it is finished", "change", "abort", record, "--reason", "too late", "--at",
	    "2026-12-01T03:00:00Z");
	/* usage errors write nothing and exit 2 */
	CLI(2, "", "--reason is required", "change", "abort", record);
	CLI(2, "", "is not an option of this step", "change", "status", record, "--by", "x");
	CLI(2, "", "not standard input", "change", "status", "-");
	CLI(2, "", "is not a step", "change", "launch", record);
	CLI(0, "Usage: sgguard change remove", "", "change", "remove", "--help");
	{
		sgg_change *c = load_or_fail(record);

		ck_assert_str_eq(sgg_change_zone(c), "Europe/Paris");
		ck_assert_int_eq(sgg_change_window(c)->start, t("2026-12-01T02:00:00Z"));
		ck_assert_uint_eq(sgg_change_log_count(c), 11);
		sgg_change_free(c);
	}
	/* a tampered record: exit 2, naming the file and the JSON path */
	{
		char *text = slurp(record, NULL), *p = strstr(text, "\"state\": \"closed\"");

		ck_assert_ptr_nonnull(p);
		memcpy(p, "\"state\": \"remove\"", strlen("\"state\": \"remove\""));
		spit(record, text);
		free(text);
	}
	CLI(2, "", "chg-1.json: state: \"remove\" is not a change state", "change", "status",
	    record);
	remove_dir();
}
END_TEST

int main(void)
{
	Suite *s = suite_create("change");
	TCase *tc;

	tc = tcase_create("procedure");
	tcase_add_test(tc, test_change_names);
	tcase_add_test(tc, test_change_whole_procedure);
	tcase_add_test(tc, test_change_out_of_order);
	tcase_add_test(tc, test_change_gate_refusals);
	tcase_add_test(tc, test_change_plan_refusals);
	tcase_add_test(tc, test_change_abort);
	tcase_add_test(tc, test_change_sub_target_alone);
	suite_add_tcase(s, tc);

	tc = tcase_create("override");
	tcase_add_test(tc, test_change_override);
	suite_add_tcase(s, tc);

	tc = tcase_create("wait");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_change_wait_until_open);
	tcase_add_test(tc, test_change_wait_is_bounded);
	suite_add_tcase(s, tc);

	tc = tcase_create("record");
	tcase_add_test(tc, test_change_tampered);
	suite_add_tcase(s, tc);

	tc = tcase_create("durability");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_change_lock_held);
	tcase_add_test(tc, test_change_concurrent_writers);
	tcase_add_test(tc, test_change_write_faults);
	suite_add_tcase(s, tc);

	tc = tcase_create("cli");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_change_cli_walk);
	suite_add_tcase(s, tc);

	tc = tcase_create("lists");
	tcase_add_test(tc, test_change_lists);
	tcase_add_test(tc, test_change_csv_quoting);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
