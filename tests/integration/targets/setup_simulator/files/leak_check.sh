#!/usr/bin/env bash
# Runs a playbook at -vvvv with --diff and fails if any given secret appears anywhere in its output.
#   leak_check.sh PLAYBOOK SECRET [SECRET ...]
# Call it from a script target's runme.sh (with `needs/target/setup_simulator` in its aliases); the
# playbook gets the integration config (ghe_api_url, ghe_sim_url, tokens) as extra vars. The playbook
# itself asserts what it did; a playbook failure fails the check.
set -euo pipefail
playbook=$1
shift
targets=$(cd "$(dirname "$0")/../.." && pwd)
config=$(dirname "$targets")/integration_config.yml
export ANSIBLE_ROLES_PATH="$targets"
output=$(mktemp)
trap 'rm -f "$output"' EXIT
set +e
ansible-playbook -i "${INVENTORY_PATH:-localhost,}" -e "@$config" \
  -vvvv --diff "$playbook" >"$output" 2>&1
status=$?
set -e
leaked=0
for secret in "$@"; do
  if grep -qF -- "$secret" "$output"; then
    echo "LEAK: a secret (${#secret} characters, starting ${secret:0:4}) appears in the output of $playbook:" >&2
    grep -nF -- "$secret" "$output" | cut -c1-300 >&2
    leaked=1
  fi
done
if [ "$status" -ne 0 ]; then
  tail -n 60 "$output" >&2
  echo "leak_check: $playbook failed (exit $status)" >&2
  exit "$status"
fi
if [ "$leaked" -ne 0 ]; then
  kept="${OUTPUT_DIR:-/tmp}/leak_check-$(basename "$playbook" .yml).log"
  cp "$output" "$kept"
  echo "leak_check: the whole output is in $kept" >&2
  exit 1
fi
echo "leak_check: $playbook ran at -vvvv --diff; none of $# secrets appeared in $(wc -l <"$output") lines of output"
