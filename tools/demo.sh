#!/usr/bin/env bash
# make demo: install the built collection into a local path, start the simulator, run the demo playbook
# twice (the first run changes the banner, the second changes nothing), stop the simulator.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
bin="$here/.venv/bin"
demo="$here/build/demo"
rm -rf "$demo/collections"
mkdir -p "$demo"
tarball=$(ls -t build/ghe-admin-*.tar.gz | head -n 1)
ANSIBLE_COLLECTIONS_PATH="$demo/collections" \
  "$bin/ansible-galaxy" collection install --force -p "$demo/collections" "$tarball" >/dev/null
echo "Installed $(basename "$tarball") into build/demo/collections"

url=$(tools/simulator.sh start "$demo")
trap 'tools/simulator.sh stop "$demo"' EXIT
echo "Simulator listening on $url"

export ANSIBLE_COLLECTIONS_PATH="$demo/collections"
export ANSIBLE_COLLECTIONS_SCAN_SYS_PATH=false
export GHE_API_URL="$url"
export GHE_TOKEN=ghp_simadmin000000000000000000000000000

for run in first second; do
  echo
  echo "=== $run run of playbooks/demo.yml"
  "$bin/ansible-playbook" -i localhost, playbooks/demo.yml | tee "$demo/$run.log"
done

if ! grep -Eq 'localhost +: ok=[0-9]+ +changed=[1-9]' "$demo/first.log"; then
  echo "demo: the first run should have changed the banner" >&2
  exit 1
fi
if ! grep -Eq 'localhost +: ok=[0-9]+ +changed=0 .*failed=0' "$demo/second.log"; then
  echo "demo: the second run should have changed nothing" >&2
  exit 1
fi
echo
echo "demo: first run changed the banner, second run changed nothing."
