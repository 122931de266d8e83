#!/bin/sh
# Hostile input to every import: what comes in is checked, refused by line, and
# nothing is written (issue 12).
. "${top_srcdir:-.}/tests/lib.sh"
count() { t_sql "SELECT count(*) FROM ${1:-deals}"; }

t_run "init" 0 init
t_run "a deal" 0 add --title Base --account Acme
t_dump "$T_DIR/before.sql"

# A header wider than the reader keeps: refused, not read past what was kept.
python3 -c "print('title,account,' + ','.join('c%d' % i for i in range(5000)))" >"$T_DIR/wide.csv"
python3 -c "print('title,account,' + ','.join('c%d' % i for i in range(4095)))" >"$T_DIR/w4097.csv"
python3 -c "print('title,account,' + ','.join('c%d' % i for i in range(4094)))
print('Wide,Acme' + ',' * 4094)" >"$T_DIR/w4096.csv"
for kind in deals stakeholders plan; do
	t_run "import $kind of 5002 columns is refused" 65 import $kind "$T_DIR/wide.csv"
	t_err "by line, with the count" "wide.csv:1: (header): 5002 columns; at most 4096 are read"
	t_run "so is its dry run" 65 import $kind "$T_DIR/wide.csv" --dry-run
done
t_run "4097 columns" 65 import deals "$T_DIR/w4097.csv" --dry-run
t_err "refused whole" "w4097.csv:1: (header): 4097 columns"
t_no_err "no heap bytes as a column name" "ignoring unknown"
t_same_db "nothing written" "$T_DIR/before.sql"
t_run "4096 columns are read" 0 import deals "$T_DIR/w4096.csv"
t_eq "the row arrived" "$(t_sql "SELECT account FROM deals WHERE title = 'Wide'")" Acme

t_done
