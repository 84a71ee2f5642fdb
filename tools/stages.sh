#!/usr/bin/env bash
# Runs `make test`'s stages in lanes (one lane per core: never more parallel work than the machine has), each
# stage's output kept in build/stages/NAME.log and printed in one piece when the stage ends; then a timing
# summary, also when a stage failed.
#   tools/stages.sh "laneA-stage1 laneA-stage2" "laneB-stage1 ..." ...
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
logs=build/stages
rm -rf "$logs"
mkdir -p "$logs"
started=$(date +%s)

run_lane() {
  local stage begin status lane_status=0
  for stage in $1; do
    begin=$(date +%s)
    make --no-print-directory "$stage" STAGED=1 >"$logs/$stage.log" 2>&1
    status=$?
    echo "$stage $(($(date +%s) - begin)) $status" >>"$logs/timings"
    {
      echo "=== stage $stage ($(($(date +%s) - begin)) s, exit $status)"
      cat "$logs/$stage.log"
    } | flock "$logs/.print" cat
    # A failed stage does not stop its lane: one run shows every failure.
    [ "$status" -eq 0 ] || lane_status=$status
  done
  return "${lane_status:-0}"
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
for lane in "$@"; do
  run_lane "$lane" &
  pids+=($!)
done
failed=0
for pid in "${pids[@]}" "$background"; do
  wait "$pid" || failed=1
done

echo
echo "=== make test: time per stage"
passed=0 broken=0
while read -r name seconds status _; do
  if [ "$status" -eq 0 ]; then result=ok; else result="FAILED (exit $status)"; fi
  printf '%-16s %5d s  %s\n' "$name" "$seconds" "$result"
  [ "$name" = prepare ] && continue
  if [ "$status" -eq 0 ]; then passed=$((passed + 1)); else broken=$((broken + 1)); fi
done <"$logs/timings"
total=$(($(date +%s) - started))
printf '%-16s %5d s  (%d min %02d s)\n' total "$total" $((total / 60)) $((total % 60))
echo "stages: $passed passed, $broken failed"
[ "$failed" -eq 0 ] && [ "$broken" -eq 0 ]
