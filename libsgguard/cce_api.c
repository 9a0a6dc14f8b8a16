/*
 * cce_api.c - the cce-config-api input adapter: the JSON of the CCE
 * configuration REST API (/unifiedconfig/config/skillgroup and /agent) to
 * model. A configuration only: the API holds no live sessions.
 *
 * The input is a list of pages: one document holding a skillGroup list, an
 * agent list or both, several such pages, or items that carry their own
 * refURL. Ids are the last path segment of each refURL.
 * SPDX-License-Identifier: MIT
 */
#include "sources.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const group_fields[] = {
    "id",       "refURL",   "peripheral", "peripheral.id",         "number", "peripheralNumber",
    "priority", "priority", "base",       "baseSkillGroup.refURL", "name",   "name",
    NULL,
};
static const char *const agent_fields[] = {
    "id",   "refURL", "peripheral", "peripheral.id",  "number", "agentId",
    "name", "person", "team",       "agentTeam.name", NULL,
};
static const char *const route_fields[] = {
    "id", "refURL", "target", "skillGroup.refURL", "name", "name", NULL,
};
static const char *const peripheral_fields[] = {"id", "id", "name", "name", NULL};

enum kind { KIND_GROUP, KIND_AGENT, KIND_ROUTE };

typedef struct api_state {
	sgg_config *cfg;
	sgg__origin origin;
	sgg__imap peripherals; /* ids added so far */
	int64_t *ids;
	size_t cap_ids;
	size_t lists; /* lists and items found: none means this is no API document */
} api_state;

static void join(char *buf, size_t size, const char *prefix, const char *key)
{
	if (prefix[0])
		snprintf(buf, size, "%s.%s", prefix, key);
	else
		snprintf(buf, size, "%s", key);
}

/* An integer field the API may write as a number or as a string of digits. */
static int get_number(json_t *obj, const char *prefix, const char *key, bool required, int64_t lo,
                      int64_t hi, int64_t *out, bool *found, sgg_error *err)
{
	json_t *v = json_object_get(obj, key);
	char path[SGG_ERROR_PATH_LENGTH];
	long long n;

	if (found)
		*found = false;
	join(path, sizeof(path), prefix, key);
	if (!v || json_is_null(v)) {
		if (required)
			return sgg__error_set(err, SGG_ESHAPE, NULL, path,
			                      "missing required field");
		return 0;
	}
	if (json_is_integer(v)) {
		n = json_integer_value(v);
	} else if (json_is_string(v)) {
		const char *s = json_string_value(v);
		char *end;

		if (!s[0] || s[0] < '0' || s[0] > '9' || json_string_length(v) > 18)
			return sgg__error_set(err, SGG_ESHAPE, NULL, path,
			                      "must be a number, not \"%.30s\"", s);
		n = strtoll(s, &end, 10);
		if (*end)
			return sgg__error_set(err, SGG_ESHAPE, NULL, path,
			                      "must be a number, not \"%.30s\"", s);
	} else {
		return sgg__error_set(err, SGG_ESHAPE, NULL, path, "must be a number, not %s",
		                      sgg__json_type_name(v));
	}
	if (n < lo || n > hi)
		return sgg__error_set(err, SGG_ESHAPE, NULL, path,
		                      "%lld is out of range (%lld..%lld)", n, (long long)lo,
		                      (long long)hi);
	*out = n;
	if (found)
		*found = true;
	return 0;
}

/* A boolean the API may write as true/false or "true"/"false". */
static int get_flag(json_t *obj, const char *prefix, const char *key, bool *out, sgg_error *err)
{
	json_t *v = json_object_get(obj, key);
	char path[SGG_ERROR_PATH_LENGTH];

	*out = false;
	if (!v || json_is_null(v))
		return 0;
	if (json_is_boolean(v)) {
		*out = json_is_true(v);
		return 0;
	}
	if (json_is_string(v) && (strcmp(json_string_value(v), "true") == 0 ||
	                          strcmp(json_string_value(v), "false") == 0)) {
		*out = json_string_value(v)[0] == 't';
		return 0;
	}
	join(path, sizeof(path), prefix, key);
	return sgg__error_set(err, SGG_ESHAPE, NULL, path, "must be true or false, not %s",
	                      sgg__json_type_name(v));
}

/* The id at the end of the refURL of @p obj (whose path is @p prefix). */
static int get_refurl_id(json_t *obj, const char *prefix, bool required, int64_t *out, bool *found,
                         sgg_error *err)
{
	const char *url = NULL;
	char path[SGG_ERROR_PATH_LENGTH];
	int rc;

	if (found)
		*found = false;
	if ((rc = sgg__json_expect_object(obj, prefix, err)) < 0 ||
	    (rc = sgg__json_get_string(obj, prefix, "refURL", required, &url, err)) < 0 || !url)
		return rc;
	*out = sgg__refurl_id(url);
	if (*out < 1) {
		join(path, sizeof(path), prefix, "refURL");
		return sgg__error_set(err, SGG_ESHAPE, NULL, path,
		                      "\"%.60s\" does not end with an id (1..%lld)", url,
		                      (long long)SGG_ID_MAX);
	}
	if (found)
		*found = true;
	return 0;
}

/* The peripheral object of an item: its id (from "id" or its refURL), and its name. */
static int get_peripheral(api_state *st, json_t *item, const char *prefix, int *out, sgg_error *err)
{
	char path[SGG_ERROR_PATH_LENGTH];
	json_t *p = json_object_get(item, "peripheral");
	const char *name = NULL;
	int64_t id = 0;
	bool found = false;
	int rc;

	join(path, sizeof(path), prefix, "peripheral");
	if (!p || json_is_null(p))
		return sgg__error_set(err, SGG_ESHAPE, NULL, path, "missing required field");
	if ((rc = sgg__json_expect_object(p, path, err)) < 0 ||
	    (rc = get_number(p, path, "id", false, 1, SGG_PERIPHERAL_MAX, &id, &found, err)) < 0 ||
	    (!found && (rc = get_refurl_id(p, path, false, &id, &found, err)) < 0) ||
	    (rc = sgg__json_get_string(p, path, "name", false, &name, err)) < 0)
		return rc;
	if (!found) {
		join(path + strlen(path), sizeof(path) - strlen(path), "", ".id");
		return sgg__error_set(err, SGG_ESHAPE, NULL, path,
		                      "missing required field (or a refURL ending with the id)");
	}
	if (id > SGG_PERIPHERAL_MAX) {
		join(path + strlen(path), sizeof(path) - strlen(path), "", ".refURL");
		return sgg__error_set(err, SGG_ESHAPE, NULL, path, "%lld is out of range (1..%d)",
		                      (long long)id, SGG_PERIPHERAL_MAX);
	}
	rc = sgg__imap_put(&st->peripherals, id, 0, NULL);
	if (rc < 0)
		return sgg__error_oom(err);
	if (rc == 0) {
		if (sgg__origin_push(&st->origin, &st->origin.peripherals, "%s", path) < 0)
			return sgg__error_oom(err);
		if ((rc = sgg_config_add_peripheral(st->cfg, (int)id, name, err)) < 0)
			return rc;
	}
	*out = (int)id;
	return 0;
}

static int add_group(api_state *st, json_t *item, const char *path, sgg_error *err)
{
	sgg_skill_group sg = {0};
	int64_t priority = 0;
	bool deleted = false;
	json_t *base;
	int rc;

	if ((rc = get_refurl_id(item, path, true, &sg.id, NULL, err)) < 0 ||
	    (rc = sgg__json_get_string(item, path, "name", true, &sg.name, err)) < 0 ||
	    (rc = get_number(item, path, "peripheralNumber", true, 0, SGG_NUMBER_MAX, &sg.number,
	                     NULL, err)) < 0 ||
	    (rc = get_peripheral(st, item, path, &sg.peripheral, err)) < 0 ||
	    (rc = get_flag(item, path, "deleted", &deleted, err)) < 0 ||
	    (rc = get_number(item, path, "priority", false, 0, SGG_PRIORITY_MAX, &priority, NULL,
	                     err)) < 0)
		return rc;
	base = json_object_get(item, "baseSkillGroup");
	if (base && !json_is_null(base)) {
		char bpath[SGG_ERROR_PATH_LENGTH];

		join(bpath, sizeof(bpath), path, "baseSkillGroup");
		if ((rc = get_refurl_id(base, bpath, true, &sg.base, NULL, err)) < 0)
			return rc;
	}
	sg.priority = (int)priority;
	sg.deleted = deleted;
	if (sgg__origin_push(&st->origin, &st->origin.groups, "%s", path) < 0)
		return sgg__error_oom(err);
	return sgg_config_add_skill_group(st->cfg, &sg, err);
}

/* Call @p fn for each element of a list that may be an array or a single object. */
typedef int (*member_fn)(api_state *st, json_t *ref, const char *path, size_t *n, sgg_error *err);

static int add_member(api_state *st, json_t *ref, const char *path, size_t *n, sgg_error *err)
{
	int64_t id = 0;
	char rpath[SGG_ERROR_PATH_LENGTH];
	int rc = get_refurl_id(ref, path, true, &id, NULL, err);

	if (rc < 0)
		return rc;
	for (size_t k = 0; k < *n; k++)
		if (st->ids[k] == id)
			return 0; /* listed twice: it means the same thing */
	if (sgg__grow((void **)&st->ids, &st->cap_ids, *n + 1, sizeof(*st->ids)) < 0)
		return sgg__error_oom(err);
	join(rpath, sizeof(rpath), path, "refURL");
	if (sgg__origin_push_member(&st->origin, "%s", rpath) < 0)
		return sgg__error_oom(err);
	st->ids[(*n)++] = id;
	return 0;
}

static int each_ref(api_state *st, json_t *list, const char *path, member_fn fn, size_t *n,
                    sgg_error *err)
{
	char ipath[SGG_ERROR_PATH_LENGTH];
	json_t *v;
	size_t i;
	int rc;

	if (json_is_object(list))
		return fn(st, list, path, n, err);
	json_array_foreach(list, i, v) {
		snprintf(ipath, sizeof(ipath), "%s[%zu]", path, i);
		if ((rc = fn(st, v, ipath, n, err)) < 0)
			return rc;
	}
	return 0;
}

static int add_agent(api_state *st, json_t *item, const char *path, sgg_error *err)
{
	char number[32], name[2 * (SGG_STRING_MAX + 1) + 2], gpath[SGG_ERROR_PATH_LENGTH];
	json_t *person, *team, *groups, *login;
	sgg_agent a = {0};
	bool deleted = false;
	size_t n = 0;
	int rc;

	if ((rc = get_refurl_id(item, path, true, &a.id, NULL, err)) < 0 ||
	    (rc = get_flag(item, path, "deleted", &deleted, err)) < 0)
		return rc;
	if (deleted)
		return 0; /* a deleted agent is no longer configured */
	login = json_object_get(item, "agentId");
	if (!login || json_is_null(login))
		login = json_object_get(item, "peripheralNumber");
	join(gpath, sizeof(gpath), path, "agentId");
	if (json_is_integer(login)) {
		snprintf(number, sizeof(number), "%lld", (long long)json_integer_value(login));
		a.number = number;
	} else if (json_is_string(login)) {
		a.number = json_string_value(login);
	} else if (!login || json_is_null(login)) {
		return sgg__error_set(err, SGG_ESHAPE, NULL, gpath, "missing required field");
	} else {
		return sgg__error_set(err, SGG_ESHAPE, NULL, gpath, "must be a string, not %s",
		                      sgg__json_type_name(login));
	}
	if ((rc = get_peripheral(st, item, path, &a.peripheral, err)) < 0)
		return rc;
	person = json_object_get(item, "person");
	if (person && !json_is_null(person)) {
		const char *first = NULL, *last = NULL;
		char ppath[SGG_ERROR_PATH_LENGTH];

		join(ppath, sizeof(ppath), path, "person");
		if ((rc = sgg__json_expect_object(person, ppath, err)) < 0 ||
		    (rc = sgg__json_get_string(person, ppath, "firstName", false, &first, err)) <
		        0 ||
		    (rc = sgg__json_get_string(person, ppath, "lastName", false, &last, err)) < 0)
			return rc;
		snprintf(name, sizeof(name), "%s%s%s", first ? first : "",
		         first && last && first[0] && last[0] ? " " : "", last ? last : "");
		a.name = name[0] ? name : NULL;
	}
	team = json_object_get(item, "agentTeam");
	if (team && !json_is_null(team)) {
		char tpath[SGG_ERROR_PATH_LENGTH];

		join(tpath, sizeof(tpath), path, "agentTeam");
		if ((rc = sgg__json_expect_object(team, tpath, err)) < 0 ||
		    (rc = sgg__json_get_string(team, tpath, "name", false, &a.team, err)) < 0)
			return rc;
	}
	/* required: a summary list leaves memberships out, and silence is not "none" */
	join(gpath, sizeof(gpath), path, "skillGroups");
	groups = json_object_get(item, "skillGroups");
	if (!groups || json_is_null(groups))
		return sgg__error_set(err, SGG_ESHAPE, NULL, gpath,
		                      "missing required field (list agents without summary=true)");
	if (json_is_object(groups) && !json_object_get(groups, "refURL")) {
		/* the wrapped form: {"skillGroup": [...]} */
		json_t *inner = json_object_get(groups, "skillGroup");

		join(gpath + strlen(gpath), sizeof(gpath) - strlen(gpath), "", ".skillGroup");
		groups = inner; /* an empty wrapper: no memberships */
	}
	if (groups && !json_is_array(groups) && !json_is_object(groups))
		return sgg__error_set(err, SGG_ESHAPE, NULL, gpath, "must be an array, not %s",
		                      sgg__json_type_name(groups));
	if (sgg__origin_push(&st->origin, &st->origin.agents, "%s", path) < 0)
		return sgg__error_oom(err);
	if (groups && (rc = each_ref(st, groups, gpath, add_member, &n, err)) < 0)
		return rc;
	if (sgg__origin_end_agent(&st->origin) < 0)
		return sgg__error_oom(err);
	return sgg_config_add_agent(st->cfg, &a, st->ids, n, err);
}

static int add_route(api_state *st, json_t *item, const char *path, sgg_error *err)
{
	char tpath[SGG_ERROR_PATH_LENGTH];
	const char *name = NULL;
	int64_t id = 0, target = 0;
	json_t *sg;
	int rc;

	if ((rc = get_refurl_id(item, path, true, &id, NULL, err)) < 0 ||
	    (rc = sgg__json_get_string(item, path, "name", false, &name, err)) < 0)
		return rc;
	join(tpath, sizeof(tpath), path, "skillGroup");
	sg = json_object_get(item, "skillGroup");
	if (!sg || json_is_null(sg))
		return sgg__error_set(err, SGG_ESHAPE, NULL, tpath, "missing required field");
	if ((rc = get_refurl_id(sg, tpath, true, &target, NULL, err)) < 0)
		return rc;
	if (sgg__origin_push(&st->origin, &st->origin.routes, "%s", path) < 0)
		return sgg__error_oom(err);
	return sgg_config_add_route(st->cfg, id, name, target, err);
}

static int add_item(api_state *st, enum kind kind, json_t *item, const char *path, sgg_error *err)
{
	int rc = sgg__json_expect_object(item, path, err);

	if (rc < 0)
		return rc;
	switch (kind) {
	case KIND_GROUP: return add_group(st, item, path, err);
	case KIND_AGENT: return add_agent(st, item, path, err);
	default: return add_route(st, item, path, err);
	}
}

/* The items of @p kind in one list value (an array, or one object). */
static int add_list(api_state *st, enum kind kind, json_t *list, const char *path, sgg_error *err)
{
	char ipath[SGG_ERROR_PATH_LENGTH];
	json_t *v;
	size_t i;
	int rc;

	if (!list || json_is_null(list))
		return 0;
	st->lists++;
	if (json_is_object(list))
		return add_item(st, kind, list, path, err);
	if (!json_is_array(list))
		return sgg__error_set(err, SGG_ESHAPE, NULL, path, "must be an array, not %s",
		                      sgg__json_type_name(list));
	json_array_foreach(list, i, v) {
		snprintf(ipath, sizeof(ipath), "%s[%zu]", path, i);
		if ((rc = add_item(st, kind, v, ipath, err)) < 0)
			return rc;
	}
	return 0;
}

/* What a bare item is, from its refURL. */
static int item_kind(json_t *item, const char *path, enum kind *kind, sgg_error *err)
{
	const char *url = json_string_value(json_object_get(item, "refURL"));
	char rpath[SGG_ERROR_PATH_LENGTH];

	if (strstr(url, "/skillgroup/")) {
		*kind = KIND_GROUP;
		return 0;
	}
	if (strstr(url, "/agent/")) {
		*kind = KIND_AGENT;
		return 0;
	}
	join(rpath, sizeof(rpath), path, "refURL");
	return sgg__error_set(err, SGG_ESHAPE, NULL, rpath,
	                      "\"%.60s\" is neither a skill group nor an agent", url);
}

/* One pass over every page for the items of @p kind. */
static int add_kind(api_state *st, json_t *pages, enum kind kind, sgg_error *err)
{
	static const char *const keys[] = {"skillGroup", "agent", "route"};
	static const char *const wrappers[] = {"skillGroups", "agents", "routes"};
	size_t n = json_array_size(pages);

	for (size_t p = 0; p < n; p++) {
		json_t *page = json_array_get(pages, p), *w;
		char prefix[32], path[SGG_ERROR_PATH_LENGTH];
		int rc;

		/* one page reads as the document itself; several are numbered */
		if (n > 1)
			snprintf(prefix, sizeof(prefix), "[%zu]", p);
		else
			prefix[0] = '\0';
		if ((rc = sgg__json_expect_object(page, n > 1 ? prefix : "", err)) < 0)
			return rc;
		if (json_is_string(json_object_get(page, "refURL"))) {
			enum kind k = KIND_GROUP;

			if ((rc = item_kind(page, prefix, &k, err)) < 0)
				return rc;
			st->lists++;
			if (k == kind && (rc = add_item(st, kind, page, prefix, err)) < 0)
				return rc;
			continue;
		}
		join(path, sizeof(path), prefix, keys[kind]);
		if ((rc = add_list(st, kind, json_object_get(page, keys[kind]), path, err)) < 0)
			return rc;
		w = json_object_get(page, wrappers[kind]);
		if (json_is_object(w)) {
			snprintf(path, sizeof(path), "%s%s%s.%s", prefix, prefix[0] ? "." : "",
			         wrappers[kind], keys[kind]);
			if ((rc = add_list(st, kind, json_object_get(w, keys[kind]), path, err)) <
			    0)
				return rc;
		}
	}
	return 0;
}

int sgg__cce_config(sgg_config **out, json_t *pages, unsigned flags, sgg_error *err)
{
	api_state st;
	int rc;

	*out = NULL;
	memset(&st, 0, sizeof(st));
	sgg__origin_init(&st.origin, group_fields, agent_fields, route_fields, peripheral_fields);
	sgg__imap_init(&st.peripherals);
	if ((rc = sgg_config_new(&st.cfg, err)) < 0 ||
	    (rc = add_kind(&st, pages, KIND_GROUP, err)) < 0 ||
	    (rc = add_kind(&st, pages, KIND_AGENT, err)) < 0 ||
	    (rc = add_kind(&st, pages, KIND_ROUTE, err)) < 0)
		goto out;
	if (st.lists == 0) {
		rc = sgg__error_set(
		    err, SGG_ESHAPE, NULL, NULL,
		    "no skillGroup or agent list, and no item with a refURL: this is "
		    "not a configuration API document");
		goto out;
	}
	if ((rc = sgg_config_seal(st.cfg, flags, err)) < 0)
		goto out;
	*out = st.cfg;
	st.cfg = NULL; /* now owned by the caller */
out:
	if (rc < 0)
		sgg__origin_translate(&st.origin, err);
	sgg_config_free(st.cfg);
	sgg__origin_clear(&st.origin);
	sgg__imap_clear(&st.peripherals);
	sgg__free_ptr(st.ids);
	return rc;
}
