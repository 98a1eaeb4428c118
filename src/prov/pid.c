/*
 * prov/pid.c - the pid provider: pid<PID>:<module>:<function>:entry and
 * :return for every function symbol of every file a process maps.
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

/* One file of one process whose probes exist. */
typedef struct PidMod {
	int pid;
	char *path;
	char *alias[2]; /* "a.out" for the executable; the short name if it differs */
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

static void add_func_probes(ProbeTab *tab, const char *prv, PidMod *m, const UElf *u,
			    const char *base)
{
	int fd = open(m->path, O_RDONLY | O_CLOEXEC);
	for (int i = 0; fd >= 0 && i < u->nsyms; i++) {
		int64_t off = usym_elf_off(u, u->syms[i].addr);
		if (off < 0 || !probeable(fd, off))
			continue;
		for (int r = 0; r < 2; r++) {
			UProbe *up = xcalloc(1, sizeof(*up));
			*up = (UProbe){m->pid, (uint64_t)off, m->path, {m->alias[0], m->alias[1]}};
			probe_add_prv(tab, &prov_pid, prv, base, u->syms[i].name, r ? "return" : "entry",
				      r ? PK_UPROBE_RETURN : PK_UPROBE_ENTRY, up);
		}
	}
	if (fd >= 0)
		close(fd);
}

/* The probes of one mapped file, if the module field names it and they do not exist yet. */
static void provide_file(ProbeTab *tab, const char *prv, int pid, const char *path,
			 const char *exe, const char *modpat)
{
	Vec *mods = tab->pid;
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	char *shortname = usym_short_name(base);
	bool is_exe = exe && !strcmp(path, exe);
	bool named = pat_matches(modpat, base) || pat_matches(modpat, shortname) ||
		     (is_exe && pat_matches(modpat, "a.out"));
	if (!named || mod_find(mods, pid, path)) {
		free(shortname);
		return;
	}
	UElf *u = usym_elf_open(path);
	if (!u) {
		free(shortname);
		return;
	}
	PidMod *m = xcalloc(1, sizeof(*m));
	m->pid = pid;
	m->path = xstrdup(path);
	m->alias[0] = is_exe ? xstrdup("a.out") : NULL;
	if (strcmp(shortname, base) != 0)
		m->alias[1] = shortname;
	else
		free(shortname);
	vec_push(mods, m);
	add_func_probes(tab, prv, m, u, base);
	usym_elf_free(u);
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
			provide_file(tab, pd->prv, pid, m->path, exe, pd->mod);
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
