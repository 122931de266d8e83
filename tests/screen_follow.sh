#!/bin/sh
# Follow mode in two real terminals (two tmux servers, 120x40 and 90x30) on one
# database: the presenter (--present) moves the selection, scrolls columns, opens
# each pane, the stats screen, review mode and its next deal, turns privacy on; the
# follower (--follow LOGIN) shows each within a bounded wait. A follower's keys write
# nothing (a dump of the database, presence aside). Detach (X) and catch up (F).
# `dealdeck who`. The presenter quitting, then killed with kill -9: the follower says
# so and keeps its board. Two presenters at once, with two logins when the test
# may make a throwaway OS user (root, useradd, setpriv): each follower follows its own.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/screen_lib.sh"

# The database in a directory the second login may write in too.
mkdir -m 0777 "$T_DIR/shared"
DB="$T_DIR/shared/pipeline.db"
export DEALDECK_DB="$DB"
"$DEALDECK" --db "$DB" demo --seed 3 >"$OUT" 2>"$ERR" || t_fail "demo --seed 3" "$(cat "$ERR")"
S_DB=$DB
ME=$(t_login)

# OTHER: a second login, removed on exit; WHY_NOT says why there is none.
OTHER= WHY_NOT=
if [ "$(id -u)" != 0 ]; then
	WHY_NOT="not root: no second login to present with"
elif ! command -v useradd >/dev/null 2>&1 || ! command -v setpriv >/dev/null 2>&1; then
	WHY_NOT="no useradd or setpriv to run as a second login"
elif ! useradd -M -N -s /bin/false "ddfollow$$" >/dev/null 2>&1; then
	WHY_NOT="useradd ddfollow$$ failed"
else
	OTHER=ddfollow$$
	cat >"$T_DIR/as_other.sh" <<-EOF
		#!/bin/sh
		exec setpriv --reuid=$OTHER --regid=$(id -g "$OTHER") --init-groups -- $(s_q "$DEALDECK") "\$@"
	EOF
	chmod 0755 "$T_DIR/as_other.sh"
	chmod 0711 "$T_DIR"
	chmod 0666 "$DB"
	if ! "$T_DIR/as_other.sh" --db "$DB" who >"$T_DIR/other.out" 2>&1; then
		WHY_NOT="$OTHER cannot run dealdeck here: $(head -n 1 "$T_DIR/other.out")"
	fi
fi
# One tmux server per terminal; a presenter started again gets a new one (p2, p3).
P=p
as_p() { S_SOCK="$T_DIR/$P.sock" S_LAST="$T_DIR/$P.last" S_STARTED=0; }
as_f() { S_SOCK="$T_DIR/f.sock" S_LAST="$T_DIR/f.last" S_STARTED=0; }
as_q() { S_SOCK="$T_DIR/q.sock" S_LAST="$T_DIR/q.last" S_STARTED=0; }
as_r() { S_SOCK="$T_DIR/r.sock" S_LAST="$T_DIR/r.last" S_STARTED=0; }
kill_all() {
	for k in "$T_DIR"/*.sock; do tmux -S "$k" kill-server >/dev/null 2>&1; done
}
trap 'kill_all; [ -z "$OTHER" ] || userdel -f "$OTHER" >/dev/null 2>&1; rm -rf "$T_DIR"' EXIT

# The presenter's view as it wrote it: field N of the first line (2 screen, 3 deal...).
# state_of LOGIN N: that login's presenter's.
state_of() {
	t_sql "SELECT state FROM presence WHERE role = 'present' AND login = '$1'
		ORDER BY id DESC LIMIT 1" | head -n 1 | cut -d' ' -f"$2"
}
state() { state_of "$ME" "$1"; }
# The first 12 characters of deal ID's title: how a card of any width starts.
title12() { t_sql "SELECT substr(title, 1, 12) FROM deals WHERE id = $1"; }
# Waits for the presenter to have written a view with deal $1 (field $2) selected.
wait_state() {
	n=50
	while [ "$(state "${2:-3}")" = "$1" ] && [ $n -gt 0 ]; do sleep 0.1; n=$((n - 1)); done
}
# wait_row ROW TEXT [SECONDS]: until row ROW (0 = the top) of the screen has TEXT.
wait_row() {
	n=$(($(s_ticks "${3:-10}")))
	while [ $n -gt 0 ]; do
		s_row "$1" >"$S_LAST.row"
		grep -qF -- "$2" "$S_LAST.row" && return 0
		sleep "$S_POLL"
		n=$((n - 1))
	done
	s_capture >"$S_LAST"
	return 1
}
# settle: until the screen is the same twice 0.2 s apart (the keys sent are done).
settle() {
	n=50 a=$(s_capture | cksum)
	while [ $n -gt 0 ]; do
		sleep 0.2
		b=$(s_capture | cksum)
		[ "$a" = "$b" ] && return 0
		a=$b n=$((n - 1))
	done
}
# Deal data only: the presence rows change with every heartbeat.
dump() { t_dump "$1.full" "$DB"; grep -v 'presence' "$1.full" >"$1"; }

as_p
S_ARGS=--present
s_start 120 40
s_wait_status "$S_READY"
P_PID=$(s_pid)

as_f
S_ARGS="--follow $ME"
s_start 90 30
t_status "the follower says whom it follows and how to detach" "following $ME: X to look"

t_cmd "who lists the presenter and the follower" 0 "$DEALDECK" --db "$DB" who
t_out "who: the presenter" "$ME"
t_out "who: presents since" "presents since"
t_out "who: follows" "follows $ME since"
t_cmd "who --format csv" 0 "$DEALDECK" --db "$DB" who --format csv
t_out "who csv: header" "login,role,follows,since,pid"
t_out "who csv: the presenter's row" "$ME,presents,,"

# Heartbeats are presence only: no open board reads the pipeline again for one.
# A title changed behind dealdeck's back (sqlite3: a commit that is no counted
# data write, as a heartbeat is) stays unseen through heartbeats of both rows,
# and shows with the next write dealdeck counts.
beats() { t_sql "SELECT group_concat(beat, ',') FROM (SELECT beat FROM presence ORDER BY id)"; }
sel=$(state 3)
t_sql "UPDATE deals SET title = 'Rawtitle' WHERE id = $sel"
b0=$(beats)
n=60
while [ $n -gt 0 ]; do
	b=$(beats)
	[ "${b%%,*}" != "${b0%%,*}" ] && [ "${b#*,}" != "${b0#*,}" ] && break
	sleep 0.1
	n=$((n - 1))
done
t_eq "both rows beat meanwhile" "$([ $n -gt 0 ] && echo beat)" beat
sleep 0.6 # a negative: two polls of 250 ms after the beats
as_f
t_no_screen "a heartbeat does not make the follower read the pipeline" "Rawtitle"
as_p
t_no_screen "nor the presenter, on its follower's heartbeat" "Rawtitle"
t_run "a counted write by another process" 0 --db "$DB" edit "$sel" --next-step "Call back"
t_screen "that write makes the presenter read it" "Rawtitle" 10
t_status "... and say so" "someone else changed the pipeline" 10
as_f
t_screen "... and the follower" "Rawtitle" 10

# The selection, across columns (the follower's narrower board scrolls on its own).
for keys in "j j" "l" "l l j" "l l l"; do
	old=$(state 3)
	as_p
	# shellcheck disable=SC2086
	s_keys $keys
	wait_state "$old"
	# Several keys: the state may still move; take it once it has settled.
	id=$(state 3)
	sleep 0.3
	while [ "$(state 3)" != "$id" ]; do id=$(state 3); sleep 0.3; done
	as_f
	t_screen "the follower selects deal $id after '$keys'" "▶$(title12 "$id")" 10
done

as_p
s_keys s
as_f
t_screen "the stakeholder pane follows" "Buying committee" 10
as_p
s_keys a
as_f
t_screen "the plan pane follows" "Mutual action plan" 10
t_no_screen "one pane at a time" "Buying committee"
as_p
s_keys a
as_f
s_wait_gone "Mutual action plan" 10 && t_ok "the pane closes with the presenter's"

# The boxes over the board: the detail view (Enter) of the presenter's deal, help (?).
as_p
s_keys Enter
s_wait " Deal (arrows scroll"
as_f
t_screen "the detail view follows" " Deal (arrows scroll" 10
t_screen "... of the presenter's deal" "$(title12 "$(state 3)")" 1
as_p
s_keys Escape
as_f
s_wait_gone " Deal (arrows scroll" 10 && t_ok "the detail view closes with the presenter's"
as_p
s_keys '?'
as_f
t_screen "the help follows" "Keys and card markers" 10
as_p
s_keys Escape
as_f
s_wait_gone "Keys and card markers" 10 && t_ok "help closes with the presenter's"

as_p
s_keys t
as_f
t_screen "the stats screen follows" "Stage aging" 10
# Its period and owner: the presenter's, not the follower's own choice.
as_p
s_keys p
s_wait "last 180 days"
as_f
t_screen "the stats period follows" "last 180 days" 10
as_p
s_keys o
s_wait "Stats of one owner"
s_keys Right Enter
s_wait_gone "owner: everyone"
who=$(s_row 0 | sed -n 's/.*owner: \([^ ]*\).*/\1/p')
as_f
t_screen "the stats owner follows ($who)" "owner: $who" 10
as_p
s_keys '?'
as_f
t_screen "the stats screen's help follows" "Stats keys" 10
as_p
s_keys Escape
as_f
s_wait_gone "Stats keys" 10 && t_ok "... and closes with the presenter's"
as_p
s_keys Escape
as_f
s_wait_gone "Stage aging" 10 && t_ok "back to the board with the presenter"
t_screen "the board again" " dealdeck " 1

as_p
s_keys r
s_wait "review mode"
old=$(state 7)
s_keys n
wait_state "$old" 7
rid=$(state 7)
as_f
t_screen "review mode follows" "review mode" 10
t_screen "review mode's next deal follows (deal $rid)" "deal $rid " 10
# Its page scrolled to the bottom: the same line at the top at either size (a
# plan of 30 steps makes the page longer than either screen).
{
	echo "deal_id,title,owner,due"
	for i in $(seq 1 30); do echo "$rid,Step number $i of the plan,joint,2031-01-01"; done
} >"$T_DIR/plan.csv"
"$DEALDECK" --db "$DB" import plan "$T_DIR/plan.csv" >/dev/null
as_p
s_wait "▼" # the plan is there: more below
s_keys G
s_wait "▲" # more above: scrolled
top=$(s_row 3 | cut -c1-40 | sed 's/ *$//')
as_f
if wait_row 3 "$top" 10; then
	t_ok "review mode's scroll follows: '$top' at the top"
else
	s_fail_screen "review mode's scroll: '$top' is not at the top"
fi
as_p
s_keys g
as_f
if wait_row 3 "$(t_sql "SELECT substr(title, 1, 12) FROM deals WHERE id = $rid")" 10; then
	t_ok "... and back to the top"
else
	s_fail_screen "review mode's scroll: not back at the top"
fi
as_p
s_keys Escape
s_keys '$'
as_f
t_screen "privacy follows" "[amounts hidden]" 10

# Whatever a follower presses writes nothing and opens no form.
dump "$T_DIR/before"
as_f
for k in '>' '<' e n W L M u d Space Tab s Enter / o f; do s_keys "$k"; done
t_status "following, a key says how to look around" "X to look around" 10
s_keys X
t_status "looking around says how to catch up" "F catches up" 10
for k in '>' '<' e n W L M u s Tab d Space Enter Escape / o f O; do s_keys "$k"; done
settle # every key handled (a write would have been made by now)
dump "$T_DIR/after"
t_eq "a follower's keys write no deal data" "$(cmp "$T_DIR/before" "$T_DIR/after" && echo same)" \
	same
t_no_screen "no form opened on the follower" "Advance"
t_status "looking around, writing keys are refused" "read-only while following" 10
s_keys Escape Escape

# Detached: the presenter moves, the follower stays; F catches up.
settle
mine=$(s_marker)
as_p
old=$(state 3)
s_keys l
wait_state "$old"
id=$(state 3)
as_f
sleep 0.6 # a negative: two polls of 250 ms
t_eq "detached, the follower's selection stays" "$(s_marker)" "$mine"
s_keys F
t_screen "F catches up with the presenter (deal $id)" "▶$(title12 "$id")" 10
t_status "caught up: following again" "following $ME" 10

# The presenter quits: the follower is told and keeps its board.
as_p
s_keys q
s_wait "EXITED:0"
as_f
t_status "the follower is told the presenter stopped" "stopped presenting or is gone" 8
t_screen "the follower keeps its board" " dealdeck " 1
t_cmd "who: the presenter's row went with it" 0 "$DEALDECK" --db "$DB" who
t_no_out "who: no presenter" "presents since"

# Presenting again, then killed: stale presence expires and the follower says so.
# Its last beat is made a minute old, as if the seconds had passed (the wait in
# real time, with no other commit to notice, is tests/screen_follow_stale.sh).
P=p2
as_p
S_ARGS=--present
s_start 120 40
s_wait_status "$S_READY"
P_PID=$(s_pid)
as_f
t_status "the follower follows the presenter back" "following $ME" 8
as_p
s_keys j
kill -9 "$P_PID"
t_sql "UPDATE presence SET beat = beat - 60 WHERE pid = $P_PID"
as_f
t_status "killed with -9: the follower says so" "stopped presenting or is gone" 12
t_screen "... and keeps its board" " dealdeck " 1
t_cmd "who: the stale presenter expired" 0 "$DEALDECK" --db "$DB" who
t_no_out "who: nobody presents" "presents since"

# Two presenters at once: both listed, neither's row touched by the other; with
# a second login, a follower of each shows its own presenter's view.
P=p3
as_p
S_ARGS=--present
s_start 120 40
s_wait_status "$S_READY"
as_q
S_ARGS=--present
if [ -z "$WHY_NOT" ]; then
	own=$DEALDECK
	DEALDECK="$T_DIR/as_other.sh"
	s_start 100 30
	DEALDECK=$own
else
	s_start 100 30
fi
s_wait_status "$S_READY"
s_keys l
# Until the second presenter has written its moved view (a loaded machine may take a while).
views() { t_sql "SELECT count(DISTINCT state) FROM presence WHERE role = 'present'" "$DB"; }
n=100
while [ "$(views)" != 2 ] && [ $n -gt 0 ]; do sleep 0.1; n=$((n - 1)); done
t_eq "two presenters at once: two rows" \
	"$(t_sql "SELECT count(*) FROM presence WHERE role = 'present'" "$DB")" 2
t_eq "two presenters: different views" "$(views)" 2
if [ -z "$WHY_NOT" ]; then
	t_cmd "who lists the second login" 0 "$DEALDECK" --db "$DB" who --format csv
	t_out "who: $OTHER presents" "$OTHER,presents,,"
	as_r
	S_ARGS="--follow $OTHER"
	s_start 90 30
	mine=$(state_of "$ME" 3) theirs=$(state_of "$OTHER" 3)
	t_eq "the two presenters select different deals ($mine, $theirs)" \
		"$([ -n "$mine" ] && [ "$mine" != "$theirs" ] && echo differ)" differ
	as_f
	t_screen "the follower of $ME shows $ME's deal" "▶$(title12 "$mine")" 10
	as_r
	t_screen "the follower of $OTHER shows $OTHER's deal" "▶$(title12 "$theirs")" 10
	t_status "... and says whom it follows" "following $OTHER:" 10
	s_keys q
	s_wait "EXITED:0"
else
	t_skip "two presenters with different logins" "$WHY_NOT"
fi
as_f
t_screen "the follower still runs" " dealdeck " 1
s_keys q
s_wait "EXITED:0" && t_ok "the follower quits with q"
as_p
s_keys q
as_q
s_keys q
s_wait "EXITED:0"
n=100
while [ "$(t_sql "SELECT count(*) FROM presence" "$DB")" != 0 ] && [ $n -gt 0 ]; do
	sleep 0.1
	n=$((n - 1))
done
t_eq "quitting removes every row" "$(t_sql "SELECT count(*) FROM presence" "$DB")" 0

t_done
