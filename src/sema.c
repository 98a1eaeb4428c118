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

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dt.h"
#include "subr.h"


static const Builtin builtins[] = {
	{"pid", BI_PID, &ty_int32},	      {"tid", BI_TID, &ty_int32},
	{"ppid", BI_PPID, &ty_int32},
	{"uid", BI_UID, &ty_uint32},	      {"gid", BI_GID, &ty_uint32},
	{"timestamp", BI_TIMESTAMP, &ty_uint64}, {"cpu", BI_CPU, &ty_int32},
	{"walltimestamp", BI_WALLTIMESTAMP, &ty_uint64},
	{"ustackdepth", BI_USTACKDEPTH, &ty_uint32}, {"ucaller", BI_UCALLER, &ty_uint64},
	{"execname", BI_EXECNAME, &ty_string}, {"id", BI_ID, &ty_uint32},
	{"probeprov", BI_PROBEPROV, &ty_string}, {"probemod", BI_PROBEMOD, &ty_string},
	{"probefunc", BI_PROBEFUNC, &ty_string}, {"probename", BI_PROBENAME, &ty_string},
	{"curthread", BI_CURTHREAD, NULL},    {"epid", BI_EPID, &ty_uint32},
	{"errno", BI_ERRNO, &ty_int},	      {"arg0", BI_ARG0, &ty_int64},	      {"arg1", BI_ARG0 + 1, &ty_int64},
	{"arg2", BI_ARG0 + 2, &ty_int64},      {"arg3", BI_ARG0 + 3, &ty_int64},
	{"arg4", BI_ARG0 + 4, &ty_int64},      {"arg5", BI_ARG0 + 5, &ty_int64},
	{"arg6", BI_ARG0 + 6, &ty_int64},      {"arg7", BI_ARG0 + 7, &ty_int64},
	{"arg8", BI_ARG0 + 8, &ty_int64},      {"arg9", BI_ARG0 + 9, &ty_int64},
};

typedef struct Sema {
	CompileCtx *cc;
	int nerr;
	/* args[]: the types every probe of the clause agrees on (nargs < 0: they differ) */
	bool args_done;
	int nargs;
	Type *argtypes[MS_NARGS];
} Sema;

static int expr(Sema *s, Node *n);
static int action_args(Sema *s, Node *n, int min, int max);
static int layout_keys(Sema *s, Node **at, Type **ts, int n, AggKey *out, Type **types,
		       int *keysize);

static int unsupported(Sema *s, Node *n, const char *what)
{
	diag_error(s->cc->diag, n->pos, "D_UNSUPPORTED", "not supported yet: %s", what);
	s->nerr++;
	return -1;
}

/* Report a user error at n; returns -1 for the caller to return. */
static int error(Sema *s, const Node *n, const char *tag, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int error(Sema *s, const Node *n, const char *tag, const char *fmt, ...)
{
	StrBuf msg = {0};
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(&msg, fmt, ap);
	va_end(ap);
	diag_error(s->cc->diag, n->pos, tag, "%s", msg.s);
	sb_free(&msg);
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

/* ---- variables ---- */

static Vec *var_space(Symtab *st, VarKind kind)
{
	return kind == VAR_TLS ? &st->tls : kind == VAR_LOCAL ? &st->locals : &st->globals;
}

static Var *find_var(Symtab *st, VarKind kind, const char *name)
{
	Vec *v = var_space(st, kind);
	for (int i = 0; i < v->len; i++) {
		Var *var = v->data[i];
		if (strcmp(var->name, name) == 0)
			return var;
	}
	return NULL;
}

void var_free(Var *v)
{
	free((char *)v->name);
	free(v);
}

/* A new variable; its storage is placed when its type is known (var_settype). */
static Var *declare_var(Symtab *st, VarKind kind, const char *name)
{
	Var *v = xcalloc(1, sizeof(*v));
	v->name = xstrdup(name);
	v->kind = kind;
	vec_push(var_space(st, kind), v);
	if (kind == VAR_TLS || kind == VAR_ASSOC) {
		vec_push(&st->dvars, v);
		v->id = st->dvars.len;
		v->keysize = 8;
	}
	return v;
}

static int place(int *size, const Type *t)
{
	int align = t->size >= 8 || t->kind != TY_INT ? 8 : t->size;
	*size = (*size + align - 1) & ~(align - 1);
	int off = *size;
	*size += t->size;
	return off;
}

static int var_settype(Sema *s, Node *n, Var *v, Type *t)
{
	Symtab *st = s->cc->syms;
	if (t->kind == TY_VOID || t->kind == TY_FUNC || t->kind == TY_FLOAT)
		return error(s, n, "D_DECL_VOID", "%s cannot be the type of a variable", type_name(t));
	if (t->size <= 0 || t->size > 65536)
		return error(s, n, "D_DECL_SIZE", "a variable of type %s (%d bytes) is too large or "
			     "incomplete", type_name(t), t->size);
	v->type = t;
	if (v->kind == VAR_GLOBAL) {
		if (st->gvars_size < GV_USER)
			st->gvars_size = GV_USER;
		v->off = place(&st->gvars_size, t);
	} else if (v->kind == VAR_LOCAL) {
		v->off = place(&st->tvars_size, t);
	}
	if (v->id > DVAR_MAX)
		return error(s, n, "D_DVAR_MAX", "more than %s thread-local variables and associative "
			     "arrays", "256");
	return 0;
}

/* The type a variable takes from the first value assigned to it. */
static Type *stored_type(Type *t)
{
	if (type_is_charseq(t) && t->kind == TY_ARRAY)
		return &ty_string; /* curthread->comm and the like: kept as strings */
	return t->kind == TY_INT ? type_promote(t) : t;
}

static void set_const(Node *n, Type *t, int64_t v)
{
	n->ty = t;
	n->is_const = true;
	n->cval = v;
}

/*
 * Type of an integer literal, C's rule on LP64: the first type that holds
 * it of int, long (decimal without u), or int, unsigned, long, unsigned
 * long (hex, octal, or with u); l and ll start at long.
 */
static Type *int_literal_type(Node *n)
{
	bool u = n->isuffix & IS_U, l = n->isuffix & (IS_L | IS_LL), dec = n->isuffix & IS_DEC;
	uint64_t v = n->ival;
	if (!l && !u && v <= INT32_MAX)
		return &ty_int;
	if (!l && (u || !dec) && v <= UINT32_MAX)
		return &ty_uint;
	if (!u && v <= INT64_MAX)
		return &ty_long;
	return &ty_ulong;
}

static Type *kernel_type(Sema *s, Node *n, TypeKind kind, const char *tag)
{
	Type *t = type_tagged(s->cc->types, kind, false, tag);
	if (!t)
		error(s, n, "D_TYPE_ERR", "kernel type %s is not available (no BTF in "
		      "/sys/kernel/btf/vmlinux?)", tag);
	return t;
}

static int builtin_ident(Sema *s, Node *n, const Builtin *b)
{
	Sym *sym = arena_alloc(s->cc->arena, sizeof(*sym));
	sym->kind = SYM_BUILTIN;
	sym->bi = b;
	n->sym = sym;
	n->ty = b->type;
	if (b->id == BI_CURTHREAD) {
		Type *t = kernel_type(s, n, TY_STRUCT, "task_struct");
		if (!t)
			return -1;
		n->ty = type_ptr(s->cc->types, t, false);
	}
	return 0;
}

static int ident(Sema *s, Node *n)
{
	const Builtin *b = find_builtin(n->name);
	if (b)
		return builtin_ident(s, n, b);
	Var *v = find_var(s->cc->syms, VAR_GLOBAL, n->name);
	int64_t val;
	Type *et;
	if (!v && type_enumerator(s->cc->types, n->name, &val, &et)) {
		set_const(n, type_promote(et), val);
		return 0;
	}
	if (!v && strcmp(n->name, "NULL") == 0) { /* as DTrace's built-in: (void *)0 */
		set_const(n, type_ptr(s->cc->types, &ty_void, false), 0);
		return 0;
	}
	if (!v || !v->type)
		return error(s, n, "D_IDENT_UNDEF", "failed to resolve %s: Unknown variable name",
			     n->name);
	if (v->kind == VAR_ASSOC)
		return error(s, n, "D_ARR_BADREF", "%s is an associative array: it needs a key "
			     "([ ])", n->name);
	Sym *sym = arena_alloc(s->cc->arena, sizeof(*sym));
	sym->kind = SYM_VAR;
	sym->var = v;
	n->sym = sym;
	n->ty = v->type;
	return 0;
}

/* self->x, this->x read before any assignment: D gives them type int64_t... */
static int dynvar(Sema *s, Node *n)
{
	VarKind kind = n->kind == ND_SELF ? VAR_TLS : VAR_LOCAL;
	Var *v = find_var(s->cc->syms, kind, n->name);
	if (!v && kind == VAR_LOCAL)
		return error(s, n, "D_IDENT_UNDEF", "failed to resolve this->%s: clause-local variable "
			     "used before it is assigned", n->name);
	if (!v) /* ...as a thread-local tested in one clause and set in a later one */
		v = declare_var(s->cc->syms, kind, n->name);
	if (!v->type && var_settype(s, n, v, &ty_int64))
		return -1;
	n->sym = v;
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
	if (strcmp(n->name, "target") == 0) {
		if (!cc->target)
			return error(s, n, "D_MACRO_UNDEF", "macro argument $target is not "
				     "defined: use -c or -p");
		set_const(n, &ty_int32, cc->target);
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
	if (k >= cc->argc && !cc->defaultargs)
		return error(s, n, "D_MACRO_UNDEF", "macro argument $%s is not defined", n->name);
	/* -x defaultargs: an operand not given is 0, or "" for $$n */
	const char *val = k < cc->argc ? cc->argv[k] : n->is_str ? "" : "0";
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

/* ---- types written in the script ---- */

static Type *resolve_spec(Sema *s, DeclSpec *sp, Pos pos);

static Type *basic_type(const DeclSpec *sp)
{
	int b = sp->basic;
	bool u = b & TB_UNSIGNED;
	if (b & TB_VOID)
		return &ty_void;
	if (b & TB_STRING)
		return &ty_string;
	if (b & TB_BOOL)
		return type_lookup(NULL, "_Bool");
	if (b & TB_CHAR)
		return u ? &ty_uchar : (b & TB_SIGNED) ? &ty_schar : &ty_char;
	if (b & TB_SHORT)
		return u ? &ty_ushort : &ty_short;
	if (b & TB_FLOAT)
		return &ty_float;
	if (b & TB_DOUBLE)
		return sp->nlong ? &ty_ldouble : &ty_double;
	if (sp->nlong == 1)
		return u ? &ty_ulong : &ty_long;
	if (sp->nlong >= 2)
		return u ? &ty_ullong : &ty_llong;
	return u ? &ty_uint : &ty_int;
}

static int const_int(Sema *s, Node *n, int64_t *v)
{
	if (expr(s, n))
		return -1;
	if (!n->is_const || !type_is_int(n->ty))
		return error(s, n, "D_DECL_ARRSUB", "array dimension must be an integer constant%s", "");
	*v = n->cval;
	return 0;
}

/* Apply a declarator's derivations (listed from the name outward) to base. */
static Type *apply_declarator(Sema *s, Type *base, Declarator *d)
{
	Deriv *list[32];
	int n = 0;
	for (Deriv *dv = d->deriv; dv && n < 32; dv = dv->next)
		list[n++] = dv;
	Type *t = base;
	for (int i = n - 1; i >= 0; i--) {
		Deriv *dv = list[i];
		if (dv->kind == DK_POINTER) {
			t = type_ptr(s->cc->types, t, dv->quals & TQ_USERLAND);
		} else if (dv->kind == DK_ARRAY) {
			if (dv->keys.len) {
				diag_error(s->cc->diag, d->pos, "D_UNSUPPORTED",
					   "not supported yet: associative array declarations");
				s->nerr++;
				return NULL;
			}
			int64_t len = 0;
			if (dv->size && const_int(s, dv->size, &len))
				return NULL;
			if (len < 0 || len > (1 << 20)) {
				diag_error(s->cc->diag, d->pos, "D_DECL_ARRBIG", "array dimension %lld "
					   "is out of range", (long long)len);
				s->nerr++;
				return NULL;
			}
			t = type_array(s->cc->types, t, (int)len);
		} else {
			t = type_ptr(s->cc->types, t, false)->base; /* function types: only via pointers */
			diag_error(s->cc->diag, d->pos, "D_UNSUPPORTED",
				   "not supported yet: function types");
			s->nerr++;
			return NULL;
		}
	}
	return t;
}

static Type *resolve_typename(Sema *s, TypeName *tn)
{
	Type *base = resolve_spec(s, tn->spec, tn->pos);
	return base ? apply_declarator(s, base, tn->decl) : NULL;
}

/*
 * A type's alignment as C lays it out (x86-64 and arm64 ABIs), so a D struct
 * can be laid over kernel or user memory: a scalar's is its size, an
 * array's its element's, a struct's or union's its most aligned member's.
 */
static int c_align(Type *t)
{
	int a = 1;
	switch (t->kind) {
	case TY_ARRAY: return c_align(t->base);
	case TY_STRING: return 8; /* D's own: as before, not C's char array */
	case TY_STRUCT:
	case TY_UNION:
		type_members(t);
		for (int i = 0; i < t->nmembers; i++) {
			int m = c_align(t->members[i].type);
			a = m > a ? m : a;
		}
		return a;
	default: return t->size >= 16 ? 16 : t->size >= 1 ? t->size : 1;
	}
}

static int define_members(Sema *s, Type *t, DeclSpec *sp)
{
	Vec ms = {0};
	int size = 0, align = 1;
	for (int i = 0; i < sp->members.len; i++) {
		Node *d = sp->members.data[i];
		Type *mbase = resolve_spec(s, d->spec, d->pos);
		if (!mbase)
			goto fail;
		for (int k = 0; k < d->decls.len; k++) {
			Declarator *dc = d->decls.data[k];
			Type *mt = apply_declarator(s, mbase, dc);
			if (!mt)
				goto fail;
			if (dc->bitwidth) {
				diag_error(s->cc->diag, dc->pos, "D_UNSUPPORTED",
					   "not supported yet: bit-fields in D structs");
				s->nerr++;
				goto fail;
			}
			Member *m = xcalloc(1, sizeof(*m));
			m->name = dc->name ? xstrdup(dc->name) : NULL;
			m->type = mt;
			int a = c_align(mt);
			if (a > align)
				align = a;
			if (t->kind == TY_STRUCT) {
				size = (size + a - 1) & ~(a - 1);
				m->off = size;
				size += mt->size;
			} else if (mt->size > size) {
				size = mt->size;
			}
			vec_push(&ms, m);
		}
	}
	t->size = (size + align - 1) & ~(align - 1);
	t->members = xcalloc((size_t)(ms.len ? ms.len : 1), sizeof(Member));
	for (int i = 0; i < ms.len; i++) {
		t->members[i] = *(Member *)ms.data[i];
		free(ms.data[i]);
	}
	t->nmembers = ms.len;
	t->members_done = true;
	vec_free(&ms);
	return 0;
fail:
	for (int i = 0; i < ms.len; i++) {
		free((char *)((Member *)ms.data[i])->name);
		free(ms.data[i]);
	}
	vec_free(&ms);
	return -1;
}

static Type *define_enum(Sema *s, DeclSpec *sp)
{
	Type *t = types_new_enum(s->cc->types, sp->name);
	int64_t next = 0;
	t->enums = xrealloc(t->enums, sizeof(Enumerator) * (size_t)(sp->enumerators.len + 1));
	for (int i = 0; i < sp->enumerators.len; i++) {
		Node *e = sp->enumerators.data[i];
		if (e->lhs) {
			if (expr(s, e->lhs))
				return NULL;
			if (!e->lhs->is_const || !type_is_int(e->lhs->ty))
				return (error(s, e, "D_DECL_ENCONST", "enumerator '%s' must be assigned "
					     "an integral constant expression", e->name), NULL);
			next = e->lhs->cval;
		}
		t->enums[t->nenums].name = xstrdup(e->name);
		t->enums[t->nenums++].value = next++;
	}
	return t;
}

static Type *resolve_spec(Sema *s, DeclSpec *sp, Pos pos)
{
	TypeSpace *ts = s->cc->types;
	Type *t = NULL;
	Node at = {.pos = pos};
	switch (sp->kind) {
	case SPEC_NONE:
		return &ty_int;
	case SPEC_BASIC:
		return basic_type(sp);
	case SPEC_TYPEDEF:
		t = type_lookup(ts, sp->name);
		if (!t)
			error(s, &at, "D_TYPE_ERR", "undefined type name: %s", sp->name);
		return t;
	case SPEC_ENUM:
		if (sp->has_body)
			return define_enum(s, sp);
		t = type_tagged(ts, TY_INT, true, sp->name);
		if (!t)
			error(s, &at, "D_TYPE_ERR", "undefined type: enum %s", sp->name);
		return t;
	case SPEC_STRUCT:
	case SPEC_UNION: {
		TypeKind kind = sp->kind == SPEC_STRUCT ? TY_STRUCT : TY_UNION;
		if (sp->has_body) {
			t = types_new_aggr(ts, kind, sp->name);
			return define_members(s, t, sp) ? NULL : t;
		}
		t = type_tagged(ts, kind, false, sp->name);
		if (!t) {
			char *name = xasprintf("%s %s", kind == TY_STRUCT ? "struct" : "union", sp->name);
			error(s, &at, "D_TYPE_ERR", "undefined type: %s", name);
			free(name);
		}
		return t;
	}
	}
	return NULL;
}

/*
 * `int a[string, int];`: an associative array with declared key and value
 * types (d's outermost derivation holds the key types).  A use with integer
 * keys of other widths converts them to the declared ones.
 */
static int assoc_decl(Sema *s, Node *n, Type *base, Declarator *d)
{
	Node at = {.pos = d->pos};
	Deriv *keyed = d->deriv;
	Declarator value = *d;
	value.deriv = keyed->next;
	Type *t = apply_declarator(s, base, &value), *kts[17];
	Node *ats[17];
	if (!t)
		return -1;
	if (n->spec->storage != SC_NONE)
		return error(s, &at, "D_DECL_CLASS", "associative array %s may not be declared "
			     "self or this", d->name);
	int nk = keyed->keys.len > 17 ? 17 : keyed->keys.len;
	for (int k = 0; k < nk; k++) {
		TypeName *tn = keyed->keys.data[k];
		ats[k] = &at;
		if (!(kts[k] = resolve_typename(s, tn)))
			return -1;
	}
	AggKey keys[16];
	Type *types[16];
	int keysize;
	if (layout_keys(s, ats, kts, keyed->keys.len, keys, types, &keysize))
		return -1;
	Var *v = find_var(s->cc->syms, VAR_GLOBAL, d->name);
	if (v || find_builtin(d->name))
		return error(s, &at, "D_DECL_IDRED", "identifier redeclared: %s", d->name);
	v = declare_var(s->cc->syms, VAR_ASSOC, d->name);
	v->nkeys = keyed->keys.len;
	memcpy(v->keys, keys, sizeof(keys));
	memcpy(v->keytypes, types, sizeof(types));
	v->keysize = keysize;
	return var_settype(s, &at, v, t);
}

/* A top-level declaration: typedefs, struct/union/enum definitions, typed variables. */
int sema_decl(CompileCtx *cc, Node *n)
{
	Sema s = {.cc = cc};
	Type *base = resolve_spec(&s, n->spec, n->pos);
	if (!base)
		return -1;
	for (int i = 0; i < n->decls.len; i++) {
		Declarator *d = n->decls.data[i];
		if (d->deriv && d->deriv->kind == DK_ARRAY && d->deriv->keys.len &&
		    n->spec->storage != SC_TYPEDEF) {
			if (assoc_decl(&s, n, base, d))
				return -1;
			continue;
		}
		Type *t = apply_declarator(&s, base, d);
		if (!t)
			return -1;
		if (!d->name)
			continue;
		if (n->spec->storage == SC_TYPEDEF) {
			types_typedef(cc->types, d->name, t);
			continue;
		}
		VarKind kind = n->spec->storage == SC_SELF ? VAR_TLS
			     : n->spec->storage == SC_THIS ? VAR_LOCAL : VAR_GLOBAL;
		Node at = {.pos = d->pos};
		Var *v = find_var(cc->syms, kind, d->name);
		if (v && v->type && !type_compatible(v->type, t))
			return error(&s, &at, "D_DECL_IDRED", "identifier redeclared: %s", d->name);
		if (find_builtin(d->name))
			return error(&s, &at, "D_DECL_IDRED", "identifier redeclared: %s (a built-in "
				     "variable)", d->name);
		if (!v)
			v = declare_var(cc->syms, kind, d->name);
		if (!v->type && var_settype(&s, &at, v, t))
			return -1;
	}
	return s.nerr ? -1 : 0;
}

/* ---- expressions ---- */

static bool is_lvalue(Node *n)
{
	switch (n->kind) {
	case ND_IDENT:
		return n->sym && ((Sym *)n->sym)->kind == SYM_VAR;
	case ND_SELF:
	case ND_THIS:
		return true;
	case ND_INDEX:
		return n->sym != NULL; /* associative arrays (kernel memory is read-only) */
	default:
		return false;
	}
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

/* The value of an integer of type t held in 64 bits: truncated and sign- or zero-extended. */
static int64_t wrap(const Type *t, int64_t v)
{
	if (t->kind != TY_INT || t->size >= 8)
		return v;
	int sh = 64 - 8 * t->size;
	return t->is_unsigned ? (int64_t)(((uint64_t)v << sh) >> sh) : (int64_t)((uint64_t)v << sh) >> sh;
}

static bool is_relational(Op op)
{
	return op >= OP_LT && op <= OP_LXOR;
}

static bool is_stringish(const Type *t)
{
	return t->kind == TY_STRING || type_is_charseq(t);
}

static bool is_null_ptr(const Node *n)
{
	return n->is_const && n->cval == 0 && n->ty && n->ty->kind == TY_PTR;
}

bool sema_is_string_null_test(const Node *n)
{
	if (n->op != OP_EQ && n->op != OP_NE)
		return false;
	return (n->lhs->ty->kind == TY_STRING && is_null_ptr(n->rhs)) ||
	       (n->rhs->ty->kind == TY_STRING && is_null_ptr(n->lhs));
}

/* Pointer arithmetic and comparison: the C rules D keeps. */
static int ptr_binary(Sema *s, Node *n)
{
	Type *a = n->lhs->ty, *b = n->rhs->ty;
	bool pa = a->kind == TY_PTR || a->kind == TY_ARRAY, pb = b->kind == TY_PTR || b->kind == TY_ARRAY;
	if (a->kind == TY_ARRAY)
		a = type_ptr(s->cc->types, a->base, false);
	if (b->kind == TY_ARRAY)
		b = type_ptr(s->cc->types, b->base, false);
	switch (n->op) {
	case OP_ADD:
		if (pa && pb)
			break;
		n->ty = pa ? a : b;
		return 0;
	case OP_SUB:
		if (pa && !pb) {
			n->ty = a;
			return 0;
		}
		if (pa && pb && type_compatible(a, b)) {
			n->ty = &ty_long;
			return 0;
		}
		break;
	case OP_LT: case OP_LE: case OP_GT: case OP_GE: case OP_EQ: case OP_NE:
	case OP_LAND: case OP_LOR: case OP_LXOR:
		n->ty = &ty_int;
		return 0;
	default:
		break;
	}
	return error(s, n, "D_OP_INCOMPAT", "operands have incompatible types for operator %s",
		     ast_op_name(n->op));
}

static int binary(Sema *s, Node *n)
{
	if (expr(s, n->lhs) || expr(s, n->rhs))
		return -1;
	Type *a = n->lhs->ty, *b = n->rhs->ty;
	if (n->op == OP_COMMA) {
		n->ty = b;
	} else if (sema_is_string_null_test(n)) {
		n->ty = &ty_int;
		return 0;
	} else if (is_stringish(a) && is_stringish(b) && (a->kind == TY_STRING || b->kind == TY_STRING) &&
		   n->op >= OP_LT && n->op <= OP_NE) {
		n->ty = &ty_int; /* string comparison: by contents, as strcmp() */
		return 0;
	} else if (a->kind == TY_STRING || b->kind == TY_STRING) {
		return error(s, n, "D_OP_INT", "operator %s may not be applied to a string",
			     ast_op_name(n->op));
	} else if (a->kind == TY_PTR || b->kind == TY_PTR ||
		   ((a->kind == TY_ARRAY || b->kind == TY_ARRAY) && !is_relational(n->op))) {
		return ptr_binary(s, n);
	} else if (!type_is_int(a) || !type_is_int(b)) {
		return error(s, n, "D_OP_INT", "operator %s requires operands of integral type",
			     ast_op_name(n->op));
	} else if (is_relational(n->op)) {
		n->ty = &ty_int;
	} else if (n->op == OP_SHL || n->op == OP_SHR) {
		n->ty = type_promote(a);
	} else {
		n->ty = type_arith(a, b);
	}
	if (n->lhs->is_const && n->rhs->is_const && n->op != OP_COMMA && type_is_int(a) &&
	    type_is_int(b)) {
		Type *keep = n->ty;
		Type *common = n->op == OP_SHL || n->op == OP_SHR ? keep : type_arith(a, b);
		if (is_relational(n->op))
			n->ty = common;
		if (n->op != OP_LAND && n->op != OP_LOR && n->op != OP_LXOR) {
			n->lhs->cval = wrap(common, n->lhs->cval);
			if (n->op != OP_SHL && n->op != OP_SHR)
				n->rhs->cval = wrap(common, n->rhs->cval);
		}
		int rc = fold_binary(s, n);
		n->ty = keep;
		n->cval = wrap(keep, n->cval);
		return rc;
	}
	return 0;
}

/* *p, &lvalue */
static int pointer_op(Sema *s, Node *n)
{
	Type *t = n->lhs->ty;
	if (n->op == OP_DEREF) {
		if (t->kind != TY_PTR && t->kind != TY_ARRAY)
			return error(s, n, "D_DEREF_NONPTR", "cannot dereference non-pointer type%s", "");
		if (t->base->kind == TY_VOID || t->base->kind == TY_FUNC)
			return error(s, n, "D_DEREF_VOID", "cannot dereference pointer to %s",
				     t->base->kind == TY_VOID ? "void" : "function");
		n->ty = t->base;
		return 0;
	}
	Node *l = n->lhs;
	bool mem = l->kind == ND_ARROW || (l->kind == ND_MEMBER && l->lhs->kind != ND_IDENT) ||
		   (l->kind == ND_INDEX && !l->sym) || (l->kind == ND_UNARY && l->op == OP_DEREF);
	if (!mem)
		return unsupported(s, n, "& of a D variable");
	if (l->kind == ND_MEMBER || l->kind == ND_ARROW) {
		const Member *m = l->sym;
		if (m->bits)
			return error(s, n, "D_ADDROF_BITFIELD", "cannot take address of bit-field%s", "");
	}
	n->ty = type_ptr(s->cc->types, t, false);
	return 0;
}

static int unary(Sema *s, Node *n)
{
	if (expr(s, n->lhs))
		return -1;
	switch (n->op) {
	case OP_DEREF:
	case OP_ADDR:
		return pointer_op(s, n);
	case OP_NOT:
		if (type_is_ptr(n->lhs->ty)) {
			n->ty = &ty_int;
			return 0;
		}
		/* fallthrough */
	case OP_NEG:
	case OP_PLUS:
	case OP_BNOT:
		if (!type_is_int(n->lhs->ty))
			return error(s, n, "D_OP_INT", "operator %s requires an operand of integral type",
				     ast_op_name(n->op));
		n->ty = n->op == OP_NOT ? &ty_int : type_promote(n->lhs->ty);
		if (n->lhs->is_const) {
			int64_t v = wrap(type_promote(n->lhs->ty), n->lhs->cval);
			n->is_const = true;
			n->cval = wrap(n->ty, n->op == OP_NEG ? (int64_t)(0 - (uint64_t)v)
				: n->op == OP_BNOT ? ~v : n->op == OP_NOT ? !v : v);
		}
		return 0;
	case OP_PREINC:
	case OP_PREDEC:
		if (!is_lvalue(n->lhs))
			return error(s, n, "D_OP_LVAL", "operator %s requires modifiable lvalue as an operand",
				     ast_op_name(n->op));
		if (!type_is_scalar(n->lhs->ty))
			return error(s, n, "D_OP_SCALAR", "operator %s requires operand of scalar type",
				     ast_op_name(n->op));
		n->ty = n->lhs->ty;
		return 0;
	default:
		return unsupported(s, n, "this unary operator");
	}
}

/* ---- associative arrays, members, indexing ---- */

static AggKeyKind key_kind(const Type *t)
{
	return is_stringish(t) ? AGG_KEY_STR : AGG_KEY_INT;
}

/*
 * Lay out a key tuple of n types as aggregations do: integers at their
 * width, strings in strsize slots.  at[i] is where key i was written.
 */
static int layout_keys(Sema *s, Node **at, Type **ts, int n, AggKey *out, Type **types,
		       int *keysize)
{
	int off = 0;
	if (n > 16)
		return error(s, at[16], "D_AGG_MDIM", "too many keys (%s at most)", "16");
	for (int i = 0; i < n; i++) {
		Node *kn = at[i];
		Type *t = ts[i];
		if (kn->kind == ND_CALL && kn->ival == ACTF_STACK) {
			off = (off + 7) & ~7;
			out[i] = (AggKey){.kind = AGG_KEY_STACK, .off = off,
					  .size = 8 * ((int)kn->cval + STACK_HIDDEN)};
			off += out[i].size;
			if (types)
				types[i] = &ty_uint64;
			continue;
		}
		bool stack = kn->kind == ND_CALL && kn->ival == ACTF_USTACK;
		bool usym = kn->kind == ND_CALL && kn->ival == ACTF_USYM;
		if (!type_is_scalar(t) && !is_stringish(t) && !stack && !usym)
			return unsupported(s, kn, "keys of this type");
		AggKey *k = &out[i];
		k->kind = stack ? AGG_KEY_USTACK : usym ? AGG_KEY_USYM : key_kind(t);
		k->sym = subr_addrsym(kn);
		k->size = k->kind == AGG_KEY_STR ? s->cc->strsize : usym ? 16 : t->size;
		if (stack) /* the record's layout: pid, frames, the PCs */
			k->size = 8 + 8 * (kn->list.len ? (int)((Node *)kn->list.data[0])->cval
					   : s->cc->ustackframes);
		k->is_signed = !t->is_unsigned && t->kind == TY_INT;
		int align = k->kind == AGG_KEY_STR || k->size >= 8 ? 8 : k->size;
		off = (off + align - 1) & ~(align - 1);
		k->off = off;
		off += k->size;
		if (types)
			types[i] = k->kind == AGG_KEY_STR ? &ty_string
				 : stack || usym ? &ty_uint64 : type_promote(t);
	}
	*keysize = off < 8 ? 8 : (off + 7) & ~7;
	if (*keysize > AGG_KEY_MAX(s->cc->strsize))
		return unsupported(s, at[0], "key tuples this large");
	return 0;
}

/* The same for the (typed) key expressions of a use. */
static int key_layout(Sema *s, Vec *keys, AggKey *out, Type **types, int *keysize)
{
	Node *at[17];
	Type *ts[17];
	int n = keys->len > 17 ? 17 : keys->len;
	for (int i = 0; i < n; i++) {
		at[i] = keys->data[i];
		ts[i] = at[i]->ty;
	}
	return layout_keys(s, at, ts, keys->len, out, types, keysize);
}

/* name[keys]: an associative array, declared by its first use. */
static int assoc(Sema *s, Node *n, bool is_store)
{
	Node *base = n->lhs;
	for (int i = 0; i < n->list.len; i++)
		if (expr(s, n->list.data[i]))
			return -1;
	Symtab *st = s->cc->syms;
	Var *v = find_var(st, VAR_GLOBAL, base->name);
	AggKey keys[16];
	Type *types[16];
	int keysize;
	if (key_layout(s, &n->list, keys, types, &keysize))
		return -1;
	for (int i = 0; i < n->list.len; i++)
		if (keys[i].kind == AGG_KEY_USTACK || keys[i].kind == AGG_KEY_USYM)
			return unsupported(s, n->list.data[i], "symbols as associative array keys");
	if (!v) {
		v = declare_var(st, VAR_ASSOC, base->name);
		v->nkeys = n->list.len;
		memcpy(v->keys, keys, sizeof(keys));
		memcpy(v->keytypes, types, sizeof(types));
		v->keysize = keysize;
		if (!is_store && var_settype(s, n, v, &ty_int64))
			return -1;
	} else {
		/* Integer keys of other widths convert to the array's (as arguments do). */
		bool same = v->nkeys == n->list.len;
		for (int i = 0; same && i < v->nkeys; i++)
			same = v->keys[i].kind == keys[i].kind;
		if (!same)
			return error(s, n, "D_ARR_BADREF", "%s[ ] is used with a different key signature "
				     "than before", base->name);
	}
	n->sym = v;
	n->ty = v->type;
	return 0;
}

static bool same_type(const Type *a, const Type *b)
{
	if (a == b)
		return true;
	StrBuf x = {0}, y = {0};
	type_str(a, &x);
	type_str(b, &y);
	bool same = !strcmp(x.s, y.s);
	sb_free(&x);
	sb_free(&y);
	return same;
}

/*
 * The args[] types of the clause's probes, as DTrace wants them: the same
 * for every probe, or args[] cannot be used (nargs = -1).
 */
static void probe_argtypes(Sema *s)
{
	s->args_done = true;
	const Vec *probes = s->cc->probes;
	for (int i = 0; probes && i < probes->len; i++) {
		const Probe *p = probes->data[i];
		Type *t[MS_NARGS];
		int n = p->provider->argtypes ? p->provider->argtypes(p, s->cc->types, t, MS_NARGS)
					      : 0;
		bool same = i == 0 || n == s->nargs;
		for (int k = 0; same && i > 0 && k < n; k++)
			same = same_type(t[k], s->argtypes[k]);
		if (!same || n < 0) {
			s->nargs = -1;
			return;
		}
		s->nargs = n;
		memcpy(s->argtypes, t, sizeof(Type *) * (size_t)(n > 0 ? n : 0));
	}
}

/* args[N]: the probe's Nth argument, typed; N must be a constant (DTrace's diagnostics). */
static int args_expr(Sema *s, Node *n)
{
	Node *ix = n->list.len == 1 ? n->list.data[0] : NULL;
	if (!ix || expr(s, ix))
		return ix ? -1 : error(s, n, "D_PROTO_LEN", "args[ ] prototype mismatch: %d args "
					"passed, 1 expected", n->list.len);
	if (!ix->is_const || !type_is_int(ix->ty))
		return error(s, ix, "D_PROTO_ARG", "args[ ] argument #1 is incompatible with "
			     "prototype:\n\tprototype: integer constant\n\t argument: %s",
			     type_name(ix->ty));
	const Node *d = s->cc->probes && s->cc->probes->len ? NULL : n;
	if (d)
		return error(s, n, "D_ARGS_NONE", "args[ ] may not be referenced outside of a "
			     "probe clause%s", "");
	if (!s->args_done)
		probe_argtypes(s);
	const Probe *p0 = s->cc->probes->data[0];
	const char *desc = arena_printf(s->cc->arena, "%s:%s:%s:%s", p0->prv, p0->mod, p0->func,
					p0->name);
	if (s->nargs < 0)
		return error(s, n, "D_ARGS_MULTI", "args[ ] may not be referenced because probe "
			     "description %s matches an unstable set of probes", desc);
	if (ix->cval < 0 || ix->cval >= s->nargs)
		return error(s, ix, "D_ARGS_IDX", "index %lld is out of range for %s args[ ]",
			     (long long)ix->cval, desc);
	Builtin *bi = arena_alloc(s->cc->arena, sizeof(*bi));
	*bi = (Builtin){"args", (BuiltinId)(BI_ARG0 + ix->cval), s->argtypes[ix->cval]};
	n->kind = ND_IDENT;
	n->name = "args";
	return builtin_ident(s, n, bi);
}

static int index_expr(Sema *s, Node *n, bool is_store)
{
	Node *base = n->lhs;
	if (base->kind == ND_IDENT && !strcmp(base->name, "args") &&
	    !find_var(s->cc->syms, VAR_GLOBAL, "args")) {
		if (is_store)
			return error(s, n, "D_OP_LVAL", "operator = requires a writable lvalue%s", "");
		return args_expr(s, n);
	}
	if (base->kind == ND_IDENT && !find_builtin(base->name)) {
		Var *v = find_var(s->cc->syms, VAR_GLOBAL, base->name);
		if (!v || v->kind == VAR_ASSOC)
			return assoc(s, n, is_store);
	}
	if (expr(s, base))
		return -1;
	if (base->ty->kind != TY_PTR && base->ty->kind != TY_ARRAY)
		return error(s, n, "D_OP_ARRAY", "operator [ ] may not be applied to operand of type "
			     "\"%s\"", type_name(base->ty));
	if (n->list.len != 1)
		return error(s, n, "D_OP_ARRAY", "an array takes exactly one index%s", "");
	Node *ix = n->list.data[0];
	if (expr(s, ix))
		return -1;
	if (!type_is_int(ix->ty))
		return error(s, ix, "D_OP_INT", "array index must be of integral type%s", "");
	if (base->ty->kind == TY_ARRAY && ix->is_const && base->ty->nelem > 0 &&
	    (ix->cval < 0 || ix->cval >= base->ty->nelem))
		return error(s, ix, "D_ARR_BOUNDS", "index %s is out of range for the array",
			     arena_printf(s->cc->arena, "%lld", (long long)ix->cval));
	if (base->ty->base->kind == TY_VOID)
		return error(s, n, "D_DEREF_VOID", "cannot dereference pointer to void%s", "");
	n->ty = base->ty->base;
	return 0;
}

static int member(Sema *s, Node *n)
{
	if (expr(s, n->lhs))
		return -1;
	Type *t = n->lhs->ty;
	if (n->kind == ND_ARROW) {
		if (t->kind != TY_PTR)
			return error(s, n, "D_OP_PTR", "operator -> must be applied to a pointer%s", "");
		t = t->base;
	}
	if (!type_is_aggr(t))
		return error(s, n, n->kind == ND_ARROW ? "D_OP_PTR" : "D_OP_SOU",
			     "operator %s must be applied to a struct or union",
			     n->kind == ND_ARROW ? "->" : ".");
	int off;
	const Member *m = type_member(t, n->name, &off);
	if (!m) {
		diag_error(s->cc->diag, n->pos, "D_TYPE_MEMBER", "%s is not a member of %s", n->name,
			   type_name(t));
		s->nerr++;
		return -1;
	}
	n->sym = (void *)m;
	n->ival = (uint64_t)off;
	n->ty = m->type;
	return 0;
}

/* (type) expr */
static int cast(Sema *s, Node *n)
{
	Type *t = resolve_typename(s, n->type);
	if (!t || expr(s, n->lhs))
		return -1;
	Type *f = n->lhs->ty;
	n->ty = t;
	if (t->kind == TY_VOID)
		return 0;
	bool ok = (type_is_scalar(t) && (type_is_scalar(f) || f->kind == TY_ARRAY)) ||
		  (t->kind == TY_STRING && is_stringish(f));
	if (!ok)
		return error(s, n, "D_CAST_INVAL", "invalid cast expression: %s",
			     arena_printf(s->cc->arena, "\"%s\" to \"%s\"", type_name(f), type_name(t)));
	if (n->lhs->is_const && type_is_int(t))
		set_const(n, t, wrap(t, n->lhs->cval));
	return 0;
}

static int size_of(Sema *s, Node *n)
{
	Type *t;
	if (n->type) {
		t = resolve_typename(s, n->type);
		if (!t)
			return -1;
	} else {
		if (expr(s, n->lhs))
			return -1;
		t = n->lhs->ty;
	}
	if (t->kind == TY_VOID || t->kind == TY_FUNC)
		return error(s, n, "D_SIZEOF_TYPE", "cannot apply sizeof to %s", type_name(t));
	set_const(n, &ty_ulong, t->size);
	return 0;
}

static int offset_of(Sema *s, Node *n)
{
	Type *t = resolve_typename(s, n->type);
	if (!t)
		return -1;
	int off;
	const Member *m = type_member(t, n->name, &off);
	if (!type_is_aggr(t))
		return error(s, n, "D_OFFSETOF_TYPE", "offsetof( ) first argument must be a struct or "
			     "union: %s", type_name(t));
	if (!m)
		return error(s, n, "D_UNKNOWN", "offsetof( ): %s is not a member", n->name);
	if (m->bits)
		return error(s, n, "D_OFFSETOF_BITFIELD", "cannot take offset of a bit-field: %s", n->name);
	set_const(n, &ty_ulong, off);
	return 0;
}

static int stringof(Sema *s, Node *n)
{
	if (expr(s, n->lhs))
		return -1;
	Type *t = n->lhs->ty;
	if (!is_stringish(t) && !type_is_scalar(t))
		return error(s, n, "D_STRINGOF_TYPE", "stringof( ) operand must be a string, a char "
			     "array or a pointer: not %s", type_name(t));
	n->ty = &ty_string;
	return 0;
}
static const struct {
	const char *name;
	AggFunc func;
	int min, max; /* arguments */
} aggfuncs[] = {
	{"count", AGG_COUNT, 0, 0},	   {"sum", AGG_SUM, 1, 1},	   {"avg", AGG_AVG, 1, 1},
	{"min", AGG_MIN, 1, 1},		   {"max", AGG_MAX, 1, 1},	   {"stddev", AGG_STDDEV, 1, 1},
	{"quantize", AGG_QUANTIZE, 1, 2}, {"lquantize", AGG_LQUANTIZE, 3, 5},
	{"llquantize", AGG_LLQUANTIZE, 5, 6},
};

/* The constant integer argument i of an aggregating function. */
static int agg_const(Sema *s, Node *call, int i, int64_t *v)
{
	Node *a = call->list.data[i];
	if (!a->is_const || !type_is_int(a->ty))
		return error(s, a, "D_LQUANT_ARG", "%s( ) argument must be an integer constant",
				 call->name);
	*v = a->cval;
	return 0;
}

/* lquantize(x, base, limit[, step]): DTrace's rules on the range. */
static int lquantize_args(Sema *s, Node *call, AggDesc *d)
{
	d->step = 1;
	if (agg_const(s, call, 1, &d->base) || agg_const(s, call, 2, &d->limit) ||
	    (call->list.len >= 4 && agg_const(s, call, 3, &d->step)))
		return -1;
	if (d->step <= 0 || d->step > UINT16_MAX)
		return error(s, call, "D_LQUANT_STEPVAL", "lquantize( ) step must be between 1 "
				 "and 65535%s", "");
	if (d->limit <= d->base)
		return error(s, call, "D_LQUANT_MISMATCH", "lquantize( ) limit must be greater "
				 "than the base%s", "");
	if ((d->limit - d->base) % d->step != 0)
		return error(s, call, "D_LQUANT_STEPLARGE", "lquantize( ) step must evenly divide "
				 "the difference between base and limit%s", "");
	if ((d->limit - d->base) / d->step > UINT16_MAX)
		return error(s, call, "D_LQUANT_STEPSMALL", "lquantize( ) step is too small for "
				 "the range%s", "");
	return 0;
}

/*
 * llquantize(x, factor, low, high, nsteps): DTrace's rules.  Each parameter
 * is an unsigned 16-bit constant; factor >= 2; low < high; nsteps >= factor,
 * a multiple of factor dividing a power of it; factor^(high+1) fits in 64
 * bits.
 */
static int llquantize_args(Sema *s, Node *call, AggDesc *d)
{
	static const struct {
		const char *what, *typetag, *valtag;
	} params[] = {
		{"factor", "D_LLQUANT_FACTORTYPE", "D_LLQUANT_FACTORVAL"},
		{"low magnitude", "D_LLQUANT_LOWTYPE", "D_LLQUANT_LOWVAL"},
		{"high magnitude", "D_LLQUANT_HIGHTYPE", "D_LLQUANT_HIGHVAL"},
		{"linear steps per magnitude", "D_LLQUANT_NSTEPTYPE", "D_LLQUANT_NSTEPVAL"},
	};
	int64_t v[4];
	for (int i = 0; i < 4; i++) {
		Node *a = call->list.data[i + 1];
		if (!a->is_const || !type_is_int(a->ty))
			return error(s, a, params[i].typetag, "llquantize( ) argument #%d (%s) must "
					 "be an integer constant", i + 1, params[i].what);
		if ((uint64_t)a->cval > UINT16_MAX)
			return error(s, a, params[i].valtag, "llquantize( ) argument #%d (%s) must "
					 "be an unsigned 16-bit quantity", i + 1, params[i].what);
		v[i] = a->cval;
	}
	d->factor = v[0], d->low = v[1], d->high = v[2], d->nsteps = v[3];
	if (d->factor < 2)
		return error(s, call, "D_LLQUANT_FACTORSMALL", "llquantize( ) factor (argument #1) "
				 "must be two or more%s", "");
	if (d->low >= d->high)
		return error(s, call, "D_LLQUANT_MAGRANGE", "llquantize( ) high magnitude "
				 "(argument #3) must be greater than low magnitude (argument #2)%s", "");
	if (d->nsteps < d->factor)
		return error(s, call, "D_LLQUANT_FACTORNSTEPS", "llquantize( ) factor (argument #1) "
				 "must be less than or equal to the number of linear steps per "
				 "magnitude (argument #4)%s", "");
	int64_t pow = d->factor;
	while (pow < d->nsteps)
		pow *= d->factor;
	if (d->nsteps % d->factor || pow % d->nsteps)
		return error(s, call, "D_LLQUANT_FACTOREVEN", "llquantize( ) factor (argument #1) "
				 "must evenly divide the number of steps per magnitude (argument #4), "
				 "and the number of steps per magnitude must evenly divide a power of "
				 "the factor%s", "");
	uint64_t order = 1;
	for (int64_t i = 0; i <= d->high; i++)
		if (__builtin_mul_overflow(order, (uint64_t)d->factor, &order))
			return error(s, call, "D_LLQUANT_MAGTOOBIG", "llquantize( ) factor (%d) raised "
					 "to power of high magnitude (%d) plus 1 overflows 64-bits",
					 (int)d->factor, (int)d->high);
	return 0;
}

/* A new aggregation takes its function and key signature from its first use. */
static AggDesc *agg_define(Sema *s, Node *agg, AggFunc func)
{
	AggDesc *d = xcalloc(1, sizeof(*d));
	d->name = xstrdup(agg->name);
	d->func = func;
	d->nkeys = agg->list.len;
	if (key_layout(s, &agg->list, d->keys, NULL, &d->keysize)) {
		free((char *)d->name);
		free(d);
		return NULL;
	}
	return d;
}

/* @name[keys] = func(args): check, and declare the aggregation on first use. */
static int agg_assign(Sema *s, Node *n)
{
	Node *agg = n->lhs, *call = n->rhs;
	if (n->op != OP_NONE || call->kind != ND_CALL)
		return error(s, n, "D_AGG_FUNC", "@%s must be assigned the result of an aggregating "
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
	int incr = agg_incr_arg(aggfuncs[f].func);
	for (int i = 0; i < call->list.len; i++) {
		if (type_is_int(((Node *)call->list.data[i])->ty))
			continue;
		if (incr && i == incr)
			return error(s, call, "D_PROTO_ARG", "%s( ) increment value (argument #%d) "
					 "must be of scalar type", call->name, incr + 1);
		return error(s, call, "D_AGG_SCALAR", "%s( ) argument must be of scalar type",
			     call->name);
	}
	for (int i = 0; i < agg->list.len; i++)
		if (expr(s, agg->list.data[i]))
			return -1;
	AggDesc *nd = agg_define(s, agg, aggfuncs[f].func);
	if (!nd)
		return -1;
	if ((nd->func == AGG_LQUANTIZE && lquantize_args(s, call, nd)) ||
	    (nd->func == AGG_LLQUANTIZE && llquantize_args(s, call, nd))) {
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
			    d->limit == nd->limit && d->step == nd->step && d->factor == nd->factor &&
			    d->low == nd->low && d->high == nd->high && d->nsteps == nd->nsteps;
		for (int k = 0; same && k < d->nkeys; k++)
			same = d->keys[k].kind == nd->keys[k].kind && d->keys[k].size == nd->keys[k].size;
		free((char *)nd->name);
		free(nd);
		if (!same)
			return error(s, n, "D_AGG_REDEF", "@%s is used with a different function or key "
					 "signature than before", agg->name);
		agg->sym = d;
		n->ty = &ty_void;
		return 0;
	}
	vec_push(&st->aggs, nd);
	nd->id = st->aggs.len;
	agg->sym = nd;
	n->ty = &ty_void;
	return 0;
}

/* The variable named by n, declared now if new, typed by the value assigned if untyped. */
static int assigned_var(Sema *s, Node *n, VarKind kind, Type *t)
{
	Var *v = find_var(s->cc->syms, kind, n->name);
	if (!v)
		v = declare_var(s->cc->syms, kind, n->name);
	return !v->type && var_settype(s, n, v, stored_type(t)) ? -1 : 0;
}

/*
 * The target of an assignment or ++/--: a global, self->, this-> or an
 * associative array element, declared with type t on first use.
 */
static int lvalue(Sema *s, Node *lhs, Type *t)
{
	switch (lhs->kind) {
	case ND_IDENT:
		if (find_builtin(lhs->name))
			return error(s, lhs, "D_IDENT_RDONLY", "%s is a read-only built-in variable",
				     lhs->name);
		return assigned_var(s, lhs, VAR_GLOBAL, t) ? -1 : ident(s, lhs);
	case ND_SELF:
	case ND_THIS:
		return assigned_var(s, lhs, lhs->kind == ND_SELF ? VAR_TLS : VAR_LOCAL, t) ? -1
										      : dynvar(s, lhs);
	case ND_INDEX:
		if (index_expr(s, lhs, true))
			return -1;
		if (!lhs->sym)
			return error(s, lhs, "D_OP_LVAL", "operator %s requires modifiable lvalue as an "
				     "operand (kernel memory is read-only)", "=");
		if (!lhs->ty) {
			Var *v = lhs->sym;
			if (var_settype(s, lhs, v, stored_type(t)))
				return -1;
			lhs->ty = v->type;
		}
		return 0;
	case ND_AGG:
		return error(s, lhs, "D_AGG_FUNC", "@%s must be assigned the result of an aggregating "
			     "function", lhs->name);
	default:
		return error(s, lhs, "D_OP_LVAL", "operator %s requires modifiable lvalue as an operand",
			     "=");
	}
}

/* Can a value of type f be stored in (or compared with) a t? */
static bool assignable(const Type *t, const Node *rhs)
{
	const Type *f = rhs->ty;
	if (t->kind == TY_PTR && f->kind == TY_INT)
		return true; /* D, like DTrace, lets integers become pointers */
	if (t->kind == TY_INT && f->kind == TY_PTR)
		return true;
	if (t->kind == TY_PTR && f->kind == TY_ARRAY)
		return type_compatible(t->base, f->base);
	return type_compatible(t, f);
}

static int assign(Sema *s, Node *n)
{
	if (n->lhs->kind == ND_AGG)
		return agg_assign(s, n);
	if (expr(s, n->rhs))
		return -1;
	if (n->rhs->ty->kind == TY_VOID)
		return error(s, n->rhs, "D_OP_VOID", "a void expression cannot be assigned%s", "");
	Type *t = n->op == OP_NONE ? n->rhs->ty : &ty_int64;
	if (lvalue(s, n->lhs, t))
		return -1;
	Type *lt = n->lhs->ty;
	n->ty = lt;
	if (n->op == OP_NONE) {
		if (!assignable(lt, n->rhs))
			return error(s, n, "D_OP_INCOMPAT", "operands have incompatible types: %s",
				     arena_printf(s->cc->arena, "\"%s\" = \"%s\"", type_name(lt),
						  type_name(n->rhs->ty)));
		return 0;
	}
	bool ptr_step = lt->kind == TY_PTR && (n->op == OP_ADD || n->op == OP_SUB);
	if ((!type_is_int(lt) && !ptr_step) || !type_is_int(n->rhs->ty))
		return error(s, n, "D_OP_INT", "operator %s requires operands of integral type",
			     ast_op_name(n->op));
	return 0;
}

static int incdec(Sema *s, Node *n)
{
	if (lvalue(s, n->lhs, &ty_int64))
		return -1;
	if (!type_is_scalar(n->lhs->ty))
		return error(s, n, "D_OP_SCALAR", "operator %s requires operand of scalar type",
			     ast_op_name(n->op));
	n->ty = n->lhs->ty;
	return 0;
}

static int action_args(Sema *s, Node *n, int min, int max)
{
	if (n->list.len < min || n->list.len > max) {
		bool few = n->list.len < min;
		diag_error(s->cc->diag, n->pos, "D_PROTO_LEN",
			   "%s( ) prototype mismatch: %d args passed, %s%d expected", n->name,
			   n->list.len, min == max ? "" : few ? "at least " : "at most ",
			   few ? min : max);
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
	if (is_stringish(t) && t->kind != TY_PTR)
		a.kind = PF_ARG_STRING;
	else if (t->kind == TY_FLOAT)
		a.kind = PF_ARG_FLOAT;
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

/* Values an action records: scalars and strings (char arrays read as strings). */
static int recordable(Sema *s, Node *a, const char *action)
{
	const Type *t = a->ty;
	if (type_is_scalar(t) || is_stringish(t) || (t->kind == TY_FLOAT && t->size <= 8))
		return 0;
	if (t->kind == TY_VOID)
		return error(s, a, "D_TRACE_VOID", "%s( ) may not be applied to a void expression",
			     action);
	return unsupported(s, a, arena_printf(s->cc->arena, "%s( ) of a value of type %s", action,
					      type_name(t)));
}

/* trace(): what printf takes, and structs, unions and arrays (recorded as bytes). */
static int check_trace(Sema *s, Node *a)
{
	const Type *t = a->ty;
	if (type_is_aggr(t) || (t->kind == TY_ARRAY && !type_is_charseq(t))) {
		if (t->size <= 0 || t->size > TRACE_MAX_BYTES)
			return error(s, a, "D_TRACE_SIZE", "trace( ) of a value of type %s (%d bytes) "
				     "is not possible: the limit is %d bytes", type_name(t), t->size,
				     TRACE_MAX_BYTES);
		return 0;
	}
	return recordable(s, a, "trace");
}

/* tracemem(addr, size[, dsize]): dt_action_tracemem's checks and words. */
static int check_tracemem(Sema *s, Node *n)
{
	if (action_args(s, n, 2, 3))
		return -1;
	Node *addr = n->list.data[0], *size = n->list.data[1];
	if (!type_is_scalar(addr->ty) && addr->ty->kind != TY_ARRAY)
		return error(s, addr, "D_TRACEMEM_ADDR", "tracemem( ) argument #1 is incompatible "
			     "with prototype:\n\tprototype: pointer or integer\n\t argument: %s",
			     type_name(addr->ty));
	if (!size->is_const || !type_is_int(size->ty) || size->cval <= 0)
		return error(s, size, "D_TRACEMEM_SIZE", "tracemem( ) argument #2 must be a "
			     "non-zero positive integral constant expression%s", "");
	if (size->cval > TRACE_MAX_BYTES)
		return error(s, size, "D_TRACEMEM_SIZE", "tracemem( ) argument #2 is too large: "
			     "the limit is %d bytes", TRACE_MAX_BYTES);
	if (n->list.len == 3 && !type_is_int(((Node *)n->list.data[2])->ty))
		return error(s, n->list.data[2], "D_TRACEMEM_DSIZE", "tracemem( ) dynamic size "
			     "(argument #3) must be of integer type%s", "");
	return 0;
}

static int check_printf(Sema *s, Node *n)
{
	const char *act = n->name; /* printf or system */
	if (n->list.len < 1) {
		diag_error(s->cc->diag, n->pos, "D_PRINTF_ARG_FMT",
			   "%s( ) prototype mismatch: at least 1 arg required", act);
		s->nerr++;
		return -1;
	}
	if (action_args(s, n, 1, 1 + 64))
		return -1;
	Node *f = n->list.data[0];
	if (f->kind != ND_STRING)
		return error(s, f, "D_PRINTF_ARG_FMT",
			     "%s( ) argument #1 is incompatible with prototype:\n\tprototype: string constant\n\t argument: %s",
			     act, type_name(f->ty));
	PfArgType args[64];
	int nargs = n->list.len - 1;
	for (int i = 0; i < nargs; i++) {
		Node *a = n->list.data[i + 1];
		if (recordable(s, a, act))
			return -1;
		args[i] = pf_type(a->ty);
	}
	return check_format(s, f, args, nargs, act);
}

static AggDesc *find_agg(Symtab *st, const char *name)
{
	for (int i = 0; i < st->aggs.len; i++)
		if (strcmp(((AggDesc *)st->aggs.data[i])->name, name) == 0)
			return st->aggs.data[i];
	return NULL;
}

/*
 * Argument i of an action on aggregations (printa, clear, trunc,
 * normalize): a bare @name defined before this point.  tag is the
 * action's diagnostic prefix, e.g. "D_PRINTA".
 */
static AggDesc *agg_arg(Sema *s, Node *call, int i, const char *tag)
{
	Node *a = call->list.data[i];
	const char *what;
	if (a->kind != ND_AGG || a->list.len) {
		if (a->kind == ND_AGG)
			what = arena_printf(s->cc->arena, "@%s[ ]", a->name);
		else if (expr(s, a))
			return NULL;
		else
			what = type_name(a->ty);
		error(s, a, arena_printf(s->cc->arena, "%s_AGGARG", tag), "%s( ) argument #%d is "
		      "incompatible with prototype:\n\tprototype: aggregation\n\t argument: %s",
		      call->name, i + 1, what);
		return NULL;
	}
	AggDesc *d = find_agg(s->cc->syms, a->name);
	if (!d) {
		error(s, a, arena_printf(s->cc->arena, "%s_AGGBAD", tag),
		      "undefined aggregation: @%s", a->name);
		return NULL;
	}
	a->sym = d;
	return d;
}

/* A key element as the format checker sees it (its width and sign are all a key keeps). */
static PfArgType key_arg_type(const AggKey *k)
{
	PfArgKind kind = k->kind == AGG_KEY_STR ? PF_ARG_STRING : PF_ARG_INT;
	return (PfArgType){kind, k->size, k->is_signed};
}

/*
 * printa() of several aggregations joins their entries by key, so the keys
 * must be laid out alike (dt_printa_validate's checks, in its words).
 * DTrace lets integer keys of different widths pass and then never joins
 * them; we refuse them.
 */
static int same_keys(Sema *s, Node *n, const AggDesc *a, const AggDesc *b)
{
	if (a->nkeys != b->nkeys)
		return error(s, n, "D_PRINTA_AGGKEY", "printa( ): @%s and @%s do not have "
			     "matching key signatures: @%s has %d key%s, @%s has %d key%s", a->name,
			     b->name, a->name, a->nkeys, a->nkeys == 1 ? "" : "s", b->name,
			     b->nkeys, b->nkeys == 1 ? "" : "s");
	for (int k = 0; k < a->nkeys; k++) {
		const AggKey *x = &a->keys[k], *y = &b->keys[k];
		if (x->kind == y->kind && x->size == y->size)
			continue;
		PfArgType tx = key_arg_type(x), ty = key_arg_type(y);
		return error(s, n, "D_PRINTA_AGGPROTO", "printa( ): @%s[ ] key #%d is incompatible "
			     "with @%s:\n%9s key #%d: %s\n%9s key #%d: %s", b->name, k + 1, a->name,
			     a->name, k + 1, pf_type_name(&tx), b->name, k + 1, pf_type_name(&ty));
	}
	return 0;
}

/* printa([format,] @a, ...): aggregations with the same keys, the format against them. */
static int check_printa(Sema *s, Node *n)
{
	int first = n->list.len >= 1 && ((Node *)n->list.data[0])->kind == ND_STRING;
	if (n->list.len < first + 1)
		return error(s, n, "D_PRINTA_PROTO", "printa( ) prototype mismatch: %d args "
			     "passed, %d expected", n->list.len, first + 1);
	AggDesc *d = NULL;
	for (int i = first; i < n->list.len; i++) {
		AggDesc *di = agg_arg(s, n, i, "D_PRINTA");
		if (!di || (d && same_keys(s, n, d, di)))
			return -1;
		if (!d)
			d = di;
	}
	if (!first)
		return 0;
	PfArgType args[16];
	for (int k = 0; k < d->nkeys; k++) {
		if (d->keys[k].kind == AGG_KEY_USTACK || d->keys[k].kind == AGG_KEY_USYM)
			return unsupported(s, n->list.data[0], "printa() formats of symbol keys");
		args[k] = key_arg_type(&d->keys[k]);
	}
	return check_format(s, n->list.data[0], args, d->nkeys, "printa");
}

/*
 * clear(@a), trunc(@a[, n]), normalize(@a, n), denormalize(@a): the
 * aggregation, then a scalar count where one is taken (dt_action_clear,
 * dt_action_trunc, dt_action_normalize).
 */
static int check_aggop(Sema *s, Node *n, const char *tag, int min, int max)
{
	Arena *a = s->cc->arena;
	if (n->list.len < min || n->list.len > max) {
		const char *want = min == max ? arena_printf(a, "%d", min)
				 : n->list.len < min ? "at least 1" : "no more than 2";
		return error(s, n, arena_printf(a, "%s_PROTO", tag), "%s( ) prototype mismatch: "
			     "%d args passed, %s expected", n->name, n->list.len, want);
	}
	if (!agg_arg(s, n, 0, tag))
		return -1;
	if (n->list.len == 1)
		return 0;
	Node *count = n->list.data[1];
	if (expr(s, count))
		return -1;
	if (!type_is_scalar(count->ty))
		return error(s, count, arena_printf(a, "%s_SCALAR", tag),
			     "%s( ) argument #2 must be of scalar type", n->name);
	return 0;
}

/* setopt(option[, value]): strings, applied by the consumer when it gets there. */
static int check_setopt(Sema *s, Node *n)
{
	if (action_args(s, n, 1, 2))
		return -1;
	for (int i = 0; i < n->list.len; i++) {
		Node *a = n->list.data[i];
		if (!is_stringish(a->ty))
			return error(s, a, "D_PROTO_ARG", "setopt( ) argument #%d is incompatible "
				     "with prototype:\n\tprototype: string\n\t argument: %s", i + 1,
				     type_name(a->ty));
	}
	return 0;
}

/* A subroutine call against its signature in the table (subr.c). */
static int subr_call(Sema *s, Node *n, const SubrDesc *d)
{
	n->sym = (void *)d;
	n->ty = d->ret;
	if (action_args(s, n, d->min, d->max))
		return -1;
	for (int i = 0; i < n->list.len; i++) {
		Node *a = n->list.data[i];
		SubrArg want = d->args[i];
		bool ok = want == SA_STRING ? is_stringish(a->ty)
			: want == SA_INT ? type_is_int(a->ty) : type_is_scalar(a->ty);
		if (!ok)
			return error(s, a, "D_PROTO_ARG", "%s( ) argument #%d is incompatible with "
				     "prototype:\n\tprototype: %s\n\t argument: %s", n->name, i + 1,
				     want == SA_STRING ? "string" : want == SA_INT ? "int" : "uintptr_t",
				     type_name(a->ty));
	}
	return 0;
}

static bool is_destructive_call(const char *name)
{
	static const char *const names[] = {"raise", "stop", "copyout", "copyoutstr", "chill",
					    "breakpoint", "panic"};
	for (size_t i = 0; i < ARRAY_SIZE(names); i++)
		if (strcmp(name, names[i]) == 0)
			return true;
	return false;
}

/* Argument i of a destructive action must be an integer or pointer (D_PROTO_ARG). */
static int scalar_arg(Sema *s, Node *n, int i, const char *proto)
{
	Node *a = n->list.data[i];
	if (type_is_scalar(a->ty) || (i == 0 && a->ty->kind == TY_ARRAY))
		return 0;
	return error(s, a, "D_PROTO_ARG", "%s( ) argument #%d is incompatible with prototype:"
		     "\n\tprototype: %s\n\t argument: %s", n->name, i + 1, proto,
		     type_name(a->ty));
}

/*
 * raise(sig), stop(), copyout(buf, addr, nbytes), copyoutstr(str, addr,
 * maxlen); chill(), breakpoint() and panic() cannot be done by a BPF
 * program and are refused with the reason.
 */
static int check_destructive(Sema *s, Node *n)
{
	const char *nm = n->name;
	if (!strcmp(nm, "chill") || !strcmp(nm, "breakpoint") || !strcmp(nm, "panic"))
		return error(s, n, "D_ACT_LINUX", "%s( ) is not available on Linux: %s", nm,
			     nm[0] == 'c' ? "a BPF program cannot busy-wait for a given time"
			     : nm[0] == 'b' ? "a BPF program cannot enter a kernel debugger"
			     : "a BPF program cannot panic the kernel");
	if (!strcmp(nm, "stop")) {
		n->ival = ACTF_STOP;
		return action_args(s, n, 0, 0);
	}
	if (!strcmp(nm, "raise")) {
		n->ival = ACTF_RAISE;
		return action_args(s, n, 1, 1) || scalar_arg(s, n, 0, "int");
	}
	bool str = !strcmp(nm, "copyoutstr");
	n->ival = str ? ACTF_COPYOUTSTR : ACTF_COPYOUT;
	if (action_args(s, n, 3, 3))
		return -1;
	if (str && !is_stringish(((Node *)n->list.data[0])->ty))
		return error(s, n->list.data[0], "D_PROTO_ARG", "copyoutstr( ) argument #1 is "
			     "incompatible with prototype:\n\tprototype: string\n\t argument: %s",
			     type_name(((Node *)n->list.data[0])->ty));
	if ((!str && scalar_arg(s, n, 0, "void *")) || scalar_arg(s, n, 1, "uintptr_t") ||
	    scalar_arg(s, n, 2, "size_t"))
		return -1;
	return 0;
}

/* ufunc(), usym(), uaddr(), umod(): how each prints its address, 0 for other names. */
int usym_kind(const char *name)
{
	if (!strcmp(name, "ufunc") || !strcmp(name, "usym"))
		return USYM_AS_FUNC;
	return !strcmp(name, "uaddr") ? USYM_AS_ADDR : !strcmp(name, "umod") ? USYM_AS_MOD : 0;
}

/* ustack([nframes[, strsize]]): constant positive integers; strsize (jstack's) is ignored. */
static int check_ustack(Sema *s, Node *n)
{
	if (action_args(s, n, 0, 2))
		return -1;
	for (int i = 0; i < n->list.len; i++) {
		Node *a = n->list.data[i];
		if (!a->is_const || !type_is_int(a->ty) || a->cval <= 0 ||
		    (i == 0 && a->cval > DT_USTACK_MAX))
			return error(s, a, "D_USTACK_FRAMES", "ustack( ) argument #%d must be a "
				     "constant between 1 and %d", i + 1, DT_USTACK_MAX);
	}
	return 0;
}

/* stack() or stack(n): n a positive constant; the depth is kept in cval. */
static int check_stack(Sema *s, Node *n)
{
	n->ival = ACTF_STACK;
	if (action_args(s, n, 0, 1))
		return -1;
	n->cval = s->cc->stackframes;
	if (n->list.len) {
		Node *a = n->list.data[0];
		if (expr(s, a))
			return -1;
		if (!a->is_const || !type_is_int(a->ty) || a->cval <= 0)
			return error(s, a, "D_STACK_PROTO", "stack( ) argument #1 must be a non-zero "
				     "positive integer constant%s", "");
		n->cval = a->cval;
	}
	if (n->cval > STACK_MAX_FRAMES)
		return error(s, n, "D_STACK_SIZE", "stack( ) of more than %d frames is not "
			     "supported", STACK_MAX_FRAMES);
	return 0;
}

static int call(Sema *s, Node *n)
{
	n->ty = &ty_void;
	if (strcmp(n->name, "trace") == 0) {
		n->ival = ACTF_TRACE;
		if (action_args(s, n, 1, 1))
			return -1;
		return check_trace(s, n->list.data[0]);
	}
	if (strcmp(n->name, "print") == 0) {
		n->ival = ACTF_PRINT;
		if (action_args(s, n, 1, 1))
			return -1;
		Node *a = n->list.data[0];
		if (a->ty->kind == TY_VOID)
			return error(s, a, "D_PRINT_VOID", "print( ) may not be applied to a void "
				     "expression%s", "");
		return check_trace(s, a);
	}
	if (strcmp(n->name, "speculate") == 0 || strcmp(n->name, "commit") == 0 ||
	    strcmp(n->name, "discard") == 0) {
		n->ival = n->name[0] == 's' ? ACTF_SPECULATE : n->name[0] == 'c' ? ACTF_COMMIT
			: ACTF_DISCARD;
		if (action_args(s, n, 1, 1))
			return -1;
		Node *a = n->list.data[0];
		if (!type_is_int(a->ty))
			return error(s, a, "D_PROTO_ARG", "%s( ) argument #1 is incompatible with "
				     "prototype:\n\tprototype: int\n\t argument: %s", n->name,
				     type_name(a->ty));
		return 0;
	}
	if (strcmp(n->name, "tracemem") == 0) {
		n->ival = ACTF_TRACEMEM;
		return check_tracemem(s, n);
	}
	if (strcmp(n->name, "printf") == 0 || strcmp(n->name, "system") == 0) {
		n->ival = n->name[0] == 'p' ? ACTF_PRINTF : ACTF_SYSTEM;
		return check_printf(s, n);
	}
	if (is_destructive_call(n->name))
		return check_destructive(s, n);
	if (strcmp(n->name, "printa") == 0) {
		n->ival = ACTF_PRINTA;
		return check_printa(s, n);
	}
	if (strcmp(n->name, "clear") == 0) {
		n->ival = ACTF_CLEAR;
		return check_aggop(s, n, "D_CLEAR", 1, 1);
	}
	if (strcmp(n->name, "trunc") == 0) {
		n->ival = ACTF_TRUNC;
		return check_aggop(s, n, "D_TRUNC", 1, 2);
	}
	if (strcmp(n->name, "normalize") == 0 || strcmp(n->name, "denormalize") == 0) {
		bool de = n->name[0] == 'd';
		n->ival = de ? ACTF_DENORMALIZE : ACTF_NORMALIZE;
		return check_aggop(s, n, "D_NORMALIZE", de ? 1 : 2, de ? 1 : 2);
	}
	if (strcmp(n->name, "setopt") == 0) {
		n->ival = ACTF_SETOPT;
		return check_setopt(s, n);
	}
	if (strcmp(n->name, "stack") == 0)
		return check_stack(s, n);
	if (strcmp(n->name, "exit") == 0) {
		n->ival = ACTF_EXIT;
		if (action_args(s, n, 1, 1))
			return -1;
		if (!type_is_int(((Node *)n->list.data[0])->ty))
			return error(s, n, "D_PROTO_ARG", "exit( ) argument #1 is incompatible with prototype:\n\tprototype: int%s", "");
		return 0;
	}
	if (strcmp(n->name, "ustack") == 0) {
		n->ival = ACTF_USTACK;
		return check_ustack(s, n);
	}
	if (usym_kind(n->name)) {
		n->ival = ACTF_USYM;
		if (action_args(s, n, 1, 1))
			return -1;
		if (!type_is_scalar(((Node *)n->list.data[0])->ty))
			return error(s, n, "D_PROTO_ARG", "%s( ) argument #1 is incompatible with "
				     "prototype:\n\tprototype: uintptr_t", n->name);
		return 0;
	}
	const SubrDesc *d = subr_lookup(n->name);
	if (d)
		return subr_call(s, n, d);
	diag_error(s->cc->diag, n->pos, "D_UNSUPPORTED", "%s( ) is not supported yet", n->name);
	s->nerr++;
	return -1;
}

static int cond_expr(Sema *s, Node *n)
{
	if (expr(s, n->cond) || expr(s, n->then) || expr(s, n->els))
		return -1;
	Type *a = n->then->ty, *b = n->els->ty;
	if (!type_is_scalar(n->cond->ty))
		return error(s, n->cond, "D_OP_SCALAR", "operator ?: requires a scalar condition%s", "");
	if (type_is_int(a) && type_is_int(b))
		n->ty = type_arith(a, b);
	else if (is_stringish(a) && is_stringish(b) && (a->kind == TY_STRING || b->kind == TY_STRING))
		n->ty = &ty_string;
	else if (a->kind == TY_PTR && (b->kind == TY_PTR || b->kind == TY_INT))
		n->ty = a;
	else if (b->kind == TY_PTR && a->kind == TY_INT)
		n->ty = b;
	else
		return error(s, n, "D_OP_INCOMPAT", "operator ?: operands must have compatible types: %s",
			     arena_printf(s->cc->arena, "\"%s\" and \"%s\"", type_name(a), type_name(b)));
	if (n->cond->is_const && n->then->is_const && n->els->is_const && type_is_int(n->ty))
		set_const(n, n->ty, wrap(n->ty, n->cond->cval ? n->then->cval : n->els->cval));
	return 0;
}

static int expr(Sema *s, Node *n)
{
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
		return unary(s, n);
	case ND_POSTFIX:
		return incdec(s, n);
	case ND_BINARY:
		return binary(s, n);
	case ND_ASSIGN:
		return assign(s, n);
	case ND_COND:
		return cond_expr(s, n);
	case ND_CALL:
		return call(s, n);
	case ND_AGG:
		return error(s, n, "D_AGG_SCALAR", "aggregation @%s may only be used as the target of "
			     "an aggregating function or with printa( ) and the like", n->name);
	case ND_SELF:
	case ND_THIS:
		return dynvar(s, n);
	case ND_INDEX:
		return index_expr(s, n, false);
	case ND_MEMBER:
	case ND_ARROW:
		return member(s, n);
	case ND_CAST:
		return cast(s, n);
	case ND_SIZEOF:
		return size_of(s, n);
	case ND_OFFSETOF:
		return offset_of(s, n);
	case ND_STRINGOF:
		return stringof(s, n);
	case ND_KSYM:
		return unsupported(s, n, "kernel symbols");
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
		if (!type_is_scalar(n->cond->ty))
			return error(s, n->cond, "D_IF_SCALAR", "if condition must be of scalar type%s", "");
		if (stmt(s, n->then))
			return -1;
		return n->els ? stmt(s, n->els) : 0;
	case ND_DECL:
		return unsupported(s, n, "declarations inside a clause");
	default:
		return unsupported(s, n, ast_kind_name(n->kind));
	}
}

/* Destructive actions: refused without -w, never after speculate(). */
static bool act_is_destructive(int act)
{
	return act >= ACTF_SYSTEM && act <= ACTF_COPYOUTSTR;
}

/* What dt_stmt_append() has seen so far in a clause. */

typedef struct SpecOrder {
	bool commit, speculate, datarec;
} SpecOrder;

typedef enum ActClass { AC_NONE, AC_DATA, AC_AGG, AC_EXIT, AC_DESTRUCTIVE, AC_SPECULATE,
			AC_COMMIT, AC_DISCARD } ActClass;

static ActClass act_class(const Node *st)
{
	const Node *e = st->lhs;
	if (e->kind == ND_ASSIGN && e->lhs->kind == ND_AGG)
		return AC_AGG;
	if (e->kind != ND_CALL || !e->ival)
		return AC_NONE; /* an expression: records nothing */
	switch (e->ival) {
	case ACTF_SPECULATE: return AC_SPECULATE;
	case ACTF_COMMIT: return AC_COMMIT;
	case ACTF_DISCARD: return AC_DISCARD;
	case ACTF_EXIT: return AC_EXIT;
	default: return act_is_destructive(e->ival) ? AC_DESTRUCTIVE : AC_DATA;
	}
}

/* One action against those before it: dt_stmt_append()'s rules, in its words and tags. */
static int spec_order_one(Sema *s, SpecOrder *so, const Node *st, bool in_if)
{
	ActClass c = act_class(st);
	const char *clash = NULL, *tag = NULL;
	if (c == AC_COMMIT) {
		if (so->commit)
			tag = "D_COMM_COMM", clash = "commit( ) may not follow commit( )";
		else if (so->datarec)
			tag = "D_COMM_DREC", clash = "commit( ) may not follow data-recording action(s)";
		so->commit = true;
	} else if (c == AC_SPECULATE) {
		if (so->speculate)
			tag = "D_SPEC_SPEC", clash = "speculate( ) may not follow speculate( )";
		else if (so->commit)
			tag = "D_SPEC_COMM", clash = "speculate( ) may not follow commit( )";
		else if (so->datarec)
			tag = "D_SPEC_DREC", clash = "speculate( ) may not follow data-recording action(s)";
		else if (in_if)
			tag = "D_SPEC_IF", clash = "speculate( ) may not be used inside if/else: use a "
						   "predicate";
		so->speculate = true;
	} else if (c == AC_AGG) {
		if (so->speculate)
			tag = "D_AGG_SPEC", clash = "aggregating actions may not follow speculate( )";
		else if (so->commit)
			tag = "D_AGG_COMM", clash = "aggregating actions may not follow commit( )";
		so->datarec = true;
	} else if (c != AC_NONE) {
		if (so->speculate && c == AC_DESTRUCTIVE)
			tag = "D_ACT_SPEC", clash = "destructive actions may not follow speculate( )";
		else if (so->speculate && c == AC_EXIT)
			tag = "D_EXIT_SPEC", clash = "exit( ) may not follow speculate( )";
		else if (c != AC_DESTRUCTIVE && c != AC_DISCARD && so->commit)
			tag = "D_DREC_COMM", clash = "data-recording actions may not follow commit( )";
		if (c != AC_DESTRUCTIVE && c != AC_DISCARD && !so->speculate)
			so->datarec = true;
	}
	return clash ? error(s, st->lhs, tag, "%s", clash) : 0;
}

/* The clause's actions in order, through if/else (DTrace splits such a clause, in order). */
static int spec_order(Sema *s, SpecOrder *so, const Node *st, bool in_if)
{
	switch (st->kind) {
	case ND_BLOCK:
		for (int i = 0; i < st->list.len; i++)
			if (spec_order(s, so, st->list.data[i], in_if))
				return -1;
		return 0;
	case ND_IF:
		if (spec_order(s, so, st->then, true))
			return -1;
		return st->els ? spec_order(s, so, st->els, true) : 0;
	case ND_EXPR_STMT: return spec_order_one(s, so, st, in_if);
	default: return 0;
	}
}

int sema_clause(CompileCtx *cc, Node *clause)
{
	Sema s = {.cc = cc};
	if (clause->cond) {
		if (expr(&s, clause->cond))
			return -1;
		if (!type_is_scalar(clause->cond->ty))
			return error(&s, clause->cond, "D_PRED_SCALAR",
				     "predicate result must be of scalar type%s", "");
	}
	if (clause->then && stmt(&s, clause->then))
		return -1;
	SpecOrder so = {0};
	if (!s.nerr && clause->then && spec_order(&s, &so, clause->then, false))
		return -1;
	return s.nerr ? -1 : 0;
}
