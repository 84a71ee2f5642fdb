#!/usr/bin/env bash
# The encryption key never appears at -vvvv --diff: not on success, in check mode, when the job fails
# or times out, when the key is refused, nor when the server echoes it in an error.
set -euo pipefail
keys=$(mktemp -d)
trap 'rm -rf "$keys"' EXIT
openssl genrsa -out "$keys/key.pem" 2048 2>/dev/null
openssl genrsa -out "$keys/small.pem" 1024 2>/dev/null
export LEAK_KEY_DIR=$keys
# Each base64 line of both keys is a secret of its own (grep -F would split a whole PEM into lines anyway).
mapfile -t key_lines < <(grep -hv -- '-----' "$keys/key.pem" "$keys/small.pem" | awk 'length >= 16')
../setup_simulator/files/leak_check.sh leaks.yml ghp_simadmin000000000000000000000000000 "${key_lines[@]}"
