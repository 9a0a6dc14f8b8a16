/*
 * cmd_change.c - sgguard change: the four-step removal procedure. Parses
 * the options, calls the step in the library, prints what it returns.
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"

#include <getopt.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage_text[] =
    "Usage: sgguard change STEP RECORD [OPTION]...\n"
    "\n"
    "Run a skill group removal as the four-step procedure, recorded in RECORD\n"
    "(a JSON change record, sgguard-change/1):\n"
    "\n"
    "  plan           1   schedule: targets, window, whom to tell (creates RECORD)\n"
    "  notify-logout  2   the list of agents to tell to log out\n"
    "  remove         3a  the gate: allowed only inside the window, on a fresh\n"
    "                     snapshot with none of the members logged in\n"
    "  confirm        3b  check the export taken after the removal\n"
    "  notify-login   4   the list of agents to tell to log back in; closes\n"
    "  abort              give up an open change\n"
    "  status             where the change stands\n"
    "\n"
    "Every step takes --at TIME (act as of that RFC 3339 time) and every step that\n"
    "writes takes --by NAME (default: your login name). Run\n"
    "'sgguard change STEP --help' for a step's options.\n"
    "\n"
    "Exit status: 0 done, 1 refused (the attempt is logged, the state is kept),\n"
    "2 error (bad usage, unreadable or invalid input, record locked).\n";

typedef struct step_help {
	const char *name;
	const char *allowed; /* option letters */
	const char *text;
} step_help;

static const step_help steps[] = {
    {"plan", "crwizabh",
     "Usage: sgguard change plan RECORD --config FILE --remove REF [--remove REF]...\n"
     "                           --window WINDOW [--id ID] [--tz ZONE] [--at TIME] [--by NAME]\n"
     "\n"
     "Step 1: create RECORD for removing skill groups in a maintenance window.\n"
     "Refused (exit 1, nothing written) when the window is over or ends before it\n"
     "starts, a reference names no live skill group, or RECORD exists.\n"
     "\n"
     "  --config FILE    configuration export (sgguard-config/1); - for stdin\n"
     "  --remove REF     a skill group: 5019, 5000:40424, 5000:40424:1 or name:NAME;\n"
     "                   repeat it or give a comma-separated list\n"
     "  --window WINDOW  START/END or START/DURATION: 2026-12-01T02:00:00Z/PT2H;\n"
     "                   times without an offset are read in --tz\n"
     "  --tz ZONE        IANA time zone of times written without an offset\n"
     "                   (Europe/Paris); a time the clocks skip or repeat is refused\n"
     "  --id ID          the change id (default: RECORD's name without .json)\n"},
    {"notify-logout", "sfabh",
     "Usage: sgguard change notify-logout RECORD [--sessions FILE] [--format text|csv|json]\n"
     "                                    [--at TIME] [--by NAME]\n"
     "\n"
     "Step 2: print the member agents to tell to log out, and record that they were\n"
     "told. With --sessions, each agent's current state is shown too.\n"
     "\n"
     "  --sessions FILE  live session snapshot (sgguard-sessions/1)\n"
     "  --format FORMAT  text (default), csv (RFC 4180) or json\n"},
    {"remove", "scmWIORabfh",
     "Usage: sgguard change remove RECORD --sessions FILE [--config FILE] [--max-age SECONDS]\n"
     "                             [--wait DURATION [--interval SECONDS]]\n"
     "                             [--override --reason TEXT] [--at TIME] [--by NAME]\n"
     "\n"
     "Step 3a, the gate: run the full check on a fresh snapshot, inside the window.\n"
     "Done (exit 0) when it allows the removal; refused (exit 1) otherwise.\n"
     "\n"
     "  --sessions FILE     live session snapshot (sgguard-sessions/1)\n"
     "  --config FILE       a current configuration export; without it the record's\n"
     "                      own targets and members are checked\n"
     "  --max-age SECONDS   oldest snapshot accepted (default 120)\n"
     "  --wait DURATION     read the snapshot again until the gate opens, the window\n"
     "                      closes or DURATION (PT10M) ends; progress on a terminal\n"
     "  --interval SECONDS  time between looks while waiting (default 5)\n"
     "  --override          pass a gate that only logged-in agents block, when they\n"
     "                      are exactly the agents the last refused remove showed\n"
     "  --reason TEXT       why (required with --override); logged and shown\n"
     "  --format FORMAT     text (default) or json\n"},
    {"confirm", "cfabh",
     "Usage: sgguard change confirm RECORD --config FILE [--format text|json] [--at TIME]\n"
     "                              [--by NAME]\n"
     "\n"
     "Step 3b: check the export taken after the removal. Refused while a target or a\n"
     "sub-skill group of one is still present and not deleted.\n"
     "\n"
     "  --config FILE    the configuration export taken after the removal\n"},
    {"notify-login", "sfabh",
     "Usage: sgguard change notify-login RECORD [--sessions FILE] [--format text|csv|json]\n"
     "                                   [--at TIME] [--by NAME]\n"
     "\n"
     "Step 4: print the agents to tell they may log back in, and close the change.\n"},
    {"abort", "Rfabh",
     "Usage: sgguard change abort RECORD --reason TEXT [--format text|json] [--at TIME]\n"
     "                            [--by NAME]\n"
     "\n"
     "Give up an open change. The reason is logged.\n"},
    {"status", "fah",
     "Usage: sgguard change status RECORD [--format text|json] [--at TIME]\n"
     "\n"
     "Show the four steps as a timeline, refused attempts, any override, what comes\n"
     "next and the time left in the window. Changes nothing.\n"},
};

typedef struct args {
	const step_help *step;
	const char *record;
	const char *config, *sessions;
	cli_list refs;
	sgg_format format;
	int64_t interval;
	sgg_change_options opts;
} args;

static char by_default[128];

/* The login name: the account of the effective user, else getlogin(). */
static const char *login_name(void)
{
	struct passwd *pw = getpwuid(geteuid());
	const char *name = pw && pw->pw_name && pw->pw_name[0] ? pw->pw_name : getlogin();

	if (name && name[0])
		snprintf(by_default, sizeof(by_default), "%s", name);
	else
		snprintf(by_default, sizeof(by_default), "uid %ld", (long)geteuid());
	return by_default;
}

static bool parse_wait(const char *cmd, const char *arg, int64_t *out)
{
	sgg_error err;

	if (sgg_duration_parse(out, arg, &err) < 0) {
		cli_usage_error(cmd, "--wait %s: %s", arg, err.text);
		return false;
	}
	return true;
}

/* Parse a step's options; false (after a message) on a usage error; *help set for --help. */
static bool parse_args(int argc, char **argv, args *a, bool *help)
{
	static const struct option options[] = {
	    {"config", required_argument, NULL, 'c'}, {"sessions", required_argument, NULL, 's'},
	    {"remove", required_argument, NULL, 'r'}, {"window", required_argument, NULL, 'w'},
	    {"id", required_argument, NULL, 'i'},     {"tz", required_argument, NULL, 'z'},
	    {"format", required_argument, NULL, 'f'}, {"at", required_argument, NULL, 'a'},
	    {"by", required_argument, NULL, 'b'},     {"reason", required_argument, NULL, 'R'},
	    {"wait", required_argument, NULL, 'W'},   {"interval", required_argument, NULL, 'I'},
	    {"override", no_argument, NULL, 'O'},     {"max-age", required_argument, NULL, 'm'},
	    {"help", no_argument, NULL, 'h'},         {NULL, 0, NULL, 0},
	};
	static const char *const list_formats[] = {"text", "csv", "json", NULL};
	static const char *const formats[] = {"text", "json", NULL};
	char cmd[64];
	int opt;

	snprintf(cmd, sizeof(cmd), "change %s", a->step->name);
	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":h", options, NULL)) != -1) {
		if (opt != ':' && opt != '?' && !strchr(a->step->allowed, opt)) {
			cli_usage_error(cmd, "%s is not an option of this step", argv[optind - 1]);
			return false;
		}
		switch (opt) {
		case 'c': a->config = optarg; break;
		case 's': a->sessions = optarg; break;
		case 'r':
			if (!cli_list_add_split(&a->refs, optarg)) {
				cli_error("out of memory");
				return false;
			}
			break;
		case 'w': a->opts.window = optarg; break;
		case 'i': a->opts.id = optarg; break;
		case 'z': a->opts.zone = optarg; break;
		case 'f':
			if (!cli_parse_format(cmd, optarg,
			                      strchr(a->step->allowed, 's') &&
			                              !strchr(a->step->allowed, 'O')
			                          ? list_formats
			                          : formats,
			                      &a->format))
				return false;
			break;
		case 'a':
			if (!cli_parse_time(cmd, "--at", optarg, &a->opts.at))
				return false;
			break;
		case 'b': a->opts.by = optarg; break;
		case 'R': a->opts.reason = optarg; break;
		case 'W':
			if (!parse_wait(cmd, optarg, &a->opts.wait))
				return false;
			break;
		case 'I':
			if (!cli_parse_seconds(cmd, "--interval", optarg, &a->interval))
				return false;
			if (a->interval < 1) {
				cli_usage_error(cmd, "--interval is at least 1 second");
				return false;
			}
			a->opts.wait_interval_ms = a->interval * 1000;
			break;
		case 'O': a->opts.override = 1; break;
		case 'm':
			if (!cli_parse_seconds(cmd, "--max-age", optarg, &a->opts.max_age))
				return false;
			break;
		case 'h': *help = true; return true;
		case ':': cli_usage_error(cmd, "%s needs a value", argv[optind - 1]); return false;
		default: cli_unknown_option(cmd, argv[optind - 1], options); return false;
		}
	}
	if (optind >= argc) {
		cli_usage_error(cmd, "name the change RECORD");
		return false;
	}
	if (optind + 1 < argc) {
		cli_usage_error(cmd, "unexpected argument %s", argv[optind + 1]);
		return false;
	}
	a->record = argv[optind];
	if (strcmp(a->record, "-") == 0) {
		cli_usage_error(cmd, "the record is a file it can rewrite, not standard input");
		return false;
	}
	if (!a->opts.by)
		a->opts.by = login_name();
	return true;
}

/* A required option, by step. */
static bool require(const args *a)
{
	const char *name = a->step->name, *missing = NULL;
	char cmd[64];

	if (strcmp(name, "plan") == 0)
		missing = !a->config        ? "--config"
		          : a->refs.n == 0  ? "--remove"
		          : !a->opts.window ? "--window"
		                            : NULL;
	else if (strcmp(name, "remove") == 0)
		missing = !a->sessions                          ? "--sessions"
		          : a->opts.override && !a->opts.reason ? "--reason (with --override)"
		                                                : NULL;
	else if (strcmp(name, "confirm") == 0)
		missing = !a->config ? "--config" : NULL;
	else if (strcmp(name, "abort") == 0)
		missing = !a->opts.reason ? "--reason" : NULL;
	if (!missing)
		return true;
	snprintf(cmd, sizeof(cmd), "change %s", name);
	cli_usage_error(cmd, "%s is required", missing);
	return false;
}

/* --wait progress: on a terminal only, one line rewritten at each look. */
static void progress(void *ctx, const sgg_report *report, sgg_time now, sgg_time until)
{
	int64_t shown[8];
	size_t n_shown = 0;
	char line[512];
	size_t used;

	(void)ctx;
	used = (size_t)snprintf(line, sizeof(line),
	                        "waiting, %lld s left; still logged in:", (long long)(until - now));
	for (size_t i = 0; i < sgg_report_finding_count(report) && used < sizeof(line); i++) {
		const sgg_finding *f = sgg_report_finding(report, i);
		size_t k;

		if ((f->rule != SGG_RULE_MEMBER_LOGGED_IN &&
		     f->rule != SGG_RULE_SESSION_REFERENCES_TARGET) ||
		    !f->agent_id)
			continue;
		for (k = 0; k < n_shown && shown[k] != f->agent_id; k++)
			;
		if (k < n_shown || n_shown == 8)
			continue;
		shown[n_shown++] = f->agent_id;
		used +=
		    (size_t)snprintf(line + used, sizeof(line) - used, " %s%s%s (%s",
		                     f->agent_number ? f->agent_number : "?",
		                     f->agent_name ? " " : "", f->agent_name ? f->agent_name : "",
		                     f->has_state ? sgg_state_name(f->state) : "logged in");
		if (used < sizeof(line) && f->login_at != SGG_TIME_NONE)
			used += (size_t)snprintf(line + used, sizeof(line) - used, " for %lld min",
			                         (long long)((now - f->login_at) / 60));
		if (used < sizeof(line))
			used += (size_t)snprintf(line + used, sizeof(line) - used, ")");
	}
	if (n_shown == 0 && used < sizeof(line))
		snprintf(line + used, sizeof(line) - used, " nobody (%s)",
		         sgg_report_finding_count(report) ? sgg_report_finding(report, 0)->message
		                                          : "blocked");
	fprintf(stderr, "\r\033[K%s", line);
	fflush(stderr);
}

static int emit_result(const sgg_change_result *res, sgg_format format)
{
	char *text = NULL;
	size_t len = 0;
	sgg_error err;
	bool ok;

	if (sgg_change_result_render(&text, &len, res, format, 0, &err) < 0) {
		cli_print_error(&err);
		return EXIT_ERROR;
	}
	ok = cli_write_stdout(text, len);
	sgg_free(text);
	return ok ? 0 : EXIT_ERROR;
}

static int run_status(const args *a)
{
	sgg_change *c = NULL;
	char *text = NULL;
	size_t len = 0;
	sgg_error err;
	int rc = EXIT_ERROR;

	if (sgg_change_load_file(&c, a->record, &err) < 0 ||
	    sgg_change_status_render(&text, &len, c, a->opts.at, a->format, 0, &err) < 0) {
		cli_print_error(&err);
		goto out;
	}
	rc = cli_write_stdout(text, len) ? EXIT_ALLOWED : EXIT_ERROR;
out:
	sgg_free(text);
	sgg_change_free(c);
	return rc;
}

static int run_step(args *a)
{
	const char *name = a->step->name;
	sgg_config *cfg = NULL;
	sgg_sessions *snap = NULL;
	sgg_change_result *res = NULL;
	sgg_error err;
	int rc, exit_code = EXIT_ERROR;
	bool terminal = isatty(STDERR_FILENO);

	if (a->config && sgg_config_load_file(&cfg, a->config, SGG_CONFIG_PARALLEL, &err) < 0)
		goto fail;
	if (a->sessions && strcmp(name, "remove") != 0 &&
	    sgg_sessions_load_file(&snap, a->sessions, &err) < 0)
		goto fail;
	if (a->opts.wait && terminal) {
		a->opts.progress = progress;
		a->opts.progress_ctx = NULL;
	}
	if (strcmp(name, "plan") == 0)
		rc = sgg_change_plan(&res, a->record, cfg, (const char *const *)a->refs.items,
		                     a->refs.n, &a->opts, &err);
	else if (strcmp(name, "notify-logout") == 0)
		rc = sgg_change_notify_logout(&res, a->record, snap, &a->opts, &err);
	else if (strcmp(name, "remove") == 0)
		rc = sgg_change_remove(&res, a->record, cfg, a->sessions, &a->opts, &err);
	else if (strcmp(name, "confirm") == 0)
		rc = sgg_change_confirm(&res, a->record, cfg, &a->opts, &err);
	else if (strcmp(name, "notify-login") == 0)
		rc = sgg_change_notify_login(&res, a->record, snap, &a->opts, &err);
	else
		rc = sgg_change_abort(&res, a->record, &a->opts, &err);
	if (a->opts.progress)
		fputs("\r\033[K", stderr);
	if (rc < 0 && rc != SGG_EREFUSED)
		goto fail;
	if (rc == SGG_EREFUSED)
		cli_error("change %s refused: %s", name, sgg_change_result_message(res));
	exit_code = emit_result(res, a->format);
	if (exit_code == 0)
		exit_code = rc == SGG_EREFUSED ? EXIT_BLOCKED : EXIT_ALLOWED;
	goto out;
fail:
	cli_print_error(&err);
out:
	sgg_change_result_free(res);
	sgg_sessions_free(snap);
	sgg_config_free(cfg);
	return exit_code;
}

int cmd_change(int argc, char **argv)
{
	args a;
	bool help = false;
	int rc = EXIT_ERROR;

	if (argc < 2) {
		fputs(usage_text, stderr);
		return EXIT_ERROR;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		fputs(usage_text, stdout);
		return EXIT_ALLOWED;
	}
	memset(&a, 0, sizeof(a));
	a.opts = (sgg_change_options)SGG_CHANGE_OPTIONS_INIT;
	a.format = SGG_FORMAT_TEXT;
	for (size_t i = 0; i < sizeof(steps) / sizeof(steps[0]); i++)
		if (strcmp(argv[1], steps[i].name) == 0)
			a.step = &steps[i];
	if (!a.step) {
		cli_error("'%s' is not a step of sgguard change (see sgguard change --help)",
		          argv[1]);
		return EXIT_ERROR;
	}
	if (!parse_args(argc - 1, argv + 1, &a, &help))
		goto out;
	if (help) {
		fputs(a.step->text, stdout);
		fputs("  --at TIME        act as of this RFC 3339 time instead of now\n", stdout);
		if (strchr(a.step->allowed, 'b'))
			fputs("  --by NAME        who runs the step (default: your login name)\n",
			      stdout);
		fputs("  -h, --help       show this help\n\n"
		      "Exit status: 0 done, 1 refused (logged, state kept), 2 error.\n",
		      stdout);
		rc = EXIT_ALLOWED;
		goto out;
	}
	if (!require(&a))
		goto out;
	if (a.config && a.sessions && strcmp(a.config, "-") == 0 && strcmp(a.sessions, "-") == 0) {
		cli_usage_error("change",
		                "only one of --config and --sessions can read standard input");
		goto out;
	}
	rc = strcmp(a.step->name, "status") == 0 ? run_status(&a) : run_step(&a);
out:
	cli_list_free(&a.refs);
	return rc;
}
