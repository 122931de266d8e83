#!/bin/sh
# The man page is the reference: every command and every key of the board is in it.
. "${top_srcdir:-.}/tests/lib.sh"
man="$top_srcdir/man/dealdeck.1"
# Roff escapes aside, the page as a user reads it.
text=$(sed -e 's/\\f[BIRP]//g' -e 's/\\-/-/g' -e 's/\\e/\\/g' "$man")

"$DEALDECK" --help >"$OUT"
sed -n 's/^  dealdeck \([a-z]*\( [a-z]*\)\?\).*/\1/p' "$OUT" | sort -u >"$T_DIR/commands"
t_eq "--help lists the commands" "$(test "$(wc -l <"$T_DIR/commands")" -ge 20 && echo yes)" "yes"
while read -r cmd; do
	case $cmd in
	*" "*) group=${cmd%% *} sub=${cmd#* }
		if printf '%s\n' "$text" | grep -qE "^(\.[A-Z]+ )?$group $sub|[^a-z]$group $sub"; then
			t_ok "man page documents '$cmd'"
		else
			t_fail "man page documents '$cmd'"
		fi ;;
	*) if printf '%s\n' "$text" | grep -qE "^(\.[A-Z]+ )?$cmd( |$)"; then
			t_ok "man page documents '$cmd'"
		else
			t_fail "man page documents '$cmd'"
		fi ;;
	esac
	"$DEALDECK" $cmd --help >/dev/null 2>&1
	t_eq "'$cmd --help' works" "$?" "0"
done <"$T_DIR/commands"

# The import commands' options, as --help lists them, in their synopsis in the man page.
for cmd in "import deals" "import stakeholders" "import plan"; do
	syn=$(printf '%s\n' "$text" | grep -E "^$cmd " | head -1)
	"$DEALDECK" $cmd --help | sed -n 's/^  \(--[a-z-]*\).*/\1/p' >"$T_DIR/opts"
	t_eq "'$cmd --help' lists options" "$(test -s "$T_DIR/opts" && echo yes)" "yes"
	while read -r o; do
		case $syn in
		*"[$o "* | *"[$o]"*) t_ok "man page synopsis of '$cmd' has $o" ;;
		*) t_fail "man page synopsis of '$cmd' has $o" "$syn" ;;
		esac
	done <"$T_DIR/opts"
done

# Every key action of the board's table, with its help, in the man page.
sed -n 's/.*X(A_[A-Z_]*, "\([^"]*\)", "\([^"]*\)", "\([^"]*\)").*/\1|\3/p' \
	"$top_srcdir/ui/keys.h" >"$T_DIR/keys"
t_eq "the key table is readable" "$(test -s "$T_DIR/keys" && echo yes)" "yes"
while IFS='|' read -r name help; do
	if printf '%s\n' "$text" | grep -qiF -- "$help"; then
		t_ok "man page explains key action '$name'"
	else
		t_fail "man page explains key action '$name'" "missing: $help"
	fi
	if printf '%s\n' "$text" | grep -qE -- "(^|[ ,])$name[,.]"; then
		t_ok "man page names action '$name' for [keys]"
	else
		t_fail "man page names action '$name' for [keys]"
	fi
done <"$T_DIR/keys"
t_done
