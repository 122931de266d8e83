#!/bin/sh
# The demo teaches the real rules: every move of a demo pipeline, replayed through the
# real command line into a fresh database, is decided there as the demo recorded it.
# Each deal is added with its real start (add --created), its stakeholders and plan
# steps come in when the demo mapped and wrote them, and each recorded move is made
# again with the recorded evidence (what, who, when): a move without an override must
# pass the gate engine; an overridden one must be refused without its override and
# pass with it. Back moves and losses replay with their reasons. The replay must end
# where the demo did. The deal's own fields (close date, success criteria, next step,
# amount) have no history, so they are set as the demo left them, from the start.
. "${top_srcdir:-.}/tests/lib.sh"

US=$(printf '\037') # splits the fields of the story: no text of the demo has it

# story DEMO_DB: the demo's story, one record a line, in the order it happened: the
# deal, its people and plan steps as they came, each move after its evidence.
# Fields: kind, deal, then up to eight of the record's own.
story() {
	sqlite3 -batch -noheader -separator "$US" -nullvalue '' "$1" "
	SELECT kind, deal, a, b, c, d, e, f, g, h FROM (
	SELECT 'add' AS kind, id AS deal, created_at AS at, 0 AS rank, 0 AS seq,
		title AS a, account AS b, owner AS c, date(created_at) AS d,
		printf('%d.%02d', amount / 100, amount % 100) AS e, close_date AS f,
		success_criteria AS g, next_step AS h
		FROM deals
	UNION ALL SELECT 'who', deal_id, created_at, 1, id, id, name, role, stance,
		'', '', '', '' FROM stakeholders
	UNION ALL SELECT 'step', deal_id, created_at, 1, id, id, title, owner_side, who, due,
		'', '', '' FROM plan_steps
	UNION ALL SELECT 'ev', v.deal_id, e.at, 2, v.id, v.id, v.requirement, v.what,
		coalesce(v.contact_name, ''), v.acted_on, '', '', ''
		FROM evidence v JOIN stage_events e ON e.id = v.event_id
	UNION ALL SELECT 'move', deal_id, at, 3, id, id, kind,
		CASE kind WHEN 'won' THEN 'won' ELSE stage END, reason, note, override,
		from_stage, '' FROM stage_events WHERE kind <> 'create')
	ORDER BY deal, at, rank, seq"
}

# dd WANT WHAT ARGS...: runs dealdeck on the replay database $R; a wrong exit status
# is noted in $BAD under WHAT, with the command and its stderr.
dd() {
	want=$1 what=$2
	shift 2
	"$DEALDECK" --db "$R" "$@" >"$OUT" 2>"$ERR"
	got=$?
	[ "$got" -eq "$want" ] && return 0
	{
		echo "$what: exit $got, wanted $want: dealdeck $*"
		sed 's/^/    /' "$ERR"
	} >>"$BAD"
	return 1
}

# inc NAME: one more in the tally NAME.
inc() { eval "$1=\$(($1 + 1))"; }

# only_evidence STAGE: the refusal in $ERR is for STAGE's missing evidence alone, what
# an override of its gate passes over; else it is noted in $BAD.
only_evidence() {
	[ "$(grep -c '^  - ' "$ERR")" = "$(grep -c "^  - leaving $1 needs evidence" "$ERR")" ] &&
		return 0
	{
		echo "refused: not for the missing evidence of $1 alone:"
		sed 's/^/    /' "$ERR"
	} >>"$BAD"
	return 1
}

# replay STORY: makes the story again in $R, tallying what went as recorded.
replay() {
	N_ADD=0 N_GATE=0 N_JUMP=0 N_REFUSED=0 N_OVERRIDE=0 N_BACK=0 N_LOST=0
	: >"$BAD"
	exec 3<"$1"
	set -- # the evidence of the next move gathers in the positional parameters
	while IFS=$US read -r kind deal a b c d e f g h; do
		case $kind in
		add)
			dd 0 add add --title "$a" --account "$b" --owner "$c" --created "$d" \
				--amount "$e" ${f:+--close-date "$f"} && inc N_ADD
			[ "$(cat "$OUT")" = "$deal" ] ||
				echo "add: deal $deal got id '$(cat "$OUT")'" >>"$BAD"
			if [ -n "$g$h" ]; then
				dd 0 edit edit "$deal" ${g:+--success-criteria "$g"} \
					${h:+--next-step "$h"}
			fi
			;;
		who) dd 0 stakeholder stakeholder add "$deal" --name "$b" --role "$c" \
			--stance "$d" ;;
		step) dd 0 plan plan add "$deal" --title "$b" --owner "$c" ${d:+--who "$d"} \
			--due "$e" ;;
		ev) set -- "$@" --evidence "$b=$c" --contact "$d" --on "$e" ;; # "": no contact
		move)
			case $b in
			forward | won)
				if [ -z "$f" ]; then
					dd 0 gate move "$deal" "$c" "$@" && inc N_GATE
					[ $# -gt 6 ] && inc N_JUMP # evidence of two gates
				else
					dd 3 refused move "$deal" "$c" "$@" &&
						only_evidence "$g" && inc N_REFUSED
					dd 0 override move "$deal" "$c" "$@" --override "$f" &&
						inc N_OVERRIDE
				fi
				;;
			back) dd 0 back move "$deal" "$c" --reason "$d" && inc N_BACK ;;
			lost) dd 0 lost lost "$deal" --reason "$d" ${e:+--note "$e"} &&
				inc N_LOST ;;
			*) echo "move: unknown kind '$b' of deal $deal" >>"$BAD" ;;
			esac
			set --
			;;
		*) echo "story: unknown record '$kind'" >>"$BAD" ;;
		esac
	done <&3
	exec 3<&-
}

# outcome DB: where a pipeline ended: deals, evidence, history (not who or when).
outcome() {
	t_sql "SELECT id, stage, status, coalesce(lost_reason, '') FROM deals ORDER BY id;
		SELECT deal_id, stage, requirement, what, contact_name, acted_on FROM evidence
		ORDER BY deal_id, id;
		SELECT deal_id, kind, coalesce(from_stage, ''), stage, status,
			coalesce(reason, ''), coalesce(override, '')
		FROM stage_events ORDER BY deal_id, id" "$1"
}

# check_replay NAME DEMO_DB: replays the demo into a fresh $R (already init'ed) and
# checks every move was decided as the demo recorded it.
check_replay() {
	name=$1 demo=$2
	qd() { t_sql "$1" "$demo"; }
	BAD="$T_DIR/$name.bad"
	story "$demo" >"$T_DIR/$name.story"
	t_eq "$name: the story has every move of the demo" \
		"$(grep -c "^move$US" "$T_DIR/$name.story")" \
		"$(qd "SELECT count(*) FROM stage_events WHERE kind <> 'create'")"
	replay "$T_DIR/$name.story"
	t_eq "$name: every deal added with its real start" "$N_ADD" \
		"$(qd 'SELECT count(*) FROM deals')"
	t_eq "$name: every forward or won move without an override passes the gate engine" \
		"$N_GATE" "$(qd "SELECT count(*) FROM stage_events
			WHERE kind IN ('forward', 'won') AND override IS NULL")"
	t_eq "$name: every overridden move is refused without its override, for its evidence" \
		"$N_REFUSED" "$(qd 'SELECT count(*) FROM stage_events WHERE override IS NOT NULL')"
	t_eq "$name: and passes with it" "$N_OVERRIDE" "$N_REFUSED"
	t_eq "$name: back moves and losses replay with their reasons" "$N_BACK $N_LOST" \
		"$(qd "SELECT count(*) FILTER (WHERE kind = 'back'),
			count(*) FILTER (WHERE kind = 'lost') FROM stage_events" | tr '|' ' ')"
	if [ -s "$BAD" ]; then
		t_fail "$name: the replay went as the demo recorded it" "$(head -40 "$BAD")"
	else
		t_ok "$name: the replay went as the demo recorded it"
	fi
	outcome "$demo" >"$T_DIR/$name.demo"
	outcome "$R" >"$T_DIR/$name.replay"
	if cmp -s "$T_DIR/$name.demo" "$T_DIR/$name.replay"; then
		t_ok "$name: the replay ends where the demo did: stages, evidence, history"
	else
		t_fail "$name: the replay ends where the demo did" \
			"$(diff "$T_DIR/$name.demo" "$T_DIR/$name.replay" | head -20)"
	fi
}

# === The default process ===================================================
DEMO="$T_DIR/demo.db" R="$T_DIR/replay.db"
t_run "a demo pipeline" 0 --db "$DEMO" demo --deals 60 --seed 42
t_run "a fresh database for its replay" 0 --db "$R" init
check_replay default "$DEMO"
# Not a replay of nothing: the seed shows every kind of move worth proving.
t_eq "default: the demo has jumps, overrides, back moves and losses" \
	"$([ "$N_JUMP" -gt 0 ] && [ "$N_OVERRIDE" -gt 0 ] && [ "$N_BACK" -gt 0 ] &&
		[ "$N_LOST" -gt 0 ] && echo yes)" yes
t_eq "default: a deal passed a gate twice, with new evidence the second time" \
	"$(t_sql "SELECT count(*) > 0 FROM (SELECT 1 FROM evidence GROUP BY deal_id, requirement
		HAVING count(*) > 1)" "$DEMO")" 1

# === A process with every kind of check ====================================
# Checks the default process lacks (amount_set, next_step_set, min_buyer_steps,
# no_stance skeptic, more stakeholders than a committee naturally has), two pieces of
# evidence for one gate, evidence with no sentence of its own, optional contacts; a team,
# so a manager overrides. The demo meets each by asking the gate engine.
cat >"$T_DIR/every_check.ini" <<EOF
[process]
name = "Every check"
stages = lead, trial, shortlist, order
lost_reasons = budget, other

[stage lead]
label = "Lead"
probability = 10
warn_days = 7
rot_days = 14
evidence = buyer_engaged, fit_checked
checks = amount_set, no_stance skeptic, has_role legal

[stage trial]
label = "Trial"
probability = 50
warn_days = 7
rot_days = 14
evidence = trial_passed
checks = next_step_set, min_stakeholders 8, min_buyer_steps 4

[stage shortlist]
label = "Shortlist"
probability = 70
warn_days = 7
rot_days = 14
evidence = security_cleared
checks = min_plan_steps 12, no_stance blocker, has_role security

[stage order]
label = "Order"
probability = 90
warn_days = 3
rot_days = 5
evidence = contract_signed
checks = close_date_set, success_criteria_set

[evidence buyer_engaged]
meaning = "the buyer replied and accepted a first conversation"

[evidence fit_checked]
meaning = "the buyer walked us through their current setup"
contact = optional

[evidence trial_passed]
meaning = "the buyer confirmed the trial met its success criteria"

[evidence security_cleared]
meaning = "the buyer's security team signed off the questionnaire"
contact = optional

[evidence contract_signed]
meaning = "the buyer signed the contract"

[team]
managers = $(t_login), pat
reps = ann, bob
EOF
DEMO="$T_DIR/every.db" R="$T_DIR/every_replay.db"
t_run "a demo under every kind of check" 0 --db "$DEMO" init --process "$T_DIR/every_check.ini"
t_run "fills it" 0 --db "$DEMO" demo --deals 30 --seed 5
t_run "a fresh database for its replay" 0 --db "$R" init --process "$T_DIR/every_check.ini"
check_replay every "$DEMO"
t_eq "every: the demo has moves through every gate" \
	"$(t_sql "SELECT count(DISTINCT from_stage) FROM stage_events
		WHERE kind IN ('forward', 'won') AND override IS NULL" "$DEMO")" 4
t_done
