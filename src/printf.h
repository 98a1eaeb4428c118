/*
 * printf.h - DTrace's printf format language, shared by the compiler (which
 * checks a format against its argument types) and the consumer (which
 * formats recorded argument values).  Format strings never enter the
 * kernel: only the argument values do.
 */
#ifndef DT_PRINTF_H
#define DT_PRINTF_H

#include <stdint.h>
#include <stdio.h>

#include "util.h"

/* What the compiler knows about one argument. */
typedef enum PfArgKind {
	PF_ARG_INT,    /* an integer of `size` bytes, signed or not */
	PF_ARG_STRING, /* a D string */
	PF_ARG_PTR,    /* a pointer (also acceptable where integers are) */
	PF_ARG_TEXT,   /* consumer only: text printed as it is, whatever the conversion */
	PF_ARG_FLOAT,  /* a float (size 4), double (8) or long double (16); values: the bits */
} PfArgKind;

typedef struct PfArgType {
	PfArgKind kind;
	int size;        /* integers: 1, 2, 4, 8 */
	int is_signed;
} PfArgType;

/*
 * One recorded argument value, as the consumer hands it over.  `size` and
 * `is_signed` are the argument's recorded type: %u/%x/%o print the value as
 * an unsigned number of `size` bytes (so %x of an int -1 is ffffffff), %d/%i
 * print it signed or unsigned as the type is (DTrace's rule).  size 0 means
 * int64_t, so a value built without a type still prints sensibly.
 */
typedef struct PfValue {
	PfArgKind kind;
	int64_t i;       /* integers and pointers (sign- or zero-extended per type) */
	const char *s;   /* strings (NUL-terminated) */
	int size;        /* integers: 1, 2, 4, 8 (0: 8, signed) */
	int is_signed;
} PfValue;

/* A parsed format: a sequence of literal text and conversions. */
typedef struct PfFormat PfFormat;

/*
 * Parse `fmt` (the bytes of the D string literal, escapes already decoded).
 * On error returns NULL and stores a message in *err (caller frees) in
 * DTrace's words, e.g. "format conversion #2 is undefined: %q".  These are
 * syntax errors of the format; their tag is PF_TAG_PARSE.
 */
PfFormat *pf_parse(const char *fmt, char **err);
#define PF_TAG_PARSE "D_SYNTAX" /* Oracle DTrace reports bad formats as D_SYNTAX */
void pf_free(PfFormat *f);

/* A D-ish name for a type in messages, e.g. "int64_t" or "string". */
const char *pf_type_name(const PfArgType *t);

/* Number of arguments the format consumes (counting '*' width/precision). */
int pf_nargs(const PfFormat *f);

/*
 * Check argument types against the conversions; returns 0 or -1 with *err
 * set (DTrace's wording and its tags: D_PRINTF_ARG_TYPE, D_PRINTF_ARG_EXTRA,
 * D_PRINTF_ARG_PROTO; *tag is set to the tag).
 *
 * Also D_PRINTF_DYN_PROTO / D_PRINTF_DYN_TYPE for a '*' width or precision,
 * D_PRINTF_AGG_CONV for %@ outside printa() and D_PRINTF_FMT_EMPTY for "".
 * Argument numbers in messages count the format string as argument #1, as
 * DTrace does.  For printa() extra arguments are no error (its keys need not
 * all be printed) and %@ conversions take the aggregation's int64_t value.
 */
int pf_check(const PfFormat *f, const PfArgType *args, int nargs, const char *action,
	     char **err, const char **tag);

/*
 * Format the values into out (appends).  Never fails: a missing value
 * formats as 0 or "", a width beyond PF_MAX_WIDTH is clamped.
 */
void pf_format(const PfFormat *f, const PfValue *vals, int nvals, StrBuf *out);

#define PF_MAX_WIDTH (1 << 20) /* widths and precisions are clamped to this */

/* What the consumer can add to formatting; every field may be zero. */
typedef struct PfEnv {
	/*
	 * printa()'s aggregation values: the first %@ conversion prints
	 * agg[0], the next agg[1] ..., those past the last print agg[naggs - 1]
	 * again (as DTrace does).
	 */
	const PfValue *agg;
	int naggs;
	/*
	 * Name an address for %a and %k (user 0) or %A (user 1) by appending to
	 * out, e.g. "vmlinux`do_sys_open+0x12"; return 0, or -1 to get
	 * DTrace's fallback "0x<hex>".
	 */
	int (*addr2str)(void *arg, uint64_t addr, int user, StrBuf *out);
	void *arg;
} PfEnv;

void pf_format_env(const PfFormat *f, const PfValue *vals, int nvals, const PfEnv *env,
		   StrBuf *out);

/* One conversion of a format, for the code generator and the consumer. */
typedef struct PfConvInfo {
	char conv;      /* 'd', 's', 'Y', ... or '%' for "%%" */
	int dyn_width;  /* '*': consumes an int argument for the width */
	int dyn_prec;   /* '.*': consumes an int argument for the precision */
	int agg;        /* '@': formats the aggregation value, not an argument */
	int first_arg;  /* index of the first argument it consumes, -1 if none */
	int nargs;      /* arguments consumed: width, precision, then value */
} PfConvInfo;

/* Conversions in the format, "%%" included ("conversion #N" is index N-1). */
int pf_conv_count(const PfFormat *f);
/* Fill *ci for conversion i (0-based); returns 0, or -1 if out of range. */
int pf_conv_info(const PfFormat *f, int i, PfConvInfo *ci);

#endif
