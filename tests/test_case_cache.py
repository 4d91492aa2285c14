"""The practice runs' case cache (grader/case_cache.py): a replay gives the report a search
without the cache gives, for right and wrong code alike; official grading neither reads nor
writes it; a cache file is data, never code, and a damaged one is a miss."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
import time
from pathlib import Path

import pytest

from grader.case_cache import CaseCache, fingerprint
from tests.conftest import ROOT
from tests.submissions import MODEL_SOLUTIONS, Submission, grade_in_process, variants

GRADE = [sys.executable, "-m", "grader.cli"]


def _comparable(report: dict) -> dict:
    """The report without what differs between two gradings of the same code (time, path)."""
    def strip(value):
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in ("seconds", "source")}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value
    return strip(report)


def _model(assignment_id: str) -> Submission:
    return Submission(_module_file(assignment_id), assignment_id, "correct", whole=True, full=True)


def _named(assignment_id: str, name: str) -> Submission:
    return next(s for s in variants([assignment_id]) if s.path.name == name)


def _module_file(assignment_id: str) -> Path:
    return next((MODEL_SOLUTIONS / assignment_id).glob("*.py"))


#: right code in another style, realistic bugs, and code that keeps state between calls (its
#: results depend on how many calls it saw: a replay that called it once more would show)
SAMPLE = [("01_activations", "sigmoid_piecewise.py"), ("01_activations", "tanh_sinh_over_cosh.py"),
          ("02_backprop", "relu_backward_inplace_dout.py"), ("03_optimizers", "b23_adam_global_step_counter.py"),
          ("03_optimizers", "b07_adam_step_not_stored.py"), ("04_convolution", None),
          ("05_softmax", None), ("06_attention", None)]


#: what CI's fixed sample grades (the suite must stay under 15 minutes on 2 cores)
IN_CI = {"sigmoid_piecewise.py", "b23_adam_global_step_counter.py", "red:stand_ins_regrade.py"}


def _sample_params():
    params = []
    for assignment_id, name in SAMPLE + [("05_softmax", "red:stand_ins_regrade.py"),
                                         ("05_softmax", "red:big_input_fast_path.py")]:
        if name is None:  # the first buggy variant of the assignment
            name = next(s.path.name for s in variants([assignment_id]) if s.kind == "buggy")
        params.append(pytest.param(assignment_id, name, id=f"{assignment_id}/{name}",
                                   marks=() if name in IN_CI else pytest.mark.full_only))
    return params


#: submissions the red team wrote against the cache (tests/case_cache/)
RED_TEAM = Path(__file__).resolve().parent / "case_cache"


def _red_team(name: str) -> Submission:
    return Submission(RED_TEAM / "05_softmax" / name, "05_softmax", "buggy")


@pytest.mark.parametrize(("assignment_id", "name"), _sample_params())
def test_a_replay_reports_what_a_search_without_the_cache_reports(assignment_id, name, tmp_path):
    cache = tmp_path / "cache"
    grade_in_process(_model(assignment_id), tmp_path / "model", case_cache=cache)  # keeps every search's cases
    assert list(cache.rglob("*.pickle")), "the model solution's passing searches were kept"
    submission = _red_team(name[4:]) if name.startswith("red:") else _named(assignment_id, name)
    without = grade_in_process(submission, tmp_path / "without", case_cache=None)
    replayed = grade_in_process(submission, tmp_path / "with", case_cache=cache)
    again = grade_in_process(submission, tmp_path / "again", case_cache=cache)
    assert _comparable(replayed) == _comparable(without)
    assert _comparable(again) == _comparable(without)


WRONG_AFTER_MANY_CALLS = '''
_calls = [0]


def relu(x):
    """Right for its first 10 calls, then wrong: a replay that called it more often, or in
    another order, than the search would, would show in the report."""
    _calls[0] += 1
    if _calls[0] > 10:
        return np.maximum(x, 0) * 1.5
    return np.maximum(x, 0)
'''


def test_code_that_changes_after_some_calls_gets_the_same_report_with_and_without_the_cache(tmp_path):
    model = _module_file("01_activations").read_text()
    folder = tmp_path / "submission"
    folder.mkdir()
    file = folder / "activations.py"
    file.write_text(model + WRONG_AFTER_MANY_CALLS)
    cache = tmp_path / "cache"
    common = ["--seed", "0", "--format", "json", "--examples", "0.35"]
    environment = {k: v for k, v in os.environ.items() if k != "CI"}
    model_run = subprocess.run(GRADE + [str(_module_file("01_activations")), *common], capture_output=True,
                               text=True, env={**environment, "GRADER_CACHE_DIR": str(cache)}, cwd=ROOT)
    assert model_run.returncode == 0, model_run.stderr
    runs = [subprocess.run(GRADE + [str(file), *common], capture_output=True, text=True, cwd=ROOT,
                           env={**environment, "GRADER_CACHE_DIR": where}) for where in ("off", str(cache))]
    reports = [_comparable(json.loads(run.stdout)) for run in runs]
    relu = next(e for e in reports[0]["exercises"] if e["id"] == "relu")
    assert not relu["passed"], "the change after 10 calls is found"
    assert reports[1] == reports[0]


def _grade_cli(file: Path, cache: Path, *extra: str, ci: bool = False) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k != "CI"}
    environment["GRADER_CACHE_DIR"] = str(cache)
    if ci:
        environment["CI"] = "true"
    return subprocess.run(GRADE + [str(file), "--format", "json", "--examples", "0.2", *extra],
                          capture_output=True, text=True, env=environment, cwd=ROOT)


@pytest.mark.parametrize("how", [pytest.param(("--official",), id="official", marks=pytest.mark.full_only),
                                 pytest.param(("--format", "gradescope"), id="gradescope", marks=pytest.mark.full_only),
                                 pytest.param(("CI=true",), id="ci"),
                                 pytest.param(("--also", "gradescope=results.json"), id="also-gradescope")])
def test_official_grading_neither_reads_nor_writes_the_cache(how, tmp_path):
    cache = tmp_path / "cache"
    file = _module_file("05_softmax")
    extra = [word.replace("results.json", str(tmp_path / "results.json")) for word in how if word != "CI=true"]
    if "--format" in extra:
        extra = ["--seed", "0", "--format", "gradescope"]
        done = subprocess.run(GRADE + [str(file), "--examples", "0.2", *extra], capture_output=True, text=True,
                              env={**{k: v for k, v in os.environ.items() if k != "CI"},
                                   "GRADER_CACHE_DIR": str(cache)}, cwd=ROOT)
    else:
        done = _grade_cli(file, cache, "--seed", "0", *extra, ci="CI=true" in how)
    assert done.returncode == 0, done.stderr
    assert not cache.exists() or not list(cache.rglob("*.pickle"))
    practice = _grade_cli(file, cache, "--seed", "0")
    assert practice.returncode == 0, practice.stderr
    assert list(cache.rglob("*.pickle")), "a practice run keeps its cases"


class _RunsCode:
    """Unpickling this calls `os.system`: what a planted cache file would try."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def _cache_file(cache: Path, assignment_id: str, seed: int = 0, factor: float = 0.2) -> Path:
    return CaseCache.for_run(cache, assignment_id, seed, factor).path


@pytest.mark.parametrize("planted", ["whole_file", "one_case"])
def test_a_planted_cache_file_runs_no_code_and_counts_as_a_miss(planted, tmp_path):
    cache, marker = tmp_path / "cache", tmp_path / "ran"
    file = _module_file("05_softmax")
    honest = _grade_cli(file, tmp_path / "honest", "--seed", "0")
    target = _cache_file(cache, "05_softmax")
    target.parent.mkdir(parents=True)
    hostile = pickle.dumps(_RunsCode(marker))
    if planted == "whole_file":
        target.write_bytes(hostile)
    else:  # a kept entry whose cases are all the hostile object, under every key the run uses
        kept = CaseCache(_cache_file(tmp_path / "honest", "05_softmax"))._kept
        assert kept, "the honest run kept its cases"
        target.write_bytes(pickle.dumps([(key, [hostile] * len(blobs)) for key, blobs in kept.items()]))
    target.chmod(0o600)
    done = _grade_cli(file, cache, "--seed", "0")
    assert done.returncode == 0, done.stderr
    assert not marker.exists(), "the cache file ran code"
    assert _comparable(json.loads(done.stdout)) == _comparable(json.loads(honest.stdout))


def test_a_damaged_cache_file_is_a_miss_and_is_written_again(tmp_path):
    cache = tmp_path / "cache"
    file = _module_file("05_softmax")
    first = _grade_cli(file, cache, "--seed", "0")
    path = _cache_file(cache, "05_softmax")
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])  # cut in the middle
    second = _grade_cli(file, cache, "--seed", "0")
    assert second.returncode == 0 and second.stderr == "", second.stderr
    assert _comparable(json.loads(second.stdout)) == _comparable(json.loads(first.stdout))
    assert CaseCache(path)._kept, "the file was written again, whole"


def test_the_cache_is_kept_per_grader_version_seed_and_share_of_examples(tmp_path):
    path = _cache_file(tmp_path, "05_softmax", seed=7, factor=0.5)
    assert path.parent.name == fingerprint()
    assert path.name == "05_softmax-seed7-x0.5.pickle"
    assert _cache_file(tmp_path, "05_softmax", seed=8, factor=0.5) != path


def test_a_cache_file_others_may_write_is_not_read(tmp_path):
    """As ssh treats its keys: a file another user could have written (or a folder shared with
    others) counts as a miss, and is written again, this user's own."""
    cache = tmp_path / "cache"
    file = _module_file("05_softmax")
    first = _grade_cli(file, cache, "--seed", "0")
    path = _cache_file(cache, "05_softmax")
    path.chmod(0o666)
    second = _grade_cli(file, cache, "--seed", "0")
    assert second.returncode == 0, second.stderr
    assert path.stat().st_mode & 0o777 == 0o600, "the foreign file was not used: it was written again"
    assert _comparable(json.loads(second.stdout)) == _comparable(json.loads(first.stdout))


def test_a_pipe_where_the_cache_file_should_be_is_not_waited_on(tmp_path):
    cache = tmp_path / "cache"
    path = _cache_file(cache, "05_softmax")
    path.parent.mkdir(parents=True)
    os.mkfifo(path)
    done = subprocess.run(GRADE + [str(_module_file("05_softmax")), "--format", "json", "--seed", "0",
                                   "--examples", "0.2"], capture_output=True, text=True, cwd=ROOT, timeout=300,
                          env={**{k: v for k, v in os.environ.items() if k != "CI"}, "GRADER_CACHE_DIR": str(cache)})
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["score"] == json.loads(done.stdout)["max_score"]


def test_only_old_grader_versions_cache_folders_are_removed(tmp_path):
    cache = tmp_path / "cache"
    old = time.time() - 40 * 24 * 3600
    thesis = cache / "my_thesis"
    thesis.mkdir(parents=True)
    (thesis / "chapter1.tex").write_text("precious")
    cases = cache / "cases"
    stale = cases / ("a" * 20)
    foreign = cases / ("b" * 20)
    recent = cases / ("c" * 20)
    for folder in (stale, foreign, recent):
        folder.mkdir(parents=True)
        (folder / "01_activations-seed0-x1.pickle").write_bytes(b"old")
    (foreign / "notes.txt").write_text("not the grader's")
    for folder in (thesis, stale, foreign):
        os.utime(folder, (old, old))
    done = _grade_cli(_module_file("05_softmax"), cache, "--seed", "0")
    assert done.returncode == 0, done.stderr
    assert (thesis / "chapter1.tex").read_text() == "precious"
    assert not stale.exists(), "an old version's folder of cache files is removed"
    assert (foreign / "notes.txt").exists() and recent.exists()


LOCAL_NUMBERS = """
import sys
sys.path.insert(0, sys.argv[1])
from grader.checks import draw_cases
from grader.course import load_assignment
check = next(c for c in load_assignment("05_softmax").exercises[0].all_checks() if c.name == "matches_reference")
before = [case.code("f") for case in draw_cases(check.cases, 100, 1234)]
import manynumbers  # a local module (not installed) full of numbers the strategy may draw
after = [case.code("f") for case in draw_cases(check.cases, 100, 1234)]
print("same" if before == after else "different")
"""


def test_cases_do_not_depend_on_which_local_modules_are_loaded(tmp_path):
    """Hypothesis draws numbers written in "local" modules' source now and then; the grader's
    cases must depend on the seed alone, not on what the process imported (a course or one
    file, the stand-ins, the test suite): so a kept case is what a search would draw."""
    numbers = ", ".join(f"{i * 0.0371 + 0.013:.4f}" for i in range(250))
    (tmp_path / "manynumbers.py").write_text(f"X = [{numbers}]\nY = [1, 2, 3, 4, 5, 7, 11]\n")
    done = subprocess.run([sys.executable, "-c", LOCAL_NUMBERS, str(tmp_path)], capture_output=True, text=True,
                          cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "same"


def test_a_course_run_s_kept_cases_are_what_a_run_of_one_file_draws(tmp_path):
    """The red team's course-then-file attack: a course run (every assignment's grader and
    reference loaded in one process) keeps its cases; a wrong softmax graded alone then gets the
    report it gets without the cache."""
    course = tmp_path / "course"
    for assignment_id in ("01_activations", "05_softmax"):
        (course / assignment_id).mkdir(parents=True)
        (course / assignment_id / _module_file(assignment_id).name).write_text(_module_file(assignment_id).read_text())
    cache = tmp_path / "cache"
    run = _grade_cli(course, cache, "--seed", "0", "--jobs", "1")
    assert run.returncode == 0, run.stderr
    wrong = RED_TEAM / "05_softmax" / "big_input_fast_path.py"
    folder = tmp_path / "alone"
    folder.mkdir()
    (folder / "softmax.py").write_text(_module_file("05_softmax").read_text() + "\n\n" + wrong.read_text())
    reports = [_comparable(json.loads(_grade_cli(folder / "softmax.py", where, "--seed", "0").stdout))
               for where in (tmp_path / "empty", cache)]
    assert reports[1] == reports[0]


def test_a_kept_case_too_big_to_copy_is_a_miss(tmp_path):
    """The red team's 434-byte case: one tuple shared by both halves of another, 60 times over
    (2**60 values once copied), under every key: a miss, graded as without the cache."""
    import numpy as np

    from grader.checks import Case

    cache = tmp_path / "cache"
    file = _module_file("05_softmax")
    honest = _grade_cli(file, cache, "--seed", "0")
    path = _cache_file(cache, "05_softmax")
    nested: object = np.zeros(2, dtype=np.float32)
    for _ in range(60):
        nested = (nested, nested)
    huge = pickle.dumps(Case((nested,)))
    kept = CaseCache(path)._kept
    path.write_bytes(pickle.dumps([(key, [huge] * len(blobs)) for key, blobs in kept.items()]))
    path.chmod(0o600)
    done = subprocess.run(GRADE + [str(file), "--format", "json", "--seed", "0", "--examples", "0.2"],
                          capture_output=True, text=True, cwd=ROOT, timeout=120,
                          env={**{k: v for k, v in os.environ.items() if k != "CI"}, "GRADER_CACHE_DIR": str(cache)})
    assert done.returncode == 0, done.stderr
    assert _comparable(json.loads(done.stdout)) == _comparable(json.loads(honest.stdout))
