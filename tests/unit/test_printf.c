/*
 * test_printf.c - unit tests for src/printf.c, DTrace's printf language.
 *
 * Each case is a format and values with the exact text a user would see, or
 * a format and argument types with the exact diagnostic and tag.  Where DTrace
 * hands a conversion to the C library the expectation is what glibc prints
 * for the same C format (a grid of them is checked against snprintf); where
 * DTrace differs from C (precision 0, %d of an unsigned type, %p without
 * "0x") the expectation is DTrace's.  Prints failures, then the summary line
 * `N passed, M failed`; exits 0 iff all pass.  Needs no root.
 *
 *   gcc -std=gnu11 -Isrc -D_GNU_SOURCE tests/unit/test_printf.c src/printf.c src/util.c \
 *       -o build/test_printf && build/test_printf
 */
#include "printf.h"

#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int passed, failed;

static void fail(int line, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void fail(int line, const char *fmt, ...)
{
	va_list ap;
	printf("FAIL test_printf.c:%d: ", line);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	failed++;
}

/* ---- values of each recorded type ---- */

static PfValue v_int(int64_t v, int size, int is_signed)
{
	return (PfValue){.kind = PF_ARG_INT, .i = v, .size = size, .is_signed = is_signed};
}
#define CHAR(v) v_int((int8_t)(v), 1, 1)
#define SHORT(v) v_int((int16_t)(v), 2, 1)
#define INT(v) v_int((int32_t)(v), 4, 1)
#define UINT(v) v_int((uint32_t)(v), 4, 0)
#define LONG(v) v_int((int64_t)(v), 8, 1)
#define ULONG(v) v_int((int64_t)(uint64_t)(v), 8, 0)
#define PTR(v) ((PfValue){.kind = PF_ARG_PTR, .i = (int64_t)(uint64_t)(v), .size = 8})
#define STR(v) ((PfValue){.kind = PF_ARG_STRING, .s = (v)})

/* ---- argument types ---- */

#define T_CHAR ((PfArgType){PF_ARG_INT, 1, 1})
#define T_INT ((PfArgType){PF_ARG_INT, 4, 1})
#define T_UINT ((PfArgType){PF_ARG_INT, 4, 0})
#define T_LONG ((PfArgType){PF_ARG_INT, 8, 1})
#define T_ULONG ((PfArgType){PF_ARG_INT, 8, 0})
#define T_PTR ((PfArgType){PF_ARG_PTR, 8, 0})
#define T_SHORT ((PfArgType){PF_ARG_INT, 2, 1})
#define T_USHORT ((PfArgType){PF_ARG_INT, 2, 0})
#define T_UCHAR ((PfArgType){PF_ARG_INT, 1, 0})
#define T_FLOAT ((PfArgType){PF_ARG_FLOAT, 4, 1})
#define T_DOUBLE ((PfArgType){PF_ARG_FLOAT, 8, 1})
#define T_STR ((PfArgType){PF_ARG_STRING, 0, 0})

#define NARGS(type, ...) ((int)(sizeof((type[]){__VA_ARGS__}) / sizeof(type)))

/* ---- the checks ---- */

static void print_quoted(const char *s, size_t n)
{
	putchar('"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\n')
			fputs("\\n", stdout);
		else if (c == '\t')
			fputs("\\t", stdout);
		else if (c < ' ' || c > '~' || c == '"' || c == '\\')
			printf("\\%03o", c);
		else
			putchar(c);
	}
	putchar('"');
}

/* Compare bytes, so that a NUL from %c is checked too. */
static void expect_bytes(int line, const char *fmt, const char *got, size_t gotlen,
			 const char *want, size_t wantlen)
{
	if (gotlen == wantlen && memcmp(got, want, wantlen) == 0) {
		passed++;
		return;
	}
	fail(line, "format \"%s\"", fmt);
	fputs("    want ", stdout);
	print_quoted(want, wantlen);
	fputs("\n    got  ", stdout);
	print_quoted(got, gotlen);
	putchar('\n');
}

static void run_fmt_env(int line, const char *want, size_t wantlen, const char *fmt,
			const PfValue *vals, int nvals, const PfEnv *env)
{
	char *err = NULL;
	PfFormat *f = pf_parse(fmt, &err);
	if (!f) {
		fail(line, "format \"%s\" did not parse: %s", fmt, err);
		free(err);
		return;
	}
	StrBuf out = {0};
	pf_format_env(f, vals, nvals, env, &out);
	expect_bytes(line, fmt, out.s ? out.s : "", out.len, want, wantlen);
	sb_free(&out);
	pf_free(f);
}

#define F(want, fmt, ...)                                                                 \
	run_fmt_env(__LINE__, want, strlen(want), fmt, (PfValue[]){__VA_ARGS__},          \
		    NARGS(PfValue, __VA_ARGS__), NULL)
#define F0(want, fmt) run_fmt_env(__LINE__, want, strlen(want), fmt, NULL, 0, NULL)

static void expect_parse_error(int line, const char *fmt, const char *want)
{
	char *err = NULL;
	PfFormat *f = pf_parse(fmt, &err);
	if (f) {
		fail(line, "format \"%s\" parsed; want error \"%s\"", fmt, want);
		pf_free(f);
		return;
	}
	if (err && strcmp(err, want) == 0)
		passed++;
	else
		fail(line, "format \"%s\":\n    want error \"%s\"\n    got  error \"%s\"", fmt,
		     want, err ? err : "(null)");
	free(err);
}
#define PARSE_ERR(fmt, want) expect_parse_error(__LINE__, fmt, want)

/* want_tag NULL: the check must pass. */
static void run_check(int line, const char *fmt, const PfArgType *args, int nargs,
		      const char *action, const char *want_tag, const char *want_msg)
{
	char *err = NULL;
	const char *tag = NULL;
	PfFormat *f = pf_parse(fmt, &err);
	if (!f) {
		fail(line, "format \"%s\" did not parse: %s", fmt, err);
		free(err);
		return;
	}
	int rc = pf_check(f, args, nargs, action, &err, &tag);
	if (!want_tag && rc == 0)
		passed++;
	else if (!want_tag)
		fail(line, "%s(\"%s\") check failed: [%s] %s", action, fmt, tag, err);
	else if (rc == 0)
		fail(line, "%s(\"%s\") check passed; want [%s]", action, fmt, want_tag);
	else if (strcmp(tag, want_tag) != 0 || (want_msg && strcmp(err, want_msg) != 0))
		fail(line, "%s(\"%s\"):\n    want [%s] %s\n    got  [%s] %s", action, fmt,
		     want_tag, want_msg ? want_msg : "(any)", tag, err);
	else
		passed++;
	free(err);
	pf_free(f);
}

#define CHECK_OK(action, fmt, ...)                                                        \
	run_check(__LINE__, fmt, (PfArgType[]){__VA_ARGS__}, NARGS(PfArgType, __VA_ARGS__), \
		  action, NULL, NULL)
#define CHECK_OK0(action, fmt) run_check(__LINE__, fmt, NULL, 0, action, NULL, NULL)
#define CHECK_ERR(action, fmt, tag, msg, ...)                                             \
	run_check(__LINE__, fmt, (PfArgType[]){__VA_ARGS__}, NARGS(PfArgType, __VA_ARGS__), \
		  action, tag, msg)
#define CHECK_ERR0(action, fmt, tag, msg) run_check(__LINE__, fmt, NULL, 0, action, tag, msg)

/* ---- cases ---- */

static void test_integers(void)
{
	F("97", "%d", INT(97));
	F("-1", "%d", INT(-1));
	F("-1", "%i", CHAR(-1));
	F("-9223372036854775808", "%d", LONG(INT64_MIN));
	/* DTrace: %d and %i follow the argument's signedness. */
	F("4294967295", "%d", UINT(-1));
	F("18446744073709551615", "%i", ULONG(UINT64_MAX));
	/* %u %x %o: the value as unsigned of the argument's size. */
	F("4294967295", "%u", INT(-1));
	F("ffffffff", "%x", INT(-1));
	F("ffffffffffffffff", "%x", LONG(-1));
	F("ff", "%x", CHAR(-1));
	F("ffff", "%x", SHORT(-1));
	F("377", "%o", CHAR(-1));
	F("DEADBEEF", "%X", UINT(0xdeadbeef));
	F("141", "%o", INT(97));
	/* Length modifiers change nothing: the recorded type decides. */
	F("ffffffff", "%lx", INT(-1));
	F("-1", "%hhd", INT(-1));
	F("61 61 61", "%llx %zx %jx", INT(97), INT(97), INT(97));
	/* A value with no type (size 0) is an int64_t. */
	F("-1 ffffffffffffffff", "%d %x", ((PfValue){.i = -1}), ((PfValue){.i = -1}));
}

static void test_flags(void)
{
	/* DTrace's tst.flags.d */
	F("#    0x123", "# %#8x", INT(0x123));
	F("0 00000123", "0 %08x", INT(0x123));
	F("- 123     |", "- %-8x|", INT(0x123));
	F("+     +123", "+ %+8d", INT(123));
	F("       123", "  % 8d", INT(123));
	F("-0042", "%05d", INT(-42));
	F("42   |", "%-5d|", INT(42));
	F("  007", "%5.3d", INT(7));
	F("  007", "%05.3d", INT(7)); /* C: '0' is ignored with a precision */
	F("42   |", "%-05d|", INT(42)); /* C: '-' overrides '0' */
	F("010", "%#o", INT(8));
	F("0", "%#x", INT(0));
	F("5", "%+u", UINT(5));
	F("1234567", "%'d", INT(1234567)); /* grouping is by locale; C has none */
	/* Flags, width and precision in any order, as DTrace accepts. */
	F("+0042", "%0+5d", INT(42));
}

static void test_precision_quirks(void)
{
	/* DTrace ignores a precision of 0 (C would print nothing here). */
	F("0", "%.0d", INT(0));
	F("abc", "%.0s", STR("abc"));
	F("abc", "%.*s", INT(0), STR("abc"));
	F("abc", "%.*s", INT(-3), STR("abc"));
	F("0007", "%.4d", INT(7));
}

static void test_star(void)
{
	F("   42", "%*d", INT(5), INT(42));
	F("42   |", "%-*d|", INT(5), INT(42));
	F("42   |", "%*d|", INT(-5), INT(42)); /* negative width: left-justified */
	F("0007", "%.*d", INT(4), INT(7));
	F("   007", "%*.*d", INT(6), INT(3), INT(7));
	F("abc", "%.*s", INT(3), STR("abcdef"));
	F("  abc|", "%*.*s|", LONG(5), LONG(3), STR("abcdef"));
	/* '?' is the width of a pointer on LP64 (DTrace's tst.widths1.d). */
	F("               0", "%?d", INT(0));
}

static void test_huge_width(void)
{
	char *err = NULL;
	PfFormat *f = pf_parse("%*d", &err);
	PfValue v[] = {INT(INT_MAX), INT(1)};
	StrBuf out = {0};
	pf_format(f, v, 2, &out);
	if (out.len == PF_MAX_WIDTH && out.s[out.len - 1] == '1' && out.s[0] == ' ')
		passed++;
	else
		fail(__LINE__, "width INT_MAX: got %zu bytes, want %d", out.len, PF_MAX_WIDTH);
	sb_free(&out);
	pf_free(f);
	free(err);

	F("1", "%.*d", INT(INT_MIN), INT(1));
}

static void test_chars_and_strings(void)
{
	F("a", "%c", INT('a'));
	F("  a|a  |", "%3c|%-3c|", INT('a'), CHAR('a'));
	run_fmt_env(__LINE__, "[\0]", 3, "[%c]", (PfValue[]){INT(0)}, 1, NULL);
	F("hello", "%s", STR("hello"));
	F("     hello|hello     |", "%10s|%-10s|", STR("hello"), STR("hello"));
	F("hel|       hel|", "%.3s|%10.3s|", STR("hello"), STR("hello"));
	F("   ab", "%05s", STR("ab")); /* glibc pads strings with spaces */
	F("", "%s", STR(NULL));
	F("42", "%s", INT(42)); /* consumer's mistake: show the number */
	/* %S and %C: DTrace's escapes */
	F("a\\tb\\n\\\"q\\\"\\\\ \\001\\177\\303", "%S", STR("a\tb\n\"q\"\\ \001\177\303"));
	F("  a\\n|", "%5S|", STR("a\n"));
	F("a|\\n|\\0|\\310|\\a", "%C|%C|%C|%C|%C", INT('a'), INT('\n'), INT(0), INT(200),
	  CHAR(7));
}

static void test_pointers_and_addresses(void)
{
	/* DTrace's %p is %x of the pointer: no "0x" (tst.basics.r: "%p = 61"). */
	F("61", "%p", PTR(0x61));
	F("0x61", "%#p", PTR(0x61));
	F("ffff888012345678", "%p", PTR(0xffff888012345678));
	F("0000000000001000", "%016p", PTR(0x1000));
	F("ff", "%p", INT(255));
	/* %a with no symbolizer: DTrace's fallback */
	F("0xffffffff81000000", "%a", PTR(0xffffffff81000000));
	F("0x10          |", "%-14a|", PTR(0x10));
	F("0x10", "%A", PTR(0x10));
	F("0x20", "%k", PTR(0x20));
}

static int fake_addr2str(void *arg, uint64_t addr, int user, StrBuf *out)
{
	(void)arg;
	if (addr == 0xffffffff81000012)
		sb_puts(out, user ? "libc.so.6`read+0x12" : "vmlinux`ksys_read+0x12");
	else
		sb_puts(out, "junk that must not appear");
	return addr == 0xffffffff81000012 ? 0 : -1;
}

static void test_env(void)
{
	PfValue agg = LONG(-12345);
	PfEnv env = {.agg = &agg, .naggs = 1, .addr2str = fake_addr2str};
	PfValue v1[] = {PTR(0xffffffff81000012), PTR(0xffffffff81000012), PTR(0x99)};
	const char *want = "vmlinux`ksys_read+0x12 libc.so.6`read+0x12 0x99";
	run_fmt_env(__LINE__, want, strlen(want), "%a %A %a", v1, 3, &env);

	PfValue v2[] = {INT(15), STR("read")};
	want = "read           -12345";
	run_fmt_env(__LINE__, want, strlen(want), "%-*s%@d", v2, 2, &env);
	/* printa's %@ with no aggregation value given: 0 */
	run_fmt_env(__LINE__, "key 0", 5, "key %@d", NULL, 0, NULL);
}

static void test_floats(void)
{
	F("3.000000", "%f", INT(3));
	F("3.00", "%.2f", INT(3));
	F("-3.000000", "%f", CHAR(-3));
	F("1.234500e+04", "%e", INT(12345));
	F("100000", "%g", INT(100000));
	F("1E+07", "%G", INT(10000000));
	/* floating-point values arrive as their bits */
	F("1.500000 -2.5E+00 0.1", "%f %.1E %g",
	  ((PfValue){.kind = PF_ARG_FLOAT, .i = 0x3fc00000, .size = 4}),
	  ((PfValue){.kind = PF_ARG_FLOAT, .i = (int64_t)0xc004000000000000ull, .size = 8}),
	  ((PfValue){.kind = PF_ARG_FLOAT, .i = 0x3fb999999999999aLL, .size = 8}));
	F("1.845E+19", "%.3E", ULONG(UINT64_MAX));
}

static void test_time(void)
{
	/* A POSIX TZ rule needs no zoneinfo: DTrace's tst.printY.sh values. */
	setenv("TZ", "PST8PDT,M3.2.0,M11.1.0", 1);
	tzset();
	F("1969 Dec 31 16:00:00\n2003 Sep  3 10:23:41\n2038 Jan 18 19:14:07", "%Y\n%Y\n%Y",
	  ULONG(0), ULONG(1062609821ULL * 1000000000), ULONG(0x7fffffffULL * 1000000000));
	setenv("TZ", "UTC0", 1);
	tzset();
	F("2026 Nov 23 10:49:13", "%Y", LONG(1795430953ULL * 1000000000 + 999999999));
	F("[    2003 Sep  3 17:23:41]", "[%24Y]", ULONG(1062609821ULL * 1000000000));
	F("Thu, 01 Jan 1970 00:00:00 UTC", "%T", ULONG(0));
}

static void test_literals_and_missing(void)
{
	F0("hello\n", "hello\n");
	F0("", "");
	F0("100%", "100%%");
	F0("%d", "%%d");
	F0("%%", "%%%%");
	/* Too few values (a consumer bug): 0 and "", never a crash. */
	F0("0 [] 0", "%d [%s] %x");
	F("pid 42 exec ls at 1970 Jan  1 00:00:01\n", "pid %d exec %s at %Y\n", INT(42),
	  STR("ls"), ULONG(1000000000));
}

/* One grid format: pf_format must print what snprintf prints. */
static void grid_case(const char *fmt, char conv)
{
	static const int32_t vals[] = {0, 1, -1, 42, INT32_MAX, INT32_MIN};
	bool sgn = conv == 'd' || conv == 'i';
	char want[64];
	PfFormat *f = pf_parse(fmt, NULL);
	int bad = !f;

	for (size_t k = 0; f && k < ARRAY_SIZE(vals); k++) {
		PfValue v = sgn ? INT(vals[k]) : UINT(vals[k]);
		StrBuf out = {0};
		pf_format(f, &v, 1, &out);
		if (sgn)
			snprintf(want, sizeof(want), fmt, vals[k]);
		else
			snprintf(want, sizeof(want), fmt, (uint32_t)vals[k]);
		if (strcmp(out.s, want) != 0) {
			fail(__LINE__, "%s of %d: want \"%s\" got \"%s\"", fmt, vals[k], want,
			     out.s);
			bad = 1;
		}
		sb_free(&out);
	}
	pf_free(f);
	passed += !bad;
}

/* The C library's output for the same C format, over a grid of specs. */
static void test_glibc_grid(void)
{
	static const char *const flags[] = {"", "-", "+", " ", "#", "0", "-+", "0 ", "#0"};
	static const char *const widths[] = {"", "1", "9"};
	static const char *const precs[] = {"", ".3"};
	static const char convs[] = "diuxXo";
	char fmt[32];

	for (size_t a = 0; a < ARRAY_SIZE(flags); a++)
		for (size_t b = 0; b < ARRAY_SIZE(widths); b++)
			for (size_t c = 0; c < ARRAY_SIZE(precs); c++)
				for (const char *cv = convs; *cv; cv++) {
					snprintf(fmt, sizeof(fmt), "%%%s%s%s%c", flags[a],
						 widths[b], precs[c], *cv);
					grid_case(fmt, *cv);
				}
}

static void test_parse_errors(void)
{
	PARSE_ERR("%q", "format conversion #1 is undefined: %q");
	PARSE_ERR("%d %q", "format conversion #2 is undefined: %q");
	PARSE_ERR("%lq", "format conversion #1 is undefined: %lq");
	PARSE_ERR("%hhhd", "format conversion #1 is undefined: %hhhd");
	PARSE_ERR("%Lls", "format conversion #1 is undefined: %Lls");
	PARSE_ERR("%5", "format conversion #1 name expected before end of format string");
	PARSE_ERR("abc %", "format conversion #1 name expected before end of format string");
	PARSE_ERR("%%%", "format conversion #2 name expected before end of format string");
	PARSE_ERR("%1$d", "format conversion #1 uses unsupported positional format (%n$)");
	PARSE_ERR("%5%", "format conversion #1 cannot be combined with other format flags: %%");
	PARSE_ERR("%**d", "format conversion #1 has more than one '*' specified for the "
			  "output width");
	PARSE_ERR("%.**d", "format conversion #1 has more than one '*' specified for the "
			   "output precision");
	PARSE_ERR("%1.2.3d", "format conversion #1 has more than one '.' specified");
	PARSE_ERR("%n", "format conversion #1 is undefined: %n");
}

static void test_check(void)
{
	CHECK_OK("printf", "%d %u %x %s %c %Y", T_INT, T_ULONG, T_CHAR, T_STR, T_CHAR, T_ULONG);
	CHECK_OK("printf", "%d %x %p %a %k", T_PTR, T_PTR, T_PTR, T_LONG, T_PTR);
	CHECK_OK("printf", "%*.*d %%", T_INT, T_LONG, T_INT);
	CHECK_OK("printf", "%f %e %g %G", T_FLOAT, T_DOUBLE, T_FLOAT, T_DOUBLE);
	CHECK_OK("printf", "%Lf", ((PfArgType){PF_ARG_FLOAT, 16, 1}));
	CHECK_OK("printf", "%hd %hu %hhd %hhx %hx %ld %lu %lld %llu %lx %llX %lc",
		 T_SHORT, T_USHORT, T_CHAR, T_UCHAR, T_USHORT, T_LONG, T_ULONG, T_LONG, T_ULONG,
		 T_ULONG, T_LONG, T_INT);
	/* DTrace's rule: floating-point conversions take floating-point values only */
	CHECK_ERR("printf", "%f", "D_PRINTF_ARG_TYPE",
		  "printf( ) argument #2 is incompatible with conversion #1 prototype:\n"
		  "\tconversion: %f\n\t prototype: double\n\t  argument: int",
		  T_INT);
	CHECK_ERR("printf", "%Lf", "D_PRINTF_ARG_TYPE",
		  "printf( ) argument #2 is incompatible with conversion #1 prototype:\n"
		  "\tconversion: %Lf\n\t prototype: long double\n\t  argument: double",
		  T_DOUBLE);
	/* a length modifier names the argument's type (DTrace's pfcheck_type) */
	CHECK_ERR("printf", "%hd", "D_PRINTF_ARG_TYPE",
		  "printf( ) argument #2 is incompatible with conversion #1 prototype:\n"
		  "\tconversion: %hd\n\t prototype: short\n\t  argument: int",
		  T_INT);
	CHECK_ERR("printf", "%lu", "D_PRINTF_ARG_TYPE",
		  "printf( ) argument #2 is incompatible with conversion #1 prototype:\n"
		  "\tconversion: %lu\n\t prototype: unsigned long\n\t  argument: int64_t",
		  T_LONG);
	CHECK_ERR("printf", "%llo", "D_PRINTF_ARG_TYPE",
		  "printf( ) argument #2 is incompatible with conversion #1 prototype:\n"
		  "\tconversion: %llo\n\t prototype: unsigned long long\n\t  argument: int",
		  T_INT);
	CHECK_ERR("printf", "%hhd", "D_PRINTF_ARG_TYPE", NULL, T_UCHAR);
	CHECK_OK0("printf", "hello\n");
	CHECK_OK("printa", "%s %@d\n", T_STR);
	CHECK_OK("printa", "%@d\n", T_STR, T_INT); /* printa: keys need not all be printed */
	CHECK_ERR0("printf", "%d", "D_PRINTF_ARG_PROTO",
		   "printf( ) prototype mismatch: conversion #1 (%d) is missing a "
		   "corresponding value argument");
	CHECK_ERR("printf", "%% %d %ld", "D_PRINTF_ARG_PROTO",
		  "printf( ) prototype mismatch: conversion #3 (%ld) is missing a "
		  "corresponding value argument",
		  T_INT);
	CHECK_ERR("printf", "%d", "D_PRINTF_ARG_EXTRA",
		  "printf( ) prototype mismatch: only 1 arguments required by this format string",
		  T_INT, T_INT);
	CHECK_ERR("system", "ls", "D_PRINTF_ARG_EXTRA",
		  "system( ) prototype mismatch: only 0 arguments required by this format string",
		  T_STR);
	CHECK_ERR("printf", "%d", "D_PRINTF_ARG_TYPE",
		  "printf( ) argument #2 is incompatible with conversion #1 prototype:\n"
		  "\tconversion: %d\n\t prototype: char, short, int, long, or long long\n"
		  "\t  argument: string",
		  T_STR);
	CHECK_ERR("printf", "%d %s", "D_PRINTF_ARG_TYPE",
		  "printf( ) argument #3 is incompatible with conversion #2 prototype:\n"
		  "\tconversion: %s\n\t prototype: char [] or string (or use stringof)\n"
		  "\t  argument: int",
		  T_INT, T_INT);
	CHECK_ERR("printf", "%s", "D_PRINTF_ARG_TYPE", NULL, T_PTR);
	CHECK_ERR("printf", "%c", "D_PRINTF_ARG_TYPE",
		  "printf( ) argument #2 is incompatible with conversion #1 prototype:\n"
		  "\tconversion: %c\n\t prototype: char, short, or int\n\t  argument: int64_t",
		  T_LONG);
	CHECK_ERR("printf", "%Y", "D_PRINTF_ARG_TYPE",
		  "printf( ) argument #2 is incompatible with conversion #1 prototype:\n"
		  "\tconversion: %Y\n\t prototype: int64_t\n\t  argument: uint32_t",
		  T_UINT);
	CHECK_ERR("printf", "%f", "D_PRINTF_ARG_TYPE", NULL, T_STR);
	CHECK_ERR("printf", "%*d", "D_PRINTF_DYN_TYPE",
		  "printf( ) argument #2 is incompatible with conversion #1 prototype:\n"
		  "\tconversion: % * d\n\t prototype: int\n\t  argument: string",
		  T_STR, T_INT);
	CHECK_ERR0("printf", "%*d", "D_PRINTF_DYN_PROTO",
		   "printf( ) prototype mismatch: conversion #1 (%d) is missing a corresponding "
		   "\"*\" argument");
	CHECK_ERR0("printf", "%.*s", "D_PRINTF_DYN_PROTO",
		   "printf( ) prototype mismatch: conversion #1 (%s) is missing a corresponding "
		   "\".*\" argument");
	CHECK_ERR("printf", "%.*s", "D_PRINTF_ARG_PROTO", NULL, T_INT);
	CHECK_ERR0("printf", "%@d", "D_PRINTF_AGG_CONV",
		   "%@ conversion requires an aggregation and is not for use with printf( )");
	CHECK_ERR0("printa", "%@s", "D_PRINTF_ARG_TYPE",
		   "printa( ) aggregating action is incompatible with conversion #1 prototype:\n"
		   "\tconversion: %s\n\t prototype: char [] or string (or use stringof)\n"
		   "\t  argument: int64_t");
	CHECK_ERR0("printf", "", "D_PRINTF_FMT_EMPTY", "printf( ) format string is empty");

	/* Without err and tag pointers the check still fails cleanly. */
	PfFormat *f = pf_parse("%d", NULL);
	if (pf_check(f, NULL, 0, "printf", NULL, NULL) == -1)
		passed++;
	else
		fail(__LINE__, "pf_check without err/tag did not fail");
	pf_free(f);
}

static void test_counts(void)
{
	PfFormat *f = pf_parse("%*.*d %% %s %@d %-5x", NULL);
	PfConvInfo ci;
	int ok = pf_nargs(f) == 5 && pf_conv_count(f) == 5;
	ok = ok && pf_conv_info(f, 0, &ci) == 0 && ci.conv == 'd' && ci.dyn_width &&
	     ci.dyn_prec && ci.first_arg == 0 && ci.nargs == 3;
	ok = ok && pf_conv_info(f, 1, &ci) == 0 && ci.conv == '%' && ci.nargs == 0 &&
	     ci.first_arg == -1;
	ok = ok && pf_conv_info(f, 2, &ci) == 0 && ci.conv == 's' && ci.first_arg == 3;
	ok = ok && pf_conv_info(f, 3, &ci) == 0 && ci.agg && ci.nargs == 0;
	ok = ok && pf_conv_info(f, 4, &ci) == 0 && ci.conv == 'x' && ci.first_arg == 4;
	ok = ok && pf_conv_info(f, 5, &ci) == -1;
	if (ok)
		passed++;
	else
		fail(__LINE__, "pf_nargs/pf_conv_count/pf_conv_info disagree with the format");
	pf_free(f);
}

int main(void)
{
	test_integers();
	test_flags();
	test_precision_quirks();
	test_star();
	test_huge_width();
	test_chars_and_strings();
	test_pointers_and_addresses();
	test_env();
	test_floats();
	test_time();
	test_literals_and_missing();
	test_glibc_grid();
	test_parse_errors();
	test_check();
	test_counts();
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
