/*
 * ksym.c - kernel addresses to symbols, for stack(), func(), sym(), mod()
 * and caller: /proc/kallsyms read once, sorted by address, binary-searched.
 *
 * The table is read the first time the consumer symbolizes an address and
 * kept for the life of the process (kallsyms is 200,000 lines: reading it
 * costs tens of milliseconds, so it is never read for a script that prints
 * no kernel address).  Symbols of vmlinux get the module name "vmlinux", as
 * Oracle's Linux DTrace prints them; module symbols their module's name.
 * A process without the privilege to see addresses (all zero) gets none.
 */
#include "ksym.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct Ksym {
	uint64_t addr;
	const char *name, *mod;
	uint64_t mod_start; /* the lowest address of the symbol's module */
} Ksym;

static struct {
	bool loaded;
	Ksym *syms;
	size_t n;
	char *text;   /* the file, names pointing into it */
} tab;

static int sym_cmp(const void *a, const void *b)
{
	uint64_t x = ((const Ksym *)a)->addr, y = ((const Ksym *)b)->addr;
	return x < y ? -1 : x > y;
}

/* "ffffffff81000000 T _text" or "ffffffffc0000000 t foo\t[mod]": text symbols only. */
static bool parse_line(char *line, Ksym *s)
{
	char *end, *name, *mod;
	s->addr = strtoull(line, &end, 16);
	if (end == line || end[0] != ' ' || !end[1] || end[2] != ' ')
		return false;
	if (end[1] != 't' && end[1] != 'T' && end[1] != 'w' && end[1] != 'W')
		return false;
	name = end + 3;
	mod = strchr(name, '\t');
	s->mod = "vmlinux";
	if (mod) {
		*mod++ = '\0';
		if (*mod == '[') {
			mod++;
			mod[strcspn(mod, "]")] = '\0';
			s->mod = mod;
		}
	}
	s->name = name;
	return s->addr != 0;
}

/* Each symbol's module start: the first address of its module (a few hundred modules). */
static void mod_starts(void)
{
	Vec mods = {0}; /* Ksym*: the first symbol of each module */
	Ksym *last = NULL;
	for (size_t i = 0; i < tab.n; i++) {
		Ksym *s = &tab.syms[i], *first = NULL;
		if (last && !strcmp(last->mod, s->mod)) /* a module's symbols are mostly together */
			first = last;
		for (int m = 0; m < mods.len && !first; m++)
			if (!strcmp(((Ksym *)mods.data[m])->mod, s->mod))
				first = mods.data[m];
		if (!first)
			vec_push(&mods, first = s);
		s->mod_start = first->addr;
		last = first;
	}
	vec_free(&mods);
}

static void load(void)
{
	tab.loaded = true;
	tab.text = read_file("/proc/kallsyms", NULL);
	if (!tab.text)
		return;
	size_t cap = 1 << 16;
	tab.syms = xmalloc(cap * sizeof(Ksym));
	for (char *line = tab.text, *nl; *line; line = nl + 1) {
		nl = strchr(line, '\n');
		if (!nl)
			break;
		*nl = '\0';
		if (tab.n == cap) {
			cap *= 2;
			tab.syms = xrealloc(tab.syms, cap * sizeof(Ksym));
		}
		if (parse_line(line, &tab.syms[tab.n]))
			tab.n++;
	}
	qsort(tab.syms, tab.n, sizeof(Ksym), sym_cmp);
	mod_starts();
}

/* The last symbol at or below addr, or NULL. */
static const Ksym *find(uint64_t addr)
{
	if (!tab.loaded)
		load();
	size_t lo = 0, hi = tab.n;
	while (lo < hi) { /* the last symbol at or below addr */
		size_t mid = lo + (hi - lo) / 2;
		if (tab.syms[mid].addr <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? &tab.syms[lo - 1] : NULL;
}

bool ksym_lookup(uint64_t addr, const char **name, const char **mod, uint64_t *off)
{
	const Ksym *s = find(addr);
	if (!s)
		return false;
	*name = s->name;
	*mod = s->mod;
	*off = addr - s->addr;
	return true;
}

void ksym_format(StrBuf *out, uint64_t addr, bool with_off)
{
	const char *name, *mod;
	uint64_t off;
	if (!ksym_lookup(addr, &name, &mod, &off))
		sb_printf(out, "0x%llx", (unsigned long long)addr);
	else if (off && with_off)
		sb_printf(out, "%s`%s+0x%llx", mod, name, (unsigned long long)off);
	else
		sb_printf(out, "%s`%s", mod, name);
}

/*
 * Frames of the tracing machinery itself, above the probe site: our BPF
 * programs and the kernel functions that run them.  DTrace shows a stack
 * from the probe site down, so they are left out.
 */
static bool artificial(uint64_t pc)
{
	static const char *const prefixes[] = {"bpf_trace_run", "__bpf_trace_", "trace_call_bpf",
					       "perf_trace_", "perf_syscall_", "__traceiter_",
					       "bpf_overflow_handler", "__perf_event_overflow",
					       "perf_event_overflow", "__bpf_prog_run"};
	const char *name, *mod;
	uint64_t off;
	if (!ksym_lookup(pc, &name, &mod, &off))
		return false;
	if (!strcmp(mod, "bpf"))
		return true;
	for (size_t i = 0; i < ARRAY_SIZE(prefixes); i++)
		if (!strncmp(name, prefixes[i], strlen(prefixes[i])))
			return true;
	return false;
}

uint64_t ksym_canon(uint64_t addr, bool module_only)
{
	const Ksym *s = find(addr);
	return !s ? addr : module_only ? s->mod_start : s->addr;
}

void ksym_format_sym(StrBuf *out, uint64_t addr, bool module_only)
{
	const char *name, *mod;
	uint64_t off;
	if (!module_only)
		ksym_format(out, addr, false);
	else if (ksym_lookup(addr, &name, &mod, &off))
		sb_puts(out, mod);
	else
		sb_printf(out, "0x%llx", (unsigned long long)addr);
}

void ksym_print_stack(StrBuf *out, const uint64_t *pcs, int n, int max, int indent)
{
	int i = 0;
	while (i < n && pcs[i] && artificial(pcs[i]))
		i++;
	for (int shown = 0; i < n && pcs[i] && shown < max; i++, shown++) {
		sb_printf(out, "%*s", indent, "");
		ksym_format(out, pcs[i], true);
		sb_putc(out, '\n');
	}
}
