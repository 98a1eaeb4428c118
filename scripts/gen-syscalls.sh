#!/bin/sh
# Generate the syscall name/number table of the build host's architecture from
# its <asm/unistd.h>: one "SYSCALL(name, nr)" line per system call, by number.
set -e
echo '#include <asm/unistd.h>' | ${CC:-cc} -E -dM - |
	awk '$1 == "#define" && $2 ~ /^__NR_/ && $3 ~ /^[0-9]+$/ { sub(/^__NR_/, "", $2); print $3, $2 }' |
	sort -n | awk '{ printf "SYSCALL(%s, %s)\n", $2, $1 }'
