#!/bin/sh
# A database another program holds with an exclusive lock: dealdeck waits its 5 s and
# says the file is locked, not that it is "not a dealdeck database". (Slow: make check-slow.)
. "${top_srcdir:-.}/tests/lib.sh"

DB="$T_DIR/locked.db"
t_init "$DB"
"$DEALDECK" --db "$DB" add --title "Before the lock" --account A >/dev/null
mkfifo "$T_DIR/fifo"
sqlite3 "$DB" <"$T_DIR/fifo" >/dev/null 2>&1 &
holder=$!
exec 4>"$T_DIR/fifo"
printf "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; SELECT count(*) FROM deals;\n" >&4
printf ".shell touch '%s'\n" "$T_DIR/locked" >&4
i=0
while [ ! -e "$T_DIR/locked" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
t_run "a read while another program holds an exclusive lock" 1 --db "$DB" list
t_err "says the database is locked" "is locked by another program"
t_no_err "does not call it foreign" "not a dealdeck database"
t_run "a write while the lock is held" 1 --db "$DB" add --title "Blocked" --account A
t_err "the write says so too" "locked by another program"
printf "COMMIT;\n" >&4
exec 4>&-
wait "$holder"
t_run "once the lock is gone, the database reads" 0 --db "$DB" list
t_out "with what was there" "Before the lock"
t_no_out "and nothing of the blocked write" "Blocked"
t_done
