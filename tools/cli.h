/*
 * cli.h - what the sgguard commands share: argument helpers and output.
 * The commands parse arguments, call the library and print; nothing here
 * decides anything.
 * SPDX-License-Identifier: MIT
 */
#ifndef SGG_CLI_H
#define SGG_CLI_H

#include "sgguard.h"

#include <stdbool.h>
#include <stddef.h>

/* Exit codes (the same for every command). */
enum { EXIT_ALLOWED = 0, EXIT_BLOCKED = 1, EXIT_ERROR = 2 };

/* One command: its name, its entry point and a one-line summary. */
typedef struct cli_command {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *summary;
} cli_command;

/* Print "sgguard: <message>" on stderr. */
void cli_error(const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 1, 2)))
#endif
	;
/* Print an sgg_error as one line on stderr. */
void cli_print_error(const sgg_error *err);
/* A usage error: one line naming the command, and exit code 2. */
int cli_usage_error(const char *command, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;
struct option;
/*
 * An unknown option: one line naming the command and the word, with the
 * closest long option of @p options when one is near ("did you mean").
 * Returns exit code 2.
 */
int cli_unknown_option(const char *command, const char *word, const struct option *options);

/* Write a whole buffer to stdout; false (after a message) if it failed. */
bool cli_write_stdout(const char *data, size_t len);
/* Whether text output to stdout may use colour (a terminal, NO_COLOR unset). */
bool cli_color(void);
/* Parse --format against the formats @p allowed (NULL-terminated names). */
bool cli_parse_format(const char *command, const char *arg, const char *const *allowed,
                      sgg_format *out);
/* Parse a non-negative integer number of seconds. */
bool cli_parse_seconds(const char *command, const char *option, const char *arg, int64_t *out);
/* Parse --at. */
bool cli_parse_time(const char *command, const char *option, const char *arg, sgg_time *out);

/* A growing list of strings (borrowed or owned by @p owned). */
typedef struct cli_list {
	char **items;
	size_t n, cap;
	char **owned;
	size_t n_owned, cap_owned;
} cli_list;

/* Append each comma-separated element of @p arg; false on out of memory. */
bool cli_list_add_split(cli_list *list, const char *arg);
void cli_list_free(cli_list *list);

/* Render a check report (or an error in its place) to stdout. */
int cli_emit_report(const sgg_report *report, sgg_format format);
/* On an input error: the one-line message, and for json/junit an error report on stdout. */
int cli_fail_input(const sgg_error *err, sgg_format format, sgg_time at);

/*
 * jansson's allocations in this program (cli_alloc.c): per-thread lists of
 * freed values by size, watched for failure. Install once at start and
 * release once at the end, when no jansson value is left anywhere;
 * cli_alloc_failed() tells whether an allocation failed on this thread since
 * the last cli_alloc_reset().
 */
void cli_alloc_install(void);
bool cli_alloc_failed(void);
void cli_alloc_reset(void);
void cli_alloc_release(void);

/*
 * Load a configuration and a snapshot, the two in parallel (two threads),
 * each through the library. On failure *err describes the first input that
 * failed (the configuration's error first) and both outputs are NULL.
 */
int cli_load_inputs(sgg_config **cfg, const char *config_path, sgg_source_format config_format,
                    unsigned config_flags, sgg_sessions **snap, const char *sessions_path,
                    sgg_source_format sessions_format, sgg_error *err);

/*
 * Load two configurations (diff's BEFORE and AFTER) in parallel, the same
 * way. On failure *err describes the first that failed and both are NULL.
 */
int cli_load_configs(sgg_config **first, const char *first_path, unsigned first_flags,
                     sgg_config **second, const char *second_path, unsigned second_flags,
                     sgg_error *err);

/* The commands. */
int cmd_check(int argc, char **argv);
/* @section change-workflow */
int cmd_change(int argc, char **argv);
/* @section diff-lint */
int cmd_diff(int argc, char **argv);
int cmd_lint(int argc, char **argv);
/* @section scan-log */
int cmd_scanlog(int argc, char **argv);

#endif /* SGG_CLI_H */
