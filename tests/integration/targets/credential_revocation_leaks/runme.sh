#!/usr/bin/env bash
# The submitted credentials (and the admin token) never appear at -vvvv --diff, whatever happens.
set -euo pipefail
../setup_simulator/files/leak_check.sh leaks.yml \
  ghp_simadmin000000000000000000000000000 \
  ghp_leakcheck000000000000000000000000000 \
  ghp_leakcheck000000000000000000000001234 \
  ghp_leakcheck000000000000000000000002999 \
  github_pat_11LEAKCHECK00000000000_leakcheckfinegrained000000000000000000000000000000000000000 \
  gho_leakcheckoauth0000000000000000000000 \
  ghs_leakcheckinstallation000000000000000 \
  ghp_leakshort
