/*
 * change_record_json.c - the sgguard-change/1 record: JSON to model, with
 * every field checked and the log replayed against the state, and model
 * back to JSON.
 * SPDX-License-Identifier: MIT
 */
#include "json_output.h"
#include "change_json.h"
#include "json_input.h"

#include <stdio.h>
#include <string.h>

/* ---- reading ---- */

typedef struct reader {
	sgg_change *c;
	sgg_error *err;
	int64_t *ids; /* scratch for id arrays */
	size_t cap_ids;
} reader;

/* Write a JSON path; a path too long for an error is cut, never overflowed. */
static void pathf(char *buf, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void pathf(char *buf, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, SGG_ERROR_PATH_LENGTH, fmt, ap);
	va_end(ap);
}

static int oom(reader *r)
{
	return sgg__error_oom(r->err);
}

static int bad(reader *r, int code, const char *path, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

static int bad(reader *r, int code, const char *path, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sgg__error_vset(r->err, code, NULL, path, fmt, ap);
	va_end(ap);
	return code;
}

/* A required string, copied into the record; bounded in length. */
static int get_str(reader *r, json_t *obj, const char *prefix, const char *key, bool required,
                   size_t max, const char **out)
{
	const char *s = NULL;
	char path[SGG_ERROR_PATH_LENGTH];
	int rc = sgg__json_get_string(obj, prefix, key, required, &s, r->err);

	*out = NULL;
	if (rc < 0 || !s)
		return rc;
	pathf(path, "%s%s%s", prefix, prefix[0] ? "." : "", key);
	if (strlen(s) > max || (required && !s[0]))
		return bad(r, SGG_ESHAPE, path, s[0] ? "is too long" : "must not be empty");
	if (strlen(s) != json_string_length(json_object_get(obj, key)))
		return bad(r, SGG_ESHAPE, path, "must not contain a NUL character");
	if (!(*out = sgg__arena_strdup(&r->c->strings, s)))
		return oom(r);
	return 0;
}

static int get_ranged(reader *r, json_t *obj, const char *prefix, const char *key, int64_t lo,
                      int64_t hi, int64_t *out)
{
	char path[SGG_ERROR_PATH_LENGTH];
	int rc = sgg__json_get_int(obj, prefix, key, true, out, NULL, r->err);

	if (rc < 0)
		return rc;
	if (*out < lo || *out > hi) {
		pathf(path, "%s%s%s", prefix, prefix[0] ? "." : "", key);
		return sgg__error_set(r->err, SGG_ESHAPE, NULL, path, "%lld is out of range",
		                      (long long)*out);
	}
	return 0;
}

static int get_object(reader *r, json_t *obj, const char *prefix, const char *key, bool required,
                      json_t **out)
{
	json_t *v = json_object_get(obj, key);
	char path[SGG_ERROR_PATH_LENGTH];

	*out = NULL;
	pathf(path, "%s%s%s", prefix, prefix[0] ? "." : "", key);
	if (!v || json_is_null(v))
		return required ? bad(r, SGG_ESHAPE, path, "missing required field") : 0;
	if (!json_is_object(v))
		return sgg__error_set(r->err, SGG_ESHAPE, NULL, path, "must be an object, not %s",
		                      sgg__json_type_name(v));
	*out = v;
	return 0;
}

/* An array of ids copied into the record's arena. */
static int get_ids(reader *r, json_t *obj, const char *prefix, const char *key, int64_t **out,
                   size_t *n)
{
	json_t *arr;
	char path[SGG_ERROR_PATH_LENGTH];
	int rc;

	*out = NULL;
	*n = 0;
	if ((rc = sgg__json_get_array(obj, prefix, key, true, &arr, r->err)) < 0)
		return rc;
	pathf(path, "%s%s%s", prefix, prefix[0] ? "." : "", key);
	if ((rc = sgg__json_get_ids(arr, path, &r->ids, &r->cap_ids, n, r->err)) < 0)
		return rc;
	if (*n) {
		*out = sgg__arena_alloc(&r->c->strings, *n * sizeof(int64_t));
		if (!*out)
			return oom(r);
		memcpy(*out, r->ids, *n * sizeof(int64_t));
	}
	return 0;
}

static int read_group(reader *r, json_t *o, const char *path, sgg_skill_group *g)
{
	int64_t v;
	int rc;

	if ((rc = sgg__json_expect_object(o, path, r->err)) < 0)
		return rc;
	memset(g, 0, sizeof(*g));
	if ((rc = get_ranged(r, o, path, "id", 1, SGG_ID_MAX, &g->id)) < 0 ||
	    (rc = get_ranged(r, o, path, "peripheral", 1, SGG_PERIPHERAL_MAX, &v)) < 0)
		return rc;
	g->peripheral = (int)v;
	if ((rc = get_ranged(r, o, path, "number", 0, SGG_NUMBER_MAX, &g->number)) < 0 ||
	    (rc = get_ranged(r, o, path, "priority", 0, SGG_PRIORITY_MAX, &v)) < 0)
		return rc;
	g->priority = (int)v;
	if ((rc = get_str(r, o, path, "name", true, SGG_STRING_MAX, &g->name)) < 0)
		return rc;
	if (g->priority > 0 && (rc = get_ranged(r, o, path, "base", 1, SGG_ID_MAX, &g->base)) < 0)
		return rc;
	return 0;
}

static int read_targets(reader *r, json_t *root)
{
	sgg_change *c = r->c;
	json_t *arr;
	char path[SGG_ERROR_PATH_LENGTH], sub[SGG_ERROR_PATH_LENGTH];
	int rc;

	if ((rc = sgg__json_get_array(root, "", "targets", true, &arr, r->err)) < 0)
		return rc;
	if (json_array_size(arr) == 0)
		return bad(r, SGG_ESHAPE, "targets", "a change removes at least one skill group");
	c->targets = sgg__arena_alloc(&c->strings, json_array_size(arr) * sizeof(*c->targets));
	if (!c->targets)
		return oom(r);
	for (size_t i = 0; i < json_array_size(arr); i++) {
		json_t *o = json_array_get(arr, i), *subs;
		sgg_target *t = &c->targets[i];
		sgg_skill_group *g, *gs = NULL;
		size_t n_subs;

		pathf(path, "targets[%zu]", i);
		memset(t, 0, sizeof(*t));
		if (!(g = sgg__arena_alloc(&c->strings, sizeof(*g))))
			return oom(r);
		if ((rc = read_group(r, o, path, g)) < 0 ||
		    (rc = get_str(r, o, path, "reference", true, SGG_STRING_MAX + 16,
		                  &t->reference)) < 0 ||
		    (rc = sgg__json_get_array(o, path, "subgroups", true, &subs, r->err)) < 0)
			return rc;
		t->skill_group = g;
		n_subs = json_array_size(subs);
		if (n_subs && g->priority > 0) {
			pathf(sub, "%s.subgroups", path);
			return bad(r, SGG_ESHAPE, sub,
			           "only a base skill group brings sub-skill groups");
		}
		if (n_subs && !(gs = sgg__arena_alloc(&c->strings, n_subs * sizeof(*gs))))
			return oom(r);
		{
			const sgg_skill_group **ptrs =
			    n_subs ? sgg__arena_alloc(&c->strings,
			                              n_subs * sizeof(const sgg_skill_group *))
			           : NULL;

			if (n_subs && !ptrs)
				return oom(r);
			for (size_t k = 0; k < n_subs; k++) {
				pathf(sub, "%s.subgroups[%zu]", path, k);
				if ((rc = read_group(r, json_array_get(subs, k), sub, &gs[k])) < 0)
					return rc;
				if (gs[k].priority == 0 || gs[k].base != g->id)
					return sgg__error_set(
					    r->err, SGG_ESHAPE, NULL, sub,
					    "is not a sub-skill group of target %lld",
					    (long long)g->id);
				ptrs[k] = &gs[k];
			}
			t->subgroups = ptrs;
		}
		t->n_subgroups = n_subs;
		c->n_targets++;
	}
	/* every target group appears once */
	for (size_t i = 0; i < c->n_targets; i++)
		for (size_t j = 0; j < c->n_targets; j++) {
			if (i != j &&
			    c->targets[i].skill_group->id == c->targets[j].skill_group->id) {
				pathf(path, "targets[%zu].id", j);
				return bad(r, SGG_EDUP, path,
				           "the same skill group is a target twice");
			}
			for (size_t k = 0; k < c->targets[j].n_subgroups; k++)
				if (c->targets[i].skill_group->id ==
				    c->targets[j].subgroups[k]->id) {
					pathf(path, "targets[%zu].id", i);
					return bad(
					    r, SGG_EDUP, path,
					    "is already a sub-skill group of another target");
				}
		}
	return 0;
}

static int read_window(reader *r, json_t *root)
{
	sgg_change *c = r->c;
	json_t *w;
	int rc;

	if ((rc = get_object(r, root, "", "window", true, &w)) < 0 ||
	    (rc = sgg__json_get_time(w, "window", "start", true, &c->window.start, r->err)) < 0 ||
	    (rc = sgg__json_get_time(w, "window", "end", true, &c->window.end, r->err)) < 0 ||
	    (rc = get_str(r, w, "window", "zone", false, 128, &c->zone)) < 0 ||
	    (rc = get_str(r, w, "window", "as_written", true, 200, &c->window_text)) < 0)
		return rc;
	if (c->window.end <= c->window.start)
		return bad(r, SGG_ESHAPE, "window.end", "must be after window.start");
	return 0;
}

static int read_notify(reader *r, json_t *root)
{
	sgg_change *c = r->c;
	json_t *arr;
	char path[SGG_ERROR_PATH_LENGTH];
	int rc;

	if ((rc = sgg__json_get_array(root, "", "notify", true, &arr, r->err)) < 0)
		return rc;
	if (json_array_size(arr)) {
		c->members =
		    sgg__arena_alloc(&c->strings, json_array_size(arr) * sizeof(*c->members));
		if (!c->members)
			return oom(r);
	}
	for (size_t i = 0; i < json_array_size(arr); i++) {
		json_t *o = json_array_get(arr, i);
		sgg__member *m = &c->members[i];
		int64_t v;

		pathf(path, "notify[%zu]", i);
		memset(m, 0, sizeof(*m));
		if ((rc = sgg__json_expect_object(o, path, r->err)) < 0 ||
		    (rc = get_ranged(r, o, path, "id", 1, SGG_ID_MAX, &m->agent.id)) < 0 ||
		    (rc = get_ranged(r, o, path, "peripheral", 1, SGG_PERIPHERAL_MAX, &v)) < 0)
			return rc;
		m->agent.peripheral = (int)v;
		if ((rc = get_str(r, o, path, "number", true, SGG_STRING_MAX, &m->agent.number)) <
		        0 ||
		    (rc = get_str(r, o, path, "name", false, SGG_STRING_MAX, &m->agent.name)) < 0 ||
		    (rc = get_str(r, o, path, "team", false, SGG_STRING_MAX, &m->agent.team)) < 0 ||
		    (rc = get_ids(r, o, path, "skill_groups", &m->groups, &m->n_groups)) < 0)
			return rc;
		if (i > 0 && c->members[i - 1].agent.id >= m->agent.id)
			return bad(r, SGG_ESHAPE, path, "must be ordered by id, each agent once");
		for (size_t k = 0; k < m->n_groups; k++)
			if (!sgg_change_covers(c, m->groups[k])) {
				pathf(path, "notify[%zu].skill_groups[%zu]", i, k);
				return sgg__error_set(r->err, SGG_EREF, NULL, path,
				                      "%lld is not a target of this change",
				                      (long long)m->groups[k]);
			}
		c->n_members++;
	}
	return 0;
}

static int parse_enum(const char *name, int count, const char *(*name_of)(int))
{
	for (int i = 0; i < count; i++)
		if (strcmp(name, name_of(i)) == 0)
			return i;
	return -1;
}

static const char *state_name_i(int i)
{
	return sgg_change_state_name((sgg_change_state)i);
}

static const char *step_name_i(int i)
{
	return sgg_change_step_name((sgg_change_step)i);
}

static const char *rule_name_i(int i)
{
	return sgg_rule_id((sgg_rule)i);
}

static const char *agent_state_i(int i)
{
	return sgg_state_name((sgg_agent_state)i);
}

static int get_count(reader *r, json_t *o, const char *prefix, const char *key, size_t *out,
                     bool *found)
{
	int64_t v = 0;
	char path[SGG_ERROR_PATH_LENGTH];
	int rc = sgg__json_get_int(o, prefix, key, false, &v, found, r->err);

	if (rc < 0)
		return rc;
	if (v < 0 || v > SGG_ID_MAX) {
		pathf(path, "%s.%s", prefix, key);
		return bad(r, SGG_ESHAPE, path, "is out of range");
	}
	*out = (size_t)v;
	return 0;
}

static int read_blocker(reader *r, json_t *o, const char *path, sgg__blocker *b)
{
	const char *rule = NULL;
	json_t *a, *g;
	char sub[SGG_ERROR_PATH_LENGTH];
	int rc, i;

	memset(b, 0, sizeof(*b));
	if ((rc = sgg__json_expect_object(o, path, r->err)) < 0 ||
	    (rc = sgg__json_get_string(o, path, "rule", true, &rule, r->err)) < 0)
		return rc;
	if ((i = parse_enum(rule, SGG_RULE_COUNT, rule_name_i)) < 0) {
		pathf(sub, "%s.rule", path);
		return bad(r, SGG_ESHAPE, sub, "\"%.60s\" is not a rule id", rule);
	}
	b->rule = (sgg_rule)i;
	if ((rc = get_str(r, o, path, "message", true, SGG__CHANGE_TEXT_MAX, &b->message)) < 0 ||
	    (rc = get_object(r, o, path, "agent", false, &a)) < 0 ||
	    (rc = get_object(r, o, path, "skill_group", false, &g)) < 0)
		return rc;
	if (a) {
		const char *state = NULL;

		pathf(sub, "%s.agent", path);
		if ((rc = get_ranged(r, a, sub, "id", 1, SGG_ID_MAX, &b->agent_id)) < 0 ||
		    (rc = get_str(r, a, sub, "number", false, SGG_STRING_MAX, &b->agent_number)) <
		        0 ||
		    (rc = get_str(r, a, sub, "name", false, SGG_STRING_MAX, &b->agent_name)) < 0 ||
		    (rc = sgg__json_get_string(a, sub, "state", false, &state, r->err)) < 0)
			return rc;
		if (state) {
			if ((i = parse_enum(state, SGG_STATE_COUNT, agent_state_i)) < 0) {
				pathf(sub, "%s.agent.state", path);
				return bad(r, SGG_ESHAPE, sub, "\"%.60s\" is not an agent state",
				           state);
			}
			b->has_state = true;
			b->state = (sgg_agent_state)i;
		}
	}
	if (g) {
		pathf(sub, "%s.skill_group", path);
		if ((rc = read_group(r, g, sub, &b->group)) < 0)
			return rc;
		b->has_group = true;
	}
	return 0;
}

static int read_evidence(reader *r, json_t *o, const char *path, sgg__evidence *ev)
{
	json_t *snap, *counts, *blockers = NULL, *exp;
	char sub[SGG_ERROR_PATH_LENGTH];
	int rc;

	memset(ev, 0, sizeof(*ev));
	ev->exported_at = SGG_TIME_NONE;
	if ((rc = get_object(r, o, path, "snapshot", false, &snap)) < 0 ||
	    (rc = get_object(r, o, path, "counts", false, &counts)) < 0 ||
	    (rc = sgg__json_get_array(o, path, "blockers", false, &blockers, r->err)) < 0 ||
	    (rc = get_object(r, o, path, "export", false, &exp)) < 0)
		return rc;
	if (snap) {
		pathf(sub, "%s.snapshot", path);
		ev->has_snapshot = true;
		if ((rc = sgg__json_get_time(snap, sub, "taken_at", true, &ev->taken_at, r->err)) <
		        0 ||
		    (rc = sgg__json_get_int(snap, sub, "age_seconds", true, &ev->age, NULL,
		                            r->err)) < 0 ||
		    (rc = get_ranged(r, snap, sub, "max_age_seconds", 0, INT64_C(1) << 40,
		                     &ev->max_age)) < 0)
			return rc;
	}
	if (counts) {
		pathf(sub, "%s.counts", path);
		ev->has_counts = true;
		for (int s = SGG_SEVERITY_INFO; s <= SGG_SEVERITY_ERROR; s++) {
			bool found = false;

			if ((rc = get_count(r, counts, sub, sgg_severity_name((sgg_severity)s),
			                    &ev->counts[s], &found)) < 0)
				return rc;
			if (!found) {
				pathf(sub, "%s.counts.%s", path,
				      sgg_severity_name((sgg_severity)s));
				return bad(r, SGG_ESHAPE, sub, "missing required field");
			}
		}
	}
	if (blockers && json_array_size(blockers)) {
		ev->blockers = sgg__arena_alloc(&r->c->strings,
		                                json_array_size(blockers) * sizeof(*ev->blockers));
		if (!ev->blockers)
			return oom(r);
		for (size_t i = 0; i < json_array_size(blockers); i++) {
			pathf(sub, "%s.blockers[%zu]", path, i);
			if ((rc = read_blocker(r, json_array_get(blockers, i), sub,
			                       &ev->blockers[i])) < 0)
				return rc;
			ev->n_blockers++;
		}
	}
	if (exp) {
		pathf(sub, "%s.export", path);
		ev->has_export = true;
		if ((rc = sgg__json_get_time(exp, sub, "exported_at", false, &ev->exported_at,
		                             r->err)) < 0)
			return rc;
	}
	if (json_object_get(o, "still_present") &&
	    (rc = get_ids(r, o, path, "still_present", &ev->still_present, &ev->n_still_present)) <
	        0)
		return rc;
	if ((rc = get_count(r, o, path, "notified", &ev->notified, &ev->has_notified)) < 0 ||
	    (rc = get_count(r, o, path, "logged_in", &ev->logged_in, &ev->has_logged_in)) < 0)
		return rc;
	return 0;
}

static int read_entry(reader *r, json_t *o, const char *path, sgg__entry *e)
{
	const char *step = NULL, *outcome = NULL;
	json_t *ev;
	bool overridden = false;
	char sub[SGG_ERROR_PATH_LENGTH];
	int rc, i;

	memset(e, 0, sizeof(*e));
	if ((rc = sgg__json_expect_object(o, path, r->err)) < 0 ||
	    (rc = sgg__json_get_time(o, path, "at", true, &e->pub.at, r->err)) < 0 ||
	    (rc = get_str(r, o, path, "by", true, SGG__CHANGE_BY_MAX, &e->pub.by)) < 0 ||
	    (rc = sgg__json_get_string(o, path, "step", true, &step, r->err)) < 0 ||
	    (rc = sgg__json_get_string(o, path, "outcome", true, &outcome, r->err)) < 0 ||
	    (rc = get_str(r, o, path, "reason", false, SGG__CHANGE_TEXT_MAX, &e->pub.reason)) < 0 ||
	    (rc = sgg__json_get_bool(o, path, "override", false, &overridden, r->err)) < 0 ||
	    (rc = get_object(r, o, path, "evidence", false, &ev)) < 0)
		return rc;
	if ((i = parse_enum(step, SGG_CHANGE_STEP_ABORT + 1, step_name_i)) < 0) {
		pathf(sub, "%s.step", path);
		return bad(r, SGG_ESHAPE, sub, "\"%.60s\" is not a step", step);
	}
	e->pub.step = (sgg_change_step)i;
	if (strcmp(outcome, "done") != 0 && strcmp(outcome, "refused") != 0) {
		pathf(sub, "%s.outcome", path);
		return bad(r, SGG_ESHAPE, sub, "\"%.60s\" is neither \"done\" nor \"refused\"",
		           outcome);
	}
	e->pub.done = outcome[0] == 'd';
	e->pub.overridden = overridden;
	if (overridden && (!e->pub.done || e->pub.step != SGG_CHANGE_STEP_REMOVE)) {
		pathf(sub, "%s.override", path);
		return bad(r, SGG_ESHAPE, sub, "only a remove that was done can be an override");
	}
	if (!e->pub.done && !e->pub.reason) {
		pathf(sub, "%s.reason", path);
		return bad(r, SGG_ESHAPE, sub, "a refused step records why");
	}
	if (ev) {
		pathf(sub, "%s.evidence", path);
		if ((rc = read_evidence(r, ev, sub, &e->ev)) < 0)
			return rc;
	}
	return 0;
}

/* Replay the log: it must start with the plan and lead, step by step, to the state. */
static int replay(reader *r)
{
	sgg_change *c = r->c;
	sgg_change_state cur = SGG_CHANGE_PLANNED;
	size_t overrides = 0;
	char path[SGG_ERROR_PATH_LENGTH];

	if (c->n_log == 0 || c->log[0].pub.step != SGG_CHANGE_STEP_PLAN || !c->log[0].pub.done)
		return bad(r, SGG_ESTATE, "log[0]",
		           "the log must start with the plan that was done");
	for (size_t i = 1; i < c->n_log; i++) {
		const sgg_change_entry *e = &c->log[i].pub;
		int next;

		pathf(path, "log[%zu]", i);
		if (e->step == SGG_CHANGE_STEP_PLAN)
			return bad(r, SGG_ESTATE, path,
			           "a change is planned once, at the start of its log");
		if (!e->done)
			continue;
		next = sgg__change_next_state(e->step, cur);
		if (next < 0)
			return sgg__error_set(r->err, SGG_ESTATE, NULL, path,
			                      "a %s that was done cannot follow state %s",
			                      sgg_change_step_name(e->step),
			                      sgg_change_state_name(cur));
		overrides += e->overridden != 0;
		cur = (sgg_change_state)next;
	}
	if (cur != c->state)
		return sgg__error_set(r->err, SGG_ESTATE, NULL, "state",
		                      "is %s, but the log leads to %s: the record was altered",
		                      sgg_change_state_name(c->state), sgg_change_state_name(cur));
	if ((overrides > 0) != c->has_override)
		return bad(r, SGG_ESTATE, "override",
		           c->has_override ? "no remove in the log was an override"
		                           : "missing: the log has a remove done by override");
	return 0;
}

static int read_override(reader *r, json_t *root)
{
	sgg_change *c = r->c;
	json_t *o;
	int rc;

	if ((rc = get_object(r, root, "", "override", false, &o)) < 0 || !o)
		return rc;
	c->has_override = true;
	if ((rc = sgg__json_get_time(o, "override", "at", true, &c->override_at, r->err)) < 0 ||
	    (rc = get_str(r, o, "override", "by", true, SGG__CHANGE_BY_MAX, &c->override_by)) < 0 ||
	    (rc = get_str(r, o, "override", "reason", true, SGG__CHANGE_TEXT_MAX,
	                  &c->override_reason)) < 0 ||
	    (rc = get_ids(r, o, "override", "agents", &c->override_agents, &c->n_override_agents)) <
	        0)
		return rc;
	if (c->n_override_agents == 0)
		return bad(r, SGG_ESHAPE, "override.agents",
		           "an override names the agents it passed");
	return 0;
}

static int read_record(reader *r, json_t *root)
{
	sgg_change *c = r->c;
	const char *state = NULL;
	json_t *log;
	char path[SGG_ERROR_PATH_LENGTH];
	int rc, i;

	if ((rc = sgg__json_check_format(root, SGG__CHANGE_FORMAT, r->err)) < 0 ||
	    (rc = get_str(r, root, "", "id", true, SGG__CHANGE_ID_MAX, &c->id)) < 0 ||
	    (rc = get_str(r, root, "", "planned_by", true, SGG__CHANGE_BY_MAX, &c->planned_by)) <
	        0 ||
	    (rc = sgg__json_get_time(root, "", "planned_at", true, &c->planned_at, r->err)) < 0 ||
	    (rc = read_targets(r, root)) < 0 || (rc = read_window(r, root)) < 0 ||
	    (rc = read_notify(r, root)) < 0 ||
	    (rc = sgg__json_get_string(root, "", "state", true, &state, r->err)) < 0)
		return rc;
	if ((i = parse_enum(state, SGG_CHANGE_ABORTED + 1, state_name_i)) < 0)
		return bad(r, SGG_ESHAPE, "state", "\"%.60s\" is not a change state", state);
	c->state = (sgg_change_state)i;
	if ((rc = read_override(r, root)) < 0 ||
	    (rc = sgg__json_get_array(root, "", "log", true, &log, r->err)) < 0)
		return rc;
	for (size_t k = 0; k < json_array_size(log); k++) {
		sgg__entry *e = sgg__change_log_append(c);

		if (!e)
			return oom(r);
		pathf(path, "log[%zu]", k);
		if ((rc = read_entry(r, json_array_get(log, k), path, e)) < 0)
			return rc;
	}
	return replay(r);
}

int sgg__change_parse(sgg_change **out, const char *data, size_t len, const char *source,
                      sgg_error *err)
{
	reader r = {NULL, err, NULL, 0};
	json_t *root = NULL;
	int rc;

	*out = NULL;
	if ((rc = sgg__json_parse(&root, data, len, source, err)) < 0)
		return rc;
	if (!(r.c = sgg__change_alloc())) {
		rc = sgg__error_oom(err);
		goto out;
	}
	if ((rc = read_record(&r, root)) < 0) {
		sgg__error_set_source(err, source);
		goto out;
	}
	*out = r.c;
	r.c = NULL;
out:
	sgg_change_free(r.c);
	sgg__free_ptr(r.ids);
	json_decref(root);
	return rc;
}

/* ---- writing ---- */

static json_t *ids_value(const int64_t *ids, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; a && i < n; i++)
		if (!sgg__json_append(a, json_integer(ids[i]))) {
			json_decref(a);
			return NULL;
		}
	return a;
}

static bool put_group(json_t *o, const sgg_skill_group *g)
{
	return sgg__json_set(o, "id", json_integer(g->id)) &&
	       sgg__json_set(o, "peripheral", json_integer(g->peripheral)) &&
	       sgg__json_set(o, "number", json_integer(g->number)) &&
	       sgg__json_set(o, "priority", json_integer(g->priority)) &&
	       (g->priority == 0 || sgg__json_set(o, "base", json_integer(g->base))) &&
	       sgg__json_set(o, "name", json_string(g->name));
}

static json_t *group_value(const sgg_skill_group *g)
{
	json_t *o = json_object();

	if (o && !put_group(o, g)) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static bool put_evidence(json_t *e, const sgg__evidence *ev)
{
	json_t *o, *arr;

	if (ev->has_snapshot && (!(o = sgg__json_attach(e, "snapshot", json_object())) ||
	                         !sgg__json_set(o, "taken_at", sgg__json_time(ev->taken_at)) ||
	                         !sgg__json_set(o, "age_seconds", json_integer(ev->age)) ||
	                         !sgg__json_set(o, "max_age_seconds", json_integer(ev->max_age))))
		return false;
	if (ev->has_counts) {
		if (!(o = sgg__json_attach(e, "counts", json_object())))
			return false;
		for (int s = SGG_SEVERITY_ERROR; s >= SGG_SEVERITY_INFO; s--)
			if (!sgg__json_set(o, sgg_severity_name((sgg_severity)s),
			                   json_integer((json_int_t)ev->counts[s])))
				return false;
	}
	if (ev->has_snapshot || ev->n_blockers) {
		if (!(arr = sgg__json_attach(e, "blockers", json_array())))
			return false;
		for (size_t i = 0; i < ev->n_blockers; i++) {
			const sgg__blocker *b = &ev->blockers[i];
			json_t *bo = json_object(), *a;

			if (!sgg__json_append(arr, bo) ||
			    !sgg__json_set(bo, "rule", json_string(sgg_rule_id(b->rule))) ||
			    !sgg__json_set(bo, "message", json_string(b->message)))
				return false;
			if (b->agent_id) {
				if (!(a = sgg__json_attach(bo, "agent", json_object())) ||
				    !sgg__json_set(a, "id", json_integer(b->agent_id)) ||
				    !sgg__json_set(a, "number",
				                   sgg__json_str_or_null(b->agent_number)) ||
				    !sgg__json_set(a, "name",
				                   sgg__json_str_or_null(b->agent_name)) ||
				    !sgg__json_set(a, "state",
				                   b->has_state
				                       ? json_string(sgg_state_name(b->state))
				                       : json_null()))
					return false;
			}
			if (b->has_group &&
			    !sgg__json_set(bo, "skill_group", group_value(&b->group)))
				return false;
		}
	}
	if (ev->has_export &&
	    (!(o = sgg__json_attach(e, "export", json_object())) ||
	     !sgg__json_set(o, "exported_at", sgg__json_time(ev->exported_at)) ||
	     !sgg__json_set(e, "still_present", ids_value(ev->still_present, ev->n_still_present))))
		return false;
	if (ev->has_notified &&
	    !sgg__json_set(e, "notified", json_integer((json_int_t)ev->notified)))
		return false;
	if (ev->has_logged_in &&
	    !sgg__json_set(e, "logged_in", json_integer((json_int_t)ev->logged_in)))
		return false;
	return true;
}

static bool evidence_empty(const sgg__evidence *ev)
{
	return !ev->has_snapshot && !ev->has_counts && !ev->n_blockers && !ev->has_export &&
	       !ev->has_notified && !ev->has_logged_in;
}

json_t *sgg__change_entry_json(const sgg__entry *e)
{
	json_t *o = json_object(), *ev;

	if (!o || !sgg__json_set(o, "at", sgg__json_time(e->pub.at)) ||
	    !sgg__json_set(o, "by", json_string(e->pub.by)) ||
	    !sgg__json_set(o, "step", json_string(sgg_change_step_name(e->pub.step))) ||
	    !sgg__json_set(o, "outcome", json_string(e->pub.done ? "done" : "refused")) ||
	    !sgg__json_set(o, "reason", sgg__json_str_or_null(e->pub.reason)) ||
	    (e->pub.overridden && !sgg__json_set(o, "override", json_true())))
		goto fail;
	if (evidence_empty(&e->ev)) {
		if (!sgg__json_set(o, "evidence", json_null()))
			goto fail;
	} else if (!(ev = sgg__json_attach(o, "evidence", json_object())) ||
	           !put_evidence(ev, &e->ev)) {
		goto fail;
	}
	return o;
fail:
	json_decref(o);
	return NULL;
}

json_t *sgg__change_json(const sgg_change *c)
{
	json_t *root = json_object(), *w, *arr, *o;

	if (!root || !sgg__json_set(root, "format", json_string(SGG__CHANGE_FORMAT)) ||
	    !sgg__json_set(root, "id", json_string(c->id)) ||
	    !sgg__json_set(root, "planned_by", json_string(c->planned_by)) ||
	    !sgg__json_set(root, "planned_at", sgg__json_time(c->planned_at)) ||
	    !sgg__json_set(root, "state", json_string(sgg_change_state_name(c->state))) ||
	    !(w = sgg__json_attach(root, "window", json_object())) ||
	    !sgg__json_set(w, "start", sgg__json_time(c->window.start)) ||
	    !sgg__json_set(w, "end", sgg__json_time(c->window.end)) ||
	    !sgg__json_set(w, "zone", sgg__json_str_or_null(c->zone)) ||
	    !sgg__json_set(w, "as_written", json_string(c->window_text)) ||
	    !(arr = sgg__json_attach(root, "targets", json_array())))
		goto fail;
	for (size_t i = 0; i < c->n_targets; i++) {
		const sgg_target *t = &c->targets[i];
		json_t *subs;

		if (!sgg__json_append(arr, o = json_object()) ||
		    !sgg__json_set(o, "reference", json_string(t->reference)) ||
		    !put_group(o, t->skill_group) ||
		    !(subs = sgg__json_attach(o, "subgroups", json_array())))
			goto fail;
		for (size_t k = 0; k < t->n_subgroups; k++)
			if (!sgg__json_append(subs, group_value(t->subgroups[k])))
				goto fail;
	}
	if (!(arr = sgg__json_attach(root, "notify", json_array())))
		goto fail;
	for (size_t i = 0; i < c->n_members; i++) {
		const sgg__member *m = &c->members[i];

		if (!sgg__json_append(arr, o = json_object()) ||
		    !sgg__json_set(o, "id", json_integer(m->agent.id)) ||
		    !sgg__json_set(o, "peripheral", json_integer(m->agent.peripheral)) ||
		    !sgg__json_set(o, "number", json_string(m->agent.number)) ||
		    !sgg__json_set(o, "name", sgg__json_str_or_null(m->agent.name)) ||
		    !sgg__json_set(o, "team", sgg__json_str_or_null(m->agent.team)) ||
		    !sgg__json_set(o, "skill_groups", ids_value(m->groups, m->n_groups)))
			goto fail;
	}
	if (c->has_override) {
		if (!(o = sgg__json_attach(root, "override", json_object())) ||
		    !sgg__json_set(o, "at", sgg__json_time(c->override_at)) ||
		    !sgg__json_set(o, "by", json_string(c->override_by)) ||
		    !sgg__json_set(o, "reason", json_string(c->override_reason)) ||
		    !sgg__json_set(o, "agents",
		                   ids_value(c->override_agents, c->n_override_agents)))
			goto fail;
	} else if (!sgg__json_set(root, "override", json_null())) {
		goto fail;
	}
	if (!(arr = sgg__json_attach(root, "log", json_array())))
		goto fail;
	for (size_t i = 0; i < c->n_log; i++)
		if (!sgg__json_append(arr, sgg__change_entry_json(&c->log[i])))
			goto fail;
	return root;
fail:
	json_decref(root);
	return NULL;
}

int sgg__change_serialize(char **out, size_t *len, const sgg_change *c, sgg_error *err)
{
	return sgg__json_dump(sgg__change_json(c), out, len, err);
}
