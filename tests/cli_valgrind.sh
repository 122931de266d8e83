#!/bin/sh
# The main CLI paths under valgrind: no invalid accesses, no definite or indirect leaks.
if ! command -v valgrind >/dev/null 2>&1; then
	echo "1..0 # SKIP valgrind is not installed"
	exit 0
fi
if [ -n "${SANITIZER_CFLAGS:-}" ]; then
	echo "1..0 # SKIP sanitizer build: cannot run under valgrind"
	exit 0
fi
. "${top_srcdir:-.}/tests/lib.sh"

VG="valgrind --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=99 -q"
# vg NAME RC ARGS...: dealdeck ARGS under valgrind exits RC (99 means valgrind found errors).
vg() {
	vg_name=$1 vg_rc=$2
	shift 2
	t_cmd "valgrind: $vg_name" "$vg_rc" $VG "$DEALDECK" "$@"
	if grep -q "==[0-9]*==" "$ERR"; then
		t_fail "valgrind: $vg_name reports nothing" "$(grep "==[0-9]*==" "$ERR" | head -20)"
	else
		t_ok "valgrind: $vg_name reports nothing"
	fi
}

vg "init" 0 init --currency EUR
vg "add" 0 add --title "Acme — 200 seats" --account "Acme Corp" --amount '€12,500.00' \
	--close-date 2031-06-30 --next-step "Call" --next-step-due 2031-05-01
"$DEALDECK" stakeholder add 1 --name "José Álvarez" --role champion --title CTO >/dev/null
vg "stakeholder add" 0 stakeholder add 1 --name "Lee Park" --role economic_buyer \
	--reports-to "José Álvarez"
vg "plan add" 0 plan add 1 --title "Security review" --owner buyer --due 2031-04-15
vg "move refused" 3 move 1 present --evidence "buyer_engaged=short" --contact "Nobody Here"
vg "move accepted" 0 move 1 qualify --evidence "buyer_engaged=José replied and booked a call" \
	--contact "josé álvarez"
vg "move with override" 0 move 1 discover --override "Exec sponsor call booked" \
	--evidence "problem_confirmed=The problem was confirmed in writing" --contact 1
vg "edit" 0 edit 1 --amount 20000 --close-date "" --success-criteria "Live in March"
vg "lost" 0 lost 1 --reason price --note "Too expensive"
vg "reopen" 0 reopen 1 --reason "They came back"
vg "show" 0 show 1
vg "list --format csv" 0 list --format csv --status all
vg "list --as-of" 0 --as-of "$(t_day -1)" list
vg "process show" 0 process show
"$DEALDECK" process show >"$T_DIR/p.ini"
sed '/^\[stage qualify\]/a colour = "blue"
s/^probability = 40/probability = 400/' "$T_DIR/p.ini" >"$T_DIR/bad.ini"
vg "a broken process apply" 65 process apply "$T_DIR/bad.ini"
mkdir -p "$XDG_CONFIG_HOME/dealdeck"
printf '[ui]\nascii = maybe\n' >"$XDG_CONFIG_HOME/dealdeck/config.ini"
vg "a broken config" 65 list
rm "$XDG_CONFIG_HOME/dealdeck/config.ini"
vg "--help" 0 --help
vg "export deals" 0 export deals
vg "import deals, dry run" 0 import deals "$top_srcdir/tests/fixtures/hubspot.csv" --dry-run
printf 'Deal Name,Company,Amount\nA,B,ten\n' >"$T_DIR/bad.csv"
vg "import of a broken file" 65 import deals "$T_DIR/bad.csv"
vg "review snapshot" 0 review snapshot --note "week 49"
vg "review diff" 0 review diff --format csv
vg "review queue" 0 review queue
vg "review forecast" 0 review forecast --privacy
vg "review diff, no such snapshot" 1 review diff --since 99
vg "board as text" 0 board --width 80 --height 24
vg "board as text, ASCII, one owner" 0 --config /dev/null board --owner "$(t_login)" --width 200 --height 60
LC_ALL=C vg "board in a non-UTF-8 locale" 0 board
vg "--demo without a terminal" 0 --demo </dev/null
t_sql "PRAGMA user_version = 99"
vg "a newer database" 1 list
t_done
