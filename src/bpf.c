/*
 * bpf.c - the instruction buffer and labels behind bpf.h.
 */
#include "bpf.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

void insns_emit(Insns *b, struct bpf_insn in)
{
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 64;
		b->insn = xrealloc(b->insn, sizeof(*b->insn) * b->cap);
		b->pos = xrealloc(b->pos, sizeof(*b->pos) * b->cap);
	}
	b->insn[b->n] = in;
	b->pos[b->n] = b->cur;
	b->n++;
}

void insns_append(Insns *dst, const Insns *src)
{
	Pos save = dst->cur;
	for (int i = 0; i < src->n; i++) {
		dst->cur = src->pos[i];
		insns_emit(dst, src->insn[i]);
	}
	dst->cur = save;
}

void insns_free(Insns *b)
{
	free(b->insn);
	free(b->pos);
	memset(b, 0, sizeof(*b));
}

void label_init(Label *l)
{
	memset(l, 0, sizeof(*l));
	l->target = -1;
}

void label_jump(Insns *b, Label *l, struct bpf_insn jmp)
{
	if (l->target >= 0 && jmp.code == (BPF_JMP32 | BPF_JA)) {
		jmp.imm = l->target - (b->n + 1);
	} else if (l->target >= 0) {
		jmp.off = (int16_t)(l->target - (b->n + 1));
	} else {
		if (l->nfix == l->capfix) {
			l->capfix = l->capfix ? l->capfix * 2 : 4;
			l->fixups = xrealloc(l->fixups, sizeof(int) * l->capfix);
		}
		l->fixups[l->nfix++] = b->n;
	}
	insns_emit(b, jmp);
}

void label_place(Insns *b, Label *l)
{
	l->target = b->n;
	for (int i = 0; i < l->nfix; i++) {
		int at = l->fixups[i];
		int rel = l->target - (at + 1);
		if (b->insn[at].code == (BPF_JMP32 | BPF_JA)) { /* gotol: 32-bit offset in imm */
			b->insn[at].imm = rel;
			continue;
		}
		DT_ASSERT(rel >= -32768 && rel <= 32767);
		b->insn[at].off = (int16_t)rel;
	}
	l->nfix = 0;
}

void label_fini(Label *l)
{
	free(l->fixups);
	memset(l, 0, sizeof(*l));
}

void emit_ld_imm64(Insns *b, int dst, uint64_t imm)
{
	insns_emit(b, binsn(BPF_LD | BPF_DW | BPF_IMM, dst, 0, 0, (int32_t)(uint32_t)imm));
	insns_emit(b, binsn(0, 0, 0, 0, (int32_t)(uint32_t)(imm >> 32)));
}

void emit_ld_map(Insns *b, int dst, MapRef m)
{
	insns_emit(b, binsn(BPF_LD | BPF_DW | BPF_IMM, dst, BPF_PSEUDO_MAP_FD, 0, m));
	insns_emit(b, binsn(0, 0, 0, 0, 0));
}

void emit_ld_map_value(Insns *b, int dst, MapRef m, int32_t off)
{
	insns_emit(b, binsn(BPF_LD | BPF_DW | BPF_IMM, dst, BPF_PSEUDO_MAP_VALUE, 0, m));
	insns_emit(b, binsn(0, 0, 0, 0, off));
}

void emit_ld_func(Insns *b, int dst, int func_index)
{
	insns_emit(b, binsn(BPF_LD | BPF_DW | BPF_IMM, dst, BPF_PSEUDO_FUNC, 0, func_index));
	insns_emit(b, binsn(0, 0, 0, 0, 0));
}

/*
 * Stores at base + off for any 32-bit off: the instruction's own offset is
 * 16 bits, and the machine state's record can sit beyond 32 KB (strsize
 * 4096).  A far store goes through r5, so src must not be r5.
 */
void emit_stx_far(Insns *b, int size, int base, int src, int off)
{
	if (off >= INT16_MIN && off <= INT16_MAX) {
		insns_emit(b, I_STX(size, base, src, (int16_t)off));
		return;
	}
	DT_ASSERT(src != R5);
	insns_emit(b, I_MOV64_REG(R5, base));
	insns_emit(b, I_ALU64_IMM(BPF_ADD, R5, off));
	insns_emit(b, I_STX(size, R5, src, 0));
}

void emit_ldx_far(Insns *b, int size, int dst, int base, int off)
{
	if (off >= INT16_MIN && off <= INT16_MAX) {
		insns_emit(b, I_LDX(size, dst, base, (int16_t)off));
		return;
	}
	insns_emit(b, I_MOV64_REG(dst, base));
	insns_emit(b, I_ALU64_IMM(BPF_ADD, dst, off));
	insns_emit(b, I_LDX(size, dst, dst, 0));
}

void emit_st_far(Insns *b, int size, int base, int off, int32_t imm)
{
	if (off >= INT16_MIN && off <= INT16_MAX) {
		insns_emit(b, I_ST(size, base, (int16_t)off, imm));
		return;
	}
	insns_emit(b, I_MOV64_REG(R5, base));
	insns_emit(b, I_ALU64_IMM(BPF_ADD, R5, off));
	insns_emit(b, I_ST(size, R5, 0, imm));
}
