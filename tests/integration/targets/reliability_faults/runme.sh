#!/usr/bin/env bash
# The fault suite (faults.yml): one inventory host per module path of writing_modules.yml, each against a simulator of
# its own (started here, stopped on exit) of the product the module works with (GitHub Enterprise Cloud for the
# modules that declare products=('ghec',)), run side by side; then no simulator may have seen an OpenAPI violation.
set -euo pipefail
work=$(mktemp -d)
simulators=../setup_reliability/files/simulators.sh
trap '$simulators stop "$work"; rm -rf "$work"' EXIT
paths=$($simulators start "$work" fault_paths)
export ANSIBLE_ROLES_PATH=.. ANSIBLE_FORKS=${FAULT_FORKS:-$paths}
start=$(date +%s)
ansible-playbook -i "$work/inventory" faults.yml "$@"
echo "reliability_faults: $paths module paths in $(($(date +%s) - start)) s"
$simulators check "$work"
