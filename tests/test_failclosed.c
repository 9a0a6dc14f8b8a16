/*
 * test_failclosed.c - fail closed, end to end: every golden error case of
 * tests/data/invalid/, given to the real `sgguard check` as its
 * configuration or its snapshot (whichever the case is), must end with exit
 * status 2, a JSON report whose verdict is "error", and one line on stderr.
 * Never 0, never "allow".
 *
 * Usage: test_failclosed SGGUARD INVALID_DIR EXAMPLES_DIR
 * SPDX-License-Identifier: MIT
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static char *slurp(const char *path)
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

/* Run argv with stdout and stderr captured into files; return the exit status. */
static int run(char **argv, const char *out, const char *err)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		int o = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		int e = open(err, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		int in = open("/dev/null", O_RDONLY);

		dup2(in, 0);
		dup2(o, 1);
		dup2(e, 2);
		execvp(argv[0], argv);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int main(int argc, char **argv)
{
	char config[4096], sessions[4096], tmpl[] = "/tmp/sgguard-fc-XXXXXX", out[4200], err[4200];
	const char *wrapper = getenv("SGG_CLI_WRAPPER");
	DIR *d;
	struct dirent *e;
	int failed = 0, count = 0;

	if (argc != 4) {
		fprintf(stderr, "usage: test_failclosed SGGUARD INVALID_DIR EXAMPLES_DIR\n");
		return 2;
	}
	if (!mkdtemp(tmpl))
		return 2;
	snprintf(out, sizeof(out), "%s/out", tmpl);
	snprintf(err, sizeof(err), "%s/err", tmpl);
	snprintf(config, sizeof(config), "%s/technote/config.json", argv[3]);
	snprintf(sessions, sizeof(sessions), "%s/technote/sessions-logged-out.json", argv[3]);
	d = opendir(argv[2]);
	if (!d)
		return 2;
	while ((e = readdir(d))) {
		char path[4096], kindpath[4200], input[4200], *kind, *o, *er;
		char *args[48];
		int n = 0, status;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", argv[2], e->d_name);
		snprintf(kindpath, sizeof(kindpath), "%s/kind", path);
		snprintf(input, sizeof(input), "%s/input.json", path);
		kind = slurp(kindpath);
		if (!kind)
			continue;
		if (wrapper && *wrapper) {
			static char wbuf[1024];

			snprintf(wbuf, sizeof(wbuf), "%s", wrapper);
			for (char *tok = strtok(wbuf, " "); tok && n < 32; tok = strtok(NULL, " "))
				args[n++] = tok;
		}
		args[n++] = argv[1];
		args[n++] = "check";
		args[n++] = "--config";
		args[n++] = strncmp(kind, "config", 6) == 0 ? input : config;
		args[n++] = "--sessions";
		args[n++] = strncmp(kind, "config", 6) == 0 ? sessions : input;
		args[n++] = "--remove";
		args[n++] = "5019";
		args[n++] = "--at";
		args[n++] = "2026-12-01T02:42:00Z";
		args[n++] = "--format";
		args[n++] = "json";
		args[n] = NULL;
		status = run(args, out, err);
		o = slurp(out);
		er = slurp(err);
		count++;
		if (status != 2 || !o || !strstr(o, "\"verdict\": \"error\"") || strstr(o, "\"verdict\": \"allow\"") ||
		    !er || !strchr(er, '\n') || strchr(er, '\n')[1] != '\0') {
			fprintf(stderr, "FAIL %s: exit %d\nstdout: %s\nstderr: %s\n", e->d_name, status,
			        o ? o : "", er ? er : "");
			failed++;
		}
		free(o);
		free(er);
		free(kind);
	}
	closedir(d);
	unlink(out);
	unlink(err);
	rmdir(tmpl);
	printf("%d cases, %d failed\n", count, failed);
	return failed ? 1 : count > 0 ? 0 : 77;
}
