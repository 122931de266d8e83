#!/bin/sh
# Hostile input to every import: what comes in is checked, refused by line, and
# nothing is written (issue 12).
. "${top_srcdir:-.}/tests/lib.sh"
count() { t_sql "SELECT count(*) FROM ${1:-deals}"; }

t_run "init" 0 init
t_run "a deal" 0 add --title Base --account Acme
t_dump "$T_DIR/before.sql"

# A header wider than the reader keeps: refused, not read past what was kept.
python3 -c "print('title,account,' + ','.join('c%d' % i for i in range(5000)))" >"$T_DIR/wide.csv"
python3 -c "print('title,account,' + ','.join('c%d' % i for i in range(4095)))" >"$T_DIR/w4097.csv"
python3 -c "print('title,account,' + ','.join('c%d' % i for i in range(4094)))
print('Wide,Acme' + ',' * 4094)" >"$T_DIR/w4096.csv"
for kind in deals stakeholders plan; do
	t_run "import $kind of 5002 columns is refused" 65 import $kind "$T_DIR/wide.csv"
	t_err "by line, with the count" "wide.csv:1: (header): 5002 columns; at most 4096 are read"
	t_run "so is its dry run" 65 import $kind "$T_DIR/wide.csv" --dry-run
done
t_run "4097 columns" 65 import deals "$T_DIR/w4097.csv" --dry-run
t_err "refused whole" "w4097.csv:1: (header): 4097 columns"
t_no_err "no heap bytes as a column name" "ignoring unknown"
t_same_db "nothing written" "$T_DIR/before.sql"
t_run "4096 columns are read" 0 import deals "$T_DIR/w4096.csv"
t_eq "the row arrived" "$(t_sql "SELECT account FROM deals WHERE title = 'Wide'")" Acme
t_dump "$T_DIR/before.sql"

# Old Mac line ends (a lone CR) end lines too: each error names its own line.
printf 'title,account\rA,\rB,x\r,y\r' >"$T_DIR/cr.csv"
t_run "a CR-only file with two bad rows" 65 import deals "$T_DIR/cr.csv"
t_err "the first by its line" "cr.csv:2: account: the account cannot be empty"
t_err "the second by its line" "cr.csv:4: title: the title cannot be empty"
t_no_err "not everything at line 1" "cr.csv:1:"
# A CRLF that a 64 KiB read cuts between its CR and its LF is one line end.
python3 -c "
import sys
out = b'title,account\r\n'
n = 2
while len(out) < 65535 - 40:
    out += b'Deal %05d,Acme\r\n' % n
    n += 1
pad = 65535 - len(out) - len(b',Acme\r')
out += b'D' * pad + b',Acme\r\n'
assert out[65535:65536] == b'\n', len(out)
n += 1
out += b'Last,\r\n'
sys.stdout.buffer.write(out)
print(n, file=sys.stderr)
" >"$T_DIR/crlf.csv" 2>"$T_DIR/crlf.line"
t_run "a CRLF file cut at a CR" 65 import deals "$T_DIR/crlf.csv" --dry-run
t_err "its last line counted once" "crlf.csv:$(cat "$T_DIR/crlf.line"): account: the account cannot be empty"

# Text that cannot be stored, in any kind of import: invalid UTF-8, NUL, U+FEFF.
printf 'deal_id,name,role\n1,Ann \377,user\n1,\357\273\277Bob,user\n1,Cy,user\n' >"$T_DIR/people.csv"
t_run "stakeholders with bad text" 65 import stakeholders "$T_DIR/people.csv"
t_err "invalid UTF-8 named" "people.csv:2: name: not valid UTF-8"
t_err "a byte order mark inside a field" "people.csv:3: name: contains U+FEFF"
printf 'deal_id,title,owner,due\n1,Kick\000off,joint,2030-01-01\n1,Go \300\257,buyer,2030-01-01\n' >"$T_DIR/plan.csv"
t_run "plan steps with bad text" 65 import plan "$T_DIR/plan.csv"
t_err "a NUL byte named" "plan.csv:2: title: contains a NUL byte"
t_err "an overlong sequence named" "plan.csv:3: title: not valid UTF-8"
printf 'title,account\nGood,\357\273\277Acme\n' >"$T_DIR/feff.csv"
t_run "deals with U+FEFF in a field" 65 import deals "$T_DIR/feff.csv"
t_err "named by line and column" "feff.csv:2: account: contains U+FEFF"
printf 'title,acc\377ount\nA,B\n' >"$T_DIR/head.csv"
t_run "a header that is not UTF-8" 65 import deals "$T_DIR/head.csv" --dry-run
t_err "named" "head.csv:1: (header): column 2 not valid UTF-8"
t_same_db "nothing written" "$T_DIR/before.sql"

# A quoted field keeps its spaces: a title or account of only spaces is no title.
printf 'title,account\n"   ",Acme\nOk,"\302\240"\n' >"$T_DIR/blank.csv"
t_run "blank title and account" 65 import deals "$T_DIR/blank.csv"
t_err "the title" "blank.csv:2: title: the title cannot be only spaces"
t_err "the account" "blank.csv:3: account: the account cannot be only spaces"
printf 'deal_id,name,role\n1," ",user\n' >"$T_DIR/blankp.csv"
t_run "a stakeholder of spaces" 65 import stakeholders "$T_DIR/blankp.csv"
t_err "named" "blankp.csv:2: name: a stakeholder's name cannot be only spaces"
printf 'deal_id,title,owner,due\n1," ",joint,2030-01-01\n' >"$T_DIR/blanks.csv"
t_run "a step of spaces" 65 import plan "$T_DIR/blanks.csv"
t_err "named" "blanks.csv:2: title: a plan step's title cannot be only spaces"
t_same_db "nothing written" "$T_DIR/before.sql"

# Amounts in a USD pipeline: another currency or other letters are refused by line.
printf '%s\n' title,account,amount 'A,Acme,12abc' 'B,Acme,12 GBP' 'C,Acme,EUR 100' \
	'D,Acme,100 ¥' 'E,Acme,5 million' 'F,Acme,1000000000000.01' 'G,Acme,$12' >"$T_DIR/money.csv"
t_run "amounts that are not USD" 65 import deals "$T_DIR/money.csv"
t_err "letters" "money.csv:2: amount: '12abc' is not money in USD: not a number"
t_err "a currency code" "money.csv:3: amount: '12 GBP' is not money in USD: it names another currency"
t_err "a code before" "money.csv:4: amount: 'EUR 100' is not money in USD: it names another currency"
t_err "a symbol" "money.csv:5: amount: '100 ¥' is not money in USD: it names another currency"
t_err "a word" "money.csv:6: amount: '5 million' is not money in USD: not a number"
t_err "too large" "money.csv:7: amount: '1000000000000.01' is not money in USD: too large"
t_no_err "the dollar is ours" "money.csv:8"
t_same_db "nothing written" "$T_DIR/before.sql"

# History cannot be in the future: created, closed and entered_* as move --on.
printf '%s\n' title,account,created,entered_qualify,status,closed 'A,Acme,2099-01-01,,,' \
	'B,Acme,2020-01-01,2099-01-01T10:00:00Z,,' 'C,Acme,2020-01-01,,won,2099-01-01' \
	"D,Acme,$TODAY,$TODAY,," >"$T_DIR/future.csv"
t_run "future history" 65 import deals "$T_DIR/future.csv"
t_err "created" "future.csv:2: created: '2099-01-01' is in the future"
t_err "entered a stage" "future.csv:3: entered_qualify: '2099-01-01T10:00:00Z' is in the future"
t_err "closed" "future.csv:4: closed: '2099-01-01' is in the future"
t_no_err "today is not the future" "future.csv:5"
t_run "its dry run agrees" 65 import deals "$T_DIR/future.csv" --dry-run
t_same_db "nothing written" "$T_DIR/before.sql"

# A step is done when it was, by someone who can do it.
printf '%s\n' deal_id,title,owner,due,done_at,done_by "1,Pilot,buyer,2030-01-01,2099-01-01,$(t_login)" \
	'1,Legal,buyer,2030-01-01,2024-01-01,any text at all' "1,Sign,buyer,2030-01-01,,$(t_login)" \
	"1,Kick,joint,2030-01-01,$TODAY,$(t_login)" >"$T_DIR/done.csv"
t_run "steps done in the future or by anyone" 65 import plan "$T_DIR/done.csv"
t_err "done in the future" "done.csv:2: done_at: done at 2099-01-01 00:00:00: that is in the future"
t_err "done by words" "done.csv:3: done_by: done by 'any text at all': not a login"
t_err "done by someone but not done" "done.csv:4: done_by: '$(t_login)' did a step that is not done"
t_no_err "done today by a login" "done.csv:5"
t_same_db "nothing written" "$T_DIR/before.sql"
t_team_process "$T_DIR/team.ini" "$(t_login)" ann
printf '\n[person ann]\nname = "Ann Smith"\n' >>"$T_DIR/team.ini"
t_run "a team" 0 process apply "$T_DIR/team.ini"
printf '%s\n' deal_id,title,owner,due,done_at,done_by '1,Pilot,buyer,2030-01-01,2024-01-01,ann smith' \
	'1,Legal,buyer,2030-01-01,2024-01-01,zed' >"$T_DIR/team.csv"
t_run "done by someone not in the team" 65 import plan "$T_DIR/team.csv"
t_err "named" "team.csv:3: done_by: done by 'zed': not in the team of this pipeline"
sed -i '$d' "$T_DIR/team.csv"
t_run "done by a display name of the team" 0 import plan "$T_DIR/team.csv"
t_eq "recorded as the login" "$(t_sql "SELECT done_by FROM plan_steps WHERE title = 'Pilot'")" ann
t_dump "$T_DIR/before.sql"

# Many people on one deal: each row finds its person and manager at once (it read the
# whole committee per row: 2,000 took 13 s under the write lock). Managers come later
# in the file than their reports here, so every one waits for the end.
t_run "a deal for the committee" 0 add --title Committee --account Acme
cid=$(t_sql "SELECT max(id) FROM deals")
python3 -c "
print('deal_id,name,role,reports_to')
for i in range(1999, -1, -1):
    print('$cid,Person %d,user,%s' % (i, 'person %d' % (i - 1) if i else ''))" >"$T_DIR/many.csv"
t_run "2,000 stakeholders on one deal" 0 import stakeholders "$T_DIR/many.csv"
t_out "all added" "2000 added, 0 updated"
t_eq "each reports to the one before" "$(t_sql "SELECT count(*) FROM stakeholders s
	JOIN stakeholders m ON m.id = s.reports_to
	WHERE s.deal_id = $cid AND m.name = 'Person ' || (substr(s.name, 8) - 1)")" 1999
t_dump "$T_DIR/many.sql"
t_run "the same file again" 0 import stakeholders "$T_DIR/many.csv"
t_out "updated" "0 added, 2000 updated"
t_same_db "an update that changes nothing writes nothing (not even the deal's version)" "$T_DIR/many.sql"
# Loops are judged where the file leaves them, and named by the row that closes one.
printf 'deal_id,name,role,reports_to\n%s,Person 0,user,Person 5\n' "$cid" >"$T_DIR/loop.csv"
t_run "a loop through 1,999 people" 65 import stakeholders "$T_DIR/loop.csv"
t_err "named by its row" "loop.csv:2: reports_to: Person 0 cannot report to Person 5: that would make a reporting loop"
printf '%s\n' deal_id,name,role,reports_to "$cid,Person 1,user,Person 0" "$cid,Person 0,user," \
	"$cid,Person 2,user,Person 0" >"$T_DIR/swap.csv"
t_run "managers swapped in one file" 0 import stakeholders "$T_DIR/swap.csv"
t_eq "as the file leaves them" "$(t_sql "SELECT group_concat(name, ' ') FROM (SELECT s.name
	FROM stakeholders s JOIN stakeholders m ON m.id = s.reports_to
	WHERE m.name = 'Person 0' ORDER BY s.name)")" "Person 1 Person 2"
printf 'deal_id,name,role,reports_to\n%s,Person 7,user,Nobody\n' "$cid" >"$T_DIR/nobody.csv"
t_run "a manager who is not on the deal" 65 import stakeholders "$T_DIR/nobody.csv"
t_err "named" "nobody.csv:2: reports_to: reports-to 'Nobody' is not a stakeholder of this deal"
t_dump "$T_DIR/before.sql"

# The man page says who may check a file, and it is true: the team, not outsiders.
man="${top_srcdir:-.}/man/dealdeck.1"
t_eq "no import is said to be missing from this version" "$(grep -ci 'not in this version' "$man")" 0
t_eq "the man page: anyone in the team may dry-run, an outsider not" \
	"$(grep -A1 'writes nothing; anyone in the team may run it' "$man" | grep -c 'exit status 4')" 1
t_team_process "$T_DIR/outside.ini" boss ann
t_run "a team without me" 0 process apply "$T_DIR/outside.ini"
for kind in deals stakeholders plan; do
	t_run "an outsider may not check a $kind file" 4 import $kind "$T_DIR/many.csv" --dry-run
done
t_err "told why" "not in the team"

t_done
