/*
 * test_jsonsuite.c - the public JSON conformance corpus fed to both input
 * adapters, as configuration and as snapshot.
 *
 * n_ files must be rejected as syntax errors with a location; y_ files are
 * valid JSON, so each is either accepted or rejected for its shape, never as
 * a syntax error; i_ files may go either way. None may crash or leak (the
 * sanitizer and valgrind runs check that). Skips when the corpus is absent.
 * SPDX-License-Identifier: MIT
 */
#include "testutil.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char corpus[4096];

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The corpus's file names, sorted; NULL-terminated. */
static char **list_corpus(size_t *count)
{
	DIR *d = opendir(corpus);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0, cap = 0;

	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d))) {
		if (strlen(e->d_name) < 3 || e->d_name[1] != '_')
			continue;
		if (n + 2 > cap) {
			cap = cap ? cap * 2 : 64;
			names = realloc(names, cap * sizeof(*names));
			ck_assert_ptr_nonnull(names);
		}
		names[n++] = strdup(e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof(*names), cmp_names);
	names[n] = NULL;
	*count = n;
	return names;
}

static void check_one(const char *name, int rc, const sgg_error *err, const char *as)
{
	char line[1024];

	sgg_error_format(err, line, sizeof(line));
	if (name[0] == 'n') {
		ck_assert_msg(rc == SGG_ESYNTAX, "%s as %s: expected a syntax error, got %d (%s)", name,
		              as, rc, line);
		/* a location, unless there is nothing in the file to point at */
		ck_assert_msg(err->line > 0 || strstr(err->text, "empty") ||
		                      strstr(err->text, "white space"),
		              "%s as %s: no location in %s", name, as, line);
		ck_assert_msg(strstr(line, name) != NULL, "%s: message does not name the file: %s",
		              name, line);
	} else if (name[0] == 'y') {
		ck_assert_msg(rc == 0 || rc == SGG_ESHAPE || rc == SGG_EFORMAT,
		              "%s as %s: valid JSON must be accepted or refused for its shape, got %d (%s)",
		              name, as, rc, line);
	} else {
		ck_assert_msg(rc == 0 || rc == SGG_ESYNTAX || rc == SGG_ESHAPE || rc == SGG_EFORMAT,
		              "%s as %s: unexpected %d (%s)", name, as, rc, line);
	}
	if (rc < 0)
		ck_assert_int_eq(err->code, rc);
}

START_TEST(test_jsonsuite_as_config)
{
	size_t n;
	char **names = list_corpus(&n);

	ck_assert_uint_gt(n, 100);
	for (size_t i = 0; i < n; i++) {
		char path[8192];
		sgg_config *cfg = NULL;
		sgg_error err;
		int rc;

		snprintf(path, sizeof(path), "%s/%s", corpus, names[i]);
		rc = sgg_config_load_file(&cfg, path, 0, &err);
		check_one(names[i], rc, &err, "configuration");
		sgg_config_free(cfg);
		free(names[i]);
	}
	free(names);
}
END_TEST

START_TEST(test_jsonsuite_as_sessions)
{
	size_t n;
	char **names = list_corpus(&n);

	for (size_t i = 0; i < n; i++) {
		char path[8192];
		sgg_sessions *snap = NULL;
		sgg_error err;
		int rc;

		snprintf(path, sizeof(path), "%s/%s", corpus, names[i]);
		rc = sgg_sessions_load_file(&snap, path, &err);
		check_one(names[i], rc, &err, "snapshot");
		sgg_sessions_free(snap);
		free(names[i]);
	}
	free(names);
}
END_TEST

int main(void)
{
	const char *shared = getenv("SGG_SHARED");
	Suite *s = suite_create("jsonsuite");
	TCase *tc = tcase_create("corpus");
	FILE *probe;

	snprintf(corpus, sizeof(corpus), "%s/corpus/jsontestsuite/test_parsing",
	         shared ? shared : "../shared");
	probe = fopen(corpus, "r");
	if (!probe) {
		printf("SKIP: no JSON conformance corpus at %s\n", corpus);
		return 77; /* meson: skipped */
	}
	fclose(probe);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_jsonsuite_as_config);
	tcase_add_test(tc, test_jsonsuite_as_sessions);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
