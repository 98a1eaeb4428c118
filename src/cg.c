/*
 * cg.c - code generation: takes one typed clause and gives its BPF
 * function and its record layout.
 *
 * The clause function is called with r1 = the per-CPU machine state (see
 * MS_* in dt.h) and returns 0, or 1 after a fault (the fault kind is left in
 * the machine state for the caller's error path).  r9 holds the machine
 * state for the whole function; r0-r5 are scratch, clobbered by helpers.
 *
 * Expression values live in 8-byte stack slots allocated like a stack
 * (cg_expr returns the slot holding the result), so there is no register
 * allocation to get wrong and helper calls never clobber a live value; the
 * JIT turns the loads and stores into cheap memory operations.  Strings are
 * pointers in slots, to string constants (MAPREF_STRTAB) or to per-CPU
 * temporaries.
 *
 * Data-recording actions write into the record buffer at fixed offsets; the
 * record is sent to the ring buffer only at the end of the clause, so a
 * clause that faults never leaves a partial record.
 */
#include <stdlib.h>
#include <string.h>

#include "cg.h"
#include "spec.h"
#include "subr.h"

static void compare(Cg *g, Op op, bool u);

/*
 * After the machine state's fixed part: the string temporaries, the
 * aggregation key buffer, then the record being built.
 */
static int tmp_off(Cg *g, int i)
{
	return MS_TMP + i * g->cc->strsize;
}

static int key_base(int strsize)
{
	return MS_TMP + NTMP_MAX * strsize;
}

int cg_rec_base(int strsize)
{
	return key_base(strsize) + AGG_KEY_BUF(strsize);
}

static RecLayout *seg(Cg *g)
{
	if (!g->seg) {
		RecLayout *r = xcalloc(1, sizeof(*r));
		vec_push(&g->cc->syms->recs, r);
		r->rid = g->cc->syms->recs.len;
		r->clause = g->cl;
		vec_push(&g->cl->recs, r);
		g->seg = r;
		if (g->spec_slot >= 0)
			spec_tag_record(g); /* after speculate(), every record is speculative */
	}
	return g->seg;
}

static void add_item(Cg *g, RecItem *it)
{
	vec_push(&seg(g)->items, it);
}

static int record_item(Cg *g, RecKind kind, int size, bool is_signed)
{
	RecLayout *cl = seg(g);
	RecItem *it = arena_alloc(g->cc->arena, sizeof(*it));
	it->kind = kind;
	it->size = size;
	it->is_signed = is_signed;
	int align = size >= 8 ? 8 : size >= 4 ? 4 : size >= 2 ? 2 : 1;
	if (kind == REC_STR)
		align = 1;
	cl->recsize = (cl->recsize + align - 1) & ~(align - 1);
	it->off = cl->recsize;
	cl->recsize += size;
	vec_push(&cl->items, it);
	return it->off;
}

/* Offset of a record item from r9 (beyond 32 KB with a large strsize: see emit_stx_far). */
static int rec_at(Cg *g, int off)
{
	return g->rec_base + RH_SIZE + off;
}

int cg_rec_at(Cg *g, int off)
{
	return rec_at(g, off);
}

int cg_record_item(Cg *g, RecKind kind, int size)
{
	return record_item(g, kind, size, false);
}

/* ---- faults ---- */

/* Jump to the clause's divide-by-zero fault if r1 == 0. */
void cg_check_divzero(Cg *g)
{
	g->used_divzero = true;
	label_jump(g->b, &g->fault_divzero, I_JMP_IMM(BPF_JEQ, R1, 0, 0));
}

/*
 * After a memory-reading helper: r0 < 0 means the address (already saved
 * in MS_FAULTVAL) could not be read: the clause stops with "invalid address".
 */
void cg_check_read(Cg *g)
{
	g->used_badaddr = true;
	label_jump(g->b, &g->fault_badaddr, I_JMP_IMM(BPF_JSLT, R0, 0, 0));
}

/* ---- expressions ---- */

static int const_string(Cg *g, Node *n, const char *s, int len)
{
	int slot = cg_slot_alloc(g, n);
	int off = symtab_string(g->cc->syms, s, len);
	emit_ld_map_value(g->b, R0, MAPREF_STRTAB, off);
	cg_store(g, slot, R0);
	return slot;
}

/* The probe-name built-ins are constants when all the clause's probes agree. */
static const char *probe_field(const Probe *p, BuiltinId id)
{
	switch (id) {
	case BI_PROBEPROV: return p->prv;
	case BI_PROBEMOD: return p->mod;
	case BI_PROBEFUNC: return p->func;
	default: return p->name;
	}
}

static const char *uniform_probe_field(Cg *g, BuiltinId id)
{
	const char *v = NULL;
	for (int i = 0; i < g->cl->probes.len; i++) {
		const char *f = probe_field(g->cl->probes.data[i], id);
		if (v && strcmp(v, f) != 0)
			return NULL;
		v = f;
	}
	return v ? v : "";
}

/*
 * The clause's probes differ in this name: look the firing probe's string up
 * (MAPREF_PROBES: probe id -> offsets in the string table, filled at load).
 */
static int probe_field_lookup(Cg *g, Node *n, BuiltinId id)
{
	int slot = cg_slot_alloc(g, n);
	int field = id == BI_PROBEPROV ? PR_PRV : id == BI_PROBEMOD ? PR_MOD
		  : id == BI_PROBEFUNC ? PR_FUNC : PR_NAME;
	int empty = symtab_string(g->cc->syms, "", 0);
	cg_emit(g, I_LDX(BPF_W, R0, R9, MS_PRID));
	cg_emit(g, I_STX(BPF_DW, R10, R0, cg_slot_off(slot)));
	cg_emit(g, I_MOV64_REG(R2, R10));
	cg_emit(g, I_ALU64_IMM(BPF_ADD, R2, cg_slot_off(slot)));
	emit_ld_map(g->b, R1, MAPREF_PROBES);
	cg_emit(g, I_CALL(BPF_FUNC_map_lookup_elem));
	cg_emit(g, I_MOV64_IMM(R1, empty));
	cg_emit(g, I_JMP_IMM(BPF_JEQ, R0, 0, 1));
	cg_emit(g, I_LDX(BPF_W, R1, R0, field));
	/* Bound the offset for the verifier: the table is far smaller than 1 MB. */
	cg_emit(g, I_ALU64_IMM(BPF_AND, R1, 0xfffff));
	emit_ld_map_value(g->b, R0, MAPREF_STRTAB, 0);
	cg_emit(g, I_ALU64_REG(BPF_ADD, R0, R1));
	cg_store(g, slot, R0);
	return slot;
}

/*
 * Read size bytes of memory at the address in slot into the same slot, as
 * an integer of type t.  Kernel memory goes through bpf_probe_read_kernel,
 * user memory through bpf_probe_read_user; a failed read faults.
 */
static void read_mem(Cg *g, int slot, const Type *t, bool user)
{
	int size = t->kind == TY_INT || t->kind == TY_PTR || t->kind == TY_FLOAT ? t->size : 8;
	cg_load(g, R3, slot);
	cg_emit(g, I_STX(BPF_DW, R9, R3, MS_FAULTVAL));
	cg_emit(g, I_ST(BPF_DW, R10, cg_slot_off(slot), 0));
	cg_emit(g, I_MOV64_REG(R1, R10));
	cg_emit(g, I_ALU64_IMM(BPF_ADD, R1, cg_slot_off(slot)));
	cg_emit(g, I_MOV64_IMM(R2, size));
	cg_emit(g, I_CALL(user ? BPF_FUNC_probe_read_user : BPF_FUNC_probe_read_kernel));
	cg_check_read(g);
	cg_load(g, R0, slot);
	cg_normalize(g, R0, t);
	cg_store(g, slot, R0);
}

static int user_stack_builtin(Cg *g, Node *n, BuiltinId id);
static void emit_ustack(Cg *g, Node *n, int at, int frames);
static void emit_usym(Cg *g, int at, int kind, int slot);

static int builtin(Cg *g, Node *n, const Builtin *bi)
{
	int slot;
	switch (bi->id) {
	case BI_USTACKDEPTH:
	case BI_UCALLER:
		return user_stack_builtin(g, n, bi->id);
	case BI_PROBEPROV:
	case BI_PROBEMOD:
	case BI_PROBEFUNC:
	case BI_PROBENAME: {
		const char *v = uniform_probe_field(g, bi->id);
		if (v)
			return const_string(g, n, v, (int)strlen(v));
		return probe_field_lookup(g, n, bi->id);
	}
	case BI_EXECNAME: {
		int off = cg_tmp_alloc(g, n);
		cg_emit(g, I_MOV64_REG(R1, R9));
		cg_emit(g, I_ALU64_IMM(BPF_ADD, R1, off));
		cg_emit(g, I_MOV64_IMM(R2, 16));
		cg_emit(g, I_CALL(BPF_FUNC_get_current_comm));
		cg_emit(g, I_MOV64_REG(R0, R9));
		cg_emit(g, I_ALU64_IMM(BPF_ADD, R0, off));
		break;
	}
	case BI_PID:
		cg_emit(g, I_CALL(BPF_FUNC_get_current_pid_tgid));
		cg_emit(g, I_ALU64_IMM(BPF_RSH, R0, 32));
		break;
	case BI_TID:
		cg_emit(g, I_CALL(BPF_FUNC_get_current_pid_tgid));
		cg_emit(g, I_MOV32_REG(R0, R0));
		break;
	case BI_PPID: {
		/* curthread->real_parent->tgid, offsets from the kernel's BTF */
		Type *task = type_tagged(g->cc->types, TY_STRUCT, false, "task_struct");
		int poff, toff;
		slot = cg_slot_alloc(g, n);
		if (!task || !type_member(task, "real_parent", &poff) ||
		    !type_member(task, "tgid", &toff)) {
			diag_error(g->cc->diag, n->pos, "D_UNSUPPORTED",
				   "ppid needs the kernel's BTF (struct task_struct)");
			g->err = 1;
			return slot;
		}
		cg_emit(g, I_CALL(BPF_FUNC_get_current_task));
		cg_emit(g, I_ALU64_IMM(BPF_ADD, R0, poff));
		cg_store(g, slot, R0);
		read_mem(g, slot, &ty_ulong, false);
		cg_load(g, R0, slot);
		cg_emit(g, I_ALU64_IMM(BPF_ADD, R0, toff));
		cg_store(g, slot, R0);
		read_mem(g, slot, &ty_int, false);
		return slot;
	}
	case BI_CURTHREAD:
		cg_emit(g, I_CALL(BPF_FUNC_get_current_task));
		break;
	case BI_UID:
	case BI_GID:
		cg_emit(g, I_CALL(BPF_FUNC_get_current_uid_gid));
		if (bi->id == BI_GID)
			cg_emit(g, I_ALU64_IMM(BPF_RSH, R0, 32));
		else
			cg_emit(g, I_MOV32_REG(R0, R0));
		break;
	case BI_TIMESTAMP:
		cg_emit(g, I_CALL(BPF_FUNC_ktime_get_ns));
		break;
	case BI_WALLTIMESTAMP:
		/* CLOCK_MONOTONIC plus the offset to the realtime clock, kept by the consumer */
		cg_emit(g, I_CALL(BPF_FUNC_ktime_get_ns));
		emit_ld_map_value(g->b, R1, MAPREF_GVARS, GV_WALLOFF);
		cg_emit(g, I_LDX(BPF_DW, R1, R1, 0));
		cg_emit(g, I_ALU64_REG(BPF_ADD, R0, R1));
		break;
	case BI_CPU:
		cg_emit(g, I_CALL(BPF_FUNC_get_smp_processor_id));
		break;
	case BI_ID:
		cg_emit(g, I_LDX(BPF_W, R0, R9, MS_PRID));
		break;
	case BI_EPID: /* the enabled probe: this clause on this probe, numbered as in errors */
		cg_emit(g, I_LDX(BPF_W, R0, R9, MS_STID));
		break;
	case BI_ERRNO:
		cg_emit(g, binsn(BPF_LDX | BPF_MEMSX | BPF_W, R0, R9, MS_ERRNO, 0));
		break;
	default: /* arg0..arg9, and args[0..9] with their probe's types */
		cg_emit(g, I_LDX(BPF_DW, R0, R9, MS_ARGS + 8 * (bi->id - BI_ARG0)));
		cg_normalize(g, R0, n->ty);
		break;
	}
	slot = cg_slot_alloc(g, n);
	cg_store(g, slot, R0);
	return slot;
}

/* ---- strings ---- */

bool cg_is_user_ptr(const Type *t)
{
	return t->kind == TY_PTR && t->is_user;
}

/* The most bytes a string-valued expression of type t can hold (with its NUL). */
int cg_str_max(Cg *g, const Type *t)
{
	if (t->kind == TY_ARRAY && t->nelem > 0 && t->nelem < g->cc->strsize)
		return t->nelem;
	return g->cc->strsize;
}

/*
 * Copy the string whose address is in slot to r9 + dst (size bytes at
 * most, NUL-terminated), faulting on an unreadable address.  Strings are
 * addresses everywhere in cg: of constants, variables, temporaries or
 * kernel memory alike, so one helper reads them all.
 */
void cg_str_copy(Cg *g, int dst, int size, int slot, const Type *t)
{
	cg_load(g, R3, slot);
	cg_emit(g, I_STX(BPF_DW, R9, R3, MS_FAULTVAL));
	cg_emit(g, I_MOV64_REG(R1, R9));
	cg_emit(g, I_ALU64_IMM(BPF_ADD, R1, dst));
	cg_emit(g, I_MOV64_IMM(R2, size));
	cg_emit(g, I_CALL(cg_is_user_ptr(t) ? BPF_FUNC_probe_read_user_str : BPF_FUNC_probe_read_kernel_str));
	cg_check_read(g);
}

/*
 * Copy a string value of type t into a fresh temporary; returns the
 * temporary's offset from r9 (r0 = the length with the NUL).
 */
int cg_str_to_tmp(Cg *g, Node *n, int slot, const Type *t)
{
	int off = cg_tmp_alloc(g, n);
	cg_str_copy(g, off, cg_str_max(g, t), slot, t);
	return off;
}

/*
 * r0 = strcmp(r9 + a, r9 + b) sign, for two strsize temporaries: a
 * bounded loop the verifier follows byte by byte.
 */
static void str_compare(Cg *g, int a, int b)
{
	Label differ, same, out;
	label_init(&differ);
	label_init(&same);
	label_init(&out);
	cg_emit(g, I_MOV64_REG(R1, R9));
	cg_emit(g, I_ALU64_IMM(BPF_ADD, R1, a));
	cg_emit(g, I_MOV64_REG(R2, R9));
	cg_emit(g, I_ALU64_IMM(BPF_ADD, R2, b));
	cg_emit(g, I_MOV64_IMM(R3, g->cc->strsize));
	int loop = g->b->n;
	cg_emit(g, I_LDX(BPF_B, R4, R1, 0));
	cg_emit(g, I_LDX(BPF_B, R5, R2, 0));
	label_jump(g->b, &differ, I_JMP_REG(BPF_JNE, R4, R5, 0));
	label_jump(g->b, &same, I_JMP_IMM(BPF_JEQ, R4, 0, 0));
	cg_emit(g, I_ALU64_IMM(BPF_ADD, R1, 1));
	cg_emit(g, I_ALU64_IMM(BPF_ADD, R2, 1));
	cg_emit(g, I_ALU64_IMM(BPF_SUB, R3, 1));
	cg_emit(g, I_JMP_IMM(BPF_JNE, R3, 0, (int16_t)(loop - g->b->n - 1)));
	label_place(g->b, &same);
	cg_emit(g, I_MOV64_IMM(R0, 0));
	label_jump(g->b, &out, I_JA(0));
	label_place(g->b, &differ);
	cg_emit(g, I_MOV64_REG(R0, R4));
	cg_emit(g, I_ALU64_REG(BPF_SUB, R0, R5));
	label_place(g->b, &out);
	label_fini(&differ);
	label_fini(&same);
	label_fini(&out);
}

/* The operator that gives the same answer with its operands swapped: a < b is b > a. */
static Op swap_op(Op op)
{
	switch (op) {
	case OP_LT: return OP_GT;
	case OP_LE: return OP_GE;
	case OP_GT: return OP_LT;
	case OP_GE: return OP_LE;
	default: return op;
	}
}

/*
 * s1 OP s2 on strings: compare the contents.  Against a constant (the
 * common `execname == "nginx"`), bpf_strncmp does it in one helper call:
 * the constant is in the frozen, read-only string table, as it requires.
 * Otherwise a byte loop over two temporaries.
 */
static int str_relational(Cg *g, Node *n)
{
	int ntmp = g->ntmp;
	Op op = n->op;
	Node *l = n->lhs, *r = n->rhs;
	if (l->kind == ND_STRING && r->kind != ND_STRING) {
		l = n->rhs;
		r = n->lhs;
		op = swap_op(op);
	}
	int a = cg_expr(g, l);
	int ta = cg_str_to_tmp(g, l, a, l->ty);
	if (r->kind == ND_STRING) {
		cg_emit(g, I_MOV64_REG(R1, R9));
		cg_emit(g, I_ALU64_IMM(BPF_ADD, R1, ta));
		cg_emit(g, I_MOV64_IMM(R2, g->cc->strsize));
		emit_ld_map_value(g->b, R3, MAPREF_STRTAB, symtab_string(g->cc->syms, r->str, r->slen));
		cg_emit(g, I_CALL(BPF_FUNC_strncmp));
	} else {
		int b = cg_expr(g, r);
		int tb = cg_str_to_tmp(g, r, b, r->ty);
		str_compare(g, ta, tb);
	}
	cg_emit(g, I_MOV64_IMM(R1, 0));
	compare(g, op, false);
	cg_store(g, a, R0);
	cg_slot_free(g, a + 1);
	g->ntmp = ntmp;
	return a;
}

/* ---- variables ---- */

static void load_sized(Cg *g, int reg, int base, int off, const Type *t)
{
	if (t->size < 8 && !t->is_unsigned && t->kind == TY_INT)
		cg_emit(g, binsn(BPF_LDX | BPF_MEMSX | bpf_size_code(t->size), reg, base, (int16_t)off, 0));
	else
		cg_emit(g, I_LDX(bpf_size_code(t->size), reg, base, (int16_t)off));
}

/*
 * A dynamic variable's key: for self->, the thread (pid_tgid) in a stack
 * slot; for an associative array, the tuple built in the key buffer.  The
 * key expressions are all evaluated before the buffer is written, so an
 * associative array read inside a key does not clobber it.  Leaves r2 = the
 * key's address only after dvar_key_ptr().
 */
/*
 * Build a key tuple (an aggregation's or an associative array's, laid out
 * by AggKey) in the key buffer.  Every key expression is evaluated first
 * (one may read an associative array, which uses the buffer too), then the
 * buffer is zeroed, so strings are NUL-padded, and filled.
 */
/*
 * The kernel stack, `size` bytes of PCs, at r9 + dst; the frames it does not
 * fill stay 0.  Program types without bpf_get_stack (BEGIN, END, tick)
 * get the call replaced by r0 = 0 at link time: an empty stack.
 */
static void emit_get_stack(Cg *g, int dst, int size)
{
	for (int off = 0; off < size; off += 8)
		emit_st_far(g->b, BPF_DW, R9, dst + off, 0);
	cg_emit(g, I_LDX(BPF_DW, R1, R10, CG_CTX_OFF));
	cg_emit(g, I_MOV64_REG(R2, R9));
	cg_emit(g, I_ALU64_IMM(BPF_ADD, R2, dst));
	cg_emit(g, I_MOV64_IMM(R3, size));
	cg_emit(g, I_MOV64_IMM(R4, 0)); /* the kernel stack, no frames skipped */
	cg_emit(g, I_CALL(BPF_FUNC_get_stack));
}

static void act_stack(Cg *g, int frames)
{
	emit_get_stack(g, rec_at(g, record_item(g, REC_STACK, 8 * frames, false)), 8 * frames);
}

static void build_key(Cg *g, Vec *exprs, const AggKey *keys, int nkeys, int keysize)
{
	int kb = key_base(g->cc->strsize);
	int first = g->nslots, ntmp = g->ntmp;
	for (int i = 0; i < nkeys; i++) {
		Node *kn = exprs->data[i];
		if (keys[i].kind == AGG_KEY_USTACK || keys[i].kind == AGG_KEY_STACK)
			cg_slot_alloc(g, kn); /* walked into the key buffer below */
		else if (keys[i].kind == AGG_KEY_USYM)
			cg_expr(g, kn->list.data[0]); /* the address */
		else
			cg_expr(g, kn);
	}
	for (int off = 0; off < keysize; off += 8)
		emit_st_far(g->b, BPF_DW, R9, kb + off, 0);
	for (int i = 0; i < nkeys; i++) {
		const AggKey *k = &keys[i];
		Node *kn = exprs->data[i];
		if (k->kind == AGG_KEY_STACK) {
			emit_get_stack(g, kb + k->off, k->size);
		} else if (k->kind == AGG_KEY_USTACK) {
			emit_ustack(g, kn, kb + k->off, (k->size - 8) / 8);
		} else if (k->kind == AGG_KEY_USYM) {
			emit_usym(g, kb + k->off, usym_kind(kn->name), first + i);
		} else if (k->kind == AGG_KEY_STR) {
			cg_str_copy(g, kb + k->off, cg_str_max(g, kn->ty), first + i, kn->ty);
		} else {
			cg_load(g, R0, first + i);
			emit_stx_far(g->b, bpf_size_code(k->size), R9, R0, kb + k->off);
		}
	}
	cg_slot_free(g, first);
	g->ntmp = ntmp;
}

typedef struct DKey {
	int slot;   /* self->: the slot holding pid_tgid */
	bool inbuf; /* associative array: key in the key buffer */
} DKey;

static DKey dvar_key(Cg *g, Node *n, const Var *v)
{
	DKey k = {0};
	if (v->kind == VAR_TLS) {
		k.slot = cg_slot_alloc(g, n);
		cg_emit(g, I_CALL(BPF_FUNC_get_current_pid_tgid));
		cg_store(g, k.slot, R0);
		return k;
	}
	build_key(g, &n->list, v->keys, v->nkeys, v->keysize);
	k.inbuf = true;
	return k;
}

static void dvar_key_ptr(Cg *g, DKey k, int reg)
{
	if (k.inbuf) {
		cg_emit(g, I_MOV64_REG(reg, R9));
		cg_emit(g, I_ALU64_IMM(BPF_ADD, reg, key_base(g->cc->strsize)));
	} else {
		cg_emit(g, I_MOV64_REG(reg, R10));
		cg_emit(g, I_ALU64_IMM(BPF_ADD, reg, cg_slot_off(k.slot)));
	}
}

static const Var *node_var(const Node *n)
{
	return n->kind == ND_IDENT ? ((Sym *)n->sym)->var : n->sym;
}

/* r0 = the address of a variable's storage, or of zeros if a dynamic one has no entry. */
static void var_addr(Cg *g, Node *n, const Var *v)
{
	switch (v->kind) {
	case VAR_GLOBAL:
		emit_ld_map_value(g->b, R0, MAPREF_GVARS, v->off);
		return;
	case VAR_LOCAL: /* r8 = the tvars value, looked up in the clause's prologue */
		cg_emit(g, I_MOV64_REG(R0, R8));
		cg_emit(g, I_ALU64_IMM(BPF_ADD, R0, v->off));
		return;
	default: {
		int mark = g->nslots, ntmp = g->ntmp;
		DKey k = dvar_key(g, n, v);
		emit_ld_map(g->b, R1, MAPREF_DVAR0 + v->id - 1);
		dvar_key_ptr(g, k, R2);
		cg_emit(g, I_CALL(BPF_FUNC_map_lookup_elem));
		cg_emit(g, I_JMP_IMM(BPF_JNE, R0, 0, 2));
		emit_ld_map_value(g->b, R0, MAPREF_STRTAB, symtab_zeros(g->cc->syms, v->type->size));
		cg_slot_free(g, mark);
		g->ntmp = ntmp;
	}
	}
}

/* The value of a variable: scalars loaded, strings as the address of their storage. */
static int load_var(Cg *g, Node *n)
{
	const Var *v = node_var(n);
	int slot = cg_slot_alloc(g, n);
	var_addr(g, n, v);
	if (type_is_scalar(v->type))
		load_sized(g, R0, R0, 0, v->type);
	cg_store(g, slot, R0);
	return slot;
}

/* Count a dynamic variable store the full map refused. */
static void count_dyndrop(Cg *g)
{
	cg_emit(g, I_LDX(BPF_DW, R1, R9, MS_DYNDROPS));
	cg_emit(g, I_ALU64_IMM(BPF_ADD, R1, 1));
	cg_emit(g, I_STX(BPF_DW, R9, R1, MS_DYNDROPS));
}

/*
 * r0 = the storage of a variable for writing: a dynamic variable's entry is
 * created (zeroed) if missing; a full map jumps to `drop`.
 */
static void var_entry(Cg *g, Node *n, const Var *v, Label *drop)
{
	if (v->kind == VAR_GLOBAL || v->kind == VAR_LOCAL) {
		var_addr(g, n, v);
		return;
	}
	int mark = g->nslots;
	DKey k = dvar_key(g, n, v);
	int map = MAPREF_DVAR0 + v->id - 1;
	Label found;
	label_init(&found);
	emit_ld_map(g->b, R1, map);
	dvar_key_ptr(g, k, R2);
	cg_emit(g, I_CALL(BPF_FUNC_map_lookup_elem));
	label_jump(g->b, &found, I_JMP_IMM(BPF_JNE, R0, 0, 0));
	emit_ld_map(g->b, R1, map);
	dvar_key_ptr(g, k, R2);
	emit_ld_map_value(g->b, R3, MAPREF_STRTAB, symtab_zeros(g->cc->syms, v->type->size));
	cg_emit(g, I_MOV64_IMM(R4, BPF_NOEXIST));
	cg_emit(g, I_CALL(BPF_FUNC_map_update_elem));
	emit_ld_map(g->b, R1, map);
	dvar_key_ptr(g, k, R2);
	cg_emit(g, I_CALL(BPF_FUNC_map_lookup_elem));
	label_jump(g->b, drop, I_JMP_IMM(BPF_JEQ, R0, 0, 0));
	label_place(g->b, &found);
	label_fini(&found);
	cg_slot_free(g, mark);
}

/*
 * Store the value in slot (already normalized to the variable's type) into
 * the variable named by n.  Strings and structs are copied from the address
 * in slot.  Storing a scalar zero in a dynamic variable deletes its entry,
 * as DTrace frees it; a full map counts a dynamic variable drop.
 */
static void store_var(Cg *g, Node *n, int slot, const Type *from)
{
	const Var *v = node_var(n);
	bool dyn = v->kind == VAR_TLS || v->kind == VAR_ASSOC;
	Label done, drop;
	label_init(&done);
	label_init(&drop);
	if (type_is_scalar(v->type) && dyn) {
		int mark = g->nslots;
		DKey k = dvar_key(g, n, v);
		Label del;
		label_init(&del);
		cg_load(g, R0, slot);
		label_jump(g->b, &del, I_JMP_IMM(BPF_JEQ, R0, 0, 0));
		emit_ld_map(g->b, R1, MAPREF_DVAR0 + v->id - 1);
		dvar_key_ptr(g, k, R2);
		cg_emit(g, I_MOV64_REG(R3, R10));
		cg_emit(g, I_ALU64_IMM(BPF_ADD, R3, cg_slot_off(slot)));
		cg_emit(g, I_MOV64_IMM(R4, BPF_ANY));
		cg_emit(g, I_CALL(BPF_FUNC_map_update_elem));
		label_jump(g->b, &done, I_JMP_IMM(BPF_JEQ, R0, 0, 0));
		label_jump(g->b, &drop, I_JA(0));
		label_place(g->b, &del);
		label_fini(&del);
		emit_ld_map(g->b, R1, MAPREF_DVAR0 + v->id - 1);
		dvar_key_ptr(g, k, R2);
		cg_emit(g, I_CALL(BPF_FUNC_map_delete_elem));
		cg_slot_free(g, mark);
	} else if (type_is_scalar(v->type)) {
		var_addr(g, n, v);
		cg_load(g, R1, slot);
		cg_emit(g, I_STX(bpf_size_code(v->type->size), R0, R1, 0));
	} else { /* copy: strings up to their NUL, structs and arrays whole */
		var_entry(g, n, v, &drop);
		bool str = v->type->kind == TY_STRING;
		cg_emit(g, I_MOV64_REG(R1, R0));
		cg_load(g, R3, slot);
		cg_emit(g, I_STX(BPF_DW, R9, R3, MS_FAULTVAL));
		cg_emit(g, I_MOV64_IMM(R2, str ? cg_str_max(g, from) : v->type->size));
		bool user = cg_is_user_ptr(from);
		cg_emit(g, I_CALL(str ? (user ? BPF_FUNC_probe_read_user_str : BPF_FUNC_probe_read_kernel_str)
				  : BPF_FUNC_probe_read_kernel));
		cg_check_read(g);
	}
	if (dyn) {
		label_jump(g->b, &done, I_JA(0));
		label_place(g->b, &drop);
		count_dyndrop(g);
	}
	label_place(g->b, &done);
	label_fini(&done);
	label_fini(&drop);
}

/* ---- arithmetic ---- */

/* r0 = r0 op r1, for arithmetic and bitwise operators in type t. */
static void arith(Cg *g, Op op, const Type *t)
{
	bool u = t->is_unsigned;
	switch (op) {
	case OP_ADD: cg_emit(g, I_ALU64_REG(BPF_ADD, R0, R1)); break;
	case OP_SUB: cg_emit(g, I_ALU64_REG(BPF_SUB, R0, R1)); break;
	case OP_MUL: cg_emit(g, I_ALU64_REG(BPF_MUL, R0, R1)); break;
	case OP_DIV:
		cg_check_divzero(g);
		cg_emit(g, u ? I_ALU64_REG(BPF_DIV, R0, R1) : I_SDIV64_REG(R0, R1));
		break;
	case OP_MOD:
		cg_check_divzero(g);
		cg_emit(g, u ? I_ALU64_REG(BPF_MOD, R0, R1) : I_SMOD64_REG(R0, R1));
		break;
	case OP_SHL: cg_emit(g, I_ALU64_REG(BPF_LSH, R0, R1)); break;
	case OP_SHR: cg_emit(g, I_ALU64_REG(u ? BPF_RSH : BPF_ARSH, R0, R1)); break;
	case OP_BAND: cg_emit(g, I_ALU64_REG(BPF_AND, R0, R1)); break;
	case OP_BOR: cg_emit(g, I_ALU64_REG(BPF_OR, R0, R1)); break;
	case OP_XOR: cg_emit(g, I_ALU64_REG(BPF_XOR, R0, R1)); break;
	default: DT_ASSERT(0);
	}
	cg_normalize(g, R0, t);
}

static int jmp_op(Op op, bool u)
{
	switch (op) {
	case OP_LT: return u ? BPF_JLT : BPF_JSLT;
	case OP_LE: return u ? BPF_JLE : BPF_JSLE;
	case OP_GT: return u ? BPF_JGT : BPF_JSGT;
	case OP_GE: return u ? BPF_JGE : BPF_JSGE;
	case OP_EQ: return BPF_JEQ;
	default: return BPF_JNE;
	}
}

/* r0 = (r0 op r1) as 0 or 1. */
static void compare(Cg *g, Op op, bool u)
{
	cg_emit(g, I_MOV64_IMM(R2, 1));
	cg_emit(g, I_JMP_REG(jmp_op(op, u), R0, R1, 1));
	cg_emit(g, I_MOV64_IMM(R2, 0));
	cg_emit(g, I_MOV64_REG(R0, R2));
}

/* && || ^^ : the first two short-circuit. */
static int logical(Cg *g, Node *n)
{
	int res = cg_slot_alloc(g, n);
	int a = cg_expr(g, n->lhs);
	cg_load(g, R0, a);
	cg_slot_free(g, res + 1);
	if (n->op == OP_LXOR) {
		cg_emit(g, I_MOV64_IMM(R1, 1));
		cg_emit(g, I_JMP_IMM(BPF_JNE, R0, 0, 1));
		cg_emit(g, I_MOV64_IMM(R1, 0));
		cg_store(g, res, R1);
		int b = cg_expr(g, n->rhs);
		cg_load(g, R0, b);
		cg_emit(g, I_MOV64_IMM(R2, 1));
		cg_emit(g, I_JMP_IMM(BPF_JNE, R0, 0, 1));
		cg_emit(g, I_MOV64_IMM(R2, 0));
		cg_load(g, R1, res);
		cg_emit(g, I_ALU64_REG(BPF_XOR, R1, R2));
		cg_store(g, res, R1);
		cg_slot_free(g, res + 1);
		return res;
	}
	Label done;
	label_init(&done);
	bool is_and = n->op == OP_LAND;
	cg_emit(g, I_MOV64_IMM(R1, is_and ? 0 : 1));
	cg_store(g, res, R1);
	label_jump(g->b, &done, I_JMP_IMM(is_and ? BPF_JEQ : BPF_JNE, R0, 0, 0));
	int b = cg_expr(g, n->rhs);
	cg_load(g, R0, b);
	cg_emit(g, I_MOV64_IMM(R1, 1));
	cg_emit(g, I_JMP_IMM(BPF_JNE, R0, 0, 1));
	cg_emit(g, I_MOV64_IMM(R1, 0));
	cg_store(g, res, R1);
	label_place(g->b, &done);
	label_fini(&done);
	cg_slot_free(g, res + 1);
	return res;
}

static bool is_addr_type(const Type *t)
{
	return t->kind == TY_PTR || t->kind == TY_ARRAY;
}

/* Scale r1 (an integer added to a pointer) by the size of what the pointer points at. */
static void ptr_scale(Cg *g, int reg, const Type *pt)
{
	int size = pt->base->size ? pt->base->size : 1;
	if (size != 1)
		cg_emit(g, I_ALU64_IMM(BPF_MUL, reg, size));
}

static int binary(Cg *g, Node *n)
{
	if (n->op == OP_LAND || n->op == OP_LOR || n->op == OP_LXOR)
		return logical(g, n);
	Type *lt = n->lhs->ty, *rt = n->rhs->ty;
	if ((lt->kind == TY_STRING || rt->kind == TY_STRING) && n->op != OP_COMMA &&
	    !sema_is_string_null_test(n))
		return str_relational(g, n);
	int a = cg_expr(g, n->lhs);
	int b = cg_expr(g, n->rhs);
	if (n->op == OP_COMMA) {
		cg_load(g, R0, b);
		cg_store(g, a, R0);
		cg_slot_free(g, a + 1);
		return a;
	}
	cg_load(g, R0, a);
	cg_load(g, R1, b);
	if (is_addr_type(lt) || is_addr_type(rt)) {
		if (n->op >= OP_LT && n->op <= OP_NE) {
			compare(g, n->op, true);
		} else if (is_addr_type(lt) && is_addr_type(rt)) { /* p - q: elements between */
			cg_emit(g, I_ALU64_REG(BPF_SUB, R0, R1));
			int size = lt->base->size ? lt->base->size : 1;
			if (size != 1) {
				cg_emit(g, I_MOV64_IMM(R1, size));
				cg_emit(g, I_SDIV64_REG(R0, R1));
			}
		} else if (is_addr_type(lt)) {
			ptr_scale(g, R1, lt);
			cg_emit(g, I_ALU64_REG(n->op == OP_ADD ? BPF_ADD : BPF_SUB, R0, R1));
		} else {
			ptr_scale(g, R0, rt);
			cg_emit(g, I_ALU64_REG(BPF_ADD, R0, R1));
		}
	} else if (n->op >= OP_LT && n->op <= OP_NE) {
		/* both operands in their common type first: (int)-1 == (unsigned)0xffffffff */
		Type *common = type_arith(lt, rt);
		cg_normalize(g, R0, common);
		cg_normalize(g, R1, common);
		compare(g, n->op, common->is_unsigned);
	} else {
		if (n->op != OP_SHL && n->op != OP_SHR) {
			cg_normalize(g, R0, n->ty);
			cg_normalize(g, R1, n->ty);
		} else {
			cg_normalize(g, R0, n->ty);
		}
		arith(g, n->op, n->ty);
	}
	cg_store(g, a, R0);
	cg_slot_free(g, a + 1);
	return a;
}

/* ---- memory: members, indexing, dereference ---- */

static int cg_addr(Cg *g, Node *n);

/* Is the object n names in user memory?  Only through a userland pointer. */
static bool in_user(const Node *n)
{
	switch (n->kind) {
	case ND_ARROW:
		return cg_is_user_ptr(n->lhs->ty);
	case ND_MEMBER:
		return in_user(n->lhs);
	case ND_INDEX: /* an associative array's element is in BPF memory */
		return !n->sym && (cg_is_user_ptr(n->lhs->ty) ||
				   (n->lhs->ty->kind == TY_ARRAY && in_user(n->lhs)));
	case ND_UNARY:
		return cg_is_user_ptr(n->lhs->ty);
	default:
		return false;
	}
}

/* slot = the address of the object a member, index or * expression names. */
static int cg_addr(Cg *g, Node *n)
{
	int slot;
	switch (n->kind) {
	case ND_ARROW:
	case ND_MEMBER:
		/* a struct value is represented by its address, like a pointer */
		slot = cg_expr(g, n->lhs);
		if (n->ival) {
			cg_load(g, R0, slot);
			cg_emit(g, I_ALU64_IMM(BPF_ADD, R0, (int32_t)n->ival));
			cg_store(g, slot, R0);
		}
		return slot;
	case ND_INDEX: {
		slot = cg_expr(g, n->lhs);
		int ix = cg_expr(g, n->list.data[0]);
		cg_load(g, R1, ix);
		Type *pt = n->lhs->ty;
		ptr_scale(g, R1, pt);
		cg_load(g, R0, slot);
		cg_emit(g, I_ALU64_REG(BPF_ADD, R0, R1));
		cg_store(g, slot, R0);
		cg_slot_free(g, slot + 1);
		return slot;
	}
	default: /* *p */
		return cg_expr(g, n->lhs);
	}
}

/* A member, element or *p as a value: scalars are read from memory, the rest stay addresses. */
static int mem_value(Cg *g, Node *n)
{
	int slot = cg_addr(g, n);
	const Type *t = n->ty;
	if (!type_is_scalar(t) && !(t->kind == TY_FLOAT && t->size <= 8))
		return slot; /* a float's bits are read like an integer's; printf formats them */
	const Member *m = (n->kind == ND_MEMBER || n->kind == ND_ARROW) ? n->sym : NULL;
	if (m && m->bits) {
		/* a bit-field: read the bytes that hold it, then shift it out */
		int bytes = (m->bit_off + m->bits + 7) / 8;
		Type *word = bytes <= 1 ? &ty_uchar : bytes <= 2 ? &ty_ushort : bytes <= 4 ? &ty_uint
			   : &ty_ulong;
		read_mem(g, slot, word, in_user(n));
		cg_load(g, R0, slot);
		cg_emit(g, I_ALU64_IMM(BPF_LSH, R0, 64 - m->bit_off - m->bits));
		cg_emit(g, I_ALU64_IMM(t->is_unsigned ? BPF_RSH : BPF_ARSH, R0, 64 - m->bits));
		cg_store(g, slot, R0);
		return slot;
	}
	read_mem(g, slot, t, in_user(n));
	return slot;
}

static int cast(Cg *g, Node *n)
{
	int slot = cg_expr(g, n->lhs);
	const Type *t = n->ty, *f = n->lhs->ty;
	if (t->kind == TY_INT && f->kind == TY_INT) {
		cg_load(g, R0, slot);
		cg_normalize(g, R0, t);
		cg_store(g, slot, R0);
	}
	return slot;
}

static int unary(Cg *g, Node *n)
{
	if (n->op == OP_DEREF)
		return mem_value(g, n);
	if (n->op == OP_ADDR)
		return cg_addr(g, n->lhs);
	int a = cg_expr(g, n->lhs);
	cg_load(g, R0, a);
	switch (n->op) {
	case OP_NEG:
		cg_emit(g, I_NEG64(R0));
		break;
	case OP_BNOT:
		cg_emit(g, I_ALU64_IMM(BPF_XOR, R0, -1));
		break;
	case OP_NOT:
		cg_emit(g, I_MOV64_IMM(R1, 0));
		cg_emit(g, I_JMP_IMM(BPF_JNE, R0, 0, 1));
		cg_emit(g, I_MOV64_IMM(R1, 1));
		cg_emit(g, I_MOV64_REG(R0, R1));
		break;
	default:
		break;
	}
	cg_normalize(g, R0, n->ty);
	cg_store(g, a, R0);
	return a;
}

/* ++x, --x, x++, x-- on a variable: the result is the new or the old value. */
static int incdec(Cg *g, Node *n)
{
	Node *lv = n->lhs;
	int res = cg_slot_alloc(g, n);
	bool post = n->op == OP_POSTINC || n->op == OP_POSTDEC;
	bool inc = n->op == OP_PREINC || n->op == OP_POSTINC;
	int cur = load_var(g, lv);
	cg_load(g, R0, cur);
	if (post)
		cg_store(g, res, R0);
	int step = lv->ty->kind == TY_PTR ? (lv->ty->base->size ? lv->ty->base->size : 1) : 1;
	cg_emit(g, I_ALU64_IMM(inc ? BPF_ADD : BPF_SUB, R0, step));
	cg_normalize(g, R0, lv->ty);
	if (!post)
		cg_store(g, res, R0);
	cg_store(g, cur, R0);
	store_var(g, lv, cur, lv->ty);
	cg_slot_free(g, res + 1);
	return res;
}

static int assign(Cg *g, Node *n)
{
	Node *lv = n->lhs;
	int b = cg_expr(g, n->rhs);
	const Type *lt = lv->ty;
	if (n->op != OP_NONE) {
		int cur = load_var(g, lv);
		cg_load(g, R0, cur);
		cg_load(g, R1, b);
		if (lt->kind == TY_PTR) {
			ptr_scale(g, R1, lt);
			cg_emit(g, I_ALU64_REG(n->op == OP_ADD ? BPF_ADD : BPF_SUB, R0, R1));
		} else {
			Type *common = type_arith(lv->ty, n->rhs->ty);
			cg_normalize(g, R0, common);
			cg_normalize(g, R1, common);
			arith(g, n->op, common);
		}
		cg_store(g, b, R0);
		cg_slot_free(g, b + 1);
	}
	if (type_is_scalar(lt)) {
		cg_load(g, R0, b);
		cg_normalize(g, R0, lt);
		cg_store(g, b, R0);
	}
	store_var(g, lv, b, n->op == OP_NONE ? n->rhs->ty : lt);
	return b; /* for strings, the source's address: the same contents */
}

static int cond(Cg *g, Node *n)
{
	int res = cg_slot_alloc(g, n);
	Label els, done;
	label_init(&els);
	label_init(&done);
	int c = cg_expr(g, n->cond);
	cg_load(g, R0, c);
	cg_slot_free(g, res + 1);
	label_jump(g->b, &els, I_JMP_IMM(BPF_JEQ, R0, 0, 0));
	int t = cg_expr(g, n->then);
	cg_load(g, R0, t);
	cg_normalize(g, R0, n->ty);
	cg_store(g, res, R0);
	cg_slot_free(g, res + 1);
	label_jump(g->b, &done, I_JA(0));
	label_place(g->b, &els);
	int e = cg_expr(g, n->els);
	cg_load(g, R0, e);
	cg_normalize(g, R0, n->ty);
	cg_store(g, res, R0);
	cg_slot_free(g, res + 1);
	label_place(g->b, &done);
	label_fini(&els);
	label_fini(&done);
	return res;
}

/* A string temporary in the machine state (its offset from r9). */
int cg_tmp_alloc(Cg *g, Node *n)
{
	if (g->ntmp == NTMP_MAX) {
		if (!g->err)
			diag_error(g->cc->diag, n->pos, "D_EXPR_DEPTH",
				   "expression needs more than %d string temporaries", NTMP_MAX);
		g->err = 1;
		return tmp_off(g, 0);
	}
	return tmp_off(g, g->ntmp++);
}

int cg_expr(Cg *g, Node *n)
{
	Pos save = g->b->cur;
	int slot;
	if (n->is_const && (n->ty->kind == TY_INT || n->ty->kind == TY_PTR)) {
		slot = cg_slot_alloc(g, n);
		cg_mov_imm(g, R0, n->cval);
		cg_store(g, slot, R0);
		return slot;
	}
	switch (n->kind) {
	case ND_STRING:
		slot = const_string(g, n, n->str, n->slen);
		break;
	case ND_IDENT:
		slot = ((Sym *)n->sym)->kind == SYM_BUILTIN ? builtin(g, n, ((Sym *)n->sym)->bi)
							    : load_var(g, n);
		break;
	case ND_SELF:
	case ND_THIS:
		slot = load_var(g, n);
		break;
	case ND_INDEX:
		slot = n->sym ? load_var(g, n) : mem_value(g, n);
		break;
	case ND_MEMBER:
	case ND_ARROW:
		slot = mem_value(g, n);
		break;
	case ND_UNARY:
		slot = (n->op == OP_PREINC || n->op == OP_PREDEC) ? incdec(g, n) : unary(g, n);
		break;
	case ND_POSTFIX:
		slot = incdec(g, n);
		break;
	case ND_BINARY:
		slot = binary(g, n);
		break;
	case ND_ASSIGN:
		slot = assign(g, n);
		break;
	case ND_COND:
		slot = cond(g, n);
		break;
	case ND_CAST:
		slot = cast(g, n);
		break;
	case ND_STRINGOF:
		slot = cg_expr(g, n->lhs);
		break;
	case ND_CALL:
		slot = ((const SubrDesc *)n->sym)->gen(g, n);
		break;
	default:
		DT_ASSERT(!"expression kind sema should have refused");
	}
	g->b->cur = save;
	return slot;
}

/* ---- actions ---- */

/* Record one value: integers at their width, strings in strsize slots. */
static void record_value(Cg *g, Node *a, bool widen)
{
	if (a->ty->kind == TY_STRING && a->kind == ND_STRING) {
		RecItem *it = arena_alloc(g->cc->arena, sizeof(*it));
		it->kind = REC_CSTR;
		it->cstr = a->str;
		add_item(g, it);
		return;
	}
	if (a->ty->kind == TY_STRING && a->kind == ND_IDENT && ((Sym *)a->sym)->kind == SYM_BUILTIN) {
		const Builtin *bi = ((Sym *)a->sym)->bi;
		const char *v = bi->id != BI_EXECNAME ? uniform_probe_field(g, bi->id) : NULL;
		if (v) {
			RecItem *it = arena_alloc(g->cc->arena, sizeof(*it));
			it->kind = REC_CSTR;
			it->cstr = v;
			add_item(g, it);
			return;
		}
	}
	int mark = g->nslots, ntmp = g->ntmp;
	int slot = cg_expr(g, a);
	if (a->ty->kind == TY_STRING || (type_is_charseq(a->ty) && a->ty->kind == TY_ARRAY)) {
		int off = record_item(g, REC_STR, g->cc->strsize, false);
		cg_str_copy(g, rec_at(g, off), cg_str_max(g, a->ty), slot, a->ty);
	} else {
		int size = widen && a->ty->kind != TY_FLOAT ? 8 : a->ty->size;
		int off = record_item(g, REC_INT, size, !a->ty->is_unsigned && a->ty->kind == TY_INT);
		RecItem *last = seg(g)->items.data[seg(g)->items.len - 1];
		last->is_float = a->ty->kind == TY_FLOAT;
		last->sym = subr_addrsym(a);
		cg_load(g, R0, slot);
		emit_stx_far(g->b, bpf_size_code(size), R9, R0, rec_at(g, off));
	}
	cg_slot_free(g, mark);
	g->ntmp = ntmp;
}

/*
 * Record size bytes of memory from the address in slot (kernel memory, or
 * user memory if user): trace() of a struct, union or array, tracemem().
 */
static void record_bytes(Cg *g, RecKind kind, int slot, int size, bool user)
{
	int off = record_item(g, kind, size, false);
	cg_load(g, R3, slot);
	cg_emit(g, I_STX(BPF_DW, R9, R3, MS_FAULTVAL));
	cg_emit(g, I_MOV64_REG(R1, R9));
	cg_emit(g, I_ALU64_IMM(BPF_ADD, R1, rec_at(g, off)));
	cg_emit(g, I_MOV64_IMM(R2, size));
	cg_emit(g, I_CALL(user ? BPF_FUNC_probe_read_user : BPF_FUNC_probe_read_kernel));
	cg_check_read(g);
}

static void act_trace(Cg *g, Node *n)
{
	Node *a = n->list.data[0];
	const Type *t = a->ty;
	if (!type_is_aggr(t) && !(t->kind == TY_ARRAY && !type_is_charseq(t))) {
		record_value(g, a, false);
		return;
	}
	int mark = g->nslots;
	record_bytes(g, REC_BYTES, cg_expr(g, a), t->size, in_user(a));
	cg_slot_free(g, mark);
}

/* print(): the value's bytes (all of an array's, char arrays too), printed by its type. */
static void act_print(Cg *g, Node *n)
{
	Node *a = n->list.data[0];
	if (a->ty->kind == TY_ARRAY) {
		int mark = g->nslots;
		record_bytes(g, REC_BYTES, cg_expr(g, a), a->ty->size, in_user(a));
		cg_slot_free(g, mark);
	} else {
		act_trace(g, n);
	}
	RecItem *it = seg(g)->items.data[seg(g)->items.len - 1];
	it->ptype = a->ty->kind == TY_STRING ? &ty_string : a->ty;
}

/* tracemem(addr, size[, dsize]): size bytes, and how many of them to print. */
static void act_tracemem(Cg *g, Node *n)
{
	int mark = g->nslots;
	Node *addr = n->list.data[0];
	record_bytes(g, REC_TRACEMEM, cg_expr(g, addr), (int)((Node *)n->list.data[1])->cval,
		     cg_is_user_ptr(addr->ty));
	RecItem *it = seg(g)->items.data[seg(g)->items.len - 1];
	cg_slot_free(g, mark);
	if (n->list.len == 3) {
		it->nargs = 1;
		record_value(g, n->list.data[2], true);
	}
}

/* printf() and system(): the format stays in the layout, the arguments are recorded. */
static void act_printf(Cg *g, Node *n)
{
	Node *f = n->list.data[0];
	RecItem *it = arena_alloc(g->cc->arena, sizeof(*it));
	char *err = NULL;
	it->kind = n->ival == ACTF_SYSTEM ? REC_SYSTEM : REC_PRINTF;
	if (n->ival == ACTF_SYSTEM)
		g->cc->syms->destructive = true;
	it->fmt = pf_parse(f->str, &err);
	DT_ASSERT(it->fmt); /* sema checked it */
	it->nargs = n->list.len - 1;
	add_item(g, it);
	for (int i = 1; i < n->list.len; i++)
		record_value(g, n->list.data[i], true);
}

/*
 * An action on aggregations (printa, clear, trunc, normalize,
 * denormalize): only the action is recorded, with the aggregations it
 * names (the call's arguments from `first` on, up to `last`); the consumer
 * applies it to its copy of them when it reaches the record.
 */
static RecItem *agg_action(Cg *g, Node *n, RecKind kind, int first, int last)
{
	RecItem *it = arena_alloc(g->cc->arena, sizeof(*it));
	it->kind = kind;
	it->naggs = last - first;
	it->aggs = arena_alloc(g->cc->arena, (size_t)it->naggs * sizeof(*it->aggs));
	for (int i = 0; i < it->naggs; i++)
		it->aggs[i] = ((Node *)n->list.data[first + i])->sym;
	add_item(g, it);
	return it;
}

static void act_printa(Cg *g, Node *n)
{
	bool has_fmt = ((Node *)n->list.data[0])->kind == ND_STRING;
	RecItem *it = agg_action(g, n, REC_PRINTA, has_fmt, n->list.len);
	char *err = NULL;
	if (has_fmt) {
		it->fmt = pf_parse(((Node *)n->list.data[0])->str, &err);
		DT_ASSERT(it->fmt); /* sema checked it */
	}
}

/* clear(), trunc(), normalize(), denormalize(): trunc's and normalize's count follows. */
static void act_aggop(Cg *g, Node *n)
{
	RecKind kind = n->ival == ACTF_CLEAR ? REC_CLEAR : n->ival == ACTF_TRUNC ? REC_TRUNC
		     : n->ival == ACTF_NORMALIZE ? REC_NORMALIZE : REC_DENORMALIZE;
	RecItem *it = agg_action(g, n, kind, 0, 1);
	it->nargs = n->list.len - 1;
	if (it->nargs)
		record_value(g, n->list.data[1], true);
}

/* setopt(): the consumer sets the option when it reaches the record. */
static void act_setopt(Cg *g, Node *n)
{
	RecItem *it = arena_alloc(g->cc->arena, sizeof(*it));
	it->kind = REC_SETOPT;
	it->nargs = n->list.len;
	add_item(g, it);
	for (int i = 0; i < n->list.len; i++)
		record_value(g, n->list.data[i], false);
}

/* Whether every probe of the clause is on a function's first instruction (entry, offset 0). */
static bool on_function_entry(Cg *g)
{
	for (int i = 0; i < g->cl->probes.len; i++) {
		const Probe *p = g->cl->probes.data[i];
		bool first = !strcmp(p->name, "entry") || !strcmp(p->name, "0");
		if (p->kind != PK_UPROBE_ENTRY || !first)
			return false;
	}
	return g->cl->probes.len > 0;
}

/* The offset of sp in the kernel's struct pt_regs (BTF). */
static bool pt_regs_sp(Cg *g, int *off)
{
	Type *t = type_tagged(g->cc->types, TY_STRUCT, false, "pt_regs");
	return t && type_member(t, "sp", off);
}

/* *(user sp), the return address at a function's first instruction, into base + dst. */
static void read_return_addr(Cg *g, int base, int dst, int sp_off)
{
	cg_emit(g, I_CALL(BPF_FUNC_get_current_task_btf));
	cg_emit(g, I_MOV64_REG(R1, R0));
	cg_emit(g, I_CALL(BPF_FUNC_task_pt_regs));
	cg_emit(g, I_MOV64_REG(R3, R0));
	cg_emit(g, I_ALU64_IMM(BPF_ADD, R3, sp_off));
	cg_emit(g, I_MOV64_REG(R1, base));
	cg_emit(g, I_ALU64_IMM(BPF_ADD, R1, dst));
	cg_emit(g, I_MOV64_IMM(R2, 8));
	cg_emit(g, I_CALL(BPF_FUNC_probe_read_kernel));
	emit_ldx_far(g->b, BPF_DW, R3, base, dst);
	cg_emit(g, I_MOV64_REG(R1, base));
	cg_emit(g, I_ALU64_IMM(BPF_ADD, R1, dst));
	cg_emit(g, I_MOV64_IMM(R2, 8));
	cg_emit(g, I_CALL(BPF_FUNC_probe_read_user));
}

/* The current task's user stack into r9 + dst, at most frames PCs; r0 = the frames found. */
static void walk_user_stack(Cg *g, int dst, int frames)
{
	cg_emit(g, I_CALL(BPF_FUNC_get_current_task_btf));
	cg_emit(g, I_MOV64_REG(R1, R0));
	cg_emit(g, I_MOV64_REG(R2, R9));
	cg_emit(g, I_ALU64_IMM(BPF_ADD, R2, dst));
	cg_emit(g, I_MOV64_IMM(R3, 8 * frames));
	cg_emit(g, I_MOV64_IMM(R4, BPF_F_USER_STACK));
	cg_emit(g, I_CALL(BPF_FUNC_get_task_stack));
	cg_emit(g, I_JMP_IMM(BPF_JSGE, R0, 0, 1));
	cg_emit(g, I_MOV64_IMM(R0, 0));
	cg_emit(g, I_ALU64_IMM(BPF_RSH, R0, 3));
}

/*
 * ustackdepth: the frames of a walk (as ustack() finds them) into string
 * temporaries, at most strsize / 8 - 1.  ucaller: its second frame, the
 * caller's return address.
 */
static int user_stack_builtin(Cg *g, Node *n, BuiltinId id)
{
	int slot = cg_slot_alloc(g, n), tmp = cg_tmp_alloc(g, n);
	int frames = id == BI_UCALLER ? 2 : g->cc->strsize / 8 - 1;
	frames = frames < 2 ? 2 : frames;
	for (int got = g->cc->strsize; got < 8 + 8 * frames; got += g->cc->strsize)
		cg_tmp_alloc(g, n); /* the temporaries are consecutive */
	emit_ustack(g, n, tmp, frames);
	if (id == BI_USTACKDEPTH)
		emit_ldx_far(g->b, BPF_W, R0, R9, tmp + 4);
	else
		emit_ldx_far(g->b, BPF_DW, R0, R9, tmp + 16);
	cg_store(g, slot, R0);
	return slot;
}

/*
 * At a function's first instruction its caller's return address is on top
 * of the user stack, not yet in a frame, so a frame-pointer walk skips the
 * caller (DTrace's pid provider adds it too).  Kernels since 6.12 add it
 * themselves when that instruction is push %rbp or endbr64: so unless the
 * walk's second frame already is *(user sp), shift frames 1.. up by one and
 * put it there.  The stack is at r9 + at (ustack()'s layout).
 */
static void ustack_entry_caller(Cg *g, Node *n, int at, int frames, int sp_off)
{
	int mark = g->nslots, ret = cg_slot_alloc(g, n);
	Label done, insert;
	label_init(&done);
	label_init(&insert);
	read_return_addr(g, R10, cg_slot_off(ret), sp_off);
	emit_ldx_far(g->b, BPF_W, R0, R9, at + 4);
	label_jump(g->b, &done, I_JMP_IMM(BPF_JEQ, R0, 0, 0));
	label_jump(g->b, &insert, I_JMP_IMM(BPF_JLT, R0, 2, 0));
	emit_ldx_far(g->b, BPF_DW, R1, R9, at + 16);
	cg_load(g, R2, ret);
	label_jump(g->b, &done, I_JMP_REG(BPF_JEQ, R1, R2, 0));
	label_place(g->b, &insert);
	for (int i = frames - 1; i >= 2; i--) {
		emit_ldx_far(g->b, BPF_DW, R0, R9, at + 8 + 8 * (i - 1));
		emit_stx_far(g->b, BPF_DW, R9, R0, at + 8 + 8 * i);
	}
	cg_load(g, R0, ret);
	emit_stx_far(g->b, BPF_DW, R9, R0, at + 16);
	emit_ldx_far(g->b, BPF_W, R0, R9, at + 4); /* one frame more, unless full */
	label_jump(g->b, &done, I_JMP_IMM(BPF_JGE, R0, frames, 0));
	cg_emit(g, I_ALU64_IMM(BPF_ADD, R0, 1));
	emit_stx_far(g->b, BPF_W, R9, R0, at + 4);
	label_place(g->b, &done);
	label_fini(&done);
	label_fini(&insert);
	cg_slot_free(g, mark);
}

/* ustack()'s layout (REC_USTACK, AGG_KEY_USTACK) at r9 + at: pid, frames, the PCs. */
static void emit_ustack(Cg *g, Node *n, int at, int frames)
{
	cg_emit(g, I_CALL(BPF_FUNC_get_current_pid_tgid));
	cg_emit(g, I_ALU64_IMM(BPF_RSH, R0, 32));
	emit_stx_far(g->b, BPF_W, R9, R0, at);
	walk_user_stack(g, at + 8, frames);
	emit_stx_far(g->b, BPF_W, R9, R0, at + 4);
	int sp_off;
	if (frames > 1 && on_function_entry(g) && pt_regs_sp(g, &sp_off))
		ustack_entry_caller(g, n, at, frames, sp_off);
}

/* ufunc() and co.'s layout (REC_USYM, AGG_KEY_USYM) at r9 + at: pid, kind, the address in slot. */
static void emit_usym(Cg *g, int at, int kind, int slot)
{
	cg_emit(g, I_CALL(BPF_FUNC_get_current_pid_tgid));
	cg_emit(g, I_ALU64_IMM(BPF_RSH, R0, 32));
	emit_stx_far(g->b, BPF_W, R9, R0, at);
	emit_st_far(g->b, BPF_W, R9, at + 4, kind);
	cg_load(g, R0, slot);
	emit_stx_far(g->b, BPF_DW, R9, R0, at + 8);
}

/* ufunc(a), usym(a), uaddr(a), umod(a): the pid and the address, symbolized when printed. */
static void act_usym(Cg *g, Node *n)
{
	int mark = g->nslots, ntmp = g->ntmp;
	int slot = cg_expr(g, n->list.data[0]);
	int off = record_item(g, REC_USYM, 16, false);
	emit_usym(g, rec_at(g, off), usym_kind(n->name), slot);
	cg_slot_free(g, mark);
	g->ntmp = ntmp;
}

/*
 * ustack(n): the pid and the current task's user stack (frame-pointer walk
 * by the kernel), straight into the record.  bpf_get_task_stack on the
 * current task needs no ctx, which clauses do not have; programs that
 * cannot call it (BEGIN, END, tick) get both calls replaced by r0 = 0 at
 * link time, and record no frames.
 */
static void act_ustack(Cg *g, Node *n)
{
	int frames = n->list.len ? (int)((Node *)n->list.data[0])->cval : g->cc->ustackframes;
	int off = record_item(g, REC_USTACK, 8 + 8 * frames, false);
	emit_ustack(g, n, rec_at(g, off), frames);
}

static void act_exit(Cg *g, Node *n)
{
	int mark = g->nslots;
	int slot = cg_expr(g, n->list.data[0]);
	int off = record_item(g, REC_EXIT, 4, true);
	cg_load(g, R0, slot);
	emit_stx_far(g->b, BPF_W, R9, R0, rec_at(g, off));
	/* exit() stops further tracing at once: other clauses and probes see DRAINING. */
	emit_ld_map_value(g->b, R1, MAPREF_GVARS, GV_ACTIVITY);
	cg_emit(g, I_ST(BPF_W, R1, 0, ACT_DRAINING));
	cg_slot_free(g, mark);
}

static void stmt(Cg *g, Node *n);
static void emit_commit(Cg *g);

/* ---- aggregations ---- */

/*
 * r0 = floor(log2(r1)) for r1 >= 1, by halving the range six times; r1 is
 * consumed.  The same bucket arithmetic as agg_quantize_bucket().
 */
static void emit_log2(Cg *g)
{
	cg_emit(g, I_MOV64_IMM(R0, 0));
	for (int sh = 32; sh >= 1; sh /= 2) {
		cg_emit(g, I_MOV64_REG(R2, R1));
		cg_emit(g, I_ALU64_IMM(BPF_RSH, R2, sh));
		cg_emit(g, I_JMP_IMM(BPF_JEQ, R2, 0, 2));
		cg_emit(g, I_MOV64_REG(R1, R2));
		cg_emit(g, I_ALU64_IMM(BPF_ADD, R0, sh));
	}
}

/* r3 = the quantize() bucket of the value in r6 (0..126). */
static void emit_quantize_bucket(Cg *g)
{
	Label neg, done;
	label_init(&neg);
	label_init(&done);
	cg_emit(g, I_MOV64_IMM(R3, AGG_QUANTIZE_ZERO));
	label_jump(g->b, &done, I_JMP_IMM(BPF_JEQ, R6, 0, 0));
	label_jump(g->b, &neg, I_JMP_IMM(BPF_JSLT, R6, 0, 0));
	cg_emit(g, I_MOV64_REG(R1, R6));
	emit_log2(g);
	cg_emit(g, I_MOV64_REG(R3, R0));
	cg_emit(g, I_ALU64_IMM(BPF_ADD, R3, AGG_QUANTIZE_ZERO + 1));
	label_jump(g->b, &done, I_JA(0));
	label_place(g->b, &neg);
	cg_emit(g, I_MOV64_REG(R1, R6));
	cg_emit(g, I_NEG64(R1)); /* INT64_MIN stays negative: its log2 reads as 63 below */
	emit_log2(g);
	cg_emit(g, I_MOV64_IMM(R3, AGG_QUANTIZE_ZERO - 1));
	cg_emit(g, I_ALU64_REG(BPF_SUB, R3, R0));
	cg_emit(g, I_JMP_IMM(BPF_JSGE, R3, 0, 1));
	cg_emit(g, I_MOV64_IMM(R3, 0));
	label_place(g->b, &done);
	label_fini(&neg);
	label_fini(&done);
}

/* r3 = the lquantize() bucket of the value in r6. */
static void emit_lquantize_bucket(Cg *g, const AggDesc *d)
{
	int64_t levels = (d->limit - d->base) / d->step;
	cg_emit(g, I_MOV64_IMM(R3, 0));
	emit_ld_imm64(g->b, R1, (uint64_t)d->base);
	cg_emit(g, I_JMP_REG(BPF_JSLT, R6, R1, 8));
	cg_emit(g, I_MOV64_IMM(R3, (int32_t)levels + 1));
	emit_ld_imm64(g->b, R2, (uint64_t)d->limit);
	cg_emit(g, I_JMP_REG(BPF_JSGE, R6, R2, 4));
	cg_emit(g, I_MOV64_REG(R3, R6));
	cg_emit(g, I_ALU64_REG(BPF_SUB, R3, R1));
	cg_emit(g, I_ALU64_IMM(BPF_DIV, R3, (int32_t)d->step));
	cg_emit(g, I_ALU64_IMM(BPF_ADD, R3, 1));
}

/*
 * r3 = the llquantize() bucket of the value in r6 (r6 may be clamped), as
 * agg_llquantize_bucket() finds it (agg.h spells the loop out).  The
 * parameters are constants, so the loop over the orders of magnitude is
 * unrolled here: per order, one compare and, if the value is below the
 * order's top, a division by the order's constant bucket width.
 */
static void emit_llquantize_bucket(Cg *g, const AggDesc *d)
{
	Label done;
	label_init(&done);
	int64_t this = 1, last, next, base = 1;
	for (int64_t i = 0; i < d->low; i++)
		this *= d->factor; /* sema checked factor^(high+1) fits */
	cg_emit(g, I_MOV64_IMM(R3, 0));
	emit_ld_imm64(g->b, R1, (uint64_t)this);
	label_jump(g->b, &done, I_JMP_REG(BPF_JSLT, R6, R1, 0));
	last = this;
	this *= d->factor;
	for (int64_t order = d->low; order <= d->high; order++) {
		int64_t nb = this > d->nsteps ? d->nsteps : this;
		bool overflow = __builtin_mul_overflow(this, d->factor, &next);
		emit_ld_imm64(g->b, R1, (uint64_t)this);
		if (overflow) { /* the kernel's rule: the value is clamped into this order */
			cg_emit(g, I_JMP_REG(BPF_JSLT, R6, R1, 2));
			cg_emit(g, I_MOV64_REG(R6, R1));
			cg_emit(g, I_ALU64_IMM(BPF_SUB, R6, 1));
		}
		cg_emit(g, I_JMP_REG(BPF_JSGE, R6, R1, 9));
		cg_emit(g, I_MOV64_REG(R3, R6));
		emit_ld_imm64(g->b, R1, (uint64_t)last);
		cg_emit(g, I_ALU64_REG(BPF_SUB, R3, R1));
		emit_ld_imm64(g->b, R1, (uint64_t)(this / nb));
		cg_emit(g, I_ALU64_REG(BPF_DIV, R3, R1));
		cg_emit(g, I_ALU64_IMM(BPF_ADD, R3, (int32_t)base));
		label_jump(g->b, &done, I_JA(0));
		base += nb - nb / d->factor;
		last = this;
		this = next;
		if (overflow)
			break;
	}
	cg_emit(g, I_MOV64_IMM(R3, (int32_t)base));
	label_place(g->b, &done);
	label_fini(&done);
}

/*
 * r1 = the per-CPU hash aggregation d updates now: the one its
 * array-of-maps holds at index 0, which the consumer swaps to take a
 * snapshot (see cons.c).  The array lookup is inlined by the verifier; it
 * never fails, but the verifier wants the check.
 */
static void agg_map(Cg *g, const AggDesc *d, Label *drop)
{
	emit_ld_map(g->b, R1, MAPREF_AGG0 + d->id - 1);
	emit_ld_map_value(g->b, R2, MAPREF_STRTAB, symtab_zeros(g->cc->syms, 4));
	cg_emit(g, I_CALL(BPF_FUNC_map_lookup_elem));
	label_jump(g->b, drop, I_JMP_IMM(BPF_JEQ, R0, 0, 0));
	cg_emit(g, I_MOV64_REG(R1, R0));
}

/*
 * r0 = value words of this CPU's entry for the key (created zeroed if new),
 * or exit to `drop`.  The map key is the tuple and then the CPU number (see
 * load_agg_buffer).  The map is looked up once and kept in a stack slot:
 * the consumer may swap maps at any moment, and the entry must be created
 * and then found in the same one.
 */
static void agg_lookup(Cg *g, Node *n, const AggDesc *d, Label *drop)
{
	int kb = key_base(g->cc->strsize), map = cg_slot_alloc(g, n);
	Label found;
	label_init(&found);
	cg_emit(g, I_CALL(BPF_FUNC_get_smp_processor_id));
	emit_stx_far(g->b, BPF_DW, R9, R0, kb + d->keysize);
	agg_map(g, d, drop);
	cg_store(g, map, R1);
	cg_emit(g, I_MOV64_REG(R2, R9));
	cg_emit(g, I_ALU64_IMM(BPF_ADD, R2, kb));
	cg_emit(g, I_CALL(BPF_FUNC_map_lookup_elem));
	label_jump(g->b, &found, I_JMP_IMM(BPF_JNE, R0, 0, 0));
	cg_load(g, R1, map);
	cg_emit(g, I_MOV64_REG(R2, R9));
	cg_emit(g, I_ALU64_IMM(BPF_ADD, R2, kb));
	emit_ld_map_value(g->b, R3, MAPREF_STRTAB, symtab_zeros(g->cc->syms, d->nvals * 8));
	cg_emit(g, I_MOV64_IMM(R4, BPF_NOEXIST));
	cg_emit(g, I_CALL(BPF_FUNC_map_update_elem));
	cg_load(g, R1, map);
	cg_emit(g, I_MOV64_REG(R2, R9));
	cg_emit(g, I_ALU64_IMM(BPF_ADD, R2, kb));
	cg_emit(g, I_CALL(BPF_FUNC_map_lookup_elem));
	label_jump(g->b, drop, I_JMP_IMM(BPF_JEQ, R0, 0, 0));
	label_place(g->b, &found);
	label_fini(&found);
	cg_slot_free(g, map);
}

/* value[off] += reg (the value is per CPU: no atomics needed). */
static void add_word(Cg *g, int off, int reg)
{
	cg_emit(g, I_LDX(BPF_DW, R1, R0, off));
	cg_emit(g, I_ALU64_REG(BPF_ADD, R1, reg));
	cg_emit(g, I_STX(BPF_DW, R0, R1, off));
}

/* min/max: take the value if the entry is empty or it beats the current one. */
static void agg_minmax(Cg *g, bool is_min)
{
	cg_emit(g, I_LDX(BPF_DW, R1, R0, 8));
	cg_emit(g, I_JMP_IMM(BPF_JEQ, R1, 0, 2));
	cg_emit(g, I_LDX(BPF_DW, R1, R0, 0));
	cg_emit(g, I_JMP_REG(is_min ? BPF_JSGE : BPF_JSLE, R6, R1, 3));
	cg_emit(g, I_STX(BPF_DW, R0, R6, 0));
	cg_emit(g, I_MOV64_IMM(R1, 1));
	cg_emit(g, I_STX(BPF_DW, R0, R1, 8));
}

/* @name[keys] = func(x): update this CPU's entry in the aggregation's map. */
static void agg_update(Cg *g, Node *n)
{
	Node *agg = n->lhs, *call = n->rhs;
	const AggDesc *d = agg->sym;
	Label drop, done;
	label_init(&drop);
	label_init(&done);
	/*
	 * The argument first: it may use the key buffer (an associative array,
	 * a subroutine's scratch), which holds the key from build_key() on.
	 */
	int mark = g->nslots, ntmp = g->ntmp, iarg = agg_incr_arg(d->func);
	int arg = call->list.len ? cg_expr(g, call->list.data[0]) : -1;
	int incr = iarg && call->list.len > iarg ? cg_expr(g, call->list.data[iarg]) : -1;
	build_key(g, &agg->list, d->keys, d->nkeys, d->keysize);
	if (arg >= 0) /* r6 = the argument (callee-saved: survives the map calls) */
		cg_load(g, R6, arg);
	if (incr >= 0) /* r7 = a distribution's increment (callee-saved too) */
		cg_load(g, R7, incr);
	else if (agg_is_dist(d))
		cg_emit(g, I_MOV64_IMM(R7, 1));
	cg_slot_free(g, mark);
	g->ntmp = ntmp;
	if (d->func == AGG_QUANTIZE)
		emit_quantize_bucket(g);
	else if (d->func == AGG_LQUANTIZE)
		emit_lquantize_bucket(g, d);
	else if (d->func == AGG_LLQUANTIZE)
		emit_llquantize_bucket(g, d);
	if (agg_is_dist(d)) { /* keep the bucket across calls */
		cg_emit(g, I_ALU64_IMM(BPF_LSH, R3, 3));
		cg_emit(g, I_MOV64_REG(R6, R3));
	}
	agg_lookup(g, n, d, &drop);
	switch (d->func) {
	case AGG_COUNT:
		cg_emit(g, I_MOV64_IMM(R2, 1));
		add_word(g, 0, R2);
		break;
	case AGG_SUM:
		add_word(g, 0, R6);
		break;
	case AGG_AVG:
	case AGG_STDDEV:
		cg_emit(g, I_MOV64_IMM(R2, 1));
		add_word(g, 0, R2);
		add_word(g, 8, R6);
		if (d->func == AGG_STDDEV) { /* sum of squares, 128 bits (exact for |x| < 2^32) */
			cg_emit(g, I_MOV64_REG(R2, R6));
			cg_emit(g, I_ALU64_REG(BPF_MUL, R2, R6));
			add_word(g, 16, R2);
			cg_emit(g, I_JMP_REG(BPF_JGE, R1, R2, 3));
			cg_emit(g, I_LDX(BPF_DW, R1, R0, 24));
			cg_emit(g, I_ALU64_IMM(BPF_ADD, R1, 1));
			cg_emit(g, I_STX(BPF_DW, R0, R1, 24));
		}
		break;
	case AGG_MIN:
	case AGG_MAX:
		agg_minmax(g, d->func == AGG_MIN);
		break;
	default: /* distributions: r6 = bucket * 8, bounded for the verifier */
		label_jump(g->b, &done, I_JMP_IMM(BPF_JGT, R6, (d->nvals - 1) * 8, 0));
		cg_emit(g, I_ALU64_REG(BPF_ADD, R0, R6));
		add_word(g, 0, R7);
		break;
	}
	label_jump(g->b, &done, I_JA(0));
	label_place(g->b, &drop);
	cg_emit(g, I_LDX(BPF_DW, R1, R9, MS_AGGDROPS));
	cg_emit(g, I_ALU64_IMM(BPF_ADD, R1, 1));
	cg_emit(g, I_STX(BPF_DW, R9, R1, MS_AGGDROPS));
	label_place(g->b, &done);
	label_fini(&drop);
	label_fini(&done);
}

/*
 * if/else.  The branches can be longer than a 16-bit jump reaches, so the
 * jumps over them are gotol (32-bit offsets): one instruction more per if.
 */
static void stmt_if(Cg *g, Node *n)
{
	Label els, done;
	label_init(&els);
	label_init(&done);
	emit_commit(g); /* what ran before the if is one record, each branch another */
	int mark = g->nslots, ntmp = g->ntmp;
	int c = cg_expr(g, n->cond);
	cg_load(g, R0, c);
	cg_slot_free(g, mark);
	g->ntmp = ntmp;
	cg_emit(g, I_JMP_IMM(BPF_JNE, R0, 0, 1));
	label_jump(g->b, &els, I_GOTOL(0));
	stmt(g, n->then);
	emit_commit(g);
	if (n->els)
		label_jump(g->b, &done, I_GOTOL(0));
	label_place(g->b, &els);
	if (n->els) {
		stmt(g, n->els);
		emit_commit(g);
	}
	label_place(g->b, &done);
	label_fini(&els);
	label_fini(&done);
}

static void fault_exits(Cg *g);

/*
 * Fault checks jump forward to the clause's fault exits.  In a clause too
 * long for a 16-bit jump to reach its end, place the exits early, after the
 * statement where the oldest pending check is getting far, and go on with
 * fresh labels.
 */
static void fault_exits_if_far(Cg *g)
{
	int oldest = g->b->n;
	if (g->fault_divzero.nfix && g->fault_divzero.fixups[0] < oldest)
		oldest = g->fault_divzero.fixups[0];
	if (g->fault_badaddr.nfix && g->fault_badaddr.fixups[0] < oldest)
		oldest = g->fault_badaddr.fixups[0];
	if (g->b->n - oldest < 16384)
		return;
	Label over;
	label_init(&over);
	label_jump(g->b, &over, I_JA(0));
	fault_exits(g);
	label_place(g->b, &over);
	label_fini(&over);
}

static void stmt(Cg *g, Node *n)
{
	g->b->cur = n->pos;
	switch (n->kind) {
	case ND_EMPTY:
		break;
	case ND_BLOCK:
		for (int i = 0; i < n->list.len; i++)
			stmt(g, n->list.data[i]);
		break;
	case ND_IF:
		stmt_if(g, n);
		break;
	case ND_EXPR_STMT: {
		Node *e = n->lhs;
		int ntmp = g->ntmp; /* temporaries live for one statement */
		/* a fault names the action (statement) it happened in, as DTrace's message does */
		cg_emit(g, I_ST(BPF_DW, R9, MS_ACTION, ++g->action));
		if (e->kind == ND_CALL && e->ival == ACTF_TRACE)
			act_trace(g, e);
		else if (e->kind == ND_CALL && e->ival == ACTF_SPECULATE)
			spec_speculate(g, e);
		else if (e->kind == ND_CALL && (e->ival == ACTF_COMMIT || e->ival == ACTF_DISCARD))
			spec_commit(g, e, e->ival == ACTF_DISCARD);
		else if (e->kind == ND_CALL && e->ival == ACTF_PRINT)
			act_print(g, e);
		else if (e->kind == ND_CALL && e->ival == ACTF_TRACEMEM)
			act_tracemem(g, e);
		else if (e->kind == ND_CALL && (e->ival == ACTF_PRINTF || e->ival == ACTF_SYSTEM))
			act_printf(g, e);
		else if (e->kind == ND_CALL && (e->ival == ACTF_RAISE || e->ival == ACTF_STOP))
			cg_act_signal(g, e, e->ival == ACTF_STOP);
		else if (e->kind == ND_CALL && e->ival == ACTF_COPYOUT)
			cg_act_copyout(g, e);
		else if (e->kind == ND_CALL && e->ival == ACTF_COPYOUTSTR)
			cg_act_copyoutstr(g, e);
		else if (e->kind == ND_CALL && e->ival == ACTF_EXIT)
			act_exit(g, e);
		else if (e->kind == ND_CALL && e->ival == ACTF_PRINTA)
			act_printa(g, e);
		else if (e->kind == ND_CALL && e->ival >= ACTF_CLEAR && e->ival <= ACTF_DENORMALIZE)
			act_aggop(g, e);
		else if (e->kind == ND_CALL && e->ival == ACTF_SETOPT)
			act_setopt(g, e);
		else if (e->kind == ND_CALL && e->ival == ACTF_USTACK)
			act_ustack(g, e);
		else if (e->kind == ND_CALL && e->ival == ACTF_USYM)
			act_usym(g, e);
		else if (e->kind == ND_CALL && e->ival == ACTF_STACK)
			act_stack(g, (int)e->cval + STACK_HIDDEN);
		else if (e->kind == ND_ASSIGN && e->lhs->kind == ND_AGG)
			agg_update(g, e);
		else {
			int mark = g->nslots;
			cg_expr(g, e);
			cg_slot_free(g, mark);
		}
		g->ntmp = ntmp;
		fault_exits_if_far(g);
		break;
	}
	default:
		DT_ASSERT(!"statement kind sema should have refused");
	}
}

/* Fill the record header and send the record; count a drop if the ring is full. */
/*
 * Send the record built at ms + rec: fill in the header's probe id, record
 * id, CPU and timestamp, output size bytes of data, and count a drop in the
 * machine state at drop_off if the ring buffer is full.  Shared by clauses
 * and by the error path (link.c); ms is the register holding the machine
 * state.
 */
void cg_emit_send(Insns *b, int ms, int rec, int rid, int size, int drop_off)
{
	insns_emit(b, I_LDX(BPF_W, R0, ms, MS_PRID));
	emit_stx_far(b, BPF_W, ms, R0, rec + RH_PRID);
	emit_st_far(b, BPF_H, ms, rec + RH_STID, rid);
	insns_emit(b, I_CALL(BPF_FUNC_get_smp_processor_id));
	emit_stx_far(b, BPF_H, ms, R0, rec + RH_CPU);
	insns_emit(b, I_CALL(BPF_FUNC_ktime_get_ns));
	emit_stx_far(b, BPF_DW, ms, R0, rec + RH_TS);
	emit_ld_map(b, R1, MAPREF_RING);
	insns_emit(b, I_MOV64_REG(R2, ms));
	insns_emit(b, I_ALU64_IMM(BPF_ADD, R2, rec));
	insns_emit(b, I_MOV64_IMM(R3, RH_SIZE + ((size + 7) & ~7)));
	insns_emit(b, I_MOV64_IMM(R4, 0));
	insns_emit(b, I_CALL(BPF_FUNC_ringbuf_output));
	insns_emit(b, I_JMP_IMM(BPF_JEQ, R0, 0, 3));
	insns_emit(b, I_LDX(BPF_DW, R1, ms, drop_off));
	insns_emit(b, I_ALU64_IMM(BPF_ADD, R1, 1));
	insns_emit(b, I_STX(BPF_DW, ms, R1, drop_off));
}

static void emit_commit(Cg *g)
{
	if (!g->seg)
		return;
	cg_emit_send(g->b, R9, g->rec_base, g->seg->rid, g->seg->recsize, MS_DROPS);
	if (g->cc->fill) { /* bufpolicy=fill: a lost record stops tracing, as exit() does */
		cg_emit(g, I_JMP_IMM(BPF_JEQ, R0, 0, 3));
		emit_ld_map_value(g->b, R1, MAPREF_GVARS, GV_ACTIVITY);
		cg_emit(g, I_ST(BPF_W, R1, 0, ACT_DRAINING));
	}
	spec_release(g);
	g->seg = NULL;
}

/* The fault exits: set the fault kind and return 1 (the caller runs the error path). */
static void fault_exits(Cg *g)
{
	if (g->used_divzero) {
		label_place(g->b, &g->fault_divzero);
		cg_emit(g, I_ST(BPF_DW, R9, MS_FAULT, DTRACEFLT_DIVZERO));
		cg_emit(g, I_MOV64_IMM(R0, 1));
		cg_emit(g, I_EXIT());
	}
	if (g->used_badaddr) {
		label_place(g->b, &g->fault_badaddr);
		cg_emit(g, I_ST(BPF_DW, R9, MS_FAULT, DTRACEFLT_BADADDR));
		cg_emit(g, I_MOV64_IMM(R0, 1));
		cg_emit(g, I_EXIT());
	}
	label_fini(&g->fault_divzero);
	label_fini(&g->fault_badaddr);
	label_init(&g->fault_divzero);
	label_init(&g->fault_badaddr);
	g->used_divzero = g->used_badaddr = false;
}

static bool is_empty_body(Node *body)
{
	return !body || (body->kind == ND_BLOCK && body->list.len == 0);
}

/*
 * Does the cpu option restrict this clause?  Not on BEGIN, END and ERROR,
 * which fire where dtrace or the faulting probe runs, whatever the CPU.
 */
static bool on_cpu_probes(const Clause *cl)
{
	for (int i = 0; i < cl->probes.len; i++) {
		ProbeKind k = ((const Probe *)cl->probes.data[i])->kind;
		if (k == PK_BEGIN || k == PK_END || k == PK_ERROR)
			return false;
	}
	return true;
}

int cg_clause(CompileCtx *cc, Clause *cl)
{
	Cg g = {.cc = cc, .cl = cl, .b = &cl->code, .spec_slot = -1};
	g.rec_base = cg_rec_base(cc->strsize);
	label_init(&g.spec_skip);
	label_init(&g.fault_divzero);
	label_init(&g.fault_badaddr);
	Label skip;
	label_init(&skip);
	Node *c = cl->node;
	g.b->cur = c->pos;
	cg_emit(&g, I_MOV64_REG(R9, R1));
	cg_emit(&g, I_STX(BPF_DW, R10, R2, CG_CTX_OFF));
	if (cc->syms->locals.len) { /* r8 = this CPU's clause-local variables */
		cg_emit(&g, I_ST(BPF_DW, R10, cg_slot_off(0), 0));
		cg_emit(&g, I_MOV64_REG(R2, R10));
		cg_emit(&g, I_ALU64_IMM(BPF_ADD, R2, cg_slot_off(0)));
		emit_ld_map(g.b, R1, MAPREF_TVARS);
		cg_emit(&g, I_CALL(BPF_FUNC_map_lookup_elem));
		cg_emit(&g, I_JMP_IMM(BPF_JNE, R0, 0, 1));
		label_jump(g.b, &skip, I_GOTOL(0));
		cg_emit(&g, I_MOV64_REG(R8, R0));
	}
	if (cc->cpu >= 0 && on_cpu_probes(cl)) { /* the cpu option */
		cg_emit(&g, I_CALL(BPF_FUNC_get_smp_processor_id));
		cg_emit(&g, I_JMP_IMM(BPF_JEQ, R0, cc->cpu, 1));
		label_jump(g.b, &skip, I_GOTOL(0));
	}
	if (c->cond) {
		g.b->cur = c->cond->pos;
		cg_emit(&g, I_ST(BPF_DW, R9, MS_ACTION, 0));
		int slot = cg_expr(&g, c->cond);
		cg_load(&g, R0, slot);
		cg_slot_free(&g, 0);
		cg_emit(&g, I_JMP_IMM(BPF_JNE, R0, 0, 1)); /* the clause can be long: gotol */
		label_jump(g.b, &skip, I_GOTOL(0));
	}
	if (c->then)
		stmt(&g, c->then);
	/* An empty clause takes the default action: a record with no data. */
	g.b->cur = c->pos;
	if (is_empty_body(c->then))
		seg(&g);
	emit_commit(&g);
	label_place(g.b, &skip);
	if (g.used_spec_skip)
		label_place(g.b, &g.spec_skip);
	cg_emit(&g, I_MOV64_IMM(R0, 0));
	cg_emit(&g, I_EXIT());
	fault_exits(&g);
	label_fini(&g.fault_divzero);
	label_fini(&g.fault_badaddr);
	label_fini(&skip);
	label_fini(&g.spec_skip);
	return g.err ? -1 : 0;
}

static uint32_t str_hash(const char *s, int len)
{
	uint32_t h = 2166136261u;
	for (int i = 0; i < len; i++)
		h = (h ^ (uint8_t)s[i]) * 16777619u;
	return h;
}

/*
 * The index of the string table (offset + 1 per slot, open addressing), so
 * that interning thousands of names (every function of libc for probefunc)
 * is not quadratic.  Returns the slot of s: its entry, or the empty slot
 * where it goes.
 */
static int *str_slot(Symtab *st, const char *s, int len)
{
	if (2 * (st->strhash_n + 1) > st->strhash_cap) {
		int cap = st->strhash_cap ? 2 * st->strhash_cap : 256, *old = st->strhash;
		int oldcap = st->strhash_cap;
		st->strhash = xcalloc((size_t)cap, sizeof(int));
		st->strhash_cap = cap;
		for (int i = 0; i < oldcap; i++) {
			if (!old[i])
				continue;
			const char *t = st->strtab.s + old[i] - 1;
			*str_slot(st, t, (int)strlen(t)) = old[i];
		}
		free(old);
	}
	for (uint32_t h = str_hash(s, len);; h++) {
		int *e = &st->strhash[h & (uint32_t)(st->strhash_cap - 1)];
		if (!*e)
			return e;
		const char *t = st->strtab.s + *e - 1;
		if ((int)strlen(t) == len && memcmp(t, s, (size_t)len) == 0)
			return e;
	}
}

/* Offset of n zero bytes in the string table (initial aggregation values). */
int symtab_zeros(Symtab *st, int n)
{
	if (st->zeros < n) {
		while (st->strtab.len & 7)
			sb_putc(&st->strtab, '\0');
		st->zeros_off = (int)st->strtab.len;
		st->zeros = n;
		for (int i = 0; i < n; i++)
			sb_putc(&st->strtab, '\0');
		int *e = str_slot(st, "", 0); /* the block is also an empty string */
		if (!*e) {
			*e = st->zeros_off + 1;
			st->strhash_n++;
		}
	}
	return st->zeros_off;
}

int symtab_string(Symtab *st, const char *s, int len)
{
	/* Reuse an identical constant if there is one. */
	int *e = str_slot(st, s, len);
	if (*e)
		return *e - 1;
	int off = (int)st->strtab.len;
	sb_putn(&st->strtab, s, (size_t)len);
	do
		sb_putc(&st->strtab, '\0');
	while (st->strtab.len & 7);
	*e = off + 1;
	st->strhash_n++;
	return off;
}
