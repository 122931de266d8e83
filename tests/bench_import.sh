#!/bin/sh
# Import speed against two floors measured side by side (issue 17): the same-schema
# floor, the sqlite3 shell copying the very rows our import wrote into a fresh
# database of our schema (ATTACH + INSERT ... SELECT in one transaction, indexes
# and triggers kept, or dropped and rebuilt: whichever is faster), at most
# MAX_RATIO (1.3) times; and, for reference, a bare sqlite3 .import of the file
# into one table. Not part of make check; run: make bench (or
# DEALDECK=./dealdeck sh tests/bench_import.sh [DEALS]). Exits 1 above MAX_RATIO.
set -eu
DEALDECK=${DEALDECK:-./dealdeck}
DEALS=${1:-100000}
MAX_RATIO=${MAX_RATIO:-1.3}
command -v sqlite3 >/dev/null || { echo "bench_import: sqlite3 missing" >&2; exit 2; }
dir=$(mktemp -d "${TMPDIR:-/tmp}/dealdeck-bench-import.XXXXXX")
trap 'rm -rf "$dir"' EXIT

. "$(dirname "$0")/bench_lib.sh"

# Two realistic files from one demo pipeline: our export with each deal's stage
# history (entered_<stage>: about 3.5 events a deal), and the same deals as a
# CRM without history exports them (the contract's columns only).
"$DEALDECK" --db "$dir/src.db" demo --deals "$DEALS" >/dev/null
"$DEALDECK" --db "$dir/src.db" export deals --output "$dir/history.csv"
cut -d, -f1-15 "$dir/history.csv" >"$dir/plain.csv" # no field of the demo has a comma

# Best of three for each, each into a fresh database.
verdict=0
bench() {
	csv=$1
	echo "$(basename "$csv"): $(($(wc -l <"$csv") - 1)) lines, $(wc -c <"$csv" | tr -d ' ') bytes"
	floor=$(for i in 1 2 3; do
		rm -f "$dir/x.db"
		secs sqlite3 "$dir/x.db" ".import --csv $csv deals_raw"
		echo
	done | best)
	ours=$(for i in 1 2 3; do
		rm -f "$dir/y.db" "$dir/y.db-wal" "$dir/y.db-shm"
		"$DEALDECK" --db "$dir/y.db" init >/dev/null
		secs "$DEALDECK" --db "$dir/y.db" import deals "$csv"
		echo
	done | best)
	same=$(for i in 1 2 3; do
		secs copy_kept
		echo
		secs copy_rebuilt
		echo
	done | best)
	n=$(sqlite3 "$dir/y.db" "SELECT count(*) FROM deals")
	e=$(sqlite3 "$dir/y.db" "SELECT count(*) FROM stage_events")
	[ "$n" -gt 0 ] || { echo "bench_import: nothing imported" >&2; exit 1; }
	bare=$(awk -v a="$ours" -v b="$floor" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
	ratio=$(awk -v a="$ours" -v b="$same" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
	echo "  sqlite3 .import into one table: $floor s"
	echo "  sqlite3 copying the same rows into our schema: $same s"
	echo "  dealdeck import deals ($n deals, $e events): $ours s"
	echo "  ratio to the same-schema floor: ${ratio}x (limit ${MAX_RATIO}x)"
	echo "  ratio to sqlite3 .import: ${bare}x (no limit: no schema with history gets there)"
	awk -v r="$ratio" -v m="$MAX_RATIO" 'BEGIN { exit !(r + 0 > 0 && r + 0 <= m + 0) }' ||
		verdict=1
}
# The same-schema floor: what our import wrote (y.db), copied by the sqlite3 shell
# into a fresh database of our schema in one transaction.
TABLES="deals stage_events evidence stakeholders plan_steps"
copy_sql() {
	echo "PRAGMA cache_size = -262144; ATTACH '$dir/y.db' AS s; BEGIN;"
	for t in $TABLES; do echo "INSERT INTO main.$t SELECT * FROM s.$t;"; done
}
copy_kept() {
	rm -f "$dir/z.db"*
	"$DEALDECK" --db "$dir/z.db" init >/dev/null
	{ copy_sql; echo "COMMIT;"; } | sqlite3 "$dir/z.db"
}
copy_rebuilt() {
	rm -f "$dir/z.db"*
	"$DEALDECK" --db "$dir/z.db" init >/dev/null
	list="'$(echo $TABLES | sed "s/ /', '/g")'"
	sqlite3 "$dir/z.db" "SELECT sql || ';' FROM sqlite_master WHERE sql IS NOT NULL
		AND (type = 'index' OR type = 'trigger') AND tbl_name IN ($list)" \
		>"$dir/create.sql"
	sqlite3 "$dir/z.db" "SELECT 'DROP ' || upper(type) || ' ' || name || ';' FROM sqlite_master
		WHERE sql IS NOT NULL AND (type = 'index' OR type = 'trigger')
		AND tbl_name IN ($list)" >"$dir/drop.sql"
	{ echo "PRAGMA cache_size = -262144; BEGIN;"; cat "$dir/drop.sql"; echo "COMMIT;"
	  copy_sql; cat "$dir/create.sql"
	  echo "DELETE FROM deal_totals; INSERT INTO deal_totals"
	  echo " SELECT '', stage, count(*), sum(amount) FROM deals WHERE status = 'open'"
	  echo " GROUP BY stage UNION ALL SELECT owner, stage, count(*), sum(amount) FROM deals"
	  echo " WHERE status = 'open' GROUP BY owner, stage; COMMIT;"; } | sqlite3 "$dir/z.db"
}

bench "$dir/plain.csv"
bench "$dir/history.csv"
[ $verdict = 0 ] ||
	echo "bench_import: import is more than ${MAX_RATIO}x the same-schema floor" >&2
exit $verdict
