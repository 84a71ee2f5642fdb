#!/usr/bin/env bash
# Drift against the simulator, after drift (same layout, drift/lib.sh). Three ansible-playbook runs: the export, then
# one per scenario (drift_check.yml: the playbook ghe.admin.drift, then the checks of what the role reported):
#   3. other changes by hand (banner removed, a declared hook deleted, a user unsuspended) come out as created /
#      changed; run with --check and ghe_report_drift=false (the role reports the drift because of --check alone),
#      at --diff, and without ghe_fail_on_drift, so the playbook succeeds although the enterprise drifted;
#   4. changes the role cannot converge without help come out as items, and ghe_fail_on_drift fails only at the end.
# No step writes anything.
set -euo pipefail
source ../drift/lib.sh

export_state
sim reset '{"replace": ["hooks"], "hooks": [{"id": 1, "url": "https://hooks.example.com/ghe-events",
                 "content_type": "json", "secret": "sim-hook-secret"}], "users": [{"login": "former-employee", "suspended": false}]}'
check undone --check --diff -e ghe_report_drift=false
expect check-undone '"Drift: 3 difference(s) from the declared state:"' '"announcement: would create banner"' \
  '"global_hooks: would create https://ci.example.com/hook"' '"suspended_users: would suspend former-employee"'

# 4. Changes the role cannot converge without help: an organization deleted by hand, a hook with a secret changed
#    by hand (the file has no secret), a declared user deleted. Each is an item; the role and the playbook go on to
#    the end, and ghe_fail_on_drift fails only there, naming every item.
sim reset '{"hooks": [{"id": 1, "url": "https://hooks.example.com/ghe-events", "events": ["user"]},
                           {"url": "https://ci.example.com/hook", "events": ["fork"]}],
                 "announcement": {"announcement": "Welcome", "expires_at": "2031-01-01T00:00:00Z"},
                 "replace": ["orgs", "users"],
                 "orgs": [{"login": "operations", "id": 7, "admins": ["ghe-admin"]}],
                 "users": [{"login": "ghe-admin", "id": 1, "site_admin": true}, {"login": "octocat", "id": 2},
                           {"login": "ldap-user", "id": 4, "ldap": true},
                           {"login": "former-employee", "id": 5, "suspended": true}]}'
check_fails broken
expect check-broken 'ghe_fail_on_drift is true and the enterprise drifted from its declared state in 3 way(s)' \
  'global_hooks: would change, secret needed https://hooks.example.com/ghe-events' \
  'organizations: would create engineering' 'unsuspended_users: user no longer exists hubot'
grep -q 'Deleted' "$work/check-broken.log" && { cat "$work/check-broken.log"; echo "a drift run says Deleted" >&2; exit 1; }

no_writes
echo "drift repairs: created/changed, then the items the role cannot converge; ghe_fail_on_drift fails at the end; nothing written"
