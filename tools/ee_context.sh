#!/usr/bin/env bash
# Writes an ansible-builder build context for docs/execution-environment.yml that installs a local
# collection tarball (not Galaxy's).
#   tools/ee_context.sh TARBALL WORKDIR      -> WORKDIR/context (Containerfile and _build/)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
tarball=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
work=$2
rm -rf "$work"
mkdir -p "$work"
cp "$here/docs/execution-environment.yml" "$work/execution-environment.yml"
cp "$here/requirements.txt" "$work/requirements.txt"
cp "$tarball" "$work/ghe-admin.tar.gz"
cd "$work"
"${ANSIBLE_BUILDER:-$here/.venv/bin/ansible-builder}" create -f execution-environment.yml -c context \
  --output-filename Containerfile >/dev/null
echo "$work/context"
