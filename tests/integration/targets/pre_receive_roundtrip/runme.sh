#!/usr/bin/env bash
# The enterprise role with pre-receive environments, hooks and their overrides: converged in dependency order, a
# second run writes nothing, check mode reports the drift, exclusive deletes in reverse order; then the export of
# that state, converged again, writes nothing.
set -euo pipefail
config=$(cd ../.. && pwd)/integration_config.yml
export ANSIBLE_ROLES_PATH=$(cd .. && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export EXPORT_PATH=$work/state.yml
play() { ansible-playbook -i localhost, -c local -e "@$config" -e "ansible_python_interpreter=$(command -v python)" "$@"; }

play converge.yml >"$work/converge.log" || { cat "$work/converge.log"; exit 1; }
play export.yml -e '{"ghe_export_areas": ["pre_receive"]}' >"$work/export.log" || { cat "$work/export.log"; exit 1; }
for line in '^ghe_pre_receive_exclusive: true$' '^  - name: "Spare"$' '^      - organization: "engineering"$'; do
  grep -q "$line" "$EXPORT_PATH" || { echo "the export has no line $line:" >&2; cat "$EXPORT_PATH" >&2; exit 1; }
done
play roundtrip.yml -e "state_file=$EXPORT_PATH" >"$work/roundtrip.log" || { cat "$work/export.log" "$EXPORT_PATH" "$work/roundtrip.log"; exit 1; }
grep -E "^localhost +: " "$work/roundtrip.log" | grep -Eq 'changed=0 .*failed=0'
echo "pre-receive: role in dependency order, second run and export round trip without writes"
