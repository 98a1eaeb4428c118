/*
 * prov/sdt.c - the kernel's tracepoints, two ways.
 *
 * sdt:<group>::<event> is every tracepoint of available_events (the naming
 * of Oracle's Linux DTrace).  Its arguments are the fields of the event's
 * record, in order, as the format file lays them out: arg0..argN, and
 * args[] typed from the fields' C declarations.  All sdt probes share one
 * tracepoint program; each probe is a tracepoint perf event linked to it
 * with the probe id as BPF cookie.
 *
 * rawtp:<group>::<event> is the same tracepoint before the record is made:
 * the arguments are those the kernel passes to the tracepoint (the
 * parameters of the btf_trace_<event> typedef in the kernel's BTF, so
 * args[1] of sched_switch is a struct task_struct *).  Only tracepoints
 * with such a typedef exist here.  All rawtp probes share one raw
 * tracepoint program, attached per probe with the probe id as cookie.
 *
 * Both lists are read the first time a description could name one of their
 * probes, never at start-up: dtrace -n 'syscall::read:entry' does not pay
 * for them.
 */
#include <bpf/btf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "probe.h"
#include "tracefs.h"

static void add_sdt(char *group, char *event, void *arg)
{
	probe_add(arg, &prov_sdt, group, "", event, PK_SDT, 0)->listed = true;
}

static void sdt_provide(ProbeTab *tab, const ProbeDesc *pd)
{
	if (tab->sdt_done)
		return;
	tab->sdt_done = true;
	int err = tfs_events(add_sdt, tab);
	if (err && err != -ENOENT) /* no tracefs: no tracepoints; otherwise say why */
		fprintf(stderr, "dtrace: failed to list tracepoints: %s\n", strerror(-err));
}

/* sdt's args[]: the record's fields; a __data_loc string is a char * into the record. */
static int sdt_argtypes(const Probe *p, struct TypeSpace *ts, struct Type **out, int max)
{
	TfsField f[16];
	int n = tfs_fields(p->mod, p->name, f, max < 16 ? max : 16);
	for (int i = 0; i < n; i++) {
		if (f[i].data_loc)
			out[i] = tfs_ctype(ts, f[i].ctype, 0, false);
		else
			out[i] = tfs_ctype(ts, f[i].ctype, f[i].nelem, false);
		if (out[i] && f[i].data_loc)
			out[i] = type_ptr(ts, out[i], false);
		if (!out[i]) /* a type BTF does not know: an integer of the field's size */
			out[i] = f[i].is_signed ? &ty_int64 : &ty_uint64;
	}
	return n < 0 ? -1 : n;
}

const Provider prov_sdt = {
	.name = "sdt",
	.provide = sdt_provide,
	.argtypes = sdt_argtypes,
};

/* ---- rawtp ---- */

typedef struct Event {
	char *group, *event;
} Event;

static void add_event(char *group, char *event, void *arg)
{
	Vec *v = arg;
	Event *e = xcalloc(1, sizeof(*e));
	e->group = xstrdup(group);
	e->event = xstrdup(event);
	vec_push(v, e);
}

static int event_cmp(const void *a, const void *b)
{
	return strcmp((*(Event *const *)a)->event, (*(Event *const *)b)->event);
}

/* The FUNC_PROTO a btf_trace_<event> typedef points to, or NULL. */
static const struct btf_type *rawtp_proto(const struct btf *btf, const struct btf_type *t)
{
	t = btf__type_by_id(btf, t->type);
	if (!t || !btf_is_ptr(t))
		return NULL;
	t = btf__type_by_id(btf, t->type);
	return t && btf_is_func_proto(t) ? t : NULL;
}

/*
 * One pass over the kernel's BTF for its btf_trace_* typedefs, each looked
 * up in the sorted event list for its group: a lookup by name per event
 * would scan the whole BTF 2000 times.
 */
static void rawtp_provide(ProbeTab *tab, const ProbeDesc *pd)
{
	if (tab->rawtp_done)
		return;
	tab->rawtp_done = true;
	if (!tab->btf && !(tab->btf = btf__load_vmlinux_btf()))
		return; /* no BTF: no rawtp probes */
	Vec ev = {0};
	tfs_events(add_event, &ev);
	if (ev.len)
		qsort(ev.data, (size_t)ev.len, sizeof(void *), event_cmp);
	uint32_t n = btf__type_cnt(tab->btf);
	for (uint32_t id = 1; id < n && ev.len; id++) {
		const struct btf_type *t = btf__type_by_id(tab->btf, id);
		if (!btf_is_typedef(t))
			continue;
		const char *name = btf__name_by_offset(tab->btf, t->name_off);
		const struct btf_type *proto;
		if (strncmp(name, "btf_trace_", 10) || !(proto = rawtp_proto(tab->btf, t)))
			continue;
		Event key = {.event = (char *)name + 10}, *kp = &key;
		Event **e = bsearch(&kp, ev.data, (size_t)ev.len, sizeof(void *), event_cmp);
		if (e)
			probe_add(tab, &prov_rawtp, (*e)->group, "", (*e)->event, PK_RAWTP,
				  (uint64_t)(btf_vlen(proto) - 1))->listed = true;
	}
	for (int i = 0; i < ev.len; i++) {
		Event *e = ev.data[i];
		free(e->group);
		free(e->event);
		free(e);
	}
	vec_free(&ev);
}

static int rawtp_argtypes(const Probe *p, struct TypeSpace *ts, struct Type **out, int max)
{
	struct btf *btf = types_vmlinux(ts);
	char *name = xasprintf("btf_trace_%s", p->name);
	int id = btf ? btf__find_by_name_kind(btf, name, BTF_KIND_TYPEDEF) : -1;
	free(name);
	const struct btf_type *proto = id > 0 ? rawtp_proto(btf, btf__type_by_id(btf, (uint32_t)id))
					      : NULL;
	if (!proto)
		return -1;
	int n = btf_vlen(proto) - 1;
	n = n < max ? n : max;
	for (int i = 0; i < n; i++) {
		out[i] = type_from_btf(ts, btf_params(proto)[i + 1].type);
		if (!out[i])
			out[i] = &ty_uint64;
	}
	return n;
}

const Provider prov_rawtp = {
	.name = "rawtp",
	.provide = rawtp_provide,
	.argtypes = rawtp_argtypes,
};
