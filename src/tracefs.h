/*
 * tracefs.h - tracepoints as tracefs describes them: the event list, ids,
 * record layouts (format files), and D types for their fields.
 */
#ifndef DT_TRACEFS_H
#define DT_TRACEFS_H

#include <stdbool.h>

#include "type.h"
#include "util.h"

/* One field of a tracepoint's record, after the common_* header fields. */
typedef struct TfsField {
	char name[64];
	char ctype[96];  /* the C type as written, without the name or array suffix */
	int off, size;
	int nelem;       /* > 0 for an array field: char comm[16] */
	bool is_signed;
	bool data_loc;   /* __data_loc: a u32 (length << 16 | offset in the record) */
} TfsField;

/* The tracefs mount (/sys/kernel/tracing or the debugfs one), or NULL. */
const char *tfs_root(void);
/* Call fn for every "group:event" of available_events; 0 or -errno. */
int tfs_events(void (*fn)(char *group, char *event, void *arg), void *arg);
/* The event's perf id, or -1. */
long tfs_event_id(const char *group, const char *event);
/* The event's own fields in record order (at most max); their number or -errno. */
int tfs_fields(const char *group, const char *event, TfsField *out, int max);
/*
 * The D type of a field declared ctype (with nelem elements if an array);
 * user: the outermost pointer points into user space.  NULL if unknown.
 */
Type *tfs_ctype(TypeSpace *ts, const char *ctype, int nelem, bool user);

/*
 * The D types of an event's fields, at most max (args[] of sdt and syscall
 * probes): a __data_loc string is a char * (to its data in the record); a
 * type BTF does not know an integer of the field's size and sign.  Their
 * number, or -1 if the event has no readable format.
 */
int tfs_argtypes(TypeSpace *ts, const char *group, const char *event, bool user, Type **out,
		 int max);

#endif
