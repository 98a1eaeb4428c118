# -F (flowindent): entry probes indent what follows on their CPU, returns
# unindent, syscalls show "=>" and "<=", other probes "| func:name"; the
# heading is "CPU FUNCTION".  The trigger's getppid() then openat().
T=$(dirname "$DTRACE")/triggers/syscalls
"$T" 1 & tpid=$!
out=$("$DTRACE" -F -n '
syscall::getppid:entry, syscall::getppid:return, syscall::openat:entry /pid == $1/ { }
syscall::openat:entry /pid == $1/ { trace(1); }
syscall::openat:return /pid == $1/ { exit(0); }' $tpid 2>/dev/null) || { echo "$out"; exit 1; }
wait $tpid
out=$(echo "$out" | sed 's/^ *[0-9]* /C /; s/ *$//')
want='CPU FUNCTION
C  => getppid
C  <= getppid
C  => openat
C   | openat:entry                                  1
C  <= openat'
[ "$out" = "$want" ] || { echo "got:"; echo "$out"; echo "want:"; echo "$want"; exit 1; }
