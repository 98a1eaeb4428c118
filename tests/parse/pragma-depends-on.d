#pragma D depends_on library procfs.d
#pragma D depends_on module vmlinux
#pragma D depends_on provider io
