/*
 * cpp.h - dtrace -C: run D source through the C preprocessor.
 *
 * The text is piped through /usr/bin/cpp (GCC's) with the caller's -D, -U,
 * -I and -H options.  cpp's line markers are kept, so the lexer maps every
 * position back to the original file and line.  This is the only place
 * that runs an outside program, and only when -C is given.
 */
#ifndef DT_CPP_H
#define DT_CPP_H

#include "diag.h"

/*
 * Preprocess text, which came from path (NULL for stdin or a string).
 * cpp_args are passed to cpp as they are ("-DFOO=1", "-I/dir", "-H").
 * Returns the output (malloc'd, NUL-terminated; the caller frees it), or
 * NULL after reporting to d (tag D_CPP) that cpp is missing or failed.
 * cpp's own messages go to our stderr.
 */
char *cpp_run(const char *path, const char *text, const char *const *cpp_args, int nargs,
	      Diag *d);

#endif
