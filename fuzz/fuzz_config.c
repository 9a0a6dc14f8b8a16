/*
 * fuzz_config.c - any bytes as a configuration export: load it, and when it
 * loads, check a removal against it with a fixed snapshot.
 * SPDX-License-Identifier: MIT
 */
#include "sgguard.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char snapshot[] =
	"{\"format\":\"sgguard-sessions/1\",\"taken_at\":\"2026-12-01T02:14:55Z\","
	"\"peripherals\":[5000],\"sessions\":[{\"agent\":5107,\"state\":\"talking\","
	"\"skill_groups\":[5019,5020]}]}";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sgg_config *cfg = NULL;
	sgg_sessions *snap = NULL;
	sgg_report *report = NULL;
	sgg_error err;
	const char *refs[] = { "5019", "5000:40424", "name:Literature" };
	sgg_check_options opts = SGG_CHECK_OPTIONS_INIT;
	char *text = NULL;

	if (sgg_config_load_buffer(&cfg, (const char *)data, size, "fuzz", 0, &err) == 0 &&
	    sgg_sessions_load_buffer(&snap, snapshot, strlen(snapshot), "snap", &err) == 0) {
		opts.at = 1796091300; /* 2026-12-01T02:15:00Z */
		if (sgg_check_run(&report, cfg, snap, refs, 3, &opts, &err) == 0) {
			for (int f = SGG_FORMAT_TEXT; f <= SGG_FORMAT_JUNIT; f++) {
				if (sgg_report_render(&text, NULL, report, (sgg_format)f, 0, &err) == 0)
					sgg_free(text);
			}
		}
	}
	/* the lenient loader of lint and diff takes the same bytes */
	sgg_config_free(cfg);
	cfg = NULL;
	if (sgg_config_load_buffer(&cfg, (const char *)data, size, "fuzz", SGG_CONFIG_KEEP_DANGLING,
	                           &err) == 0)
		sgg_config_free(cfg);
	sgg_report_free(report);
	sgg_sessions_free(snap);
	return 0;
}
