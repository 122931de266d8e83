#!/bin/sh
# The README's command-line examples, run as written: a user following the
# README on any day gets what it says.
. "${top_srcdir:-.}/tests/lib.sh"

# The README's indented `dealdeck ...` lines of one section (continuations joined,
# comments dropped), one command per line.
examples() {
	awk -v want="$1" '
		/^--+$/ { section = prev }
		{ prev = $0 }
		section != want { next }
		/^    (\$ )?dealdeck / || cont {
			line = $0
			sub(/^    (\$ )?/, "", line)
			sub(/[ ]+# .*$/, "", line)
			if (line ~ /\\$/) { sub(/\\$/, "", line); acc = acc line; cont = 1; next }
			print acc line
			acc = ""; cont = 0
		}' "$README"
}

# The examples call `dealdeck` by name on the default database, as a user would.
mkdir -p "$T_DIR/bin"
ln -s "$DEALDECK" "$T_DIR/bin/dealdeck"
PATH="$T_DIR/bin:$PATH"
unset DEALDECK_DB
README="$(cd "$top_srcdir" && pwd)/README"
cd "$T_DIR" || exit 1 # files the examples write stay in the test's directory

examples "A first pipeline" >"$T_DIR/first"
t_eq "the README has the first-pipeline examples" "$(grep -c . "$T_DIR/first")" "10"
while IFS= read -r cmd; do
	case $cmd in
	"dealdeck move 1 present") want=3 ;; # shown as refused
	*) want=0 ;;
	esac
	eval "$cmd" >"$OUT" 2>"$ERR"
	rc=$?
	if [ "$rc" -eq "$want" ]; then t_ok "README: $cmd"; else
		t_fail "README: $cmd: exit $rc, wanted $want" "$(cat "$ERR")"
	fi
done <"$T_DIR/first"
dealdeck list >"$OUT" 2>&1
t_out "README: list shows the deal in qualify" "Fleet telematics"
t_out "README: in qualify" "qualify"
dealdeck show 1 >"$OUT" 2>&1
t_out "README: the evidence is recorded with the buyer's date" "2026-11-20  buyer_engaged"
t_out "README: the deal started when the README says" "created:          2026-11-02"
dealdeck move 1 present >"$OUT" 2>"$ERR"
t_err "README: the refusal reads as the README shows it" \
	"deal 1 cannot move to present: 3 requirement(s) unmet"
t_err "README: the first unmet requirement as shown" \
	"leaving qualify needs evidence problem_confirmed: the buyer confirmed"

# The weekly review, run as written on the pipeline above, and on a fresh database.
examples "Weekly review" >"$T_DIR/review"
t_eq "the README has the weekly review examples" "$(grep -c . "$T_DIR/review")" "5"
for db in "" "$T_DIR/fresh.db"; do
	[ -n "$db" ] && dealdeck --db "$db" init >/dev/null && export DEALDECK_DB="$db"
	while IFS= read -r cmd; do
		eval "$cmd" >"$OUT" 2>"$ERR"
		rc=$?
		if [ "$rc" -eq 0 ]; then t_ok "README${db:+ (fresh database)}: $cmd"; else
			t_fail "README${db:+ (fresh database)}: $cmd: exit $rc" "$(cat "$ERR")"
		fi
	done <"$T_DIR/review"
done
unset DEALDECK_DB
t_out "README: review list shows the snapshot the example took" "week 48"

# Moving from another CRM: the README's file names are the vendors' fixtures. Each
# import runs on a fresh database made by the section's init line, as a reader
# trying one of them would.
examples "Moving from another CRM" >"$T_DIR/moving"
for crm in hubspot pipedrive salesforce; do
	if grep -qx "dealdeck import deals $crm.csv --from $crm" "$T_DIR/moving"; then
		t_ok "README: the one command for $crm"
	else
		t_fail "README: the one command for $crm" "$(cat "$T_DIR/moving")"
	fi
done
fx="$(dirname "$README")/tests/fixtures"
cp "$fx/hubspot_deals.csv" hubspot.csv
cp "$fx/pipedrive_deals.csv" pipedrive.csv
cp "$fx/salesforce_opportunities.csv" salesforce.csv
printf '%s\n' "Record ID,Deal Name,Deal Stage,Amount,Deal owner,Close Date,Last Activity Date" \
	"301,Delta renewal,Qualified To Buy,900,sam@example.com,12/24/2026," >no-company.csv
init=$(grep '^dealdeck init' "$T_DIR/moving")
t_eq "the section starts a database" "$(test -n "$init" && echo yes)" yes
n=0
while IFS= read -r cmd; do
	[ "$cmd" = "$init" ] && continue
	n=$((n + 1))
	export XDG_DATA_HOME="$T_DIR/moving$n"
	eval "$init" >/dev/null 2>&1
	eval "$cmd" >"$OUT" 2>"$ERR"
	rc=$?
	if [ "$rc" -eq 0 ]; then t_ok "README: $cmd"; else
		t_fail "README: $cmd: exit $rc" "$(cat "$ERR")"
	fi
	case $cmd in
	*--dry-run*) t_out "README: the preview" "hubspot.csv, read as a HubSpot export:" ;;
	*--default*) t_eq "README: the default account" \
		"$(dealdeck list --format csv | cut -d, -f3 | sed -n 2p)" Unknown ;;
	*) if grep -qE '^[1-9][0-9]* added, 0 updated$' "$OUT"; then t_ok "README: it imported"
		else t_fail "README: it imported" "$(cat "$OUT")"; fi ;;
	esac
done <"$T_DIR/moving"
t_eq "README: every import of the section ran" "$n" 7

t_done
