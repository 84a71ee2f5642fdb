#!/usr/bin/env bash
# The one launcher of the simulators (tests/simulator): one process serves GHES (REST API under /api/v3, plus the
# Manage API on its own port) and GHEC (no prefix), its URLs in STATE_DIR/urls.json. Everything that talks to a
# control API goes through tests/integration/targets/setup_simulator/lookup_plugins/ghe_sim.py (the `ghe_sim`
# lookup, also a command line: `ghe_sim.py --help`).
#   tools/simulator.sh start STATE_DIR [extra simulator args]       -> prints the GHES base URL
#   tools/simulator.sh start-many STATE_DIR N [extra simulator args] -> N processes, in STATE_DIR/1 .. STATE_DIR/N,
#        started together; prints their GHES base URLs, one a line
#   tools/simulator.sh url STATE_DIR KEY    -> one value of STATE_DIR/urls.json:
#        ghes | ghes_sim | ghec | ghec_sim | manage | manage_password
#   tools/simulator.sh check STATE_DIR      -> fails, printing them, if any simulator of STATE_DIR (and of its
#        STATE_DIR/N) saw a request or response that does not match GitHub's OpenAPI descriptions
#   tools/simulator.sh stop STATE_DIR       -> stops them
# The extra args go to `python -m ghe_simulator` (e.g. --certfile/--keyfile for HTTPS, --state-file). PYTHON
# selects the interpreter (default: the checkout's .venv).
set -euo pipefail
cmd=$1 dir=$2
shift 2
here=$(cd "$(dirname "$0")/.." && pwd)
python=${PYTHON:-$here/.venv/bin/python}
client=$here/tests/integration/targets/setup_simulator/lookup_plugins/ghe_sim.py

spawn() {  # spawn DIR [args]
  local dir=$1
  shift
  mkdir -p "$dir"
  rm -f "$dir/sim.port" "$dir/urls.json"
  # its own session: no signal meant for the caller's process group (an Ansible task's, molecule's) reaches it
  PYTHONPATH="$here/tests/simulator" setsid "$python" -m ghe_simulator --host 127.0.0.1 --port 0 --manage --with-ghec \
    --urls-file "$dir/urls.json" --port-file "$dir/sim.port" "$@" >"$dir/sim.log" 2>&1 &
  echo $! >"$dir/sim.pid"
}

await() {  # await DIR: once it answers, print its GHES base URL
  local dir=$1
  # the port file is written last: once it exists, urls.json is complete. Up to 60 s: a busy machine starting
  # many Python processes at once must not fail the run.
  for _ in $(seq 1 600); do
    if [ -s "$dir/sim.port" ]; then
      "$python" "$client" --insecure "$("$python" "$client" "$dir/urls.json" url ghes_sim)" health >/dev/null
      "$python" "$client" "$dir/urls.json" url ghes
      return 0
    fi
    kill -0 "$(cat "$dir/sim.pid")" 2>/dev/null || break
    sleep 0.1
  done
  echo "simulator did not start; its log:" >&2
  cat "$dir/sim.log" >&2
  return 1
}

dirs() {  # the state directories of STATE_DIR: itself and STATE_DIR/N
  for d in "$dir" "$dir"/*/; do
    [ -f "${d%/}/urls.json" ] && echo "${d%/}"
  done
  return 0
}

case $cmd in
  start)
    spawn "$dir" "$@"
    await "$dir"
    ;;
  start-many)
    count=$1
    shift
    for n in $(seq 1 "$count"); do spawn "$dir/$n" "$@"; done
    for n in $(seq 1 "$count"); do await "$dir/$n"; done
    ;;
  url)
    "$python" "$client" "$dir/urls.json" url "$1"
    ;;
  check)
    status=0
    for d in $(dirs); do
      for key in ghes_sim ghec_sim; do
        "$python" "$client" --insecure "$("$python" "$client" "$d/urls.json" url $key)" check || status=1
      done
    done
    exit $status
    ;;
  stop)
    for pid_file in "$dir/sim.pid" "$dir"/*/sim.pid; do
      if [ -f "$pid_file" ]; then
        kill "$(cat "$pid_file")" 2>/dev/null || true
        rm -f "$pid_file" "$(dirname "$pid_file")/sim.port"
      fi
    done
    ;;
  *)
    echo "usage: $0 start|start-many|url|check|stop STATE_DIR ..." >&2
    exit 2
    ;;
esac
