/*
 * prov/dtrace.c - the dtrace provider: BEGIN, END and ERROR.
 *
 * BEGIN fires once when tracing starts and END once when it stops, both in
 * the dtrace process itself (BPF_PROG_TEST_RUN of their program), so pid,
 * execname and timestamp mean what they mean in DTrace.  ERROR fires from
 * the fault path of whichever program faulted.
 */
#include "probe.h"

static void dtrace_populate(ProbeTab *tab)
{
	probe_add(tab, &prov_dtrace, "", "", "BEGIN", PK_BEGIN, 0)->listed = true;
	probe_add(tab, &prov_dtrace, "", "", "END", PK_END, 0)->listed = true;
	probe_add(tab, &prov_dtrace, "", "", "ERROR", PK_ERROR, 0)->listed = true;
}

const Provider prov_dtrace = {
	.name = "dtrace",
	.populate = dtrace_populate,
};
