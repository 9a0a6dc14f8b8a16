/*
 * render.c - choosing a renderer for a check report.
 * SPDX-License-Identifier: MIT
 */
#include "render.h"

#include <string.h>

int sgg_format_parse(sgg_format *out, const char *name)
{
	static const struct {
		const char *name;
		sgg_format format;
	} names[] = {
		{ "text", SGG_FORMAT_TEXT }, { "json", SGG_FORMAT_JSON }, { "junit", SGG_FORMAT_JUNIT },
		{ "tap", SGG_FORMAT_TAP },   { "csv", SGG_FORMAT_CSV },
	};

	if (!out || !name)
		return SGG_EINVAL;
	for (size_t i = 0; i < SGG_ARRAY_SIZE(names); i++)
		if (strcmp(names[i].name, name) == 0) {
			*out = names[i].format;
			return 0;
		}
	return SGG_EINVAL;
}

int sgg_report_render(char **out, size_t *len, const sgg_report *report, sgg_format format,
                      unsigned flags, sgg_error *err)
{
	if (out)
		*out = NULL;
	if (len)
		*len = 0;
	if (!out || !report)
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL, "NULL argument");
	switch (format) {
	case SGG_FORMAT_TEXT:
		return sgg__render_text(out, len, report, flags, err);
	case SGG_FORMAT_JSON:
		return sgg__render_json(out, len, report, err);
	case SGG_FORMAT_JUNIT:
		return sgg__render_junit(out, len, report, err);
	default:
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL,
		                      "a check report is written as text, json or junit");
	}
}

int sgg_error_render(char **out, size_t *len, const sgg_error *error, sgg_time at,
                     sgg_format format, sgg_error *err)
{
	if (out)
		*out = NULL;
	if (len)
		*len = 0;
	if (!out || !error)
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL, "NULL argument");
	if (at == SGG_TIME_NONE)
		at = sgg__now();
	switch (format) {
	case SGG_FORMAT_JSON:
		return sgg__render_error_json(out, len, error, at, err);
	case SGG_FORMAT_JUNIT:
		return sgg__render_error_junit(out, len, error, at, err);
	default:
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL,
		                      "an error report is written as json or junit");
	}
}
