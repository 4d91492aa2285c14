"""Hostile submissions, graded through the real `grade` command as a separate process.

For each attack: grading ends in bounded time, the report on stdout is the grader's one JSON
document, the sabotaged exercise loses (or, for attacks that must not work, nothing loses),
the other exercises keep full marks, no forged file appears, and no process is left behind.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.submissions import EXAMPLES_FACTOR, hostile, problems, spec_exists

GRADE_SCRIPT = Path(sys.executable).parent / "grade"

CASES = [s for s in hostile() if spec_exists(s.assignment_id)]
#: generous: every exercise may hit its own budget, plus start-up
LIMIT_SECONDS = 240


def _processes_with_uid_in(low: int, high: int) -> list[str]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("Uid:") and low <= int(line.split()[1]) < high:
                found.append(f"{entry.name}: {status.splitlines()[0]}")
    return found


def _needs_timing(submission) -> bool:
    """Attacks on timing (or whose outcome names it) are graded with timing; the others with
    --no-timing, which keeps every other check and saves the suite minutes."""
    text = submission.path.read_text(errors="replace").lower()
    return "timing" in text or "timed" in text or "slow" in text or \
        any(e.check == "timing" for e in submission.expectations)


@pytest.mark.parametrize("submission", CASES, ids=[s.id for s in CASES])
def test_hostile_submission_is_contained(submission, tmp_path):
    work = tmp_path / "course" / "work"
    file = submission.place(work)
    started = time.monotonic()
    # The installed console script, as a student or CI runs it (`python -m` would put the
    # submission's folder, with its numpy.py, on the grader's own sys.path).
    # --seed 0: the suite runs under CI=true, where grading otherwise draws a secret seed
    flags = ["--examples", str(EXAMPLES_FACTOR)] + ([] if _needs_timing(submission) else ["--no-timing"])
    process = subprocess.Popen([str(GRADE_SCRIPT), str(file), "--format", "json", "--seed", "0",
                                "--assignment", submission.assignment_id, *flags],
                               cwd=work, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    stdout, stderr = process.communicate(timeout=LIMIT_SECONDS)
    assert time.monotonic() - started < LIMIT_SECONDS
    assert process.returncode == 0, stderr[-2000:]
    report = json.loads(stdout)  # exactly one JSON document: nothing the student printed
    assert report["assignment"] == submission.assignment_id
    assert problems(submission, report) == []
    for path in submission.absent:
        assert not (work / path).exists(), f"{path} was written"
    if os.geteuid() == 0:  # workers ran under their own uids: none may survive the grader
        base = 200_000 + (process.pid % 500_000) * 64
        deadline = time.monotonic() + 5
        while _processes_with_uid_in(base, base + 64) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _processes_with_uid_in(base, base + 64) == []
