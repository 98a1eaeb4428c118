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

static void free_events(Vec *ev)
{
	for (int i = 0; i < ev->len; i++) {
		Event *e = ev->data[i];
		free(e->group);
		free(e->event);
		free(e);
	}
	vec_free(ev);
}

/* Whether a literal probe name (BEGIN, tick-1s, entry) can name no tracepoint. */
static bool names_no_event(const Vec *ev, const char *name)
{
	if (!name[0] || strpbrk(name, "*?[\\"))
		return false;
	for (int i = 0; i < ev->len; i++)
		if (!strcmp(((Event *)ev->data[i])->event, name))
			return false;
	return true;
}

/* Every tracepoint, unless the description's literal name is none of theirs. */
static void sdt_provide(ProbeTab *tab, const ProbeDesc *pd)
{
	Vec ev = {0};
	if (tab->sdt_done)
		return;
	int err = tfs_events(add_event, &ev);
	if (err && err != -ENOENT) /* no tracefs: no tracepoints; otherwise say why */
		fprintf(stderr, "dtrace: failed to list tracepoints: %s\n", strerror(-err));
	if (!names_no_event(&ev, pd->name)) {
		tab->sdt_done = true;
		for (int i = 0; i < ev.len; i++) {
			Event *e = ev.data[i];
			probe_add(tab, &prov_sdt, e->group, "", e->event, PK_SDT, 0)->listed = true;
		}
	}
	free_events(&ev);
}

/* sdt's args[]: the record's fields. */
static int sdt_argtypes(const Probe *p, struct TypeSpace *ts, struct Type **out, int max)
{
	return tfs_argtypes(ts, p->mod, p->name, false, out, max);
}

const Provider prov_sdt = {
	.name = "sdt",
	.provide = sdt_provide,
	.argtypes = sdt_argtypes,
};

/* ---- rawtp ---- */

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
 * would scan the whole BTF 2000 times.  A description whose literal name is
 * no tracepoint's (dtrace -n BEGIN) does not load the BTF at all.
 */
static void rawtp_provide(ProbeTab *tab, const ProbeDesc *pd)
{
	Vec ev = {0};
	if (tab->rawtp_done)
		return;
	tfs_events(add_event, &ev);
	if (names_no_event(&ev, pd->name)) {
		free_events(&ev);
		return;
	}
	tab->rawtp_done = true;
	if (!tab->btf && !(tab->btf = btf__load_vmlinux_btf())) {
		free_events(&ev);
		return; /* no BTF: no rawtp probes */
	}
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
	free_events(&ev);
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
