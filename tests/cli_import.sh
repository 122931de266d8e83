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
t_team_process "$T_DIR/team.ini" boss "$(t_login)"
t_run "a team" 0 process apply "$T_DIR/team.ini"
t_run "a rep may not import" 4 import deals "$fx/pipedrive.csv" --stage-map "Contact Made=discover"
t_run "a rep may check a file" 0 import deals "$fx/pipedrive.csv" --stage-map "Contact Made=discover" --dry-run
t_run "import --help" 0 import deals --help
# Stakeholders and plan: export, then import into a second database with the same deals.
t_run "a deal for the committee" 0 add --title Committee --account Acme
cid=$(t_sql "SELECT max(id) FROM deals")
t_run "a boss" 0 stakeholder add "$cid" --name "Bea Boss" --role economic_buyer
t_run "a report" 0 stakeholder add "$cid" --name "Cy Champ" --role champion --reports-to "Bea Boss" --stance supporter
t_run "a step" 0 plan add "$cid" --title Kickoff --owner joint --due 2030-01-10
t_run "a done step" 0 plan add "$cid" --title Pilot --owner buyer --who Cy --due 2030-02-01
t_run "mark it done" 0 plan done "$(t_sql "SELECT max(id) FROM plan_steps")"
t_run "export deals" 0 export deals --output "$T_DIR/d.csv"
t_run "export stakeholders" 0 export stakeholders --output "$T_DIR/s.csv"
t_run "export plan" 0 export plan --output "$T_DIR/p.csv"
db1=$DEALDECK_DB
export DEALDECK_DB="$T_DIR/second.db"
t_run "a second database" 0 init --currency EUR
t_run "deals there" 0 import deals "$T_DIR/d.csv"
t_run "stakeholders round trip" 0 import stakeholders "$T_DIR/s.csv"
q="SELECT s.name, s.role, s.stance, coalesce(m.name, '') FROM stakeholders s LEFT JOIN stakeholders m ON m.id = s.reports_to ORDER BY s.name"
t_eq "same committee" "$(t_sql "$q")" "$(t_sql "$q" "$db1")"
t_run "re-import" 0 import stakeholders "$T_DIR/s.csv"
t_out "updated, not added" "0 added"
t_eq "no duplicates" "$(t_sql "SELECT count(*) FROM stakeholders")" "$(t_sql "SELECT count(*) FROM stakeholders" "$db1")"
ext=$(t_sql "SELECT external_id FROM deals WHERE title = 'Committee'")
printf 'deal_external_id,Full Name,Role,Reports To\n%s,Dee Dev,technical,Eve Exec\n%s,Eve Exec,decision_maker,\n' "$ext" "$ext" >"$T_DIR/order.csv"
t_run "reports_to before its manager" 0 import stakeholders "$T_DIR/order.csv"
t_eq "resolved regardless of order" "$(t_sql "SELECT m.name FROM stakeholders s JOIN stakeholders m ON m.id = s.reports_to WHERE s.name = 'Dee Dev'")" "Eve Exec"
n=$(t_sql "SELECT count(*) FROM stakeholders")
printf 'deal_id,name,role\n999,Zed,user\n' >"$T_DIR/nodeal.csv"
t_run "an unknown deal" 65 import stakeholders "$T_DIR/nodeal.csv"
t_err "named by line" "nodeal.csv:2: deal_id: no deal 999"
printf 'deal_external_id,name,role\n%s,Zed,wizard\n' "$ext" >"$T_DIR/badrole.csv"
t_run "a bad role" 65 import stakeholders "$T_DIR/badrole.csv"
t_err "the role named" "badrole.csv:2: role:"
t_eq "nothing written" "$(t_sql "SELECT count(*) FROM stakeholders")" "$n"
t_run "plan round trip" 0 import plan "$T_DIR/p.csv"
q="SELECT title, owner_side, coalesce(who, ''), due, coalesce(done_at, ''), coalesce(done_by, '') FROM plan_steps ORDER BY title"
t_eq "same plan, done steps too" "$(t_sql "$q")" "$(t_sql "$q" "$db1")"
t_run "plan re-import" 0 import plan "$T_DIR/p.csv"
t_out "plan updated, not added" "0 added"
t_run "import stakeholders --help" 0 import stakeholders --help
t_run "import plan --help" 0 import plan --help
export DEALDECK_DB="$db1"
# Our export back into the same database: its ids are ours, so nothing changes.
export DEALDECK_DB="$T_DIR/third.db"
events() { t_sql "SELECT count(*) FROM stage_events"; }
t_run "a third database" 0 init --currency EUR
t_run "a vendor's deals" 0 import deals "$fx/pipedrive.csv" --stage-map "Contact Made=discover"
t_run "a deal of ours" 0 add --title "Round trip" --account "Acme Corp" --amount '€12,500.00'
rid=$(cat "$OUT")
t_run "another" 0 add --title "Plain" --account Beta
t_run "its champion" 0 stakeholder add "$rid" --name "José Álvarez" --role champion
t_run "moved with evidence" 0 move "$rid" qualify --evidence "buyer_engaged=Replied and booked a first call" --contact "josé álvarez"
n=$(count) e=$(events)
t_run "export before" 0 export deals --output "$T_DIR/rt1.csv"
t_run "import into the same database" 0 import deals "$T_DIR/rt1.csv"
t_out "all updated, none added" "0 added"
t_run "export after" 0 export deals --output "$T_DIR/rt2.csv"
t_cmd "the round trip changes nothing" 0 cmp "$T_DIR/rt1.csv" "$T_DIR/rt2.csv"
t_eq "no copies" "$(count)" "$n"
t_eq "no history added" "$(events)" "$e"
t_eq "external ids kept" "$(t_sql "SELECT count(*) FROM deals WHERE external_id IS NULL")" 2

# Another database's export into a fresh one: its id 1 is not the deal this
# import just made from its id 5 (own ids count only for deals there before).
export DEALDECK_DB="$T_DIR/fourth.db"
t_run "a fourth database" 0 init
printf '%s\n' "id,title,account,stage,created" "5,Five,Acme,prospect,2026-01-01" \
	"1,One,Beta,prospect,2026-01-02" >"$T_DIR/other.csv"
t_run "another database's ids" 0 import deals "$T_DIR/other.csv"
t_out "both added" "2 added, 0 updated"
t_eq "each its own deal" "$(t_sql "SELECT group_concat(external_id || '=' || title, ' ')
	FROM (SELECT * FROM deals ORDER BY id)")" "5=Five 1=One"

# A first import far larger than the database is a bulk load: indexes and
# history triggers are lifted for it and back, unchanged, after.
schema() { t_sql "SELECT type, name, sql FROM sqlite_master ORDER BY type, name"; }
export DEALDECK_DB="$T_DIR/bulk.db"
t_run "a bulk database" 0 init
before=$(schema)
{
	echo "id,title,account,stage,amount,created,entered_prospect,entered_qualify"
	i=0
	while [ $i -lt 2000 ]; do
		i=$((i + 1))
		echo "x$i,Deal $i,Account $((i % 70)),qualify,$i,2026-01-01,2026-01-01,2026-02-0$((i % 9 + 1))"
	done
} >"$T_DIR/bulk.csv"
t_run "a 2,000-deal file" 0 import deals "$T_DIR/bulk.csv"
t_out "all added" "2000 added"
t_eq "indexes and triggers back as they were" "$(schema)" "$before"
t_eq "history: created, then qualify" "$(t_sql "SELECT count(*) FROM stage_events
	WHERE kind = 'forward' AND from_entered_at = '2026-01-01 00:00:00'")" 2000
t_cmd "history still append-only" 19 sqlite3 "$DEALDECK_DB" "DELETE FROM stage_events"
cat "$T_DIR/bulk.csv" >"$T_DIR/bulk3.csv"
echo "y1,Bad,Acme,nowhere,1,2026-01-01,," >>"$T_DIR/bulk3.csv"
export DEALDECK_DB="$T_DIR/bulk-bad.db"
t_run "another bulk database" 0 init
t_dump "$T_DIR/bad-before.sql"
t_run "a bulk file with one bad row" 65 import deals "$T_DIR/bulk3.csv"
t_err "the bad row named" "bulk3.csv:2002: stage"
t_dump "$T_DIR/bad-after.sql"
t_cmd "nothing written, schema included" 0 cmp "$T_DIR/bad-before.sql" "$T_DIR/bad-after.sql"
export DEALDECK_DB="$db1"
t_done
