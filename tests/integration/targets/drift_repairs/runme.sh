#!/usr/bin/env bash
# Drift against the simulator, after drift (same layout, drift/lib.sh):
#   3. other changes by hand (banner removed, a declared hook deleted, a user unsuspended) come out as created /
#      changed;
#   4. changes the role cannot converge without help come out as items, and ghe_fail_on_drift fails only at the end.
# No step writes anything.
set -euo pipefail
source ../drift/lib.sh

export_state
sim reset '{"replace": ["hooks"], "hooks": [{"id": 1, "url": "https://hooks.example.com/ghe-events",
                 "content_type": "json", "secret": "sim-hook-secret"}], "users": [{"login": "former-employee", "suspended": false}]}'
check undone --diff

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
check broken
if drift -e ghe_fail_on_drift=true; then cat "$work/drift.log"; echo "drift.yml did not fail on drift" >&2; exit 1; fi
for line in 'ghe_fail_on_drift is true and the enterprise drifted from its declared state in 3 way(s)' \
            'global_hooks: would change, secret needed https://hooks.example.com/ghe-events' \
            'organizations: would create engineering' 'unsuspended_users: user no longer exists hubot'; do
  grep -qF "$line" "$work/drift.log" || { cat "$work/drift.log"; echo "missing: $line" >&2; exit 1; }
done
grep -q 'Deleted' "$work/drift.log" && { cat "$work/drift.log"; echo "a drift run says Deleted" >&2; exit 1; }

no_writes
echo "drift repairs: created/changed, then the items the role cannot converge; ghe_fail_on_drift fails at the end; nothing written"
