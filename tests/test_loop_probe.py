"""The timing checks' loop probe (`TimingCheck.loop_case`): a Python loop over the batch in a
timed function fails timing whatever the machine's speed, and vectorized code never does.
Deterministic (it counts lines of Python, it measures no time), so CI runs it on every
correct and slow variant of the assignments whose timed exercises have a probe."""

from __future__ import annotations

import pytest

from grader.checks import Context, TimingCheck
from grader.course import load_assignment
from grader.runner import Options, Session, with_job_gate
from grader.sandbox.host import Sandbox
from grader.submission import load_submission
from tests.submissions import MODEL_SOLUTIONS, variants

PROBED = ("02_backprop", "05_softmax", "06_attention")


def _probed(assignment):
    return [(e, c) for e in assignment.exercises for c in e.checks
            if isinstance(c, TimingCheck) and c.loop_case is not None]


_SANDBOXES: dict[bool, Sandbox] = {}


@pytest.fixture(scope="module", autouse=True)
def _close_sandboxes():
    yield
    for sandbox in _SANDBOXES.values():
        sandbox.close()
    _SANDBOXES.clear()


def _sandbox(torch: bool) -> Sandbox:
    if torch not in _SANDBOXES:
        _SANDBOXES[torch] = Sandbox(torch=torch)
        _SANDBOXES[torch].start()
    return _SANDBOXES[torch]


def loop_verdicts(assignment_id: str, file, names=None) -> dict[str, str | None]:
    """exercise -> the loop probe's failure message (None: no loop over the batch)."""
    assignment = load_assignment(assignment_id)
    verdicts = {}
    session = Session(assignment, load_submission(file), Options(seed=0), _sandbox(assignment.backend == "torch"))
    for exercise, timing in _probed(assignment):
        if names is not None and exercise.name not in names:
            continue
        checks = with_job_gate(list(exercise.all_checks()))
        session.budget_seconds = exercise.budget_seconds
        ctx = Context(session, exercise.name, exercise.budget_seconds, {c.name: c for c in checks})
        try:
            failure = timing._python_loop(ctx)
        finally:
            ctx.close()
        verdicts[exercise.name] = None if failure is None else failure.summary
    return verdicts


SUBMISSIONS = [s for s in variants(list(PROBED)) if s.kind in ("correct", "slow")]


@pytest.mark.parametrize("assignment_id", PROBED)
def test_the_model_runs_no_loop_over_the_batch(assignment_id):
    module = load_assignment(assignment_id).module
    verdicts = loop_verdicts(assignment_id, MODEL_SOLUTIONS / assignment_id / f"{module}.py")
    assert verdicts and all(v is None for v in verdicts.values()), verdicts


@pytest.mark.parametrize("submission", SUBMISSIONS, ids=[s.id for s in SUBMISSIONS])
def test_the_loop_probe_flags_exactly_the_slow_variants(submission, tmp_path):
    file = submission.place(tmp_path / "work")
    verdicts = loop_verdicts(submission.assignment_id, file)
    if submission.kind == "correct":
        assert all(v is None for v in verdicts.values()), verdicts
    else:
        named = {e.exercise for e in submission.expectations}
        assert all(verdicts[name] is not None and "Python loop over the batch" in verdicts[name]
                   for name in named if name in verdicts), verdicts
        assert all(v is None for name, v in verdicts.items() if name not in named), verdicts
