# Shared by the benchmark scripts (tests/bench*.sh); sourced, not run.

# secs CMD...: wall time of CMD in seconds, output discarded
secs() {
	s=$(date +%s.%N)
	"$@" >/dev/null
	e=$(date +%s.%N)
	awk -v s="$s" -v e="$e" 'BEGIN { printf "%.3f", e - s }'
}
