/*
 * test_ref.c - target references: parsing each form, refusing malformed
 * ones, and resolving them against a configuration.
 * SPDX-License-Identifier: MIT
 */
#include "testutil.h"

#include <stdlib.h>

static sgg_ref parse_ok(const char *text)
{
	sgg_ref ref;
	sgg_error err;
	int rc = sgg_ref_parse(&ref, text, &err);

	ck_assert_msg(rc == 0, "\"%s\" refused: %s", text, err.text);
	return ref;
}

static void assert_malformed(const char *text)
{
	sgg_ref ref;
	sgg_error err;
	int rc = sgg_ref_parse(&ref, text, &err);

	ck_assert_msg(rc == SGG_ETARGET, "\"%s\" gave %d, expected SGG_ETARGET", text, rc);
	ck_assert_int_eq(err.code, SGG_ETARGET);
	ck_assert_msg(err.text[0] != '\0', "no message for \"%s\"", text);
}

START_TEST(test_ref_parse_id)
{
	sgg_ref ref = parse_ok("5019");

	ck_assert_int_eq(ref.kind, SGG_REF_ID);
	ck_assert_int_eq(ref.id, 5019);
	ref = parse_ok("1");
	ck_assert_int_eq(ref.kind, SGG_REF_ID);
	ck_assert_int_eq(ref.id, 1);
	ref = parse_ok("2147483647");
	ck_assert_int_eq(ref.id, INT64_C(2147483647));
}
END_TEST

START_TEST(test_ref_parse_number)
{
	sgg_ref ref = parse_ok("5000:40424");

	ck_assert_int_eq(ref.kind, SGG_REF_NUMBER);
	ck_assert_int_eq(ref.peripheral, 5000);
	ck_assert_int_eq(ref.number, 40424);
	ck_assert_int_eq(ref.priority, 0);
	/* number 0 is a valid peripheral number */
	ref = parse_ok("1:0");
	ck_assert_int_eq(ref.peripheral, 1);
	ck_assert_int_eq(ref.number, 0);
	ref = parse_ok("32767:1");
	ck_assert_int_eq(ref.peripheral, 32767);
}
END_TEST

START_TEST(test_ref_parse_number_priority)
{
	sgg_ref ref = parse_ok("5000:40424:1");

	ck_assert_int_eq(ref.kind, SGG_REF_NUMBER_PRIORITY);
	ck_assert_int_eq(ref.peripheral, 5000);
	ck_assert_int_eq(ref.number, 40424);
	ck_assert_int_eq(ref.priority, 1);
	ref = parse_ok("5000:40424:0");
	ck_assert_int_eq(ref.kind, SGG_REF_NUMBER_PRIORITY);
	ck_assert_int_eq(ref.priority, 0);
}
END_TEST

START_TEST(test_ref_parse_name)
{
	const char *text = "name:Literature";
	sgg_ref ref = parse_ok(text);

	ck_assert_int_eq(ref.kind, SGG_REF_NAME);
	ck_assert_str_eq(ref.name, "Literature");
	/* borrowed from the text, not copied */
	ck_assert_ptr_eq(ref.name, text + 5);
	/* a name may hold anything, colons and spaces included */
	ref = parse_ok("name:Sales: Tier 1");
	ck_assert_str_eq(ref.name, "Sales: Tier 1");
}
END_TEST

START_TEST(test_ref_parse_malformed)
{
	assert_malformed("abc");
	assert_malformed("5000:");
	assert_malformed(":1");
	assert_malformed("0");
	assert_malformed("5000:1:2:3");
	assert_malformed("99999:1"); /* peripheral beyond 32767 */
	assert_malformed("0:1");
	assert_malformed("name:");
	assert_malformed("");
	assert_malformed("-5");
	assert_malformed("5019 ");
	assert_malformed(" 5019");
	assert_malformed("50x9");
	assert_malformed("5000::1");
	assert_malformed("5000:40424:");
	assert_malformed("5000:-1");
	assert_malformed("99999999999");
	assert_malformed("Name:Literature");
	assert_malformed("name");
}
END_TEST

START_TEST(test_ref_parse_null)
{
	sgg_ref ref;
	sgg_error err;

	ck_assert_int_eq(sgg_ref_parse(NULL, "5019", &err), SGG_EINVAL);
	ck_assert_int_eq(err.code, SGG_EINVAL);
	ck_assert_int_eq(sgg_ref_parse(&ref, NULL, &err), SGG_EINVAL);
	ck_assert_int_eq(sgg_ref_parse(&ref, NULL, NULL), SGG_EINVAL);
	ck_assert_int_eq(sgg_ref_parse(&ref, "abc", NULL), SGG_ETARGET);
}
END_TEST

/* Resolve @p text in @p cfg and return the id found, or 0 for none. */
static int64_t resolve_id(const sgg_config *cfg, const char *text)
{
	sgg_ref ref = parse_ok(text);
	const sgg_skill_group *g = sgg_config_resolve(cfg, &ref);

	return g ? g->id : 0;
}

START_TEST(test_ref_resolve_each_form)
{
	sgg_config *cfg = load_config_or_fail(example_path("technote/config.json"));
	sgg_ref ref = parse_ok("5019");
	const sgg_skill_group *g = sgg_config_resolve(cfg, &ref);

	ck_assert_ptr_nonnull(g);
	ck_assert_str_eq(g->name, "Literature");
	ck_assert_ptr_eq(g, sgg_config_skill_group_by_id(cfg, 5019));
	ck_assert_int_eq(resolve_id(cfg, "5000:40424"), 5019);
	ck_assert_int_eq(resolve_id(cfg, "5000:40424:0"), 5019);
	ck_assert_int_eq(resolve_id(cfg, "5000:40424:1"), 5020);
	ck_assert_int_eq(resolve_id(cfg, "5000:40424:2"), 5021);
	ck_assert_int_eq(resolve_id(cfg, "name:Literature"), 5019);
	ck_assert_int_eq(resolve_id(cfg, "name:Literature.sec"), 5021);
	ck_assert_int_eq(resolve_id(cfg, "5001:41001"), 6011);
	sgg_config_free(cfg);
}
END_TEST

START_TEST(test_ref_resolve_no_match)
{
	sgg_config *cfg = load_config_or_fail(example_path("technote/config.json"));

	ck_assert_int_eq(resolve_id(cfg, "9999"), 0);
	ck_assert_int_eq(resolve_id(cfg, "5107"), 0); /* an agent, not a skill group */
	ck_assert_int_eq(resolve_id(cfg, "7001"), 0); /* a route */
	ck_assert_int_eq(resolve_id(cfg, "5000:40424:3"), 0);
	ck_assert_int_eq(resolve_id(cfg, "5001:40424"), 0);
	ck_assert_int_eq(resolve_id(cfg, "name:literature"), 0); /* names are exact */
	ck_assert_int_eq(resolve_id(cfg, "name:Nobody"), 0);
	ck_assert_ptr_null(sgg_config_resolve(NULL, NULL));
	ck_assert_ptr_null(sgg_config_resolve(cfg, NULL));
	sgg_config_free(cfg);
}
END_TEST

START_TEST(test_ref_resolve_deleted)
{
	sgg_config *cfg = load_config_or_fail(example_path("technote/config.json"));
	sgg_ref ref;
	const sgg_skill_group *g;

	/* a deleted row is found, so that the caller can say it is deleted */
	ref = parse_ok("5031");
	g = sgg_config_resolve(cfg, &ref);
	ck_assert_ptr_nonnull(g);
	ck_assert_int_ne(g->deleted, 0);
	ck_assert_int_eq(resolve_id(cfg, "5000:40500"), 5031);
	ck_assert_int_eq(resolve_id(cfg, "name:Archive"), 5031);
	sgg_config_free(cfg);
}
END_TEST

START_TEST(test_ref_resolve_prefers_live_row)
{
	/* a deleted row and a live one share a number and a name, in both orders */
	static const char *const docs[] = {
	    "{\"format\":\"sgguard-config/1\",\"agents\":[],\"skill_groups\":["
	    "{\"id\":1,\"peripheral\":5000,\"number\":7,\"priority\":0,\"name\":\"A\",\"deleted\":"
	    "true},"
	    "{\"id\":2,\"peripheral\":5000,\"number\":7,\"priority\":0,\"name\":\"A\"}]}",
	    "{\"format\":\"sgguard-config/1\",\"agents\":[],\"skill_groups\":["
	    "{\"id\":2,\"peripheral\":5000,\"number\":7,\"priority\":0,\"name\":\"A\"},"
	    "{\"id\":1,\"peripheral\":5000,\"number\":7,\"priority\":0,\"name\":\"A\",\"deleted\":"
	    "true}]}",
	};

	for (size_t i = 0; i < 2; i++) {
		sgg_config *cfg = config_from_string_or_fail(docs[i]);

		ck_assert_int_eq(resolve_id(cfg, "5000:7"), 2);
		ck_assert_int_eq(resolve_id(cfg, "name:A"), 2);
		ck_assert_int_eq(resolve_id(cfg, "1"), 1);
		sgg_config_free(cfg);
	}
}
END_TEST

int main(void)
{
	Suite *s = suite_create("ref");
	TCase *tc;

	tc = tcase_create("parse");
	tcase_add_test(tc, test_ref_parse_id);
	tcase_add_test(tc, test_ref_parse_number);
	tcase_add_test(tc, test_ref_parse_number_priority);
	tcase_add_test(tc, test_ref_parse_name);
	tcase_add_test(tc, test_ref_parse_malformed);
	tcase_add_test(tc, test_ref_parse_null);
	suite_add_tcase(s, tc);

	tc = tcase_create("resolve");
	tcase_add_test(tc, test_ref_resolve_each_form);
	tcase_add_test(tc, test_ref_resolve_no_match);
	tcase_add_test(tc, test_ref_resolve_deleted);
	tcase_add_test(tc, test_ref_resolve_prefers_live_row);
	suite_add_tcase(s, tc);

	return run_suite(s);
}
