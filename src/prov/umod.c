/*
 * prov/umod.c - the table of traced processes' files that the pid and USDT
 * providers share (ProbeTab.umods): one entry per (process, file), made
 * the first time a description names the file, holding its symbols and
 * names so that neither provider reads a file twice.  The process's files
 * come from /proc/PID/maps; only files it maps executable are modules.
 */
#include <fnmatch.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "umod.h"

bool umod_pat_matches(const char *pat, const char *s)
{
	return pat[0] == '\0' || (s && fnmatch(pat, s, 0) == 0);
}

bool umod_probe_mod_matches(const Probe *p, const char *pat)
{
	const UProbe *u = p->data;
	return u && (umod_pat_matches(pat, u->alias[0]) || umod_pat_matches(pat, u->alias[1]));
}

UProbe *umod_uprobe(const UMod *m, uint64_t off)
{
	UProbe *up = xcalloc(1, sizeof(*up));
	up->pid = m->pid;
	up->off = off;
	up->path = m->path;
	up->alias[0] = m->alias[0];
	up->alias[1] = m->alias[1];
	return up;
}

static UMod *mod_find(Vec *mods, int pid, const char *path)
{
	for (int i = 0; i < mods->len; i++) {
		UMod *m = mods->data[i];
		if (m->pid == pid && !strcmp(m->path, path))
			return m;
	}
	return NULL;
}

static UMod *mod_new(int pid, const char *path, bool is_exe, char *shortname)
{
	UElf *u = usym_elf_open(path);
	if (!u) {
		free(shortname);
		return NULL;
	}
	UMod *m = xcalloc(1, sizeof(*m));
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

/* The module for one mapped file, if the description's module field names it. */
static UMod *mod_get(ProbeTab *tab, const ProbeDesc *pd, int pid, const char *path,
		     const char *exe)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	char *shortname = usym_short_name(base);
	bool is_exe = !strcmp(path, exe);
	bool named = umod_pat_matches(pd->mod, base) || umod_pat_matches(pd->mod, shortname) ||
		     (is_exe && umod_pat_matches(pd->mod, "a.out"));
	UMod *m = named ? mod_find(tab->umods, pid, path) : NULL;
	if (!named || m) {
		free(shortname);
		return m;
	}
	if ((m = mod_new(pid, path, is_exe, shortname)))
		vec_push(tab->umods, m);
	return m;
}

void umod_each(ProbeTab *tab, const ProbeDesc *pd, int pid, umod_fn *fn)
{
	if (!tab->umods)
		tab->umods = xcalloc(1, sizeof(Vec));
	Vec maps = {0};
	if (usym_maps(pid, &maps) < 0)
		return;
	char link[64], exe[PATH_MAX];
	snprintf(link, sizeof(link), "/proc/%d/exe", pid);
	ssize_t n = readlink(link, exe, sizeof(exe) - 1);
	exe[n > 0 ? n : 0] = '\0';
	for (int i = 0; i < maps.len; i++) {
		UMap *mp = maps.data[i];
		bool seen = false; /* a file mapped executable twice is one module */
		for (int j = 0; j < i; j++) {
			const UMap *prev = maps.data[j];
			seen |= prev->exec && !strcmp(prev->path, mp->path);
		}
		UMod *m = mp->exec && !seen ? mod_get(tab, pd, pid, mp->path, exe) : NULL;
		if (m)
			fn(tab, pd, m);
	}
	usym_maps_free(&maps);
}

void prov_umod_fini(ProbeTab *tab)
{
	Vec *mods = tab->umods;
	if (!mods)
		return;
	for (int i = 0; i < mods->len; i++) {
		UMod *m = mods->data[i];
		free(m->path);
		free(m->alias[0]);
		free(m->alias[1]);
		usym_elf_free(m->elf);
		free(m->offsets);
		free(m);
	}
	vec_free(mods);
	free(mods);
	tab->umods = NULL;
}
