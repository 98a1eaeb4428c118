syscall::read:entry, pid$target:libc*::entry, :::BEGIN, *:::, -:-:-:-,
tick-1ms, profile-997hz, fbt:vmlinux:do_sys_open:entry, syscall::[rw]*:entry,
sdt:::a\*b, python*:::function-entry, BEGIN, END, ERROR, 123, 0x1f
{}
