/*
 * api.c - the public API (include/dtrace.h): the handle's life, options,
 * and the driver that runs the passes in order for each program:
 *
 *     source --cpp?--> lex+parse --> for each clause: match probes, sema, cg
 *
 * then, at dtrace_go, link + load (load.c), and the consumer (cons.c).
 */
#include <errno.h>
#include <fnmatch.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/epoll.h>
#include <unistd.h>

#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#include "cpp.h"
#include "hdl.h"
#include "spec.h"
#include "parse.h"

int dt_set_err(dtrace_hdl_t *dtp, int err, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(dtp->errmsg, sizeof(dtp->errmsg), fmt, ap);
	va_end(ap);
	dtp->err = err ? err : EINVAL;
	return -1;
}

int dtrace_errno(dtrace_hdl_t *dtp)
{
	return dtp ? dtp->err : errno;
}

const char *dtrace_errmsg(dtrace_hdl_t *dtp, int err)
{
	if (dtp && err == dtp->err && dtp->errmsg[0])
		return dtp->errmsg;
	return strerror(err);
}

static int silent_libbpf(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	(void)level, (void)fmt, (void)ap;
	return 0;
}

dtrace_hdl_t *dtrace_open(int version, int flags, int *errp)
{
	if (version != DTRACE_VERSION) {
		if (errp)
			*errp = EINVAL;
		return NULL;
	}
	libbpf_set_print(silent_libbpf);
	dtrace_hdl_t *dtp = xcalloc(1, sizeof(*dtp));
	dtp->flags = flags;
	dtp->opt.strsize = 256;
	dtp->opt.ustackframes = DT_USTACK_DEFAULT;
	dtp->opt.stackframes = 20; /* DTrace's default */
	dtp->opt.bufsize = 4 << 20;
	dtp->opt.switchrate = 1000000000;
	dtp->opt.aggsize = 16384;
	dtp->opt.dynvarsize = 1 << 20; /* DTrace's default: 1 MB */
	dtp->opt.nspec = 1;
	dtp->opt.cpu = -1;
	dtp->opt.specsize = 4 << 20;
	dtp->opt.cleanrate = 101010101; /* DTrace's default, 9.9 Hz (no effect here) */
	dtp->opt.aggrate = 1000000000;  /* DTrace's default, 1 Hz (no effect here) */
	dtp->opt.aggsortkey = dtp->opt.aggsortrev = DTRACEOPT_UNSET;
	dtp->opt.aggsortpos = dtp->opt.aggsortkeypos = DTRACEOPT_UNSET;
	for (int i = 0; i < MAPREF_MAX; i++)
		dtp->rt.map_fd[i] = -1;
	diag_init(&dtp->diag, stderr);
	probe_tab_init(&dtp->probes);
	probe_populate_all(&dtp->probes);
	return dtp;
}

static void clause_free(Clause *cl)
{
	insns_free(&cl->code);
	vec_free(&cl->probes);
	/* The RecLayouts belong to the Symtab (records may still name them). */
	vec_free(&cl->recs);
	free(cl);
}

void dtrace_close(dtrace_hdl_t *dtp)
{
	if (!dtp)
		return;
	load_close(dtp);
	proc_close(dtp);
	for (int i = 0; i < dtp->progs.len; i++) {
		dtrace_prog_t *pgp = dtp->progs.data[i];
		for (int j = 0; j < pgp->clauses.len; j++) {
			Clause *cl = pgp->clauses.data[j];
			if (cl->stid == 0) /* listing only: never entered the handle's clauses */
				clause_free(cl);
		}
	}
	for (int i = 0; i < dtp->clauses.len; i++)
		clause_free(dtp->clauses.data[i]);
	vec_free(&dtp->clauses);
	/* Record items live in the programs' arenas: free them first. */
	for (int i = 0; i < dtp->syms.recs.len; i++) {
		RecLayout *r = dtp->syms.recs.data[i];
		for (int j = 0; j < r->items.len; j++)
			pf_free(((RecItem *)r->items.data[j])->fmt);
		vec_free(&r->items);
		free(r);
	}
	vec_free(&dtp->syms.recs);
	for (int i = 0; i < dtp->progs.len; i++) {
		dtrace_prog_t *pgp = dtp->progs.data[i];
		vec_free(&pgp->clauses);
		arena_free(&pgp->arena);
		free((char *)pgp->src.text);
		free((char *)pgp->src.name);
		free(pgp);
	}
	vec_free(&dtp->progs);
	Vec *spaces[] = {&dtp->syms.globals, &dtp->syms.tls, &dtp->syms.locals};
	for (size_t k = 0; k < ARRAY_SIZE(spaces); k++) {
		for (int i = 0; i < spaces[k]->len; i++)
			var_free(spaces[k]->data[i]);
		vec_free(spaces[k]);
	}
	vec_free(&dtp->syms.dvars);
	types_free(dtp->types);
	sb_free(&dtp->syms.strtab);
	free(dtp->syms.strhash);
	for (int i = 0; i < dtp->cppargs.len; i++)
		free(dtp->cppargs.data[i]);
	vec_free(&dtp->cppargs);
	probe_tab_fini(&dtp->probes);
	diag_fini(&dtp->diag);
	free(dtp->drops_seen);
	free(dtp->flow_indent);
	free(dtp->flow_last);
	cons_spec_free(dtp);
	free(dtp->aggdrops_seen);
	for (int i = 0; i < dtp->syms.aggs.len; i++) {
		AggDesc *d = dtp->syms.aggs.data[i];
		free((char *)d->name);
		free(d);
	}
	vec_free(&dtp->syms.aggs);
	free(dtp);
}

/* ---- options ---- */

/* "4m", "256", "1k": DTrace's size suffixes. */
static int parse_size(const char *s, int64_t *out)
{
	char *end;
	long long v = strtoll(s, &end, 0);
	if (end == s || v < 0)
		return -1;
	switch (*end) {
	case 'k': case 'K': v <<= 10; end++; break;
	case 'm': case 'M': v <<= 20; end++; break;
	case 'g': case 'G': v <<= 30; end++; break;
	}
	if (*end)
		return -1;
	*out = v;
	return 0;
}

/* "10hz", "1s", "500ms", "1000" (ns): DTrace's rate/time suffixes. */
static int parse_time(const char *s, int64_t *out)
{
	char *end;
	long long v = strtoll(s, &end, 0);
	if (end == s || v <= 0)
		return -1;
	if (!strcmp(end, "hz"))
		v = 1000000000LL / v;
	else if (!strcmp(end, "s") || !strcmp(end, "sec"))
		v *= 1000000000LL;
	else if (!strcmp(end, "ms") || !strcmp(end, "msec"))
		v *= 1000000LL;
	else if (!strcmp(end, "us") || !strcmp(end, "usec"))
		v *= 1000LL;
	else if (*end && strcmp(end, "ns") && strcmp(end, "nsec"))
		return -1;
	*out = v;
	return 0;
}

/*
 * DTrace's runtime options (dt_opt_runtime): no value or a yes-word sets
 * the option to 1, a no-word unsets it, a number sets it to that number
 * (even 0: the option is then still set).
 */
static int parse_runtime(const char *s, int64_t *out)
{
	static const char *const words[][2] = {
		{"yes", "no"}, {"enable", "disable"}, {"enabled", "disabled"},
		{"true", "false"}, {"on", "off"}, {"set", "unset"},
	};
	char *end;
	if (!s) {
		*out = 1;
		return 0;
	}
	for (size_t i = 0; i < ARRAY_SIZE(words); i++) {
		if (!strcasecmp(s, words[i][0]) || !strcasecmp(s, words[i][1])) {
			*out = strcasecmp(s, words[i][0]) ? DTRACEOPT_UNSET : 1;
			return 0;
		}
	}
	errno = 0;
	long long v = strtoll(s, &end, 0);
	if (*s < '0' || *s > '9' || *end || errno || v < 0)
		return -1;
	*out = v;
	return 0;
}

/* The options the consumer reads while tracing: setopt() may change them (cons.c). */
int64_t *dt_runtime_opt(dtrace_hdl_t *dtp, const char *opt)
{
	Options *o = &dtp->opt;
	return !strcmp(opt, "aggsortkey") ? &o->aggsortkey
	     : !strcmp(opt, "aggsortrev") ? &o->aggsortrev
	     : !strcmp(opt, "aggsortpos") ? &o->aggsortpos
	     : !strcmp(opt, "aggsortkeypos") ? &o->aggsortkeypos : NULL;
}

/* DTrace's option names (dt_options.c): an unknown one is "Invalid option name". */
static bool dtrace_option_name(const char *opt)
{
	static const char *const names[] = {
		"aggpercpu", "agghist", "aggpack", "aggrate", "aggsize", "aggsortkey",
		"aggsortkeypos", "aggsortpos", "aggsortrev", "aggzoom", "amin", "argref",
		"bufpolicy", "bufresize", "bufsize", "cleanrate", "core", "cpp", "cpphdrs",
		"cpppath", "cpu", "ctypes", "debug", "defaultargs", "define", "destructive",
		"disasm", "droptags", "dtypes", "dynvarsize", "empty", "encoding", "errtags",
		"evaltime", "flowindent", "grabanon", "incdir", "iregs", "jstackframes",
		"jstackstrsize", "kdefs", "knodefs", "late", "lazyload", "ldpath", "libdir",
		"linkmode", "linktype", "nolibs", "nspec", "oformat", "pgmax", "pspec", "quiet",
		"rawbytes", "setenv", "specsize", "stackframes", "stackindent", "statusrate",
		"stdc", "strip", "strsize", "switchrate", "syslibdir", "temporal", "tree", "tregs",
		"udefs", "undef", "unodefs", "unsetenv", "userland", "ustackframes", "verbose",
		"version", "zdefs"};
	for (size_t i = 0; i < ARRAY_SIZE(names); i++)
		if (!strcmp(opt, names[i]))
			return true;
	return false;
}

int dtrace_setopt(dtrace_hdl_t *dtp, const char *opt, const char *val)
{
	int64_t *rt = dt_runtime_opt(dtp, opt);
	if (rt) {
		if (parse_runtime(val, rt))
			return dt_set_err(dtp, EINVAL, "invalid value for option %s", opt);
		return 0;
	}
	Options *o = &dtp->opt;
	bool *flag = !strcmp(opt, "quiet") ? &o->quiet : !strcmp(opt, "errtags") ? &o->errtags
		   : !strcmp(opt, "disasm") ? &o->disasm : !strcmp(opt, "verbose") ? &o->verbose
		   : !strcmp(opt, "zdefs") ? &o->zdefs : !strcmp(opt, "rawbytes") ? &o->rawbytes
		   : !strcmp(opt, "destructive") ? &o->destructive
		   : !strcmp(opt, "flowindent") ? &o->flowindent
		   : !strcmp(opt, "defaultargs") ? &o->defaultargs
		   : !strcmp(opt, "droptags") ? &o->droptags : NULL;
	if (flag) {
		*flag = true;
		dtp->diag.errtags = o->errtags;
		return 0;
	}
	int64_t *num = !strcmp(opt, "strsize") ? &o->strsize : !strcmp(opt, "bufsize") ? &o->bufsize
		     : !strcmp(opt, "dynvarsize") ? &o->dynvarsize : !strcmp(opt, "aggsize") ? &o->aggsize
		     : !strcmp(opt, "nspec") ? &o->nspec : !strcmp(opt, "specsize") ? &o->specsize
		     : !strcmp(opt, "cpu") ? &o->cpu
		     : !strcmp(opt, "ustackframes") ? &o->ustackframes 
		     : !strcmp(opt, "stackframes") ? &o->stackframes : NULL;
	if (num) {
		int64_t v;
		if (!val || parse_size(val, &v) || v < (num == &o->cpu ? 0 : 1))
			return dt_set_err(dtp, EINVAL, "invalid value for option %s", opt);
		if (num == &o->cpu && v >= libbpf_num_possible_cpus())
			return dt_set_err(dtp, EINVAL, "cpu %lld does not exist", (long long)v);
		if (num == &o->strsize && (v < 8 || v > 4096))
			return dt_set_err(dtp, EINVAL, "strsize must be between 8 and 4096 for now");
		if (num == &o->nspec && v > SPEC_MAX)
			return dt_set_err(dtp, EINVAL, "nspec must be between 1 and %d", SPEC_MAX);
		if (num == &o->ustackframes && v > DT_USTACK_MAX)
			return dt_set_err(dtp, EINVAL, "ustackframes must be at most %d "
					  "(the kernel's perf_event_max_stack)", DT_USTACK_MAX);
		if (num == &o->stackframes && v > STACK_MAX_FRAMES)
			return dt_set_err(dtp, EINVAL, "stackframes must be at most %d", STACK_MAX_FRAMES);
		*num = v;
		return 0;
	}
	if (!strcmp(opt, "bufpolicy")) {
		if (val && (!strcmp(val, "fill") || !strcmp(val, "switch"))) {
			o->fill = val[0] == 'f';
			return 0;
		}
		if (val && !strcmp(val, "ring"))
			return dt_set_err(dtp, ENOTSUP, "bufpolicy=ring is not supported: a BPF ring "
					  "buffer cannot overwrite its oldest records");
		return dt_set_err(dtp, EINVAL, "invalid value for option %s", opt);
	}
	if (!strcmp(opt, "switchrate") || !strcmp(opt, "cleanrate") || !strcmp(opt, "aggrate")) {
		int64_t *t = opt[0] == 's' ? &o->switchrate : opt[0] == 'c' ? &o->cleanrate
			   : &o->aggrate;
		if (!val || parse_time(val, t))
			return dt_set_err(dtp, EINVAL, "invalid value for option %s", opt);
		return 0;
	}
	if (!dtrace_option_name(opt))
		return dt_set_err(dtp, EINVAL, "Invalid option name");
	return dt_set_err(dtp, ENOTSUP, "option %s is not supported yet", opt);
}

int dtrace_getopt(dtrace_hdl_t *dtp, const char *opt, dtrace_optval_t *val)
{
	Options *o = &dtp->opt;
	if (!strcmp(opt, "quiet"))
		*val = o->quiet ? 1 : DTRACEOPT_UNSET;
	else if (!strcmp(opt, "flowindent"))
		*val = o->flowindent ? 1 : DTRACEOPT_UNSET;
	else if (!strcmp(opt, "strsize"))
		*val = o->strsize;
	else if (!strcmp(opt, "ustackframes"))
		*val = o->ustackframes;
	else if (!strcmp(opt, "bufsize"))
		*val = o->bufsize;
	else if (!strcmp(opt, "switchrate"))
		*val = o->switchrate;
	else if (!strcmp(opt, "dynvarsize"))
		*val = o->dynvarsize;
	else if (!strcmp(opt, "aggsize"))
		*val = o->aggsize;
	else if (!strcmp(opt, "nspec"))
		*val = o->nspec;
	else if (!strcmp(opt, "specsize"))
		*val = o->specsize;
	else if (!strcmp(opt, "cleanrate"))
		*val = o->cleanrate;
	else if (!strcmp(opt, "aggrate"))
		*val = o->aggrate;
	else if (!strcmp(opt, "bufpolicy"))
		*val = o->fill;
	else if (!strcmp(opt, "cpu"))
		*val = o->cpu < 0 ? DTRACEOPT_UNSET : o->cpu;
	else if (!strcmp(opt, "stackframes"))
		*val = o->stackframes;
	else if (dt_runtime_opt(dtp, opt))
		*val = *dt_runtime_opt(dtp, opt);
	else
		return dt_set_err(dtp, EINVAL, "unsupported option: %s", opt);
	return 0;
}

int dtrace_cpp_arg(dtrace_hdl_t *dtp, const char *arg)
{
	vec_push(&dtp->cppargs, xstrdup(arg));
	return 0;
}

/* ---- compilation ---- */

/* Replace $target, $pid, $1 ... in a probe description by their values. */
static char *expand_desc(dtrace_prog_t *pgp, const char *text, int argc, char *const argv[],
			 int target)
{
	StrBuf b = {0};
	for (const char *c = text; *c;) {
		if (*c != '$') {
			sb_putc(&b, *c++);
			continue;
		}
		const char *s = ++c;
		while ((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9'))
			c++;
		char name[32];
		snprintf(name, sizeof(name), "%.*s", (int)(c - s), s);
		if (!strcmp(name, "pid"))
			sb_printf(&b, "%d", getpid());
		else if (name[0] >= '0' && name[0] <= '9' && atoi(name) < argc)
			sb_puts(&b, argv[atoi(name)]);
		else if (!strcmp(name, "target") && target)
			sb_printf(&b, "%d", target);
		else if (!strcmp(name, "target")) {
			sb_free(&b);
			return NULL; /* needs -c or -p */
		} else
			sb_printf(&b, "$%s", name);
	}
	char *r = arena_strdup(&pgp->arena, b.s ? b.s : "");
	sb_free(&b);
	return r;
}

/* Apply "#pragma D option name[=value]". */
static int pragma(dtrace_hdl_t *dtp, Node *n)
{
	if (n->strs.len >= 1 && !strcmp(n->strs.data[0], "option") && n->strs.len == 2) {
		char *w = xstrdup(n->strs.data[1]);
		char *eq = strchr(w, '=');
		if (eq)
			*eq++ = '\0';
		int rc = dtrace_setopt(dtp, w, eq);
		free(w);
		if (rc)
			diag_error(&dtp->diag, n->pos, "D_PRAGMA_OPTSET", "failed to set option: %s",
				   dtp->errmsg);
		return rc;
	}
	if (n->strs.len >= 1 && (!strcmp(n->strs.data[0], "attributes") ||
				 !strcmp(n->strs.data[0], "binding")))
		return 0; /* stability attributes have no run-time effect */
	diag_error(&dtp->diag, n->pos, "D_UNSUPPORTED", "this #pragma is not supported yet");
	return -1;
}

static int compile_clause(dtrace_hdl_t *dtp, dtrace_prog_t *pgp, Node *n, CompileCtx *cc,
			  int cflags)
{
	Clause *cl = xcalloc(1, sizeof(*cl));
	cl->node = n;
	for (int i = 0; i < n->list.len; i++) {
		Node *d = n->list.data[i];
		ProbeDesc pd;
		char *text = expand_desc(pgp, d->str, cc->argc, cc->argv, dtp->target);
		if (!text) {
			diag_error(&dtp->diag, d->pos, "D_MACRO_UNDEF",
				   "$target is not defined: use -c or -p");
			clause_free(cl);
			return -1;
		}
		if (probe_desc_parse(text, &pd)) {
			diag_error(&dtp->diag, d->pos, "D_PDESC_INVAL", "invalid probe description \"%s\"",
				   text);
			clause_free(cl);
			return -1;
		}
		int before = cl->probes.len;
		probe_match(&dtp->probes, &pd, &cl->probes);
		pgp->ndescs++;
		bool fbt = pd.prv[0] && fnmatch(pd.prv, "fbt", 0) == 0;
		char why[256] = "";
		if (cl->probes.len == before && fbt)
			prov_fbt_why(why, sizeof(why));
		probe_desc_free(&pd);
		if (cl->probes.len == before && !(cflags & DTRACE_C_ZDEFS) && !dtp->opt.zdefs) {
			diag_error(&dtp->diag, d->pos, "D_PDESC_ZERO",
				   "probe description %s does not match any probes%s%s", text,
				   why[0] ? ": " : "", why);
			clause_free(cl);
			return -1;
		}
		pgp->nmatches += cl->probes.len - before;
	}
	if (cflags & DTRACE_C_PSPEC) {
		vec_push(&pgp->clauses, cl);
		return 0;
	}
	cl->stid = dtp->clauses.len + 1;
	cc->probes = &cl->probes;
	int rc = sema_clause(cc, n) || cg_clause(cc, cl);
	cc->probes = NULL;
	if (rc) {
		clause_free(cl);
		return -1;
	}
	vec_push(&dtp->clauses, cl);
	vec_push(&pgp->clauses, cl);
	return 0;
}

static int compile_item(dtrace_hdl_t *dtp, dtrace_prog_t *pgp, Node *n, CompileCtx *cc,
			int cflags)
{
	switch (n->kind) {
	case ND_CLAUSE:
		return compile_clause(dtp, pgp, n, cc, cflags);
	case ND_PRAGMA: {
		int rc = pragma(dtp, n);
		cc->nspec = (int)dtp->opt.nspec; /* the options the compiler reads */
		cc->defaultargs = dtp->opt.defaultargs;
		cc->cpu = (int)dtp->opt.cpu;
		cc->fill = dtp->opt.fill;
		return rc;
	}
	case ND_CONTROL:
	case ND_PROVIDER: /* for dtrace -h (header.c) */
		return 0;
	case ND_DECL:
		return sema_decl(cc, n);
	default:
		diag_error(&dtp->diag, n->pos, "D_UNSUPPORTED", "%s is not supported yet",
			   n->kind == ND_INLINE ? "inline" : n->kind == ND_TRANSLATOR ? "translator"
											: "this declaration");
		return -1;
	}
}

static dtrace_prog_t *compile(dtrace_hdl_t *dtp, char *text, const char *name, int cflags,
			      int argc, char *const argv[])
{
	dtrace_prog_t *pgp = xcalloc(1, sizeof(*pgp));
	vec_push(&dtp->progs, pgp);
	if (cflags & DTRACE_C_CPP) {
		char *out = cpp_run(name, text, (const char *const *)dtp->cppargs.data,
				    dtp->cppargs.len, &dtp->diag);
		free(text);
		if (!out) {
			dt_set_err(dtp, EINVAL, "preprocessing failed");
			return NULL;
		}
		text = out;
	}
	pgp->src.name = xstrdup(name);
	pgp->src.text = text;
	pgp->src.len = (int)strlen(text);
	dtp->diag.errtags = dtp->opt.errtags;
	pgp->ast = parse_program(&pgp->arena, &dtp->diag, &pgp->src);
	if (!pgp->ast || dtp->diag.nerrors) {
		dt_set_err(dtp, EINVAL, "compilation failed");
		return NULL;
	}
	if (!dtp->types)
		dtp->types = types_new();
	CompileCtx cc = {dtp->types, &pgp->arena, &dtp->diag, &dtp->syms, (int)dtp->opt.strsize,
			 (int)dtp->opt.nspec, dtp->opt.defaultargs, (int)dtp->opt.cpu, dtp->opt.fill,
			 (int)dtp->opt.stackframes, argc, argv, dtp->target,
			 (int)dtp->opt.ustackframes, NULL};
	ty_string.size = (int)dtp->opt.strsize;
	for (int i = 0; i < pgp->ast->list.len; i++) {
		if (compile_item(dtp, pgp, pgp->ast->list.data[i], &cc, cflags)) {
			dt_set_err(dtp, EINVAL, "compilation failed");
			return NULL;
		}
	}
	if (dtp->opt.disasm && !(cflags & DTRACE_C_PSPEC))
		dtrace_program_dump(dtp, pgp, stderr);
	return pgp;
}

dtrace_prog_t *dtrace_program_strcompile(dtrace_hdl_t *dtp, const char *text, const char *name,
					 int cflags, int argc, char *const argv[])
{
	return compile(dtp, xstrdup(text), name ? name : "<command-line>", cflags, argc, argv);
}

dtrace_prog_t *dtrace_program_fcompile(dtrace_hdl_t *dtp, const char *path, int cflags, int argc,
				       char *const argv[])
{
	char *text = read_file(path, NULL);
	if (!text) {
		dt_set_err(dtp, errno, "failed to open %s: %s", path, strerror(errno));
		return NULL;
	}
	return compile(dtp, text, path, cflags, argc, argv);
}

int dtrace_program_exec(dtrace_hdl_t *dtp, dtrace_prog_t *pgp, dtrace_proginfo_t *info)
{
	(void)dtp;
	if (info) {
		info->dpi_matches = pgp->nmatches;
		info->dpi_descs = pgp->ndescs;
	}
	return 0;
}

/* ---- listing ---- */

static int iter_desc(dtrace_hdl_t *dtp, const ProbeDesc *pd, dtrace_probe_f *fn, void *arg)
{
	Vec out = {0};
	ProbeDesc all = {"", "", "", "", 0};
	/* A full listing lets the on-demand providers (sdt, rawtp) list theirs first. */
	probe_match(&dtp->probes, pd ? pd : &all, &out);
	bool *seen = xcalloc((size_t)dtp->probes.probes.len + 1, 1);
	int n = pd ? out.len : dtp->probes.probes.len;
	for (int i = 0; i < n; i++) {
		Probe *p = pd ? out.data[i] : dtp->probes.probes.data[i];
		if (seen[p->id - 1] || (!pd && !p->listed))
			continue;
		seen[p->id - 1] = true;
		dtrace_probedesc_t d = {p->id, p->prv, p->mod, p->func, p->name};
		if (fn(dtp, &d, arg))
			break;
	}
	free(seen);
	vec_free(&out);
	return 0;
}

int dtrace_probe_iter(dtrace_hdl_t *dtp, const char *desc, dtrace_probe_f *fn, void *arg)
{
	ProbeDesc pd;
	if (desc && probe_desc_parse(desc, &pd))
		return dt_set_err(dtp, EINVAL, "invalid probe description \"%s\"", desc);
	iter_desc(dtp, desc ? &pd : NULL, fn, arg);
	if (desc)
		probe_desc_free(&pd);
	return 0;
}

int dtrace_probe_argtypes(dtrace_hdl_t *dtp, uint32_t id, char **types, int max)
{
	const Probe *p = probe_by_id(&dtp->probes, id);
	Type *t[MS_NARGS];
	if (!p)
		return dt_set_err(dtp, ENOENT, "no probe with id %u", id);
	if (!p->provider->argtypes)
		return 0;
	if (!dtp->types)
		dtp->types = types_new();
	int n = p->provider->argtypes(p, dtp->types, t, max < MS_NARGS ? max : MS_NARGS);
	for (int i = 0; i < n; i++) {
		StrBuf b = {0};
		type_str(t[i], &b);
		types[i] = b.s;
	}
	return n;
}

int dtrace_program_probe_iter(dtrace_hdl_t *dtp, dtrace_prog_t *pgp, dtrace_probe_f *fn, void *arg)
{
	bool *seen = xcalloc((size_t)dtp->probes.probes.len + 1, 1);
	for (int i = 0; i < pgp->clauses.len; i++) {
		Clause *cl = pgp->clauses.data[i];
		for (int j = 0; j < cl->probes.len; j++) {
			Probe *p = cl->probes.data[j];
			if (seen[p->id - 1])
				continue;
			seen[p->id - 1] = true;
			dtrace_probedesc_t d = {p->id, p->prv, p->mod, p->func, p->name};
			if (fn(dtp, &d, arg))
				break;
		}
	}
	free(seen);
	return 0;
}

/* ---- tracing ---- */

/*
 * Does the kernel let tracing programs call bpf_probe_write_user()?  Not
 * under lockdown (integrity), which refuses it to every program type; the
 * verifier says so before it checks the arguments, so a program that only
 * calls it tells (libbpf's helper probe takes any other failure for yes).
 */
static bool write_user_available(void)
{
	struct bpf_insn prog[] = {I_MOV64_IMM(R1, 0), I_MOV64_IMM(R2, 0), I_MOV64_IMM(R3, 0),
				  I_CALL(BPF_FUNC_probe_write_user), I_MOV64_IMM(R0, 0), I_EXIT()};
	char log[4096] = "";
	LIBBPF_OPTS(bpf_prog_load_opts, o, .log_buf = log, .log_size = sizeof(log), .log_level = 1);
	int fd = bpf_prog_load(BPF_PROG_TYPE_RAW_TRACEPOINT, "dt_probe_wu", "GPL", prog,
			       ARRAY_SIZE(prog), &o);
	if (fd >= 0)
		close(fd);
	return !strstr(log, "cannot use helper");
}

int dtrace_go(dtrace_hdl_t *dtp)
{
	if (dtp->flags & DTRACE_O_NODEV)
		return dt_set_err(dtp, EINVAL, "cannot trace with a handle opened with DTRACE_O_NODEV");
	if (dtp->going)
		return dt_set_err(dtp, EINVAL, "tracing is already active");
	if (dtp->syms.destructive && !dtp->opt.destructive) /* DTrace's EDT_DESTRUCTIVE */
		return dt_set_err(dtp, EACCES, "Destructive actions not allowed");
	if (dtp->syms.write_user && !write_user_available())
		return dt_set_err(dtp, EPERM, "copyout( ) and copyoutstr( ) are not available: this "
				  "kernel refuses bpf_probe_write_user() (kernel lockdown)");
	if (load_go(dtp))
		return -1;
	dtp->going = true;
	if (cons_poll(dtp, 0))
		return -1;
	return load_fire(dtp, PK_BEGIN);
}

int dtrace_stop(dtrace_hdl_t *dtp)
{
	if (!dtp->going || dtp->stopped)
		return 0;
	dtp->stopped = true;
	return load_fire(dtp, PK_END);
}

void dtrace_sleep(dtrace_hdl_t *dtp)
{
	if (!dtp->rt.rb || dtp->exited || dtp->stopped)
		return;
	int ms = (int)(dtp->opt.switchrate / 1000000);
	proc_wait(dtp, ring_buffer__epoll_fd(dtp->rt.rb), ms > 0 ? ms : 1);
}

dtrace_workstatus_t dtrace_work(dtrace_hdl_t *dtp, FILE *fp, dtrace_consume_probe_f *pf,
				dtrace_consume_rec_f *rf, void *arg)
{
	dtp->out = fp;
	dtp->pf = pf;
	dtp->rf = rf;
	dtp->cbarg = arg;
	if (!dtp->going)
		return DTRACE_WORKSTATUS_ERROR;
	if (cons_poll(dtp, 0))
		return DTRACE_WORKSTATUS_ERROR;
	if (dtp->opt.fill && !dtp->exited && dtp->rt.gvars &&
	    __atomic_load_n((uint32_t *)((char *)dtp->rt.gvars + GV_ACTIVITY), __ATOMIC_ACQUIRE) ==
		    ACT_DRAINING)
		dtp->exited = true; /* bufpolicy=fill: the buffer filled, tracing stops (status 0) */
	proc_check(dtp);
	if (dtp->exited && !dtp->stopped) {
		if (dtrace_stop(dtp))
			return DTRACE_WORKSTATUS_ERROR;
	}
	if (dtp->stopped) {
		/* END has run (a test run is synchronous): drain what it and others left. */
		if (cons_poll(dtp, 0))
			return DTRACE_WORKSTATUS_ERROR;
		cons_drops(dtp);
		dtp->done = true;
		return DTRACE_WORKSTATUS_DONE;
	}
	cons_drops(dtp);
	return DTRACE_WORKSTATUS_OKAY;
}

int dtrace_exit_status(dtrace_hdl_t *dtp, int *status)
{
	if (!dtp->exited)
		return -1;
	*status = dtp->exit_status;
	return 0;
}
