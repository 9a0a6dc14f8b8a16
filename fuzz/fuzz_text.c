/*
 * fuzz_text.c - the small parsers: target references, RFC 3339 times,
 * durations, windows and format names, each fed the same bytes.
 * SPDX-License-Identifier: MIT
 */
#include "sgguard.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	sgg_ref ref;
	sgg_time t;
	int64_t d;
	sgg_window w;
	sgg_format f;
	sgg_error err;
	char buf[SGG_TIME_BUFSIZE];

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	sgg_ref_parse(&ref, s, &err);
	if (sgg_time_parse(&t, s, &err) == 0)
		sgg_time_format(t, buf);
	sgg_duration_parse(&d, s, &err);
	if (sgg_window_parse(&w, s, &err) == 0 && w.end <= w.start)
		abort(); /* a parsed window always ends after it starts */
	sgg_format_parse(&f, s);
	free(s);
	return 0;
}
