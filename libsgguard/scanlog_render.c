/*
 * scanlog_render.c - a finished trace scan as text for the administrator
 * after an outage (the answer first, then each incident, then what to do)
 * or as JSON (sgguard-scan/1) for tools. Built on the public accessors only.
 * SPDX-License-Identifier: MIT
 */
#include "json_output.h"
#include "internal.h"

#include <jansson.h>
#include <string.h>

#define BOLD_RED   "\033[1;31m"
#define BOLD_GREEN "\033[1;32m"
#define RESET      "\033[0m"

/* ---- shared ---- */

static bool stamps_comparable(const sgg_scan_stamp *a, const sgg_scan_stamp *b)
{
	return a->line && b->line && a->dated == b->dated &&
	       (a->dated || (a->source && b->source && strcmp(a->source, b->source) == 0));
}

static int64_t stamp_seconds(const sgg_scan_stamp *st)
{
	return st->day * 86400 + st->seconds;
}

static const char *plural(uint64_t n)
{
	return n == 1 ? "" : "s";
}

static void put_duration(sgg__buf *b, int64_t secs)
{
	if (secs >= 3600 && secs % 3600 == 0)
		sgg__buf_printf(b, "%lld h", (long long)(secs / 3600));
	else if (secs >= 60 && secs % 60 == 0)
		sgg__buf_printf(b, "%lld min", (long long)(secs / 60));
	else
		sgg__buf_printf(b, "%lld s", (long long)secs);
}

static void put_where(sgg__buf *b, const sgg_scan_stamp *st)
{
	char t[SGG_SCAN_STAMP_BUFSIZE];

	sgg__buf_printf(b, "%s (%s:%llu)", sgg_scan_stamp_format(st, t), st->source,
	                (unsigned long long)st->line);
}

static void put_changes(sgg__buf *b, const sgg_scan_change *c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		sgg__buf_printf(b, "%s%s %lld %s", i ? ", " : "", c[i].action,
		                (long long)c[i].objects, c[i].kind);
}

/* The distinct peripherals an entry's groups and agents are on, in order. */
static size_t peripherals_of(const sgg_scan_incident *in, int *out, size_t max)
{
	size_t n = 0;

	for (size_t i = 0; i < in->n_groups + in->n_agents; i++) {
		int p = i < in->n_groups ? in->groups[i].peripheral
		                         : in->agents[i - in->n_groups].peripheral;
		size_t k;

		for (k = 0; k < n && out[k] != p; k++)
			;
		if (k == n && n < max)
			out[n++] = p;
	}
	return n;
}

/* ---- text ---- */

static void put_group_line(sgg__buf *b, const sgg_scan_group *g, bool with_config)
{
	sgg__buf_printf(b, "    %d:%lld priority %d", g->peripheral, (long long)g->number,
	                g->priority);
	if (g->has_hex)
		sgg__buf_printf(b, " (0x%llX)", (unsigned long long)g->hex);
	sgg__buf_printf(b, ", %llu trace%s", (unsigned long long)g->traces, plural(g->traces));
	if (with_config) {
		if (g->config)
			sgg__buf_printf(b, ": %s (id %lld, %s in the export)", g->config->name,
			                (long long)g->config->id,
			                g->config->deleted ? "deleted" : "live");
		else
			sgg__buf_puts(b, ": not in the export");
	}
	sgg__buf_puts(b, "\n");
	if (g->mismatches > 0)
		sgg__buf_printf(
		    b,
		    "      the trace numbers disagree: 0x%llX is %lld, not %lld (%llu trace%s)"
		    "; the decimal number is used\n",
		    (unsigned long long)g->mismatch_hex, (long long)g->mismatch_hex,
		    (long long)g->number, (unsigned long long)g->mismatches, plural(g->mismatches));
}

static void put_agent_line(sgg__buf *b, const sgg_scan_agent *a, bool with_config)
{
	sgg__buf_printf(b, "    %s on peripheral %d, %llu trace%s (with skill group %lld)",
	                a->number, a->peripheral, (unsigned long long)a->traces, plural(a->traces),
	                (long long)a->skill_group);
	if (with_config) {
		if (a->config)
			sgg__buf_printf(b, ": %s (id %lld%s%s)",
			                a->config->name ? a->config->name : "?",
			                (long long)a->config->id, a->config->team ? ", " : "",
			                a->config->team ? a->config->team : "");
		else
			sgg__buf_puts(b, ": not in the export");
	}
	sgg__buf_puts(b, "\n");
}

static void put_traces(sgg__buf *b, const sgg_scan_incident *in, bool with_config)
{
	if (in->n_groups > 0 || in->groups_unlisted > 0) {
		sgg__buf_puts(b, "  Skill groups OPC no longer knew (peripheral:number):\n");
		for (size_t k = 0; k < in->n_groups; k++)
			put_group_line(b, &in->groups[k], with_config);
		if (in->groups_unlisted > 0)
			sgg__buf_printf(b, "    and %llu more not listed\n",
			                (unsigned long long)in->groups_unlisted);
	}
	if (in->n_agents > 0 || in->agents_unlisted > 0) {
		sgg__buf_puts(b, "  Agents still logged into them:\n");
		for (size_t k = 0; k < in->n_agents; k++)
			put_agent_line(b, &in->agents[k], with_config);
		if (in->agents_unlisted > 0)
			sgg__buf_printf(b, "    and %llu more not listed\n",
			                (unsigned long long)in->agents_unlisted);
	}
}

static void put_crash(sgg__buf *b, const sgg_scan_incident *in)
{
	if (in->crash_lines == 0) {
		sgg__buf_printf(b, "  Crash or restart lines from %s: none in this trace.\n",
		                in->node);
		return;
	}
	sgg__buf_printf(b, "  Crash or restart lines from %s: %llu, the first at ", in->node,
	                (unsigned long long)in->crash_lines);
	put_where(b, &in->crash);
	sgg__buf_printf(b, ":\n    %s\n", in->crash_text ? in->crash_text : "");
}

static void put_incident(sgg__buf *b, const sgg_scan_incident *in, size_t number, bool with_config)
{
	char t[SGG_SCAN_STAMP_BUFSIZE], t2[SGG_SCAN_STAMP_BUFSIZE];

	sgg__buf_printf(b, "\nIncident %zu: %s removed %lld skill group%s at ", number, in->process,
	                (long long)in->removed, plural((uint64_t)in->removed));
	put_where(b, &in->removal);
	sgg__buf_puts(b, "\n  Configuration update: ");
	put_changes(b, in->changes, in->n_changes);
	if (in->traces == 1)
		sgg__buf_printf(b, "\n  Then 1 unknown-skill-group trace at %s",
		                sgg_scan_stamp_format(&in->first_trace, t));
	else
		sgg__buf_printf(b, "\n  Then %llu unknown-skill-group traces from %s to %s",
		                (unsigned long long)in->traces,
		                sgg_scan_stamp_format(&in->first_trace, t),
		                sgg_scan_stamp_format(&in->last_trace, t2));
	if (stamps_comparable(&in->removal, &in->first_trace)) {
		int64_t d = stamp_seconds(&in->first_trace) - stamp_seconds(&in->removal);

		sgg__buf_puts(b, in->traces == 1 ? ", " : ", the first ");
		if (d <= 0) {
			sgg__buf_puts(b, "in the same second");
		} else {
			put_duration(b, d);
			sgg__buf_puts(b, " later");
		}
	}
	sgg__buf_puts(b, ".\n");
	put_traces(b, in, with_config);
	put_crash(b, in);
	if (in->matches)
		sgg__buf_puts(
		    b, "  Verdict: this is the mass-disconnect pattern. OPC still had agents "
		       "logged into a skill group the update had just removed; that is what "
		       "crashes it and disconnects every agent desktop.\n");
	else
		sgg__buf_printf(
		    b,
		    "  Verdict: not the pattern as it stands: the decimal and hexadecimal "
		    "numbers disagree in every trace (%llu), which OPC does not write. Check "
		    "that the trace was not altered.\n",
		    (unsigned long long)in->mismatches);
}

static void put_unexplained(sgg__buf *b, const sgg_scan_incident *in, bool with_config)
{
	char t[SGG_SCAN_STAMP_BUFSIZE];

	sgg__buf_printf(b, "\n  %s: %llu unknown-skill-group trace%s from ", in->process,
	                (unsigned long long)in->traces, plural(in->traces));
	put_where(b, &in->first_trace);
	sgg__buf_printf(b, " to %s\n", sgg_scan_stamp_format(&in->last_trace, t));
	put_traces(b, in, with_config);
	if (in->crash_lines > 0)
		put_crash(b, in);
}

static void put_sources(sgg__buf *b, const sgg_scan *scan)
{
	const sgg_scan_stats *st = sgg_scan_stats_get(scan);
	size_t n = sgg_scan_source_count(scan);
	char t1[SGG_SCAN_STAMP_BUFSIZE], t2[SGG_SCAN_STAMP_BUFSIZE];

	sgg__buf_printf(b, "Read %zu file%s: %llu line%s, %llu trace line%s", n, plural(n),
	                (unsigned long long)st->lines, plural(st->lines),
	                (unsigned long long)st->trace_lines, plural(st->trace_lines));
	if (st->wrapped_lines)
		sgg__buf_printf(b, ", %llu wrapped", (unsigned long long)st->wrapped_lines);
	if (st->ignored_lines)
		sgg__buf_printf(b, ", %llu ignored", (unsigned long long)st->ignored_lines);
	if (st->long_lines)
		sgg__buf_printf(b, ", %llu too long (skipped)", (unsigned long long)st->long_lines);
	sgg__buf_puts(b, ". Window: ");
	put_duration(b, sgg_scan_window(scan));
	sgg__buf_puts(b, ".\n");
	for (size_t i = 0; i < n; i++) {
		const sgg_scan_source *src = sgg_scan_source_at(scan, i);

		if (src->first.line)
			sgg__buf_printf(b, "  %s: %s to %s\n", src->name,
			                sgg_scan_stamp_format(&src->first, t1),
			                sgg_scan_stamp_format(&src->last, t2));
		else
			sgg__buf_printf(b, "  %s: no trace line (HH:MM:SS PROCESS message)\n",
			                src->name);
	}
}

static void put_next_steps(sgg__buf *b, const sgg_scan *scan, size_t matches, size_t unexplained,
                           bool with_config)
{
	int step = 1;

	sgg__buf_puts(b, "\nWhat to do:\n");
	if (matches > 0) {
		int periph[16];
		size_t np = 0;

		for (size_t i = 0; i < sgg_scan_incident_count(scan) && np < 16; i++) {
			const sgg_scan_incident *in = sgg_scan_incident_at(scan, i);
			int p[16];
			size_t n;

			if (!in->matches)
				continue;
			n = peripherals_of(in, p, 16);
			for (size_t k = 0; k < n; k++) {
				size_t j;

				for (j = 0; j < np && periph[j] != p[k]; j++)
					;
				if (j == np && np < 16)
					periph[np++] = p[k];
			}
		}
		sgg__buf_printf(
		    b,
		    "  %d. Every agent of the PG was disconnected, not only those listed: "
		    "have them reset their phones and log back into the desktop",
		    step++);
		if (np > 0) {
			sgg__buf_puts(b, " (peripheral");
			sgg__buf_puts(b, np > 1 ? "s " : " ");
			for (size_t k = 0; k < np; k++)
				sgg__buf_printf(b, "%s%d", k ? ", " : "", periph[k]);
			sgg__buf_puts(b, ")");
		}
		sgg__buf_puts(b, ".\n");
		sgg__buf_printf(b, "  %d. Check that the OPC process runs again on ", step++);
		for (size_t i = 0, shown = 0; i < sgg_scan_incident_count(scan); i++) {
			const sgg_scan_incident *in = sgg_scan_incident_at(scan, i);
			bool seen = false;

			if (!in->matches)
				continue;
			for (size_t j = 0; j < i && !seen; j++) {
				const sgg_scan_incident *prev = sgg_scan_incident_at(scan, j);

				seen = prev->matches && strcmp(prev->node, in->node) == 0;
			}
			if (!seen)
				sgg__buf_printf(b, "%s%s", shown++ ? ", " : "", in->node);
		}
		sgg__buf_puts(b, "; keep its crash dump for the vendor (bug CSCsa79930).\n");
		sgg__buf_printf(
		    b,
		    "  %d. Remove skill groups only once their agents are logged out: in a "
		    "maintenance window, tell the members to log out, run 'sgguard check' "
		    "until it allows, delete, then tell them to log back in "
		    "('sgguard change' walks these steps).\n",
		    step++);
	} else {
		sgg__buf_printf(
		    b,
		    "  %d. No removal here explains a mass disconnect. Make sure the trace "
		    "covers the outage (see the times above) and comes from the OPC process "
		    "of the PG whose agents were disconnected.\n",
		    step++);
		if (unexplained > 0)
			sgg__buf_printf(
			    b,
			    "  %d. The unknown-skill-group traces above are the crash's "
			    "signature, but their removal is not in the trace: collect the trace "
			    "from earlier (dumplog with an earlier start time) and scan again.\n",
			    step++);
	}
	if (!with_config && sgg_scan_incident_count(scan) > 0)
		sgg__buf_printf(b,
		                "  %d. Run again with --config EXPORT to name the skill groups and "
		                "agents.\n",
		                step++);
}

static int render_text(char **out, size_t *len, const sgg_scan *scan, unsigned flags,
                       sgg_error *err)
{
	const sgg_scan_stats *st = sgg_scan_stats_get(scan);
	bool color = (flags & SGG_RENDER_COLOR) != 0, with_config = sgg_scan_config(scan) != NULL;
	size_t matches = sgg_scan_match_count(scan), n = sgg_scan_incident_count(scan);
	size_t incidents = 0, harmless = 0, unexplained = 0, number = 0;
	sgg__buf b;

	for (size_t i = 0; i < n; i++) {
		const sgg_scan_incident *in = sgg_scan_incident_at(scan, i);

		incidents += in->kind == SGG_SCAN_INCIDENT;
		harmless += in->kind == SGG_SCAN_HARMLESS;
		unexplained += in->kind == SGG_SCAN_UNEXPLAINED;
	}

	sgg__buf_init(&b);
	if (matches > 0) {
		sgg__buf_printf(&b,
		                "%sMATCH%s: a skill group was removed while its agents were logged "
		                "in (%zu incident%s): the mass-disconnect pattern.\n",
		                color ? BOLD_RED : "", color ? RESET : "", matches,
		                plural(matches));
	} else {
		sgg__buf_printf(&b, "%sNO MATCH%s: ", color ? BOLD_GREEN : "", color ? RESET : "");
		if (st->trace_lines == 0)
			sgg__buf_puts(&b, "nothing in the input looks like OPC trace lines "
			                  "(HH:MM:SS PROCESS message).\n");
		else if (st->removals == 0)
			sgg__buf_puts(&b, "no skill group removal in the trace.\n");
		else
			sgg__buf_puts(&b, "no skill group removal in the trace was followed by an "
			                  "unknown-skill-group trace.\n");
		if (unexplained > 0)
			sgg__buf_printf(
			    &b,
			    "But %zu group%s of unknown-skill-group traces appear with no "
			    "removal before them (see below).\n",
			    unexplained, plural(unexplained));
	}
	put_sources(&b, scan);

	for (size_t i = 0; i < n; i++) {
		const sgg_scan_incident *in = sgg_scan_incident_at(scan, i);

		if (in->kind == SGG_SCAN_INCIDENT)
			put_incident(&b, in, ++number, with_config);
	}
	if (st->unlisted > 0)
		sgg__buf_printf(
		    &b, "\n%llu more entr%s beyond the listing limit (counted, not listed).\n",
		    (unsigned long long)st->unlisted, st->unlisted == 1 ? "y" : "ies");
	if (unexplained > 0) {
		sgg__buf_puts(&b, "\nUnknown-skill-group traces with no removal before them in the "
		                  "trace (the removal may be older than the trace):\n");
		for (size_t i = 0; i < n; i++) {
			const sgg_scan_incident *in = sgg_scan_incident_at(scan, i);

			if (in->kind == SGG_SCAN_UNEXPLAINED)
				put_unexplained(&b, in, with_config);
		}
	}
	if (st->removals > 0) {
		sgg__buf_puts(&b, "\nHarmless removals (no unknown-skill-group trace within ");
		put_duration(&b, sgg_scan_window(scan));
		sgg__buf_puts(&b, "):");
		if (harmless == 0)
			sgg__buf_puts(&b, " none.\n");
		else
			sgg__buf_puts(&b, "\n");
		for (size_t i = 0; i < n; i++) {
			const sgg_scan_incident *in = sgg_scan_incident_at(scan, i);

			if (in->kind != SGG_SCAN_HARMLESS)
				continue;
			sgg__buf_printf(&b, "  %s at ", in->process);
			put_where(&b, &in->removal);
			sgg__buf_puts(&b, ": ");
			put_changes(&b, in->changes, in->n_changes);
			sgg__buf_puts(&b, "\n");
			if (in->crash_lines > 0)
				put_crash(&b, in);
		}
	}
	(void)incidents;
	put_next_steps(&b, scan, matches, unexplained, with_config);
	return sgg__buf_finish(&b, out, len, err);
}

/* ---- JSON ---- */

static json_t *stamp_value(const sgg_scan_stamp *st)
{
	json_t *o;
	char t[16], d[16];

	if (!st->line)
		return json_null();
	o = json_object();
	snprintf(t, sizeof(t), "%02d:%02d:%02d", st->seconds / 3600, st->seconds / 60 % 60,
	         st->seconds % 60);
	if (st->dated) {
		int64_t y;
		unsigned m, dd;

		sgg__civil_from_days(st->day, &y, &m, &dd);
		snprintf(d, sizeof(d), "%04lld-%02u-%02u", (long long)y, m, dd);
	}
	if (!o || !sgg__json_set(o, "file", json_string(st->source)) ||
	    !sgg__json_set(o, "line", json_integer((json_int_t)st->line)) ||
	    !sgg__json_set(o, "time", json_string(t)) ||
	    !sgg__json_set(o, "date", st->dated ? json_string(d) : json_null()) ||
	    !sgg__json_set(o, "day", st->dated ? json_null() : json_integer(st->day))) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static json_t *change_value(const sgg_scan_change *c)
{
	json_t *o = json_object();

	if (!o || !sgg__json_set(o, "action", json_string(c->action)) ||
	    !sgg__json_set(o, "kind", json_string(c->kind)) ||
	    !sgg__json_set(o, "objects", json_integer(c->objects)) ||
	    !sgg__json_set(o, "lines", json_integer((json_int_t)c->lines))) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static json_t *hex_value(bool has, int64_t v)
{
	char buf[24];

	if (!has)
		return json_null();
	snprintf(buf, sizeof(buf), "0x%llX", (unsigned long long)v);
	return json_string(buf);
}

static json_t *group_value(const sgg_scan_group *g)
{
	json_t *o = json_object(), *c;

	if (!o || !sgg__json_set(o, "peripheral", json_integer(g->peripheral)) ||
	    !sgg__json_set(o, "number", json_integer(g->number)) ||
	    !sgg__json_set(o, "priority", json_integer(g->priority)) ||
	    !sgg__json_set(o, "hex", hex_value(g->has_hex, g->hex)) ||
	    !sgg__json_set(o, "traces", json_integer((json_int_t)g->traces)) ||
	    !sgg__json_set(o, "mismatches", json_integer((json_int_t)g->mismatches)) ||
	    !sgg__json_set(o, "mismatch_hex", hex_value(g->mismatches > 0, g->mismatch_hex)))
		goto fail;
	if (!g->config) {
		if (!sgg__json_set(o, "config", json_null()))
			goto fail;
	} else if (!(c = sgg__json_attach(o, "config", json_object())) ||
	           !sgg__json_set(c, "id", json_integer(g->config->id)) ||
	           !sgg__json_set(c, "name", json_string(g->config->name)) ||
	           !sgg__json_set(c, "base",
	                          g->config->base ? json_integer(g->config->base) : json_null()) ||
	           !sgg__json_set(c, "deleted", json_boolean(g->config->deleted))) {
		goto fail;
	}
	return o;
fail:
	json_decref(o);
	return NULL;
}

static json_t *agent_value(const sgg_scan_agent *a)
{
	json_t *o = json_object(), *c;

	if (!o || !sgg__json_set(o, "peripheral", json_integer(a->peripheral)) ||
	    !sgg__json_set(o, "number", json_string(a->number)) ||
	    !sgg__json_set(o, "traces", json_integer((json_int_t)a->traces)) ||
	    !sgg__json_set(o, "skill_group", json_integer(a->skill_group)))
		goto fail;
	if (!a->config) {
		if (!sgg__json_set(o, "config", json_null()))
			goto fail;
	} else if (!(c = sgg__json_attach(o, "config", json_object())) ||
	           !sgg__json_set(c, "id", json_integer(a->config->id)) ||
	           !sgg__json_set(c, "name",
	                          a->config->name ? json_string(a->config->name) : json_null()) ||
	           !sgg__json_set(c, "team",
	                          a->config->team ? json_string(a->config->team) : json_null())) {
		goto fail;
	}
	return o;
fail:
	json_decref(o);
	return NULL;
}

static json_t *incident_value(const sgg_scan_incident *in)
{
	json_t *o = json_object(), *arr, *tr, *cr;
	int periph[64];
	size_t np;

	if (!o || !sgg__json_set(o, "kind", json_string(sgg_scan_kind_name(in->kind))) ||
	    !sgg__json_set(o, "matches", json_boolean(in->matches)) ||
	    !sgg__json_set(o, "process", json_string(in->process)) ||
	    !sgg__json_set(o, "node", json_string(in->node)) ||
	    !sgg__json_set(o, "removal", stamp_value(&in->removal)) ||
	    !sgg__json_set(o, "removed", json_integer(in->removed)) ||
	    !(arr = sgg__json_attach(o, "changes", json_array())))
		goto fail;
	for (size_t k = 0; k < in->n_changes; k++)
		if (!sgg__json_append(arr, change_value(&in->changes[k])))
			goto fail;
	if (!(tr = sgg__json_attach(o, "traces", json_object())) ||
	    !sgg__json_set(tr, "count", json_integer((json_int_t)in->traces)) ||
	    !sgg__json_set(tr, "mismatches", json_integer((json_int_t)in->mismatches)) ||
	    !sgg__json_set(tr, "first", stamp_value(&in->first_trace)) ||
	    !sgg__json_set(tr, "last", stamp_value(&in->last_trace)) ||
	    !(arr = sgg__json_attach(o, "peripherals", json_array())))
		goto fail;
	np = peripherals_of(in, periph, 64);
	for (size_t k = 0; k < np; k++)
		if (!sgg__json_append(arr, json_integer(periph[k])))
			goto fail;
	if (!(arr = sgg__json_attach(o, "skill_groups", json_array())))
		goto fail;
	for (size_t k = 0; k < in->n_groups; k++)
		if (!sgg__json_append(arr, group_value(&in->groups[k])))
			goto fail;
	if (!sgg__json_set(o, "skill_groups_unlisted",
	                   json_integer((json_int_t)in->groups_unlisted)) ||
	    !(arr = sgg__json_attach(o, "agents", json_array())))
		goto fail;
	for (size_t k = 0; k < in->n_agents; k++)
		if (!sgg__json_append(arr, agent_value(&in->agents[k])))
			goto fail;
	if (!sgg__json_set(o, "agents_unlisted", json_integer((json_int_t)in->agents_unlisted)) ||
	    !(cr = sgg__json_attach(o, "crash", json_object())) ||
	    !sgg__json_set(cr, "lines", json_integer((json_int_t)in->crash_lines)) ||
	    !sgg__json_set(cr, "first", stamp_value(&in->crash)) ||
	    !sgg__json_set(cr, "text", in->crash_text ? json_string(in->crash_text) : json_null()))
		goto fail;
	return o;
fail:
	json_decref(o);
	return NULL;
}

static bool put_counts(json_t *o, const sgg_scan_stats *st)
{
	const struct {
		const char *key;
		uint64_t value;
	} counts[] = {
	    {"bytes", st->bytes},
	    {"lines", st->lines},
	    {"trace_lines", st->trace_lines},
	    {"wrapped_lines", st->wrapped_lines},
	    {"date_headers", st->date_headers},
	    {"ignored_lines", st->ignored_lines},
	    {"long_lines", st->long_lines},
	    {"summaries", st->summaries},
	    {"removals", st->removals},
	    {"traces", st->traces},
	    {"mismatches", st->mismatches},
	    {"crash_lines", st->crash_lines},
	    {"unlisted", st->unlisted},
	    {"untracked_lines", st->untracked_lines},
	};

	for (size_t i = 0; i < SGG_ARRAY_SIZE(counts); i++)
		if (!sgg__json_set(o, counts[i].key, json_integer((json_int_t)counts[i].value)))
			return false;
	return true;
}

static int render_json(char **out, size_t *len, const sgg_scan *scan, sgg_error *err)
{
	json_t *root = json_object(), *arr, *counts, *lists[3];
	size_t matches = sgg_scan_match_count(scan);

	if (!root || !sgg__json_set(root, "format", json_string("sgguard-scan/1")) ||
	    !sgg__json_set(root, "verdict", json_string(matches > 0 ? "match" : "no-match")) ||
	    !sgg__json_set(root, "matches", json_integer((json_int_t)matches)) ||
	    !sgg__json_set(root, "window_seconds", json_integer(sgg_scan_window(scan))) ||
	    !(arr = sgg__json_attach(root, "sources", json_array())))
		goto fail;
	for (size_t i = 0; i < sgg_scan_source_count(scan); i++) {
		const sgg_scan_source *src = sgg_scan_source_at(scan, i);
		json_t *o = json_object();

		if (!sgg__json_append(arr, o) ||
		    !sgg__json_set(o, "file", json_string(src->name)) ||
		    !sgg__json_set(o, "bytes", json_integer((json_int_t)src->bytes)) ||
		    !sgg__json_set(o, "lines", json_integer((json_int_t)src->lines)) ||
		    !sgg__json_set(o, "trace_lines", json_integer((json_int_t)src->trace_lines)) ||
		    !sgg__json_set(o, "first", stamp_value(&src->first)) ||
		    !sgg__json_set(o, "last", stamp_value(&src->last)))
			goto fail;
	}
	if (!(counts = sgg__json_attach(root, "counts", json_object())) ||
	    !put_counts(counts, sgg_scan_stats_get(scan)) ||
	    !(arr = sgg__json_attach(root, "changes", json_array())))
		goto fail;
	for (size_t i = 0; i < sgg_scan_change_count(scan); i++)
		if (!sgg__json_append(arr, change_value(sgg_scan_change_at(scan, i))))
			goto fail;
	if (!(lists[SGG_SCAN_INCIDENT] = sgg__json_attach(root, "incidents", json_array())) ||
	    !(lists[SGG_SCAN_HARMLESS] = sgg__json_attach(root, "harmless", json_array())) ||
	    !(lists[SGG_SCAN_UNEXPLAINED] = sgg__json_attach(root, "unexplained", json_array())))
		goto fail;
	for (size_t i = 0; i < sgg_scan_incident_count(scan); i++) {
		const sgg_scan_incident *in = sgg_scan_incident_at(scan, i);

		if (!sgg__json_append(lists[in->kind], incident_value(in)))
			goto fail;
	}

	return sgg__json_dump(root, out, len, err);
fail:
	json_decref(root);
	return sgg__error_oom(err);
}

int sgg_scan_render(char **out, size_t *len, const sgg_scan *scan, sgg_format format,
                    unsigned flags, sgg_error *err)
{
	if (out)
		*out = NULL;
	if (len)
		*len = 0;
	if (!out || !scan)
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL, "NULL argument");
	if (!sgg_scan_stats_get(scan))
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL,
		                      "the scan is not finished (call sgg_scan_finish() first)");
	switch (format) {
	case SGG_FORMAT_TEXT: return render_text(out, len, scan, flags, err);
	case SGG_FORMAT_JSON: return render_json(out, len, scan, err);
	default:
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL,
		                      "a trace scan is written as text or json");
	}
}
