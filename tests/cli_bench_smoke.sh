#!/bin/sh
# make bench's scale table at 1,000 deals only (one keypress of each kind), so
# the benchmark cannot rot: it runs, prints a row per figure with a result, and
# every figure passes.
. "${top_srcdir:-.}/tests/lib.sh"

SIZES=1000 RUNS=1 KEY_RUNS=1 DEALDECK="$DEALDECK" sh "$top_srcdir/tests/bench_scale.sh" >"$OUT" 2>"$ERR"
t_eq "the bench runs at 1,000 deals" "$?" "0"
t_out "it prints the table's header" "ratio  target"
t_eq "a row per figure, each with a result" "$(grep -cE ' (pass|FAIL|skip)$' "$OUT")" "10"
t_no_out "no figure fails" "FAIL"
t_done
