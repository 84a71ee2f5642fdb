#!/usr/bin/env bash
# Run the ansible-test integration targets against a simulator started for the run.
#   tools/run_integration.sh COLLECTION_COPY [TARGET ...]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
collection=$(cd "$1" && pwd)
shift
state="$collection/tests/output/simulator"
url=$("$here/tools/simulator.sh" start "$state")
trap '"$here/tools/simulator.sh" stop "$state"' EXIT

cat >"$collection/tests/integration/integration_config.yml" <<CONFIG
---
ghe_api_url: $url
ghe_sim_url: $url/_sim
ghe_admin_token: ghp_simadmin000000000000000000000000000
ghe_user_token: ghp_simuser0000000000000000000000000000
CONFIG

cd "$collection"
# ANSIBLE_TEST and TEST_PYTHON select another ansible-core / Python (see tools/matrix.sh).
"${ANSIBLE_TEST:-$here/.venv/bin/ansible-test}" integration --local --python "${TEST_PYTHON:-3.11}" --color no "$@"

# Every request the targets sent must have matched GitHub's OpenAPI description.
"$here/.venv/bin/python" - "$url" <<'PY'
import json, sys, urllib.request
violations = json.load(urllib.request.urlopen(sys.argv[1] + '/_sim/violations'))
violations = violations.get('violations', violations) if isinstance(violations, dict) else violations
if violations:
    print('The simulator saw requests or responses that do not match the OpenAPI description:')
    print(json.dumps(violations, indent=2))
    sys.exit(1)
print('simulator: no OpenAPI violations')
PY
