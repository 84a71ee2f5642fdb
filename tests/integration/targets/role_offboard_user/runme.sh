#!/usr/bin/env bash
# The offboard_user role against the simulator, at -vvvv with --diff and checked for leaked tokens.
set -euo pipefail
../setup_simulator/files/leak_check.sh offboard.yml \
  ghp_simadmin000000000000000000000000000 ghp_wrong0token000000000000000000000000 \
  ghp_offboard0alice0laptop000000000000000 ghp_offboard0alice0impersonation0000000 ghp_simformer0000000000000000000000000000
