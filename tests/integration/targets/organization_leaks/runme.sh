#!/usr/bin/env bash
set -euo pipefail
../setup_simulator/files/leak_check.sh leaks.yml ghp_simadmin000000000000000000000000000 ghp_wrong0token000000000000000000000000
