/*
 * exprgen - random well-typed D integer expressions, and their values, for
 * differential testing of the compiler (tests/diff.sh).
 *
 *   exprgen [-c] [-C] SEED COUNT DEPTH EXPECTED
 *
 * Writes to stdout one BEGIN clause that assigns typed globals v0..v7, then
 * prints COUNT expressions of depth at most DEPTH, one per line, and exits;
 * writes to EXPECTED the lines a correct dtrace -q prints.  -c adds casts
 * (leaves of every integer type); -C writes the same expressions as a C
 * program instead, so that gcc -fwrapv can check this reference evaluator.
 *
 * The semantics evaluated here are the project's decision: each value is a
 * 64-bit word holding its C type's value, sign- or zero-extended from the
 * type's width; C's promotions and usual arithmetic conversions on LP64 (char
 * is signed); operands are converted to the common type, and the result wraps
 * at its type's width; a shift's type is its promoted left operand's and its
 * count is taken modulo 64; INT64_MIN / -1 == INT64_MIN and INT64_MIN % -1 ==
 * 0, as in BPF; comparisons and logical operators give an int 0 or 1; casts
 * truncate, then extend as their type says; literals are typed as in C.
 * Divisors are written (E | 1), so they are never zero, and nothing has side
 * effects, so && || ?: need not short-circuit here.
 *
 * It must stay free of undefined behaviour itself: all arithmetic is done on
 * uint64_t, and signed results come from the normalisation.
 */
#define _GNU_SOURCE /* vasprintf */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct Type {
	const char *name;
	int bits;
	bool is_signed;
} Type;

/* The first four are the types literals and arithmetic results can have. */
static const Type types[] = {
	{"int", 32, true},	       {"unsigned int", 32, false},
	{"long", 64, true},	       {"unsigned long", 64, false},
	{"char", 8, true},	       {"signed char", 8, true},
	{"unsigned char", 8, false},   {"short", 16, true},
	{"unsigned short", 16, false}, {"long long", 64, true},
	{"unsigned long long", 64, false}, {"int8_t", 8, true},
	{"uint8_t", 8, false},	       {"int16_t", 16, true},
	{"uint16_t", 16, false},       {"int32_t", 32, true},
	{"uint32_t", 32, false},       {"int64_t", 64, true},
	{"uint64_t", 64, false},
};
#define NTYPES (sizeof(types) / sizeof(types[0]))
static const Type *const ty_int = &types[0], *const ty_uint = &types[1],
		  *const ty_long = &types[2], *const ty_ulong = &types[3];

/* D's precedence levels (C's, with ^^ between || and &&), loosest first. */
enum {
	P_COMMA = 1, P_COND, P_LOR, P_LXOR, P_LAND, P_BOR, P_XOR, P_BAND, P_EQ, P_REL, P_SHIFT,
	P_ADD, P_MUL, P_UNARY, P_PRIMARY
};

/* An expression: its source text (D and C spell it alike), value and type. */
typedef struct Expr {
	char *s;
	uint64_t v;
	const Type *t;
	int prec; /* of its outermost operator: P_PRIMARY when parenthesized */
} Expr;

enum { NGLOBALS = 8 };

static bool opt_casts, opt_c;
/*
 * Half of the expressions use only globals and constants of 32 bits or less
 * (v0..v3 are those), so that mixed int / unsigned int arithmetic is common
 * rather than swamped by 64-bit operands.
 */
static bool narrow;
/*
 * Half of the D expressions are written with only the parentheses they need,
 * to test the parser's precedence too; the others have all of them.
 */
static bool minimal;
static Expr globals[NGLOBALS];
static uint64_t rng_state;

/* ---- randomness: xorshift64*, the same sequence on every host ---- */

static uint64_t rnd64(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dull;
}

static unsigned rnd(unsigned n)
{
	return (unsigned)(rnd64() % n);
}

static char *fmt(const char *f, ...)
{
	va_list ap;
	char *s;
	va_start(ap, f);
	if (vasprintf(&s, f, ap) < 0)
		abort();
	va_end(ap);
	return s;
}

/* e's text as an operand of an operator of precedence need; takes e's text. */
static char *operand(Expr e, int need)
{
	if (e.prec >= need)
		return e.s;
	char *s = fmt("(%s)", e.s);
	free(e.s);
	return s;
}

/* A new node of text s (takes it), parenthesized unless the expression is minimal. */
static Expr node(char *s, uint64_t v, const Type *t, int prec)
{
	if (minimal)
		return (Expr){s, v, t, prec};
	Expr e = {fmt("(%s)", s), v, t, P_PRIMARY};
	free(s);
	return e;
}

/* ---- the reference semantics ---- */

/* The value v converted to t: truncated to t's width, then sign- or zero-extended. */
static uint64_t norm(uint64_t v, const Type *t)
{
	if (t->bits == 64)
		return v;
	int sh = 64 - t->bits;
	v <<= sh;
	return t->is_signed ? (uint64_t)((int64_t)v >> sh) : v >> sh;
}

/* Integer promotion: anything narrower than int becomes int. */
static const Type *promote(const Type *t)
{
	return t->bits < 32 ? ty_int : t;
}

/* The usual arithmetic conversions; long and long long behave alike on LP64. */
static const Type *common(const Type *a, const Type *b)
{
	a = promote(a);
	b = promote(b);
	int bits = a->bits > b->bits ? a->bits : b->bits;
	bool is_signed = a->bits == b->bits ? a->is_signed && b->is_signed
					    : (a->bits > b->bits ? a : b)->is_signed;
	return bits == 32 ? (is_signed ? ty_int : ty_uint) : (is_signed ? ty_long : ty_ulong);
}

enum Op {
	OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_MOD, OP_SHL, OP_SHR, OP_AND, OP_OR, OP_XOR,
	OP_LT, OP_LE, OP_GT, OP_GE, OP_EQ, OP_NE, OP_LAND, OP_LOR, OP_LXOR, OP_COMMA,
	NBINOPS
};
static const char *const opname[NBINOPS] = {
	"+", "-", "*", "/", "%", "<<", ">>", "&", "|", "^",
	"<", "<=", ">", ">=", "==", "!=", "&&", "||", "^^", ",",
};
static const int opprec[NBINOPS] = {
	P_ADD, P_ADD, P_MUL, P_MUL, P_MUL, P_SHIFT, P_SHIFT, P_BAND, P_BOR, P_XOR,
	P_REL, P_REL, P_REL, P_REL, P_EQ, P_EQ, P_LAND, P_LOR, P_LXOR, P_COMMA,
};

static uint64_t divide(enum Op op, uint64_t a, uint64_t b, const Type *t)
{
	if (!t->is_signed)
		return op == OP_DIV ? a / b : a % b;
	int64_t x = (int64_t)a, y = (int64_t)b;
	if (y == -1) /* BPF's answer for INT64_MIN / -1; the same as -x elsewhere */
		return op == OP_DIV ? 0 - a : 0;
	return (uint64_t)(op == OP_DIV ? x / y : x % y);
}

static bool less(uint64_t a, uint64_t b, const Type *t)
{
	return t->is_signed ? (int64_t)a < (int64_t)b : a < b;
}

/* The value and type of (a op b). */
static uint64_t eval_binary(enum Op op, Expr *a, Expr *b, const Type **rt)
{
	const Type *t = common(a->t, b->t);
	uint64_t x = norm(a->v, t), y = norm(b->v, t), r;
	*rt = t;
	switch (op) {
	case OP_ADD: r = x + y; break;
	case OP_SUB: r = x - y; break;
	case OP_MUL: r = x * y; break;
	case OP_DIV:
	case OP_MOD: r = divide(op, x, y, t); break;
	case OP_AND: r = x & y; break;
	case OP_OR: r = x | y; break;
	case OP_XOR: r = x ^ y; break;
	case OP_SHL:
	case OP_SHR:
		/* the count keeps its own type: only its low 6 bits matter */
		t = *rt = promote(a->t);
		x = norm(a->v, t);
		y = b->v & 63;
		if (op == OP_SHL)
			r = x << y;
		else
			r = t->is_signed ? (uint64_t)((int64_t)x >> y) : x >> y;
		break;
	default:
		*rt = ty_int;
		switch (op) {
		case OP_LT: return less(x, y, t);
		case OP_LE: return !less(y, x, t);
		case OP_GT: return less(y, x, t);
		case OP_GE: return !less(x, y, t);
		case OP_EQ: return x == y;
		case OP_NE: return x != y;
		case OP_LAND: return a->v && b->v;
		case OP_LOR: return a->v || b->v;
		case OP_LXOR: return !a->v != !b->v;
		default: /* OP_COMMA */
			*rt = b->t;
			return b->v;
		}
	}
	return norm(r, *rt);
}

/* ---- the generator ---- */

static Expr gen(int depth);

/*
 * Values near the edges of every width, where conversions and wrap-around
 * show, and some arbitrary ones.
 */
static uint64_t interesting(void)
{
	static const uint64_t edges[] = {
		0, 1, 2, 0x7f, 0x80, 0xff, 0x100, 0x7fff, 0x8000, 0xffff, 0x10000,
		0x7fffffff, 0x80000000, 0xffffffff, 0x100000000, 0x7fffffffffffffff,
		0x8000000000000000, 0xffffffffffffffff,
	};
	switch (rnd(4)) {
	case 0: return rnd(16);
	case 1: return edges[rnd(sizeof(edges) / sizeof(edges[0]))] + rnd(3) - 1;
	case 2: return rnd64() >> rnd(64);
	default: return edges[rnd(sizeof(edges) / sizeof(edges[0]))];
	}
}

/*
 * An integer literal, typed by C's rules: decimal ones are int, long (or
 * unsigned long with a u); hex ones may also be unsigned int and unsigned long.
 */
static Expr constant(void)
{
	static const char *const suffixes[] = {
		"", "", "", "u", "U", "l", "L", "ul", "UL", "lu", "ll", "LL", "ull", "ULL", "llu",
	};
	uint64_t v = interesting();
	bool hex = rnd(2);
	const char *sfx = suffixes[rnd(narrow ? 5 : sizeof(suffixes) / sizeof(suffixes[0]))];
	bool u = strpbrk(sfx, "uU"), l = strpbrk(sfx, "lL");
	if (narrow) {
		v &= UINT32_MAX;
		hex = hex || (!u && v > INT32_MAX); /* such a decimal is a long */
	}
	/* a decimal literal above INT64_MAX has no signed type: C and D refuse it */
	if (!hex && !u && v > INT64_MAX) {
		sfx = "ul";
		u = l = true;
	}
	const Type *t;
	if (!u && !l && v <= INT32_MAX)
		t = ty_int;
	else if (!l && (u || hex) && v <= UINT32_MAX)
		t = ty_uint;
	else if (!u && v <= INT64_MAX)
		t = ty_long;
	else
		t = ty_ulong;
	char *s = hex ? fmt("0x%llx%s", (unsigned long long)v, sfx)
		      : fmt("%llu%s", (unsigned long long)v, sfx);
	return (Expr){s, v, t, P_PRIMARY};
}

static Expr unary(char op, Expr a)
{
	const Type *t = promote(a.t);
	uint64_t x = norm(a.v, t), v;
	switch (op) {
	case '-': v = norm(0 - x, t); break;
	case '~': v = norm(~x, t); break;
	case '!': v = !x; t = ty_int; break;
	default: v = x; break; /* '+' */
	}
	char *s = operand(a, P_UNARY);
	/* - -x, not the decrement --x */
	const char *sp = (op == '-' || op == '+') && s[0] == op ? " " : "";
	Expr r = node(fmt("%c%s%s", op, sp, s), v, t, P_UNARY);
	free(s);
	return r;
}

static Expr cast(const Type *t, Expr a)
{
	uint64_t v = norm(a.v, t);
	char *s = operand(a, P_UNARY);
	Expr r = node(fmt("(%s)%s", t->name, s), v, t, P_UNARY);
	free(s);
	return r;
}

/* The casts that keep a narrow expression narrow: every type up to 32 bits. */
static const Type *cast_type(void)
{
	const Type *t;
	do
		t = &types[rnd(NTYPES)];
	while (narrow && t->bits > 32);
	return t;
}

/* -C writes (a / b) through macros that give INT_MIN / -1 and big shifts our meaning. */
static const char *const cmacro[NBINOPS] = {
	[OP_DIV] = "DIV", [OP_MOD] = "MOD", [OP_SHL] = "SHL", [OP_SHR] = "SHR",
};

/* Operators are left-associative: a right operand of the same precedence needs parentheses. */
static Expr binary(enum Op op, Expr a, Expr b)
{
	const Type *t;
	uint64_t v = eval_binary(op, &a, &b, &t);
	char *x = operand(a, opprec[op]), *y = operand(b, opprec[op] + 1), *s;
	if (opt_c && cmacro[op])
		s = fmt("%s(%s, %s)", cmacro[op], x, y);
	else if (opt_c && op == OP_LXOR)
		s = fmt("!%s != !%s", x, y);
	else
		s = fmt("%s %s %s", x, opname[op], y);
	free(x);
	free(y);
	return node(s, v, t, opprec[op]);
}

/* c ? a : b; both arms are generated (and evaluated): neither has side effects. */
static Expr ternary(Expr c, Expr a, Expr b)
{
	const Type *t = common(a.t, b.t);
	uint64_t v = norm(c.v ? a.v : b.v, t);
	char *x = operand(c, P_LOR), *y = operand(a, P_COND), *z = operand(b, P_COND);
	Expr r = node(fmt("%s ? %s : %s", x, y, z), v, t, P_COND);
	free(x);
	free(y);
	free(z);
	return r;
}

static Expr leaf(void)
{
	if (rnd(2)) {
		Expr g = globals[rnd(narrow ? NGLOBALS / 2 : NGLOBALS)];
		return (Expr){fmt("%s", g.s), g.v, g.t, P_PRIMARY};
	}
	Expr c = constant();
	return rnd(4) ? c : unary('-', c);
}

static Expr gen_binary(int depth)
{
	enum Op op = (enum Op)rnd(NBINOPS);
	/* the comma operator is dull: make it rarer */
	if (op == OP_COMMA && rnd(4))
		op = OP_ADD;
	Expr a = gen(depth - 1);
	Expr b;
	if ((op == OP_SHL || op == OP_SHR) && rnd(2)) {
		unsigned k = rnd(70); /* counts around the widths, where wrapping shows */
		b = (Expr){fmt("%u", k), k, ty_int, P_PRIMARY};
	} else {
		b = gen(depth - 1);
	}
	if (op == OP_DIV || op == OP_MOD)
		b = binary(OP_OR, b, (Expr){fmt("1"), 1, ty_int, P_PRIMARY});
	return binary(op, a, b);
}

/*
 * An expression of depth at most depth.  A leaf one time in four keeps the
 * mean size near 90 nodes at depth 8, where a full tree would have 2^8 leaves.
 */
static Expr gen(int depth)
{
	if (depth == 0 || rnd(4) == 0)
		return leaf();
	unsigned k = rnd(20); /* binary operators 13 times in 20, unary 3, casts 2, ?: the rest */
	if (k < 13)
		return gen_binary(depth);
	if (k < 16)
		return unary("-~!+"[rnd(4)], gen(depth - 1));
	if (k < 18 && opt_casts)
		return cast(cast_type(), gen(depth - 1));
	Expr c = gen(depth - 1);
	Expr a = gen(depth - 1);
	return ternary(c, a, gen(depth - 1));
}

/* ---- output ---- */

static const char c_prologue[] =
	"#include <stdint.h>\n"
	"#include <stdio.h>\n"
	"#define SIGNED(x) ((__typeof__(+(x)))-1 < 0)\n"
	"#define SHL(a, b) ((__typeof__(+(a)))((uint64_t)(a) << ((b) & 63)))\n"
	"#define SHR(a, b) ((__typeof__(+(a)))(SIGNED(a) ? (uint64_t)((int64_t)(a) >> ((b) & 63)) \\\n"
	"\t: (uint64_t)(a) >> ((b) & 63)))\n"
	"#define DIV(a, b) ({ __typeof__((a) + (b)) a_ = (a), b_ = (b); \\\n"
	"\tSIGNED(a_) && b_ == -1 ? -a_ : a_ / b_; })\n"
	"#define MOD(a, b) ({ __typeof__((a) + (b)) a_ = (a), b_ = (b); \\\n"
	"\tSIGNED(a_) && b_ == -1 ? 0 : a_ % b_; })\n"
	"/* print as dtrace would, or say so when gcc's type is not the reference's */\n"
	"#define P(x, bytes, sgn) (sizeof(x) != (bytes) || ((__typeof__(x))-1 < 0) != (sgn) ? \\\n"
	"\tputs(\"type mismatch: \" #x) : sgn ? printf(\"%lld\\n\", (long long)(x)) \\\n"
	"\t: printf(\"%llu\\n\", (unsigned long long)(x)))\n"
	"int main(void)\n{\n";

static void emit_global(int i)
{
	narrow = i < NGLOBALS / 2;
	minimal = !opt_c;
	Expr g = rnd(4) ? constant() : unary('-', constant());
	if (opt_casts && rnd(4))
		g = cast(cast_type(), g);
	if (opt_c)
		printf("\tvolatile __typeof__(%s) v%d = %s;\n", g.s, i, g.s);
	else
		printf("\tv%d = %s;\n", i, g.s);
	free(g.s);
	globals[i] = (Expr){fmt("v%d", i), g.v, g.t, P_PRIMARY};
}

int main(int argc, char **argv)
{
	int c;
	while ((c = getopt(argc, argv, "cC")) != -1) {
		if (c == 'c')
			opt_casts = true;
		else if (c == 'C')
			opt_c = true;
		else
			return 2;
	}
	if (argc - optind != 4) {
		fprintf(stderr, "usage: exprgen [-c] [-C] SEED COUNT DEPTH EXPECTED\n");
		return 2;
	}
	uint64_t seed = strtoull(argv[optind], NULL, 0);
	int count = atoi(argv[optind + 1]), depth = atoi(argv[optind + 2]);
	FILE *want = fopen(argv[optind + 3], "w");
	if (!want) {
		perror(argv[optind + 3]);
		return 1;
	}
	/* splitmix64 of the seed: nearby seeds give unrelated sequences, and never 0 */
	rng_state = seed + 0x9e3779b97f4a7c15ull;
	rng_state = (rng_state ^ (rng_state >> 30)) * 0xbf58476d1ce4e5b9ull;
	rng_state = (rng_state ^ (rng_state >> 27)) * 0x94d049bb133111ebull;
	rng_state ^= (rng_state >> 31) | 1;

	fputs(opt_c ? c_prologue : "BEGIN\n{\n", stdout);
	for (int i = 0; i < NGLOBALS; i++)
		emit_global(i);
	for (int i = 0; i < count; i++) {
		narrow = rnd(2);
		minimal = rnd(2) && !opt_c; /* -C draws the same numbers as without it */
		Expr e = gen(depth);
		bool is_signed = e.t->is_signed;
		uint64_t v = e.v;
		int bytes = e.t->bits / 8;
		char *s = operand(e, P_COND); /* an argument cannot be a bare comma expression */
		if (opt_c)
			printf("\tP(%s, %d, %d);\n", s, bytes, is_signed);
		else
			printf("\tprintf(\"%%%c\\n\", %s);\n", is_signed ? 'd' : 'u', s);
		if (is_signed)
			fprintf(want, "%lld\n", (long long)v);
		else
			fprintf(want, "%llu\n", (unsigned long long)v);
		free(s);
	}
	fputs(opt_c ? "\treturn 0;\n}\n" : "\texit(0);\n}\n", stdout);
	return fclose(want) == 0 ? 0 : 1;
}
