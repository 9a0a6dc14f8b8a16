/*
 * change_render.c - what the change steps show: the notification lists
 * (text, CSV, JSON), each step's outcome, and a change's status.
 * Everything is built in memory first; nothing is half-written.
 * SPDX-License-Identifier: MIT
 */
#include "change_json.h"
#include "json_output.h"
#include "report.h"

#include <stdio.h>
#include <string.h>

/* ---- small pieces ---- */

static const char *duration_text(int64_t s, char *buf, size_t size)
{
	int64_t d, h, m;

	if (s < 0)
		s = 0;
	d = s / 86400;
	h = s / 3600 % 24;
	m = s / 60 % 60;
	if (d > 0)
		snprintf(buf, size, "%lldd%02lldh", (long long)d, (long long)h);
	else if (h > 0)
		snprintf(buf, size, "%lldh%02lldm", (long long)h, (long long)m);
	else if (m > 0)
		snprintf(buf, size, "%lldm%02llds", (long long)m, (long long)(s % 60));
	else
		snprintf(buf, size, "%llds", (long long)s);
	return buf;
}

/* "2026-12-01 03:00 +01:00": instant @p t on the wall clock of offset @p off. */
static const char *local_text(sgg_time t, int off, char *buf, size_t size)
{
	int64_t local = t + off, days = local / 86400, secs = local % 86400, y;
	unsigned m, d;
	char o[16];

	if (secs < 0) {
		secs += 86400;
		days--;
	}
	sgg__civil_from_days(days, &y, &m, &d);
	sgg__offset_format(off, o, sizeof(o));
	snprintf(buf, size, "%04lld-%02u-%02u %02d:%02d %s", (long long)y, m, d, (int)(secs / 3600),
	         (int)(secs / 60 % 60), o);
	return buf;
}

static void put_window(sgg__buf *b, const sgg_change *c)
{
	char s[SGG_TIME_BUFSIZE], e[SGG_TIME_BUFSIZE], ls[48], le[48];
	int os, oe;

	sgg__buf_printf(b, "%s to %s", sgg_time_format(c->window.start, s),
	                sgg_time_format(c->window.end, e));
	/* the zone's wall clock too, when the zone file can still be read */
	if (c->zone && sgg_zone_offset(&os, c->zone, NULL, c->window.start, NULL) == 0 &&
	    sgg_zone_offset(&oe, c->zone, NULL, c->window.end, NULL) == 0)
		sgg__buf_printf(b, " (%s: %s to %s)", c->zone,
		                local_text(c->window.start, os, ls, sizeof(ls)),
		                local_text(c->window.end, oe, le, sizeof(le)));
}

static void put_targets(sgg__buf *b, const sgg_change *c, const char *indent)
{
	char label[SGG_STRING_MAX + 64];

	for (size_t i = 0; i < c->n_targets; i++) {
		const sgg_target *t = &c->targets[i];

		sgg__buf_printf(b, "%s%s (id %lld)", indent,
		                sgg__group_label(t->skill_group, label, sizeof(label)),
		                (long long)t->skill_group->id);
		for (size_t k = 0; k < t->n_subgroups; k++)
			sgg__buf_printf(b, "%s%s (id %lld)", k == 0 ? ", with " : ", ",
			                sgg__group_label(t->subgroups[k], label, sizeof(label)),
			                (long long)t->subgroups[k]->id);
		sgg__buf_puts(b, "\n");
	}
}

static const char *next_hint(sgg_change_state state)
{
	switch (state) {
	case SGG_CHANGE_PLANNED:
		return "notify-logout: tell the member agents to log out (sgguard change "
		       "notify-logout)";
	case SGG_CHANGE_LOGOUT_NOTIFIED:
		return "remove: pass the gate on a fresh snapshot inside the window "
		       "(sgguard change remove --sessions FILE)";
	case SGG_CHANGE_REMOVAL_APPROVED:
		return "delete the skill groups, then confirm with an export taken after "
		       "(sgguard change confirm --config FILE)";
	case SGG_CHANGE_REMOVED:
		return "notify-login: tell the agents they may log back in (sgguard change "
		       "notify-login)";
	case SGG_CHANGE_CLOSED: return "nothing: the change is closed";
	default: return "nothing: the change was aborted";
	}
}

static const char *agent_state_text(const sgg__member_state *ms, char *buf, size_t size)
{
	char t[SGG_TIME_BUFSIZE];

	if (!ms->known)
		snprintf(buf, size, "not in the snapshot's scope");
	else if (ms->state == SGG_STATE_LOGGED_OUT)
		snprintf(buf, size, "logged out");
	else if (ms->login_at != SGG_TIME_NONE)
		snprintf(buf, size, "%s since %s", sgg_state_name(ms->state),
		         sgg_time_format(ms->login_at, t));
	else
		snprintf(buf, size, "%s", sgg_state_name(ms->state));
	return buf;
}

static void ids_text(char *buf, size_t size, const int64_t *ids, size_t n, const char *sep)
{
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		size_t used = strlen(buf);

		snprintf(buf + used, size - used, "%s%lld", i ? sep : "", (long long)ids[i]);
	}
}

/* Every output about a change that was passed by override says so. */
static void put_override_note(sgg__buf *b, const sgg_change *c)
{
	char t[SGG_TIME_BUFSIZE], ids[256];

	if (!c || !c->has_override)
		return;
	ids_text(ids, sizeof(ids), c->override_agents, c->n_override_agents, ", ");
	sgg__buf_printf(b,
	                "OVERRIDE: the gate was passed by %s at %s with agents still logged in "
	                "(ids %s): %s\n",
	                c->override_by, sgg_time_format(c->override_at, t), ids,
	                c->override_reason);
}

/* ---- the notification lists ---- */

static int list_text(sgg__buf *b, const sgg_change_result *res)
{
	const sgg_change *c = res->change;
	bool logout = res->step == SGG_CHANGE_STEP_NOTIFY_LOGOUT;
	size_t logged_in = 0;
	char groups[256], state[96], t[SGG_TIME_BUFSIZE];

	sgg__buf_printf(b, "Change %s: %s\n", c->id,
	                logout
	                    ? "tell these agents to log out before the window opens"
	                    : "the skill groups are gone; tell these agents they may log back in");
	sgg__buf_puts(b, "Skill groups removed:\n");
	put_targets(b, c, "  ");
	sgg__buf_puts(b, "Window: ");
	put_window(b, c);
	sgg__buf_puts(b, "\n\n");
	if (c->n_members == 0)
		sgg__buf_puts(b, "No agent is a member of these skill groups: nobody to tell.\n");
	else
		sgg__buf_printf(b, "%-8s %-24s %-12s %-10s %s\n", "AGENT", "NAME", "TEAM",
		                "PERIPHERAL",
		                res->has_sessions ? "SKILL GROUPS       NOW" : "SKILL GROUPS");
	for (size_t i = 0; i < c->n_members; i++) {
		const sgg__member *m = &c->members[i];

		ids_text(groups, sizeof(groups), m->groups, m->n_groups, ",");
		sgg__buf_printf(b,
		                res->has_sessions ? "%-8s %-24s %-12s %-10d %-18s"
		                                  : "%-8s %-24s %-12s %-10d %s",
		                m->agent.number, m->agent.name ? m->agent.name : "-",
		                m->agent.team ? m->agent.team : "-", m->agent.peripheral, groups);
		if (res->has_sessions) {
			sgg__buf_printf(b, " %s",
			                agent_state_text(&res->states[i], state, sizeof(state)));
			logged_in +=
			    res->states[i].known && res->states[i].state != SGG_STATE_LOGGED_OUT;
		}
		sgg__buf_puts(b, "\n");
	}
	if (res->has_sessions)
		sgg__buf_printf(b, "\nSnapshot of %s: %zu of %zu still logged in.\n",
		                sgg_time_format(res->sessions_taken_at, t), logged_in,
		                c->n_members);
	sgg__buf_puts(b, "\n");
	put_override_note(b, c);
	sgg__buf_printf(b, "State: %s. Next: %s\n", sgg_change_state_name(c->state),
	                next_hint(c->state));
	return 0;
}

/* One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break. */
static void csv_field(sgg__buf *b, const char *s, bool last)
{
	if (s && strpbrk(s, ",\"\r\n")) {
		sgg__buf_puts(b, "\"");
		for (const char *p = s; *p; p++) {
			if (*p == '"')
				sgg__buf_puts(b, "\"\"");
			else
				sgg__buf_put(b, p, 1);
		}
		sgg__buf_puts(b, "\"");
	} else if (s) {
		sgg__buf_puts(b, s);
	}
	sgg__buf_puts(b, last ? "\r\n" : ",");
}

static int list_csv(sgg__buf *b, const sgg_change_result *res)
{
	const sgg_change *c = res->change;
	char num[32], groups[256], t[SGG_TIME_BUFSIZE];

	sgg__buf_puts(b, "change,id,number,name,team,peripheral,skill_groups");
	sgg__buf_puts(b, res->has_sessions ? ",state,logged_in,login_at\r\n" : "\r\n");
	for (size_t i = 0; i < c->n_members; i++) {
		const sgg__member *m = &c->members[i];

		csv_field(b, c->id, false);
		snprintf(num, sizeof(num), "%lld", (long long)m->agent.id);
		csv_field(b, num, false);
		csv_field(b, m->agent.number, false);
		csv_field(b, m->agent.name, false);
		csv_field(b, m->agent.team, false);
		snprintf(num, sizeof(num), "%d", m->agent.peripheral);
		csv_field(b, num, false);
		ids_text(groups, sizeof(groups), m->groups, m->n_groups, " ");
		csv_field(b, groups, !res->has_sessions);
		if (res->has_sessions) {
			const sgg__member_state *ms = &res->states[i];

			csv_field(b, ms->known ? sgg_state_name(ms->state) : "unknown", false);
			csv_field(b,
			          !ms->known                          ? ""
			          : ms->state != SGG_STATE_LOGGED_OUT ? "yes"
			                                              : "no",
			          false);
			csv_field(b,
			          ms->login_at != SGG_TIME_NONE ? sgg_time_format(ms->login_at, t)
			                                        : "",
			          true);
		}
	}
	return 0;
}

/* ---- JSON ---- */

static json_t *list_json(const sgg_change_result *res)
{
	const sgg_change *c = res->change;
	json_t *root = json_object(), *full = sgg__change_json(c), *agents;

	if (!root || !full || !sgg__json_set(root, "change", json_string(c->id)) ||
	    !sgg__json_set(root, "step", json_string(sgg_change_step_name(res->step))) ||
	    !sgg__json_set(
	        root, "action",
	        json_string(res->step == SGG_CHANGE_STEP_NOTIFY_LOGOUT ? "log out" : "log in")) ||
	    !sgg__json_set(root, "state", json_string(sgg_change_state_name(c->state))) ||
	    !sgg__json_set(root, "window", json_incref(json_object_get(full, "window"))) ||
	    !sgg__json_set(root, "targets", json_incref(json_object_get(full, "targets"))) ||
	    !sgg__json_set(root, "override", json_incref(json_object_get(full, "override"))) ||
	    !sgg__json_set(root, "snapshot_taken_at",
	                   res->has_sessions ? sgg__json_time(res->sessions_taken_at)
	                                     : json_null()) ||
	    !(agents =
	          sgg__json_attach(root, "agents", json_incref(json_object_get(full, "notify")))))
		goto fail;
	for (size_t i = 0; res->has_sessions && i < c->n_members; i++) {
		json_t *a = json_array_get(agents, i);
		const sgg__member_state *ms = &res->states[i];

		if (!sgg__json_set(a, "state",
		                   ms->known ? json_string(sgg_state_name(ms->state))
		                             : json_null()) ||
		    !sgg__json_set(a, "logged_in",
		                   ms->known ? json_boolean(ms->state != SGG_STATE_LOGGED_OUT)
		                             : json_null()) ||
		    !sgg__json_set(a, "login_at", sgg__json_time(ms->login_at)))
			goto fail;
	}
	json_decref(full);
	return root;
fail:
	json_decref(full);
	json_decref(root);
	return NULL;
}

static json_t *result_json(const sgg_change_result *res)
{
	const sgg_change *c = res->change;
	json_t *root = json_object();
	int next = c ? sgg__change_expected_step(c->state) : -1;

	if (!root || !sgg__json_set(root, "change", c ? json_string(c->id) : json_null()) ||
	    !sgg__json_set(root, "step", json_string(sgg_change_step_name(res->step))) ||
	    !sgg__json_set(root, "outcome", json_string(res->done ? "done" : "refused")) ||
	    !sgg__json_set(root, "reason", res->done ? json_null() : json_string(res->message)) ||
	    !sgg__json_set(root, "state",
	                   c ? json_string(sgg_change_state_name(c->state)) : json_null()) ||
	    !sgg__json_set(root, "next",
	                   next >= 0 ? json_string(sgg_change_step_name((sgg_change_step)next))
	                             : json_null()))
		goto fail;
	if (c && c->has_override) {
		json_t *full = sgg__change_json(c);

		if (!full || !sgg__json_set(root, "override",
		                            json_incref(json_object_get(full, "override")))) {
			json_decref(full);
			goto fail;
		}
		json_decref(full);
	}
	if (c && c->n_log && res->step != SGG_CHANGE_STEP_PLAN) {
		if (!sgg__json_set(root, "entry", sgg__change_entry_json(&c->log[c->n_log - 1])))
			goto fail;
	} else if (c && res->step == SGG_CHANGE_STEP_PLAN) {
		if (!sgg__json_set(root, "record", sgg__change_json(c)))
			goto fail;
	}
	return root;
fail:
	json_decref(root);
	return NULL;
}

/* ---- a step's outcome, as text ---- */

static void put_blockers(sgg__buf *b, const sgg__evidence *ev)
{
	for (size_t i = 0; i < ev->n_blockers; i++)
		sgg__buf_printf(b, "  %-26s %s\n", sgg_rule_id(ev->blockers[i].rule),
		                ev->blockers[i].message);
}

static void put_snapshot(sgg__buf *b, const sgg__evidence *ev)
{
	char t[SGG_TIME_BUFSIZE], d[32];

	if (ev->has_snapshot)
		sgg__buf_printf(b, "Snapshot: taken %s, %s old (at most %s accepted)\n",
		                sgg_time_format(ev->taken_at, t),
		                duration_text(ev->age, d, sizeof(d)),
		                duration_text(ev->max_age, d + 16, 16));
}

static int result_text(sgg__buf *b, const sgg_change_result *res)
{
	const sgg_change *c = res->change;
	const sgg__entry *e = c && c->n_log ? &c->log[c->n_log - 1] : NULL;
	char t[SGG_TIME_BUFSIZE], ids[256];

	if (!res->done) {
		/* the reason itself is the caller's to show (sgguard prints it on stderr) */
		if (c && e && res->step == SGG_CHANGE_STEP_REMOVE && e->ev.has_snapshot) {
			put_snapshot(b, &e->ev);
			sgg__buf_puts(b, "Blocking:\n");
			put_blockers(b, &e->ev);
		}
		put_override_note(b, c);
		if (c)
			sgg__buf_printf(b, "The change stays %s; the attempt is logged. Next: %s\n",
			                sgg_change_state_name(c->state), next_hint(c->state));
		return 0;
	}
	if (!c || !e)
		return 0; /* a step that was done always has its record and entry */
	switch (res->step) {
	case SGG_CHANGE_STEP_PLAN:
		sgg__buf_printf(b, "Planned change %s.\nRemoves:\n", c->id);
		put_targets(b, c, "  ");
		sgg__buf_puts(b, "Window:  ");
		put_window(b, c);
		sgg__buf_printf(b, "\nAgents to tell: %zu\n", c->n_members);
		break;
	case SGG_CHANGE_STEP_REMOVE:
		sgg__buf_printf(b, "Gate open for change %s at %s: the removal may proceed now.\n",
		                c->id, sgg_time_format(e->pub.at, t));
		put_snapshot(b, &e->ev);
		if (e->pub.overridden) {
			ids_text(ids, sizeof(ids), c->override_agents, c->n_override_agents, ", ");
			sgg__buf_printf(
			    b,
			    "OVERRIDDEN by %s: %s\nStill logged in and passed over (agent ids): "
			    "%s\n",
			    c->override_by, c->override_reason, ids);
			put_blockers(b, &e->ev);
		}
		break;
	case SGG_CHANGE_STEP_CONFIRM:
		sgg__buf_printf(
		    b, "Confirmed: the export%s%s has none of change %s's skill groups.\n",
		    e->ev.exported_at != SGG_TIME_NONE ? " of " : "",
		    e->ev.exported_at != SGG_TIME_NONE ? sgg_time_format(e->ev.exported_at, t) : "",
		    c->id);
		break;
	case SGG_CHANGE_STEP_ABORT:
		sgg__buf_printf(b, "Aborted change %s (it was %s): %s\n", c->id,
		                sgg_change_state_name(res->before), e->pub.reason);
		break;
	default: break;
	}
	if (res->step != SGG_CHANGE_STEP_REMOVE)
		put_override_note(b, c);
	sgg__buf_printf(b, "State: %s. Next: %s\n", sgg_change_state_name(c->state),
	                next_hint(c->state));
	return 0;
}

int sgg_change_result_render(char **out, size_t *len, const sgg_change_result *res,
                             sgg_format format, unsigned flags, sgg_error *err)
{
	bool list;
	sgg__buf b;

	if (out)
		*out = NULL;
	if (len)
		*len = 0;
	if (!out || !res)
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL, "NULL argument");
	list = res->done && (res->step == SGG_CHANGE_STEP_NOTIFY_LOGOUT ||
	                     res->step == SGG_CHANGE_STEP_NOTIFY_LOGIN);
	if (format == SGG_FORMAT_JSON)
		return sgg__json_dump(list ? list_json(res) : result_json(res), out, len, err);
	if (format == SGG_FORMAT_CSV && !list && !res->done) {
		/* a refused notify step has no list to give: an empty output, the reason is
		 * elsewhere */
		sgg__buf_init(&b);
		return sgg__buf_finish(&b, out, len, err);
	}
	if (format == SGG_FORMAT_CSV && !list)
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL,
		                      "only a notification list is written as csv");
	if (format != SGG_FORMAT_TEXT && format != SGG_FORMAT_CSV)
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL,
		                      "a step's outcome is written as text, csv or json");
	sgg__buf_init(&b);
	if (format == SGG_FORMAT_CSV)
		list_csv(&b, res);
	else if (list)
		list_text(&b, res);
	else
		result_text(&b, res);
	return sgg__buf_finish(&b, out, len, err);
}

/* ---- status ---- */

typedef struct step_summary {
	sgg_change_step step;
	const char *label;
	const sgg__entry *done;    /* the entry that did it, or NULL */
	const sgg__entry *refused; /* the last refused attempt, or NULL */
	size_t n_refused;
} step_summary;

static void summarize(const sgg_change *c, step_summary s[5], const sgg__entry **aborted)
{
	static const char *const labels[5] = {"1", "2", "3a", "3b", "4"};

	*aborted = NULL;
	for (int i = 0; i < 5; i++) {
		memset(&s[i], 0, sizeof(s[i]));
		s[i].step = (sgg_change_step)i;
		s[i].label = labels[i];
	}
	for (size_t i = 0; i < c->n_log; i++) {
		const sgg__entry *e = &c->log[i];

		if (e->pub.step == SGG_CHANGE_STEP_ABORT) {
			if (e->pub.done)
				*aborted = e;
			continue;
		}
		if (e->pub.done) {
			s[e->pub.step].done = e;
		} else {
			s[e->pub.step].refused = e;
			s[e->pub.step].n_refused++;
		}
	}
}

static int status_text(sgg__buf *b, const sgg_change *c, sgg_time at)
{
	step_summary s[5];
	const sgg__entry *aborted;
	char t[SGG_TIME_BUFSIZE], d[32];

	summarize(c, s, &aborted);
	sgg__buf_printf(b, "Change %s, planned by %s at %s\n", c->id, c->planned_by,
	                sgg_time_format(c->planned_at, t));
	sgg__buf_puts(b, "Removes:\n");
	put_targets(b, c, "  ");
	sgg__buf_puts(b, "Window:  ");
	put_window(b, c);
	if (at < c->window.start)
		sgg__buf_printf(b, "; opens in %s\n",
		                duration_text(c->window.start - at, d, sizeof(d)));
	else if (at < c->window.end)
		sgg__buf_printf(b, "; open, %s left\n",
		                duration_text(c->window.end - at, d, sizeof(d)));
	else
		sgg__buf_puts(b, "; closed\n");
	sgg__buf_printf(b, "Agents:  %zu to tell\nState:   %s (as of %s)\n\nSteps:\n", c->n_members,
	                sgg_change_state_name(c->state), sgg_time_format(at, t));
	for (int i = 0; i < 5; i++) {
		bool more = s[i].done || s[i].n_refused;

		/* no padding at the end of a line */
		sgg__buf_printf(b, more ? "  [%c] %-3s %-14s" : "  [%c] %-3s %s",
		                s[i].done ? 'x' : ' ', s[i].label, sgg_change_step_name(s[i].step));
		if (s[i].done)
			sgg__buf_printf(b, " done %s by %s%s",
			                sgg_time_format(s[i].done->pub.at, t), s[i].done->pub.by,
			                s[i].done->pub.overridden ? " (OVERRIDE)" : "");
		if (s[i].n_refused)
			sgg__buf_printf(
			    b, "%s refused %zu time%s, last %s: %s", s[i].done ? ";" : "",
			    s[i].n_refused, s[i].n_refused == 1 ? "" : "s",
			    sgg_time_format(s[i].refused->pub.at, t), s[i].refused->pub.reason);
		sgg__buf_puts(b, "\n");
	}
	if (aborted)
		sgg__buf_printf(b, "  Aborted %s by %s: %s\n", sgg_time_format(aborted->pub.at, t),
		                aborted->pub.by, aborted->pub.reason ? aborted->pub.reason : "");
	if (c->has_override) {
		sgg__buf_puts(b, "\n");
		put_override_note(b, c);
	}
	sgg__buf_printf(b, "\nNext: %s\n\nLog:\n", next_hint(c->state));
	for (size_t i = 0; i < c->n_log; i++) {
		const sgg__entry *e = &c->log[i];

		sgg__buf_printf(b, "  %s  %-14s %-8s by %s%s%s\n", sgg_time_format(e->pub.at, t),
		                sgg_change_step_name(e->pub.step), e->pub.done ? "done" : "refused",
		                e->pub.by, e->pub.reason ? ": " : "",
		                e->pub.reason ? e->pub.reason : "");
	}
	return 0;
}

static json_t *status_json(const sgg_change *c, sgg_time at)
{
	step_summary s[5];
	const sgg__entry *aborted;
	json_t *root = json_object(), *full = sgg__change_json(c), *w, *steps;
	int next = sgg__change_expected_step(c->state);

	summarize(c, s, &aborted);
	if (!root || !full || !sgg__json_set(root, "change", json_string(c->id)) ||
	    !sgg__json_set(root, "state", json_string(sgg_change_state_name(c->state))) ||
	    !sgg__json_set(root, "as_of", sgg__json_time(at)) ||
	    !(w = sgg__json_attach(root, "window",
	                           json_deep_copy(json_object_get(full, "window")))) ||
	    !sgg__json_set(w, "open", json_boolean(at >= c->window.start && at < c->window.end)) ||
	    !sgg__json_set(w, "opens_in_seconds",
	                   at < c->window.start ? json_integer(c->window.start - at)
	                                        : json_null()) ||
	    !sgg__json_set(
	        w, "seconds_left",
	        at < c->window.end
	            ? json_integer(c->window.end - (at > c->window.start ? at : c->window.start))
	            : json_integer(0)) ||
	    !(steps = sgg__json_attach(root, "steps", json_array())))
		goto fail;
	for (int i = 0; i < 5; i++) {
		json_t *o = json_object();

		if (!o || json_array_append_new(steps, o) < 0 ||
		    !sgg__json_set(o, "step", json_string(sgg_change_step_name(s[i].step))) ||
		    !sgg__json_set(o, "number", json_string(s[i].label)) ||
		    !sgg__json_set(o, "done", json_boolean(s[i].done != NULL)) ||
		    !sgg__json_set(o, "at",
		                   s[i].done ? sgg__json_time(s[i].done->pub.at) : json_null()) ||
		    !sgg__json_set(o, "by",
		                   s[i].done ? json_string(s[i].done->pub.by) : json_null()) ||
		    !sgg__json_set(o, "refused_attempts",
		                   json_integer((json_int_t)s[i].n_refused)) ||
		    !sgg__json_set(o, "last_refusal",
		                   s[i].refused ? json_string(s[i].refused->pub.reason)
		                                : json_null()))
			goto fail;
	}
	if (!sgg__json_set(root, "aborted", json_boolean(aborted != NULL)) ||
	    !sgg__json_set(root, "next",
	                   next >= 0 ? json_string(sgg_change_step_name((sgg_change_step)next))
	                             : json_null()) ||
	    !sgg__json_set(root, "next_hint", json_string(next_hint(c->state))))
		goto fail;
	if (!sgg__json_set(root, "record", full)) /* consumes full either way */
		goto fail_root;
	return root;
fail:
	json_decref(full);
fail_root:
	json_decref(root);
	return NULL;
}

int sgg_change_status_render(char **out, size_t *len, const sgg_change *change, sgg_time at,
                             sgg_format format, unsigned flags, sgg_error *err)
{
	sgg__buf b;

	if (out)
		*out = NULL;
	if (len)
		*len = 0;
	if (!out || !change)
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL, "NULL argument");
	if (at == SGG_TIME_NONE)
		at = sgg__now();
	if (format == SGG_FORMAT_JSON)
		return sgg__json_dump(status_json(change, at), out, len, err);
	if (format != SGG_FORMAT_TEXT)
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL,
		                      "a status is written as text or json");
	sgg__buf_init(&b);
	status_text(&b, change, at);
	return sgg__buf_finish(&b, out, len, err);
}
