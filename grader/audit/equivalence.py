"""Whether a mutant that got full marks is the model solution in disguise.

A mutant is *equivalent* when, on every input tried, it gives the model's results: the same
values (to a few units of rounding at the output's scale), dtypes, shapes and structure, the
same exception type where the model raises, the same floating-point warnings, its arguments
left as the model leaves them, and the same autograd gradients. The inputs are the course's
own: every explicit example and many cases drawn from the strategy of every property check of
the exercises the mutant can change (optimizer trajectories are stepped through), and each of
those with one argument nudged (an int one up or down, an array negated or 100x larger), so
that a corner the checks never draw does not make a mistake look equivalent. A nudged input
the model rejects (raises on) is left out: it may lie outside the contract's domain (an input
size of 0), where no behaviour is asked for. Both run in the sandbox, each in a worker of its
own; only their returned values are compared here.

No such comparison proves equivalence; it says that the checks' input space, widened by one
step, cannot tell the two apart.
"""

from __future__ import annotations
from grader.i18n import _

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from grader.checks import Case, Context, PropertyCheck, draw_cases, plain
from grader.runner import Options, Session
from grader.sandbox.host import CallResult, Sandbox
from grader.sandbox.wire import Opaque, TensorValue
from grader.spec import Assignment
from grader.submission import Submission

#: results within this many units of rounding (eps of the dtype, at the output's scale) are the same
ROUNDING_UNITS = 16


@dataclass(frozen=True)
class Verdict:
    """`equivalent` on all `calls` compared; otherwise `witness` says where the two differ."""

    equivalent: bool
    calls: int
    witness: str = ""


def _flatten(value: Any, path: str = "result") -> list[tuple[str, Any]]:
    """(path, leaf) for every leaf of a returned value; containers are part of the paths."""
    value = plain(value)
    if isinstance(value, (tuple, list)):
        return [(f"{path}:{type(value).__name__}", len(value))] + \
            [leaf for i, item in enumerate(value) for leaf in _flatten(item, f"{path}[{i}]")]
    if isinstance(value, dict):
        return [(f"{path}:keys", tuple(sorted(map(str, value))))] + \
            [leaf for key, item in sorted(value.items(), key=lambda kv: str(kv[0]))
             for leaf in _flatten(item, f"{path}[{key!r}]")]
    return [(path, value)]


def _same_leaf(a: Any, b: Any) -> bool:
    if isinstance(a, Opaque) or isinstance(b, Opaque):
        return isinstance(a, Opaque) and isinstance(b, Opaque) and a.type_name == b.type_name
    if isinstance(a, (np.ndarray, np.generic)) or isinstance(b, (np.ndarray, np.generic)):
        if type(a) is not type(b):
            return False
        a, b = np.asarray(a), np.asarray(b)
        if a.shape != b.shape or a.dtype != b.dtype:
            return False
        if a.dtype.kind not in "fc":
            return bool(np.array_equal(a, b))
        eps = float(np.finfo(a.dtype).eps)
        finite = np.abs(a[np.isfinite(a)])
        scale = float(finite.max()) if finite.size else 0.0
        return bool(np.allclose(a, b, rtol=ROUNDING_UNITS * eps, atol=ROUNDING_UNITS * eps * scale, equal_nan=True))
    if isinstance(a, float) and isinstance(b, float):
        return type(a) is type(b) and (a == b or (a != a and b != b)
                                       or abs(a - b) <= ROUNDING_UNITS * 2.2e-16 * max(abs(a), abs(b)))
    return type(a) is type(b) and a == b


def _same_value(a: Any, b: Any, what: str) -> str:
    """'' when equal; else what differs."""
    left, right = _flatten(a, what), _flatten(b, what)
    if [p for p, __ in left] != [p for p, __ in right]:
        return _("{what}: a different structure").format(what=what)
    for (path, x), (__, y) in zip(left, right):
        if not _same_leaf(x, y):
            return _("{path} differs").format(path=path)
    return ""


def differs(model: CallResult, mutant: CallResult) -> str:
    """'' when the two calls came to the same; else what differs."""
    if model.failure is not None or mutant.failure is not None:
        return "" if (model.failure is None) == (mutant.failure is None) and model.failure is None else \
            _("hung or died: {failure}").format(failure=mutant.failure or model.failure)
    if (model.error is None) != (mutant.error is None):
        return _("one raised, the other returned")
    if model.error is not None:
        return "" if model.error["type"] == mutant.error["type"] else _("raised different exceptions")
    if sorted(set(model.fp_errors)) != sorted(set(mutant.fp_errors)):
        return _("floating-point warnings {mutant} vs {model}").format(mutant=sorted(set(mutant.fp_errors)),
                                                                       model=sorted(set(model.fp_errors)))
    for what, x, y in (("result", model.value, mutant.value), ("arguments after the call", model.args_after,
                                                               mutant.args_after),
                       ("keyword arguments after the call", model.kwargs_after, mutant.kwargs_after),
                       ("gradients", model.grads, mutant.grads)):
        found = _same_value(x, y, what)
        if found:
            return found
    return ""


#: how many neighbours of each drawn case are tried besides it
NEIGHBOURS = 6


def _nudged(value: Any) -> list[Any]:
    """Values next to `value`: an int one up and one down, a float array negated and 100x
    larger, a tuple of ints with one element moved."""
    if isinstance(value, bool):
        return []
    if isinstance(value, int):
        return [value + 1, value - 1]
    if isinstance(value, np.ndarray) and value.dtype.kind == "f":
        return [-value, value * 100]
    if isinstance(value, TensorValue) and value.array.dtype.kind == "f":
        return [replace(value, array=-value.array), replace(value, array=value.array * 100)]
    if isinstance(value, tuple) and value and all(isinstance(v, int) and not isinstance(v, bool) for v in value):
        return [value[:i] + (v + d,) + value[i + 1:] for i, v in enumerate(value) for d in (1, -1)]
    return []


def neighbours(case: Case) -> list[Case]:
    """Cases one step away from `case`, so that the comparison reaches a little beyond the
    checks' own input space (a check blind to a corner would otherwise call a mutant that
    differs only there equivalent): one argument at a time nudged (see `_nudged`)."""
    if type(case) is not Case:  # trajectories and other compound cases stay as drawn
        return []
    found: list[Case] = []
    for index, value in enumerate(case.args):
        for other in _nudged(value):
            found.append(Case(case.args[:index] + (other,) + case.args[index + 1:], dict(case.kwargs)))
    for key, value in case.kwargs.items():
        for other in _nudged(value):
            found.append(Case(case.args, {**case.kwargs, key: other}))
    return found[:NEIGHBOURS]


def _cases(check: PropertyCheck, draws: int, seed: int) -> list[tuple[Case, bool]]:
    """(case, nudged) for the examples, the draws and the draws' neighbours."""
    drawn = list(check.examples) + draw_cases(check.cases, draws, seed)
    return [(case, False) for case in drawn] + [(near, True) for case in drawn for near in neighbours(case)]


def _options(check: PropertyCheck, ctx: Context, case: Case) -> dict:
    options = {k: v for k, v in check.call_options.items() if k != "keep"}
    if check.call_options_for is not None:
        options.update(ctx.place_options(check.call_options_for(case)))
    options.setdefault("return_args", True)
    return options


def _trajectory_calls(ctx: Context, case: Any) -> list[CallResult]:
    """Each step of an optimizer trajectory (`w0`, `grads`, hyperparameters in `kwargs`), the
    state handed back as returned; a second trajectory (`other`) after it, from a fresh state."""
    results: list[CallResult] = []
    for trajectory in [case] + ([case.other] if getattr(case, "other", None) is not None else []):
        w, state = trajectory.args[0], {}
        for grad in trajectory.grads:
            result = ctx.call(Case((w, grad, state), dict(trajectory.kwargs)), return_args=True)
            results.append(result)
            if not (result.ok and isinstance(result.value, (tuple, list)) and len(result.value) == 2):
                return results
            w, state = result.value
            w = np.asarray(w) if isinstance(w, np.generic) else w
    return results


def _calls(ctx: Context, check: PropertyCheck, case: Case) -> list[CallResult]:
    if hasattr(case, "grads"):
        return _trajectory_calls(ctx, case)
    return [ctx.call(case, **_options(check, ctx, case))]


def compare(assignment: Assignment, exercises: Sequence[str], model_source: str, mutant_source: str,
            sandbox: Sandbox, *, seed: int = 0, draws: int = 100) -> Verdict:
    """Model and mutant called on the same inputs, every property check of `exercises` drawing
    `draws` cases (and its explicit examples); the first difference is the verdict's witness."""
    filename = f"{assignment.module}.py"
    options = Options(seed=seed)
    sessions = [Session(assignment, Submission(Path(filename), source, filename), options, sandbox)
                for source in (model_source, mutant_source)]
    calls = 0
    for name in exercises:
        exercise = assignment.exercise(name)
        contexts = [Context(session, name, 3600.0, {c.name: c for c in exercise.all_checks()})
                    for session in sessions]
        try:
            for check in exercise.all_checks():
                if not isinstance(check, PropertyCheck) or (check.cases is None and not check.examples):
                    continue
                for case, nudged in _cases(check, draws, contexts[0].seed_for(check.name + ":audit")):
                    model_calls = _calls(contexts[0], check, case)
                    if nudged and any(call.error is not None for call in model_calls):
                        continue  # the model rejects it: the nudge may have left the contract's domain
                    mutant_calls = _calls(contexts[1], check, case)
                    calls += len(model_calls)
                    if len(model_calls) != len(mutant_calls):
                        return Verdict(False, calls, f"{name}: stopped at a different step on {case.code(name)}")
                    for model, mutant in zip(model_calls, mutant_calls):
                        found = differs(model, mutant)
                        if found:
                            return Verdict(False, calls, f"{name}: {found} on {case.code(name)}"[:600])
        finally:
            for ctx in contexts:
                ctx.close()
    return Verdict(True, calls)
