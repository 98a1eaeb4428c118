/*
 * dump.c - `dtrace -S`: prints each compiled clause's BPF with the D source
 * lines it came from, and its record layout.  Map references are still
 * symbolic here (they become fds only when a program is linked).
 */
#include <string.h>

#include "dis.h"
#include "hdl.h"

typedef struct DumpCtx {
	const Insns *code;
	char line[512];
	char sym[32];
	int last_line;
	const Source *last_src;
} DumpCtx;

static const char *const map_names[MAPREF_NMAPS] = {
	[MAPREF_MSTATE] = "mstate", [MAPREF_GVARS] = "gvars",
	[MAPREF_STRTAB] = "strtab", [MAPREF_RING] = "ring",
	[MAPREF_TIMERS] = "timers", [MAPREF_PROBES] = "probes",
	[MAPREF_SYSCALLS] = "syscalls", [MAPREF_TVARS] = "tvars",
};

/* The source line, once, before the first instruction generated from it. */
static const char *line_of(void *arg, int pc)
{
	DumpCtx *d = arg;
	Pos p = d->code->pos[pc];
	if (!p.src || (p.line == d->last_line && p.src == d->last_src))
		return NULL;
	d->last_line = p.line;
	d->last_src = p.src;
	const char *s = p.src->text + p.off - (p.col - 1);
	int n = (int)strcspn(s, "\n");
	snprintf(d->line, sizeof(d->line), "%s:%d: %.*s", p.src->name, p.line, n, s);
	return d->line;
}

static const char *sym_of(void *arg, int kind, int64_t imm, int pc)
{
	DumpCtx *d = arg;
	(void)pc;
	if (kind == DIS_SYM_MAP && imm >= 0 && imm < MAPREF_NMAPS)
		return map_names[imm];
	if (kind == DIS_SYM_MAP && imm >= MAPREF_DVAR0 && imm < MAPREF_MAX) {
		snprintf(d->sym, sizeof(d->sym), "dvar%d", (int)(imm - MAPREF_DVAR0 + 1));
		return d->sym;
	}
	if (kind == DIS_SYM_MAP && imm >= MAPREF_AGG0 && imm < MAPREF_MAX) {
		snprintf(d->sym, sizeof(d->sym), "agg%d", (int)(imm - MAPREF_AGG0 + 1));
		return d->sym;
	}
	return NULL;
}

static const char *rec_kind(RecKind k)
{
	static const char *const names[] = {"int", "string", "const-string", "printf", "exit",
					    "printa", "clear", "trunc", "normalize", "denormalize",
					    "setopt", "bytes", "tracemem", "speculate", "commit",
					    "discard", "system"};
	return names[k];
}

void dtrace_program_dump(dtrace_hdl_t *dtp, dtrace_prog_t *pgp, FILE *out)
{
	(void)dtp;
	for (int i = 0; i < pgp->clauses.len; i++) {
		Clause *cl = pgp->clauses.data[i];
		fprintf(out, "\nclause %d (dt_clause_%d) on", cl->stid, cl->stid);
		for (int j = 0; j < cl->probes.len; j++) {
			Probe *p = cl->probes.data[j];
			fprintf(out, " %s:%s:%s:%s", p->prv, p->mod, p->func, p->name);
		}
		fprintf(out, "\n");
		DumpCtx d = {.code = &cl->code};
		DisAnnot an = {line_of, sym_of, &d};
		dis_insns(out, cl->code.insn, cl->code.n, &an);
		for (int r = 0; r < cl->recs.len; r++) {
			RecLayout *rl = cl->recs.data[r];
			fprintf(out, "record %d: %d bytes\n", rl->rid, rl->recsize);
			for (int j = 0; j < rl->items.len; j++) {
				RecItem *it = rl->items.data[j];
			fprintf(out, "  %-12s off %3d size %3d%s", rec_kind(it->kind), it->off, it->size,
				it->is_signed ? " signed" : "");
			if (it->cstr)
				fprintf(out, " \"%s\"", it->cstr);
			fprintf(out, "\n");
			}
		}
	}
}
