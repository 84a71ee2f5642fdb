# shellcheck shell=bash
# Sourced by the runme.sh of drift and drift_repairs: an inventory laid out as an AWX project would be (one host per
# enterprise, its state exported into host_vars, the connection only in the environment), the simulator's control
# API through the one client, and the steps `export`, `check SCENARIO` (drift_check.yml) and `drift` (the playbook).
targets=$(cd .. && pwd)
config=$(dirname "$targets")/integration_config.yml
export ANSIBLE_ROLES_PATH=$targets
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
sim() { python "$targets/setup_simulator/lookup_plugins/ghe_sim.py" "$sim_url" "$@"; }
run() { local log=$1; shift; "$@" >"$work/$log.log" 2>&1 || { cat "$work/$log.log"; return 1; }; }
check() { run "check-$1" ansible-playbook -i "$inventory" -e "@$config" --check "$targets/drift/drift_check.yml" -e "scenario=$1" "${@:2}"; }
drift() { ansible-playbook -i "$inventory" ghe.admin.drift "$@" >"$work/drift.log" 2>&1; }


# The enterprise in its declared state, exported into the inventory's host_vars.
export_state() {
  sim reset '{"hooks": [{"url": "https://ci.example.com/hook", "events": ["fork"]}],
                   "announcement": {"announcement": "Welcome", "expires_at": "2031-01-01T00:00:00Z"}}'
  run export ansible-playbook -i "$inventory" ghe.admin.export -e ghe_hosts=enterprises \
    -e 'ghe_export_path='"$inventory"'/host_vars/{{ inventory_hostname }}/state.yml'
  grep -q '^ghe_unsuspended_users:' "$inventory/host_vars/ghe-sim/state.yml"
  sim clear >/dev/null
}

# Nothing may have been written by any step.
no_writes() {
  local writes
  writes=$(sim writes)
  [ "$writes" -eq 0 ] || { echo "the drift checks sent $writes write request(s)" >&2; exit 1; }
}
