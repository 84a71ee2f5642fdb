#!/usr/bin/env bash
# docs/inventory-example against the simulator (the enterprise role in an inventory of two enterprises): both enterprises in check mode (no write), then ghe-staging
# converged twice (the second run changes nothing). The extra vars point both hosts at the simulator.
set -euo pipefail
# ansible-test runs the target in a copy without docs/; the collection under test is on ANSIBLE_COLLECTIONS_PATH.
example=${ANSIBLE_COLLECTIONS_PATH%%:*}/ansible_collections/ghe/admin/docs/inventory-example
[ -f "$example/inventory.yml" ] || { echo "inventory example not found at $example" >&2; exit 1; }
config=$(cd ../.. && pwd)/integration_config.yml
export ANSIBLE_ROLES_PATH=$(cd .. && pwd)
url=$(sed -n 's/^ghe_api_url: *//p' "$config")
token=$(sed -n 's/^ghe_admin_token: *//p' "$config")
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

sim() { ansible-playbook -i "${INVENTORY_PATH:-localhost,}" -c local -e "@$config" -e "sim_step=$1" example_sim.yml >"$out/sim-$1.log" 2>&1 ||
          { cat "$out/sim-$1.log"; exit 1; }; }
site() {
  local name=$1
  shift
  GHE_PROD_TOKEN=$token GHE_STAGING_TOKEN=$token GHE_AUDIT_HOOK_SECRET=example-audit-secret \
    ansible-playbook -i "$example/inventory.yml" "$example/site.yml" -e "ghe_api_url=$url" \
      -e '{"ghe_encryption": null}' "$@" >"$out/$name.log" 2>&1 || { cat "$out/$name.log"; exit 1; }
}
recap() { grep -E "^$1 +: " "$out/$2.log"; }

ansible-inventory -i "$example/inventory.yml" --graph enterprises | grep -q ghe-staging
ansible-inventory -i "$example/inventory.yml" --host ghe-prod | grep -q '"ghe_api_url": "https://ghe.example.com"'

sim reset
site check --check --diff
recap ghe-prod check | grep -Eq 'changed=[1-9]'
recap ghe-staging check | grep -Eq 'changed=[1-9]'
sim no-writes

site first --limit ghe-staging
recap ghe-staging first | grep -Eq 'changed=[1-9].* failed=0'
site second --limit ghe-staging
recap ghe-staging second | grep -Eq 'changed=0 .*failed=0'
sim staging
echo "inventory example: check mode on both enterprises wrote nothing; ghe-staging converged, then changed nothing"
