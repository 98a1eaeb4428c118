# dtrace -h: a header from provider definitions, a program built with it, and its probes
# traced: arguments, "__" shown as "-", and the is-enabled macro 1 only while traced.
fail() { echo "$@"; exit 1; }
command -v cc >/dev/null || { echo "no C compiler"; exit 77; }
[ -e /usr/include/x86_64-linux-gnu/sys/sdt.h ] || [ -e /usr/include/sys/sdt.h ] ||
	{ echo "systemtap-sdt-dev not installed"; exit 77; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
printf 'provider dtth {\n\tprobe fire(int, char *);\n\tprobe tick__tock();\n};\n' >"$tmp/prov.d"
(cd "$tmp" && "$DTRACE" -h -s prov.d) || fail "dtrace -h: $?"
grep -q '^#define	DTTH_FIRE(arg0, arg1)' "$tmp/prov.h" || fail "no DTTH_FIRE in: $(cat "$tmp/prov.h")"
cat >"$tmp/app.c" <<'C'
#include <stdio.h>
#include <stdlib.h>
#include "prov.h"
int main(int argc, char **argv)
{
	int n = atoi(argv[1]);
	printf("start %d\n", DTTH_FIRE_ENABLED());
	for (int i = 0; i < n; i++) {
		if (DTTH_FIRE_ENABLED())
			DTTH_FIRE(i, "hello");
		DTTH_TICK__TOCK();
	}
	printf("end %d\n", DTTH_FIRE_ENABLED());
	return 0;
}
C
cc -O1 -o "$tmp/app" "$tmp/app.c" -I"$tmp" || fail "the program does not build with the header"
[ "$("$tmp/app" 3 | tr '\n' ' ')" = "start 0 end 0 " ] || fail "untraced: $("$tmp/app" 3)"
out=$("$DTRACE" -q -c "$tmp/app 3" -n 'dtth$target:::fire { printf("fire %d %s\n", arg0, copyinstr(arg1)); }
	dtth$target:::tick-tock { n++; } END { printf("ticks %d\n", n); }') || fail "exit status $?"
[ "$(echo "$out" | sort | tr '\n' ' ')" = "end 1 fire 0 hello fire 1 hello fire 2 hello start 1 ticks 3 " ] ||
	fail "traced: $out"
# -o names the header; a script without providers is an error.
"$DTRACE" -h -s "$tmp/prov.d" -o "$tmp/other.h" && grep -q '#ifndef	_OTHER_H' "$tmp/other.h" || fail "-o"
echo 'BEGIN { }' >"$tmp/none.d"
(cd "$tmp" && "$DTRACE" -h -s none.d 2>/dev/null) && fail "no providers accepted"
exit 0
