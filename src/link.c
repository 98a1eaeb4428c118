/*
 * link.c - builds the entry code of each program and lays out its
 * functions: [entry][timer callback][error][clause...].
 *
 * Calls to functions are emitted with the callee's index in imm and a
 * relocation; once every function has its start, imm becomes the relative
 * offset the kernel expects.  Clause code is copied verbatim: it only
 * refers to maps symbolically, so one compiled clause serves any program.
 */
#include "link.h"

#include <stdlib.h>
#include <string.h>

#include "tracefs.h"

typedef struct Reloc {
	int at;     /* instruction index */
	int target; /* function index */
} Reloc;

typedef struct Builder {
	LinkedProg *lp;
	const LinkInput *in;
	Reloc *relocs;
	int nrelocs, caprelocs;
	Vec funcs;      /* Clause* in function order after the fixed functions */
	int nfixed;     /* entry [+ callback] + error */
	int error_func;
} Builder;

static void add_reloc(Builder *b, int at, int target)
{
	if (b->nrelocs == b->caprelocs) {
		b->caprelocs = b->caprelocs ? b->caprelocs * 2 : 16;
		b->relocs = xrealloc(b->relocs, sizeof(Reloc) * b->caprelocs);
	}
	b->relocs[b->nrelocs++] = (Reloc){at, target};
}

/* Function index of a clause in this program (added on first use). */
static int clause_func(Builder *b, Clause *cl)
{
	for (int i = 0; i < b->funcs.len; i++)
		if (b->funcs.data[i] == cl)
			return b->nfixed + i;
	vec_push(&b->funcs, cl);
	return b->nfixed + b->funcs.len - 1;
}

/*
 * Every function that calls clauses keeps the program's context on its
 * stack, and passes it to them in r2 (a spilled pointer keeps its type for
 * the verifier; the clauses need it for bpf_get_stack).  Entry, error
 * function and clause frames must fit in 512 bytes together, each rounded
 * up to 32: 32 + 96 + 384.
 */
enum { CTX_OFF = -24, ERR_CTX_OFF = -96 };

static void emit_save_ctx(Insns *code, int reg)
{
	insns_emit(code, I_STX(BPF_DW, R10, reg, CTX_OFF));
}

static void emit_call(Builder *b, Insns *code, int func)
{
	add_reloc(b, code->n, func);
	insns_emit(code, I_CALL_LOCAL(0));
}

static bool clause_on(const Clause *cl, const Probe *p)
{
	for (int i = 0; i < cl->probes.len; i++)
		if (cl->probes.data[i] == p)
			return true;
	return false;
}

/*
 * Call the clauses enabled on probe p, in order; r7 = machine state,
 * r8 = gvars.  Unless this is END, a clause runs only while tracing is
 * active, so exit() in one clause stops the following ones.
 */
static void emit_clause_call(Builder *b, Insns *code, Clause *cl, ProbeKind kind)
{
	if (kind != PK_END && kind != PK_ERROR) {
		insns_emit(code, I_LDX(BPF_W, R1, R8, GV_ACTIVITY));
		insns_emit(code, I_JMP_IMM(BPF_JNE, R1, ACT_ACTIVE, 0));
		add_reloc(b, code->n - 1, -1); /* -1: jump to the function's exit */
	}
	insns_emit(code, I_ST(BPF_W, R7, MS_STID, cl->stid));
	insns_emit(code, I_MOV64_REG(R1, R7));
	insns_emit(code, I_LDX(BPF_DW, R2, R10, kind == PK_ERROR ? ERR_CTX_OFF : CTX_OFF));
	emit_call(b, code, clause_func(b, cl));
	if (kind != PK_ERROR) {
		/* A fault: emit the error record and run the ERROR clauses. */
		insns_emit(code, I_JMP_IMM(BPF_JEQ, R0, 0, 3));
		insns_emit(code, I_MOV64_REG(R1, R7));
		insns_emit(code, I_LDX(BPF_DW, R2, R10, CTX_OFF));
		emit_call(b, code, b->error_func);
	}
}

static void emit_clause_calls(Builder *b, Insns *code, const Probe *p)
{
	Vec *cls = b->in->clauses;
	for (int i = 0; i < cls->len; i++)
		if (clause_on(cls->data[i], p))
			emit_clause_call(b, code, cls->data[i], p->kind);
}

/*
 * r7 = machine state (or return), r8 = gvars; r6 is left alone.  Unless
 * `always` (END, ERROR), return too when tracing is not active.
 */
static void emit_prologue(Insns *code, Label *out, bool always)
{
	insns_emit(code, I_CALL(BPF_FUNC_get_smp_processor_id));
	insns_emit(code, I_STX(BPF_W, R10, R0, -4));
	insns_emit(code, I_MOV64_REG(R2, R10));
	insns_emit(code, I_ALU64_IMM(BPF_ADD, R2, -4));
	emit_ld_map(code, R1, MAPREF_MSTATE);
	insns_emit(code, I_CALL(BPF_FUNC_map_lookup_elem));
	label_jump(code, out, I_JMP_IMM(BPF_JEQ, R0, 0, 0));
	insns_emit(code, I_MOV64_REG(R7, R0));
	emit_ld_map_value(code, R8, MAPREF_GVARS, 0);
	if (!always) {
		insns_emit(code, I_LDX(BPF_W, R1, R8, GV_ACTIVITY));
		label_jump(code, out, I_JMP_IMM(BPF_JNE, R1, ACT_ACTIVE, 0));
	}
}

static void emit_set_probe(Insns *code, uint32_t prid)
{
	insns_emit(code, I_ST(BPF_W, R7, MS_PRID, (int32_t)prid));
	insns_emit(code, I_ST(BPF_DW, R7, MS_ERRNO, 0));
	for (int i = 0; i < MS_NARGS; i++)
		insns_emit(code, I_ST(BPF_DW, R7, MS_ARGS + 8 * i, 0));
}

/* Resolve the -1 relocations (jumps to the function's exit) of [from, n). */
static void place_exit(Builder *b, Insns *code, int from)
{
	for (int i = 0; i < b->nrelocs; i++) {
		Reloc *r = &b->relocs[i];
		if (r->target == -1 && r->at >= from) {
			code->insn[r->at].off = (int16_t)(code->n - (r->at + 1));
			r->target = -2; /* done */
		}
	}
}

static void emit_exit(Insns *code)
{
	insns_emit(code, I_MOV64_IMM(R0, 0));
	insns_emit(code, I_EXIT());
}

/* Copies a probe's arguments into the machine state (r6 = the program's context). */
typedef void ArgsFn(Insns *code, const Probe *p);

/*
 * Run the clauses of whichever of `probes` has the id in r9, then go to
 * `out`; with set_probe, also set the probe id and zero its arguments, then
 * let `args` (if any) fill them.
 */
static void emit_dispatch(Builder *b, Insns *code, Vec *probes, Label *out, bool set_probe,
			  ArgsFn *args)
{
	for (int i = 0; i < probes->len; i++) {
		const Probe *p = probes->data[i];
		Label next;
		label_init(&next);
		label_jump(code, &next, I_JMP_IMM(BPF_JNE, R9, (int32_t)p->id, 0));
		if (set_probe)
			emit_set_probe(code, p->id);
		if (args)
			args(code, p);
		emit_clause_calls(b, code, p);
		label_jump(code, out, I_JA(0));
		label_place(code, &next);
		label_fini(&next);
	}
}

/* BEGIN/END: one probe, fired by a test run. */
static void emit_trigger_entry(Builder *b, Insns *code, const Probe *p)
{
	Label out;
	label_init(&out);
	int from = code->n;
	emit_save_ctx(code, R1);
	emit_prologue(code, &out, p->kind == PK_END);
	emit_set_probe(code, p->id);
	emit_clause_calls(b, code, p);
	label_place(code, &out);
	place_exit(b, code, from);
	emit_exit(code);
	label_fini(&out);
}

/*
 * Tick entry (run once by a test run): arm one BPF timer per tick probe at
 * an absolute time.  The callback re-arms each timer one period after its
 * previous expiry, not after "now", so the rate does not drift with the
 * callback's latency.
 */
static void emit_tick_arm(Builder *b, Insns *code, Vec *probes)
{
	for (int i = 0; i < probes->len; i++) {
		Label next;
		label_init(&next);
		insns_emit(code, I_ST(BPF_W, R10, -4, i));
		insns_emit(code, I_MOV64_REG(R2, R10));
		insns_emit(code, I_ALU64_IMM(BPF_ADD, R2, -4));
		emit_ld_map(code, R1, MAPREF_TIMERS);
		insns_emit(code, I_CALL(BPF_FUNC_map_lookup_elem));
		label_jump(code, &next, I_JMP_IMM(BPF_JEQ, R0, 0, 0));
		insns_emit(code, I_MOV64_REG(R6, R0));
		insns_emit(code, I_MOV64_REG(R1, R6));
		emit_ld_map(code, R2, MAPREF_TIMERS);
		insns_emit(code, I_MOV64_IMM(R3, 1 /* CLOCK_MONOTONIC */));
		insns_emit(code, I_CALL(BPF_FUNC_timer_init));
		insns_emit(code, I_MOV64_REG(R1, R6));
		add_reloc(b, code->n, 1);
		emit_ld_func(code, R2, 1);
		insns_emit(code, I_CALL(BPF_FUNC_timer_set_callback));
		insns_emit(code, I_CALL(BPF_FUNC_ktime_get_ns));
		insns_emit(code, I_LDX(BPF_DW, R1, R6, TM_PERIOD));
		insns_emit(code, I_ALU64_REG(BPF_ADD, R0, R1));
		insns_emit(code, I_STX(BPF_DW, R6, R0, TM_NEXT));
		insns_emit(code, I_MOV64_REG(R1, R6));
		insns_emit(code, I_MOV64_REG(R2, R0));
		insns_emit(code, I_MOV64_IMM(R3, DT_BPF_F_TIMER_ABS));
		insns_emit(code, I_CALL(BPF_FUNC_timer_start));
		label_place(code, &next);
		label_fini(&next);
	}
	emit_exit(code);
}

/* Timer callback (map, key, value): re-arm, then run the clauses of the tick's probe. */
static void emit_tick_callback(Builder *b, Insns *code, Vec *probes)
{
	Label out;
	label_init(&out);
	int from = code->n;
	emit_save_ctx(code, R1); /* no context: the timer's map, for form's sake */
	insns_emit(code, I_MOV64_REG(R6, R3));
	insns_emit(code, I_LDX(BPF_DW, R2, R6, TM_NEXT));
	insns_emit(code, I_LDX(BPF_DW, R1, R6, TM_PERIOD));
	insns_emit(code, I_ALU64_REG(BPF_ADD, R2, R1));
	insns_emit(code, I_STX(BPF_DW, R6, R2, TM_NEXT));
	insns_emit(code, I_MOV64_REG(R1, R6));
	insns_emit(code, I_MOV64_IMM(R3, DT_BPF_F_TIMER_ABS));
	insns_emit(code, I_CALL(BPF_FUNC_timer_start));
	emit_prologue(code, &out, false);
	insns_emit(code, I_LDX(BPF_W, R9, R6, TM_PRID));
	emit_dispatch(b, code, probes, &out, true, NULL);
	label_place(code, &out);
	place_exit(b, code, from);
	emit_exit(code);
	label_fini(&out);
}

/*
 * The error subprogram (r1 = machine state): send an error record with the
 * fault the clause left behind, then run the ERROR clauses with DTrace's
 * arguments (arg1 = enabled probe id, arg2 = action, arg3 = -1 (DIF
 * offset), arg4 = fault kind, arg5 = faulting address).
 */
static void emit_error_func(Builder *b, Insns *code)
{
	int rec = b->in->rec_base;
	int from = code->n;
	insns_emit(code, I_MOV64_REG(R7, R1));
	insns_emit(code, I_STX(BPF_DW, R10, R2, ERR_CTX_OFF));
	emit_ld_map_value(code, R8, MAPREF_GVARS, 0);
	insns_emit(code, I_LDX(BPF_W, R0, R7, MS_STID));
	emit_stx_far(code, BPF_W, R7, R0, rec + RH_SIZE + ER_STID);
	insns_emit(code, I_LDX(BPF_DW, R0, R7, MS_FAULT));
	emit_stx_far(code, BPF_W, R7, R0, rec + RH_SIZE + ER_FAULT);
	insns_emit(code, I_LDX(BPF_DW, R0, R7, MS_ACTION));
	emit_stx_far(code, BPF_DW, R7, R0, rec + RH_SIZE + ER_ACTION);
	insns_emit(code, I_LDX(BPF_DW, R0, R7, MS_FAULTVAL));
	emit_stx_far(code, BPF_DW, R7, R0, rec + RH_SIZE + ER_VAL);
	cg_emit_send(code, R7, rec, 0, ER_SIZE, MS_ERRDROPS);
	const Probe *ep = b->in->error_probe;
	if (ep) {
		/* The faulting probe goes on after ERROR: keep its id and args on our stack. */
		for (int i = 0; i <= MS_NARGS; i++) {
			insns_emit(code, I_LDX(BPF_DW, R0, R7, i ? MS_ARGS + 8 * (i - 1) : MS_PRID));
			insns_emit(code, I_STX(BPF_DW, R10, R0, -8 * (i + 1)));
		}
		/* ERROR's arguments, taken before the probe id is overwritten. */
		insns_emit(code, I_LDX(BPF_W, R1, R7, MS_STID)); /* the "enabled probe ID" of the message */
		insns_emit(code, I_LDX(BPF_DW, R2, R7, MS_ACTION));
		insns_emit(code, I_MOV64_IMM(R3, -1)); /* no DIF offset: BPF has none to give */
		insns_emit(code, I_LDX(BPF_DW, R4, R7, MS_FAULT));
		insns_emit(code, I_LDX(BPF_DW, R5, R7, MS_FAULTVAL));
		emit_set_probe(code, ep->id);
		insns_emit(code, I_STX(BPF_DW, R7, R1, MS_ARGS + 8));
		insns_emit(code, I_STX(BPF_DW, R7, R2, MS_ARGS + 16));
		insns_emit(code, I_STX(BPF_DW, R7, R3, MS_ARGS + 24));
		insns_emit(code, I_STX(BPF_DW, R7, R4, MS_ARGS + 32));
		insns_emit(code, I_STX(BPF_DW, R7, R5, MS_ARGS + 40));
		emit_clause_calls(b, code, ep);
		for (int i = 0; i <= MS_NARGS; i++) {
			insns_emit(code, I_LDX(BPF_DW, R0, R10, -8 * (i + 1)));
			insns_emit(code, I_STX(BPF_DW, R7, R0, i ? MS_ARGS + 8 * (i - 1) : MS_PRID));
		}
	}
	place_exit(b, code, from);
	emit_exit(code);
}

/* The argument registers of a system call and of a function call (x86-64). */
static const UReg sys_args[6] = {UR_DI, UR_SI, UR_DX, UR_R10, UR_R8, UR_R9};
static const UReg user_args[6] = {UR_DI, UR_SI, UR_DX, UR_CX, UR_R8, UR_R9};

/* Call clause k of lp->clauses if bit k of the mask in r6 is set. */
static void emit_mask_calls(Builder *b, LinkedProg *lp, Insns *code)
{
	for (int k = 0; k < lp->clauses.len; k++) {
		Label skip;
		label_init(&skip);
		insns_emit(code, I_MOV64_REG(R1, R6));
		insns_emit(code, I_ALU64_IMM(BPF_RSH, R1, k));
		insns_emit(code, I_ALU64_IMM(BPF_AND, R1, 1));
		label_jump(code, &skip, I_JMP_IMM(BPF_JEQ, R1, 0, 0));
		emit_clause_call(b, code, lp->clauses.data[k], lp->kind);
		label_place(code, &skip);
		label_fini(&skip);
	}
}

uint64_t link_probe_mask(const LinkedProg *lp, const Probe *p)
{
	uint64_t mask = 0;
	for (int k = 0; k < lp->clauses.len && k < 64; k++)
		if (clause_on(lp->clauses.data[k], p))
			mask |= 1ULL << k;
	return mask;
}

/*
 * sys_enter / sys_exit (raw tracepoints: ctx[0] = struct pt_regs *, ctx[1] =
 * the syscall number or the return value).  The syscall map says, per
 * number, which probe fired and, as a bit mask over this program's clauses,
 * which clauses run; bit k is lp->clauses[k].
 */
static void emit_syscall_entry(Builder *b, LinkedProg *lp, Insns *code)
{
	bool ret = lp->kind == PK_SYSCALL_RETURN;
	const LinkInput *in = b->in;
	Label out;
	label_init(&out);
	int from = code->n;
	emit_save_ctx(code, R1);
	insns_emit(code, I_MOV64_REG(R6, R1));
	emit_prologue(code, &out, false);
	if (ret) { /* the number is in regs->orig_ax */
		insns_emit(code, I_LDX(BPF_DW, R3, R6, 0));
		insns_emit(code, I_ALU64_IMM(BPF_ADD, R3, in->regs[UR_ORIG_AX]));
		insns_emit(code, I_MOV64_REG(R1, R10));
		insns_emit(code, I_ALU64_IMM(BPF_ADD, R1, -16));
		insns_emit(code, I_MOV64_IMM(R2, 8));
		insns_emit(code, I_CALL(BPF_FUNC_probe_read_kernel));
		label_jump(code, &out, I_JMP_IMM(BPF_JNE, R0, 0, 0));
		insns_emit(code, I_LDX(BPF_DW, R1, R10, -16));
	} else {
		insns_emit(code, I_LDX(BPF_DW, R1, R6, 8));
	}
	label_jump(code, &out, I_JMP_IMM(BPF_JGT, R1, in->max_syscall, 0));
	insns_emit(code, I_STX(BPF_W, R10, R1, -4));
	insns_emit(code, I_MOV64_REG(R2, R10));
	insns_emit(code, I_ALU64_IMM(BPF_ADD, R2, -4));
	emit_ld_map(code, R1, MAPREF_SYSCALLS);
	insns_emit(code, I_CALL(BPF_FUNC_map_lookup_elem));
	label_jump(code, &out, I_JMP_IMM(BPF_JEQ, R0, 0, 0));
	insns_emit(code, I_MOV64_REG(R9, R0));
	insns_emit(code, I_LDX(BPF_W, R1, R9, ret ? SC_PRID_RETURN : SC_PRID_ENTRY));
	label_jump(code, &out, I_JMP_IMM(BPF_JEQ, R1, 0, 0));
	insns_emit(code, I_STX(BPF_W, R7, R1, MS_PRID));
	for (int i = 0; i < MS_NARGS; i++)
		insns_emit(code, I_ST(BPF_DW, R7, MS_ARGS + 8 * i, 0));
	insns_emit(code, I_ST(BPF_DW, R7, MS_ERRNO, 0));
	if (ret) { /* arg0 and arg1: the return value, as DTrace; errno for -4095..-1 */
		insns_emit(code, I_LDX(BPF_DW, R1, R6, 8));
		insns_emit(code, I_STX(BPF_DW, R7, R1, MS_ARGS));
		insns_emit(code, I_STX(BPF_DW, R7, R1, MS_ARGS + 8));
		insns_emit(code, I_JMP_IMM(BPF_JSGE, R1, 0, 3));
		insns_emit(code, I_JMP_IMM(BPF_JSLT, R1, -4095, 2));
		insns_emit(code, I_NEG64(R1));
		insns_emit(code, I_STX(BPF_DW, R7, R1, MS_ERRNO));
	} else {
		for (int i = 0; i < 6; i++) {
			insns_emit(code, I_LDX(BPF_DW, R3, R6, 0));
			insns_emit(code, I_ALU64_IMM(BPF_ADD, R3, in->regs[sys_args[i]]));
			insns_emit(code, I_MOV64_REG(R1, R7));
			insns_emit(code, I_ALU64_IMM(BPF_ADD, R1, MS_ARGS + 8 * i));
			insns_emit(code, I_MOV64_IMM(R2, 8));
			insns_emit(code, I_CALL(BPF_FUNC_probe_read_kernel));
		}
	}
	insns_emit(code, I_LDX(BPF_DW, R6, R9, ret ? SC_MASK_RETURN : SC_MASK_ENTRY));
	emit_mask_calls(b, lp, code);
	label_place(code, &out);
	place_exit(b, code, from);
	emit_exit(code);
	label_fini(&out);
}

/*
 * The entry of a program whose links carry the probe id as their BPF
 * cookie: r6 = ctx, the prologue (r7, r8), r9 = the probe id, set in the
 * machine state with zeroed arguments.
 */
static void emit_cookie_prologue(Insns *code, Label *out)
{
	emit_save_ctx(code, R1);
	insns_emit(code, I_MOV64_REG(R6, R1));
	emit_prologue(code, out, false);
	insns_emit(code, I_MOV64_REG(R1, R6));
	insns_emit(code, I_CALL(BPF_FUNC_get_attach_cookie));
	insns_emit(code, I_MOV64_REG(R9, R0));
	insns_emit(code, I_STX(BPF_W, R7, R0, MS_PRID));
	insns_emit(code, I_ST(BPF_DW, R7, MS_ERRNO, 0));
	for (int i = 0; i < MS_NARGS; i++)
		insns_emit(code, I_ST(BPF_DW, R7, MS_ARGS + 8 * i, 0));
}

/*
 * profile-N (perf event; ctx = struct bpf_perf_event_data, pt_regs first):
 * the probe id is the link's BPF cookie; arg0 = the interrupted PC if the
 * CPU was in the kernel, arg1 if it was in user mode, as DTrace.
 */
static void emit_profile_entry(Builder *b, Insns *code, Vec *probes)
{
	const LinkInput *in = b->in;
	Label out;
	label_init(&out);
	int from = code->n;
	emit_cookie_prologue(code, &out);
	/* The kernel lives in the upper half of the address space (x86-64, arm64). */
	insns_emit(code, I_LDX(BPF_DW, R1, R6, in->regs[UR_IP]));
	insns_emit(code, I_JMP_IMM(BPF_JSGE, R1, 0, 2));
	insns_emit(code, I_STX(BPF_DW, R7, R1, MS_ARGS));
	insns_emit(code, I_JA(1));
	insns_emit(code, I_STX(BPF_DW, R7, R1, MS_ARGS + 8));
	emit_dispatch(b, code, probes, &out, false, NULL);
	label_place(code, &out);
	place_exit(b, code, from);
	emit_exit(code);
	label_fini(&out);
}

/* Sign- or zero-extend the low size bytes of r. */
static void emit_extend(Insns *code, int r, int size, bool is_signed)
{
	if (size >= 8)
		return;
	insns_emit(code, I_ALU64_IMM(BPF_LSH, r, 64 - 8 * size));
	insns_emit(code, I_ALU64_IMM(is_signed ? BPF_ARSH : BPF_RSH, r, 64 - 8 * size));
}

/*
 * USDT argument i of a site into args[i] (r6 = the user registers, r7 =
 * machine state): a register, a constant, or user memory at base + disp
 * (+ index * scale), read with probe_read_user (a failed read leaves 0).
 */
static void emit_usdt_arg(const LinkInput *in, Insns *code, const UArg *a, int i)
{
	int slot = MS_ARGS + 8 * i;
	if (a->kind == UA_CONST) {
		emit_ld_imm64(code, R1, (uint64_t)a->val);
	} else if (a->kind == UA_REG) {
		insns_emit(code, I_LDX(BPF_DW, R1, R6, in->regs[a->base]));
	} else {
		insns_emit(code, I_LDX(BPF_DW, R3, R6, in->regs[a->base]));
		emit_ld_imm64(code, R1, (uint64_t)a->val);
		insns_emit(code, I_ALU64_REG(BPF_ADD, R3, R1));
		if (a->index != UR_NONE) {
			insns_emit(code, I_LDX(BPF_DW, R1, R6, in->regs[a->index]));
			insns_emit(code, I_ALU64_IMM(BPF_MUL, R1, a->scale));
			insns_emit(code, I_ALU64_REG(BPF_ADD, R3, R1));
		}
		insns_emit(code, I_MOV64_REG(R1, R7));
		insns_emit(code, I_ALU64_IMM(BPF_ADD, R1, slot));
		insns_emit(code, I_MOV64_IMM(R2, a->size));
		insns_emit(code, I_CALL(BPF_FUNC_probe_read_user));
		insns_emit(code, I_LDX(BPF_DW, R1, R7, slot));
	}
	emit_extend(code, R1, a->size, a->is_signed);
	insns_emit(code, I_STX(BPF_DW, R7, R1, slot));
}

/*
 * USDT: code per probe site, chosen by the cookie (r9 = the probe id),
 * decodes that site's arguments as its note says.  The paths join again
 * before the clauses are called, with the same registers, so the verifier
 * prunes them there: its work grows with the sites, not sites x clauses.
 */
static void emit_usdt_sites(const LinkInput *in, LinkedProg *lp, Insns *code)
{
	Label join;
	label_init(&join);
	for (int k = 0; k < lp->probes.len; k++) {
		const Probe *p = lp->probes.data[k];
		const UProbe *u = p->data;
		Label next;
		label_init(&next);
		label_jump(code, &next, I_JMP_IMM(BPF_JNE, R9, (int32_t)p->id, 0));
		for (int i = 0; i < u->nargs; i++)
			emit_usdt_arg(in, code, &u->args[i], i);
		label_jump(code, &join, I_JA(0));
		label_place(code, &next);
		label_fini(&next);
	}
	label_place(code, &join);
	label_fini(&join);
}

/*
 * Uprobes (kprobe-type program on a uprobe_multi link; ctx = the user
 * registers): the probe id is the link's cookie, and the probe's entry in
 * the probe map holds the mask of this program's clauses to run, so the
 * code does not grow with the number of probes (thousands for a library).
 * Entry: arg0..arg5 are the x86-64 argument registers.  Return: arg1 is
 * the return value; arg0, DTrace's offset of the returning instruction,
 * is 0 (a uretprobe fires after the return and cannot tell which
 * instruction it was).
 */
static void emit_uprobe_entry(Builder *b, LinkedProg *lp, Insns *code)
{
	const LinkInput *in = b->in;
	Label out;
	label_init(&out);
	int from = code->n;
	emit_cookie_prologue(code, &out);
	insns_emit(code, I_STX(BPF_W, R10, R9, -4));
	if (lp->kind == PK_UPROBE_RETURN) {
		insns_emit(code, I_LDX(BPF_DW, R1, R6, in->regs[UR_AX]));
		insns_emit(code, I_STX(BPF_DW, R7, R1, MS_ARGS + 8));
	} else if (lp->kind == PK_USDT) {
		emit_usdt_sites(in, lp, code);
	} else {
		for (int i = 0; i < 6; i++) {
			insns_emit(code, I_LDX(BPF_DW, R1, R6, in->regs[user_args[i]]));
			insns_emit(code, I_STX(BPF_DW, R7, R1, MS_ARGS + 8 * i));
		}
	}
	insns_emit(code, I_MOV64_REG(R2, R10));
	insns_emit(code, I_ALU64_IMM(BPF_ADD, R2, -4));
	emit_ld_map(code, R1, MAPREF_PROBES);
	insns_emit(code, I_CALL(BPF_FUNC_map_lookup_elem));
	label_jump(code, &out, I_JMP_IMM(BPF_JEQ, R0, 0, 0));
	insns_emit(code, I_LDX(BPF_DW, R6, R0, PR_MASK));
	emit_mask_calls(b, lp, code);
	label_place(code, &out);
	place_exit(b, code, from);
	emit_exit(code);
	label_fini(&out);
}

/* MS_ARGS[i] = `size` bytes at r6 + off, sign-extended if is_signed. */
static void emit_ctx_read(Insns *code, int i, int off, int size, bool is_signed)
{
	insns_emit(code, I_MOV64_REG(R1, R7));
	insns_emit(code, I_ALU64_IMM(BPF_ADD, R1, MS_ARGS + 8 * i));
	insns_emit(code, I_MOV64_IMM(R2, size));
	insns_emit(code, I_MOV64_REG(R3, R6));
	insns_emit(code, I_ALU64_IMM(BPF_ADD, R3, off));
	insns_emit(code, I_CALL(BPF_FUNC_probe_read_kernel));
	if (is_signed && size < 8) {
		insns_emit(code, I_LDX(BPF_DW, R1, R7, MS_ARGS + 8 * i));
		emit_extend(code, R1, size, true);
		insns_emit(code, I_STX(BPF_DW, R7, R1, MS_ARGS + 8 * i));
	}
}

/*
 * An sdt probe's arguments: the fields of the tracepoint's record (r6).
 * Fields are read with bpf_probe_read_kernel, not loaded from the context:
 * a direct load at offset N makes the kernel refuse to attach the shared
 * program to any tracepoint whose record is shorter than N.  An array
 * field's value is its address in the record, a __data_loc field's the
 * address of its data.  The context pointer is stored to the machine state
 * and read back to make it a plain number the offset can be added to (the
 * verifier refuses a variable offset on a context pointer).
 */
static void emit_sdt_args(Insns *code, const Probe *p)
{
	TfsField f[MS_NARGS];
	int n = tfs_fields(p->mod, p->name, f, MS_NARGS);
	for (int i = 0; i < n; i++) {
		if (f[i].nelem > 0 && !f[i].data_loc) {
			insns_emit(code, I_MOV64_REG(R1, R6));
			insns_emit(code, I_ALU64_IMM(BPF_ADD, R1, f[i].off));
			insns_emit(code, I_STX(BPF_DW, R7, R1, MS_ARGS + 8 * i));
			continue;
		}
		emit_ctx_read(code, i, f[i].off, f[i].size > 8 ? 8 : f[i].size, f[i].is_signed);
		if (!f[i].data_loc)
			continue;
		insns_emit(code, I_STX(BPF_DW, R7, R6, MS_FAULTVAL));
		insns_emit(code, I_LDX(BPF_DW, R2, R7, MS_FAULTVAL));
		insns_emit(code, I_LDX(BPF_DW, R1, R7, MS_ARGS + 8 * i));
		insns_emit(code, I_ALU64_IMM(BPF_AND, R1, 0xffff));
		insns_emit(code, I_ALU64_REG(BPF_ADD, R1, R2));
		insns_emit(code, I_STX(BPF_DW, R7, R1, MS_ARGS + 8 * i));
	}
}

/* A rawtp probe's arguments: the tracepoint's own, u64 each (read, as above). */
static void emit_rawtp_args(Insns *code, const Probe *p)
{
	for (int i = 0; i < (int)p->arg && i < MS_NARGS; i++)
		emit_ctx_read(code, i, 8 * i, 8, false);
}

/* sdt and rawtp: the probe id is the link's BPF cookie. */
static void emit_tp_entry(Builder *b, Insns *code, Vec *probes, ArgsFn *args)
{
	Label out;
	label_init(&out);
	int from = code->n;
	emit_cookie_prologue(code, &out);
	emit_dispatch(b, code, probes, &out, false, args); /* the prologue set the id */
	label_place(code, &out);
	place_exit(b, code, from);
	emit_exit(code);
	label_fini(&out);
}

/*
 * BEGIN, END and tick are socket-filter programs (see load.c), which may
 * not walk a stack: there stack() and ustack() record no frames (their
 * helper calls become r0 = 0), as for a probe fired from no path of
 * interest.
 */
static void drop_stack_calls(Insns *code, int from)
{
	for (int i = from; i < code->n; i++) {
		struct bpf_insn *in = &code->insn[i];
		if (in->code == (BPF_JMP | BPF_CALL) && in->src_reg == 0 &&
		    (in->imm == BPF_FUNC_get_current_task_btf ||
		     in->imm == BPF_FUNC_get_task_stack || in->imm == BPF_FUNC_get_stack))
			*in = I_MOV64_IMM(R0, 0);
	}
}

static void resolve(Builder *b, LinkedProg *lp)
{
	for (int i = 0; i < b->nrelocs; i++) {
		Reloc *r = &b->relocs[i];
		if (r->target < 0)
			continue;
		lp->code.insn[r->at].imm = lp->funcs[r->target].start - (r->at + 1);
	}
}

void link_program(LinkedProg *lp, const LinkInput *in, ProbeKind kind, Vec *probes)
{
	Builder b = {.lp = lp, .in = in};
	Insns *code = &lp->code;
	memset(lp, 0, sizeof(*lp));
	lp->kind = kind;
	lp->fd = -1;
	for (int i = 0; i < probes->len; i++)
		vec_push(&lp->probes, probes->data[i]);
	bool tick = kind == PK_TICK;
	b.nfixed = tick ? 3 : 2;
	b.error_func = tick ? 2 : 1;
	int start[3] = {0};
	lp->name = kind == PK_BEGIN ? "dt_begin" : kind == PK_END ? "dt_end"
		 : kind == PK_TICK ? "dt_tick" : kind == PK_PROFILE ? "dt_profile"
		 : kind == PK_SYSCALL_ENTRY ? "dt_sys_enter"
		 : kind == PK_SYSCALL_RETURN ? "dt_sys_exit"
		 : kind == PK_SDT ? "dt_sdt" : kind == PK_RAWTP ? "dt_rawtp"
		 : kind == PK_UPROBE_ENTRY ? "dt_uprobe"
		 : kind == PK_USDT ? "dt_usdt" : "dt_uretprobe";
	bool user = kind == PK_UPROBE_ENTRY || kind == PK_UPROBE_RETURN || kind == PK_USDT;
	bool masked = kind == PK_SYSCALL_ENTRY || kind == PK_SYSCALL_RETURN || user;
	if (masked) {
		for (int i = 0; i < in->clauses->len; i++) {
			Clause *cl = in->clauses->data[i];
			for (int j = 0; j < probes->len; j++)
				if (clause_on(cl, probes->data[j])) {
					vec_push(&lp->clauses, cl);
					break;
				}
		}
		if (user)
			emit_uprobe_entry(&b, lp, code);
		else
			emit_syscall_entry(&b, lp, code);
	} else if (kind == PK_SDT || kind == PK_RAWTP) {
		emit_tp_entry(&b, code, probes, kind == PK_SDT ? emit_sdt_args : emit_rawtp_args);
	} else if (kind == PK_PROFILE) {
		emit_profile_entry(&b, code, probes);
	} else if (tick) {
		emit_tick_arm(&b, code, probes);
		start[1] = code->n;
		emit_tick_callback(&b, code, probes);
	} else {
		emit_trigger_entry(&b, code, probes->data[0]);
	}
	start[b.error_func] = code->n;
	emit_error_func(&b, code);
	lp->nfuncs = b.nfixed + b.funcs.len;
	lp->funcs = xcalloc((size_t)lp->nfuncs, sizeof(Func));
	lp->funcs[0] = (Func){lp->name, 0};
	if (tick)
		lp->funcs[1] = (Func){"dt_tick_fire", start[1]};
	lp->funcs[b.error_func] = (Func){"dt_error", start[b.error_func]};
	/* Clauses may be added while copying (none call others yet). */
	for (int i = 0; i < b.funcs.len; i++) {
		Clause *cl = b.funcs.data[i];
		lp->funcs[b.nfixed + i] = (Func){xasprintf("dt_clause_%d", cl->stid), code->n};
		int from = code->n;
		insns_append(code, &cl->code);
		if (kind == PK_BEGIN || kind == PK_END || tick)
			drop_stack_calls(code, from);
	}
	resolve(&b, lp);
	free(b.relocs);
	vec_free(&b.funcs);
}

void link_thread_exit(LinkedProg *lp, const Vec *tls)
{
	memset(lp, 0, sizeof(*lp));
	lp->kind = PK_THREAD_EXIT;
	lp->fd = -1;
	lp->name = "dt_thread_exit";
	Insns *code = &lp->code;
	insns_emit(code, I_CALL(BPF_FUNC_get_current_pid_tgid));
	insns_emit(code, I_STX(BPF_DW, R10, R0, -8));
	for (int i = 0; i < tls->len; i++) {
		const Var *v = tls->data[i];
		emit_ld_map(code, R1, MAPREF_DVAR0 + v->id - 1);
		insns_emit(code, I_MOV64_REG(R2, R10));
		insns_emit(code, I_ALU64_IMM(BPF_ADD, R2, -8));
		insns_emit(code, I_CALL(BPF_FUNC_map_delete_elem));
	}
	insns_emit(code, I_MOV64_IMM(R0, 0));
	insns_emit(code, I_EXIT());
	lp->nfuncs = 1;
	lp->funcs = xcalloc(1, sizeof(Func));
	lp->funcs[0] = (Func){lp->name, 0};
}

void link_maps(LinkedProg *lp, const int *map_fds)
{
	for (int i = 0; i < lp->code.n; i++) {
		struct bpf_insn *in = &lp->code.insn[i];
		if (in->code != (BPF_LD | BPF_DW | BPF_IMM))
			continue;
		if (in->src_reg == BPF_PSEUDO_MAP_FD || in->src_reg == BPF_PSEUDO_MAP_VALUE)
			in->imm = map_fds[in->imm];
		i++;
	}
}

void link_free(LinkedProg *lp)
{
	for (int i = 0; i < lp->nfuncs; i++)
		if (strncmp(lp->funcs[i].name, "dt_clause_", 10) == 0)
			free((char *)lp->funcs[i].name);
	free(lp->funcs);
	insns_free(&lp->code);
	vec_free(&lp->probes);
	vec_free(&lp->clauses);
	free(lp->links);
	memset(lp, 0, sizeof(*lp));
	lp->fd = -1;
}
