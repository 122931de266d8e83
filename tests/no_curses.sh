#!/bin/sh
# Rules a grep can check: the core in src/ never includes curses; screens in ui/ never
# write SQL; text reaches stdout and stderr only through src/output.c (and CSV through
# src/csv_write.c), which keep escape sequences from users' data off the terminal.
. "${top_srcdir:-.}/tests/lib.sh"
cd "$top_srcdir" || exit 1
hits=$(grep -lE '#include[[:space:]]*[<"](n?curses|ncursesw/)' src/*.c src/*.h 2>/dev/null)
t_eq "src/ does not include curses" "$hits" ""
hits=$(grep -lE 'sqlite3_|"(SELECT|INSERT|UPDATE|DELETE) ' ui/*.c ui/*.h 2>/dev/null)
t_eq "ui/ does not use SQL" "$hits" ""
# (String literals are left out first: SQL has a printf() of its own.)
hits=$(grep -nE '(^|[^_a-z])(v?printf|puts|putchar)\(|f(printf|puts|write|putc)\(.*std(out|err)' \
	src/*.c ui/*.c | sed 's/"\([^"\\]\|\\.\)*"/""/g' |
	grep -E ':[0-9]+:.*((^|[^_a-z])(v?printf|puts|putchar)\(|f(printf|puts|write|putc)\(.*std(out|err))' |
	grep -vE '^(src/output\.c|src/xmalloc\.c):')
t_eq "stdout and stderr are written only by src/output.c (and fatal)" "$hits" ""
t_done
