#!/usr/bin/env bash
# install_test.sh - install the current build into a scratch DESTDIR and use
# it the way a user would: check the installed files, build
# examples/embed.c with nothing but pkg-config and the installed header, and
# run it on the technote example.
#
# Usage: install_test.sh BUILD_ROOT SOURCE_ROOT VERSION LIBVERSION SOVERSION SANITIZE
# (SANITIZE is Meson's b_sanitize: the example must be built the same way as
# the library it links.) Exit 77 (skipped) under the valgrind setup, which
# would otherwise run this shell under memcheck.
# SPDX-License-Identifier: MIT
set -euo pipefail
export LC_ALL=C

if [ -n "${SGG_CLI_WRAPPER:-}" ]; then
	echo "install: skipped under a wrapper ($SGG_CLI_WRAPPER)"
	exit 77
fi
if [ $# -ne 6 ]; then
	echo "usage: install_test.sh BUILD_ROOT SOURCE_ROOT VERSION LIBVERSION SOVERSION SANITIZE" >&2
	exit 2
fi
build=$1 src=$2 version=$3 libversion=$4 soversion=$5 sanitize=$6
for tool in pkg-config cc readelf; do
	command -v "$tool" >/dev/null || { echo "install: $tool is missing" >&2; exit 2; }
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/sgguard-install.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
dest=$tmp/dest
failures=0
fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

meson install -C "$build" --destdir "$dest" --no-rebuild --quiet

# ---- where things went: ask the installed .pc file, then look in DESTDIR
pc=$(find "$dest" -name sgguard.pc -path '*/pkgconfig/*' | head -n 1)
if [ -z "$pc" ]; then
	echo "FAIL: no sgguard.pc installed under $dest" >&2
	exit 1
fi
pcdir=$(dirname "$pc")
pcvar() { PKG_CONFIG_PATH=$pcdir pkg-config --variable="$1" sgguard; }
prefix=$(pcvar prefix)
libdir=$dest$(pcvar libdir)
includedir=$dest$(pcvar includedir)
bindir=$dest$prefix/bin
echo "install: prefix $prefix, DESTDIR $dest"

# ---- the installed files
lib=libsgguard.so.$libversion
soname=libsgguard.so.$soversion
if [ ! -f "$libdir/$lib" ] || [ -L "$libdir/$lib" ]; then
	fail "$libdir/$lib is not a regular file"
fi
[ -L "$libdir/$soname" ] || fail "$libdir/$soname is not a symbolic link"
[ "$(readlink -f "$libdir/$soname")" = "$(readlink -f "$libdir/$lib")" ] ||
	fail "$soname does not lead to $lib"
[ -L "$libdir/libsgguard.so" ] || fail "$libdir/libsgguard.so (the link for -lsgguard) is missing"
[ "$(readlink -f "$libdir/libsgguard.so")" = "$(readlink -f "$libdir/$lib")" ] ||
	fail "libsgguard.so does not lead to $lib"
got_soname=$(readelf -d "$libdir/$lib" | sed -n 's/.*Library soname: \[\(.*\)\].*/\1/p')
[ "$got_soname" = "$soname" ] || fail "the SONAME of $lib is '$got_soname', not '$soname'"
[ -f "$libdir/libsgguard.a" ] || fail "$libdir/libsgguard.a is missing"
[ -f "$includedir/sgguard.h" ] || fail "$includedir/sgguard.h is missing"
cmp -s "$includedir/sgguard.h" "$src/include/sgguard.h" ||
	fail "the installed sgguard.h differs from include/sgguard.h"
[ -x "$bindir/sgguard" ] || fail "$bindir/sgguard is missing or not executable"
# the man pages (when scdoc built them) and the bash completion
if command -v scdoc >/dev/null; then
	for page in man1/sgguard.1 man3/libsgguard.3; do
		[ -n "$(find "$dest" -path "*/man/$page" -size +1k)" ] || fail "$page is not installed"
	done
fi
[ -n "$(find "$dest" -path '*/bash-completion/completions/sgguard')" ] ||
	fail "the bash completion is not installed"
grep -Eq '^Requires\.private:.*\bjansson\b' "$pc" || fail "sgguard.pc lacks jansson in Requires.private"
if grep -Eq '^Requires:.*\bjansson\b' "$pc"; then
	fail "sgguard.pc makes jansson a public requirement"
fi
if ((failures)); then
	echo "--- installed:" >&2
	(cd "$dest" && find . | sort) >&2
	echo "--- sgguard.pc:" >&2
	cat "$pc" >&2
	exit 1
fi

# ---- build the example against the installed files only
flags=$(PKG_CONFIG_PATH=$pcdir PKG_CONFIG_SYSROOT_DIR=$dest pkg-config --cflags --libs sgguard)
echo "install: pkg-config says: $flags"
case " $flags " in
*" -I$includedir "*) ;;
*) fail "pkg-config --cflags does not point into DESTDIR ($includedir)" ;;
esac
case " $flags " in
*" -L$libdir "*) ;;
*) fail "pkg-config --libs does not point into DESTDIR ($libdir)" ;;
esac
san=()
if [ "$sanitize" != none ] && [ -n "$sanitize" ]; then
	san=("-fsanitize=$sanitize")
fi
# shellcheck disable=SC2086 # the flags are words
cc -std=c99 -Wall -Wextra -Werror "${san[@]}" -o "$tmp/embed" "$src/examples/embed.c" $flags

export LD_LIBRARY_PATH=$libdir
loaded=$(ldd "$tmp/embed" | awk '/libsgguard/ { print $3 }')
[ "$(readlink -f "$loaded")" = "$(readlink -f "$libdir/$lib")" ] ||
	fail "embed loads '$loaded', not the installed library"

# run_embed EXPECTED_EXIT ARGS...: output in $tmp/out
run_embed() {
	local want=$1 got=0
	shift
	"$tmp/embed" "$@" >"$tmp/out" 2>"$tmp/err" || got=$?
	if [ "$got" -ne "$want" ]; then
		fail "embed $*: exit $got, expected $want"
		cat "$tmp/out" "$tmp/err" >&2
	fi
}
# expect LINE: the last embed run printed exactly this line
expect() {
	grep -Fxq -- "$1" "$tmp/out" || {
		fail "embed printed no line '$1'"
		cat "$tmp/out" >&2
	}
}
ex=$src/examples/technote
run_embed 1 "$ex/config.json" "$ex/sessions.json" 5000:40424 2026-12-01T02:15:00Z
expect "libsgguard $version: removing 5000:40424: block"
expect "  member-logged-in: agent 1428 (talking) skill group 5000:40424:0 Literature"
expect "  session-references-target: agent 1428 (talking) skill group 5000:40424:0 Literature"
expect "  session-references-target: agent 1431 (not_ready) skill group 5000:40424:2 Literature.sec"
run_embed 0 "$ex/config.json" "$ex/sessions-logged-out.json" 5000:40424 2026-12-01T02:42:00Z
expect "libsgguard $version: removing 5000:40424: allow"
[ "$(wc -l <"$tmp/out")" -eq 1 ] || fail "an allowed removal printed blockers"
run_embed 1 "$ex/config.json" "$ex/sessions-logged-out.json" 5000:40424 2026-12-01T02:45:00Z
expect "libsgguard $version: removing 5000:40424: block"
grep -q '^  snapshot-stale: ' "$tmp/out" || fail "a stale snapshot did not block"
run_embed 2 "$ex/config.json" "$ex/sessions.json" 9999 2026-12-01T02:15:00Z
expect "libsgguard $version: removing 9999: error"
run_embed 2 "$ex/config.json" "$tmp/absent.json" 5019
grep -Fq "embed: $tmp/absent.json: cannot open" "$tmp/err" || fail "embed did not name the missing file"
# no arguments: the situation built with the builder functions
run_embed 1
expect "libsgguard $version: removing 5000:40424: block"
expect "  member-logged-in: agent 1428 (talking) skill group 5000:40424:1 Literature.pri"
expect "  session-references-target: agent 1428 (talking) skill group 5000:40424:0 Literature"

# ---- the installed program runs on its own (no build-tree rpath needed)
rc=0
"$bindir/sgguard" check --config "$ex/config.json" --sessions "$ex/sessions.json" \
	--remove 5000:40424 --at 2026-12-01T02:15:00Z >"$tmp/out" || rc=$?
[ "$rc" -eq 1 ] || fail "the installed sgguard check exited $rc, expected 1"
"$bindir/sgguard" --version | grep -Fxq "sgguard $version (libsgguard $version)" ||
	fail "the installed sgguard --version does not say $version"

if ((failures)); then
	echo "install: $failures failure(s)" >&2
	exit 1
fi
echo "install: ok"
