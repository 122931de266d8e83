# Screen tests: the real dealdeck in a real terminal (tmux), driven by keys and
# read back from the screen. Source it after tests/lib.sh:
#
#	. "${top_srcdir:-.}/tests/lib.sh"
#	. "${top_srcdir:-.}/tests/screen_lib.sh"
#
# Each test gets its own tmux server (a private socket in $T_DIR), killed on exit.
# Nothing sleeps blindly: s_wait polls the screen every 0.02 s until the text is there.
# After one wait times out the others wait 3 s at most, so a broken program fails
# the script in seconds, not minutes.
#
#	s_start W H [VAR=VALUE]...	dealdeck --db $S_DB $S_ARGS in a W x H terminal
#					(LC_ALL=C.UTF-8, TERM=xterm-256color unless a
#					VAR=VALUE says otherwise); waits for the first frame
#	s_stop				kills the terminal (and whatever runs in it)
#	s_wait TEXT [SECONDS]		until TEXT is on the screen (default 10 s); on
#					timeout a failed check with the last screen
#	s_poll TEXT [SECONDS]		the same, but only a status: no failed check
#	s_wait_gone TEXT [SECONDS]	until TEXT is no longer on the screen
#	t_screen NAME TEXT [SECONDS]	a check: TEXT shows within SECONDS
#	s_wait_status TEXT [SECONDS]	until the status line (the last) has TEXT;
#					s_wait_status "$S_READY": a whole board frame is on screen
#	t_status NAME TEXT [SECONDS]	a check: the status line shows TEXT
#	t_no_screen NAME TEXT		a check: TEXT is not on the screen now
#	s_select TITLE			selects that card of the selected stage
#	s_marker			"LINE:TEXT" of the line with the ▶ marker
#	s_wait_marker_moved OLD		until s_marker is no longer OLD (3 s)
#	s_keys KEY...			tmux key names: j Enter Escape Tab BTab C-l '>'
#	s_type TEXT			literal text (UTF-8 fine)
#	s_capture [-e]			the screen as text (-e: with colour escapes)
#	s_row N				one line of the screen (0 = the top)
#	s_row_of TEXT			the row (0 = the top) of the first line with TEXT
#	s_cursor			"ROW COL" of the terminal's cursor (0-based)
#	s_pages FILE			a box that scrolls (help, the detail view): every
#					screenful appended to FILE, PgDn until its bottom
#					border no longer says "▼ N more"
#	s_resize W H			resizes the terminal
#	s_pid				the pid of the dealdeck process
#	s_exited			the "EXITED:N" line once the program has ended
#	s_modes / s_fresh_modes		terminal modes now (alternate screen, cursor,
#					keypad, mouse...) / those of an untouched terminal
#	s_bytes_start / s_bytes		counts the bytes the program writes (pipe-pane)
#	s_bytes_stop			stops counting
#	s_bytes_settle			waits until no more bytes arrive, prints the count
#	s_colours FILE			the SGR colour parameters in a capture made with
#					escapes (s_capture -e), one per line
#	s_seps FILE [CHAR]		per line of a capture: "ROW x1 x2 ..." display
#					columns of each CHAR (default │), widths by the
#					C library's wcwidth, as tmux and ncurses use
#
# The command line runs as `sh run.sh; echo EXITED:$?; sleep 30`, so after the
# program ends its exit status shows on the screen (and the terminal as it left it).

# shellcheck disable=SC2119,SC2120 # s_capture's -e is optional
if ! command -v tmux >/dev/null 2>&1; then
	echo "1..0 # SKIP tmux not installed"
	exit 0
fi

unset TMUX TMUX_PANE
S_SOCK="$T_DIR/tmux.sock"
S_DB=${S_DB:-$DEALDECK_DB}
S_ARGS=${S_ARGS:-}
S_LAST="$T_DIR/screen.last"
S_BYTES="$T_DIR/screen.bytes"
S_STARTED=0
S_TIMED_OUT=0 # after one wait timed out the rest wait 3 s at most: a failure does not cascade into minutes
# shellcheck disable=SC2034 # used by the scripts
S_READY="> advance" # on the status line of a board at rest: the frame is complete
S_BEFORE=shell-before-dealdeck # printed before the program starts: q must bring it back

s_tmux() { tmux -S "$S_SOCK" -f /dev/null "$@"; }

# s_running PID: the process runs. A zombie does not: it is gone, only not yet
# reaped, which in some containers takes init a second or two.
s_running() {
	if [ -r "/proc/$1/stat" ]; then
		! grep -q ') Z ' "/proc/$1/stat" 2>/dev/null
	else
		kill -0 "$1" 2>/dev/null
	fi
}

# kill-server returns before the server has gone: a session started right
# after could land in the dying server and be lost. Wait (up to 5 s) for it.
s_stop() {
	if [ "$S_STARTED" -eq 1 ]; then
		stop_pid=$(s_tmux display-message -p '#{pid}' 2>/dev/null)
		s_tmux kill-server >/dev/null 2>&1
		stop_n=250
		while [ -n "$stop_pid" ] && s_running "$stop_pid" && [ "$stop_n" -gt 0 ]; do
			stop_n=$((stop_n - 1))
			sleep 0.02
		done
		S_STARTED=0
	fi
	return 0
}

# A machine may have tmux but no pseudo-terminals (some containers): that is a
# skip, not a failure of dealdeck.
if ! SHELL=/bin/sh s_tmux new-session -d -s probe -x 80 -y 24 'sleep 30' >"$T_DIR/probe.err" 2>&1; then
	echo "1..0 # SKIP tmux cannot start a terminal here: $(head -n 1 "$T_DIR/probe.err")"
	exit 0
fi
s_tmux kill-server >/dev/null 2>&1

# lib.sh removes $T_DIR on exit; the terminal goes first. A signal ends the
# script through the same path.
trap 's_stop; rm -rf "$T_DIR"' EXIT
trap 'exit 130' INT TERM HUP

# s_q WORD: WORD quoted for sh.
s_q() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }

s_capture() {
	if [ "${1:-}" = "-e" ]; then
		s_tmux capture-pane -p -e -t dd
	else
		s_tmux capture-pane -p -t dd
	fi
}

s_row() { s_capture | sed -n "$(($1 + 1))p"; }
s_row_of() { s_capture | grep -nF -- "$1" | head -n 1 | cut -d: -f1 | awk '{ print $1 - 1 }'; }
s_cursor() { s_tmux display-message -p -t dd '#{cursor_y} #{cursor_x}'; }

# s_ticks SECONDS: how many polls (S_POLL apart) a wait may take.
S_POLL=0.02 # short: most of a screen test's time is waiting for the next frame
s_ticks() {
	if [ "$S_TIMED_OUT" -eq 1 ] && [ "$1" -gt 3 ]; then echo 150; else echo $(($1 * 50)); fi
}

# s_poll TEXT [SECONDS]: 0 once TEXT is on the screen, 1 on timeout (no check).
s_poll() {
	s_n=$(s_ticks "${2:-10}")
	while [ "$s_n" -gt 0 ]; do
		s_capture >"$S_LAST" 2>/dev/null
		grep -qF -- "$1" "$S_LAST" && return 0
		s_n=$((s_n - 1))
		sleep "$S_POLL"
	done
	return 1
}

# s_wait TEXT [SECONDS]: 0 once TEXT is on the screen; else a failed check.
s_wait() {
	s_poll "$@" && return 0
	s_fail_screen "timed out after ${2:-10} s waiting for '$1'"
	return 1
}

# s_poll_status TEXT [SECONDS] / s_wait_status: until the last line (the status
# line) has TEXT. The status line is the last row curses updates, so the whole
# frame is there by then.
s_poll_status() {
	s_n=$(s_ticks "${2:-10}")
	while [ "$s_n" -gt 0 ]; do
		s_capture >"$S_LAST" 2>/dev/null
		tail -n 1 "$S_LAST" | grep -qF -- "$1" && return 0
		s_n=$((s_n - 1))
		sleep "$S_POLL"
	done
	return 1
}

s_wait_status() {
	s_poll_status "$@" && return 0
	s_fail_screen "timed out after ${2:-10} s waiting for '$1' on the status line"
	return 1
}

s_wait_gone() {
	s_n=$(s_ticks "${2:-10}")
	while [ "$s_n" -gt 0 ]; do
		s_capture >"$S_LAST" 2>/dev/null
		grep -qF -- "$1" "$S_LAST" || return 0
		s_n=$((s_n - 1))
		sleep "$S_POLL"
	done
	s_fail_screen "timed out after ${2:-10} s waiting for '$1' to go"
	return 1
}

# s_fail_screen MESSAGE: a failed check showing the last screen.
s_fail_screen() {
	S_TIMED_OUT=1
	s_msg=$1
	set --
	while IFS= read -r s_line; do set -- "$@" "|$s_line"; done <"$S_LAST"
	t_fail "$s_msg" "screen:" "$@"
}

t_screen() {
	if s_poll "$2" "${3:-10}"; then
		t_ok "$1"
	else
		s_fail_screen "$1: '$2' did not show"
	fi
}

t_status() {
	if s_poll_status "$2" "${3:-10}"; then
		t_ok "$1"
	else
		s_fail_screen "$1: '$2' did not show on the status line"
	fi
}

t_no_screen() {
	s_capture >"$S_LAST"
	if grep -qF -- "$2" "$S_LAST"; then s_fail_screen "$1: '$2' is on the screen"; else t_ok "$1"; fi
}

# s_fresh_modes: the modes of a terminal no program has touched (to compare with).
s_fresh_modes() {
	SHELL=/bin/sh s_tmux new-session -d -s fresh -x 80 -y 24 'sleep 30'
	s_modes fresh
	s_tmux kill-session -t fresh
}

# s_marker: "LINE:TEXT" of the line with the selection marker ▶ (1-based line).
s_marker() { s_capture | grep -n '▶' | head -n 1; }

# s_wait_marker_moved OLD [SECONDS]: until the marker's line differs from OLD.
s_wait_marker_moved() {
	s_n=$(s_ticks "${2:-3}")
	while [ "$s_n" -gt 0 ]; do
		s_m=$(s_marker)
		[ -n "$s_m" ] && [ "$s_m" != "$1" ] && return 0
		s_n=$((s_n - 1))
		sleep "$S_POLL"
	done
	return 1
}

# s_select TITLE: selects the card TITLE in the selected stage (g, then j until
# the marker is on it); a failed check when it is not there.
s_select() {
	s_keys g
	s_n=$(s_ticks 5) # g puts the marker on the first card row (line 5)
	while [ "$s_n" -gt 0 ] && [ "$(s_marker | cut -d: -f1)" != 5 ]; do
		s_n=$((s_n - 1))
		sleep "$S_POLL"
	done
	s_tries=20
	while [ "$s_tries" -gt 0 ]; do
		s_m=$(s_marker)
		case "$s_m" in *"▶$1"*) return 0 ;; esac
		s_keys j
		s_wait_marker_moved "$s_m" || break
		s_tries=$((s_tries - 1))
	done
	s_capture >"$S_LAST"
	s_fail_screen "could not select '$1' in the selected stage"
	return 1
}

s_keys() { s_tmux send-keys -t dd "$@"; }
s_type() { s_tmux send-keys -t dd -l -- "$1"; }

s_resize() { s_tmux resize-window -t dd -x "$1" -y "$2"; }

s_pages() {
	: >"$1"
	s_p=30
	while [ "$s_p" -gt 0 ]; do
		s_capture >"$S_LAST"
		cat "$S_LAST" >>"$1"
		grep -q '▼ [0-9]* more ─*┘' "$S_LAST" || return 0
		s_prev=$(cksum <"$S_LAST")
		s_keys NPage
		s_n=$(s_ticks 3)
		while [ "$s_n" -gt 0 ] && [ "$(s_capture | cksum)" = "$s_prev" ]; do
			s_n=$((s_n - 1))
			sleep "$S_POLL"
		done
		s_p=$((s_p - 1))
	done
	s_fail_screen "the box did not reach its end"
	return 1
}

s_pid() { cat "$T_DIR/app.pid"; }

# s_modes [SESSION]: the terminal modes a program can leave behind, as tmux sees them.
s_modes() {
	s_tmux display-message -p -t "${1:-dd}" 'alternate=#{alternate_on} cursor=#{cursor_flag}'\
' keypad=#{keypad_flag} keypad_cursor=#{keypad_cursor_flag} insert=#{insert_flag}'\
' wrap=#{wrap_flag} origin=#{origin_flag} mouse=#{mouse_any_flag}#{mouse_standard_flag}'\
'#{mouse_button_flag}#{mouse_all_flag}#{mouse_sgr_flag}#{mouse_utf8_flag}'
}

s_exited() { s_capture | grep -o 'EXITED:[0-9]*' | tail -n 1; }

# s_start W H [VAR=VALUE]...
s_start() {
	s_w=$1 s_h=$2
	shift 2
	s_stop
	rm -f "$T_DIR/app.pid"
	{
		echo 'echo $$ >'"$(s_q "$T_DIR/app.pid")"
		printf 'exec env LC_ALL=C.UTF-8 TERM=xterm-256color'
		for s_a in "$@"; do printf ' %s' "$(s_q "$s_a")"; done
		printf ' %s --db %s %s\n' "$(s_q "$DEALDECK")" "$(s_q "$S_DB")" "$S_ARGS"
	} >"$T_DIR/run.sh"
	SHELL=/bin/sh s_tmux new-session -d -s dd -x "$s_w" -y "$s_h" \
		"echo $S_BEFORE; sh $(s_q "$T_DIR/run.sh"); echo EXITED:\$?; sleep 30"
	S_STARTED=1
	s_tmux set-option -g status off >/dev/null 2>&1
	s_tmux resize-window -t dd -x "$s_w" -y "$s_h" >/dev/null 2>&1
	# The first frame: the title bar, or the too-small message. Generous: a loaded
	# machine (or a sanitizer build) can be slow to start a terminal and the program.
	s_n=$(s_ticks 30)
	while [ "$s_n" -gt 0 ]; do
		s_capture >"$S_LAST" 2>/dev/null
		if grep -q '^ dealdeck \|terminal too small\|EXITED:' "$S_LAST"; then
			[ -s "$T_DIR/app.pid" ] && return 0
		fi
		s_n=$((s_n - 1))
		sleep "$S_POLL"
	done
	s_fail_screen "the board did not start in a ${s_w}x$s_h terminal"
	return 1
}

s_bytes_start() {
	: >"$S_BYTES"
	s_tmux pipe-pane -o -t dd "cat >>$(s_q "$S_BYTES")"
}
s_bytes() { wc -c <"$S_BYTES" | tr -d ' '; }
s_bytes_stop() { s_tmux pipe-pane -t dd; }

# s_bytes_settle: the byte count once it stopped growing for 0.3 s (at most 5 s).
s_bytes_settle() {
	s_prev=-1 s_same=0 s_n=50
	while [ "$s_n" -gt 0 ]; do
		s_now=$(s_bytes)
		if [ "$s_now" = "$s_prev" ]; then
			s_same=$((s_same + 1))
			[ "$s_same" -ge 3 ] && break
		else
			s_same=0
		fi
		s_prev=$s_now
		s_n=$((s_n - 1))
		sleep 0.1
	done
	echo "$s_now"
}

# s_seps FILE [CHAR]: "ROW x1 x2 ..." for every line (0-based rows and columns).
# Each prefix before a CHAR goes to its own file so that one `wc -L` (GNU,
# display width by wcwidth in this UTF-8 locale) measures them all.
s_seps() {
	s_ch=${2:-│}
	rm -rf "$T_DIR/seps"
	mkdir "$T_DIR/seps"
	awk -v dir="$T_DIR/seps" -v ch="$s_ch" '
	{
		line = $0; pre = ""; k = 0
		while ((i = index(line, ch)) > 0) {
			pre = pre substr(line, 1, i - 1)
			f = sprintf("%s/%04d.%03d", dir, NR - 1, k++)
			printf "%s", pre > f
			close(f)
			pre = pre ch
			line = substr(line, i + length(ch))
		}
	}' "$1"
	(cd "$T_DIR/seps" && set -- * && [ -e "$1" ] && LC_ALL=C.UTF-8 wc -L -- "$@") |
		awk '$2 != "total" { split($2, p, "."); row = p[1] + 0
			pos[row] = pos[row] " " $1; if (row > max) max = row; seen = 1 }
		END { if (seen) for (r = 0; r <= max; r++) if (r in pos) print r pos[r] }'
}

# s_colours FILE: the SGR colour parameters (30-37, 38;…, 40-47, 48;…, 90-97,
# 100-107) in a capture with escapes; bold, dim, underline, reverse and the
# defaults (39, 49) are not colour.
s_colours() {
	esc=$(printf '\033')
	grep -o "$esc\[[0-9;]*m" "$1" | sed "s/^$esc\[//; s/m\$//" | awk -F';' '{
		for (i = 1; i <= NF; i++) {
			p = $i + 0
			if (p == 38 || p == 48) { print $0; break }
			if ((p >= 30 && p <= 37) || (p >= 40 && p <= 47) || (p >= 90 && p <= 97) || (p >= 100 && p <= 107)) { print $0; break }
		}
	}' | sort -u
}
