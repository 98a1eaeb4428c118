/*
 * usdt.h - sys/sdt.h probe notes and argument specs (usdt.c).
 */
#ifndef DT_USDT_H
#define DT_USDT_H

#include "probe.h"
#include "util.h"

typedef struct UsdtNote {
	uint64_t pc;   /* link-time address of the probe site */
	uint64_t sem;  /* link-time address of its semaphore (unsigned short), or 0 */
	char *provider, *name, *args;
} UsdtNote;

/* The stapsdt notes of a file (UsdtNote*); 0, or -1 if it cannot be read as ELF. */
int usdt_notes(const char *path, Vec *out);
void usdt_notes_free(Vec *notes);
/* Decode an argument spec string into at most max args: their number, or -1. */
int usdt_parse_args(const char *spec, UArg *args, int max);

#endif
