# Typed args[] of syscall entry probes, from the kernel's declarations:
# openat's dirfd is an int (AT_FDCWD = -100 prints as -100), its path a user
# char *; and DTrace's diagnostics for args[] misuse.
T=$(dirname "$DTRACE")/triggers/syscalls
"$T" 0 & tpid=$!
out=$("$DTRACE" -qn '
syscall::openat:entry /pid == $1/ {
	printf("%d %s %d\n", args[0], copyinstr((uintptr_t)args[1]), sizeof(args[0]));
	exit(0);
}
tick-10s { printf("timed out\n"); exit(1); }' $tpid) || { echo "$out"; exit 1; }
wait $tpid
[ "$out" = "-100 /nonexistent/dtrace-trigger 4" ] || { echo "got '$out'"; exit 1; }
tag() { "$DTRACE" -x errtags -e -n "$1" 2>&1 | grep -o '\[D_[A-Z_]*\]' | head -1; }
[ "$(tag 'syscall::read:entry,syscall::openat:entry { trace(args[0]); }')" = "[D_ARGS_MULTI]" ] ||
	{ echo "mixed types: $(tag 'syscall::read:entry,syscall::openat:entry { trace(args[0]); }')"; exit 1; }
[ "$(tag 'syscall::read:entry { trace(args[3]); }')" = "[D_ARGS_IDX]" ] || exit 1
[ "$(tag 'syscall::read:entry { trace(args[arg0]); }')" = "[D_PROTO_ARG]" ] || exit 1
[ "$(tag 'BEGIN { trace(args[0]); }')" = "[D_ARGS_IDX]" ] || exit 1
# Probes whose types agree may share args[]: every write-like fd is an unsigned int.
"$DTRACE" -e -n 'syscall::read:entry,syscall::write:entry { trace(args[0]); }' 2>/dev/null || exit 1
# dtrace -lv lists the argument types.
got=$("$DTRACE" -lv -n syscall::read:entry | grep 'args\[')
want=$(printf '\t\targs[0]: unsigned int\n\t\targs[1]: char *\n\t\targs[2]: unsigned long')
[ "$got" = "$want" ] || { echo "-lv read: $got"; exit 1; }
"$DTRACE" -lv -n rawtp:sched::sched_switch | grep -q 'args\[1\]: struct task_struct \*$' ||
	{ echo "-lv rawtp"; exit 1; }
"$DTRACE" -lv -n sdt:sched::sched_switch | grep -q 'args\[0\]: char \[16\]$' || { echo "-lv sdt"; exit 1; }
"$DTRACE" -lv -n BEGIN | grep -q '^		None$' || { echo "-lv BEGIN"; exit 1; }
