# Speculations across probes and threads' lifetimes, the classic pattern: each
# getppid() of the trigger is traced speculatively; the openat() that fails
# commits them (run 1) or discards them (run 2); a small specsize turns the
# records beyond it into speculative drops (run 3).
T=$(dirname "$DTRACE")/triggers/syscalls
prog='
syscall::getppid:entry /pid == $1 && !self->spec/ { self->spec = speculation(); }
syscall::getppid:entry /self->spec/ { speculate(self->spec); printf("getppid %d\n", ++self->n); }
syscall::openat:return /self->spec && arg0 < 0 && $2/ { commit(self->spec); self->spec = 0; }
syscall::openat:return /self->spec && arg0 < 0 && !$2/ { discard(self->spec); self->spec = 0; }
syscall::openat:return /pid == $1/ { printf("openat %d\n", arg0); exit(0); }
tick-10s { printf("timed out\n"); exit(1); }'
run() { # commit? [dtrace options]
	"$T" 5 & local tpid=$!
	local out err
	err=$(mktemp)
	out=$("$DTRACE" -q "${@:2}" -n "$prog" $tpid "$1" 2>"$err")
	wait $tpid
	echo "$out"
	cat "$err"
	rm -f "$err"
}
got=$(run 1)
want=$(printf 'getppid %d\n' 1 2 3 4 5; echo "openat -2")
[ "$got" = "$want" ] || { echo "commit: got '$got', want '$want'"; exit 1; }
got=$(run 0)
[ "$got" = "openat -2" ] || { echo "discard: got '$got'"; exit 1; }
# each record is 16 bytes of header, 8 of tag and 8 of value: 3 fit in 100 bytes
got=$(run 1 -x specsize=100)
want=$(printf 'getppid %d\n' 1 2 3; echo "openat -2"; echo "dtrace: 2 speculative drops")
[ "$got" = "$want" ] || { echo "specsize: got '$got', want '$want'"; exit 1; }
