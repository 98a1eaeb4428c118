# A deep expression compiles to BPF the verifier accepts and computes what C would
# (the expected value was computed independently, in Python, for x = 2).
e=1; for i in $(seq 60); do e="($e + $i * (x - $i))"; done
out=$("$DTRACE" -qn "BEGIN { x = 2; printf(\"%d\\n\", $e); exit(0); }") || exit 1
[ "$out" = "-70149" ] || { echo "got '$out'"; exit 1; }
# Right-nested: every level keeps a temporary alive; too deep is a clear compile error.
# x and the literals are int, so the value is int: its low 32 bits, signed.
e=1 v=1; for i in $(seq 40); do e="($i - $e * x)"; v=$((i - v * 2)); done
v=$(( ((v & 0xffffffff) ^ 0x80000000) - 0x80000000 ))
out=$("$DTRACE" -qn "BEGIN { x = 2; printf(\"%d\\n\", $e); exit(0); }") || exit 1
[ "$out" = "$v" ] || { echo "right-nested: got '$out', want $v"; exit 1; }
e=1; for i in $(seq 80); do e="(x - (x + $e))"; done
err=$("$DTRACE" -e -x errtags -qn "BEGIN { x = 2; trace($e); }" 2>&1); rc=$?
[ $rc = 1 ] && grep -q "D_EXPR_DEPTH" <<<"$err" || { echo "rc=$rc: $err"; exit 1; }
