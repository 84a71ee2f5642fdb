#!/usr/bin/env bash
# The fault suite (faults.yml): one inventory host per module path of cases.yml, each against a simulator of its
# own (started here, stopped on exit), run side by side; then no simulator may have seen an OpenAPI violation.
set -euo pipefail
work=$(mktemp -d)
trap '../setup_reliability/files/simulators.sh stop "$work"; rm -rf "$work"' EXIT
paths=$(python -c 'import sys, yaml; print(len(yaml.safe_load(open("../setup_reliability/files/writing_modules.yml"))["fault_modules"]))')
../setup_reliability/files/simulators.sh start "$work" "$paths" >"$work/urls"
{
  echo '[fault_paths]'
  index=0
  while read -r url; do
    echo "path$index fault_index=$index ghe_api_url=$url ghe_sim_url=$url/_sim"
    index=$((index + 1))
  done <"$work/urls"
  echo '[fault_paths:vars]'
  echo 'ansible_connection=local'
  echo "ansible_python_interpreter=$(command -v python)"
  echo 'ghe_admin_token=ghp_simadmin000000000000000000000000000'
} >"$work/inventory"
export ANSIBLE_ROLES_PATH=.. ANSIBLE_FORKS=${FAULT_FORKS:-$paths}
start=$(date +%s)
ansible-playbook -i "$work/inventory" faults.yml "$@"
echo "reliability_faults: $paths module paths in $(($(date +%s) - start)) s"
../setup_reliability/files/simulators.sh check "$work"
