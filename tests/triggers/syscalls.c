/*
 * syscalls N - a bounded, known sequence of system calls for probe tests:
 * wait a second (for dtrace to attach), call getppid() N times, then
 * openat() a file that does not exist (ENOENT), then exit 0.  The path is
 * on the stack: a BPF program at syscall entry cannot fault in a page the
 * process has not touched yet, e.g. a string constant's (see FEATURES.md,
 * copyinstr).
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 1000;
	usleep(argc > 2 ? atol(argv[2]) * 1000 : 1000000);
	for (long i = 0; i < n; i++)
		syscall(SYS_getppid);
	char path[64];
	strcpy(path, "/nonexistent/dtrace-trigger");
	return openat(AT_FDCWD, path, O_RDONLY) < 0 ? 0 : 1;
}
