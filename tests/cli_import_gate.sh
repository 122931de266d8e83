#!/bin/sh
# Import and the gates: who may import is one rule of the import core, and a row that
# changes the stage of a deal already here is a move, refused unless overridden.
. "${top_srcdir:-.}/tests/lib.sh"
ME=$(t_login)
count() { t_sql "SELECT count(*) FROM deals"; }

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

# --- outcomes: --stage-map NAME=won|lost, and entered_won as the date the deal was won ---
export DEALDECK_DB="$T_DIR/won.db"
t_run "a database for outcomes" 0 init
deal() { t_sql "SELECT stage || ' ' || status || ' ' || coalesce(closed_at, '-') FROM deals WHERE external_id = '$1'"; }
printf 'Record ID,Deal Name,Company,Deal Stage,Create Date\nW1,Signed,Acme,Signed,2024-01-01\nL1,Gone,Beta,Dropped,2024-01-02\n' >"$T_DIR/map.csv"
t_run "--stage-map NAME=won and NAME=lost" 0 import deals "$T_DIR/map.csv" --stage-map "Signed=won" --stage-map "Dropped=lost"
t_out "both added" "2 added"
t_eq "mapped to won, from the last stage" "$(t_sql "SELECT stage || ' ' || status FROM deals WHERE external_id = 'W1'")" "close won"
t_eq "mapped to lost" "$(t_sql "SELECT status FROM deals WHERE external_id = 'L1'")" "lost"
printf 'Record ID,Deal Name,Company,Deal Stage\nW2,Signed too,Acme,Closed Won\n' >"$T_DIR/closedwon.csv"
t_run "--stage-map \"Closed Won=won\"" 0 import deals "$T_DIR/closedwon.csv" --stage-map "Closed Won=won"
t_eq "won" "$(t_sql "SELECT status FROM deals WHERE external_id = 'W2'")" "won"
# entered_won is when the deal was won: its closed time, whatever else the row dates.
printf 'id,title,account,entered_won\nE1,Won once,Acme,2024-03-01\n' >"$T_DIR/ew.csv"
t_run "entered_won with no other date" 0 import deals "$T_DIR/ew.csv"
t_eq "won then" "$(deal E1)" "close won 2024-03-01 00:00:00"
t_eq "created no later than it was won" "$(t_sql "SELECT created_at FROM deals WHERE external_id = 'E1'")" "2024-03-01 00:00:00"
printf 'id,title,account,stage,entered_prospect,entered_won\nE2,Won later,Acme,negotiate,2024-01-01,2024-03-01\n' >"$T_DIR/ew2.csv"
t_run "entered_won with a stage that has no date" 0 import deals "$T_DIR/ew2.csv"
t_eq "won from that stage then" "$(deal E2)" "negotiate won 2024-03-01 00:00:00"
t_eq "its history is imported, not moves" "$(t_sql "SELECT group_concat(kind || ':' || imported, ' ') FROM (SELECT kind, imported FROM stage_events e JOIN deals d ON d.id = e.deal_id WHERE external_id = 'E2' ORDER BY at, e.id)")" "create:1 forward:1 won:1"
printf 'id,title,account,status,closed\nE3,Closed,Acme,won,2024-03-01\n' >"$T_DIR/closed.csv"
t_run "closed the same way" 0 import deals "$T_DIR/closed.csv"
t_eq "won then" "$(deal E3)" "close won 2024-03-01 00:00:00"
printf 'title,account,Won on\nE4,Acme,2024-03-01\n' >"$T_DIR/mapped.csv"
t_run "--map HEADER=entered_won" 0 import deals "$T_DIR/mapped.csv" --map "Won on=entered_won"
t_eq "won then" "$(t_sql "SELECT status || ' ' || closed_at FROM deals WHERE title = 'E4'")" "won 2024-03-01 00:00:00"
printf 'id,title,account,closed,entered_won\nE5,Two dates,Acme,2024-03-01,2024-04-01\n' >"$T_DIR/two.csv"
t_run "closed and entered_won that disagree" 65 import deals "$T_DIR/two.csv"
t_err "named by its column" "two.csv:2: entered_won: '2024-04-01' contradicts closed (2024-03-01)"
printf 'id,title,account,created,entered_won\nE6,Too early,Acme,2024-05-01,2024-03-01\n' >"$T_DIR/early.csv"
t_run "won before it was created" 65 import deals "$T_DIR/early.csv"
t_err "the column the date came from" "early.csv:2: entered_won: 2024-03-01 00:00:00 is before the deal entered"

t_done
