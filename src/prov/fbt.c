/*
 * prov/fbt.c - why there are no fbt probes.
 *
 * fbt needs fentry/fexit (BPF trampolines) or kprobes.  This build does not
 * attach fbt probes yet, and kernels without either (such as the
 * development VMs: no kprobes built in, fentry refused with EPERM) could
 * not have them anyway; fbt probes are absent from -l, and a description
 * naming the provider gets this explanation.  The probing loads one tiny
 * fentry program, only when such a description is compiled, so start-up
 * stays fast.
 */
#include <bpf/bpf.h>
#include <bpf/btf.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "bpf.h"
#include "probe.h"

/* 0 if an fentry program on a common kernel function loads, else -errno. */
static int fentry_loads(void)
{
	struct btf *btf = btf__load_vmlinux_btf();
	int id = btf ? btf__find_by_name_kind(btf, "vfs_read", BTF_KIND_FUNC) : -1;
	btf__free(btf);
	if (id <= 0)
		return -ENOENT;
	struct bpf_insn prog[] = {I_MOV64_IMM(R0, 0), I_EXIT()};
	LIBBPF_OPTS(bpf_prog_load_opts, o, .expected_attach_type = BPF_TRACE_FENTRY,
		    .attach_btf_id = (uint32_t)id);
	int fd = bpf_prog_load(BPF_PROG_TYPE_TRACING, "dt_fbt_probe", "GPL", prog, 2, &o);
	if (fd < 0)
		return fd;
	close(fd);
	return 0;
}

void prov_fbt_why(char *buf, size_t n)
{
	int err = fentry_loads();
	bool kprobes = access("/sys/bus/event_source/devices/kprobe/type", R_OK) == 0;
	if (err || !kprobes)
		snprintf(buf, n, "fbt probes need fentry/fexit or kprobes, and this kernel has "
			 "neither (loading an fentry program: %s; kprobe PMU: %s)",
			 err ? strerror(-err) : "loads", kprobes ? "present" : "absent");
	else
		snprintf(buf, n, "the fbt provider is not supported yet");
}
