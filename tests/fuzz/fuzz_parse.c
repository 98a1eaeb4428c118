/*
 * fuzz_parse.c - libFuzzer harness for the D front end.
 *
 * Feeds arbitrary bytes (NUL bytes included) to the lexer and the parser
 * and dumps the tree when there is one, with diagnostics switched off
 * (Diag.out = NULL).  What it checks: no crash, no hang, no undefined
 * behaviour, no leak (the Arena and the type-name set must release
 * everything).  Built and run by tests/fuzz/run.sh.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ast.h"
#include "diag.h"
#include "lex.h"
#include "parse.h"
#include "util.h"

static FILE *devnull;

/* Lex the whole input in both modes: the lexer alone must also be safe. */
static void lex_all(const Source *src, bool pspec)
{
	Arena a = {0};
	Diag d;
	Lexer lx;
	diag_init(&d, NULL);
	lex_init(&lx, &a, &d, src);
	for (int i = 0; i < src->len + 2; i++) {
		Token *t = pspec && i % 3 == 0 ? lex_probespec(&lx) : lex_next(&lx);
		if (t->kind == TK_EOF || t->kind == TK_ERROR)
			break;
		if (t->kind == TK_SLASH)
			(void)lex_pred_end(&lx);
	}
	diag_fini(&d);
	arena_free(&a);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 1 << 20)
		return 0;
	if (!devnull)
		devnull = fopen("/dev/null", "w");
	char *text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	Source src = {"fuzz.d", text, (int)size};

	Arena a = {0};
	Diag d;
	diag_init(&d, NULL);
	Node *prog = parse_program(&a, &d, &src);
	if (prog && devnull)
		ast_dump(devnull, prog);
	diag_fini(&d);
	arena_free(&a);

	lex_all(&src, false);
	lex_all(&src, true);
	free(text);
	return 0;
}
