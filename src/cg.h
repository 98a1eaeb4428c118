/*
 * cg.h - the code generator's working state and primitives, shared by
 * cg.c (expressions, variables, actions, clauses) and subr.c (D's
 * subroutines).  Nothing outside those two files includes it.
 *
 * Conventions (see cg.c): r9 = the machine state for the whole clause, r8 =
 * the clause-local variables, r6 (and r7, an aggregation's increment)
 * survive helper calls for one operation, r0-r5 are scratch.  Every expression value lives in an 8-byte stack slot
 * allocated like a stack (cg_expr returns the slot); strings are addresses
 * in slots, of constants, variables, temporaries or kernel memory.
 */
#ifndef DT_CG_H
#define DT_CG_H

#include "dt.h"
#include "sema.h"

#define MAX_SLOTS 47 /* 376 of the 512 stack bytes, and the context below (link.c) */
/*
 * The program's context, which the entry passes to each clause in r2 and
 * the clause keeps here, below the slots: bpf_get_stack() needs it.
 */
#define CG_CTX_OFF (-8 * (MAX_SLOTS + 1))
#define NTMP_MAX 8   /* strsize-byte string temporaries in the machine state */

typedef struct Cg {
	CompileCtx *cc;
	Clause *cl;
	Insns *b;
	int nslots;  /* slots in use (stack discipline) */
	int ntmp;    /* string temporaries in use (freed after each statement) */
	int rec_base;/* offset of the record buffer in the machine state */
	RecLayout *seg; /* the record being filled, NULL until an action records */
	int action;     /* statements so far: the current one's number (MS_ACTION) */
	Label fault_divzero, fault_badaddr;
	bool used_divzero, used_badaddr;
	int spec_slot;      /* after speculate(): the slot holding its record tag (spec.c), or -1 */
	Label spec_skip;    /* speculate() of no active speculation: the clause records nothing */
	bool used_spec_skip;
	int err;
} Cg;

static inline void cg_emit(Cg *g, struct bpf_insn in)
{
	insns_emit(g->b, in);
}

static inline int cg_slot_alloc(Cg *g, Node *n)
{
	if (g->nslots == MAX_SLOTS) {
		if (!g->err)
			diag_error(g->cc->diag, n->pos, "D_EXPR_DEPTH",
				   "expression is too complex to compile (more than %d live temporaries)",
				   MAX_SLOTS);
		g->err = 1;
		return g->nslots - 1;
	}
	return g->nslots++;
}

/* Free every slot from `slot` up. */
static inline void cg_slot_free(Cg *g, int slot)
{
	g->nslots = slot;
}

static inline int16_t cg_slot_off(int slot)
{
	return (int16_t)(-8 * (slot + 1));
}

static inline void cg_load(Cg *g, int reg, int slot)
{
	cg_emit(g, I_LDX(BPF_DW, reg, R10, cg_slot_off(slot)));
}

static inline void cg_store(Cg *g, int slot, int reg)
{
	cg_emit(g, I_STX(BPF_DW, R10, reg, cg_slot_off(slot)));
}

static inline void cg_mov_imm(Cg *g, int reg, int64_t v)
{
	if (v >= INT32_MIN && v <= INT32_MAX)
		cg_emit(g, I_MOV64_IMM(reg, (int32_t)v));
	else
		emit_ld_imm64(g->b, reg, (uint64_t)v);
}

/* Make reg hold a value of type t: sign- or zero-extend from t's width. */
static inline void cg_normalize(Cg *g, int reg, const Type *t)
{
	if (t->kind != TY_INT || t->size >= 8)
		return;
	int sh = 64 - 8 * t->size;
	cg_emit(g, I_ALU64_IMM(BPF_LSH, reg, sh));
	cg_emit(g, I_ALU64_IMM(t->is_unsigned ? BPF_RSH : BPF_ARSH, reg, sh));
}

/* Stop the clause with DTrace's "illegal operation" fault (subr.c). */
void cg_fault_illop(Cg *g);
/* Add an item of kind and size to the record being built; returns its offset in the record. */
int cg_record_item(Cg *g, RecKind kind, int size);
/* The offset from r9 of a record item at off. */
int cg_rec_at(Cg *g, int off);

/* Destructive actions (destructive.c). */
void cg_act_signal(Cg *g, Node *n, bool stop);
void cg_act_copyout(Cg *g, Node *n);
void cg_act_copyoutstr(Cg *g, Node *n);

/* Evaluate an expression into a fresh slot (see the conventions above). */
int cg_expr(Cg *g, Node *n);
/* A string temporary: its offset from r9. */
int cg_tmp_alloc(Cg *g, Node *n);
/* Faults: jump to divide-by-zero if r1 == 0; to bad address if r0 < 0 (after a read helper). */
void cg_check_divzero(Cg *g);
void cg_check_read(Cg *g);
/* Strings: user pointers read with the _user helpers; the longest string a type holds. */
bool cg_is_user_ptr(const Type *t);
int cg_str_max(Cg *g, const Type *t);
/* Copy the string at the address in slot to r9 + dst (at most size bytes); r0 = length + 1. */
void cg_str_copy(Cg *g, int dst, int size, int slot, const Type *t);
/* The same into a fresh temporary; returns its offset. */
int cg_str_to_tmp(Cg *g, Node *n, int slot, const Type *t);

/*
 * Scratch for subroutines (offset from r9): the aggregation key buffer,
 * AGG_KEY_BUF(strsize) = 72 + 4 * strsize bytes.  cg fills it only after
 * every key expression (and an aggregating function's arguments) has been
 * evaluated and reads it only in the map operation that follows, so no
 * value lives there while an expression runs: a subroutine may use it
 * freely, but must leave its result elsewhere.
 */
static inline int cg_scratch_off(Cg *g)
{
	return cg_rec_base(g->cc->strsize) - AGG_KEY_BUF(g->cc->strsize);
}

#endif
