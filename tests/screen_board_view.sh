#!/bin/sh
# How the board shows its cards, in a real terminal (tmux): each density (z) at the
# sizes the contract names (all seven stages in compact at 120 columns, at least four
# in one line at 80x24), remembered in the user config across a restart; every card's
# markers in their fixed priority with +N counting the rest (checked against the same
# markers computed by SQL, at 200x60, 120x40 and 80x24); the header row's counts of the
# stages beyond the screen; and each order (S) against ORDER BY in SQL.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/screen_lib.sh"

DEMO=$DEALDECK_DB # what t_sql reads
"$DEALDECK" demo --seed 5 >"$OUT" 2>"$ERR" || t_fail "demo --seed 5" "$(cat "$ERR")"
S_DB=$DEMO
CAP="$T_DIR/capture"
CONFIG="$XDG_CONFIG_HOME/dealdeck/config.ini"
LABELS="Prospect Qualify Discover Present Propose Negotiate Close"

# Every open deal's markers as the contract orders them (and "no next", not in its
# list, after them), computed here in SQL:
# "id|days|age|token~token~..." (age: ROT, warn or empty).
t_sql "WITH f AS (SELECT d.id, d.next_step, d.next_step_due, s.warn_days AS warn,
	s.rot_days AS rot,
	CAST(julianday(date('now')) - julianday(date(d.stage_entered_at)) AS INTEGER) AS days,
	(SELECT count(*) FROM plan_steps p WHERE p.deal_id = d.id) AS total,
	(SELECT count(*) FROM plan_steps p WHERE p.deal_id = d.id AND p.done_at IS NOT NULL) AS done,
	(SELECT count(*) FROM plan_steps p WHERE p.deal_id = d.id AND p.done_at IS NULL
		AND p.due < date('now')) AS late,
	(SELECT count(*) FROM stakeholders k WHERE k.deal_id = d.id) AS people,
	EXISTS (SELECT 1 FROM stakeholders k WHERE k.deal_id = d.id
		AND k.role = 'economic_buyer') AS eb,
	EXISTS (SELECT 1 FROM stakeholders k WHERE k.deal_id = d.id AND k.role = 'champion') AS ch
	FROM deals d JOIN stages s ON s.key = d.stage WHERE d.status = 'open')
	SELECT id, days, iif(days >= rot, 'ROT', iif(days >= warn, 'warn', '')),
	rtrim(iif(next_step_due < date('now'), 'next late~', '')
	|| iif(late > 0, late || ' late~', '') || iif(eb, 'EB✓~', 'EB✗~') || iif(ch, 'CH✓~', 'CH✗~')
	|| iif(people = 0, 'no-contacts~', iif(people = 1, 'single~', ''))
	|| iif(total > 0, 'plan ' || done || '/' || total || '~', '')
	|| iif(coalesce(next_step_due >= date('now'), 1) AND coalesce(next_step, '') = '',
		'no next~', ''), '~') FROM f" >"$T_DIR/marks"
t_eq "the demo has open deals with markers" "$(test "$(wc -l <"$T_DIR/marks")" -gt 30 && echo yes)" yes

# col ROW K: the text of column K (1 = the first) on screen row ROW of $CAP, trimmed.
col() {
	sed -n "$(($1 + 1))p" "$CAP" | awk -F'│' -v k="$2" '{ print $k }' | sed 's/^[ ▶]*//; s/ *$//'
}

# ids STAGE N: the first N open deals of STAGE in the board's default order.
ids() {
	t_sql "SELECT id FROM deals WHERE status = 'open' AND stage = (SELECT key FROM stages
		WHERE position = (SELECT min(position) FROM stages) + $1)
		ORDER BY stage_entered_at, id LIMIT $2"
}

# ends_with_marks LINE DAYS AGE TOKENS FULL: LINE ends with the markers TOKENS (~-separated),
# the first k of them and "+m" for the other m, for some k. With FULL the age is on the
# days line, not a marker, and LINE is the markers alone; else "Nd " comes first.
ends_with_marks() {
	m_line=$1 m_days=$2 m_age=$3 m_toks=$4
	if [ "$5" = full ]; then m_head=""; else
		m_toks=${m_age:+$m_age~}$m_toks
		m_head="${m_days}d "
	fi
	m_n=$(printf '%s' "$m_toks" | tr '~' '\n' | grep -c .)
	m_k=$m_n
	while [ "$m_k" -ge 0 ]; do
		m_c=$(printf '%s' "$m_toks" | tr '~' '\n' | head -n "$m_k" | paste -sd' ')
		if [ "$m_k" -lt "$m_n" ]; then m_c="${m_c:+$m_c }+$((m_n - m_k))"; fi
		if [ "$5" = full ]; then
			[ "$m_line" = "$m_c" ] && return 0
		else
			case $m_line in *"$m_head$m_c") return 0 ;; esac
		fi
		m_k=$((m_k - 1))
	done
	return 1
}

# check_cards NAME DENSITY NCOLS PER: every card on screen ($CAP) has its deal's markers
# in priority order, +N for those left out (and in full density its age by its days).
check_cards() {
	bad= n=0
	case $2 in full) h=5 ;; compact) h=3 ;; line) h=1 ;; esac
	k=0
	while [ "$k" -lt "$3" ]; do
		j=0
		for id in $(ids "$k" "$4"); do
			IFS='|' read -r _ days age toks <<-EOF
				$(grep "^$id|" "$T_DIR/marks")
			EOF
			top=$((4 + h * j))
			case $2 in
			full)
				line=$(col "$((top + 3))" $((k + 1)))
				dl=$(col "$((top + 2))" $((k + 1)))
				case $dl in *" ${days}d${age:+ $age}") ;; *) bad="$bad [$id days: '$dl']" ;; esac
				;;
			compact) line=$(col "$((top + 1))" $((k + 1))) ;;
			line) line=$(col "$top" $((k + 1))) ;;
			esac
			ends_with_marks "$line" "$days" "$age" "$toks" "$2" ||
				bad="$bad [$id: '$line' for ${age:+$age~}$toks]"
			j=$((j + 1)) n=$((n + 1))
		done
		k=$((k + 1))
	done
	t_eq "$1: $n cards' markers in priority order, the rest counted (+N)" "$bad" ""
}

# header_stages: how many stage headers "Label (N)" row 1 of $CAP shows, with SQL's counts.
header_stages() {
	head=$(sed -n 2p "$CAP") shown=0
	for l in $LABELS; do
		n=$(t_sql "SELECT count(*) FROM deals WHERE status = 'open' AND stage =
			(SELECT key FROM stages WHERE label = '$l')")
		printf '%s\n' "$head" | grep -qF "$l ($n)" && shown=$((shown + 1))
	done
	echo "$shown"
}

# same_as_text NAME W H: the screen is what `dealdeck board` prints at that size.
same_as_text() {
	"$DEALDECK" --db "$S_DB" board --width "$2" --height "$3" | sed 's/ *$//' >"$T_DIR/board.trim"
	sed 's/ *$//' "$CAP" >"$T_DIR/screen.trim"
	if cmp -s "$T_DIR/board.trim" "$T_DIR/screen.trim"; then t_ok "$1"; else
		t_fail "$1" "$(diff "$T_DIR/board.trim" "$T_DIR/screen.trim" | head -20)"
	fi
}

# --- full density at 200x60: every card's markers -----------------------------------
s_start 200 60
s_wait_status "$S_READY"
s_capture >"$CAP"
t_eq "200x60 full: all seven stages" "$(header_stages)" 7
check_cards "200x60 full" full 7 11
t_eq "200x60 full: some card counts markers it has no room for" \
	"$(grep -cE ' \+[0-9]+ *│' "$CAP" | awk '{ print ($1 > 0) }')" 1

# --- z: compact; at 120x40 all seven stages ------------------------------------------
s_resize 120 40
s_wait_status "$S_READY"
s_keys z
t_status "z: compact, remembered" "density: compact (remembered in $CONFIG)"
t_eq "the user config says so" "$(grep -c '^density = compact$' "$CONFIG")" 1
s_keys Escape
s_wait_status "$S_READY"
s_capture >"$CAP"
t_eq "120x40 compact: all seven default stages" "$(header_stages)" 7
t_eq "120x40 compact: no stage counted beyond the screen" "$(sed -n 2p "$CAP" | grep -c '‹\|›')" 0
check_cards "120x40 compact" compact 7 11
same_as_text "120x40 compact: 'dealdeck board' prints the screen (it reads the config)" 120 40
s_keys q
t_screen "quits" "EXITED:0"

# --- a restart keeps the density ------------------------------------------------------
s_start 120 40
s_wait_status "$S_READY"
s_capture >"$CAP"
t_eq "restarted: still compact, all seven stages" "$(header_stages)" 7
t_eq "restarted: two-line cards (the second card's title on row 7)" \
	"$(col 7 1 | grep -c .)" 1
check_cards "restarted 120x40 compact" compact 7 11

# --- z again: one line; at 80x24 at least four stages --------------------------------
s_keys z
t_status "z: one line" "density: line"
s_resize 80 24
s_keys Escape
s_wait_status "$S_READY"
s_capture >"$CAP"
shown=$(header_stages)
t_eq "80x24 one line: at least four stages ($shown)" "$([ "$shown" -ge 4 ] && echo yes)" yes
t_eq "80x24 one line: the header row counts the $((7 - shown)) to the right" \
	"$(sed -n 2p "$CAP" | grep -o '[0-9]* ›$')" "$((7 - shown)) ›"
check_cards "80x24 one line" line "$shown" 18
same_as_text "80x24 one line: 'dealdeck board' prints the screen" 80 24
s_keys z
t_status "z: back to full cards" "density: full"
t_eq "the config file has one density line" "$(grep -c '^density = ' "$CONFIG")" 1
t_eq "and it is full" "$(grep '^density = ' "$CONFIG")" "density = full"
s_keys q
t_screen "quits" "EXITED:0"
s_stop

# --- the config keeps the user's own lines ----------------------------------------------
printf '# my settings\n[ui]\nprivacy = false ; not now\n\n[keys]\ndown = j Down\n' >"$CONFIG"
s_start 120 40
s_wait_status "$S_READY"
s_keys z
t_status "z with a config of the user's" "density: compact"
t_eq "the user's lines and comments kept, density added to [ui]" "$(cat "$CONFIG")" \
	"$(printf '# my settings\n[ui]\nprivacy = false ; not now\ndensity = compact\n\n[keys]\ndown = j Down')"
s_keys z z
t_status "z z: back to full" "density: full"
s_keys q
s_stop

# --- the header row counts stages on both sides ---------------------------------------
s_start 80 24
s_wait_status "$S_READY"
s_keys l l l
s_wait "‹ 1"
s_capture >"$CAP"
t_eq "80x24 on the fourth stage: one stage counted to the left" \
	"$(sed -n 2p "$CAP" | grep -o '^ *‹ [0-9]*' | tr -d ' ')" "‹1"
t_eq "and three to the right" "$(sed -n 2p "$CAP" | grep -o '[0-9]* ›$')" "3 ›"
s_keys q
s_stop

# --- S: each order, against ORDER BY -------------------------------------------------------
ODB="$T_DIR/orders.db"
"$DEALDECK" --db "$ODB" init >"$OUT" 2>"$ERR" || t_fail "init" "$(cat "$ERR")"
# title|amount|close date|days in stage: no two alike in any order.
for d in "Kilo|4000|2027-03-01|9" "alpha|9000||3" "Mike|1000|2026-12-20|12" \
	"bravo|7000|2027-01-15|20" "Lima|2500|2026-12-05|1"; do
	IFS='|' read -r t a c days <<-EOF
		$d
	EOF
	"$DEALDECK" --db "$ODB" add --title "$t" --account "Order test" --amount "$a" \
		${c:+--close-date "$c"} >"$OUT" 2>"$ERR" || t_fail "add $t" "$(cat "$ERR")"
	t_sql "UPDATE deals SET stage_entered_at = '$(t_ago "$days")' WHERE title = '$t'" "$ODB"
done
S_DB=$ODB
s_start 120 40
s_wait_status "$S_READY"
for o in "days in stage|stage_entered_at, id" "amount|amount DESC, id DESC" \
	"close date|close_date IS NULL, close_date, id" "title|title COLLATE NOCASE, id" \
	"days in stage|stage_entered_at, id"; do
	name=${o%%|*} sql=${o#*|}
	if [ "$name" != "days in stage" ] || [ -n "${started:-}" ]; then
		s_keys S
		t_status "S: order $name" "order: $name"
	fi
	started=1
	s_keys Escape
	s_wait_status "$S_READY"
	t_eq "the title bar says 'by $name'" "$(s_row 0 | grep -c "by $name")" 1
	s_capture >"$CAP"
	got=$(for j in 0 1 2 3 4; do col $((4 + 5 * j)) 1; done | paste -sd' ')
	want=$(t_sql "SELECT title FROM deals WHERE status = 'open' ORDER BY $sql" "$ODB" | paste -sd' ')
	t_eq "order $name: the cards as ORDER BY $sql" "$got" "$want"
done
s_keys q
s_stop

t_done
