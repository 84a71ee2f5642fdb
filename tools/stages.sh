#!/usr/bin/env bash
# Runs `make test`'s stages on as many workers as the machine has cores (never more parallel work than that): each
# worker takes the next stage not yet started, in the order given (longest first, so that the short ones fill the
# end). Each stage's output is kept in build/stages/NAME.log and printed in one piece when the stage ends; then a
# timing summary, also when a stage failed.
#   tools/stages.sh STAGE ...        (JOBS=N to use N workers instead)
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
logs=build/stages
rm -rf "$logs"
mkdir -p "$logs"
started=$(date +%s)
stages=("$@")
jobs=${JOBS:-$(nproc)}
echo 0 >"$logs/.next"

take() {  # the index of the next stage not yet started (past the end when none is left)
  (
    flock 9
    n=$(cat "$logs/.next")
    echo $((n + 1)) >"$logs/.next"
    echo "$n"
  ) 9>"$logs/.next.lock"
}

run_worker() {
  local n stage begin status worker_status=0
  while n=$(take) && [ "$n" -lt "${#stages[@]}" ]; do
    stage=${stages[$n]}
    begin=$(date +%s)
    make --no-print-directory "$stage" STAGED=1 >"$logs/$stage.log" 2>&1
    status=$?
    echo "$stage $(($(date +%s) - begin)) $status worker-$1" >>"$logs/timings"
    {
      echo "=== stage $stage ($(($(date +%s) - begin)) s, exit $status)"
      cat "$logs/$stage.log"
    } | flock "$logs/.print" cat
    # A failed stage does not stop the run: one run shows every failure.
    [ "$status" -eq 0 ] || worker_status=$status
  done
  return "$worker_status"
}

# The matrix legs' environments are made in the background from the start: making them mostly waits on the package
# index, and a matrix stage waits for its environment (tools/matrix.sh locks it) if it is not ready yet.
begin=$(date +%s)
( make --no-print-directory matrix-venvs >"$logs/matrix-venvs.log" 2>&1
  status=$?
  echo "matrix-venvs $(($(date +%s) - begin)) $status (background)" >>"$logs/timings"
  [ "$status" -eq 0 ] || cat "$logs/matrix-venvs.log" ) &
background=$!

# What every stage needs, prepared once: the virtual environment and the collection copy that sanity, units and
# lint share (integration, matrix and molecule runs make their own copies).
begin=$(date +%s)
make --no-print-directory venv collection >"$logs/prepare.log" 2>&1 || { cat "$logs/prepare.log"; exit 1; }
echo "prepare $(($(date +%s) - begin)) 0" >>"$logs/timings"

pids=()
for worker in $(seq 1 "$jobs"); do
  run_worker "$worker" &
  pids+=($!)
done
failed=0
for pid in "${pids[@]}" "$background"; do
  wait "$pid" || failed=1
done

echo
echo "=== make test: time per stage"
passed=0 broken=0
while read -r name seconds status where; do
  if [ "$status" -eq 0 ]; then result=ok; else result="FAILED (exit $status)"; fi
  printf '%-22s %5d s  %-8s %s\n' "$name" "$seconds" "$result" "$where"
  [ "$name" = prepare ] && continue
  if [ "$status" -eq 0 ]; then passed=$((passed + 1)); else broken=$((broken + 1)); fi
done <"$logs/timings"
total=$(($(date +%s) - started))
printf '%-22s %5d s  (%d min %02d s)\n' total "$total" $((total / 60)) $((total % 60))
echo "stages: $passed passed, $broken failed"
[ "$failed" -eq 0 ] && [ "$broken" -eq 0 ]
