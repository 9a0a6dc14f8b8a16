/*
 * cli_load.c - loading a configuration and a snapshot side by side.
 *
 * The two documents are independent, and the library's loaders share no
 * state, so the program reads them on two threads: a check then costs the
 * larger of the two loads rather than their sum.
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"

#include <pthread.h>
#include <string.h>

typedef struct snapshot_job {
	const char *path;
	sgg_source_format format;
	sgg_sessions *snap;
	sgg_error err;
	int rc;
} snapshot_job;

/* An allocation failed while jansson read the document: do not trust it. */
static int distrust(int rc, sgg_error *err)
{
	if (rc == 0 && cli_alloc_failed()) {
		memset(err, 0, sizeof(*err));
		err->code = SGG_ENOMEM;
		strcpy(err->text, "out of memory while reading the input");
		return SGG_ENOMEM;
	}
	return rc;
}

static void *load_snapshot(void *arg)
{
	snapshot_job *job = arg;

	job->rc = sgg_sessions_load_file_as(&job->snap, job->path, job->format, &job->err);
	job->rc = distrust(job->rc, &job->err);
	cli_alloc_reset();
	return NULL;
}

int cli_load_inputs(sgg_config **cfg, const char *config_path, sgg_source_format config_format,
                    unsigned config_flags, sgg_sessions **snap, const char *sessions_path,
                    sgg_source_format sessions_format, sgg_error *err)
{
	snapshot_job job = { .path = sessions_path, .format = sessions_format };
	pthread_t thread;
	bool threaded;
	int rc;

	*cfg = NULL;
	*snap = NULL;
	/* standard input is read on the main thread alone */
	threaded = strcmp(sessions_path, "-") != 0 &&
	           pthread_create(&thread, NULL, load_snapshot, &job) == 0;
	rc = sgg_config_load_file_as(cfg, config_path, config_format,
	                             config_flags | SGG_CONFIG_PARALLEL, err);
	rc = distrust(rc, err);
	cli_alloc_reset();
	if (threaded)
		pthread_join(thread, NULL);
	else
		load_snapshot(&job);
	if (rc == 0 && job.rc < 0) {
		*err = job.err;
		rc = job.rc;
	}
	if (rc < 0) {
		sgg_config_free(*cfg);
		sgg_sessions_free(job.snap);
		*cfg = NULL;
		return rc;
	}
	*snap = job.snap;
	return 0;
}
