/*
 * fuzz_scanlog.c - any bytes as OPC trace text, fed in two pieces split
 * where the first byte says, then both renderings of the result.
 * SPDX-License-Identifier: MIT
 */
#include "sgguard.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sgg_scan_options opts = SGG_SCAN_OPTIONS_INIT;
	sgg_scan *scan = NULL;
	sgg_error err;
	size_t split;
	char *text = NULL;

	if (size == 0)
		return 0;
	split = data[0] % size;
	opts.max_line = 80; /* the smallest bound, so that long lines are exercised */
	if (sgg_scan_new(&scan, &opts, &err) != 0)
		return 0;
	if (sgg_scan_feed(scan, (const char *)data + 1, split, "a.log", &err) == 0 &&
	    sgg_scan_feed(scan, (const char *)data + 1 + split, size - 1 - split, "a.log", &err) == 0 &&
	    sgg_scan_finish(scan, &err) == 0) {
		for (int f = SGG_FORMAT_TEXT; f <= SGG_FORMAT_JSON; f++)
			if (sgg_scan_render(&text, NULL, scan, (sgg_format)f, 0, &err) == 0)
				sgg_free(text);
	}
	sgg_scan_free(scan);
	return 0;
}
