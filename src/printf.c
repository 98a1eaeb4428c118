/*
 * printf.c - DTrace's printf format language.
 *
 * Takes a format string (escapes already decoded by the lexer) and gives a
 * PfFormat: literal text interleaved with conversions.  The compiler asks
 * pf_check() whether argument types fit the conversions (DTrace's messages
 * and tags); the consumer hands recorded values to pf_format(), which
 * appends the text to a StrBuf.
 *
 * It must never trust the values it formats: a consumer may hand over fewer
 * values than the format wants, or a width from a probe argument, and
 * formatting still succeeds without reading past what it was given.  It
 * never prints or exits; errors go back to the caller as text plus a tag.
 *
 * The numeric and string conversions are done by rebuilding a C conversion
 * ("%-08.3llx") and letting the C library format it, exactly as DTrace's
 * dt_printf.c does, so the output matches DTrace on the same libc.  The
 * DTrace-only conversions (%Y %T %S %C %a %A %k) produce a string first and
 * then go through "%s" with the same flags, width and precision.
 */
#include "printf.h"

#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Flags of one conversion, as written. */
enum {
	F_LEFT = 1 << 0,  /* '-' */
	F_PLUS = 1 << 1,  /* '+' */
	F_SPACE = 1 << 2, /* ' ' */
	F_ALT = 1 << 3,   /* '#' */
	F_ZERO = 1 << 4,  /* '0' */
	F_GROUP = 1 << 5, /* '\'' (thousands grouping, by locale) */
	F_AGG = 1 << 6,   /* '@': the aggregation value (printa) */
	F_DYNW = 1 << 7,  /* '*' width */
	F_DYNP = 1 << 8,  /* '.*' precision */
};

/* How a conversion checks its argument and prints its value. */
typedef enum ConvClass {
	CC_PCT,     /* %%: consumes nothing */
	CC_DINT,    /* %d %i: signed or unsigned as the argument's type is */
	CC_UINT,    /* %o %u %x %X: unsigned, of the argument's size */
	CC_PTR,     /* %p: hex, like %x of a pointer */
	CC_CHAR,    /* %c */
	CC_ECHAR,   /* %C: the character, escaped if not printable */
	CC_FLOAT,   /* %e %E %f %g %G: floating-point values (read from memory) */
	CC_STR,     /* %s */
	CC_ESTR,    /* %S: the string with non-printables escaped */
	CC_KADDR,   /* %a: kernel symbol+offset */
	CC_UADDR,   /* %A: user symbol+offset */
	CC_STACK,   /* %k: a stack; for now one address, like %a */
	CC_TIME,    /* %Y: "2026 Nov 23 10:49:13" */
	CC_TIME822, /* %T: RFC 822 time */
} ConvClass;

typedef struct ConvDef {
	char ch;
	ConvClass cls;
	const char *proto; /* DTrace's prototype text, for messages */
} ConvDef;

static const char proto_xint[] = "char, short, int, long, or long long";
static const char proto_csi[] = "char, short, or int";
static const char proto_fp[] = "double";
static const char proto_addr[] = "pointer or integer";
static const char proto_cstr[] = "char [] or string (or use stringof)";

static const ConvDef conv_defs[] = {
	{'a', CC_KADDR, proto_addr},  {'A', CC_UADDR, proto_addr}, {'c', CC_CHAR, proto_csi},
	{'C', CC_ECHAR, proto_csi},   {'d', CC_DINT, proto_xint},  {'e', CC_FLOAT, proto_fp},
	{'E', CC_FLOAT, proto_fp},    {'f', CC_FLOAT, proto_fp},   {'g', CC_FLOAT, proto_fp},
	{'G', CC_FLOAT, proto_fp},    {'i', CC_DINT, proto_xint},  {'k', CC_STACK, "stack"},
	{'o', CC_UINT, proto_xint},   {'p', CC_PTR, proto_addr},   {'s', CC_STR, proto_cstr},
	{'S', CC_ESTR, proto_cstr},   {'T', CC_TIME822, "int64_t"}, {'u', CC_UINT, proto_xint},
	{'x', CC_UINT, proto_xint},   {'X', CC_UINT, proto_xint},  {'Y', CC_TIME, "int64_t"},
	{'%', CC_PCT, "void"},
};

/* Length modifiers accepted (and ignored: the argument's type decides). */
static const char *const length_mods[] = {"h", "hh", "l", "ll", "L", "z", "j", "t"};

/*
 * One piece of a format: the literal text before a conversion, then the
 * conversion (def == NULL for trailing text).  Widths and precisions of 0
 * mean "none", as in DTrace.
 */
typedef struct Piece {
	const char *text; /* points into PfFormat.src */
	size_t textlen;
	const ConvDef *def;
	char name[8]; /* length modifier + conversion, for messages: "lx" */
	unsigned flags;
	int width;
	int prec;
} Piece;

struct PfFormat {
	char *src;
	Piece *pieces;
	int npieces;
};

/* ---- parsing ---- */

static int parse_fail(char **err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int parse_fail(char **err, const char *fmt, ...)
{
	StrBuf b = {0};
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(&b, fmt, ap);
	va_end(ap);
	if (err)
		*err = b.s;
	else
		sb_free(&b);
	return -1;
}

static const ConvDef *find_conv(char c)
{
	for (size_t i = 0; i < ARRAY_SIZE(conv_defs); i++)
		if (conv_defs[i].ch == c)
			return &conv_defs[i];
	return NULL;
}

static bool valid_length(const char *mod, size_t len)
{
	if (len == 0)
		return true;
	for (size_t i = 0; i < ARRAY_SIZE(length_mods); i++)
		if (strlen(length_mods[i]) == len && memcmp(length_mods[i], mod, len) == 0)
			return true;
	return false;
}

/* A decimal number at *pp, clamped; leaves *pp on its last digit. */
static int parse_number(const char **pp)
{
	const char *p = *pp;
	int n = 0;
	for (; *p >= '0' && *p <= '9'; p++) {
		n = n * 10 + (*p - '0');
		if (n > PF_MAX_WIDTH)
			n = PF_MAX_WIDTH;
	}
	*pp = p - 1;
	return n;
}

static void name_add(Piece *pc, size_t *len, char c)
{
	/* Like DTrace, an absurdly long name is cut short rather than refused. */
	if (*len < sizeof(pc->name) - 1) {
		pc->name[(*len)++] = c;
		pc->name[*len] = '\0';
	}
}

/* Finish a conversion at its conversion character. */
static int parse_name(Piece *pc, size_t namelen, int no, char **err)
{
	const ConvDef *def = find_conv(pc->name[namelen - 1]);
	if (!def || (def->cls == CC_PCT && namelen > 1) || !valid_length(pc->name, namelen - 1))
		return parse_fail(err, "format conversion #%d is undefined: %%%s", no, pc->name);
	pc->def = def;
	return 0;
}

static bool is_length_char(char c)
{
	return c && strchr("hlLzjt", c) != NULL;
}

/* The one-character flags; false if c is none of them. */
static bool parse_flag(Piece *pc, char c)
{
	switch (c) {
	case '0': pc->flags |= F_ZERO; return true;
	case '-': pc->flags |= F_LEFT; return true;
	case '+': pc->flags |= F_PLUS; return true;
	case ' ': pc->flags |= F_SPACE; return true;
	case '#': pc->flags |= F_ALT; return true;
	case '\'': pc->flags |= F_GROUP; return true;
	case '@': pc->flags |= F_AGG; return true;
	case '?': pc->width = 16; return true; /* a pointer's width on LP64 */
	}
	return false;
}

static int parse_star(Piece *pc, bool dot, int no, char **err)
{
	unsigned bit = dot ? F_DYNP : F_DYNW;
	if (pc->flags & bit)
		return parse_fail(err,
				  "format conversion #%d has more than one '*' specified for the "
				  "output %s",
				  no, dot ? "precision" : "width");
	pc->flags |= bit;
	return 0;
}

/*
 * conversion := '%' { flag | width | '.' precision | '*' } [length] conv
 *
 * Flags, width and precision may come in any order, as DTrace's parser
 * allows; a '0' is the zero flag unless it continues a number.  *pp points at
 * the '%' and is left after the conversion character.  `no` is the
 * conversion's number in messages.
 */
static int parse_conv(const char **pp, Piece *pc, int no, char **err)
{
	const char *start = *pp, *p = *pp + 1;
	size_t namelen = 0;
	bool dot = false, digits = false;

	for (;; p++) {
		char c = *p;
		if (namelen > 0 && !is_length_char(c))
			break; /* after a length modifier only the conversion may follow */
		if (c >= '0' && c <= '9' && !(c == '0' && !dot && !digits)) {
			*(dot ? &pc->prec : &pc->width) = parse_number(&p);
			digits = true;
			continue;
		}
		if (parse_flag(pc, c))
			continue;
		switch (c) {
		case '*':
			if (parse_star(pc, dot, no, err) < 0)
				return -1;
			continue;
		case '.':
			if (dot)
				return parse_fail(err,
						  "format conversion #%d has more than one '.' "
						  "specified",
						  no);
			dot = true;
			digits = false;
			continue;
		case '$':
			return parse_fail(err,
					  "format conversion #%d uses unsupported positional "
					  "format (%%n$)",
					  no);
		case '%':
			if (p != start + 1)
				return parse_fail(err,
						  "format conversion #%d cannot be combined with "
						  "other format flags: %%%%",
						  no);
			break;
		}
		if (!is_length_char(c))
			break;
		name_add(pc, &namelen, c);
	}
	if (*p == '\0')
		return parse_fail(err,
				  "format conversion #%d name expected before end of format string",
				  no);
	name_add(pc, &namelen, *p);
	*pp = p + 1;
	return parse_name(pc, namelen, no, err);
}

static Piece *new_piece(PfFormat *f)
{
	f->pieces = xrealloc(f->pieces, sizeof(Piece) * (f->npieces + 1));
	Piece *pc = &f->pieces[f->npieces++];
	memset(pc, 0, sizeof(*pc));
	return pc;
}

PfFormat *pf_parse(const char *fmt, char **err)
{
	PfFormat *f = xcalloc(1, sizeof(*f));
	f->src = xstrdup(fmt);
	const char *q = f->src, *p;

	if (err)
		*err = NULL;
	while ((p = strchr(q, '%')) != NULL) {
		Piece *pc = new_piece(f);
		pc->text = q;
		pc->textlen = (size_t)(p - q);
		if (parse_conv(&p, pc, f->npieces, err) < 0) {
			pf_free(f);
			return NULL;
		}
		q = p;
	}
	if (*q) {
		Piece *pc = new_piece(f);
		pc->text = q;
		pc->textlen = strlen(q);
	}
	return f;
}

void pf_free(PfFormat *f)
{
	if (!f)
		return;
	free(f->pieces);
	free(f->src);
	free(f);
}

/* ---- what a format consumes ---- */

static bool is_conv(const Piece *pc)
{
	return pc->def != NULL;
}

/* Arguments one conversion consumes: '*' width, '.*' precision, the value. */
static int piece_nargs(const Piece *pc)
{
	if (!pc->def || pc->def->cls == CC_PCT)
		return 0;
	return !!(pc->flags & F_DYNW) + !!(pc->flags & F_DYNP) + !(pc->flags & F_AGG);
}

int pf_nargs(const PfFormat *f)
{
	int n = 0;
	for (int i = 0; i < f->npieces; i++)
		n += piece_nargs(&f->pieces[i]);
	return n;
}

int pf_conv_count(const PfFormat *f)
{
	int n = 0;
	for (int i = 0; i < f->npieces; i++)
		n += is_conv(&f->pieces[i]);
	return n;
}

int pf_conv_info(const PfFormat *f, int i, PfConvInfo *ci)
{
	int arg = 0;
	for (int k = 0; k < f->npieces; k++) {
		const Piece *pc = &f->pieces[k];
		if (!is_conv(pc))
			continue;
		if (i-- == 0) {
			ci->conv = pc->def->ch;
			ci->dyn_width = !!(pc->flags & F_DYNW);
			ci->dyn_prec = !!(pc->flags & F_DYNP);
			ci->agg = !!(pc->flags & F_AGG);
			ci->nargs = piece_nargs(pc);
			ci->first_arg = ci->nargs ? arg : -1;
			return 0;
		}
		arg += piece_nargs(pc);
	}
	return -1;
}

/* ---- checking argument types ---- */

static int type_size(const PfArgType *t)
{
	return t->size > 0 ? t->size : 8;
}

const char *pf_type_name(const PfArgType *t)
{
	static const char *const sname[] = {"char", "short", "int", "int64_t"};
	static const char *const uname[] = {"uint8_t", "uint16_t", "uint32_t", "uint64_t"};
	int s = type_size(t), ix = s == 1 ? 0 : s == 2 ? 1 : s == 4 ? 2 : 3;

	switch (t->kind) {
	case PF_ARG_STRING:
	case PF_ARG_TEXT: return "string";
	case PF_ARG_PTR: return "void *";
	case PF_ARG_FLOAT: return s == 4 ? "float" : s == 8 ? "double" : "long double";
	case PF_ARG_INT: break;
	}
	return t->is_signed ? sname[ix] : uname[ix];
}

/*
 * A length modifier names the argument's C type (DTrace's pfcheck_type:
 * "%hd" wants a short, "%lu" an unsigned long): its size, 0 without one.
 * "l" and "ll" are both 8 bytes, as long and long long are on LP64.
 */
static int length_size(const Piece *pc)
{
	size_t n = strlen(pc->name) - 1;
	if (n == 0)
		return 0;
	if (pc->name[0] == 'L')
		return 16;
	if (pc->name[0] == 'h')
		return n == 2 ? 1 : 2;
	if (pc->name[0] == 'l' && pc->def->cls == CC_CHAR)
		return 4; /* %lc: a wint_t */
	return 8;
}

/* The prototype a length modifier gives, in DTrace's messages ("unsigned short"). */
static const char *length_proto(const Piece *pc, char *buf, size_t n)
{
	static const char *const names[] = {"", "char", "short", "", "int", "", "", "", "long"};
	int size = length_size(pc);
	bool u = strchr("ou", pc->def->ch) != NULL;
	if (pc->def->cls == CC_FLOAT)
		return "long double";
	if (size == 8 && pc->name[1] == 'l')
		snprintf(buf, n, "%slong long", u ? "unsigned " : "");
	else
		snprintf(buf, n, "%s%s", u ? "unsigned " : "", names[size]);
	return buf;
}

/* A conversion with a length modifier: the argument must be of that type. */
static bool arg_fits_length(const Piece *pc, const PfArgType *t)
{
	int size = length_size(pc);
	switch (pc->def->cls) {
	case CC_DINT: return t->kind == PF_ARG_INT && t->size == size && t->is_signed;
	case CC_UINT:
		if (strchr("xX", pc->def->ch)) /* DTrace's pfcheck_xshort/xlong: either sign */
			return t->kind == PF_ARG_INT && t->size == size;
		return t->kind == PF_ARG_INT && t->size == size && !t->is_signed;
	case CC_CHAR: return t->kind == PF_ARG_INT && t->size == size;
	case CC_FLOAT: return t->kind == PF_ARG_FLOAT && t->size == 16;
	default: return false;
	}
}

/* DTrace's pfcheck_* rules, except that pointers pass as integers. */
static bool arg_fits(const Piece *pc, const PfArgType *t)
{
	bool integer = t->kind == PF_ARG_INT, scalar = integer || t->kind == PF_ARG_PTR;

	if (length_size(pc) && pc->def->cls != CC_STR && pc->def->cls != CC_ESTR)
		return arg_fits_length(pc, t);
	switch (pc->def->cls) {
	case CC_DINT:
	case CC_UINT:
	case CC_PTR:
	case CC_KADDR:
	case CC_UADDR:
	case CC_STACK: return scalar;
	case CC_CHAR:
	case CC_ECHAR: return integer && type_size(t) <= 4;
	case CC_FLOAT: return t->kind == PF_ARG_FLOAT && t->size <= 8;
	case CC_STR:
	case CC_ESTR: return t->kind == PF_ARG_STRING;
	case CC_TIME:
	case CC_TIME822: return integer && type_size(t) == 8;
	case CC_PCT: return true;
	}
	return false;
}

/* The state pf_check threads through its helpers. */
typedef struct Check {
	const PfArgType *args;
	int nargs;
	int next; /* next argument to consume */
	const char *action;
	char **err;
	const char **tag;
} Check;

static int check_fail(Check *c, const char *tag, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int check_fail(Check *c, const char *tag, const char *fmt, ...)
{
	StrBuf b = {0};
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(&b, fmt, ap);
	va_end(ap);
	if (c->err)
		*c->err = b.s;
	else
		sb_free(&b);
	if (c->tag)
		*c->tag = tag;
	return -1;
}

/* A '*' width or precision consumes an integer argument. */
static int check_dyn(Check *c, const Piece *pc, int no, const char *which)
{
	if (c->next >= c->nargs)
		return check_fail(c, "D_PRINTF_DYN_PROTO",
				  "%s( ) prototype mismatch: conversion #%d (%%%s) is missing a "
				  "corresponding \"%s\" argument",
				  c->action, no, pc->name, which);
	const PfArgType *t = &c->args[c->next];
	if (t->kind != PF_ARG_INT)
		return check_fail(c, "D_PRINTF_DYN_TYPE",
				  "%s( ) argument #%d is incompatible with conversion #%d "
				  "prototype:\n\tconversion: %% %s %s\n\t prototype: int\n\t  "
				  "argument: %s",
				  c->action, c->next + 2, no, which, pc->name, pf_type_name(t));
	c->next++;
	return 0;
}

static int check_value(Check *c, const Piece *pc, int no)
{
	static const PfArgType agg_type = {PF_ARG_INT, 8, 1};
	const PfArgType *t;
	char what[32];

	if (pc->flags & F_AGG) {
		if (strcmp(c->action, "printa") != 0)
			return check_fail(c, "D_PRINTF_AGG_CONV",
					  "%%@ conversion requires an aggregation and is not for "
					  "use with %s( )",
					  c->action);
		t = &agg_type;
		strcpy(what, "aggregating action");
	} else {
		if (c->next >= c->nargs)
			return check_fail(c, "D_PRINTF_ARG_PROTO",
					  "%s( ) prototype mismatch: conversion #%d (%%%s) is "
					  "missing a corresponding value argument",
					  c->action, no, pc->name);
		t = &c->args[c->next];
		snprintf(what, sizeof(what), "argument #%d", c->next + 2);
		c->next++;
	}
	char proto[32];
	if (!arg_fits(pc, t))
		return check_fail(c, "D_PRINTF_ARG_TYPE",
				  "%s( ) %s is incompatible with conversion #%d prototype:\n"
				  "\tconversion: %%%s\n\t prototype: %s\n\t  argument: %s",
				  c->action, what, no, pc->name,
				  length_size(pc) && pc->def->cls != CC_STR && pc->def->cls != CC_ESTR
					  ? length_proto(pc, proto, sizeof(proto))
					  : pc->def->proto,
				  pf_type_name(t));
	return 0;
}

int pf_check(const PfFormat *f, const PfArgType *args, int nargs, const char *action,
	     char **err, const char **tag)
{
	Check c = {args, nargs, 0, action, err, tag};

	if (err)
		*err = NULL;
	if (f->src[0] == '\0')
		return check_fail(&c, "D_PRINTF_FMT_EMPTY", "%s( ) format string is empty",
				  action);
	for (int i = 0; i < f->npieces; i++) {
		const Piece *pc = &f->pieces[i];
		int no = i + 1;
		if (!is_conv(pc) || pc->def->cls == CC_PCT)
			continue;
		if ((pc->flags & F_DYNW) && check_dyn(&c, pc, no, "*") < 0)
			return -1;
		if ((pc->flags & F_DYNP) && check_dyn(&c, pc, no, ".*") < 0)
			return -1;
		if (check_value(&c, pc, no) < 0)
			return -1;
	}
	/* DTrace's wording, including "only 1 arguments". */
	if (c.next < nargs && strcmp(action, "printa") != 0)
		return check_fail(&c, "D_PRINTF_ARG_EXTRA",
				  "%s( ) prototype mismatch: only %d arguments required by this "
				  "format string",
				  action, c.next);
	return 0;
}

/* ---- formatting values ---- */

/* What a conversion formats with, once '*' arguments are resolved. */
typedef struct Spec {
	unsigned flags;
	int width; /* 0: none */
	int prec;  /* 0: none */
} Spec;

static int value_size(const PfValue *v)
{
	return v->size > 0 && v->size < 8 ? v->size : 8;
}

static bool value_signed(const PfValue *v)
{
	return v->kind != PF_ARG_PTR && (v->size <= 0 || v->is_signed);
}

static uint64_t value_unsigned(const PfValue *v)
{
	int bits = 8 * value_size(v);
	uint64_t u = (uint64_t)v->i;
	return bits == 64 ? u : u & ((UINT64_C(1) << bits) - 1);
}

static int64_t value_sext(const PfValue *v)
{
	int shift = 64 - 8 * value_size(v);
	return (int64_t)((uint64_t)v->i << shift) >> shift;
}

/*
 * Build a C conversion from the spec: "%-08.3" + len + conv.  Only the
 * conversion characters of conv_defs reach the C library this way, never
 * the user's format text, so a D format cannot smuggle in a %n.
 */
static void c_format(char *buf, size_t n, const Spec *sp, const char *len, char conv)
{
	char *p = buf;
	*p++ = '%';
	if (sp->flags & F_ALT)
		*p++ = '#';
	if (sp->flags & F_ZERO)
		*p++ = '0';
	if (sp->flags & F_LEFT)
		*p++ = '-';
	if (sp->flags & F_PLUS)
		*p++ = '+';
	if (sp->flags & F_GROUP)
		*p++ = '\'';
	if (sp->flags & F_SPACE)
		*p++ = ' ';
	if (sp->width > 0)
		p += snprintf(p, n - (size_t)(p - buf), "%d", sp->width);
	if (sp->prec > 0)
		p += snprintf(p, n - (size_t)(p - buf), ".%d", sp->prec);
	snprintf(p, n - (size_t)(p - buf), "%s%c", len, conv);
}

/* The C library's formatting of one value; fmt is built by c_format(). */
static void put_c(StrBuf *out, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(out, fmt, ap);
	va_end(ap);
}

static void put_str(StrBuf *out, const Spec *sp, const char *s)
{
	char fmt[48];
	c_format(fmt, sizeof(fmt), sp, "", 's');
	put_c(out, fmt, s);
}

/* DTrace's strchr2esc(): C escapes, other non-printables as \ooo. */
static void escape_bytes(StrBuf *b, const char *s, size_t n)
{
	static const char from[] = "\a\b\f\n\r\t\v\"\\", to[] = "abfnrtv\"\\";
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *e = c ? strchr(from, c) : NULL;
		if (c == '\0')
			sb_puts(b, "\\0");
		else if (e)
			sb_printf(b, "\\%c", to[e - from]);
		else if (c != ' ' && (c < '!' || c > '~'))
			sb_printf(b, "\\%03o", c);
		else
			sb_putc(b, (char)c);
	}
}

/* ctime(3)'s fields reordered as mdb's /Y: "1973 Dec  3 17:20:00". */
static void format_time(char *buf, size_t n, uint64_t ns)
{
	static const char mon[12][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
					"Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	time_t sec = (time_t)(ns / 1000000000u);
	struct tm tm;

	if (!localtime_r(&sec, &tm)) {
		snprintf(buf, n, "%llu", (unsigned long long)ns);
		return;
	}
	snprintf(buf, n, "%d %s %2d %02d:%02d:%02d", tm.tm_year + 1900, mon[tm.tm_mon], tm.tm_mday,
		 tm.tm_hour, tm.tm_min, tm.tm_sec);
}

/* DTrace's %T: RFC 822, its strftime() format kept as it is (%G and all). */
static void format_time822(char *buf, size_t n, uint64_t ns)
{
	time_t sec = (time_t)(ns / 1000000000u);
	struct tm tm;

	if (!localtime_r(&sec, &tm) || strftime(buf, n, "%a, %d %b %G %T %Z", &tm) == 0)
		snprintf(buf, n, "%llu", (unsigned long long)ns);
}

static void format_addr(StrBuf *b, const PfEnv *env, uint64_t addr, int user)
{
	if (env && env->addr2str) {
		size_t len = b->len;
		if (env->addr2str(env->arg, addr, user, b) == 0)
			return;
		b->len = len; /* drop anything a failing hook appended */
		if (b->s)
			b->s[len] = '\0';
	}
	sb_printf(b, "0x%llx", (unsigned long long)addr);
}

static void put_int(StrBuf *out, const Spec *sp, ConvClass cls, char conv, const PfValue *v)
{
	char fmt[48];
	if (cls == CC_DINT && value_signed(v)) {
		c_format(fmt, sizeof(fmt), sp, "ll", conv);
		put_c(out, fmt, (long long)value_sext(v));
	} else {
		c_format(fmt, sizeof(fmt), sp, "ll", cls == CC_DINT ? 'u' : conv);
		put_c(out, fmt, (unsigned long long)value_unsigned(v));
	}
}

/* A float's or double's bits as recorded; anything else as the number it is. */
static double value_double(const PfValue *v)
{
	if (v->kind == PF_ARG_FLOAT && v->size == 4) {
		float f;
		uint32_t bits = (uint32_t)v->i;
		memcpy(&f, &bits, 4);
		return f;
	}
	if (v->kind == PF_ARG_FLOAT) {
		double d;
		memcpy(&d, &v->i, 8);
		return d;
	}
	return value_signed(v) ? (double)value_sext(v) : (double)value_unsigned(v);
}

static void put_float(StrBuf *out, const Spec *sp, char conv, const PfValue *v)
{
	char fmt[48];
	double d = value_double(v);
	c_format(fmt, sizeof(fmt), sp, "", conv);
	put_c(out, fmt, d);
}

/* The conversions that make a string first, then print it with %s. */
static void put_made_string(StrBuf *out, const Spec *sp, ConvClass cls, const PfValue *v,
			    const PfEnv *env)
{
	StrBuf s = {0};
	char buf[96];
	const char *str = v->kind == PF_ARG_STRING && v->s ? v->s : "";

	switch (cls) {
	case CC_ESTR: escape_bytes(&s, str, strlen(str)); break;
	case CC_ECHAR: {
		char c = (char)v->i;
		escape_bytes(&s, &c, 1);
		break;
	}
	case CC_KADDR:
	case CC_STACK: format_addr(&s, env, value_unsigned(v), 0); break;
	case CC_UADDR: format_addr(&s, env, value_unsigned(v), 1); break;
	case CC_TIME:
		format_time(buf, sizeof(buf), (uint64_t)v->i);
		sb_puts(&s, buf);
		break;
	case CC_TIME822:
		format_time822(buf, sizeof(buf), (uint64_t)v->i);
		sb_puts(&s, buf);
		break;
	default: break;
	}
	put_str(out, sp, s.s ? s.s : "");
	sb_free(&s);
}

static void put_value(StrBuf *out, const Spec *sp, const ConvDef *def, const PfValue *v,
		      const PfEnv *env)
{
	char fmt[48];

	switch (def->cls) {
	case CC_DINT:
	case CC_UINT: put_int(out, sp, def->cls, def->ch, v); break;
	case CC_PTR: put_int(out, sp, CC_UINT, 'x', v); break;
	case CC_CHAR:
		c_format(fmt, sizeof(fmt), sp, "", 'c');
		put_c(out, fmt, (int)(unsigned char)v->i);
		break;
	case CC_FLOAT: put_float(out, sp, def->ch, v); break;
	case CC_STR:
		if (v->kind == PF_ARG_STRING)
			put_str(out, sp, v->s ? v->s : "");
		else /* a consumer's mistake; show the number rather than nothing */
			put_int(out, sp, CC_DINT, 'd', v);
		break;
	case CC_PCT: sb_putc(out, '%'); break;
	default: put_made_string(out, sp, def->cls, v, env); break;
	}
}

/* The next value, or a zero one when the consumer handed over too few. */
static const PfValue *take(const PfValue *vals, int nvals, int *k)
{
	static const PfValue none = {PF_ARG_STRING, 0, "", 8, 1};
	return *k < nvals ? &vals[(*k)++] : &none;
}

/* A '*' argument's value; an unsigned 2^64-1 is huge, not -1. */
static int64_t value_int64(const PfValue *v)
{
	if (value_signed(v))
		return value_sext(v);
	uint64_t u = value_unsigned(v);
	return u > INT64_MAX ? INT64_MAX : (int64_t)u;
}

static int clamp_width(int64_t w)
{
	if (w > PF_MAX_WIDTH)
		return PF_MAX_WIDTH;
	if (w < -PF_MAX_WIDTH)
		return -PF_MAX_WIDTH;
	return (int)w;
}

/*
 * Resolve '*' arguments into a Spec.  DTrace's rules: a negative '*' width
 * left-justifies; a precision is used only when it is > 0, so "%.0d" and a
 * '*' precision of 0 print as if there were none (unlike C).
 */
static Spec resolve_spec(const Piece *pc, const PfValue *vals, int nvals, int *k)
{
	Spec sp = {pc->flags, pc->width, pc->prec};

	if (pc->flags & F_DYNW) {
		sp.width = clamp_width(value_int64(take(vals, nvals, k)));
		if (sp.width < 0) {
			sp.flags |= F_LEFT;
			sp.width = -sp.width;
		}
	}
	if (pc->flags & F_DYNP)
		sp.prec = clamp_width(value_int64(take(vals, nvals, k)));
	if (sp.prec < 0)
		sp.prec = 0;
	return sp;
}

void pf_format_env(const PfFormat *f, const PfValue *vals, int nvals, const PfEnv *env,
		   StrBuf *out)
{
	static const PfValue zero = {PF_ARG_INT, 0, NULL, 8, 1};
	int k = 0, a = 0;

	for (int i = 0; i < f->npieces; i++) {
		const Piece *pc = &f->pieces[i];
		sb_putn(out, pc->text, pc->textlen);
		if (!is_conv(pc))
			continue;
		if (pc->def->cls == CC_PCT) {
			sb_putc(out, '%');
			continue;
		}
		Spec sp = resolve_spec(pc, vals, nvals, &k);
		const PfValue *v;
		if (!(pc->flags & F_AGG))
			v = take(vals, nvals, &k);
		else if (env && env->naggs > 0)
			v = &env->agg[a < env->naggs - 1 ? a++ : env->naggs - 1];
		else
			v = &zero;
		if (v->kind == PF_ARG_TEXT)
			sb_puts(out, v->s);
		else
			put_value(out, &sp, pc->def, v, env);
	}
}

void pf_format(const PfFormat *f, const PfValue *vals, int nvals, StrBuf *out)
{
	pf_format_env(f, vals, nvals, NULL, out);
}
