#!/usr/bin/env bash
# Drift against the simulator, laid out as an AWX project would be: an inventory with one host per enterprise,
# its state exported into host_vars, the connection only in the environment.
#   1. export; the role with --check and the playbook ghe.admin.drift (ghe_fail_on_drift) report no drift;
#   2. out-of-band changes (banner text, a new hook, an organization's display name, a suspended user) are listed
#      exactly; the playbook fails with ghe_fail_on_drift and succeeds without it;
#   3. other changes by hand (banner removed, a declared hook deleted, a user unsuspended) come out as created /
#      changed. No step writes anything.
set -euo pipefail
config=$(cd ../.. && pwd)/integration_config.yml
export ANSIBLE_ROLES_PATH=$(cd .. && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
url=$(sed -n 's/^ghe_api_url: *//p' "$config")
export GHE_API_URL=$url
export GHE_TOKEN=$(sed -n 's/^ghe_admin_token: *//p' "$config")
inventory=$work/inventory
mkdir -p "$inventory"
printf 'enterprises:\n  hosts:\n    ghe-sim:\n' >"$inventory/hosts.yml"

# The simulator's control API, through the one client (setup_simulator's ghe_sim lookup is also a command line).
sim_url=$(sed -n 's/^ghe_sim_url: *//p' "$config")
sim() { python ../setup_simulator/lookup_plugins/ghe_sim.py "$sim_url" "$@"; }
run() { local log=$1; shift; "$@" >"$work/$log.log" 2>&1 || { cat "$work/$log.log"; return 1; }; }
check() { run "check-$1" ansible-playbook -i "$inventory" -e "@$config" --check drift_check.yml -e "scenario=$1" "${@:2}"; }
drift() { ansible-playbook -i "$inventory" ghe.admin.drift "$@" >"$work/drift.log" 2>&1; }

sim reset '{"hooks": [{"url": "https://ci.example.com/hook", "events": ["fork"]}],
                 "announcement": {"announcement": "Welcome", "expires_at": "2031-01-01T00:00:00Z"}}'
run export ansible-playbook -i "$inventory" ghe.admin.export -e ghe_hosts=enterprises \
  -e 'ghe_export_path='"$inventory"'/host_vars/{{ inventory_hostname }}/state.yml'
grep -q '^ghe_unsuspended_users:' "$inventory/host_vars/ghe-sim/state.yml"
sim clear >/dev/null

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

writes=$(sim writes)
[ "$writes" -eq 0 ] || { echo "the drift checks sent $writes write request(s)" >&2; exit 1; }
echo "drift: none, then exactly the changes made by hand, then created/changed; ghe_fail_on_drift fails the playbook; nothing written"
