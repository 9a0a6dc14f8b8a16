/*
 * cli.c - helpers the sgguard commands share.
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void cli_error(const char *fmt, ...)
{
	va_list ap;

	fputs("sgguard: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void cli_print_error(const sgg_error *err)
{
	char line[SGG_ERROR_SOURCE_LENGTH + SGG_ERROR_PATH_LENGTH + SGG_ERROR_TEXT_LENGTH + 32];

	sgg_error_format(err, line, sizeof(line));
	/* one line, whatever the input held */
	for (char *p = line; *p; p++)
		if (*p == '\n' || *p == '\r')
			*p = ' ';
	cli_error("%s", line);
}

int cli_usage_error(const char *command, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "sgguard %s: ", command);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (see sgguard %s --help)\n", command);
	return EXIT_ERROR;
}

/* Edit distance between two short words (insertions, deletions, substitutions). */
static size_t distance(const char *a, size_t la, const char *b)
{
	size_t lb = strlen(b), row[64];

	if (la >= 63 || lb >= 63)
		return SIZE_MAX;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];

		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j], best = diag + (a[i - 1] != b[j - 1]);

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			diag = up;
			row[j] = best;
		}
	}
	return row[lb];
}

int cli_unknown_option(const char *command, const char *word, const struct option *options)
{
	const char *name = word, *best = NULL;
	size_t len, best_d = 3;

	if (strncmp(name, "--", 2) == 0)
		name += 2;
	else if (name[0] == '-')
		name += 1;
	len = strcspn(name, "=");
	for (size_t i = 0; options && options[i].name; i++) {
		size_t d = distance(name, len, options[i].name);

		/* close enough to be a slip, not a different word */
		if (d < best_d && d * 3 <= strlen(options[i].name)) {
			best_d = d;
			best = options[i].name;
		}
	}
	if (best)
		return cli_usage_error(command, "unknown option %s; did you mean --%s?", word, best);
	return cli_usage_error(command, "unknown option %s", word);
}

bool cli_write_stdout(const char *data, size_t len)
{
	if (fwrite(data, 1, len, stdout) != len || fflush(stdout) != 0) {
		cli_error("cannot write the output: %s", strerror(errno));
		return false;
	}
	return true;
}

bool cli_color(void)
{
	const char *no = getenv("NO_COLOR");

	return isatty(STDOUT_FILENO) && !(no && no[0]);
}

bool cli_parse_format(const char *command, const char *arg, const char *const *allowed,
                      sgg_format *out)
{
	for (size_t i = 0; allowed[i]; i++)
		if (strcmp(allowed[i], arg) == 0)
			return sgg_format_parse(out, arg) == 0;
	{
		char list[128] = "";

		for (size_t i = 0; allowed[i]; i++) {
			strncat(list, i ? ", " : "", sizeof(list) - strlen(list) - 1);
			strncat(list, allowed[i], sizeof(list) - strlen(list) - 1);
		}
		cli_usage_error(command, "--format %s is not one of %s", arg, list);
	}
	return false;
}

bool cli_parse_seconds(const char *command, const char *option, const char *arg, int64_t *out)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(arg, &end, 10);
	/* digits only: strtoll would also take " 5", "+5" and "-5" */
	if (errno || end == arg || *end || v < 0 || !isdigit((unsigned char)arg[0])) {
		cli_usage_error(command, "%s %s is not a whole number of seconds", option, arg);
		return false;
	}
	*out = v;
	return true;
}

bool cli_parse_time(const char *command, const char *option, const char *arg, sgg_time *out)
{
	sgg_error err;

	if (sgg_time_parse(out, arg, &err) < 0) {
		cli_usage_error(command, "%s %s: %s", option, arg, err.text);
		return false;
	}
	return true;
}

static bool push(char ***items, size_t *n, size_t *cap, char *s)
{
	if (*n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 8;
		char **p = realloc(*items, ncap * sizeof(*p));

		if (!p)
			return false;
		*items = p;
		*cap = ncap;
	}
	(*items)[(*n)++] = s;
	return true;
}

bool cli_list_add_split(cli_list *list, const char *arg)
{
	const char *p = arg;

	for (;;) {
		const char *comma = strchr(p, ',');
		size_t len = comma ? (size_t)(comma - p) : strlen(p);
		char *item = malloc(len + 1);

		if (!item)
			return false;
		memcpy(item, p, len);
		item[len] = '\0';
		if (!push(&list->owned, &list->n_owned, &list->cap_owned, item)) {
			free(item);
			return false;
		}
		/* "a,,b" or a trailing comma gives an empty reference: kept, so it is reported */
		if (!push(&list->items, &list->n, &list->cap, item))
			return false;
		if (!comma)
			return true;
		p = comma + 1;
	}
}

void cli_list_free(cli_list *list)
{
	for (size_t i = 0; i < list->n_owned; i++)
		free(list->owned[i]);
	free(list->owned);
	free(list->items);
	memset(list, 0, sizeof(*list));
}

int cli_emit_report(const sgg_report *report, sgg_format format)
{
	char *text = NULL;
	size_t len = 0;
	sgg_error err;
	bool ok;

	if (sgg_report_render(&text, &len, report, format, format == SGG_FORMAT_TEXT && cli_color()
	                                                         ? SGG_RENDER_COLOR
	                                                         : 0,
	                      &err) < 0) {
		cli_print_error(&err);
		return EXIT_ERROR;
	}
	ok = cli_write_stdout(text, len);
	sgg_free(text);
	return ok ? 0 : EXIT_ERROR;
}

int cli_fail_input(const sgg_error *err, sgg_format format, sgg_time at)
{
	cli_print_error(err);
	if (format == SGG_FORMAT_JSON || format == SGG_FORMAT_JUNIT) {
		char *text = NULL;
		size_t len = 0;
		sgg_error e2;

		if (sgg_error_render(&text, &len, err, at, format, &e2) == 0)
			cli_write_stdout(text, len);
		sgg_free(text);
	}
	return EXIT_ERROR;
}
