struct vmlinux`foo { int a; };
