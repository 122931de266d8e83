#!/bin/sh
# The team host, set up as TEAM HOST in dealdeck(1) says, as root: a build with
# --enable-team-group installed into a temporary prefix, a group, OS users (a
# manager, two reps, an outsider) and a team directory. Then as a rep: dealdeck
# works as before (exit 4 where the contract says), while sqlite3, cat, cp, rm and
# ln on the database and its directory fail; exports land as the rep; a --db
# outside the team directory, --config and --output are used without the group; a
# running board holds no trace of it. dealdeck check on a correct and on broken
# set-ups. The triggers refuse each statement through the sqlite3 shell as root.
. "${top_srcdir:-.}/tests/lib.sh"

skip_all() { echo "1..0 # SKIP $1"; exit 0; }
[ "$(id -u)" -eq 0 ] || skip_all "the team host test creates users and a group: run it as root"
for tool in useradd groupadd userdel groupdel setpriv sqlite3 tmux; do
	command -v "$tool" >/dev/null 2>&1 || skip_all "needs $tool"
done
W=$(mktemp -d /var/tmp/dealdeck-team.XXXXXX) || skip_all "cannot make a directory in /var/tmp"
chmod 755 "$W"
findmnt -n -o OPTIONS -T "$W" 2>/dev/null | grep -qw nosuid &&
	{ rm -rf "$W"; skip_all "/var/tmp is mounted nosuid: setgid binaries do not work there"; }

# Names unique to this run; every one is taken away again, whatever happens.
G=ddt$$ MGR=ddm$$ REP=ddr$$ REP2=dds$$ OUTSIDER=ddo$$
USERS="$MGR $REP $REP2 $OUTSIDER"
cleanup() {
	tmux -S "$W/tmux.sock" kill-server >/dev/null 2>&1
	for u in $USERS; do userdel "$u" >/dev/null 2>&1; groupdel "$u" >/dev/null 2>&1; done
	groupdel "$G" >/dev/null 2>&1
	rm -rf "$W" "$T_DIR"
}
trap cleanup EXIT
for u in $USERS; do
	useradd -M -U -d "$W/home/$u" -s /bin/sh "$u" || t_fail "useradd $u"
	mkdir -p "$W/home/$u" && chown "$u:$u" "$W/home/$u" && chmod 700 "$W/home/$u"
done

# --- install: ./configure --enable-team-group=GROUP, make install as root ----------------
TEAM=$W/team BIN=$W/prefix/bin/dealdeck
mkdir -p "$W/home/root"
(
	unset MAKEFLAGS MFLAGS MAKELEVEL
	cd "${top_builddir:-.}" && make -s distdir distdir="$W/build" >/dev/null &&
		cd "$W/build" &&
		./configure -q --prefix="$W/prefix" --enable-team-group="$G" --with-team-dir="$TEAM" &&
		make -s -j2 >/dev/null 2>&1 && make -s install >"$W/install.out" 2>&1
) >"$T_DIR/build.out" 2>&1
if [ -x "$BIN" ]; then t_ok "built with --enable-team-group=$G and installed"; else
	t_fail "build and install" "$(tail -n 20 "$T_DIR/build.out")"
	t_done
	exit 1
fi
t_eq "make install made the group" "$(getent group "$G" | cut -d: -f1)" "$G"
t_eq "the binary is setgid $G" "$(stat -c '%A %G' "$BIN")" "-rwxr-sr-x $G"
t_eq "the team directory is root:$G 2770" "$(stat -c '%a %U:%G' "$TEAM")" "2770 root:$G"
t_eq "make install says so" "$(grep -c "setgid $G" "$W/install.out")" 1

# u_run NAME RC USER ARGS...: dealdeck ARGS as USER, in USER's home, with USER's groups.
as() {
	u=$1
	shift
	setpriv --reuid="$u" --regid="$u" --init-groups env -i PATH=/usr/bin:/bin LC_ALL=C.UTF-8 \
		HOME="$W/home/$u" USER="$u" "$@"
}
u_run() {
	name=$1 want=$2 u=$3
	shift 3
	(cd "$W/home/$u" && as "$u" "$BIN" "$@") >"$OUT" 2>"$ERR"
	got=$?
	if [ "$got" -eq "$want" ]; then t_ok "$name (exit $want)"; else
		t_fail "$name: exit $got, wanted $want" "as $u: dealdeck $*" \
			"stdout: $(head -c 600 "$OUT")" "stderr: $(head -c 600 "$ERR")"
	fi
}
# u_fails NAME USER CMD...: any other program, as USER, must fail.
u_fails() {
	name=$1 u=$2
	shift 2
	if (cd "$W/home/$u" && as "$u" "$@") >"$OUT" 2>"$ERR"; then
		t_fail "$name: it worked" "as $u: $*" "$(head -c 400 "$OUT")"
	else
		t_ok "$name: $(head -n 1 "$ERR" | cut -c 1-70)"
	fi
}

# --- the set-up step: root makes the database, a manager names the team -----------------
DB=$TEAM/team.db
u_run "root creates the team database" 0 root --db "$DB" init
t_eq "the database is root:$G 0660" "$(stat -c '%a %U:%G' "$DB")" "660 root:$G"
cat >"$W/home/$MGR/team.ini" <<EOF
[team]
managers = $MGR
reps = $REP, $REP2
EOF
as root "$BIN" --db "$DB" process show | sed "/^\[team\]/,\$d" >"$W/p.ini"
cat "$W/p.ini" "$W/home/$MGR/team.ini" >"$W/home/$MGR/process.ini"
chown "$MGR" "$W/home/$MGR/process.ini"
u_run "the manager names the team with process apply" 0 "$MGR" --db "$DB" process apply process.ini
u_run "check as the manager: a correct set-up" 0 "$MGR" --db "$DB" check
t_out "check: protected" "protected: yes"
t_out "check: the binary" "is setgid $G"
t_out "check: the schema" "as this version makes it"
t_out "check: integrity" "integrity: ok"

# --- a rep works through dealdeck as before -----------------------------------------------
u_run "rep: add" 0 "$REP" --db "$DB" add --title "Acme renewal" --account Acme --amount 5000
A=$(cat "$OUT")
u_run "rep2: add" 0 "$REP2" --db "$DB" add --title "Beta pilot" --account Beta
B=$(cat "$OUT")
u_run "rep: list" 0 "$REP" --db "$DB" list
t_out "rep: list shows both deals" "Beta pilot"
u_run "rep: show" 0 "$REP" --db "$DB" show "$A"
u_run "rep: edit their deal" 0 "$REP" --db "$DB" edit "$A" --next-step "send the proposal" \
	--next-step-due "$(t_day 3)"
u_run "rep: a stakeholder" 0 "$REP" --db "$DB" stakeholder add "$A" --name "Dana Ruiz" \
	--role champion
u_run "rep: a plan step" 0 "$REP" --db "$DB" plan add "$A" --title "Security review" \
	--owner buyer --due "$(t_day 10)"
u_run "rep: move with the buyer's evidence" 0 "$REP" --db "$DB" move "$A" qualify \
	--evidence "buyer_engaged=Dana Ruiz replied and booked a first call about onboarding" \
	--contact "Dana Ruiz" --on "$TODAY"
u_run "rep: stakeholder list" 0 "$REP" --db "$DB" stakeholder list "$A"
SID=$(t_sql "SELECT id FROM stakeholders WHERE name = 'Dana Ruiz'" "$DB")
u_run "rep: stakeholder edit" 0 "$REP" --db "$DB" stakeholder edit "$SID" --stance supporter
u_run "rep: plan list" 0 "$REP" --db "$DB" plan list "$A"
STEP=$(t_sql "SELECT id FROM plan_steps WHERE title = 'Security review'" "$DB")
u_run "rep: plan done" 0 "$REP" --db "$DB" plan done "$STEP"
u_run "rep: another rep's deal is not theirs" 4 "$REP" --db "$DB" edit "$B" --amount 1
u_run "rep: no override" 4 "$REP" --db "$DB" move "$A" discover \
	--override "the buyer is keen on the whole thing"
u_run "rep: stats" 0 "$REP" --db "$DB" stats
u_run "rep: the board as text" 0 "$REP" --db "$DB" board --width 100 --height 24
u_run "rep: review list" 0 "$REP" --db "$DB" review list
u_run "rep: who" 0 "$REP" --db "$DB" who
u_run "rep: export to their home" 0 "$REP" --db "$DB" export deals --output deals.csv
t_eq "the export is the rep's, with the rep's group" \
	"$(stat -c '%U:%G' "$W/home/$REP/deals.csv")" "$REP:$REP"
printf 'title,account,owner\nGamma trial,Gamma,%s\n' "$REP" >"$W/home/$REP/new.csv"
chown "$REP" "$W/home/$REP/new.csv"
u_run "rep: imports are a manager's" 4 "$REP" --db "$DB" import deals new.csv
cp "$W/home/$REP/new.csv" "$W/home/$MGR/new.csv" && chown "$MGR" "$W/home/$MGR/new.csv"
u_run "manager: import a file of theirs" 0 "$MGR" --db "$DB" import deals new.csv
u_run "manager: any deal" 0 "$MGR" --db "$DB" edit "$B" --amount 1200
u_run "manager: review snapshot" 0 "$MGR" --db "$DB" review snapshot --note "week 49"
u_run "rep2: lose their deal" 0 "$REP2" --db "$DB" lost "$B" --reason timing
u_run "rep2: only a manager reopens" 4 "$REP2" --db "$DB" reopen "$B" \
	--reason "the buyer found budget for next quarter"
u_run "manager: reopen" 0 "$MGR" --db "$DB" reopen "$B" \
	--reason "the buyer found budget for next quarter"
u_run "rep: review diff" 0 "$REP" --db "$DB" review diff
u_run "rep: review queue" 0 "$REP" --db "$DB" review queue
u_run "rep: review forecast" 0 "$REP" --db "$DB" review forecast --format csv
u_run "rep: export events" 0 "$REP" --db "$DB" export events --output events.csv
u_run "manager: process show" 0 "$MGR" --db "$DB" process show
t_out "... the team is in it" "reps = $REP, $REP2"
u_run "outsider: reads" 0 "$OUTSIDER" --db "$DB" list
u_run "outsider: may not write" 4 "$OUTSIDER" --db "$DB" add --title "Mine" --account Me
(cd "$W/home/$REP" && as "$REP" env DEALDECK_DB="$DB" "$BIN" list) >"$OUT" 2>"$ERR"
t_eq "\$DEALDECK_DB naming the team database works" "$?" 0
printf '[db]\npath = %s\n' "$DB" >"$W/home/$REP/cfg.ini"
chown "$REP" "$W/home/$REP/cfg.ini"
u_run "[db] path is read after the group is gone: refused" 1 "$REP" --config cfg.ini list
t_err "... and says to name it with --db" "only when --db or \$DEALDECK_DB names it"
t_eq "the -wal and -shm are the group's, 0660" \
	"$(stat -c '%a %G' "$DB-wal" "$DB-shm" 2>/dev/null | sort -u)" "660 $G"

# --- any other program, as a rep, is shut out -----------------------------------------------
u_fails "sqlite3 cannot open it" "$REP" sqlite3 "$DB" "UPDATE team SET role = 'manager'"
u_fails "cat cannot read it" "$REP" cat "$DB"
u_fails "cp cannot copy it" "$REP" cp "$DB" "$W/home/$REP/copy.db"
u_fails "rm cannot remove it" "$REP" rm -f "$DB"
u_fails "ln cannot link it" "$REP" ln "$DB" "$W/home/$REP/link.db"
u_fails "ls cannot list the directory" "$REP" ls "$TEAM"
u_fails "nothing can be put in the directory" "$REP" touch "$TEAM/mine.db"
u_fails "the directory cannot be renamed" "$REP" mv "$TEAM" "$W/gone"
t_eq "the database is still there" "$(stat -c %a "$DB")" 660
u_run "the manager's own dealdeck still works" 0 "$MGR" --db "$DB" list

# --- a personal database works exactly as without the team group ------------------------------
u_run "rep: a personal database of their own" 0 "$REP" --db mine.db init
u_run "... add" 0 "$REP" --db mine.db add --title "Side project" --account Self
u_run "... list" 0 "$REP" --db mine.db list
t_out "... shows it" "Side project"
t_eq "... 0600, theirs, with their group" "$(stat -c '%a %U:%G' "$W/home/$REP/mine.db")" \
	"600 $REP:$REP"
u_run "rep: the default database, with no --db" 0 "$REP" add --title "Default" --account Self
u_run "... list it" 0 "$REP" list
t_out "... shows it" "Default"

# --- the group is used for the team database's open only -----------------------------------
mkdir -p "$W/other"
chmod 755 "$W/other"
as root "$BIN" --db "$W/other/other.db" init >/dev/null
chgrp "$G" "$W/other/other.db" && chmod 640 "$W/other/other.db"
u_run "a --db outside the team directory is opened as the user" 1 "$REP" \
	--db "$W/other/other.db" list
t_err "... and is refused as it would be without dealdeck" "Permission denied"
u_run "SQLite's side files are not databases to open with the group" 1 "$REP" \
	--db "$DB-journal" init
t_eq "... nothing was made" "$(ls "$TEAM" | grep -c journal)" 0
u_run "... also through .. from the team directory" 1 "$REP" --db "$TEAM/../other/other.db" list
as "$REP" ln -s "$DB" "$W/home/$REP/team-link.db"
u_run "... and through a link of the rep's to the team database" 1 "$REP" --db team-link.db list
cp "$W/home/$REP/cfg.ini" "$W/other/group.ini" && chgrp "$G" "$W/other/group.ini" &&
	chmod 640 "$W/other/group.ini"
u_run "--config is read as the user, after the group is gone" 1 "$REP" --db "$DB" \
	--config "$W/other/group.ini" list
mkdir -p "$W/gdir" && chgrp "$G" "$W/gdir" && chmod 770 "$W/gdir"
u_run "--output is written as the user" 1 "$REP" --db "$DB" export deals --output "$W/gdir/x.csv"
t_eq "... and nothing was written there" "$(ls -A "$W/gdir")" ""

# A running board: real, effective and saved group IDs are all the rep's.
tmux -S "$W/tmux.sock" new-session -d -x 100 -y 30 \
	"setpriv --reuid=$REP --regid=$REP --init-groups env -i PATH=/usr/bin:/bin TERM=xterm-256color LC_ALL=C.UTF-8 HOME=$W/home/$REP $BIN --db $DB"
pid= n=50
while [ -z "$pid" ] && [ $n -gt 0 ]; do
	pid=$(pgrep -u "$REP" -f "$BIN --db $DB" | head -n 1)
	[ -n "$pid" ] || sleep 0.1
	n=$((n - 1))
done
rep_gid=$(id -g "$REP")
n=100
while ! tmux -S "$W/tmux.sock" capture-pane -p 2>/dev/null | grep -q "Acme renewal" &&
	[ $n -gt 0 ]; do
	sleep 0.1
	n=$((n - 1))
done
t_eq "the rep's board shows the team's deals" \
	"$(tmux -S "$W/tmux.sock" capture-pane -p | grep -q "Acme renewal" && echo shown)" shown
t_eq "a running board holds no trace of the group (Gid: real effective saved fs)" \
	"$(awk '/^Gid:/ { print $2, $3, $4, $5 }' "/proc/$pid/status" 2>/dev/null)" \
	"$rep_gid $rep_gid $rep_gid $rep_gid"
u_fails "the rep cannot look into their board's open files" "$REP" ls "/proc/$pid/fd"
u_fails "... nor attach to it to borrow them" "$REP" sh -c \
	"grep -q '^TracerPid:' /proc/$pid/status && cat /proc/$pid/mem"
tmux -S "$W/tmux.sock" kill-server >/dev/null 2>&1

# --- removing a member takes write access away at once ---------------------------------------
sed "s/^reps = .*/reps = $REP/" "$W/home/$MGR/process.ini" >"$W/home/$MGR/fewer.ini"
chown "$MGR" "$W/home/$MGR/fewer.ini"
u_run "the manager removes rep2 from [team]" 0 "$MGR" --db "$DB" process apply fewer.ini
u_run "rep2 may no longer write" 4 "$REP2" --db "$DB" edit "$B" --next-step "call them"
u_run "rep2 still reads" 0 "$REP2" --db "$DB" show "$B"

# --- dealdeck check on broken set-ups -------------------------------------------------------
chmod 666 "$DB"
u_run "check: a database others can write" 1 "$MGR" --db "$DB" check
t_out "... names the mode" "has mode 0666, not 0660"
t_out "... and says it is not protected" "protected: no"
chmod 660 "$DB"
chmod 2775 "$TEAM"
u_run "check: a directory others can list" 1 "$MGR" --db "$DB" check
t_out "... names the directory's mode" "has mode 2775, not 2770"
chmod 2770 "$TEAM"
usermod -a -G "$G" "$REP2"
u_run "check: a member in the team group" 1 "$REP2" --db "$DB" check
t_out "... names them" "you ($REP2) are in group $G"
gpasswd -d "$REP2" "$G" >/dev/null
chmod g-s "$BIN"
u_run "a binary without its setgid bit cannot open the team database" 1 "$REP" --db "$DB" list
t_err "... and says why" "only dealdeck setgid $G opens"
u_run "check as root names the missing setgid bit" 1 root --db "$DB" check
t_out "... the binary" "is not setgid $G"
chmod 2755 "$BIN"
chgrp "$G" "$BIN" && chmod 2755 "$BIN"
u_run "check: set right again" 0 "$MGR" --db "$DB" check

# --- the triggers hold for any writer: the sqlite3 shell as root ----------------------------
t_dump "$W/before.sql" "$DB"
for sql in "DELETE FROM deals WHERE id = $A" "UPDATE team SET role = 'manager' WHERE login = '$REP'" \
	"INSERT INTO team VALUES ('$REP2', 'manager', NULL, NULL)" "DELETE FROM team" \
	"DELETE FROM stages WHERE key = 'qualify'" "UPDATE gate_evidence SET contact_required = 0" \
	"INSERT INTO lost_reasons VALUES ('whim', 99)" "DELETE FROM gate_checks" \
	"UPDATE stage_events SET actor = 'nobody'" "DELETE FROM evidence"; do
	if sqlite3 -batch "$DB" "$sql" >"$OUT" 2>"$ERR"; then
		t_fail "sqlite3 as root: $sql: it worked"
	else
		t_ok "sqlite3 as root: $sql: $(cut -c 1-60 "$ERR" | head -n 1)"
	fi
done
t_dump "$W/after.sql" "$DB"
t_eq "the database is as it was" "$(cmp "$W/before.sql" "$W/after.sql" && echo same)" same
sqlite3 -batch "$DB" "DROP TRIGGER deals_no_delete"
u_run "check: a dropped trigger is named" 1 "$MGR" --db "$DB" check
t_out "... by name" "trigger deals_no_delete is missing"

t_done
