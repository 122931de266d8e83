#!/bin/sh
# Import and the gates: who may import is one rule of the import core, and a row that
# changes the stage of a deal already here is a move, refused unless overridden.
. "${top_srcdir:-.}/tests/lib.sh"
ME=$(t_login)
# deal EXT: stage, status and closed time of the deal with external id EXT.
deal() {
	t_sql "SELECT stage || ' ' || status || ' ' || coalesce(closed_at, '-') FROM deals
		WHERE external_id = '$1'"
}
# kinds EXT: its history as kind:imported, oldest first.
kinds() {
	t_sql "SELECT group_concat(kind || ':' || imported, ' ') FROM (SELECT kind, imported
		FROM stage_events e JOIN deals d ON d.id = e.deal_id WHERE external_id = '$1'
		ORDER BY at, e.id)"
}

# --- who may import: managers; anyone in the team may check a file ---------------
export DEALDECK_DB="$T_DIR/rep.db"
t_run "a database" 0 init
t_run "a deal of the boss" 0 add --title "Boss deal" --account Acme --owner boss
t_team_process "$T_DIR/rep.ini" boss "$ME"
t_run "I am a rep" 0 process apply "$T_DIR/rep.ini"
printf 'title,account,owner\nNew,Beta,boss\n' >"$T_DIR/new.csv"
printf 'deal_id,name,role\n1,Bea Boss,champion\n' >"$T_DIR/people.csv"
printf 'deal_id,title,owner,due\n1,Kickoff,joint,2030-01-10\n' >"$T_DIR/plan.csv"
t_dump "$T_DIR/rep-before.sql"
t_run "a rep may not import deals" 4 import deals "$T_DIR/new.csv"
t_err "the rule named" "only a manager may import deals"
t_run "nor stakeholders" 4 import stakeholders "$T_DIR/people.csv"
t_err "the rule named" "only a manager may import stakeholders"
t_run "nor plan steps" 4 import plan "$T_DIR/plan.csv"
t_err "the rule named" "only a manager may import plan"
t_same_db "a refused import writes nothing" "$T_DIR/rep-before.sql"
# The dry run checks the file as the import would: no rep-only rules in it.
t_run "a rep may check a file with another owner's deal" 0 import deals "$T_DIR/new.csv" --dry-run
t_out "as a manager's import would take it" "dry run, nothing written: 1 added"
t_same_db "the dry run wrote nothing" "$T_DIR/rep-before.sql"
why="The old CRM had it further on"
t_run "a rep may not override" 4 import deals "$T_DIR/new.csv" --override "$why"
t_run "not even in a dry run" 4 import deals "$T_DIR/new.csv" --dry-run --override "$why"
t_err "the rule named" "only a manager may import with --override"
t_same_db "nothing written" "$T_DIR/rep-before.sql"

# --- outcomes: --stage-map NAME=won|lost, and entered_won as the date the deal was won ---
export DEALDECK_DB="$T_DIR/won.db"
t_run "a database for outcomes" 0 init
printf '%s\n' "Record ID,Deal Name,Company,Deal Stage,Create Date" \
	"W1,Signed,Acme,Signed,2024-01-01" "L1,Gone,Beta,Dropped,2024-01-02" >"$T_DIR/map.csv"
t_run "--stage-map NAME=won and NAME=lost" 0 import deals "$T_DIR/map.csv" \
	--stage-map "Signed=won" --stage-map "Dropped=lost"
t_out "both added" "2 added"
t_eq "mapped to won, from the last stage" "$(deal W1 | cut -d' ' -f1-2)" "close won"
t_eq "mapped to lost" "$(deal L1 | cut -d' ' -f2)" "lost"
printf 'Record ID,Deal Name,Company,Deal Stage\nW2,Signed too,Acme,Closed Won\n' >"$T_DIR/cw.csv"
t_run "--stage-map \"Closed Won=won\"" 0 import deals "$T_DIR/cw.csv" --stage-map "Closed Won=won"
t_eq "won" "$(deal W2 | cut -d' ' -f2)" "won"
# entered_won is when the deal was won: its closed time, whatever else the row dates.
printf 'id,title,account,entered_won\nE1,Won once,Acme,2024-03-01\n' >"$T_DIR/ew.csv"
t_run "entered_won with no other date" 0 import deals "$T_DIR/ew.csv"
t_eq "won then" "$(deal E1)" "close won 2024-03-01 00:00:00"
t_eq "created no later than it was won" \
	"$(t_sql "SELECT created_at FROM deals WHERE external_id = 'E1'")" "2024-03-01 00:00:00"
printf '%s\n' "id,title,account,stage,entered_prospect,entered_won" \
	"E2,Won later,Acme,negotiate,2024-01-01,2024-03-01" >"$T_DIR/ew2.csv"
t_run "entered_won with a stage that has no date" 0 import deals "$T_DIR/ew2.csv"
t_eq "won from that stage then" "$(deal E2)" "negotiate won 2024-03-01 00:00:00"
t_eq "its history is imported, not moves" "$(kinds E2)" "create:1 forward:1 won:1"
printf 'id,title,account,status,closed\nE3,Closed,Acme,won,2024-03-01\n' >"$T_DIR/closed.csv"
t_run "closed the same way" 0 import deals "$T_DIR/closed.csv"
t_eq "won then" "$(deal E3)" "close won 2024-03-01 00:00:00"
printf 'title,account,Won on\nE4,Acme,2024-03-01\n' >"$T_DIR/mapped.csv"
t_run "--map HEADER=entered_won" 0 import deals "$T_DIR/mapped.csv" --map "Won on=entered_won"
t_eq "won then" "$(t_sql "SELECT status || ' ' || closed_at FROM deals WHERE title = 'E4'")" \
	"won 2024-03-01 00:00:00"
printf 'id,title,account,closed,entered_won\nE5,Two dates,Acme,2024-03-01,2024-04-01\n' >"$T_DIR/two.csv"
t_run "closed and entered_won that disagree" 65 import deals "$T_DIR/two.csv"
t_err "named by its column" "two.csv:2: entered_won: '2024-04-01' contradicts closed (2024-03-01)"
printf 'id,title,account,created,entered_won\nE6,Early,Acme,2024-05-01,2024-03-01\n' >"$T_DIR/early.csv"
t_run "won before it was created" 65 import deals "$T_DIR/early.csv"
t_err "the column the date came from" \
	"early.csv:2: entered_won: 2024-03-01 00:00:00 is before the deal entered"

# --- a row that changes the stage of a deal already here is a move ---------------
export DEALDECK_DB="$T_DIR/move.db"
R="Moved on in the old CRM before we switched"
summary() { "$DEALDECK" stats --format csv --from 2024-01-01 | sed -n "s/^summary,,$1,//p"; }
events() { t_sql "SELECT kind, from_stage, stage, status, actor, coalesce(reason, '-'),
	coalesce(override, '-'), imported FROM stage_events WHERE deal_id = $1 AND id > $2 ORDER BY id"; }
t_run "a database for moves" 0 init
t_team_process "$T_DIR/mgr.ini" "$ME" rita
t_run "I am a manager" 0 process apply "$T_DIR/mgr.ini"
# A first import of new deals with their history is history: imported, no bypass.
printf '%s\n' \
	"Record ID,Deal Name,Company,Deal Stage,Create Date,Date entered Qualify,Date entered Closed Won" \
	"H1,Hist,Acme,Closed Won,2024-01-01,2024-01-10,2024-02-01" \
	"H2,Open,Beta,qualify,2024-01-01,2024-01-05," >"$T_DIR/hist.csv"
t_run "a first import with history" 0 import deals "$T_DIR/hist.csv"
t_out "both added" "2 added, 0 updated"
t_eq "its history is all imported" \
	"$(t_sql "SELECT count(*) FROM stage_events WHERE imported = 0 OR override IS NOT NULL")" 0
t_eq "no forward moves counted" "$(summary forward_moves)" 0
t_eq "no bypass counted" "$(summary overrides)" 0
t_run "the same file again" 0 import deals "$T_DIR/hist.csv"
t_out "updates without moves" "0 added, 2 updated"
printf '%s\n' "Record ID,Deal Name,Company,Deal Stage" "N1,Twice,Acme,qualify" \
	"N1,Twice,Acme,present" >"$T_DIR/twice.csv"
t_run "a new deal on two rows of one file" 0 import deals "$T_DIR/twice.csv"
t_eq "is still history" "$(kinds N1)" "create:1 forward:1"

t_run "a deal of ours" 0 add --title Alpha --account Acme
A=$(cat "$OUT")
t_run "another" 0 add --title Beta --account Beta
B=$(cat "$OUT")
H2=$(t_sql "SELECT id FROM deals WHERE external_id = 'H2'")
last=$(t_sql "SELECT max(id) FROM stage_events")
# The issue's file: id,stage,status (with the columns every row needs).
printf 'id,title,account,stage,status\n%s,Alpha,Acme,prospect,won\n%s,Beta,Beta,present,open\n' \
	"$A" "$B" >"$T_DIR/move.csv"
msg="move.csv:2: status: deal $A would go from prospect to won, which is a move: use move,\
 or import with --override REASON"
t_dump "$T_DIR/move-before.sql"
t_run "a re-import that moves deals (by our id)" 65 import deals "$T_DIR/move.csv"
t_err "a won, named by line and column" "$msg"
t_err "a forward move" "move.csv:3: stage: deal $B would go from prospect to present, which is a move"
t_same_db "nothing written" "$T_DIR/move-before.sql"
t_run "the dry run agrees" 65 import deals "$T_DIR/move.csv" --dry-run
t_err "with the same words" "$msg"
printf 'Record ID,Deal Name,Company,Deal Stage\nH2,Open,Beta,present\n' >"$T_DIR/ext.csv"
t_run "by external id too" 65 import deals "$T_DIR/ext.csv"
t_err "named" "ext.csv:2: Deal Stage: deal $H2 would go from qualify to present, which is a move"
t_run "--override needs real text" 3 import deals "$T_DIR/move.csv" --override x
t_err "the failed rule is named" "--override REASON is not real text: it needs at least 10 letters"
t_run "not placeholder text" 3 import deals "$T_DIR/move.csv" --override "lorem ipsum dolor sit amet"
t_err "named too" "--override REASON is not real text: it is placeholder text"
t_same_db "nothing written" "$T_DIR/move-before.sql"
t_run "a dry run with --override" 0 import deals "$T_DIR/move.csv" --dry-run --override "$R"
t_out "would update both" "dry run, nothing written: 0 added, 2 updated"
t_same_db "and writes nothing" "$T_DIR/move-before.sql"
t_run "a manager's --override" 0 import deals "$T_DIR/move.csv" --override "$R"
t_out "both updated" "0 added, 2 updated"
t_eq "won: an override by the importer, not imported" "$(events "$A" "$last")" \
	"won|prospect|prospect|won|$ME|-|$R|0"
t_eq "forward: the same" "$(events "$B" "$last")" "forward|prospect|present|open|$ME|-|$R|0"
t_eq "the deals moved" "$(t_sql "SELECT group_concat(stage || ' ' || status, ', ')
	FROM deals WHERE id IN ($A, $B)")" "prospect won, present open"
t_run "show" 0 show "$A"
t_out "the history says override" "OVERRIDE: $R"
t_eq "stats count both moves" "$(summary forward_moves)" 2
t_eq "and both bypasses" "$(summary overrides)" 2
t_eq "bypass rate" "$(summary bypass_rate)" 1.0000
# Back and reopen are moves too, recorded as their kind with the reason.
last=$(t_sql "SELECT max(id) FROM stage_events")
printf 'id,title,account,stage,status\n%s,Alpha,Acme,close,open\n%s,Beta,Beta,qualify,open\n' \
	"$A" "$B" >"$T_DIR/back.csv"
t_run "a reopen and a move back" 65 import deals "$T_DIR/back.csv"
t_err "the reopen" "back.csv:2: stage: deal $A would go from won to close, which is a move"
t_err "the move back" "back.csv:3: stage: deal $B would go from present to qualify, which is a move"
t_run "with --override" 0 import deals "$T_DIR/back.csv" --override "$R"
t_eq "a reopen with the reason" "$(events "$A" "$last")" \
	"reopen|prospect|close|open|$ME|$R|$R|0"
t_eq "a move back with the reason" "$(events "$B" "$last")" \
	"back|present|qualify|open|$ME|$R|$R|0"
t_eq "neither is a forward move" "$(summary forward_moves)" 2

t_done
