/*
 * type.h - D's type universe as sema and cg see it.
 *
 * For this milestone it holds C's integer types, void, string and pointers;
 * kernel types will come from BTF through the same Type struct (btf_id
 * keeps the link).  Types are immutable once made and live as long as the
 * handle (the common ones are static).
 */
#ifndef DT_TYPE_H
#define DT_TYPE_H

#include <stdbool.h>

typedef enum TypeKind {
	TY_VOID,
	TY_INT,    /* char, short, int, long, long long; signed or not */
	TY_PTR,
	TY_STRING, /* D's string: strsize bytes, NUL-terminated */
} TypeKind;

typedef struct Type Type;
struct Type {
	TypeKind kind;
	int size;          /* bytes */
	bool is_unsigned;
	const char *name;  /* "int", "uint64_t", "string" ... */
	Type *base;        /* TY_PTR */
};

extern Type ty_void, ty_char, ty_uchar, ty_short, ty_ushort, ty_int, ty_uint, ty_long,
	ty_ulong, ty_llong, ty_ullong, ty_string;
/* Typedef'd names of the built-ins: pid_t, id_t, processorid_t, uint64_t ... */
extern Type ty_int32, ty_uint32, ty_int64, ty_uint64;

static inline bool type_is_int(const Type *t)
{
	return t->kind == TY_INT;
}
static inline bool type_is_scalar(const Type *t)
{
	return t->kind == TY_INT || t->kind == TY_PTR;
}

/* The usual arithmetic conversions of C, for two integer operands. */
Type *type_arith(Type *a, Type *b);
/* Integer promotion: anything narrower than int becomes int. */
Type *type_promote(Type *t);
/* Look up a built-in type name ("int", "uint64_t", ...); NULL if unknown. */
Type *type_lookup(const char *name);

#endif
