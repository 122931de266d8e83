#!/bin/sh
# The database file: modes, WAL, versions, foreign files, read-only, busy,
# append-only history, one transaction per write, where it is found, the config.
. "${top_srcdir:-.}/tests/lib.sh"

deals_in() { t_sql "SELECT group_concat(title, ',') FROM (SELECT title FROM deals ORDER BY id)" "$1"; }
same_file() { if cmp -s "$2" "$3"; then t_ok "$1"; else t_fail "$1: the file changed"; fi; }

# --- modes ----------------------------------------------------------------
t_cmd "a new database under umask 000" 0 sh -c 'umask 000; "$1" --db "$2" init' \
	sh "$DEALDECK" "$T_DIR/private/p.db"
t_eq "a new database is 0600 whatever the umask" "$(stat -c %a "$T_DIR/private/p.db")" "600"
t_eq "its new directory is 0700" "$(stat -c %a "$T_DIR/private")" "700"
t_eq "WAL journal" "$(t_sql "PRAGMA journal_mode" "$T_DIR/private/p.db")" "wal"

mkdir "$T_DIR/team"
TEAM_GROUP=$(id -gn)
if chgrp users "$T_DIR/team" 2>/dev/null; then TEAM_GROUP=users; fi
chmod 2770 "$T_DIR/team"
t_cmd "a new database in a group-writable setgid directory" 0 \
	sh -c 'umask 077; "$1" --db "$2" init' sh "$DEALDECK" "$T_DIR/team/p.db"
"$DEALDECK" --db "$T_DIR/team/p.db" add --title Shared --account A >/dev/null
t_eq "shared database is 0660" "$(stat -c %a "$T_DIR/team/p.db")" "660"
t_eq "shared database has the directory's group" "$(stat -c %G "$T_DIR/team/p.db")" "$TEAM_GROUP"
mkdir "$T_DIR/gw"
chmod 0770 "$T_DIR/gw"
t_init "$T_DIR/gw/p.db"
t_eq "group-writable without setgid: still 0600" "$(stat -c %a "$T_DIR/gw/p.db")" "600"
mkdir "$T_DIR/sg"
chmod 2750 "$T_DIR/sg"
t_init "$T_DIR/sg/p.db"
t_eq "setgid without group write: still 0600" "$(stat -c %a "$T_DIR/sg/p.db")" "600"

# -wal and -shm: hold the database open from another connection so they stay.
# wal_modes DB: opens DB, lets dealdeck write while it is open, prints the modes.
wal_modes() {
	mkfifo "$T_DIR/walfifo"
	sqlite3 "$1" <"$T_DIR/walfifo" >/dev/null 2>&1 &
	holder=$!
	exec 3>"$T_DIR/walfifo"
	echo "SELECT count(*) FROM deals;" >&3
	i=0
	while [ ! -e "$1-wal" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
	(umask 000; "$DEALDECK" --db "$1" add --title "While open" --account A >/dev/null)
	echo "$(stat -c %a/%G "$1-wal" 2>/dev/null) $(stat -c %a/%G "$1-shm" 2>/dev/null)"
	exec 3>&-
	wait "$holder"
	rm -f "$T_DIR/walfifo"
}
t_eq "-wal and -shm are 0600 too" "$(wal_modes "$T_DIR/private/p.db")" "600/$(id -gn) 600/$(id -gn)"
t_eq "-wal and -shm are 0660 with the team group in the team directory" \
	"$(wal_modes "$T_DIR/team/p.db")" "660/$TEAM_GROUP 660/$TEAM_GROUP"
t_eq "the write while open landed" "$(deals_in "$T_DIR/team/p.db")" "Shared,While open"

# --- newer and foreign files ---------------------------------------------
NEW="$T_DIR/newer.db"
t_init "$NEW"
"$DEALDECK" --db "$NEW" add --title Future --account A >/dev/null
t_sql "PRAGMA user_version = 99" "$NEW"
cp "$NEW" "$T_DIR/newer.copy"
t_run "a database from a newer dealdeck: read" 1 --db "$NEW" list
t_err "says it is newer" "newer"
t_run "a database from a newer dealdeck: write" 1 --db "$NEW" add --title X --account A
same_file "the newer database is byte for byte untouched" "$NEW" "$T_DIR/newer.copy"
t_eq "still version 99" "$(t_sql "PRAGMA user_version" "$NEW")" "99"

FOREIGN="$T_DIR/other.db"
t_sql "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me');" "$FOREIGN"
cp "$FOREIGN" "$T_DIR/other.copy"
t_run "another program's SQLite file: read" 1 --db "$FOREIGN" list
t_err "says it is not a dealdeck database" "not a dealdeck database"
t_run "another program's SQLite file: write" 1 --db "$FOREIGN" add --title X --account A
same_file "the foreign file is untouched" "$FOREIGN" "$T_DIR/other.copy"
t_eq "its journal mode is untouched" "$(t_sql "PRAGMA journal_mode" "$FOREIGN")" "delete"
printf 'just some text, not a database at all\n' >"$T_DIR/text.db"
cp "$T_DIR/text.db" "$T_DIR/text.copy"
t_run "a file that is not SQLite" 1 --db "$T_DIR/text.db" list
same_file "the text file is untouched" "$T_DIR/text.db" "$T_DIR/text.copy"
t_run "a directory as the database" 1 --db "$T_DIR" list

# A pending -wal: a file another program (or a newer dealdeck) was writing when it stopped.
# with_pending_wal SRC DEST SQL: runs SQL on SRC in WAL mode and copies SRC and its -wal to
# DEST while the connection is open, so DEST's last writes are only in DEST-wal.
with_pending_wal() {
	rm -f "$T_DIR/walsrc"
	mkfifo "$T_DIR/walsrc"
	sqlite3 "$1" <"$T_DIR/walsrc" >/dev/null 2>&1 &
	holder=$!
	exec 5>"$T_DIR/walsrc"
	printf "PRAGMA journal_mode = WAL; %s;\n.shell touch '%s'\n" "$3" "$T_DIR/walsrc.done" >&5
	i=0
	while [ ! -e "$T_DIR/walsrc.done" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
	cp "$1" "$2"
	cp "$1-wal" "$2-wal"
	exec 5>&-
	wait "$holder"
	rm -f "$T_DIR/walsrc" "$T_DIR/walsrc.done"
}
with_pending_wal "$T_DIR/fsrc.db" "$T_DIR/fwal.db" "CREATE TABLE notes (b); INSERT INTO notes VALUES ('x')"
cp "$T_DIR/fwal.db" "$T_DIR/fwal.copy"
cp "$T_DIR/fwal.db-wal" "$T_DIR/fwal.wal.copy"
t_run "a foreign file with a pending -wal" 1 --db "$T_DIR/fwal.db" list
t_err "is not ours" "not a dealdeck database; it was not touched"
same_file "its database file is byte for byte untouched" "$T_DIR/fwal.db" "$T_DIR/fwal.copy"
same_file "its -wal is still there, untouched" "$T_DIR/fwal.db-wal" "$T_DIR/fwal.wal.copy"
t_init "$T_DIR/nsrc.db"
with_pending_wal "$T_DIR/nsrc.db" "$T_DIR/nwal.db" "PRAGMA user_version = 99"
cp "$T_DIR/nwal.db" "$T_DIR/nwal.copy"
cp "$T_DIR/nwal.db-wal" "$T_DIR/nwal.wal.copy"
t_run "a newer dealdeck's file with a pending -wal" 1 --db "$T_DIR/nwal.db" add --title X --account A
t_err "says it is newer" "newer dealdeck (schema 99"
same_file "its database file is untouched" "$T_DIR/nwal.db" "$T_DIR/nwal.copy"
same_file "its -wal is untouched" "$T_DIR/nwal.db-wal" "$T_DIR/nwal.wal.copy"

# Say what happened: a damaged file is not "not a dealdeck database".
t_init "$T_DIR/whole.db"
"$DEALDECK" --db "$T_DIR/whole.db" demo --deals 20 >/dev/null
head -c 20000 "$T_DIR/whole.db" >"$T_DIR/cut.db"
cp "$T_DIR/cut.db" "$T_DIR/cut.copy"
t_run "a dealdeck file cut short" 1 --db "$T_DIR/cut.db" list
t_err "says it is cut short" "cut short"
t_no_err "does not call it foreign" "not a dealdeck database"
same_file "the cut file is untouched" "$T_DIR/cut.db" "$T_DIR/cut.copy"
t_eq "and nothing was made beside it" "$(ls "$T_DIR" | grep -c '^cut\.db-')" "0"
head -c 50 "$T_DIR/whole.db" >"$T_DIR/stub.db"
t_run "a file shorter than an SQLite header" 1 --db "$T_DIR/stub.db" list
t_err "says it is not an SQLite file" "not an SQLite file"
cp "$T_DIR/whole.db" "$T_DIR/garbled.db"
dd if=/dev/zero of="$T_DIR/garbled.db" bs=4096 count=3 seek=1 conv=notrunc 2>/dev/null
t_run "a dealdeck file with zeroed pages" 1 --db "$T_DIR/garbled.db" list
t_err "says it is damaged" "is damaged"
t_no_err "does not call the damaged file foreign" "not a dealdeck database"

# --- read-only --------------------------------------------------------------
RO_DIR="$T_DIR/ro"
mkdir "$RO_DIR"
t_init "$RO_DIR/p.db"
"$DEALDECK" --db "$RO_DIR/p.db" add --title "Read me" --account A >/dev/null
chmod 0444 "$RO_DIR/p.db"
cp "$RO_DIR/p.db" "$T_DIR/ro.copy"
if [ "$(id -u)" -ne 0 ]; then
	AS=""
elif command -v setpriv >/dev/null 2>&1; then
	# root writes through any mode: run as nobody, in a directory nobody may write in.
	chmod 0711 "$T_DIR"
	chown nobody "$RO_DIR" 2>/dev/null
	AS="setpriv --reuid=nobody --regid=nogroup --clear-groups"
	$AS "$DEALDECK" --version >/dev/null 2>&1 || AS="none"
else
	AS="none"
fi
if [ "$AS" = "none" ]; then
	t_skip "read-only database: reads work" "running as root without a way to drop to nobody"
	t_skip "read-only database: writes fail with exit 1" "running as root"
else
	t_cmd "read-only database: reads work" 0 $AS "$DEALDECK" --db "$RO_DIR/p.db" list
	t_out "the deal is listed" "Read me"
	t_cmd "read-only database: show works" 0 $AS "$DEALDECK" --db "$RO_DIR/p.db" show 1
	t_cmd "read-only database: a write fails" 1 $AS "$DEALDECK" --db "$RO_DIR/p.db" add --title X --account A
	t_err "says it is read-only" "read-only"
	t_cmd "read-only database: a move fails" 1 $AS "$DEALDECK" --db "$RO_DIR/p.db" move 1 qualify --override "the buyer asked us to skip it"
	t_eq "nothing was written" "$(deals_in "$RO_DIR/p.db")" "Read me"
	t_eq "the deal did not move" "$(t_sql "SELECT stage FROM deals" "$RO_DIR/p.db")" "prospect"
	# A read-only directory: SQLite cannot make -wal and -shm there; readers still read.
	RD="$T_DIR/rodir"
	mkdir "$RD"
	t_init "$RD/p.db"
	"$DEALDECK" --db "$RD/p.db" add --title "Read me too" --account A >/dev/null
	chmod 0644 "$RD/p.db"
	chmod 0555 "$RD"
	t_cmd "read-only directory: list works" 0 $AS "$DEALDECK" --db "$RD/p.db" list
	t_out "the deal is listed" "Read me too"
	t_cmd "read-only directory: stats work" 0 $AS "$DEALDECK" --db "$RD/p.db" stats
	t_cmd "read-only directory: a write fails" 1 $AS "$DEALDECK" --db "$RD/p.db" add \
		--title X --account A
	t_err "says why" "is read-only for you (no write access to it or its directory)"
	t_no_err "is not called foreign" "not a dealdeck database"
	t_eq "no -wal or -shm was made" "$(ls "$RD")" "p.db"
	chmod 0755 "$RD"
	# A directory that cannot be searched: the file is there, but out of reach.
	NX="$T_DIR/nx"
	mkdir "$NX"
	cp "$RD/p.db" "$NX/p.db"
	chmod 0600 "$NX"
	t_cmd "a directory that cannot be searched" 1 $AS "$DEALDECK" --db "$NX/p.db" list
	t_err "says permission is denied" "cannot reach $NX/p.db: Permission denied"
	t_no_err "does not say it cannot create it" "cannot create"
	chmod 0700 "$NX"
fi
chmod 0700 "$T_DIR"

# --- busy -----------------------------------------------------------------
# wait_for_file FILE: waits (up to 5 s) until FILE exists.
wait_for_file() {
	i=0
	while [ ! -e "$1" ] && [ $i -lt 100 ]; do sleep 0.05; i=$((i + 1)); done
}
BUSY="$T_DIR/busy.db"
t_init "$BUSY"
"$DEALDECK" --db "$BUSY" add --title "Before the lock" --account A >/dev/null
mkfifo "$T_DIR/busyfifo"
sqlite3 "$BUSY" <"$T_DIR/busyfifo" >/dev/null 2>&1 &
holder=$!
exec 4>"$T_DIR/busyfifo"
echo "BEGIN IMMEDIATE; INSERT INTO meta VALUES ('lock-holder', 'x');" >&4
echo ".shell touch '$T_DIR/locked1'" >&4
wait_for_file "$T_DIR/locked1"
if sqlite3 "$BUSY" "BEGIN IMMEDIATE; ROLLBACK;" 2>/dev/null; then
	t_fail "set-up: another process holds the write lock"
else
	t_ok "set-up: another process holds the write lock"
fi
t_run "a read while another writes" 0 --db "$BUSY" list
t_out "reads are not blocked" "Before the lock"
start=$(date +%s%N)
t_run "a write while another writes: busy" 1 --db "$BUSY" add --title "Blocked" --account A
elapsed=$((($(date +%s%N) - start) / 1000000))
t_err "says busy" "busy"
# At least the 5 s busy timeout; the upper bound only catches a hang (a loaded,
# sanitized CI machine starts programs slowly).
if [ "$elapsed" -ge 4500 ] && [ "$elapsed" -le 20000 ]; then
	t_ok "waited about 5 s before giving up ($elapsed ms)"
else
	t_fail "waited about 5 s before giving up" "waited $elapsed ms"
fi
echo "ROLLBACK;" >&4
exec 4>&-
wait "$holder"
t_eq "nothing from the busy write" "$(deals_in "$BUSY")" "Before the lock"
mkfifo "$T_DIR/busyfifo2"
sqlite3 "$BUSY" <"$T_DIR/busyfifo2" >/dev/null 2>&1 &
holder=$!
exec 4>"$T_DIR/busyfifo2"
echo "BEGIN IMMEDIATE; INSERT INTO meta VALUES ('lock-holder', 'x');" >&4
echo ".shell touch '$T_DIR/locked2'" >&4
wait_for_file "$T_DIR/locked2"
( sleep 1; echo "ROLLBACK;" >&4 ) &
releaser=$!
t_run "a write that waits less than 5 s succeeds" 0 --db "$BUSY" add --title "Waited" --account A
wait "$releaser"
exec 4>&-
wait "$holder"
t_eq "the waiting write landed" "$(deals_in "$BUSY")" "Before the lock,Waited"

# --- history is append-only ----------------------------------------------
H="$T_DIR/hist.db"
t_init "$H"
"$DEALDECK" --db "$H" add --title Hist --account A >/dev/null
"$DEALDECK" --db "$H" stakeholder add 1 --name "Ann Chu" --role champion >/dev/null
"$DEALDECK" --db "$H" move 1 qualify --evidence "buyer_engaged=Ann replied and booked a call" \
	--contact "Ann Chu" >/dev/null
t_dump "$T_DIR/hist.before" "$H"
refused() {
	if t_sql "$2" "$H" >/dev/null 2>&1; then t_fail "$1 is refused" "$2"; else t_ok "$1 is refused"; fi
}
refused "UPDATE stage_events" "UPDATE stage_events SET actor = 'mallory'"
refused "DELETE FROM stage_events" "DELETE FROM stage_events"
refused "REPLACE INTO stage_events" \
	"REPLACE INTO stage_events (id, deal_id, kind, from_stage, stage, status, at, actor) SELECT id, deal_id, kind, from_stage, stage, status, at, 'mallory' FROM stage_events WHERE id = 1"
refused "INSERT OR REPLACE INTO stage_events" \
	"INSERT OR REPLACE INTO stage_events (id, deal_id, kind, stage, status, at, actor) VALUES (2, 1, 'create', 'close', 'open', '2020-01-01 00:00:00', 'mallory')"
refused "UPDATE evidence" "UPDATE evidence SET what = 'made up by the seller'"
refused "DELETE FROM evidence" "DELETE FROM evidence"
refused "REPLACE INTO evidence" \
	"REPLACE INTO evidence (id, deal_id, event_id, stage, requirement, what, acted_on, recorded_by, recorded_at) SELECT id, deal_id, event_id, stage, requirement, 'made up', acted_on, 'mallory', recorded_at FROM evidence WHERE id = 1"
refused "UPDATE OR REPLACE on stage_events" "UPDATE OR REPLACE stage_events SET id = 1 WHERE id = 2"
refused "dropping a deal under its history" "PRAGMA foreign_keys = ON; DELETE FROM deals"
t_same_db "history unchanged after every attempt" "$T_DIR/hist.before" "$H"

# --- one transaction per write ---------------------------------------------
# A trigger that fails the last write of a move: nothing of the move may remain.
t_sql "CREATE TRIGGER test_fail_evidence BEFORE INSERT ON evidence BEGIN SELECT RAISE(ABORT, 'test failure'); END;" "$H"
t_dump "$T_DIR/tx.before" "$H"
"$DEALDECK" --db "$H" move 1 discover --evidence "problem_confirmed=Ann confirmed the problem in writing" \
	--contact "Ann Chu" >"$OUT" 2>"$ERR"
rc=$?
if [ "$rc" -ne 0 ]; then t_ok "a move failing at its last write fails (exit $rc)"; else
	t_fail "a move failing at its last write fails" "exit 0"; fi
t_same_db "no partial move: deal, event and evidence all unchanged" "$T_DIR/tx.before" "$H"
t_sql "DROP TRIGGER test_fail_evidence; CREATE TRIGGER test_fail_touch BEFORE UPDATE ON deals BEGIN SELECT RAISE(ABORT, 'test failure'); END;" "$H"
t_dump "$T_DIR/tx.before" "$H"
"$DEALDECK" --db "$H" stakeholder add 1 --name "Bo Diaz" --role user >"$OUT" 2>"$ERR"
rc=$?
if [ "$rc" -ne 0 ]; then t_ok "a stakeholder add failing late fails (exit $rc)"; else
	t_fail "a stakeholder add failing late fails" "exit 0"; fi
t_same_db "no partial stakeholder add" "$T_DIR/tx.before" "$H"
"$DEALDECK" --db "$H" plan add 1 --title "Step" --owner buyer --due 2031-01-01 >"$OUT" 2>"$ERR"
rc=$?
if [ "$rc" -ne 0 ]; then t_ok "a plan add failing late fails (exit $rc)"; else
	t_fail "a plan add failing late fails" "exit 0"; fi
t_same_db "no partial plan add" "$T_DIR/tx.before" "$H"
t_sql "DROP TRIGGER test_fail_touch" "$H"

# --- a missing database ----------------------------------------------------
# A path named by --db or $DEALDECK_DB must exist: a typo never starts an empty pipeline.
M="$T_DIR/missing"
t_run "--db naming a missing file" 1 --db "$M/sub/p.db" list
t_err "says there is none and how to make one" "no database at $M/sub/p.db; create it with dealdeck init"
t_cmd "\$DEALDECK_DB naming a missing file" 1 env DEALDECK_DB="$M/env.db" "$DEALDECK" add \
	--title X --account A
t_err "says so for \$DEALDECK_DB too" "no database at $M/env.db"
t_run "the board on a missing --db" 1 --db "$M/p.db" board
t_eq "nothing was created, not even the directory" "$(test -e "$M" && echo yes || echo no)" "no"
# Usage errors are found before any file is opened: exit 2, nothing created, wherever the
# database would be: a missing --db, and the default location on first use.
XD="$T_DIR/xdg-fresh"
while IFS='|' read -r what args; do
	eval "set -- $args"
	t_run "usage error on a missing --db: $what" 2 --db "$M/p.db" "$@"
	t_cmd "usage error at the default location: $what" 2 env -u DEALDECK_DB \
		XDG_DATA_HOME="$XD/data" XDG_CONFIG_HOME="$XD/config" "$DEALDECK" "$@"
done <<'EOF_USAGE'
add --amount bogus|add --title T --account A --amount bogus
add without --account|add --title T
add --created in the future|add --title T --account A --created 2999-01-01
show abc|show abc
edit with nothing to change|edit 1
demo --deals 0|demo --deals 0
list --format xml|list --format xml
list --status maybe|list --status maybe
--as-of not a date|--as-of 2026-02-30 list
move --on not a date|move 1 qualify --evidence "buyer_engaged=The buyer replied to us" --on someday
move --evidence without =|move 1 qualify --evidence buyer_engaged
lost without --reason|lost 1
stakeholder add --role boss|stakeholder add 1 --name Ann --role boss
plan add --owner nobody|plan add 1 --title Step --owner nobody --due 2031-01-01
plan add --due tomorrow|plan add 1 --title Step --owner buyer --due tomorrow
stats --from after --to|stats --from 2026-03-01 --to 2026-02-01
export nothing|export nothing
board --width 0|board --width 0
a repeated --title|add --title T --title U --account A
--as-of with add|--as-of 2026-01-01 add --title T --account A
EOF_USAGE
t_eq "no missing --db was created" "$(test -e "$M" && echo yes || echo no)" "no"
t_eq "nothing at the default location" "$(find "$XD" 2>/dev/null | head -3)" ""
t_cmd "demo creates the database --db names" 0 "$DEALDECK" --db "$M/demo.db" demo --deals 3
t_eq "it holds the demo" "$(t_sql "SELECT count(*) FROM deals" "$M/demo.db")" "3"
rm -rf "$M"

# --- where the database is found -----------------------------------------
P="$T_DIR/paths"
mkdir -p "$P/xdgdata" "$P/xdgconf/dealdeck" "$P/home"
t_cmd "default: \$XDG_DATA_HOME/dealdeck/pipeline.db" 0 env -u DEALDECK_DB XDG_DATA_HOME="$P/xdgdata" \
	XDG_CONFIG_HOME="$P/xdgconf" "$DEALDECK" add --title InXdg --account A
t_eq "created there" "$(deals_in "$P/xdgdata/dealdeck/pipeline.db")" "InXdg"
t_eq "its directory made 0700" "$(stat -c %a "$P/xdgdata/dealdeck")" "700"
t_cmd "default without XDG_DATA_HOME: ~/.local/share" 0 env -u DEALDECK_DB -u XDG_DATA_HOME \
	-u XDG_CONFIG_HOME HOME="$P/home" "$DEALDECK" add --title InHome --account A
t_eq "created in ~/.local/share/dealdeck" "$(deals_in "$P/home/.local/share/dealdeck/pipeline.db")" "InHome"
printf '[db]\npath = %s\n' "$P/fromconfig.db" >"$P/xdgconf/dealdeck/config.ini"
t_cmd "[db] path in the config comes before the default" 0 env -u DEALDECK_DB \
	XDG_DATA_HOME="$P/xdgdata" XDG_CONFIG_HOME="$P/xdgconf" "$DEALDECK" add --title InConfig --account A
t_eq "created at the config's path" "$(deals_in "$P/fromconfig.db")" "InConfig"
t_eq "default untouched" "$(deals_in "$P/xdgdata/dealdeck/pipeline.db")" "InXdg"
t_init "$P/fromenv.db"
t_cmd "\$DEALDECK_DB comes before the config" 0 env DEALDECK_DB="$P/fromenv.db" \
	XDG_DATA_HOME="$P/xdgdata" XDG_CONFIG_HOME="$P/xdgconf" "$DEALDECK" add --title InEnv --account A
t_eq "written to \$DEALDECK_DB" "$(deals_in "$P/fromenv.db")" "InEnv"
t_eq "config's database untouched" "$(deals_in "$P/fromconfig.db")" "InConfig"
t_init "$P/fromopt.db"
t_cmd "--db comes before everything" 0 env DEALDECK_DB="$P/fromenv.db" XDG_DATA_HOME="$P/xdgdata" \
	XDG_CONFIG_HOME="$P/xdgconf" "$DEALDECK" --db "$P/fromopt.db" add --title InOpt --account A
t_eq "written to --db" "$(deals_in "$P/fromopt.db")" "InOpt"
t_eq "\$DEALDECK_DB's database untouched" "$(deals_in "$P/fromenv.db")" "InEnv"
printf '[db]\npath = %s\n' "$P/other-config.db" >"$P/other.ini"
t_cmd "--config names another config file" 0 env -u DEALDECK_DB XDG_DATA_HOME="$P/xdgdata" \
	XDG_CONFIG_HOME="$P/xdgconf" "$DEALDECK" --config "$P/other.ini" add --title InOther --account A
t_eq "its [db] path used" "$(deals_in "$P/other-config.db")" "InOther"
mkdir -p "$P/home/.config/dealdeck"
printf '[db]\npath = %s\n' "$P/homeconfig.db" >"$P/home/.config/dealdeck/config.ini"
t_cmd "without XDG_CONFIG_HOME: ~/.config/dealdeck/config.ini" 0 env -u DEALDECK_DB -u XDG_DATA_HOME \
	-u XDG_CONFIG_HOME HOME="$P/home" "$DEALDECK" add --title InHomeConfig --account A
t_eq "the home config's path used" "$(deals_in "$P/homeconfig.db")" "InHomeConfig"

# --- a broken config -----------------------------------------------------
CONF="$XDG_CONFIG_HOME/dealdeck/config.ini"
mkdir -p "$XDG_CONFIG_HOME/dealdeck"
"$DEALDECK" add --title "Config test" --account A >/dev/null
t_dump "$T_DIR/cfg.before"
# broken_config NAME LINE TEXT: the config holds TEXT (lines); LINE is the bad one.
broken_config() {
	printf '%b' "$3" >"$CONF"
	t_run "config: $1" 65 add --title "Never" --account A
	t_err "config: $1 reported at FILE:LINE" "$CONF:$2:"
	t_same_db "config: $1: nothing written" "$T_DIR/cfg.before"
	t_run "config: $1 stops reads too" 65 list
}
broken_config "a syntax error" 3 '[ui]\nascii = true\nthis is not ini\n'
broken_config "an unknown key" 2 '[ui]\ncolour = blue\n'
broken_config "an unknown section" 4 '[ui]\nascii = false\n\n[colours]\nbg = black\n'
broken_config "a bad boolean" 3 '[db]\n[ui]\nascii = maybe\n'
printf '[ui]\nprivacy = sometimes\n' >"$T_DIR/bad-config.ini"
rm -f "$CONF"
t_run "--config with a broken file" 65 --config "$T_DIR/bad-config.ini" list
t_err "--config file named with its line" "$T_DIR/bad-config.ini:2:"
t_run "--config with a missing file" 1 --config "$T_DIR/no-such.ini" list
printf '# just a comment\n[ui]\nascii = yes\nprivacy = off\n' >"$CONF"
t_run "a good config is fine" 0 list
# [keys] is checked against the board's key table, with the line of the mistake.
printf '[keys]\ndown = x\nfrobnicate = y\n' >"$T_DIR/keys.ini"
t_run "unknown key action in [keys]" 65 --config "$T_DIR/keys.ini" board
t_err "names the file and line" "keys.ini:3:"
printf '[keys]\ndown = NoSuchKey\n' >"$T_DIR/keys2.ini"
t_run "unknown key name in [keys]" 65 --config "$T_DIR/keys2.ini"
t_err "names the key" "NoSuchKey"
printf '[keys]\ndown = x Down\nquit = Q\n' >"$T_DIR/keys3.ini"
t_run "a valid [keys] section" 0 --config "$T_DIR/keys3.ini" board
t_done
