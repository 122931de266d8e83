#!/bin/sh
# dealdeck import deals: other CRMs' files land whole, broken ones not at all.
. "${top_srcdir:-.}/tests/lib.sh"
fx="$top_srcdir/tests/fixtures"
count() { t_sql "SELECT count(*) FROM deals"; }

# The database (and its currency) must exist before the import.
t_run "init in EUR" 0 init --currency EUR
t_run "a Pipedrive export needs its stage named" 65 import deals "$fx/pipedrive.csv"
t_err "the unknown stage with file and line" "pipedrive.csv:2: Deal - Stage: unknown stage 'Contact Made'"
t_eq "nothing written" "$(count)" 0
t_run "dry run with the stage map" 0 import deals "$fx/pipedrive.csv" --stage-map "Contact Made=discover" --dry-run
t_out "dry run says so" "dry run, nothing written"
t_eq "dry run wrote nothing" "$(count)" 0
t_run "import with the stage map" 0 import deals "$fx/pipedrive.csv" --stage-map "Contact Made=discover"
t_err "unknown columns named in one warning" "Person - Name"
n=$(count)
t_eq "deals arrived" "$(test "$n" -ge 2 && echo yes)" yes
t_eq "amount with currency symbol and separators" \
	"$(t_sql "SELECT amount, stage FROM deals WHERE external_id = '101'")" "1250000|discover"
t_eq "imported history is marked imported" \
	"$(t_sql "SELECT count(*) FROM stage_events WHERE imported = 0")" 0
t_run "re-import is idempotent" 0 import deals "$fx/pipedrive.csv" --stage-map "Contact Made=discover"
t_out "updated, not added" "0 added"
t_eq "no duplicates" "$(count)" "$n"

# A broken file: every problem by line and column, nothing written.
printf 'Deal Name,Company,Amount,Close Date\nGood,Acme,100,2024-01-01\nBad amount,Acme,ten,2024-01-01\nBad date,Acme,5,2024-02-30\n,Acme,5,2024-01-01\n' >"$T_DIR/bad.csv"
t_run "a broken file is refused" 65 import deals "$T_DIR/bad.csv"
t_err "the bad amount" "bad.csv:3: Amount:"
t_err "the bad date" "bad.csv:4: Close Date:"
t_err "the empty title" "bad.csv:5:"
t_eq "the good row was not written either" "$(count)" "$n"

# Our own export reads back.
t_run "export" 0 export deals --output "$T_DIR/out.csv"
t_run "our export imports (dry run)" 0 import deals "$T_DIR/out.csv" --dry-run

# Bulk changes are a manager's job; anyone may check a file.
"$DEALDECK" process show | sed "s/^managers =.*/managers = boss/; s/^reps =.*/reps = $(t_login)/" >"$T_DIR/team.ini"
t_run "a team" 0 process apply "$T_DIR/team.ini"
t_run "a rep may not import" 4 import deals "$fx/pipedrive.csv" --stage-map "Contact Made=discover"
t_run "a rep may check a file" 0 import deals "$fx/pipedrive.csv" --stage-map "Contact Made=discover" --dry-run
t_run "import --help" 0 import deals --help
t_done
