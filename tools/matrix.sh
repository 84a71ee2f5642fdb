#!/usr/bin/env bash
# Run the integration suite on another ansible-core and Python, to prove the supported range.
#   tools/matrix.sh NAME PYTHON_VERSION ANSIBLE_CORE_SPEC [TARGET ...]
# e.g. tools/matrix.sh oldest 3.11 'ansible-core>=2.16,<2.17'
# The Python comes from pyenv (the newest installed patch release of PYTHON_VERSION). The simulator
# keeps running in the main .venv; only ansible-core and the modules use the matrix Python.
#   tools/matrix.sh --venv-only NAME PYTHON_VERSION ANSIBLE_CORE_SPEC   only makes the environment (make test starts
#   this at once, in the background: it mostly waits on the package index, so it costs the CPU-bound stages nothing)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
venv_only=
if [ "${1:-}" = --venv-only ]; then venv_only=1; shift; fi
name=$1 version=$2 spec=$3
shift 3
work="$here/build/matrix-$name"
venv="$work/venv"
mkdir -p "$work"
# One maker of the environment at a time: a test run waits for the background maker instead of racing it.
exec 9>"$work/.venv.lock"
flock 9
if command -v pyenv >/dev/null 2>&1 && release=$(pyenv latest "$version" 2>/dev/null); then
  python="$(pyenv root)/versions/$release/bin/python$version"
else
  python=$(command -v "python$version")
fi
# Targets that start extra simulators run them with the test run's Python, so it also gets the simulator's
# one dependency, at the version the main environment pins.
simulator_dependency=$(grep -E '^openapi-core' "$here/tools/requirements-dev.txt")
if [ ! -f "$venv/.installed" ] || [ "$(cat "$venv/.installed")" != "$spec $simulator_dependency" ]; then
  rm -rf "$venv"
  "$python" -m venv "$venv"
  "$venv/bin/pip" install --quiet --upgrade pip
  # uv as in the Makefile's venv, pip when uv cannot be had
  { "$venv/bin/pip" install --quiet uv &&
      "$venv/bin/uv" pip install --quiet --python "$venv/bin/python" --compile-bytecode \
        "$spec" "$simulator_dependency" -r "$here/requirements.txt"; } ||
    "$venv/bin/pip" install --quiet "$spec" "$simulator_dependency" -r "$here/requirements.txt"
  echo "$spec $simulator_dependency" >"$venv/.installed"
fi
flock -u 9
[ -z "$venv_only" ] || exit 0
echo "matrix $name: $("$venv/bin/ansible" --version | head -n 1) on Python $("$venv/bin/python" -c 'import platform; print(platform.python_version())')"
collection=$("$here/tools/collection_copy.sh" "$work/collections")
ANSIBLE_TEST="$venv/bin/ansible-test" TEST_PYTHON="$version" "$here/tools/run_integration.sh" "$collection" "$@"
