/*
 * usdt.c - statically defined user probes: the .note.stapsdt notes that
 * <sys/sdt.h> (and DTrace-style provider headers) put in a binary, and
 * their argument specifications.
 *
 * A note gives the probe's provider and name, its address (relative to
 * the .stapsdt.base section, which prelink may have moved), the address
 * of its is-enabled semaphore (0 if none), and one argument spec per
 * argument, in the assembler's syntax: "-4@%eax", "8@16(%rbp)", "4@$5",
 * "-8@-24(%rbp,%rax,8)".  It takes a file and gives plain records; it
 * never attaches anything.
 */
#include "usdt.h"
#include "usym.h"

#include <ctype.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Register names, every width, to the pt_regs register that holds them. */
static const struct {
	const char *name;
	UReg reg;
} reg_names[] = {
	{"rax", UR_AX}, {"eax", UR_AX}, {"ax", UR_AX}, {"al", UR_AX},
	{"rbx", UR_BX}, {"ebx", UR_BX}, {"bx", UR_BX}, {"bl", UR_BX},
	{"rcx", UR_CX}, {"ecx", UR_CX}, {"cx", UR_CX}, {"cl", UR_CX},
	{"rdx", UR_DX}, {"edx", UR_DX}, {"dx", UR_DX}, {"dl", UR_DX},
	{"rsi", UR_SI}, {"esi", UR_SI}, {"si", UR_SI}, {"sil", UR_SI},
	{"rdi", UR_DI}, {"edi", UR_DI}, {"di", UR_DI}, {"dil", UR_DI},
	{"rbp", UR_BP}, {"ebp", UR_BP}, {"bp", UR_BP}, {"bpl", UR_BP},
	{"rsp", UR_SP}, {"esp", UR_SP}, {"sp", UR_SP}, {"spl", UR_SP},
	{"rip", UR_IP},
};

/* "%r12d", "%eax" ... at *s; advances *s.  UR_NONE if it is no register we know. */
static UReg parse_reg(const char **s)
{
	const char *p = *s;
	if (*p != '%')
		return UR_NONE;
	p++;
	size_t n = 0;
	while (isalnum((unsigned char)p[n]))
		n++;
	*s = p + n;
	if (p[0] == 'r' && isdigit((unsigned char)p[1])) { /* r8 .. r15, with b/w/d suffixes */
		int k = atoi(p + 1);
		size_t digits = k >= 10 ? 2 : 1;
		if (k < 8 || k > 15 || (n != digits + 1 && n != digits + 2) ||
		    (n == digits + 2 && !strchr("bwd", p[digits + 1])))
			return UR_NONE;
		return (UReg)(UR_R8 + (k - 8));
	}
	for (size_t i = 0; i < sizeof(reg_names) / sizeof(reg_names[0]); i++)
		if (strlen(reg_names[i].name) == n && !strncmp(reg_names[i].name, p, n))
			return reg_names[i].reg;
	return UR_NONE;
}

/* The operand after "N@": a register, a constant, or disp(base[,index[,scale]]). */
static int parse_operand(const char *s, UArg *a)
{
	if (*s == '%') {
		a->kind = UA_REG;
		a->base = parse_reg(&s);
		return a->base == UR_NONE || *s ? -1 : 0;
	}
	if (*s == '$') {
		char *end;
		a->kind = UA_CONST;
		a->val = strtoll(s + 1, &end, 0);
		return end == s + 1 || *end ? -1 : 0;
	}
	char *end;
	a->kind = UA_MEM;
	a->val = *s == '(' ? 0 : strtoll(s, &end, 0);
	if (*s != '(') {
		if (end == s)
			return -1; /* a symbol (sym(%rip)): not supported */
		s = end;
	}
	if (*s++ != '(')
		return -1;
	a->base = parse_reg(&s);
	a->index = UR_NONE;
	a->scale = 1;
	if (*s == ',') {
		s++;
		a->index = parse_reg(&s);
		if (a->index == UR_NONE)
			return -1;
		if (*s == ',')
			a->scale = (int)strtol(s + 1, (char **)&s, 10);
	}
	if (a->base == UR_NONE || a->base == UR_IP || *s != ')' || s[1])
		return -1;
	return a->scale == 1 || a->scale == 2 || a->scale == 4 || a->scale == 8 ? 0 : -1;
}

int usdt_parse_args(const char *spec, UArg *args, int max)
{
	int n = 0;
	char *copy = xstrdup(spec), *save = NULL;
	for (char *w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		UArg *a = &args[n];
		memset(a, 0, sizeof(*a));
		char *at = strchr(w, '@');
		int size = at ? atoi(w) : 8;
		if (n == max || (at && size != 1 && size != 2 && size != 4 && size != 8 &&
				 size != -1 && size != -2 && size != -4 && size != -8)) {
			n = -1;
			break;
		}
		a->is_signed = size < 0;
		a->size = size < 0 ? -size : size;
		if (parse_operand(at ? at + 1 : w, a)) {
			n = -1;
			break;
		}
		n++;
	}
	free(copy);
	return n;
}

/* The section's address, or 0 if the file has none of that name. */
static uint64_t section_addr(Elf *e, const char *name, size_t shstrndx)
{
	for (Elf_Scn *scn = NULL; (scn = elf_nextscn(e, scn));) {
		GElf_Shdr sh;
		const char *n = gelf_getshdr(scn, &sh) ? elf_strptr(e, shstrndx, sh.sh_name) : NULL;
		if (n && !strcmp(n, name))
			return sh.sh_addr;
	}
	return 0;
}

typedef struct NoteCtx {
	Vec *out;
	uint64_t base_addr; /* of .stapsdt.base, or 0 */
} NoteCtx;

/* One NT_STAPSDT note: pc, base, semaphore, then provider, name and args strings. */
static void add_note(void *arg, const unsigned char *udesc, size_t len)
{
	const NoteCtx *ctx = arg;
	const char *desc = (const char *)udesc;
	Vec *out = ctx->out;
	uint64_t base_addr = ctx->base_addr;
	if (len < 24)
		return;
	uint64_t v[3];
	memcpy(v, desc, 24);
	const char *prv = desc + 24, *end = desc + len;
	const char *name = memchr(prv, '\0', (size_t)(end - prv));
	const char *args = name ? memchr(name + 1, '\0', (size_t)(end - name - 1)) : NULL;
	if (!name || !args || !memchr(args + 1, '\0', (size_t)(end - args - 1)))
		return;
	UsdtNote *n = xcalloc(1, sizeof(*n));
	int64_t adj = base_addr ? (int64_t)(base_addr - v[1]) : 0;
	n->pc = v[0] + (uint64_t)adj;
	n->sem = v[2] ? v[2] + (uint64_t)adj : 0;
	n->provider = xstrdup(prv);
	n->name = xstrdup(name + 1);
	n->args = xstrdup(args + 1);
	vec_push(out, n);
}

int usdt_notes(const char *path, Vec *out)
{
	int fd;
	Elf *e = usym_elf_begin(path, &fd);
	size_t shstrndx;
	if (!e)
		return -1;
	if (elf_getshdrstrndx(e, &shstrndx)) {
		elf_end(e);
		close(fd);
		return -1;
	}
	NoteCtx ctx = {out, section_addr(e, ".stapsdt.base", shstrndx)};
	usym_elf_notes(e, "stapsdt", 3 /* NT_STAPSDT */, add_note, &ctx);
	elf_end(e);
	close(fd);
	return 0;
}

void usdt_notes_free(Vec *notes)
{
	for (int i = 0; i < notes->len; i++) {
		UsdtNote *n = notes->data[i];
		free(n->provider);
		free(n->name);
		free(n->args);
		free(n);
	}
	vec_free(notes);
}
