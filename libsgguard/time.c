/*
 * time.c - RFC 3339 instants, ISO 8601 durations and windows.
 *
 * Civil-date arithmetic is done here rather than with timegm() so that the
 * result never depends on the process's TZ or locale.
 * SPDX-License-Identifier: MIT
 */
#include "internal.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

int64_t sgg__days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? (unsigned)-3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

void sgg__civil_from_days(int64_t z, int64_t *y, unsigned *m, unsigned *d)
{
	int64_t era;
	unsigned doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int64_t)yoe + era * 400 + (*m <= 2);
}

sgg_time sgg__now(void)
{
	return (sgg_time)time(NULL);
}

static bool is_leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static unsigned days_in_month(int64_t y, unsigned m)
{
	static const unsigned dm[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return m == 2 && is_leap(y) ? 29 : dm[m - 1];
}

static bool digits(const char *s, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return true;
}

/* Parse "YYYY-MM-DDTHH:MM:SS[.frac]" and an optional offset. */
static int parse_datetime(const char *text, sgg_time *local, bool *has_offset, int *offset)
{
	int y, mo, d, h, mi, s, oh, om;
	const char *p = text;

	if (strlen(text) < 19 || !digits(p, 4, &y) || p[4] != '-' || !digits(p + 5, 2, &mo) ||
	    p[7] != '-' || !digits(p + 8, 2, &d) ||
	    (p[10] != 'T' && p[10] != 't' && p[10] != ' ') || !digits(p + 11, 2, &h) ||
	    p[13] != ':' || !digits(p + 14, 2, &mi) || p[16] != ':' || !digits(p + 17, 2, &s))
		return -1;
	if (mo < 1 || mo > 12 || d < 1 || (unsigned)d > days_in_month(y, (unsigned)mo) || h > 23 ||
	    mi > 59 || s > 60)
		return -1;
	p += 19;
	if (*p == '.') {
		p++;
		if (*p < '0' || *p > '9')
			return -1;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	*has_offset = true;
	if ((p[0] == 'Z' || p[0] == 'z') && p[1] == '\0') {
		*offset = 0;
	} else if ((p[0] == '+' || p[0] == '-') && digits(p + 1, 2, &oh) && p[3] == ':' &&
	           digits(p + 4, 2, &om) && p[6] == '\0' && oh <= 23 && om <= 59) {
		*offset = (oh * 60 + om) * 60 * (p[0] == '-' ? -1 : 1);
	} else if (p[0] == '\0') {
		*has_offset = false;
		*offset = 0;
	} else {
		return -1;
	}
	*local = sgg__days_from_civil(y, (unsigned)mo, (unsigned)d) * 86400 + (int64_t)h * 3600 +
	         (int64_t)mi * 60 + s;
	return 0;
}

int sgg__time_parse_local(sgg_time *out, bool *has_offset, const char *text)
{
	int offset = 0;
	sgg_time local;

	if (parse_datetime(text, &local, has_offset, &offset) < 0)
		return SGG_ESYNTAX;
	*out = local - offset;
	return 0;
}

int sgg_time_parse(sgg_time *out, const char *text, sgg_error *err)
{
	bool has_offset = false;
	sgg_time t;

	if (!out || !text)
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL, "NULL argument");
	*out = SGG_TIME_NONE;
	if (sgg__time_parse_local(&t, &has_offset, text) < 0)
		return sgg__error_set(err, SGG_ESYNTAX, NULL, NULL,
		                      "not an RFC 3339 date-time (expected 2026-12-01T02:00:00Z)");
	if (!has_offset)
		return sgg__error_set(err, SGG_ESYNTAX, NULL, NULL,
		                      "date-time has no offset (add Z or +01:00)");
	*out = t;
	return 0;
}

char *sgg_time_format(sgg_time t, char *buf)
{
	int64_t days, secs, y;
	unsigned m, d;

	if (t == SGG_TIME_NONE) {
		memcpy(buf, "unknown", sizeof("unknown"));
		return buf;
	}
	days = t / 86400;
	secs = t % 86400;
	if (secs < 0) {
		secs += 86400;
		days--;
	}
	sgg__civil_from_days(days, &y, &m, &d);
	snprintf(buf, SGG_TIME_BUFSIZE, "%04lld-%02u-%02uT%02d:%02d:%02dZ", (long long)y, m, d,
	         (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60));
	return buf;
}

int sgg_duration_parse(int64_t *out, const char *text, sgg_error *err)
{
	const char *p;
	int64_t total = 0;
	bool in_time = false, any = false;
	char last = 0;

	if (!out || !text)
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL, "NULL argument");
	*out = 0;
	p = text;
	if (*p != 'P')
		goto bad;
	p++;
	while (*p) {
		int64_t v = 0, unit;
		const char *start;

		if (*p == 'T') {
			if (in_time)
				goto bad;
			in_time = true;
			p++;
			if (!*p)
				goto bad;
			continue;
		}
		start = p;
		while (*p >= '0' && *p <= '9') {
			if (v > INT64_C(100000000000))
				goto bad;
			v = v * 10 + (*p - '0');
			p++;
		}
		if (p == start)
			goto bad;
		switch (*p) {
		case 'W': unit = INT64_C(7) * 86400; if (in_time || last) goto bad; break;
		case 'D': unit = 86400; if (in_time || (last && last != 'W')) goto bad; break;
		case 'H': unit = 3600; if (!in_time || (last && last != 'D' && last != 'W')) goto bad; break;
		case 'M':
			if (!in_time || last == 'M' || last == 'S')
				goto bad;
			unit = 60;
			break;
		case 'S': unit = 1; if (!in_time || last == 'S') goto bad; break;
		default:
			goto bad;
		}
		last = *p;
		p++;
		total += v * unit;
		if (total > INT64_C(100) * 366 * 86400)
			goto bad;
		any = true;
	}
	if (!any)
		goto bad;
	*out = total;
	return 0;
bad:
	return sgg__error_set(err, SGG_ESYNTAX, NULL, NULL,
	                      "\"%.40s\" is not an ISO 8601 duration (expected PT2H, PT90M, P1DT30M)",
	                      text);
}

int sgg__window_split(const char *text, char *start, size_t size, const char **rest,
                      sgg_error *err)
{
	const char *slash = strchr(text, '/');
	size_t len;

	if (!slash)
		return sgg__error_set(err, SGG_ESYNTAX, NULL, NULL,
		                      "a window is START/END or START/DURATION "
		                      "(2026-12-01T02:00:00Z/PT2H)");
	len = (size_t)(slash - text);
	if (len >= size)
		return sgg__error_set(err, SGG_ESYNTAX, NULL, NULL, "window start is too long");
	memcpy(start, text, len);
	start[len] = '\0';
	*rest = slash + 1;
	return 0;
}

int sgg_window_parse(sgg_window *out, const char *text, sgg_error *err)
{
	char start[64] = "";
	const char *rest = "";
	sgg_time s, e;
	int rc;

	if (!out || !text)
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL, "NULL argument");
	out->start = out->end = SGG_TIME_NONE;
	if ((rc = sgg__window_split(text, start, sizeof(start), &rest, err)) < 0)
		return rc;
	rc = sgg_time_parse(&s, start, err);
	if (rc < 0)
		return rc;
	if (rest[0] == 'P') {
		int64_t dur;

		rc = sgg_duration_parse(&dur, rest, err);
		if (rc < 0)
			return rc;
		e = s + dur;
	} else {
		rc = sgg_time_parse(&e, rest, err);
		if (rc < 0)
			return rc;
	}
	if (e <= s)
		return sgg__error_set(err, SGG_ESYNTAX, NULL, NULL,
		                      "window ends before it starts (end must be after start)");
	out->start = s;
	out->end = e;
	return 0;
}
