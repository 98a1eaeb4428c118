/*
 * floor KIND TARGET [FUNC] - the physical floor of the per-firing benchmarks:
 * an empty BPF program ("r0 = 0; exit", named bench_floor) on the same
 * attach point a tracer would use, and nothing else (no maps, no output).
 *
 *   floor raw sys_enter              raw tracepoint (what dtrace's syscall provider uses)
 *   floor tp syscalls/sys_enter_getppid   tracepoint through a perf event (bpftrace's way)
 *   floor uprobe PATH FUNC           uprobe on an ELF symbol
 *   floor uretprobe PATH FUNC        uretprobe on it
 *
 * It behaves like a tracer for bench/meter: prints "READY" once attached,
 * waits for SIGINT or SIGTERM, then closes everything and exits 0.  Every
 * failure says what failed and exits 1.  Uses libbpf's low-level API and
 * libelf only, so it needs no compiler for BPF.
 */
#include <bpf/bpf.h>
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <linux/perf_event.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

static volatile sig_atomic_t g_stop;

static void on_signal(int sig)
{
	(void)sig;
	g_stop = 1;
}

static int fail(const char *what, int err)
{
	fprintf(stderr, "floor: %s: %s\n", what, strerror(err));
	exit(1);
}

static int empty_prog(enum bpf_prog_type type)
{
	struct bpf_insn insns[2] = {
		{.code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0, .imm = 0},
		{.code = BPF_JMP | BPF_EXIT},
	};
	int fd = bpf_prog_load(type, "bench_floor", "GPL", insns, 2, NULL);
	return fd < 0 ? fail("loading the empty program", -fd) : fd;
}

/* A small sysfs/tracefs file holding one number; for formats "config:N" the N. */
static long read_num(const char *path)
{
	char buf[64] = {0};
	int fd = open(path, O_RDONLY);
	if (fd < 0 || read(fd, buf, sizeof(buf) - 1) <= 0)
		fail(path, errno);
	close(fd);
	char *p = strchr(buf, ':');
	return strtol(p ? p + 1 : buf, NULL, 10);
}

/* The file offset of FUNC in the ELF file PATH: its address mapped through PT_LOAD. */
static long func_offset(const char *path, const char *func)
{
	elf_version(EV_CURRENT);
	int fd = open(path, O_RDONLY);
	Elf *e = fd < 0 ? NULL : elf_begin(fd, ELF_C_READ, NULL);
	if (!e)
		fail(path, fd < 0 ? errno : EINVAL);
	long addr = -1, off = -1;
	for (Elf_Scn *s = NULL; addr < 0 && (s = elf_nextscn(e, s));) {
		GElf_Shdr sh;
		if (!gelf_getshdr(s, &sh) || (sh.sh_type != SHT_SYMTAB && sh.sh_type != SHT_DYNSYM))
			continue;
		Elf_Data *d = elf_getdata(s, NULL);
		for (size_t i = 0; d && i < sh.sh_size / sh.sh_entsize; i++) {
			GElf_Sym sym;
			const char *n = gelf_getsym(d, (int)i, &sym)
					    ? elf_strptr(e, sh.sh_link, sym.st_name) : NULL;
			if (n && !strcmp(n, func) && GELF_ST_TYPE(sym.st_info) == STT_FUNC &&
			    sym.st_value) {
				addr = (long)sym.st_value;
				break;
			}
		}
	}
	size_t nph = 0;
	elf_getphdrnum(e, &nph);
	for (size_t i = 0; addr >= 0 && i < nph; i++) {
		GElf_Phdr ph;
		if (gelf_getphdr(e, (int)i, &ph) && ph.p_type == PT_LOAD &&
		    (GElf_Addr)addr >= ph.p_vaddr && (GElf_Addr)addr < ph.p_vaddr + ph.p_filesz)
			off = addr - (long)ph.p_vaddr + (long)ph.p_offset;
	}
	elf_end(e);
	close(fd);
	if (off < 0)
		fail(func, ENOENT);
	return off;
}

/* A perf event of the given PMU type and config with the program attached and enabled. */
static int perf_attach(struct perf_event_attr *a, int prog)
{
	a->size = sizeof(*a);
	a->sample_period = 1;
	a->wakeup_events = 1;
	int pfd = (int)syscall(SYS_perf_event_open, a, -1, 0, -1, PERF_FLAG_FD_CLOEXEC);
	if (pfd < 0)
		fail("perf_event_open", errno);
	if (ioctl(pfd, PERF_EVENT_IOC_SET_BPF, prog) || ioctl(pfd, PERF_EVENT_IOC_ENABLE, 0))
		fail("attaching the program to the perf event", errno);
	return pfd;
}

static int attach(const char *kind, const char *target, const char *func)
{
	struct perf_event_attr a = {0};
	char path[512];
	if (!strcmp(kind, "raw")) {
		int fd = bpf_raw_tracepoint_open(target, empty_prog(BPF_PROG_TYPE_RAW_TRACEPOINT));
		return fd < 0 ? fail("opening the raw tracepoint", -fd) : fd;
	}
	if (!strcmp(kind, "tp")) {
		snprintf(path, sizeof(path), "/sys/kernel/tracing/events/%s/id", target);
		a.type = PERF_TYPE_TRACEPOINT;
		a.config = (unsigned long)read_num(path);
		return perf_attach(&a, empty_prog(BPF_PROG_TYPE_TRACEPOINT));
	}
	int ret = !strcmp(kind, "uretprobe");
	if ((!ret && strcmp(kind, "uprobe")) || !func)
		fail(kind, EINVAL);
	a.type = (unsigned)read_num("/sys/bus/event_source/devices/uprobe/type");
	if (ret)
		a.config = 1UL << read_num("/sys/bus/event_source/devices/uprobe/format/retprobe");
	a.config1 = (unsigned long)target;
	a.config2 = (unsigned long)func_offset(target, func);
	return perf_attach(&a, empty_prog(BPF_PROG_TYPE_KPROBE));
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: floor raw|tp|uprobe|uretprobe TARGET [FUNC]\n");
		return 2;
	}
	struct sigaction act = {.sa_handler = on_signal};
	sigaction(SIGINT, &act, NULL);
	sigaction(SIGTERM, &act, NULL);
	int fd = attach(argv[1], argv[2], argc > 3 ? argv[3] : NULL);
	printf("READY\n");
	fflush(stdout);
	while (!g_stop)
		pause();
	close(fd);
	return 0;
}
