# shellcheck shell=bash
# Sourced by runme.sh scripts whose one ansible-playbook run holds several plays (a playbook given twice, or a
# playbook of several plays), to check one play's output on its own.
#   play_output LOG COUNT N       fails unless LOG has exactly COUNT plays; prints play N's output (its PLAY line to the next)
#   unchanged LOG COUNT HOST     the last play ran on HOST and reported nothing changed, failed or fatal

play_output() {
  local log=$1 count=$2 n=$3
  [ "$(grep -c '^PLAY \[' "$log")" -eq "$count" ] || { echo "expected $count plays in $log" >&2; cat "$log" >&2; exit 1; }
  awk -v n="$n" '/^PLAY \[/ { plays++ } plays == n' "$log"
}

unchanged() {
  local log=$1 count=$2 host=$3 last
  last=$(play_output "$log" "$count" "$count")
  grep -q "^ok: \[$host" <<<"$last" || { echo "the last play did not run on $host" >&2; cat "$log" >&2; exit 1; }
  if grep -Eq '^(changed|failed|fatal): ' <<<"$last"; then
    echo "the last play (the run again) changed something or failed:" >&2
    echo "$last" >&2
    exit 1
  fi
}
