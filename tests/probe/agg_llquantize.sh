# llquantize() in the kernel: 380 values (negative, zero, small, near powers,
# up to INT64_MIN and 2^62) each under its own key, so each key's printed
# distribution has exactly one bucket with a count.  That bucket's label and
# the next row's label (its upper bound) must bracket the value: the kernel's
# bucket is checked against the consumer's labels, independently of either's
# arithmetic.  Factor 2 up to 2^63 exercises the overflow rule; the third
# aggregation adds an increment of 3, so the counts add up to 380 + 380 + 1140
# (a value that occurs twice has a count of 2, or 6).
out=$("$DTRACE" -qn '
int64_t i;
tick-1ms /i < 380/ {
	this->v = i < 100 ? i - 10 :
	    i < 200 ? (i - 100) * (i - 100) * 97 :
	    i < 300 ? (int64_t)(i - 200) * (i - 200) * (i - 200) * (i - 200) * 12345 :
	    ((int64_t)1 << (i - 300) % 64) + (i & 3) - 1;
	@a[this->v] = llquantize(this->v, 10, 1, 12, 20);
	@b[this->v] = llquantize(this->v, 2, 0, 62, 4);
	@c[this->v] = llquantize(this->v, 4, 0, 5, 16, 3);
	i++;
}
tick-1ms /i == 380/ {
	printa("K %d\n%@d\n", @a); printa("K %d\n%@d\n", @b); printa("K %d\n%@d\n", @c);
	exit(0);
}') || { echo "$out"; exit 1; }
echo "$out" | awk '
# exact comparison of integer strings (awk numbers are doubles)
function cmpint(a, b,   na, nb, r) {
	na = (a ~ /^-/); nb = (b ~ /^-/)
	if (na != nb) return na ? -1 : 1
	if (na) { a = substr(a, 2); b = substr(b, 2) }
	if (length(a) != length(b)) r = length(a) < length(b) ? -1 : 1
	else r = a < b ? -1 : (a > b ? 1 : 0)
	return na ? -r : r
}
function check() {
	if (key == "") return
	n++
	if (hit == "") { printf("key %s: no bucket with a count\n", key); bad++; return }
	if ((lo != "-inf" && cmpint(lo, key) > 0) || (hi != "" && cmpint(key, hi) >= 0)) {
		printf("key %s: in bucket [%s, %s)\n", key, lo, hi); bad++
	}
}
/^K / { check(); key = $2; hit = ""; lo = ""; hi = ""; want = 0; next }
/\|/ {
	split($0, p, "|"); label = p[1]; gsub(/ /, "", label)
	c = p[2]; sub(/^[@ ]*/, "", c); gsub(/ /, "", c)
	if (want) { hi = label; sub(/^>=/, "", hi); want = 0 }
	if (c + 0 > 0) {
		if (hit != "") { printf("key %s: two buckets\n", key); bad++ }
		hit = c
		total += c
		if (label ~ /^</) { lo = "-inf"; hi = substr(label, 2) }
		else if (label ~ /^>=/) { lo = substr(label, 3); hi = "" }
		else { lo = label; want = 1 }
	}
}
END {
	check()
	if (total != 1900) { printf("counts add up to %d, expected 380 + 380 + 3 * 380\n", total); bad++ }
	exit bad > 0
}' || { echo "$out" | head -60; exit 1; }
