/*
 * agg.c - aggregations on the consumer side: the bucket arithmetic shared
 * with the code generator, the merge of per-CPU values, DTrace's sort order
 * and DTrace's default output, byte for byte.
 *
 * Takes an AggDesc and value words laid out as agg.h describes (already read
 * from the kernel); gives bucket indices, merged words, the consumer's table
 * of entries (AggTable, with clear/trunc/normalize), rows joined across
 * aggregations, an order and text appended to a StrBuf.  It never touches
 * maps, fds or the kernel: the tables and joins it allocates are all the
 * state it has, and they belong to the caller.
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

#include "ksym.h"

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

int agg_incr_arg(AggFunc func)
{
	switch (func) {
	case AGG_QUANTIZE:
		return 1;
	case AGG_LQUANTIZE:
		return 4;
	case AGG_LLQUANTIZE:
		return 5;
	default:
		return 0;
	}
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

/* The normalize() factor to divide by: below 1 means none. */
static int64_t divisor(int64_t normal)
{
	return normal > 1 ? normal : 1;
}

int64_t agg_avg(const int64_t *val, int64_t normal)
{
	return val[0] ? val[1] / divisor(normal) / val[0] : 0;
}

/*
 * dt_stddev: the average of the squares and the average are each
 * truncated before subtracting, so e.g. 1, 2, 3, 4 gives sqrt(7 - 4) = 1,
 * not 1.118 rounded.
 */
uint64_t agg_stddev(const int64_t *val, int64_t normal)
{
	uint64_t n = (uint64_t)divisor(normal);
	u128 avg_of_squares, square_of_avg;
	int64_t avg;
	uint64_t mag;

	if (val[0] == 0)
		return 0;
	avg_of_squares = u128_make((uint64_t)val[2], (uint64_t)val[3]) / n / n / (uint64_t)val[0];
	avg = val[1] / (int64_t)n / val[0];
	mag = avg < 0 ? -(uint64_t)avg : (uint64_t)avg;
	square_of_avg = (u128)mag * mag;
	return u128_sqrt(avg_of_squares - square_of_avg);
}

int64_t agg_scalar(const AggDesc *d, const int64_t *val, int64_t normal)
{
	switch (d->func) {
	case AGG_AVG:
		return agg_avg(val, normal);
	case AGG_STDDEV:
		return (int64_t)agg_stddev(val, normal);
	default:
		return val[0] / divisor(normal);
	}
}

bool agg_is_dist(const AggDesc *d)
{
	return d->func == AGG_QUANTIZE || d->func == AGG_LQUANTIZE || d->func == AGG_LLQUANTIZE;
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
		return cmp_i64(agg_avg(a, 1), agg_avg(b, 1));
	case AGG_STDDEV:
		return cmp_u64(agg_stddev(a, 1), agg_stddev(b, 1));
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

/*
 * dt_aggregate_keycmp: integers unsigned, everything else bytewise,
 * starting with element keypos and wrapping around (aggsortkeypos).
 */
static int key_cmp(const AggDesc *d, const unsigned char *a, const unsigned char *b, int keypos)
{
	if (keypos < 0 || keypos >= d->nkeys)
		keypos = 0;
	for (int i = 0; i < d->nkeys; i++) {
		const AggKey *k = &d->keys[(keypos + i) % d->nkeys];
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

	return r ? r : key_cmp(d, a->key, b->key, 0);
}

/* ---- the consumer's table ---- */

/*
 * The key bytes a word at a time (keys are long: strsize bytes per
 * string), each word multiplied in, the high bits folded down at the end
 * for the index, which takes the low ones.
 */
static uint64_t key_hash(const unsigned char *key, int size)
{
	uint64_t h = 0, w;

	for (int i = 0; i < size; i += 8) {
		w = 0;
		memcpy(&w, key + i, size - i < 8 ? (size_t)(size - i) : 8);
		h = (h ^ w) * 0x9e3779b97f4a7c15ULL;
	}
	return h ^ (h >> 32);
}

static unsigned char *table_key(const AggTable *t, int i)
{
	return t->keys + (size_t)i * (size_t)t->d->keysize;
}

static int64_t *table_val(const AggTable *t, int i)
{
	return t->vals + (size_t)i * (size_t)t->d->nvals;
}

/* The index slot holding key, or the free slot where it would go. */
static int *table_slot(const AggTable *t, const unsigned char *key)
{
	size_t mask = (size_t)t->nindex - 1, i = (size_t)key_hash(key, t->d->keysize) & mask;

	while (t->index[i] && memcmp(table_key(t, t->index[i] - 1), key, (size_t)t->d->keysize))
		i = (i + 1) & mask;
	return &t->index[i];
}

static void table_reindex(AggTable *t)
{
	memset(t->index, 0, (size_t)t->nindex * sizeof(*t->index));
	for (int i = 0; i < t->n; i++)
		*table_slot(t, table_key(t, i)) = i + 1;
}

static void table_grow(AggTable *t)
{
	t->cap = t->cap ? 2 * t->cap : 16;
	t->nindex = 2 * t->cap;
	t->keys = xrealloc(t->keys, (size_t)t->cap * (size_t)t->d->keysize);
	t->vals = xrealloc(t->vals, (size_t)t->cap * (size_t)t->d->nvals * sizeof(*t->vals));
	t->normal = xrealloc(t->normal, (size_t)t->cap * sizeof(*t->normal));
	free(t->index);
	t->index = xmalloc((size_t)t->nindex * sizeof(*t->index));
	table_reindex(t);
}

void agg_table_init(AggTable *t, const AggDesc *d)
{
	*t = (AggTable){.d = d};
	table_grow(t);
}

void agg_table_free(AggTable *t)
{
	free(t->keys);
	free(t->vals);
	free(t->normal);
	free(t->index);
	*t = (AggTable){0};
}

int64_t *agg_table_entry(AggTable *t, const unsigned char *key)
{
	int *slot = table_slot(t, key);

	if (*slot)
		return table_val(t, *slot - 1);
	if (t->n == t->cap) {
		table_grow(t);
		slot = table_slot(t, key);
	}
	memcpy(table_key(t, t->n), key, (size_t)t->d->keysize);
	memset(table_val(t, t->n), 0, (size_t)t->d->nvals * sizeof(*t->vals));
	t->normal[t->n] = 1;
	*slot = ++t->n;
	return table_val(t, t->n - 1);
}

void agg_table_clear(AggTable *t)
{
	memset(t->vals, 0, (size_t)t->n * (size_t)t->d->nvals * sizeof(*t->vals));
	if (t->d->func == AGG_MIN || t->d->func == AGG_MAX)
		for (int i = 0; i < t->n; i++)
			table_val(t, i)[1] = 1; /* a value, 0, not "no data" */
}

static int entry_cmp(const void *a, const void *b, void *desc)
{
	return agg_cmp(desc, a, b);
}

/*
 * dt_trunc walks the entries sorted by agg_cmp, descending to keep the
 * largest, ascending to keep the smallest, and removes all after the
 * first |n|: the same as keeping the last or first |n| in ascending order.
 */
void agg_table_trunc(AggTable *t, int64_t n)
{
	uint64_t want = n < 0 ? -(uint64_t)n : (uint64_t)n;
	int keep = want < (uint64_t)t->n ? (int)want : t->n, j = 0;
	AggEntry *e;
	bool *kept;

	if (keep == t->n)
		return;
	e = agg_table_entries(t);
	kept = xcalloc((size_t)t->n + 1, sizeof(*kept));
	qsort_r(e, (size_t)t->n, sizeof(*e), entry_cmp, (void *)t->d);
	for (int i = n < 0 ? 0 : t->n - keep; keep-- > 0; i++)
		kept[(e[i].val - t->vals) / t->d->nvals] = true;
	for (int i = 0; i < t->n; i++) {
		if (!kept[i])
			continue;
		memmove(table_key(t, j), table_key(t, i), (size_t)t->d->keysize);
		memmove(table_val(t, j), table_val(t, i), (size_t)t->d->nvals * sizeof(*t->vals));
		t->normal[j++] = t->normal[i];
	}
	t->n = j;
	table_reindex(t);
	free(kept);
	free(e);
}

void agg_table_normalize(AggTable *t, int64_t n)
{
	for (int i = 0; i < t->n; i++)
		t->normal[i] = divisor(n);
}

AggEntry *agg_table_entries(const AggTable *t)
{
	AggEntry *e = xcalloc((size_t)t->n + 1, sizeof(*e));

	for (int i = 0; i < t->n; i++)
		e[i] = (AggEntry){table_key(t, i), table_val(t, i), t->normal[i]};
	return e;
}

/* ---- joining and ordering rows ---- */

/* One entry of one of the aggregations being joined. */
typedef struct JoinRef {
	const AggEntry *e;
	int agg;
} JoinRef;

/* By key bytes (the layouts are the same), then by aggregation. */
static int ref_cmp(const void *a, const void *b, void *keysize)
{
	const JoinRef *x = a, *y = b;
	int r = memcmp(x->e->key, y->e->key, *(size_t *)keysize);

	return r ? r : x->agg - y->agg;
}

/* A new row for key, every cell the zero entry until an entry fills it. */
static AggRow *new_row(AggJoin *j, const unsigned char *key)
{
	AggRow *row = &j->rows[j->nrows];

	row->key = key;
	row->cell = j->cells + (size_t)j->nrows++ * (size_t)j->n;
	for (int i = 0; i < j->n; i++)
		row->cell[i] = &j->zero[i];
	return row;
}

/* Group the entries of all n aggregations by key: one row per key. */
static void join_many(AggJoin *j, AggEntry **ents, const int *counts)
{
	size_t keysize = (size_t)j->d[0]->keysize;
	int total = 0, k = 0;
	AggRow *row = NULL;
	JoinRef *refs;

	for (int i = 0; i < j->n; i++)
		total += counts[i];
	refs = xcalloc((size_t)total + 1, sizeof(*refs));
	for (int i = 0; i < j->n; i++)
		for (int e = 0; e < counts[i]; e++)
			refs[k++] = (JoinRef){&ents[i][e], i};
	qsort_r(refs, (size_t)total, sizeof(*refs), ref_cmp, &keysize);
	j->rows = xcalloc((size_t)total + 1, sizeof(*j->rows));
	j->cells = xcalloc((size_t)total * (size_t)j->n + 1, sizeof(*j->cells));
	for (int r = 0; r < total; r++) {
		if (!row || memcmp(row->key, refs[r].e->key, keysize) != 0)
			row = new_row(j, refs[r].e->key);
		row->cell[refs[r].agg] = refs[r].e;
	}
	free(refs);
}

void agg_join(AggJoin *j, const AggDesc **d, int n, AggEntry **ents, const int *counts)
{
	int words = 0;

	*j = (AggJoin){.n = n, .d = d};
	j->zero = xcalloc((size_t)n, sizeof(*j->zero));
	for (int i = 0; i < n; i++)
		words += d[i]->nvals;
	j->zerovals = xcalloc((size_t)words, sizeof(*j->zerovals));
	for (int i = 0, w = 0; i < n; w += d[i++]->nvals)
		j->zero[i] = (AggEntry){NULL, j->zerovals + w, 1};
	if (n > 1) {
		join_many(j, ents, counts);
		return;
	}
	/* One aggregation: its entries are the rows already. */
	j->nrows = counts[0];
	j->rows = xcalloc((size_t)j->nrows + 1, sizeof(*j->rows));
	j->cells = xcalloc((size_t)j->nrows + 1, sizeof(*j->cells));
	for (int r = 0; r < j->nrows; r++) {
		j->cells[r] = &ents[0][r];
		j->rows[r] = (AggRow){ents[0][r].key, &j->cells[r]};
	}
}

typedef struct RowOrder {
	const AggJoin *j;
	const AggSort *opt;
} RowOrder;

/* dt_aggregate_bundlecmp, for the options in o->opt. */
static int row_cmp(const void *a, const void *b, void *arg)
{
	const RowOrder *o = arg;
	const AggRow *x = a, *y = b;
	int n = o->j->n, start = o->opt->valpos >= 0 && o->opt->valpos < n ? o->opt->valpos : 0;
	int r = 0;

	for (int i = 0; !o->opt->bykey && r == 0 && i < n; i++) {
		int p = (start + i) % n;

		r = val_cmp(o->j->d[p], x->cell[p]->val, y->cell[p]->val);
	}
	if (r == 0)
		r = key_cmp(o->j->d[0], x->key, y->key, o->opt->keypos);
	return o->opt->rev ? -r : r;
}

void agg_join_sort(AggJoin *j, const AggSort *opt)
{
	RowOrder o = {j, opt};

	if (j->nrows > 1)
		qsort_r(j->rows, (size_t)j->nrows, sizeof(*j->rows), row_cmp, &o);
}

void agg_join_free(AggJoin *j)
{
	free(j->rows);
	free(j->cells);
	free(j->zero);
	free(j->zerovals);
	*j = (AggJoin){0};
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
static void print_key(StrBuf *out, const AggJoin *j, const AggKey *k, const unsigned char *key)
{
	uint64_t u;

	if (k->kind == AGG_KEY_USTACK || k->kind == AGG_KEY_USYM) {
		if (j->keyfmt)
			j->keyfmt(j->keyfmt_arg, out, k, key);
		return;
	}
	if (k->kind == AGG_KEY_STR) {
		print_key_str(out, key + k->off, k->size);
		return;
	}
	if (k->kind == AGG_KEY_STACK) { /* as a stack() record: the value follows its last line */
		uint64_t pcs[STACK_MAX_FRAMES + STACK_HIDDEN];
		int n = k->size / 8 < STACK_MAX_FRAMES + STACK_HIDDEN ? k->size / 8 : STACK_MAX_FRAMES + STACK_HIDDEN;
		memcpy(pcs, key + k->off, (size_t)n * 8);
		sb_putc(out, '\n');
		ksym_print_stack(out, pcs, n, n - STACK_HIDDEN, STACK_INDENT);
		return;
	}
	u = key_uint(key + k->off, k->size);
	if (k->sym) { /* func(), sym(), mod() */
		StrBuf b = {0};
		ksym_format_sym(&b, u, k->sym == ADDR_MOD);
		sb_printf(out, "  %-50s", b.s);
		sb_free(&b);
		return;
	}
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
	int64_t normal;    /* normalize(): divides the printed counts, not the bars */
} Dist;

/*
 * The first/last trimming of dt_print_quantize and friends: from one row
 * before the first non-zero bucket to one row after the last.  The scan
 * for the first stops at `scan` (quantize stops one short of its top
 * bucket, so data only there counts as none: DTrace's own quirk); with no
 * data, rows empty_first..empty_last are printed instead.
 */
static void dist_init(Dist *ds, const AggEntry *e, int n, int scan, int empty_first,
		      int empty_last)
{
	const int64_t *data = e->val;
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
	*ds = (Dist){.data = data, .first = first, .last = last, .normal = divisor(e->normal)};
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
	sb_printf(out, " %-9lld\n", (long long)(val / ds->normal));
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
static void print_quantize(StrBuf *out, const AggEntry *e)
{
	Dist ds;

	dist_init(&ds, e, AGG_QUANTIZE_NBUCKETS, AGG_QUANTIZE_NBUCKETS - 1,
		  AGG_QUANTIZE_ZERO - 1, AGG_QUANTIZE_ZERO + 1);
	print_dist_header(out);
	for (int i = ds.first; i <= ds.last; i++)
		print_num_row(out, &ds, i, agg_quantize_bucket_value(i));
}

/* dt_print_lquantize */
static void print_lquantize(StrBuf *out, const AggDesc *d, const AggEntry *e)
{
	int levels = agg_lquantize_levels(d);
	Dist ds;

	dist_init(&ds, e, levels + 2, levels + 2, 0, 2);
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
static void print_llquantize(StrBuf *out, const AggDesc *d, const AggEntry *e)
{
	int n = agg_llquantize_nbuckets(d), bin = 1;
	LlqWalk w;
	Dist ds;

	dist_init(&ds, e, n, n, 0, 1);
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

/* ---- printing values and rows ---- */

/* dt_print_datum for the aggregating action itself. */
void agg_print_value(StrBuf *out, const AggDesc *d, const AggEntry *e)
{
	switch (d->func) {
	case AGG_STDDEV:
		sb_printf(out, " %16llu", (unsigned long long)agg_stddev(e->val, e->normal));
		break;
	case AGG_QUANTIZE:
		print_quantize(out, e);
		break;
	case AGG_LQUANTIZE:
		print_lquantize(out, d, e);
		break;
	case AGG_LLQUANTIZE:
		print_llquantize(out, d, e);
		break;
	default:
		sb_printf(out, " %16lld", (long long)agg_scalar(d, e->val, e->normal));
		break;
	}
}

/* dt_print_aggs: the keys, each aggregation's value, then the newline. */
void agg_print_row(StrBuf *out, const AggJoin *j, const AggRow *row)
{
	const AggDesc *d = j->d[0];

	for (int i = 0; i < d->nkeys; i++)
		print_key(out, j, &d->keys[i], row->key);
	for (int i = 0; i < j->n; i++)
		agg_print_value(out, j->d[i], row->cell[i]);
	sb_putc(out, '\n');
}
