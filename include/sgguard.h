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
	 * skill group instead of failing; list them with
	 * sgg_config_dangling_count(). For consistency checks (lint, diff).
	 */
	SGG_CONFIG_KEEP_DANGLING = 1u << 0
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
 * Load and seal an sgguard-config/1 document from a file; "-" reads
 * standard input.
 * @param flags a combination of sgg_config_flags
 * @return 0, SGG_EINVAL, SGG_ENOMEM, SGG_EIO, SGG_ESYNTAX, SGG_ESHAPE,
 *         SGG_EREF, SGG_EDUP or SGG_EFORMAT. New object; free with
 *         sgg_config_free().
 */
SGG_EXPORT int sgg_config_load_file(sgg_config **out, const char *path, unsigned flags,
                                    sgg_error *err);

/**
 * Load and seal an sgguard-config/1 document from memory (no NUL needed).
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
 * Load and seal an sgguard-sessions/1 document from a file ("-": stdin).
 * @return 0, SGG_EINVAL, SGG_ENOMEM, SGG_EIO, SGG_ESYNTAX, SGG_ESHAPE,
 *         SGG_EDUP or SGG_EFORMAT. New object; free with sgg_sessions_free().
 */
SGG_EXPORT int sgg_sessions_load_file(sgg_sessions **out, const char *path, sgg_error *err);

/**
 * Load and seal an sgguard-sessions/1 document from memory.
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
 * a check that could not run.
 * @return 0, SGG_EINVAL or SGG_ENOMEM. Free *out with sgg_free().
 */
SGG_EXPORT int sgg_error_render(char **out, size_t *len, const sgg_error *error, sgg_time at,
                                sgg_format format, sgg_error *err);

/** Free memory the library handed out (rendered buffers). NULL is a no-op. */
SGG_EXPORT void sgg_free(void *ptr);

/* @section change-workflow (reserved: the four-step change records) */

/* @section diff-lint (reserved: configuration diff and consistency checks) */

/* @section scan-log (reserved: OPC trace scanner) */

#ifdef __cplusplus
}
#endif

#endif /* SGGUARD_H */
