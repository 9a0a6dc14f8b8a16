/*
 * sources.h - the adapters for documents sgguard did not write: UCCE AW
 * database rows (aw_rows.c) and the CCE configuration API (cce_api.c), and
 * the format detection that picks one (detect.c). Only adapters include it.
 * SPDX-License-Identifier: MIT
 */
#ifndef SGG_SOURCES_H
#define SGG_SOURCES_H

#include "json_input.h"

/*
 * Where each model row came from in the source document, so that an error
 * the builder or the seal reports with a native path (skill_groups[3].number,
 * agents[1].skill_groups[0]) names the source instead
 * (Skill_Group[3].PeripheralNumber, Skill_Group_Member[7].SkillGroupSkillTargetID).
 */
typedef struct sgg__origin_list {
	const char *native;        /* "skill_groups", "agents", "routes", "peripherals" */
	const char *const *fields; /* pairs: native field, source field; NULL-terminated */
	const char **paths;        /* path of the row behind model row i */
	size_t n, cap;
} sgg__origin_list;

typedef struct sgg__origin {
	sgg__arena strings;
	sgg__origin_list groups, agents, routes, peripherals;
	/* memberships of agent i: member_paths[member_off[i] .. member_off[i + 1]) */
	const char **member_paths;
	size_t n_members, cap_members;
	size_t *member_off; /* one entry per agent added, plus one */
	size_t cap_member_off;
} sgg__origin;

void sgg__origin_init(sgg__origin *o, const char *const *group_fields,
                      const char *const *agent_fields, const char *const *route_fields,
                      const char *const *peripheral_fields);
void sgg__origin_clear(sgg__origin *o);
/* Record the source path of the next row of @p list. 0 or SGG_ENOMEM. */
int sgg__origin_push(sgg__origin *o, sgg__origin_list *list, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* Record the source path of the next membership of the agent being added. */
int sgg__origin_push_member(sgg__origin *o, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Close the membership list of the agent just added. 0 or SGG_ENOMEM. */
int sgg__origin_end_agent(sgg__origin *o);
/* Rewrite the native paths in @p err (path and text) into source paths. */
void sgg__origin_translate(const sgg__origin *o, sgg_error *err);

/* An id taken from the last path segment of a refURL; 0 when there is none. */
int64_t sgg__refurl_id(const char *url);

/* ucce-aw-rows: the configuration from the configuration tables. */
int sgg__aw_config(sgg_config **out, json_t *root, unsigned flags, sgg_error *err);
/* ucce-aw-rows: the snapshot from the real-time tables. */
int sgg__aw_sessions(sgg_sessions **out, json_t *root, sgg_error *err);
/* cce-config-api: the configuration from @p pages, a JSON array of page values. */
int sgg__cce_config(sgg_config **out, json_t *pages, unsigned flags, sgg_error *err);

/* The format of a parsed document (never SGG_SOURCE_AUTO). */
sgg_source_format sgg__source_detect(json_t *root);

/*
 * The hooks of the native loaders, called right after sgg__json_parse()
 * with its result: @p parse_rc and @p root (NULL when parsing failed).
 * They load a document of another format themselves and return 0 or a
 * negative code; they return 1 when the document is native and the caller
 * goes on. A parse failure stays a failure unless the text is several CCE
 * API pages one after another.
 */
int sgg__config_load_other(sgg_config **out, json_t *root, int parse_rc, const char *data,
                           size_t size, const char *source, unsigned flags, sgg_error *err);
int sgg__sessions_load_other(sgg_sessions **out, json_t *root, int parse_rc, const char *data,
                             size_t size, const char *source, sgg_error *err);

/*
 * The native loaders (config_json.c, sessions_json.c). With @p detect, a
 * document of another format is recognised and handed to its adapter;
 * without, the document must be native (its format field says so).
 */
int sgg__config_load_native(sgg_config **out, const char *data, size_t size, const char *source,
                            unsigned flags, bool detect, sgg_error *err);
int sgg__sessions_load_native(sgg_sessions **out, const char *data, size_t size,
                              const char *source, bool detect, sgg_error *err);

#endif /* SGG_SOURCES_H */
