#!/usr/bin/env bash
# junit_test.sh - the JUnit XML that sgguard writes for CI servers is valid
# against tests/data/junit.xsd, checked by a real validator (xmllint): the
# output of `sgguard diff`, `sgguard lint` and `sgguard check --format junit`
# on the technote example, passing and failing, and their input-error
# reports. A broken document must be refused, so the validation itself can
# fail.
#
# Usage: junit_test.sh SGGUARD XSD EXAMPLES_DIR DATA_DIR
# Under the valgrind setup, sgguard runs under $SGG_CLI_WRAPPER.
# SPDX-License-Identifier: MIT
set -uo pipefail
export LC_ALL=C

if [ $# -ne 4 ]; then
	echo "usage: junit_test.sh SGGUARD XSD EXAMPLES_DIR DATA_DIR" >&2
	exit 2
fi
xsd=$2 ex=$3 data=$4
# word splitting of the wrapper is wanted: it is a command with options
# shellcheck disable=SC2206
sgguard=(${SGG_CLI_WRAPPER:-} "$1")
command -v xmllint >/dev/null || { echo "junit: xmllint is missing (run scripts/deps)" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/sgguard-junit.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
failed=0 n=0

# validate NAME EXPECTED_EXIT SGGUARD_ARGS...: run sgguard, check its exit
# code, and validate what it wrote on stdout.
validate() {
	local name=$1 want=$2 got
	shift 2
	n=$((n + 1))
	"${sgguard[@]}" "$@" >"$tmp/$n.xml" 2>"$tmp/$n.err"
	got=$?
	if [ "$got" -ne "$want" ]; then
		echo "FAIL $name: sgguard exited $got, expected $want"
		cat "$tmp/$n.err"
		failed=$((failed + 1))
		return
	fi
	if ! xmllint --noout --schema "$xsd" "$tmp/$n.xml" 2>"$tmp/$n.lint"; then
		echo "FAIL $name: not valid JUnit XML"
		cat "$tmp/$n.lint"
		sed 's/^/    /' "$tmp/$n.xml"
		failed=$((failed + 1))
		return
	fi
	echo "ok $name"
}

config=$ex/technote/config.json

# sgguard diff: the technote's removal as a merge request would make it
validate "diff, identical exports" 0 diff "$config" "$config" --format junit
validate "diff, crash state (uncovered removal, dangling memberships and route)" 1 \
	diff "$config" "$data/diff/after-technote.json" --format junit
validate "diff, base with its listed subs" 1 \
	diff "$config" "$data/diff/after-base-only.json" --format junit
validate "diff, added and changed groups only" 0 \
	diff "$config" "$data/diff/after-info.json" --format junit
validate "diff, escaped names" 1 \
	diff "$data/diff/escape-before.json" "$data/diff/escape-after.json" --format junit
validate "diff, input error" 2 diff "$config" "$tmp/missing.json" --format junit

# sgguard lint
validate "lint, technote export" 0 lint "$config" --format junit
for f in "$data"/diff/lint-*.json; do
	validate "lint, $(basename "$f" .json)" 1 lint "$f" --format junit
done
validate "lint, input error" 2 lint "$data/diff/not-json.txt" --format junit

# sgguard check
validate "check, technote (agent talking)" 1 check --config "$config" \
	--sessions "$ex/technote/sessions.json" --remove 5000:40424 --at 2026-12-01T02:15:00Z \
	--format junit
validate "check, technote (all logged out)" 0 check --config "$config" \
	--sessions "$ex/technote/sessions-logged-out.json" --remove 5000:40424 \
	--at 2026-12-01T02:42:00Z --format junit
validate "check, input error" 2 check --config "$tmp/missing.json" \
	--sessions "$ex/technote/sessions.json" --remove 5000:40424 --format junit

# The schema refuses what CI servers would choke on: this document must fail.
n=$((n + 1))
printf '%s\n' '<?xml version="1.0"?>' \
	'<testsuites><testsuite name="s" tests="many"><testcase classname="c"/></testsuite></testsuites>' \
	>"$tmp/broken.xml"
if xmllint --noout --schema "$xsd" "$tmp/broken.xml" 2>/dev/null; then
	echo "FAIL the schema accepts a broken report"
	failed=$((failed + 1))
else
	echo "ok the schema refuses a broken report"
fi

echo "$n JUnit documents, $failed failed"
[ "$failed" -eq 0 ]
