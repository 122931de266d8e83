#!/bin/sh
# Moving deals under the default process's gates: evidence, data checks, jumps,
# backward moves, won/lost/reopen and overrides.
. "${top_srcdir:-.}/tests/lib.sh"
t_init

ME=$(t_login)
YESTERDAY=$(t_day -1)
TOMORROW=$(t_day 1)

# new_deal TITLE: adds a deal, prints its id.
new_deal() { "$DEALDECK" add --title "$1" --account "Acct $1"; }
# person DEAL NAME ROLE [more options]: maps a stakeholder, prints their id.
person() {
	d=$1 n=$2 r=$3
	shift 3
	"$DEALDECK" stakeholder add "$d" --name "$n" --role "$r" "$@"
}
step() { "$DEALDECK" plan add "$1" --title "$2" --owner "$3" --due 2031-01-01 >/dev/null; }
# force DEAL STAGE: gets a deal to a stage for a test's set-up (a manager override).
force() { "$DEALDECK" move "$1" "$2" --override "test set-up of the fixture" >/dev/null; }
stage_of() { t_sql "SELECT stage || ':' || status FROM deals WHERE id = $1"; }
# backdate DEAL DAYS: the deal was created DAYS ago (deals rows may be edited).
backdate() {
	t_sql "UPDATE deals SET created_at = datetime('now', '-$2 days'),
		stage_entered_at = datetime('now', '-$2 days') WHERE id = $1"
}
# Real evidence text for a key.
ev() { echo "$1=The buyer confirmed $1 on a call with us"; }
# The number of unmet-requirement lines that name a gate.
leaving_lines() { grep -c "leaving " "$ERR"; }

# === The walk through every default gate, unmet then met =================
A=$(new_deal "Walk")

# prospect: buyer_engaged, no data checks
t_dump "$T_DIR/before"
t_run "prospect→qualify without evidence is refused" 3 move "$A" qualify
t_err "names the missing evidence" "buyer_engaged"
t_err "says which gate" "leaving prospect"
t_same_db "refused move changed nothing" "$T_DIR/before"
DANA=$(person "$A" "Dana Ruiz" champion)
t_run "prospect→qualify with evidence" 0 move "$A" qualify --evidence "$(ev buyer_engaged)" \
	--contact "Dana Ruiz"
t_eq "deal in qualify" "$(stage_of "$A")" "qualify:open"
t_eq "forward event recorded" \
	"$(t_sql "SELECT kind, from_stage, stage, status, actor, quote(override) FROM stage_events WHERE deal_id = $A ORDER BY id DESC LIMIT 1")" \
	"forward|prospect|qualify|open|$ME|NULL"
t_eq "evidence recorded in full" \
	"$(t_sql "SELECT stage, requirement, what, contact_id, contact_name, acted_on, recorded_by FROM evidence WHERE deal_id = $A")" \
	"prospect|buyer_engaged|The buyer confirmed buyer_engaged on a call with us|$DANA|Dana Ruiz|$TODAY|$ME"
t_eq "evidence belongs to the move's event" \
	"$(t_sql "SELECT count(*) FROM evidence e JOIN stage_events s ON s.id = e.event_id WHERE e.deal_id = $A AND s.kind = 'forward' AND s.stage = 'qualify'")" "1"
t_eq "evidence recorded_at is set" \
	"$(t_sql "SELECT substr(recorded_at, 1, 10) FROM evidence WHERE deal_id = $A")" "$TODAY"

# qualify: problem_confirmed, at least one stakeholder
B=$(new_deal "Nobody mapped")
force "$B" qualify
t_dump "$T_DIR/before"
t_run "qualify→discover with no stakeholder is refused" 3 move "$B" discover \
	--evidence "$(ev problem_confirmed)" --contact "Pat"
t_err "names the stakeholder check" "at least 1 stakeholder"
t_err "names the contact problem" "Pat"
t_same_db "refused move changed nothing (qualify)" "$T_DIR/before"
t_run "qualify→discover without evidence is refused" 3 move "$A" discover
t_err "names problem_confirmed" "problem_confirmed"
t_no_err "stakeholder check met with one mapped" "stakeholder(s) mapped"
person "$B" "Pat Lee" user >/dev/null
t_run "qualify→discover met (evidence + a stakeholder)" 0 move "$B" discover \
	--evidence "$(ev problem_confirmed)" --contact "Pat Lee"
t_eq "deal B in discover" "$(stage_of "$B")" "discover:open"
t_run "qualify→discover met for the walk" 0 move "$A" discover \
	--evidence "$(ev problem_confirmed)" --contact "Dana Ruiz"

# discover: needs_confirmed, an economic buyer and a champion
t_dump "$T_DIR/before"
t_run "discover→present with champion only" 3 move "$A" present \
	--evidence "$(ev needs_confirmed)" --contact "Dana Ruiz"
t_err "economic buyer missing" "economic buyer mapped"
t_no_err "champion present" "champion mapped"
t_same_db "refused move changed nothing (discover)" "$T_DIR/before"
LEE=$(person "$A" "Lee Park" economic_buyer)
"$DEALDECK" stakeholder edit "$DANA" --role user >/dev/null
t_run "discover→present with economic buyer only" 3 move "$A" present \
	--evidence "$(ev needs_confirmed)" --contact "Dana Ruiz"
t_err "champion missing" "champion mapped"
t_no_err "economic buyer present" "economic buyer mapped"
"$DEALDECK" stakeholder edit "$DANA" --role champion >/dev/null
t_run "discover→present met" 0 move "$A" present --evidence "$(ev needs_confirmed)" \
	--contact "Lee Park"

# present: proposal_requested, no checks
t_run "present→propose without evidence" 3 move "$A" propose
t_err "names proposal_requested" "proposal_requested"
t_eq "only the evidence is unmet" "$(leaving_lines)" "1"
t_run "present→propose met" 0 move "$A" propose --evidence "$(ev proposal_requested)" \
	--contact "Lee Park"

# propose: proposal_reviewed, >= 3 plan steps, >= 1 owned by the buyer
step "$A" "Kick-off" seller
step "$A" "Workshop" joint
t_dump "$T_DIR/before"
t_run "propose→negotiate with 2 steps, none the buyer's" 3 move "$A" negotiate \
	--evidence "$(ev proposal_reviewed)" --contact "Lee Park"
t_err "too few plan steps" "at least 3 step"
t_err "no buyer step" "owned by the buyer"
t_same_db "refused move changed nothing (propose)" "$T_DIR/before"
step "$A" "Pricing call" seller
t_run "propose→negotiate with 3 steps, none the buyer's" 3 move "$A" negotiate \
	--evidence "$(ev proposal_reviewed)" --contact "Lee Park"
t_no_err "3 steps are enough" "at least 3 step"
t_err "a joint step is not a buyer step" "owned by the buyer"
t_eq "one unmet requirement" "$(leaving_lines)" "1"
step "$A" "Security review" buyer
t_run "propose→negotiate met" 0 move "$A" negotiate --evidence "$(ev proposal_reviewed)" \
	--contact "Lee Park"

# negotiate: approvals_active, close date set, no blocker
SAM=$(person "$A" "Sam Otto" legal --stance blocker)
t_dump "$T_DIR/before"
t_run "negotiate→close without close date, with a blocker" 3 move "$A" close \
	--evidence "$(ev approvals_active)" --contact "Lee Park"
t_err "close date missing" "close date set"
t_err "blocker named" "stance blocker"
t_eq "two unmet requirements" "$(leaving_lines)" "2"
t_same_db "refused move changed nothing (negotiate)" "$T_DIR/before"
"$DEALDECK" edit "$A" --close-date 2031-06-30 >/dev/null
t_run "negotiate→close with a blocker" 3 move "$A" close --evidence "$(ev approvals_active)" \
	--contact "Lee Park"
t_no_err "close date now set" "close date set"
t_err "blocker still there" "stance blocker"
"$DEALDECK" stakeholder edit "$SAM" --stance skeptic >/dev/null
t_run "negotiate→close met" 0 move "$A" close --evidence "$(ev approvals_active)" \
	--contact "Lee Park"

# close → won: contract_signed, success criteria
t_dump "$T_DIR/before"
t_run "close→won without success criteria" 3 move "$A" won \
	--evidence "$(ev contract_signed)" --contact "Lee Park"
t_err "success criteria missing" "success criteria"
t_same_db "refused move changed nothing (close)" "$T_DIR/before"
t_run "close→won without evidence" 3 move "$A" won
t_err "names contract_signed" "contract_signed"
"$DEALDECK" edit "$A" --success-criteria "Onboarding in 2 weeks" >/dev/null
t_run "close→won met" 0 move "$A" won --evidence "$(ev contract_signed)" --contact "Lee Park"
t_eq "deal won, stage kept" "$(stage_of "$A")" "close:won"
t_eq "won date recorded" "$(t_sql "SELECT substr(closed_at, 1, 10) FROM deals WHERE id = $A")" "$TODAY"
t_eq "won event" "$(t_sql "SELECT kind || ':' || status FROM stage_events WHERE deal_id = $A ORDER BY id DESC LIMIT 1")" \
	"won:won"
t_eq "one evidence per gate passed" \
	"$(t_sql "SELECT group_concat(requirement, ',') FROM (SELECT requirement FROM evidence WHERE deal_id = $A ORDER BY id)")" \
	"buyer_engaged,problem_confirmed,needs_confirmed,proposal_requested,proposal_reviewed,approvals_active,contract_signed"
t_eq "no override on the walk" "$(t_sql "SELECT count(*) FROM stage_events WHERE deal_id = $A AND override IS NOT NULL")" "0"

# === A won deal does not move ===========================================
t_dump "$T_DIR/before"
t_run "moving a won deal" 3 move "$A" negotiate --reason "Buyer changed their mind"
t_err "says to reopen" "reopen"
t_run "moving a won deal forward" 3 move "$A" won --evidence "$(ev contract_signed)" --contact "Lee Park"
t_run "losing a won deal" 3 lost "$A" --reason price
t_same_db "nothing changed on a closed deal" "$T_DIR/before"

# === Forward jumps list every gate they pass ============================
C=$(new_deal "Jumper")
t_dump "$T_DIR/before"
t_run "bare jump prospect→present" 3 move "$C" present
for need in "leaving prospect needs evidence buyer_engaged" \
	"leaving qualify needs evidence problem_confirmed" \
	"leaving discover needs evidence needs_confirmed" \
	"at least 1 stakeholder" "economic buyer mapped" "champion mapped"; do
	t_err "jump lists: $need" "$need"
done
t_no_err "present's own gate is not passed" "proposal_requested"
t_eq "six unmet requirements, one per line" "$(leaving_lines)" "6"
t_err "headline counts them" "6 requirement"
t_eq "each requirement is followed by a line saying what to do" \
	"$(awk '/leaving / { n++; getline nxt; if (nxt !~ /leaving / && nxt ~ /[a-z]/) ok++ } END { print ok "/" n }' "$ERR")" "6/6"
t_run "bare jump prospect→won" 3 move "$C" won
for key in buyer_engaged problem_confirmed needs_confirmed proposal_requested \
	proposal_reviewed approvals_active contract_signed; do
	t_err "jump to won lists $key" "needs evidence $key"
done
for need in "at least 1 stakeholder" "economic buyer mapped" "champion mapped" \
	"at least 3 step" "owned by the buyer" "close date set" "success criteria"; do
	t_err "jump to won lists: $need" "$need"
done
t_no_err "no blocker: that check is met" "stance blocker"
t_eq "fourteen unmet requirements, one per line" "$(leaving_lines)" "14"
t_same_db "refused jumps changed nothing" "$T_DIR/before"

person "$C" "Ann Chu" champion >/dev/null
t_run "jump with one gate's evidence only" 3 move "$C" discover --evidence "$(ev buyer_engaged)" \
	--contact "Ann Chu"
t_err "the skipped gate is still required" "problem_confirmed"
t_no_err "the given evidence is not listed as missing" "needs evidence buyer_engaged"
t_eq "evidence not recorded on a refusal" "$(t_sql "SELECT count(*) FROM evidence WHERE deal_id = $C")" "0"

J=$(new_deal "Full jump")
person "$J" "Ann Chu" champion >/dev/null
person "$J" "Bo Diaz" economic_buyer >/dev/null
step "$J" "One" buyer
step "$J" "Two" seller
step "$J" "Three" joint
"$DEALDECK" edit "$J" --close-date 2031-01-31 --success-criteria "Live in March" >/dev/null
t_run "jump prospect→won meeting every gate" 0 move "$J" won \
	--evidence "$(ev buyer_engaged)" --evidence "$(ev problem_confirmed)" \
	--evidence "$(ev needs_confirmed)" --evidence "$(ev proposal_requested)" \
	--evidence "$(ev proposal_reviewed)" --evidence "$(ev approvals_active)" \
	--evidence "$(ev contract_signed)" --contact "Ann Chu"
t_eq "jumped deal is won" "$(t_sql "SELECT status FROM deals WHERE id = $J")" "won"
t_eq "seven pieces of evidence, each with its gate's stage" \
	"$(t_sql "SELECT group_concat(stage || '/' || requirement, ',') FROM (SELECT * FROM evidence WHERE deal_id = $J ORDER BY id)")" \
	"prospect/buyer_engaged,qualify/problem_confirmed,discover/needs_confirmed,present/proposal_requested,propose/proposal_reviewed,negotiate/approvals_active,close/contract_signed"
t_eq "--contact given once applies to all" \
	"$(t_sql "SELECT count(DISTINCT contact_name) || ':' || min(contact_name) FROM evidence WHERE deal_id = $J")" \
	"1:Ann Chu"

# === Evidence rules =====================================================
E=$(new_deal "Evidence rules")
JOSE=$(person "$E" "José Álvarez" champion)
t_dump "$T_DIR/before"
t_run "text under 10 letters" 3 move "$E" qualify --evidence "buyer_engaged=Replied ok" \
	--contact "José Álvarez"
t_err "says the text is too short" "10"
t_err "names the key" "buyer_engaged"
t_run "digits only" 3 move "$E" qualify --evidence "buyer_engaged=12345678901234" \
	--contact "José Álvarez"
t_run "one repeated character" 3 move "$E" qualify --evidence "buyer_engaged=aaaaaaaaaaaaaaa" \
	--contact "José Álvarez"
t_run "one repeated character, with spaces" 3 move "$E" qualify \
	--evidence "buyer_engaged=xxxx xxxx xxxx" --contact "José Álvarez"
t_run "punctuation only" 3 move "$E" qualify --evidence "buyer_engaged=!!!!!!!!!!!!!!!!!!" \
	--contact "José Álvarez"
t_run "empty text" 3 move "$E" qualify --evidence "buyer_engaged=" --contact "José Álvarez"
t_run "contact not a stakeholder" 3 move "$E" qualify --evidence "$(ev buyer_engaged)" \
	--contact "Zed Nobody"
t_err "names the unknown contact" "Zed Nobody"
t_run "no contact" 3 move "$E" qualify --evidence "$(ev buyer_engaged)"
t_err "contact is required" "buyer_engaged"
t_run "date in the future" 3 move "$E" qualify --evidence "$(ev buyer_engaged)" \
	--contact "José Álvarez" --on "$TOMORROW"
t_err "future date named" "$TOMORROW"
t_run "date before the deal was created" 3 move "$E" qualify --evidence "$(ev buyer_engaged)" \
	--contact "José Álvarez" --on "$YESTERDAY"
t_err "early date named" "$YESTERDAY"
t_run "malformed --on date is a usage error" 2 move "$E" qualify \
	--evidence "$(ev buyer_engaged)" --contact "José Álvarez" --on "2026-13-01"
t_run "--evidence without KEY=" 2 move "$E" qualify --evidence "Replied and booked a call" \
	--contact "José Álvarez"
t_run "evidence no gate asks for" 3 move "$E" qualify --evidence "$(ev buyer_engaged)" \
	--evidence "$(ev contract_signed)" --contact "José Álvarez"
t_err "names the unasked evidence" "contract_signed"
t_run "the same key twice" 3 move "$E" qualify --evidence "$(ev buyer_engaged)" \
	--evidence "buyer_engaged=Another reply from the buyer today" --contact "José Álvarez"
t_err "names the repeated key" "buyer_engaged"
t_run "two problems at once" 3 move "$E" qualify --evidence "buyer_engaged=short" \
	--contact "Zed Nobody"
t_err "lists the text problem" "10"
t_err "and the contact problem" "Zed Nobody"
t_same_db "refused evidence changed nothing" "$T_DIR/before"
t_run "contact by stakeholder id" 0 move "$E" qualify --evidence "$(ev buyer_engaged)" \
	--contact "$JOSE"
t_eq "contact id and name stored" \
	"$(t_sql "SELECT contact_id || ':' || contact_name FROM evidence WHERE deal_id = $E")" \
	"$JOSE:José Álvarez"
t_run "contact in other case, accented" 0 move "$E" discover \
	--evidence "$(ev problem_confirmed)" --contact "JOSÉ ÁLVAREZ" --on "$TODAY"
t_eq "uppercase accented name matched" \
	"$(t_sql "SELECT contact_id || ':' || contact_name || ':' || acted_on FROM evidence WHERE deal_id = $E AND requirement = 'problem_confirmed'")" \
	"$JOSE:José Álvarez:$TODAY"
t_run "exactly ten letters and digits is enough" 0 move "$E" present \
	--evidence "needs_confirmed=Signed ok 12" --contact "josé álvarez" --override "no economic buyer yet"
t_eq "ten-letter evidence accepted and recorded" \
	"$(t_sql "SELECT what FROM evidence WHERE deal_id = $E AND requirement = 'needs_confirmed'")" "Signed ok 12"

# A deal created earlier accepts an earlier date.
F=$(new_deal "Older deal")
person "$F" "Ann Chu" champion >/dev/null
backdate "$F" 10
t_run "a date after creation, in the past" 0 move "$F" qualify --evidence "$(ev buyer_engaged)" \
	--contact "Ann Chu" --on "$(t_day -5)"
t_eq "acted_on stored" "$(t_sql "SELECT acted_on FROM evidence WHERE deal_id = $F")" "$(t_day -5)"
t_run "a date before the backdated creation" 3 move "$F" discover \
	--evidence "$(ev problem_confirmed)" --contact "Ann Chu" --on "$(t_day -11)"

# === --contact / --on pairing ===========================================
P=$(new_deal "Pairing")
person "$P" "Ann Chu" champion >/dev/null
person "$P" "Bob Ek" user >/dev/null
backdate "$P" 10
D5=$(t_day -5) D3=$(t_day -3)
t_run "once for all: one contact, one date, two pieces of evidence" 0 move "$P" discover \
	--evidence "$(ev buyer_engaged)" --evidence "$(ev problem_confirmed)" \
	--contact "Ann Chu" --on "$D5"
t_eq "both got the contact and the date" \
	"$(t_sql "SELECT group_concat(requirement || '/' || contact_name || '/' || acted_on, ',') FROM (SELECT * FROM evidence WHERE deal_id = $P ORDER BY id)")" \
	"buyer_engaged/Ann Chu/$D5,problem_confirmed/Ann Chu/$D5"
P2=$(new_deal "Pairing 2")
person "$P2" "Ann Chu" champion >/dev/null
person "$P2" "Bob Ek" user >/dev/null
backdate "$P2" 10
t_run "one per evidence: paired in order" 0 move "$P2" discover \
	--evidence "$(ev buyer_engaged)" --contact "Ann Chu" --on "$D5" \
	--evidence "$(ev problem_confirmed)" --contact "Bob Ek" --on "$D3"
t_eq "paired in order" \
	"$(t_sql "SELECT group_concat(requirement || '/' || contact_name || '/' || acted_on, ',') FROM (SELECT * FROM evidence WHERE deal_id = $P2 ORDER BY id)")" \
	"buyer_engaged/Ann Chu/$D5,problem_confirmed/Bob Ek/$D3"
P3=$(new_deal "Pairing 3")
person "$P3" "Ann Chu" champion >/dev/null
person "$P3" "Bob Ek" user >/dev/null
t_dump "$T_DIR/before"
t_run "two contacts for one piece of evidence" 2 move "$P3" qualify \
	--evidence "$(ev buyer_engaged)" --contact "Ann Chu" --contact "Bob Ek"
t_run "two dates for three pieces of evidence" 2 move "$P3" discover \
	--evidence "$(ev buyer_engaged)" --evidence "$(ev problem_confirmed)" \
	--evidence "$(ev needs_confirmed)" --contact "Ann Chu" --on "$TODAY" --on "$TODAY"
t_run "--contact without --evidence" 2 move "$P3" qualify --contact "Ann Chu"
t_same_db "pairing errors changed nothing" "$T_DIR/before"

# === Backward moves =====================================================
K=$(new_deal "Back and forth")
person "$K" "Ann Chu" champion >/dev/null
t_run "to qualify" 0 move "$K" qualify --evidence "$(ev buyer_engaged)" --contact "Ann Chu"
t_run "to discover" 0 move "$K" discover --evidence "$(ev problem_confirmed)" --contact "Ann Chu"
t_dump "$T_DIR/before"
t_run "backward without a reason" 3 move "$K" prospect
t_err "asks for a reason" "reason"
t_run "backward with an empty reason" 3 move "$K" prospect --reason ""
t_run "evidence on a backward move" 2 move "$K" qualify --reason "Scope changed by the buyer" \
	--evidence "$(ev buyer_engaged)" --contact "Ann Chu"
t_run "the same stage" 3 move "$K" discover
t_err "says it is already there" "discover"
t_run "unknown stage" 2 move "$K" closing
t_err "lists the stages" "qualify"
t_run "'lost' is not a stage for move" 2 move "$K" lost
t_run "move an unknown deal" 1 move 999 qualify --reason x
t_same_db "refused backward moves changed nothing" "$T_DIR/before"
t_run "backward with a reason" 0 move "$K" qualify --reason "New CIO reopened the requirements"
t_eq "back event with reason" \
	"$(t_sql "SELECT kind || '|' || from_stage || '|' || stage || '|' || reason FROM stage_events WHERE deal_id = $K ORDER BY id DESC LIMIT 1")" \
	"back|discover|qualify|New CIO reopened the requirements"
t_eq "a backward move records no evidence" "$(t_sql "SELECT count(*) FROM evidence WHERE deal_id = $K")" "2"
t_run "earlier evidence does not count again" 3 move "$K" discover
t_err "needs new evidence" "problem_confirmed"
t_run "back further, two stages" 0 move "$K" prospect --reason "Start again with the buyer"
t_eq "in prospect" "$(stage_of "$K")" "prospect:open"

# === Lost ===============================================================
L=$(new_deal "Loser")
force "$L" negotiate
t_dump "$T_DIR/before"
t_run "lost with an unknown code" 2 lost "$L" --reason too_expensive
t_err "lists the reasons" "no_budget"
t_run "lost without a reason" 2 lost "$L"
t_run "lost an unknown deal" 1 lost 999 --reason price
t_same_db "refused lost changed nothing" "$T_DIR/before"
t_run "lost with a reason and a note" 0 lost "$L" --reason lost_to_competitor \
	--note "Went with the incumbent"
t_eq "deal lost with reason and note" \
	"$(t_sql "SELECT stage, status, lost_reason, lost_note, substr(closed_at, 1, 10) FROM deals WHERE id = $L")" \
	"negotiate|lost|lost_to_competitor|Went with the incumbent|$TODAY"
t_eq "lost event with reason and note" \
	"$(t_sql "SELECT kind, from_stage, status, reason, note, actor FROM stage_events WHERE deal_id = $L ORDER BY id DESC LIMIT 1")" \
	"lost|negotiate|lost|lost_to_competitor|Went with the incumbent|$ME"
t_dump "$T_DIR/before"
t_run "moving a lost deal" 3 move "$L" close --evidence "$(ev approvals_active)"
t_run "moving a lost deal back" 3 move "$L" qualify --reason "Try again with the new buyer"
t_run "losing it again" 3 lost "$L" --reason price
t_same_db "a lost deal does not move" "$T_DIR/before"
t_run "every default lost reason is accepted" 0 lost "$(new_deal L2)" --reason no_budget
for code in no_decision timing poor_fit champion_left price other; do
	t_run "lost reason $code" 0 lost "$(new_deal "L $code")" --reason "$code"
done

# === Reopen =============================================================
t_run "reopen without a reason" 2 reopen "$L"
t_run "reopen with an empty reason" 3 reopen "$L" --reason ""
t_eq "still lost" "$(stage_of "$L")" "negotiate:lost"
t_run "reopen an open deal" 3 reopen "$K" --reason "No idea who the buyer is"
t_run "reopen an unknown deal" 1 reopen 999 --reason "Buyer called us back"
# Long in the stage before it was lost: aging must restart on reopen.
t_sql "UPDATE deals SET stage_entered_at = datetime('now', '-20 days') WHERE id = $L"
t_run "reopen with a reason" 0 reopen "$L" --reason "Incumbent failed the pilot"
t_eq "back to the stage it closed from, open, no lost reason" \
	"$(t_sql "SELECT stage, status, quote(lost_reason), quote(closed_at) FROM deals WHERE id = $L")" \
	"negotiate|open|NULL|NULL"
t_eq "aging restarts" "$(t_sql "SELECT substr(stage_entered_at, 1, 10) FROM deals WHERE id = $L")" "$TODAY"
t_run "list after reopen" 0 list --stage negotiate --format csv
t_eq "0 days in stage after reopen" "$(grep "^$L," "$OUT" | cut -d, -f7)" "0"
t_eq "reopen event with reason" \
	"$(t_sql "SELECT kind, stage, status, reason, actor FROM stage_events WHERE deal_id = $L ORDER BY id DESC LIMIT 1")" \
	"reopen|negotiate|open|Incumbent failed the pilot|$ME"
t_run "reopen the won deal" 0 reopen "$A" --reason "Contract voided by their legal"
t_eq "won deal back in close" "$(stage_of "$A")" "close:open"

# === Override ===========================================================
O=$(new_deal "Override")
person "$O" "Ann Chu" champion >/dev/null
t_run "override with valid and missing evidence" 0 move "$O" discover \
	--evidence "$(ev buyer_engaged)" --contact "Ann Chu" --override "Exec sponsor call booked"
t_out "says it overrode" "overrid"
t_eq "moved" "$(stage_of "$O")" "discover:open"
t_eq "override recorded on the event" \
	"$(t_sql "SELECT kind, override FROM stage_events WHERE deal_id = $O AND override IS NOT NULL")" \
	"forward|Exec sponsor call booked"
t_eq "valid evidence still recorded" \
	"$(t_sql "SELECT requirement FROM evidence WHERE deal_id = $O")" "buyer_engaged"
O2=$(new_deal "Override invalid")
t_run "override with invalid evidence" 0 move "$O2" qualify --evidence "buyer_engaged=meh" \
	--override "Trust me, the buyer is in"
t_eq "invalid evidence not recorded" "$(t_sql "SELECT count(*) FROM evidence WHERE deal_id = $O2")" "0"
t_eq "overrides count as bypasses" \
	"$(t_sql "SELECT count(*) FROM stage_events WHERE deal_id IN ($O, $O2) AND override IS NOT NULL")" "2"
O3=$(new_deal "Override without reason")
t_dump "$T_DIR/before"
"$DEALDECK" move "$O3" qualify --override "" >"$OUT" 2>"$ERR"
rc=$?
if [ "$rc" -ne 0 ]; then t_ok "an override needs a reason (exit $rc)"; else t_fail "an override needs a reason: exit 0"; fi
t_same_db "an empty override changed nothing" "$T_DIR/before"

# === Refusals are complete and leave nothing behind =====================
R=$(new_deal "Refused")
person "$R" "Ann Chu" champion >/dev/null
before_counts=$(t_sql "SELECT (SELECT count(*) FROM stage_events) || '/' || (SELECT count(*) FROM evidence) || '/' || (SELECT group_concat(version) FROM deals)")
t_run "valid evidence plus an unmet gate" 3 move "$R" discover \
	--evidence "$(ev buyer_engaged)" --contact "Ann Chu"
t_eq "no event, no evidence, no deal change" \
	"$(t_sql "SELECT (SELECT count(*) FROM stage_events) || '/' || (SELECT count(*) FROM evidence) || '/' || (SELECT group_concat(version) FROM deals)")" \
	"$before_counts"
t_eq "stdout empty on refusal" "$(cat "$OUT")" ""
t_done
