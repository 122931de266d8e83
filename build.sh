#!/bin/sh
# Builds dealdeck in this directory: installs missing Debian build and test
# dependencies when run as root (otherwise prints the apt-get line), then
# autoreconf, configure and make. Extra arguments go to ./configure.
set -eu
cd "$(dirname "$0")"

pkgs="autoconf automake pkg-config make gcc libncurses-dev libsqlite3-dev sqlite3
libiniparser-dev libcsv-dev check tmux valgrind"
missing=""
for p in $pkgs; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
if [ -n "$missing" ]; then
	if [ "$(id -u)" -eq 0 ]; then
		export DEBIAN_FRONTEND=noninteractive
		apt-get install -y -qq $missing >/dev/null ||
			{ apt-get update -qq && apt-get install -y -qq $missing >/dev/null; }
	else
		echo "build.sh: missing packages; as root run: apt-get install -y$missing" >&2
		exit 1
	fi
fi

if [ ! -x configure ] || [ configure.ac -nt configure ] || [ Makefile.am -nt configure ]; then
	autoreconf -fi
fi
if [ ! -f Makefile ] || [ "$#" -gt 0 ]; then
	./configure "$@"
fi
make -j"$(nproc)"
