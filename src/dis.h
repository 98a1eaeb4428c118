/*
 * dis.h - a BPF disassembler for -S output, debugging and code tests.
 *
 * It prints instructions in the kernel verifier's notation
 * ("r1 = *(u64 *)(r10 -8)", "if w1 > 0x3 goto pc+4") without the verifier's
 * "(opcode)" column, one per line, after a "%4d: " program counter.  It reads
 * instructions only; it never validates a program for loading, and anything
 * it cannot decode prints as a ".insn" line with the raw fields.
 */
#ifndef DT_DIS_H
#define DT_DIS_H

#include <linux/bpf.h>
#include <stdint.h>
#include <stdio.h>

#include "util.h"

/* What DisAnnot.sym_of is asked to name. */
enum {
	DIS_SYM_MAP = 1,    /* ld_imm64 of a map (fd or index): imm = fd or index */
	DIS_SYM_HELPER = 2, /* helper call: imm = helper id */
	DIS_SYM_FUNC = 3,   /* bpf-to-bpf call or ld_imm64 of a function: imm = target pc */
	DIS_SYM_KFUNC = 4,  /* kfunc call: imm = BTF id */
};

/*
 * How a caller names things the instructions only number.  Any callback may
 * be NULL, and so may the whole DisAnnot.
 *
 * line_of(arg, pc): a line to print as "; <text>" before instruction pc (the
 * D source that produced it, say), or NULL for none.
 *
 * sym_of(arg, kind, imm, pc): a name, or NULL for the built-in one.
 *   DIS_SYM_MAP:    the map's name: "gvars" prints "r1 = map[gvars] ll" or,
 *                   for a pointer into the map's value,
 *                   "r1 = map_value[gvars]+16 ll" (built-in: "map[fd:5]").
 *   DIS_SYM_HELPER: the helper's name, "bpf_" included (built-in: the kernel's
 *                   enum bpf_func_id, ids 1..211).
 *   DIS_SYM_FUNC:   the function at pc imm: "call pc+12 <clause_1>".
 *   DIS_SYM_KFUNC:  the kernel function: "call bpf_obj_new_impl#12345".
 * Strings returned are used before the next callback and never freed.
 */
typedef struct DisAnnot {
	const char *(*line_of)(void *arg, int pc);
	const char *(*sym_of)(void *arg, int kind, int64_t imm, int pc);
	void *arg;
} DisAnnot;

/* Print n instructions (a 16-byte ld_imm64 counts as two). */
void dis_insns(FILE *out, const struct bpf_insn *insns, int n, const DisAnnot *annot);

/*
 * Append the text of the instruction at insns[pc] (no pc, no newline) and
 * return the slots it occupies: 2 for ld_imm64, otherwise 1.
 */
int dis_insn(StrBuf *out, const struct bpf_insn *insns, int n, int pc, const DisAnnot *annot);

/* The kernel's name of helper id ("bpf_map_lookup_elem"), or NULL if unknown. */
const char *dis_helper_name(int id);

#endif
