/*
 * Importing deals from CSV: our own export and other CRMs' (Pipedrive, HubSpot,
 * Salesforce). All or nothing: every problem is named by line and column.
 */
#ifndef DD_CSV_IMPORT_H
#define DD_CSV_IMPORT_H

#include <stddef.h>

#include "error.h"
#include "session.h"

struct import_preview;

/* The largest field accepted; a longer one is an error, not a crash. */
#define IMPORT_FIELD_MAX (1024 * 1024)
/* Errors listed before "… and N more". */
#define IMPORT_MAX_ERRORS 50

struct import_options {
	int dry_run;             /* check everything, write nothing */
	const char *const *maps; /* "HEADER=FIELD", FIELD a column name or "ignore" */
	size_t nmaps;
	const char *const *stage_maps; /* "NAME=KEY", KEY a stage key, won or lost */
	size_t nstage_maps;
	/*
	 * The format of dates that are not YYYY-MM-DD: a layout of import_dates.h
	 * (with or without a time) or any strptime format. NULL: each date column
	 * of a regular file is searched for the one layout its values are in.
	 */
	const char *date_format;
	const char *from;            /* another CRM's export (import_presets.h), or NULL */
	const char *const *defaults; /* "FIELD=VALUE": where a row has no FIELD */
	size_t ndefaults;
	/*
	 * A manager's reason (real text) to let rows change the stage or status of
	 * deals that were here before; each change is recorded as an override. NULL:
	 * such a row is bad data.
	 */
	const char *override;
};

struct import_result {
	long added, updated;
	/* "ignoring unknown columns: 'A', 'B'" or NULL; for stderr; free with import_result_free.
	 */
	char *warning;
	/* A dry run's preview (import_preview.h), also when rows are bad; else NULL. */
	struct import_preview *preview;
};

/*
 * Imports the deals of the CSV file at path in one transaction. Only a manager
 * may import (else DD_DENIED); anyone in the team may make a dry run. Bad options
 * are DD_USAGE; bad data is DD_DATAERR with one "FILE:LINE: column: message" line
 * per problem in err, and nothing written. The warning is set even on failure.
 */
int import_deals(struct session *s, const char *path, const struct import_options *o,
		 struct import_result *r, struct dd_err *err);
/*
 * Imports stakeholders or plan steps; rows name their deal by deal_id (ours) or
 * deal_external_id. A known (deal, name ignoring case) or (deal, title, due) is
 * updated. Same errors as import_deals; a dry run also rolls its writes back.
 */
int import_stakeholders(struct session *s, const char *path, const struct import_options *o,
			struct import_result *r, struct dd_err *err);
int import_plan(struct session *s, const char *path, const struct import_options *o,
		struct import_result *r, struct dd_err *err);
void import_result_free(struct import_result *r);

#endif
