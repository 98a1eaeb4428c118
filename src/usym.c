/*
 * usym.c - user-space symbols: the function symbols of an ELF file (.symtab
 * and .dynsym, merged) with the file offsets uprobes need, and the file
 * mappings of a process (/proc/PID/maps).
 *
 * It takes paths and pids and gives plain tables; it never attaches
 * anything.  A stripped library still has .dynsym, which is what most of
 * libc's exported functions are found by.  MiniDebugInfo (.gnu_debugdata,
 * xz-compressed) and separate debug files are not read yet.
 */
#include "usym.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int sym_cmp(const void *a, const void *b)
{
	const USym *x = a, *y = b;
	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* Functions (and IFUNC resolvers) that are defined in this file. */
static void read_symtab(UElf *u, Elf *e, Elf_Scn *scn, GElf_Shdr *sh, Vec *syms)
{
	Elf_Data *d = elf_getdata(scn, NULL);
	size_t n = sh->sh_entsize ? sh->sh_size / sh->sh_entsize : 0;
	for (size_t i = 0; d && i < n; i++) {
		GElf_Sym s;
		if (!gelf_getsym(d, (int)i, &s))
			break;
		int type = GELF_ST_TYPE(s.st_info);
		if ((type != STT_FUNC && type != STT_GNU_IFUNC) || s.st_shndx == SHN_UNDEF ||
		    s.st_value == 0)
			continue;
		const char *name = elf_strptr(e, sh->sh_link, s.st_name);
		if (!name || !*name)
			continue;
		USym *y = arena_alloc(&u->arena, sizeof(*y));
		y->addr = s.st_value;
		y->size = s.st_size;
		y->name = arena_strdup(&u->arena, name);
		vec_push(syms, y);
	}
}

static void read_loads(UElf *u, Elf *e)
{
	size_t n = 0;
	elf_getphdrnum(e, &n);
	for (size_t i = 0; i < n && u->nload < USYM_MAXLOAD; i++) {
		GElf_Phdr ph;
		if (gelf_getphdr(e, (int)i, &ph) && ph.p_type == PT_LOAD)
			u->load[u->nload++] = (ULoad){ph.p_vaddr, ph.p_offset, ph.p_filesz,
						       (ph.p_flags & PF_X) != 0};
	}
}

static void read_symtabs(UElf *u, Elf *e, Vec *syms)
{
	for (Elf_Scn *scn = NULL; (scn = elf_nextscn(e, scn));) {
		GElf_Shdr sh;
		if (!gelf_getshdr(scn, &sh))
			continue;
		if (sh.sh_type == SHT_SYMTAB || sh.sh_type == SHT_DYNSYM)
			read_symtab(u, e, scn, &sh, syms);
	}
}

void usym_elf_notes(Elf *e, const char *owner, uint32_t type, UsymNoteFn *fn, void *arg)
{
	size_t olen = strlen(owner) + 1;
	for (Elf_Scn *scn = NULL; (scn = elf_nextscn(e, scn));) {
		GElf_Shdr sh;
		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_NOTE)
			continue;
		Elf_Data *d = elf_getdata(scn, NULL);
		GElf_Nhdr nh;
		size_t off = 0, name_off, desc_off;
		while (d && (off = gelf_getnote(d, off, &nh, &name_off, &desc_off)) > 0)
			if (nh.n_type == type && nh.n_namesz == olen &&
			    !memcmp((char *)d->d_buf + name_off, owner, olen))
				fn(arg, (const unsigned char *)d->d_buf + desc_off, nh.n_descsz);
	}
}

typedef struct BuildId {
	char *hex;
	size_t size;
	bool found;
} BuildId;

static void build_id_note(void *arg, const unsigned char *id, size_t len)
{
	BuildId *b = arg;
	if (b->found || len < 2 || len * 2 + 1 > b->size)
		return;
	for (size_t i = 0; i < len; i++)
		snprintf(b->hex + 2 * i, 3, "%02x", id[i]);
	b->found = true;
}

/* The file's GNU build ID as hex, or false if it has none. */
static bool build_id(Elf *e, char *hex, size_t size)
{
	BuildId b = {hex, size, false};
	usym_elf_notes(e, "GNU", NT_GNU_BUILD_ID, build_id_note, &b);
	return b.found;
}

/*
 * The symbols of the file's separate debug file, found by build ID
 * (/usr/lib/debug/.build-id/ab/cdef....debug, what Debian's -dbgsym and
 * libc6-dbg packages install): a stripped library's static functions.
 */
static void read_debug_file(UElf *u, Elf *e, Vec *syms)
{
	char id[128], path[256];
	if (!build_id(e, id, sizeof(id)))
		return;
	snprintf(path, sizeof(path), "/usr/lib/debug/.build-id/%.2s/%s.debug", id, id + 2);
	int fd;
	Elf *d = usym_elf_begin(path, &fd);
	if (!d)
		return;
	read_symtabs(u, d, syms);
	elf_end(d);
	close(fd);
}

/* Sort by address and drop a symbol that both tables give. */
static void collect(UElf *u, Vec *syms)
{
	u->syms = xcalloc((size_t)syms->len + 1, sizeof(USym));
	for (int i = 0; i < syms->len; i++)
		u->syms[i] = *(USym *)syms->data[i];
	qsort(u->syms, (size_t)syms->len, sizeof(USym), sym_cmp);
	int k = 0;
	for (int i = 0; i < syms->len; i++)
		if (k == 0 || sym_cmp(&u->syms[k - 1], &u->syms[i]) != 0)
			u->syms[k++] = u->syms[i];
	u->nsyms = k;
}

Elf *usym_elf_begin(const char *path, int *fdp)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	elf_version(EV_CURRENT);
	Elf *e = elf_begin(fd, ELF_C_READ_MMAP, NULL);
	if (!e || elf_kind(e) != ELF_K_ELF) {
		if (e)
			elf_end(e);
		close(fd);
		errno = ENOEXEC;
		return NULL;
	}
	*fdp = fd;
	return e;
}

UElf *usym_elf_open(const char *path)
{
	int fd;
	Elf *e = usym_elf_begin(path, &fd);
	GElf_Ehdr eh;
	if (!e)
		return NULL;
	if (!gelf_getehdr(e, &eh)) {
		elf_end(e);
		close(fd);
		errno = ENOEXEC;
		return NULL;
	}
	UElf *u = xcalloc(1, sizeof(*u));
	u->path = xstrdup(path);
	u->is_dyn = eh.e_type == ET_DYN;
	Vec syms = {0};
	read_symtabs(u, e, &syms);
	read_debug_file(u, e, &syms);
	read_loads(u, e);
	collect(u, &syms);
	vec_free(&syms);
	elf_end(e);
	close(fd);
	return u;
}

void usym_elf_free(UElf *u)
{
	if (!u)
		return;
	arena_free(&u->arena);
	free(u->syms);
	free(u->path);
	free(u);
}

int64_t usym_elf_off(const UElf *u, uint64_t vaddr)
{
	for (int i = 0; i < u->nload; i++) {
		const ULoad *l = &u->load[i];
		if (vaddr >= l->vaddr && vaddr < l->vaddr + l->filesz)
			return (int64_t)(vaddr - l->vaddr + l->off);
	}
	return -1;
}

const USym *usym_elf_lookup(const UElf *u, uint64_t vaddr)
{
	int lo = 0, hi = u->nsyms - 1, best = -1;
	while (lo <= hi) {
		int mid = (lo + hi) / 2;
		if (u->syms[mid].addr <= vaddr)
			best = mid, lo = mid + 1;
		else
			hi = mid - 1;
	}
	if (best < 0)
		return NULL;
	const USym *s = &u->syms[best];
	return vaddr < s->addr + (s->size ? s->size : 1) ? s : NULL;
}

int usym_maps(int pid, Vec *out)
{
	char path[64], line[4096 + 128];
	snprintf(path, sizeof(path), "/proc/%d/maps", pid);
	FILE *f = fopen(path, "re");
	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		unsigned long long start, end, off;
		char perms[8];
		int pos = 0;
		int got = sscanf(line, "%llx-%llx %7s %llx %*s %*s %n", &start, &end, perms, &off,
				 &pos);
		if (got < 4 || !pos)
			continue;
		char *file = line + pos;
		file[strcspn(file, "\n")] = '\0';
		if (file[0] != '/')
			continue;
		UMap *m = xcalloc(1, sizeof(*m));
		*m = (UMap){start, end, off, perms[2] == 'x', xstrdup(file)};
		vec_push(out, m);
	}
	fclose(f);
	return 0;
}

void usym_maps_free(Vec *maps)
{
	for (int i = 0; i < maps->len; i++) {
		UMap *m = maps->data[i];
		free(m->path);
		free(m);
	}
	vec_free(maps);
}

/* "libc.so.6" -> "libc", "ld-linux-x86-64.so.2" -> "ld-linux-x86-64": as DTrace users write. */
char *usym_short_name(const char *base)
{
	const char *so = strstr(base, ".so");
	return xstrndup(base, so ? (size_t)(so - base) : strlen(base));
}

/* ---- symbolizing a process's addresses ---- */

typedef struct UProcMaps {
	int pid;
	Vec maps; /* UMap* */
} UProcMaps;

typedef struct UElfEntry {
	char *path;
	UElf *elf; /* NULL: not readable */
} UElfEntry;

static UProcMaps *cache_proc(UsymCache *c, int pid)
{
	for (int i = 0; i < c->procs.len; i++) {
		UProcMaps *p = c->procs.data[i];
		if (p->pid == pid)
			return p;
	}
	return NULL;
}

void usym_cache_snap(UsymCache *c, int pid)
{
	Vec maps = {0};
	if (usym_maps(pid, &maps) < 0 || maps.len == 0) {
		usym_maps_free(&maps);
		return; /* gone: keep what we had */
	}
	UProcMaps *p = cache_proc(c, pid);
	if (!p) {
		p = xcalloc(1, sizeof(*p));
		p->pid = pid;
		vec_push(&c->procs, p);
	}
	usym_maps_free(&p->maps);
	p->maps = maps;
}

static const UElf *cache_elf(UsymCache *c, const char *path)
{
	for (int i = 0; i < c->elfs.len; i++) {
		UElfEntry *e = c->elfs.data[i];
		if (!strcmp(e->path, path))
			return e->elf;
	}
	UElfEntry *e = xcalloc(1, sizeof(*e));
	e->path = xstrdup(path);
	e->elf = usym_elf_open(path);
	vec_push(&c->elfs, e);
	return e->elf;
}

static const UMap *find_map(UProcMaps *p, uint64_t pc)
{
	for (int i = 0; p && i < p->maps.len; i++) {
		const UMap *m = p->maps.data[i];
		if (pc >= m->start && pc < m->end)
			return m;
	}
	return NULL;
}

/* The link-time address of a file offset, or 0 outside every PT_LOAD. */
static uint64_t off_to_vaddr(const UElf *u, uint64_t off)
{
	for (int i = 0; i < u->nload; i++)
		if (off >= u->load[i].off && off < u->load[i].off + u->load[i].filesz)
			return off - u->load[i].off + u->load[i].vaddr;
	return 0;
}

/*
 * A C++ name demangled by libstdc++'s __cxa_demangle (a C function), found
 * at run time so dtrace needs no C++ library to build or run; NULL if the
 * name is not mangled or the library is absent.
 */
static char *demangle(UsymCache *c, const char *name)
{
	if (strncmp(name, "_Z", 2) != 0)
		return NULL;
	if (!c->demangler_tried) {
		c->demangler_tried = true;
		void *h = dlopen("libstdc++.so.6", RTLD_LAZY | RTLD_LOCAL);
		if (h)
			c->demangler = (UsymDemangle *)dlsym(h, "__cxa_demangle");
		c->dl = h;
	}
	int st = -1;
	char *r = c->demangler ? c->demangler(name, NULL, NULL, &st) : NULL;
	if (st != 0) {
		free(r);
		return NULL;
	}
	return r;
}

/* Where pc falls: its mapping, and the symbol covering it (v = its link-time address). */
typedef struct UsymHit {
	const UMap *m;
	const char *base;
	const USym *s;
	uint64_t v;
} UsymHit;

static UsymHit resolve(UsymCache *c, int pid, uint64_t pc)
{
	UsymHit h = {0};
	h.m = find_map(cache_proc(c, pid), pc);
	if (!h.m) { /* not seen yet, or mapped since: look again while it lives */
		usym_cache_snap(c, pid);
		h.m = find_map(cache_proc(c, pid), pc);
	}
	if (!h.m)
		return h;
	h.base = strrchr(h.m->path, '/') ? strrchr(h.m->path, '/') + 1 : h.m->path;
	const UElf *u = cache_elf(c, h.m->path);
	h.v = u ? off_to_vaddr(u, pc - h.m->start + h.m->off) : 0;
	h.s = h.v ? usym_elf_lookup(u, h.v) : NULL;
	return h;
}

void usym_cache_format_as(UsymCache *c, int pid, uint64_t pc, int as, StrBuf *out)
{
	UsymHit h = resolve(c, pid, pc);
	if (!h.m) {
		sb_printf(out, "0x%llx", (unsigned long long)pc);
		return;
	}
	if (as == USYM_AS_MOD) {
		sb_puts(out, h.base);
		return;
	}
	if (!h.s) {
		sb_printf(out, "%s`0x%llx", h.base, (unsigned long long)pc);
		return;
	}
	char *name = demangle(c, h.s->name);
	sb_printf(out, "%s`%s", h.base, name ? name : h.s->name);
	free(name);
	if (as == USYM_AS_ADDR && h.v != h.s->addr)
		sb_printf(out, "+0x%llx", (unsigned long long)(h.v - h.s->addr));
}

void usym_cache_format(UsymCache *c, int pid, uint64_t pc, StrBuf *out)
{
	usym_cache_format_as(c, pid, pc, USYM_AS_ADDR, out);
}

uint64_t usym_cache_norm(UsymCache *c, int pid, uint64_t pc, int as)
{
	if (as == USYM_AS_ADDR)
		return pc;
	UsymHit h = resolve(c, pid, pc);
	if (as == USYM_AS_MOD && h.m)
		return h.m->start - h.m->off;
	return h.s ? pc - (h.v - h.s->addr) : pc;
}

void usym_cache_free(UsymCache *c)
{
	for (int i = 0; i < c->procs.len; i++) {
		UProcMaps *p = c->procs.data[i];
		usym_maps_free(&p->maps);
		free(p);
	}
	vec_free(&c->procs);
	for (int i = 0; i < c->elfs.len; i++) {
		UElfEntry *e = c->elfs.data[i];
		usym_elf_free(e->elf);
		free(e->path);
		free(e);
	}
	vec_free(&c->elfs);
	if (c->dl)
		dlclose(c->dl);
	c->dl = NULL;
	c->demangler = NULL;
	c->demangler_tried = false;
}
