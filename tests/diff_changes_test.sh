#!/usr/bin/env bash
# diff_changes_test.sh - `sgguard diff --change` with change records made by
# the real CLI (`sgguard change plan`, `notify-logout`, `remove`, `confirm`,
# `notify-login`, `abort`), one in each state: only removal_approved,
# removed and closed cover a removal; a record for other groups never does.
# Also checks that the JSON output parses and that the TAP output is read
# by a TAP consumer (Perl's TAP::Parser, when installed) as intended.
#
# Usage: diff_changes_test.sh SGGUARD EXAMPLES_DIR DATA_DIR
# Under the valgrind setup, sgguard runs under $SGG_CLI_WRAPPER.
# SPDX-License-Identifier: MIT
set -uo pipefail
export LC_ALL=C TZ=UTC NO_COLOR=1

if [ $# -ne 3 ]; then
	echo "usage: diff_changes_test.sh SGGUARD EXAMPLES_DIR DATA_DIR" >&2
	exit 2
fi
ex=$2 data=$3
# word splitting of the wrapper is wanted: it is a command with options
# shellcheck disable=SC2206
sgguard=(${SGG_CLI_WRAPPER:-} "$1")
before=$data/diff/before.json
after=$data/diff/after-base-removed.json
window=2026-12-01T02:00:00Z/PT2H

tmp=$(mktemp -d "${TMPDIR:-/tmp}/sgguard-diffchg.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
failed=0

fail() {
	echo "FAIL $*"
	failed=$((failed + 1))
}

# step NAME ARGS...: a workflow step that must be done (exit 0)
step() {
	local what=$1
	shift
	if ! "${sgguard[@]}" change "$what" "$@" --by ci >"$tmp/step.out" 2>&1; then
		fail "making the records: sgguard change $what $*"
		cat "$tmp/step.out"
	fi
}

# record ID REF STATE: a change record walked to STATE by the CLI
record() {
	local id=$1 ref=$2 state=$3 rec=$tmp/$1.json confirm_after=$after
	[ "$ref" = 5001:41001 ] && confirm_after=$data/diff/after-support-removed.json
	step plan "$rec" --config "$before" --remove "$ref" --window "$window" --id "$id" \
		--at 2026-12-01T01:00:00Z
	case $state in
	aborted)
		step abort "$rec" --reason "postponed" --at 2026-12-01T01:10:00Z
		return ;;
	planned) return ;;
	esac
	step notify-logout "$rec" --at 2026-12-01T01:30:00Z
	[ "$state" = logout_notified ] && return
	step remove "$rec" --sessions "$ex/technote/sessions-logged-out.json" --config "$before" \
		--at 2026-12-01T02:42:00Z
	[ "$state" = removal_approved ] && return
	step confirm "$rec" --config "$confirm_after" --at 2026-12-01T02:50:00Z
	[ "$state" = removed ] && return
	step notify-login "$rec" --at 2026-12-01T02:55:00Z
}

# expect NAME EXIT PATTERN ARGS...: run sgguard diff; check exit and output
expect() {
	local name=$1 want=$2 pattern=$3 got
	shift 3
	"${sgguard[@]}" diff "$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	if [ "$got" -ne "$want" ]; then
		fail "$name: exit $got, expected $want"
		cat "$tmp/out" "$tmp/err"
	elif ! grep -qF -- "$pattern" "$tmp/out" "$tmp/err"; then
		fail "$name: output lacks \"$pattern\""
		cat "$tmp/out" "$tmp/err"
	else
		echo "ok $name"
	fi
}

for s in planned logout_notified removal_approved removed closed aborted; do
	record "CHG-$s" 5000:40424 "$s"
done
record CHG-support 5001:41001 removal_approved

# the records' states as the workflow left them
for s in planned logout_notified removal_approved removed closed aborted; do
	"${sgguard[@]}" change status "$tmp/CHG-$s.json" --format json >"$tmp/status" 2>&1
	grep -q "\"state\": \"$s\"" "$tmp/status" || fail "record CHG-$s is not in state $s"
done

expect "no record: blocks" 1 "no change record was given" "$before" "$after"
for s in removal_approved removed closed; do
	expect "record in state $s covers" 0 "covered by CHG-$s ($s)" \
		"$before" "$after" --change "$tmp/CHG-$s.json"
done
for s in planned logout_notified aborted; do
	expect "record in state $s does not cover" 1 "CHG-$s targets it but is in state $s" \
		"$before" "$after" --change "$tmp/CHG-$s.json"
done
expect "record for another group does not cover" 1 \
	"CHG-support (removal_approved) targets other skill groups" \
	"$before" "$after" --change "$tmp/CHG-support.json"
expect "one covering record among several" 0 "covered by CHG-closed (closed)" \
	"$before" "$after" --change "$tmp/CHG-planned.json" --change "$tmp/CHG-support.json" \
	--change "$tmp/CHG-closed.json"
expect "covered removal, dangling memberships still block" 1 "dangling-reference" \
	"$before" "$data/diff/after-technote.json" --change "$tmp/CHG-closed.json"
expect "a record that cannot be read" 2 "$tmp/nope.json" \
	"$before" "$after" --change "$tmp/nope.json"

# JSON parses, and says what the text says
"${sgguard[@]}" diff "$before" "$after" --change "$tmp/CHG-planned.json" --format json \
	>"$tmp/diff.json"
if python3 -c 'import json,sys
d = json.load(open(sys.argv[1]))
assert d["verdict"] == "block", d["verdict"]
assert d["summary"]["removed"] == 3 and d["summary"]["uncovered"] == 3, d["summary"]
assert [c["id"] for c in d["changes"]] == ["CHG-planned"]
assert all(f["rule"] == "removal-without-change" for f in d["findings"])
' "$tmp/diff.json"; then
	echo "ok json output"
else
	fail "json output"
fi

# TAP: a consumer reads the plan, each test point and the YAML diagnostics
if perl -MTAP::Parser -e 1 2>/dev/null; then
	"${sgguard[@]}" diff "$before" "$data/diff/after-base-only.json" --format tap >"$tmp/diff.tap"
	if perl -MTAP::Parser -e '
		my $p = TAP::Parser->new({ source => $ARGV[0] });
		my ($yaml, $notok) = (0, 0);
		while (my $r = $p->next) {
			$notok++ if $r->is_test && !$r->is_ok;
			$yaml++ if $r->is_yaml && $r->data->{rule};
		}
		my @e = $p->parse_errors;
		die "parse errors: @e\n" if @e;
		die "version ", $p->version, "\n" unless $p->version == 13;
		die "plan 1..", $p->tests_planned, " run ", $p->tests_run, "\n"
			unless $p->tests_planned == 6 && $p->tests_run == 6;
		die "$notok not ok, $yaml YAML blocks\n" unless $notok == 4 && $yaml == 4;
	' "$tmp/diff.tap"; then
		echo "ok tap output"
	else
		fail "tap output"
		cat "$tmp/diff.tap"
	fi
else
	echo "skip tap output (Perl TAP::Parser is not installed)"
fi

echo "$failed failed"
[ "$failed" -eq 0 ]
