#!/bin/bash
# self-> variables die with their thread: after the trigger process exits, its
# thread-local entry is gone from the map, while an associative array entry
# keyed the same way stays.
T=$(dirname "$DTRACE")/triggers/syscalls
out=$(mktemp); trap 'rm -f "$out"' EXIT
"$DTRACE" -qn '
syscall::getppid:entry /execname == "syscalls"/ { self->seen = 1; kept[tid] = 1; }
tick-100ms /n++ == 15/ { exit(0); }' >"$out" 2>&1 &
dt=$!
sleep 0.5
"$T" 3 0 || exit 1
sleep 0.3
# the maps are named dt_dvar; the first one is self->seen, the second kept[]
# (only this dtrace's: someone else may be tracing beside the test)
mine=$(grep -hs '^map_id:' /proc/$dt/fdinfo/* | awk '{ print $2 }' | sort -u)
ids=$(bpftool map list 2>/dev/null | awk '/name dt_dvar/ { sub(":", "", $1); print $1 }' |
	grep -xF "$mine" | sort -n)
set -- $ids
[ $# = 2 ] || { echo "expected 2 dt_dvar maps, found: $ids"; kill $dt; exit 1; }
tls=$(bpftool map dump id "$1" | grep -c '^key'); assoc=$(bpftool map dump id "$2" | grep -c '^key')
wait $dt
[ "$tls" = 0 ] && [ "$assoc" = 1 ] || { echo "thread-local entries $tls (want 0), array entries $assoc (want 1)"; cat "$out"; exit 1; }
