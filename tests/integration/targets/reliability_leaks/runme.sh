#!/usr/bin/env bash
# Every module at -vvvv --diff with a distinctive token, in success and failure (leaks.yml): the token never shows.
set -euo pipefail
start=$(date +%s)
../setup_simulator/files/leak_check.sh leaks.yml ghp_LeakCheckDistinctive0Token0000000001
echo "reliability_leaks: every module in $(($(date +%s) - start)) s"
