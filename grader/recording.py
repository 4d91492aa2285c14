"""Recording what the course's checks ask of a correct solution, for the answer-free student copy.

The student copy of the grader holds no reference, no model solution and no exercise spec (the
specs' simulated mistakes are near-solutions). In their place it ships a *recording*: the
teacher's grader grades each model solution once, at release time, with a `Recorder` on the
session, which keeps every request a check sends to the worker (calls with their arguments,
stored values) with the answer the correct solution gave and, where a judge computed it, the
reference's truth and the tolerance it judged with. The student copy's checks (`grader.replay`)
send the same requests to the student's worker and compare the answers.

What is recorded is data only (arrays, numbers, the wire's plain types); it is pickled with the
standard library and read back only by the grader (the student's code runs in the sandbox and
never sees it).
"""

from __future__ import annotations

import copy
import lzma
import pickle
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from grader.compare import Tolerance
from grader.i18n import _
from grader.sandbox.host import CallResult
from grader.sandbox.wire import SlotRef, TensorValue

#: bumped when the recorded format changes; a copy refuses a recording of another format
FORMAT = 1


@dataclass
class Truth:
    """What a judge compared a call's result to: the reference's answer (`value`, or `grads`
    for autograd gradients), with the tolerance, scale floor and part names it judged with."""

    value: Any = None
    grads: Any = None
    tolerance: Tolerance | None = None
    floor: Any = 0.0
    names: tuple[str, ...] = ()


@dataclass
class RecordedOp:
    """One request a check sent to the worker, and what the correct solution answered.

    `kind` is "call" (a function called on `args`/`kwargs` with `options`) or "store" (a value
    kept in the worker). `slot` is where the worker kept the result (keep=True, or a store):
    later requests name it through `SlotRef`s, which replay maps to the student's own slots."""

    kind: str
    function: str = ""
    args: list = field(default_factory=list)
    kwargs: dict = field(default_factory=dict)
    options: dict = field(default_factory=dict)
    slot: int | None = None
    ok: bool = False
    error_type: str | None = None
    value: Any = None
    fp_errors: tuple[str, ...] = ()
    args_after: list | None = None
    kwargs_after: dict | None = None
    grads: Any = None
    truth: Truth | None = None


@dataclass
class RecordedCheck:
    """One check of one exercise, as the student copy runs it: its name, weight and
    requirements, and the requests it made of the model solution, in order."""

    name: str
    weight: float
    requires: tuple[str, ...]
    ops: list[RecordedOp] = field(default_factory=list)
    #: timing only: the inputs' shapes, dtypes and ranges, and the reference's time as a
    #: multiple of the calibration work (`grader.replay.CalibratedWork`)
    timing: dict | None = None


@dataclass
class RecordedExercise:
    name: str
    points: float
    budget_seconds: float
    probe: Any
    checks: list[RecordedCheck] = field(default_factory=list)


@dataclass
class RecordedAssignment:
    id: str
    module: str
    title: str
    backend: str
    banned: Any
    allowed_note: str
    exercises: list[RecordedExercise] = field(default_factory=list)


@dataclass
class CourseRecording:
    """Everything the student copy grades with: one `RecordedAssignment` per assignment, the
    seed the recording was made with and the grader version that made it."""

    seed: int
    version: str
    assignments: dict[str, RecordedAssignment] = field(default_factory=dict)
    format: int = FORMAT

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        with lzma.open(path, "wb") as handle:
            pickle.dump(self, handle, protocol=pickle.HIGHEST_PROTOCOL)

    @staticmethod
    def load(path: Path) -> "CourseRecording":
        with lzma.open(path, "rb") as handle:
            recording = pickle.load(handle)  # noqa: S301 - written by the teacher's grader, shipped with it
        if not isinstance(recording, CourseRecording) or recording.format != FORMAT:
            raise ValueError(_("{path}: not a recording this grader can read (format {format})").format(
                path=path, format=FORMAT))
        return recording


# ---------------------------------------------------------------- the recorder


class Recorder:
    """Kept on a `runner.Session` while a model solution is graded: every request the checks
    send is recorded under the check that sent it (`begin`). Timing is recorded apart
    (`note_timing`); the job gate is not recorded at all (the copy runs it on the replayed
    values check)."""

    UNRECORDED = frozenset({"does_the_job", "timing", "implemented", "allowed_apis"})

    def __init__(self) -> None:
        self.exercises: dict[str, dict[str, RecordedCheck]] = {}
        self.current: RecordedCheck | None = None
        #: the reference's time in calibration units, one per timed round (see note_reference_round)
        self.timing_units: list[float] = []
        self._by_result: dict[int, RecordedOp] = {}

    def begin(self, exercise: str, check: Any) -> None:
        checks = self.exercises.setdefault(exercise, {})
        recorded = checks.setdefault(check.name, RecordedCheck(check.name, float(check.weight), tuple(check.requires)))
        self.current = None if check.name in self.UNRECORDED else recorded
        self._by_result.clear()

    def timing_check(self, exercise: str, name: str = "timing") -> RecordedCheck | None:
        return self.exercises.get(exercise, {}).get(name)

    def wrap(self, worker: Any) -> "RecordingWorker":
        return RecordingWorker(worker, self)

    def note(self, op: RecordedOp, result: CallResult | None) -> None:
        if self.current is None:
            return
        self.current.ops.append(op)
        if result is not None:
            self._by_result[id(result)] = op

    def op_for(self, result: CallResult) -> RecordedOp | None:
        return self._by_result.get(id(result))


class RecordingWorker:
    """A worker handle that records the calls and stores of the check in progress and passes
    everything through unchanged."""

    def __init__(self, worker: Any, recorder: Recorder) -> None:
        self._worker = worker
        self._recorder = recorder

    def __getattr__(self, name: str) -> Any:
        return getattr(self._worker, name)

    def call(self, function: str, args: list, kwargs: dict | None = None, **options: Any) -> CallResult:
        result = self._worker.call(function, args, kwargs, **options)
        kept = {k: v for k, v in options.items() if k in ("keep", "return_args", "discard", "backward") and v}
        op = RecordedOp("call", function, _copied(list(args)), _copied(dict(kwargs or {})), _copied(kept),
                        slot=result.slot, ok=result.ok,
                        error_type=result.error["type"] if result.error else None,
                        value=_copied(result.value), fp_errors=tuple(result.fp_errors),
                        args_after=_copied(result.args_after), kwargs_after=_copied(result.kwargs_after),
                        grads=_copied(result.grads))
        self._recorder.note(op, result)
        return result

    def store(self, value: Any) -> SlotRef | None:
        ref = self._worker.store(value)
        self._recorder.note(RecordedOp("store", args=[_copied(value)], slot=ref.slot if ref else None,
                                       ok=ref is not None), None)
        return ref


def _copied(value: Any) -> Any:
    """A deep copy of plain data: what a check later does with its objects (in place) must not
    change what was recorded."""
    return copy.deepcopy(value)


def note_truth(ctx: Any, result: CallResult, *, value: Any = None, grads: Any = None,
               tolerance: Tolerance | None = None, floor: Any = 0.0, names: Any = ()) -> None:
    """Called by the judges that compute the reference's answer for a call: while a recorder
    is on, it is kept with the request that produced `result`. Free when none is."""
    recorder = getattr(getattr(ctx, "session", None), "recorder", None)
    if recorder is None:
        return
    op = recorder.op_for(result)
    if op is None:
        return
    truth = op.truth or Truth()
    if value is not None:
        truth.value = _copied(value)
    if grads is not None:
        truth.grads = _copied(grads)
    truth.tolerance, truth.floor, truth.names = tolerance, _copied(floor), tuple(names)
    op.truth = truth


# ---------------------------------------------------------------- timing inputs, described


def describe_inputs(args: tuple, kwargs: dict) -> dict:
    """A timing input as a recipe: each array by shape, dtype and range (floats by mean and
    spread, integers by min and max), everything else as it is. `synthesise` makes fresh
    inputs like it; no input itself is shipped."""

    def describe(value: Any) -> Any:
        if isinstance(value, TensorValue):
            return {"tensor": describe(value.array), "dtype": value.dtype, "device": value.device,
                    "requires_grad": value.requires_grad}
        if isinstance(value, np.ndarray):
            if value.dtype.kind == "f":
                return {"array": "float", "shape": value.shape, "dtype": value.dtype.str,
                        "mean": float(value.mean()) if value.size else 0.0,
                        "std": float(value.std()) if value.size else 1.0}
            if value.dtype.kind in "iu":
                return {"array": "int", "shape": value.shape, "dtype": value.dtype.str,
                        "low": int(value.min()) if value.size else 0, "high": int(value.max()) if value.size else 0}
            if value.dtype.kind == "b":
                return {"array": "bool", "shape": value.shape, "copy": value.copy()}
            return {"value": value}
        if isinstance(value, tuple):
            return {"tuple": [describe(v) for v in value]}
        if isinstance(value, list):
            return {"list": [describe(v) for v in value]}
        if isinstance(value, dict):
            return {"dict": {k: describe(v) for k, v in value.items()}}
        return {"value": value}

    return {"args": [describe(a) for a in args], "kwargs": {k: describe(v) for k, v in kwargs.items()}}


def synthesise(recipe: dict, rng: np.random.Generator) -> tuple[tuple, dict]:
    """Fresh inputs made from `describe_inputs`'s recipe (see there)."""

    def make(item: dict) -> Any:
        if "tensor" in item:
            return TensorValue(make(item["tensor"]), item["dtype"], item["device"], item["requires_grad"])
        kind = item.get("array")
        if kind == "float":
            data = rng.standard_normal(item["shape"]) * item["std"] + item["mean"]
            return data.astype(np.dtype(item["dtype"]))
        if kind == "int":
            return rng.integers(item["low"], item["high"] + 1, size=item["shape"]).astype(np.dtype(item["dtype"]))
        if kind == "bool":
            return item["copy"].copy()
        if "tuple" in item:
            return tuple(make(v) for v in item["tuple"])
        if "list" in item:
            return [make(v) for v in item["list"]]
        if "dict" in item:
            return {k: make(v) for k, v in item["dict"].items()}
        return copy.deepcopy(item["value"])

    return tuple(make(a) for a in recipe["args"]), {k: make(v) for k, v in recipe["kwargs"].items()}


def numeric_only(value: Any) -> Any:
    """What of a correct solution's result another correct solution must give too: arrays,
    numbers and tuples of them. Dicts (an optimizer's state), the solution's own objects and
    everything else stand for ANYTHING: another solution may keep them differently."""
    from grader.checks import ANYTHING

    if isinstance(value, (tuple, list)):
        return tuple(numeric_only(v) for v in value)
    if isinstance(value, (np.ndarray, np.generic, TensorValue, float, int)) and not isinstance(value, bool):
        return value
    return ANYTHING


def note_reference_round(ctx: Any, seconds: float, first: bool = False) -> None:
    """Called after each timed run of the reference: while a recorder is on, the reference's
    time is expressed in units of calibration work measured right after it, round by round, so
    a change of load during the measurement shifts both alike. Free when no recorder is on."""
    recorder = getattr(getattr(ctx, "session", None), "recorder", None)
    if recorder is None:
        return
    from grader.replay import units_per

    if first:
        recorder.timing_units.clear()
    else:
        recorder.timing_units.append(units_per(seconds, repeats=31))


def note_timing(ctx: Any, check: Any, case: Any, reference_seconds: float) -> None:
    """Called by the timing check once it has measured the reference: while a recorder is on,
    the check is kept as the student copy runs it (inputs as a recipe, the reference's time in
    units of calibration work). Free when no recorder is on."""
    recorder = getattr(getattr(ctx, "session", None), "recorder", None)
    if recorder is None:
        return
    from grader.replay import units_per

    recorded = recorder.exercises.setdefault(ctx.function, {}).setdefault(
        check.name, RecordedCheck(check.name, float(check.weight), tuple(check.requires)))
    units = statistics.median(recorder.timing_units) if recorder.timing_units else units_per(reference_seconds)
    recorded.timing = {"recipe": describe_inputs(tuple(case.args), dict(case.kwargs)),
                       "units": units, "limit": check.limit, "rounds": check.rounds,
                       "hint": check.hint, "verify": check.verify}
    if getattr(check, "loop_case", None) is not None:  # the loop probe's inputs, as recipes too
        recorded.timing["loop"] = {str(n): describe_inputs(tuple(c.args), dict(c.kwargs))
                                   for n in check.loop_sizes for c in [check.loop_case(np.random.default_rng(0), n)]}
