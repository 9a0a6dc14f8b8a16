/*
 * cmd_scanlog.c - sgguard scan-log: did a skill-group removal cause this
 * mass disconnect? Reads OPC trace text and reports what the library found.
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
    "Usage: sgguard scan-log FILE... [--format text|json] [--config EXPORT]\n"
    "                        [--window DURATION]\n"
    "\n"
    "Read Peripheral Gateway OPC trace text (the output of dumplog) and tell whether\n"
    "a skill group was removed while its agents were logged in: a configuration\n"
    "update that removed skill groups, followed in the same process by traces such\n"
    "as \"SkillGroup 40424 (0x9DE8) priority=0 unknown for agent 1428 on Peripheral\n"
    "5000\". Each removal is reported with the traces that followed it, or as\n"
    "harmless when none did.\n"
    "\n"
    "  FILE               a trace file; - for standard input; several are read in order\n"
    "  --config EXPORT    configuration export (sgguard-config/1) to name the skill\n"
    "                     groups (deleted rows included) and agents\n"
    "  --window DURATION  how long after a removal traces still count: an ISO 8601\n"
    "                     duration (PT5M, PT90S) or seconds; default PT5M\n"
    "  --format FORMAT    text (default) or json\n"
    "  -h, --help         show this help\n"
    "\n"
    "Exit status: 1 when a removal matches the mass-disconnect pattern, 0 when none\n"
    "does, 2 on error (bad usage, unreadable file or export).\n";

static bool parse_window(const char *arg, int64_t *out)
{
	sgg_error err;
	char *end;
	long long v;

	if (arg[0] == 'P' || arg[0] == 'p') {
		if (sgg_duration_parse(out, arg, &err) < 0) {
			cli_usage_error("scan-log", "--window %s: %s", arg, err.text);
			return false;
		}
	} else {
		errno = 0;
		v = strtoll(arg, &end, 10);
		if (errno || end == arg || *end || arg[0] == '-' || arg[0] == '+') {
			cli_usage_error("scan-log",
			                "--window %s is neither a duration (PT5M) nor seconds",
			                arg);
			return false;
		}
		*out = v;
	}
	if (*out < 1 || *out > 86400) {
		cli_usage_error("scan-log", "--window %s must be between 1 second and 1 day", arg);
		return false;
	}
	return true;
}

int cmd_scanlog(int argc, char **argv)
{
	static const char *const formats[] = {"text", "json", NULL};
	static const struct option options[] = {
	    {"config", required_argument, NULL, 'c'},
	    {"window", required_argument, NULL, 'w'},
	    {"format", required_argument, NULL, 'f'},
	    {"help", no_argument, NULL, 'h'},
	    {NULL, 0, NULL, 0},
	};
	sgg_scan_options opts = SGG_SCAN_OPTIONS_INIT;
	sgg_format format = SGG_FORMAT_TEXT;
	const char *config_path = NULL;
	sgg_config *cfg = NULL;
	sgg_scan *scan = NULL;
	char *text = NULL;
	size_t len = 0, stdin_uses = 0;
	sgg_error err;
	int opt, rc = EXIT_ERROR;

	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		switch (opt) {
		case 'c': config_path = optarg; break;
		case 'w':
			if (!parse_window(optarg, &opts.window))
				goto out;
			break;
		case 'f':
			if (!cli_parse_format("scan-log", optarg, formats, &format))
				goto out;
			break;
		case 'h':
			fputs(help, stdout);
			rc = EXIT_ALLOWED;
			goto out;
		case ':':
			cli_usage_error("scan-log", "%s needs a value", argv[optind - 1]);
			goto out;
		default:
			cli_unknown_option("scan-log", argv[optind - 1], options);
			goto out;
		}
	}
	if (optind >= argc) {
		cli_usage_error("scan-log", "give at least one trace FILE (- for standard input)");
		goto out;
	}
	for (int i = optind; i < argc; i++)
		stdin_uses += strcmp(argv[i], "-") == 0;
	stdin_uses += config_path && strcmp(config_path, "-") == 0;
	if (stdin_uses > 1) {
		cli_usage_error("scan-log", "standard input (-) can be read only once");
		goto out;
	}

	if (config_path) {
		if (sgg_config_load_file(&cfg, config_path, SGG_CONFIG_KEEP_DANGLING | SGG_CONFIG_PARALLEL,
	                         &err) < 0) {
			rc = cli_fail_input(&err, format, SGG_TIME_NONE);
			goto out;
		}
		opts.config = cfg;
	}
	if (sgg_scan_new(&scan, &opts, &err) < 0) {
		rc = cli_fail_input(&err, format, SGG_TIME_NONE);
		goto out;
	}
	for (int i = optind; i < argc; i++)
		if (sgg_scan_feed_file(scan, argv[i], &err) < 0) {
			rc = cli_fail_input(&err, format, SGG_TIME_NONE);
			goto out;
		}
	if (sgg_scan_finish(scan, &err) < 0 ||
	    sgg_scan_render(&text, &len, scan, format,
	                    format == SGG_FORMAT_TEXT && cli_color() ? SGG_RENDER_COLOR : 0,
	                    &err) < 0) {
		rc = cli_fail_input(&err, format, SGG_TIME_NONE);
		goto out;
	}
	if (!cli_write_stdout(text, len))
		goto out;
	rc = sgg_scan_match_count(scan) > 0 ? EXIT_BLOCKED : EXIT_ALLOWED;
out:
	sgg_free(text);
	sgg_scan_free(scan);
	sgg_config_free(cfg);
	return rc;
}
