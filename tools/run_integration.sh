#!/usr/bin/env bash
# Run the ansible-test integration targets against the simulators started for the run
# (GHES with its Manage API, and GHEC: see tools/simulator.sh).
#   tools/run_integration.sh COLLECTION_COPY [TARGET ...]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
collection=$(cd "$1" && pwd)
shift
state="$collection/tests/output/simulator"
url=$("$here/tools/simulator.sh" start "$state")
trap '"$here/tools/simulator.sh" stop "$state"' EXIT
value() { "$here/tools/simulator.sh" url "$state" "$1"; }

cat >"$collection/tests/integration/integration_config.yml" <<CONFIG
---
ghe_api_url: $url
ghe_sim_url: $(value ghes_sim)
ghe_admin_token: ghp_simadmin000000000000000000000000000
ghe_user_token: ghp_simuser0000000000000000000000000000
ghe_ghec_api_url: $(value ghec)
ghe_ghec_sim_url: $(value ghec_sim)
ghe_manage_url: $(value manage)
ghe_manage_password: $(value manage_password)
CONFIG

cd "$collection"
# ANSIBLE_TEST and TEST_PYTHON select another ansible-core / Python (see tools/matrix.sh).
"${ANSIBLE_TEST:-$here/.venv/bin/ansible-test}" integration --local --python "${TEST_PYTHON:-3.11}" --color no "$@"

# Every request the targets sent, to every simulator, must have matched GitHub's OpenAPI descriptions.
"$here/tools/simulator.sh" check "$state"
echo 'simulators: no OpenAPI violations'
