/*
 * test_agg.c - unit tests for src/agg.c: DTrace's aggregation buckets,
 * merging, the consumer's table (clear, trunc, normalize), rows joined
 * across aggregations, sort order with the aggsort options, and default
 * output.
 *
 * Every expected string is what illumos dtrace(1) prints for the same data,
 * worked out from its source (dt_consume.c: dt_print_aggs, dt_print_datum,
 * dt_print_bytes, dt_print_quantize/lquantize/llquantize, dt_print_quantline,
 * dt_stddev; dt_aggregate.c: dt_aggregate_valcmp/keycmp and friends; the
 * kernel's dtrace_aggregate_quantize/lquantize/llquantize_bucket), never
 * from this module's own output.  Bar lengths are |count| * 40 / total
 * rounded half up (20 when a distribution has both signs), worked by hand
 * in the comment above each case.  Where DTrace's own test suite has the
 * output (tst.signedkeys: key widths and unsigned key order), the lines are
 * the same.  Prints failures, then `N passed, M failed`; exits 0 iff all
 * pass.  Needs no root.
 *
 *   gcc -std=gnu11 -Isrc -D_GNU_SOURCE tests/unit/test_agg.c src/agg.c src/util.c \
 *       -o build/test_agg && build/test_agg
 */
#include "agg.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int passed, failed;

static void fail(int line, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void fail(int line, const char *fmt, ...)
{
	va_list ap;

	printf("FAIL test_agg.c:%d: ", line);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	failed++;
}

static void print_quoted(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '\n')
			fputs("\\n\"\n\t\"", stdout);
		else if (c < ' ' || c > '~' || c == '"' || c == '\\')
			printf("\\%03o", c);
		else
			putchar(c);
	}
	putchar('"');
}

static void expect_int(int line, const char *what, long long got, long long want)
{
	if (got == want) {
		passed++;
		return;
	}
	fail(line, "%s: got %lld, want %lld", what, got, want);
}

#define CHECK_INT(got, want) expect_int(__LINE__, #got, (long long)(got), (long long)(want))

static void expect_str(int line, const char *what, const char *got, const char *want)
{
	if (strcmp(got, want) == 0) {
		passed++;
		return;
	}
	fail(line, "%s: output differs", what);
	printf("  got:\n\t");
	print_quoted(got);
	printf("\n  want:\n\t");
	print_quoted(want);
	putchar('\n');
}

/* ---- building descriptions and entries ---- */

#define MAXENT 16

/* Entries as the consumer would hold them after merging the CPUs. */
typedef struct TestAgg {
	AggDesc d;
	int n;
	unsigned char key[MAXENT][600];
	int64_t val[MAXENT][160];
} TestAgg;

static TestAgg *agg_new(AggFunc f)
{
	TestAgg *t = calloc(1, sizeof(*t));

	t->d.func = f;
	t->d.keysize = 8;
	return t;
}

/* Call once the lquantize/llquantize parameters are set. */
static void agg_ready(TestAgg *t)
{
	t->d.nvals = agg_nvals(&t->d);
}

static void add_key(TestAgg *t, AggKeyKind kind, int size)
{
	AggKey *k = &t->d.keys[t->d.nkeys++];
	int off = t->d.nkeys == 1 ? 0 : t->d.keys[t->d.nkeys - 2].off + t->d.keys[t->d.nkeys - 2].size;

	*k = (AggKey){.kind = kind, .off = off, .size = size, .is_signed = true};
	t->d.keysize = off + size > 8 ? off + size : 8;
}

/* A new entry; key elements are then set with set_str/set_int. */
static int entry(TestAgg *t)
{
	return t->n++;
}

static void set_str(TestAgg *t, int e, int k, const char *s)
{
	const AggKey *key = &t->d.keys[k];

	memset(t->key[e] + key->off, 0, (size_t)key->size);
	memcpy(t->key[e] + key->off, s, strnlen(s, (size_t)key->size));
}

static void set_int(TestAgg *t, int e, int k, int64_t v)
{
	const AggKey *key = &t->d.keys[k];

	memcpy(t->key[e] + key->off, &v, (size_t)key->size); /* little-endian */
}

/* What the kernel does for one sample of quantize & co. */
static void sample(TestAgg *t, int e, int64_t v, int64_t incr)
{
	int b;

	switch (t->d.func) {
	case AGG_QUANTIZE:
		b = agg_quantize_bucket(v);
		break;
	case AGG_LQUANTIZE:
		b = agg_lquantize_bucket(&t->d, v);
		break;
	default:
		b = agg_llquantize_bucket(&t->d, v);
		break;
	}
	t->val[e][b] += incr;
}

/* The rows of one aggregation, sorted and printed as at exit; the caller frees it. */
static char *render(TestAgg *t)
{
	AggEntry ents[MAXENT], *e = ents;
	const AggDesc *d = &t->d;
	AggSort opt = {0};
	StrBuf sb = {0};
	AggJoin j;

	for (int i = 0; i < t->n; i++)
		ents[i] = (AggEntry){.key = t->key[i], .val = t->val[i]};
	agg_join(&j, &d, 1, &e, &t->n);
	agg_join_sort(&j, &opt);
	for (int i = 0; i < j.nrows; i++)
		agg_print_row(&sb, &j, &j.rows[i]);
	agg_join_free(&j);
	return sb.s ? sb.s : xstrdup("");
}

#define CHECK_PRINT(t, want)                                                               \
	do {                                                                               \
		char *got_ = render(t);                                                    \
		expect_str(__LINE__, #want, got_, want);                                   \
		free(got_);                                                                \
	} while (0)

/* ---- expected outputs ---- */

static const char want_quantize_1_1000[] =
	"\n"
	"           value  ------------- Distribution ------------- count    \n"
	"               0 |                                         0        \n"
	"               1 |                                         1        \n"
	"               2 |                                         2        \n"
	"               4 |                                         4        \n"
	"               8 |                                         8        \n"
	"              16 |@                                        16       \n"
	"              32 |@                                        32       \n"
	"              64 |@@@                                      64       \n"
	"             128 |@@@@@                                    128      \n"
	"             256 |@@@@@@@@@@                               256      \n"
	"             512 |@@@@@@@@@@@@@@@@@@@@                     489      \n"
	"            1024 |                                         0        \n"
	"\n"
	;

static const char want_lquantize_full[] =
	"\n"
	"           value  ------------- Distribution ------------- count    \n"
	"             < 0 |@@@@@@@@@                                2        \n"
	"               0 |@@@@                                     1        \n"
	"              10 |@@@@@@@@@                                2        \n"
	"              20 |                                         0        \n"
	"              30 |                                         0        \n"
	"              40 |                                         0        \n"
	"              50 |@@@@                                     1        \n"
	"              60 |                                         0        \n"
	"              70 |                                         0        \n"
	"              80 |                                         0        \n"
	"              90 |                                         0        \n"
	"          >= 100 |@@@@@@@@@@@@@                            3        \n"
	"\n"
	;

static const char want_lquantize_middle[] =
	"\n"
	"           value  ------------- Distribution ------------- count    \n"
	"              10 |                                         0        \n"
	"              20 |@@@@@@@@@@@@@@@@@@@@@@@@@@@              2        \n"
	"              30 |@@@@@@@@@@@@@                            1        \n"
	"              40 |                                         0        \n"
	"\n"
	;

static const char want_lquantize_empty[] =
	"\n"
	"           value  ------------- Distribution ------------- count    \n"
	"             < 0 |                                         0        \n"
	"               0 |                                         0        \n"
	"              10 |                                         0        \n"
	"\n"
	;

static const char want_lquantize_uneven[] =
	"\n"
	"           value  ------------- Distribution ------------- count    \n"
	"              10 |                                         0        \n"
	"           >= 20 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@ 1        \n"
	"\n"
	;

static const char want_lquantize_negbase[] =
	"\n"
	"           value  ------------- Distribution ------------- count    \n"
	"           < -10 |                                         0        \n"
	"             -10 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@ 1        \n"
	"              -5 |                                         0        \n"
	"\n"
	;

static const char want_quantize_negvalues[] =
	"\n"
	"           value  ------------- Distribution ------------- count    \n"
	"             -16 |                                         0        \n"
	"              -8 |@@@@@@@@@@                               1        \n"
	"              -4 |                                         0        \n"
	"              -2 |@@@@@@@@@@@@@@@@@@@@                     2        \n"
	"              -1 |@@@@@@@@@@                               1        \n"
	"               0 |                                         0        \n"
	"\n"
	;

static const char want_quantize_negcounts[] =
	"\n"
	"           value  ------------- Distribution ------------- count    \n"
	"               0                                         | 0        \n"
	"               1                               @@@@@@@@@@| -1       \n"
	"               2           @@@@@@@@@@@@@@@@@@@@@@@@@@@@@@| -3       \n"
	"               4                                         | 0        \n"
	"\n"
	;

static const char want_quantize_bothcounts[] =
	"\n"
	"           value  ------------- Distribution ------------- count    \n"
	"               0                     |                     0        \n"
	"               1                     |@@@@@@@@@@           2        \n"
	"               2           @@@@@@@@@@|                     -2       \n"
	"               4                     |                     0        \n"
	"\n"
	;

static const char want_quantize_empty[] =
	"\n"
	"           value  ------------- Distribution ------------- count    \n"
	"              -1 |                                         0        \n"
	"               0 |                                         0        \n"
	"               1 |                                         0        \n"
	"\n"
	;

static const char want_quantize_key[] =
	"  foo                                               \n"
	"           value  ------------- Distribution ------------- count    \n"
	"               2 |                                         0        \n"
	"               4 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@ 1        \n"
	"               8 |                                         0        \n"
	"\n"
	;

static const char want_llq_small[] =
	"\n"
	"           value  ------------- Distribution ------------- count    \n"
	"             < 1 |@@@@@@@@@@@@@@@@@@@@                     1        \n"
	"               1 |                                         0        \n"
	"               2 |                                         0        \n"
	"            >= 4 |@@@@@@@@@@@@@@@@@@@@                     1        \n"
	"\n"
	;

static const char want_llq_empty[] =
	"\n"
	"           value  ------------- Distribution ------------- count    \n"
	"             < 1 |                                         0        \n"
	"               1 |                                         0        \n"
	"\n"
	;

static const char want_llq_mid[] =
	"\n"
	"           value  ------------- Distribution ------------- count    \n"
	"               4 |                                         0        \n"
	"               5 |@@@@@@@@@@@@@@@@@@@@                     1        \n"
	"               6 |                                         0        \n"
	"               7 |                                         0        \n"
	"               8 |                                         0        \n"
	"               9 |                                         0        \n"
	"              10 |                                         0        \n"
	"              20 |                                         0        \n"
	"              30 |                                         0        \n"
	"              40 |                                         0        \n"
	"              50 |@@@@@@@@@@@@@@@@@@@@                     1        \n"
	"              60 |                                         0        \n"
	"\n"
	;

static const char want_llq_low1[] =
	"\n"
	"           value  ------------- Distribution ------------- count    \n"
	"              90 |                                         0        \n"
	"             100 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@ 1        \n"
	"             200 |                                         0        \n"
	"\n"
	;

static const char want_llq_ends[] =
	"\n"
	"           value  ------------- Distribution ------------- count    \n"
	"             < 1 |@@@@@@@@@@@@@@@@@@@@                     1        \n"
	"               1 |                                         0        \n"
	"               2 |                                         0        \n"
	"               3 |                                         0        \n"
	"               4 |                                         0        \n"
	"               5 |                                         0        \n"
	"               6 |                                         0        \n"
	"               7 |                                         0        \n"
	"               8 |                                         0        \n"
	"               9 |                                         0        \n"
	"              10 |                                         0        \n"
	"              20 |                                         0        \n"
	"              30 |                                         0        \n"
	"              40 |                                         0        \n"
	"              50 |                                         0        \n"
	"              60 |                                         0        \n"
	"              70 |                                         0        \n"
	"              80 |                                         0        \n"
	"              90 |                                         0        \n"
	"             100 |                                         0        \n"
	"             200 |                                         0        \n"
	"             300 |                                         0        \n"
	"             400 |                                         0        \n"
	"             500 |                                         0        \n"
	"             600 |                                         0        \n"
	"             700 |                                         0        \n"
	"             800 |                                         0        \n"
	"             900 |                                         0        \n"
	"         >= 1000 |@@@@@@@@@@@@@@@@@@@@                     1        \n"
	"\n"
	;

static const char want_execname[] =
	"  sshd                                                              1\n"
	"  dtrace                                                            5\n"
	"  bash                                                             12\n"
	;

static const char want_strties[] =
	"  a                                                                 7\n"
	"  ab                                                                7\n"
	"  b                                                                 7\n"
	"  c                                                                 7\n"
	;

static const char want_fullfield[] =
	"  abcd                                                              1\n"
	;

static const char want_emptystr[] =
	"\n"
	"             0  1  2  3  4  5  6  7  8  9  a  b  c  d  e  f  0123456789abcdef\n"
	"         0: 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00  ................\n"
	"                1\n"
	;

static const char want_utf8[] =
	"\n"
	"             0  1  2  3  4  5  6  7  8  9  a  b  c  d  e  f  0123456789abcdef\n"
	"         0: 68 c3 a9 00 00 00 00 00                          h.......\n"
	"                2\n"
	;

static const char want_twokeys[] =
	"  bash                                                   1234                3\n"
	"  bash                                                   5678                9\n"
	;

static const char want_keys8[] =
	"   0                7\n"
	"   1                7\n"
	"   2                7\n"
	" 254                7\n"
	" 255                7\n"
	;

static const char want_keys16[] =
	"     0                7\n"
	"     1                7\n"
	"     2                7\n"
	" 65534                7\n"
	" 65535                7\n"
	;

static const char want_keys32[] =
	"        0                7\n"
	"        1                7\n"
	"        2                7\n"
	"       -2                7\n"
	"       -1                7\n"
	;

static const char want_keys64[] =
	"                0                7\n"
	"                1                7\n"
	"                2                7\n"
	"               -2                7\n"
	"               -1                7\n"
	;

/* ---- bucket indices ---- */

/*
 * The kernel's dtrace_aggregate_quantize, a linear scan over the bucket
 * values, as the reference for agg_quantize_bucket.
 */
static int kernel_quantize_bucket(int64_t v)
{
	if (v < 0) {
		for (int i = 0; i < AGG_QUANTIZE_ZERO; i++)
			if (v <= agg_quantize_bucket_value(i))
				return i;
		return -1;
	}
	for (int i = AGG_QUANTIZE_ZERO + 1; i < AGG_QUANTIZE_NBUCKETS; i++)
		if (v < agg_quantize_bucket_value(i))
			return i - 1;
	return AGG_QUANTIZE_NBUCKETS - 1;
}

static void test_quantize_buckets(void)
{
	int bad = 0;

	CHECK_INT(agg_quantize_bucket(0), 63);
	CHECK_INT(agg_quantize_bucket(1), 64);
	CHECK_INT(agg_quantize_bucket(2), 65);
	CHECK_INT(agg_quantize_bucket(3), 65);
	CHECK_INT(agg_quantize_bucket(4), 66);
	CHECK_INT(agg_quantize_bucket(7), 66);
	CHECK_INT(agg_quantize_bucket(1000), 73); /* 512 <= 1000 < 1024 */
	CHECK_INT(agg_quantize_bucket(INT64_MAX), 126);
	CHECK_INT(agg_quantize_bucket(INT64_C(1) << 62), 126);
	CHECK_INT(agg_quantize_bucket(-1), 62);
	CHECK_INT(agg_quantize_bucket(-2), 61);
	CHECK_INT(agg_quantize_bucket(-3), 61);
	CHECK_INT(agg_quantize_bucket(-8), 59);
	CHECK_INT(agg_quantize_bucket(-(INT64_C(1) << 62)), 0);
	CHECK_INT(agg_quantize_bucket(-(INT64_C(1) << 62) + 1), 1);
	CHECK_INT(agg_quantize_bucket(INT64_MIN), 0);

	CHECK_INT(agg_quantize_bucket_value(0), -(INT64_C(1) << 62));
	CHECK_INT(agg_quantize_bucket_value(62), -1);
	CHECK_INT(agg_quantize_bucket_value(63), 0);
	CHECK_INT(agg_quantize_bucket_value(64), 1);
	CHECK_INT(agg_quantize_bucket_value(126), INT64_C(1) << 62);

	/* Every power of two, its neighbours and their negations. */
	for (int k = 0; k < 63; k++) {
		int64_t p = INT64_C(1) << k;
		int64_t vs[] = {p, p - 1, p + 1, -p, -p - 1, -p + 1};
		for (size_t i = 0; i < sizeof(vs) / sizeof(vs[0]); i++)
			if (agg_quantize_bucket(vs[i]) != kernel_quantize_bucket(vs[i])) {
				printf("  bucket of %lld: %d, kernel %d\n", (long long)vs[i],
				       agg_quantize_bucket(vs[i]), kernel_quantize_bucket(vs[i]));
				bad++;
			}
	}
	CHECK_INT(bad, 0);
}

static void test_lquantize_buckets(void)
{
	TestAgg *t = agg_new(AGG_LQUANTIZE);

	t->d.base = 0, t->d.limit = 100, t->d.step = 10;
	agg_ready(t);
	CHECK_INT(t->d.nvals, 12);
	CHECK_INT(agg_lquantize_bucket(&t->d, -1), 0);
	CHECK_INT(agg_lquantize_bucket(&t->d, INT64_MIN), 0);
	CHECK_INT(agg_lquantize_bucket(&t->d, 0), 1);
	CHECK_INT(agg_lquantize_bucket(&t->d, 9), 1);
	CHECK_INT(agg_lquantize_bucket(&t->d, 10), 2);
	CHECK_INT(agg_lquantize_bucket(&t->d, 99), 10);
	CHECK_INT(agg_lquantize_bucket(&t->d, 100), 11);
	CHECK_INT(agg_lquantize_bucket(&t->d, INT64_MAX), 11);

	t->d.base = -10, t->d.limit = 10, t->d.step = 5;
	CHECK_INT(agg_nvals(&t->d), 6);
	CHECK_INT(agg_lquantize_bucket(&t->d, -11), 0);
	CHECK_INT(agg_lquantize_bucket(&t->d, -10), 1);
	CHECK_INT(agg_lquantize_bucket(&t->d, -6), 1);
	CHECK_INT(agg_lquantize_bucket(&t->d, -5), 2);
	CHECK_INT(agg_lquantize_bucket(&t->d, 9), 4);
	CHECK_INT(agg_lquantize_bucket(&t->d, 10), 5);

	/* step does not divide limit - base: levels 2, overflow from 20 */
	t->d.base = 0, t->d.limit = 25, t->d.step = 10;
	CHECK_INT(agg_nvals(&t->d), 4);
	CHECK_INT(agg_lquantize_bucket(&t->d, 19), 2);
	CHECK_INT(agg_lquantize_bucket(&t->d, 20), 3);
	CHECK_INT(agg_lquantize_bucket(&t->d, 24), 3);
	free(t);
}

static void set_llq(TestAgg *t, int factor, int low, int high, int nsteps)
{
	t->d.factor = factor, t->d.low = low, t->d.high = high, t->d.nsteps = nsteps;
	agg_ready(t);
}

static void test_llquantize_buckets(void)
{
	TestAgg *t = agg_new(AGG_LLQUANTIZE);

	/*
	 * llquantize(x, 10, 0, 6, 20): [0] < 1; 1..9 one each (bins 1-9);
	 * then 18 bins per power (step 10^k / 20 * 10): 10..95 bins 10-27,
	 * 100..950 bins 28-45, 1000.. bins 46-63, ... 10^6.. bins 100-117;
	 * bin 118 >= 10^7.
	 */
	set_llq(t, 10, 0, 6, 20);
	CHECK_INT(t->d.nvals, 119);
	CHECK_INT(agg_llquantize_bucket(&t->d, -5), 0);
	CHECK_INT(agg_llquantize_bucket(&t->d, 0), 0);
	CHECK_INT(agg_llquantize_bucket(&t->d, 1), 1);
	CHECK_INT(agg_llquantize_bucket(&t->d, 9), 9);
	CHECK_INT(agg_llquantize_bucket(&t->d, 10), 10);
	CHECK_INT(agg_llquantize_bucket(&t->d, 14), 10);
	CHECK_INT(agg_llquantize_bucket(&t->d, 15), 11);
	CHECK_INT(agg_llquantize_bucket(&t->d, 99), 27);
	CHECK_INT(agg_llquantize_bucket(&t->d, 100), 28);
	CHECK_INT(agg_llquantize_bucket(&t->d, 1499), 46);
	CHECK_INT(agg_llquantize_bucket(&t->d, 1500), 47);
	CHECK_INT(agg_llquantize_bucket(&t->d, 9999999), 117);
	CHECK_INT(agg_llquantize_bucket(&t->d, 10000000), 118);
	CHECK_INT(agg_llquantize_bucket(&t->d, INT64_MAX), 118);

	/* llquantize(x, 2, 0, 1, 2): < 1, 1, 2..3, >= 4 */
	set_llq(t, 2, 0, 1, 2);
	CHECK_INT(t->d.nvals, 4);
	CHECK_INT(agg_llquantize_bucket(&t->d, 1), 1);
	CHECK_INT(agg_llquantize_bucket(&t->d, 3), 2);
	CHECK_INT(agg_llquantize_bucket(&t->d, 4), 3);

	/* llquantize(x, 10, 1, 2, 10): < 10, 10..90, 100..900, >= 1000 */
	set_llq(t, 10, 1, 2, 10);
	CHECK_INT(t->d.nvals, 20);
	CHECK_INT(agg_llquantize_bucket(&t->d, 9), 0);
	CHECK_INT(agg_llquantize_bucket(&t->d, 10), 1);
	CHECK_INT(agg_llquantize_bucket(&t->d, 99), 9);
	CHECK_INT(agg_llquantize_bucket(&t->d, 150), 10);
	CHECK_INT(agg_llquantize_bucket(&t->d, 1000), 19);
	free(t);
}

static void test_nvals(void)
{
	TestAgg *t = agg_new(AGG_COUNT);

	CHECK_INT(agg_nvals(&t->d), 1);
	t->d.func = AGG_SUM;
	CHECK_INT(agg_nvals(&t->d), 1);
	t->d.func = AGG_AVG;
	CHECK_INT(agg_nvals(&t->d), 2);
	t->d.func = AGG_MIN;
	CHECK_INT(agg_nvals(&t->d), 2);
	t->d.func = AGG_MAX;
	CHECK_INT(agg_nvals(&t->d), 2);
	t->d.func = AGG_STDDEV;
	CHECK_INT(agg_nvals(&t->d), 4);
	t->d.func = AGG_QUANTIZE;
	CHECK_INT(agg_nvals(&t->d), 127);
	free(t);
}

/* ---- merging, emptiness, avg, stddev ---- */

static void test_merge(void)
{
	TestAgg *t = agg_new(AGG_COUNT);
	int64_t a[4], b[4];

	a[0] = 3, b[0] = 4;
	agg_merge(&t->d, a, b);
	CHECK_INT(a[0], 7);

	t->d.func = AGG_AVG;
	a[0] = 2, a[1] = 10, b[0] = 3, b[1] = -4;
	agg_merge(&t->d, a, b);
	CHECK_INT(a[0] * 1000 + a[1], 5006);

	/* the sum of squares carries from the low word into the high one */
	t->d.func = AGG_STDDEV;
	a[0] = 1, a[1] = 2, a[2] = -1, a[3] = 0;
	b[0] = 1, b[1] = 3, b[2] = 1, b[3] = 5;
	agg_merge(&t->d, a, b);
	CHECK_INT(a[0], 2);
	CHECK_INT(a[1], 5);
	CHECK_INT(a[2], 0);
	CHECK_INT(a[3], 6);

	t->d.func = AGG_QUANTIZE;
	t->val[0][64] = 2, t->val[1][64] = 3, t->val[1][70] = 1;
	agg_merge(&t->d, t->val[0], t->val[1]);
	CHECK_INT(t->val[0][64] * 10 + t->val[0][70], 51);
	free(t);
}

/* min()/max(): a side whose [1] flag is clear holds nothing, not 0. */
static void test_merge_extremes(void)
{
	TestAgg *t = agg_new(AGG_MIN);
	int64_t a[2], b[2];

	a[0] = 5, a[1] = 1, b[0] = 3, b[1] = 1;
	agg_merge(&t->d, a, b);
	CHECK_INT(a[0], 3);
	a[0] = 5, a[1] = 1, b[0] = 0, b[1] = 0; /* an empty CPU's zero is no minimum */
	agg_merge(&t->d, a, b);
	CHECK_INT(a[0], 5);
	a[0] = 0, a[1] = 0, b[0] = -2, b[1] = 1;
	agg_merge(&t->d, a, b);
	CHECK_INT(a[0] * 10 + a[1], -19);
	a[0] = 0, a[1] = 0, b[0] = 5, b[1] = 1; /* nor is the empty side's own 0 */
	agg_merge(&t->d, a, b);
	CHECK_INT(a[0] * 10 + a[1], 51);

	t->d.func = AGG_MAX;
	a[0] = 0, a[1] = 0, b[0] = -3, b[1] = 1;
	agg_merge(&t->d, a, b);
	CHECK_INT(a[0] * 10 + a[1], -29);
	a[0] = -5, a[1] = 1, b[0] = 0, b[1] = 0;
	agg_merge(&t->d, a, b);
	CHECK_INT(a[0], -5);
	b[0] = 9, b[1] = 1;
	agg_merge(&t->d, a, b);
	CHECK_INT(a[0], 9);
	free(t);
}

static void test_empty(void)
{
	TestAgg *t = agg_new(AGG_COUNT);
	int64_t v[4] = {0, 0, 0, 0};

	CHECK_INT(agg_empty(&t->d, v), 1);
	t->d.func = AGG_MIN;
	CHECK_INT(agg_empty(&t->d, v), 1);
	v[1] = 1; /* min() of 0: data, though [0] is 0 */
	CHECK_INT(agg_empty(&t->d, v), 0);
	t->d.func = AGG_QUANTIZE;
	CHECK_INT(agg_empty(&t->d, t->val[0]), 1);
	t->val[0][126] = 1;
	CHECK_INT(agg_empty(&t->d, t->val[0]), 0);
	free(t);
}

static void test_avg_stddev(void)
{
	int64_t avg[2] = {4, 10};
	CHECK_INT(agg_avg(avg, 1), 2);
	avg[1] = -10; /* truncates toward zero, as C and DTrace do */
	CHECK_INT(agg_avg(avg, 1), -2);
	avg[0] = 0;
	CHECK_INT(agg_avg(avg, 1), 0);

	/* 1, 2, 3, 4: sqrt(30/4 - (10/4)^2) = sqrt(7 - 4) = 1 */
	int64_t sd[4] = {4, 10, 30, 0};
	CHECK_INT(agg_stddev(sd, 1), 1);
	/* -1, -2, -3, -4: |avg| = 2, same */
	int64_t sdn[4] = {4, -10, 30, 0};
	CHECK_INT(agg_stddev(sdn, 1), 1);
	/* 2, 4, 4, 4, 5, 5, 7, 9: sqrt(232/8 - 5^2) = 2 */
	int64_t sd8[4] = {8, 40, 232, 0};
	CHECK_INT(agg_stddev(sd8, 1), 2);
	/* 5e9 and 1e10: sum of squares 1.25e20 needs the high word; sqrt(6.25e18) */
	unsigned __int128 sq = (unsigned __int128)5000000000u * 5000000000u +
			       (unsigned __int128)10000000000u * 10000000000u;
	int64_t big[4] = {2, 15000000000, (int64_t)(uint64_t)sq, (int64_t)(uint64_t)(sq >> 64)};
	CHECK_INT(agg_stddev(big, 1), 2500000000);
	int64_t none[4] = {0, 0, 0, 0};
	CHECK_INT(agg_stddev(none, 1), 0);
}

/* ---- printing scalars and keys ---- */

static void test_print_execname_count(void)
{
	TestAgg *t = agg_new(AGG_COUNT);
	const char *names[] = {"dtrace", "sshd", "bash"};
	int64_t counts[] = {5, 1, 12};

	add_key(t, AGG_KEY_STR, 256); /* the default strsize */
	for (int i = 0; i < 3; i++) {
		int e = entry(t);
		set_str(t, e, 0, names[i]);
		t->val[e][0] = counts[i];
	}
	CHECK_PRINT(t, want_execname);
	free(t);
}

static void test_print_keyless(void)
{
	TestAgg *t = agg_new(AGG_COUNT);
	int e = entry(t);

	/* " %16lld\n", as in DTrace's tst.count_notquiet */
	t->val[e][0] = 10;
	CHECK_PRINT(t, "               10\n");
	t->d.func = AGG_SUM;
	t->val[e][0] = -5;
	CHECK_PRINT(t, "               -5\n");
	t->d.func = AGG_AVG;
	t->val[e][0] = 4, t->val[e][1] = 10;
	CHECK_PRINT(t, "                2\n");
	t->d.func = AGG_STDDEV;
	t->val[e][0] = 4, t->val[e][1] = 10, t->val[e][2] = 30;
	CHECK_PRINT(t, "                1\n");
	t->d.func = AGG_MIN;
	t->val[e][0] = -7, t->val[e][1] = 1;
	CHECK_PRINT(t, "               -7\n");
	t->d.func = AGG_MAX;
	t->val[e][0] = INT64_MAX;
	CHECK_PRINT(t, " 9223372036854775807\n");
	t->n = 0;
	CHECK_PRINT(t, "");
	free(t);
}

static void test_print_string_keys(void)
{
	TestAgg *t = agg_new(AGG_COUNT);
	const char *keys[] = {"c", "b", "ab", "a"};

	add_key(t, AGG_KEY_STR, 32);
	for (int i = 0; i < 4; i++) {
		int e = entry(t);
		set_str(t, e, 0, keys[i]);
		t->val[e][0] = 7;
	}
	CHECK_PRINT(t, want_strties); /* equal counts: strcmp order */
	free(t);

	t = agg_new(AGG_COUNT);
	add_key(t, AGG_KEY_STR, 4);
	set_str(t, entry(t), 0, "abcd"); /* fills the field, no NUL */
	t->val[0][0] = 1;
	CHECK_PRINT(t, want_fullfield);
	free(t);

	t = agg_new(AGG_COUNT);
	add_key(t, AGG_KEY_STR, 16);
	set_str(t, entry(t), 0, ""); /* no text before the NUL: hex dump */
	t->val[0][0] = 1;
	CHECK_PRINT(t, want_emptystr);
	free(t);

	t = agg_new(AGG_COUNT);
	add_key(t, AGG_KEY_STR, 8);
	set_str(t, entry(t), 0, "h\xc3\xa9"); /* not ASCII: hex dump */
	t->val[0][0] = 2;
	CHECK_PRINT(t, want_utf8);
	free(t);
}

static void test_print_two_keys(void)
{
	TestAgg *t = agg_new(AGG_COUNT);
	int e;

	add_key(t, AGG_KEY_STR, 256);
	add_key(t, AGG_KEY_INT, 4); /* pid_t */
	e = entry(t);
	set_str(t, e, 0, "bash"), set_int(t, e, 1, 5678), t->val[e][0] = 9;
	e = entry(t);
	set_str(t, e, 0, "bash"), set_int(t, e, 1, 1234), t->val[e][0] = 3;
	CHECK_PRINT(t, want_twokeys);
	free(t);
}

/*
 * tst.signedkeys: 1- and 2-byte keys print unsigned, 4- and 8-byte keys
 * signed, and all sort as unsigned numbers.
 */
static void test_print_int_keys(void)
{
	static const char *const want[] = {want_keys8, want_keys16, NULL, want_keys32, NULL,
					   NULL, NULL, want_keys64};
	for (int size = 1; size <= 8; size *= 2) {
		TestAgg *t = agg_new(AGG_SUM);
		add_key(t, AGG_KEY_INT, size);
		for (int64_t k = 2; k >= -2; k--) {
			int e = entry(t);
			set_int(t, e, 0, k);
			t->val[e][0] = 7;
		}
		CHECK_PRINT(t, want[size - 1]);
		free(t);
	}
}

/* ---- sorting ---- */

static void test_sort_values(void)
{
	TestAgg *t = agg_new(AGG_SUM);
	int64_t v[] = {3, -1, 2};

	add_key(t, AGG_KEY_INT, 8);
	for (int i = 0; i < 3; i++) {
		int e = entry(t);
		set_int(t, e, 0, i);
		t->val[e][0] = v[i];
	}
	CHECK_PRINT(t, "                1               -1\n"
		       "                2                2\n"
		       "                0                3\n");

	/* avg sorts by sum / count: 4/1 = 4 before 10/2 = 5 despite the sums */
	t->d.func = AGG_AVG;
	t->val[0][0] = 2, t->val[0][1] = 10;
	t->val[1][0] = 1, t->val[1][1] = 4;
	t->val[2][0] = 1, t->val[2][1] = 6;
	CHECK_PRINT(t, "                1                4\n"
		       "                0                5\n"
		       "                2                6\n");

	/* stddev: {1,2,3,4} -> 1 before {0, 4} -> sqrt(8 - 4) = 2 */
	t->d.func = AGG_STDDEV;
	t->n = 2;
	memcpy(t->val[0], (int64_t[]){2, 4, 16, 0}, 4 * sizeof(int64_t));
	memcpy(t->val[1], (int64_t[]){4, 10, 30, 0}, 4 * sizeof(int64_t));
	CHECK_PRINT(t, "                1                1\n"
		       "                0                2\n");
	free(t);
}

/*
 * Distributions sort by sum of bucket value * count
 * (dt_aggregate_quantizedcmp), then by the count at zero.
 */
static void test_sort_quantize(void)
{
	TestAgg *t = agg_new(AGG_QUANTIZE);
	AggEntry a, b;
	int e;

	add_key(t, AGG_KEY_INT, 8);
	e = entry(t), set_int(t, e, 0, 1), sample(t, e, 8, 1);      /* weight 8 */
	e = entry(t), set_int(t, e, 0, 2), sample(t, e, 1, 3);      /* weight 3 */
	a = (AggEntry){t->key[0], t->val[0], 1}, b = (AggEntry){t->key[1], t->val[1], 1};
	CHECK_INT(agg_cmp(&t->d, &a, &b) > 0, 1);
	/* equal weights (4): the one with a sample at zero sorts last */
	memset(t->val, 0, sizeof(t->val));
	sample(t, 0, 0, 1), sample(t, 0, 4, 1);
	sample(t, 1, 4, 1);
	CHECK_INT(agg_cmp(&t->d, &a, &b) > 0, 1);
	/* everything equal: the keys decide */
	memset(t->val, 0, sizeof(t->val));
	CHECK_INT(agg_cmp(&t->d, &a, &b) < 0, 1);
	free(t);
}

static void test_sort_lquantize(void)
{
	TestAgg *t = agg_new(AGG_LQUANTIZE);
	AggEntry a, b;

	/* lquantize(x, 0, 100, 10): underflow weighs -1, overflow 101 */
	t->d.base = 0, t->d.limit = 100, t->d.step = 10;
	agg_ready(t);
	add_key(t, AGG_KEY_INT, 8);
	set_int(t, entry(t), 0, 1), set_int(t, entry(t), 0, 2);
	a = (AggEntry){t->key[0], t->val[0], 1}, b = (AggEntry){t->key[1], t->val[1], 1};
	sample(t, 1, -50, 1); /* weight -1: before the empty one despite its key */
	CHECK_INT(agg_cmp(&t->d, &a, &b) > 0, 1);
	memset(t->val, 0, sizeof(t->val));
	sample(t, 0, 500, 1);  /* 101, not 100: it beats ten samples of 10 */
	sample(t, 1, 15, 10);  /* 10 * 10 */
	CHECK_INT(agg_cmp(&t->d, &a, &b) > 0, 1);
	/* equal sums (0): the count in the zero bucket decides */
	memset(t->val, 0, sizeof(t->val));
	sample(t, 0, 5, 2);
	sample(t, 1, 5, 1);
	CHECK_INT(agg_cmp(&t->d, &a, &b) > 0, 1);
	free(t);
}

static void test_sort_llquantize(void)
{
	TestAgg *t = agg_new(AGG_LLQUANTIZE);
	AggEntry a, b;

	/* llquantize(x, 10, 0, 2, 10): underflow weighs 0, overflow 1000 */
	set_llq(t, 10, 0, 2, 10);
	add_key(t, AGG_KEY_INT, 8);
	set_int(t, entry(t), 0, 1), set_int(t, entry(t), 0, 2);
	a = (AggEntry){t->key[0], t->val[0], 1}, b = (AggEntry){t->key[1], t->val[1], 1};
	sample(t, 0, 5000, 1); /* 1000 */
	sample(t, 1, 950, 1);  /* 900 */
	CHECK_INT(agg_cmp(&t->d, &a, &b) > 0, 1);
	/* equal sums (0): more in the underflow bucket sorts last */
	memset(t->val, 0, sizeof(t->val));
	sample(t, 0, -3, 1);
	CHECK_INT(agg_cmp(&t->d, &a, &b) > 0, 1);
	/* llquantize(x, 10, 1, 2, 10): underflow weighs 10 - 1 */
	memset(t->val, 0, sizeof(t->val));
	set_llq(t, 10, 1, 2, 10);
	sample(t, 0, 10, 1); /* 10 */
	sample(t, 1, 5, 2);  /* 2 * 9 */
	CHECK_INT(agg_cmp(&t->d, &a, &b) < 0, 1);
	free(t);
}

/* ---- printing distributions ---- */

static void test_print_quantize(void)
{
	TestAgg *t = agg_new(AGG_QUANTIZE);
	int e = entry(t);

	for (int v = 1; v <= 1000; v++)
		sample(t, e, v, 1);
	CHECK_PRINT(t, want_quantize_1_1000);

	memset(t->val, 0, sizeof(t->val));
	sample(t, e, -1, 1), sample(t, e, -2, 1), sample(t, e, -3, 1), sample(t, e, -8, 1);
	CHECK_PRINT(t, want_quantize_negvalues);

	/* quantize(x, -n): negative counts put the bars left of "|" */
	memset(t->val, 0, sizeof(t->val));
	sample(t, e, 1, -1), sample(t, e, 2, -3);
	CHECK_PRINT(t, want_quantize_negcounts);

	/* both signs: half-length bars either side of a centre "|" */
	memset(t->val, 0, sizeof(t->val));
	sample(t, e, 1, 2), sample(t, e, 2, -2);
	CHECK_PRINT(t, want_quantize_bothcounts);

	/* no data (e.g. after clear()): the three rows around zero */
	memset(t->val, 0, sizeof(t->val));
	CHECK_PRINT(t, want_quantize_empty);
	/* DTrace's scan stops below the top bucket: data only there shows as none */
	sample(t, e, INT64_MAX, 1);
	CHECK_PRINT(t, want_quantize_empty);
	free(t);

	t = agg_new(AGG_QUANTIZE);
	add_key(t, AGG_KEY_STR, 256);
	e = entry(t);
	set_str(t, e, 0, "foo");
	sample(t, e, 5, 1);
	CHECK_PRINT(t, want_quantize_key);
	free(t);
}

static void test_print_lquantize(void)
{
	TestAgg *t = agg_new(AGG_LQUANTIZE);
	int e = entry(t);
	int64_t vals[] = {-5, -5, 5, 15, 15, 50, 150, 150, 1000};

	t->d.base = 0, t->d.limit = 100, t->d.step = 10;
	agg_ready(t);
	for (size_t i = 0; i < sizeof(vals) / sizeof(vals[0]); i++)
		sample(t, e, vals[i], 1);
	CHECK_PRINT(t, want_lquantize_full);

	memset(t->val, 0, sizeof(t->val));
	sample(t, e, 25, 1), sample(t, e, 25, 1), sample(t, e, 35, 1);
	CHECK_PRINT(t, want_lquantize_middle);

	memset(t->val, 0, sizeof(t->val));
	CHECK_PRINT(t, want_lquantize_empty);

	memset(t->val, 0, sizeof(t->val));
	t->d.limit = 25;
	sample(t, e, 24, 1);
	CHECK_PRINT(t, want_lquantize_uneven);

	memset(t->val, 0, sizeof(t->val));
	t->d.base = -10, t->d.limit = 10, t->d.step = 5;
	sample(t, e, -7, 1);
	CHECK_PRINT(t, want_lquantize_negbase);
	free(t);
}

static void test_print_llquantize(void)
{
	TestAgg *t = agg_new(AGG_LLQUANTIZE);
	int e = entry(t);

	set_llq(t, 2, 0, 1, 2);
	sample(t, e, -3, 1), sample(t, e, 7, 1);
	CHECK_PRINT(t, want_llq_small);
	memset(t->val, 0, sizeof(t->val));
	CHECK_PRINT(t, want_llq_empty);

	memset(t->val, 0, sizeof(t->val));
	set_llq(t, 10, 0, 2, 10);
	sample(t, e, 5, 1), sample(t, e, 55, 1);
	CHECK_PRINT(t, want_llq_mid);

	memset(t->val, 0, sizeof(t->val));
	sample(t, e, 0, 1), sample(t, e, 5000, 1);
	CHECK_PRINT(t, want_llq_ends);

	memset(t->val, 0, sizeof(t->val));
	set_llq(t, 10, 1, 2, 10);
	sample(t, e, 150, 1);
	CHECK_PRINT(t, want_llq_low1);
	free(t);
}

/* Two CPUs' counts merged, then printed: what the consumer does. */
static void test_merge_then_print(void)
{
	TestAgg *t = agg_new(AGG_COUNT);
	int64_t cpu1[1] = {2};
	int e = entry(t);

	t->val[e][0] = 3;
	agg_merge(&t->d, t->val[e], cpu1);
	CHECK_PRINT(t, "                5\n");
	free(t);
}


/* ---- the consumer's table: clear(), trunc(), normalize() ---- */

/* A table of sum() by one 8-byte key, and how it prints. */
static AggDesc sum_desc(void)
{
	AggDesc d = {.func = AGG_SUM, .nkeys = 1, .keysize = 8, .nvals = 1};

	d.keys[0] = (AggKey){.kind = AGG_KEY_INT, .off = 0, .size = 8, .is_signed = true};
	return d;
}

static void table_add(AggTable *t, int64_t key, int64_t v)
{
	int64_t one[4] = {v, 1, 0, 0}; /* min/max: [1] = 1, there is a value */

	agg_merge(t->d, agg_table_entry(t, (unsigned char *)&key), one);
}

/* The table's rows as printa("%d=%@d ") would give them, in default order. */
static char *table_text(const AggTable *t)
{
	AggEntry *ents = agg_table_entries(t);
	const AggDesc *d = t->d;
	AggSort opt = {0};
	StrBuf sb = {0};
	AggJoin j;

	agg_join(&j, &d, 1, &ents, &t->n);
	agg_join_sort(&j, &opt);
	for (int i = 0; i < j.nrows; i++) {
		const AggEntry *e = j.rows[i].cell[0];
		int64_t key;
		memcpy(&key, j.rows[i].key, 8);
		sb_printf(&sb, "%lld=%lld ", (long long)key,
			  (long long)agg_scalar(d, e->val, e->normal));
	}
	agg_join_free(&j);
	free(ents);
	return sb.s ? sb.s : xstrdup("");
}

#define CHECK_TABLE(t, want)                                                               \
	do {                                                                               \
		char *got_ = table_text(t);                                                \
		expect_str(__LINE__, #t, got_, want);                                      \
		free(got_);                                                                \
	} while (0)

static void test_table_entries(void)
{
	AggDesc d = sum_desc();
	AggTable t;

	agg_table_init(&t, &d);
	/* more keys than the first allocation, to cross a growth */
	for (int64_t k = 0; k < 40; k++)
		table_add(&t, k, k);
	for (int64_t k = 0; k < 40; k += 2)
		table_add(&t, k, 100);
	CHECK_INT(t.n, 40);
	CHECK_INT(*agg_table_entry(&t, (unsigned char *)&(int64_t){38}), 138);
	CHECK_INT(*agg_table_entry(&t, (unsigned char *)&(int64_t){39}), 39);
	CHECK_INT(t.n, 40);
	agg_table_free(&t);
}

static void test_table_clear(void)
{
	AggDesc d = sum_desc();
	AggTable t;

	agg_table_init(&t, &d);
	table_add(&t, 1, 5), table_add(&t, 2, 7);
	agg_table_clear(&t);
	CHECK_TABLE(&t, "1=0 2=0 ");
	table_add(&t, 2, 3), table_add(&t, 3, 1);
	CHECK_TABLE(&t, "1=0 3=1 2=3 ");
	agg_table_free(&t);

	/* A cleared min() holds a real 0: min(0, 7) stays 0 (DTrace's bzero), min(0, -3) = -3. */
	d.func = AGG_MIN, d.nvals = 2;
	agg_table_init(&t, &d);
	table_add(&t, 1, 5), table_add(&t, 2, 5);
	agg_table_clear(&t);
	table_add(&t, 1, 7), table_add(&t, 2, -3), table_add(&t, 3, 7);
	CHECK_TABLE(&t, "2=-3 1=0 3=7 ");
	agg_table_free(&t);

	d.func = AGG_MAX;
	agg_table_init(&t, &d);
	table_add(&t, 1, -5);
	agg_table_clear(&t);
	table_add(&t, 1, -7);
	CHECK_TABLE(&t, "1=0 ");
	agg_table_free(&t);
}

static void test_table_trunc(void)
{
	static const int64_t vals[] = {1, 5, 3, 5, -2, 5};
	AggDesc d = sum_desc();
	AggTable t;

	/* dt_trunc: walk by value descending (ties: larger key first), keep the first n */
	agg_table_init(&t, &d);
	for (int k = 0; k < 6; k++)
		table_add(&t, k, vals[k]);
	agg_table_trunc(&t, 2);
	CHECK_TABLE(&t, "3=5 5=5 ");
	/* the kept entries are still found by key, and new keys still go in */
	table_add(&t, 5, 1), table_add(&t, 9, 1);
	CHECK_TABLE(&t, "9=1 3=5 5=6 ");
	agg_table_free(&t);

	/* n < 0: ascending (ties: smaller key first), keep the first -n */
	agg_table_init(&t, &d);
	for (int k = 0; k < 6; k++)
		table_add(&t, k, vals[k]);
	agg_table_trunc(&t, -2);
	CHECK_TABLE(&t, "4=-2 0=1 ");
	agg_table_trunc(&t, 5);
	CHECK_TABLE(&t, "4=-2 0=1 ");
	agg_table_trunc(&t, INT64_MIN);
	CHECK_TABLE(&t, "4=-2 0=1 ");
	agg_table_trunc(&t, 0);
	CHECK_TABLE(&t, "");
	CHECK_INT(t.n, 0);
	agg_table_free(&t);
}

static void test_table_normalize(void)
{
	AggDesc d = sum_desc();
	AggTable t;

	agg_table_init(&t, &d);
	table_add(&t, 1, 100), table_add(&t, 2, -55), table_add(&t, 3, 7);
	agg_table_normalize(&t, 10);
	/* signed division, truncating; the order stays that of the raw values */
	CHECK_TABLE(&t, "2=-5 3=0 1=10 ");
	/* a key seen after normalize() is not normalized (DTrace: dtada_normal = 1) */
	table_add(&t, 4, 50);
	CHECK_TABLE(&t, "2=-5 3=0 4=50 1=10 ");
	/* clear() keeps the factor, trunc() keeps it with its entry */
	agg_table_clear(&t);
	table_add(&t, 1, 30);
	agg_table_trunc(&t, 1);
	CHECK_TABLE(&t, "1=3 ");
	agg_table_normalize(&t, 1);
	CHECK_TABLE(&t, "1=30 ");
	/* a factor below 1 counts as 1 */
	agg_table_normalize(&t, 0);
	CHECK_TABLE(&t, "1=30 ");
	agg_table_free(&t);
}

/* ---- normalized values ---- */

static void test_normalized_values(void)
{
	TestAgg *t = agg_new(AGG_AVG);
	AggDesc d = {.func = AGG_COUNT};
	int64_t avg[2] = {2, 301}, sd[4] = {2, 400, 100000, 0}, neg[2] = {2, -301};

	/* avg: 301 / 10 = 30, / 2 = 15 (dt_print_average: sum / normal / count) */
	CHECK_INT(agg_avg(avg, 10), 15);
	CHECK_INT(agg_avg(neg, 10), -15);
	/* stddev of 100, 300 / 10: sqrt(100000/10/10/2 - (400/10/2)^2) = sqrt(500 - 400) */
	CHECK_INT(agg_stddev(sd, 10), 10);
	CHECK_INT(agg_scalar(&d, (int64_t[]){-7}, 2), -3);
	CHECK_INT(agg_scalar(&d, (int64_t[]){-7}, 0), -7);

	/* A distribution prints count / normal; its bars are of the raw counts. */
	t->d.func = AGG_QUANTIZE;
	agg_ready(t);
	int e = entry(t);
	sample(t, e, 3, 2), sample(t, e, 1000, 1);
	AggEntry ent = {t->key[0], t->val[0], 2};
	StrBuf sb = {0};
	agg_print_value(&sb, &t->d, &ent);
	expect_str(__LINE__, "quantize / 2", sb.s,
		   "\n           value  ------------- Distribution ------------- count    \n"
		   "               1 |                                         0        \n"
		   "               2 |@@@@@@@@@@@@@@@@@@@@@@@@@@@              1        \n"
		   "               4 |                                         0        \n"
		   "               8 |                                         0        \n"
		   "              16 |                                         0        \n"
		   "              32 |                                         0        \n"
		   "              64 |                                         0        \n"
		   "             128 |                                         0        \n"
		   "             256 |                                         0        \n"
		   "             512 |@@@@@@@@@@@@@                            0        \n"
		   "            1024 |                                         0        \n");
	sb_free(&sb);
	free(t);
}

/* ---- joined rows (printa of several aggregations) and the sort options ---- */

/* Rows of @c (count) and @s (sum) by a string key, as printa("%s %@d %@d ") prints them. */
typedef struct Pair {
	AggDesc c, s;
	AggTable tc, ts;
} Pair;

static void pair_init(Pair *p)
{
	AggKey k = {.kind = AGG_KEY_STR, .off = 0, .size = 8};

	p->c = (AggDesc){.func = AGG_COUNT, .nkeys = 1, .keysize = 8, .nvals = 1, .name = "c"};
	p->s = (AggDesc){.func = AGG_SUM, .nkeys = 1, .keysize = 8, .nvals = 1, .name = "s"};
	p->c.keys[0] = p->s.keys[0] = k;
	agg_table_init(&p->tc, &p->c);
	agg_table_init(&p->ts, &p->s);
}

static void pair_add(AggTable *t, const char *key, int64_t v)
{
	unsigned char k[8] = {0};

	memcpy(k, key, strlen(key));
	*agg_table_entry(t, k) += v;
}

/* Join the tables named by which ("cs", "sc", "csc" ...), sort with opt, print. */
static char *pair_text(Pair *p, const char *which, const AggSort *opt)
{
	const AggDesc *d[8] = {0};
	AggEntry *e[8] = {0};
	int n = (int)strlen(which), counts[8] = {0};
	StrBuf sb = {0};
	AggJoin j;

	for (int i = 0; i < n; i++) {
		AggTable *t = which[i] == 'c' ? &p->tc : &p->ts;
		d[i] = t->d, e[i] = agg_table_entries(t), counts[i] = t->n;
	}
	agg_join(&j, d, n, e, counts);
	agg_join_sort(&j, opt);
	for (int r = 0; r < j.nrows; r++) {
		sb_printf(&sb, "%s", (const char *)j.rows[r].key);
		for (int i = 0; i < n; i++)
			sb_printf(&sb, " %lld", (long long)j.rows[r].cell[i]->val[0]);
		sb_puts(&sb, "|");
	}
	agg_join_free(&j);
	for (int i = 0; i < n; i++)
		free(e[i]);
	return sb.s ? sb.s : xstrdup("");
}

#define CHECK_JOIN(p, which, want, ...)                                                    \
	do {                                                                               \
		AggSort opt_ = {__VA_ARGS__};                                              \
		char *got_ = pair_text(p, which, &opt_);                                   \
		expect_str(__LINE__, which, got_, want);                                   \
		free(got_);                                                                \
	} while (0)

static void test_join(void)
{
	Pair p;

	pair_init(&p);
	pair_add(&p.tc, "b", 1), pair_add(&p.tc, "a", 2), pair_add(&p.tc, "c", 2);
	pair_add(&p.ts, "a", 30), pair_add(&p.ts, "b", -4), pair_add(&p.ts, "d", 7);
	/* every key of either; missing = 0; by @c, then @s, then the key */
	CHECK_JOIN(&p, "cs", "d 0 7|b 1 -4|c 2 0|a 2 30|", 0);
	CHECK_JOIN(&p, "sc", "b -4 1|c 0 2|d 7 0|a 30 2|", 0);
	/* one aggregation twice: the same values in both columns */
	CHECK_JOIN(&p, "cc", "b 1 1|a 2 2|c 2 2|", 0);
	/* aggsortpos: @s's values first, then wrapping to @c */
	CHECK_JOIN(&p, "cs", "b 1 -4|c 2 0|d 0 7|a 2 30|", .valpos = 1);
	CHECK_JOIN(&p, "cs", "d 0 7|b 1 -4|c 2 0|a 2 30|", .valpos = 2);
	/* aggsortkey: by the key only; aggsortrev: all reversed */
	CHECK_JOIN(&p, "cs", "a 2 30|b 1 -4|c 2 0|d 0 7|", .bykey = true);
	CHECK_JOIN(&p, "cs", "a 2 30|c 2 0|b 1 -4|d 0 7|", .rev = true);
	CHECK_JOIN(&p, "cs", "d 0 7|c 2 0|b 1 -4|a 2 30|", .bykey = true, .rev = true);
	/* nothing in either: no rows */
	agg_table_trunc(&p.tc, 0), agg_table_trunc(&p.ts, 0);
	CHECK_JOIN(&p, "cs", "", 0);
	agg_table_free(&p.tc), agg_table_free(&p.ts);
}

/* aggsortkeypos: keys compare from element keypos on, wrapping around. */
static void test_sort_keypos(void)
{
	AggDesc d = {.func = AGG_SUM, .nkeys = 2, .keysize = 16, .nvals = 1};
	static const struct { const char *s; int64_t i, v; } in[] = {
		{"b", 2, 1}, {"a", 3, 3}, {"c", 1, 3}, {"a", 1, 9},
	};
	const AggDesc *dp = &d;
	AggTable t;

	d.keys[0] = (AggKey){.kind = AGG_KEY_STR, .off = 0, .size = 8};
	d.keys[1] = (AggKey){.kind = AGG_KEY_INT, .off = 8, .size = 8, .is_signed = true};
	agg_table_init(&t, &d);
	for (int i = 0; i < 4; i++) {
		unsigned char k[16] = {0};
		memcpy(k, in[i].s, 1), memcpy(k + 8, &in[i].i, 8);
		*agg_table_entry(&t, k) = in[i].v;
	}
	static const struct { AggSort opt; const char *want; } cases[] = {
		{{0}, "b2 a3 c1 a1 "},                        /* value; ties by the string */
		{{.keypos = 1}, "b2 c1 a3 a1 "},              /* value; ties by the integer */
		{{.bykey = true}, "a1 a3 b2 c1 "},
		{{.bykey = true, .keypos = 1}, "a1 c1 b2 a3 "},
		{{.bykey = true, .keypos = 2}, "a1 a3 b2 c1 "}, /* out of range: 0 */
	};
	for (size_t c = 0; c < ARRAY_SIZE(cases); c++) {
		AggEntry *e = agg_table_entries(&t);
		StrBuf sb = {0};
		AggJoin j;
		agg_join(&j, &dp, 1, &e, &t.n);
		agg_join_sort(&j, &cases[c].opt);
		for (int r = 0; r < j.nrows; r++)
			sb_printf(&sb, "%c%d ", j.rows[r].key[0], j.rows[r].key[8]);
		expect_str(__LINE__, cases[c].want, sb.s, cases[c].want);
		sb_free(&sb);
		agg_join_free(&j);
		free(e);
	}
	agg_table_free(&t);
}

/* printa(@c, @s) without a format: the keys once, then each value. */
static void test_print_joined(void)
{
	const AggDesc *d[2];
	AggEntry *e[2];
	int counts[2];
	StrBuf sb = {0};
	AggSort opt = {0};
	AggJoin j;
	Pair p;

	pair_init(&p);
	pair_add(&p.tc, "a", 2), pair_add(&p.ts, "b", 7);
	d[0] = &p.c, d[1] = &p.s;
	e[0] = agg_table_entries(&p.tc), e[1] = agg_table_entries(&p.ts);
	counts[0] = p.tc.n, counts[1] = p.ts.n;
	agg_join(&j, d, 2, e, counts);
	agg_join_sort(&j, &opt);
	for (int r = 0; r < j.nrows; r++)
		agg_print_row(&sb, &j, &j.rows[r]);
	expect_str(__LINE__, "joined rows", sb.s,
		   "  b                                                                 0                7\n"
		   "  a                                                                 2                0\n");
	sb_free(&sb);
	agg_join_free(&j);
	free(e[0]), free(e[1]);
	agg_table_free(&p.tc), agg_table_free(&p.ts);
}

int main(void)
{
	test_quantize_buckets();
	test_lquantize_buckets();
	test_llquantize_buckets();
	test_nvals();
	test_merge();
	test_merge_extremes();
	test_empty();
	test_avg_stddev();
	test_print_execname_count();
	test_print_keyless();
	test_print_string_keys();
	test_print_two_keys();
	test_print_int_keys();
	test_sort_values();
	test_sort_quantize();
	test_sort_lquantize();
	test_sort_llquantize();
	test_print_quantize();
	test_print_lquantize();
	test_print_llquantize();
	test_merge_then_print();
	test_table_entries();
	test_table_clear();
	test_table_trunc();
	test_table_normalize();
	test_normalized_values();
	test_join();
	test_sort_keypos();
	test_print_joined();
	printf("%d passed, %d failed\n", passed, failed);
	return failed != 0;
}
