/*
 * rules.c - every rule of the check, one function each, in report order.
 *
 * A rule looks at the model through the indexes, so its cost follows the
 * target's members and sessions, never the size of the deployment. A rule
 * adds findings to the report; the verdict is derived from them later.
 * SPDX-License-Identifier: MIT
 */
#include "rules.h"

#include <stdio.h>
#include <string.h>

static const struct {
	const char *id;
	sgg_severity severity;
} rule_table[SGG_RULE_COUNT] = {
	[SGG_RULE_UNKNOWN_TARGET] = { "unknown-target", SGG_SEVERITY_ERROR },
	[SGG_RULE_SNAPSHOT_STALE] = { "snapshot-stale", SGG_SEVERITY_BLOCK },
	[SGG_RULE_SNAPSHOT_FROM_FUTURE] = { "snapshot-from-future", SGG_SEVERITY_BLOCK },
	[SGG_RULE_OUTSIDE_WINDOW] = { "outside-window", SGG_SEVERITY_BLOCK },
	[SGG_RULE_SNAPSHOT_OUT_OF_SCOPE] = { "snapshot-out-of-scope", SGG_SEVERITY_BLOCK },
	[SGG_RULE_MEMBER_LOGGED_IN] = { "member-logged-in", SGG_SEVERITY_BLOCK },
	[SGG_RULE_SESSION_REFERENCES_TARGET] = { "session-references-target", SGG_SEVERITY_BLOCK },
	[SGG_RULE_ROUTE_REFERENCES_TARGET] = { "route-references-target", SGG_SEVERITY_WARN },
	[SGG_RULE_SESSION_UNKNOWN_AGENT] = { "session-unknown-agent", SGG_SEVERITY_WARN },
	[SGG_RULE_SUBSKILL_INCLUDED] = { "subskill-included", SGG_SEVERITY_INFO },
};

const char *sgg_rule_id(sgg_rule rule)
{
	return (int)rule >= 0 && (int)rule < SGG_RULE_COUNT ? rule_table[rule].id : NULL;
}

sgg_severity sgg_rule_severity(sgg_rule rule)
{
	/* an unknown rule is treated as an error: fail closed */
	return (int)rule >= 0 && (int)rule < SGG_RULE_COUNT ? rule_table[rule].severity
	                                                     : SGG_SEVERITY_ERROR;
}

const char *sgg_severity_name(sgg_severity severity)
{
	static const char *const names[] = { "info", "warn", "block", "error" };

	return (int)severity >= 0 && (int)severity <= SGG_SEVERITY_ERROR ? names[severity] : NULL;
}

const char *sgg_verdict_name(sgg_verdict verdict)
{
	switch (verdict) {
	case SGG_VERDICT_ALLOW: return "allow";
	case SGG_VERDICT_BLOCK: return "block";
	default: return "error";
	}
}

/* ---- helpers that fill a finding with copies the report owns ---- */

static int set_group(sgg__check_ctx *ctx, sgg_finding *f, const sgg_skill_group *g)
{
	f->skill_group = sgg__report_group(ctx->report, g);
	return f->skill_group ? 0 : SGG_ENOMEM;
}

/* @p a may be NULL (agent unknown to the configuration), @p s too (no session). */
static int set_agent(sgg__check_ctx *ctx, sgg_finding *f, const sgg_agent *a, int64_t agent_id,
                     const sgg_session *s)
{
	f->agent_id = agent_id;
	if (a) {
		const sgg_agent *copy = sgg__report_agent(ctx->report, a);

		if (!copy)
			return SGG_ENOMEM;
		f->agent_number = copy->number;
		f->agent_name = copy->name;
		f->agent_team = copy->team;
	} else if (s && s->number) {
		if (!(f->agent_number = sgg__report_strdup(ctx->report, s->number)))
			return SGG_ENOMEM;
	}
	if (s) {
		f->has_state = 1;
		f->state = s->state;
		f->login_at = s->login_at;
	}
	return 0;
}

static sgg_finding blank(sgg_rule rule)
{
	sgg_finding f;

	memset(&f, 0, sizeof(f));
	f.rule = rule;
	f.login_at = SGG_TIME_NONE;
	return f;
}

/* ", logged in since 2026-12-01T01:02:11Z" when the login time is known. */
static const char *since(const sgg_session *s, char *buf)
{
	char t[SGG_TIME_BUFSIZE];

	if (!s || s->login_at == SGG_TIME_NONE)
		return "";
	snprintf(buf, SGG_TIME_BUFSIZE + 24, ", logged in since %s", sgg_time_format(s->login_at, t));
	return buf;
}

/* ---- unknown-target (error) ---- */

static int casecmp(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		int x = (*a >= 'A' && *a <= 'Z') ? *a + 32 : *a;
		int y = (*b >= 'A' && *b <= 'Z') ? *b + 32 : *b;

		if (x != y)
			return x - y;
	}
	return *a - *b;
}

/*
 * A hint for a reference that names nothing, for the common mistakes: a
 * peripheral number or an agent's id given where a skill group id was
 * expected, a name in the wrong case. It scans the configuration, which is
 * fine on this error path only.
 */
static void suggest(const sgg_config *cfg, const char *reference, char *buf, size_t size)
{
	sgg_ref ref;
	char label[SGG_STRING_MAX + 64];
	size_t used = 0, shown = 0;

	buf[0] = '\0';
	if (sgg_ref_parse(&ref, reference, NULL) < 0)
		return;
	if (ref.kind == SGG_REF_ID) {
		const sgg_agent *a = sgg_config_agent_by_id(cfg, ref.id);

		if (a) {
			snprintf(buf, size, ": %lld is the id of agent %s, not of a skill group",
			         (long long)ref.id, a->number);
			return;
		}
		for (size_t i = 0; i < cfg->n_groups && shown < 3; i++) {
			const sgg_skill_group *g = &cfg->groups[i];

			if (g->deleted || g->priority != 0 || g->number != ref.id)
				continue;
			used += (size_t)snprintf(buf + used, size - used, "%s%d:%lld (%s, id %lld)",
			                         shown ? ", " : "; a skill group number, not an id? did you mean ",
			                         g->peripheral, (long long)g->number, g->name,
			                         (long long)g->id);
			shown++;
			if (used >= size)
				return;
		}
	} else if (ref.kind == SGG_REF_NAME) {
		for (size_t i = 0; i < cfg->n_groups; i++) {
			const sgg_skill_group *g = &cfg->groups[i];

			if (!g->deleted && casecmp(g->name, ref.name) == 0) {
				snprintf(buf, size, "; did you mean name:%s?", g->name);
				return;
			}
		}
	} else {
		for (size_t i = 0; i < cfg->n_groups && shown < 3; i++) {
			const sgg_skill_group *g = &cfg->groups[i];

			if (g->deleted || g->number != ref.number)
				continue;
			used += (size_t)snprintf(buf + used, size - used, "%s%s (id %lld)",
			                         shown ? ", " : "; skill groups with that number: ",
			                         sgg__group_label(g, label, sizeof(label)), (long long)g->id);
			shown++;
			if (used >= size)
				return;
		}
	}
	if (shown > 0 && ref.kind == SGG_REF_ID && used < size)
		snprintf(buf + used, size - used, "?");
}

int sgg__rule_unknown_target(sgg__check_ctx *ctx, const char *reference,
                             sgg__unknown_reason reason, const sgg_skill_group *deleted)
{
	sgg_finding f = blank(SGG_RULE_UNKNOWN_TARGET);
	char label[SGG_STRING_MAX + 64];

	if (!(f.reference = sgg__report_strdup(ctx->report, reference)))
		return SGG_ENOMEM;
	switch (reason) {
	case SGG__UNKNOWN_MALFORMED:
		return sgg__report_add(ctx->report, &f,
		                       "\"%.80s\" is not a target reference (use an id such as 5019, "
		                       "PERIPHERAL:NUMBER such as 5000:40424, "
		                       "PERIPHERAL:NUMBER:PRIORITY, or name:NAME)",
		                       reference);
	case SGG__UNKNOWN_DELETED:
		if (set_group(ctx, &f, deleted) < 0)
			return SGG_ENOMEM;
		return sgg__report_add(ctx->report, &f,
		                       "\"%.80s\" names skill group %lld (%s), which is already deleted",
		                       reference, (long long)deleted->id,
		                       sgg__group_label(deleted, label, sizeof(label)));
	default: {
		char hint[SGG_STRING_MAX * 3 + 128];

		suggest(ctx->cfg, reference, hint, sizeof(hint));
		return sgg__report_add(ctx->report, &f, "no skill group matches \"%.80s\"%s", reference,
		                       hint);
	}
	}
}

/* ---- snapshot-stale (block) ---- */

int sgg__rule_snapshot_stale(sgg__check_ctx *ctx)
{
	sgg_finding f = blank(SGG_RULE_SNAPSHOT_STALE);
	sgg_time taken = ctx->snap->taken_at;
	char t[SGG_TIME_BUFSIZE];

	/* exactly max-age old is still fresh */
	if (ctx->at - taken <= ctx->max_age)
		return 0;
	return sgg__report_add(ctx->report, &f,
	                       "the snapshot was taken at %s, %lld s before the check (at most %lld s "
	                       "allowed): take a fresh snapshot and check again",
	                       sgg_time_format(taken, t), (long long)(ctx->at - taken),
	                       (long long)ctx->max_age);
}

/* ---- snapshot-from-future (block) ---- */

int sgg__rule_snapshot_from_future(sgg__check_ctx *ctx)
{
	sgg_finding f = blank(SGG_RULE_SNAPSHOT_FROM_FUTURE);
	sgg_time taken = ctx->snap->taken_at;
	char t[SGG_TIME_BUFSIZE];

	if (taken - ctx->at <= SGG_FUTURE_TOLERANCE)
		return 0;
	return sgg__report_add(ctx->report, &f,
	                       "the snapshot is dated %s, %lld s after the check time (at most %d s "
	                       "allowed): check the clocks of this machine and of the snapshot's source",
	                       sgg_time_format(taken, t), (long long)(taken - ctx->at),
	                       SGG_FUTURE_TOLERANCE);
}

/* ---- outside-window (block) ---- */

int sgg__rule_outside_window(sgg__check_ctx *ctx)
{
	sgg_finding f = blank(SGG_RULE_OUTSIDE_WINDOW);
	char a[SGG_TIME_BUFSIZE], s[SGG_TIME_BUFSIZE], e[SGG_TIME_BUFSIZE];

	/* the window is [start, end): at its end it is already closed */
	if (!ctx->window || (ctx->at >= ctx->window->start && ctx->at < ctx->window->end))
		return 0;
	return sgg__report_add(ctx->report, &f,
	                       "the check time %s is %s the maintenance window %s/%s",
	                       sgg_time_format(ctx->at, a),
	                       ctx->at < ctx->window->start ? "before" : "after",
	                       sgg_time_format(ctx->window->start, s),
	                       sgg_time_format(ctx->window->end, e));
}

/* ---- snapshot-out-of-scope (block) ---- */

int sgg__rule_snapshot_out_of_scope(sgg__check_ctx *ctx, const sgg_skill_group *g)
{
	const sgg_config *cfg = ctx->cfg;
	size_t gi = sgg__group_index(cfg, g);
	char label[SGG_STRING_MAX + 64];
	int rc;

	if (!sgg_sessions_covers(ctx->snap, g->peripheral)) {
		sgg_finding f = blank(SGG_RULE_SNAPSHOT_OUT_OF_SCOPE);

		if (set_group(ctx, &f, g) < 0)
			return SGG_ENOMEM;
		return sgg__report_add(ctx->report, &f,
		                       "the snapshot does not cover peripheral %d, so nothing shows who "
		                       "is logged into %s: take a snapshot that includes peripheral %d",
		                       g->peripheral, sgg__group_label(g, label, sizeof(label)),
		                       g->peripheral);
	}
	/* a member configured on another peripheral is just as unknown */
	for (uint32_t k = cfg->members_off[gi]; k < cfg->members_off[gi + 1]; k++) {
		const sgg_agent *a = &cfg->agents[cfg->members[k]];
		sgg_finding f = blank(SGG_RULE_SNAPSHOT_OUT_OF_SCOPE);
		char who[SGG_STRING_MAX * 2 + 32];

		if (sgg_sessions_covers(ctx->snap, a->peripheral))
			continue;
		if (set_group(ctx, &f, g) < 0 || set_agent(ctx, &f, a, a->id, NULL) < 0)
			return SGG_ENOMEM;
		rc = sgg__report_add(ctx->report, &f,
		                     "member agent %s is on peripheral %d, which the snapshot does not "
		                     "cover: nothing shows whether it is logged in",
		                     sgg__agent_label(&f, who, sizeof(who)), a->peripheral);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* ---- member-logged-in (block) ---- */

int sgg__rule_member_logged_in(sgg__check_ctx *ctx, const sgg_skill_group *g)
{
	const sgg_config *cfg = ctx->cfg;
	size_t gi = sgg__group_index(cfg, g);
	char label[SGG_STRING_MAX + 64], who[SGG_STRING_MAX * 2 + 32], when[SGG_TIME_BUFSIZE + 24];

	for (uint32_t k = cfg->members_off[gi]; k < cfg->members_off[gi + 1]; k++) {
		const sgg_agent *a = &cfg->agents[cfg->members[k]];
		const sgg_session *s = sgg_sessions_by_agent(ctx->snap, a->id);
		sgg_finding f = blank(SGG_RULE_MEMBER_LOGGED_IN);
		int rc;

		/* no session on a covered peripheral means logged out; an uncovered
		 * peripheral is snapshot-out-of-scope's to report */
		if (!s || s->state == SGG_STATE_LOGGED_OUT ||
		    !sgg_sessions_covers(ctx->snap, a->peripheral))
			continue;
		if (set_group(ctx, &f, g) < 0 || set_agent(ctx, &f, a, a->id, s) < 0)
			return SGG_ENOMEM;
		rc = sgg__report_add(ctx->report, &f,
		                     "agent %s is %s%s, and is a member of %s (id %lld)",
		                     sgg__agent_label(&f, who, sizeof(who)), sgg_state_name(s->state),
		                     since(s, when), sgg__group_label(g, label, sizeof(label)),
		                     (long long)g->id);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* The logged-in sessions that list group @p id, from the snapshot's index. */
static const uint32_t *sessions_listing(const sgg_sessions *snap, int64_t id, size_t *n)
{
	uint32_t slot;

	*n = 0;
	if (!sgg__imap_get(&snap->by_group, id, &slot))
		return NULL;
	*n = snap->by_group_off[slot + 1] - snap->by_group_off[slot];
	return snap->by_group_list + snap->by_group_off[slot];
}

/* ---- session-references-target (block) ---- */

int sgg__rule_session_references_target(sgg__check_ctx *ctx, const sgg_skill_group *g)
{
	size_t n;
	const uint32_t *list = sessions_listing(ctx->snap, g->id, &n);
	char label[SGG_STRING_MAX + 64], who[SGG_STRING_MAX * 2 + 32], when[SGG_TIME_BUFSIZE + 24];

	for (size_t k = 0; k < n; k++) {
		const sgg_session *s = &ctx->snap->items[list[k]];
		const sgg_agent *a = sgg_config_agent_by_id(ctx->cfg, s->agent);
		sgg_finding f = blank(SGG_RULE_SESSION_REFERENCES_TARGET);
		int rc;

		if (set_group(ctx, &f, g) < 0 || set_agent(ctx, &f, a, s->agent, s) < 0)
			return SGG_ENOMEM;
		rc = sgg__report_add(ctx->report, &f,
		                     "agent %s is %s%s, and its session lists %s (id %lld): removing "
		                     "it now is the crash that disconnects every desktop",
		                     sgg__agent_label(&f, who, sizeof(who)), sgg_state_name(s->state),
		                     since(s, when), sgg__group_label(g, label, sizeof(label)),
		                     (long long)g->id);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* ---- session-unknown-agent (warn) ---- */

int sgg__rule_session_unknown_agent(sgg__check_ctx *ctx, const sgg_skill_group *g)
{
	size_t n;
	const uint32_t *list = sessions_listing(ctx->snap, g->id, &n);
	char label[SGG_STRING_MAX + 64], who[SGG_STRING_MAX * 2 + 32];

	for (size_t k = 0; k < n; k++) {
		const sgg_session *s = &ctx->snap->items[list[k]];
		sgg_finding f = blank(SGG_RULE_SESSION_UNKNOWN_AGENT);
		int rc;

		if (sgg_config_agent_by_id(ctx->cfg, s->agent))
			continue;
		if (set_group(ctx, &f, g) < 0 || set_agent(ctx, &f, NULL, s->agent, s) < 0)
			return SGG_ENOMEM;
		rc = sgg__report_add(ctx->report, &f,
		                     "a session of agent %s lists %s, but the configuration has no agent "
		                     "with id %lld: the export may be older than the snapshot, and this "
		                     "agent is missing from the notification list",
		                     sgg__agent_label(&f, who, sizeof(who)),
		                     sgg__group_label(g, label, sizeof(label)), (long long)s->agent);
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* ---- route-references-target (warn) ---- */

int sgg__rule_route_references_target(sgg__check_ctx *ctx, const sgg_skill_group *g)
{
	const sgg_config *cfg = ctx->cfg;
	size_t gi = sgg__group_index(cfg, g);
	char label[SGG_STRING_MAX + 64];

	for (uint32_t k = cfg->routes_off[gi]; k < cfg->routes_off[gi + 1]; k++) {
		const sgg__route *route = &cfg->routes[cfg->routes_by_group[k]];
		sgg_finding f = blank(SGG_RULE_ROUTE_REFERENCES_TARGET);
		int rc;

		f.route_id = route->id;
		if (set_group(ctx, &f, g) < 0 ||
		    (route->name && !(f.route_name = sgg__report_strdup(ctx->report, route->name))))
			return SGG_ENOMEM;
		rc = sgg__report_add(ctx->report, &f,
		                     "route %lld%s%s sends calls to %s: point it elsewhere before the "
		                     "removal, or its calls will fail",
		                     (long long)route->id, route->name ? " " : "",
		                     route->name ? route->name : "",
		                     sgg__group_label(g, label, sizeof(label)));
		if (rc < 0)
			return rc;
	}
	return 0;
}

/* ---- subskill-included (info) ---- */

int sgg__rule_subskill_included(sgg__check_ctx *ctx, const sgg_skill_group *base,
                                const sgg_skill_group *sub)
{
	sgg_finding f = blank(SGG_RULE_SUBSKILL_INCLUDED);
	char label[SGG_STRING_MAX + 64], blabel[SGG_STRING_MAX + 64];

	if (set_group(ctx, &f, sub) < 0)
		return SGG_ENOMEM;
	return sgg__report_add(ctx->report, &f,
	                       "sub-skill group %s (id %lld, priority %d) goes with its base %s "
	                       "(id %lld) and is checked too",
	                       sgg__group_label(sub, label, sizeof(label)), (long long)sub->id,
	                       sub->priority, sgg__group_label(base, blabel, sizeof(blabel)),
	                       (long long)base->id);
}
