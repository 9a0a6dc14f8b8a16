/*
 * test_check.c - the check: each rule of the contract firing and not
 * firing, verdicts, strict mode, sub-skill groups, de-duplication, the
 * order of findings, the notification list, and misuse of the API.
 *
 * The configuration (tests/data/unit/check-config.json):
 *   100 Literature 5000:40424, subs 101 (priority 1) and 102 (priority 2),
 *       route 7001; 110 Billing 5000:40425, route 7002; 120 Archive
 *       (deleted); 130 Sales on peripheral 5001; 140 Quiet (no member, no
 *       route, no sub).
 *   agents 200 [100, 101], 201 [100, 110], 202 [110], 203 [102] on 5000;
 *   204 [130] on 5002; 205 [130] on 5001.
 * SPDX-License-Identifier: MIT
 */
#include "testutil.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define T0        "2026-12-01T02:00:00Z"
#define ALL       "[5000,5001,5002]"
#define REFS(...) ((const char *const[]){__VA_ARGS__, NULL})

static sgg_config *cfg;

static void setup(void)
{
	cfg = load_config_or_fail(data_path("unit/check-config.json"));
}

static void teardown(void)
{
	sgg_config_free(cfg);
	cfg = NULL;
}

static sgg_check_options at(sgg_time when)
{
	sgg_check_options o = SGG_CHECK_OPTIONS_INIT;

	o.at = when;
	return o;
}

/*
 * Check @p refs against a snapshot taken at T0 covering @p scope with
 * @p sessions (single-quoted JSON), using @p opts (NULL: at T0). The
 * snapshot is freed before returning: the report must not need it.
 */
static sgg_report *run(const char *scope, const char *sessions, const sgg_check_options *opts,
                       const char *const *refs)
{
	sgg_sessions *snap = snapshot(T0, scope, q(sessions));
	sgg_check_options o = at(t(T0));
	sgg_report *r = check_or_fail(cfg, snap, opts ? opts : &o, refs);

	sgg_sessions_free(snap);
	return r;
}

static sgg_report *run_all(const char *sessions, const char *const *refs)
{
	return run(ALL, sessions, NULL, refs);
}

static void assert_verdict(const sgg_report *r, sgg_verdict want)
{
	ck_assert_msg(sgg_report_verdict(r) == want, "verdict %s, expected %s (%zu findings%s%s)",
	              sgg_verdict_name(sgg_report_verdict(r)), sgg_verdict_name(want),
	              sgg_report_finding_count(r), sgg_report_finding_count(r) ? ", first: " : "",
	              sgg_report_finding_count(r) ? sgg_report_finding(r, 0)->message : "");
}

/* ---- verdicts ---- */

START_TEST(test_check_verdict_allow)
{
	sgg_report *r = run_all("", REFS("140"));

	assert_verdict(r, SGG_VERDICT_ALLOW);
	ck_assert_uint_eq(sgg_report_finding_count(r), 0);
	ck_assert_uint_eq(sgg_report_target_count(r), 1);
	ck_assert_int_eq(sgg_report_target(r, 0)->skill_group->id, 140);
	ck_assert_str_eq(sgg_report_target(r, 0)->reference, "140");
	ck_assert_int_eq(sgg_report_checked_at(r), t(T0));
	ck_assert_int_eq(sgg_report_taken_at(r), t(T0));
	ck_assert_int_eq(sgg_report_max_age(r), SGG_DEFAULT_MAX_AGE);
	ck_assert_ptr_null(sgg_report_window(r));
	ck_assert_int_eq(sgg_report_strict(r), 0);
	sgg_report_free(r);
}
END_TEST

START_TEST(test_check_verdict_block)
{
	sgg_report *r = run_all("{'agent':202,'state':'ready','skill_groups':[110]}", REFS("110"));

	assert_verdict(r, SGG_VERDICT_BLOCK);
	ck_assert_uint_gt(sgg_report_count_severity(r, SGG_SEVERITY_BLOCK), 0);
	sgg_report_free(r);
}
END_TEST

START_TEST(test_check_verdict_error)
{
	sgg_report *r = run_all("", REFS("999"));

	assert_verdict(r, SGG_VERDICT_ERROR);
	ck_assert_uint_eq(sgg_report_count_severity(r, SGG_SEVERITY_ERROR), 1);
	sgg_report_free(r);

	/* an unknown target spoils the whole check, even beside a blocking one */
	r = run_all("{'agent':202,'state':'ready','skill_groups':[110]}", REFS("110", "999"));
	assert_verdict(r, SGG_VERDICT_ERROR);
	sgg_report_free(r);
	/* and beside an allowed one: only a complete check allows */
	r = run_all("", REFS("140", "999"));
	assert_verdict(r, SGG_VERDICT_ERROR);
	ck_assert_uint_eq(sgg_report_target_count(r), 1);
	sgg_report_free(r);
}
END_TEST

START_TEST(test_check_severity_counts)
{
	sgg_report *r = run_all("{'agent':200,'state':'talking','skill_groups':[100]},"
	                        "{'agent':999,'state':'ready','skill_groups':[100]}",
	                        REFS("100", "abc"));
	size_t sum = 0;

	for (int s = SGG_SEVERITY_INFO; s <= SGG_SEVERITY_ERROR; s++) {
		size_t n = 0;

		for (size_t i = 0; i < sgg_report_finding_count(r); i++) {
			const sgg_finding *f = sgg_report_finding(r, i);

			ck_assert_int_eq(f->severity, sgg_rule_severity(f->rule));
			n += f->severity == (sgg_severity)s;
		}
		ck_assert_uint_eq(sgg_report_count_severity(r, (sgg_severity)s), n);
		ck_assert_uint_gt(n, 0); /* this scenario has one of each */
		sum += n;
	}
	ck_assert_uint_eq(sum, sgg_report_finding_count(r));
	ck_assert_uint_eq(sgg_report_count_severity(r, (sgg_severity)7), 0);
	sgg_report_free(r);
}
END_TEST

/* ---- member-logged-in ---- */

START_TEST(test_check_member_logged_in_fires)
{
	/* a member whose session lists nothing: membership alone blocks */
	sgg_report *r = run_all("{'agent':202,'number':'1430','state':'ready',"
	                        "'login_at':'2026-12-01T00:58:40Z','skill_groups':[]}",
	                        REFS("110"));
	const sgg_finding *f = find_finding(r, SGG_RULE_MEMBER_LOGGED_IN, 110, 202);

	assert_verdict(r, SGG_VERDICT_BLOCK);
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(count_rule(r, SGG_RULE_MEMBER_LOGGED_IN), 1);
	ck_assert_uint_eq(count_rule(r, SGG_RULE_SESSION_REFERENCES_TARGET), 0);
	ck_assert_int_eq(f->severity, SGG_SEVERITY_BLOCK);
	ck_assert_str_eq(f->agent_number, "1430");
	ck_assert_str_eq(f->agent_name, "Li Wei");
	ck_assert_str_eq(f->agent_team, "Tier 2");
	ck_assert_int_ne(f->has_state, 0);
	ck_assert_int_eq(f->state, SGG_STATE_READY);
	ck_assert_int_eq(f->login_at, t("2026-12-01T00:58:40Z"));
	ck_assert_int_eq(f->skill_group->peripheral, 5000);
	ck_assert_int_eq(f->skill_group->number, 40425);
	ck_assert_str_eq(f->skill_group->name, "Billing");
	ck_assert_ptr_nonnull(f->message);
	ck_assert_msg(strstr(f->message, "1430") != NULL, "message names the agent: %s",
	              f->message);
	sgg_report_free(r);
}
END_TEST

START_TEST(test_check_member_logged_in_every_state)
{
	for (int st = 1; st < SGG_STATE_COUNT; st++) {
		char sessions[160];
		sgg_report *r;

		snprintf(sessions, sizeof(sessions), "{'agent':202,'state':'%s','skill_groups':[]}",
		         sgg_state_name((sgg_agent_state)st));
		r = run_all(sessions, REFS("110"));
		ck_assert_msg(find_finding(r, SGG_RULE_MEMBER_LOGGED_IN, 110, 202) != NULL,
		              "state %s does not block", sgg_state_name((sgg_agent_state)st));
		assert_verdict(r, SGG_VERDICT_BLOCK);
		sgg_report_free(r);
	}
}
END_TEST

START_TEST(test_check_member_logged_out_allows)
{
	/* logged out, even with groups still listed: never blocks */
	sgg_report *r = run_all("{'agent':201,'state':'logged_out','skill_groups':[110]},"
	                        "{'agent':202,'state':'logged_out','skill_groups':[110]}",
	                        REFS("110"));

	ck_assert_uint_eq(count_rule(r, SGG_RULE_MEMBER_LOGGED_IN), 0);
	ck_assert_uint_eq(count_rule(r, SGG_RULE_SESSION_REFERENCES_TARGET), 0);
	ck_assert_uint_eq(sgg_report_count_severity(r, SGG_SEVERITY_BLOCK), 0);
	assert_verdict(r, SGG_VERDICT_ALLOW);
	sgg_report_free(r);

	/* no session on a covered peripheral means logged out */
	r = run_all("", REFS("110"));
	ck_assert_uint_eq(count_rule(r, SGG_RULE_MEMBER_LOGGED_IN), 0);
	assert_verdict(r, SGG_VERDICT_ALLOW);
	sgg_report_free(r);
}
END_TEST

START_TEST(test_check_member_of_other_group_ignored)
{
	/* 203 is logged in, but is a member of 102 only */
	sgg_report *r =
	    run_all("{'agent':203,'state':'talking','skill_groups':[102]}", REFS("110"));

	ck_assert_uint_eq(count_rule(r, SGG_RULE_MEMBER_LOGGED_IN), 0);
	assert_verdict(r, SGG_VERDICT_ALLOW);
	sgg_report_free(r);
}
END_TEST

/* ---- session-references-target ---- */

START_TEST(test_check_session_references_target_fires)
{
	/* 202 is not a configured member of 100, but its session lists it */
	sgg_report *r = run_all("{'agent':202,'state':'ready','skill_groups':[100]}", REFS("100"));
	const sgg_finding *f = find_finding(r, SGG_RULE_SESSION_REFERENCES_TARGET, 100, 202);

	assert_verdict(r, SGG_VERDICT_BLOCK);
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(f->severity, SGG_SEVERITY_BLOCK);
	ck_assert_str_eq(f->agent_number, "1430");
	ck_assert_int_eq(f->state, SGG_STATE_READY);
	ck_assert_ptr_null(find_finding(r, SGG_RULE_MEMBER_LOGGED_IN, 100, 202));
	ck_assert_uint_eq(count_rule(r, SGG_RULE_MEMBER_LOGGED_IN), 0);
	ck_assert_uint_eq(count_rule(r, SGG_RULE_SESSION_REFERENCES_TARGET), 1);
	sgg_report_free(r);
}
END_TEST

START_TEST(test_check_session_references_target_member)
{
	/* a member logged into the target: both rules, one finding each */
	sgg_report *r =
	    run_all("{'agent':201,'state':'talking','skill_groups':[100,110]}", REFS("110"));

	ck_assert_ptr_nonnull(find_finding(r, SGG_RULE_MEMBER_LOGGED_IN, 110, 201));
	ck_assert_ptr_nonnull(find_finding(r, SGG_RULE_SESSION_REFERENCES_TARGET, 110, 201));
	ck_assert_uint_eq(count_rule(r, SGG_RULE_SESSION_REFERENCES_TARGET), 1);
	sgg_report_free(r);
}
END_TEST

START_TEST(test_check_session_references_target_not_firing)
{
	sgg_report *r = run_all("{'agent':202,'state':'ready','skill_groups':[110]},"
	                        "{'agent':203,'state':'logged_out','skill_groups':[140]}",
	                        REFS("140"));

	ck_assert_uint_eq(count_rule(r, SGG_RULE_SESSION_REFERENCES_TARGET), 0);
	assert_verdict(r, SGG_VERDICT_ALLOW);
	sgg_report_free(r);
}
END_TEST

/* ---- session-unknown-agent ---- */

START_TEST(test_check_session_unknown_agent)
{
	sgg_report *r = run_all(
	    "{'agent':999,'number':'9999','state':'talking','skill_groups':[140]}", REFS("140"));
	const sgg_finding *f = find_finding(r, SGG_RULE_SESSION_UNKNOWN_AGENT, 140, 999);

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(f->severity, SGG_SEVERITY_WARN);
	ck_assert_str_eq(f->agent_number, "9999"); /* from the session */
	ck_assert_ptr_null(f->agent_name);
	/* still logged into the target: that alone blocks */
	f = find_finding(r, SGG_RULE_SESSION_REFERENCES_TARGET, 140, 999);
	ck_assert_ptr_nonnull(f);
	ck_assert_str_eq(f->agent_number, "9999");
	ck_assert_ptr_null(f->agent_name);
	assert_verdict(r, SGG_VERDICT_BLOCK);
	sgg_report_free(r);
}
END_TEST

START_TEST(test_check_session_unknown_agent_not_firing)
{
	sgg_report *r = run_all("{'agent':202,'state':'ready','skill_groups':[110]}", REFS("110"));

	ck_assert_uint_eq(count_rule(r, SGG_RULE_SESSION_UNKNOWN_AGENT), 0);
	sgg_report_free(r);
}
END_TEST

/* ---- snapshot-stale ---- */

START_TEST(test_check_snapshot_stale_boundary)
{
	sgg_check_options o = at(t(T0) + SGG_DEFAULT_MAX_AGE);
	sgg_report *r = run(ALL, "", &o, REFS("140"));
	const sgg_finding *f;

	/* exactly max-age old is still fresh */
	ck_assert_uint_eq(count_rule(r, SGG_RULE_SNAPSHOT_STALE), 0);
	assert_verdict(r, SGG_VERDICT_ALLOW);
	sgg_report_free(r);

	o.at = t(T0) + SGG_DEFAULT_MAX_AGE + 1;
	r = run(ALL, "", &o, REFS("140"));
	ck_assert_uint_eq(count_rule(r, SGG_RULE_SNAPSHOT_STALE), 1);
	f = find_finding(r, SGG_RULE_SNAPSHOT_STALE, 0, 0);
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(f->severity, SGG_SEVERITY_BLOCK);
	ck_assert_ptr_null(f->skill_group);
	assert_verdict(r, SGG_VERDICT_BLOCK);
	ck_assert_int_eq(sgg_report_checked_at(r), t(T0) + 121);
	sgg_report_free(r);
}
END_TEST

START_TEST(test_check_snapshot_stale_custom_max_age)
{
	sgg_check_options o = at(t(T0) + 3600);
	sgg_report *r;

	o.max_age = 3600;
	r = run(ALL, "", &o, REFS("140"));
	ck_assert_uint_eq(count_rule(r, SGG_RULE_SNAPSHOT_STALE), 0);
	ck_assert_int_eq(sgg_report_max_age(r), 3600);
	sgg_report_free(r);
	o.at++;
	r = run(ALL, "", &o, REFS("140"));
	ck_assert_uint_eq(count_rule(r, SGG_RULE_SNAPSHOT_STALE), 1);
	sgg_report_free(r);

	/* zero: only a snapshot of this very second will do */
	o.max_age = 0;
	o.at = t(T0);
	r = run(ALL, "", &o, REFS("140"));
	ck_assert_uint_eq(count_rule(r, SGG_RULE_SNAPSHOT_STALE), 0);
	ck_assert_int_eq(sgg_report_max_age(r), 0);
	sgg_report_free(r);
	o.at = t(T0) + 1;
	r = run(ALL, "", &o, REFS("140"));
	ck_assert_uint_eq(count_rule(r, SGG_RULE_SNAPSHOT_STALE), 1);
	sgg_report_free(r);

	/* negative: the default */
	o.max_age = -5;
	o.at = t(T0) + 121;
	r = run(ALL, "", &o, REFS("140"));
	ck_assert_int_eq(sgg_report_max_age(r), SGG_DEFAULT_MAX_AGE);
	ck_assert_uint_eq(count_rule(r, SGG_RULE_SNAPSHOT_STALE), 1);
	sgg_report_free(r);
}
END_TEST

/* ---- snapshot-from-future ---- */

START_TEST(test_check_snapshot_from_future_boundary)
{
	sgg_check_options o = at(t(T0) - SGG_FUTURE_TOLERANCE);
	sgg_report *r = run(ALL, "", &o, REFS("140"));

	ck_assert_uint_eq(count_rule(r, SGG_RULE_SNAPSHOT_FROM_FUTURE), 0);
	ck_assert_uint_eq(count_rule(r, SGG_RULE_SNAPSHOT_STALE), 0);
	assert_verdict(r, SGG_VERDICT_ALLOW);
	sgg_report_free(r);

	o.at = t(T0) - SGG_FUTURE_TOLERANCE - 1;
	r = run(ALL, "", &o, REFS("140"));
	ck_assert_uint_eq(count_rule(r, SGG_RULE_SNAPSHOT_FROM_FUTURE), 1);
	ck_assert_int_eq(find_finding(r, SGG_RULE_SNAPSHOT_FROM_FUTURE, 0, 0)->severity,
	                 SGG_SEVERITY_BLOCK);
	ck_assert_uint_eq(count_rule(r, SGG_RULE_SNAPSHOT_STALE), 0);
	assert_verdict(r, SGG_VERDICT_BLOCK);
	sgg_report_free(r);
}
END_TEST

/* ---- snapshot-out-of-scope ---- */

START_TEST(test_check_out_of_scope_group_peripheral)
{
	/* 130 lives on 5001, which the snapshot does not cover */
	sgg_report *r = run("[5000]", "", NULL, REFS("130"));
	const sgg_finding *f = find_finding(r, SGG_RULE_SNAPSHOT_OUT_OF_SCOPE, 130, 0);

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(f->severity, SGG_SEVERITY_BLOCK);
	ck_assert_int_eq(f->skill_group->peripheral, 5001);
	assert_verdict(r, SGG_VERDICT_BLOCK);
	sgg_report_free(r);
}
END_TEST

START_TEST(test_check_out_of_scope_member_peripheral)
{
	/* 130's peripheral is covered, but member 204 lives on 5002, which is not */
	sgg_report *r = run("[5000,5001]", "", NULL, REFS("130"));
	const sgg_finding *f = find_finding(r, SGG_RULE_SNAPSHOT_OUT_OF_SCOPE, 130, 204);

	ck_assert_ptr_nonnull(f);
	ck_assert_str_eq(f->agent_number, "3001");
	ck_assert_ptr_null(find_finding(r, SGG_RULE_SNAPSHOT_OUT_OF_SCOPE, 130, 0));
	ck_assert_ptr_null(find_finding(r, SGG_RULE_SNAPSHOT_OUT_OF_SCOPE, 130, 205));
	ck_assert_uint_eq(count_rule(r, SGG_RULE_SNAPSHOT_OUT_OF_SCOPE), 1);
	assert_verdict(r, SGG_VERDICT_BLOCK);
	sgg_report_free(r);
}
END_TEST

START_TEST(test_check_out_of_scope_not_firing)
{
	sgg_report *r = run(ALL, "", NULL, REFS("130"));

	ck_assert_uint_eq(count_rule(r, SGG_RULE_SNAPSHOT_OUT_OF_SCOPE), 0);
	assert_verdict(r, SGG_VERDICT_ALLOW);
	sgg_report_free(r);
	/* a scope without the targets' peripherals elsewhere does not matter */
	r = run("[5000]", "", NULL, REFS("110"));
	ck_assert_uint_eq(count_rule(r, SGG_RULE_SNAPSHOT_OUT_OF_SCOPE), 0);
	sgg_report_free(r);
}
END_TEST

/* ---- outside-window ---- */

static sgg_report *run_in_window(sgg_time when, const sgg_window *w)
{
	sgg_check_options o = at(when);
	sgg_sessions *snap;
	sgg_report *r;
	char taken[SGG_TIME_BUFSIZE];

	o.has_window = w != NULL;
	if (w)
		o.window = *w;
	/* a snapshot of the check time, so that only the window matters */
	snap = snapshot(sgg_time_format(when, taken), ALL, "");
	r = check_or_fail(cfg, snap, &o, REFS("140"));
	sgg_sessions_free(snap);
	return r;
}

START_TEST(test_check_outside_window_boundaries)
{
	sgg_window w;
	sgg_report *r;
	const sgg_window *got;

	ck_assert_int_eq(sgg_window_parse(&w, T0 "/PT2H", NULL), 0);

	r = run_in_window(w.start, &w); /* at start: inside */
	ck_assert_uint_eq(count_rule(r, SGG_RULE_OUTSIDE_WINDOW), 0);
	assert_verdict(r, SGG_VERDICT_ALLOW);
	got = sgg_report_window(r);
	ck_assert_ptr_nonnull(got);
	ck_assert_int_eq(got->start, w.start);
	ck_assert_int_eq(got->end, w.end);
	sgg_report_free(r);

	r = run_in_window(w.end - 1, &w); /* last second: inside */
	ck_assert_uint_eq(count_rule(r, SGG_RULE_OUTSIDE_WINDOW), 0);
	sgg_report_free(r);

	r = run_in_window(w.end, &w); /* at end: [start, end) is already closed */
	ck_assert_uint_eq(count_rule(r, SGG_RULE_OUTSIDE_WINDOW), 1);
	ck_assert_int_eq(find_finding(r, SGG_RULE_OUTSIDE_WINDOW, 0, 0)->severity,
	                 SGG_SEVERITY_BLOCK);
	assert_verdict(r, SGG_VERDICT_BLOCK);
	sgg_report_free(r);

	r = run_in_window(w.start - 1, &w); /* before start */
	ck_assert_uint_eq(count_rule(r, SGG_RULE_OUTSIDE_WINDOW), 1);
	assert_verdict(r, SGG_VERDICT_BLOCK);
	sgg_report_free(r);

	r = run_in_window(w.end + 86400, &w);
	ck_assert_uint_eq(count_rule(r, SGG_RULE_OUTSIDE_WINDOW), 1);
	sgg_report_free(r);
}
END_TEST

START_TEST(test_check_outside_window_none)
{
	/* without a window, no time is outside one */
	sgg_report *r = run_in_window(t("2030-01-01T00:00:00Z"), NULL);

	ck_assert_uint_eq(count_rule(r, SGG_RULE_OUTSIDE_WINDOW), 0);
	ck_assert_ptr_null(sgg_report_window(r));
	assert_verdict(r, SGG_VERDICT_ALLOW);
	sgg_report_free(r);
}
END_TEST

/* ---- unknown-target ---- */

static void assert_unknown(const char *ref, int64_t deleted_id)
{
	sgg_report *r = run_all("", REFS(ref));
	const sgg_finding *f;

	assert_verdict(r, SGG_VERDICT_ERROR);
	ck_assert_uint_eq(count_rule(r, SGG_RULE_UNKNOWN_TARGET), 1);
	f = sgg_report_finding(r, 0);
	ck_assert_int_eq(f->rule, SGG_RULE_UNKNOWN_TARGET);
	ck_assert_int_eq(f->severity, SGG_SEVERITY_ERROR);
	ck_assert_ptr_nonnull(f->reference);
	ck_assert_str_eq(f->reference, ref);
	ck_assert_msg(f->message && f->message[0], "no message for %s", ref);
	if (deleted_id) {
		ck_assert_ptr_nonnull(f->skill_group);
		ck_assert_int_eq(f->skill_group->id, deleted_id);
		ck_assert_int_ne(f->skill_group->deleted, 0);
	} else {
		ck_assert_ptr_null(f->skill_group);
	}
	ck_assert_uint_eq(sgg_report_target_count(r), 0);
	ck_assert_uint_eq(sgg_report_notify_count(r), 0);
	sgg_report_free(r);
}

START_TEST(test_check_unknown_target_no_match)
{
	assert_unknown("999", 0);
	assert_unknown("200", 0); /* an agent */
	assert_unknown("5000:1", 0);
	assert_unknown("5000:40424:7", 0);
	assert_unknown("name:Nobody", 0);
}
END_TEST

START_TEST(test_check_unknown_target_deleted)
{
	assert_unknown("120", 120);
	assert_unknown("5000:40500", 120);
	assert_unknown("name:Archive", 120);
}
END_TEST

START_TEST(test_check_unknown_target_malformed)
{
	assert_unknown("abc", 0);
	assert_unknown("", 0);
	assert_unknown("5000:", 0);
	assert_unknown("name:", 0);
	assert_unknown("99999:1", 0);
}
END_TEST

START_TEST(test_check_unknown_target_beside_good_one)
{
	sgg_report *r = run_all("", REFS("110", "zzz"));

	assert_verdict(r, SGG_VERDICT_ERROR);
	ck_assert_uint_eq(count_rule(r, SGG_RULE_UNKNOWN_TARGET), 1);
	ck_assert_uint_eq(sgg_report_target_count(r), 1);
	ck_assert_int_eq(sgg_report_target(r, 0)->skill_group->id, 110);
	sgg_report_free(r);
}
END_TEST

/* ---- subskill-included ---- */

START_TEST(test_check_subskill_included)
{
	sgg_report *r = run_all("", REFS("100"));
	const sgg_target *tg;
	const sgg_finding *f;

	ck_assert_uint_eq(count_rule(r, SGG_RULE_SUBSKILL_INCLUDED), 2);
	f = find_finding(r, SGG_RULE_SUBSKILL_INCLUDED, 101, 0);
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(f->severity, SGG_SEVERITY_INFO);
	ck_assert_ptr_nonnull(find_finding(r, SGG_RULE_SUBSKILL_INCLUDED, 102, 0));
	ck_assert_uint_eq(sgg_report_target_count(r), 1);
	tg = sgg_report_target(r, 0);
	ck_assert_int_eq(tg->skill_group->id, 100);
	ck_assert_uint_eq(tg->n_subgroups, 2);
	ck_assert_int_eq(tg->subgroups[0]->id, 101);
	ck_assert_int_eq(tg->subgroups[1]->id, 102);
	assert_verdict(r, SGG_VERDICT_ALLOW); /* info and a warning only */
	sgg_report_free(r);
}
END_TEST

START_TEST(test_check_subskill_included_not_firing)
{
	sgg_report *r = run_all("", REFS("110"));

	ck_assert_uint_eq(count_rule(r, SGG_RULE_SUBSKILL_INCLUDED), 0);
	ck_assert_uint_eq(sgg_report_target(r, 0)->n_subgroups, 0);
	sgg_report_free(r);
	/* a sub-skill group alone brings nothing with it */
	r = run_all("", REFS("101"));
	ck_assert_uint_eq(count_rule(r, SGG_RULE_SUBSKILL_INCLUDED), 0);
	ck_assert_uint_eq(sgg_report_target_count(r), 1);
	ck_assert_int_eq(sgg_report_target(r, 0)->skill_group->id, 101);
	ck_assert_uint_eq(sgg_report_target(r, 0)->n_subgroups, 0);
	assert_verdict(r, SGG_VERDICT_ALLOW);
	sgg_report_free(r);
}
END_TEST

/* ---- route-references-target ---- */

START_TEST(test_check_route_references_target)
{
	sgg_report *r = run_all("", REFS("110"));
	const sgg_finding *f = find_finding(r, SGG_RULE_ROUTE_REFERENCES_TARGET, 110, 0);

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(f->severity, SGG_SEVERITY_WARN);
	ck_assert_int_eq(f->route_id, 7002);
	ck_assert_str_eq(f->route_name, "Billing_Route");
	ck_assert_uint_eq(count_rule(r, SGG_RULE_ROUTE_REFERENCES_TARGET), 1);
	/* a warning alone never changes the verdict */
	assert_verdict(r, SGG_VERDICT_ALLOW);
	sgg_report_free(r);

	r = run_all("", REFS("140"));
	ck_assert_uint_eq(count_rule(r, SGG_RULE_ROUTE_REFERENCES_TARGET), 0);
	sgg_report_free(r);
}
END_TEST

/* ---- strict mode ---- */

START_TEST(test_check_strict_warnings_block)
{
	sgg_check_options o = at(t(T0));
	sgg_report *r;

	o.strict = 1;
	r = run(ALL, "", &o, REFS("110"));
	ck_assert_int_ne(sgg_report_strict(r), 0);
	ck_assert_uint_eq(count_rule(r, SGG_RULE_ROUTE_REFERENCES_TARGET), 1);
	assert_verdict(r, SGG_VERDICT_BLOCK);
	sgg_report_free(r);

	r = run(ALL, "{'agent':999,'state':'ready','skill_groups':[]}", &o, REFS("140"));
	assert_verdict(r, SGG_VERDICT_ALLOW); /* no warning about 140 */
	sgg_report_free(r);

	/* info findings are not warnings */
	r = run(ALL, "", &o, REFS("101", "102"));
	ck_assert_uint_eq(sgg_report_count_severity(r, SGG_SEVERITY_WARN), 0);
	assert_verdict(r, SGG_VERDICT_ALLOW);
	sgg_report_free(r);
}
END_TEST

/* ---- sub-skill groups of a base target ---- */

START_TEST(test_check_sub_member_blocks_base)
{
	/* 203 is a member of 102 only, and logged into it */
	sgg_report *r =
	    run_all("{'agent':203,'state':'not_ready','skill_groups':[102]}", REFS("100"));

	ck_assert_ptr_nonnull(find_finding(r, SGG_RULE_MEMBER_LOGGED_IN, 102, 203));
	ck_assert_ptr_nonnull(find_finding(r, SGG_RULE_SESSION_REFERENCES_TARGET, 102, 203));
	assert_verdict(r, SGG_VERDICT_BLOCK);
	sgg_report_free(r);

	/* the same through a number reference */
	r = run_all("{'agent':203,'state':'not_ready','skill_groups':[102]}", REFS("5000:40424"));
	ck_assert_ptr_nonnull(find_finding(r, SGG_RULE_MEMBER_LOGGED_IN, 102, 203));
	assert_verdict(r, SGG_VERDICT_BLOCK);
	sgg_report_free(r);
}
END_TEST

START_TEST(test_check_session_in_sub_only)
{
	/* 200 is a member of 100 and 101, logged into 101 only */
	sgg_report *r =
	    run_all("{'agent':200,'state':'talking','skill_groups':[101]}", REFS("100"));

	ck_assert_ptr_nonnull(find_finding(r, SGG_RULE_SESSION_REFERENCES_TARGET, 101, 200));
	ck_assert_ptr_null(find_finding(r, SGG_RULE_SESSION_REFERENCES_TARGET, 100, 200));
	ck_assert_ptr_nonnull(find_finding(r, SGG_RULE_MEMBER_LOGGED_IN, 100, 200));
	ck_assert_ptr_nonnull(find_finding(r, SGG_RULE_MEMBER_LOGGED_IN, 101, 200));
	ck_assert_uint_eq(count_rule(r, SGG_RULE_MEMBER_LOGGED_IN), 2);
	assert_verdict(r, SGG_VERDICT_BLOCK);
	sgg_report_free(r);
}
END_TEST

/* ---- de-duplication ---- */

START_TEST(test_check_duplicate_refs)
{
	static const char *const sessions =
	    "{'agent':200,'state':'talking','skill_groups':[100,101]}";
	sgg_report *one = run_all(sessions, REFS("100"));
	sgg_report *many =
	    run_all(sessions, REFS("100", "100", "5000:40424", "name:Literature", "5000:40424:0"));

	ck_assert_uint_eq(sgg_report_target_count(many), 1);
	ck_assert_uint_eq(sgg_report_finding_count(many), sgg_report_finding_count(one));
	ck_assert_uint_eq(count_rule(many, SGG_RULE_SUBSKILL_INCLUDED), 2);
	ck_assert_uint_eq(count_rule(many, SGG_RULE_MEMBER_LOGGED_IN), 2);
	ck_assert_uint_eq(count_rule(many, SGG_RULE_ROUTE_REFERENCES_TARGET), 1);
	ck_assert_uint_eq(sgg_report_notify_count(many), sgg_report_notify_count(one));
	sgg_report_free(one);
	sgg_report_free(many);
}
END_TEST

START_TEST(test_check_sub_and_base_refs)
{
	static const char *const sessions =
	    "{'agent':200,'state':'talking','skill_groups':[100,101]}";
	sgg_report *base = run_all(sessions, REFS("100"));
	sgg_report *after = run_all(sessions, REFS("100", "101"));
	sgg_report *before = run_all(sessions, REFS("5000:40424:1", "100", "name:Literature.sec"));

	for (int i = 0; i < 2; i++) {
		sgg_report *r = i ? before : after;

		ck_assert_uint_eq(sgg_report_target_count(r), 1);
		ck_assert_int_eq(sgg_report_target(r, 0)->skill_group->id, 100);
		ck_assert_uint_eq(sgg_report_target(r, 0)->n_subgroups, 2);
		ck_assert_uint_eq(sgg_report_finding_count(r), sgg_report_finding_count(base));
		ck_assert_uint_eq(count_rule(r, SGG_RULE_SUBSKILL_INCLUDED), 2);
		ck_assert_uint_eq(count_rule(r, SGG_RULE_SESSION_REFERENCES_TARGET), 2);
	}
	sgg_report_free(base);
	sgg_report_free(after);
	sgg_report_free(before);
}
END_TEST

START_TEST(test_check_two_subs_alone)
{
	sgg_report *r =
	    run_all("{'agent':203,'state':'ready','skill_groups':[]}", REFS("101", "102"));

	ck_assert_uint_eq(sgg_report_target_count(r), 2);
	ck_assert_uint_eq(count_rule(r, SGG_RULE_SUBSKILL_INCLUDED), 0);
	ck_assert_ptr_nonnull(find_finding(r, SGG_RULE_MEMBER_LOGGED_IN, 102, 203));
	/* the base is not a target: its members are not checked */
	ck_assert_ptr_null(find_finding(r, SGG_RULE_ROUTE_REFERENCES_TARGET, 100, 0));
	sgg_report_free(r);
}
END_TEST

/* ---- order of findings ---- */

static int64_t group_of(const sgg_finding *f)
{
	return f->skill_group ? f->skill_group->id : 0;
}

START_TEST(test_check_finding_order)
{
	sgg_window w;
	sgg_check_options o = at(t(T0) + 600); /* stale, and outside the window */
	sgg_report *r;
	size_t n;
	bool seen[SGG_RULE_COUNT] = {false};

	ck_assert_int_eq(sgg_window_parse(&w, "2026-12-01T03:00:00Z/PT1H", NULL), 0);
	o.has_window = 1;
	o.window = w;
	r = run("[5000,5001]",
	        "{'agent':999,'state':'ready','skill_groups':[100]},"
	        "{'agent':203,'state':'ready','skill_groups':[102]},"
	        "{'agent':202,'state':'ready','skill_groups':[110,100]},"
	        "{'agent':201,'state':'talking','skill_groups':[]},"
	        "{'agent':200,'state':'talking','skill_groups':[100,101]}",
	        &o, REFS("zzz", "130", "110", "999", "100"));
	n = sgg_report_finding_count(r);

	/* unknown targets first, in the order they were given */
	ck_assert_uint_ge(n, 3);
	ck_assert_int_eq(sgg_report_finding(r, 0)->rule, SGG_RULE_UNKNOWN_TARGET);
	ck_assert_str_eq(sgg_report_finding(r, 0)->reference, "zzz");
	ck_assert_int_eq(sgg_report_finding(r, 1)->rule, SGG_RULE_UNKNOWN_TARGET);
	ck_assert_str_eq(sgg_report_finding(r, 1)->reference, "999");

	/* then by rule, skill group id, agent id */
	for (size_t i = 0; i < n; i++) {
		const sgg_finding *f = sgg_report_finding(r, i);

		seen[f->rule] = true;
		if (i < 2)
			continue;
		{
			const sgg_finding *p = sgg_report_finding(r, i - 1);
			bool ordered =
			    p->rule < f->rule ||
			    (p->rule == f->rule &&
			     (group_of(p) < group_of(f) ||
			      (group_of(p) == group_of(f) && p->agent_id <= f->agent_id)));

			ck_assert_msg(
			    ordered,
			    "finding %zu (%s, group %lld, agent %lld) after (%s, %lld, %lld)", i,
			    sgg_rule_id(f->rule), (long long)group_of(f), (long long)f->agent_id,
			    sgg_rule_id(p->rule), (long long)group_of(p), (long long)p->agent_id);
		}
	}
	/* every rule but snapshot-from-future (stale instead) fired here, so the
	 * order above covered them */
	for (int rule = 0; rule < SGG_RULE_COUNT; rule++)
		ck_assert_msg(seen[rule] || rule == SGG_RULE_SNAPSHOT_FROM_FUTURE,
		              "rule %s did not fire", sgg_rule_id((sgg_rule)rule));

	/* spot checks of the member-logged-in block: (100, 200), (100, 201), (101, 200), ... */
	for (size_t i = 0; i < n; i++) {
		const sgg_finding *f = sgg_report_finding(r, i);

		if (f->rule != SGG_RULE_MEMBER_LOGGED_IN)
			continue;
		ck_assert_int_eq(group_of(f), 100);
		ck_assert_int_eq(f->agent_id, 200);
		f = sgg_report_finding(r, i + 1);
		ck_assert_int_eq(group_of(f), 100);
		ck_assert_int_eq(f->agent_id, 201);
		f = sgg_report_finding(r, i + 2);
		ck_assert_int_eq(group_of(f), 101);
		ck_assert_int_eq(f->agent_id, 200);
		break;
	}
	sgg_report_free(r);
}
END_TEST

START_TEST(test_check_finding_order_future)
{
	sgg_window w;
	sgg_check_options o = at(t(T0) - 3600); /* the snapshot is an hour ahead */
	sgg_report *r;
	static const sgg_rule want[] = {SGG_RULE_UNKNOWN_TARGET, SGG_RULE_SNAPSHOT_FROM_FUTURE,
	                                SGG_RULE_OUTSIDE_WINDOW, SGG_RULE_SNAPSHOT_OUT_OF_SCOPE};

	ck_assert_int_eq(sgg_window_parse(&w, T0 "/PT1H", NULL), 0);
	o.has_window = 1;
	o.window = w;
	r = run("[5000]", "", &o, REFS("130", "nope"));
	ck_assert_uint_ge(sgg_report_finding_count(r), 4);
	for (size_t i = 0; i < 4; i++)
		ck_assert_msg(sgg_report_finding(r, i)->rule == want[i], "finding %zu is %s", i,
		              sgg_rule_id(sgg_report_finding(r, i)->rule));
	sgg_report_free(r);
}
END_TEST

/* ---- notify ---- */

static bool has_group(const sgg_notify *n, int64_t id)
{
	for (size_t k = 0; k < n->n_skill_groups; k++)
		if (n->skill_groups[k] == id)
			return true;
	return false;
}

START_TEST(test_check_notify_list)
{
	sgg_report *r = run_all("{'agent':200,'state':'talking','login_at':'2026-12-01T01:02:11Z',"
	                        "'skill_groups':[100]},"
	                        "{'agent':203,'state':'logged_out','skill_groups':[]},"
	                        "{'agent':205,'state':'ready','skill_groups':[130]}",
	                        REFS("110", "100"));
	const sgg_notify *n;

	ck_assert_uint_eq(sgg_report_notify_count(r), 4);
	/* ordered by agent id, whatever the order of the targets */
	for (size_t i = 0; i < 4; i++)
		ck_assert_int_eq(sgg_report_notify(r, i)->agent->id, 200 + (int64_t)i);
	ck_assert_ptr_null(sgg_report_notify(r, 4));

	n = sgg_report_notify(r, 0);
	ck_assert_str_eq(n->agent->number, "1428");
	ck_assert_str_eq(n->agent->name, "Ana Ruiz");
	ck_assert_int_ne(n->has_session, 0);
	ck_assert_int_eq(n->state, SGG_STATE_TALKING);
	ck_assert_int_eq(n->login_at, t("2026-12-01T01:02:11Z"));
	ck_assert_uint_eq(n->n_skill_groups, 2); /* 100 and its sub 101 */
	ck_assert(has_group(n, 100) && has_group(n, 101));

	n = sgg_report_notify(r, 1); /* no session: logged out */
	ck_assert_int_eq(n->has_session, 0);
	ck_assert_int_eq(n->state, SGG_STATE_LOGGED_OUT);
	ck_assert_int_eq(n->login_at, SGG_TIME_NONE);
	ck_assert_uint_eq(n->n_skill_groups, 2);
	ck_assert(has_group(n, 100) && has_group(n, 110));

	n = sgg_report_notify(r, 2);
	ck_assert_uint_eq(n->n_skill_groups, 1);
	ck_assert(has_group(n, 110));

	n = sgg_report_notify(r, 3); /* a member of the sub 102 only */
	ck_assert_int_ne(n->has_session, 0);
	ck_assert_int_eq(n->state, SGG_STATE_LOGGED_OUT);
	ck_assert_uint_eq(n->n_skill_groups, 1);
	ck_assert(has_group(n, 102));
	sgg_report_free(r);
}
END_TEST

START_TEST(test_check_notify_out_of_scope_members)
{
	/* members are listed whether or not the snapshot covers them */
	sgg_report *r =
	    run("[5001]", "{'agent':205,'state':'ready','skill_groups':[130]}", NULL, REFS("130"));

	ck_assert_uint_eq(sgg_report_notify_count(r), 2);
	ck_assert_int_eq(sgg_report_notify(r, 0)->agent->id, 204);
	ck_assert_int_eq(sgg_report_notify(r, 0)->has_session, 0);
	ck_assert_int_eq(sgg_report_notify(r, 0)->covered, 0); /* 5002: state not known */
	ck_assert_int_eq(sgg_report_notify(r, 1)->agent->id, 205);
	ck_assert_int_eq(sgg_report_notify(r, 1)->state, SGG_STATE_READY);
	ck_assert_int_ne(sgg_report_notify(r, 1)->covered, 0);
	sgg_report_free(r);

	/* a session of a non-member is no reason to notify it */
	r = run_all("{'agent':202,'state':'ready','skill_groups':[140]}", REFS("140"));
	ck_assert_uint_eq(sgg_report_notify_count(r), 0);
	sgg_report_free(r);
}
END_TEST

/* ---- the report outlives its inputs ---- */

START_TEST(test_check_report_outlives_inputs)
{
	sgg_config *own = load_config_or_fail(data_path("unit/check-config.json"));
	sgg_sessions *snap = snapshot(T0, ALL,
	                              q("{'agent':200,'number':'1428','state':'talking',"
	                                "'skill_groups':[100]},"
	                                "{'agent':999,'number':'9999','state':'ready',"
	                                "'skill_groups':[101]}"));
	sgg_check_options o = at(t(T0));
	sgg_report *r = check_or_fail(own, snap, &o, REFS("100", "120", "name:Nobody"));
	char *text;

	sgg_config_free(own);
	sgg_sessions_free(snap);

	for (size_t i = 0; i < sgg_report_finding_count(r); i++) {
		const sgg_finding *f = sgg_report_finding(r, i);

		ck_assert(strlen(f->message) > 0);
		if (f->skill_group)
			ck_assert(strlen(f->skill_group->name) > 0);
		if (f->agent_number)
			ck_assert(strlen(f->agent_number) > 0);
		if (f->agent_name)
			ck_assert(strlen(f->agent_name) > 0);
		if (f->reference)
			ck_assert(strlen(f->reference) > 0);
		if (f->route_name)
			ck_assert(strlen(f->route_name) > 0);
	}
	ck_assert_str_eq(find_finding(r, SGG_RULE_MEMBER_LOGGED_IN, 100, 200)->agent_name,
	                 "Ana Ruiz");
	ck_assert_str_eq(find_finding(r, SGG_RULE_UNKNOWN_TARGET, 120, 0)->skill_group->name,
	                 "Archive");
	ck_assert_str_eq(sgg_report_target(r, 0)->skill_group->name, "Literature");
	ck_assert_str_eq(sgg_report_target(r, 0)->subgroups[1]->name, "Literature.sec");
	ck_assert_str_eq(sgg_report_target(r, 0)->reference, "100");
	ck_assert_str_eq(sgg_report_notify(r, 0)->agent->team, "Tier 1");
	ck_assert(has_group(sgg_report_notify(r, 0), 101));
	for (int fmt = SGG_FORMAT_TEXT; fmt <= SGG_FORMAT_JUNIT; fmt++) {
		text = render_or_fail(r, (sgg_format)fmt, 0);
		ck_assert(strstr(text, "1428") != NULL);
		sgg_free(text);
	}
	sgg_report_free(r);
}
END_TEST

/* ---- the API ---- */

START_TEST(test_check_null_arguments)
{
	sgg_sessions *snap = snapshot(T0, ALL, "");
	sgg_report *r = (sgg_report *)(void *)&r;
	const char *refs[] = {"100", NULL};
	sgg_error err;

	ck_assert_int_eq(sgg_check_run(NULL, cfg, snap, refs, 1, NULL, &err), SGG_EINVAL);
	ck_assert_int_eq(err.code, SGG_EINVAL);
	ck_assert_int_eq(sgg_check_run(&r, NULL, snap, refs, 1, NULL, &err), SGG_EINVAL);
	ck_assert_ptr_null(r);
	r = (sgg_report *)(void *)&r;
	ck_assert_int_eq(sgg_check_run(&r, cfg, NULL, refs, 1, NULL, &err), SGG_EINVAL);
	ck_assert_ptr_null(r);
	ck_assert_int_eq(sgg_check_run(&r, cfg, snap, NULL, 1, NULL, &err), SGG_EINVAL);
	ck_assert_int_eq(sgg_check_run(&r, cfg, snap, refs, 2, NULL, &err), SGG_EINVAL);
	ck_assert_int_eq(sgg_check_run(&r, cfg, snap, NULL, 1, NULL, NULL), SGG_EINVAL);
	ck_assert_ptr_null(r);
	sgg_sessions_free(snap);
}
END_TEST

START_TEST(test_check_zero_refs)
{
	sgg_sessions *snap = snapshot(T0, ALL, "");
	sgg_report *r = (sgg_report *)(void *)&r;
	const char *refs[] = {"100"};
	sgg_error err;

	/* nothing to check can never be allowed */
	ck_assert_int_eq(sgg_check_run(&r, cfg, snap, refs, 0, NULL, &err), SGG_EINVAL);
	ck_assert_ptr_null(r);
	ck_assert_int_eq(sgg_check_run(&r, cfg, snap, NULL, 0, NULL, &err), SGG_EINVAL);
	ck_assert_ptr_null(r);
	sgg_sessions_free(snap);
}
END_TEST

START_TEST(test_check_unsealed_inputs)
{
	sgg_config *open_cfg = NULL;
	sgg_sessions *open_snap = NULL, *snap = snapshot(T0, ALL, "");
	sgg_skill_group g = {140, 5000, 1, 0, 0, "Quiet", 0};
	sgg_report *r = (sgg_report *)(void *)&r;
	const char *refs[] = {"140"};
	sgg_error err;

	ck_assert_int_eq(sgg_config_new(&open_cfg, NULL), 0);
	ck_assert_int_eq(sgg_config_add_skill_group(open_cfg, &g, NULL), 0);
	ck_assert_int_eq(sgg_sessions_new(&open_snap, t(T0), NULL), 0);
	ck_assert_int_eq(sgg_sessions_add_peripheral(open_snap, 5000, NULL), 0);

	ck_assert_int_eq(sgg_check_run(&r, open_cfg, snap, refs, 1, NULL, &err), SGG_EINVAL);
	ck_assert_ptr_null(r);
	ck_assert_int_eq(sgg_check_run(&r, cfg, open_snap, refs, 1, NULL, &err), SGG_EINVAL);
	ck_assert_ptr_null(r);

	/* once sealed, the same inputs check */
	ck_assert_int_eq(sgg_config_seal(open_cfg, 0, NULL), 0);
	ck_assert_int_eq(sgg_sessions_seal(open_snap, NULL), 0);
	{
		sgg_check_options o = at(t(T0));

		ck_assert_int_eq(sgg_check_run(&r, open_cfg, open_snap, refs, 1, &o, &err), 0);
		assert_verdict(r, SGG_VERDICT_ALLOW);
		sgg_report_free(r);
	}
	sgg_config_free(open_cfg);
	sgg_sessions_free(open_snap);
	sgg_sessions_free(snap);
}
END_TEST

START_TEST(test_check_bad_options)
{
	sgg_sessions *snap = snapshot(T0, ALL, "");
	sgg_report *r = (sgg_report *)(void *)&r;
	const char *refs[] = {"140"};
	sgg_check_options o = at(t(T0));
	sgg_error err;

	o.version = 0;
	ck_assert_int_eq(sgg_check_run(&r, cfg, snap, refs, 1, &o, &err), SGG_EINVAL);
	ck_assert_ptr_null(r);
	o.version = SGG_CHECK_OPTIONS_VERSION + 1;
	ck_assert_int_eq(sgg_check_run(&r, cfg, snap, refs, 1, &o, &err), SGG_EINVAL);
	ck_assert_int_eq(err.code, SGG_EINVAL);

	/* a window that ends before it starts is no window */
	o.version = SGG_CHECK_OPTIONS_VERSION;
	o.has_window = 1;
	o.window.start = t(T0);
	o.window.end = t(T0);
	ck_assert_int_eq(sgg_check_run(&r, cfg, snap, refs, 1, &o, &err), SGG_EINVAL);
	ck_assert_ptr_null(r);
	sgg_sessions_free(snap);
}
END_TEST

START_TEST(test_check_default_time_is_now)
{
	sgg_sessions *snap = snapshot(T0, ALL, "");
	const char *refs[] = {"140", NULL};
	sgg_time before = (sgg_time)time(NULL), after;
	sgg_report *r = check_or_fail(cfg, snap, NULL, refs);

	after = (sgg_time)time(NULL);
	ck_assert_int_ge(sgg_report_checked_at(r), before);
	ck_assert_int_le(sgg_report_checked_at(r), after);
	ck_assert_int_eq(sgg_report_max_age(r), SGG_DEFAULT_MAX_AGE);
	ck_assert_ptr_null(sgg_report_window(r));
	ck_assert_int_eq(sgg_report_strict(r), 0);
	sgg_report_free(r);
	sgg_sessions_free(snap);
}
END_TEST

START_TEST(test_check_report_null)
{
	sgg_report_free(NULL);
	ck_assert_int_eq(sgg_report_verdict(NULL), SGG_VERDICT_ERROR); /* fail closed */
	ck_assert_uint_eq(sgg_report_finding_count(NULL), 0);
	ck_assert_ptr_null(sgg_report_finding(NULL, 0));
	ck_assert_uint_eq(sgg_report_target_count(NULL), 0);
	ck_assert_ptr_null(sgg_report_target(NULL, 0));
	ck_assert_uint_eq(sgg_report_notify_count(NULL), 0);
	ck_assert_ptr_null(sgg_report_notify(NULL, 0));
	ck_assert_ptr_null(sgg_report_window(NULL));
}
END_TEST

START_TEST(test_check_rule_table)
{
	static const struct {
		sgg_rule rule;
		const char *id;
		sgg_severity severity;
	} table[] = {
	    {SGG_RULE_MEMBER_LOGGED_IN, "member-logged-in", SGG_SEVERITY_BLOCK},
	    {SGG_RULE_SESSION_REFERENCES_TARGET, "session-references-target", SGG_SEVERITY_BLOCK},
	    {SGG_RULE_SNAPSHOT_STALE, "snapshot-stale", SGG_SEVERITY_BLOCK},
	    {SGG_RULE_SNAPSHOT_FROM_FUTURE, "snapshot-from-future", SGG_SEVERITY_BLOCK},
	    {SGG_RULE_SNAPSHOT_OUT_OF_SCOPE, "snapshot-out-of-scope", SGG_SEVERITY_BLOCK},
	    {SGG_RULE_OUTSIDE_WINDOW, "outside-window", SGG_SEVERITY_BLOCK},
	    {SGG_RULE_UNKNOWN_TARGET, "unknown-target", SGG_SEVERITY_ERROR},
	    {SGG_RULE_SUBSKILL_INCLUDED, "subskill-included", SGG_SEVERITY_INFO},
	    {SGG_RULE_ROUTE_REFERENCES_TARGET, "route-references-target", SGG_SEVERITY_WARN},
	    {SGG_RULE_SESSION_UNKNOWN_AGENT, "session-unknown-agent", SGG_SEVERITY_WARN},
	};

	ck_assert_uint_eq(sizeof(table) / sizeof(table[0]), SGG_RULE_COUNT);
	for (size_t i = 0; i < SGG_RULE_COUNT; i++) {
		ck_assert_str_eq(sgg_rule_id(table[i].rule), table[i].id);
		ck_assert_int_eq(sgg_rule_severity(table[i].rule), table[i].severity);
	}
	ck_assert_ptr_null(sgg_rule_id((sgg_rule)SGG_RULE_COUNT));
	ck_assert_ptr_null(sgg_rule_id((sgg_rule)-1));
	ck_assert_str_eq(sgg_severity_name(SGG_SEVERITY_INFO), "info");
	ck_assert_str_eq(sgg_severity_name(SGG_SEVERITY_WARN), "warn");
	ck_assert_str_eq(sgg_severity_name(SGG_SEVERITY_BLOCK), "block");
	ck_assert_str_eq(sgg_severity_name(SGG_SEVERITY_ERROR), "error");
	ck_assert_ptr_null(sgg_severity_name((sgg_severity)4));
	ck_assert_str_eq(sgg_verdict_name(SGG_VERDICT_ALLOW), "allow");
	ck_assert_str_eq(sgg_verdict_name(SGG_VERDICT_BLOCK), "block");
	ck_assert_str_eq(sgg_verdict_name(SGG_VERDICT_ERROR), "error");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("check");
	TCase *tc;

#define TCASE(name)                                                                                \
	(tc = tcase_create(name), tcase_add_checked_fixture(tc, setup, teardown),                  \
	 suite_add_tcase(s, tc))
	TCASE("verdict");
	tcase_add_test(tc, test_check_verdict_allow);
	tcase_add_test(tc, test_check_verdict_block);
	tcase_add_test(tc, test_check_verdict_error);
	tcase_add_test(tc, test_check_severity_counts);

	TCASE("member-logged-in");
	tcase_add_test(tc, test_check_member_logged_in_fires);
	tcase_add_test(tc, test_check_member_logged_in_every_state);
	tcase_add_test(tc, test_check_member_logged_out_allows);
	tcase_add_test(tc, test_check_member_of_other_group_ignored);

	TCASE("session-references-target");
	tcase_add_test(tc, test_check_session_references_target_fires);
	tcase_add_test(tc, test_check_session_references_target_member);
	tcase_add_test(tc, test_check_session_references_target_not_firing);

	TCASE("session-unknown-agent");
	tcase_add_test(tc, test_check_session_unknown_agent);
	tcase_add_test(tc, test_check_session_unknown_agent_not_firing);

	TCASE("snapshot-stale");
	tcase_add_test(tc, test_check_snapshot_stale_boundary);
	tcase_add_test(tc, test_check_snapshot_stale_custom_max_age);

	TCASE("snapshot-from-future");
	tcase_add_test(tc, test_check_snapshot_from_future_boundary);

	TCASE("snapshot-out-of-scope");
	tcase_add_test(tc, test_check_out_of_scope_group_peripheral);
	tcase_add_test(tc, test_check_out_of_scope_member_peripheral);
	tcase_add_test(tc, test_check_out_of_scope_not_firing);

	TCASE("outside-window");
	tcase_add_test(tc, test_check_outside_window_boundaries);
	tcase_add_test(tc, test_check_outside_window_none);

	TCASE("unknown-target");
	tcase_add_test(tc, test_check_unknown_target_no_match);
	tcase_add_test(tc, test_check_unknown_target_deleted);
	tcase_add_test(tc, test_check_unknown_target_malformed);
	tcase_add_test(tc, test_check_unknown_target_beside_good_one);

	TCASE("subskill-included");
	tcase_add_test(tc, test_check_subskill_included);
	tcase_add_test(tc, test_check_subskill_included_not_firing);

	TCASE("route-references-target");
	tcase_add_test(tc, test_check_route_references_target);

	TCASE("strict");
	tcase_add_test(tc, test_check_strict_warnings_block);

	TCASE("subgroups");
	tcase_add_test(tc, test_check_sub_member_blocks_base);
	tcase_add_test(tc, test_check_session_in_sub_only);

	TCASE("dedupe");
	tcase_add_test(tc, test_check_duplicate_refs);
	tcase_add_test(tc, test_check_sub_and_base_refs);
	tcase_add_test(tc, test_check_two_subs_alone);

	TCASE("order");
	tcase_add_test(tc, test_check_finding_order);
	tcase_add_test(tc, test_check_finding_order_future);

	TCASE("notify");
	tcase_add_test(tc, test_check_notify_list);
	tcase_add_test(tc, test_check_notify_out_of_scope_members);

	TCASE("lifetime");
	tcase_add_test(tc, test_check_report_outlives_inputs);

	TCASE("api");
	tcase_add_test(tc, test_check_null_arguments);
	tcase_add_test(tc, test_check_zero_refs);
	tcase_add_test(tc, test_check_unsealed_inputs);
	tcase_add_test(tc, test_check_bad_options);
	tcase_add_test(tc, test_check_default_time_is_now);
	tcase_add_test(tc, test_check_report_null);
	tcase_add_test(tc, test_check_rule_table);
#undef TCASE

	return run_suite(s);
}
