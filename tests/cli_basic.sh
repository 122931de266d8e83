#!/bin/sh
# The core flow a rep goes through: add, map, plan, move through gates, win.
. "${top_srcdir:-.}/tests/lib.sh"

t_run "version" 0 --version
t_out "version names the program" "dealdeck "
t_run "help" 0 --help
t_out "help lists move" "dealdeck move ID STAGE"
t_run "unknown command" 2 frobnicate
t_run "a database named by \$DEALDECK_DB must exist" 1 add --title "Acme renewal" --account A
t_err "says how to create it" "no database at $DEALDECK_DB; create it with dealdeck init"
t_run "init" 0 init
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

# A single-valued option given twice is a mistake, not "the last one wins".
t_dump "$T_DIR/twice.before"
t_run "--title twice" 2 add --title "First" --title "Second" --account A
t_err "names the option" "--title is given twice"
t_run "--db twice" 2 --db "$DEALDECK_DB" --db "$T_DIR/other.db" list
t_err "names --db" "--db is given twice"
t_run "--format twice" 2 list --format csv --format table
t_run "--dry-run twice" 2 import deals /dev/null --dry-run --dry-run
t_same_db "nothing written by the repeated options" "$T_DIR/twice.before"
t_run "--map may repeat" 65 import deals /dev/null --map a=title --map b=account --dry-run
t_no_err "--map is not refused as repeated" "given twice"
t_run "--evidence, --contact and --on may repeat" 3 move 1 discover \
	--evidence "buyer_engaged=The buyer replied and booked a call" --contact "Dana" \
	--evidence "problem_confirmed=The buyer confirmed the problem in writing" --contact "Dana"
t_no_err "--evidence is not refused as repeated" "given twice"

# --as-of changes what list, board, stats and review show; elsewhere it would be ignored:
# refused.
for cmd in "add --title T --account A" "show 1" "export deals" "edit 1 --title T" \
	"stakeholder list 1" "process show" "demo" "review snapshot"; do
	t_run "--as-of with $cmd" 2 --as-of 2026-01-01 $cmd
	t_err "--as-of with $cmd: says where it works" "--as-of works with list, board, stats and review"
done
for cmd in list board stats "review list" "review queue" "review forecast"; do
	t_run "--as-of with $cmd" 0 --as-of "$TODAY" $cmd
done
t_run "add --help does not offer --as-of" 0 add --help
t_no_out "no --as-of in add's help" "--as-of"
t_run "list --help offers --as-of" 0 list --help
t_out "--as-of in list's help" "--as-of"
t_done
