#!/usr/bin/env bash
# Copy the working tree to DEST/ansible_collections/ghe/admin, where ansible-test and ansible-lint
# expect a collection, as a git repository so that .gitignore'd files are left out.
#   tools/collection_copy.sh DEST
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
dest="$1/ansible_collections/ghe/admin"
rm -rf "$dest"
mkdir -p "$dest"
(cd "$here" && tar --exclude=./.git --exclude='./.venv*' --exclude='./build*' --exclude=./tests/output \
   --exclude='__pycache__' --exclude=./.ansible --exclude='.pytest_cache' -cf - .) | tar -xf - -C "$dest"
cd "$dest"
git init -q
git add -A
echo "$dest"
