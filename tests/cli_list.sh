#!/bin/sh
# dealdeck list: columns, filters, CSV, wide text, days in stage, --as-of.
. "${top_srcdir:-.}/tests/lib.sh"
t_init

ME=$(t_login)
# ids: the deal ids of the last CSV output, in order.
ids() { sed 1d "$OUT" | grep -E '^[0-9]+,' | cut -d, -f1 | tr '\n' ' '; }

A=$("$DEALDECK" add --title "Acme renewal" --account "Acme Corp" --amount '$12,500.00' \
	--close-date 2031-06-30 --next-step "Call" --next-step-due 2031-05-01)
B=$("$DEALDECK" add --title "Beta, Inc. \"expansion\"" --account "Beta" --owner rita --amount 99.5)
C=$("$DEALDECK" add --title "$(printf 'Two\nlines')" --account "Gamma" --amount 1000000)
K=$("$DEALDECK" add --title "日本語の案件" --account "東京株式会社" --amount 5000)
E=$("$DEALDECK" add --title "Crème brûlée Ümlaut" --account "Café Zoë" --amount 1)
W=$("$DEALDECK" add --title "Won one" --account "Winner" --amount 777)
L=$("$DEALDECK" add --title "Lost one" --account "Loser" --owner rita)
"$DEALDECK" move "$B" discover --override "set-up of the fixture deals" >/dev/null
"$DEALDECK" move "$C" discover --override "set-up of the fixture deals" >/dev/null
"$DEALDECK" move "$W" negotiate --override "set-up of the fixture deals" >/dev/null
"$DEALDECK" move "$W" won --override "set-up of the fixture deals" >/dev/null
"$DEALDECK" move "$L" present --override "set-up of the fixture deals" >/dev/null
"$DEALDECK" lost "$L" --reason price >/dev/null
# Different times in stage (deal rows, unlike history, may be edited).
t_sql "UPDATE deals SET stage_entered_at = '$(t_ago 3)' WHERE id = $B"
t_sql "UPDATE deals SET stage_entered_at = '$(t_ago 9)' WHERE id = $C"
t_sql "UPDATE deals SET stage_entered_at = '$(t_ago 2)' WHERE id = $K"

# --- table ------------------------------------------------------------------
t_run "list" 0 list
t_eq "header row" "$(head -1 "$OUT" | t_squeeze)" \
	"id title account owner stage amount days_in_stage close_date next_step_due status"
t_eq "Acme's row" "$(t_row_of "$A")" \
	"$A Acme renewal Acme Corp $ME prospect 12,500.00 0 2031-06-30 2031-05-01 open"
t_out "a million with separators" "1,000,000.00"
t_no_out "won deals not listed by default" "Won one"
t_no_out "lost deals not listed by default" "Lost one"
# Columns line up by display width, whatever the script of the title.
widths=$(grep " prospect " "$OUT" | while IFS= read -r line; do
	echo "$line" | sed 's/\(.*\) \(prospect\|discover\) .*/\1/' | wc -L
done | sort -u | tr '\n' ' ')
t_eq "CJK and accented rows line up with ASCII rows" "$(echo "$widths" | wc -w | tr -d ' ')" "1"
t_eq "one line per deal (a newline in a title does not break the row)" \
	"$(wc -l <"$OUT" | tr -d ' ')" "$(($(t_sql "SELECT count(*) FROM deals WHERE status = 'open'") + 1))"
t_out "CJK title shown" "日本語の案件"
t_out "accented title shown" "Crème brûlée Ümlaut"
LONG=$("$DEALDECK" add --title "A very long deal title that goes on and on past the column" --account A)
LONGK=$("$DEALDECK" add --title "とても長い日本語の案件名がここに続きますとても長い日本語の案件名" --account A)
t_run "list with long titles" 0 list --stage prospect
t_out "long title cut with …" "…"
t_no_out "long title not printed whole" "past the column"
w1=$(awk -v id="$LONG" '$1 == id' "$OUT" | sed 's/\(.*\) prospect .*/\1/' | wc -L)
w2=$(awk -v id="$LONGK" '$1 == id' "$OUT" | sed 's/\(.*\) prospect .*/\1/' | wc -L)
w3=$(awk -v id="$A" '$1 == id' "$OUT" | sed 's/\(.*\) prospect .*/\1/' | wc -L)
t_eq "cut titles keep the columns aligned" "$w1 $w2" "$w3 $w3"

# --- CSV --------------------------------------------------------------------
t_run "csv" 0 list --format csv --status all
t_eq "csv header" "$(head -1 "$OUT")" \
	"id,title,account,owner,stage,amount,days_in_stage,close_date,next_step_due,status"
t_eq "plain row" "$(t_csv_row "$A")" "$A,Acme renewal,Acme Corp,$ME,prospect,12500.00,0,2031-06-30,2031-05-01,open"
t_eq "commas and quotes quoted" "$(t_csv_row "$B")" \
	"$B,\"Beta, Inc. \"\"expansion\"\"\",Beta,rita,discover,99.50,3,,,open"
t_eq "newline in a quoted field" "$(grep -A1 "^$C," "$OUT")" \
	"$(printf '%s,"Two\nlines",Gamma,%s,discover,1000000.00,9,,,open' "$C" "$ME")"
t_eq "CJK in CSV" "$(t_csv_row "$K")" "$K,日本語の案件,東京株式会社,$ME,prospect,5000.00,2,,,open"
t_eq "accents in CSV" "$(t_csv_row "$E")" "$E,Crème brûlée Ümlaut,Café Zoë,$ME,prospect,1.00,0,,,open"
t_eq "won: closed-from stage, no days" "$(t_csv_row "$W")" "$W,Won one,Winner,$ME,negotiate,777.00,,,,won"
t_eq "lost: closed-from stage, no days" "$(t_csv_row "$L")" "$L,Lost one,Loser,rita,present,0.00,,,,lost"
t_run "csv, open deals" 0 list --format csv
t_eq "order: stage order, then longest in stage first" "$(ids)" "$K $A $E $LONG $LONGK $C $B "

# --- filters ----------------------------------------------------------------
t_run "--stage" 0 list --stage discover --format csv
t_eq "only discover deals" "$(ids)" "$C $B "
t_run "--owner" 0 list --owner rita --format csv
t_eq "only rita's open deals" "$(ids)" "$B "
t_run "--owner with --status all" 0 list --owner rita --status all --format csv
t_eq "rita's deals of every status" "$(ids)" "$B $L "
t_run "--status won" 0 list --status won --format csv
t_eq "only won" "$(ids)" "$W "
t_run "--status lost" 0 list --status lost --format csv
t_eq "only lost" "$(ids)" "$L "
t_run "--status open" 0 list --status open --format csv
t_no_out "no won deal" "Won one"
t_run "--stage with a closed status" 0 list --stage present --status lost --format csv
t_eq "lost from present" "$(ids)" "$L "
t_run "--owner nobody" 0 list --owner nobody-at-all --format csv
t_eq "empty list, header only" "$(wc -l <"$OUT" | tr -d ' ')" "1"
t_run "--format table" 0 list --format table
t_run "unknown status" 2 list --status closed
t_run "unknown stage" 2 list --stage closing
t_run "unknown format" 2 list --format xml
t_run "bad --as-of" 2 --as-of 2026-02-30 list

# --- --as-of ----------------------------------------------------------------
H="$T_DIR/history.db"
export DEALDECK_DB="$H"
t_init
X=$("$DEALDECK" add --title "Old deal" --account "Past Co" --amount 100)
Y=$("$DEALDECK" add --title "New deal" --account "Now Co")
Z=$("$DEALDECK" add --title "Won in the past" --account "Past Co")
# X: created 30 days ago, qualify 20 days ago, discover 10 days ago.
t_event "$X" create - prospect open 30
t_event "$X" forward prospect qualify open 20
t_event "$X" forward qualify discover open 10
# Z: created 40 days ago, won 5 days ago, then (today's create) – a deal's past.
t_event "$Z" create - prospect open 40
t_event "$Z" forward prospect close open 8
t_event "$Z" won close close won 5
t_run "as of 15 days ago" 0 --as-of "$(t_day -15)" list --format csv --status all
t_eq "X in qualify 5 days" "$(t_csv_row "$X" | cut -d, -f5,7,10)" "qualify,5,open"
t_eq "Y, created later, left out" "$(t_csv_row "$Y")" ""
t_eq "Z in prospect 25 days" "$(t_csv_row "$Z" | cut -d, -f5,7,10)" "prospect,25,open"
t_run "as of 25 days ago" 0 --as-of "$(t_day -25)" list --format csv
t_eq "X in prospect 5 days" "$(t_csv_row "$X" | cut -d, -f5,7,10)" "prospect,5,open"
t_run "as of 10 days ago (the day of the move)" 0 --as-of "$(t_day -10)" list --format csv
t_eq "X entered discover that day: 0 days" "$(t_csv_row "$X" | cut -d, -f5,7)" "discover,0"
t_run "as of 31 days ago" 0 --as-of "$(t_day -31)" list --format csv --status all
t_eq "X did not exist yet" "$(t_csv_row "$X")" ""
t_eq "Z did" "$(t_csv_row "$Z" | cut -d, -f5,7)" "prospect,9"
t_run "as of 3 days ago, open" 0 --as-of "$(t_day -3)" list --format csv
t_eq "Z already won: not open" "$(t_csv_row "$Z")" ""
t_run "as of 3 days ago, won" 0 --as-of "$(t_day -3)" list --format csv --status won
t_eq "Z won from close, no days" "$(t_csv_row "$Z" | cut -d, -f5,7,10)" "close,,won"
t_run "as of 6 days ago" 0 --as-of "$(t_day -6)" list --format csv --stage close
t_eq "Z in close 2 days" "$(t_csv_row "$Z" | cut -d, -f5,7,10)" "close,2,open"
t_run "as of 3 days ago, --stage discover" 0 --as-of "$(t_day -3)" list --format csv --stage discover
t_eq "stage filter as of the day" "$(ids)" "$X "
t_run "as of 1 day ago" 0 --as-of "$(t_day -1)" list --format csv --status all
t_eq "Y left out (created today)" "$(t_csv_row "$Y")" ""
t_run "as of today" 0 --as-of "$TODAY" list --format csv --status all
t_eq "as of today, Y is there" "$(t_csv_row "$Y" | cut -d, -f5,7,10)" "prospect,0,open"
t_run "table as of a day" 0 --as-of "$(t_day -15)" list
t_eq "table row as of the day" "$(t_row_of "$X")" \
	"$X Old deal Past Co $ME qualify 100.00 5 open"
t_run "--as-of after the command" 0 list --format csv --as-of "$(t_day -15)"
t_eq "same result" "$(t_csv_row "$X" | cut -d, -f5,7)" "qualify,5"
t_done
