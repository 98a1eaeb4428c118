/*
 * cons.c - the consumer: takes records from the ring buffer and gives
 * DTrace's output, using each clause's record layout (RecItem) to decode
 * the data; reports drops and faults in DTrace's words.
 *
 * The output formats follow DTrace's consumer byte for byte: trace() of an
 * integer prints " %16lld" (8 bytes), " %8d", " %5d", " %3d" by size, or
 * just the number with -q; strings print as "  %-33s", or "%s" with -q.
 */
#include <bpf/bpf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "hdl.h"

static const char *fault_name(uint32_t kind)
{
	switch (kind) {
	case DTRACEFLT_BADADDR: return "invalid address";
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

/* printf: the item is followed by its nargs argument items. */
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
			vals[n].kind = PF_ARG_INT;
			vals[n].size = a->size;
			vals[n].is_signed = a->is_signed;
			vals[n].i = read_int(d + a->off, a->size, a->is_signed);
		}
	}
	StrBuf out = {0};
	pf_format(it->fmt, vals, n, &out);
	if (out.len)
		fwrite(out.s, 1, out.len, fp);
	sb_free(&out);
	for (int k = 0; k < n; k++)
		free(strs[k]);
	(void)dtp;
	return i + it->nargs;
}

static void cons_printa(dtrace_hdl_t *dtp, FILE *fp, const AggDesc *d, const PfFormat *fmt);

static void consume_record(dtrace_hdl_t *dtp, RecLayout *cl, const Probe *p, uint16_t cpu,
			   uint64_t ts, const unsigned char *d, int dlen)
{
	FILE *fp = dtp->out;
	bool quiet = dtp->opt.quiet;
	dtrace_probedesc_t pd = {p->id, p->prv, p->mod, p->func, p->name};
	dtrace_probedata_t data = {&pd, cpu, (uint32_t)cl->clause->stid, ts};
	if (dtp->pf && dtp->pf(&data, dtp->cbarg) != DTRACE_CONSUME_THIS)
		return;
	for (int i = 0; i < cl->items.len; i++) {
		RecItem *it = cl->items.data[i];
		dtrace_recdesc_t rd = {DTRACEACT_DIFEXPR, (uint32_t)it->size, (uint32_t)it->off};
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
			if (it->kind == REC_PRINTF)
				i += it->nargs;
			continue;
		}
		if (it->off + it->size > dlen)
			break;
		switch (it->kind) {
		case REC_INT: print_trace_int(fp, quiet, d + it->off, it->size); break;
		case REC_STR: print_trace_str(fp, quiet, (const char *)d + it->off); break;
		case REC_CSTR: print_trace_str(fp, quiet, it->cstr); break;
		case REC_PRINTF: i = do_printf(dtp, fp, cl, i, d, dlen); break;
		case REC_PRINTA: cons_printa(dtp, fp, it->agg, it->fmt); break;
		case REC_EXIT: break;
		}
	}
	if (dtp->rf)
		dtp->rf(&data, NULL, dtp->cbarg);
}

/* libbpf ring buffer callback: one record. */
static int on_record(void *ctx, void *raw, size_t len)
{
	dtrace_hdl_t *dtp = ctx;
	const unsigned char *r = raw;
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
	consume_record(dtp, dtp->syms.recs.data[stid - 1], p, cpu, ts, r + RH_SIZE,
		       (int)len - RH_SIZE);
	return 0;
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
	if (n < 0 && n != -EINTR)
		return dt_set_err(dtp, -n, "failed to read the ring buffer: %s", strerror(-n));
	return 0;
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
	int err = 0;
	for (uint32_t cpu = 0; cpu < (uint32_t)rt->ncpus && !err; cpu++)
		err = bpf_map_lookup_elem(rt->map_fd[MAPREF_MSTATE], &cpu, vals + cpu * vsize);
	if (!err) {
		uint64_t errdrops = 0, dyndrops = 0;
		if (!dtp->aggdrops_seen)
			dtp->aggdrops_seen = xcalloc((size_t)rt->ncpus, sizeof(uint64_t));
		for (int c = 0; c < rt->ncpus; c++) {
			uint64_t d, e, a;
			memcpy(&d, vals + (size_t)c * vsize + MS_DROPS, 8);
			memcpy(&e, vals + (size_t)c * vsize + MS_ERRDROPS, 8);
			memcpy(&a, vals + (size_t)c * vsize + MS_AGGDROPS, 8);
			errdrops += e;
			memcpy(&e, vals + (size_t)c * vsize + MS_DYNDROPS, 8);
			dyndrops += e;
			if (a > dtp->aggdrops_seen[c]) {
				uint64_t n = a - dtp->aggdrops_seen[c];
				fprintf(stderr, "dtrace: %llu aggregation drop%s on CPU %d\n",
					(unsigned long long)n, n == 1 ? "" : "s", c);
				dtp->aggdrops_seen[c] = a;
			}
			if (d > dtp->drops_seen[c]) {
				uint64_t n = d - dtp->drops_seen[c];
				fprintf(stderr, "dtrace: %llu drop%s on CPU %d\n", (unsigned long long)n,
					n == 1 ? "" : "s", c);
				dtp->drops_seen[c] = d;
			}
		}
		if (dyndrops > dtp->dyndrops_seen) {
			uint64_t n = dyndrops - dtp->dyndrops_seen;
			fprintf(stderr, "dtrace: %llu dynamic variable drop%s\n", (unsigned long long)n,
				n == 1 ? "" : "s");
			dtp->dyndrops_seen = dyndrops;
		}
		if (errdrops > dtp->errdrops_seen) {
			uint64_t n = errdrops - dtp->errdrops_seen;
			fprintf(stderr, "dtrace: %llu error%s lost (buffer full)\n",
				(unsigned long long)n, n == 1 ? "" : "s");
			dtp->errdrops_seen = errdrops;
		}
	}
	free(vals);
}

/*
 * Snapshot one aggregation: every key's per-CPU values, merged.  Entries
 * that never received data are left out.  Returns the number of entries;
 * *keys and *vals are heap arrays the caller frees.
 */
static int agg_snapshot(dtrace_hdl_t *dtp, const AggDesc *d, unsigned char **keys, int64_t **vals)
{
	int fd = dtp->rt.map_fd[MAPREF_AGG0 + d->id - 1], ncpus = dtp->rt.ncpus, n = 0, cap = 64;
	size_t vsize = (size_t)d->nvals * 8;
	unsigned char *k = xmalloc((size_t)d->keysize), *prevbuf = xmalloc((size_t)d->keysize);
	unsigned char *prev = NULL;
	int64_t *percpu = xmalloc(vsize * (size_t)ncpus);
	*keys = xmalloc((size_t)cap * (size_t)d->keysize);
	*vals = xmalloc((size_t)cap * vsize);
	/* Nothing deletes keys while we walk (clear()/trunc() are not there yet). */
	for (; fd >= 0 && bpf_map_get_next_key(fd, prev, k) == 0; prev = prevbuf) {
		memcpy(prevbuf, k, (size_t)d->keysize);
		if (bpf_map_lookup_elem(fd, k, percpu) != 0)
			continue;
		if (n == cap) {
			cap *= 2;
			*keys = xrealloc(*keys, (size_t)cap * (size_t)d->keysize);
			*vals = xrealloc(*vals, (size_t)cap * vsize);
		}
		int64_t *v = *vals + (size_t)n * (size_t)d->nvals;
		memset(v, 0, vsize);
		for (int c = 0; c < ncpus; c++)
			agg_merge(d, v, percpu + (size_t)c * (size_t)d->nvals);
		/* Being in the map is the data: a key whose sum is 0 still prints. */
		memcpy(*keys + (size_t)n * (size_t)d->keysize, k, (size_t)d->keysize);
		n++;
	}
	free(prevbuf);
	free(k);
	free(percpu);
	return n;
}

/* A snapshot as entries for agg_print/agg_sort. */
typedef struct Snap {
	unsigned char *keys;
	int64_t *vals;
	AggEntry *e;
	int n;
} Snap;

static void snap_take(dtrace_hdl_t *dtp, const AggDesc *d, Snap *sn)
{
	sn->n = agg_snapshot(dtp, d, &sn->keys, &sn->vals);
	sn->e = xcalloc((size_t)sn->n + 1, sizeof(*sn->e));
	for (int j = 0; j < sn->n; j++) {
		sn->e[j].key = sn->keys + (size_t)j * (size_t)d->keysize;
		sn->e[j].val = sn->vals + (size_t)j * (size_t)d->nvals;
	}
}

static void snap_free(Snap *sn)
{
	free(sn->e);
	free(sn->keys);
	free(sn->vals);
}

/* The value printa()'s %@ conversions see. */
static PfValue agg_value(const AggDesc *d, const int64_t *val)
{
	PfValue v = {.kind = PF_ARG_INT, .size = 8, .is_signed = 1, .i = val[0]};
	if (d->func == AGG_AVG)
		v.i = agg_avg(val);
	else if (d->func == AGG_STDDEV)
		v.i = (int64_t)agg_stddev(val), v.is_signed = 0;
	return v;
}

/* One entry through a printa() format: the keys are the arguments, %@ the value. */
static void printa_entry(StrBuf *out, const AggDesc *d, const AggEntry *e, const PfFormat *fmt)
{
	PfValue keys[16];
	for (int k = 0; k < d->nkeys; k++) {
		const AggKey *key = &d->keys[k];
		memset(&keys[k], 0, sizeof(keys[k]));
		if (key->kind == AGG_KEY_STR) {
			keys[k].kind = PF_ARG_STRING;
			keys[k].s = (const char *)e->key + key->off;
		} else {
			keys[k].kind = PF_ARG_INT;
			keys[k].size = key->size;
			keys[k].is_signed = key->is_signed;
			keys[k].i = read_int(e->key + key->off, key->size, key->is_signed);
		}
	}
	PfValue v = agg_value(d, e->val);
	PfEnv env = {.agg = &v};
	pf_format_env(fmt, keys, d->nkeys, &env, out);
}

/*
 * Print an aggregation: with a format, each entry through it, in agg_sort
 * order; without one, as DTrace's default output (printa(@a) puts a blank
 * line first, the printing at exit does not).
 */
static void print_agg(dtrace_hdl_t *dtp, FILE *fp, const AggDesc *d, const PfFormat *fmt,
		      bool blank_first)
{
	Snap sn;
	StrBuf out = {0};
	snap_take(dtp, d, &sn);
	if (blank_first)
		sb_putc(&out, '\n');
	if (fmt) {
		agg_sort(d, sn.e, sn.n);
		for (int j = 0; j < sn.n; j++)
			printa_entry(&out, d, &sn.e[j], fmt);
	} else if (sn.n) {
		agg_print(&out, d, sn.e, sn.n);
	}
	if (out.len)
		fwrite(out.s, 1, out.len, fp);
	sb_free(&out);
	snap_free(&sn);
}

/* printa(): print now, and not again at exit (as DTrace). */
static void cons_printa(dtrace_hdl_t *dtp, FILE *fp, const AggDesc *d, const PfFormat *fmt)
{
	print_agg(dtp, fp, d, fmt, !fmt);
	if (d->id <= 64)
		dtp->agg_printed |= 1ULL << (d->id - 1);
}

int dtrace_aggregate_print(dtrace_hdl_t *dtp, FILE *fp)
{
	if (!dtp->going)
		return 0;
	for (int i = 0; i < dtp->syms.aggs.len; i++) {
		const AggDesc *d = dtp->syms.aggs.data[i];
		if (d->id <= 64 && (dtp->agg_printed & (1ULL << (d->id - 1))))
			continue; /* printa() printed it: DTrace does not print it again */
		print_agg(dtp, fp, d, NULL, false);
	}
	return 0;
}
