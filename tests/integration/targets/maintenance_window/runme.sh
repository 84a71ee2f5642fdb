#!/usr/bin/env bash
# The maintenance window playbook against the simulator: --check --diff writes nothing; a run applies the settings
# inside a window; a second run changes nothing; a failing configuration run leaves maintenance on and names the
# step. Every run is at -vvvv --diff, and neither the Manage password nor the SMTP password may appear.
set -euo pipefail
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
control() {  # control STEP [EXTRA_ARGS...]
  step=$1
  shift
  ansible-playbook -i "${INVENTORY_PATH:-localhost,}" -e "@$config" -e "step=$step" "$@" control.yml
}
recap_changed() { sed -n 's/^localhost *: .*changed=\([0-9]*\).*/\1/p' "$output"; }

control reset

echo "== --check --diff: the plan, no write"
window --check -e @settings.yml || { tail -n 60 "$output"; exit 1; }
grep -q 'Settings to change: private_mode, smtp.address, smtp.enabled, smtp.password' "$output"
grep -q '"status": "on"' "$output"
control check -e '{"expect_writes": [], "expect_maintenance": "off"}'

echo "== first run: maintenance on, settings, configuration run, maintenance off"
window -e @settings.yml || { tail -n 60 "$output"; exit 1; }
control check -e '{"expect_writes": ["/manage/v1/maintenance", "/manage/v1/config/settings", "/manage/v1/config/apply", "/manage/v1/maintenance"], "expect_maintenance": "off"}'

echo "== second run: nothing to do, no window"
window -e @settings.yml || { tail -n 60 "$output"; exit 1; }
[ "$(recap_changed)" = 0 ] || { echo "the second run changed something" >&2; tail -n 60 "$output"; exit 1; }
grep -q 'Nothing to change: no maintenance window' "$output"
control check -e '{"expect_writes": [], "expect_maintenance": "off"}'

echo "== a failing configuration run leaves maintenance on and names the step"
control fail_next_run
if window -e @other_settings.yml; then
  echo "the window should have failed" >&2
  exit 1
fi
# (quoted as \" in the JSON that older ansible-core prints)
grep -q 'The maintenance window failed at the step \\\?"Apply the settings and wait for the configuration run' "$output" \
  || { tail -n 60 "$output"; exit 1; }
grep -q 'Maintenance mode is left ON' "$output"
control check -e '{"expect_writes": ["/manage/v1/maintenance", "/manage/v1/config/settings", "/manage/v1/config/apply"], "expect_maintenance": "on"}'
echo "maintenance_window: all scenarios passed"
