/*
 * parallel.c - work split over helper threads, for the callers that allow it
 * (SGG_CONFIG_PARALLEL). Threads are started and joined inside each call.
 * SPDX-License-Identifier: MIT
 */
#include "internal.h"

#include <pthread.h>
#include <unistd.h>

size_t sgg__helper_count(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 2 ? 0 : n > SGG__HELPERS_MAX ? SGG__HELPERS_MAX : (size_t)n;
}

typedef struct part {
	sgg__range_fn fn;
	void *ctx;
	size_t from, to;
	pthread_t thread;
} part;

static void *run_part(void *arg)
{
	part *p = arg;

	p->fn(p->ctx, p->from, p->to);
	return NULL;
}

void sgg__parallel_for(size_t n, bool parallel, sgg__range_fn fn, void *ctx)
{
	part parts[SGG__HELPERS_MAX];
	size_t k = parallel ? sgg__helper_count() : 0, started = 0;

	/* a thread is worth starting for a large range only */
	if (k < 2 || n < 16384) {
		fn(ctx, 0, n);
		return;
	}
	for (size_t i = 0; i < k; i++)
		parts[i] = (part){ .fn = fn, .ctx = ctx, .from = n * i / k, .to = n * (i + 1) / k };
	/* parts 1.. on helpers, part 0 here; a part whose thread would not start runs here too */
	for (size_t i = 1; i < k; i++) {
		if (pthread_create(&parts[i].thread, NULL, run_part, &parts[i]) != 0)
			break;
		started = i;
	}
	fn(ctx, parts[0].from, parts[0].to);
	for (size_t i = started + 1; i < k; i++)
		fn(ctx, parts[i].from, parts[i].to);
	for (size_t i = 1; i <= started; i++)
		pthread_join(parts[i].thread, NULL);
}
