/*
 * aw_rows.c - the ucce-aw-rows input adapter: UCCE Administration & Data
 * Server tables, as SQL Server's FOR JSON PATH writes them, to model.
 *
 * The document is one object whose keys are table names (a "t_" prefix is
 * accepted) and whose values are arrays of rows. A NULL column is an absent
 * key, as FOR JSON writes it. The configuration comes from the
 * configuration tables, the snapshot from the real-time tables.
 * SPDX-License-Identifier: MIT
 */
#include "sources.h"

#include <stdio.h>
#include <string.h>

/* Native field -> column, so that builder errors name the column. */
static const char *const group_fields[] = {
    "id",       "SkillTargetID", "peripheral", "PeripheralID",      "number", "PeripheralNumber",
    "priority", "Priority",      "base",       "BaseSkillTargetID", "name",   "EnterpriseName",
    NULL,
};
static const char *const agent_fields[] = {
    "id",   "SkillTargetID", "peripheral", "PeripheralID", "number", "PeripheralNumber",
    "name", "PersonID",      NULL,
};
static const char *const route_fields[] = {
    "id", "RouteID", "target", "SkillTargetID", "name", "EnterpriseName", NULL,
};
static const char *const peripheral_fields[] = {
    "id", "PeripheralID", "name", "EnterpriseName", NULL,
};

/* One table of the document. */
typedef struct table {
	const char *key; /* as written: "Skill_Group" or "t_Skill_Group" */
	json_t *rows;    /* NULL when the table is absent */
} table;

static int get_table(json_t *root, const char *name, bool required, table *t, sgg_error *err)
{
	char prefixed[64];
	json_t *plain, *pre;

	snprintf(prefixed, sizeof(prefixed), "t_%s", name);
	plain = json_object_get(root, name);
	pre = json_object_get(root, prefixed);
	/* the key as the document spells it, owned by @p root */
	t->key = name;
	if (!plain && pre)
		t->key = json_object_iter_key(json_object_iter_at(root, prefixed));
	t->rows = plain ? plain : pre;
	if (plain && pre)
		return sgg__error_set(err, SGG_EDUP, NULL, name,
		                      "the table is given twice (also as %s)", prefixed);
	if (!t->rows || json_is_null(t->rows)) {
		t->rows = NULL;
		if (required)
			return sgg__error_set(err, SGG_ESHAPE, NULL, name,
			                      "missing required table (write an empty one as [])");
		return 0;
	}
	if (!json_is_array(t->rows))
		return sgg__error_set(err, SGG_ESHAPE, NULL, t->key,
		                      "must be an array of rows, not %s",
		                      sgg__json_type_name(t->rows));
	return 0;
}

/* The row at @p i of @p t, checked to be an object; its path in @p path. */
static int get_row(const table *t, size_t i, json_t **row, char *path, size_t size, sgg_error *err)
{
	snprintf(path, size, "%s[%zu]", t->key, i);
	*row = json_array_get(t->rows, i);
	return sgg__json_expect_object(*row, path, err);
}

static int range_error(const char *prefix, const char *key, int64_t v, int64_t lo, int64_t hi,
                       sgg_error *err)
{
	char path[SGG_ERROR_PATH_LENGTH];

	snprintf(path, sizeof(path), "%s.%s", prefix, key);
	return sgg__error_set(err, SGG_ESHAPE, NULL, path, "%lld is out of range (%lld..%lld)",
	                      (long long)v, (long long)lo, (long long)hi);
}

/* An integer column within [lo, hi]. */
static int get_int(json_t *row, const char *prefix, const char *key, bool required, int64_t lo,
                   int64_t hi, int64_t *out, bool *found, sgg_error *err)
{
	bool there = false;
	int64_t v = 0;
	int rc = sgg__json_get_int(row, prefix, key, required, &v, &there, err);

	if (found)
		*found = there;
	if (rc < 0 || !there)
		return rc;
	if (v < lo || v > hi)
		return range_error(prefix, key, v, lo, hi, err);
	*out = v;
	return 0;
}

/* A Deleted column: 'Y' or 'N'. */
static int get_deleted(json_t *row, const char *prefix, bool required, bool *out, sgg_error *err)
{
	const char *s = NULL;
	char path[SGG_ERROR_PATH_LENGTH];
	int rc = sgg__json_get_string(row, prefix, "Deleted", required, &s, err);

	*out = false;
	if (rc < 0 || !s)
		return rc;
	if (strcmp(s, "Y") != 0 && strcmp(s, "N") != 0) {
		snprintf(path, sizeof(path), "%s.Deleted", prefix);
		return sgg__error_set(err, SGG_ESHAPE, NULL, path,
		                      "must be \"Y\" or \"N\", not \"%.20s\"", s);
	}
	*out = s[0] == 'Y';
	return 0;
}

/* A login id: a string, or an integer written as one. @p buf holds the latter. */
static int get_login(json_t *row, const char *prefix, bool required, const char **out, char *buf,
                     size_t size, sgg_error *err)
{
	json_t *v = json_object_get(row, "PeripheralNumber");

	if (json_is_integer(v)) {
		snprintf(buf, size, "%lld", (long long)json_integer_value(v));
		*out = buf;
		return 0;
	}
	return sgg__json_get_string(row, prefix, "PeripheralNumber", required, out, err);
}

/*
 * A DATETIME column. SQL Server writes it without an offset; it is read as
 * UTC (an offset, when a query adds one, is honoured).
 */
static int get_time(json_t *row, const char *prefix, const char *key, sgg_time *out, bool *found,
                    sgg_error *err)
{
	const char *s = NULL;
	char path[SGG_ERROR_PATH_LENGTH];
	bool has_offset;
	int rc = sgg__json_get_string(row, prefix, key, false, &s, err);

	*found = false;
	if (rc < 0 || !s)
		return rc;
	if (sgg__time_parse_local(out, &has_offset, s) < 0) {
		if (prefix[0])
			snprintf(path, sizeof(path), "%s.%s", prefix, key);
		else
			snprintf(path, sizeof(path), "%s", key);
		return sgg__error_set(err, SGG_ESYNTAX, NULL, path,
		                      "\"%.40s\" is not a date-time (2026-12-01T02:14:55)", s);
	}
	*found = true;
	return 0;
}

/* The AgentState code, as the database stores it (0 Logged Off .. 14 Not Active). */
static int get_state(json_t *row, const char *prefix, sgg_agent_state *out, sgg_error *err)
{
	int64_t code = 0;
	char path[SGG_ERROR_PATH_LENGTH];
	int rc = sgg__json_get_int(row, prefix, "AgentState", true, &code, NULL, err);

	if (rc < 0)
		return rc;
	if (code < 0 || code >= SGG_STATE_COUNT) {
		snprintf(path, sizeof(path), "%s.AgentState", prefix);
		return sgg__error_set(
		    err, SGG_ESHAPE, NULL, path,
		    "unknown agent state code %lld (the database's codes are 0 to "
		    "14)",
		    (long long)code);
	}
	*out = (sgg_agent_state)code;
	return 0;
}

/* ---- the configuration ---- */

typedef struct aw_agent {
	size_t row;
	int64_t id;
	bool deleted;
	int64_t team_row; /* Agent_Team row, or -1 */
} aw_agent;

typedef struct config_state {
	sgg_config *cfg;
	sgg__origin origin;
	table groups, members, agents, persons, peripherals, teams, team_members, routes;
	aw_agent *agent_rows;  /* one per Agent row */
	sgg__imap agent_by_id; /* SkillTargetID -> index in agent_rows */
	sgg__imap person_by_id;
	sgg__imap team_by_id;
	sgg__imap group_ids; /* SkillTargetID of every Skill_Group row */
	size_t *member_off;  /* per Agent row, into member_rows */
	size_t *member_rows; /* Skill_Group_Member row indexes grouped by agent */
	int64_t *ids;
	size_t cap_ids;
} config_state;

static int load_peripherals(config_state *st, sgg_error *err)
{
	for (size_t i = 0; i < json_array_size(st->peripherals.rows); i++) {
		char path[64];
		json_t *row;
		int64_t id = 0;
		const char *name = NULL;
		int rc;

		if ((rc = get_row(&st->peripherals, i, &row, path, sizeof(path), err)) < 0 ||
		    (rc = get_int(row, path, "PeripheralID", true, 1, SGG_PERIPHERAL_MAX, &id, NULL,
		                  err)) < 0 ||
		    (rc = sgg__json_get_string(row, path, "EnterpriseName", false, &name, err)) < 0)
			return rc;
		if (sgg__origin_push(&st->origin, &st->origin.peripherals, "%s", path) < 0)
			return sgg__error_oom(err);
		if ((rc = sgg_config_add_peripheral(st->cfg, (int)id, name, err)) < 0)
			return rc;
	}
	return 0;
}

static int load_groups(config_state *st, sgg_error *err)
{
	for (size_t i = 0; i < json_array_size(st->groups.rows); i++) {
		char path[64];
		json_t *row;
		int64_t peripheral = 0, priority = 0;
		bool deleted = false;
		sgg_skill_group sg = {0};
		int rc;

		if ((rc = get_row(&st->groups, i, &row, path, sizeof(path), err)) < 0 ||
		    (rc = get_int(row, path, "SkillTargetID", true, 1, SGG_ID_MAX, &sg.id, NULL,
		                  err)) < 0 ||
		    (rc = get_int(row, path, "PeripheralID", true, 1, SGG_PERIPHERAL_MAX,
		                  &peripheral, NULL, err)) < 0 ||
		    (rc = get_int(row, path, "PeripheralNumber", true, 0, SGG_NUMBER_MAX,
		                  &sg.number, NULL, err)) < 0 ||
		    (rc = sgg__json_get_string(row, path, "EnterpriseName", true, &sg.name, err)) <
		        0 ||
		    (rc = get_int(row, path, "Priority", true, 0, SGG_PRIORITY_MAX, &priority, NULL,
		                  err)) < 0 ||
		    (rc = get_int(row, path, "BaseSkillTargetID", false, 1, SGG_ID_MAX, &sg.base,
		                  NULL, err)) < 0 ||
		    (rc = get_deleted(row, path, true, &deleted, err)) < 0)
			return rc;
		sg.peripheral = (int)peripheral;
		sg.priority = (int)priority;
		sg.deleted = deleted;
		if (sgg__origin_push(&st->origin, &st->origin.groups, "%s", path) < 0 ||
		    sgg__imap_put(&st->group_ids, sg.id, (uint32_t)i, NULL) < 0)
			return sgg__error_oom(err);
		if ((rc = sgg_config_add_skill_group(st->cfg, &sg, err)) < 0)
			return rc;
	}
	return 0;
}

/* Index the Agent, Person and Agent_Team rows by id. */
static int index_agents(config_state *st, sgg_error *err)
{
	size_t n = json_array_size(st->agents.rows);
	uint32_t existing;
	int rc;

	if (!(st->agent_rows = sgg__calloc(n ? n : 1, sizeof(*st->agent_rows))))
		return sgg__error_oom(err);
	for (size_t i = 0; i < n; i++) {
		char path[64];
		json_t *row;
		aw_agent *a = &st->agent_rows[i];

		a->row = i;
		a->team_row = -1;
		if ((rc = get_row(&st->agents, i, &row, path, sizeof(path), err)) < 0 ||
		    (rc = get_int(row, path, "SkillTargetID", true, 1, SGG_ID_MAX, &a->id, NULL,
		                  err)) < 0 ||
		    (rc = get_deleted(row, path, true, &a->deleted, err)) < 0)
			return rc;
		rc = sgg__imap_put(&st->agent_by_id, a->id, (uint32_t)i, &existing);
		if (rc < 0)
			return sgg__error_oom(err);
		if (rc == 1) {
			snprintf(path, sizeof(path), "%s[%zu].SkillTargetID", st->agents.key, i);
			return sgg__error_set(err, SGG_EDUP, NULL, path,
			                      "id %lld is already used by %s[%u]", (long long)a->id,
			                      st->agents.key, (unsigned)existing);
		}
	}
	for (size_t i = 0; i < json_array_size(st->persons.rows); i++) {
		char path[64];
		json_t *row;
		int64_t id = 0;

		if ((rc = get_row(&st->persons, i, &row, path, sizeof(path), err)) < 0 ||
		    (rc = get_int(row, path, "PersonID", true, 1, SGG_ID_MAX, &id, NULL, err)) < 0)
			return rc;
		if ((rc = sgg__imap_put(&st->person_by_id, id, (uint32_t)i, &existing)) < 0)
			return sgg__error_oom(err);
		if (rc == 1) {
			snprintf(path, sizeof(path), "%s[%zu].PersonID", st->persons.key, i);
			return sgg__error_set(err, SGG_EDUP, NULL, path,
			                      "person %lld is listed twice", (long long)id);
		}
	}
	for (size_t i = 0; i < json_array_size(st->teams.rows); i++) {
		char path[64];
		json_t *row;
		int64_t id = 0;

		if ((rc = get_row(&st->teams, i, &row, path, sizeof(path), err)) < 0 ||
		    (rc = get_int(row, path, "AgentTeamID", true, 1, SGG_ID_MAX, &id, NULL, err)) <
		        0)
			return rc;
		if ((rc = sgg__imap_put(&st->team_by_id, id, (uint32_t)i, &existing)) < 0)
			return sgg__error_oom(err);
		if (rc == 1) {
			snprintf(path, sizeof(path), "%s[%zu].AgentTeamID", st->teams.key, i);
			return sgg__error_set(err, SGG_EDUP, NULL, path,
			                      "team %lld is listed twice", (long long)id);
		}
	}
	for (size_t i = 0; i < json_array_size(st->team_members.rows); i++) {
		char path[64];
		json_t *row;
		int64_t team = 0, agent = 0;
		uint32_t t, a;

		if ((rc = get_row(&st->team_members, i, &row, path, sizeof(path), err)) < 0 ||
		    (rc = get_int(row, path, "AgentTeamID", true, 1, SGG_ID_MAX, &team, NULL,
		                  err)) < 0 ||
		    (rc = get_int(row, path, "SkillTargetID", true, 1, SGG_ID_MAX, &agent, NULL,
		                  err)) < 0)
			return rc;
		if (!sgg__imap_get(&st->team_by_id, team, &t)) {
			snprintf(path, sizeof(path), "%s[%zu].AgentTeamID", st->team_members.key,
			         i);
			return sgg__error_set(err, SGG_EREF, NULL, path, "no team with id %lld",
			                      (long long)team);
		}
		/* an agent belongs to one team at most; the first row names it */
		if (sgg__imap_get(&st->agent_by_id, agent, &a) && st->agent_rows[a].team_row < 0)
			st->agent_rows[a].team_row = t;
	}
	return 0;
}

/* Group the Skill_Group_Member rows by agent, checking each. */
static int index_members(config_state *st, sgg_error *err)
{
	size_t n_agents = json_array_size(st->agents.rows);
	size_t n = json_array_size(st->members.rows);
	uint32_t *owner = NULL;
	size_t *fill = NULL;
	int rc = 0;

	st->member_off = sgg__calloc(n_agents + 1, sizeof(*st->member_off));
	st->member_rows = sgg__calloc(n ? n : 1, sizeof(*st->member_rows));
	owner = sgg__calloc(n ? n : 1, sizeof(*owner));
	fill = sgg__calloc(n_agents + 1, sizeof(*fill));
	if (!st->member_off || !st->member_rows || !owner || !fill) {
		rc = sgg__error_oom(err);
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		char path[64];
		json_t *row;
		int64_t agent = 0, group = 0;
		uint32_t a;

		if ((rc = get_row(&st->members, i, &row, path, sizeof(path), err)) < 0 ||
		    (rc = get_int(row, path, "AgentSkillTargetID", true, 1, SGG_ID_MAX, &agent,
		                  NULL, err)) < 0 ||
		    (rc = get_int(row, path, "SkillGroupSkillTargetID", true, 1, SGG_ID_MAX, &group,
		                  NULL, err)) < 0)
			goto out;
		if (!sgg__imap_get(&st->agent_by_id, agent, &a)) {
			snprintf(path, sizeof(path), "%s[%zu].AgentSkillTargetID", st->members.key,
			         i);
			rc = sgg__error_set(err, SGG_EREF, NULL, path, "no agent with id %lld",
			                    (long long)agent);
			goto out;
		}
		owner[i] = a;
		st->member_off[a]++;
	}
	/* counts to offsets, then place each row after its agent's earlier rows */
	for (size_t a = 0, sum = 0; a <= n_agents; a++) {
		size_t c = st->member_off[a];

		st->member_off[a] = sum;
		sum += c;
	}
	for (size_t i = 0; i < n; i++)
		st->member_rows[st->member_off[owner[i]] + fill[owner[i]]++] = i;
	rc = 0;
out:
	sgg__free_ptr(owner);
	sgg__free_ptr(fill);
	return rc;
}

static int load_agents(config_state *st, sgg_error *err)
{
	sgg__imap seen;
	int rc = 0;

	sgg__imap_init(&seen);
	for (size_t i = 0; i < json_array_size(st->agents.rows); i++) {
		const aw_agent *aw = &st->agent_rows[i];
		char path[64], login[32], fullname[2 * (SGG_STRING_MAX + 1) + 2];
		json_t *row = json_array_get(st->agents.rows, i), *prow, *trow;
		int64_t peripheral = 0, person = 0;
		bool has_person = false;
		uint32_t p;
		size_t n = 0;
		sgg_agent a = {0};

		if (aw->deleted)
			continue; /* a logically deleted agent is no longer configured */
		snprintf(path, sizeof(path), "%s[%zu]", st->agents.key, i);
		if ((rc = get_int(row, path, "PeripheralID", true, 1, SGG_PERIPHERAL_MAX,
		                  &peripheral, NULL, err)) < 0 ||
		    (rc = get_login(row, path, true, &a.number, login, sizeof(login), err)) < 0 ||
		    (rc = get_int(row, path, "PersonID", false, 1, SGG_ID_MAX, &person, &has_person,
		                  err)) < 0 ||
		    (rc = sgg__json_get_string(row, path, "EnterpriseName", false, &a.name, err)) <
		        0)
			goto out;
		a.id = aw->id;
		a.peripheral = (int)peripheral;
		if (has_person && sgg__imap_get(&st->person_by_id, person, &p)) {
			const char *first = NULL, *last = NULL;
			char ppath[64];

			prow = json_array_get(st->persons.rows, p);
			snprintf(ppath, sizeof(ppath), "%s[%u]", st->persons.key, (unsigned)p);
			if ((rc = sgg__json_get_string(prow, ppath, "FirstName", false, &first,
			                               err)) < 0 ||
			    (rc = sgg__json_get_string(prow, ppath, "LastName", false, &last,
			                               err)) < 0)
				goto out;
			if (first || last) {
				snprintf(fullname, sizeof(fullname), "%s%s%s", first ? first : "",
				         first && last && first[0] && last[0] ? " " : "",
				         last ? last : "");
				if (strlen(fullname) > SGG_STRING_MAX) {
					rc = sgg__error_set(
					    err, SGG_ESHAPE, NULL, ppath,
					    "the full name is %zu bytes long (at most %d)",
					    strlen(fullname), SGG_STRING_MAX);
					goto out;
				}
				a.name = fullname[0] ? fullname : a.name;
			}
		} else if (has_person && st->persons.rows) {
			snprintf(path, sizeof(path), "%s[%zu].PersonID", st->agents.key, i);
			rc = sgg__error_set(err, SGG_EREF, NULL, path, "no person with id %lld",
			                    (long long)person);
			goto out;
		}
		if (aw->team_row >= 0) {
			char tpath[64];

			trow = json_array_get(st->teams.rows, (size_t)aw->team_row);
			snprintf(tpath, sizeof(tpath), "%s[%lld]", st->teams.key,
			         (long long)aw->team_row);
			if ((rc = sgg__json_get_string(trow, tpath, "EnterpriseName", false,
			                               &a.team, err)) < 0)
				goto out;
		}
		if (sgg__origin_push(&st->origin, &st->origin.agents, "%s[%zu]", st->agents.key,
		                     i) < 0) {
			rc = sgg__error_oom(err);
			goto out;
		}
		/* memberships in row order; a repeated one counts once */
		if (sgg__grow((void **)&st->ids, &st->cap_ids,
		              st->member_off[i + 1] - st->member_off[i] + 1,
		              sizeof(*st->ids)) < 0) {
			rc = sgg__error_oom(err);
			goto out;
		}
		for (size_t k = st->member_off[i]; k < st->member_off[i + 1]; k++) {
			size_t r = st->member_rows[k];
			json_t *mrow = json_array_get(st->members.rows, r);
			int64_t g =
			    json_integer_value(json_object_get(mrow, "SkillGroupSkillTargetID"));
			int put = sgg__imap_put(&seen, ((int64_t)i << 31) | g, 0, NULL);

			if (put < 0) {
				rc = sgg__error_oom(err);
				goto out;
			}
			if (put == 1)
				continue;
			if (sgg__origin_push_member(&st->origin, "%s[%zu].SkillGroupSkillTargetID",
			                            st->members.key, r) < 0) {
				rc = sgg__error_oom(err);
				goto out;
			}
			st->ids[n++] = g;
		}
		if (sgg__origin_end_agent(&st->origin) < 0) {
			rc = sgg__error_oom(err);
			goto out;
		}
		if ((rc = sgg_config_add_agent(st->cfg, &a, st->ids, n, err)) < 0)
			goto out;
	}
	rc = 0;
out:
	sgg__imap_clear(&seen);
	return rc;
}

static int load_routes(config_state *st, sgg_error *err)
{
	for (size_t i = 0; i < json_array_size(st->routes.rows); i++) {
		char path[64];
		json_t *row;
		int64_t id = 0, target = 0;
		bool has_target = false, deleted = false;
		const char *name = NULL;
		int rc;

		if ((rc = get_row(&st->routes, i, &row, path, sizeof(path), err)) < 0 ||
		    (rc = get_int(row, path, "RouteID", true, 1, SGG_ID_MAX, &id, NULL, err)) < 0 ||
		    (rc = get_int(row, path, "SkillTargetID", false, 1, SGG_ID_MAX, &target,
		                  &has_target, err)) < 0 ||
		    (rc = sgg__json_get_string(row, path, "EnterpriseName", false, &name, err)) <
		        0 ||
		    (rc = get_deleted(row, path, false, &deleted, err)) < 0)
			return rc;
		/* routes to services, agents and the like are not about skill groups */
		if (deleted || !has_target || !sgg__imap_get(&st->group_ids, target, NULL))
			continue;
		if (sgg__origin_push(&st->origin, &st->origin.routes, "%s", path) < 0)
			return sgg__error_oom(err);
		if ((rc = sgg_config_add_route(st->cfg, id, name, target, err)) < 0)
			return rc;
	}
	return 0;
}

int sgg__aw_config(sgg_config **out, json_t *root, unsigned flags, sgg_error *err)
{
	config_state st;
	sgg_time exported = SGG_TIME_NONE;
	bool found;
	int rc;

	*out = NULL;
	memset(&st, 0, sizeof(st));
	sgg__origin_init(&st.origin, group_fields, agent_fields, route_fields, peripheral_fields);
	sgg__imap_init(&st.agent_by_id);
	sgg__imap_init(&st.person_by_id);
	sgg__imap_init(&st.team_by_id);
	sgg__imap_init(&st.group_ids);
	if ((rc = sgg__json_expect_object(root, "", err)) < 0 ||
	    (rc = get_table(root, "Skill_Group", true, &st.groups, err)) < 0 ||
	    (rc = get_table(root, "Skill_Group_Member", true, &st.members, err)) < 0 ||
	    (rc = get_table(root, "Agent", true, &st.agents, err)) < 0 ||
	    (rc = get_table(root, "Person", false, &st.persons, err)) < 0 ||
	    (rc = get_table(root, "Peripheral", false, &st.peripherals, err)) < 0 ||
	    (rc = get_table(root, "Agent_Team", false, &st.teams, err)) < 0 ||
	    (rc = get_table(root, "Agent_Team_Member", false, &st.team_members, err)) < 0 ||
	    (rc = get_table(root, "Route", false, &st.routes, err)) < 0 ||
	    (rc = get_time(root, "", "taken_at", &exported, &found, err)) < 0 ||
	    (rc = sgg_config_new(&st.cfg, err)) < 0 ||
	    (rc = sgg_config_set_exported_at(st.cfg, exported, err)) < 0 ||
	    (rc = load_peripherals(&st, err)) < 0 || (rc = load_groups(&st, err)) < 0 ||
	    (rc = index_agents(&st, err)) < 0 || (rc = index_members(&st, err)) < 0 ||
	    (rc = load_agents(&st, err)) < 0 || (rc = load_routes(&st, err)) < 0 ||
	    (rc = sgg_config_seal(st.cfg, flags, err)) < 0)
		goto out;
	*out = st.cfg;
	st.cfg = NULL; /* now owned by the caller */
out:
	if (rc < 0)
		sgg__origin_translate(&st.origin, err);
	sgg_config_free(st.cfg);
	sgg__origin_clear(&st.origin);
	sgg__imap_clear(&st.agent_by_id);
	sgg__imap_clear(&st.person_by_id);
	sgg__imap_clear(&st.team_by_id);
	sgg__imap_clear(&st.group_ids);
	sgg__free_ptr(st.agent_rows);
	sgg__free_ptr(st.member_off);
	sgg__free_ptr(st.member_rows);
	sgg__free_ptr(st.ids);
	return rc;
}

/* ---- the snapshot ---- */

typedef struct aw_session {
	int64_t agent;
	sgg_agent_state state;
	bool logged_in_row; /* an Agent_Real_Time row says logged in */
	sgg_time login_at;
	size_t n_groups;
} aw_session;

typedef struct sessions_state {
	table agents, peripherals, agent_rt, group_rt;
	aw_session *items;
	size_t n_items, cap_items;
	sgg__imap by_agent;  /* agent id -> index in items */
	int64_t *pair_group; /* (session, group) pairs from Agent_Skill_Group_Real_Time */
	uint32_t *pair_session;
	size_t n_pairs, cap_pair_group, cap_pair_session;
	sgg_time latest;
} sessions_state;

/* The session of @p agent, created on first sight; NULL on out of memory. */
static aw_session *session_for(sessions_state *st, int64_t agent)
{
	uint32_t idx;

	if (!sgg__imap_get(&st->by_agent, agent, &idx)) {
		idx = (uint32_t)st->n_items;
		if (sgg__grow((void **)&st->items, &st->cap_items, st->n_items + 1,
		              sizeof(*st->items)) < 0 ||
		    sgg__imap_put(&st->by_agent, agent, idx, NULL) < 0)
			return NULL;
		st->items[idx] = (aw_session){
		    .agent = agent, .state = SGG_STATE_LOGGED_OUT, .login_at = SGG_TIME_NONE};
		st->n_items++;
	}
	return &st->items[idx];
}

static void note_time(sessions_state *st, sgg_time t)
{
	if (st->latest == SGG_TIME_NONE || t > st->latest)
		st->latest = t;
}

static int read_agent_rt(sessions_state *st, sgg_error *err)
{
	for (size_t i = 0; i < json_array_size(st->agent_rt.rows); i++) {
		char path[64];
		json_t *row;
		int64_t agent = 0;
		sgg_agent_state state = SGG_STATE_LOGGED_OUT;
		sgg_time when = SGG_TIME_NONE, login = SGG_TIME_NONE;
		bool has_when, has_login;
		aw_session *s;
		int rc;

		if ((rc = get_row(&st->agent_rt, i, &row, path, sizeof(path), err)) < 0 ||
		    (rc = get_int(row, path, "SkillTargetID", true, 1, SGG_ID_MAX, &agent, NULL,
		                  err)) < 0 ||
		    (rc = get_state(row, path, &state, err)) < 0 ||
		    (rc = get_time(row, path, "DateTime", &when, &has_when, err)) < 0 ||
		    (rc = get_time(row, path, "LoginDateTime", &login, &has_login, err)) < 0)
			return rc;
		if (!(s = session_for(st, agent)))
			return sgg__error_oom(err);
		if (has_when)
			note_time(st, when);
		/* several rows (one per media routing domain): the first logged-in one speaks */
		if (state != SGG_STATE_LOGGED_OUT && !s->logged_in_row) {
			s->logged_in_row = true;
			s->state = state;
			s->login_at = has_login ? login : SGG_TIME_NONE;
		}
	}
	return 0;
}

static int read_group_rt(sessions_state *st, sgg_error *err)
{
	for (size_t i = 0; i < json_array_size(st->group_rt.rows); i++) {
		char path[64];
		json_t *row;
		int64_t agent = 0, group = 0;
		sgg_agent_state state = SGG_STATE_LOGGED_OUT;
		sgg_time when = SGG_TIME_NONE;
		bool has_when;
		aw_session *s;
		int rc;

		if ((rc = get_row(&st->group_rt, i, &row, path, sizeof(path), err)) < 0 ||
		    (rc = get_int(row, path, "SkillTargetID", true, 1, SGG_ID_MAX, &agent, NULL,
		                  err)) < 0 ||
		    (rc = get_int(row, path, "SkillGroupSkillTargetID", true, 1, SGG_ID_MAX, &group,
		                  NULL, err)) < 0 ||
		    (rc = get_state(row, path, &state, err)) < 0 ||
		    (rc = get_time(row, path, "DateTime", &when, &has_when, err)) < 0)
			return rc;
		if (has_when)
			note_time(st, when);
		if (state == SGG_STATE_LOGGED_OUT)
			continue;
		if (!(s = session_for(st, agent)))
			return sgg__error_oom(err);
		/*
		 * Logged into a group while Agent_Real_Time says logged out (or has no
		 * row): the two tables were read at different moments. Believe the row
		 * that blocks.
		 */
		if (!s->logged_in_row && s->state == SGG_STATE_LOGGED_OUT)
			s->state = state;
		if (sgg__grow((void **)&st->pair_group, &st->cap_pair_group, st->n_pairs + 1,
		              sizeof(*st->pair_group)) < 0 ||
		    sgg__grow((void **)&st->pair_session, &st->cap_pair_session, st->n_pairs + 1,
		              sizeof(*st->pair_session)) < 0)
			return sgg__error_oom(err);
		st->pair_group[st->n_pairs] = group;
		st->pair_session[st->n_pairs] = (uint32_t)(s - st->items);
		st->n_pairs++;
		s->n_groups++;
	}
	return 0;
}

/* The scope: the Peripheral rows, else the peripherals of the live Agent rows. */
static int add_scope(sgg_sessions *snap, sessions_state *st, sgg_error *err)
{
	const table *t = json_array_size(st->peripherals.rows) ? &st->peripherals : &st->agents;
	sgg__imap seen;
	int rc = 0;

	sgg__imap_init(&seen);
	for (size_t i = 0; i < json_array_size(t->rows); i++) {
		char path[64];
		json_t *row;
		int64_t id = 0;
		bool deleted = false;

		if ((rc = get_row(t, i, &row, path, sizeof(path), err)) < 0 ||
		    (rc = get_int(row, path, "PeripheralID", true, 1, SGG_PERIPHERAL_MAX, &id, NULL,
		                  err)) < 0 ||
		    (t == &st->agents && (rc = get_deleted(row, path, false, &deleted, err)) < 0))
			goto out;
		if (deleted)
			continue;
		if ((rc = sgg__imap_put(&seen, id, 0, NULL)) < 0) {
			rc = sgg__error_oom(err);
			goto out;
		}
		if (rc == 0 && (rc = sgg_sessions_add_peripheral(snap, (int)id, err)) < 0)
			goto out;
	}
	rc = 0;
out:
	sgg__imap_clear(&seen);
	return rc;
}

/* The login id of an agent from the Agent rows, or NULL. */
static const char *login_of(sessions_state *st, sgg__imap *agent_rows, int64_t agent, char *buf,
                            size_t size)
{
	uint32_t r;
	json_t *v;

	if (!sgg__imap_get(agent_rows, agent, &r))
		return NULL;
	v = json_object_get(json_array_get(st->agents.rows, r), "PeripheralNumber");
	if (json_is_string(v) && json_string_length(v) > 0 &&
	    json_string_length(v) <= SGG_STRING_MAX)
		return json_string_value(v);
	if (json_is_integer(v)) {
		snprintf(buf, size, "%lld", (long long)json_integer_value(v));
		return buf;
	}
	return NULL;
}

static int add_sessions(sgg_sessions *snap, sessions_state *st, sgg_error *err)
{
	size_t *off = NULL, *fill = NULL;
	int64_t *groups = NULL;
	sgg__imap agent_rows;
	int rc = SGG_ENOMEM;

	sgg__imap_init(&agent_rows);
	for (size_t i = 0; i < json_array_size(st->agents.rows); i++) {
		json_t *id = json_object_get(json_array_get(st->agents.rows, i), "SkillTargetID");

		/* the first row of an id names its login; malformed rows have no say */
		if (json_is_integer(id) &&
		    sgg__imap_put(&agent_rows, json_integer_value(id), (uint32_t)i, NULL) < 0)
			goto oom;
	}
	off = sgg__calloc(st->n_items + 1, sizeof(*off));
	fill = sgg__calloc(st->n_items + 1, sizeof(*fill));
	groups = sgg__calloc(st->n_pairs ? st->n_pairs : 1, sizeof(*groups));
	if (!off || !fill || !groups)
		goto oom;
	for (size_t k = 0; k < st->n_items; k++)
		off[k + 1] = off[k] + st->items[k].n_groups;
	for (size_t p = 0; p < st->n_pairs; p++) {
		uint32_t s = st->pair_session[p];

		groups[off[s] + fill[s]++] = st->pair_group[p];
	}
	for (size_t k = 0; k < st->n_items; k++) {
		const aw_session *a = &st->items[k];
		char login[32];
		sgg_session s = {0};

		s.agent = a->agent;
		s.state = a->state;
		s.login_at = a->login_at;
		s.number = login_of(st, &agent_rows, a->agent, login, sizeof(login));
		s.skill_groups = groups + off[k];
		s.n_skill_groups = a->n_groups;
		if ((rc = sgg_sessions_add(snap, &s, err)) < 0)
			goto out;
	}
	rc = 0;
	goto out;
oom:
	rc = sgg__error_oom(err);
out:
	sgg__imap_clear(&agent_rows);
	sgg__free_ptr(off);
	sgg__free_ptr(fill);
	sgg__free_ptr(groups);
	return rc;
}

int sgg__aw_sessions(sgg_sessions **out, json_t *root, sgg_error *err)
{
	sessions_state st;
	sgg_sessions *snap = NULL;
	sgg_time taken = SGG_TIME_NONE;
	bool has_taken = false;
	int rc;

	*out = NULL;
	memset(&st, 0, sizeof(st));
	st.latest = SGG_TIME_NONE;
	sgg__imap_init(&st.by_agent);
	if ((rc = sgg__json_expect_object(root, "", err)) < 0 ||
	    (rc = get_table(root, "Agent", false, &st.agents, err)) < 0 ||
	    (rc = get_table(root, "Peripheral", false, &st.peripherals, err)) < 0 ||
	    (rc = get_table(root, "Agent_Real_Time", true, &st.agent_rt, err)) < 0 ||
	    (rc = get_table(root, "Agent_Skill_Group_Real_Time", true, &st.group_rt, err)) < 0 ||
	    (rc = get_time(root, "", "taken_at", &taken, &has_taken, err)) < 0 ||
	    (rc = read_agent_rt(&st, err)) < 0 || (rc = read_group_rt(&st, err)) < 0)
		goto out;
	if (!has_taken)
		taken = st.latest;
	if (taken == SGG_TIME_NONE) {
		rc = sgg__error_set(
		    err, SGG_ESHAPE, NULL, "taken_at",
		    "missing: with no taken_at and no DateTime in the real-time rows, "
		    "nothing tells when the snapshot was taken");
		goto out;
	}
	if ((rc = sgg_sessions_new(&snap, taken, err)) < 0 ||
	    (rc = add_scope(snap, &st, err)) < 0 || (rc = add_sessions(snap, &st, err)) < 0 ||
	    (rc = sgg_sessions_seal(snap, err)) < 0)
		goto out;
	*out = snap;
	snap = NULL; /* now owned by the caller */
out:
	sgg_sessions_free(snap);
	sgg__imap_clear(&st.by_agent);
	sgg__free_ptr(st.items);
	sgg__free_ptr(st.pair_group);
	sgg__free_ptr(st.pair_session);
	return rc;
}
