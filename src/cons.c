/*
 * cons.c - the consumer: takes records from the ring buffer and gives
 * DTrace's output, using each clause's record layout (RecItem) to decode
 * the data; reports drops and faults in DTrace's words.  It carries out the
 * aggregation actions (printa, clear, trunc, normalize) on its own copy of
 * each aggregation, which it brings up to date by swapping the kernel's
 * buffers (agg_sync), and prints the aggregations at exit.
 *
 * The output formats follow DTrace's consumer byte for byte: trace() of an
 * integer prints " %16lld" (8 bytes), " %8d", " %5d", " %3d" by size, or
 * just the number with -q; strings print as "  %-33s", or "%s" with -q.
 */
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "hdl.h"
#include "print.h"
#include "ksym.h"

static const char *fault_name(uint32_t kind)
{
	switch (kind) {
	case DTRACEFLT_BADADDR: return "invalid address";
	case DTRACEFLT_ILLOP: return "illegal operation";
	case DTRACEFLT_DIVZERO: return "divide-by-zero";
	default: return "unknown fault";
	}
}

static void print_error_record(dtrace_hdl_t *dtp, const Probe *p, const unsigned char *d)
{
	uint32_t stid, fault;
	uint64_t val, action;
	memcpy(&stid, d + ER_STID, 4);
	memcpy(&action, d + ER_ACTION, 8);
	memcpy(&fault, d + ER_FAULT, 4);
	memcpy(&val, d + ER_VAL, 8);
	fprintf(stderr, "dtrace: error on enabled probe ID %u (ID %u: %s:%s:%s:%s): %s", stid,
		p ? p->id : 0, p ? p->prv : "", p ? p->mod : "", p ? p->func : "", p ? p->name : "",
		fault_name(fault));
	if (fault == DTRACEFLT_BADADDR)
		fprintf(stderr, " (0x%llx)", (unsigned long long)val);
	if (action)
		fprintf(stderr, " in action #%llu\n", (unsigned long long)action);
	else
		fprintf(stderr, " in predicate\n");
}

static int64_t read_int(const unsigned char *p, int size, bool is_signed)
{
	switch (size) {
	case 1: return is_signed ? (int8_t)p[0] : p[0];
	case 2: { int16_t v; memcpy(&v, p, 2); return is_signed ? (int64_t)v : (int64_t)(uint16_t)v; }
	case 4: { int32_t v; memcpy(&v, p, 4); return is_signed ? (int64_t)v : (int64_t)(uint32_t)v; }
	default: { int64_t v; memcpy(&v, p, 8); return v; }
	}
}

static void print_trace_int(FILE *fp, bool quiet, const unsigned char *p, int size)
{
	uint64_t v8;
	uint32_t v4;
	uint16_t v2;
	switch (size) {
	case 8:
		memcpy(&v8, p, 8);
		fprintf(fp, quiet ? "%lld" : " %16lld", (long long)v8);
		break;
	case 4:
		memcpy(&v4, p, 4);
		fprintf(fp, quiet ? "%d" : " %8d", (int)v4);
		break;
	case 2:
		memcpy(&v2, p, 2);
		fprintf(fp, quiet ? "%d" : " %5d", v2);
		break;
	default:
		fprintf(fp, quiet ? "%d" : " %3d", p[0]);
		break;
	}
}

static void print_trace_str(FILE *fp, bool quiet, const char *s)
{
	fprintf(fp, quiet ? "%s" : "  %-33s", s);
}

/* DTrace's hex dump (tracemem(), rawbytes): offsets, 16 bytes a line, their characters. */
static void print_rawbytes(FILE *fp, const unsigned char *c, size_t n)
{
	if (n == 0)
		return;
	fprintf(fp, "\n%5s      ", "");
	for (int i = 0; i < 16; i++)
		fprintf(fp, "  %c", "0123456789abcdef"[i]);
	fprintf(fp, "  0123456789abcdef\n");
	for (size_t i = 0; i < n; i += 16) {
		size_t j;
		fprintf(fp, "%5s%5zx:", "", i);
		for (j = i; j < i + 16 && j < n; j++)
			fprintf(fp, " %02x", c[j]);
		for (; j % 16; j++)
			fputs("   ", fp);
		fputs("  ", fp);
		for (j = i; j < i + 16 && j < n; j++)
			fputc(c[j] < ' ' || c[j] > '~' ? '.' : c[j], fp);
		fputc('\n', fp);
	}
}

/*
 * trace() of bytes, as DTrace's dt_print_bytes: printable characters up to
 * a NUL followed only by NULs (or to the end) print as a string, anything
 * else, or everything with the rawbytes option, as a hex dump.
 */
static void print_bytes(dtrace_hdl_t *dtp, FILE *fp, const unsigned char *c, size_t n)
{
	size_t i;
	if (dtp->opt.rawbytes) {
		print_rawbytes(fp, c, n);
		return;
	}
	for (i = 0; i < n; i++) {
		if (isprint(c[i]) || isspace(c[i]) || c[i] == '\b' || c[i] == '\a')
			continue;
		if (c[i] == '\0' && i > 0) {
			size_t j = i + 1;
			while (j < n && c[j] == '\0')
				j++;
			if (j != n)
				break;
			fprintf(fp, dtp->opt.quiet ? "%s" : "  %-33s", (const char *)c);
			return;
		}
		break;
	}
	if (i == n)
		fprintf(fp, "  %-33.*s", (int)n, (const char *)c);
	else
		print_rawbytes(fp, c, n);
}

/* tracemem(): the bytes, as many as its dynamic size says if it has one. */
static int print_tracemem(FILE *fp, RecLayout *cl, int i, const unsigned char *d, int dlen)
{
	RecItem *it = cl->items.data[i];
	size_t n = (size_t)it->size;
	if (it->nargs && i + 1 < cl->items.len) {
		RecItem *a = cl->items.data[i + 1];
		int64_t dsize = a->off + 8 <= dlen ? read_int(d + a->off, 8, true) : 0;
		if (dsize >= 0 && (uint64_t)dsize < n) /* a negative size prints them all */
			n = (size_t)dsize;
	}
	print_rawbytes(fp, d + it->off, n);
	return i + it->nargs;
}

/* print(): the value by its type; a string constant has no data but its text. */
static void print_typed_item(dtrace_hdl_t *dtp, FILE *fp, const RecItem *it,
			     const unsigned char *d)
{
	if (it->kind == REC_CSTR) {
		size_t n = strlen(it->cstr) + 1;
		print_typed(fp, it->ptype, it->cstr, n);
	} else {
		print_typed(fp, it->ptype, d + it->off, (size_t)it->size);
	}
	(void)dtp;
}

/*
 * system(): the command runs with /bin/sh once what was printed before it
 * is out, so its output comes in order with dtrace's; dtrace waits for it.
 */
static void run_system(FILE *fp, const char *cmd)
{
	fflush(fp);
	fflush(stdout);
	int rc = system(cmd);
	(void)rc; /* as DTrace: the command's status is not reported */
}

/* func(), sym(), mod(): DTrace's dt_print_sym/dt_print_mod ("  %-50s"). */
static void print_trace_sym(FILE *fp, bool quiet, const unsigned char *p, AddrSym sym)
{
	uint64_t addr;
	StrBuf b = {0};
	memcpy(&addr, p, 8);
	ksym_format_sym(&b, addr, sym == ADDR_MOD);
	fprintf(fp, quiet ? "%s" : "  %-50s", b.s);
	sb_free(&b);
}

/* stack(): a newline, then a frame a line, indented (DTrace's dt_print_stack). */
static void print_stack(FILE *fp, const unsigned char *d, int size)
{
	uint64_t pcs[STACK_MAX_FRAMES + STACK_HIDDEN];
	int n = size / 8 < STACK_MAX_FRAMES + STACK_HIDDEN ? size / 8 : STACK_MAX_FRAMES + STACK_HIDDEN;
	StrBuf b = {0};
	memcpy(pcs, d, (size_t)n * 8);
	sb_putc(&b, '\n');
	ksym_print_stack(&b, pcs, n, n - STACK_HIDDEN, STACK_INDENT);
	fputs(b.s, fp);
	sb_free(&b);
}

/* %a: a kernel address as module`function+0xoff; user addresses (%A) are not known here. */
static int kaddr2str(void *arg, uint64_t addr, int user, StrBuf *out)
{
	const char *name, *mod;
	uint64_t off;
	(void)arg;
	if (user || !ksym_lookup(addr, &name, &mod, &off))
		return -1;
	ksym_format(out, addr, true);
	return 0;
}

/* printf, system: the item is followed by its nargs argument items. */
static int do_printf(dtrace_hdl_t *dtp, FILE *fp, RecLayout *cl, int i, const unsigned char *d,
		     int dlen)
{
	RecItem *it = cl->items.data[i];
	PfValue vals[64] = {0};
	char *strs[64];
	int n = 0;
	for (int k = 0; k < it->nargs && i + 1 + k < cl->items.len; k++, n++) {
		RecItem *a = cl->items.data[i + 1 + k];
		memset(&vals[n], 0, sizeof(vals[n]));
		strs[n] = NULL;
		if (a->kind == REC_CSTR) {
			vals[n].kind = PF_ARG_STRING;
			vals[n].s = a->cstr;
		} else if (a->kind == REC_STR) {
			vals[n].kind = PF_ARG_STRING;
			strs[n] = xstrndup((const char *)d + a->off,
					   (size_t)(a->off + a->size <= dlen ? a->size : 0));
			vals[n].s = strs[n];
		} else {
			vals[n].kind = a->is_float ? PF_ARG_FLOAT : PF_ARG_INT;
			vals[n].size = a->size;
			vals[n].is_signed = a->is_signed;
			vals[n].i = read_int(d + a->off, a->size, a->is_signed);
		}
	}
	StrBuf out = {0};
	PfEnv env = {.addr2str = kaddr2str};
	pf_format_env(it->fmt, vals, n, &env, &out);
	if (it->kind == REC_SYSTEM)
		run_system(fp, out.s ? out.s : "");
	else if (out.len)
		fwrite(out.s, 1, out.len, fp);
	sb_free(&out);
	for (int k = 0; k < n; k++)
		free(strs[k]);
	(void)dtp;
	return i + it->nargs;
}

static int cons_printa(dtrace_hdl_t *dtp, FILE *fp, const RecItem *it, uint64_t ts);
static int lib_action(dtrace_hdl_t *dtp, const RecLayout *cl, int i, const unsigned char *d,
		      const Probe *p, uint64_t ts);

/* Actions DTrace's library carries out, unseen by the record callback (DTRACEACT_LIBACT). */
static bool is_lib_action(RecKind kind)
{
	return kind == REC_CLEAR || kind == REC_TRUNC || kind == REC_NORMALIZE ||
	       kind == REC_DENORMALIZE || kind == REC_SETOPT;
}

/* Speculation items: nothing to print (spec_actions carries out commit and discard). */
static bool is_spec_item(RecKind kind)
{
	return kind == REC_SPEC || kind == REC_COMMIT || kind == REC_DISCARD;
}

/*
 * -F: DTrace's dt_flowindent(): an entry probe indents what follows on its
 * CPU by 2, a return probe unindents itself; "entry" of the probe the last
 * record came from, but another clause, does not indent again.  (DTrace
 * also looks at the next record before unindenting a return; the ring
 * buffer callback cannot, so two clauses on one return probe unindent
 * twice.)
 */
static void flow(dtrace_hdl_t *dtp, const Probe *p, uint32_t stid, dtrace_probedata_t *data)
{
	uint32_t cpu = data->dtpda_cpu;
	bool sys = strcmp(p->prv, "syscall") == 0;
	if (!dtp->flow_indent) {
		dtp->flow_indent = xcalloc((size_t)dtp->rt.ncpus + 1, sizeof(int));
		dtp->flow_last = xcalloc(2 * ((size_t)dtp->rt.ncpus + 1), sizeof(uint32_t));
	}
	if (cpu > (uint32_t)dtp->rt.ncpus)
		cpu = (uint32_t)dtp->rt.ncpus;
	uint32_t *last = &dtp->flow_last[2 * cpu];
	data->dtpda_flow = !strcmp(p->name, "entry") ? DTRACEFLOW_ENTRY
			 : !strcmp(p->name, "return") ? DTRACEFLOW_RETURN : DTRACEFLOW_NONE;
	if (data->dtpda_flow == DTRACEFLOW_ENTRY && last[0] && last[0] != stid && last[1] == p->id)
		data->dtpda_flow = DTRACEFLOW_NONE;
	data->dtpda_prefix = data->dtpda_flow == DTRACEFLOW_ENTRY ? (sys ? " => " : " -> ")
			   : data->dtpda_flow == DTRACEFLOW_RETURN ? (sys ? " <= " : " <- ") : "| ";
	if (data->dtpda_flow == DTRACEFLOW_RETURN && dtp->flow_indent[cpu] > 0)
		dtp->flow_indent[cpu] -= 2;
	data->dtpda_indent = dtp->flow_indent[cpu];
	if (data->dtpda_flow == DTRACEFLOW_ENTRY)
		dtp->flow_indent[cpu] += 2;
	last[0] = stid;
	last[1] = p->id;
}

/*
 * A user stack as DTrace prints one: a newline, then each frame on a line
 * of its own, indented 14 spaces, symbolized from the process's maps.
 */
static void ustack_text(dtrace_hdl_t *dtp, StrBuf *out, const unsigned char *d, int size)
{
	uint32_t pid, n;
	memcpy(&pid, d, 4);
	memcpy(&n, d + 4, 4);
	sb_putc(out, '\n');
	for (uint32_t i = 0; i < n && 8 + 8 * (int)i < size; i++) {
		uint64_t pc;
		memcpy(&pc, d + 8 + 8 * i, 8);
		if (!pc)
			break;
		sb_printf(out, "%14s", "");
		usym_cache_format(&dtp->ucache, (int)pid, pc, out);
		sb_putc(out, '\n');
	}
}

static void print_ustack(dtrace_hdl_t *dtp, FILE *fp, const unsigned char *d, int size)
{
	StrBuf sb = {0};
	ustack_text(dtp, &sb, d, size);
	fputs(sb.s, fp);
	sb_free(&sb);
}

/* ufunc() and co. (REC_USYM, AGG_KEY_USYM), as dt_print_usym/umod: "  %-50s". */
static void usym_text(dtrace_hdl_t *dtp, StrBuf *out, const unsigned char *d)
{
	uint32_t pid, as;
	uint64_t pc;
	memcpy(&pid, d, 4);
	memcpy(&as, d + 4, 4);
	memcpy(&pc, d + 8, 8);
	StrBuf sym = {0};
	usym_cache_format_as(&dtp->ucache, (int)pid, pc, (int)as, &sym);
	sb_printf(out, "  %-50s", sym.s);
	sb_free(&sym);
}

static void print_usym(dtrace_hdl_t *dtp, FILE *fp, const unsigned char *d)
{
	StrBuf sb = {0};
	usym_text(dtp, &sb, d);
	fputs(sb.s, fp);
	sb_free(&sb);
}

/* A stack or symbol key of an aggregation, printed as DTrace prints them. */
static void ustack_key(void *arg, StrBuf *out, const AggKey *k, const unsigned char *key)
{
	if (k->kind == AGG_KEY_USYM)
		usym_text(arg, out, key + k->off);
	else
		ustack_text(arg, out, key + k->off, k->size);
}

/* One record's actions, in order; -1 (dtp's error set) if the consumer cannot go on. */
static int consume_record(dtrace_hdl_t *dtp, RecLayout *cl, const Probe *p, uint16_t cpu,
			  uint64_t ts, const unsigned char *d, int dlen)
{
	FILE *fp = dtp->out;
	bool quiet = dtp->opt.quiet;
	dtrace_probedesc_t pd = {p->id, p->prv, p->mod, p->func, p->name};
	dtrace_probedata_t data = {&pd, cpu, (uint32_t)cl->clause->stid, ts, DTRACEFLOW_NONE, 0, ""};
	if (dtp->opt.flowindent)
		flow(dtp, p, data.dtpda_epid, &data);
	if (dtp->pf && dtp->pf(&data, dtp->cbarg) != DTRACE_CONSUME_THIS)
		return 0;
	for (int i = 0; i < cl->items.len; i++) {
		RecItem *it = cl->items.data[i];
		dtrace_recdesc_t rd = {DTRACEACT_DIFEXPR, (uint32_t)it->size, (uint32_t)it->off};
		if (is_spec_item(it->kind))
			continue;
		if (is_lib_action(it->kind)) {
			if (lib_action(dtp, cl, i, d, p, ts))
				return -1;
			i += it->nargs;
			continue;
		}
		if (it->kind == REC_EXIT) {
			dtp->exit_status = (int)read_int(d + it->off, 4, true);
			dtp->exited = true;
			rd.dtrd_action = DTRACEACT_EXIT;
		} else if (it->kind == REC_PRINTF) {
			rd.dtrd_action = DTRACEACT_PRINTF;
		} else if (it->kind == REC_PRINTA) {
			rd.dtrd_action = DTRACEACT_PRINTA;
		}
		if (dtp->rf && dtp->rf(&data, &rd, dtp->cbarg) != DTRACE_CONSUME_THIS) {
			i += it->nargs;
			continue;
		}
		if (it->off + it->size > dlen)
			break;
		if (it->ptype) {
			print_typed_item(dtp, fp, it, d);
			continue;
		}
		switch (it->kind) {
		case REC_INT:
			if (it->sym)
				print_trace_sym(fp, quiet, d + it->off, it->sym);
			else
				print_trace_int(fp, quiet, d + it->off, it->size);
			break;
		case REC_STR:
			if (dtp->opt.rawbytes)
				print_rawbytes(fp, d + it->off, (size_t)it->size);
			else
				print_trace_str(fp, quiet, (const char *)d + it->off);
			break;
		case REC_BYTES: print_bytes(dtp, fp, d + it->off, (size_t)it->size); break;
		case REC_TRACEMEM: i = print_tracemem(fp, cl, i, d, dlen); break;
		case REC_CSTR: print_trace_str(fp, quiet, it->cstr); break;
		case REC_STACK: print_stack(fp, d + it->off, it->size); break;
		case REC_PRINTF:
		case REC_SYSTEM: i = do_printf(dtp, fp, cl, i, d, dlen); break;
		case REC_PRINTA:
			if (cons_printa(dtp, fp, it, ts))
				return -1;
			break;
		case REC_USTACK: print_ustack(dtp, fp, d + it->off, it->size); break;
		case REC_USYM: print_usym(dtp, fp, d + it->off); break;
		case REC_EXIT: break;
		case REC_CLEAR: case REC_TRUNC: case REC_NORMALIZE: case REC_DENORMALIZE:
		case REC_SETOPT: break; /* library actions: carried out above */
		case REC_SPEC: case REC_COMMIT: case REC_DISCARD: break;
		}
	}
	if (dtp->rf)
		dtp->rf(&data, NULL, dtp->cbarg);
	return 0;
}

/* ---- speculations (see ARCHITECTURE.md) ---- */

typedef struct SpecRec {
	size_t len;
	unsigned char raw[]; /* header and data, as the ring buffer had it */
} SpecRec;

static SpecBuf *spec_find(dtrace_hdl_t *dtp, uint64_t tag, bool create)
{
	for (int i = 0; i < dtp->specbufs.len; i++) {
		SpecBuf *b = dtp->specbufs.data[i];
		if (b->tag == tag)
			return b;
	}
	if (!create)
		return NULL;
	SpecBuf *b = xcalloc(1, sizeof(*b));
	b->tag = tag;
	vec_push(&dtp->specbufs, b);
	return b;
}

static void spec_buf_free(SpecBuf *b)
{
	for (int i = 0; i < b->recs.len; i++)
		free(b->recs.data[i]);
	vec_free(&b->recs);
	free(b);
}

/* Take b out of the held speculations and remember its activation as ended. */
static SpecBuf *spec_take(dtrace_hdl_t *dtp, uint64_t tag)
{
	uint32_t id = (uint32_t)tag, state = (uint32_t)(tag >> 32);
	if (id && (int)id <= dtp->syms.nspec) {
		if (!dtp->spec_done)
			dtp->spec_done = xcalloc((size_t)dtp->syms.nspec + 1, sizeof(uint32_t));
		dtp->spec_done[id] = state;
	}
	for (int i = 0; i < dtp->specbufs.len; i++) {
		SpecBuf *b = dtp->specbufs.data[i];
		if (b->tag == tag) {
			dtp->specbufs.data[i] = dtp->specbufs.data[--dtp->specbufs.len];
			return b;
		}
	}
	return NULL;
}

/*
 * A speculative record: held until its speculation is committed or
 * discarded.  Beyond specsize bytes, or for an activation already ended
 * (a speculate() that raced its commit() on another CPU), it is a
 * speculative drop.
 */
static void spec_hold(dtrace_hdl_t *dtp, const RecLayout *cl, const unsigned char *r, size_t len)
{
	uint64_t tag;
	memcpy(&tag, r + RH_SIZE + ((RecItem *)cl->items.data[0])->off, 8);
	uint32_t id = (uint32_t)tag, state = (uint32_t)(tag >> 32);
	SpecBuf *b = NULL;
	if (!dtp->spec_done || (int32_t)(state - dtp->spec_done[id]) > 0)
		b = spec_find(dtp, tag, true);
	if (!b || b->bytes + len > (uint64_t)dtp->opt.specsize) {
		dtp->specdrops++;
		return;
	}
	SpecRec *sr = xcalloc(1, sizeof(*sr) + len);
	sr->len = len;
	memcpy(sr->raw, r, len);
	vec_push(&b->recs, sr);
	b->bytes += len;
}

void cons_spec_free(dtrace_hdl_t *dtp)
{
	for (int i = 0; i < dtp->specbufs.len; i++)
		spec_buf_free(dtp->specbufs.data[i]);
	vec_free(&dtp->specbufs);
	free(dtp->spec_done);
	dtp->spec_done = NULL;
}

static int consume_raw(dtrace_hdl_t *dtp, const unsigned char *r, size_t len, bool replay);

/* commit(): the held records print now, in the order they were traced. */
static int spec_replay(dtrace_hdl_t *dtp, SpecBuf *b)
{
	int rc = 0;
	for (int i = 0; i < b->recs.len && !rc; i++) {
		SpecRec *sr = b->recs.data[i];
		rc = consume_raw(dtp, sr->raw, sr->len, true);
	}
	spec_buf_free(b);
	return rc;
}

/* The record's commit()s and discard()s; commits are printed after it, as DTrace does. */
static int spec_actions(dtrace_hdl_t *dtp, const RecLayout *cl, const unsigned char *d)
{
	int rc = 0;
	for (int i = 0; i < cl->items.len && !rc; i++) {
		const RecItem *it = cl->items.data[i];
		if (it->kind != REC_COMMIT && it->kind != REC_DISCARD)
			continue;
		uint64_t tag;
		memcpy(&tag, d + it->off, 8);
		SpecBuf *b = spec_take(dtp, tag);
		if (b && it->kind == REC_COMMIT)
			rc = spec_replay(dtp, b);
		else if (b)
			spec_buf_free(b);
	}
	return rc;
}

/* One record from the ring buffer, or a held speculative one being committed. */
static int consume_raw(dtrace_hdl_t *dtp, const unsigned char *r, size_t len, bool replay)
{
	if (len < RH_SIZE)
		return 0;
	uint32_t prid;
	uint16_t stid, cpu;
	uint64_t ts;
	memcpy(&prid, r + RH_PRID, 4);
	memcpy(&stid, r + RH_STID, 2);
	memcpy(&cpu, r + RH_CPU, 2);
	memcpy(&ts, r + RH_TS, 8);
	const Probe *p = probe_by_id(&dtp->probes, prid);
	if (stid == 0) {
		if (len >= RH_SIZE + ER_SIZE)
			print_error_record(dtp, p, r + RH_SIZE);
		return 0;
	}
	if (!p || stid > dtp->syms.recs.len)
		return 0;
	RecLayout *cl = dtp->syms.recs.data[stid - 1];
	if (!replay && cl->items.len && ((RecItem *)cl->items.data[0])->kind == REC_SPEC) {
		spec_hold(dtp, cl, r, len);
		return 0;
	}
	if (consume_record(dtp, cl, p, cpu, ts, r + RH_SIZE, (int)len - RH_SIZE))
		return -1;
	return spec_actions(dtp, cl, r + RH_SIZE);
}

/* libbpf ring buffer callback: one record. */
static int on_record(void *ctx, void *raw, size_t len)
{
	/* A failed action stops the ring buffer's consumption (cons_poll reports it). */
	return consume_raw(ctx, raw, len, false) ? -ECANCELED : 0;
}

int cons_poll(dtrace_hdl_t *dtp, int timeout_ms)
{
	Runtime *rt = &dtp->rt;
	if (!rt->rb) {
		rt->rb = ring_buffer__new(rt->map_fd[MAPREF_RING], on_record, dtp, NULL);
		if (!rt->rb)
			return dt_set_err(dtp, errno, "failed to open the ring buffer: %s",
					  strerror(errno));
	}
	int n = timeout_ms ? ring_buffer__poll(rt->rb, timeout_ms) : ring_buffer__consume(rt->rb);
	if (n == -ECANCELED)
		return -1; /* on_record's action failed and said why */
	if (n < 0 && n != -EINTR)
		return dt_set_err(dtp, -n, "failed to read the ring buffer: %s", strerror(-n));
	return 0;
}

/*
 * Report what was lost since the last report (*seen) in DTrace's words:
 * "dtrace: N <what>s<suffix>[ on CPU c]", with -x droptags preceded by
 * DTrace's tag for the kind of drop ("[DTRACEDROP_PRINCIPAL] ").
 */
static void report_drop(dtrace_hdl_t *dtp, const char *tag, uint64_t now, uint64_t *seen,
			const char *what, const char *suffix, int cpu)
{
	if (now <= *seen)
		return;
	uint64_t n = now - *seen;
	*seen = now;
	fprintf(stderr, "dtrace: ");
	if (dtp->opt.droptags)
		fprintf(stderr, "[%s] ", tag);
	fprintf(stderr, "%llu %s%s%s", (unsigned long long)n, what, n == 1 ? "" : "s", suffix);
	if (cpu >= 0)
		fprintf(stderr, " on CPU %d", cpu);
	fputc('\n', stderr);
}

/* Speculative drops (counted here) and failed speculation() calls (counted by the programs). */
static void cons_spec_drops(dtrace_hdl_t *dtp)
{
	report_drop(dtp, "DTRACEDROP_SPEC", dtp->specdrops, &dtp->specdrops_seen,
		    "speculative drop", "", -1);
	if (!dtp->syms.spec_off || !dtp->rt.gvars)
		return;
	uint64_t failed = __atomic_load_n((uint64_t *)((char *)dtp->rt.gvars + dtp->syms.spec_off),
					  __ATOMIC_RELAXED);
	report_drop(dtp, "DTRACEDROP_SPECUNAVAIL", failed, &dtp->specfail_seen,
		    "failed speculation", " (no speculative buffer available)", -1);
}

static uint64_t ms_word(const unsigned char *vals, size_t vsize, int cpu, int off)
{
	uint64_t v;
	memcpy(&v, vals + (size_t)cpu * vsize + (size_t)off, 8);
	return v;
}

/* Report records lost since the last call, per CPU, as DTrace does. */
void cons_drops(dtrace_hdl_t *dtp)
{
	Runtime *rt = &dtp->rt;
	if (rt->map_fd[MAPREF_MSTATE] < 0 || rt->ncpus <= 0)
		return;
	size_t vsize = (size_t)((rt->mstate_size + 7) & ~7);
	unsigned char *vals = xcalloc((size_t)rt->ncpus, vsize);
	if (!dtp->drops_seen)
		dtp->drops_seen = xcalloc((size_t)rt->ncpus, sizeof(uint64_t));
	if (!dtp->aggdrops_seen)
		dtp->aggdrops_seen = xcalloc((size_t)rt->ncpus, sizeof(uint64_t));
	int err = 0;
	for (uint32_t cpu = 0; cpu < (uint32_t)rt->ncpus && !err; cpu++)
		err = bpf_map_lookup_elem(rt->map_fd[MAPREF_MSTATE], &cpu, vals + cpu * vsize);
	if (!err) {
		uint64_t errdrops = 0, dyndrops = 0;
		for (int c = 0; c < rt->ncpus; c++) {
			errdrops += ms_word(vals, vsize, c, MS_ERRDROPS);
			dyndrops += ms_word(vals, vsize, c, MS_DYNDROPS);
			report_drop(dtp, "DTRACEDROP_AGGREGATION", ms_word(vals, vsize, c, MS_AGGDROPS),
				    &dtp->aggdrops_seen[c], "aggregation drop", "", c);
			report_drop(dtp, "DTRACEDROP_PRINCIPAL", ms_word(vals, vsize, c, MS_DROPS),
				    &dtp->drops_seen[c], "drop", "", c);
		}
		report_drop(dtp, "DTRACEDROP_DYNAMIC", dyndrops, &dtp->dyndrops_seen,
			    "dynamic variable drop", "", -1);
		cons_spec_drops(dtp);
		report_drop(dtp, "DTRACEDROP_ERROR", errdrops, &dtp->errdrops_seen, "error",
			    " lost (buffer full)", -1);
	}
	free(vals);
}

/* ---- aggregations ---- */

static uint64_t now_ns(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t); /* bpf_ktime_get_ns()'s clock */
	return (uint64_t)t.tv_sec * 1000000000u + (uint64_t)t.tv_nsec;
}

/*
 * Symbol keys group by function (or module), as in DTrace's
 * dt_aggregate_sym/mod: the address in each func()/sym()/mod() and
 * ufunc()/usym()/umod() key is replaced by its function's (module's) first
 * address before the key is merged into the consumer's copy.
 */
static void canon_sym_keys(dtrace_hdl_t *dtp, const AggDesc *d, unsigned char *key)
{
	for (int i = 0; i < d->nkeys; i++) {
		const AggKey *k = &d->keys[i];
		unsigned char *at = key + k->off;
		uint64_t a;
		if (k->kind == AGG_KEY_USYM) {
			uint32_t pid, as;
			memcpy(&pid, at, 4);
			memcpy(&as, at + 4, 4);
			memcpy(&a, at + 8, 8);
			a = usym_cache_norm(&dtp->ucache, (int)pid, a, (int)as);
			memcpy(at + 8, &a, 8);
		} else if (k->kind == AGG_KEY_INT && k->sym && k->size == 8) {
			memcpy(&a, at, 8);
			a = ksym_canon(a, k->sym == ADDR_MOD);
			memcpy(at, &a, 8);
		}
	}
}

/*
 * Merge every entry of the buffer fd, which no program can be using any
 * more, into tab: each (key, CPU) entry's words merged into the key's entry.
 */
static int drain(dtrace_hdl_t *dtp, const AggDesc *d, int fd, AggTable *tab)
{
	size_t ksize = (size_t)d->keysize + 8, vsize = (size_t)d->nvals;
	uint32_t chunk = 1 + (uint32_t)((4u << 20) / (ksize + vsize * 8)), count; /* about 4 MB */
	uint64_t batch; /* the kernel's cursor (a bucket number, for hashes) */
	unsigned char *keys = NULL;
	int64_t *vals = NULL;
	int err = 0;
	for (bool first = true, more = true; more; first = false) {
		keys = xrealloc(keys, chunk * ksize);
		vals = xrealloc(vals, chunk * vsize * sizeof(*vals));
		count = chunk;
		err = bpf_map_lookup_batch(fd, first ? NULL : &batch, &batch, keys, vals, &count,
					   NULL) ? -errno : 0;
		if (err == -ENOSPC) { /* one bucket holds more than a chunk: retry it bigger */
			chunk *= 2;
			continue;
		}
		if (err && err != -ENOENT)
			break;
		more = err == 0;
		err = 0;
		for (uint32_t k = 0; k < count; k++) {
			canon_sym_keys(dtp, d, keys + k * ksize);
			int64_t *v = agg_table_entry(tab, keys + k * ksize);
			agg_merge(d, v, vals + k * vsize);
		}
	}
	free(keys);
	free(vals);
	if (err)
		return dt_set_err(dtp, -err, "failed to read the aggregation @%s: %s", d->name,
				  strerror(-err));
	return 0;
}

/*
 * Bring the consumer's copy of aggregation d up to date, unless the last
 * snapshot began after the firing at ts: the copy then holds all that
 * firing could see, and every action of one firing acts on one snapshot
 * (printa() then clear() clears exactly what was printed).
 *
 * A snapshot points the aggregation's array-of-maps at the other buffer.
 * The kernel returns from that update only when no program can still be
 * using the old buffer (a map-in-map update waits for running programs),
 * so the old one is read with nothing racing it: every increment lands
 * either in what is drained now or in the buffer now live, none is lost or
 * counted twice, and no value is seen half updated.  The old buffer is
 * then replaced by a new, empty one: deleting 100,000 entries costs the
 * kernel half a second, a new map microseconds (the old one is freed in
 * the background).
 */
static int agg_sync(dtrace_hdl_t *dtp, const AggDesc *d, uint64_t ts)
{
	AggRun *ar = &dtp->rt.aggs[d->id - 1];
	int old = ar->live, err;
	uint32_t zero = 0;
	if (ts < ar->drained)
		return 0;
	ar->drained = now_ns();
	if (bpf_map_update_elem(dtp->rt.map_fd[MAPREF_AGG0 + d->id - 1], &zero, &ar->buf[!old], 0))
		return dt_set_err(dtp, errno, "failed to snapshot the aggregation @%s: %s", d->name,
				  strerror(errno));
	ar->live = !old;
	err = drain(dtp, d, ar->buf[old], &ar->tab);
	close(ar->buf[old]);
	ar->buf[old] = load_agg_buffer(dtp, d);
	if (!err && ar->buf[old] < 0)
		return dt_set_err(dtp, -ar->buf[old], "failed to create a buffer of @%s: %s",
				  d->name, strerror(-ar->buf[old]));
	return err;
}

/* The aggsort options as the sort wants them (dt_aggregate_qsort's reading of them). */
static AggSort sort_opts(const Options *o)
{
	AggSort s = {.bykey = o->aggsortkey != DTRACEOPT_UNSET,
		     .rev = o->aggsortrev != DTRACEOPT_UNSET};
	if (o->aggsortkeypos != DTRACEOPT_UNSET && o->aggsortkeypos <= INT32_MAX)
		s.keypos = (int)o->aggsortkeypos;
	if (o->aggsortpos != DTRACEOPT_UNSET && o->aggsortpos <= INT32_MAX)
		s.valpos = (int)o->aggsortpos;
	return s;
}

/*
 * One row through a printa() format: the keys are the arguments, the %@
 * conversions take each aggregation's value in turn (a distribution as its
 * text, as DTrace prints it whatever the conversion).
 */
static void printa_row(StrBuf *out, const AggJoin *j, const AggRow *row, const PfFormat *fmt)
{
	const AggDesc *d = j->d[0];
	PfValue keys[16], *vals = xcalloc((size_t)j->n, sizeof(*vals));
	StrBuf *texts = xcalloc((size_t)j->n, sizeof(*texts));
	for (int k = 0; k < d->nkeys; k++) {
		const AggKey *key = &d->keys[k];
		const unsigned char *at = row->key + key->off;
		if (key->kind == AGG_KEY_STR)
			keys[k] = (PfValue){.kind = PF_ARG_STRING, .s = (const char *)at};
		else if (key->kind == AGG_KEY_STACK) /* %k is missing: the top frame's PC */
			keys[k] = (PfValue){.kind = PF_ARG_INT, .size = 8,
					    .i = (int64_t)read_int(at, 8, false)};
		else
			keys[k] = (PfValue){.kind = PF_ARG_INT, .size = key->size,
					    .is_signed = key->is_signed,
					    .i = read_int(at, key->size, key->is_signed)};
	}
	for (int i = 0; i < j->n; i++) {
		const AggEntry *e = row->cell[i];
		if (agg_is_dist(j->d[i])) {
			agg_print_value(&texts[i], j->d[i], e);
			vals[i] = (PfValue){.kind = PF_ARG_TEXT, .s = texts[i].s};
		} else {
			vals[i] = (PfValue){.kind = PF_ARG_INT, .size = 8,
					    .is_signed = j->d[i]->func != AGG_STDDEV,
					    .i = agg_scalar(j->d[i], e->val, e->normal)};
		}
	}
	PfEnv env = {.agg = vals, .naggs = j->n, .addr2str = kaddr2str};
	pf_format_env(fmt, keys, d->nkeys, &env, out);
	for (int i = 0; i < j->n; i++)
		sb_free(&texts[i]);
	free(texts);
	free(vals);
}

/*
 * printa() and the printing at exit: the n aggregations, snapshotted for a
 * firing at ts, joined by key, in the order the aggsort options ask, each
 * row through fmt or in the default format.  Those that printed a row
 * count as printed: dtrace(1) does not print them again at exit.
 */
static int print_aggs(dtrace_hdl_t *dtp, FILE *fp, const AggDesc **d, int n, const PfFormat *fmt,
		      uint64_t ts)
{
	AggEntry **ents;
	int *counts;
	AggSort opt = sort_opts(&dtp->opt);
	StrBuf out = {0};
	AggJoin j;
	for (int i = 0; i < n; i++)
		if (agg_sync(dtp, d[i], ts))
			return -1;
	ents = xcalloc((size_t)n, sizeof(*ents));
	counts = xcalloc((size_t)n, sizeof(*counts));
	for (int i = 0; i < n; i++) {
		AggTable *tab = &dtp->rt.aggs[d[i]->id - 1].tab;
		ents[i] = agg_table_entries(tab);
		counts[i] = tab->n;
	}
	agg_join(&j, d, n, ents, counts);
	j.keyfmt = ustack_key;
	j.keyfmt_arg = dtp;
	agg_join_sort(&j, &opt);
	for (int r = 0; r < j.nrows; r++) {
		if (fmt)
			printa_row(&out, &j, &j.rows[r], fmt);
		else
			agg_print_row(&out, &j, &j.rows[r]);
	}
	for (int i = 0; i < n && j.nrows; i++)
		dtp->rt.aggs[d[i]->id - 1].printed = true;
	if (out.len)
		fwrite(out.s, 1, out.len, fp);
	sb_free(&out);
	agg_join_free(&j);
	for (int i = 0; i < n; i++)
		free(ents[i]);
	free(ents);
	free(counts);
	return 0;
}

/* printa(): without a format, a blank line first (dt_consume.c). */
static int cons_printa(dtrace_hdl_t *dtp, FILE *fp, const RecItem *it, uint64_t ts)
{
	if (!it->fmt)
		fputc('\n', fp);
	return print_aggs(dtp, fp, it->aggs, it->naggs, it->fmt, ts);
}

/* Argument item i of an action: an integer, or a string (constant or recorded). */
static int64_t arg_int(const RecLayout *cl, int i, const unsigned char *d)
{
	const RecItem *a = cl->items.data[i];
	return read_int(d + a->off, a->size, a->is_signed);
}

static const char *arg_str(const RecLayout *cl, int i, const unsigned char *d)
{
	const RecItem *a = cl->items.data[i];
	return a->kind == REC_CSTR ? a->cstr : (const char *)d + a->off;
}

/*
 * setopt(): only the options the consumer reads while tracing can change
 * now; any other failure is reported as DTrace's dt_setopt reports it,
 * blank line included (its message and its error format both end in one).
 */
static void do_setopt(dtrace_hdl_t *dtp, const RecLayout *cl, int i, const unsigned char *d,
		      const Probe *p)
{
	const char *opt = arg_str(cl, i + 1, d), *val = NULL, *why = NULL;
	dtrace_optval_t old;
	if (((RecItem *)cl->items.data[i])->nargs > 1)
		val = arg_str(cl, i + 2, d);
	if (!dt_runtime_opt(dtp, opt))
		why = dtrace_getopt(dtp, opt, &old) ? "Invalid option name"
						    : "Operation illegal when tracing is active";
	else if (dtrace_setopt(dtp, opt, val))
		why = "Invalid value for specified option";
	if (why)
		fprintf(stderr, "dtrace: error on enabled probe ID %u (ID %u: %s:%s:%s:%s): "
			"couldn't set option \"%s\" to \"%s\": %s\n\n", cl->clause->stid, p->id,
			p->prv, p->mod, p->func, p->name, opt, val ? val : "1", why);
}

/* clear(), trunc(), normalize(), denormalize() and setopt() at item i. */
static int lib_action(dtrace_hdl_t *dtp, const RecLayout *cl, int i, const unsigned char *d,
		      const Probe *p, uint64_t ts)
{
	const RecItem *it = cl->items.data[i];
	AggTable *tab;
	if (it->kind == REC_SETOPT) {
		do_setopt(dtp, cl, i, d, p);
		return 0;
	}
	if (agg_sync(dtp, it->aggs[0], ts))
		return -1;
	tab = &dtp->rt.aggs[it->aggs[0]->id - 1].tab;
	switch (it->kind) {
	case REC_CLEAR: agg_table_clear(tab); break;
	case REC_TRUNC: agg_table_trunc(tab, it->nargs ? arg_int(cl, i + 1, d) : 0); break;
	case REC_NORMALIZE: agg_table_normalize(tab, arg_int(cl, i + 1, d)); break;
	default: agg_table_normalize(tab, 1); break; /* denormalize() */
	}
	return 0;
}

int dtrace_aggregate_print(dtrace_hdl_t *dtp, FILE *fp)
{
	int n = dtp->syms.aggs.len;
	bool rev = dtp->opt.aggsortrev != DTRACEOPT_UNSET;
	uint64_t now = now_ns();
	if (!dtp->going)
		return 0;
	for (int k = 0; k < n; k++) {
		/* By aggregation id, as DTrace's sort puts them (aggsortrev reverses that too). */
		const AggDesc *d = dtp->syms.aggs.data[rev ? n - 1 - k : k];
		if (!dtp->rt.aggs[d->id - 1].printed && print_aggs(dtp, fp, &d, 1, NULL, now))
			return -1;
	}
	return 0;
}
