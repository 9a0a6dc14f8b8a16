/*
 * fuzz_change.c - any bytes as a change record: load it (which checks the
 * record against its own log), and when it loads, render its status.
 * SPDX-License-Identifier: MIT
 */
#include "sgguard.h"

#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sgg_change *change = NULL;
	sgg_error err;
	char *text = NULL;

	if (sgg_change_load_buffer(&change, (const char *)data, size, "fuzz", &err) == 0) {
		for (int f = SGG_FORMAT_TEXT; f <= SGG_FORMAT_JSON; f++)
			if (sgg_change_status_render(&text, NULL, change, 1796091300, (sgg_format)f, 0,
			                             &err) == 0)
				sgg_free(text);
	}
	sgg_change_free(change);
	return 0;
}
