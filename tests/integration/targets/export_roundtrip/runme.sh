#!/usr/bin/env bash
# Export, then the enterprise role with the exported file: changed=0 and no write request. Then with the hook
# secrets filled in (still nothing written), and with a change to a hook whose secret is not filled in (refused
# before any write). The export itself runs at -vvvv --diff and is checked for leaked secrets.
set -euo pipefail
config=$(cd ../.. && pwd)/integration_config.yml
export ANSIBLE_ROLES_PATH=$(cd .. && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export EXPORT_PATH=$work/state.yml
play() { ansible-playbook -i "${INVENTORY_PATH:-localhost,}" -e "@$config" "$@"; }
recap() { grep -E "^(testhost|localhost) +: " "$1"; }

play fixture.yml >"$work/fixture.log" || { cat "$work/fixture.log"; exit 1; }
../setup_simulator/files/leak_check.sh export_leaks.yml \
  ghp_simadmin000000000000000000000000000 sim-hook-secret roundtrip-secret-0002

state=$EXPORT_PATH
[ -f "$state" ] || { echo "the export wrote no $state" >&2; exit 1; }
# The file: header, two placeholders, no mask or secret, free text kept from templating, YAML-ambiguous logins quoted.
grep -q '^# FILL ME: 2 global webhook(s) have a secret' "$state"
[ "$(grep -c '^    # secret: "{{ vault_ghe_hook_secret_[17] }}"$' "$state")" -eq 2 ]
! grep -qF '********' "$state"
! grep -qE 'sim-hook-secret|roundtrip-secret' "$state"
grep -q '^  text: !unsafe "Read-only {{ soon }}' "$state"
grep -q '^  expires_at: ""$' "$state"
grep -q "^- 'yes'$" "$state"
grep -q "^- 'null'$" "$state"
grep -q "^- '1234'$" "$state"
python -c 'import sys, yaml; yaml.safe_load(open(sys.argv[1]).read().replace("!unsafe ", ""))' "$state"

play roundtrip.yml -e "state_file=$state" -e expect=unchanged >"$work/unchanged.log" || { cat "$work/unchanged.log"; exit 1; }
recap "$work/unchanged.log" | grep -Eq 'changed=0 .*failed=0'

# The secrets filled in as the header says: uncomment, define the vault variables. Still nothing to change.
sed -e 's/^    # secret: /    secret: /' "$state" >"$work/filled.yml"
play roundtrip.yml -e "state_file=$work/filled.yml" -e expect=unchanged \
  -e vault_ghe_hook_secret_1=sim-hook-secret -e vault_ghe_hook_secret_7=roundtrip-secret-0002 >"$work/filled.log" ||
  { cat "$work/filled.log"; exit 1; }
recap "$work/filled.log" | grep -Eq 'changed=0 .*failed=0'

# A change to a hook whose secret is still a placeholder is refused, not sent without the secret.
python - "$state" "$work/edited.yml" <<'PY'
import sys
text = open(sys.argv[1]).read()
old = '  - url: "https://hooks.example.com/ghe-events"\n    events: ["organization", "user"]\n'
assert old in text, 'hook 1 is not where the export should have written it'
open(sys.argv[2], 'w').write(text.replace(old, old.replace('"user"]', '"user", "team"]')))
PY
play roundtrip.yml -e "state_file=$work/edited.yml" -e expect=refused >"$work/refused.log" || { cat "$work/refused.log"; exit 1; }
echo "export round trip: changed=0 and no write, with and without the secrets filled in; an unfilled secret is refused"
