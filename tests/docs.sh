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

# The --from tables as the code has them, entry by entry, in "Other CRMs' exports".
sed -n 's/^[[:space:]]*{"\([^"]*\)", "\([^"]*\)"},.*/\1|\2/p' \
	"$top_srcdir/src/import_presets.c" >"$T_DIR/presets"
t_eq "the preset tables are readable" "$(test "$(wc -l <"$T_DIR/presets")" -ge 30 && echo yes)" yes
printf '%s\n' "$text" | sed -n "/^\.SS \"Other CRMs' exports\"/,/^\.SS \"Moving/p" |
	tr -s ' ' >"$T_DIR/crm"
while IFS='|' read -r name to; do
	if [ "$to" = ignore ]; then
		grep -qxF -e "$name," -e "$name." "$T_DIR/crm"
	else
		grep -qxF -e "$name \\(-> $to" "$T_DIR/crm"
	fi && t_ok "man page: --from table has $name -> $to" ||
		t_fail "man page: --from table has $name -> $to"
done <"$T_DIR/presets"

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
# --- glyphs: what the man page shows is what the code draws -----------------------
# roff_utf8: the man page's glyph escapes as the characters a reader sees.
roff_utf8() {
	LC_ALL=C awk '
	function hexval(h,   i, v) {
		v = 0
		for (i = 1; i <= length(h); i++) v = v * 16 + index("0123456789ABCDEF", substr(h, i, 1)) - 1
		return v
	}
	function utf8(cp) {
		if (cp < 128) return sprintf("%c", cp)
		if (cp < 2048) return sprintf("%c%c", 192 + int(cp / 64), 128 + cp % 64)
		return sprintf("%c%c%c", 224 + int(cp / 4096), 128 + int(cp / 64) % 64, 128 + cp % 64)
	}
	BEGIN {
		n = split("OK:2713 mu:00D7 da:2193 ua:2191 em:2014 en:2013 lq:201C rq:201D bu:2022", e, " ")
		for (i = 1; i <= n; i++) { split(e[i], kv, ":"); named[kv[1]] = kv[2] }
	}
	{
		out = ""
		while (match($0, /\\(\(..|[[]u[0-9A-F][0-9A-F][0-9A-F][0-9A-F]])/)) {
			esc = substr($0, RSTART + 1, RLENGTH - 1) # (mu or [u2713]
			hex = esc ~ /^[[]u/ ? substr(esc, 3, 4) : named[substr(esc, 2)]
			rep = hex == "" ? substr($0, RSTART, RLENGTH) : utf8(hexval(hex))
			out = out substr($0, 1, RSTART - 1) rep
			$0 = substr($0, RSTART + RLENGTH)
		}
		print out $0
	}' "$1" | sed -e 's/\\f[BIRP]//g' -e 's/\\-/-/g' -e 's/\\e/\\/g' -e 's/\\&//g'
}
roff_utf8 "$man" >"$T_DIR/man.txt"

# The code's glyphs: every glyph(canvas, "UTF-8", "ASCII") in ui/, with the
# string macros (#define ELLIPSIS "…") they use spelled out.
cat "$top_srcdir"/ui/*.c | LC_ALL=C awk '
	function unescape(s,   out, h) { # "\xe2\x80\xa6" as its bytes
		out = ""
		while (match(s, /\\x[0-9a-f][0-9a-f]/)) {
			h = substr(s, RSTART + 2, 2)
			out = out substr(s, 1, RSTART - 1) sprintf("%c", \
				(index("0123456789abcdef", substr(h, 1, 1)) - 1) * 16 + \
				index("0123456789abcdef", substr(h, 2, 1)) - 1)
			s = substr(s, RSTART + 4)
		}
		return out s
	}
	/^#define [A-Z_]+ "[^"]*"/ { v = $3; gsub(/"/, "", v); def[$2] = unescape(v) }
	{
		line = $0
		while (match(line, /glyph\([^,()]*, *("[^"]*"|[A-Z_]+), *"[^"]*"\)/)) {
			g = substr(line, RSTART, RLENGTH)
			line = substr(line, RSTART + RLENGTH)
			sub(/^glyph\([^,()]*, */, "", g)
			sub(/\)$/, "", g)
			u = g; sub(/, *"[^"]*"$/, "", u)
			a = g; sub(/^("[^"]*"|[A-Z_]+), */, "", a)
			if (u !~ /^"/) u = def[u]
			gsub(/"/, "", u); gsub(/"/, "", a)
			print u "|" a
		}
	}' | sort -u >"$T_DIR/code_glyphs"
t_eq "the code draws glyphs through glyph()" \
	"$(test "$(wc -l <"$T_DIR/code_glyphs")" -ge 10 && echo yes)" yes

# The man page's table (the .EX block under "Glyphs"): glyph(s), ASCII, meaning.
awk '/^\.SS "?Glyphs"?/ { on = 1; next } on && /^\.EX/ { ex = 1; next }
	on && /^\.EE/ { exit } ex { print }' "$T_DIR/man.txt" >"$T_DIR/man_table"
t_eq "the man page has a table of glyphs" \
	"$(test "$(wc -l <"$T_DIR/man_table")" -ge 10 && echo yes)" yes
# "glyph|ascii" pairs of the table: glyphs and stand-ins pair in order, or one
# glyph has several stand-ins.
awk -F '  +' 'NR > 1 && NF >= 3 {
	ng = split($1, g, " "); na = split($2, a, " ")
	for (i = 1; i <= na; i++) print (ng == na ? g[i] : g[1]) "|" a[i]
}' "$T_DIR/man_table" | sort -u >"$T_DIR/man_glyphs"
while IFS='|' read -r u a; do
	if grep -qxF -- "$u|$a" "$T_DIR/man_glyphs"; then
		t_ok "man page lists the glyph $u (ASCII $a) the code draws"
	else
		t_fail "man page lists the glyph $u (ASCII $a) the code draws" \
			"table: $(tr '\n' ' ' <"$T_DIR/man_glyphs")"
	fi
done <"$T_DIR/code_glyphs"
while IFS='|' read -r u a; do
	if grep -qxF -- "$u|$a" "$T_DIR/code_glyphs"; then
		t_ok "the code draws the man page's glyph $u (ASCII $a)"
	else
		t_fail "the code draws the man page's glyph $u (ASCII $a)" \
			"code: $(tr '\n' ' ' <"$T_DIR/code_glyphs")"
	fi
done <"$T_DIR/man_glyphs"

# Everywhere else in the board's and the stats screen's sections, a glyph that
# is not ASCII is one of the table's: "EB×" or "↓ N more" where the screen
# draws EB✗ and ▼ fail here. × between numbers (80×24) is multiplication.
cut -d'|' -f1 "$T_DIR/man_glyphs" | sed 's/./&\n/g' | grep -v '^$' >"$T_DIR/allowed"
tr -d '\n' <"$T_DIR/man_table" | sed 's/./&\n/g' | grep -v '^$' >>"$T_DIR/allowed"
printf '%s\n' "“" "”" "•" >>"$T_DIR/allowed" # quotes, and the bullets of lists
awk '/^\.SH/ { on = ($0 ~ /THE BOARD|STATS SCREEN/) } on && !/^\.IP/' "$T_DIR/man.txt" |
	sed -e 's/\([0-9.)] *\)×/\1x/g' -e 's/[a-z] × [a-z]/x/g' >"$T_DIR/man_prose"
bad=$(LC_ALL=C.UTF-8 grep -o '[^ -~]' "$T_DIR/man_prose" | sort -u | grep -vxF -f "$T_DIR/allowed")
t_eq "the board's pages show no glyph the screen does not draw" "$bad" ""
for m in "EB✓" "EB✗" "CH✓" "CH✗" "▼ N more"; do
	t_eq "the man page shows '$m' as the screen does" "$(grep -cF -- "$m" "$T_DIR/man_prose" |
		awk '{ print ($1 > 0) }')" 1
done

# What the board really prints: every glyph on a demo board is in the table.
"$DEALDECK" demo --seed 3 >/dev/null 2>"$ERR" || t_fail "demo for the glyph check" "$(cat "$ERR")"
"$DEALDECK" board --width 120 --height 24 >"$T_DIR/board.txt"
seen=$(LC_ALL=C.UTF-8 grep -o '[^ -~[:alpha:]]' "$T_DIR/board.txt" | sort -u |
	grep -v '^[─│┌┐└┘├┤┬┴┼]$' | grep -vxF -f "$T_DIR/allowed")
t_eq "every glyph on the printed board is in the man page's table" "$seen" ""
for m in "EB✓" "EB✗" "CH✓" "CH✗" "▼" "▶" "·"; do
	t_eq "the printed board draws '$m'" "$(grep -cF -- "$m" "$T_DIR/board.txt" |
		awk '{ print ($1 > 0) }')" 1
done
t_done
