/*
 * floor.c - the floor of the end-to-end benchmark: jansson alone loads the
 * configuration export and the session snapshot with json_load_file() and
 * frees them. No check can read those files faster with jansson, so the
 * end-to-end cost of `sgguard check` is compared with this.
 *
 * Usage: floor [--reject-duplicates] FILE...
 *   --reject-duplicates  load with JSON_REJECT_DUPLICATES, as libsgguard does
 * Prints nothing on success; exit 0, or 2 when a file cannot be loaded.
 * SPDX-License-Identifier: MIT
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
	size_t flags = 0;
	int first = 1;

	if (argc > 1 && strcmp(argv[1], "--reject-duplicates") == 0) {
		flags = JSON_REJECT_DUPLICATES;
		first = 2;
	}
	if (first >= argc) {
		fputs("usage: floor [--reject-duplicates] FILE...\n", stderr);
		return 2;
	}
	for (int i = first; i < argc; i++) {
		json_error_t jerr;
		json_t *root = json_load_file(argv[i], flags, &jerr);

		if (!root) {
			fprintf(stderr, "floor: %s:%d:%d: %s\n", argv[i], jerr.line, jerr.column,
			        jerr.text);
			return 2;
		}
		json_decref(root);
	}
	return 0;
}
