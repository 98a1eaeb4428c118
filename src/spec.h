/*
 * spec.h - speculations in the code generator (spec.c): speculation(),
 * speculate(), commit() and discard().
 */
#ifndef DT_SPEC_H
#define DT_SPEC_H

#include "ast.h"

struct Cg;

#define SPEC_MAX 64 /* the most speculations (nspec) a program may have */

/* speculation(): a free speculation's id, or 0 (counted) if none is free. */
int spec_speculation(struct Cg *g, Node *n);
/* speculate(id): the rest of the clause records into the speculation, or nothing. */
void spec_speculate(struct Cg *g, Node *n);
/* commit(id), discard(id): recorded; the speculation is freed once the record is sent. */
void spec_commit(struct Cg *g, Node *n, bool discard);
/* Begin a new record of a speculative clause with its REC_SPEC tag. */
void spec_tag_record(struct Cg *g);
/* After the record is sent: free the speculations its commit()/discard() name. */
void spec_release(struct Cg *g);

#endif
