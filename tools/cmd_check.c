/*
 * cmd_check.c - sgguard check: is removing these skill groups safe now?
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

static const char help[] =
	"Usage: sgguard check --config FILE --sessions FILE --remove REF [--remove REF]...\n"
	"                     [--at TIME] [--max-age SECONDS] [--window WINDOW] [--strict]\n"
	"                     [--format text|json|junit]\n"
	"\n"
	"Check whether removing skill groups is safe right now: no member agent and no\n"
	"session may still be logged into them, the snapshot must be fresh and cover\n"
	"their peripherals, and the check must fall inside the maintenance window.\n"
	"\n"
	"  --config FILE      configuration export (a format below); - for stdin\n"
	"  --sessions FILE    live session snapshot (a format below); - for stdin\n"
	"  --remove REF       a skill group to remove: an id (5019), PERIPHERAL:NUMBER\n"
	"                     (5000:40424), PERIPHERAL:NUMBER:PRIORITY or name:NAME;\n"
	"                     repeat it or give a comma-separated list\n"
	"  --at TIME          check as of this RFC 3339 time instead of now\n"
	"  --max-age SECONDS  oldest snapshot accepted (default 120)\n"
	"  --window WINDOW    maintenance window START/END or START/DURATION\n"
	"                     (2026-12-01T02:00:00Z/PT2H); the check blocks outside it\n"
	"  --strict           warnings block too\n"
	"  --format FORMAT    text (default), json or junit\n"
	"  --config-format F, --sessions-format F\n"
	"                     sgguard (sgguard-config/1, sgguard-sessions/1),\n"
	"                     ucce-aw-rows (AW database rows), cce-config-api (the\n"
	"                     configuration API: a configuration only) or auto, the\n"
	"                     default: recognised from the file\n"
	"  -h, --help         show this help\n"
	"\n"
	"Exit status: 0 allow, 1 block, 2 error (bad usage or input, unknown target).\n";

int cmd_check(int argc, char **argv)
{
	static const char *const formats[] = { "text", "json", "junit", NULL };
	/* long-only options get values above any character, so that optopt tells
	 * a bad short option (-z) from a bad long one (--strict=1) */
	enum { OPT_CONFIG = 256, OPT_SESSIONS, OPT_REMOVE, OPT_AT, OPT_MAX_AGE, OPT_WINDOW,
	       OPT_STRICT, OPT_FORMAT, OPT_CONFIG_FORMAT, OPT_SESSIONS_FORMAT };
	static const struct option options[] = {
		{ "config", required_argument, NULL, OPT_CONFIG },
		{ "sessions", required_argument, NULL, OPT_SESSIONS },
		{ "remove", required_argument, NULL, OPT_REMOVE },
		{ "at", required_argument, NULL, OPT_AT },
		{ "max-age", required_argument, NULL, OPT_MAX_AGE },
		{ "window", required_argument, NULL, OPT_WINDOW },
		{ "strict", no_argument, NULL, OPT_STRICT },
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "config-format", required_argument, NULL, OPT_CONFIG_FORMAT },
		{ "sessions-format", required_argument, NULL, OPT_SESSIONS_FORMAT },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const char *config_path = NULL, *sessions_path = NULL;
	sgg_source_format config_format = SGG_SOURCE_AUTO, sessions_format = SGG_SOURCE_AUTO;
	sgg_check_options opts = SGG_CHECK_OPTIONS_INIT;
	sgg_format format = SGG_FORMAT_TEXT;
	cli_list refs = { 0 };
	sgg_config *cfg = NULL;
	sgg_sessions *snap = NULL;
	sgg_report *report = NULL;
	sgg_error err;
	int opt, rc = EXIT_ERROR;

	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		switch (opt) {
		case OPT_CONFIG: config_path = optarg; break;
		case OPT_SESSIONS: sessions_path = optarg; break;
		case OPT_REMOVE:
			if (!cli_list_add_split(&refs, optarg)) {
				cli_error("out of memory");
				goto out;
			}
			break;
		case OPT_AT:
			if (!cli_parse_time("check", "--at", optarg, &opts.at))
				goto out;
			break;
		case OPT_MAX_AGE:
			if (!cli_parse_seconds("check", "--max-age", optarg, &opts.max_age))
				goto out;
			break;
		case OPT_WINDOW:
			if (sgg_window_parse(&opts.window, optarg, &err) < 0) {
				cli_usage_error("check", "--window %s: %s", optarg, err.text);
				goto out;
			}
			opts.has_window = 1;
			break;
		case OPT_STRICT: opts.strict = 1; break;
		case OPT_CONFIG_FORMAT:
		case OPT_SESSIONS_FORMAT: {
			bool cfg_opt = opt == OPT_CONFIG_FORMAT;

			if (sgg_source_format_parse(cfg_opt ? &config_format : &sessions_format,
			                            optarg) < 0) {
				cli_usage_error("check", "--%s %s: expected auto, sgguard, "
				                "ucce-aw-rows or cce-config-api",
				                cfg_opt ? "config-format" : "sessions-format",
				                optarg);
				goto out;
			}
			break;
		}
		case OPT_FORMAT:
			if (!cli_parse_format("check", optarg, formats, &format))
				goto out;
			break;
		case 'h':
			fputs(help, stdout);
			rc = EXIT_ALLOWED;
			goto out;
		case ':':
			cli_usage_error("check", "%s needs a value", argv[optind - 1]);
			goto out;
		default:
			/* inside a cluster (-zq) optind has not moved past the word yet */
			if (optopt > 0 && optopt < 256 && optopt != 'h')
				cli_usage_error("check", "unknown option -%c", optopt);
			else if (optopt != 0) /* --strict=1 */
				cli_usage_error("check", "%.*s takes no value",
				                (int)strcspn(argv[optind - 1], "="), argv[optind - 1]);
			else
				cli_unknown_option("check", argv[optind - 1], options);
			goto out;
		}
	}
	if (optind < argc) {
		cli_usage_error("check", "unexpected argument %s", argv[optind]);
		goto out;
	}
	if (!config_path || !sessions_path || refs.n == 0) {
		cli_usage_error("check", "%s is required",
		                !config_path ? "--config" : !sessions_path ? "--sessions" : "--remove");
		goto out;
	}
	if (strcmp(config_path, "-") == 0 && strcmp(sessions_path, "-") == 0) {
		cli_usage_error("check", "only one of --config and --sessions can read standard input");
		goto out;
	}

	if (cli_load_inputs(&cfg, config_path, config_format, 0, &snap, sessions_path,
	                    sessions_format, &err) < 0) {
		rc = cli_fail_input(&err, format, opts.at);
		goto out;
	}
	if (sgg_check_run(&report, cfg, snap, (const char *const *)refs.items, refs.n, &opts, &err) <
	    0) {
		rc = cli_fail_input(&err, format, opts.at);
		goto out;
	}
	/* every reference that named nothing gets its one line on stderr too */
	for (size_t i = 0; i < sgg_report_finding_count(report); i++) {
		const sgg_finding *f = sgg_report_finding(report, i);

		if (f->rule == SGG_RULE_UNKNOWN_TARGET)
			cli_error("--remove %s: %s", f->reference, f->message);
	}
	rc = cli_emit_report(report, format);
	if (rc == 0)
		rc = sgg_report_verdict(report) == SGG_VERDICT_ALLOW   ? EXIT_ALLOWED
		     : sgg_report_verdict(report) == SGG_VERDICT_BLOCK ? EXIT_BLOCKED
		                                                       : EXIT_ERROR;
out:
	sgg_report_free(report);
	sgg_sessions_free(snap);
	sgg_config_free(cfg);
	cli_list_free(&refs);
	return rc;
}
