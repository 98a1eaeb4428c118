/*
 * lex.h - the D lexer: bytes in, tokens with file:line:col out.
 *
 * D lexes like C plus macro variables ($1, $$1, $target), kernel symbols
 * (`sym, mod`sym), aggregations (@name, @) and probe specifiers.  A probe
 * specifier ("syscall::read*:entry", "tick-1ms", "pid$target:libc*::entry")
 * is not made of C tokens, so the lexer has two entry points and the parser
 * picks one:
 *
 *   lex_next()       the next C-like token (clause bodies, predicates,
 *                    declarations);
 *   lex_probespec()  at the start of a top-level item: a run of probe
 *                    specifier characters becomes one TK_PSPEC token, unless
 *                    it is a declaration keyword or a typedef name (then the
 *                    ordinary token is returned, as DTrace does).
 *
 * The lexer never allocates outside the Arena it is given and never exits:
 * an error is reported through the Diag and returned as a TK_ERROR token.
 * It keeps no global state; the only outside knowledge it needs (which
 * identifiers are typedef names, for lex_probespec) comes in through the
 * is_typename callback.
 */
#ifndef DT_LEX_H
#define DT_LEX_H

#include <stdbool.h>
#include <stdint.h>

#include "diag.h"
#include "util.h"

/* Punctuators: kind, text.  Longer spellings come first (the lexer is greedy). */
#define LEX_PUNCTS(X)                                                                          \
	X(TK_ELLIPSIS, "...") X(TK_SHL_ASSIGN, "<<=") X(TK_SHR_ASSIGN, ">>=")                  \
	X(TK_ARROW, "->") X(TK_INC, "++") X(TK_DEC, "--") X(TK_SHL, "<<") X(TK_SHR, ">>")      \
	X(TK_LE, "<=") X(TK_GE, ">=") X(TK_EQ, "==") X(TK_NE, "!=") X(TK_LAND, "&&")          \
	X(TK_LOR, "||") X(TK_LXOR, "^^") X(TK_ADD_ASSIGN, "+=") X(TK_SUB_ASSIGN, "-=")        \
	X(TK_MUL_ASSIGN, "*=") X(TK_DIV_ASSIGN, "/=") X(TK_MOD_ASSIGN, "%=")                  \
	X(TK_AND_ASSIGN, "&=") X(TK_OR_ASSIGN, "|=") X(TK_XOR_ASSIGN, "^=")                   \
	X(TK_LPAREN, "(") X(TK_RPAREN, ")") X(TK_LBRACKET, "[") X(TK_RBRACKET, "]")            \
	X(TK_LBRACE, "{") X(TK_RBRACE, "}") X(TK_COMMA, ",") X(TK_SEMI, ";") X(TK_COLON, ":")  \
	X(TK_QUESTION, "?") X(TK_DOT, ".") X(TK_PLUS, "+") X(TK_MINUS, "-") X(TK_STAR, "*")    \
	X(TK_SLASH, "/") X(TK_PERCENT, "%") X(TK_AMP, "&") X(TK_PIPE, "|") X(TK_CARET, "^")    \
	X(TK_TILDE, "~") X(TK_BANG, "!") X(TK_ASSIGN, "=") X(TK_LT, "<") X(TK_GT, ">")

/* The D keywords (DTrace's full list, reserved ones included). */
#define LEX_KEYWORDS(X)                                                                        \
	X(TK_KW_AUTO, "auto") X(TK_KW_BREAK, "break") X(TK_KW_CASE, "case")                    \
	X(TK_KW_CHAR, "char") X(TK_KW_CONST, "const") X(TK_KW_CONTINUE, "continue")            \
	X(TK_KW_COUNTER, "counter") X(TK_KW_DEFAULT, "default") X(TK_KW_DO, "do")              \
	X(TK_KW_DOUBLE, "double") X(TK_KW_ELSE, "else") X(TK_KW_ENUM, "enum")                  \
	X(TK_KW_EXTERN, "extern") X(TK_KW_FLOAT, "float") X(TK_KW_FOR, "for")                  \
	X(TK_KW_GOTO, "goto") X(TK_KW_IF, "if") X(TK_KW_IMPORT, "import")                      \
	X(TK_KW_INLINE, "inline") X(TK_KW_INT, "int") X(TK_KW_LONG, "long")                    \
	X(TK_KW_OFFSETOF, "offsetof") X(TK_KW_PROBE, "probe") X(TK_KW_PROVIDER, "provider")    \
	X(TK_KW_REGISTER, "register") X(TK_KW_RESTRICT, "restrict") X(TK_KW_RETURN, "return")  \
	X(TK_KW_SELF, "self") X(TK_KW_SHORT, "short") X(TK_KW_SIGNED, "signed")                \
	X(TK_KW_SIZEOF, "sizeof") X(TK_KW_STATIC, "static") X(TK_KW_STRING, "string")          \
	X(TK_KW_STRINGOF, "stringof") X(TK_KW_STRUCT, "struct") X(TK_KW_SWITCH, "switch")      \
	X(TK_KW_THIS, "this") X(TK_KW_TRANSLATOR, "translator") X(TK_KW_TYPEDEF, "typedef")    \
	X(TK_KW_UNION, "union") X(TK_KW_UNSIGNED, "unsigned") X(TK_KW_USERLAND, "userland")    \
	X(TK_KW_VOID, "void") X(TK_KW_VOLATILE, "volatile") X(TK_KW_WHILE, "while")            \
	X(TK_KW_XLATE, "xlate")

#define LEX_ENUM_ITEM(kind, text) kind,

typedef enum TokenKind {
	TK_EOF,
	TK_ERROR,   /* a lexical error, already reported */
	TK_IDENT,   /* name */
	TK_INT,     /* ival, isuffix, is_char */
	TK_STRING,  /* str, slen: the decoded bytes */
	TK_PSPEC,   /* a probe specifier (lex_probespec only); text as written */
	TK_AGG,     /* @name or @: name ("" for @) */
	TK_MACRO,   /* $1 $target $$1: name without the $s, is_str for $$ */
	TK_KSYM,    /* `name or module`name: name, module (NULL for `name) */
	TK_CONTROL, /* a # control line other than a line marker: words */
	LEX_PUNCTS(LEX_ENUM_ITEM)
	LEX_KEYWORDS(LEX_ENUM_ITEM)
	TK_NKINDS
} TokenKind;

typedef struct Token {
	TokenKind kind;
	Pos pos;
	const char *text;   /* the token as written (into the source text) */
	int len;
	uint64_t ival;      /* TK_INT */
	int isuffix;        /* TK_INT: IS_* bits (ast.h) */
	bool is_char;       /* TK_INT from a character constant */
	bool is_str;        /* TK_MACRO: $$name */
	char *str;          /* TK_STRING: decoded bytes, NUL-terminated (arena) */
	int slen;           /* TK_STRING: length without the NUL */
	const char *name;   /* TK_IDENT, TK_AGG, TK_MACRO, TK_KSYM (arena) */
	const char *module; /* TK_KSYM */
	char **words;       /* TK_CONTROL: the words after '#', strings decoded */
	Pos *wpos;          /* TK_CONTROL: where each word starts */
	int nwords;
} Token;

typedef struct Lexer {
	Arena *arena;
	Diag *diag;
	const Source *src;  /* the text */
	const Source *file; /* the name positions carry (changed by line markers) */
	int off;            /* next byte */
	int line;           /* line number of the byte at off */
	int line_start;     /* offset of the first byte of that line */
	bool bol;           /* only blanks since the start of the line */
	/* Is name[0..len) a typedef name?  Used by lex_probespec only; may be NULL. */
	bool (*is_typename)(void *ctx, const char *name, int len);
	void *ctx;
} Lexer;

void lex_init(Lexer *lx, Arena *a, Diag *d, const Source *src);

/* The next C-like token.  Line markers and #! lines are consumed silently. */
Token *lex_next(Lexer *lx);

/*
 * The next token at the start of a top-level item: a probe specifier, or
 * the ordinary token when the text starts with something else ('{', '/',
 * ',', a declaration keyword, a typedef name, a number...).
 */
Token *lex_probespec(Lexer *lx);

/*
 * Called right after a '/' token inside a predicate: does that '/' close the
 * predicate?  True when the next non-blank byte is the end of input, ';', '{'
 * or '/' (DTrace's rule, which is why "BEGIN/x/{" and "/a / b/" both work).
 */
bool lex_pred_end(const Lexer *lx);

const char *lex_kind_name(TokenKind kind); /* "IDENT", "LPAREN", "KW_INT", ... */
const char *lex_kind_text(TokenKind kind); /* "(", "int"; NULL for the others */

#endif
