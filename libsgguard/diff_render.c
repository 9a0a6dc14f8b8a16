/*
 * diff_render.c - a diff or lint result as text for the reviewer of a
 * merge request, JSON for scripts, JUnit XML and TAP for CI servers.
 * SPDX-License-Identifier: MIT
 */
#include "diff.h"
#include "json_output.h"
#include "report.h"

#include <jansson.h>
#include <string.h>

#define BOLD_RED   "\033[1;31m"
#define BOLD_GREEN "\033[1;32m"
#define RESET      "\033[0m"

/* The consistency checks, as JUnit test cases and TAP test points. */
static const struct {
	sgg_dangling_kind kind;
	const char *name;
} checks[] = {
    {SGG_DANGLING_MEMBERSHIP, "memberships name live skill groups"},
    {SGG_DANGLING_BASE, "sub-skill group bases name live base groups"},
    {SGG_DANGLING_ROUTE, "routes name live skill groups"},
};

static const char *command_name(const sgg_diff *d)
{
	return d->lint ? "lint" : "diff";
}

static size_t count_rule(const sgg_diff *d, sgg_diff_rule rule)
{
	size_t n = 0;

	for (size_t i = 0; i < d->n_findings; i++)
		n += d->findings[i].rule == rule;
	return n;
}

static size_t count_kind(const sgg_diff *d, sgg_dangling_kind kind)
{
	size_t n = 0;

	for (size_t i = 0; i < d->n_findings; i++)
		n += d->findings[i].rule == SGG_DIFF_RULE_DANGLING_REFERENCE &&
		     d->findings[i].kind == kind;
	return n;
}

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* The uncovered removal's finding, for its message. */
static const sgg_diff_finding *removal_finding(const sgg_diff *d, const sgg_removal *r)
{
	for (size_t i = 0; i < d->n_findings; i++)
		if (d->findings[i].rule == SGG_DIFF_RULE_REMOVAL_WITHOUT_CHANGE &&
		    d->findings[i].skill_group == r->skill_group)
			return &d->findings[i];
	return NULL;
}

/* "5000:40424 Literature (id 5019)" */
static const char *group_text(const sgg_skill_group *g, char *buf, size_t size)
{
	char label[SGG_STRING_MAX + 64];

	snprintf(buf, size, "%s (id %lld)", sgg__group_label(g, label, sizeof(label)),
	         (long long)g->id);
	return buf;
}

static void put_checked(sgg__buf *b, const sgg_diff *d)
{
	sgg__buf_printf(b, "%zu %s, %zu sub-skill group %s and %zu %s checked",
	                d->n_memberships_checked,
	                plural(d->n_memberships_checked, "membership", "memberships"),
	                d->n_bases_checked, plural(d->n_bases_checked, "base", "bases"),
	                d->n_routes_checked, plural(d->n_routes_checked, "route", "routes"));
}

/* ---- text ---- */

static void text_removals(sgg__buf *b, const sgg_diff *d)
{
	char g[SGG_STRING_MAX + 96];

	if (d->n_removals == 0)
		return;
	sgg__buf_printf(b, "\nRemoved skill groups (%zu):\n", d->n_removals);
	for (size_t i = 0; i < d->n_removals; i++) {
		const sgg_removal *r = &d->removals[i];

		sgg__buf_printf(b, "  %s, %s", group_text(r->skill_group, g, sizeof(g)),
		                r->kind == SGG_REMOVAL_ABSENT    ? "absent"
		                : r->kind == SGG_REMOVAL_DELETED ? "marked deleted"
		                                                 : "removed");
		if (r->with_base)
			sgg__buf_printf(b, " with its base %lld", (long long)r->with_base);
		if (r->covered_by)
			sgg__buf_printf(b, ": covered by %s (%s)\n", r->covered_by->id,
			                sgg_change_state_name(r->covered_by->state));
		else
			sgg__buf_puts(b, ": NOT COVERED by a change record\n");
	}
}

static void text_findings(sgg__buf *b, const sgg_diff *d)
{
	if (d->n_findings == 0)
		return;
	sgg__buf_printf(b, "\nBlocking %s (%zu):\n", plural(d->n_findings, "finding", "findings"),
	                d->n_findings);
	for (size_t i = 0; i < d->n_findings; i++) {
		const sgg_diff_finding *f = &d->findings[i];

		sgg__buf_printf(b, "  %-23s %s", sgg_diff_rule_id(f->rule), f->message);
		if (f->path)
			sgg__buf_printf(b, " [%s]", f->path);
		sgg__buf_puts(b, "\n");
	}
}

static void text_changed_fields(sgg__buf *b, const sgg_group_change *c)
{
	const char *sep = "";

	if (c->fields & SGG_GROUP_FIELD_NAME) {
		sgg__buf_printf(b, "%sname \"%s\" -> \"%s\"", sep, c->before->name, c->after->name);
		sep = ", ";
	}
	if (c->fields & SGG_GROUP_FIELD_PERIPHERAL) {
		sgg__buf_printf(b, "%speripheral %d -> %d", sep, c->before->peripheral,
		                c->after->peripheral);
		sep = ", ";
	}
	if (c->fields & SGG_GROUP_FIELD_NUMBER) {
		sgg__buf_printf(b, "%snumber %lld -> %lld", sep, (long long)c->before->number,
		                (long long)c->after->number);
		sep = ", ";
	}
	if (c->fields & SGG_GROUP_FIELD_PRIORITY) {
		sgg__buf_printf(b, "%spriority %d -> %d", sep, c->before->priority,
		                c->after->priority);
		sep = ", ";
	}
	if (c->fields & SGG_GROUP_FIELD_BASE) {
		sgg__buf_printf(b, "%sbase ", sep);
		if (c->before->base)
			sgg__buf_printf(b, "%lld", (long long)c->before->base);
		else
			sgg__buf_puts(b, "none");
		if (c->after->base)
			sgg__buf_printf(b, " -> %lld", (long long)c->after->base);
		else
			sgg__buf_puts(b, " -> none");
	}
}

static void text_membership(sgg__buf *b, const sgg_membership_change *m)
{
	char a[2 * SGG_STRING_MAX + 64], g[SGG_STRING_MAX + 96];

	sgg__buf_printf(b, "  %s %s ", sgg__diff_agent_label(m->agent, a, sizeof(a)),
	                m->gained ? "gained" : "lost");
	if (m->skill_group)
		sgg__buf_printf(b, "%s\n", group_text(m->skill_group, g, sizeof(g)));
	else
		sgg__buf_printf(b, "skill group %lld\n", (long long)m->skill_group_id);
}

static void text_information(sgg__buf *b, const sgg_diff *d)
{
	char g[SGG_STRING_MAX + 96];

	if (d->n_added) {
		sgg__buf_printf(b, "\nAdded skill groups (%zu):\n", d->n_added);
		for (size_t i = 0; i < d->n_added; i++)
			sgg__buf_printf(b, "  %s\n", group_text(d->added[i], g, sizeof(g)));
	}
	if (d->n_changed) {
		sgg__buf_printf(b, "\nChanged skill groups (%zu):\n", d->n_changed);
		for (size_t i = 0; i < d->n_changed; i++) {
			sgg__buf_printf(b, "  %s: ", group_text(d->changed[i].after, g, sizeof(g)));
			text_changed_fields(b, &d->changed[i]);
			sgg__buf_puts(b, "\n");
		}
	}
	if (d->n_memberships) {
		sgg__buf_printf(b, "\nMembership changes (%zu):\n", d->n_memberships);
		for (size_t i = 0; i < d->n_memberships; i++)
			text_membership(b, &d->memberships[i]);
	}
	if (d->n_changes) {
		sgg__buf_printf(b, "\nChange records given (%zu):\n", d->n_changes);
		for (size_t i = 0; i < d->n_changes; i++)
			sgg__buf_printf(b, "  %s %s\n", d->changes[i].id,
			                sgg_change_state_name(d->changes[i].state));
	}
}

static int render_text(char **out, size_t *len, const sgg_diff *d, unsigned flags, sgg_error *err)
{
	sgg__buf b;
	bool color = flags & SGG_RENDER_COLOR;
	bool block = d->verdict != SGG_VERDICT_ALLOW;
	size_t dangling = count_rule(d, SGG_DIFF_RULE_DANGLING_REFERENCE);

	sgg__buf_init(&b);
	sgg__buf_printf(&b, "sgguard %s: %s%s%s", command_name(d),
	                color ? (block ? BOLD_RED : BOLD_GREEN) : "", block ? "BLOCK" : "ALLOW",
	                color ? RESET : "");
	if (block)
		sgg__buf_printf(&b, " (%zu blocking %s)", d->n_findings,
		                plural(d->n_findings, "finding", "findings"));
	sgg__buf_puts(&b, "\n");
	if (!d->lint) {
		size_t uncovered = count_rule(d, SGG_DIFF_RULE_REMOVAL_WITHOUT_CHANGE);

		if (d->n_removals == 0 && d->n_added == 0 && d->n_changed == 0 &&
		    d->n_memberships == 0 && dangling == 0)
			sgg__buf_puts(
			    &b, "Nothing to report: no skill group removed, added or changed, "
			        "no membership changed.\n");
		else if (d->n_removals == 0)
			sgg__buf_puts(&b, "No skill group removed.\n");
		else if (uncovered == 0)
			sgg__buf_printf(&b,
			                "%zu skill %s removed, each covered by a change record.\n",
			                d->n_removals, plural(d->n_removals, "group", "groups"));
		else
			sgg__buf_printf(
			    &b, "%zu skill %s removed, %zu not covered by a change record.\n",
			    d->n_removals, plural(d->n_removals, "group", "groups"), uncovered);
	}
	sgg__buf_printf(&b, "%s export: ", d->lint ? "The" : "The new");
	if (dangling)
		sgg__buf_printf(&b, "%zu dangling %s (", dangling,
		                plural(dangling, "reference", "references"));
	else
		sgg__buf_puts(&b, "consistent (");
	put_checked(&b, d);
	sgg__buf_puts(&b, ").\n");
	text_removals(&b, d);
	text_findings(&b, d);
	text_information(&b, d);
	return sgg__buf_finish(&b, out, len, err);
}

/* ---- JSON ---- */

static json_t *group_json(const sgg_skill_group *g)
{
	json_t *o = json_object();

	if (!o || !sgg__json_set(o, "id", json_integer(g->id)) ||
	    !sgg__json_set(o, "peripheral", json_integer(g->peripheral)) ||
	    !sgg__json_set(o, "number", json_integer(g->number)) ||
	    !sgg__json_set(o, "priority", json_integer(g->priority)) ||
	    !sgg__json_set(o, "name", json_string(g->name)) ||
	    (g->priority > 0 && !sgg__json_set(o, "base", json_integer(g->base))) ||
	    (g->deleted && !sgg__json_set(o, "deleted", json_true()))) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static json_t *agent_json(const sgg_agent *a)
{
	json_t *o = json_object();

	if (!o || !sgg__json_set(o, "id", json_integer(a->id)) ||
	    !sgg__json_set(o, "number", json_string(a->number)) ||
	    !sgg__json_set(o, "name", sgg__json_str_or_null(a->name)) ||
	    !sgg__json_set(o, "team", sgg__json_str_or_null(a->team))) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static json_t *change_json(const sgg_diff_change *c)
{
	json_t *o = json_object();

	if (!o || !sgg__json_set(o, "id", json_string(c->id)) ||
	    !sgg__json_set(o, "state", json_string(sgg_change_state_name(c->state)))) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static json_t *removal_json(const sgg_removal *r)
{
	json_t *o = group_json(r->skill_group);

	if (!o || !sgg__json_set(o, "how", json_string(sgg_removal_kind_name(r->kind))) ||
	    !sgg__json_set(o, "with_base",
	                   r->with_base ? json_integer(r->with_base) : json_null()) ||
	    !sgg__json_set(o, "covered_by",
	                   r->covered_by ? change_json(r->covered_by) : json_null())) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static json_t *group_change_json(const sgg_group_change *c)
{
	static const struct {
		unsigned bit;
		const char *name;
	} names[] = {
	    {SGG_GROUP_FIELD_NAME, "name"},     {SGG_GROUP_FIELD_PERIPHERAL, "peripheral"},
	    {SGG_GROUP_FIELD_NUMBER, "number"}, {SGG_GROUP_FIELD_PRIORITY, "priority"},
	    {SGG_GROUP_FIELD_BASE, "base"},
	};
	json_t *o = json_object(), *fields;

	if (!o || !sgg__json_set(o, "id", json_integer(c->after->id)) ||
	    !(fields = sgg__json_attach(o, "fields", json_array())) ||
	    !sgg__json_set(o, "before", group_json(c->before)) ||
	    !sgg__json_set(o, "after", group_json(c->after)))
		goto fail;
	for (size_t i = 0; i < SGG_ARRAY_SIZE(names); i++)
		if ((c->fields & names[i].bit) &&
		    !sgg__json_append(fields, json_string(names[i].name)))
			goto fail;
	return o;
fail:
	json_decref(o);
	return NULL;
}

static json_t *membership_json(const sgg_membership_change *m)
{
	json_t *o = json_object();

	if (!o || !sgg__json_set(o, "agent", agent_json(m->agent)) ||
	    !sgg__json_set(o, "change", json_string(m->gained ? "gained" : "lost")) ||
	    !sgg__json_set(o, "skill_group_id", json_integer(m->skill_group_id)) ||
	    !sgg__json_set(o, "skill_group",
	                   m->skill_group ? group_json(m->skill_group) : json_null())) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static const char *dangling_kind_name(sgg_dangling_kind kind)
{
	return kind == SGG_DANGLING_MEMBERSHIP ? "membership"
	       : kind == SGG_DANGLING_BASE     ? "base"
	                                       : "route";
}

static json_t *finding_json(const sgg_diff_finding *f)
{
	json_t *o = json_object(), *t, *rt;

	if (!o || !sgg__json_set(o, "rule", json_string(sgg_diff_rule_id(f->rule))) ||
	    !sgg__json_set(o, "severity", json_string(sgg_severity_name(f->severity))) ||
	    !sgg__json_set(o, "message", json_string(f->message)))
		goto fail;
	if (f->rule == SGG_DIFF_RULE_REMOVAL_WITHOUT_CHANGE) {
		if (!sgg__json_set(o, "skill_group", group_json(f->skill_group)))
			goto fail;
		return o;
	}
	if (!sgg__json_set(o, "kind", json_string(dangling_kind_name(f->kind))) ||
	    !sgg__json_set(o, "path", json_string(f->path)) ||
	    !(t = sgg__json_attach(o, "target", json_object())) ||
	    !sgg__json_set(t, "id", json_integer(f->target)) ||
	    !sgg__json_set(t, "state", json_string(f->target_deleted ? "deleted" : "absent")) ||
	    !sgg__json_set(t, "skill_group",
	                   f->target_group ? group_json(f->target_group) : json_null()))
		goto fail;
	if (f->agent && !sgg__json_set(o, "agent", agent_json(f->agent)))
		goto fail;
	if (f->skill_group && !sgg__json_set(o, "skill_group", group_json(f->skill_group)))
		goto fail;
	if (f->route_id && (!(rt = sgg__json_attach(o, "route", json_object())) ||
	                    !sgg__json_set(rt, "id", json_integer(f->route_id)) ||
	                    !sgg__json_set(rt, "name", sgg__json_str_or_null(f->route_name))))
		goto fail;
	return o;
fail:
	json_decref(o);
	return NULL;
}

static int render_json(char **out, size_t *len, const sgg_diff *d, sgg_error *err)
{
	json_t *root = json_object(), *o, *a;

	/* json_object_set_new() consumes its value even when it fails, so every
	 * container is attached first, in output order, and filled after */
	if (!root || !sgg__json_set(root, "command", json_string(command_name(d))) ||
	    !sgg__json_set(root, "verdict", json_string(sgg_verdict_name(d->verdict))))
		goto fail;
	if (!d->lint && (!(o = sgg__json_attach(root, "before", json_object())) ||
	                 !sgg__json_set(o, "exported_at", sgg__json_time(d->before_exported_at))))
		goto fail;
	if (!(o = sgg__json_attach(root, d->lint ? "export" : "after", json_object())) ||
	    !sgg__json_set(o, "exported_at", sgg__json_time(d->after_exported_at)) ||
	    !(o = sgg__json_attach(root, "summary", json_object())) ||
	    (!d->lint && (!sgg__json_set(o, "removed", json_integer((json_int_t)d->n_removals)) ||
	                  !sgg__json_set(o, "uncovered",
	                                 json_integer((json_int_t)count_rule(
	                                     d, SGG_DIFF_RULE_REMOVAL_WITHOUT_CHANGE))) ||
	                  !sgg__json_set(o, "added", json_integer((json_int_t)d->n_added)) ||
	                  !sgg__json_set(o, "changed", json_integer((json_int_t)d->n_changed)) ||
	                  !sgg__json_set(o, "membership_changes",
	                                 json_integer((json_int_t)d->n_memberships)))) ||
	    !sgg__json_set(
	        o, "dangling",
	        json_integer((json_int_t)count_rule(d, SGG_DIFF_RULE_DANGLING_REFERENCE))) ||
	    !sgg__json_set(o, "block", json_integer((json_int_t)d->n_findings)) ||
	    !(o = sgg__json_attach(root, "checked", json_object())) ||
	    !sgg__json_set(o, "memberships", json_integer((json_int_t)d->n_memberships_checked)) ||
	    !sgg__json_set(o, "bases", json_integer((json_int_t)d->n_bases_checked)) ||
	    !sgg__json_set(o, "routes", json_integer((json_int_t)d->n_routes_checked)))
		goto fail;
	if (!d->lint) {
		if (!(a = sgg__json_attach(root, "changes", json_array())))
			goto fail;
		for (size_t i = 0; i < d->n_changes; i++)
			if (!sgg__json_append(a, change_json(&d->changes[i])))
				goto fail;
		if (!(a = sgg__json_attach(root, "removed", json_array())))
			goto fail;
		for (size_t i = 0; i < d->n_removals; i++)
			if (!sgg__json_append(a, removal_json(&d->removals[i])))
				goto fail;
		if (!(a = sgg__json_attach(root, "added", json_array())))
			goto fail;
		for (size_t i = 0; i < d->n_added; i++)
			if (!sgg__json_append(a, group_json(d->added[i])))
				goto fail;
		if (!(a = sgg__json_attach(root, "changed", json_array())))
			goto fail;
		for (size_t i = 0; i < d->n_changed; i++)
			if (!sgg__json_append(a, group_change_json(&d->changed[i])))
				goto fail;
		if (!(a = sgg__json_attach(root, "memberships", json_array())))
			goto fail;
		for (size_t i = 0; i < d->n_memberships; i++)
			if (!sgg__json_append(a, membership_json(&d->memberships[i])))
				goto fail;
	}
	if (!(a = sgg__json_attach(root, "findings", json_array())))
		goto fail;
	for (size_t i = 0; i < d->n_findings; i++)
		if (!sgg__json_append(a, finding_json(&d->findings[i])))
			goto fail;
	return sgg__json_dump(root, out, len, err);
fail:
	json_decref(root);
	return sgg__error_oom(err);
}

/* ---- JUnit XML ---- */

static void junit_open(sgg__buf *b, const char *command, size_t tests, size_t failures,
                       size_t errors)
{
	sgg__buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	sgg__buf_printf(b,
	                "<testsuites name=\"sgguard %s\" tests=\"%zu\" failures=\"%zu\" "
	                "errors=\"%zu\">\n",
	                command, tests, failures, errors);
}

static void junit_suite(sgg__buf *b, const char *name, size_t tests, size_t failures, size_t errors)
{
	sgg__buf_printf(b,
	                "  <testsuite name=\"%s\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\" "
	                "skipped=\"0\" time=\"0\">\n",
	                name, tests, failures, errors);
}

static void junit_property(sgg__buf *b, const char *name, const char *value)
{
	sgg__buf_printf(b, "      <property name=\"%s\" value=\"", name);
	sgg__buf_put_xml(b, value);
	sgg__buf_puts(b, "\"/>\n");
}

static void junit_properties(sgg__buf *b, const sgg_diff *d)
{
	char t[SGG_TIME_BUFSIZE];

	sgg__buf_puts(b, "    <properties>\n");
	junit_property(b, "verdict", sgg_verdict_name(d->verdict));
	if (!d->lint && d->before_exported_at != SGG_TIME_NONE)
		junit_property(b, "before.exported_at", sgg_time_format(d->before_exported_at, t));
	if (d->after_exported_at != SGG_TIME_NONE)
		junit_property(b, d->lint ? "export.exported_at" : "after.exported_at",
		               sgg_time_format(d->after_exported_at, t));
	for (size_t i = 0; i < d->n_changes; i++) {
		sgg__buf_puts(b, "      <property name=\"change\" value=\"");
		sgg__buf_put_xml(b, d->changes[i].id);
		sgg__buf_printf(b, " (%s)\"/>\n", sgg_change_state_name(d->changes[i].state));
	}
	sgg__buf_puts(b, "    </properties>\n");
}

static void junit_removals(sgg__buf *b, const sgg_diff *d)
{
	char g[SGG_STRING_MAX + 96];
	size_t uncovered = count_rule(d, SGG_DIFF_RULE_REMOVAL_WITHOUT_CHANGE);

	junit_suite(b, "sgguard diff: removals", d->n_removals, uncovered, 0);
	junit_properties(b, d);
	for (size_t i = 0; i < d->n_removals; i++) {
		const sgg_removal *r = &d->removals[i];
		const sgg_diff_finding *f = removal_finding(d, r);

		sgg__buf_puts(b,
		              "    <testcase classname=\"sgguard.diff.removals\" name=\"remove ");
		sgg__buf_put_xml(b, group_text(r->skill_group, g, sizeof(g)));
		sgg__buf_puts(b, "\" time=\"0\">\n");
		if (f) {
			sgg__buf_puts(b,
			              "      <failure type=\"removal-without-change\" message=\"");
			sgg__buf_put_xml(b, f->message);
			sgg__buf_puts(b, "\">");
			sgg__buf_put_xml(b, f->message);
			sgg__buf_puts(b, "</failure>\n");
		} else {
			sgg__buf_puts(b, "      <system-out>covered by change ");
			sgg__buf_put_xml(b, r->covered_by ? r->covered_by->id : "?");
			sgg__buf_printf(b, " (%s)</system-out>\n",
			                r->covered_by ? sgg_change_state_name(r->covered_by->state)
			                              : "?");
		}
		sgg__buf_puts(b, "    </testcase>\n");
	}
	/* added, changed and membership changes: for the reviewer, never a failure */
	if (d->n_added || d->n_changed || d->n_memberships) {
		sgg__buf info;

		sgg__buf_init(&info);
		text_information(&info, d);
		sgg__buf_puts(b, "    <system-out>");
		if (info.failed)
			b->failed = true;
		else if (info.data)
			sgg__buf_put_xml(b, info.data + 1); /* without the leading blank line */
		sgg__buf_free(&info);
		sgg__buf_puts(b, "</system-out>\n");
	}
	sgg__buf_puts(b, "  </testsuite>\n");
}

static void junit_consistency(sgg__buf *b, const sgg_diff *d)
{
	size_t failed = 0;

	for (size_t c = 0; c < SGG_ARRAY_SIZE(checks); c++)
		failed += count_kind(d, checks[c].kind) > 0;
	junit_suite(b, d->lint ? "sgguard lint: consistency" : "sgguard diff: consistency",
	            SGG_ARRAY_SIZE(checks), failed, 0);
	if (d->lint)
		junit_properties(b, d);
	for (size_t c = 0; c < SGG_ARRAY_SIZE(checks); c++) {
		size_t n = count_kind(d, checks[c].kind);

		sgg__buf_printf(b,
		                "    <testcase classname=\"sgguard.%s.consistency\" name=\"%s\" "
		                "time=\"0\"",
		                command_name(d), checks[c].name);
		if (n == 0) {
			sgg__buf_puts(b, "/>\n");
			continue;
		}
		sgg__buf_printf(
		    b,
		    ">\n      <failure type=\"dangling-reference\" message=\"%zu dangling "
		    "%s\">",
		    n, plural(n, "reference", "references"));
		for (size_t i = 0; i < d->n_findings; i++) {
			const sgg_diff_finding *f = &d->findings[i];

			if (f->rule != SGG_DIFF_RULE_DANGLING_REFERENCE ||
			    f->kind != checks[c].kind)
				continue;
			sgg__buf_put_xml(b, f->path);
			sgg__buf_puts(b, ": ");
			sgg__buf_put_xml(b, f->message);
			sgg__buf_puts(b, "\n");
		}
		sgg__buf_puts(b, "</failure>\n    </testcase>\n");
	}
	sgg__buf_puts(b, "  </testsuite>\n");
}

static int render_junit(char **out, size_t *len, const sgg_diff *d, sgg_error *err)
{
	sgg__buf b;
	size_t tests = SGG_ARRAY_SIZE(checks), failures = 0;

	for (size_t c = 0; c < SGG_ARRAY_SIZE(checks); c++)
		failures += count_kind(d, checks[c].kind) > 0;
	if (!d->lint) {
		tests += d->n_removals;
		failures += count_rule(d, SGG_DIFF_RULE_REMOVAL_WITHOUT_CHANGE);
	}
	sgg__buf_init(&b);
	junit_open(&b, command_name(d), tests, failures, 0);
	if (!d->lint)
		junit_removals(&b, d);
	junit_consistency(&b, d);
	sgg__buf_puts(&b, "</testsuites>\n");
	return sgg__buf_finish(&b, out, len, err);
}

/* ---- TAP ---- */

/* A test point's description: one line, and no '#' that would start a directive. */
static void tap_description(sgg__buf *b, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '#' || c == '\\')
			sgg__buf_printf(b, "\\%c", c);
		else if (c < 0x20 || c == 0x7f)
			sgg__buf_puts(b, " ");
		else
			sgg__buf_put(b, s, 1);
	}
}

/* A YAML double-quoted scalar. */
static void yaml_string(sgg__buf *b, const char *s)
{
	sgg__buf_puts(b, "\"");
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			sgg__buf_printf(b, "\\%c", c);
		else if (c == '\n')
			sgg__buf_puts(b, "\\n");
		else if (c < 0x20 || c == 0x7f)
			sgg__buf_printf(b, "\\x%02x", c);
		else
			sgg__buf_put(b, s, 1);
	}
	sgg__buf_puts(b, "\"");
}

static int render_tap(char **out, size_t *len, const sgg_diff *d, sgg_error *err)
{
	sgg__buf b;
	char g[SGG_STRING_MAX + 96];
	size_t n = SGG_ARRAY_SIZE(checks) + (d->lint ? 0 : d->n_removals), point = 0;

	sgg__buf_init(&b);
	sgg__buf_printf(&b, "TAP version 13\n1..%zu\n", n);
	for (size_t i = 0; !d->lint && i < d->n_removals; i++) {
		const sgg_removal *r = &d->removals[i];
		const sgg_diff_finding *f = removal_finding(d, r);

		sgg__buf_printf(&b, "%s %zu - removal of ", f ? "not ok" : "ok", ++point);
		tap_description(&b, group_text(r->skill_group, g, sizeof(g)));
		if (!f) {
			sgg__buf_puts(&b, " is covered by change ");
			tap_description(&b, r->covered_by ? r->covered_by->id : "?");
			sgg__buf_printf(&b, " (%s)\n",
			                r->covered_by ? sgg_change_state_name(r->covered_by->state)
			                              : "?");
			continue;
		}
		sgg__buf_puts(
		    &b, " is covered by a change record\n  ---\n  rule: removal-without-change\n"
		        "  severity: block\n  message: ");
		yaml_string(&b, f->message);
		sgg__buf_puts(&b, "\n  ...\n");
	}
	for (size_t c = 0; c < SGG_ARRAY_SIZE(checks); c++) {
		size_t k = count_kind(d, checks[c].kind);

		sgg__buf_printf(&b, "%s %zu - %s\n", k ? "not ok" : "ok", ++point, checks[c].name);
		if (k == 0)
			continue;
		sgg__buf_puts(
		    &b, "  ---\n  rule: dangling-reference\n  severity: block\n  findings:\n");
		for (size_t i = 0; i < d->n_findings; i++) {
			const sgg_diff_finding *f = &d->findings[i];

			if (f->rule != SGG_DIFF_RULE_DANGLING_REFERENCE ||
			    f->kind != checks[c].kind)
				continue;
			sgg__buf_puts(&b, "    - path: ");
			yaml_string(&b, f->path);
			sgg__buf_puts(&b, "\n      message: ");
			yaml_string(&b, f->message);
			sgg__buf_puts(&b, "\n");
		}
		sgg__buf_puts(&b, "  ...\n");
	}
	if (!d->lint)
		sgg__buf_printf(&b, "# %zu added, %zu changed, %zu membership %s\n", d->n_added,
		                d->n_changed, d->n_memberships,
		                plural(d->n_memberships, "change", "changes"));
	sgg__buf_printf(&b, "# verdict: %s\n", sgg_verdict_name(d->verdict));
	return sgg__buf_finish(&b, out, len, err);
}

int sgg_diff_render(char **out, size_t *len, const sgg_diff *diff, sgg_format format,
                    unsigned flags, sgg_error *err)
{
	if (out)
		*out = NULL;
	if (len)
		*len = 0;
	if (!out || !diff)
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL, "NULL argument");
	switch (format) {
	case SGG_FORMAT_TEXT: return render_text(out, len, diff, flags, err);
	case SGG_FORMAT_JSON: return render_json(out, len, diff, err);
	case SGG_FORMAT_JUNIT: return render_junit(out, len, diff, err);
	case SGG_FORMAT_TAP: return render_tap(out, len, diff, err);
	default:
		return sgg__error_set(
		    err, SGG_EINVAL, NULL, NULL,
		    "a diff or lint result is written as text, json, junit or tap");
	}
}

/* ---- input errors ---- */

static int render_error_json(char **out, size_t *len, const sgg_error *error, const char *command,
                             sgg_error *err)
{
	json_t *root = json_object(), *e;

	if (!root || !sgg__json_set(root, "command", json_string(command)) ||
	    !sgg__json_set(root, "verdict", json_string("error")) ||
	    !(e = sgg__json_attach(root, "error", json_object())) ||
	    !sgg__json_set(e, "code", json_string(sgg_strerror(error->code))) ||
	    !sgg__json_set(e, "file",
	                   error->source[0] ? json_string(error->source) : json_null()) ||
	    !sgg__json_set(e, "line", error->line > 0 ? json_integer(error->line) : json_null()) ||
	    !sgg__json_set(e, "column",
	                   error->column > 0 ? json_integer(error->column) : json_null()) ||
	    !sgg__json_set(e, "path", error->path[0] ? json_string(error->path) : json_null()) ||
	    !sgg__json_set(e, "message",
	                   json_string(error->text[0] ? error->text : sgg_strerror(error->code))) ||
	    !sgg__json_set(root, "findings", json_array()))
		goto fail;
	return sgg__json_dump(root, out, len, err);
fail:
	json_decref(root);
	return sgg__error_oom(err);
}

int sgg_diff_render_error(char **out, size_t *len, const sgg_error *error, int lint,
                          sgg_format format, sgg_error *err)
{
	char line[SGG_ERROR_SOURCE_LENGTH + SGG_ERROR_PATH_LENGTH + SGG_ERROR_TEXT_LENGTH + 32];
	const char *command = lint ? "lint" : "diff";
	sgg__buf b;

	if (out)
		*out = NULL;
	if (len)
		*len = 0;
	if (!out || !error)
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL, "NULL argument");
	sgg_error_format(error, line, sizeof(line));
	sgg__buf_init(&b);
	switch (format) {
	case SGG_FORMAT_JSON: return render_error_json(out, len, error, command, err);
	case SGG_FORMAT_JUNIT:
		junit_open(&b, command, 1, 0, 1);
		sgg__buf_printf(
		    &b,
		    "  <testsuite name=\"sgguard %s: input\" tests=\"1\" failures=\"0\" "
		    "errors=\"1\" skipped=\"0\" time=\"0\">\n",
		    command);
		sgg__buf_printf(
		    &b,
		    "    <testcase classname=\"sgguard.%s\" name=\"input\" time=\"0\">\n"
		    "      <error type=\"input\" message=\"",
		    command);
		sgg__buf_put_xml(&b, line);
		sgg__buf_puts(&b, "\">");
		sgg__buf_put_xml(&b, line);
		sgg__buf_puts(&b, "</error>\n    </testcase>\n  </testsuite>\n</testsuites>\n");
		return sgg__buf_finish(&b, out, len, err);
	case SGG_FORMAT_TAP:
		sgg__buf_puts(&b, "TAP version 13\nBail out! ");
		tap_description(&b, line);
		sgg__buf_puts(&b, "\n");
		return sgg__buf_finish(&b, out, len, err);
	default:
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL,
		                      "an error is written as json, junit or tap");
	}
}
