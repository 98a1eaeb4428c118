/*
 * type.c - the built-in types and C's conversion rules on them.
 */
#include "type.h"

#include <string.h>

#include "util.h"

Type ty_void = {TY_VOID, 0, false, "void", NULL};
Type ty_char = {TY_INT, 1, false, "char", NULL};
Type ty_uchar = {TY_INT, 1, true, "unsigned char", NULL};
Type ty_short = {TY_INT, 2, false, "short", NULL};
Type ty_ushort = {TY_INT, 2, true, "unsigned short", NULL};
Type ty_int = {TY_INT, 4, false, "int", NULL};
Type ty_uint = {TY_INT, 4, true, "unsigned int", NULL};
Type ty_long = {TY_INT, 8, false, "long", NULL};
Type ty_ulong = {TY_INT, 8, true, "unsigned long", NULL};
Type ty_llong = {TY_INT, 8, false, "long long", NULL};
Type ty_ullong = {TY_INT, 8, true, "unsigned long long", NULL};
Type ty_string = {TY_STRING, 256, false, "string", NULL};
Type ty_int32 = {TY_INT, 4, false, "int32_t", NULL};
Type ty_uint32 = {TY_INT, 4, true, "uint32_t", NULL};
Type ty_int64 = {TY_INT, 8, false, "int64_t", NULL};
Type ty_uint64 = {TY_INT, 8, true, "uint64_t", NULL};

static int rank(const Type *t)
{
	return t->size; /* on LP64, rank follows size for the integer types we have */
}

Type *type_promote(Type *t)
{
	if (t->kind == TY_INT && t->size < 4)
		return &ty_int;
	return t;
}

Type *type_arith(Type *a, Type *b)
{
	a = type_promote(a);
	b = type_promote(b);
	if (a->kind != TY_INT)
		return a;
	if (b->kind != TY_INT)
		return b;
	if (rank(a) != rank(b))
		return rank(a) > rank(b) ? a : b;
	return a->is_unsigned ? a : b;
}

static Type *const named[] = {
	&ty_void, &ty_char, &ty_short, &ty_int, &ty_long, &ty_string,
	&ty_int32, &ty_uint32, &ty_int64, &ty_uint64,
};

static const struct {
	const char *name;
	Type *type;
} aliases[] = {
	{"int8_t", &ty_char},	  {"uint8_t", &ty_uchar},     {"int16_t", &ty_short},
	{"uint16_t", &ty_ushort}, {"pid_t", &ty_int32},	      {"id_t", &ty_int32},
	{"processorid_t", &ty_int32}, {"uid_t", &ty_uint32},  {"gid_t", &ty_uint32},
	{"size_t", &ty_ulong},	  {"ssize_t", &ty_long},      {"uintptr_t", &ty_ulong},
	{"intptr_t", &ty_long},	  {"time_t", &ty_long},	      {"hrtime_t", &ty_int64},
};

Type *type_lookup(const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(named); i++)
		if (strcmp(named[i]->name, name) == 0)
			return named[i];
	for (size_t i = 0; i < ARRAY_SIZE(aliases); i++)
		if (strcmp(aliases[i].name, name) == 0)
			return aliases[i].type;
	return NULL;
}
