/*
 * bpf.h - building eBPF instructions.
 *
 * An Insns buffer grows as code is emitted; each instruction carries the
 * source position it came from (for -S and verifier messages).  Jumps to
 * labels are patched when the label is placed.  Map references are
 * emitted symbolically (MAPREF_* in imm with src_reg BPF_PSEUDO_MAP_FD or
 * BPF_PSEUDO_MAP_VALUE) and replaced by real fds when the program is linked.
 */
#ifndef DT_BPF_H
#define DT_BPF_H

#include <linux/bpf.h>
#include <stdint.h>

#include "diag.h"

/* Newer than the uapi headers of some build hosts (Debian 12 ships 6.1's). */
#ifndef BPF_MEMSX
#define BPF_MEMSX 0x80
#endif
#define DT_BPF_F_TIMER_ABS 1 /* bpf_timer_start: the time is absolute (6.7+) */

/* Symbolic maps, resolved to fds at link time. */
typedef enum MapRef {
	MAPREF_MSTATE, /* per-CPU machine state: probe id, args, record buffer, temps */
	MAPREF_GVARS,  /* global variables (one shared array value) */
	MAPREF_STRTAB, /* read-only string constants */
	MAPREF_RING,   /* the output ring buffer */
	MAPREF_TIMERS, /* tick timers */
	MAPREF_PROBES, /* probe id -> provider/module/function/name strings */
	MAPREF_SYSCALLS, /* syscall number -> probe ids and clause masks */
	MAPREF_TVARS,  /* per-CPU clause-local (this->) variables */
	MAPREF_NMAPS,
	/* MAPREF_AGG0 + id - 1: the per-CPU hash of aggregation id. */
	MAPREF_AGG0 = MAPREF_NMAPS,
	/* MAPREF_DVAR0 + id - 1: the hash of dynamic variable id (dt.h, Var). */
	MAPREF_DVAR0 = MAPREF_AGG0 + 64,
	MAPREF_MAX = MAPREF_DVAR0 + 256
} MapRef;

typedef struct Insns {
	struct bpf_insn *insn;
	Pos *pos;  /* source position of each instruction (src NULL if none) */
	int n, cap;
	Pos cur;   /* position stamped on newly emitted instructions */
} Insns;

void insns_emit(Insns *b, struct bpf_insn in);
void insns_append(Insns *dst, const Insns *src);
void insns_free(Insns *b);

/* Labels: forward jumps recorded by index and patched by insns_label(). */
typedef struct Label {
	int target;      /* -1 until placed */
	int *fixups;
	int nfix, capfix;
} Label;

void label_init(Label *l);
void label_jump(Insns *b, Label *l, struct bpf_insn jmp); /* emits jmp, fixes its off later */
void label_place(Insns *b, Label *l);
void label_fini(Label *l);

#define R0 BPF_REG_0
#define R1 BPF_REG_1
#define R2 BPF_REG_2
#define R3 BPF_REG_3
#define R4 BPF_REG_4
#define R5 BPF_REG_5
#define R6 BPF_REG_6
#define R7 BPF_REG_7
#define R8 BPF_REG_8
#define R9 BPF_REG_9
#define R10 BPF_REG_10

static inline struct bpf_insn binsn(uint8_t code, uint8_t dst, uint8_t src, int16_t off, int32_t imm)
{
	struct bpf_insn in = {.code = code, .dst_reg = dst, .src_reg = src, .off = off, .imm = imm};
	return in;
}

#define I_ALU64_REG(op, d, s) binsn(BPF_ALU64 | BPF_OP(op) | BPF_X, d, s, 0, 0)
#define I_ALU64_IMM(op, d, i) binsn(BPF_ALU64 | BPF_OP(op) | BPF_K, d, 0, 0, i)
#define I_ALU32_IMM(op, d, i) binsn(BPF_ALU | BPF_OP(op) | BPF_K, d, 0, 0, i)
#define I_MOV64_REG(d, s) binsn(BPF_ALU64 | BPF_MOV | BPF_X, d, s, 0, 0)
#define I_MOV64_IMM(d, i) binsn(BPF_ALU64 | BPF_MOV | BPF_K, d, 0, 0, i)
#define I_MOV32_REG(d, s) binsn(BPF_ALU | BPF_MOV | BPF_X, d, s, 0, 0)
#define I_NEG64(d) binsn(BPF_ALU64 | BPF_NEG | BPF_K, d, 0, 0, 0)
/* Signed division/modulo (cpu v4: off = 1). */
#define I_SDIV64_REG(d, s) binsn(BPF_ALU64 | BPF_DIV | BPF_X, d, s, 1, 0)
#define I_SMOD64_REG(d, s) binsn(BPF_ALU64 | BPF_MOD | BPF_X, d, s, 1, 0)
#define I_LDX(sz, d, s, o) binsn(BPF_LDX | BPF_MEM | (sz), d, s, o, 0)
#define I_STX(sz, d, s, o) binsn(BPF_STX | BPF_MEM | (sz), d, s, o, 0)
#define I_ST(sz, d, o, i) binsn(BPF_ST | BPF_MEM | (sz), d, 0, o, i)
#define I_XADD64(d, s, o) binsn(BPF_STX | BPF_ATOMIC | BPF_DW, d, s, o, BPF_ADD)
/* if *(u64 *)(d + o) == r0 then store s there; r0 = the old value either way */
#define I_CMPXCHG64(d, s, o) binsn(BPF_STX | BPF_ATOMIC | BPF_DW, d, s, o, BPF_CMPXCHG)
#define I_JMP_REG(op, d, s, o) binsn(BPF_JMP | BPF_OP(op) | BPF_X, d, s, o, 0)
#define I_JMP_IMM(op, d, i, o) binsn(BPF_JMP | BPF_OP(op) | BPF_K, d, 0, o, i)
#define I_JA(o) binsn(BPF_JMP | BPF_JA, 0, 0, o, 0)
/* gotol: an unconditional jump with a 32-bit offset (cpu v4), for long clauses */
#define I_GOTOL(o) binsn(BPF_JMP32 | BPF_JA, 0, 0, 0, o)
#define I_CALL(helper) binsn(BPF_JMP | BPF_CALL, 0, 0, 0, helper)
#define I_CALL_LOCAL(rel) binsn(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, rel)
#define I_EXIT() binsn(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)

/* *(size *)(base + off) = src / imm, for offsets beyond 16 bits too (clobbers r5 then). */
void emit_stx_far(Insns *b, int size, int base, int src, int off);
/* dst = *(size *)(base + off), for any 32-bit off (dst may be base). */
void emit_ldx_far(Insns *b, int size, int dst, int base, int off);
void emit_st_far(Insns *b, int size, int base, int off, int32_t imm);
/* 64-bit immediates take two instruction slots. */
void emit_ld_imm64(Insns *b, int dst, uint64_t imm);
/* r = &map (for helpers taking a map) */
void emit_ld_map(Insns *b, int dst, MapRef m);
/* r = address of byte `off` in the value of a single-element array map */
void emit_ld_map_value(Insns *b, int dst, MapRef m, int32_t off);
/* r = address of a local function (callbacks); rel patched by the linker */
void emit_ld_func(Insns *b, int dst, int func_index);

static inline int bpf_size_code(int bytes)
{
	switch (bytes) {
	case 1:
		return BPF_B;
	case 2:
		return BPF_H;
	case 4:
		return BPF_W;
	default:
		return BPF_DW;
	}
}

#endif
