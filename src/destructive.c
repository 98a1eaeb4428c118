/*
 * destructive.c - code for the destructive actions: raise(), stop(),
 * copyout(), copyoutstr() (system() is recorded like printf() and run by
 * the consumer).  They are compiled whatever the options say; dtrace_go()
 * refuses to enable a program that has one unless the destructive option
 * (-w) is set, as DTrace refuses it at enabling time.
 *
 * bpf_send_signal() and bpf_probe_write_user() exist only for tracing
 * programs: the BEGIN, END, ERROR and tick programs are socket filters
 * (ARCHITECTURE.md), so these actions are refused in clauses enabled there,
 * with the reason, rather than left for the verifier to reject.
 */
#include <signal.h>

#include "cg.h"

/* Is there a probe of this clause whose program cannot call tracing helpers? */
static bool refuse_in_socket_filter(Cg *g, Node *n)
{
	for (int i = 0; i < g->cl->probes.len; i++) {
		const Probe *p = g->cl->probes.data[i];
		if (p->kind == PK_PROFILE || p->kind == PK_SYSCALL_ENTRY ||
		    p->kind == PK_SYSCALL_RETURN)
			continue;
		diag_error(g->cc->diag, n->pos, "D_ACT_PROBE", "%s( ) cannot be used in %s:%s:%s:%s: "
			   "that probe's BPF program (a socket filter) may not signal or write to "
			   "processes", n->name, p->prv, p->mod, p->func, p->name);
		g->err = 1;
		return true;
	}
	return false;
}

/* raise(sig), stop(): bpf_send_signal() to the current process. */
void cg_act_signal(Cg *g, Node *n, bool stop)
{
	g->cc->syms->destructive = true;
	if (refuse_in_socket_filter(g, n))
		return;
	int mark = g->nslots;
	if (stop) {
		cg_emit(g, I_MOV64_IMM(R1, SIGSTOP));
	} else {
		cg_load(g, R1, cg_expr(g, n->list.data[0]));
		cg_emit(g, I_ALU64_IMM(BPF_AND, R1, 0x7f)); /* a signal number, as the helper wants */
	}
	cg_emit(g, I_CALL(BPF_FUNC_send_signal));
	cg_slot_free(g, mark);
}

/*
 * bpf_probe_write_user(addr in slot, r9 + tmp, length in r2), the length
 * first bounded for the verifier: 0 writes nothing, more than a temporary
 * holds is an illegal operation.  A failed write faults at addr.
 */
static void write_user(Cg *g, int addr, int tmp)
{
	Label skip, ok;
	label_init(&skip);
	label_init(&ok);
	label_jump(g->b, &skip, I_JMP_IMM(BPF_JEQ, R2, 0, 0));
	label_jump(g->b, &ok, I_JMP_IMM(BPF_JLE, R2, g->cc->strsize, 0));
	cg_fault_illop(g);
	label_place(g->b, &ok);
	cg_load(g, R1, addr);
	cg_emit(g, I_STX(BPF_DW, R9, R1, MS_FAULTVAL));
	cg_emit(g, I_MOV64_REG(R3, R2));
	cg_emit(g, I_MOV64_REG(R2, R9));
	cg_emit(g, I_ALU64_IMM(BPF_ADD, R2, tmp));
	cg_emit(g, I_CALL(BPF_FUNC_probe_write_user));
	cg_check_read(g);
	label_place(g->b, &skip);
	label_fini(&skip);
	label_fini(&ok);
}

/*
 * copyout(buf, addr, nbytes): the bytes are read into a temporary first
 * (the helper writes only from BPF memory), so nbytes is at most strsize.
 */
void cg_act_copyout(Cg *g, Node *n)
{
	g->cc->syms->destructive = g->cc->syms->write_user = true;
	if (refuse_in_socket_filter(g, n))
		return;
	int mark = g->nslots;
	int buf = cg_expr(g, n->list.data[0]), addr = cg_expr(g, n->list.data[1]);
	int len = cg_expr(g, n->list.data[2]), tmp = cg_tmp_alloc(g, n);
	Label ok;
	label_init(&ok);
	cg_load(g, R2, len);
	label_jump(g->b, &ok, I_JMP_IMM(BPF_JLE, R2, g->cc->strsize, 0));
	cg_fault_illop(g);
	label_place(g->b, &ok);
	label_fini(&ok);
	cg_load(g, R3, buf);
	cg_emit(g, I_STX(BPF_DW, R9, R3, MS_FAULTVAL));
	cg_emit(g, I_MOV64_REG(R1, R9));
	cg_emit(g, I_ALU64_IMM(BPF_ADD, R1, tmp));
	cg_emit(g, I_CALL(BPF_FUNC_probe_read_kernel));
	cg_check_read(g);
	cg_load(g, R2, len);
	write_user(g, addr, tmp);
	cg_slot_free(g, mark);
}

/* copyoutstr(str, addr, maxlen): the string and its NUL, at most maxlen bytes. */
void cg_act_copyoutstr(Cg *g, Node *n)
{
	g->cc->syms->destructive = g->cc->syms->write_user = true;
	if (refuse_in_socket_filter(g, n))
		return;
	int mark = g->nslots;
	Node *s = n->list.data[0];
	int str = cg_expr(g, s), addr = cg_expr(g, n->list.data[1]);
	int max = cg_expr(g, n->list.data[2]);
	int tmp = cg_str_to_tmp(g, n, str, s->ty);
	cg_load(g, R2, max);
	cg_emit(g, I_JMP_REG(BPF_JLE, R2, R0, 1)); /* r2 = min(maxlen, length + 1) */
	cg_emit(g, I_MOV64_REG(R2, R0));
	write_user(g, addr, tmp);
	cg_slot_free(g, mark);
}
