"""The student copy's checks: the requests recorded from a correct solution (`grader.recording`),
sent again to the student's worker, each answer compared with the correct one.

A recorded check keeps its name, weight and requirements, so scores add up as in official
grading; what it cannot do without the reference is say *why* a result is wrong (no known
mistakes are simulated here) or try inputs nobody recorded (no new cases, no shrinking).
Timing compares the student's time on fresh inputs made like the recorded ones with a
calibrated amount of work standing for the reference's time (`CalibratedWork`).
"""

from __future__ import annotations

import functools
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from grader.checks import (ANYTHING, fp_kinds, VALUE_CHECKS, Abort, Case, Check, Context, PropertyCheck, TimingCheck,
                           _changed, _floor_part, compare_tree, error_failure, output_devices, output_dtypes, plain,
                           show_result)
from grader.i18n import _
from grader.recording import CourseRecording, RecordedCheck, RecordedOp, numeric_only, synthesise
from grader.results import Failure
from grader.sandbox.wire import Fixture, SlotRef, TensorValue
from grader.spec import Assignment, Exercise

#: where the student copy keeps its recording (inside the installed package)
PACKAGED = Path(__file__).resolve().parent / "recorded" / "course.pkl.xz"
#: the grader's own tests point this at a recording made in the teaching repository
ENVIRONMENT_VARIABLE = "GRADER_RECORDING"

#: what each recorded check compares, by name (everything else compares values)
KINDS = {"keeps_dtype": "dtype", "inputs_unchanged": "unchanged", "keeps_device": "device", "stable": "stable"}


@functools.lru_cache(maxsize=1)
def installed_recording() -> CourseRecording | None:
    """The recording this grader grades with, or None where the reference is here (the
    teaching repository, official grading)."""
    chosen = os.environ.get(ENVIRONMENT_VARIABLE)
    path = Path(chosen) if chosen else PACKAGED
    return CourseRecording.load(path) if path.is_file() else None


def recorded_assignment(recording: CourseRecording, assignment_id: str) -> Assignment:
    """The assignment as the student copy grades it (see the module's docstring)."""
    recorded = recording.assignments.get(assignment_id)
    if recorded is None:
        raise LookupError(_("{assignment} is not in this copy of the grader's recording").format(
            assignment=assignment_id))
    exercises = tuple(Exercise(e.name, e.points, tuple(_check(c, e.name, _part_names(e.checks)) for c in e.checks),
                               probe=e.probe,
                               budget_seconds=e.budget_seconds) for e in recorded.exercises)
    return Assignment(recorded.id, recorded.module, recorded.title, recorded.backend, exercises,
                      banned=recorded.banned, allowed_note=recorded.allowed_note, recorded=True)


def _part_names(checks: list[RecordedCheck]) -> tuple[str, ...]:
    """What the exercise's result's parts are called (loss, grads), from its judged values."""
    return next((op.truth.names for check in checks for op in check.ops if op.truth is not None and op.truth.names),
                ())


def _check(recorded: RecordedCheck, function: str, names: tuple[str, ...] = ()) -> Check:
    if recorded.timing is not None:
        timing = recorded.timing
        return TimingCheck(name=recorded.name, weight=recorded.weight, requires=recorded.requires,
                           make_case=SynthesisedCase(timing["recipe"]), prepare=None,
                           reference=CalibratedWork(timing["units"]), limit=timing["limit"],
                           rounds=timing["rounds"], hint=timing["hint"], verify=timing["verify"],
                           **({"loop_case": SynthesisedLoopCase(timing["loop"]),
                               "loop_sizes": tuple(sorted(int(n) for n in timing["loop"]))} if timing.get("loop") else {}))
    kind = KINDS.get(recorded.name, "values")
    return ReplayCheck(recorded.name, recorded.weight, recorded.requires, ops=tuple(recorded.ops), kind=kind,
                       examples=_examples(recorded.ops, function), call_options=_first_options(recorded.ops, function),
                       judge=judge_by_case(recorded.ops, kind, names), names=names)


def judge_by_case(ops: list[RecordedOp], kind: str, names: tuple[str, ...] = ()):
    """Judges one result of the exercise's function by the recorded call on the same case (the
    job gate's and timing's results); a case nobody recorded is judged only for errors."""
    recorded = {_case(op).code(op.function).call_key: op for op in ops if _plain_call(op)}

    def judge(case: Case, result: Any, ctx: Context) -> Failure | None:
        op = recorded.get(case.code(ctx.function).call_key)
        if op is None:
            return error_failure(result, case, ctx.function)
        return judge_answer(op, result, kind, ctx.function, names=names)

    return judge


def _plain_call(op: RecordedOp, function: str | None = None) -> bool:
    return (op.kind == "call" and (function is None or op.function == function)
            and not _holds(op.args, SlotRef) and not _holds(op.kwargs, SlotRef))


def _examples(ops: list[RecordedOp], function: str) -> tuple[Case, ...]:
    """The recorded calls the job gate may repeat: plain calls of the exercise's function (a
    call that continues from an earlier result, a backward pass given its forward's cache, is
    not repeated alone)."""
    calls = [op for op in ops if _plain_call(op, function) and op.error_type is None]
    return tuple(Case(tuple(op.args), dict(op.kwargs)) for op in calls)[:6]


def _first_options(ops: list[RecordedOp], function: str) -> dict:
    first = next((op for op in ops if _plain_call(op, function)), None)
    return {k: v for k, v in (first.options if first else {}).items() if k == "return_args"}


def _holds(value: Any, kind: type) -> bool:
    if isinstance(value, kind):
        return True
    if isinstance(value, (list, tuple)):
        return any(_holds(v, kind) for v in value)
    if isinstance(value, dict):
        return any(_holds(v, kind) for v in value.values())
    return False


def _with_slots(value: Any, slots: dict[int, int]) -> Any:
    """`value` with each recorded slot number replaced by the student's worker's own."""
    if isinstance(value, SlotRef):
        return SlotRef(slots.get(value.slot, value.slot), value.path)
    if isinstance(value, list):
        return [_with_slots(v, slots) for v in value]
    if isinstance(value, tuple):
        return tuple(_with_slots(v, slots) for v in value)
    if isinstance(value, dict):
        return {k: _with_slots(v, slots) for k, v in value.items()}
    return value


@dataclass(frozen=True)
class ReplayCheck(PropertyCheck):
    """The recorded requests of one check, replayed in order on the student's worker; the
    first answer that differs from the correct solution's fails the check."""

    ops: tuple[RecordedOp, ...] = ()
    kind: str = "values"
    #: what the result's parts are called (loss, grads), for messages
    names: tuple[str, ...] = ()

    @property
    def _stored(self) -> frozenset[int]:
        return frozenset(op.slot for op in self.ops if op.kind == "store" and op.slot is not None)

    def run(self, ctx: Context) -> Failure | None:
        ctx.forget_pending()
        slots: dict[int, int] = {}
        for op in self.ops:
            result = _send(ctx, op, slots)
            if result is None:
                continue
            if result.failure is not None:
                raise Abort(error_failure(result, _case(op), op.function) or Failure(result.failure))
            if op.options.get("discard") and op.value is None and op.ok and result.ok:
                continue  # an argument made for a later call: judged there
            failure = judge_answer(op, result, self.kind, ctx.function, self._stored, self.names)
            if failure is not None:
                if self.name in VALUE_CHECKS:
                    self._part_credit(ctx, op, result, failure, slots)
                return failure
        return None

    def _part_credit(self, ctx: Context, failing: RecordedOp, result: Any, failure: Failure,
                     slots: dict[int, int]) -> None:
        """As official grading does: the parts of a tuple result (loss, gradient) right on every
        recorded call earn their share of the check's points."""
        truth = failing.truth.value if failing.truth is not None else None
        if not isinstance(truth, tuple):
            return
        counted = [i for i, item in enumerate(truth) if item is not ANYTHING]
        right = [i for i in counted if _part_right(failing, result.value, i)]
        if len(counted) < 2 or not right:
            return
        for op in self.ops[self.ops.index(failing) + 1:]:  # those before it were right in every part
            again = _send(ctx, op, slots)
            if again is None or op.truth is None or not isinstance(op.truth.value, tuple):
                continue
            if not again.ok:
                return
            right = [i for i in right if _part_right(op, again.value, i)]
            if not right:
                return
        names = failing.truth.names
        label = [names[i] if i < len(names) else _("item {index}").format(index=i) for i in counted]
        good = [label[counted.index(i)] for i in right]
        bad = [name for i, name in zip(counted, label) if i not in right]
        failure.credit = len(right) / len(counted)
        failure.summary = _("{summary} (partial credit: {good} right on every recorded case; "
                            "{bad} not: {right} of {parts} parts)").format(
            summary=failure.summary, good=", ".join(good), bad=", ".join(bad), right=len(right), parts=len(counted))

def _send(ctx: Context, op: RecordedOp, slots: dict[int, int]) -> Any:
    """Send one recorded request to the student's worker, its slot references mapped to the
    student's own (and the slot it keeps added to `slots`): a call's result, or None for a store."""
    if op.kind == "store":
        kept = ctx.worker.store(_with_slots(op.args[0], slots))
        if kept is not None and op.slot is not None:
            slots[op.slot] = kept.slot
        return None
    result = ctx.call(Case(tuple(_with_slots(op.args, slots)), _with_slots(op.kwargs, slots)),
                      function=op.function, **op.options)
    if result.slot is not None and op.slot is not None:
        slots[op.slot] = result.slot
    return result


def _case(op: RecordedOp) -> Case:
    return Case(tuple(op.args), dict(op.kwargs))


def _call_text(op: RecordedOp, function: str) -> str:
    if _holds(op.args, SlotRef) or _holds(op.kwargs, SlotRef):
        return ""  # it continues from an earlier call's result: no call to paste
    return _case(op).code(op.function or function)


def judge_answer(op: RecordedOp, result: Any, kind: str, function: str,
                 stored: frozenset[int] = frozenset(), names: tuple[str, ...] = ()) -> Failure | None:
    """The student's answer to a recorded request against the correct solution's; `stored`:
    the recorded slots that hold values the grader stored (not results of the student's)."""
    call = _call_text(op, function)
    name = op.function or function
    if op.error_type is not None:  # the correct solution raised here (arguments the contract refuses)
        if result.error is not None and result.error["type"] == op.error_type:
            return None
        got = f"{result.error['type']}: {result.error['message']}"[:200] if result.error is not None \
            else _("a result ({value})").format(value=show_result(result.value))
        return Failure(_("expected {error} for these arguments, got {got}").format(error=op.error_type, got=got),
                       call=call)
    failure = error_failure(result, _case(op), name)
    if failure is not None:
        return failure
    if kind == "dtype":
        return _dtype_failure(op, result, call, names)
    if kind == "device":
        got, want = dict(output_devices(result.value)), dict(output_devices(op.value))
        wrong = next(((k, v) for k, v in got.items() if k in want and v != want[k]), None)
        return None if wrong is None else Failure(_("{name} is on {device}, expected {expected}").format(
            name=wrong[0], device=wrong[1], expected=want[wrong[0]]), call=call)
    if kind == "unchanged":
        before = list(op.args) + list(op.kwargs.values())
        after = list(result.args_after or []) + list((result.kwargs_after or {}).values())
        model_after = list(op.args_after or []) + list((op.kwargs_after or {}).values())
        for index, (old, new) in enumerate(zip(before, after)):
            if isinstance(old, SlotRef):
                # an array the grader stored in the worker (a caller's reused buffer) must come
                # out as the correct solution left it; a kept result (state, cache) is the
                # student's own object, not comparable with the solution's
                old = model_after[index] if old.slot in stored and index < len(model_after) else None
                if not isinstance(old, np.ndarray):
                    continue
            if isinstance(old, Fixture):
                continue
            changed = _changed(old, new)
            if changed:
                return Failure(_("it modified its input argument {number} in place{change}").format(
                    number=index + 1, change=changed), call=call,
                               hint=_("work on a copy or build a new array (x = x.copy(), or avoid "
                                      "`-=`, `+=`, `x[mask] = ...` on arguments)"))
        return None
    if kind == "stable" and result.fp_errors and not op.fp_errors:
        return Failure(_("numpy raised a floating-point warning ({kinds}) for a finite input").format(
            kinds=fp_kinds(result.fp_errors)), call=call)
    return _value_failure(op, result, kind, call)


def _value_failure(op: RecordedOp, result: Any, kind: str, call: str) -> Failure | None:
    truth = op.truth
    dtype = _case(op).dtype
    expected = truth.value if truth is not None and truth.value is not None else _as_arrays(numeric_only(op.value))
    tolerance = truth.tolerance if truth is not None else None
    # without the judge's own scale, the inputs' size is the natural one (an optimizer's w)
    floor = truth.floor if truth is not None else _largest(_float_arrays(op.args))
    names = truth.names if truth is not None else ()
    if truth is None:
        wrong_kind = _bool_where_bool(expected, result.value)
        if wrong_kind:
            return Failure(_("wrong result: {what}").format(what=wrong_kind), wrong=wrong_kind, wrong_result=True,
                           call=call)
    if expected is not ANYTHING or truth is not None:
        mismatch = compare_tree(expected, result.value, dtype, tolerance, names=names, scale_floor=floor)
        if mismatch is not None:
            what = mismatch.summary()
            if kind == "stable":
                return Failure(_("not stable for large inputs: {what}").format(what=what), wrong_result=True,
                               call=call)
            return Failure(_("wrong result: {what}").format(what=what), wrong=what, wrong_result=True, call=call)
    want_grads = truth.grads if truth is not None and truth.grads is not None else op.grads
    if want_grads is not None and not isinstance(want_grads, type(ANYTHING)):
        grads = result.grads if isinstance(result.grads, (list, tuple)) else ()
        for index, want in enumerate(want_grads):
            if want is None:
                continue
            got = grads[index] if index < len(grads) else None
            if got is None:
                return Failure(_("no gradient reaches argument {number}: the result does not depend on it "
                                 "through autograd").format(number=index + 1), call=call)
            mismatch = compare_tree(_as_arrays(want), got, dtype, tolerance,
                                    _("the gradient of argument {number}").format(number=index + 1),
                                    scale_floor=_largest(want_grads))
            if mismatch is not None:
                return Failure(_("wrong gradient: {what}").format(what=mismatch.summary()), call=call)
    if op.args_after is not None and "return_args" in op.options:
        for index, (want, got) in enumerate(zip(op.args_after, result.args_after or [])):
            if isinstance(want, (SlotRef, Fixture)):
                continue
            changed = _changed(want, got)
            if changed:
                return Failure(_("argument {number} is not left as the contract says{change}").format(
                    number=index + 1, change=changed), call=call)
    return None


def _part_right(op: RecordedOp, got: Any, index: int) -> bool:
    truth = op.truth
    got = plain(got)
    if not isinstance(got, (tuple, list)) or len(got) != len(truth.value):
        return False
    with np.errstate(all="ignore"):
        return compare_tree(truth.value[index], got[index], _case(op).dtype, truth.tolerance,
                            scale_floor=_floor_part(truth.floor, index)) is None


def _bool_where_bool(expected: Any, got: Any) -> str:
    """A mask: where the correct answer is a bool array, the same values in another dtype are
    not the same answer (a float mask adds where it should select)."""
    if isinstance(expected, tuple) and isinstance(plain(got), (tuple, list)):
        return next((why for e, g in zip(expected, plain(got)) if (why := _bool_where_bool(e, g))), "")
    got = plain(got)
    if isinstance(expected, np.ndarray) and expected.dtype == np.bool_ and isinstance(got, np.ndarray) \
            and got.dtype != np.bool_:
        return _("the result is a {dtype} array where a bool one is expected (a mask of True/False)").format(
            dtype=got.dtype)
    return ""


def _as_arrays(tree: Any) -> Any:
    """Tensors in a recorded answer as their arrays (what comparisons take as the truth)."""
    if isinstance(tree, TensorValue):
        return tree.array
    if isinstance(tree, tuple):
        return tuple(_as_arrays(v) for v in tree)
    return tree


def _float_arrays(values: list) -> list[np.ndarray]:
    arrays = [v.array if isinstance(v, TensorValue) else v for v in values]
    return [a for a in arrays if isinstance(a, np.ndarray) and a.dtype.kind == "f" and a.size]


def _largest(arrays: Any) -> float:
    sizes = [float(np.max(np.abs(_plain(a)), initial=0.0)) for a in arrays if a is not None]
    return max(sizes, default=0.0)


def _plain(value: Any) -> np.ndarray:
    return value.array if isinstance(value, TensorValue) else np.asarray(value)


def _dtype_failure(op: RecordedOp, result: Any, call: str, names: tuple[str, ...] = ()) -> Failure | None:
    """Each float output named the same in the correct answer must have its dtype. A result kept
    for the next call (an optimizer's step) is judged without its dicts: that state is the
    solution's own business. An output the correct answer has no dtype for (a Python float loss)
    is not judged."""
    def outputs(value: Any) -> list[tuple[str, str]]:
        return output_dtypes(numeric_only(value) if op.options.get("keep") else value, names)

    want = dict(outputs(op.value))
    for name, dtype in outputs(result.value):
        if name in want and dtype != want[name]:
            return Failure(_("{name} is {dtype} where the input's dtype gives {want}: the output dtype "
                             "must match the input's").format(name=name, dtype=dtype, want=want[name]), call=call)
    return None


@dataclass(frozen=True)
class SynthesisedCase:
    """Makes a fresh timing input like the recorded one (`recording.synthesise`)."""

    recipe: dict = field(hash=False, compare=False)

    def __call__(self, rng: np.random.Generator) -> Case:
        args, kwargs = synthesise(self.recipe, rng)
        return Case(args, kwargs)


@dataclass(frozen=True)
class SynthesisedLoopCase:
    """The timing check's loop probe input of batch size n, like the recorded one."""

    recipes: dict = field(hash=False, compare=False)

    def __call__(self, rng: np.random.Generator, n: int) -> Case:
        args, kwargs = synthesise(self.recipes[str(n)], rng)
        return Case(args, kwargs)


#: the unit of calibration work: one float64 matrix product of this size, in the grader's process
UNIT_SIZE = 48


@functools.lru_cache(maxsize=1)
def _unit_operands() -> tuple:
    import torch

    generator = torch.Generator().manual_seed(0)
    return (torch.rand(UNIT_SIZE, UNIT_SIZE, dtype=torch.float64, generator=generator),
            torch.rand(UNIT_SIZE, UNIT_SIZE, dtype=torch.float64, generator=generator))


def unit_of_work() -> None:
    import torch

    a, b = _unit_operands()
    torch.mm(a, b)


def units_per(seconds: float, repeats: int = 201) -> float:
    """How many units of calibration work take `seconds` here (median over `repeats`)."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        unit_of_work()
        times.append(time.perf_counter() - start)
    return seconds / max(float(np.median(times)), 1e-9)


@dataclass(frozen=True)
class CalibratedWork:
    """Stands for the reference in timing: as many units of work as the reference's time was
    worth where the recording was made, so the limit keeps its meaning on this machine."""

    units: float

    def __call__(self, prepared: Any) -> None:
        for _ in range(max(1, round(self.units))):
            unit_of_work()
