/*
 * prov/usdt.c - USDT probes: <provider><PID>:<module>:<function>:<name> for
 * every sys/sdt.h probe site (.note.stapsdt) in the files a process maps,
 * named as DTrace names them ("__" in a name shows as "-": python's
 * function__entry is function-entry).
 *
 * Each site is a probe whose UProbe carries its arguments as the note
 * describes them (usdt.c) and its semaphore's file offset: the kernel
 * raises the semaphore while the uprobe is in place (uprobe_multi's
 * ref_ctr_offsets) and lowers it when the link goes, so is-enabled checks
 * in the program see 1 only while traced.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "umod.h"
#include "usdt.h"

/* "python1234" -> "python" and 1234; false if it does not end in a process id. */
static bool split_prv(const char *prv, char *name, size_t size, int *pid)
{
	size_t n = strlen(prv), d = n;
	while (d > 0 && prv[d - 1] >= '0' && prv[d - 1] <= '9')
		d--;
	if (d == 0 || d == n || prv[d] == '0' || d >= size || strpbrk(prv, "*?[\\"))
		return false;
	memcpy(name, prv, d);
	name[d] = '\0';
	*pid = atoi(prv + d);
	return strcmp(name, "pid") != 0; /* the pid provider's */
}

/* DTrace's name for a probe: "__" becomes "-". */
static char *probe_name(const char *note_name)
{
	char *s = xstrdup(note_name), *w = s;
	for (const char *r = note_name; *r; r++) {
		if (r[0] == '_' && r[1] == '_')
			r++, *w++ = '-';
		else
			*w++ = *r;
	}
	*w = '\0';
	return s;
}

static void add_site(ProbeTab *tab, UMod *m, const UsdtNote *n)
{
	int64_t off = usym_elf_off(m->elf, n->pc);
	if (off < 0)
		return;
	UProbe *up = umod_uprobe(m, (uint64_t)off);
	int64_t sem = n->sem ? usym_elf_off(m->elf, n->sem) : 0;
	up->refctr = sem > 0 ? (uint64_t)sem : 0;
	up->nargs = usdt_parse_args(n->args, up->args, UPROBE_MAXARGS);
	if (up->nargs < 0)
		up->nargs = 0; /* an argument we cannot decode: the probe fires, its args read 0 */
	const USym *fn = usym_elf_lookup(m->elf, n->pc);
	char prv[256];
	snprintf(prv, sizeof(prv), "%s%d", n->provider, m->pid);
	char *name = probe_name(n->name);
	probe_add_prv(tab, &prov_usdt, prv, m->base, fn ? fn->name : "", name, PK_USDT, up);
	free(name);
}

static void provide_module(ProbeTab *tab, const ProbeDesc *pd, UMod *m)
{
	(void)pd;
	if (m->notes)
		return;
	m->notes = true;
	Vec notes = {0};
	usdt_notes(m->path, &notes);
	for (int i = 0; i < notes.len; i++)
		add_site(tab, m, notes.data[i]);
	usdt_notes_free(&notes);
}

static void usdt_provide(ProbeTab *tab, const ProbeDesc *pd)
{
	char name[256];
	int pid;
	if (split_prv(pd->prv, name, sizeof(name), &pid))
		umod_each(tab, pd, pid, provide_module);
}

const Provider prov_usdt = {
	.name = "",
	.provide = usdt_provide,
	.per_process = true,
	.mod_matches = umod_probe_mod_matches,
};
