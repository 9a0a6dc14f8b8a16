/*
 * test_diff.c - the diff of two configuration exports, the removal policy
 * against change records made by the real workflow, the consistency checks
 * (lint) and the four renderers.
 * SPDX-License-Identifier: MIT
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* ---- helpers ---- */

static sgg_config *load_after(const char *name)
{
	sgg_config *cfg = NULL;
	sgg_error err;
	char line[1024];
	const char *path = data_path(name);

	if (sgg_config_load_file(&cfg, path, SGG_CONFIG_KEEP_DANGLING, &err) < 0) {
		sgg_error_format(&err, line, sizeof(line));
		ck_abort_msg("loading %s: %s", path, line);
	}
	return cfg;
}

/* Diff tests/data/diff/before.json against tests/data/@p after with @p changes. */
static sgg_diff *diff_with(const char *after, sgg_change *const *changes, size_t n)
{
	sgg_config *b = load_config_or_fail(data_path("diff/before.json"));
	sgg_config *a = load_after(after);
	sgg_diff *d = NULL;
	sgg_error err;

	ck_assert_msg(sgg_diff_run(&d, b, a, changes, n, &err) == 0, "diff: %s", err.text);
	ck_assert_ptr_nonnull(d);
	/* the result outlives its inputs */
	sgg_config_free(a);
	sgg_config_free(b);
	return d;
}

static sgg_diff *diff_of(const char *after)
{
	return diff_with(after, NULL, 0);
}

static sgg_diff *lint_of(const char *name)
{
	sgg_config *cfg = load_after(name);
	sgg_diff *d = NULL;
	sgg_error err;

	ck_assert_msg(sgg_lint_run(&d, cfg, &err) == 0, "lint: %s", err.text);
	sgg_config_free(cfg);
	ck_assert(sgg_diff_is_lint(d));
	return d;
}

static size_t rule_count(const sgg_diff *d, sgg_diff_rule rule)
{
	size_t n = 0;

	for (size_t i = 0; i < sgg_diff_finding_count(d); i++)
		n += sgg_diff_finding_at(d, i)->rule == rule;
	return n;
}

static const sgg_removal *removal_of(const sgg_diff *d, int64_t id)
{
	for (size_t i = 0; i < sgg_diff_removal_count(d); i++)
		if (sgg_diff_removal(d, i)->skill_group->id == id)
			return sgg_diff_removal(d, i);
	return NULL;
}

static const sgg_diff_finding *uncovered_finding(const sgg_diff *d, int64_t id)
{
	for (size_t i = 0; i < sgg_diff_finding_count(d); i++) {
		const sgg_diff_finding *f = sgg_diff_finding_at(d, i);

		if (f->rule == SGG_DIFF_RULE_REMOVAL_WITHOUT_CHANGE && f->skill_group->id == id)
			return f;
	}
	return NULL;
}

static const sgg_diff_finding *only_dangling(const sgg_diff *d)
{
	ck_assert_uint_eq(sgg_diff_finding_count(d), 1);
	ck_assert_int_eq(sgg_diff_finding_at(d, 0)->rule, SGG_DIFF_RULE_DANGLING_REFERENCE);
	ck_assert_int_eq(sgg_diff_finding_at(d, 0)->severity, SGG_SEVERITY_BLOCK);
	ck_assert_int_eq(sgg_diff_verdict(d), SGG_VERDICT_BLOCK);
	return sgg_diff_finding_at(d, 0);
}

#define ck_assert_has(haystack, needle)                                                            \
	ck_assert_msg(strstr((haystack), (needle)) != NULL, "\"%s\" lacks \"%s\"", (haystack),     \
	              (needle))

static char *render(const sgg_diff *d, sgg_format format)
{
	char *out = NULL;
	size_t len = 0;
	sgg_error err;

	ck_assert_msg(sgg_diff_render(&out, &len, d, format, 0, &err) == 0, "render: %s", err.text);
	ck_assert_uint_eq(len, strlen(out));
	return out;
}

/* ---- change records, made by the real workflow in a scratch directory ---- */

static char scratch[] = "/tmp/sgguard-test-diff-XXXXXX";

static void scratch_setup(void)
{
	ck_assert_ptr_nonnull(mkdtemp(scratch));
}

static void scratch_teardown(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", scratch);
	ck_assert_int_eq(system(cmd), 0);
	strcpy(scratch, "/tmp/sgguard-test-diff-XXXXXX");
}

static void step_done(int rc, sgg_change_result *res, const sgg_error *err, const char *what)
{
	/* called as step_done(rc, res, ...) after the step, never with the step as an argument:
	 * C leaves the order in which arguments are evaluated open */
	ck_assert_msg(rc == 0, "%s: rc %d: %s (%s)", what, rc, err->text,
	              res && sgg_change_result_message(res) ? sgg_change_result_message(res) : "");
	sgg_change_result_free(res);
}

static sgg_change_options opts_at(const char *at)
{
	sgg_change_options o = SGG_CHANGE_OPTIONS_INIT;

	o.at = t(at);
	o.by = "ci-test";
	o.window = "2026-12-01T02:00:00Z/PT2H";
	return o;
}

/*
 * A record removing @p ref (from the technote configuration), walked to
 * @p state through the steps; read back from its file.
 */
static sgg_change *record(const char *id, const char *ref, sgg_change_state state)
{
	char path[256];
	sgg_config *cfg = load_config_or_fail(data_path("diff/before.json"));
	sgg_change_result *res = NULL;
	sgg_change_options o = opts_at("2026-12-01T01:00:00Z");
	sgg_change *c = NULL;
	sgg_error err;
	const char *refs[] = {ref};
	int rc;

	snprintf(path, sizeof(path), "%s/%s.json", scratch, id);
	o.id = id;
	rc = sgg_change_plan(&res, path, cfg, refs, 1, &o, &err);
	step_done(rc, res, &err, "plan");
	if (state == SGG_CHANGE_ABORTED) {
		o = opts_at("2026-12-01T01:10:00Z");
		o.reason = "postponed";
		rc = sgg_change_abort(&res, path, &o, &err);
		step_done(rc, res, &err, "abort");
	}
	if (state >= SGG_CHANGE_LOGOUT_NOTIFIED && state != SGG_CHANGE_ABORTED) {
		o = opts_at("2026-12-01T01:30:00Z");
		rc = sgg_change_notify_logout(&res, path, NULL, &o, &err);
		step_done(rc, res, &err, "notify-logout");
	}
	if (state >= SGG_CHANGE_REMOVAL_APPROVED && state != SGG_CHANGE_ABORTED) {
		o = opts_at("2026-12-01T02:42:00Z");
		rc = sgg_change_remove(&res, path, cfg,
		                       example_path("technote/sessions-logged-out.json"), &o, &err);
		step_done(rc, res, &err, "remove");
	}
	if (state >= SGG_CHANGE_REMOVED && state != SGG_CHANGE_ABORTED) {
		/* the export after the removal: every target gone */
		sgg_config *after =
		    load_after(strcmp(ref, "5001:41001") == 0 ? "diff/after-support-removed.json"
		                                              : "diff/after-base-removed.json");

		o = opts_at("2026-12-01T02:50:00Z");
		rc = sgg_change_confirm(&res, path, after, &o, &err);
		step_done(rc, res, &err, "confirm");
		sgg_config_free(after);
	}
	if (state == SGG_CHANGE_CLOSED) {
		o = opts_at("2026-12-01T02:55:00Z");
		rc = sgg_change_notify_login(&res, path, NULL, &o, &err);
		step_done(rc, res, &err, "notify-login");
	}
	sgg_config_free(cfg);
	ck_assert_msg(sgg_change_load_file(&c, path, &err) == 0, "reading %s: %s", path, err.text);
	ck_assert_int_eq(sgg_change_get_state(c), state);
	return c;
}

/* ---- identical exports ---- */

START_TEST(test_diff_identical_nothing_to_report)
{
	const char *names[] = {"diff/before.json", "diff/after-reformatted.json"};

	for (size_t i = 0; i < 2; i++) {
		sgg_diff *d = diff_of(names[i]);
		char *text;

		ck_assert_int_eq(sgg_diff_verdict(d), SGG_VERDICT_ALLOW);
		ck_assert(!sgg_diff_is_lint(d));
		ck_assert_uint_eq(sgg_diff_removal_count(d), 0);
		ck_assert_uint_eq(sgg_diff_added_count(d), 0);
		ck_assert_uint_eq(sgg_diff_changed_count(d), 0);
		ck_assert_uint_eq(sgg_diff_membership_count(d), 0);
		ck_assert_uint_eq(sgg_diff_finding_count(d), 0);
		text = render(d, SGG_FORMAT_TEXT);
		ck_assert_has(text, "sgguard diff: ALLOW");
		ck_assert_has(text, "Nothing to report");
		sgg_free(text);
		sgg_diff_free(d);
	}
}
END_TEST

/* ---- kinds of removal ---- */

START_TEST(test_diff_removal_absent)
{
	sgg_diff *d = diff_of("diff/after-absent.json");
	const sgg_removal *r;
	const sgg_diff_finding *f;

	ck_assert_uint_eq(sgg_diff_removal_count(d), 1);
	r = sgg_diff_removal(d, 0);
	ck_assert_int_eq(r->skill_group->id, 5022);
	ck_assert_str_eq(r->skill_group->name, "Billing");
	ck_assert_int_eq(r->kind, SGG_REMOVAL_ABSENT);
	ck_assert_int_eq(r->with_base, 0);
	ck_assert_ptr_null(r->covered_by);
	f = uncovered_finding(d, 5022);
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(f->severity, SGG_SEVERITY_BLOCK);
	ck_assert_has(f->message, "5000:40425 Billing (id 5022)");
	ck_assert_has(f->message, "absent from the new export");
	ck_assert_has(f->message, "no change record was given");
	ck_assert_int_eq(rule_count(d, SGG_DIFF_RULE_DANGLING_REFERENCE), 0);
	ck_assert_int_eq(sgg_diff_verdict(d), SGG_VERDICT_BLOCK);
	/* memberships cleaned up with it are listed for the reviewer */
	ck_assert_uint_eq(sgg_diff_membership_count(d), 2);
	ck_assert(!sgg_diff_membership(d, 0)->gained);
	ck_assert_int_eq(sgg_diff_membership(d, 0)->skill_group_id, 5022);
	ck_assert_str_eq(sgg_diff_membership(d, 0)->agent->number, "1429");
	ck_assert_str_eq(sgg_diff_membership(d, 1)->agent->number, "1430");
	sgg_diff_free(d);
}
END_TEST

START_TEST(test_diff_removal_newly_deleted)
{
	sgg_diff *d = diff_of("diff/after-deleted.json");

	ck_assert_uint_eq(sgg_diff_removal_count(d), 1);
	ck_assert_int_eq(sgg_diff_removal(d, 0)->skill_group->id, 5022);
	ck_assert_int_eq(sgg_diff_removal(d, 0)->kind, SGG_REMOVAL_DELETED);
	ck_assert_has(uncovered_finding(d, 5022)->message, "marked deleted in the new export");
	ck_assert_uint_eq(sgg_diff_finding_count(d), 1);
	ck_assert_int_eq(sgg_diff_verdict(d), SGG_VERDICT_BLOCK);
	sgg_diff_free(d);
}
END_TEST

START_TEST(test_diff_already_deleted_is_no_removal)
{
	/* Archive (5031) is deleted in both: not removed by this change */
	sgg_diff *d = diff_of("diff/after-deleted.json");

	ck_assert_ptr_null(removal_of(d, 5031));
	sgg_diff_free(d);
}
END_TEST

START_TEST(test_diff_removal_base_with_subs)
{
	const char *names[] = {"diff/after-base-removed.json", "diff/after-base-deleted.json"};

	for (size_t i = 0; i < 2; i++) {
		sgg_diff *d = diff_of(names[i]);
		sgg_removal_kind kind = i == 0 ? SGG_REMOVAL_ABSENT : SGG_REMOVAL_DELETED;

		ck_assert_uint_eq(sgg_diff_removal_count(d), 3);
		ck_assert_int_eq(removal_of(d, 5019)->kind, kind);
		ck_assert_int_eq(removal_of(d, 5019)->with_base, 0);
		ck_assert_int_eq(removal_of(d, 5020)->kind, kind);
		ck_assert_int_eq(removal_of(d, 5020)->with_base, 5019);
		ck_assert_int_eq(removal_of(d, 5021)->with_base, 5019);
		ck_assert_int_eq(rule_count(d, SGG_DIFF_RULE_REMOVAL_WITHOUT_CHANGE), 3);
		ck_assert_has(uncovered_finding(d, 5021)->message,
		              "with its base group 5000:40424 Literature (id 5019)");
		ck_assert_int_eq(rule_count(d, SGG_DIFF_RULE_DANGLING_REFERENCE), 0);
		sgg_diff_free(d);
	}
}
END_TEST

START_TEST(test_diff_removal_base_brings_listed_subs)
{
	/* the base is gone, its sub-skill groups still listed: removed with it, and dangling */
	sgg_diff *d = diff_of("diff/after-base-only.json");

	ck_assert_uint_eq(sgg_diff_removal_count(d), 3);
	ck_assert_int_eq(removal_of(d, 5019)->kind, SGG_REMOVAL_ABSENT);
	ck_assert_int_eq(removal_of(d, 5020)->kind, SGG_REMOVAL_WITH_BASE);
	ck_assert_int_eq(removal_of(d, 5020)->with_base, 5019);
	ck_assert_int_eq(removal_of(d, 5021)->kind, SGG_REMOVAL_WITH_BASE);
	ck_assert_has(uncovered_finding(d, 5020)->message,
	              "with its base group 5000:40424 Literature (id 5019), though the new export "
	              "still lists it");
	ck_assert_int_eq(rule_count(d, SGG_DIFF_RULE_DANGLING_REFERENCE), 2);
	for (size_t i = 0; i < sgg_diff_finding_count(d); i++) {
		const sgg_diff_finding *f = sgg_diff_finding_at(d, i);

		if (f->rule != SGG_DIFF_RULE_DANGLING_REFERENCE)
			continue;
		ck_assert_int_eq(f->kind, SGG_DANGLING_BASE);
		ck_assert_int_eq(f->target, 5019);
		ck_assert(!f->target_deleted);
		/* BEFORE still knows what the missing base was */
		ck_assert_str_eq(f->target_group->name, "Literature");
		ck_assert_has(f->message, "which does not exist (it was 5000:40424 Literature)");
	}
	sgg_diff_free(d);
}
END_TEST

START_TEST(test_diff_technote_crash_state)
{
	/* Literature deleted while agents and a route still name it: the technote's outage */
	sgg_diff *d = diff_of("diff/after-technote.json");
	size_t memberships = 0, routes = 0;

	ck_assert_uint_eq(sgg_diff_removal_count(d), 3);
	for (size_t i = 0; i < sgg_diff_finding_count(d); i++) {
		const sgg_diff_finding *f = sgg_diff_finding_at(d, i);

		if (f->rule != SGG_DIFF_RULE_DANGLING_REFERENCE)
			continue;
		ck_assert(f->target_deleted);
		memberships += f->kind == SGG_DANGLING_MEMBERSHIP;
		routes += f->kind == SGG_DANGLING_ROUTE;
	}
	ck_assert_uint_eq(memberships, 4);
	ck_assert_uint_eq(routes, 1);
	ck_assert_int_eq(sgg_diff_verdict(d), SGG_VERDICT_BLOCK);
	sgg_diff_free(d);
}
END_TEST

START_TEST(test_diff_information)
{
	sgg_diff *d = diff_of("diff/after-info.json");
	const sgg_group_change *c;

	ck_assert_int_eq(sgg_diff_verdict(d), SGG_VERDICT_ALLOW);
	ck_assert_uint_eq(sgg_diff_removal_count(d), 0);
	ck_assert_uint_eq(sgg_diff_finding_count(d), 0);
	ck_assert_uint_eq(sgg_diff_added_count(d), 1);
	ck_assert_int_eq(sgg_diff_added(d, 0)->id, 5040);
	ck_assert_uint_eq(sgg_diff_changed_count(d), 2);
	c = sgg_diff_changed(d, 0);
	ck_assert_int_eq(c->after->id, 5022);
	ck_assert_uint_eq(c->fields, SGG_GROUP_FIELD_NAME);
	ck_assert_str_eq(c->before->name, "Billing");
	ck_assert_str_eq(c->after->name, "Billing & Payments");
	c = sgg_diff_changed(d, 1);
	ck_assert_int_eq(c->after->id, 5023);
	ck_assert_uint_eq(c->fields, SGG_GROUP_FIELD_NUMBER);
	ck_assert_uint_eq(sgg_diff_membership_count(d), 2);
	ck_assert_str_eq(sgg_diff_membership(d, 0)->agent->number, "1430");
	ck_assert(!sgg_diff_membership(d, 0)->gained);
	ck_assert_int_eq(sgg_diff_membership(d, 0)->skill_group_id, 5023);
	ck_assert_str_eq(sgg_diff_membership(d, 1)->agent->number, "1432");
	ck_assert(sgg_diff_membership(d, 1)->gained);
	ck_assert_str_eq(sgg_diff_membership(d, 1)->skill_group->name, "Claims");
	sgg_diff_free(d);
}
END_TEST

/* ---- the policy: coverage by change records ---- */

START_TEST(test_diff_covered_in_allowed_states)
{
	static const sgg_change_state allowed[] = {SGG_CHANGE_REMOVAL_APPROVED, SGG_CHANGE_REMOVED,
	                                           SGG_CHANGE_CLOSED};

	for (size_t i = 0; i < 3; i++) {
		char id[32];
		sgg_change *c;
		sgg_diff *d;

		snprintf(id, sizeof(id), "CHG-OK-%zu", i);
		c = record(id, "5000:40424", allowed[i]);
		d = diff_with("diff/after-base-removed.json", &c, 1);
		ck_assert_msg(sgg_diff_verdict(d) == SGG_VERDICT_ALLOW, "state %s",
		              sgg_change_state_name(allowed[i]));
		ck_assert_uint_eq(sgg_diff_removal_count(d), 3);
		/* the base's record covers its sub-skill groups too */
		for (size_t k = 0; k < 3; k++) {
			const sgg_removal *r = sgg_diff_removal(d, k);

			ck_assert_ptr_nonnull(r->covered_by);
			ck_assert_str_eq(r->covered_by->id, id);
			ck_assert_int_eq(r->covered_by->state, allowed[i]);
		}
		ck_assert_uint_eq(sgg_diff_change_count(d), 1);
		ck_assert_str_eq(sgg_diff_change_at(d, 0)->id, id);
		sgg_change_free(c);
		sgg_diff_free(d);
	}
}
END_TEST

START_TEST(test_diff_refused_states)
{
	static const sgg_change_state refused[] = {SGG_CHANGE_PLANNED, SGG_CHANGE_LOGOUT_NOTIFIED,
	                                           SGG_CHANGE_ABORTED};

	for (size_t i = 0; i < 3; i++) {
		char id[32], want[96];
		sgg_change *c;
		sgg_diff *d;
		const sgg_diff_finding *f;

		snprintf(id, sizeof(id), "CHG-NO-%zu", i);
		c = record(id, "5000:40424", refused[i]);
		d = diff_with("diff/after-base-removed.json", &c, 1);
		ck_assert_int_eq(sgg_diff_verdict(d), SGG_VERDICT_BLOCK);
		ck_assert_int_eq(rule_count(d, SGG_DIFF_RULE_REMOVAL_WITHOUT_CHANGE), 3);
		ck_assert_ptr_null(sgg_diff_removal(d, 0)->covered_by);
		f = uncovered_finding(d, 5019);
		snprintf(want, sizeof(want), "%s targets it but is in state %s", id,
		         sgg_change_state_name(refused[i]));
		ck_assert_has(f->message, want);
		sgg_change_free(c);
		sgg_diff_free(d);
	}
}
END_TEST

START_TEST(test_diff_record_for_another_group)
{
	sgg_change *c = record("CHG-SUPPORT", "5001:41001", SGG_CHANGE_REMOVAL_APPROVED);
	sgg_diff *d = diff_with("diff/after-base-removed.json", &c, 1);

	ck_assert_int_eq(sgg_diff_verdict(d), SGG_VERDICT_BLOCK);
	ck_assert_int_eq(rule_count(d, SGG_DIFF_RULE_REMOVAL_WITHOUT_CHANGE), 3);
	ck_assert_has(uncovered_finding(d, 5019)->message,
	              "CHG-SUPPORT (removal_approved) targets other skill groups");
	sgg_change_free(c);
	sgg_diff_free(d);
}
END_TEST

START_TEST(test_diff_one_record_of_several_covers)
{
	sgg_change *c[3];
	sgg_diff *d;
	const sgg_diff_finding *f;

	c[0] = record("CHG-A", "5001:41001", SGG_CHANGE_CLOSED);
	c[1] = record("CHG-B", "5000:40424", SGG_CHANGE_PLANNED);
	d = diff_with("diff/after-base-removed.json", c, 2);
	/* the explanation names each record and why it does not count */
	f = uncovered_finding(d, 5020);
	ck_assert_has(f->message, "CHG-A (closed) targets other skill groups");
	ck_assert_has(f->message, "CHG-B targets it but is in state planned");
	sgg_diff_free(d);

	c[2] = record("CHG-C", "5000:40424", SGG_CHANGE_REMOVED);
	d = diff_with("diff/after-base-removed.json", c, 3);
	ck_assert_int_eq(sgg_diff_verdict(d), SGG_VERDICT_ALLOW);
	ck_assert_str_eq(sgg_diff_removal(d, 1)->covered_by->id, "CHG-C");
	ck_assert_uint_eq(sgg_diff_change_count(d), 3);
	for (size_t i = 0; i < 3; i++)
		sgg_change_free(c[i]);
	sgg_diff_free(d);
}
END_TEST

START_TEST(test_diff_covered_removal_still_needs_consistency)
{
	/* a record covers the removal, but the new export still names the group */
	sgg_change *c = record("CHG-LIT", "5000:40424", SGG_CHANGE_REMOVED);
	sgg_diff *d = diff_with("diff/after-technote.json", &c, 1);

	ck_assert_int_eq(rule_count(d, SGG_DIFF_RULE_REMOVAL_WITHOUT_CHANGE), 0);
	ck_assert_int_eq(rule_count(d, SGG_DIFF_RULE_DANGLING_REFERENCE), 5);
	ck_assert_int_eq(sgg_diff_verdict(d), SGG_VERDICT_BLOCK);
	sgg_change_free(c);
	sgg_diff_free(d);
}
END_TEST

/* ---- consistency checks ---- */

START_TEST(test_lint_consistent)
{
	sgg_diff *d = lint_of("diff/before.json");
	char *text;

	ck_assert_int_eq(sgg_diff_verdict(d), SGG_VERDICT_ALLOW);
	ck_assert_uint_eq(sgg_diff_finding_count(d), 0);
	text = render(d, SGG_FORMAT_TEXT);
	ck_assert_has(text, "sgguard lint: ALLOW");
	ck_assert_has(text, "11 memberships, 2 sub-skill group bases and 2 routes checked");
	sgg_free(text);
	sgg_diff_free(d);
}
END_TEST

START_TEST(test_lint_membership_missing)
{
	sgg_diff *d = lint_of("diff/lint-membership-missing.json");
	const sgg_diff_finding *f = only_dangling(d);

	ck_assert_int_eq(f->kind, SGG_DANGLING_MEMBERSHIP);
	ck_assert_str_eq(f->path, "agents[4].skill_groups[1]");
	ck_assert_int_eq(f->target, 5099);
	ck_assert(!f->target_deleted);
	ck_assert_ptr_null(f->target_group);
	ck_assert_str_eq(f->agent->number, "1432");
	ck_assert_str_eq(f->message, "agent 1432 (Tom Becker, id 5111) is a member of skill group "
	                             "5099, which does not exist");
	sgg_diff_free(d);
}
END_TEST

START_TEST(test_lint_membership_deleted)
{
	sgg_diff *d = lint_of("diff/lint-membership-deleted.json");
	const sgg_diff_finding *f = only_dangling(d);

	ck_assert_int_eq(f->kind, SGG_DANGLING_MEMBERSHIP);
	ck_assert_int_eq(f->target, 5031);
	ck_assert(f->target_deleted);
	ck_assert_str_eq(f->target_group->name, "Archive");
	ck_assert_str_eq(f->message, "agent 1432 (Tom Becker, id 5111) is a member of skill group "
	                             "5031 (5000:40500 Archive), which is deleted");
	sgg_diff_free(d);
}
END_TEST

START_TEST(test_lint_membership_names_an_agent)
{
	sgg_diff *d = lint_of("diff/lint-membership-agent.json");
	const sgg_diff_finding *f = only_dangling(d);

	ck_assert_int_eq(f->target, 5107);
	ck_assert_has(f->message, "id 5107, which is an agent, not a skill group");
	sgg_diff_free(d);
}
END_TEST

START_TEST(test_lint_base_missing)
{
	sgg_diff *d = lint_of("diff/lint-base-missing.json");
	const sgg_diff_finding *f = only_dangling(d);

	ck_assert_int_eq(f->kind, SGG_DANGLING_BASE);
	ck_assert_str_eq(f->path, "skill_groups[5].base");
	ck_assert_int_eq(f->target, 5098);
	ck_assert(!f->target_deleted);
	ck_assert_int_eq(f->skill_group->id, 5024);
	ck_assert_str_eq(f->message, "sub-skill group 5000:40426:1 Technical.pri (id 5024) has as "
	                             "its base skill group 5098, which does not exist");
	sgg_diff_free(d);
}
END_TEST

START_TEST(test_lint_base_deleted)
{
	sgg_diff *d = lint_of("diff/lint-base-deleted.json");
	const sgg_diff_finding *f = only_dangling(d);

	ck_assert_int_eq(f->kind, SGG_DANGLING_BASE);
	ck_assert_int_eq(f->target, 5031);
	ck_assert(f->target_deleted);
	ck_assert_int_eq(f->skill_group->id, 5032);
	ck_assert_has(f->message, "Archive.pri (id 5032) has as its base skill group 5031 "
	                          "(5000:40500 Archive), which is deleted");
	sgg_diff_free(d);
}
END_TEST

START_TEST(test_lint_route_missing)
{
	sgg_diff *d = lint_of("diff/lint-route-missing.json");
	const sgg_diff_finding *f = only_dangling(d);

	ck_assert_int_eq(f->kind, SGG_DANGLING_ROUTE);
	ck_assert_str_eq(f->path, "routes[2].target");
	ck_assert_int_eq(f->route_id, 7003);
	ck_assert_str_eq(f->route_name, "Claims_Route");
	ck_assert(!f->target_deleted);
	ck_assert_str_eq(f->message, "route 7003 (Claims_Route) sends calls to skill group 5099, "
	                             "which does not exist");
	sgg_diff_free(d);
}
END_TEST

START_TEST(test_lint_route_deleted)
{
	sgg_diff *d = lint_of("diff/lint-route-deleted.json");
	const sgg_diff_finding *f = only_dangling(d);

	ck_assert_int_eq(f->kind, SGG_DANGLING_ROUTE);
	ck_assert(f->target_deleted);
	ck_assert_has(f->message, "route 7003 (Archive_Route) sends calls to skill group 5031 "
	                          "(5000:40500 Archive), which is deleted");
	sgg_diff_free(d);
}
END_TEST

START_TEST(test_diff_after_dangling_each_kind)
{
	/* the same checks run on the new export of a diff */
	static const struct {
		const char *file;
		sgg_dangling_kind kind;
		int deleted;
	} cases[] = {
	    {"diff/lint-membership-missing.json", SGG_DANGLING_MEMBERSHIP, 0},
	    {"diff/lint-membership-deleted.json", SGG_DANGLING_MEMBERSHIP, 1},
	    {"diff/lint-base-missing.json", SGG_DANGLING_BASE, 0},
	    {"diff/lint-base-deleted.json", SGG_DANGLING_BASE, 1},
	    {"diff/lint-route-missing.json", SGG_DANGLING_ROUTE, 0},
	    {"diff/lint-route-deleted.json", SGG_DANGLING_ROUTE, 1},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		sgg_diff *d = diff_of(cases[i].file);
		const sgg_diff_finding *f = only_dangling(d);

		ck_assert_uint_eq(sgg_diff_removal_count(d), 0);
		ck_assert_int_eq(f->kind, cases[i].kind);
		ck_assert_int_eq(f->target_deleted, cases[i].deleted);
		sgg_diff_free(d);
	}
}
END_TEST

START_TEST(test_diff_before_must_be_consistent)
{
	/* loaded without SGG_CONFIG_KEEP_DANGLING, a dangling reference is an input error */
	sgg_config *cfg = NULL;
	sgg_error err;

	ck_assert_int_eq(
	    sgg_config_load_file(&cfg, data_path("diff/lint-route-deleted.json"), 0, &err),
	    SGG_EREF);
	ck_assert_ptr_null(cfg);
	ck_assert_str_eq(err.path, "routes[2].target");
}
END_TEST

/* ---- misuse ---- */

START_TEST(test_diff_misuse)
{
	sgg_config *cfg = load_config_or_fail(data_path("diff/before.json")), *open = NULL;
	sgg_diff *d = (sgg_diff *)1;
	sgg_error err;
	char *out = (char *)1;

	ck_assert_int_eq(sgg_diff_run(&d, NULL, cfg, NULL, 0, &err), SGG_EINVAL);
	ck_assert_ptr_null(d);
	ck_assert_int_eq(sgg_diff_run(&d, cfg, cfg, NULL, 2, &err), SGG_EINVAL);
	ck_assert_int_eq(sgg_diff_run(NULL, cfg, cfg, NULL, 0, &err), SGG_EINVAL);
	ck_assert_int_eq(sgg_config_new(&open, &err), 0);
	ck_assert_int_eq(sgg_diff_run(&d, cfg, open, NULL, 0, &err), SGG_EINVAL);
	ck_assert_int_eq(sgg_lint_run(&d, open, &err), SGG_EINVAL);
	ck_assert_int_eq(sgg_lint_run(&d, NULL, &err), SGG_EINVAL);
	ck_assert_int_eq(sgg_diff_run(&d, cfg, cfg, NULL, 0, &err), 0);
	ck_assert_int_eq(sgg_diff_render(&out, NULL, d, SGG_FORMAT_CSV, 0, &err), SGG_EINVAL);
	ck_assert_ptr_null(out);
	ck_assert_ptr_null(sgg_diff_removal(d, 0));
	ck_assert_ptr_null(sgg_diff_finding_at(d, 0));
	ck_assert_ptr_null(sgg_diff_change_at(d, 0));
	ck_assert_ptr_null(sgg_diff_added(d, 0));
	ck_assert_ptr_null(sgg_diff_changed(d, 0));
	ck_assert_ptr_null(sgg_diff_membership(d, 0));
	ck_assert_uint_eq(sgg_diff_removal_count(NULL), 0);
	ck_assert_int_eq(sgg_diff_verdict(NULL), SGG_VERDICT_ERROR);
	ck_assert_str_eq(sgg_diff_rule_id(SGG_DIFF_RULE_DANGLING_REFERENCE), "dangling-reference");
	ck_assert_ptr_null(sgg_diff_rule_id((sgg_diff_rule)SGG_DIFF_RULE_COUNT));
	ck_assert_str_eq(sgg_removal_kind_name(SGG_REMOVAL_WITH_BASE), "with-base");
	sgg_diff_free(NULL);
	sgg_diff_free(d);
	sgg_config_free(open);
	sgg_config_free(cfg);
}
END_TEST

/* ---- renderers ---- */

START_TEST(test_diff_render_formats)
{
	sgg_change *c = record("CHG-LIT", "5000:40424", SGG_CHANGE_CLOSED);
	sgg_diff *d = diff_with("diff/after-technote.json", &c, 1);
	char *text = render(d, SGG_FORMAT_TEXT), *json = render(d, SGG_FORMAT_JSON);
	char *junit = render(d, SGG_FORMAT_JUNIT), *tap = render(d, SGG_FORMAT_TAP);

	ck_assert_has(text, "sgguard diff: BLOCK (5 blocking findings)");
	ck_assert_has(text, "5000:40424 Literature (id 5019), marked deleted: covered by CHG-LIT "
	                    "(closed)");
	ck_assert_has(text, "dangling-reference      agent 1428 (Ana Ruiz, id 5107) is a member of "
	                    "skill group 5019 (5000:40424 Literature), which is deleted "
	                    "[agents[0].skill_groups[0]]");

	ck_assert_has(json, "\"command\": \"diff\"");
	ck_assert_has(json, "\"verdict\": \"block\"");
	ck_assert_has(json, "\"how\": \"deleted\"");
	ck_assert_has(json, "\"id\": \"CHG-LIT\"");
	ck_assert_has(json, "\"rule\": \"dangling-reference\"");
	ck_assert_has(json, "\"path\": \"routes[0].target\"");

	ck_assert_has(junit, "<testsuites name=\"sgguard diff\" tests=\"6\" failures=\"2\" "
	                     "errors=\"0\">");
	ck_assert_has(junit, "name=\"remove 5000:40424 Literature (id 5019)\"");
	ck_assert_has(junit, "<failure type=\"dangling-reference\" message=\"4 dangling "
	                     "references\">");
	ck_assert_has(junit, "<property name=\"change\" value=\"CHG-LIT (closed)\"/>");

	ck_assert_has(tap, "TAP version 13\n1..6\n");
	ck_assert_has(tap, "ok 1 - removal of 5000:40424 Literature (id 5019) is covered by change "
	                   "CHG-LIT (closed)\n");
	ck_assert_has(tap, "not ok 4 - memberships name live skill groups\n  ---\n");
	ck_assert_has(tap, "ok 5 - sub-skill group bases name live base groups\n");
	ck_assert_has(tap, "not ok 6 - routes name live skill groups\n");
	sgg_free(text);
	sgg_free(json);
	sgg_free(junit);
	sgg_free(tap);
	sgg_change_free(c);
	sgg_diff_free(d);
}
END_TEST

START_TEST(test_diff_render_escapes)
{
	/* names are data: XML, YAML and TAP special characters must not break the output */
	sgg_config *b =
	    config_from_string_or_fail(q("{'format': 'sgguard-config/1', 'skill_groups': ["
	                                 "{'id': 1, 'peripheral': 5000, 'number': 1, 'priority': "
	                                 "0, 'name': 'A<&>\\\"q\\\\ #1'}],"
	                                 " 'agents': []}"));
	sgg_config *a = config_from_string_or_fail(
	    q("{'format': 'sgguard-config/1', 'skill_groups': [], 'agents': []}"));
	sgg_diff *d = NULL;
	sgg_error err;
	char *junit, *tap;

	ck_assert_int_eq(sgg_diff_run(&d, b, a, NULL, 0, &err), 0);
	junit = render(d, SGG_FORMAT_JUNIT);
	tap = render(d, SGG_FORMAT_TAP);
	ck_assert_has(junit, "name=\"remove 5000:1 A&lt;&amp;&gt;&quot;q\\ #1 (id 1)\"");
	ck_assert_has(tap, "not ok 1 - removal of 5000:1 A<&>\"q\\\\ \\#1 (id 1) is covered");
	ck_assert_has(tap, "  message: \"skill group 5000:1 A<&>\\\"q\\\\ #1 (id 1) is removed");
	sgg_free(junit);
	sgg_free(tap);
	sgg_diff_free(d);
	sgg_config_free(a);
	sgg_config_free(b);
}
END_TEST

START_TEST(test_diff_render_error)
{
	sgg_error in = {0}, err;
	char *out = NULL;

	in.code = SGG_ESYNTAX;
	in.line = 3;
	in.column = 7;
	strcpy(in.source, "after.json");
	strcpy(in.text, "unexpected token");
	ck_assert_int_eq(sgg_diff_render_error(&out, NULL, &in, 0, SGG_FORMAT_JSON, &err), 0);
	ck_assert_has(out, "\"verdict\": \"error\"");
	ck_assert_has(out, "\"line\": 3");
	sgg_free(out);
	ck_assert_int_eq(sgg_diff_render_error(&out, NULL, &in, 1, SGG_FORMAT_JUNIT, &err), 0);
	ck_assert_has(out, "<error type=\"input\" message=\"after.json:3:7: unexpected token\">");
	sgg_free(out);
	ck_assert_int_eq(sgg_diff_render_error(&out, NULL, &in, 0, SGG_FORMAT_TAP, &err), 0);
	ck_assert_str_eq(out, "TAP version 13\nBail out! after.json:3:7: unexpected token\n");
	sgg_free(out);
	ck_assert_int_eq(sgg_diff_render_error(&out, NULL, &in, 0, SGG_FORMAT_TEXT, &err),
	                 SGG_EINVAL);
	ck_assert_ptr_null(out);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("diff");
	TCase *tc;

	tc = tcase_create("removals");
	tcase_add_test(tc, test_diff_identical_nothing_to_report);
	tcase_add_test(tc, test_diff_removal_absent);
	tcase_add_test(tc, test_diff_removal_newly_deleted);
	tcase_add_test(tc, test_diff_already_deleted_is_no_removal);
	tcase_add_test(tc, test_diff_removal_base_with_subs);
	tcase_add_test(tc, test_diff_removal_base_brings_listed_subs);
	tcase_add_test(tc, test_diff_technote_crash_state);
	tcase_add_test(tc, test_diff_information);
	suite_add_tcase(s, tc);

	tc = tcase_create("policy");
	tcase_add_checked_fixture(tc, scratch_setup, scratch_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_diff_covered_in_allowed_states);
	tcase_add_test(tc, test_diff_refused_states);
	tcase_add_test(tc, test_diff_record_for_another_group);
	tcase_add_test(tc, test_diff_one_record_of_several_covers);
	tcase_add_test(tc, test_diff_covered_removal_still_needs_consistency);
	suite_add_tcase(s, tc);

	tc = tcase_create("consistency");
	tcase_add_test(tc, test_lint_consistent);
	tcase_add_test(tc, test_lint_membership_missing);
	tcase_add_test(tc, test_lint_membership_deleted);
	tcase_add_test(tc, test_lint_membership_names_an_agent);
	tcase_add_test(tc, test_lint_base_missing);
	tcase_add_test(tc, test_lint_base_deleted);
	tcase_add_test(tc, test_lint_route_missing);
	tcase_add_test(tc, test_lint_route_deleted);
	tcase_add_test(tc, test_diff_after_dangling_each_kind);
	tcase_add_test(tc, test_diff_before_must_be_consistent);
	tcase_add_test(tc, test_diff_misuse);
	suite_add_tcase(s, tc);

	tc = tcase_create("render");
	tcase_add_checked_fixture(tc, scratch_setup, scratch_teardown);
	tcase_add_test(tc, test_diff_render_formats);
	tcase_add_test(tc, test_diff_render_escapes);
	tcase_add_test(tc, test_diff_render_error);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
