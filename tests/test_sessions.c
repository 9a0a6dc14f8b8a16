/*
 * test_sessions.c - the live session snapshot: loading sgguard-sessions/1,
 * agent states, scope, the builder, and the input errors.
 * SPDX-License-Identifier: MIT
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>

#define FMT   "'format':'sgguard-sessions/1'"
#define TAKEN "'taken_at':'2026-12-01T02:14:55Z'"

/* ---- loading ---- */

START_TEST(test_sessions_load_example)
{
	sgg_sessions *snap = load_sessions_or_fail(example_path("technote/sessions.json"));
	const sgg_session *s;

	ck_assert_int_eq(sgg_sessions_taken_at(snap), t("2026-12-01T02:14:55Z"));
	ck_assert_uint_eq(sgg_sessions_count(snap), 5);

	s = sgg_sessions_at(snap, 0);
	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(s->agent, 5107);
	ck_assert_str_eq(s->number, "1428");
	ck_assert_int_eq(s->state, SGG_STATE_TALKING);
	ck_assert_int_eq(s->login_at, t("2026-12-01T01:02:11Z"));
	ck_assert_uint_eq(s->n_skill_groups, 2);
	ck_assert_int_eq(s->skill_groups[0], 5019);
	ck_assert_int_eq(s->skill_groups[1], 5020);
	ck_assert_ptr_eq(sgg_sessions_by_agent(snap, 5107), s);

	s = sgg_sessions_by_agent(snap, 5108);
	ck_assert_ptr_nonnull(s);
	ck_assert_int_eq(s->state, SGG_STATE_LOGGED_OUT);
	ck_assert_int_eq(s->login_at, SGG_TIME_NONE);
	ck_assert_uint_eq(s->n_skill_groups, 0);

	ck_assert_int_eq(sgg_sessions_by_agent(snap, 5110)->state, SGG_STATE_NOT_READY);
	ck_assert_int_eq(sgg_sessions_at(snap, 4)->agent, 6101);
	ck_assert_ptr_null(sgg_sessions_at(snap, 5));
	ck_assert_ptr_null(sgg_sessions_by_agent(snap, 5111)); /* no session: logged out */
	sgg_sessions_free(snap);
}
END_TEST

START_TEST(test_sessions_optional_fields)
{
	sgg_sessions *snap = sessions_from_string_or_fail(
	    q("{" FMT "," TAKEN ",'peripherals':[5000],'sessions':["
	      "{'agent':5107,'state':'ready','skill_groups':[5019]},"
	      "{'agent':5108,'state':'ready','number':null,'login_at':null,'skill_groups':[]}]}"));
	const sgg_session *s = sgg_sessions_by_agent(snap, 5107);

	ck_assert_ptr_null(s->number);
	ck_assert_int_eq(s->login_at, SGG_TIME_NONE);
	ck_assert_ptr_null(sgg_sessions_by_agent(snap, 5108)->number);
	sgg_sessions_free(snap);
}
END_TEST

START_TEST(test_sessions_unknown_fields_ignored)
{
	sgg_sessions *snap = sessions_from_string_or_fail(
	    q("{" FMT "," TAKEN ",'source':'AW','peripherals':[5000],'sessions':["
	      "{'agent':5107,'state':'talking','skill_groups':[5019],'extension':'4001',"
	      "'reason_code':null}]}"));

	ck_assert_uint_eq(sgg_sessions_count(snap), 1);
	sgg_sessions_free(snap);
}
END_TEST

START_TEST(test_sessions_empty_snapshot)
{
	sgg_sessions *snap =
	    sessions_from_string_or_fail(q("{" FMT "," TAKEN ",'peripherals':[],'sessions':[]}"));

	ck_assert_uint_eq(sgg_sessions_count(snap), 0);
	ck_assert_int_eq(sgg_sessions_covers(snap, 5000), 0);
	ck_assert_ptr_null(sgg_sessions_at(snap, 0));
	sgg_sessions_free(snap);
}
END_TEST

START_TEST(test_sessions_offset_taken_at)
{
	sgg_sessions *snap = sessions_from_string_or_fail(
	    q("{" FMT ",'taken_at':'2026-12-01T03:14:55+01:00','peripherals':[5000],"
	      "'sessions':[]}"));

	ck_assert_int_eq(sgg_sessions_taken_at(snap), t("2026-12-01T02:14:55Z"));
	sgg_sessions_free(snap);
}
END_TEST

START_TEST(test_sessions_duplicate_skill_groups_kept_once)
{
	sgg_sessions *snap = sessions_from_string_or_fail(
	    q("{" FMT "," TAKEN ",'peripherals':[5000],'sessions':["
	      "{'agent':5107,'state':'talking','skill_groups':[5019,5020,5019]}]}"));
	const sgg_session *s = sgg_sessions_at(snap, 0);

	ck_assert_uint_eq(s->n_skill_groups, 2);
	ck_assert_int_eq(s->skill_groups[0], 5019);
	ck_assert_int_eq(s->skill_groups[1], 5020);
	sgg_sessions_free(snap);
}
END_TEST

/* ---- states ---- */

START_TEST(test_sessions_every_state_name)
{
	static const char *const names[SGG_STATE_COUNT] = {
	    "logged_out",     "logged_on",  "not_ready",  "ready",       "talking",
	    "work_not_ready", "work_ready", "busy_other", "reserved",    "unknown",
	    "hold",           "active",     "paused",     "interrupted", "not_active",
	};

	for (int i = 0; i < SGG_STATE_COUNT; i++) {
		sgg_agent_state st = (sgg_agent_state)-1;
		char doc[512];
		sgg_sessions *snap;

		ck_assert_str_eq(sgg_state_name((sgg_agent_state)i), names[i]);
		ck_assert_int_eq(sgg_state_parse(&st, names[i]), 0);
		ck_assert_int_eq(st, i);

		snprintf(doc, sizeof(doc),
		         "{\"format\":\"sgguard-sessions/1\",\"taken_at\":\"2026-12-01T02:14:55Z\","
		         "\"peripherals\":[5000],\"sessions\":[{\"agent\":5107,\"state\":\"%s\","
		         "\"skill_groups\":[5019]}]}",
		         names[i]);
		snap = sessions_from_string_or_fail(doc);
		ck_assert_int_eq(sgg_sessions_at(snap, 0)->state, i);
		sgg_sessions_free(snap);
	}
	ck_assert_int_eq(SGG_STATE_LOGGED_OUT, 0);
}
END_TEST

START_TEST(test_sessions_state_out_of_range)
{
	sgg_agent_state st;

	ck_assert_ptr_null(sgg_state_name((sgg_agent_state)SGG_STATE_COUNT));
	ck_assert_ptr_null(sgg_state_name((sgg_agent_state)-1));
	ck_assert_int_eq(sgg_state_parse(&st, "LOGGED_OUT"), SGG_ESHAPE);
	ck_assert_int_eq(sgg_state_parse(&st, "logged out"), SGG_ESHAPE);
	ck_assert_int_eq(sgg_state_parse(&st, "talk"), SGG_ESHAPE);
	ck_assert_int_eq(sgg_state_parse(&st, "talking "), SGG_ESHAPE);
	ck_assert_int_eq(sgg_state_parse(&st, ""), SGG_ESHAPE);
	ck_assert_int_eq(sgg_state_parse(NULL, "ready"), SGG_EINVAL);
	ck_assert_int_eq(sgg_state_parse(&st, NULL), SGG_EINVAL);
}
END_TEST

START_TEST(test_sessions_unknown_state)
{
	sgg_error err;

	sessions_error(q("{" FMT "," TAKEN ",'peripherals':[5000],'sessions':["
	                 "{'agent':5107,'state':'ready','skill_groups':[]},"
	                 "{'agent':5108,'state':'on_break','skill_groups':[]}]}"),
	               &err);
	ck_assert_error(&err, SGG_ESHAPE, "sessions[1].state");
	ck_assert_msg(strstr(err.text, "on_break") != NULL, "message names the value: %s",
	              err.text);
	sessions_error(q("{" FMT "," TAKEN ",'peripherals':[5000],'sessions':["
	                 "{'agent':5107,'state':'Talking','skill_groups':[]}]}"),
	               &err);
	ck_assert_error(&err, SGG_ESHAPE, "sessions[0].state");
	sessions_error(q("{" FMT "," TAKEN ",'peripherals':[5000],'sessions':["
	                 "{'agent':5107,'state':4,'skill_groups':[]}]}"),
	               &err);
	ck_assert_error(&err, SGG_ESHAPE, "sessions[0].state");
}
END_TEST

/* ---- scope ---- */

START_TEST(test_sessions_scope_covers)
{
	sgg_sessions *snap = load_sessions_or_fail(example_path("technote/sessions.json"));

	ck_assert_int_ne(sgg_sessions_covers(snap, 5000), 0);
	ck_assert_int_ne(sgg_sessions_covers(snap, 5001), 0);
	ck_assert_int_eq(sgg_sessions_covers(snap, 5002), 0);
	ck_assert_int_eq(sgg_sessions_covers(snap, 0), 0);
	ck_assert_int_eq(sgg_sessions_covers(NULL, 5000), 0);
	sgg_sessions_free(snap);

	/* a session's own peripheral does not widen the scope */
	snap = sessions_from_string_or_fail(
	    q("{" FMT "," TAKEN ",'peripherals':[5001],'sessions':["
	      "{'agent':5107,'state':'ready','skill_groups':[5019]}]}"));
	ck_assert_int_eq(sgg_sessions_covers(snap, 5000), 0);
	ck_assert_int_ne(sgg_sessions_covers(snap, 5001), 0);
	sgg_sessions_free(snap);
}
END_TEST

START_TEST(test_sessions_scope_invalid)
{
	sgg_error err;

	sessions_error(q("{" FMT "," TAKEN ",'peripherals':[5000,5000],'sessions':[]}"), &err);
	ck_assert_error(&err, SGG_EDUP, "peripherals[1]");
	sessions_error(q("{" FMT "," TAKEN ",'peripherals':[0],'sessions':[]}"), &err);
	ck_assert_error(&err, SGG_ESHAPE, "peripherals[0]");
	sessions_error(q("{" FMT "," TAKEN ",'peripherals':[5000,32768],'sessions':[]}"), &err);
	ck_assert_error(&err, SGG_ESHAPE, "peripherals[1]");
	sessions_error(q("{" FMT "," TAKEN ",'peripherals':['5000'],'sessions':[]}"), &err);
	ck_assert_error(&err, SGG_ESHAPE, "peripherals[0]");
	sessions_error(q("{" FMT "," TAKEN ",'peripherals':5000,'sessions':[]}"), &err);
	ck_assert_error(&err, SGG_ESHAPE, "peripherals");
}
END_TEST

/* ---- input errors ---- */

START_TEST(test_sessions_duplicate_agent)
{
	sgg_error err;
	char line[512];

	sessions_error(q("{" FMT "," TAKEN ",'peripherals':[5000],'sessions':["
	                 "{'agent':5107,'state':'ready','skill_groups':[]},"
	                 "{'agent':5108,'state':'ready','skill_groups':[]},"
	                 "{'agent':5107,'state':'logged_out','skill_groups':[]}]}"),
	               &err);
	ck_assert_error(&err, SGG_EDUP, "sessions[2].agent");
	sgg_error_format(&err, line, sizeof(line));
	ck_assert_msg(strncmp(line, "test: sessions[2].agent: ", 25) == 0, "line: %s", line);
}
END_TEST

START_TEST(test_sessions_missing_fields)
{
	static const struct {
		const char *json;
		int code;
		const char *path;
	} cases[] = {
	    {"{'taken_at':'2026-12-01T02:14:55Z','peripherals':[],'sessions':[]}", SGG_ESHAPE,
	     "format"},
	    {"{" FMT ",'peripherals':[5000],'sessions':[]}", SGG_ESHAPE, "taken_at"},
	    {"{" FMT ",'taken_at':null,'peripherals':[5000],'sessions':[]}", SGG_ESHAPE,
	     "taken_at"},
	    {"{" FMT "," TAKEN ",'sessions':[]}", SGG_ESHAPE, "peripherals"},
	    {"{" FMT "," TAKEN ",'peripherals':[5000]}", SGG_ESHAPE, "sessions"},
	    {"{" FMT "," TAKEN ",'peripherals':[5000],'sessions':[{'state':'ready',"
	     "'skill_groups':[]}]}",
	     SGG_ESHAPE, "sessions[0].agent"},
	    {"{" FMT "," TAKEN ",'peripherals':[5000],'sessions':[{'agent':5107,"
	     "'skill_groups':[]}]}",
	     SGG_ESHAPE, "sessions[0].state"},
	    {"{" FMT "," TAKEN ",'peripherals':[5000],'sessions':[{'agent':5107,"
	     "'state':'ready'}]}",
	     SGG_ESHAPE, "sessions[0].skill_groups"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		sgg_error err;
		const char *doc = q(cases[i].json);

		sessions_error(doc, &err);
		ck_assert_msg(err.code == cases[i].code && strcmp(err.path, cases[i].path) == 0,
		              "case %zu: got %d at \"%s\" [%s], expected %d at \"%s\"", i, err.code,
		              err.path, err.text, cases[i].code, cases[i].path);
	}
}
END_TEST

START_TEST(test_sessions_invalid_values)
{
	static const struct {
		const char *json;
		int code;
		const char *path;
	} cases[] = {
	    {"[]", SGG_ESHAPE, ""},
	    {"{'format':'sgguard-config/1'," TAKEN ",'peripherals':[],'sessions':[]}", SGG_EFORMAT,
	     "format"},
	    {"{" FMT ",'taken_at':'2026-12-01T02:14:55','peripherals':[],'sessions':[]}",
	     SGG_ESYNTAX, "taken_at"},
	    {"{" FMT ",'taken_at':'2026-02-30T02:14:55Z','peripherals':[],'sessions':[]}",
	     SGG_ESYNTAX, "taken_at"},
	    {"{" FMT ",'taken_at':1796091295,'peripherals':[],'sessions':[]}", SGG_ESHAPE,
	     "taken_at"},
	    {"{" FMT "," TAKEN ",'peripherals':[5000],'sessions':{}}", SGG_ESHAPE, "sessions"},
	    {"{" FMT "," TAKEN ",'peripherals':[5000],'sessions':[5107]}", SGG_ESHAPE,
	     "sessions[0]"},
	    {"{" FMT "," TAKEN ",'peripherals':[5000],'sessions':[{'agent':'5107',"
	     "'state':'ready','skill_groups':[]}]}",
	     SGG_ESHAPE, "sessions[0].agent"},
	    {"{" FMT "," TAKEN ",'peripherals':[5000],'sessions':[{'agent':0,"
	     "'state':'ready','skill_groups':[]}]}",
	     SGG_ESHAPE, "sessions[0].agent"},
	    {"{" FMT "," TAKEN ",'peripherals':[5000],'sessions':[{'agent':5107,"
	     "'number':1428,'state':'ready','skill_groups':[]}]}",
	     SGG_ESHAPE, "sessions[0].number"},
	    {"{" FMT "," TAKEN ",'peripherals':[5000],'sessions':[{'agent':5107,"
	     "'state':'ready','login_at':'01:02','skill_groups':[]}]}",
	     SGG_ESYNTAX, "sessions[0].login_at"},
	    {"{" FMT "," TAKEN ",'peripherals':[5000],'sessions':[{'agent':5107,"
	     "'state':'ready','skill_groups':[5019,'5020']}]}",
	     SGG_ESHAPE, "sessions[0].skill_groups[1]"},
	    {"{" FMT "," TAKEN ",'peripherals':[5000],'sessions':[{'agent':5107,"
	     "'state':'ready','skill_groups':[-1]}]}",
	     SGG_ESHAPE, "sessions[0].skill_groups[0]"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		sgg_error err;
		const char *doc = q(cases[i].json);

		sessions_error(doc, &err);
		ck_assert_msg(err.code == cases[i].code && strcmp(err.path, cases[i].path) == 0,
		              "case %zu: got %d at \"%s\" [%s], expected %d at \"%s\"", i, err.code,
		              err.path, err.text, cases[i].code, cases[i].path);
	}
}
END_TEST

START_TEST(test_sessions_malformed_and_files)
{
	sgg_sessions *snap = (sgg_sessions *)(void *)&snap;
	sgg_error err;
	char path[4096];

	sessions_error("{\"format\": \"sgguard-sessions/1\",\n \"sessions\": [}\n", &err);
	ck_assert_int_eq(err.code, SGG_ESYNTAX);
	ck_assert_int_eq(err.line, 2);
	ck_assert_int_gt(err.column, 0);
	sessions_error("", &err);
	ck_assert_int_eq(err.code, SGG_ESYNTAX);

	snprintf(path, sizeof(path), "%s", data_path("unit/empty.json"));
	ck_assert_int_eq(sgg_sessions_load_file(&snap, path, &err), SGG_ESYNTAX);
	ck_assert_ptr_null(snap);
	ck_assert_str_eq(err.source, path);
	snprintf(path, sizeof(path), "%s", data_path("unit/no-such-snapshot.json"));
	ck_assert_int_eq(sgg_sessions_load_file(&snap, path, &err), SGG_EIO);
	ck_assert_str_eq(err.source, path);
	snprintf(path, sizeof(path), "%s", data_path("unit"));
	ck_assert_int_eq(sgg_sessions_load_file(&snap, path, &err), SGG_EIO);
	ck_assert_ptr_null(snap);
}
END_TEST

/* ---- the builder ---- */

START_TEST(test_sessions_builder)
{
	sgg_sessions *snap = NULL;
	sgg_error err;
	int64_t groups[] = {5019, 5020};
	char number[8] = "1428";
	sgg_session s = {5107, number, SGG_STATE_TALKING, 0, groups, 2};
	const sgg_session *got;

	ck_assert_int_eq(sgg_sessions_new(&snap, t("2026-12-01T02:14:55Z"), &err), 0);
	ck_assert_int_eq(sgg_sessions_add_peripheral(snap, 5000, &err), 0);
	ck_assert_int_eq(sgg_sessions_add_peripheral(snap, 5000, &err), SGG_EDUP);
	ck_assert_int_eq(sgg_sessions_add_peripheral(snap, 0, &err), SGG_ESHAPE);
	s.login_at = t("2026-12-01T01:02:11Z");
	ck_assert_int_eq(sgg_sessions_add(snap, &s, &err), 0);
	/* copied */
	groups[0] = 1;
	strcpy(number, "9");
	s.number = NULL;
	ck_assert_int_eq(sgg_sessions_add(snap, &s, &err), SGG_EDUP);
	s.agent = 0;
	ck_assert_int_eq(sgg_sessions_add(snap, &s, &err), SGG_ESHAPE);
	s.agent = 5108;
	s.state = (sgg_agent_state)SGG_STATE_COUNT;
	ck_assert_int_eq(sgg_sessions_add(snap, &s, &err), SGG_ESHAPE);
	s.state = SGG_STATE_LOGGED_OUT;
	s.skill_groups = NULL;
	s.n_skill_groups = 0;
	s.login_at = SGG_TIME_NONE;
	ck_assert_int_eq(sgg_sessions_add(snap, &s, &err), 0);
	ck_assert_int_eq(sgg_sessions_seal(snap, &err), 0);

	ck_assert_uint_eq(sgg_sessions_count(snap), 2);
	ck_assert_int_ne(sgg_sessions_covers(snap, 5000), 0);
	got = sgg_sessions_by_agent(snap, 5107);
	ck_assert_ptr_nonnull(got);
	ck_assert_str_eq(got->number, "1428");
	ck_assert_int_eq(got->state, SGG_STATE_TALKING);
	ck_assert_int_eq(got->login_at, t("2026-12-01T01:02:11Z"));
	ck_assert_uint_eq(got->n_skill_groups, 2);
	ck_assert_int_eq(got->skill_groups[0], 5019);
	ck_assert_int_eq(got->skill_groups[1], 5020);
	got = sgg_sessions_by_agent(snap, 5108);
	ck_assert_ptr_null(got->number);
	ck_assert_uint_eq(got->n_skill_groups, 0);

	/* sealed: read-only */
	s.agent = 5109;
	ck_assert_int_eq(sgg_sessions_add(snap, &s, &err), SGG_ESTATE);
	ck_assert_int_eq(err.code, SGG_ESTATE);
	ck_assert_int_eq(sgg_sessions_add_peripheral(snap, 5001, &err), SGG_ESTATE);
	ck_assert_int_eq(sgg_sessions_seal(snap, &err), SGG_ESTATE);
	ck_assert_uint_eq(sgg_sessions_count(snap), 2);
	ck_assert_int_eq(sgg_sessions_covers(snap, 5001), 0);
	sgg_sessions_free(snap);
}
END_TEST

START_TEST(test_sessions_null_arguments)
{
	sgg_sessions *snap = (sgg_sessions *)(void *)&snap;
	sgg_sessions *open = NULL;
	sgg_error err;
	sgg_session s = {5107, NULL, SGG_STATE_READY, SGG_TIME_NONE, NULL, 1};

	ck_assert_int_eq(sgg_sessions_new(NULL, 0, &err), SGG_EINVAL);
	ck_assert_int_eq(err.code, SGG_EINVAL);
	/* a snapshot without a time is no evidence */
	ck_assert_int_eq(sgg_sessions_new(&snap, SGG_TIME_NONE, &err), SGG_EINVAL);
	ck_assert_ptr_null(snap);
	ck_assert_int_eq(sgg_sessions_new(&open, 0, NULL), 0);
	ck_assert_int_eq(sgg_sessions_add(open, NULL, &err), SGG_EINVAL);
	ck_assert_int_eq(sgg_sessions_add(open, &s, &err), SGG_EINVAL); /* n = 1, no array */
	ck_assert_int_eq(sgg_sessions_add(NULL, &s, &err), SGG_EINVAL);
	ck_assert_int_eq(sgg_sessions_add_peripheral(NULL, 5000, &err), SGG_EINVAL);
	ck_assert_int_eq(sgg_sessions_seal(NULL, &err), SGG_EINVAL);
	ck_assert_int_eq(sgg_sessions_seal(NULL, NULL), SGG_EINVAL);

	snap = (sgg_sessions *)(void *)&snap;
	ck_assert_int_eq(sgg_sessions_load_file(&snap, NULL, &err), SGG_EINVAL);
	ck_assert_ptr_null(snap);
	ck_assert_int_eq(sgg_sessions_load_file(NULL, "x.json", &err), SGG_EINVAL);
	ck_assert_int_eq(sgg_sessions_load_buffer(NULL, "{}", 2, NULL, &err), SGG_EINVAL);
	snap = (sgg_sessions *)(void *)&snap;
	ck_assert_int_eq(sgg_sessions_load_buffer(&snap, NULL, 2, NULL, &err), SGG_EINVAL);
	ck_assert_ptr_null(snap);

	ck_assert_uint_eq(sgg_sessions_count(NULL), 0);
	ck_assert_int_eq(sgg_sessions_taken_at(NULL), SGG_TIME_NONE);
	ck_assert_ptr_null(sgg_sessions_at(NULL, 0));
	ck_assert_ptr_null(sgg_sessions_by_agent(NULL, 5107));
	sgg_sessions_free(NULL);
	sgg_sessions_free(open);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("sessions");
	TCase *tc;

	tc = tcase_create("load");
	tcase_add_test(tc, test_sessions_load_example);
	tcase_add_test(tc, test_sessions_optional_fields);
	tcase_add_test(tc, test_sessions_unknown_fields_ignored);
	tcase_add_test(tc, test_sessions_empty_snapshot);
	tcase_add_test(tc, test_sessions_offset_taken_at);
	tcase_add_test(tc, test_sessions_duplicate_skill_groups_kept_once);
	suite_add_tcase(s, tc);

	tc = tcase_create("states");
	tcase_add_test(tc, test_sessions_every_state_name);
	tcase_add_test(tc, test_sessions_state_out_of_range);
	tcase_add_test(tc, test_sessions_unknown_state);
	suite_add_tcase(s, tc);

	tc = tcase_create("scope");
	tcase_add_test(tc, test_sessions_scope_covers);
	tcase_add_test(tc, test_sessions_scope_invalid);
	suite_add_tcase(s, tc);

	tc = tcase_create("errors");
	tcase_add_test(tc, test_sessions_duplicate_agent);
	tcase_add_test(tc, test_sessions_missing_fields);
	tcase_add_test(tc, test_sessions_invalid_values);
	tcase_add_test(tc, test_sessions_malformed_and_files);
	suite_add_tcase(s, tc);

	tc = tcase_create("builder");
	tcase_add_test(tc, test_sessions_builder);
	tcase_add_test(tc, test_sessions_null_arguments);
	suite_add_tcase(s, tc);

	return run_suite(s);
}
