/*
 * error.c - filling in and formatting sgg_error. Never allocates.
 * SPDX-License-Identifier: MIT
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>

static void copy_field(char *dst, size_t size, const char *src)
{
	size_t len;

	if (!src) {
		dst[0] = '\0';
		return;
	}
	len = strlen(src);
	if (len >= size)
		len = size - 1;
	memcpy(dst, src, len);
	dst[len] = '\0';
}

void sgg__error_clear(sgg_error *err)
{
	if (!err)
		return;
	err->code = SGG_OK;
	err->line = 0;
	err->column = 0;
	err->position = -1;
	err->source[0] = '\0';
	err->path[0] = '\0';
	err->text[0] = '\0';
}

int sgg__error_vset(sgg_error *err, int code, const char *source, const char *path,
                    const char *fmt, va_list ap)
{
	if (!err)
		return code;
	sgg__error_clear(err);
	err->code = code;
	copy_field(err->source, sizeof(err->source), source);
	copy_field(err->path, sizeof(err->path), path);
	vsnprintf(err->text, sizeof(err->text), fmt, ap);
	return code;
}

int sgg__error_set(sgg_error *err, int code, const char *source, const char *path,
                   const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sgg__error_vset(err, code, source, path, fmt, ap);
	va_end(ap);
	return code;
}

int sgg__error_oom(sgg_error *err)
{
	if (err) {
		sgg__error_clear(err);
		err->code = SGG_ENOMEM;
		copy_field(err->text, sizeof(err->text), "out of memory");
	}
	return SGG_ENOMEM;
}

void sgg__error_set_source(sgg_error *err, const char *source)
{
	if (err && err->source[0] == '\0')
		copy_field(err->source, sizeof(err->source), source);
}

const char *sgg_strerror(int code)
{
	switch (code) {
	case SGG_OK:
		return "success";
	case SGG_ENOMEM:
		return "out of memory";
	case SGG_EINVAL:
		return "invalid argument";
	case SGG_EIO:
		return "input/output error";
	case SGG_ESYNTAX:
		return "syntax error";
	case SGG_ESHAPE:
		return "invalid field";
	case SGG_EREF:
		return "broken reference";
	case SGG_EDUP:
		return "duplicate";
	case SGG_EFORMAT:
		return "unsupported format";
	case SGG_ESTATE:
		return "wrong state";
	case SGG_ETARGET:
		return "bad target reference";
	case SGG_ELOCKED:
		return "locked by another process";
	case SGG_EREFUSED:
		return "refused";
	default:
		return "unknown error";
	}
}

int sgg_error_format(const sgg_error *err, char *buf, size_t size)
{
	const char *text;

	if (!err)
		return snprintf(buf, size, "%s", "unknown error");
	text = err->text[0] ? err->text : sgg_strerror(err->code);
	if (err->source[0] && err->line > 0)
		return snprintf(buf, size, "%s:%d:%d: %s", err->source, err->line, err->column,
		                text);
	if (err->source[0] && err->path[0])
		return snprintf(buf, size, "%s: %s: %s", err->source, err->path, text);
	if (err->source[0])
		return snprintf(buf, size, "%s: %s", err->source, text);
	if (err->path[0])
		return snprintf(buf, size, "%s: %s", err->path, text);
	return snprintf(buf, size, "%s", text);
}
