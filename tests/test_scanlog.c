/*
 * test_scanlog.c - the OPC trace scanner, through the public API, on the
 * realistic traces of tests/data/scanlog/.
 * SPDX-License-Identifier: MIT
 */
#include "testutil.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- helpers ---- */

static void fail_with(const char *what, const sgg_error *err)
{
	char line[1024];

	sgg_error_format(err, line, sizeof(line));
	ck_abort_msg("%s: %s", what, line);
}

static sgg_scan *new_scan(const sgg_scan_options *opts)
{
	sgg_scan *scan = NULL;
	sgg_error err;

	if (sgg_scan_new(&scan, opts, &err) < 0)
		fail_with("sgg_scan_new", &err);
	return scan;
}

static void finish(sgg_scan *scan)
{
	sgg_error err;

	if (sgg_scan_finish(scan, &err) < 0)
		fail_with("sgg_scan_finish", &err);
}

/* Scan files of tests/data/scanlog (NULL-terminated), finished. */
static sgg_scan *scan_files(const sgg_scan_options *opts, const char *first, ...)
{
	sgg_scan *scan = new_scan(opts);
	sgg_error err;
	va_list ap;

	va_start(ap, first);
	for (const char *name = first; name; name = va_arg(ap, const char *)) {
		char path[1024];

		snprintf(path, sizeof(path), "%s", data_path("scanlog"));
		strncat(path, "/", sizeof(path) - strlen(path) - 1);
		strncat(path, name, sizeof(path) - strlen(path) - 1);
		if (sgg_scan_feed_file(scan, path, &err) < 0)
			fail_with(path, &err);
	}
	va_end(ap);
	finish(scan);
	return scan;
}

static sgg_scan *scan_one(const char *name)
{
	return scan_files(NULL, name, (const char *)NULL);
}

/* Scan text in chunks of @p chunk bytes under the source name @p source. */
static sgg_scan *scan_chunks(const char *data, size_t len, size_t chunk, const char *source,
                             const sgg_scan_options *opts)
{
	sgg_scan *scan = new_scan(opts);
	sgg_error err;

	for (size_t off = 0; off < len; off += chunk) {
		size_t n = len - off < chunk ? len - off : chunk;

		if (sgg_scan_feed(scan, data + off, n, source, &err) < 0)
			fail_with("sgg_scan_feed", &err);
	}
	finish(scan);
	return scan;
}

static sgg_scan *scan_text(const char *text)
{
	return scan_chunks(text, strlen(text), strlen(text) + 1, "t.log", NULL);
}

static char *render(const sgg_scan *scan, sgg_format format)
{
	char *out = NULL;
	size_t len = 0;
	sgg_error err;

	if (sgg_scan_render(&out, &len, scan, format, 0, &err) < 0)
		fail_with("sgg_scan_render", &err);
	ck_assert_uint_eq(strlen(out), len);
	return out;
}

static int secs(int h, int m, int s)
{
	return h * 3600 + m * 60 + s;
}

/* Days since 1970-01-01 of a date, through the library's own RFC 3339 parser. */
static int64_t day_of(const char *date)
{
	char buf[64];

	snprintf(buf, sizeof(buf), "%sT00:00:00Z", date);
	return t(buf) / 86400;
}

static const sgg_scan_incident *only(const sgg_scan *scan)
{
	ck_assert_uint_eq(sgg_scan_incident_count(scan), 1);
	return sgg_scan_incident_at(scan, 0);
}

/* ---- the technote ---- */

START_TEST(test_scan_technote_excerpt)
{
	sgg_scan *scan = scan_one("technote.log");
	const sgg_scan_incident *in = only(scan);
	const sgg_scan_stats *st = sgg_scan_stats_get(scan);

	ck_assert_uint_eq(sgg_scan_match_count(scan), 1);
	ck_assert_int_eq(in->kind, SGG_SCAN_INCIDENT);
	ck_assert(in->matches);
	ck_assert_str_eq(in->process, "PG1A-opc");
	ck_assert_str_eq(in->node, "PG1A");
	ck_assert_uint_eq(in->removal.line, 4);
	ck_assert_int_eq(in->removal.seconds, secs(11, 12, 20));
	ck_assert(!in->removal.dated);
	ck_assert_int_eq(in->removal.day, 0);
	ck_assert_int_eq(in->removed, 1);
	/* the whole configuration update the removal was part of */
	ck_assert_uint_eq(in->n_changes, 4);
	ck_assert_str_eq(in->changes[0].action, "UPDATED");
	ck_assert_str_eq(in->changes[0].kind, "SkillGroups");
	ck_assert_str_eq(in->changes[2].kind, "Agents");
	ck_assert_int_eq(in->changes[2].objects, 5);
	ck_assert_str_eq(in->changes[3].action, "REMOVED");
	ck_assert_uint_eq(in->traces, 1);
	ck_assert_uint_eq(in->mismatches, 0);
	ck_assert_uint_eq(in->first_trace.line, 5);
	ck_assert_int_eq(in->first_trace.seconds, secs(11, 12, 24));
	ck_assert_uint_eq(in->n_groups, 1);
	ck_assert_int_eq(in->groups[0].peripheral, 5000);
	ck_assert_int_eq(in->groups[0].number, 40424);
	ck_assert_int_eq(in->groups[0].priority, 0);
	ck_assert(in->groups[0].has_hex);
	ck_assert_int_eq(in->groups[0].hex, 0x9DE8);
	ck_assert(in->groups[0].config == NULL);
	ck_assert_uint_eq(in->n_agents, 1);
	ck_assert_str_eq(in->agents[0].number, "1428");
	ck_assert_int_eq(in->agents[0].peripheral, 5000);
	ck_assert_int_eq(in->agents[0].skill_group, 40424);
	ck_assert_uint_eq(in->crash_lines, 0);
	ck_assert_uint_eq(st->lines, 7);
	ck_assert_uint_eq(st->trace_lines, 5);
	ck_assert_uint_eq(st->wrapped_lines, 2);
	ck_assert_uint_eq(st->summaries, 4);
	ck_assert_uint_eq(st->removals, 1);
	ck_assert_uint_eq(st->traces, 1);
	ck_assert_uint_eq(sgg_scan_change_count(scan), 4);
	ck_assert_int_eq(sgg_scan_change_at(scan, 2)->objects, 5);
	ck_assert(sgg_scan_change_at(scan, 4) == NULL);
	sgg_scan_free(scan);
}
END_TEST

START_TEST(test_scan_technote_named_from_export)
{
	sgg_config *cfg = NULL;
	sgg_scan_options opts = SGG_SCAN_OPTIONS_INIT;
	sgg_error err;
	sgg_scan *scan;
	const sgg_scan_incident *in;

	if (sgg_config_load_file(&cfg, data_path("scanlog/config-after.json"),
	                         SGG_CONFIG_KEEP_DANGLING, &err) < 0)
		fail_with("config", &err);
	opts.config = cfg;
	scan = scan_files(&opts, "wrapped.log", (const char *)NULL);
	ck_assert(sgg_scan_config(scan) == cfg);
	in = only(scan);
	ck_assert_uint_eq(in->n_groups, 3);
	/* the removed groups are deleted rows of the export, found all the same */
	for (size_t k = 0; k < 3; k++) {
		ck_assert(in->groups[k].config != NULL);
		ck_assert_int_eq(in->groups[k].config->priority, in->groups[k].priority);
		ck_assert(in->groups[k].config->deleted);
	}
	ck_assert_str_eq(in->groups[0].config->name, "Literature");
	ck_assert_str_eq(in->groups[2].config->name, "Literature.sec");
	ck_assert_uint_eq(in->n_agents, 2);
	ck_assert_str_eq(in->agents[0].config->name, "Ana Ruiz");
	ck_assert_str_eq(in->agents[1].number, "1431");
	ck_assert_str_eq(in->agents[1].config->name, "Sara Okafor");
	sgg_scan_free(scan);

	/* a group or agent the export lacks stays unnamed */
	{
		static const char text[] =
		    "10:00:00 PG1A-opc REMOVED 1 SkillGroups.\n"
		    "10:00:01 PG1A-opc Trace: Agent::GetSessionTimes - SkillGroup 777 (0x309)"
		    " priority=0 unknown for agent 9999 on Peripheral 5000.\n";

		scan = scan_chunks(text, strlen(text), 4096, "t.log", &opts);
	}
	in = only(scan);
	ck_assert(in->groups[0].config == NULL);
	ck_assert(in->agents[0].config == NULL);
	sgg_scan_free(scan);
	sgg_config_free(cfg);
}
END_TEST

START_TEST(test_scan_technote_crash_line_alone)
{
	/* the technote's first excerpt: the crash trace, no removal before it */
	sgg_scan *scan = scan_one("technote-crash.log");
	const sgg_scan_incident *in = only(scan);

	ck_assert_int_eq(in->kind, SGG_SCAN_UNEXPLAINED);
	ck_assert(!in->matches);
	ck_assert_uint_eq(in->removal.line, 0);
	ck_assert_uint_eq(in->traces, 1);
	ck_assert_int_eq(in->groups[0].number, 40424);
	ck_assert_str_eq(in->agents[0].number, "1428");
	ck_assert_uint_eq(sgg_scan_match_count(scan), 0);
	sgg_scan_free(scan);
}
END_TEST

/* ---- harmless removals, interleaved PGs ---- */

START_TEST(test_scan_nobody_logged_in_is_harmless)
{
	sgg_scan *scan = scan_one("nobody-logged-in.log");
	const sgg_scan_incident *in = only(scan);

	ck_assert_int_eq(in->kind, SGG_SCAN_HARMLESS);
	ck_assert(!in->matches);
	ck_assert_uint_eq(in->traces, 0);
	ck_assert_uint_eq(in->n_groups, 0);
	ck_assert(in->removal.dated);
	ck_assert_int_eq(in->removal.day, day_of("2026-11-29"));
	ck_assert_int_eq(in->removal.seconds, secs(2, 1, 12));
	ck_assert_uint_eq(in->n_changes, 2);
	ck_assert_uint_eq(sgg_scan_match_count(scan), 0);
	ck_assert_uint_eq(sgg_scan_stats_get(scan)->date_headers, 1);
	sgg_scan_free(scan);
}
END_TEST

START_TEST(test_scan_two_pgs_interleaved)
{
	sgg_scan *scan = scan_one("two-pgs.log");
	const sgg_scan_incident *a, *b;

	ck_assert_uint_eq(sgg_scan_incident_count(scan), 2);
	ck_assert_uint_eq(sgg_scan_match_count(scan), 1);
	a = sgg_scan_incident_at(scan, 0);
	b = sgg_scan_incident_at(scan, 1);
	/* PG2B's removal, then its traces; PG1A's lines in between change nothing */
	ck_assert_int_eq(a->kind, SGG_SCAN_INCIDENT);
	ck_assert_str_eq(a->process, "PG2B-opc");
	ck_assert_uint_eq(a->removal.line, 7);
	ck_assert_uint_eq(a->n_changes, 3);
	ck_assert_uint_eq(a->traces, 3);
	ck_assert_uint_eq(a->n_groups, 1);
	ck_assert_int_eq(a->groups[0].peripheral, 5001);
	ck_assert_int_eq(a->groups[0].number, 41000);
	ck_assert_uint_eq(a->groups[0].traces, 3);
	ck_assert_uint_eq(a->n_agents, 2);
	ck_assert_str_eq(a->agents[0].number, "2001");
	ck_assert_str_eq(a->agents[1].number, "2002");
	ck_assert_uint_eq(a->agents[1].traces, 2);
	/* PG2B's node manager line is a crash line of the same node */
	ck_assert_uint_eq(a->crash_lines, 2);
	ck_assert_uint_eq(a->crash.line, 12);
	ck_assert_ptr_nonnull(strstr(a->crash_text, "is down"));
	/* PG1A's removal stays harmless even though PG2B traced meanwhile */
	ck_assert_int_eq(b->kind, SGG_SCAN_HARMLESS);
	ck_assert_str_eq(b->process, "PG1A-opc");
	ck_assert_int_eq(b->removed, 2);
	ck_assert_uint_eq(b->crash_lines, 0);
	sgg_scan_free(scan);
}
END_TEST

START_TEST(test_scan_traces_of_another_process_do_not_count)
{
	sgg_scan *scan = scan_one("two-pgs-crossed.log");

	ck_assert_uint_eq(sgg_scan_incident_count(scan), 2);
	ck_assert_uint_eq(sgg_scan_match_count(scan), 0);
	ck_assert_int_eq(sgg_scan_incident_at(scan, 0)->kind, SGG_SCAN_HARMLESS);
	ck_assert_str_eq(sgg_scan_incident_at(scan, 0)->process, "PG1A-opc");
	ck_assert_int_eq(sgg_scan_incident_at(scan, 1)->kind, SGG_SCAN_UNEXPLAINED);
	ck_assert_str_eq(sgg_scan_incident_at(scan, 1)->process, "PG2B-opc");
	sgg_scan_free(scan);
}
END_TEST

/* ---- line forms ---- */

START_TEST(test_scan_wrapped_lines)
{
	sgg_scan *scan = scan_one("wrapped.log");
	const sgg_scan_incident *in = only(scan);
	const sgg_scan_stats *st = sgg_scan_stats_get(scan);

	ck_assert(in->matches);
	/* three wrapped traces; the one cut short after "unknown" is not one */
	ck_assert_uint_eq(in->traces, 3);
	ck_assert_uint_eq(in->n_groups, 3);
	for (int k = 0; k < 3; k++) {
		ck_assert_int_eq(in->groups[k].number, 40424);
		ck_assert_int_eq(in->groups[k].priority, k);
	}
	ck_assert_uint_eq(in->first_trace.line, 5);
	ck_assert_uint_eq(in->last_trace.line, 10);
	ck_assert_str_eq(in->agents[1].number, "1431");
	ck_assert_uint_eq(st->wrapped_lines, 7);
	ck_assert_uint_eq(st->trace_lines, 8);
	ck_assert_uint_eq(st->ignored_lines, 0);
	sgg_scan_free(scan);
}
END_TEST

START_TEST(test_scan_crlf_reads_as_lf)
{
	size_t lf_len, crlf_len;
	char *lf = slurp(data_path("scanlog/technote.log"), &lf_len);
	char *crlf = slurp(data_path("scanlog/crlf.log"), &crlf_len);
	sgg_scan *a, *b;
	char *ja, *jb;

	ck_assert_uint_eq(crlf_len, lf_len + 7); /* really CRLF, one CR per line */
	a = scan_chunks(lf, lf_len, 4096, "same.log", NULL);
	b = scan_chunks(crlf, crlf_len, 4096, "same.log", NULL);
	ck_assert_uint_eq(sgg_scan_match_count(b), 1);
	ck_assert_uint_eq(sgg_scan_stats_get(b)->wrapped_lines, 2);
	ja = render(a, SGG_FORMAT_JSON);
	jb = render(b, SGG_FORMAT_JSON);
	/* only the byte counts differ */
	ck_assert_ptr_nonnull(strstr(ja, "\"bytes\": 284"));
	ck_assert_ptr_nonnull(strstr(jb, "\"bytes\": 291"));
	ck_assert_msg(strcmp(strstr(ja, "\"wrapped_lines\""), strstr(jb, "\"wrapped_lines\"")) == 0,
	              "the CRLF trace reads differently");
	sgg_free(ja);
	sgg_free(jb);
	sgg_scan_free(a);
	sgg_scan_free(b);
	free(lf);
	free(crlf);
}
END_TEST

START_TEST(test_scan_midnight_undated)
{
	sgg_scan *scan = scan_one("midnight.log");
	const sgg_scan_incident *in = only(scan);
	char buf[SGG_SCAN_STAMP_BUFSIZE];

	ck_assert(in->matches);
	ck_assert_int_eq(in->removal.day, 0);
	ck_assert_int_eq(in->removal.seconds, secs(23, 59, 50));
	ck_assert_int_eq(in->first_trace.day, 1);
	ck_assert_int_eq(in->first_trace.seconds, 10);
	ck_assert_str_eq(sgg_scan_stamp_format(&in->first_trace, buf), "00:00:10 (day +1)");
	ck_assert_str_eq(sgg_scan_stamp_format(&in->removal, buf), "23:59:50");
	sgg_scan_free(scan);
}
END_TEST

START_TEST(test_scan_midnight_dated)
{
	sgg_scan *scan = scan_one("midnight-dated.log");
	const sgg_scan_incident *in = only(scan);
	char buf[SGG_SCAN_STAMP_BUFSIZE];

	ck_assert(in->matches);
	ck_assert(in->removal.dated);
	ck_assert_int_eq(in->removal.day, day_of("2026-11-29"));
	ck_assert_int_eq(in->first_trace.day, day_of("2026-11-30"));
	ck_assert_str_eq(sgg_scan_stamp_format(&in->first_trace, buf), "2026-11-30 00:00:10");
	ck_assert_str_eq(sgg_scan_stamp_format(&in->removal, buf), "2026-11-29 23:59:50");
	sgg_scan_free(scan);
}
END_TEST

START_TEST(test_scan_small_step_back_is_not_a_day)
{
	/* interleaved processes a few seconds out of order stay on the same day */
	sgg_scan *scan = scan_text("10:00:05 PG1A-opc REMOVED 1 SkillGroups.\n"
	                           "10:00:02 PG2B-opc Trace: CSTA heartbeat sent to PIM 2.\n"
	                           "10:00:06 PG1A-opc Trace: Agent::GetSessionTimes - SkillGroup 5"
	                           " (0x5) priority=0 unknown for agent 7 on Peripheral 5000.\n"
	                           "09:00:00 PG1A-opc Trace: the next morning.\n");
	const sgg_scan_source *src = sgg_scan_source_at(scan, 0);

	ck_assert(only(scan)->matches);
	ck_assert_int_eq(only(scan)->first_trace.day, 0);
	ck_assert_int_eq(src->last.day, 1);
	ck_assert_int_eq(src->last.seconds, secs(9, 0, 0));
	sgg_scan_free(scan);
}
END_TEST

START_TEST(test_scan_date_headers)
{
	static const struct {
		const char *header;
		const char *date;
	} cases[] = {
	    {"Events from November 29, 2026 11:00:00", "2026-11-29"},
	    {"Events from Sunday, November 29, 2026", "2026-11-29"},
	    {"Events from Nov 29 2026 10:00:00 AM", "2026-11-29"},
	    {"Events from 29 November 2026", "2026-11-29"},
	    {"Events from 2026-11-29", "2026-11-29"},
	    {"Events from 2026-11-29T09:00:00", "2026-11-29"},
	    {"Events from 11/29/2026 09:00:00", "2026-11-29"},
	    {"Events from February 29, 2028", "2028-02-29"},
	    /* the header's own time sets the clock: 11:12 after 11:50 PM is the next day */
	    {"Events from November 29, 2026 11:50:00 PM", "2026-11-30"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char text[512];
		sgg_scan *scan;

		snprintf(text, sizeof(text), "%s\n11:12:20 PG1A-opc REMOVED 1 SkillGroups.\n",
		         cases[i].header);
		scan = scan_text(text);
		ck_assert_uint_eq(sgg_scan_stats_get(scan)->date_headers, 1);
		ck_assert_msg(only(scan)->removal.dated, "%s", cases[i].header);
		ck_assert_msg(only(scan)->removal.day == day_of(cases[i].date), "%s",
		              cases[i].header);
		sgg_scan_free(scan);
	}
}
END_TEST

START_TEST(test_scan_date_on_the_line)
{
	sgg_scan *scan = scan_text("2026-11-29 11:12:20.123 PG1A-opc REMOVED 1 SkillGroups.\n"
	                           "11/30/2026 00:00:01 PG1A-opc Trace: CSTA heartbeat.\n");
	const sgg_scan_source *src = sgg_scan_source_at(scan, 0);

	ck_assert(only(scan)->removal.dated);
	ck_assert_int_eq(only(scan)->removal.day, day_of("2026-11-29"));
	ck_assert_int_eq(only(scan)->removal.seconds, secs(11, 12, 20));
	ck_assert_int_eq(src->last.day, day_of("2026-11-30"));
	sgg_scan_free(scan);
}
END_TEST

START_TEST(test_scan_bad_headers_are_ignored)
{
	sgg_scan *scan = scan_text("Events from November 31, 2026\n"
	                           "Events from Smarch 3, 2026\n"
	                           "Events from 1969-12-31\n"
	                           "11:12:20 PG1A-opc REMOVED 1 SkillGroups.\n");

	ck_assert_uint_eq(sgg_scan_stats_get(scan)->date_headers, 0);
	ck_assert_uint_eq(sgg_scan_stats_get(scan)->ignored_lines, 3);
	ck_assert(!only(scan)->removal.dated);
	sgg_scan_free(scan);
}
END_TEST

/* ---- the numbers in the trace ---- */

START_TEST(test_scan_decimal_hex_mismatch)
{
	sgg_scan *scan = scan_one("mismatch.log");
	const sgg_scan_incident *in = only(scan);

	/* the trace is listed, but numbers OPC would not write do not make the pattern */
	ck_assert_int_eq(in->kind, SGG_SCAN_INCIDENT);
	ck_assert(!in->matches);
	ck_assert_uint_eq(in->mismatches, 1);
	ck_assert_uint_eq(in->groups[0].mismatches, 1);
	ck_assert_int_eq(in->groups[0].mismatch_hex, 0x9DE9);
	ck_assert_int_eq(in->groups[0].number, 40424);
	ck_assert_uint_eq(sgg_scan_match_count(scan), 0);
	ck_assert_uint_eq(sgg_scan_stats_get(scan)->mismatches, 1);
	sgg_scan_free(scan);

	scan = scan_one("mismatch-mixed.log");
	in = only(scan);
	ck_assert(in->matches);
	ck_assert_uint_eq(in->traces, 2);
	ck_assert_uint_eq(in->mismatches, 1);
	ck_assert_uint_eq(in->groups[1].mismatches, 0);
	ck_assert_int_eq(in->groups[1].hex, 40425);
	sgg_scan_free(scan);
}
END_TEST

START_TEST(test_scan_trace_without_hex)
{
	sgg_scan *scan =
	    scan_text("10:00:00 PG1A-opc REMOVED 1 SkillGroups.\n"
	              "10:00:01 PG1A-opc Trace: Agent::GetSessionTimes - SkillGroup 40424"
	              " priority=0 unknown for agent 1428 on Peripheral 5000.\n");

	ck_assert(only(scan)->matches);
	ck_assert(!only(scan)->groups[0].has_hex);
	sgg_scan_free(scan);
}
END_TEST

START_TEST(test_scan_other_object_kinds)
{
	sgg_scan *scan = scan_text("10:00:00 PG1A-opc ADDED 3 Agents.\n"
	                           "10:00:00 PG1A-opc REMOVED 2 Routes.\n"
	                           "10:00:00 PG1A-opc REMOVED 1 AgentTeams.\n"
	                           "10:00:00 PG1A-opc UPDATED 4 Services.\n"
	                           "10:00:00 PG1A-opc REMOVED 0 SkillGroups.\n");

	/* removing other objects, or no skill group, is no skill-group removal */
	ck_assert_uint_eq(sgg_scan_incident_count(scan), 0);
	ck_assert_uint_eq(sgg_scan_stats_get(scan)->summaries, 5);
	ck_assert_uint_eq(sgg_scan_stats_get(scan)->removals, 0);
	ck_assert_uint_eq(sgg_scan_change_count(scan), 5);
	ck_assert_str_eq(sgg_scan_change_at(scan, 0)->action, "ADDED");
	ck_assert_str_eq(sgg_scan_change_at(scan, 3)->kind, "Services");
	ck_assert_int_eq(sgg_scan_change_at(scan, 3)->objects, 4);
	sgg_scan_free(scan);
}
END_TEST

START_TEST(test_scan_one_update_removing_twice_is_one_removal)
{
	sgg_scan *scan = scan_text("10:00:00 PG1A-opc REMOVED 1 SkillGroups.\n"
	                           "10:00:01 PG1A-opc REMOVED 2 SkillGroups.\n"
	                           "10:00:30 PG1A-opc REMOVED 1 SkillGroups.\n");

	ck_assert_uint_eq(sgg_scan_incident_count(scan), 2);
	ck_assert_int_eq(sgg_scan_incident_at(scan, 0)->removed, 3);
	ck_assert_uint_eq(sgg_scan_incident_at(scan, 0)->n_changes, 1);
	ck_assert_uint_eq(sgg_scan_incident_at(scan, 0)->changes[0].lines, 2);
	ck_assert_int_eq(sgg_scan_incident_at(scan, 1)->removed, 1);
	ck_assert_uint_eq(sgg_scan_stats_get(scan)->removals, 2);
	sgg_scan_free(scan);
}
END_TEST

/* ---- garbage, crash lines, windows ---- */

START_TEST(test_scan_garbage_is_skipped)
{
	sgg_scan *scan = scan_one("garbage.log");
	const sgg_scan_stats *st = sgg_scan_stats_get(scan);
	const sgg_scan_incident *in = only(scan);

	/* 21 lines: 7 begin with a time and a process (5 of them mean nothing),
	 * one is 5,000 bytes long, the 13 others are noise */
	ck_assert_uint_eq(st->lines, 21);
	ck_assert_uint_eq(st->trace_lines, 7);
	ck_assert_uint_eq(st->long_lines, 1);
	ck_assert_uint_eq(st->ignored_lines, 13);
	ck_assert_uint_eq(st->summaries, 2);
	ck_assert_uint_eq(st->traces, 1);
	ck_assert(in->matches);
	ck_assert_uint_eq(in->removal.line, 18);
	sgg_scan_free(scan);
}
END_TEST

START_TEST(test_scan_crash_lines)
{
	sgg_scan *scan = scan_one("crash.log");
	const sgg_scan_incident *in = only(scan);

	/* the exception, PG1A's node manager and the restart; not PG2B's line,
	 * not the line half an hour later */
	ck_assert_uint_eq(in->crash_lines, 3);
	ck_assert_uint_eq(in->crash.line, 5);
	ck_assert_ptr_nonnull(strstr(in->crash_text, "Dr. Watson"));
	ck_assert_uint_eq(sgg_scan_stats_get(scan)->crash_lines, 3);
	ck_assert_uint_eq(in->n_agents, 2);
	sgg_scan_free(scan);
}
END_TEST

START_TEST(test_scan_window)
{
	sgg_scan_options opts = SGG_SCAN_OPTIONS_INIT;
	sgg_scan *scan;
	static const char text[] =
	    "10:00:00 PG1A-opc REMOVED 1 SkillGroups.\n"
	    "10:04:00 PG1A-opc Trace: Agent::GetSessionTimes - SkillGroup 5 (0x5) priority=0"
	    " unknown for agent 7 on Peripheral 5000.\n"
	    /* within 5 minutes of the trace before, not of the removal */
	    "10:08:00 PG1A-opc Trace: Agent::GetSessionTimes - SkillGroup 5 (0x5) priority=0"
	    " unknown for agent 8 on Peripheral 5000.\n";

	scan = scan_text(text);
	ck_assert_uint_eq(sgg_scan_window(scan), SGG_SCAN_DEFAULT_WINDOW);
	ck_assert(only(scan)->matches);
	ck_assert_uint_eq(only(scan)->traces, 2);
	sgg_scan_free(scan);

	opts.window = 180;
	scan = scan_chunks(text, strlen(text), 4096, "t.log", &opts);
	/* 3 minutes: the first trace comes too late, the second too long after it */
	ck_assert_uint_eq(sgg_scan_incident_count(scan), 3);
	ck_assert_int_eq(sgg_scan_incident_at(scan, 0)->kind, SGG_SCAN_HARMLESS);
	ck_assert_int_eq(sgg_scan_incident_at(scan, 1)->kind, SGG_SCAN_UNEXPLAINED);
	ck_assert_uint_eq(sgg_scan_incident_at(scan, 1)->traces, 1);
	ck_assert_int_eq(sgg_scan_incident_at(scan, 2)->kind, SGG_SCAN_UNEXPLAINED);
	ck_assert_uint_eq(sgg_scan_match_count(scan), 0);
	sgg_scan_free(scan);
}
END_TEST

/* ---- streaming ---- */

static const char *const fixtures[] = {
    "technote.log", "technote-crash.log",  "nobody-logged-in.log",
    "two-pgs.log",  "two-pgs-crossed.log", "wrapped.log",
    "crlf.log",     "midnight.log",        "midnight-dated.log",
    "mismatch.log", "mismatch-mixed.log",  "garbage.log",
    "crash.log",    "unexplained.log",
};

START_TEST(test_scan_chunk_size_does_not_matter)
{
	static const size_t sizes[] = {1, 7, 4096};
	const char *name = fixtures[_i];
	char *data, *whole_json, *whole_text;
	sgg_scan *whole;
	size_t len;

	{
		char path[1024];

		snprintf(path, sizeof(path), "scanlog/%s", name);
		data = slurp(data_path(path), &len);
	}
	whole = scan_chunks(data, len, len + 1, name, NULL);
	whole_json = render(whole, SGG_FORMAT_JSON);
	whole_text = render(whole, SGG_FORMAT_TEXT);
	for (size_t k = 0; k < sizeof(sizes) / sizeof(sizes[0]); k++) {
		sgg_scan *part = scan_chunks(data, len, sizes[k], name, NULL);
		char *json = render(part, SGG_FORMAT_JSON), *text = render(part, SGG_FORMAT_TEXT);

		ck_assert_msg(strcmp(json, whole_json) == 0, "%s in chunks of %zu", name, sizes[k]);
		ck_assert_msg(strcmp(text, whole_text) == 0, "%s in chunks of %zu", name, sizes[k]);
		sgg_free(json);
		sgg_free(text);
		sgg_scan_free(part);
	}
	sgg_free(whole_json);
	sgg_free(whole_text);
	sgg_scan_free(whole);
	free(data);
}
END_TEST

START_TEST(test_scan_long_lines_in_every_chunking)
{
	sgg_scan_options opts = SGG_SCAN_OPTIONS_INIT;
	char text[1024];
	size_t len;

	opts.max_line = 80;
	/* 80 bytes is kept, 81 is not, a CR does not count */
	len = (size_t)snprintf(text, sizeof(text),
	                       "10:00:00 PG1A-opc REMOVED 1 SkillGroups.%40s\n"
	                       "10:00:00 PG1A-opc REMOVED 1 SkillGroups.%40s\r\n"
	                       "10:00:00 PG1A-opc REMOVED 1 SkillGroups.%41s\n"
	                       "10:00:00 PG1A-opc REMOVED 1 SkillGroups.%41s",
	                       "", "", "", "");
	for (size_t chunk = 1; chunk <= len + 1; chunk += chunk < 100 ? 1 : 50) {
		sgg_scan *scan = scan_chunks(text, len, chunk, "t.log", &opts);
		const sgg_scan_stats *st = sgg_scan_stats_get(scan);

		ck_assert_msg(st->lines == 4 && st->long_lines == 2 && st->summaries == 2,
		              "chunks of %zu: %llu lines, %llu long, %llu summaries", chunk,
		              (unsigned long long)st->lines, (unsigned long long)st->long_lines,
		              (unsigned long long)st->summaries);
		sgg_scan_free(scan);
	}
}
END_TEST

START_TEST(test_scan_several_sources)
{
	sgg_scan *scan;
	const sgg_scan_source *src;

	/* an undated removal and undated traces in another file are not linked */
	scan = scan_files(NULL, "nobody-logged-in.log", "technote-crash.log", "technote.log",
	                  (const char *)NULL);
	ck_assert_uint_eq(sgg_scan_source_count(scan), 3);
	src = sgg_scan_source_at(scan, 1);
	ck_assert_ptr_nonnull(strstr(src->name, "technote-crash.log"));
	ck_assert_uint_eq(src->lines, 2);
	ck_assert(!src->first.dated); /* the first file's date does not carry over */
	ck_assert_uint_eq(sgg_scan_incident_count(scan), 3);
	ck_assert_int_eq(sgg_scan_incident_at(scan, 0)->kind, SGG_SCAN_HARMLESS);
	ck_assert_int_eq(sgg_scan_incident_at(scan, 1)->kind, SGG_SCAN_UNEXPLAINED);
	ck_assert_int_eq(sgg_scan_incident_at(scan, 2)->kind, SGG_SCAN_INCIDENT);
	ck_assert_uint_eq(sgg_scan_match_count(scan), 1);
	ck_assert(sgg_scan_source_at(scan, 3) == NULL);
	sgg_scan_free(scan);

	/* the same file twice is two sources */
	scan = scan_files(NULL, "technote.log", "technote.log", (const char *)NULL);
	ck_assert_uint_eq(sgg_scan_source_count(scan), 2);
	ck_assert_uint_eq(sgg_scan_match_count(scan), 2);
	sgg_scan_free(scan);
}
END_TEST

START_TEST(test_scan_dated_sources_link)
{
	sgg_scan *scan = new_scan(NULL);
	sgg_error err;
	static const char a[] =
	    "Events from 2026-11-29\n23:59:58 PG1A-opc REMOVED 1 SkillGroups.\n";
	static const char b[] =
	    "Events from 2026-11-30\n00:00:03 PG1A-opc Trace: Agent::GetSessionTimes"
	    " - SkillGroup 5 (0x5) priority=0 unknown for agent 7 on Peripheral 1.\n";

	ck_assert_int_eq(sgg_scan_feed(scan, a, strlen(a), "a.log", &err), 0);
	ck_assert_int_eq(sgg_scan_feed(scan, b, strlen(b), "b.log", &err), 0);
	finish(scan);
	ck_assert(only(scan)->matches);
	ck_assert_str_eq(only(scan)->first_trace.source, "b.log");
	sgg_scan_free(scan);
}
END_TEST

/* ---- limits ---- */

START_TEST(test_scan_listing_limits)
{
	size_t cap = 1600 * 80 + 70000 * 140 + 4096, len = 0;
	char *text = malloc(cap);
	sgg_scan *scan;
	const sgg_scan_stats *st;
	const sgg_scan_incident *last;

	ck_assert(text != NULL);
	/* 1,500 harmless removals, ten minutes apart */
	for (int i = 0; i < 1500; i++) {
		int s = i * 600 % 86400;

		len += (size_t)snprintf(text + len, cap - len,
		                        "Events from 2026-11-%02d\n%02d:%02d:00 PG1A-opc REMOVED 1 "
		                        "SkillGroups.\n",
		                        1 + i * 600 / 86400, s / 3600, s / 60 % 60);
	}
	/* then one incident with 70,000 distinct agents */
	len +=
	    (size_t)snprintf(text + len, cap - len,
	                     "Events from 2026-11-30\n10:00:00 PG1A-opc REMOVED 1 SkillGroups.\n");
	for (int i = 0; i < 70000; i++)
		len += (size_t)snprintf(
		    text + len, cap - len,
		    "10:00:01 PG1A-opc Trace: Agent::GetSessionTimes - SkillGroup 5 "
		    "(0x5) priority=0 unknown for agent %d on Peripheral 1.\n",
		    i);
	ck_assert_uint_lt(len, cap);
	scan = scan_chunks(text, len, 65536, "big.log", NULL);
	st = sgg_scan_stats_get(scan);
	ck_assert_uint_eq(st->removals, 1501);
	ck_assert_uint_eq(st->unlisted, 500);
	ck_assert_uint_eq(sgg_scan_incident_count(scan), 1001);
	ck_assert_uint_eq(sgg_scan_match_count(scan), 1);
	last = sgg_scan_incident_at(scan, 1000);
	ck_assert(last->matches);
	ck_assert_uint_eq(last->traces, 70000);
	ck_assert_uint_eq(last->n_agents, 65536);
	ck_assert_uint_eq(last->agents_unlisted, 70000 - 65536);
	ck_assert_uint_eq(last->groups[0].traces, 70000);
	sgg_scan_free(scan);
	free(text);
}
END_TEST

/* ---- the API ---- */

START_TEST(test_scan_api_misuse)
{
	sgg_scan_options opts = SGG_SCAN_OPTIONS_INIT;
	sgg_scan *scan = (sgg_scan *)&opts;
	sgg_error err;
	char *out = (char *)&opts;

	ck_assert_int_eq(sgg_scan_new(NULL, NULL, &err), SGG_EINVAL);
	opts.window = 0;
	ck_assert_int_eq(sgg_scan_new(&scan, &opts, &err), SGG_EINVAL);
	ck_assert(scan == NULL);
	opts.window = 86401;
	ck_assert_int_eq(sgg_scan_new(&scan, &opts, &err), SGG_EINVAL);
	opts.window = -1;
	opts.max_line = 10;
	ck_assert_int_eq(sgg_scan_new(&scan, &opts, &err), SGG_EINVAL);
	opts.max_line = 0;
	opts.version = 99;
	ck_assert_int_eq(sgg_scan_new(&scan, &opts, &err), SGG_EINVAL);
	sgg_scan_free(NULL);

	scan = new_scan(NULL);
	ck_assert_int_eq(sgg_scan_feed(scan, NULL, 3, "x", &err), SGG_EINVAL);
	ck_assert_int_eq(sgg_scan_finish(NULL, &err), SGG_EINVAL);
	/* nothing to read before the scan is finished */
	ck_assert(sgg_scan_stats_get(scan) == NULL);
	ck_assert_uint_eq(sgg_scan_incident_count(scan), 0);
	ck_assert_int_eq(sgg_scan_render(&out, NULL, scan, SGG_FORMAT_TEXT, 0, &err), SGG_EINVAL);
	ck_assert(out == NULL);
	finish(scan);
	ck_assert_int_eq(sgg_scan_feed(scan, "x\n", 2, "x", &err), SGG_ESTATE);
	ck_assert_int_eq(sgg_scan_finish(scan, &err), SGG_ESTATE);
	ck_assert_int_eq(sgg_scan_render(&out, NULL, scan, SGG_FORMAT_JUNIT, 0, &err), SGG_EINVAL);
	ck_assert_int_eq(sgg_scan_render(NULL, NULL, scan, SGG_FORMAT_TEXT, 0, &err), SGG_EINVAL);
	ck_assert_str_eq(sgg_scan_kind_name(SGG_SCAN_HARMLESS), "harmless");
	ck_assert(sgg_scan_kind_name((sgg_scan_kind)7) == NULL);
	sgg_scan_free(scan);
}
END_TEST

START_TEST(test_scan_unreadable_input)
{
	sgg_scan *scan = new_scan(NULL);
	sgg_error err;
	static const char utf16[] = "\xFF\xFE"
	                            "1\0"
	                            "1\0"
	                            ":\0";

	ck_assert_int_eq(sgg_scan_feed_file(scan, data_path("scanlog/no-such.log"), &err), SGG_EIO);
	ck_assert_ptr_nonnull(strstr(err.source, "no-such.log"));
	ck_assert_ptr_nonnull(strstr(err.text, "cannot open"));
	/* a file that could not be opened leaves the scan usable */
	ck_assert_int_eq(sgg_scan_feed_file(scan, data_path("scanlog"), &err), SGG_EIO);
	ck_assert_ptr_nonnull(strstr(err.text, "cannot read"));
	sgg_scan_free(scan);

	scan = new_scan(NULL);
	ck_assert_int_eq(sgg_scan_feed(scan, utf16, sizeof(utf16) - 1, "w.log", &err), 0);
	ck_assert_int_eq(sgg_scan_finish(scan, &err), SGG_ESYNTAX);
	ck_assert_str_eq(err.source, "w.log");
	ck_assert_int_eq(err.line, 1);
	ck_assert_ptr_nonnull(strstr(err.text, "UTF-16"));
	/* a failed scan gives no result afterwards */
	ck_assert_int_eq(sgg_scan_finish(scan, &err), SGG_ESTATE);
	ck_assert_int_eq(sgg_scan_feed(scan, "x\n", 2, "w.log", &err), SGG_ESTATE);
	ck_assert(sgg_scan_stats_get(scan) == NULL);
	sgg_scan_free(scan);
}
END_TEST

START_TEST(test_scan_empty_input)
{
	sgg_scan *scan = new_scan(NULL);
	sgg_error err;
	char *text;

	ck_assert_int_eq(sgg_scan_feed(scan, NULL, 0, "empty.log", &err), 0);
	finish(scan);
	ck_assert_uint_eq(sgg_scan_source_count(scan), 1);
	ck_assert_uint_eq(sgg_scan_source_at(scan, 0)->lines, 0);
	ck_assert_uint_eq(sgg_scan_incident_count(scan), 0);
	text = render(scan, SGG_FORMAT_TEXT);
	ck_assert_ptr_nonnull(strstr(text, "NO MATCH: nothing in the input looks like OPC trace"));
	sgg_free(text);
	sgg_scan_free(scan);
}
END_TEST

START_TEST(test_scan_render_json_shape)
{
	sgg_scan *scan = scan_one("two-pgs.log");
	char *json = render(scan, SGG_FORMAT_JSON);

	ck_assert_ptr_nonnull(strstr(json, "\"format\": \"sgguard-scan/1\""));
	ck_assert_ptr_nonnull(strstr(json, "\"verdict\": \"match\""));
	ck_assert_ptr_nonnull(strstr(json, "\"kind\": \"harmless\""));
	ck_assert_ptr_nonnull(strstr(json, "\"hex\": \"0xA028\""));
	ck_assert_ptr_nonnull(strstr(json, "\"date\": \"2026-11-29\""));
	ck_assert_uint_eq(json[strlen(json) - 1], '\n');
	sgg_free(json);
	sgg_scan_free(scan);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("scanlog");
	TCase *tc;

	tc = tcase_create("technote");
	tcase_add_test(tc, test_scan_technote_excerpt);
	tcase_add_test(tc, test_scan_technote_named_from_export);
	tcase_add_test(tc, test_scan_technote_crash_line_alone);
	suite_add_tcase(s, tc);

	tc = tcase_create("processes");
	tcase_add_test(tc, test_scan_nobody_logged_in_is_harmless);
	tcase_add_test(tc, test_scan_two_pgs_interleaved);
	tcase_add_test(tc, test_scan_traces_of_another_process_do_not_count);
	suite_add_tcase(s, tc);

	tc = tcase_create("lines");
	tcase_add_test(tc, test_scan_wrapped_lines);
	tcase_add_test(tc, test_scan_crlf_reads_as_lf);
	tcase_add_test(tc, test_scan_midnight_undated);
	tcase_add_test(tc, test_scan_midnight_dated);
	tcase_add_test(tc, test_scan_small_step_back_is_not_a_day);
	tcase_add_test(tc, test_scan_date_headers);
	tcase_add_test(tc, test_scan_date_on_the_line);
	tcase_add_test(tc, test_scan_bad_headers_are_ignored);
	suite_add_tcase(s, tc);

	tc = tcase_create("numbers");
	tcase_add_test(tc, test_scan_decimal_hex_mismatch);
	tcase_add_test(tc, test_scan_trace_without_hex);
	tcase_add_test(tc, test_scan_other_object_kinds);
	tcase_add_test(tc, test_scan_one_update_removing_twice_is_one_removal);
	suite_add_tcase(s, tc);

	tc = tcase_create("analysis");
	tcase_add_test(tc, test_scan_garbage_is_skipped);
	tcase_add_test(tc, test_scan_crash_lines);
	tcase_add_test(tc, test_scan_window);
	suite_add_tcase(s, tc);

	tc = tcase_create("streaming");
	tcase_add_loop_test(tc, test_scan_chunk_size_does_not_matter, 0,
	                    (int)(sizeof(fixtures) / sizeof(fixtures[0])));
	tcase_add_test(tc, test_scan_long_lines_in_every_chunking);
	tcase_add_test(tc, test_scan_several_sources);
	tcase_add_test(tc, test_scan_dated_sources_link);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);

	tc = tcase_create("limits");
	tcase_add_test(tc, test_scan_listing_limits);
	tcase_set_timeout(tc, 120);
	suite_add_tcase(s, tc);

	tc = tcase_create("api");
	tcase_add_test(tc, test_scan_api_misuse);
	tcase_add_test(tc, test_scan_unreadable_input);
	tcase_add_test(tc, test_scan_empty_input);
	tcase_add_test(tc, test_scan_render_json_shape);
	suite_add_tcase(s, tc);

	return run_suite(s);
}
