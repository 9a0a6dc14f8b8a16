/*
 * render_junit.c - a check report as JUnit XML for CI servers: one test
 * case per rule, failed by its blocking findings.
 * SPDX-License-Identifier: MIT
 */
#include "render.h"

#include <string.h>

static void header(sgg__buf *b, size_t tests, size_t failures, size_t errors, sgg_time at)
{
	char t[SGG_TIME_BUFSIZE];

	sgg_time_format(at, t);
	t[strlen(t) - 1] = '\0'; /* JUnit timestamps carry no zone designator */
	sgg__buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	sgg__buf_printf(b, "<testsuites name=\"sgguard\" tests=\"%zu\" failures=\"%zu\" errors=\"%zu\">\n",
	                tests, failures, errors);
	sgg__buf_printf(b,
	                "  <testsuite name=\"sgguard check\" tests=\"%zu\" failures=\"%zu\" "
	                "errors=\"%zu\" skipped=\"0\" time=\"0\" timestamp=\"%s\">\n",
	                tests, failures, errors, at == SGG_TIME_NONE ? "1970-01-01T00:00:00" : t);
}

static void footer(sgg__buf *b)
{
	sgg__buf_puts(b, "  </testsuite>\n</testsuites>\n");
}

/* Whether findings of this severity fail their test case. */
static bool fails(const sgg_report *r, sgg_severity s)
{
	return s == SGG_SEVERITY_BLOCK || (r->strict && s == SGG_SEVERITY_WARN);
}

int sgg__render_junit(char **out, size_t *len, const sgg_report *r, sgg_error *err)
{
	sgg__buf b;
	size_t failures = 0, errors = 0;

	for (int rule = 0; rule < SGG_RULE_COUNT; rule++) {
		sgg_severity s = sgg_rule_severity((sgg_rule)rule);
		bool any = false;

		for (size_t i = 0; i < r->n_findings && !any; i++)
			any = r->findings[i].rule == (sgg_rule)rule;
		if (any && s == SGG_SEVERITY_ERROR)
			errors++;
		else if (any && fails(r, s))
			failures++;
	}
	sgg__buf_init(&b);
	header(&b, SGG_RULE_COUNT, failures, errors, r->checked_at);
	sgg__buf_puts(&b, "    <properties>\n");
	sgg__buf_printf(&b, "      <property name=\"verdict\" value=\"%s\"/>\n",
	                sgg_verdict_name(r->verdict));
	for (size_t i = 0; i < r->n_targets; i++) {
		char label[SGG_STRING_MAX + 64];

		sgg__buf_puts(&b, "      <property name=\"target\" value=\"");
		sgg__buf_put_xml(&b, sgg__group_label(r->targets[i].skill_group, label, sizeof(label)));
		sgg__buf_puts(&b, "\"/>\n");
	}
	sgg__buf_puts(&b, "    </properties>\n");
	for (int rule = 0; rule < SGG_RULE_COUNT; rule++) {
		sgg_severity s = sgg_rule_severity((sgg_rule)rule);
		size_t n = 0;
		const char *tag = s == SGG_SEVERITY_ERROR ? "error" : fails(r, s) ? "failure" : NULL;

		for (size_t i = 0; i < r->n_findings; i++)
			n += r->findings[i].rule == (sgg_rule)rule;
		sgg__buf_printf(&b, "    <testcase classname=\"sgguard.check\" name=\"%s\" time=\"0\"",
		                sgg_rule_id((sgg_rule)rule));
		if (n == 0) {
			sgg__buf_puts(&b, "/>\n");
			continue;
		}
		sgg__buf_puts(&b, ">\n");
		if (tag)
			sgg__buf_printf(&b, "      <%s type=\"%s\" message=\"%zu finding%s\">", tag,
			                sgg_rule_id((sgg_rule)rule), n, n == 1 ? "" : "s");
		else
			sgg__buf_puts(&b, "      <system-out>");
		for (size_t i = 0; i < r->n_findings; i++)
			if (r->findings[i].rule == (sgg_rule)rule) {
				sgg__buf_put_xml(&b, r->findings[i].message);
				sgg__buf_puts(&b, "\n");
			}
		sgg__buf_printf(&b, "</%s>\n    </testcase>\n", tag ? tag : "system-out");
	}
	footer(&b);
	return sgg__buf_finish(&b, out, len, err);
}

int sgg__render_error_junit(char **out, size_t *len, const sgg_error *error, sgg_time at,
                            sgg_error *err)
{
	sgg__buf b;
	char line[SGG_ERROR_SOURCE_LENGTH + SGG_ERROR_PATH_LENGTH + SGG_ERROR_TEXT_LENGTH + 32];

	sgg_error_format(error, line, sizeof(line));
	sgg__buf_init(&b);
	header(&b, 1, 0, 1, at);
	sgg__buf_puts(&b, "    <testcase classname=\"sgguard.check\" name=\"input\" time=\"0\">\n"
	                  "      <error type=\"input\" message=\"");
	sgg__buf_put_xml(&b, line);
	sgg__buf_puts(&b, "\">");
	sgg__buf_put_xml(&b, line);
	sgg__buf_puts(&b, "</error>\n    </testcase>\n");
	footer(&b);
	return sgg__buf_finish(&b, out, len, err);
}
