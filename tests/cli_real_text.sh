#!/bin/sh
# The real-text rule wherever a person types evidence or a reason, and deals
# added with their real start (add --created) so earlier buyer actions count.
. "${top_srcdir:-.}/tests/lib.sh"

"$DEALDECK" init >/dev/null
A=$("$DEALDECK" add --title "Junk test" --account "Acme")
"$DEALDECK" stakeholder add "$A" --name "Ann Lee" --role champion >/dev/null
# move_with TEXT: tries prospect -> qualify with TEXT as the evidence.
move_with() {
	t_run "evidence '$1' is refused" 3 move "$A" qualify --evidence "buyer_engaged=$1" \
		--contact "Ann Lee"
	t_err "'$1': says why: $2" "$2"
}

# === Junk evidence: each refusal names the rule ===========================
t_dump "$T_DIR/before"
move_with "lorem ipsum dolor" "not real text: it is placeholder text"
move_with "1234567890a" "not real text: it needs at least 3 words"
move_with "ababababababab" "not real text: it needs at least 3 words"
move_with "a1a1a1a1a1a1" "not real text: it needs at least 3 words"
move_with "ab ab ab ab ab ab" "not real text: it is a repeated pattern"
move_with "a1 a1 a1 a1 a1 a1" "not real text: it is a repeated pattern"
move_with "asdf asdf asdf" "not real text: it is a repeated pattern"
move_with "1234 5678 90 ok" "not real text: it is mostly digits"
move_with "tbd n/a xxx later" "not real text: it is placeholder text"
move_with "Called Bob" "not real text: it needs at least 10 letters or digits"
t_same_db "refused evidence wrote nothing" "$T_DIR/before"

# === The same evidence twice for one requirement ==========================
t_run "real evidence moves the deal" 0 move "$A" qualify \
	--evidence "buyer_engaged=Ann replied and booked a first call" --contact "Ann Lee"
t_run "back to prospect with a real reason" 0 move "$A" prospect \
	--reason "Ann went quiet after the first call"
t_dump "$T_DIR/before"
t_run "the same evidence again is refused" 3 move "$A" qualify \
	--evidence "buyer_engaged=ANN replied and booked a first call." --contact "Ann Lee"
t_err "says it is already recorded" "the same text already recorded for this deal"
t_same_db "the refused repeat wrote nothing" "$T_DIR/before"
t_run "new evidence for the second time forward" 0 move "$A" qualify \
	--evidence "buyer_engaged=Ann came back and asked for a demo" --contact "Ann Lee"
t_eq "two pieces of evidence, both kept" \
	"$(t_sql "SELECT count(*) FROM evidence WHERE deal_id = $A AND requirement = 'buyer_engaged'")" "2"
B=$("$DEALDECK" add --title "Other deal" --account "Acme")
"$DEALDECK" stakeholder add "$B" --name "Ann Lee" --role champion >/dev/null
t_run "the same text on another deal is its own evidence" 0 move "$B" qualify \
	--evidence "buyer_engaged=Ann replied and booked a first call" --contact "Ann Lee"

# === Reasons: back, override, reopen ======================================
t_dump "$T_DIR/before"
t_run "a back reason 'x' is refused" 3 move "$A" prospect --reason x
t_err "the back refusal names the rule" \
	"a move back to prospect needs a reason in real text; the one given is not: it needs at least 10"
t_run "an override reason 'x' is refused" 3 move "$A" discover --override x
t_err "the override refusal names the rule" "an override needs a reason in real text"
t_run "an override reason of placeholder text is refused" 3 move "$A" discover \
	--override "test test test"
t_err "the placeholder rule is named" "it is a repeated pattern"
t_run "an empty override reason is refused" 3 move "$A" discover --override ""
t_err "says the option" "an override needs a reason (--override TEXT)"
t_same_db "refused reasons wrote nothing" "$T_DIR/before"
"$DEALDECK" lost "$B" --reason price >/dev/null
t_dump "$T_DIR/before"
t_run "a reopen reason 'asdf asdf asdf' is refused" 3 reopen "$B" --reason "asdf asdf asdf"
t_err "the reopen refusal names the rule" "reopening deal $B needs a reason in real text"
t_same_db "the refused reopen wrote nothing" "$T_DIR/before"
t_run "a real reopen reason is taken" 0 reopen "$B" --reason "Their new CFO found budget for it"

# === add --created: the buyer's earlier actions ===========================
t_run "a date in the future is refused" 2 add --title F --account F --created "$(t_day 1)"
t_err "says so" "is in the future"
t_run "a bad date is refused" 2 add --title F --account F --created 2026-02-30
t_err "says what a date is" "is not a date (YYYY-MM-DD)"
t_eq "refused adds wrote no deal" "$(t_sql "SELECT count(*) FROM deals WHERE title = 'F'")" "0"
t_run "a deal that started 20 days ago" 0 add --title "Live deal" --account "Beta" \
	--created "$(t_day -20)"
C=$(cat "$OUT")
t_eq "created and in its first stage since that day" \
	"$(t_sql "SELECT substr(created_at, 1, 10) || ' ' || substr(stage_entered_at, 1, 10) FROM deals WHERE id = $C")" \
	"$(t_day -20) $(t_day -20)"
t_eq "its create event is dated that day" \
	"$(t_sql "SELECT substr(at, 1, 10) FROM stage_events WHERE deal_id = $C AND kind = 'create'")" \
	"$(t_day -20)"
t_run "show counts the days from then" 0 show "$C"
t_out "20 days in stage" "prospect (Prospect), 20 days in stage"
"$DEALDECK" stakeholder add "$C" --name "Bo Park" --role champion >/dev/null
t_run "evidence from before the start is refused" 3 move "$C" qualify \
	--evidence "buyer_engaged=Bo replied to the first email" --contact "Bo Park" --on "$(t_day -21)"
t_err "says the deal had not started" "is before the deal was created ($(t_day -20))"
t_run "evidence from last week is recorded with its date" 0 move "$C" qualify \
	--evidence "buyer_engaged=Bo replied to the first email" --contact "Bo Park" --on "$(t_day -7)"
t_eq "the evidence carries the buyer's date" \
	"$(t_sql "SELECT acted_on FROM evidence WHERE deal_id = $C")" "$(t_day -7)"
t_run "--created today is today" 0 add --title "Today deal" --account "Gamma" --created "$TODAY"
t_run "add --help names --created" 0 add --help
t_out "--help says it" "--created"

t_done
