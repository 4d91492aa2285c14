"""Official grading draws its inputs from a seed the student does not know (SYLLABUS); `--seed N`
replays any run exactly; the text report cannot be forged on screen and replays safely.

Every run here is the real `grade` command in a subprocess. The suite runs under CI=true, so
each test says outright which mode it wants (CI set or removed in the child's environment).
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

from tests.conftest import GRADE, ROOT

MODEL = ROOT / "tests/model_solutions/05_softmax/softmax.py"

#: a correct softmax file whose log_softmax, on its 25th call, raises with a digest of every
#: input it was given: the report then shows whether two runs drew the same inputs
DIGEST_PATCH = '''

import hashlib as _hashlib

_model_log_softmax = log_softmax
_SEEN = _hashlib.sha256()
_CALLS = [0]


def log_softmax(logits, axis=-1):
    _SEEN.update(repr((np.asarray(logits).dtype.str, np.shape(logits), axis)).encode())
    _SEEN.update(np.ascontiguousarray(logits).tobytes())
    _CALLS[0] += 1
    if _CALLS[0] >= 25:
        raise ValueError("inputs so far " + _SEEN.hexdigest()[:16])
    return _model_log_softmax(logits, axis)
'''


def _env(ci: str | None) -> dict:
    env = dict(os.environ)
    env.pop("CI", None)
    if ci is not None:
        env["CI"] = ci
    return env


def _grade(path: Path, *extra: str, ci: str | None = None, check: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run(GRADE + [str(path), *extra], capture_output=True, text=True, cwd=ROOT,
                          timeout=600, env=_env(ci))
    if check:
        assert done.returncode == 0, done.stderr[-2000:]
    return done


def _digest(report: dict) -> str:
    messages = [c["message"] for e in report["exercises"] for c in e["checks"] if "inputs so far" in c["message"]]
    assert messages, report
    return messages[0].split("inputs so far ")[1][:16]


def test_official_runs_draw_fresh_seeds_and_inputs_and_an_explicit_seed_replays_byte_for_byte(tmp_path):
    path = tmp_path / "softmax.py"
    path.write_text(MODEL.read_text() + DIGEST_PATCH)
    first = _grade(path, "--format", "json", "--no-timing", "--official").stdout
    second = _grade(path, "--format", "json", "--no-timing", ci="true").stdout
    one, two = json.loads(first), json.loads(second)
    assert one["seed"] != two["seed"]
    assert 0 not in (one["seed"], two["seed"])
    assert _digest(one) != _digest(two)  # the inputs themselves differ, not just the number
    # the drawn seed, passed back, replays the official run exactly
    replayed = _grade(path, "--format", "json", "--no-timing", "--seed", str(one["seed"]), ci="true").stdout
    assert replayed == first
    # practice (no CI, no --official) is seed 0, as before
    practice = json.loads(_grade(path, "--format", "json", "--no-timing", ci="false").stdout)
    assert practice["seed"] == 0 and _digest(practice) not in (_digest(one), _digest(two))


def test_gradescope_and_ci_draw_a_seed_recorded_in_every_format(tmp_path):
    path = tmp_path / "softmax.py"
    path.write_text(MODEL.read_text())
    gradescope = json.loads(_grade(path, "--format", "gradescope", "--no-timing", ci=None).stdout)
    seeds = gradescope["extra_data"]["seeds"]
    assert len(seeds) == 1 and seeds[0] != 0 and f"(seed {seeds[0]})" in gradescope["output"]
    assert gradescope["score"] == 10
    junit = ElementTree.fromstring(_grade(path, "--format", "junit", "--no-timing", ci="1").stdout)
    junit_seed = {p.get("name"): p.get("value") for p in junit.iter("property")}["seed"]
    assert junit_seed not in ("0", str(seeds[0]))
    text = _grade(path, "--no-timing", ci="true").stdout.splitlines()
    seed = text[0].rsplit("(seed ", 1)[1].rstrip(")")
    assert seed != "0" and text[-1] == f"Replay exactly: grade {path} --seed {seed} --no-timing"


RECORDER = r'''
"""What a student could do on their own machine: grade their file at the default seed 0 with
an instrumented grader, write down every input softmax and log_softmax were given, and put the
right answers for those inputs into their file."""
import base64, hashlib, importlib.util, io, sys
from pathlib import Path

import numpy as np

import grader.checks as checks
from grader.course import load_assignment
from grader.runner import Options, grade
from grader.submission import load_submission

model_path, out_path = Path(sys.argv[1]), Path(sys.argv[2])
seen = []
original = checks.Context.call


def call(self, case, timeout=None, function=None, **options):
    name = function or self.function
    if name in ("softmax", "log_softmax"):
        args = list(case.args)
        if args and isinstance(args[0], np.ndarray):
            axis = args[1] if len(args) > 1 else dict(case.kwargs).get("axis", -1)
            seen.append((name, args[0].copy(), axis))
    return original(self, case, timeout, function, **options)


checks.Context.call = call
grade(load_assignment("05_softmax"), load_submission(model_path), Options(seed=0, device="cpu", timing=False))

spec = importlib.util.spec_from_file_location("model_softmax", model_path)
model = importlib.util.module_from_spec(spec)
spec.loader.exec_module(model)


def key(name, x, axis):
    x = np.asarray(x)
    digest = hashlib.sha256(repr((name, x.dtype.str, x.shape, int(axis))).encode())
    digest.update(np.ascontiguousarray(x).tobytes())
    return digest.hexdigest()


table = {}
for name, x, axis in seen:
    buffer = io.BytesIO()
    np.save(buffer, getattr(model, name)(x, axis=axis), allow_pickle=False)
    table[key(name, x, axis)] = base64.b64encode(buffer.getvalue()).decode()
out_path.write_text(model_path.read_text() + f"""

# ---- answers recorded at seed 0
import base64 as _b64
import hashlib as _hashlib
import io as _io

_TABLE = {table!r}


def _key(name, x, axis):
    x = np.asarray(x)
    digest = _hashlib.sha256(repr((name, x.dtype.str, x.shape, int(axis))).encode())
    digest.update(np.ascontiguousarray(x).tobytes())
    return digest.hexdigest()


def _recorded(name, x, axis):
    hit = _TABLE.get(_key(name, x, axis))
    if hit is None:
        return np.zeros_like(np.asarray(x))
    return np.load(_io.BytesIO(_b64.b64decode(hit)), allow_pickle=False)


def softmax(logits, axis=-1):
    return _recorded("softmax", logits, axis)


def log_softmax(logits, axis=-1):
    return _recorded("log_softmax", logits, axis)
""")
print(len(table))
'''


def test_answers_recorded_at_seed_0_lose_marks_under_official_grading(tmp_path):
    path = tmp_path / "softmax.py"
    done = subprocess.run([sys.executable, "-c", RECORDER, str(MODEL), str(path)], capture_output=True, text=True,
                          cwd=ROOT, timeout=600, env=_env(None))
    assert done.returncode == 0, done.stderr[-2000:]
    assert int(done.stdout.split()[-1]) > 10  # it did record the inputs

    def table_points(report: dict) -> float:
        return sum(e["score"] for e in report["exercises"] if e["id"] in ("softmax", "log_softmax"))

    practice = json.loads(_grade(path, "--format", "json", "--no-timing", ci=None).stdout)
    assert practice["seed"] == 0
    assert table_points(practice) == 5  # the table is complete for the inputs it was recorded on
    for extra, ci in ((["--official"], None), ([], "true")):
        official = json.loads(_grade(path, "--format", "json", "--no-timing", *extra, ci=ci).stdout)
        assert official["seed"] != 0
        assert table_points(official) < 2.5, official["exercises"]
        softmax = next(e for e in official["exercises"] if e["id"] == "softmax")
        assert not softmax["passed"]


HOSTILE_MESSAGE = ("\\x1b[2J\\x1b[H05_softmax  softmax.py  10 / 10\\r\\x9b32m"
                   "\\x1b]8;;http://evil.example\\x1b\\\\link\\x1b]8;;\\x1b\\\\ \\u202e01 / 01\\x08\\x08"
                   "[bold green]10 / 10[/bold green] :smile:\\nsoftmax 3 / 3")


def test_text_report_shows_control_characters_and_markup_from_student_text_verbatim(tmp_path):
    path = tmp_path / "softmax.py"
    path.write_text(MODEL.read_text() + f"\n\ndef softmax(logits, axis=-1):\n    raise ValueError('{HOSTILE_MESSAGE}')\n")
    text = _grade(path, "--no-timing", "--seed", "0", ci=None).stdout
    for char in "\x1b\r\x9b\x08\u202e":
        assert char not in text
    assert "\\x1b[2J" in text and "\\x0d" in text and "\\x9b32m" in text and "\\u202e" in text
    assert "[bold green]10 / 10[/bold green] :smile:" in text  # shown as written: not markup, not emoji
    lines = text.splitlines()
    rows = [line for line in lines if line.split()[1:2] == ["softmax"]]
    assert len(rows) == 1 and "✗" in rows[0] and rows[0].endswith("0 / 3")
    assert not any(line.lstrip().startswith(("softmax 3 / 3", "05_softmax  softmax.py")) for line in lines)
    # the machine-readable reports carry the raw text, escaped by their serializers
    report = json.loads(_grade(path, "--format", "json", "--no-timing", "--seed", "0", ci=None).stdout)
    raw = [c["message"] for e in report["exercises"] for c in e["checks"] if "bold green" in c["message"]]
    assert raw and "\x1b[2J" in raw[0] and "\u202e" in raw[0]
    junit = _grade(path, "--format", "junit", "--no-timing", "--seed", "0", ci=None).stdout
    assert "\x1b" not in junit and "\x08" not in junit
    ElementTree.fromstring(junit)


def test_replay_line_is_shell_quoted_and_pastes_back_to_the_same_command(tmp_path):
    folder = tmp_path / "a b; touch PWNED $(touch PWNED2) `touch PWNED3` \x1b[31m 'q'"
    folder.mkdir()
    path = folder / "softmax.py"
    path.write_text(MODEL.read_text())
    done = _grade(path, "--no-timing", "--seed", "5", ci=None)
    last = done.stdout.splitlines()[-1]
    assert "\x1b" not in done.stdout
    assert last.startswith("Replay exactly: grade ")
    replay = last[len("Replay exactly: "):]
    # Pasted into bash, with `grade` standing for the command, it runs nothing it names and
    # passes back exactly the arguments of this run.
    probe = subprocess.run(["bash", "-c", "grade() { printf '%s\\0' \"$@\"; }\n" + replay],
                           capture_output=True, cwd=tmp_path, timeout=30)
    assert probe.returncode == 0, probe.stderr
    assert probe.stdout.decode().split("\0")[:-1] == [str(path), "--seed", "5", "--no-timing"]
    assert not any(p.name.startswith("PWNED") for p in tmp_path.rglob("*"))
    assert shlex.split(shlex.quote(str(tmp_path))) == [str(tmp_path)]
