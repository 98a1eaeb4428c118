/*
 * ustack - a known user stack for ustack() tests: main -> ustack_f ->
 * ustack_g, N times (argv[1], default 3).  Built with frame pointers (the
 * kernel walks user stacks by them) and no inlining.
 */
#include <stdlib.h>

#define FRAME __attribute__((noinline, optimize("no-omit-frame-pointer")))

FRAME int ustack_g(int x)
{
	__asm__ volatile("" ::: "memory");
	return x + 1;
}

FRAME int ustack_f(int x)
{
	int r = ustack_g(x) * 2;
	__asm__ volatile("" ::: "memory");
	return r;
}

FRAME int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 3, sum = 0;
	for (int i = 0; i < n; i++)
		sum += ustack_f(i);
	return sum == n * (n + 1) ? 0 : 1;
}
