"""Students graded in one class run cannot reach each other (security review, classes 4 and 7).

`grade-class` grades every student with one zygote. Each test here hands in two students,
alice and bob (graded in that order), as folders of a class folder that lies where a teacher
would keep it (outside /tmp, readable by others, as a course directory is), and makes any
crossing visible as a score: the attacking side answers correctly only if the crossing worked,
and otherwise raises an error whose message names what it did not find, so a zero is known to
come from the attack failing and not from the file failing to load.
"""

from __future__ import annotations

import csv
import glob
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.submissions import MODEL_SOLUTIONS

GRADE_CLASS = Path(sys.executable).parent / "grade-class"
MODEL = (MODEL_SOLUTIONS / "05_softmax" / "softmax.py").read_text()
BOB_MARKER = "bob-only-marker-5e1d77"

# ---------------------------------------------------------------- alice reads bob's file

ALICE_READER = '''
import os
import time

import numpy as np

_MARKER = "bob-only-" + "marker-5e1d77"
_found = []


def _class_folders():
    """Folders named on a visible grade-class command line (the class folder), then the usual roots."""
    folders = []
    try:
        pids = [p for p in os.listdir("/proc") if p.isdigit()]
    except OSError:
        pids = []
    for pid in pids:
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as fh:
                argv = [a.decode(errors="replace") for a in fh.read(1 << 16).split(b"\\0") if a]
        except OSError:
            continue
        if any("grade-class" in a or "class_main" in a for a in argv):
            folders += [a for a in argv if a.startswith("/") and os.path.isdir(a)]
            try:
                folders.append(os.readlink(f"/proc/{pid}/cwd"))
            except OSError:
                pass
    return folders + ["/var/tmp", "/work", "/home", "/srv", "/opt", "/root", "/tmp", "/"]


def _search():
    deadline = time.monotonic() + 2.0
    for root in _class_folders():
        for top, dirs, files in os.walk(root):
            if time.monotonic() > deadline:
                return None
            dirs[:] = [d for d in dirs if d not in ("proc", "sys", "dev", ".git", "site-packages")]
            if "softmax.py" in files:
                try:
                    with open(os.path.join(top, "softmax.py")) as fh:
                        if _MARKER in fh.read():
                            return os.path.join(top, "softmax.py")
                except OSError:
                    continue
    return None


def softmax(logits, axis=-1):
    if not _found:
        _found.append(_search())
    if _found[0] is None:
        raise LookupError("another student's file is not readable from the sandbox")
    shifted = logits - np.max(logits, axis=axis, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=axis, keepdims=True)
'''

BOB_TARGET = f'''
CLASS_SECRET = "{BOB_MARKER}"
'''

# ---------------------------------------------------------------- alice plants, bob looks

ALICE_PLANTER = '''
import os

_NAME = f"rt_plant_{os.getppid()}"


def _plant():
    here = os.getcwd()
    try:
        os.chmod(here, 0o755)
    except OSError:
        pass
    for folder in ("/tmp", here, "/dev/shm", "/var/tmp"):
        try:
            path = os.path.join(folder, _NAME)
            with open(path, "w") as fh:
                fh.write("alice")
            os.chmod(path, 0o666)
        except OSError:
            continue


_plant()
'''

BOB_SEEKER = '''
import os

import numpy as np

_NAME = f"rt_plant_{os.getppid()}"


def _planted(paths):
    for path in paths:
        try:
            with open(path) as fh:
                if fh.read() == "alice":
                    return path
        except OSError:
            continue
    return None


def _in_tmp():
    paths = [os.path.join("/tmp", _NAME)]
    try:
        paths += [os.path.join("/tmp", d, _NAME) for d in os.listdir("/tmp")]
    except OSError:
        pass
    return _planted(paths)


def softmax(logits, axis=-1):
    if _in_tmp() is None:
        raise LookupError("no plant from alice in /tmp")
    shifted = logits - np.max(logits, axis=axis, keepdims=True)
    e = np.exp(shifted)
    return e / np.sum(e, axis=axis, keepdims=True)


def log_softmax(logits, axis=-1):
    if _planted([os.path.join("/dev/shm", _NAME)]) is None:
        raise LookupError("no plant from alice in /dev/shm")
    shifted = logits - np.max(logits, axis=axis, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))


_model_cross_entropy = softmax_cross_entropy


def softmax_cross_entropy(logits, labels):
    if _planted([os.path.join("/var/tmp", _NAME)]) is None:
        raise LookupError("no plant from alice in /var/tmp")
    return _model_cross_entropy(logits, labels)
'''


@pytest.fixture
def class_folder():
    """A class folder outside /tmp, readable by others, as a course directory is."""
    root = Path(tempfile.mkdtemp(prefix="rt-class-", dir="/var/tmp"))
    os.chmod(root, 0o755)
    try:
        yield root
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _hand_in(root: Path, student: str, extra: str) -> None:
    folder = root / "submitted" / student / "05_softmax"
    folder.mkdir(parents=True)
    for path in (root / "submitted", root / "submitted" / student, folder):
        os.chmod(path, 0o755)
    (folder / "softmax.py").write_text(MODEL + "\n\n# ---- " + student + "\n" + extra)
    os.chmod(folder / "softmax.py", 0o644)


def _grade_class(root: Path, cwd: Path) -> tuple[dict[str, dict], dict[str, dict]]:
    reports = cwd / "reports"
    done = subprocess.run([str(GRADE_CLASS), str(root / "submitted"), "--assignment", "05_softmax",
                           "--no-timing", "--seed", "0", "--reports", str(reports)],
                          cwd=cwd, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stderr[-2000:]
    rows = {row["student"]: row for row in csv.DictReader(io.StringIO(done.stdout))}
    full = {name: json.loads((reports / f"{name}.json").read_text()) for name in rows}
    return rows, full


def _messages(report: dict, exercise: str) -> str:
    for entry in report["exercises"]:
        if entry["id"] == exercise:
            return " ".join(c["message"] for c in entry["checks"] if not c["passed"])
    return ""


def test_a_student_cannot_read_another_students_file(class_folder, tmp_path):
    _hand_in(class_folder, "alice", ALICE_READER)
    _hand_in(class_folder, "bob", BOB_TARGET)
    rows, reports = _grade_class(class_folder, tmp_path)
    assert float(rows["bob"]["score"]) == float(rows["bob"]["max_score"])
    assert float(rows["alice"]["softmax"]) == 0, "alice read bob's file during class grading"
    assert "not readable" in _messages(reports["alice"], "softmax")
    assert float(rows["alice"]["log_softmax"]) > 0 and float(rows["alice"]["softmax_cross_entropy"]) > 0


def _plants() -> set[str]:
    return set(glob.glob("/dev/shm/rt_plant_*")) | set(glob.glob("/var/tmp/rt_plant_*"))


def test_nothing_a_student_plants_reaches_the_next_student_or_outlives_grading(class_folder, tmp_path):
    before = _plants()
    _hand_in(class_folder, "alice", ALICE_PLANTER)
    _hand_in(class_folder, "bob", BOB_SEEKER)
    try:
        rows, reports = _grade_class(class_folder, tmp_path)
        left = _plants() - before
    finally:
        for path in _plants() - before:
            try:
                os.unlink(path)
            except OSError:
                pass
    assert float(rows["alice"]["score"]) == float(rows["alice"]["max_score"])
    crossed = {exercise: where for exercise, where in
               (("softmax", "/tmp"), ("log_softmax", "/dev/shm"), ("softmax_cross_entropy", "/var/tmp"))
               if float(rows["bob"][exercise]) != 0}
    assert crossed == {}, f"alice's plant reached bob through {sorted(crossed.values())}"
    for exercise, where in (("softmax", "/tmp"), ("log_softmax", "/dev/shm"), ("softmax_cross_entropy", "/var/tmp")):
        assert f"no plant from alice in {where}" in _messages(reports["bob"], exercise)
    assert left == set(), f"files written during grading outlived it: {sorted(left)}"
