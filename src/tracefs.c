/*
 * tracefs.c - what the kernel's tracing file system says about its
 * tracepoints: the list of events (available_events), an event's id, and
 * its record layout (the format file), with each field's C declaration
 * turned into a D type.
 *
 * It takes file names and gives plain data; it never writes to tracefs
 * (nothing is enabled through it, so a killed dtrace leaves nothing behind).
 */
#include "tracefs.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *tfs_root(void)
{
	static const char *const roots[] = {"/sys/kernel/tracing", "/sys/kernel/debug/tracing"};
	for (size_t i = 0; i < ARRAY_SIZE(roots); i++) {
		char path[64];
		snprintf(path, sizeof(path), "%s/available_events", roots[i]);
		if (access(path, R_OK) == 0)
			return roots[i];
	}
	return NULL;
}

int tfs_events(void (*fn)(char *group, char *event, void *arg), void *arg)
{
	const char *root = tfs_root();
	if (!root)
		return -ENOENT;
	char path[96];
	snprintf(path, sizeof(path), "%s/available_events", root);
	char *text = read_file(path, NULL);
	for (int retry = 0; !text && retry < 3; retry++) /* tracefs changing under us */
		text = read_file(path, NULL);
	if (!text)
		return -errno;
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		char *colon = strchr(line, ':');
		if (!colon)
			continue;
		*colon = '\0';
		fn(line, colon + 1, arg);
	}
	free(text);
	return 0;
}

static char *event_file(const char *group, const char *event, const char *file)
{
	const char *root = tfs_root();
	if (!root)
		return NULL;
	char *path = xasprintf("%s/events/%s/%s/%s", root, group, event, file);
	char *text = read_file(path, NULL);
	free(path);
	return text;
}

long tfs_event_id(const char *group, const char *event)
{
	char *text = event_file(group, event, "id");
	long id = text ? strtol(text, NULL, 10) : -1;
	free(text);
	return id;
}

/*
 * "\tfield:char prev_comm[16];\toffset:8;\tsize:16;\tsigned:0;" -> f.
 * The declaration keeps its array suffix; the name is cut out of it.
 */
static bool parse_field(char *line, TfsField *f)
{
	char *decl = strstr(line, "field:");
	char *semi = decl ? strchr(decl, ';') : NULL;
	char *off = strstr(line, "offset:"), *size = strstr(line, "size:");
	char *sgn = strstr(line, "signed:");
	if (!semi || !off || !size)
		return false;
	memset(f, 0, sizeof(*f));
	f->off = atoi(off + 7);
	f->size = atoi(size + 5);
	f->is_signed = sgn && atoi(sgn + 7);
	*semi = '\0';
	decl += 6;
	if (strncmp(decl, "__data_loc ", 11) == 0) {
		f->data_loc = true;
		decl += 11;
	}
	char *br = strchr(decl, '['), *close = br ? strchr(br, ']') : NULL;
	if (close) { /* "char prev_comm[16]", "char[] name": cut the brackets out */
		f->nelem = atoi(br + 1);
		memmove(br, close + 1, strlen(close + 1) + 1);
	}
	char *end = decl + strlen(decl);
	while (end > decl && isspace((unsigned char)end[-1]))
		end--;
	char *name = end;
	while (name > decl && (isalnum((unsigned char)name[-1]) || name[-1] == '_'))
		name--;
	snprintf(f->name, sizeof(f->name), "%.*s", (int)(end - name), name);
	while (name > decl && isspace((unsigned char)name[-1]))
		name--;
	snprintf(f->ctype, sizeof(f->ctype), "%.*s", (int)(name - decl), decl);
	return f->name[0] && f->ctype[0];
}

int tfs_fields(const char *group, const char *event, TfsField *out, int max)
{
	char *text = event_file(group, event, "format");
	if (!text)
		return -errno;
	int n = 0;
	for (char *line = strtok(text, "\n"); line && n < max; line = strtok(NULL, "\n")) {
		TfsField f;
		if (!parse_field(line, &f) || strncmp(f.name, "common_", 7) == 0 ||
		    strcmp(f.name, "__syscall_nr") == 0)
			continue;
		out[n++] = f;
	}
	free(text);
	return n;
}

/* Strip qualifiers and attributes the kernel leaves in format files. */
static bool is_qualifier(const char *w, size_t n)
{
	static const char *const q[] = {"const", "volatile", "__user", "__rcu", "__percpu",
					"__iomem", "__force", "restrict"};
	for (size_t i = 0; i < ARRAY_SIZE(q); i++)
		if (strlen(q[i]) == n && strncmp(w, q[i], n) == 0)
			return true;
	return false;
}

/* C's integer types spelled in several words, which type_lookup() does not parse. */
static Type *basic(const char *name)
{
	static const struct {
		const char *name;
		Type *type;
	} b[] = {
		{"unsigned char", &ty_uchar}, {"signed char", &ty_schar}, {"unsigned short", &ty_ushort},
		{"short int", &ty_short}, {"unsigned short int", &ty_ushort}, {"unsigned", &ty_uint},
		{"unsigned int", &ty_uint}, {"signed int", &ty_int}, {"long int", &ty_long},
		{"unsigned long", &ty_ulong}, {"long unsigned int", &ty_ulong},
		{"unsigned long int", &ty_ulong}, {"long long", &ty_llong},
		{"unsigned long long", &ty_ullong}, {"long long int", &ty_llong},
		{"long long unsigned int", &ty_ullong},
	};
	for (size_t i = 0; i < ARRAY_SIZE(b); i++)
		if (strcmp(b[i].name, name) == 0)
			return b[i].type;
	return NULL;
}

Type *tfs_ctype(TypeSpace *ts, const char *ctype, int nelem, bool user)
{
	char base[128] = "";
	int nptr = 0;
	size_t len = 0;
	for (const char *c = ctype; *c;) {
		if (*c == '*') {
			nptr++;
			c++;
			continue;
		}
		if (isspace((unsigned char)*c)) {
			c++;
			continue;
		}
		const char *w = c;
		while (*c && *c != '*' && !isspace((unsigned char)*c))
			c++;
		size_t n = (size_t)(c - w);
		if (is_qualifier(w, n) || len + n + 2 > sizeof(base))
			continue;
		len += (size_t)snprintf(base + len, sizeof(base) - len, "%s%.*s", len ? " " : "",
					(int)n, w);
	}
	Type *t = NULL;
	if (!strncmp(base, "struct ", 7))
		t = type_tagged(ts, TY_STRUCT, false, base + 7);
	else if (!strncmp(base, "union ", 6))
		t = type_tagged(ts, TY_UNION, false, base + 6);
	else if (!strncmp(base, "enum ", 5))
		t = type_tagged(ts, TY_INT, true, base + 5);
	else if (!(t = basic(base)))
		t = type_lookup(ts, base);
	if (!t && nptr)
		t = &ty_void; /* a pointer to a type BTF lacks still works as an address */
	for (int i = 0; t && i < nptr; i++)
		t = type_ptr(ts, t, user && i == nptr - 1);
	if (t && nelem > 0)
		t = type_array(ts, t, nelem);
	return t;
}

int tfs_argtypes(TypeSpace *ts, const char *group, const char *event, bool user, Type **out,
		 int max)
{
	TfsField f[16];
	int n = tfs_fields(group, event, f, max < 16 ? max : 16);
	for (int i = 0; i < n; i++) {
		out[i] = tfs_ctype(ts, f[i].ctype, f[i].data_loc ? 0 : f[i].nelem, user);
		if (out[i] && f[i].data_loc)
			out[i] = type_ptr(ts, out[i], false);
		if (!out[i])
			out[i] = f[i].is_signed ? &ty_long : &ty_ulong;
	}
	return n < 0 ? -1 : n;
}
