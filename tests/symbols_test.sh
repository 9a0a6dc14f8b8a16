#!/usr/bin/env bash
# symbols_test.sh - the three locks on libsgguard's interface agree:
#  - the dynamic symbols the shared library defines are exactly the names in
#    libsgguard/libsgguard.map, and every one starts with sgg_;
#  - the functions include/sgguard.h declares with SGG_EXPORT are that same set;
#  - include/sgguard.h compiles alone as strict C99 and as C++.
#
# Usage: symbols_test.sh SHARED_LIBRARY SOURCE_ROOT
# Exit 77 (skipped) under the valgrind setup, which would otherwise run this
# shell under memcheck.
# SPDX-License-Identifier: MIT
set -euo pipefail
export LC_ALL=C

if [ -n "${SGG_CLI_WRAPPER:-}" ]; then
	echo "symbols: skipped under a wrapper ($SGG_CLI_WRAPPER)"
	exit 77
fi
if [ $# -ne 2 ]; then
	echo "usage: symbols_test.sh SHARED_LIBRARY SOURCE_ROOT" >&2
	exit 2
fi
lib=$1 src=$2
map=$src/libsgguard/libsgguard.map
header=$src/include/sgguard.h
for tool in nm cc c++; do
	command -v "$tool" >/dev/null || { echo "symbols: $tool is missing (run scripts/deps)" >&2; exit 2; }
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/sgguard-symbols.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() {
	echo "FAIL: $*" >&2
	failures=$((failures + 1))
}

# The names in the map's global: part, without comments and the version node.
sed -e 's|/\*.*\*/||g' "$map" |
	awk '/^[[:space:]]*global:/ { on = 1; next }
	     /^[[:space:]]*local:/ { on = 0 }
	     on' |
	tr -d ' \t' | sed -n 's/^\([A-Za-z_][A-Za-z0-9_]*\);$/\1/p' | sort >"$tmp/map"

# What the library really exports (newer nm appends @@VERSION; the version
# node itself shows up as an absolute symbol).
nm -D --defined-only "$lib" | awk '$2 != "A" { print $3 }' | sed 's/@.*//' | sort -u >"$tmp/lib"

# What the header promises.
grep -E '^SGG_EXPORT[[:space:]]' "$header" | sed -n 's/.*\<\(sgg_[A-Za-z0-9_]*\)[[:space:]]*(.*/\1/p' |
	sort >"$tmp/header"

[ -s "$tmp/map" ] || fail "no symbols found in $map"
[ -s "$tmp/lib" ] || fail "no dynamic symbols found in $lib"
if ! diff -u --label libsgguard.map --label "nm -D $(basename "$lib")" "$tmp/map" "$tmp/lib" >&2; then
	fail "the library's exports differ from the map (- only in the map, + only exported)"
fi
if ! diff -u --label sgguard.h --label libsgguard.map "$tmp/header" "$tmp/map" >&2; then
	fail "the SGG_EXPORT declarations differ from the map (- only in the header, + only in the map)"
fi
if grep -v '^sgg_' "$tmp/lib" >"$tmp/bad"; then
	fail "exported names outside the sgg_ namespace: $(tr '\n' ' ' <"$tmp/bad")"
fi
if grep '^sgg__' "$tmp/lib" >"$tmp/bad"; then
	fail "internal sgg__ names are exported: $(tr '\n' ' ' <"$tmp/bad")"
fi
sort -c -u "$tmp/map" 2>/dev/null || fail "a name is listed twice in the map"

# The header alone, as a C99 and a C++ user would include it.
printf '#include "sgguard.h"\n' >"$tmp/use.c"
cp "$tmp/use.c" "$tmp/use.cpp"
cc -std=c99 -pedantic -Werror -Wall -Wextra -fsyntax-only -I"$src/include" "$tmp/use.c" ||
	fail "sgguard.h does not compile as C99 -pedantic"
cc -std=c99 -pedantic -Werror -Wall -Wextra -fsyntax-only -x c-header "$header" ||
	fail "sgguard.h does not compile alone as a C99 header"
c++ -pedantic -Werror -Wall -Wextra -fsyntax-only -I"$src/include" "$tmp/use.cpp" ||
	fail "sgguard.h does not compile as C++"
c++ -fsyntax-only -x c++-header "$header" || fail "sgguard.h does not compile alone as a C++ header"

if ((failures)); then
	echo "symbols: $failures failure(s)" >&2
	exit 1
fi
echo "symbols: $(wc -l <"$tmp/map") exported names agree; the header compiles as C99 and C++"
