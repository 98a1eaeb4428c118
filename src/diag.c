/*
 * diag.c - prints diagnostics with file:line:col, the source line and a
 * caret.  It never exits and never allocates per-pass state.
 */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

void diag_init(Diag *d, FILE *out)
{
	memset(d, 0, sizeof(*d));
	d->out = out;
	d->max_errors = 1;
}

void diag_fini(Diag *d)
{
	free(d->first_msg);
	d->first_msg = NULL;
}

/* Print the line holding pos and a caret under its column. */
static void show_line(FILE *out, Pos pos)
{
	const char *text = pos.src->text;
	int start = pos.off, end = pos.off;
	if (start > pos.src->len)
		start = end = pos.src->len;
	while (start > 0 && text[start - 1] != '\n')
		start--;
	while (end < pos.src->len && text[end] != '\n')
		end++;
	fprintf(out, "    %.*s\n    ", end - start, text + start);
	for (int i = start; i < pos.off && i < end; i++)
		fputc(text[i] == '\t' ? '\t' : ' ', out);
	fputs("^\n", out);
}

static void report(Diag *d, const Pos *pos, const char *kind, const char *tag, const char *fmt,
		   va_list ap)
{
	StrBuf msg = {0};
	sb_vprintf(&msg, fmt, ap);
	bool is_error = strcmp(kind, "error") == 0;
	if (is_error && d->nerrors == 0) {
		d->first_tag = tag;
		d->first_msg = xstrdup(msg.s ? msg.s : "");
	}
	int count = is_error ? d->nerrors++ : d->nwarnings++;
	if (!d->out || (is_error && count >= d->max_errors)) {
		sb_free(&msg);
		return;
	}
	if (pos && pos->src)
		fprintf(d->out, "%s:%d:%d: %s: ", pos->src->name, pos->line, pos->col, kind);
	else
		fprintf(d->out, "dtrace: %s: ", kind);
	if (d->errtags && tag)
		fprintf(d->out, "[%s] ", tag);
	fprintf(d->out, "%s\n", msg.s ? msg.s : "");
	if (pos && pos->src)
		show_line(d->out, *pos);
	sb_free(&msg);
}

void diag_error(Diag *d, Pos pos, const char *tag, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report(d, &pos, "error", tag, fmt, ap);
	va_end(ap);
}

void diag_warn(Diag *d, Pos pos, const char *tag, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report(d, &pos, "warning", tag, fmt, ap);
	va_end(ap);
}

void diag_error_nopos(Diag *d, const char *tag, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report(d, NULL, "error", tag, fmt, ap);
	va_end(ap);
}
