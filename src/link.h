/*
 * link.h - from compiled clauses to loadable programs.
 *
 * One program per probe kind (BEGIN, END, the tick timers), each made of an
 * entry that fills the machine state and calls the clauses enabled on the
 * probe that fired, an error subprogram (error record + ERROR clauses), and
 * a copy of every clause function it calls.  Calls and map references are
 * resolved here; the result is ready for BPF_PROG_LOAD.
 */
#ifndef DT_LINK_H
#define DT_LINK_H

#include "dt.h"

typedef struct Func {
	const char *name;
	int start; /* first instruction */
} Func;

typedef struct LinkedProg {
	const char *name;  /* "dt_begin", "dt_end", "dt_tick" */
	ProbeKind kind;
	Insns code;
	Func *funcs;       /* funcs[0] is the entry; all static */
	int nfuncs;
	Vec probes;        /* Probe* this program fires (tick: one timer each) */
	Vec clauses;       /* syscall and uprobe programs: Clause* selected by mask bit k */
	int fd;
	int *links;        /* fds that attach it: raw tracepoint, perf events, BPF links */
	int nlinks;
} LinkedProg;

typedef struct LinkInput {
	Vec *clauses;      /* Clause*, all enabled clauses in stid order */
	const Probe *error_probe;
	int rec_base;      /* record buffer offset in the machine state */
	int regs[UR_NREGS]; /* offsets in struct pt_regs of each register (load.c) */
	int max_syscall;
} LinkInput;

/* Build the program for probes of one kind (the probes must share it). */
void link_program(LinkedProg *lp, const LinkInput *in, ProbeKind kind, Vec *probes);
/*
 * The thread-exit program (raw tracepoint sched_process_exit): deletes the
 * exiting thread's entry from each thread-local variable's map (Var*).
 */
void link_thread_exit(LinkedProg *lp, const Vec *tls);
/* The mask of lp->clauses (bit k = clause k) that run on probe p. */
uint64_t link_probe_mask(const LinkedProg *lp, const Probe *p);
/* Patch map references with real fds. */
void link_maps(LinkedProg *lp, const int *map_fds);
void link_free(LinkedProg *lp);

/* Syscall map value, indexed by number (MAPREF_SYSCALLS). */
enum { SC_PRID_ENTRY = 0, SC_PRID_RETURN = 4, SC_MASK_ENTRY = 8, SC_MASK_RETURN = 16, SC_SIZE = 24 };

/* Timer map value for tick probes (MAPREF_TIMERS). */
enum { TM_TIMER = 0, TM_NEXT = 16, TM_PERIOD = 24, TM_PRID = 32, TM_SIZE = 40 };

#endif
