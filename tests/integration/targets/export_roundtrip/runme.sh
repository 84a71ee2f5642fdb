#!/usr/bin/env bash
# Export, then the enterprise role with the exported file: changed=0 and no write request. Then with the hook
# secrets filled in (still nothing written), and with a change to a hook whose secret is not filled in (refused
# before any write). The export itself runs at -vvvv --diff and is checked for leaked secrets. Two ansible-playbook
# runs: the export, and the three round trips (roundtrips.yml); the simulator is reset through its command line.
set -euo pipefail
config=$(cd ../.. && pwd)/integration_config.yml
export ANSIBLE_ROLES_PATH=$(cd .. && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export EXPORT_PATH=$work/state.yml ROUNDTRIP_WORK=$work
sim_url=$(sed -n 's/^ghe_sim_url: *//p' "$config")
sim() { python ../setup_simulator/lookup_plugins/ghe_sim.py "$sim_url" "$@"; }
play() { ansible-playbook -i "${INVENTORY_PATH:-localhost,}" -e "@$config" "$@"; }
recap() { grep -E "^(testhost|localhost) +: " "$1"; }

# An enterprise with some of everything the export reads, including what YAML and Jinja could get wrong.
sim reset "$(cat fixture.json)" >/dev/null
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

# The secrets filled in as the header says: uncomment, define the vault variables (roundtrips.yml: still nothing to
# change). A change to a hook whose secret is still a placeholder is refused, not sent without the secret.
sed -e 's/^    # secret: /    secret: /' "$state" >"$work/filled.yml"
python - "$state" "$work/edited.yml" <<'PY'
import sys
text = open(sys.argv[1]).read()
old = '  - url: "https://hooks.example.com/ghe-events"\n    events: ["organization", "user"]\n'
assert old in text, 'hook 1 is not where the export should have written it'
open(sys.argv[2], 'w').write(text.replace(old, old.replace('"user"]', '"user", "team"]')))
PY
play roundtrips.yml -e vault_ghe_hook_secret_1=sim-hook-secret -e vault_ghe_hook_secret_7=roundtrip-secret-0002 \
  >"$work/roundtrips.log" || { cat "$work/roundtrips.log"; exit 1; }
# each play of roundtrip.yml asserts what it saw; no task changed anything in any of the three (the refused one is
# rescued)
[ "$(grep -c 'All assertions passed' "$work/roundtrips.log")" -eq 3 ] || { cat "$work/roundtrips.log"; exit 1; }
recap "$work/roundtrips.log" | grep -Eq 'changed=0 .*failed=0 .*rescued=1 ' || { cat "$work/roundtrips.log"; exit 1; }
echo "export round trip: changed=0 and no write, with and without the secrets filled in; an unfilled secret is refused"
