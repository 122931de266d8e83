/*
 * What --from knows of another CRM's deals export: its column names, its default
 * stages mapped onto the default process, and the date format it usually writes.
 * Data, read by import_deals.c; the man page prints the same tables.
 */
#ifndef DD_IMPORT_PRESETS_H
#define DD_IMPORT_PRESETS_H

#include <stddef.h>

#include "process.h"

struct preset_column {
	const char *header; /* as the vendor writes it */
	const char *field;  /* as --map names it: a field, or ignore */
};

struct preset_stage {
	const char *name; /* the vendor's default stage */
	const char *key;  /* a stage key of the default process, won or lost */
};

struct import_preset {
	const char *name;   /* what --from takes */
	const char *vendor; /* for messages */
	/* The layout its exports usually use (import_dates.h), NULL for YYYY-MM-DD. */
	const char *date_format;
	const struct preset_column *columns;
	size_t ncolumns;
	const struct preset_stage *stages;
	size_t nstages;
};

/* Every preset, in the order --help and the man page list them; a NULL name ends. */
extern const struct import_preset import_presets[];
const struct import_preset *import_preset_find(const char *name);
/* "hubspot, pipedrive or salesforce", for messages. */
const char *import_preset_names(void);
/*
 * Whether p has the default process's stages (the same keys in the same order):
 * the stage tables map onto those, and onto no other process.
 */
int import_process_is_default(const struct process *p);

#endif
