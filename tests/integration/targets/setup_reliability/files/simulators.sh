#!/usr/bin/env bash
# A simulator of its own for the script targets that need one set up otherwise than the suite's (reliability_tls:
# HTTPS), started through the one launcher, tools/simulator.sh (the process serves GHES and GHEC):
#   simulators.sh start WORK GROUP [simulator args]   the simulator (state in WORK/sim); writes the inventory
#       WORK/inventory, group GROUP with one host, testhost (ghe_api_url and ghe_sim_url of GHES), then
#       [GROUP:vars] (append more vars to the file)
#   simulators.sh check WORK   fail if it saw an OpenAPI violation
#   simulators.sh stop WORK    stop it
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
    "$launcher" start "$work/sim" "$@" >/dev/null
    {
      echo "[$group]"
      echo "testhost ghe_api_url=$("$launcher" url "$work/sim" ghes) ghe_sim_url=$("$launcher" url "$work/sim" ghes_sim)"
      echo "[$group:vars]"
      echo 'ansible_connection=local'
      echo "ansible_python_interpreter=$(command -v python)"
      echo 'ghe_admin_token=ghp_simadmin000000000000000000000000000'
    } >"$work/inventory"
    ;;
  check)
    "$launcher" check "$work/sim"
    ;;
  stop)
    [ -z "$root" ] || "$launcher" stop "$work/sim"
    ;;
  *)
    echo "usage: $0 start WORK GROUP [args] | check WORK | stop WORK" >&2
    exit 2
    ;;
esac
