#!/bin/sh
# The stats screen (t) in a real terminal (tmux) at 80x24, 120x40 and 200x60, on the demo
# pipeline as of yesterday: the section titles, the aging table whole at 80x24, figures as
# `dealdeck stats --format csv` prints them (every aging figure of every stage, conversion,
# the summary, lost reasons), an owner (o) and a period (p, P: a bad date is refused) that
# change them, scrolling, privacy, help, Esc / t / q back to the board; ASCII bars (#) in
# the C locale and with [ui] ascii; NO_COLOR; another process's change showing without a
# keypress; a terminal too small and back. (The stream of commits: screen_stats_stream.sh.)
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/screen_lib.sh"

DEMO="$T_DIR/demo.db"
"$DEALDECK" --db "$DEMO" demo --seed 3 >"$OUT" 2>"$ERR" || t_fail "demo --seed 3" "$(cat "$ERR")"
S_DB=$DEMO
ASOF=$(t_day -1)
S_ARGS="--as-of $ASOF"
CAP="$T_DIR/capture"
CSV="$T_DIR/stats.csv"
READY="Esc board" # the key hints on the bottom line: a whole stats frame is on screen
t_sql "SELECT key || '|' || label || '|' || warn_days || '|' || rot_days FROM stages ORDER BY position" \
	"$DEMO" >"$T_DIR/stages"
t_eq "the demo process has seven stages" "$(wc -l <"$T_DIR/stages" | tr -d ' ')" 7

# stats [ARGS...]: the CLI's figures for the same database and day, into $CSV.
stats() { "$DEALDECK" --db "$S_DB" ${ASOF:+--as-of "$ASOF"} stats --format csv "$@" >"$CSV"; }

# fig SECTION STAGE METRIC: one figure of $CSV.
fig() { awk -F, -v s="$1" -v g="$2" -v m="$3" '$1 == s && $2 == g && $3 == m { print $4 }' "$CSV"; }

# pct RATE: a rate as the screen shows it, 0.6667 -> 66.67%.
pct() { awk -v r="$1" 'BEGIN { printf "%.2f%%\n", r * 100 }'; }

# row SECTION LABEL: the first line under SECTION's title (left column) starting with LABEL.
row() {
	awk -v sec=" $1  " -v lab=" $2 " 'index($0, sec) == 1 { on = 1; next }
		on && index($0, lab) == 1 { print; exit }' "$CAP"
}

# capture_ready: the screen, once a whole frame is there, into $CAP.
capture_ready() {
	s_wait_status "${1:-$READY}" && s_capture >"$CAP"
}

# check_aging NAME: every stage's aging row on screen is the CLI's (deals, amount, median,
# p90, max, over warn, over rot) for $CSV.
check_aging() {
	bad=
	while IFS='|' read -r key label _; do
		got=$(row "Stage aging" "$label" |
			awk '{ gsub(",", "", $3); print $2, $3, $4, $5, $6, $7, $8 }')
		want=$(awk -F, -v k="$key" '$1 == "aging" && $2 == k { printf "%s%s", sep, $4; sep = " " }
			END { print "" }' "$CSV")
		[ "$got" = "$want" ] || bad="$bad [$label: screen '$got', stats '$want']"
	done <"$T_DIR/stages"
	t_eq "$1" "$bad" ""
}

# check_conversion NAME: every stage's conversion row: entered, advanced, rate in percent.
check_conversion() {
	bad=
	while IFS='|' read -r key label _; do
		got=$(row "Conversion" "$label" | awk '{ print $2, $3, $4 }')
		want="$(fig conversion "$key" entered) $(fig conversion "$key" advanced) $(pct "$(fig conversion "$key" rate)")"
		[ "$got" = "$want" ] || bad="$bad [$label: screen '$got', stats '$want']"
	done <"$T_DIR/stages"
	t_eq "$1" "$bad" ""
}

# check_summary NAME: win rate, won, lost, median cycle, open deals, bypass rate.
check_summary() {
	bad=
	for pair in "win rate|$(pct "$(fig summary '' win_rate)")" "won|$(fig summary '' won)" \
		"lost|$(fig summary '' lost)" "median cycle|$(fig summary '' median_cycle_days) days" \
		"open deals|$(fig summary '' open_deals)" "bypass rate|$(pct "$(fig summary '' bypass_rate)")"; do
		grep -qE -- " ${pair%%|*}  +${pair#*|}( |\$)" "$CAP" || bad="$bad [${pair%%|*} ${pair#*|}]"
	done
	t_eq "$1" "$bad" ""
}

# check_words NAME: after each aging bar the median's status as a word: ROT at or past the
# stage's rot days, warn at or past its warn days, nothing below.
check_words() {
	bad=
	while IFS='|' read -r key label warn rot; do
		med=$(fig aging "$key" median_days)
		want=$(awk -v m="$med" -v w="$warn" -v r="$rot" -v n="$(fig aging "$key" deals)" \
			'BEGIN { w = n == 0 ? "" : m >= r ? "ROT" : m >= w ? "warn" : ""; print w }')
		got=$(row "Stage aging" "$label" | grep -oE '[▏▎▍▌▋▊▉█#]+ (ROT|warn)' | sed 's/.* //')
		[ "$got" = "$want" ] || bad="$bad [$label, median $med: screen '$got', want '$want']"
	done <"$T_DIR/stages"
	t_eq "$1" "$bad" ""
}

# bars LABEL: the full blocks of a stage's aging bar.
bars() { row "Stage aging" "$1" | grep -o '█' | wc -l | tr -d ' '; }

for size in 80x24 120x40 200x60; do
	W=${size%x*} H=${size#*x}
	s_start "$W" "$H" || continue
	s_wait_status "$S_READY" || continue
	s_keys t
	capture_ready || continue
	stats

	# --- what shows: T, the period, the owner, the sections, the keys ---------------------
	from=$(date -u -d "$ASOF -89 days" +%F)
	t_eq "$size: the title says T, the last 90 days and everyone" \
		"$(sed -n 1p "$CAP" | grep -cF "as of $ASOF  last 90 days $from..$ASOF  owner: everyone")" 1
	for title in "Stage aging" "Summary" "Conversion"; do
		t_eq "$size: the section '$title' shows" "$(grep -c " $title  " "$CAP")" 1
	done
	if [ "$W" -ge 200 ]; then
		for title in "Lost reasons" "Time in stage"; do
			t_eq "$size: the section '$title' shows too" "$(grep -c " $title  " "$CAP")" 1
		done
		t_no_screen "$size: everything fits: nothing to scroll" "▼"
	else
		t_screen "$size: ▼ says there is more below" "▼"
	fi
	for hint in "o owner" "p period" "P dates" "? help" "Esc board"; do
		t_eq "$size: the bottom line hints '$hint'" "$(sed -n "${H}p" "$CAP" | grep -cF -- "$hint")" 1
	done
	t_eq "$size: the aging table's header names the columns and what the bars show" \
		"$(grep -cE '^ stage +deals +amount +median +p90 +max +warn +rot +median days' "$CAP")" 1

	# --- the figures are the CLI's -------------------------------------------------------
	check_aging "$size: every stage's aging figures are those of 'stats --format csv'"
	check_summary "$size: the summary's figures are those of 'stats --format csv'"
	if [ "$W" -ge 120 ]; then
		check_conversion "$size: every stage's conversion is that of 'stats --format csv'"
	fi
	t_eq "$size: bars in eighth blocks" "$(grep -c '█' "$CAP" | awk '{ print ($1 > 0) }')" 1
	t_eq "$size: no # bars in UTF-8" "$(grep -c '#' "$CAP")" 0
	check_words "$size: after each bar, ROT or warn for a median at or past it"
	longest=0
	while IFS='|' read -r key label _; do
		[ "$(bars "$label")" -gt "$longest" ] && longest=$(bars "$label")
	done <"$T_DIR/stages"
	worst=$(awk -F, '$1 == "aging" && $3 == "median_days" { print $4, $2 }' "$CSV" | sort -rn | head -n 1)
	label=$(grep "^${worst#* }|" "$T_DIR/stages" | cut -d'|' -f2)
	t_eq "$size: the longest median ($label, ${worst%% *} days) has a bar as long as any" \
		"$(bars "$label")" "$longest"

	# --- scrolling -------------------------------------------------------------------------
	if [ "$W" -lt 200 ]; then
		s_keys G
		t_screen "$size: G scrolls to the last section" " Time in stage  "
		t_status "$size: ▲ says there is more above" "▲"
		s_capture >"$CAP"
		t_eq "$size: the title line stays at the top" "$(sed -n 1p "$CAP" | grep -c "as of $ASOF")" 1
		t_no_screen "$size: the aging table scrolled away" " Stage aging  "
		awk -F, '$1 == "lost_reasons" && $4 > 0 { print $3 }' "$CSV" >"$T_DIR/reasons"
		while read -r code; do
			t_eq "$size: lost reason $code shows its count and a bar" \
				"$(grep -cE "^ $code +$(fig lost_reasons '' "$code") +[▏▎▍▌▋▊▉█]" "$CAP")" 1
		done <"$T_DIR/reasons"
		s_keys g
		t_screen "$size: g scrolls back to the top" " Stage aging  "
		t_no_screen "$size: at the top no ▲" "▲"
	fi

	# --- $ hides amounts -------------------------------------------------------------------
	s_keys '$'
	t_status "$size: \$ says amounts hidden" "amounts hidden"
	s_capture >"$CAP"
	t_eq "$size: the aging amounts show as •••" "$(row "Stage aging" Prospect | awk '{ print $3 }')" "•••"
	t_eq "$size: no amount left on screen" "$(grep -cE '[0-9],[0-9]{3}|[0-9]+\.[0-9]{2}( |$)' "$CAP")" 0
	s_keys '$'
	t_status "$size: \$ again shows them" "amounts shown"

	# --- ? lists the screen's keys -----------------------------------------------------------
	s_keys '?'
	if s_wait "Stats keys (any key closes)"; then
		s_capture >"$CAP"
		for k in "o|show one owner's figures" "p|the next period" "P|type the period's first and last day" \
			"Esc t q|back to the board" "Down j|scroll down"; do
			t_eq "$size: ? lists '${k%%|*}'" "$(grep -F -- "${k#*|}" "$CAP" | grep -cF -- " ${k%%|*} ")" 1
		done
		s_keys x
		s_wait_gone "Stats keys" && t_ok "$size: any key closes the help"
		t_screen "$size: and the stats screen is still there" " Stage aging  "
	fi

	# --- Esc, t and q go back to the board ---------------------------------------------------
	s_keys Escape
	t_status "$size: Esc goes back to the board" "$S_READY"
	t_screen "$size: a board column title shows again" "Prospect ("
	s_keys t
	s_wait_status "$READY"
	s_keys t
	t_status "$size: t again goes back to the board" "$S_READY"
	s_keys t
	s_wait_status "$READY"
	s_keys q
	t_status "$size: q on the stats screen goes back to the board too" "$S_READY"
	t_no_screen "$size: q did not quit" "EXITED"
	s_keys q
	t_screen "$size: q on the board quits" "EXITED:0"
	s_stop
done

# --- o: one owner's figures ------------------------------------------------------------------
OWNER=$(t_sql "SELECT DISTINCT owner FROM deals ORDER BY owner LIMIT 1" "$DEMO")
s_start 120 40
s_wait_status "$S_READY"
s_keys t
s_wait_status "$READY"
s_keys o
if s_wait "Stats of one owner"; then
	t_screen "o: the choice starts at everyone" "‹ everyone ›"
	s_keys Right
	t_screen "o: Right chooses the first owner ($OWNER)" "‹ $OWNER ›"
	s_keys Enter
	t_status "o: the bottom line says whose figures these are" "owner: $OWNER"
	s_capture >"$CAP"
	t_eq "o: the title names the owner" "$(sed -n 1p "$CAP" | grep -c "owner: $OWNER\$")" 1
	stats --owner "$OWNER"
	check_aging "o: the aging figures are those of 'stats --owner $OWNER'"
	check_conversion "o: the conversion figures are those of 'stats --owner $OWNER'"
	check_summary "o: the summary is that of 'stats --owner $OWNER'"
	s_keys o
	s_wait "‹ $OWNER ›"
	s_keys Escape
	t_status "o, Esc: cancelled" "cancelled"
	t_eq "o, Esc: still the owner's figures" "$(s_row 0 | grep -c "owner: $OWNER\$")" 1
fi

# --- p: the period presets; P: typed dates ------------------------------------------------------
s_keys p
t_status "p: the next preset, 180 days" "period: last 180 days"
from=$(date -u -d "$ASOF -179 days" +%F)
s_capture >"$CAP"
t_eq "p: the title shows the 180 days ending at T" \
	"$(sed -n 1p "$CAP" | grep -cF "last 180 days $from..$ASOF  owner: $OWNER")" 1
stats --owner "$OWNER" --from "$from" --to "$ASOF"
check_conversion "p: the conversion is that of 'stats --from $from --to $ASOF'"
check_summary "p: the summary is that of 'stats --from $from --to $ASOF'"
s_keys p
t_status "p: then 365 days" "period: last 365 days"
s_keys p
t_status "p: then 30 days" "period: last 30 days"
s_keys p
t_status "p: and round to 90 days" "period: last 90 days"
s_keys c
t_status "c: back to everyone" "everyone, the last 90 days"
t_eq "c: the title says everyone" "$(s_row 0 | grep -c 'owner: everyone$')" 1

s_keys P
if s_wait "Stats of a period"; then
	s_keys C-u
	s_type "2026-02-30"
	s_keys Enter Enter
	t_screen "P: a day that does not exist is refused" "from '2026-02-30' is not a date (YYYY-MM-DD)"
	t_screen "P: and the form stays" "Stats of a period"
	TYPED_FROM=$(t_day -200)
	TYPED_TO=$(t_day -20)
	s_keys BTab C-u
	s_type "$TYPED_TO"
	s_keys Enter C-u
	s_type "$TYPED_FROM"
	s_keys Enter
	t_screen "P: a period that ends before it starts is refused" "the period starts ($TYPED_TO) after it ends ($TYPED_FROM)"
	s_keys BTab C-u
	s_type "$TYPED_FROM"
	s_keys Enter C-u
	s_type "$TYPED_TO"
	s_keys Enter
	t_status "P: the typed period is shown" "period as typed"
	s_capture >"$CAP"
	t_eq "P: the title shows it" "$(sed -n 1p "$CAP" | grep -cF "period $TYPED_FROM..$TYPED_TO")" 1
	stats --from "$TYPED_FROM" --to "$TYPED_TO"
	check_aging "P: the aging (at T) is that of 'stats --from $TYPED_FROM --to $TYPED_TO'"
	check_conversion "P: the conversion is that of 'stats --from $TYPED_FROM --to $TYPED_TO'"
	check_summary "P: the summary is that of 'stats --from $TYPED_FROM --to $TYPED_TO'"
fi
s_keys Escape
s_wait_status "$S_READY"
s_keys q
t_screen "quits" "EXITED:0"
s_stop

# --- ASCII: # bars, nothing but ASCII ---------------------------------------------------------------
# ascii_checks NAME: the stats screen in $CAP.
ascii_checks() {
	stats
	t_eq "$1: only printable ASCII on the screen" \
		"$(LC_ALL=C tr -d '\040-\176\n' <"$CAP" | wc -c | tr -d ' ')" 0
	t_eq "$1: the aging table has bars of #" \
		"$(grep -cE '^ [A-Z][a-z]+ .*[0-9]  #+( |$)' "$CAP" | awk '{ print ($1 > 0) }')" 1
	check_words "$1: the status words after the # bars"
	t_eq "$1: the title and the aging table show" \
		"$(grep -c " Stage aging  \| Summary  \|as of $ASOF" "$CAP")" 3
}
s_start 80 24 LC_ALL=C
if s_wait_status "$S_READY"; then
	s_keys t
	capture_ready && ascii_checks "LC_ALL=C"
	s_keys '$'
	s_wait_status "amounts hidden"
	s_capture >"$CAP"
	t_eq "LC_ALL=C: hidden amounts as ***" "$(row "Stage aging" Prospect | awk '{ print $3 }')" "***"
	s_keys q q
	t_screen "LC_ALL=C: quits" "EXITED:0"
fi
mkdir -p "$XDG_CONFIG_HOME/dealdeck"
printf '[ui]\nascii = true\n' >"$XDG_CONFIG_HOME/dealdeck/config.ini"
s_start 120 40
if s_wait_status "$S_READY"; then
	s_keys t
	capture_ready && ascii_checks "[ui] ascii = true in a UTF-8 locale"
	s_keys q q
	t_screen "ascii = true: quits" "EXITED:0"
fi
rm "$XDG_CONFIG_HOME/dealdeck/config.ini"

# --- colour: NO_COLOR -------------------------------------------------------------------------------
s_start 120 40
s_wait_status "$S_READY"
s_keys t
s_wait_status "$READY"
s_capture -e >"$CAP"
t_eq "without NO_COLOR the stats screen is in colour" "$(s_colours "$CAP" | grep -c . | awk '{ print ($1 > 0) }')" 1
s_start 120 40 NO_COLOR=1
s_wait_status "$S_READY"
s_keys t
s_wait_status "$READY"
s_capture -e >"$CAP"
t_eq "NO_COLOR=1: no colour on the stats screen" "$(s_colours "$CAP" | tr '\n' ' ')" ""
s_capture >"$CAP"
stats
check_words "NO_COLOR=1: the status words are there"
s_stop

# --- live: another process's change shows without a keypress; too small and back -----------------------
ASOF=
S_ARGS=
s_start 80 24
s_wait_status "$S_READY"
s_keys t
capture_ready
first=$(head -n 1 "$T_DIR/stages" | cut -d'|' -f2)
before=$(row "Stage aging" "$first" | awk '{ print $2 }')
"$DEALDECK" --db "$S_DB" add --title "Live stats deal" --account Acme --amount 1000 >"$OUT" 2>"$ERR" ||
	t_fail "add a deal from another process" "$(cat "$ERR")"
t_status "another process's change: the bottom line says so" "updated: someone else changed the pipeline"
s_capture >"$CAP"
t_eq "another process's change: $first has one deal more" "$(row "Stage aging" "$first" | awk '{ print $2 }')" "$((before + 1))"
stats
check_aging "another process's change: the aging figures are those of 'stats' now"

s_resize 20 6
t_screen "20x6: says the terminal is too small" "terminal too small"
t_no_screen "20x6: no stats" "Stage aging"
s_resize 100 8
t_screen "100x8: says why, with the size needed" "terminal too small (100x8): need 30x10"
s_resize 80 24
t_screen "back to 80x24: the stats screen again" " Stage aging  "
capture_ready "updated:" # the message stays until a key
check_aging "back to 80x24: the same figures"
s_keys Escape
t_status "Esc: the board" "$S_READY"
s_keys q
t_screen "quits" "EXITED:0"
s_stop

t_done
