#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "insert_batch.h"
#include "xmalloc.h"

#define CHUNK_ROWS 16 /* rows per multi-row INSERT */
#define DAY        86400L

enum val_kind { V_NULL, V_INT, V_TEXT };

struct insert_val {
	enum val_kind kind;
	long long i;
	size_t off; /* of the text in b->text */
};

static sqlite3_stmt *
prepare_insert(struct db *db, const char *table, const char *cols, int ncols, int rows)
{
	struct strbuf sql;
	sqlite3_stmt *st;

	strbuf_init(&sql);
	strbuf_printf(&sql, "INSERT INTO %s (%s) VALUES ", table, cols);
	for (int r = 0; r < rows; r++) {
		strbuf_puts(&sql, r ? ", (" : "(");
		for (int c = 0; c < ncols; c++)
			strbuf_puts(&sql, c ? ", ?" : "?");
		strbuf_putc(&sql, ')');
	}
	st = db_prepare(db, strbuf_str(&sql));
	strbuf_free(&sql);
	return st;
}

void
insert_batch_open(struct insert_batch *b, struct db *db, const char *table, const char *cols)
{
	memset(b, 0, sizeof *b);
	b->db = db;
	b->ncols = 1;
	for (const char *c = cols; *c != '\0'; c++)
		b->ncols += *c == ',';
	b->one = prepare_insert(db, table, cols, b->ncols, 1);
	b->many = prepare_insert(db, table, cols, b->ncols, CHUNK_ROWS);
	strbuf_init(&b->text);
}

void
insert_batch_close(struct insert_batch *b)
{
	sqlite3_finalize(b->one);
	sqlite3_finalize(b->many);
	free(b->vals);
	strbuf_free(&b->text);
}

static struct insert_val *
put(struct insert_batch *b, enum val_kind kind)
{
	if (b->nvals == b->cap_vals) {
		b->cap_vals = b->cap_vals ? 2 * b->cap_vals : 16;
		b->vals = xreallocarray(b->vals, b->cap_vals, sizeof *b->vals);
	}
	b->vals[b->nvals].kind = kind;
	return &b->vals[b->nvals++];
}

void
insert_batch_null(struct insert_batch *b)
{
	put(b, V_NULL);
}

void
insert_batch_int(struct insert_batch *b, long long v)
{
	put(b, V_INT)->i = v;
}

void
insert_batch_text(struct insert_batch *b, const char *s)
{
	if (s == NULL) {
		put(b, V_NULL);
		return;
	}
	put(b, V_TEXT)->off = b->text.len;
	strbuf_add(&b->text, s, strlen(s) + 1);
}

void
insert_batch_id(struct insert_batch *b, long long id)
{
	if (id > 0)
		insert_batch_int(b, id);
	else
		put(b, V_NULL);
}

void
insert_batch_day(struct insert_batch *b, long day)
{
	char buf[DATE_LEN];

	if (day < 0) {
		put(b, V_NULL);
		return;
	}
	date_format(day, buf);
	insert_batch_text(b, buf);
}

/* Not through gmtime: a big demo has millions of them. */
void
insert_batch_time(struct insert_batch *b, long at)
{
	char buf[TIMESTAMP_LEN];
	long s;
	int y, m, d;

	if (at < 0) {
		put(b, V_NULL);
		return;
	}
	s = at % DAY;
	date_to_ymd(at / DAY, &y, &m, &d);
	timestamp_from_parts(y, m, d, (int)(s / 3600), (int)(s / 60 % 60), (int)(s % 60), buf);
	insert_batch_text(b, buf);
}

static void
bind_row(struct insert_batch *b, sqlite3_stmt *st, size_t row, int first)
{
	const struct insert_val *v = &b->vals[row * (size_t)b->ncols];

	for (int c = 0; c < b->ncols; c++) {
		switch (v[c].kind) {
		case V_NULL:
			sqlite3_bind_null(st, first + c);
			break;
		case V_INT:
			sqlite3_bind_int64(st, first + c, v[c].i);
			break;
		case V_TEXT:
			sqlite3_bind_text(st, first + c, b->text.s + v[c].off, -1, SQLITE_STATIC);
			break;
		}
	}
}

static int
run(struct db *db, sqlite3_stmt *st, struct dd_err *err)
{
	int rc = sqlite3_step(st) == SQLITE_DONE ? DD_OK : db_fail(db, err, "writing rows");

	sqlite3_reset(st);
	return rc;
}

int
insert_batch_flush(struct insert_batch *b, struct dd_err *err)
{
	size_t rows = b->nvals / (size_t)b->ncols, row = 0;
	int rc = DD_OK;

	for (; rc == DD_OK && rows - row >= CHUNK_ROWS; row += CHUNK_ROWS) {
		for (size_t k = 0; k < CHUNK_ROWS; k++)
			bind_row(b, b->many, row + k, 1 + (int)k * b->ncols);
		rc = run(b->db, b->many, err);
	}
	for (; rc == DD_OK && row < rows; row++) {
		bind_row(b, b->one, row, 1);
		rc = run(b->db, b->one, err);
	}
	b->nvals = 0;
	strbuf_reset(&b->text);
	return rc;
}
