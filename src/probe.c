/*
 * probe.c - the probe table: creation, lookup, description parsing and glob
 * matching.  It knows nothing about BPF; providers live in prov/.
 */
#include "probe.h"

#include <bpf/btf.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

static const Provider *const providers[] = {&prov_dtrace, &prov_profile, &prov_syscall,
						&prov_pid, &prov_usdt,
						&prov_sdt, &prov_rawtp};

void probe_tab_init(ProbeTab *tab)
{
	memset(tab, 0, sizeof(*tab));
}

void probe_tab_fini(ProbeTab *tab)
{
	for (int i = 0; i < tab->probes.len; i++) {
		Probe *p = tab->probes.data[i];
		free((char *)p->mod);
		free((char *)p->func);
		free((char *)p->name);
		if (p->own_prv)
			free((char *)p->prv);
		free(p->data);
		free(p);
	}
	vec_free(&tab->probes);
	prov_umod_fini(tab);
	btf__free(tab->btf);
	tab->btf = NULL;
}

void probe_populate_all(ProbeTab *tab)
{
	for (size_t i = 0; i < ARRAY_SIZE(providers); i++)
		if (providers[i]->populate)
			providers[i]->populate(tab);
}

Probe *probe_add(ProbeTab *tab, const Provider *pv, const char *mod, const char *func,
		 const char *name, ProbeKind kind, uint64_t arg)
{
	Probe *p = xcalloc(1, sizeof(*p));
	p->id = (uint32_t)tab->probes.len + 1;
	p->prv = pv->name;
	p->mod = xstrdup(mod);
	p->func = xstrdup(func);
	p->name = xstrdup(name);
	p->provider = pv;
	p->kind = kind;
	p->arg = arg;
	vec_push(&tab->probes, p);
	return p;
}

Probe *probe_add_prv(ProbeTab *tab, const Provider *pv, const char *prv, const char *mod,
		     const char *func, const char *name, ProbeKind kind, void *data)
{
	Probe *p = probe_add(tab, pv, mod, func, name, kind, 0);
	p->prv = xstrdup(prv);
	p->own_prv = true;
	p->data = data;
	return p;
}

Probe *probe_by_id(const ProbeTab *tab, uint32_t id)
{
	if (id == 0 || id > (uint32_t)tab->probes.len)
		return NULL;
	return tab->probes.data[id - 1];
}

Probe *probe_lookup(const ProbeTab *tab, const char *prv, const char *mod, const char *func,
		    const char *name)
{
	for (int i = 0; i < tab->probes.len; i++) {
		Probe *p = tab->probes.data[i];
		if (!strcmp(p->prv, prv) && !strcmp(p->mod, mod) && !strcmp(p->func, func) &&
		    !strcmp(p->name, name))
			return p;
	}
	return NULL;
}

int probe_desc_parse(const char *text, ProbeDesc *pd)
{
	const char *f[4] = {"", "", "", ""};
	size_t flen[4] = {0, 0, 0, 0};
	int n = 1;
	for (const char *c = text; *c; c++)
		n += *c == ':';
	memset(pd, 0, sizeof(*pd));
	if (n > 4)
		return -1;
	/* Fields fill from the right: with n fields, the first is field 4 - n. */
	int k = 4 - n;
	const char *start = text;
	for (const char *c = text;; c++) {
		if (*c == ':' || *c == '\0') {
			f[k] = start;
			flen[k] = (size_t)(c - start);
			k++;
			start = c + 1;
			if (*c == '\0')
				break;
		}
	}
	pd->prv = xstrndup(f[0], flen[0]);
	pd->mod = xstrndup(f[1], flen[1]);
	pd->func = xstrndup(f[2], flen[2]);
	pd->name = xstrndup(f[3], flen[3]);
	if (n == 1 && text[0] >= '0' && text[0] <= '9' && strspn(text, "0123456789") == strlen(text))
		pd->id = strtol(text, NULL, 10);
	return 0;
}

void probe_desc_free(ProbeDesc *pd)
{
	free(pd->prv);
	free(pd->mod);
	free(pd->func);
	free(pd->name);
	memset(pd, 0, sizeof(*pd));
}

/* An empty pattern matches anything; otherwise shell globs as DTrace's gmatch. */
static bool field_matches(const char *pat, const char *s)
{
	return pat[0] == '\0' || fnmatch(pat, s, 0) == 0;
}

bool probe_matches(const Probe *p, const ProbeDesc *pd)
{
	if (pd->id > 0)
		return p->id == (uint32_t)pd->id;
	bool mod = field_matches(pd->mod, p->mod) ||
		   (p->provider->mod_matches && p->provider->mod_matches(p, pd->mod));
	return field_matches(pd->prv, p->prv) && mod &&
	       field_matches(pd->func, p->func) && field_matches(pd->name, p->name);
}

/*
 * "pid1234" for provider "pid": the name, then a process id.  A provider
 * named "" (USDT) takes any name that ends in a process id ("python1234").
 */
static bool is_per_process(const char *prv, const char *name)
{
	size_t n = strlen(name);
	if (!n) {
		while (prv[n] && (prv[n] < '0' || prv[n] > '9'))
			n++;
		if (!n)
			return false;
	}
	return (!name[0] || strncmp(prv, name, n) == 0) && prv[n] >= '1' && prv[n] <= '9' &&
	       strspn(prv + n, "0123456789") == strlen(prv + n);
}

void probe_match(ProbeTab *tab, const ProbeDesc *pd, Vec *out)
{
	for (size_t i = 0; i < ARRAY_SIZE(providers); i++) {
		const Provider *pv = providers[i];
		bool named = (pv->name[0] && field_matches(pd->prv, pv->name)) ||
			     (pv->per_process && is_per_process(pd->prv, pv->name));
		if (pv->provide && named)
			pv->provide(tab, pd);
	}
	for (int i = 0; i < tab->probes.len; i++)
		if (probe_matches(tab->probes.data[i], pd))
			vec_push(out, tab->probes.data[i]);
}
