/*
 * ufunc - a known sequence of user function calls for pid provider tests:
 * calls ufunc_add(i, 2 * i) for i = 0 .. N-1 (N = argv[1], default 10),
 * which returns 3 * i, and ufunc_leaf() once at the end; with argv[2],
 * sleeps that many milliseconds before each call (for -p tests).  Exits 0
 * when the sums agree, so a probe that corrupts a call shows in the status.
 */
#include <stdlib.h>
#include <time.h>

__attribute__((noinline)) int ufunc_add(int a, long b)
{
	__asm__ volatile("" ::: "memory");
	return a + (int)b;
}

__attribute__((noinline)) void ufunc_leaf(void)
{
	__asm__ volatile("" ::: "memory");
}

/*
 * Never called: its first instruction (mov to %ss) is one the kernel will
 * not place a uprobe on, which dtrace finds only when attaching.
 */
__attribute__((naked, used)) void ufunc_odd(void)
{
	__asm__("mov %eax, %ss\n\tret");
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 10;
	long ms = argc > 2 ? atol(argv[2]) : 0;
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000};
	long sum = 0;
	for (int i = 0; i < n; i++) {
		if (ms)
			nanosleep(&ts, NULL);
		sum += ufunc_add(i, 2L * i);
	}
	ufunc_leaf();
	return sum == 3L * n * (n - 1) / 2 ? 0 : 1;
}
