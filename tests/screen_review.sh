#!/bin/sh
# Review mode (r) in a real terminal (tmux) at 80x24, 120x40 and 200x60 on the demo
# pipeline: it opens on the first deal of `dealdeck review queue --format csv`, n/p and j/k
# walk the queue (the header's position and deal), the reasons and "no snapshot yet" show,
# the header's forecast is that of `dealdeck review forecast --format csv`, $ hides every
# amount (no money on screen), a long page scrolls, Esc goes back to the board on the deal
# shown; too small and back. Then on a small pipeline made with the CLI: an advance through
# the gate form from review mode with real evidence lands in the database, the deal leaves
# the queue and the position follows; a snapshot and another process's change show.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/screen_lib.sh"

DEMO="$T_DIR/demo.db"
"$DEALDECK" --db "$DEMO" demo --seed 3 >"$OUT" 2>"$ERR" || t_fail "demo --seed 3" "$(cat "$ERR")"
S_DB=$DEMO
QCSV="$T_DIR/queue.csv"
FCSV="$T_DIR/forecast.csv"
READY="Esc board" # on review mode's bottom line: a whole frame is on screen
MONEY='[0-9]{1,3}(,[0-9]{3})*\.[0-9]{2}'

# queue_ids: the queue's deal ids, in order, from `review queue --format csv` (ids lead).
queue_ids() { "$DEALDECK" --db "$S_DB" review queue --format csv | sed 1d | cut -d, -f1; }

# grouped AMOUNT: 118000.00 as the screen shows it, 118,000.00.
grouped() {
	printf '%s\n' "$1" | sed -e ':a' -e 's/^\([0-9]*[0-9]\)\([0-9]\{3\}\)/\1,\2/' -e 'ta'
}

# fc CATEGORY: the forecast's amount of a category, grouped.
fc() {
	grouped "$(awk -F, -v c="$1" '$1 == "totals" && $2 == c && $3 == "amount" { print $4 }' \
		"$FCSV")"
}

# head_is NAME ID POS: the header names deal ID at POS (e.g. 2/17).
head_is() {
	if s_poll "deal $2  $3" 5 && s_row 0 | grep -qF "deal $2  $3"; then
		t_ok "$1"
	else
		s_fail_screen "$1: the header lacks 'deal $2  $3'"
	fi
}

queue_ids >"$T_DIR/ids"
N=$(wc -l <"$T_DIR/ids" | tr -d ' ')
FIRST=$(sed -n 1p "$T_DIR/ids")
SECOND=$(sed -n 2p "$T_DIR/ids")
t_eq "the demo's queue has deals to walk" "$(test "$N" -ge 3 && echo yes)" yes
"$DEALDECK" --db "$DEMO" review queue --format csv >"$QCSV"
"$DEALDECK" --db "$DEMO" review forecast --format csv >"$FCSV"
FIRST_TITLE=$(t_sql "SELECT title FROM deals WHERE id = $FIRST" "$DEMO")
FIRST_AMOUNT=$(grouped "$(t_sql "SELECT printf('%.2f', amount / 100.0) FROM deals
	WHERE id = $FIRST" "$DEMO")")
# The first reason of the first deal, as the queue words it ("rotting: 33 days in ...").
FIRST_WHY=$(grep "^$FIRST," "$QCSV" | sed 's/^.*,"//; s/;.*//')
FORECAST="commit $(fc commit)  best case $(fc best_case)  pipeline $(fc pipeline)"

for size in 80x24 120x40 200x60; do
	W=${size%x*} H=${size#*x}
	s_start "$W" "$H"
	s_wait_status "$S_READY"
	s_keys r
	s_wait_status "$READY"
	t_screen "$size: r opens review mode" "review mode"
	head_is "$size: on the first queued deal, 1/$N" "$FIRST" "1/$N"
	t_screen "$size: its title" "$FIRST_TITLE"
	t_screen "$size: its amount" "$FIRST_AMOUNT USD"
	t_screen "$size: why it is queued, in words" "$FIRST_WHY"
	t_screen "$size: no snapshot yet" "no snapshot yet"
	t_eq "$size: the header's forecast is review forecast's" \
		"$(s_row 1 | grep -cF -- "$FORECAST")" 1
	s_keys n
	head_is "$size: n: the second deal, 2/$N" "$SECOND" "2/$N"
	s_keys p
	head_is "$size: p: back to 1/$N" "$FIRST" "1/$N"
	s_keys j
	head_is "$size: j: 2/$N" "$SECOND" "2/$N"
	s_keys k
	head_is "$size: k: 1/$N" "$FIRST" "1/$N"
	s_keys k
	t_status "$size: p on the first says so" "the start of the queue"
	head_is "$size: and stays on 1/$N" "$FIRST" "1/$N"

	# Privacy: no amount anywhere, the forecast's neither.
	s_keys '$'
	t_status "$size: \$ says amounts hidden" "amounts hidden"
	s_capture >"$T_DIR/cap"
	t_eq "$size: \$: no amount on screen" "$(grep -cE -- "$MONEY" "$T_DIR/cap")" 0
	t_eq "$size: \$: not the deal's amount" "$(grep -cF -- "$FIRST_AMOUNT" "$T_DIR/cap")" 0
	t_eq "$size: \$: the forecast hidden" \
		"$(grep -cF -- "commit •••  best case •••" "$T_DIR/cap")" 1
	if [ "$H" -le 24 ]; then
		s_keys G
		s_wait "▲"
		s_capture >"$T_DIR/cap"
		t_eq "$size: \$: none further down the page" "$(grep -cE -- "$MONEY" "$T_DIR/cap")" 0
		s_keys g
		s_wait_gone "▲"
	fi
	s_keys '$'
	t_status "$size: \$ again shows them" "amounts shown"
	t_screen "$size: the amount is back" "$FIRST_AMOUNT USD"

	# The page: committee, plan and history, scrolling when it does not fit.
	if [ "$H" -le 24 ]; then
		t_screen "$size: the page does not fit: ▼ says how much more" "▼"
		s_keys G
		t_screen "$size: G: the end of the page, ▲ above" "▲"
		t_screen "$size: the history is at the end" "History"
		s_keys g
		s_wait_gone "▲"
	fi
	s_keys a
	t_screen "$size: a: the plan" "Mutual action plan"
	s_keys s
	t_screen "$size: s: the committee" "Stakeholders ("

	# Esc: the board, on the deal shown (Enter opens it in the detail view).
	s_keys n
	head_is "$size: n before Esc" "$SECOND" "2/$N"
	s_keys Escape
	s_wait_gone "review mode" # "> advance" is on review mode's hint line too
	s_wait_status "$S_READY"
	t_no_screen "$size: Esc leaves review mode" "review mode"
	s_keys Enter
	t_screen "$size: the selected card is the deal review mode showed" "Deal $SECOND:"
	s_keys Escape
	s_wait_status "$S_READY"
	if [ "$W" -eq 80 ]; then
		s_keys r
		s_wait_status "$READY"
		s_resize 20 6
		t_screen "20x6: too small, it says so" "too small"
		s_resize 80 24
		t_status "back to 80x24: review mode again" "$READY"
		head_is "back to 80x24: on the same deal" "$FIRST" "1/$N"
		s_keys q
		s_wait_gone "review mode"
		s_wait_status "$S_READY"
	fi
	s_keys q
	t_screen "$size: q quits from the board" "EXITED:0"
done

# --- a small pipeline: an action from review mode ------------------------------------
DEALDECK_DB="$T_DIR/small.db"
export DEALDECK_DB
S_DB=$DEALDECK_DB
"$DEALDECK" init >/dev/null 2>"$ERR" || t_fail "init" "$(cat "$ERR")"
OLD=$(t_day -40)
# Alpha: rotting in prospect, nothing else (next step set, two stakeholders).
A=$("$DEALDECK" add --title "Alpha rollout" --account Acme --amount 12000 --created "$OLD" \
	--next-step "Call Ann" --next-step-due "$(t_day 5)")
"$DEALDECK" stakeholder add "$A" --name "Ann Chu" --role champion >/dev/null
"$DEALDECK" stakeholder add "$A" --name "Bo Diaz" --role economic_buyer >/dev/null
B=$("$DEALDECK" add --title "Beta pilot" --account Bolt --amount 5000)
C=$("$DEALDECK" add --title "Cobalt suite" --account Cobalt --amount 30000)
t_eq "the queue: Cobalt, Beta (two reasons each), Alpha (rotting)" \
	"$(queue_ids | tr '\n' ' ')" "$C $B $A "
WHAT="The buyer replied and booked a first call for Tuesday"
EV_DAY=$(t_day -3)

s_start 80 24
s_wait_status "$S_READY"
s_keys r
s_wait_status "$READY"
head_is "small: 1/3 is Cobalt" "$C" "1/3"
s_keys n n
head_is "small: n n: Alpha, 3/3" "$A" "3/3"
t_screen "small: Alpha is rotting" "rotting: 40 days in prospect"
s_keys '>'
if s_poll "Alpha rollout: Prospect → Qualify" 5; then
	t_ok "small: > opens the gate form for the deal shown"
	s_type "$WHAT"
	s_keys Tab Tab C-u
	s_type "$EV_DAY"
	s_keys Enter
	t_status "small: the gate form moved it" "deal $A moved to qualify"
	t_eq "small: the move and its evidence are in the database" \
		"$(t_sql "SELECT d.stage || '|' || e.what || '|' || e.acted_on FROM deals d
			JOIN evidence e ON e.deal_id = d.id WHERE d.id = $A")" \
		"qualify|$WHAT|$EV_DAY"
	t_eq "small: the CLI's queue lost Alpha" "$(queue_ids | tr '\n' ' ')" "$C $B "
	head_is "small: review mode read the queue again: Beta, 2/2" "$B" "2/2"
	t_screen "small: it says Alpha left the queue" "deal $A left the queue"
else
	s_fail_screen "small: > did not open the gate form"
fi
# A snapshot, then another process's change: what changed shows without a key.
"$DEALDECK" review snapshot --note "week 49" >/dev/null
s_keys p
head_is "small: p: Cobalt, 1/2" "$C" "1/2"
"$DEALDECK" edit "$C" --amount 45000 >/dev/null 2>"$ERR" || t_fail "edit" "$(cat "$ERR")"
t_screen "small: another process's change shows, against the snapshot" \
	"amount up: 30,000.00 USD → 45,000.00 USD"
s_keys Escape
s_wait_gone "review mode"
s_keys q
t_screen "small: quits" "EXITED:0"

# --as-of: the queue as of that day, read-only as the board is.
ASOF=$(t_day -1)
S_ARGS="--as-of $ASOF"
PAST=$("$DEALDECK" --as-of "$ASOF" review queue --format csv | sed -n 2p | cut -d, -f1)
PASTN=$("$DEALDECK" --as-of "$ASOF" review queue --format csv | sed 1d | wc -l | tr -d ' ')
s_start 120 40
s_wait_status "$S_READY"
s_keys r
s_wait_status "$READY"
head_is "--as-of: review mode shows the queue as of that day" "$PAST" "1/$PASTN"
s_keys '>'
t_status "--as-of: > opens no form, it says read-only" "read-only"
t_no_screen "--as-of: no gate form" "Esc cancel"
s_stop
t_done
