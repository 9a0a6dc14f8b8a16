/*
 * sessions_json.c - the sgguard-sessions/1 input adapter: JSON to model.
 * SPDX-License-Identifier: MIT
 */
#include "sources.h"

#include <stdio.h>
#include <string.h>

#define SESSIONS_FORMAT "sgguard-sessions/1"

static int load_scope(sgg_sessions *snap, json_t *root, sgg_error *err)
{
	json_t *list = NULL, *item;
	size_t i;
	int rc = sgg__json_get_array(root, "", "peripherals", true, &list, err);

	if (rc < 0)
		return rc;
	json_array_foreach(list, i, item) {
		char path[64];
		json_int_t id;

		snprintf(path, sizeof(path), "peripherals[%zu]", i);
		if (!json_is_integer(item))
			return sgg__error_set(err, SGG_ESHAPE, NULL, path,
			                      "must be a peripheral id (an integer), not %s",
			                      sgg__json_type_name(item));
		id = json_integer_value(item);
		if (id < 1 || id > SGG_PERIPHERAL_MAX)
			return sgg__error_set(err, SGG_ESHAPE, NULL, path, "%lld is out of range (1..%d)",
			                      (long long)id, SGG_PERIPHERAL_MAX);
		if ((rc = sgg_sessions_add_peripheral(snap, (int)id, err)) < 0)
			return rc;
	}
	return 0;
}

static int load_sessions(sgg_sessions *snap, json_t *root, sgg_error *err)
{
	json_t *list = NULL, *item;
	int64_t *ids = NULL;
	size_t i, cap = 0, n = 0;
	int rc = sgg__json_get_array(root, "", "sessions", true, &list, err);

	if (rc < 0)
		return rc;
	json_array_foreach(list, i, item) {
		char path[64], gpath[80];
		const char *state = NULL;
		json_t *groups = NULL;
		sgg_session s = { 0 };

		s.login_at = SGG_TIME_NONE;
		snprintf(path, sizeof(path), "sessions[%zu]", i);
		if ((rc = sgg__json_expect_object(item, path, err)) < 0 ||
		    (rc = sgg__json_get_int(item, path, "agent", true, &s.agent, NULL, err)) < 0 ||
		    (rc = sgg__json_get_string(item, path, "number", false, &s.number, err)) < 0 ||
		    (rc = sgg__json_get_string(item, path, "state", true, &state, err)) < 0 ||
		    (rc = sgg__json_get_time(item, path, "login_at", false, &s.login_at, err)) < 0 ||
		    (rc = sgg__json_get_array(item, path, "skill_groups", true, &groups, err)) < 0)
			goto out;
		if (sgg_state_parse(&s.state, state) < 0) {
			snprintf(gpath, sizeof(gpath), "%s.state", path);
			rc = sgg__error_set(err, SGG_ESHAPE, NULL, gpath,
			                    "unknown state \"%.40s\" (expected logged_out, logged_on, "
			                    "not_ready, ready, talking, work_not_ready, work_ready, "
			                    "busy_other, reserved, unknown, hold, active, paused, "
			                    "interrupted or not_active)",
			                    state);
			goto out;
		}
		snprintf(gpath, sizeof(gpath), "%s.skill_groups", path);
		if ((rc = sgg__json_get_ids(groups, gpath, &ids, &cap, &n, err)) < 0)
			goto out;
		s.skill_groups = ids;
		s.n_skill_groups = n;
		if ((rc = sgg_sessions_add(snap, &s, err)) < 0)
			goto out;
	}
	rc = 0;
out:
	sgg__free_ptr(ids);
	return rc;
}

static int load_document(sgg_sessions **out, const char *data, size_t size, const char *source,
                         sgg_error *err)
{
	json_t *root = NULL;
	sgg_sessions *snap = NULL;
	sgg_time taken = SGG_TIME_NONE;
	int rc;

	rc = sgg__json_parse(&root, data, size, source, err);
	/* other formats (detected from the document) load themselves */
	if ((rc = sgg__sessions_load_other(out, root, rc, data, size, source, err)) != 1)
		goto out;
	if ((rc = sgg__json_check_format(root, SESSIONS_FORMAT, err)) < 0 ||
	    (rc = sgg__json_get_time(root, "", "taken_at", true, &taken, err)) < 0 ||
	    (rc = sgg_sessions_new(&snap, taken, err)) < 0 || (rc = load_scope(snap, root, err)) < 0 ||
	    (rc = load_sessions(snap, root, err)) < 0 || (rc = sgg_sessions_seal(snap, err)) < 0)
		goto out;
	*out = snap;
	snap = NULL; /* now owned by the caller */
out:
	if (rc < 0)
		sgg__error_set_source(err, source);
	sgg_sessions_free(snap);
	json_decref(root);
	return rc;
}

int sgg_sessions_load_buffer(sgg_sessions **out, const char *data, size_t size,
                             const char *source, sgg_error *err)
{
	if (out)
		*out = NULL;
	if (!out || (!data && size > 0))
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL, "NULL argument");
	return load_document(out, data ? data : "", size, source ? source : "<buffer>", err);
}

int sgg_sessions_load_file(sgg_sessions **out, const char *path, sgg_error *err)
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
		rc = load_document(out, data, len, sgg__source_name(path), err);
	sgg__free_ptr(data);
	return rc;
}
