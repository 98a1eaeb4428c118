/*
 * diag.h - source positions and user diagnostics.
 *
 * Every token and AST node carries a Pos.  A diagnostic is printed as
 *
 *     file:line:col: error: [D_TAG] message      (the tag only with -x errtags)
 *         the source line
 *             ^
 *
 * Tags are stable (D_SYNTAX, D_IDENT_UNDEF, ...) so tests match the tag, not
 * the prose.  The Diag collector never exits: passes report and keep going
 * (or stop) and the caller looks at diag->nerrors.
 */
#ifndef DT_DIAG_H
#define DT_DIAG_H

#include <stdio.h>

/* One unit of D text: a script file, a -n description, a -e string ... */
typedef struct Source {
	const char *name; /* "x.d", "<command-line>" */
	const char *text; /* NUL-terminated */
	int len;
} Source;

typedef struct Pos {
	const Source *src;
	int off;  /* byte offset into src->text */
	int line; /* 1-based */
	int col;  /* 1-based, in bytes */
} Pos;

typedef struct Diag {
	FILE *out;    /* where messages go (stderr) */
	int errtags;  /* -x errtags: show [D_TAG] */
	int nerrors;
	int nwarnings;
	const char *first_tag; /* tag of the first error, for tests and the API */
	char *first_msg;       /* text of the first error (owned) */
	int max_errors;        /* stop printing after this many (default 1) */
} Diag;

void diag_init(Diag *d, FILE *out);
void diag_fini(Diag *d);
void diag_error(Diag *d, Pos pos, const char *tag, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void diag_warn(Diag *d, Pos pos, const char *tag, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* An error with no source position (e.g. "no probes matched"). */
void diag_error_nopos(Diag *d, const char *tag, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
