"""A worker that writes garbage on its socket is the student's fault, never the grader's
(security review, class 5).

tests/hostile/01_activations/rt_nested_json_reply_fd.py writes a well-framed reply whose JSON
header is nested 100000 deep. The harness (tests/test_hostile.py) already asserts relu scores
zero with a "malformed" message; this test adds that no check anywhere is reported as the
grader's own failure, and that grading ends in bounded time.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from tests.submissions import HOSTILE, parse

GRADE_SCRIPT = Path(sys.executable).parent / "grade"


def test_undecodable_reply_does_not_blame_the_grader(tmp_path):
    path = HOSTILE / "01_activations" / "rt_nested_json_reply_fd.py"
    file = parse(path, "01_activations", "hostile").place(tmp_path / "work")
    started = time.monotonic()
    done = subprocess.run([str(GRADE_SCRIPT), str(file), "--format", "json", "--seed", "0", "--no-timing"],
                          cwd=tmp_path / "work", capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    assert time.monotonic() - started < 240
    report = json.loads(done.stdout)
    messages = [c["message"] for e in report["exercises"] for c in e["checks"] if not c["passed"]]
    blamed = [m for m in messages if "grader could not run" in m or "RecursionError" in m]
    assert blamed == [], f"the grader blamed itself for the worker's garbage: {blamed[:2]}"
    relu = next(e for e in report["exercises"] if e["id"] == "relu")
    assert relu["score"] == 0
    others = [e for e in report["exercises"] if e["id"] != "relu"]
    assert all(e["score"] == e["max_score"] for e in others)
