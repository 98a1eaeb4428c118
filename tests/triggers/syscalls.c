/*
 * syscalls N - a bounded, known sequence of system calls for probe tests:
 * wait a second (for dtrace to attach), call getppid() N times, then
 * openat() a file that does not exist (ENOENT), then exit 0.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 1000;
	usleep(argc > 2 ? atol(argv[2]) * 1000 : 1000000);
	for (long i = 0; i < n; i++)
		syscall(SYS_getppid);
	return openat(AT_FDCWD, "/nonexistent/dtrace-trigger", O_RDONLY) < 0 ? 0 : 1;
}
