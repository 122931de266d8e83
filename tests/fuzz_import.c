/*
 * libFuzzer target for the CSV import path: reading (libcsv, line tracking,
 * BOM, quotes), header matching, value parsing, error reporting and the writes.
 * Build and run with 'make fuzz' (clang, -fsanitize=fuzzer,address,undefined).
 *
 * Each input is a CSV file. It is checked with --dry-run (its preview printed to
 * /dev/null), then imported for real into one database that is thrown away every
 * RESET_EVERY inputs so it stays small. Inputs take turns with --from presets,
 * --default values and a given or found date format.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csv_import.h"
#include "import_preview.h"
#include "process_ini.h"
#include "session.h"
#include "xmalloc.h"

#define RESET_EVERY 500

static char dir[] = "/tmp/dealdeck-fuzz-XXXXXX";
static char *csv_path, *db_path;
static struct process def;
static struct session s;
static int open_session, runs;
static FILE *devnull;

static void
cleanup(void)
{
	if (open_session)
		session_close(&s);
	open_session = 0;
	unlink(csv_path);
	unlink(db_path);
	char *wal = xasprintf("%s-wal", db_path), *shm = xasprintf("%s-shm", db_path);
	unlink(wal);
	unlink(shm);
	free(wal);
	free(shm);
	rmdir(dir);
}

static void
fresh_db(void)
{
	struct db_init init = {&def, "EUR"};
	struct dd_err err;

	if (open_session)
		session_close(&s);
	unlink(db_path);
	err_init(&err);
	if (session_open(&s, db_path, DB_CREATE, &init, &err) != DD_OK) {
		fprintf(stderr, "fuzz_import: %s\n", strbuf_str(&err.msg));
		abort();
	}
	err_free(&err);
	open_session = 1;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct dd_err err;

	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		abort();
	}
	csv_path = xasprintf("%s/in.csv", dir);
	db_path = xasprintf("%s/pipeline.db", dir);
	err_init(&err);
	if (process_ini_load_text("default", process_default_ini, strlen(process_default_ini),
				  &def, &err) != DD_OK) {
		fprintf(stderr, "fuzz_import: %s\n", strbuf_str(&err.msg));
		abort();
	}
	err_free(&err);
	fresh_db();
	devnull = fopen("/dev/null", "w");
	atexit(cleanup);
	return 0;
}

static void
import_once(const struct import_options *o)
{
	struct import_result r;
	struct dd_err err;

	err_init(&err);
	(void)import_deals(&s, csv_path, o, &r, &err);
	/* What the user would see: forces the messages to be complete strings. */
	if (strlen(strbuf_str(&err.msg)) > (size_t)1 << 30 ||
	    (r.warning != NULL && strlen(r.warning) > (size_t)1 << 30))
		abort();
	if (r.preview != NULL && devnull != NULL)
		preview_print(r.preview, devnull, runs % 3 == 0);
	import_result_free(&r);
	err_free(&err);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const maps[] = {"Deal - Label=ignore", "Probability=ignore"};
	static const char *const stage_maps[] = {"Contact Made=discover",
						 "Appointment Scheduled=qualify", "Dead=lost"};
	struct import_options o = {
		.maps = maps,
		.nmaps = sizeof maps / sizeof maps[0],
		.stage_maps = stage_maps,
		.nstage_maps = sizeof stage_maps / sizeof stage_maps[0],
	};
	FILE *f = fopen(csv_path, "wb");

	if (f == NULL || (size > 0 && fwrite(data, 1, size, f) != size) || fclose(f) != 0) {
		perror(csv_path);
		abort();
	}
	if (++runs % RESET_EVERY == 0)
		fresh_db();
	static const char *const presets[] = {NULL, "hubspot", "pipedrive", "salesforce"};
	static const char *const defaults[] = {"account=Unknown", "close_date=2026-12-31"};

	/* Every other input with US dates, else found; each preset; defaults now and then. */
	o.date_format = runs % 2 ? "%m/%d/%Y" : NULL;
	o.from = presets[runs / 2 % 4];
	o.defaults = defaults;
	o.ndefaults = runs % 3 == 0 ? 2 : 0;
	o.dry_run = 1;
	import_once(&o);
	o.dry_run = 0;
	import_once(&o);
	return 0;
}
