#!/usr/bin/env bash
# The fault suite through ansible-playbook (faults.yml): one module path into the faults of cases.yml, against the
# suite's simulator. Every module path under every case: tests/unit/plugins/modules/test_fault_suite_sim.py.
set -euo pipefail
config=$(cd ../.. && pwd)/integration_config.yml
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export ANSIBLE_ROLES_PATH=..
inventory=${INVENTORY_PATH:-$work/inventory}
[ -n "${INVENTORY_PATH:-}" ] || echo "testhost ansible_connection=local ansible_python_interpreter=$(command -v python)" >"$inventory"
ansible-playbook -i "$inventory" -e "@$config" faults.yml "$@"
