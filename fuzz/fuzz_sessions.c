/*
 * fuzz_sessions.c - any bytes as a session snapshot, checked against the
 * technote's configuration when it loads.
 * SPDX-License-Identifier: MIT
 */
#include "sgguard.h"

#include <stdint.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char config[] =
	"{\"format\":\"sgguard-config/1\",\"skill_groups\":["
	"{\"id\":5019,\"peripheral\":5000,\"number\":40424,\"priority\":0,\"name\":\"Literature\"},"
	"{\"id\":5020,\"peripheral\":5000,\"number\":40424,\"priority\":1,\"base\":5019,"
	"\"name\":\"Literature.pri\"}],"
	"\"agents\":[{\"id\":5107,\"peripheral\":5000,\"number\":\"1428\",\"skill_groups\":[5019]},"
	"{\"id\":5108,\"peripheral\":5001,\"number\":\"1429\",\"skill_groups\":[5020]}],"
	"\"routes\":[{\"id\":1,\"target\":5019}]}";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sgg_config *cfg = NULL;
	sgg_sessions *snap = NULL;
	sgg_report *report = NULL;
	sgg_error err;
	const char *refs[] = { "5019" };
	sgg_check_options opts = SGG_CHECK_OPTIONS_INIT;
	char *text = NULL;

	if (sgg_sessions_load_buffer(&snap, (const char *)data, size, "fuzz", &err) == 0 &&
	    sgg_config_load_buffer(&cfg, config, strlen(config), "cfg", 0, &err) == 0) {
		opts.at = 1796091300;
		if (sgg_check_run(&report, cfg, snap, refs, 1, &opts, &err) == 0 &&
		    sgg_report_render(&text, NULL, report, SGG_FORMAT_JSON, 0, &err) == 0)
			sgg_free(text);
	}
	sgg_report_free(report);
	sgg_sessions_free(snap);
	sgg_config_free(cfg);
	return 0;
}
