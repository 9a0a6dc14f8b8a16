/*
 * lint.c - the consistency checks of one export: a membership, a sub-skill
 * group's base or a route that names a skill group which is absent or
 * deleted. An agent configured with a group OPC no longer knows is the very
 * state that crashed it in the technote, so each one blocks.
 * SPDX-License-Identifier: MIT
 */
#include "diff.h"
#include "report.h"

#include <stdio.h>

/*
 * "skill group 5019 (5000:40424 Literature), which is deleted" and the like:
 * what a dangling reference names, with whatever @p cfg or @p before still
 * says about it.
 */
static const char *describe_target(const sgg_config *cfg, const sgg_config *before,
                                   const sgg__dangling *dg, char *buf, size_t size)
{
	char label[SGG_STRING_MAX + 64];
	const sgg_skill_group *was =
	    before ? sgg_config_skill_group_by_id(before, dg->target) : NULL;

	if (dg->deleted)
		snprintf(buf, size, "skill group %lld (%s), which is deleted",
		         (long long)dg->target,
		         sgg__group_label(sgg_config_skill_group_by_id(cfg, dg->target), label,
		                          sizeof(label)));
	else if (sgg_config_agent_by_id(cfg, dg->target))
		snprintf(buf, size, "id %lld, which is an agent, not a skill group",
		         (long long)dg->target);
	else if (was)
		snprintf(buf, size, "skill group %lld, which does not exist (it was %s)",
		         (long long)dg->target, sgg__group_label(was, label, sizeof(label)));
	else
		snprintf(buf, size, "skill group %lld, which does not exist",
		         (long long)dg->target);
	return buf;
}

static int add_dangling(sgg_diff *d, const sgg_config *cfg, const sgg_config *before,
                        const sgg__dangling *dg)
{
	char path[64], target[SGG_STRING_MAX + 128], owner[2 * SGG_STRING_MAX + 64];
	char message[sizeof(owner) + sizeof(target) + 64];
	char label[SGG_STRING_MAX + 64];
	sgg_diff_finding f = {.rule = SGG_DIFF_RULE_DANGLING_REFERENCE,
	                      .target = dg->target,
	                      .target_deleted = dg->deleted};
	const sgg_skill_group *tg = dg->deleted ? sgg_config_skill_group_by_id(cfg, dg->target)
	                            : before    ? sgg_config_skill_group_by_id(before, dg->target)
	                                        : NULL;

	describe_target(cfg, before, dg, target, sizeof(target));
	switch (dg->kind) {
	case SGG__DANGLING_MEMBERSHIP:
		f.kind = SGG_DANGLING_MEMBERSHIP;
		snprintf(path, sizeof(path), "agents[%zu].skill_groups[%zu]", dg->owner, dg->pos);
		if (!(f.agent = sgg__diff_agent(d, &cfg->agents[dg->owner])))
			return SGG_ENOMEM;
		snprintf(message, sizeof(message), "%s is a member of %s",
		         sgg__diff_agent_label(f.agent, owner, sizeof(owner)), target);
		break;
	case SGG__DANGLING_BASE:
		f.kind = SGG_DANGLING_BASE;
		snprintf(path, sizeof(path), "skill_groups[%zu].base", dg->owner);
		if (!(f.skill_group = sgg__diff_group(d, &cfg->groups[dg->owner])))
			return SGG_ENOMEM;
		snprintf(message, sizeof(message),
		         "sub-skill group %s (id %lld) has as its base %s",
		         sgg__group_label(f.skill_group, label, sizeof(label)),
		         (long long)f.skill_group->id, target);
		break;
	default:
		f.kind = SGG_DANGLING_ROUTE;
		snprintf(path, sizeof(path), "routes[%zu].target", dg->owner);
		f.route_id = cfg->routes[dg->owner].id;
		if (cfg->routes[dg->owner].name &&
		    !(f.route_name = sgg__diff_strdup(d, cfg->routes[dg->owner].name)))
			return SGG_ENOMEM;
		if (f.route_name)
			snprintf(owner, sizeof(owner), "route %lld (%s)", (long long)f.route_id,
			         f.route_name);
		else
			snprintf(owner, sizeof(owner), "route %lld", (long long)f.route_id);
		snprintf(message, sizeof(message), "%s sends calls to %s", owner, target);
		break;
	}
	if (!(f.path = sgg__diff_strdup(d, path)) ||
	    (tg && !(f.target_group = sgg__diff_group(d, tg))))
		return SGG_ENOMEM;
	return sgg__diff_add_finding(d, &f, message);
}

int sgg__lint_config(sgg_diff *d, const sgg_config *cfg, const sgg_config *before)
{
	static const sgg__dangling_kind order[] = {SGG__DANGLING_MEMBERSHIP, SGG__DANGLING_BASE,
	                                           SGG__DANGLING_ROUTE};
	int rc;

	d->n_memberships_checked = cfg->n_member_ids;
	d->n_bases_checked = 0;
	for (size_t i = 0; i < cfg->n_groups; i++)
		d->n_bases_checked += !cfg->groups[i].deleted && cfg->groups[i].priority > 0;
	d->n_routes_checked = cfg->n_routes;
	/* memberships first (the crash), then bases, then routes; the export's order inside */
	for (size_t o = 0; o < SGG_ARRAY_SIZE(order); o++)
		for (size_t i = 0; i < cfg->n_dangling; i++)
			if (cfg->dangling[i].kind == order[o] &&
			    (rc = add_dangling(d, cfg, before, &cfg->dangling[i])) < 0)
				return rc;
	return 0;
}

int sgg_lint_run(sgg_diff **out, const sgg_config *cfg, sgg_error *err)
{
	sgg_diff *d = NULL;

	if (out)
		*out = NULL;
	if (!out || !cfg)
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL, "NULL argument");
	if (!cfg->sealed)
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL,
		                      "lint needs a sealed configuration");
	if (sgg__diff_new(&d) < 0)
		return sgg__error_oom(err);
	d->lint = true;
	d->after_exported_at = cfg->exported_at;
	if (sgg__lint_config(d, cfg, NULL) < 0) {
		sgg_diff_free(d);
		return sgg__error_oom(err);
	}
	sgg__diff_finish(d);
	*out = d;
	return 0;
}
