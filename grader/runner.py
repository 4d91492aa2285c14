"""Grading one submission of one assignment: exercises in order, checks in order.

Data flows one way: submission -> sandboxed worker -> returned values -> checks (with the
reference, here in the grader's process) -> results. Each exercise gets its own worker (and a
fresh one after a crash), its own time budget, and its own seeds, so nothing one exercise does
can change another's score.
"""

from __future__ import annotations

import ast
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from grader.analysis import analyse
from grader.case_cache import CaseCache
from grader.helper_modules import Helpers, helper_modules
from grader.i18n import N_, _, ngettext
from grader.words import where_words
from grader.checks import (GATES, JOB, VALUE_CHECKS, Abort, Check, Context, DoesTheJob, PropertyCheck,
                           weights_to_points)
from grader.results import AssignmentResult, CheckResult, ExerciseResult, Failure
from grader.sandbox.host import CallResult, Limits, Sandbox, WorkerHandle
from grader.spec import Assignment, Exercise
from grader.submission import Submission

PASS_MESSAGES = {
    "implemented": N_("implemented"),
    "allowed_apis": N_("uses only allowed libraries"),
    JOB: N_("does its job (its results are computed, not zeros, its input or a constant)"),
    "matches_reference": N_("matches the reference on generated inputs"),
    "stable": N_("stable: finite, correct and warning-free for extreme inputs"),
    "keeps_dtype": N_("keeps the input's dtype"),
    "inputs_unchanged": N_("leaves its inputs unchanged"),
    "gradient": N_("gradient matches central differences"),
    "restores_input": N_("leaves x exactly as it found it"),
    "raises_value_error": N_("raises ValueError where it should"),
    "state": N_("carries its state between calls"),
    "keeps_device": N_("keeps the inputs' device"),
    "differentiable": N_("autograd gradients match the reference"),
    "timing": N_("within the time limit"),
}


@dataclass
class Options:
    seed: int = 0
    device: str = "cpu"
    timing: bool = True
    limits: Limits = field(default_factory=Limits)
    shrink_seconds: float = 4.0
    #: multiplies every check's number of generated examples (explicit examples always run);
    #: below 1 only for quick runs such as the grader's own test suite
    examples_factor: float = 1.0
    isolate: bool = True
    #: grade only these exercises (and, unseen, the functions they call, for the one-mistake
    #: rule); None grades them all
    only: frozenset[str] | None = None
    #: records every request the checks send (`grader.recording`), to make the student copy
    recorder: Any = None
    #: the language of the messages where grading runs in another process (a pool process, a
    #: Dask worker: `parallel.grade_job` applies it); in this process, `grader.i18n.current()`
    language: str = "en"
    #: practice runs: the folder where passing searches keep their cases (`grader.case_cache`);
    #: None (official grading) neither reads nor writes one
    case_cache: Path | None = None


class Session:
    """One submission being graded: what checks need besides the exercise itself."""

    def __init__(self, assignment: Assignment, submission: Submission, options: Options,
                 sandbox: Sandbox) -> None:
        self.assignment = assignment
        self.assignment_id = assignment.id
        self.submission = submission
        self.seed = options.seed
        self.device = options.device
        self.limits = options.limits
        self.shrink_seconds = options.shrink_seconds
        self.examples_factor = options.examples_factor
        self.sandbox = sandbox
        if submission.helpers is not None:  # read already, on the machine that holds the files
            self.helpers = submission.helpers
        else:
            self.helpers = helper_modules(submission.helper_folder, submission.source, assignment.module) \
                if submission.helper_folder is not None else Helpers()
        self.readable = readable_code(submission)
        self.static = analyse(self.readable.code, assignment.banned, self.helpers)
        #: a notebook's cells that raised when run, as one line each (the others ran)
        self.cell_errors: list[str] | None = None
        self.banned_uses = self.static.banned_uses
        self.load_error: Failure | None = None
        self.budget_seconds = 0.0
        #: while an exercise is graded again with stand-ins for what it calls (see `stand_ins`)
        self.stand_ins: Any = None
        self.recorder = options.recorder
        self.case_cache = CaseCache.for_run(options.case_cache, assignment.id, options.seed, options.examples_factor) \
            if options.case_cache is not None and options.recorder is None and not assignment.recorded else None
        if self.readable.syntax_error:
            self.load_error = Failure(_("no cell of your notebook can be read by Python ({error}), "
                                        "so nothing in it can run").format(error=self.readable.syntax_error),
                                      hint=_("fix the syntax error the cell's line names, then grade again"))
        elif self.static.syntax_error:
            self.load_error = Failure(_("your file has a syntax error ({error}), "
                                        "so nothing in it can run").format(error=self.static.syntax_error),
                                      hint=_("run `python yourfile.py` to see the error, fix it, grade again"))
        elif not self.static.has_code:
            self.load_error = Failure(_("the file is empty: it holds no code, so none of the assignment's "
                                        "functions are there"),
                                      hint=_("start from the stub {stub} and fill in its functions").format(
                                          stub=f"assignments/{assignment.id}/{assignment.module}.py"))

    def new_worker(self) -> WorkerHandle:
        """A fresh worker with the submission imported (or `load_error` set to say why not).

        An import that hangs or kills its process is tried once more in a fresh worker before
        it counts: on a saturated machine a slow start must not cost a student marks, while
        code that really hangs or dies at import fails both times.
        """
        worker = self._spawn()
        if self.load_error is not None:
            return worker
        result = self._load(worker)
        if result.failure is not None:
            worker.close()
            worker = self._spawn()
            result = self._load(worker)
        if result.failure is not None:
            self.load_error = Failure(_("importing your file did not finish: {why}").format(why=result.failure),
                                      hint=_("code at the top level of your file runs when it is imported; "
                                             "keep tests and experiments under `if __name__ == '__main__':`"))
        elif result.error is not None:
            where = f" ({where_words(result.error['where'])})" if result.error["where"] else ""
            missing = re.fullmatch(r"No module named '([\w.]+)'", result.error["message"])
            left_out = self.helpers.why_left_out(missing.group(1)) if missing else None
            if result.error["type"] == "ModuleNotFoundError" and left_out:
                hint = _("your helper `{module}` was handed in but could not be used: {why}").format(
                    module=missing.group(1), why=left_out)
            elif result.error["type"] == "ModuleNotFoundError" and missing:
                hint = _("`{module}` is neither a library the grader has nor a module handed in "
                         "beside your file: make the file self-contained (copy the helper's code into it), "
                         "or hand in the helper too, in the same folder "
                         "({file}, or a folder of that name with its modules)").format(
                    module=missing.group(1), file=f"{missing.group(1).replace('.', '/')}.py")
            else:
                hint = _("code at the top level of your file runs when it is imported; "
                         "keep tests and experiments under `if __name__ == '__main__':`")
            self.load_error = Failure(
                _("importing your file failed: {error}{where}").format(
                    error=f"{result.error['type']}: {result.error['message']}", where=where), hint=hint)
        return worker

    def _spawn(self) -> WorkerHandle:
        worker = self.sandbox.spawn()
        return self.recorder.wrap(worker) if self.recorder is not None else worker

    def _load(self, worker: WorkerHandle) -> CallResult:
        result = worker.load(self.submission.source, self.submission.filename, self.assignment.module,
                             tuple(sorted(self.assignment.banned.modules)), self.assignment.banned.runtime_words,
                             self.helpers, self.readable.cells)
        if result.ok and self.readable.cells and self.cell_errors is None:
            self.cell_errors = [_cell_error(e) for e in result.value or [] if isinstance(e, dict)]
        return result

    def synchronize(self) -> None:
        if self.device.startswith("cuda"):
            import torch

            torch.cuda.synchronize()


@dataclass
class ReadableCode:
    """What of a submission is analysed and run: a file's source, or a notebook's cells that
    Python can parse (`code`, joined) and the cells to run (`cells`: those plus the ones with a
    syntax error, which fail alone when run, as in Jupyter; a cell nested too deeply for the
    parser is neither analysed nor run, and `notices` says so). `syntax_error`: the first
    cell's error when no cell parses at all."""

    code: str
    cells: tuple[tuple[int, str], ...] = ()
    notices: list[str] = field(default_factory=list)
    syntax_error: str | None = None


def readable_code(submission: Submission) -> ReadableCode:
    if not submission.cells:
        return ReadableCode(submission.source)
    good, run, notices, first_error = [], [], [], None
    for number, code in submission.cells:
        try:
            ast.parse(code)
        except SyntaxError as error:
            run.append((number, code))
            first_error = first_error or _("cell {cell}, line {line}: {error}").format(cell=number, line=error.lineno,
                                                                                        error=error.msg)
            continue
        except (ValueError, RecursionError, MemoryError):
            notices.append(_("cell {cell} is nested too deeply (or holds a null byte) for Python to read: "
                             "it was not run; split its expressions into smaller statements").format(cell=number))
            continue
        good.append(f"# cell {number}\n{code}")
        run.append((number, code))
    code = "\n\n".join(good) + "\n"
    return ReadableCode(code, tuple(run), notices, first_error if not good else None)


def _cell_error(error: dict) -> str:
    where = str(error.get("where", ""))
    where = f" ({where_words(where)})" if where else ""
    text = f"{error.get('type', '?')}: {error.get('message', '')}"[:300]
    return _("cell {cell} raised {error}{where}; the cells after it ran, "
             "and only what depends on it is lost").format(cell=error.get('cell', '?'), error=text, where=where)


def _check_result(name: str, points: float, failure: Failure | None) -> CheckResult:
    if failure is None:
        return CheckResult(name, True, points, points, _(PASS_MESSAGES[name]) if name in PASS_MESSAGES else _("passed"))
    earned = round(points * min(max(float(failure.credit), 0.0), 1.0), 4)
    return CheckResult(name, False, earned, points, failure.one_line(), failure)


def with_job_gate(checks: list[Check]) -> list[Check]:
    """`checks` with the job gate (the exercise's own, else the default one) right after the
    values check, before every property check that needs it (syllabus: property checks give
    nothing to a function that does not do the job at all). No values check, no gate."""
    values = next((i for i, c in enumerate(checks) if isinstance(c, PropertyCheck) and c.name in VALUE_CHECKS), None)
    if values is None:
        return checks
    gate = next((c for c in checks if c.name == JOB), DoesTheJob(values=checks[values].name))
    rest = [c for c in checks if c.name != JOB]
    at = rest.index(checks[values]) + 1
    return rest[:at] + [gate] + rest[at:]


def requirements(check: Check, checks: list[Check]) -> tuple[str, ...]:
    """What `check` needs to pass first: what it declares, and the job gate for every check that
    is neither a gate nor a values check."""
    gated = check.name not in GATES and check.name != JOB and check.name not in VALUE_CHECKS
    if gated and any(c.name == JOB for c in checks) and JOB not in check.requires:
        return tuple(check.requires) + (JOB,)
    return tuple(check.requires)


def _revoke(result: ExerciseResult, outcome: dict[str, bool], by: str, failure: Failure) -> None:
    """Fail the checks `failure` proves wrong after they passed (a wrong result on a timing input
    revokes matches_reference); the message says where it showed."""
    for index, earlier in enumerate(result.checks):
        if earlier.name in failure.revokes and earlier.passed:
            revoked = Failure(_("{summary} (found by `{check}`)").format(summary=failure.summary, check=by),
                              call=failure.call, diagnosis=failure.diagnosis, hint=failure.hint)
            result.checks[index] = _check_result(earlier.name, earlier.max_points, revoked)
            outcome[earlier.name] = False


def grade_exercise(session: Session, exercise: Exercise, timing: bool = True) -> ExerciseResult:
    checks = with_job_gate([c for c in exercise.all_checks() if timing or c.name != "timing"])
    points = weights_to_points(checks, exercise.points)
    session.budget_seconds = exercise.budget_seconds
    ctx = Context(session, exercise.name, exercise.budget_seconds, {c.name: c for c in checks})
    result = ExerciseResult(exercise.name, float(exercise.points))
    outcome: dict[str, bool] = {}
    try:
        for check, share in zip(checks, points):
            unmet = [r for r in requirements(check, checks) if outcome.get(r) is False]
            if session.load_error is not None:
                failure = session.load_error
            elif unmet:
                failure = Failure(_("not run: needs `{check}` to pass first").format(check=unmet[0]), waits_for=unmet[0])
            else:
                if session.recorder is not None:
                    session.recorder.begin(exercise.name, check)
                try:
                    failure = check.run(ctx)
                except Abort as abort:
                    failure = abort.failure
                except Exception as error:  # noqa: BLE001 - a grader bug must not sink the report
                    failure = Failure(_("the grader could not run this check ({error})").format(
                        error=f"{type(error).__name__}: {error}")[:400],
                                      grader_error=True)
                if failure is None and session.load_error is not None:
                    failure = session.load_error
            outcome[check.name] = failure is None
            result.checks.append(_check_result(check.name, share, failure))
            if failure is not None and failure.revokes:
                _revoke(result, outcome, check.name, failure)
    finally:
        ctx.close()
    _withhold_until_values_are_right(result, outcome)
    return result


#: checks run even when the values are wrong, so a second bug (an in-place update, a float64
#: buffer) shows at once; their points count only once the values are right (a plain SGD
#: handed in as Adam earns nothing for leaving its inputs alone)
SHOWN_BEFORE_VALUES = frozenset({"keeps_dtype", "inputs_unchanged"})


def _withhold_until_values_are_right(result: ExerciseResult, outcome: dict[str, bool]) -> None:
    if not any(outcome.get(name) is False for name in VALUE_CHECKS):
        return
    for index, check in enumerate(result.checks):
        if check.name in SHOWN_BEFORE_VALUES and check.passed and check.points:
            result.checks[index] = CheckResult(check.name, True, 0.0, check.max_points,
                                               _("{message} (its points count once the values are right)").format(
                                                   message=check.message))


def _names(names: list[str]) -> str:
    quoted = [f"`{n}`" for n in names]
    return quoted[0] if len(quoted) == 1 else _("{names} and {last}").format(names=", ".join(quoted[:-1]),
                                                                            last=quoted[-1])


def judged_as_if_callees_were_right(session: Session, exercise: Exercise, results: list[ExerciseResult],
                                    timing: bool) -> ExerciseResult:
    """The syllabus's "one mistake costs one exercise": an exercise that lost points and calls
    functions of the file that fail their own checks is graded again with the grader's
    stand-ins for them; the better of the two results counts, with a note naming the callees.
    Unchanged when it calls none of them (the static reach of its code, then the calls made)."""
    result = next(r for r in results if r.id == exercise.name)
    if result.passed or session.load_error is not None or session.assignment.recorded:
        return result  # the student copy has no reference to stand in with
    from grader.stand_ins import StandInServer, stand_ins_for  # the reference: not in the student copy

    failed = {r.id for r in results if not r.passed and r.id != exercise.name}
    functions = stand_ins_for(session.assignment_id, exercise.name, failed, session.static.reaches(exercise.name))
    if not functions:
        return result
    session.stand_ins = StandInServer(functions)
    try:
        again = grade_exercise(session, exercise, timing)
    finally:
        server, session.stand_ins = session.stand_ins, None
    used = sorted(name for name in functions if server.calls[name] and name in failed)
    if not used:
        return result
    callees = _names(used)
    if again.score > result.score:
        again.notes.append(ngettext(
            "{exercise} calls your {callees}, which fails its own checks. One mistake costs "
            "one exercise: {exercise} is judged with the grader's correct {callees} in "
            "place of yours and scores {score} (with yours it would score "
            "{own_score}); the points are lost at {callees}, where the mistake is.",
            "{exercise} calls your {callees}, which fail their own checks. One mistake costs "
            "one exercise: {exercise} is judged with the grader's correct {callees} in "
            "place of yours and scores {score} (with yours it would score "
            "{own_score}); the points are lost at {callees}, where the mistake is.", len(used)).format(
            exercise=exercise.name, callees=callees, score=f"{again.score:g}", own_score=f"{result.score:g}"))
        return again
    if again.score == result.score:
        again.notes.append(ngettext(
            "{exercise} calls your {callees}, which fails its own checks; even with the "
            "grader's correct {callees} in place of yours it fails as shown: those "
            "failures are {exercise}'s own.",
            "{exercise} calls your {callees}, which fail their own checks; even with the "
            "grader's correct {callees} in place of yours it fails as shown: those "
            "failures are {exercise}'s own.", len(used)).format(exercise=exercise.name, callees=callees))
        return again
    refused = "; ".join(f"{name}: {server.refusals[name]}" for name in used if name in server.refusals)
    result.notes.append(ngettext(
        "{exercise} calls your {callees}, which fails its own checks; with the grader's "
        "correct {callees} in place of yours it scored less ({score}), so the "
        "score with yours stands{refused}.",
        "{exercise} calls your {callees}, which fail their own checks; with the grader's "
        "correct {callees} in place of yours it scored less ({score}), so the "
        "score with yours stands{refused}.", len(used)).format(
        exercise=exercise.name, callees=callees, score=f"{again.score:g}",
        refused=_(" (the grader's version refused some of the arguments it was given: {refused})").format(
            refused=refused) if refused else ""))
    return result


def _selected(assignment: Assignment, session: Session, only: frozenset[str] | None) -> list[Exercise]:
    """The exercises to grade: all, or those in `only` plus the assignment's functions they
    reach (whether those pass decides whether a caller is judged with stand-ins)."""
    if only is None:
        return list(assignment.exercises)
    wanted = set(only)
    for name in only:
        wanted |= session.static.reaches(name)
    return [e for e in assignment.exercises if e.name in wanted]


def grade(assignment: Assignment, submission: Submission, options: Options,
          sandbox: Sandbox | None = None) -> AssignmentResult:
    """Grade every exercise of `assignment` in `submission`; never raises for student errors."""
    own_sandbox = sandbox is None
    if sandbox is None:
        sandbox = Sandbox(torch=assignment.backend == "torch", limits=options.limits, isolate=options.isolate)
        sandbox.start()
    session = Session(assignment, submission, options, sandbox)
    report = AssignmentResult(assignment.id, str(submission.path), options.seed)
    started = time.perf_counter()
    exercises = _selected(assignment, session, options.only)
    try:
        for exercise in exercises:
            report.exercises.append(grade_exercise(session, exercise, options.timing))
        for index, exercise in enumerate(exercises):
            report.exercises[index] = judged_as_if_callees_were_right(session, exercise, report.exercises,
                                                                       options.timing)
    finally:
        if session.case_cache is not None:
            session.case_cache.save()
        if own_sandbox:
            sandbox.close()
    if options.only is not None:
        report.exercises = [e for e in report.exercises if e.id in options.only]
    if session.load_error is not None:
        report.notices.append(session.load_error.summary)
    report.notices.extend([*submission.notices, *session.readable.notices, *(session.cell_errors or [])])
    timed = any(check.name == "timing" for exercise in assignment.exercises for check in exercise.all_checks())
    report.environment = {"device": options.device, "sandbox": dict(sandbox.isolation),
                          "timing": "on" if options.timing or not timed else "skipped",
                          "cases": "recorded" if assignment.recorded else "generated",
                          "seconds": round(time.perf_counter() - started, 2)}
    return report

