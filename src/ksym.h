/*
 * ksym.h - kernel addresses as module`function+0xoff (from /proc/kallsyms).
 */
#ifndef DT_KSYM_H
#define DT_KSYM_H

#include <stdbool.h>
#include <stdint.h>

#include "util.h"

/* DTrace's default stackindent: frames are indented by 14 spaces. */
#define STACK_INDENT 14

/* The function containing addr: its name, module ("vmlinux" for the kernel) and offset. */
bool ksym_lookup(uint64_t addr, const char **name, const char **mod, uint64_t *off);
/* module`function+0xoff (or module`function with !with_off or at offset 0; 0xaddr if unknown). */
void ksym_format(StrBuf *out, uint64_t addr, bool with_off);

/* The first address of addr's function (or module): one aggregation key per symbol. */
uint64_t ksym_canon(uint64_t addr, bool module_only);
/* sym()/func(): module`function; mod(): the module; 0xaddr if unknown. */
void ksym_format_sym(StrBuf *out, uint64_t addr, bool module_only);
/*
 * A stack as DTrace prints it: one frame a line, indented; the first 0 PC
 * ends it.  The leading frames of the tracing machinery are skipped and at
 * most max frames shown.
 */
void ksym_print_stack(StrBuf *out, const uint64_t *pcs, int n, int max, int indent);

#endif
