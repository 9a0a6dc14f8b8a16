/*
 * test_config.c - the configuration: loading sgguard-config/1, the
 * accessors, the builder API, and every validation of the contract as an
 * input error with its code and JSON path.
 * SPDX-License-Identifier: MIT
 */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>

/* One refused document: its text (single quotes), the code and JSON path. */
struct bad_case {
	const char *json;
	int code;
	const char *path;
};

static void run_bad_cases(const struct bad_case *cases, size_t n, unsigned flags)
{
	for (size_t i = 0; i < n; i++) {
		sgg_error err;
		const char *doc = q(cases[i].json);

		config_error(doc, flags, &err);
		ck_assert_msg(err.code == cases[i].code && strcmp(err.path, cases[i].path) == 0,
		              "case %zu: got %d (%s) at \"%s\" [%s], expected %d at \"%s\"\n%s", i,
		              err.code, sgg_strerror(err.code), err.path, err.text, cases[i].code,
		              cases[i].path, doc);
	}
}

#define RUN_BAD(cases) run_bad_cases(cases, sizeof(cases) / sizeof(cases[0]), 0)

#define FMT "'format':'sgguard-config/1'"
#define LIT "{'id':100,'peripheral':5000,'number':40424,'priority':0,'name':'Lit'}"
#define LIT_PRI                                                                                    \
	"{'id':101,'peripheral':5000,'number':40424,'priority':1,'base':100,'name':'Lit.pri'}"
#define BILL "{'id':110,'peripheral':5000,'number':40425,'priority':0,'name':'Billing'}"
#define GONE "{'id':120,'peripheral':5000,'number':40500,'priority':0,'name':'Gone','deleted':true}"
#define ANA  "{'id':200,'peripheral':5000,'number':'1428','skill_groups':[100]}"

/* ---- loading the example ---- */

START_TEST(test_config_load_example)
{
	sgg_config *cfg = load_config_or_fail(example_path("technote/config.json"));
	const sgg_skill_group *g;
	const sgg_agent *a;
	const int64_t *ids;
	size_t n = 99;

	ck_assert_int_eq(sgg_config_exported_at(cfg), t("2026-12-01T01:55:00Z"));
	ck_assert_uint_eq(sgg_config_skill_group_count(cfg), 8); /* the deleted row too */
	ck_assert_uint_eq(sgg_config_agent_count(cfg), 7);

	g = sgg_config_skill_group_at(cfg, 0);
	ck_assert_ptr_nonnull(g);
	ck_assert_int_eq(g->id, 5019);
	ck_assert_int_eq(g->peripheral, 5000);
	ck_assert_int_eq(g->number, 40424);
	ck_assert_int_eq(g->priority, 0);
	ck_assert_int_eq(g->base, 0);
	ck_assert_str_eq(g->name, "Literature");
	ck_assert_int_eq(g->deleted, 0);

	g = sgg_config_skill_group_at(cfg, 1);
	ck_assert_int_eq(g->id, 5020);
	ck_assert_int_eq(g->priority, 1);
	ck_assert_int_eq(g->base, 5019);
	ck_assert_str_eq(g->name, "Literature.pri");

	g = sgg_config_skill_group_by_id(cfg, 5031);
	ck_assert_ptr_nonnull(g);
	ck_assert_int_ne(g->deleted, 0);
	ck_assert_str_eq(g->name, "Archive");
	ck_assert_ptr_eq(sgg_config_skill_group_at(cfg, 7),
	                 sgg_config_skill_group_by_id(cfg, 6011));

	a = sgg_config_agent_at(cfg, 0);
	ck_assert_ptr_nonnull(a);
	ck_assert_int_eq(a->id, 5107);
	ck_assert_int_eq(a->peripheral, 5000);
	ck_assert_str_eq(a->number, "1428");
	ck_assert_str_eq(a->name, "Ana Ruiz");
	ck_assert_str_eq(a->team, "Tier 1");
	ck_assert_ptr_eq(sgg_config_agent_by_id(cfg, 6102), sgg_config_agent_at(cfg, 6));

	ids = sgg_config_agent_skill_groups(cfg, 5108, &n);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(ids[0], 5019);
	ck_assert_int_eq(ids[1], 5022);
	sgg_config_free(cfg);
}
END_TEST

START_TEST(test_config_accessors_out_of_range)
{
	sgg_config *cfg = load_config_or_fail(example_path("technote/config.json"));
	size_t n = 99;

	ck_assert_ptr_null(sgg_config_skill_group_at(cfg, 8));
	ck_assert_ptr_null(sgg_config_agent_at(cfg, 7));
	ck_assert_ptr_null(sgg_config_skill_group_by_id(cfg, 9999));
	/* one id space, but each accessor answers for its own kind */
	ck_assert_ptr_null(sgg_config_skill_group_by_id(cfg, 5107));
	ck_assert_ptr_null(sgg_config_agent_by_id(cfg, 5019));
	ck_assert_ptr_null(sgg_config_agent_skill_groups(cfg, 9999, &n));
	ck_assert_uint_eq(n, 0);
	ck_assert_ptr_null(sgg_config_agent_skill_groups(cfg, 5019, &n));
	ck_assert_uint_eq(n, 0);

	/* NULL configurations answer "nothing" rather than crash */
	ck_assert_uint_eq(sgg_config_skill_group_count(NULL), 0);
	ck_assert_uint_eq(sgg_config_agent_count(NULL), 0);
	ck_assert_ptr_null(sgg_config_skill_group_at(NULL, 0));
	ck_assert_ptr_null(sgg_config_agent_at(NULL, 0));
	ck_assert_ptr_null(sgg_config_skill_group_by_id(NULL, 5019));
	ck_assert_ptr_null(sgg_config_agent_by_id(NULL, 5107));
	ck_assert_ptr_null(sgg_config_agent_skill_groups(NULL, 5107, &n));
	ck_assert_int_eq(sgg_config_exported_at(NULL), SGG_TIME_NONE);
	sgg_config_free(cfg);
}
END_TEST

START_TEST(test_config_optional_fields)
{
	sgg_config *cfg = config_from_string_or_fail(q("{" FMT ",'skill_groups':[" LIT "],"
	                                               "'agents':[" ANA "]}"));
	const sgg_agent *a = sgg_config_agent_by_id(cfg, 200);

	ck_assert_int_eq(sgg_config_exported_at(cfg), SGG_TIME_NONE);
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_null(a->name);
	ck_assert_ptr_null(a->team);
	ck_assert_int_eq(sgg_config_skill_group_by_id(cfg, 100)->deleted, 0);
	sgg_config_free(cfg);

	/* null reads as absent for an optional field */
	cfg = config_from_string_or_fail(
	    q("{" FMT ",'exported_at':null,'routes':null,'skill_groups':[],'agents':["
	      "{'id':200,'peripheral':5000,'number':'1428','name':null,'skill_groups':[]}]}"));
	ck_assert_ptr_null(sgg_config_agent_by_id(cfg, 200)->name);
	sgg_config_free(cfg);
}
END_TEST

START_TEST(test_config_empty_memberships)
{
	sgg_config *cfg = config_from_string_or_fail(
	    q("{" FMT ",'skill_groups':[],'agents':["
	      "{'id':200,'peripheral':5000,'number':'1428','skill_groups':[]}]}"));
	size_t n = 99;

	/* a known agent without memberships: an empty list, not "unknown" (NULL) */
	ck_assert_ptr_nonnull(sgg_config_agent_skill_groups(cfg, 200, &n));
	ck_assert_uint_eq(n, 0);
	ck_assert_uint_eq(sgg_config_skill_group_count(cfg), 0);
	sgg_config_free(cfg);
}
END_TEST

START_TEST(test_config_unknown_fields_ignored)
{
	sgg_config *cfg = config_from_string_or_fail(
	    q("{" FMT ",'vendor':{'x':[1,2]},'comment':'exports grow',"
	      "'peripherals':[{'id':5000,'name':'PG1A','site':'Lyon'}],"
	      "'skill_groups':[{'id':100,'peripheral':5000,'number':40424,'priority':0,"
	      "'name':'Lit','media':'voice','extra':null}],"
	      "'agents':[{'id':200,'peripheral':5000,'number':'1428','skill_groups':[100],"
	      "'supervisor':true}],"
	      "'routes':[{'id':7001,'target':100,'dialed_number':'5551234'}]}"));

	ck_assert_uint_eq(sgg_config_skill_group_count(cfg), 1);
	ck_assert_uint_eq(sgg_config_agent_count(cfg), 1);
	sgg_config_free(cfg);
}
END_TEST

START_TEST(test_config_load_source_names)
{
	sgg_config *cfg = (sgg_config *)(void *)&cfg;
	sgg_error err;
	const char *doc = "[]";

	ck_assert_int_lt(sgg_config_load_buffer(&cfg, doc, strlen(doc), NULL, 0, &err), 0);
	ck_assert_ptr_null(cfg);
	ck_assert_str_eq(err.source, "<buffer>");
	ck_assert_int_lt(sgg_config_load_buffer(&cfg, doc, strlen(doc), "mine.json", 0, &err), 0);
	ck_assert_str_eq(err.source, "mine.json");
}
END_TEST

START_TEST(test_config_load_buffer_needs_no_nul)
{
	/* the valid document is followed by bytes that must not be read */
	char doc[256];
	const char *text = q("{" FMT ",'skill_groups':[],'agents':[]}");
	size_t len = strlen(text);
	sgg_config *cfg = NULL;
	sgg_error err;

	memcpy(doc, text, len);
	memcpy(doc + len, "garbage", 8);
	ck_assert_int_eq(sgg_config_load_buffer(&cfg, doc, len, "test", 0, &err), 0);
	sgg_config_free(cfg);
}
END_TEST

/* ---- sub-skill groups ---- */

START_TEST(test_config_subgroups_priority_order)
{
	/* written out of order, one of them deleted */
	sgg_config *cfg = config_from_string_or_fail(
	    q("{" FMT ",'agents':[],'skill_groups':["
	      "{'id':103,'peripheral':5000,'number':40424,'priority':3,'base':100,'name':'Lit.3'},"
	      "{'id':102,'peripheral':5000,'number':40424,'priority':2,'base':100,'name':'Lit.2',"
	      "'deleted':true}," LIT ","
	      "{'id':101,'peripheral':5000,'number':40424,'priority':1,'base':100,'name':'Lit.1'}"
	      "," BILL "]}"));
	const sgg_skill_group *const *subs;
	size_t n = 99;

	subs = sgg_config_subgroups(cfg, 100, &n);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(subs[0]->id, 101);
	ck_assert_int_eq(subs[1]->id, 103);
	ck_assert_ptr_null(sgg_config_subgroups(cfg, 110, &n));
	ck_assert_uint_eq(n, 0);
	n = 99;
	ck_assert_ptr_null(sgg_config_subgroups(cfg, 101, &n));
	ck_assert_uint_eq(n, 0);
	n = 99;
	ck_assert_ptr_null(sgg_config_subgroups(cfg, 9999, &n));
	ck_assert_uint_eq(n, 0);
	ck_assert_ptr_null(sgg_config_subgroups(NULL, 100, &n));
	ck_assert_ptr_null(sgg_config_subgroups(cfg, 100, NULL));
	sgg_config_free(cfg);
}
END_TEST

START_TEST(test_config_subgroups_example)
{
	sgg_config *cfg = load_config_or_fail(example_path("technote/config.json"));
	size_t n = 0;
	const sgg_skill_group *const *subs = sgg_config_subgroups(cfg, 5019, &n);

	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(subs[0]->name, "Literature.pri");
	ck_assert_str_eq(subs[1]->name, "Literature.sec");
	sgg_config_free(cfg);
}
END_TEST

/* ---- the builder ---- */

static sgg_config *build_small(void)
{
	sgg_config *cfg = NULL;
	sgg_error err;
	sgg_skill_group lit = {100, 5000, 40424, 0, 0, "Lit", 0};
	sgg_skill_group pri = {101, 5000, 40424, 1, 100, "Lit.pri", 0};
	sgg_skill_group gone = {120, 5000, 40500, 0, 0, "Gone", 1};
	sgg_agent ana = {200, 5000, "1428", "Ana Ruiz", "Tier 1"};
	int64_t groups[] = {100, 101};

	ck_assert_int_eq(sgg_config_new(&cfg, &err), 0);
	ck_assert_ptr_nonnull(cfg);
	ck_assert_int_eq(sgg_config_set_exported_at(cfg, t("2026-12-01T01:55:00Z"), &err), 0);
	ck_assert_int_eq(sgg_config_add_peripheral(cfg, 5000, "PG1A", &err), 0);
	/* a sub-skill group may come before its base: bases are checked at seal */
	ck_assert_int_eq(sgg_config_add_skill_group(cfg, &pri, &err), 0);
	ck_assert_int_eq(sgg_config_add_skill_group(cfg, &lit, &err), 0);
	ck_assert_int_eq(sgg_config_add_skill_group(cfg, &gone, &err), 0);
	ck_assert_int_eq(sgg_config_add_agent(cfg, &ana, groups, 2, &err), 0);
	/* the builder copies what it is given */
	groups[0] = 9999;
	ck_assert_int_eq(sgg_config_add_route(cfg, 7001, "Lit_Route", 100, &err), 0);
	ck_assert_int_eq(sgg_config_add_route(cfg, 7002, NULL, 101, &err), 0);
	ck_assert_int_eq(sgg_config_seal(cfg, 0, &err), 0);
	return cfg;
}

START_TEST(test_config_builder_without_json)
{
	sgg_config *cfg = build_small();
	const sgg_skill_group *g;
	const sgg_agent *a;
	const int64_t *ids;
	size_t n = 0;
	sgg_ref ref;

	ck_assert_int_eq(sgg_config_exported_at(cfg), t("2026-12-01T01:55:00Z"));
	ck_assert_uint_eq(sgg_config_skill_group_count(cfg), 3);
	ck_assert_int_eq(sgg_config_skill_group_at(cfg, 0)->id, 101);
	g = sgg_config_skill_group_by_id(cfg, 100);
	ck_assert_str_eq(g->name, "Lit");
	ck_assert_int_ne(sgg_config_skill_group_by_id(cfg, 120)->deleted, 0);
	a = sgg_config_agent_by_id(cfg, 200);
	ck_assert_str_eq(a->number, "1428");
	ck_assert_str_eq(a->name, "Ana Ruiz");
	ck_assert_str_eq(a->team, "Tier 1");
	ids = sgg_config_agent_skill_groups(cfg, 200, &n);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(ids[0], 100);
	ck_assert_int_eq(ids[1], 101);
	ck_assert_ptr_eq(sgg_config_subgroups(cfg, 100, &n)[0],
	                 sgg_config_skill_group_by_id(cfg, 101));
	ck_assert_int_eq(sgg_ref_parse(&ref, "name:Lit.pri", NULL), 0);
	ck_assert_ptr_eq(sgg_config_resolve(cfg, &ref), sgg_config_skill_group_by_id(cfg, 101));
	sgg_config_free(cfg);
}
END_TEST

START_TEST(test_config_builder_copies_strings)
{
	sgg_config *cfg = NULL;
	char name[16] = "Lit", number[8] = "1428";
	sgg_skill_group lit = {100, 5000, 40424, 0, 0, name, 0};
	sgg_agent ana = {200, 5000, number, NULL, NULL};
	int64_t groups[] = {100};

	ck_assert_int_eq(sgg_config_new(&cfg, NULL), 0);
	ck_assert_int_eq(sgg_config_add_skill_group(cfg, &lit, NULL), 0);
	ck_assert_int_eq(sgg_config_add_agent(cfg, &ana, groups, 1, NULL), 0);
	strcpy(name, "XXX");
	strcpy(number, "9");
	ck_assert_int_eq(sgg_config_seal(cfg, 0, NULL), 0);
	ck_assert_str_eq(sgg_config_skill_group_by_id(cfg, 100)->name, "Lit");
	ck_assert_str_eq(sgg_config_agent_by_id(cfg, 200)->number, "1428");
	sgg_config_free(cfg);
}
END_TEST

START_TEST(test_config_builder_refusals)
{
	sgg_config *cfg = NULL;
	sgg_error err;
	sgg_skill_group lit = {100, 5000, 40424, 0, 0, "Lit", 0};
	sgg_skill_group g;
	sgg_agent a = {200, 5000, "1428", NULL, NULL};

	ck_assert_int_eq(sgg_config_new(&cfg, &err), 0);
	ck_assert_int_eq(sgg_config_add_skill_group(cfg, &lit, &err), 0);

	g = lit;
	g.id = 0;
	ck_assert_int_eq(sgg_config_add_skill_group(cfg, &g, &err), SGG_ESHAPE);
	g = lit;
	g.id = 101;
	g.name = NULL;
	ck_assert_int_eq(sgg_config_add_skill_group(cfg, &g, &err), SGG_ESHAPE);
	g.name = "";
	ck_assert_int_eq(sgg_config_add_skill_group(cfg, &g, &err), SGG_ESHAPE);
	g = lit;
	g.id = 101;
	g.priority = 1; /* no base */
	g.name = "Lit.pri";
	ck_assert_int_eq(sgg_config_add_skill_group(cfg, &g, &err), SGG_ESHAPE);
	g = lit;
	g.id = 101;
	g.peripheral = 0;
	ck_assert_int_eq(sgg_config_add_skill_group(cfg, &g, &err), SGG_ESHAPE);
	g = lit;
	g.name = "Other";
	g.number = 1;
	ck_assert_int_eq(sgg_config_add_skill_group(cfg, &g, &err), SGG_EDUP); /* id 100 again */

	a.number = NULL;
	ck_assert_int_eq(sgg_config_add_agent(cfg, &a, NULL, 0, &err), SGG_ESHAPE);
	a.number = "1428";
	a.id = 100;
	ck_assert_int_eq(sgg_config_add_agent(cfg, &a, NULL, 0, &err), SGG_EDUP);
	ck_assert_int_eq(sgg_config_add_peripheral(cfg, 0, NULL, &err), SGG_ESHAPE);
	ck_assert_int_eq(sgg_config_add_peripheral(cfg, 5000, NULL, &err), 0);
	ck_assert_int_eq(sgg_config_add_peripheral(cfg, 5000, NULL, &err), SGG_EDUP);
	ck_assert_int_eq(sgg_config_add_route(cfg, 7001, NULL, 100, &err), 0);
	ck_assert_int_eq(sgg_config_add_route(cfg, 7001, NULL, 100, &err), SGG_EDUP);
	ck_assert_int_eq(sgg_config_add_route(cfg, 7002, NULL, 0, &err), SGG_ESHAPE);

	/* a refused call changed nothing: the configuration still seals */
	ck_assert_int_eq(sgg_config_seal(cfg, 0, &err), 0);
	ck_assert_uint_eq(sgg_config_skill_group_count(cfg), 1);
	ck_assert_uint_eq(sgg_config_agent_count(cfg), 0);
	sgg_config_free(cfg);
}
END_TEST

START_TEST(test_config_builder_after_seal)
{
	sgg_config *cfg = build_small();
	sgg_error err;
	sgg_skill_group g = {130, 5000, 1, 0, 0, "New", 0};
	sgg_agent a = {210, 5000, "9", NULL, NULL};

	ck_assert_int_eq(sgg_config_add_skill_group(cfg, &g, &err), SGG_ESTATE);
	ck_assert_int_eq(err.code, SGG_ESTATE);
	ck_assert_int_eq(sgg_config_add_agent(cfg, &a, NULL, 0, &err), SGG_ESTATE);
	ck_assert_int_eq(sgg_config_add_route(cfg, 7009, NULL, 100, &err), SGG_ESTATE);
	ck_assert_int_eq(sgg_config_add_peripheral(cfg, 5001, NULL, &err), SGG_ESTATE);
	ck_assert_int_eq(sgg_config_set_exported_at(cfg, 0, &err), SGG_ESTATE);
	ck_assert_int_eq(sgg_config_seal(cfg, 0, &err), SGG_ESTATE);
	/* nothing changed */
	ck_assert_uint_eq(sgg_config_skill_group_count(cfg), 3);
	ck_assert_uint_eq(sgg_config_agent_count(cfg), 1);
	ck_assert_int_eq(sgg_config_exported_at(cfg), t("2026-12-01T01:55:00Z"));
	sgg_config_free(cfg);
}
END_TEST

START_TEST(test_config_builder_seal_checks_references)
{
	sgg_config *cfg = NULL;
	sgg_error err;
	sgg_skill_group pri = {101, 5000, 40424, 1, 100, "Lit.pri", 0};

	ck_assert_int_eq(sgg_config_new(&cfg, &err), 0);
	ck_assert_int_eq(sgg_config_add_skill_group(cfg, &pri, &err), 0);
	ck_assert_int_eq(sgg_config_seal(cfg, 0, &err), SGG_EREF);
	ck_assert_str_eq(err.path, "skill_groups[0].base");
	sgg_config_free(cfg);
}
END_TEST

START_TEST(test_config_null_arguments)
{
	sgg_config *cfg = build_small();
	sgg_config *open = NULL;
	sgg_config *out = (sgg_config *)(void *)&out;
	sgg_error err;
	sgg_agent a = {210, 5000, "9", NULL, NULL};

	ck_assert_int_eq(sgg_config_new(NULL, &err), SGG_EINVAL);
	ck_assert_int_eq(err.code, SGG_EINVAL);
	ck_assert_int_eq(sgg_config_new(&open, &err), 0);
	ck_assert_int_eq(sgg_config_add_skill_group(NULL, &(sgg_skill_group){0}, &err), SGG_EINVAL);
	ck_assert_int_eq(sgg_config_add_skill_group(open, NULL, &err), SGG_EINVAL);
	ck_assert_int_eq(sgg_config_add_agent(NULL, &a, NULL, 0, &err), SGG_EINVAL);
	ck_assert_int_eq(sgg_config_add_agent(open, NULL, NULL, 0, &err), SGG_EINVAL);
	ck_assert_int_eq(sgg_config_add_agent(open, &a, NULL, 2, &err), SGG_EINVAL);
	ck_assert_int_eq(sgg_config_add_route(NULL, 7001, NULL, 100, &err), SGG_EINVAL);
	ck_assert_int_eq(sgg_config_add_peripheral(NULL, 5000, NULL, &err), SGG_EINVAL);
	ck_assert_int_eq(sgg_config_set_exported_at(NULL, 0, &err), SGG_EINVAL);
	ck_assert_int_eq(sgg_config_seal(NULL, 0, &err), SGG_EINVAL);
	/* the error description is optional */
	ck_assert_int_eq(sgg_config_seal(NULL, 0, NULL), SGG_EINVAL);

	ck_assert_int_eq(sgg_config_load_file(NULL, "x.json", 0, &err), SGG_EINVAL);
	ck_assert_int_eq(sgg_config_load_file(&out, NULL, 0, &err), SGG_EINVAL);
	ck_assert_ptr_null(out);
	ck_assert_int_eq(sgg_config_load_buffer(NULL, "{}", 2, NULL, 0, &err), SGG_EINVAL);
	out = (sgg_config *)(void *)&out;
	ck_assert_int_eq(sgg_config_load_buffer(&out, NULL, 2, NULL, 0, &err), SGG_EINVAL);
	ck_assert_ptr_null(out);

	sgg_config_free(NULL);
	sgg_config_free(open);
	sgg_config_free(cfg);
}
END_TEST

/* ---- validation: the document ---- */

START_TEST(test_config_invalid_document)
{
	static const struct bad_case cases[] = {
	    {"[]", SGG_ESHAPE, ""},
	    {"[{'format':'sgguard-config/1','skill_groups':[],'agents':[]}]", SGG_ESHAPE, ""},
	    {"{'skill_groups':[],'agents':[]}", SGG_ESHAPE, "format"},
	    {"{'format':null,'skill_groups':[],'agents':[]}", SGG_ESHAPE, "format"},
	    {"{'format':1,'skill_groups':[],'agents':[]}", SGG_ESHAPE, "format"},
	    {"{'format':'sgguard-sessions/1','skill_groups':[],'agents':[]}", SGG_EFORMAT,
	     "format"},
	    {"{'format':'sgguard-config/2','skill_groups':[],'agents':[]}", SGG_EFORMAT, "format"},
	    {"{'format':'','skill_groups':[],'agents':[]}", SGG_EFORMAT, "format"},
	    {"{" FMT ",'agents':[]}", SGG_ESHAPE, "skill_groups"},
	    {"{" FMT ",'skill_groups':[]}", SGG_ESHAPE, "agents"},
	    {"{" FMT ",'skill_groups':{},'agents':[]}", SGG_ESHAPE, "skill_groups"},
	    {"{" FMT ",'skill_groups':[],'agents':'none'}", SGG_ESHAPE, "agents"},
	    {"{" FMT ",'skill_groups':[],'agents':[],'routes':{}}", SGG_ESHAPE, "routes"},
	    {"{" FMT ",'skill_groups':[],'agents':[],'peripherals':5000}", SGG_ESHAPE,
	     "peripherals"},
	    {"{" FMT ",'exported_at':'yesterday','skill_groups':[],'agents':[]}", SGG_ESYNTAX,
	     "exported_at"},
	    {"{" FMT ",'exported_at':'2026-12-01T01:55:00','skill_groups':[],'agents':[]}",
	     SGG_ESYNTAX, "exported_at"},
	    {"{" FMT ",'exported_at':20261201,'skill_groups':[],'agents':[]}", SGG_ESHAPE,
	     "exported_at"},
	};

	RUN_BAD(cases);
}
END_TEST

START_TEST(test_config_invalid_not_object_message)
{
	static const char *const scalars[] = {"\"sgguard-config/1\"", "42", "null", "true"};
	sgg_error err;
	char line[512];

	/* a lone value is refused, whether as syntax (JSON text must be a
	 * container for some parsers) or as shape */
	for (size_t i = 0; i < sizeof(scalars) / sizeof(scalars[0]); i++) {
		config_error(scalars[i], 0, &err);
		ck_assert_msg(err.code == SGG_ESYNTAX || err.code == SGG_ESHAPE, "%s gave %d",
		              scalars[i], err.code);
	}

	config_error("[1, 2]", 0, &err);
	sgg_error_format(&err, line, sizeof(line));
	ck_assert_msg(strstr(err.text, "object") != NULL, "message: %s", line);
}
END_TEST

START_TEST(test_config_malformed_json_position)
{
	sgg_config *cfg = (sgg_config *)(void *)&cfg;
	sgg_error err;
	char line[1024];
	const char *path = data_path("unit/config-malformed.json");
	int rc = sgg_config_load_file(&cfg, path, 0, &err);

	ck_assert_int_eq(rc, SGG_ESYNTAX);
	ck_assert_ptr_null(cfg);
	ck_assert_str_eq(err.source, path);
	/* line 4 is '  "agents": [,]': the comma is column 14 */
	ck_assert_int_eq(err.line, 4);
	ck_assert_int_eq(err.column, 14);
	sgg_error_format(&err, line, sizeof(line));
	ck_assert_msg(strncmp(line, path, strlen(path)) == 0 &&
	                  strncmp(line + strlen(path), ":4:14: ", 7) == 0,
	              "one-line error: %s", line);
}
END_TEST

START_TEST(test_config_malformed_json_buffer)
{
	sgg_error err;

	config_error("{\"format\": \"sgguard-config/1\",\n\"agents\": [}", 0, &err);
	ck_assert_int_eq(err.code, SGG_ESYNTAX);
	ck_assert_int_eq(err.line, 2);
	ck_assert_int_gt(err.column, 0);
	config_error("{\"format\": \"sgguard-config/1\"", 0, &err);
	ck_assert_int_eq(err.code, SGG_ESYNTAX);
	ck_assert_int_eq(err.line, 1);
	/* a duplicated key is ambiguous: refused rather than guessed, at its place */
	config_error(q("{" FMT ",\n'skill_groups':[],\n'agents':[],\n'agents':[]}"), 0, &err);
	ck_assert_int_eq(err.line, 4);
	ck_assert_int_gt(err.column, 0);
}
END_TEST

START_TEST(test_config_empty_input)
{
	sgg_config *cfg = (sgg_config *)(void *)&cfg;
	sgg_error err;
	const char *path = data_path("unit/empty.json");

	ck_assert_int_eq(sgg_config_load_file(&cfg, path, 0, &err), SGG_ESYNTAX);
	ck_assert_ptr_null(cfg);
	ck_assert_str_eq(err.source, path);
	path = data_path("unit/blank.json");
	ck_assert_int_eq(sgg_config_load_file(&cfg, path, 0, &err), SGG_ESYNTAX);
	ck_assert_str_eq(err.source, path);
	config_error("", 0, &err);
	ck_assert_int_eq(err.code, SGG_ESYNTAX);
	ck_assert_int_eq(sgg_config_load_buffer(&cfg, NULL, 0, "test", 0, &err), SGG_ESYNTAX);
	ck_assert_ptr_null(cfg);
}
END_TEST

START_TEST(test_config_unreadable_files)
{
	sgg_config *cfg = (sgg_config *)(void *)&cfg;
	sgg_error err;
	char path[4096];

	snprintf(path, sizeof(path), "%s", data_path("unit"));
	ck_assert_int_eq(sgg_config_load_file(&cfg, path, 0, &err), SGG_EIO);
	ck_assert_ptr_null(cfg);
	ck_assert_str_eq(err.source, path);
	ck_assert_int_eq(err.code, SGG_EIO);

	snprintf(path, sizeof(path), "%s", data_path("unit/no-such-file.json"));
	cfg = (sgg_config *)(void *)&cfg;
	ck_assert_int_eq(sgg_config_load_file(&cfg, path, 0, &err), SGG_EIO);
	ck_assert_ptr_null(cfg);
	ck_assert_str_eq(err.source, path);
	ck_assert_msg(err.text[0] != '\0', "no message");
}
END_TEST

/* ---- validation: required fields ---- */

START_TEST(test_config_invalid_missing_fields)
{
	static const struct bad_case cases[] = {
	    {"{" FMT ",'agents':[],'skill_groups':[{'peripheral':5000,'number':1,'priority':0,"
	     "'name':'A'}]}",
	     SGG_ESHAPE, "skill_groups[0].id"},
	    {"{" FMT ",'agents':[],'skill_groups':[" LIT ",{'id':1,'number':1,'priority':0,"
	     "'name':'A'}]}",
	     SGG_ESHAPE, "skill_groups[1].peripheral"},
	    {"{" FMT ",'agents':[],'skill_groups':[{'id':1,'peripheral':5000,'priority':0,"
	     "'name':'A'}]}",
	     SGG_ESHAPE, "skill_groups[0].number"},
	    {"{" FMT ",'agents':[],'skill_groups':[{'id':1,'peripheral':5000,'number':1,"
	     "'name':'A'}]}",
	     SGG_ESHAPE, "skill_groups[0].priority"},
	    {"{" FMT ",'agents':[],'skill_groups':[{'id':1,'peripheral':5000,'number':1,"
	     "'priority':0}]}",
	     SGG_ESHAPE, "skill_groups[0].name"},
	    {"{" FMT ",'agents':[],'skill_groups':[{'id':1,'peripheral':5000,'number':1,"
	     "'priority':0,'name':''}]}",
	     SGG_ESHAPE, "skill_groups[0].name"},
	    /* base is required when priority > 0 */
	    {"{" FMT ",'agents':[],'skill_groups':[" LIT ",{'id':101,'peripheral':5000,"
	     "'number':40424,'priority':1,'name':'Lit.pri'}]}",
	     SGG_ESHAPE, "skill_groups[1].base"},
	    {"{" FMT ",'skill_groups':[" LIT "],'agents':[{'peripheral':5000,'number':'1',"
	     "'skill_groups':[]}]}",
	     SGG_ESHAPE, "agents[0].id"},
	    {"{" FMT ",'skill_groups':[" LIT "],'agents':[" ANA ",{'id':201,'number':'1',"
	     "'skill_groups':[]}]}",
	     SGG_ESHAPE, "agents[1].peripheral"},
	    {"{" FMT ",'skill_groups':[" LIT "],'agents':[{'id':201,'peripheral':5000,"
	     "'skill_groups':[]}]}",
	     SGG_ESHAPE, "agents[0].number"},
	    {"{" FMT ",'skill_groups':[" LIT "],'agents':[{'id':201,'peripheral':5000,"
	     "'number':'','skill_groups':[]}]}",
	     SGG_ESHAPE, "agents[0].number"},
	    {"{" FMT ",'skill_groups':[" LIT "],'agents':[{'id':201,'peripheral':5000,"
	     "'number':'1'}]}",
	     SGG_ESHAPE, "agents[0].skill_groups"},
	    {"{" FMT ",'skill_groups':[" LIT "],'agents':[],'routes':[{'name':'R','target':100}]}",
	     SGG_ESHAPE, "routes[0].id"},
	    {"{" FMT ",'skill_groups':[" LIT "],'agents':[],'routes':[{'id':7001}]}", SGG_ESHAPE,
	     "routes[0].target"},
	    {"{" FMT ",'skill_groups':[],'agents':[],'peripherals':[{'name':'PG'}]}", SGG_ESHAPE,
	     "peripherals[0].id"},
	};

	RUN_BAD(cases);
}
END_TEST

/* ---- validation: types and ranges ---- */

START_TEST(test_config_invalid_types)
{
	static const struct bad_case cases[] = {
	    {"{" FMT ",'agents':[],'skill_groups':[5019]}", SGG_ESHAPE, "skill_groups[0]"},
	    {"{" FMT ",'skill_groups':[],'agents':[" ANA "]}", SGG_EREF,
	     "agents[0].skill_groups[0]"},
	    {"{" FMT ",'skill_groups':[" LIT "],'agents':[[200]]}", SGG_ESHAPE, "agents[0]"},
	    {"{" FMT ",'skill_groups':[" LIT "],'agents':[],'routes':['x']}", SGG_ESHAPE,
	     "routes[0]"},
	    {"{" FMT ",'agents':[],'skill_groups':[{'id':'100','peripheral':5000,'number':1,"
	     "'priority':0,'name':'A'}]}",
	     SGG_ESHAPE, "skill_groups[0].id"},
	    {"{" FMT ",'agents':[],'skill_groups':[{'id':100.5,'peripheral':5000,'number':1,"
	     "'priority':0,'name':'A'}]}",
	     SGG_ESHAPE, "skill_groups[0].id"},
	    {"{" FMT ",'agents':[],'skill_groups':[{'id':100,'peripheral':'5000','number':1,"
	     "'priority':0,'name':'A'}]}",
	     SGG_ESHAPE, "skill_groups[0].peripheral"},
	    {"{" FMT ",'agents':[],'skill_groups':[{'id':100,'peripheral':5000,'number':'40424',"
	     "'priority':0,'name':'A'}]}",
	     SGG_ESHAPE, "skill_groups[0].number"},
	    {"{" FMT ",'agents':[],'skill_groups':[{'id':100,'peripheral':5000,'number':1,"
	     "'priority':true,'name':'A'}]}",
	     SGG_ESHAPE, "skill_groups[0].priority"},
	    {"{" FMT ",'agents':[],'skill_groups':[{'id':100,'peripheral':5000,'number':1,"
	     "'priority':0,'name':42}]}",
	     SGG_ESHAPE, "skill_groups[0].name"},
	    {"{" FMT ",'agents':[],'skill_groups':[{'id':100,'peripheral':5000,'number':1,"
	     "'priority':0,'name':'A','deleted':'yes'}]}",
	     SGG_ESHAPE, "skill_groups[0].deleted"},
	    {"{" FMT ",'agents':[],'skill_groups':[{'id':100,'peripheral':5000,'number':1,"
	     "'priority':0,'name':'A','deleted':1}]}",
	     SGG_ESHAPE, "skill_groups[0].deleted"},
	    {"{" FMT ",'agents':[],'skill_groups':[" LIT ",{'id':101,'peripheral':5000,"
	     "'number':40424,'priority':1,'base':'100','name':'P'}]}",
	     SGG_ESHAPE, "skill_groups[1].base"},
	    {"{" FMT ",'skill_groups':[" LIT "],'agents':[{'id':200,'peripheral':5000,"
	     "'number':1428,'skill_groups':[100]}]}",
	     SGG_ESHAPE, "agents[0].number"},
	    {"{" FMT ",'skill_groups':[" LIT "],'agents':[{'id':200,'peripheral':5000,"
	     "'number':'1428','name':7,'skill_groups':[100]}]}",
	     SGG_ESHAPE, "agents[0].name"},
	    {"{" FMT ",'skill_groups':[" LIT "],'agents':[{'id':200,'peripheral':5000,"
	     "'number':'1428','team':[],'skill_groups':[100]}]}",
	     SGG_ESHAPE, "agents[0].team"},
	    {"{" FMT ",'skill_groups':[" LIT "],'agents':[{'id':200,'peripheral':5000,"
	     "'number':'1428','skill_groups':100}]}",
	     SGG_ESHAPE, "agents[0].skill_groups"},
	    {"{" FMT ",'skill_groups':[" LIT "],'agents':[{'id':200,'peripheral':5000,"
	     "'number':'1428','skill_groups':[100,'101']}]}",
	     SGG_ESHAPE, "agents[0].skill_groups[1]"},
	    {"{" FMT ",'skill_groups':[" LIT "],'agents':[{'id':200,'peripheral':5000,"
	     "'number':'1428','skill_groups':[null]}]}",
	     SGG_ESHAPE, "agents[0].skill_groups[0]"},
	    {"{" FMT ",'skill_groups':[" LIT "],'agents':[],'routes':[{'id':7001,'target':'100'}]}",
	     SGG_ESHAPE, "routes[0].target"},
	    {"{" FMT ",'skill_groups':[" LIT "],'agents':[],'routes':[{'id':7001,'name':1,"
	     "'target':100}]}",
	     SGG_ESHAPE, "routes[0].name"},
	};

	RUN_BAD(cases);
}
END_TEST

START_TEST(test_config_invalid_ranges)
{
	static const struct bad_case cases[] = {
	    {"{" FMT ",'agents':[],'skill_groups':[{'id':0,'peripheral':5000,'number':1,"
	     "'priority':0,'name':'A'}]}",
	     SGG_ESHAPE, "skill_groups[0].id"},
	    {"{" FMT ",'agents':[],'skill_groups':[{'id':-4,'peripheral':5000,'number':1,"
	     "'priority':0,'name':'A'}]}",
	     SGG_ESHAPE, "skill_groups[0].id"},
	    {"{" FMT ",'agents':[],'skill_groups':[{'id':100,'peripheral':0,'number':1,"
	     "'priority':0,'name':'A'}]}",
	     SGG_ESHAPE, "skill_groups[0].peripheral"},
	    {"{" FMT ",'agents':[],'skill_groups':[{'id':100,'peripheral':32768,'number':1,"
	     "'priority':0,'name':'A'}]}",
	     SGG_ESHAPE, "skill_groups[0].peripheral"},
	    {"{" FMT ",'agents':[],'skill_groups':[{'id':100,'peripheral':4294972296,'number':1,"
	     "'priority':0,'name':'A'}]}",
	     SGG_ESHAPE, "skill_groups[0].peripheral"},
	    {"{" FMT ",'agents':[],'skill_groups':[{'id':100,'peripheral':5000,'number':-1,"
	     "'priority':0,'name':'A'}]}",
	     SGG_ESHAPE, "skill_groups[0].number"},
	    {"{" FMT ",'agents':[],'skill_groups':[{'id':100,'peripheral':5000,'number':1,"
	     "'priority':-1,'name':'A'}]}",
	     SGG_ESHAPE, "skill_groups[0].priority"},
	    {"{" FMT ",'skill_groups':[],'agents':[{'id':200,'peripheral':-5000,'number':'1',"
	     "'skill_groups':[]}]}",
	     SGG_ESHAPE, "agents[0].peripheral"},
	    {"{" FMT ",'skill_groups':[],'agents':[{'id':200,'peripheral':5000,'number':'1',"
	     "'skill_groups':[0]}]}",
	     SGG_ESHAPE, "agents[0].skill_groups[0]"},
	    {"{" FMT ",'skill_groups':[],'agents':[],'peripherals':[{'id':0}]}", SGG_ESHAPE,
	     "peripherals[0].id"},
	};

	RUN_BAD(cases);
}
END_TEST

/* ---- validation: identities ---- */

START_TEST(test_config_invalid_duplicates)
{
	static const struct bad_case cases[] = {
	    /* the same id twice among skill groups */
	    {"{" FMT ",'agents':[],'skill_groups':[" LIT ",{'id':100,'peripheral':5000,"
	     "'number':1,'priority':0,'name':'Other'}]}",
	     SGG_EDUP, "skill_groups[1].id"},
	    /* a deleted row still owns its id */
	    {"{" FMT ",'agents':[],'skill_groups':[" GONE ",{'id':120,'peripheral':5000,"
	     "'number':1,'priority':0,'name':'Other'}]}",
	     SGG_EDUP, "skill_groups[1].id"},
	    /* agents and skill groups share one id space */
	    {"{" FMT ",'skill_groups':[" LIT "],'agents':[{'id':100,'peripheral':5000,"
	     "'number':'1428','skill_groups':[]}]}",
	     SGG_EDUP, "agents[0].id"},
	    {"{" FMT ",'skill_groups':[" LIT "],'agents':[" ANA ",{'id':200,'peripheral':5000,"
	     "'number':'1429','skill_groups':[]}]}",
	     SGG_EDUP, "agents[1].id"},
	    /* two live groups with one name */
	    {"{" FMT ",'agents':[],'skill_groups':[" LIT ",{'id':110,'peripheral':5000,"
	     "'number':40425,'priority':0,'name':'Lit'}]}",
	     SGG_EDUP, "skill_groups[1].name"},
	    /* two live groups with one (peripheral, number, priority) */
	    {"{" FMT ",'agents':[],'skill_groups':[" LIT ",{'id':110,'peripheral':5000,"
	     "'number':40424,'priority':0,'name':'Lit2'}]}",
	     SGG_EDUP, "skill_groups[1].number"},
	    {"{" FMT ",'agents':[],'skill_groups':[" LIT "," LIT_PRI ",{'id':102,'peripheral':5000,"
	     "'number':40424,'priority':1,'base':100,'name':'Lit.pri2'}]}",
	     SGG_EDUP, "skill_groups[2].number"},
	    {"{" FMT ",'skill_groups':[],'agents':[],'peripherals':[{'id':5000},{'id':5000}]}",
	     SGG_EDUP, "peripherals[1].id"},
	    {"{" FMT ",'skill_groups':[" LIT "],'agents':[],'routes':[{'id':7001,'target':100},"
	     "{'id':7001,'target':100}]}",
	     SGG_EDUP, "routes[1].id"},
	};

	RUN_BAD(cases);
}
END_TEST

START_TEST(test_config_deleted_exempt_from_uniqueness)
{
	/* deleted rows may repeat a live row's name and number, and each other's */
	sgg_config *cfg = config_from_string_or_fail(q(
	    "{" FMT ",'agents':[],'skill_groups':[" LIT ","
	    "{'id':120,'peripheral':5000,'number':40424,'priority':0,'name':'Lit','deleted':true},"
	    "{'id':121,'peripheral':5000,'number':40424,'priority':0,'name':'Lit','deleted':true}]"
	    "}"));

	ck_assert_uint_eq(sgg_config_skill_group_count(cfg), 3);
	ck_assert_int_ne(sgg_config_skill_group_by_id(cfg, 121)->deleted, 0);
	sgg_config_free(cfg);

	/* the same numbers on another peripheral, or with another priority, are distinct */
	cfg = config_from_string_or_fail(
	    q("{" FMT ",'agents':[],'skill_groups':[" LIT "," LIT_PRI ","
	      "{'id':130,'peripheral':5001,'number':40424,'priority':0,'name':'Lit B'}]}"));
	ck_assert_uint_eq(sgg_config_skill_group_count(cfg), 3);
	sgg_config_free(cfg);
}
END_TEST

/* ---- validation: references ---- */

START_TEST(test_config_invalid_references)
{
	static const struct bad_case cases[] = {
	    /* base names nothing */
	    {"{" FMT ",'agents':[],'skill_groups':[" LIT ",{'id':101,'peripheral':5000,"
	     "'number':40424,'priority':1,'base':999,'name':'P'}]}",
	     SGG_EREF, "skill_groups[1].base"},
	    /* base names a deleted group */
	    {"{" FMT ",'agents':[],'skill_groups':[" GONE ",{'id':121,'peripheral':5000,"
	     "'number':40500,'priority':1,'base':120,'name':'P'}]}",
	     SGG_EREF, "skill_groups[1].base"},
	    /* base names a sub-skill group */
	    {"{" FMT ",'agents':[],'skill_groups':[" LIT "," LIT_PRI ",{'id':102,'peripheral':5000,"
	     "'number':40424,'priority':2,'base':101,'name':'P2'}]}",
	     SGG_EREF, "skill_groups[2].base"},
	    /* base names an agent */
	    {"{" FMT ",'skill_groups':[" LIT ",{'id':101,'peripheral':5000,'number':40424,"
	     "'priority':1,'base':200,'name':'P'}],'agents':[" ANA "]}",
	     SGG_EREF, "skill_groups[1].base"},
	    /* a base group with a base of its own */
	    {"{" FMT ",'agents':[],'skill_groups':[" LIT ",{'id':110,'peripheral':5000,"
	     "'number':40425,'priority':0,'base':100,'name':'B'}]}",
	     SGG_ESHAPE, "skill_groups[1].base"},
	    /* membership names nothing */
	    {"{" FMT ",'skill_groups':[" LIT "],'agents':[{'id':200,'peripheral':5000,"
	     "'number':'1428','skill_groups':[100,9999]}]}",
	     SGG_EREF, "agents[0].skill_groups[1]"},
	    /* membership names a deleted group */
	    {"{" FMT ",'skill_groups':[" LIT "," GONE "],'agents':[" ANA ",{'id':201,"
	     "'peripheral':5000,'number':'1429','skill_groups':[120]}]}",
	     SGG_EREF, "agents[1].skill_groups[0]"},
	    /* membership names an agent */
	    {"{" FMT ",'skill_groups':[" LIT "],'agents':[" ANA ",{'id':201,'peripheral':5000,"
	     "'number':'1429','skill_groups':[200]}]}",
	     SGG_EREF, "agents[1].skill_groups[0]"},
	    /* route target names nothing, a deleted group, an agent */
	    {"{" FMT ",'skill_groups':[" LIT "],'agents':[],'routes':[{'id':7001,'target':999}]}",
	     SGG_EREF, "routes[0].target"},
	    {"{" FMT ",'skill_groups':[" LIT "," GONE "],'agents':[],'routes':[{'id':7001,"
	     "'target':100},{'id':7002,'target':120}]}",
	     SGG_EREF, "routes[1].target"},
	    {"{" FMT ",'skill_groups':[" LIT "],'agents':[" ANA "],'routes':[{'id':7001,"
	     "'target':200}]}",
	     SGG_EREF, "routes[0].target"},
	};

	RUN_BAD(cases);
}
END_TEST

START_TEST(test_config_invalid_reference_message)
{
	sgg_error err;
	char line[512];

	config_error(q("{" FMT ",'skill_groups':[" LIT "],'agents':[" ANA "," ANA "," ANA ","
	               "{'id':203,'peripheral':5000,'number':'1431','skill_groups':[100,9999]}]}"),
	             0, &err);
	/* the duplicate agents come first: fix the document and try again */
	ck_assert_error(&err, SGG_EDUP, "agents[1].id");
	config_error(q("{" FMT ",'skill_groups':[" LIT "],'agents':["
	               "{'id':200,'peripheral':5000,'number':'1428','skill_groups':[]},"
	               "{'id':201,'peripheral':5000,'number':'1429','skill_groups':[]},"
	               "{'id':202,'peripheral':5000,'number':'1430','skill_groups':[]},"
	               "{'id':203,'peripheral':5000,'number':'1431','skill_groups':[100,9999]}]}"),
	             0, &err);
	ck_assert_error(&err, SGG_EREF, "agents[3].skill_groups[1]");
	sgg_error_format(&err, line, sizeof(line));
	ck_assert_str_eq(line, "test: agents[3].skill_groups[1]: no skill group with id 9999");
}
END_TEST

START_TEST(test_config_keep_dangling)
{
	const char *doc = q("{" FMT ",'skill_groups':[" LIT "," GONE ","
	                    "{'id':101,'peripheral':5000,'number':40424,'priority':1,'base':999,"
	                    "'name':'Orphan'}],"
	                    "'agents':[{'id':200,'peripheral':5000,'number':'1428',"
	                    "'skill_groups':[100,9999,120]}],"
	                    "'routes':[{'id':7001,'target':120},{'id':7002,'target':888}]}");
	sgg_config *cfg = NULL;
	sgg_error err;
	const int64_t *ids;
	size_t n = 0;

	config_error(doc, 0, &err);
	ck_assert_int_eq(err.code, SGG_EREF);
	ck_assert_int_eq(
	    sgg_config_load_buffer(&cfg, doc, strlen(doc), "test", SGG_CONFIG_KEEP_DANGLING, &err),
	    0);
	ck_assert_ptr_nonnull(cfg);
	/* kept as written */
	ids = sgg_config_agent_skill_groups(cfg, 200, &n);
	ck_assert_uint_eq(n, 3);
	ck_assert_int_eq(ids[0], 100);
	ck_assert_int_eq(ids[1], 9999);
	ck_assert_int_eq(ids[2], 120);
	ck_assert_int_eq(sgg_config_skill_group_by_id(cfg, 101)->base, 999);
	sgg_config_free(cfg);
}
END_TEST

START_TEST(test_config_keep_dangling_other_errors)
{
	/* the flag keeps dangling references only: other errors still refuse */
	static const struct bad_case cases[] = {
	    {"{" FMT ",'agents':[],'skill_groups':[" LIT "," LIT_PRI ",{'id':102,'peripheral':5000,"
	     "'number':40424,'priority':2,'base':101,'name':'P2'}]}",
	     SGG_EREF, "skill_groups[2].base"},
	    {"{" FMT ",'agents':[],'skill_groups':[" LIT "," LIT "]}", SGG_EDUP,
	     "skill_groups[1].id"},
	    {"{" FMT ",'skill_groups':[],'agents':[{'id':200,'peripheral':5000,'number':'1428',"
	     "'skill_groups':['x']}]}",
	     SGG_ESHAPE, "agents[0].skill_groups[0]"},
	};

	run_bad_cases(cases, sizeof(cases) / sizeof(cases[0]), SGG_CONFIG_KEEP_DANGLING);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("config");
	TCase *tc;

	tc = tcase_create("load");
	tcase_add_test(tc, test_config_load_example);
	tcase_add_test(tc, test_config_accessors_out_of_range);
	tcase_add_test(tc, test_config_optional_fields);
	tcase_add_test(tc, test_config_empty_memberships);
	tcase_add_test(tc, test_config_unknown_fields_ignored);
	tcase_add_test(tc, test_config_load_source_names);
	tcase_add_test(tc, test_config_load_buffer_needs_no_nul);
	suite_add_tcase(s, tc);

	tc = tcase_create("subgroups");
	tcase_add_test(tc, test_config_subgroups_priority_order);
	tcase_add_test(tc, test_config_subgroups_example);
	suite_add_tcase(s, tc);

	tc = tcase_create("builder");
	tcase_add_test(tc, test_config_builder_without_json);
	tcase_add_test(tc, test_config_builder_copies_strings);
	tcase_add_test(tc, test_config_builder_refusals);
	tcase_add_test(tc, test_config_builder_after_seal);
	tcase_add_test(tc, test_config_builder_seal_checks_references);
	tcase_add_test(tc, test_config_null_arguments);
	suite_add_tcase(s, tc);

	tc = tcase_create("document");
	tcase_add_test(tc, test_config_invalid_document);
	tcase_add_test(tc, test_config_invalid_not_object_message);
	tcase_add_test(tc, test_config_malformed_json_position);
	tcase_add_test(tc, test_config_malformed_json_buffer);
	tcase_add_test(tc, test_config_empty_input);
	tcase_add_test(tc, test_config_unreadable_files);
	suite_add_tcase(s, tc);

	tc = tcase_create("fields");
	tcase_add_test(tc, test_config_invalid_missing_fields);
	tcase_add_test(tc, test_config_invalid_types);
	tcase_add_test(tc, test_config_invalid_ranges);
	suite_add_tcase(s, tc);

	tc = tcase_create("identities");
	tcase_add_test(tc, test_config_invalid_duplicates);
	tcase_add_test(tc, test_config_deleted_exempt_from_uniqueness);
	suite_add_tcase(s, tc);

	tc = tcase_create("references");
	tcase_add_test(tc, test_config_invalid_references);
	tcase_add_test(tc, test_config_invalid_reference_message);
	tcase_add_test(tc, test_config_keep_dangling);
	tcase_add_test(tc, test_config_keep_dangling_other_errors);
	suite_add_tcase(s, tc);

	return run_suite(s);
}
