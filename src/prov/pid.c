/*
 * prov/pid.c - the pid provider: pid<PID>:<module>:<function>:entry and
 * :return for every function symbol of every file a process maps, and
 * :<hex offset> for its instructions.
 *
 * A description naming pid1234 makes the provider read /proc/1234/maps and,
 * for each mapped file whose name the module field matches (its basename
 * "libc.so.6", the short name "libc", or "a.out" for the executable), every
 * function symbol (usym.c) becomes an entry and a return probe, created
 * once per process and file.  A probe is a file and an offset in it
 * (UProbe): uprobes are placed by inode, so the kernel puts the
 * breakpoint in the process's own mapping of the file, and the pid filter
 * of the link keeps other processes that map the same library out.
 */
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fnmatch.h>
#include <unistd.h>

#include "umod.h"
#include "x86len.h"

/*
 * Whether the kernel can place a uprobe on the instruction at off: x86's
 * uprobes refuse a LOCK or segment-override prefix, VEX and EVEX
 * instructions, int3, hlt and what is invalid in 64-bit mode, so such
 * instructions get no probes, as DTrace creates none where it cannot
 * instrument.  (What this misses, load.c finds when attaching.)
 */
static bool probeable(int fd, int64_t off)
{
	uint8_t b[16];
	ssize_t n = pread(fd, b, sizeof(b), off);
	if (n <= 0 || x86_insn_len(b, (size_t)n) < 0)
		return false;
	static const uint8_t ok_prefix[] = {0x66, 0x67, 0xf2, 0xf3, 0x64, 0x65};
	static const uint8_t bad_prefix[] = {0xf0, 0x26, 0x2e, 0x36, 0x3e};
	int i = 0;
	while (i < n && (memchr(ok_prefix, b[i], sizeof(ok_prefix)) || (b[i] & 0xf0) == 0x40))
		i++;
	if (i < n && memchr(bad_prefix, b[i], sizeof(bad_prefix)))
		return false; /* a bad prefix among the others */
	return i < n && b[i] != 0xc4 && b[i] != 0xc5 && b[i] != 0x62 && b[i] != 0xcc &&
	       b[i] != 0xf4;
}

static void add_probe(ProbeTab *tab, const char *prv, const UMod *m, const char *func,
		      const char *name, ProbeKind kind, uint64_t off)
{
	probe_add_prv(tab, &prov_pid, prv, m->base, func, name, kind, umod_uprobe(m, off));
}

static void add_func_probes(ProbeTab *tab, const char *prv, UMod *m)
{
	const UElf *u = m->elf;
	int fd = open(m->path, O_RDONLY | O_CLOEXEC);
	for (int i = 0; fd >= 0 && i < u->nsyms; i++) {
		int64_t off = usym_elf_off(u, u->syms[i].addr);
		if (off < 0 || !probeable(fd, off))
			continue;
		add_probe(tab, prv, m, u->syms[i].name, "entry", PK_UPROBE_ENTRY, (uint64_t)off);
		add_probe(tab, prv, m, u->syms[i].name, "return", PK_UPROBE_RETURN, (uint64_t)off);
	}
	if (fd >= 0)
		close(fd);
}

/*
 * One probe per instruction of symbol i, named by its offset in hex ("1c"),
 * found by decoding from the function's start (x86len.c), so that only
 * instruction boundaries get probes.
 */
static void add_offset_probes(ProbeTab *tab, const char *prv, UMod *m, int fd, int i)
{
	const USym *sym = &m->elf->syms[i];
	int64_t off = usym_elf_off(m->elf, sym->addr);
	size_t size = sym->size ? (size_t)sym->size : 1;
	if (off < 0 || size > (1u << 20))
		return;
	uint8_t *code = xmalloc(size);
	ssize_t got = pread(fd, code, size, off);
	for (size_t o = 0; got > 0 && o < (size_t)got;) {
		int len = x86_insn_len(code + o, (size_t)got - o);
		if (len < 0 && o > 0)
			break;
		if (probeable(fd, off + (int64_t)o)) {
			char name[24];
			snprintf(name, sizeof(name), "%zx", o);
			add_probe(tab, prv, m, sym->name, name, PK_UPROBE_ENTRY, (uint64_t)off + o);
		}
		o += len > 0 ? (size_t)len : size;
	}
	free(code);
}

/*
 * Offset probes are made for the functions a description names when its
 * name is an offset (pid1:a.out:main:1c), or when it names functions and
 * leaves the probe name open (pid1::main:); not for pid1:::, which would
 * mean one probe per instruction of every library.
 */
static bool wants_offsets(const ProbeDesc *pd)
{
	const char *n = pd->name;
	if (n[0] && strspn(n, "0123456789abcdefABCDEF") == strlen(n))
		return true;
	return pd->func[0] && (!n[0] || (strpbrk(n, "*?[") && fnmatch(n, "entry", 0) &&
					 fnmatch(n, "return", 0)));
}

static void provide_offsets(ProbeTab *tab, const ProbeDesc *pd, UMod *m)
{
	int fd = open(m->path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	for (int i = 0; i < m->elf->nsyms; i++) {
		if (m->offsets[i] || !umod_pat_matches(pd->func, m->elf->syms[i].name))
			continue;
		m->offsets[i] = true;
		add_offset_probes(tab, pd->prv, m, fd, i);
	}
	close(fd);
}

/* Entry and return probes of every function of m, then the offsets the description asks for. */
static void provide_module(ProbeTab *tab, const ProbeDesc *pd, UMod *m)
{
	if (!m->funcs)
		add_func_probes(tab, pd->prv, m);
	m->funcs = true;
	if (wants_offsets(pd))
		provide_offsets(tab, pd, m);
}

static void pid_provide(ProbeTab *tab, const ProbeDesc *pd)
{
	if (strncmp(pd->prv, "pid", 3) != 0 || pd->prv[3] < '1' || pd->prv[3] > '9')
		return;
	umod_each(tab, pd, atoi(pd->prv + 3), provide_module);
}

const Provider prov_pid = {
	.name = "pid",
	.provide = pid_provide,
	.per_process = true,
	.mod_matches = umod_probe_mod_matches,
};
