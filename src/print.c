/*
 * print.c - the print() action's output: a recorded value laid out by its
 * D type, as DTrace's dt_print.c prints it (which follows mdb's
 * "::print -tn"): every struct member on a line of its own with its type
 * and name, integers in hex, chars quoted, char arrays that hold a string
 * as the string, other arrays in brackets, enums by name.
 *
 * It takes the type and the recorded bytes and writes to a FILE.  It must
 * never read past the bytes it was given: a member beyond them prints as
 * "<invalid>".  The walk is DTrace's: each member is visited with its depth
 * (ctf_type_visit), and closing braces are inferred from the change of depth.
 */
#include "print.h"

#include <ctype.h>
#include <string.h>

typedef struct Printer {
	FILE *fp;
	const unsigned char *base; /* the recorded value */
	size_t len;
	int depth; /* depth of the member printed last */
	int nest;  /* array nesting */
} Printer;

static void visit(Printer *pr, const char *name, Type *t, size_t off, const Member *bf, int depth);

static void trailing_braces(Printer *pr, int depth)
{
	for (int d = pr->depth; d > depth; d--)
		fprintf(pr->fp, "%*s}%s", (d + pr->nest - 1) * 4, "", d == depth + 1 ? "" : "\n");
}

static void indent(Printer *pr)
{
	fprintf(pr->fp, "%*s", (pr->depth + pr->nest) * 4, "");
}

static bool in_range(Printer *pr, size_t off, size_t size)
{
	if (off + size <= pr->len)
		return true;
	fputs("<invalid>", pr->fp);
	return false;
}

static uint64_t load(const unsigned char *p, int size)
{
	uint64_t v = 0;
	memcpy(&v, p, (size_t)(size < 8 ? size : 8)); /* little-endian, as BPF's host */
	return v;
}

/* A char as DTrace shows it: 'a', '\0' or '\ooo'. */
static bool is_char(const Type *t)
{
	return t->kind == TY_INT && t->size == 1 && !t->is_unsigned && !t->enums;
}

static void print_int(Printer *pr, const Type *t, size_t off, const Member *bf)
{
	if (bf && bf->bits) { /* a bit-field: the bits, in hex */
		int bytes = (bf->bit_off + bf->bits + 7) / 8;
		if (!in_range(pr, off, (size_t)bytes))
			return;
		uint64_t v = load(pr->base + off, bytes) >> bf->bit_off;
		v &= bf->bits >= 64 ? ~0ull : (1ull << bf->bits) - 1;
		fprintf(pr->fp, "%#llx", (unsigned long long)v);
		return;
	}
	if (!in_range(pr, off, (size_t)t->size))
		return;
	uint64_t v = load(pr->base + off, t->size);
	if (t->enums) {
		int32_t e = t->size == 1 ? (int32_t)(uint8_t)v : t->size == 2 ? (int32_t)(uint16_t)v
			  : (int32_t)v;
		for (int i = 0; i < t->nenums; i++)
			if (t->enums[i].value == e) {
				fputs(t->enums[i].name, pr->fp);
				return;
			}
		fprintf(pr->fp, "%d", e);
	} else if (is_char(t)) {
		char c = (char)v;
		if (isprint((unsigned char)c))
			fprintf(pr->fp, "'%c'", c);
		else if (c == 0)
			fputs("'\\0'", pr->fp);
		else
			fprintf(pr->fp, "'\\%03o'", (unsigned char)c);
	} else {
		fprintf(pr->fp, "%#llx", (unsigned long long)v);
	}
}

static void print_float(Printer *pr, const Type *t, size_t off)
{
	if (!in_range(pr, off, (size_t)t->size))
		return;
	if (t->size == 4) {
		float f;
		memcpy(&f, pr->base + off, 4);
		fprintf(pr->fp, "%+.7e", f);
	} else if (t->size == 8) {
		double d;
		memcpy(&d, pr->base + off, 8);
		fprintf(pr->fp, "%+.7e", d);
	} else {
		long double ld;
		memcpy(&ld, pr->base + off, sizeof(ld) < 16 ? sizeof(ld) : 16);
		fprintf(pr->fp, "%+.16LE", ld);
	}
}

/*
 * The bytes of a char array up to its NUL form a string of printable
 * characters.  Unsigned chars too: Linux builds the kernel with
 * -funsigned-char, so its BTF calls comm[] an unsigned char array.
 */
static bool looks_like_string(Printer *pr, const Type *elem, int n, size_t off)
{
	int i;
	char c = 1;
	if (elem->kind != TY_INT || elem->size != 1 || elem->enums || off + (size_t)n > pr->len)
		return false;
	for (i = 0; i < n; i++) {
		c = (char)pr->base[off + (size_t)i];
		if (!isprint((unsigned char)c) || c == '\0')
			break;
	}
	return i != n && c == '\0';
}

/* "[ 0x1, 0x2 ]", "[ "string" ]" ("string" alone at the top), or structs one per line. */
static void print_array(Printer *pr, Type *elem, int n, size_t off)
{
	bool str = looks_like_string(pr, elem, n, off), aggr = type_is_aggr(elem);
	if (!str || pr->depth != 0)
		fputs("[ ", pr->fp);
	if (str) {
		fprintf(pr->fp, "\"%s\"", (const char *)pr->base + off);
	} else {
		for (int i = 0; i < n; i++) {
			Printer sub = *pr;
			sub.nest += pr->depth + 1;
			sub.depth = 0;
			visit(&sub, "", elem, off + (size_t)elem->size * (size_t)i, NULL, 0);
			trailing_braces(&sub, 0);
			if (i != n - 1)
				fputs(", ", pr->fp);
			else if (aggr)
				fputc('\n', pr->fp);
		}
	}
	if (!str || pr->depth != 0) {
		if (aggr)
			indent(pr);
		else
			fputc(' ', pr->fp);
		fputc(']', pr->fp);
	}
}

static void print_value(Printer *pr, Type *t, size_t off, const Member *bf)
{
	switch (t->kind) {
	case TY_INT: print_int(pr, t, off, bf); break;
	case TY_FLOAT: print_float(pr, t, off); break;
	case TY_PTR:
		if (in_range(pr, off, 8))
			fprintf(pr->fp, "%#llx", (unsigned long long)load(pr->base + off, 8));
		break;
	case TY_ARRAY: print_array(pr, t->base, t->nelem, off); break;
	case TY_STRING: print_array(pr, &ty_char, (int)(pr->len - off), off); break;
	case TY_STRUCT:
	case TY_UNION: fputc('{', pr->fp); break;
	default: fputs("<invalid type>", pr->fp); break;
	}
}

/* One member (or the value itself at depth 0): "type name = value", DTrace's dt_print_member. */
static void print_member(Printer *pr, const char *name, Type *t, size_t off, const Member *bf,
			 int depth)
{
	trailing_braces(pr, depth);
	if (depth < pr->depth)
		fputc('\n', pr->fp);
	pr->depth = depth;
	bool arraymember = pr->nest != 0 && depth == 0;
	bool brief = arraymember && !type_is_aggr(t);
	if (!brief) {
		if (arraymember)
			fputc('\n', pr->fp);
		indent(pr);
		const char *tn = t->kind == TY_STRING ? "string" : type_name(t);
		fputs(tn, pr->fp);
		if (name[0]) {
			size_t l = strlen(tn);
			if (l && tn[l - 1] != '*' && tn[l - 1] != ' ')
				fputc(' ', pr->fp);
			fputs(name, pr->fp);
			if (bf && bf->bits)
				fprintf(pr->fp, " :%d", bf->bits);
			fputs(" =", pr->fp);
		}
		fputc(' ', pr->fp);
	}
	print_value(pr, t, off, bf);
	if (!brief)
		fputc('\n', pr->fp);
}

static void visit(Printer *pr, const char *name, Type *t, size_t off, const Member *bf, int depth)
{
	print_member(pr, name, t, off, bf, depth);
	if (!type_is_aggr(t))
		return;
	type_members(t);
	for (int i = 0; i < t->nmembers; i++) {
		const Member *m = &t->members[i];
		visit(pr, m->name ? m->name : "", m->type, off + (size_t)m->off, m, depth + 1);
	}
}

void print_typed(FILE *fp, Type *t, const void *data, size_t len)
{
	Printer pr = {fp, data, len, 0, 0};
	visit(&pr, "", t, 0, NULL, 0);
	trailing_braces(&pr, 0);
}
