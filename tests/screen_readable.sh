#!/bin/sh
# Nothing cut silently, nothing shown that privacy hides, and keys that do what
# the screen says, in a real terminal (tmux) at 80x24, 120x40 and 200x60: the
# detail view wraps long text and scrolls; help is one column with a legend of
# every card marker; the plan pane gives a step's title its own line; a gate
# form's title keeps its move; $ hides every amount on every screen (no digit
# group of a known amount anywhere) and an edit leaves a hidden amount alone;
# the status line lists the keys of what has the focus; n in the committee pane
# adds a person exactly when the pane says so; d and Space are remappable; a
# screen too small says so and comes back with what was open.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/screen_lib.sh"

CAP="$T_DIR/capture"
ALL="$T_DIR/all" # every screen captured while amounts are hidden
WEEK=$(t_day 7)

# --- a pipeline with long texts and amounts whose digit groups are unmistakable --------
"$DEALDECK" init >/dev/null 2>"$ERR" || t_fail "init" "$(cat "$ERR")"
LONG=$("$DEALDECK" add --title "Nordwind Logistik — fleet telematics rollout for the whole northern region, phase two ENDOFTITLE" \
	--account "Nordwind Logistik GmbH" --amount 734519)
"$DEALDECK" edit "$LONG" --next-step "Send the revised order form with the three-year price schedule and the security annex to procurement ENDOFNEXT" \
	--next-step-due "$WEEK" --success-criteria "Every depot runs the agents, dispatch sees live positions and fuel use drops by eight percent ENDOFCRIT" >/dev/null
"$DEALDECK" plan add "$LONG" --title "Security review of the telematics agents by the buyer's IT team ENDOFSTEP" \
	--owner buyer --who "Ann Chu" --due "$WEEK" >/dev/null
"$DEALDECK" plan add "$LONG" --title "Pilot sign-off" --owner joint --who "Bo Diaz" --due "$(t_day 9)" >/dev/null
"$DEALDECK" stakeholder add "$LONG" --name "Ann Chu" --role champion >/dev/null
EMPTY=$("$DEALDECK" add --title "Quarry upgrade" --account Quarry --amount 386731)
"$DEALDECK" add --title "Harbor pilot" --account Harbor --amount 452963 >/dev/null
WON=$("$DEALDECK" add --title "Won deal" --account Wonco --amount 261847)
"$DEALDECK" move "$WON" won --override "the buyer signed on paper last week" >/dev/null 2>"$ERR" ||
	t_fail "move to won" "$(cat "$ERR")"
LOST=$("$DEALDECK" add --title "Lost deal" --account Lostco --amount 947291)
"$DEALDECK" lost "$LOST" --reason price >/dev/null
GROUPS="734 519 386 731 452 963 261 847 947 291"

# no_amounts NAME FILE: no digit group of a known amount, no thousands-separated
# number and no short amount (34k, 1.2M) in the captured screens.
no_amounts() {
	bad=
	for g in $GROUPS; do
		grep -qE "(^|[^0-9])$g([^0-9]|\$)" "$2" && bad="$bad $g"
	done
	grep -qE '[0-9]{4,}\.[0-9]{2}|[0-9],[0-9]{3}' "$2" && bad="$bad thousands"
	grep -qE '(^|[ (])[0-9]+(\.[0-9])?[kM]([^a-z]|$)' "$2" && bad="$bad short"
	if [ -z "$bad" ]; then
		t_ok "$1"
	else
		t_fail "$1: amounts on screen:$bad" "$(grep -nE "$(echo "$GROUPS" | tr ' ' '|')|[0-9],[0-9]{3}|[0-9][kM]" "$2" | head -5)"
	fi
}

# inner FILE: the rows of a box that spans the screen, its outer columns dropped
# (the board shows there).
inner() { sed -e 's/^.//' -e 's/.$//' "$1"; }

# The side pane is the box at the right: its inside is what lies between the last two │.
p_text() { sed -n 's/.*│\(.*\)│ *$/\1/p' "$1"; }

# status: the last line of the screen.
status() { s_capture | tail -n 1; }

# t_status_has NAME TEXT...: the status line lists every TEXT.
t_status_has() {
	name=$1
	shift
	s_poll_status "$1" 5
	line=$(status) miss=
	for h in "$@"; do
		case $line in *"$h"*) ;; *) miss="$miss [$h]" ;; esac
	done
	t_eq "$name" "$miss" ""
}

s_start 80 24
s_wait_status "$S_READY"
for size in 80x24 120x40 200x60; do
	W=${size%x*} H=${size#*x}
	s_resize "$W" "$H"
	s_wait_status "$S_READY"
	s_select "Nordwind"

	# --- the board's hint line: s, a and t, and ? first ----------------------------
	t_status_has "$size: the board's hint line lists ? help, s, a and t" \
		"? help" "s people" "a plan" "t stats" "> advance"

	# --- the detail view: every long text whole, wrapped under its label ----------
	s_keys Enter
	if s_wait "Deal (arrows scroll"; then
		t_status_has "$size: the status line lists the detail view's keys" "jk scroll" "Esc close"
		s_pages "$T_DIR/detail"
		for end in ENDOFTITLE ENDOFNEXT ENDOFCRIT ENDOFSTEP; do
			t_eq "$size: the detail view shows the end of a long text ($end)" \
				"$(grep -c "$end" "$T_DIR/detail" | awk '{ print ($1 > 0) }')" 1
		done
		t_eq "$size: nothing in the detail view is cut with …" \
			"$(inner "$T_DIR/detail" | grep -c '…')" 0
		if [ "$W" -eq 80 ]; then
			value=$(grep -m1 'next step:' "$T_DIR/detail" | awk '{ print index($0, "Send") }')
			cont=$(grep -m1 'ENDOFNEXT' "$T_DIR/detail" | awk '{ match($0, /│ +[^ ]/); print RSTART + RLENGTH - 1 }')
			t_eq "80x24: the next step wraps under its value, not its label" "$cont" "$value"
			t_eq "80x24: the box says there is more below, then less" \
				"$(grep -c '▼ [0-9]* more ─*┘' "$T_DIR/detail" | awk '{ print ($1 > 0) }')$(s_capture | grep -c '▲ [0-9]* more')" 11
		fi
		s_keys Escape
		s_wait_gone "Deal (arrows scroll"
	fi

	# --- the plan pane: a step's title on its own line, with who set ---------------
	s_keys a
	if s_wait "Mutual action plan"; then
		s_capture >"$CAP"
		t_eq "$size: the plan pane shows the step's who" \
			"$(p_text "$CAP" | grep -c "open $WEEK buyer  Ann Chu")" 1
		t_eq "$size: the step's title on its own line under it" \
			"$(p_text "$CAP" | grep -A1 "open $WEEK buyer  Ann Chu" | tail -n 1 | grep -c '^ *Security review')" 1
		t_eq "$size: a short title whole on its line" "$(p_text "$CAP" | grep -cx ' *Pilot sign-off *')" 1
		s_keys Tab
		t_status_has "$size: the focused plan pane's keys on the status line" \
			"n add" "e edit" "d delete" "Space done" "Tab board" "Esc close"
		s_keys Escape
		s_wait_gone "Mutual action plan"
	fi

	# --- a gate form's title keeps the move ------------------------------------------
	s_keys '>'
	if s_wait "Esc cancel"; then
		t_screen "$size: the gate form's title shows its move" "Prospect → Qualify"
		t_screen "$size: and the end of the long deal title" "ENDOFTITLE"
		t_status_has "$size: the form's keys on the status line" "Tab next" "Esc cancel"
		s_keys Escape
		s_wait_gone "Esc cancel"
	fi

	# --- help: one column, every key and every marker, nothing cut ------------------
	s_keys '?'
	if s_wait "any other key closes"; then
		t_status_has "$size: the help's keys on the status line" "jk scroll" "Esc close"
		t_eq "$size: the title bar stays in view above the help" "$(s_row 0 | grep -c '^ dealdeck')" 1
		s_pages "$T_DIR/help"
		sed -n 's/^[[:space:]]*X(A_[A-Z_]*, "[^"]*", "[^"]*", "\([^"]*\)").*/\1/p' \
			"$top_srcdir/ui/keys.h" >"$T_DIR/helps"
		sed -n 's/^[[:space:]]*{"[^"]*", [^,]*, "\([^"]*\)"},$/\1/p' "$top_srcdir/ui/legend.c" \
			>>"$T_DIR/helps"
		miss=
		while IFS= read -r h; do
			grep -qF -- "$h" "$T_DIR/help" || miss="$miss [$h]"
		done <"$T_DIR/helps"
		t_eq "$size: every key and marker explained whole ($(wc -l <"$T_DIR/helps" | tr -d ' '))" "$miss" ""
		t_eq "$size: one column: no line explains two things" \
			"$(while IFS= read -r h; do grep -F -- "$h" "$T_DIR/help" | sort -u; done <"$T_DIR/helps" | sort | uniq -d | wc -l | tr -d ' ')" 0
		miss=
		for m in "EB✓ EB✗" "CH✓ CH✗" "w " "warn" "ROT" "next late" "plan N/M" "single" "no next" \
			"‹ 2 3 ›" "+N" "WON LOST" "N late" "no-contacts"; do
			grep -qE "│ $m  " "$T_DIR/help" || grep -qF "│ $m " "$T_DIR/help" || miss="$miss [$m]"
		done
		t_eq "$size: the legend names every card marker" "$miss" ""
		s_keys Escape
		s_wait_gone "any other key closes"
	fi
done

# --- pane key routing: what the committee pane says is what n does ----------------------
s_resize 120 40
s_wait_status "$S_READY"
s_select "Quarry upgrade"
s_keys s
t_screen "the empty committee says Tab comes first" "Tab, then n adds"
s_keys n
t_screen "n before Tab: the board's key, a new deal, as the pane said" "New deal (in the first stage)"
s_keys Escape
s_wait_gone "Esc cancel"
s_keys Tab
t_screen "with the keys in the pane it says n adds a person" "nobody mapped yet: n adds a person"
t_status_has "the committee pane's keys on the status line" "n add" "e edit" "d delete" "Tab board"
t_eq "no Space on the committee's hint line" "$(status | grep -c 'Space')" 0
s_keys n
if s_wait "Add a stakeholder"; then
	t_ok "n in the focused committee pane adds a person"
	s_type "Cy Ng"
	s_keys Enter Enter Enter Enter Enter Enter Enter
	s_wait_gone "Add a stakeholder"
	t_eq "the person is written" "$(t_sql "SELECT name FROM stakeholders WHERE deal_id = $EMPTY")" "Cy Ng"
fi
s_keys d
t_screen "d asks before deleting (the key table's delete)" "Delete Cy Ng?"
s_keys Escape
s_wait_gone "Esc cancel"
s_keys Escape
s_wait_gone "Buying committee"

# --- $: no amount on any screen ----------------------------------------------------------
: >"$ALL"
s_keys '$'
s_wait_status "amounts hidden"
for size in 80x24 120x40 200x60; do
	W=${size%x*} H=${size#*x}
	s_resize "$W" "$H"
	s_wait "[amounts hidden]"
	s_select "Nordwind"
	s_capture >>"$ALL"
	s_keys Enter
	s_wait "Deal (arrows scroll" && s_pages "$T_DIR/detail" && cat "$T_DIR/detail" >>"$ALL"
	t_eq "$size: the detail view says the amount is hidden" "$(grep -c 'amount: .*(hidden)' "$T_DIR/detail" | awk '{ print ($1 > 0) }')" 1
	s_keys Escape
	s_wait_gone "Deal (arrows scroll"
	s_keys e
	s_wait "Edit deal" && s_wait "Esc cancel"
	t_screen "$size: the edit form's amount shows hidden" "amount (hidden)  •••"
	s_capture >>"$ALL"
	s_keys Escape
	s_wait_gone "Esc cancel"
	for pane in s a; do
		s_keys "$pane"
		s_wait "┌─ " && s_capture >>"$ALL"
		s_keys Escape
	done
	s_wait_status "$S_READY"
	s_keys '>'
	s_wait "Esc cancel" && s_capture >>"$ALL"
	s_keys Escape
	s_wait_gone "Esc cancel"
	s_keys t
	if s_wait "Stage aging"; then
		s_capture >>"$ALL"
		s_keys NPage && sleep 0.3 && s_capture >>"$ALL"
		s_keys NPage && sleep 0.3 && s_capture >>"$ALL"
		s_keys t
		s_wait_gone "Stage aging"
	fi
	s_wait_status "$S_READY"
done
t_eq "the captures hold every screen (board, detail, edit, panes, gate, stats)" \
	"$(grep -c 'Buying committee\|Mutual action plan\|Edit deal\|Stage aging\|success criteria\|Prospect → Qualify' "$ALL" | awk '{ print ($1 >= 6) }')" 1
no_amounts "privacy: no digit group of a known amount on any screen, at any size" "$ALL"

# An edit while the amount is hidden leaves it alone; typing over it changes it.
s_resize 80 24
s_wait_status "$S_READY"
s_select "Nordwind"
s_keys e
if s_wait "amount (hidden)"; then
	s_keys Tab Tab Tab # to close date
	s_type "2027-03-31"
	s_keys Enter Enter Enter Enter Enter # the last field (owner) submits
	s_wait_gone "Esc cancel"
	t_eq "a hidden, untouched amount is not written back; the close date is" \
		"$(t_sql "SELECT amount, close_date FROM deals WHERE id = $LONG")" "73451900|2027-03-31"
fi
s_keys e
if s_wait "amount (hidden)"; then
	s_keys Tab Tab C-u
	s_type "800000"
	s_keys Enter Enter Enter Enter Enter Enter
	s_wait_gone "Esc cancel"
	t_eq "typed over, the hidden amount is written" \
		"$(t_sql "SELECT amount FROM deals WHERE id = $LONG")" "80000000"
fi
s_keys '$'
s_wait_status "amounts shown"

# --- a screen too small says so, and what was open comes back ---------------------------
s_keys Enter
s_wait "Deal (arrows scroll"
s_resize 25 8
t_screen "too small: it says so" "terminal too small"
t_no_screen "too small: the detail view is not drawn over the message" "Deal (arrows"
s_resize 80 24
t_screen "large again: the detail view is back" "Deal (arrows scroll"
s_keys Escape
s_wait_gone "Deal (arrows scroll"
s_keys s Tab
s_wait "(focus)"
s_resize 25 8
t_screen "too small with a pane: the message" "terminal too small"
t_no_screen "too small: no pane over it" "Buying committee"
s_resize 80 24
t_screen "large again: the pane is back, keys in it" "Buying committee (focus)"
s_keys q
t_screen "q quits" "EXITED:0"
s_stop

# --- d and Space are rows of the key table: [keys] moves them ----------------------------
printf '[keys]\ndelete = D\ndone = x\n' >"$T_DIR/keys.ini"
S_ARGS="--config $T_DIR/keys.ini"
s_start 120 40
s_wait_status "$S_READY"
s_select "Nordwind"
s_keys a Tab
s_wait "(focus)"
t_status_has "[keys]: the plan pane's hint line shows the keys as bound" "D delete" "x done"
s_keys x
t_status "[keys] done = x: x marks the step done" "step done"
t_eq "the step is done" "$(t_sql "SELECT done_at IS NOT NULL FROM plan_steps WHERE title LIKE 'Security review%'")" 1
s_keys k
t_status_has "a key in the pane clears the message: its keys are back" "D delete" "x done"
s_keys D
t_screen "[keys] delete = D: D asks to delete the step" "Delete Security review"
s_keys Escape
s_wait_gone "Esc cancel"
s_keys q
t_screen "q quits" "EXITED:0"
S_ARGS=

t_done
