#!/bin/sh
# People and permissions: the acting user is the OS login; the process's [team]
# decides who may write what.
. "${top_srcdir:-.}/tests/lib.sh"
t_init

ME=$(t_login)
EV="buyer_engaged=The buyer replied and booked a first call"

# --- the acting user is the OS login -------------------------------------
export USER=someoneelse LOGNAME=someoneelse
t_run "add with USER and LOGNAME set to someone else" 0 add --title "Mine" --account A
MINE=$(cat "$OUT")
t_eq "owner is the login" "$(t_sql "SELECT owner FROM deals WHERE id = $MINE")" "$ME"
t_eq "creation actor is the login" "$(t_sql "SELECT actor FROM stage_events WHERE deal_id = $MINE")" "$ME"
"$DEALDECK" stakeholder add "$MINE" --name "Ann Chu" --role champion >/dev/null
t_run "move with USER set to someone else" 0 move "$MINE" qualify --evidence "$EV" --contact "Ann Chu"
t_eq "move actor is the login" \
	"$(t_sql "SELECT actor FROM stage_events WHERE deal_id = $MINE AND kind = 'forward'")" "$ME"
t_eq "evidence recorded by the login" "$(t_sql "SELECT recorded_by FROM evidence WHERE deal_id = $MINE")" "$ME"
t_run "list --owner someoneelse finds nothing" 0 list --owner someoneelse --format csv
t_eq "only the header" "$(wc -l <"$OUT" | tr -d ' ')" "1"

# --- the base: deals made while no team was named -------------------------
t_run "no team: anyone adds a deal for boss" 0 add --title "Boss deal" --account B --owner boss
BOSS=$(cat "$OUT")
"$DEALDECK" stakeholder add "$BOSS" --name "Bo Diaz" --role champion >/dev/null
BOSS_PERSON=$(t_sql "SELECT id FROM stakeholders WHERE deal_id = $BOSS")
"$DEALDECK" plan add "$BOSS" --title "Boss step" --owner buyer --due 2031-01-01 >/dev/null
BOSS_STEP=$(t_sql "SELECT id FROM plan_steps WHERE deal_id = $BOSS")
BOSS_LOST=$("$DEALDECK" add --title "Boss lost" --account B --owner boss)
"$DEALDECK" lost "$BOSS_LOST" --reason price >/dev/null
MY_LOST=$("$DEALDECK" add --title "My lost" --account C)
"$DEALDECK" lost "$MY_LOST" --reason timing >/dev/null
"$DEALDECK" plan add "$MINE" --title "My step" --owner seller --due 2031-01-01 >/dev/null
MY_STEP=$(t_sql "SELECT id FROM plan_steps WHERE deal_id = $MINE")
MY_PERSON=$(t_sql "SELECT id FROM stakeholders WHERE deal_id = $MINE")
t_run "no team: override allowed" 0 move "$BOSS" qualify --override "no team set up yet"
t_run "no team: reopen allowed" 0 reopen "$BOSS_LOST" --reason "Buyer came back"
"$DEALDECK" lost "$BOSS_LOST" --reason price >/dev/null
BASE="$T_DIR/base.db"
cp "$DEALDECK_DB" "$BASE"

# The base's process, as is: what a rep or an outsider may not apply.
"$DEALDECK" process show >"$T_DIR/process.ini"
# use_team DB MANAGERS REPS [check]: applies the team as the (still manager) user.
# The man pages allow applying a process that leaves oneself out; if dealdeck
# refuses, the team is written in directly so the rest of the file still runs.
use_team() {
	t_team_process "$T_DIR/team.ini" "$2" "$3" "$1"
	if [ -n "${4:-}" ]; then
		t_run "apply a team that leaves me out of the managers ($2 / $3)" 0 --db "$1" \
			process apply "$T_DIR/team.ini"
	else
		"$DEALDECK" --db "$1" process apply "$T_DIR/team.ini" >/dev/null 2>&1
	fi
	if [ "$(t_sql "SELECT count(*) FROM team" "$1")" -eq 0 ]; then
		for m in $(echo "$2" | tr ',' ' '); do t_sql "$APPLYING INSERT INTO team VALUES ('$m', 'manager', NULL, NULL)" "$1"; done
		for r in $(echo "$3" | tr ',' ' '); do t_sql "$APPLYING INSERT INTO team VALUES ('$r', 'rep', NULL, NULL)" "$1"; done
	fi
}

# --- a rep: boss manages, I am a rep ---------------------------------------
REP="$T_DIR/rep.db"
cp "$BASE" "$REP"
use_team "$REP" boss "$ME" check
export DEALDECK_DB="$REP"
t_run "process show names the team" 0 process show
t_out "managers" "managers = boss"
t_out "reps" "reps = $ME"
t_dump "$T_DIR/before"
t_run "rep edits boss's deal" 4 edit "$BOSS" --title "Mine now"
t_err "says whose deal it is" "boss"
t_run "rep moves boss's deal" 4 move "$BOSS" discover --reason x
t_run "rep moves boss's deal back" 4 move "$BOSS" prospect --reason "Buyer is not ready yet"
t_run "rep loses boss's deal" 4 lost "$BOSS" --reason price
t_run "rep maps a stakeholder on boss's deal" 4 stakeholder add "$BOSS" --name "New One" --role user
t_run "rep edits boss's stakeholder" 4 stakeholder edit "$BOSS_PERSON" --stance blocker
t_run "rep removes boss's stakeholder" 4 stakeholder rm "$BOSS_PERSON"
t_run "rep adds a plan step to boss's deal" 4 plan add "$BOSS" --title X --owner buyer --due 2031-01-01
t_run "rep marks boss's step done" 4 plan done "$BOSS_STEP"
t_run "rep edits boss's step" 4 plan edit "$BOSS_STEP" --title "Changed"
t_run "rep removes boss's step" 4 plan rm "$BOSS_STEP"
t_run "rep overrides a gate on own deal" 4 move "$MINE" discover --override "I say so"
t_err "says only a manager may" "manager"
t_run "rep reopens own lost deal" 4 reopen "$MY_LOST" --reason "They called back"
t_run "rep applies a process" 4 process apply "$T_DIR/process.ini"
t_run "rep reassigns own deal" 4 edit "$MINE" --owner boss
t_run "rep adds a deal for boss" 4 add --title "For boss" --account X --owner boss
t_cmd "USER=boss does not make me boss" 4 env USER=boss LOGNAME=boss "$DEALDECK" edit "$BOSS" --title X
t_same_db "refused writes changed nothing" "$T_DIR/before"
t_run "rep edits own deal" 0 edit "$MINE" --amount 5000 --next-step "Call back"
t_run "rep maps a stakeholder on own deal" 0 stakeholder add "$MINE" --name "Cy Eng" --role economic_buyer
t_run "rep edits own stakeholder" 0 stakeholder edit "$MY_PERSON" --stance supporter
t_run "rep adds a plan step to own deal" 0 plan add "$MINE" --title "Demo" --owner joint --due 2031-02-01
t_run "rep marks own step done" 0 plan done "$MY_STEP"
t_run "rep moves own deal" 0 move "$MINE" discover \
	--evidence "problem_confirmed=Ann confirmed the problem is urgent" --contact "Ann Chu"
t_run "rep moves own deal back" 0 move "$MINE" qualify --reason "Needs re-qualifying by the team"
t_run "rep adds a deal" 0 add --title "Rep's new deal" --account R
NEW=$(cat "$OUT")
t_eq "a rep's new deal is theirs" "$(t_sql "SELECT owner FROM deals WHERE id = $NEW")" "$ME"
t_run "rep adds a deal naming themselves" 0 add --title "Named me" --account R --owner "$ME"
t_run "rep loses own deal" 0 lost "$NEW" --reason no_budget
t_run "rep reads boss's deal" 0 show "$BOSS"
t_out "boss's deal shown" "Boss deal"
t_run "rep lists every deal" 0 list --status all
t_out "boss's deals listed" "Boss deal"
t_run "rep lists boss's stakeholders" 0 stakeholder list "$BOSS"
t_run "rep lists boss's plan" 0 plan list "$BOSS"

# --- a login outside the team: reads only ---------------------------------
OUTSIDER="$T_DIR/outsider.db"
cp "$BASE" "$OUTSIDER"
use_team "$OUTSIDER" boss someone
export DEALDECK_DB="$OUTSIDER"
t_dump "$T_DIR/before"
t_run "outsider adds a deal" 4 add --title X --account Y
t_err "says I am not in the team" "$ME"
t_run "outsider edits own deal" 4 edit "$MINE" --title X
t_run "outsider edits boss's deal" 4 edit "$BOSS" --title X
t_run "outsider moves own deal" 4 move "$MINE" discover \
	--evidence "problem_confirmed=Ann confirmed the problem is urgent" --contact "Ann Chu"
t_run "outsider moves back" 4 move "$MINE" prospect --reason "Back to the buyer for a fix"
t_run "outsider overrides" 4 move "$MINE" discover --override x
t_run "outsider loses a deal" 4 lost "$MINE" --reason price
t_run "outsider reopens" 4 reopen "$MY_LOST" --reason "Back again to the buyer"
t_run "outsider maps a stakeholder" 4 stakeholder add "$MINE" --name "Dee Fox" --role user
t_run "outsider edits a stakeholder" 4 stakeholder edit "$MY_PERSON" --title CEO
t_run "outsider removes a stakeholder" 4 stakeholder rm "$MY_PERSON"
t_run "outsider adds a plan step" 4 plan add "$MINE" --title X --owner buyer --due 2031-01-01
t_run "outsider marks a step done" 4 plan done "$MY_STEP"
t_run "outsider undoes a step" 4 plan done "$MY_STEP" --undo
t_run "outsider edits a step" 4 plan edit "$MY_STEP" --title X
t_run "outsider removes a step" 4 plan rm "$MY_STEP"
t_run "outsider applies a process" 4 process apply "$T_DIR/process.ini"
t_same_db "outsider's writes changed nothing" "$T_DIR/before"
t_run "outsider lists" 0 list --status all
t_out "sees the deals" "Boss deal"
t_run "outsider shows a deal" 0 show "$MINE"
t_run "outsider lists stakeholders" 0 stakeholder list "$MINE"
t_run "outsider lists a plan" 0 plan list "$MINE"
t_run "outsider shows the process" 0 process show
t_run "outsider lists as CSV" 0 list --format csv

# --- a manager in a named team --------------------------------------------
MGR="$T_DIR/manager.db"
cp "$BASE" "$MGR"
export DEALDECK_DB="$MGR"
t_team_process "$T_DIR/mgr.ini" "$ME" "boss, alice"
printf '\n[person alice]\nname = "Alice Martin"\nemail = "alice@example.com"\n' >>"$T_DIR/mgr.ini"
t_run "apply a team with me as manager" 0 process apply "$T_DIR/mgr.ini"
t_run "manager edits boss's deal" 0 edit "$BOSS" --amount 100
t_run "manager overrides on boss's deal" 0 move "$BOSS" present --override "Exec call went well"
t_eq "override recorded with the manager" \
	"$(t_sql "SELECT actor || ':' || override FROM stage_events WHERE deal_id = $BOSS ORDER BY id DESC LIMIT 1")" \
	"$ME:Exec call went well"
t_run "manager reopens boss's lost deal" 0 reopen "$BOSS_LOST" --reason "Buyer is back"
t_run "manager reassigns to a rep" 0 edit "$BOSS" --owner alice
t_eq "owner is alice" "$(t_sql "SELECT owner FROM deals WHERE id = $BOSS")" "alice"
t_run "owner by display name" 0 edit "$MINE" --owner "alice martin"
t_eq "display name mapped to the login" "$(t_sql "SELECT owner FROM deals WHERE id = $MINE")" "alice"
t_run "owner by email" 0 add --title "Via email" --account E --owner "Alice@Example.com"
t_eq "email mapped to the login" "$(t_sql "SELECT owner FROM deals WHERE id = $(cat "$OUT")")" "alice"
t_dump "$T_DIR/before"
t_run "owner outside the team" 2 edit "$BOSS" --owner stranger
t_run "new deal for someone outside the team" 2 add --title X --account Y --owner stranger
t_same_db "unknown owners changed nothing" "$T_DIR/before"
t_run "manager applies a process" 0 process apply "$T_DIR/mgr.ini"
t_done
