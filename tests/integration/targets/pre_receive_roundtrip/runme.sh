#!/usr/bin/env bash
# The enterprise role with pre-receive environments, hooks and their overrides: converged in dependency order, a
# second run writes nothing, check mode reports the drift, exclusive deletes in reverse order; then the export of
# that state, converged again, writes nothing. One ansible-playbook run of the three playbooks (converge.yml,
# export.yml, roundtrip.yml: one play each, in this order; a failure stops the run).
set -euo pipefail
source ../setup_simulator/files/plays.sh
config=$(cd ../.. && pwd)/integration_config.yml
export ANSIBLE_ROLES_PATH=$(cd .. && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export EXPORT_PATH=$work/state.yml
play() { ansible-playbook -i localhost, -c local -e "@$config" -e "ansible_python_interpreter=$(command -v python)" "$@"; }

play converge.yml export.yml roundtrip.yml -e '{"ghe_export_areas": ["pre_receive"]}' -e "state_file=$EXPORT_PATH" \
  >"$work/run.log" || { cat "$work/run.log"; [ ! -f "$EXPORT_PATH" ] || cat "$EXPORT_PATH"; exit 1; }
for line in '^ghe_pre_receive_exclusive: true$' '^  - name: "Spare"$' '^      - organization: "engineering"$'; do
  grep -q "$line" "$EXPORT_PATH" || { echo "the export has no line $line:" >&2; cat "$EXPORT_PATH" >&2; exit 1; }
done
# The round trip (the third play) changed nothing.
unchanged "$work/run.log" 3 localhost
echo "pre-receive: role in dependency order, second run and export round trip without writes"
