/*
 * agg.h - aggregations as the consumer sees them: what an aggregation is
 * (AggDesc), how its value is laid out (shared with the code generator,
 * which updates these words in the kernel), how per-CPU values merge, the
 * consumer's copy of an aggregation (AggTable) with clear(), trunc() and
 * normalize(), and DTrace's exact sorting and printing.
 *
 * In the kernel each aggregation is a per-CPU hash map: key = the tuple's
 * key bytes (AggKey layout), value = nvals int64 words laid out per AggFunc
 * below.  The consumer moves every CPU's values into its AggTable with
 * agg_merge, joins the tables printa() names into rows (agg_join), sorts
 * them (agg_join_sort) and prints them (agg_print_row).
 */
#ifndef DT_AGG_H
#define DT_AGG_H

#include <stdbool.h>
#include <stdint.h>

#include "util.h"

typedef enum AggFunc {
	AGG_COUNT,      /* [0] count */
	AGG_SUM,        /* [0] sum */
	AGG_AVG,        /* [0] count, [1] sum */
	AGG_MIN,        /* [0] min, [1] 1 once a value was seen (0 = empty) */
	AGG_MAX,        /* [0] max, [1] 1 once a value was seen */
	AGG_STDDEV,     /* [0] count, [1] sum, [2] sum of squares low 64 bits, [3] high 64 bits */
	AGG_QUANTIZE,   /* [0..126] DTrace's power-of-two buckets (see agg_quantize_bucket) */
	AGG_LQUANTIZE,  /* [0] < base, [1..levels] base + i*step, [levels+1] >= limit */
	AGG_LLQUANTIZE, /* DTrace's log-linear buckets (see agg_llquantize_nbuckets) */
} AggFunc;

#define AGG_QUANTIZE_NBUCKETS 127 /* 63 negative, zero, 63 positive */
#define AGG_QUANTIZE_ZERO 63      /* index of the bucket for 0 */

/* AGG_KEY_STACK: size / 8 kernel PCs, the unused ones 0 (stack()). */
#define STACK_MAX_FRAMES 100 /* the deepest stack() */
/*
 * A stack taken in a probe starts with frames of the tracing machinery (our
 * BPF programs, the kernel code that runs them): stack(n) takes this many
 * more, and the printer leaves them out (ksym.c).
 */
#define STACK_HIDDEN 8
/*
 * AGG_KEY_USTACK: ustack()'s record layout (dt.h REC_USTACK): u32 pid,
 * u32 frames, then the PCs; AGG_KEY_USYM: ufunc() and co. (REC_USYM).  The
 * join's keyfmt (the consumer's symbolizer) prints them, since agg.c knows
 * no processes.
 */
typedef enum AggKeyKind {
	AGG_KEY_INT, AGG_KEY_STR, AGG_KEY_STACK, AGG_KEY_USTACK, AGG_KEY_USYM
} AggKeyKind;

/* An integer that is a kernel address printed as a symbol: sym()/func(), or mod(). */
typedef enum AddrSym { ADDR_PLAIN, ADDR_SYM, ADDR_MOD } AddrSym;

/* One element of a key tuple: where it sits in the key bytes. */
typedef struct AggKey {
	AggKeyKind kind;
	AddrSym sym;     /* AGG_KEY_INT: printed as a kernel symbol */
	int off, size;   /* AGG_KEY_INT: size 1, 2, 4 or 8; AGG_KEY_STR: strsize, NUL-padded */
	bool is_signed;
} AggKey;

typedef struct AggDesc {
	int id;              /* 1-based, in order of first appearance in the program */
	const char *name;    /* "" for the anonymous @ */
	AggFunc func;
	int nkeys;
	AggKey keys[16];
	int keysize;         /* bytes; at least 8 (a keyless aggregation has 8 zero bytes) */
	int nvals;           /* int64 words of value */
	/* lquantize(x, base, limit, step); llquantize(x, factor, low, high, nsteps) */
	int64_t base, limit, step;
	int64_t factor, low, high, nsteps;
} AggDesc;

/*
 * One merged entry: key bytes (keysize), value words (nvals) and the
 * normalize() factor printing divides by (below 1: none).
 */
typedef struct AggEntry {
	const unsigned char *key;
	int64_t *val;
	int64_t normal;
} AggEntry;

/* Words of value for a function (needs the lquantize/llquantize parameters). */
int agg_nvals(const AggDesc *d);
/*
 * The quantize() bucket of a value, as DTrace computes it
 * (dtrace_aggregate_quantize).  The code generator computes the same index
 * in BPF, so here is the whole algorithm.  Let log2(x) be the index of the
 * highest set bit of a nonzero unsigned 64-bit x (0..63), found e.g. by a
 * binary search of shifts: if (x >> 32) {r += 32; x >>= 32;} then 16, 8, 4,
 * 2, 1.  Then
 *
 *     v == 0:  bucket 63 (AGG_QUANTIZE_ZERO)
 *     v >  0:  bucket 64 + log2(v)                 (64..126)
 *     v <  0:  bucket max(0, 62 - log2(-v))        (0..62)
 *
 * where -v is taken as unsigned 64-bit (so INT64_MIN has log2 63 and lands
 * in bucket 0, together with everything <= -2^62).  In words: a positive v
 * goes into the bucket of the largest power of two <= v, a negative v into
 * the bucket of the largest power of two <= -v, negated.  The value a bucket
 * stands for is agg_quantize_bucket_value().
 */
int agg_quantize_bucket(int64_t v);
/* The value bucket i stands for: -2^(62-i) below 63, 0 at 63, 2^(i-64) above. */
int64_t agg_quantize_bucket_value(int i);

/* lquantize() levels: (limit - base) / step; the value has levels + 2 words. */
int agg_lquantize_levels(const AggDesc *d);
/*
 * The lquantize() bucket of a value: level = (v - base) / step (64-bit, v -
 * base computed unsigned); [0] if v < base, [1 + level] if level < levels,
 * else [levels + 1].  (DTrace's kernel truncates v to 32 bits first; we do
 * not.)  Note the overflow bucket starts at base + levels * step, which is
 * below limit when step does not divide limit - base, and DTrace labels it
 * so (">= base+levels*step").
 */
int agg_lquantize_bucket(const AggDesc *d, int64_t v);
/*
 * llquantize(x, factor, low, high, nsteps), as dtrace_aggregate_llquantize_
 * bucket computes it.  With this = factor^low:
 *
 *     if (v < this) return 0;                 // the "< factor^low" bucket
 *     last = this; this *= factor; base = 1;
 *     for (order = low; order <= high; order++) {
 *         nb = this > nsteps ? nsteps : this;  // buckets in [last, this)
 *         next = this * factor;                // on overflow: v = this - 1
 *         if (v < this)
 *             return base + (v - last) / (this / nb);
 *         base += nb - nb / factor;            // nb steps span [0, this),
 *         last = this; this = next;            // nb/factor of them < last
 *     }
 *     return base;                            // the ">= factor^(high+1)" one
 *
 * The number of buckets is the bucket of INT64_MAX, plus one.
 */
int agg_llquantize_nbuckets(const AggDesc *d);
int agg_llquantize_bucket(const AggDesc *d, int64_t v);
/*
 * The argument position of a distribution's optional increment (quantize's
 * second, lquantize's fifth, llquantize's sixth), or 0 for other functions.
 */
int agg_incr_arg(AggFunc func);
/* dst = merge(dst, src), e.g. of two CPUs' values. */
void agg_merge(const AggDesc *d, int64_t *dst, const int64_t *src);
/*
 * True if the value holds no data (never updated): count 0 for count, avg
 * and stddev; the [1] flag clear for min and max; every bucket 0 for the
 * distributions; and, since the words cannot tell sum(0) from no update, a
 * zero sum for sum().
 */
bool agg_empty(const AggDesc *d, const int64_t *val);

/*
 * avg() as DTrace prints it: sum / normal / count, each division
 * truncating; 0 when count is 0.  normal is the normalize() factor (below
 * 1: none), as for every function below.
 */
int64_t agg_avg(const int64_t *val, int64_t normal);
/*
 * stddev() as DTrace's dt_stddev computes it, all in integers:
 * sqrt(sumsq / normal / normal / count - (|sum / normal / count|)^2), each
 * division truncating and the square root rounded down; 0 when count is 0.
 * E.g. 1, 2, 3, 4 gives sqrt(30/4 - 2^2) = sqrt(3) = 1.
 */
uint64_t agg_stddev(const int64_t *val, int64_t normal);
/*
 * The number printa()'s %@ conversions print for count, sum, min, max
 * (value / normal), avg and stddev (the latter's bits are unsigned).  DTrace
 * divides some of these unsigned, which turns a normalized negative value
 * into garbage; we divide signed.
 */
int64_t agg_scalar(const AggDesc *d, const int64_t *val, int64_t normal);

/*
 * DTrace's default order of entries (dt_aggregate_valkeycmp): by value
 * ascending, ties broken by the keys.  Values compare as
 * dt_aggregate_valcmp does, on the raw words (normalize() does not change
 * the order): count/sum/min/max by [0]; avg by agg_avg; stddev by
 * agg_stddev; quantize by the sum of bucket value * count over all
 * buckets (dt_aggregate_quantizedcmp), lquantize likewise with the
 * underflow bucket weighted base - 1 and the overflow bucket base +
 * levels*step + 1 (dt_aggregate_lquantizedcmp), llquantize with the
 * underflow bucket weighted factor^low - 1 and the overflow bucket
 * factor^(high+1) (dt_aggregate_llquantizedcmp); equal sums then compare
 * the count in the bucket holding 0 (for llquantize: the underflow bucket).
 * Keys compare element by element (dt_aggregate_keycmp): integers as
 * UNSIGNED numbers zero-extended from their size (so -1 sorts after 2, as
 * in DTrace), strings byte by byte as unsigned chars over the whole
 * NUL-padded field (i.e. strcmp order).  Returns <0, 0 or >0.  This is
 * also the order trunc() keeps by, whatever the aggsort options say.
 */
int agg_cmp(const AggDesc *d, const AggEntry *a, const AggEntry *b);

/* ---- the consumer's copy of an aggregation ---- */

/*
 * Every key the consumer has taken from the kernel so far, its value
 * merged over CPUs and snapshots, as clear(), trunc() and normalize() left
 * it: DTrace's user-space aggregation hash, for one aggregation.
 */
typedef struct AggTable {
	const AggDesc *d;
	int n, cap;           /* entries, and room for */
	unsigned char *keys;  /* entry i's key at i * keysize */
	int64_t *vals;        /* entry i's value at i * nvals */
	int64_t *normal;      /* entry i's normalize() factor, 1 if none */
	int *index;           /* open addressing over the keys: entry + 1, or 0 */
	int nindex;           /* a power of two, at least 2 * cap */
} AggTable;

void agg_table_init(AggTable *t, const AggDesc *d);
void agg_table_free(AggTable *t);
/*
 * The value words of key's entry, created empty (all zero, normal 1) if
 * the key is new; merge data into them with agg_merge.  The pointer is
 * good until the next call that adds or removes entries.
 */
int64_t *agg_table_entry(AggTable *t, const unsigned char *key);
/*
 * clear(): every value zeroed, the keys kept, as DTrace's bzero leaves
 * them: a cleared min() or max() holds a real 0, which data merged later
 * must beat (DTrace's dt_aggregate_min compares with it too).
 */
void agg_table_clear(AggTable *t);
/*
 * trunc(n): keep the n entries with the largest values (n < 0: the -n
 * smallest) in agg_cmp order, remove the others; n = 0 removes them all.
 */
void agg_table_trunc(AggTable *t, int64_t n);
/*
 * normalize(n), or denormalize() with n = 1, of the entries there now:
 * as in DTrace, an entry that appears later starts unnormalized.  n < 1
 * counts as 1 (DTrace would divide by it).
 */
void agg_table_normalize(AggTable *t, int64_t n);
/* The entries, pointing into t, as an array of t->n the caller frees. */
AggEntry *agg_table_entries(const AggTable *t);

/* ---- printa(): rows, their order, their text ---- */

/* DTrace's sorting options (each off or 0 by default). */
typedef struct AggSort {
	bool bykey;  /* aggsortkey: by key only, not by value first */
	bool rev;    /* aggsortrev: everything in reverse */
	int keypos;  /* aggsortkeypos: the key element compared first, then the next, wrapping */
	int valpos;  /* aggsortpos: the aggregation of a joined printa() whose value sorts first */
} AggSort;

/* One line of printa(): a key tuple and, per aggregation, its entry there. */
typedef struct AggRow {
	const unsigned char *key;
	const AggEntry **cell; /* one per aggregation joined */
} AggRow;

/*
 * The entries of n aggregations joined by key, as dtrace_aggregate_walk_
 * joined does for printa(@a, @b, ...): one row per key that any of them
 * has, where one that lacks the key shows a zero value of its function
 * (count 0, an empty distribution ...).  The aggregations must have the
 * same key layout (sema checks); one may appear several times.
 */
struct AggKey;
/* Print a key agg.c cannot print alone (a user stack) into out. */
typedef void AggKeyFmt(void *arg, StrBuf *out, const struct AggKey *k, const unsigned char *key);

typedef struct AggJoin {
	AggKeyFmt *keyfmt;    /* set by the caller before printing stack keys */
	void *keyfmt_arg;
	int n, nrows;
	const AggDesc **d;    /* the n aggregations, in printa()'s order */
	AggRow *rows;
	const AggEntry **cells; /* nrows * n */
	AggEntry *zero;       /* per aggregation: the entry of a missing key */
	int64_t *zerovals;
} AggJoin;

/* Join ents[i][0 .. counts[i] - 1], the entries of aggregation d[i]. */
void agg_join(AggJoin *j, const AggDesc **d, int n, AggEntry **ents, const int *counts);
/*
 * Sort the rows as DTrace does (dt_aggregate_bundlecmp and, for one
 * aggregation, dt_aggregate_varvalcmp): by the value of each aggregation
 * in turn starting with the valpos'th (wrapping; valpos >= n counts as 0),
 * then by the key from element keypos on (keypos >= nkeys counts as 0); by
 * the key alone with bykey; the whole order reversed with rev.
 */
void agg_join_sort(AggJoin *j, const AggSort *opt);
void agg_join_free(AggJoin *j);

/*
 * One row in DTrace's default format (dt_print_aggs), as dtrace(1)
 * prints each aggregation at exit and printa() without a format prints:
 * the keys, then each aggregation's value, then "\n".
 *
 * Exactly what it appends:
 *  - each key element (dt_print_datum): an integer by its size, 1 byte
 *    " %3d", 2 bytes " %5d" (both printed UNSIGNED, 0..255 / 0..65535, even
 *    for signed types, as DTrace does), 4 bytes " %8d" and 8 bytes " %16lld"
 *    (both signed); a string (dt_print_bytes, width -50) "  %-50s" when it
 *    is printable text (C-locale isprint/isspace, \a, \b) up to a NUL
 *    followed only by NULs or filling the field, otherwise (an empty string,
 *    a non-ASCII byte) DTrace's hex dump: "\n" + 11 spaces + "  0".."  f" +
 *    "  0123456789abcdef\n", then per 16 bytes "     %5x:" + " %02x" per
 *    byte (padded with "   ") + "  " + the bytes ('.' for non-printable) +
 *    "\n";
 *  - each value as agg_print_value appends it.
 * A keyless aggregation (nkeys == 0) is just the values and "\n".
 *
 * What the caller adds (cmd/dtrace/dtrace.c main, dtrace_aggregate_print,
 * dt_consume.c):
 *  - At exit, dtrace(1): if tracing was stopped by the first SIGINT/SIGTERM,
 *    "\n" (g_newline, even with -q); then always "\n" (even with -q); then
 *    every aggregation that printa() has not printed, in order of
 *    aggregation id (first appearance in the program; the reverse with
 *    aggsortrev), its rows with NOTHING between two aggregations; an
 *    aggregation with no entries prints nothing.  After a second SIGINT
 *    (g_impatient) the aggregations are not printed at all.
 *  - printa(@a, ...) without a format: "\n", then the rows; then, as for
 *    any action, the probe's end-of-record "\n" when not quiet.
 */
void agg_print_row(StrBuf *out, const AggJoin *j, const AggRow *row);
/*
 * One value as dt_print_datum prints it: count/sum/min/max/avg
 * " %16lld" and stddev " %16llu" of agg_scalar; quantize/lquantize/
 * llquantize the distribution (dt_print_quantize & co.): "\n%16s %41s
 * %-9s\n" with "value", "------------- Distribution -------------" and
 * "count"; then one row per bucket from the one before the first non-zero
 * bucket to the one after the last (no data: quantize's -1, 0, 1,
 * lquantize's first three, llquantize's first two): the label ("%16lld "
 * bucket value, or "%16s " of "< N" / ">= N"), the bar (dt_print_quantline:
 * "|" then round(|count| * 40 / total) '@' padded to 40; the mirror image
 * ending in "|" when some count is negative and none positive; 20-wide
 * halves around a centre "|" when both signs occur), then " %-9lld\n" of
 * count / normal (the bars are of the raw counts).  printa()'s %@ prints a
 * distribution this way too, whatever the conversion.
 */
void agg_print_value(StrBuf *out, const AggDesc *d, const AggEntry *e);
/* True for quantize, lquantize and llquantize: printed as a distribution. */
bool agg_is_dist(const AggDesc *d);

#endif
