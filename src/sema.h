/*
 * sema.h - what sema attaches to the tree, for cg to read.
 *
 *   ND_IDENT             sym = Sym (built-in or variable)
 *   ND_SELF, ND_THIS     sym = Var
 *   ND_INDEX             sym = Var for an associative array; NULL for
 *                        indexing a pointer or array
 *   ND_MEMBER, ND_ARROW  sym = the Member; ival = its byte offset
 *   ND_CALL              ival = ActId (actions) or sym = SubrDesc (subroutines)
 *   every expression     ty, and is_const/cval when folded
 */
#ifndef DT_SEMA_H
#define DT_SEMA_H

#include "type.h"

typedef enum BuiltinId {
	BI_PID, BI_TID, BI_PPID, BI_UID, BI_GID, BI_TIMESTAMP, BI_CPU, BI_EXECNAME, BI_ID,
	BI_PROBEPROV, BI_PROBEMOD, BI_PROBEFUNC, BI_PROBENAME, BI_ERRNO, BI_CURTHREAD,
	BI_WALLTIMESTAMP, BI_EPID, BI_USTACKDEPTH, BI_UCALLER,
	BI_ARG0, /* ... BI_ARG9 */
} BuiltinId;

/* ufunc(), usym(), uaddr(), umod(): their USYM_AS_* kind, 0 for other names. */
int usym_kind(const char *name);

typedef struct Builtin {
	const char *name;
	BuiltinId id;
	Type *type; /* NULL: a kernel type, looked up when used (curthread) */
} Builtin;

/* Symbols sema binds to ND_IDENT nodes (node->sym), told apart by kind. */
typedef enum SymKind { SYM_BUILTIN, SYM_VAR } SymKind;

typedef struct Sym {
	SymKind kind;
	const Builtin *bi; /* SYM_BUILTIN */
	struct Var *var;   /* SYM_VAR */
} Sym;

/*
 * Actions cg knows: an action's ND_CALL gets node->ival = ACTF_*; a
 * subroutine's gets node->sym = its SubrDesc (subr.h) instead.
 */
typedef enum ActId {
	ACTF_TRACE = 1, ACTF_PRINTF, ACTF_EXIT, ACTF_PRINTA,
	ACTF_CLEAR, ACTF_TRUNC, ACTF_NORMALIZE, ACTF_DENORMALIZE, ACTF_SETOPT,
	ACTF_TRACEMEM, ACTF_PRINT, ACTF_SPECULATE, ACTF_COMMIT, ACTF_DISCARD,
	ACTF_USTACK, ACTF_USYM,
	ACTF_STACK, /* stack(n): a statement or an aggregation key; cval = the frames */
	/* destructive (act_is_destructive) */
	ACTF_SYSTEM, ACTF_RAISE, ACTF_STOP, ACTF_COPYOUT, ACTF_COPYOUTSTR,
} ActId;

#endif
