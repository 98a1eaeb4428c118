# inet_ntop(AF_INET6) and inet_ntoa6() on addresses of our choosing, and
# inet_ntoa() on chosen bytes.  The kernel memory we can set is this
# process's rlimits: struct rlimit is two u64s, 16 bytes, and prlimit(1)
# sets RLIMIT_LOCKS (10) and RLIMIT_RTTIME (15) to any cur <= max; an
# address is its first 8 bytes as a little-endian cur and its last 8 as
# max.  The expected forms are DTrace's: the zero run it picks becomes
# "::" (a single zero group too; of two equal runs, the later one when it
# ends inside a group), and ::ffff:a.b.c.d and ::a.b.c.d (but :: and ::1)
# end in IPv4, which is all inet_ntoa6() keeps of them.
command -v prlimit >/dev/null || { echo "prlimit(1) is missing"; exit 77; }
prog='BEGIN {
	a = &curthread->signal->rlim[10];
	b = &curthread->signal->rlim[15];
	printf("%s %s | ", inet_ntop(10, a), inet_ntoa6(a));
	printf("%s %s | %s\n", inet_ntop(10, b), inet_ntoa6(b), inet_ntoa(&a->rlim_cur));
	exit(0);
}'
run() { r=$(prlimit --locks="$1" --rttime="$2" "$DTRACE" -qn "$prog") || exit 1; echo "$r"; }
out=$(
# ::ffff:1.2.3.4 and 2001:db8::1
run 0:289077008694968320 3087860000:72057594037927936
# 2001:db8::1 (its first bytes: 32.1.13.184) and ::1.2.3.4
run 3087860000:72057594037927936 0:289077004400066560
# fe80::214:4fff:fe0b:7648 and 1:0:0:2:0:0:0:3
run 33022:5221374007815640066 144115188075856128:216172782113783808
# 0:1:2:3:4:5:6:7 (its first bytes: 0.0.0.1) and ::
run 216174981153816576:504409755419149312 0:0
# ::1 and 1:2:3:4:5:6:7:8
run 0:72057594037927936 288233674720149760:576468448985482496
# ::0.0.1.2 and 1:0:0:2:0:0:3:4
run 0:144396663052566528 144115188075856128:288233674686595072
# 0:0:1:0:0:5:6:7 and abcd:ef01:2345:6789:abcd:ef01:2345:ff89
run 1099511627776:504409755419148288 9900958322455989675:9943742518916009387
# 1::2 (its first bytes: 0.1.0.0) and 7f0a:ff00:0:0:7f0a:ff00:0:0 (of two equal runs, the first)
run 256:144115188075855872 16714367:16714367
)
want='::ffff:1.2.3.4 1.2.3.4 | 2001:db8::1 2001:db8::1 | 0.0.0.0
2001:db8::1 2001:db8::1 | ::1.2.3.4 1.2.3.4 | 32.1.13.184
fe80::214:4fff:fe0b:7648 fe80::214:4fff:fe0b:7648 | 1:0:0:2::3 1:0:0:2::3 | 254.128.0.0
::1:2:3:4:5:6:7 ::1:2:3:4:5:6:7 | :: :: | 0.0.0.1
::1 ::1 | 1:2:3:4:5:6:7:8 1:2:3:4:5:6:7:8 | 0.0.0.0
0:0:0:0:0:0:0.0.1.2 0.0.1.2 | 1:0:0:2::3:4 1:0:0:2::3:4 | 0.0.0.0
0:0:1::5:6:7 0:0:1::5:6:7 | abcd:ef01:2345:6789:abcd:ef01:2345:ff89 abcd:ef01:2345:6789:abcd:ef01:2345:ff89 | 0.0.0.0
1::2 1::2 | 7f0a:ff00::7f0a:ff00:0:0 7f0a:ff00::7f0a:ff00:0:0 | 0.1.0.0'
[ "$out" = "$want" ] || { diff <(echo "$want") <(echo "$out"); exit 1; }
