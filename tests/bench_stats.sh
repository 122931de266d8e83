#!/bin/sh
# Stats speed (issue 6: 100,000 deals with a million events answer in under 2 s).
# Not part of make check; run: make bench (or DEALDECK=./dealdeck sh
# tests/bench_stats.sh [DEALS]). Exits 1 when a run takes 2 s or more.
set -eu
DEALDECK=${DEALDECK:-./dealdeck}
DEALS=${1:-100000}
LIMIT=${LIMIT:-2}
command -v sqlite3 >/dev/null || { echo "bench_stats: sqlite3 missing" >&2; exit 2; }
dir=$(mktemp -d "${TMPDIR:-/tmp}/dealdeck-bench-stats.XXXXXX")
trap 'rm -rf "$dir"' EXIT
db="$dir/stats.db"

. "$(dirname "$0")/bench_lib.sh"

. "$(dirname "$0")/stats_db.sh"
stats_db "$db" "$DEALS"
echo "database: $(sqlite3 "$db" "SELECT count(*) FROM deals") deals," \
	"$(sqlite3 "$db" "SELECT count(*) FROM stage_events") events," \
	"$(($(wc -c <"$db") / 1048576)) MiB"

# Best of three for each question a manager asks.
worst=0
run() {
	label=$1
	shift
	t=$(for i in 1 2 3; do
		secs "$DEALDECK" --db "$db" "$@"
		echo
	done | best)
	echo "$label: $t s"
	worst=$(awk -v a="$worst" -v b="$t" 'BEGIN { print (b > a ? b : a) }')
}
run "stats (the 90 days to 2026-03-31)" stats --as-of 2026-03-31 --format csv
run "stats, a year" stats --as-of 2026-03-31 --from 2025-04-01 --format csv
run "stats, one owner, all history" stats --as-of 2026-03-31 --owner rep7 \
	--from 2024-01-01 --format csv
run "stats as of a year before" stats --as-of 2025-03-31 --format csv
run "stats today" stats --format csv
run "stats, text" stats --as-of 2026-03-31
run "stats, all history (22 months, every event)" stats --as-of 2026-03-31 \
	--from 2024-01-01 --format csv
echo "slowest: $worst s (limit $LIMIT s)"
awk -v w="$worst" -v l="$LIMIT" 'BEGIN { exit !(w < l) }' || {
	echo "bench_stats: stats took ${LIMIT} s or more" >&2
	exit 1
}
