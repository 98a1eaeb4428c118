/*
 * type.c - the built-in types, C's conversion rules on them, and the type
 * space that adds D-declared and kernel (BTF) types on demand.
 */
#include "type.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bpf/btf.h>

Type ty_void = {.kind = TY_VOID, .size = 0, .name = "void"};
Type ty_char = {.kind = TY_INT, .size = 1, .name = "char"};
Type ty_schar = {.kind = TY_INT, .size = 1, .name = "signed char"};
Type ty_uchar = {.kind = TY_INT, .size = 1, .is_unsigned = true, .name = "unsigned char"};
Type ty_short = {.kind = TY_INT, .size = 2, .name = "short"};
Type ty_ushort = {.kind = TY_INT, .size = 2, .is_unsigned = true, .name = "unsigned short"};
Type ty_int = {.kind = TY_INT, .size = 4, .name = "int"};
Type ty_uint = {.kind = TY_INT, .size = 4, .is_unsigned = true, .name = "unsigned int"};
Type ty_long = {.kind = TY_INT, .size = 8, .name = "long"};
Type ty_ulong = {.kind = TY_INT, .size = 8, .is_unsigned = true, .name = "unsigned long"};
Type ty_llong = {.kind = TY_INT, .size = 8, .name = "long long"};
Type ty_ullong = {.kind = TY_INT, .size = 8, .is_unsigned = true, .name = "unsigned long long"};
Type ty_float = {.kind = TY_FLOAT, .size = 4, .name = "float"};
Type ty_double = {.kind = TY_FLOAT, .size = 8, .name = "double"};
Type ty_ldouble = {.kind = TY_FLOAT, .size = 16, .name = "long double"};
Type ty_string = {.kind = TY_STRING, .size = 256, .name = "string"};
Type ty_int32 = {.kind = TY_INT, .size = 4, .name = "int32_t"};
Type ty_uint32 = {.kind = TY_INT, .size = 4, .is_unsigned = true, .name = "uint32_t"};
Type ty_int64 = {.kind = TY_INT, .size = 8, .name = "int64_t"};
Type ty_uint64 = {.kind = TY_INT, .size = 8, .is_unsigned = true, .name = "uint64_t"};
static Type ty_bool = {.kind = TY_INT, .size = 1, .is_unsigned = true, .name = "_Bool"};

typedef struct Named {
	const char *name;
	Type *type;
} Named;

struct TypeSpace {
	Vec owned;      /* Type* made here (freed with the space) */
	Vec derived;    /* pointers to and arrays of the static built-in types */
	Vec typedefs;   /* Named*: D typedefs */
	Vec tagged;     /* Type*: D-declared struct/union/enum */
	struct btf *btf;
	bool btf_tried;
	int btf_errno;
	Type **by_id;   /* kernel types converted so far, by BTF id */
	uint32_t nids;
};

TypeSpace *types_new(void)
{
	return xcalloc(1, sizeof(TypeSpace));
}

static void type_free(Type *t)
{
	if (t->members)
		for (int i = 0; i < t->nmembers; i++)
			free((char *)t->members[i].name);
	free(t->members);
	for (int i = 0; i < t->nenums; i++)
		free((char *)t->enums[i].name);
	free(t->enums);
	free((char *)t->name);
	free(t);
}

void types_free(TypeSpace *ts)
{
	if (!ts)
		return;
	for (int i = 0; i < ts->owned.len; i++)
		type_free(ts->owned.data[i]);
	vec_free(&ts->owned);
	vec_free(&ts->derived);
	for (int i = 0; i < ts->typedefs.len; i++) {
		Named *n = ts->typedefs.data[i];
		free((char *)n->name);
		free(n);
	}
	vec_free(&ts->typedefs);
	vec_free(&ts->tagged);
	btf__free(ts->btf);
	free(ts->by_id);
	free(ts);
}

struct btf *types_vmlinux(TypeSpace *ts)
{
	if (!ts->btf_tried) {
		ts->btf_tried = true;
		ts->btf = btf__load_vmlinux_btf();
		if (!ts->btf) {
			ts->btf_errno = errno;
		} else {
			ts->nids = btf__type_cnt(ts->btf);
			ts->by_id = xcalloc(ts->nids, sizeof(Type *));
		}
	}
	if (!ts->btf)
		errno = ts->btf_errno;
	return ts->btf;
}

static Type *new_type(TypeSpace *ts, TypeKind kind, int size, const char *name)
{
	Type *t = xcalloc(1, sizeof(*t));
	t->kind = kind;
	t->size = size;
	t->name = name ? xstrdup(name) : NULL;
	t->ts = ts;
	vec_push(&ts->owned, t);
	return t;
}

/* ---- C's conversions ---- */

static int rank(const Type *t)
{
	return t->size; /* on LP64, rank follows size for the integer types */
}

Type *type_promote(Type *t)
{
	if (t->kind == TY_INT && t->size < 4)
		return &ty_int;
	if (t->kind == TY_INT && t->enums)
		return t->is_unsigned ? &ty_uint : &ty_int;
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

bool type_is_charseq(const Type *t)
{
	return (t->kind == TY_ARRAY || t->kind == TY_PTR) && t->base->kind == TY_INT &&
	       t->base->size == 1;
}

bool type_compatible(const Type *a, const Type *b)
{
	if (a == b)
		return true;
	if (a->kind == TY_INT && b->kind == TY_INT)
		return true;
	if (a->kind == TY_STRING || b->kind == TY_STRING)
		return (a->kind == TY_STRING || type_is_charseq(a)) &&
		       (b->kind == TY_STRING || type_is_charseq(b));
	if (a->kind == TY_PTR && b->kind == TY_PTR)
		return a->base->kind == TY_VOID || b->base->kind == TY_VOID ||
		       type_compatible(a->base, b->base);
	if (a->kind != b->kind)
		return false;
	if (a->kind == TY_STRUCT || a->kind == TY_UNION)
		return a->name && b->name && strcmp(a->name, b->name) == 0;
	if (a->kind == TY_ARRAY)
		return a->nelem == b->nelem && type_compatible(a->base, b->base);
	return a->kind == TY_VOID;
}

/* ---- derived types ---- */

Type *type_ptr(TypeSpace *ts, Type *base, bool user)
{
	Type **slot = user ? &base->uptr : &base->ptr;
	if (!*slot) {
		/* The built-in types are static: their pointers go in a per-space list. */
		Type *p = NULL;
		if (!base->ts) {
			for (int i = 0; i < ts->derived.len && !p; i++) {
				Type *o = ts->derived.data[i];
				if (o->kind == TY_PTR && o->base == base && o->is_user == user)
					p = o;
			}
			if (p)
				return p;
		}
		p = new_type(ts, TY_PTR, 8, NULL);
		p->base = base;
		p->is_user = user;
		p->is_unsigned = true;
		if (!base->ts) {
			vec_push(&ts->derived, p);
			return p;
		}
		*slot = p;
	}
	return *slot;
}

Type *type_array(TypeSpace *ts, Type *elem, int n)
{
	if (elem->ts)
		for (Type *a = elem->arrays; a; a = a->next_array)
			if (a->nelem == n)
				return a;
	if (!elem->ts)
		for (int i = 0; i < ts->derived.len; i++) {
			Type *o = ts->derived.data[i];
			if (o->kind == TY_ARRAY && o->base == elem && o->nelem == n)
				return o;
		}
	Type *a = new_type(ts, TY_ARRAY, elem->size * n, NULL);
	a->base = elem;
	a->nelem = n;
	if (elem->ts) {
		a->next_array = elem->arrays;
		elem->arrays = a;
	} else {
		vec_push(&ts->derived, a);
	}
	return a;
}

/* ---- kernel types from BTF ---- */

static Type *from_btf(TypeSpace *ts, uint32_t id);

static const char *btf_name(TypeSpace *ts, const struct btf_type *bt)
{
	const char *n = btf__name_by_offset(ts->btf, bt->name_off);
	return n && *n ? n : NULL;
}

static Type *int_from_btf(TypeSpace *ts, const struct btf_type *bt)
{
	uint32_t enc = btf_int_encoding(bt);
	int size = (int)bt->size;
	bool is_signed = enc & BTF_INT_SIGNED;
	if (enc & BTF_INT_BOOL)
		return &ty_bool;
	switch (size) {
	case 1: return is_signed ? &ty_char : &ty_uchar;
	case 2: return is_signed ? &ty_short : &ty_ushort;
	case 4: return is_signed ? &ty_int : &ty_uint;
	case 8: return is_signed ? &ty_long : &ty_ulong;
	default: {
		Type *t = new_type(ts, TY_INT, size, btf_name(ts, bt)); /* __int128: not arithmetic */
		t->kind = TY_ARRAY;
		t->base = &ty_uchar;
		t->nelem = size;
		return t;
	}
	}
}

static Type *enum_from_btf(TypeSpace *ts, uint32_t id, const struct btf_type *bt)
{
	const char *tag = btf_name(ts, bt);
	char *name = tag ? xasprintf("enum %s", tag) : NULL;
	Type *t = new_type(ts, TY_INT, (int)bt->size, name);
	free(name);
	t->btf_id = id;
	int n = btf_vlen(bt);
	t->enums = xcalloc((size_t)(n ? n : 1), sizeof(Enumerator));
	t->nenums = n;
	bool is64 = btf_is_enum64(bt);
	t->is_unsigned = !btf_kflag(bt) ? false : true;
	for (int i = 0; i < n; i++) {
		if (is64) {
			const struct btf_enum64 *e = btf_enum64(bt) + i;
			t->enums[i].name = xstrdup(btf__name_by_offset(ts->btf, e->name_off));
			t->enums[i].value = (int64_t)btf_enum64_value(e);
		} else {
			const struct btf_enum *e = btf_enum(bt) + i;
			t->enums[i].name = xstrdup(btf__name_by_offset(ts->btf, e->name_off));
			t->enums[i].value = t->is_unsigned ? (int64_t)(uint32_t)e->val : e->val;
		}
	}
	return t;
}

static Type *from_btf(TypeSpace *ts, uint32_t id)
{
	if (id == 0)
		return &ty_void;
	if (id >= ts->nids)
		return NULL;
	if (ts->by_id[id])
		return ts->by_id[id];
	const struct btf_type *bt = btf__type_by_id(ts->btf, id);
	Type *t = NULL;
	switch (btf_kind(bt)) {
	case BTF_KIND_INT:
		t = int_from_btf(ts, bt);
		break;
	case BTF_KIND_PTR: {
		ts->by_id[id] = &ty_void; /* a pointer chain that loops back stays finite */
		Type *base = from_btf(ts, bt->type);
		t = base ? type_ptr(ts, base, false) : NULL;
		break;
	}
	case BTF_KIND_ARRAY: {
		const struct btf_array *a = btf_array(bt);
		Type *elem = from_btf(ts, a->type);
		t = elem ? type_array(ts, elem, (int)a->nelems) : NULL;
		break;
	}
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION: {
		const char *tag = btf_name(ts, bt);
		bool is_struct = btf_kind(bt) == BTF_KIND_STRUCT;
		char *name = tag ? xasprintf("%s %s", is_struct ? "struct" : "union", tag) : NULL;
		t = new_type(ts, is_struct ? TY_STRUCT : TY_UNION, (int)bt->size, name);
		free(name);
		t->btf_id = id;
		break;
	}
	case BTF_KIND_FWD: {
		/* A forward declaration: the full definition is usually elsewhere in vmlinux. */
		const char *tag = btf_name(ts, bt);
		int kind = btf_kflag(bt) ? BTF_KIND_UNION : BTF_KIND_STRUCT;
		int full = tag ? btf__find_by_name_kind(ts->btf, tag, (uint32_t)kind) : -1;
		if (full > 0) {
			t = from_btf(ts, (uint32_t)full);
		} else {
			char *name = tag ? xasprintf("%s %s", kind == BTF_KIND_UNION ? "union" : "struct",
						     tag) : NULL;
			t = new_type(ts, kind == BTF_KIND_UNION ? TY_UNION : TY_STRUCT, 0, name);
			free(name);
			t->members_done = true;
		}
		break;
	}
	case BTF_KIND_ENUM:
	case BTF_KIND_ENUM64:
		t = enum_from_btf(ts, id, bt);
		break;
	case BTF_KIND_TYPEDEF:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_CONST:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_TYPE_TAG:
	case BTF_KIND_DECL_TAG:
		t = from_btf(ts, bt->type);
		break;
	case BTF_KIND_FUNC_PROTO:
	case BTF_KIND_FUNC:
		t = new_type(ts, TY_FUNC, 1, NULL);
		break;
	case BTF_KIND_FLOAT:
		t = new_type(ts, TY_FLOAT, (int)bt->size, btf_name(ts, bt));
		break;
	default:
		t = NULL;
	}
	ts->by_id[id] = t;
	return t;
}

/* Members of a kernel struct, converted on first lookup. */
static void members_from_btf(Type *t)
{
	TypeSpace *ts = t->ts;
	const struct btf_type *bt = btf__type_by_id(ts->btf, t->btf_id);
	int n = btf_vlen(bt);
	const struct btf_member *m = btf_members(bt);
	t->members = xcalloc((size_t)(n ? n : 1), sizeof(Member));
	for (int i = 0; i < n; i++) {
		Type *mt = from_btf(ts, m[i].type);
		if (!mt)
			continue; /* a kind D has no use for: the member cannot be named */
		Member *d = &t->members[t->nmembers++];
		const char *name = btf__name_by_offset(ts->btf, m[i].name_off);
		d->name = name && *name ? xstrdup(name) : NULL;
		d->type = mt;
		uint32_t bitoff = btf_member_bit_offset(bt, (uint32_t)i);
		uint32_t bits = btf_member_bitfield_size(bt, (uint32_t)i);
		d->off = (int)(bitoff / 8);
		if (bits) {
			d->bits = (int)bits;
			d->bit_off = (int)(bitoff % 8);
		}
	}
	t->members_done = true;
}

/* ---- names ---- */

static Type *const builtin_named[] = {
	&ty_void, &ty_char, &ty_short, &ty_int, &ty_long, &ty_string,
	&ty_int32, &ty_uint32, &ty_int64, &ty_uint64, &ty_bool,
};

static const Named builtin_aliases[] = {
	{"int8_t", &ty_schar},	   {"uint8_t", &ty_uchar},     {"int16_t", &ty_short},
	{"uint16_t", &ty_ushort},  {"pid_t", &ty_int32},       {"id_t", &ty_int32},
	{"processorid_t", &ty_int32}, {"uid_t", &ty_uint32},  {"gid_t", &ty_uint32},
	{"size_t", &ty_ulong},	   {"ssize_t", &ty_long},      {"uintptr_t", &ty_ulong},
	{"intptr_t", &ty_long},	   {"time_t", &ty_long},       {"hrtime_t", &ty_int64},
	{"bool", &ty_bool},
};

Type *type_from_btf(TypeSpace *ts, uint32_t id)
{
	return types_vmlinux(ts) ? from_btf(ts, id) : NULL;
}

Type *type_lookup(TypeSpace *ts, const char *name)
{
	for (size_t i = 0; i < ARRAY_SIZE(builtin_named); i++)
		if (strcmp(builtin_named[i]->name, name) == 0)
			return builtin_named[i];
	for (size_t i = 0; i < ARRAY_SIZE(builtin_aliases); i++)
		if (strcmp(builtin_aliases[i].name, name) == 0)
			return builtin_aliases[i].type;
	for (int i = ts->typedefs.len - 1; i >= 0; i--) {
		Named *n = ts->typedefs.data[i];
		if (strcmp(n->name, name) == 0)
			return n->type;
	}
	if (!types_vmlinux(ts))
		return NULL;
	int id = btf__find_by_name_kind(ts->btf, name, BTF_KIND_TYPEDEF);
	return id > 0 ? from_btf(ts, (uint32_t)id) : NULL;
}

Type *type_tagged(TypeSpace *ts, TypeKind kind, bool is_enum, const char *tag)
{
	const char *prefix = is_enum ? "enum" : kind == TY_UNION ? "union" : "struct";
	char *name = xasprintf("%s %s", prefix, tag);
	Type *found = NULL;
	for (int i = ts->tagged.len - 1; i >= 0 && !found; i--) {
		Type *t = ts->tagged.data[i];
		if (t->name && strcmp(t->name, name) == 0)
			found = t;
	}
	free(name);
	if (found || !types_vmlinux(ts))
		return found;
	int id = btf__find_by_name_kind(ts->btf, tag, is_enum ? BTF_KIND_ENUM
					 : kind == TY_UNION ? BTF_KIND_UNION : BTF_KIND_STRUCT);
	if (id <= 0 && is_enum)
		id = btf__find_by_name_kind(ts->btf, tag, BTF_KIND_ENUM64);
	return id > 0 ? from_btf(ts, (uint32_t)id) : NULL;
}

void types_typedef(TypeSpace *ts, const char *name, Type *t)
{
	Named *n = xmalloc(sizeof(*n));
	n->name = xstrdup(name);
	n->type = t;
	vec_push(&ts->typedefs, n);
}

Type *types_new_aggr(TypeSpace *ts, TypeKind kind, const char *tag)
{
	char *name = tag ? xasprintf("%s %s", kind == TY_UNION ? "union" : "struct", tag) : NULL;
	Type *t = new_type(ts, kind, 0, name);
	free(name);
	if (tag)
		vec_push(&ts->tagged, t);
	return t;
}

Type *types_new_enum(TypeSpace *ts, const char *tag)
{
	char *name = tag ? xasprintf("enum %s", tag) : NULL;
	Type *t = new_type(ts, TY_INT, 4, name);
	free(name);
	t->enums = xcalloc(1, sizeof(Enumerator));
	vec_push(&ts->tagged, t); /* anonymous enums too: they define constants */
	return t;
}

bool type_enumerator(TypeSpace *ts, const char *name, int64_t *value, Type **type)
{
	for (int i = ts->tagged.len - 1; i >= 0; i--) {
		Type *t = ts->tagged.data[i];
		for (int k = 0; k < t->nenums; k++)
			if (strcmp(t->enums[k].name, name) == 0) {
				*value = t->enums[k].value;
				*type = t;
				return true;
			}
	}
	return false;
}

void type_members(Type *t)
{
	if (type_is_aggr(t) && !t->members_done && t->btf_id)
		members_from_btf(t);
}

const Member *type_member(Type *t, const char *name, int *off)
{
	if (!type_is_aggr(t))
		return NULL;
	type_members(t);
	for (int i = 0; i < t->nmembers; i++) {
		const Member *m = &t->members[i];
		if (m->name && strcmp(m->name, name) == 0) {
			*off = m->off;
			return m;
		}
		if (!m->name) {
			int inner;
			const Member *f = type_member(m->type, name, &inner);
			if (f) {
				*off = m->off + inner;
				return f;
			}
		}
	}
	return NULL;
}

Type *type_kernel_var(TypeSpace *ts, const char *name)
{
	if (!types_vmlinux(ts))
		return NULL;
	int id = btf__find_by_name_kind(ts->btf, name, BTF_KIND_VAR);
	if (id <= 0)
		return NULL;
	return from_btf(ts, btf__type_by_id(ts->btf, (uint32_t)id)->type);
}

/* ---- spelling ---- */

static void type_str_inner(const Type *t, StrBuf *out, const char *decl)
{
	switch (t->kind) {
	case TY_PTR: {
		bool paren = t->base->kind == TY_ARRAY || t->base->kind == TY_FUNC;
		char *d = xasprintf(paren ? "(*%s)" : "*%s", decl);
		type_str_inner(t->base, out, d);
		free(d);
		return;
	}
	case TY_ARRAY: {
		char *d = xasprintf("%s[%d]", decl, t->nelem);
		type_str_inner(t->base, out, d);
		free(d);
		return;
	}
	case TY_FUNC:
		sb_printf(out, "int %s()", decl); /* BTF function prototypes: shown generically */
		return;
	default:
		sb_puts(out, t->name ? t->name : t->kind == TY_UNION ? "union <anon>"
			: t->kind == TY_STRUCT ? "struct <anon>" : "enum <anon>");
		if (*decl)
			sb_printf(out, " %s", decl);
	}
}

void type_str(const Type *t, StrBuf *out)
{
	type_str_inner(t, out, "");
}

const char *type_name(const Type *t)
{
	static char buf[4][256];
	static int next;
	StrBuf b = {0};
	type_str(t, &b);
	char *r = buf[next++ % 4];
	snprintf(r, sizeof(buf[0]), "%s", b.s);
	sb_free(&b);
	return r;
}
