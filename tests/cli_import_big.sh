#!/bin/sh
# A 500 MB file streams: dealdeck import reads it in chunks, so it checks every
# row of it in little memory and without a crash. The file never touches the
# disk: awk writes it into a FIFO as the importer reads. Under the sanitizers
# (which reserve terabytes of address space, so no ulimit -v) the file is 50 MB.
. "${top_srcdir:-.}/tests/lib.sh"

MB=500
CAP_KB=262144 # 256 MiB of address space: a slurped file would not fit
if [ -n "${SANITIZER_CFLAGS:-}" ]; then MB=50 CAP_KB=; fi
ROWS=$((MB * 1000 * 1000 / 125)) # the rows below are 125 bytes

t_run "a database" 0 init
fifo="$T_DIR/big.csv"
mkfifo "$fifo" || { t_skip "a FIFO" "mkfifo failed"; t_done; }
# 125 bytes a row: id, title, account, owner, stage, amount, created, next_step.
awk -v n="$ROWS" 'BEGIN {
	print "id,title,account,stage,amount,created,next_step"
	pad = sprintf("%31s", ""); gsub(/ /, "x", pad)
	for (i = 1; i <= n; i++)
		printf "ext-%09d,Deal number %09d,Account %06d,qualify,%d.00,2026-01-02,%s-call them back\n",
			i, i, i % 100000, i % 90000 + 1000, pad
}' >"$fifo" &
writer=$!
(
	[ -z "$CAP_KB" ] || ulimit -v "$CAP_KB"
	exec "$DEALDECK" import deals --dry-run "$fifo"
) >"$OUT" 2>"$ERR"
rc=$?
wait $writer
t_eq "a ${MB} MB file checked whole in under 256 MiB (exit 0)" "$rc" 0
t_out "every row read" "$ROWS added"
t_eq "nothing written" "$(t_sql "SELECT count(*) FROM deals")" 0

# Finding a date format reads a regular file twice, the first time keeping a few
# bytes per date column: a 64 MB file whose close dates read two ways until its
# last row is checked whole under a 32 MiB cap, and the format is the last row's.
MB=64 CAP_KB=32768
if [ -n "${SANITIZER_CFLAGS:-}" ]; then MB=8 CAP_KB=; fi
ROWS=$((MB * 1000 * 1000 / 100))
awk -v n="$ROWS" 'BEGIN {
	print "id,title,account,stage,amount,close_date,next_step"
	for (i = 1; i < n; i++)
		printf "us-%09d,Deal number %09d,Account %06d,qualify,%d.00,%02d/%02d/2026,call back\n",
			i, i, i % 100000, i % 90000 + 1000, i % 12 + 1, (i + 5) % 12 + 1
	printf "us-%09d,The last deal,Account 1,qualify,1.00,12/25/2026,call back\n", n
}' >"$T_DIR/us.csv"
(
	[ -z "$CAP_KB" ] || ulimit -v "$CAP_KB"
	exec "$DEALDECK" import deals --dry-run "$T_DIR/us.csv"
) >"$OUT" 2>"$ERR"
t_eq "a ${MB} MB file read twice in little memory (exit 0)" "$?" 0
t_out "its last row settles the format" "%m/%d/%Y (found)"
t_out "every row read" "$ROWS added"
t_done
