/*
 * hot MODE ARGS - the trigger programs of the benchmarks: bounded loops that
 * make events at a known count, and report what the loop cost on stdout as
 * "key=value" lines for bench/run.sh.  No tracing of its own; loopback only
 * (it makes system calls and function calls, never network traffic).
 *
 *   hot getppid N        N getppid() calls: ns_per_call
 *   hot getpid N         N getpid() calls (a syscall nobody traces): ns_per_call
 *   hot uprobe N         N calls of the non-inlined function f() (and one before): ns_per_call
 *   hot paced RATE SECS  getppid() at RATE calls/s for SECS s, in 1 ms batches
 *   hot keys N           getpgid(1000000 + i) for i < N: N distinct arg0 values
 *   hot sleep MS         sleep MS milliseconds (a target for attach timing)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static long now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000L + ts.tv_nsec;
}

/* The probed function: noinline and with a side effect, so every call stays a call. */
__attribute__((noinline)) int f(int x)
{
	__asm__ volatile("" ::: "memory");
	return x + 1;
}

static void report(const char *what, long n, long ns)
{
	printf("calls=%ld\nns_per_call=%.1f\n", n, n ? (double)ns / (double)n : 0.0);
	fprintf(stderr, "hot %s: %ld calls in %.3f s\n", what, n, (double)ns / 1e9);
}

static void loop_syscall(long nr, const char *what, long n)
{
	long t0 = now_ns();
	for (long i = 0; i < n; i++)
		syscall(nr);
	report(what, n, now_ns() - t0);
}

static void loop_calls(long n)
{
	int x = f(0); /* fault the page in outside the timed loop */
	long t0 = now_ns();
	for (long i = 0; i < n; i++)
		x = f(x);
	report("uprobe", n, now_ns() - t0);
}

/*
 * RATE calls a second, paced against absolute 1 ms deadlines so that a slow
 * batch does not shift the ones after it.  Prints what it achieved.
 */
static void paced(long rate, long secs)
{
	long per_ms = rate / 1000, made = 0, t0 = now_ns();
	struct timespec next;
	clock_gettime(CLOCK_MONOTONIC, &next);
	for (long ms = 0; ms < secs * 1000; ms++) {
		for (long i = 0; i < per_ms; i++)
			syscall(SYS_getppid);
		made += per_ms;
		next.tv_nsec += 1000000;
		if (next.tv_nsec >= 1000000000) {
			next.tv_nsec -= 1000000000;
			next.tv_sec++;
		}
		clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL);
	}
	long ns = now_ns() - t0;
	printf("calls=%ld\nseconds=%.3f\nrate=%.0f\n", made, (double)ns / 1e9,
	       (double)made * 1e9 / (double)ns);
}

static void keys(long n)
{
	for (long i = 0; i < n; i++)
		syscall(SYS_getpgid, 1000000 + i);
	printf("calls=%ld\n", n);
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: hot getppid|getpid|uprobe|keys N | paced RATE SECS | "
				"sleep MS\n");
		return 2;
	}
	const char *m = argv[1];
	long n = atol(argv[2]);
	if (!strcmp(m, "getppid"))
		loop_syscall(SYS_getppid, m, n);
	else if (!strcmp(m, "getpid"))
		loop_syscall(SYS_getpid, m, n);
	else if (!strcmp(m, "uprobe"))
		loop_calls(n);
	else if (!strcmp(m, "paced") && argc > 3)
		paced(n, atol(argv[3]));
	else if (!strcmp(m, "keys"))
		keys(n);
	else if (!strcmp(m, "sleep"))
		usleep((useconds_t)n * 1000);
	else {
		fprintf(stderr, "hot: unknown mode '%s'\n", m);
		return 2;
	}
	return 0;
}
