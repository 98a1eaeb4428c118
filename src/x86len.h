/*
 * x86len.h - x86-64 instruction lengths (x86len.c).
 */
#ifndef DT_X86LEN_H
#define DT_X86LEN_H

#include <stddef.h>
#include <stdint.h>

/*
 * The length (1..15) of the 64-bit-mode instruction at code, of which
 * avail bytes may be read; -1 if it is invalid or runs past avail.
 */
int x86_insn_len(const uint8_t *code, size_t avail);

#endif
