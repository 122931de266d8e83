#!/bin/sh
# dealdeck check: after every kind of write the board's kept totals (and each
# deal's stage against its history) equal a recount; a corrupted row is named.
. "${top_srcdir:-.}/tests/lib.sh"

# checked WHAT: runs dealdeck check on the current database after WHAT.
checked() { t_run "check after $1" 0 check; }
totals_of() {
	t_sql "SELECT count || ' ' || amount FROM deal_totals WHERE owner = '$1' AND stage = '$2'"
}

t_run "init" 0 init
checked "init (no deals)"
t_run "add" 0 add --title "First" --account "Acme" --amount 1000
A=$(cat "$OUT")
t_run "add another" 0 add --title "Second" --account "Beta" --amount 250 --owner pat
B=$(cat "$OUT")
checked "add"
t_eq "a stage row counts both" "$(totals_of '' prospect)" "2 125000"
t_eq "an owner row counts theirs" "$(totals_of pat prospect)" "1 25000"
t_run "edit the amount" 0 edit "$A" --amount 4000
checked "an amount edit"
t_eq "the stage row follows the amount" "$(totals_of '' prospect)" "2 425000"
t_run "edit the title only" 0 edit "$A" --title "First, renamed"
checked "a title edit"
t_run "owner change" 0 edit "$B" --owner lee
checked "an owner change"
t_eq "the old owner's row empties" "$(totals_of pat prospect)" "0 0"
t_eq "the new owner's row counts it" "$(totals_of lee prospect)" "1 25000"
t_run "move forward" 0 move "$A" qualify --override "fixture set-up for the totals test"
checked "a forward move"
t_eq "the deal left prospect" "$(totals_of '' prospect)" "1 25000"
t_eq "and entered qualify" "$(totals_of '' qualify)" "1 400000"
t_run "move back" 0 move "$A" prospect --reason "the buyer went quiet"
checked "a backward move"
t_run "won" 0 move "$A" won --override "fixture set-up for the totals test"
checked "won"
t_eq "a won deal is not open" "$(totals_of '' prospect)" "1 25000"
t_run "lost" 0 lost "$B" --reason no_budget
checked "lost"
t_run "reopen" 0 reopen "$B" --reason "the buyer found the budget"
checked "a reopen"
t_run "edit a closed deal's amount" 0 edit "$A" --amount 9000
checked "an edit of a won deal"

# A process that adds a stage, then one that drops an empty one.
t_run "process show" 0 process show
sed -e 's/^stages = prospect, qualify,/stages = prospect, pilot, qualify,/' "$OUT" >"$T_DIR/p.ini"
printf '\n[stage pilot]\nlabel = "Pilot"\nprobability = 15\nwarn_days = 5\nrot_days = 9\n' \
	>>"$T_DIR/p.ini"
t_run "apply a process with a new stage" 0 process apply "$T_DIR/p.ini"
checked "a stage added"
t_run "move into the new stage" 0 move "$B" pilot --override "fixture set-up for the totals test"
checked "a move into the new stage"
t_run "move out of it" 0 move "$B" qualify --override "fixture set-up for the totals test"
sed -e 's/^stages = prospect, pilot, qualify,/stages = prospect, qualify,/' "$T_DIR/p.ini" |
	sed -e '/^\[stage pilot\]/,/^rot_days/d' >"$T_DIR/q.ini"
t_run "apply a process without it" 0 process apply "$T_DIR/q.ini"
checked "a stage dropped"

# Imports: row by row into a pipeline that has deals, and bulk into an empty one.
DEMO="$T_DIR/demo.db"
t_run "demo" 0 --db "$DEMO" demo --deals 1500
t_run "check after the demo (bulk, triggers lifted)" 0 --db "$DEMO" check
t_eq "the demo's totals are filled" \
	"$(t_sql "SELECT count(*) > 0 FROM deal_totals WHERE count > 0" "$DEMO")" "1"
t_run "export the demo" 0 --db "$DEMO" export deals --output "$T_DIR/deals.csv"
size=$(wc -c <"$T_DIR/deals.csv")
t_eq "the export is big enough for the bulk path" "$((size / 100 > 1000))" "1"
BULK="$T_DIR/bulk.db"
t_run "init for the bulk import" 0 --db "$BULK" init
t_run "bulk import" 0 --db "$BULK" import deals "$T_DIR/deals.csv" \
	--override "fixture import for the totals test"
t_run "check after a bulk import" 0 --db "$BULK" check
t_eq "it counted every open deal" \
	"$(t_sql "SELECT sum(count) FROM deal_totals WHERE owner = ''" "$BULK")" \
	"$(t_sql "SELECT count(*) FROM deals WHERE status = 'open'" "$DEMO")"
{ head -n 1 "$T_DIR/deals.csv"; grep ',open,' "$T_DIR/deals.csv" | head -n 20; } >"$T_DIR/few.csv"
ROW="$T_DIR/row.db"
t_run "init for a row-by-row import" 0 --db "$ROW" init
t_run "row-by-row import (a small file)" 0 --db "$ROW" import deals "$T_DIR/few.csv" \
	--override "fixture import for the totals test"
t_run "check after a row-by-row import" 0 --db "$ROW" check
t_eq "it counted the file's open deals" \
	"$(t_sql "SELECT sum(count) FROM deal_totals WHERE owner = ''" "$ROW")" "20"
t_run "row-by-row re-import (updates)" 0 --db "$BULK" import deals "$T_DIR/few.csv" \
	--override "fixture import for the totals test"
t_run "check after a re-import" 0 --db "$BULK" check
t_run "a snapshot" 0 review snapshot
checked "a snapshot"

# A corrupted row is named, and so is a deal that disagrees with its history.
t_sql "UPDATE deal_totals SET count = count + 1 WHERE owner = '' AND stage = 'qualify'"
t_run "check finds a corrupted total" 1 check
t_out "it names the row" "totals: stage 'qualify'"
t_err "and says how many" "1 derived value disagrees"
t_sql "UPDATE deal_totals SET count = count - 1 WHERE owner = '' AND stage = 'qualify'"
checked "the row is mended"
Q=$(t_sql "SELECT quarter FROM closed_totals WHERE owner = '' AND status = 'won' LIMIT 1")
t_eq "the won deal is in its quarter's closed totals" \
	"$(t_sql "SELECT count FROM closed_totals WHERE owner = '' AND status = 'won'")" "1"
t_sql "UPDATE closed_totals SET amount = amount + 1 WHERE owner = '' AND status = 'won'"
t_run "check finds a corrupted closed total" 1 check
t_out "it names the quarter" "closed totals: won in the quarter from $Q"
t_sql "UPDATE closed_totals SET amount = amount - 1 WHERE owner = '' AND status = 'won'"
checked "the closed row is mended"
t_sql "UPDATE deals SET stage_entered_at = '2001-01-01 00:00:00' WHERE id = $B"
t_run "check finds a stage_entered_at the history does not say" 1 check
t_out "it names the deal" "history: deal $B"
t_done
