/*
 * test_dis.c - unit tests for src/dis.c, the BPF disassembler.
 *
 * Each case builds instructions with the kernel's struct bpf_insn and
 * compares the text with the exact string expected (the verifier's notation).
 * Every instruction class is covered, plus annotations, ld_imm64's two slots
 * and undecodable input.  Prints failures, then `N passed, M failed`; exits
 * 0 iff all pass.  Needs no root.
 *
 *   gcc -std=gnu11 -Isrc -D_GNU_SOURCE tests/unit/test_dis.c src/dis.c src/util.c \
 *       -o build/test_dis && build/test_dis
 */
#include "dis.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static int passed, failed;

static void fail(int line, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void fail(int line, const char *fmt, ...)
{
	va_list ap;
	printf("FAIL test_dis.c:%d: ", line);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	failed++;
}

#define INSN(c, d, s, o, i)                                                               \
	((struct bpf_insn){.code = (c), .dst_reg = (d), .src_reg = (s), .off = (o), .imm = (i)})

/* Opcode parts some installed headers lack (see dis.c). */
#define MEMSX 0x80
#define JCOND 0xe0
#define LOAD_ACQ 0x100
#define STORE_REL 0x110

#define ALU64_X(op, d, s) INSN(BPF_ALU64 | (op) | BPF_X, d, s, 0, 0)
#define ALU64_K(op, d, k) INSN(BPF_ALU64 | (op) | BPF_K, d, 0, 0, k)
#define ALU32_X(op, d, s) INSN(BPF_ALU | (op) | BPF_X, d, s, 0, 0)
#define ALU32_K(op, d, k) INSN(BPF_ALU | (op) | BPF_K, d, 0, 0, k)
#define JMP_K(op, d, k, o) INSN(BPF_JMP | (op) | BPF_K, d, 0, o, k)
#define JMP_X(op, d, s, o) INSN(BPF_JMP | (op) | BPF_X, d, s, o, 0)
#define JMP32_K(op, d, k, o) INSN(BPF_JMP32 | (op) | BPF_K, d, 0, o, k)
#define JMP32_X(op, d, s, o) INSN(BPF_JMP32 | (op) | BPF_X, d, s, o, 0)
#define LDX(sz, d, s, o) INSN(BPF_LDX | BPF_MEM | (sz), d, s, o, 0)
#define LDSX(sz, d, s, o) INSN(BPF_LDX | MEMSX | (sz), d, s, o, 0)
#define ST(sz, d, o, k) INSN(BPF_ST | BPF_MEM | (sz), d, 0, o, k)
#define STX(sz, d, s, o) INSN(BPF_STX | BPF_MEM | (sz), d, s, o, 0)
#define ATOMIC(sz, d, s, o, op) INSN(BPF_STX | BPF_ATOMIC | (sz), d, s, o, op)
#define CALL(id) INSN(BPF_JMP | BPF_CALL, 0, 0, 0, id)
#define EXIT() INSN(BPF_JMP | BPF_EXIT, 0, 0, 0, 0)
#define LD64(d, s, lo, hi) INSN(BPF_LD | BPF_IMM | BPF_DW, d, s, 0, lo), INSN(0, 0, 0, 0, hi)

/* A caller's names: maps 5 (gvars) and 7 (strtab), pc 13 (clause_1). */
static const char *test_sym(void *arg, int kind, int64_t imm, int pc)
{
	(void)arg;
	(void)pc;
	if (kind == DIS_SYM_MAP && imm == 5)
		return "gvars";
	if (kind == DIS_SYM_MAP && imm == 7)
		return "strtab";
	if (kind == DIS_SYM_FUNC && imm == 13)
		return "clause_1";
	if (kind == DIS_SYM_HELPER && imm == 6)
		return "dt_trace_printk";
	if (kind == DIS_SYM_KFUNC && imm == 12345)
		return "bpf_obj_new_impl";
	return NULL;
}

static const char *test_line(void *arg, int pc)
{
	(void)arg;
	if (pc == 0)
		return "x.d:3: trace(pid);";
	if (pc == 3)
		return "x.d:4: @c = count();";
	return NULL;
}

static const DisAnnot annot = {test_line, test_sym, NULL};

/* Disassemble insns[0] and compare its text and slot count. */
static void expect_insn(int line, const struct bpf_insn *insns, int n, const DisAnnot *a,
			const char *want, int want_slots)
{
	StrBuf b = {0};
	int slots = dis_insn(&b, insns, n, 0, a);
	const char *got = b.s ? b.s : "";
	if (strcmp(got, want) == 0 && slots == want_slots)
		passed++;
	else
		fail(line, "\n    want \"%s\" (%d slots)\n    got  \"%s\" (%d slots)", want,
		     want_slots, got, slots);
	sb_free(&b);
}

#define NINSN(...) ((int)(sizeof((struct bpf_insn[]){__VA_ARGS__}) / sizeof(struct bpf_insn)))
#define D(want, ...)                                                                      \
	expect_insn(__LINE__, (struct bpf_insn[]){__VA_ARGS__}, NINSN(__VA_ARGS__), NULL, want, \
		    NINSN(__VA_ARGS__) == 2 && strstr(want, " ll") ? 2 : 1)
#define DA(want, ...)                                                                     \
	expect_insn(__LINE__, (struct bpf_insn[]){__VA_ARGS__}, NINSN(__VA_ARGS__), &annot,     \
		    want, NINSN(__VA_ARGS__) == 2 && strstr(want, " ll") ? 2 : 1)

static void test_alu64(void)
{
	D("r1 += r2", ALU64_X(BPF_ADD, 1, 2));
	D("r0 += 1", ALU64_K(BPF_ADD, 0, 1));
	D("r1 -= -5", ALU64_K(BPF_SUB, 1, -5));
	D("r3 *= r4", ALU64_X(BPF_MUL, 3, 4));
	D("r1 /= 10", ALU64_K(BPF_DIV, 1, 10));
	D("r1 s/= -3", INSN(BPF_ALU64 | BPF_DIV | BPF_K, 1, 0, 1, -3));
	D("r1 %= r2", ALU64_X(BPF_MOD, 1, 2));
	D("r1 s%= r2", INSN(BPF_ALU64 | BPF_MOD | BPF_X, 1, 2, 1, 0));
	D("r1 |= 255", ALU64_K(BPF_OR, 1, 255));
	D("r1 &= 65535", ALU64_K(BPF_AND, 1, 65535));
	D("r1 <<= 32", ALU64_K(BPF_LSH, 1, 32));
	D("r1 >>= r3", ALU64_X(BPF_RSH, 1, 3));
	D("r1 s>>= 63", ALU64_K(BPF_ARSH, 1, 63));
	D("r1 = -r1", ALU64_K(BPF_NEG, 1, 0));
	D("r5 ^= r5", ALU64_X(BPF_XOR, 5, 5));
	D("r6 = r1", ALU64_X(BPF_MOV, 6, 1));
	D("r1 = -1", ALU64_K(BPF_MOV, 1, -1));
	D("r1 = (s8)r2", INSN(BPF_ALU64 | BPF_MOV | BPF_X, 1, 2, 8, 0));
	D("r1 = (s32)r2", INSN(BPF_ALU64 | BPF_MOV | BPF_X, 1, 2, 32, 0));
	D("r1 = bswap64 r1", INSN(BPF_ALU64 | BPF_END | BPF_TO_LE, 1, 0, 0, 64));
	D("r2 = bswap16 r2", INSN(BPF_ALU64 | BPF_END | BPF_TO_LE, 2, 0, 0, 16));
	D("r1 = addr_space_cast(r2, 0, 1)", INSN(BPF_ALU64 | BPF_MOV | BPF_X, 1, 2, 1, 1));
}

static void test_alu32(void)
{
	D("w1 += w2", ALU32_X(BPF_ADD, 1, 2));
	D("w0 = 5", ALU32_K(BPF_MOV, 0, 5));
	D("w1 = w2", ALU32_X(BPF_MOV, 1, 2));
	D("w1 = (s16)w2", INSN(BPF_ALU | BPF_MOV | BPF_X, 1, 2, 16, 0));
	D("w1 = -w1", ALU32_K(BPF_NEG, 1, 0));
	D("w1 s>>= 3", ALU32_K(BPF_ARSH, 1, 3));
	D("w3 s%= -7", INSN(BPF_ALU | BPF_MOD | BPF_K, 3, 0, 1, -7));
	D("r1 = be16 r1", INSN(BPF_ALU | BPF_END | BPF_TO_BE, 1, 0, 0, 16));
	D("r1 = le64 r1", INSN(BPF_ALU | BPF_END | BPF_TO_LE, 1, 0, 0, 64));
}

static void test_jumps(void)
{
	D("goto pc+4", INSN(BPF_JMP | BPF_JA, 0, 0, 4, 0));
	D("goto pc-3", INSN(BPF_JMP | BPF_JA, 0, 0, -3, 0));
	D("gotol pc+70000", INSN(BPF_JMP32 | BPF_JA, 0, 0, 0, 70000));
	D("if r1 == 0x0 goto pc+1", JMP_K(BPF_JEQ, 1, 0, 1));
	D("if r1 > 0x3 goto pc+4", JMP_K(BPF_JGT, 1, 3, 4));
	D("if r1 >= r2 goto pc-2", JMP_X(BPF_JGE, 1, 2, -2));
	D("if r0 & 0x80 goto pc+0", JMP_K(BPF_JSET, 0, 0x80, 0));
	D("if r6 != r7 goto pc+9", JMP_X(BPF_JNE, 6, 7, 9));
	D("if r1 s> 0xffffffff goto pc+1", JMP_K(BPF_JSGT, 1, -1, 1));
	D("if r1 s>= r2 goto pc+1", JMP_X(BPF_JSGE, 1, 2, 1));
	D("if r1 < 0x10 goto pc+2", JMP_K(BPF_JLT, 1, 16, 2));
	D("if r1 <= r9 goto pc+2", JMP_X(BPF_JLE, 1, 9, 2));
	D("if r1 s< 0x0 goto pc+2", JMP_K(BPF_JSLT, 1, 0, 2));
	D("if r1 s<= r2 goto pc+2", JMP_X(BPF_JSLE, 1, 2, 2));
	D("if w1 < 0x10 goto pc+2", JMP32_K(BPF_JLT, 1, 16, 2));
	D("if w1 s<= w2 goto pc-1", JMP32_X(BPF_JSLE, 1, 2, -1));
	D("if w0 == 0x7 goto pc+3", JMP32_K(BPF_JEQ, 0, 7, 3));
	D("may_goto pc+5", INSN(BPF_JMP | JCOND, 0, 0, 5, 0));
	D("exit", EXIT());
}

static void test_calls(void)
{
	D("call bpf_map_lookup_elem#1", CALL(1));
	D("call bpf_ringbuf_output#130", CALL(130));
	D("call bpf_get_current_pid_tgid#14", CALL(14));
	D("call bpf_user_ringbuf_drain#209", CALL(209));
	D("call bpf_cgrp_storage_delete#211", CALL(211));
	D("call unknown#999", CALL(999));
	D("call unknown#0", CALL(0));
	DA("call dt_trace_printk#6", CALL(6)); /* the caller's name wins */
	DA("call bpf_ktime_get_ns#5", CALL(5)); /* NULL from sym_of: built-in */
	D("call pc+12", INSN(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 12));
	DA("call pc+12 <clause_1>", INSN(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 12));
	D("call kernel-function#12345", INSN(BPF_JMP | BPF_CALL, 0, 2, 0, 12345));
	DA("call bpf_obj_new_impl#12345", INSN(BPF_JMP | BPF_CALL, 0, 2, 0, 12345));
}

static void test_ld(void)
{
	D("r1 = 0x1234 ll", LD64(1, 0, 0x1234, 0));
	D("r2 = 0xdeadbeef00000001 ll", LD64(2, 0, 1, (int32_t)0xdeadbeef));
	D("r3 = 0xffffffffffffffff ll", LD64(3, 0, -1, -1));
	DA("r1 = map[gvars] ll", LD64(1, BPF_PSEUDO_MAP_FD, 5, 0));
	D("r1 = map[fd:5] ll", LD64(1, BPF_PSEUDO_MAP_FD, 5, 0));
	DA("r1 = map_value[strtab]+16 ll", LD64(1, BPF_PSEUDO_MAP_VALUE, 7, 16));
	D("r4 = map_value[fd:7]+0 ll", LD64(4, BPF_PSEUDO_MAP_VALUE, 7, 0));
	D("r1 = map[idx:2] ll", LD64(1, 5, 2, 0));
	D("r1 = map_value[idx:0]+8 ll", LD64(1, 6, 0, 8));
	D("r1 = btf_id[42] ll", LD64(1, BPF_PSEUDO_BTF_ID, 42, 0));
	D("r1 = func pc+3 ll", LD64(1, 4, 3, 0));
	/* the target of a pc-relative reference is pc + imm + 1 */
	DA("r2 = func pc+12 <clause_1> ll", LD64(2, 4, 12, 0));
	D("r0 = *(u16 *)skb[12]", INSN(BPF_LD | BPF_ABS | BPF_H, 0, 0, 0, 12));
	D("r0 = *(u8 *)skb[r7 + 14]", INSN(BPF_LD | BPF_IND | BPF_B, 0, 7, 0, 14));
}

static void test_loads_stores(void)
{
	D("r1 = *(u64 *)(r10 -8)", LDX(BPF_DW, 1, 10, -8));
	D("r0 = *(u32 *)(r1 +0)", LDX(BPF_W, 0, 1, 0));
	D("r2 = *(u16 *)(r6 +2)", LDX(BPF_H, 2, 6, 2));
	D("r3 = *(u8 *)(r6 +32767)", LDX(BPF_B, 3, 6, 32767));
	D("r1 = *(s32 *)(r2 +4)", LDSX(BPF_W, 1, 2, 4));
	D("r1 = *(s16 *)(r2 -2)", LDSX(BPF_H, 1, 2, -2));
	D("r1 = *(s8 *)(r2 +0)", LDSX(BPF_B, 1, 2, 0));
	D("*(u64 *)(r10 -8) = 0", ST(BPF_DW, 10, -8, 0));
	D("*(u8 *)(r1 +3) = -1", ST(BPF_B, 1, 3, -1));
	D("*(u32 *)(r9 +0) = r2", STX(BPF_W, 9, 2, 0));
	D("*(u64 *)(r10 -16) = r1", STX(BPF_DW, 10, 1, -16));
	D("*(u16 *)(r1 +6) = r0", STX(BPF_H, 1, 0, 6));
	D("*(u8 *)(r1 -32768) = r0", STX(BPF_B, 1, 0, -32768));
}

static void test_atomics(void)
{
	D("lock *(u64 *)(r1 +0) += r2", ATOMIC(BPF_DW, 1, 2, 0, BPF_ADD));
	D("lock *(u32 *)(r1 +8) &= r3", ATOMIC(BPF_W, 1, 3, 8, BPF_AND));
	D("lock *(u64 *)(r1 +0) |= r3", ATOMIC(BPF_DW, 1, 3, 0, BPF_OR));
	D("lock *(u32 *)(r1 +0) ^= r3", ATOMIC(BPF_W, 1, 3, 0, BPF_XOR));
	D("r2 = atomic64_fetch_add((u64 *)(r1 +0), r2)",
	  ATOMIC(BPF_DW, 1, 2, 0, BPF_ADD | BPF_FETCH));
	D("r2 = atomic_fetch_xor((u32 *)(r1 +4), r2)", ATOMIC(BPF_W, 1, 2, 4, BPF_XOR | BPF_FETCH));
	D("r2 = atomic64_fetch_and((u64 *)(r1 +0), r2)",
	  ATOMIC(BPF_DW, 1, 2, 0, BPF_AND | BPF_FETCH));
	D("r2 = atomic_fetch_or((u32 *)(r1 +0), r2)", ATOMIC(BPF_W, 1, 2, 0, BPF_OR | BPF_FETCH));
	D("r3 = atomic64_xchg((u64 *)(r1 -8), r3)", ATOMIC(BPF_DW, 1, 3, -8, BPF_XCHG));
	D("r0 = atomic_cmpxchg((u32 *)(r1 +0), r0, r4)", ATOMIC(BPF_W, 1, 4, 0, BPF_CMPXCHG));
	D("r0 = atomic64_cmpxchg((u64 *)(r1 +0), r0, r4)", ATOMIC(BPF_DW, 1, 4, 0, BPF_CMPXCHG));
	D("r5 = load_acquire((u8 *)(r1 +0))", ATOMIC(BPF_B, 5, 1, 0, LOAD_ACQ));
	D("store_release((u64 *)(r1 +8), r2)", ATOMIC(BPF_DW, 1, 2, 8, STORE_REL));
}

static void test_undecodable(void)
{
	D(".insn 0xff dst=0 src=0 off=0 imm=0", INSN(0xff, 0, 0, 0, 0));
	D(".insn 0x0f dst=11 src=2 off=0 imm=0", ALU64_X(BPF_ADD, 11, 2));
	D(".insn 0xe4 dst=1 src=0 off=0 imm=0", ALU32_K(0xe0, 1, 0));
	D(".insn 0x85 dst=0 src=7 off=0 imm=1", INSN(BPF_JMP | BPF_CALL, 0, 7, 0, 1));
	D(".insn 0x86 dst=0 src=0 off=0 imm=1", INSN(BPF_JMP32 | BPF_CALL, 0, 0, 0, 1));
	D(".insn 0x96 dst=0 src=0 off=0 imm=0", INSN(BPF_JMP32 | BPF_EXIT, 0, 0, 0, 0));
	D(".insn 0xbc dst=1 src=2 off=32 imm=0", INSN(BPF_ALU | BPF_MOV | BPF_X, 1, 2, 32, 0));
	D(".insn 0xdf dst=1 src=0 off=0 imm=64",
	  INSN(BPF_ALU64 | BPF_END | BPF_TO_BE, 1, 0, 0, 64));
	D(".insn 0xd4 dst=1 src=0 off=0 imm=8", INSN(BPF_ALU | BPF_END, 1, 0, 0, 8));
	D(".insn 0x07 dst=1 src=0 off=3 imm=1", INSN(BPF_ALU64 | BPF_ADD | BPF_K, 1, 0, 3, 1));
	D(".insn 0xd3 dst=1 src=2 off=0 imm=0", ATOMIC(BPF_B, 1, 2, 0, BPF_ADD));
	D(".insn 0xdb dst=1 src=2 off=0 imm=48", ATOMIC(BPF_DW, 1, 2, 0, 0x30));
	D(".insn 0x99 dst=1 src=2 off=0 imm=0", LDSX(BPF_DW, 1, 2, 0));
	/* An ld_imm64 cut off by the end of the program takes one slot. */
	D(".insn 0x18 dst=1 src=0 off=0 imm=1", INSN(BPF_LD | BPF_IMM | BPF_DW, 1, 0, 0, 1));
	/* ... as does one whose second slot is not the zero pseudo-insn. */
	D(".insn 0x18 dst=1 src=0 off=0 imm=1", INSN(BPF_LD | BPF_IMM | BPF_DW, 1, 0, 0, 1),
	  INSN(0x07, 0, 0, 0, 0));
}

static void test_program(void)
{
	struct bpf_insn prog[] = {
		ALU64_X(BPF_MOV, 6, 1),
		LD64(1, BPF_PSEUDO_MAP_FD, 5, 0),
		LDX(BPF_DW, 2, 10, -8),
		CALL(130),
		INSN(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, 7),
		EXIT(),
	};
	const char *want = "; x.d:3: trace(pid);\n"
			   "   0: r6 = r1\n"
			   "   1: r1 = map[gvars] ll\n"
			   "; x.d:4: @c = count();\n"
			   "   3: r2 = *(u64 *)(r10 -8)\n"
			   "   4: call bpf_ringbuf_output#130\n"
			   "   5: call pc+7 <clause_1>\n"
			   "   6: exit\n";
	char *got = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&got, &len);
	dis_insns(f, prog, (int)ARRAY_SIZE(prog), &annot);
	fclose(f);
	if (strcmp(got, want) == 0)
		passed++;
	else
		fail(__LINE__, "program:\n--- want\n%s--- got\n%s---", want, got);
	free(got);

	/* No annotations at all: no comment lines, built-in names. */
	want = "   0: r6 = r1\n   1: r1 = map[fd:5] ll\n   3: r2 = *(u64 *)(r10 -8)\n";
	f = open_memstream(&got, &len);
	dis_insns(f, prog, 4, NULL);
	fclose(f);
	if (strcmp(got, want) == 0)
		passed++;
	else
		fail(__LINE__, "program without annot:\n--- want\n%s--- got\n%s---", want, got);
	free(got);
}

/* The installed header's helper list, to check dis.c's copy against. */
#define HEADER_NAME(x) "bpf_" #x /* the mapper adds the commas */
static const char *const header_helpers[] = {__BPF_FUNC_MAPPER(HEADER_NAME)};

static void test_helper_names(void)
{
	if (dis_helper_name(0) == NULL && dis_helper_name(-1) == NULL &&
	    dis_helper_name(212) == NULL &&
	    strcmp(dis_helper_name(1), "bpf_map_lookup_elem") == 0 &&
	    strcmp(dis_helper_name(113), "bpf_probe_read_kernel") == 0 &&
	    strcmp(dis_helper_name(210), "bpf_cgrp_storage_get") == 0)
		passed++;
	else
		fail(__LINE__, "dis_helper_name table is out of order");

	int bad = 0;
	for (int id = 1; id < (int)ARRAY_SIZE(header_helpers) && id < 212; id++) {
		const char *name = dis_helper_name(id);
		if (!name || strcmp(name, header_helpers[id]) != 0) {
			fail(__LINE__, "helper %d: dis.c says %s, <linux/bpf.h> says %s", id,
			     name ? name : "(null)", header_helpers[id]);
			bad = 1;
		}
	}
	passed += !bad;
}

/*
 * Every opcode with hostile fields: no crash, no read past the array (ASan
 * checks that in the sanitizer build), one line per slot.
 */
static void test_every_opcode(void)
{
	static const struct bpf_insn fields[] = {
		{0, 0, 0, 0, 0},	 {0, 15, 15, -1, -1},	{0, 1, 2, 1, 1},
		{0, 10, 1, 8, 64},	 {0, 3, 6, -32768, 0x100}, {0, 0, 1, 0, 0x7fffffff},
	};
	int bad = 0;
	FILE *f = fopen("/dev/null", "w");

	for (int code = 0; code < 256; code++)
		for (size_t k = 0; k < ARRAY_SIZE(fields); k++) {
			struct bpf_insn in = fields[k];
			in.code = (uint8_t)code;
			StrBuf b = {0};
			int slots = dis_insn(&b, &in, 1, 0, &annot);
			bad += slots != 1 || !b.s || !b.s[0] || strchr(b.s, '\n');
			dis_insns(f, &in, 1, &annot);
			sb_free(&b);
		}
	fclose(f);
	if (!bad)
		passed++;
	else
		fail(__LINE__, "%d opcode/field combinations misbehaved", bad);
}

int main(void)
{
	test_alu64();
	test_alu32();
	test_jumps();
	test_calls();
	test_ld();
	test_loads_stores();
	test_atomics();
	test_undecodable();
	test_program();
	test_helper_names();
	test_every_opcode();
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
