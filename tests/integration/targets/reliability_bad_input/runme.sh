#!/usr/bin/env bash
# The bad-input table, in SLICES parallel slices (inventory hosts) against the run's simulator.
set -euo pipefail
config=$(cd ../.. && pwd)/integration_config.yml
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
slices=${SLICES:-4}
{
  echo '[bad_input]'
  for n in $(seq 0 $((slices - 1))); do echo "bad_input_$n slice_index=$n"; done
  echo '[bad_input:vars]'
  echo 'ansible_connection=local'
  echo "ansible_python_interpreter=$(command -v python)"
  echo "slices=$slices"
} >"$work/inventory"
export ANSIBLE_ROLES_PATH=.. ANSIBLE_FORKS=$slices
start=$(date +%s)
ansible-playbook -i "$work/inventory" -e "@$config" bad_input.yml "$@"
echo "reliability_bad_input: $(($(date +%s) - start)) s"
