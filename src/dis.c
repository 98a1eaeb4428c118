/*
 * dis.c - BPF instructions to text, in the kernel verifier's notation.
 *
 * Takes an array of struct bpf_insn and gives one line of text per
 * instruction ("r1 = *(u64 *)(r10 -8)", "call bpf_ringbuf_output#130"),
 * naming maps, helpers and functions through the caller's DisAnnot.  It
 * must never crash or read past the array on bad input: whatever it cannot
 * decode (an unknown opcode, a register above r10, a field that must be zero
 * and is not, an ld_imm64 cut off by the end of the program) prints as
 * ".insn 0x<code> dst=.. src=.. off=.. imm=.." so a broken program can still
 * be read.
 *
 * The notation is the one the kernel prints in verifier logs (kernel/bpf/
 * disasm.c), minus its "(opcode)" column, plus "ll" after 64-bit immediates
 * as llvm-objdump writes them; a user comparing our -S output with a
 * verifier log should see the same text.
 */
#include "dis.h"

#include <string.h>

/*
 * Opcode parts newer than some installed <linux/bpf.h> (Debian 12's lacks
 * the cpu v4 and later encodings); the values are the kernel's ABI.
 */
#ifndef BPF_MEMSX
#define BPF_MEMSX 0x80 /* sign-extending load */
#endif
#ifndef BPF_JCOND
#define BPF_JCOND 0xe0 /* may_goto */
#endif
#ifndef BPF_LOAD_ACQ
#define BPF_LOAD_ACQ 0x100
#endif
#ifndef BPF_STORE_REL
#define BPF_STORE_REL 0x110
#endif
#ifndef BPF_PSEUDO_MAP_IDX
#define BPF_PSEUDO_MAP_IDX 5
#endif
#ifndef BPF_PSEUDO_MAP_IDX_VALUE
#define BPF_PSEUDO_MAP_IDX_VALUE 6
#endif
#ifndef BPF_PSEUDO_FUNC
#define BPF_PSEUDO_FUNC 4
#endif
#ifndef BPF_PSEUDO_KFUNC_CALL
#define BPF_PSEUDO_KFUNC_CALL 2
#endif

/*
 * The kernel's helper names, indexed by enum bpf_func_id.  Generated from
 * ___BPF_FUNC_MAPPER in <linux/bpf.h> (the list is frozen at 211; 210 and
 * 211 postdate the header on older build hosts).  A table rather than the
 * header's macro so that -S output does not change with the build host.
 */
static const char *const helper_names[] = {
	/*   0 */ NULL,
	/*   1 */ "bpf_map_lookup_elem", "bpf_map_update_elem", "bpf_map_delete_elem",
	/*   4 */ "bpf_probe_read", "bpf_ktime_get_ns", "bpf_trace_printk", "bpf_get_prandom_u32",
	/*   8 */ "bpf_get_smp_processor_id", "bpf_skb_store_bytes", "bpf_l3_csum_replace",
	/*  11 */ "bpf_l4_csum_replace", "bpf_tail_call", "bpf_clone_redirect",
	/*  14 */ "bpf_get_current_pid_tgid", "bpf_get_current_uid_gid", "bpf_get_current_comm",
	/*  17 */ "bpf_get_cgroup_classid", "bpf_skb_vlan_push", "bpf_skb_vlan_pop",
	/*  20 */ "bpf_skb_get_tunnel_key", "bpf_skb_set_tunnel_key", "bpf_perf_event_read",
	/*  23 */ "bpf_redirect", "bpf_get_route_realm", "bpf_perf_event_output",
	/*  26 */ "bpf_skb_load_bytes", "bpf_get_stackid", "bpf_csum_diff",
	/*  29 */ "bpf_skb_get_tunnel_opt", "bpf_skb_set_tunnel_opt", "bpf_skb_change_proto",
	/*  32 */ "bpf_skb_change_type", "bpf_skb_under_cgroup", "bpf_get_hash_recalc",
	/*  35 */ "bpf_get_current_task", "bpf_probe_write_user", "bpf_current_task_under_cgroup",
	/*  38 */ "bpf_skb_change_tail", "bpf_skb_pull_data", "bpf_csum_update",
	/*  41 */ "bpf_set_hash_invalid", "bpf_get_numa_node_id", "bpf_skb_change_head",
	/*  44 */ "bpf_xdp_adjust_head", "bpf_probe_read_str", "bpf_get_socket_cookie",
	/*  47 */ "bpf_get_socket_uid", "bpf_set_hash", "bpf_setsockopt", "bpf_skb_adjust_room",
	/*  51 */ "bpf_redirect_map", "bpf_sk_redirect_map", "bpf_sock_map_update",
	/*  54 */ "bpf_xdp_adjust_meta", "bpf_perf_event_read_value", "bpf_perf_prog_read_value",
	/*  57 */ "bpf_getsockopt", "bpf_override_return", "bpf_sock_ops_cb_flags_set",
	/*  60 */ "bpf_msg_redirect_map", "bpf_msg_apply_bytes", "bpf_msg_cork_bytes",
	/*  63 */ "bpf_msg_pull_data", "bpf_bind", "bpf_xdp_adjust_tail", "bpf_skb_get_xfrm_state",
	/*  67 */ "bpf_get_stack", "bpf_skb_load_bytes_relative", "bpf_fib_lookup",
	/*  70 */ "bpf_sock_hash_update", "bpf_msg_redirect_hash", "bpf_sk_redirect_hash",
	/*  73 */ "bpf_lwt_push_encap", "bpf_lwt_seg6_store_bytes", "bpf_lwt_seg6_adjust_srh",
	/*  76 */ "bpf_lwt_seg6_action", "bpf_rc_repeat", "bpf_rc_keydown", "bpf_skb_cgroup_id",
	/*  80 */ "bpf_get_current_cgroup_id", "bpf_get_local_storage", "bpf_sk_select_reuseport",
	/*  83 */ "bpf_skb_ancestor_cgroup_id", "bpf_sk_lookup_tcp", "bpf_sk_lookup_udp",
	/*  86 */ "bpf_sk_release", "bpf_map_push_elem", "bpf_map_pop_elem", "bpf_map_peek_elem",
	/*  90 */ "bpf_msg_push_data", "bpf_msg_pop_data", "bpf_rc_pointer_rel", "bpf_spin_lock",
	/*  94 */ "bpf_spin_unlock", "bpf_sk_fullsock", "bpf_tcp_sock", "bpf_skb_ecn_set_ce",
	/*  98 */ "bpf_get_listener_sock", "bpf_skc_lookup_tcp", "bpf_tcp_check_syncookie",
	/* 101 */ "bpf_sysctl_get_name", "bpf_sysctl_get_current_value", "bpf_sysctl_get_new_value",
	/* 104 */ "bpf_sysctl_set_new_value", "bpf_strtol", "bpf_strtoul", "bpf_sk_storage_get",
	/* 108 */ "bpf_sk_storage_delete", "bpf_send_signal", "bpf_tcp_gen_syncookie",
	/* 111 */ "bpf_skb_output", "bpf_probe_read_user", "bpf_probe_read_kernel",
	/* 114 */ "bpf_probe_read_user_str", "bpf_probe_read_kernel_str", "bpf_tcp_send_ack",
	/* 117 */ "bpf_send_signal_thread", "bpf_jiffies64", "bpf_read_branch_records",
	/* 120 */ "bpf_get_ns_current_pid_tgid", "bpf_xdp_output", "bpf_get_netns_cookie",
	/* 123 */ "bpf_get_current_ancestor_cgroup_id", "bpf_sk_assign", "bpf_ktime_get_boot_ns",
	/* 126 */ "bpf_seq_printf", "bpf_seq_write", "bpf_sk_cgroup_id",
	/* 129 */ "bpf_sk_ancestor_cgroup_id", "bpf_ringbuf_output", "bpf_ringbuf_reserve",
	/* 132 */ "bpf_ringbuf_submit", "bpf_ringbuf_discard", "bpf_ringbuf_query",
	/* 135 */ "bpf_csum_level", "bpf_skc_to_tcp6_sock", "bpf_skc_to_tcp_sock",
	/* 138 */ "bpf_skc_to_tcp_timewait_sock", "bpf_skc_to_tcp_request_sock",
	/* 140 */ "bpf_skc_to_udp6_sock", "bpf_get_task_stack", "bpf_load_hdr_opt",
	/* 143 */ "bpf_store_hdr_opt", "bpf_reserve_hdr_opt", "bpf_inode_storage_get",
	/* 146 */ "bpf_inode_storage_delete", "bpf_d_path", "bpf_copy_from_user",
	/* 149 */ "bpf_snprintf_btf", "bpf_seq_printf_btf", "bpf_skb_cgroup_classid",
	/* 152 */ "bpf_redirect_neigh", "bpf_per_cpu_ptr", "bpf_this_cpu_ptr", "bpf_redirect_peer",
	/* 156 */ "bpf_task_storage_get", "bpf_task_storage_delete", "bpf_get_current_task_btf",
	/* 159 */ "bpf_bprm_opts_set", "bpf_ktime_get_coarse_ns", "bpf_ima_inode_hash",
	/* 162 */ "bpf_sock_from_file", "bpf_check_mtu", "bpf_for_each_map_elem", "bpf_snprintf",
	/* 166 */ "bpf_sys_bpf", "bpf_btf_find_by_name_kind", "bpf_sys_close", "bpf_timer_init",
	/* 170 */ "bpf_timer_set_callback", "bpf_timer_start", "bpf_timer_cancel",
	/* 173 */ "bpf_get_func_ip", "bpf_get_attach_cookie", "bpf_task_pt_regs",
	/* 176 */ "bpf_get_branch_snapshot", "bpf_trace_vprintk", "bpf_skc_to_unix_sock",
	/* 179 */ "bpf_kallsyms_lookup_name", "bpf_find_vma", "bpf_loop", "bpf_strncmp",
	/* 183 */ "bpf_get_func_arg", "bpf_get_func_ret", "bpf_get_func_arg_cnt", "bpf_get_retval",
	/* 187 */ "bpf_set_retval", "bpf_xdp_get_buff_len", "bpf_xdp_load_bytes",
	/* 190 */ "bpf_xdp_store_bytes", "bpf_copy_from_user_task", "bpf_skb_set_tstamp",
	/* 193 */ "bpf_ima_file_hash", "bpf_kptr_xchg", "bpf_map_lookup_percpu_elem",
	/* 196 */ "bpf_skc_to_mptcp_sock", "bpf_dynptr_from_mem", "bpf_ringbuf_reserve_dynptr",
	/* 199 */ "bpf_ringbuf_submit_dynptr", "bpf_ringbuf_discard_dynptr", "bpf_dynptr_read",
	/* 202 */ "bpf_dynptr_write", "bpf_dynptr_data", "bpf_tcp_raw_gen_syncookie_ipv4",
	/* 205 */ "bpf_tcp_raw_gen_syncookie_ipv6", "bpf_tcp_raw_check_syncookie_ipv4",
	/* 207 */ "bpf_tcp_raw_check_syncookie_ipv6", "bpf_ktime_get_tai_ns",
	/* 209 */ "bpf_user_ringbuf_drain", "bpf_cgrp_storage_get", "bpf_cgrp_storage_delete",
};

_Static_assert(ARRAY_SIZE(helper_names) == 212, "helper ids run 0..211");

const char *dis_helper_name(int id)
{
	if (id <= 0 || (size_t)id >= ARRAY_SIZE(helper_names))
		return NULL;
	return helper_names[id];
}

/* The state of one instruction's decoding. */
typedef struct Dis {
	StrBuf *out;
	const struct bpf_insn *insns;
	int n;
	int pc;
	const DisAnnot *annot;
} Dis;

/* Indexed by BPF_SIZE(code) >> 3: W, H, B, DW. */
static const char *const size_name[] = {"u32", "u16", "u8", "u64"};
static const char *const sext_name[] = {"s32", "s16", "s8", NULL};

static const char *sym(const Dis *d, int kind, int64_t imm)
{
	const DisAnnot *a = d->annot;
	return a && a->sym_of ? a->sym_of(a->arg, kind, imm, d->pc) : NULL;
}

static void put(const Dis *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void put(const Dis *d, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sb_vprintf(d->out, fmt, ap);
	va_end(ap);
}

/* What we cannot decode, field by field; returns the slot count (1). */
static int raw(const Dis *d, const struct bpf_insn *in)
{
	put(d, ".insn 0x%02x dst=%u src=%u off=%d imm=%d", in->code, in->dst_reg, in->src_reg,
	    in->off, in->imm);
	return 1;
}

static bool reg_ok(unsigned r)
{
	return r <= BPF_REG_10;
}

/* ---- ALU and ALU64 ---- */

/* Indexed by BPF_OP(code) >> 4; NULL where the op needs its own form. */
static const char *const alu_op[16] = {
	"+=", "-=", "*=", "/=", "|=", "&=", "<<=", ">>=", NULL, "%=", "^=", "=", "s>>=",
};

/* BPF_END: byte swaps.  ALU64 is the unconditional bswap (cpu v4). */
static int dis_end(const Dis *d, const struct bpf_insn *in, bool is64)
{
	if ((in->imm != 16 && in->imm != 32 && in->imm != 64) || in->off != 0 ||
	    in->src_reg != 0 || (is64 && BPF_SRC(in->code) != BPF_TO_LE))
		return raw(d, in);
	if (is64)
		put(d, "r%u = bswap%d r%u", in->dst_reg, in->imm, in->dst_reg);
	else
		put(d, "r%u = %s%d r%u", in->dst_reg, BPF_SRC(in->code) == BPF_TO_BE ? "be" : "le",
		    in->imm, in->dst_reg);
	return 1;
}

/*
 * MOV and its variants chosen by `off`: 8/16/32 sign-extend the source
 * (movsx, cpu v4; only 8 and 16 for ALU32), and ALU64 off 1 is the arena's
 * addr_space_cast with the address spaces in imm.
 */
static int dis_mov(const Dis *d, const struct bpf_insn *in, char r)
{
	bool is64 = r == 'r';

	if (BPF_SRC(in->code) == BPF_K) {
		if (in->off != 0 || in->src_reg != 0)
			return raw(d, in);
		put(d, "%c%u = %d", r, in->dst_reg, in->imm);
	} else if (in->off == 0 && in->imm == 0) {
		put(d, "%c%u = %c%u", r, in->dst_reg, r, in->src_reg);
	} else if ((in->off == 8 || in->off == 16 || (is64 && in->off == 32)) && in->imm == 0) {
		put(d, "%c%u = (s%d)%c%u", r, in->dst_reg, in->off, r, in->src_reg);
	} else if (is64 && in->off == 1) {
		put(d, "r%u = addr_space_cast(r%u, %u, %u)", in->dst_reg, in->src_reg,
		    (uint32_t)in->imm >> 16, (uint16_t)in->imm);
	} else {
		return raw(d, in);
	}
	return 1;
}

static int dis_alu(const Dis *d, const struct bpf_insn *in)
{
	bool is64 = BPF_CLASS(in->code) == BPF_ALU64;
	char r = is64 ? 'r' : 'w';
	unsigned op = BPF_OP(in->code);
	const char *sym_op = alu_op[op >> 4];

	if (op == BPF_END)
		return dis_end(d, in, is64);
	if (op == BPF_MOV)
		return dis_mov(d, in, r);
	if (op == BPF_NEG) {
		if (BPF_SRC(in->code) != BPF_K || in->off || in->src_reg || in->imm)
			return raw(d, in);
		put(d, "%c%u = -%c%u", r, in->dst_reg, r, in->dst_reg);
		return 1;
	}
	/* off 1 turns DIV and MOD into their signed forms (cpu v4). */
	if ((op == BPF_DIV || op == BPF_MOD) && in->off == 1)
		sym_op = op == BPF_DIV ? "s/=" : "s%=";
	else if (in->off != 0)
		return raw(d, in);
	if (!sym_op)
		return raw(d, in);
	if (BPF_SRC(in->code) == BPF_X)
		put(d, "%c%u %s %c%u", r, in->dst_reg, sym_op, r, in->src_reg);
	else if (in->src_reg == 0)
		put(d, "%c%u %s %d", r, in->dst_reg, sym_op, in->imm);
	else
		return raw(d, in);
	return 1;
}

/* ---- JMP and JMP32 ---- */

/* Indexed by BPF_OP(code) >> 4; NULL where the op is not a comparison. */
static const char *const jmp_op[16] = {
	NULL, "==", ">", ">=", "&", "!=", "s>", "s>=", NULL, NULL, "<", "<=", "s<", "s<=",
};

static int dis_call(const Dis *d, const struct bpf_insn *in)
{
	const char *name;

	if (in->dst_reg != 0 || in->off != 0)
		return raw(d, in);
	switch (in->src_reg) {
	case 0:
		name = sym(d, DIS_SYM_HELPER, in->imm);
		if (!name)
			name = dis_helper_name(in->imm);
		put(d, "call %s#%d", name ? name : "unknown", in->imm);
		return 1;
	case BPF_PSEUDO_CALL:
		put(d, "call pc%+d", in->imm);
		name = sym(d, DIS_SYM_FUNC, (int64_t)d->pc + in->imm + 1);
		if (name)
			put(d, " <%s>", name);
		return 1;
	case BPF_PSEUDO_KFUNC_CALL:
		name = sym(d, DIS_SYM_KFUNC, in->imm);
		put(d, "call %s#%d", name ? name : "kernel-function", in->imm);
		return 1;
	}
	return raw(d, in);
}

/* JA, CALL, EXIT and may_goto: the JMP ops that compare nothing. */
static int dis_jmp_other(const Dis *d, const struct bpf_insn *in, bool is32)
{
	unsigned op = BPF_OP(in->code);
	bool regs0 = in->dst_reg == 0 && in->src_reg == 0 && BPF_SRC(in->code) == BPF_K;

	if (op == BPF_JA && regs0 && !is32 && in->imm == 0)
		put(d, "goto pc%+d", in->off);
	else if (op == BPF_JA && regs0 && is32 && in->off == 0)
		put(d, "gotol pc%+d", in->imm); /* 32-bit offset, cpu v4 */
	else if (op == BPF_CALL && !is32 && BPF_SRC(in->code) == BPF_K)
		return dis_call(d, in);
	else if (op == BPF_EXIT && !is32 && regs0 && in->off == 0 && in->imm == 0)
		put(d, "exit");
	else if (op == BPF_JCOND && !is32 && regs0 && in->imm == 0)
		put(d, "may_goto pc%+d", in->off);
	else
		return raw(d, in);
	return 1;
}

static int dis_jmp(const Dis *d, const struct bpf_insn *in)
{
	bool is32 = BPF_CLASS(in->code) == BPF_JMP32;
	char r = is32 ? 'w' : 'r';
	const char *op = jmp_op[BPF_OP(in->code) >> 4];

	if (!op)
		return dis_jmp_other(d, in, is32);
	if (BPF_SRC(in->code) == BPF_X && in->imm == 0)
		put(d, "if %c%u %s %c%u goto pc%+d", r, in->dst_reg, op, r, in->src_reg, in->off);
	else if (BPF_SRC(in->code) == BPF_K && in->src_reg == 0)
		put(d, "if %c%u %s 0x%x goto pc%+d", r, in->dst_reg, op, (uint32_t)in->imm,
		    in->off);
	else
		return raw(d, in);
	return 1;
}

/* ---- loads and stores ---- */

static int dis_ldx(const Dis *d, const struct bpf_insn *in)
{
	unsigned sz = BPF_SIZE(in->code) >> 3;
	const char *type = BPF_MODE(in->code) == BPF_MEM     ? size_name[sz]
			   : BPF_MODE(in->code) == BPF_MEMSX ? sext_name[sz]
							     : NULL;
	if (!type || in->imm != 0)
		return raw(d, in);
	put(d, "r%u = *(%s *)(r%u %+d)", in->dst_reg, type, in->src_reg, in->off);
	return 1;
}

static int dis_st(const Dis *d, const struct bpf_insn *in)
{
	if (BPF_MODE(in->code) != BPF_MEM || in->src_reg != 0)
		return raw(d, in);
	put(d, "*(%s *)(r%u %+d) = %d", size_name[BPF_SIZE(in->code) >> 3], in->dst_reg, in->off,
	    in->imm);
	return 1;
}

/* Atomic read-modify-write ops, by imm & ~BPF_FETCH. */
static const char *atomic_name(int op, const char **assign)
{
	switch (op) {
	case BPF_ADD: *assign = "+="; return "add";
	case BPF_AND: *assign = "&="; return "and";
	case BPF_OR: *assign = "|="; return "or";
	case BPF_XOR: *assign = "^="; return "xor";
	}
	return NULL;
}

static int dis_atomic(const Dis *d, const struct bpf_insn *in)
{
	unsigned sz = BPF_SIZE(in->code);
	const char *ty = size_name[sz >> 3], *w = sz == BPF_DW ? "64" : "", *assign = NULL;
	const char *name = atomic_name(in->imm & ~BPF_FETCH, &assign);
	bool rmw_size = sz == BPF_W || sz == BPF_DW;

	if (in->imm == BPF_LOAD_ACQ)
		put(d, "r%u = load_acquire((%s *)(r%u %+d))", in->dst_reg, ty, in->src_reg,
		    in->off);
	else if (in->imm == BPF_STORE_REL)
		put(d, "store_release((%s *)(r%u %+d), r%u)", ty, in->dst_reg, in->off,
		    in->src_reg);
	else if (!rmw_size)
		return raw(d, in);
	else if (in->imm == BPF_XCHG)
		put(d, "r%u = atomic%s_xchg((%s *)(r%u %+d), r%u)", in->src_reg, w, ty,
		    in->dst_reg, in->off, in->src_reg);
	else if (in->imm == BPF_CMPXCHG)
		put(d, "r0 = atomic%s_cmpxchg((%s *)(r%u %+d), r0, r%u)", w, ty, in->dst_reg,
		    in->off, in->src_reg);
	else if (name && (in->imm & BPF_FETCH))
		put(d, "r%u = atomic%s_fetch_%s((%s *)(r%u %+d), r%u)", in->src_reg, w, name, ty,
		    in->dst_reg, in->off, in->src_reg);
	else if (name)
		put(d, "lock *(%s *)(r%u %+d) %s r%u", ty, in->dst_reg, in->off, assign,
		    in->src_reg);
	else
		return raw(d, in);
	return 1;
}

static int dis_stx(const Dis *d, const struct bpf_insn *in)
{
	if (BPF_MODE(in->code) == BPF_ATOMIC)
		return dis_atomic(d, in);
	if (BPF_MODE(in->code) != BPF_MEM || in->imm != 0)
		return raw(d, in);
	put(d, "*(%s *)(r%u %+d) = r%u", size_name[BPF_SIZE(in->code) >> 3], in->dst_reg, in->off,
	    in->src_reg);
	return 1;
}

/* A map reference: "map[name]", "map_value[name]+16"; fd/index when unnamed. */
static void put_map(const Dis *d, const struct bpf_insn *in, const struct bpf_insn *hi)
{
	bool value = in->src_reg == BPF_PSEUDO_MAP_VALUE || in->src_reg == BPF_PSEUDO_MAP_IDX_VALUE;
	bool idx = in->src_reg == BPF_PSEUDO_MAP_IDX || in->src_reg == BPF_PSEUDO_MAP_IDX_VALUE;
	const char *name = sym(d, DIS_SYM_MAP, in->imm);

	put(d, "r%u = %s[", in->dst_reg, value ? "map_value" : "map");
	if (name)
		put(d, "%s]", name);
	else
		put(d, "%s:%d]", idx ? "idx" : "fd", in->imm);
	if (value)
		put(d, "%+d", hi->imm);
}

/*
 * ld_imm64: two slots, the second holding the high 32 bits (or, for a map
 * value, the offset into the value).  src_reg says what the 64 bits are.
 */
static int dis_ld_imm64(const Dis *d, const struct bpf_insn *in)
{
	const struct bpf_insn *hi = in + 1;
	const char *name;

	if (d->pc + 1 >= d->n || hi->code != 0 || hi->dst_reg || hi->src_reg || hi->off ||
	    in->off != 0)
		return raw(d, in);
	switch (in->src_reg) {
	case 0:
		put(d, "r%u = 0x%llx", in->dst_reg,
		    (unsigned long long)((uint64_t)(uint32_t)hi->imm << 32 | (uint32_t)in->imm));
		break;
	case BPF_PSEUDO_MAP_FD:
	case BPF_PSEUDO_MAP_IDX:
	case BPF_PSEUDO_MAP_VALUE:
	case BPF_PSEUDO_MAP_IDX_VALUE: put_map(d, in, hi); break;
	case BPF_PSEUDO_BTF_ID: put(d, "r%u = btf_id[%d]", in->dst_reg, in->imm); break;
	case BPF_PSEUDO_FUNC:
		put(d, "r%u = func pc%+d", in->dst_reg, in->imm);
		name = sym(d, DIS_SYM_FUNC, (int64_t)d->pc + in->imm + 1);
		if (name)
			put(d, " <%s>", name);
		break;
	default: return raw(d, in);
	}
	put(d, " ll");
	return 2;
}

/* BPF_LD: ld_imm64, and the legacy packet loads of socket filters. */
static int dis_ld(const Dis *d, const struct bpf_insn *in)
{
	unsigned mode = BPF_MODE(in->code), sz = BPF_SIZE(in->code);

	if (mode == BPF_IMM && sz == BPF_DW)
		return dis_ld_imm64(d, in);
	if (sz == BPF_DW || in->dst_reg != 0 || in->off != 0)
		return raw(d, in);
	if (mode == BPF_ABS && in->src_reg == 0)
		put(d, "r0 = *(%s *)skb[%d]", size_name[sz >> 3], in->imm);
	else if (mode == BPF_IND)
		put(d, "r0 = *(%s *)skb[r%u + %d]", size_name[sz >> 3], in->src_reg, in->imm);
	else
		return raw(d, in);
	return 1;
}

int dis_insn(StrBuf *out, const struct bpf_insn *insns, int n, int pc, const DisAnnot *annot)
{
	Dis d = {out, insns, n, pc, annot};

	if (pc < 0 || pc >= n) {
		sb_puts(out, "<pc out of range>");
		return 1;
	}
	const struct bpf_insn *in = &insns[pc];
	/* ld_imm64 and calls use src_reg for a kind, not a register. */
	bool kind_in_src = in->code == (BPF_LD | BPF_IMM | BPF_DW) ||
			   in->code == (BPF_JMP | BPF_CALL);
	if (!reg_ok(in->dst_reg) || (!kind_in_src && !reg_ok(in->src_reg)))
		return raw(&d, in);

	switch (BPF_CLASS(in->code)) {
	case BPF_ALU:
	case BPF_ALU64: return dis_alu(&d, in);
	case BPF_JMP:
	case BPF_JMP32: return dis_jmp(&d, in);
	case BPF_LDX: return dis_ldx(&d, in);
	case BPF_ST: return dis_st(&d, in);
	case BPF_STX: return dis_stx(&d, in);
	case BPF_LD: return dis_ld(&d, in);
	}
	return raw(&d, in);
}

void dis_insns(FILE *out, const struct bpf_insn *insns, int n, const DisAnnot *annot)
{
	StrBuf b = {0};

	for (int pc = 0; pc < n;) {
		const char *line = annot && annot->line_of ? annot->line_of(annot->arg, pc) : NULL;
		if (line)
			fprintf(out, "; %s\n", line);
		b.len = 0; /* reuse the buffer; dis_insn always appends */
		int slots = dis_insn(&b, insns, n, pc, annot);
		fprintf(out, "%4d: %s\n", pc, b.s ? b.s : "");
		pc += slots;
	}
	sb_free(&b);
}
