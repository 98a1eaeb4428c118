/*
 * dtrace(1) - the command: parses DTrace's options, then drives libdtrace
 * through its public API only (include/dtrace.h).
 *
 * Exit status as DTrace: 0 on success, the value given to exit(), 1 when a
 * program fails to compile or tracing fails, 2 on a usage error.
 */
#include <dtrace.h>
#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define E_SUCCESS 0
#define E_ERROR 1
#define E_USAGE 2

#define DTRACE_OPTSTR "3:6:ab:Bc:CD:ef:FGhHi:I:lL:m:n:o:p:P:qs:SU:vVwx:X:Z"

typedef enum { SPEC_NAME, SPEC_PROVIDER, SPEC_MODULE, SPEC_FUNC, SPEC_ID, SPEC_SCRIPT } SpecKind;

typedef struct Cmd {
	SpecKind kind;
	const char *arg;   /* as given */
	char *desc;        /* the name reported in "matched N probes" */
	dtrace_prog_t *prog;
} Cmd;

static const char *g_pname = "dtrace";
static dtrace_hdl_t *g_dtp;
static FILE *g_ofp;
static int g_quiet;
static volatile sig_atomic_t g_intr, g_newline, g_impatient;
static Cmd *g_cmds;
static int g_ncmds;
static char **g_args;
static const char **g_procopt; /* "c" or "p", then the argument, in command-line order */
static int g_nprocopt;
static int *g_psv, g_psc;      /* the processes traced */
static volatile int g_pslive;

static void add_cmd(SpecKind kind, const char *arg)
{
	g_cmds[g_ncmds++] = (Cmd){kind, arg, NULL, NULL};
}

/* Release everything and give back the exit status (every exit path comes here). */
static int finish(int status)
{
	for (int i = 0; i < g_ncmds; i++)
		free(g_cmds[i].desc);
	free(g_cmds);
	free(g_args);
	free(g_procopt);
	free(g_psv);
	dtrace_close(g_dtp);
	if (g_ofp && g_ofp != stdout)
		fclose(g_ofp);
	return status;
}

static void error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "%s: ", g_pname);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
}

static _Noreturn void fatal_lib(const char *what)
{
	error("%s: %s\n", what, dtrace_errmsg(g_dtp, dtrace_errno(g_dtp)));
	exit(finish(E_ERROR));
}

static int usage(FILE *fp)
{
	fprintf(fp, "Usage: %s [-BCeFhlqSvVwZ] [-b bufsz] [-c cmd] [-D name[=def]]\n"
		"\t[-I path] [-L path] [-o output] [-p pid] [-s script] [-U name]\n"
		"\t[-x opt[=val]] [-X a|c|s|t]\n\n"
		"\t[-P provider [[ predicate ] action ]]\n"
		"\t[-m [ provider: ] module [[ predicate ] action ]]\n"
		"\t[-f [[ provider: ] module: ] func [[ predicate ] action ]]\n"
		"\t[-n [[[ provider: ] module: ] func: ] name [[ predicate ] action ]]\n"
		"\t[-i probe-id [[ predicate ] action ]] [ args ... ]\n\n", g_pname);
	fputs("\tpredicate -> '/' D-expression '/'\n\t   action -> '{' D-statements '}'\n\n"
	      "\t-b  set trace buffer size\n\t-C  run cpp(1) preprocessor on script files\n"
	      "\t-D  define symbol when invoking preprocessor\n\t-e  exit after compiling request\n"
	      "\t-f  enable or list probes matching the specified function name\n"
	      "\t-H  print included files when invoking preprocessor\n"
	      "\t-i  enable or list probes matching the specified probe id\n"
	      "\t-I  add include directory to preprocessor search path\n"
	      "\t-l  list probes matching specified criteria\n"
	      "\t-m  enable or list probes matching the specified module name\n"
	      "\t-n  enable or list probes matching the specified probe name\n"
	      "\t-o  set output file\n"
	      "\t-P  enable or list probes matching the specified provider name\n"
	      "\t-q  set quiet mode (only output explicitly traced data)\n"
	      "\t-s  enable or list probes according to the specified D script\n"
	      "\t-S  print D compiler intermediate code\n"
	      "\t-U  undefine symbol when invoking preprocessor\n"
	      "\t-V  report DTrace API version\n\t-x  enable or modify compiler and tracing options\n"
	      "\t-Z  permit probe descriptions that match zero probes\n", fp);
	return E_USAGE;
}

static void intr(int sig)
{
	(void)sig;
	if (!g_intr)
		g_newline = 1;
	if (g_intr++)
		g_impatient = 1;
}

/* A description for -P/-m/-f: the fields fill from the right, so pad with colons. */
static char *spec_text(SpecKind kind, const char *arg)
{
	const char *pad = kind == SPEC_PROVIDER ? ":::" : kind == SPEC_MODULE ? "::"
		: kind == SPEC_FUNC ? ":" : "";
	size_t n = strcspn(arg, "{/;");
	size_t len = strlen(arg) + strlen(pad) + 1;
	char *s = malloc(len);
	snprintf(s, len, "%.*s%s%s", (int)n, arg, pad, arg + n);
	return s;
}

static void compile_cmd(Cmd *c, int cflags, int argc, char **argv)
{
	if (c->kind == SPEC_SCRIPT) {
		c->prog = dtrace_program_fcompile(g_dtp, c->arg, cflags, argc, argv);
		if (!c->prog) {
			if (dtrace_errno(g_dtp) != EINVAL)
				fatal_lib("failed to compile script");
			exit(finish(E_ERROR));
		}
		c->desc = strdup(c->arg);
		return;
	}
	char *text = spec_text(c->kind, c->arg);
	c->prog = dtrace_program_strcompile(g_dtp, text, "<command-line>", cflags & ~DTRACE_C_CPP,
					    argc, argv);
	free(text);
	if (!c->prog)
		exit(finish(E_ERROR));
	c->desc = strdup(c->arg);
	c->desc[strcspn(c->desc, "{/;")] = '\0'; /* crop the name for reporting, as DTrace */
}

/* Messages that -q silences, as DTrace's notice(). */
static void notice(const char *fmt, ...)
{
	va_list ap;
	if (g_quiet)
		return;
	va_start(ap, fmt);
	fprintf(stderr, "%s: ", g_pname);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
}

static void prochandler(dtrace_hdl_t *dtp, int pid, int status, void *arg)
{
	(void)dtp, (void)arg;
	if (WIFSIGNALED(status))
		notice("pid %d terminated by SIG%s\n", pid, sigabbrev_np(WTERMSIG(status)));
	else if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
		notice("pid %d exited with status %d\n", pid, WEXITSTATUS(status));
	else
		notice("pid %d has exited\n", pid);
	g_pslive--;
}

/* -c 'cmd args' (split on white space, no shell, as DTrace) and -p pid, in order. */
static void procs_start(void)
{
	g_psv = calloc((size_t)g_nprocopt + 1, sizeof(int));
	for (int i = 0; i < g_nprocopt; i += 2) {
		int pid = 0;
		if (g_procopt[i][0] == 'c') {
			char *cmd = strdup(g_procopt[i + 1]), *save = NULL;
			char **av = calloc(strlen(cmd) / 2 + 2, sizeof(char *));
			int ac = 0;
			for (char *w = strtok_r(cmd, " \t\n", &save); w;
			     w = strtok_r(NULL, " \t\n", &save))
				av[ac++] = w;
			int rc = ac ? dtrace_proc_create(g_dtp, av[0], av, &pid) : -1;
			free(av);
			free(cmd);
			if (!ac) {
				error("invalid command for -c: '%s'\n", g_procopt[i + 1]);
				exit(finish(E_USAGE));
			}
			if (rc) {
				error("%s\n", dtrace_errmsg(g_dtp, dtrace_errno(g_dtp)));
				exit(finish(E_ERROR));
			}
		} else {
			char *end;
			pid = (int)strtol(g_procopt[i + 1], &end, 10);
			if (*end || end == g_procopt[i + 1]) {
				error("invalid process id: '%s'\n", g_procopt[i + 1]);
				exit(finish(E_USAGE));
			}
			if (dtrace_proc_grab(g_dtp, pid)) {
				error("%s\n", dtrace_errmsg(g_dtp, dtrace_errno(g_dtp)));
				exit(finish(E_ERROR));
			}
		}
		g_psv[g_psc++] = pid;
	}
	g_pslive = g_psc;
	dtrace_handle_proc(g_dtp, prochandler, NULL);
}

/* -lv: DTrace's "Argument Types" section (the stability attributes are missing). */
static void list_args(dtrace_hdl_t *dtp, uint32_t id)
{
	char *types[10];
	int n = dtrace_probe_argtypes(dtp, id, types, 10);
	fprintf(g_ofp, "\n\tArgument Types\n");
	if (n < 0)
		fprintf(g_ofp, "\t\tUnknown\n");
	else if (n == 0)
		fprintf(g_ofp, "\t\tNone\n");
	for (int i = 0; i < n; i++) {
		fprintf(g_ofp, "\t\targs[%d]: %s\n", i, types[i]);
		free(types[i]);
	}
	fprintf(g_ofp, "\n");
}

static int list_probe(dtrace_hdl_t *dtp, const dtrace_probedesc_t *pd, void *arg)
{
	fprintf(g_ofp, "%5u %10s %17s %33s %s\n", pd->id, pd->prv, pd->mod, pd->func, pd->name);
	if (arg)
		list_args(dtp, pd->id);
	return 0;
}

static int chew(const dtrace_probedata_t *data, void *arg)
{
	static int heading;
	(void)arg;
	if (g_impatient) {
		g_newline = 0;
		return DTRACE_CONSUME_ABORT;
	}
	dtrace_optval_t flowindent = DTRACEOPT_UNSET;
	dtrace_getopt(g_dtp, "flowindent", &flowindent);
	if (!heading) {
		if (!g_quiet && flowindent != DTRACEOPT_UNSET)
			fprintf(g_ofp, "%3s %-41s\n", "CPU", "FUNCTION");
		else if (!g_quiet)
			fprintf(g_ofp, "%3s %6s %32s\n", "CPU", "ID", "FUNCTION:NAME");
		heading = 1;
	}
	if (!g_quiet && flowindent != DTRACEOPT_UNSET) {
		char name[600]; /* DTrace: entry and return show the function, others func:name */
		const dtrace_probedesc_t *pd = data->dtpda_pdesc;
		if (data->dtpda_flow == DTRACEFLOW_NONE)
			snprintf(name, sizeof(name), "%*s%s%s:%s", data->dtpda_indent, "",
				 data->dtpda_prefix, pd->func, pd->name);
		else
			snprintf(name, sizeof(name), "%*s%s%s", data->dtpda_indent, "",
				 data->dtpda_prefix, pd->func);
		fprintf(g_ofp, "%3u %-41s ", data->dtpda_cpu, name);
	} else if (!g_quiet) {
		char name[512];
		snprintf(name, sizeof(name), "%s:%s", data->dtpda_pdesc->func, data->dtpda_pdesc->name);
		fprintf(g_ofp, "%3u %6u %32s ", data->dtpda_cpu, data->dtpda_pdesc->id, name);
	}
	return DTRACE_CONSUME_THIS;
}

static int chewrec(const dtrace_probedata_t *data, const dtrace_recdesc_t *rec, void *arg)
{
	(void)data, (void)arg;
	if (!rec) {
		if (!g_quiet)
			fputc('\n', g_ofp);
		return DTRACE_CONSUME_NEXT;
	}
	if (rec->dtrd_action == DTRACEACT_EXIT)
		return DTRACE_CONSUME_NEXT;
	return DTRACE_CONSUME_THIS;
}

static int trace_loop(void)
{
	struct sigaction act = {0};
	int done = 0, status = E_SUCCESS;
	act.sa_handler = intr;
	sigemptyset(&act.sa_mask);
	sigaction(SIGINT, &act, NULL);
	sigaction(SIGTERM, &act, NULL);
	if (dtrace_go(g_dtp))
		fatal_lib("could not enable tracing");
	for (int i = 0; i < g_psc; i++)
		if (dtrace_proc_continue(g_dtp, g_psv[i]))
			fatal_lib("failed to start the process");
	do {
		if (!g_intr && !done && !(g_psc != 0 && g_pslive == 0))
			dtrace_sleep(g_dtp);
		if (g_newline) {
			fputc('\n', g_ofp);
			g_newline = 0;
		}
		if (g_impatient)
			break;
		if (done || g_intr || (g_psc != 0 && g_pslive == 0))
			done = 1, dtrace_stop(g_dtp);
		switch (dtrace_work(g_dtp, g_ofp, chew, chewrec, NULL)) {
		case DTRACE_WORKSTATUS_DONE:
			done = 1;
			break;
		case DTRACE_WORKSTATUS_OKAY:
			break;
		default:
			if (!g_impatient)
				fatal_lib("processing aborted");
		}
		fflush(g_ofp);
	} while (!done);
	fputc('\n', g_ofp);
	if (!g_impatient && dtrace_aggregate_print(g_dtp, g_ofp))
		fatal_lib("failed to print aggregations");
	dtrace_exit_status(g_dtp, &status);
	return status;
}

/*
 * dtrace -h -s provider.d [-o file.h]: the header for the script's
 * provider definitions, by default provider.h in the current directory.
 */
static int write_header(const char *ofile, int cflags, int argc, char **argv)
{
	Cmd *script = NULL;
	for (int i = 0; i < g_ncmds; i++)
		if (g_cmds[i].kind == SPEC_SCRIPT)
			script = &g_cmds[i];
	if (!script || g_ncmds != 1) {
		error("-h requires one script (-s) with provider definitions\n");
		return E_USAGE;
	}
	char path[4096], guard[4200];
	if (!ofile) {
		const char *slash = strrchr(script->arg, '/');
		const char *base = slash ? slash + 1 : script->arg;
		snprintf(path, sizeof(path), "%.*s.h", (int)strcspn(base, "."), base);
		ofile = path;
	}
	const char *gb = strrchr(ofile, '/') ? strrchr(ofile, '/') + 1 : ofile;
	snprintf(guard, sizeof(guard), "_%s", gb);
	for (char *g = guard; *g; g++)
		*g = (char)(isalnum((unsigned char)*g) ? toupper((unsigned char)*g) : '_');
	compile_cmd(script, cflags | DTRACE_C_ZDEFS, argc, argv);
	FILE *fp = fopen(ofile, "w");
	if (!fp) {
		error("failed to open output file '%s': %s\n", ofile, strerror(errno));
		return E_ERROR;
	}
	int rc = dtrace_program_header(g_dtp, script->prog, guard, fp);
	if (fclose(fp) || rc) {
		error("failed to write %s: %s\n", ofile, dtrace_errmsg(g_dtp, dtrace_errno(g_dtp)));
		return E_ERROR;
	}
	return E_SUCCESS;
}

int main(int argc, char **argv)
{
	Cmd *cmds = g_cmds = calloc((size_t)argc + 1, sizeof(Cmd));
	char **args = g_args = calloc((size_t)argc + 1, sizeof(char *));
	g_procopt = calloc(2 * (size_t)argc + 2, sizeof(char *));
	int nargs = 0, cflags = 0, mode_list = 0, mode_header = 0, no_exec = 0, err, c;
	void *verbose = NULL; /* -v: non-NULL */
	const char *ofile = NULL;
	args[nargs++] = argv[0];
	g_ofp = stdout;
	if (argc == 1)
		return finish(usage(stderr));
	g_dtp = dtrace_open(DTRACE_VERSION, 0, &err);
	if (!g_dtp) {
		error("failed to initialize dtrace: %s\n", strerror(err));
		return E_ERROR;
	}
	/* getopt permutes: options may follow operands; the operands become $1, $2 ... */
	while ((c = getopt(argc, argv, DTRACE_OPTSTR)) != -1) {
		switch (c) {
		case 'n': add_cmd(SPEC_NAME, optarg); break;
		case 'P': add_cmd(SPEC_PROVIDER, optarg); break;
		case 'm': add_cmd(SPEC_MODULE, optarg); break;
		case 'f': add_cmd(SPEC_FUNC, optarg); break;
		case 'i': add_cmd(SPEC_ID, optarg); break;
		case 's': add_cmd(SPEC_SCRIPT, optarg); break;
		case 'l': mode_list = 1; break;
		case 'e': no_exec = 1; break;
		case 'q': dtrace_setopt(g_dtp, "quiet", NULL); break;
		case 'S': dtrace_setopt(g_dtp, "disasm", NULL); break;
		case 'Z': dtrace_setopt(g_dtp, "zdefs", NULL); cflags |= DTRACE_C_ZDEFS; break;
		case 'C': cflags |= DTRACE_C_CPP; break;
		case 'o': ofile = optarg; break;
		case 'w': dtrace_setopt(g_dtp, "destructive", NULL); break;
		case 'F': dtrace_setopt(g_dtp, "flowindent", NULL); break;
		case 'V':
			printf("%s: Sun D 1.13 (dtrace for Linux, eBPF)\n", g_pname);
			return finish(E_SUCCESS);
		case 'D': case 'U': case 'I': case 'H': {
			char a[4096];
			snprintf(a, sizeof(a), "-%c%s", c, c == 'H' ? "" : optarg);
			dtrace_cpp_arg(g_dtp, a);
			break;
		}
		case 'b':
			if (dtrace_setopt(g_dtp, "bufsize", optarg))
				fatal_lib("failed to set -b");
			break;
		case 'x': {
			char *o = strdup(optarg), *v = strchr(o, '=');
			if (v)
				*v++ = '\0';
			if (dtrace_setopt(g_dtp, o, v)) {
				error("failed to set -x %s: %s\n", optarg,
				      dtrace_errmsg(g_dtp, dtrace_errno(g_dtp)));
				free(o);
				return finish(E_USAGE);
			}
			free(o);
			break;
		}
		case 'c': case 'p':
			g_procopt[g_nprocopt++] = c == 'c' ? "c" : "p";
			g_procopt[g_nprocopt++] = optarg;
			break;
		case 'h': mode_header = 1; break;
		case 'v': verbose = &verbose; break;
		case 'G': case 'a': case 'B': case 'X': case 'L':
		case '3': case '6':
			error("-%c is not supported yet\n", c);
			return finish(E_USAGE);
		default:
			return finish(usage(stderr));
		}
	}
	while (optind < argc)
		args[nargs++] = argv[optind++];
	dtrace_optval_t q;
	dtrace_getopt(g_dtp, "quiet", &q);
	g_quiet = q != DTRACEOPT_UNSET;
	if (mode_header)
		return finish(write_header(ofile, cflags, nargs, args));
	if (ofile && !(g_ofp = fopen(ofile, "a"))) {
		error("failed to open output file '%s': %s\n", ofile, strerror(errno));
		return finish(E_ERROR);
	}
	procs_start();
	int pflags = mode_list ? DTRACE_C_PSPEC | DTRACE_C_ZDEFS : 0;
	for (int i = 0; i < g_ncmds; i++)
		compile_cmd(&cmds[i], cflags | pflags, nargs, args);
	if (mode_list) {
		fprintf(g_ofp, "%5s %10s %17s %33s %s\n", "ID", "PROVIDER", "MODULE", "FUNCTION", "NAME");
		for (int i = 0; i < g_ncmds; i++)
			dtrace_program_probe_iter(g_dtp, cmds[i].prog, list_probe, verbose);
		if (g_ncmds == 0)
			dtrace_probe_iter(g_dtp, NULL, list_probe, verbose);
		return finish(E_SUCCESS);
	}
	/* #pragma D option quiet in a script takes effect once it is compiled. */
	dtrace_getopt(g_dtp, "quiet", &q);
	g_quiet = q != DTRACEOPT_UNSET;
	int total = 0;
	for (int i = 0; i < g_ncmds; i++) {
		dtrace_proginfo_t info;
		dtrace_program_exec(g_dtp, cmds[i].prog, &info);
		total += info.dpi_matches;
		if (!g_quiet)
			error("%s '%s' matched %d probe%s\n",
			      cmds[i].kind == SPEC_SCRIPT ? "script" : "description", cmds[i].desc,
			      info.dpi_matches, info.dpi_matches == 1 ? "" : "s");
	}
	int status = E_SUCCESS;
	if (no_exec) {
		/* -e: compiled, nothing to run */
	} else if (g_ncmds == 0) {
		error("no probes specified\n");
		status = E_USAGE;
	} else if (total == 0) {
		error("no probes matched\n");
		status = E_ERROR;
	} else {
		status = trace_loop();
	}
	return finish(status);
}
