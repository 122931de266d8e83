#!/bin/sh
# dealdeck export: headers, RFC 4180 quoting, formula neutralisation, stage entry dates,
# --output.
. "${top_srcdir:-.}/tests/lib.sh"
t_init

ME=$(t_login)
ENTERED="entered_prospect,entered_qualify,entered_discover,entered_present,entered_propose"
ENTERED="$ENTERED,entered_negotiate,entered_close"
DEALS_HEADER="id,title,account,owner,stage,amount,currency,close_date,created,status,closed"
DEALS_HEADER="$DEALS_HEADER,lost_reason,next_step,next_step_due,success_criteria,$ENTERED"

A=$("$DEALDECK" add --title "Acme renewal" --account "Acme Corp" --amount '$12,500.00' \
	--close-date 2031-06-30 --next-step "Call" --next-step-due 2031-05-01)
B=$("$DEALDECK" add --title "$(printf 'Beta, Inc. "big"\nsecond line')" --account "Beta" \
	--amount 99.5)
F=$("$DEALDECK" add --title "+1 555 0100" --account '=HYPERLINK("http://evil.example","x")' \
	--next-step "-20% discount" --next-step-due 2031-01-01)
G=$("$DEALDECK" add --title "'quoted already" --account "@mention" --next-step "O'Brien = ok")
t_sql "UPDATE deals SET success_criteria = char(9) || 'tab' WHERE id = $G"
H=$("$DEALDECK" add --title "Carriage" --account "cr")
t_sql "UPDATE deals SET account = char(13) || 'cr' WHERE id = $H"

# --- deals --------------------------------------------------------------------------------
t_dump "$T_DIR/before"
t_run "export deals" 0 export deals
t_eq "deals header" "$(head -1 "$OUT")" "$DEALS_HEADER"
t_eq "plain row: amount 12500.00, currency, created date, entered_prospect" "$(t_csv_row "$A")" \
	"$A,Acme renewal,Acme Corp,$ME,prospect,12500.00,USD,2031-06-30,$TODAY,open,,,Call,2031-05-01,,$TODAY,,,,,,"
t_eq "commas, quotes and a newline quoted per RFC 4180" "$(grep -A1 "^$B," "$OUT")" \
	"$(printf '%s,"Beta, Inc. ""big""\nsecond line",Beta,%s,prospect,99.50,USD,,%s,open,,,,,,%s,,,,,,' \
		"$B" "$ME" "$TODAY" "$TODAY")"
t_eq "=, + and - cells neutralised with an apostrophe" "$(t_csv_row "$F")" \
	"$F,'+1 555 0100,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",$ME,prospect,0.00,USD,,$TODAY,open,,,'-20% discount,2031-01-01,,$TODAY,,,,,,"
t_eq "@, TAB and a leading apostrophe neutralised; inner apostrophes and = kept" \
	"$(t_csv_row "$G")" \
	"$G,''quoted already,'@mention,$ME,prospect,0.00,USD,,$TODAY,open,,,O'Brien = ok,,'	tab,$TODAY,,,,,,"
t_eq "a leading CR neutralised and quoted" "$(grep -A1 "^$H," "$OUT" | tr '\r' '^')" \
	"$H,Carriage,\"'^cr\",$ME,prospect,0.00,USD,,$TODAY,open,,,,,,$TODAY,,,,,,"
t_same_db "export writes nothing to the database" "$T_DIR/before"

# What a CSV reader makes of the file: the fields come back exactly, apostrophe aside.
if sqlite3 -batch "$T_DIR/parse.db" ".import --csv $OUT parsed" 2>/dev/null; then
	t_eq "an RFC 4180 reader gets the title back" \
		"$(t_sql "SELECT title FROM parsed WHERE id = '$B'" "$T_DIR/parse.db")" \
		"$(printf 'Beta, Inc. "big"\nsecond line')"
	t_eq "an RFC 4180 reader gets the neutralised formula" \
		"$(t_sql "SELECT account FROM parsed WHERE id = '$F'" "$T_DIR/parse.db")" \
		"'=HYPERLINK(\"http://evil.example\",\"x\")"
	t_eq "as many records as deals" "$(t_sql "SELECT count(*) FROM parsed" "$T_DIR/parse.db")" \
		"$(t_sql "SELECT count(*) FROM deals")"
else
	t_skip "an RFC 4180 reader gets the title back" "sqlite3 has no .import --csv"
fi

# --- entered_<stage>: the date the deal last entered each stage -----------------------------
M=$("$DEALDECK" add --title "Mover" --account "Moves Ltd" --amount 12500)
"$DEALDECK" stakeholder add "$M" --name "Ann Buyer" --role champion >/dev/null
t_run "move with evidence" 0 move "$M" qualify \
	--evidence "buyer_engaged=Replied and booked a first call" --contact "Ann Buyer"
t_run "export after a move" 0 export deals
t_eq "entered prospect and qualify today" "$(t_csv_row "$M")" \
	"$M,Mover,Moves Ltd,$ME,qualify,12500.00,USD,,$TODAY,open,,,,,,$TODAY,$TODAY,,,,,"
# History with dates in the past: into discover, back, into discover again, then won.
N=$("$DEALDECK" add --title "Old history" --account "Hist")
t_event "$N" forward prospect qualify open 40
t_event "$N" forward qualify discover open 30
t_event "$N" back discover qualify open 20
t_event "$N" forward qualify discover open 10
t_event "$N" won discover discover won 2
t_run "export with history" 0 export deals
t_eq "last entry into each stage; closing is not an entry" \
	"$(t_csv_row "$N" | cut -d, -f16-)" "$TODAY,$(t_day -20),$(t_day -10),,,,"

# Won and lost: status, closed date, lost reason.
W=$("$DEALDECK" add --title "Won one" --account "Winner" --amount 777)
"$DEALDECK" move "$W" negotiate --override "set-up of the fixture deals" >/dev/null
"$DEALDECK" move "$W" won --override "set-up of the fixture deals" >/dev/null
L=$("$DEALDECK" add --title "Lost one" --account "Loser")
"$DEALDECK" lost "$L" --reason price >/dev/null
t_run "export closed deals" 0 export deals
t_eq "won: status, closed date, entry into negotiate" "$(t_csv_row "$W" | cut -d, -f5-)" \
	"negotiate,777.00,USD,,$TODAY,won,$TODAY,,,,,$TODAY,,,,,$TODAY,"
t_eq "lost: status, closed date, reason" "$(t_csv_row "$L" | cut -d, -f5-12)" \
	"prospect,0.00,USD,,$TODAY,lost,$TODAY,price"
t_sql "UPDATE meta SET value = 'EUR' WHERE key = 'currency'"
t_run "export in another currency" 0 export deals
t_eq "currency from the database" "$(t_csv_row "$A" | cut -d, -f6-7)" "12500.00,EUR"

# --- the other tables -----------------------------------------------------------------------
t_run "export events" 0 export events
t_eq "events header" "$(head -1 "$OUT")" \
	"deal_id,at,kind,from_stage,stage,status,actor,reason,note,override,imported"
t_out "a move is an event" "$M,"
t_eq "the move's event" "$(grep "^$M,.*,forward," "$OUT" | cut -d, -f3-)" \
	"forward,prospect,qualify,open,$ME,,,,0"
t_eq "an override is exported" "$(grep "^$W,.*,won," "$OUT" | cut -d, -f3-)" \
	"won,negotiate,negotiate,won,$ME,,,set-up of the fixture deals,0"
t_eq "events: one record each" "$(($(wc -l <"$OUT") - 1))" \
	"$(t_sql "SELECT count(*) FROM stage_events")"

t_run "export evidence" 0 export evidence
t_eq "evidence header" "$(head -1 "$OUT")" \
	"deal_id,stage,requirement,what,contact,acted_on,recorded_by,recorded_at"
t_eq "the evidence of the move" "$(t_csv_row "$M" | cut -d, -f1-7)" \
	"$M,prospect,buyer_engaged,Replied and booked a first call,Ann Buyer,$TODAY,$ME"

"$DEALDECK" stakeholder add "$M" --name "Bo Boss" --role economic_buyer --title "=CFO" \
	--stance supporter --influence high >/dev/null
"$DEALDECK" stakeholder edit "$(t_sql "SELECT id FROM stakeholders WHERE name = 'Ann Buyer'")" \
	--reports-to "Bo Boss" --last-contact 2031-02-03 >/dev/null
t_sql "UPDATE deals SET external_id = 'HS-42' WHERE id = $M"
t_run "export stakeholders" 0 export stakeholders
t_eq "stakeholders header" "$(head -1 "$OUT")" \
	"deal_id,deal_external_id,name,role,title,stance,influence,reports_to,last_contact"
t_eq "stakeholder rows: external id, reports_to by name, neutralised title" \
	"$(grep "^$M," "$OUT")" \
	"$(printf '%s,HS-42,Ann Buyer,champion,,neutral,medium,Bo Boss,2031-02-03\n%s,HS-42,Bo Boss,economic_buyer,'"'"'=CFO,supporter,high,,' "$M" "$M")"

"$DEALDECK" plan add "$M" --title 'Security review, "v2"' --owner buyer --who "Ann Buyer" \
	--due 2031-03-01 >/dev/null
S=$("$DEALDECK" plan add "$M" --title "Send order form" --owner seller --due 2031-02-01)
"$DEALDECK" plan done "$S" >/dev/null
t_run "export plan" 0 export plan
t_eq "plan header" "$(head -1 "$OUT")" "deal_id,title,owner,who,due,done_at,done_by"
t_eq "plan rows by due date; done step with who and when" \
	"$(grep "^$M," "$OUT" | sed "s/,$TODAY [0-9:]*,/,DONE_AT,/")" \
	"$(printf '%s,Send order form,seller,,2031-02-01,DONE_AT,%s\n%s,"Security review, ""v2""",buyer,Ann Buyer,2031-03-01,,' \
		"$M" "$ME" "$M")"

# --- --output -------------------------------------------------------------------------------
"$DEALDECK" export deals >"$T_DIR/stdout.csv"
t_run "--output" 0 export deals --output "$T_DIR/deals.csv"
t_eq "--output prints nothing" "$(cat "$OUT")" ""
t_cmd "--output writes what stdout gets" 0 cmp "$T_DIR/stdout.csv" "$T_DIR/deals.csv"
t_eq "a new export file is private (0600)" "$(stat -c %a "$T_DIR/deals.csv")" "600"
t_eq "no temporary file left" "$(ls "$T_DIR" | grep -c '^deals\.csv\.')" "0"
echo old >"$T_DIR/old.csv"
chmod 644 "$T_DIR/old.csv"
t_run "--output replaces an existing file" 0 export plan --output "$T_DIR/old.csv"
t_eq "replaced whole" "$(head -1 "$T_DIR/old.csv")" "deal_id,title,owner,who,due,done_at,done_by"
t_eq "the replaced file keeps its mode" "$(stat -c %a "$T_DIR/old.csv")" "644"
t_run "--output into a missing directory" 1 export deals --output "$T_DIR/nowhere/deals.csv"
t_err "names the file" "$T_DIR/nowhere/deals.csv"
t_run "--output -" 0 export plan --output -
t_out "--output - is stdout" "deal_id,title,owner,who,due,done_at,done_by"

# --- usage ----------------------------------------------------------------------------------
t_run "unknown table" 2 export widgets
t_err "names the tables" "deals, events, evidence, stakeholders, plan"
t_run "no table" 2 export
t_run "two tables" 2 export deals plan
t_run "help" 0 export --help
t_out "help names the tables" "deals|events|evidence|stakeholders|plan"
t_init "$T_DIR/empty.db"
t_run "export on an empty database" 0 --db "$T_DIR/empty.db" export stakeholders
t_eq "an empty table is its header" "$(cat "$OUT")" \
	"deal_id,deal_external_id,name,role,title,stance,influence,reports_to,last_contact"
t_done
