#!/bin/sh
# dealdeck stats: every figure against arithmetic done by hand on a fixed history.
#
# The fixture is written straight into the database (sqlite3), with fixed 2026 dates;
# two deals come in through 'dealdeck import deals' (imported history). Every run
# names --as-of, so nothing depends on today. The expected values below come from
# the definitions (PRODUCT.md "Stats, defined" and the team's decisions where it is
# silent), worked out in the comments; none was read off the program.
#
# Process: the default one (data/process.ini):
#   stage      pos  prob  warn  rot
#   prospect    1     5    14    30
#   qualify     2    10    14    30
#   discover    3    20    21    45
#   present     4    40    14    30
#   propose     5    60    14    30
#   negotiate   6    80    21    45
#   close       7    90    14    30
#
# Main view: T = 2026-06-30 (history up to 2026-06-30 23:59:59); no --from/--to, so
# the period is the 90 days ending at T: 2026-06-30 - 89 days = 2026-04-02
# (Jun 30 -> Jun 1: 29, -> May 2: 30, -> Apr 2: 30; 29 + 30 + 30 = 89).
# So the period is [2026-04-02 00:00:00, 2026-06-30 23:59:59].
# Day counts: date(later) - date(earlier), whole days; months: Feb 28 (2026), Mar 31,
# Apr 30, May 31, Jun 30.
. "${top_srcdir:-.}/tests/lib.sh"

ME=$(t_login)
STAGES="prospect qualify discover present propose negotiate close"
AGING="deals amount median_days p90_days max_days over_warn over_rot"
DURATION="exits median_days mean_days"
CONVERSION="entered advanced rate"
SUMMARY="open_deals open_amount weighted_amount won lost win_rate avg_won_amount"
SUMMARY="$SUMMARY median_cycle_days velocity_per_day forward_moves overrides bypass_rate"
REASONS="no_budget no_decision lost_to_competitor timing poor_fit champion_left price other"
names_of() {
	case $1 in
	aging) echo "$AGING" ;; duration) echo "$DURATION" ;;
	conversion) echo "$CONVERSION" ;; summary) echo "$SUMMARY" ;;
	esac
}

# --- helpers ------------------------------------------------------------------------------
# metric SECTION STAGE NAME VALUE: the last CSV output has exactly this line.
metric() {
	if grep -qx -- "$1,$2,$3,$4" "$OUT"; then
		t_ok "$1,$2,$3 = $4"
	else
		t_fail "$1,$2,$3: want $4" "got: $(grep -- "^$1,$2,$3," "$OUT" || echo '(no line)')"
	fi
}
# row SECTION STAGE VALUE...: all of a section's metrics for one stage (summary: stage
# empty), in the order the contract lists them, as one check.
row() {
	sec=$1 stage=$2
	shift 2
	got=""
	for m in $(names_of "$sec"); do
		v=$(grep -- "^$sec,$stage,$m," "$OUT" | cut -d, -f4)
		got="$got${got:+ }${v:-?}"
	done
	if [ "$got" = "$*" ]; then
		t_ok "$sec ${stage:-(all)}: $*"
	else
		t_fail "$sec ${stage:-(all)}" "metrics: $(names_of "$sec")" "got:  $got" "want: $*"
	fi
}
# stats AS_OF [ARGS...]: dealdeck --as-of AS_OF stats --format csv ARGS, exit 0.
stats() {
	day=$1
	shift
	t_run "stats as of $day${*:+ $*}" 0 --as-of "$day" stats --format csv "$@"
}

# deal ID OWNER AMOUNT: a deal row (amount in major units, always 2 decimals). Its stage,
# status and times are set from its events by sync_deals once the history is written.
deal() {
	t_sql "INSERT INTO deals (id, title, account, owner, stage, amount, created_at,
		stage_entered_at, updated_at)
		VALUES ($1, 'Deal $1', 'Account $1', '$2', 'prospect', $(echo "$3" | tr -d .), '', '', '')"
}
# ev DEAL KIND FROM TO WHEN [EXTRA]: one history row. FROM is - for a create; TO is the
# stage after the event (for won/lost: the stage it closes from). WHEN is a day (at
# 10:00:00) or a full UTC time. EXTRA: the reason of a lost event, the override of a
# forward or won one. from_entered_at: t_from_entered (the entry into the stage it leaves).
ev() {
	d=$1 kind=$2 from=$3 to=$4 at=$5 extra=${6:-}
	case $at in *:*) ;; *) at="$at 10:00:00" ;; esac
	case $kind in won | lost) status=$kind ;; *) status=open ;; esac
	fe=$(t_from_entered "$d" "$kind")
	reason=NULL override=NULL
	if [ -n "$extra" ]; then
		if [ "$kind" = lost ]; then reason="'$extra'"; else override="'$extra'"; fi
	fi
	[ "$from" = - ] && from=NULL || from="'$from'"
	t_sql "INSERT INTO stage_events (deal_id, kind, from_stage, stage, status, at, actor,
		reason, override, from_entered_at)
		VALUES ($d, '$kind', $from, '$to', '$status', '$at', '$ME', $reason, $override, $fe)"
}
# The deals rows agree with their history: stage/status of the last event, entered at
# the last create/forward/back/reopen, closed at a last won/lost event.
sync_deals() {
	last="FROM stage_events e WHERE e.deal_id = deals.id ORDER BY e.at DESC, e.id DESC LIMIT 1"
	t_sql "UPDATE deals SET
		stage = (SELECT e.stage $last),
		status = (SELECT e.status $last),
		closed_at = (SELECT CASE WHEN e.status <> 'open' THEN e.at END $last),
		lost_reason = (SELECT CASE WHEN e.status = 'lost' THEN e.reason END $last),
		updated_at = (SELECT e.at $last),
		created_at = (SELECT min(e.at) FROM stage_events e WHERE e.deal_id = deals.id),
		stage_entered_at = (SELECT max(e.at) FROM stage_events e
			WHERE e.deal_id = deals.id AND e.status = 'open')
		WHERE external_id IS NULL"
}
IMPORT_HEADER="id,title,account,owner,stage,amount,status,closed,lost_reason"
IMPORT_HEADER="$IMPORT_HEADER,entered_prospect,entered_qualify,entered_discover,entered_close"

t_run "init" 0 init

# === The fixture ===========================================================================
# Owners: ann unless named; bob has 8, 18, 29, 32; cy has 5, 22, 31, 38.
# "stay X n" = a stay in stage X of n days that ended at that event.

# --- 1-11: eleven deals in prospect at T (odd count) ----------------------------------------
# Each only created, in prospect. Days at T = Jun 30 - created:
#   id  created               days  amount
#    1  2026-06-30 23:59:59     0    100.00  (the last second of T still counts)
#    2  2026-06-29              1    200.00
#    3  2026-06-27              3    300.00
#    4  2026-06-25              5    400.00
#    5  2026-06-22              8    500.00  cy
#    6  2026-06-17             13    600.00
#    7  2026-06-16             14    700.00  (= warn 14)
#    8  2026-06-10             20    800.00  bob
#    9  2026-06-01             29    900.00  (moves to qualify 2026-07-10, after T)
#   10  2026-05-31             30   1000.00  (= rot 30)
#   11  2026-05-21             40   1100.00  (Jun 30 -> May 31: 30, -> May 21: 10)
# 27 is created 2026-07-01 00:00:00, the first second after T: not there at T.
n=1
for c in "2026-06-30 23:59:59" 2026-06-29 2026-06-27 2026-06-25 2026-06-22 2026-06-17 \
	2026-06-16 2026-06-10 2026-06-01 2026-05-31 2026-05-21; do
	owner=ann
	[ $n = 5 ] && owner=cy
	[ $n = 8 ] && owner=bob
	deal $n $owner "${n}00.00"
	ev $n create - prospect "$c"
	n=$((n + 1))
done
ev 9 forward prospect qualify 2026-07-10

# --- 12-21: ten deals in qualify at T (even count) ------------------------------------------
#   id  created     -> qualify    stay prospect  days in qualify at T  amount
#   12  06-23        06-28          5               2                  1000.00
#   13  06-25        06-26 (ovr)    1               4                  2000.00
#   14  06-14        06-24         10               6                  3000.00
#   15  06-20 08:00  06-20 10:00    0              10                  4000.00
#   16  06-09        06-16          7              14                  5000.00
#   17  06-12        06-15          3              15                  6000.00
#   18  05-20        06-09 (ovr)   20 (11+9)       21                  7000.00  bob
#   19  see below: reopened into qualify 06-01     29                  2500.00
#   20  05-26        05-28          2              33 (3+30)           9000.00
#   21  04-01 23:59:59 05-11       40 (30+10)      50 (20+30)         10000.00
# 21 was created one second before the period: its prospect entry is outside, its stay
# ends inside. (ovr) = the move carries an override reason.
deal 12 ann 1000.00
ev 12 create - prospect 2026-06-23
ev 12 forward prospect qualify 2026-06-28
deal 13 ann 2000.00
ev 13 create - prospect 2026-06-25
ev 13 forward prospect qualify 2026-06-26 "trusted referral"
deal 14 ann 3000.00
ev 14 create - prospect 2026-06-14
ev 14 forward prospect qualify 2026-06-24
deal 15 ann 4000.00
ev 15 create - prospect "2026-06-20 08:00:00"
ev 15 forward prospect qualify 2026-06-20
deal 16 ann 5000.00
ev 16 create - prospect 2026-06-09
ev 16 forward prospect qualify 2026-06-16
deal 17 ann 6000.00
ev 17 create - prospect 2026-06-12
ev 17 forward prospect qualify 2026-06-15
deal 18 bob 7000.00
ev 18 create - prospect 2026-05-20
ev 18 forward prospect qualify 2026-06-09 "board intro"
# 19: lost, then reopened: created 04-08, qualify 04-18 (stay prospect 10), lost from
# qualify 05-08 for price (stay qualify 20: 12 + 8), reopened into qualify 06-01. At T it
# is open in qualify, 29 days; its loss does not count (not its last event at T).
deal 19 ann 2500.00
ev 19 create - prospect 2026-04-08
ev 19 forward prospect qualify 2026-04-18
ev 19 lost qualify qualify 2026-05-08 price
ev 19 reopen qualify qualify 2026-06-01
deal 20 ann 9000.00
ev 20 create - prospect 2026-05-26
ev 20 forward prospect qualify 2026-05-28
deal 21 ann 10000.00
ev 21 create - prospect "2026-04-01 23:59:59"
ev 21 forward prospect qualify 2026-05-11

# --- 22-25: four deals in discover at T ---------------------------------------------------
# 22 (cy, 2500.50): created 04-10, prospect -> discover 04-20 (ovr), skipping qualify.
#    Stay prospect 10. In discover at T: Apr 20 -> Jun 30 = 10 + 31 + 30 = 71.
# 23 (3000.00): created 05-01, qualify 05-05, discover 05-15, BACK to qualify 05-25,
#    discover again 06-05. Stays: prospect 4, qualify 10, discover 10, qualify 11
#    (May 25 -> Jun 5: 6 + 5). In discover at T: 25.
# 24 (4000.00, imported): entered prospect 03-01, qualify 03-20, discover 04-15; open.
#    Stays: prospect 19 (ends 03-20: before the period), qualify 26 (Mar 20 -> Apr 15:
#    11 + 15). In discover at T: Apr 15 -> Jun 30 = 15 + 31 + 30 = 76.
# 25 (5000.25): created in discover 06-26 ("created there"). 4 days at T.
deal 22 cy 2500.50
ev 22 create - prospect 2026-04-10
ev 22 forward prospect discover 2026-04-20 "exec sponsor"
deal 23 ann 3000.00
ev 23 create - prospect 2026-05-01
ev 23 forward prospect qualify 2026-05-05
ev 23 forward qualify discover 2026-05-15
ev 23 back discover qualify 2026-05-25
ev 23 forward qualify discover 2026-06-05
{
	echo "$IMPORT_HEADER"
	echo "EXT-24,Deal 24,Account 24,ann,discover,4000.00,open,,,2026-03-01 10:00:00,2026-03-20 10:00:00,2026-04-15 10:00:00,"
} >"$T_DIR/import24.csv"
t_run "import deal 24 with its history" 0 import deals "$T_DIR/import24.csv"
deal 25 ann 5000.25
ev 25 create - discover 2026-06-26

# --- 26-30: one deal in each later stage at T; history after T ------------------------------
# 26 (8000.00): created 04-05, qualify 04-10, discover 04-20, present 05-20, then AFTER T
#    propose 07-05 and won 07-20. Stays by T: prospect 5, qualify 10, discover 30
#    (Apr 20 -> May 20: 10 + 20); its present stay ends after T. At T: present,
#    May 20 -> Jun 30 = 11 + 30 = 41 days.
# 27 (99999.00): created 2026-07-01 00:00:00, after T: nowhere in the T figures.
# 28 (12000.00): created 2026-04-02 00:00:00 (the period's first second), qualify 04-12,
#    present 04-22 (ovr, skipping discover), propose 05-02. Stays: prospect 10,
#    qualify 10, present 10. At T: propose, May 2 -> Jun 30 = 29 + 30 = 59 days.
# 29 (bob, 20000.00): created 03-10, qualify 03-25, discover 2026-04-01 23:59:59 (ovr,
#    the last second before the period), present 2026-04-02 00:00:00, propose 05-10,
#    negotiate 06-10. Stays in the period: discover 1 (Apr 1 -> Apr 2), present 38
#    (Apr 2 -> May 10: 28 + 10), propose 31 (May 10 -> Jun 10: 21 + 10); prospect 15 and
#    qualify 7 ended before it. At T: negotiate, 20 days.
# 30 (30000.00): created 04-03, qualify 04-06, discover 04-09, present 04-12, propose
#    04-15, negotiate 04-18, close 06-20 (ovr), lost AFTER T 07-03 (price). Stays: 3 in
#    each of prospect..propose, negotiate 63 (Apr 18 -> Jun 20: 12 + 31 + 20). At T:
#    open in close, 10 days.
deal 26 ann 8000.00
ev 26 create - prospect 2026-04-05
ev 26 forward prospect qualify 2026-04-10
ev 26 forward qualify discover 2026-04-20
ev 26 forward discover present 2026-05-20
ev 26 forward present propose 2026-07-05
ev 26 won propose propose 2026-07-20
deal 27 ann 99999.00
ev 27 create - prospect "2026-07-01 00:00:00"
deal 28 ann 12000.00
ev 28 create - prospect "2026-04-02 00:00:00"
ev 28 forward prospect qualify 2026-04-12
ev 28 forward qualify present 2026-04-22 "legal pre-approved"
ev 28 forward present propose 2026-05-02
deal 29 bob 20000.00
ev 29 create - prospect 2026-03-10
ev 29 forward prospect qualify 2026-03-25
ev 29 forward qualify discover "2026-04-01 23:59:59" "old override"
ev 29 forward discover present "2026-04-02 00:00:00"
ev 29 forward present propose 2026-05-10
ev 29 forward propose negotiate 2026-06-10
deal 30 ann 30000.00
ev 30 create - prospect 2026-04-03
ev 30 forward prospect qualify 2026-04-06
ev 30 forward qualify discover 2026-04-09
ev 30 forward discover present 2026-04-12
ev 30 forward present propose 2026-04-15
ev 30 forward propose negotiate 2026-04-18
ev 30 forward negotiate close 2026-06-20 "CFO signed"
ev 30 lost close close 2026-07-03 price

# --- 31-33: won ---------------------------------------------------------------------------
# 31 (cy, 10000.00): created 04-04, then every 10 days one stage on: qualify 04-14,
#    discover 04-24, present 05-04, propose 05-14, negotiate 05-24, close 06-03, won 06-13
#    (ovr: won passes the last gate). Seven stays of 10. Cycle: Apr 4 -> Jun 13 =
#    26 + 31 + 13 = 70.
# 32 (bob, 20000.00): created 02-01, present 02-20 (skips qualify, discover), close
#    05-01 (skips propose, negotiate), won 05-11. Stays in the period: present 70
#    (Feb 20 -> Mar 1: 9, -> May 1: 31 + 30 = 61), close 10; prospect 19 ended before it.
#    Cycle: Feb 1 -> May 11 = 28 + 31 + 30 + 10 = 99.
# 33 (6000.00, imported, won): entered prospect 04-10, close 05-20, won (closed) 06-05.
#    Stays: prospect 40 (Apr 10 -> May 20: 20 + 20), close 16 (May 20 -> Jun 5: 11 + 5).
#    Created = its first entry, 04-10. Cycle: Apr 10 -> Jun 5 = 20 + 31 + 5 = 56.
deal 31 cy 10000.00
ev 31 create - prospect 2026-04-04
ev 31 forward prospect qualify 2026-04-14
ev 31 forward qualify discover 2026-04-24
ev 31 forward discover present 2026-05-04
ev 31 forward present propose 2026-05-14
ev 31 forward propose negotiate 2026-05-24
ev 31 forward negotiate close 2026-06-03
ev 31 won close close 2026-06-13 "signed early"
deal 32 bob 20000.00
ev 32 create - prospect 2026-02-01
ev 32 forward prospect present 2026-02-20
ev 32 forward present close 2026-05-01
ev 32 won close close 2026-05-11
{
	echo "$IMPORT_HEADER"
	echo "EXT-33,Deal 33,Account 33,ann,close,6000.00,won,2026-06-05 10:00:00,,2026-04-10 10:00:00,,,2026-05-20 10:00:00"
} >"$T_DIR/import33.csv"
t_run "import deal 33, won, with its history" 0 import deals "$T_DIR/import33.csv"

# --- 34-40: lost --------------------------------------------------------------------------
# 34 (500.00): created 04-20, lost from prospect 05-05, no_budget. Stay prospect 15.
# 35 (7000.00): created 04-25, qualify 05-01, discover 05-10, lost from discover 06-01,
#    lost_to_competitor. Stays: prospect 6, qualify 9, discover 22 (May 10 -> Jun 1).
# 36 (1500.00): created 01-10, qualify 02-10, lost from qualify 2026-04-02 09:00, timing.
#    Stay qualify 51 (Feb 10 -> Mar 10: 28, -> Apr 2: 23), ended inside the period.
# 37 (900.00): created 01-05, lost from prospect 03-15, price: before the period.
# 38 (cy, 4500.00): created 05-01, qualify 05-03, discover 05-06, present 05-10 (ovr),
#    lost from present 06-15, price. Stays: prospect 2, qualify 3, discover 4, present 36
#    (May 10 -> Jun 15: 21 + 15).
# 39 (100.00): created 05-12, lost from prospect 05-19 with 'budget_cut', a code the
#    process does not have. Stay prospect 7.
# 40 (3300.00): created 04-15, discover 04-25 (skipping qualify), BACK to qualify 05-05
#    (its first entry into qualify), discover 05-15, present 05-25, lost from present
#    06-10, price. Stays: prospect 10, discover 10, qualify 10, discover 10, present 16
#    (May 25 -> Jun 10: 6 + 10).
deal 34 ann 500.00
ev 34 create - prospect 2026-04-20
ev 34 lost prospect prospect 2026-05-05 no_budget
deal 35 ann 7000.00
ev 35 create - prospect 2026-04-25
ev 35 forward prospect qualify 2026-05-01
ev 35 forward qualify discover 2026-05-10
ev 35 lost discover discover 2026-06-01 lost_to_competitor
deal 36 ann 1500.00
ev 36 create - prospect 2026-01-10
ev 36 forward prospect qualify 2026-02-10
ev 36 lost qualify qualify "2026-04-02 09:00:00" timing
deal 37 ann 900.00
ev 37 create - prospect 2026-01-05
ev 37 lost prospect prospect 2026-03-15 price
deal 38 cy 4500.00
ev 38 create - prospect 2026-05-01
ev 38 forward prospect qualify 2026-05-03
ev 38 forward qualify discover 2026-05-06
ev 38 forward discover present 2026-05-10 "demo skipped"
ev 38 lost present present 2026-06-15 price
deal 39 ann 100.00
ev 39 create - prospect 2026-05-12
ev 39 lost prospect prospect 2026-05-19 budget_cut
deal 40 ann 3300.00
ev 40 create - prospect 2026-04-15
ev 40 forward prospect discover 2026-04-25
ev 40 back discover qualify 2026-05-05
ev 40 forward qualify discover 2026-05-15
ev 40 forward discover present 2026-05-25
ev 40 lost present present 2026-06-10 price
sync_deals

# The fixture is what the comments say.
t_eq "40 deals, 24 and 33 imported" \
	"$(t_sql "SELECT (SELECT count(*) FROM deals), group_concat(id) FROM deals
		WHERE external_id IS NOT NULL")" "40|24,33"
t_eq "the import wrote deal 24's history, imported, with the stays it ends" \
	"$(t_sql "SELECT kind, coalesce(from_stage, '-'), stage, at, coalesce(from_entered_at, '-'),
		imported FROM stage_events WHERE deal_id = 24 ORDER BY at" | tr '\n' ';')" \
	"create|-|prospect|2026-03-01 10:00:00|-|1;forward|prospect|qualify|2026-03-20 10:00:00|2026-03-01 10:00:00|1;forward|qualify|discover|2026-04-15 10:00:00|2026-03-20 10:00:00|1;"
t_eq "the import wrote deal 33's history: a forward move, then won" \
	"$(t_sql "SELECT kind, stage, status, at, imported FROM stage_events WHERE deal_id = 33
		ORDER BY at" | tr '\n' ';')" \
	"create|prospect|open|2026-04-10 10:00:00|1;forward|close|open|2026-05-20 10:00:00|1;won|close|won|2026-06-05 10:00:00|1;"
t_eq "deal 33 created at its first entry" "$(t_sql "SELECT created_at, closed_at FROM deals WHERE id = 33")" \
	"2026-04-10 10:00:00|2026-06-05 10:00:00"
t_eq "deal rows follow their history (19 reopened, 26 won, 30 lost after T)" \
	"$(t_sql "SELECT id, stage, status, stage_entered_at, coalesce(closed_at, ''),
		coalesce(lost_reason, '') FROM deals WHERE id IN (19, 26, 30) ORDER BY id" | tr '\n' ';')" \
	"19|qualify|open|2026-06-01 10:00:00||;26|propose|won|2026-07-05 10:00:00|2026-07-20 10:00:00|;30|close|lost|2026-06-20 10:00:00|2026-07-03 10:00:00|price;"

# === Main view: as of 2026-06-30, the default period 2026-04-02 .. 2026-06-30 =============
stats 2026-06-30
cp "$OUT" "$T_DIR/main.csv"
t_eq "CSV header" "$(head -1 "$OUT")" "section,stage,metric,value"
# One line per metric, in the contract's order: aging, duration, conversion (stage by
# stage, process order), summary, lost reasons (the process's, then budget_cut).
want_keys=$(
	for sec in aging duration conversion; do
		for s in $STAGES; do
			for m in $(names_of $sec); do echo "$sec,$s,$m"; done
		done
	done
	for m in $SUMMARY; do echo "summary,,$m"; done
	for r in $REASONS budget_cut; do echo "lost_reasons,,$r"; done
)
t_eq "every metric once, in order (7x7 aging, 7x3 duration, 7x3 conversion, 12, 9)" \
	"$(sed 1d "$OUT" | cut -d, -f1-3)" "$want_keys"

# --- aging at T ---------------------------------------------------------------------------
# prospect: deals 1-11, days 0 1 3 5 8 13 14 20 29 30 40 (n = 11).
#   amount 100 + 200 + ... + 1100 = 100 x 66 = 6600.00
#   median: the 6th = 13.0; p90: ceil(0.9 x 11) = ceil(9.9) = 10th = 30; max 40
#   over_warn (>= 14): 14 20 29 30 40 = 5; over_rot (>= 30): 30 40 = 2
row aging prospect 11 6600.00 13.0 30 40 5 2
# qualify: 12-21, days 2 4 6 10 14 15 21 29 33 50 (n = 10).
#   amount 1000 + 2000 + ... + 7000 (= 28000) + 2500 + 9000 + 10000 = 49500.00
#   median (14 + 15) / 2 = 14.5; p90: ceil(9.0) = 9th = 33; max 50
#   over_warn (>= 14): 14 15 21 29 33 50 = 6; over_rot (>= 30): 33 50 = 2
row aging qualify 10 49500.00 14.5 33 50 6 2
# discover: 22 (71), 23 (25), 24 (76), 25 (4): sorted 4 25 71 76 (n = 4).
#   amount 2500.50 + 3000.00 + 4000.00 + 5000.25 = 14500.75
#   median (25 + 71) / 2 = 48.0; p90: ceil(3.6) = 4th = 76; max 76
#   over_warn (>= 21): 25 71 76 = 3; over_rot (>= 45): 71 76 = 2
row aging discover 4 14500.75 48.0 76 76 3 2
# present: 26 only (won now, but in present at T): 41 days >= 14 and >= 30.
row aging present 1 8000.00 41.0 41 41 1 1
# propose: 28, 59 days.
row aging propose 1 12000.00 59.0 59 59 1 1
# negotiate: 29, 20 days: under warn 21.
row aging negotiate 1 20000.00 20.0 20 20 0 0
# close: 30 (lost now, open in close at T), 10 days.
row aging close 1 30000.00 10.0 10 10 0 0

# --- duration: stays that ended in 2026-04-02 .. 2026-06-30 ----------------------------------
# prospect, 22 stays (deal: days): 12:5 13:1 14:10 15:0 16:7 17:3 18:20 19:10 20:2 21:40
#   22:10 23:4 26:5 28:10 30:3 31:10 33:40 34:15 35:6 38:2 39:7 40:10
#   (not: 24, 29, 32, 36, 37 ended before 04-02; 9 ends after T)
#   sorted 0 1 2 2 3 3 4 5 5 6 7 | 7 10 10 10 10 10 10 15 20 40 40
#   median (7 + 7) / 2 = 7.0; sum 45 + 6 x 10 + 15 + 20 + 80 = 220; mean 220 / 22 = 10.0
row duration prospect 22 7.0 10.0
# qualify, 12 stays: 19:20 23:10 23:11 24:26 26:10 28:10 30:3 31:10 35:9 36:51 38:3 40:10
#   (29's ended 04-01 23:59:59, one second early)
#   sorted 3 3 9 10 10 10 | 10 10 11 20 26 51: median 10.0
#   sum 3 + 3 + 9 + 50 + 11 + 20 + 26 + 51 = 173; mean 173 / 12 = 14.416.. = 14.4
row duration qualify 12 10.0 14.4
# discover, 9 stays: 23:10 26:30 29:1 30:3 31:10 35:22 38:4 40:10 40:10 (two stays of 40)
#   sorted 1 3 4 10 [10] 10 10 22 30: median 10.0; sum 100; mean 100 / 9 = 11.1
row duration discover 9 10.0 11.1
# present, 7 stays: 28:10 29:38 30:3 31:10 32:70 38:36 40:16 (26's ends after T)
#   sorted 3 10 10 [16] 36 38 70: median 16.0; sum 183; mean 183 / 7 = 26.14.. = 26.1
row duration present 7 16.0 26.1
# propose, 3 stays: 29:31 30:3 31:10: median 10.0; mean 44 / 3 = 14.67 = 14.7
row duration propose 3 10.0 14.7
# negotiate, 2 stays: 30:63 31:10: median (10 + 63) / 2 = 36.5; mean 36.5
row duration negotiate 2 36.5 36.5
# close, 3 stays: 31:10 32:10 33:16 (30's is still running at T): median 10.0; mean 36 / 3 = 12.0
row duration close 3 10.0 12.0

# --- conversion: first entry into the stage within the period; advanced by T --------------
# prospect entered: 1-11 (11), 12-20 (9), 22 23 26 28 30 31 33 34 35 38 39 40 (12) = 32
#   (not: 21 created one second early, 24 29 32 36 37 before the period, 25 created in
#   discover, 27 after T). Advanced: 12-20 (9), 22 23 26 28 30 31 33 35 38 40 (10) = 19
#   (not advanced: 1-11, of which 9 moves on only after T; 34 and 39, lost).
#   19 / 32 = 0.59375 -> 0.5938 (half up)
row conversion prospect 32 19 0.5938
# qualify entered: 12-20 (9, 19 at 04-18; its reopen is not a first entry), 21, 23 26 28
#   30 31 35 38, 40 (by a move back) = 18 (22 32 33 skipped it; 24 29 36 before).
#   Advanced: 23 26 28 30 31 35 38 40 = 8 (23 went back, but reached discover first).
#   8 / 18 = 0.4444
row conversion qualify 18 8 0.4444
# discover entered: 22 23 24 25 26 30 31 35 38 40 = 10 (29 entered 1 s early; 28 32 33
#   skipped it). Advanced: 26 30 31 38 40 = 5 (23 only went back; 35 lost). 0.5000
row conversion discover 10 5 0.5000
# present entered: 26 28 29 30 31 38 40 = 7 (32 on 02-20). Advanced: 28 29 30 31 = 4
#   (26 moved on after T). 4 / 7 = 0.5714
row conversion present 7 4 0.5714
# propose: 28 29 30 31 = 4; advanced 29 30 31 = 3; 0.7500
row conversion propose 4 3 0.7500
# negotiate: 29 30 31 = 3; advanced 30 31 = 2; 0.6667
row conversion negotiate 3 2 0.6667
# close: 30 31 32 33 = 4; advanced (won) 31 32 33 = 3 (30 was lost, after T); 0.7500
row conversion close 4 3 0.7500

# --- summary ------------------------------------------------------------------------------
# open at T: 11 + 10 + 4 + 1 + 1 + 1 + 1 = 29
metric summary "" open_deals 29
# 6600.00 + 49500.00 + 14500.75 + 8000 + 12000 + 20000 + 30000 = 140600.75
metric summary "" open_amount 140600.75
# 6600 x 5% = 330.00; 49500 x 10% = 4950.00; 14500.75 x 20% = 2900.15; 8000 x 40% = 3200;
# 12000 x 60% = 7200; 20000 x 80% = 16000; 30000 x 90% = 27000. Sum = 61580.15
metric summary "" weighted_amount 61580.15
# won in the period and still won at T: 31 (06-13), 32 (05-11), 33 (06-05, imported) = 3
# (26 won after T).
metric summary "" won 3
# lost in the period, still lost at T: 34 35 36 38 39 40 = 6 (19 reopened; 37 before the
# period; 30 after T).
metric summary "" lost 6
# 3 / (3 + 6) = 0.3333
metric summary "" win_rate 0.3333
# (10000 + 20000 + 6000) / 3 = 12000.00
metric summary "" avg_won_amount 12000.00
# cycles 70 (31), 99 (32), 56 (33): sorted 56 70 99, median 70.0
metric summary "" median_cycle_days 70.0
# 29 x (1/3) x 12000 / 70 = 116000 / 70 = 1657.142.. = 1657.14
metric summary "" velocity_per_day 1657.14
# Recorded forward/won events in the period (imported 24, 33 and moves back excluded):
#   12-18, 20, 21: 1 each = 9; 19: 1 (10); 22: 1 (11); 23: 3 (14); 26: 3 (17); 28: 3 (20);
#   29: 3, not the 04-01 23:59:59 one (23); 30: 6 (29); 31: 6 + won (36); 32: 1 + won (38);
#   35: 2 (40); 38: 3 (43); 40: 3 (46). Overrides among them: 13 18 22 28 30 31 38 = 7
#   (29's is before the period). 7 / 46 = 0.15217.. = 0.1522
metric summary "" forward_moves 46
metric summary "" overrides 7
metric summary "" bypass_rate 0.1522

# --- lost reasons ---------------------------------------------------------------------------
# 34 no_budget, 35 lost_to_competitor, 36 timing, 38 and 40 price (not 19: reopened; not
# 37: before; not 30: after T), 39 budget_cut (not the process's: listed last).
metric lost_reasons "" no_budget 1
metric lost_reasons "" no_decision 0
metric lost_reasons "" lost_to_competitor 1
metric lost_reasons "" timing 1
metric lost_reasons "" poor_fit 0
metric lost_reasons "" price 2
metric lost_reasons "" other 0
metric lost_reasons "" budget_cut 1

# --- the text format shows the same values ----------------------------------------------------
t_run "text, as of 2026-06-30" 0 --as-of 2026-06-30 stats
t_squeeze <"$OUT" >"$T_DIR/text"
t_out "the default period named" "period 2026-04-02 to 2026-06-30"
# Each stage section's row "stage v1 v2 ...", each summary or reason line "name value",
# built from the CSV above, is a line of the text output.
for sec in aging duration conversion summary lost_reasons; do
	missing=""
	case $sec in
	summary | lost_reasons)
		lines=$(grep "^$sec,," "$T_DIR/main.csv" | cut -d, -f3- | tr , ' ') ;;
	*)
		lines=$(for s in $STAGES; do
			echo "$s $(grep "^$sec,$s," "$T_DIR/main.csv" | cut -d, -f4 | tr '\n' ' ')"
		done | t_squeeze) ;;
	esac
	while IFS= read -r l; do
		grep -qxF -- "$l" "$T_DIR/text" || missing="$missing [$l]"
	done <<EOF
$lines
EOF
	t_eq "text $sec: same values as the CSV" "$missing" ""
done
t_eq "text: hand-checked aging row" "$(grep -x 'qualify 10 49500.00 14.5 33 50 6 2' "$T_DIR/text")" \
	"qualify 10 49500.00 14.5 33 50 6 2"
t_eq "text: hand-checked summary line" "$(grep -x 'velocity_per_day 1657.14' "$T_DIR/text")" \
	"velocity_per_day 1657.14"

# A --to past T is cut at T: history after T (July) still does not count.
stats 2026-06-30 --from 2026-04-02 --to 2026-07-31
cp "$OUT" "$T_DIR/past_t.csv"
t_cmd "--to past T: the same figures as the main view" 0 cmp "$T_DIR/main.csv" "$T_DIR/past_t.csv"

# === --from 2026-05-01 --to 2026-05-31, as of 2026-06-30 =====================================
# Aging is still at T; the period figures are May's; "advanced" looks up to T, past --to.
stats 2026-06-30 --from 2026-05-01 --to 2026-05-31
row aging prospect 11 6600.00 13.0 30 40 5 2
# prospect stays ended in May: 20:2 21:40 23:4 33:40 34:15 35:6 38:2 39:7 (8)
#   sorted 2 2 4 6 | 7 15 40 40: median (6 + 7) / 2 = 6.5; sum 116; mean 14.5
row duration prospect 8 6.5 14.5
# qualify: 19:20 (lost 05-08) 23:10 35:9 38:3 40:10 (5): sorted 3 9 [10] 10 20: median 10.0;
#   mean 52 / 5 = 10.4
row duration qualify 5 10.0 10.4
# discover: 23:10 (back 05-25) 26:30 31:10 38:4 40:10 (back 05-05) 40:10 (6)
#   sorted 4 10 10 | 10 10 30: median 10.0; mean 74 / 6 = 12.33 = 12.3 (35's ends 06-01)
row duration discover 6 10.0 12.3
# present: 28:10 29:38 31:10 32:70: sorted 10 10 | 38 70: median 24.0; mean 128 / 4 = 32.0
row duration present 4 24.0 32.0
# propose: 31:10 only (29's ends 06-10). negotiate: none (31's ends 06-03, 30's 06-20).
row duration propose 1 10.0 10.0
row duration negotiate 0 0.0 0.0
# close: 32:10 (won 05-11); 33's ends 06-05.
row duration close 1 10.0 10.0
# prospect entered in May: 10 11 18 20 23 38 39 = 7; advanced 18 (06-09, after --to,
#   before T) 20 23 38 = 4; 4 / 7 = 0.5714
row conversion prospect 7 4 0.5714
# qualify: 20 21 23 35 38 40 = 6; advanced 23 35 38 40 = 4; 0.6667 (19's reopen is 06-01)
row conversion qualify 6 4 0.6667
# discover: 23 35 38, and 40 (its first entry within May: 05-15; it was first there
#   04-25) = 4; advanced 38 40 = 2; 0.5000
row conversion discover 4 2 0.5000
# present: 26 31 38 40 = 4; advanced 31 = 1; 0.2500
row conversion present 4 1 0.2500
# propose: 28 29 31 = 3; advanced 29 (negotiate 06-10, after --to) 31 = 2; 0.6667
row conversion propose 3 2 0.6667
# negotiate: 31 = 1, advanced (close 06-03); close: 32 33, both won. 1.0000 each.
row conversion negotiate 1 1 1.0000
row conversion close 2 2 1.0000
# won in May: 32 = 1. lost in May: 34 39 = 2 (19 reopened). win rate 1 / 3 = 0.3333;
# avg won 20000.00; cycle 99.0; velocity 29 x (1/3) x 20000 / 99 = 580000 / 297
# = 1952.86. Forward moves in May: 20 21 23(2) 26 28 29 31(3) 32(close, won) 35(2)
# 38(3) 40(2) = 1+1+2+1+1+1+3+2+2+3+2 = 19, one override (38 on 05-10): 1 / 19 = 0.0526.
row summary "" 29 140600.75 61580.15 1 2 0.3333 20000.00 99.0 1952.86 19 1 0.0526
metric lost_reasons "" no_budget 1
metric lost_reasons "" price 0
metric lost_reasons "" budget_cut 1

# === One day: --from 2026-06-01 --to 2026-06-01 ===============================================
# That day: 9 created in prospect, 19 reopened into qualify, 35 lost from discover.
stats 2026-06-30 --from 2026-06-01 --to 2026-06-01
# 35's discover stay of 22 days is the only stay ended that day.
row duration discover 1 22.0 22.0
row duration prospect 0 0.0 0.0
# 9 entered prospect (moves on only after T); 19 entered qualify by its reopening.
row conversion prospect 1 0 0.0000
row conversion qualify 1 0 0.0000
# No win, one loss: win rate 0 / 1 = 0.0000; no won deal: 0.00, 0.0; velocity 29 x 0 = 0.00;
# no forward move: bypass 0.0000. The open deals at T stay 29.
row summary "" 29 140600.75 61580.15 0 1 0.0000 0.00 0.0 0.00 0 0 0.0000
metric lost_reasons "" lost_to_competitor 1

# === --owner cy, as of 2026-06-30 (default period) ============================================
# cy's deals: 5 (prospect, 8 days, 500.00), 22 (discover, 71 days, 2500.50), 31 (won),
# 38 (lost, price).
stats 2026-06-30 --owner cy
row aging prospect 1 500.00 8.0 8 8 0 0
row aging discover 1 2500.50 71.0 71 71 1 1
row aging qualify 0 0.00 0.0 0 0 0 0
# stays: prospect 22:10 31:10 38:2 -> 3, median 10.0, mean 22 / 3 = 7.3;
#   qualify 31:10 38:3 -> median = mean = 6.5; discover 31:10 38:4 -> 7.0;
#   present 31:10 38:36 -> 23.0; propose, negotiate, close: 31's 10.
row duration prospect 3 10.0 7.3
row duration qualify 2 6.5 6.5
row duration discover 2 7.0 7.0
row duration present 2 23.0 23.0
row duration close 1 10.0 10.0
# entered prospect: 5 22 31 38, advanced 22 31 38: 0.7500; qualify: 31 38 (22 skipped it),
# both on: 1.0000; discover: 22 31 38, advanced 31 38: 0.6667; present: 31 38, 31 on: 0.5000
row conversion prospect 4 3 0.7500
row conversion qualify 2 2 1.0000
row conversion discover 3 2 0.6667
row conversion present 2 1 0.5000
row conversion close 1 1 1.0000
# open 2: 500.00 + 2500.50 = 3000.50; weighted 25.00 + 500.10 = 525.10; won 1 (31), lost 1
# (38): 0.5000; avg won 10000.00; cycle 70.0; velocity 2 x 0.5 x 10000 / 70 = 142.857 =
# 142.86; forward moves 22: 1 + 31: 7 + 38: 3 = 11, overrides 22, 31 (won), 38 = 3:
# 3 / 11 = 0.2727
row summary "" 2 3000.50 525.10 1 1 0.5000 10000.00 70.0 142.86 11 3 0.2727
metric lost_reasons "" price 1
metric lost_reasons "" no_budget 0

# === As of 2026-05-15: the pipeline as it stood then ==========================================
# Period: 2026-05-15 - 89 days = 2026-02-15 (May 15 -> May 1: 14, -> Apr 1: 30, -> Mar 1:
# 31, -> Feb 15: 14; 14 + 30 + 31 + 14 = 89). History after 05-15 23:59:59 is ignored:
# 1-18, 20, 25, 27 do not exist yet; 19 is lost (05-08, reopened only on 06-01); 32 is
# won; 34 36 37 are lost. Open, with days since the stage entry:
#   prospect: 33 (since 04-10: 20 + 15 = 35, 6000.00), 39 (since 05-12: 3, 100.00)
#   qualify: 21 (since 05-11: 4, 10000.00)
#   discover: 22 (04-20: 25, 2500.50), 23 (05-15 10:00: 0, 3000.00), 24 (04-15: 30,
#     4000.00), 26 (04-20: 25, 8000.00), 35 (05-10: 5, 7000.00), 40 (05-15: 0, 3300.00)
#   present: 38 (05-10: 5, 4500.00)
#   propose: 28 (05-02: 13, 12000.00), 29 (05-10: 5, 20000.00), 31 (05-14: 1, 10000.00)
#   negotiate: 30 (04-18: 12 + 15 = 27, 30000.00); close: none
stats 2026-05-15
# prospect: 3 35: median 19.0; p90 ceil(1.8) = 2nd = 35; warn 1, rot 1; 6100.00
row aging prospect 2 6100.00 19.0 35 35 1 1
row aging qualify 1 10000.00 4.0 4 4 0 0
# discover: 0 0 5 25 25 30: median (5 + 25) / 2 = 15.0; p90 ceil(5.4) = 6th = 30;
#   warn (>= 21) 3, rot (>= 45) 0; 2500.50 + 3000 + 4000 + 8000 + 7000 + 3300 = 27800.50
row aging discover 6 27800.50 15.0 30 30 3 0
row aging present 1 4500.00 5.0 5 5 0 0
# propose: 1 5 13: median 5.0; p90 ceil(2.7) = 3rd = 13; none >= 14; 42000.00
row aging propose 3 42000.00 5.0 13 13 0 0
row aging negotiate 1 30000.00 27.0 27 27 1 0
row aging close 0 0.00 0.0 0 0 0 0
# discover entered in 02-15 .. 05-15: 22 23 24 26 29 (04-01 23:59:59 is in this period)
#   30 31 35 38 40 = 10; advanced by 05-15: 29 30 31 38 = 4 (26 and 40 reach present only
#   after 05-15); 0.4000
row conversion discover 10 4 0.4000
# open 2 + 1 + 6 + 1 + 3 + 1 = 14; amount 6100 + 10000 + 27800.50 + 4500 + 42000 + 30000
# = 120400.50; weighted 305.00 + 1000.00 + 5560.10 + 1800.00 + 25200.00 + 24000.00
# = 57865.10. Won: 32 = 1; lost: 19 (price, still lost then) 34 36 37 = 4; win rate 1 / 5
# = 0.2000; avg 20000.00; cycle 99.0; velocity 14 x 0.2 x 20000 / 99 = 56000 / 99
# = 565.66. Forward moves: 21:1 19:1 22:1 23:2 26:2 28:3 29:4 30:5 31:4 32:3 35:2 38:3
# 40:2 = 33 (36's 02-10 is before the period); overrides 22 28 29 38 = 4: 0.1212
row summary "" 14 120400.50 57865.10 1 4 0.2000 20000.00 99.0 565.66 33 4 0.1212
metric lost_reasons "" price 2
metric lost_reasons "" no_budget 1
metric lost_reasons "" timing 1

# === Before anything: every figure is zero, in its format ====================================
stats 2025-12-31
t_eq "as of 2025-12-31 every value is zero" \
	"$(sed 1d "$OUT" | awk -F, '$4 !~ /^0(\.0+)?$/' | tr '\n' ' ')" ""
row aging prospect 0 0.00 0.0 0 0 0 0
row duration close 0 0.0 0.0
row conversion negotiate 0 0 0.0000
row summary "" 0 0.00 0.00 0 0 0.0000 0.00 0.0 0.00 0 0 0.0000
metric lost_reasons "" price 0

# === Usage errors ============================================================================
t_run "--from after --to" 2 --as-of 2026-06-30 stats --from 2026-06-10 --to 2026-06-01
t_err "says the period is backwards" "2026-06-10"
t_run "a malformed --from" 2 --as-of 2026-06-30 stats --from 2026-02-30
t_run "a malformed --to" 2 --as-of 2026-06-30 stats --to 06/01/2026
t_run "--format xml" 2 --as-of 2026-06-30 stats --format xml
t_err "names the formats" "csv"

# === History after T never counts ================================================================
# On a demo pipeline (moves back, jumps, losses from every stage) over all its
# history: a deal created after T changes no figure. (Conversion reads most
# deals' rows instead of their later events when nothing happened to them after
# T; the hand-worked views above hold both kinds of deal.)
export DEALDECK_DB="$T_DIR/demo.db"
t_run "a demo pipeline" 0 demo --deals 400
t_run "stats with no history after T" 0 --as-of 2099-12-31 stats --from 2000-01-01 --format csv
cp "$OUT" "$T_DIR/settled.csv"
t_sql "INSERT INTO deals (title, account, owner, stage, created_at, stage_entered_at, updated_at)
	VALUES ('Later', 'Later Inc', '$ME', 'prospect', '2100-01-05 09:00:00',
	'2100-01-05 09:00:00', '2100-01-05 09:00:00');
	INSERT INTO stage_events (deal_id, kind, stage, status, at, actor)
	VALUES (last_insert_rowid(), 'create', 'prospect', 'open', '2100-01-05 09:00:00', '$ME')"
t_run "the same with an event after T" 0 --as-of 2099-12-31 stats --from 2000-01-01 --format csv
cp "$OUT" "$T_DIR/unsettled.csv"
t_cmd "the same figures either way" 0 cmp "$T_DIR/settled.csv" "$T_DIR/unsettled.csv"
t_eq "and deals did advance" "$(grep -c '^conversion,.*,advanced,[1-9]' "$T_DIR/settled.csv")" 7
t_done
