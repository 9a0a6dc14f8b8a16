/*
 * test_adapters.c - the ucce-aw-rows and cce-config-api adapters, format
 * detection, and the loaders that force a format.
 * SPDX-License-Identifier: MIT
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N_ITEMS(a) (sizeof(a) / sizeof((a)[0]))

/* JSON written with single quotes, for legibility: 'x' becomes "x". */
static const char *quoted(const char *text)
{
	static char buf[8192];
	size_t i;

	for (i = 0; text[i] && i + 1 < sizeof(buf); i++)
		buf[i] = text[i] == '\'' ? '"' : text[i];
	buf[i] = '\0';
	ck_assert_msg(text[i] == '\0', "test document too long");
	return buf;
}

static int config_as(sgg_config **cfg, const char *json, sgg_source_format format, sgg_error *err)
{
	const char *doc = quoted(json);

	return sgg_config_load_buffer_as(cfg, doc, strlen(doc), "doc.json", format, 0, err);
}

static int sessions_as(sgg_sessions **snap, const char *json, sgg_source_format format,
                       sgg_error *err)
{
	const char *doc = quoted(json);

	return sgg_sessions_load_buffer_as(snap, doc, strlen(doc), "doc.json", format, err);
}

static sgg_config *config_ok(const char *json)
{
	sgg_config *cfg = NULL;
	sgg_error err;

	if (config_as(&cfg, json, SGG_SOURCE_AUTO, &err) < 0) {
		char line[1024];

		sgg_error_format(&err, line, sizeof(line));
		ck_abort_msg("config: %s", line);
	}
	return cfg;
}

static sgg_sessions *sessions_ok(const char *json)
{
	sgg_sessions *snap = NULL;
	sgg_error err;

	if (sessions_as(&snap, json, SGG_SOURCE_AUTO, &err) < 0) {
		char line[1024];

		sgg_error_format(&err, line, sizeof(line));
		ck_abort_msg("sessions: %s", line);
	}
	return snap;
}

/* An input error: its code, its path, a piece of its text, and the file it names. */
static void check_error(int rc, const sgg_error *err, int code, const char *path, const char *text)
{
	ck_assert_msg(rc == code, "expected %s, got %d (%s: %s)", sgg_strerror(code), rc, err->path,
	              err->text);
	ck_assert_str_eq(err->path, path);
	ck_assert_msg(strstr(err->text, text), "\"%s\" does not contain \"%s\"", err->text, text);
	ck_assert_str_eq(err->source, "doc.json");
}

static void expect_config_error(const char *json, int code, const char *path, const char *text)
{
	sgg_config *cfg = (sgg_config *)&cfg; /* must be reset to NULL */
	sgg_error err;
	int rc = config_as(&cfg, json, SGG_SOURCE_AUTO, &err);

	ck_assert_ptr_null(cfg);
	check_error(rc, &err, code, path, text);
}

static void expect_sessions_error(const char *json, int code, const char *path, const char *text)
{
	sgg_sessions *snap = (sgg_sessions *)&snap;
	sgg_error err;
	int rc = sessions_as(&snap, json, SGG_SOURCE_AUTO, &err);

	ck_assert_ptr_null(snap);
	check_error(rc, &err, code, path, text);
}

/* ------------------------------------------------------------------------ */
/* The technote's site in every format: the same verdict, the same findings */
/* ------------------------------------------------------------------------ */

static void same_group(const sgg_skill_group *a, const sgg_skill_group *b)
{
	ck_assert_int_eq(a == NULL, b == NULL);
	if (!a)
		return;
	ck_assert_int_eq(a->id, b->id);
	ck_assert_int_eq(a->peripheral, b->peripheral);
	ck_assert_int_eq(a->number, b->number);
	ck_assert_int_eq(a->priority, b->priority);
	ck_assert_int_eq(a->base, b->base);
	ck_assert_str_eq(a->name, b->name);
	ck_assert_int_eq(a->deleted, b->deleted);
}

static void same_str(const char *a, const char *b)
{
	if (!a || !b)
		ck_assert_ptr_eq(a, b);
	else
		ck_assert_str_eq(a, b);
}

static void same_report(const sgg_report *want, const sgg_report *got, const char *what)
{
	size_t n = sgg_report_finding_count(want);

	ck_assert_msg(sgg_report_verdict(want) == sgg_report_verdict(got), "%s: verdict %s, not %s",
	              what, sgg_verdict_name(sgg_report_verdict(got)),
	              sgg_verdict_name(sgg_report_verdict(want)));
	ck_assert_int_eq(sgg_report_taken_at(want), sgg_report_taken_at(got));
	ck_assert_msg(sgg_report_finding_count(got) == n, "%s: %zu findings, not %zu", what,
	              sgg_report_finding_count(got), n);
	for (size_t i = 0; i < n; i++) {
		const sgg_finding *a = sgg_report_finding(want, i), *b = sgg_report_finding(got, i);

		ck_assert_msg(a->rule == b->rule, "%s: finding %zu is %s, not %s", what, i,
		              sgg_rule_id(b->rule), sgg_rule_id(a->rule));
		ck_assert_int_eq(a->severity, b->severity);
		same_str(a->message, b->message);
		ck_assert_int_eq(a->agent_id, b->agent_id);
		same_str(a->agent_number, b->agent_number);
		same_str(a->agent_name, b->agent_name);
		same_str(a->agent_team, b->agent_team);
		ck_assert_int_eq(a->has_state, b->has_state);
		ck_assert_int_eq(a->state, b->state);
		ck_assert_int_eq(a->login_at, b->login_at);
		same_group(a->skill_group, b->skill_group);
		ck_assert_int_eq(a->route_id, b->route_id);
		same_str(a->route_name, b->route_name);
		same_str(a->reference, b->reference);
	}
	ck_assert_int_eq(sgg_report_target_count(want), sgg_report_target_count(got));
	ck_assert_int_eq(sgg_report_notify_count(want), sgg_report_notify_count(got));
	for (size_t i = 0; i < sgg_report_notify_count(want); i++) {
		const sgg_notify *a = sgg_report_notify(want, i), *b = sgg_report_notify(got, i);

		ck_assert_int_eq(a->agent->id, b->agent->id);
		ck_assert_int_eq(a->state, b->state);
		ck_assert_int_eq(a->n_skill_groups, b->n_skill_groups);
	}
}

static sgg_report *run(const sgg_config *cfg, const sgg_sessions *snap, const char *refs,
                       const char *at)
{
	char buf[256], *items[8], *save = NULL;
	size_t n = 0;
	sgg_check_options opts = SGG_CHECK_OPTIONS_INIT;
	sgg_report *report = NULL;
	sgg_error err;

	snprintf(buf, sizeof(buf), "%s", refs);
	for (char *s = strtok_r(buf, ",", &save); s && n < 8; s = strtok_r(NULL, ",", &save))
		items[n++] = s;
	opts.at = t(at);
	ck_assert_msg(
	    sgg_check_run(&report, cfg, snap, (const char *const *)items, n, &opts, &err) == 0,
	    "check: %s", err.text);
	return report;
}

START_TEST(test_adapters_technote_every_format)
{
	static const char *const configs[] = {"technote/aw-rows.json", "technote/cce-api.json"};
	static const struct {
		const char *native, *aw, *at;
	} snaps[] = {
	    {"technote/sessions.json", "technote/aw-rows.json", "2026-12-01T02:15:00Z"},
	    {"technote/sessions-logged-out.json", "technote/aw-rows-logged-out.json",
	     "2026-12-01T02:42:00Z"},
	};
	static const char *const targets[] = {
	    "5000:40424", "5022", "name:Sales", "5031", "5000:40424:2,6011", "5023,9999",
	};
	sgg_config *native = load_config_or_fail(example_path("technote/config.json"));
	sgg_config *cfgs[2];
	size_t compared = 0;

	for (size_t c = 0; c < 2; c++)
		cfgs[c] = load_config_or_fail(example_path(configs[c]));
	for (size_t s = 0; s < N_ITEMS(snaps); s++) {
		sgg_sessions *want_snap = load_sessions_or_fail(example_path(snaps[s].native));
		sgg_sessions *aw_snap = load_sessions_or_fail(example_path(snaps[s].aw));

		for (size_t r = 0; r < N_ITEMS(targets); r++) {
			sgg_report *want = run(native, want_snap, targets[r], snaps[s].at);
			char what[256];

			/* every pairing of a configuration source and a snapshot source */
			for (size_t c = 0; c < 3; c++) {
				for (size_t k = 0; k < 2; k++) {
					const sgg_config *cfg = c < 2 ? cfgs[c] : native;
					const sgg_sessions *snap = k ? aw_snap : want_snap;
					sgg_report *got;

					if (c == 2 && k == 0)
						continue; /* the reference itself */
					got = run(cfg, snap, targets[r], snaps[s].at);
					snprintf(what, sizeof(what), "%s + %s, --remove %s",
					         c < 2 ? configs[c] : "config.json",
					         k ? snaps[s].aw : snaps[s].native, targets[r]);
					same_report(want, got, what);
					sgg_report_free(got);
					compared++;
				}
			}
			sgg_report_free(want);
		}
		sgg_sessions_free(want_snap);
		sgg_sessions_free(aw_snap);
	}
	ck_assert_int_eq(compared, 2 * 6 * 5);
	for (size_t c = 0; c < 2; c++)
		sgg_config_free(cfgs[c]);
	sgg_config_free(native);
}
END_TEST

/* The comparison above must be able to fail: a changed row changes the report. */
START_TEST(test_adapters_technote_comparison_sees_a_difference)
{
	sgg_config *cfg = load_config_or_fail(example_path("technote/config.json"));
	sgg_sessions *want = load_sessions_or_fail(example_path("technote/sessions.json"));
	sgg_sessions *aw = load_sessions_or_fail(example_path("technote/aw-rows.json"));
	sgg_sessions *aw_out =
	    load_sessions_or_fail(example_path("technote/aw-rows-logged-out.json"));
	sgg_report *a = run(cfg, want, "5000:40424", "2026-12-01T02:15:00Z");
	sgg_report *b = run(cfg, aw, "5000:40424", "2026-12-01T02:15:00Z");
	sgg_report *c = run(cfg, aw_out, "5000:40424", "2026-12-01T02:42:00Z");

	same_report(a, b, "aw-rows.json");
	ck_assert_int_eq(sgg_report_verdict(b), SGG_VERDICT_BLOCK);
	ck_assert_int_eq(sgg_report_verdict(c), SGG_VERDICT_ALLOW);
	ck_assert_int_ne(sgg_report_finding_count(b), sgg_report_finding_count(c));
	sgg_report_free(a);
	sgg_report_free(b);
	sgg_report_free(c);
	sgg_sessions_free(want);
	sgg_sessions_free(aw);
	sgg_sessions_free(aw_out);
	sgg_config_free(cfg);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* ucce-aw-rows: mapping rules                                              */
/* ------------------------------------------------------------------------ */

#define AW_GROUPS                                                                                  \
	"'Skill_Group': ["                                                                         \
	"{'SkillTargetID': 100, 'PeripheralID': 5000, 'PeripheralNumber': 1, "                     \
	"'EnterpriseName': 'A', 'Priority': 0, 'Deleted': 'N'},"                                   \
	"{'SkillTargetID': 101, 'PeripheralID': 5000, 'PeripheralNumber': 1, "                     \
	"'EnterpriseName': 'A.pri', 'Priority': 1, 'BaseSkillTargetID': 100, 'Deleted': 'N'},"     \
	"{'SkillTargetID': 102, 'PeripheralID': 5000, 'PeripheralNumber': 2, "                     \
	"'EnterpriseName': 'B', 'Priority': 0, 'Deleted': 'Y'}]"

START_TEST(test_adapters_aw_config_mapping)
{
	sgg_config *cfg = config_ok(
	    "{'t_Peripheral': [{'PeripheralID': 5000, 'EnterpriseName': 'PG1'}]," AW_GROUPS ","
	    "'t_Agent': ["
	    "{'SkillTargetID': 200, 'PeripheralID': 5000, 'PeripheralNumber': '1428', "
	    "'PersonID': 1, 'EnterpriseName': 'PG1.Ruiz', 'Deleted': 'N'},"
	    "{'SkillTargetID': 201, 'PeripheralID': 5000, 'PeripheralNumber': '1429', "
	    "'Deleted': 'Y'},"
	    "{'SkillTargetID': 202, 'PeripheralID': 5000, 'PeripheralNumber': 1430, "
	    "'EnterpriseName': 'PG1.Wei', 'Deleted': 'N'}],"
	    "'Person': [{'PersonID': 1, 'FirstName': 'Ana', 'LastName': 'Ruiz'}],"
	    "'Agent_Team': [{'AgentTeamID': 7, 'EnterpriseName': 'Tier 1'}],"
	    "'Agent_Team_Member': [{'AgentTeamID': 7, 'SkillTargetID': 200}],"
	    "'Skill_Group_Member': ["
	    "{'AgentSkillTargetID': 200, 'SkillGroupSkillTargetID': 101},"
	    "{'AgentSkillTargetID': 201, 'SkillGroupSkillTargetID': 102},"
	    "{'AgentSkillTargetID': 200, 'SkillGroupSkillTargetID': 100},"
	    "{'AgentSkillTargetID': 200, 'SkillGroupSkillTargetID': 101}],"
	    "'Route': [{'RouteID': 1, 'SkillTargetID': 100, 'EnterpriseName': 'R1', 'Deleted': "
	    "'N'},"
	    "{'RouteID': 2, 'SkillTargetID': 9000, 'EnterpriseName': 'to a service'},"
	    "{'RouteID': 3, 'EnterpriseName': 'no target'},"
	    "{'RouteID': 4, 'SkillTargetID': 100, 'Deleted': 'Y'}],"
	    "'taken_at': '2026-12-01T01:55:00'}");
	const sgg_skill_group *g;
	const sgg_agent *a;
	const int64_t *ids;
	size_t n;

	ck_assert_int_eq(sgg_config_exported_at(cfg), t("2026-12-01T01:55:00Z"));
	ck_assert_int_eq(sgg_config_skill_group_count(cfg), 3);
	g = sgg_config_skill_group_by_id(cfg, 101);
	ck_assert_int_eq(g->priority, 1);
	ck_assert_int_eq(g->base, 100);
	ck_assert_int_eq(g->number, 1);
	ck_assert_int_eq(g->peripheral, 5000);
	ck_assert_str_eq(g->name, "A.pri");
	ck_assert_int_eq(sgg_config_skill_group_by_id(cfg, 100)->base, 0);
	ck_assert_int_eq(sgg_config_skill_group_by_id(cfg, 102)->deleted, 1);
	ck_assert_int_eq(sgg_config_skill_group_by_id(cfg, 100)->deleted, 0);
	/* the deleted agent is skipped, and with it its membership of a deleted group */
	ck_assert_int_eq(sgg_config_agent_count(cfg), 2);
	ck_assert_ptr_null(sgg_config_agent_by_id(cfg, 201));
	a = sgg_config_agent_by_id(cfg, 200);
	ck_assert_str_eq(a->number, "1428");
	ck_assert_str_eq(a->name, "Ana Ruiz");
	ck_assert_str_eq(a->team, "Tier 1");
	ids = sgg_config_agent_skill_groups(cfg, 200, &n);
	ck_assert_int_eq(n, 2); /* row order, the repeated row once */
	ck_assert_int_eq(ids[0], 101);
	ck_assert_int_eq(ids[1], 100);
	/* no Person row: the enterprise name; a numeric login written as a number */
	a = sgg_config_agent_by_id(cfg, 202);
	ck_assert_str_eq(a->number, "1430");
	ck_assert_str_eq(a->name, "PG1.Wei");
	ck_assert_ptr_null(a->team);
	sgg_config_agent_skill_groups(cfg, 202, &n);
	ck_assert_int_eq(n, 0);
	sgg_config_free(cfg);
}
END_TEST

START_TEST(test_adapters_aw_routes_reach_the_check)
{
	sgg_config *cfg = config_ok(
	    "{" AW_GROUPS ", 'Agent': [], 'Skill_Group_Member': [],"
	    "'Route': [{'RouteID': 1, 'SkillTargetID': 100, 'EnterpriseName': 'R1', 'Deleted': "
	    "'N'},"
	    "{'RouteID': 2, 'SkillTargetID': 9000, 'EnterpriseName': 'to a service'},"
	    "{'RouteID': 4, 'SkillTargetID': 100, 'EnterpriseName': 'old', 'Deleted': 'Y'}]}");
	sgg_sessions *snap = sessions_ok("{'taken_at': '2026-12-01T02:00:00Z', 'Peripheral': "
	                                 "[{'PeripheralID': 5000}], 'Agent_Real_Time': [], "
	                                 "'Agent_Skill_Group_Real_Time': []}");
	sgg_report *r = run(cfg, snap, "100", "2026-12-01T02:00:10Z");
	size_t routes = 0;

	for (size_t i = 0; i < sgg_report_finding_count(r); i++) {
		const sgg_finding *f = sgg_report_finding(r, i);

		if (f->rule == SGG_RULE_ROUTE_REFERENCES_TARGET) {
			ck_assert_int_eq(f->route_id, 1);
			ck_assert_str_eq(f->route_name, "R1");
			routes++;
		}
	}
	ck_assert_int_eq(routes, 1);
	ck_assert_int_eq(sgg_report_verdict(r), SGG_VERDICT_ALLOW);
	sgg_report_free(r);
	sgg_sessions_free(snap);
	sgg_config_free(cfg);
}
END_TEST

START_TEST(test_adapters_aw_state_codes)
{
	/* the database's codes, in order: not the CTI server's */
	static const char *const names[] = {
	    "logged_out",     "logged_on",  "not_ready",  "ready",       "talking",
	    "work_not_ready", "work_ready", "busy_other", "reserved",    "unknown",
	    "hold",           "active",     "paused",     "interrupted", "not_active",
	};

	for (int code = 0; code < 15; code++) {
		char doc[512];
		sgg_sessions *snap;

		snprintf(
		    doc, sizeof(doc),
		    "{'taken_at': '2026-12-01T02:00:00Z', 'Agent_Real_Time': [{'SkillTargetID': "
		    "200, 'AgentState': %d}], 'Agent_Skill_Group_Real_Time': []}",
		    code);
		snap = sessions_ok(doc);
		ck_assert_int_eq(sgg_sessions_count(snap), 1);
		ck_assert_str_eq(sgg_state_name(sgg_sessions_by_agent(snap, 200)->state),
		                 names[code]);
		sgg_sessions_free(snap);
	}
}
END_TEST

START_TEST(test_adapters_aw_sessions_mapping)
{
	sgg_sessions *snap = sessions_ok(
	    "{'Agent': [{'SkillTargetID': 200, 'PeripheralID': 5000, 'PeripheralNumber': '1428', "
	    "'Deleted': 'N'}, {'SkillTargetID': 201, 'PeripheralID': 5001, 'PeripheralNumber': "
	    "'1429', 'Deleted': 'N'}, {'SkillTargetID': 209, 'PeripheralID': 5009, "
	    "'PeripheralNumber': '9', 'Deleted': 'Y'}],"
	    "'Agent_Real_Time': ["
	    "{'SkillTargetID': 200, 'AgentState': 0, 'DateTime': '2026-12-01T02:14:50'},"
	    "{'SkillTargetID': 200, 'AgentState': 3, 'DateTime': '2026-12-01T02:14:55.347', "
	    "'LoginDateTime': '2026-12-01T01:00:00'},"
	    "{'SkillTargetID': 201, 'AgentState': 0, 'DateTime': '2026-12-01T02:10:00'},"
	    "{'SkillTargetID': 300, 'AgentState': 4, 'DateTime': '2026-12-01T02:14:00'}],"
	    "'t_Agent_Skill_Group_Real_Time': ["
	    "{'SkillTargetID': 200, 'SkillGroupSkillTargetID': 100, 'AgentState': 3, "
	    "'DateTime': '2026-12-01T02:14:51'},"
	    "{'SkillTargetID': 200, 'SkillGroupSkillTargetID': 101, 'AgentState': 0, "
	    "'DateTime': '2026-12-01T02:14:51'},"
	    "{'SkillTargetID': 200, 'SkillGroupSkillTargetID': 100, 'AgentState': 4, "
	    "'DateTime': '2026-12-01T02:14:52'},"
	    "{'SkillTargetID': 202, 'SkillGroupSkillTargetID': 102, 'AgentState': 2, "
	    "'DateTime': '2026-12-01T02:14:53'}]}");
	const sgg_session *s;

	/* no taken_at: the latest DateTime, read as UTC, its fraction dropped */
	ck_assert_int_eq(sgg_sessions_taken_at(snap), t("2026-12-01T02:14:55Z"));
	/* no Peripheral rows: the peripherals of the live Agent rows */
	ck_assert(sgg_sessions_covers(snap, 5000));
	ck_assert(sgg_sessions_covers(snap, 5001));
	ck_assert(!sgg_sessions_covers(snap, 5009));
	ck_assert_int_eq(sgg_sessions_count(snap), 4);
	/* logged in: one row of several says so */
	s = sgg_sessions_by_agent(snap, 200);
	ck_assert_int_eq(s->state, SGG_STATE_READY);
	ck_assert_int_eq(s->login_at, t("2026-12-01T01:00:00Z"));
	ck_assert_str_eq(s->number, "1428");
	ck_assert_int_eq(s->n_skill_groups, 1); /* 101 is logged out, 100 counted once */
	ck_assert_int_eq(s->skill_groups[0], 100);
	/* every row 0: logged out */
	s = sgg_sessions_by_agent(snap, 201);
	ck_assert_int_eq(s->state, SGG_STATE_LOGGED_OUT);
	ck_assert_int_eq(s->n_skill_groups, 0);
	/* an agent the Agent rows do not know: no login id */
	s = sgg_sessions_by_agent(snap, 300);
	ck_assert_int_eq(s->state, SGG_STATE_TALKING);
	ck_assert_ptr_null(s->number);
	/* logged into a group with no Agent_Real_Time row: logged in (the side that blocks) */
	s = sgg_sessions_by_agent(snap, 202);
	ck_assert_int_eq(s->state, SGG_STATE_NOT_READY);
	ck_assert_int_eq(s->n_skill_groups, 1);
	ck_assert_int_eq(s->skill_groups[0], 102);
	sgg_sessions_free(snap);

	/* taken_at wins over the rows; Peripheral rows give the scope */
	snap =
	    sessions_ok("{'taken_at': '2026-12-01T03:14:55+01:00', 'Peripheral': "
	                "[{'PeripheralID': 5002}], 'Agent': [{'SkillTargetID': 200, "
	                "'PeripheralID': 5000, 'PeripheralNumber': '1', 'Deleted': 'N'}], "
	                "'Agent_Real_Time': [{'SkillTargetID': 200, 'AgentState': 1, "
	                "'DateTime': '2026-12-01T05:00:00'}], 'Agent_Skill_Group_Real_Time': []}");
	ck_assert_int_eq(sgg_sessions_taken_at(snap), t("2026-12-01T02:14:55Z"));
	ck_assert(sgg_sessions_covers(snap, 5002));
	ck_assert(!sgg_sessions_covers(snap, 5000));
	sgg_sessions_free(snap);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* ucce-aw-rows: malformed rows are input errors with their path            */
/* ------------------------------------------------------------------------ */

#define AW_CONFIG_TAIL "'Agent': [], 'Skill_Group_Member': []}"

START_TEST(test_adapters_aw_missing_column)
{
	expect_config_error(
	    "{'Skill_Group': [{'SkillTargetID': 100, 'PeripheralID': 5000, "
	    "'PeripheralNumber': 1, 'EnterpriseName': 'A', 'Priority': 0, 'Deleted': 'N'}, "
	    "{'SkillTargetID': 101, 'PeripheralID': 5000, 'EnterpriseName': 'B', "
	    "'Priority': 0, 'Deleted': 'N'}], " AW_CONFIG_TAIL,
	    SGG_ESHAPE, "Skill_Group[1].PeripheralNumber", "missing required field");
	expect_config_error(
	    "{'Skill_Group': [{'SkillTargetID': 100, 'PeripheralID': 5000, "
	    "'PeripheralNumber': 1, 'EnterpriseName': 'A', 'Priority': 0}], " AW_CONFIG_TAIL,
	    SGG_ESHAPE, "Skill_Group[0].Deleted", "missing required field");
	expect_config_error("{" AW_GROUPS
	                    ", 'Agent': [{'SkillTargetID': 200, 'PeripheralID': 5000, "
	                    "'Deleted': 'N'}], 'Skill_Group_Member': []}",
	                    SGG_ESHAPE, "Agent[0].PeripheralNumber", "missing required field");
	expect_config_error(
	    "{" AW_GROUPS ", 'Agent': [], 'Skill_Group_Member': [{'AgentSkillTargetID': "
	    "200}]}",
	    SGG_ESHAPE, "Skill_Group_Member[0].SkillGroupSkillTargetID", "missing required field");
	/* a sub-skill group whose BaseSkillTargetID is NULL */
	expect_config_error("{'Skill_Group': [{'SkillTargetID': 100, 'PeripheralID': 5000, "
	                    "'PeripheralNumber': 1, 'EnterpriseName': 'A', 'Priority': 2, "
	                    "'Deleted': 'N'}], " AW_CONFIG_TAIL,
	                    SGG_ESHAPE, "Skill_Group[0].BaseSkillTargetID",
	                    "missing required field");
	expect_sessions_error("{'Agent_Real_Time': [{'SkillTargetID': 200, 'DateTime': "
	                      "'2026-12-01T02:00:00'}], 'Agent_Skill_Group_Real_Time': []}",
	                      SGG_ESHAPE, "Agent_Real_Time[0].AgentState",
	                      "missing required field");
}
END_TEST

START_TEST(test_adapters_aw_wrong_type)
{
	expect_config_error(
	    "{'Skill_Group': [{'SkillTargetID': 100, 'PeripheralID': 5000, "
	    "'PeripheralNumber': 1, 'EnterpriseName': 'A', 'Priority': 0, 'Deleted': 'N'}, "
	    "{'SkillTargetID': 101, 'PeripheralID': 5000, 'PeripheralNumber': 2, "
	    "'EnterpriseName': 'B', 'Priority': 0, 'Deleted': 'N'}, "
	    "{'SkillTargetID': 102, 'PeripheralID': 5000, 'PeripheralNumber': '40424', "
	    "'EnterpriseName': 'C', 'Priority': 0, 'Deleted': 'N'}], " AW_CONFIG_TAIL,
	    SGG_ESHAPE, "Skill_Group[2].PeripheralNumber", "must be an integer, not a string");
	expect_config_error(
	    "{'Skill_Group': [{'SkillTargetID': 100, 'PeripheralID': 5000, "
	    "'PeripheralNumber': 1, 'EnterpriseName': 'A', 'Priority': 0, 'Deleted': "
	    "false}], " AW_CONFIG_TAIL,
	    SGG_ESHAPE, "Skill_Group[0].Deleted", "must be a string, not a boolean");
	expect_config_error(
	    "{'Skill_Group': [{'SkillTargetID': 100, 'PeripheralID': 5000, "
	    "'PeripheralNumber': 1, 'EnterpriseName': 'A', 'Priority': 0, 'Deleted': "
	    "'X'}], " AW_CONFIG_TAIL,
	    SGG_ESHAPE, "Skill_Group[0].Deleted", "must be \"Y\" or \"N\"");
	expect_config_error("{'Skill_Group': {'SkillTargetID': 100}, " AW_CONFIG_TAIL, SGG_ESHAPE,
	                    "Skill_Group", "must be an array of rows, not an object");
	expect_config_error("{'Skill_Group': [[100]], " AW_CONFIG_TAIL, SGG_ESHAPE,
	                    "Skill_Group[0]", "must be an object, not an array");
	expect_config_error(
	    "{'Skill_Group': [{'SkillTargetID': 100, 'PeripheralID': 40000, "
	    "'PeripheralNumber': 1, 'EnterpriseName': 'A', 'Priority': 0, 'Deleted': "
	    "'N'}], " AW_CONFIG_TAIL,
	    SGG_ESHAPE, "Skill_Group[0].PeripheralID", "40000 is out of range");
	expect_sessions_error(
	    "{'Agent_Real_Time': [{'SkillTargetID': 200, 'AgentState': 1, 'DateTime': "
	    "'yesterday'}], 'Agent_Skill_Group_Real_Time': []}",
	    SGG_ESYNTAX, "Agent_Real_Time[0].DateTime", "not a date-time");
	expect_sessions_error(
	    "{'Agent_Real_Time': [], 'Agent_Skill_Group_Real_Time': [{'SkillTargetID': "
	    "200, 'SkillGroupSkillTargetID': '100', 'AgentState': 1}], 'taken_at': "
	    "'2026-12-01T02:00:00Z'}",
	    SGG_ESHAPE, "Agent_Skill_Group_Real_Time[0].SkillGroupSkillTargetID",
	    "must be an integer, not a string");
}
END_TEST

START_TEST(test_adapters_aw_unknown_state)
{
	expect_sessions_error(
	    "{'taken_at': '2026-12-01T02:00:00Z', 'Agent_Real_Time': ["
	    "{'SkillTargetID': 200, 'AgentState': 0}, {'SkillTargetID': 201, "
	    "'AgentState': 3}, {'SkillTargetID': 202, 'AgentState': 14}, "
	    "{'SkillTargetID': 203, 'AgentState': 15}], 'Agent_Skill_Group_Real_Time': []}",
	    SGG_ESHAPE, "Agent_Real_Time[3].AgentState", "unknown agent state code 15");
	expect_sessions_error("{'taken_at': '2026-12-01T02:00:00Z', 'Agent_Real_Time': [], "
	                      "'Agent_Skill_Group_Real_Time': [{'SkillTargetID': 200, "
	                      "'SkillGroupSkillTargetID': 100, 'AgentState': -1}]}",
	                      SGG_ESHAPE, "Agent_Skill_Group_Real_Time[0].AgentState",
	                      "unknown agent state code -1");
}
END_TEST

START_TEST(test_adapters_aw_member_names_missing_group)
{
	expect_config_error(
	    "{" AW_GROUPS ", 'Agent': [{'SkillTargetID': 200, 'PeripheralID': 5000, "
	    "'PeripheralNumber': '1', 'Deleted': 'N'}, {'SkillTargetID': 201, "
	    "'PeripheralID': 5000, 'PeripheralNumber': '2', 'Deleted': 'N'}], "
	    "'Skill_Group_Member': [{'AgentSkillTargetID': 200, 'SkillGroupSkillTargetID': "
	    "100}, {'AgentSkillTargetID': 201, 'SkillGroupSkillTargetID': 100}, "
	    "{'AgentSkillTargetID': 200, 'SkillGroupSkillTargetID': 101}, "
	    "{'AgentSkillTargetID': 201, 'SkillGroupSkillTargetID': 101}, "
	    "{'AgentSkillTargetID': 201, 'SkillGroupSkillTargetID': 9999}]}",
	    SGG_EREF, "Skill_Group_Member[4].SkillGroupSkillTargetID",
	    "no skill group with id 9999");
	/* a deleted group is no group to be a member of */
	expect_config_error("{" AW_GROUPS
	                    ", 'Agent': [{'SkillTargetID': 200, 'PeripheralID': 5000, "
	                    "'PeripheralNumber': '1', 'Deleted': 'N'}], 'Skill_Group_Member': ["
	                    "{'AgentSkillTargetID': 200, 'SkillGroupSkillTargetID': 102}]}",
	                    SGG_EREF, "Skill_Group_Member[0].SkillGroupSkillTargetID", "deleted");
	expect_config_error("{" AW_GROUPS ", 'Agent': [], 'Skill_Group_Member': ["
	                    "{'AgentSkillTargetID': 777, 'SkillGroupSkillTargetID': 100}]}",
	                    SGG_EREF, "Skill_Group_Member[0].AgentSkillTargetID",
	                    "no agent with id 777");
	expect_config_error("{" AW_GROUPS
	                    ", 'Agent': [{'SkillTargetID': 200, 'PeripheralID': 5000, "
	                    "'PeripheralNumber': '1', 'PersonID': 5, 'Deleted': 'N'}], "
	                    "'Person': [{'PersonID': 6}], 'Skill_Group_Member': []}",
	                    SGG_EREF, "Agent[0].PersonID", "no person with id 5");
}
END_TEST

START_TEST(test_adapters_aw_model_errors_name_rows)
{
	/* the builder's checks, reported with the source's paths */
	expect_config_error(
	    "{'Skill_Group': [{'SkillTargetID': 100, 'PeripheralID': 5000, "
	    "'PeripheralNumber': 1, 'EnterpriseName': 'A', 'Priority': 0, 'Deleted': 'N'}, "
	    "{'SkillTargetID': 100, 'PeripheralID': 5000, 'PeripheralNumber': 2, "
	    "'EnterpriseName': 'B', 'Priority': 0, 'Deleted': 'N'}], " AW_CONFIG_TAIL,
	    SGG_EDUP, "Skill_Group[1].SkillTargetID", "already used by Skill_Group[0]");
	expect_config_error(
	    "{'Skill_Group': [{'SkillTargetID': 100, 'PeripheralID': 5000, "
	    "'PeripheralNumber': 1, 'EnterpriseName': 'A', 'Priority': 0, 'Deleted': 'N'}, "
	    "{'SkillTargetID': 101, 'PeripheralID': 5000, 'PeripheralNumber': 1, "
	    "'EnterpriseName': 'B', 'Priority': 0, 'Deleted': 'N'}], " AW_CONFIG_TAIL,
	    SGG_EDUP, "Skill_Group[1].PeripheralNumber", "already used by Skill_Group[0]");
	expect_config_error("{" AW_GROUPS
	                    ", 'Agent': [{'SkillTargetID': 201, 'PeripheralID': 5000, "
	                    "'PeripheralNumber': '1', 'Deleted': 'Y'}, {'SkillTargetID': 100, "
	                    "'PeripheralID': 5000, 'PeripheralNumber': '2', 'Deleted': 'N'}], "
	                    "'Skill_Group_Member': []}",
	                    SGG_EDUP, "Agent[1].SkillTargetID", "already used by Skill_Group[0]");
	expect_config_error("{'Skill_Group': [{'SkillTargetID': 100, 'PeripheralID': 5000, "
	                    "'PeripheralNumber': 1, 'EnterpriseName': 'A', 'Priority': 1, "
	                    "'BaseSkillTargetID': 555, 'Deleted': 'N'}], " AW_CONFIG_TAIL,
	                    SGG_EREF, "Skill_Group[0].BaseSkillTargetID",
	                    "no skill group with id 555");
	expect_config_error(
	    "{'Peripheral': [{'PeripheralID': 5000}, {'PeripheralID': 5000}], " AW_GROUPS
	    ", " AW_CONFIG_TAIL,
	    SGG_EDUP, "Peripheral[1].PeripheralID", "listed twice");
}
END_TEST

START_TEST(test_adapters_aw_document_errors)
{
	expect_config_error("{'Agent': [], 'Skill_Group_Member': []}", SGG_ESHAPE, "Skill_Group",
	                    "missing required table");
	expect_config_error("{'Skill_Group': [], 't_Skill_Group': [], " AW_CONFIG_TAIL, SGG_EDUP,
	                    "Skill_Group", "given twice");
	expect_sessions_error("{'Agent': [], 'Agent_Real_Time': []}", SGG_ESHAPE,
	                      "Agent_Skill_Group_Real_Time", "missing required table");
	/* the configuration tables alone are no snapshot */
	expect_sessions_error("{" AW_GROUPS ", " AW_CONFIG_TAIL, SGG_ESHAPE, "Agent_Real_Time",
	                      "missing required table");
	expect_sessions_error("{'Agent_Real_Time': [], 'Agent_Skill_Group_Real_Time': []}",
	                      SGG_ESHAPE, "taken_at", "nothing tells when the snapshot was taken");
	expect_sessions_error("{'taken_at': 'now', 'Agent_Real_Time': [], "
	                      "'Agent_Skill_Group_Real_Time': []}",
	                      SGG_ESYNTAX, "taken_at", "not a date-time");
}
END_TEST

START_TEST(test_adapters_aw_error_names_the_file)
{
	sgg_sessions *snap = NULL;
	sgg_error err;
	char line[512];
	const char *path = data_path("adapters/aw-bad-state.json");

	ck_assert_int_eq(sgg_sessions_load_file(&snap, path, &err), SGG_ESHAPE);
	ck_assert_ptr_null(snap);
	ck_assert_str_eq(err.source, path);
	sgg_error_format(&err, line, sizeof(line));
	ck_assert_msg(strstr(line,
	                     "aw-bad-state.json: Agent_Real_Time[1].AgentState: unknown agent "
	                     "state code 15"),
	              "%s", line);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* cce-config-api                                                           */
/* ------------------------------------------------------------------------ */

#define API_URL "https://aw1/unifiedconfig/config/"
#define API_GROUPS                                                                                 \
	"'skillGroup': [{'refURL': '" API_URL "skillgroup/100', 'name': 'A', "                     \
	"'peripheralNumber': 40424, 'peripheral': {'id': 5000, 'name': 'PG1'}}, "                  \
	"{'refURL': '" API_URL "skillgroup/101/', 'name': 'B', 'peripheralNumber': '40425', "      \
	"'peripheral': {'id': '5000'}}, "                                                          \
	"{'refURL': '" API_URL "skillgroup/102', 'name': 'C', 'peripheralNumber': 1, "             \
	"'peripheral': {'refURL': '" API_URL "peripheral/5001'}, 'deleted': true}]"
#define API_AGENTS                                                                                 \
	"'agent': [{'refURL': '" API_URL "agent/200', 'agentId': '1428', "                         \
	"'person': {'firstName': 'Ana', 'lastName': 'Ruiz'}, 'agentTeam': {'name': 'Tier 1'}, "    \
	"'peripheral': {'id': 5000}, 'skillGroups': [{'refURL': '" API_URL "skillgroup/101'}, "    \
	"{'refURL': '" API_URL "skillgroup/100', 'name': 'A'}]}, "                                 \
	"{'refURL': '" API_URL "agent/201', 'agentId': 1429, 'peripheral': {'id': 5000}, "         \
	"'skillGroups': {'skillGroup': {'refURL': '" API_URL "skillgroup/100'}}}, "                \
	"{'refURL': '" API_URL "agent/202', 'agentId': '1430', 'peripheral': {'id': 5000}, "       \
	"'deleted': true, 'skillGroups': [{'refURL': '" API_URL "skillgroup/102'}]}]"

static void check_api_config(const sgg_config *cfg)
{
	const sgg_skill_group *g;
	const sgg_agent *a;
	const int64_t *ids;
	size_t n;

	ck_assert_int_eq(sgg_config_skill_group_count(cfg), 3);
	g = sgg_config_skill_group_by_id(cfg, 101);
	ck_assert_int_eq(g->number, 40425);
	ck_assert_int_eq(g->peripheral, 5000);
	ck_assert_int_eq(g->priority, 0);
	ck_assert_int_eq(sgg_config_skill_group_by_id(cfg, 102)->peripheral, 5001);
	ck_assert_int_eq(sgg_config_skill_group_by_id(cfg, 102)->deleted, 1);
	ck_assert_int_eq(sgg_config_agent_count(cfg), 2);
	ck_assert_ptr_null(sgg_config_agent_by_id(cfg, 202));
	a = sgg_config_agent_by_id(cfg, 200);
	ck_assert_str_eq(a->number, "1428");
	ck_assert_str_eq(a->name, "Ana Ruiz");
	ck_assert_str_eq(a->team, "Tier 1");
	ids = sgg_config_agent_skill_groups(cfg, 200, &n);
	ck_assert_int_eq(n, 2);
	ck_assert_int_eq(ids[0], 101);
	ck_assert_int_eq(ids[1], 100);
	a = sgg_config_agent_by_id(cfg, 201);
	ck_assert_str_eq(a->number, "1429");
	ck_assert_ptr_null(a->name);
	ids = sgg_config_agent_skill_groups(cfg, 201, &n);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(ids[0], 100);
}

START_TEST(test_adapters_api_one_document)
{
	sgg_config *cfg = config_ok("{" API_GROUPS ", " API_AGENTS "}");

	check_api_config(cfg);
	sgg_config_free(cfg);
}
END_TEST

START_TEST(test_adapters_api_pages)
{
	/* an array of pages, and pages one after another, agents first */
	sgg_config *cfg = config_ok("[{" API_AGENTS "}, {" API_GROUPS "}]");

	check_api_config(cfg);
	sgg_config_free(cfg);
	cfg = config_ok("{" API_AGENTS "}\n\n{" API_GROUPS "}\n");
	check_api_config(cfg);
	sgg_config_free(cfg);
	/* the list wrappers, and items that stand alone */
	cfg = config_ok("{'skillGroups': {" API_GROUPS "}} {'agents': {" API_AGENTS "}}");
	check_api_config(cfg);
	sgg_config_free(cfg);
	cfg = config_ok(
	    "{'refURL': '" API_URL "skillgroup/100', 'name': 'A', 'peripheralNumber': "
	    "4, 'peripheral': {'id': 5000}}\n{'refURL': '" API_URL "agent/200', "
	    "'agentId': '1', 'peripheral': {'id': 5000}, 'skillGroups': [{'refURL': '" API_URL
	    "skillgroup/100'}]}");
	ck_assert_int_eq(sgg_config_agent_count(cfg), 1);
	ck_assert_int_eq(sgg_config_skill_group_count(cfg), 1);
	sgg_config_free(cfg);
}
END_TEST

START_TEST(test_adapters_api_errors)
{
	expect_config_error("{'skillGroup': [{'refURL': '" API_URL "skillgroup/abc', 'name': 'A', "
	                    "'peripheralNumber': 1, 'peripheral': {'id': 5000}}]}",
	                    SGG_ESHAPE, "skillGroup[0].refURL", "does not end with an id");
	expect_config_error("{'skillGroup': [{'refURL': '" API_URL "skillgroup/1', 'name': 'A', "
	                    "'peripheral': {'id': 5000}}]}",
	                    SGG_ESHAPE, "skillGroup[0].peripheralNumber", "missing required field");
	expect_config_error("{'skillGroup': [{'refURL': '" API_URL "skillgroup/1', 'name': 'A', "
	                    "'peripheralNumber': 'x1', 'peripheral': {'id': 5000}}]}",
	                    SGG_ESHAPE, "skillGroup[0].peripheralNumber", "must be a number");
	expect_config_error("{'skillGroup': [{'refURL': '" API_URL "skillgroup/1', 'name': 'A', "
	                    "'peripheralNumber': 1, 'peripheral': {'name': 'PG1'}}]}",
	                    SGG_ESHAPE, "skillGroup[0].peripheral.id", "missing required field");
	/* a summary list leaves memberships out: not the same as none */
	expect_config_error("{" API_GROUPS ", 'agent': [{'refURL': '" API_URL
	                    "agent/200', 'agentId': "
	                    "'1', 'peripheral': {'id': 5000}}]}",
	                    SGG_ESHAPE, "agent[0].skillGroups", "summary=true");
	expect_config_error(
	    "{" API_GROUPS ", 'agent': [{'refURL': '" API_URL "agent/200', 'agentId': "
	    "'1', 'peripheral': {'id': 5000}, 'skillGroups': [{'refURL': '" API_URL
	    "skillgroup/100'}, {'refURL': '" API_URL "skillgroup/999'}]}]}",
	    SGG_EREF, "agent[0].skillGroups[1].refURL", "no skill group with id 999");
	expect_config_error("[{" API_GROUPS "}, {" API_GROUPS "}]", SGG_EDUP,
	                    "[1].skillGroup[0].refURL", "already used by [0].skillGroup[0]");
	expect_config_error("{" API_GROUPS ", 'agent': [{'refURL': '" API_URL "agent/200', "
	                    "'peripheral': {'id': 5000}, 'skillGroups': []}]}",
	                    SGG_ESHAPE, "agent[0].agentId", "missing required field");
	expect_config_error("{'refURL': '" API_URL "callType/5'}", SGG_ESHAPE, "refURL",
	                    "neither a skill group nor an agent");
}
END_TEST

START_TEST(test_adapters_api_syntax_error_in_a_later_page)
{
	sgg_config *cfg = NULL;
	sgg_error err;
	const char *doc = quoted("{'skillGroup': []}\n{'agent': []}\n{'agent': [}\n");

	ck_assert_int_eq(sgg_config_load_buffer(&cfg, doc, strlen(doc), "doc.json", 0, &err),
	                 SGG_ESYNTAX);
	ck_assert_ptr_null(cfg);
	ck_assert_int_eq(err.line, 3);
	ck_assert_int_ge(err.column, 10);
	ck_assert_str_eq(err.source, "doc.json");
}
END_TEST

START_TEST(test_adapters_api_holds_no_snapshot)
{
	expect_sessions_error("{" API_GROUPS ", " API_AGENTS "}", SGG_EFORMAT, "",
	                      "holds no session snapshot");
	expect_sessions_error("{" API_AGENTS "} {" API_GROUPS "}", SGG_EFORMAT, "",
	                      "holds no session snapshot");
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Detection and forced formats                                             */
/* ------------------------------------------------------------------------ */

START_TEST(test_adapters_format_names)
{
	static const char *const names[] = {"auto", "sgguard", "ucce-aw-rows", "cce-config-api"};
	sgg_source_format f;

	for (int i = 0; i < 4; i++) {
		ck_assert_int_eq(sgg_source_format_parse(&f, names[i]), 0);
		ck_assert_int_eq(f, i);
		ck_assert_str_eq(sgg_source_format_name(f), names[i]);
	}
	ck_assert_int_eq(sgg_source_format_parse(&f, "aw"), SGG_EFORMAT);
	ck_assert_int_eq(sgg_source_format_parse(&f, NULL), SGG_EINVAL);
	ck_assert_ptr_null(sgg_source_format_name((sgg_source_format)9));
}
END_TEST

START_TEST(test_adapters_forced_formats)
{
	sgg_config *cfg = NULL;
	sgg_sessions *snap = NULL;
	sgg_error err;
	const char *aw = "{" AW_GROUPS ", " AW_CONFIG_TAIL;

	/* forcing the detected format changes nothing */
	ck_assert_int_eq(config_as(&cfg, aw, SGG_SOURCE_AW_ROWS, &err), 0);
	ck_assert_int_eq(sgg_config_skill_group_count(cfg), 3);
	sgg_config_free(cfg);
	ck_assert_int_eq(config_as(&cfg, "{" API_GROUPS "}", SGG_SOURCE_CCE_API, &err), 0);
	ck_assert_int_eq(sgg_config_skill_group_count(cfg), 3);
	sgg_config_free(cfg);
	/* forcing another one reads the document as that format, and fails */
	check_error(config_as(&cfg, aw, SGG_SOURCE_NATIVE, &err), &err, SGG_ESHAPE, "format",
	            "missing required field");
	ck_assert_ptr_null(cfg);
	check_error(config_as(&cfg,
	                      "{'format': 'sgguard-config/1', 'skill_groups': [], 'agents': "
	                      "[]}",
	                      SGG_SOURCE_AW_ROWS, &err),
	            &err, SGG_ESHAPE, "Skill_Group", "missing required table");
	check_error(config_as(&cfg, aw, SGG_SOURCE_CCE_API, &err), &err, SGG_ESHAPE, "",
	            "not a configuration API document");
	ck_assert_ptr_null(cfg);
	check_error(sessions_as(&snap,
	                        "{'format': 'sgguard-sessions/1', 'taken_at': "
	                        "'2026-12-01T02:00:00Z', 'peripherals': [], 'sessions': []}",
	                        SGG_SOURCE_CCE_API, &err),
	            &err, SGG_EFORMAT, "", "holds no session snapshot");
	ck_assert_ptr_null(snap);
	/* native forced on a native document of the other kind */
	check_error(sessions_as(&snap,
	                        "{'format': 'sgguard-config/1', 'skill_groups': [], "
	                        "'agents': []}",
	                        SGG_SOURCE_NATIVE, &err),
	            &err, SGG_EFORMAT, "format", "expected \"sgguard-sessions/1\"");
	ck_assert_int_eq(sessions_as(&snap,
	                             "{'format': 'sgguard-sessions/1', 'taken_at': "
	                             "'2026-12-01T02:00:00Z', 'peripherals': [5000], "
	                             "'sessions': []}",
	                             SGG_SOURCE_NATIVE, &err),
	                 0);
	ck_assert(sgg_sessions_covers(snap, 5000));
	sgg_sessions_free(snap);
	ck_assert_int_eq(
	    sgg_config_load_buffer_as(&cfg, "{}", 2, NULL, (sgg_source_format)7, 0, &err),
	    SGG_EINVAL);
}
END_TEST

START_TEST(test_adapters_detection)
{
	sgg_error err;
	sgg_config *cfg = NULL;

	/* no format field, no known table, no API list: the native loader explains */
	expect_config_error("{'skill_groups': [], 'agents': []}", SGG_ESHAPE, "format",
	                    "missing required field");
	expect_config_error("[1, 2]", SGG_ESHAPE, "", "must be a JSON object");
	/* a format field always means the native format, whatever else is there */
	expect_config_error("{'format': 'sgguard-config/1', 'Skill_Group': [], 'skill_groups': []}",
	                    SGG_ESHAPE, "agents", "missing required field");
	/* the file loaders detect too */
	ck_assert_int_eq(sgg_config_load_file(&cfg, example_path("technote/aw-rows.json"), 0, &err),
	                 0);
	ck_assert_int_eq(sgg_config_agent_count(cfg), 7);
	sgg_config_free(cfg);
	ck_assert_int_eq(sgg_config_load_file_as(&cfg, example_path("technote/cce-api.json"),
	                                         SGG_SOURCE_CCE_API, 0, &err),
	                 0);
	ck_assert_int_eq(sgg_config_agent_count(cfg), 7);
	sgg_config_free(cfg);
}
END_TEST

START_TEST(test_adapters_null_arguments)
{
	sgg_config *cfg = (sgg_config *)&cfg;
	sgg_sessions *snap = (sgg_sessions *)&snap;
	sgg_error err;

	ck_assert_int_eq(sgg_config_load_file_as(&cfg, NULL, SGG_SOURCE_AW_ROWS, 0, &err),
	                 SGG_EINVAL);
	ck_assert_ptr_null(cfg);
	ck_assert_int_eq(sgg_config_load_file_as(NULL, "x", SGG_SOURCE_AW_ROWS, 0, &err),
	                 SGG_EINVAL);
	ck_assert_int_eq(sgg_sessions_load_buffer_as(&snap, NULL, 3, NULL, SGG_SOURCE_AW_ROWS,
	                                             &err),
	                 SGG_EINVAL);
	ck_assert_ptr_null(snap);
	ck_assert_int_eq(sgg_sessions_load_file_as(&snap, data_path("adapters/no-such-file.json"),
	                                           SGG_SOURCE_AW_ROWS, &err),
	                 SGG_EIO);
	ck_assert_ptr_null(snap);
	/* empty input: the same message whatever the format */
	ck_assert_int_eq(sgg_config_load_buffer_as(&cfg, "", 0, NULL, SGG_SOURCE_CCE_API, 0, &err),
	                 SGG_ESYNTAX);
	ck_assert_str_eq(err.text, "the file is empty");
	ck_assert_str_eq(err.source, "<buffer>");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("adapters");
	TCase *tc;

	tc = tcase_create("technote");
	tcase_add_test(tc, test_adapters_technote_every_format);
	tcase_add_test(tc, test_adapters_technote_comparison_sees_a_difference);
	suite_add_tcase(s, tc);

	tc = tcase_create("aw-mapping");
	tcase_add_test(tc, test_adapters_aw_config_mapping);
	tcase_add_test(tc, test_adapters_aw_routes_reach_the_check);
	tcase_add_test(tc, test_adapters_aw_state_codes);
	tcase_add_test(tc, test_adapters_aw_sessions_mapping);
	suite_add_tcase(s, tc);

	tc = tcase_create("aw-errors");
	tcase_add_test(tc, test_adapters_aw_missing_column);
	tcase_add_test(tc, test_adapters_aw_wrong_type);
	tcase_add_test(tc, test_adapters_aw_unknown_state);
	tcase_add_test(tc, test_adapters_aw_member_names_missing_group);
	tcase_add_test(tc, test_adapters_aw_model_errors_name_rows);
	tcase_add_test(tc, test_adapters_aw_document_errors);
	tcase_add_test(tc, test_adapters_aw_error_names_the_file);
	suite_add_tcase(s, tc);

	tc = tcase_create("cce-api");
	tcase_add_test(tc, test_adapters_api_one_document);
	tcase_add_test(tc, test_adapters_api_pages);
	tcase_add_test(tc, test_adapters_api_errors);
	tcase_add_test(tc, test_adapters_api_syntax_error_in_a_later_page);
	tcase_add_test(tc, test_adapters_api_holds_no_snapshot);
	suite_add_tcase(s, tc);

	tc = tcase_create("detect");
	tcase_add_test(tc, test_adapters_format_names);
	tcase_add_test(tc, test_adapters_forced_formats);
	tcase_add_test(tc, test_adapters_detection);
	tcase_add_test(tc, test_adapters_null_arguments);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
