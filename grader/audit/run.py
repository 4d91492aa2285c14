"""Running an audit: every mutant of a model solution graded with the course's checks.

    report = audit(["05_softmax"], jobs=2)

For each assignment: the model solution is graded first (it must get full marks, or the audit
means nothing); then each mutant (`grader.audit.operators`) is graded exactly as `grade` would
grade a student's file, in the same sandbox, with the same checks, restricted to the exercises
the mutated function can change. A mutant that loses marks anywhere there is *killed*. One
that gets full marks is compared with the model on many inputs (`grader.audit.equivalence`):
*equivalent* when nothing tells them apart, else *surviving*, a mistake the checks miss.
A `python_loop` mutant keeps every value by construction, so it is never equivalent: only a
timing check can kill it. Mutants are graded in parallel, one process per job, each with its
own sandboxes.
"""

from __future__ import annotations

import concurrent.futures
import multiprocessing
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from grader.audit.operators import Mutant, mutants

ROOT = Path(__file__).resolve().parent.parent.parent
MODEL_SOLUTIONS = ROOT / "tests" / "model_solutions"


@dataclass
class MutantOutcome:
    """What became of one mutant: `status` is killed, equivalent, surviving or error."""

    mutant: Mutant
    status: str
    #: for a killed mutant, the first check that failed ("exercise.check"); for an equivalent
    #: one, how many calls were compared; for a surviving one, where it differs from the model
    detail: str = ""
    seconds: float = 0.0


@dataclass
class AssignmentAudit:
    assignment: str
    model_full_marks: bool
    model_problems: list[str] = field(default_factory=list)
    outcomes: list[MutantOutcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)


@dataclass
class AuditReport:
    assignments: list[AssignmentAudit]
    seconds: float = 0.0

    def count(self, status: str) -> int:
        return sum(a.count(status) for a in self.assignments)

    @property
    def generated(self) -> int:
        return sum(len(a.outcomes) for a in self.assignments)

    @property
    def clean(self) -> bool:
        """No surviving mutant, no error, every model solution at full marks."""
        return all(a.model_full_marks for a in self.assignments) and not self.count("surviving") \
            and not self.count("error")


@dataclass(frozen=True)
class Settings:
    """How each mutant is graded. `examples_factor` as `grade --examples`; shrinking a failure
    to its smallest call does not change whether it fails, so it is cut short."""

    seed: int = 0
    examples_factor: float = 1.0
    timing: bool = True
    shrink_seconds: float = 0.25
    draws: int = 200


# ---------------------------------------------------------------------------- what to mutate


def load_target(ref: str):
    """The `Assignment` an audit target names: a course assignment id (05_softmax), or
    "package.module:NAME" for an assignment declared elsewhere (a course's own, a test's).
    Worker processes load it again by this name, so it must be importable there."""
    import importlib

    from grader.course import ASSIGNMENTS, load_assignment

    if ref in ASSIGNMENTS:
        return load_assignment(ref)
    module, _, name = ref.partition(":")
    return getattr(importlib.import_module(module), name or "ASSIGNMENT")


def _torch(ref: str) -> bool:
    return load_target(ref).backend == "torch"


def model_source(assignment_id: str, solutions: Path = MODEL_SOLUTIONS) -> str:
    """The model solution: `solutions`/<the assignment's id>/<its module>.py."""
    assignment = load_target(assignment_id)
    return (solutions / assignment.id / f"{assignment.module}.py").read_text()


def timed_functions(assignment_id: str, source: str) -> frozenset[str]:
    """The exercises with a timing check, and every function of `source` they call."""
    from grader.analysis import analyse

    assignment = load_target(assignment_id)
    static = analyse(source, assignment.banned)
    timed = {e.name for e in assignment.exercises if any(c.name == "timing" for c in e.all_checks())}
    return frozenset(timed.union(*(static.reaches(name) for name in timed)) if timed else timed)


def affected_exercises(assignment_id: str, source: str, function: str,
                       within: frozenset[str] | None = None) -> tuple[str, ...]:
    """The exercises whose grade a change to `function` can change: itself, and those that call
    it (directly or through helpers); only those in `within` when it is given."""
    from grader.analysis import analyse

    assignment = load_target(assignment_id)
    static = analyse(source, assignment.banned)
    names = [e.name for e in assignment.exercises
             if (e.name == function or function in static.reaches(e.name)) and (within is None or e.name in within)]
    return tuple(names)


def assignment_mutants(assignment_id: str, source: str, exercise: str | None = None) -> list[Mutant]:
    """The mutants of one assignment's model solution, each with the exercises it can change.
    With `exercise`, only the functions that exercise runs are mutated, and only it is graded."""
    from dataclasses import replace

    from grader.analysis import analyse

    assignment = load_target(assignment_id)
    functions = None
    if exercise is not None:
        functions = frozenset({exercise} | analyse(source, assignment.banned).reaches(exercise))
    found = mutants(source, filename=f"{assignment.module}.py",
                    backend=assignment.backend,
                    timed=timed_functions(assignment_id, source), functions=functions)
    within = frozenset({exercise}) if exercise is not None else None
    placed = [replace(m, exercises=affected_exercises(assignment_id, source, m.function, within)) for m in found]
    return [m for m in placed if m.exercises]  # a helper no exercise calls changes no grade


def sample(found: list[Mutant], size: int) -> list[Mutant]:
    """A fixed sample of `size` mutants, spread evenly over the list (the same every run)."""
    if size <= 0 or size >= len(found):
        return found
    step = len(found) / size
    return [found[int(i * step)] for i in range(size)]


# ---------------------------------------------------------------------------- grading, in workers

_SANDBOXES: dict[bool, object] = {}


def _start_worker() -> None:
    import atexit

    import torch

    torch.set_num_threads(1)
    atexit.register(_close_sandboxes)


def _close_sandboxes() -> None:
    for sandbox in _SANDBOXES.values():
        sandbox.close()
    _SANDBOXES.clear()


def _sandbox(torch_backend: bool):
    from grader.sandbox.host import Sandbox

    if torch_backend not in _SANDBOXES:
        sandbox = Sandbox(torch=torch_backend)
        sandbox.start()
        _SANDBOXES[torch_backend] = sandbox
    return _SANDBOXES[torch_backend]


def grade_source(assignment_id: str, source: str, exercises: Sequence[str] | None, settings: Settings) -> dict:
    """The JSON report (as `grade --format json` prints it) of `source` handed in as the
    assignment's module, graded in this process's sandbox, only `exercises` (None: all)."""
    import json

    from grader.report import to_json
    from grader.runner import Options, grade
    from grader.submission import Submission

    assignment = load_target(assignment_id)
    filename = f"{assignment.module}.py"
    options = Options(seed=settings.seed, device="cpu", timing=settings.timing,
                      examples_factor=settings.examples_factor, shrink_seconds=settings.shrink_seconds,
                      only=None if exercises is None else frozenset(exercises))
    result = grade(assignment, Submission(Path(filename), source, filename), options,
                   _sandbox(assignment.backend == "torch"))
    return json.loads(to_json([result]))


def lost_marks(report: dict) -> list[str]:
    """'exercise.check' for each check that lost marks in a JSON report."""
    lost = []
    for exercise in report["exercises"]:
        if exercise["score"] < exercise["max_score"]:
            failed = [c["name"] for c in exercise["checks"] if not c["passed"]] or ["?"]
            lost.append(f"{exercise['id']}.{failed[0]}")
    return lost


def judge_mutant(assignment_id: str, model: str, mutant: Mutant, settings: Settings) -> MutantOutcome:
    """Grade `mutant`; if it gets full marks, compare it with the model (equivalent or surviving)."""
    from grader.audit.equivalence import compare

    started = time.perf_counter()
    try:
        lost = lost_marks(grade_source(assignment_id, mutant.source, mutant.exercises, settings))
        if _timing_only(lost) and not mutant.keeps_values:
            # a timing verdict on a mistake that changes values, not speed: measured again, as a
            # busy machine (the audit's own jobs included) can slow one run
            lost = lost_marks(grade_source(assignment_id, mutant.source, mutant.exercises, settings))
        if lost:
            return MutantOutcome(mutant, "killed", ", ".join(lost), time.perf_counter() - started)
        if mutant.keeps_values:
            return MutantOutcome(mutant, "surviving", "same values by construction, and within the time limit",
                                 time.perf_counter() - started)
        verdict = compare(load_target(assignment_id), mutant.exercises, model, mutant.source,
                          _sandbox(_torch(assignment_id)), seed=settings.seed, draws=settings.draws)
        status = "equivalent" if verdict.equivalent else "surviving"
        detail = f"same results on {verdict.calls} calls" if verdict.equivalent else verdict.witness
        return MutantOutcome(mutant, status, detail, time.perf_counter() - started)
    except Exception as error:  # noqa: BLE001 - one mutant the grader cannot handle is reported, not fatal
        return MutantOutcome(mutant, "error", f"{type(error).__name__}: {error}"[:400], time.perf_counter() - started)


def _timing_only(lost: list[str]) -> bool:
    return bool(lost) and all(item.endswith(".timing") for item in lost)


def _judge_model(assignment_id: str, model: str, settings: Settings) -> list[str]:
    """What the model solution loses (nothing, normally); a timing verdict is measured again."""
    try:
        lost = lost_marks(grade_source(assignment_id, model, None, settings))
        if _timing_only(lost):
            lost = lost_marks(grade_source(assignment_id, model, None, settings))
        return lost
    except Exception as error:  # noqa: BLE001
        return [f"grading failed: {type(error).__name__}: {error}"]


# ---------------------------------------------------------------------------- the audit


def audit(targets: Sequence[tuple[str, str | None]], *, jobs: int = 2, settings: Settings = Settings(),
          sample_size: int = 0, operators: Sequence[str] = (), solutions: Path = MODEL_SOLUTIONS,
          progress: Callable[[MutantOutcome], None] | None = None) -> AuditReport:
    """Audit each (assignment id, exercise or None) in `targets`.

    `sample_size` > 0 grades a fixed sample of that many mutants per target; `operators`
    keeps only mutants of those operators. `progress` is told each outcome as it comes.
    Runs `jobs` processes (spawned, each with its own sandboxes)."""
    started = time.perf_counter()
    plans = []
    for assignment_id, exercise in targets:
        source = model_source(assignment_id, solutions)
        found = assignment_mutants(assignment_id, source, exercise)
        if operators:
            found = [m for m in found if m.operator in operators]
        plans.append((assignment_id, exercise, source, sample(found, sample_size)))
    report = AuditReport([])
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(max_workers=max(1, jobs), mp_context=context,
                                                initializer=_start_worker) as pool:
        models = {(a, e): pool.submit(_judge_model, a, source, settings) for a, e, source, _ in plans}
        pending = {}
        for assignment_id, exercise, source, found in plans:
            for mutant in found:
                pending[pool.submit(judge_mutant, assignment_id, source, mutant, settings)] = (assignment_id, exercise)
        audits = {}
        for assignment_id, exercise, _, _ in plans:
            problems = models[(assignment_id, exercise)].result()
            if exercise is not None:
                problems = [p for p in problems if p.split(".")[0] == exercise]
            audits[(assignment_id, exercise)] = AssignmentAudit(
                assignment_id if exercise is None else f"{assignment_id}/{exercise}", not problems, problems)
        for future in concurrent.futures.as_completed(pending):
            outcome = future.result()
            audits[pending[future]].outcomes.append(outcome)
            if progress is not None:
                progress(outcome)
    for assignment_id, exercise, _, found in plans:
        entry = audits[(assignment_id, exercise)]
        position = {m.id: i for i, m in enumerate(found)}
        entry.outcomes.sort(key=lambda outcome: position[outcome.mutant.id])
        report.assignments.append(entry)
    report.seconds = time.perf_counter() - started
    return report
