/*
 * change_file.c - how a change record reaches the disk: one writer at a
 * time (a lock), and never half-written (an atomic replace).
 *
 * The lock is an fcntl() write lock on RECORD.lock, a file of its own: the
 * record itself is replaced by rename(), so a lock on it would be a lock on
 * a file that is about to vanish. The lock file is left in place, since
 * removing it would race with the next process opening it.
 * SPDX-License-Identifier: MIT
 */
#include "change.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static void sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

static long monotonic_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int sgg__lock_acquire(sgg__lock *lock, const char *record_path, int timeout_ms, sgg_error *err)
{
	char path[4096];
	struct flock fl;
	long deadline;
	int fd;

	lock->fd = -1;
	if ((size_t)snprintf(path, sizeof(path), "%s.lock", record_path) >= sizeof(path))
		return sgg__error_set(err, SGG_EINVAL, record_path, NULL, "path too long");
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	if (fd < 0)
		return sgg__error_set(err, SGG_EIO, path, NULL, "cannot open the lock file: %s",
		                      strerror(errno));
	if (timeout_ms < 0)
		timeout_ms = SGG_CHANGE_LOCK_TIMEOUT_MS;
	deadline = monotonic_ms() + timeout_ms;
	for (;;) {
		memset(&fl, 0, sizeof(fl));
		fl.l_type = F_WRLCK;
		fl.l_whence = SEEK_SET;
		if (fcntl(fd, F_SETLK, &fl) == 0)
			break;
		if (errno != EACCES && errno != EAGAIN && errno != EINTR) {
			int saved = errno;

			close(fd);
			return sgg__error_set(err, SGG_EIO, path, NULL, "cannot lock: %s",
			                      strerror(saved));
		}
		if (monotonic_ms() >= deadline) {
			close(fd);
			return sgg__error_set(
			    err, SGG_ELOCKED, record_path, NULL,
			    "another process is changing this record (it holds %s); "
			    "gave up after %d ms, try again",
			    path, timeout_ms);
		}
		sleep_ms(50);
	}
	lock->fd = fd;
	return 0;
}

void sgg__lock_release(sgg__lock *lock)
{
	if (lock->fd >= 0)
		close(lock->fd); /* closing drops the fcntl() lock */
	lock->fd = -1;
}

/* The folder holding @p path, into @p buf. */
static void dir_of(const char *path, char *buf, size_t size)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		snprintf(buf, size, ".");
	else if (slash == path)
		snprintf(buf, size, "/");
	else
		snprintf(buf, size, "%.*s", (int)(slash - path), path);
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

int sgg__atomic_write(const char *path, const char *data, size_t len, sgg_error *err)
{
	char tmp[4096], dir[4096];
	const char *what = NULL;
	struct stat st;
	int fd = -1, dfd, e = 0;

	if ((size_t)snprintf(tmp, sizeof(tmp), "%s.tmp.XXXXXX", path) >= sizeof(tmp))
		return sgg__error_set(err, SGG_EINVAL, path, NULL, "path too long");
	if ((fd = mkstemp(tmp)) < 0) {
		e = errno;
		return sgg__error_set(err, SGG_EIO, path, NULL,
		                      "cannot create a temporary file beside the record: %s",
		                      strerror(e));
	}
	/* mkstemp() makes the file private; keep the record's mode, or make it readable */
	fchmod(fd, stat(path, &st) == 0 ? (st.st_mode & 0777) : 0644);
	if ((write_all(fd, data, len) < 0 && (e = errno))) {
		what = "write";
		goto fail;
	}
	/* the data must be on disk before the name points at it */
	if ((fsync(fd) < 0 && (e = errno))) {
		what = "sync";
		goto fail;
	}
	if (close(fd) < 0)
		e = errno;
	fd = -1;
	if (e) {
		what = "close";
		goto fail;
	}
	if ((rename(tmp, path) < 0 && (e = errno))) {
		what = "replace";
		goto fail;
	}
	/* make the rename itself durable */
	dir_of(path, dir, sizeof(dir));
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0 || fsync(dfd) < 0)
		e = errno;
	if (dfd >= 0)
		close(dfd);
	if (e)
		return sgg__error_set(
		    err, SGG_EIO, path, NULL,
		    "the record was replaced but its folder could not be synced: %s", strerror(e));
	return 0;
fail:
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	return sgg__error_set(err, SGG_EIO, path, NULL,
	                      "cannot %s the new record (the previous one is unchanged): %s", what,
	                      strerror(e));
}
