#!/usr/bin/env bash
# Simulators of their own for the script targets that run every module path of writing_modules.yml side by side
# (reliability_faults, reliability_tls), started through the one launcher, tools/simulator.sh (each process serves
# GHES and GHEC):
#   simulators.sh start WORK GROUP [simulator args]   one simulator per module path (state in WORK/sims/N); writes the
#       inventory WORK/inventory, group GROUP, one host pathI per module path (fault_index=I, ghe_api_url and
#       ghe_sim_url of the product the module works with: GHEC when it declares products=('ghec',), `cloud`), then
#       [GROUP:vars] (append more vars to the file); prints the number of module paths
#   simulators.sh check WORK   fail if any of them saw an OpenAPI violation
#   simulators.sh stop WORK    stop them
# The simulator runs on the `python` of the test run (or $PYTHON).
set -euo pipefail
cmd=$1 work=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)
export PYTHON=${PYTHON:-$(command -v python)}
# In place, the collection root is five levels up; ansible-test runs a copy of the targets, so there it is found
# through the collection root that ansible-test puts in ANSIBLE_COLLECTIONS_PATH.
root=
for candidate in "$here/../../../../.." "${ANSIBLE_COLLECTIONS_PATH%%:*}/ansible_collections/ghe/admin"; do
  if [ -x "$candidate/tools/simulator.sh" ] && [ -d "$candidate/plugins/modules" ]; then
    root=$(cd "$candidate" && pwd)
    break
  fi
done
[ -n "$root" ] || { echo "simulators.sh: cannot find the collection (ANSIBLE_COLLECTIONS_PATH=${ANSIBLE_COLLECTIONS_PATH:-})" >&2; exit 1; }
launcher=$root/tools/simulator.sh
case $cmd in
  start)
    group=$1
    shift
    # one line per module path: its index and its product
    "$PYTHON" - "$root/plugins/modules" "$here/writing_modules.yml" >"$work/paths" <<'PY'
import re, sys, yaml
for index, m in enumerate(yaml.safe_load(open(sys.argv[2]))['fault_modules']):
    source = open('%s/%s.py' % (sys.argv[1], m['module'])).read()
    print(index, 'ghec' if re.search(r"products=\('ghec',\)", source) else 'ghes')
PY
    count=$(wc -l <"$work/paths")
    "$launcher" start-many "$work/sims" "$count" "$@" >/dev/null
    {
      echo "[$group]"
      while read -r index product; do
        state=$work/sims/$((index + 1))
        echo "path$index fault_index=$index ghe_api_url=$("$launcher" url "$state" "$product")" \
          "ghe_sim_url=$("$launcher" url "$state" "${product}_sim") cloud=$([ "$product" = ghec ] && echo true || echo false)"
      done <"$work/paths"
      echo "[$group:vars]"
      echo 'ansible_connection=local'
      echo "ansible_python_interpreter=$(command -v python)"
      echo 'ghe_admin_token=ghp_simadmin000000000000000000000000000'
    } >"$work/inventory"
    echo "$count"
    ;;
  check)
    "$launcher" check "$work/sims"
    ;;
  stop)
    [ -z "$root" ] || "$launcher" stop "$work/sims"
    ;;
  *)
    echo "usage: $0 start WORK GROUP [args] | check WORK | stop WORK" >&2
    exit 2
    ;;
esac
