#!/bin/sh
# Follow mode latency (issue 15): 50 presenter keypresses (j and k in turn) on the
# demo pipeline, each timed from the key sent to the presenter's terminal until the
# follower's terminal shows the new selection. Prints the median and worst in ms. Not
# part of make check; run: make bench (or DEALDECK=./dealdeck sh tests/bench_follow.sh).
# Exits 1 when the median is LIMIT ms or more (default 1000).
set -eu
DEALDECK=${DEALDECK:-./dealdeck}
DEALDECK=$(cd "$(dirname "$DEALDECK")" && pwd)/$(basename "$DEALDECK")
LIMIT=${LIMIT:-1000}
N=${N:-50}
command -v tmux >/dev/null || { echo "bench_follow: tmux missing" >&2; exit 2; }
dir=$(mktemp -d "${TMPDIR:-/tmp}/dealdeck-bench-follow.XXXXXX")
trap 'tmux -S "$dir/p" kill-server 2>/dev/null; tmux -S "$dir/f" kill-server 2>/dev/null;
	rm -rf "$dir"' EXIT
db="$dir/follow.db"
"$DEALDECK" --db "$db" demo --seed 3 >/dev/null
me=$(id -un)
run() { # SOCK W H ARGS: dealdeck in a fresh tmux server
	SHELL=/bin/sh tmux -S "$dir/$1" -f /dev/null new-session -d -s dd -x "$2" -y "$3" \
		"LC_ALL=C.UTF-8 TERM=xterm-256color $DEALDECK --db $db $4; sleep 30"
}
marker() { tmux -S "$dir/f" capture-pane -p -t dd | grep -n '▶' | head -n 1; }
run p 120 40 --present
sleep 1
run f 90 30 "--follow $me"
n=100
until marker | grep -q .; do sleep 0.1; n=$((n - 1)); [ $n -gt 0 ] || exit 2; done
tmux -S "$dir/p" send-keys -t dd l # a column with more than two cards
sleep 1
: >"$dir/ms"
i=0
while [ $i -lt "$N" ]; do
	before=$(marker)
	if [ $((i % 2)) -eq 0 ]; then key=j; else key=k; fi
	t0=$(date +%s%N)
	tmux -S "$dir/p" send-keys -t dd $key
	w=0
	while [ "$(marker)" = "$before" ] && [ $w -lt 500 ]; do w=$((w + 1)); done
	t1=$(date +%s%N)
	echo $(((t1 - t0) / 1000000)) >>"$dir/ms"
	i=$((i + 1))
done
sort -n "$dir/ms" | awk -v limit="$LIMIT" '{ v[NR] = $1 } END {
	med = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
	printf "follow latency over %d presenter keypresses: median %d ms, worst %d ms\n", NR, med,
		v[NR]
	exit med >= limit }'
