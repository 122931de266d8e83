#!/bin/sh
# The core in src/ never includes curses; screens in ui/ never write SQL.
. "${top_srcdir:-.}/tests/lib.sh"
cd "$top_srcdir" || exit 1
hits=$(grep -lE '#include[[:space:]]*[<"](n?curses|ncursesw/)' src/*.c src/*.h 2>/dev/null)
t_eq "src/ does not include curses" "$hits" ""
hits=$(grep -lE 'sqlite3_|"(SELECT|INSERT|UPDATE|DELETE) ' ui/*.c ui/*.h 2>/dev/null)
t_eq "ui/ does not use SQL" "$hits" ""
t_done
