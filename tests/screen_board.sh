#!/bin/sh
# The full-screen board in a real terminal (tmux) at 80x24, 120x40 and 200x60 on the
# demo pipeline: stage headers, the status line, column separators aligned on every
# row, the same text as `dealdeck board`, navigation, privacy, help, and quitting.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/screen_lib.sh"

"$DEALDECK" demo --seed 3 >"$OUT" 2>"$ERR" || t_fail "demo --seed 3" "$(cat "$ERR")"
LABELS="Prospect Qualify Discover Present Propose Negotiate Close"
CAP="$T_DIR/capture"

# The key table: "keys|help" per action, from ui/keys.h (what `?` must list).
sed -n 's/^[[:space:]]*X(A_[A-Z_]*, "[^"]*", "\([^"]*\)", "\([^"]*\)").*/\1|\2/p' \
	"$top_srcdir/ui/keys.h" >"$T_DIR/keys"
t_eq "ui/keys.h has its key table" "$(test -s "$T_DIR/keys" && echo yes)" "yes"

# marker_at: "ROW X" of the selection marker ▶ on the screen now (empty if none).
marker_at() {
	s_capture >"$CAP"
	s_seps "$CAP" "▶" | awk 'NF > 1 { print $1, $2; exit }'
}

# wait_marker NAME OLD: a check that the marker left OLD; prints nothing.
# Sets AT to where it is now.
wait_marker() {
	n=250
	while [ "$n" -gt 0 ]; do
		AT=$(marker_at)
		[ -n "$AT" ] && [ "$AT" != "$2" ] && { t_ok "$1 (marker at $AT)"; return 0; }
		n=$((n - 1))
		sleep "$S_POLL"
	done
	cp "$CAP" "$S_LAST"
	s_fail_screen "$1: the marker stayed at '$2'"
}

for size in 80x24 120x40 200x60; do
	W=${size%x*} H=${size#*x}
	s_start "$W" "$H" || continue
	s_wait_status "$S_READY" || continue
	s_capture >"$CAP"

	# --- what fits: stage headers from the first, with counts -----------------
	head=$(sed -n 2p "$CAP")
	shown=0 missing=
	for l in $LABELS; do
		n=$(t_sql "SELECT count(*) FROM deals WHERE status = 'open' AND stage = (SELECT key FROM stages WHERE label = '$l')")
		if printf '%s\n' "$head" | grep -qF "$l ($n)"; then
			[ -z "$missing" ] && shown=$((shown + 1))
		else
			missing="$missing $l"
		fi
	done
	seps=$(s_seps "$CAP" | awk '$1 == 1')
	ncols=$(printf '%s\n' "$seps" | wc -w) # the row number and the separators: one per column
	t_eq "$size: headers show the first $ncols stages with their deal counts" "$shown" "$ncols"
	if [ "$W" -ge 200 ]; then
		t_eq "$size: all seven stages fit" "$shown" 7
		t_eq "$size: no stage counted beyond either side" \
			"$(printf '%s\n' "$head" | grep -c '›\|‹')" 0
	else
		t_eq "$size: at least three stages fit" "$([ "$shown" -ge 3 ] && echo yes)" yes
		t_eq "$size: the header row counts the stages to the right" \
			"$(printf '%s\n' "$head" | grep -o '[0-9]* ›$')" "$((7 - shown)) ›"
		t_eq "$size: none to the left" "$(printf '%s\n' "$head" | grep -c '‹')" 0
	fi
	t_eq "$size: the status line has no lone stage arrows" \
		"$(sed -n "${H}p" "$CAP" | grep -c '›$\|^ *‹')" 0
	widths=$(printf '%s\n' "$seps" | awk -v w="$W" '{ x = 0; for (i = 2; i <= NF; i++) { printf "%d ", $i - x; x = $i } print w - x }')
	t_eq "$size: every column at least 24 wide ($widths)" \
		"$(printf '%s\n' "$widths" | awk '{ for (i = 1; i <= NF; i++) if ($i < 24) { print "no"; exit } print "yes" }')" yes
	t_eq "$size: the totals row has an amount and a weighted amount" \
		"$(sed -n 3p "$CAP" | grep -c ' w [0-9.]*[kM]*  5%')" 1

	# --- the status line ------------------------------------------------------
	last=$(sed -n "${H}p" "$CAP")
	for hint in "hjkl move" "> advance" "< back" "? help" "s people" "a plan" "t stats"; do
		t_eq "$size: the status line hints '$hint'" \
			"$(printf '%s\n' "$last" | grep -cF -- "$hint")" 1
	done

	# --- borders: every row's separators where the header's are ---------------
	s_seps "$CAP" >"$T_DIR/seps.txt"
	ref=$(awk '$1 == 1 { $1 = ""; sub(/^ /, ""); print; exit }' "$T_DIR/seps.txt")
	bad=$(awk -v ref="$ref" -v last="$((H - 2))" '
		{ row = $1; $1 = ""; sub(/^ /, ""); got[row] = $0 }
		END { for (r = 1; r <= last; r++) if (got[r] != ref) printf "row %d:%s (header:%s); ", r, got[r], ref }' \
		"$T_DIR/seps.txt")
	t_eq "$size: the separators of rows 1-$((H - 2)) line up with the header's ($ref)" "$bad" ""
	t_eq "$size: one separator between each pair of columns" \
		"$(echo "$ref" | wc -w | tr -d ' ')" "$((shown - 1))"

	# --- the same as `dealdeck board` at the same size --------------------------
	# Both come from the same layout and drawing code: the text is the screen,
	# status line (the key hints) and selection marker (the first card) included.
	"$DEALDECK" board --width "$W" --height "$H" >"$T_DIR/board.txt" 2>"$ERR"
	sed 's/ *$//' "$T_DIR/board.txt" >"$T_DIR/board.trim"
	sed 's/ *$//' "$CAP" >"$T_DIR/screen.trim"
	if cmp -s "$T_DIR/board.trim" "$T_DIR/screen.trim"; then
		t_ok "$size: 'dealdeck board --width $W --height $H' prints the screen"
	else
		t_fail "$size: 'dealdeck board --width $W --height $H' differs from the screen" \
			"$(diff "$T_DIR/board.trim" "$T_DIR/screen.trim" | head -20)"
	fi
	t_eq "$size: board text has $H lines" "$(wc -l <"$T_DIR/board.txt" | tr -d ' ')" "$H"

	# --- navigation moves the marker --------------------------------------------
	first=$(marker_at)
	t_eq "$size: the first card of the first stage is selected" "$first" "4 1"
	s_keys j
	wait_marker "$size: j moves the selection down" "$first"
	t_eq "$size: j selects the next card, one card (5 rows) lower" "$AT" "9 1"
	s_keys k
	wait_marker "$size: k moves it back up" "9 1"
	t_eq "$size: k selects the first card again" "$AT" "4 1"
	s_keys l
	wait_marker "$size: l moves to the next stage" "4 1"
	x2=$(($(echo "$ref" | cut -d' ' -f1) + 1))
	t_eq "$size: l selects a card of the second stage" "${AT#* }" "$x2"
	s_keys Left
	wait_marker "$size: Left moves back" "$AT"
	t_eq "$size: Left selects the first stage again" "${AT#* }" 1
	count=$(t_sql "SELECT count(*) FROM deals WHERE status = 'open' AND stage = 'prospect'")
	per=$(((H - 1 - 4) / 5)) # cards of 4 lines and a rule between the headers and the status line
	s_keys G
	if [ "$count" -gt "$per" ]; then
		t_screen "$size: G scrolls to the last card of the stage (▲ more above)" "▲"
		wait_marker "$size: G moves the selection" "4 1"
		t_eq "$size: G selects the last card, at the bottom" "$AT" "$((4 + 5 * (per - 1))) 1"
	else
		wait_marker "$size: G moves the selection" "4 1"
		t_eq "$size: G selects the last card" "$AT" "$((4 + 5 * (count - 1))) 1"
	fi
	s_keys g
	wait_marker "$size: g moves the selection" "$AT"
	t_eq "$size: g selects the first card" "$AT" "4 1"
	t_no_screen "$size: no ▲ at the top" "▲"
	if [ "$W" -lt 200 ]; then
		# Move right past the last column shown: the columns scroll.
		i=1
		while [ "$i" -le "$shown" ]; do s_keys l; i=$((i + 1)); done
		nxt=$(echo "$LABELS" | cut -d' ' -f$((shown + 1)))
		t_screen "$size: moving past the last column scrolls to $nxt" "$nxt ("
		head=$(s_row 1)
		t_eq "$size: the header row counts one stage to the left" \
			"$(printf '%s\n' "$head" | grep -o '^ *‹ [0-9]*' | tr -d ' ')" "‹1"
		left=$((7 - 1 - shown))
		if [ "$left" -gt 0 ]; then
			t_eq "$size: and $left to the right" \
				"$(printf '%s\n' "$head" | grep -o '[0-9]* ›$')" "$left ›"
		else
			t_eq "$size: and none to the right" "$(printf '%s\n' "$head" | grep -c '›')" 0
		fi
		t_no_screen "$size: the first stage scrolled away" "Prospect ("
		s_keys g
		i=1
		while [ "$i" -le "$shown" ]; do s_keys h; i=$((i + 1)); done
		t_screen "$size: and back" "Prospect ("
	fi

	# --- $ hides amounts ----------------------------------------------------------
	s_keys '$'
	t_status "$size: \$ says amounts hidden on the status line" "amounts hidden"
	s_capture >"$CAP"
	t_eq "$size: the title bar says amounts hidden" "$(sed -n 1p "$CAP" | grep -cF '[amounts hidden]')" 1
	t_eq "$size: no amount with a thousands separator left on screen" \
		"$(grep -E '[0-9],[0-9]{3}' "$CAP")" ""
	t_eq "$size: no won/lost amount in the title bar" "$(sed -n 1p "$CAP" | grep -E '\([0-9.]+[kM]?\)')" ""
	t_eq "$size: no column totals" "$(grep -cE ' w [0-9.]+[kM]? ' "$CAP")" 0
	t_eq "$size: cards show ••• for the amount" "$(grep -c '•••' "$CAP" | awk '{ print ($1 > 0) }')" 1
	s_keys '$'
	t_status "$size: \$ again shows amounts" "amounts shown"
	s_capture >"$CAP"
	t_eq "$size: amounts are back on the cards" "$(grep -cE '[0-9],[0-9]{3}' "$CAP" | awk '{ print ($1 > 0) }')" 1
	t_no_screen "$size: the title bar no longer says hidden" "[amounts hidden]"

	# --- ? lists every key, in one column that scrolls -------------------------------
	before=$(marker_at)
	s_keys '?'
	if s_wait "any other key closes"; then
		s_pages "$T_DIR/help"
		missing=
		while IFS='|' read -r keys help; do
			grep -F -- "$help" "$T_DIR/help" | grep -qF -- "$keys" ||
				missing="$missing [$keys: $help]"
		done <"$T_DIR/keys"
		t_eq "$size: ? lists every key action of ui/keys.h with its keys, whole ($(wc -l <"$T_DIR/keys" | tr -d ' '))" "$missing" ""
		s_keys l
		s_wait_gone "any other key closes" && t_ok "$size: another key (l) closes the help"
		t_eq "$size: the key that closed the help did nothing else" "$(marker_at)" "$before"
		s_keys '?'
		s_wait "any other key closes"
		s_keys x
		s_wait_gone "any other key closes" && t_ok "$size: an unbound key (x) closes it too"
	fi

	# --- q leaves the terminal as it was ----------------------------------------------
	fresh=$(s_fresh_modes)
	t_eq "$size: the board runs on the alternate screen" "$(s_modes | cut -d' ' -f1)" "alternate=1"
	s_keys q
	t_screen "$size: q quits with status 0" "EXITED:0"
	s_capture >"$CAP"
	t_eq "$size: the shell's screen is back (the line printed before the board)" \
		"$(grep -c "^$S_BEFORE\$" "$CAP")" 1
	t_eq "$size: no board left on the screen" "$(grep -cE 'Prospect|│|arrows/hjkl' "$CAP")" 0
	t_eq "$size: terminal modes as a fresh terminal's" "$(s_modes)" "$fresh"
	s_stop
done

# --- [keys] remaps a key: x moves down, j no longer does, help shows x ----------------
printf '[keys]\ndown = x\n' >"$T_DIR/keys.ini"
S_ARGS="--config $T_DIR/keys.ini"
s_start 120 40
s_wait_status "$S_READY"
m0=$(s_marker)
s_keys x
if s_wait_marker_moved "$m0"; then t_ok "[keys] down = x: x moves down"; else t_fail "[keys] down = x: x moves down"; fi
m1=$(s_marker | cut -d: -f1)
s_keys j '?'
s_wait "any other key closes"
t_eq "[keys] down = x: j no longer moves" "$(s_marker | cut -d: -f1)" "$m1"
t_eq "help lists x for down" "$(s_capture | grep -c ' x  *select the card below')" 1
t_eq "help's title names x for scrolling" "$(s_row_of "xk scroll, any other key closes" | grep -c .)" 1
s_keys Escape q
t_screen "quits after remapping" "EXITED:0"
s_stop
S_ARGS=

t_done
