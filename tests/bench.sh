#!/bin/sh
# Benchmarks (not part of make check): how dealdeck scales with a big pipeline,
# and how many bytes the board sends over a slow link. Run: make bench
# (or DEALDECK=./dealdeck sh tests/bench.sh [DEALS]). Prints one line per figure.
set -eu
DEALDECK=${DEALDECK:-./dealdeck}
DEALS=${1:-100000}
dir=$(mktemp -d "${TMPDIR:-/tmp}/dealdeck-bench.XXXXXX")
trap 'tmux -S "$dir/tmux" kill-server 2>/dev/null || :; rm -rf "$dir"' EXIT
db="$dir/big.db"

. "$(dirname "$0")/bench_lib.sh"

echo "demo --deals $DEALS: $(secs "$DEALDECK" --db "$db" demo --deals "$DEALS") s"
echo "rows: $(sqlite3 "$db" 'SELECT (SELECT count(*) FROM deals) || " deals, " ||
	(SELECT count(*) FROM stage_events) || " events, " || (SELECT count(*) FROM evidence) ||
	" evidence"')"
echo "board as text, 200x60: $(secs "$DEALDECK" --db "$db" board --width 200 --height 60) s"
echo "list (all open deals): $(secs "$DEALDECK" --db "$db" list) s"
echo "show one deal: $(secs "$DEALDECK" --db "$db" show 1) s"

# Bytes on the wire: a full redraw (Ctrl-L) against a one-card move (j) at 120x40.
command -v tmux >/dev/null || { echo "tmux missing: no byte counts"; exit 0; }
T="tmux -S $dir/tmux -f /dev/null"
$T new-session -d -x 120 -y 40 "LC_ALL=C.UTF-8 TERM=xterm-256color $DEALDECK --db $db"
wait_for() { i=0; until $T capture-pane -p | grep -qF "$1"; do
	i=$((i + 1)); [ $i -lt 100 ] || { echo "board did not show '$1'"; exit 1; }; sleep 0.1; done; }
bytes() { # bytes KEY: what the program writes after KEY
	: >"$dir/pipe"
	$T pipe-pane -o "cat >>$dir/pipe"
	$T send-keys "$1"
	sleep 1
	$T pipe-pane
	wc -c <"$dir/pipe" | tr -d ' '
}
wait_for "Prospect ("
full=$(bytes C-l)
move=$(bytes j)
echo "bytes at 120x40: full redraw $full, one-card move $move ($((100 * move / (full > 0 ? full : 1)))%)"
$T send-keys q
