/*
 * config_json.c - the sgguard-config/1 input adapter: JSON to model.
 * SPDX-License-Identifier: MIT
 */
#include "sources.h"

#include <stdio.h>
#include <string.h>

#define CONFIG_FORMAT "sgguard-config/1"

static int load_peripherals(sgg_config *cfg, json_t *root, sgg_error *err)
{
	json_t *list = NULL, *item;
	size_t i;
	int rc = sgg__json_get_array(root, "", "peripherals", false, &list, err);

	if (rc < 0 || !list)
		return rc;
	json_array_foreach(list, i, item) {
		char path[64];
		int64_t id = 0;
		const char *name = NULL;

		snprintf(path, sizeof(path), "peripherals[%zu]", i);
		if ((rc = sgg__json_expect_object(item, path, err)) < 0 ||
		    (rc = sgg__json_get_int(item, path, "id", true, &id, NULL, err)) < 0 ||
		    (rc = sgg__json_get_string(item, path, "name", false, &name, err)) < 0)
			return rc;
		if (id < 1 || id > SGG_PERIPHERAL_MAX) {
			snprintf(path, sizeof(path), "peripherals[%zu].id", i);
			return sgg__error_set(err, SGG_ESHAPE, NULL, path,
			                      "%lld is out of range (1..%d)", (long long)id,
			                      SGG_PERIPHERAL_MAX);
		}
		if ((rc = sgg_config_add_peripheral(cfg, (int)id, name, err)) < 0)
			return rc;
	}
	return 0;
}

/*
 * Narrow a field the builder takes as an int. Values that fit are passed on,
 * so the builder's range check reports them as written; wider ones are
 * refused here, with the value as written.
 */
static int narrow(int64_t v, int *out, const char *prefix, const char *key, int64_t max,
                  sgg_error *err)
{
	char path[96];

	if (v >= INT32_MIN && v <= INT32_MAX) {
		*out = (int)v;
		return 0;
	}
	snprintf(path, sizeof(path), "%s.%s", prefix, key);
	return sgg__error_set(err, SGG_ESHAPE, NULL, path, "%lld is out of range (%d..%lld)",
	                      (long long)v, strcmp(key, "priority") == 0 ? 0 : 1, (long long)max);
}

static int load_groups(sgg_config *cfg, json_t *root, sgg_error *err)
{
	json_t *list = NULL, *item;
	size_t i;
	int rc = sgg__json_get_array(root, "", "skill_groups", true, &list, err);

	if (rc < 0)
		return rc;
	json_array_foreach(list, i, item) {
		char path[64];
		int64_t peripheral = 0, priority = 0, base = 0;
		bool deleted = false, has_base = false;
		sgg_skill_group sg = { 0 };

		snprintf(path, sizeof(path), "skill_groups[%zu]", i);
		if ((rc = sgg__json_expect_object(item, path, err)) < 0 ||
		    (rc = sgg__json_get_int(item, path, "id", true, &sg.id, NULL, err)) < 0 ||
		    (rc = sgg__json_get_int(item, path, "peripheral", true, &peripheral, NULL, err)) < 0 ||
		    (rc = sgg__json_get_int(item, path, "number", true, &sg.number, NULL, err)) < 0 ||
		    (rc = sgg__json_get_int(item, path, "priority", true, &priority, NULL, err)) < 0 ||
		    (rc = sgg__json_get_int(item, path, "base", false, &base, &has_base, err)) < 0 ||
		    (rc = sgg__json_get_string(item, path, "name", true, &sg.name, err)) < 0 ||
		    (rc = sgg__json_get_bool(item, path, "deleted", false, &deleted, err)) < 0)
			return rc;
		if (has_base && base == 0) {
			/* 0 would read as "no base" to the builder: say what is wrong */
			snprintf(path, sizeof(path), "skill_groups[%zu].base", i);
			return sgg__error_set(err, SGG_ESHAPE, NULL, path, "0 is out of range (1..%lld)",
			                      (long long)SGG_ID_MAX);
		}
		if ((rc = narrow(peripheral, &sg.peripheral, path, "peripheral", SGG_PERIPHERAL_MAX,
		                 err)) < 0 ||
		    (rc = narrow(priority, &sg.priority, path, "priority", SGG_PRIORITY_MAX, err)) < 0)
			return rc;
		sg.base = base;
		sg.deleted = deleted;
		if ((rc = sgg_config_add_skill_group(cfg, &sg, err)) < 0)
			return rc;
	}
	return 0;
}

static int load_agents(sgg_config *cfg, json_t *root, sgg_error *err)
{
	json_t *list = NULL, *item;
	int64_t *ids = NULL;
	size_t i, cap = 0, n = 0;
	int rc = sgg__json_get_array(root, "", "agents", true, &list, err);

	if (rc < 0)
		return rc;
	json_array_foreach(list, i, item) {
		char path[64], gpath[80];
		int64_t peripheral = 0;
		json_t *groups = NULL;
		sgg_agent a = { 0 };

		snprintf(path, sizeof(path), "agents[%zu]", i);
		if ((rc = sgg__json_expect_object(item, path, err)) < 0 ||
		    (rc = sgg__json_get_int(item, path, "id", true, &a.id, NULL, err)) < 0 ||
		    (rc = sgg__json_get_int(item, path, "peripheral", true, &peripheral, NULL, err)) < 0 ||
		    (rc = sgg__json_get_string(item, path, "number", true, &a.number, err)) < 0 ||
		    (rc = sgg__json_get_string(item, path, "name", false, &a.name, err)) < 0 ||
		    (rc = sgg__json_get_string(item, path, "team", false, &a.team, err)) < 0 ||
		    (rc = sgg__json_get_array(item, path, "skill_groups", true, &groups, err)) < 0)
			goto out;
		snprintf(gpath, sizeof(gpath), "%s.skill_groups", path);
		if ((rc = sgg__json_get_ids(groups, gpath, &ids, &cap, &n, err)) < 0)
			goto out;
		if ((rc = narrow(peripheral, &a.peripheral, path, "peripheral", SGG_PERIPHERAL_MAX,
		                 err)) < 0)
			goto out;
		if ((rc = sgg_config_add_agent(cfg, &a, ids, n, err)) < 0)
			goto out;
	}
	rc = 0;
out:
	sgg__free_ptr(ids);
	return rc;
}

static int load_routes(sgg_config *cfg, json_t *root, sgg_error *err)
{
	json_t *list = NULL, *item;
	size_t i;
	int rc = sgg__json_get_array(root, "", "routes", false, &list, err);

	if (rc < 0 || !list)
		return rc;
	json_array_foreach(list, i, item) {
		char path[64];
		int64_t id = 0, target = 0;
		const char *name = NULL;

		snprintf(path, sizeof(path), "routes[%zu]", i);
		if ((rc = sgg__json_expect_object(item, path, err)) < 0 ||
		    (rc = sgg__json_get_int(item, path, "id", true, &id, NULL, err)) < 0 ||
		    (rc = sgg__json_get_string(item, path, "name", false, &name, err)) < 0 ||
		    (rc = sgg__json_get_int(item, path, "target", true, &target, NULL, err)) < 0 ||
		    (rc = sgg_config_add_route(cfg, id, name, target, err)) < 0)
			return rc;
	}
	return 0;
}

static int load_document(sgg_config **out, const char *data, size_t size, const char *source,
                         unsigned flags, sgg_error *err)
{
	json_t *root = NULL;
	sgg_config *cfg = NULL;
	sgg_time exported = SGG_TIME_NONE;
	int rc;

	rc = sgg__json_parse(&root, data, size, source, err);
	/* other formats (detected from the document) load themselves */
	if ((rc = sgg__config_load_other(out, root, rc, data, size, source, flags, err)) != 1)
		goto out;
	if ((rc = sgg__json_check_format(root, CONFIG_FORMAT, err)) < 0 ||
	    (rc = sgg_config_new(&cfg, err)) < 0 ||
	    (rc = sgg__json_get_time(root, "", "exported_at", false, &exported, err)) < 0 ||
	    (rc = sgg_config_set_exported_at(cfg, exported, err)) < 0 ||
	    (rc = load_peripherals(cfg, root, err)) < 0 || (rc = load_groups(cfg, root, err)) < 0 ||
	    (rc = load_agents(cfg, root, err)) < 0 || (rc = load_routes(cfg, root, err)) < 0 ||
	    (rc = sgg_config_seal(cfg, flags, err)) < 0)
		goto out;
	*out = cfg;
	cfg = NULL; /* now owned by the caller */
out:
	if (rc < 0)
		sgg__error_set_source(err, source);
	sgg_config_free(cfg);
	json_decref(root);
	return rc;
}

int sgg_config_load_buffer(sgg_config **out, const char *data, size_t size, const char *source,
                           unsigned flags, sgg_error *err)
{
	if (out)
		*out = NULL;
	if (!out || (!data && size > 0))
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL, "NULL argument");
	return load_document(out, data ? data : "", size, source ? source : "<buffer>", flags, err);
}

int sgg_config_load_file(sgg_config **out, const char *path, unsigned flags, sgg_error *err)
{
	char *data = NULL;
	size_t len = 0;
	int rc;

	if (out)
		*out = NULL;
	if (!out || !path)
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL, "NULL argument");
	rc = sgg__read_file(&data, &len, path, err);
	if (rc == 0)
		rc = load_document(out, data, len, sgg__source_name(path), flags, err);
	sgg__free_ptr(data);
	return rc;
}
