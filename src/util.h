/*
 * util.h - memory, growable vectors and string buffers shared by every pass.
 *
 * Allocation never returns NULL: running out of memory aborts with a message
 * (the Redis/kilo habit), so callers carry no NULL checks.  Compiler memory
 * comes from an Arena owned by one compilation and freed at once; runtime
 * objects that outlive a compilation use xmalloc/free.
 */
#ifndef DT_UTIL_H
#define DT_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* An arena: bump allocation in chunks, everything freed by arena_free(). */
typedef struct ArenaChunk ArenaChunk;
typedef struct Arena {
	ArenaChunk *head;
} Arena;

void *arena_alloc(Arena *a, size_t n); /* zeroed, 16-byte aligned */
char *arena_strdup(Arena *a, const char *s);
char *arena_strndup(Arena *a, const char *s, size_t n);
char *arena_printf(Arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void arena_free(Arena *a);

/* A vector of pointers, heap-allocated (vec_free releases the array only). */
typedef struct Vec {
	void **data;
	int len, cap;
} Vec;

void vec_push(Vec *v, void *p);
void vec_free(Vec *v);

/* A growable byte/string buffer; buf.s is always NUL-terminated. */
typedef struct StrBuf {
	char *s;
	size_t len, cap;
} StrBuf;

void sb_putc(StrBuf *b, char c);
void sb_puts(StrBuf *b, const char *s);
void sb_putn(StrBuf *b, const void *p, size_t n);
void sb_printf(StrBuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_vprintf(StrBuf *b, const char *fmt, va_list ap);
void sb_free(StrBuf *b);

/* Read a whole file; returns NULL and sets errno on failure. */
char *read_file(const char *path, size_t *lenp);

/* Broken invariants: file and line, then abort. */
#define DT_ASSERT(c)                                                                   \
	do {                                                                           \
		if (!(c))                                                              \
			dt_assert_fail(#c, __FILE__, __LINE__);                        \
	} while (0)
_Noreturn void dt_assert_fail(const char *what, const char *file, int line);

#endif
