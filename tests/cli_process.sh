#!/bin/sh
# The process: show, apply, init --process, broken files, custom gates.
. "${top_srcdir:-.}/tests/lib.sh"
t_init

# --- show / apply round trip --------------------------------------------
t_run "process show" 0 process show
cp "$OUT" "$T_DIR/shown.ini"
t_out "shows the stages" "stages = prospect, qualify, discover, present, propose, negotiate, close"
t_out "shows a gate's evidence" "evidence = needs_confirmed"
t_out "shows a gate's checks" "checks = has_role economic_buyer, has_role champion"
t_out "shows the lost reasons" "lost_reasons = no_budget, no_decision, lost_to_competitor, timing, poor_fit, champion_left, price, other"
t_out "shows the team section" "[team]"
t_eq "shows each stage's forecast category, the contract's defaults" \
	"$(grep '^forecast = ' "$OUT" | cut -d' ' -f3 | tr '\n' ' ')" \
	"pipeline pipeline pipeline best_case best_case commit commit "
t_dump "$T_DIR/before"
t_run "apply what show printed" 0 process apply "$T_DIR/shown.ini"
t_run "show again" 0 process show
if cmp -s "$OUT" "$T_DIR/shown.ini"; then t_ok "show → apply → show is identical"; else
	t_fail "show → apply → show is identical" "$(diff "$T_DIR/shown.ini" "$OUT" | head -20)"; fi
t_same_db "re-applying the shown process changes nothing" "$T_DIR/before"
t_run "apply the shipped default process" 0 process apply "$top_srcdir/data/process.ini"
t_run "show after applying the shipped file" 0 process show
if cmp -s "$OUT" "$T_DIR/shown.ini"; then t_ok "the shipped file is the built-in default"; else
	t_fail "the shipped file is the built-in default" "$(diff "$T_DIR/shown.ini" "$OUT" | head -20)"; fi

# A category set in the file is stored and shown; the review forecast follows it.
sed '/^\[stage negotiate\]/,/^$/ s/^forecast = .*/forecast = best_case/' "$T_DIR/shown.ini" \
	>"$T_DIR/negotiate.ini"
t_run "apply negotiate as best case" 0 process apply "$T_DIR/negotiate.ini"
t_eq "stored" "$(t_sql "SELECT forecast FROM stages WHERE key = 'negotiate'")" "best_case"
t_run "shown" 0 process show
t_eq "shown as given" "$(sed -n '/^\[stage negotiate\]/,/^$/ s/^forecast = //p' "$OUT")" \
	"best_case"
t_run "back to the shipped process" 0 process apply "$top_srcdir/data/process.ini"

# --- a custom process -----------------------------------------------------
cat >"$T_DIR/small.ini" <<'EOF'
# A small process for tests.
[process]
name = "Small"
stages = lead, trial, order
lost_reasons = budget, other

[stage lead]
label = "Lead"
probability = 10
warn_days = 7
rot_days = 14
evidence = demo_done
checks = amount_set

[stage trial]
label = "Trial"
probability = 50
warn_days = 7
rot_days = 14
evidence = trial_ok
checks = next_step_set, min_stakeholders 2

[stage order]
label = "Order"
probability = 90
warn_days = 3
rot_days = 5
evidence = po_received
checks =

[evidence demo_done]
meaning = "the buyer attended a demo"
contact = optional

[evidence trial_ok]
meaning = "the buyer confirmed the trial worked"

[evidence po_received]
meaning = "the buyer sent a purchase order"
contact = required
EOF
SMALL="$T_DIR/small.db"
t_run "init --process with a custom file" 0 --db "$SMALL" init --process "$T_DIR/small.ini"
t_eq "its stages are stored" "$(t_sql "SELECT group_concat(key, ',') FROM (SELECT key FROM stages ORDER BY position)" "$SMALL")" \
	"lead,trial,order"
t_eq "default currency USD" "$(t_sql "SELECT value FROM meta WHERE key = 'currency'" "$SMALL")" "USD"
t_run "show the custom process" 0 --db "$SMALL" process show
t_out "custom stages shown" "stages = lead, trial, order"
t_out "optional contact shown" "contact = optional"
t_out "custom check shown" "checks = next_step_set, min_stakeholders 2"
# No forecast keys: the stages go by probability (10% pipeline, 50% best case, 90% commit).
t_eq "forecast categories by probability" "$(grep '^forecast = ' "$OUT" | tr '\n' ';')" \
	"forecast = pipeline;forecast = best_case;forecast = commit;"
cp "$OUT" "$T_DIR/small-shown.ini"
t_run "the shown custom process applies" 0 --db "$SMALL" process apply "$T_DIR/small-shown.ini"
t_run "and shows the same" 0 --db "$SMALL" process show
if cmp -s "$OUT" "$T_DIR/small-shown.ini"; then t_ok "custom round trip identical"; else
	t_fail "custom round trip identical" "$(diff "$T_DIR/small-shown.ini" "$OUT" | head -20)"; fi

# The custom gates are the ones move enforces.
t_run "add a deal" 0 --db "$SMALL" add --title "Small deal" --account "Tiny Co"
S=$(cat "$OUT")
t_eq "starts in the first custom stage" "$(t_sql "SELECT stage FROM deals WHERE id = $S" "$SMALL")" "lead"
t_run "a default stage is unknown here" 2 --db "$SMALL" move "$S" qualify --reason x
t_run "lead→trial without evidence or amount" 3 --db "$SMALL" move "$S" trial
t_err "custom evidence named" "demo_done"
t_err "custom check named" "amount set"
t_no_err "default evidence not asked" "buyer_engaged"
t_run "evidence without a contact, amount still missing" 3 --db "$SMALL" move "$S" trial \
	--evidence "demo_done=The buyer attended the full demo"
t_no_err "an optional contact is not asked for" "contact"
t_err "the amount check still fails" "amount set"
"$DEALDECK" --db "$SMALL" edit "$S" --amount 5000 >/dev/null
t_run "an optional contact, if given, must be a stakeholder" 3 --db "$SMALL" move "$S" trial \
	--evidence "demo_done=The buyer attended the full demo" --contact "Ghost Person"
t_err "names the unknown contact" "Ghost Person"
t_run "lead→trial met without a contact" 0 --db "$SMALL" move "$S" trial \
	--evidence "demo_done=The buyer attended the full demo"
t_eq "evidence without contact" \
	"$(t_sql "SELECT requirement || ':' || quote(contact_name) FROM evidence WHERE deal_id = $S" "$SMALL")" \
	"demo_done:NULL"
t_run "trial→won checks every gate left" 3 --db "$SMALL" move "$S" won \
	--evidence "trial_ok=Their team used it daily for a month"
t_err "contact required by default" "trial_ok"
t_err "next step check" "next step set"
t_err "two stakeholders check" "at least 2 stakeholder"
t_err "the last gate's evidence" "po_received"
"$DEALDECK" --db "$SMALL" stakeholder add "$S" --name "Ann Chu" --role champion >/dev/null
"$DEALDECK" --db "$SMALL" stakeholder add "$S" --name "Bo Diaz" --role user >/dev/null
"$DEALDECK" --db "$SMALL" edit "$S" --next-step "Countersign" >/dev/null
t_run "trial→won met" 0 --db "$SMALL" move "$S" won \
	--evidence "trial_ok=Their team used it daily for a month" \
	--evidence "po_received=Purchase order 4711 received by email" --contact "Ann Chu"
t_eq "won, keeping the stage it closed from" "$(t_sql "SELECT stage || ':' || status FROM deals WHERE id = $S" "$SMALL")" \
	"trial:won"
t_run "a default lost reason is unknown here" 2 --db "$SMALL" lost \
	"$("$DEALDECK" --db "$SMALL" add --title L --account L)" --reason price
t_run "a custom lost reason works" 0 --db "$SMALL" lost \
	"$("$DEALDECK" --db "$SMALL" add --title L2 --account L)" --reason budget

# --- init -----------------------------------------------------------------
t_run "init --currency EUR" 0 --db "$T_DIR/eur.db" init --currency EUR
t_eq "currency stored" "$(t_sql "SELECT value FROM meta WHERE key = 'currency'" "$T_DIR/eur.db")" "EUR"
t_eq "init gets the default process" "$(t_sql "SELECT count(*) FROM stages" "$T_DIR/eur.db")" "7"
"$DEALDECK" --db "$T_DIR/eur.db" add --title E --account E --amount 1000 >/dev/null
t_run "show names the currency" 0 --db "$T_DIR/eur.db" show 1
t_out "EUR shown" "EUR"
for bad in eur EURO US "" 123 "E1R"; do
	t_run "init --currency '$bad' is a usage error" 2 --db "$T_DIR/cur-$bad.db" init --currency "$bad"
	if [ -e "$T_DIR/cur-$bad.db" ]; then t_fail "no database left by --currency '$bad'"; else
		t_ok "no database left by --currency '$bad'"; fi
done
cp "$SMALL" "$T_DIR/small.copy"
t_run "init refuses an existing database" 1 --db "$SMALL" init
t_err "says it exists" "exists"
if cmp -s "$SMALL" "$T_DIR/small.copy"; then t_ok "existing database untouched"; else t_fail "existing database untouched"; fi
printf 'not a database\n' >"$T_DIR/plain.txt"
t_run "init refuses any existing file" 1 --db "$T_DIR/plain.txt" init
t_eq "file untouched" "$(cat "$T_DIR/plain.txt")" "not a database"
t_run "init in a missing directory" 0 --db "$T_DIR/new/sub/p.db" init
t_eq "missing directories made 0700" "$(stat -c %a "$T_DIR/new/sub")" "700"
t_run "init --process with a missing file" 1 --db "$T_DIR/nofile.db" init --process "$T_DIR/nope.ini"
if [ -e "$T_DIR/nofile.db" ]; then t_fail "no database made from a missing process file"; else
	t_ok "no database made from a missing process file"; fi

# --- broken process files -------------------------------------------------
# broken NAME SED: a copy of the shown default process with one change, as $T_DIR/bad.ini.
broken() { sed "$1" "$T_DIR/shown.ini" >"$T_DIR/bad.ini"; }
# line_of TEXT: the line number of the first line with TEXT in bad.ini.
line_of() { grep -nF -- "$1" "$T_DIR/bad.ini" | head -1 | cut -d: -f1; }
"$DEALDECK" add --title "Keeps the DB busy" --account X >/dev/null
t_dump "$T_DIR/before"
# check_broken NAME TEXT: apply and init both refuse bad.ini, reporting FILE:LINE of TEXT.
check_broken() {
	ln=$(line_of "$2")
	t_run "apply: $1" 65 process apply "$T_DIR/bad.ini"
	t_err "apply: $1 reported at FILE:LINE" "$T_DIR/bad.ini:$ln:"
	t_same_db "apply: $1 changed nothing" "$T_DIR/before"
	t_run "init: $1" 65 --db "$T_DIR/broken.db" init --process "$T_DIR/bad.ini"
	t_err "init: $1 reported at FILE:LINE" "$T_DIR/bad.ini:$ln:"
	if [ -e "$T_DIR/broken.db" ]; then t_fail "init: $1 created no database"; rm -f "$T_DIR/broken.db"*
	else t_ok "init: $1 created no database"; fi
}
broken '/^\[stage qualify\]/a this line is not ini'
check_broken "a syntax error" "this line is not ini"
broken '/^\[stage discover\]/a colour = "blue"'
check_broken "an unknown key" "colour ="
broken '/^\[stage present\]/,/^$/ s/^probability = .*/probability = 150/'
check_broken "a probability over 100" "probability = 150"
broken '/^\[stage present\]/,/^$/ s/^probability = .*/probability = high/'
check_broken "a probability that is not a number" "probability = high"
broken '/^\[stage present\]/,/^$/ s/^probability = .*/probability = -5/'
check_broken "a negative probability" "probability = -5"
broken '/^\[stage propose\]/,/^$/ s/^checks = .*/checks = min_plan_steps 3, has_budget/'
check_broken "an unknown check" "has_budget"
broken '/^\[stage propose\]/,/^$/ s/^checks = .*/checks = has_role cfo/'
check_broken "a check with an unknown role" "has_role cfo"
broken '/^label = "Negotiate"$/a label = "Negotiate again"'
check_broken "a duplicated key" 'label = "Negotiate again"'
broken '/^\[stage close\]/,/^$/ s/^rot_days = .*/rot_days = 5/'
check_broken "rot_days below warn_days" "rot_days = 5"
broken '/^\[stage close\]/,/^$/ s/^forecast = .*/forecast = upside/'
check_broken "a forecast that is not a category" "forecast = upside"
broken 's/^\[stage discover\]/[stage discovery]/'
check_broken "a stage section no stage list names" "[stage discovery]"
broken '/^\[evidence needs_confirmed\]/,/^$/ s/^contact = .*/contact = sometimes/'
check_broken "a bad contact value" "contact = sometimes"
broken '$a [extra]\
foo = 1'
check_broken "an unknown section" "[extra]"
broken 's/^\[process\]/[proces]/'
check_broken "a misspelt [process] section" "[proces]"

# Every error is reported, each at its own line.
broken '/^\[stage qualify\]/a colour = "blue"
/^\[stage close\]/,/^$/ s/^probability = .*/probability = 101/'
t_run "two errors" 65 process apply "$T_DIR/bad.ini"
t_err "first error line" "$T_DIR/bad.ini:$(line_of 'colour =' ):"
t_err "second error line" "$T_DIR/bad.ini:$(line_of 'probability = 101'):"
t_same_db "two errors changed nothing" "$T_DIR/before"
t_run "apply a missing file" 1 process apply "$T_DIR/missing.ini"
t_same_db "a missing file changed nothing" "$T_DIR/before"

# --- dropping stages ------------------------------------------------------
DROP="$T_DIR/drop.db"
t_run "a database for drops" 0 --db "$DROP" init
"$DEALDECK" --db "$DROP" add --title Open --account A >/dev/null
"$DEALDECK" --db "$DROP" move 1 discover --override "set-up of the fixture deals" >/dev/null
"$DEALDECK" --db "$DROP" add --title Closed --account B >/dev/null
"$DEALDECK" --db "$DROP" move 2 present --override "set-up of the fixture deals" >/dev/null
"$DEALDECK" --db "$DROP" lost 2 --reason price >/dev/null
t_dump "$T_DIR/drop-before" "$DROP"
# without STAGE: the shown default process without that stage.
without() {
	sed "/^stages = /s/, $1//; /^\[stage $1\]/,/^$/d; /^\[evidence $2\]/,/^$/d" \
		"$T_DIR/shown.ini" >"$T_DIR/drop.ini"
}
without discover needs_confirmed
t_run "dropping a stage with an open deal" 3 --db "$DROP" process apply "$T_DIR/drop.ini"
t_err "names the stage" "discover"
t_same_db "refused drop changed nothing" "$T_DIR/drop-before" "$DROP"
without present proposal_requested
t_run "dropping a stage with a lost deal" 3 --db "$DROP" process apply "$T_DIR/drop.ini"
t_err "names the stage of the lost deal" "present"
t_same_db "refused drop of a closed deal's stage changed nothing" "$T_DIR/drop-before" "$DROP"
without propose proposal_reviewed
t_run "dropping a stage without deals" 0 --db "$DROP" process apply "$T_DIR/drop.ini"
t_eq "stage gone" "$(t_sql "SELECT group_concat(key, ',') FROM (SELECT key FROM stages ORDER BY position)" "$DROP")" \
	"prospect,qualify,discover,present,negotiate,close"
t_eq "deals kept" "$(t_sql "SELECT count(*) FROM deals" "$DROP")" "2"
t_run "a move uses the new stages" 2 --db "$DROP" move 1 propose --override x

# The copy iniparser reads goes to $TMPDIR, and a failure to make it is said, not ignored.
TMPDIR="$T_DIR/no-such-dir" t_run "process apply with a missing \$TMPDIR" 1 process apply \
	"$T_DIR/shown.ini"
t_err "names the temporary directory" "cannot create a temporary file in $T_DIR/no-such-dir"
mkdir "$T_DIR/mytmp"
TMPDIR="$T_DIR/mytmp" t_run "process apply with \$TMPDIR set" 0 process apply "$T_DIR/shown.ini"
t_eq "leaves nothing there" "$(ls -A "$T_DIR/mytmp")" ""
t_done
