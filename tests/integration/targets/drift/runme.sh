#!/usr/bin/env bash
# Drift against the simulator (see lib.sh for the layout). Two ansible-playbook runs: the export, then both scenarios
# in one run (drift_scenarios.yml): each is the playbook ghe.admin.drift with ghe_fail_on_drift, followed by the
# checks of what the role reported (drift_check.yml):
#   1. export; no drift: the playbook succeeds with ghe_fail_on_drift and says so;
#   2. out-of-band changes (banner text, a new hook, an organization's display name, a suspended user) are listed
#      exactly, and ghe_fail_on_drift fails the playbook at the end, naming them. No step writes anything.
# drift_repairs goes on with changes undone by hand (the role with --check, and the playbook succeeding on drift
# without ghe_fail_on_drift) and changes the role cannot converge alone.
set -euo pipefail
source ./lib.sh

export_state
fails scenarios "$targets/drift/drift_scenarios.yml"
expect scenarios 'drift_check none: passed' 'drift_check by_hand: passed' \
  'ghe_fail_on_drift is true and the enterprise drifted from its declared state in 4 way(s)' \
  '"Drift: 4 difference(s) from the declared state:"' '"announcement: would change banner"' \
  '"global_hooks: would delete https://rogue.example.com/hook"' '"organizations: would change engineering"' \
  '"unsuspended_users: would unsuspend octocat"'
# (localhost, in the drift play to keep the run going, has no drift either: the message must be ghe-sim's)
grep -A1 '^ok: \[ghe-sim\] => {$' "$work/scenarios.log" |
  grep -qF '"msg": "No drift: the enterprise matches its declared state."' || { cat "$work/scenarios.log"; exit 1; }
# (had the first drift play failed, ghe-sim would have left the run, and the checks of by_hand, on localhost, would
# have found the first scenario's drift)

no_writes
echo "drift: none, then exactly the changes made by hand; ghe_fail_on_drift fails the playbook; nothing written"
