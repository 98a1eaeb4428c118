/*
 * dt.h - what the passes hand each other after parsing: the compile
 * context, variables, compiled clauses and their record layouts, and the
 * runtime memory layout the code generator and the consumer share.
 *
 * The record layout is the one description both sides use: cg writes a
 * clause's data at RecItem offsets, the consumer reads it back from there.
 */
#ifndef DT_DT_H
#define DT_DT_H

#include <stdbool.h>
#include <stdint.h>

#include "agg.h"
#include "ast.h"
#include "bpf.h"
#include "diag.h"
#include "printf.h"
#include "probe.h"
#include "type.h"
#include "usym.h"
#include "util.h"

/* ---- runtime layout shared by cg, link, load and the consumer ---- */

/* The per-CPU machine state (MAPREF_MSTATE value). */
enum {
	MS_PRID = 0,      /* u32 probe id of the current firing */
	MS_STID = 4,      /* u32 clause running (for faults) */
	MS_ARGS = 8,      /* u64 args[MS_NARGS] */
	MS_NARGS = 10,
	MS_FAULT = 88,    /* u64 fault kind (DTRACEFLT_*) */
	MS_ACTION = 96,   /* u64 the running action: 0 = predicate, N = the clause's Nth statement */
	MS_FAULTVAL = 104,/* u64 faulting value/address */
	MS_DROPS = 112,   /* u64 records lost because the ring buffer was full */
	MS_ERRDROPS = 120,/* u64 error records lost */
	MS_ERRNO = 128,   /* i32 errno of the firing (syscall return probes) */
	MS_AGGDROPS = 136,/* u64 aggregation updates lost because a map was full */
	MS_DYNDROPS = 144,/* u64 dynamic variable stores lost because a map was full */
	MS_TMP = 152,     /* string temporaries (strsize each), the key buffer, the record */
};

/* Record header, at the start of every record in the ring buffer. */
enum {
	RH_PRID = 0,  /* u32 */
	RH_STID = 4,  /* u16: clause id; 0 marks an error record */
	RH_CPU = 6,   /* u16 */
	RH_TS = 8,    /* u64 timestamp */
	RH_SIZE = 16,
};

/* An error record's data after the header. */
enum { ER_STID = 0, ER_FAULT = 4, ER_ACTION = 8, ER_VAL = 16, ER_SIZE = 24 };

/*
 * MAPREF_PROBES value: offsets in the string table of a probe's four names,
 * then the mask of its program's clauses that run on it (uprobe programs).
 */
enum { PR_PRV = 0, PR_MOD = 4, PR_FUNC = 8, PR_NAME = 12, PR_MASK = 16, PR_SIZE = 24 };

/* Fault kinds, DTrace's numbering. */
enum { DTRACEFLT_BADADDR = 1, DTRACEFLT_ILLOP = 2, DTRACEFLT_DIVZERO = 4 };

/* The most bytes trace() and tracemem() record at once (a record lives in the machine state). */
#define TRACE_MAX_BYTES 16384
/*
 * ustack()'s frames when not given (-x ustackframes): DTrace's default is
 * 100, more than frame-pointer walks usually find; 32 keeps records small.
 * The kernel walks at most perf_event_max_stack (127) frames.
 */
#define DT_USTACK_DEFAULT 32

#define DT_USTACK_MAX 127

/* Dynamic variable maps (MAPREF_DVAR0 + id - 1) in one handle. */
#define DVAR_MAX 256

/* The shared global-variable area (MAPREF_GVARS value, mmap'ed by the consumer). */
enum {
	GV_ACTIVITY = 0, /* u32: ACT_* */
	GV_WALLOFF = 8,  /* i64: CLOCK_REALTIME - CLOCK_MONOTONIC, set by the consumer */
	GV_USER = 16,    /* user globals start here */
};
enum { ACT_INACTIVE = 0, ACT_ACTIVE = 1, ACT_DRAINING = 2, ACT_STOPPED = 3 };

/* ---- variables ---- */

/*
 * A D variable.  Globals live at fixed offsets in the shared gvars value;
 * clause-locals (this->) at fixed offsets in the per-CPU tvars value;
 * thread-locals (self->) and associative arrays each in a hash map of
 * their own (MAPREF_DVAR0 + id - 1), keyed by the thread (pid_tgid) or by
 * the key tuple, laid out like an aggregation key.  A missing entry reads
 * as zero; storing zero in a scalar deletes it.
 */
typedef enum VarKind { VAR_GLOBAL, VAR_LOCAL, VAR_TLS, VAR_ASSOC } VarKind;

typedef struct Var {
	const char *name;
	VarKind kind;
	Type *type;      /* the value's type; NULL until the first assignment decides it */
	int off;         /* VAR_GLOBAL: in gvars; VAR_LOCAL: in tvars */
	int id;          /* VAR_TLS, VAR_ASSOC: 1-based map number */
	int nkeys;       /* VAR_ASSOC: the key tuple */
	AggKey keys[16];
	Type *keytypes[16];
	int keysize;     /* VAR_TLS: 8; VAR_ASSOC: as an aggregation key */
} Var;

/* ---- record descriptions ---- */

typedef enum RecKind {
	REC_INT,    /* integer of size bytes */
	REC_STR,    /* string slot of size bytes, NUL-terminated inside */
	REC_CSTR,   /* a string constant: no data, text in cstr */
	REC_PRINTF, /* printf: no data; the next nargs items are its arguments */
	REC_EXIT,   /* exit(): an int status of 4 bytes */
	REC_PRINTA, /* printa(): no data; aggs = the aggregations, fmt = the format or NULL */
	/*
	 * clear(), trunc(), normalize(), denormalize(): no data; aggs[0] = the
	 * aggregation; trunc's and normalize's count, if given, is the next
	 * item (an 8-byte REC_INT).
	 */
	REC_CLEAR,
	REC_TRUNC,
	REC_NORMALIZE,
	REC_DENORMALIZE,
	REC_SETOPT, /* setopt(): no data; the option's name and value are the next nargs items */
	REC_BYTES,  /* trace() of a struct, union or array: its size bytes */
	/* tracemem(): size bytes; with nargs 1, the next item (8-byte REC_INT) is how many to print */
	REC_TRACEMEM,
	/*
	 * Speculations (8 bytes each: state << 32 | id, see Symtab.spec_off):
	 * REC_SPEC first in a speculative record, which the consumer holds
	 * until a REC_COMMIT of the same id and state prints it or a
	 * REC_DISCARD drops it.
	 */
	REC_SPEC,
	REC_COMMIT,
	REC_DISCARD,
	REC_SYSTEM, /* system(): as REC_PRINTF; the consumer runs the text with /bin/sh */
	/*
	 * ustack(): u32 pid (thread group), u32 frames captured, then size / 8 - 1
	 * user PCs, innermost first, zero after the last.
	 */
	REC_USTACK,
	/* ufunc(), usym(), uaddr(), umod(): u32 pid, u32 USYM_AS_*, u64 the address */
	REC_USYM,
	REC_STACK,  /* stack(): size / 8 kernel PCs, the unused ones 0 */
} RecKind;

typedef struct RecItem {
	RecKind kind;
	int off, size;
	bool is_signed;
	bool is_float;           /* REC_INT: a float's or double's bits */
	Type *ptype;             /* print(): the value's type, printed by print.c */
	AddrSym sym;             /* REC_INT: a kernel address printed as a symbol */
	const char *cstr;
	PfFormat *fmt;
	int nargs;               /* the next nargs items are the action's arguments */
	const AggDesc **aggs;    /* the naggs aggregations an action names */
	int naggs;
} RecItem;

/*
 * One record: what a run of data-recording actions leaves in the ring
 * buffer.  A clause has one per straight-line run of actions: like DTrace,
 * which splits a clause with if/else into several, each branch commits its
 * own record, so the consumer never sees an action that did not run.
 */
typedef struct RecLayout {
	int rid;                /* record id in the header (RH_STID); 1-based per handle */
	struct Clause *clause;
	Vec items;              /* RecItem* */
	int recsize;            /* data bytes after the header */
} RecLayout;

/* ---- compiled clauses ---- */

typedef struct Clause {
	int stid;          /* 1-based, unique per handle */
	Node *node;        /* the ND_CLAUSE */
	Vec probes;        /* Probe* it is enabled on */
	Insns code;        /* the clause function */
	Vec recs;          /* RecLayout* it commits */
} Clause;

/* Per-handle state the compiler reads and extends: the shared symbol tables. */
typedef struct Symtab {
	Vec globals;   /* Var*: globals and associative arrays (one namespace) */
	Vec tls;       /* Var*: self-> variables */
	Vec locals;    /* Var*: this-> variables */
	Vec dvars;     /* Var*: the VAR_TLS and VAR_ASSOC ones, index = id - 1 */
	int gvars_size;
	int tvars_size;
	StrBuf strtab; /* string constants, NUL-terminated, 8-byte aligned */
	Vec recs;      /* RecLayout*, index = rid - 1 */
	Vec aggs;      /* AggDesc*, index = id - 1 */
	int zeros, zeros_off; /* a run of zero bytes in strtab */
	/*
	 * Speculations (spec.c): offset in gvars of nspec + 1 words, 0 until a
	 * clause uses one: word 0 counts failed speculation() calls, word i is
	 * speculation i's state (odd: active; +1 at each allocation and release).
	 */
	int spec_off, nspec;
	bool destructive; /* a clause has a destructive action: needs -w to be enabled */
	bool write_user;  /* copyout()/copyoutstr(): bpf_probe_write_user() must be available */
	int *strhash;         /* strtab's index (cg.c): offset + 1, or 0 for an empty slot */
	int strhash_cap, strhash_n;
} Symtab;

typedef struct CompileCtx {
	TypeSpace *types;
	Arena *arena;
	Diag *diag;
	Symtab *syms;
	int strsize;
	int nspec;            /* speculations (the nspec option) */
	bool defaultargs;     /* macro arguments not given are 0 or "" */
	int cpu;              /* the cpu option: clauses run only on this CPU; -1: all */
	bool fill;            /* bufpolicy=fill: the first record lost stops tracing */
	int stackframes;      /* stack()'s default depth */
	int argc;             /* macro arguments $0..$n */
	char *const *argv;
	int target;           /* $target: pid of -c/-p, 0 if none */
	int ustackframes;     /* frames of ustack() without an argument */
	const Vec *probes;    /* Probe*: the clause being compiled is enabled on these */
} CompileCtx;

/*
 * The per-CPU key buffer for aggregations sits after the string temporaries;
 * a key tuple may use up to AGG_KEY_MAX(strsize) bytes.  An aggregation's
 * map key is the tuple followed by the CPU number (8 bytes: see
 * load_agg_buffer), so the buffer is AGG_KEY_BUF bytes.
 */
#define AGG_KEY_MAX(strsize) (64 + 4 * (strsize))
#define AGG_KEY_BUF(strsize) (AGG_KEY_MAX(strsize) + 8)

/*
 * sema.c: true for `s == NULL` and `s != NULL` with s a string (typed): D's NULL
 * string (strchr() not finding, say) is a null address, compared as one.
 */
bool sema_is_string_null_test(const Node *n);
/* sema.c: type-check a clause in place; 0 or -1 (diagnostics printed). */
int sema_clause(CompileCtx *cc, Node *clause);
/* sema.c: a top-level declaration (variables, struct/union/enum, typedef). */
int sema_decl(CompileCtx *cc, Node *decl);
void var_free(Var *v);

/* cg.c: generate the clause function and its record layout. */
int cg_clause(CompileCtx *cc, Clause *cl);
int symtab_string(Symtab *st, const char *s, int len); /* offset of a constant */
int symtab_zeros(Symtab *st, int n);                  /* offset of n zero bytes */
int cg_rec_base(int strsize); /* where the record buffer starts in the machine state */
void cg_emit_send(Insns *b, int ms, int rec, int rid, int size, int drop_off);

#endif
