#!/bin/sh
# tests/fuzz/run.sh SECONDS - fuzz the D lexer and parser with libFuzzer.
#
# Builds tests/fuzz/fuzz_parse.c with clang (ASan + UBSan) against the front
# end's sources (not libdtrace.a) into build-fuzz/, then runs it for SECONDS
# on a corpus seeded from the lexer and parser tests, tests/lex and tests/parse
# (the copy grows; the tests stay as they
# are), with the D dictionary tests/fuzz/d.dict.  Crashes, hangs (-timeout)
# and leaks are written to build-fuzz/ as crash-*, timeout-*, leak-* and
# make the script exit non-zero.
set -e
secs=${1:-60}
cd "$(dirname "$0")/../.."
out=build-fuzz
CLANG=${CLANG:-clang}
command -v "$CLANG" >/dev/null || { echo "fuzz: clang not found (apt install clang)" >&2; exit 2; }
mkdir -p "$out/corpus"
"$CLANG" -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	-std=gnu11 -Isrc -Iinclude -D_GNU_SOURCE \
	-o "$out/fuzz_parse" tests/fuzz/fuzz_parse.c \
	src/util.c src/diag.c src/lex.c src/parse.c src/ast.c
for f in tests/lex/*.d tests/parse/*.d; do   # lex and parse share some names
	cp "$f" "$out/corpus/$(basename "$(dirname "$f")")-$(basename "$f")"
done
cd "$out"
./fuzz_parse -dict=../tests/fuzz/d.dict -max_len=4096 -timeout=10 -rss_limit_mb=2048 \
	-max_total_time="$secs" -print_final_stats=1 corpus
