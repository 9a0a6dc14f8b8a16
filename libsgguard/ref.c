/*
 * ref.c - target references: "5019", "5000:40424", "5000:40424:1",
 * "name:Literature".
 * SPDX-License-Identifier: MIT
 */
#include "internal.h"

#include <string.h>

/* Parse a non-negative decimal of at most 10 digits ending at @p end. */
static bool parse_uint(const char *s, const char *end, int64_t *out)
{
	int64_t v = 0;

	if (s == end || end - s > 10)
		return false;
	for (; s < end; s++) {
		if (*s < '0' || *s > '9')
			return false;
		v = v * 10 + (*s - '0');
	}
	*out = v;
	return true;
}

int sgg_ref_parse(sgg_ref *out, const char *text, sgg_error *err)
{
	const char *c1, *c2, *end;
	int64_t a, b, p = 0;

	if (!out || !text)
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL, "NULL argument");
	memset(out, 0, sizeof(*out));
	if (strncmp(text, "name:", 5) == 0) {
		if (text[5] == '\0')
			goto bad;
		out->kind = SGG_REF_NAME;
		out->name = text + 5;
		return 0;
	}
	end = text + strlen(text);
	c1 = strchr(text, ':');
	if (!c1) {
		if (!parse_uint(text, end, &a) || a < 1 || a > SGG_ID_MAX)
			goto bad;
		out->kind = SGG_REF_ID;
		out->id = a;
		return 0;
	}
	c2 = strchr(c1 + 1, ':');
	if (!parse_uint(text, c1, &a) || !parse_uint(c1 + 1, c2 ? c2 : end, &b) ||
	    (c2 && !parse_uint(c2 + 1, end, &p)))
		goto bad;
	if (a < 1 || a > SGG_PERIPHERAL_MAX || b > SGG_NUMBER_MAX || p > SGG_PRIORITY_MAX)
		goto bad;
	out->kind = c2 ? SGG_REF_NUMBER_PRIORITY : SGG_REF_NUMBER;
	out->peripheral = (int)a;
	out->number = b;
	out->priority = (int)p;
	return 0;
bad:
	return sgg__error_set(err, SGG_ETARGET, NULL, NULL,
	                      "\"%.60s\" is not a target reference (expected an id such as 5019, "
	                      "PERIPHERAL:NUMBER such as 5000:40424, PERIPHERAL:NUMBER:PRIORITY, "
	                      "or name:NAME)",
	                      text);
}
