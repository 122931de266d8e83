#!/bin/sh
# A full disk (0 to 8 KiB free) says so: not "not a dealdeck database", and a database
# that could not be created leaves nothing behind. Needs a small tmpfs: root and mount(8).
. "${top_srcdir:-.}/tests/lib.sh"

FULL="$T_DIR/full"
mkdir "$FULL"
if [ "$(id -u)" -ne 0 ] || ! mount -t tmpfs -o size=1m tmpfs "$FULL" 2>/dev/null; then
	t_skip "a full disk" "cannot mount a small tmpfs here (needs root)"
	t_done
	exit 0
fi
trap 'umount "$FULL" 2>/dev/null; rm -rf "$T_DIR"' EXIT

# fill KIB: leaves KIB KiB free on the tmpfs.
fill() {
	rm -f "$FULL/fill"
	avail=$(df -k "$FULL" | awk 'NR == 2 { print $4 }')
	[ "$avail" -gt "$1" ] && dd if=/dev/zero of="$FULL/fill" bs=1k count=$((avail - $1)) 2>/dev/null
	sync
}

t_init "$T_DIR/p.db"
"$DEALDECK" --db "$T_DIR/p.db" add --title "Kept" --account A >/dev/null
for free in 8 4 0; do
	rm -f "$FULL"/p.db* "$FULL/fill"
	cp "$T_DIR/p.db" "$FULL/p.db"
	fill "$free"
	t_run "$free KiB free: a read" 1 --db "$FULL/p.db" list
	t_err "$free KiB free: the read says the disk is full" "the disk is full"
	t_no_err "$free KiB free: not called foreign" "not a dealdeck database"
	t_run "$free KiB free: a write" 1 --db "$FULL/p.db" add --title "Lost" --account A
	t_err "$free KiB free: the write says the disk is full" "the disk is full"
	rm -f "$FULL/fill"
	t_eq "$free KiB free: nothing was written" \
		"$(t_sql "SELECT group_concat(title) FROM deals" "$FULL/p.db" 2>&1)" "Kept"
	rm -f "$FULL"/p.db*
	fill "$free"
	t_run "$free KiB free: init" 1 --db "$FULL/new/p.db" init
	t_err "$free KiB free: init says the disk is full" "the disk is full"
	t_eq "$free KiB free: init left nothing, not even the directory" "$(ls "$FULL")" "fill"
done

# The process file goes through a temporary copy in $TMPDIR: on a full disk the apply must
# fail, never install a copy cut short (a process missing its last gates still parses).
"$DEALDECK" --db "$T_DIR/p.db" process show >"$T_DIR/process.ini"
sed 's/^probability = 90$/probability = 91/' "$T_DIR/process.ini" >"$T_DIR/changed.ini"
t_dump "$T_DIR/before.sql" "$T_DIR/p.db"
rm -f "$FULL/fill"
fill 0
TMPDIR="$FULL" t_run "process apply with \$TMPDIR full" 1 --db "$T_DIR/p.db" process apply \
	"$T_DIR/changed.ini"
t_err "says the temporary copy could not be written" "cannot write a temporary file in $FULL"
t_same_db "the process was not applied" "$T_DIR/before.sql" "$T_DIR/p.db"
t_eq "no temporary file left" "$(ls "$FULL")" "fill"
rm -f "$FULL/fill"
TMPDIR="$FULL" t_run "with room again, it applies" 0 --db "$T_DIR/p.db" process apply \
	"$T_DIR/changed.ini"
t_done
