/*
 * agg.c - aggregations on the consumer side: the bucket arithmetic shared
 * with the code generator, the merge of per-CPU values, DTrace's sort order
 * and DTrace's default output, byte for byte.
 *
 * Takes an AggDesc and value words laid out as agg.h describes (already read
 * from the kernel); gives bucket indices, merged words, an order and text
 * appended to a StrBuf.  It never touches maps, fds or the kernel, keeps no
 * state between calls, and allocates nothing but the StrBuf's growth.
 *
 * The reference throughout is illumos libdtrace: dt_aggregate.c for merging
 * and sorting, dt_consume.c (dt_print_aggs, dt_print_datum, dt_print_bytes,
 * dt_print_quantize & co., dt_stddev) for printing, and the kernel's
 * dtrace.c for the bucket indices.  Where DTrace has a quirk that users can
 * see (1- and 2-byte keys printed unsigned, integer keys sorted unsigned,
 * an empty string key printed as a hex dump, a quantize() whose only data
 * is in the top bucket printed as empty) we keep it, because scripts and
 * their expected outputs depend on it.
 */
#include "agg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- 128-bit integers, for stddev() ---- */

/* GCC's unsigned __int128 does the carrying; DTrace does it by hand. */
typedef unsigned __int128 u128;

static u128 u128_make(uint64_t lo, uint64_t hi)
{
	return ((u128)hi << 64) | lo;
}

static void u128_split(u128 x, int64_t *lo, int64_t *hi)
{
	*lo = (int64_t)(uint64_t)x;
	*hi = (int64_t)(uint64_t)(x >> 64);
}

/*
 * floor(sqrt(x)), one result bit per step (the binary long-hand method
 * dt_sqrt_128 also uses, so the rounding is the same: always down).  The
 * root of a 128-bit number fits in 64 bits.
 */
static uint64_t u128_sqrt(u128 x)
{
	u128 rem = x, root = 0, bit = (u128)1 << 126;

	while (bit > x)
		bit >>= 2;
	while (bit != 0) {
		if (rem >= root + bit) {
			rem -= root + bit;
			root = (root >> 1) + bit;
		} else {
			root >>= 1;
		}
		bit >>= 2;
	}
	return (uint64_t)root;
}

/* ---- small arithmetic helpers ---- */

/* Index of the highest set bit of x > 0: plain shifting, as BPF would. */
static int highbit(uint64_t x)
{
	int n = 0;

	while (x >>= 1)
		n++;
	return n;
}

/* a * b, saturating at INT64_MAX instead of overflowing (a, b >= 0). */
static int64_t mul_sat(int64_t a, int64_t b)
{
	int64_t r;

	if (__builtin_mul_overflow(a, b, &r))
		return INT64_MAX;
	return r;
}

static int64_t ipow_sat(int64_t base, int64_t exp)
{
	int64_t r = 1;

	while (exp-- > 0)
		r = mul_sat(r, base);
	return r;
}

static int cmp_i64(int64_t a, int64_t b)
{
	return (a > b) - (a < b);
}

static int cmp_u64(uint64_t a, uint64_t b)
{
	return (a > b) - (a < b);
}

static int cmp_ld(long double a, long double b)
{
	return (a > b) - (a < b);
}

/* ---- layout and bucket indices ---- */

int agg_lquantize_levels(const AggDesc *d)
{
	DT_ASSERT(d->step > 0 && d->limit > d->base);
	return (int)((d->limit - d->base) / d->step);
}

int agg_nvals(const AggDesc *d)
{
	switch (d->func) {
	case AGG_COUNT:
	case AGG_SUM:
		return 1;
	case AGG_AVG:
	case AGG_MIN:
	case AGG_MAX:
		return 2;
	case AGG_STDDEV:
		return 4;
	case AGG_QUANTIZE:
		return AGG_QUANTIZE_NBUCKETS;
	case AGG_LQUANTIZE:
		return agg_lquantize_levels(d) + 2;
	case AGG_LLQUANTIZE:
		return agg_llquantize_nbuckets(d);
	}
	DT_ASSERT(!"unknown aggregating function");
	return 0;
}

int agg_quantize_bucket(int64_t v)
{
	int b;

	if (v == 0)
		return AGG_QUANTIZE_ZERO;
	if (v > 0)
		return AGG_QUANTIZE_ZERO + 1 + highbit((uint64_t)v);
	/* -v as unsigned, so INT64_MIN is 2^63 rather than overflow. */
	b = AGG_QUANTIZE_ZERO - 1 - highbit(-(uint64_t)v);
	return b < 0 ? 0 : b;
}

int64_t agg_quantize_bucket_value(int i)
{
	DT_ASSERT(i >= 0 && i < AGG_QUANTIZE_NBUCKETS);
	if (i < AGG_QUANTIZE_ZERO)
		return -(int64_t)((uint64_t)1 << (AGG_QUANTIZE_ZERO - 1 - i));
	if (i == AGG_QUANTIZE_ZERO)
		return 0;
	return (int64_t)((uint64_t)1 << (i - AGG_QUANTIZE_ZERO - 1));
}

int agg_lquantize_bucket(const AggDesc *d, int64_t v)
{
	int levels = agg_lquantize_levels(d);
	uint64_t level;

	if (v < d->base)
		return 0;
	/* v >= base, so the unsigned difference is exact even across 0. */
	level = ((uint64_t)v - (uint64_t)d->base) / (uint64_t)d->step;
	return level < (uint64_t)levels ? 1 + (int)level : levels + 1;
}

/*
 * dtrace_aggregate_llquantize_bucket, step for step (agg.h spells it out
 * for the code generator).  The kernel detects overflow of this * factor
 * by wrap-around; we ask the compiler instead, with the same clamping.
 */
int agg_llquantize_bucket(const AggDesc *d, int64_t v)
{
	int64_t this = ipow_sat(d->factor, d->low), last, next;
	int64_t order, base = 1;

	if (v < this)
		return 0;
	last = this;
	this = mul_sat(this, d->factor);
	for (order = d->low; order <= d->high; order++) {
		int64_t nb = this > d->nsteps ? d->nsteps : this;

		if (__builtin_mul_overflow(this, d->factor, &next))
			v = this - 1;
		if (v < this)
			return (int)(base + (v - last) / (this / nb));
		base += nb - nb / d->factor;
		last = this;
		this = next;
	}
	return (int)base;
}

int agg_llquantize_nbuckets(const AggDesc *d)
{
	DT_ASSERT(d->factor >= 2 && d->nsteps >= d->factor && d->low < d->high);
	return agg_llquantize_bucket(d, INT64_MAX) + 1;
}

/* ---- merging ---- */

static void add_words(int64_t *dst, const int64_t *src, int n)
{
	/* Unsigned, so that wrapping around is defined, as in the kernel. */
	for (int i = 0; i < n; i++)
		dst[i] = (int64_t)((uint64_t)dst[i] + (uint64_t)src[i]);
}

/* min()/max(): only a side whose [1] flag is set holds a value. */
static void merge_extreme(int64_t *dst, const int64_t *src, bool is_min)
{
	if (!src[1])
		return;
	if (!dst[1] || (is_min ? src[0] < dst[0] : src[0] > dst[0]))
		dst[0] = src[0];
	dst[1] = 1;
}

static void merge_stddev(int64_t *dst, const int64_t *src)
{
	u128 sq = u128_make((uint64_t)dst[2], (uint64_t)dst[3]) +
		  u128_make((uint64_t)src[2], (uint64_t)src[3]);

	add_words(dst, src, 2);
	u128_split(sq, &dst[2], &dst[3]);
}

void agg_merge(const AggDesc *d, int64_t *dst, const int64_t *src)
{
	switch (d->func) {
	case AGG_MIN:
		merge_extreme(dst, src, true);
		break;
	case AGG_MAX:
		merge_extreme(dst, src, false);
		break;
	case AGG_STDDEV:
		merge_stddev(dst, src);
		break;
	default:
		/* count, sum, avg and every distribution add word by word. */
		add_words(dst, src, agg_nvals(d));
		break;
	}
}

bool agg_empty(const AggDesc *d, const int64_t *val)
{
	int n;

	switch (d->func) {
	case AGG_MIN:
	case AGG_MAX:
		return val[1] == 0;
	case AGG_AVG:
	case AGG_STDDEV:
	case AGG_COUNT:
	case AGG_SUM:
		return val[0] == 0;
	default:
		n = agg_nvals(d);
		for (int i = 0; i < n; i++)
			if (val[i] != 0)
				return false;
		return true;
	}
}

/* ---- scalar results ---- */

int64_t agg_avg(const int64_t *val)
{
	return val[0] ? val[1] / val[0] : 0;
}

/*
 * dt_stddev with normal 1: the average of the squares and the average are
 * each truncated before subtracting, so e.g. 1, 2, 3, 4 gives
 * sqrt(7 - 4) = 1, not 1.118 rounded.
 */
uint64_t agg_stddev(const int64_t *val)
{
	u128 avg_of_squares, square_of_avg;
	int64_t avg;
	uint64_t mag;

	if (val[0] == 0)
		return 0;
	avg_of_squares = u128_make((uint64_t)val[2], (uint64_t)val[3]) / (uint64_t)val[0];
	avg = val[1] / val[0];
	mag = avg < 0 ? -(uint64_t)avg : (uint64_t)avg;
	square_of_avg = (u128)mag * mag;
	return u128_sqrt(avg_of_squares - square_of_avg);
}

/* ---- sorting ---- */

/*
 * The llquantize() buckets' lower bounds, walked as dt_print_llquantize
 * and dt_aggregate_llquantizedsum walk them: value runs through
 * factor^low, + step, ... and step grows by factor at each power.
 */
typedef struct LlqWalk {
	int64_t value, next, step, order;
	const AggDesc *d;
} LlqWalk;

static int64_t llq_step(const AggDesc *d, int64_t next)
{
	return next > d->nsteps ? next / d->nsteps : 1;
}

static void llq_start(LlqWalk *w, const AggDesc *d)
{
	w->d = d;
	w->order = d->low;
	w->value = ipow_sat(d->factor, d->low);
	w->next = mul_sat(w->value, d->factor);
	w->step = llq_step(d, w->next);
}

static void llq_advance(LlqWalk *w)
{
	if (__builtin_add_overflow(w->value, w->step, &w->value))
		w->value = INT64_MAX; /* only with parameters D rejects */
	if (w->value != w->next)
		return;
	w->next = mul_sat(w->value, w->d->factor);
	w->step = llq_step(w->d, w->next);
	w->order++;
}

/* dt_aggregate_quantizedcmp's weight: sum of bucket value * count. */
static long double quantize_sum(const int64_t *q)
{
	long double total = 0;

	for (int i = 0; i < AGG_QUANTIZE_NBUCKETS; i++)
		total += (long double)agg_quantize_bucket_value(i) * (long double)q[i];
	return total;
}

/* dt_aggregate_lquantizedsum: underflow weighs base - 1, overflow top + 1. */
static long double lquantize_sum(const AggDesc *d, const int64_t *q)
{
	int levels = agg_lquantize_levels(d);
	int64_t base = d->base;
	long double total = (long double)q[0] * (long double)(base - 1);

	for (int i = 0; i < levels; base += d->step, i++)
		total += (long double)q[i + 1] * (long double)base;
	return total + (long double)q[levels + 1] * (long double)(base + 1);
}

/* dt_aggregate_lquantizedzero: the count in the bucket whose weight is 0. */
static int64_t lquantize_zero(const AggDesc *d, const int64_t *q)
{
	int levels = agg_lquantize_levels(d);
	int64_t base = d->base;

	if (base - 1 == 0)
		return q[0];
	for (int i = 0; i < levels; base += d->step, i++)
		if (base == 0)
			return q[i + 1];
	if (base + 1 == 0)
		return q[levels + 1];
	return 0;
}

/* dt_aggregate_llquantizedsum: underflow weighs factor^low - 1. */
static long double llquantize_sum(const AggDesc *d, const int64_t *q)
{
	int n = agg_llquantize_nbuckets(d), bin = 1;
	LlqWalk w;
	long double total;

	llq_start(&w, d);
	total = (long double)q[0] * (long double)(w.value - 1);
	for (; w.order <= d->high && bin < n - 1; llq_advance(&w))
		total += (long double)q[bin++] * (long double)w.value;
	return total + (long double)q[bin] * (long double)w.value;
}

/* Distributions: the weighted sum, then the weight at zero. */
static int dist_cmp(const AggDesc *d, const int64_t *a, const int64_t *b)
{
	int r;

	switch (d->func) {
	case AGG_QUANTIZE:
		r = cmp_ld(quantize_sum(a), quantize_sum(b));
		return r ? r : cmp_i64(a[AGG_QUANTIZE_ZERO], b[AGG_QUANTIZE_ZERO]);
	case AGG_LQUANTIZE:
		r = cmp_ld(lquantize_sum(d, a), lquantize_sum(d, b));
		return r ? r : cmp_i64(lquantize_zero(d, a), lquantize_zero(d, b));
	default:
		/* DTrace's "zero" for llquantize is its underflow bucket. */
		r = cmp_ld(llquantize_sum(d, a), llquantize_sum(d, b));
		return r ? r : cmp_i64(a[0], b[0]);
	}
}

/* dt_aggregate_valcmp */
static int val_cmp(const AggDesc *d, const int64_t *a, const int64_t *b)
{
	switch (d->func) {
	case AGG_AVG:
		return cmp_i64(agg_avg(a), agg_avg(b));
	case AGG_STDDEV:
		return cmp_u64(agg_stddev(a), agg_stddev(b));
	case AGG_QUANTIZE:
	case AGG_LQUANTIZE:
	case AGG_LLQUANTIZE:
		return dist_cmp(d, a, b);
	default:
		return cmp_i64(a[0], b[0]);
	}
}

/* An integer key element, zero-extended from its size. */
static uint64_t key_uint(const unsigned char *p, int size)
{
	uint8_t u8;
	uint16_t u16;
	uint32_t u32;
	uint64_t u64;

	switch (size) {
	case 1:
		memcpy(&u8, p, 1);
		return u8;
	case 2:
		memcpy(&u16, p, 2);
		return u16;
	case 4:
		memcpy(&u32, p, 4);
		return u32;
	case 8:
		memcpy(&u64, p, 8);
		return u64;
	}
	DT_ASSERT(!"integer key of size other than 1, 2, 4 or 8");
	return 0;
}

/* dt_aggregate_keycmp: integers unsigned, everything else bytewise. */
static int key_cmp(const AggDesc *d, const unsigned char *a, const unsigned char *b)
{
	for (int i = 0; i < d->nkeys; i++) {
		const AggKey *k = &d->keys[i];
		int r;

		if (k->kind == AGG_KEY_INT)
			r = cmp_u64(key_uint(a + k->off, k->size), key_uint(b + k->off, k->size));
		else
			r = memcmp(a + k->off, b + k->off, (size_t)k->size);
		if (r != 0)
			return r < 0 ? -1 : 1;
	}
	return 0;
}

int agg_cmp(const AggDesc *d, const AggEntry *a, const AggEntry *b)
{
	int r = val_cmp(d, a->val, b->val);

	return r ? r : key_cmp(d, a->key, b->key);
}

static int entry_cmp(const void *a, const void *b, void *desc)
{
	return agg_cmp(desc, a, b);
}

void agg_sort(const AggDesc *d, AggEntry *entries, int n)
{
	if (n > 1)
		qsort_r(entries, (size_t)n, sizeof(*entries), entry_cmp, (void *)d);
}

/* ---- printing keys ---- */

/* What dt_print_bytes accepts as text: isprint or isspace (C locale), \a, \b. */
static bool is_text_byte(unsigned char c)
{
	return (c >= ' ' && c <= '~') || (c >= '\a' && c <= '\r');
}

static bool all_zero(const unsigned char *p, int n)
{
	for (int i = 0; i < n; i++)
		if (p[i] != 0)
			return false;
	return true;
}

/* dt_print_bytes' fallback for data that is not a string: a hex dump. */
static void print_hex_dump(StrBuf *out, const unsigned char *p, int n)
{
	int i, j;

	sb_printf(out, "\n%*s      ", 5, "");
	for (i = 0; i < 16; i++)
		sb_printf(out, "  %c", "0123456789abcdef"[i]);
	sb_puts(out, "  0123456789abcdef\n");
	for (i = 0; i < n; i += 16) {
		sb_printf(out, "%*s%5x:", 5, "", (unsigned)i);
		for (j = i; j < i + 16 && j < n; j++)
			sb_printf(out, " %02x", p[j]);
		while (j++ % 16)
			sb_puts(out, "   ");
		sb_puts(out, "  ");
		for (j = i; j < i + 16 && j < n; j++)
			sb_putc(out, p[j] < ' ' || p[j] > '~' ? '.' : (char)p[j]);
		sb_putc(out, '\n');
	}
}

/*
 * dt_print_bytes with width -50: text up to a NUL followed only by NULs
 * (or text filling the whole field) prints "  %-50s"; anything else,
 * including the empty string (a NUL at offset 0), as a hex dump.
 */
static void print_key_str(StrBuf *out, const unsigned char *p, int n)
{
	int i = 0;

	if (n == 0)
		return;
	while (i < n && is_text_byte(p[i]))
		i++;
	if (i == n)
		sb_printf(out, "  %-50.*s", n, (const char *)p);
	else if (p[i] == '\0' && i > 0 && all_zero(p + i, n - i))
		sb_printf(out, "  %-50s", (const char *)p);
	else
		print_hex_dump(out, p, n);
}

/*
 * dt_print_datum's integers: the width follows the size, and the 1- and
 * 2-byte values reach printf zero-extended (DTrace reads them through
 * uint8_t/uint16_t pointers), so (char)-1 prints as 255.
 */
static void print_key(StrBuf *out, const AggKey *k, const unsigned char *key)
{
	uint64_t u;

	if (k->kind == AGG_KEY_STR) {
		print_key_str(out, key + k->off, k->size);
		return;
	}
	u = key_uint(key + k->off, k->size);
	switch (k->size) {
	case 8:
		sb_printf(out, " %16lld", (long long)u);
		break;
	case 4:
		sb_printf(out, " %8d", (int)(int32_t)(uint32_t)u);
		break;
	case 2:
		sb_printf(out, " %5d", (int)u);
		break;
	default:
		sb_printf(out, " %3d", (int)u);
		break;
	}
}

/* ---- printing distributions ---- */

/* The rows of a distribution to print, and what scales their bars. */
typedef struct Dist {
	const int64_t *data;
	int first, last;
	long double total; /* sum of |count| over the printed rows */
	bool pos, neg;     /* some printed row is > 0, < 0 */
} Dist;

/*
 * The first/last trimming of dt_print_quantize and friends: from one row
 * before the first non-zero bucket to one row after the last.  The scan
 * for the first stops at `scan` (quantize stops one short of its top
 * bucket, so data only there counts as none: DTrace's own quirk); with no
 * data, rows empty_first..empty_last are printed instead.
 */
static void dist_init(Dist *ds, const int64_t *data, int n, int scan, int empty_first,
		      int empty_last)
{
	int first = 0, last = n - 1;

	while (first < scan && data[first] == 0)
		first++;
	if (first == scan) {
		first = empty_first;
		last = empty_last < n ? empty_last : n - 1;
	} else {
		if (first > 0)
			first--;
		while (last > 0 && data[last] == 0)
			last--;
		if (last < n - 1)
			last++;
	}
	*ds = (Dist){.data = data, .first = first, .last = last};
	for (int i = first; i <= last; i++) {
		ds->pos |= data[i] > 0;
		ds->neg |= data[i] < 0;
		ds->total += data[i] < 0 ? -(long double)data[i] : (long double)data[i];
	}
}

static void put_run(StrBuf *out, char c, unsigned n)
{
	while (n-- > 0)
		sb_putc(out, c);
}

/* Bar length: |val| / total of len characters, rounded half up. */
static unsigned bar_depth(int64_t val, unsigned len, long double total)
{
	long double mag = val < 0 ? -(long double)val : (long double)val;
	unsigned depth = (unsigned)(mag * len / total + 0.5L);

	return depth > len ? len : depth;
}

/*
 * dt_print_quantline: bars grow right from "|" when no row is negative,
 * left into "|" when none is positive, and both ways from a centre "|"
 * at half length when there are both.
 */
static void print_quantline(StrBuf *out, const Dist *ds, int64_t val)
{
	unsigned depth;

	if (!ds->neg) {
		depth = ds->pos ? bar_depth(val, 40, ds->total) : 0;
		sb_putc(out, '|');
		put_run(out, '@', depth);
		put_run(out, ' ', 40 - depth);
	} else if (!ds->pos) {
		depth = bar_depth(val, 40, ds->total);
		put_run(out, ' ', 40 - depth);
		put_run(out, '@', depth);
		sb_puts(out, "|");
	} else {
		depth = bar_depth(val, 20, ds->total);
		put_run(out, ' ', val <= 0 ? 20 - depth : 20);
		if (val <= 0)
			put_run(out, '@', depth);
		sb_putc(out, '|');
		if (val > 0)
			put_run(out, '@', depth);
		put_run(out, ' ', val <= 0 ? 20 : 20 - depth);
	}
	sb_printf(out, " %-9lld\n", (long long)val);
}

static void print_dist_header(StrBuf *out)
{
	sb_printf(out, "\n%16s %41s %-9s\n", "value", "------------- Distribution -------------",
		  "count");
}

/* A row whose label is text ("< 0", ">= 100"), not a number. */
static void print_text_row(StrBuf *out, const Dist *ds, int i, const char *fmt, int64_t v)
{
	char label[32];

	snprintf(label, sizeof(label), fmt, (long long)v);
	sb_printf(out, "%16s ", label);
	print_quantline(out, ds, ds->data[i]);
}

static void print_num_row(StrBuf *out, const Dist *ds, int i, int64_t v)
{
	sb_printf(out, "%16lld ", (long long)v);
	print_quantline(out, ds, ds->data[i]);
}

/* dt_print_quantize */
static void print_quantize(StrBuf *out, const int64_t *data)
{
	Dist ds;

	dist_init(&ds, data, AGG_QUANTIZE_NBUCKETS, AGG_QUANTIZE_NBUCKETS - 1,
		  AGG_QUANTIZE_ZERO - 1, AGG_QUANTIZE_ZERO + 1);
	print_dist_header(out);
	for (int i = ds.first; i <= ds.last; i++)
		print_num_row(out, &ds, i, agg_quantize_bucket_value(i));
}

/* dt_print_lquantize */
static void print_lquantize(StrBuf *out, const AggDesc *d, const int64_t *data)
{
	int levels = agg_lquantize_levels(d);
	Dist ds;

	dist_init(&ds, data, levels + 2, levels + 2, 0, 2);
	print_dist_header(out);
	for (int i = ds.first; i <= ds.last; i++) {
		if (i == 0)
			print_text_row(out, &ds, i, "< %lld", d->base);
		else if (i == levels + 1)
			print_text_row(out, &ds, i, ">= %lld", d->base + levels * d->step);
		else
			print_num_row(out, &ds, i, d->base + (i - 1) * d->step);
	}
}

/* dt_print_llquantize: rows are labelled by walking the bucket bounds. */
static void print_llquantize(StrBuf *out, const AggDesc *d, const int64_t *data)
{
	int n = agg_llquantize_nbuckets(d), bin = 1;
	LlqWalk w;
	Dist ds;

	dist_init(&ds, data, n, n, 0, 1);
	print_dist_header(out);
	llq_start(&w, d);
	if (ds.first == 0)
		print_text_row(out, &ds, 0, "< %lld", w.value);
	for (; w.order <= d->high && bin < n - 1; llq_advance(&w), bin++)
		if (bin >= ds.first && bin <= ds.last)
			print_num_row(out, &ds, bin, w.value);
	if (ds.last >= bin)
		print_text_row(out, &ds, bin, ">= %lld", w.value);
}

/* ---- printing entries ---- */

/* dt_print_datum for the aggregating action itself. */
static void print_value(StrBuf *out, const AggDesc *d, const int64_t *val)
{
	switch (d->func) {
	case AGG_COUNT:
	case AGG_SUM:
	case AGG_MIN:
	case AGG_MAX:
		sb_printf(out, " %16lld", (long long)val[0]);
		break;
	case AGG_AVG:
		sb_printf(out, " %16lld", (long long)agg_avg(val));
		break;
	case AGG_STDDEV:
		sb_printf(out, " %16llu", (unsigned long long)agg_stddev(val));
		break;
	case AGG_QUANTIZE:
		print_quantize(out, val);
		break;
	case AGG_LQUANTIZE:
		print_lquantize(out, d, val);
		break;
	case AGG_LLQUANTIZE:
		print_llquantize(out, d, val);
		break;
	}
}

/* dt_print_aggs: the keys, the value, then the newline. */
void agg_print_entry(StrBuf *out, const AggDesc *d, const AggEntry *e)
{
	for (int i = 0; i < d->nkeys; i++)
		print_key(out, &d->keys[i], e->key);
	print_value(out, d, e->val);
	sb_putc(out, '\n');
}

void agg_print(StrBuf *out, const AggDesc *d, AggEntry *entries, int n)
{
	agg_sort(d, entries, n);
	for (int i = 0; i < n; i++)
		agg_print_entry(out, d, &entries[i]);
}
