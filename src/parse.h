/*
 * parse.h - the D parser: a Source in, an AST (ast.h) out.
 *
 * Hand-written recursive descent over the whole D grammar of illumos and
 * FreeBSD DTrace (dt_grammar.y, if/else included).  The tree lives in the
 * caller's Arena; errors go to the caller's Diag and parsing stops at the
 * first one.  See parse.c for the grammar and docs/FRONTEND.md for what
 * differs from DTrace.
 */
#ifndef DT_PARSE_H
#define DT_PARSE_H

#include <stdbool.h>

#include "ast.h"
#include "diag.h"
#include "util.h"

/*
 * The set of names that are types, which C-like syntax needs to tell a cast
 * "(T)x" from a parenthesized expression and a declaration "T x;" from a
 * probe description.  A new set holds D's built-in typedefs (int8_t ...
 * uint64_t, size_t, pid_t, ...); `typedef` declarations add to it as they
 * are parsed.  Pass one set to several parse_*() calls to carry typedefs
 * from the D library files in lib/ into a script.  An optional lookup callback
 * answers for names the set does not hold (e.g. typedefs found in kernel
 * BTF); "mod`name" is passed as written.
 */
typedef struct TypeNames TypeNames;

TypeNames *parse_typenames_new(void);
void parse_typenames_free(TypeNames *tn);
void parse_typenames_add(TypeNames *tn, const char *name);
bool parse_typenames_has(const TypeNames *tn, const char *name, int len);
void parse_typenames_set_lookup(TypeNames *tn, bool (*lookup)(void *ctx, const char *name),
				void *ctx);

/*
 * Parse a D program.  Returns ND_PROGRAM, or NULL after reporting the first
 * error to d.  The _with form reads and extends the caller's typedef set;
 * wherever a TypeNames is taken, NULL means "the built-in typedefs only".
 */
Node *parse_program(Arena *a, Diag *d, const Source *src);
Node *parse_program_with(Arena *a, Diag *d, const Source *src, TypeNames *tn);

/* Parse a lone expression (e.g. for tests or -e style APIs); NULL on error. */
Node *parse_expression(Arena *a, Diag *d, const Source *src, TypeNames *tn);

/* Parse a lone type name ("struct task_struct *", "uint64_t[4]"); NULL on error. */
TypeName *parse_type_name(Arena *a, Diag *d, const Source *src, TypeNames *tn);

#endif
