#!/usr/bin/env bash
set -euo pipefail
../setup_simulator/files/leak_check.sh leaks.yml \
  ghp_simadmin000000000000000000000000000 \
  whsec-leak-check-first-0001 whsec-leak-check-rotated-0002 sim-hook-secret
