#!/usr/bin/env bash
# Drift against the simulator (see lib.sh for the layout):
#   1. export; the role with --check and the playbook ghe.admin.drift (ghe_fail_on_drift) report no drift;
#   2. out-of-band changes (banner text, a new hook, an organization's display name, a suspended user) are listed
#      exactly; the playbook fails with ghe_fail_on_drift and succeeds without it. No step writes anything.
# drift_repairs goes on with changes undone by hand and changes the role cannot converge alone.
set -euo pipefail
source ./lib.sh

export_state
check none
drift -e ghe_fail_on_drift=true || { cat "$work/drift.log"; exit 1; }
grep -q '"msg": "No drift: the enterprise matches its declared state."' "$work/drift.log"

sim state '{"announcement": {"announcement": "Changed by hand"}, "hooks": [{"url": "https://rogue.example.com/hook"}],
                  "orgs": [{"login": "engineering", "name": "Engineering (renamed by hand)"}],
                  "users": [{"login": "octocat", "suspended": true}]}' >/dev/null
check by_hand
if drift -e ghe_fail_on_drift=true; then cat "$work/drift.log"; echo "drift.yml did not fail on drift" >&2; exit 1; fi
grep -q 'ghe_fail_on_drift is true and the enterprise drifted from its declared state in 4 way(s)' "$work/drift.log"
drift || { cat "$work/drift.log"; exit 1; }
for line in '"Drift: 4 difference(s) from the declared state:"' '"announcement: would change banner"' \
            '"global_hooks: would delete https://rogue.example.com/hook"' '"organizations: would change engineering"' \
            '"unsuspended_users: would unsuspend octocat"'; do
  grep -qF "$line" "$work/drift.log" || { cat "$work/drift.log"; echo "missing: $line" >&2; exit 1; }
done

no_writes
echo "drift: none, then exactly the changes made by hand; ghe_fail_on_drift fails the playbook; nothing written"
