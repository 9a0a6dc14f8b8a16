/*
 * config_json.c - the sgguard-config/1 input adapter: JSON to model.
 * SPDX-License-Identifier: MIT
 */
#include "sources.h"

#include <stdio.h>
#include <string.h>

#define CONFIG_FORMAT "sgguard-config/1"

typedef struct peripheral_rec {
	int id;
	const char *name;
} peripheral_rec;

static int decode_peripheral(json_t *item, size_t i, void *rec, sgg__json_ids *ids,
                             sgg_error *err)
{
	peripheral_rec *r = rec;
	char path[64];
	int64_t id = 0;
	int rc;

	(void)ids;
	r->name = NULL;
	sgg__json_path(path, sizeof(path), err, "peripherals[%zu]", i);
	if ((rc = sgg__json_expect_object(item, path, err)) < 0 ||
	    (rc = sgg__json_get_int(item, path, "id", true, &id, NULL, err)) < 0 ||
	    (rc = sgg__json_get_string(item, path, "name", false, &r->name, err)) < 0)
		return rc;
	if (id < 1 || id > SGG_PERIPHERAL_MAX) {
		snprintf(path, sizeof(path), "peripherals[%zu].id", i);
		return sgg__error_set(err, SGG_ESHAPE, NULL, path, "%lld is out of range (1..%d)",
		                      (long long)id, SGG_PERIPHERAL_MAX);
	}
	r->id = (int)id;
	return 0;
}

static int apply_peripheral(void *ctx, const void *rec, const int64_t *ids, sgg_error *err)
{
	const peripheral_rec *r = rec;

	(void)ids;
	return sgg_config_add_peripheral(ctx, r->id, r->name, err);
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

static int decode_group(json_t *item, size_t i, void *rec, sgg__json_ids *ids, sgg_error *err)
{
	sgg_skill_group *sg = rec;
	char path[64];
	int64_t peripheral = 0, priority = 0, base = 0;
	bool deleted = false, has_base = false;
	int rc;

	(void)ids;
	*sg = (sgg_skill_group){ 0 };
	sgg__json_path(path, sizeof(path), err, "skill_groups[%zu]", i);
	if ((rc = sgg__json_expect_object(item, path, err)) < 0 ||
	    (rc = sgg__json_get_int(item, path, "id", true, &sg->id, NULL, err)) < 0 ||
	    (rc = sgg__json_get_int(item, path, "peripheral", true, &peripheral, NULL, err)) < 0 ||
	    (rc = sgg__json_get_int(item, path, "number", true, &sg->number, NULL, err)) < 0 ||
	    (rc = sgg__json_get_int(item, path, "priority", true, &priority, NULL, err)) < 0 ||
	    (rc = sgg__json_get_int(item, path, "base", false, &base, &has_base, err)) < 0 ||
	    (rc = sgg__json_get_string(item, path, "name", true, &sg->name, err)) < 0 ||
	    (rc = sgg__json_get_bool(item, path, "deleted", false, &deleted, err)) < 0)
		return rc;
	if (has_base && base == 0) {
		/* 0 would read as "no base" to the builder: say what is wrong */
		snprintf(path, sizeof(path), "skill_groups[%zu].base", i);
		return sgg__error_set(err, SGG_ESHAPE, NULL, path, "0 is out of range (1..%lld)",
		                      (long long)SGG_ID_MAX);
	}
	if ((rc = narrow(peripheral, &sg->peripheral, path, "peripheral", SGG_PERIPHERAL_MAX,
	                 err)) < 0 ||
	    (rc = narrow(priority, &sg->priority, path, "priority", SGG_PRIORITY_MAX, err)) < 0)
		return rc;
	sg->base = base;
	sg->deleted = deleted;
	return 0;
}

static int apply_group(void *ctx, const void *rec, const int64_t *ids, sgg_error *err)
{
	(void)ids;
	return sgg_config_add_skill_group(ctx, rec, err);
}

typedef struct agent_rec {
	sgg_agent agent;
	size_t first, n; /* its memberships in the walk's ids */
} agent_rec;

static int decode_agent(json_t *item, size_t i, void *rec, sgg__json_ids *ids, sgg_error *err)
{
	agent_rec *r = rec;
	char path[64], gpath[80];
	int64_t peripheral = 0;
	json_t *groups = NULL;
	int rc;

	*r = (agent_rec){ .first = ids->n };
	sgg__json_path(path, sizeof(path), err, "agents[%zu]", i);
	if ((rc = sgg__json_expect_object(item, path, err)) < 0 ||
	    (rc = sgg__json_get_int(item, path, "id", true, &r->agent.id, NULL, err)) < 0 ||
	    (rc = sgg__json_get_int(item, path, "peripheral", true, &peripheral, NULL, err)) < 0 ||
	    (rc = sgg__json_get_string(item, path, "number", true, &r->agent.number, err)) < 0 ||
	    (rc = sgg__json_get_string(item, path, "name", false, &r->agent.name, err)) < 0 ||
	    (rc = sgg__json_get_string(item, path, "team", false, &r->agent.team, err)) < 0 ||
	    (rc = sgg__json_get_array(item, path, "skill_groups", true, &groups, err)) < 0)
		return rc;
	sgg__json_path(gpath, sizeof(gpath), err, "%s.skill_groups", path);
	if ((rc = sgg__json_append_ids(groups, gpath, ids, err)) < 0 ||
	    (rc = narrow(peripheral, &r->agent.peripheral, path, "peripheral", SGG_PERIPHERAL_MAX,
	                 err)) < 0)
		return rc;
	r->n = ids->n - r->first;
	return 0;
}

static int apply_agent(void *ctx, const void *rec, const int64_t *ids, sgg_error *err)
{
	const agent_rec *r = rec;

	return sgg_config_add_agent(ctx, &r->agent, ids + r->first, r->n, err);
}

typedef struct route_rec {
	int64_t id, target;
	const char *name;
} route_rec;

static int decode_route(json_t *item, size_t i, void *rec, sgg__json_ids *ids, sgg_error *err)
{
	route_rec *r = rec;
	char path[64];
	int rc;

	(void)ids;
	*r = (route_rec){ 0 };
	sgg__json_path(path, sizeof(path), err, "routes[%zu]", i);
	if ((rc = sgg__json_expect_object(item, path, err)) < 0 ||
	    (rc = sgg__json_get_int(item, path, "id", true, &r->id, NULL, err)) < 0 ||
	    (rc = sgg__json_get_string(item, path, "name", false, &r->name, err)) < 0 ||
	    (rc = sgg__json_get_int(item, path, "target", true, &r->target, NULL, err)) < 0)
		return rc;
	return 0;
}

static int apply_route(void *ctx, const void *rec, const int64_t *ids, sgg_error *err)
{
	const route_rec *r = rec;

	(void)ids;
	return sgg_config_add_route(ctx, r->id, r->name, r->target, err);
}

static const sgg__json_walker peripherals = { sizeof(peripheral_rec), decode_peripheral,
	                                       apply_peripheral };
static const sgg__json_walker groups = { sizeof(sgg_skill_group), decode_group, apply_group };
static const sgg__json_walker agents = { sizeof(agent_rec), decode_agent, apply_agent };
static const sgg__json_walker routes = { sizeof(route_rec), decode_route, apply_route };

/* The lists a split export keeps as text, walked one batch at a time. */
static const char *const config_lists[] = { "peripherals", "skill_groups", "agents", "routes",
	                                    NULL };

/* The model of a native document, whole or split. */
static int load_model(sgg_config **out, const sgg__json_doc *doc, unsigned flags,
                      sgg_error *err)
{
	sgg_config *cfg = NULL;
	sgg_time exported = SGG_TIME_NONE;
	int rc;

	if ((rc = sgg__json_check_format(doc->root, CONFIG_FORMAT, err)) < 0 ||
	    (rc = sgg_config_new(&cfg, err)) < 0 ||
	    (rc = sgg__json_get_time(doc->root, "", "exported_at", false, &exported, err)) < 0 ||
	    (rc = sgg_config_set_exported_at(cfg, exported, err)) < 0 ||
	    (rc = sgg__json_doc_each(doc, "peripherals", false, &peripherals, cfg, err)) < 0 ||
	    (rc = sgg__json_doc_each(doc, "skill_groups", true, &groups, cfg, err)) < 0 ||
	    (rc = sgg__json_doc_each(doc, "agents", true, &agents, cfg, err)) < 0 ||
	    (rc = sgg__json_doc_each(doc, "routes", false, &routes, cfg, err)) < 0 ||
	    (rc = sgg_config_seal(cfg, flags, err)) < 0)
		goto out;
	*out = cfg;
	cfg = NULL; /* now owned by the caller */
out:
	sgg_config_free(cfg);
	return rc;
}

typedef struct split_load {
	sgg_config **out;
	unsigned flags;
} split_load;

static int load_split(void *ctx, const sgg__json_doc *doc)
{
	split_load *job = ctx;

	return load_model(job->out, doc, job->flags, NULL);
}

int sgg__config_load_native(sgg_config **out, const char *data, size_t size, const char *source,
                            unsigned flags, bool detect, sgg_error *err)
{
	split_load job = { out, flags };
	sgg__json_doc doc;
	json_t *root = NULL;
	int rc;

	if ((rc = sgg__json_doc_load_split(data, size, config_lists, flags & SGG_CONFIG_PARALLEL,
	                                   load_split, &job, source, err)) <= 0)
		return rc;
	rc = sgg__json_parse(&root, data, size, source, err);
	/* other formats (detected from the document) load themselves */
	if (detect)
		rc = sgg__config_load_other(out, root, rc, data, size, source, flags, err);
	else if (rc == 0)
		rc = 1;
	if (rc == 1) {
		sgg__json_doc_wrap(&doc, root);
		rc = load_model(out, &doc, flags, err);
		sgg__json_doc_clear(&doc);
	}
	if (rc < 0)
		sgg__error_set_source(err, source);
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
	return sgg__config_load_native(out, data ? data : "", size, source ? source : "<buffer>",
	                               flags, true, err);
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
		rc = sgg__config_load_native(out, data, len, sgg__source_name(path), flags, true, err);
	sgg__free_ptr(data);
	return rc;
}
