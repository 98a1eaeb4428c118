/*
 * ast.h - the D abstract syntax tree: what the parser gives and sema takes.
 *
 * One Node type for expressions, statements and top-level items; the kind
 * says which fields are meaningful (documented per kind below).  Type syntax
 * (declaration specifiers and declarators) has its own small structs because
 * C declarators do not fit the expression shape.  All of it lives in the
 * compilation's Arena.  Sema annotates nodes in place (the `ty`, `sym` and
 * `cval` fields); no other pass writes to the tree.
 */
#ifndef DT_AST_H
#define DT_AST_H

#include <stdbool.h>
#include <stdint.h>

#include "diag.h"
#include "util.h"

typedef struct Node Node;
typedef struct Type Type;

typedef enum NodeKind {
	/* ---- expressions ---- */
	ND_INT,      /* ival; isuffix = IS_* flags; is_char for 'c' constants */
	ND_STRING,   /* str (decoded bytes), slen (without the NUL) */
	ND_IDENT,    /* name: variable, built-in, inline, enumerator */
	ND_MACRO,    /* name without the '$' ("1", "target", "pid"); is_str for $$1 */
	ND_KSYM,     /* `name or module`name: name, module (NULL if none) */
	ND_AGG,      /* @name or @ (name ""): list = keys of @name[k1, k2] */
	ND_SELF,     /* self->name: name */
	ND_THIS,     /* this->name: name */
	ND_UNARY,    /* op (OP_NEG ... OP_PREDEC) lhs */
	ND_POSTFIX,  /* lhs op (OP_POSTINC, OP_POSTDEC) */
	ND_BINARY,   /* lhs op rhs: arithmetic, bitwise, relational, logical, comma */
	ND_ASSIGN,   /* lhs = rhs (op OP_NONE) or lhs op= rhs (op = the binary op) */
	ND_COND,     /* cond ? then : els */
	ND_CALL,     /* name(list...): subroutine, action or aggregating function */
	ND_INDEX,    /* lhs[list...]: associative array (lhs ND_IDENT) or array/ptr */
	ND_MEMBER,   /* lhs.name */
	ND_ARROW,    /* lhs->name */
	ND_CAST,     /* (type) lhs */
	ND_SIZEOF,   /* sizeof(type): type set; sizeof expr: lhs set */
	ND_OFFSETOF, /* offsetof(type, name) */
	ND_STRINGOF, /* stringof lhs */
	ND_XLATE,    /* xlate<type>(lhs) */

	/* ---- statements (clause bodies) ---- */
	ND_EXPR_STMT, /* lhs; */
	ND_IF,        /* if (cond) then [else els]; then/els are ND_BLOCK or statements */
	ND_BLOCK,     /* { list... } */
	ND_EMPTY,     /* ; */

	/* ---- top level ---- */
	ND_PROGRAM,    /* list of top-level items in source order */
	ND_CLAUSE,     /* list = ND_PROBEDESC...; cond = predicate or NULL; then = ND_BLOCK,
			  or NULL when the clause has no body ("dtrace -n BEGIN") */
	ND_PROBEDESC,  /* str = the description as written ("syscall::read:entry"), macros
			  unexpanded; a numeric probe id: str = decimal digits, ival = id */
	ND_DECL,       /* spec + decls (Declarator*); struct members use this too */
	ND_ENUMERATOR, /* name [= lhs] inside an enum body */
	ND_PRAGMA,     /* #pragma D <strs...>: strs = the words after "D" */
	ND_INLINE,     /* inline type name = lhs; (type holds spec+declarator) */
	ND_TRANSLATOR, /* translator type < xl_in name > { list = ND_XLMEMBER... } */
	ND_XLMEMBER,   /* name = lhs; inside a translator */
	ND_CONTROL,    /* #line / #ident style lines the lexer passes through: str */
	ND_PROVIDER,   /* provider name { list = ND_PROBEPROTO... }; (for dtrace -h / USDT) */
	ND_PROBEPROTO, /* probe name(args) [: (xargs)];  type->decl->deriv is one DK_FUNC
			  holding the native argument types; xl_in the same for the
			  translated types after ':', or NULL */

	ND_NKINDS
} NodeKind;

typedef enum Op {
	OP_NONE,
	/* binary */
	OP_ADD, OP_SUB, OP_MUL, OP_DIV, OP_MOD,
	OP_SHL, OP_SHR, OP_BAND, OP_BOR, OP_XOR,
	OP_LT, OP_LE, OP_GT, OP_GE, OP_EQ, OP_NE,
	OP_LAND, OP_LOR, OP_LXOR, /* && || ^^ */
	OP_COMMA,
	/* unary */
	OP_NEG, OP_PLUS, OP_NOT, OP_BNOT, OP_DEREF, OP_ADDR,
	OP_PREINC, OP_PREDEC, OP_POSTINC, OP_POSTDEC,
	OP_NOPS
} Op;

/* Integer constant suffixes, and IS_DEC for a constant written in decimal (C types those differently). */
enum { IS_U = 1, IS_L = 2, IS_LL = 4, IS_DEC = 8 };

/* Storage classes and qualifiers of declarations. */
typedef enum Storage {
	SC_NONE, SC_EXTERN, SC_STATIC, SC_REGISTER, SC_AUTO, SC_TYPEDEF, SC_SELF, SC_THIS
} Storage;
enum { TQ_CONST = 1, TQ_VOLATILE = 2, TQ_RESTRICT = 4, TQ_USERLAND = 8 /* D's "userland" */ };

/* Basic type keywords, as a bit set (long long = TB_LONG counted twice in nlong). */
enum {
	TB_VOID = 1 << 0, TB_CHAR = 1 << 1, TB_SHORT = 1 << 2, TB_INT = 1 << 3,
	TB_LONG = 1 << 4, TB_SIGNED = 1 << 5, TB_UNSIGNED = 1 << 6, TB_FLOAT = 1 << 7,
	TB_DOUBLE = 1 << 8, TB_STRING = 1 << 9, TB_BOOL = 1 << 10
};

typedef enum SpecKind {
	SPEC_NONE,    /* no type keyword at all (implicit int, e.g. "self x;") */
	SPEC_BASIC,   /* basic bit set */
	SPEC_STRUCT,  /* name (tag, may be NULL) [+ body in members] */
	SPEC_UNION,
	SPEC_ENUM,    /* name [+ body in enumerators] */
	SPEC_TYPEDEF, /* name: a typedef name, e.g. uint64_t, psinfo_t */
} SpecKind;

typedef struct DeclSpec {
	Pos pos;
	Storage storage;
	int quals;           /* TQ_* */
	SpecKind kind;
	int basic;           /* TB_* bits when kind == SPEC_BASIC */
	int nlong;           /* 1 = long, 2 = long long */
	const char *module;  /* scope of `mod`type references, or NULL */
	const char *name;    /* struct/union/enum tag or typedef name */
	bool has_body;       /* struct/union/enum with { ... } */
	Vec members;         /* struct/union: Node* ND_DECL */
	Vec enumerators;     /* enum: Node* ND_ENUMERATOR */
} DeclSpec;

/*
 * Derivations of a declarator, listed from the identifier outward: for
 * `int *a[3]` the list is ARRAY(3) -> POINTER, i.e. "a is an array of 3
 * pointers to int".  Sema builds the type by applying them last to first.
 */
typedef enum DerivKind { DK_POINTER, DK_ARRAY, DK_FUNC } DerivKind;

typedef struct Deriv {
	DerivKind kind;
	int quals;            /* DK_POINTER: TQ_* */
	Node *size;           /* DK_ARRAY: dimension expression, or NULL for [] */
	Vec keys;             /* DK_ARRAY: associative key types (TypeName*), e.g. [int, string] */
	Vec params;           /* DK_FUNC: parameter types (TypeName*) */
	bool varargs;         /* DK_FUNC: ends with ... */
	struct Deriv *next;
} Deriv;

typedef struct Declarator {
	Pos pos;
	const char *name;     /* NULL in abstract declarators (casts, sizeof) */
	Deriv *deriv;
	Node *bitwidth;       /* struct member ": N", or NULL */
} Declarator;

typedef struct TypeName {
	Pos pos;
	DeclSpec *spec;
	Declarator *decl;     /* may have name NULL; never NULL itself */
} TypeName;

struct Node {
	NodeKind kind;
	Pos pos;
	Op op;
	Node *lhs, *rhs;
	Node *cond, *then, *els;
	Vec list;             /* args, keys, statements, probes, items */
	Vec strs;             /* ND_PRAGMA words (char *) */
	const char *name;
	const char *module;   /* ND_KSYM */
	uint64_t ival;        /* ND_INT */
	int isuffix;          /* ND_INT: IS_* */
	bool is_char;         /* ND_INT from a character constant */
	bool is_str;          /* ND_MACRO: $$name */
	char *str;            /* ND_STRING bytes, ND_PROBEDESC text, ND_CONTROL text */
	int slen;             /* ND_STRING length */
	TypeName *type;       /* cast, sizeof, offsetof, xlate, inline, translator output */
	TypeName *xl_in;      /* ND_TRANSLATOR input type; name = its parameter name */
	DeclSpec *spec;       /* ND_DECL */
	Vec decls;            /* ND_DECL: Declarator* (may be empty: "struct s { ... };") */

	/* Filled by sema. */
	Type *ty;
	void *sym;            /* the variable / identifier this name resolved to */
	bool is_const;        /* constant-folded; value in cval */
	int64_t cval;
};

/* AST construction helpers (parse.c uses them; tests may too). */
Node *ast_new(Arena *a, NodeKind kind, Pos pos);

/*
 * Append p to a Vec of the tree (Node.list, .strs, .decls, DeclSpec.members,
 * Deriv.keys ...).  Those arrays live in the compilation's Arena like the
 * nodes, so arena_free() releases everything: never vec_push() onto them
 * (it would realloc arena memory) and never vec_free() them.
 */
void ast_push(Arena *a, Vec *v, void *p);

/* Human-readable dumps, stable for golden tests (ast.c). */
const char *ast_kind_name(NodeKind kind);
const char *ast_op_name(Op op); /* "+", "<<=", "++" (prefix and postfix alike) ... */
void ast_dump(FILE *out, const Node *program);
void ast_dump_pos(FILE *out, const Node *program); /* the same, each node with @line:col */

#endif
