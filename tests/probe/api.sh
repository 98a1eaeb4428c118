# Another program can link libdtrace.a through include/dtrace.h alone.
B=$(dirname "$DTRACE")
exe=$(mktemp)
cc -std=gnu11 -Wall -Werror -Iinclude tests/tools/api_demo.c "$B/libdtrace.a" $UNIT_CFLAGS \
	-lbpf -lelf -lz -o "$exe" || exit 1
got=$("$exe"); rc=$?
rm -f "$exe"
want='matched 2
[dtrace:::BEGIN] hello from the API 42
[dtrace:::END] 
exit status 5'
[ $rc = 0 ] && [ "$got" = "$want" ] || { echo "rc=$rc"; diff <(echo "$want") <(echo "$got"); exit 1; }
