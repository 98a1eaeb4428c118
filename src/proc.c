/*
 * proc.c - the processes a session traces: `-c cmd` (created) and `-p pid`
 * (grabbed).  It gives the handle their pids ($target is the last one) and
 * tells the consumer when one exits.
 *
 * A created process is started under ptrace and held at its ELF entry point
 * (AT_ENTRY): the dynamic linker has mapped every library by then, so the
 * pid provider can read /proc/PID/maps and place its probes, yet not one
 * instruction of the program itself has run.  dtrace_proc_continue()
 * detaches, and it runs.  A grabbed process is never stopped: uprobes are
 * placed in its files while it runs, which Linux allows (DTrace stops it
 * while it creates the probes).
 *
 * Exits are seen through pidfds (readable when the process ends), which
 * dtrace_sleep() waits on beside the ring buffer.  Nothing here may leak a
 * descriptor into a child: every fd is CLOEXEC, and processes are created
 * before any BPF object exists.
 */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

#include "hdl.h"

struct DtProc {
	pid_t pid;
	int pidfd;
	bool created; /* -c: ours to reap and to kill at close */
	bool stopped; /* held under ptrace at its entry point */
	bool live;
};

static int pidfd_open(pid_t pid)
{
	return (int)syscall(SYS_pidfd_open, pid, 0);
}

static DtProc *proc_add(dtrace_hdl_t *dtp, pid_t pid, bool created)
{
	DtProc *p = xcalloc(1, sizeof(*p));
	p->pid = pid;
	p->created = created;
	p->live = true;
	p->pidfd = pidfd_open(pid);
	vec_push(&dtp->procs, p);
	dtp->target = pid;
	return p;
}

static DtProc *proc_find(dtrace_hdl_t *dtp, pid_t pid)
{
	for (int i = 0; i < dtp->procs.len; i++) {
		DtProc *p = dtp->procs.data[i];
		if (p->pid == pid)
			return p;
	}
	return NULL;
}

/* The entry point of the program a stopped process has just exec'ed. */
static uint64_t auxv_entry(pid_t pid)
{
	char path[64];
	snprintf(path, sizeof(path), "/proc/%d/auxv", (int)pid);
	size_t len;
	char *buf = read_file(path, &len);
	uint64_t entry = 0;
	for (size_t i = 0; buf && i + 16 <= len; i += 16) {
		uint64_t v[2];
		memcpy(v, buf + i, 16);
		if (v[0] == AT_ENTRY)
			entry = v[1];
	}
	free(buf);
	return entry;
}

/* Wait for the traced child to stop with SIGTRAP, passing other signals on. */
static int wait_trap(pid_t pid)
{
	for (;;) {
		int st;
		if (waitpid(pid, &st, 0) < 0)
			return -errno;
		if (!WIFSTOPPED(st))
			return -ECHILD;
		if (WSTOPSIG(st) == SIGTRAP)
			return 0;
		if (ptrace(PTRACE_CONT, pid, 0, (void *)(long)WSTOPSIG(st)) < 0)
			return -errno;
	}
}

/*
 * From the exec stop to the entry point: a breakpoint there, run the
 * dynamic linker, then put the instruction back and the PC on it.
 */
static int run_to_entry(pid_t pid)
{
	uint64_t entry = auxv_entry(pid);
	if (!entry)
		return -ENOEXEC;
	errno = 0;
	long word = ptrace(PTRACE_PEEKTEXT, pid, (void *)entry, 0);
	if (errno)
		return -errno;
	long trap = (word & ~0xffL) | 0xcc;
	if (ptrace(PTRACE_POKETEXT, pid, (void *)entry, (void *)trap) < 0 ||
	    ptrace(PTRACE_CONT, pid, 0, 0) < 0)
		return -errno;
	int err = wait_trap(pid);
	if (err)
		return err;
	struct user_regs_struct regs;
	if (ptrace(PTRACE_POKETEXT, pid, (void *)entry, (void *)word) < 0 ||
	    ptrace(PTRACE_GETREGS, pid, 0, &regs) < 0)
		return -errno;
	regs.rip = entry;
	return ptrace(PTRACE_SETREGS, pid, 0, &regs) < 0 ? -errno : 0;
}

/* The child: be traced, exec, or report why exec failed through the pipe. */
static _Noreturn void child_exec(int errfd, const char *file, char *const argv[])
{
	ptrace(PTRACE_TRACEME, 0, 0, 0);
	execvp(file, argv);
	int e = errno;
	if (write(errfd, &e, sizeof(e)) < 0)
		_exit(127);
	_exit(127);
}

int dtrace_proc_create(dtrace_hdl_t *dtp, const char *file, char *const argv[], int *pidp)
{
	int pfd[2];
	if (pipe2(pfd, O_CLOEXEC) < 0)
		return dt_set_err(dtp, errno, "failed to create a pipe: %s", strerror(errno));
	pid_t pid = fork();
	if (pid < 0) {
		close(pfd[0]);
		close(pfd[1]);
		return dt_set_err(dtp, errno, "failed to fork: %s", strerror(errno));
	}
	if (pid == 0)
		child_exec(pfd[1], file, argv);
	close(pfd[1]);
	int e = 0;
	ssize_t n = read(pfd[0], &e, sizeof(e));
	close(pfd[0]);
	if (n == (ssize_t)sizeof(e)) {
		waitpid(pid, NULL, 0);
		return dt_set_err(dtp, e, "failed to execute %s: %s", file, strerror(e));
	}
	int err = wait_trap(pid);
	if (!err)
		err = run_to_entry(pid);
	if (err) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		return dt_set_err(dtp, -err, "failed to start %s: %s", file, strerror(-err));
	}
	proc_add(dtp, pid, true)->stopped = true;
	usym_cache_snap(&dtp->ucache, pid); /* its stacks may print after it exits */
	if (pidp)
		*pidp = pid;
	return 0;
}

int dtrace_proc_grab(dtrace_hdl_t *dtp, int pid)
{
	if (pid <= 0 || kill(pid, 0) < 0)
		return dt_set_err(dtp, pid <= 0 ? ESRCH : errno, "failed to grab pid %d: %s", pid,
				  strerror(pid <= 0 ? ESRCH : errno));
	DtProc *p = proc_add(dtp, pid, false);
	usym_cache_snap(&dtp->ucache, pid);
	if (p->pidfd < 0)
		return dt_set_err(dtp, errno, "failed to watch pid %d: %s", pid, strerror(errno));
	return 0;
}

int dtrace_proc_continue(dtrace_hdl_t *dtp, int pid)
{
	DtProc *p = proc_find(dtp, pid);
	if (!p)
		return dt_set_err(dtp, ESRCH, "pid %d is not a process of this session", pid);
	if (p->stopped && ptrace(PTRACE_DETACH, pid, 0, 0) < 0)
		return dt_set_err(dtp, errno, "failed to resume pid %d: %s", pid, strerror(errno));
	p->stopped = false;
	return 0;
}

int dtrace_handle_proc(dtrace_hdl_t *dtp, dtrace_prochandler_f *fn, void *arg)
{
	dtp->prochandler = fn;
	dtp->procarg = arg;
	return 0;
}

/* Wait up to ms for a record or a traced process's exit. */
void proc_wait(dtrace_hdl_t *dtp, int ring_fd, int ms)
{
	struct pollfd fds[65];
	int n = 0;
	fds[n++] = (struct pollfd){.fd = ring_fd, .events = POLLIN};
	for (int i = 0; i < dtp->procs.len && n < 65; i++) {
		DtProc *p = dtp->procs.data[i];
		if (p->live && p->pidfd >= 0)
			fds[n++] = (struct pollfd){.fd = p->pidfd, .events = POLLIN};
	}
	poll(fds, (nfds_t)n, ms);
}

/* Report each traced process that has ended since the last call (reaping ours). */
void proc_check(dtrace_hdl_t *dtp)
{
	for (int i = 0; i < dtp->procs.len; i++) {
		DtProc *p = dtp->procs.data[i];
		if (!p->live)
			continue;
		struct pollfd pf = {.fd = p->pidfd, .events = POLLIN};
		bool gone = p->pidfd >= 0 ? poll(&pf, 1, 0) > 0 : kill(p->pid, 0) < 0;
		if (!gone)
			continue;
		int st = 0;
		if (p->created)
			waitpid(p->pid, &st, 0);
		p->live = false;
		if (dtp->prochandler)
			dtp->prochandler(dtp, p->pid, st, dtp->procarg);
	}
}

/* Created processes do not outlive the session, as in DTrace; grabbed ones are left alone. */
void proc_close(dtrace_hdl_t *dtp)
{
	for (int i = 0; i < dtp->procs.len; i++) {
		DtProc *p = dtp->procs.data[i];
		if (p->created && p->live) {
			kill(p->pid, SIGKILL);
			waitpid(p->pid, NULL, 0);
		}
		if (p->pidfd >= 0)
			close(p->pidfd);
		free(p);
	}
	vec_free(&dtp->procs);
	usym_cache_free(&dtp->ucache);
}
