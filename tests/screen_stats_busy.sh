#!/bin/sh
# The stats screen never holds up keys while it computes (issue 17), on a history
# where a computation takes a noticeable time (40,000 deals, 400,000 events: about
# 0.7 s for 180 days): t opens the screen at once; p keeps the figures shown,
# saying they are being recomputed; Esc during a computation is back on the board
# in a fraction of its time; a stream of keys scrolls while the figures wait, and
# once the keys pause they come, equal to `dealdeck stats`. Slow (the history takes
# about 7 s to write): make check-slow.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/screen_lib.sh"
command -v sqlite3 >/dev/null 2>&1 || { echo "1..0 # SKIP sqlite3 missing"; exit 0; }
. "${top_srcdir:-.}/tests/stats_db.sh"

S_DB="$T_DIR/big.db"
stats_db "$S_DB" 40000 || t_fail "a history of 40,000 deals"
ASOF=2026-03-31
S_ARGS="--as-of $ASOF"
KEYS="Esc board" # the key hints: the figures asked for are in
now_ms() { date +%s%3N; }

s_start 120 40
s_wait_status "$S_READY"
s_keys t
t_status "t shows the screen before the first figures are in" "computing the figures; keys work meanwhile"
s_wait_status "$KEYS" 20

# p: another period; the figures shown stay (their period named) until the new ones are in.
start=$(now_ms)
s_keys p
t_status "p: the figures shown stay while the next are computed" "recomputing: the figures shown are from"
t_screen "p: the title names the figures shown, and that they are being recomputed" \
	" Stats (recomputing) as of $ASOF  last 90 days"
s_wait_status "period: last 180 days" 20

# The figures are whole: those of the command line for the same period, which also
# says how long a computation takes here.
start=$(now_ms)
"$DEALDECK" --db "$S_DB" --as-of "$ASOF" stats --from "$(date -u -d "$ASOF -179 days" +%F)" \
	--to "$ASOF" --format csv >"$OUT"
compute=$(($(now_ms) - start))
echo "# the 180 days' figures take $compute ms (dealdeck stats)"
t_eq "a computation takes long enough to test giving way (>= 200 ms)" \
	"$([ "$compute" -ge 200 ] && echo yes)" yes
fig() { awk -F, -v m="$1" '$1 == "summary" && $3 == m { print $4 }' "$OUT"; }
s_capture >"$T_DIR/cap"
bad=
for pair in "won|$(fig won)" "lost|$(fig lost)" "open deals|$(fig open_deals)"; do
	grep -qE -- " ${pair%%|*}  +${pair#*|}( |\$)" "$T_DIR/cap" || bad="$bad [${pair%%|*} ${pair#*|}]"
done
t_eq "the 180 days' summary is that of 'stats --format csv'" "$bad" ""

# Keys typed right behind t: the board is back and has the next key's prompt up long
# before a computation could end.
s_keys Escape
s_wait_status "$S_READY"
start=$(now_ms)
s_keys t Escape /
s_wait "Show deals containing"
keys=$(($(now_ms) - start))
echo "# t Esc / at once: the filter prompt after $keys ms"
t_eq "t, Esc and / at once are handled in under a third of a computation ($keys ms, $compute ms)" \
	"$([ $((keys * 3)) -lt "$compute" ] && echo yes)" yes
s_keys Escape
s_wait_gone "Show deals containing"

# Esc while the figures are recomputed (t again): back on the board at once.
s_keys t
s_wait_status "recomputing: the figures shown are from"
start=$(now_ms)
s_keys Escape
s_wait_status "$S_READY"
esc=$(($(now_ms) - start))
echo "# Esc during the computation: the board after $esc ms"
t_eq "Esc during a computation is handled in under a third of its time ($esc ms, $compute ms)" \
	"$([ $((esc * 3)) -lt "$compute" ] && echo yes)" yes

# A stream of keys, faster than a computation: each scrolls at once; the figures wait.
s_resize 80 24
s_keys t
s_wait_status "recomputing: the figures shown are from"
for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
	s_keys j
	sleep 0.05 # the pace of the stream, not a wait for the screen
done
s_capture >"$T_DIR/cap"
t_eq "under a stream of keys the screen scrolled while recomputing" \
	"$(grep -q '▲' "$T_DIR/cap" && tail -n 1 "$T_DIR/cap" | grep -qF recomputing && echo yes)" yes
t_status "once the keys pause the figures come" "$KEYS" 20
s_keys Escape
s_wait_status "$S_READY"
s_keys q
t_screen "q quits" "EXITED:0"

t_done
