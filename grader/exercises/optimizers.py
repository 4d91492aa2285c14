"""03_optimizers: SGD, Momentum, AdaGrad, RMSProp and Adam as pure update steps.

Every optimizer is `(w, dw, state, **hyper) -> (w_new, state)`, so one call says little: each
check here runs a *trajectory*, several calls in a row where the grader hands back, as the
contract says, the `w_new` and the state dict the previous call returned (the state object
itself: it stays in the worker, so it may hold anything, and the caller hands back the very
dict it got, as a training loop does). A
trajectory is one hypothesis `Trajectory` case (w0, the gradients of every step, the
hyperparameters), so a failure shrinks to the shortest trajectory that shows it, and the
message names the step that went wrong and prints the calls as code a student can paste.

The truth is `reference.trajectory` (torch.optim in float64). Known mistakes are recognised by
a small float64 simulator of each buggy update (`_simulate`). A bug is named only when its
simulated trajectory explains the student's far better than the truth does, on the failed
trajectory and on further ones (steps t > 1, other hyperparameters) picked where it and the
other bugs predict different weights (`checks.identify`): at t = 1 with beta1 = 0.5 and
beta2 = 0.75, say, Adam without bias correction and the textbook's folded step coincide.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Callable, Sequence

import numpy as np
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import reference.optimizers as ref
from grader import strategies as gs
from grader.checks import (NO_RESULT, Abort, Case, Diagnosis, DoesTheJob, PropertyCheck, Suspects,
                           dtype_diagnosis, error_failure, output_dtypes, show_result, show_value)
from grader.compare import Tolerance, compare, fmt
from grader.exercises.common import BESIDES_VALUES, AFTER_VALUES, NUMPY_NOTE, NUMPY_ONLY, n64, t64
from grader.i18n import N_, _, ngettext
from grader.results import Failure
from grader.sandbox.wire import Opaque, SlotRef, TensorValue
from grader.spec import Assignment, Exercise

DEFAULTS = ref.DEFAULTS


# ================================================================ trajectories as cases


@dataclass(frozen=True)
class Trajectory(Case):
    """`len(grads)` consecutive steps from `w0 = args[0]` with the same hyperparameters
    (`kwargs`). `args` is the first call, `(w0, grads[0], {})`, so the engine can make it."""

    grads: tuple = ()

    @property
    def w0(self) -> np.ndarray:
        return self.args[0]

    def code(self, function: str, steps: int | None = None) -> str:
        grads = self.grads[:steps] if steps else self.grads
        extra = "".join(f", {k}={show_value(v)}" for k, v in self.kwargs.items())
        calls = [f"w, state = {function}(w, {show_value(g)}, state{extra})" for g in grads]
        return "; ".join([f"w = {show_value(self.w0)}", "state = {}"] + calls)


@dataclass(frozen=True)
class TwoTrajectories(Trajectory):
    """Trajectory A (the fields it inherits) and trajectory B (`other`), with the same
    hyperparameters, for the `state` check."""

    other: Trajectory | None = None

    def code(self, function: str, steps: int | None = None) -> str:
        extra = "".join(f", {k}={show_value(v)}" for k, v in self.kwargs.items())
        lines = [f"wa = {show_value(self.w0)}", f"wb = {show_value(self.other.w0)}", "sa, sb = {}, {}"]
        for k in range(max(len(self.grads), len(self.other.grads))):
            if k < len(self.grads):
                lines.append(f"wa, sa = {function}(wa, {show_value(self.grads[k])}, sa{extra})")
            if k < len(self.other.grads):
                lines.append(f"wb, sb = {function}(wb, {show_value(self.other.grads[k])}, sb{extra})")
        return "; ".join(lines)


def _f64(value: Any) -> np.ndarray:
    return np.asarray(value, dtype=np.float64)


def _truth(name: str, case: Trajectory) -> list[np.ndarray]:
    out = ref.trajectory(name, t64(case.w0), [t64(g) for g in case.grads], **case.kwargs)
    return [n64(w) for w in out]


def _floor(case: Trajectory, truth: Sequence[np.ndarray]) -> float:
    """max |w| over the trajectory: the size w's rounding error (float32) scales with."""
    return max([float(np.max(np.abs(_f64(case.w0)), initial=0.0))] +
               [float(np.max(np.abs(w), initial=0.0)) for w in truth])


# ================================================================ running a trajectory in the worker


@dataclass
class Step:
    w_new: Any = None
    state: Any = None
    result: Any = None
    #: (the worker, a reference to the returned state kept there) when the worker kept the result
    kept: tuple | None = None


def _plain_state(value: Any, path: str = "state") -> str:
    """'' if the caller can hand `value` back as it is (plain data), else what is in the way."""
    if isinstance(value, dict):
        for key, item in value.items():
            found = _plain_state(item, f"{path}[{key!r}]")
            if found:
                return found
        return ""
    if isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            found = _plain_state(item, f"{path}[{index}]")
            if found:
                return found
        return ""
    if value is None or isinstance(value, (bool, int, float, str, np.ndarray, np.generic)):
        return ""
    if isinstance(value, TensorValue):
        return _("{path} is a torch tensor").format(path=path)
    if isinstance(value, Opaque):
        return _("{path} is {value}").format(path=path, value=show_result(value))
    return _("{path} is a {type}").format(path=path, type=type(value).__name__)


def _shape_failure(value: Any, step: int, steps: int, code: str, kept: bool = True) -> Failure | None:
    """The returned value must be `(w_new, state)` with a state dict; a plain-data one unless
    the worker `kept` the state (then the very object goes back, whatever it holds)."""
    at = _(" (step {step} of {steps})").format(step=step, steps=steps)
    if not isinstance(value, (tuple, list)) or len(value) != 2:
        return Failure(_("it should return the pair (w_new, state), got {got}{at}").format(got=show_result(value), at=at),
                       call=code, hint=_("end with `return w_new, state`"))
    w_new, state = value
    if isinstance(w_new, dict):
        return Failure(_("the first item returned is a dict, the second {second}: the order is "
                         "(w_new, state){at}").format(second=show_result(state), at=at), call=code,
                       hint=_("end with `return w_new, state`"))
    if not isinstance(state, dict) and not (kept and _is_dict(state)):
        return Failure(_("the second item returned should be the state dict (the caller hands it back on "
                         "the next call), got {got}{at}").format(got=show_result(state), at=at), call=code,
                       hint=_("fill the dict you are given (or a new one) and return it as the second item"))
    problem = "" if kept else _plain_state(state)
    if problem:
        return Failure(_("the state it returned cannot be handed back as plain data: {problem}{at}").format(
                           problem=problem, at=at), call=code,
                       hint=_("keep only numpy arrays and numbers (and lists or dicts of them) in `state`"))
    return None


def _is_dict(value: Any) -> bool:
    """A dict the wire could not carry as one (its keys are not all strings)."""
    return isinstance(value, Opaque) and value.type_name == "dict with non-string keys"


def _next_w(w_new: Any) -> Any:
    """What the caller passes as `w` next time: the returned w_new (a numpy scalar from 0-d
    arithmetic as the 0-d array it stands for)."""
    return np.asarray(w_new) if isinstance(w_new, np.generic) else w_new


class Runner:
    """Calls the student's optimizer step by step, as a training loop would: the `state` handed
    to a call is the very object the previous call returned. Each call's result is kept in the
    worker (`keep`), and the next call gets a reference to its second item, so whatever the
    student keeps in `state` (arrays, numbers, their own optimizer object) goes back as it is,
    and a buffer that aliases an earlier input stays aliased. The grader's decoded copy of the
    state is used only when the worker has not kept it (then it must be plain data)."""

    def __init__(self, ctx, case: Trajectory, options: dict | None = None) -> None:
        self.ctx = ctx
        self.hyper = dict(case.kwargs)
        self.options = {"keep": True, **(options or {})}
        self.passed: list[tuple] = []

    def step(self, w: Any, dw: Any, state: Any, first: Any = None) -> Step:
        self.passed.append((w, dw))
        result = first if first is not None else self.ctx.call(Case((w, dw, state), self.hyper), **self.options)
        step = Step(result=result)
        if result.ok and isinstance(result.value, (tuple, list)) and len(result.value) == 2:
            step.w_new, step.state = result.value
            if result.slot is not None and result.failure is None:
                step.kept = (self.ctx.worker, SlotRef(result.slot, (1,)))
        return step

    def handed_back(self, step: Step) -> Any:
        """The `state` for the call after `step`: the returned object itself while the worker
        that keeps it is still the one in use, else the grader's copy."""
        if step.kept is not None and step.kept[0] is self.ctx.worker:
            return step.kept[1]
        return step.state

    def failure(self, step: Step, index: int, steps: int, code: Callable[[], str]) -> Failure | None:
        """Why this step cannot go on (raised, hung, returned something else), or None.
        `code()` makes the calls so far as code (only when needed: printing arrays is slow)."""
        failure = error_failure(step.result, Case(()), self.ctx.function)
        if failure is not None:
            failure.summary = _("{summary} (at step {step} of {steps})").format(summary=failure.summary,
                                                                              step=index, steps=steps)
            failure.call = code()
            if step.result.failure is not None:  # hung or died: no shrinking, no more calls
                raise Abort(failure)
            return failure
        failure = _shape_failure(step.result.value, index, steps, "", kept=step.kept is not None)
        if failure is not None:
            failure.call = code()
        return failure

    def run(self, case: Trajectory, first: Any = None, stop: Callable | None = None,
            upto: int | None = None) -> tuple[list[Step], Failure | None]:
        """All steps of `case` from {} (or up to `upto`); `stop(k, step)` may end it with a Failure."""
        steps: list[Step] = []
        w, state = case.w0, {}
        grads = case.grads[:upto] if upto else case.grads
        for k, dw in enumerate(grads, 1):
            step = self.step(w, dw, state, first if k == 1 else None)
            steps.append(step)
            failure = self.failure(step, k, len(case.grads), lambda: case.code(self.ctx.function, k))
            if failure is None and stop is not None:
                failure = stop(k, step)
            if failure is not None:
                return steps, failure
            w, state = _next_w(step.w_new), self.handed_back(step)
        return steps, None


# ================================================================ known mistakes, simulated


@dataclass(frozen=True)
class Bug:
    """A known mistake: `kind` is a flag of `_simulate`, `message` what the student reads (marked
    with N_, or a function making it in the language of the moment when it has values)."""

    kind: str
    message: str | Callable[[], str]


def _momentum(w, g, s, h, bug, t):
    mu, lr = h["mu"], h["lr"]
    v = s.get("v", np.zeros_like(w))
    if bug == "plus":
        v = mu * v + lr * g
    elif bug == "ema":
        v = mu * v + (1 - mu) * g
        s["v"] = v
        return w - lr * v
    elif bug == "not_carried":
        v = -lr * g
    else:
        v = mu * v - lr * g
    s["v"] = v
    return w - v if bug == "minus_v" else w + v


def _eps(h, bug):
    return float(bug[4:]) if bug.startswith("eps=") else h["eps"]


def _adagrad(w, g, s, h, bug, t):
    acc = g * g if bug == "not_accumulated" else s.get("h", np.zeros_like(w)) + g * g
    s["h"] = acc
    eps = _eps(h, bug)
    denom = np.sqrt(acc + eps) if bug == "eps_sqrt" else np.sqrt(acc) + eps
    return w - h["lr"] * g / denom


def _rmsprop(w, g, s, h, bug, t):
    a = h["alpha"]
    prev = s.get("h", np.zeros_like(w))
    if bug == "alpha_swapped":
        acc = (1 - a) * prev + a * g * g
    elif bug == "not_carried":
        acc = (1 - a) * g * g
    else:
        acc = a * prev + (1 - a) * g * g
    s["h"] = acc
    eps = _eps(h, bug)
    denom = np.sqrt(acc + eps) if bug == "eps_sqrt" else np.sqrt(acc) + eps
    return w - h["lr"] * g / denom


def _adam(w, g, s, h, bug, t):
    b1, b2, lr = h["beta1"], h["beta2"], h["lr"]
    eps = _eps(h, bug)
    step = {"t_fixed": 1, "t_zero": t - 1, "t_plus": t + 1, "not_carried": 1}.get(bug, t)
    m0 = np.zeros_like(w) if bug == "not_carried" else s.get("m", np.zeros_like(w))
    v0 = np.zeros_like(w) if bug == "not_carried" else s.get("v", np.zeros_like(w))
    m = b1 * m0 + (1 - b1) * g
    v = b2 * v0 + (1 - b2) * g * g
    c1, c2 = 1 - b1 ** step, 1 - b2 ** step
    s["m"], s["v"] = (m / c1, v / c2) if bug == "stored_hat" else (m, v)
    if bug == "no_bias":
        return w - lr * m / (np.sqrt(v) + eps)
    if bug == "folded":
        return w - lr * math.sqrt(c2) / c1 * m / (np.sqrt(v) + eps)
    if bug == "only_m_hat":
        return w - lr * (m / c1) / (np.sqrt(v) + eps)
    if bug == "only_v_hat":
        return w - lr * m / (np.sqrt(v / c2) + eps)
    if bug == "eps_sqrt":
        return w - lr * (m / c1) / np.sqrt(v / c2 + eps)
    return w - lr * (m / c1) / (np.sqrt(v / c2) + eps)


def _sgd(w, g, s, h, bug, t):
    return w + h["lr"] * g if bug == "plus" else w - h["lr"] * g


UPDATES = {"sgd": _sgd, "momentum": _momentum, "adagrad": _adagrad, "rmsprop": _rmsprop, "adam": _adam}


def _simulate(name: str, case: Trajectory, bug: str = "", steps: int | None = None) -> list[np.ndarray]:
    """w after each step of `name` with mistake `bug` ('' is the contract), in float64.
    `fixed:KEY=VALUE,...` is the contract's update with those hyperparameters typed in as
    constants (the arguments ignored)."""
    h = {**DEFAULTS[name], **{k: float(v) for k, v in case.kwargs.items()}}
    if bug.startswith("fixed:"):
        h.update((k, float(v)) for k, v in (item.split("=") for item in bug[6:].split(",")))
        bug = ""
    w, state, out = _f64(case.w0), {}, []
    with np.errstate(all="ignore"):
        for t, g in enumerate(case.grads[:steps] if steps else case.grads, 1):
            w = UPDATES[name](w, _f64(g), state, h, bug, t)
            out.append(w)
    return out


def _excess(expected: np.ndarray, got: Any, dtype: np.dtype, floor: float) -> float:
    """How many tolerances `got` is from `expected` at worst (inf for a different shape or
    non-finite values where `expected` has none)."""
    try:
        got = np.asarray(got, dtype=np.float64)
    except (TypeError, ValueError):
        return math.inf
    if got.shape != expected.shape:
        return math.inf
    bad_e, bad_g = ~np.isfinite(expected), ~np.isfinite(got)
    if (bad_e != bad_g).any():
        return math.inf
    tolerance = Tolerance.for_dtype(dtype)
    e, g = np.where(bad_e, 0.0, expected), np.where(bad_g, 0.0, got)
    allowed = tolerance.rtol * np.abs(e) + tolerance.atol * max(floor, float(np.finfo(dtype).tiny))
    return float(np.max(np.abs(g - e) / allowed, initial=0.0))


def _trajectory_excess(expected: Sequence[np.ndarray], got: Sequence[Any], dtype, floor: float) -> float:
    return max((_excess(e, g, dtype, floor) for e, g in zip(expected, got)), default=0.0)


def _suspects(name: str, case: Trajectory, got: list[Any], bugs: Sequence[Bug]) -> Suspects:
    """The known mistakes as `checks.Suspects`: each simulated over a whole trajectory, told
    apart on further trajectories (several steps t > 1, other hyperparameters), each run from
    a fresh {} as a training loop would."""

    truths: dict[int, tuple[Trajectory, list]] = {}

    def truth_of(c: Trajectory) -> list:
        if id(c) not in truths:
            truths[id(c)] = (c, _truth(name, c))  # the case is kept, so its id stays its own
        return truths[id(c)][1]

    def explains(known: Diagnosis, simulated: list, seen: list, c: Trajectory) -> bool:
        """Within 10 tolerances at every step, and far closer than the truth (if the student is
        wrong there at all)."""
        if not seen:
            return False
        truth = truth_of(c)
        floor = _floor(c, truth)
        score = _trajectory_excess(simulated[:len(seen)], seen, c.dtype, max(floor, _floor(c, simulated)))
        off = _trajectory_excess(truth[:len(seen)], seen, c.dtype, floor)
        return score <= 10.0 and (score * 10 <= off or off <= 1.0)

    def wrong(truth: list, seen: list, c: Trajectory) -> bool:
        return _trajectory_excess(truth[:len(seen)], seen, c.dtype, _floor(c, truth)) > 1.0

    def observe(ctx, check, c: Trajectory) -> Any:
        steps, failure = Runner(ctx, c).run(c)
        if failure is not None or len(steps) < len(c.grads):
            return NO_RESULT
        return [s.w_new for s in steps]

    known = tuple(Diagnosis(bug.message() if callable(bug.message) else _(bug.message),
                            lambda c, kind=bug.kind: _simulate(name, c, kind)) for bug in bugs)
    return Suspects(case, list(got), known, truth_of, explains, wrong, observe, pool=12)


# ================================================================ judges


STATE_OUTSIDE = N_("It gave different results for the same calls starting from a fresh {}: something is "
                   "kept between calls outside `state` (a global, a function attribute, a default-argument "
                   "dict, a cache keyed on id(w)). Everything an optimizer remembers must live in `state`.")


def _same_steps(case: Trajectory, first: list[Step], second: list[Step]) -> bool:
    """Whether two runs of the same calls came out the same (values, or the same error)."""
    if len(first) != len(second):
        return False
    for a, b in zip(first, second):
        if a.result.ok != b.result.ok:
            return False
        if not a.result.ok:
            if (a.result.error or {}).get("message") != (b.result.error or {}).get("message"):
                return False
    return not _differs(case, first, second)


def _keeps_state_outside(ctx, case: Trajectory, first: list[Step]) -> bool:
    """Whether the calls that failed give something else when made again from {}, in the same
    worker or in a fresh one (a global, a function attribute, a cache...). Decided once per
    exercise, at its first failure: it is a property of the function, and a fresh worker costs."""
    memo = ctx.__dict__.setdefault("_optimizers_outside", {})
    if ctx.function in memo:
        return memo[ctx.function]
    verdict = False
    try:
        again, _ = Runner(ctx, case).run(case, upto=len(first))
        verdict = not _same_steps(case, first, again)
        if not verdict:
            ctx.close()  # the next call loads the module again in a new worker
            again, _ = Runner(ctx, case).run(case, upto=len(first))
            verdict = not _same_steps(case, first, again)
    except Abort:
        verdict = False
    memo[ctx.function] = verdict
    return verdict


def _numeric(value: Any) -> bool:
    return isinstance(value, (np.ndarray, np.generic, float, int)) and not isinstance(value, bool) and \
        np.asarray(value).dtype.kind in "fiu"


def trajectory_matches(name: str, bugs: Sequence[Bug] = (), hint: str = ""):
    """w_new after every step equals the reference's trajectory at the dtype's tolerance
    (atol relative to max |w| along the trajectory)."""

    def judge(case: Trajectory, result, ctx) -> Failure | None:
        truth = _truth(name, case)
        floor = _floor(case, truth)
        steps = len(case.grads)
        runner = Runner(ctx, case)

        def stop(k: int, step: Step) -> Failure | None:
            mismatch = compare(truth[k - 1], step.w_new, case.dtype, what=_("w_new after step {k}").format(k=k),
                               scale_floor=floor)
            if mismatch is None:
                return None
            return Failure(_("wrong result at step {k} of {steps}: {what}").format(k=k, steps=steps,
                                                                                 what=mismatch.summary()),
                           wrong_result=True, call=case.code(ctx.function, k), hint=_(hint))

        done, failure = runner.run(case, result, stop)
        if failure is None:
            return None
        if _keeps_state_outside(ctx, case, done):
            failure.diagnosis = _(STATE_OUTSIDE)
        elif failure.wrong_result:
            # Run on to the end (the rest of the trajectory makes the diagnosis surer).
            got = [s.w_new for s in done]
            w, state = _next_w(done[-1].w_new), runner.handed_back(done[-1])
            for k in range(len(done) + 1, steps + 1):
                more = runner.step(w, case.grads[k - 1], state)
                if runner.failure(more, k, steps, str) is not None:
                    break
                got.append(more.w_new)
                w, state = _next_w(more.w_new), runner.handed_back(more)
            ctx.defer(failure, _suspects(name, case, got, bugs))
        return failure

    return judge


def trajectory_keeps_dtype():
    """w_new has w's dtype at every step (float32 stays float32)."""

    def judge(case: Trajectory, result, ctx) -> Failure | None:
        want = case.dtype.name
        steps = len(case.grads)

        def stop(k: int, step: Step) -> Failure | None:
            found = output_dtypes(step.w_new)
            if not found:
                return Failure(_("w_new is {got} at step {k}, expected a {want} array").format(
                                   got=show_result(step.w_new), k=k, want=want), call=case.code(ctx.function, k))
            dtype = found[0][1]
            if dtype != want:
                return Failure(_("w_new is {dtype} for {want} w and dw (step {k} of {steps}): the output "
                                 "dtype must match the input's").format(dtype=dtype, want=want, k=k, steps=steps),
                               call=case.code(ctx.function, k),
                               diagnosis=dtype_diagnosis(want, dtype))
            return None

        return Runner(ctx, case).run(case, result, stop)[1]

    return judge


def trajectory_leaves_inputs():
    """No call writes into the `w` or `dw` it was given (the state dict may change), neither
    during the call nor on a later one (see `_reused_gradient`)."""

    def judge(case: Trajectory, result, ctx) -> Failure | None:
        steps = len(case.grads)
        runner = Runner(ctx, case, {"return_args": True})

        def stop(k: int, done: Step) -> Failure | None:
            after = done.result.args_after or []
            for label, before, now in zip(("w", "dw"), runner.passed[k - 1], after):
                changed = _changed_array(before, now)
                if changed:
                    return Failure(_("it modified its input `{label}` in place at step {k} of {steps}{changed}")
                                   .format(label=label, k=k, steps=steps, changed=changed),
                                   call=case.code(ctx.function, k),
                                   hint=_("return a new array (w - lr * dw), never `w -= ...` or `w += ...` on "
                                          "the caller's array"))
            return None

        return runner.run(case, result, stop)[1] or _reused_gradient(ctx, case)

    return judge


ALIASED = N_("It looks like `state` keeps a reference to the caller's dw from an earlier call (such as `buf = dw` "
             "on the first call) and a later call updates that buffer in place (`buf *= mu`), which writes into "
             "the caller's gradient. Keep a copy in `state` (dw.copy(), as torch.clone(grad) in PyTorch).")


def _reused_gradient(ctx, case: Trajectory) -> Failure | None:
    """Every step gets the same dw object (kept in the worker), as from a caller that reuses its
    gradient buffer: it must come out of every call as it went in. This is where an earlier
    input aliased by `state` and updated in place on a later call shows (each call of the
    trajectory otherwise gets a new dw, which no later call can reach)."""
    grad, steps = case.grads[0], len(case.grads)
    stored = ctx.worker.store([grad])
    if stored is None:
        return None
    shared = SlotRef(stored.slot, (0,))
    runner = Runner(ctx, case, {"return_args": True})
    extra = "".join(f", {k}={show_value(v)}" for k, v in case.kwargs.items())

    def code(k: int) -> str:
        calls = [f"w, state = {ctx.function}(w, dw, state{extra})"] * k
        return "; ".join([f"w = {show_value(case.w0)}", f"dw = {show_value(grad)}", "state = {}"] + calls)

    w, state = case.w0, {}
    for k in range(1, steps + 1):
        step = runner.step(w, shared, state)
        failure = runner.failure(step, k, steps, lambda: code(k))
        if failure is not None:
            failure.summary = _("with the same dw array handed in at every step: {summary}").format(
                summary=failure.summary)
            return failure
        changed = _changed_array(grad, (step.result.args_after or [None, None])[1])
        if changed:
            return Failure(_("with the same dw array handed in at every step (a caller that reuses its gradient "
                             "buffer), step {k} of {steps} modified it in place{changed}").format(
                               k=k, steps=steps, changed=changed), call=code(k),
                           diagnosis=_(ALIASED) if k > 1 else "",
                           hint=_("keep your own arrays in `state` (np.zeros_like(w), dw.copy()), never the "
                                  "caller's w or dw"))
        w, state = _next_w(step.w_new), runner.handed_back(step)
    return None


def _changed_array(before: Any, after: Any) -> str:
    if not isinstance(before, np.ndarray):
        return ""
    if not isinstance(after, np.ndarray) or after.shape != before.shape:
        return _(" (its shape changed)")
    same = (before == after) | (np.isnan(before) & np.isnan(after))
    if same.all():
        return ""
    index = tuple(int(i) for i in np.argwhere(~same)[0]) if before.ndim else ()
    was, now = repr(float(before[index])), repr(float(after[index]))
    if index:
        return _(": at index {index} it was {was} and is now {now}").format(index=index, was=was, now=now)
    return _(": it was {was} and is now {now}").format(was=was, now=now)


def carries_state(needs_state: bool = True):
    """Everything lives in `state`: two trajectories interleaved call by call give what each
    gives alone, and a fresh {} after a finished trajectory starts it over. An optimizer that
    `needs_state` (all but plain SGD) must also keep something there: one that never does
    passes the rest trivially, by being stateless."""

    def judge(case: TwoTrajectories, result, ctx) -> Failure | None:
        a, b = Trajectory(case.args, case.kwargs, grads=case.grads), case.other
        runner = Runner(ctx, case)
        function = ctx.function
        for trajectory in (a, b):
            alone, failure = runner.run(trajectory, result if trajectory is a else None)
            if failure is not None:
                if _keeps_state_outside(ctx, trajectory, alone):
                    failure.diagnosis = _(STATE_OUTSIDE)
                return failure
            if needs_state and alone and all(_empty_state(step.state) for step in alone):
                return Failure(_("keeps nothing in `state`: the state it returns is empty after every call, "
                                 "so {function} cannot carry its running values from one step to the next")
                               .format(function=function),
                               call=trajectory.code(function),
                               hint=_("store what {function} must remember (e.g. state['v']) in the state "
                                      "dict and return it").format(function=function))
            alone_a, alone_b = (alone, None) if trajectory is a else (alone_a, alone)
        # interleaved: A1 B1 A2 B2 ...
        mixed: dict[str, list[Step]] = {"A": [], "B": []}
        current = {"A": [a.w0, {}], "B": [b.w0, {}]}
        order = []
        for k in range(max(len(a.grads), len(b.grads))):
            order += [("A", a, k)] if k < len(a.grads) else []
            order += [("B", b, k)] if k < len(b.grads) else []
        for label, trajectory, k in order:
            w, state = current[label]
            step = runner.step(w, trajectory.grads[k], state)
            mixed[label].append(step)
            failure = runner.failure(step, k + 1, len(trajectory.grads), lambda: case.code(function))
            if failure is not None:
                failure.summary = _("with two optimizer states used in turn (trajectories A and B), "
                                    "trajectory {label}: {summary}").format(label=label, summary=failure.summary)
                failure.diagnosis = failure.diagnosis or _(STATE_OUTSIDE)
                return failure
            current[label] = [_next_w(step.w_new), runner.handed_back(step)]
        for label, trajectory, alone in (("A", a, alone_a), ("B", b, alone_b)):
            found = _differs(trajectory, alone, mixed[label])
            if found:
                return Failure(_("trajectory {label} gives other values when another trajectory's calls "
                                 "(with their own state dict) come in between: {found}").format(label=label,
                                                                                                found=found),
                               call=case.code(function), diagnosis=_(STATE_OUTSIDE),
                               hint=_("read and write only the `state` you are given; no globals, function "
                                      "attributes or default-argument dicts"))
        again, failure = runner.run(a)
        if failure is not None:
            failure.summary = _("run again from a fresh {{}}: {summary}").format(summary=failure.summary)
            failure.diagnosis = failure.diagnosis or _(STATE_OUTSIDE)
            return failure
        found = _differs(a, alone_a, again)
        if found:
            return Failure(_("a fresh {{}} does not start over: the same calls from state = {{}} a second "
                             "time give other values: {found}").format(found=found),
                           call=a.code(function) + "; " + a.code(function),
                           diagnosis=_(STATE_OUTSIDE),
                           hint=_("state = {} must mean a new optimizer: keep nothing between calls "
                                  "outside `state`"))
        return None

    return judge


def _empty_state(state: Any) -> bool:
    return state is None or (isinstance(state, (dict, list, tuple)) and len(state) == 0)


def _differs(case: Trajectory, first: list[Step], second: list[Step]) -> str:
    """'' if both runs gave the same w_new at every step (non-finite values in the same
    places count as equal), else where they first differ."""
    floor = max([_floor(case, [])] + [float(np.max(np.abs(_f64(s.w_new)), initial=0.0))
                                      for s in first if _numeric(s.w_new)])
    for k, (x, y) in enumerate(zip(first, second), 1):
        if not (_numeric(x.w_new) and _numeric(y.w_new)):
            continue
        if _excess(_f64(x.w_new), y.w_new, case.dtype, floor) <= 1.0:
            continue
        mismatch = compare(_f64(x.w_new), y.w_new, case.dtype, what="w_new", scale_floor=floor)
        if mismatch is not None and mismatch.kind == "values":
            return _("at step {k}, w_new differs: at index {index} first {first}, then {then}").format(
                k=k, index=mismatch.index, first=fmt(mismatch.expected_value), then=fmt(mismatch.got_value))
        text = mismatch.summary() if mismatch is not None else _("w_new differs")
        return _("at step {k}, {text}").format(k=k, text=text)
    return ""


# ================================================================ inputs


#: gradient magnitudes: tiny ones expose eps placement, large ones overflow-prone squares
LADDER = (1.0, 1e-8, 1e-3, 1e3, 1e-12, 1e-10)


#: entry sizes before scaling: exact zeros and +-[0.1, 3]
BASE = (1.0, 0.5, 0.0, -1.0, 2.0, -0.25, 0.1, -3.0, 0.75, -1.5, 3.0, -0.1, 1.25, -2.5, 0.3, -0.7,
        1.7, -2.9, 0.15, -0.45)
#: how an array is scaled: one LADDER magnitude for all entries, one per entry, or all zeros
MODES = ("scaled", "mixed", "scaled", "zero")


def _values(codes: np.ndarray, mode: str, scale: float, dtype: np.dtype) -> np.ndarray:
    """An array from integer codes: entry BASE[c % len(BASE)], times `scale` ('scaled') or
    times its own magnitude LADDER[c // len(BASE)] ('mixed'); 'zero' is all zeros."""
    base = np.array(BASE)[codes % len(BASE)]
    if mode == "zero":
        base = np.zeros_like(base)
    elif mode == "mixed":
        base = base * np.array(LADDER)[codes // len(BASE)]
    else:
        base = base * scale
    return np.array(base, dtype=dtype)  # 0-d stays an array


def _log_uniform(low: float, high: float) -> st.SearchStrategy[float]:
    return st.floats(math.log10(low), math.log10(high)).map(lambda e: float(10.0 ** e))


#: each hyperparameter: a few telling values or any in range. alpha stays >= 0.01: at alpha = 0
#: the correct incremental form h += (1-alpha)*(dw**2 - h) cancels catastrophically (h = 1, then
#: dw = 1e-8 leaves h = 1.1e-16 instead of 1e-16, even in float64); alpha near 0.5 hides a swap.
HYPER = {
    "lr": st.one_of(st.sampled_from([0.1, 1e-3, 0.5, 1.0]), _log_uniform(1e-4, 1.0)),
    "mu": st.one_of(st.sampled_from([0.5, 0.0, 0.99]), st.floats(0.0, 0.99)),
    "eps": st.one_of(st.sampled_from([1e-3, 0.1, 1e-8]), _log_uniform(1e-10, 0.1)),
    "alpha": st.one_of(st.sampled_from([0.9, 0.01, 0.999]),
                       st.floats(0.01, 0.999).filter(lambda a: abs(a - 0.5) > 0.05)),
    "beta1": st.one_of(st.sampled_from([0.5, 0.0, 0.99]), st.floats(0.0, 0.99)),
    "beta2": st.one_of(st.sampled_from([0.9, 0.5, 0.9999]), st.floats(0.5, 0.9999)),
}


@st.composite
def _hyper(draw, name: str) -> dict:
    """Some hyperparameters given (Python floats), the others left to their defaults."""
    chosen = {}
    for key in DEFAULTS[name]:
        value = draw(st.one_of(st.none(), HYPER[key]))
        if value is not None:
            chosen[key] = float(value)
    return chosen


@st.composite
def _trajectory(draw, name: str, dtype: np.dtype | None = None, hyper: dict | None = None,
                most: int = 6) -> Trajectory:
    dtype = dtype if dtype is not None else draw(gs.dtypes())
    shape = draw(gs.shapes(0, 3, 3))
    steps = draw(st.integers(2, most))
    # one draw of integer codes for w0 and every gradient is much faster than one per array
    codes = draw(hnp.arrays(np.int64, (steps + 1,) + shape,
                            elements=st.integers(0, len(BASE) * len(LADDER) - 1)))
    modes = draw(st.lists(st.sampled_from(MODES), min_size=steps + 1, max_size=steps + 1))
    scales = draw(st.lists(st.sampled_from(LADDER), min_size=steps + 1, max_size=steps + 1))
    w0, *grads = (_values(codes[k], modes[k], scales[k], dtype) for k in range(steps + 1))
    grads = tuple(grads)
    kwargs = hyper if hyper is not None else draw(_hyper(name))
    return Trajectory((w0, grads[0], {}), kwargs, grads=grads)


@st.composite
def _two_trajectories(draw, name: str) -> TwoTrajectories:
    a = draw(_trajectory(name, most=4))
    b = draw(_trajectory(name, dtype=a.dtype, hyper=dict(a.kwargs), most=4))
    return TwoTrajectories(a.args, a.kwargs, grads=a.grads, other=b)


def _vec(values, dtype) -> np.ndarray:
    return np.array(values, dtype=dtype)


def _make(w0, grads, dtype, **hyper) -> Trajectory:
    w0 = _vec(w0, dtype)
    grads = tuple(_vec(g, dtype) for g in grads)
    return Trajectory((w0, grads[0], {}), hyper, grads=grads)


# one entry of each kind: ordinary gradients, a tiny one (eps placement), zero, a large one
W0 = [[0.5, -1.5, 2.0], [1.0, 0.25, -0.75]]
GRADS = ([[0.3, -1.2, 2e-8], [0.0, 1.5, 1e3]],
         [[-0.6, 0.4, 1e-8], [0.0, 2.0, -5e2]],
         [[0.9, -0.1, 3e-8], [0.0, -0.5, 8e2]])
TINY = ([1e-8, -2e-8], [3e-8, 1e-8], [-1e-8, 2e-8])


def _examples(name: str, hyper: dict) -> tuple[Trajectory, ...]:
    """The explicit examples, the one with every hyperparameter given (none at its default) first:
    a failure there tells an ignored argument (a textbook constant typed in) from other mistakes,
    which the defaults cannot. The float32 ones are [2] and [4]."""
    return (_make(W0, GRADS, "float64", **hyper), _make(W0, GRADS, "float64"), _make(W0, GRADS, "float32"),
            _make([1.0, -0.5], TINY, "float64"), _make(W0, GRADS, "float32", **hyper),
            _make(0.75, (0.5, -2.0, 1e-9, 1.25), "float64", **hyper))


def _state_examples(name: str, hyper: dict) -> tuple[TwoTrajectories, ...]:
    a = _make(W0, GRADS, "float64")
    b = _make([1.0, -0.5], TINY + TINY, "float64")
    return (TwoTrajectories(a.args, a.kwargs, grads=a.grads, other=b),
            TwoTrajectories(a.args, hyper, grads=a.grads, other=_make(0.5, (1.0, -2.0), "float64", **hyper)))


# ================================================================ the exercises


#: the first call of every trajectory (made by the engine) keeps its result in the worker too
KEEP = {"keep": True}


def _checks(name: str, hyper: dict, bugs: Sequence[Bug], hint: str, max_examples: int = 25) -> tuple:
    examples = _examples(name, hyper)
    return (
        PropertyCheck("matches_reference", 6.0, cases=_trajectory(name), examples=examples,
                      max_examples=max_examples,
                      judge=trajectory_matches(name, bugs, hint), call_options=KEEP),
        # the job is w_new: a state filled right beside w handed back unchanged updates nothing
        DoesTheJob(part=lambda value: value[0], part_name="w_new"),
        PropertyCheck("keeps_dtype", 1.0, BESIDES_VALUES, examples=(examples[2], examples[4]),
                      cases=_trajectory(name, dtype=np.dtype(np.float32)), max_examples=5,
                      judge=trajectory_keeps_dtype(), call_options=KEEP),
        PropertyCheck("inputs_unchanged", 1.0, BESIDES_VALUES, cases=_trajectory(name), examples=examples[:2],
                      max_examples=5, judge=trajectory_leaves_inputs(),
                      call_options={**KEEP, "return_args": True}),
        PropertyCheck("state", 2.0, cases=_two_trajectories(name), examples=_state_examples(name, hyper),
                      max_examples=3, judge=carries_state(needs_state=name != "sgd"), call_options=KEEP),
    )


PROBE = Case((np.ones(2), np.ones(2), {}))

EPS_IGNORED = N_("It looks like the eps argument is ignored (a hard-coded constant such as 1e-7 or the default "
                 "is used instead): use the eps you are given.")
EPS_BUGS = tuple(Bug(f"eps={e}", EPS_IGNORED) for e in (1e-7, 1e-8, 1e-6, 1e-10))


def _and(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else _("{first} and {last}").format(first=", ".join(words[:-1]),
                                                                           last=words[-1])


def ignored(**fixed: float) -> Bug:
    """The hyperparameters `fixed` typed in as the textbook's constants instead of the arguments."""
    names, values = list(fixed), [repr(v) for v in fixed.values()]
    return Bug("fixed:" + ",".join(f"{k}={v!r}" for k, v in fixed.items()),
               lambda: ngettext("It looks like the {names} argument is ignored ({values} hard-coded, the textbook's "
                                "value): use the hyperparameters you are given.",
                                "It looks like the {names} arguments are ignored ({values} hard-coded, the "
                                "textbook's values): use the hyperparameters you are given.",
                                len(names)).format(names=_and(names), values=_and(values)))


#: RMSProp's decay as the textbooks fix it (Saito, PyTorch: 0.99; Hinton, Keras, d2l: 0.9), alone
#: or with the book's eps (Saito 1e-7, d2l 1e-6)
ALPHA_BUGS = tuple(ignored(alpha=a, **extra) for a in (0.99, 0.9)
                   for extra in ({}, {"eps": 1e-7}, {"eps": 1e-6}, {"eps": 1e-8}))
#: Adam's betas as textbooks fix them (d2l: beta1, beta2, eps = 0.9, 0.999, 1e-6)
BETA_BUGS = tuple(ignored(beta1=0.9, beta2=0.999, **extra)
                  for extra in ({}, {"eps": 1e-8}, {"eps": 1e-7}, {"eps": 1e-6}))

EPS_SQRT = N_("It looks like eps is inside the square root, sqrt(h + eps): the contract divides by "
              "sqrt(h) + eps (the difference shows for tiny gradients or a large eps).")

SIGN = Bug("plus", N_("The step goes the wrong way (w + lr*dw, up the gradient): the update has the opposite "
                      "sign; the weights must move against the gradient."))

sgd = Exercise("sgd", 1, _checks("sgd", {"lr": 0.25}, (SIGN,),
                                 N_("w_new = w - lr * dw, a new array; return (w_new, state)"), 15),
               probe=PROBE)

MOMENTUM_SIGN = N_("The update has the wrong sign: the weights move in the opposite direction, up the gradient. "
                   "With v = mu*v - lr*dw the new weights are w + v (either the velocity adds lr*dw here, or v "
                   "is subtracted from w).")

momentum = Exercise("momentum", 2, _checks("momentum", {"lr": 0.1, "mu": 0.5}, (
    # the two give the very same weights (v and -v): one message, for either way of writing it
    Bug("plus", MOMENTUM_SIGN),
    Bug("minus_v", MOMENTUM_SIGN),
    Bug("not_carried", N_("It looks like the velocity is not carried between calls (every step is plain SGD): "
                          "store v in `state` and start from it on the next call.")),
    Bug("ema", N_("It looks like the exponential-average form v = mu*v + (1-mu)*dw; the contract's (PyTorch's) "
                  "velocity is v = mu*v - lr*dw with no (1 - mu) factor.")),
    ignored(mu=0.9),
), N_("v = mu * v - lr * dw (v from state, 0 at first), w_new = w + v; store v in state")), probe=PROBE)

adagrad = Exercise("adagrad", 2, _checks("adagrad", {"lr": 0.5, "eps": 0.1}, (
    Bug("not_accumulated", N_("It looks like h is overwritten with dw**2 on every call instead of accumulated "
                              "(h += dw**2, a running sum of all squared gradients kept in `state`).")),
    Bug("eps_sqrt", EPS_SQRT),
) + EPS_BUGS, N_("h (from state, 0 at first) += dw**2; w_new = w - lr * dw / (sqrt(h) + eps)")), probe=PROBE)

rmsprop = Exercise("rmsprop", 2, _checks("rmsprop", {"lr": 0.05, "alpha": 0.8, "eps": 0.1}, (
    Bug("alpha_swapped", N_("It looks like the decay factors are swapped: the running average is "
                            "h = alpha*h + (1-alpha)*dw**2 (alpha weighs the old average).")),
    Bug("not_carried", N_("It looks like the running average h is not carried between calls: keep it in "
                          "`state` and decay it on the next call.")),
    Bug("eps_sqrt", EPS_SQRT),
) + EPS_BUGS + ALPHA_BUGS, N_("h = alpha * h + (1 - alpha) * dw**2 (h from state, 0 at first); "
                              "w_new = w - lr * dw / (sqrt(h) + eps)")), probe=PROBE)

adam = Exercise("adam", 3, _checks("adam", {"lr": 0.1, "beta1": 0.5, "beta2": 0.75, "eps": 0.1}, (
    Bug("no_bias", N_("It looks like Adam without the bias correction: use m_hat = m / (1 - beta1**t) and "
                      "v_hat = v / (1 - beta2**t) in the step.")),
    Bug("only_m_hat", N_("It looks like only m is bias-corrected: v needs its bias correction too, "
                         "v_hat = v / (1 - beta2**t).")),
    Bug("only_v_hat", N_("It looks like only v is bias-corrected: m needs its bias correction too, "
                         "m_hat = m / (1 - beta1**t).")),
    Bug("eps_sqrt", N_("It looks like eps is inside the square root, sqrt(v_hat + eps): the contract divides "
                       "by sqrt(v_hat) + eps (the difference shows for tiny gradients or a large eps).")),
    Bug("folded", N_("It looks like the textbook's folded step lr_t = lr*sqrt(1-beta2**t)/(1-beta1**t) with "
                     "m/(sqrt(v)+eps): that adds eps to the uncorrected sqrt(v); PyTorch (the contract) adds it "
                     "to sqrt(v_hat), after the bias correction.")),
    Bug("t_fixed", N_("It looks like the step count t is not carried in `state`: it is 1 on every call, so the "
                      "bias correction of the first step is applied forever. Store t and add 1 on each call.")),
    Bug("t_zero", N_("It looks like the bias correction uses t before it is incremented (t = 0 on the first "
                     "call, so 1 - beta**t = 0): add 1 to the step count first, then correct.")),
    Bug("t_plus", N_("It looks like the step count is one too high (t should be 1 on the first call): the bias "
                     "correction uses the wrong t.")),
    Bug("stored_hat", N_("It looks like the bias-corrected moments are stored in `state`: keep the raw moments "
                         "m and v there and bias-correct copies (m_hat, v_hat) for the step.")),
    Bug("not_carried", N_("It looks like m, v and t are not carried between calls (every step starts from "
                          "zero moments): keep them in `state`.")),
) + EPS_BUGS + BETA_BUGS, N_("t += 1; m and v are running averages of dw and dw**2 kept in state; divide by the bias "
                             "corrections (1 - beta**t); w_new = w - lr * m_hat / (sqrt(v_hat) + eps)")), probe=PROBE)

ASSIGNMENT = Assignment("03_optimizers", "optimizers", "Optimizers", "numpy",
                        (sgd, momentum, adagrad, rmsprop, adam),
                        banned=NUMPY_ONLY, allowed_note=NUMPY_NOTE)
