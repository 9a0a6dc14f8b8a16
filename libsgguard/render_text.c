/*
 * render_text.c - a check report for a person reading it inside a
 * maintenance window: the verdict first, then who blocks and why, then
 * what to do next in terms of the four-step procedure.
 * SPDX-License-Identifier: MIT
 */
#include "render.h"

#include <string.h>

#define BOLD_RED "\033[1;31m"
#define BOLD_GREEN "\033[1;32m"
#define BOLD_YELLOW "\033[1;33m"
#define RESET "\033[0m"

static bool has_rule(const sgg_report *r, sgg_rule rule)
{
	for (size_t i = 0; i < r->n_findings; i++)
		if (r->findings[i].rule == rule)
			return true;
	return false;
}

static bool is_logged_in_rule(sgg_rule rule)
{
	return rule == SGG_RULE_MEMBER_LOGGED_IN || rule == SGG_RULE_SESSION_REFERENCES_TARGET;
}

static void put_targets(sgg__buf *b, const sgg_report *r)
{
	char label[SGG_STRING_MAX + 64];

	for (size_t i = 0; i < r->n_targets; i++) {
		const sgg_target *t = &r->targets[i];

		sgg__buf_printf(b, "  %s (id %lld)", sgg__group_label(t->skill_group, label, sizeof(label)),
		                (long long)t->skill_group->id);
		if (t->n_subgroups > 0) {
			sgg__buf_puts(b, ", with its sub-skill groups ");
			for (size_t k = 0; k < t->n_subgroups; k++)
				sgg__buf_printf(b, "%s%s (id %lld)", k ? ", " : "",
				                sgg__group_label(t->subgroups[k], label, sizeof(label)),
				                (long long)t->subgroups[k]->id);
		}
		sgg__buf_puts(b, "\n");
	}
}

static void put_findings(sgg__buf *b, const sgg_report *r, sgg_severity severity,
                         const char *title)
{
	size_t n = r->severity_count[severity];

	if (n == 0)
		return;
	sgg__buf_printf(b, "\n%s (%zu):\n", title, n);
	for (size_t i = 0; i < r->n_findings; i++) {
		const sgg_finding *f = &r->findings[i];

		if (f->severity == severity)
			sgg__buf_printf(b, "  %-26s %s\n", sgg_rule_id(f->rule), f->message);
	}
}

/* The agents still logged in, once each, in report order. */
static size_t put_logged_in(sgg__buf *b, const sgg_report *r)
{
	size_t shown = 0;

	for (size_t i = 0; i < r->n_findings; i++) {
		const sgg_finding *f = &r->findings[i];
		char t[SGG_TIME_BUFSIZE];
		bool seen = false;

		if (!is_logged_in_rule(f->rule))
			continue;
		for (size_t j = 0; j < i && !seen; j++)
			seen = is_logged_in_rule(r->findings[j].rule) &&
			       r->findings[j].agent_id == f->agent_id;
		if (seen)
			continue;
		if (shown++ == 0)
			sgg__buf_puts(b, "\nStill logged in (tell them to log out now):\n");
		sgg__buf_printf(b, "  %-8s %-24s %-16s %-15s%s%s\n",
		                f->agent_number ? f->agent_number : "?",
		                f->agent_name ? f->agent_name : "(not in the configuration)",
		                f->agent_team ? f->agent_team : "", sgg_state_name(f->state),
		                f->login_at == SGG_TIME_NONE ? "" : " logged in since ",
		                f->login_at == SGG_TIME_NONE ? "" : sgg_time_format(f->login_at, t));
	}
	return shown;
}

static void put_next_steps(sgg__buf *b, const sgg_report *r, size_t logged_in)
{
	int step = 1;

	sgg__buf_puts(b, "\nWhat to do next:\n");
	if (r->verdict == SGG_VERDICT_ERROR) {
		sgg__buf_printf(b, "  %d. Correct the target references above (an id, "
		                   "PERIPHERAL:NUMBER[:PRIORITY] or name:NAME of a live skill group), "
		                   "then check again.\n",
		                step++);
		return;
	}
	if (r->verdict == SGG_VERDICT_ALLOW) {
		sgg__buf_printf(b, "  %d. Step 3 of 4: delete the target skill groups now, while the "
		                   "window is open and before anyone logs back in.\n",
		                step++);
		sgg__buf_printf(b, "  %d. Step 4 of 4: once the deletion is saved, tell the %zu member "
		                   "agent%s to log back in.\n",
		                step++, r->n_notify, r->n_notify == 1 ? "" : "s");
		return;
	}
	if (has_rule(r, SGG_RULE_OUTSIDE_WINDOW))
		sgg__buf_printf(b, "  %d. Step 1 of 4: work inside a scheduled maintenance window; "
		                   "wait for it to open, or schedule one.\n",
		                step++);
	if (logged_in > 0)
		sgg__buf_printf(b, "  %d. Step 2 of 4: tell the %zu agent%s listed above to log out "
		                   "of their desktops.\n",
		                step++, logged_in, logged_in == 1 ? "" : "s");
	if (has_rule(r, SGG_RULE_SNAPSHOT_OUT_OF_SCOPE))
		sgg__buf_printf(b, "  %d. Take a snapshot that covers every peripheral named above.\n",
		                step++);
	if (r->strict && r->severity_count[SGG_SEVERITY_WARN] > 0)
		sgg__buf_printf(b, "  %d. Strict mode: resolve the warnings above, or check without "
		                   "--strict.\n",
		                step++);
	sgg__buf_printf(b, "  %d. Take a fresh snapshot and check again. Do not delete anything "
	                   "until the verdict is ALLOW.\n",
	                step++);
}

int sgg__render_text(char **out, size_t *len, const sgg_report *r, unsigned flags,
                     sgg_error *err)
{
	sgg__buf b;
	bool color = (flags & SGG_RENDER_COLOR) != 0;
	char t1[SGG_TIME_BUFSIZE], t2[SGG_TIME_BUFSIZE];
	const char *word, *on = "", *off = color ? RESET : "";
	size_t logged_in;

	sgg__buf_init(&b);
	switch (r->verdict) {
	case SGG_VERDICT_ALLOW:
		word = "ALLOW";
		on = color ? BOLD_GREEN : "";
		break;
	case SGG_VERDICT_BLOCK:
		word = "BLOCK";
		on = color ? BOLD_RED : "";
		break;
	default:
		word = "ERROR";
		on = color ? BOLD_YELLOW : "";
		break;
	}
	sgg__buf_printf(&b, "%s%s%s: ", on, word, off);
	if (r->verdict == SGG_VERDICT_ALLOW)
		sgg__buf_puts(&b, "removing these skill groups is safe now: no member is logged in.\n");
	else if (r->verdict == SGG_VERDICT_BLOCK)
		sgg__buf_printf(&b, "do not remove these skill groups now (%zu blocking finding%s).\n",
		                r->severity_count[SGG_SEVERITY_BLOCK] +
		                        (r->strict ? r->severity_count[SGG_SEVERITY_WARN] : 0),
		                r->severity_count[SGG_SEVERITY_BLOCK] +
		                                (r->strict ? r->severity_count[SGG_SEVERITY_WARN] : 0) ==
		                        1
		                        ? ""
		                        : "s");
	else
		sgg__buf_puts(&b, "the check could not be completed; nothing is allowed.\n");

	sgg__buf_printf(&b, "Checked at %s against a snapshot taken at %s (%lld s %s, limit %lld s).\n",
	                sgg_time_format(r->checked_at, t1), sgg_time_format(r->taken_at, t2),
	                (long long)(r->checked_at >= r->taken_at ? r->checked_at - r->taken_at
	                                                         : r->taken_at - r->checked_at),
	                r->checked_at >= r->taken_at ? "old" : "after the check time",
	                (long long)r->max_age);
	if (r->has_window)
		sgg__buf_printf(&b, "Maintenance window: %s to %s.\n",
		                sgg_time_format(r->window.start, t1), sgg_time_format(r->window.end, t2));
	if (r->n_targets > 0) {
		sgg__buf_puts(&b, "\nTargets:\n");
		put_targets(&b, r);
	}
	put_findings(&b, r, SGG_SEVERITY_ERROR, "Errors");
	put_findings(&b, r, SGG_SEVERITY_BLOCK, "Blocking");
	put_findings(&b, r, SGG_SEVERITY_WARN, r->strict ? "Warnings (blocking: strict mode)" : "Warnings");
	put_findings(&b, r, SGG_SEVERITY_INFO, "Notes");
	logged_in = put_logged_in(&b, r);
	if (r->n_notify > 0 && r->verdict != SGG_VERDICT_ERROR) {
		sgg__buf_printf(&b, "\nMember agents to notify (steps 2 and 4): %zu\n", r->n_notify);
		for (size_t i = 0; i < r->n_notify; i++) {
			const sgg_notify *n = &r->notify[i];

			sgg__buf_printf(&b, "  %-8s %-24s %-16s %s\n", n->agent->number,
			                n->agent->name ? n->agent->name : "", n->agent->team ? n->agent->team : "",
			                !n->covered     ? "unknown (its peripheral is not in the snapshot)"
			                : n->has_session ? sgg_state_name(n->state)
			                                 : "logged_out");
		}
	}
	put_next_steps(&b, r, logged_in);
	return sgg__buf_finish(&b, out, len, err);
}
