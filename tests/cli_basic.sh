#!/bin/sh
# The core flow a rep goes through: add, map, plan, move through gates, win.
. "${top_srcdir:-.}/tests/lib.sh"

t_run "version" 0 --version
t_out "version names the program" "dealdeck "
t_run "help" 0 --help
t_out "help lists move" "dealdeck move ID STAGE"
t_run "unknown command" 2 frobnicate
t_run "add a deal" 0 add --title "Acme renewal" --account "Acme Corp" --amount '$12,500.00'
t_eq "add prints the id" "$(cat "$OUT")" "1"
t_eq "amount stored in cents" "$(t_sql 'SELECT amount FROM deals WHERE id = 1')" "1250000"
t_run "move without evidence is refused" 3 move 1 qualify
t_err "refusal names the evidence" "buyer_engaged"
t_run "map the champion" 0 stakeholder add 1 --name "José Álvarez" --role champion
t_run "move with evidence" 0 move 1 qualify --evidence "buyer_engaged=Replied and booked a first call" --contact "josé álvarez"
t_eq "deal is in qualify" "$(t_sql 'SELECT stage FROM deals WHERE id = 1')" "qualify"
t_eq "evidence recorded with contact" \
	"$(t_sql 'SELECT requirement, contact_name, acted_on FROM evidence WHERE deal_id = 1')" \
	"buyer_engaged|José Álvarez|$TODAY"
t_run "list shows the deal" 0 list
t_out "list row" "Acme renewal"
t_out "list amount" "12,500.00"
t_run "show" 0 show 1
t_out "show history" "prospect -> qualify"

if t_sql "UPDATE stage_events SET actor = 'x'" 2>/dev/null; then
	t_fail "stage_events refused an UPDATE"
else
	t_ok "stage_events refused an UPDATE"
fi
t_done
