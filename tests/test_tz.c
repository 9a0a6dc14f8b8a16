/*
 * test_tz.c - windows written in wall-clock time: TZif zones across the
 * spring and autumn daylight-saving changes in Europe and America, the
 * footer rule beyond the table, and times that do not exist or happen
 * twice. The offsets are also compared with the C library's own reading
 * of the same zone files.
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE
#include "testutil.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

static sgg_window window_in(const char *text, const char *zone)
{
	sgg_window w = {0, 0};
	sgg_error err;

	ck_assert_msg(sgg_window_parse_in_zone(&w, text, zone, NULL, &err) == 0, "%s in %s: %s",
	              text, zone, err.text);
	return w;
}

static int window_error(const char *text, const char *zone, sgg_error *err)
{
	sgg_window w;

	return sgg_window_parse_in_zone(&w, text, zone, NULL, err);
}

START_TEST(test_tz_paris_spring)
{
	sgg_window w;
	sgg_error err;

	/* 2026-03-29: 02:00 CET becomes 03:00 CEST */
	w = window_in("2026-03-29T01:30:00/2026-03-29T03:30:00", "Europe/Paris");
	ck_assert_int_eq(w.start, t("2026-03-29T00:30:00Z"));
	ck_assert_int_eq(w.end, t("2026-03-29T01:30:00Z"));
	/* two wall-clock hours, one real hour */
	ck_assert_int_eq(w.end - w.start, 3600);
	ck_assert_int_eq(window_error("2026-03-29T02:30:00/PT1H", "Europe/Paris", &err),
	                 SGG_ESYNTAX);
	ck_assert_ptr_nonnull(strstr(err.text, "does not exist"));
	/* a duration is elapsed time */
	w = window_in("2026-03-29T01:30:00/PT2H", "Europe/Paris");
	ck_assert_int_eq(w.end, t("2026-03-29T02:30:00Z"));
}
END_TEST

START_TEST(test_tz_paris_autumn)
{
	sgg_window w;
	sgg_error err;

	/* 2026-10-25: 03:00 CEST becomes 02:00 CET */
	w = window_in("2026-10-25T01:30:00/2026-10-25T03:30:00", "Europe/Paris");
	ck_assert_int_eq(w.start, t("2026-10-24T23:30:00Z"));
	ck_assert_int_eq(w.end, t("2026-10-25T02:30:00Z"));
	ck_assert_int_eq(w.end - w.start, 3 * 3600);
	ck_assert_int_eq(window_error("2026-10-25T02:30:00/PT1H", "Europe/Paris", &err),
	                 SGG_ESYNTAX);
	ck_assert_ptr_nonnull(strstr(err.text, "happens twice"));
	ck_assert_ptr_nonnull(strstr(err.text, "+02:00"));
	ck_assert_ptr_nonnull(strstr(err.text, "+01:00"));
	/* the offset, when written, settles it */
	w = window_in("2026-10-25T02:30:00+01:00/PT1H", "Europe/Paris");
	ck_assert_int_eq(w.start, t("2026-10-25T01:30:00Z"));
}
END_TEST

START_TEST(test_tz_new_york)
{
	sgg_window w;
	sgg_error err;

	/* 2026-03-08: 02:00 EST becomes 03:00 EDT */
	w = window_in("2026-03-08T01:30:00/2026-03-08T03:30:00", "America/New_York");
	ck_assert_int_eq(w.start, t("2026-03-08T06:30:00Z"));
	ck_assert_int_eq(w.end, t("2026-03-08T07:30:00Z"));
	ck_assert_int_eq(window_error("2026-03-08T02:15:00/PT1H", "America/New_York", &err),
	                 SGG_ESYNTAX);
	/* 2026-11-01: 02:00 EDT becomes 01:00 EST */
	w = window_in("2026-11-01T00:30:00/2026-11-01T02:30:00", "America/New_York");
	ck_assert_int_eq(w.start, t("2026-11-01T04:30:00Z"));
	ck_assert_int_eq(w.end, t("2026-11-01T07:30:00Z"));
	ck_assert_int_eq(window_error("2026-11-01T01:30:00/PT1H", "America/New_York", &err),
	                 SGG_ESYNTAX);
	ck_assert_ptr_nonnull(strstr(err.text, "-04:00"));
	ck_assert_ptr_nonnull(strstr(err.text, "-05:00"));
}
END_TEST

START_TEST(test_tz_beyond_the_table)
{
	int off = 0;

	/* far enough ahead that only the POSIX rule of the file's footer answers */
	ck_assert_int_eq(
	    sgg_zone_offset(&off, "Europe/Paris", NULL, t("2090-07-01T12:00:00Z"), NULL), 0);
	ck_assert_int_eq(off, 7200);
	ck_assert_int_eq(
	    sgg_zone_offset(&off, "Europe/Paris", NULL, t("2090-01-15T12:00:00Z"), NULL), 0);
	ck_assert_int_eq(off, 3600);
	ck_assert_int_eq(window_in("2090-03-26T01:59:59/PT1S", "Europe/Paris").start,
	                 t("2090-03-26T00:59:59Z"));
	ck_assert_int_eq(window_in("2090-03-26T03:00:00/PT1S", "Europe/Paris").start,
	                 t("2090-03-26T01:00:00Z"));
	/* southern hemisphere: summer in January */
	ck_assert_int_eq(
	    sgg_zone_offset(&off, "Australia/Sydney", NULL, t("2090-01-15T00:00:00Z"), NULL), 0);
	ck_assert_int_eq(off, 11 * 3600);
	ck_assert_int_eq(
	    sgg_zone_offset(&off, "Australia/Sydney", NULL, t("2090-07-15T00:00:00Z"), NULL), 0);
	ck_assert_int_eq(off, 10 * 3600);
	/* a zone without daylight saving */
	ck_assert_int_eq(sgg_zone_offset(&off, "Asia/Tokyo", NULL, t("2090-07-15T00:00:00Z"), NULL),
	                 0);
	ck_assert_int_eq(off, 9 * 3600);
}
END_TEST

/* Every seventh hour (so every hour of the day comes round) of several years, against the
 * C library reading the same files. */
START_TEST(test_tz_agrees_with_libc)
{
	static const char *const zones[] = {"Europe/Paris", "America/New_York", "Australia/Sydney",
	                                    "America/Sao_Paulo", "Asia/Kolkata"};
	static const char *const starts[] = {"1995-01-01T00:00:00Z", "2026-01-01T00:00:00Z",
	                                     "2036-06-01T00:00:00Z", "2060-01-01T00:00:00Z"};

	for (size_t z = 0; z < sizeof(zones) / sizeof(zones[0]); z++) {
		setenv("TZ", zones[z], 1); /* the test may; the library never does */
		tzset();
		for (size_t s = 0; s < sizeof(starts) / sizeof(starts[0]); s++) {
			sgg_time from = t(starts[s]);

			for (sgg_time at = from; at < from + 366 * 86400; at += 7 * 3600) {
				time_t tt = (time_t)at;
				struct tm tm;
				int off = -1;

				ck_assert_ptr_nonnull(localtime_r(&tt, &tm));
				ck_assert_int_eq(sgg_zone_offset(&off, zones[z], NULL, at, NULL),
				                 0);
				ck_assert_msg(off == tm.tm_gmtoff, "%s at %lld: %d, libc says %ld",
				              zones[z], (long long)at, off, (long)tm.tm_gmtoff);
			}
		}
	}
	setenv("TZ", "UTC", 1);
	tzset();
}
END_TEST

START_TEST(test_tz_errors)
{
	sgg_error err;
	int off;

	ck_assert_int_eq(window_error("2026-12-01T02:00:00/PT1H", NULL, &err), SGG_ESYNTAX);
	ck_assert_ptr_nonnull(strstr(err.text, "no offset"));
	ck_assert_int_eq(window_error("2026-12-01T02:00:00/PT1H", "Mars/Olympus", &err), SGG_EIO);
	ck_assert_int_eq(window_error("2026-12-01T02:00:00/PT1H", "../../etc/passwd", &err),
	                 SGG_EINVAL);
	ck_assert_int_eq(window_error("2026-12-01T02:00:00/PT1H", "/etc/localtime", &err),
	                 SGG_EINVAL);
	ck_assert_int_eq(window_error("2026-12-01T02:00:00/PT1H", "", &err), SGG_EINVAL);
	ck_assert_int_eq(window_error("2026-12-01T02:00:00", "Europe/Paris", &err), SGG_ESYNTAX);
	ck_assert_int_eq(window_error("2026-12-01T02:00:00/soon", "Europe/Paris", &err),
	                 SGG_ESYNTAX);
	/* a file that is not TZif */
	ck_assert_int_eq(sgg_zone_offset(&off, "zone.tab", NULL, 0, &err), SGG_EIO);
	ck_assert_int_eq(sgg_zone_offset(&off, "tzdata.zi", NULL, 0, &err), SGG_EIO);
	/* every time with an offset needs no zone at all */
	ck_assert_int_eq(window_in("2026-12-01T03:00:00+01:00/PT1H", NULL).start,
	                 t("2026-12-01T02:00:00Z"));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("tz");
	TCase *tc = tcase_create("zones");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_tz_paris_spring);
	tcase_add_test(tc, test_tz_paris_autumn);
	tcase_add_test(tc, test_tz_new_york);
	tcase_add_test(tc, test_tz_beyond_the_table);
	tcase_add_test(tc, test_tz_agrees_with_libc);
	tcase_add_test(tc, test_tz_errors);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
