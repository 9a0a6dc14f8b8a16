/*
 * render_json.c - a check report as JSON for scripts and admin tooling.
 * SPDX-License-Identifier: MIT
 */
#include "render.h"
#include "json_output.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static json_t *group_object(const sgg_skill_group *g)
{
	json_t *o = json_object();

	if (!o || !sgg__json_set(o, "id", json_integer(g->id)) ||
	    !sgg__json_set(o, "peripheral", json_integer(g->peripheral)) ||
	    !sgg__json_set(o, "number", json_integer(g->number)) ||
	    !sgg__json_set(o, "priority", json_integer(g->priority)) ||
	    !sgg__json_set(o, "name", json_string(g->name)) ||
	    (g->priority > 0 && !sgg__json_set(o, "base", json_integer(g->base)))) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static json_t *target_object(const sgg_target *t)
{
	json_t *o = group_object(t->skill_group), *subs;

	if (!o || !sgg__json_set(o, "reference", json_string(t->reference)) ||
	    !(subs = json_array()) || !sgg__json_set(o, "subgroups", subs))
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

	if (!o || !sgg__json_set(o, "rule", json_string(sgg_rule_id(f->rule))) ||
	    !sgg__json_set(o, "severity", json_string(sgg_severity_name(f->severity))) ||
	    !sgg__json_set(o, "message", json_string(f->message)))
		goto fail;
	if (f->agent_id) {
		json_t *a = json_object();

		if (!a || !sgg__json_set(o, "agent", a) ||
		    !sgg__json_set(a, "id", json_integer(f->agent_id)) ||
		    !sgg__json_set(a, "number", sgg__json_str_or_null(f->agent_number)) ||
		    !sgg__json_set(a, "name", sgg__json_str_or_null(f->agent_name)) ||
		    !sgg__json_set(a, "team", sgg__json_str_or_null(f->agent_team)) ||
		    !sgg__json_set(a, "state",
		                   f->has_state ? json_string(sgg_state_name(f->state))
		                                : json_null()) ||
		    !sgg__json_set(a, "login_at", sgg__json_time(f->login_at)))
			goto fail;
	}
	if (f->skill_group && !sgg__json_set(o, "skill_group", group_object(f->skill_group)))
		goto fail;
	if (f->route_id) {
		json_t *rt = json_object();

		if (!rt || !sgg__json_set(o, "route", rt) ||
		    !sgg__json_set(rt, "id", json_integer(f->route_id)) ||
		    !sgg__json_set(rt, "name", sgg__json_str_or_null(f->route_name)))
			goto fail;
	}
	if (f->reference && !sgg__json_set(o, "reference", json_string(f->reference)))
		goto fail;
	return o;
fail:
	json_decref(o);
	return NULL;
}

static json_t *notify_object(const sgg_notify *n)
{
	json_t *o = json_object(), *groups;

	if (!o || !sgg__json_set(o, "id", json_integer(n->agent->id)) ||
	    !sgg__json_set(o, "number", json_string(n->agent->number)) ||
	    !sgg__json_set(o, "name", sgg__json_str_or_null(n->agent->name)) ||
	    !sgg__json_set(o, "team", sgg__json_str_or_null(n->agent->team)) ||
	    !sgg__json_set(o, "peripheral", json_integer(n->agent->peripheral)) ||
	    /* an agent on a peripheral the snapshot does not cover: state unknown */
	    !sgg__json_set(o, "state",
	                   n->covered ? json_string(sgg_state_name(n->state)) : json_null()) ||
	    !sgg__json_set(o, "logged_in",
	                   n->covered ? json_boolean(n->state != SGG_STATE_LOGGED_OUT)
	                              : json_null()) ||
	    !sgg__json_set(o, "login_at", sgg__json_time(n->login_at)) ||
	    !(groups = json_array()) || !sgg__json_set(o, "skill_groups", groups))
		goto fail;
	for (size_t k = 0; k < n->n_skill_groups; k++)
		if (json_array_append_new(groups, json_integer(n->skill_groups[k])) < 0)
			goto fail;
	return o;
fail:
	json_decref(o);
	return NULL;
}

int sgg__render_json(char **out, size_t *len, const sgg_report *r, sgg_error *err)
{
	json_t *root = json_object(), *snap, *summary, *targets, *findings, *notify, *window;

	/* json_object_set_new() consumes its value even when it fails, so every
	 * container is attached to root first, in output order, and filled after */
	if (!root || !sgg__json_set(root, "verdict", json_string(sgg_verdict_name(r->verdict))) ||
	    !sgg__json_set(root, "checked_at", sgg__json_time(r->checked_at)) ||
	    !(snap = sgg__json_attach(root, "snapshot", json_object())) ||
	    !sgg__json_set(snap, "taken_at", sgg__json_time(r->taken_at)) ||
	    !sgg__json_set(snap, "age_seconds", json_integer(r->checked_at - r->taken_at)) ||
	    !sgg__json_set(snap, "max_age_seconds", json_integer(r->max_age)))
		goto fail;
	if (r->has_window) {
		if (!(window = sgg__json_attach(root, "window", json_object())) ||
		    !sgg__json_set(window, "start", sgg__json_time(r->window.start)) ||
		    !sgg__json_set(window, "end", sgg__json_time(r->window.end)))
			goto fail;
	} else if (!sgg__json_set(root, "window", json_null())) {
		goto fail;
	}
	if (!sgg__json_set(root, "strict", json_boolean(r->strict)) ||
	    !(summary = sgg__json_attach(root, "summary", json_object())))
		goto fail;
	for (int sev = SGG_SEVERITY_ERROR; sev >= SGG_SEVERITY_INFO; sev--)
		if (!sgg__json_set(summary, sgg_severity_name((sgg_severity)sev),
		                   json_integer((json_int_t)r->severity_count[sev])))
			goto fail;
	if (!(targets = sgg__json_attach(root, "targets", json_array())))
		goto fail;
	for (size_t i = 0; i < r->n_targets; i++)
		if (json_array_append_new(targets, target_object(&r->targets[i])) < 0)
			goto fail;
	if (!(findings = sgg__json_attach(root, "findings", json_array())))
		goto fail;
	for (size_t i = 0; i < r->n_findings; i++)
		if (json_array_append_new(findings, finding_object(&r->findings[i])) < 0)
			goto fail;
	if (r->verdict == SGG_VERDICT_ERROR) {
		const sgg_finding *first = r->n_findings ? &r->findings[0] : NULL;
		json_t *e = sgg__json_attach(root, "error", json_object());

		if (!e ||
		    !sgg__json_set(e, "message",
		                   json_string(first ? first->message : "nothing was checked")) ||
		    (first && first->reference &&
		     !sgg__json_set(e, "reference", json_string(first->reference))))
			goto fail;
	}
	if (!(notify = sgg__json_attach(root, "notify", json_array())))
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

	if (!root || !sgg__json_set(root, "verdict", json_string("error")) ||
	    !sgg__json_set(root, "checked_at", sgg__json_time(at)) || !(e = json_object()) ||
	    !sgg__json_set(root, "error", e) ||
	    !sgg__json_set(e, "code", json_string(sgg_strerror(error->code))) ||
	    !sgg__json_set(e, "file",
	                   error->source[0] ? json_string(error->source) : json_null()) ||
	    !sgg__json_set(e, "line", error->line > 0 ? json_integer(error->line) : json_null()) ||
	    !sgg__json_set(e, "column",
	                   error->column > 0 ? json_integer(error->column) : json_null()) ||
	    !sgg__json_set(e, "path", error->path[0] ? json_string(error->path) : json_null()) ||
	    !sgg__json_set(e, "message",
	                   json_string(error->text[0] ? error->text : sgg_strerror(error->code))))
		goto fail;
	if (!sgg__json_set(root, "targets", json_array()) ||
	    !sgg__json_set(root, "findings", json_array()) ||
	    !sgg__json_set(root, "notify", json_array()))
		goto fail;
	return sgg__json_dump(root, out, len, err);
fail:
	json_decref(root);
	return sgg__error_oom(err);
}
