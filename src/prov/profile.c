/*
 * prov/profile.c - the profile provider's tick-N probes.
 *
 * tick-N fires on one CPU every N (units ns us ms s m h d hz; a bare number
 * is hz); profile-N fires on every CPU, with the interrupted kernel PC in
 * arg0 and user PC in arg1 (one CPU-clock perf event per CPU).  The timer source is a BPF timer (bpf_timer, CLOCK_MONOTONIC)
 * re-armed at absolute times from its own callback, so ticks keep time
 * even on an idle vCPU, where CPU-clock perf events barely fire (measured:
 * 45 of 2000 expected firings in 2 s); profile-N has to sample what runs, so
 * it uses those perf events, and idle CPUs are sampled rarely on such VMs.
 */
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "probe.h"

#define NANOSEC 1000000000ULL
#define TICK_MIN_NS 200000ULL /* DTrace's lower bound on profile intervals */

static const struct {
	const char *name;
	uint64_t mult; /* ns per unit; 0 means hz */
} units[] = {
	{"ns", 1}, {"nsec", 1}, {"us", 1000}, {"usec", 1000}, {"ms", 1000000},
	{"msec", 1000000}, {"s", NANOSEC}, {"sec", NANOSEC}, {"m", 60 * NANOSEC},
	{"min", 60 * NANOSEC}, {"h", 3600 * NANOSEC}, {"hour", 3600 * NANOSEC},
	{"d", 86400 * NANOSEC}, {"day", 86400 * NANOSEC}, {"hz", 0}, {"", 0},
};

/* "tick-10ms" -> 10000000, "profile-997" -> 1003009; 0 if not a valid name. */
static uint64_t tick_period(const char *name)
{
	const char *num;
	if (strncmp(name, "tick-", 5) == 0)
		num = name + 5;
	else if (strncmp(name, "profile-", 8) == 0)
		num = name + 8;
	else
		return 0;
	char *end;
	if (*num < '0' || *num > '9')
		return 0;
	unsigned long long n = strtoull(num, &end, 10);
	if (n == 0)
		return 0;
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (strcmp(end, units[i].name) != 0)
			continue;
		uint64_t ns = units[i].mult ? n * units[i].mult : NANOSEC / n;
		return ns >= TICK_MIN_NS ? ns : 0;
	}
	return 0;
}

static void add_tick(ProbeTab *tab, const char *name, bool listed)
{
	uint64_t ns = tick_period(name);
	if (ns && !probe_lookup(tab, "profile", "", "", name))
		probe_add(tab, &prov_profile, "", "", name, name[0] == 't' ? PK_TICK : PK_PROFILE,
			  ns)->listed = listed;
}

static void profile_populate(ProbeTab *tab)
{
	static const char *const fixed[] = {"profile-97", "profile-199", "profile-499",
					    "profile-997", "profile-1999", "profile-4001",
					    "profile-4999", "tick-1", "tick-10", "tick-100",
					    "tick-500", "tick-1000", "tick-5000"};
	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		add_tick(tab, fixed[i], true);
}

/* A description naming tick-N literally creates that probe (as in DTrace). */
static void profile_provide(ProbeTab *tab, const ProbeDesc *pd)
{
	if (strpbrk(pd->name, "*?[\\") || pd->mod[0] || pd->func[0])
		return;
	add_tick(tab, pd->name, false);
}

const Provider prov_profile = {
	.name = "profile",
	.populate = profile_populate,
	.provide = profile_provide,
};
