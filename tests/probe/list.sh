# dtrace -l lists the probes that exist, with DTrace's columns, and filters by -n/-P/-f.
exp='   ID   PROVIDER            MODULE                          FUNCTION NAME
    1     dtrace                                                     BEGIN
    2     dtrace                                                     END
    3     dtrace                                                     ERROR
    4    profile                                                     tick-1
    5    profile                                                     tick-10
    6    profile                                                     tick-100
    7    profile                                                     tick-500
    8    profile                                                     tick-1000
    9    profile                                                     tick-5000'
got=$("$DTRACE" -l | head -10) || exit 1
diff <(echo "$exp") <(echo "$got") || exit 1
got=$("$DTRACE" -l -P dtrace -P profile) || exit 1
diff <(echo "$exp") <(echo "$got") || exit 1
got=$("$DTRACE" -l -n 'syscall::openat:' | tail -2 | awk '{print $2, $3, $4, $5}')
[ "$got" = "syscall vmlinux openat entry
syscall vmlinux openat return" ] || { echo "syscall listing: $got"; exit 1; }
got=$("$DTRACE" -l -n 'dtrace:::E*') || exit 1
diff <(echo "$exp" | sed -n '1p;3,4p') <(echo "$got") || exit 1
got=$("$DTRACE" -l -P profile | wc -l)
[ "$got" = 7 ] || { echo "-P profile listed $got lines"; exit 1; }
got=$("$DTRACE" -l -n tick-3ms | tail -1)
[[ "$got" =~ ^\ +[0-9]+\ +profile\ +tick-3ms$ ]] || { echo "on-demand tick: $got"; exit 1; }
