/*
 * rules.h - the rules of the check. Each rule is one function in rules.c.
 * SPDX-License-Identifier: MIT
 */
#ifndef SGG_RULES_H
#define SGG_RULES_H

#include "report.h"

typedef struct sgg__check_ctx {
	const sgg_config *cfg;
	const sgg_sessions *snap;
	sgg_report *report;
	sgg_time at;
	int64_t max_age;
	const sgg_window *window; /* NULL when no window applies */
} sgg__check_ctx;

/* How a reference failed to name a live skill group. */
typedef enum sgg__unknown_reason {
	SGG__UNKNOWN_MALFORMED = 0,
	SGG__UNKNOWN_NO_MATCH,
	SGG__UNKNOWN_DELETED
} sgg__unknown_reason;

/* Each returns 0 or SGG_ENOMEM. */
int sgg__rule_unknown_target(sgg__check_ctx *ctx, const char *reference,
                             sgg__unknown_reason reason, const sgg_skill_group *deleted);
int sgg__rule_snapshot_stale(sgg__check_ctx *ctx);
int sgg__rule_snapshot_from_future(sgg__check_ctx *ctx);
int sgg__rule_outside_window(sgg__check_ctx *ctx);
/* The per-group rules; @p g is a live target or a sub-skill group of one. */
int sgg__rule_snapshot_out_of_scope(sgg__check_ctx *ctx, const sgg_skill_group *g);
int sgg__rule_member_logged_in(sgg__check_ctx *ctx, const sgg_skill_group *g);
int sgg__rule_session_references_target(sgg__check_ctx *ctx, const sgg_skill_group *g);
int sgg__rule_session_unknown_agent(sgg__check_ctx *ctx, const sgg_skill_group *g);
int sgg__rule_route_references_target(sgg__check_ctx *ctx, const sgg_skill_group *g);
/* @p sub is a sub-skill group that base target @p base brings with it. */
int sgg__rule_subskill_included(sgg__check_ctx *ctx, const sgg_skill_group *base,
                                const sgg_skill_group *sub);

#endif /* SGG_RULES_H */
