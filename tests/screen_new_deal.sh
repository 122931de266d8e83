#!/bin/sh
# The new-deal form (n): a live deal entered late gets its real start ("started
# on"), so the buyer's earlier actions can be recorded; a future start is refused
# inside the form and writes nothing.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/screen_lib.sh"

"$DEALDECK" init >/dev/null 2>"$ERR" || t_fail "init" "$(cat "$ERR")"
"$DEALDECK" add --title "Existing deal" --account Acme >/dev/null
STARTED=$(t_day -20)
TOMORROW=$(t_day 1)

for size in "80 24" "120 40"; do
	set -- $size
	title="Fleet $1x$2"
	s_start "$1" "$2"
	s_wait_status "$S_READY"
	s_keys n
	t_screen "${1}x$2: n opens the new-deal form" "New deal"
	t_screen "${1}x$2: it asks when the deal started" "started on"
	s_type "$title"
	s_keys Tab
	s_type "Acme Logistics"
	s_keys Tab Tab Tab Tab Tab
	s_type "$TOMORROW"
	s_keys Enter
	t_screen "${1}x$2: a start in the future is refused in the form" "is in the future"
	t_eq "${1}x$2: and nothing was written" \
		"$(t_sql "SELECT count(*) FROM deals WHERE title = '$title'")" "0"
	s_keys BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace BSpace
	s_type "$STARTED"
	s_keys Enter
	t_status "${1}x$2: the deal is added" "added"
	t_eq "${1}x$2: it started on the day given" \
		"$(t_sql "SELECT substr(created_at, 1, 10) || ' ' || substr(stage_entered_at, 1, 10) FROM deals WHERE title = '$title'")" \
		"$STARTED $STARTED"
	t_screen "${1}x$2: its card shows 20 days in the stage" "20d"
	s_keys q
	s_wait "EXITED:0"
	s_stop
done

t_done
