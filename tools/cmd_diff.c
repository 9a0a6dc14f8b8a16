/*
 * cmd_diff.c - sgguard diff (what a change to a configuration export
 * removes, and whether change records cover it) and sgguard lint (the
 * consistency checks of one export).
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char diff_help[] =
    "Usage: sgguard diff BEFORE AFTER [--change RECORD]... [--format text|json|junit|tap]\n"
    "\n"
    "Compare two configuration exports (sgguard-config/1), as a merge request\n"
    "changes one. Every skill group present before and absent or deleted after\n"
    "(the sub-skill groups of a removed base with it) must be covered by a change\n"
    "record in state removal_approved, removed or closed that targets it; AFTER\n"
    "must name no missing or deleted skill group in a membership, a sub-skill\n"
    "group's base or a route. Added and changed groups and memberships are\n"
    "listed for the reviewer.\n"
    "\n"
    "  BEFORE, AFTER      the two exports; one of them may be - for stdin\n"
    "  --change RECORD    a change record (sgguard change plan); repeat it\n"
    "  --format FORMAT    text (default), json, junit or tap\n"
    "  -h, --help         show this help\n"
    "\n"
    "Exit status: 0 nothing blocks, 1 an uncovered removal or a dangling\n"
    "reference, 2 error (bad usage, unreadable or invalid input).\n";

static const char lint_help[] =
    "Usage: sgguard lint EXPORT [--format text|json|junit|tap]\n"
    "\n"
    "Check that a configuration export (sgguard-config/1) is self-consistent:\n"
    "no membership, sub-skill group base or route may name a skill group that is\n"
    "missing or deleted (an agent configured with a group OPC no longer knows is\n"
    "what crashes it).\n"
    "\n"
    "  EXPORT             the export; - for stdin\n"
    "  --format FORMAT    text (default), json, junit or tap\n"
    "  -h, --help         show this help\n"
    "\n"
    "Exit status: 0 consistent, 1 a dangling reference, 2 error.\n";

/* An input error: its one line on stderr and, for machine formats, an error document. */
static int fail_input(const sgg_error *err, bool lint, sgg_format format)
{
	cli_print_error(err);
	if (format != SGG_FORMAT_TEXT) {
		char *text = NULL;
		size_t len = 0;
		sgg_error e2;

		if (sgg_diff_render_error(&text, &len, err, lint, format, &e2) == 0)
			cli_write_stdout(text, len);
		sgg_free(text);
	}
	return EXIT_ERROR;
}

static int emit(const sgg_diff *diff, sgg_format format)
{
	char *text = NULL;
	size_t len = 0;
	sgg_error err;
	bool ok;

	if (sgg_diff_render(&text, &len, diff, format,
	                    format == SGG_FORMAT_TEXT && cli_color() ? SGG_RENDER_COLOR : 0,
	                    &err) < 0) {
		cli_print_error(&err);
		return EXIT_ERROR;
	}
	ok = cli_write_stdout(text, len);
	sgg_free(text);
	if (!ok)
		return EXIT_ERROR;
	return sgg_diff_verdict(diff) == SGG_VERDICT_ALLOW ? EXIT_ALLOWED : EXIT_BLOCKED;
}

/* Options both commands share; @p changes (room for argc paths) is NULL for lint. */
static bool parse(const char *command, int argc, char **argv, const char *help,
                  const char **changes, size_t *n_changes, sgg_format *format, int *rc)
{
	static const char *const formats[] = {"text", "json", "junit", "tap", NULL};
	static const struct option diff_options[] = {
	    {"change", required_argument, NULL, 'c'},
	    {"format", required_argument, NULL, 'f'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	const struct option *options = diff_options + (changes ? 0 : 1);
	int opt;

	*rc = EXIT_ERROR;
	optind = 1;
	opterr = 0;
	/* "+" would stop at the first file name; permuting lets options follow them */
	while ((opt = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		switch (opt) {
		case 'c':
			/* one path each time: a file name may hold a comma; lint has no --change */
			if (changes && n_changes)
				changes[(*n_changes)++] = optarg;
			break;
		case 'f':
			if (!cli_parse_format(command, optarg, formats, format))
				return false;
			break;
		case 'h':
			fputs(help, stdout);
			*rc = EXIT_ALLOWED;
			return false;
		case ':':
			cli_usage_error(command, "%s needs a value", argv[optind - 1]);
			return false;
		default:
			cli_unknown_option(command, argv[optind - 1], options);
			return false;
		}
	}
	return true;
}

int cmd_diff(int argc, char **argv)
{
	sgg_format format = SGG_FORMAT_TEXT;
	const char **changes = NULL;
	size_t n_changes = 0;
	sgg_config *before = NULL, *after = NULL;
	sgg_change **records = NULL;
	sgg_diff *diff = NULL;
	sgg_error err;
	size_t n_records = 0;
	int rc;

	rc = EXIT_ERROR;
	if (!(changes = calloc((size_t)argc, sizeof(*changes)))) {
		cli_error("out of memory");
		goto out;
	}
	if (!parse("diff", argc, argv, diff_help, changes, &n_changes, &format, &rc))
		goto out;
	rc = EXIT_ERROR;
	if (argc - optind < 2) {
		cli_usage_error("diff", "BEFORE and AFTER are required");
		goto out;
	}
	if (argc - optind > 2) {
		cli_usage_error("diff", "unexpected argument %s", argv[optind + 2]);
		goto out;
	}
	if (strcmp(argv[optind], "-") == 0 && strcmp(argv[optind + 1], "-") == 0) {
		cli_usage_error("diff", "only one of BEFORE and AFTER can read standard input");
		goto out;
	}
	if (n_changes > 0 && !(records = calloc(n_changes, sizeof(*records)))) {
		cli_error("out of memory");
		goto out;
	}
	/* a dangling reference in BEFORE is an input error; in AFTER it is what we look for */
	if (cli_load_configs(&before, argv[optind], 0, &after, argv[optind + 1],
	                     SGG_CONFIG_KEEP_DANGLING, &err) < 0) {
		rc = fail_input(&err, false, format);
		goto out;
	}
	for (; n_records < n_changes; n_records++)
		if (sgg_change_load_file(&records[n_records], changes[n_records], &err) < 0) {
			rc = fail_input(&err, false, format);
			goto out;
		}
	if (sgg_diff_run(&diff, before, after, records, n_records, &err) < 0) {
		rc = fail_input(&err, false, format);
		goto out;
	}
	rc = emit(diff, format);
out:
	sgg_diff_free(diff);
	for (size_t i = 0; i < n_records; i++)
		sgg_change_free(records[i]);
	free(records);
	sgg_config_free(after);
	sgg_config_free(before);
	free(changes);
	return rc;
}

int cmd_lint(int argc, char **argv)
{
	sgg_format format = SGG_FORMAT_TEXT;
	sgg_config *cfg = NULL;
	sgg_diff *diff = NULL;
	sgg_error err;
	int rc;

	if (!parse("lint", argc, argv, lint_help, NULL, NULL, &format, &rc))
		goto out;
	rc = EXIT_ERROR;
	if (argc - optind < 1) {
		cli_usage_error("lint", "EXPORT is required");
		goto out;
	}
	if (argc - optind > 1) {
		cli_usage_error("lint", "unexpected argument %s", argv[optind + 1]);
		goto out;
	}
	if (sgg_config_load_file(&cfg, argv[optind], SGG_CONFIG_KEEP_DANGLING | SGG_CONFIG_PARALLEL,
	                         &err) < 0 ||
	    sgg_lint_run(&diff, cfg, &err) < 0) {
		rc = fail_input(&err, true, format);
		goto out;
	}
	rc = emit(diff, format);
out:
	sgg_diff_free(diff);
	sgg_config_free(cfg);
	return rc;
}
