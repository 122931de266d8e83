# Shared by the benchmark scripts (tests/bench*.sh); sourced, not run.

# secs CMD...: wall time of CMD in seconds, output discarded
secs() {
	s=$(date +%s.%N)
	"$@" >/dev/null
	e=$(date +%s.%N)
	awk -v s="$s" -v e="$e" 'BEGIN { printf "%.3f", e - s }'
}

# best: the smallest of the times on stdin, one a line, to 3 decimals (a best of N)
best() { awk 'NR == 1 || $1 < m { m = $1 } END { printf "%.3f", m }'; }
