/*
 * check.c - the check: resolve the targets, run every rule over them,
 * build the notification list and derive the verdict.
 * SPDX-License-Identifier: MIT
 */
#include "rules.h"

#include <stdlib.h>
#include <string.h>

/* The target set: resolved live groups in reference order, then what they bring. */
typedef struct target_set {
	const sgg_skill_group **groups; /* every group checked, subs included, once each */
	size_t n_groups, cap_groups;
	sgg__imap seen;                  /* group id -> 1 */
} target_set;

static int add_group(target_set *set, const sgg_skill_group *g)
{
	int rc;

	if (sgg__grow((void **)&set->groups, &set->cap_groups, set->n_groups + 1,
	              sizeof(const sgg_skill_group *)) < 0)
		return SGG_ENOMEM;
	rc = sgg__imap_put(&set->seen, g->id, 1, NULL);
	if (rc < 0)
		return SGG_ENOMEM;
	if (rc == 0)
		set->groups[set->n_groups++] = g;
	return 0;
}

typedef struct resolved_ref {
	const sgg_skill_group *group;
	const char *reference;
} resolved_ref;

/* Resolve every reference; unresolvable ones become unknown-target findings. */
static int resolve_targets(sgg__check_ctx *ctx, const char *const *refs, size_t n_refs,
                           resolved_ref **out, size_t *n_out)
{
	resolved_ref *resolved = NULL;
	size_t n = 0;
	sgg__imap seen;
	int rc = SGG_ENOMEM;

	sgg__imap_init(&seen);
	resolved = sgg__reallocarray(NULL, n_refs ? n_refs : 1, sizeof(*resolved));
	if (!resolved)
		goto out;
	for (size_t i = 0; i < n_refs; i++) {
		sgg_ref ref;
		const sgg_skill_group *g;
		int put;

		if (sgg_ref_parse(&ref, refs[i], NULL) < 0) {
			if (sgg__rule_unknown_target(ctx, refs[i], SGG__UNKNOWN_MALFORMED, NULL) < 0)
				goto out;
			continue;
		}
		g = sgg_config_resolve(ctx->cfg, &ref);
		if (!g || g->deleted) {
			if (sgg__rule_unknown_target(ctx, refs[i],
			                             g ? SGG__UNKNOWN_DELETED : SGG__UNKNOWN_NO_MATCH, g) < 0)
				goto out;
			continue;
		}
		put = sgg__imap_put(&seen, g->id, 1, NULL);
		if (put < 0)
			goto out;
		if (put == 0)
			resolved[n++] = (resolved_ref){ g, refs[i] };
	}
	*out = resolved;
	*n_out = n;
	resolved = NULL;
	rc = 0;
out:
	sgg__free_ptr(resolved);
	sgg__imap_clear(&seen);
	return rc;
}

/* Record a target (and its subs) in the report. */
static int add_report_target(sgg__check_ctx *ctx, const char *reference,
                             const sgg_skill_group *g)
{
	sgg_report *r = ctx->report;
	size_t n_subs = 0;
	const sgg_skill_group *const *subs =
		g->priority == 0 ? sgg_config_subgroups(ctx->cfg, g->id, &n_subs) : NULL;
	const sgg_skill_group **copies = NULL;
	sgg_target *t;

	if (sgg__grow((void **)&r->targets, &r->cap_targets, r->n_targets + 1,
	              sizeof(*r->targets)) < 0)
		return SGG_ENOMEM;
	if (n_subs) {
		copies = sgg__arena_alloc(&r->strings, n_subs * sizeof(const sgg_skill_group *));
		if (!copies)
			return SGG_ENOMEM;
		for (size_t k = 0; k < n_subs; k++)
			if (!(copies[k] = sgg__report_group(r, subs[k])))
				return SGG_ENOMEM;
	}
	t = &r->targets[r->n_targets];
	t->reference = sgg__report_strdup(r, reference);
	t->skill_group = sgg__report_group(r, g);
	t->subgroups = copies;
	t->n_subgroups = n_subs;
	if (!t->reference || !t->skill_group)
		return SGG_ENOMEM;
	r->n_targets++;
	return 0;
}

/* One membership of a checked group: agent, group, and the order it was met in. */
typedef struct member_pair {
	int64_t agent_id;
	uint32_t agent;
	uint32_t seq;
	int64_t group;
} member_pair;

static int cmp_pairs(const void *a, const void *b)
{
	const member_pair *x = a, *y = b;

	if (x->agent_id != y->agent_id)
		return x->agent_id < y->agent_id ? -1 : 1;
	return (x->seq > y->seq) - (x->seq < y->seq);
}

/* Whom steps 2 and 4 must reach: every configured member of a checked group,
 * once, ordered by agent id, with the checked groups it belongs to. */
static int build_notify(sgg__check_ctx *ctx, const target_set *set)
{
	const sgg_config *cfg = ctx->cfg;
	sgg_report *r = ctx->report;
	member_pair *pairs = NULL;
	size_t n = 0, cap = 0;
	int rc = SGG_ENOMEM;

	for (size_t i = 0; i < set->n_groups; i++) {
		const sgg_skill_group *g = set->groups[i];
		size_t gi = sgg__group_index(cfg, g);

		for (uint32_t k = cfg->members_off[gi]; k < cfg->members_off[gi + 1]; k++) {
			uint32_t ai = cfg->members[k];

			if (sgg__grow((void **)&pairs, &cap, n + 1, sizeof(*pairs)) < 0)
				goto out;
			pairs[n] = (member_pair){ cfg->agents[ai].id, ai, (uint32_t)n, g->id };
			n++;
		}
	}
	if (n > 1) /* qsort() takes no NULL array, even an empty one */
		qsort(pairs, n, sizeof(*pairs), cmp_pairs);
	for (size_t i = 0; i < n;) {
		const sgg_agent *a = &cfg->agents[pairs[i].agent];
		const sgg_session *s = sgg_sessions_by_agent(ctx->snap, a->id);
		size_t run = 1;
		int64_t *groups;
		sgg_notify *nt;

		while (i + run < n && pairs[i + run].agent_id == a->id)
			run++;
		if (sgg__grow((void **)&r->notify, &r->cap_notify, r->n_notify + 1,
		              sizeof(*r->notify)) < 0 ||
		    !(groups = sgg__arena_alloc(&r->strings, run * sizeof(*groups))))
			goto out;
		for (size_t k = 0; k < run; k++)
			groups[k] = pairs[i + k].group;
		nt = &r->notify[r->n_notify];
		memset(nt, 0, sizeof(*nt));
		if (!(nt->agent = sgg__report_agent(r, a)))
			goto out;
		nt->covered = sgg_sessions_covers(ctx->snap, a->peripheral);
		nt->has_session = s != NULL;
		nt->state = s ? s->state : SGG_STATE_LOGGED_OUT;
		nt->login_at = s ? s->login_at : SGG_TIME_NONE;
		nt->skill_groups = groups;
		nt->n_skill_groups = run;
		r->n_notify++;
		i += run;
	}
	rc = 0;
out:
	sgg__free_ptr(pairs);
	return rc;
}

static int run_rules(sgg__check_ctx *ctx, const char *const *refs, size_t n_refs)
{
	resolved_ref *resolved = NULL;
	size_t n_resolved = 0;
	target_set set;
	int rc;

	memset(&set, 0, sizeof(set));
	sgg__imap_init(&set.seen);
	if ((rc = resolve_targets(ctx, refs, n_refs, &resolved, &n_resolved)) < 0)
		goto out;

	rc = SGG_ENOMEM;
	/* a sub-skill group named beside its base is checked as part of the base */
	for (size_t i = 0; i < n_resolved; i++)
		if (resolved[i].group->priority == 0 && add_group(&set, resolved[i].group) < 0)
			goto out;
	for (size_t i = 0; i < n_resolved; i++) {
		const sgg_skill_group *g = resolved[i].group;
		const sgg_skill_group *const *subs;
		size_t n_subs = 0;

		if (g->priority > 0 && sgg__imap_get(&set.seen, g->base, NULL))
			continue;
		if (g->priority > 0 && add_group(&set, g) < 0)
			goto out;
		if (add_report_target(ctx, resolved[i].reference, g) < 0)
			goto out;
		subs = g->priority == 0 ? sgg_config_subgroups(ctx->cfg, g->id, &n_subs) : NULL;
		for (size_t k = 0; k < n_subs; k++)
			if (add_group(&set, subs[k]) < 0 || sgg__rule_subskill_included(ctx, g, subs[k]) < 0)
				goto out;
	}

	if (sgg__rule_snapshot_stale(ctx) < 0 || sgg__rule_snapshot_from_future(ctx) < 0 ||
	    sgg__rule_outside_window(ctx) < 0)
		goto out;
	for (size_t i = 0; i < set.n_groups; i++) {
		const sgg_skill_group *g = set.groups[i];

		if (sgg__rule_snapshot_out_of_scope(ctx, g) < 0 ||
		    sgg__rule_member_logged_in(ctx, g) < 0 ||
		    sgg__rule_session_references_target(ctx, g) < 0 ||
		    sgg__rule_route_references_target(ctx, g) < 0 ||
		    sgg__rule_session_unknown_agent(ctx, g) < 0)
			goto out;
	}
	if (build_notify(ctx, &set) < 0)
		goto out;
	rc = 0;
out:
	sgg__free_ptr(resolved);
	sgg__free_ptr(set.groups);
	sgg__imap_clear(&set.seen);
	return rc;
}

int sgg_check_run(sgg_report **out, const sgg_config *cfg, const sgg_sessions *snap,
                  const char *const *refs, size_t n_refs, const sgg_check_options *opts,
                  sgg_error *err)
{
	sgg_check_options defaults = SGG_CHECK_OPTIONS_INIT;
	sgg__check_ctx ctx;
	sgg_report *r = NULL;

	if (out)
		*out = NULL;
	if (!out || !cfg || !snap || (!refs && n_refs > 0))
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL, "NULL argument");
	if (n_refs == 0)
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL, "no target to check");
	for (size_t i = 0; i < n_refs; i++)
		if (!refs[i])
			return sgg__error_set(err, SGG_EINVAL, NULL, NULL, "NULL target reference");
	if (!opts)
		opts = &defaults;
	if (opts->version != SGG_CHECK_OPTIONS_VERSION)
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL,
		                      "check options of version %u, this library reads version %d",
		                      opts->version, SGG_CHECK_OPTIONS_VERSION);
	if (!cfg->sealed || !snap->sealed)
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL,
		                      "seal the configuration and the snapshot before checking");
	if (opts->has_window && opts->window.end <= opts->window.start)
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL,
		                      "the window ends before it starts");
	if (sgg__report_new(&r) < 0)
		return sgg__error_oom(err);

	r->checked_at = opts->at == SGG_TIME_NONE ? sgg__now() : opts->at;
	r->taken_at = snap->taken_at;
	r->max_age = opts->max_age < 0 ? SGG_DEFAULT_MAX_AGE : opts->max_age;
	r->has_window = opts->has_window != 0;
	r->window = opts->window;
	r->strict = opts->strict != 0;

	ctx.cfg = cfg;
	ctx.snap = snap;
	ctx.report = r;
	ctx.at = r->checked_at;
	ctx.max_age = r->max_age;
	ctx.window = r->has_window ? &r->window : NULL;
	if (run_rules(&ctx, refs, n_refs) < 0) {
		sgg_report_free(r);
		return sgg__error_oom(err);
	}
	sgg__report_finish(r);
	*out = r;
	return 0;
}
