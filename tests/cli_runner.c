/*
 * cli_runner.c - runs the real sgguard binary on real files and compares
 * its exit code, stdout and stderr with what each case expects.
 *
 * A case is a directory under tests/cli/ holding:
 *   args            the arguments, one per line (after "sgguard")
 *   exit            the expected exit code
 *   stdout, stderr  the exact expected output (optional: unchecked when absent)
 *   stdout-has, stderr-has   lines that must each appear somewhere (optional)
 *   stdin           fed to standard input (optional; /dev/null otherwise)
 * In args and expected output, @EXAMPLES@ stands for the examples folder and
 * @DATA@ for tests/data. The case runs in a fresh temporary directory, its
 * name given as @TMP@.
 *
 * Usage: cli_runner SGGUARD CASES_DIR EXAMPLES_DIR DATA_DIR
 * When SGG_CLI_WRAPPER is set (valgrind, say), sgguard runs under it.
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *examples_dir, *data_dir;

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0;

	if (!f)
		return NULL;
	for (;;) {
		if (n + 4096 + 1 > cap) {
			cap = (n + 4096 + 1) * 2;
			buf = realloc(buf, cap);
			if (!buf)
				abort();
		}
		size_t got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
		if (got == 0)
			break;
	}
	fclose(f);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

/* Replace every @KEY@ placeholder; the result is newly allocated. */
static char *expand(const char *s, const char *tmp)
{
	const char *keys[] = { "@EXAMPLES@", "@DATA@", "@TMP@" };
	const char *vals[] = { examples_dir, data_dir, tmp };
	size_t cap = strlen(s) * 2 + 1024, n = 0;
	char *out = malloc(cap);

	if (!out)
		abort();
	while (*s) {
		size_t k;

		for (k = 0; k < 3; k++)
			if (strncmp(s, keys[k], strlen(keys[k])) == 0)
				break;
		const char *piece = k < 3 ? vals[k] : s;
		size_t plen = k < 3 ? strlen(vals[k]) : 1;

		if (n + plen + 1 > cap) {
			cap = (n + plen + 1) * 2;
			out = realloc(out, cap);
			if (!out)
				abort();
		}
		memcpy(out + n, piece, plen);
		n += plen;
		s += k < 3 ? strlen(keys[k]) : 1;
	}
	out[n] = '\0';
	return out;
}

static int run_case(char *sgguard, const char *dir, const char *name)
{
	char path[4096], tmpl[] = "/tmp/sgguard-cli-XXXXXX", *tmp;
	char *args_text, *argv[256], *wrapper = getenv("SGG_CLI_WRAPPER");
	char *exp_exit, *out = NULL, *err = NULL, *w = NULL, *expanded = NULL;
	size_t argc = 0;
	int status, failed = 0, want;
	pid_t pid;

	tmp = mkdtemp(tmpl);
	if (!tmp) {
		perror("mkdtemp");
		return 1;
	}
	snprintf(path, sizeof(path), "%s/%s/args", dir, name);
	args_text = read_all(path, NULL);
	snprintf(path, sizeof(path), "%s/%s/exit", dir, name);
	exp_exit = read_all(path, NULL);
	if (!args_text || !exp_exit) {
		fprintf(stderr, "%s: needs args and exit files\n", name);
		return 1;
	}
	want = atoi(exp_exit);
	if (wrapper && *wrapper) {
		w = strdup(wrapper);
		for (char *tok = strtok(w, " "); tok && argc < 32; tok = strtok(NULL, " "))
			argv[argc++] = tok;
	}
	argv[argc++] = sgguard;
	{
		char *line;

		expanded = expand(args_text, tmp);
		line = expanded;

		while (line && *line && argc < 250) {
			char *nl = strchr(line, '\n');
			if (nl)
				*nl = '\0';
			argv[argc++] = line;
			line = nl ? nl + 1 : NULL;
		}
	}
	argv[argc] = NULL;

	char out_path[4200], err_path[4200], in_path[4200];
	snprintf(out_path, sizeof(out_path), "%s/.stdout", tmp);
	snprintf(err_path, sizeof(err_path), "%s/.stderr", tmp);
	snprintf(in_path, sizeof(in_path), "%s/%s/stdin", dir, name);
	pid = fork();
	if (pid == 0) {
		int in = open(in_path, O_RDONLY);
		if (in < 0)
			in = open("/dev/null", O_RDONLY);
		int o = open(out_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		int e = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		dup2(in, 0);
		dup2(o, 1);
		dup2(e, 2);
		if (chdir(tmp) != 0)
			_exit(127);
		setenv("NO_COLOR", "1", 1);
		setenv("TZ", "UTC", 1);
		execvp(argv[0], argv);
		_exit(127);
	}
	waitpid(pid, &status, 0);
	free(w);
	free(expanded);
	out = read_all(out_path, NULL);
	err = read_all(err_path, NULL);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != want) {
		fprintf(stderr, "FAIL %s: exit %d, expected %d\n--- stderr:\n%s\n", name,
		        WIFEXITED(status) ? WEXITSTATUS(status) : -1, want, err ? err : "");
		failed = 1;
	}
	const char *streams[2] = { "stdout", "stderr" };
	char *got[2] = { out, err };
	for (int s = 0; s < 2; s++) {
		char *expect_raw, *expect;

		snprintf(path, sizeof(path), "%s/%s/%s", dir, name, streams[s]);
		expect_raw = read_all(path, NULL);
		if (expect_raw) {
			expect = expand(expect_raw, tmp);
			if (strcmp(expect, got[s] ? got[s] : "") != 0) {
				fprintf(stderr, "FAIL %s: %s differs\n--- expected:\n%s--- got:\n%s\n", name,
				        streams[s], expect, got[s] ? got[s] : "");
				failed = 1;
			}
			free(expect);
			free(expect_raw);
		}
		snprintf(path, sizeof(path), "%s/%s/%s-has", dir, name, streams[s]);
		expect_raw = read_all(path, NULL);
		if (expect_raw) {
			expect = expand(expect_raw, tmp);
			for (char *line = strtok(expect, "\n"); line; line = strtok(NULL, "\n"))
				if (!strstr(got[s] ? got[s] : "", line)) {
					fprintf(stderr, "FAIL %s: %s lacks \"%s\"\n--- got:\n%s\n", name,
					        streams[s], line, got[s] ? got[s] : "");
					failed = 1;
				}
			free(expect);
			free(expect_raw);
		}
	}
	if (!failed)
		printf("ok %s\n", name);
	free(out);
	free(err);
	free(args_text);
	free(exp_exit);
	{
		char cmd[4300];
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmp);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", tmp);
	}
	return failed;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
	DIR *d;
	struct dirent *e;
	char *names[4096];
	size_t n = 0;
	int failed = 0;

	if (argc != 5) {
		fprintf(stderr, "usage: cli_runner SGGUARD CASES_DIR EXAMPLES_DIR DATA_DIR\n");
		return 2;
	}
	examples_dir = argv[3];
	data_dir = argv[4];
	d = opendir(argv[2]);
	if (!d) {
		perror(argv[2]);
		return 2;
	}
	while ((e = readdir(d)) && n < 4096)
		if (e->d_name[0] != '.')
			names[n++] = strdup(e->d_name);
	closedir(d);
	qsort(names, n, sizeof(*names), cmp_names);
	for (size_t i = 0; i < n; i++) {
		failed += run_case(argv[1], argv[2], names[i]);
		free(names[i]);
	}
	printf("%zu cases, %d failed\n", n, failed);
	return failed ? 1 : (n == 0 ? 77 : 0);
}
