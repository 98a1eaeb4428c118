/*
 * print.h - the print() action's typed output (print.c).
 */
#ifndef DT_PRINT_H
#define DT_PRINT_H

#include <stdio.h>

#include "type.h"

/*
 * Print the len bytes at data as a value of type t, as DTrace's print()
 * does ("struct foo {" and a line per member, "int 0xa" for a scalar).  No
 * trailing newline: the record's end brings it.
 */
void print_typed(FILE *fp, Type *t, const void *data, size_t len);

#endif
