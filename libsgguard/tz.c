/*
 * tz.c - IANA time zones read from TZif files (RFC 8536), for windows
 * written in wall-clock time.
 *
 * The library reads the zone file itself instead of setting TZ and calling
 * localtime(): it must never change the process's state. Versions 1 to 4 of
 * the format are read (the 64-bit table when there is one), and instants
 * after the table's last transition follow the POSIX TZ rule in its footer.
 * SPDX-License-Identifier: MIT
 */
#include "change.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define ZONEINFO_DIR  "/usr/share/zoneinfo"
#define TZIF_MAX_SIZE (1 << 20)

/* A date rule of a POSIX TZ string: Jn, n or Mm.w.d, and a time of day. */
typedef struct tz_date {
	char kind; /* 'J', 'N' (zero-based day) or 'M' */
	int n, m, w, d;
	int32_t time; /* seconds after local midnight; may be negative or above a day */
} tz_date;

typedef struct tz_rule {
	bool present;
	int32_t std_off; /* seconds east of UTC */
	bool has_dst;
	int32_t dst_off;
	tz_date start, end;
} tz_rule;

struct sgg__tz {
	int64_t *times;   /* transition instants, ascending */
	int32_t *offsets; /* the offset from each transition on */
	size_t n;
	int32_t first_off; /* before the first transition: time type 0 */
	tz_rule rule;
};

void sgg__tz_free(sgg__tz *tz)
{
	if (!tz)
		return;
	sgg__free_ptr(tz->times);
	sgg__free_ptr(tz->offsets);
	sgg__free_ptr(tz);
}

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int64_t be64(const unsigned char *p)
{
	return (int64_t)((uint64_t)be32(p) << 32 | be32(p + 4));
}

/* ---- the POSIX TZ footer ---- */

static const char *tz_name(const char *p)
{
	if (*p == '<') {
		while (*p && *p != '>')
			p++;
		return *p == '>' ? p + 1 : NULL;
	}
	{
		const char *s = p;

		while ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z'))
			p++;
		return p - s >= 3 ? p : NULL;
	}
}

/* [+-]hh[:mm[:ss]], hours up to 167; *out in seconds. */
static const char *tz_time(const char *p, int32_t *out)
{
	int sign = 1, part[3] = {0, 0, 0};

	if (*p == '+' || *p == '-')
		sign = *p++ == '-' ? -1 : 1;
	for (int i = 0; i < 3; i++) {
		int v = 0, digits = 0;

		if (i > 0) {
			if (*p != ':')
				break;
			p++;
		}
		while (*p >= '0' && *p <= '9' && digits < 3) {
			v = v * 10 + (*p++ - '0');
			digits++;
		}
		if (digits == 0 || (i > 0 && v > 59) || v > 167)
			return NULL;
		part[i] = v;
	}
	*out = sign * (part[0] * 3600 + part[1] * 60 + part[2]);
	return p;
}

static const char *tz_number(const char *p, int *out, int lo, int hi)
{
	int v = 0, digits = 0;

	while (*p >= '0' && *p <= '9' && digits < 4) {
		v = v * 10 + (*p++ - '0');
		digits++;
	}
	if (digits == 0 || v < lo || v > hi)
		return NULL;
	*out = v;
	return p;
}

static const char *tz_date_parse(const char *p, tz_date *out)
{
	memset(out, 0, sizeof(*out));
	out->time = 2 * 3600;
	if (*p == 'J') {
		out->kind = 'J';
		p = tz_number(p + 1, &out->n, 1, 365);
	} else if (*p == 'M') {
		out->kind = 'M';
		if (!(p = tz_number(p + 1, &out->m, 1, 12)) || *p++ != '.' ||
		    !(p = tz_number(p, &out->w, 1, 5)) || *p++ != '.')
			return NULL;
		p = tz_number(p, &out->d, 0, 6);
	} else {
		out->kind = 'N';
		p = tz_number(p, &out->n, 0, 365);
	}
	if (p && *p == '/')
		p = tz_time(p + 1, &out->time);
	return p;
}

static bool tz_rule_parse(const char *s, tz_rule *rule)
{
	const char *p = s;
	int32_t off;

	memset(rule, 0, sizeof(*rule));
	if (!*p)
		return true; /* an empty footer: no rule beyond the table */
	if (!(p = tz_name(p)) || !(p = tz_time(p, &off)))
		return false;
	rule->std_off = -off; /* POSIX counts west of Greenwich as positive */
	rule->present = true;
	if (!*p)
		return true;
	if (!(p = tz_name(p)))
		return false;
	rule->has_dst = true;
	rule->dst_off = rule->std_off + 3600;
	if (*p && *p != ',') {
		if (!(p = tz_time(p, &off)))
			return false;
		rule->dst_off = -off;
	}
	if (*p++ != ',' || !(p = tz_date_parse(p, &rule->start)) || *p++ != ',' ||
	    !(p = tz_date_parse(p, &rule->end)))
		return false;
	return *p == '\0';
}

static bool is_leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* The local midnight (days since 1970) a date rule names in year @p y. */
static int64_t tz_date_day(const tz_date *d, int64_t y)
{
	int64_t jan1 = sgg__days_from_civil(y, 1, 1);

	if (d->kind == 'J')
		return jan1 + d->n - 1 + (is_leap(y) && d->n >= 60);
	if (d->kind == 'N')
		return jan1 + d->n;
	{
		static const unsigned dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
		int64_t first = sgg__days_from_civil(y, (unsigned)d->m, 1);
		int wday = (int)(((first % 7) + 7 + 4) % 7); /* 1970-01-01 was a Thursday */
		int day = 1 + (d->d - wday + 7) % 7 + (d->w - 1) * 7;
		int last = (int)dm[d->m - 1] + (d->m == 2 && is_leap(y));

		while (day > last)
			day -= 7;
		return first + day - 1;
	}
}

static int32_t rule_offset_at(const tz_rule *r, int64_t t)
{
	int64_t y, days, start, end;
	unsigned m, d;

	if (!r->has_dst)
		return r->std_off;
	days = (t + r->std_off) / 86400;
	if ((t + r->std_off) % 86400 < 0)
		days--;
	sgg__civil_from_days(days, &y, &m, &d);
	/* daylight time starts at a standard-time wall clock and ends at a daylight one */
	start = tz_date_day(&r->start, y) * 86400 + r->start.time - r->std_off;
	end = tz_date_day(&r->end, y) * 86400 + r->end.time - r->dst_off;
	if (start < end)
		return t >= start && t < end ? r->dst_off : r->std_off;
	return t >= end && t < start ? r->std_off : r->dst_off; /* southern hemisphere */
}

int sgg__tz_offset_at(const sgg__tz *tz, sgg_time t)
{
	size_t lo = 0, hi;

	if (tz->n == 0 || t < tz->times[0])
		return tz->n == 0 && tz->rule.present ? rule_offset_at(&tz->rule, t)
		                                      : tz->first_off;
	if (t >= tz->times[tz->n - 1] && tz->rule.present)
		return rule_offset_at(&tz->rule, t);
	/* the last transition at or before t */
	hi = tz->n;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (tz->times[mid] <= t)
			lo = mid;
		else
			hi = mid;
	}
	return tz->offsets[lo];
}

int sgg__tz_resolve(const sgg__tz *tz, sgg_time local, sgg_time *out, sgg_time *later)
{
	int32_t seen[5] = {0};
	sgg_time found[5] = {0};
	size_t n_seen = 0, n_found = 0;

	/* every offset in force within two days of the wall-clock time is a
	 * candidate; a candidate is right when it is the offset at its instant */
	for (int k = -2; k <= 2; k++) {
		int32_t o = sgg__tz_offset_at(tz, local + (int64_t)k * 86400);
		size_t i;

		for (i = 0; i < n_seen && seen[i] != o; i++)
			;
		if (i < n_seen)
			continue;
		seen[n_seen++] = o;
		if (sgg__tz_offset_at(tz, local - o) == o) {
			for (i = 0; i < n_found && found[i] != local - o; i++)
				;
			if (i == n_found)
				found[n_found++] = local - o;
		}
	}
	if (n_found == 0)
		return 1;
	*out = found[0];
	for (size_t i = 1; i < n_found; i++)
		if (found[i] < *out)
			*out = found[i];
	if (n_found == 1)
		return 0;
	*later = found[0];
	for (size_t i = 1; i < n_found; i++)
		if (found[i] > *later)
			*later = found[i];
	return 2;
}

/* ---- the TZif file ---- */

static bool valid_zone_name(const char *name)
{
	size_t len = strlen(name);

	if (len == 0 || len > 128 || name[0] == '/' || strstr(name, ".."))
		return false;
	for (const char *p = name; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		      (*p >= '0' && *p <= '9') || *p == '/' || *p == '_' || *p == '-' ||
		      *p == '+' || *p == '.'))
			return false;
	return true;
}

typedef struct tzif_counts {
	uint32_t isut, isstd, leap, time, type, chars;
} tzif_counts;

static bool read_header(const unsigned char *p, size_t len, tzif_counts *c, int *version)
{
	if (len < 44 || memcmp(p, "TZif", 4) != 0)
		return false;
	*version = p[4] == 0 ? 1 : p[4] - '0';
	c->isut = be32(p + 20);
	c->isstd = be32(p + 24);
	c->leap = be32(p + 28);
	c->time = be32(p + 32);
	c->type = be32(p + 36);
	c->chars = be32(p + 40);
	return c->type > 0 && c->type <= 256 && c->time <= 100000 && c->chars <= 65536 &&
	       c->leap <= 100000 && (c->isut == 0 || c->isut == c->type) &&
	       (c->isstd == 0 || c->isstd == c->type);
}

static size_t block_size(const tzif_counts *c, size_t tsize)
{
	return (size_t)c->time * tsize + c->time + (size_t)c->type * 6 + c->chars +
	       (size_t)c->leap * (tsize + 4) + c->isstd + c->isut;
}

static int parse_tzif(sgg__tz *tz, const unsigned char *p, size_t len)
{
	tzif_counts c;
	int version;
	size_t tsize = 4, size;
	const unsigned char *data, *types, *ttinfo;

	if (!read_header(p, len, &c, &version))
		return SGG_ESYNTAX;
	size = block_size(&c, 4);
	if (44 + size > len)
		return SGG_ESYNTAX;
	if (version >= 2) {
		/* skip the 32-bit block: the 64-bit one after it is what counts */
		p += 44 + size;
		len -= 44 + size;
		if (!read_header(p, len, &c, &version))
			return SGG_ESYNTAX;
		tsize = 8;
		size = block_size(&c, 8);
		if (44 + size > len)
			return SGG_ESYNTAX;
	}
	data = p + 44;
	types = data + (size_t)c.time * tsize;
	ttinfo = types + c.time;
	tz->first_off = (int32_t)be32(ttinfo);
	if (c.time) {
		tz->times = sgg__reallocarray(NULL, c.time, sizeof(*tz->times));
		tz->offsets = sgg__reallocarray(NULL, c.time, sizeof(*tz->offsets));
		if (!tz->times || !tz->offsets)
			return SGG_ENOMEM;
	}
	for (uint32_t i = 0; i < c.time; i++) {
		int64_t at =
		    tsize == 8 ? be64(data + (size_t)i * 8) : (int32_t)be32(data + (size_t)i * 4);

		if (types[i] >= c.type || (i > 0 && at <= tz->times[i - 1]))
			return SGG_ESYNTAX;
		tz->times[i] = at;
		tz->offsets[i] = (int32_t)be32(ttinfo + (size_t)types[i] * 6);
	}
	tz->n = c.time;
	for (uint32_t i = 0; i < c.type; i++) {
		int32_t off = (int32_t)be32(ttinfo + (size_t)i * 6);

		if (off < -25 * 3600 || off > 26 * 3600)
			return SGG_ESYNTAX;
	}
	if (version >= 2) {
		const char *footer = (const char *)data + size, *end;
		char rule[128];
		size_t rest = len - 44 - size;

		if (rest < 2 || footer[0] != '\n')
			return SGG_ESYNTAX;
		end = memchr(footer + 1, '\n', rest - 1);
		if (!end || (size_t)(end - footer - 1) >= sizeof(rule))
			return SGG_ESYNTAX;
		memcpy(rule, footer + 1, (size_t)(end - footer - 1));
		rule[end - footer - 1] = '\0';
		if (!tz_rule_parse(rule, &tz->rule))
			return SGG_ESYNTAX;
	}
	return 0;
}

int sgg__tz_load(sgg__tz **out, const char *name, const char *dir, sgg_error *err)
{
	char path[512];
	unsigned char *buf = NULL;
	size_t len = 0;
	sgg__tz *tz = NULL;
	struct stat st;
	int fd = -1, rc;

	*out = NULL;
	if (!valid_zone_name(name))
		return sgg__error_set(
		    err, SGG_EINVAL, NULL, NULL,
		    "\"%.60s\" is not an IANA time zone name (such as Europe/Paris)", name);
	snprintf(path, sizeof(path), "%s/%s", dir ? dir : ZONEINFO_DIR, name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size > TZIF_MAX_SIZE) {
		rc = sgg__error_set(err, SGG_EIO, path, NULL, "unknown time zone %s%s%s", name,
		                    fd < 0 ? ": " : "", fd < 0 ? strerror(errno) : "");
		goto out;
	}
	buf = sgg__malloc((size_t)st.st_size + 1);
	if (!buf) {
		rc = sgg__error_oom(err);
		goto out;
	}
	while (len < (size_t)st.st_size) {
		ssize_t got = read(fd, buf + len, (size_t)st.st_size - len);

		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0) {
			rc = sgg__error_set(err, SGG_EIO, path, NULL,
			                    "cannot read the time zone file");
			goto out;
		}
		len += (size_t)got;
	}
	tz = sgg__calloc(1, sizeof(*tz));
	if (!tz) {
		rc = sgg__error_oom(err);
		goto out;
	}
	rc = parse_tzif(tz, buf, len);
	if (rc == SGG_ENOMEM) {
		sgg__error_oom(err);
		goto out;
	}
	if (rc < 0) {
		rc = sgg__error_set(err, SGG_EIO, path, NULL, "not a valid TZif time zone file");
		goto out;
	}
	*out = tz;
	tz = NULL;
out:
	if (fd >= 0)
		close(fd);
	sgg__free_ptr(buf);
	sgg__tz_free(tz);
	return rc;
}

/* ---- public: windows in a zone ---- */

void sgg__offset_format(int offset, char *buf, size_t size)
{
	int a = offset < 0 ? -offset : offset;

	if (a % 60)
		snprintf(buf, size, "%c%02d:%02d:%02d", offset < 0 ? '-' : '+', a / 3600,
		         a / 60 % 60, a % 60);
	else
		snprintf(buf, size, "%c%02d:%02d", offset < 0 ? '-' : '+', a / 3600, a / 60 % 60);
}

/* One end of a window: an instant with an offset, or a wall-clock time in @p tz. */
static int parse_end(sgg_time *out, const char *text, const char *zone, sgg__tz **tz,
                     const char *dir, sgg_error *err)
{
	bool has_offset = false;
	sgg_time t, later = 0;
	char a[SGG_TIME_BUFSIZE], b[SGG_TIME_BUFSIZE];
	int rc;

	if (sgg__time_parse_local(&t, &has_offset, text) < 0)
		return sgg__error_set(err, SGG_ESYNTAX, NULL, NULL,
		                      "\"%.40s\" is not an RFC 3339 date-time (expected "
		                      "2026-12-01T02:00:00Z, or 2026-12-01T03:00:00 with --tz)",
		                      text);
	if (has_offset) {
		*out = t;
		return 0;
	}
	if (!zone)
		return sgg__error_set(
		    err, SGG_ESYNTAX, NULL, NULL,
		    "\"%.40s\" has no offset: add one (Z, +01:00) or name its time "
		    "zone (--tz Europe/Paris)",
		    text);
	if (!*tz && (rc = sgg__tz_load(tz, zone, dir, err)) < 0)
		return rc;
	if (!*tz)
		return SGG_EIO;
	rc = sgg__tz_resolve(*tz, t, out, &later);
	if (rc == 1)
		return sgg__error_set(
		    err, SGG_ESYNTAX, NULL, NULL,
		    "%.40s does not exist in %.60s: the clocks skip it "
		    "(daylight-saving change); pick another time or write its offset",
		    text, zone);
	if (rc == 2) {
		int o1 = sgg__tz_offset_at(*tz, *out), o2 = sgg__tz_offset_at(*tz, later);

		sgg__offset_format(o1, a, sizeof(a));
		sgg__offset_format(o2, b, sizeof(b));
		return sgg__error_set(err, SGG_ESYNTAX, NULL, NULL,
		                      "%.40s happens twice in %.60s (at %s and at %s: the clocks "
		                      "go back); write the offset you mean",
		                      text, zone, a, b);
	}
	return 0;
}

int sgg_window_parse_in_zone(sgg_window *out, const char *text, const char *zone,
                             const char *zoneinfo_dir, sgg_error *err)
{
	char start[64] = "";
	const char *rest = "";
	sgg__tz *tz = NULL;
	sgg_time s = 0, e = 0;
	int rc;

	if (!out || !text)
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL, "NULL argument");
	out->start = out->end = SGG_TIME_NONE;
	if ((rc = sgg__window_split(text, start, sizeof(start), &rest, err)) < 0)
		return rc;
	if ((rc = parse_end(&s, start, zone, &tz, zoneinfo_dir, err)) < 0)
		goto out;
	if (rest[0] == 'P') {
		int64_t dur;

		if ((rc = sgg_duration_parse(&dur, rest, err)) < 0)
			goto out;
		e = s + dur; /* elapsed time: a daylight-saving change does not stretch it */
	} else if ((rc = parse_end(&e, rest, zone, &tz, zoneinfo_dir, err)) < 0) {
		goto out;
	}
	out->start = s;
	out->end = e;
out:
	sgg__tz_free(tz);
	return rc;
}

int sgg_zone_offset(int *out, const char *zone, const char *zoneinfo_dir, sgg_time t,
                    sgg_error *err)
{
	sgg__tz *tz = NULL;
	int rc;

	if (!out || !zone)
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL, "NULL argument");
	*out = 0;
	if ((rc = sgg__tz_load(&tz, zone, zoneinfo_dir, err)) < 0 || !tz)
		return rc < 0 ? rc : SGG_EIO;
	*out = sgg__tz_offset_at(tz, t);
	sgg__tz_free(tz);
	return 0;
}
