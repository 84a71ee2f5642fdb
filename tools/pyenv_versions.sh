#!/usr/bin/env bash
# Make every installed CPython from 3.9 up callable as python3.X for ansible-test: link the newest
# pyenv release of each into DIR (pyenv's shims fail inside ansible-test, which drops PYENV_VERSION)
# and print DIR, to be put first on PATH. Prints nothing without pyenv.
#   tools/pyenv_versions.sh DIR
set -euo pipefail
dir=$1
command -v pyenv >/dev/null 2>&1 || exit 0
mkdir -p "$dir"
root=$(pyenv root)
for minor in 9 10 11 12 13 14; do
  release=$(pyenv latest "3.$minor" 2>/dev/null) || continue
  binary="$root/versions/$release/bin/python3.$minor"
  [ -x "$binary" ] && ln -sfn "$binary" "$dir/python3.$minor"
done
cd "$dir" && pwd
