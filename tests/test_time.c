/*
 * test_time.c - RFC 3339 instants, ISO 8601 durations, maintenance windows.
 * SPDX-License-Identifier: MIT
 */
#include "testutil.h"

#include <stdlib.h>

/* 2026-12-01T02:00:00Z, computed outside the library. */
#define T_0200Z INT64_C(1796090400)

static void assert_time(const char *text, sgg_time want)
{
	sgg_time got = 0;
	sgg_error err;
	int rc = sgg_time_parse(&got, text, &err);

	ck_assert_msg(rc == 0, "\"%s\" refused: %s", text, err.text);
	ck_assert_msg(got == want, "\"%s\" gave %lld, expected %lld", text, (long long)got,
	              (long long)want);
}

static void assert_time_bad(const char *text)
{
	sgg_time got = 0;
	sgg_error err;
	int rc = sgg_time_parse(&got, text, &err);

	ck_assert_msg(rc == SGG_ESYNTAX, "\"%s\" gave %d (%lld), expected SGG_ESYNTAX", text, rc,
	              (long long)got);
	ck_assert_int_eq(err.code, SGG_ESYNTAX);
	ck_assert_msg(err.text[0] != '\0', "no message for \"%s\"", text);
}

START_TEST(test_time_parse_utc)
{
	assert_time("2026-12-01T02:00:00Z", T_0200Z);
	assert_time("1970-01-01T00:00:00Z", 0);
	assert_time("2000-01-01T00:00:00Z", INT64_C(946684800));
	assert_time("1969-12-31T23:59:59Z", -1);
	assert_time("2024-02-29T12:00:00Z", INT64_C(1709208000));
	assert_time("2026-12-01T02:14:55Z", INT64_C(1796091295));
}
END_TEST

START_TEST(test_time_parse_offsets)
{
	assert_time("2026-12-01T03:00:00+01:00", T_0200Z);
	assert_time("2026-11-30T20:30:00-05:30", T_0200Z);
	assert_time("2026-12-01T02:00:00+00:00", T_0200Z);
	assert_time("2026-12-01T02:00:00-00:00", T_0200Z);
	/* an offset that crosses a year boundary */
	assert_time("2027-01-01T00:30:00+01:00", INT64_C(1798759800));
}
END_TEST

START_TEST(test_time_parse_fractions_dropped)
{
	assert_time("2026-12-01T02:00:00.5Z", T_0200Z);
	assert_time("2026-12-01T02:00:00.999999999Z", T_0200Z);
	assert_time("2026-12-01T03:00:00.123+01:00", T_0200Z);
}
END_TEST

START_TEST(test_time_parse_lowercase)
{
	assert_time("2026-12-01t02:00:00z", T_0200Z);
	assert_time("2026-12-01t02:00:00Z", T_0200Z);
	assert_time("2026-12-01T02:00:00z", T_0200Z);
}
END_TEST

START_TEST(test_time_parse_rejects_no_offset)
{
	assert_time_bad("2026-12-01T02:00:00");
	assert_time_bad("2026-12-01T02:00:00.5");
}
END_TEST

START_TEST(test_time_parse_rejects_bad_dates)
{
	assert_time_bad("2026-02-30T00:00:00Z");
	assert_time_bad("2026-02-29T00:00:00Z"); /* 2026 is not a leap year */
	assert_time_bad("2100-02-29T00:00:00Z"); /* nor is 2100 */
	assert_time_bad("2026-04-31T00:00:00Z");
	assert_time_bad("2026-13-01T00:00:00Z");
	assert_time_bad("2026-00-01T00:00:00Z");
	assert_time_bad("2026-12-00T00:00:00Z");
	assert_time_bad("2026-12-32T00:00:00Z");
}
END_TEST

START_TEST(test_time_parse_rejects_bad_clock)
{
	assert_time_bad("2026-12-01T24:00:00Z");
	assert_time_bad("2026-12-01T23:60:00Z");
	assert_time_bad("2026-12-01T02:00:00+25:00");
	assert_time_bad("2026-12-01T02:00:00+01");
	assert_time_bad("2026-12-01T02:00:00+0100");
}
END_TEST

START_TEST(test_time_parse_rejects_garbage)
{
	assert_time_bad("");
	assert_time_bad("yesterday");
	assert_time_bad("2026-12-01");
	assert_time_bad("2026-12-01T02:00Z");
	assert_time_bad("2026-12-01X02:00:00Z");
	assert_time_bad("2026/12/01T02:00:00Z");
	assert_time_bad("2026-12-01T02:00:00Zjunk");
	assert_time_bad("2026-12-01T02:00:00.Z");
	assert_time_bad(" 2026-12-01T02:00:00Z");
	assert_time_bad("+2026-12-01T02:00:00Z");
	assert_time_bad("2026-1a-01T02:00:00Z");
}
END_TEST

START_TEST(test_time_parse_null)
{
	sgg_time v;
	sgg_error err;

	ck_assert_int_eq(sgg_time_parse(NULL, "2026-12-01T02:00:00Z", &err), SGG_EINVAL);
	ck_assert_int_eq(err.code, SGG_EINVAL);
	ck_assert_int_eq(sgg_time_parse(&v, NULL, &err), SGG_EINVAL);
	/* the error description is optional */
	ck_assert_int_eq(sgg_time_parse(&v, NULL, NULL), SGG_EINVAL);
	ck_assert_int_eq(sgg_time_parse(&v, "nonsense", NULL), SGG_ESYNTAX);
}
END_TEST

START_TEST(test_time_format_utc)
{
	char buf[SGG_TIME_BUFSIZE];

	ck_assert_ptr_eq(sgg_time_format(T_0200Z, buf), buf);
	ck_assert_str_eq(buf, "2026-12-01T02:00:00Z");
	ck_assert_str_eq(sgg_time_format(0, buf), "1970-01-01T00:00:00Z");
	ck_assert_str_eq(sgg_time_format(-1, buf), "1969-12-31T23:59:59Z");
	ck_assert_str_eq(sgg_time_format(INT64_C(1709208000), buf), "2024-02-29T12:00:00Z");
}
END_TEST

START_TEST(test_time_format_round_trip)
{
	static const char *const inputs[] = {
	    "2026-12-01T03:00:00+01:00", "2026-11-30T20:30:00-05:30", "2024-02-29T23:59:59Z",
	    "2000-03-01T00:00:00Z",      "1999-12-31T23:59:59Z",      "2038-01-19T03:14:08Z",
	    "1960-06-15T12:34:56+02:00",
	};
	char buf[SGG_TIME_BUFSIZE];

	for (size_t i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
		sgg_time a = t(inputs[i]), b;

		sgg_time_format(a, buf);
		ck_assert_msg(buf[strlen(buf) - 1] == 'Z', "%s not in UTC", buf);
		b = t(buf);
		ck_assert_msg(a == b, "%s -> %s -> %lld, expected %lld", inputs[i], buf,
		              (long long)b, (long long)a);
	}
	/* every second of a day survives the trip, and formats are ordered like times */
	for (sgg_time v = T_0200Z - 86400; v < T_0200Z + 86400; v += 997) {
		sgg_time_format(v, buf);
		ck_assert_int_eq(t(buf), v);
	}
}
END_TEST

static void assert_duration(const char *text, int64_t want)
{
	int64_t got = -1;
	sgg_error err;
	int rc = sgg_duration_parse(&got, text, &err);

	ck_assert_msg(rc == 0, "\"%s\" refused: %s", text, err.text);
	ck_assert_msg(got == want, "\"%s\" gave %lld, expected %lld", text, (long long)got,
	              (long long)want);
}

static void assert_duration_bad(const char *text)
{
	int64_t got = -1;
	sgg_error err;
	int rc = sgg_duration_parse(&got, text, &err);

	ck_assert_msg(rc == SGG_ESYNTAX, "\"%s\" gave %d (%lld), expected SGG_ESYNTAX", text, rc,
	              (long long)got);
	ck_assert_int_eq(err.code, SGG_ESYNTAX);
	ck_assert_msg(err.text[0] != '\0', "no message for \"%s\"", text);
}

START_TEST(test_duration_parse_units)
{
	assert_duration("PT2H", 7200);
	assert_duration("PT90M", 5400);
	assert_duration("P1DT30M", 86400 + 1800);
	assert_duration("PT45S", 45);
	assert_duration("P1W", 7 * 86400);
	assert_duration("P2D", 2 * 86400);
	assert_duration("PT1H30M", 5400);
	assert_duration("PT1H30M15S", 5415);
	assert_duration("P1DT1H1M1S", 86400 + 3600 + 60 + 1);
	assert_duration("PT3600S", 3600);
}
END_TEST

START_TEST(test_duration_parse_rejects)
{
	assert_duration_bad("P");
	assert_duration_bad("PT");
	assert_duration_bad("2H");
	assert_duration_bad("PT-1H");
	assert_duration_bad("P1M"); /* months have no fixed length */
	assert_duration_bad("P1Y");
	assert_duration_bad("");
	assert_duration_bad("P1H"); /* hours need the T */
	assert_duration_bad("PT2");
	assert_duration_bad("PT2H30");
	assert_duration_bad("PT1M1H");
	assert_duration_bad("P1DT");
	assert_duration_bad("PTH");
	assert_duration_bad("PT2H ");
	assert_duration_bad("PT1.5H");
	assert_duration_bad("PT99999999999999999999H");
}
END_TEST

START_TEST(test_duration_parse_null)
{
	int64_t v;
	sgg_error err;

	ck_assert_int_eq(sgg_duration_parse(NULL, "PT2H", &err), SGG_EINVAL);
	ck_assert_int_eq(err.code, SGG_EINVAL);
	ck_assert_int_eq(sgg_duration_parse(&v, NULL, &err), SGG_EINVAL);
	ck_assert_int_eq(sgg_duration_parse(&v, NULL, NULL), SGG_EINVAL);
	ck_assert_int_eq(sgg_duration_parse(&v, "P", NULL), SGG_ESYNTAX);
}
END_TEST

static void assert_window(const char *text, sgg_time start, sgg_time end)
{
	sgg_window w = {0, 0};
	sgg_error err;
	int rc = sgg_window_parse(&w, text, &err);

	ck_assert_msg(rc == 0, "\"%s\" refused: %s", text, err.text);
	ck_assert_msg(w.start == start && w.end == end, "\"%s\" gave [%lld, %lld)", text,
	              (long long)w.start, (long long)w.end);
}

static void assert_window_bad(const char *text)
{
	sgg_window w = {0, 0};
	sgg_error err;
	int rc = sgg_window_parse(&w, text, &err);

	ck_assert_msg(rc == SGG_ESYNTAX, "\"%s\" gave %d, expected SGG_ESYNTAX", text, rc);
	ck_assert_int_eq(err.code, SGG_ESYNTAX);
	ck_assert_msg(err.text[0] != '\0', "no message for \"%s\"", text);
}

START_TEST(test_window_parse_start_end)
{
	assert_window("2026-12-01T02:00:00Z/2026-12-01T04:00:00Z", T_0200Z, T_0200Z + 7200);
	/* each end may carry its own offset */
	assert_window("2026-12-01T03:00:00+01:00/2026-11-30T23:00:00-05:00", T_0200Z,
	              T_0200Z + 7200);
	/* a one-second window is still a window */
	assert_window("2026-12-01T02:00:00Z/2026-12-01T02:00:01Z", T_0200Z, T_0200Z + 1);
}
END_TEST

START_TEST(test_window_parse_start_duration)
{
	assert_window("2026-12-01T02:00:00Z/PT2H", T_0200Z, T_0200Z + 7200);
	assert_window("2026-12-01T03:00:00+01:00/PT90M", T_0200Z, T_0200Z + 5400);
	assert_window("2026-12-01T02:00:00Z/P1DT30M", T_0200Z, T_0200Z + 86400 + 1800);
}
END_TEST

START_TEST(test_window_parse_rejects_empty_or_reversed)
{
	assert_window_bad("2026-12-01T02:00:00Z/2026-12-01T02:00:00Z");
	assert_window_bad("2026-12-01T04:00:00Z/2026-12-01T02:00:00Z");
	/* the same instant written with two offsets is still empty */
	assert_window_bad("2026-12-01T02:00:00Z/2026-12-01T03:00:00+01:00");
	assert_window_bad("2026-12-01T02:00:00Z/PT0S");
}
END_TEST

START_TEST(test_window_parse_rejects_malformed)
{
	assert_window_bad("");
	assert_window_bad("2026-12-01T02:00:00Z");
	assert_window_bad("2026-12-01T02:00:00Z/");
	assert_window_bad("/2026-12-01T04:00:00Z");
	assert_window_bad("2026-12-01T02:00:00/PT2H");
	assert_window_bad("2026-12-01T02:00:00Z/2026-12-01T04:00:00");
	assert_window_bad("2026-12-01T02:00:00Z/PT");
	assert_window_bad("2026-12-01T02:00:00Z/P1M");
	assert_window_bad("2026-12-01T02:00:00Z/2H");
	assert_window_bad("2026-12-01T02:00:00Z/PT2H/PT1H");
	assert_window_bad("2026-02-30T02:00:00Z/PT2H");
}
END_TEST

START_TEST(test_window_parse_null)
{
	sgg_window w;
	sgg_error err;

	ck_assert_int_eq(sgg_window_parse(NULL, "2026-12-01T02:00:00Z/PT2H", &err), SGG_EINVAL);
	ck_assert_int_eq(err.code, SGG_EINVAL);
	ck_assert_int_eq(sgg_window_parse(&w, NULL, &err), SGG_EINVAL);
	ck_assert_int_eq(sgg_window_parse(&w, NULL, NULL), SGG_EINVAL);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("time");
	TCase *tc;

	tc = tcase_create("parse");
	tcase_add_test(tc, test_time_parse_utc);
	tcase_add_test(tc, test_time_parse_offsets);
	tcase_add_test(tc, test_time_parse_fractions_dropped);
	tcase_add_test(tc, test_time_parse_lowercase);
	tcase_add_test(tc, test_time_parse_rejects_no_offset);
	tcase_add_test(tc, test_time_parse_rejects_bad_dates);
	tcase_add_test(tc, test_time_parse_rejects_bad_clock);
	tcase_add_test(tc, test_time_parse_rejects_garbage);
	tcase_add_test(tc, test_time_parse_null);
	suite_add_tcase(s, tc);

	tc = tcase_create("format");
	tcase_add_test(tc, test_time_format_utc);
	tcase_add_test(tc, test_time_format_round_trip);
	suite_add_tcase(s, tc);

	tc = tcase_create("duration");
	tcase_add_test(tc, test_duration_parse_units);
	tcase_add_test(tc, test_duration_parse_rejects);
	tcase_add_test(tc, test_duration_parse_null);
	suite_add_tcase(s, tc);

	tc = tcase_create("window");
	tcase_add_test(tc, test_window_parse_start_end);
	tcase_add_test(tc, test_window_parse_start_duration);
	tcase_add_test(tc, test_window_parse_rejects_empty_or_reversed);
	tcase_add_test(tc, test_window_parse_rejects_malformed);
	tcase_add_test(tc, test_window_parse_null);
	suite_add_tcase(s, tc);

	return run_suite(s);
}
