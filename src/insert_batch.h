/*
 * Rows for one table held in memory and written with multi-row INSERTs: SQLite
 * spends far less per row that way than with one statement a row (measured on
 * the demo's 100,000 deals). The caller owns the transaction.
 */
#ifndef DD_INSERT_BATCH_H
#define DD_INSERT_BATCH_H

#include <stddef.h>

#include "db.h"
#include "strbuf.h"

struct insert_val;

struct insert_batch {
	struct db *db;
	sqlite3_stmt *one, *many;
	int ncols;
	struct insert_val *vals; /* row after row, ncols each */
	size_t nvals, cap_vals;
	struct strbuf text; /* the text values, NUL after each */
};

/* cols: "a, b, c", the columns each row gives in order. */
void insert_batch_open(struct insert_batch *b, struct db *db, const char *table, const char *cols);
void insert_batch_close(struct insert_batch *b);

/* The next value of the row being put. Text is copied; NULL text is SQL NULL. */
void insert_batch_null(struct insert_batch *b);
void insert_batch_int(struct insert_batch *b, long long v);
void insert_batch_text(struct insert_batch *b, const char *s);
/* A row id, or NULL when id <= 0. */
void insert_batch_id(struct insert_batch *b, long long id);
/* A day number as YYYY-MM-DD, or NULL when day < 0. */
void insert_batch_day(struct insert_batch *b, long day);
/* Seconds since the epoch as a UTC timestamp, or NULL when at < 0. */
void insert_batch_time(struct insert_batch *b, long at);

/* Writes the rows put so far and forgets them. */
int insert_batch_flush(struct insert_batch *b, struct dd_err *err);

#endif
