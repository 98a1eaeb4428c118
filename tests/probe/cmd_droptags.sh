# Drops are reported in DTrace's words, with -x droptags preceded by their
# DTRACEDROP_* tag: a 4 KB principal buffer that 1000 records of 300 bytes
# overflow before the consumer wakes up, and dynamic variables beyond
# dynvarsize.
T=$(dirname "$DTRACE")/triggers/syscalls
D=$(dirname "$0")
"$T" 1000 & tpid=$!
err=$("$DTRACE" -q -b 4k -x droptags -n '
syscall::getppid:entry /pid == $1/ { printf("%s\n", execname); }
syscall::openat:return /pid == $1/ { exit(0); }' -x strsize=300 $tpid 2>&1 >/dev/null)
wait $tpid
echo "$err" | grep -Eq '^dtrace: \[DTRACEDROP_PRINCIPAL\] [0-9]+ drops? on CPU [0-9]+$' ||
	{ echo "principal: '$err'"; exit 1; }
err=$("$DTRACE" -s "$D/lang_dyndrops.d" $(cat "$D/lang_dyndrops.opts") -x droptags 2>&1 >/dev/null)
[ "$err" = "dtrace: [DTRACEDROP_DYNAMIC] 2 dynamic variable drops" ] ||
	{ echo "dynamic: '$err'"; exit 1; }
