/*
 * spec.c - speculative tracing in the code generator.
 *
 * Takes speculation(), speculate(), commit() and discard() calls and gives
 * BPF code and record items.  The design (docs/ARCHITECTURE.md,
 * Speculations): the consumer, not the kernel, holds speculative records.
 * The kernel only keeps one state word per speculation in the shared
 * globals (Symtab.spec_off): odd while the speculation is active, and
 * incremented (by compare-and-exchange, so two CPUs never get the same one)
 * when speculation() takes it and when the record of the commit() or
 * discard() that ends it has been sent.  A speculative record carries a
 * REC_SPEC tag (state << 32 | id) as its first item and goes to the ring
 * buffer like any other; commit and discard records carry the same tag, so
 * the consumer, which sees the ring buffer in order, prints or drops
 * exactly the records of that activation of that speculation.
 *
 * It must never leave a speculation active for ever because a record was
 * lost: the release does not depend on the send succeeding (a lost commit
 * is reported as a drop, and its records are never printed).
 */
#include "spec.h"

#include "cg.h"

/* The speculation state words in gvars, allocated on first use. */
static int spec_area(Cg *g)
{
	Symtab *st = g->cc->syms;
	if (!st->spec_off) {
		if (st->gvars_size < GV_USER)
			st->gvars_size = GV_USER;
		st->gvars_size = (st->gvars_size + 7) & ~7;
		st->spec_off = st->gvars_size;
		st->nspec = g->cc->nspec;
		st->gvars_size += 8 * (st->nspec + 1);
	}
	return st->spec_off;
}

/*
 * speculation(): try each speculation in turn; take the first whose state
 * is even (free) by moving it to the next, odd, value with a
 * compare-and-exchange.  None free: count the failure in word 0.
 */
int spec_speculation(Cg *g, Node *n)
{
	int slot = cg_slot_alloc(g, n), area = spec_area(g);
	Label done;
	label_init(&done);
	for (int i = 1; i <= g->cc->syms->nspec; i++) {
		Label next;
		label_init(&next);
		emit_ld_map_value(g->b, R1, MAPREF_GVARS, area + 8 * i);
		cg_emit(g, I_LDX(BPF_DW, R0, R1, 0));
		label_jump(g->b, &next, I_JMP_IMM(BPF_JSET, R0, 1, 0)); /* active */
		cg_emit(g, I_MOV64_REG(R3, R0));
		cg_emit(g, I_MOV64_REG(R2, R0));
		cg_emit(g, I_ALU64_IMM(BPF_ADD, R2, 1));
		cg_emit(g, I_CMPXCHG64(R1, R2, 0));
		label_jump(g->b, &next, I_JMP_REG(BPF_JNE, R0, R3, 0)); /* another CPU took it */
		cg_emit(g, I_ST(BPF_DW, R10, cg_slot_off(slot), i));
		label_jump(g->b, &done, I_JA(0));
		label_place(g->b, &next);
		label_fini(&next);
	}
	emit_ld_map_value(g->b, R1, MAPREF_GVARS, area);
	cg_emit(g, I_MOV64_IMM(R2, 1));
	cg_emit(g, I_XADD64(R1, R2, 0));
	cg_emit(g, I_ST(BPF_DW, R10, cg_slot_off(slot), 0));
	label_place(g->b, &done);
	label_fini(&done);
	return slot;
}

/*
 * r0 = the tag of the speculation whose id is in slot: its state << 32 |
 * id, or 0 for id 0.  An id beyond nspec is DTrace's illegal operation.
 * The verifier sees the id bounded by the two checks before it indexes the
 * state words with it.
 */
static void spec_tag(Cg *g, int slot)
{
	Label zero, ok;
	label_init(&zero);
	label_init(&ok);
	int area = spec_area(g);
	cg_load(g, R0, slot);
	label_jump(g->b, &zero, I_JMP_IMM(BPF_JEQ, R0, 0, 0));
	label_jump(g->b, &ok, I_JMP_IMM(BPF_JLE, R0, g->cc->syms->nspec, 0));
	cg_fault_illop(g);
	label_place(g->b, &ok);
	label_fini(&ok);
	cg_emit(g, I_MOV64_REG(R1, R0));
	cg_emit(g, I_ALU64_IMM(BPF_LSH, R1, 3));
	emit_ld_map_value(g->b, R2, MAPREF_GVARS, area);
	cg_emit(g, I_ALU64_REG(BPF_ADD, R2, R1));
	cg_emit(g, I_LDX(BPF_DW, R1, R2, 0));
	cg_emit(g, I_ALU64_IMM(BPF_LSH, R1, 32));
	cg_emit(g, I_ALU64_REG(BPF_OR, R0, R1));
	label_place(g->b, &zero);
	label_fini(&zero);
}

/*
 * speculate(id): keep the tag in a slot for the rest of the clause (sema
 * allows speculate() only at the clause's top level, before any data is
 * recorded, so no slot is live and none is freed below it); every record
 * the clause builds from here starts with it.  Id 0 or a speculation that
 * is not active: the clause stops and records nothing, as in DTrace.
 */
void spec_speculate(Cg *g, Node *n)
{
	int id = cg_expr(g, n->list.data[0]);
	spec_tag(g, id);
	g->used_spec_skip = true;
	label_jump(g->b, &g->spec_skip, I_JMP_IMM(BPF_JEQ, R0, 0, 0));
	cg_emit(g, I_MOV64_REG(R1, R0));
	cg_emit(g, I_ALU64_IMM(BPF_RSH, R1, 32));
	cg_emit(g, I_ALU64_IMM(BPF_AND, R1, 1));
	label_jump(g->b, &g->spec_skip, I_JMP_IMM(BPF_JEQ, R1, 0, 0));
	cg_store(g, id, R0);
	g->spec_slot = id; /* never freed: the clause's slot floor is above it */
}

void spec_tag_record(Cg *g)
{
	int off = cg_record_item(g, REC_SPEC, 8);
	cg_load(g, R0, g->spec_slot);
	emit_stx_far(g->b, BPF_DW, R9, R0, cg_rec_at(g, off));
}

/* commit(id), discard(id): the tag in the record; spec_release() frees it after the send. */
void spec_commit(Cg *g, Node *n, bool discard)
{
	int mark = g->nslots;
	int id = cg_expr(g, n->list.data[0]);
	spec_tag(g, id);
	int off = cg_record_item(g, discard ? REC_DISCARD : REC_COMMIT, 8);
	emit_stx_far(g->b, BPF_DW, R9, R0, cg_rec_at(g, off));
	cg_slot_free(g, mark);
}

/*
 * Free the speculations the record just sent commits or discards: state
 * s (odd) becomes s + 1, unless it changed meanwhile (another CPU's
 * commit() of the same speculation got there first).
 */
void spec_release(Cg *g)
{
	for (int i = 0; i < g->seg->items.len; i++) {
		const RecItem *it = g->seg->items.data[i];
		if (it->kind != REC_COMMIT && it->kind != REC_DISCARD)
			continue;
		Label skip;
		label_init(&skip);
		emit_ldx_far(g->b, BPF_DW, R4, R9, cg_rec_at(g, it->off));
		cg_emit(g, I_MOV32_REG(R1, R4)); /* the id */
		label_jump(g->b, &skip, I_JMP_IMM(BPF_JEQ, R1, 0, 0));
		label_jump(g->b, &skip, I_JMP_IMM(BPF_JGT, R1, g->cc->syms->nspec, 0));
		cg_emit(g, I_ALU64_IMM(BPF_RSH, R4, 32)); /* the state it was in */
		cg_emit(g, I_MOV64_REG(R0, R4));
		cg_emit(g, I_ALU64_IMM(BPF_AND, R0, 1));
		label_jump(g->b, &skip, I_JMP_IMM(BPF_JEQ, R0, 0, 0)); /* was not active */
		cg_emit(g, I_ALU64_IMM(BPF_LSH, R1, 3));
		emit_ld_map_value(g->b, R3, MAPREF_GVARS, spec_area(g));
		cg_emit(g, I_ALU64_REG(BPF_ADD, R3, R1));
		cg_emit(g, I_MOV64_REG(R0, R4));
		cg_emit(g, I_MOV64_REG(R2, R4));
		cg_emit(g, I_ALU64_IMM(BPF_ADD, R2, 1));
		cg_emit(g, I_CMPXCHG64(R3, R2, 0));
		label_place(g->b, &skip);
		label_fini(&skip);
	}
}
