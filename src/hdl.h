/*
 * hdl.h - the dtrace handle: everything one tracing session owns.
 *
 * Compilation state (symbol tables, clauses) and runtime resources (maps,
 * programs, the ring buffer) hang off one handle with one close function
 * that is safe to call at any point.  Passes receive the parts they need as
 * arguments; none of them reads the handle directly except api.c, load.c
 * and cons.c, which are the runtime.
 */
#ifndef DT_HDL_H
#define DT_HDL_H

#include <signal.h>
#include <stdio.h>

#include "dtrace.h"
#include "dt.h"
#include "link.h"
#include "usym.h"

typedef struct Options {
	bool quiet;
	bool errtags;
	bool disasm;       /* -S */
	bool verbose;      /* -x verbose: verifier logs */
	bool zdefs;        /* -Z */
	bool rawbytes;     /* trace() dumps bytes, never a string */
	bool destructive;  /* -w: destructive actions allowed */
	bool flowindent;   /* -F */
	bool defaultargs;  /* $n not given: 0 or "" */
	bool droptags;     /* drop reports carry DTrace's DTRACEDROP_* tag */
	int64_t strsize;
	int64_t ustackframes; /* ustack() without an argument */
	int64_t bufsize;
	int64_t switchrate; /* ns */
	int64_t aggsize;    /* entries per aggregation map */
	int64_t dynvarsize; /* bytes of dynamic variables, per variable's map */
	int64_t nspec;      /* speculations */
	int64_t specsize;   /* bytes of records the consumer holds per speculation */
	int64_t cleanrate;  /* ns; accepted, no effect (see FEATURES.md) */
	int64_t aggrate;    /* ns; accepted, no effect: aggregations are read when needed */
	int64_t cpu;        /* trace on this CPU only; -1: all */
	bool fill;          /* bufpolicy=fill (switch otherwise; ring is refused) */
	int64_t stackframes; /* stack()'s depth */
	/* DTrace's runtime options: DTRACEOPT_UNSET, or set (to a number for the positions) */
	int64_t aggsortkey, aggsortrev, aggsortpos, aggsortkeypos;
} Options;

struct dtrace_prog {
	Arena arena;
	Source src;
	Node *ast;
	Vec clauses;      /* Clause* */
	int nmatches;
	int ndescs;
};

/*
 * One aggregation at run time.  The programs update whichever of two
 * per-CPU hashes its array-of-maps (map_fd[MAPREF_AGG0 + id - 1]) holds;
 * the consumer swaps them and moves everything from the one set aside into
 * its own copy (cons.c), which clear(), trunc() and normalize() act on.
 */
typedef struct AggRun {
	int buf[2];        /* the two per-CPU hashes */
	int live;          /* the index in buf of the one the programs update */
	uint64_t drained;  /* CLOCK_MONOTONIC ns when the last swap began */
	bool printed;      /* printa() printed it: not printed again at exit */
	AggTable tab;      /* the consumer's copy */
} AggRun;

typedef struct Runtime {
	int map_fd[MAPREF_MAX];
	int btf_fd;
	int ncpus;
	int mstate_size;
	void *gvars;       /* mmap of the gvars value */
	size_t gvars_len;
	struct ring_buffer *rb;
	LinkedProg progs[12]; /* one per ProbeKind that has probes enabled, at most */
	int nprogs;
	AggRun *aggs;      /* by aggregation id - 1 */
	int naggs;
	bool uprobe_perf;  /* uprobes through perf events: no multi-uprobe links (before 6.6) */
} Runtime;

/*
 * One activation of a speculation, as the consumer holds it (cons.c): the
 * records tagged with its REC_SPEC tag (state << 32 | id), copied whole.
 */
typedef struct SpecBuf {
	uint64_t tag;
	Vec recs;          /* SpecRec* */
	size_t bytes;      /* bounded by specsize */
} SpecBuf;

struct dtrace_hdl {
	int flags;
	int err;
	char errmsg[512];
	Options opt;
	ProbeTab probes;
	Symtab syms;
	TypeSpace *types;   /* D and kernel types, made on first compile */
	Vec progs;          /* dtrace_prog_t* */
	Vec clauses;        /* every enabled Clause*, by stid - 1 */
	Vec cppargs;        /* char* */
	Diag diag;
	Runtime rt;
	/* consumer state */
	bool going, stopped, done;
	bool exited;        /* exit() was processed */
	int exit_status;
	uint64_t *drops_seen; /* per CPU */
	uint64_t *aggdrops_seen;
	uint64_t dyndrops_seen;
	uint64_t errdrops_seen;
	int *flow_indent;     /* -F: per CPU */
	uint32_t *flow_last;  /* -F: per CPU, the last record's enabled probe (clause) and probe */
	Vec specbufs;         /* SpecBuf*: speculations being held */
	uint32_t *spec_done;  /* per speculation id: the last state committed or discarded */
	uint64_t specdrops, specdrops_seen, specfail_seen;
	FILE *out;
	dtrace_consume_probe_f *pf;
	dtrace_consume_rec_f *rf;
	void *cbarg;
	int cb_status;
	/* traced processes (proc.c) */
	Vec procs;          /* DtProc* */
	int target;         /* $target: the last process created or grabbed, 0 if none */
	dtrace_prochandler_f *prochandler;
	void *procarg;
	UsymCache ucache;   /* symbols of user addresses (ustack) */
};

/* api.c */
int dt_set_err(dtrace_hdl_t *dtp, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The option's value if setopt() may change it while tracing, else NULL. */
int64_t *dt_runtime_opt(dtrace_hdl_t *dtp, const char *opt);

/* load.c: create maps, link, load and start; tear down. */
int load_go(dtrace_hdl_t *dtp);
/* A new, empty buffer for aggregation d (see AggRun): an fd, or -errno. */
int load_agg_buffer(dtrace_hdl_t *dtp, const AggDesc *d);
int load_fire(dtrace_hdl_t *dtp, ProbeKind kind); /* BEGIN or END */
void load_close(dtrace_hdl_t *dtp);

/* proc.c: the processes of -c and -p. */
typedef struct DtProc DtProc;
void proc_wait(dtrace_hdl_t *dtp, int ring_fd, int ms); /* a record or an exit, or ms pass */
void proc_check(dtrace_hdl_t *dtp);                     /* report exits to the handler */
void proc_close(dtrace_hdl_t *dtp);                     /* kill created processes, free */

/* cons.c: drain the ring buffer and report drops. */
int cons_poll(dtrace_hdl_t *dtp, int timeout_ms);
void cons_drops(dtrace_hdl_t *dtp);
/* Free the speculative records still held (never committed). */
void cons_spec_free(dtrace_hdl_t *dtp);

#endif
