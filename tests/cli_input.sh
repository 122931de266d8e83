#!/bin/sh
# Hostile input on the command line: what comes in is checked, refused with its
# exit status, and nothing is written (issue 12). Imports: cli_import_input.sh.
. "${top_srcdir:-.}/tests/lib.sh"

t_run "init" 0 init
t_run "a deal" 0 add --title Base --account Acme
t_run "a stakeholder" 0 stakeholder add 1 --name "Ann Buyer" --role champion
t_run "a plan step" 0 plan add 1 --title Kickoff --owner joint --due 2030-01-01
t_dump "$T_DIR/before.sql"

# Text of only spaces is no title, account, name or step.
t_run "a title of spaces" 2 add --title "   " --account Acme
t_err "named" "the title cannot be only spaces"
t_run "an account of no-break and ideographic spaces" 2 add --title T --account "$(printf '\302\240\343\200\200')"
t_err "named" "the account cannot be only spaces"
t_run "edit to a title of spaces" 2 edit 1 --title " "
t_run "a stakeholder named with spaces" 2 stakeholder add 1 --name "  " --role user
t_err "named" "name cannot be only spaces"
t_run "a step titled with spaces" 2 plan add 1 --title "	" --owner joint --due 2030-01-01
t_err "named" "title cannot be only spaces"
t_run "a byte order mark in a title" 2 add --title "$(printf '\357\273\277Deal')" --account Acme
t_err "named" "contains U+FEFF"
t_same_db "nothing written" "$T_DIR/before.sql"

# Amounts: only the pipeline's currency (USD) may be named; other letters are no number.
for bad in 12abc "12 GBP" "EUR 100" "100 ¥" "€12"; do
	t_run "add --amount '$bad' is refused" 2 add --title Bad --account Acme --amount "$bad"
	t_err "naming the value" "amount '$bad' is not money in USD"
done
# Not money in any currency: refused before the database is opened, which says which.
for bad in "5 million" "12 usd 50" 1000000000000.01; do
	t_run "add --amount '$bad' is refused" 2 add --title Bad --account Acme --amount "$bad"
	t_err "naming the value" "amount '$bad' is not money: "
done
t_err "the largest amount named" "at most 1,000,000,000,000"
t_run "edit --amount '12 GBP' is refused" 2 edit 1 --amount "12 GBP"
t_err "as another currency" "amount '12 GBP' is not money in USD: it names another currency"
t_run "edit --amount '5 million' is refused" 2 edit 1 --amount "5 million"
t_err "as letters" "not a number (letters that are not the currency)"
t_same_db "nothing written" "$T_DIR/before.sql"
for good in '$12' "12 USD" "usd 12" "US\$12" 1,000,000,000,000; do
	t_run "add --amount '$good'" 0 add --title Good --account Acme --amount "$good"
done
t_eq "read as the pipeline's money" \
	"$(t_sql "SELECT group_concat(amount, ' ') FROM deals WHERE title = 'Good'")" \
	"1200 1200 1200 1200 100000000000000"
t_dump "$T_DIR/before.sql"

# Team names that could stand for two people are refused where the file says them.
t_team_process "$T_DIR/team.ini" "$(t_login)" "relrep1, relrep2"
cp "$T_DIR/team.ini" "$T_DIR/clash.ini"
printf '\n[person relrep1]\nname = relrep2\n' >>"$T_DIR/clash.ini"
line=$(($(wc -l <"$T_DIR/clash.ini")))
t_run "a display name that is another login" 65 process apply "$T_DIR/clash.ini"
t_err "by file and line" "clash.ini:$line: name 'relrep2' of relrep1 is the login of relrep2"
cp "$T_DIR/team.ini" "$T_DIR/twice.ini"
printf '\n[person relrep1]\nemail = "rr@example.com"\n\n[person relrep2]\nemail = "RR@example.com"\n' >>"$T_DIR/twice.ini"
t_run "two people with one email" 65 process apply "$T_DIR/twice.ini"
t_err "by file and line" "twice.ini:$(($(wc -l <"$T_DIR/twice.ini"))): email 'RR@example.com' of relrep2 is also relrep1's"
t_same_db "nothing applied" "$T_DIR/before.sql"
printf '\n[person relrep1]\nname = "Rel Rep"\n' >>"$T_DIR/team.ini"
t_run "a team without clashes" 0 process apply "$T_DIR/team.ini"
t_run "add --owner relrep2" 0 add --title Owned --account Acme --owner relrep2
t_eq "records relrep2" "$(t_sql "SELECT owner FROM deals WHERE title = 'Owned'")" relrep2
t_run "add --owner by display name, any case" 0 add --title Named --account Acme --owner "REL REP"
t_eq "records its login" "$(t_sql "SELECT owner FROM deals WHERE title = 'Named'")" relrep1
t_dump "$T_DIR/before.sql"

# A quote opened in the process file must close: iniparser would read less, silently.
t_cmd "the process in force" 0 "$DEALDECK" process show
cp "$OUT" "$T_DIR/quote.ini"
sed -i 's/^label = "Qualify"$/label = "Qualify/' "$T_DIR/quote.ini"
line=$(grep -n '^label = "Qualify$' "$T_DIR/quote.ini" | cut -d: -f1)
t_run "an unclosed quote" 65 process apply "$T_DIR/quote.ini"
t_err "by file and line" "quote.ini:$line: label: a quoted value is not closed"
t_same_db "nothing applied" "$T_DIR/before.sql"

# Text options are checked at the command line: bad bytes are a usage error (2),
# before any rule sees them (evidence used to fail "needs 10 letters", exit 3).
bad=$(printf 'the buyer replied \377 and booked a first call')
t_run "evidence that is not UTF-8" 2 move 1 qualify --evidence "buyer_engaged=$bad" --contact "Ann Buyer"
t_err "named by its option" "--evidence: not valid UTF-8"
t_run "a reason that is not UTF-8" 2 lost 1 --reason price --note "$bad"
t_err "named by its option" "--note: not valid UTF-8"
t_run "a global option too" 2 list --owner "$(printf 'ann\300\257')"
t_err "named by its option" "--owner: not valid UTF-8"
t_run "a byte order mark in an option" 2 stakeholder edit 1 --title "$(printf 'CTO\357\273\277')"
t_err "named" "--title: contains U+FEFF"
t_same_db "nothing written" "$T_DIR/before.sql"
t_run "a file name is the system's bytes" 0 export deals --output "$T_DIR/$(printf 'deals\377.csv')"
t_eq "and was written" "$(test -s "$T_DIR/$(printf 'deals\377.csv')" && echo yes)" yes

t_done
