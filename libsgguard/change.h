/*
 * change.h - the change record's insides, shared by the state machine
 * (change.c), its JSON adapter (change_record_json.c), the file handling
 * (change_file.c) and the renderers (change_render.c).
 * SPDX-License-Identifier: MIT
 */
#ifndef SGG_CHANGE_H
#define SGG_CHANGE_H

#include "internal.h"

#define SGG__CHANGE_FORMAT "sgguard-change/1"
/* Longest change id, reason or name accepted, in bytes. */
#define SGG__CHANGE_ID_MAX   64
#define SGG__CHANGE_BY_MAX   ((size_t)128)
#define SGG__CHANGE_TEXT_MAX 1000

/* One blocking (or error) finding an attempt saw, as the log keeps it. */
typedef struct sgg__blocker {
	sgg_rule rule;
	const char *message;
	int64_t agent_id;         /* 0 when the finding names no agent */
	const char *agent_number; /* or NULL */
	const char *agent_name;   /* or NULL */
	bool has_state;
	sgg_agent_state state;
	bool has_group;
	sgg_skill_group group; /* when has_group */
} sgg__blocker;

/* What an attempt looked at. Each part is optional. */
typedef struct sgg__evidence {
	/* remove: the snapshot and the check */
	sgg_time taken_at;
	int64_t age;
	int64_t max_age;
	sgg__blocker *blockers;
	size_t n_blockers;
	/* confirm: the export */
	sgg_time exported_at; /* or SGG_TIME_NONE */
	int64_t *still_present;
	size_t n_still_present;
	/* notify steps */
	size_t notified;
	size_t logged_in;
	size_t counts[4]; /* by sgg_severity */
	/* which parts are there */
	bool has_snapshot;
	bool has_counts;
	bool has_export;
	bool has_notified;
	bool has_logged_in;
} sgg__evidence;

typedef struct sgg__entry {
	sgg_change_entry pub;
	sgg__evidence ev;
} sgg__entry;

typedef struct sgg__member {
	sgg_agent agent;
	int64_t *groups; /* the target groups (subs included) it is a member of */
	size_t n_groups;
} sgg__member;

struct sgg_change {
	sgg__arena strings; /* every string and small array of the record */

	const char *id;
	const char *planned_by;
	sgg_time planned_at;

	sgg_target *targets; /* skill_group and subgroups point into the arena */
	size_t n_targets;

	sgg_window window;
	const char *zone; /* or NULL */
	const char *window_text;

	sgg__member *members;
	size_t n_members;

	sgg_change_state state;

	bool has_override;
	sgg_time override_at;
	const char *override_by;
	const char *override_reason;
	int64_t *override_agents;
	size_t n_override_agents;

	sgg__entry *log;
	size_t n_log, cap_log;
};

/* One member's live state, for the notification lists. */
typedef struct sgg__member_state {
	bool known; /* the snapshot covers the agent's peripheral */
	sgg_agent_state state;
	sgg_time login_at;
} sgg__member_state;

struct sgg_change_result {
	sgg_change_step step;
	bool done;
	char message[SGG_ERROR_TEXT_LENGTH]; /* why it was refused; "" when done */
	sgg_change_state before;
	sgg_change *change; /* owned */
	sgg_report *report; /* owned; remove only */
	bool has_sessions;  /* notify steps with a snapshot */
	sgg_time sessions_taken_at;
	sgg__member_state *states; /* n_members entries when has_sessions */
	int64_t *still_present;    /* confirm: borrowed from the log entry */
	size_t n_still_present;
};

/* ---- change.c ---- */
sgg_change *sgg__change_alloc(void);
/* Append an empty log entry (at, by, step set by the caller). NULL on out of memory. */
sgg__entry *sgg__change_log_append(sgg_change *c);
/* The state a done step leads to from @p from, or -1 when the step cannot run from there. */
int sgg__change_next_state(sgg_change_step step, sgg_change_state from);
/* The step expected next from @p state, or -1 for a finished change. */
int sgg__change_expected_step(sgg_change_state state);
/* Whether @p state is open (abort may still run). */
bool sgg__change_state_open(sgg_change_state state);

/* ---- change_record_json.c ---- */
int sgg__change_parse(sgg_change **out, const char *data, size_t len, const char *source,
                      sgg_error *err);
/* Serialise; *out is NUL-terminated, free with sgg__free_ptr(). */
int sgg__change_serialize(char **out, size_t *len, const sgg_change *c, sgg_error *err);

/* ---- change_file.c ---- */
typedef struct sgg__lock {
	int fd;
} sgg__lock;

int sgg__lock_acquire(sgg__lock *lock, const char *record_path, int timeout_ms, sgg_error *err);
void sgg__lock_release(sgg__lock *lock);
/* Replace @p path by @p data: temporary file in the same folder, fsync, rename, fsync folder. */
int sgg__atomic_write(const char *path, const char *data, size_t len, sgg_error *err);

/* ---- tz.c ---- */
typedef struct sgg__tz sgg__tz;
int sgg__tz_load(sgg__tz **out, const char *name, const char *dir, sgg_error *err);
void sgg__tz_free(sgg__tz *tz);
/* The offset (seconds east of UTC) at instant @p t. */
int sgg__tz_offset_at(const sgg__tz *tz, sgg_time t);
/*
 * The instant of wall-clock time @p local (seconds since 1970 as if UTC).
 * @return 0 (one instant), 1 (none: skipped) or 2 (two: *out the earlier,
 *         *later the later).
 */
int sgg__tz_resolve(const sgg__tz *tz, sgg_time local, sgg_time *out, sgg_time *later);

/* ---- change_render.c ---- */
/* Write an offset as "+01:00". */
void sgg__offset_format(int offset, char *buf, size_t size);

#endif /* SGG_CHANGE_H */
