/*
 * sgguard.c - the command-line entry point: find the command and run it.
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static const cli_command commands[] = {
	{ "check", cmd_check, "is removing these skill groups safe right now?" },
	/* @section change-workflow */
	{ "change", cmd_change, "run a removal as the four-step procedure, step by step" },
	/* @section diff-lint */
	{ "diff", cmd_diff, "are the removals between two exports covered by changes?" },
	{ "lint", cmd_lint, "does an export name missing or deleted skill groups?" },
	/* @section scan-log */
	{ "scan-log", cmd_scanlog, "did a skill group removal cause this mass disconnect?" },
};

static void usage(FILE *out)
{
	fputs("Usage: sgguard COMMAND [OPTION]...\n"
	      "Guard the removal of UCCE skill groups: never while their agents are logged in.\n\n"
	      "Commands:\n",
	      out);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, "  %-16s %s\n", commands[i].name, commands[i].summary);
	fputs("\nOptions:\n"
	      "  -q, --quiet      print nothing but errors: the exit status tells\n"
	      "                   (accepted anywhere on the command line)\n"
	      "  -h, --help       show this help\n"
	      "  -V, --version    show the version\n\n"
	      "Run 'sgguard COMMAND --help' for a command's options.\n"
	      "Exit status: 0 allowed or done, 1 blocked or refused, 2 error.\n",
	      out);
}

/*
 * --quiet is the program's, not a command's: take it out of the arguments
 * (up to a "--") and send standard output nowhere. Errors still go to
 * standard error, and the exit status is unchanged.
 */
static int take_quiet(int argc, char **argv)
{
	int out = 1;
	bool quiet = false, rest = false;

	for (int i = 1; i < argc; i++) {
		if (!rest && (strcmp(argv[i], "--quiet") == 0 || strcmp(argv[i], "-q") == 0)) {
			quiet = true;
			continue;
		}
		rest = rest || strcmp(argv[i], "--") == 0;
		argv[out++] = argv[i];
	}
	argv[out] = NULL;
	if (quiet && !freopen("/dev/null", "w", stdout))
		cli_error("--quiet: cannot silence standard output");
	return out;
}

int main(int argc, char **argv)
{
	const char *name;

	argc = take_quiet(argc, argv);
	if (argc < 2) {
		usage(stderr);
		return EXIT_ERROR;
	}
	name = argv[1];
	if (strcmp(name, "--help") == 0 || strcmp(name, "-h") == 0 || strcmp(name, "help") == 0) {
		usage(stdout);
		return EXIT_ALLOWED;
	}
	if (strcmp(name, "--version") == 0 || strcmp(name, "-V") == 0) {
		printf("sgguard %s (libsgguard %s)\n", SGG_VERSION_STRING, sgg_version());
		return EXIT_ALLOWED;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(name, commands[i].name) == 0) {
			int rc;

			cli_alloc_install();
			rc = commands[i].run(argc - 1, argv + 1);
			cli_alloc_release();
			return rc;
		}
	cli_error("'%s' is not a command (see sgguard --help)", name);
	return EXIT_ERROR;
}
