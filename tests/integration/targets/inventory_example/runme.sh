#!/usr/bin/env bash
# docs/inventory-example against the simulator (the enterprise role in an inventory of two enterprises): both enterprises in check mode (no write), then ghe-staging
# converged twice (the second run changes nothing). The extra vars point both hosts at the simulator.
# Three ansible runs: ansible-inventory, the check run, and one ansible-playbook run of site.yml twice over (the
# second play's output is checked on its own). The simulator is driven by its control API's command line.
set -euo pipefail
source ../setup_simulator/files/plays.sh
# ansible-test runs the target in a copy without docs/; the collection under test is on ANSIBLE_COLLECTIONS_PATH.
example=${ANSIBLE_COLLECTIONS_PATH%%:*}/ansible_collections/ghe/admin/docs/inventory-example
[ -f "$example/inventory.yml" ] || { echo "inventory example not found at $example" >&2; exit 1; }
config=$(cd ../.. && pwd)/integration_config.yml
url=$(sed -n 's/^ghe_api_url: *//p' "$config")
sim_url=$(sed -n 's/^ghe_sim_url: *//p' "$config")
token=$(sed -n 's/^ghe_admin_token: *//p' "$config")
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

sim() { python ../setup_simulator/lookup_plugins/ghe_sim.py "$sim_url" "$@"; }
site() {
  local name=$1
  shift
  GHE_PROD_TOKEN=$token GHE_STAGING_TOKEN=$token GHE_AUDIT_HOOK_SECRET=example-audit-secret \
    ansible-playbook -i "$example/inventory.yml" "$@" -e "ghe_api_url=$url" \
      -e '{"ghe_encryption": null}' >"$out/$name.log" 2>&1 || { cat "$out/$name.log"; exit 1; }
}
recap() { grep -E "^$1 +: " "$2"; }
# check EXPRESSION: a Python expression on `d`, the simulator's JSON answer on stdin, that must hold
check() { python -c 'import json, sys; d = json.load(sys.stdin); sys.exit(0 if eval(sys.argv[1]) else 1)' "$1" ||
            { echo "simulator check failed: $1" >&2; exit 1; }; }

# The inventory's own connection for ghe-prod (the runs below override it with -e); the group `enterprises` holding
# ghe-staging is shown by the recaps of site.yml (hosts: enterprises).
ansible-inventory -i "$example/inventory.yml" --host ghe-prod | grep -q '"ghe_api_url": "https://ghe.example.com"'

sim reset >/dev/null
site check "$example/site.yml" --check --diff
recap ghe-prod "$out/check.log" | grep -Eq 'changed=[1-9]'
recap ghe-staging "$out/check.log" | grep -Eq 'changed=[1-9]'
# check mode read, and wrote nothing
sim requests | check 'd["count"] > 0 and d["writes"] == 0'

# site.yml twice in one run: the first play converges ghe-staging, the second (its output from the second PLAY line
# on) must report no change; the recap sums both plays, so it shows the first play's changes.
site twice "$example/site.yml" "$example/site.yml" --limit ghe-staging
recap ghe-staging "$out/twice.log" | grep -Eq 'changed=[1-9].* failed=0'
unchanged "$out/twice.log" 2 ghe-staging

# what ghe-staging declares
sim state | check '(
  d["announcement"]["announcement"] == "This is **staging**: it is reset every Sunday."
  and d["announcement"]["expires_at"] is None
  and sorted(h["url"] for h in d["hooks"]) == ["https://audit.example.com/github", "https://ci-staging.example.com/github-events"]
  and [h["secret"] for h in d["hooks"] if h["url"] == "https://audit.example.com/github"] == ["example-audit-secret"]
  and sorted(o["login"] for o in d["orgs"]) == ["engineering", "operations"])'
echo "inventory example: check mode on both enterprises wrote nothing; ghe-staging converged, then changed nothing"
