#!/bin/sh
# The demo pipeline: realistic, deterministic, obeying the gates it shows off.
. "${top_srcdir:-.}/tests/lib.sh"

A="$T_DIR/a.db" B="$T_DIR/b.db" C="$T_DIR/c.db"
t_run "demo fills a database" 0 --db "$A" demo --seed 42
t_out "demo says how many deals" "60 deals"
t_run "same seed again" 0 --db "$B" demo --seed 42
t_run "another seed" 0 --db "$C" demo --seed 43
t_eq "same seed gives the same data" "$(sqlite3 "$A" 'SELECT * FROM deals; SELECT * FROM evidence' | md5sum)" \
	"$(sqlite3 "$B" 'SELECT * FROM deals; SELECT * FROM evidence' | md5sum)"
if [ "$(sqlite3 "$A" 'SELECT * FROM deals' | md5sum)" != "$(sqlite3 "$C" 'SELECT * FROM deals' | md5sum)" ]; then
	t_ok "another seed gives other data"
else
	t_fail "another seed gives other data"
fi
t_run "demo refuses a database with deals" 3 --db "$A" demo
t_run "--deals must be a number" 2 --db "$T_DIR/x.db" demo --deals many
t_run "--deals 0 refused" 2 --db "$T_DIR/x.db" demo --deals 0

q() { sqlite3 "$A" "$1"; }
t_eq "about 60 deals" "$(q 'SELECT count(*) FROM deals')" "60"
t_eq "4 or 5 owners" "$(q 'SELECT count(DISTINCT owner) BETWEEN 4 AND 5 FROM deals')" "1"
t_eq "every open stage has deals" \
	"$(q "SELECT count(DISTINCT stage) FROM deals WHERE status = 'open'")" "7"
t_eq "won and lost deals" "$(q "SELECT count(DISTINCT status) FROM deals")" "3"
t_eq "lost deals have a process reason" \
	"$(q "SELECT count(*) FROM deals WHERE status = 'lost' AND lost_reason NOT IN (SELECT code FROM lost_reasons)")" "0"
t_eq "about nine months of history" \
	"$(q "SELECT julianday('now') - julianday(min(at)) BETWEEN 240 AND 300 FROM stage_events")" "1"
t_eq "some deals past their rot threshold" \
	"$(q "SELECT count(*) > 0 FROM deals d JOIN stages s ON s.key = d.stage WHERE d.status = 'open'
		AND julianday('now') - julianday(d.stage_entered_at) >= s.rot_days")" "1"
t_eq "accented and CJK stakeholder names" \
	"$(q "SELECT count(*) > 0 FROM stakeholders WHERE name GLOB '*[À-ÿ]*'") $(q "SELECT count(*) > 0 FROM stakeholders WHERE unicode(name) >= 19968")" "1 1"
t_eq "overdue plan steps" \
	"$(q "SELECT count(*) > 0 FROM plan_steps WHERE done_at IS NULL AND due < date('now')")" "1"
t_eq "no evidence dated in the future" \
	"$(q "SELECT count(*) FROM evidence WHERE acted_on > date('now')")" "0"
t_eq "no evidence before its deal was created" \
	"$(q "SELECT count(*) FROM evidence e JOIN deals d ON d.id = e.deal_id WHERE e.acted_on < date(d.created_at)")" "0"
t_eq "evidence names a stakeholder of the deal" \
	"$(q "SELECT count(*) FROM evidence e WHERE NOT EXISTS (SELECT 1 FROM stakeholders s WHERE s.id = e.contact_id AND s.deal_id = e.deal_id)")" "0"
# Every forward move without an override carries evidence for every gate it passed.
t_eq "moves without override carry evidence for every gate passed" "$(q "
	WITH moves AS (
		SELECT e.id, e.from_stage, CASE WHEN e.kind = 'won' THEN 99 ELSE t.position END AS upto,
			f.position AS from_pos
		FROM stage_events e JOIN stages f ON f.key = e.from_stage
		LEFT JOIN stages t ON t.key = e.stage
		WHERE e.kind IN ('forward', 'won') AND e.override IS NULL)
	SELECT count(*) FROM moves m JOIN stages g ON g.position >= m.from_pos AND g.position < m.upto
	JOIN gate_evidence r ON r.stage = g.key
	WHERE NOT EXISTS (SELECT 1 FROM evidence v WHERE v.event_id = m.id AND v.requirement = r.key)")" "0"
t_eq "a few overrides" "$(q "SELECT count(*) BETWEEN 1 AND 10 FROM stage_events WHERE override IS NOT NULL")" "1"
t_eq "deals agree with their last event" "$(q "
	SELECT count(*) FROM deals d JOIN stage_events e ON e.id = (SELECT max(id) FROM stage_events
		WHERE deal_id = d.id) WHERE e.stage <> d.stage OR e.status <> d.status")" "0"
t_eq "foreign keys hold" "$(q 'PRAGMA foreign_key_check')" ""

mkdir "$T_DIR/tmp"
TMPDIR="$T_DIR/tmp" t_run "--demo shows a pipeline" 0 --demo
t_out "--demo prints the board when not on a terminal" "Prospect (7)"
t_eq "--demo leaves no database behind" "$(ls -A "$T_DIR/tmp")" ""
# Ctrl-C at any moment, the demo's fill included, leaves no temporary database.
left=""
for delay in 0.002 0.004 0.006 0.008 0.01 0.012 0.015 0.02 0.03 0.05; do
	TMPDIR="$T_DIR/tmp" timeout -s INT "$delay" "$DEALDECK" --demo </dev/null >/dev/null 2>&1
	[ -z "$(ls -A "$T_DIR/tmp")" ] || left="$left $delay:$(ls -A "$T_DIR/tmp" | head -1)"
	rm -rf "$T_DIR/tmp"/*
done
t_eq "--demo interrupted at any point leaves nothing behind" "$left" ""
t_done
