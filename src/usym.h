/*
 * usym.h - ELF function symbols of user-space files and the file mappings
 * of a process (usym.c).
 */
#ifndef DT_USYM_H
#define DT_USYM_H

#include <stdbool.h>
#include <stdint.h>
#include <libelf.h>

#include "util.h"

typedef struct USym {
	uint64_t addr, size; /* link-time virtual address (st_value), st_size */
	const char *name;
} USym;

/* A PT_LOAD segment: how link-time addresses map to file offsets. */
typedef struct ULoad {
	uint64_t vaddr, off, filesz;
	bool exec;
} ULoad;

#define USYM_MAXLOAD 16

typedef struct UElf {
	char *path;
	bool is_dyn;     /* ET_DYN (PIE or library): loaded at a bias */
	USym *syms;      /* functions, sorted by address, without duplicates */
	int nsyms;
	ULoad load[USYM_MAXLOAD];
	int nload;
	Arena arena;     /* the symbols' names */
} UElf;

/* Open a file for libelf: the Elf (elf_end it, then close *fdp), or NULL with errno set. */
Elf *usym_elf_begin(const char *path, int *fdp);
/* Call fn(arg, desc, size) for each ELF note of the owner and type ("stapsdt", 3). */
typedef void UsymNoteFn(void *arg, const unsigned char *desc, size_t size);
void usym_elf_notes(Elf *e, const char *owner, uint32_t type, UsymNoteFn *fn, void *arg);
/* Read a file's function symbols; NULL with errno set if it is not a readable ELF file. */
UElf *usym_elf_open(const char *path);
void usym_elf_free(UElf *u);
/* The file offset of a link-time address, or -1 outside every PT_LOAD. */
int64_t usym_elf_off(const UElf *u, uint64_t vaddr);
/* The function containing a link-time address, or NULL. */
const USym *usym_elf_lookup(const UElf *u, uint64_t vaddr);

/* One file-backed mapping of a process. */
typedef struct UMap {
	uint64_t start, end, off;
	bool exec;
	char *path;
} UMap;

/* The file-backed mappings of pid (UMap*), in address order; 0 or -errno. */
int usym_maps(int pid, Vec *out);
void usym_maps_free(Vec *maps);
/*
 * Addresses of processes, symbolized as DTrace prints stack frames.  The
 * maps of a process are read the first time one of its addresses is
 * formatted, again when an address falls outside them, and on demand
 * (usym_cache_snap: dtrace takes one of each -c/-p process while it
 * lives, so its stacks print after it has exited); ELF files are read
 * once.  C++ names are demangled when libstdc++ is installed.
 */
typedef char *UsymDemangle(const char *name, char *buf, size_t *len, int *status);

typedef struct UsymCache {
	Vec procs; /* pid -> maps */
	Vec elfs;  /* path -> UElf */
	void *dl;  /* libstdc++, for C++ names */
	UsymDemangle *demangler;
	bool demangler_tried;
} UsymCache;

void usym_cache_snap(UsymCache *c, int pid);
/* "libc.so.6`malloc+0x1f", "module`0x7f12..." or "0x7f12...". */
void usym_cache_format(UsymCache *c, int pid, uint64_t pc, StrBuf *out);

/* How ufunc()/usym(), uaddr() and umod() show an address. */
enum { USYM_AS_FUNC = 1, USYM_AS_ADDR = 2, USYM_AS_MOD = 3 };
/* "libc.so.6`malloc" (FUNC), as usym_cache_format (ADDR), "libc.so.6" (MOD). */
void usym_cache_format_as(UsymCache *c, int pid, uint64_t pc, int as, StrBuf *out);
/*
 * The address aggregation keys group by: the function's start (FUNC), the
 * module's load address (MOD), the address itself (ADDR), as DTrace does,
 * so one row stands for each function or module.
 */
uint64_t usym_cache_norm(UsymCache *c, int pid, uint64_t pc, int as);
void usym_cache_free(UsymCache *c);

/* The module name without its ".so..." suffix (heap string). */
char *usym_short_name(const char *base);

#endif
