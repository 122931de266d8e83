#!/bin/sh
# Defence in depth inside the file (schema 8), for any program that writes it:
# the sqlite3 shell cannot delete a deal or change the team and process tables;
# history stays append-only; process apply still works. dealdeck check names a
# trigger dropped, changed or added by another program, orphaned rows, and a
# database every user of the machine can read.
. "${top_srcdir:-.}/tests/lib.sh"

t_run "demo" 0 demo --seed 2
t_team_process "$T_DIR/team.ini" "$(t_login)" "pat, lee"
t_run "a team" 0 process apply "$T_DIR/team.ini"
t_run "check: a fresh database" 0 check
t_out "check: the file's mode and owner" "file:      -rw-------"
t_out "check: a personal build" "team:      none: a personal build"
t_out "check: schema as made" "as this version makes it"
t_out "check: integrity" "integrity: ok"
t_out "check: derived values" "ok: totals"
t_run "check --quick" 0 check --quick
t_out "... uses quick_check" "integrity: ok (quick_check, foreign_key_check)"

t_dump "$T_DIR/before"
for sql in "DELETE FROM deals WHERE id = 1" "DELETE FROM deals" \
	"UPDATE team SET role = 'manager' WHERE login = 'pat'" "INSERT INTO team VALUES ('mallory', 'manager', NULL, NULL)" \
	"DELETE FROM team" "UPDATE stages SET probability = 100" "DELETE FROM stages" \
	"INSERT INTO gate_evidence VALUES ('x', 'prospect', 9, 'anything', 0)" \
	"DELETE FROM gate_evidence" "UPDATE gate_checks SET check_text = ''" \
	"DELETE FROM lost_reasons" "UPDATE stage_events SET actor = 'nobody'" \
	"DELETE FROM stage_events" "UPDATE evidence SET what = 'made up'" "DELETE FROM evidence"; do
	if t_sql "$sql" >"$OUT" 2>"$ERR"; then
		t_fail "sqlite3: $sql: it worked"
	else
		t_ok "sqlite3 refuses: $sql ($(sed 's/.*, //' "$ERR" | head -n 1))"
	fi
done
t_same_db "every refused statement left the database as it was" "$T_DIR/before"
t_cmd "sqlite3: the deletion names the rule" 19 sqlite3 -batch "$DEALDECK_DB" "DELETE FROM deals"
t_err "... deals are closed, never deleted" "deals are closed (won or lost), never deleted"

# dealdeck's own process apply still changes the process, and leaves no flag behind.
t_run "process show" 0 process show
sed 's/^probability = 10$/probability = 12/' "$OUT" >"$T_DIR/p.ini"
t_run "process apply still works" 0 process apply "$T_DIR/p.ini"
t_eq "... the change is in" "$(t_sql "SELECT probability FROM stages WHERE key = 'qualify'")" 12
t_eq "... and the flag is gone" \
	"$(t_sql "SELECT count(*) FROM meta WHERE key = 'applying_process'")" 0
t_cmd "so a plain statement is refused again" 19 sqlite3 -batch "$DEALDECK_DB" \
	"UPDATE stages SET probability = 100"
t_run "check after an apply" 0 check

# What another program may still do to the file, check names.
t_sql "DROP TRIGGER deals_no_delete"
t_run "check: a dropped trigger" 1 check
t_out "... named" "problem: trigger deals_no_delete is missing"
t_err "... counted" "1 problem with how"
t_sql "DELETE FROM deals WHERE id = 1"
t_run "check: the deleted deal's history is orphaned" 1 check
t_out "... counted" "rows refer to rows that are gone"
t_sql "CREATE TRIGGER deals_no_delete BEFORE DELETE ON deals BEGIN SELECT 1; END"
t_run "check: a changed trigger" 1 check
t_out "... named" "problem: trigger deals_no_delete differs from what this version makes"
t_sql "CREATE TRIGGER sneaky AFTER INSERT ON deals BEGIN SELECT 1; END"
t_run "check: a trigger dealdeck did not make" 1 check
t_out "... named" "problem: trigger sneaky was not made by dealdeck"

# A personal database every user can read.
t_run "init another" 0 --db "$T_DIR/open.db" init
chmod 644 "$T_DIR/open.db"
t_run "check: readable by everyone" 1 --db "$T_DIR/open.db" check
t_out "... says so and how to fix it" "can be reached by every user of this machine: chmod 600"
chmod 600 "$T_DIR/open.db"
t_run "check: set right" 0 --db "$T_DIR/open.db" check

t_done
