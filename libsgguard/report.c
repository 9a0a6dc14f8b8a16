/*
 * report.c - the report object: findings, targets, notification list,
 * verdict; and its accessors.
 * SPDX-License-Identifier: MIT
 */
#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int sgg__report_new(sgg_report **out)
{
	sgg_report *r = sgg__calloc(1, sizeof(*r));

	*out = NULL;
	if (!r)
		return SGG_ENOMEM;
	sgg__arena_init(&r->strings);
	sgg__imap_init(&r->group_copies);
	sgg__imap_init(&r->agent_copies);
	r->verdict = SGG_VERDICT_ERROR; /* until a check finishes, nothing is allowed */
	r->checked_at = r->taken_at = SGG_TIME_NONE;
	*out = r;
	return 0;
}

void sgg_report_free(sgg_report *r)
{
	if (!r)
		return;
	sgg__arena_clear(&r->strings);
	sgg__imap_clear(&r->group_copies);
	sgg__imap_clear(&r->agent_copies);
	sgg__free_ptr(r->group_copy);
	sgg__free_ptr(r->agent_copy);
	sgg__free_ptr(r->findings);
	sgg__free_ptr(r->targets);
	sgg__free_ptr(r->notify);
	sgg__free_ptr(r);
}

const char *sgg__report_strdup(sgg_report *r, const char *s)
{
	return s ? sgg__arena_strdup(&r->strings, s) : NULL;
}

const sgg_skill_group *sgg__report_group(sgg_report *r, const sgg_skill_group *g)
{
	uint32_t i;
	sgg_skill_group *copy;

	if (sgg__imap_get(&r->group_copies, g->id, &i))
		return r->group_copy[i];
	if (sgg__grow((void **)&r->group_copy, &r->cap_group_copy, r->n_group_copy + 1,
	              sizeof(sgg_skill_group *)) < 0 ||
	    sgg__imap_reserve(&r->group_copies, r->group_copies.count + 1) < 0)
		return NULL;
	copy = sgg__arena_alloc(&r->strings, sizeof(*copy));
	if (!copy)
		return NULL;
	*copy = *g;
	if (!(copy->name = sgg__report_strdup(r, g->name)))
		return NULL;
	sgg__imap_put(&r->group_copies, g->id, (uint32_t)r->n_group_copy, NULL);
	r->group_copy[r->n_group_copy++] = copy;
	return copy;
}

const sgg_agent *sgg__report_agent(sgg_report *r, const sgg_agent *a)
{
	uint32_t i;
	sgg_agent *copy;

	if (sgg__imap_get(&r->agent_copies, a->id, &i))
		return r->agent_copy[i];
	if (sgg__grow((void **)&r->agent_copy, &r->cap_agent_copy, r->n_agent_copy + 1,
	              sizeof(sgg_agent *)) < 0 ||
	    sgg__imap_reserve(&r->agent_copies, r->agent_copies.count + 1) < 0)
		return NULL;
	copy = sgg__arena_alloc(&r->strings, sizeof(*copy));
	if (!copy)
		return NULL;
	*copy = *a;
	copy->number = sgg__report_strdup(r, a->number);
	copy->name = sgg__report_strdup(r, a->name);
	copy->team = sgg__report_strdup(r, a->team);
	if (!copy->number || (a->name && !copy->name) || (a->team && !copy->team))
		return NULL;
	sgg__imap_put(&r->agent_copies, a->id, (uint32_t)r->n_agent_copy, NULL);
	r->agent_copy[r->n_agent_copy++] = copy;
	return copy;
}

int sgg__report_add(sgg_report *r, const sgg_finding *f, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	sgg_finding *slot;

	if (sgg__grow((void **)&r->findings, &r->cap_findings, r->n_findings + 1,
	              sizeof(*r->findings)) < 0)
		return SGG_ENOMEM;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	slot = &r->findings[r->n_findings];
	*slot = *f;
	slot->severity = sgg_rule_severity(f->rule);
	if (!(slot->message = sgg__report_strdup(r, msg)))
		return SGG_ENOMEM;
	r->n_findings++;
	return 0;
}

static int64_t group_key(const sgg_finding *f)
{
	return f->skill_group ? f->skill_group->id : 0;
}

static int cmp_i64(int64_t a, int64_t b)
{
	return (a > b) - (a < b);
}

/* Report order: rule (the rules are numbered most severe first), skill group, agent, route. */
static int cmp_findings(const void *pa, const void *pb)
{
	const sgg_finding *a = pa, *b = pb;
	int c;

	if ((c = cmp_i64(a->rule, b->rule)) != 0 || (c = cmp_i64(group_key(a), group_key(b))) != 0 ||
	    (c = cmp_i64(a->agent_id, b->agent_id)) != 0 || (c = cmp_i64(a->route_id, b->route_id)) != 0)
		return c;
	return 0; /* one finding per (rule, group, agent, route): keys never tie */
}

void sgg__report_finish(sgg_report *r)
{
	size_t first = 0;

	/* unknown-target findings come first, appended in the order the references
	 * were given; they carry no group to sort by, so they stay as they are */
	while (first < r->n_findings && r->findings[first].rule == SGG_RULE_UNKNOWN_TARGET)
		first++;
	if (r->n_findings - first > 1) /* findings may be NULL when there are none */
		qsort(r->findings + first, r->n_findings - first, sizeof(*r->findings), cmp_findings);
	memset(r->severity_count, 0, sizeof(r->severity_count));
	for (size_t i = 0; i < r->n_findings; i++)
		r->severity_count[r->findings[i].severity]++;
	/* an error, or nothing checked at all, is never an allow */
	if (r->severity_count[SGG_SEVERITY_ERROR] > 0 || r->n_targets == 0)
		r->verdict = SGG_VERDICT_ERROR;
	else if (r->severity_count[SGG_SEVERITY_BLOCK] > 0 ||
	         (r->strict && r->severity_count[SGG_SEVERITY_WARN] > 0))
		r->verdict = SGG_VERDICT_BLOCK;
	else
		r->verdict = SGG_VERDICT_ALLOW;
}

const char *sgg__group_label(const sgg_skill_group *g, char *buf, size_t size)
{
	if (g->priority > 0)
		snprintf(buf, size, "%d:%lld:%d %s", g->peripheral, (long long)g->number, g->priority,
		         g->name);
	else
		snprintf(buf, size, "%d:%lld %s", g->peripheral, (long long)g->number, g->name);
	return buf;
}

const char *sgg__agent_label(const sgg_finding *f, char *buf, size_t size)
{
	if (f->agent_number && f->agent_name)
		snprintf(buf, size, "%s (%s)", f->agent_number, f->agent_name);
	else if (f->agent_number)
		snprintf(buf, size, "%s (id %lld)", f->agent_number, (long long)f->agent_id);
	else
		snprintf(buf, size, "id %lld", (long long)f->agent_id);
	return buf;
}

sgg_verdict sgg_report_verdict(const sgg_report *r)
{
	return r ? r->verdict : SGG_VERDICT_ERROR;
}

sgg_time sgg_report_checked_at(const sgg_report *r)
{
	return r ? r->checked_at : SGG_TIME_NONE;
}

sgg_time sgg_report_taken_at(const sgg_report *r)
{
	return r ? r->taken_at : SGG_TIME_NONE;
}

int64_t sgg_report_max_age(const sgg_report *r)
{
	return r ? r->max_age : 0;
}

const sgg_window *sgg_report_window(const sgg_report *r)
{
	return r && r->has_window ? &r->window : NULL;
}

int sgg_report_strict(const sgg_report *r)
{
	return r ? r->strict : 0;
}

size_t sgg_report_finding_count(const sgg_report *r)
{
	return r ? r->n_findings : 0;
}

const sgg_finding *sgg_report_finding(const sgg_report *r, size_t index)
{
	return r && index < r->n_findings ? &r->findings[index] : NULL;
}

size_t sgg_report_count_severity(const sgg_report *r, sgg_severity severity)
{
	if (!r || (int)severity < 0 || (int)severity > SGG_SEVERITY_ERROR)
		return 0;
	return r->severity_count[severity];
}

size_t sgg_report_target_count(const sgg_report *r)
{
	return r ? r->n_targets : 0;
}

const sgg_target *sgg_report_target(const sgg_report *r, size_t index)
{
	return r && index < r->n_targets ? &r->targets[index] : NULL;
}

size_t sgg_report_notify_count(const sgg_report *r)
{
	return r ? r->n_notify : 0;
}

const sgg_notify *sgg_report_notify(const sgg_report *r, size_t index)
{
	return r && index < r->n_notify ? &r->notify[index] : NULL;
}
