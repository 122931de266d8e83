#!/bin/sh
# Deals: add, edit, show.
. "${top_srcdir:-.}/tests/lib.sh"
t_init

ME=$(t_login)
amount_of() { t_sql "SELECT amount FROM deals WHERE id = $1"; }
# Leading spaces of the first stdout line containing TEXT.
indent_of() { grep -F -- "$1" "$OUT" | head -1 | sed 's/[^ ].*//' | awk '{ print length($0) }'; }
line_of() { grep -nF -- "$1" "$OUT" | head -1 | cut -d: -f1; }

# --- add ------------------------------------------------------------------
t_run "add a deal" 0 add --title "Acme renewal" --account "Acme Corp" --amount '$12,500.00'
t_eq "add prints only the id" "$(cat "$OUT")" "1"
t_eq "'\$12,500.00' is 1250000 minor units" "$(amount_of 1)" "1250000"
t_eq "new deal is open in the first stage, owned by me" \
	"$(t_sql "SELECT stage, status, owner FROM deals WHERE id = 1")" "prospect|open|$ME"
t_eq "creation is recorded as a stage event" \
	"$(t_sql "SELECT kind, stage, status, actor FROM stage_events WHERE deal_id = 1")" \
	"create|prospect|open|$ME"

t_run "second deal" 0 add --title "Beta" --account "Beta Ltd" --amount 12500
t_eq "second id" "$(cat "$OUT")" "2"
t_eq "12500 → 1250000" "$(amount_of 2)" "1250000"

n=3
for pair in "12500.50:1250050" "12,500:1250000" "\$12,500:1250000" "0.5:50" "7:700" \
	"1,234,567.89:123456789" "0:0"; do
	typed=${pair%%:*} minor=${pair#*:}
	t_run "add --amount $typed" 0 add --title "Amount $typed" --account X --amount "$typed"
	t_eq "amount '$typed' is $minor minor units" "$(amount_of $n)" "$minor"
	n=$((n + 1))
done
t_eq "no amount means 0" "$(t_sql "SELECT amount FROM deals WHERE id = 1")" "1250000"

count_before=$(t_sql "SELECT count(*) FROM deals")
for bad in "12.345" "-5" "1e3" "\$" "€12.5.0" "" "abc"; do
	t_run "add --amount '$bad' is a usage error" 2 add --title Bad --account X --amount "$bad"
done
t_err "bad amount names the value" "abc"
t_run "add --amount 12.500 (ambiguous) is a usage error" 2 add --title Bad --account X --amount 12.500
t_err "ambiguous amount names the value" "12.500"
for bad in "2026-02-30" "2026-13-01" "26-01-01" "tomorrow" "2026/01/05" "2026-1-5"; do
	t_run "add --close-date '$bad' is a usage error" 2 add --title Bad --account X --close-date "$bad"
done
t_run "add --next-step-due bad" 2 add --title Bad --account X --next-step-due "2026-02-29"
t_run "missing --title" 2 add --account X
t_err "missing --title is explained" "--title"
t_run "missing --account" 2 add --title X
t_run "empty --title" 2 add --title "" --account X
t_run "unknown option" 2 add --title X --account Y --colour red
t_eq "no deal was added by the refused adds" "$(t_sql "SELECT count(*) FROM deals")" "$count_before"

t_run "add with every option" 0 add --title "Gamma — 200 seats" --account "Gamma GmbH" \
	--owner "$ME" --amount 48000 --close-date 2030-06-30 --next-step "Send the proposal" \
	--next-step-due 2030-05-01
G=$(cat "$OUT")
t_eq "every field stored" \
	"$(t_sql "SELECT title, account, owner, amount, close_date, next_step, next_step_due FROM deals WHERE id = $G")" \
	"Gamma — 200 seats|Gamma GmbH|$ME|4800000|2030-06-30|Send the proposal|2030-05-01"
t_run "--opt=value form" 0 add --title=Delta --account=Delta --amount=99
t_eq "--opt=value stored" "$(t_sql "SELECT title, amount FROM deals WHERE id = $(cat "$OUT")")" "Delta|9900"
t_run "global option after the command" 0 add --title Eps --account Eps --db "$DEALDECK_DB"

# --- edit -----------------------------------------------------------------
D=$G
t_run "edit title" 0 edit $D --title "Gamma — 250 seats"
t_eq "title changed" "$(t_sql "SELECT title FROM deals WHERE id = $D")" "Gamma — 250 seats"
t_run "edit account" 0 edit $D --account "Gamma AG"
t_eq "account changed" "$(t_sql "SELECT account FROM deals WHERE id = $D")" "Gamma AG"
t_run "edit amount" 0 edit $D --amount '$1,000.25'
t_eq "amount changed" "$(amount_of $D)" "100025"
t_run "edit close date" 0 edit $D --close-date 2031-01-31
t_eq "close date changed" "$(t_sql "SELECT close_date FROM deals WHERE id = $D")" "2031-01-31"
t_run "edit next step" 0 edit $D --next-step "Book the demo"
t_eq "next step changed" "$(t_sql "SELECT next_step FROM deals WHERE id = $D")" "Book the demo"
t_run "edit next step due" 0 edit $D --next-step-due 2031-01-15
t_eq "next step due changed" "$(t_sql "SELECT next_step_due FROM deals WHERE id = $D")" "2031-01-15"
t_run "edit success criteria" 0 edit $D --success-criteria "Onboarding time halved"
t_eq "success criteria stored" "$(t_sql "SELECT success_criteria FROM deals WHERE id = $D")" \
	"Onboarding time halved"
t_run "edit owner (no team: everyone is a manager)" 0 edit $D --owner otherrep
t_eq "owner changed" "$(t_sql "SELECT owner FROM deals WHERE id = $D")" "otherrep"
t_run "edit owner back" 0 edit $D --owner "$ME"
t_eq "other fields untouched by edits" \
	"$(t_sql "SELECT title, account, stage, status FROM deals WHERE id = $D")" \
	"Gamma — 250 seats|Gamma AG|prospect|open"

t_run "clear close date" 0 edit $D --close-date ""
t_eq "close date cleared" "$(t_sql "SELECT quote(close_date) FROM deals WHERE id = $D")" "NULL"
t_run "clear next step" 0 edit $D --next-step ""
t_eq "next step cleared" "$(t_sql "SELECT quote(next_step) FROM deals WHERE id = $D")" "NULL"
t_run "clear next step due" 0 edit $D --next-step-due ""
t_eq "next step due cleared" "$(t_sql "SELECT quote(next_step_due) FROM deals WHERE id = $D")" "NULL"
t_run "clear success criteria" 0 edit $D --success-criteria ""
t_eq "success criteria cleared" \
	"$(t_sql "SELECT quote(success_criteria) FROM deals WHERE id = $D")" "NULL"

t_dump "$T_DIR/before"
t_run "edit empty title" 2 edit $D --title ""
t_run "edit empty account" 2 edit $D --account ""
t_run "edit bad amount" 2 edit $D --amount "12.500"
t_run "edit negative amount" 2 edit $D --amount "-1"
t_run "edit bad close date" 2 edit $D --close-date "2031-02-31"
t_run "edit bad next step due" 2 edit $D --next-step-due "soon"
t_run "edit unknown option" 2 edit $D --stage close
t_run "edit bad id" 2 edit abc --title X
t_same_db "refused edits changed nothing" "$T_DIR/before"
t_run "edit unknown deal" 1 edit 999 --title X
t_err "unknown deal is named" "999"

# --- show -----------------------------------------------------------------
S=$D
t_run "edit for show" 0 edit $S --close-date 2031-03-31 --next-step "Book the demo" \
	--next-step-due 2031-02-01 --success-criteria "Onboarding time halved" --amount 48000
t_run "stakeholder Dana" 0 stakeholder add $S --name "Dana Ruiz" --role champion \
	--title "Head of Ops" --stance supporter --influence high --last-contact "$TODAY"
t_run "stakeholder Lee reports to Dana" 0 stakeholder add $S --name "Lee Park" \
	--role economic_buyer --title CFO --reports-to "Dana Ruiz"
t_run "stakeholder Kim reports to Lee" 0 stakeholder add $S --name "Kim Ito" --role user \
	--reports-to "Lee Park"
t_run "stakeholder Sam, another root" 0 stakeholder add $S --name "Sam Otto" --role legal
t_run "plan step done" 0 plan add $S --title "Kick-off call" --owner joint --due "$(t_day -3)"
P1=$(cat "$OUT")
t_run "plan step overdue" 0 plan add $S --title "Security review" --owner buyer \
	--who "IT security" --due "$(t_day -1)"
t_run "plan step open" 0 plan add $S --title "Send order form" --owner seller --due 2031-01-01
t_run "mark step done" 0 plan done "$P1"
t_run "move forward with evidence" 0 move $S qualify \
	--evidence "buyer_engaged=Dana replied and booked a 30 minute call" --contact "Dana Ruiz"
t_run "move back with a reason" 0 move $S prospect --reason "Budget frozen until Q3"
t_run "override forward" 0 move $S qualify --override "CEO intro, evidence to follow"

t_run "show" 0 show $S
t_out "show title" "Gamma — 250 seats"
t_out "show account" "Gamma AG"
t_out "show owner" "$ME"
t_out "show stage" "qualify"
t_out "show days in stage" "0 days in stage"
t_out "show amount with currency" "48,000.00 USD"
t_out "show close date" "2031-03-31"
t_out "show next step" "Book the demo"
t_out "show next step due" "2031-02-01"
t_out "show success criteria" "Onboarding time halved"
t_out "show stakeholder Dana with role and title" "Dana Ruiz"
t_out "show stakeholder title" "Head of Ops"
t_out "show stance" "supporter"
t_out "show last contact" "$TODAY"
t_out "show Sam" "Sam Otto"
dana=$(indent_of "Dana Ruiz") lee=$(indent_of "Lee Park") kim=$(indent_of "Kim Ito")
sam=$(indent_of "Sam Otto")
if [ -n "$dana" ] && [ -n "$lee" ] && [ -n "$kim" ] && [ "$lee" -gt "$dana" ] &&
	[ "$kim" -gt "$lee" ] && [ "$sam" -eq "$dana" ]; then
	t_ok "stakeholders drawn as a tree by reports-to"
else
	t_fail "stakeholders drawn as a tree by reports-to" "indents: dana=$dana lee=$lee kim=$kim sam=$sam" \
		"$(cat "$OUT")"
fi
if [ "$(line_of "Dana Ruiz")" -lt "$(line_of "Lee Park")" ] &&
	[ "$(line_of "Lee Park")" -lt "$(line_of "Kim Ito")" ]; then
	t_ok "a report comes under its manager"
else
	t_fail "a report comes under its manager" "$(cat "$OUT")"
fi
t_out "plan progress" "1/3"
t_out "plan step listed" "Security review"
t_out "plan step who" "IT security"
t_out "plan overdue step flagged" "overdue"
t_out "evidence text" "Dana replied and booked a 30 minute call"
t_out "evidence key" "buyer_engaged"
t_out "evidence contact" "contact: Dana Ruiz"
t_out "history: creation" "create"
t_out "history: forward move" "prospect -> qualify"
t_out "history: back move with reason" "Budget frozen until Q3"
t_out "history: override with reason" "CEO intro, evidence to follow"
t_out "history: override marked" "OVERRIDE"
t_out "history names who" "by $ME"
t_eq "history has 4 event lines" \
	"$(sed -n '/^History/,$p' "$OUT" | grep -c "by $ME")" "4"

t_run "lose it" 0 lost $S --reason price --note "Came in 20% under us"
t_run "show lost deal" 0 show $S
t_out "show status lost" "lost"
t_out "show lost reason" "price"
t_out "show lost note" "Came in 20% under us"
t_no_out "no days in stage for a lost deal" "days in stage"
t_run "reopen it" 0 reopen $S --reason "Price approved after all"
t_run "show reopened deal" 0 show $S
t_out "history: lost line with the reason code" "price"
t_out "history: reopen with its reason" "Price approved after all"
t_eq "history has 6 event lines" "$(sed -n '/^History/,$p' "$OUT" | grep -c "by $ME")" "6"
t_out "open again" "days in stage"

t_run "show a deal with nothing mapped" 0 show 1
t_out "single-threaded deal flagged" "single-threaded"
t_out "no plan yet" "0/0"
t_run "show unknown deal" 1 show 999
t_err "unknown deal named" "999"
t_run "show bad id" 2 show x1
t_run "show without id" 2 show
t_done
