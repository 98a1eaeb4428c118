# func(), sym(), mod() and printf's %a of a kernel address: /dev/null's read handler is
# vmlinux`read_null.  As aggregation keys, addresses inside one function
# are one key (sym(a + 1) and func(a) count together).
(sleep 1; exec cat /dev/null) & p=$!
out=$("$DTRACE" -qn '
syscall::read:entry /pid == $1/ { this->f = curthread->files->fdt->fd[args[0]]; }
syscall::read:entry /pid == $1 && stringof(this->f->f_path.dentry->d_name.name) == "null"/ {
	this->a = (uintptr_t)this->f->f_op->read;
	trace(func(this->a)); printf("|"); trace(sym(this->a)); printf("|"); trace(mod(this->a));
	printf("|%a|%a\n", this->a, this->a + 4);
	@s[sym(this->a + 1)] = count(); @s[func(this->a)] = count(); @m[mod(this->a)] = count();
}
syscall::exit_group:entry /pid == $1/ { exit(0); }
tick-10s { printf("timed out\n"); exit(1); }' $p) || { echo "$out"; exit 1; }
wait $p
want='vmlinux`read_null|vmlinux`read_null|vmlinux|vmlinux`read_null|vmlinux`read_null+0x4

  vmlinux`read_null                                                 2
  vmlinux                                                           1'
[ "$out" = "$want" ] || { diff <(echo "$want") <(echo "$out"); exit 1; }
