/*
 * sema.h - what sema attaches to identifiers, for cg to read.
 */
#ifndef DT_SEMA_H
#define DT_SEMA_H

#include "type.h"

typedef enum BuiltinId {
	BI_PID, BI_TID, BI_PPID, BI_UID, BI_GID, BI_TIMESTAMP, BI_CPU, BI_EXECNAME, BI_ID,
	BI_PROBEPROV, BI_PROBEMOD, BI_PROBEFUNC, BI_PROBENAME, BI_ERRNO,
	BI_ARG0, /* ... BI_ARG9 */
} BuiltinId;

typedef struct Builtin {
	const char *name;
	BuiltinId id;
	Type *type;
} Builtin;

/* Symbols sema binds to ND_IDENT nodes (node->sym), told apart by kind. */
typedef enum SymKind { SYM_BUILTIN, SYM_GLOBAL } SymKind;

typedef struct Sym {
	SymKind kind;
	const Builtin *bi; /* SYM_BUILTIN */
	struct Var *var;   /* SYM_GLOBAL */
} Sym;

/* Actions and subroutines cg knows (ND_CALL nodes get node->ival = ACT_*). */
typedef enum ActId { ACTF_TRACE = 1, ACTF_PRINTF, ACTF_EXIT, ACTF_PRINTA, SUBR_COPYINSTR } ActId;

#endif
