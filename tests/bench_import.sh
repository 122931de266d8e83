#!/bin/sh
# Import speed against the floor (issue 5: at most 3x what sqlite3 .import takes
# for the same file on the same machine). Not part of make check; run: make bench
# (or DEALDECK=./dealdeck sh tests/bench_import.sh [DEALS]). Exits 1 above 3x.
set -eu
DEALDECK=${DEALDECK:-./dealdeck}
DEALS=${1:-100000}
MAX_RATIO=${MAX_RATIO:-3}
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
	n=$(sqlite3 "$dir/y.db" "SELECT count(*) FROM deals")
	e=$(sqlite3 "$dir/y.db" "SELECT count(*) FROM stage_events")
	[ "$n" -gt 0 ] || { echo "bench_import: nothing imported" >&2; exit 1; }
	ratio=$(awk -v a="$ours" -v b="$floor" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
	echo "  sqlite3 .import: $floor s"
	echo "  dealdeck import deals ($n deals, $e events): $ours s"
	echo "  ratio: ${ratio}x (limit ${MAX_RATIO}x)"
	awk -v r="$ratio" -v m="$MAX_RATIO" 'BEGIN { exit !(r + 0 > 0 && r + 0 <= m + 0) }' ||
		verdict=1
}
bench "$dir/plain.csv"
bench "$dir/history.csv"
[ $verdict = 0 ] || echo "bench_import: import is more than ${MAX_RATIO}x sqlite3 .import" >&2
exit $verdict
