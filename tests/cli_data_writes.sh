#!/bin/sh
# Every write of deal data moves the meta counter data_writes (in its own
# transaction), which open boards watch to tell it from a presence heartbeat;
# a refused or dry-run write, one that changes nothing, and every read leave it
# where it was.
. "${top_srcdir:-.}/tests/lib.sh"
t_init

writes() { t_sql "SELECT coalesce((SELECT value FROM meta WHERE key = 'data_writes'), 0)"; }
# counted NAME RC ARGS...: dealdeck ARGS exits RC and moves the counter by one or more.
counted() {
	c_name=$1
	c_before=$(writes)
	t_run "$@"
	c_after=$(writes)
	if [ "$c_after" -gt "$c_before" ]; then
		t_ok "$c_name: counted ($c_before -> $c_after)"
	else
		t_fail "$c_name: data_writes stayed at $c_before"
	fi
}
# uncounted NAME RC ARGS...: the counter stays.
uncounted() {
	c_name=$1
	c_before=$(writes)
	t_run "$@"
	t_eq "$c_name: not counted" "$(writes)" "$c_before"
}
ev() { echo "$1=The buyer confirmed $1 on a call with us"; }

counted "add" 0 add --title "Counted deal" --account Acme --amount 1000
D=$(t_sql "SELECT max(id) FROM deals")
counted "edit" 0 edit "$D" --next-step "Call the buyer back"
counted "stakeholder add" 0 stakeholder add "$D" --name "Ann Lee" --role champion
P=$(t_sql "SELECT max(id) FROM stakeholders")
counted "stakeholder edit" 0 stakeholder edit "$P" --stance supporter
counted "plan add" 0 plan add "$D" --title "Security review" --owner buyer --due 2031-01-01
S=$(t_sql "SELECT max(id) FROM plan_steps")
counted "plan done" 0 plan done "$S"
counted "plan edit" 0 plan edit "$S" --title "Security review signed off"
counted "plan rm" 0 plan rm "$S"
counted "move" 0 move "$D" qualify --evidence "$(ev buyer_engaged)" --contact "Ann Lee"
counted "move back" 0 move "$D" prospect --reason "The buyer paused the project for a quarter"
counted "won (an override)" 0 move "$D" won --override "Signed on paper at the buyer's office"
counted "reopen" 0 reopen "$D" --reason "The contract was voided by their legal team"
counted "lost" 0 lost "$D" --reason timing
counted "stakeholder rm" 0 stakeholder rm "$P"
counted "review snapshot" 0 review snapshot --note "Monday review"
"$DEALDECK" export deals --output "$T_DIR/d.csv" >/dev/null
"$DEALDECK" process show >"$T_DIR/same.ini"
sed 's/^label = "Prospect"/label = "Lead"/' "$T_DIR/same.ini" >"$T_DIR/p.ini"
counted "process apply" 0 process apply "$T_DIR/p.ini"
uncounted "process apply of the same process" 0 process apply "$T_DIR/p.ini"
printf 'title,account\nImported deal,Initech\n' >"$T_DIR/new.csv"
counted "import deals" 0 import deals "$T_DIR/new.csv"
N=$(t_sql "SELECT max(id) FROM deals")
printf 'deal_id,name,role\n%s,Bo Chen,economic_buyer\n' "$N" >"$T_DIR/s.csv"
counted "import stakeholders" 0 import stakeholders "$T_DIR/s.csv"
printf 'deal_id,title,owner,due\n%s,Pilot,buyer,2031-02-01\n' "$N" >"$T_DIR/pl.csv"
counted "import plan" 0 import plan "$T_DIR/pl.csv"

uncounted "import --dry-run" 0 import deals "$T_DIR/new.csv" --dry-run
uncounted "a refused move" 3 move "$N" discover
uncounted "list" 0 list
uncounted "stats" 0 stats
uncounted "who" 0 who

DEMO="$T_DIR/demo.db"
t_run "demo (a bulk fill)" 0 --db "$DEMO" demo --deals 20 --seed 1
t_eq "demo: counted, once for its one transaction" \
	"$(t_sql "SELECT value FROM meta WHERE key = 'data_writes'" "$DEMO")" 1

t_done
