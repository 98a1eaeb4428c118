/*
 * subr.c - D's subroutines: their signatures (checked by sema) and their
 * code (generated for cg).  Each takes its arguments' slots from
 * cg_expr() and leaves its result in a slot; strings are built in the
 * machine state's temporaries (cg.h).
 *
 * The semantics, edge cases included, are DTrace's (dtrace_dif_subr() in
 * illumos and FreeBSD).  A subroutine that finds nothing returns NULL (0),
 * as there, and so printing its result faults with "invalid address (0x0)".
 *
 * String work runs in bounded loops over the strsize bytes of a copy.  The
 * verifier walks every iteration of such a loop, so loop bodies never branch
 * on the data: each data-dependent branch would leave it one more path to
 * explore per iteration (8192 pending paths at most), and paths that
 * disagree on a value are states it cannot merge.  A body computes 0/1
 * flags instead and chooses between values by multiplying (pick()), never
 * with masks of all ones: the verifier also forks its state at an AND or
 * an OR whose destination may be 0 or -1.  Indexes computed at run time
 * are ANDed with a power-of-two mask so that every access is provably
 * inside the machine state: the mask may reach past the buffer meant
 * (never in fact), so each buffer is placed where that reach stays inside
 * the map value.  Scratch space beyond the temporaries is the key buffer
 * (cg_scratch_off()).
 */
#include "subr.h"

#include <string.h>

#include "cg.h"
#include "spec.h"

/* strtok()'s saved string: a hidden clause-local variable, named as no D identifier can be. */
#define STRTOK_VAR "strtok()"
/* How many ancestors progenyof() looks at before it gives up. */
#define PROGENY_DEPTH 128
/* Numbers and network addresses are written backwards in the scratch buffer, their NUL here. */
#define LLTOSTR_END 69 /* 64 binary digits, and room for 4 prefix bytes before 22 octal ones */
#define NET_END 63

static Type ty_uint16 = {.kind = TY_INT, .size = 2, .is_unsigned = true, .name = "uint16_t"};

/* ---- emitting ---- */

static int ss(Cg *g)
{
	return g->cc->strsize;
}

/* 2^k - 1 for the smallest 2^k >= v: ANDed with an index, a bound the verifier sees. */
static int mask_for(int v)
{
	int m = 1;
	while (m < v)
		m <<= 1;
	return m - 1;
}

static void alu(Cg *g, int op, int dst, int32_t imm)
{
	cg_emit(g, I_ALU64_IMM(op, dst, imm));
}

static void alur(Cg *g, int op, int dst, int src)
{
	cg_emit(g, I_ALU64_REG(op, dst, src));
}

static void mov(Cg *g, int dst, int src)
{
	cg_emit(g, I_MOV64_REG(dst, src));
}

static void movi(Cg *g, int dst, int32_t imm)
{
	cg_emit(g, I_MOV64_IMM(dst, imm));
}

static void jump_back(Cg *g, int op, int reg, int32_t imm, int head)
{
	cg_emit(g, I_JMP_IMM(op, reg, imm, (int16_t)(head - g->b->n - 1)));
}

/* r = r9 + (idx & mask) * scale: with the access's offset, a bounded address. */
static void index_addr(Cg *g, int r, int idx, int mask, int scale)
{
	if (r != idx)
		mov(g, r, idx);
	alu(g, BPF_AND, r, mask);
	if (scale == 2)
		alu(g, BPF_LSH, r, 1);
	alur(g, BPF_ADD, r, R9);
}

/*
 * Clamp r to [0, max] for the verifier (the value is inside already).  The
 * path it follows first keeps the whole range, and the one that sets max
 * then falls within it: the verifier prunes that one instead of walking
 * whatever follows (loops included) a second time.
 */
static void clamp(Cg *g, int r, int max)
{
	cg_emit(g, I_JMP_IMM(BPF_JGT, r, max, 1));
	cg_emit(g, I_JA(1));
	movi(g, r, max);
}

/* r0 = r9 + off + r, the address of byte r of a string (r clamped to the string). */
static void str_at(Cg *g, int r, int off)
{
	clamp(g, r, ss(g) - 1);
	mov(g, R0, R9);
	alu(g, BPF_ADD, R0, off);
	alur(g, BPF_ADD, R0, r);
}

/* End the string at r9 + off at byte r (clamped); r is clobbered. */
static void str_end(Cg *g, int r, int off)
{
	clamp(g, r, ss(g) - 1);
	alur(g, BPF_ADD, r, R9);
	cg_emit(g, I_ST(BPF_B, r, (int16_t)off, 0));
}

/* r0 = r9 + off + r (a string's byte r), or NULL (0) if r is negative. */
static void str_or_null(Cg *g, int r, int off)
{
	Label null;
	label_init(&null);
	movi(g, R0, 0);
	label_jump(g->b, &null, I_JMP_IMM(BPF_JSLT, r, 0, 0));
	str_at(g, r, off);
	label_place(g->b, &null);
	label_fini(&null);
}

/* ---- 0/1 flags, for loop bodies that must not branch ---- */

/* r = (r == 0) for 0 <= r < 2^63: only 0 goes negative when 1 is taken away. */
static void flag_zero(Cg *g, int r)
{
	alu(g, BPF_SUB, r, 1);
	alu(g, BPF_RSH, r, 63);
}

/* a = (a < b), for values whose difference fits in 63 bits (indexes, lengths, bytes). */
static void flag_less(Cg *g, int a, int b)
{
	alur(g, BPF_SUB, a, b);
	alu(g, BPF_RSH, a, 63);
}

/* dst = flag ? src : dst, for a flag of 0 or 1; src is clobbered. */
static void pick(Cg *g, int dst, int src, int flag)
{
	alur(g, BPF_SUB, src, dst);
	alur(g, BPF_MUL, src, flag);
	alur(g, BPF_ADD, dst, src);
}

/* dst = 1 if src is not 0, for any 64-bit value (tmp is clobbered). */
static void flag_nonzero(Cg *g, int dst, int src, int tmp)
{
	mov(g, dst, src);
	alu(g, BPF_RSH, dst, 1);
	mov(g, tmp, src);
	alu(g, BPF_AND, tmp, 1);
	alur(g, BPF_OR, dst, tmp); /* the same zeroness, and no sign */
	flag_zero(g, dst);
	alu(g, BPF_XOR, dst, 1);
}

/* r = the character for the digit in r: 0-9, then a-z (tmp is clobbered). */
static void digit_char(Cg *g, int r, int tmp)
{
	movi(g, tmp, 9);
	alur(g, BPF_SUB, tmp, r);
	alu(g, BPF_RSH, tmp, 63);
	alu(g, BPF_MUL, tmp, 'a' - '0' - 10);
	alu(g, BPF_ADD, r, '0');
	alur(g, BPF_ADD, r, tmp);
}

/* ---- loops ---- */

/*
 * A loop over the strsize bytes at r9 + off, first to last or last to
 * first: r1 = the byte's address, r2 = its index, both known to the
 * verifier in every iteration.  The body may use r0 and r3-r7.
 */
typedef struct Loop {
	int head;
	bool down;
} Loop;

static Loop loop_begin(Cg *g, int off, bool down)
{
	int last = ss(g) - 1;
	mov(g, R1, R9);
	alu(g, BPF_ADD, R1, off + (down ? last : 0));
	movi(g, R2, down ? last : 0);
	return (Loop){g->b->n, down};
}

static void loop_end(Cg *g, Loop l)
{
	int step = l.down ? -1 : 1;
	alu(g, BPF_ADD, R1, step);
	alu(g, BPF_ADD, R2, step);
	if (l.down)
		jump_back(g, BPF_JSGE, R2, 0, l.head);
	else
		jump_back(g, BPF_JNE, R2, ss(g), l.head);
}

/*
 * r6 = the index, below the bound in register `bound`, of the byte at
 * r9 + off that equals the byte in register c (differs from it, with `not`)
 * and comes last in loop order: the last such byte, or the first one when
 * the loop walks `down`; -1 if there is none.  Branch-free, so the verifier
 * walks the loop once; uses r0 and r5.
 */
static void find_byte(Cg *g, int off, bool down, int c, int bound, bool not)
{
	movi(g, R6, -1);
	Loop l = loop_begin(g, off, down);
	cg_emit(g, I_LDX(BPF_B, R0, R1, 0));
	alur(g, BPF_XOR, R0, c);
	flag_zero(g, R0);
	if (not)
		alu(g, BPF_XOR, R0, 1);
	mov(g, R5, R2);
	flag_less(g, R5, bound);
	alur(g, BPF_AND, R0, R5);
	mov(g, R5, R2);
	pick(g, R6, R5, R0);
	loop_end(g, l);
}

/* A loop run `times` times, its counter in a stack slot: the body may use r0-r7. */
typedef struct Count {
	int head, slot;
} Count;

static Count count_begin(Cg *g, Node *n, int times)
{
	Count c = {0, cg_slot_alloc(g, n)};
	movi(g, R0, times);
	cg_store(g, c.slot, R0);
	c.head = g->b->n;
	return c;
}

static void count_end(Cg *g, Count c)
{
	cg_load(g, R0, c.slot);
	alu(g, BPF_SUB, R0, 1);
	cg_store(g, c.slot, R0);
	jump_back(g, BPF_JNE, R0, 0, c.head);
}

/* ---- arguments, results, faults ---- */

static Node *arg(Node *n, int i)
{
	return n->list.data[i];
}

/* Evaluate every argument, in order, into consecutive slots; returns the first. */
static int eval_args(Cg *g, Node *n)
{
	int first = g->nslots;
	for (int i = 0; i < n->list.len; i++)
		cg_expr(g, arg(n, i));
	return first;
}

/* Copy string argument i (its address in slot first + i) to r9 + dst: r0 = its length + 1. */
static void copy_arg(Cg *g, Node *n, int first, int i, int dst)
{
	cg_str_copy(g, dst, cg_str_max(g, arg(n, i)->ty), first + i, arg(n, i)->ty);
}

/* The value in reg is the call's: it goes in the first argument's slot. */
static int result(Cg *g, int first, int reg)
{
	cg_store(g, first, reg);
	cg_slot_free(g, first + 1);
	return first;
}

/* r0 = the address of a string constant. */
static void const_str(Cg *g, const char *s)
{
	emit_ld_map_value(g->b, R0, MAPREF_STRTAB, symtab_string(g->cc->syms, s, (int)strlen(s)));
}

void cg_fault_illop(Cg *g)
{
	cg_emit(g, I_ST(BPF_DW, R9, MS_FAULT, DTRACEFLT_ILLOP));
	movi(g, R0, 1);
	cg_emit(g, I_EXIT());
}

/* Fault unless lo <= reg <= hi (a base, as DTrace checks it). */
static void check_range(Cg *g, int reg, int lo, int hi)
{
	cg_emit(g, I_JMP_IMM(BPF_JSLT, reg, lo, 1));
	cg_emit(g, I_JMP_IMM(BPF_JSLE, reg, hi, 3));
	cg_fault_illop(g);
}

/* Read size bytes at the address in reg, plus off, to fp + base (a bad read faults). */
static void read_mem(Cg *g, int reg, int off, int base, int size, bool user)
{
	mov(g, R3, reg);
	alu(g, BPF_ADD, R3, off);
	cg_emit(g, I_STX(BPF_DW, R9, R3, MS_FAULTVAL));
	mov(g, R1, R10);
	alu(g, BPF_ADD, R1, base);
	movi(g, R2, size);
	cg_emit(g, I_CALL(user ? BPF_FUNC_probe_read_user : BPF_FUNC_probe_read_kernel));
	cg_check_read(g);
}

/* ---- integers ---- */

/* htons() and the like: a swap to big-endian, which truncates to the width as DTrace's casts do. */
static int byte_swap(Cg *g, Node *n, int bits)
{
	int first = eval_args(g, n);
	cg_load(g, R0, first);
	cg_emit(g, binsn(BPF_ALU | BPF_END | BPF_TO_BE, R0, 0, 0, bits));
	return result(g, first, R0);
}

static int subr_swap16(Cg *g, Node *n)
{
	return byte_swap(g, n, 16);
}

static int subr_swap32(Cg *g, Node *n)
{
	return byte_swap(g, n, 32);
}

static int subr_swap64(Cg *g, Node *n)
{
	return byte_swap(g, n, 64);
}

/* getmajor(dev), getminor(dev): the kernel's dev_t keeps 20 bits of minor number (MINORBITS). */
/*
 * func(), sym(), mod(): the address itself; the consumer prints it as a
 * symbol (subr_addrsym() tells record and key layouts which).
 */
static int subr_symaddr(Cg *g, Node *n)
{
	int first = eval_args(g, n);
	cg_load(g, R0, first);
	return result(g, first, R0);
}

static int subr_getmajor(Cg *g, Node *n)
{
	int first = eval_args(g, n);
	cg_load(g, R0, first);
	alu(g, BPF_RSH, R0, 20);
	cg_emit(g, I_MOV32_REG(R0, R0));
	return result(g, first, R0);
}

static int subr_getminor(Cg *g, Node *n)
{
	int first = eval_args(g, n);
	cg_load(g, R0, first);
	alu(g, BPF_AND, R0, 0xfffff);
	return result(g, first, R0);
}

/* rand(): 31 random bits, as DTrace's rand() never returns a negative number. */
static int subr_rand(Cg *g, Node *n)
{
	int slot = cg_slot_alloc(g, n);
	cg_emit(g, I_CALL(BPF_FUNC_get_prandom_u32));
	alu(g, BPF_AND, R0, 0x7fffffff);
	cg_store(g, slot, R0);
	return slot;
}

/*
 * progenyof(pid): is the current process pid or one of its descendants?
 * Walks task->real_parent (member offsets from the kernel's BTF) up to
 * PROGENY_DEPTH times, stopping at the task that is its own parent.
 */
static int subr_progenyof(Cg *g, Node *n)
{
	Type *task = type_tagged(g->cc->types, TY_STRUCT, false, "task_struct");
	int poff, toff;
	int first = eval_args(g, n);
	if (!task || !type_member(task, "real_parent", &poff) || !type_member(task, "tgid", &toff)) {
		diag_error(g->cc->diag, n->pos, "D_UNSUPPORTED",
			   "progenyof( ) needs the kernel's BTF (struct task_struct)");
		g->err = 1;
		return first;
	}
	int buf = cg_slot_alloc(g, n);
	Label found, done;
	label_init(&found);
	label_init(&done);
	cg_load(g, R7, first);
	cg_emit(g, I_MOV32_REG(R7, R7)); /* a pid_t, compared with tgid as 32 bits */
	cg_emit(g, I_CALL(BPF_FUNC_get_current_task));
	mov(g, R6, R0);
	Count c = count_begin(g, n, PROGENY_DEPTH);
	read_mem(g, R6, toff, cg_slot_off(buf), 4, false);
	cg_emit(g, I_LDX(BPF_W, R0, R10, cg_slot_off(buf)));
	label_jump(g->b, &found, I_JMP_REG(BPF_JEQ, R0, R7, 0));
	read_mem(g, R6, poff, cg_slot_off(buf), 8, false);
	cg_load(g, R0, buf);
	label_jump(g->b, &done, I_JMP_REG(BPF_JEQ, R0, R6, 0));
	mov(g, R6, R0);
	count_end(g, c);
	label_place(g->b, &done);
	movi(g, R0, 0);
	cg_emit(g, I_JA(1));
	label_place(g->b, &found);
	movi(g, R0, 1);
	label_fini(&found);
	label_fini(&done);
	return result(g, first, R0);
}

/* ---- strings ---- */

/*
 * substr(s, index[, length]): DTrace's arithmetic, in full: a negative
 * index counts from the end, and if it still falls before the start a
 * length (strsize when none is given) long enough reaches into the string;
 * a negative length leaves that many bytes off the end.  The result is the
 * copy of s, cut: a NUL at the end, the address of the start.
 */
static int subr_substr(Cg *g, Node *n)
{
	int first = eval_args(g, n);
	int t = cg_tmp_alloc(g, n);
	Label positioned, nonneg, empty, done;
	label_init(&positioned);
	label_init(&nonneg);
	label_init(&empty);
	label_init(&done);
	copy_arg(g, n, first, 0, t);
	mov(g, R6, R0);
	alu(g, BPF_SUB, R6, 1); /* length */
	cg_load(g, R1, first + 1); /* index */
	if (n->list.len == 3)
		cg_load(g, R2, first + 2); /* bytes wanted */
	else
		movi(g, R2, ss(g));
	label_jump(g->b, &positioned, I_JMP_IMM(BPF_JSGE, R1, 0, 0));
	alur(g, BPF_ADD, R1, R6);
	label_jump(g->b, &positioned, I_JMP_IMM(BPF_JSGE, R1, 0, 0));
	mov(g, R3, R1);
	alur(g, BPF_ADD, R3, R2);
	label_jump(g->b, &empty, I_JMP_IMM(BPF_JSLE, R3, 0, 0));
	alur(g, BPF_ADD, R2, R1);
	movi(g, R1, 0);
	label_place(g->b, &positioned);
	label_jump(g->b, &empty, I_JMP_REG(BPF_JSGE, R1, R6, 0));
	mov(g, R3, R6);
	alur(g, BPF_SUB, R3, R1); /* bytes left after the index */
	label_jump(g->b, &nonneg, I_JMP_IMM(BPF_JSGE, R2, 0, 0));
	alur(g, BPF_ADD, R2, R3);
	label_jump(g->b, &empty, I_JMP_IMM(BPF_JSLE, R2, 0, 0));
	label_jump(g->b, &done, I_JA(0));
	label_place(g->b, &nonneg);
	label_jump(g->b, &done, I_JMP_REG(BPF_JLE, R2, R3, 0));
	mov(g, R2, R3);
	label_jump(g->b, &done, I_JA(0));
	label_place(g->b, &empty);
	movi(g, R1, 0);
	movi(g, R2, 0);
	label_place(g->b, &done);
	alur(g, BPF_ADD, R2, R1);
	str_end(g, R2, t);
	str_at(g, R1, t);
	label_fini(&positioned);
	label_fini(&nonneg);
	label_fini(&empty);
	label_fini(&done);
	return result(g, first, R0);
}

/*
 * strchr(s, c), strrchr(s, c): the rest of s from the first (last) byte
 * equal to (char)c, or NULL; c = 0 finds the NUL, as in DTrace.  Both look
 * at every byte up to the NUL; strchr walks backwards so the last match it
 * keeps is the first one.
 */
static int str_chr(Cg *g, Node *n, bool last)
{
	int first = eval_args(g, n);
	int t = cg_tmp_alloc(g, n);
	copy_arg(g, n, first, 0, t);
	mov(g, R3, R0); /* the bytes that count, the NUL included */
	cg_load(g, R4, first + 1);
	alu(g, BPF_AND, R4, 0xff);
	find_byte(g, t, !last, R4, R3, false);
	str_or_null(g, R6, t);
	return result(g, first, R0);
}

static int subr_strchr(Cg *g, Node *n)
{
	return str_chr(g, n, false);
}

static int subr_strrchr(Cg *g, Node *n)
{
	return str_chr(g, n, true);
}

/* toupper(s), tolower(s): ASCII letters only, as DTrace converts them. */
static int str_case(Cg *g, Node *n, bool upper)
{
	int first = eval_args(g, n);
	int t = cg_tmp_alloc(g, n);
	copy_arg(g, n, first, 0, t);
	Loop l = loop_begin(g, t, false);
	cg_emit(g, I_LDX(BPF_B, R0, R1, 0));
	mov(g, R3, R0);
	alu(g, BPF_SUB, R3, upper ? 'a' : 'A');
	alu(g, BPF_AND, R3, 0xff);
	alu(g, BPF_SUB, R3, 26);
	alu(g, BPF_RSH, R3, 63); /* a letter to convert */
	alu(g, BPF_LSH, R3, 5);
	alur(g, upper ? BPF_SUB : BPF_ADD, R0, R3);
	cg_emit(g, I_STX(BPF_B, R1, R0, 0));
	loop_end(g, l);
	mov(g, R0, R9);
	alu(g, BPF_ADD, R0, t);
	return result(g, first, R0);
}

static int subr_toupper(Cg *g, Node *n)
{
	return str_case(g, n, true);
}

static int subr_tolower(Cg *g, Node *n)
{
	return str_case(g, n, false);
}

/* ---- index(), rindex(), strstr() ---- */

typedef enum Find { FIND_INDEX, FIND_RINDEX, FIND_STRSTR } Find;

/* Slots of a search: the haystack's length, the bound on where a match may start, ... */
typedef struct Search {
	Find kind;
	int hay;      /* the haystack's copy, a temporary */
	int len, lim; /* slots: its length; the least (index, strstr) or greatest (rindex) start */
	int m;        /* slot: the needle's length */
} Search;

/*
 * acc = p if a match at p counts (the 0/1 flag in match says there is
 * one): index() and strstr() keep the first at or after lim (acc is still
 * -1), rindex() the last at or before it.  match, p and r3 are clobbered.
 */
static void keep_match(Cg *g, const Search *s, int acc, int p, int match)
{
	cg_load(g, R3, s->lim);
	if (s->kind == FIND_RINDEX) {
		alur(g, BPF_SUB, R3, p);
		alu(g, BPF_RSH, R3, 63);
		alu(g, BPF_XOR, R3, 1); /* p <= lim */
		alur(g, BPF_AND, match, R3);
	} else {
		alu(g, BPF_SUB, R3, 1);
		alur(g, BPF_SUB, R3, p);
		alu(g, BPF_RSH, R3, 63); /* p >= lim: lim - 1 - p < 0 */
		alur(g, BPF_AND, match, R3);
		mov(g, R3, acc);
		alu(g, BPF_RSH, R3, 63); /* none yet */
		alur(g, BPF_AND, match, R3);
	}
	pick(g, acc, p, match);
}

/* Zero size bytes at r9 + off. */
static void zero_fill(Cg *g, int off, int size)
{
	int k = 0;
	for (; k + 8 <= size; k += 8)
		cg_emit(g, I_ST(BPF_DW, R9, (int16_t)(off + k), 0));
	for (; k < size; k++)
		cg_emit(g, I_ST(BPF_B, R9, (int16_t)(off + k), 0));
}

/*
 * A needle known at compile time: bpf_strncmp() against it at every start
 * in the haystack, one helper call per position (the verifier wants the
 * needle in read-only memory, which the string table is).  The haystack's
 * temporary is zeroed first, so no match starts past its end.  index()
 * and strstr() walk backwards, so the last match kept is the first one.
 * r6 = the match, or -1.
 */
static void find_const(Cg *g, Node *n, const Search *s, const char *needle, int m)
{
	bool down = s->kind != FIND_RINDEX;
	int last = ss(g) - m - 1; /* the last start with room for the needle */
	int acc = cg_slot_alloc(g, n);
	movi(g, R0, -1);
	cg_store(g, acc, R0);
	mov(g, R7, R9);
	alu(g, BPF_ADD, R7, s->hay + (down ? last : 0));
	movi(g, R6, down ? last : 0);
	int head = g->b->n;
	mov(g, R1, R7);
	movi(g, R2, m);
	emit_ld_map_value(g->b, R3, MAPREF_STRTAB, symtab_string(g->cc->syms, needle, m));
	cg_emit(g, I_CALL(BPF_FUNC_strncmp));
	flag_nonzero(g, R4, R0, R5);
	alu(g, BPF_XOR, R4, 1); /* a match */
	cg_load(g, R3, s->lim);
	if (down) {
		alu(g, BPF_SUB, R3, 1);
		alur(g, BPF_SUB, R3, R6);
		alu(g, BPF_RSH, R3, 63); /* p >= lim */
	} else {
		alur(g, BPF_SUB, R3, R6);
		alu(g, BPF_RSH, R3, 63);
		alu(g, BPF_XOR, R3, 1); /* p <= lim */
	}
	alur(g, BPF_AND, R4, R3);
	cg_load(g, R1, acc);
	mov(g, R2, R6);
	pick(g, R1, R2, R4);
	cg_store(g, acc, R1);
	alu(g, BPF_ADD, R7, down ? -1 : 1);
	alu(g, BPF_ADD, R6, down ? -1 : 1);
	if (down)
		jump_back(g, BPF_JSGE, R6, 0, head);
	else
		jump_back(g, BPF_JNE, R6, last + 1, head);
	cg_load(g, R6, acc);
}

/* r0 = 1 if the byte at r9 + a + r1 equals the one at r9 + b + r2 (indexes under mask). */
static void bytes_equal(Cg *g, int a, int b, int mask)
{
	index_addr(g, R0, R1, mask, 1);
	cg_emit(g, I_LDX(BPF_B, R0, R0, (int16_t)a));
	index_addr(g, R3, R2, mask, 1);
	cg_emit(g, I_LDX(BPF_B, R3, R3, (int16_t)b));
	alur(g, BPF_XOR, R0, R3);
	flag_zero(g, R0);
}

/* For k in r2: r3 = where k falls back, k ? pi[k - 1] : 0, and r4 = (k == 0). */
static void fall_back(Cg *g, int pi, int mask)
{
	mov(g, R4, R2);
	alu(g, BPF_SUB, R4, 1);
	alu(g, BPF_RSH, R4, 63);
	mov(g, R3, R2);
	alu(g, BPF_ADD, R3, mask); /* k - 1 under the mask, without a -1 to AND */
	index_addr(g, R3, R3, mask, 2);
	cg_emit(g, I_LDX(BPF_H, R3, R3, (int16_t)pi));
	mov(g, R5, R4);
	alu(g, BPF_XOR, R5, 1);
	alur(g, BPF_MUL, R3, R5);
}

/*
 * Any other needle: Knuth-Morris-Pratt, in steps that either advance in
 * the text or fall back in the needle, so 2 * length steps do (each raises
 * 2 * i - k).  First the prefix function pi of the needle, then the search
 * of the haystack; pi and the needle live in the scratch buffer.  A step
 * computes what each branch of the textbook loop would, and picks.  r6 =
 * the match kept, or -1.
 */
static void find_any(Cg *g, Node *n, const Search *s, int needle, int pi)
{
	int mask = mask_for(ss(g));
	int pm1 = cg_slot_alloc(g, n);
	/* pi[i] for i < m: r1 = i, r2 = k */
	movi(g, R1, 1);
	movi(g, R2, 0);
	Count c = count_begin(g, n, 2 * ss(g) - 4);
	bytes_equal(g, needle, needle, mask); /* the NUL at m equals no byte before it */
	fall_back(g, pi, mask);
	alur(g, BPF_OR, R4, R0); /* i advances on a match or when k can fall no further, */
	mov(g, R5, R1);
	cg_load(g, R6, s->m);
	flag_less(g, R5, R6);
	alur(g, BPF_AND, R4, R5); /* up to m */
	alu(g, BPF_ADD, R2, 1);
	mov(g, R5, R2);
	alur(g, BPF_MUL, R5, R0);
	index_addr(g, R6, R1, mask, 2);
	cg_emit(g, I_STX(BPF_H, R6, R5, (int16_t)pi)); /* pi[i] = eq ? k + 1 : 0, final when i moves */
	pick(g, R3, R2, R0);
	mov(g, R2, R3); /* k = eq ? k + 1 : f */
	alur(g, BPF_ADD, R1, R4);
	count_end(g, c);

	/* the search: r1 = i in the haystack, r2 = k, r7 = the match kept */
	cg_load(g, R3, s->m);
	alu(g, BPF_SUB, R3, 1);
	index_addr(g, R3, R3, mask, 2);
	cg_emit(g, I_LDX(BPF_H, R3, R3, (int16_t)pi));
	cg_store(g, pm1, R3);
	movi(g, R1, 0);
	movi(g, R2, 0);
	movi(g, R7, -1);
	c = count_begin(g, n, 2 * ss(g) - 2);
	bytes_equal(g, s->hay, needle, mask); /* the haystack's NUL equals no needle byte */
	mov(g, R6, R1);
	alur(g, BPF_SUB, R6, R2); /* where a match ending here starts */
	fall_back(g, pi, mask);
	alur(g, BPF_OR, R4, R0);
	cg_load(g, R5, s->len);
	alur(g, BPF_SUB, R5, R1);
	alu(g, BPF_SUB, R5, 1);
	alu(g, BPF_RSH, R5, 63);
	alu(g, BPF_XOR, R5, 1);
	alur(g, BPF_AND, R4, R5);
	alur(g, BPF_ADD, R1, R4); /* i advances, up to the NUL */
	alu(g, BPF_ADD, R2, 1);
	cg_load(g, R4, s->m);
	alur(g, BPF_SUB, R4, R2);
	flag_zero(g, R4);
	alur(g, BPF_AND, R4, R0); /* a whole match */
	cg_load(g, R5, pm1);
	pick(g, R2, R5, R4); /* after one, go on from pi[m - 1] */
	pick(g, R3, R2, R0);
	mov(g, R2, R3);
	keep_match(g, s, R7, R6, R4);
	count_end(g, c);
	mov(g, R6, R7);
}

/*
 * index(s, sub[, pos]), rindex(s, sub[, pos]), strstr(s, sub): DTrace's
 * rules, Perl's: index clamps a negative pos to 0, rindex one past the
 * length to the length; an empty needle is found at pos clamped to [0,
 * length] (index: 0 by default, rindex: the length, strstr: s itself).
 * Returns the position or -1; strstr the rest of s from there, or NULL.
 */
static int str_find(Cg *g, Node *n, Find kind)
{
	int ntmp = g->ntmp, scratch = cg_scratch_off(g);
	Node *sub = arg(n, 1);
	int m = sub->kind == ND_STRING ? (int)strlen(sub->str) : -1; /* a needle known now */
	bool fixed = m >= 0 && m < ss(g);
	int first = eval_args(g, n);
	Search s = {kind, cg_tmp_alloc(g, n), cg_slot_alloc(g, n), cg_slot_alloc(g, n),
		    cg_slot_alloc(g, n)};
	/* the scratch buffer: pi (strsize u16s), then the needle */
	int pi = scratch, needle = scratch + 2 * ss(g);
	Label found, empty;
	label_init(&found);
	label_init(&empty);
	if (fixed)
		zero_fill(g, s.hay, ss(g));
	copy_arg(g, n, first, 0, s.hay);
	alu(g, BPF_SUB, R0, 1);
	cg_store(g, s.len, R0);
	if (n->list.len == 3) {
		cg_load(g, R1, first + 2);
		if (kind == FIND_INDEX) {
			cg_emit(g, I_JMP_IMM(BPF_JSGE, R1, 0, 1));
			movi(g, R1, 0);
		}
	} else if (kind == FIND_RINDEX) {
		mov(g, R1, R0);
	} else {
		movi(g, R1, 0);
	}
	cg_store(g, s.lim, R1);
	if (fixed && m > 0) {
		find_const(g, n, &s, sub->str, m);
	} else {
		if (!fixed) {
			copy_arg(g, n, first, 1, needle);
			alu(g, BPF_SUB, R0, 1);
			cg_store(g, s.m, R0);
			label_jump(g->b, &empty, I_JMP_IMM(BPF_JEQ, R0, 0, 0));
			find_any(g, n, &s, needle, pi);
			label_jump(g->b, &found, I_JA(0));
		}
		/* the empty needle: pos clamped to [0, length] */
		label_place(g->b, &empty);
		cg_load(g, R6, s.lim);
		cg_load(g, R1, s.len);
		cg_emit(g, I_JMP_IMM(BPF_JSGE, R6, 0, 1));
		movi(g, R6, 0);
		cg_emit(g, I_JMP_REG(BPF_JSLE, R6, R1, 1));
		mov(g, R6, R1);
	}
	label_place(g->b, &found);
	label_fini(&found);
	label_fini(&empty);
	if (kind != FIND_STRSTR) {
		g->ntmp = ntmp;
		return result(g, first, R6);
	}
	str_or_null(g, R6, s.hay);
	return result(g, first, R0);
}

static int subr_index(Cg *g, Node *n)
{
	return str_find(g, n, FIND_INDEX);
}

static int subr_rindex(Cg *g, Node *n)
{
	return str_find(g, n, FIND_RINDEX);
}

static int subr_strstr(Cg *g, Node *n)
{
	return str_find(g, n, FIND_STRSTR);
}

/* ---- strtok() ---- */

/*
 * strtok()'s state, per CPU: the position reached (u64), then the string
 * being cut.  It lives in a hidden clause-local variable, because the
 * machine state's temporaries are reused by every statement while the
 * state must last from one clause to the next (DTrace keeps it in the
 * probe's machine state).  Returns its offset in the tvars value.
 */
static int strtok_state(Cg *g)
{
	Symtab *st = g->cc->syms;
	for (int i = 0; i < st->locals.len; i++) {
		Var *v = st->locals.data[i];
		if (strcmp(v->name, STRTOK_VAR) == 0)
			return v->off;
	}
	Var *v = xcalloc(1, sizeof(*v));
	v->name = xstrdup(STRTOK_VAR);
	v->kind = VAR_LOCAL;
	st->tvars_size = (st->tvars_size + 7) & ~7;
	v->off = st->tvars_size;
	st->tvars_size += 8 + ss(g);
	vec_push(&st->locals, v);
	return v->off;
}

/* r4 = 1 if the byte in r0 is in the bitmap at r9 + map (r5 clobbered). */
static void in_bitmap(Cg *g, int map)
{
	mov(g, R4, R0);
	alu(g, BPF_RSH, R4, 3);
	alur(g, BPF_ADD, R4, R9);
	cg_emit(g, I_LDX(BPF_B, R4, R4, (int16_t)map));
	mov(g, R5, R0);
	alu(g, BPF_AND, R5, 7);
	alur(g, BPF_RSH, R4, R5);
	alu(g, BPF_AND, R4, 1);
}

/*
 * r6 = the first index at or after the one in r7 whose byte, in the string
 * at r9 + off, ends a run: the NUL, or a byte in (out of, with outside) the
 * bitmap of delimiters.  The NUL comes first at the latest.
 */
static void token_edge(Cg *g, int off, int map, bool outside)
{
	movi(g, R6, ss(g) - 1);
	Loop l = loop_begin(g, off, true);
	cg_emit(g, I_LDX(BPF_B, R0, R1, 0));
	in_bitmap(g, map);
	if (outside)
		alu(g, BPF_XOR, R4, 1);
	flag_zero(g, R0);
	alur(g, BPF_OR, R4, R0);
	mov(g, R5, R2);
	flag_less(g, R5, R7);
	alu(g, BPF_XOR, R5, 1);
	alur(g, BPF_AND, R4, R5);
	mov(g, R5, R2);
	pick(g, R6, R5, R4);
	loop_end(g, l);
	clamp(g, R6, ss(g) - 1);
}

/*
 * strtok(s, delims): the next token of s, or with s = NULL of the string
 * the last strtok() cut (per CPU); NULL when none is left.  The state keeps
 * a copy of the string, not its address, as the address may be a
 * temporary that later statements reuse.  Unlike DTrace, whose saved
 * address ends with the probe's firing, the copy stays until the next
 * strtok() with a string.
 */
static int subr_strtok(Cg *g, Node *n)
{
	int scratch = cg_scratch_off(g), map = scratch, delims = scratch + 64;
	int first = eval_args(g, n);
	int state = strtok_state(g);
	int t = cg_tmp_alloc(g, n);
	int key = cg_slot_alloc(g, n), ptr = cg_slot_alloc(g, n);
	Node *s = arg(n, 0);
	Label go_on, none, done;
	label_init(&go_on);
	label_init(&none);
	label_init(&done);
	/* the delimiters as a bitmap of 256 bits; bytes past their NUL count as NUL */
	for (int i = 0; i < 32; i += 8)
		cg_emit(g, I_ST(BPF_DW, R9, (int16_t)(map + i), 0));
	copy_arg(g, n, first, 1, delims);
	mov(g, R3, R0);
	Loop l = loop_begin(g, delims, false);
	cg_emit(g, I_LDX(BPF_B, R0, R1, 0));
	mov(g, R4, R2);
	flag_less(g, R4, R3);
	alur(g, BPF_MUL, R0, R4);
	mov(g, R4, R0);
	alu(g, BPF_RSH, R4, 3);
	alur(g, BPF_ADD, R4, R9);
	cg_emit(g, I_LDX(BPF_B, R5, R4, (int16_t)map));
	alu(g, BPF_AND, R0, 7);
	movi(g, R6, 1);
	alur(g, BPF_LSH, R6, R0);
	alur(g, BPF_OR, R5, R6);
	cg_emit(g, I_STX(BPF_B, R4, R5, (int16_t)map));
	loop_end(g, l);
	/* r7 = this CPU's state */
	cg_emit(g, I_ST(BPF_DW, R10, cg_slot_off(key), 0));
	mov(g, R2, R10);
	alu(g, BPF_ADD, R2, cg_slot_off(key));
	emit_ld_map(g->b, R1, MAPREF_TVARS);
	cg_emit(g, I_CALL(BPF_FUNC_map_lookup_elem));
	label_jump(g->b, &none, I_JMP_IMM(BPF_JEQ, R0, 0, 0));
	mov(g, R7, R0);
	/* a new string: copied into the state, from its start */
	cg_load(g, R3, first);
	label_jump(g->b, &go_on, I_JMP_IMM(BPF_JEQ, R3, 0, 0));
	cg_emit(g, I_STX(BPF_DW, R9, R3, MS_FAULTVAL));
	mov(g, R1, R7);
	alu(g, BPF_ADD, R1, state + 8);
	movi(g, R2, cg_str_max(g, s->ty));
	cg_emit(g, I_CALL(cg_is_user_ptr(s->ty) ? BPF_FUNC_probe_read_user_str
			  : BPF_FUNC_probe_read_kernel_str));
	cg_check_read(g);
	cg_emit(g, I_ST(BPF_DW, R7, (int16_t)state, 0));
	label_place(g->b, &go_on);
	mov(g, R1, R9);
	alu(g, BPF_ADD, R1, t);
	movi(g, R2, ss(g));
	mov(g, R3, R7);
	alu(g, BPF_ADD, R3, state + 8);
	cg_emit(g, I_CALL(BPF_FUNC_probe_read_kernel_str));
	cg_store(g, ptr, R7);
	cg_emit(g, I_LDX(BPF_DW, R7, R7, (int16_t)state));
	clamp(g, R7, ss(g) - 1);
	/* the token: from the first byte that is no delimiter to the next that is */
	token_edge(g, t, map, true);
	mov(g, R3, R6);
	alur(g, BPF_ADD, R3, R9);
	cg_emit(g, I_LDX(BPF_B, R0, R3, (int16_t)t));
	cg_load(g, R3, ptr);
	cg_emit(g, I_STX(BPF_DW, R3, R6, (int16_t)state));
	label_jump(g->b, &none, I_JMP_IMM(BPF_JEQ, R0, 0, 0));
	mov(g, R7, R6);
	token_edge(g, t, map, false);
	cg_load(g, R3, ptr);
	cg_emit(g, I_STX(BPF_DW, R3, R6, (int16_t)state));
	str_end(g, R6, t);
	str_at(g, R7, t);
	label_jump(g->b, &done, I_JA(0));
	label_place(g->b, &none);
	movi(g, R0, 0);
	label_place(g->b, &done);
	label_fini(&go_on);
	label_fini(&none);
	label_fini(&done);
	return result(g, first, R0);
}

/* ---- paths ---- */

/* r6 = the last index below the bound in r7 whose byte is (or, with not, is not) '/'; -1 if none. */
static void last_slash(Cg *g, int off, bool not)
{
	movi(g, R4, '/');
	find_byte(g, off, false, R4, R7, not);
}

/*
 * basename(s), dirname(s): DTrace's (and POSIX's) rules.  Trailing slashes
 * go; "" and a name without a slash have dirname "."; a string of slashes
 * is "/" for both; "" has basename ".".
 */
static int path_part(Cg *g, Node *n, bool dir)
{
	int first = eval_args(g, n);
	int t = cg_tmp_alloc(g, n);
	Label root, dot, done;
	label_init(&root);
	label_init(&dot);
	label_init(&done);
	copy_arg(g, n, first, 0, t);
	mov(g, R7, R0);
	alu(g, BPF_SUB, R7, 1);
	label_jump(g->b, &dot, I_JMP_IMM(BPF_JEQ, R7, 0, 0));
	last_slash(g, t, true); /* the basename's last byte */
	label_jump(g->b, &root, I_JMP_IMM(BPF_JSLT, R6, 0, 0));
	mov(g, R7, R6);
	last_slash(g, t, false); /* the slash before it */
	if (!dir) {
		alu(g, BPF_ADD, R7, 1);
		str_end(g, R7, t);
		alu(g, BPF_ADD, R6, 1);
		str_at(g, R6, t);
	} else {
		label_jump(g->b, &dot, I_JMP_IMM(BPF_JSLT, R6, 0, 0));
		mov(g, R7, R6);
		last_slash(g, t, true); /* the directory's last byte: none in "/name" */
		cg_emit(g, I_JMP_IMM(BPF_JSGE, R6, 0, 1));
		movi(g, R6, 0);
		alu(g, BPF_ADD, R6, 1);
		str_end(g, R6, t);
		mov(g, R0, R9);
		alu(g, BPF_ADD, R0, t);
	}
	label_jump(g->b, &done, I_JA(0));
	label_place(g->b, &root);
	cg_emit(g, I_ST(BPF_B, R9, (int16_t)(t + 1), 0));
	mov(g, R0, R9);
	alu(g, BPF_ADD, R0, t);
	label_jump(g->b, &done, I_JA(0));
	label_place(g->b, &dot);
	const_str(g, ".");
	label_place(g->b, &done);
	label_fini(&root);
	label_fini(&dot);
	label_fini(&done);
	return result(g, first, R0);
}

static int subr_basename(Cg *g, Node *n)
{
	return path_part(g, n, false);
}

static int subr_dirname(Cg *g, Node *n)
{
	return path_part(g, n, true);
}

/*
 * cleanpath() is DTrace's algorithm run one source byte per step, as a
 * state machine: state 0 after an ordinary byte, 1-3 inside "/", "/." or
 * "/..", 4 and up once finished.  Its transitions are a table indexed by
 * state and byte class, in the string table; an entry (16 bits) holds the
 * next state, the bytes the step adds to the result (adv), whether it
 * pushes the position of the slash it writes, whether it backs up to the
 * last one pushed ("/../" or "/..\0"), and whether DTrace checks for room
 * first (it stops where length + 5 >= strsize, before a byte in state 0
 * and at each "//" or "/./").  Each byte of the table has its high bit
 * set, as the string table holds no zeros.
 */
enum { CP_OTHER, CP_SLASH, CP_DOT, CP_NUL };
enum { CP_PUSH = 1 << 3, CP_BACK = 1 << 4, CP_NEED = 1 << 5 };

static uint16_t clean_entry(int next, int adv, int flags)
{
	return (uint16_t)(0x8080 | adv << 8 | flags | next);
}

/* The table's offset in the string table: 8 states by 4 classes. */
static int clean_table(Cg *g)
{
	uint16_t t[32];
	for (int k = 0; k < 32; k++)
		t[k] = clean_entry(4, 0, 0); /* finished */
	for (int c = CP_OTHER; c <= CP_NUL; c++) /* state 0 writes the byte */
		t[c] = clean_entry(c == CP_SLASH ? 1 : c == CP_NUL ? 4 : 0, c == CP_OTHER || c == CP_DOT,
				   CP_NEED);
	for (int st = 1; st <= 3; st++) { /* after "/", "/.", "/..": st bytes read */
		t[4 * st + CP_OTHER] = clean_entry(0, st + 1, CP_PUSH);
		t[4 * st + CP_SLASH] = st == 3 ? clean_entry(1, 0, CP_BACK) : clean_entry(1, 0, CP_NEED);
		t[4 * st + CP_DOT] = st == 3 ? clean_entry(0, 4, CP_PUSH) : clean_entry(st + 1, 0, 0);
		t[4 * st + CP_NUL] = st == 3 ? clean_entry(4, 1, CP_BACK) : clean_entry(4, st, CP_PUSH);
	}
	char bytes[sizeof(t)];
	memcpy(bytes, t, sizeof(t));
	return symtab_string(g->cc->syms, bytes, (int)sizeof(bytes));
}

/* 1 + the class of each byte. */
static int clean_classes(Cg *g)
{
	char cls[256];
	for (int c = 0; c < 256; c++)
		cls[c] = (char)(1 + (c == '/' ? CP_SLASH : c == '.' ? CP_DOT : c == 0 ? CP_NUL : CP_OTHER));
	return symtab_string(g->cc->syms, cls, 256);
}

/*
 * One step, on the source byte r2: r5 = the state, r6 = the result's
 * length, r7 = the slash positions on the stack.  It writes its state's
 * pattern ("c", "/c", "/.c" or "/..c", four bytes whatever counts) at the
 * end of the result and advances the length over what counts; backing up,
 * the stack gives the last slash at once.  A step that adds nothing puts
 * the four bytes back as they were, as they may reach past the temporary
 * (a step that adds some is at least 5 bytes from its end).
 */
static void clean_step(Cg *g, int src, int t, int stack, int adv, int next)
{
	int s = ss(g), mask = mask_for(s), smask = mask_for(s / 2 + 1);
	mov(g, R1, R9);
	alu(g, BPF_ADD, R1, src);
	alur(g, BPF_ADD, R1, R2);
	cg_emit(g, I_LDX(BPF_B, R0, R1, 0));
	emit_ld_map_value(g->b, R1, MAPREF_STRTAB, clean_classes(g));
	alur(g, BPF_ADD, R1, R0);
	cg_emit(g, I_LDX(BPF_B, R1, R1, 0));
	mov(g, R3, R5);
	alu(g, BPF_LSH, R3, 2);
	alur(g, BPF_ADD, R3, R1);
	alu(g, BPF_SUB, R3, 1);
	alu(g, BPF_AND, R3, 31);
	alu(g, BPF_LSH, R3, 1);
	emit_ld_map_value(g->b, R1, MAPREF_STRTAB, clean_table(g));
	alur(g, BPF_ADD, R1, R3);
	cg_emit(g, I_LDX(BPF_H, R4, R1, 0)); /* r4 = the entry */
	/* r3 = stop: no room where DTrace checks */
	mov(g, R3, R4);
	alu(g, BPF_RSH, R3, 5);
	alu(g, BPF_AND, R3, 1);
	mov(g, R1, R6);
	alu(g, BPF_ADD, R1, 5 - s);
	alu(g, BPF_RSH, R1, 63);
	alu(g, BPF_XOR, R1, 1);
	alur(g, BPF_AND, R3, R1);
	/* what the step adds, nothing if stopped; the next state, finished if stopped */
	mov(g, R1, R4);
	alu(g, BPF_RSH, R1, 8);
	alu(g, BPF_AND, R1, 7);
	alu(g, BPF_XOR, R3, 1);
	alur(g, BPF_MUL, R1, R3);
	cg_store(g, adv, R1);
	mov(g, R1, R3);
	alu(g, BPF_XOR, R1, 1);
	alu(g, BPF_LSH, R1, 2);
	mov(g, R3, R4);
	alu(g, BPF_AND, R3, 7);
	alur(g, BPF_OR, R1, R3);
	cg_store(g, next, R1);
	/* r0 = the pattern: the first `state` bytes of "/..", then the byte */
	mov(g, R3, R5);
	alu(g, BPF_LSH, R3, 3);
	movi(g, R1, 1);
	alur(g, BPF_LSH, R1, R3);
	alu(g, BPF_SUB, R1, 1);
	alu(g, BPF_AND, R1, '/' | '.' << 8 | '.' << 16);
	alur(g, BPF_LSH, R0, R3);
	alur(g, BPF_OR, R0, R1);
	/* over the four bytes at the end of the result, or them again */
	index_addr(g, R3, R6, mask, 1);
	cg_emit(g, I_LDX(BPF_B, R1, R3, (int16_t)(t + 3)));
	for (int k = 2; k >= 0; k--) {
		alu(g, BPF_LSH, R1, 8);
		cg_emit(g, I_LDX(BPF_B, R5, R3, (int16_t)(t + k)));
		alur(g, BPF_OR, R1, R5);
	}
	cg_load(g, R5, adv);
	flag_zero(g, R5);
	alu(g, BPF_XOR, R5, 1);
	pick(g, R1, R0, R5);
	for (int k = 0; k < 4; k++) {
		cg_emit(g, I_STX(BPF_B, R3, R1, (int16_t)(t + k)));
		alu(g, BPF_RSH, R1, 8);
	}
	/* push the length (the slot above the top takes it anyway); r0 = the top slash, 0 if none */
	index_addr(g, R3, R7, smask, 2);
	cg_emit(g, I_STX(BPF_H, R3, R6, (int16_t)stack));
	mov(g, R3, R7);
	alu(g, BPF_ADD, R3, smask); /* sp - 1 under the mask, without a -1 to AND */
	index_addr(g, R3, R3, smask, 2);
	cg_emit(g, I_LDX(BPF_H, R0, R3, (int16_t)stack));
	mov(g, R3, R7);
	alu(g, BPF_SUB, R3, 1);
	alu(g, BPF_RSH, R3, 63);
	alu(g, BPF_XOR, R3, 1); /* the stack is not empty */
	alur(g, BPF_MUL, R0, R3);
	/* backing up pops the top slash and goes back to it */
	mov(g, R1, R4);
	alu(g, BPF_RSH, R1, 4);
	alu(g, BPF_AND, R1, 1);
	alur(g, BPF_AND, R3, R1);
	alur(g, BPF_SUB, R7, R3);
	pick(g, R6, R0, R1);
	mov(g, R1, R4);
	alu(g, BPF_RSH, R1, 3);
	alu(g, BPF_AND, R1, 1);
	alur(g, BPF_ADD, R7, R1);
	cg_load(g, R1, adv);
	alur(g, BPF_ADD, R6, R1);
	cg_load(g, R5, next);
}

/*
 * cleanpath(s): DTrace's algorithm, kept to the byte: "//" and "/./" go,
 * "/../" backs up to the last slash written (so "a/../b" is "/b" and "a/.."
 * is "a", as there).  "/.." with nothing written before gives "/" where
 * DTrace returns a byte it never wrote.
 */
static int subr_cleanpath(Cg *g, Node *n)
{
	int s = ss(g), scratch = cg_scratch_off(g);
	int stack = scratch, src = scratch + 2 * s + 4; /* slash positions (u16), then the source */
	int first = eval_args(g, n);
	int t = cg_tmp_alloc(g, n);
	int adv = cg_slot_alloc(g, n), next = cg_slot_alloc(g, n);
	copy_arg(g, n, first, 0, src);
	movi(g, R5, 0);
	movi(g, R6, 0);
	movi(g, R7, 0);
	cg_emit(g, I_ST(BPF_B, R9, (int16_t)t, '/'));
	movi(g, R2, 0);
	int head = g->b->n;
	clean_step(g, src, t, stack, adv, next);
	alu(g, BPF_ADD, R2, 1);
	jump_back(g, BPF_JNE, R2, s, head);
	str_end(g, R6, t);
	mov(g, R0, R9);
	alu(g, BPF_ADD, R0, t);
	return result(g, first, R0);
}

/* ---- numbers and strings ---- */

/* Put c just before the string being built at r9 + scratch + r6. */
static void prefix(Cg *g, int scratch, char c)
{
	alu(g, BPF_SUB, R6, 1);
	mov(g, R3, R6);
	alur(g, BPF_ADD, R3, R9);
	cg_emit(g, I_ST(BPF_B, R3, (int16_t)scratch, c));
}

/* Copy the string built at r9 + scratch + reg (reg <= end) to the temporary t: r0 = its address. */
static void copy_out(Cg *g, int t, int scratch, int reg, int end)
{
	clamp(g, reg, end);
	mov(g, R3, R9);
	alu(g, BPF_ADD, R3, scratch);
	alur(g, BPF_ADD, R3, reg);
	mov(g, R1, R9);
	alu(g, BPF_ADD, R1, t);
	movi(g, R2, ss(g));
	cg_emit(g, I_CALL(BPF_FUNC_probe_read_kernel_str));
	mov(g, R0, R9);
	alu(g, BPF_ADD, R0, t);
}

/*
 * lltostr(n[, base]): DTrace's digits and prefixes: base 10 signs the
 * number, other bases show its 64 bits unsigned; base 16 adds "0x" and base
 * 8 a leading 0; 0 is "0" ("0x0" in base 16).  A base outside 2-36 is an
 * illegal operation.  Built backwards in the scratch buffer (70 bytes fit
 * any number), then copied into a temporary.
 */
static int subr_lltostr(Cg *g, Node *n)
{
	int scratch = cg_scratch_off(g);
	int first = eval_args(g, n);
	int t = cg_tmp_alloc(g, n);
	int base = n->list.len == 2 ? first + 1 : cg_slot_alloc(g, n);
	if (n->list.len == 2) {
		cg_load(g, R2, base);
		check_range(g, R2, 2, 36);
	} else {
		movi(g, R2, 10);
		cg_store(g, base, R2);
	}
	cg_load(g, R1, first);
	cg_emit(g, I_JMP_IMM(BPF_JNE, R2, 10, 2));
	cg_emit(g, I_JMP_IMM(BPF_JSGE, R1, 0, 1));
	cg_emit(g, I_NEG64(R1));
	cg_emit(g, I_ST(BPF_B, R9, (int16_t)(scratch + LLTOSTR_END), 0));
	movi(g, R6, LLTOSTR_END); /* where the digits start */
	mov(g, R7, R9);
	alu(g, BPF_ADD, R7, scratch + LLTOSTR_END - 1);
	movi(g, R3, LLTOSTR_END - 1); /* r3 = r7's index */
	int head = g->b->n;
	mov(g, R4, R1);
	alur(g, BPF_MOD, R4, R2);
	mov(g, R5, R1);
	alur(g, BPF_DIV, R1, R2);
	digit_char(g, R4, R0);
	cg_emit(g, I_STX(BPF_B, R7, R4, 0));
	flag_nonzero(g, R4, R5, R0); /* digits left: this one counts */
	mov(g, R5, R3);
	pick(g, R6, R5, R4);
	alu(g, BPF_SUB, R7, 1);
	alu(g, BPF_SUB, R3, 1);
	jump_back(g, BPF_JNE, R3, LLTOSTR_END - 65, head); /* 64 digits */
	/* the prefixes, in DTrace's order; r6 = where the string starts */
	clamp(g, R6, LLTOSTR_END);
	cg_emit(g, I_JMP_IMM(BPF_JSGE, R6, 4, 1));
	movi(g, R6, 4);
	cg_load(g, R1, first);
	cg_load(g, R2, base);
	Label no_x, no_0, put_0, no_sign;
	label_init(&no_x);
	label_init(&no_0);
	label_init(&put_0);
	label_init(&no_sign);
	label_jump(g->b, &no_x, I_JMP_IMM(BPF_JNE, R2, 16, 0));
	cg_emit(g, I_JMP_IMM(BPF_JNE, R1, 0, 4));
	prefix(g, scratch, '0'); /* 0 in base 16 is "0x0" */
	prefix(g, scratch, 'x');
	label_place(g->b, &no_x);
	label_jump(g->b, &put_0, I_JMP_IMM(BPF_JEQ, R1, 0, 0));
	label_jump(g->b, &put_0, I_JMP_IMM(BPF_JEQ, R2, 8, 0));
	label_jump(g->b, &no_0, I_JMP_IMM(BPF_JNE, R2, 16, 0));
	label_place(g->b, &put_0);
	prefix(g, scratch, '0');
	label_place(g->b, &no_0);
	label_jump(g->b, &no_sign, I_JMP_IMM(BPF_JSGE, R1, 0, 0));
	label_jump(g->b, &no_sign, I_JMP_IMM(BPF_JNE, R2, 10, 0));
	prefix(g, scratch, '-');
	label_place(g->b, &no_sign);
	label_fini(&no_x);
	label_fini(&no_0);
	label_fini(&put_0);
	label_fini(&no_sign);
	copy_out(g, t, scratch, R6, LLTOSTR_END);
	return result(g, first, R0);
}

/*
 * A table for strtoll(): 1 + the value of each byte as a digit ('0'-'9',
 * then letters of either case from 10), 0xff for the rest.  No byte is 0,
 * so it lives in the string table and a digit's value is one load.
 */
static int digit_table(Cg *g)
{
	char tab[256];
	for (int c = 0; c < 256; c++)
		tab[c] = (char)(c >= '0' && c <= '9'   ? c - '0' + 1
				: c >= 'a' && c <= 'z' ? c - 'a' + 11
				: c >= 'A' && c <= 'Z' ? c - 'A' + 11
						       : 0xff);
	return symtab_string(g->cc->syms, tab, 256);
}

/* r0 = the value of the byte in r0 as a digit: 0-35, or 254 for none. */
static void digit_value(Cg *g, int tab)
{
	emit_ld_map_value(g->b, R3, MAPREF_STRTAB, tab);
	alur(g, BPF_ADD, R3, R0);
	cg_emit(g, I_LDX(BPF_B, R0, R3, 0));
	alu(g, BPF_SUB, R0, 1);
}

/*
 * strtoll(s[, base]): DTrace's parse: blanks and tabs, a sign, in base 16
 * a "0x" that a hex digit follows, then the digits of the base (letters of
 * either case from 10) as far as they go, in 64 bits that wrap.  A base
 * outside 2-36 is an illegal operation.  The copy is a temporary, given
 * back at the end, not the scratch buffer: an aggregating function's
 * argument (sum(strtoll(s))) is evaluated when its key is already there.
 */
static int subr_strtoll(Cg *g, Node *n)
{
	int s = ss(g), ntmp = g->ntmp, tab = digit_table(g);
	int first = eval_args(g, n);
	int buf = cg_tmp_alloc(g, n);
	int base = n->list.len == 2 ? first + 1 : cg_slot_alloc(g, n);
	int neg = cg_slot_alloc(g, n), stop = cg_slot_alloc(g, n);
	if (n->list.len == 2) {
		cg_load(g, R2, base);
		check_range(g, R2, 2, 36);
	} else {
		movi(g, R2, 10);
		cg_store(g, base, R2);
	}
	copy_arg(g, n, first, 0, buf);
	/* r6 = the first byte that is not a blank (the NUL at the latest) */
	movi(g, R6, s - 1);
	Loop l = loop_begin(g, buf, true);
	cg_emit(g, I_LDX(BPF_B, R0, R1, 0));
	mov(g, R3, R0);
	alu(g, BPF_XOR, R3, ' ');
	flag_zero(g, R3);
	alu(g, BPF_XOR, R0, '\t');
	flag_zero(g, R0);
	alur(g, BPF_OR, R0, R3);
	alu(g, BPF_XOR, R0, 1);
	mov(g, R5, R2);
	pick(g, R6, R5, R0);
	loop_end(g, l);
	/* a sign, then in base 16 "0x" before a hex digit: no branch, so one path reaches the loop */
	clamp(g, R6, s - 1);
	mov(g, R3, R6);
	alur(g, BPF_ADD, R3, R9);
	cg_emit(g, I_LDX(BPF_B, R0, R3, (int16_t)buf));
	mov(g, R7, R0);
	alu(g, BPF_XOR, R7, '-');
	flag_zero(g, R7);
	cg_store(g, neg, R7);
	alu(g, BPF_XOR, R0, '+');
	flag_zero(g, R0);
	alur(g, BPF_OR, R0, R7);
	alur(g, BPF_ADD, R6, R0);
	clamp(g, R6, s - 1);
	mov(g, R7, R6);
	alur(g, BPF_ADD, R7, R9);
	cg_emit(g, I_LDX(BPF_B, R5, R7, (int16_t)buf));
	alu(g, BPF_XOR, R5, '0');
	flag_zero(g, R5);
	cg_emit(g, I_LDX(BPF_B, R0, R7, (int16_t)(buf + 1)));
	alu(g, BPF_OR, R0, 0x20);
	alu(g, BPF_XOR, R0, 'x');
	flag_zero(g, R0);
	alur(g, BPF_AND, R5, R0);
	cg_emit(g, I_LDX(BPF_B, R0, R7, (int16_t)(buf + 2)));
	digit_value(g, tab);
	movi(g, R4, 16);
	flag_less(g, R0, R4);
	alur(g, BPF_AND, R5, R0);
	cg_load(g, R4, base);
	alu(g, BPF_XOR, R4, 16);
	flag_zero(g, R4);
	alur(g, BPF_AND, R5, R4);
	alu(g, BPF_LSH, R5, 1);
	alur(g, BPF_ADD, R6, R5);
	/* r7 = the number, from the digits at and after r6 until the first that is none */
	movi(g, R7, 0);
	cg_store(g, stop, R7);
	l = loop_begin(g, buf, false);
	cg_emit(g, I_LDX(BPF_B, R0, R1, 0));
	digit_value(g, tab);
	cg_load(g, R4, base);
	mov(g, R3, R0);
	flag_less(g, R3, R4); /* a digit of the base */
	mov(g, R4, R2);
	flag_less(g, R4, R6);
	alu(g, BPF_XOR, R4, 1); /* where digits are read */
	alu(g, BPF_XOR, R3, 1);
	alur(g, BPF_AND, R3, R4);
	cg_load(g, R5, stop);
	alur(g, BPF_OR, R5, R3);
	cg_store(g, stop, R5);
	alu(g, BPF_XOR, R5, 1);
	alur(g, BPF_AND, R4, R5); /* this digit counts */
	cg_load(g, R5, base);
	alur(g, BPF_MUL, R5, R7);
	alur(g, BPF_ADD, R5, R0);
	pick(g, R7, R5, R4);
	loop_end(g, l);
	cg_load(g, R0, neg);
	cg_emit(g, I_JMP_IMM(BPF_JEQ, R0, 0, 1));
	cg_emit(g, I_NEG64(R7));
	g->ntmp = ntmp;
	return result(g, first, R7);
}

/* ---- network addresses ---- */

/*
 * The formats are written right to left into the scratch buffer: r7 =
 * where the next character goes (never below NET_END - 40 in fact; ANDed
 * with NET_END for the verifier), r6 = the value being written.
 */

/* r3 = the address `back` bytes left of the write position, less the scratch offset. */
static void net_at(Cg *g, int back)
{
	mov(g, R3, R7);
	alu(g, BPF_SUB, R3, back);
	alu(g, BPF_AND, R3, NET_END);
	alur(g, BPF_ADD, R3, R9);
}

/* Write c; the position moves on by the 0/1 flag in reg, or always when reg < 0. */
static void net_char(Cg *g, int scratch, char c, int reg)
{
	net_at(g, 0);
	cg_emit(g, I_ST(BPF_B, R3, (int16_t)scratch, c));
	if (reg < 0)
		alu(g, BPF_SUB, R7, 1);
	else
		alur(g, BPF_SUB, R7, reg);
}

/* r6 (0-255) in decimal, no leading zeros. */
static void net_dec(Cg *g, int scratch)
{
	net_at(g, 2);
	for (int k = 0, div = 1; k < 3; k++, div *= 10) {
		mov(g, R0, R6);
		alu(g, BPF_DIV, R0, div);
		alu(g, BPF_MOD, R0, 10);
		alu(g, BPF_ADD, R0, '0');
		cg_emit(g, I_STX(BPF_B, R3, R0, (int16_t)(scratch + 2 - k)));
	}
	alu(g, BPF_SUB, R7, 1);
	for (int lim = 9; lim < 100; lim = lim * 10 + 9) {
		movi(g, R0, lim);
		alur(g, BPF_SUB, R0, R6);
		alu(g, BPF_RSH, R0, 63);
		alur(g, BPF_SUB, R7, R0);
	}
}

/* r6 (0-0xffff) in lower-case hex, no leading zeros; the position moves only if r4 (0/1) is 1. */
static void net_hex(Cg *g, int scratch)
{
	net_at(g, 3);
	for (int k = 0; k < 4; k++) {
		mov(g, R0, R6);
		alu(g, BPF_RSH, R0, 4 * k);
		alu(g, BPF_AND, R0, 15);
		digit_char(g, R0, R1);
		cg_emit(g, I_STX(BPF_B, R3, R0, (int16_t)(scratch + 3 - k)));
	}
	movi(g, R0, 1);
	for (int lim = 0xf; lim < 0x10000; lim = lim << 4 | 0xf) {
		movi(g, R1, lim);
		alur(g, BPF_SUB, R1, R6);
		alu(g, BPF_RSH, R1, 63);
		alur(g, BPF_ADD, R0, R1);
	}
	alur(g, BPF_MUL, R0, R4);
	alur(g, BPF_SUB, R7, R0);
}

/* The four bytes at fp + raw + from as a.b.c.d. */
static void net_ipv4(Cg *g, int scratch, int raw, int from)
{
	for (int i = 3; i >= 0; i--) {
		cg_emit(g, I_LDX(BPF_B, R6, R10, (int16_t)(raw + from + i)));
		net_dec(g, scratch);
		if (i > 0)
			net_char(g, scratch, '.', -1);
	}
}

/*
 * DTrace's choice of the zero run "::" replaces, quirks and all: a run
 * starts at a zero byte at the start of a group and ends at the next
 * non-zero byte, and beats the best so far if that distance is longer
 * than the best's length (so a single zero group is compressed, and of
 * equal runs a later one ending inside a group wins).  tz = the run being
 * looked at (-1: none); fz, nz = the best: its first byte and length in
 * bytes (-1 and 1: none), left in their slots.
 */
static void net_zero_run(Cg *g, int raw, int fz, int nz)
{
	movi(g, R3, -1);
	movi(g, R4, -1);
	movi(g, R5, 1);
	for (int i = 0; i < 16; i++) {
		cg_emit(g, I_LDX(BPF_B, R0, R10, (int16_t)(raw + i)));
		flag_zero(g, R0);
		if (i % 2 == 0) { /* a run starts */
			mov(g, R1, R3);
			alu(g, BPF_RSH, R1, 63);
			alur(g, BPF_AND, R1, R0);
		}
		mov(g, R2, R3);
		alu(g, BPF_RSH, R2, 63);
		alu(g, BPF_XOR, R2, 1);
		if (i != 15) { /* a run ends, at a non-zero byte or the last */
			mov(g, R6, R0);
			alu(g, BPF_XOR, R6, 1);
			alur(g, BPF_AND, R2, R6);
		}
		mov(g, R6, R5);
		alu(g, BPF_SUB, R6, i);
		alur(g, BPF_ADD, R6, R3);
		alu(g, BPF_RSH, R6, 63);
		alur(g, BPF_AND, R6, R2); /* a better run: i - tz > nz */
		if (i == 15) { /* its whole groups, and the last too if it ends the address */
			alu(g, BPF_LSH, R0, 1);
			alu(g, BPF_ADD, R0, 14);
		} else {
			movi(g, R0, i - i % 2);
		}
		alur(g, BPF_SUB, R0, R3);
		pick(g, R5, R0, R6);
		mov(g, R0, R3);
		pick(g, R4, R0, R6);
		movi(g, R0, -1);
		pick(g, R3, R0, R2); /* an end closes the run */
		if (i % 2 == 0) { /* a start opens one at i (tz was -1) */
			alu(g, BPF_MUL, R1, i + 1);
			alur(g, BPF_ADD, R3, R1);
		}
	}
	cg_store(g, fz, R4);
	cg_store(g, nz, R5);
}

/* r1 = 1 if the small number in r0 (-128 < r0 < 128) differs from i. */
static void flag_differs(Cg *g, int i)
{
	mov(g, R1, R0);
	alu(g, BPF_XOR, R1, i);
	alu(g, BPF_AND, R1, 0xff);
	flag_zero(g, R1);
	alu(g, BPF_XOR, R1, 1);
}

/*
 * The 16-bit groups of the address from byte `last` down to 0, as DTrace
 * writes them: the best zero run, fz to lr = fz + nz - 2, becomes "::" if
 * lr is among them; each other group is hex, with a ':' after it except
 * after the last group and before "::".
 */
static void net_groups(Cg *g, int scratch, int raw, int fz, int nz, int last)
{
	cg_load(g, R2, fz);
	cg_load(g, R0, nz);
	alur(g, BPF_ADD, R2, R0);
	alu(g, BPF_SUB, R2, 2); /* lr */
	mov(g, R5, R2);
	alu(g, BPF_RSH, R5, 63);
	alu(g, BPF_XOR, R5, 1);
	movi(g, R0, last);
	alur(g, BPF_SUB, R0, R2);
	alu(g, BPF_RSH, R0, 63);
	alu(g, BPF_XOR, R0, 1);
	alur(g, BPF_AND, R5, R0); /* 0 <= lr <= last: the run is compressed */
	for (int i = last; i >= 0; i -= 2) {
		movi(g, R4, i);
		cg_load(g, R0, fz);
		alur(g, BPF_SUB, R4, R0);
		alu(g, BPF_RSH, R4, 63);
		mov(g, R0, R2);
		alu(g, BPF_SUB, R0, i);
		alu(g, BPF_RSH, R0, 63);
		alur(g, BPF_OR, R4, R0);
		alu(g, BPF_XOR, R4, 1);
		alur(g, BPF_AND, R4, R5); /* inside the run */
		mov(g, R0, R2);
		flag_differs(g, i);
		alu(g, BPF_XOR, R1, 1);
		alur(g, BPF_AND, R1, R5); /* the run's last group: "::" */
		net_at(g, 1);
		cg_emit(g, I_ST(BPF_B, R3, (int16_t)scratch, ':'));
		cg_emit(g, I_ST(BPF_B, R3, (int16_t)(scratch + 1), ':'));
		alu(g, BPF_LSH, R1, 1);
		alur(g, BPF_SUB, R7, R1);
		if (i < 14) {
			cg_load(g, R0, fz);
			alu(g, BPF_SUB, R0, 2);
			flag_differs(g, i); /* not just before "::" */
			mov(g, R0, R4);
			alu(g, BPF_XOR, R0, 1);
			alur(g, BPF_AND, R1, R0);
			net_char(g, scratch, ':', R1);
		}
		cg_emit(g, I_LDX(BPF_B, R6, R10, (int16_t)(raw + i)));
		alu(g, BPF_LSH, R6, 8);
		cg_emit(g, I_LDX(BPF_B, R0, R10, (int16_t)(raw + i + 1)));
		alur(g, BPF_OR, R6, R0);
		alu(g, BPF_XOR, R4, 1);
		net_hex(g, scratch);
	}
}

/*
 * An IPv6 address: embedded IPv4 addresses (::ffff:a.b.c.d, and ::a.b.c.d
 * but for :: and ::1) end in a.b.c.d, and inet_ntoa6() keeps only that.
 */
static void net_ipv6(Cg *g, Node *n, int scratch, int raw, bool only_v4)
{
	int fz = cg_slot_alloc(g, n), nz = cg_slot_alloc(g, n);
	Label v4, plain, out;
	label_init(&v4);
	label_init(&plain);
	label_init(&out);
	net_zero_run(g, raw, fz, nz);
	cg_emit(g, I_LDX(BPF_DW, R0, R10, (int16_t)raw));
	label_jump(g->b, &plain, I_JMP_IMM(BPF_JNE, R0, 0, 0));
	cg_emit(g, I_LDX(BPF_H, R0, R10, (int16_t)(raw + 8)));
	label_jump(g->b, &plain, I_JMP_IMM(BPF_JNE, R0, 0, 0));
	cg_emit(g, I_LDX(BPF_H, R0, R10, (int16_t)(raw + 10)));
	label_jump(g->b, &v4, I_JMP_IMM(BPF_JEQ, R0, 0xffff, 0));
	label_jump(g->b, &plain, I_JMP_IMM(BPF_JNE, R0, 0, 0));
	cg_emit(g, I_LDX(BPF_B, R0, R10, (int16_t)(raw + 12)));
	cg_emit(g, I_LDX(BPF_B, R1, R10, (int16_t)(raw + 13)));
	alur(g, BPF_OR, R0, R1);
	cg_emit(g, I_LDX(BPF_B, R1, R10, (int16_t)(raw + 14)));
	alur(g, BPF_OR, R0, R1);
	label_jump(g->b, &v4, I_JMP_IMM(BPF_JNE, R0, 0, 0));
	cg_emit(g, I_LDX(BPF_B, R0, R10, (int16_t)(raw + 15)));
	label_jump(g->b, &plain, I_JMP_IMM(BPF_JLE, R0, 1, 0));
	label_place(g->b, &v4);
	net_ipv4(g, scratch, raw, 12);
	if (!only_v4)
		net_groups(g, scratch, raw, fz, nz, 10);
	label_jump(g->b, &out, I_JA(0));
	label_place(g->b, &plain);
	net_groups(g, scratch, raw, fz, nz, 14);
	label_place(g->b, &out);
	label_fini(&v4);
	label_fini(&plain);
	label_fini(&out);
}

/*
 * inet_ntoa(&ipaddr), inet_ntop(af, &addr), inet_ntoa6(&in6addr): the
 * address is read from kernel memory (user memory through a userland
 * pointer).  AF_INET (2) is a.b.c.d, AF_INET6 (10) RFC 1884's form with
 * DTrace's zero compression; inet_ntop() with any other family is an
 * illegal operation.  af < 0: the family is the first argument.
 */
static int inet(Cg *g, Node *n, int af, bool only_v4)
{
	int scratch = cg_scratch_off(g);
	int first = eval_args(g, n);
	int addr = first + n->list.len - 1;
	bool user = cg_is_user_ptr(arg(n, n->list.len - 1)->ty);
	int t = cg_tmp_alloc(g, n);
	int raw = cg_slot_off(cg_slot_alloc(g, n) + 1); /* two slots: 16 bytes */
	cg_slot_alloc(g, n);
	Label v6, out;
	label_init(&v6);
	label_init(&out);
	cg_emit(g, I_ST(BPF_B, R9, (int16_t)(scratch + NET_END), 0));
	if (af < 0) {
		cg_load(g, R0, first);
		label_jump(g->b, &v6, I_JMP_IMM(BPF_JEQ, R0, 10, 0));
		cg_emit(g, I_JMP_IMM(BPF_JEQ, R0, 2, 3));
		cg_fault_illop(g);
	}
	if (af != 10) {
		cg_load(g, R6, addr);
		read_mem(g, R6, 0, raw, 4, user);
		movi(g, R7, NET_END - 1);
		net_ipv4(g, scratch, raw, 0);
		label_jump(g->b, &out, I_JA(0));
	}
	label_place(g->b, &v6);
	if (af != 2) {
		cg_load(g, R6, addr);
		read_mem(g, R6, 0, raw, 16, user);
		movi(g, R7, NET_END - 1);
		net_ipv6(g, n, scratch, raw, only_v4);
	}
	label_place(g->b, &out);
	label_fini(&v6);
	label_fini(&out);
	alu(g, BPF_ADD, R7, 1);
	copy_out(g, t, scratch, R7, NET_END);
	return result(g, first, R0);
}

static int subr_inet_ntoa(Cg *g, Node *n)
{
	return inet(g, n, 2, false);
}

static int subr_inet_ntop(Cg *g, Node *n)
{
	return inet(g, n, -1, false);
}

static int subr_inet_ntoa6(Cg *g, Node *n)
{
	return inet(g, n, 10, true);
}

/* ---- the first ones: copyinstr, strjoin, strlen ---- */
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
	{"basename", &ty_string, 1, 1, {SA_STRING}, subr_basename},
	{"cleanpath", &ty_string, 1, 1, {SA_STRING}, subr_cleanpath},
	{"copyinstr", &ty_string, 1, 1, {SA_SCALAR}, copyinstr},
	{"dirname", &ty_string, 1, 1, {SA_STRING}, subr_dirname},
	{"func", &ty_uint64, 1, 1, {SA_SCALAR}, subr_symaddr},
	{"getmajor", &ty_uint32, 1, 1, {SA_INT}, subr_getmajor},
	{"getminor", &ty_uint32, 1, 1, {SA_INT}, subr_getminor},
	{"htonl", &ty_uint32, 1, 1, {SA_INT}, subr_swap32},
	{"htonll", &ty_uint64, 1, 1, {SA_INT}, subr_swap64},
	{"htons", &ty_uint16, 1, 1, {SA_INT}, subr_swap16},
	{"index", &ty_int, 2, 3, {SA_STRING, SA_STRING, SA_INT}, subr_index},
	{"inet_ntoa", &ty_string, 1, 1, {SA_SCALAR}, subr_inet_ntoa},
	{"inet_ntoa6", &ty_string, 1, 1, {SA_SCALAR}, subr_inet_ntoa6},
	{"inet_ntop", &ty_string, 2, 2, {SA_INT, SA_SCALAR}, subr_inet_ntop},
	{"lltostr", &ty_string, 1, 2, {SA_INT, SA_INT}, subr_lltostr},
	{"mod", &ty_uint64, 1, 1, {SA_SCALAR}, subr_symaddr},
	{"ntohl", &ty_uint32, 1, 1, {SA_INT}, subr_swap32},
	{"ntohll", &ty_uint64, 1, 1, {SA_INT}, subr_swap64},
	{"ntohs", &ty_uint16, 1, 1, {SA_INT}, subr_swap16},
	{"progenyof", &ty_int, 1, 1, {SA_INT}, subr_progenyof},
	{"rand", &ty_int, 0, 0, {SA_INT}, subr_rand},
	{"rindex", &ty_int, 2, 3, {SA_STRING, SA_STRING, SA_INT}, subr_rindex},
	{"speculation", &ty_int, 0, 0, {0}, spec_speculation},
	{"strchr", &ty_string, 2, 2, {SA_STRING, SA_INT}, subr_strchr},
	{"strjoin", &ty_string, 2, 2, {SA_STRING, SA_STRING}, subr_strjoin},
	{"strlen", &ty_ulong, 1, 1, {SA_STRING}, subr_strlen},
	{"strrchr", &ty_string, 2, 2, {SA_STRING, SA_INT}, subr_strrchr},
	{"strstr", &ty_string, 2, 2, {SA_STRING, SA_STRING}, subr_strstr},
	{"strtok", &ty_string, 2, 2, {SA_STRING, SA_STRING}, subr_strtok},
	{"strtoll", &ty_int64, 1, 2, {SA_STRING, SA_INT}, subr_strtoll},
	{"substr", &ty_string, 2, 3, {SA_STRING, SA_INT, SA_INT}, subr_substr},
	{"sym", &ty_uint64, 1, 1, {SA_SCALAR}, subr_symaddr},
	{"tolower", &ty_string, 1, 1, {SA_STRING}, subr_tolower},
	{"toupper", &ty_string, 1, 1, {SA_STRING}, subr_toupper},
};

AddrSym subr_addrsym(const Node *n)
{
	const SubrDesc *d = n->kind == ND_CALL ? n->sym : NULL;
	if (!d || d->gen != subr_symaddr)
		return ADDR_PLAIN;
	return strcmp(d->name, "mod") == 0 ? ADDR_MOD : ADDR_SYM;
}

const SubrDesc *subr_lookup(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(subrs); i++)
		if (strcmp(subrs[i].name, name) == 0)
			return &subrs[i];
	return NULL;
}
