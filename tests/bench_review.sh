#!/bin/sh
# Weekly review speed: review snapshot of 100,000 open deals must take well under a
# second (issue 14); diff, queue and forecast are timed alongside. Not part of make
# check; run: make bench (or DEALDECK=./dealdeck sh tests/bench_review.sh [DEALS]).
# Exits 1 when a snapshot takes LIMIT seconds (default 1) or more.
set -eu
DEALDECK=${DEALDECK:-./dealdeck}
DEALS=${1:-100000}
LIMIT=${LIMIT:-1}
command -v sqlite3 >/dev/null || { echo "bench_review: sqlite3 missing" >&2; exit 2; }
dir=$(mktemp -d "${TMPDIR:-/tmp}/dealdeck-bench-review.XXXXXX")
trap '[ -n "${KEEP:-}" ] || rm -rf "$dir"' EXIT
db="$dir/review.db"

. "$(dirname "$0")/bench_lib.sh"

# Every deal open, spread over the seven stages, three events each (created, forward,
# forward), evidence on the last move, two stakeholders and two plan steps (one buyer
# step overdue for a tenth), close dates over a year from 2026-01-01.
"$DEALDECK" --db "$db" init >/dev/null
sqlite3 "$db" <<SQL
BEGIN;
CREATE TEMP TABLE n AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
  WHERE i < $DEALS) SELECT i, (SELECT key FROM stages WHERE position = i % 7) AS stage,
  datetime('2025-06-01 09:00:00', '+' || (i % 300) || ' days') AS t0 FROM n;
INSERT INTO deals (id, title, account, owner, stage, amount, close_date, next_step,
    created_at, stage_entered_at, updated_at)
  SELECT i, 'Deal ' || i, 'Account ' || (i % 5000), 'rep' || (i % 20), stage,
    1000 * (1 + i % 97), date('2026-01-01', '+' || (i % 365) || ' days'),
    CASE WHEN i % 3 THEN 'Call back' END, t0, datetime(t0, '+20 days'), t0 FROM n;
INSERT INTO stage_events (deal_id, kind, from_stage, stage, status, at, actor,
    from_entered_at)
  SELECT i, 'create', NULL, 'prospect', 'open', t0, 'rep', NULL FROM n;
INSERT INTO stage_events (deal_id, kind, from_stage, stage, status, at, actor,
    from_entered_at)
  SELECT i, 'forward', 'prospect', 'qualify', 'open', datetime(t0, '+10 days'), 'rep', t0
  FROM n WHERE i % 7 > 1;
INSERT INTO stage_events (deal_id, kind, from_stage, stage, status, at, actor, override,
    from_entered_at)
  SELECT i, 'forward', CASE WHEN i % 7 > 1 THEN 'qualify' ELSE 'prospect' END, stage,
    'open', datetime(t0, '+20 days'), 'rep', CASE WHEN i % 11 = 0 THEN 'bench override' END,
    datetime(t0, CASE WHEN i % 7 > 1 THEN '+10 days' ELSE '+0 days' END)
  FROM n WHERE i % 7 > 0;
INSERT INTO evidence (deal_id, event_id, stage, requirement, what, contact_name, acted_on,
    recorded_by, recorded_at)
  SELECT e.deal_id, e.id, e.from_stage, 'bench', 'the buyer did something', 'Buyer',
    date(e.at), 'rep', e.at
  FROM stage_events e WHERE e.kind = 'forward' AND e.override IS NULL
    AND e.stage <> 'qualify';
INSERT INTO stakeholders (deal_id, name, role, created_at)
  SELECT i, 'Champion ' || i, 'champion', t0 FROM n;
INSERT INTO stakeholders (deal_id, name, role, created_at)
  SELECT i, 'Buyer ' || i, 'economic_buyer', t0 FROM n WHERE i % 2 = 0;
INSERT INTO plan_steps (deal_id, title, owner_side, due, created_at)
  SELECT i, 'Security review', 'buyer',
    CASE WHEN i % 10 = 0 THEN '2025-01-01' ELSE '2027-01-01' END, t0 FROM n;
INSERT INTO plan_steps (deal_id, title, owner_side, due, created_at)
  SELECT i, 'Send the proposal', 'seller', date(t0, '+30 days'), t0 FROM n;
COMMIT;
ANALYZE;
SQL
echo "database: $(sqlite3 "$db" "SELECT count(*) FROM deals WHERE status = 'open'") open deals," \
	"$(sqlite3 "$db" "SELECT count(*) FROM stage_events") events," \
	"$(($(wc -c <"$db") / 1048576)) MiB"

# Best of three. Each snapshot adds one; the first is taken before the timing so diff
# has one to compare with.
"$DEALDECK" --db "$db" review snapshot --note "warm-up" >/dev/null
run() {
	label=$1
	shift
	t=$(for i in 1 2 3; do
		secs "$DEALDECK" --db "$db" "$@"
		echo
	done | best)
	echo "$label: $t s"
	last=$t
}
run "review snapshot" review snapshot --note bench
snap=$last
run "review list" review list
run "review diff" review diff
run "review diff, one owner" review diff --owner rep7 --period 2026-Q1
run "review queue" review queue --format csv
run "review forecast" review forecast --period 2026-Q1
run "review forecast, one owner" review forecast --period 2026-Q1 --owner rep7
echo "snapshot: $snap s (limit $LIMIT s)"
awk -v w="$snap" -v l="$LIMIT" 'BEGIN { exit !(w < l) }' || {
	echo "bench_review: review snapshot took ${LIMIT} s or more" >&2
	exit 1
}
