#!/bin/sh
# Keypress to screen through a real terminal (issue 17): KEY_RUNS (50) presses of
# each kind on the board of DB, each timed from tmux send-keys until the screen
# shows its effect (capture-pane polled without pause):
#   move    > opens the gate form of the selected deal (Esc closes it, untimed)
#   filter  Enter in the owner picker (o, type-ahead rep2) filters the board to rep2
#           (c clears it, untimed)
#   column  l or h moves the selection to the next or previous column
# Prints "KIND MEDIAN WORST" in ms, one line each. Used by tests/bench_scale.sh
# (make bench); by hand: DEALDECK=./dealdeck sh tests/bench_keys.sh DB.
set -eu
DEALDECK=${DEALDECK:-./dealdeck}
KEY_RUNS=${KEY_RUNS:-50}
DB=$1
command -v tmux >/dev/null || { echo "bench_keys: tmux missing" >&2; exit 2; }
kdir=$(mktemp -d "${TMPDIR:-/tmp}/dealdeck-bench-keys.XXXXXX")
SOCK="$kdir/tmux.sock"
trap 'tmux -S "$SOCK" kill-server 2>/dev/null || :; rm -rf "$kdir"' EXIT

t() { tmux -S "$SOCK" -f /dev/null "$@"; }
screen() { t capture-pane -p -t dd; }
now_ns() { date +%s%N; }

# until_shown TEXT / until_gone TEXT: polls the screen, at most 10 s; 1 on timeout.
until_shown() {
	end=$(($(now_ns) + 10000000000))
	until screen | grep -qF -- "$1"; do
		[ "$(now_ns)" -lt "$end" ] || return 1
	done
}
until_gone() {
	end=$(($(now_ns) + 10000000000))
	while screen | grep -qF -- "$1"; do
		[ "$(now_ns)" -lt "$end" ] || return 1
	done
}
# The line with the selection marker: it changes when the selection moves.
marker() { screen | grep '▶' | head -n 1; }
until_marker_moved() {
	end=$(($(now_ns) + 10000000000))
	while [ "$(marker)" = "$1" ]; do
		[ "$(now_ns)" -lt "$end" ] || return 1
	done
}

# timed KEY CHECK ARG: sends KEY, runs CHECK ARG until it holds, appends the ms to $samples.
timed() {
	s=$(now_ns)
	t send-keys -t dd "$1"
	"$2" "$3" || { echo "bench_keys: no effect of $1 after 10 s" >&2; echo 10000 >>"$samples"; return; }
	echo $((($(now_ns) - s) / 1000000)) >>"$samples"
}

# median and worst of the samples, in ms
summary() { sort -n "$samples" | awk '{ v[NR] = $1 } END {
	m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
	printf "%s %.0f %d\n", kind, m, v[NR] }' kind="$1"; }

READY="> advance" # the board's key hints: a whole frame at rest
t new-session -d -s dd -x 200 -y 50 \
	"exec env LC_ALL=C.UTF-8 TERM=xterm-256color $DEALDECK --db '$DB'"
t set-option -g status off >/dev/null 2>&1
until_shown "$READY" || { echo "bench_keys: the board did not start" >&2; exit 1; }

samples="$kdir/move"
for i in $(seq "$KEY_RUNS"); do
	timed '>' until_shown "Esc cancel"
	t send-keys -t dd Escape
	until_gone "Esc cancel"
done
summary move

samples="$kdir/filter"
for i in $(seq "$KEY_RUNS"); do
	t send-keys -t dd o
	until_shown "Show one owner's deals"
	t send-keys -t dd -l rep2
	until_shown "find: rep2"
	timed Enter until_shown "owner rep2"
	t send-keys -t dd c
	until_gone "owner rep2"
done
summary filter

samples="$kdir/column"
for i in $(seq "$KEY_RUNS"); do
	key=l
	[ $((i % 2)) -eq 0 ] && key=h
	timed "$key" until_marker_moved "$(marker)"
done
summary column
t send-keys -t dd q
