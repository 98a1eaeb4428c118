/*
 * type.h - D's type universe as sema and cg see it.
 *
 * C's integer types, void, string, pointers, arrays, structs, unions and
 * enums.  Kernel types come from the kernel's BTF (/sys/kernel/btf/vmlinux)
 * through the same Type struct: a TypeSpace converts a BTF type the first
 * time a script names it, struct members only when one is first looked up,
 * so a script pays for the types it uses, and BTF's 32-bit ids mean there
 * is no type-count limit.  D-declared types (struct, union, enum, typedef
 * in the script) live in the same TypeSpace.
 *
 * Types are immutable once complete and live as long as their TypeSpace
 * (the built-in ones are static).  Pointer and array types are interned, so
 * two equal types are the same Type* for everything but structs of
 * different origin.
 */
#ifndef DT_TYPE_H
#define DT_TYPE_H

#include <stdbool.h>
#include <stdint.h>

#include "util.h"

struct btf;

typedef enum TypeKind {
	TY_VOID,
	TY_INT,    /* char, short, int, long, long long; signed or not; enums too */
	TY_PTR,
	TY_STRING, /* D's string: strsize bytes, NUL-terminated */
	TY_ARRAY,
	TY_STRUCT,
	TY_UNION,
	TY_FUNC,   /* a function (only as a pointer target) */
	TY_FLOAT,  /* known so kernel structs can hold one; no arithmetic */
} TypeKind;

typedef struct Type Type;

typedef struct Member {
	const char *name; /* NULL for an anonymous struct/union member */
	Type *type;
	int off;          /* bytes from the start of the containing struct */
	int bit_off;      /* bitfields: bits from off; 0 otherwise */
	int bits;         /* bitfields: width; 0 otherwise */
} Member;

typedef struct Enumerator {
	const char *name;
	int64_t value;
} Enumerator;

struct Type {
	TypeKind kind;
	int size;          /* bytes */
	bool is_unsigned;
	const char *name;  /* "int", "uint64_t", "struct task_struct" ... */
	Type *base;        /* TY_PTR: pointee; TY_ARRAY: element */
	int nelem;         /* TY_ARRAY */
	bool is_user;      /* TY_PTR: points into user space (D's "userland") */
	/* TY_STRUCT / TY_UNION: members, filled on first use (members_done) */
	Member *members;
	int nmembers;
	bool members_done;
	Enumerator *enums; /* enum types (TY_INT): their constants */
	int nenums;
	uint32_t btf_id;   /* the kernel type this came from, or 0 */
	Type *ptr;         /* interned pointer to this type */
	Type *uptr;        /* interned userland pointer to this type */
	Type *arrays;      /* interned arrays of this type (chained by next_array) */
	Type *next_array;
	struct TypeSpace *ts;
};

extern Type ty_float, ty_double, ty_ldouble; /* no arithmetic: read, recorded, printed */
extern Type ty_void, ty_char, ty_schar, ty_uchar, ty_short, ty_ushort, ty_int, ty_uint, ty_long,
	ty_ulong, ty_llong, ty_ullong, ty_string;
/* Typedef'd names of the built-ins: pid_t, id_t, processorid_t, uint64_t ... */
extern Type ty_int32, ty_uint32, ty_int64, ty_uint64;

typedef struct TypeSpace TypeSpace;

TypeSpace *types_new(void);
void types_free(TypeSpace *ts);
/*
 * The kernel's BTF, loaded on first use (about 40 ms); NULL with errno set
 * if the kernel has none.
 */
struct btf *types_vmlinux(TypeSpace *ts);

static inline bool type_is_int(const Type *t)
{
	return t->kind == TY_INT;
}
static inline bool type_is_ptr(const Type *t)
{
	return t->kind == TY_PTR;
}
static inline bool type_is_scalar(const Type *t)
{
	return t->kind == TY_INT || t->kind == TY_PTR;
}
static inline bool type_is_aggr(const Type *t)
{
	return t->kind == TY_STRUCT || t->kind == TY_UNION;
}
/* char arrays and pointers to char read as strings where D wants one. */
bool type_is_charseq(const Type *t);

/* The usual arithmetic conversions of C, for two integer operands. */
Type *type_arith(Type *a, Type *b);
/* Integer promotion: anything narrower than int becomes int. */
Type *type_promote(Type *t);
/* Whether values of these types can be assigned/compared without a cast. */
bool type_compatible(const Type *a, const Type *b);

Type *type_ptr(TypeSpace *ts, Type *base, bool user);
Type *type_array(TypeSpace *ts, Type *elem, int n);
/*
 * A type by name: built-in and D typedefs first ("int", "uint64_t"), then
 * the kernel's typedefs ("u64", "loff_t").  NULL if unknown.
 */
Type *type_lookup(TypeSpace *ts, const char *name);
/* The kernel's BTF type id as a D type; NULL if the kernel has no BTF or no such id. */
Type *type_from_btf(TypeSpace *ts, uint32_t id);
/* struct/union/enum TAG: D-declared first, then the kernel's; NULL if unknown. */
Type *type_tagged(TypeSpace *ts, TypeKind kind, bool is_enum, const char *tag);
/* Declare D types; they shadow the kernel's. */
void types_typedef(TypeSpace *ts, const char *name, Type *t);
Type *types_new_aggr(TypeSpace *ts, TypeKind kind, const char *tag);
Type *types_new_enum(TypeSpace *ts, const char *tag);
/* The named constant of any enum (D-declared or the kernel's); false if none. */
bool type_enumerator(TypeSpace *ts, const char *name, int64_t *value, Type **t);
/*
 * A member of a struct or union, looking through anonymous members; *off
 * gets its byte offset from the start.  NULL if there is none.
 */
const Member *type_member(Type *t, const char *name, int *off);
/* Fill in a kernel struct's or union's members (t->members) if not done yet. */
void type_members(Type *t);
/* The type of a kernel variable (BTF VAR) named name, or NULL. */
Type *type_kernel_var(TypeSpace *ts, const char *name);
/* The type as D spells it ("struct task_struct *", "char [16]"). */
void type_str(const Type *t, StrBuf *out);
/* The same in a static buffer (diagnostics). */
const char *type_name(const Type *t);

#endif
