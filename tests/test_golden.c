/*
 * test_golden.c - golden error cases: every folder of tests/data/invalid/
 * holds an input that must be refused, and the exact error expected.
 *
 * A case folder has `kind` ("config" or "sessions"), `input.json` (absent
 * for a missing file; a directory for that case) and `expected`: the one-line
 * error as sgg_error_format() writes it, then the error's name from
 * sgg_strerror(). The input is loaded by the relative name input.json from
 * inside the folder, so messages do not depend on where the tree lives.
 * Set SGG_GOLDEN_PRINT=1 to print what each case produces.
 * SPDX-License-Identifier: MIT
 */
#include "testutil.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *read_text(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = calloc(1, (size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	return buf;
}

/* Load input.json from the current directory as @p kind; return the code. */
static int load(const char *kind, sgg_error *err)
{
	int rc;

	if (strncmp(kind, "config", 6) == 0) {
		sgg_config *cfg = NULL;

		rc = sgg_config_load_file(&cfg, "input.json", 0, err);
		ck_assert(rc < 0 || cfg != NULL);
		ck_assert(rc == 0 || cfg == NULL);
		sgg_config_free(cfg);
	} else {
		sgg_sessions *snap = NULL;

		rc = sgg_sessions_load_file(&snap, "input.json", err);
		ck_assert(rc == 0 || snap == NULL);
		sgg_sessions_free(snap);
	}
	return rc;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

START_TEST(test_golden_cases)
{
	const char *dir = data_path("invalid");
	char root[4096], cwd[4096];
	DIR *d;
	struct dirent *e;
	char *names[512];
	size_t n = 0;
	int printing = getenv("SGG_GOLDEN_PRINT") != NULL;

	snprintf(root, sizeof(root), "%s", dir);
	ck_assert_ptr_nonnull(getcwd(cwd, sizeof(cwd)));
	d = opendir(root);
	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)) && n < 512)
		if (e->d_name[0] != '.')
			names[n++] = strdup(e->d_name);
	closedir(d);
	qsort(names, n, sizeof(*names), cmp_names);
	ck_assert_uint_ge(n, 60);

	for (size_t i = 0; i < n; i++) {
		char path[8192], line[1024];
		char *kind, *expected;
		sgg_error err;
		int rc;

		snprintf(path, sizeof(path), "%s/%s", root, names[i]);
		ck_assert_int_eq(chdir(path), 0);
		kind = read_text("kind");
		expected = read_text("expected");
		ck_assert_msg(kind != NULL, "%s: no kind file", names[i]);
		rc = load(kind, &err);
		ck_assert_msg(rc < 0, "%s: the input was accepted", names[i]);
		ck_assert_int_eq(err.code, rc);
		sgg_error_format(&err, line, sizeof(line));
		ck_assert_msg(strchr(line, '\n') == NULL, "%s: the message is not one line", names[i]);
		snprintf(path, sizeof(path), "%s\n%s\n", line, sgg_strerror(rc));
		if (printing)
			printf("== %s\n%s", names[i], path);
		else
			ck_assert_msg(expected && strcmp(expected, path) == 0,
			              "%s:\nexpected: %sgot:      %s", names[i],
			              expected ? expected : "(no expected file)\n", path);
		free(kind);
		free(expected);
		free(names[i]);
	}
	ck_assert_int_eq(chdir(cwd), 0);
}
END_TEST

/* A 100 MB string where a name belongs: refused with its path, no crash. */
START_TEST(test_golden_huge_string)
{
	const size_t big = 100u * 1024 * 1024;
	const char *head = "{\"format\":\"sgguard-config/1\",\"skill_groups\":[{\"id\":1,"
	                   "\"peripheral\":1,\"number\":1,\"priority\":0,\"name\":\"";
	const char *tail = "\"}],\"agents\":[]}";
	size_t hl = strlen(head), tl = strlen(tail);
	char *doc = malloc(hl + big + tl);
	sgg_config *cfg = NULL;
	sgg_error err;
	char line[1024];

	ck_assert_ptr_nonnull(doc);
	memcpy(doc, head, hl);
	memset(doc + hl, 'x', big);
	memcpy(doc + hl + big, tail, tl);
	ck_assert_int_eq(sgg_config_load_buffer(&cfg, doc, hl + big + tl, "huge.json", 0, &err),
	                 SGG_ESHAPE);
	ck_assert_ptr_null(cfg);
	sgg_error_format(&err, line, sizeof(line));
	ck_assert_str_eq(line, "huge.json: skill_groups[0].name: is 104857600 bytes long (at most 255 "
	                       "allowed)");
	free(doc);
}
END_TEST

/* A file that cannot be read (meaningless as root, who reads everything). */
START_TEST(test_golden_unreadable)
{
	char tmpl[] = "/tmp/sgguard-golden-XXXXXX", path[64], line[1024];
	sgg_config *cfg = NULL;
	sgg_error err;
	int fd;

	if (geteuid() == 0)
		return;
	ck_assert_ptr_nonnull(mkdtemp(tmpl));
	snprintf(path, sizeof(path), "%s/input.json", tmpl);
	fd = open(path, O_WRONLY | O_CREAT, 0000);
	ck_assert_int_ge(fd, 0);
	close(fd);
	ck_assert_int_eq(sgg_config_load_file(&cfg, path, 0, &err), SGG_EIO);
	sgg_error_format(&err, line, sizeof(line));
	ck_assert_ptr_nonnull(strstr(line, "cannot open: Permission denied"));
	unlink(path);
	rmdir(tmpl);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("golden");
	TCase *tc = tcase_create("invalid");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_golden_cases);
	tcase_add_test(tc, test_golden_huge_string);
	tcase_add_test(tc, test_golden_unreadable);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
