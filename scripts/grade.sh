#!/usr/bin/env bash
# Installs the grader into .venv (torch pinned to the CPU build) and grades the course.
# `grade` then lives in .venv/bin: `source .venv/bin/activate` puts it on PATH (README).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/pip install -q torch==2.13.0
.venv/bin/pip install -q -e .
status=0
.venv/bin/grade "${@:-assignments}" || status=$?
if [ "$(command -v grade 2>/dev/null)" != "$PWD/.venv/bin/grade" ]; then
    echo "grade is installed in $PWD/.venv/bin; to run it from any folder, put it on PATH (in each new terminal):" >&2
    printf '    source %q\n' "$PWD/.venv/bin/activate" >&2
fi
exit "$status"
