# TAP helpers for tests that run the real dealdeck on real database files.
# Source it, call the t_* functions, end with t_done. Every check is one TAP line.
set -u
: "${DEALDECK:=$(pwd)/dealdeck}"
: "${top_srcdir:=.}"
T_N=0
T_FAILED=0
T_DIR=$(mktemp -d "${TMPDIR:-/tmp}/dealdeck-test.XXXXXX")
trap 'rm -rf "$T_DIR"' EXIT
export DEALDECK_DB="$T_DIR/pipeline.db"
export HOME="$T_DIR/home" XDG_CONFIG_HOME="$T_DIR/home/.config" XDG_DATA_HOME="$T_DIR/home/.local/share"
export LC_ALL=C.UTF-8
unset NO_COLOR
mkdir -p "$HOME"
OUT="$T_DIR/out"
ERR="$T_DIR/err"
TODAY=$(date -u +%F)

t_ok() { T_N=$((T_N + 1)); echo "ok $T_N - $1"; }
t_fail() {
	T_N=$((T_N + 1)); T_FAILED=$((T_FAILED + 1))
	echo "not ok $T_N - $1"
	shift
	for line in "$@"; do echo "# $line"; done
}

# t_run NAME RC ARGS... : runs dealdeck ARGS, expects exit status RC; keeps $OUT, $ERR.
t_run() {
	name=$1 want=$2
	shift 2
	"$DEALDECK" "$@" >"$OUT" 2>"$ERR"
	got=$?
	if [ "$got" -eq "$want" ]; then
		t_ok "$name (exit $want)"
	else
		t_fail "$name: exit $got, wanted $want" "dealdeck $*" "stdout: $(head -c 600 "$OUT")" \
			"stderr: $(head -c 600 "$ERR")"
	fi
}

# t_out NAME TEXT / t_err NAME TEXT: stdout / stderr of the last run contains TEXT.
t_out() { if grep -qF -- "$2" "$OUT"; then t_ok "$1"; else t_fail "$1: stdout lacks '$2'" "$(head -c 800 "$OUT")"; fi; }
t_err() { if grep -qF -- "$2" "$ERR"; then t_ok "$1"; else t_fail "$1: stderr lacks '$2'" "$(head -c 800 "$ERR")"; fi; }
t_no_out() { if grep -qF -- "$2" "$OUT"; then t_fail "$1: stdout has '$2'" "$(head -c 800 "$OUT")"; else t_ok "$1"; fi; }

# t_eq NAME GOT WANT
t_eq() { if [ "$2" = "$3" ]; then t_ok "$1"; else t_fail "$1" "got:  $2" "want: $3"; fi; }

# t_init [DB]: creates the database ($DEALDECK_DB by default): a path named by --db or
# $DEALDECK_DB must exist, only the default location is created on first use.
t_init() {
	"$DEALDECK" --db "${1:-$DEALDECK_DB}" init >/dev/null 2>"$T_DIR/init.err" ||
		t_fail "init ${1:-$DEALDECK_DB}" "$(cat "$T_DIR/init.err")"
}

# t_sql SQL [DB]: prints the query's result from the database file.
t_sql() { sqlite3 -batch "${2:-$DEALDECK_DB}" "$1"; }
# Prefix for t_sql that writes the process tables as another program would, past
# the triggers that let only process apply change them (it leaves the flag set).
APPLYING="INSERT OR REPLACE INTO meta VALUES ('applying_process', '1');"

# A date N days from today (negative: in the past).
t_day() { date -u -d "$1 days" +%F; }

# t_cmd NAME RC CMD ARGS... : like t_run for any command (a wrapper, sqlite3, ...).
t_cmd() {
	name=$1 want=$2
	shift 2
	"$@" >"$OUT" 2>"$ERR"
	got=$?
	if [ "$got" -eq "$want" ]; then
		t_ok "$name (exit $want)"
	else
		t_fail "$name: exit $got, wanted $want" "$*" "stdout: $(head -c 600 "$OUT")" \
			"stderr: $(head -c 600 "$ERR")"
	fi
}

# t_no_err NAME TEXT: stderr of the last run does not contain TEXT.
t_no_err() { if grep -qF -- "$2" "$ERR"; then t_fail "$1: stderr has '$2'" "$(head -c 800 "$ERR")"; else t_ok "$1"; fi; }

# t_skip NAME REASON: a TAP skip line.
t_skip() { T_N=$((T_N + 1)); echo "ok $T_N - $1 # skip $2"; }

# t_dump FILE [DB]: the database's content as SQL text, to compare before/after.
t_dump() { sqlite3 -batch "${2:-$DEALDECK_DB}" .dump >"$1"; }

# t_same_db NAME BEFORE [DB]: the database still dumps to the text saved in BEFORE.
t_same_db() {
	t_dump "$T_DIR/dump.after" "${3:-$DEALDECK_DB}"
	if cmp -s "$2" "$T_DIR/dump.after"; then
		t_ok "$1"
	else
		t_fail "$1: the database changed" "$(diff "$2" "$T_DIR/dump.after" | head -20)"
	fi
}

# t_login: the OS login the program should record (not $USER).
t_login() { id -un; }

# t_csv_row ID: the (first line of the) CSV record of id ID in the last output.
t_csv_row() { grep "^$1," "$OUT"; }

# t_squeeze: a filter: runs of spaces to one, none at either end (a table's rows).
t_squeeze() { tr -s ' ' | sed 's/^ //; s/ $//'; }

# t_row_of ID: the table row of id ID (the first column) in the last output, squeezed.
t_row_of() { awk -v id="$1" '$1 == id' "$OUT" | t_squeeze; }

# t_ago DAYS: noon UTC, DAYS days ago, as the database stores times.
t_ago() { date -u -d "$1 days ago" +"%F 12:00:00"; }

# t_from_entered DEAL KIND: SQL for the from_entered_at of an event of KIND on DEAL: the
# entry into the stage a move leaves, i.e. the deal's last event (NULL for create, reopen).
t_from_entered() {
	case $2 in create | reopen) echo NULL ;;
	*) echo "(SELECT max(at) FROM stage_events WHERE deal_id = $1)" ;; esac
}

# t_event DEAL KIND FROM STAGE STATUS DAYS_AGO: writes one history row, by t_login, at
# t_ago DAYS_AGO. FROM is - for none (a create).
t_event() {
	t_sql "INSERT INTO stage_events (deal_id, kind, from_stage, stage, status, at, actor,
		from_entered_at)
		VALUES ($1, '$2', $([ "$3" = - ] && echo NULL || echo "'$3'"), '$4', '$5', '$(t_ago "$6")',
		'$(t_login)', $(t_from_entered "$1" "$2"))"
}

# t_team_process FILE MANAGERS REPS [DB]: the database's process (dealdeck process show)
# with that [team] (comma-separated logins), written to FILE for process apply.
t_team_process() {
	"$DEALDECK" --db "${4:-$DEALDECK_DB}" process show |
		sed "s/^managers =.*/managers = $2/; s/^reps =.*/reps = $3/" >"$1"
}

t_done() {
	echo "1..$T_N"
	[ "$T_FAILED" -eq 0 ]
}
