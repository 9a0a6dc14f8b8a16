/*
 * detect.c - which format a document is written in, the loaders that force
 * one, and the bookkeeping that lets adapters report errors with the
 * source document's own paths.
 * SPDX-License-Identifier: MIT
 */
#include "sources.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const format_names[] = {"auto", "sgguard", "ucce-aw-rows", "cce-config-api"};

int sgg_source_format_parse(sgg_source_format *out, const char *name)
{
	if (!out || !name)
		return SGG_EINVAL;
	for (size_t i = 0; i < SGG_ARRAY_SIZE(format_names); i++)
		if (strcmp(name, format_names[i]) == 0) {
			*out = (sgg_source_format)i;
			return 0;
		}
	return SGG_EFORMAT;
}

const char *sgg_source_format_name(sgg_source_format format)
{
	if ((int)format < 0 || (size_t)format >= SGG_ARRAY_SIZE(format_names))
		return NULL;
	return format_names[format];
}

/* ---- detection ---- */

/* The UCCE tables the ucce-aw-rows adapter reads (a "t_" prefix is accepted too). */
static const char *const aw_tables[] = {
    "Skill_Group",
    "Skill_Group_Member",
    "Agent",
    "Person",
    "Peripheral",
    "Agent_Team",
    "Agent_Team_Member",
    "Agent_Real_Time",
    "Agent_Skill_Group_Real_Time",
    "Route",
};

static bool is_aw_table(const char *key)
{
	if (strncmp(key, "t_", 2) == 0)
		key += 2;
	for (size_t i = 0; i < SGG_ARRAY_SIZE(aw_tables); i++)
		if (strcmp(key, aw_tables[i]) == 0)
			return true;
	return false;
}

/* A configuration API list or item: skillGroup / agent lists, or an object with a refURL. */
static bool is_api_value(json_t *v)
{
	json_t *w;

	if (!json_is_object(v))
		return false;
	if (json_is_string(json_object_get(v, "refURL")))
		return true;
	if (json_object_get(v, "skillGroup") || json_object_get(v, "agent"))
		return true;
	/* the list wrappers: {"skillGroups": {"skillGroup": [...]}} */
	w = json_object_get(v, "skillGroups");
	if (json_is_object(w) && json_object_get(w, "skillGroup"))
		return true;
	w = json_object_get(v, "agents");
	return json_is_object(w) && json_object_get(w, "agent");
}

sgg_source_format sgg__source_detect(json_t *root)
{
	const char *key;
	json_t *v;
	size_t i;

	if (json_is_object(root)) {
		if (json_object_get(root, "format"))
			return SGG_SOURCE_NATIVE;
		json_object_foreach(root, key, v) {
			if (is_aw_table(key))
				return SGG_SOURCE_AW_ROWS;
		}
		return is_api_value(root) ? SGG_SOURCE_CCE_API : SGG_SOURCE_NATIVE;
	}
	json_array_foreach(root, i, v) {
		if (is_api_value(v))
			return SGG_SOURCE_CCE_API;
	}
	return SGG_SOURCE_NATIVE;
}

/* ---- configuration API pages: one value, an array of pages, or values one after another ---- */

/* Line and column of byte @p pos, 1-based. */
static void locate(const char *data, size_t pos, int *line, int *column)
{
	int l = 1, c = 1;

	for (size_t i = 0; i < pos; i++) {
		if (data[i] == '\n') {
			l++;
			c = 1;
		} else if (((unsigned char)data[i] & 0xC0) != 0x80) {
			c++; /* characters, not bytes: a UTF-8 continuation byte is no column */
		}
	}
	*line = l;
	*column = c;
}

/* Pages for a document already parsed as one value. */
static json_t *pages_of(json_t *root)
{
	json_t *pages;

	if (json_is_array(root))
		return json_incref(root);
	pages = json_array();
	if (pages && json_array_append(pages, root) < 0) {
		json_decref(pages);
		return NULL;
	}
	return pages;
}

/*
 * Parse the first value of @p data: 0, SGG_ESYNTAX (*jerr says where) or
 * SGG_ENOMEM. jansson reports some allocation failures as syntax errors, or
 * with no text at all; a real syntax error fails again at the same place.
 */
static int load_value(json_t **out, const char *data, size_t len, json_error_t *jerr)
{
	return sgg__json_loadb(out, data, len, JSON_DISABLE_EOF_CHECK, jerr);
}

/*
 * Parse every top-level value of @p data into a new array of pages. A
 * single top-level array is taken as the list of pages itself.
 */
static int parse_pages(json_t **out, const char *data, size_t len, const char *source,
                       sgg_error *err)
{
	json_t *pages = NULL, *v;
	json_error_t jerr;
	size_t pos = 0;
	int rc;

	*out = NULL;
	if (len >= 3 && (unsigned char)data[0] == 0xEF && (unsigned char)data[1] == 0xBB &&
	    (unsigned char)data[2] == 0xBF)
		pos = 3;
	pos = sgg__json_skip_space(data, pos, len);
	if (pos == len || memchr(data, '\0', len) ||
	    (len >= 2 && (((unsigned char)data[0] == 0xFF && (unsigned char)data[1] == 0xFE) ||
	                  ((unsigned char)data[0] == 0xFE && (unsigned char)data[1] == 0xFF)))) {
		/* empty, UTF-16 or holding a NUL: the one-document parser says why */
		json_t *root = NULL;

		if ((rc = sgg__json_parse(&root, data, len, source, err)) < 0)
			return rc;
		*out = pages_of(root);
		json_decref(root);
		return *out ? 0 : sgg__error_oom(err);
	}
	if (!(pages = json_array()))
		return sgg__error_oom(err);
	while (pos < len) {
		if ((rc = load_value(&v, data + pos, len - pos, &jerr)) < 0) {
			if (rc == SGG_ENOMEM) {
				rc = sgg__error_oom(err);
				goto fail;
			}
			sgg__error_set(err, rc, source, NULL, "%s", jerr.text);
			if (err) {
				size_t at = pos + (jerr.position > 0 ? (size_t)jerr.position : 0);

				locate(data, at < len ? at : len, &err->line, &err->column);
				err->position = (long)at;
			}
			goto fail;
		}
		if (json_array_append_new(pages, v) < 0) {
			rc = sgg__error_oom(err);
			goto fail;
		}
		pos = sgg__json_skip_space(data, pos + (size_t)jerr.position, len);
	}
	if (json_array_size(pages) == 1 && json_is_array(json_array_get(pages, 0))) {
		json_t *inner = json_incref(json_array_get(pages, 0));

		json_decref(pages);
		pages = inner;
	}
	*out = pages;
	return 0;
fail:
	json_decref(pages);
	return rc;
}

/*
 * After a failed parse: 1 when the text starts with a configuration API
 * value (several pages one after another), 0 when it does not, SGG_ENOMEM.
 */
static int starts_with_api_page(const char *data, size_t len)
{
	json_error_t jerr;
	size_t pos = 0;
	json_t *v = NULL;
	int rc;

	if (len >= 3 && (unsigned char)data[0] == 0xEF && (unsigned char)data[1] == 0xBB &&
	    (unsigned char)data[2] == 0xBF)
		pos = 3;
	if ((rc = load_value(&v, data + pos, len - pos, &jerr)) < 0)
		return rc == SGG_ENOMEM ? rc : 0;
	rc = sgg__source_detect(v) == SGG_SOURCE_CCE_API;
	json_decref(v);
	return rc;
}

static int load_api_config(sgg_config **out, json_t *root, const char *data, size_t size,
                           const char *source, unsigned flags, sgg_error *err)
{
	json_t *pages = NULL;
	int rc;

	if (root) {
		if (!(pages = pages_of(root)))
			return sgg__error_oom(err);
	} else if ((rc = parse_pages(&pages, data, size, source, err)) < 0) {
		return rc;
	}
	rc = sgg__cce_config(out, pages, flags, err);
	json_decref(pages);
	return rc;
}

static int no_snapshot(sgg_error *err)
{
	return sgg__error_set(err, SGG_EFORMAT, NULL, NULL,
	                      "a configuration API document (cce-config-api) holds no session "
	                      "snapshot; take the snapshot from the AW real-time tables "
	                      "(ucce-aw-rows) or write sgguard-sessions/1");
}

int sgg__config_load_other(sgg_config **out, json_t *root, int parse_rc, const char *data,
                           size_t size, const char *source, unsigned flags, sgg_error *err)
{
	if (parse_rc < 0) {
		/* several pages one after another are not one JSON value (a NUL byte
		 * would end the text early for jansson: that error stands) */
		int api = parse_rc == SGG_ESYNTAX && !memchr(data, '\0', size)
		                  ? starts_with_api_page(data, size)
		                  : 0;

		if (api < 0)
			return sgg__error_oom(err);
		if (!api)
			return parse_rc;
		return load_api_config(out, NULL, data, size, source, flags, err);
	}
	switch (sgg__source_detect(root)) {
	case SGG_SOURCE_AW_ROWS: return sgg__aw_config(out, root, flags, err);
	case SGG_SOURCE_CCE_API: return load_api_config(out, root, data, size, source, flags, err);
	default: return 1;
	}
}

int sgg__sessions_load_other(sgg_sessions **out, json_t *root, int parse_rc, const char *data,
                             size_t size, const char *source, sgg_error *err)
{
	if (parse_rc < 0) {
		int api = parse_rc == SGG_ESYNTAX && !memchr(data, '\0', size)
		                  ? starts_with_api_page(data, size)
		                  : 0;

		if (api < 0)
			return sgg__error_oom(err);
		return api ? no_snapshot(err) : parse_rc;
	}
	switch (sgg__source_detect(root)) {
	case SGG_SOURCE_AW_ROWS: return sgg__aw_sessions(out, root, err);
	case SGG_SOURCE_CCE_API: return no_snapshot(err);
	default: return 1;
	}
}

/* ---- loaders that force a format ---- */

static int bad_format(sgg_source_format format, sgg_error *err)
{
	return sgg__error_set(err, SGG_EINVAL, NULL, NULL, "unknown source format %d", (int)format);
}

int sgg_config_load_buffer_as(sgg_config **out, const char *data, size_t size, const char *source,
                              sgg_source_format format, unsigned flags, sgg_error *err)
{
	json_t *root = NULL;
	int rc;

	if (out)
		*out = NULL;
	if (!out || (!data && size > 0))
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL, "NULL argument");
	if (format == SGG_SOURCE_AUTO)
		return sgg_config_load_buffer(out, data, size, source, flags, err);
	if ((int)format < 0 || format > SGG_SOURCE_CCE_API)
		return bad_format(format, err);
	data = data ? data : "";
	source = source ? source : "<buffer>";
	if (format == SGG_SOURCE_CCE_API) {
		rc = load_api_config(out, NULL, data, size, source, flags, err);
		goto out;
	}
	if (format == SGG_SOURCE_NATIVE)
		return sgg__config_load_native(out, data, size, source, flags, false, err);
	if ((rc = sgg__json_parse(&root, data, size, source, err)) < 0)
		goto out;
	rc = sgg__aw_config(out, root, flags, err);
out:
	if (rc < 0)
		sgg__error_set_source(err, source);
	json_decref(root);
	return rc;
}

int sgg_config_load_file_as(sgg_config **out, const char *path, sgg_source_format format,
                            unsigned flags, sgg_error *err)
{
	char *data = NULL;
	size_t len = 0;
	int rc;

	if (out)
		*out = NULL;
	if (!out || !path)
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL, "NULL argument");
	if ((int)format < 0 || format > SGG_SOURCE_CCE_API)
		return bad_format(format, err);
	rc = sgg__read_file(&data, &len, path, err);
	if (rc == 0)
		rc = sgg_config_load_buffer_as(out, data, len, sgg__source_name(path), format,
		                               flags, err);
	sgg__free_ptr(data);
	return rc;
}

int sgg_sessions_load_buffer_as(sgg_sessions **out, const char *data, size_t size,
                                const char *source, sgg_source_format format, sgg_error *err)
{
	json_t *root = NULL;
	int rc;

	if (out)
		*out = NULL;
	if (!out || (!data && size > 0))
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL, "NULL argument");
	if (format == SGG_SOURCE_AUTO)
		return sgg_sessions_load_buffer(out, data, size, source, err);
	if ((int)format < 0 || format > SGG_SOURCE_CCE_API)
		return bad_format(format, err);
	data = data ? data : "";
	source = source ? source : "<buffer>";
	if (format == SGG_SOURCE_CCE_API) {
		rc = no_snapshot(err);
		goto out;
	}
	if (format == SGG_SOURCE_NATIVE)
		return sgg__sessions_load_native(out, data, size, source, false, err);
	if ((rc = sgg__json_parse(&root, data, size, source, err)) < 0)
		goto out;
	rc = sgg__aw_sessions(out, root, err);
out:
	if (rc < 0)
		sgg__error_set_source(err, source);
	json_decref(root);
	return rc;
}

int sgg_sessions_load_file_as(sgg_sessions **out, const char *path, sgg_source_format format,
                              sgg_error *err)
{
	char *data = NULL;
	size_t len = 0;
	int rc;

	if (out)
		*out = NULL;
	if (!out || !path)
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL, "NULL argument");
	if ((int)format < 0 || format > SGG_SOURCE_CCE_API)
		return bad_format(format, err);
	rc = sgg__read_file(&data, &len, path, err);
	if (rc == 0)
		rc = sgg_sessions_load_buffer_as(out, data, len, sgg__source_name(path), format,
		                                 err);
	sgg__free_ptr(data);
	return rc;
}

/* ---- refURL ---- */

int64_t sgg__refurl_id(const char *url)
{
	size_t end = strlen(url), start;
	int64_t id = 0;

	while (end > 0 && url[end - 1] == '/')
		end--;
	start = end;
	while (start > 0 && url[start - 1] >= '0' && url[start - 1] <= '9')
		start--;
	if (start == end || end - start > 10 || (start > 0 && url[start - 1] != '/'))
		return 0;
	for (size_t i = start; i < end; i++)
		id = id * 10 + (url[i] - '0');
	return id <= SGG_ID_MAX ? id : 0;
}

/* ---- origins: source paths for the errors of the builder and the seal ---- */

void sgg__origin_init(sgg__origin *o, const char *const *group_fields,
                      const char *const *agent_fields, const char *const *route_fields,
                      const char *const *peripheral_fields)
{
	memset(o, 0, sizeof(*o));
	sgg__arena_init(&o->strings);
	o->groups.native = "skill_groups";
	o->groups.fields = group_fields;
	o->agents.native = "agents";
	o->agents.fields = agent_fields;
	o->routes.native = "routes";
	o->routes.fields = route_fields;
	o->peripherals.native = "peripherals";
	o->peripherals.fields = peripheral_fields;
}

void sgg__origin_clear(sgg__origin *o)
{
	sgg__arena_clear(&o->strings);
	sgg__free_ptr(o->groups.paths);
	sgg__free_ptr(o->agents.paths);
	sgg__free_ptr(o->routes.paths);
	sgg__free_ptr(o->peripherals.paths);
	sgg__free_ptr(o->member_paths);
	sgg__free_ptr(o->member_off);
	memset(o, 0, sizeof(*o));
}

#if defined(__GNUC__)
__attribute__((format(printf, 2, 0)))
#endif
static const char *
vformat(sgg__origin *o, const char *fmt, va_list ap)
{
	char buf[SGG_ERROR_PATH_LENGTH];

	vsnprintf(buf, sizeof(buf), fmt, ap);
	return sgg__arena_strdup(&o->strings, buf);
}

int sgg__origin_push(sgg__origin *o, sgg__origin_list *list, const char *fmt, ...)
{
	const char *p;
	va_list ap;

	va_start(ap, fmt);
	p = vformat(o, fmt, ap);
	va_end(ap);
	if (!p ||
	    sgg__grow((void **)&list->paths, &list->cap, list->n + 1, sizeof(*list->paths)) < 0)
		return SGG_ENOMEM;
	list->paths[list->n++] = p;
	return 0;
}

int sgg__origin_push_member(sgg__origin *o, const char *fmt, ...)
{
	const char *p;
	va_list ap;

	va_start(ap, fmt);
	p = vformat(o, fmt, ap);
	va_end(ap);
	if (!p || sgg__grow((void **)&o->member_paths, &o->cap_members, o->n_members + 1,
	                    sizeof(*o->member_paths)) < 0)
		return SGG_ENOMEM;
	o->member_paths[o->n_members++] = p;
	return 0;
}

int sgg__origin_end_agent(sgg__origin *o)
{
	size_t n = o->agents.n; /* agents recorded so far, this one included */

	if (sgg__grow((void **)&o->member_off, &o->cap_member_off, n + 1, sizeof(*o->member_off)) <
	    0)
		return SGG_ENOMEM;
	if (n == 1)
		o->member_off[0] = 0;
	o->member_off[n] = o->n_members;
	return 0;
}

/* Parse "name[N]" at @p s; the length consumed, or 0. */
static size_t match_row(const char *s, const char *name, size_t *index)
{
	size_t n = strlen(name), i;
	char *end;
	unsigned long long v;

	if (strncmp(s, name, n) != 0 || s[n] != '[' || s[n + 1] < '0' || s[n + 1] > '9')
		return 0;
	v = strtoull(s + n + 1, &end, 10);
	if (*end != ']')
		return 0;
	i = (size_t)(end - s) + 1;
	*index = (size_t)v;
	return i;
}

static const sgg__origin_list *list_at(const sgg__origin *o, const char *s, size_t *index,
                                       size_t *used)
{
	const sgg__origin_list *lists[] = {&o->groups, &o->agents, &o->routes, &o->peripherals};

	for (size_t k = 0; k < SGG_ARRAY_SIZE(lists); k++) {
		size_t n = match_row(s, lists[k]->native, index);

		if (n && *index < lists[k]->n) {
			*used = n;
			return lists[k];
		}
	}
	return NULL;
}

static const char *map_field(const sgg__origin_list *list, const char *field)
{
	for (size_t i = 0; list->fields && list->fields[i]; i += 2)
		if (strcmp(list->fields[i], field) == 0)
			return list->fields[i + 1];
	return field;
}

/* The source path of a native path, into @p buf; false when it is not one of ours. */
static bool translate_path(const sgg__origin *o, const char *path, char *buf, size_t size)
{
	const sgg__origin_list *list;
	size_t index, used, k;

	if (!(list = list_at(o, path, &index, &used)))
		return false;
	path += used;
	if (list == &o->agents && match_row(path, ".skill_groups", &k) && o->member_off &&
	    index + 1 <= o->agents.n && o->member_off[index] + k < o->member_off[index + 1]) {
		snprintf(buf, size, "%s", o->member_paths[o->member_off[index] + k]);
		return true;
	}
	if (path[0] == '.')
		snprintf(buf, size, "%s.%s", list->paths[index], map_field(list, path + 1));
	else
		snprintf(buf, size, "%s%s", list->paths[index], path);
	return true;
}

void sgg__origin_translate(const sgg__origin *o, sgg_error *err)
{
	char buf[SGG_ERROR_TEXT_LENGTH];
	size_t n = 0;

	if (!err)
		return;
	if (err->path[0] && translate_path(o, err->path, buf, sizeof(err->path)))
		memcpy(err->path, buf, sizeof(err->path));
	/* messages name other rows too: "id 5019 is already used by skill_groups[0] ..." */
	for (const char *s = err->text; *s && n + 1 < sizeof(buf);) {
		const sgg__origin_list *list;
		size_t index, used;

		if ((s == err->text || s[-1] == ' ') && (list = list_at(o, s, &index, &used))) {
			n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s", list->paths[index]);
			if (n >= sizeof(buf))
				n = sizeof(buf) - 1;
			s += used;
			continue;
		}
		buf[n++] = *s++;
	}
	buf[n] = '\0';
	memcpy(err->text, buf, sizeof(err->text));
}
