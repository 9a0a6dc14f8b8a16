#!/usr/bin/env bash
# ci_doc_test.sh - the script that docs/ci.md gives for CI jobs works as
# documented: it is taken out of the page as written and run in a scratch git
# repository where a branch changes exports the ways a merge request can
# (modified with and without a change record, added, deleted), and its exit
# status and JUnit reports are checked (the reports against tests/data/junit.xsd).
#
# Usage: ci_doc_test.sh SGGUARD SOURCE_ROOT
# Exit 77 (skipped) when git or xmllint is missing. Under the valgrind setup,
# sgguard runs under $SGG_CLI_WRAPPER.
# SPDX-License-Identifier: MIT
set -uo pipefail
export LC_ALL=C TZ=UTC NO_COLOR=1

if [ $# -ne 2 ]; then
	echo "usage: ci_doc_test.sh SGGUARD SOURCE_ROOT" >&2
	exit 2
fi
src=$2
for tool in git xmllint; do
	command -v "$tool" >/dev/null || { echo "ci-doc: $tool is missing: skipped"; exit 77; }
done
data=$src/tests/data
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sgguard-cidoc.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
failed=0

# sgguard as the script calls it: one command name, so wrap it in a tiny script
cat >"$tmp/sgguard" <<EOF
#!/bin/sh
exec ${SGG_CLI_WRAPPER:-} "$1" "\$@"
EOF
chmod +x "$tmp/sgguard"
export SGGUARD=$tmp/sgguard

# The script, exactly as docs/ci.md shows it: the bash block after "## The script".
awk '/^## The script/ { on = 1 } on && /^```bash$/ { grab = 1; next }
     grab && /^```$/ { exit } grab { print }' "$src/docs/ci.md" >"$tmp/sgguard-diff.sh"
chmod +x "$tmp/sgguard-diff.sh"
if ! grep -q 'git merge-base' "$tmp/sgguard-diff.sh"; then
	echo "FAIL could not find the script in docs/ci.md"
	exit 1
fi

repo=$tmp/repo
export GIT_AUTHOR_NAME=ci GIT_AUTHOR_EMAIL=ci@example.com
export GIT_COMMITTER_NAME=ci GIT_COMMITTER_EMAIL=ci@example.com
git init -q -b main "$repo" || exit 2
cd "$repo" || exit 2
mkdir -p exports changes
cp "$data/diff/before.json" exports/pg1.json
cp "$data/diff/before.json" exports/pg2.json
printf 'reports/\n' >.gitignore
git add -A && git commit -qm "exports as in production"

# run NAME EXPECTED_EXIT EXPECTED_REPORTS...: run the script on the branch
run() {
	local name=$1 want=$2 got
	shift 2
	rm -rf reports
	"$tmp/sgguard-diff.sh" main >"$tmp/log" 2>&1
	got=$?
	if [ "$got" -ne "$want" ]; then
		echo "FAIL $name: exit $got, expected $want"
		cat "$tmp/log"
		failed=$((failed + 1))
		return
	fi
	for r in "$@"; do
		if [ ! -s "reports/$r" ]; then
			echo "FAIL $name: no report reports/$r"
			ls reports
			failed=$((failed + 1))
			return
		fi
		if ! xmllint --noout --schema "$data/junit.xsd" "reports/$r" 2>"$tmp/lint"; then
			echo "FAIL $name: reports/$r is not valid JUnit"
			cat "$tmp/lint"
			failed=$((failed + 1))
			return
		fi
	done
	echo "ok $name"
}

# a branch that removes Literature from pg1 with no record
git checkout -qb remove-literature
cp "$data/diff/after-base-removed.json" exports/pg1.json
git commit -qam "remove Literature"
run "removal without a record blocks" 1 sgguard-exports_pg1.json.xml
grep -q 'failures="3"' reports/sgguard-exports_pg1.json.xml ||
	{ echo "FAIL the report does not fail the 3 removals"; failed=$((failed + 1)); }
[ ! -e reports/sgguard-exports_pg2.json.xml ] ||
	{ echo "FAIL an unchanged export was checked"; failed=$((failed + 1)); }

# the same branch with the change record, taken through the gate
"$SGGUARD" change plan changes/CHG-LIT.json --config exports/pg2.json --remove 5000:40424 \
	--window 2026-12-01T02:00:00Z/PT2H --at 2026-12-01T01:00:00Z --by ci >/dev/null &&
	"$SGGUARD" change notify-logout changes/CHG-LIT.json --at 2026-12-01T01:30:00Z --by ci \
		>/dev/null &&
	"$SGGUARD" change remove changes/CHG-LIT.json --config exports/pg2.json \
		--sessions "$src/examples/technote/sessions-logged-out.json" \
		--at 2026-12-01T02:42:00Z --by ci >/dev/null ||
	{ echo "FAIL making the change record"; failed=$((failed + 1)); }
git add -A && git commit -qm "change record CHG-LIT"
run "removal with an approved record passes" 0 sgguard-exports_pg1.json.xml
grep -q 'covered by change CHG-LIT (removal_approved)' reports/sgguard-exports_pg1.json.xml ||
	{ echo "FAIL the report does not name the record"; failed=$((failed + 1)); }

# the target branch moves on meanwhile: its own changes are not blamed on the branch
git checkout -q main
cp "$data/diff/after-deleted.json" exports/pg2.json
git commit -qam "Billing removed on main (with its own review)"
git checkout -q remove-literature
run "changes on the target branch are not the branch's" 0 sgguard-exports_pg1.json.xml

# a new export is linted, a deleted one removes everything it had
git checkout -qb add-and-delete main
cp "$data/diff/lint-route-deleted.json" exports/pg3.json
git add -A && git commit -qm "new export with a dangling route"
run "a new export is linted" 1 sgguard-exports_pg3.json.xml
grep -q 'routes name live skill groups' reports/sgguard-exports_pg3.json.xml ||
	{ echo "FAIL the lint report lacks the route check"; failed=$((failed + 1)); }
git rm -q exports/pg3.json
git rm -q exports/pg1.json
git commit -qm "drop pg1"
run "a deleted export removes all its groups" 1 sgguard-exports_pg1.json.xml
grep -q 'tests="10" failures="7"' reports/sgguard-exports_pg1.json.xml ||
	{ echo "FAIL the deleted export does not fail its 7 live groups"; failed=$((failed + 1));
	  head -3 reports/sgguard-exports_pg1.json.xml; }

echo "$failed failed"
[ "$failed" -eq 0 ]
