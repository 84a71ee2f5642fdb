#!/usr/bin/env bash
# The controller's side of the leak checks (the modules' own side: tests/unit/plugins/modules/test_leaks_sim.py).
# One ansible-playbook run of leaks.yml at -vvvv --diff, through leak_check.sh, which fails if any secret given here
# appears in its output: the admin token, webhook secrets, credentials, and each base64 line of the two encryption
# keys made for the run. The impersonation token the playbook creates (registered with no_log) is random: it is read
# from the simulator afterwards and searched for in the run's log (ANSIBLE_LOG_PATH, the same lines as its output).
set -euo pipefail
start=$(date +%s)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
openssl genrsa -out "$work/key.pem" 2048 2>/dev/null
openssl genrsa -out "$work/small.pem" 1024 2>/dev/null
export LEAK_KEY_DIR=$work ANSIBLE_LOG_PATH="$work/ansible.log"
mapfile -t key_lines < <(grep -hv -- '-----' "$work/key.pem" "$work/small.pem" | awk 'length >= 16')
../setup_simulator/files/leak_check.sh leaks.yml \
  ghp_simadmin000000000000000000000000000 \
  whsec-leak-check-first-0001 sim-hook-secret \
  github_pat_11LEAKCHECK00000000000_leakcheckfinegrained000000000000000000000000000000000000000 \
  gho_leakcheckoauth0000000000000000000000 \
  "${key_lines[@]}"

# The log holds the -vvvv output (the module run, the connection), and not the created token.
grep -q 'plugins/modules/impersonation_token.py' "$ANSIBLE_LOG_PATH"
grep -q 'ESTABLISH LOCAL CONNECTION' "$ANSIBLE_LOG_PATH"
sim_url=$(sed -n 's/^ghe_sim_url: *//p' "$(cd ../.. && pwd)/integration_config.yml")
mapfile -t created < <(python ../setup_simulator/lookup_plugins/ghe_sim.py "$sim_url" state |
  python -c 'import json, sys; print("\n".join(t["token"] for t in json.load(sys.stdin)["tokens"] if t.get("kind") == "impersonation"))' | sed '/^$/d')
[ "${#created[@]}" -eq 1 ] || { echo "expected 1 created impersonation token, found ${#created[@]}" >&2; exit 1; }
for token in "${created[@]}"; do
  if grep -qF -- "$token" "$ANSIBLE_LOG_PATH"; then
    echo "LEAK: the created impersonation token (starting ${token:0:4}) appears in the output of leaks.yml" >&2
    exit 1
  fi
done
echo "leaks: ${#key_lines[@]} key lines, 5 other secrets and 1 created token never shown, in $(($(date +%s) - start)) s"
