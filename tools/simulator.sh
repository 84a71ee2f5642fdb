#!/usr/bin/env bash
# Start or stop the GHES simulator in the background for make targets.
#   tools/simulator.sh start STATE_DIR [extra simulator args]   -> prints the base URL
#   tools/simulator.sh stop STATE_DIR
set -euo pipefail
cmd=$1 dir=$2
shift 2
here=$(cd "$(dirname "$0")/.." && pwd)
python=${PYTHON:-$here/.venv/bin/python}
mkdir -p "$dir"
case $cmd in
  start)
    rm -f "$dir/sim.port"
    PYTHONPATH="$here/tests/simulator" "$python" -m ghe_simulator --host 127.0.0.1 --port 0 \
      --port-file "$dir/sim.port" "$@" >"$dir/sim.log" 2>&1 &
    echo $! >"$dir/sim.pid"
    for _ in $(seq 1 100); do
      [ -s "$dir/sim.port" ] && { echo "http://127.0.0.1:$(cat "$dir/sim.port")"; exit 0; }
      kill -0 "$(cat "$dir/sim.pid")" 2>/dev/null || break
      sleep 0.1
    done
    echo "simulator did not start; its log:" >&2
    cat "$dir/sim.log" >&2
    exit 1
    ;;
  stop)
    if [ -f "$dir/sim.pid" ]; then
      kill "$(cat "$dir/sim.pid")" 2>/dev/null || true
      rm -f "$dir/sim.pid" "$dir/sim.port"
    fi
    ;;
  *)
    echo "usage: $0 start|stop STATE_DIR" >&2
    exit 2
    ;;
esac
