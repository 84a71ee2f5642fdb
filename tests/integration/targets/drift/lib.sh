# shellcheck shell=bash
# Sourced by the runme.sh of drift and drift_repairs: an inventory laid out as an AWX project would be (one host per
# enterprise, its state exported into host_vars, the connection only in the environment), the simulator's control
# API through the one client, and the steps `export_state`, `check SCENARIO` (drift_check.yml: the playbook
# ghe.admin.drift, then the checks of what the role reported), `fails` / `check_fails` (the same, where
# ghe_fail_on_drift must fail the drift playbook) and `expect` (lines of a step's output).
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
# check SCENARIO [ARGS...]: the drift playbook and the checks of drift_check.yml; fails unless both pass.
check() {
  sim clear >/dev/null
  run "check-$1" ansible-playbook -i "$inventory" -e "@$config" "$targets/drift/drift_check.yml" -e "scenario=$1" "${@:2}"
  grep -q "drift_check $1: passed" "$work/check-$1.log" || { cat "$work/check-$1.log"; exit 1; }
}
# fails LOG PLAYBOOK [ARGS...]: PLAYBOOK (importing drift_check.yml) with ghe_fail_on_drift, which must fail the drift
# playbook for ghe-sim and nothing else; localhost joins the drift play so that the run goes on to the checks (see
# drift_check.yml). The output is in $work/LOG.log.
fails() {
  local log=$work/$1.log
  sim clear >/dev/null
  if ansible-playbook -i "$inventory" -e "@$config" -e ghe_fail_on_drift=true -e ghe_hosts=enterprises:localhost \
       "${@:2}" >"$log" 2>&1; then
    cat "$log"; echo "drift.yml did not fail on drift" >&2; exit 1
  fi
  grep -Eq '^ghe-sim +: .* failed=1 ' "$log" && grep -Eq '^localhost +: .* failed=0 ' "$log" ||
    { cat "$log"; echo "not the expected failure of ghe-sim alone" >&2; exit 1; }
}
# check_fails SCENARIO [ARGS...]: check SCENARIO, where ghe_fail_on_drift fails the drift playbook (see fails)
check_fails() {
  fails "check-$1" "$targets/drift/drift_check.yml" -e "scenario=$1" "${@:2}"
  expect "check-$1" "drift_check $1: passed"
}
# expect LOG LINE...: each LINE (fixed text) is in $work/LOG.log
expect() {
  local log=$work/$1.log line
  shift
  for line in "$@"; do
    grep -qF -- "$line" "$log" || { cat "$log"; echo "missing: $line" >&2; exit 1; }
  done
}


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
