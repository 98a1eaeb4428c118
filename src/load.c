/*
 * load.c - the runtime's kernel side: creates the maps, links each probe
 * kind's program, generates its BTF (function info: needed for timer
 * callbacks, and it names our functions in verifier logs), loads it, and
 * starts it: BEGIN and END by a test run, ticks by a test run that arms
 * their timers.
 *
 * Every fd belongs to the handle's Runtime; load_close() releases them all
 * and is safe to call twice.  Nothing here is attached through tracefs, so
 * a killed dtrace leaves nothing behind: the kernel frees maps, timers and
 * programs with the last fd.
 */
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <pthread.h>
#include <time.h>
#include <asm/ptrace.h> /* struct pt_regs, x86-64 */
#include <linux/perf_event.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "hdl.h"
#include "tracefs.h"

/* enum bpf_attach_type's BPF_TRACE_UPROBE_MULTI (Linux 6.6; not in Debian 12's headers) */
#define DT_BPF_TRACE_UPROBE_MULTI 48

static int map_create(dtrace_hdl_t *dtp, MapRef m, enum bpf_map_type type, const char *name,
		      uint32_t vsize, uint32_t n, uint32_t flags)
{
	LIBBPF_OPTS(bpf_map_create_opts, o, .map_flags = flags);
	uint32_t ksize = type == BPF_MAP_TYPE_RINGBUF ? 0 : 4;
	if (type == BPF_MAP_TYPE_RINGBUF)
		vsize = 0;
	int fd = bpf_map_create(type, name, ksize, vsize, n, &o);
	if (fd < 0)
		return dt_set_err(dtp, -fd, "failed to create BPF map %s: %s%s", name, strerror(-fd),
				  -fd == EPERM ? " (need root or CAP_BPF+CAP_PERFMON)" : "");
	dtp->rt.map_fd[m] = fd;
	return 0;
}

/* The timer map needs BTF: the verifier finds struct bpf_timer through it. */
static int timers_create(dtrace_hdl_t *dtp, struct btf *btf, int n)
{
	int u32 = btf__add_int(btf, "unsigned int", 4, 0);
	int u64 = btf__add_int(btf, "unsigned long long", 8, 0);
	int arr = btf__add_array(btf, u32, u64, 2);
	int timer = btf__add_struct(btf, "bpf_timer", 16);
	btf__add_field(btf, "__opaque", arr, 0, 0);
	int val = btf__add_struct(btf, "dt_tick_timer", TM_SIZE);
	btf__add_field(btf, "timer", timer, TM_TIMER * 8, 0);
	btf__add_field(btf, "next", u64, TM_NEXT * 8, 0);
	btf__add_field(btf, "period", u64, TM_PERIOD * 8, 0);
	btf__add_field(btf, "prid", u32, TM_PRID * 8, 0);
	int err = btf__load_into_kernel(btf);
	if (err)
		return dt_set_err(dtp, -err, "failed to load BTF for tick timers: %s", strerror(-err));
	LIBBPF_OPTS(bpf_map_create_opts, o, .btf_fd = btf__fd(btf), .btf_key_type_id = (uint32_t)u32,
		    .btf_value_type_id = (uint32_t)val);
	int fd = bpf_map_create(BPF_MAP_TYPE_ARRAY, "dt_timers", 4, TM_SIZE, (uint32_t)n, &o);
	if (fd < 0)
		return dt_set_err(dtp, -fd, "failed to create the tick timer map: %s", strerror(-fd));
	dtp->rt.map_fd[MAPREF_TIMERS] = fd;
	return 0;
}

static uint32_t pow2_at_least(uint64_t v, uint32_t min)
{
	uint64_t p = min;
	while (p < v && p < (1u << 30))
		p <<= 1;
	return (uint32_t)p;
}

static int maps_create(dtrace_hdl_t *dtp, int maxrec)
{
	Runtime *rt = &dtp->rt;
	int rec_base = cg_rec_base((int)dtp->opt.strsize);
	rt->mstate_size = rec_base + RH_SIZE + maxrec;
	int gsize = (dtp->syms.gvars_size + 7) & ~7;
	if (gsize < GV_USER)
		gsize = GV_USER;
	int ssize = (int)dtp->syms.strtab.len ? (int)dtp->syms.strtab.len : 8;
	uint32_t ring = pow2_at_least((uint64_t)dtp->opt.bufsize, 4096);
	/*
	 * One machine state per CPU, indexed by the CPU number: a plain array
	 * rather than a per-CPU one, whose values may not exceed 32 KB (eight
	 * 4 KB string temporaries and a key of four 4 KB strings do).
	 */
	if (map_create(dtp, MAPREF_MSTATE, BPF_MAP_TYPE_ARRAY, "dt_mstate",
		       (uint32_t)rt->mstate_size, (uint32_t)rt->ncpus, 0) ||
	    map_create(dtp, MAPREF_GVARS, BPF_MAP_TYPE_ARRAY, "dt_gvars", (uint32_t)gsize, 1,
		       BPF_F_MMAPABLE) ||
	    map_create(dtp, MAPREF_STRTAB, BPF_MAP_TYPE_ARRAY, "dt_strtab", (uint32_t)ssize, 1,
		       BPF_F_RDONLY_PROG) ||
	    map_create(dtp, MAPREF_RING, BPF_MAP_TYPE_RINGBUF, "dt_ring", 0, ring, 0))
		return -1;
	char *s = xcalloc(1, (size_t)ssize);
	memcpy(s, dtp->syms.strtab.s ? dtp->syms.strtab.s : "", dtp->syms.strtab.len);
	uint32_t key = 0;
	int err = bpf_map_update_elem(rt->map_fd[MAPREF_STRTAB], &key, s, 0);
	free(s);
	if (!err)
		err = bpf_map_freeze(rt->map_fd[MAPREF_STRTAB]);
	if (err)
		return dt_set_err(dtp, errno, "failed to fill the string table: %s", strerror(errno));
	if (dtp->syms.tvars_size &&
	    map_create(dtp, MAPREF_TVARS, BPF_MAP_TYPE_PERCPU_ARRAY, "dt_tvars",
		       (uint32_t)((dtp->syms.tvars_size + 7) & ~7), 1, 0))
		return -1;
	rt->gvars_len = (size_t)((gsize + 4095) & ~4095);
	rt->gvars = mmap(NULL, rt->gvars_len, PROT_READ | PROT_WRITE, MAP_SHARED,
			 rt->map_fd[MAPREF_GVARS], 0);
	if (rt->gvars == MAP_FAILED) {
		rt->gvars = NULL;
		return dt_set_err(dtp, errno, "failed to map global variables: %s", strerror(errno));
	}
	/* walltimestamp = the monotonic clock (bpf_ktime_get_ns) + this offset */
	struct timespec rtc, mono;
	clock_gettime(CLOCK_REALTIME, &rtc);
	clock_gettime(CLOCK_MONOTONIC, &mono);
	int64_t off = ((int64_t)rtc.tv_sec - mono.tv_sec) * 1000000000 + (rtc.tv_nsec - mono.tv_nsec);
	memcpy((char *)rt->gvars + GV_WALLOFF, &off, sizeof(off));
	return 0;
}

/*
 * One hash per thread-local variable and associative array.  Entries are
 * allocated as they are stored (BPF_F_NO_PREALLOC), so dynvarsize bounds
 * each map's entries without reserving the memory up front.
 */
static int dvars_create(dtrace_hdl_t *dtp)
{
	for (int i = 0; i < dtp->syms.dvars.len; i++) {
		Var *v = dtp->syms.dvars.data[i];
		uint32_t vsize = (uint32_t)v->type->size;
		uint64_t n = (uint64_t)dtp->opt.dynvarsize / ((uint64_t)v->keysize + vsize);
		if (n < 1)
			n = 1;
		LIBBPF_OPTS(bpf_map_create_opts, o, .map_flags = BPF_F_NO_PREALLOC);
		int fd = bpf_map_create(BPF_MAP_TYPE_HASH, "dt_dvar", (uint32_t)v->keysize, vsize,
					(uint32_t)n, &o);
		if (fd < 0)
			return dt_set_err(dtp, -fd, "failed to create the map of %s%s: %s",
					  v->kind == VAR_TLS ? "self->" : "", v->name, strerror(-fd));
		dtp->rt.map_fd[MAPREF_DVAR0 + v->id - 1] = fd;
	}
	return 0;
}

/* The instruction a verifier log complains about: the last "N: (..)" line. */
static int log_failing_insn(const char *log)
{
	int idx = -1;
	for (const char *l = log; l && *l; l = strchr(l, '\n'), l = l ? l + 1 : NULL) {
		int n;
		char c;
		if (sscanf(l, "%d: %c", &n, &c) == 2 && c == '(')
			idx = n;
	}
	return idx;
}

static void report_verifier(dtrace_hdl_t *dtp, LinkedProg *lp, const char *log, int err)
{
	int idx = log_failing_insn(log);
	Pos pos = idx >= 0 && idx < lp->code.n ? lp->code.pos[idx] : (Pos){0};
	StrBuf msg = {0};
	sb_printf(&msg, "the BPF verifier rejected the program for %s (%s): this is a bug in dtrace, "
		  "please report it", lp->name, strerror(err));
	if (pos.src)
		diag_error(&dtp->diag, pos, "D_VERIFIER", "%s", msg.s);
	else
		diag_error_nopos(&dtp->diag, "D_VERIFIER", "%s", msg.s);
	if (dtp->opt.verbose)
		fprintf(stderr, "%s", log);
	else
		fprintf(stderr, "dtrace: run with -x verbose to see the verifier log\n");
	sb_free(&msg);
}

static int prog_btf(struct btf *btf, LinkedProg *lp, struct bpf_func_info *fi)
{
	int i32 = btf__add_int(btf, "int", 4, BTF_INT_SIGNED);
	int ptr = btf__add_ptr(btf, 0);
	for (int i = 0; i < lp->nfuncs; i++) {
		int proto = btf__add_func_proto(btf, i32);
		int nparams = (lp->kind == PK_TICK && i == 1) ? 3 : 1;
		for (int k = 0; k < nparams; k++)
			btf__add_func_param(btf, k == 0 ? "a" : k == 1 ? "b" : "c", ptr);
		int f = btf__add_func(btf, lp->funcs[i].name,
				      i == 0 ? BTF_FUNC_GLOBAL : BTF_FUNC_STATIC, proto);
		fi[i].insn_off = (uint32_t)lp->funcs[i].start;
		fi[i].type_id = (uint32_t)f;
	}
	return btf__load_into_kernel(btf);
}

static enum bpf_prog_type prog_type(ProbeKind kind)
{
	switch (kind) {
	case PK_SYSCALL_ENTRY:
	case PK_SYSCALL_RETURN:
	case PK_THREAD_EXIT:
	case PK_RAWTP:
		return BPF_PROG_TYPE_RAW_TRACEPOINT;
	case PK_PROFILE:
		return BPF_PROG_TYPE_PERF_EVENT;
	case PK_SDT:
		return BPF_PROG_TYPE_TRACEPOINT;
	case PK_UPROBE_ENTRY:
	case PK_UPROBE_RETURN:
	case PK_USDT:
		return BPF_PROG_TYPE_KPROBE;
	default:
		return BPF_PROG_TYPE_SOCKET_FILTER;
	}
}

static int prog_load(dtrace_hdl_t *dtp, LinkedProg *lp)
{
	struct btf *btf = btf__new_empty();
	struct bpf_func_info *fi = xcalloc((size_t)lp->nfuncs, sizeof(*fi));
	char *log = NULL;
	int fd, err = prog_btf(btf, lp, fi);
	if (err) {
		err = dt_set_err(dtp, -err, "failed to load BTF for %s: %s", lp->name, strerror(-err));
		goto out;
	}
	for (int attempt = 0; attempt < 2; attempt++) {
		LIBBPF_OPTS(bpf_prog_load_opts, o, .prog_btf_fd = (uint32_t)btf__fd(btf),
			    .func_info = fi, .func_info_cnt = (uint32_t)lp->nfuncs,
			    .func_info_rec_size = sizeof(*fi));
		if (attempt) {
			o.log_size = 16 << 20;
			o.log_buf = log = xcalloc(1, o.log_size);
			o.log_level = 1;
		}
		bool uprobe = lp->kind == PK_UPROBE_ENTRY || lp->kind == PK_UPROBE_RETURN ||
			      lp->kind == PK_USDT;
		if (uprobe && !dtp->rt.uprobe_perf)
			o.expected_attach_type = (enum bpf_attach_type)DT_BPF_TRACE_UPROBE_MULTI;
		fd = bpf_prog_load(prog_type(lp->kind), lp->name, "GPL", lp->code.insn,
				   (size_t)lp->code.n, &o);
		if (fd >= 0) {
			lp->fd = fd;
			err = 0;
			goto out;
		}
		err = -fd;
		if (err == EPERM) {
			err = dt_set_err(dtp, EPERM, "failed to load BPF program %s: %s "
					 "(need root or CAP_BPF+CAP_PERFMON)", lp->name, strerror(EPERM));
			goto out;
		}
	}
	report_verifier(dtp, lp, log, err);
	err = dt_set_err(dtp, err, "failed to enable probes");
out:
	free(log);
	free(fi);
	btf__free(btf);
	return err ? -1 : 0;
}

static int test_run(dtrace_hdl_t *dtp, LinkedProg *lp)
{
	char pkt[64] = {0};
	LIBBPF_OPTS(bpf_test_run_opts, o, .data_in = pkt, .data_size_in = sizeof(pkt), .repeat = 1);
	int err = bpf_prog_test_run_opts(lp->fd, &o);
	if (err)
		return dt_set_err(dtp, -err, "failed to run %s: %s", lp->name, strerror(-err));
	return 0;
}

static LinkedProg *prog_of(dtrace_hdl_t *dtp, ProbeKind kind)
{
	for (int i = 0; i < dtp->rt.nprogs; i++)
		if (dtp->rt.progs[i].kind == kind)
			return &dtp->rt.progs[i];
	return NULL;
}

/* Group the enabled probes by kind: one program per kind that has any. */
static void link_all(dtrace_hdl_t *dtp, const LinkInput *in)
{
	static const ProbeKind kinds[] = {PK_BEGIN, PK_END, PK_TICK, PK_PROFILE,
					  PK_SYSCALL_ENTRY, PK_SYSCALL_RETURN, PK_SDT, PK_RAWTP,
					  PK_UPROBE_ENTRY, PK_UPROBE_RETURN, PK_USDT};
	for (size_t k = 0; k < ARRAY_SIZE(kinds); k++) {
		Vec probes = {0};
		for (int i = 0; i < dtp->clauses.len; i++) {
			Clause *cl = dtp->clauses.data[i];
			for (int j = 0; j < cl->probes.len; j++) {
				Probe *p = cl->probes.data[j];
				bool seen = false;
				for (int m = 0; m < probes.len; m++)
					seen |= probes.data[m] == p;
				if (p->kind == kinds[k] && !seen)
					vec_push(&probes, p);
			}
		}
		if (probes.len)
			link_program(&dtp->rt.progs[dtp->rt.nprogs++], in, kinds[k], &probes);
		vec_free(&probes);
	}
}

static int timers_fill(dtrace_hdl_t *dtp, LinkedProg *lp)
{
	for (int i = 0; i < lp->probes.len; i++) {
		Probe *p = lp->probes.data[i];
		unsigned char v[TM_SIZE] = {0};
		memcpy(v + TM_PERIOD, &p->arg, 8);
		memcpy(v + TM_PRID, &p->id, 4);
		uint32_t key = (uint32_t)i;
		if (bpf_map_update_elem(dtp->rt.map_fd[MAPREF_TIMERS], &key, v, 0))
			return dt_set_err(dtp, errno, "failed to set up tick timers: %s", strerror(errno));
	}
	return 0;
}

/*
 * The names of every enabled probe go into the string table, for clauses
 * whose probes differ in probefunc & co. (cg.c reads them through
 * MAPREF_PROBES).  Returns the map's contents, indexed by probe id.
 */
static unsigned char *probe_names(dtrace_hdl_t *dtp)
{
	int n = dtp->probes.probes.len + 1;
	unsigned char *tab = xcalloc((size_t)n, PR_SIZE);
	for (int i = 0; i < dtp->clauses.len; i++) {
		Clause *cl = dtp->clauses.data[i];
		for (int j = 0; j < cl->probes.len; j++) {
			Probe *p = cl->probes.data[j];
			const char *f[4] = {p->prv, p->mod, p->func, p->name};
			for (int k = 0; k < 4; k++) {
				uint32_t off = (uint32_t)symtab_string(&dtp->syms, f[k], (int)strlen(f[k]));
				memcpy(tab + (size_t)p->id * PR_SIZE + 4 * k, &off, 4);
			}
		}
	}
	return tab;
}

static int probes_fill(dtrace_hdl_t *dtp, unsigned char *tab)
{
	int n = dtp->probes.probes.len + 1;
	for (int i = 0; i < dtp->rt.nprogs; i++) {
		LinkedProg *lp = &dtp->rt.progs[i];
		for (int j = 0; j < lp->probes.len; j++) {
			Probe *p = lp->probes.data[j];
			uint64_t mask = link_probe_mask(lp, p);
			memcpy(tab + (size_t)p->id * PR_SIZE + PR_MASK, &mask, 8);
		}
	}
	if (map_create(dtp, MAPREF_PROBES, BPF_MAP_TYPE_ARRAY, "dt_probes", PR_SIZE, (uint32_t)n, 0))
		return -1;
	for (int i = 0; i < dtp->clauses.len; i++) {
		Clause *cl = dtp->clauses.data[i];
		for (int j = 0; j < cl->probes.len; j++) {
			uint32_t id = ((Probe *)cl->probes.data[j])->id;
			if (bpf_map_update_elem(dtp->rt.map_fd[MAPREF_PROBES], &id, tab + id * PR_SIZE, 0))
				return dt_set_err(dtp, errno, "failed to fill the probe map: %s",
						  strerror(errno));
		}
	}
	return 0;
}

/*
 * One buffer of an aggregation: a per-CPU hash sized for its own key and
 * value, allocated as keys arrive (only what is in use costs memory).
 */
/*
 * One buffer of aggregation d: a hash whose key is the tuple followed by
 * the CPU number (8 bytes), so each CPU updates entries of its own without
 * atomics, as a per-CPU hash would let it.  Not a per-CPU hash: without
 * preallocation (which costs tens of milliseconds at 16k entries), the
 * kernel allocates a per-CPU hash's values from a cache of at most three
 * per CPU, refilled from irq_work, and a burst of new keys on one CPU (or
 * the timer callbacks of tick-N here) found it empty; a plain hash's cache
 * holds dozens.  It also takes memory only for the CPUs a key was seen on.
 * Entries are (key, CPU) pairs: up to aggsize keys on every CPU.
 */
int load_agg_buffer(dtrace_hdl_t *dtp, const AggDesc *d)
{
	LIBBPF_OPTS(bpf_map_create_opts, o, .map_flags = BPF_F_NO_PREALLOC);
	return bpf_map_create(BPF_MAP_TYPE_HASH, "dt_agg", (uint32_t)d->keysize + 8,
			      (uint32_t)d->nvals * 8,
			      (uint32_t)(dtp->opt.aggsize * (uint64_t)dtp->rt.ncpus), &o);
}

/*
 * Per aggregation: two buffers, and an array-of-maps whose one slot holds
 * the buffer the programs update; the consumer swaps them to take
 * snapshots (cons.c).
 */
static int agg_create(dtrace_hdl_t *dtp, const AggDesc *d, AggRun *ar)
{
	uint32_t zero = 0;
	int fd;
	for (int k = 0; k < 2; k++) {
		ar->buf[k] = load_agg_buffer(dtp, d);
		if (ar->buf[k] < 0)
			return ar->buf[k];
	}
	LIBBPF_OPTS(bpf_map_create_opts, oo, .inner_map_fd = ar->buf[0]);
	fd = bpf_map_create(BPF_MAP_TYPE_ARRAY_OF_MAPS, "dt_aggs", 4, 4, 1, &oo);
	if (fd < 0)
		return fd;
	dtp->rt.map_fd[MAPREF_AGG0 + d->id - 1] = fd;
	return bpf_map_update_elem(fd, &zero, &ar->buf[0], 0) ? -errno : 0;
}

static int aggs_create(dtrace_hdl_t *dtp)
{
	Runtime *rt = &dtp->rt;
	rt->naggs = dtp->syms.aggs.len;
	rt->aggs = xcalloc((size_t)rt->naggs + 1, sizeof(*rt->aggs));
	for (int i = 0; i < rt->naggs; i++)
		rt->aggs[i].buf[0] = rt->aggs[i].buf[1] = -1;
	for (int i = 0; i < rt->naggs; i++) {
		AggDesc *d = dtp->syms.aggs.data[i];
		if (d->id > MAPREF_DVAR0 - MAPREF_AGG0)
			return dt_set_err(dtp, E2BIG, "more than %d aggregations are not supported yet",
					  MAPREF_DVAR0 - MAPREF_AGG0);
		agg_table_init(&rt->aggs[d->id - 1].tab, d);
		int err = agg_create(dtp, d, &rt->aggs[d->id - 1]);
		if (err)
			return dt_set_err(dtp, -err, "failed to create the maps of @%s: %s",
					  d->name, strerror(-err));
	}
	return 0;
}

static bool uses_kind(dtrace_hdl_t *dtp, ProbeKind kind)
{
	for (int i = 0; i < dtp->clauses.len; i++) {
		Clause *cl = dtp->clauses.data[i];
		for (int j = 0; j < cl->probes.len; j++)
			if (((Probe *)cl->probes.data[j])->kind == kind)
				return true;
	}
	return false;
}

/* The same from the kernel's BTF, for architectures whose layout is not built in. */
__attribute__((unused)) static int regs_offsets_btf(dtrace_hdl_t *dtp, LinkInput *in)
{
	static const char *const names[UR_NREGS] = {
		"ax", "bx", "cx", "dx", "si", "di", "bp", "sp", "r8", "r9", "r10", "r11",
		"r12", "r13", "r14", "r15", "ip", "orig_ax"};
	if (!dtp->types)
		dtp->types = types_new();
	struct btf *btf = types_vmlinux(dtp->types);
	if (!btf)
		return dt_set_err(dtp, errno, "failed to load the kernel's BTF "
				  "(/sys/kernel/btf/vmlinux): %s", strerror(errno));
	int id = btf__find_by_name_kind(btf, "pt_regs", BTF_KIND_STRUCT);
	const struct btf_type *t = id > 0 ? btf__type_by_id(btf, (uint32_t)id) : NULL;
	int found = 0;
	for (int i = 0; t && i < btf_vlen(t); i++) {
		const struct btf_member *m = btf_members(t) + i;
		const char *name = btf__name_by_offset(btf, m->name_off);
		for (int k = 0; k < UR_NREGS; k++) {
			if (strcmp(name, names[k]) != 0)
				continue;
			in->regs[k] = (int)(btf_member_bit_offset(t, (uint32_t)i) / 8);
			found++;
		}
	}
	if (found != UR_NREGS)
		return dt_set_err(dtp, ENOENT, "struct pt_regs in the kernel's BTF lacks the "
				  "registers of this architecture");
	return 0;
}

/*
 * Where struct pt_regs keeps each register.  On x86-64 the layout is ABI:
 * the kernel exports it as <asm/ptrace.h>'s struct pt_regs (what BPF
 * programs built without the kernel's BTF read too), so no BTF is needed
 * and syscall, profile and pid scripts do not pay the 40 ms of parsing
 * the kernel's.  Elsewhere the offsets come from the kernel's BTF.
 */
static int regs_offsets(dtrace_hdl_t *dtp, LinkInput *in)
{
#if defined(__x86_64__)
	static const int off[UR_NREGS] = {
		[UR_AX] = offsetof(struct pt_regs, rax), [UR_BX] = offsetof(struct pt_regs, rbx),
		[UR_CX] = offsetof(struct pt_regs, rcx), [UR_DX] = offsetof(struct pt_regs, rdx),
		[UR_SI] = offsetof(struct pt_regs, rsi), [UR_DI] = offsetof(struct pt_regs, rdi),
		[UR_BP] = offsetof(struct pt_regs, rbp), [UR_SP] = offsetof(struct pt_regs, rsp),
		[UR_R8] = offsetof(struct pt_regs, r8), [UR_R9] = offsetof(struct pt_regs, r9),
		[UR_R10] = offsetof(struct pt_regs, r10), [UR_R11] = offsetof(struct pt_regs, r11),
		[UR_R12] = offsetof(struct pt_regs, r12), [UR_R13] = offsetof(struct pt_regs, r13),
		[UR_R14] = offsetof(struct pt_regs, r14), [UR_R15] = offsetof(struct pt_regs, r15),
		[UR_IP] = offsetof(struct pt_regs, rip),
		[UR_ORIG_AX] = offsetof(struct pt_regs, orig_rax)};
	(void)dtp;
	memcpy(in->regs, off, sizeof(off));
	return 0;
#else
	return regs_offsets_btf(dtp, in);
#endif
}

/* Per syscall number: the probe ids and, per program, the mask of clauses to run. */
static int syscalls_fill(dtrace_hdl_t *dtp, int max_nr)
{
	Runtime *rt = &dtp->rt;
	int n = max_nr + 1;
	unsigned char *tab = xcalloc((size_t)n, SC_SIZE);
	for (int i = 0; i < rt->nprogs; i++) {
		LinkedProg *lp = &rt->progs[i];
		bool ret = lp->kind == PK_SYSCALL_RETURN;
		if (lp->kind != PK_SYSCALL_ENTRY && !ret)
			continue;
		for (int j = 0; j < lp->probes.len; j++) {
			Probe *p = lp->probes.data[j];
			unsigned char *v = tab + p->arg * SC_SIZE;
			uint64_t mask = link_probe_mask(lp, p);
			memcpy(v + (ret ? SC_PRID_RETURN : SC_PRID_ENTRY), &p->id, 4);
			memcpy(v + (ret ? SC_MASK_RETURN : SC_MASK_ENTRY), &mask, 8);
		}
	}
	int err = map_create(dtp, MAPREF_SYSCALLS, BPF_MAP_TYPE_ARRAY, "dt_syscalls", SC_SIZE,
			     (uint32_t)n, 0);
	for (int nr = 0; !err && nr < n; nr++) {
		uint32_t key = (uint32_t)nr;
		if (bpf_map_update_elem(rt->map_fd[MAPREF_SYSCALLS], &key, tab + nr * SC_SIZE, 0))
			err = dt_set_err(dtp, errno, "failed to fill the syscall map: %s", strerror(errno));
	}
	free(tab);
	return err;
}

int load_go(dtrace_hdl_t *dtp)
{
	Runtime *rt = &dtp->rt;
	/* A test knob: take the pre-6.6 path (perf uprobe events) on any kernel. */
	rt->uprobe_perf = getenv("DTRACE_UPROBE_PERF") != NULL;
	int maxrec = ER_SIZE;
	for (int i = 0; i < dtp->syms.recs.len; i++) {
		RecLayout *rl = dtp->syms.recs.data[i];
		int r = (rl->recsize + 7) & ~7;
		maxrec = r > maxrec ? r : maxrec;
	}
	rt->ncpus = libbpf_num_possible_cpus();
	unsigned char *names = probe_names(dtp);
	int err = maps_create(dtp, maxrec) || aggs_create(dtp) || dvars_create(dtp);
	if (err) {
		free(names);
		return -1;
	}
	LinkInput in = {.clauses = &dtp->clauses,
			.error_probe = probe_lookup(&dtp->probes, "dtrace", "", "", "ERROR"),
			.rec_base = cg_rec_base((int)dtp->opt.strsize),
			.max_syscall = prov_syscall_max_nr()};
	bool sys = uses_kind(dtp, PK_SYSCALL_ENTRY) || uses_kind(dtp, PK_SYSCALL_RETURN);
	bool user = uses_kind(dtp, PK_UPROBE_ENTRY) || uses_kind(dtp, PK_UPROBE_RETURN) ||
		    uses_kind(dtp, PK_USDT);
	if ((sys || user || uses_kind(dtp, PK_PROFILE)) && regs_offsets(dtp, &in)) {
		free(names);
		return -1;
	}
	link_all(dtp, &in);
	err = probes_fill(dtp, names);
	free(names);
	if (err)
		return -1;
	/* self-> variables die with their thread, as in DTrace */
	if (dtp->syms.tls.len)
		link_thread_exit(&rt->progs[rt->nprogs++], &dtp->syms.tls);
	if (sys && syscalls_fill(dtp, in.max_syscall))
		return -1;
	LinkedProg *tick = prog_of(dtp, PK_TICK);
	if (tick) {
		struct btf *btf = btf__new_empty();
		err = timers_create(dtp, btf, tick->probes.len);
		btf__free(btf);
		if (err || timers_fill(dtp, tick))
			return -1;
	}
	for (int i = 0; i < rt->nprogs; i++) {
		/* The kernel allows 256 functions per program (BPF_MAX_SUBPROGS). */
		int fixed = rt->progs[i].kind == PK_TICK ? 3 : 2;
		if (rt->progs[i].nfuncs > 256) {
			diag_error_nopos(&dtp->diag, "D_UNSUPPORTED",
					 "%d clauses enabled on probes of one kind (%s): more than %d is "
					 "not supported yet", rt->progs[i].nfuncs - fixed, rt->progs[i].name,
					 256 - fixed);
			return dt_set_err(dtp, E2BIG, "too many clauses");
		}
		if (rt->progs[i].clauses.len > 64) {
			diag_error_nopos(&dtp->diag, "D_UNSUPPORTED",
					 "%d clauses enabled on %s probes: more than 64 is not supported yet",
					 rt->progs[i].clauses.len, rt->progs[i].name);
			return dt_set_err(dtp, E2BIG, "too many clauses");
		}
		link_maps(&rt->progs[i], rt->map_fd);
		if (prog_load(dtp, &rt->progs[i]))
			return -1;
	}
	*(uint32_t *)rt->gvars = ACT_ACTIVE;
	return 0;
}

static void add_link(LinkedProg *lp, int fd)
{
	lp->links = xrealloc(lp->links, sizeof(int) * (size_t)(lp->nlinks + 1));
	lp->links[lp->nlinks++] = fd;
}

/*
 * profile-N: one CPU-clock perf event per online CPU and probe, each running
 * the profile program through a BPF link whose cookie is the probe id.
 */
static int attach_profile(dtrace_hdl_t *dtp)
{
	LinkedProg *lp = prog_of(dtp, PK_PROFILE);
	if (!lp)
		return 0;
	int err = 0, n = libbpf_num_possible_cpus();
	for (int i = 0; !err && i < lp->probes.len; i++) {
		Probe *p = lp->probes.data[i];
		for (int cpu = 0; !err && cpu < n; cpu++) {
			struct perf_event_attr a = {.type = PERF_TYPE_SOFTWARE, .size = sizeof(a),
						    .config = PERF_COUNT_SW_CPU_CLOCK,
						    .sample_period = p->arg};
			int pfd = (int)syscall(__NR_perf_event_open, &a, -1, cpu, -1, PERF_FLAG_FD_CLOEXEC);
			if (pfd < 0 && errno == ENODEV)
				continue; /* a possible CPU that is offline */
			if (pfd < 0) {
				err = dt_set_err(dtp, errno, "failed to open a perf event on CPU %d for %s: %s",
						 cpu, p->name, strerror(errno));
				break;
			}
			add_link(lp, pfd);
			LIBBPF_OPTS(bpf_link_create_opts, o, .perf_event.bpf_cookie = p->id);
			int lfd = bpf_link_create(lp->fd, pfd, BPF_PERF_EVENT, &o);
			if (lfd < 0)
				err = dt_set_err(dtp, -lfd, "failed to attach %s on CPU %d: %s", p->name,
						 cpu, strerror(-lfd));
			else
				add_link(lp, lfd);
		}
	}
	return err ? -1 : 0;
}

/* sdt: one tracepoint perf event per probe, linked to the program with the probe id as cookie. */
static int attach_sdt(dtrace_hdl_t *dtp)
{
	LinkedProg *lp = prog_of(dtp, PK_SDT);
	for (int i = 0; lp && i < lp->probes.len; i++) {
		Probe *p = lp->probes.data[i];
		long id = tfs_event_id(p->mod, p->name);
		struct perf_event_attr a = {.type = PERF_TYPE_TRACEPOINT, .size = sizeof(a),
					    .config = (uint64_t)id, .sample_period = 1,
					    .wakeup_events = 1};
		int pfd = id < 0 ? -1 : (int)syscall(__NR_perf_event_open, &a, -1, 0, -1,
						     PERF_FLAG_FD_CLOEXEC);
		if (pfd < 0)
			return dt_set_err(dtp, errno, "failed to open tracepoint %s:%s: %s", p->mod,
					  p->name, strerror(errno));
		add_link(lp, pfd);
		LIBBPF_OPTS(bpf_link_create_opts, o, .perf_event.bpf_cookie = p->id);
		int lfd = bpf_link_create(lp->fd, pfd, BPF_PERF_EVENT, &o);
		if (lfd < 0)
			return dt_set_err(dtp, -lfd, "failed to attach to tracepoint %s:%s: %s", p->mod,
					  p->name, strerror(-lfd));
		add_link(lp, lfd);
	}
	return 0;
}

/*
 * rawtp: one raw tracepoint link per probe with the probe id as cookie
 * (Linux 6.10).  Our libbpf and uapi headers predate the cookie field, so
 * the attribute is laid out here as the kernel defines it.
 */
static int attach_rawtp(dtrace_hdl_t *dtp)
{
	LinkedProg *lp = prog_of(dtp, PK_RAWTP);
	for (int i = 0; lp && i < lp->probes.len; i++) {
		Probe *p = lp->probes.data[i];
		struct {
			uint64_t name;
			uint32_t prog_fd, pad;
			uint64_t cookie;
		} attr = {(uint64_t)(uintptr_t)p->name, (uint32_t)lp->fd, 0, p->id};
		union bpf_attr u;
		memset(&u, 0, sizeof(u));
		memcpy(&u, &attr, sizeof(attr));
		int fd = (int)syscall(__NR_bpf, BPF_RAW_TRACEPOINT_OPEN, &u, sizeof(attr));
		if (fd < 0)
			return dt_set_err(dtp, errno, "failed to attach to raw tracepoint %s: %s%s",
					  p->name, strerror(errno), errno == EINVAL ? " (BPF cookies on "
					  "raw tracepoints need Linux 6.10)" : "");
		add_link(lp, fd);
	}
	return 0;
}

static int attach_raw(dtrace_hdl_t *dtp, ProbeKind kind, const char *tp)
{
	LinkedProg *lp = prog_of(dtp, kind);
	if (!lp)
		return 0;
	int fd = bpf_raw_tracepoint_open(tp, lp->fd);
	if (fd < 0)
		return dt_set_err(dtp, -fd, "failed to attach to raw tracepoint %s: %s", tp,
				  strerror(-fd));
	add_link(lp, fd);
	return 0;
}

/*
 * BPF_LINK_CREATE for a uprobe_multi link, by hand: libbpf 1.1 (Debian 12)
 * predates it.  The layout is the kernel's (6.6+) union bpf_attr.
 */
struct uprobe_multi_attr {
	uint32_t prog_fd, target_fd, attach_type, flags;
	uint64_t path, offsets, ref_ctr_offsets, cookies;
	uint32_t cnt, umflags, pid;
	uint32_t pad[9];
};

#define DT_BPF_F_UPROBE_MULTI_RETURN 1

static int uprobe_multi_link(int prog_fd, const char *path, int pid, const uint64_t *offs,
			     const uint64_t *refctrs, const uint64_t *cookies, int n, bool ret)
{
	struct uprobe_multi_attr a;
	memset(&a, 0, sizeof(a));
	a.prog_fd = (uint32_t)prog_fd;
	a.attach_type = DT_BPF_TRACE_UPROBE_MULTI;
	a.path = (uint64_t)(uintptr_t)path;
	a.offsets = (uint64_t)(uintptr_t)offs;
	a.ref_ctr_offsets = (uint64_t)(uintptr_t)refctrs;
	a.cookies = (uint64_t)(uintptr_t)cookies;
	a.cnt = (uint32_t)n;
	a.umflags = ret ? DT_BPF_F_UPROBE_MULTI_RETURN : 0;
	a.pid = (uint32_t)pid;
	int fd = (int)syscall(__NR_bpf, BPF_LINK_CREATE, &a, sizeof(a));
	return fd < 0 ? -errno : fd;
}

/* The uprobes of one file in one process, for attach_range. */
typedef struct UprobeSet {
	LinkedProg *lp;
	const char *path;
	int pid;
	uint64_t *offs, *refctrs, *cookies;
	bool ret;
} UprobeSet;

/*
 * Attach uprobes [lo, hi) of the set as one link.  If the kernel refuses
 * an instruction (ENOTSUPP: one the pid provider could not tell in
 * advance), find it by halving and attach the rest, so one odd function
 * does not fail all of libc; each refused probe is reported.  Returns 0 or
 * a negative errno for any other failure.
 */
static int attach_range(dtrace_hdl_t *dtp, UprobeSet *s, int lo, int hi)
{
	int fd = uprobe_multi_link(s->lp->fd, s->path, s->pid, s->offs + lo, s->refctrs + lo,
				   s->cookies + lo, hi - lo, s->ret);
	if (fd >= 0) {
		add_link(s->lp, fd);
		return 0;
	}
	if (fd != -524 /* ENOTSUPP */)
		return fd;
	if (hi - lo == 1) {
		const Probe *p = probe_by_id(&dtp->probes, (uint32_t)s->cookies[lo]);
		fprintf(stderr, "dtrace: failed to enable %s:%s:%s:%s: the kernel cannot place a "
			"uprobe on its instruction\n", p->prv, p->mod, p->func, p->name);
		return 0;
	}
	int mid = lo + (hi - lo) / 2, err = attach_range(dtp, s, lo, mid);
	return err ? err : attach_range(dtp, s, mid, hi);
}

/* A value from /sys/bus/event_source/devices/uprobe/: the PMU type, a format bit. */
static int uprobe_pmu(const char *file, const char *prefix, int dflt)
{
	char path[128];
	snprintf(path, sizeof(path), "/sys/bus/event_source/devices/uprobe/%s", file);
	char *s = read_file(path, NULL);
	int v = s && !strncmp(s, prefix, strlen(prefix)) ? atoi(s + strlen(prefix)) : dflt;
	free(s);
	return v;
}

/*
 * Without multi-uprobe links (Linux before 6.6): one perf uprobe event per
 * probe (the uprobe PMU: path, offset, semaphore), for the target process
 * only, attached by a BPF link whose cookie is the probe id, so the same
 * programs serve.  Slower to set up for thousands of probes; nothing goes
 * through tracefs, so nothing outlives dtrace either.
 */
static int attach_uprobe_perf(dtrace_hdl_t *dtp, LinkedProg *lp, const Probe *p)
{
	const UProbe *u = p->data;
	int type = uprobe_pmu("type", "", -1);
	if (type < 0)
		return dt_set_err(dtp, ENOENT, "this kernel has no uprobe PMU "
				  "(/sys/bus/event_source/devices/uprobe)");
	struct perf_event_attr a = {.type = (uint32_t)type, .size = sizeof(a),
				    .config1 = (uint64_t)(uintptr_t)u->path, .config2 = u->off};
	if (lp->kind == PK_UPROBE_RETURN)
		a.config |= 1ULL << uprobe_pmu("format/retprobe", "config:", 0);
	a.config |= u->refctr << uprobe_pmu("format/ref_ctr_offset", "config:", 32);
	int pfd = (int)syscall(__NR_perf_event_open, &a, u->pid, -1, -1, PERF_FLAG_FD_CLOEXEC);
	if (pfd < 0)
		return dt_set_err(dtp, errno, "failed to create a uprobe for %s:%s:%s:%s: %s",
				  p->prv, p->mod, p->func, p->name, strerror(errno));
	add_link(lp, pfd);
	LIBBPF_OPTS(bpf_link_create_opts, o, .perf_event.bpf_cookie = p->id);
	int lfd = bpf_link_create(lp->fd, pfd, BPF_PERF_EVENT, &o);
	if (lfd < 0)
		return dt_set_err(dtp, -lfd, "failed to attach %s:%s:%s:%s: %s", p->prv, p->mod,
				  p->func, p->name, strerror(-lfd));
	add_link(lp, lfd);
	return 0;
}

/*
 * Whether this kernel has multi-uprobe links (6.6+): a link on no uprobe
 * at all is refused with EINVAL either way, so ask for one uprobe on our
 * own main() in dtrace itself and close it at once.
 */
static bool uprobe_multi_works(dtrace_hdl_t *dtp)
{
	LinkedProg *lp = NULL;
	for (int i = 0; i < dtp->rt.nprogs && !lp; i++)
		if (dtp->rt.progs[i].kind == PK_UPROBE_ENTRY || dtp->rt.progs[i].kind == PK_USDT ||
		    dtp->rt.progs[i].kind == PK_UPROBE_RETURN)
			lp = &dtp->rt.progs[i];
	UElf *self = usym_elf_open("/proc/self/exe");
	int64_t off = -1;
	for (int i = 0; self && i < self->nsyms && off < 0; i++)
		if (!strcmp(self->syms[i].name, "main"))
			off = usym_elf_off(self, self->syms[i].addr);
	usym_elf_free(self);
	if (!lp || off < 0)
		return true; /* cannot tell: let the real attach report */
	uint64_t o = (uint64_t)off, zero = 0, cookie = 0;
	int fd = uprobe_multi_link(lp->fd, "/proc/self/exe", getpid(), &o, &zero, &cookie, 1,
				   false);
	if (fd >= 0)
		close(fd);
	return fd != -EINVAL;
}

/* Reload the user-space programs for perf-event attachment (no multi-uprobe links). */
static int uprobe_fallback(dtrace_hdl_t *dtp)
{
	dtp->rt.uprobe_perf = true;
	for (int i = 0; i < dtp->rt.nprogs; i++) {
		LinkedProg *lp = &dtp->rt.progs[i];
		bool user = lp->kind == PK_UPROBE_ENTRY || lp->kind == PK_UPROBE_RETURN ||
			    lp->kind == PK_USDT;
		if (!user)
			continue;
		close(lp->fd);
		lp->fd = -1;
		if (prog_load(dtp, lp))
			return -1;
	}
	return 0;
}

/*
 * One uprobe_multi link per (file, process) for the program of this kind,
 * every probe of that file in it, its cookie the probe id: attaching all of
 * libc's functions is one system call.
 */
static int attach_uprobes(dtrace_hdl_t *dtp, ProbeKind kind)
{
	LinkedProg *lp = prog_of(dtp, kind);
	if (!lp)
		return 0;
	int n = lp->probes.len, err = 0;
	if (dtp->rt.uprobe_perf) {
		for (int i = 0; i < n && !err; i++)
			err = attach_uprobe_perf(dtp, lp, lp->probes.data[i]);
		return err;
	}
	if (!uprobe_multi_works(dtp))
		return uprobe_fallback(dtp) ? -1 : attach_uprobes(dtp, kind);
	bool *done = xcalloc((size_t)n, 1);
	uint64_t *offs = xcalloc((size_t)n, 8), *cookies = xcalloc((size_t)n, 8);
	uint64_t *refctrs = xcalloc((size_t)n, 8);
	for (int i = 0; i < n && !err; i++) {
		const UProbe *u = ((Probe *)lp->probes.data[i])->data;
		if (done[i])
			continue;
		int cnt = 0;
		for (int j = i; j < n; j++) {
			Probe *p = lp->probes.data[j];
			const UProbe *v = p->data;
			if (done[j] || v->pid != u->pid || strcmp(v->path, u->path) != 0)
				continue;
			done[j] = true;
			offs[cnt] = v->off;
			refctrs[cnt] = v->refctr;
			cookies[cnt++] = p->id;
		}
		UprobeSet set = {lp, u->path, u->pid, offs, refctrs, cookies,
				 kind == PK_UPROBE_RETURN};
		int fd = attach_range(dtp, &set, 0, cnt);
		const char *why = fd == -EINVAL ? " (multi-uprobe links need Linux 6.6 or later)"
				  : "";
		if (fd < 0)
			err = dt_set_err(dtp, -fd, "failed to attach %d uprobes to %s in pid %d: "
					 "%s%s", cnt, u->path, u->pid, strerror(-fd), why);
	}
	free(done);
	free(offs);
	free(refctrs);
	free(cookies);
	return err;
}

/*
 * BEGIN first, then the timers and the attachments, so no other probe can
 * record before BEGIN.
 */
int load_fire(dtrace_hdl_t *dtp, ProbeKind kind)
{
	LinkedProg *lp = prog_of(dtp, kind);
	if (kind == PK_END && dtp->rt.gvars)
		*(uint32_t *)dtp->rt.gvars = ACT_DRAINING;
	if (lp && test_run(dtp, lp))
		return -1;
	if (kind == PK_BEGIN && (lp = prog_of(dtp, PK_TICK)) && test_run(dtp, lp))
		return -1;
	if (kind == PK_BEGIN && (attach_uprobes(dtp, PK_UPROBE_ENTRY) ||
				 attach_uprobes(dtp, PK_UPROBE_RETURN) ||
				 attach_uprobes(dtp, PK_USDT) ||
				 attach_raw(dtp, PK_SYSCALL_ENTRY, "sys_enter") ||
				 attach_raw(dtp, PK_SYSCALL_RETURN, "sys_exit") || attach_profile(dtp) ||
				 attach_sdt(dtp) || attach_rawtp(dtp) ||
				 attach_raw(dtp, PK_THREAD_EXIT, "sched_process_exit")))
		return -1;
	return 0;
}

typedef struct Closer {
	pthread_t thread;
	const int *fds;
	int n, step;
} Closer;

static void *close_some(void *arg)
{
	Closer *c = arg;
	for (int i = 0; i < c->n; i += c->step)
		close(c->fds[i]);
	return NULL;
}

/*
 * Close a program's links.  The kernel finishes closing each tracepoint
 * perf event after an RCU grace period (about 50 ms here), one after the
 * other if one thread closes them: 17 s for 360 sdt probes.  Closed from
 * many threads at once, part of the waits overlap (the kernel serializes
 * the rest under its event mutex): 8 s.  The order does not matter: a link
 * holds its own reference to its perf event.
 */
static void close_links(const int *fds, int n)
{
	enum { MAX_THREADS = 128, PER_THREAD_MIN = 8 };
	int nt = n / PER_THREAD_MIN < MAX_THREADS ? n / PER_THREAD_MIN : MAX_THREADS;
	Closer c[MAX_THREADS];
	int started = 0;
	for (int t = 0; t < nt; t++) {
		c[t] = (Closer){.fds = fds + t, .n = n - t, .step = nt};
		if (pthread_create(&c[t].thread, NULL, close_some, &c[t]))
			break;
		started++;
	}
	if (started == 0) { /* few links, or no threads: close them here */
		for (int i = 0; i < n; i++)
			close(fds[i]);
		return;
	}
	for (int t = started; t < nt; t++) { /* threads that failed to start: their share here */
		c[t] = (Closer){.fds = fds + t, .n = n - t, .step = nt};
		close_some(&c[t]);
	}
	for (int t = 0; t < started; t++)
		pthread_join(c[t].thread, NULL);
}

void load_close(dtrace_hdl_t *dtp)
{
	Runtime *rt = &dtp->rt;
	if (rt->rb)
		ring_buffer__free(rt->rb);
	rt->rb = NULL;
	if (rt->gvars)
		munmap(rt->gvars, rt->gvars_len);
	rt->gvars = NULL;
	for (int i = 0; i < rt->nprogs; i++) {
		close_links(rt->progs[i].links, rt->progs[i].nlinks);
		if (rt->progs[i].fd >= 0)
			close(rt->progs[i].fd);
		link_free(&rt->progs[i]);
	}
	rt->nprogs = 0;
	for (int i = 0; i < rt->naggs; i++) {
		for (int k = 0; k < 2; k++)
			if (rt->aggs[i].buf[k] >= 0)
				close(rt->aggs[i].buf[k]);
		agg_table_free(&rt->aggs[i].tab);
	}
	free(rt->aggs);
	rt->aggs = NULL;
	rt->naggs = 0;
	for (int i = 0; i < MAPREF_MAX; i++) {
		if (rt->map_fd[i] > 0)
			close(rt->map_fd[i]);
		rt->map_fd[i] = -1;
	}
}
