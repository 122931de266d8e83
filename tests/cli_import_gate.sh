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

t_done
