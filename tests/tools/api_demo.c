/*
 * api_demo - a program other than dtrace(1) built on libdtrace's public API
 * only: it compiles a D program, runs it, and prints each firing's probe
 * name and the records through its own callbacks.
 */
#include <dtrace.h>
#include <stdio.h>

static int probe_cb(const dtrace_probedata_t *d, void *arg)
{
	(void)arg;
	printf("[%s:%s:%s:%s] ", d->dtpda_pdesc->prv, d->dtpda_pdesc->mod, d->dtpda_pdesc->func,
	       d->dtpda_pdesc->name);
	return DTRACE_CONSUME_THIS;
}

static int rec_cb(const dtrace_probedata_t *d, const dtrace_recdesc_t *rec, void *arg)
{
	(void)d, (void)arg;
	if (!rec)
		printf("\n");
	return rec && rec->dtrd_action == DTRACEACT_EXIT ? DTRACE_CONSUME_NEXT : DTRACE_CONSUME_THIS;
}

int main(void)
{
	int err, status = -1;
	dtrace_hdl_t *dtp = dtrace_open(DTRACE_VERSION, 0, &err);
	if (!dtp)
		return 1;
	dtrace_setopt(dtp, "quiet", NULL);
	dtrace_prog_t *p = dtrace_program_strcompile(
		dtp, "BEGIN { printf(\"hello from the API %d\", 6 * 7); } END { exit(5); }", "api", 0, 0,
		NULL);
	dtrace_proginfo_t info;
	if (!p || dtrace_program_exec(dtp, p, &info) || dtrace_go(dtp))
		return 1;
	printf("matched %d\n", info.dpi_matches);
	dtrace_work(dtp, stdout, probe_cb, rec_cb, NULL);
	dtrace_stop(dtp);
	while (dtrace_work(dtp, stdout, probe_cb, rec_cb, NULL) == DTRACE_WORKSTATUS_OKAY)
		;
	dtrace_exit_status(dtp, &status);
	printf("exit status %d\n", status);
	dtrace_close(dtp);
	return 0;
}
