/*
 * probe.h - the probe table and the provider interface.
 *
 * A Probe is one point DTrace can enable, named provider:module:function:name
 * and numbered from 1 in creation order (dtrace:::BEGIN is 1, END 2,
 * ERROR 3, as in DTrace).  Providers fill the table when the handle opens
 * (the fixed probes) and on demand (tick-1ms exists once a description
 * names it).  Matching a description never loads or attaches anything.
 */
#ifndef DT_PROBE_H
#define DT_PROBE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util.h"

typedef struct Provider Provider;
struct Type;
struct TypeSpace;
struct btf;
typedef struct ProbeTab ProbeTab;

/* How a provider's probes come to fire; decides the program it gets. */
typedef enum ProbeKind {
	PK_BEGIN,  /* fired once by dtrace_go */
	PK_END,    /* fired once by dtrace_stop */
	PK_ERROR,  /* fired from the fault path of any program */
	PK_TICK,   /* a kernel timer on one CPU (bpf_timer) */
	PK_PROFILE,        /* CPU-clock perf events on every CPU; probe id in the BPF cookie */
	PK_SYSCALL_ENTRY,  /* raw tracepoint sys_enter, dispatched by syscall number */
	PK_SYSCALL_RETURN, /* raw tracepoint sys_exit */
	PK_SDT,            /* tracepoints (perf events); probe id in the BPF cookie */
	PK_RAWTP,          /* raw tracepoints (BPF links); probe id in the BPF cookie */
	PK_THREAD_EXIT,    /* no probe: frees an exiting thread's self-> variables */
} ProbeKind;

typedef struct Probe {
	uint32_t id;
	const char *prv, *mod, *func, *name;
	const Provider *provider;
	ProbeKind kind;
	uint64_t arg;   /* provider data: tick period in ns, system call number, rawtp nargs */
	bool listed;    /* shown by dtrace -l before being named (not on-demand) */
} Probe;

/* A probe description split into its four fields ("" matches anything). */
typedef struct ProbeDesc {
	char *prv, *mod, *func, *name;
	long id;        /* > 0 for a numeric description */
} ProbeDesc;

struct Provider {
	const char *name;
	/* Add the provider's fixed probes to the table. */
	void (*populate)(ProbeTab *tab);
	/* Create probes a description names but which do not exist yet (may be NULL). */
	void (*provide)(ProbeTab *tab, const ProbeDesc *pd);
	/*
	 * The types of a probe's args[] (at most max): their number, or -1 if
	 * the provider cannot say (may be NULL: no args[]).
	 */
	int (*argtypes)(const Probe *p, struct TypeSpace *ts, struct Type **out, int max);
};

struct ProbeTab {
	Vec probes;       /* Probe*, index = id - 1 */
	bool sdt_done;    /* the tracepoint providers have listed theirs */
	bool rawtp_done;
	struct btf *btf;  /* the kernel's BTF, if a provider needed it for listing */
};

void probe_tab_init(ProbeTab *tab);
void probe_tab_fini(ProbeTab *tab);
Probe *probe_add(ProbeTab *tab, const Provider *pv, const char *mod, const char *func,
		 const char *name, ProbeKind kind, uint64_t arg);
Probe *probe_by_id(const ProbeTab *tab, uint32_t id);
Probe *probe_lookup(const ProbeTab *tab, const char *prv, const char *mod, const char *func,
		    const char *name);

/*
 * Split "prv:mod:func:name" (fewer fields fill from the right: "BEGIN" is a
 * name, "read:entry" a function and name).  Returns -1 on more than four
 * fields.  pd fields are heap strings freed by probe_desc_free.
 */
int probe_desc_parse(const char *text, ProbeDesc *pd);
void probe_desc_free(ProbeDesc *pd);
bool probe_matches(const Probe *p, const ProbeDesc *pd);

/* Let every provider create on-demand probes, then collect the matches into out. */
void probe_match(ProbeTab *tab, const ProbeDesc *pd, Vec *out);

/* The providers this build has. */
extern const Provider prov_dtrace, prov_profile, prov_syscall, prov_sdt, prov_rawtp;
int prov_syscall_max_nr(void);
/* Why a description of fbt probes matches nothing (prov/fbt.c). */
void prov_fbt_why(char *buf, size_t n);
void probe_populate_all(ProbeTab *tab);

#endif
