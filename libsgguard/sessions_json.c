/*
 * sessions_json.c - the sgguard-sessions/1 input adapter: JSON to model.
 * SPDX-License-Identifier: MIT
 */
#include "sources.h"

#include <stdio.h>
#include <string.h>

#define SESSIONS_FORMAT "sgguard-sessions/1"

static int decode_scope(json_t *item, size_t i, void *rec, sgg__json_ids *ids, sgg_error *err)
{
	char path[64];
	json_int_t id;

	(void)ids;
	sgg__json_path(path, sizeof(path), err, "peripherals[%zu]", i);
	if (!json_is_integer(item))
		return sgg__error_set(err, SGG_ESHAPE, NULL, path,
		                      "must be a peripheral id (an integer), not %s",
		                      sgg__json_type_name(item));
	id = json_integer_value(item);
	if (id < 1 || id > SGG_PERIPHERAL_MAX)
		return sgg__error_set(err, SGG_ESHAPE, NULL, path, "%lld is out of range (1..%d)",
		                      (long long)id, SGG_PERIPHERAL_MAX);
	*(int *)rec = (int)id;
	return 0;
}

static int apply_scope(void *ctx, const void *rec, const int64_t *ids, sgg_error *err)
{
	(void)ids;
	return sgg_sessions_add_peripheral(ctx, *(const int *)rec, err);
}

typedef struct session_rec {
	sgg_session session;
	size_t first; /* its skill groups in the walk's ids */
} session_rec;

static int decode_session(json_t *item, size_t i, void *rec, sgg__json_ids *ids, sgg_error *err)
{
	session_rec *r = rec;
	sgg_session *s = &r->session;
	char path[64], gpath[80];
	const char *state = NULL;
	json_t *groups = NULL;
	int rc;

	*r = (session_rec){ .first = ids->n };
	s->login_at = SGG_TIME_NONE;
	sgg__json_path(path, sizeof(path), err, "sessions[%zu]", i);
	if ((rc = sgg__json_expect_object(item, path, err)) < 0 ||
	    (rc = sgg__json_get_int(item, path, "agent", true, &s->agent, NULL, err)) < 0 ||
	    (rc = sgg__json_get_string(item, path, "number", false, &s->number, err)) < 0 ||
	    (rc = sgg__json_get_string(item, path, "state", true, &state, err)) < 0 ||
	    (rc = sgg__json_get_time(item, path, "login_at", false, &s->login_at, err)) < 0 ||
	    (rc = sgg__json_get_array(item, path, "skill_groups", true, &groups, err)) < 0)
		return rc;
	if (sgg_state_parse(&s->state, state) < 0) {
		snprintf(gpath, sizeof(gpath), "%s.state", path);
		return sgg__error_set(err, SGG_ESHAPE, NULL, gpath,
		                      "unknown state \"%.40s\" (expected logged_out, logged_on, "
		                      "not_ready, ready, talking, work_not_ready, work_ready, "
		                      "busy_other, reserved, unknown, hold, active, paused, "
		                      "interrupted or not_active)",
		                      state);
	}
	sgg__json_path(gpath, sizeof(gpath), err, "%s.skill_groups", path);
	if ((rc = sgg__json_append_ids(groups, gpath, ids, err)) < 0)
		return rc;
	s->n_skill_groups = ids->n - r->first;
	return 0;
}

static int apply_session(void *ctx, const void *rec, const int64_t *ids, sgg_error *err)
{
	sgg_session s = ((const session_rec *)rec)->session;

	s.skill_groups = ids + ((const session_rec *)rec)->first;
	return sgg_sessions_add(ctx, &s, err);
}

static const sgg__json_walker scope = { sizeof(int), decode_scope, apply_scope };
static const sgg__json_walker sessions = { sizeof(session_rec), decode_session, apply_session };

/* The lists a split snapshot keeps as text, walked one batch at a time. */
static const char *const sessions_lists[] = { "peripherals", "sessions", NULL };

/* The model of a native document, whole or split. */
static int load_model(sgg_sessions **out, const sgg__json_doc *doc, sgg_error *err)
{
	sgg_sessions *snap = NULL;
	sgg_time taken = SGG_TIME_NONE;
	int rc;

	if ((rc = sgg__json_check_format(doc->root, SESSIONS_FORMAT, err)) < 0 ||
	    (rc = sgg__json_get_time(doc->root, "", "taken_at", true, &taken, err)) < 0 ||
	    (rc = sgg_sessions_new(&snap, taken, err)) < 0 ||
	    (rc = sgg__json_doc_each(doc, "peripherals", true, &scope, snap, err)) < 0 ||
	    (rc = sgg__json_doc_each(doc, "sessions", true, &sessions, snap, err)) < 0 ||
	    (rc = sgg_sessions_seal(snap, err)) < 0)
		goto out;
	*out = snap;
	snap = NULL; /* now owned by the caller */
out:
	sgg_sessions_free(snap);
	return rc;
}

static int load_split(void *ctx, const sgg__json_doc *doc)
{
	return load_model(ctx, doc, NULL);
}

int sgg__sessions_load_native(sgg_sessions **out, const char *data, size_t size, const char *source,
                              bool detect, sgg_error *err)
{
	sgg__json_doc doc;
	json_t *root = NULL;
	int rc;

	if ((rc = sgg__json_doc_load_split(data, size, sessions_lists, false, load_split, out,
	                                   source, err)) <= 0)
		return rc;
	rc = sgg__json_parse(&root, data, size, source, err);
	/* other formats (detected from the document) load themselves */
	if (detect)
		rc = sgg__sessions_load_other(out, root, rc, data, size, source, err);
	else if (rc == 0)
		rc = 1;
	if (rc == 1) {
		sgg__json_doc_wrap(&doc, root);
		rc = load_model(out, &doc, err);
		sgg__json_doc_clear(&doc);
	}
	if (rc < 0)
		sgg__error_set_source(err, source);
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
	return sgg__sessions_load_native(out, data ? data : "", size,
	                                 source ? source : "<buffer>", true, err);
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
		rc = sgg__sessions_load_native(out, data, len, sgg__source_name(path), true, err);
	sgg__free_ptr(data);
	return rc;
}
