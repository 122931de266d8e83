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

# Ten events a deal, written straight into our schema (the demo makes about five):
# created in prospect, forward to discover, back, forward to negotiate, back, forward;
# then a third are won, a third lost, a third move on to negotiate and stay open.
# Deals start over 600 days from 2024-06-01, 3 to 13 days between events.
"$DEALDECK" --db "$db" init >/dev/null
sqlite3 "$db" <<EOF
PRAGMA foreign_keys = ON;
BEGIN;
CREATE TEMP TABLE plan (k INTEGER PRIMARY KEY, kind TEXT, stage TEXT);
INSERT INTO plan VALUES (0, 'create', 'prospect'), (1, 'forward', 'qualify'),
  (2, 'forward', 'discover'), (3, 'back', 'qualify'), (4, 'forward', 'discover'),
  (5, 'forward', 'present'), (6, 'forward', 'propose'), (7, 'back', 'present'),
  (8, 'forward', 'propose'), (9, 'last', 'negotiate');
CREATE TEMP TABLE d AS
  WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $DEALS)
  SELECT i, datetime('2024-06-01 09:00:00', '+' || (i % 600) || ' days') AS t0,
    3 + i % 11 AS gap, CASE i % 3 WHEN 0 THEN 'won' WHEN 1 THEN 'lost' ELSE 'open' END AS fate
  FROM n;
CREATE TEMP TABLE ev AS
  SELECT d.i, p.k, CASE WHEN p.k = 9 AND d.fate <> 'open' THEN d.fate ELSE p.kind END AS kind,
    CASE WHEN p.k = 9 AND d.fate <> 'open' THEN 'propose' ELSE p.stage END AS stage,
    CASE WHEN p.k = 9 THEN d.fate ELSE 'open' END AS status,
    datetime(d.t0, '+' || (p.k * d.gap) || ' days') AS at,
    CASE WHEN p.k > 0 THEN datetime(d.t0, '+' || ((p.k - 1) * d.gap) || ' days') END AS prev,
    (SELECT q.stage FROM plan q WHERE q.k = p.k - 1) AS prev_stage
  FROM d, plan p;
UPDATE ev SET kind = 'forward' WHERE kind = 'last';
INSERT INTO deals (id, title, account, owner, stage, status, amount, lost_reason,
    created_at, stage_entered_at, closed_at, updated_at)
  SELECT e.i, 'Deal ' || e.i, 'Account ' || (e.i % 5000), 'rep' || (e.i % 20), e.stage,
    e.status, 1000 * (1 + e.i % 97), CASE WHEN e.status = 'lost' THEN 'price' END,
    d.t0, CASE WHEN e.status = 'open' THEN e.at ELSE e.prev END,
    CASE WHEN e.status <> 'open' THEN e.at END, e.at
  FROM ev e JOIN d ON d.i = e.i WHERE e.k = 9;
INSERT INTO stage_events (deal_id, kind, from_stage, stage, status, at, actor, override,
    reason, from_entered_at)
  SELECT e.i, e.kind, e.prev_stage, e.stage,
    e.status, e.at, 'rep' || (e.i % 20), CASE WHEN e.kind = 'forward' AND e.i % 50 = 0
    THEN 'bench override' END, CASE WHEN e.kind = 'back' THEN 'bench'
    WHEN e.kind = 'lost' THEN 'price' END, e.prev
  FROM ev e ORDER BY e.i, e.k;
COMMIT;
EOF
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
