"""Shared helpers: grade a file through the real `grade` command and read its JSON."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

# Messages in English unless a test asks for another language (`--lang zh`, `i18n.using`): the
# grader follows the environment's language, and a developer's may be Chinese.
os.environ["LANGUAGE"] = "en"
# Practice runs keep the cases of passing searches in the user's cache folder; the suite's runs
# must not depend on what earlier runs left there (tests of the cache choose their own folder).
os.environ["GRADER_CACHE_DIR"] = "off"

ROOT = Path(__file__).resolve().parent.parent
GRADE = [sys.executable, "-m", "grader.cli"]


def grade_json(path: Path, *extra: str, cwd: Path | None = None) -> dict:
    """The JSON report of `grade PATH --format json`. The suite runs under CI=true, where
    grading is official and draws a secret seed: unless the test passes its own, seed 0."""
    seed = [] if "--seed" in extra else ["--seed", "0"]
    done = subprocess.run(GRADE + [str(path), "--format", "json", *seed, *extra], capture_output=True,
                          text=True, cwd=cwd or ROOT, timeout=600)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)
