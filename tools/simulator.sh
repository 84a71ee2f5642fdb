#!/usr/bin/env bash
# Start or stop the simulators in the background for make targets: one process serves GHES (REST API under
# /api/v3, plus the Manage API on its own port) and GHEC (no prefix).
#   tools/simulator.sh start STATE_DIR [extra simulator args]   -> prints the GHES base URL
#   tools/simulator.sh url STATE_DIR KEY                         -> one value of STATE_DIR/urls.json:
#        ghes | ghes_sim | ghec | ghec_sim | manage | manage_password
#   tools/simulator.sh stop STATE_DIR
set -euo pipefail
cmd=$1 dir=$2
shift 2
here=$(cd "$(dirname "$0")/.." && pwd)
python=${PYTHON:-$here/.venv/bin/python}
mkdir -p "$dir"
case $cmd in
  start)
    rm -f "$dir/sim.port" "$dir/urls.json"
    PYTHONPATH="$here/tests/simulator" "$python" -m ghe_simulator --host 127.0.0.1 --port 0 --manage --with-ghec \
      --urls-file "$dir/urls.json" --port-file "$dir/sim.port" "$@" >"$dir/sim.log" 2>&1 &
    echo $! >"$dir/sim.pid"
    # the port file is written last: once it exists, urls.json is complete
    for _ in $(seq 1 600); do
      [ -s "$dir/sim.port" ] && { "$0" url "$dir" ghes; exit 0; }
      kill -0 "$(cat "$dir/sim.pid")" 2>/dev/null || break
      sleep 0.1
    done
    echo "simulator did not start; its log:" >&2
    cat "$dir/sim.log" >&2
    exit 1
    ;;
  url)
    "$python" - "$dir/urls.json" "$1" <<'PY'
import json, sys
urls = json.load(open(sys.argv[1], encoding="utf-8"))
value = {"ghes": ("ghes", "url"), "ghes_sim": ("ghes", "sim_url"), "ghec": ("ghec", "url"), "ghec_sim": ("ghec", "sim_url"),
         "manage": ("manage", "url"), "manage_password": ("manage", "password")}[sys.argv[2]]
print(urls[value[0]][value[1]])
PY
    ;;
  stop)
    if [ -f "$dir/sim.pid" ]; then
      kill "$(cat "$dir/sim.pid")" 2>/dev/null || true
      rm -f "$dir/sim.pid" "$dir/sim.port"
    fi
    ;;
  *)
    echo "usage: $0 start|url|stop STATE_DIR" >&2
    exit 2
    ;;
esac
