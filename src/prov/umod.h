/*
 * prov/umod.h - the files of traced processes, shared by the user-space
 * providers (pid, USDT): which process maps which file under which names,
 * with its symbols, and which of its probes exist already (prov/umod.c).
 */
#ifndef DT_PROV_UMOD_H
#define DT_PROV_UMOD_H

#include "probe.h"
#include "usym.h"

typedef struct UMod {
	int pid;
	char *path;
	const char *base;  /* the module name: the file's basename */
	char *alias[2];    /* "a.out" for the executable; the short name ("libc") if it differs */
	UElf *elf;
	bool *offsets;     /* per symbol: its instruction-offset probes exist */
	bool funcs;        /* its entry and return probes exist */
	bool notes;        /* its USDT probes exist */
} UMod;

typedef void umod_fn(ProbeTab *tab, const ProbeDesc *pd, UMod *m);
/* Call fn for each file pid maps executable whose name pd's module field matches. */
void umod_each(ProbeTab *tab, const ProbeDesc *pd, int pid, umod_fn *fn);
/* An empty pattern matches anything; NULL matches nothing. */
bool umod_pat_matches(const char *pat, const char *s);
/* Provider.mod_matches for probes whose data is a UProbe: the module's aliases. */
bool umod_probe_mod_matches(const Probe *p, const char *pat);
/* A UProbe at file offset off of m (heap; the probe owns it). */
UProbe *umod_uprobe(const UMod *m, uint64_t off);

#endif
