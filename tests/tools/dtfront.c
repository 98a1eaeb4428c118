/*
 * dtfront.c - test driver for the D front end (lexer, parser, cpp).
 *
 *   dtfront [-x errtags] [-C] [-Dname[=value]] [-Uname] [-Idir] [-H]
 *           (--tokens | --ast | --ast-pos | --check) FILE
 *
 * --tokens prints one token per line ("line:col KIND text [= value]"),
 * --ast prints ast_dump(), --ast-pos the same with each node's @line:col,
 * --check only parses.  The last mode given wins.  FILE "-" is stdin.
 * Diagnostics go to stderr.  Exit status: 0 success, 1 a D error, 2 a
 * usage or I/O error.  It is a tool for golden tests (tests/front.sh), not
 * part of dtrace.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "cpp.h"
#include "diag.h"
#include "lex.h"
#include "parse.h"
#include "util.h"

enum { MODE_NONE, MODE_TOKENS, MODE_AST, MODE_AST_POS, MODE_CHECK };

typedef struct Options {
	int mode;
	int errtags;
	int cpp;
	const char *file;
	const char *cpp_args[256];
	int ncpp;
} Options;

static void usage(void)
{
	fprintf(stderr, "usage: dtfront [-x errtags] [-C] [-Dname[=value]] [-Uname] [-Idir] [-H]\n"
			"               (--tokens | --ast | --ast-pos | --check) FILE\n");
	exit(2);
}

/* -D, -U and -I take their value attached or as the next argument. */
static void cpp_option(Options *o, int argc, char **argv, int *i)
{
	const char *a = argv[*i];
	if (o->ncpp >= (int)ARRAY_SIZE(o->cpp_args))
		usage();
	if (a[2] == '\0' && a[1] != 'H') {
		if (*i + 1 >= argc)
			usage();
		char *joined = xasprintf("-%c%s", a[1], argv[++*i]);
		o->cpp_args[o->ncpp++] = joined; /* freed at exit with the process */
		return;
	}
	o->cpp_args[o->ncpp++] = a;
}

static void parse_options(Options *o, int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--tokens") == 0)
			o->mode = MODE_TOKENS;
		else if (strcmp(a, "--ast") == 0)
			o->mode = MODE_AST;
		else if (strcmp(a, "--ast-pos") == 0)
			o->mode = MODE_AST_POS;
		else if (strcmp(a, "--check") == 0)
			o->mode = MODE_CHECK;
		else if (strcmp(a, "-x") == 0 && i + 1 < argc && strcmp(argv[i + 1], "errtags") == 0)
			o->errtags = 1, i++;
		else if (strcmp(a, "-C") == 0)
			o->cpp = 1;
		else if (a[0] == '-' && strchr("DUIH", a[1]) && a[1])
			cpp_option(o, argc, argv, &i);
		else if (a[0] == '-' && a[1] != '\0')
			usage();
		else if (!o->file)
			o->file = a;
		else
			usage();
	}
	if (o->mode == MODE_NONE || !o->file)
		usage();
}

/* Source text as written, with only non-printable bytes escaped. */
static void put_raw(FILE *out, const char *s, int len)
{
	for (int i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= ' ' && c < 0x7f)
			fputc(c, out);
		else
			fprintf(out, "\\x%02x", c);
	}
}

/* Decoded bytes as a C string literal body. */
static void put_quoted(FILE *out, const char *s, int len)
{
	for (int i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\\' || c == '"')
			fprintf(out, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", out);
		else if (c == '\t')
			fputs("\\t", out);
		else if (c >= ' ' && c < 0x7f)
			fputc(c, out);
		else
			fprintf(out, "\\x%02x", c);
	}
}

static void put_value(FILE *out, const Token *t)
{
	if (t->kind == TK_INT) {
		fprintf(out, " = %" PRIu64, t->ival);
		if (t->is_char)
			fputs(" char", out);
		if (t->isuffix & IS_U)
			fputs(" U", out);
		if (t->isuffix & (IS_L | IS_LL))
			fputs(t->isuffix & IS_LL ? " LL" : " L", out);
	} else if (t->kind == TK_STRING) {
		fputs(" = \"", out);
		put_quoted(out, t->str, t->slen);
		fprintf(out, "\" (%d bytes)", t->slen);
	} else if (t->kind == TK_KSYM) {
		fprintf(out, " = module %s name %s", t->module ? t->module : "(any)", t->name);
	} else if (t->kind == TK_MACRO) {
		fprintf(out, " = %s %s", t->is_str ? "string" : "value", t->name);
	} else if (t->kind == TK_AGG) {
		fprintf(out, " = %s", t->name[0] ? t->name : "(anonymous)");
	}
}

static void print_token(FILE *out, const Token *t, const Source *main_src)
{
	if (t->pos.src != main_src)
		fprintf(out, "%s:", t->pos.src->name);
	fprintf(out, "%d:%d %s", t->pos.line, t->pos.col, lex_kind_name(t->kind));
	if (t->kind == TK_CONTROL) {
		for (int i = 0; i < t->nwords; i++) {
			fputs(" [", out);
			put_raw(out, t->words[i], (int)strlen(t->words[i]));
			fputc(']', out);
		}
	} else if (t->kind != TK_EOF) {
		fputc(' ', out);
		put_raw(out, t->text, t->len);
		put_value(out, t);
	}
	fputc('\n', out);
}

static bool is_typename(void *ctx, const char *name, int len)
{
	return parse_typenames_has(ctx, name, len);
}

/*
 * Dump tokens, switching lexer modes the way the parser would: probe
 * specifiers at the start of a top-level item, C tokens inside predicates,
 * bodies and declarations.  (Typedefs declared in the file are not
 * tracked; the built-in ones are.)
 */
static int dump_tokens(Arena *a, Diag *d, const Source *src)
{
	enum { TOP, PRED, BODY, DECL } state = TOP;
	TypeNames *tn = parse_typenames_new();
	Lexer lx;
	int depth = 0;
	bool is_typedef = false;
	const Token *prev = NULL;
	lex_init(&lx, a, d, src);
	lx.is_typename = is_typename;
	lx.ctx = tn;
	for (;;) {
		Token *t = state == TOP ? lex_probespec(&lx) : lex_next(&lx);
		if (t->kind == TK_ERROR)
			break;
		print_token(stdout, t, src);
		if (t->kind == TK_EOF)
			break;
		TokenKind k = t->kind;
		if (state == TOP) {
			if (k == TK_SLASH)
				state = PRED;
			else if (k == TK_LBRACE)
				state = BODY, depth = 1;
			else if (k != TK_PSPEC && k != TK_INT && k != TK_COMMA && k != TK_CONTROL)
				state = DECL, depth = 0, is_typedef = k == TK_KW_TYPEDEF;
		} else if (state == PRED) {
			if (k == TK_SLASH && lex_pred_end(&lx))
				state = TOP;
		} else {
			depth += (k == TK_LBRACE) - (k == TK_RBRACE);
			/* "typedef ... name;" or "name," at depth 0: a new type name */
			if (state == DECL && is_typedef && depth == 0 && prev &&
			    prev->kind == TK_IDENT && (k == TK_SEMI || k == TK_COMMA))
				parse_typenames_add(tn, prev->name);
			if ((state == BODY && k == TK_RBRACE && depth == 0) ||
			    (state == DECL && k == TK_SEMI && depth == 0))
				state = TOP;
		}
		prev = t;
	}
	parse_typenames_free(tn);
	return d->nerrors ? 1 : 0;
}

static int run(const Options *o, const Source *src, Diag *d)
{
	Arena a = {0};
	int rc;
	if (o->mode == MODE_TOKENS) {
		rc = dump_tokens(&a, d, src);
	} else {
		Node *prog = parse_program(&a, d, src);
		if (prog && o->mode == MODE_AST)
			ast_dump(stdout, prog);
		if (prog && o->mode == MODE_AST_POS)
			ast_dump_pos(stdout, prog);
		rc = prog ? 0 : 1;
	}
	arena_free(&a);
	return rc;
}

int main(int argc, char **argv)
{
	Options o = {0};
	parse_options(&o, argc, argv);
	size_t len;
	char *text = read_file(o.file, &len);
	if (!text) {
		fprintf(stderr, "dtfront: cannot read %s: %s\n", o.file, strerror(errno));
		return 2;
	}
	Diag d;
	diag_init(&d, stderr);
	d.errtags = o.errtags;
	bool is_stdin = strcmp(o.file, "-") == 0;
	if (o.cpp) {
		char *out = cpp_run(is_stdin ? NULL : o.file, text, o.cpp_args, o.ncpp, &d);
		free(text);
		if (!out) {
			diag_fini(&d);
			return 1;
		}
		text = out;
		len = strlen(out);
	}
	Source src = {is_stdin ? "<stdin>" : o.file, text, (int)len};
	int rc = run(&o, &src, &d);
	diag_fini(&d);
	free(text);
	return rc;
}
