"""Shared helpers: grade a file through the real `grade` command and read its JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GRADE = [sys.executable, "-m", "grader.cli"]


def grade_json(path: Path, *extra: str, cwd: Path | None = None) -> dict:
    done = subprocess.run(GRADE + [str(path), "--format", "json", *extra], capture_output=True,
                          text=True, cwd=cwd or ROOT, timeout=600)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)
