/*
 * sgguard.h - the public interface of libsgguard.
 *
 * libsgguard decides whether removing skill groups from a Unified Contact
 * Center Enterprise configuration is safe at a given moment, from the
 * configuration and a snapshot of live agent sessions.
 *
 * Data flows one way: input adapters (JSON documents, or the builder
 * functions below) fill a model (sgg_config, sgg_sessions); the check
 * (sgg_check_run) applies the rules to the model and a list of target
 * references and produces a report (sgg_report); renderers turn a report
 * into text, JSON or JUnit XML.
 *
 * Conventions:
 *  - Functions return 0 on success or a negative SGG_E* code. On failure an
 *    out-parameter is set to NULL and, when an sgg_error is given, it is
 *    filled in. Reporting an error never allocates.
 *  - "New object; free with X()" means the caller owns the result.
 *    "Borrowed" means the result lives as long as the object it came from.
 *  - Every _free() function accepts NULL.
 *  - Times are seconds since the Unix epoch, UTC (sgg_time).
 *  - Availability: every declaration below has been part of the API since
 *    0.1.0, the first version; a later addition says "Since X.Y" in its
 *    comment. docs/versioning.md says what may change and when.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef SGGUARD_H
#define SGGUARD_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(SGG_BUILDING_LIBRARY) && defined(__GNUC__)
#define SGG_EXPORT __attribute__((visibility("default")))
#else
#define SGG_EXPORT
#endif

/* ------------------------------------------------------------------------ */
/** @name Version                                                            */
/* ------------------------------------------------------------------------ */

#define SGG_VERSION_MAJOR 0
#define SGG_VERSION_MINOR 1
#define SGG_VERSION_PATCH 0
/** The version this header belongs to, as a string. */
#define SGG_VERSION_STRING "0.1.0"

/**
 * The version of the library actually linked at run time.
 * @return Borrowed static string such as "0.1.0".
 */
SGG_EXPORT const char *sgg_version(void);

/* ------------------------------------------------------------------------ */
/** @name Errors                                                             */
/* ------------------------------------------------------------------------ */

/** Error codes. Never renumbered, never reused. */
typedef enum sgg_error_code {
	SGG_OK = 0,
	SGG_ENOMEM = -1,   /**< an allocation failed */
	SGG_EINVAL = -2,   /**< the API was misused (NULL argument, bad option) */
	SGG_EIO = -3,      /**< a file could not be read or written */
	SGG_ESYNTAX = -4,  /**< the input is not well-formed (JSON syntax, time syntax) */
	SGG_ESHAPE = -5,   /**< well-formed, but a field is missing, of the wrong type or out of range */
	SGG_EREF = -6,     /**< a reference names an object that does not exist */
	SGG_EDUP = -7,     /**< two objects share an identity that must be unique */
	SGG_EFORMAT = -8,  /**< the document's format is not one this library reads */
	SGG_ESTATE = -9,   /**< the object is in the wrong state for this call */
	SGG_ETARGET = -10, /**< a target reference is malformed or matches no skill group */
	SGG_ELOCKED = -11, /**< another process holds the lock on a file */
	SGG_EREFUSED = -12 /**< a workflow step was refused (see its report) */
} sgg_error_code;

#define SGG_ERROR_SOURCE_LENGTH 256
#define SGG_ERROR_PATH_LENGTH 128
#define SGG_ERROR_TEXT_LENGTH 320

/**
 * A caller-allocated error description. Filling it in never allocates, so
 * even an out-of-memory error is reported.
 */
typedef struct sgg_error {
	int code;                              /**< an sgg_error_code */
	int line;                              /**< 1-based line, or 0 when not known */
	int column;                            /**< 1-based column, or 0 when not known */
	long position;                         /**< byte offset, or -1 when not known */
	char source[SGG_ERROR_SOURCE_LENGTH];  /**< file name, "<stdin>", "<buffer>" or "" */
	char path[SGG_ERROR_PATH_LENGTH];      /**< JSON path such as agents[3].skill_groups[1], or "" */
	char text[SGG_ERROR_TEXT_LENGTH];      /**< the message, without location */
} sgg_error;

/**
 * A short English name for an error code ("out of memory", "syntax error").
 * @return Borrowed static string; never NULL.
 */
SGG_EXPORT const char *sgg_strerror(int code);

/**
 * Format @p err as one line: "source:line:col: text", "source: path: text"
 * or "source: text", whichever the error carries.
 * @param buf  destination, always NUL-terminated when @p size > 0
 * @return the length the full line would have (as snprintf does)
 */
SGG_EXPORT int sgg_error_format(const sgg_error *err, char *buf, size_t size);

/* ------------------------------------------------------------------------ */
/** @name Time                                                               */
/* ------------------------------------------------------------------------ */

/** Seconds since 1970-01-01T00:00:00Z. */
typedef int64_t sgg_time;

/** A time value that means "not known" or "not given". */
#define SGG_TIME_NONE INT64_MIN

/** Enough room for any time written by sgg_time_format(). */
#define SGG_TIME_BUFSIZE 32

/**
 * Parse an RFC 3339 date-time with an offset ("2026-12-01T02:00:00Z",
 * "2026-12-01T03:00:00+01:00"). Fractions of a second are dropped.
 * @return 0, SGG_EINVAL or SGG_ESYNTAX.
 */
SGG_EXPORT int sgg_time_parse(sgg_time *out, const char *text, sgg_error *err);

/**
 * Write @p t as RFC 3339 in UTC ("2026-12-01T02:00:00Z").
 * @param buf at least SGG_TIME_BUFSIZE bytes
 * @return @p buf
 */
SGG_EXPORT char *sgg_time_format(sgg_time t, char *buf);

/**
 * Parse an ISO 8601 duration of days, hours, minutes and seconds
 * ("PT2H", "PT90M", "P1DT30M", "PT45S") into seconds.
 * @return 0, SGG_EINVAL or SGG_ESYNTAX.
 */
SGG_EXPORT int sgg_duration_parse(int64_t *out, const char *text, sgg_error *err);

/** A maintenance window: the half-open interval [start, end). */
typedef struct sgg_window {
	sgg_time start;
	sgg_time end;
} sgg_window;

/**
 * Parse "START/END" or "START/DURATION" where START and END are RFC 3339
 * date-times with an offset. END must be after START.
 * @return 0, SGG_EINVAL or SGG_ESYNTAX.
 */
SGG_EXPORT int sgg_window_parse(sgg_window *out, const char *text, sgg_error *err);

/* ------------------------------------------------------------------------ */
/** @name Configuration model                                                */
/* ------------------------------------------------------------------------ */

/** A configuration: skill groups, agents, routes, peripherals. Opaque. */
typedef struct sgg_config sgg_config;

/** A skill group as the configuration holds it. Borrowed from its sgg_config. */
typedef struct sgg_skill_group {
	int64_t id;         /**< SkillTargetID */
	int peripheral;     /**< PeripheralID */
	int64_t number;     /**< PeripheralNumber */
	int priority;       /**< 0 for a base group, 1.. for sub-skill groups */
	int64_t base;       /**< the base group's id, or 0 for a base group */
	const char *name;   /**< EnterpriseName */
	int deleted;        /**< non-zero for a logically deleted row */
} sgg_skill_group;

/** An agent as the configuration holds it. Borrowed from its sgg_config. */
typedef struct sgg_agent {
	int64_t id;           /**< SkillTargetID */
	int peripheral;       /**< PeripheralID */
	const char *number;   /**< login id (PeripheralNumber) */
	const char *name;     /**< person's name, or NULL */
	const char *team;     /**< team name, or NULL */
} sgg_agent;

/** Flags for the configuration loaders. */
enum sgg_config_flags {
	/**
	 * Keep memberships, bases and routes that name a missing or deleted
	 * skill group instead of failing; sgg_lint_run() and sgg_diff_run()
	 * report them. For consistency checks (lint, diff).
	 */
	SGG_CONFIG_KEEP_DANGLING = 1u << 0,
	/**
	 * Loading and sealing a large configuration may use helper threads
	 * (one per processor, up to four): a sgguard-config/1 export is parsed
	 * on them while the model is built on the calling thread, and the seal
	 * resolves memberships on them. Threads are started and joined inside
	 * the call; the result and the errors are those of a call without the
	 * flag. Without it, the library starts no thread.
	 */
	SGG_CONFIG_PARALLEL = 1u << 1
};

/**
 * Create an empty configuration to fill with the builder functions, then
 * seal with sgg_config_seal().
 * @return 0 or SGG_ENOMEM. New object; free with sgg_config_free().
 */
SGG_EXPORT int sgg_config_new(sgg_config **out, sgg_error *err);

/** Free a configuration and everything borrowed from it. NULL is a no-op. */
SGG_EXPORT void sgg_config_free(sgg_config *cfg);

/**
 * Load and seal a configuration export from a file; "-" reads standard
 * input. The format (sgguard-config/1, ucce-aw-rows or cce-config-api) is
 * recognised from the document; sgg_config_load_file_as() forces one.
 * @param flags a combination of sgg_config_flags
 * @return 0, SGG_EINVAL, SGG_ENOMEM, SGG_EIO, SGG_ESYNTAX, SGG_ESHAPE,
 *         SGG_EREF, SGG_EDUP or SGG_EFORMAT. New object; free with
 *         sgg_config_free().
 */
SGG_EXPORT int sgg_config_load_file(sgg_config **out, const char *path, unsigned flags,
                                    sgg_error *err);

/**
 * Load and seal a configuration export from memory (no NUL needed); the
 * format is recognised as by sgg_config_load_file().
 * @param source name used in error messages, or NULL for "<buffer>"
 * @return as sgg_config_load_file(). New object; free with sgg_config_free().
 */
SGG_EXPORT int sgg_config_load_buffer(sgg_config **out, const char *data, size_t size,
                                      const char *source, unsigned flags, sgg_error *err);

/** Set the export time (optional). @return 0 or SGG_EINVAL. */
SGG_EXPORT int sgg_config_set_exported_at(sgg_config *cfg, sgg_time t, sgg_error *err);

/**
 * Add a peripheral (optional: peripherals are known from the objects too).
 * @param name may be NULL. Copied.
 * @return 0, SGG_EINVAL, SGG_ESHAPE, SGG_EDUP, SGG_ENOMEM or SGG_ESTATE (sealed).
 */
SGG_EXPORT int sgg_config_add_peripheral(sgg_config *cfg, int id, const char *name,
                                         sgg_error *err);

/**
 * Add a skill group. Strings are copied. @p sg->base must be 0 when
 * priority is 0 and name a base group when priority > 0 (checked at seal).
 * @return 0, SGG_EINVAL, SGG_ESHAPE, SGG_EDUP, SGG_ENOMEM or SGG_ESTATE.
 */
SGG_EXPORT int sgg_config_add_skill_group(sgg_config *cfg, const sgg_skill_group *sg,
                                          sgg_error *err);

/**
 * Add an agent and its skill group memberships (ids, checked at seal).
 * Strings and the id array are copied.
 * @return 0, SGG_EINVAL, SGG_ESHAPE, SGG_EDUP, SGG_ENOMEM or SGG_ESTATE.
 */
SGG_EXPORT int sgg_config_add_agent(sgg_config *cfg, const sgg_agent *agent,
                                    const int64_t *skill_groups, size_t n_skill_groups,
                                    sgg_error *err);

/**
 * Add a route (a dialed number or script target) that sends calls to a
 * skill group. @p name is copied and may be NULL.
 * @return 0, SGG_EINVAL, SGG_ESHAPE, SGG_EDUP, SGG_ENOMEM or SGG_ESTATE.
 */
SGG_EXPORT int sgg_config_add_route(sgg_config *cfg, int64_t id, const char *name,
                                    int64_t target, sgg_error *err);

/**
 * Check every reference (bases, memberships, routes) and build the indexes.
 * After sealing, the configuration is read-only and may be shared between
 * threads.
 * @param flags a combination of sgg_config_flags
 * @return 0, SGG_EINVAL, SGG_EREF, SGG_ESHAPE, SGG_ENOMEM or SGG_ESTATE.
 */
SGG_EXPORT int sgg_config_seal(sgg_config *cfg, unsigned flags, sgg_error *err);

/** The export time, or SGG_TIME_NONE. */
SGG_EXPORT sgg_time sgg_config_exported_at(const sgg_config *cfg);

/** Number of skill group rows, deleted ones included. */
SGG_EXPORT size_t sgg_config_skill_group_count(const sgg_config *cfg);

/** The skill group at @p index (file order), or NULL. Borrowed. */
SGG_EXPORT const sgg_skill_group *sgg_config_skill_group_at(const sgg_config *cfg, size_t index);

/** The skill group (deleted or not) with SkillTargetID @p id, or NULL. Borrowed. */
SGG_EXPORT const sgg_skill_group *sgg_config_skill_group_by_id(const sgg_config *cfg,
                                                               int64_t id);

/** Number of agents. */
SGG_EXPORT size_t sgg_config_agent_count(const sgg_config *cfg);

/** The agent at @p index (file order), or NULL. Borrowed. */
SGG_EXPORT const sgg_agent *sgg_config_agent_at(const sgg_config *cfg, size_t index);

/** The agent with SkillTargetID @p id, or NULL. Borrowed. */
SGG_EXPORT const sgg_agent *sgg_config_agent_by_id(const sgg_config *cfg, int64_t id);

/**
 * The skill group ids an agent is a member of.
 * @return Borrowed array of *n ids, valid until @p cfg is freed; NULL when
 *         the agent is unknown.
 */
SGG_EXPORT const int64_t *sgg_config_agent_skill_groups(const sgg_config *cfg, int64_t agent_id,
                                                        size_t *n);

/* ------------------------------------------------------------------------ */
/** @name Live session snapshot                                              */
/* ------------------------------------------------------------------------ */

/** A snapshot of logged-in agents on a set of peripherals. Opaque. */
typedef struct sgg_sessions sgg_sessions;

/** Agent states, as UCCE names them. */
typedef enum sgg_agent_state {
	SGG_STATE_LOGGED_OUT = 0,
	SGG_STATE_LOGGED_ON,
	SGG_STATE_NOT_READY,
	SGG_STATE_READY,
	SGG_STATE_TALKING,
	SGG_STATE_WORK_NOT_READY,
	SGG_STATE_WORK_READY,
	SGG_STATE_BUSY_OTHER,
	SGG_STATE_RESERVED,
	SGG_STATE_UNKNOWN,
	SGG_STATE_HOLD,
	SGG_STATE_ACTIVE,
	SGG_STATE_PAUSED,
	SGG_STATE_INTERRUPTED,
	SGG_STATE_NOT_ACTIVE
} sgg_agent_state;

/** Number of values in sgg_agent_state. */
#define SGG_STATE_COUNT 15

/** The state's name in snapshots ("talking"), or NULL when out of range. Borrowed static. */
SGG_EXPORT const char *sgg_state_name(sgg_agent_state state);

/** Parse a state name. @return 0 or SGG_ESHAPE (unknown name) or SGG_EINVAL. */
SGG_EXPORT int sgg_state_parse(sgg_agent_state *out, const char *name);

/** One agent's session. Borrowed from its sgg_sessions. */
typedef struct sgg_session {
	int64_t agent;               /**< the agent's SkillTargetID */
	const char *number;          /**< login id, or NULL */
	sgg_agent_state state;
	sgg_time login_at;           /**< or SGG_TIME_NONE */
	const int64_t *skill_groups; /**< skill groups logged into right now */
	size_t n_skill_groups;
} sgg_session;

/**
 * Create an empty snapshot taken at @p taken_at, to fill with the builder
 * functions, then seal with sgg_sessions_seal().
 * @return 0, SGG_EINVAL or SGG_ENOMEM. New object; free with sgg_sessions_free().
 */
SGG_EXPORT int sgg_sessions_new(sgg_sessions **out, sgg_time taken_at, sgg_error *err);

/** Free a snapshot. NULL is a no-op. */
SGG_EXPORT void sgg_sessions_free(sgg_sessions *snap);

/**
 * Load and seal a session snapshot from a file ("-": stdin): sgguard-sessions/1
 * or ucce-aw-rows, recognised from the document (sgg_sessions_load_file_as()
 * forces one).
 * @return 0, SGG_EINVAL, SGG_ENOMEM, SGG_EIO, SGG_ESYNTAX, SGG_ESHAPE,
 *         SGG_EDUP or SGG_EFORMAT. New object; free with sgg_sessions_free().
 */
SGG_EXPORT int sgg_sessions_load_file(sgg_sessions **out, const char *path, sgg_error *err);

/**
 * Load and seal a session snapshot from memory; the format is recognised
 * as by sgg_sessions_load_file().
 * @param source name used in error messages, or NULL for "<buffer>"
 * @return as sgg_sessions_load_file(). New object; free with sgg_sessions_free().
 */
SGG_EXPORT int sgg_sessions_load_buffer(sgg_sessions **out, const char *data, size_t size,
                                        const char *source, sgg_error *err);

/**
 * Declare that the snapshot covers peripheral @p id: every logged-in agent
 * of it is listed.
 * @return 0, SGG_EINVAL, SGG_ESHAPE, SGG_EDUP, SGG_ENOMEM or SGG_ESTATE.
 */
SGG_EXPORT int sgg_sessions_add_peripheral(sgg_sessions *snap, int id, sgg_error *err);

/**
 * Add an agent's session. Strings and the array are copied.
 * @return 0, SGG_EINVAL, SGG_ESHAPE, SGG_EDUP (agent listed twice),
 *         SGG_ENOMEM or SGG_ESTATE.
 */
SGG_EXPORT int sgg_sessions_add(sgg_sessions *snap, const sgg_session *session, sgg_error *err);

/** Build the indexes; the snapshot is read-only afterwards. @return 0, SGG_EINVAL, SGG_ENOMEM or SGG_ESTATE. */
SGG_EXPORT int sgg_sessions_seal(sgg_sessions *snap, sgg_error *err);

/** When the snapshot was taken. */
SGG_EXPORT sgg_time sgg_sessions_taken_at(const sgg_sessions *snap);

/** Number of sessions. */
SGG_EXPORT size_t sgg_sessions_count(const sgg_sessions *snap);

/** The session at @p index (file order), or NULL. Borrowed. */
SGG_EXPORT const sgg_session *sgg_sessions_at(const sgg_sessions *snap, size_t index);

/** The session of agent @p agent_id, or NULL. Borrowed. */
SGG_EXPORT const sgg_session *sgg_sessions_by_agent(const sgg_sessions *snap, int64_t agent_id);

/** Non-zero when peripheral @p id is in the snapshot's scope. */
SGG_EXPORT int sgg_sessions_covers(const sgg_sessions *snap, int id);

/* ------------------------------------------------------------------------ */
/** @name Target references                                                  */
/* ------------------------------------------------------------------------ */

/** The form a target reference was written in. */
typedef enum sgg_ref_kind {
	SGG_REF_ID = 0,           /**< "5019" */
	SGG_REF_NUMBER,           /**< "5000:40424" (priority 0) */
	SGG_REF_NUMBER_PRIORITY,  /**< "5000:40424:1" */
	SGG_REF_NAME              /**< "name:Literature" */
} sgg_ref_kind;

/** A parsed target reference. */
typedef struct sgg_ref {
	sgg_ref_kind kind;
	int64_t id;          /**< for SGG_REF_ID */
	int peripheral;      /**< for SGG_REF_NUMBER* */
	int64_t number;      /**< for SGG_REF_NUMBER* */
	int priority;        /**< for SGG_REF_NUMBER* */
	const char *name;    /**< for SGG_REF_NAME: points into the parsed text */
} sgg_ref;

/**
 * Parse one target reference. The result borrows from @p text.
 * @return 0, SGG_EINVAL or SGG_ETARGET (malformed).
 */
SGG_EXPORT int sgg_ref_parse(sgg_ref *out, const char *text, sgg_error *err);

/**
 * Find the skill group a reference names, deleted rows included.
 * @return Borrowed; NULL when nothing matches. For a number reference a live
 *         row is preferred over a deleted one.
 */
SGG_EXPORT const sgg_skill_group *sgg_config_resolve(const sgg_config *cfg, const sgg_ref *ref);

/**
 * The sub-skill groups of base group @p base_id (live rows only), in
 * priority order.
 * @return Borrowed array of *n pointers, or NULL with *n = 0.
 */
SGG_EXPORT const sgg_skill_group *const *sgg_config_subgroups(const sgg_config *cfg,
                                                              int64_t base_id, size_t *n);

/* ------------------------------------------------------------------------ */
/** @name The check                                                          */
/* ------------------------------------------------------------------------ */

/** Severity of a finding. */
typedef enum sgg_severity {
	SGG_SEVERITY_INFO = 0,
	SGG_SEVERITY_WARN,
	SGG_SEVERITY_BLOCK,
	SGG_SEVERITY_ERROR
} sgg_severity;

/** Rules, in the order findings are reported. */
typedef enum sgg_rule {
	SGG_RULE_UNKNOWN_TARGET = 0,
	SGG_RULE_SNAPSHOT_STALE,
	SGG_RULE_SNAPSHOT_FROM_FUTURE,
	SGG_RULE_OUTSIDE_WINDOW,
	SGG_RULE_SNAPSHOT_OUT_OF_SCOPE,
	SGG_RULE_MEMBER_LOGGED_IN,
	SGG_RULE_SESSION_REFERENCES_TARGET,
	SGG_RULE_ROUTE_REFERENCES_TARGET,
	SGG_RULE_SESSION_UNKNOWN_AGENT,
	SGG_RULE_SUBSKILL_INCLUDED
} sgg_rule;

/** Number of values in sgg_rule. */
#define SGG_RULE_COUNT 10

/** The rule's id ("member-logged-in"), or NULL when out of range. Borrowed static. */
SGG_EXPORT const char *sgg_rule_id(sgg_rule rule);

/** The rule's severity. */
SGG_EXPORT sgg_severity sgg_rule_severity(sgg_rule rule);

/** The severity's name ("block"), or NULL when out of range. Borrowed static. */
SGG_EXPORT const char *sgg_severity_name(sgg_severity severity);

/** The outcome of a check. */
typedef enum sgg_verdict {
	SGG_VERDICT_ALLOW = 0,
	SGG_VERDICT_BLOCK = 1,
	SGG_VERDICT_ERROR = 2
} sgg_verdict;

/** The verdict's name ("allow", "block", "error"). Borrowed static. */
SGG_EXPORT const char *sgg_verdict_name(sgg_verdict verdict);

#define SGG_CHECK_OPTIONS_VERSION 1
/** Default maximum snapshot age, seconds. */
#define SGG_DEFAULT_MAX_AGE 120
/** How far in the future a snapshot may be dated, seconds. */
#define SGG_FUTURE_TOLERANCE 60

/** Options of a check. Initialise with SGG_CHECK_OPTIONS_INIT. */
typedef struct sgg_check_options {
	unsigned int version; /**< SGG_CHECK_OPTIONS_VERSION */
	sgg_time at;          /**< check time; SGG_TIME_NONE means now */
	int64_t max_age;      /**< seconds; a negative value means the default */
	int has_window;       /**< non-zero when @p window applies */
	sgg_window window;
	int strict;           /**< non-zero: warnings block too */
} sgg_check_options;

#define SGG_CHECK_OPTIONS_INIT                                                                   \
	{ SGG_CHECK_OPTIONS_VERSION, SGG_TIME_NONE, -1, 0, { 0, 0 }, 0 }

/** A finding: one rule that fired for one (agent, skill group). Borrowed from its report. */
typedef struct sgg_finding {
	sgg_rule rule;
	sgg_severity severity;
	const char *message;        /**< one sentence for a person */
	/* the agent, when the rule is about one (agent_id 0 otherwise) */
	int64_t agent_id;
	const char *agent_number;   /**< or NULL */
	const char *agent_name;     /**< or NULL */
	const char *agent_team;     /**< or NULL */
	int has_state;              /**< non-zero when state and login_at are known */
	sgg_agent_state state;
	sgg_time login_at;          /**< or SGG_TIME_NONE */
	/* the skill group, when the rule is about one (NULL otherwise) */
	const sgg_skill_group *skill_group;
	/* the route, for route-references-target (route_id 0 otherwise) */
	int64_t route_id;
	const char *route_name;     /**< or NULL */
	/* the reference as written, for unknown-target (NULL otherwise) */
	const char *reference;
} sgg_finding;

/** A resolved target: a skill group and the sub-skill groups it brings. Borrowed. */
typedef struct sgg_target {
	const char *reference;                 /**< as written */
	const sgg_skill_group *skill_group;
	const sgg_skill_group *const *subgroups;
	size_t n_subgroups;
} sgg_target;

/** A member agent of the targets: whom steps 2 and 4 must reach. Borrowed. */
typedef struct sgg_notify {
	const sgg_agent *agent;
	int has_session;            /**< non-zero when the snapshot has a session for it */
	sgg_agent_state state;      /**< SGG_STATE_LOGGED_OUT when no session */
	sgg_time login_at;          /**< or SGG_TIME_NONE */
	const int64_t *skill_groups;/**< the target groups (subs included) it is a member of */
	size_t n_skill_groups;
	int covered;                /**< non-zero when the snapshot covers the agent's
	                                 peripheral; when zero, its state is not known */
} sgg_notify;

/** The result of a check. Opaque. */
typedef struct sgg_report sgg_report;

/**
 * Check whether removing the skill groups named by @p refs is safe.
 *
 * A report is produced whenever the inputs could be examined, even when a
 * reference names no skill group (verdict SGG_VERDICT_ERROR, finding
 * unknown-target). Only a complete check of every target with no blocking
 * finding yields SGG_VERDICT_ALLOW.
 *
 * @param cfg   a sealed configuration
 * @param snap  a sealed snapshot
 * @param refs  @p n_refs target references (see sgg_ref_parse()); at least one
 * @param opts  options, or NULL for the defaults
 * @return 0, SGG_EINVAL (misuse, unsealed input, bad options) or SGG_ENOMEM.
 *         New object; free with sgg_report_free().
 */
SGG_EXPORT int sgg_check_run(sgg_report **out, const sgg_config *cfg, const sgg_sessions *snap,
                             const char *const *refs, size_t n_refs,
                             const sgg_check_options *opts, sgg_error *err);

/** Free a report. NULL is a no-op. */
SGG_EXPORT void sgg_report_free(sgg_report *report);

/** The verdict. */
SGG_EXPORT sgg_verdict sgg_report_verdict(const sgg_report *report);

/** The check time used. */
SGG_EXPORT sgg_time sgg_report_checked_at(const sgg_report *report);

/** The snapshot time of the check. */
SGG_EXPORT sgg_time sgg_report_taken_at(const sgg_report *report);

/** The maximum snapshot age used, seconds. */
SGG_EXPORT int64_t sgg_report_max_age(const sgg_report *report);

/** The window, or NULL when none applied. Borrowed. */
SGG_EXPORT const sgg_window *sgg_report_window(const sgg_report *report);

/** Non-zero when the check ran in strict mode. */
SGG_EXPORT int sgg_report_strict(const sgg_report *report);

/** Number of findings. */
SGG_EXPORT size_t sgg_report_finding_count(const sgg_report *report);

/** Finding @p index, in report order, or NULL. Borrowed. */
SGG_EXPORT const sgg_finding *sgg_report_finding(const sgg_report *report, size_t index);

/** Number of findings of severity @p severity. */
SGG_EXPORT size_t sgg_report_count_severity(const sgg_report *report, sgg_severity severity);

/** Number of resolved targets (references that matched, without duplicates). */
SGG_EXPORT size_t sgg_report_target_count(const sgg_report *report);

/** Target @p index, or NULL. Borrowed. */
SGG_EXPORT const sgg_target *sgg_report_target(const sgg_report *report, size_t index);

/** Number of member agents to notify. */
SGG_EXPORT size_t sgg_report_notify_count(const sgg_report *report);

/** Member agent @p index (ordered by agent id), or NULL. Borrowed. */
SGG_EXPORT const sgg_notify *sgg_report_notify(const sgg_report *report, size_t index);

/* ------------------------------------------------------------------------ */
/** @name Renderers                                                          */
/* ------------------------------------------------------------------------ */

/** Output formats. */
typedef enum sgg_format {
	SGG_FORMAT_TEXT = 0,
	SGG_FORMAT_JSON,
	SGG_FORMAT_JUNIT,
	SGG_FORMAT_TAP,
	SGG_FORMAT_CSV
} sgg_format;

/** Parse a format name ("text", "json", "junit", "tap", "csv"). @return 0 or SGG_EINVAL. */
SGG_EXPORT int sgg_format_parse(sgg_format *out, const char *name);

/** Flags for the renderers. */
enum sgg_render_flags {
	SGG_RENDER_COLOR = 1u << 0 /**< ANSI colour in text output */
};

/**
 * Render a check report. Text and JSON are supported for every report;
 * JUnit XML too.
 * @param out   receives a NUL-terminated buffer; free with sgg_free()
 * @param len   receives its length (may be NULL)
 * @return 0, SGG_EINVAL (unsupported format) or SGG_ENOMEM.
 */
SGG_EXPORT int sgg_report_render(char **out, size_t *len, const sgg_report *report,
                                 sgg_format format, unsigned flags, sgg_error *err);

/**
 * Render an error alone as a report of verdict "error" (JSON or JUnit), for
 * a check that could not run. @p at is the check time (SGG_TIME_NONE: now).
 * @return 0, SGG_EINVAL or SGG_ENOMEM. Free *out with sgg_free().
 */
SGG_EXPORT int sgg_error_render(char **out, size_t *len, const sgg_error *error, sgg_time at,
                                sgg_format format, sgg_error *err);

/** Free memory the library handed out (rendered buffers). NULL is a no-op. */
SGG_EXPORT void sgg_free(void *ptr);

/* @section sources */

/** The document formats a configuration or a snapshot can be read from. */
typedef enum sgg_source_format {
	SGG_SOURCE_AUTO = 0, /**< detect: the "format" field, else the document's shape */
	SGG_SOURCE_NATIVE,   /**< "sgguard": sgguard-config/1 or sgguard-sessions/1 */
	SGG_SOURCE_AW_ROWS,  /**< "ucce-aw-rows": AW database tables written by FOR JSON PATH */
	SGG_SOURCE_CCE_API   /**< "cce-config-api": the CCE configuration API's lists (no snapshot) */
} sgg_source_format;

/**
 * Parse a source format name: "auto", "sgguard", "ucce-aw-rows" or
 * "cce-config-api". @return 0, SGG_EINVAL (NULL) or SGG_EFORMAT (unknown name).
 */
SGG_EXPORT int sgg_source_format_parse(sgg_source_format *out, const char *name);

/** The name of a source format ("ucce-aw-rows"), or NULL when out of range. Borrowed static. */
SGG_EXPORT const char *sgg_source_format_name(sgg_source_format format);

/**
 * Load and seal a configuration read as @p format (SGG_SOURCE_AUTO detects
 * it, as sgg_config_load_file() does); "-" reads standard input.
 * @return as sgg_config_load_file(). New object; free with sgg_config_free().
 */
SGG_EXPORT int sgg_config_load_file_as(sgg_config **out, const char *path,
                                       sgg_source_format format, unsigned flags, sgg_error *err);

/**
 * Load and seal a configuration from memory, read as @p format.
 * @param source name used in error messages, or NULL for "<buffer>"
 * @return as sgg_config_load_file(). New object; free with sgg_config_free().
 */
SGG_EXPORT int sgg_config_load_buffer_as(sgg_config **out, const char *data, size_t size,
                                         const char *source, sgg_source_format format,
                                         unsigned flags, sgg_error *err);

/**
 * Load and seal a snapshot read as @p format; "-" reads standard input. A
 * cce-config-api document holds no snapshot: SGG_EFORMAT.
 * @return as sgg_sessions_load_file(). New object; free with sgg_sessions_free().
 */
SGG_EXPORT int sgg_sessions_load_file_as(sgg_sessions **out, const char *path,
                                         sgg_source_format format, sgg_error *err);

/**
 * Load and seal a snapshot from memory, read as @p format.
 * @param source name used in error messages, or NULL for "<buffer>"
 * @return as sgg_sessions_load_file(). New object; free with sgg_sessions_free().
 */
SGG_EXPORT int sgg_sessions_load_buffer_as(sgg_sessions **out, const char *data, size_t size,
                                           const char *source, sgg_source_format format,
                                           sgg_error *err);

/* @section change-workflow (reserved: the four-step change records) */

/* ------------------------------------------------------------------------ */
/** @name Change workflow                                                    */
/* ------------------------------------------------------------------------ */

/**
 * Parse a maintenance window "START/END" or "START/DURATION" whose times may
 * lack an offset: those are read as wall-clock times in the IANA zone
 * @p zone (such as "Europe/Paris"), from the TZif files under
 * @p zoneinfo_dir (NULL: /usr/share/zoneinfo). A wall-clock time that does
 * not exist (skipped by a daylight-saving change) or that happens twice
 * (repeated by one) is refused: write its offset instead. A duration is
 * elapsed time. Unlike sgg_window_parse(), an end before the start is not an
 * error here; the caller decides.
 * @param zone may be NULL when every time carries an offset
 * @return 0, SGG_EINVAL, SGG_ESYNTAX or SGG_EIO (zone unreadable).
 */
SGG_EXPORT int sgg_window_parse_in_zone(sgg_window *out, const char *text, const char *zone,
                                        const char *zoneinfo_dir, sgg_error *err);

/**
 * The UTC offset, in seconds east of UTC, that zone @p zone applies at
 * instant @p t (for showing a window in the zone it was written in).
 * @return 0, SGG_EINVAL or SGG_EIO.
 */
SGG_EXPORT int sgg_zone_offset(int *out, const char *zone, const char *zoneinfo_dir, sgg_time t,
                               sgg_error *err);

/** A change record (sgguard-change/1): one planned removal and its log. Opaque. */
typedef struct sgg_change sgg_change;

/** Where a change stands. */
typedef enum sgg_change_state {
	SGG_CHANGE_PLANNED = 0,
	SGG_CHANGE_LOGOUT_NOTIFIED,
	SGG_CHANGE_REMOVAL_APPROVED,
	SGG_CHANGE_REMOVED,
	SGG_CHANGE_CLOSED,
	SGG_CHANGE_ABORTED
} sgg_change_state;

/** The steps of a change, in procedure order. */
typedef enum sgg_change_step {
	SGG_CHANGE_STEP_PLAN = 0,
	SGG_CHANGE_STEP_NOTIFY_LOGOUT,
	SGG_CHANGE_STEP_REMOVE,
	SGG_CHANGE_STEP_CONFIRM,
	SGG_CHANGE_STEP_NOTIFY_LOGIN,
	SGG_CHANGE_STEP_ABORT
} sgg_change_step;

/**
 * Load a change record and validate it fully: every field, and that its
 * log supports its state. A record that fails is never half-trusted.
 * @return 0, SGG_EINVAL, SGG_ENOMEM, SGG_EIO, SGG_ESYNTAX, SGG_ESHAPE,
 *         SGG_EFORMAT or SGG_ESTATE (the log does not lead to the state).
 *         New object; free with sgg_change_free().
 */
SGG_EXPORT int sgg_change_load_file(sgg_change **out, const char *path, sgg_error *err);

/**
 * The same, from memory.
 * @param source name used in error messages, or NULL for "<buffer>"
 * @return as sgg_change_load_file(). New object; free with sgg_change_free().
 */
SGG_EXPORT int sgg_change_load_buffer(sgg_change **out, const char *data, size_t size,
                                      const char *source, sgg_error *err);

/** Free a change record. NULL is a no-op. */
SGG_EXPORT void sgg_change_free(sgg_change *change);

/** The change id. Borrowed. */
SGG_EXPORT const char *sgg_change_id(const sgg_change *change);

/** The state. */
SGG_EXPORT sgg_change_state sgg_change_get_state(const sgg_change *change);

/** "planned", "logout_notified", ... or NULL when out of range. Borrowed static. */
SGG_EXPORT const char *sgg_change_state_name(sgg_change_state state);

/** "plan", "notify-logout", "remove", "confirm", "notify-login", "abort", or NULL. Borrowed static. */
SGG_EXPORT const char *sgg_change_step_name(sgg_change_step step);

/** Non-zero when a target of the change, or one of its sub-skill groups, has id @p skill_group_id. */
SGG_EXPORT int sgg_change_covers(const sgg_change *change, int64_t skill_group_id);

/** The window (UTC instants). Borrowed. */
SGG_EXPORT const sgg_window *sgg_change_window(const sgg_change *change);

/** The IANA zone the window was written in, or NULL. Borrowed. */
SGG_EXPORT const char *sgg_change_zone(const sgg_change *change);

/** Number of targets (resolved base or sub-skill groups, as planned). */
SGG_EXPORT size_t sgg_change_target_count(const sgg_change *change);

/**
 * Target @p index, or NULL. Its skill group pointers are borrowed from
 * @p change (the record keeps its own copy of each group).
 */
SGG_EXPORT const sgg_target *sgg_change_target(const sgg_change *change, size_t index);

/** Number of member agents to notify. */
SGG_EXPORT size_t sgg_change_notify_count(const sgg_change *change);

/** Member agent @p index, ordered by id, or NULL. Borrowed. */
SGG_EXPORT const sgg_agent *sgg_change_notify_agent(const sgg_change *change, size_t index);

/** One attempt of a step, as the record's log keeps it. Borrowed. */
typedef struct sgg_change_entry {
	sgg_time at;           /**< when the step was attempted */
	const char *by;        /**< who attempted it */
	sgg_change_step step;
	int done;              /**< non-zero: done; zero: refused */
	const char *reason;    /**< why it was refused, or the abort/override reason; or NULL */
	int overridden;        /**< non-zero for a remove passed by override */
} sgg_change_entry;

/** Number of log entries. */
SGG_EXPORT size_t sgg_change_log_count(const sgg_change *change);

/** Log entry @p index (oldest first), or NULL. Borrowed. */
SGG_EXPORT const sgg_change_entry *sgg_change_log_entry(const sgg_change *change, size_t index);

/** Non-zero when the removal gate was passed by override. */
SGG_EXPORT int sgg_change_overridden(const sgg_change *change);

#define SGG_CHANGE_OPTIONS_VERSION 1
/** How long a step waits for another process's lock on a record, by default. */
#define SGG_CHANGE_LOCK_TIMEOUT_MS 5000

/**
 * Called by sgg_change_remove() while it waits for the gate to open, after
 * each look at the snapshot.
 * @param report  the check of that look. Borrowed for the call only.
 * @param now     the check time of that look
 * @param until   when the wait ends at the latest
 */
typedef void (*sgg_change_progress_fn)(void *ctx, const sgg_report *report, sgg_time now,
                                       sgg_time until);

/** Options of the steps. Initialise with SGG_CHANGE_OPTIONS_INIT. */
typedef struct sgg_change_options {
	unsigned int version;       /**< SGG_CHANGE_OPTIONS_VERSION */
	sgg_time at;                /**< the step's time; SGG_TIME_NONE means now */
	const char *by;             /**< who runs the step (required) */
	const char *id;             /**< plan: the change id; NULL: the record's file name without .json */
	const char *window;         /**< plan: START/END or START/DURATION (required) */
	const char *zone;           /**< plan: IANA zone of times written without an offset, or NULL */
	const char *zoneinfo_dir;   /**< NULL: /usr/share/zoneinfo */
	const char *reason;         /**< abort and override: why (required by them) */
	int override;               /**< remove: pass a gate that only logged-in agents block */
	int64_t max_age;            /**< remove: oldest snapshot accepted, s; negative: default */
	int64_t wait;               /**< remove: seconds to wait for the gate to open; 0: no wait */
	int64_t wait_interval_ms;   /**< remove: time between looks while waiting; <= 0: 5000 */
	sgg_change_progress_fn progress; /**< remove: called while waiting, or NULL */
	void *progress_ctx;
	int lock_timeout_ms;        /**< negative: SGG_CHANGE_LOCK_TIMEOUT_MS */
} sgg_change_options;

#define SGG_CHANGE_OPTIONS_INIT                                                                  \
	{ SGG_CHANGE_OPTIONS_VERSION, SGG_TIME_NONE, NULL, NULL, NULL, NULL, NULL, NULL, 0, -1,  \
	  0, 0, NULL, NULL, -1 }

/** What a step did: done or refused, why, and its evidence. Opaque. */
typedef struct sgg_change_result sgg_change_result;

/** Free a result. NULL is a no-op. */
SGG_EXPORT void sgg_change_result_free(sgg_change_result *result);

/** The step. */
SGG_EXPORT sgg_change_step sgg_change_result_step(const sgg_change_result *result);

/** Non-zero when the step was done, zero when it was refused. */
SGG_EXPORT int sgg_change_result_done(const sgg_change_result *result);

/** Why the step was refused (one sentence), or NULL when done. Borrowed. */
SGG_EXPORT const char *sgg_change_result_message(const sgg_change_result *result);

/** The record as the step left it (or found it, when nothing was written). Borrowed. */
SGG_EXPORT const sgg_change *sgg_change_result_change(const sgg_change_result *result);

/** The check a remove step ran, or NULL. Borrowed. */
SGG_EXPORT const sgg_report *sgg_change_result_report(const sgg_change_result *result);

/*
 * The steps. Each locks the record (RECORD.lock, waiting up to
 * lock_timeout_ms for another process: SGG_ELOCKED after), checks that the
 * record is in the state the step starts from, does the step, appends one
 * log entry (done or refused) and rewrites the record atomically.
 *
 * Each returns 0 when the step was done, SGG_EREFUSED when it was refused
 * (then *out tells why and @p err carries the same sentence), or another
 * negative code on an error (*out NULL, nothing written).
 */

/**
 * Step 1: create the record @p path for removing the skill groups @p refs of
 * @p cfg in opts->window. Refused when the window has ended, ends before it
 * starts, a reference names no live skill group, or @p path exists; a
 * refused plan writes nothing, since there is no record to log into.
 * @return 0, SGG_EREFUSED or an error. New result; free with sgg_change_result_free().
 */
SGG_EXPORT int sgg_change_plan(sgg_change_result **out, const char *path, const sgg_config *cfg,
                               const char *const *refs, size_t n_refs,
                               const sgg_change_options *opts, sgg_error *err);

/**
 * Step 2: planned -> logout_notified. @p snap (may be NULL) adds each
 * member's current state to the notification list.
 * @return 0, SGG_EREFUSED or an error. New result; free with sgg_change_result_free().
 */
SGG_EXPORT int sgg_change_notify_logout(sgg_change_result **out, const char *path,
                                        const sgg_sessions *snap,
                                        const sgg_change_options *opts, sgg_error *err);

/**
 * Step 3a, the gate: logout_notified -> removal_approved, when the full check
 * on the snapshot read from @p sessions_path allows the removal inside the
 * window. @p cfg (may be NULL) is a current configuration export; without
 * it the record's own targets and members are checked.
 * @return 0, SGG_EREFUSED or an error. New result; free with sgg_change_result_free().
 */
SGG_EXPORT int sgg_change_remove(sgg_change_result **out, const char *path, const sgg_config *cfg,
                                 const char *sessions_path, const sgg_change_options *opts,
                                 sgg_error *err);

/**
 * Step 3b: removal_approved -> removed, when no target nor sub-skill group is
 * still present and not deleted in @p after, the export taken after the
 * removal.
 * @return 0, SGG_EREFUSED or an error. New result; free with sgg_change_result_free().
 */
SGG_EXPORT int sgg_change_confirm(sgg_change_result **out, const char *path,
                                  const sgg_config *after, const sgg_change_options *opts,
                                  sgg_error *err);

/**
 * Step 4: removed -> closed. @p snap may be NULL.
 * @return 0, SGG_EREFUSED or an error. New result; free with sgg_change_result_free().
 */
SGG_EXPORT int sgg_change_notify_login(sgg_change_result **out, const char *path,
                                       const sgg_sessions *snap, const sgg_change_options *opts,
                                       sgg_error *err);

/**
 * Abort an open change (any state but closed and aborted); opts->reason is
 * required.
 * @return 0, SGG_EREFUSED or an error. New result; free with sgg_change_result_free().
 */
SGG_EXPORT int sgg_change_abort(sgg_change_result **out, const char *path,
                                const sgg_change_options *opts, sgg_error *err);

/**
 * Render a step's result: for the notify steps the notification list (text,
 * csv or json), for the others a summary (text or json).
 * @return 0, SGG_EINVAL (unsupported format) or SGG_ENOMEM. Free *out with sgg_free().
 */
SGG_EXPORT int sgg_change_result_render(char **out, size_t *len, const sgg_change_result *result,
                                        sgg_format format, unsigned flags, sgg_error *err);

/**
 * Render where a change stands as of @p at: the four steps as a timeline,
 * refused attempts, any override, what comes next and the time left in the
 * window (text or json).
 * @return 0, SGG_EINVAL or SGG_ENOMEM. Free *out with sgg_free().
 */
SGG_EXPORT int sgg_change_status_render(char **out, size_t *len, const sgg_change *change,
                                        sgg_time at, sgg_format format, unsigned flags,
                                        sgg_error *err);

/* @section diff-lint (reserved: configuration diff and consistency checks) */

/* ------------------------------------------------------------------------ */
/** @name Configuration diff and consistency checks                          */
/* ------------------------------------------------------------------------ */

/**
 * The result of sgg_diff_run() (two exports and the change records that
 * cover their removals) or of sgg_lint_run() (the consistency checks of one
 * export). It copies what it points to, so it outlives its inputs. Opaque.
 */
typedef struct sgg_diff sgg_diff;

/** Rules of the diff and lint, in the order findings are reported. */
typedef enum sgg_diff_rule {
	SGG_DIFF_RULE_REMOVAL_WITHOUT_CHANGE = 0, /**< a removal no change record covers */
	SGG_DIFF_RULE_DANGLING_REFERENCE          /**< a reference to a missing or deleted group */
} sgg_diff_rule;

/** Number of values in sgg_diff_rule. */
#define SGG_DIFF_RULE_COUNT 2

/** The rule's id ("removal-without-change"), or NULL when out of range. Borrowed static. */
SGG_EXPORT const char *sgg_diff_rule_id(sgg_diff_rule rule);

/** How a skill group was removed between the two exports. */
typedef enum sgg_removal_kind {
	SGG_REMOVAL_ABSENT = 0, /**< the row is gone from AFTER */
	SGG_REMOVAL_DELETED,    /**< the row is marked deleted in AFTER */
	SGG_REMOVAL_WITH_BASE   /**< a sub-skill group still listed, but its base group is removed */
} sgg_removal_kind;

/** The name of a removal kind ("absent", "deleted", "with-base"), or NULL. Borrowed static. */
SGG_EXPORT const char *sgg_removal_kind_name(sgg_removal_kind kind);

/** A change record the diff was given. Borrowed from its sgg_diff. */
typedef struct sgg_diff_change {
	const char *id;          /**< the change id */
	sgg_change_state state;  /**< its state when it was read */
} sgg_diff_change;

/** A removed skill group. Borrowed from its sgg_diff. */
typedef struct sgg_removal {
	const sgg_skill_group *skill_group; /**< as BEFORE had it */
	sgg_removal_kind kind;
	int64_t with_base;    /**< the removed base group that brings it along, or 0 */
	const sgg_diff_change *covered_by;  /**< the change record that covers it, or NULL */
} sgg_removal;

/** Fields of a skill group that sgg_group_change reports (a bit mask). */
enum sgg_group_fields {
	SGG_GROUP_FIELD_NAME = 1u << 0,
	SGG_GROUP_FIELD_PERIPHERAL = 1u << 1,
	SGG_GROUP_FIELD_NUMBER = 1u << 2,
	SGG_GROUP_FIELD_PRIORITY = 1u << 3,
	SGG_GROUP_FIELD_BASE = 1u << 4
};

/** A skill group live in both exports whose fields changed. Borrowed from its sgg_diff. */
typedef struct sgg_group_change {
	const sgg_skill_group *before;
	const sgg_skill_group *after;
	unsigned fields; /**< the sgg_group_fields that differ */
} sgg_group_change;

/** An agent that gained or lost a skill group. Borrowed from its sgg_diff. */
typedef struct sgg_membership_change {
	const sgg_agent *agent;             /**< as AFTER has it (as BEFORE had it when removed) */
	int64_t skill_group_id;
	const sgg_skill_group *skill_group; /**< the group, from AFTER or BEFORE, or NULL */
	int gained;                         /**< non-zero: gained; zero: lost */
} sgg_membership_change;

/** Where a dangling reference is. */
typedef enum sgg_dangling_kind {
	SGG_DANGLING_MEMBERSHIP = 0, /**< an agent's skill_groups entry */
	SGG_DANGLING_BASE,           /**< a sub-skill group's base */
	SGG_DANGLING_ROUTE           /**< a route's target */
} sgg_dangling_kind;

/** A finding of the diff or lint. Borrowed from its sgg_diff. */
typedef struct sgg_diff_finding {
	sgg_diff_rule rule;
	sgg_severity severity;   /**< SGG_SEVERITY_BLOCK for both rules */
	const char *message;     /**< one sentence for a person */
	/**
	 * removal-without-change: the removed group; dangling-reference of a
	 * base: the sub-skill group whose base dangles. NULL otherwise.
	 */
	const sgg_skill_group *skill_group;
	/* dangling-reference only */
	sgg_dangling_kind kind;
	const char *path;        /**< JSON path in the export ("agents[0].skill_groups[1]") */
	int64_t target;          /**< the skill group id named */
	int target_deleted;      /**< non-zero: a deleted row; zero: no such skill group */
	const sgg_skill_group *target_group; /**< the deleted row, or BEFORE's row, or NULL */
	const sgg_agent *agent;  /**< for a membership, else NULL */
	int64_t route_id;        /**< for a route, else 0 */
	const char *route_name;  /**< for a route, or NULL */
} sgg_diff_finding;

/**
 * Compare two exports and apply the removal policy: every skill group
 * present and not deleted in @p before but absent or deleted in @p after
 * (and every sub-skill group of such a base) must be covered by one of
 * @p changes in state removal_approved, removed or closed; and @p after must
 * be self-consistent (see sgg_lint_run()). Added and changed groups and
 * changed memberships are listed for information.
 *
 * @param before   a sealed configuration
 * @param after    a sealed configuration, best loaded with
 *                 SGG_CONFIG_KEEP_DANGLING so that its dangling references
 *                 become findings
 * @param changes  @p n_changes change records (may be NULL when 0); read only
 * @return 0, SGG_EINVAL (misuse, unsealed input) or SGG_ENOMEM.
 *         New object; free with sgg_diff_free().
 */
SGG_EXPORT int sgg_diff_run(sgg_diff **out, const sgg_config *before, const sgg_config *after,
                            sgg_change *const *changes, size_t n_changes, sgg_error *err);

/**
 * The consistency checks alone on one export: a membership, a sub-skill
 * group's base or a route that names a skill group which is absent or
 * deleted is a dangling-reference finding.
 * @param cfg a sealed configuration loaded with SGG_CONFIG_KEEP_DANGLING
 * @return 0, SGG_EINVAL or SGG_ENOMEM. New object; free with sgg_diff_free().
 */
SGG_EXPORT int sgg_lint_run(sgg_diff **out, const sgg_config *cfg, sgg_error *err);

/** Free a diff or lint result. NULL is a no-op. */
SGG_EXPORT void sgg_diff_free(sgg_diff *diff);

/** Non-zero when @p diff came from sgg_lint_run(). */
SGG_EXPORT int sgg_diff_is_lint(const sgg_diff *diff);

/** SGG_VERDICT_BLOCK when any finding blocks, else SGG_VERDICT_ALLOW. */
SGG_EXPORT sgg_verdict sgg_diff_verdict(const sgg_diff *diff);

/** Number of change records given. */
SGG_EXPORT size_t sgg_diff_change_count(const sgg_diff *diff);

/** Change record @p index, in the order given, or NULL. Borrowed. */
SGG_EXPORT const sgg_diff_change *sgg_diff_change_at(const sgg_diff *diff, size_t index);

/** Number of removed skill groups. */
SGG_EXPORT size_t sgg_diff_removal_count(const sgg_diff *diff);

/** Removal @p index (BEFORE's order), or NULL. Borrowed. */
SGG_EXPORT const sgg_removal *sgg_diff_removal(const sgg_diff *diff, size_t index);

/** Number of added skill groups. */
SGG_EXPORT size_t sgg_diff_added_count(const sgg_diff *diff);

/** Added skill group @p index (AFTER's order), or NULL. Borrowed. */
SGG_EXPORT const sgg_skill_group *sgg_diff_added(const sgg_diff *diff, size_t index);

/** Number of changed skill groups. */
SGG_EXPORT size_t sgg_diff_changed_count(const sgg_diff *diff);

/** Changed skill group @p index (AFTER's order), or NULL. Borrowed. */
SGG_EXPORT const sgg_group_change *sgg_diff_changed(const sgg_diff *diff, size_t index);

/** Number of membership changes. */
SGG_EXPORT size_t sgg_diff_membership_count(const sgg_diff *diff);

/** Membership change @p index (by agent, AFTER's order first), or NULL. Borrowed. */
SGG_EXPORT const sgg_membership_change *sgg_diff_membership(const sgg_diff *diff,
                                                            size_t index);

/** Number of findings. */
SGG_EXPORT size_t sgg_diff_finding_count(const sgg_diff *diff);

/** Finding @p index, in report order, or NULL. Borrowed. */
SGG_EXPORT const sgg_diff_finding *sgg_diff_finding_at(const sgg_diff *diff, size_t index);

/**
 * Render a diff or lint result as text, JSON, JUnit XML or TAP (version 13).
 * @param flags  sgg_render_flags (colour applies to text)
 * @param out    receives a NUL-terminated buffer; free with sgg_free()
 * @param len    receives its length (may be NULL)
 * @return 0, SGG_EINVAL (unsupported format) or SGG_ENOMEM.
 */
SGG_EXPORT int sgg_diff_render(char **out, size_t *len, const sgg_diff *diff, sgg_format format,
                               unsigned flags, sgg_error *err);

/**
 * Render an input error of diff (@p lint zero) or lint (@p lint non-zero)
 * as a result of verdict "error", in JSON, JUnit XML or TAP.
 * @return 0, SGG_EINVAL or SGG_ENOMEM. Free *out with sgg_free().
 */
SGG_EXPORT int sgg_diff_render_error(char **out, size_t *len, const sgg_error *error, int lint,
                                     sgg_format format, sgg_error *err);

/* @section scan-log (reserved: OPC trace scanner) */

/* ------------------------------------------------------------------------ */
/** @name Trace scan                                                         */
/* ------------------------------------------------------------------------ */

/*
 * A scan reads Peripheral Gateway OPC trace text (what dumplog writes) and
 * finds skill-group removals, the "SkillGroup N ... unknown for agent A"
 * traces that follow them, and crash or restart lines. Feed it any number
 * of sources in chunks of any size; memory stays bounded whatever their
 * size. After sgg_scan_finish(), read the incidents and render them.
 */

/** A scan of trace text. Opaque. */
typedef struct sgg_scan sgg_scan;

/** Default window after a removal in which unknown-skill-group traces count, seconds. */
#define SGG_SCAN_DEFAULT_WINDOW 300
/** Default longest line kept, bytes; a longer line is skipped and counted. */
#define SGG_SCAN_DEFAULT_MAX_LINE 4096

#define SGG_SCAN_OPTIONS_VERSION 1

/** Options of a scan. Initialise with SGG_SCAN_OPTIONS_INIT. */
typedef struct sgg_scan_options {
	unsigned int version;      /**< SGG_SCAN_OPTIONS_VERSION */
	int64_t window;            /**< seconds (1..86400); a negative value means the default */
	/** names groups and agents, or NULL; borrowed, must outlive the scan */
	const sgg_config *config;
	size_t max_line;           /**< bytes (80..1048576); 0 means the default */
} sgg_scan_options;

#define SGG_SCAN_OPTIONS_INIT { SGG_SCAN_OPTIONS_VERSION, -1, NULL, 0 }

/** What a scan entry is. */
typedef enum sgg_scan_kind {
	SGG_SCAN_INCIDENT = 0,  /**< a skill-group removal followed by unknown-skill-group traces */
	SGG_SCAN_HARMLESS,      /**< a skill-group removal with no such trace in its window */
	SGG_SCAN_UNEXPLAINED    /**< unknown-skill-group traces with no removal before them */
} sgg_scan_kind;

/** The kind's name ("incident", "harmless", "unexplained"), or NULL. Borrowed static. */
SGG_EXPORT const char *sgg_scan_kind_name(sgg_scan_kind kind);

/**
 * Where and when a trace line was written. Trace times are the PG's wall
 * clock with no zone. @p line is 0 when the stamp is absent.
 */
typedef struct sgg_scan_stamp {
	const char *source; /**< the source's name ("<stdin>" for "-"), or NULL when absent */
	uint64_t line;      /**< 1-based physical line (the first line of a wrapped trace) */
	int dated;          /**< non-zero when a date is known: @p day counts from 1970-01-01 */
	int64_t day;        /**< dated: days since 1970-01-01; else days since the source's start */
	int seconds;        /**< seconds since midnight, 0..86399 */
} sgg_scan_stamp;

/**
 * Write a stamp's time: "2026-11-29 11:12:20" when dated, "11:12:20" on the
 * first day of an undated source, "11:12:20 (day +1)" after it.
 * @param buf at least SGG_SCAN_STAMP_BUFSIZE bytes
 * @return @p buf
 */
SGG_EXPORT char *sgg_scan_stamp_format(const sgg_scan_stamp *stamp, char *buf);

/** Enough room for any time written by sgg_scan_stamp_format(). */
#define SGG_SCAN_STAMP_BUFSIZE 48

/** One configuration update summary ("REMOVED 1 SkillGroups."). Borrowed. */
typedef struct sgg_scan_change {
	const char *action; /**< "ADDED", "UPDATED" or "REMOVED" */
	const char *kind;   /**< the object kind as traced: "SkillGroups", "Agents", "Routes"... */
	int64_t objects;    /**< the number on the line (summed over the lines it stands for) */
	uint64_t lines;     /**< how many lines it stands for */
} sgg_scan_change;

/** A skill group an unknown-skill-group trace named. Borrowed. */
typedef struct sgg_scan_group {
	int peripheral;                 /**< "on Peripheral P" */
	int64_t number;                 /**< the decimal number (PeripheralNumber) */
	int priority;                   /**< "priority=P" */
	int has_hex;                    /**< non-zero when the trace gave "(0xH)" */
	int64_t hex;                    /**< the first hexadecimal number given */
	uint64_t traces;                /**< how many traces named it */
	uint64_t mismatches;            /**< traces whose hexadecimal number disagreed */
	int64_t mismatch_hex;           /**< the first disagreeing hexadecimal number */
	const sgg_skill_group *config;  /**< its row in the export (deleted rows too), or NULL */
} sgg_scan_group;

/** An agent an unknown-skill-group trace named. Borrowed. */
typedef struct sgg_scan_agent {
	int peripheral;          /**< "on Peripheral P" */
	const char *number;      /**< the login id as traced */
	uint64_t traces;         /**< how many traces named it */
	int64_t skill_group;     /**< the number of the first skill group traced with it */
	const sgg_agent *config; /**< its row in the export, or NULL */
} sgg_scan_agent;

/** An entry of the scan: a removal, its traces, or both. Borrowed from its scan. */
typedef struct sgg_scan_incident {
	sgg_scan_kind kind;
	int matches;             /**< non-zero: the mass-disconnect pattern */
	const char *process;     /**< the process that wrote the lines ("PG1A-opc") */
	const char *node;        /**< its name before the last '-' ("PG1A"), or the whole name */
	/* the removal (line 0 for SGG_SCAN_UNEXPLAINED) */
	sgg_scan_stamp removal;
	int64_t removed;         /**< skill groups the update removed ("REMOVED n SkillGroups") */
	const sgg_scan_change *changes; /**< the whole configuration update it was part of */
	size_t n_changes;
	/* the unknown-skill-group traces (none for SGG_SCAN_HARMLESS) */
	uint64_t traces;
	uint64_t mismatches;     /**< traces whose decimal and hexadecimal numbers disagree */
	sgg_scan_stamp first_trace, last_trace;
	const sgg_scan_group *groups; /**< in order of first trace */
	size_t n_groups;
	uint64_t groups_unlisted;     /**< distinct groups beyond the listing limit */
	const sgg_scan_agent *agents; /**< in order of first trace */
	size_t n_agents;
	uint64_t agents_unlisted;
	/* crash or restart lines of the same node inside the window */
	uint64_t crash_lines;
	sgg_scan_stamp crash;    /**< the first one */
	const char *crash_text;  /**< its message (shortened), or NULL */
} sgg_scan_incident;

/** A source as the scan read it. Borrowed. */
typedef struct sgg_scan_source {
	const char *name;
	uint64_t bytes;
	uint64_t lines;           /**< physical lines */
	uint64_t trace_lines;     /**< lines that began with a time and a process */
	sgg_scan_stamp first;     /**< the first and last trace line (line 0: none) */
	sgg_scan_stamp last;
} sgg_scan_source;

/** What a scan counted, over every source. */
typedef struct sgg_scan_stats {
	uint64_t bytes;
	uint64_t lines;          /**< physical lines */
	uint64_t trace_lines;    /**< lines that began with a time and a process */
	uint64_t wrapped_lines;  /**< lines joined to the trace line before them */
	uint64_t date_headers;   /**< "Events from ..." lines understood */
	uint64_t ignored_lines;  /**< lines that matched nothing (garbage included) */
	uint64_t long_lines;     /**< lines longer than max_line, skipped */
	uint64_t summaries;      /**< configuration update summary lines */
	uint64_t removals;       /**< removals of skill groups (one per configuration update) */
	uint64_t traces;         /**< unknown-skill-group traces */
	uint64_t mismatches;     /**< of which the decimal and hexadecimal numbers disagree */
	uint64_t crash_lines;    /**< crash or restart lines inside a window */
	uint64_t unlisted;       /**< harmless removals or other entries beyond the listing limit */
	uint64_t untracked_lines; /**< interesting lines of processes beyond the process limit */
} sgg_scan_stats;

/**
 * Start a scan.
 * @param opts options, or NULL for the defaults
 * @return 0, SGG_EINVAL (bad options) or SGG_ENOMEM. New object; free with
 *         sgg_scan_free().
 */
SGG_EXPORT int sgg_scan_new(sgg_scan **out, const sgg_scan_options *opts, sgg_error *err);

/** Free a scan and everything borrowed from it. NULL is a no-op. */
SGG_EXPORT void sgg_scan_free(sgg_scan *scan);

/**
 * Feed the next chunk of a source. Lines may be split anywhere between
 * chunks. A call with a different @p source name than the previous one, or
 * with @p data NULL and @p len 0, ends the previous source: its last line
 * is read and its clock is reset (a new source starts on an unknown day).
 * @param source the source's name for stamps and messages ("-" is shown as
 *        "<stdin>"); copied
 * @return 0, SGG_EINVAL or SGG_ENOMEM; SGG_ESTATE after sgg_scan_finish().
 */
SGG_EXPORT int sgg_scan_feed(sgg_scan *scan, const char *data, size_t len, const char *source,
                             sgg_error *err);

/**
 * Feed a whole file ("-": standard input) and end it as a source.
 * @return 0, SGG_EINVAL, SGG_ENOMEM, SGG_ESTATE or SGG_EIO (unreadable; the
 *         error names the file).
 */
SGG_EXPORT int sgg_scan_feed_file(sgg_scan *scan, const char *path, sgg_error *err);

/**
 * End the last source, close every open window and name groups and agents
 * from the configuration. The scan is read-only afterwards.
 * @return 0, SGG_EINVAL, SGG_ENOMEM or SGG_ESTATE (already finished).
 */
SGG_EXPORT int sgg_scan_finish(sgg_scan *scan, sgg_error *err);

/** The window used, seconds. */
SGG_EXPORT int64_t sgg_scan_window(const sgg_scan *scan);

/** The configuration that names groups and agents, or NULL. Borrowed (the caller's). */
SGG_EXPORT const sgg_config *sgg_scan_config(const sgg_scan *scan);

/** Counters over every source. Borrowed; NULL before sgg_scan_finish(). */
SGG_EXPORT const sgg_scan_stats *sgg_scan_stats_get(const sgg_scan *scan);

/** Number of sources read (0 before sgg_scan_finish()). */
SGG_EXPORT size_t sgg_scan_source_count(const sgg_scan *scan);

/** Source @p index, in the order fed, or NULL. Borrowed. */
SGG_EXPORT const sgg_scan_source *sgg_scan_source_at(const sgg_scan *scan, size_t index);

/**
 * Number of listed entries (incidents, harmless removals, unexplained
 * traces), 0 before sgg_scan_finish().
 */
SGG_EXPORT size_t sgg_scan_incident_count(const sgg_scan *scan);

/** Entry @p index, in trace order (source, then line), or NULL. Borrowed. */
SGG_EXPORT const sgg_scan_incident *sgg_scan_incident_at(const sgg_scan *scan, size_t index);

/**
 * Number of incidents that match the mass-disconnect pattern: a removal of
 * skill groups followed, within the window and in the same process, by at
 * least one unknown-skill-group trace whose decimal and hexadecimal numbers
 * agree. Counts incidents beyond the listing limit too.
 */
SGG_EXPORT size_t sgg_scan_match_count(const sgg_scan *scan);

/** Number of distinct configuration update summaries (action, kind) over the whole trace. */
SGG_EXPORT size_t sgg_scan_change_count(const sgg_scan *scan);

/** Summary total @p index, in order of first appearance, or NULL. Borrowed. */
SGG_EXPORT const sgg_scan_change *sgg_scan_change_at(const sgg_scan *scan, size_t index);

/**
 * Render a finished scan: text (verdict first, then each entry, then what
 * to do) or JSON (sgguard-scan/1).
 * @param flags SGG_RENDER_COLOR for text
 * @return 0, SGG_EINVAL (unsupported format, unfinished scan) or SGG_ENOMEM.
 *         Free *out with sgg_free().
 */
SGG_EXPORT int sgg_scan_render(char **out, size_t *len, const sgg_scan *scan, sgg_format format,
                               unsigned flags, sgg_error *err);

#ifdef __cplusplus
}
#endif

#endif /* SGGUARD_H */
