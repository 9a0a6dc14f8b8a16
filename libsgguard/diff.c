/*
 * diff.c - what changed between two configuration exports, and the policy
 * on removals: every skill group removed (absent or newly deleted, the
 * sub-skill groups of a removed base with it) must be covered by a change
 * record that reached the gate of the four-step procedure.
 * SPDX-License-Identifier: MIT
 */
#include "diff.h"
#include "report.h"

#include <stdio.h>
#include <string.h>

const char *sgg_diff_rule_id(sgg_diff_rule rule)
{
	switch (rule) {
	case SGG_DIFF_RULE_REMOVAL_WITHOUT_CHANGE: return "removal-without-change";
	case SGG_DIFF_RULE_DANGLING_REFERENCE: return "dangling-reference";
	}
	return NULL;
}

const char *sgg_removal_kind_name(sgg_removal_kind kind)
{
	switch (kind) {
	case SGG_REMOVAL_ABSENT: return "absent";
	case SGG_REMOVAL_DELETED: return "deleted";
	case SGG_REMOVAL_WITH_BASE: return "with-base";
	}
	return NULL;
}

int sgg__diff_new(sgg_diff **out)
{
	sgg_diff *d = sgg__calloc(1, sizeof(*d));

	*out = NULL;
	if (!d)
		return SGG_ENOMEM;
	d->verdict = SGG_VERDICT_ALLOW;
	d->before_exported_at = SGG_TIME_NONE;
	d->after_exported_at = SGG_TIME_NONE;
	sgg__arena_init(&d->strings);
	*out = d;
	return 0;
}

void sgg_diff_free(sgg_diff *diff)
{
	if (!diff)
		return;
	sgg__arena_clear(&diff->strings);
	sgg__free_ptr(diff->changes);
	sgg__free_ptr(diff->removals);
	sgg__free_ptr(diff->added);
	sgg__free_ptr(diff->changed);
	sgg__free_ptr(diff->memberships);
	sgg__free_ptr(diff->findings);
	sgg__free_ptr(diff);
}

const char *sgg__diff_strdup(sgg_diff *d, const char *s)
{
	return s ? sgg__arena_strdup(&d->strings, s) : NULL;
}

const sgg_skill_group *sgg__diff_group(sgg_diff *d, const sgg_skill_group *g)
{
	sgg_skill_group *copy;

	if (!g || !(copy = sgg__arena_alloc(&d->strings, sizeof(*copy))))
		return NULL;
	*copy = *g;
	copy->name = sgg__diff_strdup(d, g->name);
	return copy->name ? copy : NULL;
}

const sgg_agent *sgg__diff_agent(sgg_diff *d, const sgg_agent *a)
{
	sgg_agent *copy;

	if (!a || !(copy = sgg__arena_alloc(&d->strings, sizeof(*copy))))
		return NULL;
	*copy = *a;
	copy->number = sgg__diff_strdup(d, a->number);
	copy->name = sgg__diff_strdup(d, a->name);
	copy->team = sgg__diff_strdup(d, a->team);
	if (!copy->number || (a->name && !copy->name) || (a->team && !copy->team))
		return NULL;
	return copy;
}

int sgg__diff_add_finding(sgg_diff *d, const sgg_diff_finding *f, const char *message)
{
	sgg_diff_finding *slot;
	const char *msg = sgg__diff_strdup(d, message);

	if (!msg || sgg__grow((void **)&d->findings, &d->cap_findings, d->n_findings + 1,
	                      sizeof(*d->findings)) < 0)
		return SGG_ENOMEM;
	slot = &d->findings[d->n_findings++];
	*slot = *f;
	slot->severity = SGG_SEVERITY_BLOCK;
	slot->message = msg;
	return 0;
}

void sgg__diff_finish(sgg_diff *d)
{
	d->verdict = SGG_VERDICT_ALLOW;
	for (size_t i = 0; i < d->n_findings; i++)
		if (d->findings[i].severity >= SGG_SEVERITY_BLOCK)
			d->verdict = SGG_VERDICT_BLOCK;
}

const char *sgg__diff_agent_label(const sgg_agent *a, char *buf, size_t size)
{
	if (a->name)
		snprintf(buf, size, "agent %s (%s, id %lld)", a->number, a->name, (long long)a->id);
	else
		snprintf(buf, size, "agent %s (id %lld)", a->number, (long long)a->id);
	return buf;
}

/* ---- the diff ---- */

/* Whether a record in this state has passed the gate of step 3. */
static bool state_allows_removal(sgg_change_state state)
{
	return state == SGG_CHANGE_REMOVAL_APPROVED || state == SGG_CHANGE_REMOVED ||
	       state == SGG_CHANGE_CLOSED;
}

/* The group with id @p id in @p cfg, deleted rows included; NULL for none (or an agent). */
static const sgg_skill_group *row(const sgg_config *cfg, int64_t id)
{
	return sgg_config_skill_group_by_id(cfg, id);
}

static bool live(const sgg_skill_group *g)
{
	return g && !g->deleted;
}

static int add_removal(sgg_diff *d, const sgg_skill_group *g, sgg_removal_kind kind,
                       int64_t with_base)
{
	const sgg_skill_group *copy = sgg__diff_group(d, g);

	if (!copy || sgg__grow((void **)&d->removals, &d->cap_removals, d->n_removals + 1,
	                       sizeof(*d->removals)) < 0)
		return SGG_ENOMEM;
	d->removals[d->n_removals++] =
	    (sgg_removal){.skill_group = copy, .kind = kind, .with_base = with_base};
	return 0;
}

/*
 * Removals in BEFORE's order. A group is removed on its own when its row is
 * gone or deleted in AFTER; a live sub-skill group of a removed base is
 * removed with it unless AFTER moved it under another base.
 */
static int find_removals(sgg_diff *d, const sgg_config *before, const sgg_config *after)
{
	size_t n = before->n_groups;
	unsigned char *gone = NULL; /* per BEFORE group: 1 when removed on its own */
	int rc = SGG_ENOMEM;

	gone = sgg__calloc(n ? n : 1, 1);
	if (!gone)
		goto out;
	for (size_t i = 0; i < n; i++) {
		const sgg_skill_group *g = &before->groups[i];

		gone[i] = !g->deleted && !live(row(after, g->id));
	}
	for (size_t i = 0; i < n; i++) {
		const sgg_skill_group *g = &before->groups[i], *a = row(after, g->id);
		int64_t with_base = 0;
		uint32_t b;

		if (g->deleted)
			continue;
		if (g->priority > 0 && sgg__imap_get(&before->object_ids, g->base, &b) &&
		    !(b & SGG__AGENT_BIT) && gone[b])
			with_base = g->base;
		if (gone[i])
			rc = add_removal(d, g, a ? SGG_REMOVAL_DELETED : SGG_REMOVAL_ABSENT,
			                 with_base);
		else if (with_base && a->priority > 0 && a->base == with_base)
			rc = add_removal(d, g, SGG_REMOVAL_WITH_BASE, with_base);
		else
			continue;
		if (rc < 0)
			goto out;
	}
	rc = 0;
out:
	sgg__free_ptr(gone);
	return rc;
}

static void describe_removal(const sgg_diff *d, const sgg_removal *r, char *buf, size_t size)
{
	char label[SGG_STRING_MAX + 64], base[SGG_STRING_MAX + 96] = "";
	const char *how = r->kind == SGG_REMOVAL_ABSENT    ? "absent from the new export, "
	                  : r->kind == SGG_REMOVAL_DELETED ? "marked deleted in the new export, "
	                                                   : "";

	if (r->with_base) {
		/* the base is a removal too, found earlier or later in the list */
		const sgg_skill_group *bg = NULL;
		char blabel[SGG_STRING_MAX + 64];

		for (size_t i = 0; i < d->n_removals && !bg; i++)
			if (d->removals[i].skill_group->id == r->with_base)
				bg = d->removals[i].skill_group;
		if (bg)
			snprintf(base, sizeof(base), "with its base group %s (id %lld)",
			         sgg__group_label(bg, blabel, sizeof(blabel)), (long long)bg->id);
		else
			snprintf(base, sizeof(base), "with its base group %lld",
			         (long long)r->with_base);
	}
	if (r->kind == SGG_REMOVAL_WITH_BASE)
		snprintf(buf, size,
		         "skill group %s (id %lld) is removed (%s, though the new export "
		         "still lists it)",
		         sgg__group_label(r->skill_group, label, sizeof(label)),
		         (long long)r->skill_group->id, base);
	else if (r->with_base)
		snprintf(buf, size, "skill group %s (id %lld) is removed (%s%s)",
		         sgg__group_label(r->skill_group, label, sizeof(label)),
		         (long long)r->skill_group->id, how, base);
	else
		/* without the trailing ", " */
		snprintf(buf, size, "skill group %s (id %lld) is removed (%.*s)",
		         sgg__group_label(r->skill_group, label, sizeof(label)),
		         (long long)r->skill_group->id, (int)strlen(how) - 2, how);
}

/*
 * Find the record that covers removal @p r, or explain in one finding why
 * none does: each record given is named with the reason it does not count.
 */
static int apply_policy(sgg_diff *d, sgg_removal *r, sgg_change *const *changes)
{
	sgg__buf msg;
	char what[2 * SGG_STRING_MAX + 256];
	int rc;

	for (size_t k = 0; k < d->n_changes; k++) {
		bool targets = sgg_change_covers(changes[k], r->skill_group->id) > 0 ||
		               (r->with_base && sgg_change_covers(changes[k], r->with_base) > 0);

		if (targets && state_allows_removal(d->changes[k].state)) {
			r->covered_by = &d->changes[k];
			return 0;
		}
	}
	describe_removal(d, r, what, sizeof(what));
	sgg__buf_init(&msg);
	sgg__buf_printf(&msg,
	                "%s without a change record in state removal_approved, removed or "
	                "closed that targets it: ",
	                what);
	if (d->n_changes == 0)
		sgg__buf_puts(&msg, "no change record was given");
	for (size_t k = 0; k < d->n_changes; k++) {
		const sgg_diff_change *c = &d->changes[k];
		bool targets = sgg_change_covers(changes[k], r->skill_group->id) > 0 ||
		               (r->with_base && sgg_change_covers(changes[k], r->with_base) > 0);

		if (k)
			sgg__buf_puts(&msg, "; ");
		if (targets)
			sgg__buf_printf(&msg, "%s targets it but is in state %s", c->id,
			                sgg_change_state_name(c->state));
		else
			sgg__buf_printf(&msg, "%s (%s) targets other skill groups", c->id,
			                sgg_change_state_name(c->state));
	}
	if (msg.failed) {
		sgg__buf_free(&msg);
		return SGG_ENOMEM;
	}
	rc = sgg__diff_add_finding(d,
	                           &(sgg_diff_finding){.rule = SGG_DIFF_RULE_REMOVAL_WITHOUT_CHANGE,
	                                               .skill_group = r->skill_group},
	                           msg.data ? msg.data : "");
	sgg__buf_free(&msg);
	return rc;
}

static int find_added_and_changed(sgg_diff *d, const sgg_config *before, const sgg_config *after)
{
	for (size_t i = 0; i < after->n_groups; i++) {
		const sgg_skill_group *a = &after->groups[i], *b = row(before, a->id);
		unsigned fields = 0;

		if (a->deleted)
			continue;
		if (!live(b)) {
			const sgg_skill_group *copy = sgg__diff_group(d, a);

			if (!copy || sgg__grow((void **)&d->added, &d->cap_added, d->n_added + 1,
			                       sizeof(*d->added)) < 0)
				return SGG_ENOMEM;
			d->added[d->n_added++] = copy;
			continue;
		}
		if (strcmp(a->name, b->name) != 0)
			fields |= SGG_GROUP_FIELD_NAME;
		if (a->peripheral != b->peripheral)
			fields |= SGG_GROUP_FIELD_PERIPHERAL;
		if (a->number != b->number)
			fields |= SGG_GROUP_FIELD_NUMBER;
		if (a->priority != b->priority)
			fields |= SGG_GROUP_FIELD_PRIORITY;
		if (a->base != b->base)
			fields |= SGG_GROUP_FIELD_BASE;
		if (fields) {
			sgg_group_change c = {sgg__diff_group(d, b), sgg__diff_group(d, a), fields};

			if (!c.before || !c.after ||
			    sgg__grow((void **)&d->changed, &d->cap_changed, d->n_changed + 1,
			              sizeof(*d->changed)) < 0)
				return SGG_ENOMEM;
			d->changed[d->n_changed++] = c;
		}
	}
	return 0;
}

static bool contains(const int64_t *ids, size_t n, int64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (ids[i] == id)
			return true;
	return false;
}

/* Each id of @p mine missing from @p theirs is a change of @p agent (gained or lost). */
static int add_memberships(sgg_diff *d, const sgg_agent *agent, const int64_t *mine, size_t n_mine,
                           const int64_t *theirs, size_t n_theirs, const sgg_config *groups_from,
                           bool gained)
{
	const sgg_agent *copy = NULL;

	for (size_t k = 0; k < n_mine; k++) {
		const sgg_skill_group *g;

		if (contains(theirs, n_theirs, mine[k]))
			continue;
		if (!copy && !(copy = sgg__diff_agent(d, agent)))
			return SGG_ENOMEM;
		g = row(groups_from, mine[k]);
		if (sgg__grow((void **)&d->memberships, &d->cap_memberships, d->n_memberships + 1,
		              sizeof(*d->memberships)) < 0)
			return SGG_ENOMEM;
		d->memberships[d->n_memberships] = (sgg_membership_change){
		    .agent = copy, .skill_group_id = mine[k], .gained = gained};
		if (g && !(d->memberships[d->n_memberships].skill_group = sgg__diff_group(d, g)))
			return SGG_ENOMEM;
		d->n_memberships++;
	}
	return 0;
}

static int find_membership_changes(sgg_diff *d, const sgg_config *before, const sgg_config *after)
{
	int rc;

	for (size_t i = 0; i < after->n_agents; i++) {
		const sgg_agent *a = &after->agents[i];
		const int64_t *now = after->member_ids + after->member_off[i], *then = NULL;
		size_t n_now = after->member_off[i + 1] - after->member_off[i], n_then = 0;

		/* NULL (no such agent before) leaves then empty: every group is gained */
		then = sgg_config_agent_skill_groups(before, a->id, &n_then);
		if ((rc = add_memberships(d, a, then, n_then, now, n_now, before, false)) < 0 ||
		    (rc = add_memberships(d, a, now, n_now, then, n_then, after, true)) < 0)
			return rc;
	}
	for (size_t i = 0; i < before->n_agents; i++) {
		const sgg_agent *b = &before->agents[i];

		if (sgg_config_agent_by_id(after, b->id))
			continue;
		if ((rc = add_memberships(d, b, before->member_ids + before->member_off[i],
		                          before->member_off[i + 1] - before->member_off[i], NULL,
		                          0, before, false)) < 0)
			return rc;
	}
	return 0;
}

int sgg_diff_run(sgg_diff **out, const sgg_config *before, const sgg_config *after,
                 sgg_change *const *changes, size_t n_changes, sgg_error *err)
{
	sgg_diff *d = NULL;
	int rc;

	if (out)
		*out = NULL;
	if (!out || !before || !after || (n_changes > 0 && !changes))
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL, "NULL argument");
	if (!before->sealed || !after->sealed)
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL,
		                      "a diff needs sealed configurations");
	for (size_t k = 0; k < n_changes; k++)
		if (!changes[k] || !sgg_change_id(changes[k]))
			return sgg__error_set(err, SGG_EINVAL, NULL, NULL, "NULL change record");
	if (sgg__diff_new(&d) < 0)
		return sgg__error_oom(err);
	d->before_exported_at = before->exported_at;
	d->after_exported_at = after->exported_at;

	rc = SGG_ENOMEM;
	if (n_changes > 0 &&
	    !(d->changes = sgg__reallocarray(NULL, n_changes, sizeof(*d->changes))))
		goto out;
	d->cap_changes = n_changes;
	for (size_t k = 0; k < n_changes; k++) {
		d->changes[k].id = sgg__diff_strdup(d, sgg_change_id(changes[k]));
		d->changes[k].state = sgg_change_get_state(changes[k]);
		if (!d->changes[k].id)
			goto out;
		d->n_changes++;
	}
	if ((rc = find_removals(d, before, after)) < 0)
		goto out;
	for (size_t i = 0; i < d->n_removals; i++)
		if ((rc = apply_policy(d, &d->removals[i], changes)) < 0)
			goto out;
	if ((rc = find_added_and_changed(d, before, after)) < 0 ||
	    (rc = find_membership_changes(d, before, after)) < 0 ||
	    (rc = sgg__lint_config(d, after, before)) < 0)
		goto out;
	sgg__diff_finish(d);
	*out = d;
	d = NULL; /* now the caller's */
	rc = 0;
out:
	sgg_diff_free(d);
	if (rc < 0)
		return sgg__error_oom(err);
	return 0;
}

/* ---- accessors ---- */

int sgg_diff_is_lint(const sgg_diff *diff)
{
	return diff ? diff->lint : 0;
}

sgg_verdict sgg_diff_verdict(const sgg_diff *diff)
{
	return diff ? diff->verdict : SGG_VERDICT_ERROR;
}

size_t sgg_diff_change_count(const sgg_diff *diff)
{
	return diff ? diff->n_changes : 0;
}

const sgg_diff_change *sgg_diff_change_at(const sgg_diff *diff, size_t index)
{
	return diff && index < diff->n_changes ? &diff->changes[index] : NULL;
}

size_t sgg_diff_removal_count(const sgg_diff *diff)
{
	return diff ? diff->n_removals : 0;
}

const sgg_removal *sgg_diff_removal(const sgg_diff *diff, size_t index)
{
	return diff && index < diff->n_removals ? &diff->removals[index] : NULL;
}

size_t sgg_diff_added_count(const sgg_diff *diff)
{
	return diff ? diff->n_added : 0;
}

const sgg_skill_group *sgg_diff_added(const sgg_diff *diff, size_t index)
{
	return diff && index < diff->n_added ? diff->added[index] : NULL;
}

size_t sgg_diff_changed_count(const sgg_diff *diff)
{
	return diff ? diff->n_changed : 0;
}

const sgg_group_change *sgg_diff_changed(const sgg_diff *diff, size_t index)
{
	return diff && index < diff->n_changed ? &diff->changed[index] : NULL;
}

size_t sgg_diff_membership_count(const sgg_diff *diff)
{
	return diff ? diff->n_memberships : 0;
}

const sgg_membership_change *sgg_diff_membership(const sgg_diff *diff, size_t index)
{
	return diff && index < diff->n_memberships ? &diff->memberships[index] : NULL;
}

size_t sgg_diff_finding_count(const sgg_diff *diff)
{
	return diff ? diff->n_findings : 0;
}

const sgg_diff_finding *sgg_diff_finding_at(const sgg_diff *diff, size_t index)
{
	return diff && index < diff->n_findings ? &diff->findings[index] : NULL;
}
