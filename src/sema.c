/*
 * sema.c - semantic analysis: takes one parsed clause, resolves identifiers
 * (built-in variables, globals, macro variables), gives every expression a
 * type, folds constants, and checks actions and their arguments.
 *
 * It is the only pass that reports user type errors: after sema_clause()
 * succeeds, cg may assume the tree is well typed.  Constructs the code
 * generator cannot handle yet are refused here with D_UNSUPPORTED at their
 * location, so no later pass meets them.
 */
#include "sema.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dt.h"

#define ARG_NAME_MAX 10

static const Builtin builtins[] = {
	{"pid", BI_PID, &ty_int32},	      {"tid", BI_TID, &ty_int32},
	{"uid", BI_UID, &ty_uint32},	      {"gid", BI_GID, &ty_uint32},
	{"timestamp", BI_TIMESTAMP, &ty_uint64}, {"cpu", BI_CPU, &ty_int32},
	{"execname", BI_EXECNAME, &ty_string}, {"id", BI_ID, &ty_uint32},
	{"probeprov", BI_PROBEPROV, &ty_string}, {"probemod", BI_PROBEMOD, &ty_string},
	{"probefunc", BI_PROBEFUNC, &ty_string}, {"probename", BI_PROBENAME, &ty_string},
	{"errno", BI_ERRNO, &ty_int},	      {"arg0", BI_ARG0, &ty_int64},	      {"arg1", BI_ARG0 + 1, &ty_int64},
	{"arg2", BI_ARG0 + 2, &ty_int64},      {"arg3", BI_ARG0 + 3, &ty_int64},
	{"arg4", BI_ARG0 + 4, &ty_int64},      {"arg5", BI_ARG0 + 5, &ty_int64},
	{"arg6", BI_ARG0 + 6, &ty_int64},      {"arg7", BI_ARG0 + 7, &ty_int64},
	{"arg8", BI_ARG0 + 8, &ty_int64},      {"arg9", BI_ARG0 + 9, &ty_int64},
};

typedef struct Sema {
	CompileCtx *cc;
	int nerr;
} Sema;

static int expr(Sema *s, Node *n);
static int action_args(Sema *s, Node *n, int min, int max);

static int unsupported(Sema *s, Node *n, const char *what)
{
	diag_error(s->cc->diag, n->pos, "D_UNSUPPORTED", "not supported yet: %s", what);
	s->nerr++;
	return -1;
}

static int error(Sema *s, Node *n, const char *tag, const char *msg, const char *arg)
{
	diag_error(s->cc->diag, n->pos, tag, msg, arg);
	s->nerr++;
	return -1;
}

static const Builtin *find_builtin(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(builtins); i++)
		if (strcmp(builtins[i].name, name) == 0)
			return &builtins[i];
	return NULL;
}

Var *sema_global(Symtab *st, const char *name)
{
	for (int i = 0; i < st->globals.len; i++) {
		Var *v = st->globals.data[i];
		if (strcmp(v->name, name) == 0)
			return v;
	}
	return NULL;
}

/* Declare a global implicitly, as D does on first assignment. */
static Var *declare_global(Symtab *st, const char *name, Type *t)
{
	Var *v = xcalloc(1, sizeof(*v));
	v->name = xstrdup(name);
	v->type = t;
	st->gvars_size = (st->gvars_size + 7) & ~7;
	if (st->gvars_size < GV_USER)
		st->gvars_size = GV_USER;
	v->off = st->gvars_size;
	st->gvars_size += t->size;
	vec_push(&st->globals, v);
	return v;
}

static void set_const(Node *n, Type *t, int64_t v)
{
	n->ty = t;
	n->is_const = true;
	n->cval = v;
}

/* Type of an integer literal: the first of int, long... that holds it (C's rule). */
static Type *int_literal_type(Node *n)
{
	bool u = n->isuffix & IS_U, l = n->isuffix & (IS_L | IS_LL);
	if (!l && !u && n->ival <= INT32_MAX)
		return &ty_int;
	if (!l && n->ival <= UINT32_MAX && (u || n->ival > INT32_MAX))
		return u ? &ty_uint : (n->ival <= INT32_MAX ? &ty_int : &ty_uint);
	if (!u && n->ival <= INT64_MAX)
		return &ty_long;
	return &ty_ulong;
}

static int ident(Sema *s, Node *n)
{
	Sym *sym = arena_alloc(s->cc->arena, sizeof(*sym));
	const Builtin *b = find_builtin(n->name);
	if (b) {
		sym->kind = SYM_BUILTIN;
		sym->bi = b;
		n->sym = sym;
		n->ty = b->type;
		return 0;
	}
	Var *v = sema_global(s->cc->syms, n->name);
	if (!v)
		return error(s, n, "D_IDENT_UNDEF", "failed to resolve %s: Unknown variable name",
			     n->name);
	sym->kind = SYM_GLOBAL;
	sym->var = v;
	n->sym = sym;
	n->ty = v->type;
	return 0;
}

/* $1, $target, $pid ...: macro variables become constants (strings for $$n). */
static int macro(Sema *s, Node *n)
{
	CompileCtx *cc = s->cc;
	if (strcmp(n->name, "pid") == 0) {
		set_const(n, &ty_int32, getpid());
		return 0;
	}
	if (strcmp(n->name, "ppid") == 0) {
		set_const(n, &ty_int32, getppid());
		return 0;
	}
	if (strcmp(n->name, "uid") == 0) {
		set_const(n, &ty_uint32, getuid());
		return 0;
	}
	if (strcmp(n->name, "gid") == 0) {
		set_const(n, &ty_uint32, getgid());
		return 0;
	}
	char *end;
	long k = strtol(n->name, &end, 10);
	if (*end != '\0' || end == n->name)
		return unsupported(s, n, "this macro variable");
	if (k >= cc->argc)
		return error(s, n, "D_MACRO_UNDEF", "macro argument $%s is not defined", n->name);
	const char *val = cc->argv[k];
	if (n->is_str) {
		n->kind = ND_STRING;
		n->str = arena_strdup(cc->arena, val);
		n->slen = (int)strlen(val);
		n->ty = &ty_string;
		return 0;
	}
	long long v = strtoll(val, &end, 0);
	if (*end != '\0' || end == val)
		return error(s, n, "D_MACRO_UNUSED",
			     "macro argument $%s is not an integer (use $$ for strings)", n->name);
	set_const(n, &ty_long, v);
	return 0;
}

static bool is_lvalue(Node *n)
{
	return n->kind == ND_IDENT;
}

/* Fold a constant binary operation; division by zero is a compile error as in D. */
static int fold_binary(Sema *s, Node *n)
{
	int64_t a = n->lhs->cval, b = n->rhs->cval, r;
	bool u = n->ty->is_unsigned;
	switch (n->op) {
	case OP_ADD: r = (int64_t)((uint64_t)a + (uint64_t)b); break;
	case OP_SUB: r = (int64_t)((uint64_t)a - (uint64_t)b); break;
	case OP_MUL: r = (int64_t)((uint64_t)a * (uint64_t)b); break;
	case OP_DIV:
	case OP_MOD:
		if (b == 0)
			return error(s, n, "D_DIV_ZERO", "expression contains division by zero%s", "");
		if (u)
			r = (int64_t)(n->op == OP_DIV ? (uint64_t)a / (uint64_t)b : (uint64_t)a % (uint64_t)b);
		else if (b == -1)
			r = n->op == OP_DIV ? (int64_t)(0 - (uint64_t)a) : 0;
		else
			r = n->op == OP_DIV ? a / b : a % b;
		break;
	case OP_SHL: r = (int64_t)((uint64_t)a << (b & 63)); break;
	case OP_SHR: r = u ? (int64_t)((uint64_t)a >> (b & 63)) : a >> (b & 63); break;
	case OP_BAND: r = a & b; break;
	case OP_BOR: r = a | b; break;
	case OP_XOR: r = a ^ b; break;
	case OP_LT: r = u ? (uint64_t)a < (uint64_t)b : a < b; break;
	case OP_LE: r = u ? (uint64_t)a <= (uint64_t)b : a <= b; break;
	case OP_GT: r = u ? (uint64_t)a > (uint64_t)b : a > b; break;
	case OP_GE: r = u ? (uint64_t)a >= (uint64_t)b : a >= b; break;
	case OP_EQ: r = a == b; break;
	case OP_NE: r = a != b; break;
	case OP_LAND: r = a && b; break;
	case OP_LOR: r = a || b; break;
	case OP_LXOR: r = !a != !b; break;
	case OP_COMMA: r = b; break;
	default: return 0;
	}
	n->is_const = true;
	n->cval = r;
	return 0;
}

static bool is_relational(Op op)
{
	return op >= OP_LT && op <= OP_LXOR;
}

static int binary(Sema *s, Node *n)
{
	if (expr(s, n->lhs) || expr(s, n->rhs))
		return -1;
	if (n->op == OP_COMMA) {
		n->ty = n->rhs->ty;
	} else if (!type_is_int(n->lhs->ty) || !type_is_int(n->rhs->ty)) {
		if (n->lhs->ty->kind == TY_STRING || n->rhs->ty->kind == TY_STRING)
			return unsupported(s, n, "this operator on strings");
		return error(s, n, "D_OP_INT", "operator %s requires operands of integral type",
			     ast_op_name(n->op));
	} else if (is_relational(n->op)) {
		n->ty = &ty_int;
		/* comparisons are done in the common type of the operands */
		n->rhs->ty = n->rhs->ty;
	} else if (n->op == OP_SHL || n->op == OP_SHR) {
		n->ty = type_promote(n->lhs->ty);
	} else {
		n->ty = type_arith(n->lhs->ty, n->rhs->ty);
	}
	if (n->lhs->is_const && n->rhs->is_const && n->op != OP_COMMA) {
		Type *keep = n->ty;
		if (is_relational(n->op))
			n->ty = type_arith(n->lhs->ty, n->rhs->ty);
		int rc = fold_binary(s, n);
		n->ty = keep;
		return rc;
	}
	return 0;
}

static int unary(Sema *s, Node *n)
{
	if (expr(s, n->lhs))
		return -1;
	switch (n->op) {
	case OP_NEG:
	case OP_PLUS:
	case OP_BNOT:
	case OP_NOT:
		if (!type_is_int(n->lhs->ty))
			return error(s, n, "D_OP_INT", "operator %s requires an operand of integral type",
				     ast_op_name(n->op));
		n->ty = n->op == OP_NOT ? &ty_int : type_promote(n->lhs->ty);
		if (n->lhs->is_const) {
			int64_t v = n->lhs->cval;
			n->is_const = true;
			n->cval = n->op == OP_NEG ? (int64_t)(0 - (uint64_t)v)
				: n->op == OP_BNOT ? ~v : n->op == OP_NOT ? !v : v;
		}
		return 0;
	case OP_PREINC:
	case OP_PREDEC:
		if (!is_lvalue(n->lhs))
			return error(s, n, "D_OP_LVAL", "operator %s requires modifiable lvalue as an operand",
				     ast_op_name(n->op));
		if (!type_is_int(n->lhs->ty))
			return error(s, n, "D_OP_SCALAR", "operator %s requires operand of scalar type",
				     ast_op_name(n->op));
		n->ty = n->lhs->ty;
		return 0;
	default:
		return unsupported(s, n, "this unary operator");
	}
}

/* The target of ++, -- and assignments: a global, declared on first use. */
static int lvalue(Sema *s, Node *lhs, Type *t)
{
	if (lhs->kind == ND_SELF || lhs->kind == ND_THIS || lhs->kind == ND_INDEX ||
	    lhs->kind == ND_AGG)
		return unsupported(s, lhs, lhs->kind == ND_AGG ? "aggregations" :
				   lhs->kind == ND_INDEX ? "associative arrays" :
				   "thread-local and clause-local variables");
	if (lhs->kind != ND_IDENT)
		return error(s, lhs, "D_OP_LVAL", "operator %s requires modifiable lvalue as an operand", "=");
	if (find_builtin(lhs->name))
		return error(s, lhs, "D_IDENT_RDONLY", "%s is a read-only built-in variable", lhs->name);
	if (!sema_global(s->cc->syms, lhs->name)) {
		if (t->kind == TY_STRING)
			return unsupported(s, lhs, "string variables");
		declare_global(s->cc->syms, lhs->name, t->kind == TY_INT ? type_promote(t) : t);
	}
	return ident(s, lhs);
}

static const struct {
	const char *name;
	AggFunc func;
	int min, max; /* arguments */
} aggfuncs[] = {
	{"count", AGG_COUNT, 0, 0},	   {"sum", AGG_SUM, 1, 1},	   {"avg", AGG_AVG, 1, 1},
	{"min", AGG_MIN, 1, 1},		   {"max", AGG_MAX, 1, 1},	   {"stddev", AGG_STDDEV, 1, 1},
	{"quantize", AGG_QUANTIZE, 1, 1}, {"lquantize", AGG_LQUANTIZE, 3, 4},
};

static int agg_error(Sema *s, Node *n, const char *tag, const char *fmt, const char *a)
{
	diag_error(s->cc->diag, n->pos, tag, fmt, a);
	s->nerr++;
	return -1;
}

/* The constant integer argument i of an aggregating function. */
static int agg_const(Sema *s, Node *call, int i, int64_t *v)
{
	Node *a = call->list.data[i];
	if (!a->is_const || !type_is_int(a->ty))
		return agg_error(s, a, "D_LQUANT_ARG", "%s( ) argument must be an integer constant",
				 call->name);
	*v = a->cval;
	return 0;
}

/* lquantize(x, base, limit[, step]): DTrace's rules on the range. */
static int lquantize_args(Sema *s, Node *call, AggDesc *d)
{
	d->step = 1;
	if (agg_const(s, call, 1, &d->base) || agg_const(s, call, 2, &d->limit) ||
	    (call->list.len == 4 && agg_const(s, call, 3, &d->step)))
		return -1;
	if (d->step <= 0 || d->step > UINT16_MAX)
		return agg_error(s, call, "D_LQUANT_STEPVAL", "lquantize( ) step must be between 1 "
				 "and 65535%s", "");
	if (d->limit <= d->base)
		return agg_error(s, call, "D_LQUANT_MISMATCH", "lquantize( ) limit must be greater "
				 "than the base%s", "");
	if ((d->limit - d->base) % d->step != 0)
		return agg_error(s, call, "D_LQUANT_STEPLARGE", "lquantize( ) step must evenly divide "
				 "the difference between base and limit%s", "");
	if ((d->limit - d->base) / d->step > UINT16_MAX)
		return agg_error(s, call, "D_LQUANT_STEPSMALL", "lquantize( ) step is too small for "
				 "the range%s", "");
	return 0;
}

static AggKeyKind key_kind(const Type *t)
{
	return t->kind == TY_STRING ? AGG_KEY_STR : AGG_KEY_INT;
}

/* A new aggregation takes its function and key signature from its first use. */
static AggDesc *agg_define(Sema *s, Node *agg, AggFunc func)
{
	AggDesc *d = xcalloc(1, sizeof(*d));
	d->name = xstrdup(agg->name);
	d->func = func;
	d->nkeys = agg->list.len;
	int off = 0;
	for (int i = 0; i < d->nkeys; i++) {
		Type *t = ((Node *)agg->list.data[i])->ty;
		AggKey *k = &d->keys[i];
		k->kind = key_kind(t);
		k->size = k->kind == AGG_KEY_STR ? s->cc->strsize : t->size;
		k->is_signed = !t->is_unsigned;
		off = (off + (k->size >= 8 ? 7 : k->size - 1)) & ~(k->size >= 8 ? 7 : k->size - 1);
		if (k->kind == AGG_KEY_STR)
			off = (off + 7) & ~7;
		k->off = off;
		off += k->size;
	}
	d->keysize = off < 8 ? 8 : (off + 7) & ~7;
	return d;
}

/* @name[keys] = func(args): check, and declare the aggregation on first use. */
static int agg_assign(Sema *s, Node *n)
{
	Node *agg = n->lhs, *call = n->rhs;
	if (n->op != OP_NONE || call->kind != ND_CALL)
		return agg_error(s, n, "D_AGG_FUNC", "@%s must be assigned the result of an aggregating "
				 "function", agg->name);
	size_t f = 0;
	while (f < ARRAY_SIZE(aggfuncs) && strcmp(aggfuncs[f].name, call->name) != 0)
		f++;
	if (f == ARRAY_SIZE(aggfuncs)) {
		diag_error(s->cc->diag, call->pos, "D_UNSUPPORTED",
			   "not supported yet: aggregating function %s( )", call->name);
		s->nerr++;
		return -1;
	}
	if (action_args(s, call, aggfuncs[f].min, aggfuncs[f].max))
		return -1;
	for (int i = 0; i < call->list.len; i++)
		if (!type_is_int(((Node *)call->list.data[i])->ty))
			return agg_error(s, call, "D_AGG_SCALAR", "%s( ) argument must be of scalar type",
					 call->name);
	if (agg->list.len > 16)
		return agg_error(s, agg, "D_AGG_MDIM", "@%s has too many keys", agg->name);
	for (int i = 0; i < agg->list.len; i++) {
		Node *k = agg->list.data[i];
		if (expr(s, k))
			return -1;
		if (!type_is_int(k->ty) && k->ty->kind != TY_STRING)
			return unsupported(s, k, "aggregation keys of this type");
	}
	AggDesc *nd = agg_define(s, agg, aggfuncs[f].func);
	if (nd->func == AGG_LQUANTIZE && lquantize_args(s, call, nd)) {
		free((char *)nd->name);
		free(nd);
		return -1;
	}
	nd->nvals = agg_nvals(nd);
	Symtab *st = s->cc->syms;
	for (int i = 0; i < st->aggs.len; i++) {
		AggDesc *d = st->aggs.data[i];
		if (strcmp(d->name, nd->name) != 0)
			continue;
		bool same = d->func == nd->func && d->nkeys == nd->nkeys && d->base == nd->base &&
			    d->limit == nd->limit && d->step == nd->step;
		for (int k = 0; same && k < d->nkeys; k++)
			same = d->keys[k].kind == nd->keys[k].kind && d->keys[k].size == nd->keys[k].size;
		free((char *)nd->name);
		free(nd);
		if (!same)
			return agg_error(s, n, "D_AGG_REDEF", "@%s is used with a different function or key "
					 "signature than before", agg->name);
		agg->sym = d;
		n->ty = &ty_void;
		return 0;
	}
	if (nd->keysize > AGG_KEY_MAX(s->cc->strsize)) {
		free((char *)nd->name);
		free(nd);
		return unsupported(s, agg, "aggregation keys this large");
	}
	vec_push(&st->aggs, nd);
	nd->id = st->aggs.len;
	agg->sym = nd;
	n->ty = &ty_void;
	return 0;
}

static int assign(Sema *s, Node *n)
{
	if (n->lhs->kind == ND_AGG)
		return agg_assign(s, n);
	if (expr(s, n->rhs))
		return -1;
	Type *t = n->op == OP_NONE ? n->rhs->ty : &ty_int64;
	if (lvalue(s, n->lhs, t))
		return -1;
	if (!type_is_int(n->lhs->ty) || !type_is_int(n->rhs->ty))
		return unsupported(s, n, "assignment of non-integer values");
	n->ty = n->lhs->ty;
	return 0;
}

static int incdec(Sema *s, Node *n)
{
	if (n->lhs->kind == ND_IDENT && !sema_global(s->cc->syms, n->lhs->name) &&
	    !find_builtin(n->lhs->name)) {
		if (lvalue(s, n->lhs, &ty_int64))
			return -1;
	}
	if (n->kind == ND_POSTFIX) {
		if (expr(s, n->lhs))
			return -1;
		if (!is_lvalue(n->lhs) || n->lhs->sym == NULL ||
		    ((Sym *)n->lhs->sym)->kind != SYM_GLOBAL)
			return error(s, n, "D_OP_LVAL", "operator %s requires modifiable lvalue as an operand",
				     ast_op_name(n->op));
		n->ty = n->lhs->ty;
		return 0;
	}
	return unary(s, n);
}

static int action_args(Sema *s, Node *n, int min, int max)
{
	if (n->list.len < min || n->list.len > max) {
		diag_error(s->cc->diag, n->pos, "D_PROTO_LEN",
			   "%s( ) prototype mismatch: %d args passed, %d expected", n->name,
			   n->list.len, min);
		s->nerr++;
		return -1;
	}
	for (int i = 0; i < n->list.len; i++)
		if (expr(s, n->list.data[i]))
			return -1;
	return 0;
}

static PfArgType pf_type(const Type *t)
{
	PfArgType a = {PF_ARG_INT, t->size, !t->is_unsigned};
	if (t->kind == TY_STRING)
		a.kind = PF_ARG_STRING;
	else if (t->kind == TY_PTR)
		a.kind = PF_ARG_PTR;
	return a;
}

/* A format string literal against its arguments' types, in DTrace's words. */
static int check_format(Sema *s, Node *f, const PfArgType *args, int nargs, const char *action)
{
	char *err = NULL;
	const char *tag = "D_PRINTF_FMT";
	PfFormat *fmt = pf_parse(f->str, &err);
	int rc = fmt ? pf_check(fmt, args, nargs, action, &err, &tag) : -1;
	pf_free(fmt);
	if (rc == 0)
		return 0;
	diag_error(s->cc->diag, f->pos, tag, "%s", err ? err : "invalid format");
	free(err);
	s->nerr++;
	return -1;
}

static int check_printf(Sema *s, Node *n)
{
	if (n->list.len < 1) {
		diag_error(s->cc->diag, n->pos, "D_PRINTF_ARG_FMT",
			   "printf( ) prototype mismatch: at least 1 arg required");
		s->nerr++;
		return -1;
	}
	if (action_args(s, n, 1, 1 + 64))
		return -1;
	Node *f = n->list.data[0];
	if (f->kind != ND_STRING)
		return error(s, f, "D_PRINTF_ARG_FMT",
			     "printf( ) argument #1 is incompatible with prototype:\n\tprototype: string constant\n\t argument: %s",
			     f->ty->name);
	PfArgType args[64];
	int nargs = n->list.len - 1;
	for (int i = 0; i < nargs; i++)
		args[i] = pf_type(((Node *)n->list.data[i + 1])->ty);
	return check_format(s, f, args, nargs, "printf");
}

static AggDesc *find_agg(Symtab *st, const char *name)
{
	for (int i = 0; i < st->aggs.len; i++)
		if (strcmp(((AggDesc *)st->aggs.data[i])->name, name) == 0)
			return st->aggs.data[i];
	return NULL;
}

/* printa(@a) or printa("format", @a): the aggregation must exist by now. */
static int check_printa(Sema *s, Node *n)
{
	int i = 0;
	if (n->list.len >= 1 && ((Node *)n->list.data[0])->kind == ND_STRING)
		i = 1;
	if (n->list.len != i + 1) {
		if (n->list.len > i + 1)
			return unsupported(s, n, "printa( ) of several aggregations");
		return error(s, n, "D_PRINTA_PROTO", "printa( ) prototype mismatch: %s",
			     "an aggregation is required");
	}
	Node *a = n->list.data[i];
	if (a->kind != ND_AGG || a->list.len)
		return error(s, a, "D_PRINTA_AGGARG", "printa( ) argument #%s must be an aggregation",
			     i ? "2" : "1");
	AggDesc *d = find_agg(s->cc->syms, a->name);
	if (!d)
		return error(s, a, "D_PRINTA_AGGARG", "printa( ) of @%s, which is not defined before "
			     "this point", a->name);
	a->sym = d;
	if (i == 0)
		return 0;
	PfArgType args[16];
	for (int k = 0; k < d->nkeys; k++)
		args[k] = (PfArgType){d->keys[k].kind == AGG_KEY_STR ? PF_ARG_STRING : PF_ARG_INT,
				      d->keys[k].size, d->keys[k].is_signed};
	return check_format(s, n->list.data[0], args, d->nkeys, "printa");
}

static int call(Sema *s, Node *n)
{
	n->ty = &ty_void;
	if (strcmp(n->name, "trace") == 0) {
		n->ival = ACTF_TRACE;
		if (action_args(s, n, 1, 1))
			return -1;
		Node *a = n->list.data[0];
		if (a->ty->kind == TY_VOID)
			return error(s, a, "D_TRACE_VOID", "trace( ) may not be applied to a void expression%s", "");
		return 0;
	}
	if (strcmp(n->name, "printf") == 0) {
		n->ival = ACTF_PRINTF;
		return check_printf(s, n);
	}
	if (strcmp(n->name, "printa") == 0) {
		n->ival = ACTF_PRINTA;
		return check_printa(s, n);
	}
	if (strcmp(n->name, "copyinstr") == 0) {
		n->ival = SUBR_COPYINSTR;
		n->ty = &ty_string;
		if (action_args(s, n, 1, 1))
			return -1;
		if (!type_is_scalar(((Node *)n->list.data[0])->ty))
			return error(s, n, "D_PROTO_ARG", "copyinstr( ) argument #1 is incompatible with "
				     "prototype:\n\tprototype: uintptr_t%s", "");
		return 0;
	}
	if (strcmp(n->name, "exit") == 0) {
		n->ival = ACTF_EXIT;
		if (action_args(s, n, 1, 1))
			return -1;
		if (!type_is_int(((Node *)n->list.data[0])->ty))
			return error(s, n, "D_PROTO_ARG", "exit( ) argument #1 is incompatible with prototype:\n\tprototype: int%s", "");
		return 0;
	}
	diag_error(s->cc->diag, n->pos, "D_UNSUPPORTED", "%s( ) is not supported yet", n->name);
	s->nerr++;
	return -1;
}

static int expr(Sema *s, Node *n)
{
	Pos save = n->pos;
	(void)save;
	switch (n->kind) {
	case ND_INT:
		set_const(n, n->is_char ? &ty_char : int_literal_type(n), (int64_t)n->ival);
		return 0;
	case ND_STRING:
		n->ty = &ty_string;
		return 0;
	case ND_IDENT:
		return ident(s, n);
	case ND_MACRO:
		return macro(s, n);
	case ND_UNARY:
		if (n->op == OP_PREINC || n->op == OP_PREDEC)
			return incdec(s, n);
		if (n->op == OP_DEREF || n->op == OP_ADDR)
			return unsupported(s, n, "pointer operators");
		return unary(s, n);
	case ND_POSTFIX:
		return incdec(s, n);
	case ND_BINARY:
		return binary(s, n);
	case ND_ASSIGN:
		return assign(s, n);
	case ND_COND:
		if (expr(s, n->cond) || expr(s, n->then) || expr(s, n->els))
			return -1;
		if (!type_is_int(n->then->ty) || !type_is_int(n->els->ty) || !type_is_int(n->cond->ty))
			return unsupported(s, n, "?: on non-integer values");
		n->ty = type_arith(n->then->ty, n->els->ty);
		return 0;
	case ND_CALL:
		return call(s, n);
	case ND_AGG:
		return unsupported(s, n, "aggregations");
	case ND_SELF:
	case ND_THIS:
		return unsupported(s, n, "thread-local and clause-local variables");
	case ND_INDEX:
		return unsupported(s, n, "associative arrays and indexing");
	case ND_KSYM:
		return unsupported(s, n, "kernel symbols");
	case ND_MEMBER:
	case ND_ARROW:
		return unsupported(s, n, "member access");
	case ND_CAST:
		return unsupported(s, n, "casts");
	case ND_SIZEOF:
	case ND_OFFSETOF:
		return unsupported(s, n, n->kind == ND_SIZEOF ? "sizeof" : "offsetof");
	case ND_STRINGOF:
		return unsupported(s, n, "stringof");
	case ND_XLATE:
		return unsupported(s, n, "xlate");
	default:
		return unsupported(s, n, ast_kind_name(n->kind));
	}
}

/* Actions are statements: a call used as a value, or a value dropped, is fine in D. */
static int stmt(Sema *s, Node *n)
{
	switch (n->kind) {
	case ND_EMPTY:
		return 0;
	case ND_EXPR_STMT:
		return expr(s, n->lhs);
	case ND_BLOCK:
		for (int i = 0; i < n->list.len; i++)
			if (stmt(s, n->list.data[i]))
				return -1;
		return 0;
	case ND_IF:
		if (expr(s, n->cond))
			return -1;
		if (!type_is_int(n->cond->ty))
			return unsupported(s, n->cond, "a non-integer condition");
		if (stmt(s, n->then))
			return -1;
		return n->els ? stmt(s, n->els) : 0;
	default:
		return unsupported(s, n, ast_kind_name(n->kind));
	}
}

int sema_clause(CompileCtx *cc, Node *clause)
{
	Sema s = {cc, 0};
	if (clause->cond) {
		if (expr(&s, clause->cond))
			return -1;
		if (!type_is_int(clause->cond->ty))
			return error(&s, clause->cond, "D_PRED_SCALAR",
				     "predicate result must be of scalar type%s", "");
	}
	if (clause->then && stmt(&s, clause->then))
		return -1;
	return s.nerr ? -1 : 0;
}
