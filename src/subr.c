/*
 * subr.c - D's subroutines: their signatures (checked by sema) and their
 * code (generated for cg).  Each takes its arguments' slots from
 * cg_expr() and leaves its result in a slot; strings are built in the
 * machine state's temporaries (cg.h).
 */
#include "subr.h"

#include <string.h>

#include "cg.h"

/*
 * copyinstr(addr): the user string into a temporary.  A failed read raises
 * the ERROR probe with "invalid address", as in DTrace.  (Pages that are not
 * resident cannot be read from here: see FEATURES.md.)
 */
static int copyinstr(Cg *g, Node *n)
{
	int addr = cg_expr(g, n->list.data[0]);
	int off = cg_tmp_alloc(g, n);
	cg_load(g, R3, addr);
	cg_emit(g, I_STX(BPF_DW, R9, R3, MS_FAULTVAL));
	cg_emit(g, I_MOV64_REG(R1, R9));
	cg_emit(g, I_ALU64_IMM(BPF_ADD, R1, off));
	cg_emit(g, I_MOV64_IMM(R2, g->cc->strsize));
	cg_emit(g, I_CALL(BPF_FUNC_probe_read_user_str));
	cg_check_read(g);
	cg_emit(g, I_MOV64_REG(R0, R9));
	cg_emit(g, I_ALU64_IMM(BPF_ADD, R0, off));
	cg_store(g, addr, R0);
	return addr;
}

/* strlen(s): the length of the copy in a temporary (the helper returns it, NUL included). */
static int subr_strlen(Cg *g, Node *n)
{
	Node *s = n->list.data[0];
	int ntmp = g->ntmp;
	int slot = cg_expr(g, s);
	cg_str_to_tmp(g, s, slot, s->ty);
	cg_emit(g, I_ALU64_IMM(BPF_SUB, R0, 1));
	cg_store(g, slot, R0);
	g->ntmp = ntmp;
	return slot;
}

/*
 * strjoin(a, b): a copied into a temporary, then b read in after a's NUL.
 * The offset is clamped below strsize so the verifier sees the write stay in
 * the temporary; the result is truncated to strsize - 1 bytes as in DTrace.
 */
static int subr_strjoin(Cg *g, Node *n)
{
	Node *a = n->list.data[0], *b = n->list.data[1];
	int sa = cg_expr(g, a);
	int off = cg_tmp_alloc(g, n);
	cg_str_copy(g, off, cg_str_max(g, a->ty), sa, a->ty);
	cg_emit(g, I_ALU64_IMM(BPF_SUB, R0, 1)); /* length of a */
	cg_store(g, sa, R0);
	int sb = cg_expr(g, b);
	cg_load(g, R6, sa);
	cg_emit(g, I_JMP_IMM(BPF_JLE, R6, g->cc->strsize - 1, 1));
	cg_emit(g, I_MOV64_IMM(R6, g->cc->strsize - 1));
	cg_load(g, R3, sb);
	cg_emit(g, I_STX(BPF_DW, R9, R3, MS_FAULTVAL));
	cg_emit(g, I_MOV64_REG(R1, R9));
	cg_emit(g, I_ALU64_IMM(BPF_ADD, R1, off));
	cg_emit(g, I_ALU64_REG(BPF_ADD, R1, R6));
	cg_emit(g, I_MOV64_IMM(R2, g->cc->strsize));
	cg_emit(g, I_ALU64_REG(BPF_SUB, R2, R6));
	cg_emit(g, I_CALL(cg_is_user_ptr(b->ty) ? BPF_FUNC_probe_read_user_str
		       : BPF_FUNC_probe_read_kernel_str));
	cg_check_read(g);
	cg_emit(g, I_MOV64_REG(R0, R9));
	cg_emit(g, I_ALU64_IMM(BPF_ADD, R0, off));
	cg_store(g, sa, R0);
	cg_slot_free(g, sa + 1);
	return sa;
}

static const SubrDesc subrs[] = {
	{"copyinstr", &ty_string, 1, 1, {SA_SCALAR}, copyinstr},
	{"strjoin", &ty_string, 2, 2, {SA_STRING, SA_STRING}, subr_strjoin},
	{"strlen", &ty_ulong, 1, 1, {SA_STRING}, subr_strlen},
};

const SubrDesc *subr_lookup(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(subrs); i++)
		if (strcmp(subrs[i].name, name) == 0)
			return &subrs[i];
	return NULL;
}
