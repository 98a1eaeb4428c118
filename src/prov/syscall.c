/*
 * prov/syscall.c - the syscall provider: syscall::<name>:entry and :return
 * for every system call of this architecture (the table is generated at
 * build time from <asm/unistd.h>).
 *
 * All entry probes share one program on the raw tracepoint sys_enter, and all
 * return probes one on sys_exit; the program looks the system call number up
 * in a map that says which probe it is and which clauses run.  So enabling
 * syscall:::entry attaches one link, not hundreds of tracepoints, and tearing
 * it down costs one RCU grace period, not one per probe.
 */
#include <stdio.h>

#include "probe.h"
#include "tracefs.h"

static const struct {
	const char *name;
	int nr;
} syscalls[] = {
#define SYSCALL(name, nr) {#name, nr},
#include "syscalls.h"
#undef SYSCALL
};

static void syscall_populate(ProbeTab *tab)
{
	for (size_t i = 0; i < ARRAY_SIZE(syscalls); i++) {
		probe_add(tab, &prov_syscall, "vmlinux", syscalls[i].name, "entry",
			  PK_SYSCALL_ENTRY, (uint64_t)syscalls[i].nr)->listed = true;
		probe_add(tab, &prov_syscall, "vmlinux", syscalls[i].name, "return",
			  PK_SYSCALL_RETURN, (uint64_t)syscalls[i].nr)->listed = true;
	}
}

int prov_syscall_max_nr(void)
{
	int max = 0;
	for (size_t i = 0; i < ARRAY_SIZE(syscalls); i++)
		max = syscalls[i].nr > max ? syscalls[i].nr : max;
	return max;
}

/*
 * Entry: the system call's parameters as the kernel declares them (the
 * format file of its sys_enter_<name> tracepoint); pointers point into the
 * calling process.  Return: arg0 and arg1 are the return value.
 */
static int syscall_argtypes(const Probe *p, struct TypeSpace *ts, struct Type **out, int max)
{
	if (p->kind == PK_SYSCALL_RETURN) {
		for (int i = 0; i < 2 && i < max; i++)
			out[i] = &ty_long;
		return max < 2 ? max : 2;
	}
	char event[96];
	snprintf(event, sizeof(event), "sys_enter_%s", p->func);
	return tfs_argtypes(ts, "syscalls", event, true, out, max);
}

const Provider prov_syscall = {
	.name = "syscall",
	.populate = syscall_populate,
	.argtypes = syscall_argtypes,
};
