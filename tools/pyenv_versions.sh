#!/usr/bin/env bash
# Print a PYENV_VERSION value that makes every installed CPython from 3.9 up callable as python3.X,
# with 3.11 first so that plain python3 stays 3.11. Prints nothing without pyenv.
command -v pyenv >/dev/null 2>&1 || exit 0
pyenv versions --bare | grep -E '^3\.(9|1[0-9])\.[0-9]+$' | sort -t. -k2,2n -k3,3n |
  awk -F. '{latest[$2] = $0} END {first = latest[11]; out = first; for (m = 9; m < 20; m++) if (m != 11 && m in latest) out = out ":" latest[m]; print out}'
