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

#include "probe.h"
#include "usym.h"
#include "x86len.h"

/* One file of one process whose probes exist. */
typedef struct PidMod {
	int pid;
	char *path;
	const char *base;
	char *alias[2]; /* "a.out" for the executable; the short name if it differs */
	UElf *elf;
	bool *offsets;  /* per symbol: its instruction-offset probes exist */
} PidMod;

static bool pat_matches(const char *pat, const char *s)
{
	return pat[0] == '\0' || (s && fnmatch(pat, s, 0) == 0);
}

static bool pid_mod_matches(const Probe *p, const char *pat)
{
	const UProbe *u = p->data;
	return pat_matches(pat, u->alias[0]) || pat_matches(pat, u->alias[1]);
}

static PidMod *mod_find(Vec *mods, int pid, const char *path)
{
	for (int i = 0; i < mods->len; i++) {
		PidMod *m = mods->data[i];
		if (m->pid == pid && !strcmp(m->path, path))
			return m;
	}
	return NULL;
}

/*
 * Whether the kernel can place a uprobe on the instruction at off: x86's
 * uprobes refuse a LOCK or segment-override prefix, int3 and hlt (the
 * whole multi-uprobe link fails then), so such functions get no probes,
 * as DTrace creates none where it cannot instrument.
 */
static bool probeable(int fd, int64_t off)
{
	unsigned char c;
	if (pread(fd, &c, 1, off) != 1)
		return false;
	return c != 0xf0 && c != 0x26 && c != 0x2e && c != 0x36 && c != 0x3e && c != 0xcc &&
	       c != 0xf4;
}

static void add_probe(ProbeTab *tab, const char *prv, const PidMod *m, const char *func,
		      const char *name, ProbeKind kind, uint64_t off)
{
	UProbe *up = xcalloc(1, sizeof(*up));
	up->pid = m->pid;
	up->off = off;
	up->path = m->path;
	up->alias[0] = m->alias[0];
	up->alias[1] = m->alias[1];
	probe_add_prv(tab, &prov_pid, prv, m->base, func, name, kind, up);
}

static void add_func_probes(ProbeTab *tab, const char *prv, PidMod *m)
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
static void add_offset_probes(ProbeTab *tab, const char *prv, PidMod *m, int fd, int i)
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

static void provide_offsets(ProbeTab *tab, const ProbeDesc *pd, PidMod *m)
{
	int fd = open(m->path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	for (int i = 0; i < m->elf->nsyms; i++) {
		if (m->offsets[i] || !pat_matches(pd->func, m->elf->syms[i].name))
			continue;
		m->offsets[i] = true;
		add_offset_probes(tab, pd->prv, m, fd, i);
	}
	close(fd);
}

static PidMod *mod_new(int pid, const char *path, bool is_exe, char *shortname)
{
	UElf *u = usym_elf_open(path);
	if (!u) {
		free(shortname);
		return NULL;
	}
	PidMod *m = xcalloc(1, sizeof(*m));
	m->pid = pid;
	m->path = xstrdup(path);
	m->base = strrchr(m->path, '/') ? strrchr(m->path, '/') + 1 : m->path;
	m->alias[0] = is_exe ? xstrdup("a.out") : NULL;
	if (strcmp(shortname, m->base) != 0)
		m->alias[1] = shortname;
	else
		free(shortname);
	m->elf = u;
	m->offsets = xcalloc((size_t)u->nsyms + 1, 1);
	return m;
}

/* The probes of one mapped file that the description names and that do not exist yet. */
static void provide_file(ProbeTab *tab, const ProbeDesc *pd, int pid, const char *path,
			 const char *exe)
{
	Vec *mods = tab->pid;
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	char *shortname = usym_short_name(base);
	bool is_exe = exe && !strcmp(path, exe);
	bool named = pat_matches(pd->mod, base) || pat_matches(pd->mod, shortname) ||
		     (is_exe && pat_matches(pd->mod, "a.out"));
	PidMod *m = named ? mod_find(mods, pid, path) : NULL;
	if (!named || m) {
		free(shortname);
	} else if ((m = mod_new(pid, path, is_exe, shortname))) {
		vec_push(mods, m);
		add_func_probes(tab, pd->prv, m);
	}
	if (m && wants_offsets(pd))
		provide_offsets(tab, pd, m);
}

static void pid_provide(ProbeTab *tab, const ProbeDesc *pd)
{
	if (strncmp(pd->prv, "pid", 3) != 0 || pd->prv[3] < '1' || pd->prv[3] > '9')
		return;
	int pid = atoi(pd->prv + 3);
	if (!tab->pid)
		tab->pid = xcalloc(1, sizeof(Vec));
	Vec maps = {0};
	if (usym_maps(pid, &maps) < 0)
		return;
	char link[64], exe[PATH_MAX];
	snprintf(link, sizeof(link), "/proc/%d/exe", pid);
	ssize_t n = readlink(link, exe, sizeof(exe) - 1);
	exe[n > 0 ? n : 0] = '\0';
	for (int i = 0; i < maps.len; i++) {
		UMap *m = maps.data[i];
		if (m->exec)
			provide_file(tab, pd, pid, m->path, exe);
	}
	usym_maps_free(&maps);
}

void prov_pid_fini(ProbeTab *tab)
{
	Vec *mods = tab->pid;
	if (!mods)
		return;
	for (int i = 0; i < mods->len; i++) {
		PidMod *m = mods->data[i];
		free(m->path);
		free(m->alias[0]);
		free(m->alias[1]);
		usym_elf_free(m->elf);
		free(m->offsets);
		free(m);
	}
	vec_free(mods);
	free(mods);
	tab->pid = NULL;
}

const Provider prov_pid = {
	.name = "pid",
	.provide = pid_provide,
	.per_process = true,
	.mod_matches = pid_mod_matches,
};
