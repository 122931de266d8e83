#!/bin/sh
# Wide and combining characters on the board, in a real terminal (tmux): CJK, emoji
# and combining accents are measured by display width, cut with …, and every column
# separator and form border stays where the header's is. ASCII borders when the
# locale is not UTF-8 (or [ui] ascii = true), with nothing but ASCII on the screen.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/screen_lib.sh"

CAP="$T_DIR/capture"
CJK="北京华信医疗 — 患者门户"
ROCKET="🚀 Launch pad rollout"
CAFE=$(printf 'Cafe\314\201 R\303\251')      # e + U+0301 COMBINING ACUTE, then é
LONG="株式会社ミドリ物流 — 倉庫管理システム刷新" # wider than any column
ODD="A中B文C字D漢E字F漢G字H漢I字J漢K字L漢"     # the cut falls inside a wide character or not
"$DEALDECK" init >/dev/null 2>"$ERR" || t_fail "init" "$(cat "$ERR")"
# add TITLE ACCOUNT STAGE
add() {
	id=$("$DEALDECK" add --title "$1" --account "$2" --amount 12345) || t_fail "add $1"
	[ "$3" = prospect ] || "$DEALDECK" move "$id" "$3" --override "test layout of the board" >/dev/null 2>&1
}
add "$CJK" "北京华信医疗" prospect
add "$ROCKET" "Rocket Labs 🚀" prospect
add "$CAFE" "$(printf 'Cafe\314\201 Society')" prospect
add "$LONG" "株式会社ミドリ物流" qualify
add "👩‍💻 Dev seats (ZWJ)" "Zwj Co" qualify
add "🇩🇪 Flag deal" "Flag GmbH" qualify
add "❤️ Heart deal" "Vs16 Inc" discover
add "$ODD" "Odd cut" discover
add "$ODD$ODD" "Ünïcödé Ävënüé" present
add "Ελληνικά και Русский" "Кириллица" present
t_eq "ten deals" "$(t_sql "SELECT count(*) FROM deals")" 10

# aligned NAME FILE [CHAR]: every row between the title bar and the status line has
# its separators where the header row has them; where a form box covers the board,
# exactly its two borders, where its corners are.
aligned() {
	s_seps "$2" "${3:-│}" >"$T_DIR/seps.txt"
	# ASCII corners are + with a border beside them: a card's "+2" is no corner.
	if [ "${3:-│}" = "│" ]; then tl="┌" tr="┐" bl="└" br="┘" rc=0; else
		tl="+-" tr="-+" bl="+-" br="-+" rc=1
	fi
	top=$(grep -n -- "$tl" "$2" | head -n 1 | cut -d: -f1)
	bot=$(grep -n -- "$bl" "$2" | tail -n 1 | cut -d: -f1)
	box=
	if [ -n "$top" ] && [ -n "$bot" ]; then
		top=$((top - 1)) bot=$((bot - 1)) # 0-based rows
		l=$(s_seps "$2" "$tl" | awk -v r="$top" '$1 == r { print $2 }')
		r=$(s_seps "$2" "$tr" | awk -v r="$top" -v c="$rc" '$1 == r { print $NF + c }')
		box="$l $r"
		t_eq "$1: the box's bottom corners under its top ones" \
			"$(s_seps "$2" "$bl" | awk -v r="$bot" '$1 == r { print $2 }') $(s_seps "$2" "$br" | awk -v r="$bot" -v c="$rc" '$1 == r { print $NF + c }')" \
			"$box"
	fi
	h=$(wc -l <"$2" | tr -d ' ')
	bad=$(awk -v last="$((h - 2))" -v top="${top:--1}" -v bot="${bot:--1}" -v box="$box" '
		{ row = $1; $1 = ""; sub(/^ /, ""); got[row] = $0 }
		END {
			ref = got[1]
			for (r = 1; r <= last; r++) {
				want = (r > top && r < bot) ? box : ref
				if (r == top || r == bot)
					continue
				if (got[r] != want)
					printf "row %d: [%s] want [%s]; ", r, got[r], want
			}
		}' "$T_DIR/seps.txt")
	if [ -z "$bad" ]; then
		t_ok "$1: separators aligned ($(awk '$1 == 1 { $1 = ""; print; exit }' "$T_DIR/seps.txt" | sed 's/^ //')${box:+; box $box})"
	else
		t_fail "$1: separators out of line" "$bad" "screen:" "$(cat "$2")"
	fi
}

for size in 80x24 120x40; do
	W=${size%x*} H=${size#*x}
	s_start "$W" "$H" || continue
	s_wait_status "$S_READY" || continue
	s_capture >"$CAP"
	if [ "$W" -eq 80 ]; then # columns of 26-27: it fits
		t_eq "$size: the CJK title whole" "$(grep -cF "▶$CJK" "$CAP")" 1
	else # columns of 24: cut before a wide character that does not fit, padded
		t_eq "$size: the CJK title cut, padded before …" "$(grep -cF "▶北京华信医疗 — 患者 … │" "$CAP")" 1
	fi
	t_eq "$size: the CJK account" "$(grep -cF "北京华信医疗 · " "$CAP")" 1
	t_eq "$size: the emoji title whole" "$(grep -cF "$ROCKET" "$CAP")" 1
	t_eq "$size: the combining accent kept" "$(grep -cF "$CAFE" "$CAP")" 1
	t_eq "$size: a long CJK title cut with …" "$(grep -c '株式会社ミドリ物流 —.*… │' "$CAP")" 1
	t_eq "$size: the mixed-width title cut with …" "$(grep -c 'A中B文C字D漢.*…\( │\|$\)' "$CAP" | awk '{ print ($1 >= 1) }')" 1
	t_eq "$size: no replacement characters" "$(grep -c '�' "$CAP")" 0
	aligned "$size board" "$CAP"

	# The selection over wide titles, then a form over them.
	s_select "$ROCKET" && t_ok "$size: the emoji card selected"
	s_keys l
	s_select "👩" && t_ok "$size: the ZWJ card selected"
	s_wait_status "$S_READY"
	s_capture >"$CAP"
	aligned "$size: selection on wide cards" "$CAP"
	s_keys h
	s_select "北京华信医疗"
	s_keys '>'
	if s_wait "$CJK: Prospect → Qualify" && s_wait "Esc cancel"; then
		s_capture >"$CAP"
		aligned "$size: the gate form over wide titles" "$CAP"
		s_type "客户确认了问题 🚀 ok"
		t_screen "$size: CJK and emoji typed into the form" "what happened    客户确认了问题 🚀 ok"
		s_capture >"$CAP"
		aligned "$size: the form with wide text typed" "$CAP"
		s_keys BSpace BSpace BSpace BSpace
		s_wait_gone "🚀 ok"
		t_screen "$size: backspace removes whole characters (the emoji went with 4 presses)" \
			"what happened    客户确认了问题 "
		t_no_screen "$size: no half characters left" "�"
		s_capture >"$CAP"
		aligned "$size: the form after backspace" "$CAP"
		s_keys Escape
		s_wait_gone "Esc cancel"
	fi
	t_eq "$size: nothing written" "$(t_sql "SELECT count(*) FROM evidence")" 0

	# Selected column scrolled to the right (the 80-column screen scrolls).
	s_keys l l l
	t_screen "$size: the Present column" "Present (2)"
	s_wait_status "$S_READY"
	s_capture >"$CAP"
	aligned "$size: scrolled to Present" "$CAP"
	s_keys q
	s_wait "EXITED:0"
	s_stop
done

# --- ASCII: a locale that is not UTF-8 -----------------------------------------
# ascii_checks NAME: the screen in $CAP is plain ASCII with ASCII borders.
ascii_checks() {
	t_eq "$1: only printable ASCII on the screen" \
		"$(LC_ALL=C tr -d '\040-\176\n' <"$CAP" | wc -c | tr -d ' ')" 0
	t_eq "$1: | separators in the header" "$(sed -n 2p "$CAP" | grep -o '|' | wc -l | tr -d ' ')" 2
	t_eq "$1: a - rule under the header" "$(sed -n 4p "$CAP" | grep -c '^------*|---')" 1
	t_eq "$1: > marks the selected card" "$(sed -n 5p "$CAP" | grep -c '^ >')" 1
	aligned "$1" "$CAP" "|"
	t_eq "$1: the separators where the UTF-8 board has them" \
		"$(awk '$1 == 1 { $1 = ""; sub(/^ /, ""); print; exit }' "$T_DIR/seps.txt")" "27 54"
}
s_start 80 24 LC_ALL=C
if s_wait_status "$S_READY"; then
	s_capture >"$CAP"
	ascii_checks "LC_ALL=C"
	t_eq "LC_ALL=C: wide characters as ? of their width" "$(grep -c '^ >???????????? ? ????????  |' "$CAP")" 1
	s_keys '>'
	if s_wait "Esc cancel"; then
		s_capture >"$CAP"
		# Beside the box the board shows: a card's rule may run into its corners.
		t_eq "LC_ALL=C: the form box has + corners" "$(grep -c '^ [ -]+- .*-+[ -]*$' "$CAP")" 2
		ascii_checks "LC_ALL=C, a form open"
		s_keys Escape
		s_wait_gone "Esc cancel"
	fi
	s_keys q
	t_screen "LC_ALL=C: q quits" "EXITED:0"
fi

mkdir -p "$XDG_CONFIG_HOME/dealdeck"
printf '[ui]\nascii = true\n' >"$XDG_CONFIG_HOME/dealdeck/config.ini"
s_start 80 24
if s_wait_status "$S_READY"; then
	s_capture >"$CAP"
	ascii_checks "[ui] ascii = true in a UTF-8 locale"
	s_keys q
	t_screen "ascii = true: q quits" "EXITED:0"
fi

t_done
