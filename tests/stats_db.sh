# A history for the stats, shared by tests/bench_stats.sh and the stats screen's
# slow test (tests/screen_stats_busy.sh); sourced, not run. Needs $DEALDECK and sqlite3.
#
# stats_db FILE DEALS:
# Ten events a deal, written straight into our schema (the demo makes about five):
# created in prospect, forward to discover, back, forward to negotiate, back, forward;
# then a third are won, a third lost, a third move on to negotiate and stay open.
# Deals start over 600 days from 2024-06-01, 3 to 13 days between events.
stats_db() {
	"$DEALDECK" --db "$1" init >/dev/null
	sqlite3 "$1" <<EOF
PRAGMA foreign_keys = ON;
BEGIN;
CREATE TEMP TABLE plan (k INTEGER PRIMARY KEY, kind TEXT, stage TEXT);
INSERT INTO plan VALUES (0, 'create', 'prospect'), (1, 'forward', 'qualify'),
  (2, 'forward', 'discover'), (3, 'back', 'qualify'), (4, 'forward', 'discover'),
  (5, 'forward', 'present'), (6, 'forward', 'propose'), (7, 'back', 'present'),
  (8, 'forward', 'propose'), (9, 'last', 'negotiate');
CREATE TEMP TABLE d AS
  WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $2)
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
}
