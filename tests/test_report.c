/*
 * test_report.c - rendering check reports and input errors as text, JSON
 * (parsed back with jansson) and JUnit XML (checked for well-formedness),
 * and choosing a format by name.
 * SPDX-License-Identifier: MIT
 */
#include "testutil.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define TECHNOTE_AT "2026-12-01T02:15:00Z"

/* The technote's situation: agent 1428 talking in 5000:40424. */
static sgg_report *technote_report(const char *sessions, const char *at, const char *ref,
                                   int strict)
{
	sgg_config *cfg = load_config_or_fail(example_path("technote/config.json"));
	sgg_sessions *snap = load_sessions_or_fail(example_path(sessions));
	sgg_check_options o = SGG_CHECK_OPTIONS_INIT;
	const char *refs[] = {ref, NULL};
	sgg_report *r;

	o.at = t(at);
	o.strict = strict;
	r = check_or_fail(cfg, snap, &o, refs);
	sgg_config_free(cfg);
	sgg_sessions_free(snap);
	return r;
}

static sgg_report *blocking_report(void)
{
	sgg_report *r = technote_report("technote/sessions.json", TECHNOTE_AT, "5000:40424", 0);

	ck_assert_int_eq(sgg_report_verdict(r), SGG_VERDICT_BLOCK);
	return r;
}

static sgg_report *allowing_report(void)
{
	sgg_report *r = technote_report("technote/sessions-logged-out.json", "2026-12-01T02:42:00Z",
	                                "5000:40424", 0);

	ck_assert_int_eq(sgg_report_verdict(r), SGG_VERDICT_ALLOW);
	return r;
}

static sgg_report *error_report(void)
{
	sgg_report *r = technote_report("technote/sessions.json", TECHNOTE_AT, "5000:99999", 0);

	ck_assert_int_eq(sgg_report_verdict(r), SGG_VERDICT_ERROR);
	return r;
}

/* ---- a small XML well-formedness checker (elements, attributes, entities) ---- */

static const char *xml_skip_space(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

static bool xml_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '_' || c == ':' || c == '.';
}

/* Check an entity reference at @p p ("&...;"); return its end or NULL. */
static const char *xml_entity(const char *p)
{
	static const char *const names[] = {"&amp;", "&lt;", "&gt;", "&quot;", "&apos;"};

	for (size_t i = 0; i < 5; i++)
		if (strncmp(p, names[i], strlen(names[i])) == 0)
			return p + strlen(names[i]);
	if (p[1] == '#') {
		const char *e = p + 2;

		while ((*e >= '0' && *e <= '9') || *e == 'x' || (*e >= 'a' && *e <= 'f'))
			e++;
		if (*e == ';' && e > p + 2)
			return e + 1;
	}
	return NULL;
}

/* Character data up to the next '<': no raw '&' outside references, no controls. */
static const char *xml_text(const char *p, char stop)
{
	while (*p && *p != stop && *p != '<') {
		if (*p == '&') {
			if (!(p = xml_entity(p)))
				return NULL;
			continue;
		}
		if ((unsigned char)*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
			return NULL;
		p++;
	}
	return p;
}

/* Returns NULL when @p doc is well-formed, or a static description of the first problem. */
static const char *xml_problem(const char *doc, int *n_elements)
{
	static char why[128];
	char stack[32][64];
	int depth = 0, roots = 0;
	const char *p = doc;

	*n_elements = 0;
	if (strncmp(p, "<?xml", 5) == 0) {
		p = strstr(p, "?>");
		if (!p)
			return "unterminated XML declaration";
		p += 2;
	}
	for (;;) {
		const char *start;
		size_t len;
		bool closing;

		p = xml_text(p, '\0');
		if (!p)
			return "bad character data";
		if (!*p)
			break;
		if (depth == 0 && p[strspn(p, " \t\r\n")] == '\0')
			break;
		p++; /* '<' */
		closing = *p == '/';
		if (closing)
			p++;
		start = p;
		while (xml_name_char(*p))
			p++;
		len = (size_t)(p - start);
		if (len == 0 || len >= sizeof(stack[0]))
			return "bad element name";
		if (closing) {
			p = xml_skip_space(p);
			if (*p != '>')
				return "bad end tag";
			p++;
			if (depth == 0 || strlen(stack[depth - 1]) != len ||
			    strncmp(stack[depth - 1], start, len) != 0) {
				snprintf(why, sizeof(why), "end tag </%.*s> does not match",
				         (int)len, start);
				return why;
			}
			depth--;
			continue;
		}
		if (depth == 0 && roots++ > 0)
			return "more than one root element";
		(*n_elements)++;
		/* attributes */
		for (;;) {
			const char *a = xml_skip_space(p);

			if (*a == '>' || (*a == '/' && a[1] == '>')) {
				p = a;
				break;
			}
			if (a == p)
				return "attributes not separated by space";
			p = a;
			while (xml_name_char(*p))
				p++;
			if (p == a || *p != '=' || p[1] != '"')
				return "bad attribute";
			p = xml_text(p + 2, '"');
			if (!p || *p != '"')
				return "bad attribute value";
			p++;
		}
		if (*p == '/') {
			p += 2; /* empty element */
			continue;
		}
		p++;
		if (depth == 32)
			return "too deep";
		memcpy(stack[depth], start, len);
		stack[depth][len] = '\0';
		depth++;
	}
	if (depth != 0)
		return "unclosed element";
	if (roots != 1)
		return "no root element";
	return NULL;
}

static void assert_well_formed(const char *xml)
{
	int n;
	const char *why = xml_problem(xml, &n);

	ck_assert_msg(why == NULL, "not well-formed XML (%s):\n%s", why ? why : "", xml);
}

START_TEST(test_report_xml_checker_catches_errors)
{
	int n;

	/* the checker itself must be able to fail */
	ck_assert_ptr_null(xml_problem("<a><b x=\"1\"/>t &amp; u</a>\n", &n));
	ck_assert_int_eq(n, 2);
	ck_assert_ptr_nonnull(xml_problem("<a><b></a></b>", &n));
	ck_assert_ptr_nonnull(xml_problem("<a>x & y</a>", &n));
	ck_assert_ptr_nonnull(xml_problem("<a x=\"<\"/>", &n));
	ck_assert_ptr_nonnull(xml_problem("<a x=\"\"\"/>", &n));
	ck_assert_ptr_nonnull(xml_problem("<a>", &n));
	ck_assert_ptr_nonnull(xml_problem("<a/><b/>", &n));
}
END_TEST

/* The value of attribute @p name in the first element named @p element. */
static long xml_attr_long(const char *xml, const char *element, const char *name)
{
	char open[64], key[64];
	const char *e, *a, *end;

	snprintf(open, sizeof(open), "<%s ", element);
	snprintf(key, sizeof(key), " %s=\"", name);
	e = strstr(xml, open);
	ck_assert_msg(e != NULL, "no <%s> in:\n%s", element, xml);
	end = strchr(e, '>');
	a = strstr(e, key);
	ck_assert_msg(a != NULL && a < end, "<%s> has no %s", element, name);
	return strtol(a + strlen(key), NULL, 10);
}

static size_t count_substr(const char *s, const char *needle)
{
	size_t n = 0;

	for (const char *p = strstr(s, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

/* ---- text ---- */

static void assert_first_line_starts(const char *text, const char *word)
{
	ck_assert_msg(strncmp(text, word, strlen(word)) == 0,
	              "first line should start with %s:\n%s", word, text);
	ck_assert_ptr_nonnull(strchr(text, '\n'));
}

START_TEST(test_report_text_block)
{
	sgg_report *r = blocking_report();
	char *text = render_or_fail(r, SGG_FORMAT_TEXT, 0);

	assert_first_line_starts(text, "BLOCK");
	/* the blockers are named: agent, rule, group */
	ck_assert_msg(strstr(text, "1428") && strstr(text, "Ana Ruiz"), "agent not named:\n%s",
	              text);
	ck_assert_msg(strstr(text, "member-logged-in") && strstr(text, "session-references-target"),
	              "rules not named:\n%s", text);
	ck_assert_msg(strstr(text, "5000:40424") && strstr(text, "Literature"),
	              "group not named:\n%s", text);
	/* 1431 is logged into the secondary sub-skill group */
	ck_assert_msg(strstr(text, "1431") != NULL, "sub-skill member not named:\n%s", text);
	/* no colour unless asked for */
	ck_assert_ptr_null(strchr(text, '\033'));
	ck_assert(text[strlen(text) - 1] == '\n');
	sgg_free(text);
	sgg_report_free(r);
}
END_TEST

START_TEST(test_report_text_allow)
{
	sgg_report *r = allowing_report();
	char *text = render_or_fail(r, SGG_FORMAT_TEXT, 0);

	assert_first_line_starts(text, "ALLOW");
	ck_assert_ptr_null(strstr(text, "BLOCK"));
	sgg_free(text);
	sgg_report_free(r);
}
END_TEST

START_TEST(test_report_text_error)
{
	sgg_report *r = error_report();
	char *text = render_or_fail(r, SGG_FORMAT_TEXT, 0);

	assert_first_line_starts(text, "ERROR");
	ck_assert_msg(strstr(text, "5000:99999") != NULL, "reference not named:\n%s", text);
	ck_assert_msg(strstr(text, "unknown-target") != NULL, "rule not named:\n%s", text);
	sgg_free(text);
	sgg_report_free(r);
}
END_TEST

START_TEST(test_report_text_color)
{
	sgg_report *r = blocking_report();
	char *plain = render_or_fail(r, SGG_FORMAT_TEXT, 0);
	char *color = render_or_fail(r, SGG_FORMAT_TEXT, SGG_RENDER_COLOR);

	ck_assert_ptr_nonnull(strstr(color, "\033["));
	ck_assert_ptr_nonnull(strstr(color, "BLOCK"));
	ck_assert_uint_gt(strlen(color), strlen(plain));
	sgg_free(plain);
	sgg_free(color);
	sgg_report_free(r);
}
END_TEST

/* ---- JSON ---- */

static json_t *parse_json(const char *text)
{
	json_error_t jerr;
	json_t *root = json_loads(text, 0, &jerr);

	ck_assert_msg(root != NULL, "not JSON (%d:%d: %s):\n%s", jerr.line, jerr.column, jerr.text,
	              text);
	ck_assert(json_is_object(root));
	return root;
}

static const char *jstr(json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);

	ck_assert_msg(json_is_string(v), "\"%s\" is not a string", key);
	return json_string_value(v);
}

static json_int_t jint(json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);

	ck_assert_msg(json_is_integer(v), "\"%s\" is not an integer", key);
	return json_integer_value(v);
}

static json_t *jarr(json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);

	ck_assert_msg(json_is_array(v), "\"%s\" is not an array", key);
	return v;
}

START_TEST(test_report_json_block)
{
	sgg_report *r = blocking_report();
	char *text = render_or_fail(r, SGG_FORMAT_JSON, 0);
	json_t *root = parse_json(text), *targets, *subs, *findings, *notify, *f;
	size_t i;
	bool member = false, session = false;

	ck_assert_str_eq(jstr(root, "verdict"), "block");
	ck_assert_str_eq(jstr(root, "checked_at"), TECHNOTE_AT);

	targets = jarr(root, "targets");
	ck_assert_uint_eq(json_array_size(targets), 1);
	ck_assert_int_eq(jint(json_array_get(targets, 0), "id"), 5019);
	subs = jarr(json_array_get(targets, 0), "subgroups");
	ck_assert_uint_eq(json_array_size(subs), 2);
	ck_assert_int_eq(jint(json_array_get(subs, 0), "id"), 5020);
	ck_assert_int_eq(jint(json_array_get(subs, 1), "id"), 5021);

	findings = jarr(root, "findings");
	ck_assert_uint_eq(json_array_size(findings), sgg_report_finding_count(r));
	json_array_foreach(findings, i, f)
	{
		const sgg_finding *mine = sgg_report_finding(r, i);
		json_t *agent = json_object_get(f, "agent"),
		       *group = json_object_get(f, "skill_group");

		/* same findings, same order */
		ck_assert_str_eq(jstr(f, "rule"), sgg_rule_id(mine->rule));
		ck_assert_str_eq(jstr(f, "severity"), sgg_severity_name(mine->severity));
		ck_assert_str_eq(jstr(f, "message"), mine->message);
		if (mine->skill_group) {
			ck_assert_ptr_nonnull(group);
			ck_assert_int_eq(jint(group, "id"), mine->skill_group->id);
			ck_assert_int_eq(jint(group, "peripheral"), mine->skill_group->peripheral);
			ck_assert_int_eq(jint(group, "number"), mine->skill_group->number);
			ck_assert_str_eq(jstr(group, "name"), mine->skill_group->name);
		}
		if (agent && jint(agent, "id") == 5107) {
			ck_assert_str_eq(jstr(agent, "number"), "1428");
			ck_assert_str_eq(jstr(agent, "state"), "talking");
			member |= strcmp(jstr(f, "rule"), "member-logged-in") == 0;
			session |= strcmp(jstr(f, "rule"), "session-references-target") == 0;
		}
	}
	ck_assert(member && session);

	notify = jarr(root, "notify");
	ck_assert_uint_eq(json_array_size(notify), sgg_report_notify_count(r));
	ck_assert_uint_ge(json_array_size(notify), 3);
	for (i = 0; i < json_array_size(notify); i++) {
		json_t *n = json_array_get(notify, i);

		ck_assert_int_eq(jint(n, "id"), sgg_report_notify(r, i)->agent->id);
		if (i > 0)
			ck_assert_int_lt(jint(json_array_get(notify, i - 1), "id"), jint(n, "id"));
	}
	ck_assert_int_eq(jint(json_array_get(notify, 0), "id"), 5107);
	ck_assert_str_eq(jstr(json_array_get(notify, 0), "state"), "talking");
	json_decref(root);
	sgg_free(text);
	sgg_report_free(r);
}
END_TEST

START_TEST(test_report_json_allow_and_options)
{
	sgg_report *r = technote_report("technote/sessions-logged-out.json", "2026-12-01T02:42:00Z",
	                                "5000:40424", 1);
	char *text = render_or_fail(r, SGG_FORMAT_JSON, 0);
	json_t *root = parse_json(text);

	/* strict: the route warning blocks */
	ck_assert_str_eq(jstr(root, "verdict"), "block");
	ck_assert(json_is_true(json_object_get(root, "strict")));
	ck_assert_ptr_null(json_object_get(root, "error"));
	json_decref(root);
	sgg_free(text);
	sgg_report_free(r);

	r = allowing_report();
	text = render_or_fail(r, SGG_FORMAT_JSON, 0);
	root = parse_json(text);
	ck_assert_str_eq(jstr(root, "verdict"), "allow");
	ck_assert(json_is_false(json_object_get(root, "strict")));
	ck_assert_ptr_null(json_object_get(root, "error"));
	json_decref(root);
	sgg_free(text);
	sgg_report_free(r);
}
END_TEST

START_TEST(test_report_json_error)
{
	sgg_report *r = error_report();
	char *text = render_or_fail(r, SGG_FORMAT_JSON, 0);
	json_t *root = parse_json(text), *err, *f;

	ck_assert_str_eq(jstr(root, "verdict"), "error");
	ck_assert_uint_eq(json_array_size(jarr(root, "targets")), 0);
	f = json_array_get(jarr(root, "findings"), 0);
	ck_assert_str_eq(jstr(f, "rule"), "unknown-target");
	ck_assert_str_eq(jstr(f, "severity"), "error");
	ck_assert_str_eq(jstr(f, "reference"), "5000:99999");
	err = json_object_get(root, "error");
	ck_assert(json_is_object(err));
	ck_assert(strlen(jstr(err, "message")) > 0);
	json_decref(root);
	sgg_free(text);
	sgg_report_free(r);
}
END_TEST

/* ---- JUnit ---- */

START_TEST(test_report_junit_block)
{
	sgg_report *r = blocking_report();
	char *xml = render_or_fail(r, SGG_FORMAT_JUNIT, 0);
	long failures;

	assert_well_formed(xml);
	ck_assert_ptr_nonnull(strstr(xml, "<testsuite"));
	ck_assert_ptr_nonnull(strstr(xml, "<testcase"));
	failures = xml_attr_long(xml, "testsuite", "failures");
	ck_assert_int_gt(failures, 0);
	ck_assert_int_eq(failures, (long)count_substr(xml, "<failure"));
	ck_assert_ptr_nonnull(strstr(xml, "member-logged-in"));
	ck_assert_ptr_nonnull(strstr(xml, "1428"));
	sgg_free(xml);
	sgg_report_free(r);
}
END_TEST

START_TEST(test_report_junit_allow)
{
	sgg_report *r = allowing_report();
	char *xml = render_or_fail(r, SGG_FORMAT_JUNIT, 0);

	assert_well_formed(xml);
	ck_assert_ptr_nonnull(strstr(xml, "<testcase"));
	ck_assert_int_eq(xml_attr_long(xml, "testsuite", "failures"), 0);
	ck_assert_int_eq(xml_attr_long(xml, "testsuite", "errors"), 0);
	ck_assert_ptr_null(strstr(xml, "<failure"));
	ck_assert_ptr_null(strstr(xml, "<error"));
	sgg_free(xml);
	sgg_report_free(r);
}
END_TEST

START_TEST(test_report_junit_error)
{
	sgg_report *r = error_report();
	char *xml = render_or_fail(r, SGG_FORMAT_JUNIT, 0);
	long errors;

	assert_well_formed(xml);
	errors = xml_attr_long(xml, "testsuite", "errors");
	ck_assert_int_gt(errors, 0);
	ck_assert_int_eq(errors, (long)count_substr(xml, "<error"));
	sgg_free(xml);
	sgg_report_free(r);
}
END_TEST

/* ---- special characters survive every format ---- */

START_TEST(test_report_escaping)
{
	static const char *const name = "O'Brien <&> \"Q\" \xc3\xa9t\xc3\xa9";
	sgg_config *cfg = NULL;
	sgg_sessions *snap = NULL;
	sgg_skill_group g = {100, 5000, 1, 0, 0, "Sales & <Support>", 0};
	sgg_agent a = {200, 5000, "14\"28", name, "Tier <1>"};
	int64_t groups[] = {100};
	sgg_session s = {200, "14\"28", SGG_STATE_TALKING, SGG_TIME_NONE, groups, 1};
	sgg_check_options o = SGG_CHECK_OPTIONS_INIT;
	const char *refs[] = {"name:Sales & <Support>", "x<y>&\"z\"", NULL};
	sgg_report *r;
	char *text;
	json_t *root, *f;
	size_t i;
	bool found = false;

	ck_assert_int_eq(sgg_config_new(&cfg, NULL), 0);
	ck_assert_int_eq(sgg_config_add_skill_group(cfg, &g, NULL), 0);
	ck_assert_int_eq(sgg_config_add_agent(cfg, &a, groups, 1, NULL), 0);
	ck_assert_int_eq(sgg_config_add_route(cfg, 7001, "R&D \"main\"", 100, NULL), 0);
	ck_assert_int_eq(sgg_config_seal(cfg, 0, NULL), 0);
	ck_assert_int_eq(sgg_sessions_new(&snap, t("2026-12-01T02:00:00Z"), NULL), 0);
	ck_assert_int_eq(sgg_sessions_add_peripheral(snap, 5000, NULL), 0);
	ck_assert_int_eq(sgg_sessions_add(snap, &s, NULL), 0);
	ck_assert_int_eq(sgg_sessions_seal(snap, NULL), 0);
	o.at = t("2026-12-01T02:00:00Z");
	r = check_or_fail(cfg, snap, &o, refs);

	text = render_or_fail(r, SGG_FORMAT_JUNIT, 0);
	assert_well_formed(text);
	sgg_free(text);

	text = render_or_fail(r, SGG_FORMAT_JSON, 0);
	root = parse_json(text);
	json_array_foreach(jarr(root, "findings"), i, f)
	{
		json_t *agent = json_object_get(f, "agent");

		if (agent) {
			ck_assert_str_eq(jstr(agent, "name"), name);
			ck_assert_str_eq(jstr(agent, "number"), "14\"28");
			ck_assert_str_eq(jstr(json_object_get(f, "skill_group"), "name"),
			                 "Sales & <Support>");
			found = true;
		}
	}
	ck_assert(found);
	json_decref(root);
	sgg_free(text);

	text = render_or_fail(r, SGG_FORMAT_TEXT, 0);
	ck_assert_ptr_nonnull(strstr(text, name));
	sgg_free(text);
	sgg_report_free(r);
	sgg_config_free(cfg);
	sgg_sessions_free(snap);
}
END_TEST

/* ---- rendering an input error ---- */

START_TEST(test_report_error_render_json_position)
{
	sgg_config *cfg = NULL;
	sgg_error e, err;
	const char *path = data_path("unit/config-malformed.json");
	char file[4096], *text = NULL;
	size_t len = 0;
	json_t *root, *je;

	snprintf(file, sizeof(file), "%s", path);
	ck_assert_int_eq(sgg_config_load_file(&cfg, file, 0, &e), SGG_ESYNTAX);
	ck_assert_int_eq(sgg_error_render(&text, &len, &e, t(TECHNOTE_AT), SGG_FORMAT_JSON, &err),
	                 0);
	ck_assert_uint_eq(len, strlen(text));
	root = parse_json(text);
	ck_assert_str_eq(jstr(root, "verdict"), "error");
	ck_assert_str_eq(jstr(root, "checked_at"), TECHNOTE_AT);
	je = json_object_get(root, "error");
	ck_assert(json_is_object(je));
	ck_assert_str_eq(jstr(je, "file"), file);
	ck_assert_int_eq(jint(je, "line"), 4);
	ck_assert_int_eq(jint(je, "column"), 14);
	ck_assert(json_is_null(json_object_get(je, "path")));
	ck_assert_str_eq(jstr(je, "message"), e.text);
	ck_assert_uint_eq(json_array_size(jarr(root, "findings")), 0);
	json_decref(root);
	sgg_free(text);
}
END_TEST

START_TEST(test_report_error_render_json_path)
{
	sgg_error e, err;
	char *text = NULL;
	json_t *root, *je;

	config_error(q("{'format':'sgguard-config/1','skill_groups':[],'agents':["
	               "{'id':200,'peripheral':5000,'number':'1','skill_groups':[9999]}]}"),
	             0, &e);
	ck_assert_int_eq(sgg_error_render(&text, NULL, &e, t(TECHNOTE_AT), SGG_FORMAT_JSON, &err),
	                 0);
	root = parse_json(text);
	je = json_object_get(root, "error");
	ck_assert_str_eq(jstr(je, "file"), "test");
	ck_assert_str_eq(jstr(je, "path"), "agents[0].skill_groups[0]");
	ck_assert(json_is_null(json_object_get(je, "line")));
	ck_assert(json_is_null(json_object_get(je, "column")));
	ck_assert_str_eq(jstr(je, "message"), "no skill group with id 9999");
	json_decref(root);
	sgg_free(text);
}
END_TEST

START_TEST(test_report_error_render_default_time)
{
	sgg_error e, err;
	char *text = NULL;
	json_t *root;
	sgg_time before = (sgg_time)time(NULL), got;

	memset(&e, 0, sizeof(e));
	e.code = SGG_EIO;
	strcpy(e.source, "config.json");
	strcpy(e.text, "cannot open: No such file or directory");
	ck_assert_int_eq(sgg_error_render(&text, NULL, &e, SGG_TIME_NONE, SGG_FORMAT_JSON, &err),
	                 0);
	root = parse_json(text);
	/* no check time given: the time of rendering */
	got = t(jstr(root, "checked_at"));
	ck_assert_int_ge(got, before);
	ck_assert_int_le(got, (sgg_time)time(NULL));
	ck_assert_str_eq(jstr(json_object_get(root, "error"), "file"), "config.json");
	json_decref(root);
	sgg_free(text);
}
END_TEST

START_TEST(test_report_error_render_junit)
{
	sgg_error e, err;
	char *xml = NULL;

	memset(&e, 0, sizeof(e));
	e.code = SGG_ESHAPE;
	e.position = -1;
	strcpy(e.source, "odd <name> & \"quoted\" 'file'.json");
	strcpy(e.path, "agents[0].name");
	strcpy(e.text, "must be a string, not <an integer> & more");
	ck_assert_int_eq(sgg_error_render(&xml, NULL, &e, t(TECHNOTE_AT), SGG_FORMAT_JUNIT, &err),
	                 0);
	assert_well_formed(xml);
	ck_assert_ptr_nonnull(strstr(xml, "<testsuite"));
	ck_assert_ptr_nonnull(strstr(xml, "<testcase"));
	ck_assert_ptr_nonnull(strstr(xml, "<error"));
	ck_assert_int_eq(xml_attr_long(xml, "testsuite", "errors"), 1);
	ck_assert_ptr_nonnull(strstr(xml, "agents[0].name"));
	sgg_free(xml);
}
END_TEST

START_TEST(test_report_error_render_refusals)
{
	sgg_error e, err;
	char *out = (char *)"sentinel";
	size_t len = 7;

	memset(&e, 0, sizeof(e));
	e.code = SGG_EIO;
	strcpy(e.text, "cannot open");
	ck_assert_int_eq(sgg_error_render(&out, &len, &e, 0, SGG_FORMAT_TEXT, &err), SGG_EINVAL);
	ck_assert_ptr_null(out);
	ck_assert_uint_eq(len, 0);
	ck_assert_int_eq(err.code, SGG_EINVAL);
	ck_assert_int_eq(sgg_error_render(&out, &len, &e, 0, SGG_FORMAT_CSV, &err), SGG_EINVAL);
	ck_assert_int_eq(sgg_error_render(&out, &len, &e, 0, (sgg_format)42, &err), SGG_EINVAL);
	ck_assert_int_eq(sgg_error_render(&out, &len, NULL, 0, SGG_FORMAT_JSON, &err), SGG_EINVAL);
	ck_assert_ptr_null(out);
	ck_assert_int_eq(sgg_error_render(NULL, &len, &e, 0, SGG_FORMAT_JSON, &err), SGG_EINVAL);
}
END_TEST

/* ---- report rendering refusals ---- */

START_TEST(test_report_render_unsupported)
{
	sgg_report *r = blocking_report();
	char *out = (char *)"sentinel";
	size_t len = 7;
	sgg_error err;

	ck_assert_int_eq(sgg_report_render(&out, &len, r, SGG_FORMAT_TAP, 0, &err), SGG_EINVAL);
	ck_assert_ptr_null(out);
	ck_assert_uint_eq(len, 0);
	ck_assert_int_eq(err.code, SGG_EINVAL);
	ck_assert_int_eq(sgg_report_render(&out, &len, r, SGG_FORMAT_CSV, 0, &err), SGG_EINVAL);
	ck_assert_int_eq(sgg_report_render(&out, &len, r, (sgg_format)-1, 0, &err), SGG_EINVAL);
	ck_assert_int_eq(sgg_report_render(&out, &len, r, (sgg_format)99, 0, NULL), SGG_EINVAL);
	ck_assert_int_eq(sgg_report_render(&out, &len, NULL, SGG_FORMAT_JSON, 0, &err), SGG_EINVAL);
	ck_assert_ptr_null(out);
	ck_assert_int_eq(sgg_report_render(NULL, &len, r, SGG_FORMAT_JSON, 0, &err), SGG_EINVAL);
	/* len is optional */
	ck_assert_int_eq(sgg_report_render(&out, NULL, r, SGG_FORMAT_JSON, 0, &err), 0);
	ck_assert_ptr_nonnull(out);
	sgg_free(out);
	sgg_free(NULL);
	sgg_report_free(r);
}
END_TEST

/* ---- format names ---- */

START_TEST(test_report_format_parse)
{
	static const struct {
		const char *name;
		sgg_format format;
	} names[] = {
	    {"text", SGG_FORMAT_TEXT}, {"json", SGG_FORMAT_JSON}, {"junit", SGG_FORMAT_JUNIT},
	    {"tap", SGG_FORMAT_TAP},   {"csv", SGG_FORMAT_CSV},
	};
	static const char *const bad[] = {"", "JSON", "xml", "json ", "jso", "html"};
	sgg_format f;

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		f = (sgg_format)-1;
		ck_assert_int_eq(sgg_format_parse(&f, names[i].name), 0);
		ck_assert_int_eq(f, names[i].format);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(sgg_format_parse(&f, bad[i]) == SGG_EINVAL, "\"%s\" accepted",
		              bad[i]);
	ck_assert_int_eq(sgg_format_parse(&f, NULL), SGG_EINVAL);
	ck_assert_int_eq(sgg_format_parse(NULL, "json"), SGG_EINVAL);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("report");
	TCase *tc;

	tc = tcase_create("text");
	tcase_add_test(tc, test_report_text_block);
	tcase_add_test(tc, test_report_text_allow);
	tcase_add_test(tc, test_report_text_error);
	tcase_add_test(tc, test_report_text_color);
	suite_add_tcase(s, tc);

	tc = tcase_create("json");
	tcase_add_test(tc, test_report_json_block);
	tcase_add_test(tc, test_report_json_allow_and_options);
	tcase_add_test(tc, test_report_json_error);
	suite_add_tcase(s, tc);

	tc = tcase_create("junit");
	tcase_add_test(tc, test_report_xml_checker_catches_errors);
	tcase_add_test(tc, test_report_junit_block);
	tcase_add_test(tc, test_report_junit_allow);
	tcase_add_test(tc, test_report_junit_error);
	suite_add_tcase(s, tc);

	tc = tcase_create("escaping");
	tcase_add_test(tc, test_report_escaping);
	suite_add_tcase(s, tc);

	tc = tcase_create("error");
	tcase_add_test(tc, test_report_error_render_json_position);
	tcase_add_test(tc, test_report_error_render_json_path);
	tcase_add_test(tc, test_report_error_render_default_time);
	tcase_add_test(tc, test_report_error_render_junit);
	tcase_add_test(tc, test_report_error_render_refusals);
	suite_add_tcase(s, tc);

	tc = tcase_create("format");
	tcase_add_test(tc, test_report_render_unsupported);
	tcase_add_test(tc, test_report_format_parse);
	suite_add_tcase(s, tc);

	return run_suite(s);
}
