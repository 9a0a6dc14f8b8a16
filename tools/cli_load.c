/*
 * cli_load.c - loading two documents side by side.
 *
 * A configuration and a snapshot (check), or two configurations (diff), are
 * independent, and the library's loaders share no state, so the program
 * reads them on two threads: a command then waits for the larger of the two
 * loads rather than their sum. Configurations are loaded with
 * SGG_CONFIG_PARALLEL, so the library spreads each over the processors too.
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"

#include <pthread.h>
#include <string.h>

typedef struct load_job load_job;
struct load_job {
	int (*run)(load_job *job);
	const char *path;
	sgg_source_format format;
	unsigned flags;
	sgg_config *cfg;
	sgg_sessions *snap;
	sgg_error err;
	int rc;
};

static int run_config(load_job *job)
{
	return sgg_config_load_file_as(&job->cfg, job->path, job->format,
	                               job->flags | SGG_CONFIG_PARALLEL, &job->err);
}

static int run_snapshot(load_job *job)
{
	return sgg_sessions_load_file_as(&job->snap, job->path, job->format, &job->err);
}

static void *run_job(void *arg)
{
	load_job *job = arg;

	job->rc = job->run(job);
	/* an allocation failed while jansson read the document: do not trust it */
	if (job->rc == 0 && cli_alloc_failed()) {
		memset(&job->err, 0, sizeof(job->err));
		job->err.code = SGG_ENOMEM;
		strcpy(job->err.text, "out of memory while reading the input");
		job->rc = SGG_ENOMEM;
	}
	cli_alloc_reset();
	return NULL;
}

/*
 * Run @p b on a second thread while @p a runs here; @p b runs here after
 * @p a when it reads standard input (read on the main thread alone) or no
 * thread can start. On failure *err is the first failed job's error.
 */
static int run_pair(load_job *a, load_job *b, sgg_error *err)
{
	pthread_t thread;
	bool threaded = strcmp(b->path, "-") != 0 && pthread_create(&thread, NULL, run_job, b) == 0;

	run_job(a);
	if (threaded)
		pthread_join(thread, NULL);
	else
		run_job(b);
	if (a->rc < 0 || b->rc < 0) {
		*err = a->rc < 0 ? a->err : b->err;
		return a->rc < 0 ? a->rc : b->rc;
	}
	return 0;
}

int cli_load_inputs(sgg_config **cfg, const char *config_path, sgg_source_format config_format,
                    unsigned config_flags, sgg_sessions **snap, const char *sessions_path,
                    sgg_source_format sessions_format, sgg_error *err)
{
	load_job a = { .run = run_config, .path = config_path, .format = config_format,
		       .flags = config_flags };
	load_job b = { .run = run_snapshot, .path = sessions_path, .format = sessions_format };
	int rc = run_pair(&a, &b, err);

	if (rc < 0) {
		sgg_config_free(a.cfg);
		sgg_sessions_free(b.snap);
		a.cfg = NULL;
		b.snap = NULL;
	}
	*cfg = a.cfg;
	*snap = b.snap;
	return rc;
}

int cli_load_configs(sgg_config **first, const char *first_path, unsigned first_flags,
                     sgg_config **second, const char *second_path, unsigned second_flags,
                     sgg_error *err)
{
	load_job a = { .run = run_config, .path = first_path, .format = SGG_SOURCE_AUTO,
		       .flags = first_flags };
	load_job b = { .run = run_config, .path = second_path, .format = SGG_SOURCE_AUTO,
		       .flags = second_flags };
	int rc = run_pair(&a, &b, err);

	if (rc < 0) {
		sgg_config_free(a.cfg);
		sgg_config_free(b.cfg);
		a.cfg = b.cfg = NULL;
	}
	*first = a.cfg;
	*second = b.cfg;
	return rc;
}
