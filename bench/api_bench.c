/*
 * api_bench.c - the cost of a check through the library, on a preloaded
 * model: what a long-running service embedding libsgguard pays per request.
 *
 * Usage: api_bench CONFIG SESSIONS REF AT TARGETS [LOAD_REPS]
 *   REF      the scenario target, checked alone many times
 *   AT       the check time (RFC 3339)
 *   TARGETS  a file of target references, one per line: after a warm-up
 *            pass, each is checked ten times and keeps its fastest time
 *   LOAD_REPS how many times each file is loaded (median reported; default 1)
 *
 * Prints "key value" lines: load times in milliseconds, check times in
 * microseconds (sgg_check_run plus sgg_report_free, CLOCK_MONOTONIC).
 * SPDX-License-Identifier: MIT
 */
#include <sgguard.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SCENARIO_REPS 201
#define TARGET_PASSES 10
#define MAX_TARGETS 100000

static double clock_us(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

/* Wall-clock time, as a caller of the library sees it. */
static double now_us(void)
{
	return clock_us(CLOCK_MONOTONIC);
}

/* This thread's CPU time: the same work, without the time other processes took. */
static double cpu_us(void)
{
	return clock_us(CLOCK_THREAD_CPUTIME_ID);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Sorts @p v in place. */
static double quantile(double *v, size_t n, double q)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return v[(size_t)(q * (double)(n - 1) + 0.5)];
}

static void fail(const char *what, const sgg_error *err)
{
	char line[1024];

	sgg_error_format(err, line, sizeof(line));
	fprintf(stderr, "api_bench: %s: %s\n", what, line);
	exit(2);
}

static char **read_lines(const char *path, size_t *n)
{
	FILE *f = fopen(path, "r");
	char **lines = calloc(MAX_TARGETS, sizeof(*lines));
	char buf[1024];

	*n = 0;
	if (!f || !lines) {
		perror(path);
		exit(2);
	}
	while (*n < MAX_TARGETS && fgets(buf, sizeof(buf), f)) {
		buf[strcspn(buf, "\r\n")] = '\0';
		if (buf[0] && !(lines[(*n)++] = strdup(buf))) {
			perror("strdup");
			exit(2);
		}
	}
	fclose(f);
	return lines;
}

/* One check of @p ref; returns its wall-clock duration in microseconds, *cpu its CPU time. */
static double timed_check(const sgg_config *cfg, const sgg_sessions *snap, const char *ref,
                          const sgg_check_options *opts, int *verdict, size_t *findings,
                          double *cpu)
{
	sgg_report *report = NULL;
	sgg_error err;
	double c0 = cpu_us(), t0 = now_us(), t1;

	if (sgg_check_run(&report, cfg, snap, &ref, 1, opts, &err) < 0)
		fail(ref, &err);
	*verdict = (int)sgg_report_verdict(report);
	*findings = sgg_report_finding_count(report);
	sgg_report_free(report);
	t1 = now_us();
	*cpu = cpu_us() - c0;
	return t1 - t0;
}

typedef int (*loader)(void **out, const char *path, sgg_error *err);

static int load_config(void **out, const char *path, sgg_error *err)
{
	sgg_config *cfg;
	int rc = sgg_config_load_file(&cfg, path, 0, err);

	*out = cfg;
	return rc;
}

/* The same with helper threads, as the sgguard program loads. */
static int load_config_parallel(void **out, const char *path, sgg_error *err)
{
	sgg_config *cfg;
	int rc = sgg_config_load_file(&cfg, path, SGG_CONFIG_PARALLEL, err);

	*out = cfg;
	return rc;
}

static int load_sessions(void **out, const char *path, sgg_error *err)
{
	sgg_sessions *snap;
	int rc = sgg_sessions_load_file(&snap, path, err);

	*out = snap;
	return rc;
}

/* Loads @p path @p reps times; prints the median wall and CPU milliseconds; returns the last model. */
static void *timed_load(loader load, void (*release)(void *), const char *path, int reps,
                        const char *key)
{
	double *wall = calloc((size_t)reps, sizeof(double)), *cpu = calloc((size_t)reps, sizeof(double));
	void *model = NULL;
	sgg_error err;

	if (!wall || !cpu) {
		perror("calloc");
		exit(2);
	}
	for (int r = 0; r < reps; r++) {
		double t0, c0;

		release(model);
		model = NULL;
		c0 = clock_us(CLOCK_PROCESS_CPUTIME_ID); /* the helpers' time too */
		t0 = now_us();
		if (load(&model, path, &err) < 0)
			fail(path, &err);
		wall[r] = (now_us() - t0) / 1e3;
		cpu[r] = (clock_us(CLOCK_PROCESS_CPUTIME_ID) - c0) / 1e3;
	}
	printf("%s_ms %.3f\n", key, quantile(wall, (size_t)reps, 0.5));
	printf("%s_cpu_ms %.3f\n", key, quantile(cpu, (size_t)reps, 0.5));
	free(wall);
	free(cpu);
	return model;
}

static void release_config(void *p)
{
	sgg_config_free(p);
}

static void release_sessions(void *p)
{
	sgg_sessions_free(p);
}

/* Prints the summary of @p n durations under @p prefix; sorts them. */
static void summary(const char *prefix, double *v, size_t n)
{
	double sum = 0;

	for (size_t i = 0; i < n; i++)
		sum += v[i];
	printf("%s_mean_us %.2f\n", prefix, sum / (double)n);
	printf("%s_median_us %.2f\n", prefix, quantile(v, n, 0.5));
	printf("%s_p90_us %.2f\n", prefix, quantile(v, n, 0.9));
	printf("%s_max_us %.2f\n", prefix, v[n - 1]);
}

int main(int argc, char **argv)
{
	sgg_check_options opts = SGG_CHECK_OPTIONS_INIT;
	sgg_config *cfg;
	sgg_sessions *snap;
	sgg_error err;
	double *wall, *cpu, first_cpu;
	size_t n_targets, n, findings, total_findings = 0;
	size_t verdicts[3] = { 0, 0, 0 };
	int load_reps = 1, verdict;
	char **targets;

	if (argc < 6 || argc > 7) {
		fputs("usage: api_bench CONFIG SESSIONS REF AT TARGETS [LOAD_REPS]\n", stderr);
		return 2;
	}
	if (argc == 7 && (load_reps = atoi(argv[6])) < 1)
		load_reps = 1;
	if (sgg_time_parse(&opts.at, argv[4], &err) < 0)
		fail(argv[4], &err);
	targets = read_lines(argv[5], &n_targets);
	if (n_targets == 0) {
		fprintf(stderr, "api_bench: %s: no targets\n", argv[5]);
		return 2;
	}
	n = n_targets > SCENARIO_REPS ? n_targets : SCENARIO_REPS;
	wall = calloc(n, sizeof(double));
	cpu = calloc(n, sizeof(double));
	if (!wall || !cpu) {
		perror("calloc");
		return 2;
	}

	cfg = timed_load(load_config_parallel, release_config, argv[1], load_reps,
	                 "load_config_parallel");
	release_config(cfg);
	cfg = timed_load(load_config, release_config, argv[1], load_reps, "load_config");
	snap = timed_load(load_sessions, release_sessions, argv[2], load_reps, "load_sessions");

	/* (a) the scenario target: the first (cold) check, then the median */
	wall[0] = timed_check(cfg, snap, argv[3], &opts, &verdict, &findings, &first_cpu);
	printf("scenario_first_us %.2f\n", wall[0]);
	for (int r = 0; r < SCENARIO_REPS; r++)
		wall[r] = timed_check(cfg, snap, argv[3], &opts, &verdict, &findings, &cpu[r]);
	printf("scenario_median_us %.2f\n", quantile(wall, SCENARIO_REPS, 0.5));
	printf("scenario_cpu_median_us %.2f\n", quantile(cpu, SCENARIO_REPS, 0.5));
	printf("scenario_verdict %s\n", sgg_verdict_name((sgg_verdict)verdict));
	printf("scenario_findings %zu\n", findings);

	/* (b) many different targets: a warm-up pass, then TARGET_PASSES timed
	 * passes; each target keeps its fastest time, which leaves out the
	 * moments another process held the core */
	for (size_t i = 0; i < n_targets; i++)
		(void)timed_check(cfg, snap, targets[i], &opts, &verdict, &findings, &cpu[0]);
	for (int pass = 0; pass < TARGET_PASSES; pass++)
		for (size_t i = 0; i < n_targets; i++) {
			double c, w = timed_check(cfg, snap, targets[i], &opts, &verdict, &findings, &c);

			if (pass == 0 || w < wall[i])
				wall[i] = w;
			if (pass == 0 || c < cpu[i])
				cpu[i] = c;
			if (pass == 0) {
				verdicts[verdict >= 0 && verdict <= 2 ? verdict : 2]++;
				total_findings += findings;
			}
		}
	printf("checks %zu\n", n_targets);
	summary("check", wall, n_targets);
	summary("check_cpu", cpu, n_targets);
	printf("checks_allow %zu\nchecks_block %zu\nchecks_error %zu\n", verdicts[0], verdicts[1],
	       verdicts[2]);
	printf("check_mean_findings %.1f\n", (double)total_findings / (double)n_targets);

	for (size_t i = 0; i < n_targets; i++)
		free(targets[i]);
	free(targets);
	free(wall);
	free(cpu);
	sgg_sessions_free(snap);
	sgg_config_free(cfg);
	return 0;
}
