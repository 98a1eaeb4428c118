# USDT in libstdc++ (probes nobody here wrote): a C++ program that throws and catches 7
# exceptions fires libstdcxx:::throw and :::catch exactly 7 times each, with the thrown
# object's type_info (arg1) the same at both.  And C++ names in ustack() are demangled.
T=$(dirname "$DTRACE")/triggers
fail() { echo "$@"; exit 1; }
[ -x "$T/cxxthrow" ] || { echo "no C++ compiler: the C++ trigger was not built"; exit 77; }
"$DTRACE" -l -n 'libstdcxx$target:::throw' -c "$T/cxxthrow 0" 2>/dev/null | grep -q 'libstdc++.*__cxa_throw throw$' ||
	{ echo "this libstdc++ has no USDT notes"; exit 77; }
out=$("$DTRACE" -q -c "$T/cxxthrow 7" -n 'libstdcxx$target:libstdc*:: { @[probename] = count(); }
	libstdcxx$target:::throw { t = arg1; } libstdcxx$target:::catch /arg1 != t || t == 0/ { @["mismatch"] = count(); }
	END { printa("%s %@d\n", @); }') || fail "exit status $?"
[ "$out" = "catch 7
throw 7" ] || fail "got: $out"
out=$("$DTRACE" -q -c "$T/cxxthrow 1" -n 'pid$target:a.out:_ZL7throweri:entry { ustack(1); }' | awk 'NF')
[ "$out" = "              cxxthrow\`thrower(int)" ] || fail "demangling: '$out'"
exit 0
