/*
 * usdt - sys/sdt.h probes with known arguments, for USDT tests.  For i = 0
 * .. N-1 (N = argv[1], default 5; argv[2] = milliseconds to sleep before
 * each round): dtt:args(i, -i - 1, (unsigned char)(200 + i), 5,
 * arr[i % 4] read from memory), dtt:name__with__dashes(), and, only if its
 * is-enabled semaphore is set, dtt:report(i, semaphore).  Prints the
 * semaphore before and after the loop.  Built without systemtap-sdt-dev,
 * it has no probes and says so.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#if __has_include(<sys/sdt.h>)
#define _SDT_HAS_SEMAPHORES 1
#include <sys/sdt.h>
#define HAVE_SDT 1
#else
#define STAP_PROBE(p, n)
#define STAP_PROBE2(p, n, a, b)
#define STAP_PROBE5(p, n, a, b, c, d, e)
#define HAVE_SDT 0
#endif

#define SEMAPHORE(name) unsigned short name __attribute__((section(".probes"), used))
SEMAPHORE(dtt_report_semaphore);
SEMAPHORE(dtt_args_semaphore);
SEMAPHORE(dtt_name__with__dashes_semaphore);

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 5;
	long ms = argc > 2 ? atol(argv[2]) : 0;
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000};
	volatile long arr[4] = {1000, 2000, 3000, 4000};
	if (!HAVE_SDT)
		printf("no sys/sdt.h\n");
	printf("start %d\n", dtt_report_semaphore);
	fflush(stdout);
	for (int i = 0; i < n; i++) {
		if (ms)
			nanosleep(&ts, NULL);
		STAP_PROBE5(dtt, args, i, (long)-i - 1, (unsigned char)(200 + i), 5, arr[i % 4]);
		STAP_PROBE(dtt, name__with__dashes);
		if (dtt_report_semaphore)
			STAP_PROBE2(dtt, report, i, dtt_report_semaphore);
	}
	printf("end %d\n", dtt_report_semaphore);
	return 0;
}
