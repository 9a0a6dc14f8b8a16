# The removal check as a user might write it in jq, for comparison with
# `sgguard check` (see bench/run and docs/performance.md). Same rules and same
# output as bench/check.py: member-logged-in and session-references-target for
# the target and its sub-skill groups, and the snapshot's age.
#
# Usage: jq -n -r --arg ref REF --arg at TIME --argjson max_age 120 \
#           -f bench/check.jq CONFIG SESSIONS

def resolve($groups):
  ($groups | map(select(.deleted != true))) as $live
  | if $ref | startswith("name:") then $ref[5:] as $n | $live | map(select(.name == $n))
    elif $ref | test("^[0-9]+$") then ($ref | tonumber) as $i | $live | map(select(.id == $i))
    else ($ref | split(":") | map(tonumber)) as $p
      | $live | map(select(.peripheral == $p[0] and .number == $p[1]
                           and .priority == ($p[2] // 0)))
    end
  | first;

input as $cfg
| input as $snap
| resolve($cfg.skill_groups) as $t
| if $t == null then "verdict error"
  else
    ([$t.id] + (if $t.priority == 0
                then [$cfg.skill_groups[] | select(.base == $t.id and .deleted != true) | .id]
                else [] end)) as $ids
    | ($ids | map({key: tostring, value: true}) | from_entries) as $is_target
    | ($snap.peripherals | map({key: tostring, value: true}) | from_entries) as $scope
    | ($snap.sessions | map(select(.state != "logged_out")) | map({key: (.agent | tostring), value: .})
       | from_entries) as $logged_in
    | (($at | fromdate) - ($snap.taken_at | fromdate)) as $age
    | ([$cfg.agents[]
        | select($logged_in[.id | tostring] != null and $scope[.peripheral | tostring] != null)
        | .id as $a | .skill_groups[] | select($is_target[tostring])
        | "block member-logged-in agent=\($a) group=\(.)"]
       + [$logged_in[] | .agent as $a | .skill_groups[] | select($is_target[tostring])
          | "block session-references-target agent=\($a) group=\(.)"]
       + (if $age > $max_age then ["block snapshot-stale"] else [] end)
       + (if -$age > 60 then ["block snapshot-from-future"] else [] end)
       | unique) as $blockers
    | "verdict \(if $blockers == [] then "allow" else "block" end)", $blockers[]
  end
