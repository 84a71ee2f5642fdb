#!/usr/bin/env bash
# The maintenance window playbook against the simulator: --check --diff writes nothing; a run applies the settings
# inside a window and a second run changes nothing (one ansible-playbook run of the playbook twice, the second
# play's output checked on its own); a failing configuration run leaves maintenance on and names the step. Every
# run is at -vvvv --diff, and neither the Manage password nor the SMTP password may appear. The simulator is reset
# and checked through its control API's command line.
set -euo pipefail
source ../setup_simulator/files/plays.sh
targets=$(cd .. && pwd)
config=$(dirname "$targets")/integration_config.yml
export ANSIBLE_ROLES_PATH="$targets"
password=$(sed -n 's/^ghe_manage_password: *//p' "$config")
secrets=("$password" "window-Smtp-Secret-93")
output=$(mktemp)
trap 'rm -f "$output"' EXIT

window() {  # window EXTRA_ARGS...; returns the playbook's status, fails on a leak
  set +e
  ansible-playbook -i "${INVENTORY_PATH:-localhost,}" -e "@$config" -vvvv --diff "$@" window.yml >"$output" 2>&1
  status=$?
  set -e
  for secret in "${secrets[@]}"; do
    if grep -qF -- "$secret" "$output"; then
      echo "LEAK: a secret (${#secret} characters) appears in the output:" >&2
      grep -nF -- "$secret" "$output" | cut -c1-300 >&2
      exit 1
    fi
  done
  return $status
}
sim_url=$(sed -n 's/^ghe_sim_url: *//p' "$config")
sim() { python "$targets/setup_simulator/lookup_plugins/ghe_sim.py" "$sim_url" "$@"; }
# expect_writes MAINTENANCE [PATH...]: the write requests since the last check are exactly PATH..., and every node's
# maintenance status is MAINTENANCE (on | off); the request log is emptied.
expect_writes() {
  sim snapshot | python -c '
import json, sys
answer = json.load(sys.stdin)
writes = [entry["path"] for entry in answer["requests"] if entry["method"] not in ("GET", "HEAD")]
statuses = sorted(set(node["status"] for node in answer["state"]["manage"]["maintenance"].values()))
if writes != sys.argv[2:] or statuses != [sys.argv[1]]:
    sys.exit("expected the writes %s and maintenance %s, got %s and %s" % (sys.argv[2:], sys.argv[1], writes, statuses))
' "$@"
}

sim reset >/dev/null

echo "== --check --diff: the plan, no write"
window --check -e @settings.yml || { tail -n 60 "$output"; exit 1; }
grep -q 'Settings to change: private_mode, smtp.address, smtp.enabled, smtp.password' "$output"
grep -q '"status": "on"' "$output"
expect_writes off

echo "== first run: maintenance on, settings, configuration run, maintenance off; second run: nothing to do, no window"
window -e @settings.yml window.yml || { tail -n 60 "$output"; exit 1; }
first=$(play_output "$output" 2 1)
grep -q 'Settings to change: private_mode, smtp.address, smtp.enabled, smtp.password' <<<"$first"
grep -q '^changed: \[localhost\]' <<<"$first" || { echo "the first run changed nothing" >&2; exit 1; }
grep -q 'Nothing to change: no maintenance window' <<<"$(play_output "$output" 2 2)"
unchanged "$output" 2 localhost
# only the first run wrote: the second skipped the window (no write task runs outside it)
expect_writes off /manage/v1/maintenance /manage/v1/config/settings /manage/v1/config/apply /manage/v1/maintenance

echo "== a failing configuration run leaves maintenance on and names the step"
sim state '{"manage": {"config_apply_fail": "services"}}' >/dev/null
if window -e @other_settings.yml; then
  echo "the window should have failed" >&2
  exit 1
fi
# (quoted as \" in the JSON that older ansible-core prints)
grep -q 'The maintenance window failed at the step \\\?"Apply the settings and wait for the configuration run' "$output" \
  || { tail -n 60 "$output"; exit 1; }
grep -q 'Maintenance mode is left ON' "$output"
expect_writes on /manage/v1/maintenance /manage/v1/config/settings /manage/v1/config/apply
echo "maintenance_window: all scenarios passed"
