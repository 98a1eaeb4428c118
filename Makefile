# dtrace for Linux - one flat Makefile.
#
#   make            build/dtrace and build/libdtrace.a
#   make deps       install missing build/test dependencies (apt, as root)
#   make check      every test (probe tests need root)
#   make asan       the sanitizer build (ASan+UBSan) into build-asan/, then its tests
#   make demo       set up and run a real trace
#   make bench      benchmarks side by side with bpftrace
#   make fuzz       run the front-end fuzzer (FUZZ_SECONDS, default 60)
#   make difftest   differential tests of integer expressions on a random seed (DIFF_SEED)
#   make install    PREFIX=/usr/local DESTDIR=

CC      ?= gcc
B       ?= build
PREFIX  ?= /usr/local
LIBDIR  ?= $(PREFIX)/lib/dtrace
CFLAGS  ?= -O2 -g
DTFLAGS := -std=gnu11 -Wall -Wextra -Wshadow -Werror -Wno-unused-parameter \
           -Iinclude -Isrc -I$(B)/gen -D_GNU_SOURCE -DDT_LIBDIR='"$(LIBDIR)"'
LDLIBS  += -lbpf -lelf -lz
ASAN_FLAGS := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

SRCS    := $(wildcard src/*.c src/prov/*.c)
OBJS    := $(SRCS:%.c=$(B)/obj/%.o)
TOOLS   := $(B)/dtfront $(B)/exprgen $(patsubst tests/triggers/%.c,$(B)/triggers/%,$(wildcard tests/triggers/*.c))
CXX     ?= g++
# C++ triggers (libstdc++'s USDT probes) only where a C++ compiler exists.
ifneq ($(shell command -v $(CXX) 2>/dev/null),)
TOOLS   += $(patsubst tests/triggers/%.cc,$(B)/triggers/%,$(wildcard tests/triggers/*.cc))
endif

all: $(B)/dtrace $(TOOLS)

$(B)/obj/%.o: %.c $(wildcard src/*.h src/prov/*.h include/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(DTFLAGS) -c -o $@ $<

# The system call table of the build host's architecture (prov/syscall.c).
$(B)/gen/syscalls.h: scripts/gen-syscalls.sh
	@mkdir -p $(dir $@)
	CC=$(CC) scripts/gen-syscalls.sh > $@

$(B)/obj/src/prov/syscall.o: $(B)/gen/syscalls.h

$(B)/libdtrace.a: $(OBJS)
	@rm -f $@
	ar rcs $@ $^

$(B)/dtrace: $(B)/obj/cmd/dtrace.o $(B)/libdtrace.a
	$(CC) $(CFLAGS) $(DTFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(B)/dtfront: $(B)/obj/tests/tools/dtfront.o $(B)/libdtrace.a
	$(CC) $(CFLAGS) $(DTFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# The expression generator of tests/diff.sh: plain C, no libdtrace.
$(B)/exprgen: tests/tools/exprgen.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -std=gnu11 -Wall -Wextra -Wshadow -Werror -o $@ $<

# Trigger programs for probe tests: plain C, no libdtrace.
$(B)/triggers/%: tests/triggers/%.c
	@mkdir -p $(dir $@)
	$(CC) -O1 -g -o $@ $<

# The benchmarks' trigger, meter and floor loader: plain C (floor: libbpf, libelf).
BENCH_BINS := $(B)/bench/hot $(B)/bench/meter $(B)/bench/floor
$(B)/bench/%: bench/%.c
	@mkdir -p $(dir $@)
	$(CC) -O2 -g -std=gnu11 -Wall -Wextra -Wshadow -Werror -D_GNU_SOURCE -o $@ $< $(LDLIBS)
$(B)/triggers/%: tests/triggers/%.cc
	@mkdir -p $(dir $@)
	$(CXX) -O1 -g -o $@ $<

deps:
	@./scripts/deps.sh

# The whole suite, then again under ASan+UBSan: CI runs exactly this.
check: deps all
	@./tests/run.sh $(B)
	@$(MAKE) --no-print-directory asan

asan:
	$(MAKE) B=build-asan CFLAGS="$(ASAN_FLAGS)" all
	@UNIT_CFLAGS="$(ASAN_FLAGS)" ./tests/run.sh build-asan

demo: deps all
	@./scripts/demo.sh $(B)

bench: deps all $(BENCH_BINS)
	@./bench/run.sh $(B)

difftest: all
	@DIFF_SEED=$${DIFF_SEED:-random} ./tests/diff.sh $(B)

fuzz:
	@DT_DEPS_EXTRA=clang ./scripts/deps.sh
	@./tests/fuzz/run.sh $${FUZZ_SECONDS:-60}

install: all
	install -d $(DESTDIR)$(PREFIX)/sbin $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(LIBDIR)
	install -m 755 $(B)/dtrace $(DESTDIR)$(PREFIX)/sbin/dtrace
	install -m 644 $(B)/libdtrace.a $(DESTDIR)$(PREFIX)/lib/libdtrace.a
	install -m 644 include/dtrace.h $(DESTDIR)$(PREFIX)/include/dtrace.h
	for f in lib/*.d; do [ -e "$$f" ] && install -m 644 $$f $(DESTDIR)$(LIBDIR)/; done; true

clean:
	rm -rf build build-asan

.PHONY: all deps check asan demo bench difftest fuzz install clean
