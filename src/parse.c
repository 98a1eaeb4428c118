/*
 * parse.c - recursive-descent parser for the whole D language.
 *
 * Takes a Source, drives the lexer (lex.h) and gives an ND_PROGRAM tree
 * (ast.h) allocated in the caller's Arena, or NULL after reporting the first
 * error: there is no error recovery, so no cascade of follow-on errors.
 *
 * The grammar is DTrace's dt_grammar.y (illumos with if/else); each function
 * below carries the rule it parses.  In outline:
 *
 *   program     : (pragma | declaration | inline | translator | provider | clause)*
 *   clause      : pspec (',' pspec)* ['/' expression '/'] ['{' statement* '}']
 *   statement   : ';' | expression ';' | if | '{' statement* '}'
 *   expression  : C's, plus ^^ (between || and &&), self->x, this->x, @agg[keys],
 *                 $macros, `symbols, sizeof, offsetof, stringof, xlate<T>(e)
 *
 * Conventions the rest of the compiler relies on:
 *
 *  - Positions: a node's pos is its first token, except for operators
 *    written between or after operands (binary, assignment, '?', postfix
 *    ++/--, '[' of an index), whose pos is the operator token, and member
 *    accesses, whose pos is the member name.  A call's pos is its name.
 *  - Which names are types is decided here (TypeNames, parse.h), as C
 *    requires; the lexer only asks through a callback.
 *  - A '/' inside a predicate closes it when the next non-blank byte is
 *    the end of input, ';', '{' or '/' (lex_pred_end), as in DTrace.
 *  - Errors: the first diagnostic longjmps back to the entry point (as Lua's
 *    parser does).  Everything allocated lives in the Arena, so nothing
 *    leaks on that path.  The jmp_buf is in the Parser, not a global.
 *  - Nesting (parentheses, unary operators, statements, declarators, and
 *    the length of left-leaning operator chains) is capped at MAX_DEPTH so
 *    that neither this parser nor later recursive passes can overflow the
 *    stack.
 */
#include "parse.h"

#include <inttypes.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lex.h"

#define MAX_DEPTH 1000

/*
 * One token of lookahead, lexed lazily: when tok is NULL the lexer stands
 * right after the last token consumed, so the parser can still choose the
 * lexer mode (peek_top for probe specifiers) and lex_pred_end() can look at
 * the bytes after a '/'.  Nothing may lex further ahead than tok.
 */
typedef struct Parser {
	Arena *arena;
	Diag *diag;
	Lexer lex;
	TypeNames *names;
	Token *tok;    /* the lookahead, or NULL when the next token is not lexed yet */
	Vec pending;   /* ND_PRAGMA nodes not yet placed in the program */
	Node *paren;   /* the last parenthesized expression: it may be assigned to */
	bool in_pred;  /* a '/' may close the predicate */
	int depth;     /* current nesting, see MAX_DEPTH */
	jmp_buf fail;  /* where the first error goes */
} Parser;

typedef enum DeclMode { DECL_NAMED, DECL_ABSTRACT, DECL_EITHER } DeclMode;

static Node *expression(Parser *p);
static Node *assignment(Parser *p);
static Node *conditional(Parser *p);
static Node *cast(Parser *p);
static Node *unary(Parser *p);
static Node *postfix_tail(Parser *p, Node *n);
static Node *statement(Parser *p, bool in_list);
static DeclSpec *decl_specs(Parser *p, bool allow_storage);
static Declarator *declarator(Parser *p, DeclMode mode);
static TypeName *type_name(Parser *p);

/* ====================================================================
 * Type names
 * ==================================================================== */

struct TypeNames {
	char **slots; /* open addressing; NULL = empty */
	int cap, count;
	bool (*lookup)(void *ctx, const char *name);
	void *ctx;
};

/* DTrace's built-in typedefs (dt_open.c), which every D program may use. */
static const char *const builtin_typedefs[] = {
	"int8_t", "int16_t", "int32_t", "int64_t", "intptr_t", "uint8_t", "uint16_t",
	"uint32_t", "uint64_t", "uintptr_t", "size_t", "ssize_t", "ptrdiff_t", "pid_t",
	"id_t", "processorid_t", "psetid_t", "chipid_t", "lgrp_id_t", "zoneid_t", "projid_t",
	"taskid_t", "uid_t", "gid_t", "time_t", "hrtime_t", "caddr_t", "off_t", "off64_t",
	"dev_t", "major_t", "minor_t", "ino_t", "mode_t", "nlink_t", "clock_t", "daddr_t",
	"uchar_t", "ushort_t", "uint_t", "ulong_t", "longlong_t", "u_longlong_t", "boolean_t",
};

static uint32_t hash_name(const char *s, int len)
{
	uint32_t h = 2166136261u;
	for (int i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/* The slot holding name, or the empty slot where it would go. */
static int find_slot(const TypeNames *tn, const char *name, int len)
{
	int i = (int)(hash_name(name, len) & (uint32_t)(tn->cap - 1));
	while (tn->slots[i] &&
	       (strncmp(tn->slots[i], name, (size_t)len) != 0 || tn->slots[i][len] != '\0'))
		i = (i + 1) & (tn->cap - 1);
	return i;
}

static void grow_names(TypeNames *tn)
{
	char **old = tn->slots;
	int oldcap = tn->cap;
	tn->cap = oldcap ? oldcap * 2 : 128;
	tn->slots = xcalloc((size_t)tn->cap, sizeof(char *));
	for (int i = 0; i < oldcap; i++)
		if (old[i])
			tn->slots[find_slot(tn, old[i], (int)strlen(old[i]))] = old[i];
	free(old);
}

void parse_typenames_add(TypeNames *tn, const char *name)
{
	if (!name)
		return;
	if ((tn->count + 1) * 2 > tn->cap)
		grow_names(tn);
	int i = find_slot(tn, name, (int)strlen(name));
	if (!tn->slots[i]) {
		tn->slots[i] = xstrdup(name);
		tn->count++;
	}
}

bool parse_typenames_has(const TypeNames *tn, const char *name, int len)
{
	if (tn->slots[find_slot(tn, name, len)])
		return true;
	if (!tn->lookup)
		return false;
	char *s = xstrndup(name, (size_t)len);
	bool found = tn->lookup(tn->ctx, s);
	free(s);
	return found;
}

void parse_typenames_set_lookup(TypeNames *tn, bool (*lookup)(void *ctx, const char *name),
				void *ctx)
{
	tn->lookup = lookup;
	tn->ctx = ctx;
}

TypeNames *parse_typenames_new(void)
{
	TypeNames *tn = xcalloc(1, sizeof(*tn));
	grow_names(tn);
	for (size_t i = 0; i < ARRAY_SIZE(builtin_typedefs); i++)
		parse_typenames_add(tn, builtin_typedefs[i]);
	return tn;
}

void parse_typenames_free(TypeNames *tn)
{
	if (!tn)
		return;
	for (int i = 0; i < tn->cap; i++)
		free(tn->slots[i]);
	free(tn->slots);
	free(tn);
}

static bool lexer_is_typename(void *ctx, const char *name, int len)
{
	return parse_typenames_has(ctx, name, len);
}

/* ====================================================================
 * Tokens and errors
 * ==================================================================== */

static _Noreturn void fail(Parser *p)
{
	longjmp(p->fail, 1);
}

static _Noreturn void error_at(Parser *p, Pos pos, const char *tag, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static _Noreturn void error_at(Parser *p, Pos pos, const char *tag, const char *fmt, ...)
{
	StrBuf b = {0};
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(&b, fmt, ap);
	va_end(ap);
	diag_error(p->diag, pos, tag, "%s", b.s ? b.s : "");
	sb_free(&b);
	fail(p);
}

/* The token as written, made printable and cut short for a message. */
static const char *token_text(Parser *p, const Token *t)
{
	enum { MAX_SHOWN = 40 };
	char *buf = arena_alloc(p->arena, MAX_SHOWN * 4 + 4);
	int n = 0;
	for (int i = 0; i < t->len && i < MAX_SHOWN; i++) {
		unsigned char c = (unsigned char)t->text[i];
		if (c >= ' ' && c < 0x7f)
			buf[n++] = (char)c;
		else
			n += sprintf(buf + n, "\\x%02x", c);
	}
	if (t->len > MAX_SHOWN)
		n += sprintf(buf + n, "...");
	buf[n] = '\0';
	return buf;
}

static _Noreturn void syntax_error(Parser *p, const Token *t)
{
	if (t->kind == TK_EOF)
		error_at(p, t->pos, "D_SYNTAX", "syntax error near end of input");
	error_at(p, t->pos, "D_SYNTAX", "syntax error near \"%s\"", token_text(p, t));
}

static void control_line(Parser *p, Token *t);

/* The next token; control lines are handled on the way, errors end the parse. */
static Token *fetch(Parser *p, bool pspec)
{
	for (;;) {
		Token *t = pspec ? lex_probespec(&p->lex) : lex_next(&p->lex);
		if (t->kind == TK_ERROR)
			fail(p);
		if (t->kind != TK_CONTROL)
			return t;
		control_line(p, t);
	}
}

static Token *peek(Parser *p)
{
	if (!p->tok)
		p->tok = fetch(p, false);
	return p->tok;
}

/* peek() at the start of a top-level item, where probe specifiers may appear. */
static Token *peek_top(Parser *p)
{
	if (!p->tok)
		p->tok = fetch(p, true);
	return p->tok;
}

static Token *advance(Parser *p)
{
	Token *t = peek(p);
	p->tok = NULL;
	return t;
}

static bool at(Parser *p, TokenKind kind)
{
	return peek(p)->kind == kind;
}

static bool accept(Parser *p, TokenKind kind)
{
	if (!at(p, kind))
		return false;
	advance(p);
	return true;
}

static Token *expect(Parser *p, TokenKind kind)
{
	if (!at(p, kind))
		syntax_error(p, peek(p));
	return advance(p);
}

static void enter(Parser *p, const Token *t, const char *what)
{
	if (++p->depth > MAX_DEPTH)
		error_at(p, t->pos, "D_NEST_DEPTH", "%s nested too deeply", what);
}

static void leave(Parser *p)
{
	p->depth--;
}

static Node *new_node(Parser *p, NodeKind kind, Pos pos)
{
	return ast_new(p->arena, kind, pos);
}

static Node *new_op(Parser *p, NodeKind kind, Op op, Pos pos, Node *lhs, Node *rhs)
{
	Node *n = new_node(p, kind, pos);
	n->op = op;
	n->lhs = lhs;
	n->rhs = rhs;
	return n;
}

static void push(Parser *p, Vec *v, void *x)
{
	ast_push(p->arena, v, x);
}

/* ====================================================================
 * Control lines: #pragma, #error, #ident
 * ==================================================================== */

static _Noreturn void pragma_error(Parser *p, const Token *t, int first)
{
	StrBuf b = {0};
	for (int i = first; i < t->nwords; i++)
		sb_printf(&b, "%s%s", i > first ? " " : "", t->words[i]);
	char *msg = arena_strdup(p->arena, b.s ? b.s : "");
	sb_free(&b);
	error_at(p, t->pos, "D_PRAGERR", "#error: %s", msg);
}

/* Check the number of arguments of #pragma D <name> args... */
static void pragma_args(Parser *p, const Token *t, int min, int max, const char *usage)
{
	int nargs = t->nwords - 3;
	if (nargs < min)
		error_at(p, t->wpos[2], "D_PRAGMA_MALFORM", "malformed #pragma %s %s",
			 t->words[2], usage);
	if (max >= 0 && nargs > max)
		error_at(p, t->wpos[3 + max], "D_PRAGMA_MALFORM",
			 "superfluous arguments specified for #pragma %s", t->words[2]);
}

/* #pragma D <name> args...: ND_PRAGMA with strs = name, args... */
static void pragma_d(Parser *p, const Token *t)
{
	const char *name = t->words[2];
	if (strcmp(name, "ident") == 0)
		return;
	if (strcmp(name, "error") == 0)
		pragma_error(p, t, 3);
	if (strcmp(name, "option") == 0)
		pragma_args(p, t, 1, 1, "<option>=<val>");
	else if (strcmp(name, "binding") == 0)
		pragma_args(p, t, 2, 2, "\"version\" <ident>");
	else if (strcmp(name, "depends_on") == 0)
		pragma_args(p, t, 2, 2, "<class> <name>");
	else if (strcmp(name, "attributes") == 0)
		pragma_args(p, t, 2, -1, "<attributes> <ident>");
	else
		error_at(p, t->wpos[2], "D_PRAGMA_INVAL", "invalid D pragma: %s", name);
	Node *n = new_node(p, ND_PRAGMA, t->pos);
	for (int i = 2; i < t->nwords; i++)
		push(p, &n->strs, t->words[i]);
	push(p, &p->pending, n);
}

/*
 * control_line: '#' 'pragma' 'D' name args... | '#' 'pragma' other...
 *             | '#' 'error' words... | '#' 'ident' words...
 * (line markers never get here: the lexer applies them).  Unknown pragmas
 * without "D" are ignored, as C compilers do; unknown directives are errors.
 */
static void control_line(Parser *p, Token *t)
{
	const char *w0 = t->words[0];
	if (strcmp(w0, "pragma") == 0) {
		if (t->nwords >= 3 && strcmp(t->words[1], "D") == 0)
			pragma_d(p, t);
		else if (t->nwords >= 2 && strcmp(t->words[1], "error") == 0)
			pragma_error(p, t, 2);
		return;
	}
	if (strcmp(w0, "error") == 0)
		pragma_error(p, t, 1);
	if (strcmp(w0, "ident") == 0)
		return;
	error_at(p, t->wpos[0], "D_PRAGCTL_INVAL", "invalid control directive: #%s", w0);
}

/* ====================================================================
 * Expressions
 * ==================================================================== */

static bool is_typename_token(Parser *p, const Token *t)
{
	if (t->kind == TK_IDENT)
		return parse_typenames_has(p->names, t->name, (int)strlen(t->name));
	if (t->kind == TK_KSYM && t->module) {
		const char *s = arena_printf(p->arena, "%s`%s", t->module, t->name);
		return parse_typenames_has(p->names, s, (int)strlen(s));
	}
	return false;
}

/* Can t start a type name (what follows '(' in a cast or sizeof)? */
static bool is_type_start(Parser *p, const Token *t)
{
	switch (t->kind) {
	case TK_KW_VOID: case TK_KW_CHAR: case TK_KW_SHORT: case TK_KW_INT: case TK_KW_LONG:
	case TK_KW_FLOAT: case TK_KW_DOUBLE: case TK_KW_SIGNED: case TK_KW_UNSIGNED:
	case TK_KW_STRING: case TK_KW_STRUCT: case TK_KW_UNION: case TK_KW_ENUM:
	case TK_KW_CONST: case TK_KW_VOLATILE: case TK_KW_RESTRICT: case TK_KW_USERLAND:
		return true;
	default:
		return is_typename_token(p, t);
	}
}

/* args: assignment (',' assignment)* close  -- or just close if allow_empty */
static void args(Parser *p, Vec *out, TokenKind close, bool allow_empty)
{
	if (allow_empty && accept(p, close))
		return;
	do
		push(p, out, assignment(p));
	while (accept(p, TK_COMMA));
	expect(p, close);
}

/* The rest of '(' expression ')' once '(' is consumed. */
static Node *paren_rest(Parser *p)
{
	Node *n = expression(p);
	expect(p, TK_RPAREN);
	p->paren = n;
	return n;
}

/* self_this: ('self' | 'this') '->' ident */
static Node *self_this(Parser *p)
{
	Token *t = advance(p);
	expect(p, TK_ARROW);
	Node *n = new_node(p, t->kind == TK_KW_SELF ? ND_SELF : ND_THIS, t->pos);
	n->name = expect(p, TK_IDENT)->name;
	return n;
}

/* offsetof: 'offsetof' '(' type_name ',' ident ')' */
static Node *offsetof_expr(Parser *p)
{
	Node *n = new_node(p, ND_OFFSETOF, advance(p)->pos);
	expect(p, TK_LPAREN);
	n->type = type_name(p);
	expect(p, TK_COMMA);
	n->name = expect(p, TK_IDENT)->name;
	expect(p, TK_RPAREN);
	return n;
}

/* xlate: 'xlate' '<' type_name '>' '(' expression ')' */
static Node *xlate_expr(Parser *p)
{
	Token *kw = advance(p);
	Node *n = new_node(p, ND_XLATE, kw->pos);
	enter(p, kw, "expression");
	expect(p, TK_LT);
	n->type = type_name(p);
	expect(p, TK_GT);
	expect(p, TK_LPAREN);
	n->lhs = paren_rest(p);
	leave(p);
	return n;
}

/* A leaf: identifier, constant, aggregation, macro variable or symbol. */
static Node *leaf(Parser *p, Token *t)
{
	static const NodeKind kinds[TK_NKINDS] = {
		[TK_IDENT] = ND_IDENT, [TK_INT] = ND_INT, [TK_STRING] = ND_STRING,
		[TK_AGG] = ND_AGG, [TK_MACRO] = ND_MACRO, [TK_KSYM] = ND_KSYM,
	};
	Node *n = new_node(p, kinds[t->kind], t->pos);
	n->name = t->name;
	n->module = t->module;
	n->ival = t->ival;
	n->isuffix = t->isuffix;
	n->is_char = t->is_char;
	n->is_str = t->is_str;
	n->str = t->str;
	n->slen = t->slen;
	return n;
}

/*
 * primary: ident | int | char | string | agg | macro | ksym
 *        | ('self' | 'this') '->' ident
 *        | '(' expression ')'
 *        | 'offsetof' '(' type_name ',' ident ')'
 *        | 'xlate' '<' type_name '>' '(' expression ')'
 */
static Node *primary(Parser *p)
{
	Token *t = peek(p);
	switch (t->kind) {
	case TK_IDENT: case TK_INT: case TK_STRING: case TK_AGG: case TK_MACRO: case TK_KSYM:
		return leaf(p, advance(p));
	case TK_KW_SELF:
	case TK_KW_THIS:
		return self_this(p);
	case TK_LPAREN: {
		advance(p);
		enter(p, t, "expression");
		Node *n = paren_rest(p);
		leave(p);
		return n;
	}
	case TK_KW_OFFSETOF:
		return offsetof_expr(p);
	case TK_KW_XLATE:
		return xlate_expr(p);
	default:
		syntax_error(p, t);
	}
}

/* index: '[' args ']' -- the keys of @agg[...], else an ND_INDEX */
static Node *index_suffix(Parser *p, Node *n)
{
	Token *lb = advance(p);
	Node *ix = n;
	if (n->kind != ND_AGG || n->list.len > 0) {
		ix = new_node(p, ND_INDEX, lb->pos);
		ix->lhs = n;
	}
	args(p, &ix->list, TK_RBRACKET, false);
	return ix;
}

/* call: ident '(' [args] ')' */
static Node *call_suffix(Parser *p, Node *n)
{
	Token *lp = advance(p);
	if (n->kind != ND_IDENT)
		error_at(p, lp->pos, "D_FUNC_IDENT", "function designator is not an identifier");
	Node *c = new_node(p, ND_CALL, n->pos);
	c->name = n->name;
	args(p, &c->list, TK_RPAREN, true);
	return c;
}

/* member: ('.' | '->') ident */
static Node *member_suffix(Parser *p, Node *n)
{
	Token *op = advance(p);
	Token *name = expect(p, TK_IDENT);
	Node *m = new_node(p, op->kind == TK_DOT ? ND_MEMBER : ND_ARROW, name->pos);
	m->lhs = n;
	m->name = name->name;
	return m;
}

/* postfix_suffix*: index | call | member | '++' | '--' */
static Node *postfix_tail(Parser *p, Node *n)
{
	int chain = 0;
	for (;; chain++) {
		Token *t = peek(p);
		TokenKind k = t->kind;
		if (k != TK_LBRACKET && k != TK_LPAREN && k != TK_DOT && k != TK_ARROW &&
		    k != TK_INC && k != TK_DEC)
			break;
		enter(p, t, "expression"); /* before the suffix: "a[a[a[..." nests */
		if (k == TK_LBRACKET)
			n = index_suffix(p, n);
		else if (k == TK_LPAREN)
			n = call_suffix(p, n);
		else if (k == TK_DOT || k == TK_ARROW)
			n = member_suffix(p, n);
		else
			n = new_op(p, ND_POSTFIX, k == TK_INC ? OP_POSTINC : OP_POSTDEC,
				   advance(p)->pos, n, NULL);
	}
	p->depth -= chain;
	return n;
}

static Op unary_op(TokenKind kind)
{
	switch (kind) {
	case TK_MINUS: return OP_NEG;
	case TK_PLUS: return OP_PLUS;
	case TK_BANG: return OP_NOT;
	case TK_TILDE: return OP_BNOT;
	case TK_STAR: return OP_DEREF;
	case TK_AMP: return OP_ADDR;
	case TK_INC: return OP_PREINC;
	case TK_DEC: return OP_PREDEC;
	default: return OP_NONE;
	}
}

/* sizeof: 'sizeof' '(' type_name ')' | 'sizeof' unary */
static Node *sizeof_expr(Parser *p, Token *kw)
{
	Node *n = new_node(p, ND_SIZEOF, kw->pos);
	if (!at(p, TK_LPAREN)) {
		n->lhs = unary(p);
		return n;
	}
	advance(p);
	if (is_type_start(p, peek(p))) {
		n->type = type_name(p);
		expect(p, TK_RPAREN);
	} else {
		n->lhs = postfix_tail(p, paren_rest(p));
	}
	return n;
}

/*
 * unary: postfix
 *      | ('++' | '--') unary
 *      | ('-' | '+' | '!' | '~' | '*' | '&') cast
 *      | 'sizeof' unary | 'sizeof' '(' type_name ')'
 *      | 'stringof' unary
 */
static Node *unary(Parser *p)
{
	Token *t = peek(p);
	Op op = unary_op(t->kind);
	Node *n;
	if (op == OP_NONE && t->kind != TK_KW_SIZEOF && t->kind != TK_KW_STRINGOF)
		return postfix_tail(p, primary(p));
	advance(p);
	enter(p, t, "expression");
	if (t->kind == TK_KW_SIZEOF) {
		n = sizeof_expr(p, t);
	} else if (t->kind == TK_KW_STRINGOF) {
		n = new_op(p, ND_STRINGOF, OP_NONE, t->pos, unary(p), NULL);
	} else if (op == OP_PREINC || op == OP_PREDEC) {
		n = new_op(p, ND_UNARY, op, t->pos, unary(p), NULL);
	} else {
		n = new_op(p, ND_UNARY, op, t->pos, cast(p), NULL);
	}
	leave(p);
	return n;
}

/* cast: '(' type_name ')' cast | unary */
static Node *cast(Parser *p)
{
	Token *lp = peek(p);
	if (lp->kind != TK_LPAREN)
		return unary(p);
	advance(p);
	enter(p, lp, "expression");
	Node *n;
	if (is_type_start(p, peek(p))) {
		n = new_node(p, ND_CAST, lp->pos);
		n->type = type_name(p);
		expect(p, TK_RPAREN);
		n->lhs = cast(p);
	} else {
		n = postfix_tail(p, paren_rest(p));
	}
	leave(p);
	return n;
}

/* The binary operator of kind and its precedence (0: none). */
static Op binary_op(TokenKind kind, int *prec)
{
	static const struct {
		TokenKind kind;
		Op op;
		int prec;
	} ops[] = {
		{TK_LOR, OP_LOR, 1},   {TK_LXOR, OP_LXOR, 2}, {TK_LAND, OP_LAND, 3},
		{TK_PIPE, OP_BOR, 4},  {TK_CARET, OP_XOR, 5}, {TK_AMP, OP_BAND, 6},
		{TK_EQ, OP_EQ, 7},     {TK_NE, OP_NE, 7},     {TK_LT, OP_LT, 8},
		{TK_LE, OP_LE, 8},     {TK_GT, OP_GT, 8},     {TK_GE, OP_GE, 8},
		{TK_SHL, OP_SHL, 9},   {TK_SHR, OP_SHR, 9},   {TK_PLUS, OP_ADD, 10},
		{TK_MINUS, OP_SUB, 10}, {TK_STAR, OP_MUL, 11}, {TK_SLASH, OP_DIV, 11},
		{TK_PERCENT, OP_MOD, 11},
	};
	for (size_t i = 0; i < ARRAY_SIZE(ops); i++) {
		if (ops[i].kind == kind) {
			*prec = ops[i].prec;
			return ops[i].op;
		}
	}
	*prec = 0;
	return OP_NONE;
}

/*
 * binary(min): cast (binop binary(prec(binop) + 1))*   for binops of prec >= min
 *
 *   1 ||   2 ^^   3 &&   4 |   5 ^   6 &   7 == !=   8 < <= > >=
 *   9 << >>   10 + -   11 * / %                 (all left-associative)
 *
 * Precedence climbing (as in Lua's subexpr) rather than one function per
 * level: the same tree, eleven times fewer stack frames per nesting level.
 */
static Node *binary(Parser *p, int min)
{
	Node *lhs = cast(p);
	int chain = 0, prec;
	for (;;) {
		Token *t = peek(p);
		Op op = binary_op(t->kind, &prec);
		if (op == OP_NONE || prec < min)
			break;
		if (op == OP_DIV && p->in_pred && lex_pred_end(&p->lex))
			break;
		advance(p);
		enter(p, t, "expression");
		chain++;
		lhs = new_op(p, ND_BINARY, op, t->pos, lhs, binary(p, prec + 1));
	}
	p->depth -= chain;
	return lhs;
}

/* conditional: binary ['?' expression ':' conditional] */
static Node *conditional(Parser *p)
{
	Node *c = binary(p, 1);
	Token *q = peek(p);
	if (q->kind != TK_QUESTION)
		return c;
	advance(p);
	enter(p, q, "expression");
	Node *n = new_node(p, ND_COND, q->pos);
	n->cond = c;
	n->then = expression(p);
	expect(p, TK_COLON);
	n->els = conditional(p);
	leave(p);
	return n;
}

/* The binary operator of an assignment operator; false if kind is not one. */
static bool assign_op(TokenKind kind, Op *op)
{
	static const struct {
		TokenKind kind;
		Op op;
	} ops[] = {
		{TK_ASSIGN, OP_NONE},     {TK_ADD_ASSIGN, OP_ADD}, {TK_SUB_ASSIGN, OP_SUB},
		{TK_MUL_ASSIGN, OP_MUL},  {TK_DIV_ASSIGN, OP_DIV}, {TK_MOD_ASSIGN, OP_MOD},
		{TK_AND_ASSIGN, OP_BAND}, {TK_OR_ASSIGN, OP_BOR},  {TK_XOR_ASSIGN, OP_XOR},
		{TK_SHL_ASSIGN, OP_SHL},  {TK_SHR_ASSIGN, OP_SHR},
	};
	for (size_t i = 0; i < ARRAY_SIZE(ops); i++) {
		if (ops[i].kind == kind) {
			*op = ops[i].op;
			return true;
		}
	}
	return false;
}

/*
 * Is n a unary_expression, the only thing the grammar lets stand left of
 * an assignment operator?  ("a + b = c" is a syntax error in DTrace;
 * "(a + b) = c" is a type error found later.)
 */
static bool is_unary_shaped(const Parser *p, const Node *n)
{
	if (n == p->paren)
		return true;
	return n->kind != ND_BINARY && n->kind != ND_COND && n->kind != ND_ASSIGN &&
	       n->kind != ND_CAST;
}

/* assignment: conditional | unary assign_op assignment */
static Node *assignment(Parser *p)
{
	Node *lhs = conditional(p);
	Token *t = peek(p);
	Op op;
	if (!assign_op(t->kind, &op))
		return lhs;
	if (!is_unary_shaped(p, lhs))
		syntax_error(p, t);
	advance(p);
	enter(p, t, "expression");
	Node *n = new_op(p, ND_ASSIGN, op, t->pos, lhs, assignment(p));
	leave(p);
	return n;
}

/* expression: assignment (',' assignment)* */
static Node *expression(Parser *p)
{
	Node *n = assignment(p);
	int chain = 0;
	while (at(p, TK_COMMA)) {
		Token *t = advance(p);
		enter(p, t, "expression");
		chain++;
		n = new_op(p, ND_BINARY, OP_COMMA, t->pos, n, assignment(p));
	}
	p->depth -= chain;
	return n;
}

/* ====================================================================
 * Statements
 * ==================================================================== */

/* block: '{' statement* [expression] '}' */
static Node *block(Parser *p)
{
	Token *lb = expect(p, TK_LBRACE);
	Node *n = new_node(p, ND_BLOCK, lb->pos);
	while (!accept(p, TK_RBRACE)) {
		if (at(p, TK_EOF))
			syntax_error(p, peek(p));
		push(p, &n->list, statement(p, true));
	}
	return n;
}

/* if: 'if' '(' expression ')' statement_or_block ['else' statement_or_block] */
static Node *if_statement(Parser *p)
{
	Node *n = new_node(p, ND_IF, advance(p)->pos);
	expect(p, TK_LPAREN);
	n->cond = expression(p);
	expect(p, TK_RPAREN);
	n->then = statement(p, false);
	if (accept(p, TK_KW_ELSE))
		n->els = statement(p, false);
	return n;
}

/*
 * statement: ';' | expression ';' | if | block
 * In a statement list (in_list) the last expression may omit its ';', as
 * DTrace allows "{ trace(1) }"; the '}' is left for the list.
 */
static Node *statement(Parser *p, bool in_list)
{
	Token *t = peek(p);
	Node *n;
	enter(p, t, "statement");
	if (t->kind == TK_SEMI) {
		n = new_node(p, ND_EMPTY, advance(p)->pos);
	} else if (t->kind == TK_KW_IF) {
		n = if_statement(p);
	} else if (t->kind == TK_LBRACE) {
		n = block(p);
	} else {
		n = new_op(p, ND_EXPR_STMT, OP_NONE, t->pos, expression(p), NULL);
		if (!accept(p, TK_SEMI) && !(in_list && at(p, TK_RBRACE)))
			syntax_error(p, peek(p));
	}
	leave(p);
	return n;
}

/* ====================================================================
 * Declarations
 * ==================================================================== */

static Storage storage_class(TokenKind kind)
{
	switch (kind) {
	case TK_KW_AUTO: return SC_AUTO;
	case TK_KW_REGISTER: return SC_REGISTER;
	case TK_KW_STATIC: return SC_STATIC;
	case TK_KW_EXTERN: return SC_EXTERN;
	case TK_KW_TYPEDEF: return SC_TYPEDEF;
	case TK_KW_SELF: return SC_SELF;
	case TK_KW_THIS: return SC_THIS;
	default: return SC_NONE;
	}
}

static int qualifier(TokenKind kind)
{
	switch (kind) {
	case TK_KW_CONST: return TQ_CONST;
	case TK_KW_VOLATILE: return TQ_VOLATILE;
	case TK_KW_RESTRICT: return TQ_RESTRICT;
	case TK_KW_USERLAND: return TQ_USERLAND;
	default: return 0;
	}
}

static int basic_bit(TokenKind kind)
{
	switch (kind) {
	case TK_KW_VOID: return TB_VOID;
	case TK_KW_CHAR: return TB_CHAR;
	case TK_KW_SHORT: return TB_SHORT;
	case TK_KW_INT: return TB_INT;
	case TK_KW_LONG: return TB_LONG;
	case TK_KW_SIGNED: return TB_SIGNED;
	case TK_KW_UNSIGNED: return TB_UNSIGNED;
	case TK_KW_FLOAT: return TB_FLOAT;
	case TK_KW_DOUBLE: return TB_DOUBLE;
	case TK_KW_STRING: return TB_STRING;
	default: return 0;
	}
}

static bool is_decl_start(Parser *p, const Token *t)
{
	return storage_class(t->kind) != SC_NONE || is_type_start(p, t);
}

/* Reject basic type keywords that do not go together (DTrace's D_DECL_* tags). */
static void check_basic(Parser *p, const DeclSpec *s, const Token *t)
{
	int b = s->basic, base = b & (TB_VOID | TB_CHAR | TB_INT | TB_FLOAT | TB_DOUBLE | TB_STRING);
	int size = b & (TB_SHORT | TB_LONG), sign = b & (TB_SIGNED | TB_UNSIGNED);
	if ((base & (base - 1)) || sign == (TB_SIGNED | TB_UNSIGNED) ||
	    size == (TB_SHORT | TB_LONG) || ((b & TB_DOUBLE) && s->nlong > 1))
		error_at(p, t->pos, "D_DECL_COMBO", "invalid type combination");
	if ((b & TB_VOID) && (size || sign))
		error_at(p, t->pos, "D_DECL_VOIDATTR",
			 "invalid type declaration: attributes may not be used with void type");
	if ((b & TB_CHAR) && size)
		error_at(p, t->pos, "D_DECL_CHARATTR",
			 "invalid type declaration: short and long may not be used with char type");
	if (sign && (b & (TB_FLOAT | TB_DOUBLE | TB_STRING)))
		error_at(p, t->pos, "D_DECL_SIGNINT",
			 "invalid type declaration: signed and unsigned may only be used with "
			 "integer type");
	if ((size && (b & (TB_FLOAT | TB_STRING))) || ((b & TB_SHORT) && (b & TB_DOUBLE)))
		error_at(p, t->pos, "D_DECL_LONGINT",
			 "invalid type declaration: short and long may only be used with "
			 "integer or floating-point type");
}

static void no_type_yet(Parser *p, const DeclSpec *s, const Token *t)
{
	if (s->kind != SPEC_NONE)
		error_at(p, t->pos, "D_DECL_COMBO", "invalid type combination");
}

static void add_basic(Parser *p, DeclSpec *s, const Token *t)
{
	int bit = basic_bit(t->kind);
	if (s->kind != SPEC_BASIC)
		no_type_yet(p, s, t);
	s->kind = SPEC_BASIC;
	if (bit == TB_LONG) {
		if (s->nlong == 2)
			error_at(p, t->pos, "D_DECL_COMBO", "invalid type combination");
		s->nlong++;
	} else if (s->basic & bit) {
		error_at(p, t->pos, "D_DECL_COMBO", "invalid type combination");
	}
	s->basic |= bit;
	check_basic(p, s, t);
}

/* tag: ident | module`ident  (the name of a struct, union or enum); where it is */
static Pos tag(Parser *p, DeclSpec *s)
{
	Token *t = peek(p);
	if (t->kind == TK_IDENT || (t->kind == TK_KSYM && t->module)) {
		advance(p);
		s->name = t->name;
		s->module = t->module;
	}
	return t->pos;
}

/*
 * After a struct, union or enum tag: is a body next?  If so '{' is
 * consumed.  A tag is required without a body, and a scoped tag
 * (mod`name) cannot be defined here.
 */
static bool body_follows(Parser *p, DeclSpec *s, Pos tagpos)
{
	Token *lb = peek(p);
	if (lb->kind != TK_LBRACE) {
		if (!s->name)
			syntax_error(p, lb);
		return false;
	}
	if (s->module)
		error_at(p, tagpos, "D_DECL_SCOPE", "scoping operator used in declaration of %s",
			 s->name);
	advance(p);
	s->has_body = true;
	return true;
}

/*
 * struct_declaration: specifier_qualifier_list struct_declarator
 *                     (',' struct_declarator)* ';'
 * struct_declarator: declarator | [declarator] ':' constant_expression
 */
static Node *member_decl(Parser *p)
{
	Token *first = peek(p);
	Node *n = new_node(p, ND_DECL, first->pos);
	n->spec = decl_specs(p, false);
	do {
		Declarator *d;
		if (at(p, TK_COLON)) {
			d = arena_alloc(p->arena, sizeof(*d));
			d->pos = peek(p)->pos;
		} else {
			d = declarator(p, DECL_NAMED);
		}
		if (accept(p, TK_COLON))
			d->bitwidth = conditional(p);
		push(p, &n->decls, d);
	} while (accept(p, TK_COMMA));
	expect(p, TK_SEMI);
	return n;
}

/*
 * struct_or_union_specifier: ('struct' | 'union') tag
 *                          | ('struct' | 'union') [tag] '{' struct_declaration+ '}'
 */
static void sou_specifier(Parser *p, DeclSpec *s)
{
	Token *kw = advance(p);
	no_type_yet(p, s, kw);
	if (s->basic)
		error_at(p, kw->pos, "D_DECL_COMBO", "invalid type combination");
	s->kind = kw->kind == TK_KW_STRUCT ? SPEC_STRUCT : SPEC_UNION;
	if (!body_follows(p, s, tag(p, s)))
		return;
	do
		push(p, &s->members, member_decl(p));
	while (!accept(p, TK_RBRACE));
}

/* enumerator: ident ['=' constant_expression] */
static Node *enumerator(Parser *p)
{
	Token *name = expect(p, TK_IDENT);
	Node *n = new_node(p, ND_ENUMERATOR, name->pos);
	n->name = name->name;
	if (accept(p, TK_ASSIGN))
		n->lhs = conditional(p);
	return n;
}

/* enum_specifier: 'enum' tag | 'enum' [tag] '{' enumerator (',' enumerator)* [','] '}' */
static void enum_specifier(Parser *p, DeclSpec *s)
{
	Token *kw = advance(p);
	no_type_yet(p, s, kw);
	if (s->basic)
		error_at(p, kw->pos, "D_DECL_COMBO", "invalid type combination");
	s->kind = SPEC_ENUM;
	if (!body_follows(p, s, tag(p, s)))
		return;
	do {
		if (at(p, TK_RBRACE) && s->enumerators.len > 0)
			break;
		push(p, &s->enumerators, enumerator(p));
	} while (accept(p, TK_COMMA));
	expect(p, TK_RBRACE);
}

/*
 * decl_specs: (storage_class | type_qualifier | type_specifier)+
 *   storage_class : auto | register | static | extern | typedef | self | this
 *   type_qualifier: const | volatile | restrict | userland
 *   type_specifier: void | char | short | int | long | float | double
 *                 | signed | unsigned | string | struct_or_union_specifier
 *                 | enum_specifier | typedef_name
 * Storage classes only where allow_storage.  A typedef name counts only
 * while no other type specifier has been seen, so "foo_t foo_t;" works.
 */
static DeclSpec *decl_specs(Parser *p, bool allow_storage)
{
	Token *first = peek(p);
	DeclSpec *s = arena_alloc(p->arena, sizeof(*s));
	s->pos = first->pos;
	enter(p, first, "declaration");
	for (;;) {
		Token *t = peek(p);
		Storage sc = allow_storage ? storage_class(t->kind) : SC_NONE;
		if (sc != SC_NONE) {
			if (s->storage != SC_NONE)
				error_at(p, t->pos, "D_DECL_CLASS",
					 "more than one storage class specified");
			s->storage = sc;
			advance(p);
		} else if (qualifier(t->kind)) {
			s->quals |= qualifier(advance(p)->kind);
		} else if (basic_bit(t->kind)) {
			add_basic(p, s, advance(p));
		} else if (t->kind == TK_KW_STRUCT || t->kind == TK_KW_UNION) {
			sou_specifier(p, s);
		} else if (t->kind == TK_KW_ENUM) {
			enum_specifier(p, s);
		} else if (s->kind == SPEC_NONE && is_typename_token(p, t)) {
			advance(p);
			s->kind = SPEC_TYPEDEF;
			s->name = t->name;
			s->module = t->module;
		} else {
			break;
		}
	}
	if (s->storage == SC_NONE && s->quals == 0 && s->kind == SPEC_NONE)
		syntax_error(p, first);
	leave(p);
	return s;
}

static Deriv *new_deriv(Parser *p, DerivKind kind)
{
	Deriv *d = arena_alloc(p->arena, sizeof(*d));
	d->kind = kind;
	return d;
}

static Deriv *deriv_append(Deriv *a, Deriv *b)
{
	if (!a)
		return b;
	Deriv *d = a;
	while (d->next)
		d = d->next;
	d->next = b;
	return a;
}

/* parameter: decl_specs (declarator | abstract_declarator)? */
static TypeName *parameter(Parser *p)
{
	TypeName *tn = arena_alloc(p->arena, sizeof(*tn));
	tn->pos = peek(p)->pos;
	tn->spec = decl_specs(p, true);
	tn->decl = declarator(p, DECL_EITHER);
	return tn;
}

/* parameter_list: parameter (',' parameter)* [',' '...']  ('...' only if varargs) */
static void parameter_list(Parser *p, Vec *out, bool *varargs)
{
	do {
		if (varargs && at(p, TK_ELLIPSIS)) {
			advance(p);
			*varargs = true;
			break;
		}
		push(p, out, parameter(p));
	} while (accept(p, TK_COMMA));
}

/* function_suffix: '(' [parameter_list | '...'] ')'  -- '(' already consumed */
static Deriv *function_rest(Parser *p)
{
	Deriv *d = new_deriv(p, DK_FUNC);
	if (!at(p, TK_RPAREN))
		parameter_list(p, &d->params, &d->varargs);
	expect(p, TK_RPAREN);
	return d;
}

/* array_suffix: '[' [constant_expression | key_type (',' key_type)*] ']' */
static Deriv *array_suffix(Parser *p)
{
	advance(p);
	Deriv *d = new_deriv(p, DK_ARRAY);
	if (accept(p, TK_RBRACKET))
		return d;
	if (is_type_start(p, peek(p)))
		parameter_list(p, &d->keys, NULL);
	else
		d->size = conditional(p);
	expect(p, TK_RBRACKET);
	return d;
}

/* declarator_suffix*: (array_suffix | function_suffix)* */
static Deriv *declarator_suffixes(Parser *p, Deriv *first)
{
	Deriv *list = first;
	for (;;) {
		if (at(p, TK_LBRACKET)) {
			list = deriv_append(list, array_suffix(p));
		} else if (at(p, TK_LPAREN)) {
			advance(p);
			list = deriv_append(list, function_rest(p));
		} else {
			return list;
		}
	}
}

/* In an abstract declarator, does '(' open a nested declarator (not parameters)? */
static bool nested_follows(Parser *p, DeclMode mode)
{
	Token *t = peek(p);
	if (mode == DECL_NAMED || t->kind == TK_STAR || t->kind == TK_LPAREN ||
	    t->kind == TK_LBRACKET)
		return true;
	return mode == DECL_EITHER && t->kind == TK_IDENT && !is_typename_token(p, t);
}

/*
 * direct_declarator: (ident | '(' declarator ')') declarator_suffix*
 * Abstract declarators have no ident; there '(' may instead start the
 * parameters of a function suffix (see nested_follows).  Returns the
 * derivations from the identifier outward.
 */
static Deriv *direct_declarator(Parser *p, Declarator *d, DeclMode mode)
{
	Token *t = peek(p);
	Deriv *inner = NULL;
	if (t->kind == TK_IDENT && mode != DECL_ABSTRACT) {
		advance(p);
		d->name = t->name;
		d->pos = t->pos;
	} else if (t->kind == TK_LPAREN) {
		advance(p);
		if (!nested_follows(p, mode))
			return declarator_suffixes(p, function_rest(p));
		Declarator *sub = declarator(p, mode);
		expect(p, TK_RPAREN);
		d->name = sub->name;
		d->pos = sub->pos;
		inner = sub->deriv;
	} else if (mode == DECL_NAMED) {
		syntax_error(p, t);
	}
	return deriv_append(inner, declarator_suffixes(p, NULL));
}

/* pointer: ('*' type_qualifier*)*  -- listed last-written first */
static Deriv *pointers(Parser *p)
{
	Deriv *list = NULL;
	int n = 0;
	while (at(p, TK_STAR)) {
		enter(p, advance(p), "declarator");
		n++;
		Deriv *d = new_deriv(p, DK_POINTER);
		while (qualifier(peek(p)->kind))
			d->quals |= qualifier(advance(p)->kind);
		d->next = list;
		list = d;
	}
	p->depth -= n;
	return list;
}

/* declarator: pointer direct_declarator */
static Declarator *declarator(Parser *p, DeclMode mode)
{
	Token *t = peek(p);
	Declarator *d = arena_alloc(p->arena, sizeof(*d));
	d->pos = t->pos;
	enter(p, t, "declarator");
	Deriv *ptrs = pointers(p);
	Deriv *inner = direct_declarator(p, d, mode);
	d->deriv = deriv_append(inner, ptrs);
	leave(p);
	return d;
}

/* type_name: specifier_qualifier_list abstract_declarator? */
static TypeName *type_name(Parser *p)
{
	TypeName *tn = arena_alloc(p->arena, sizeof(*tn));
	tn->pos = peek(p)->pos;
	tn->spec = decl_specs(p, false);
	tn->decl = declarator(p, DECL_ABSTRACT);
	return tn;
}

/* declaration: decl_specs [declarator (',' declarator)*] ';' */
static Node *declaration(Parser *p)
{
	Node *n = new_node(p, ND_DECL, peek(p)->pos);
	n->spec = decl_specs(p, true);
	if (accept(p, TK_SEMI))
		return n;
	do {
		Declarator *d = declarator(p, DECL_NAMED);
		push(p, &n->decls, d);
		if (n->spec->storage == SC_TYPEDEF)
			parse_typenames_add(p->names, d->name);
	} while (accept(p, TK_COMMA));
	expect(p, TK_SEMI);
	return n;
}

/* ====================================================================
 * Top level
 * ==================================================================== */

/* inline_definition: 'inline' decl_specs declarator '=' assignment ';' */
static Node *inline_def(Parser *p)
{
	Node *n = new_node(p, ND_INLINE, advance(p)->pos);
	TypeName *tn = arena_alloc(p->arena, sizeof(*tn));
	tn->pos = peek(p)->pos;
	tn->spec = decl_specs(p, true);
	tn->decl = declarator(p, DECL_NAMED);
	n->type = tn;
	n->name = tn->decl->name;
	expect(p, TK_ASSIGN);
	n->lhs = assignment(p);
	expect(p, TK_SEMI);
	return n;
}

/* translator_member: ident '=' assignment ';' */
static Node *xlator_member(Parser *p)
{
	Token *name = expect(p, TK_IDENT);
	Node *n = new_node(p, ND_XLMEMBER, name->pos);
	n->name = name->name;
	expect(p, TK_ASSIGN);
	n->lhs = assignment(p);
	expect(p, TK_SEMI);
	return n;
}

/*
 * translator_definition:
 *     'translator' type_name '<' type_name ident '>' '{' translator_member* '}' ';'
 */
static Node *translator(Parser *p)
{
	Node *n = new_node(p, ND_TRANSLATOR, advance(p)->pos);
	n->type = type_name(p);
	expect(p, TK_LT);
	n->xl_in = type_name(p);
	n->name = expect(p, TK_IDENT)->name;
	expect(p, TK_GT);
	expect(p, TK_LBRACE);
	while (!accept(p, TK_RBRACE))
		push(p, &n->list, xlator_member(p));
	expect(p, TK_SEMI);
	return n;
}

/* A probe prototype's argument list as a TypeName: no spec, one DK_FUNC. */
static TypeName *probe_args(Parser *p, const Token *name)
{
	TypeName *tn = arena_alloc(p->arena, sizeof(*tn));
	tn->pos = expect(p, TK_LPAREN)->pos;
	tn->spec = arena_alloc(p->arena, sizeof(*tn->spec));
	tn->spec->pos = tn->pos;
	tn->decl = arena_alloc(p->arena, sizeof(*tn->decl));
	tn->decl->pos = name->pos;
	tn->decl->name = name->name;
	tn->decl->deriv = function_rest(p);
	return tn;
}

/* provider_probe: 'probe' ident function [':' function] ';' */
static Node *provider_probe(Parser *p)
{
	expect(p, TK_KW_PROBE);
	Token *name = expect(p, TK_IDENT);
	Node *n = new_node(p, ND_PROBEPROTO, name->pos);
	n->name = name->name;
	n->type = probe_args(p, name);
	if (accept(p, TK_COLON))
		n->xl_in = probe_args(p, name);
	expect(p, TK_SEMI);
	return n;
}

/* provider_definition: 'provider' ident '{' provider_probe* '}' ';' */
static Node *provider(Parser *p)
{
	Node *n = new_node(p, ND_PROVIDER, advance(p)->pos);
	n->name = expect(p, TK_IDENT)->name;
	expect(p, TK_LBRACE);
	while (!accept(p, TK_RBRACE))
		push(p, &n->list, provider_probe(p));
	expect(p, TK_SEMI);
	return n;
}

/* probe_specifier: PSPEC | INT (a probe id) */
static Node *probe_desc(Parser *p, const Token *t)
{
	Node *n = new_node(p, ND_PROBEDESC, t->pos);
	if (t->kind == TK_PSPEC) {
		n->str = arena_strndup(p->arena, t->text, (size_t)t->len);
	} else if (t->kind == TK_INT && !t->is_char) {
		n->ival = t->ival;
		n->str = arena_printf(p->arena, "%" PRIu64, t->ival);
	} else {
		syntax_error(p, t);
	}
	return n;
}

/*
 * probe_definition: probe_specifier (',' probe_specifier)*
 *                   ['/' expression '/'] ['{' statement* '}']
 * Both the predicate and the body are optional.  Tokens between items are
 * read with peek_top so that what follows a body-less clause is lexed as
 * the start of the next item.
 */
static Node *clause(Parser *p)
{
	Node *n = new_node(p, ND_CLAUSE, peek_top(p)->pos);
	push(p, &n->list, probe_desc(p, advance(p)));
	while (peek_top(p)->kind == TK_COMMA) {
		advance(p);
		push(p, &n->list, probe_desc(p, peek_top(p)));
		advance(p);
	}
	if (peek_top(p)->kind == TK_SLASH) {
		advance(p);
		p->in_pred = true;
		n->cond = expression(p);
		p->in_pred = false;
		expect(p, TK_SLASH);
	}
	if (peek_top(p)->kind == TK_LBRACE)
		n->then = block(p);
	return n;
}

/* external_declaration: clause | inline | translator | provider | declaration */
static Node *top_item(Parser *p, Token *t)
{
	switch (t->kind) {
	case TK_PSPEC:
	case TK_INT:
		return clause(p);
	case TK_KW_INLINE:
		return inline_def(p);
	case TK_KW_TRANSLATOR:
		return translator(p);
	case TK_KW_PROVIDER:
		return provider(p);
	default:
		if (!is_decl_start(p, t))
			syntax_error(p, t);
		return declaration(p);
	}
}

/* Move the pragmas seen so far into the program, keeping source order. */
static void flush_pending(Parser *p, Node *prog)
{
	for (int i = 0; i < p->pending.len; i++)
		push(p, &prog->list, p->pending.data[i]);
	p->pending.len = 0;
}

/* program: external_declaration* */
static Node *program(Parser *p)
{
	Node *prog = new_node(p, ND_PROGRAM, (Pos){p->lex.src, 0, 1, 1});
	for (;;) {
		Token *t = peek_top(p);
		flush_pending(p, prog);
		if (t->kind == TK_EOF)
			return prog;
		push(p, &prog->list, top_item(p, t));
	}
}

/* ====================================================================
 * Entry points
 * ==================================================================== */

static void parser_init(Parser *p, Arena *a, Diag *d, const Source *src, TypeNames *tn)
{
	memset(p, 0, sizeof(*p));
	p->arena = a;
	p->diag = d;
	p->names = tn;
	lex_init(&p->lex, a, d, src);
	p->lex.is_typename = lexer_is_typename;
	p->lex.ctx = tn;
}

/* A lone expression up to the end of input. */
static void *whole_expression(Parser *p)
{
	Node *n = expression(p);
	expect(p, TK_EOF);
	return n;
}

/* A lone type name up to the end of input. */
static void *whole_type_name(Parser *p)
{
	TypeName *t = type_name(p);
	expect(p, TK_EOF);
	return t;
}

static void *whole_program(Parser *p)
{
	return program(p);
}

/*
 * Run one parse; NULL after an error.  tn may be NULL: a private set with
 * the built-in typedefs is used and freed.  The result is volatile because
 * it is read after setjmp() may have returned a second time.
 */
static void *run(Arena *a, Diag *d, const Source *src, TypeNames *tn, void *(*what)(Parser *))
{
	TypeNames *own = tn ? NULL : parse_typenames_new();
	void *volatile result = NULL;
	Parser p;
	parser_init(&p, a, d, src, tn ? tn : own);
	if (setjmp(p.fail) == 0)
		result = what(&p);
	parse_typenames_free(own);
	return result;
}

Node *parse_program_with(Arena *a, Diag *d, const Source *src, TypeNames *tn)
{
	return run(a, d, src, tn, whole_program);
}

Node *parse_program(Arena *a, Diag *d, const Source *src)
{
	return run(a, d, src, NULL, whole_program);
}

Node *parse_expression(Arena *a, Diag *d, const Source *src, TypeNames *tn)
{
	return run(a, d, src, tn, whole_expression);
}

TypeName *parse_type_name(Arena *a, Diag *d, const Source *src, TypeNames *tn)
{
	return run(a, d, src, tn, whole_type_name);
}
