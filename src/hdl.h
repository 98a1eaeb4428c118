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

typedef struct Options {
	bool quiet;
	bool errtags;
	bool disasm;       /* -S */
	bool verbose;      /* -x verbose: verifier logs */
	bool zdefs;        /* -Z */
	int64_t strsize;
	int64_t bufsize;
	int64_t switchrate; /* ns */
	int64_t aggsize;    /* entries per aggregation map */
	int64_t dynvarsize; /* bytes of dynamic variables, per variable's map */
} Options;

struct dtrace_prog {
	Arena arena;
	Source src;
	Node *ast;
	Vec clauses;      /* Clause* */
	int nmatches;
	int ndescs;
};

typedef struct Runtime {
	int map_fd[MAPREF_MAX];
	int btf_fd;
	int ncpus;
	int mstate_size;
	void *gvars;       /* mmap of the gvars value */
	size_t gvars_len;
	struct ring_buffer *rb;
	LinkedProg progs[8]; /* one per ProbeKind that has probes enabled, at most */
	int nprogs;
} Runtime;

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
	uint64_t agg_printed;  /* bit id-1: printa() printed aggregation id */
	uint64_t errdrops_seen;
	FILE *out;
	dtrace_consume_probe_f *pf;
	dtrace_consume_rec_f *rf;
	void *cbarg;
	int cb_status;
};

/* api.c */
int dt_set_err(dtrace_hdl_t *dtp, int err, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* load.c: create maps, link, load and start; tear down. */
int load_go(dtrace_hdl_t *dtp);
int load_fire(dtrace_hdl_t *dtp, ProbeKind kind); /* BEGIN or END */
void load_close(dtrace_hdl_t *dtp);

/* cons.c: drain the ring buffer and report drops. */
int cons_poll(dtrace_hdl_t *dtp, int timeout_ms);
void cons_drops(dtrace_hdl_t *dtp);

#endif
