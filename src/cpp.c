/*
 * cpp.c - run the C preprocessor over D source for dtrace -C.
 *
 * Takes the source text and cpp options, gives the preprocessed text.  It
 * forks /usr/bin/cpp with pipes (no shell, so no quoting problems), writes
 * the text to its stdin and reads its stdout at the same time with poll(),
 * so that a large file cannot deadlock the two processes.  The text is
 * prefixed with a line marker naming the file, so cpp's markers (and our
 * diagnostics) name the user's file rather than "<stdin>".
 *
 * It must never leave a child behind or leak an fd: every exit goes
 * through one cleanup path that closes the pipes and reaps the child.
 */
#include "cpp.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util.h"

#define CPP_PATH "/usr/bin/cpp"

/* The command line: cpp, our defines, the caller's options, -I <dir of path>, "-". */
static char **cpp_argv(const char *path, const char *const *args, int nargs)
{
	char **argv = xcalloc((size_t)nargs + 8, sizeof(char *));
	int n = 0;
	argv[n++] = xstrdup("cpp");
	argv[n++] = xstrdup("-D__SUNW_D=1");
	argv[n++] = xstrdup("-D__linux");
	for (int i = 0; i < nargs; i++)
		argv[n++] = xstrdup(args[i]);
	const char *slash = path ? strrchr(path, '/') : NULL;
	if (slash) /* #include "x.h" next to the script, after the user's -I */
		argv[n++] = xasprintf("-I%.*s", slash == path ? 1 : (int)(slash - path), path);
	argv[n++] = xstrdup("-");
	argv[n] = NULL;
	return argv;
}

static void free_argv(char **argv)
{
	for (int i = 0; argv[i]; i++)
		free(argv[i]);
	free(argv);
}

/* Fork cpp with its stdin and stdout on pipes; the child's pid, or -errno. */
static pid_t spawn(char **argv, int *to_cpp, int *from_cpp)
{
	int in[2], out[2];
	if (pipe2(in, O_CLOEXEC) < 0)
		return -errno;
	if (pipe2(out, O_CLOEXEC) < 0) {
		int err = -errno;
		close(in[0]);
		close(in[1]);
		return err;
	}
	pid_t pid = fork();
	if (pid == 0) {
		dup2(in[0], STDIN_FILENO);
		dup2(out[1], STDOUT_FILENO);
		execv(CPP_PATH, argv);
		_exit(127);
	}
	int err = pid < 0 ? -errno : 0;
	close(in[0]);
	close(out[1]);
	if (err) {
		close(in[1]);
		close(out[0]);
		return err;
	}
	*to_cpp = in[1];
	*from_cpp = out[0];
	fcntl(*to_cpp, F_SETFL, O_NONBLOCK);
	return pid;
}

/* Write in to *to_fd and read *from_fd into out until cpp closes its stdout. */
static int pump(int *to_fd, int from_fd, const char *in, size_t len, StrBuf *out)
{
	size_t done = 0;
	char buf[8192];
	if (len == 0) {
		close(*to_fd);
		*to_fd = -1;
	}
	for (;;) {
		struct pollfd fds[2] = {{from_fd, POLLIN, 0}, {*to_fd, POLLOUT, 0}};
		if (poll(fds, *to_fd >= 0 ? 2 : 1, -1) < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (*to_fd >= 0 && fds[1].revents) {
			ssize_t n = write(*to_fd, in + done, len - done);
			if (n < 0 && errno != EAGAIN && errno != EINTR)
				n = (ssize_t)(len - done); /* cpp stopped reading: give up writing */
			done += n > 0 ? (size_t)n : 0;
			if (done == len) {
				close(*to_fd);
				*to_fd = -1;
			}
		}
		if (fds[0].revents) {
			ssize_t n = read(from_fd, buf, sizeof(buf));
			if (n == 0)
				return 0;
			if (n < 0 && errno != EINTR && errno != EAGAIN)
				return -errno;
			if (n > 0)
				sb_putn(out, buf, (size_t)n);
		}
	}
}

char *cpp_run(const char *path, const char *text, const char *const *cpp_args, int nargs,
	      Diag *d)
{
	if (access(CPP_PATH, X_OK) != 0) {
		diag_error_nopos(d, "D_CPP", "cpp not found: install cpp (%s) to use -C", CPP_PATH);
		return NULL;
	}
	char **argv = cpp_argv(path, cpp_args, nargs);
	char *input = path ? xasprintf("# 1 \"%s\"\n%s", path, text) : xstrdup(text);
	StrBuf out = {0};
	int to_cpp = -1, from_cpp = -1, status = 0, err;
	struct sigaction ign = {.sa_handler = SIG_IGN}, old;
	sigaction(SIGPIPE, &ign, &old); /* cpp may exit before reading everything */
	pid_t pid = spawn(argv, &to_cpp, &from_cpp);
	err = pid < 0 ? (int)pid : pump(&to_cpp, from_cpp, input, strlen(input), &out);
	if (to_cpp >= 0)
		close(to_cpp);
	if (from_cpp >= 0)
		close(from_cpp);
	while (pid > 0 && waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	sigaction(SIGPIPE, &old, NULL);
	free_argv(argv);
	free(input);
	if (err < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		if (err < 0)
			diag_error_nopos(d, "D_CPP", "failed to run cpp: %s", strerror(-err));
		else
			diag_error_nopos(d, "D_CPP", "cpp failed (exit status %d)",
					 WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
		sb_free(&out);
		return NULL;
	}
	return out.s ? out.s : xstrdup("");
}
