#!/bin/sh
# A process applied while a board is open: the board builds its columns again
# (a stage added appears), a gate form built under the old process writes nothing,
# and the next gate form follows the new rules.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/screen_lib.sh"

"$DEALDECK" init >/dev/null 2>"$ERR" || t_fail "init" "$(cat "$ERR")"
A=$("$DEALDECK" add --title "Alpha rollout" --account Acme --amount 12000)
"$DEALDECK" stakeholder add "$A" --name "Ann Chu" --role champion >/dev/null
"$DEALDECK" process show >"$T_DIR/old.ini"

# A process with a stage "Scoping" after prospect, whose gate asks for nothing:
# prospect's evidence is dropped, so leaving prospect needs no buyer_engaged.
awk '
	/^stages = / { sub(/prospect, /, "prospect, scoping, ") }
	/^\[stage prospect\]/ { in_prospect = 1 }
	/^\[/ && !/^\[stage prospect\]/ { in_prospect = 0 }
	in_prospect && /^evidence = / { $0 = "evidence =" }
	/^\[evidence buyer_engaged\]/ { skip = 1; next }
	skip && /^\[/ { skip = 0 }
	skip { next }
	{ print }
	END { print "[stage scoping]"; print "label = \"Scoping\""; print "probability = 7"
	      print "warn_days = 7"; print "rot_days = 14"; print "evidence ="; print "checks =" }
' "$T_DIR/old.ini" >"$T_DIR/new.ini"

for size in "120 40" "80 24"; do
	set -- $size
	"$DEALDECK" process apply "$T_DIR/old.ini" >/dev/null 2>"$ERR" ||
		t_fail "${1}x$2: the old process back" "$(cat "$ERR")"
	s_start "$1" "$2"
	s_wait_status "$S_READY"
	t_no_screen "${1}x$2: no Scoping stage before" "Scoping"
	s_keys '>'
	t_screen "${1}x$2: the gate form asks for buyer_engaged under the old process" \
		"buyer_engaged"

	# The form stays open across the apply. Its stage 2 (Qualify) is the new
	# process's Scoping, whose gate asks nothing: submitting must not move it there.
	t_cmd "${1}x$2: a manager applies the new process while the board is open" 0 \
		"$DEALDECK" process apply "$T_DIR/new.ini"
	t_status "${1}x$2: the board says the process changed" "applied a new process"
	s_keys Enter Enter Enter
	t_status "${1}x$2: the form built under the old process is refused" \
		"a manager applied a new process: nothing was written"
	t_no_screen "${1}x$2: it closed" "Esc cancel"
	t_eq "${1}x$2: the deal did not move (to the new stage 2 or anywhere)" \
		"$(t_sql "SELECT stage || ' ' || version FROM deals WHERE id = $A")" "prospect 2"
	t_screen "${1}x$2: the added stage appears without a keypress" "Scoping"
	s_keys '>'
	t_screen "${1}x$2: the next gate form moves to the new stage" "Scoping"
	t_no_screen "${1}x$2: and no longer asks for buyer_engaged" "buyer_engaged"
	s_keys Escape
	s_keys q
	s_wait "EXITED:0"
	s_stop
done
t_eq "nothing moved" "$(t_sql "SELECT stage FROM deals WHERE id = $A")" "prospect"

t_done
