/*
 * meter [-e ERRFILE] [-m PREFIX] [-p] [-t SECS] [-w MS] -- TRACER... [-- TRIGGER...]
 *
 * Runs one tracer the same way for every tracer the benchmarks compare, and
 * measures it from the outside.  The tracer's script prints a line "READY"
 * from BEGIN (both dtrace and bpftrace fire BEGIN once their probes are
 * attached); meter then runs the trigger, waits for it, waits MS more (-w,
 * time for the consumer to drain what is in flight), sends the tracer SIGINT
 * and reads its stdout to the end.  Without a trigger it waits for the
 * tracer to exit on its own.  It prints "key=value" lines on stdout:
 *
 *   ready_ms    tracer start to READY (start-up and attach)
 *   lines       stdout lines after READY (only those starting with PREFIX, with -m);
 *               with -p every line but READY is also echoed, "out " first
 *   span_ms     first to last of those lines
 *   stop_ms     SIGINT (or the trigger's end, without one) to end of the tracer's output
 *   maxrss_kb   the tracer's peak RSS (wait4; the trigger is not its child)
 *   status      the tracer's exit status; timeout=1 if -t SECS ran out (default 60)
 *
 * The trigger's own stdout passes through.  The tracer's stderr goes to
 * ERRFILE (-e), where the driver reads drop reports.  Nothing is left
 * running: on a timeout both processes are killed.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

typedef struct {
	int fd;			/* the tracer's stdout */
	int echo;		/* -p */
	const char *mark;	/* -m */
	int ready;		/* READY seen */
	long lines, t_first, t_last;
	char buf[8192];		/* the current partial line */
	size_t len;
} Out;

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static pid_t spawn(char **argv, int out_fd, const char *errfile)
{
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0) {
		perror("meter: fork");
		exit(1);
	}
	if (pid > 0)
		return pid;
	if (out_fd >= 0)
		dup2(out_fd, 1);
	if (errfile) {
		int fd = open(errfile, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (fd >= 0)
			dup2(fd, 2);
	}
	execvp(argv[0], argv);
	fprintf(stderr, "meter: cannot run %s: %s\n", argv[0], strerror(errno));
	_exit(127);
}

static void line_done(Out *o, double t)
{
	o->buf[o->len < sizeof(o->buf) ? o->len : sizeof(o->buf) - 1] = 0;
	int ready = !strcmp(o->buf, "READY");
	if (o->echo && !ready)
		printf("out %s\n", o->buf);
	if (!o->ready) {
		o->ready = ready;
	} else if (!o->mark || !strncmp(o->buf, o->mark, strlen(o->mark))) {
		if (!o->lines++)
			o->t_first = (long)(t * 1000);
		o->t_last = (long)(t * 1000);
	}
	o->len = 0;
}

/* Reads what is there; returns 0 at end of file. */
static int drain(Out *o)
{
	char chunk[65536];
	ssize_t n = read(o->fd, chunk, sizeof(chunk));
	if (n < 0)
		return errno == EINTR || errno == EAGAIN;
	double t = now_ms();
	for (ssize_t i = 0; i < n; i++) {
		if (chunk[i] == '\n')
			line_done(o, t);
		else if (o->len < sizeof(o->buf) - 1)
			o->buf[o->len++] = chunk[i];
	}
	return n > 0;
}

/* Reads the tracer's output until end of file, the trigger's exit, or the deadline. */
static int pump(Out *o, int pidfd, double deadline, int *eof)
{
	struct pollfd p[2] = {{o->fd, POLLIN, 0}, {pidfd, POLLIN, 0}};
	while (!*eof) {
		if (now_ms() > deadline)
			return -1;
		if (poll(p, pidfd >= 0 ? 2 : 1, 100) < 0 && errno != EINTR)
			return -1;
		if (p[0].revents && !drain(o))
			*eof = 1;
		if (pidfd >= 0 && p[1].revents)
			return 0;
	}
	return 0;
}

static int wait_ready(Out *o, double deadline, int *eof)
{
	struct pollfd p = {o->fd, POLLIN, 0};
	while (!o->ready) {
		if (*eof || now_ms() > deadline)
			return -1;
		if (poll(&p, 1, 100) > 0 && !drain(o))
			*eof = 1;
	}
	return 0;
}

static void usage(void)
{
	fprintf(stderr, "usage: meter [-e ERRFILE] [-m PREFIX] [-p] [-t SECS] [-w MS] -- TRACER... "
			"[-- TRIGGER...]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	const char *errfile = NULL;
	double secs = 60, wait_ms = 0;
	Out o = {0};
	int c, eof = 0, timeout = 0, status = 0;
	while ((c = getopt(argc, argv, "e:m:pt:w:")) != -1) {
		switch (c) {
		case 'e': errfile = optarg; break;
		case 'm': o.mark = optarg; break;
		case 'p': o.echo = 1; break;
		case 't': secs = atof(optarg); break;
		case 'w': wait_ms = atof(optarg); break;
		default: usage();
		}
	}
	char **tracer = argv + optind, **trigger = NULL;
	if (!*tracer)
		usage();
	for (char **a = tracer; *a; a++)
		if (!strcmp(*a, "--")) {
			*a = NULL;
			trigger = a + 1;
			break;
		}
	int fds[2];
	if (pipe2(fds, O_CLOEXEC)) {
		perror("meter: pipe");
		return 1;
	}
	signal(SIGPIPE, SIG_IGN);
	double t0 = now_ms(), deadline = t0 + secs * 1000;
	pid_t tpid = spawn(tracer, fds[1], errfile);
	close(fds[1]);
	o.fd = fds[0];
	if (wait_ready(&o, deadline, &eof)) {
		timeout = !eof;
		goto out;
	}
	printf("ready_ms=%.1f\n", now_ms() - t0);
	if (trigger && *trigger) {
		pid_t gpid = spawn(trigger, -1, NULL);
		int pidfd = (int)syscall(SYS_pidfd_open, gpid, 0);
		if (pidfd < 0 || pump(&o, pidfd, deadline, &eof)) {
			kill(gpid, SIGKILL);
			timeout = 1;
		}
		waitpid(gpid, &status, 0);
		if (WIFEXITED(status) && WEXITSTATUS(status))
			printf("trigger_status=%d\n", WEXITSTATUS(status));
		double until = now_ms() + wait_ms;
		while (!eof && now_ms() < until)
			pump(&o, -1, until, &eof);
		kill(tpid, SIGINT);
	}
	double t_stop = now_ms();
	while (!eof && !timeout)
		timeout = pump(&o, -1, deadline, &eof) < 0;
	printf("stop_ms=%.1f\n", now_ms() - t_stop);
out:
	if (timeout)
		kill(tpid, SIGKILL);
	struct rusage ru;
	wait4(tpid, &status, 0, &ru);
	printf("lines=%ld\nspan_ms=%ld\nmaxrss_kb=%ld\nstatus=%d\n", o.lines,
	       (o.t_last - o.t_first) / 1000, ru.ru_maxrss,
	       WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
	if (timeout)
		printf("timeout=1\n");
	return 0;
}
