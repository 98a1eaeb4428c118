/*
 * dtrace.h - the public API of libdtrace.
 *
 * The dtrace(1) command is built only on these calls; any program can link
 * libdtrace.a the same way (with -lbpf -lelf -lz).  The life of a tracing
 * session:
 *
 *     dtp = dtrace_open(DTRACE_VERSION, 0, &err);
 *     dtrace_setopt(dtp, "quiet", NULL);
 *     prog = dtrace_program_strcompile(dtp, "BEGIN { exit(0); }", "<-n>", 0, argc, argv);
 *     dtrace_program_exec(dtp, prog, &info);      enable its probes
 *     dtrace_go(dtp);                             load, attach, fire BEGIN
 *     while (!done) {
 *             dtrace_sleep(dtp);
 *             switch (dtrace_work(dtp, stdout, chew, chewrec, arg)) ...
 *     }
 *     dtrace_stop(dtp);                           fire END, drain, detach
 *     dtrace_close(dtp);
 *
 * Errors: functions returning int give 0 or -1 and set the handle's error
 * (dtrace_errno / dtrace_errmsg); D compile errors have already been
 * printed with file:line:col and a caret when the call returns.
 */
#ifndef DTRACE_H
#define DTRACE_H

#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define DTRACE_VERSION 1

typedef struct dtrace_hdl dtrace_hdl_t;
typedef struct dtrace_prog dtrace_prog_t;
typedef int64_t dtrace_optval_t;

#define DTRACEOPT_UNSET ((dtrace_optval_t)-2)

/* dtrace_open flags */
#define DTRACE_O_NODEV 0x01 /* compile and list only: no BPF, no root needed */

/* compile flags */
#define DTRACE_C_CPP 0x01   /* run cpp(1) first (-C) */
#define DTRACE_C_ZDEFS 0x02 /* permit descriptions that match no probes (-Z) */
#define DTRACE_C_PSPEC 0x04 /* the text is a probe description list only (-P/-m/-f/-n listing) */

dtrace_hdl_t *dtrace_open(int version, int flags, int *errp);
void dtrace_close(dtrace_hdl_t *dtp);

int dtrace_errno(dtrace_hdl_t *dtp);
const char *dtrace_errmsg(dtrace_hdl_t *dtp, int err);

/* Options: "quiet", "bufsize=4m", "strsize=256", "errtags", "disasm", "cpp args" ... */
int dtrace_setopt(dtrace_hdl_t *dtp, const char *opt, const char *val);
int dtrace_getopt(dtrace_hdl_t *dtp, const char *opt, dtrace_optval_t *val);
/* -D/-U/-I/-H for -C: stored and passed to cpp. */
int dtrace_cpp_arg(dtrace_hdl_t *dtp, const char *arg);

/* Compilation.  argv are the macro arguments ($0 = argv[0], $1 ...). */
dtrace_prog_t *dtrace_program_strcompile(dtrace_hdl_t *dtp, const char *text, const char *name,
					 int cflags, int argc, char *const argv[]);
dtrace_prog_t *dtrace_program_fcompile(dtrace_hdl_t *dtp, const char *path, int cflags,
				       int argc, char *const argv[]);

typedef struct dtrace_proginfo {
	int dpi_matches; /* probes matched by the program's descriptions */
	int dpi_descs;   /* number of probe descriptions */
} dtrace_proginfo_t;

/* Enable a compiled program's probes (nothing is loaded until dtrace_go). */
int dtrace_program_exec(dtrace_hdl_t *dtp, dtrace_prog_t *pgp, dtrace_proginfo_t *info);
/*
 * dtrace -h: write a C header for the program's provider definitions
 * (macros expanding to <sys/sdt.h> probes with is-enabled semaphores).
 */
int dtrace_program_header(dtrace_hdl_t *dtp, dtrace_prog_t *pgp, const char *guard, FILE *out);
/* Print the BPF of each clause with its D source lines (-S). */
void dtrace_program_dump(dtrace_hdl_t *dtp, dtrace_prog_t *pgp, FILE *out);

/* Probe descriptions and listing. */
typedef struct dtrace_probedesc {
	uint32_t id;
	const char *prv, *mod, *func, *name;
} dtrace_probedesc_t;

typedef int dtrace_probe_f(dtrace_hdl_t *dtp, const dtrace_probedesc_t *pd, void *arg);
/* Iterate over probes matching a description ("syscall::read:entry", NULL = all). */
int dtrace_probe_iter(dtrace_hdl_t *dtp, const char *desc, dtrace_probe_f *fn, void *arg);
/*
 * The types of probe id's args[] as D spells them (dtrace -lv): their number,
 * or -1 if the provider cannot say.  types[i] are malloc'ed; the caller frees them.
 */
int dtrace_probe_argtypes(dtrace_hdl_t *dtp, uint32_t id, char **types, int max);
/* Same, for every description in a compiled program (dtrace -l -n/-s). */
int dtrace_program_probe_iter(dtrace_hdl_t *dtp, dtrace_prog_t *pgp, dtrace_probe_f *fn,
			      void *arg);

/*
 * Processes (-c, -p).  dtrace_proc_create starts a command held before its
 * first instruction (its libraries mapped) until dtrace_proc_continue;
 * dtrace_proc_grab follows a running process.  Either sets $target to the
 * pid.  The handler is called from dtrace_work once for each that exits
 * (status as from waitpid for created ones, 0 for grabbed ones).
 */
int dtrace_proc_create(dtrace_hdl_t *dtp, const char *file, char *const argv[], int *pidp);
int dtrace_proc_grab(dtrace_hdl_t *dtp, int pid);
int dtrace_proc_continue(dtrace_hdl_t *dtp, int pid);
typedef void dtrace_prochandler_f(dtrace_hdl_t *dtp, int pid, int status, void *arg);
int dtrace_handle_proc(dtrace_hdl_t *dtp, dtrace_prochandler_f *fn, void *arg);

/* Tracing. */
int dtrace_go(dtrace_hdl_t *dtp);
int dtrace_stop(dtrace_hdl_t *dtp);
void dtrace_sleep(dtrace_hdl_t *dtp);

/* What a consumer callback sees for one probe firing. */
/* Flow of a probe for -F (flowindent): an entry, a return, or neither. */
typedef enum dtrace_flowkind { DTRACEFLOW_ENTRY, DTRACEFLOW_RETURN, DTRACEFLOW_NONE } dtrace_flowkind_t;

typedef struct dtrace_probedata {
	const dtrace_probedesc_t *dtpda_pdesc;
	uint32_t dtpda_cpu;
	uint32_t dtpda_epid; /* enabled probe id: (probe, clause) */
	uint64_t dtpda_timestamp;
	/* with flowindent: the indentation, " -> ", " <- " (" => ", " <= " for syscalls) or "| " */
	dtrace_flowkind_t dtpda_flow;
	int dtpda_indent;
	const char *dtpda_prefix;
} dtrace_probedata_t;

/* Record kinds handed to the record callback. */
typedef enum dtrace_actkind {
	DTRACEACT_NONE,
	DTRACEACT_DIFEXPR, /* trace() */
	DTRACEACT_PRINTF,
	DTRACEACT_EXIT,
	DTRACEACT_PRINTA,
} dtrace_actkind_t;

typedef struct dtrace_recdesc {
	dtrace_actkind_t dtrd_action;
	uint32_t dtrd_size;
	uint32_t dtrd_offset;
} dtrace_recdesc_t;

#define DTRACE_CONSUME_ERROR -1 /* error while processing */
#define DTRACE_CONSUME_THIS 0   /* consume this probe/record */
#define DTRACE_CONSUME_NEXT 1   /* advance to next probe/record */
#define DTRACE_CONSUME_ABORT 2  /* abort consumption */

typedef int dtrace_consume_probe_f(const dtrace_probedata_t *data, void *arg);
/* rec == NULL marks the end of one firing's records. */
typedef int dtrace_consume_rec_f(const dtrace_probedata_t *data, const dtrace_recdesc_t *rec,
				 void *arg);

typedef enum dtrace_workstatus {
	DTRACE_WORKSTATUS_ERROR = -1,
	DTRACE_WORKSTATUS_OKAY,
	DTRACE_WORKSTATUS_DONE
} dtrace_workstatus_t;

/*
 * Consume buffered records, print them to fp, report drops and errors.
 * Returns DONE once exit() has been processed or tracing has stopped and
 * everything is drained.
 */
dtrace_workstatus_t dtrace_work(dtrace_hdl_t *dtp, FILE *fp, dtrace_consume_probe_f *pf,
				dtrace_consume_rec_f *rf, void *arg);

/* Print every aggregation in DTrace's default format (dtrace(1) does at exit). */
int dtrace_aggregate_print(dtrace_hdl_t *dtp, FILE *fp);

/* The status passed to exit() (valid once dtrace_work returned DONE by exit). */
int dtrace_exit_status(dtrace_hdl_t *dtp, int *status);

#ifdef __cplusplus
}
#endif

#endif
