#!/bin/sh
# The buying committee: stakeholder add, list, edit, rm.
. "${top_srcdir:-.}/tests/lib.sh"
t_init

who() { t_sql "SELECT name, role, quote(title), stance, influence, quote(reports_to), quote(last_contact) FROM stakeholders WHERE id = $1"; }
boss_of() { t_sql "SELECT coalesce((SELECT b.name FROM stakeholders s JOIN stakeholders b ON b.id = s.reports_to WHERE s.id = $1), '-')"; }

D=$("$DEALDECK" add --title "Committee" --account "Acme")
D2=$("$DEALDECK" add --title "Other deal" --account "Beta")

# --- add ------------------------------------------------------------------
t_run "add with defaults" 0 stakeholder add "$D" --name "Dana Ruiz" --role champion
DANA=$(cat "$OUT")
t_eq "prints the id" "$(echo "$DANA" | grep -c '^[0-9][0-9]*$')" "1"
t_eq "defaults: neutral, medium" "$(who "$DANA")" "Dana Ruiz|champion|NULL|neutral|medium|NULL|NULL"
t_run "add with every option" 0 stakeholder add "$D" --name "Lee Park" --role economic_buyer \
	--title CFO --stance supporter --influence high --reports-to "Dana Ruiz" --last-contact 2026-01-15
LEE=$(cat "$OUT")
t_eq "every field stored, reports-to by name" "$(who "$LEE")" \
	"Lee Park|economic_buyer|'CFO'|supporter|high|$DANA|'2026-01-15'"
t_run "reports-to by id" 0 stakeholder add "$D" --name "Kim Ito" --role user --reports-to "$LEE"
KIM=$(cat "$OUT")
t_eq "reports-to id stored" "$(boss_of "$KIM")" "Lee Park"
t_run "reports-to by name, other case" 0 stakeholder add "$D" --name "Ola Berg" --role technical \
	--reports-to "lee park"
OLA=$(cat "$OUT")
t_eq "case-insensitive manager name" "$(boss_of "$OLA")" "Lee Park"
for role in decision_maker influencer legal procurement security other; do
	t_run "role $role accepted" 0 stakeholder add "$D" --name "Person $role" --role "$role"
done
for stance in skeptic blocker; do
	t_run "stance $stance accepted" 0 stakeholder add "$D2" --name "S $stance" --role user --stance "$stance"
done
t_run "influence low accepted" 0 stakeholder add "$D2" --name "Low one" --role user --influence low

t_dump "$T_DIR/before"
t_run "unknown role" 2 stakeholder add "$D" --name "Bad Role" --role cfo
t_err "lists the roles" "economic_buyer"
t_run "unknown stance" 2 stakeholder add "$D" --name "Bad Stance" --role user --stance hostile
t_err "lists the stances" "blocker"
t_run "unknown influence" 2 stakeholder add "$D" --name "Bad Influence" --role user --influence huge
t_run "bad last contact date" 2 stakeholder add "$D" --name "Bad Date" --role user --last-contact 2026-02-30
t_run "missing --name" 2 stakeholder add "$D" --role user
t_run "missing --role" 2 stakeholder add "$D" --name "No Role"
t_run "empty name" 2 stakeholder add "$D" --name "" --role user
t_run "reports-to someone not on the deal" 2 stakeholder add "$D" --name "Orphan" --role user \
	--reports-to "Nobody Known"
t_run "reports-to a stakeholder of another deal, by id" 2 stakeholder add "$D2" --name "Cross" \
	--role user --reports-to "$DANA"
t_run "duplicate name" 3 stakeholder add "$D" --name "Dana Ruiz" --role user
t_err "names the one already mapped" "Dana Ruiz"
t_run "duplicate name, other case" 3 stakeholder add "$D" --name "DANA RUIZ" --role user
t_run "add on an unknown deal" 1 stakeholder add 999 --name "X Y" --role user
t_same_db "refused adds changed nothing" "$T_DIR/before"
t_run "accented name" 0 stakeholder add "$D" --name "josé álvarez" --role influencer
JOSE=$(cat "$OUT")
t_run "accented duplicate in capitals" 3 stakeholder add "$D" --name "JOSÉ ÁLVAREZ" --role user
t_eq "still one José" "$(t_sql "SELECT count(*) FROM stakeholders WHERE deal_id = $D AND name LIKE 'jos%'")" "1"
t_run "same name on another deal is fine" 0 stakeholder add "$D2" --name "Dana Ruiz" --role champion
DANA2=$(cat "$OUT")

# --- list -----------------------------------------------------------------
t_run "list" 0 stakeholder list "$D"
t_eq "header row" "$(head -1 "$OUT" | t_squeeze)" \
	"id name role title stance influence reports_to last_contact"
t_eq "Lee's row" "$(t_row_of "$LEE")" "$LEE Lee Park economic_buyer CFO supporter high Dana Ruiz 2026-01-15"
t_eq "Dana's row" "$(t_row_of "$DANA")" "$DANA Dana Ruiz champion neutral medium"
t_out "accented name listed" "josé álvarez"
t_eq "one row per stakeholder" "$(($(wc -l <"$OUT") - 1))" \
	"$(t_sql "SELECT count(*) FROM stakeholders WHERE deal_id = $D")"
t_no_out "other deal's people not listed" "S skeptic"
t_run "list an unknown deal" 1 stakeholder list 999
t_run "list with a bad id" 2 stakeholder list abc
t_run "list a deal with nobody" 0 stakeholder list "$("$DEALDECK" add --title Empty --account E)"
t_eq "only the header" "$(wc -l <"$OUT" | tr -d ' ')" "1"

# --- edit -----------------------------------------------------------------
t_run "edit name" 0 stakeholder edit "$KIM" --name "Kim Ito-Sato"
t_run "edit role" 0 stakeholder edit "$KIM" --role decision_maker
t_run "edit title" 0 stakeholder edit "$KIM" --title "VP Operations"
t_run "edit stance" 0 stakeholder edit "$KIM" --stance skeptic
t_run "edit influence" 0 stakeholder edit "$KIM" --influence low
t_run "edit last contact" 0 stakeholder edit "$KIM" --last-contact 2026-02-01
t_run "edit reports-to by name" 0 stakeholder edit "$KIM" --reports-to "Dana Ruiz"
t_eq "every edit stored" "$(who "$KIM")" \
	"Kim Ito-Sato|decision_maker|'VP Operations'|skeptic|low|$DANA|'2026-02-01'"
t_run "edit reports-to by id" 0 stakeholder edit "$KIM" --reports-to "$LEE"
t_eq "manager by id" "$(boss_of "$KIM")" "Lee Park"
t_run "reports-to none clears" 0 stakeholder edit "$KIM" --reports-to none
t_eq "no manager" "$(t_sql "SELECT quote(reports_to) FROM stakeholders WHERE id = $KIM")" "NULL"
t_run "rename in another case of one's own name" 0 stakeholder edit "$KIM" --name "KIM ITO-SATO"

t_dump "$T_DIR/before"
t_run "edit to an unknown role" 2 stakeholder edit "$KIM" --role boss
t_run "edit to an unknown stance" 2 stakeholder edit "$KIM" --stance angry
t_run "edit to an unknown influence" 2 stakeholder edit "$KIM" --influence none
t_run "edit a bad last contact" 2 stakeholder edit "$KIM" --last-contact yesterday
t_run "edit to a taken name" 3 stakeholder edit "$KIM" --name "lee park"
t_run "edit to a taken accented name" 3 stakeholder edit "$KIM" --name "José Álvarez"
t_run "edit nothing" 2 stakeholder edit "$KIM"
t_run "edit an unknown stakeholder" 1 stakeholder edit 999 --title X
t_run "edit reports-to someone on another deal" 2 stakeholder edit "$KIM" --reports-to "$DANA2"

# Cycles: Dana <- Lee <- Ola; Dana reporting to Ola would close a loop.
t_run "a reporting loop through two people" 3 stakeholder edit "$DANA" --reports-to "Ola Berg"
t_err "explains the loop" "loop"
t_run "a direct loop" 3 stakeholder edit "$DANA" --reports-to "Lee Park"
t_run "reporting to oneself" 3 stakeholder edit "$DANA" --reports-to "Dana Ruiz"
t_run "reporting to oneself by id" 3 stakeholder edit "$LEE" --reports-to "$LEE"
t_same_db "refused edits changed nothing" "$T_DIR/before"

# --- rm -------------------------------------------------------------------
# Evidence given by Lee, then Lee leaves the committee.
t_run "Lee's evidence" 0 move "$D" qualify --evidence "buyer_engaged=Lee replied and booked a call" \
	--contact "Lee Park"
t_run "rm Lee" 0 stakeholder rm "$LEE"
t_eq "Lee is gone" "$(t_sql "SELECT count(*) FROM stakeholders WHERE id = $LEE")" "0"
t_eq "Ola, who reported to Lee, is now a root" \
	"$(t_sql "SELECT quote(reports_to) FROM stakeholders WHERE id = $OLA")" "NULL"
t_eq "evidence keeps the contact name" \
	"$(t_sql "SELECT contact_name FROM evidence WHERE deal_id = $D")" "Lee Park"
t_run "list after rm" 0 stakeholder list "$D"
t_no_out "Lee not listed" "Lee Park"
t_eq "Ola listed without a manager" "$(t_row_of "$OLA")" "$OLA Ola Berg technical neutral medium"
t_run "show after rm" 0 show "$D"
t_out "show keeps Lee in the evidence" "Lee Park"
t_run "rm again" 1 stakeholder rm "$LEE"
t_run "rm with a bad id" 2 stakeholder rm x
t_run "a new Lee may be mapped again" 0 stakeholder add "$D" --name "Lee Park" --role economic_buyer
t_done
