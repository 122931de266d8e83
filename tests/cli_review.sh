#!/bin/sh
# dealdeck review: snapshots, diff and waterfall, the attention queue and the forecast,
# against fixtures worked out by hand.
#
# Three databases, one per part, each written straight into the schema (sqlite3) with
# fixed 2026 dates: the deals, their history (events, evidence), plans, stakeholders,
# and the snapshots, taken "in the past" by the test. Every run names --as-of, so
# nothing depends on today, except review snapshot itself, which records now.
# Decisions the contract leaves open, as the man page states them:
#  - a deal that left the period counts once, in the bucket of how it left (won, lost,
#    pushed out), at its snapshot amount; its change of amount on the way is not counted
#    again (the diff lists it under amount up/down);
#  - a deal that came into the period counts once, at its amount now: created (new since
#    the snapshot) or pulled in (close date moved in, or reopened);
#  - a deal without a close date is in no period;
#  - --owner is the owner now, on both sides.
. "${top_srcdir:-.}/tests/lib.sh"

ME=$(t_login)
SQL="$T_DIR/fixture.sql"
# sq TEXT: TEXT with its single quotes doubled, for an SQL string.
sq() { printf '%s' "$1" | sed "s/'/''/g"; }

# --- helpers: SQL collected in $SQL, run by load DB ---------------------------------------
q() { printf '%s;\n' "$*" >>"$SQL"; }
# deal ID OWNER AMOUNT CLOSE: a deal row; CLOSE - for none. Stage, status and times come
# from its events (sync). Title "Deal ID", account "Account ID".
deal() {
	close="'$4'"
	[ "$4" = - ] && close=NULL
	q "INSERT INTO deals (id, title, account, owner, stage, amount, close_date, next_step,
		created_at, stage_entered_at, updated_at)
		VALUES ($1, 'Deal $1', 'Account $1', '$2', 'prospect', $(echo "$3" | tr -d .),
		$close, 'Call back', '', '', '')"
}
# ev DEAL KIND FROM TO WHEN [EXTRA [NOTE]]: one history row (as tests/cli_stats.sh). WHEN
# is a day (10:00:00) or a full time. EXTRA: lost: the reason (NOTE its note); back,
# reopen: the reason; forward, won: an override.
ev() {
	d=$1 kind=$2 from=$3 to=$4 at=$5 extra=$(sq "${6:-}") note=NULL
	[ -n "${7:-}" ] && note="'$(sq "$7")'"
	case $at in *:*) ;; *) at="$at 10:00:00" ;; esac
	case $kind in won | lost) status=$kind ;; *) status=open ;; esac
	fe=$(t_from_entered "$d" "$kind")
	reason=NULL override=NULL
	if [ -n "$extra" ]; then
		case $kind in lost | back | reopen) reason="'$extra'" ;; *) override="'$extra'" ;; esac
	fi
	[ "$from" = - ] && from=NULL || from="'$from'"
	q "INSERT INTO stage_events (deal_id, kind, from_stage, stage, status, at, actor,
		reason, note, override, from_entered_at, imported)
		VALUES ($d, '$kind', $from, '$to', '$status', '$at', '$ME', $reason, $note, $override,
		$fe, ${IMPORTED:-0})"
}
# evid DEAL KEY WHAT CONTACT DATE: evidence recorded with the deal's last event.
evid() {
	q "INSERT INTO evidence (deal_id, event_id, stage, requirement, what, contact_name,
		acted_on, recorded_by, recorded_at)
		SELECT $1, max(id), 'x', '$2', '$3', '$4', '$5', '$ME', max(at)
		FROM stage_events WHERE deal_id = $1"
}
# The deal rows agree with their history (as tests/cli_stats.sh's sync_deals).
sync() {
	last="FROM stage_events e WHERE e.deal_id = deals.id ORDER BY e.at DESC, e.id DESC LIMIT 1"
	q "UPDATE deals SET
		stage = (SELECT e.stage $last),
		status = (SELECT e.status $last),
		closed_at = (SELECT CASE WHEN e.status <> 'open' THEN e.at END $last),
		lost_reason = (SELECT CASE WHEN e.status = 'lost' THEN e.reason END $last),
		lost_note = (SELECT CASE WHEN e.status = 'lost' THEN e.note END $last),
		updated_at = (SELECT e.at $last),
		created_at = (SELECT min(e.at) FROM stage_events e WHERE e.deal_id = deals.id),
		stage_entered_at = (SELECT max(e.at) FROM stage_events e
			WHERE e.deal_id = deals.id AND e.status = 'open')"
}
# row SNAP DEAL STAGE OWNER AMOUNT CLOSE PROB FORECAST DAYS: a deal of a snapshot; snap ID
# WHEN NOTE DEALS AMOUNT: its header, after its rows (the header closes it).
snap() {
	q "INSERT INTO snapshots (id, taken_at, login, note, open_deals, open_amount)
		VALUES ($1, '$2', 'mgr', '$3', $4, $(echo "$5" | tr -d .))"
}
row() {
	close="'$6'"
	[ "$6" = - ] && close=NULL
	q "INSERT INTO snapshot_deals VALUES ($1, $2, '$3', '$4', $(echo "$5" | tr -d .), $close,
		$7, '$8', $9)"
}
load() { t_cmd "fixture of $(basename "$1")" 0 sqlite3 -batch "$1" ".read $SQL"; : >"$SQL"; }
# same NAME FILE: the last output is exactly FILE.
same() {
	if cmp -s "$2" "$OUT"; then t_ok "$1"; else t_fail "$1" "$(diff "$2" "$OUT" | head -40)"; fi
}

# === Diff and waterfall ======================================================================
# diff.db, currency EUR. Snapshot 2 "week 22" taken 2026-06-01 09:00:00; T = 2026-06-30
# (history up to 2026-06-30 23:59:59); period 2026-Q2 = 2026-04-01 .. 2026-06-30, both in.
# Snapshot 1 (2026-05-04) holds only deal 1, at 900.00: to tell which snapshot is used.
#
#  id  snapshot 2 (stage amount close)   at T (stage amount close)    change / bucket
#   1  discover  1000.00 06-15           same                         none / none
#   2  discover  2000.00 06-20           propose (2 moves, evidence)  advanced / none
#   3  propose   3000.00 06-25           present (back 06-12)         moved back / none
#   4  negotiate 4000.00 06-18           won 06-16 at 4500.00         won, amount up / won 4000.00
#   5  present   5000.00 06-28           lost 06-20 price + note      lost / lost 5000.00
#   6  qualify   6000.00 06-30           6500.50                      up / increased 500.50
#   7  discover  7000.00 06-10           6999.99                      down / decreased 0.01
#   8  propose   8000.00 06-20           close 07-20                  pushed out 30 / pushed out 8000.00
#   9  negotiate 9000.00 06-05           7000.00, close 08-04         down, pushed 60 / pushed out 9000.00
#  10  present  10000.00 07-15           11000.00, close 06-25        up, pulled in 20 / pulled in 11000.00
#  11  discover  1100.00 05-20           close 06-19                  pushed out 30 / none (stays in)
#  12  qualify   1200.00 09-30 bob       owner ann                    owner / none (outside)
#  13  (lost 05-10, before)              reopened 06-15 discover 1300.00 06-29  reopened / pulled in 1300.00
#  14  -                                 new 06-10 prospect 1400.00 06-26   new / created 1400.00
#  15  -                                 new 06-12 prospect 1500.00 none    new / none (no close date)
#  16  -                                 new 06-03, won 06-25 1600.00       new, won / none (came and went)
#  17  (lost 05-01, before)              same                         none / none
#  18  qualify   1800.00 08-01           same                         none / none (outside)
#  19  -                                 created 05-20 (added later) 1900.00 06-30  new / created 1900.00
#  20  qualify   2000.00 none            close 04-01                  pulled in (set) / pulled in 2000.00
#  21  present   2100.00 06-12           close none                   pushed out (cleared) / pushed out 2100.00
#  22  discover  2200.00 06-22           lost 07-02, after T          none / none
#  23  -                                 created 07-01, after T       not there at T
#  24  present   2400.00 06-24           propose by override 06-20    advanced / none
#  25  negotiate 2500.00 06-15 bob       won 06-29                    won / won 2500.00
#
# start (snapshot 2, close in Q2): 1 2 3 4 5 6 7 8 9 11 21 22 24 25 = 14 deals,
#   1000 + 2000 + 3000 + 4000 + 5000 + 6000 + 7000 + 8000 + 9000 + 1100 + 2100 + 2200
#   + 2400 + 2500 = 55300.00
# created 14, 19: 2, 3300.00; pulled in 10, 13, 20: 3, 11000 + 1300 + 2000 = 14300.00
# increased 6: 1, 500.50; decreased 7: 1, 0.01; pushed out 8, 9, 21: 3, 19100.00
# lost 5: 1, 5000.00; won 4, 25: 2, 4000 + 2500 = 6500.00
# end (open at T, close in Q2): 1 2 3 6 7 10 11 13 14 19 20 22 24 = 13 deals,
#   1000 + 2000 + 3000 + 6500.50 + 6999.99 + 11000 + 1100 + 1300 + 1400 + 1900 + 2000
#   + 2200 + 2400 = 42800.49
# check: 55300 + 3300 + 14300 + 500.50 - 0.01 - 19100 - 5000 - 6500 = 42800.49;
#   deals 14 + 2 + 3 - 3 - 1 - 2 = 13.
DIFF="$T_DIR/diff.db"
t_run "init the diff database" 0 --db "$DIFF" init --currency EUR
deal 1 ann 1000.00 2026-06-15
ev 1 create - prospect 2026-04-02
ev 1 forward prospect qualify 2026-04-10
ev 1 forward qualify discover 2026-05-01
deal 2 ann 2000.00 2026-06-20
ev 2 create - prospect 2026-04-03
ev 2 forward prospect discover 2026-05-02
ev 2 forward discover present 2026-06-05
evid 2 needs_confirmed "Dana confirmed our summary of needs" "Dana Reyes" 2026-06-04
ev 2 forward present propose 2026-06-10
evid 2 proposal_requested "CFO asked for a proposal by Friday" "Lee Park" 2026-06-09
deal 3 ann 3000.00 2026-06-25
ev 3 create - prospect 2026-04-04
ev 3 forward prospect propose 2026-05-04
ev 3 back propose present 2026-06-12 "buyer paused the evaluation for a reorg"
deal 4 ann 4500.00 2026-06-18
ev 4 create - prospect 2026-04-05
ev 4 forward prospect negotiate 2026-05-05
ev 4 won negotiate negotiate 2026-06-16
deal 5 ann 5000.00 2026-06-28
ev 5 create - prospect 2026-04-06
ev 5 forward prospect present 2026-05-06
ev 5 lost present present 2026-06-20 price "went with the incumbent"
deal 6 ann 6500.50 2026-06-30
ev 6 create - prospect 2026-04-07
ev 6 forward prospect qualify 2026-05-07
deal 7 ann 6999.99 2026-06-10
ev 7 create - prospect 2026-04-08
ev 7 forward prospect discover 2026-05-08
deal 8 ann 8000.00 2026-07-20
ev 8 create - prospect 2026-04-09
ev 8 forward prospect propose 2026-05-09
deal 9 ann 7000.00 2026-08-04
ev 9 create - prospect 2026-04-10
ev 9 forward prospect negotiate 2026-05-10
deal 10 ann 11000.00 2026-06-25
ev 10 create - prospect 2026-04-11
ev 10 forward prospect present 2026-05-11
deal 11 ann 1100.00 2026-06-19
ev 11 create - prospect 2026-04-12
ev 11 forward prospect discover 2026-05-12
deal 12 ann 1200.00 2026-09-30
ev 12 create - prospect 2026-04-13
ev 12 forward prospect qualify 2026-05-13
deal 13 ann 1300.00 2026-06-29
ev 13 create - prospect 2026-04-14
ev 13 forward prospect discover 2026-04-24
ev 13 lost discover discover 2026-05-10 timing
ev 13 reopen discover discover 2026-06-15 "new budget approved for the project"
deal 14 ann 1400.00 2026-06-26
ev 14 create - prospect 2026-06-10
deal 15 ann 1500.00 -
ev 15 create - prospect 2026-06-12
deal 16 ann 1600.00 2026-06-25
ev 16 create - prospect 2026-06-03
ev 16 forward prospect close 2026-06-20
ev 16 won close close 2026-06-25
deal 17 ann 1700.00 2026-05-01
ev 17 create - prospect 2026-04-15
ev 17 lost prospect prospect 2026-05-01 no_budget
deal 18 ann 1800.00 2026-08-01
ev 18 create - prospect 2026-04-16
ev 18 forward prospect qualify 2026-05-16
deal 19 ann 1900.00 2026-06-30
ev 19 create - prospect "2026-05-20 00:00:00"
deal 20 ann 2000.00 2026-04-01
ev 20 create - prospect 2026-04-17
ev 20 forward prospect qualify 2026-05-17
deal 21 ann 2100.00 -
ev 21 create - prospect 2026-04-18
ev 21 forward prospect present 2026-05-18
deal 22 ann 2200.00 2026-06-22
ev 22 create - prospect 2026-04-19
ev 22 forward prospect discover 2026-05-19
ev 22 lost discover discover 2026-07-02 price
deal 23 ann 2300.00 2026-07-10
ev 23 create - prospect "2026-07-01 00:00:00"
deal 24 ann 2400.00 2026-06-24
ev 24 create - prospect 2026-04-20
ev 24 forward prospect present 2026-05-20
ev 24 forward present propose 2026-06-20 "legal pre-approved the proposal"
deal 25 bob 2500.00 2026-06-15
ev 25 create - prospect 2026-04-21
ev 25 forward prospect negotiate 2026-05-15
ev 25 won negotiate negotiate 2026-06-29
sync
row 1 1 discover ann 900.00 2026-06-15 20 pipeline 3
snap 1 "2026-05-04 09:00:00" "week 19" 1 900.00
# Snapshot 2: the 18 deals open at 2026-06-01 09:00 (13, 17 were lost; 14-16, 19, 23 not
# there): 1-12, 18, 20, 21, 22, 24, 25; open amount 55300 + 10000 + 1200 + 1800 + 2000.
row 2 1 discover ann 1000.00 2026-06-15 20 pipeline 31
row 2 2 discover ann 2000.00 2026-06-20 20 pipeline 30
row 2 3 propose ann 3000.00 2026-06-25 60 best_case 28
row 2 4 negotiate ann 4000.00 2026-06-18 80 best_case 27
row 2 5 present ann 5000.00 2026-06-28 40 best_case 26
row 2 6 qualify ann 6000.00 2026-06-30 10 pipeline 25
row 2 7 discover ann 7000.00 2026-06-10 20 pipeline 24
row 2 8 propose ann 8000.00 2026-06-20 60 best_case 23
row 2 9 negotiate ann 9000.00 2026-06-05 80 best_case 22
row 2 10 present ann 10000.00 2026-07-15 40 best_case 21
row 2 11 discover ann 1100.00 2026-05-20 20 pipeline 20
row 2 12 qualify bob 1200.00 2026-09-30 10 pipeline 19
row 2 18 qualify ann 1800.00 2026-08-01 10 pipeline 16
row 2 20 qualify ann 2000.00 - 10 pipeline 15
row 2 21 present ann 2100.00 2026-06-12 40 best_case 14
row 2 22 discover ann 2200.00 2026-06-22 20 pipeline 13
row 2 24 present ann 2400.00 2026-06-24 40 best_case 12
row 2 25 negotiate bob 2500.00 2026-06-15 80 best_case 17
snap 2 "2026-06-01 09:00:00" "week 22" 18 70300.00
load "$DIFF"
t_eq "the fixture: 25 deals, 2 snapshots of 1 and 18 deals" \
	"$(t_sql "SELECT (SELECT count(*) FROM deals), group_concat(n) FROM (SELECT count(*) AS n
		FROM snapshot_deals GROUP BY snapshot_id ORDER BY snapshot_id)" "$DIFF")" "25|1,18"

t_run "review diff, Q2, as of 2026-06-30" 0 --db "$DIFF" --as-of 2026-06-30 review diff \
	--period 2026-Q2
cat >"$T_DIR/diff.txt" <<'EOF'
Changes since snapshot 2 (taken 2026-06-01 09:00 by mgr, "week 22") to the end of 2026-06-30; owner: everyone

New deals (4)
  #14    Deal 14                       ann         prospect       1,400.00 EUR  closes 2026-06-26
  #15    Deal 15                       ann         prospect       1,500.00 EUR  closes -
  #16    Deal 16                       ann         won            1,600.00 EUR  closes 2026-06-25
  #19    Deal 19                       ann         prospect       1,900.00 EUR  closes 2026-06-30

Advanced (2)
  #2     Deal 2                        ann         discover → propose
         buyer: needs_confirmed: Dana confirmed our summary of needs (Dana Reyes, 2026-06-04)
         buyer: proposal_requested: CFO asked for a proposal by Friday (Lee Park, 2026-06-09)
  #24    Deal 24                       ann         present → propose
         override: legal pre-approved the proposal

Moved back (1)
  #3     Deal 3                        ann         propose → present: buyer paused the evaluation for a reorg

Won (3)
  #4     Deal 4                        ann             4,500.00 EUR  won 2026-06-16 from negotiate
  #16    Deal 16                       ann             1,600.00 EUR  won 2026-06-25 from close
  #25    Deal 25                       bob             2,500.00 EUR  won 2026-06-29 from negotiate

Lost (1)
  #5     Deal 5                        ann             5,000.00 EUR  lost 2026-06-20 from present: price, went with the incumbent

Reopened (1)
  #13    Deal 13                       ann         into discover: new budget approved for the project

Amount up (3)
  #4     Deal 4                        ann         4,000.00 EUR → 4,500.00 EUR (+500.00 EUR)
  #6     Deal 6                        ann         6,000.00 EUR → 6,500.50 EUR (+500.50 EUR)
  #10    Deal 10                       ann         10,000.00 EUR → 11,000.00 EUR (+1,000.00 EUR)

Amount down (2)
  #7     Deal 7                        ann         7,000.00 EUR → 6,999.99 EUR (-0.01 EUR)
  #9     Deal 9                        ann         9,000.00 EUR → 7,000.00 EUR (-2,000.00 EUR)

Close date pushed out (4)
  #8     Deal 8                        ann         2026-06-20 → 2026-07-20 (by 30 days)
  #9     Deal 9                        ann         2026-06-05 → 2026-08-04 (by 60 days)
  #11    Deal 11                       ann         2026-05-20 → 2026-06-19 (by 30 days)
  #21    Deal 21                       ann         2026-06-12 → none (cleared)

Close date pulled in (2)
  #10    Deal 10                       ann         2026-07-15 → 2026-06-25 (by 20 days)
  #20    Deal 20                       ann         none → 2026-04-01 (set)

Owner changed (1)
  #12    Deal 12                       ann         bob → ann

Waterfall 2026-Q2 (2026-04-01 to 2026-06-30): open deals closing in the period
    start           14           55,300.00 EUR
  + created          2            3,300.00 EUR
  + pulled in        3           14,300.00 EUR
  + increased        1              500.50 EUR
  - decreased        1                0.01 EUR
  - pushed out       3           19,100.00 EUR
  - lost             1            5,000.00 EUR
  - won              2            6,500.00 EUR
  = end             13           42,800.49 EUR
  (not in it: 1 deal opened and closed again since the snapshot)
EOF
same "every line of review diff, worked out by hand" "$T_DIR/diff.txt"

t_run "review diff as CSV" 0 --db "$DIFF" --as-of 2026-06-30 review diff --period 2026-Q2 \
	--format csv
cat >"$T_DIR/diff.csv" <<'EOF'
section,id,title,owner,from,to,amount,deals,detail
new,14,Deal 14,ann,,prospect,1400.00,,2026-06-26
new,15,Deal 15,ann,,prospect,1500.00,,
new,16,Deal 16,ann,,won,1600.00,,2026-06-25
new,19,Deal 19,ann,,prospect,1900.00,,2026-06-30
advanced,2,Deal 2,ann,discover,propose,2000.00,,"needs_confirmed: Dana confirmed our summary of needs (Dana Reyes, 2026-06-04); proposal_requested: CFO asked for a proposal by Friday (Lee Park, 2026-06-09)"
advanced,24,Deal 24,ann,present,propose,2400.00,,override: legal pre-approved the proposal
moved_back,3,Deal 3,ann,propose,present,3000.00,,buyer paused the evaluation for a reorg
won,4,Deal 4,ann,negotiate,won,4500.00,,2026-06-16
won,16,Deal 16,ann,close,won,1600.00,,2026-06-25
won,25,Deal 25,bob,negotiate,won,2500.00,,2026-06-29
lost,5,Deal 5,ann,present,lost,5000.00,,2026-06-20 price: went with the incumbent
reopened,13,Deal 13,ann,,discover,1300.00,,new budget approved for the project
amount_up,4,Deal 4,ann,4000.00,4500.00,4500.00,,
amount_up,6,Deal 6,ann,6000.00,6500.50,6500.50,,
amount_up,10,Deal 10,ann,10000.00,11000.00,11000.00,,
amount_down,7,Deal 7,ann,7000.00,6999.99,6999.99,,
amount_down,9,Deal 9,ann,9000.00,7000.00,7000.00,,
pushed_out,8,Deal 8,ann,2026-06-20,2026-07-20,8000.00,,30
pushed_out,9,Deal 9,ann,2026-06-05,2026-08-04,7000.00,,60
pushed_out,11,Deal 11,ann,2026-05-20,2026-06-19,1100.00,,30
pushed_out,21,Deal 21,ann,2026-06-12,,2100.00,,
pulled_in,10,Deal 10,ann,2026-07-15,2026-06-25,11000.00,,-20
pulled_in,20,Deal 20,ann,,2026-04-01,2000.00,,
owner_changed,12,Deal 12,ann,bob,ann,1200.00,,
waterfall,,start,,,,55300.00,14,
waterfall,,created,,,,3300.00,2,
waterfall,,pulled_in,,,,14300.00,3,
waterfall,,increased,,,,500.50,1,
waterfall,,decreased,,,,0.01,1,
waterfall,,pushed_out,,,,19100.00,3,
waterfall,,lost,,,,5000.00,1,
waterfall,,won,,,,6500.00,2,
waterfall,,end,,,,42800.49,13,
EOF
same "every CSV row of review diff, worked out by hand" "$T_DIR/diff.csv"
# The printed numbers add up, in cents and in deals.
t_eq "the waterfall adds up to the cent" "$(awk -F, '$1 == "waterfall" {
		c = $7; sub(/\./, "", c); sign = ($3 ~ /^(decreased|pushed_out|lost|won)$/) ? -1 : 1
		if ($3 == "end") { end = c; endn = $8; next }
		sum += sign * c
		if ($3 != "increased" && $3 != "decreased") n += sign * $8
	} END { print sum " " end " " n " " endn }' "$OUT")" "4280049 4280049 13 13"

# --owner: the deals the owner has now, on both sides (12 is ann's now, 25 is bob's).
t_run "review diff --owner bob" 0 --db "$DIFF" --as-of 2026-06-30 review diff \
	--period 2026-Q2 --owner bob --format csv
t_eq "bob: his won deal, and a waterfall of it alone" \
	"$(sed 1d "$OUT" | cut -d, -f1,2,3,7,8 | tr '\n' ';')" \
	"won,25,Deal 25,2500.00,;waterfall,,start,2500.00,1;waterfall,,created,0.00,0;waterfall,,pulled_in,0.00,0;waterfall,,increased,0.00,0;waterfall,,decreased,0.00,0;waterfall,,pushed_out,0.00,0;waterfall,,lost,0.00,0;waterfall,,won,2500.00,1;waterfall,,end,0.00,0;"
t_run "review diff --owner ann" 0 --db "$DIFF" --as-of 2026-06-30 review diff \
	--period 2026-Q2 --owner ann --format csv
t_eq "ann: the owner change is hers now; start without bob's 25" \
	"$(grep -E '^(owner_changed|waterfall,,(start|won|end))' "$OUT" | cut -d, -f1-8 |
		tr '\n' ';')" \
	"owner_changed,12,Deal 12,ann,bob,ann,1200.00,;waterfall,,start,,,,52800.00,13;waterfall,,won,,,,4000.00,1;waterfall,,end,,,,42800.49,13;"

# Another period: Q3 (2026-07-01 .. 09-30). start: 10 (07-15) 10000, 12 (09-30) 1200,
# 18 (08-01) 1800 = 3, 13000. Now in Q3: 8 (07-20) 8000, 9 (08-04) 7000, 12 1200,
# 18 1800 = 4, 18000. 10 pulled into Q2 is pushed out of Q3, 10000; 8 and 9 are
# pulled in, 8000 + 7000 = 15000: 13000 + 15000 - 10000 = 18000.
t_run "review diff, Q3" 0 --db "$DIFF" --as-of 2026-06-30 review diff --period 2026-Q3 \
	--format csv
t_eq "the Q3 waterfall" "$(grep '^waterfall' "$OUT" | cut -d, -f3,7,8 | tr '\n' ';')" \
	"start,13000.00,3;created,0.00,0;pulled_in,15000.00,2;increased,0.00,0;decreased,0.00,0;pushed_out,10000.00,1;lost,0.00,0;won,0.00,0;end,18000.00,4;"

# Which snapshot: the latest by T, an id, or the latest on or before a day.
t_run "--since 1" 0 --db "$DIFF" --as-of 2026-06-30 review diff --since 1 --period 2026-Q2
t_out "compares with snapshot 1" \
	"Changes since snapshot 1 (taken 2026-05-04 09:00 by mgr, \"week 19\")"
t_out "deal 1 went from 900.00 in snapshot 1" "900.00 EUR → 1,000.00 EUR (+100.00 EUR)"
t_run "--since 2026-05-31" 0 --db "$DIFF" --as-of 2026-06-30 review diff --since 2026-05-31
t_out "the latest on or before the day is 1" "Changes since snapshot 1 "
t_run "--since 2026-06-01" 0 --db "$DIFF" --as-of 2026-06-30 review diff --since 2026-06-01
t_out "a snapshot taken that day counts" "Changes since snapshot 2 "
t_run "as of a day between the snapshots" 0 --db "$DIFF" --as-of 2026-05-31 review diff
t_out "takes the latest taken by then" "Changes since snapshot 1 "
t_out "to the end of that day" "to the end of 2026-05-31"
t_out "the default period is the quarter of T" "Waterfall 2026-Q2 (2026-04-01 to 2026-06-30)"
t_run "no such snapshot" 1 --db "$DIFF" --as-of 2026-06-30 review diff --since 9
t_err "says so" "no snapshot 9"
t_run "none on or before the day" 1 --db "$DIFF" --as-of 2026-06-30 review diff \
	--since 2026-05-01
t_err "says so" "no snapshot taken on or before 2026-05-01"
t_run "none by --as-of" 1 --db "$DIFF" --as-of 2026-05-01 review diff
t_err "says how to take one" "take one with 'dealdeck review snapshot'"
t_run "--since neither id nor date" 2 --db "$DIFF" review diff --since last-week
t_run "--period not a quarter" 2 --db "$DIFF" review diff --period 2026-Q5
t_err "names the forms" "YYYY-Qn, this or next"
t_run "--format neither text nor csv" 2 --db "$DIFF" review diff --format json

# Privacy: no amount in the text, from the option or the user config.
t_run "review diff --privacy" 0 --db "$DIFF" --as-of 2026-06-30 review diff \
	--period 2026-Q2 --privacy
t_out "amounts hidden" "•••"
t_no_out "no amount shows" "55,300"
t_no_out "no amount shows (2)" "6,999.99"
t_no_out "no amount shows (3)" "0.01"
t_out "the waterfall still counts deals" "  + pulled in        3"
mkdir -p "$XDG_CONFIG_HOME/dealdeck"
printf '[ui]\nprivacy = true\n' >"$XDG_CONFIG_HOME/dealdeck/config.ini"
t_run "review diff with [ui] privacy" 0 --db "$DIFF" --as-of 2026-06-30 review diff \
	--period 2026-Q2 --format csv
t_no_out "no amount in the CSV either" "42800.49"
t_out "hidden in the CSV" "waterfall,,end,,,,hidden,13,"
rm "$XDG_CONFIG_HOME/dealdeck/config.ini"
t_run "review diff, no escape codes" 0 --db "$DIFF" --as-of 2026-06-30 review diff
t_eq "plain text" "$(grep -c "$(printf '\033')" "$OUT")" "0"

# --- review list ----------------------------------------------------------------------------
t_run "review list" 0 --db "$DIFF" --as-of 2026-06-30 review list
cat >"$T_DIR/list.txt" <<'EOF'
  id  taken (UTC)       by            open deals           open amount  note
   1  2026-05-04 09:00  mgr                    1            900.00 EUR  week 19
   2  2026-06-01 09:00  mgr                   18         70,300.00 EUR  week 22
EOF
same "review list: id, when, who, open deals, open amount, note" "$T_DIR/list.txt"
t_run "review list as CSV, as of before the second" 0 --db "$DIFF" --as-of 2026-05-31 \
	review list --format csv
cat >"$T_DIR/list.csv" <<'EOF'
id,taken_at,login,note,open_deals,open_amount
1,2026-05-04 09:00:00,mgr,week 19,1,900.00
EOF
same "review list CSV: only what was taken by T" "$T_DIR/list.csv"

# --- review snapshot, now -------------------------------------------------------------------
# Open now (the deal rows): 1-3, 6-15, 18-21, 23, 24 = 19 deals (22 was lost on 07-02,
# 23 came 07-01); 1000 + 2000 + 3000 + 6500.50 + 6999.99 + 8000 + 7000 + 11000 + 1100
# + 1200 + 1300 + 1400 + 1500 + 1800 + 1900 + 2000 + 2100 + 2300 + 2400 = 64500.49.
t_run "review snapshot refuses --as-of" 2 --db "$DIFF" --as-of 2026-06-30 review snapshot
t_run "review snapshot" 0 --db "$DIFF" review snapshot --note "week 49"
t_eq "prints what it took" "$(cat "$OUT")" "snapshot 3: 19 open deals, 64,500.49 EUR"
t_eq "its header" "$(t_sql "SELECT id, login, note, open_deals, open_amount,
	taken_at >= '$TODAY' FROM snapshots WHERE id = 3" "$DIFF")" "3|$ME|week 49|19|6450049|1"
t_eq "one row per open deal" "$(t_sql "SELECT group_concat(deal_id) FROM (SELECT deal_id
	FROM snapshot_deals WHERE snapshot_id = 3 ORDER BY deal_id)" "$DIFF")" \
	"1,2,3,6,7,8,9,10,11,12,13,14,15,18,19,20,21,23,24"
# Deal 2: propose since 2026-06-10, 60%, best case; deal 9: negotiate (commit) since
# 05-10, but entered with no evidence: best case. Days in stage count to today.
days2=$(( $(date -u +%s) / 86400 - $(date -u -d 2026-06-10 +%s) / 86400 ))
t_eq "a deal's row: stage, owner, amount, close date, probability, forecast, days" \
	"$(t_sql "SELECT stage, owner, amount, close_date, probability, forecast, days_in_stage
	FROM snapshot_deals WHERE snapshot_id = 3 AND deal_id = 2" "$DIFF")" \
	"propose|ann|200000|2026-06-20|60|best_case|$days2"
t_eq "a commit stage entered without evidence is best case" \
	"$(t_sql "SELECT stage, forecast FROM snapshot_deals WHERE snapshot_id = 3
	AND deal_id = 9" "$DIFF")" "negotiate|best_case"
t_run "the new snapshot is the latest now" 0 --db "$DIFF" review diff
t_out "diff compares with it" "Changes since snapshot 3 "
t_out "nothing changed since" "No changes."

# Append-only: the database refuses to change or remove a snapshot.
for stmt in "UPDATE snapshots SET note = 'x' WHERE id = 2" \
	"DELETE FROM snapshots WHERE id = 2" \
	"UPDATE snapshot_deals SET amount = 1 WHERE snapshot_id = 2" \
	"DELETE FROM snapshot_deals WHERE snapshot_id = 2" \
	"INSERT OR REPLACE INTO snapshots VALUES (2, '2026-01-01 00:00:00', 'x', NULL, 0, 0)" \
	"INSERT OR REPLACE INTO snapshot_deals SELECT * FROM snapshot_deals WHERE snapshot_id = 2" \
	"INSERT INTO snapshot_deals VALUES (2, 23, 'prospect', 'ann', 1, NULL, 5, 'pipeline', 0)"; do
	t_cmd "refused: $stmt" 19 sqlite3 -batch "$DIFF" "$stmt" # SQLITE_CONSTRAINT
	t_err "as append-only" "snapshots are append-only"
done
t_eq "snapshot 2 is as it was" "$(t_sql "SELECT note, count(*), sum(amount) FROM snapshots s
	JOIN snapshot_deals r ON r.snapshot_id = s.id WHERE s.id = 2" "$DIFF")" "week 22|18|7030000"

# === The attention queue =====================================================================
# queue.db (USD), owner qa, T = 2026-06-30. A deal with none of the reasons: two
# stakeholders (champion Cara, user Uma; an economic buyer only where named), the next
# step "Call back" with no due day, no close date, no plan; created 2026-06-20 in
# prospect (10 days at T, rot 30). Each deal changes that as said:
#   1 qualify since 05-31: 30 days = rot 30                     rotting
#   2 no next step                                              no_next_step
#   3 next step due 06-29                                       next_step_overdue
#   4 seller steps: due 06-25 open; due 06-15 done 07-02 (after T: open at T); due 06-01
#     done 06-01                                                plan_step_overdue (2)
#   5 one stakeholder (a second added 07-05, after T)           single_threaded
#   6 close 06-29                                               close_date_past
#   7 close 07-15, buyer step due 07-20 open (one due 07-30 done) close_before_plan
#   8 discover since 06-20, champion and user                  no_economic_buyer
#   9 propose since 05-01 (60 days), no next step, only a champion, close 06-20:
#     rotting, no_next_step, single_threaded, close_date_past, no_economic_buyer (5)
#  10 no next step, no stakeholders, 500.00                     2 reasons
#  11 the same, 600.00                                          2 reasons
#  12 discover with an economic buyer, next step due 06-30, close 06-30, a buyer step due
#     06-30 open: all due on T, nothing late                    none
#  13 won 06-25 with no next step                               closed: not in the queue
#  14 qualify since 06-01 (29 days), no economic buyer yet      none (before discover)
#  15 created 07-01, after T                                    not there at T
# Order: most reasons, then amount: 9; 11, 10; 8, 7, 6, 5, 4, 3, 2, 1.
QUEUE="$T_DIR/queue.db"
t_run "init the queue database" 0 --db "$QUEUE" init
person() {
	q "INSERT INTO stakeholders (deal_id, name, role, created_at)
		VALUES ($1, '$2', '$3', '${4:-2026-06-20 10:00:00}')"
}
step() {
	done_at="'$5'"
	[ "$5" = - ] && done_at=NULL
	q "INSERT INTO plan_steps (deal_id, title, owner_side, due, done_at, created_at)
		VALUES ($1, '$2', '$3', '$4', $done_at, '2026-06-20 10:00:00')"
}
# qdeal ID AMOUNT [CLOSE [CREATED [alone]]]: a deal of qa created in prospect (default
# 2026-06-20); with Cara and Uma unless alone.
qdeal() {
	deal "$1" qa "$2" "${3:--}"
	ev "$1" create - prospect "${4:-2026-06-20}"
	[ "${5:-}" = alone ] && return
	person "$1" Cara champion
	person "$1" Uma user
}
qdeal 1 1000.00 - 2026-05-20
ev 1 forward prospect qualify 2026-05-31
qdeal 2 2000.00
q "UPDATE deals SET next_step = NULL WHERE id = 2"
qdeal 3 3000.00
q "UPDATE deals SET next_step_due = '2026-06-29' WHERE id = 3"
qdeal 4 4000.00
step 4 "Send the security answers" seller 2026-06-25 -
step 4 "Pricing review" seller 2026-06-15 "2026-07-02 10:00:00"
step 4 "Kickoff" seller 2026-06-01 "2026-06-01 10:00:00"
qdeal 5 5000.00 - 2026-06-20 alone
person 5 Cara champion
person 5 Uma user "2026-07-05 10:00:00"
qdeal 6 6000.00 2026-06-29
qdeal 7 7000.00 2026-07-15
step 7 "Board approval" buyer 2026-07-20 -
step 7 "Budget sign-off" buyer 2026-07-30 "2026-06-20 10:00:00"
qdeal 8 8000.00
ev 8 forward prospect discover "2026-06-20 11:00:00"
qdeal 9 9000.00 2026-06-20 2026-04-20 alone
person 9 Cara champion
ev 9 forward prospect propose 2026-05-01
qdeal 10 500.00 - 2026-06-20 alone
qdeal 11 600.00 - 2026-06-20 alone
q "UPDATE deals SET next_step = NULL WHERE id IN (9, 10, 11)"
qdeal 12 1200.00 2026-06-30
person 12 Evan economic_buyer
ev 12 forward prospect discover "2026-06-20 11:00:00"
q "UPDATE deals SET next_step_due = '2026-06-30' WHERE id = 12"
step 12 "Security review" buyer 2026-06-30 -
qdeal 13 1300.00
ev 13 won prospect prospect 2026-06-25
q "UPDATE deals SET next_step = NULL WHERE id = 13"
qdeal 14 1400.00 - 2026-05-20
ev 14 forward prospect qualify 2026-06-01
deal 15 qa 1500.00 -
ev 15 create - prospect "2026-07-01 00:00:00"
q "UPDATE deals SET next_step = NULL WHERE id = 15"
sync
load "$QUEUE"

t_run "review queue as CSV" 0 --db "$QUEUE" --as-of 2026-06-30 review queue --format csv
cat >"$T_DIR/queue.csv" <<'EOF'
id,title,account,owner,stage,amount,days_in_stage,close_date,reasons,why
9,Deal 9,Account 9,qa,propose,9000.00,60,2026-06-20,rotting;no_next_step;single_threaded;close_date_past;no_economic_buyer,"rotting: 60 days in propose, rots at 30; no_next_step: no next step set; single_threaded: 1 stakeholder mapped; close_date_past: close date 2026-06-20 has passed; no_economic_buyer: no economic buyer mapped in propose"
11,Deal 11,Account 11,qa,prospect,600.00,10,,no_next_step;single_threaded,no_next_step: no next step set; single_threaded: 0 stakeholders mapped
10,Deal 10,Account 10,qa,prospect,500.00,10,,no_next_step;single_threaded,no_next_step: no next step set; single_threaded: 0 stakeholders mapped
8,Deal 8,Account 8,qa,discover,8000.00,10,,no_economic_buyer,no_economic_buyer: no economic buyer mapped in discover
7,Deal 7,Account 7,qa,prospect,7000.00,10,2026-07-15,close_before_plan,"close_before_plan: closes 2026-07-15, the buyer's last plan step is due 2026-07-20"
6,Deal 6,Account 6,qa,prospect,6000.00,10,2026-06-29,close_date_past,close_date_past: close date 2026-06-29 has passed
5,Deal 5,Account 5,qa,prospect,5000.00,10,,single_threaded,single_threaded: 1 stakeholder mapped
4,Deal 4,Account 4,qa,prospect,4000.00,10,,plan_step_overdue,"plan_step_overdue: plan step ""Pricing review"" due 2026-06-15, and 1 more"
3,Deal 3,Account 3,qa,prospect,3000.00,10,,next_step_overdue,next_step_overdue: next step due 2026-06-29
2,Deal 2,Account 2,qa,prospect,2000.00,10,,no_next_step,no_next_step: no next step set
1,Deal 1,Account 1,qa,qualify,1000.00,30,,rotting,"rotting: 30 days in qualify, rots at 30"
EOF
same "the queue: one deal per reason, several reasons first, then by amount" "$T_DIR/queue.csv"
t_run "review queue as text" 0 --db "$QUEUE" --as-of 2026-06-30 review queue
cat >"$T_DIR/queue.txt" <<'EOF'
Attention queue as of 2026-06-30; owner: everyone; 11 deals

    id  title                         owner       stage       days              amount  close
     9  Deal 9                        qa          propose       60        9,000.00 USD  2026-06-20
        rotting             60 days in propose, rots at 30
        no_next_step        no next step set
        single_threaded     1 stakeholder mapped
        close_date_past     close date 2026-06-20 has passed
        no_economic_buyer   no economic buyer mapped in propose
    11  Deal 11                       qa          prospect      10          600.00 USD  -
        no_next_step        no next step set
        single_threaded     0 stakeholders mapped
    10  Deal 10                       qa          prospect      10          500.00 USD  -
        no_next_step        no next step set
        single_threaded     0 stakeholders mapped
     8  Deal 8                        qa          discover      10        8,000.00 USD  -
        no_economic_buyer   no economic buyer mapped in discover
     7  Deal 7                        qa          prospect      10        7,000.00 USD  2026-07-15
        close_before_plan   closes 2026-07-15, the buyer's last plan step is due 2026-07-20
     6  Deal 6                        qa          prospect      10        6,000.00 USD  2026-06-29
        close_date_past     close date 2026-06-29 has passed
     5  Deal 5                        qa          prospect      10        5,000.00 USD  -
        single_threaded     1 stakeholder mapped
     4  Deal 4                        qa          prospect      10        4,000.00 USD  -
        plan_step_overdue   plan step "Pricing review" due 2026-06-15, and 1 more
     3  Deal 3                        qa          prospect      10        3,000.00 USD  -
        next_step_overdue   next step due 2026-06-29
     2  Deal 2                        qa          prospect      10        2,000.00 USD  -
        no_next_step        no next step set
     1  Deal 1                        qa          qualify       30        1,000.00 USD  -
        rotting             30 days in qualify, rots at 30
EOF
same "every line of the queue, codes and words" "$T_DIR/queue.txt"
# A day later deal 12's dates and step are late, and 6 more for the others.
t_run "review queue as of 2026-07-01" 0 --db "$QUEUE" --as-of 2026-07-01 review queue --format csv
t_eq "deal 12: everything due on 06-30 is late on 07-01" "$(grep '^12,' "$OUT" | cut -d, -f9)" \
	"next_step_overdue;plan_step_overdue;close_date_past"
t_run "review queue --owner nobody" 0 --db "$QUEUE" --as-of 2026-06-30 review queue \
	--owner nobody
t_out "an empty queue says so" "owner: nobody; 0 deals"
t_run "review queue --privacy" 0 --db "$QUEUE" --as-of 2026-06-30 review queue --privacy
t_no_out "no amount" "9,000.00"
t_out "hidden" "•••"

# === The forecast ============================================================================
# forecast.db (USD), owner fc, T = 2026-06-30, period 2026-Q2 (not over at T: its last day
# is T). Stage categories (data/process.ini): propose best case 60%, present best case
# 40%, negotiate commit 80%, close commit 90%, discover pipeline 20%.
#   id  stage at T   amount    close   how it entered its stage          counts as
#    1  negotiate   10000.00  06-20   forward 06-01 with evidence        commit        8000
#    2  close       20000.00  06-25   forward 06-10 by override; buyer step due 06-20 open
#                                                                         best case  18000
#    3  negotiate   30000.00  06-28   forward with evidence; buyer step due 06-15 open
#                                                                         best case  24000
#    4  negotiate    4000.00  06-30   imported history                   best case   3200
#    5  negotiate    5000.00  06-12   back from close 06-12              best case   4000
#    6  propose      6000.01  05-15   (a best case stage)                best case   3600.006
#    7  discover     7000.05  06-01   (a pipeline stage)                 pipeline    1400.01
#    8  negotiate    8000.00  07-05   with evidence, but closes in Q3    (next: commit 6400)
#    9  qualify       900.00  none    in no period
#   10  won 05-20   11000.00                                            won
#   11  won 03-20 (Q1) 12000.00
#   12  lost 05-12
#   13  close       13000.00  06-29   jump present -> close with its three gates' evidence
#                                                                         commit       11700
#   15  negotiate   15000.00  06-27   with evidence; a seller step overdue, the buyer's done
#                                                                         commit       12000
#   16  present      1600.00  08-16   (Q3)                               (next: best case 640)
#   17  won 2026-06-30 23:00, the last hour of Q2, 5000.00                won
# commit: 1, 13, 15 = 3, 38000.00, weighted 8000 + 11700 + 12000 = 31700.00
# best case: 2, 3, 4, 5, 6 = 5, 65000.01, weighted 52800.006 -> 52800.01
# pipeline: 7 = 1, 7000.05, weighted 1400.01; won: 10, 17 = 2, 16000.00
FC="$T_DIR/forecast.db"
t_run "init the forecast database" 0 --db "$FC" init
deal 1 fc 10000.00 2026-06-20
ev 1 create - prospect 2026-04-01
ev 1 forward prospect propose 2026-05-01
ev 1 forward propose negotiate 2026-06-01
evid 1 proposal_reviewed "Their CFO and IT reviewed the proposal" "Ola Berg" 2026-05-30
deal 2 fc 20000.00 2026-06-25
ev 2 create - prospect 2026-04-02
ev 2 forward prospect negotiate 2026-05-02
evid 2 proposal_reviewed "Reviewed with procurement on a call" "Ola Berg" 2026-05-01
ev 2 forward negotiate close 2026-06-10 "CFO said yes on the phone"
step 2 "Sign the order form" buyer 2026-06-20 -
deal 3 fc 30000.00 2026-06-28
ev 3 create - prospect 2026-04-03
ev 3 forward prospect negotiate 2026-06-05
evid 3 proposal_reviewed "Legal and finance reviewed the offer" "Ola Berg" 2026-06-04
step 3 "Legal review of the MSA" buyer 2026-06-15 -
deal 4 fc 4000.00 2026-06-30
IMPORTED=1 ev 4 create - prospect 2026-04-04
IMPORTED=1 ev 4 forward prospect negotiate 2026-05-04
deal 5 fc 5000.00 2026-06-12
ev 5 create - prospect 2026-04-05
ev 5 forward prospect close 2026-05-05
evid 5 approvals_active "The buyer started contract approval" "Ola Berg" 2026-05-04
ev 5 back close negotiate 2026-06-12 "the buyer's legal team reopened the terms"
deal 6 fc 6000.01 2026-05-15
ev 6 create - prospect 2026-03-06
ev 6 forward prospect propose 2026-05-06
deal 7 fc 7000.05 2026-06-01
ev 7 create - prospect 2026-04-07
ev 7 forward prospect discover 2026-05-07
deal 8 fc 8000.00 2026-07-05
ev 8 create - prospect 2026-03-08
ev 8 forward prospect negotiate 2026-06-08
evid 8 proposal_reviewed "Reviewed by their board" "Ola Berg" 2026-06-07
deal 9 fc 900.00 -
ev 9 create - prospect 2026-04-09
ev 9 forward prospect qualify 2026-05-09
deal 10 fc 11000.00 2026-05-20
ev 10 create - prospect 2026-03-10
ev 10 forward prospect negotiate 2026-05-01
evid 10 proposal_reviewed "Reviewed it with their COO" "Ola Berg" 2026-04-30
ev 10 won negotiate negotiate 2026-05-20
deal 11 fc 12000.00 2026-03-20
ev 11 create - prospect 2026-01-11
ev 11 won prospect prospect 2026-03-20
deal 12 fc 1200.00 2026-05-12
ev 12 create - prospect 2026-04-12
ev 12 lost prospect prospect 2026-05-12 price
deal 13 fc 13000.00 2026-06-29
ev 13 create - prospect 2026-04-13
ev 13 forward prospect present 2026-05-13
ev 13 forward present close 2026-06-08
evid 13 proposal_requested "They asked for the proposal" "Ola Berg" 2026-06-01
evid 13 proposal_reviewed "They reviewed it with finance" "Ola Berg" 2026-06-04
evid 13 approvals_active "Contract approval is under way" "Ola Berg" 2026-06-07
deal 15 fc 15000.00 2026-06-27
ev 15 create - prospect 2026-04-15
ev 15 forward prospect negotiate 2026-06-02
evid 15 proposal_reviewed "They reviewed it with their team" "Ola Berg" 2026-06-01
step 15 "Send the redlines" seller 2026-06-01 -
step 15 "Security review" buyer 2026-06-10 "2026-06-09 10:00:00"
deal 16 fc 1600.00 2026-08-16
ev 16 create - prospect 2026-03-16
ev 16 forward prospect present 2026-03-26
deal 17 fc 5000.00 2026-06-30
ev 17 create - prospect 2026-03-20
ev 17 forward prospect close 2026-06-01
evid 17 contract_signed "Signed in principle" "Ola Berg" 2026-05-31
ev 17 won close close "2026-06-30 23:00:00"
sync
# Snapshots for the accuracy of Q2: A before it, B on its first day (the one to use), C
# after. B forecast Q2 with 10 (10000.00, 80%, commit), 17 (5000.00, 40%), 6 (6000.01,
# 60%); 8 and 16 closed outside Q2 then. Weighted 8000 + 2000 + 3600.006 = 13600.01;
# commit 10000.00. Won in Q2 (as of 07-01): 10 and 17, 16000.00. Accuracy:
#   weighted 1 - |13600.01 - 16000| / 16000 = 1 - 2399.99 / 16000 = 0.850000625 -> 0.8500
#   commit   1 - |10000 - 16000| / 16000 = 0.625 -> 0.6250
#   deals    of the 3 forecast, 10 and 17 were won: 2 / 3 = 0.6667
row 1 10 negotiate fc 999999.00 2026-05-20 90 commit 1
snap 1 "2026-03-15 10:00:00" "A" 1 999999.00
row 2 10 negotiate fc 10000.00 2026-05-20 80 commit 1
row 2 17 present fc 5000.00 2026-06-15 40 best_case 3
row 2 6 propose fc 6000.01 2026-05-15 60 best_case 4
row 2 8 negotiate fc 8000.00 2026-07-05 80 commit 5
row 2 16 present fc 1600.00 2026-08-16 40 best_case 6
snap 2 "2026-04-01 08:00:00" "B" 5 30600.01
row 3 1 negotiate fc 10000.00 2026-06-20 80 commit 0
snap 3 "2026-06-01 09:00:00" "C" 1 10000.00
load "$FC"

t_run "review forecast, Q2 as of 2026-06-30" 0 --db "$FC" --as-of 2026-06-30 review forecast \
	--period 2026-Q2 --format csv
cat >"$T_DIR/forecast.csv" <<'EOF'
section,key,metric,value
period,2026-Q2,first_day,2026-04-01
period,2026-Q2,last_day,2026-06-30
period,2026-Q2,as_of,2026-06-30
totals,pipeline,deals,1
totals,pipeline,amount,7000.05
totals,pipeline,weighted,1400.01
totals,best_case,deals,5
totals,best_case,amount,65000.01
totals,best_case,weighted,52800.01
totals,commit,deals,3
totals,commit,amount,38000.00
totals,commit,weighted,31700.00
totals,won,deals,2
totals,won,amount,16000.00
totals,won,weighted,16000.00
totals,no_close_date,deals,1
deal,6,category,best_case
deal,7,category,pipeline
deal,5,category,best_case
deal,5,demoted,moved_back
deal,1,category,commit
deal,2,category,best_case
deal,2,demoted,override
deal,2,demoted,buyer_step_overdue
deal,15,category,commit
deal,3,category,best_case
deal,3,demoted,buyer_step_overdue
deal,13,category,commit
deal,4,category,best_case
deal,4,demoted,imported
EOF
same "the forecast: categories, commit earned, won, by hand" "$T_DIR/forecast.csv"
t_run "review forecast as text" 0 --db "$FC" --as-of 2026-06-30 review forecast --period 2026-Q2
cat >"$T_DIR/forecast.txt" <<'EOF'
Forecast 2026-Q2 (2026-04-01 to 2026-06-30) as of 2026-06-30; owner: everyone

category     deals                amount              weighted
pipeline         1          7,000.05 USD          1,400.01 USD
best_case        5         65,000.01 USD         52,800.01 USD
commit           3         38,000.00 USD         31,700.00 USD
won              2         16,000.00 USD         16,000.00 USD
(1 open deal without a close date, in no period)

Commit, earned by the buyer (3)
     1  Deal 1                        fc          negotiate        10,000.00 USD  2026-06-20
    15  Deal 15                       fc          negotiate        15,000.00 USD  2026-06-27
    13  Deal 13                       fc          close            13,000.00 USD  2026-06-29

In a commit stage, counted as best case (4)
     5  Deal 5                        fc          negotiate         5,000.00 USD  2026-06-12
        moved_back          moved back into negotiate: the buyer's legal team reopened the terms
     2  Deal 2                        fc          close            20,000.00 USD  2026-06-25
        override            moved into close by an override: CFO said yes on the phone
        buyer_step_overdue  buyer plan step "Sign the order form" was due 2026-06-20
     3  Deal 3                        fc          negotiate        30,000.00 USD  2026-06-28
        buyer_step_overdue  buyer plan step "Legal review of the MSA" was due 2026-06-15
     4  Deal 4                        fc          negotiate         4,000.00 USD  2026-06-30
        imported            entered negotiate in imported history, with no buyer evidence
EOF
same "the forecast's text says why each demoted deal is not commit" "$T_DIR/forecast.txt"

t_run "next quarter" 0 --db "$FC" --as-of 2026-06-30 review forecast --period next --format csv
t_eq "Q3: deal 8 commit, 16 best case" "$(grep -E '^(period|totals)' "$OUT" |
	grep -E 'first_day|commit|best_case' | cut -d, -f2-4 | tr '\n' ';')" \
	"2026-Q3,first_day,2026-07-01;best_case,deals,1;best_case,amount,1600.00;best_case,weighted,640.00;commit,deals,1;commit,amount,8000.00;commit,weighted,6400.00;"
t_run "the period ends on T: no accuracy yet" 0 --db "$FC" --as-of 2026-06-30 review forecast
t_no_out "no accuracy section" "Accuracy"

t_run "Q2 as of 2026-07-01, when it has ended" 0 --db "$FC" --as-of 2026-07-01 review forecast \
	--period 2026-Q2 --format csv
t_eq "accuracy against snapshot 2, taken on Q2's first day" "$(grep '^accuracy' "$OUT")" \
	"accuracy,snapshot,id,2
accuracy,snapshot,taken_at,2026-04-01 08:00:00
accuracy,weighted,forecast,13600.01
accuracy,weighted,won,16000.00
accuracy,weighted,accuracy,0.8500
accuracy,commit,forecast,10000.00
accuracy,commit,won,16000.00
accuracy,commit,accuracy,0.6250
accuracy,deals,forecast,3
accuracy,deals,won,2
accuracy,deals,share,0.6667"
t_run "the same as text" 0 --db "$FC" --as-of 2026-07-01 review forecast --period 2026-Q2
t_eq "the accuracy in words" "$(sed -n '/^Accuracy/,$p' "$OUT")" "Accuracy
  snapshot 2, taken 2026-04-01 08:00 by mgr
  weighted forecast        13,600.01 USD  won        16,000.00 USD  accuracy   85.0%
  commit forecast          10,000.00 USD  won        16,000.00 USD  accuracy   62.5%
  deals forecast 3, won in the period 2: 66.7%"
t_run "Q1, with no snapshot before it" 0 --db "$FC" --as-of 2026-07-01 review forecast \
	--period 2026-Q1
t_out "says so" "no snapshot before this period"
t_out "Q1's won" "won              1         12,000.00 USD"
t_run "--owner of nobody" 0 --db "$FC" --as-of 2026-06-30 review forecast --owner nobody \
	--format csv
t_eq "nothing for nobody" "$(grep -c ',0$\|,0.00$' "$OUT")" "13"
t_run "--privacy" 0 --db "$FC" --as-of 2026-07-01 review forecast --period 2026-Q2 --privacy
t_no_out "no amount" "13,600.01"
t_no_out "no amount (2)" "30,000.00"
t_out "rates still show" "85.0%"
t_run "bad --period" 2 --db "$FC" review forecast --period Q2-2026

# Permissions: anyone may read the review; a login outside a named team may not snapshot.
t_team_process "$T_DIR/team.ini" someone_else "" "$FC"
t_run "a team without me" 0 --db "$FC" process apply "$T_DIR/team.ini"
t_run "outside the team: no snapshot" 4 --db "$FC" review snapshot
t_eq "none written" "$(t_sql "SELECT count(*) FROM snapshots" "$FC")" "3"
t_run "outside the team: the forecast reads" 0 --db "$FC" --as-of 2026-06-30 review forecast
t_run "outside the team: the queue reads" 0 --db "$FC" review queue
# Text people typed never sends escape codes: a plan step titled with one.
esc=$(printf '\033')
t_sql "INSERT INTO plan_steps (deal_id, title, owner_side, due, created_at)
	VALUES (6, 'Red ${esc}[31mflag', 'seller', '2026-06-01', '2026-06-01 10:00:00')" "$QUEUE"
t_run "review queue with an escape code in a step's title" 0 --db "$QUEUE" --as-of 2026-06-30 \
	review queue
t_eq "no escape code in the text" "$(grep -c "$esc" "$OUT")" "0"
t_out "the title with a space for it" 'plan step "Red  [31mflag" due 2026-06-01'
t_run "review snapshot --help" 0 review snapshot --help
t_out "says what it records" "Record the open pipeline as it is now"

t_done
