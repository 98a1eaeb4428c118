# Kernel stack(): symbolized from /proc/kallsyms as module`function+0xoff,
# one indented frame a line, the tracing machinery's own frames left out.
# At a system call's entry the stack is the syscall entry path; as an
# aggregation key, 400 getppid() calls from one call site are one key.
T=$(dirname "$DTRACE")/triggers/syscalls
frame='^              vmlinux`[A-Za-z0-9_.]+(\+0x[0-9a-f]+)?$'
"$T" 400 & tpid=$!
out=$("$DTRACE" -qn '
syscall::getppid:entry /pid == $1/ { @[stack()] = count(); }
syscall::getppid:entry /pid == $1 && n++ == 0/ { stack(2); printf("--\n"); }
syscall::openat:return /pid == $1/ { exit(0); }
tick-10s { printf("timed out\n"); exit(1); }' $tpid) || { echo "$out"; exit 1; }
wait $tpid
# stack(2): a blank line, then exactly two frames, the first in the syscall path
two=$(echo "$out" | sed -n '1,/^--$/p')
[ "$(echo "$two" | sed -n 1p)" = "" ] || { echo "no blank line first: $out"; exit 1; }
[ "$(echo "$two" | grep -cE "$frame")" = 2 ] || { echo "stack(2): $two"; exit 1; }
agg=$(echo "$out" | sed '1,/^--$/d')
echo "$agg" | grep -qE '^              vmlinux`do_syscall_64\+0x[0-9a-f]+$' ||
	{ echo "no do_syscall_64 frame: $agg"; exit 1; }
echo "$agg" | grep -qE '^              vmlinux`entry_SYSCALL_64' || { echo "no entry frame: $agg"; exit 1; }
echo "$agg" | grep -q '`bpf_\|bpf`' && { echo "tracing frames shown: $agg"; exit 1; }
[ "$(echo "$agg" | grep -cE '^ +[0-9]+$')" = 1 ] || { echo "not one key: $agg"; exit 1; }
[ "$(echo "$agg" | grep -E '^ +[0-9]+$' | tr -d ' ')" = 400 ] || { echo "count: $agg"; exit 1; }

# -x stackframes bounds the default depth.
"$T" 1 & tpid=$!
out=$("$DTRACE" -x stackframes=1 -qn 'syscall::getppid:entry /pid == $1/ { stack(); exit(0); }
tick-10s { printf("timed out\n"); exit(1); }' $tpid) || { echo "$out"; exit 1; }
wait $tpid
[ "$(echo "$out" | grep -cE "$frame")" = 1 ] || { echo "stackframes=1: $out"; exit 1; }

# profile: sampled kernel stacks as keys; the load keeps a CPU in the kernel.
"$T" 300000 0 & tpid=$!
out=$("$DTRACE" -qn 'profile-997 /arg0/ { @[stack()] = count(); } tick-1s { exit(0); }')
wait $tpid
echo "$out" | grep -qE "$frame" || { echo "profile: no symbolized frame: $out"; exit 1; }
echo "$out" | grep -qE '^ +[0-9]+$' || { echo "profile: no counts: $out"; exit 1; }
any='^              ([A-Za-z0-9_]+`[A-Za-z0-9_.]+(\+0x[0-9a-f]+)?|0x[0-9a-f]+)$'
echo "$out" | grep -vE "$any"'|^ +[0-9]+$|^$' | grep . && { echo "profile: stray lines"; exit 1; }
exit 0
