#!/bin/sh
# What goes out is safe: text from users and files never sends an escape sequence, BEL or
# C1 control to a terminal (tables, show, messages, process show, CSV on a terminal), CSV
# to a file or a pipe is the data byte for byte, and every CSV we write neutralises cells
# a spreadsheet would run as formulas.
. "${top_srcdir:-.}/tests/lib.sh"
t_init

ESC=$(printf '\033')
BEL=$(printf '\007')
CSI8=$(printf '\302\233') # U+009B, the one-byte CSI of C1, as UTF-8
# An OSC that sets the window title, a clear-screen, a bell and a C1 CSI.
EVIL="Evil${ESC}]0;pwned${BEL}${ESC}[2J${CSI8}31mdeal"

# has_controls FILE: whether FILE holds ESC, BEL or a C1 control (in UTF-8).
has_controls() { LC_ALL=C grep -q "$(printf '[\033\007]\\|\302[\200-\237]')" "$1"; }
# clean NAME FILE: FILE holds no control that acts on a terminal.
clean() { if has_controls "$2"; then t_fail "$1" "$(od -c "$2" | head -5)"; else t_ok "$1"; fi; }
# on_tty OUTFILE CMD...: runs dealdeck CMD with its output on a terminal (a pty from
# script(1)); OUTFILE gets what the terminal received.
on_tty() {
	out=$1
	shift
	q=""
	for a in "$@"; do q="$q '$(printf '%s' "$a" | sed "s/'/'\\\\''/g")'"; done
	script -qec "\"$DEALDECK\"$q" /dev/null >"$out" 2>&1 </dev/null
}
if ! command -v script >/dev/null 2>&1; then
	on_tty() { return 77; }
fi

D=$("$DEALDECK" add --title "$EVIL" --account "${ESC}[31mRed Corp" --next-step "Call${BEL}")
t_eq "a title with escapes is stored as typed" \
	"$(t_sql "SELECT title = '$EVIL' FROM deals WHERE id = $D")" "1"
"$DEALDECK" stakeholder add "$D" --name "Ann${ESC}[5mBlink" --role champion >/dev/null
F=$("$DEALDECK" add --title "=HYPERLINK(\"http://evil.example\",\"x\")" --account "+1 555" \
	--next-step "-2+3" --amount 10)
G=$("$DEALDECK" add --title "@SUM(A1)" --account "'quoted" --next-step "$(printf '\tTab')")

# --- the screens' text: list, show, stats, board -----------------------------
t_run "list" 0 list
clean "list prints no control" "$OUT"
t_out "list shows the title around the escapes" "Evil ]0;pwned"
t_run "show" 0 show "$D"
clean "show prints no control" "$OUT"
t_out "show shows the stakeholder cleaned" "Ann [5mBlink"
t_run "stakeholder list" 0 stakeholder list "$D"
clean "stakeholder list prints no control" "$OUT"
t_run "board" 0 board --width 100 --height 20
clean "board prints no control" "$OUT"
t_run "stats" 0 stats --owner "x${ESC}[2Jy"
clean "stats prints no control, not even from --owner" "$OUT"

# --- messages that quote what users typed or stored ----------------------------
t_run "a contact that is not a stakeholder" 3 move "$D" qualify \
	--evidence "buyer_engaged=The buyer replied and booked a call" --contact "Bob${ESC}[2J"
clean "the refusal quotes the contact without its escapes" "$ERR"
t_err "and still names it" "Bob [2J"
t_run "an owner who is not in the team" 2 list --stage "x${ESC}]0;t${BEL}"
clean "the usage error quotes the stage without its escapes" "$ERR"
printf 'title,account,amount\n%s,Acme,%s\n' "Row${ESC}[1m" "12${ESC}[31mabc" >"$T_DIR/evil.csv"
t_run "an import with escapes in its cells" 65 import deals "$T_DIR/evil.csv" --dry-run
clean "FILE:LINE: column: message quotes cells without their escapes" "$ERR"
t_err "the message is still there" "evil.csv:2: amount"
printf 'title,account,%s\nA,B,x\n' "col${ESC}[2J" >"$T_DIR/evilhead.csv"
t_run "an import with escapes in a header" 0 import deals "$T_DIR/evilhead.csv" --dry-run
clean "the unknown column warning is clean" "$ERR"

# --- CSV: byte-exact to files and pipes, cleaned on a terminal -------------------
t_run "export to a pipe" 0 export deals
t_eq "export to a pipe keeps the data byte for byte" \
	"$(grep -cF "$D,$EVIL," "$OUT")" "1"
t_run "export to a file" 0 export deals --output "$T_DIR/deals.csv"
t_eq "export to a file keeps the data byte for byte" \
	"$(grep -cF "$D,$EVIL," "$T_DIR/deals.csv")" "1"
t_run "list --format csv to a pipe" 0 list --format csv
t_eq "list --format csv to a pipe keeps the data" "$(grep -cF "$D,$EVIL," "$OUT")" "1"
on_tty "$T_DIR/tty" export deals
case $? in
77) t_skip "export to a terminal" "no script(1) for a pty" ;;
0) clean "export to a terminal shows no control" "$T_DIR/tty"
	t_eq "the row is there, cleaned" "$(grep -cF "$D,Evil ]0;pwned  [2J 31mdeal," "$T_DIR/tty")" \
		"1" ;;
*) t_fail "export to a terminal" "$(head -c 400 "$T_DIR/tty")" ;;
esac
on_tty "$T_DIR/tty" list --format csv
case $? in
77) t_skip "list --format csv to a terminal" "no script(1) for a pty" ;;
0) clean "list --format csv to a terminal shows no control" "$T_DIR/tty" ;;
*) t_fail "list --format csv to a terminal" "$(head -c 400 "$T_DIR/tty")" ;;
esac
on_tty "$T_DIR/tty" stats --format csv --owner "x${ESC}[2J"
case $? in
77) t_skip "stats --format csv to a terminal" "no script(1) for a pty" ;;
*) clean "stats --format csv to a terminal shows no control" "$T_DIR/tty" ;;
esac

# --- formulas: the same rule for every CSV we write -----------------------------
t_run "list --format csv" 0 list --format csv
t_eq "list neutralises =, + and - cells as export does" "$(t_csv_row "$F")" \
	"$F,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",'+1 555,$(t_login),prospect,10.00,0,,,open"
t_eq "list neutralises @ and a leading apostrophe" "$(t_csv_row "$G" | cut -d, -f1-3)" \
	"$G,'@SUM(A1),''quoted"
t_run "export deals" 0 export deals
t_eq "export writes the same cells" \
	"$(t_csv_row "$F" | grep -cF "$F,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",'+1 555,")" "1"
t_eq "export neutralises the next step" "$(t_csv_row "$F" | grep -cF ",'-2+3,")" "1"
"$DEALDECK" export deals --output "$T_DIR/round.csv" >/dev/null
t_run "what list and export write imports back" 0 import deals "$T_DIR/round.csv" --dry-run

# --- process files: controls refused with FILE:LINE; process show is clean ---------
"$DEALDECK" process show >"$T_DIR/p.ini"
sed "s/^label = \"Qualify\"/label = \"Qual${ESC}[2Jify\"/" "$T_DIR/p.ini" >"$T_DIR/esc.ini"
LINE=$(grep -n "Qual${ESC}" "$T_DIR/esc.ini" | cut -d: -f1)
t_dump "$T_DIR/before.sql"
t_run "a process file with an escape in a label" 65 process apply "$T_DIR/esc.ini"
t_err "refused at FILE:LINE" "$T_DIR/esc.ini:$LINE: contains a control character (U+001B)"
clean "the refusal itself is clean" "$ERR"
t_same_db "nothing applied" "$T_DIR/before.sql"
sed "s/^name = .*/name = \"Team${BEL}\"/" "$T_DIR/p.ini" >"$T_DIR/bel.ini"
t_run "a BEL in the process name" 65 process apply "$T_DIR/bel.ini"
t_err "names the BEL" "contains a control character (U+0007)"
sed "s/^label = \"Present\"/label = \"Pres${CSI8}ent\"/" "$T_DIR/p.ini" >"$T_DIR/c1.ini"
t_run "a C1 CSI in a label" 65 process apply "$T_DIR/c1.ini"
t_err "names the C1 control" "contains a control character (U+009B)"
t_run "init refuses it too" 65 --db "$T_DIR/new.db" init --process "$T_DIR/esc.ini"
t_eq "no database from a refused init" "$(test -e "$T_DIR/new.db" && echo yes || echo no)" "no"
printf '\t' >"$T_DIR/tab"
sed "s/^label = \"Qualify\"/label\t=\t\"Qualify\"/" "$T_DIR/p.ini" >"$T_DIR/tab.ini"
t_run "TABs around = are fine" 0 process apply "$T_DIR/tab.ini"
sed 's/$/\r/' "$T_DIR/p.ini" >"$T_DIR/crlf.ini"
t_run "CRLF line ends are fine" 0 process apply "$T_DIR/crlf.ini"
# A database whose process holds controls (written before they were refused, or by hand).
t_sql "$APPLYING UPDATE stages SET label = 'Neg${ESC}]0;x${BEL}otiate' WHERE key = 'negotiate';
	UPDATE meta SET value = 'Proc${ESC}[2J' WHERE key = 'process_name'"
t_run "process show of such a database" 0 process show
clean "process show prints no control" "$OUT"
t_out "the label is shown cleaned" 'label = "Neg ]0;x otiate"'
t_run "board of such a database" 0 board --width 100 --height 20
clean "the board shows no control" "$OUT"
t_done
