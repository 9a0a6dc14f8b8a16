/*
 * diff.h - the insides of a diff or lint result, shared by the diff, the
 * consistency checks and the renderers.
 * SPDX-License-Identifier: MIT
 */
#ifndef SGG_DIFF_H
#define SGG_DIFF_H

#include "internal.h"

struct sgg_diff {
	bool lint; /* made by sgg_lint_run(): no BEFORE, no removals */
	sgg_verdict verdict;
	sgg_time before_exported_at;
	sgg_time after_exported_at;

	/* what was checked for consistency, for the summary */
	size_t n_memberships_checked, n_bases_checked, n_routes_checked;

	/* everything the result points to is copied here: it outlives its inputs */
	sgg__arena strings;

	sgg_diff_change *changes;
	size_t n_changes, cap_changes;
	sgg_removal *removals;
	size_t n_removals, cap_removals;
	const sgg_skill_group **added;
	size_t n_added, cap_added;
	sgg_group_change *changed;
	size_t n_changed, cap_changed;
	sgg_membership_change *memberships;
	size_t n_memberships, cap_memberships;
	sgg_diff_finding *findings;
	size_t n_findings, cap_findings;
};

/* An empty result; 0 or SGG_ENOMEM. */
int sgg__diff_new(sgg_diff **out);

/* Copies owned by the result; NULL on out of memory (or for a NULL input). */
const sgg_skill_group *sgg__diff_group(sgg_diff *d, const sgg_skill_group *g);
const sgg_agent *sgg__diff_agent(sgg_diff *d, const sgg_agent *a);
const char *sgg__diff_strdup(sgg_diff *d, const char *s);

/*
 * Append a finding: @p f has everything but the message filled in (its
 * pointers already belong to the result); the message is @p message,
 * copied. 0 or SGG_ENOMEM.
 */
int sgg__diff_add_finding(sgg_diff *d, const sgg_diff_finding *f, const char *message);

/*
 * The consistency checks of @p cfg (loaded with SGG_CONFIG_KEEP_DANGLING):
 * one dangling-reference finding per kept reference. @p before, when not
 * NULL, names the missing groups as they were there. 0 or SGG_ENOMEM.
 */
int sgg__lint_config(sgg_diff *d, const sgg_config *cfg, const sgg_config *before);

/* Set the verdict from the findings. */
void sgg__diff_finish(sgg_diff *d);

/* "agent 1428 (Ana Ruiz, id 5107)" into @p buf. */
const char *sgg__diff_agent_label(const sgg_agent *a, char *buf, size_t size);

#endif /* SGG_DIFF_H */
