/*
 * sessions.c - the live session snapshot: who is logged in, in what state,
 * into which skill groups, on which peripherals; and its indexes.
 * SPDX-License-Identifier: MIT
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

static const char *const state_names[SGG_STATE_COUNT] = {
	"logged_out", "logged_on",   "not_ready", "ready",  "talking",
	"work_not_ready", "work_ready", "busy_other", "reserved", "unknown",
	"hold",       "active",      "paused",    "interrupted", "not_active",
};

const char *sgg_state_name(sgg_agent_state state)
{
	if ((int)state < 0 || (int)state >= SGG_STATE_COUNT)
		return NULL;
	return state_names[state];
}

int sgg_state_parse(sgg_agent_state *out, const char *name)
{
	if (!out || !name)
		return SGG_EINVAL;
	for (int i = 0; i < SGG_STATE_COUNT; i++)
		if (strcmp(state_names[i], name) == 0) {
			*out = (sgg_agent_state)i;
			return 0;
		}
	return SGG_ESHAPE;
}

int sgg_sessions_new(sgg_sessions **out, sgg_time taken_at, sgg_error *err)
{
	sgg_sessions *snap;

	if (!out)
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL, "NULL argument");
	*out = NULL;
	if (taken_at == SGG_TIME_NONE)
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL, "a snapshot needs the time it was taken");
	snap = sgg__calloc(1, sizeof(*snap));
	if (!snap)
		return sgg__error_oom(err);
	snap->taken_at = taken_at;
	sgg__arena_init(&snap->strings);
	sgg__imap_init(&snap->by_agent);
	sgg__imap_init(&snap->scope);
	sgg__imap_init(&snap->by_group);
	*out = snap;
	return 0;
}

void sgg_sessions_free(sgg_sessions *snap)
{
	if (!snap)
		return;
	sgg__arena_clear(&snap->strings);
	sgg__free_ptr(snap->items);
	sgg__free_ptr(snap->group_ids);
	sgg__free_ptr(snap->group_off);
	sgg__free_ptr(snap->peripherals);
	sgg__imap_clear(&snap->by_agent);
	sgg__imap_clear(&snap->scope);
	sgg__imap_clear(&snap->by_group);
	sgg__free_ptr(snap->by_group_off);
	sgg__free_ptr(snap->by_group_list);
	sgg__free_ptr(snap);
}

static int check_open(sgg_sessions *snap, const void *arg, sgg_error *err)
{
	if (!snap || !arg)
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL, "NULL argument");
	if (snap->sealed)
		return sgg__error_set(err, SGG_ESTATE, NULL, NULL,
		                      "the snapshot is sealed and cannot change");
	return 0;
}

int sgg_sessions_add_peripheral(sgg_sessions *snap, int id, sgg_error *err)
{
	char path[64];
	int rc = check_open(snap, snap, err);

	if (rc < 0)
		return rc;
	snprintf(path, sizeof(path), "peripherals[%zu]", snap->n_peripherals);
	if (id < 1 || id > SGG_PERIPHERAL_MAX)
		return sgg__error_set(err, SGG_ESHAPE, NULL, path, "%d is out of range (1..%d)", id,
		                      SGG_PERIPHERAL_MAX);
	if (sgg__imap_get(&snap->scope, id, NULL))
		return sgg__error_set(err, SGG_EDUP, NULL, path, "peripheral %d is listed twice", id);
	if (sgg__grow((void **)&snap->peripherals, &snap->cap_peripherals, snap->n_peripherals + 1,
	              sizeof(*snap->peripherals)) < 0 ||
	    sgg__imap_put(&snap->scope, id, 1, NULL) < 0)
		return sgg__error_oom(err);
	snap->peripherals[snap->n_peripherals++] = id;
	return 0;
}

int sgg_sessions_add(sgg_sessions *snap, const sgg_session *s, sgg_error *err)
{
	char path[64];
	size_t i;
	uint32_t existing;
	sgg_session *item;
	const char *number = NULL;
	size_t base;
	int rc = check_open(snap, s, err);

	if (rc < 0)
		return rc;
	if (s->n_skill_groups > 0 && !s->skill_groups)
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL, "NULL argument");
	i = snap->n_items;
	if (i >= UINT32_MAX - 1)
		return sgg__error_set(err, SGG_ESHAPE, NULL, NULL, "too many sessions");
#define FIELD(f) (snprintf(path, sizeof(path), "sessions[%zu]." f, i), path)
	if (s->agent < 1 || s->agent > SGG_ID_MAX)
		return sgg__error_set(err, SGG_ESHAPE, NULL, FIELD("agent"),
		                      "%lld is out of range (1..%lld)", (long long)s->agent,
		                      (long long)SGG_ID_MAX);
	if ((int)s->state < 0 || (int)s->state >= SGG_STATE_COUNT)
		return sgg__error_set(err, SGG_ESHAPE, NULL, FIELD("state"), "unknown state %d",
		                      (int)s->state);
	if (s->number && (s->number[0] == '\0' || strlen(s->number) > SGG_STRING_MAX))
		return sgg__error_set(err, SGG_ESHAPE, NULL, FIELD("number"),
		                      "must be 1 to %d bytes long", SGG_STRING_MAX);
	for (size_t j = 0; j < s->n_skill_groups; j++)
		if (s->skill_groups[j] < 1 || s->skill_groups[j] > SGG_ID_MAX) {
			snprintf(path, sizeof(path), "sessions[%zu].skill_groups[%zu]", i, j);
			return sgg__error_set(err, SGG_ESHAPE, NULL, path, "%lld is out of range (1..%lld)",
			                      (long long)s->skill_groups[j], (long long)SGG_ID_MAX);
		}
	if (sgg__imap_get(&snap->by_agent, s->agent, &existing))
		return sgg__error_set(err, SGG_EDUP, NULL, FIELD("agent"),
		                      "agent %lld has two sessions (also sessions[%u])",
		                      (long long)s->agent, (unsigned)existing);
#undef FIELD
	if (s->n_skill_groups > SIZE_MAX - snap->n_group_ids ||
	    sgg__grow((void **)&snap->items, &snap->cap_items, i + 1, sizeof(*snap->items)) < 0 ||
	    sgg__grow((void **)&snap->group_off, &snap->cap_group_off, i + 1,
	              sizeof(*snap->group_off)) < 0 ||
	    sgg__grow((void **)&snap->group_ids, &snap->cap_group_ids,
	              snap->n_group_ids + s->n_skill_groups, sizeof(*snap->group_ids)) < 0 ||
	    sgg__imap_reserve(&snap->by_agent, snap->by_agent.count + 1) < 0)
		return sgg__error_oom(err);
	if (s->number && !(number = sgg__arena_strdup(&snap->strings, s->number)))
		return sgg__error_oom(err);

	item = &snap->items[i];
	*item = *s;
	item->number = number;
	item->skill_groups = NULL; /* pointed into group_ids at seal, once it stops moving */
	base = snap->n_group_ids;
	if (sgg__ids_append_unique(snap->group_ids, &snap->n_group_ids, s->skill_groups,
	                           s->n_skill_groups) < 0)
		return sgg__error_oom(err);
	item->n_skill_groups = snap->n_group_ids - base;
	snap->group_off[i] = base;
	sgg__imap_put(&snap->by_agent, s->agent, (uint32_t)i, NULL);
	snap->n_items++;
	return 0;
}

int sgg_sessions_seal(sgg_sessions *snap, sgg_error *err)
{
	size_t slots = 0;
	uint32_t slot, *fill = NULL;
	int rc = check_open(snap, snap, err);

	if (rc < 0)
		return rc;
	if (snap->n_group_ids >= UINT32_MAX)
		return sgg__error_oom(err);
	for (size_t i = 0; i < snap->n_items; i++)
		snap->items[i].skill_groups =
			snap->items[i].n_skill_groups ? snap->group_ids + snap->group_off[i] : NULL;

	/* skill group id -> the logged-in sessions that list it */
	for (size_t k = 0; k < snap->n_group_ids; k++) {
		rc = sgg__imap_put(&snap->by_group, snap->group_ids[k], (uint32_t)slots, NULL);
		if (rc < 0)
			return sgg__error_oom(err);
		if (rc == 0)
			slots++;
	}
	snap->by_group_off = sgg__calloc(slots + 1, sizeof(uint32_t));
	fill = sgg__calloc(slots + 1, sizeof(uint32_t));
	if (!snap->by_group_off || !fill)
		goto oom;
	for (size_t i = 0; i < snap->n_items; i++) {
		const sgg_session *s = &snap->items[i];

		if (s->state == SGG_STATE_LOGGED_OUT)
			continue;
		for (size_t j = 0; j < s->n_skill_groups; j++) {
			sgg__imap_get(&snap->by_group, s->skill_groups[j], &slot);
			snap->by_group_off[slot]++;
		}
	}
	{
		uint32_t sum = 0;

		for (size_t k = 0; k <= slots; k++) {
			uint32_t c = snap->by_group_off[k];
			snap->by_group_off[k] = sum;
			sum += c;
		}
		snap->by_group_list = sgg__reallocarray(NULL, (size_t)sum + 1, sizeof(uint32_t));
		if (!snap->by_group_list)
			goto oom;
	}
	for (size_t i = 0; i < snap->n_items; i++) {
		const sgg_session *s = &snap->items[i];

		if (s->state == SGG_STATE_LOGGED_OUT)
			continue;
		for (size_t j = 0; j < s->n_skill_groups; j++) {
			sgg__imap_get(&snap->by_group, s->skill_groups[j], &slot);
			snap->by_group_list[snap->by_group_off[slot] + fill[slot]++] = (uint32_t)i;
		}
	}
	sgg__free_ptr(fill);
	snap->sealed = true;
	return 0;
oom:
	sgg__free_ptr(fill);
	sgg__free_ptr(snap->by_group_off);
	snap->by_group_off = NULL;
	sgg__imap_clear(&snap->by_group);
	return sgg__error_oom(err);
}

sgg_time sgg_sessions_taken_at(const sgg_sessions *snap)
{
	return snap ? snap->taken_at : SGG_TIME_NONE;
}

size_t sgg_sessions_count(const sgg_sessions *snap)
{
	return snap ? snap->n_items : 0;
}

const sgg_session *sgg_sessions_at(const sgg_sessions *snap, size_t index)
{
	return snap && snap->sealed && index < snap->n_items ? &snap->items[index] : NULL;
}

const sgg_session *sgg_sessions_by_agent(const sgg_sessions *snap, int64_t agent_id)
{
	uint32_t i;

	if (!snap || !snap->sealed || !sgg__imap_get(&snap->by_agent, agent_id, &i))
		return NULL;
	return &snap->items[i];
}

int sgg_sessions_covers(const sgg_sessions *snap, int id)
{
	return snap && sgg__imap_get(&snap->scope, id, NULL);
}
