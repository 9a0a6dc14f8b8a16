/*
 * config.c - the configuration model: skill groups, agents, routes and
 * peripherals, the builder that fills it, and the indexes built at seal.
 * SPDX-License-Identifier: MIT
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int64_t sgg__number_key(int peripheral, int64_t number, int priority)
{
	/* 15 + 15 + 31 bits: every value the bounds allow packs without loss */
	return ((int64_t)peripheral << 46) | ((int64_t)priority << 31) | number;
}

int sgg_config_new(sgg_config **out, sgg_error *err)
{
	sgg_config *cfg;

	if (!out)
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL, "NULL argument");
	*out = NULL;
	cfg = sgg__calloc(1, sizeof(*cfg));
	if (!cfg)
		return sgg__error_oom(err);
	cfg->exported_at = SGG_TIME_NONE;
	sgg__arena_init(&cfg->strings);
	sgg__imap_init(&cfg->object_ids);
	sgg__imap_init(&cfg->route_ids);
	sgg__imap_init(&cfg->peripheral_ids);
	sgg__smap_init(&cfg->live_names);
	sgg__imap_init(&cfg->live_numbers);
	sgg__imap_init(&cfg->deleted_numbers);
	cfg->member_off = sgg__malloc(sizeof(*cfg->member_off));
	if (!cfg->member_off) {
		sgg__free_ptr(cfg);
		return sgg__error_oom(err);
	}
	cfg->member_off[0] = 0;
	cfg->cap_member_off = 1;
	*out = cfg;
	return 0;
}

void sgg_config_free(sgg_config *cfg)
{
	if (!cfg)
		return;
	sgg__arena_clear(&cfg->strings);
	sgg__free_ptr(cfg->groups);
	sgg__free_ptr(cfg->agents);
	sgg__free_ptr(cfg->member_ids);
	sgg__free_ptr(cfg->member_off);
	sgg__free_ptr(cfg->routes);
	sgg__free_ptr(cfg->peripherals);
	sgg__imap_clear(&cfg->object_ids);
	sgg__imap_clear(&cfg->route_ids);
	sgg__imap_clear(&cfg->peripheral_ids);
	sgg__smap_clear(&cfg->live_names);
	sgg__imap_clear(&cfg->live_numbers);
	sgg__imap_clear(&cfg->deleted_numbers);
	sgg__free_ptr(cfg->members_off);
	sgg__free_ptr(cfg->members);
	sgg__free_ptr(cfg->subs_off);
	sgg__free_ptr(cfg->subs);
	sgg__free_ptr(cfg->routes_off);
	sgg__free_ptr(cfg->routes_by_group);
	sgg__free_ptr(cfg->dangling);
	sgg__free_ptr(cfg);
}

/* Builder calls refuse NULLs and a sealed configuration the same way. */
static int check_open(sgg_config *cfg, const void *arg, sgg_error *err)
{
	if (!cfg || !arg)
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL, "NULL argument");
	if (cfg->sealed)
		return sgg__error_set(err, SGG_ESTATE, NULL, NULL,
		                      "the configuration is sealed and cannot change");
	return 0;
}

/* Where a field sits, for error messages; turned into a path only on error. */
typedef struct where {
	const char *collection; /* "skill_groups" */
	size_t index;
	const char *field;      /* "name" */
} where;

static const char *where_path(where w, char *buf, size_t size)
{
	snprintf(buf, size, "%s[%zu].%s", w.collection, w.index, w.field);
	return buf;
}

static int check_string(const char *s, bool required, where w, sgg_error *err)
{
	char path[96];
	size_t len;

	if (!s) {
		if (required)
			return sgg__error_set(err, SGG_ESHAPE, NULL, where_path(w, path, sizeof(path)),
			                      "missing required field");
		return 0;
	}
	len = strlen(s);
	if (required && len == 0)
		return sgg__error_set(err, SGG_ESHAPE, NULL, where_path(w, path, sizeof(path)),
		                      "must not be empty");
	if (len > SGG_STRING_MAX)
		return sgg__error_set(err, SGG_ESHAPE, NULL, where_path(w, path, sizeof(path)),
		                      "is %zu bytes long (at most %d allowed)", len, SGG_STRING_MAX);
	return 0;
}

static int check_range(int64_t v, int64_t lo, int64_t hi, where w, sgg_error *err)
{
	char path[96];

	if (v < lo || v > hi)
		return sgg__error_set(err, SGG_ESHAPE, NULL, where_path(w, path, sizeof(path)),
		                      "%lld is out of range (%lld..%lld)", (long long)v, (long long)lo,
		                      (long long)hi);
	return 0;
}

int sgg_config_set_exported_at(sgg_config *cfg, sgg_time t, sgg_error *err)
{
	int rc = check_open(cfg, cfg, err);

	if (rc < 0)
		return rc;
	cfg->exported_at = t;
	return 0;
}

int sgg_config_add_peripheral(sgg_config *cfg, int id, const char *name, sgg_error *err)
{
	char path[64];
	size_t i;
	int rc = check_open(cfg, cfg, err);

	if (rc < 0)
		return rc;
	i = cfg->n_peripherals;
	if ((rc = check_range(id, 1, SGG_PERIPHERAL_MAX, (where){ "peripherals", i, "id" }, err)) <
	            0 ||
	    (rc = check_string(name, false, (where){ "peripherals", i, "name" }, err)) < 0)
		return rc;
	if (sgg__imap_get(&cfg->peripheral_ids, id, NULL)) {
		snprintf(path, sizeof(path), "peripherals[%zu].id", i);
		return sgg__error_set(err, SGG_EDUP, NULL, path, "peripheral %d is listed twice", id);
	}
	if (sgg__grow((void **)&cfg->peripherals, &cfg->cap_peripherals, i + 1,
	              sizeof(*cfg->peripherals)) < 0 ||
	    sgg__imap_reserve(&cfg->peripheral_ids, cfg->peripheral_ids.count + 1) < 0)
		return sgg__error_oom(err);
	cfg->peripherals[i].id = id;
	cfg->peripherals[i].name = name ? sgg__arena_strdup(&cfg->strings, name) : NULL;
	if (name && !cfg->peripherals[i].name)
		return sgg__error_oom(err);
	sgg__imap_put(&cfg->peripheral_ids, id, (uint32_t)i, NULL);
	cfg->n_peripherals++;
	return 0;
}

/* Describe what already holds object id @p id, for duplicate messages. */
static void describe_object(const sgg_config *cfg, uint32_t v, char *buf, size_t size)
{
	if (v & SGG__AGENT_BIT)
		snprintf(buf, size, "agents[%u]", (unsigned)(v & ~SGG__AGENT_BIT));
	else
		snprintf(buf, size, "skill_groups[%u] \"%s\"", (unsigned)v, cfg->groups[v].name);
}

int sgg_config_add_skill_group(sgg_config *cfg, const sgg_skill_group *sg, sgg_error *err)
{
	char path[64], other[SGG_STRING_MAX + 40];
	size_t i;
	uint32_t existing;
	int64_t key;
	sgg_skill_group *g;
	const char *name;
	int rc = check_open(cfg, sg, err);

	if (rc < 0)
		return rc;
	i = cfg->n_groups;
	if (i >= SGG__AGENT_BIT - 1)
		return sgg__error_set(err, SGG_ESHAPE, NULL, NULL, "too many skill groups");
#define FIELD(f) (snprintf(path, sizeof(path), "skill_groups[%zu]." f, i), path)
#define AT(f) ((where){ "skill_groups", i, f })
	if ((rc = check_range(sg->id, 1, SGG_ID_MAX, AT("id"), err)) < 0 ||
	    (rc = check_range(sg->peripheral, 1, SGG_PERIPHERAL_MAX, AT("peripheral"), err)) < 0 ||
	    (rc = check_range(sg->number, 0, SGG_NUMBER_MAX, AT("number"), err)) < 0 ||
	    (rc = check_range(sg->priority, 0, SGG_PRIORITY_MAX, AT("priority"), err)) < 0 ||
	    (rc = check_string(sg->name, true, AT("name"), err)) < 0)
		return rc;
	if (sg->priority > 0 && sg->base == 0)
		return sgg__error_set(err, SGG_ESHAPE, NULL, FIELD("base"),
		                      "missing required field (a sub-skill group, priority %d, "
		                      "needs its base group's id)",
		                      sg->priority);
	if (sg->priority == 0 && sg->base != 0 && sg->base != sg->id)
		return sgg__error_set(err, SGG_ESHAPE, NULL, FIELD("base"),
		                      "a base skill group (priority 0) cannot have a base");
	if (sg->priority > 0 &&
	    (rc = check_range(sg->base, 1, SGG_ID_MAX, AT("base"), err)) < 0)
		return rc;

	/* every refusal comes before the first change, so a failed call changes nothing */
	key = sgg__number_key(sg->peripheral, sg->number, sg->priority);
	if (sgg__imap_get(&cfg->object_ids, sg->id, &existing)) {
		describe_object(cfg, existing, other, sizeof(other));
		return sgg__error_set(err, SGG_EDUP, NULL, FIELD("id"), "id %lld is already used by %s",
		                      (long long)sg->id, other);
	}
	if (!sg->deleted && sgg__smap_get(&cfg->live_names, sg->name, &existing)) {
		describe_object(cfg, existing, other, sizeof(other));
		return sgg__error_set(err, SGG_EDUP, NULL, FIELD("name"),
		                      "name \"%s\" is already used by %s", sg->name, other);
	}
	if (!sg->deleted && sgg__imap_get(&cfg->live_numbers, key, &existing)) {
		describe_object(cfg, existing, other, sizeof(other));
		return sgg__error_set(err, SGG_EDUP, NULL, FIELD("number"),
		                      "%d:%lld priority %d is already used by %s", sg->peripheral,
		                      (long long)sg->number, sg->priority, other);
	}
#undef FIELD
#undef AT
	if (sgg__grow((void **)&cfg->groups, &cfg->cap_groups, i + 1, sizeof(*cfg->groups)) < 0 ||
	    sgg__imap_reserve(&cfg->object_ids, cfg->object_ids.count + 1) < 0 ||
	    sgg__smap_reserve(&cfg->live_names, cfg->live_names.count + 1) < 0 ||
	    sgg__imap_reserve(&cfg->live_numbers, cfg->live_numbers.count + 1) < 0 ||
	    sgg__imap_reserve(&cfg->deleted_numbers, cfg->deleted_numbers.count + 1) < 0 ||
	    !(name = sgg__arena_strdup(&cfg->strings, sg->name)))
		return sgg__error_oom(err);

	/* room is reserved: these puts cannot fail */
	g = &cfg->groups[i];
	*g = *sg;
	g->base = sg->priority > 0 ? sg->base : 0;
	g->deleted = sg->deleted ? 1 : 0;
	g->name = name;
	sgg__imap_put(&cfg->object_ids, g->id, (uint32_t)i, NULL);
	if (!g->deleted) {
		sgg__smap_put(&cfg->live_names, g->name, (uint32_t)i, NULL);
		sgg__imap_put(&cfg->live_numbers, key, (uint32_t)i, NULL);
	} else {
		sgg__imap_put(&cfg->deleted_numbers, key, (uint32_t)i, NULL);
	}
	cfg->n_groups++;
	return 0;
}

int sgg_config_add_agent(sgg_config *cfg, const sgg_agent *agent, const int64_t *skill_groups,
                         size_t n_skill_groups, sgg_error *err)
{
	char path[64], other[SGG_STRING_MAX + 40];
	size_t i;
	uint32_t existing;
	sgg_agent *a;
	int rc = check_open(cfg, agent, err);

	if (rc < 0)
		return rc;
	if (n_skill_groups > 0 && !skill_groups)
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL, "NULL argument");
	i = cfg->n_agents;
	if (i >= SGG__AGENT_BIT - 1)
		return sgg__error_set(err, SGG_ESHAPE, NULL, NULL, "too many agents");
#define FIELD(f) (snprintf(path, sizeof(path), "agents[%zu]." f, i), path)
#define AT(f) ((where){ "agents", i, f })
	if ((rc = check_range(agent->id, 1, SGG_ID_MAX, AT("id"), err)) < 0 ||
	    (rc = check_range(agent->peripheral, 1, SGG_PERIPHERAL_MAX, AT("peripheral"), err)) <
	            0 ||
	    (rc = check_string(agent->number, true, AT("number"), err)) < 0 ||
	    (rc = check_string(agent->name, false, AT("name"), err)) < 0 ||
	    (rc = check_string(agent->team, false, AT("team"), err)) < 0)
		return rc;
	for (size_t j = 0; j < n_skill_groups; j++) {
		if (skill_groups[j] < 1 || skill_groups[j] > SGG_ID_MAX) {
			snprintf(path, sizeof(path), "agents[%zu].skill_groups[%zu]", i, j);
			return sgg__error_set(err, SGG_ESHAPE, NULL, path,
			                      "%lld is out of range (1..%lld)",
			                      (long long)skill_groups[j], (long long)SGG_ID_MAX);
		}
	}
	if (sgg__grow((void **)&cfg->agents, &cfg->cap_agents, i + 1, sizeof(*cfg->agents)) < 0 ||
	    sgg__grow((void **)&cfg->member_off, &cfg->cap_member_off, i + 2,
	              sizeof(*cfg->member_off)) < 0 ||
	    (n_skill_groups > SIZE_MAX - cfg->n_member_ids) ||
	    sgg__grow((void **)&cfg->member_ids, &cfg->cap_member_ids,
	              cfg->n_member_ids + n_skill_groups, sizeof(*cfg->member_ids)) < 0)
		return sgg__error_oom(err);
	if (sgg__imap_get(&cfg->object_ids, agent->id, &existing)) {
		describe_object(cfg, existing, other, sizeof(other));
		return sgg__error_set(err, SGG_EDUP, NULL, FIELD("id"), "id %lld is already used by %s",
		                      (long long)agent->id, other);
	}
	if (sgg__imap_reserve(&cfg->object_ids, cfg->object_ids.count + 1) < 0)
		return sgg__error_oom(err);
	a = &cfg->agents[i];
	a->id = agent->id;
	a->peripheral = agent->peripheral;
	a->number = sgg__arena_strdup(&cfg->strings, agent->number);
	a->name = agent->name ? sgg__arena_strdup(&cfg->strings, agent->name) : NULL;
	a->team = agent->team ? sgg__arena_strdup(&cfg->strings, agent->team) : NULL;
	if (!a->number || (agent->name && !a->name) || (agent->team && !a->team))
		return sgg__error_oom(err);
	/* a membership listed twice is kept once: it means the same thing */
	if (sgg__ids_append_unique(cfg->member_ids, &cfg->n_member_ids, skill_groups,
	                           n_skill_groups) < 0)
		return sgg__error_oom(err);
	cfg->member_off[i + 1] = cfg->n_member_ids;
	sgg__imap_put(&cfg->object_ids, a->id, (uint32_t)i | SGG__AGENT_BIT, NULL);
	cfg->n_agents++;
	return 0;
#undef FIELD
#undef AT
}

int sgg_config_add_route(sgg_config *cfg, int64_t id, const char *name, int64_t target,
                         sgg_error *err)
{
	char path[64];
	size_t i;
	int rc = check_open(cfg, cfg, err);

	if (rc < 0)
		return rc;
	i = cfg->n_routes;
#define FIELD(f) (snprintf(path, sizeof(path), "routes[%zu]." f, i), path)
#define AT(f) ((where){ "routes", i, f })
	if ((rc = check_range(id, 1, SGG_ID_MAX, AT("id"), err)) < 0 ||
	    (rc = check_range(target, 1, SGG_ID_MAX, AT("target"), err)) < 0 ||
	    (rc = check_string(name, false, AT("name"), err)) < 0)
		return rc;
	if (sgg__imap_get(&cfg->route_ids, id, NULL))
		return sgg__error_set(err, SGG_EDUP, NULL, FIELD("id"), "route id %lld is listed twice",
		                      (long long)id);
	if (sgg__grow((void **)&cfg->routes, &cfg->cap_routes, i + 1, sizeof(*cfg->routes)) < 0 ||
	    sgg__imap_reserve(&cfg->route_ids, cfg->route_ids.count + 1) < 0)
		return sgg__error_oom(err);
	cfg->routes[i].id = id;
	cfg->routes[i].target = target;
	cfg->routes[i].name = name ? sgg__arena_strdup(&cfg->strings, name) : NULL;
	if (name && !cfg->routes[i].name)
		return sgg__error_oom(err);
	sgg__imap_put(&cfg->route_ids, id, (uint32_t)i, NULL);
	cfg->n_routes++;
	return 0;
#undef FIELD
#undef AT
}

/* The live group with id @p id, or NULL; *deleted tells a deleted row apart. */
static const sgg_skill_group *live_group(const sgg_config *cfg, int64_t id, bool *deleted)
{
	uint32_t v;

	*deleted = false;
	if (!sgg__imap_get(&cfg->object_ids, id, &v) || (v & SGG__AGENT_BIT))
		return NULL;
	if (cfg->groups[v].deleted) {
		*deleted = true;
		return NULL;
	}
	return &cfg->groups[v];
}

/* A reference to a missing or deleted group: an error, or a kept record. */
static int dangling(sgg_config *cfg, unsigned flags, sgg__dangling_kind kind, size_t owner,
                    size_t pos, int64_t target, bool deleted, sgg_error *err)
{
	char path[64];

	if (!(flags & SGG_CONFIG_KEEP_DANGLING)) {
		const char *what = deleted ? "a deleted skill group" : "no skill group";

		switch (kind) {
		case SGG__DANGLING_MEMBERSHIP:
			snprintf(path, sizeof(path), "agents[%zu].skill_groups[%zu]", owner, pos);
			break;
		case SGG__DANGLING_BASE:
			snprintf(path, sizeof(path), "skill_groups[%zu].base", owner);
			break;
		default:
			snprintf(path, sizeof(path), "routes[%zu].target", owner);
			break;
		}
		if (deleted)
			return sgg__error_set(err, SGG_EREF, NULL, path, "skill group %lld is %s",
			                      (long long)target, "deleted");
		return sgg__error_set(err, SGG_EREF, NULL, path, "%s with id %lld", what,
		                      (long long)target);
	}
	if (sgg__grow((void **)&cfg->dangling, &cfg->cap_dangling, cfg->n_dangling + 1,
	              sizeof(*cfg->dangling)) < 0)
		return sgg__error_oom(err);
	cfg->dangling[cfg->n_dangling++] =
		(sgg__dangling){ .kind = kind, .owner = owner, .pos = pos, .target = target,
		                 .deleted = deleted };
	return 0;
}

/* Turn per-slot counts (n + 1 entries, last one 0) into start offsets. */
static void counts_to_offsets(uint32_t *off, size_t n)
{
	uint32_t sum = 0;

	for (size_t i = 0; i <= n; i++) {
		uint32_t c = off[i];
		off[i] = sum;
		sum += c;
	}
}

static int cmp_sub_priority(const void *a, const void *b)
{
	const sgg_skill_group *x = *(const sgg_skill_group *const *)a;
	const sgg_skill_group *y = *(const sgg_skill_group *const *)b;

	return (x->priority > y->priority) - (x->priority < y->priority);
}

typedef struct member_lookup {
	const sgg_config *cfg;
	uint32_t *gidx;
} member_lookup;

/* gidx[k] for memberships [from, to): the live group's index, or UINT32_MAX. */
static void resolve_members(void *ctx, size_t from, size_t to)
{
	const member_lookup *m = ctx;
	bool deleted;

	for (size_t k = from; k < to; k++) {
		const sgg_skill_group *g = live_group(m->cfg, m->cfg->member_ids[k], &deleted);

		m->gidx[k] = g ? (uint32_t)sgg__group_index(m->cfg, g) : UINT32_MAX;
	}
}

/* Also fills gidx[k]: the group index of membership k, or UINT32_MAX when dangling. */
static int check_references(sgg_config *cfg, unsigned flags, uint32_t *gidx, sgg_error *err)
{
	member_lookup lookup = { cfg, gidx };
	int rc;
	bool deleted;

	for (size_t i = 0; i < cfg->n_groups; i++) {
		const sgg_skill_group *g = &cfg->groups[i], *base;
		char path[64];

		if (g->deleted || g->priority == 0)
			continue;
		base = live_group(cfg, g->base, &deleted);
		if (!base) {
			if ((rc = dangling(cfg, flags, SGG__DANGLING_BASE, i, 0, g->base, deleted, err)) < 0)
				return rc;
			continue;
		}
		snprintf(path, sizeof(path), "skill_groups[%zu].base", i);
		if (base->priority != 0)
			return sgg__error_set(err, SGG_EREF, NULL, path,
			                      "skill group %lld \"%s\" is itself a sub-skill group "
			                      "(priority %d), not a base group",
			                      (long long)base->id, base->name, base->priority);
	}
	/* a million lookups at the largest sites: on helpers when allowed */
	sgg__parallel_for(cfg->n_member_ids, flags & SGG_CONFIG_PARALLEL, resolve_members, &lookup);
	for (size_t i = 0; i < cfg->n_agents; i++) {
		for (size_t k = cfg->member_off[i]; k < cfg->member_off[i + 1]; k++) {
			int64_t id = cfg->member_ids[k];

			if (gidx[k] == UINT32_MAX && !live_group(cfg, id, &deleted) &&
			    (rc = dangling(cfg, flags, SGG__DANGLING_MEMBERSHIP, i, k - cfg->member_off[i],
			                   id, deleted, err)) < 0)
				return rc;
		}
	}
	for (size_t i = 0; i < cfg->n_routes; i++) {
		if (!live_group(cfg, cfg->routes[i].target, &deleted) &&
		    (rc = dangling(cfg, flags, SGG__DANGLING_ROUTE, i, 0, cfg->routes[i].target,
		                   deleted, err)) < 0)
			return rc;
	}
	return 0;
}

static int build_indexes(sgg_config *cfg, const uint32_t *gidx)
{
	size_t ng = cfg->n_groups;
	uint32_t *fill = NULL, v;
	bool deleted;
	int rc = SGG_ENOMEM;

	if (cfg->n_member_ids > UINT32_MAX || cfg->n_routes > UINT32_MAX)
		return SGG_ENOMEM;
	cfg->members_off = sgg__calloc(ng + 1, sizeof(uint32_t));
	cfg->subs_off = sgg__calloc(ng + 1, sizeof(uint32_t));
	cfg->routes_off = sgg__calloc(ng + 1, sizeof(uint32_t));
	fill = sgg__calloc(ng + 1, sizeof(uint32_t));
	if (!cfg->members_off || !cfg->subs_off || !cfg->routes_off || !fill)
		goto out;

	/* count */
	for (size_t k = 0; k < cfg->n_member_ids; k++)
		if (gidx[k] != UINT32_MAX)
			cfg->members_off[gidx[k]]++;
	for (size_t i = 0; i < ng; i++) {
		const sgg_skill_group *g = &cfg->groups[i];

		if (!g->deleted && g->priority > 0 && live_group(cfg, g->base, &deleted))
			cfg->subs_off[sgg__group_index(cfg, live_group(cfg, g->base, &deleted))]++;
	}
	for (size_t r = 0; r < cfg->n_routes; r++)
		if (sgg__imap_get(&cfg->object_ids, cfg->routes[r].target, &v) && !(v & SGG__AGENT_BIT))
			cfg->routes_off[v]++;
	counts_to_offsets(cfg->members_off, ng);
	counts_to_offsets(cfg->subs_off, ng);
	counts_to_offsets(cfg->routes_off, ng);

	cfg->members = sgg__reallocarray(NULL, cfg->members_off[ng] + 1, sizeof(uint32_t));
	cfg->subs = sgg__reallocarray(NULL, cfg->subs_off[ng] + 1, sizeof(*cfg->subs));
	cfg->routes_by_group = sgg__reallocarray(NULL, cfg->routes_off[ng] + 1, sizeof(uint32_t));
	if (!cfg->members || !cfg->subs || !cfg->routes_by_group)
		goto out;

	/* fill: agents in file order, so each member list is in agent-index order */
	memset(fill, 0, (ng + 1) * sizeof(uint32_t));
	for (size_t i = 0; i < cfg->n_agents; i++)
		for (size_t k = cfg->member_off[i]; k < cfg->member_off[i + 1]; k++)
			if ((v = gidx[k]) != UINT32_MAX)
				cfg->members[cfg->members_off[v] + fill[v]++] = (uint32_t)i;
	memset(fill, 0, (ng + 1) * sizeof(uint32_t));
	for (size_t i = 0; i < ng; i++) {
		const sgg_skill_group *g = &cfg->groups[i], *base;

		if (g->deleted || g->priority == 0 || !(base = live_group(cfg, g->base, &deleted)))
			continue;
		v = (uint32_t)sgg__group_index(cfg, base);
		cfg->subs[cfg->subs_off[v] + fill[v]++] = g;
	}
	for (size_t i = 0; i < ng; i++)
		qsort(cfg->subs + cfg->subs_off[i], cfg->subs_off[i + 1] - cfg->subs_off[i],
		      sizeof(*cfg->subs), cmp_sub_priority);
	memset(fill, 0, (ng + 1) * sizeof(uint32_t));
	for (size_t r = 0; r < cfg->n_routes; r++)
		if (sgg__imap_get(&cfg->object_ids, cfg->routes[r].target, &v) && !(v & SGG__AGENT_BIT))
			cfg->routes_by_group[cfg->routes_off[v] + fill[v]++] = (uint32_t)r;
	rc = 0;
out:
	sgg__free_ptr(fill);
	return rc;
}

int sgg_config_seal(sgg_config *cfg, unsigned flags, sgg_error *err)
{
	uint32_t *gidx;
	int rc = check_open(cfg, cfg, err);

	if (rc < 0)
		return rc;
	gidx = sgg__reallocarray(NULL, cfg->n_member_ids + 1, sizeof(*gidx));
	if (!gidx)
		return sgg__error_oom(err);
	rc = check_references(cfg, flags, gidx, err);
	if (rc == 0 && build_indexes(cfg, gidx) < 0)
		rc = sgg__error_oom(err);
	sgg__free_ptr(gidx);
	if (rc < 0) {
		/* leave the configuration as it was before, so that sealing can be retried */
		void **built[] = { (void **)&cfg->members_off, (void **)&cfg->members,
		                   (void **)&cfg->subs_off,    (void **)&cfg->subs,
		                   (void **)&cfg->routes_off,  (void **)&cfg->routes_by_group };

		for (size_t i = 0; i < SGG_ARRAY_SIZE(built); i++) {
			sgg__free_ptr(*built[i]);
			*built[i] = NULL;
		}
		cfg->n_dangling = 0;
		return rc;
	}
	cfg->sealed = true;
	return 0;
}

bool sgg__config_agent_index(const sgg_config *cfg, int64_t id, uint32_t *index)
{
	uint32_t v;

	if (!sgg__imap_get(&cfg->object_ids, id, &v) || !(v & SGG__AGENT_BIT))
		return false;
	*index = v & ~SGG__AGENT_BIT;
	return true;
}

sgg_time sgg_config_exported_at(const sgg_config *cfg)
{
	return cfg ? cfg->exported_at : SGG_TIME_NONE;
}

size_t sgg_config_skill_group_count(const sgg_config *cfg)
{
	return cfg ? cfg->n_groups : 0;
}

const sgg_skill_group *sgg_config_skill_group_at(const sgg_config *cfg, size_t index)
{
	return cfg && index < cfg->n_groups ? &cfg->groups[index] : NULL;
}

const sgg_skill_group *sgg_config_skill_group_by_id(const sgg_config *cfg, int64_t id)
{
	uint32_t v;

	if (!cfg || !sgg__imap_get(&cfg->object_ids, id, &v) || (v & SGG__AGENT_BIT))
		return NULL;
	return &cfg->groups[v];
}

size_t sgg_config_agent_count(const sgg_config *cfg)
{
	return cfg ? cfg->n_agents : 0;
}

const sgg_agent *sgg_config_agent_at(const sgg_config *cfg, size_t index)
{
	return cfg && index < cfg->n_agents ? &cfg->agents[index] : NULL;
}

const sgg_agent *sgg_config_agent_by_id(const sgg_config *cfg, int64_t id)
{
	uint32_t i;

	if (!cfg || !sgg__config_agent_index(cfg, id, &i))
		return NULL;
	return &cfg->agents[i];
}

const int64_t *sgg_config_agent_skill_groups(const sgg_config *cfg, int64_t agent_id, size_t *n)
{
	static const int64_t none[1];
	uint32_t i;

	if (n)
		*n = 0;
	if (!cfg || !n || !sgg__config_agent_index(cfg, agent_id, &i))
		return NULL;
	*n = cfg->member_off[i + 1] - cfg->member_off[i];
	/* member_ids is NULL while no agent has a membership: NULL + 0 is undefined */
	return *n ? cfg->member_ids + cfg->member_off[i] : none;
}

const sgg_skill_group *sgg_config_resolve(const sgg_config *cfg, const sgg_ref *ref)
{
	uint32_t v;
	int64_t key;

	if (!cfg || !ref)
		return NULL;
	switch (ref->kind) {
	case SGG_REF_ID:
		return sgg_config_skill_group_by_id(cfg, ref->id);
	case SGG_REF_NUMBER:
	case SGG_REF_NUMBER_PRIORITY:
		if (ref->peripheral < 1 || ref->peripheral > SGG_PERIPHERAL_MAX || ref->number < 0 ||
		    ref->number > SGG_NUMBER_MAX || ref->priority < 0 ||
		    ref->priority > SGG_PRIORITY_MAX)
			return NULL;
		key = sgg__number_key(ref->peripheral, ref->number,
		                      ref->kind == SGG_REF_NUMBER ? 0 : ref->priority);
		if (sgg__imap_get(&cfg->live_numbers, key, &v) ||
		    sgg__imap_get(&cfg->deleted_numbers, key, &v))
			return &cfg->groups[v];
		return NULL;
	case SGG_REF_NAME:
		if (!ref->name)
			return NULL;
		if (sgg__smap_get(&cfg->live_names, ref->name, &v))
			return &cfg->groups[v];
		/* a deleted row is found only to say that it is deleted */
		for (size_t i = 0; i < cfg->n_groups; i++)
			if (cfg->groups[i].deleted && strcmp(cfg->groups[i].name, ref->name) == 0)
				return &cfg->groups[i];
		return NULL;
	}
	return NULL;
}

const sgg_skill_group *const *sgg_config_subgroups(const sgg_config *cfg, int64_t base_id,
                                                   size_t *n)
{
	uint32_t v;

	if (n)
		*n = 0;
	if (!cfg || !n || !cfg->sealed || !sgg__imap_get(&cfg->object_ids, base_id, &v) ||
	    (v & SGG__AGENT_BIT))
		return NULL;
	*n = cfg->subs_off[v + 1] - cfg->subs_off[v];
	return *n ? cfg->subs + cfg->subs_off[v] : NULL;
}
