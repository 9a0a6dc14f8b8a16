/*
 * render_json.c - a check report as JSON for scripts and admin tooling.
 * SPDX-License-Identifier: MIT
 */
#include "render.h"
#include "json_output.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* Build helpers: each returns false once anything failed (out of memory). */
static bool set(json_t *obj, const char *key, json_t *value)
{
	return value && json_object_set_new(obj, key, value) == 0;
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *time_value(sgg_time t)
{
	char buf[SGG_TIME_BUFSIZE];

	return t == SGG_TIME_NONE ? json_null() : json_string(sgg_time_format(t, buf));
}

static json_t *group_object(const sgg_skill_group *g)
{
	json_t *o = json_object();

	if (!o || !set(o, "id", json_integer(g->id)) ||
	    !set(o, "peripheral", json_integer(g->peripheral)) ||
	    !set(o, "number", json_integer(g->number)) ||
	    !set(o, "priority", json_integer(g->priority)) || !set(o, "name", json_string(g->name)) ||
	    (g->priority > 0 && !set(o, "base", json_integer(g->base)))) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static json_t *target_object(const sgg_target *t)
{
	json_t *o = group_object(t->skill_group), *subs;

	if (!o || !set(o, "reference", json_string(t->reference)) ||
	    !(subs = json_array()) || !set(o, "subgroups", subs))
		goto fail;
	for (size_t k = 0; k < t->n_subgroups; k++)
		if (json_array_append_new(subs, group_object(t->subgroups[k])) < 0)
			goto fail;
	return o;
fail:
	json_decref(o);
	return NULL;
}

static json_t *finding_object(const sgg_finding *f)
{
	json_t *o = json_object();

	if (!o || !set(o, "rule", json_string(sgg_rule_id(f->rule))) ||
	    !set(o, "severity", json_string(sgg_severity_name(f->severity))) ||
	    !set(o, "message", json_string(f->message)))
		goto fail;
	if (f->agent_id) {
		json_t *a = json_object();

		if (!a || !set(o, "agent", a) || !set(a, "id", json_integer(f->agent_id)) ||
		    !set(a, "number", str_or_null(f->agent_number)) ||
		    !set(a, "name", str_or_null(f->agent_name)) ||
		    !set(a, "team", str_or_null(f->agent_team)) ||
		    !set(a, "state", f->has_state ? json_string(sgg_state_name(f->state)) : json_null()) ||
		    !set(a, "login_at", time_value(f->login_at)))
			goto fail;
	}
	if (f->skill_group && !set(o, "skill_group", group_object(f->skill_group)))
		goto fail;
	if (f->route_id) {
		json_t *rt = json_object();

		if (!rt || !set(o, "route", rt) || !set(rt, "id", json_integer(f->route_id)) ||
		    !set(rt, "name", str_or_null(f->route_name)))
			goto fail;
	}
	if (f->reference && !set(o, "reference", json_string(f->reference)))
		goto fail;
	return o;
fail:
	json_decref(o);
	return NULL;
}

static json_t *notify_object(const sgg_notify *n)
{
	json_t *o = json_object(), *groups;

	if (!o || !set(o, "id", json_integer(n->agent->id)) ||
	    !set(o, "number", json_string(n->agent->number)) ||
	    !set(o, "name", str_or_null(n->agent->name)) ||
	    !set(o, "team", str_or_null(n->agent->team)) ||
	    !set(o, "peripheral", json_integer(n->agent->peripheral)) ||
	    /* an agent on a peripheral the snapshot does not cover: state unknown */
	    !set(o, "state", n->covered ? json_string(sgg_state_name(n->state)) : json_null()) ||
	    !set(o, "logged_in",
	         n->covered ? json_boolean(n->state != SGG_STATE_LOGGED_OUT) : json_null()) ||
	    !set(o, "login_at", time_value(n->login_at)) || !(groups = json_array()) ||
	    !set(o, "skill_groups", groups))
		goto fail;
	for (size_t k = 0; k < n->n_skill_groups; k++)
		if (json_array_append_new(groups, json_integer(n->skill_groups[k])) < 0)
			goto fail;
	return o;
fail:
	json_decref(o);
	return NULL;
}

/* Attach a new container to @p parent and return it (borrowed), or NULL. */
static json_t *attach(json_t *parent, const char *key, json_t *child)
{
	return set(parent, key, child) ? child : NULL;
}

int sgg__render_json(char **out, size_t *len, const sgg_report *r, sgg_error *err)
{
	json_t *root = json_object(), *snap, *summary, *targets, *findings, *notify, *window;

	/* json_object_set_new() consumes its value even when it fails, so every
	 * container is attached to root first, in output order, and filled after */
	if (!root || !set(root, "verdict", json_string(sgg_verdict_name(r->verdict))) ||
	    !set(root, "checked_at", time_value(r->checked_at)) ||
	    !(snap = attach(root, "snapshot", json_object())) ||
	    !set(snap, "taken_at", time_value(r->taken_at)) ||
	    !set(snap, "age_seconds", json_integer(r->checked_at - r->taken_at)) ||
	    !set(snap, "max_age_seconds", json_integer(r->max_age)))
		goto fail;
	if (r->has_window) {
		if (!(window = attach(root, "window", json_object())) ||
		    !set(window, "start", time_value(r->window.start)) ||
		    !set(window, "end", time_value(r->window.end)))
			goto fail;
	} else if (!set(root, "window", json_null())) {
		goto fail;
	}
	if (!set(root, "strict", json_boolean(r->strict)) ||
	    !(summary = attach(root, "summary", json_object())))
		goto fail;
	for (int sev = SGG_SEVERITY_ERROR; sev >= SGG_SEVERITY_INFO; sev--)
		if (!set(summary, sgg_severity_name((sgg_severity)sev),
		         json_integer((json_int_t)r->severity_count[sev])))
			goto fail;
	if (!(targets = attach(root, "targets", json_array())))
		goto fail;
	for (size_t i = 0; i < r->n_targets; i++)
		if (json_array_append_new(targets, target_object(&r->targets[i])) < 0)
			goto fail;
	if (!(findings = attach(root, "findings", json_array())))
		goto fail;
	for (size_t i = 0; i < r->n_findings; i++)
		if (json_array_append_new(findings, finding_object(&r->findings[i])) < 0)
			goto fail;
	if (r->verdict == SGG_VERDICT_ERROR) {
		const sgg_finding *first = r->n_findings ? &r->findings[0] : NULL;
		json_t *e = attach(root, "error", json_object());

		if (!e || !set(e, "message", json_string(first ? first->message : "nothing was checked")) ||
		    (first && first->reference && !set(e, "reference", json_string(first->reference))))
			goto fail;
	}
	if (!(notify = attach(root, "notify", json_array())))
		goto fail;
	for (size_t i = 0; i < r->n_notify; i++)
		if (json_array_append_new(notify, notify_object(&r->notify[i])) < 0)
			goto fail;
	return sgg__json_dump(root, out, len, err);
fail:
	json_decref(root);
	return sgg__error_oom(err);
}

int sgg__render_error_json(char **out, size_t *len, const sgg_error *error, sgg_time at,
                           sgg_error *err)
{
	json_t *root = json_object(), *e;

	if (!root || !set(root, "verdict", json_string("error")) ||
	    !set(root, "checked_at", time_value(at)) || !(e = json_object()) ||
	    !set(root, "error", e) || !set(e, "code", json_string(sgg_strerror(error->code))) ||
	    !set(e, "file", error->source[0] ? json_string(error->source) : json_null()) ||
	    !set(e, "line", error->line > 0 ? json_integer(error->line) : json_null()) ||
	    !set(e, "column", error->column > 0 ? json_integer(error->column) : json_null()) ||
	    !set(e, "path", error->path[0] ? json_string(error->path) : json_null()) ||
	    !set(e, "message", json_string(error->text[0] ? error->text : sgg_strerror(error->code))))
		goto fail;
	if (!set(root, "targets", json_array()) || !set(root, "findings", json_array()) ||
	    !set(root, "notify", json_array()))
		goto fail;
	return sgg__json_dump(root, out, len, err);
fail:
	json_decref(root);
	return sgg__error_oom(err);
}
