/*
 * change_steps.c - the steps of a change: plan, notify-logout, remove
 * (the gate, with its wait and its override), confirm, notify-login and
 * abort. Each step locks the record, checks the state it starts from,
 * decides, logs the attempt whatever the outcome, and rewrites the record
 * atomically.
 * SPDX-License-Identifier: MIT
 */
#include "change.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define DEFAULT_WAIT_INTERVAL_MS 5000

typedef struct step {
	const char *path;
	const sgg_change_options *opts;
	sgg_time at;
	sgg__lock lock;
	sgg_change_result *res;
	sgg_change *c;    /* the record, once loaded (owned by res after begin) */
	sgg__evidence ev; /* what this attempt looked at; arrays in c's arena */
	bool overridden;
	sgg_error *err;
} step;

static void refuse(step *st, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void refuse(step *st, const char *fmt, ...)
{
	va_list ap;

	st->res->done = false;
	va_start(ap, fmt);
	vsnprintf(st->res->message, sizeof(st->res->message), fmt, ap);
	va_end(ap);
}

static bool valid_text(const char *s, size_t max)
{
	size_t len = s ? strlen(s) : 0;

	if (len == 0 || len > max)
		return false;
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p < 0x20 && *p != '\t')
			return false;
	return true;
}

static int check_options(const sgg_change_options *opts, bool need_reason, sgg_error *err)
{
	if (!opts)
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL, "NULL options");
	if (opts->version != SGG_CHANGE_OPTIONS_VERSION)
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL,
		                      "change options of version %u, this library reads version %d",
		                      opts->version, SGG_CHANGE_OPTIONS_VERSION);
	if (!valid_text(opts->by, SGG__CHANGE_BY_MAX))
		return sgg__error_set(
		    err, SGG_EINVAL, NULL, NULL,
		    "every step needs the name of who runs it (1 to %zu characters)",
		    SGG__CHANGE_BY_MAX);
	if ((need_reason || opts->reason) && !valid_text(opts->reason, SGG__CHANGE_TEXT_MAX))
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL,
		                      "a reason is needed: one line of 1 to %d characters",
		                      SGG__CHANGE_TEXT_MAX);
	return 0;
}

static void step_init(step *st, const char *path, const sgg_change_options *opts, sgg_error *err)
{
	memset(st, 0, sizeof(*st));
	st->path = path;
	st->opts = opts;
	st->err = err;
	st->lock.fd = -1;
	st->at = opts->at == SGG_TIME_NONE ? sgg__now() : opts->at;
	st->ev.exported_at = SGG_TIME_NONE;
}

static int result_new(step *st, sgg_change_step which)
{
	st->res = sgg__calloc(1, sizeof(*st->res));
	if (!st->res)
		return sgg__error_oom(st->err);
	st->res->step = which;
	st->res->done = true;
	return 0;
}

/* The state a step starts from, for messages. */
static const char *start_state(sgg_change_step which)
{
	switch (which) {
	case SGG_CHANGE_STEP_NOTIFY_LOGOUT: return "planned";
	case SGG_CHANGE_STEP_REMOVE: return "logout_notified";
	case SGG_CHANGE_STEP_CONFIRM: return "removal_approved";
	case SGG_CHANGE_STEP_NOTIFY_LOGIN: return "removed";
	default: return "open";
	}
}

/*
 * Lock, load the record and check that @p which may run on it. Returns 0
 * (st->res made; refused when the state is wrong) or an error.
 */
static int begin(step *st, sgg_change_step which)
{
	sgg_change *c;
	int rc;

	/* a missing or invalid record is refused before any lock file is made beside it */
	if ((rc = sgg_change_load_file(&st->c, st->path, st->err)) < 0)
		return rc;
	sgg_change_free(st->c);
	st->c = NULL;
	if ((rc = sgg__lock_acquire(&st->lock, st->path, st->opts->lock_timeout_ms, st->err)) < 0)
		return rc;
	/* read again under the lock: another process may have changed it meanwhile */
	if ((rc = sgg_change_load_file(&st->c, st->path, st->err)) < 0)
		return rc;
	if ((rc = result_new(st, which)) < 0)
		return rc;
	c = st->c;
	st->res->change = c; /* owned by the result from here on */
	st->res->before = c->state;
	if (sgg__change_next_state(which, c->state) >= 0)
		return 0;
	if (!sgg__change_state_open(c->state))
		refuse(st, "change %s is %s: it is finished, no step can run on it any more", c->id,
		       sgg_change_state_name(c->state));
	else
		refuse(st,
		       "change %s is %s, but %s runs on a change that is %s: the next step is %s",
		       c->id, sgg_change_state_name(c->state), sgg_change_step_name(which),
		       start_state(which),
		       sgg_change_step_name((sgg_change_step)sgg__change_expected_step(c->state)));
	return 0;
}

/* Log the attempt, move the state when it was done, and write the record. */
static int finish(step *st, sgg_change_step which)
{
	sgg_change *c = st->c;
	sgg_change_result *res = st->res;
	sgg__entry *e;
	const char *reason;
	char *text = NULL;
	size_t len = 0;
	int rc;

	if (!(e = sgg__change_log_append(c)))
		return sgg__error_oom(st->err);
	e->pub.at = st->at;
	e->pub.step = which;
	e->pub.done = res->done;
	e->pub.overridden = st->overridden;
	e->ev = st->ev;
	/* a refusal logs why; an abort or an override logs the reason it was given */
	reason = !res->done                                         ? res->message
	         : which == SGG_CHANGE_STEP_ABORT || st->overridden ? st->opts->reason
	                                                            : NULL;
	if (!(e->pub.by = sgg__arena_strdup(&c->strings, st->opts->by)) ||
	    (reason && !(e->pub.reason = sgg__arena_strdup(&c->strings, reason))))
		goto oom;
	if (res->done)
		c->state = (sgg_change_state)sgg__change_next_state(which, c->state);
	if ((rc = sgg__change_serialize(&text, &len, c, st->err)) < 0)
		return rc;
	rc = sgg__atomic_write(st->path, text, len, st->err);
	sgg__free_ptr(text);
	if (rc < 0)
		return rc;
	sgg__lock_release(&st->lock);
	if (!res->done)
		return sgg__error_set(st->err, SGG_EREFUSED, st->path, NULL, "%s", res->message);
	return 0;
oom:
	return sgg__error_oom(st->err);
}

/* Hand the result over, or free it on an error. */
static int conclude(step *st, int rc, sgg_change_result **out)
{
	sgg__lock_release(&st->lock);
	if (rc < 0 && rc != SGG_EREFUSED) {
		if (st->res)
			sgg_change_result_free(st->res);
		else
			sgg_change_free(st->c);
		return rc;
	}
	*out = st->res;
	return rc;
}

/* ---- step 2 and step 4: the notification lists ---- */

static int member_states(step *st, const sgg_sessions *snap)
{
	sgg_change_result *res = st->res;
	const sgg_change *c = st->c;
	size_t logged_in = 0;

	if (!snap)
		return 0;
	res->states =
	    sgg__reallocarray(NULL, c->n_members ? c->n_members : 1, sizeof(*res->states));
	if (!res->states)
		return sgg__error_oom(st->err);
	for (size_t i = 0; i < c->n_members; i++) {
		const sgg_agent *a = &c->members[i].agent;
		const sgg_session *s = sgg_sessions_by_agent(snap, a->id);
		sgg__member_state *ms = &res->states[i];

		ms->known = sgg_sessions_covers(snap, a->peripheral) != 0;
		ms->state = s ? s->state : SGG_STATE_LOGGED_OUT;
		ms->login_at = s ? s->login_at : SGG_TIME_NONE;
		logged_in += ms->known && ms->state != SGG_STATE_LOGGED_OUT;
	}
	res->has_sessions = true;
	res->sessions_taken_at = sgg_sessions_taken_at(snap);
	st->ev.has_logged_in = true;
	st->ev.logged_in = logged_in;
	return 0;
}

static int notify_step(sgg_change_result **out, const char *path, const sgg_sessions *snap,
                       const sgg_change_options *opts, sgg_error *err, sgg_change_step which)
{
	step st;
	int rc;

	if (out)
		*out = NULL;
	if (!out || !path)
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL, "NULL argument");
	if ((rc = check_options(opts, false, err)) < 0)
		return rc;
	step_init(&st, path, opts, err);
	if ((rc = begin(&st, which)) < 0)
		goto out;
	if (st.res->done) {
		if ((rc = member_states(&st, snap)) < 0)
			goto out;
		st.ev.has_notified = true;
		st.ev.notified = st.c->n_members;
	}
	rc = finish(&st, which);
out:
	return conclude(&st, rc, out);
}

int sgg_change_notify_logout(sgg_change_result **out, const char *path, const sgg_sessions *snap,
                             const sgg_change_options *opts, sgg_error *err)
{
	return notify_step(out, path, snap, opts, err, SGG_CHANGE_STEP_NOTIFY_LOGOUT);
}

int sgg_change_notify_login(sgg_change_result **out, const char *path, const sgg_sessions *snap,
                            const sgg_change_options *opts, sgg_error *err)
{
	return notify_step(out, path, snap, opts, err, SGG_CHANGE_STEP_NOTIFY_LOGIN);
}

/* ---- abort ---- */

int sgg_change_abort(sgg_change_result **out, const char *path, const sgg_change_options *opts,
                     sgg_error *err)
{
	step st;
	int rc;

	if (out)
		*out = NULL;
	if (!out || !path)
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL, "NULL argument");
	if ((rc = check_options(opts, true, err)) < 0)
		return rc;
	step_init(&st, path, opts, err);
	if ((rc = begin(&st, SGG_CHANGE_STEP_ABORT)) < 0)
		goto out;
	rc = finish(&st, SGG_CHANGE_STEP_ABORT);
out:
	return conclude(&st, rc, out);
}

/* ---- step 3b: confirm ---- */

int sgg_change_confirm(sgg_change_result **out, const char *path, const sgg_config *after,
                       const sgg_change_options *opts, sgg_error *err)
{
	step st;
	int rc;

	if (out)
		*out = NULL;
	if (!out || !path || !after)
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL, "NULL argument");
	if ((rc = check_options(opts, false, err)) < 0)
		return rc;
	step_init(&st, path, opts, err);
	if ((rc = begin(&st, SGG_CHANGE_STEP_CONFIRM)) < 0)
		goto out;
	if (st.res->done) {
		const sgg_change *c = st.c;
		int64_t *still;
		size_t n = 0, total = 0;
		char list[256] = "";

		for (size_t i = 0; i < c->n_targets; i++)
			total += 1 + c->targets[i].n_subgroups;
		still = sgg__arena_alloc(&st.c->strings, total * sizeof(*still));
		if (!still) {
			rc = sgg__error_oom(err);
			goto out;
		}
		for (size_t i = 0; i < c->n_targets; i++)
			for (size_t k = 0; k <= c->targets[i].n_subgroups; k++) {
				const sgg_skill_group *g = k == 0 ? c->targets[i].skill_group
				                                  : c->targets[i].subgroups[k - 1];
				const sgg_skill_group *now =
				    sgg_config_skill_group_by_id(after, g->id);
				size_t used = strlen(list);

				if (!now || now->deleted)
					continue;
				still[n++] = g->id;
				snprintf(list + used, sizeof(list) - used, "%s%lld %s",
				         used ? ", " : "", (long long)g->id, g->name);
			}
		st.ev.has_export = true;
		st.ev.exported_at = sgg_config_exported_at(after);
		st.ev.still_present = still;
		st.ev.n_still_present = n;
		st.res->still_present = still;
		st.res->n_still_present = n;
		if (n)
			refuse(&st,
			       "the new export still has %zu of the change's skill groups (%s): "
			       "remove "
			       "them, export again and confirm with the new export",
			       n, list);
	}
	rc = finish(&st, SGG_CHANGE_STEP_CONFIRM);
out:
	return conclude(&st, rc, out);
}

/* ---- step 3a: remove, the gate ---- */

/* A configuration made of the record alone: its targets and their members. */
static int record_config(sgg_config **out, const sgg_change *c, const char *source, sgg_error *err)
{
	sgg_config *cfg = NULL;
	int rc;

	*out = NULL;
	if ((rc = sgg_config_new(&cfg, err)) < 0)
		return rc;
	for (size_t i = 0; i < c->n_targets; i++) {
		if ((rc = sgg_config_add_skill_group(cfg, c->targets[i].skill_group, err)) < 0)
			goto out;
		for (size_t k = 0; k < c->targets[i].n_subgroups; k++)
			if ((rc = sgg_config_add_skill_group(cfg, c->targets[i].subgroups[k],
			                                     err)) < 0)
				goto out;
	}
	/* a sub-skill group planned alone needs its base in the configuration, as a row the
	 * check does not target */
	for (size_t i = 0; i < c->n_targets; i++) {
		const sgg_skill_group *g = c->targets[i].skill_group;
		char name[SGG_STRING_MAX + 16];
		sgg_skill_group base;

		if (g->priority == 0 || sgg_change_covers(c, g->base))
			continue;
		snprintf(name, sizeof(name), "base of %s", g->name);
		base = *g;
		base.id = g->base;
		base.priority = 0;
		base.base = 0;
		base.name = name;
		if ((rc = sgg_config_add_skill_group(cfg, &base, err)) < 0)
			goto out;
	}
	for (size_t i = 0; i < c->n_members; i++)
		if ((rc = sgg_config_add_agent(cfg, &c->members[i].agent, c->members[i].groups,
		                               c->members[i].n_groups, err)) < 0)
			goto out;
	if ((rc = sgg_config_seal(cfg, 0, err)) < 0)
		goto out;
	*out = cfg;
	cfg = NULL;
out:
	if (rc < 0 && rc != SGG_ENOMEM)
		sgg__error_set_source(err, source);
	sgg_config_free(cfg);
	return rc;
}

typedef struct gate {
	const sgg_config *cfg;
	const char *sessions_path;
	const char **refs;
	char (*ref_text)[24];
	size_t n_refs;
	sgg_check_options copts;
} gate;

static int gate_init(gate *g, const sgg_change *c, const sgg_config *cfg, const char *sessions_path,
                     const sgg_change_options *opts, sgg_error *err)
{
	memset(g, 0, sizeof(*g));
	g->cfg = cfg;
	g->sessions_path = sessions_path;
	g->refs = sgg__reallocarray(NULL, c->n_targets, sizeof(*g->refs));
	g->ref_text = sgg__reallocarray(NULL, c->n_targets, sizeof(*g->ref_text));
	if (!g->refs || !g->ref_text)
		return sgg__error_oom(err);
	/* the record's targets by id: what was planned is what is checked */
	for (size_t i = 0; i < c->n_targets; i++) {
		snprintf(g->ref_text[i], sizeof(g->ref_text[i]), "%lld",
		         (long long)c->targets[i].skill_group->id);
		g->refs[i] = g->ref_text[i];
	}
	g->n_refs = c->n_targets;
	g->copts = (sgg_check_options)SGG_CHECK_OPTIONS_INIT;
	g->copts.max_age = opts->max_age;
	g->copts.has_window = 1;
	g->copts.window = c->window;
	return 0;
}

static void gate_free(gate *g)
{
	sgg__free_ptr(g->refs);
	sgg__free_ptr(g->ref_text);
}

/* One look: read the snapshot afresh and run the full check at @p at. */
static int gate_look(gate *g, sgg_time at, sgg_report **report, sgg_error *err)
{
	sgg_sessions *snap = NULL;
	int rc;

	*report = NULL;
	if ((rc = sgg_sessions_load_file(&snap, g->sessions_path, err)) < 0)
		return rc;
	g->copts.at = at;
	rc = sgg_check_run(report, g->cfg, snap, g->refs, g->n_refs, &g->copts, err);
	sgg_sessions_free(snap);
	return rc;
}

static int64_t monotonic_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sleep_ms(int64_t ms)
{
	struct timespec ts = {(time_t)(ms / 1000), (long)(ms % 1000) * 1000000L};

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

/*
 * Look until the gate opens, the window closes or the wait ends. The check
 * time moves on from the step's time as real time passes. *at receives the
 * time of the last look.
 */
static int gate_wait(gate *g, const sgg_change_options *opts, const sgg_window *window,
                     sgg_time *at, sgg_report **report, sgg_error *err)
{
	int64_t start = monotonic_ms(), interval = opts->wait_interval_ms > 0
	                                               ? opts->wait_interval_ms
	                                               : DEFAULT_WAIT_INTERVAL_MS;
	sgg_time first = *at, until = first + opts->wait;
	int rc;

	if (until > window->end)
		until = window->end;
	for (;;) {
		int64_t elapsed = monotonic_ms() - start, left;

		*at = first + elapsed / 1000;
		sgg_report_free(*report);
		if ((rc = gate_look(g, *at, report, err)) < 0)
			return rc;
		left = opts->wait * 1000 - elapsed;
		if (window->end - *at < left / 1000)
			left = (window->end - *at) * 1000;
		if (sgg_report_verdict(*report) != SGG_VERDICT_BLOCK || left <= 0)
			return 0;
		if (opts->progress)
			opts->progress(opts->progress_ctx, *report, *at, until);
		sleep_ms(left < interval ? left : interval);
	}
}

static bool overridable(sgg_rule rule)
{
	return rule == SGG_RULE_MEMBER_LOGGED_IN || rule == SGG_RULE_SESSION_REFERENCES_TARGET;
}

/* Copy the blocking findings of @p report into the attempt's evidence. */
static int keep_evidence(step *st, const sgg_report *report)
{
	sgg__arena *a = &st->c->strings;
	sgg__evidence *ev = &st->ev;
	size_t n = 0;

	ev->has_snapshot = true;
	ev->taken_at = sgg_report_taken_at(report);
	ev->age = sgg_report_checked_at(report) - ev->taken_at;
	ev->max_age = sgg_report_max_age(report);
	ev->has_counts = true;
	for (int s = SGG_SEVERITY_INFO; s <= SGG_SEVERITY_ERROR; s++)
		ev->counts[s] = sgg_report_count_severity(report, (sgg_severity)s);
	n = ev->counts[SGG_SEVERITY_BLOCK] + ev->counts[SGG_SEVERITY_ERROR];
	if (!n)
		return 0;
	if (!(ev->blockers = sgg__arena_alloc(a, n * sizeof(*ev->blockers))))
		return SGG_ENOMEM;
	for (size_t i = 0; i < sgg_report_finding_count(report); i++) {
		const sgg_finding *f = sgg_report_finding(report, i);
		sgg__blocker *b = &ev->blockers[ev->n_blockers];

		if (f->severity < SGG_SEVERITY_BLOCK)
			continue;
		memset(b, 0, sizeof(*b));
		b->rule = f->rule;
		b->agent_id = f->agent_id;
		b->has_state = f->has_state;
		b->state = f->state;
		if (!(b->message = sgg__arena_strdup(a, f->message)) ||
		    (f->agent_number &&
		     !(b->agent_number = sgg__arena_strdup(a, f->agent_number))) ||
		    (f->agent_name && !(b->agent_name = sgg__arena_strdup(a, f->agent_name))))
			return SGG_ENOMEM;
		if (f->skill_group) {
			b->has_group = true;
			b->group = *f->skill_group;
			b->group.deleted = 0;
			if (!(b->group.name = sgg__arena_strdup(a, f->skill_group->name)))
				return SGG_ENOMEM;
		}
		ev->n_blockers++;
	}
	return 0;
}

static int cmp_ids(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/* The distinct agents of the overridable blockers, sorted, into a new arena array. */
static int64_t *blocking_agents(sgg__arena *a, const sgg__blocker *b, size_t n, size_t *count)
{
	int64_t *ids = sgg__arena_alloc(a, (n ? n : 1) * sizeof(*ids));
	size_t k = 0;

	*count = 0;
	if (!ids)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (overridable(b[i].rule) && b[i].agent_id)
			ids[k++] = b[i].agent_id;
	qsort(ids, k, sizeof(*ids), cmp_ids);
	*count = 0;
	for (size_t i = 0; i < k; i++)
		if (*count == 0 || ids[*count - 1] != ids[i])
			ids[(*count)++] = ids[i];
	return ids;
}

static void id_list(char *buf, size_t size, const int64_t *ids, size_t n)
{
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		size_t used = strlen(buf);

		snprintf(buf + used, size - used, "%s%lld", i ? ", " : "", (long long)ids[i]);
	}
}

/* Decide the gate from the last look; may pass it by override. */
static int decide_gate(step *st, const sgg_report *report)
{
	sgg_change *c = st->c;
	const sgg__evidence *ev = &st->ev;
	const sgg__entry *last = NULL;
	int64_t *now_ids, *then_ids;
	size_t n_now, n_then;
	char a[200], b[200];

	if (sgg_report_verdict(report) == SGG_VERDICT_ALLOW)
		return 0;
	if (sgg_report_verdict(report) == SGG_VERDICT_ERROR) {
		refuse(st, "the check could not vouch for the removal: %s",
		       ev->n_blockers ? ev->blockers[0].message : "nothing was checked");
		return 0;
	}
	if (!st->opts->override) {
		refuse(st, "the gate is closed: %zu blocking finding%s (first: %s)", ev->n_blockers,
		       ev->n_blockers == 1 ? "" : "s",
		       ev->n_blockers ? ev->blockers[0].message : "");
		return 0;
	}
	for (size_t i = 0; i < ev->n_blockers; i++)
		if (!overridable(ev->blockers[i].rule)) {
			refuse(
			    st,
			    "no override: %s blocks, and only logged-in agents can be overridden, "
			    "never snapshot, window or error findings",
			    sgg_rule_id(ev->blockers[i].rule));
			return 0;
		}
	for (size_t i = c->n_log; i-- > 0;)
		if (c->log[i].pub.step == SGG_CHANGE_STEP_REMOVE && !c->log[i].pub.done) {
			last = &c->log[i];
			break;
		}
	if (!last) {
		refuse(st, "no override without a refused remove to bind it to: run remove without "
		           "--override first, and see who blocks");
		return 0;
	}
	now_ids = blocking_agents(&c->strings, ev->blockers, ev->n_blockers, &n_now);
	then_ids = blocking_agents(&c->strings, last->ev.blockers, last->ev.n_blockers, &n_then);
	if (!now_ids || !then_ids)
		return SGG_ENOMEM;
	if (n_now != n_then || memcmp(now_ids, then_ids, n_now * sizeof(*now_ids)) != 0) {
		id_list(a, sizeof(a), now_ids, n_now);
		id_list(b, sizeof(b), then_ids, n_then);
		refuse(st,
		       "no override: the agents blocking now (ids %s) are not the ones the last "
		       "refused remove showed (ids %s); run remove again without --override",
		       a, n_then ? b : "none");
		return 0;
	}
	c->has_override = true;
	c->override_at = st->at;
	c->override_agents = now_ids;
	c->n_override_agents = n_now;
	if (!(c->override_by = sgg__arena_strdup(&c->strings, st->opts->by)) ||
	    !(c->override_reason = sgg__arena_strdup(&c->strings, st->opts->reason)))
		return SGG_ENOMEM;
	st->overridden = true;
	return 0;
}

int sgg_change_remove(sgg_change_result **out, const char *path, const sgg_config *cfg,
                      const char *sessions_path, const sgg_change_options *opts, sgg_error *err)
{
	sgg_config *own_cfg = NULL;
	sgg_report *report = NULL;
	sgg_change *peek = NULL;
	gate g;
	step st;
	int rc;

	if (out)
		*out = NULL;
	if (!out || !path || !sessions_path)
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL, "NULL argument");
	if (!opts)
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL, "NULL options");
	if ((rc = check_options(opts, opts->override, err)) < 0)
		return rc;
	if (opts->wait < 0 || (opts->wait && opts->override))
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL,
		                      opts->wait < 0 ? "a negative wait"
		                                     : "an override is never waited for: pass the "
		                                       "gate, or override it, not both");
	memset(&g, 0, sizeof(g));
	step_init(&st, path, opts, err);

	/* waiting happens without the lock, so that abort stays possible meanwhile;
	 * the record is read again under the lock afterwards */
	if (opts->wait > 0) {
		if ((rc = sgg_change_load_file(&peek, path, err)) < 0)
			goto out;
		if (peek->state == SGG_CHANGE_LOGOUT_NOTIFIED) {
			if (!cfg && (rc = record_config(&own_cfg, peek, path, err)) < 0)
				goto out;
			if ((rc = gate_init(&g, peek, cfg ? cfg : own_cfg, sessions_path, opts,
			                    err)) < 0 ||
			    (rc = gate_wait(&g, opts, &peek->window, &st.at, &report, err)) < 0)
				goto out;
		}
	}
	if ((rc = begin(&st, SGG_CHANGE_STEP_REMOVE)) < 0)
		goto out;
	if (st.res->done) {
		if (!report) {
			if (!cfg && (rc = record_config(&own_cfg, st.c, path, err)) < 0)
				goto out;
			gate_free(&g);
			if ((rc = gate_init(&g, st.c, cfg ? cfg : own_cfg, sessions_path, opts,
			                    err)) < 0 ||
			    (rc = gate_look(&g, st.at, &report, err)) < 0)
				goto out;
		}
		if (keep_evidence(&st, report) < 0 || decide_gate(&st, report) < 0) {
			rc = sgg__error_oom(err);
			goto out;
		}
		st.res->report = report;
		report = NULL;
	}
	rc = finish(&st, SGG_CHANGE_STEP_REMOVE);
out:
	gate_free(&g);
	sgg_report_free(report);
	sgg_config_free(own_cfg);
	sgg_change_free(peek);
	return conclude(&st, rc, out);
}

/* ---- step 1: plan ---- */

/* The record's file name without its folder and ".json", as a default id. */
static void default_id(const char *path, char *buf, size_t size)
{
	const char *base = strrchr(path, '/');
	size_t len;

	base = base ? base + 1 : path;
	len = strlen(base);
	if (len > 5 && strcmp(base + len - 5, ".json") == 0)
		len -= 5;
	snprintf(buf, size, "%.*s", (int)len, base);
}

static bool valid_id(const char *id)
{
	size_t len = strlen(id);

	if (len == 0 || len > SGG__CHANGE_ID_MAX)
		return false;
	for (const char *p = id; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		      (*p >= '0' && *p <= '9') || *p == '-' || *p == '_' || *p == '.' || *p == ':'))
			return false;
	return true;
}

/* Copy the report's targets and notification list into the new record. */
static int plan_fill(sgg_change *c, const sgg_report *r)
{
	sgg__arena *a = &c->strings;

	c->n_targets = sgg_report_target_count(r);
	c->targets = sgg__arena_alloc(a, c->n_targets * sizeof(*c->targets));
	if (!c->targets)
		return SGG_ENOMEM;
	for (size_t i = 0; i < c->n_targets; i++) {
		const sgg_target *t = sgg_report_target(r, i);
		sgg_target *d = &c->targets[i];
		sgg_skill_group *groups =
		    sgg__arena_alloc(a, (1 + t->n_subgroups) * sizeof(*groups));
		const sgg_skill_group **subs = sgg__arena_alloc(
		    a, (t->n_subgroups ? t->n_subgroups : 1) * sizeof(const sgg_skill_group *));

		if (!groups || !subs || !(d->reference = sgg__arena_strdup(a, t->reference)))
			return SGG_ENOMEM;
		for (size_t k = 0; k <= t->n_subgroups; k++) {
			groups[k] = k == 0 ? *t->skill_group : *t->subgroups[k - 1];
			if (!(groups[k].name = sgg__arena_strdup(a, groups[k].name)))
				return SGG_ENOMEM;
			if (k > 0)
				subs[k - 1] = &groups[k];
		}
		d->skill_group = &groups[0];
		d->subgroups = subs;
		d->n_subgroups = t->n_subgroups;
	}
	c->n_members = sgg_report_notify_count(r);
	c->members = sgg__arena_alloc(a, (c->n_members ? c->n_members : 1) * sizeof(*c->members));
	if (!c->members)
		return SGG_ENOMEM;
	for (size_t i = 0; i < c->n_members; i++) {
		const sgg_notify *n = sgg_report_notify(r, i);
		sgg__member *m = &c->members[i];

		m->agent = *n->agent;
		m->n_groups = n->n_skill_groups;
		m->groups = sgg__arena_alloc(a, (m->n_groups ? m->n_groups : 1) * sizeof(int64_t));
		if (!m->groups || !(m->agent.number = sgg__arena_strdup(a, n->agent->number)) ||
		    (n->agent->name && !(m->agent.name = sgg__arena_strdup(a, n->agent->name))) ||
		    (n->agent->team && !(m->agent.team = sgg__arena_strdup(a, n->agent->team))))
			return SGG_ENOMEM;
		memcpy(m->groups, n->skill_groups, m->n_groups * sizeof(int64_t));
	}
	return 0;
}

/* Resolve the targets and their members with the check itself, on an empty snapshot. */
static int plan_resolve(step *st, const sgg_config *cfg, const char *const *refs, size_t n_refs,
                        sgg_report **report)
{
	sgg_sessions *none = NULL;
	int rc;

	*report = NULL;
	if ((rc = sgg_sessions_new(&none, st->at, st->err)) < 0 ||
	    (rc = sgg_sessions_seal(none, st->err)) < 0)
		goto out;
	rc = sgg_check_run(report, cfg, none, refs, n_refs, NULL, st->err);
out:
	sgg_sessions_free(none);
	return rc;
}

static int refuse_exists(step *st)
{
	refuse(st,
	       "%s already exists: a record is planned once (pick another file, or see "
	       "sgguard change status)",
	       st->path);
	return SGG_EREFUSED;
}

/* Checked before the lock (no lock file beside someone else's file) and again under it. */
int sgg_change_plan(sgg_change_result **out, const char *path, const sgg_config *cfg,
                    const char *const *refs, size_t n_refs, const sgg_change_options *opts,
                    sgg_error *err)
{
	sgg_window window;
	sgg_report *report = NULL;
	sgg_change *c = NULL;
	struct stat sb;
	char id[SGG__CHANGE_BY_MAX], a[SGG_TIME_BUFSIZE], b[SGG_TIME_BUFSIZE];
	step st;
	int rc;

	if (out)
		*out = NULL;
	if (!out || !path || !cfg || (!refs && n_refs))
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL, "NULL argument");
	if ((rc = check_options(opts, false, err)) < 0)
		return rc;
	if (n_refs == 0)
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL, "name at least one skill group");
	if (!opts->window)
		return sgg__error_set(err, SGG_EINVAL, NULL, NULL, "a change needs a window");
	if (opts->id)
		snprintf(id, sizeof(id), "%s", opts->id);
	else
		default_id(path, id, sizeof(id));
	if (!valid_id(id))
		return sgg__error_set(
		    err, SGG_EINVAL, NULL, NULL,
		    "\"%.60s\" is not a change id: 1 to %d letters, digits or - _ . :", id,
		    SGG__CHANGE_ID_MAX);
	if ((rc = sgg_window_parse_in_zone(&window, opts->window, opts->zone, opts->zoneinfo_dir,
	                                   err)) < 0)
		return rc;
	step_init(&st, path, opts, err);
	if ((rc = result_new(&st, SGG_CHANGE_STEP_PLAN)) < 0)
		goto out;
	if (window.end <= window.start) {
		refuse(&st, "the window ends (%s) before it starts (%s)",
		       sgg_time_format(window.end, a), sgg_time_format(window.start, b));
		rc = SGG_EREFUSED;
		goto out;
	}
	if (window.end <= st.at) {
		refuse(&st, "the window is in the past: it ended at %s, and it is %s",
		       sgg_time_format(window.end, a), sgg_time_format(st.at, b));
		rc = SGG_EREFUSED;
		goto out;
	}
	if ((rc = plan_resolve(&st, cfg, refs, n_refs, &report)) < 0)
		goto out;
	for (size_t i = 0; i < sgg_report_finding_count(report); i++) {
		const sgg_finding *f = sgg_report_finding(report, i);

		if (f->rule == SGG_RULE_UNKNOWN_TARGET) {
			refuse(&st, "%s: %s", f->reference, f->message);
			rc = SGG_EREFUSED;
			goto out;
		}
	}
	if (stat(path, &sb) == 0) {
		rc = refuse_exists(&st);
		goto out;
	}
	if ((rc = sgg__lock_acquire(&st.lock, path, opts->lock_timeout_ms, err)) < 0)
		goto out;
	if (stat(path, &sb) < 0 && errno != ENOENT) {
		rc = sgg__error_set(err, SGG_EIO, path, NULL, "cannot look at the record: %s",
		                    strerror(errno));
		goto out;
	}
	if (stat(path, &sb) == 0) {
		rc = refuse_exists(&st);
		goto out;
	}
	if (!(c = sgg__change_alloc())) {
		rc = sgg__error_oom(err);
		goto out;
	}
	st.c = c;
	st.res->change = c; /* owned by the result from here on */
	st.res->before = SGG_CHANGE_PLANNED;
	c->planned_at = st.at;
	c->window = window;
	c->state = SGG_CHANGE_PLANNED;
	if (plan_fill(c, report) < 0 || !(c->id = sgg__arena_strdup(&c->strings, id)) ||
	    !(c->planned_by = sgg__arena_strdup(&c->strings, opts->by)) ||
	    !(c->window_text = sgg__arena_strdup(&c->strings, opts->window)) ||
	    (opts->zone && !(c->zone = sgg__arena_strdup(&c->strings, opts->zone)))) {
		rc = sgg__error_oom(err);
		goto out;
	}
	{
		sgg__entry *e = sgg__change_log_append(c);
		char *text = NULL;
		size_t len = 0;

		if (!e || !(e->pub.by = c->planned_by)) {
			rc = sgg__error_oom(err);
			goto out;
		}
		e->pub.at = st.at;
		e->pub.step = SGG_CHANGE_STEP_PLAN;
		e->pub.done = 1;
		e->ev.has_notified = true;
		e->ev.notified = c->n_members;
		if ((rc = sgg__change_serialize(&text, &len, c, err)) < 0)
			goto out;
		rc = sgg__atomic_write(path, text, len, err);
		sgg__free_ptr(text);
	}
out:
	sgg_report_free(report);
	if (rc == SGG_EREFUSED)
		sgg__error_set(err, SGG_EREFUSED, path, NULL, "%s", st.res->message);
	return conclude(&st, rc, out);
}
