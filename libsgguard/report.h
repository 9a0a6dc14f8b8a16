/*
 * report.h - the report's insides, shared by the check, the rules and the
 * renderers.
 * SPDX-License-Identifier: MIT
 */
#ifndef SGG_REPORT_H
#define SGG_REPORT_H

#include "internal.h"

struct sgg_report {
	sgg_verdict verdict;
	sgg_time checked_at;
	sgg_time taken_at;
	int64_t max_age;
	bool has_window;
	sgg_window window;
	bool strict;
	size_t severity_count[4];

	/* everything the report points to is copied here: a report outlives its inputs */
	sgg__arena strings;
	sgg__imap group_copies; /* skill group id -> index in group_copy */
	sgg_skill_group **group_copy;
	size_t n_group_copy, cap_group_copy;
	sgg__imap agent_copies; /* agent id -> index in agent_copy */
	sgg_agent **agent_copy;
	size_t n_agent_copy, cap_agent_copy;

	sgg_finding *findings;
	size_t n_findings, cap_findings;
	sgg_target *targets;
	size_t n_targets, cap_targets;
	sgg_notify *notify;
	size_t n_notify, cap_notify;
};

/* An empty report; 0 or SGG_ENOMEM. */
int sgg__report_new(sgg_report **out);

/* A copy of @p g owned by the report (one per id); NULL on out of memory. */
const sgg_skill_group *sgg__report_group(sgg_report *r, const sgg_skill_group *g);
/* A copy of @p a owned by the report (one per id); NULL on out of memory. */
const sgg_agent *sgg__report_agent(sgg_report *r, const sgg_agent *a);
/* A copy of a string owned by the report; NULL for NULL or out of memory. */
const char *sgg__report_strdup(sgg_report *r, const char *s);

/*
 * Append a finding: @p f has the rule, agent, group, route and reference
 * filled in (pointers must already belong to the report); the severity
 * comes from the rule and the message from @p fmt.
 * 0 or SGG_ENOMEM.
 */
int sgg__report_add(sgg_report *r, const sgg_finding *f, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 3, 4)))
#endif
	;

/* Sort the findings into report order and set the verdict. */
void sgg__report_finish(sgg_report *r);

/* Describe a skill group as "5000:40424 Literature" into @p buf. */
const char *sgg__group_label(const sgg_skill_group *g, char *buf, size_t size);
/* Describe an agent as "1428 (Ana Ruiz)" or "id 5107" into @p buf. */
const char *sgg__agent_label(const sgg_finding *f, char *buf, size_t size);

#endif /* SGG_REPORT_H */
