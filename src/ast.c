/*
 * ast.c - building and dumping the D syntax tree.
 *
 * ast_dump() prints a tree as indented S-expressions for golden tests and
 * for people: a node that fits on the rest of an 80-column line is printed
 * on one line, otherwise its children go one per line, two spaces deeper:
 *
 *   (program
 *     (clause
 *       (probes "syscall::read:entry")
 *       (pred (binary == (ident pid) (int 1)))
 *       (block (expr (assign = (agg @ (ident execname)) (call count))))))
 *
 * The dump goes through a small intermediate tree (Sx: a head string and
 * children) built in a private Arena, so the layout rule lives in one
 * printer.  The format is stable: golden files depend on it.  Nothing here
 * changes the tree.
 */
#include "ast.h"

#include <inttypes.h>
#include <string.h>

Node *ast_new(Arena *a, NodeKind kind, Pos pos)
{
	Node *n = arena_alloc(a, sizeof(*n));
	n->kind = kind;
	n->pos = pos;
	return n;
}

void ast_push(Arena *a, Vec *v, void *p)
{
	if (v->len == v->cap) {
		int cap = v->cap ? v->cap * 2 : 4;
		void **data = arena_alloc(a, sizeof(void *) * (size_t)cap);
		if (v->len)
			memcpy(data, v->data, sizeof(void *) * (size_t)v->len);
		v->data = data;
		v->cap = cap;
	}
	v->data[v->len++] = p;
}

static const char *const kind_names[ND_NKINDS] = {
	[ND_INT] = "ND_INT", [ND_STRING] = "ND_STRING", [ND_IDENT] = "ND_IDENT",
	[ND_MACRO] = "ND_MACRO", [ND_KSYM] = "ND_KSYM", [ND_AGG] = "ND_AGG",
	[ND_SELF] = "ND_SELF", [ND_THIS] = "ND_THIS", [ND_UNARY] = "ND_UNARY",
	[ND_POSTFIX] = "ND_POSTFIX", [ND_BINARY] = "ND_BINARY", [ND_ASSIGN] = "ND_ASSIGN",
	[ND_COND] = "ND_COND", [ND_CALL] = "ND_CALL", [ND_INDEX] = "ND_INDEX",
	[ND_MEMBER] = "ND_MEMBER", [ND_ARROW] = "ND_ARROW", [ND_CAST] = "ND_CAST",
	[ND_SIZEOF] = "ND_SIZEOF", [ND_OFFSETOF] = "ND_OFFSETOF", [ND_STRINGOF] = "ND_STRINGOF",
	[ND_XLATE] = "ND_XLATE", [ND_EXPR_STMT] = "ND_EXPR_STMT", [ND_IF] = "ND_IF",
	[ND_BLOCK] = "ND_BLOCK", [ND_EMPTY] = "ND_EMPTY", [ND_PROGRAM] = "ND_PROGRAM",
	[ND_CLAUSE] = "ND_CLAUSE", [ND_PROBEDESC] = "ND_PROBEDESC", [ND_DECL] = "ND_DECL",
	[ND_ENUMERATOR] = "ND_ENUMERATOR", [ND_PRAGMA] = "ND_PRAGMA", [ND_INLINE] = "ND_INLINE",
	[ND_TRANSLATOR] = "ND_TRANSLATOR", [ND_XLMEMBER] = "ND_XLMEMBER",
	[ND_CONTROL] = "ND_CONTROL", [ND_PROVIDER] = "ND_PROVIDER",
	[ND_PROBEPROTO] = "ND_PROBEPROTO",
};

const char *ast_kind_name(NodeKind kind)
{
	if ((int)kind < 0 || kind >= ND_NKINDS || !kind_names[kind])
		return "ND_?";
	return kind_names[kind];
}

const char *ast_op_name(Op op)
{
	static const char *const names[OP_NOPS] = {
		[OP_NONE] = "", [OP_ADD] = "+", [OP_SUB] = "-", [OP_MUL] = "*", [OP_DIV] = "/",
		[OP_MOD] = "%", [OP_SHL] = "<<", [OP_SHR] = ">>", [OP_BAND] = "&", [OP_BOR] = "|",
		[OP_XOR] = "^", [OP_LT] = "<", [OP_LE] = "<=", [OP_GT] = ">", [OP_GE] = ">=",
		[OP_EQ] = "==", [OP_NE] = "!=", [OP_LAND] = "&&", [OP_LOR] = "||", [OP_LXOR] = "^^",
		[OP_COMMA] = ",", [OP_NEG] = "-", [OP_PLUS] = "+", [OP_NOT] = "!", [OP_BNOT] = "~",
		[OP_DEREF] = "*", [OP_ADDR] = "&", [OP_PREINC] = "++", [OP_PREDEC] = "--",
		[OP_POSTINC] = "++", [OP_POSTDEC] = "--",
	};
	if ((int)op < 0 || op >= OP_NOPS || !names[op])
		return "?";
	return names[op];
}

/* ---- the intermediate S-expression tree ---- */

/*
 * The dump's private state.  The Arena comes first so that the helpers,
 * which only allocate, can take the Dump as an Arena *; node_sx() reads
 * show_pos through the same pointer.
 */
typedef struct Dump {
	Arena arena;
	bool show_pos;
} Dump;

typedef struct Sx {
	const char *head;
	Vec kids;  /* Sx* */
	int width; /* see flat_width() */
} Sx;

static Sx *sx(Arena *a, const char *head)
{
	Sx *s = arena_alloc(a, sizeof(*s));
	s->head = head;
	return s;
}

static void sx_add(Arena *a, Sx *s, Sx *kid)
{
	if (kid)
		ast_push(a, &s->kids, kid);
}

/* Append " atom" to the head. */
static void sx_atom(Arena *a, Sx *s, const char *atom)
{
	s->head = arena_printf(a, "%s %s", s->head, atom);
}

/* A C-style quoted string; non-printable bytes as escapes. */
static const char *quote(Arena *a, const char *s, int len)
{
	StrBuf b = {0};
	sb_putc(&b, '"');
	for (int i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *esc = c == '"' ? "\\\"" : c == '\\' ? "\\\\" : c == '\n' ? "\\n"
				: c == '\t' ? "\\t" : c == '\r' ? "\\r" : NULL;
		if (esc)
			sb_puts(&b, esc);
		else if (c < ' ' || c >= 0x7f)
			sb_printf(&b, "\\x%02x", c);
		else
			sb_putc(&b, (char)c);
	}
	sb_putc(&b, '"');
	const char *r = arena_strdup(a, b.s);
	sb_free(&b);
	return r;
}

/* A pragma word as is, or quoted when it would not read back as one atom. */
static const char *word(Arena *a, const char *w)
{
	bool plain = *w != '\0';
	for (const char *c = w; *c; c++)
		if (*c <= ' ' || *c >= 0x7f || strchr("\"()\\", *c))
			plain = false;
	return plain ? w : quote(a, w, (int)strlen(w));
}

static Sx *node_sx(Arena *a, const Node *n);
static Sx *typename_sx(Arena *a, const TypeName *t);

static void kids_sx(Arena *a, Sx *s, const Vec *nodes)
{
	for (int i = 0; i < nodes->len; i++)
		sx_add(a, s, node_sx(a, nodes->data[i]));
}

/* ---- types ---- */

static void basic_words(Arena *a, Sx *s, const DeclSpec *sp)
{
	static const struct {
		int bit;
		const char *word;
	} words[] = {
		{TB_SIGNED, "signed"}, {TB_UNSIGNED, "unsigned"}, {TB_SHORT, "short"},
		{TB_LONG, NULL}, {TB_VOID, "void"}, {TB_CHAR, "char"}, {TB_INT, "int"},
		{TB_FLOAT, "float"}, {TB_DOUBLE, "double"}, {TB_STRING, "string"},
		{TB_BOOL, "_Bool"},
	};
	for (size_t i = 0; i < ARRAY_SIZE(words); i++) {
		if (!(sp->basic & words[i].bit))
			continue;
		if (words[i].bit == TB_LONG)
			sx_atom(a, s, sp->nlong > 1 ? "long long" : "long");
		else
			sx_atom(a, s, words[i].word);
	}
}

/* Storage class, qualifiers and type words of a DeclSpec, as atoms of s. */
static void spec_words(Arena *a, Sx *s, const DeclSpec *sp)
{
	static const char *const storage[] = {
		[SC_NONE] = NULL, [SC_EXTERN] = "extern", [SC_STATIC] = "static",
		[SC_REGISTER] = "register", [SC_AUTO] = "auto", [SC_TYPEDEF] = "typedef",
		[SC_SELF] = "self", [SC_THIS] = "this",
	};
	static const char *const kinds[] = {
		[SPEC_STRUCT] = "struct", [SPEC_UNION] = "union", [SPEC_ENUM] = "enum",
	};
	if (sp->storage != SC_NONE)
		sx_atom(a, s, storage[sp->storage]);
	const char *quals[] = {"const", "volatile", "restrict", "userland"};
	for (int i = 0; i < 4; i++)
		if (sp->quals & (1 << i))
			sx_atom(a, s, quals[i]);
	if (sp->kind == SPEC_BASIC)
		basic_words(a, s, sp);
	if (sp->kind == SPEC_STRUCT || sp->kind == SPEC_UNION || sp->kind == SPEC_ENUM)
		sx_atom(a, s, kinds[sp->kind]);
	if (sp->name && sp->module)
		sx_atom(a, s, arena_printf(a, "%s`%s", sp->module, sp->name));
	else if (sp->name)
		sx_atom(a, s, sp->name);
}

/* The members or enumerators of a struct/union/enum body, as kids of s. */
static void spec_body(Arena *a, Sx *s, const DeclSpec *sp)
{
	if (!sp->has_body)
		return;
	kids_sx(a, s, &sp->members);
	kids_sx(a, s, &sp->enumerators);
}

static Sx *deriv_sx(Arena *a, const Deriv *d)
{
	Sx *s;
	switch (d->kind) {
	case DK_POINTER:
		s = sx(a, "ptr");
		for (int i = 0; i < 4; i++)
			if (d->quals & (1 << i))
				sx_atom(a, s, (const char *[]){"const", "volatile", "restrict",
							       "userland"}[i]);
		return s;
	case DK_ARRAY:
		s = sx(a, d->keys.len ? "assoc" : "array");
		sx_add(a, s, d->size ? node_sx(a, d->size) : NULL);
		for (int i = 0; i < d->keys.len; i++)
			sx_add(a, s, typename_sx(a, d->keys.data[i]));
		return s;
	case DK_FUNC:
	default:
		s = sx(a, "func");
		if (d->varargs)
			sx_atom(a, s, "varargs");
		for (int i = 0; i < d->params.len; i++)
			sx_add(a, s, typename_sx(a, d->params.data[i]));
		return s;
	}
}

static void derivs_sx(Arena *a, Sx *s, const Deriv *d)
{
	for (; d; d = d->next)
		sx_add(a, s, deriv_sx(a, d));
}

static Sx *declarator_sx(Arena *a, const Declarator *d)
{
	Sx *s = sx(a, "declarator");
	if (d->name)
		sx_atom(a, s, d->name);
	derivs_sx(a, s, d->deriv);
	if (d->bitwidth) {
		Sx *bits = sx(a, "bits");
		sx_add(a, bits, node_sx(a, d->bitwidth));
		sx_add(a, s, bits);
	}
	return s;
}

/* (type <spec words> [members] [(name x)] <derivations>) */
static Sx *type_sx(Arena *a, const TypeName *t, bool show_name)
{
	Sx *s = sx(a, "type");
	spec_words(a, s, t->spec);
	spec_body(a, s, t->spec);
	if (t->decl->name && show_name)
		sx_add(a, s, sx(a, arena_printf(a, "name %s", t->decl->name)));
	derivs_sx(a, s, t->decl->deriv);
	return s;
}

static Sx *typename_sx(Arena *a, const TypeName *t)
{
	return type_sx(a, t, true);
}

/* ---- nodes ---- */

static const char *int_head(Arena *a, const Node *n)
{
	if (n->is_char)
		return arena_printf(a, "char %" PRIu64, n->ival);
	const char *suffix = "";
	if (n->isuffix & (IS_U | IS_L | IS_LL))
		suffix = arena_printf(a, " %s%s", n->isuffix & IS_U ? "U" : "",
				      n->isuffix & IS_LL ? "LL" : n->isuffix & IS_L ? "L" : "");
	return arena_printf(a, "int %" PRIu64 "%s", n->ival, suffix);
}

/* Leaves: constants, names and variables. */
static const char *leaf_head(Arena *a, const Node *n)
{
	switch (n->kind) {
	case ND_INT: return int_head(a, n);
	case ND_STRING: return arena_printf(a, "string %s", quote(a, n->str, n->slen));
	case ND_IDENT: return arena_printf(a, "ident %s", n->name);
	case ND_MACRO: return arena_printf(a, "macro %s%s", n->is_str ? "$$" : "$", n->name);
	case ND_KSYM:
		return arena_printf(a, "ksym %s`%s", n->module ? n->module : "", n->name);
	case ND_AGG: return arena_printf(a, "agg @%s", n->name);
	case ND_SELF: return arena_printf(a, "self %s", n->name);
	case ND_THIS: return arena_printf(a, "this %s", n->name);
	case ND_EMPTY: return "empty";
	case ND_CONTROL: return arena_printf(a, "control %s", quote(a, n->str, (int)strlen(n->str)));
	default: return NULL;
	}
}

/* The head of an operator or named node: "binary +", "call trace", ... */
static const char *op_head(Arena *a, const Node *n)
{
	switch (n->kind) {
	case ND_UNARY: return arena_printf(a, "unary %s", ast_op_name(n->op));
	case ND_POSTFIX: return arena_printf(a, "postfix %s", ast_op_name(n->op));
	case ND_BINARY: return arena_printf(a, "binary %s", ast_op_name(n->op));
	case ND_ASSIGN: return arena_printf(a, "assign %s=", ast_op_name(n->op));
	case ND_CALL: return arena_printf(a, "call %s", n->name);
	case ND_MEMBER: return arena_printf(a, "member %s", n->name);
	case ND_ARROW: return arena_printf(a, "arrow %s", n->name);
	case ND_OFFSETOF: return arena_printf(a, "offsetof %s", n->name);
	case ND_ENUMERATOR: return arena_printf(a, "enumerator %s", n->name);
	case ND_INLINE: return arena_printf(a, "inline %s", n->name);
	case ND_XLMEMBER: return arena_printf(a, "xlmember %s", n->name);
	case ND_PROVIDER: return arena_printf(a, "provider %s", n->name);
	case ND_PROBEPROTO: return arena_printf(a, "probe %s", n->name);
	case ND_PROBEDESC: return arena_printf(a, "probe %s", quote(a, n->str, (int)strlen(n->str)));
	default: return NULL;
	}
}

static const char *const plain_heads[ND_NKINDS] = {
	[ND_COND] = "cond", [ND_INDEX] = "index", [ND_CAST] = "cast", [ND_SIZEOF] = "sizeof",
	[ND_STRINGOF] = "stringof", [ND_XLATE] = "xlate", [ND_EXPR_STMT] = "expr",
	[ND_IF] = "if", [ND_BLOCK] = "block", [ND_PROGRAM] = "program", [ND_CLAUSE] = "clause",
	[ND_DECL] = "decl", [ND_PRAGMA] = "pragma", [ND_TRANSLATOR] = "translator",
};

static Sx *clause_sx(Arena *a, Sx *s, const Node *n)
{
	Sx *probes = sx(a, "probes");
	for (int i = 0; i < n->list.len; i++) {
		const Node *pd = n->list.data[i];
		sx_atom(a, probes, quote(a, pd->str, (int)strlen(pd->str)));
	}
	sx_add(a, s, probes);
	if (n->cond) {
		Sx *pred = sx(a, "pred");
		sx_add(a, pred, node_sx(a, n->cond));
		sx_add(a, s, pred);
	}
	sx_add(a, s, n->then ? node_sx(a, n->then) : NULL);
	return s;
}

static Sx *decl_sx(Arena *a, Sx *s, const Node *n)
{
	Sx *spec = sx(a, "spec");
	spec_words(a, spec, n->spec);
	spec_body(a, spec, n->spec);
	sx_add(a, s, spec);
	for (int i = 0; i < n->decls.len; i++)
		sx_add(a, s, declarator_sx(a, n->decls.data[i]));
	return s;
}

static Sx *translator_sx(Arena *a, Sx *s, const Node *n)
{
	sx_add(a, s, typename_sx(a, n->type));
	Sx *in = sx(a, arena_printf(a, "in %s", n->name));
	sx_add(a, in, typename_sx(a, n->xl_in));
	sx_add(a, s, in);
	kids_sx(a, s, &n->list);
	return s;
}

/* A provider probe's argument lists: (args types...) [(xargs types...)]. */
static Sx *probeproto_sx(Arena *a, Sx *s, const Node *n)
{
	const TypeName *lists[2] = {n->type, n->xl_in};
	for (int i = 0; i < 2; i++) {
		if (!lists[i])
			continue;
		Sx *args = sx(a, i ? "xargs" : "args");
		const Deriv *f = lists[i]->decl->deriv;
		if (f->varargs)
			sx_atom(a, args, "varargs");
		for (int k = 0; k < f->params.len; k++)
			sx_add(a, args, typename_sx(a, f->params.data[k]));
		sx_add(a, s, args);
	}
	return s;
}

/* Children of the general nodes, in field order: type, lhs, cond, then, els, rhs, list. */
static Sx *fields_sx(Arena *a, Sx *s, const Node *n)
{
	if (n->kind == ND_PRAGMA)
		for (int i = 0; i < n->strs.len; i++)
			sx_atom(a, s, word(a, n->strs.data[i]));
	if (n->type) /* an inline's name is already in its head */
		sx_add(a, s, type_sx(a, n->type, n->kind != ND_INLINE));
	const Node *kids[] = {n->lhs, n->cond, n->then, n->els, n->rhs};
	for (size_t i = 0; i < ARRAY_SIZE(kids); i++)
		sx_add(a, s, kids[i] ? node_sx(a, kids[i]) : NULL);
	kids_sx(a, s, &n->list);
	return s;
}

static Sx *node_sx(Arena *a, const Node *n)
{
	const char *head = leaf_head(a, n);
	bool leaf = head && n->kind != ND_AGG;
	if (!head)
		head = op_head(a, n);
	if (!head)
		head = plain_heads[n->kind] ? plain_heads[n->kind] : ast_kind_name(n->kind);
	if (((Dump *)a)->show_pos)
		head = arena_printf(a, "%s @%d:%d", head, n->pos.line, n->pos.col);
	Sx *s = sx(a, head);
	if (leaf)
		return s;
	switch (n->kind) {
	case ND_CLAUSE: return clause_sx(a, s, n);
	case ND_DECL: return decl_sx(a, s, n);
	case ND_TRANSLATOR: return translator_sx(a, s, n);
	case ND_PROBEPROTO: return probeproto_sx(a, s, n);
	default: return fields_sx(a, s, n);
	}
}

/* ---- printing ---- */

#define DUMP_WIDTH 80

/* The length of s printed on one line (computed once). */
static int flat_width(Sx *s)
{
	if (s->width == 0) {
		s->width = 2 + (int)strlen(s->head);
		for (int i = 0; i < s->kids.len; i++)
			s->width += 1 + flat_width(s->kids.data[i]);
	}
	return s->width;
}

/* One line if it fits in DUMP_WIDTH columns, else one child per line. */
static void sx_print(FILE *out, Sx *s, int indent)
{
	bool flat = indent + flat_width(s) <= DUMP_WIDTH;
	fprintf(out, "(%s", s->head);
	for (int i = 0; i < s->kids.len; i++) {
		if (flat)
			fputc(' ', out);
		else
			fprintf(out, "\n%*s", indent + 2, "");
		sx_print(out, s->kids.data[i], flat ? 0 : indent + 2);
	}
	fputc(')', out);
}

static void dump(FILE *out, const Node *n, bool show_pos)
{
	Dump d = {{0}, show_pos};
	if (n)
		sx_print(out, node_sx(&d.arena, n), 0);
	else
		fputs("(null)", out);
	fputc('\n', out);
	arena_free(&d.arena);
}

void ast_dump(FILE *out, const Node *n)
{
	dump(out, n, false);
}

void ast_dump_pos(FILE *out, const Node *n)
{
	dump(out, n, true);
}
