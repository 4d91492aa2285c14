#!/usr/bin/env bash
# Installs everything into .venv (torch pinned to the CPU build) and runs the tests: CI's fixed
# sample by default (under 15 minutes on 2 cores), every test with --full.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/pip install -q torch==2.13.0
.venv/bin/pip install -q -e ".[test]"
if [ "${1:-}" = "--full" ]; then
    .venv/bin/python -m pytest -q -n 2 tests
else
    .venv/bin/python -m pytest -q -n 2 -m "not full_only" tests
fi
