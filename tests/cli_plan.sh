#!/bin/sh
# The mutual action plan: plan add, done, done --undo, list, edit, rm.
. "${top_srcdir:-.}/tests/lib.sh"
t_init

ME=$(t_login)
step_row() { t_sql "SELECT title, owner_side, quote(who), due, quote(done_at), quote(done_by) FROM plan_steps WHERE id = $1"; }

D=$("$DEALDECK" add --title "Planned" --account "Acme")
YESTERDAY=$(t_day -1)

# --- add ------------------------------------------------------------------
t_run "add a buyer step" 0 plan add "$D" --title "Security review" --owner buyer \
	--who "IT security" --due 2031-04-15
S1=$(cat "$OUT")
t_eq "prints the id" "$(echo "$S1" | grep -c '^[0-9][0-9]*$')" "1"
t_eq "stored" "$(step_row "$S1")" "Security review|buyer|'IT security'|2031-04-15|NULL|NULL"
t_run "add a seller step without who" 0 plan add "$D" --title "Send order form" --owner seller \
	--due "$YESTERDAY"
S2=$(cat "$OUT")
t_eq "no who" "$(step_row "$S2")" "Send order form|seller|NULL|$YESTERDAY|NULL|NULL"
t_run "add a joint step due today" 0 plan add "$D" --title "Kick-off — 日本語" --owner joint \
	--due "$TODAY"
S3=$(cat "$OUT")

t_dump "$T_DIR/before"
t_run "unknown owner side" 2 plan add "$D" --title "X" --owner customer --due 2031-01-01
t_err "lists the sides" "buyer"
t_run "owner side is not a login" 2 plan add "$D" --title "X" --owner "$ME" --due 2031-01-01
t_run "missing --owner" 2 plan add "$D" --title "X" --due 2031-01-01
t_run "missing --due" 2 plan add "$D" --title "X" --owner buyer
t_run "missing --title" 2 plan add "$D" --owner buyer --due 2031-01-01
t_run "empty title" 2 plan add "$D" --title "" --owner buyer --due 2031-01-01
t_run "bad due date" 2 plan add "$D" --title "X" --owner buyer --due 2031-02-29
t_run "due date in another format" 2 plan add "$D" --title "X" --owner buyer --due 15/04/2031
t_run "unknown deal" 1 plan add 999 --title "X" --owner buyer --due 2031-01-01
t_same_db "refused adds changed nothing" "$T_DIR/before"

# --- list -----------------------------------------------------------------
t_run "list" 0 plan list "$D"
t_eq "header" "$(head -1 "$OUT" | t_squeeze)" "id due owner who title status done_at"
t_eq "overdue step" "$(t_row_of "$S2")" "$S2 $YESTERDAY seller Send order form overdue"
t_eq "step due today is open" "$(t_row_of "$S3")" "$S3 $TODAY joint Kick-off — 日本語 open"
t_eq "future step is open" "$(t_row_of "$S1")" "$S1 2031-04-15 buyer IT security Security review open"
t_eq "in due order" "$(awk 'NR > 1 { print $1 }' "$OUT" | tr '\n' ' ')" "$S2 $S3 $S1 "
t_run "list an unknown deal" 1 plan list 999
t_run "list with a bad id" 2 plan list x

# --- done -----------------------------------------------------------------
t_cmd "done (with USER and LOGNAME set to someone else)" 0 \
	env USER=someoneelse LOGNAME=someoneelse "$DEALDECK" plan done "$S2"
t_eq "done_by is the OS login" "$(t_sql "SELECT done_by FROM plan_steps WHERE id = $S2")" "$ME"
t_eq "done_at is now" "$(t_sql "SELECT substr(done_at, 1, 10) FROM plan_steps WHERE id = $S2")" "$TODAY"
t_run "list after done" 0 plan list "$D"
t_out "done_at shown" "$TODAY"
t_eq "an overdue step done is done" "$(t_row_of "$S2" | awk '{ print $(NF - 2) }')" "done"
t_run "show counts progress" 0 show "$D"
t_out "progress 1/3" "1/3"
t_run "undo" 0 plan done "$S2" --undo
t_eq "undone" "$(t_sql "SELECT quote(done_at) || quote(done_by) FROM plan_steps WHERE id = $S2")" "NULLNULL"
t_run "list after undo" 0 plan list "$D"
t_eq "overdue again" "$(t_row_of "$S2")" "$S2 $YESTERDAY seller Send order form overdue"
t_run "done an unknown step" 1 plan done 999
t_run "done with a bad id" 2 plan done abc

# --- edit -----------------------------------------------------------------
t_run "edit title" 0 plan edit "$S1" --title "Security review signed off"
t_run "edit owner side" 0 plan edit "$S1" --owner joint
t_run "edit who" 0 plan edit "$S1" --who "CISO"
t_run "edit due" 0 plan edit "$S1" --due 2031-05-01
t_eq "edits stored" "$(step_row "$S1")" "Security review signed off|joint|'CISO'|2031-05-01|NULL|NULL"
t_run "edit several at once" 0 plan edit "$S1" --title "Security review" --owner buyer --due 2031-04-20
t_eq "several stored" "$(step_row "$S1")" "Security review|buyer|'CISO'|2031-04-20|NULL|NULL"
t_dump "$T_DIR/before"
t_run "edit to a bad owner side" 2 plan edit "$S1" --owner vendor
t_run "edit to a bad due date" 2 plan edit "$S1" --due 2031-13-01
t_run "edit to an empty title" 2 plan edit "$S1" --title ""
t_run "edit an unknown step" 1 plan edit 999 --title "X"
t_same_db "refused edits changed nothing" "$T_DIR/before"

# --- rm -------------------------------------------------------------------
t_run "rm" 0 plan rm "$S3"
t_eq "removed" "$(t_sql "SELECT count(*) FROM plan_steps WHERE id = $S3")" "0"
t_run "list after rm" 0 plan list "$D"
t_no_out "not listed" "Kick-off"
t_run "rm again" 1 plan rm "$S3"
t_done
