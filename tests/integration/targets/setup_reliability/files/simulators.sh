#!/usr/bin/env bash
# Extra simulators for the script targets that need their own (several at once, or TLS):
#   simulators.sh start DIR N [simulator args]   start N simulators (state in DIR/1..N), print their base URLs
#   simulators.sh check DIR                      fail if any of them saw an OpenAPI violation
#   simulators.sh stop DIR                       stop them
#   simulators.sh paths FILE                     write one line per module path of writing_modules.yml: its index and
#                                                the product to run it against (ghec when the module declares
#                                                products=('ghec',), else ghes)
# The simulator's code is the collection's tests/simulator, run by the `python` of the test run (or $PYTHON).
set -euo pipefail
cmd=$1 dir=$2
shift 2
python=${PYTHON:-python}
case $cmd in
  start)
    count=$1
    shift
    # In place, tests/simulator is four levels up; ansible-test runs a copy of the targets, so there it is found through
    # the collection root that ansible-test puts in ANSIBLE_COLLECTIONS_PATH.
    simulator=
    for candidate in "$(dirname "$0")/../../../../simulator" \
        "${ANSIBLE_COLLECTIONS_PATH%%:*}/ansible_collections/ghe/admin/tests/simulator"; do
      if [ -d "$candidate/ghe_simulator" ]; then
        simulator=$(cd "$candidate" && pwd)
        break
      fi
    done
    [ -n "$simulator" ] || { echo "simulators.sh: cannot find tests/simulator (ANSIBLE_COLLECTIONS_PATH=${ANSIBLE_COLLECTIONS_PATH:-})" >&2; exit 1; }
    for n in $(seq 1 "$count"); do
      mkdir -p "$dir/$n"
      PYTHONPATH="$simulator" "$python" -m ghe_simulator --host 127.0.0.1 --port 0 --port-file "$dir/$n/port" "$@" \
        >"$dir/$n/log" 2>&1 &
      echo $! >"$dir/$n/pid"
    done
    scheme=http
    for arg in "$@"; do [ "$arg" = --certfile ] && scheme=https; done
    for n in $(seq 1 "$count"); do
      # Up to 60 s each: a busy machine starting many Python processes at once must not fail the run.
      for _ in $(seq 1 600); do
        [ -s "$dir/$n/port" ] && break
        kill -0 "$(cat "$dir/$n/pid")" 2>/dev/null || { cat "$dir/$n/log" >&2; exit 1; }
        sleep 0.1
      done
      [ -s "$dir/$n/port" ] || { echo "simulator $n did not start" >&2; cat "$dir/$n/log" >&2; exit 1; }
      echo "$scheme://127.0.0.1:$(cat "$dir/$n/port")"
    done
    ;;
  check)
    status=0
    for port_file in "$dir"/*/port; do
      port=$(cat "$port_file")
      "$python" - "$port" <<'PY' || status=1
import json, ssl, sys, urllib.request
port = sys.argv[1]
context = ssl._create_unverified_context()
for scheme in ('http', 'https'):
    try:
        data = json.load(urllib.request.urlopen('%s://127.0.0.1:%s/_sim/violations' % (scheme, port), context=context, timeout=10))
        break
    except Exception:  # the other scheme
        data = None
if data is None:
    sys.exit('simulator on port %s does not answer' % port)
if data['count']:
    print(json.dumps(data['violations'], indent=2))
    sys.exit('simulator on port %s saw %d OpenAPI violations' % (port, data['count']))
PY
    done
    exit $status
    ;;
  stop)
    for pid_file in "$dir"/*/pid; do
      [ -f "$pid_file" ] && kill "$(cat "$pid_file")" 2>/dev/null || true
      rm -f "$pid_file"
    done
    ;;
  paths)
    # The modules are five levels up in place; in ansible-test's copy, under the collection root it puts first in
    # ANSIBLE_COLLECTIONS_PATH.
    modules="$(dirname "$0")/../../../../../plugins/modules"
    [ -d "$modules" ] || modules="${ANSIBLE_COLLECTIONS_PATH%%:*}/ansible_collections/ghe/admin/plugins/modules"
    "$python" - "$modules" "$(dirname "$0")/writing_modules.yml" >"$dir" <<'PY'
import re, sys, yaml
for index, m in enumerate(yaml.safe_load(open(sys.argv[2]))['fault_modules']):
    source = open('%s/%s.py' % (sys.argv[1], m['module'])).read()
    print(index, 'ghec' if re.search(r"products=\('ghec',\)", source) else 'ghes')
PY
    ;;
  *)
    echo "usage: $0 start DIR N [args] | check DIR | stop DIR | paths FILE" >&2
    exit 2
    ;;
esac
