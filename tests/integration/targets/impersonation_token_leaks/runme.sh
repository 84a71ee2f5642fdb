#!/usr/bin/env bash
# The admin token and every impersonation token the playbook creates must never appear at -vvvv --diff.
# The created tokens are random, so the playbook writes them (no_log) to a file, and the run's log
# (ANSIBLE_LOG_PATH, the same lines as its output) is searched for them afterwards.
set -euo pipefail
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export ANSIBLE_LOG_PATH="$work/ansible.log" LEAKS_TOKEN_FILE="$work/tokens"
../setup_simulator/files/leak_check.sh leaks.yml ghp_simadmin000000000000000000000000000
grep -q 'plugins/modules/impersonation_token.py' "$ANSIBLE_LOG_PATH"
grep -q 'ESTABLISH LOCAL CONNECTION' "$ANSIBLE_LOG_PATH"
count=0
while read -r token; do
  [ -n "$token" ] || continue
  count=$((count + 1))
  if grep -qF -- "$token" "$ANSIBLE_LOG_PATH"; then
    echo "LEAK: an impersonation token (starting ${token:0:4}) appears in the output of leaks.yml" >&2
    exit 1
  fi
done <"$LEAKS_TOKEN_FILE"
[ "$count" -eq 2 ] || { echo "expected 2 created tokens, found $count" >&2; exit 1; }
echo "impersonation_token_leaks: none of the $count created tokens appeared in $(wc -l <"$ANSIBLE_LOG_PATH") logged lines"
