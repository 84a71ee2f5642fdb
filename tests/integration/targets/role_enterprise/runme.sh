#!/usr/bin/env bash
# The enterprise role against the simulator, at -vvvv with --diff and checked for leaked secrets (docs/inventory-example has
# a target of its own, inventory_example).
set -euo pipefail
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
openssl genrsa -out "$work/key.pem" 2048 2>/dev/null
key_line=$(sed -n 2p "$work/key.pem")
export ROLE_ENTERPRISE_KEY="$work/key.pem"
../setup_simulator/files/leak_check.sh enterprise.yml \
  ghp_simadmin000000000000000000000000000 role-audit-secret-0001 sim-hook-secret "$key_line"
