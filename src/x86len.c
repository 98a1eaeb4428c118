/*
 * x86len.c - the length of an x86-64 instruction, for the pid provider's
 * instruction-offset probes (pid123::func:1c must name an instruction
 * boundary, and pid123::func: lists every one).
 *
 * It takes bytes and gives a length; it decodes only what decides the
 * length: legacy prefixes, REX, VEX (C4/C5) and EVEX (62), the opcode map
 * (one byte, 0F, 0F38, 0F3A, and AMD's XOP maps), ModRM, SIB, displacement and immediate.  The
 * per-opcode facts are tables, one per map; it never says what an
 * instruction does.  64-bit mode only.  Tested against objdump on whole
 * libraries (tests/unit/test_x86len.c).
 */
#include "x86len.h"

#include <stdbool.h>

/* What follows an opcode. */
enum {
	N = 0,     /* nothing */
	M = 1,     /* ModRM (+ SIB + displacement) */
	I8 = 2,    /* imm8 */
	I16 = 4,   /* imm16 */
	IZ = 8,    /* imm16 with 66, else imm32 */
	IV = 16,   /* imm64 with REX.W, imm16 with 66, else imm32 (mov r, imm) */
	MO = 32,   /* moffs: 8 bytes, 4 with 67 */
	G3 = 64,   /* F6/F7: the immediate only for reg 0 and 1 (test) */
	X = 128,   /* invalid in 64-bit mode */
	P = 256,   /* prefix (legacy or REX); handled before the table */
	E = 512,   /* escape to 0F, or VEX/EVEX */
	R32 = 1024 /* rel32 whatever the operand size (call, jmp, jcc in 64-bit mode) */
};

static const unsigned short map1[256] = {
	/* 00 */ M, M, M, M, I8, IZ, X, X, M, M, M, M, I8, IZ, X, E,
	/* 10 */ M, M, M, M, I8, IZ, X, X, M, M, M, M, I8, IZ, X, X,
	/* 20 */ M, M, M, M, I8, IZ, P, X, M, M, M, M, I8, IZ, P, X,
	/* 30 */ M, M, M, M, I8, IZ, P, X, M, M, M, M, I8, IZ, P, X,
	/* 40 */ P, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P,
	/* 50 */ N, N, N, N, N, N, N, N, N, N, N, N, N, N, N, N,
	/* 60 */ X, X, E, M, P, P, P, P, IZ, M | IZ, I8, M | I8, N, N, N, N,
	/* 70 */ I8, I8, I8, I8, I8, I8, I8, I8, I8, I8, I8, I8, I8, I8, I8, I8,
	/* 80 */ M | I8, M | IZ, X, M | I8, M, M, M, M, M, M, M, M, M, M, M, M,
	/* 90 */ N, N, N, N, N, N, N, N, N, N, X, N, N, N, N, N,
	/* a0 */ MO, MO, MO, MO, N, N, N, N, I8, IZ, N, N, N, N, N, N,
	/* b0 */ I8, I8, I8, I8, I8, I8, I8, I8, IV, IV, IV, IV, IV, IV, IV, IV,
	/* c0 */ M | I8, M | I8, I16, N, E, E, M | I8, M | IZ, I16 | I8, N, I16, N, N, I8, X, N,
	/* d0 */ M, M, M, M, X, X, X, N, M, M, M, M, M, M, M, M,
	/* e0 */ I8, I8, I8, I8, I8, I8, I8, I8, R32, R32, X, I8, N, N, N, N,
	/* f0 */ P, N, P, P, N, N, M | G3, M | G3, N, N, N, N, N, N, M, M,
};

static const unsigned short map0f[256] = {
	/* 00 */ M, M, M, M, X, N, N, N, N, N, X, N, X, M, N, M | I8,
	/* 10 */ M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,
	/* 20 */ M, M, M, M, X, X, X, X, M, M, M, M, M, M, M, M,
	/* 30 */ N, N, N, N, N, N, X, N, E, X, E, X, X, X, X, X,
	/* 40 */ M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,
	/* 50 */ M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,
	/* 60 */ M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,
	/* 70 */ M | I8, M | I8, M | I8, M | I8, M, M, M, N, M, M, M, M, M, M, M, M,
	/* 80 */ R32, R32, R32, R32, R32, R32, R32, R32, R32, R32, R32, R32, R32, R32, R32, R32,
	/* 90 */ M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,
	/* a0 */ N, N, N, M, M | I8, M, X, X, N, N, N, M, M | I8, M, M, M,
	/* b0 */ M, M, M, M, M, M, M, M, M, M, M | I8, M, M, M, M, M,
	/* c0 */ M, M, M | I8, M, M | I8, M | I8, M | I8, M, N, N, N, N, N, N, N, N,
	/* d0 */ M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,
	/* e0 */ M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,
	/* f0 */ M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,
};

/* Operand- and address-size state of one instruction. */
typedef struct Prefixes {
	bool opsize, addrsize, rexw, rep; /* 66, 67, REX.W, F2/F3 */
} Prefixes;

/* ModRM, SIB and displacement at p; their length, or -1 past the end. */
static int modrm_len(const uint8_t *p, const uint8_t *end, int *reg)
{
	if (p >= end)
		return -1;
	int mod = p[0] >> 6, rm = p[0] & 7, len = 1;
	*reg = (p[0] >> 3) & 7;
	if (mod != 3 && rm == 4) {
		if (p + 1 >= end)
			return -1;
		len++;
		if (mod == 0 && (p[1] & 7) == 5)
			len += 4; /* no base: disp32 */
	}
	if (mod == 0 && rm == 5)
		len += 4; /* RIP-relative */
	else if (mod == 1)
		len += 1;
	else if (mod == 2)
		len += 4;
	return len;
}

static int imm_len(unsigned f, const Prefixes *px)
{
	int n = 0;
	if (f & I8)
		n += 1;
	if (f & I16)
		n += 2;
	if (f & R32)
		n += 4;
	if (f & IZ)
		n += px->opsize && !px->rexw ? 2 : 4;
	if (f & IV)
		n += px->rexw ? 8 : px->opsize ? 2 : 4;
	if (f & MO)
		n += px->addrsize ? 4 : 8;
	return n;
}

/* ModRM and immediate flags of an opcode in a VEX/EVEX map (1 = 0F, 2 = 0F38, 3 = 0F3A ...). */
static unsigned vex_flags(int map, uint8_t op)
{
	if (map == 1)
		return op == 0x77 ? N : (map0f[op] & I8) | M; /* vzeroupper, vzeroall: no ModRM */
	if (map == 3 || map == 8)
		return M | I8;
	if (map == 10)
		return M | R32; /* XOP map 0A: imm32 */
	return M;
}

/* The rest after the opcode: ModRM etc. and the immediate. */
static int operands(const uint8_t *p, const uint8_t *end, unsigned f, const Prefixes *px)
{
	int reg = 0, len = 0;
	if (f & M) {
		len = modrm_len(p, end, &reg);
		if (len < 0)
			return -1;
	}
	if (f & G3)
		f = (f & ~(unsigned)G3) | (reg <= 1 ? (p[-1] == 0xf6 ? I8 : IZ) : 0);
	return len + imm_len(f, px);
}

/* VEX (C4, C5), AMD's XOP (8F, map >= 8) or EVEX (62) at p: the whole instruction from p. */
static int vex_len(const uint8_t *p, const uint8_t *end, Prefixes *px)
{
	int hdr, map;
	if (p[0] == 0xc5) {
		hdr = 2, map = 1;
	} else if (p[0] == 0xc4 || p[0] == 0x8f) {
		if (p + 2 >= end)
			return -1;
		hdr = 3, map = p[1] & 0x1f;
		px->rexw = p[2] >> 7;
	} else {
		if (p + 3 >= end)
			return -1;
		hdr = 4, map = p[1] & 7;
		px->rexw = p[2] >> 7;
	}
	if (p + hdr >= end)
		return -1;
	const uint8_t *op = p + hdr;
	int rest = operands(op + 1, end, vex_flags(map, *op), px);
	return rest < 0 ? -1 : hdr + 1 + rest;
}

/* The 0F maps (p after the 0F byte). */
static int map0f_len(const uint8_t *p, const uint8_t *end, const Prefixes *px)
{
	if (p >= end)
		return -1;
	if (p[0] == 0x38 || p[0] == 0x3a) {
		if (p + 1 >= end)
			return -1;
		int rest = operands(p + 2, end, p[0] == 0x3a ? M | I8 : M, px);
		return rest < 0 ? -1 : 2 + rest;
	}
	unsigned f = map0f[p[0]];
	if (f & X)
		return -1;
	/* SSE4a extrq/insertq (66/F2 0F 78): two immediates. */
	if (p[0] == 0x78 && (px->opsize || px->rep))
		f = M | I16;
	int rest = operands(p + 1, end, f, px);
	return rest < 0 ? -1 : 1 + rest;
}

int x86_insn_len(const uint8_t *code, size_t avail)
{
	const uint8_t *p = code, *end = code + (avail < 15 ? avail : 15);
	Prefixes px = {0};
	for (; p < end; p++) {
		uint8_t b = *p;
		if (b >= 0x40 && b <= 0x4f) {
			/*
			 * A REX followed by another prefix has no effect: objdump and
			 * gdb show it as an instruction of its own, and so do we.
			 */
			if (p + 1 < end && (map1[p[1]] & P))
				return (int)(p - code) + 1;
			px.rexw = (b & 8) != 0;
			continue;
		}
		if (!(map1[b] & P))
			break;
		px.rexw = false; /* a REX is only one right before the opcode */
		px.opsize |= b == 0x66;
		px.addrsize |= b == 0x67;
		px.rep |= b == 0xf2 || b == 0xf3;
	}
	if (p >= end)
		return -1;
	int pre = (int)(p - code), len;
	unsigned f = map1[*p];
	if (f & X)
		return -1;
	if (*p == 0x0f)
		len = map0f_len(p + 1, end, &px);
	else if ((f & E) || (*p == 0x8f && p + 1 < end && (p[1] & 0x1f) >= 8))
		len = vex_len(p, end, &px) - 1;
	else
		len = operands(p + 1, end, f, &px);
	if (len < 0)
		return -1;
	len += pre + 1;
	return len <= (int)(end - code) ? len : -1;
}
