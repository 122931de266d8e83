#!/bin/sh
# Follow mode in real time: a presenter killed with kill -9 (no goodbye, no
# further commit) expires from the presence table within the stale time and
# a beat, and its follower says so on its own and keeps its board. Slow (it
# waits those seconds): make check-slow; tests/screen_follow.sh fakes the wait.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/screen_lib.sh"

DB=$DEALDECK_DB
"$DEALDECK" --db "$DB" demo --deals 40 --seed 3 >"$OUT" 2>"$ERR" ||
	t_fail "demo --deals 40" "$(cat "$ERR")"
S_DB=$DB
ME=$(t_login)
as_p() { S_SOCK="$T_DIR/p.sock" S_LAST="$T_DIR/p.last" S_STARTED=0; }
as_f() { S_SOCK="$T_DIR/f.sock" S_LAST="$T_DIR/f.last" S_STARTED=0; }
trap 'as_p; s_stop; as_f; s_stop; rm -rf "$T_DIR"' EXIT

as_p
S_ARGS=--present
s_start 120 40
s_wait_status "$S_READY"
P_PID=$(s_pid)
as_f
S_ARGS="--follow $ME"
s_start 90 30
t_status "the follower follows" "following $ME" 10
kill -9 "$P_PID"
t0=$(date +%s)
# The stale time (6 s) after the last beat (at most 2 s before the kill), and
# the follower's next read (every 2 s): at most about 8 s; a loaded machine more.
t_status "killed with -9: the follower says so on its own" "stopped presenting or is gone" 20
t_eq "... within the stale time and a beat" "$([ $(($(date +%s) - t0)) -le 10 ] && echo soon)" soon
t_screen "... and keeps its board" " dealdeck " 1
t_cmd "who: the stale presenter expired" 0 "$DEALDECK" --db "$DB" who
t_no_out "who: nobody presents" "presents since"
s_keys q
s_wait "EXITED:0" && t_ok "the follower quits with q"

t_done
