#!/usr/bin/env bash
# Two plays converge the same hooks at once. The simulator holds the first create of a hook until both plays have
# read the hooks (a barrier, prepare.yml: no wall-clock window), so both see no hook and both create the first one:
# the API refuses the second with 422, and that play must re-read and adopt the hook instead of failing or creating
# another. Then: one hook per URL, and the barrier fired (check.yml).
set -euo pipefail
config=$(cd ../.. && pwd)/integration_config.yml
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export ANSIBLE_ROLES_PATH=..
inventory=${INVENTORY_PATH:-$work/inventory}
[ -n "${INVENTORY_PATH:-}" ] || echo "testhost ansible_connection=local ansible_python_interpreter=$(command -v python)" >"$inventory"
ansible-playbook -i "$inventory" -e "@$config" prepare.yml
start=$(date +%s)
ansible-playbook -i "$inventory" -e "@$config" -e play_name=first -e "result_file=$work/first.json" hooks.yml \
  >"$work/first.log" 2>&1 &
first=$!
ansible-playbook -i "$inventory" -e "@$config" -e play_name=second -e "result_file=$work/second.json" hooks.yml \
  >"$work/second.log" 2>&1 &
second=$!
status=0
wait "$first" || { status=1; echo "the first play failed:" >&2; tail -n 40 "$work/first.log" >&2; }
wait "$second" || { status=1; echo "the second play failed:" >&2; tail -n 40 "$work/second.log" >&2; }
[ "$status" -eq 0 ]
echo "reliability_concurrency: both plays converged in $(($(date +%s) - start)) s"
ansible-playbook -i "$inventory" -e "@$config" -e "result_dir=$work" check.yml
