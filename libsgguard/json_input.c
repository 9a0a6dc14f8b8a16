/*
 * json_input.c - reading files and typed JSON fields with precise error
 * locations, shared by the input adapters.
 * SPDX-License-Identifier: MIT
 */
#include "json_input.h"

#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

size_t sgg__json_skip_space(const char *s, size_t i, size_t len)
{
	while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r'))
		i++;
	return i;
}

const char *sgg__source_name(const char *path)
{
	return strcmp(path, "-") == 0 ? "<stdin>" : path;
}

static int read_fd(int fd, char **data, size_t *len)
{
	char *buf = NULL;
	size_t cap = 0, n = 0;

	for (;;) {
		ssize_t got;

		if (n + 1 >= cap && sgg__grow((void **)&buf, &cap, cap ? cap * 2 : 65536, 1) < 0) {
			sgg__free_ptr(buf);
			return SGG_ENOMEM;
		}
		got = read(fd, buf + n, cap - n - 1);
		if (got < 0) {
			if (errno == EINTR)
				continue;
			sgg__free_ptr(buf);
			return SGG_EIO;
		}
		if (got == 0)
			break;
		n += (size_t)got;
	}
	buf[n] = '\0';
	*data = buf;
	*len = n;
	return 0;
}

int sgg__read_file(char **data, size_t *len, const char *path, sgg_error *err)
{
	const char *source = sgg__source_name(path);
	struct stat st;
	int fd, rc, saved;

	*data = NULL;
	*len = 0;
	if (strcmp(path, "-") == 0) {
		rc = read_fd(STDIN_FILENO, data, len);
		if (rc == SGG_ENOMEM)
			return sgg__error_oom(err);
		if (rc < 0)
			return sgg__error_set(err, SGG_EIO, source, NULL, "cannot read: %s",
			                      strerror(errno));
		return 0;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return sgg__error_set(err, SGG_EIO, source, NULL, "cannot open: %s", strerror(errno));
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		return sgg__error_set(err, SGG_EIO, source, NULL, "is a directory, not a file");
	}
	rc = read_fd(fd, data, len);
	saved = errno;
	close(fd);
	if (rc == SGG_ENOMEM)
		return sgg__error_oom(err);
	if (rc < 0)
		return sgg__error_set(err, SGG_EIO, source, NULL, "cannot read: %s", strerror(saved));
	return 0;
}

int sgg__json_loadb(json_t **out, const char *data, size_t len, size_t flags,
                    json_error_t *jerr)
{
	json_error_t again;
	json_t *retry;

	flags |= JSON_REJECT_DUPLICATES;
	/* jansson leaves the error untouched on some early failures: start from zeros */
	memset(jerr, 0, sizeof(*jerr));
	if ((*out = json_loadb(data, len, flags, jerr)))
		return 0;
	/* jansson reports some allocation failures with no error text at all */
	if (jerr->text[0] == '\0' || json_error_code(jerr) == json_error_out_of_memory)
		return SGG_ENOMEM;
	/* and others as a syntax error at the token it could not store: a real
	 * syntax error fails again at the same place, a lack of memory does not */
	memset(&again, 0, sizeof(again));
	retry = json_loadb(data, len, flags, &again);
	if (retry || again.position != jerr->position || strcmp(again.text, jerr->text) != 0) {
		json_decref(retry);
		return SGG_ENOMEM;
	}
	switch (json_error_code(jerr)) {
	case json_error_duplicate_key:
	case json_error_null_character:
	case json_error_null_byte_in_key:
		/* well-formed JSON that no document of ours can be: a shape error */
		return SGG_ESHAPE;
	default:
		return SGG_ESYNTAX;
	}
}

int sgg__json_parse(json_t **out, const char *data, size_t len, const char *source,
                    sgg_error *err)
{
	json_error_t jerr;
	json_t *root = NULL;
	size_t skip = 0;
	int rc, code;

	*out = NULL;
	if (len >= 3 && (unsigned char)data[0] == 0xEF && (unsigned char)data[1] == 0xBB &&
	    (unsigned char)data[2] == 0xBF)
		skip = 3; /* Windows tools write one; it carries no meaning in JSON */
	else if (len >= 2 && (((unsigned char)data[0] == 0xFF && (unsigned char)data[1] == 0xFE) ||
	                      ((unsigned char)data[0] == 0xFE && (unsigned char)data[1] == 0xFF)))
		return sgg__error_set(err, SGG_ESYNTAX, source, NULL,
		                      "the file is UTF-16; save it as UTF-8");
	{
		size_t i = sgg__json_skip_space(data, skip, len);

		if (i == len)
			return sgg__error_set(err, SGG_ESYNTAX, source, NULL,
			                      len == 0 ? "the file is empty" : "the file holds only white space");
	}
	{
		/* jansson stops reading at a NUL byte as if the text ended there */
		const char *nul = memchr(data, '\0', len);

		if (nul) {
			int line = 1, column = 1;

			for (const char *p = data + skip; p < nul; p++) {
				if (*p == '\n') {
					line++;
					column = 1;
				} else if (((unsigned char)*p & 0xC0) != 0x80) {
					column++;
				}
			}
			sgg__error_set(err, SGG_ESYNTAX, source, NULL, "NUL byte in the text");
			if (err) {
				err->line = line;
				err->column = column;
				err->position = (long)(nul - data);
			}
			return SGG_ESYNTAX;
		}
	}
	rc = sgg__json_loadb(&root, data + skip, len - skip, JSON_DECODE_ANY, &jerr);
	if (rc == SGG_ENOMEM)
		return sgg__error_oom(err);
	if (rc < 0) {
		code = rc;
		if (json_error_code(&jerr) == json_error_null_character)
			sgg__error_set(err, code, source, NULL,
			               "a string holds a NUL character (\\u0000), which no field may contain");
		else if (json_error_code(&jerr) == json_error_invalid_utf8)
			sgg__error_set(err, code, source, NULL, "invalid UTF-8: %s", jerr.text);
		else
			sgg__error_set(err, code, source, NULL, "%s", jerr.text);
		if (err) {
			err->line = jerr.line > 0 ? jerr.line : 1;
			err->column = jerr.column > 0 ? jerr.column : 1;
			err->position = (long)jerr.position + (long)skip;
		}
		return code;
	}
	*out = root;
	return 0;
}

const char *sgg__json_type_name(const json_t *value)
{
	switch (json_typeof(value)) {
	case JSON_OBJECT: return "an object";
	case JSON_ARRAY: return "an array";
	case JSON_STRING: return "a string";
	case JSON_INTEGER: return "an integer";
	case JSON_REAL: return "a real number";
	case JSON_TRUE:
	case JSON_FALSE: return "a boolean";
	default: return "null";
	}
}

static void join(char *buf, size_t size, const char *prefix, const char *key)
{
	if (prefix && prefix[0])
		snprintf(buf, size, "%s.%s", prefix, key);
	else
		snprintf(buf, size, "%s", key);
}

static json_t *field(json_t *obj, const char *prefix, const char *key, bool required,
                     int *rc, sgg_error *err)
{
	json_t *v = json_object_get(obj, key);
	char path[SGG_ERROR_PATH_LENGTH];

	*rc = 0;
	if (!v || json_is_null(v)) {
		if (required) {
			join(path, sizeof(path), prefix, key);
			*rc = sgg__error_set(err, SGG_ESHAPE, NULL, path, "missing required field");
		}
		return NULL;
	}
	return v;
}

static int wrong_type(const char *prefix, const char *key, const char *want, json_t *v,
                      sgg_error *err)
{
	char path[SGG_ERROR_PATH_LENGTH];

	join(path, sizeof(path), prefix, key);
	return sgg__error_set(err, SGG_ESHAPE, NULL, path, "must be %s, not %s", want,
	                      sgg__json_type_name(v));
}

int sgg__json_get_int(json_t *obj, const char *prefix, const char *key, bool required,
                      int64_t *out, bool *found, sgg_error *err)
{
	int rc;
	json_t *v = field(obj, prefix, key, required, &rc, err);

	if (found)
		*found = v != NULL;
	if (!v)
		return rc;
	if (!json_is_integer(v))
		return wrong_type(prefix, key, "an integer", v, err);
	*out = (int64_t)json_integer_value(v);
	return 0;
}

int sgg__json_get_string(json_t *obj, const char *prefix, const char *key, bool required,
                         const char **out, sgg_error *err)
{
	int rc;
	json_t *v = field(obj, prefix, key, required, &rc, err);

	if (!v)
		return rc;
	if (!json_is_string(v))
		return wrong_type(prefix, key, "a string", v, err);
	*out = json_string_value(v);
	return 0;
}

int sgg__json_get_bool(json_t *obj, const char *prefix, const char *key, bool required,
                       bool *out, sgg_error *err)
{
	int rc;
	json_t *v = field(obj, prefix, key, required, &rc, err);

	if (!v)
		return rc;
	if (!json_is_boolean(v))
		return wrong_type(prefix, key, "true or false", v, err);
	*out = json_is_true(v);
	return 0;
}

int sgg__json_get_array(json_t *obj, const char *prefix, const char *key, bool required,
                        json_t **out, sgg_error *err)
{
	int rc;
	json_t *v = field(obj, prefix, key, required, &rc, err);

	if (!v)
		return rc;
	if (!json_is_array(v))
		return wrong_type(prefix, key, "an array", v, err);
	*out = v;
	return 0;
}

int sgg__json_get_time(json_t *obj, const char *prefix, const char *key, bool required,
                       sgg_time *out, sgg_error *err)
{
	const char *s = NULL;
	char path[SGG_ERROR_PATH_LENGTH];
	int rc = sgg__json_get_string(obj, prefix, key, required, &s, err);

	if (rc < 0 || !s)
		return rc;
	rc = sgg_time_parse(out, s, err);
	if (rc < 0 && err) {
		join(path, sizeof(path), prefix, key);
		memcpy(err->path, path, sizeof(err->path));
	}
	return rc;
}

int sgg__json_append_ids(json_t *array, const char *path, sgg__json_ids *ids, sgg_error *err)
{
	size_t count = json_array_size(array);

	if (sgg__grow((void **)&ids->v, &ids->cap, ids->n + (count ? count : 1), sizeof(*ids->v)) <
	    0)
		return sgg__error_oom(err);
	for (size_t i = 0; i < count; i++) {
		json_t *v = json_array_get(array, i);

		if (!json_is_integer(v)) {
			char p[SGG_ERROR_PATH_LENGTH];

			snprintf(p, sizeof(p), "%s[%zu]", path, i);
			return sgg__error_set(err, SGG_ESHAPE, NULL, p, "must be an integer id, not %s",
			                      sgg__json_type_name(v));
		}
		ids->v[ids->n + i] = (int64_t)json_integer_value(v);
	}
	ids->n += count;
	return 0;
}

int sgg__json_get_ids(json_t *array, const char *path, int64_t **buf, size_t *cap, size_t *n,
                      sgg_error *err)
{
	sgg__json_ids ids = { *buf, 0, *cap };
	int rc = sgg__json_append_ids(array, path, &ids, err);

	*buf = ids.v;
	*cap = ids.cap;
	*n = rc < 0 ? 0 : ids.n;
	return rc;
}

void sgg__json_path(char *buf, size_t size, const sgg_error *err, const char *fmt, ...)
{
	va_list ap;

	buf[0] = '\0';
	if (!err)
		return;
	va_start(ap, fmt);
	vsnprintf(buf, size, fmt, ap);
	va_end(ap);
}

int sgg__json_expect_object(json_t *value, const char *path, sgg_error *err)
{
	if (json_is_object(value))
		return 0;
	return sgg__error_set(err, SGG_ESHAPE, NULL, path[0] ? path : NULL,
	                      "must be an object, not %s", sgg__json_type_name(value));
}

int sgg__json_check_format(json_t *root, const char *expected, sgg_error *err)
{
	const char *format = NULL;
	int rc;

	if ((rc = sgg__json_expect_object(root, "", err)) < 0) {
		if (err)
			snprintf(err->text, sizeof(err->text),
			         "the document must be a JSON object, not %s", sgg__json_type_name(root));
		return rc;
	}
	rc = sgg__json_get_string(root, "", "format", true, &format, err);
	if (rc < 0 || !format)
		return rc < 0 ? rc : sgg__error_set(err, SGG_ESHAPE, NULL, "format", "missing required field");
	if (strcmp(format, expected) != 0)
		return sgg__error_set(err, SGG_EFORMAT, NULL, "format",
		                      "is \"%.60s\", expected \"%s\"", format, expected);
	return 0;
}
