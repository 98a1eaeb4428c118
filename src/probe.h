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
	PK_UPROBE_ENTRY,   /* uprobes (pid provider): one uprobe_multi link per file; cookie = id */
	PK_UPROBE_RETURN,  /* uretprobes */
	PK_USDT,           /* uprobes on sys/sdt.h probe sites; arguments decoded per site */
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
	void *data;     /* provider data freed with the probe (pid: a UProbe) */
	bool listed;    /* shown by dtrace -l before being named (not on-demand) */
	bool own_prv;   /* prv is the probe's own heap string ("pid1234") */
} Probe;

/* x86-64 registers, as struct pt_regs has them (offsets from the kernel's BTF). */
typedef enum UReg {
	UR_AX, UR_BX, UR_CX, UR_DX, UR_SI, UR_DI, UR_BP, UR_SP, UR_R8, UR_R9, UR_R10, UR_R11,
	UR_R12, UR_R13, UR_R14, UR_R15, UR_IP, UR_ORIG_AX, UR_NREGS, UR_NONE = -1
} UReg;

/*
 * A USDT argument (sys/sdt.h's "-4@%eax", "8@16(%rbp)", "4@$5",
 * "-8@-24(%rbp,%rax,8)"): a register, a constant, or memory at
 * base + index * scale + disp, of size bytes, signed or not.
 */
typedef enum UArgKind { UA_REG, UA_CONST, UA_MEM } UArgKind;
typedef struct UArg {
	UArgKind kind;
	int size;        /* 1, 2, 4 or 8 */
	bool is_signed;
	UReg base, index;
	int scale;
	int64_t val;     /* the constant, or the displacement */
} UArg;

#define UPROBE_MAXARGS 10

/* Where a uprobe goes: data of PK_UPROBE_* and PK_USDT probes. */
typedef struct UProbe {
	int pid;
	uint64_t off;        /* file offset of the instruction */
	const char *path;    /* the file (owned by the provider's module table) */
	const char *alias[2]; /* other names of the module: "a.out", "libc" (or NULL) */
	uint64_t refctr;     /* USDT: file offset of the is-enabled semaphore, or 0 */
	int nargs;           /* USDT: its arguments */
	UArg args[UPROBE_MAXARGS];
} UProbe;

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
	/* Probes are named name<pid> (pid, USDT providers): provide sees "pid123". */
	bool per_process;
	/* Whether a module pattern matches a probe, beyond its module name (may be NULL). */
	bool (*mod_matches)(const Probe *p, const char *pat);
	/*
	 * The types of a probe's args[] (at most max): their number, or -1 if
	 * the provider cannot say (may be NULL: no args[]).
	 */
	int (*argtypes)(const Probe *p, struct TypeSpace *ts, struct Type **out, int max);
};

struct ProbeTab {
	Vec probes;       /* Probe*, index = id - 1 */
	Vec *umods;       /* files of traced processes, for the pid and USDT providers (prov/umod.c) */
	bool sdt_done;    /* the tracepoint providers have listed theirs */
	bool rawtp_done;
	struct btf *btf;  /* the kernel's BTF, if a provider needed it for listing */
};

void probe_tab_init(ProbeTab *tab);
void probe_tab_fini(ProbeTab *tab);
Probe *probe_add(ProbeTab *tab, const Provider *pv, const char *mod, const char *func,
		 const char *name, ProbeKind kind, uint64_t arg);
/* The same, for a provider whose probes name a process ("pid1234"). */
Probe *probe_add_prv(ProbeTab *tab, const Provider *pv, const char *prv, const char *mod,
		     const char *func, const char *name, ProbeKind kind, void *data);
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
extern const Provider prov_dtrace, prov_profile, prov_syscall, prov_pid, prov_usdt, prov_sdt,
	prov_rawtp;
void prov_umod_fini(ProbeTab *tab);
int prov_syscall_max_nr(void);
/* Why a description of fbt probes matches nothing (prov/fbt.c). */
void prov_fbt_why(char *buf, size_t n);
void probe_populate_all(ProbeTab *tab);

#endif
