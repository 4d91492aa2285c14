#!/usr/bin/env bash
# Installs everything into .venv (torch pinned to the CPU build) and runs the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/pip install -q torch==2.13.0
.venv/bin/pip install -q -e ".[test]"
.venv/bin/python -m pytest -q -n 2 tests
