/*
 * subr.h - D's subroutines (strlen, strjoin, copyinstr ...): one table
 * that sema checks calls against and cg generates code from.
 */
#ifndef DT_SUBR_H
#define DT_SUBR_H

#include "agg.h"
#include "ast.h"
#include "type.h"

struct Cg;

/* What an argument must be. */
typedef enum SubrArg {
	SA_STRING, /* a string, char array or char pointer */
	SA_INT,    /* an integer */
	SA_SCALAR, /* an integer or a pointer (an address) */
} SubrArg;

typedef struct SubrDesc {
	const char *name;
	Type *ret;
	int min, max;       /* number of arguments */
	SubrArg args[4];
	/* Generate the call: returns the slot holding the result (see cg.h). */
	int (*gen)(struct Cg *g, Node *n);
} SubrDesc;

/* Whether a value is a func()/sym() or mod() result, printed as a symbol. */
AddrSym subr_addrsym(const Node *n);
/* The subroutine called name, or NULL. */
const SubrDesc *subr_lookup(const char *name);

#endif
