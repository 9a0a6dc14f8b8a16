/*
 * change.c - the change record object, its accessors and the state
 * machine of the four-step procedure. The steps themselves are in
 * change_steps.c.
 * SPDX-License-Identifier: MIT
 */
#include "change.h"
#include "json_input.h"

#include <string.h>

static const char *const state_names[] = {
    "planned", "logout_notified", "removal_approved", "removed", "closed", "aborted",
};

static const char *const step_names[] = {
    "plan", "notify-logout", "remove", "confirm", "notify-login", "abort",
};

const char *sgg_change_state_name(sgg_change_state state)
{
	return (unsigned)state < SGG_ARRAY_SIZE(state_names) ? state_names[state] : NULL;
}

const char *sgg_change_step_name(sgg_change_step step)
{
	return (unsigned)step < SGG_ARRAY_SIZE(step_names) ? step_names[step] : NULL;
}

/*
 * The procedure as a table: a step that is done moves the change from one
 * state to the next; abort closes any open change.
 */
int sgg__change_next_state(sgg_change_step step, sgg_change_state from)
{
	switch (step) {
	case SGG_CHANGE_STEP_NOTIFY_LOGOUT:
		return from == SGG_CHANGE_PLANNED ? SGG_CHANGE_LOGOUT_NOTIFIED : -1;
	case SGG_CHANGE_STEP_REMOVE:
		return from == SGG_CHANGE_LOGOUT_NOTIFIED ? SGG_CHANGE_REMOVAL_APPROVED : -1;
	case SGG_CHANGE_STEP_CONFIRM:
		return from == SGG_CHANGE_REMOVAL_APPROVED ? SGG_CHANGE_REMOVED : -1;
	case SGG_CHANGE_STEP_NOTIFY_LOGIN:
		return from == SGG_CHANGE_REMOVED ? SGG_CHANGE_CLOSED : -1;
	case SGG_CHANGE_STEP_ABORT: return sgg__change_state_open(from) ? SGG_CHANGE_ABORTED : -1;
	default: return -1; /* plan creates a record; it never runs on one */
	}
}

int sgg__change_expected_step(sgg_change_state state)
{
	switch (state) {
	case SGG_CHANGE_PLANNED: return SGG_CHANGE_STEP_NOTIFY_LOGOUT;
	case SGG_CHANGE_LOGOUT_NOTIFIED: return SGG_CHANGE_STEP_REMOVE;
	case SGG_CHANGE_REMOVAL_APPROVED: return SGG_CHANGE_STEP_CONFIRM;
	case SGG_CHANGE_REMOVED: return SGG_CHANGE_STEP_NOTIFY_LOGIN;
	default: return -1;
	}
}

bool sgg__change_state_open(sgg_change_state state)
{
	return state != SGG_CHANGE_CLOSED && state != SGG_CHANGE_ABORTED;
}

sgg_change *sgg__change_alloc(void)
{
	sgg_change *c = sgg__calloc(1, sizeof(*c));

	if (!c)
		return NULL;
	sgg__arena_init(&c->strings);
	c->planned_at = SGG_TIME_NONE;
	c->window.start = c->window.end = SGG_TIME_NONE;
	c->override_at = SGG_TIME_NONE;
	return c;
}

void sgg_change_free(sgg_change *c)
{
	if (!c)
		return;
	sgg__arena_clear(&c->strings);
	sgg__free_ptr(c->log);
	sgg__free_ptr(c);
}

sgg__entry *sgg__change_log_append(sgg_change *c)
{
	sgg__entry *e;

	if (sgg__grow((void **)&c->log, &c->cap_log, c->n_log + 1, sizeof(*c->log)) < 0)
		return NULL;
	e = &c->log[c->n_log++];
	memset(e, 0, sizeof(*e));
	e->pub.at = SGG_TIME_NONE;
	e->ev.exported_at = SGG_TIME_NONE;
	return e;
}

int sgg_change_load_buffer(sgg_change **out, const char *data, size_t size, const char *source,
                           sgg_error *err)
{
	if (out)
		*out = NULL;
	if (!out || (!data && size))
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL, "NULL argument");
	return sgg__change_parse(out, data ? data : "", size, source ? source : "<buffer>", err);
}

int sgg_change_load_file(sgg_change **out, const char *path, sgg_error *err)
{
	char *data = NULL;
	size_t len = 0;
	int rc;

	if (out)
		*out = NULL;
	if (!out || !path)
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL, "NULL argument");
	if ((rc = sgg__read_file(&data, &len, path, err)) < 0)
		return rc;
	rc = sgg__change_parse(out, data, len, sgg__source_name(path), err);
	sgg__free_ptr(data);
	return rc;
}

const char *sgg_change_id(const sgg_change *c)
{
	return c ? c->id : NULL;
}

sgg_change_state sgg_change_get_state(const sgg_change *c)
{
	return c ? c->state : SGG_CHANGE_ABORTED;
}

int sgg_change_covers(const sgg_change *c, int64_t id)
{
	if (!c)
		return 0;
	for (size_t i = 0; i < c->n_targets; i++) {
		const sgg_target *t = &c->targets[i];

		if (t->skill_group->id == id)
			return 1;
		for (size_t k = 0; k < t->n_subgroups; k++)
			if (t->subgroups[k]->id == id)
				return 1;
	}
	return 0;
}

const sgg_window *sgg_change_window(const sgg_change *c)
{
	return c ? &c->window : NULL;
}

const char *sgg_change_zone(const sgg_change *c)
{
	return c ? c->zone : NULL;
}

size_t sgg_change_target_count(const sgg_change *c)
{
	return c ? c->n_targets : 0;
}

const sgg_target *sgg_change_target(const sgg_change *c, size_t index)
{
	return c && index < c->n_targets ? &c->targets[index] : NULL;
}

size_t sgg_change_notify_count(const sgg_change *c)
{
	return c ? c->n_members : 0;
}

const sgg_agent *sgg_change_notify_agent(const sgg_change *c, size_t index)
{
	return c && index < c->n_members ? &c->members[index].agent : NULL;
}

size_t sgg_change_log_count(const sgg_change *c)
{
	return c ? c->n_log : 0;
}

const sgg_change_entry *sgg_change_log_entry(const sgg_change *c, size_t index)
{
	return c && index < c->n_log ? &c->log[index].pub : NULL;
}

int sgg_change_overridden(const sgg_change *c)
{
	return c ? c->has_override : 0;
}

/* ---- results ---- */

void sgg_change_result_free(sgg_change_result *res)
{
	if (!res)
		return;
	sgg_change_free(res->change);
	sgg_report_free(res->report);
	sgg__free_ptr(res->states);
	sgg__free_ptr(res);
}

sgg_change_step sgg_change_result_step(const sgg_change_result *res)
{
	return res ? res->step : SGG_CHANGE_STEP_PLAN;
}

int sgg_change_result_done(const sgg_change_result *res)
{
	return res ? res->done : 0;
}

const char *sgg_change_result_message(const sgg_change_result *res)
{
	return res && !res->done && res->message[0] ? res->message : NULL;
}

const sgg_change *sgg_change_result_change(const sgg_change_result *res)
{
	return res ? res->change : NULL;
}

const sgg_report *sgg_change_result_report(const sgg_change_result *res)
{
	return res ? res->report : NULL;
}
