#!/bin/sh
# Stakeholder import on one deal (issue 12): each row once read the deal's whole
# committee, so 2,000 people took 13 s and 20,000 took 510 s, all under the write
# lock. Prints the time for N people in one file, with no managers and with each
# reporting to the one before, and again for the re-import of the same file (which
# writes nothing). Not part of make check; run: make bench (or DEALDECK=./dealdeck
# sh tests/bench_people.sh [N...]). Exits 1 when 10x the people take over 20x the time.
set -eu
DEALDECK=${DEALDECK:-./dealdeck}
command -v python3 >/dev/null || { echo "bench_people: python3 missing" >&2; exit 2; }
dir=$(mktemp -d "${TMPDIR:-/tmp}/dealdeck-bench-people.XXXXXX")
trap 'rm -rf "$dir"' EXIT

. "$(dirname "$0")/bench_lib.sh"

[ $# -gt 0 ] || set -- 2000 20000
verdict=0
for shape in flat chain; do
	prev_n='' prev_t=''
	for n in "$@"; do
		rm -f "$dir/p.db" "$dir/p.db-wal" "$dir/p.db-shm"
		"$DEALDECK" --db "$dir/p.db" init >/dev/null
		"$DEALDECK" --db "$dir/p.db" add --title Committee --account Acme >/dev/null
		python3 -c "
import sys
n, chain = $n, '$shape' == 'chain'
print('deal_id,name,role,reports_to')
for i in range(n):
    print('1,Person %d,user,%s' % (i, 'Person %d' % (i - 1) if chain and i else ''))" \
			>"$dir/people.csv"
		t=$(secs "$DEALDECK" --db "$dir/p.db" import stakeholders "$dir/people.csv")
		again=$(secs "$DEALDECK" --db "$dir/p.db" import stakeholders "$dir/people.csv")
		got=$(sqlite3 "$dir/p.db" "SELECT count(*) FROM stakeholders")
		[ "$got" = "$n" ] || { echo "bench_people: $got of $n imported" >&2; exit 1; }
		echo "$shape $n people: import $t s, re-import $again s"
		if [ -n "$prev_n" ]; then
			awk -v a="$t" -v b="$prev_t" -v n="$n" -v m="$prev_n" 'BEGIN {
				grow = (b > 0 ? a / b : 0); printf "  %dx the people: %.1fx the time\n", n / m, grow
				exit !(grow <= 2 * n / m) }' || verdict=1
		fi
		prev_n=$n prev_t=$t
	done
done
[ $verdict = 0 ] || echo "bench_people: the import grows faster than the file" >&2
exit $verdict
