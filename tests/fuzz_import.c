/*
 * libFuzzer target for the CSV import path: reading (libcsv, line tracking,
 * BOM, quotes), header matching, value parsing, error reporting and the writes.
 * Build and run with 'make fuzz' (clang, -fsanitize=fuzzer,address,undefined).
 *
 * Each input is a CSV file. It is checked with --dry-run, then imported for real
 * into one database that is thrown away every RESET_EVERY inputs so it stays small.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "csv_import.h"
#include "process_ini.h"
#include "session.h"
#include "xmalloc.h"

#define RESET_EVERY 500

static char dir[] = "/tmp/dealdeck-fuzz-XXXXXX";
static char *csv_path, *db_path;
static struct process def;
static struct session s;
static int open_session, runs;

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
	/* Every other input with US dates, so both date paths are reached. */
	o.date_format = runs % 2 ? "%m/%d/%Y" : NULL;
	o.dry_run = 1;
	import_once(&o);
	o.dry_run = 0;
	import_once(&o);
	return 0;
}
