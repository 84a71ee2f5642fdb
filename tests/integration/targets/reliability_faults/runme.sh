#!/usr/bin/env bash
# The fault suite (faults.yml): one inventory host per module path of writing_modules.yml, each against a simulator of
# its own (started here, stopped on exit) of the product the module works with (GitHub Enterprise Cloud for the
# modules that declare products=('ghec',)), run side by side; then no simulator may have seen an OpenAPI violation.
set -euo pipefail
work=$(mktemp -d)
simulators=../setup_reliability/files/simulators.sh
trap '$simulators stop "$work/ghes"; $simulators stop "$work/ghec"; rm -rf "$work"' EXIT
$simulators paths "$work/paths"
for product in ghes ghec; do
  count=$(grep -c " $product\$" "$work/paths" || true)
  : >"$work/$product.urls"
  if [ "$count" -gt 0 ]; then
    $simulators start "$work/$product" "$count" --product "$product" >"$work/$product.urls"
  fi
done
{
  echo '[fault_paths]'
  while read -r index product; do
    url=$(head -n 1 "$work/$product.urls")
    sed -i 1d "$work/$product.urls"
    echo "path$index fault_index=$index ghe_api_url=$url ghe_sim_url=$url/_sim cloud=$([ "$product" = ghec ] && echo true || echo false)"
  done <"$work/paths"
  echo '[fault_paths:vars]'
  echo 'ansible_connection=local'
  echo "ansible_python_interpreter=$(command -v python)"
  echo 'ghe_admin_token=ghp_simadmin000000000000000000000000000'
} >"$work/inventory"
paths=$(wc -l <"$work/paths")
export ANSIBLE_ROLES_PATH=.. ANSIBLE_FORKS=${FAULT_FORKS:-$paths}
start=$(date +%s)
ansible-playbook -i "$work/inventory" faults.yml "$@"
echo "reliability_faults: $paths module paths in $(($(date +%s) - start)) s"
$simulators check "$work/ghes"
if grep -q ' ghec$' "$work/paths"; then $simulators check "$work/ghec"; fi
