/*
 * floor.c - the floor of the end-to-end benchmark: jansson alone loads the
 * configuration export and the session snapshot with json_load_file() and
 * frees them. No check can read those files faster with jansson, so the
 * end-to-end cost of `sgguard check` is compared with this.
 *
 * Usage: floor [--reject-duplicates] [--pages] FILE...
 *   --reject-duplicates  load with JSON_REJECT_DUPLICATES, as libsgguard does
 *   --pages              each file may hold several JSON values one after
 *                        another (configuration API pages): read it into
 *                        memory and json_loadb() one value after the other
 * Prints nothing on success; exit 0, or 2 when a file cannot be loaded.
 * SPDX-License-Identifier: MIT
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fail(const char *path, const json_error_t *jerr)
{
	fprintf(stderr, "floor: %s:%d:%d: %s\n", path, jerr->line, jerr->column, jerr->text);
	return 2;
}

/* Every value of @p path, one after another, each freed before the next. */
static int load_pages(const char *path, size_t flags)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long size;
	size_t pos = 0, len;

	if (!f || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0) {
		fprintf(stderr, "floor: %s: cannot read\n", path);
		if (f)
			fclose(f);
		return 2;
	}
	len = (size_t)size;
	buf = malloc(len + 1);
	if (!buf || fread(buf, 1, len, f) != len) {
		fprintf(stderr, "floor: %s: cannot read\n", path);
		free(buf);
		fclose(f);
		return 2;
	}
	fclose(f);
	while (pos < len) {
		json_error_t jerr;
		json_t *v;

		while (pos < len && strchr(" \t\r\n", buf[pos]))
			pos++;
		if (pos == len)
			break;
		v = json_loadb(buf + pos, len - pos, flags | JSON_DISABLE_EOF_CHECK, &jerr);
		if (!v) {
			free(buf);
			return fail(path, &jerr);
		}
		json_decref(v);
		pos += jerr.position;
	}
	free(buf);
	return 0;
}

int main(int argc, char **argv)
{
	size_t flags = 0;
	int first = 1, pages = 0;

	for (; first < argc && argv[first][0] == '-'; first++) {
		if (strcmp(argv[first], "--reject-duplicates") == 0)
			flags = JSON_REJECT_DUPLICATES;
		else if (strcmp(argv[first], "--pages") == 0)
			pages = 1;
		else
			break;
	}
	if (first >= argc) {
		fputs("usage: floor [--reject-duplicates] [--pages] FILE...\n", stderr);
		return 2;
	}
	for (int i = first; i < argc; i++) {
		json_error_t jerr;
		json_t *root;

		if (pages) {
			if (load_pages(argv[i], flags) != 0)
				return 2;
			continue;
		}
		if (!(root = json_load_file(argv[i], flags, &jerr)))
			return fail(argv[i], &jerr);
		json_decref(root);
	}
	return 0;
}
