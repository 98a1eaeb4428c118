/*
 * test_x86len - the x86-64 instruction-length decoder (src/x86len.c)
 * against objdump: every instruction objdump finds in the executable
 * sections of real libraries (libc, the dynamic linker, libstdc++ when
 * installed) must get the same length.  (Not libcrypto: its .text holds
 * data tables, where objdump's reading of garbage is no reference.)  Plus
 * a few hand-written encodings of the awkward cases.  Skips a library that
 * is absent, and everything when objdump is.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "usym.h"
#include "x86len.h"

static int passed, failed, skipped;

static void check_bytes(const char *what, const uint8_t *b, size_t n, int want)
{
	int got = x86_insn_len(b, n);
	if (got == want) {
		passed++;
		return;
	}
	failed++;
	printf("FAIL %s: length %d, expected %d\n", what, got, want);
}

/* Hand-made cases: prefixes, REX.W imm64, moffs, group 3, VEX, EVEX, 3DNow!, ENTER. */
static void test_cases(void)
{
	static const struct {
		const char *what;
		uint8_t b[15];
		int len;
	} c[] = {
		{"movabs rax, imm64", {0x48, 0xb8, 1, 2, 3, 4, 5, 6, 7, 8}, 10},
		{"mov ax, imm16", {0x66, 0xb8, 1, 2}, 4},
		{"movabs al, moffs64", {0xa0, 1, 2, 3, 4, 5, 6, 7, 8}, 9},
		{"addr32 mov al, moffs32", {0x67, 0xa0, 1, 2, 3, 4}, 6},
		{"test byte [rdi], imm8", {0xf6, 0x07, 0x01}, 3},
		{"neg dword [rdi]", {0xf7, 0x1f}, 2},
		{"test ax, imm16", {0x66, 0xf7, 0xc0, 1, 2}, 5},
		{"test rax, imm32", {0x48, 0xf7, 0xc0, 1, 2, 3, 4}, 7},
		{"lea rax, [rip+d32]", {0x48, 0x8d, 0x05, 1, 2, 3, 4}, 7},
		{"mov eax, [rsp+rbx*2+d8]", {0x8b, 0x44, 0x5c, 0x10}, 4},
		{"mov eax, [d32+rbx*4] (no base)", {0x8b, 0x04, 0x9d, 1, 2, 3, 4}, 7},
		{"enter 16, 0", {0xc8, 0x10, 0x00, 0x00}, 4},
		{"ret imm16", {0xc2, 0x08, 0x00}, 3},
		{"endbr64", {0xf3, 0x0f, 0x1e, 0xfa}, 4},
		{"vzeroupper", {0xc5, 0xf8, 0x77}, 3},
		{"vpshufd ymm, [rax], imm8", {0xc5, 0xfd, 0x70, 0x00, 0x1b}, 5},
		{"vpalignr (0F3A, imm8)", {0xc4, 0xe3, 0x7d, 0x0f, 0xc1, 0x08}, 6},
		{"vmovdqu64 zmm, [rdi+d8] (EVEX)", {0x62, 0xf1, 0xfe, 0x48, 0x6f, 0x47, 0x01}, 7},
		{"pshufb (0F38)", {0x66, 0x0f, 0x38, 0x00, 0xc1}, 5},
		{"jne rel32", {0x0f, 0x85, 1, 2, 3, 4}, 6},
		{"call rel32", {0xe8, 1, 2, 3, 4}, 5},
		{"lock cmpxchg [rdi], esi", {0xf0, 0x0f, 0xb1, 0x37}, 4},
		{"nopw cs:[rax+rax+0]", {0x66, 0x2e, 0x0f, 0x1f, 0x84, 0x00, 0, 0, 0, 0}, 10},
		{"invalid in 64-bit (aaa)", {0x37}, -1},
		{"truncated", {0x48, 0xb8, 1, 2}, -1},
	};
	for (size_t i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		size_t n = c[i].len > 0 ? (size_t)c[i].len : 4;
		check_bytes(c[i].what, c[i].b, n, c[i].len);
	}
}

/* Every "addr:\tbytes\tinsn" line objdump gives for one file. */
static void test_file(const char *path)
{
	UElf *u = usym_elf_open(path);
	size_t flen;
	char *file = read_file(path, &flen);
	if (!u || !file) {
		skipped++;
		usym_elf_free(u);
		free(file);
		return;
	}
	char cmd[600], line[512];
	snprintf(cmd, sizeof(cmd), "objdump -d --insn-width=16 %s 2>/dev/null", path);
	FILE *f = popen(cmd, "r");
	int n = 0, bad = 0;
	while (f && fgets(line, sizeof(line), f)) {
		unsigned long long addr;
		int pos = 0;
		int got = sscanf(line, " %llx:\t%n", &addr, &pos);
		if (got != 1 || !pos || !strchr(line + pos, '\t') || strstr(line, "(bad)"))
			continue;
		int want = 0;
		for (char *c = line + pos; *c && *c != '\t'; c++)
			want += c[0] != ' ' && (c[1] == ' ' || c[1] == '\t');
		int64_t off = usym_elf_off(u, addr);
		if (off < 0 || want == 0)
			continue;
		n++;
		int len = x86_insn_len((const uint8_t *)file + off, flen - (size_t)off);
		if (len != want && bad++ < 20)
			printf("FAIL %s %llx: length %d, objdump %d: %s", path, addr, len, want,
			       line);
	}
	if (f)
		pclose(f);
	if (n == 0)
		skipped++;
	else if (bad)
		failed++, printf("FAIL %s: %d of %d instructions\n", path, bad, n);
	else
		passed++, printf("ok %s: %d instructions\n", path, n);
	usym_elf_free(u);
	free(file);
}

int main(void)
{
	test_cases();
	if (system("objdump --version >/dev/null 2>&1") != 0) {
		printf("objdump not found: library comparisons skipped\n");
		skipped++;
	} else {
		const char *libs[] = {"/usr/lib/x86_64-linux-gnu/libc.so.6",
				      "/usr/lib64/ld-linux-x86-64.so.2",
				      "/usr/lib/x86_64-linux-gnu/libstdc++.so.6"};
		for (size_t i = 0; i < sizeof(libs) / sizeof(libs[0]); i++)
			test_file(libs[i]);
	}
	printf("%d passed, %d failed, %d skipped\n", passed, failed, skipped);
	return failed != 0;
}
