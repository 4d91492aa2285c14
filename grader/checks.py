"""Checks: small units that look at one property of one student function.

A check's `run(ctx)` returns None when the property holds, else a `Failure` saying why. Most
checks are `PropertyCheck`s: a hypothesis strategy of `Case`s plus a *judge* that looks at what
the student's function returned for one case. Judges are built from the small factories below
(`matches`, `stable`, `keeps_dtype`, `leaves_inputs_unchanged`...), so an exercise is declared
by naming its checks, not by writing a test.

Checks declare what they `require`: the runner does not run a check whose requirement failed
(no timing for a wrong function, nothing at all for a missing or banned one). Beyond that, every
check other than the gates and the value checks (`VALUE_CHECKS`) needs `does_the_job` (see
`DoesTheJob`): property checks give nothing to a function that does not do the job at all.

No result that carries marks goes unjudged: a timed call's result is fetched after the clock
stops and judged like any other (`TimingCheck`); a wrong one fails timing and revokes the values
check it passed on small inputs (`Failure.revokes`).

What a failure needs further calls for is settled once, on the failure a check reports (not
on every failing case hypothesis tries while shrinking): judges leave `Suspects` (known
mistakes that may explain the result; `identify` names one only when further cases tell it
apart from the others) and `Parts` (a tuple result whose right parts earn their share of a
failed values check: `part_credit`, `Failure.credit`) with the failure (`Context.defer`).
"""

from __future__ import annotations

import ast
import itertools
import re
import statistics
import time
import zlib
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Mapping, Sequence

import numpy as np
from hypothesis import HealthCheck, Phase, example, given, seed, settings
from hypothesis import strategies as st

from grader.compare import RESULT, Mismatch, Tolerance, compare, fmt, shown
from grader.case_cache import pickled
from grader.i18n import N_, _, ngettext
from grader.recording import note_reference_round, note_timing, note_truth
from grader.results import Failure
from grader.sandbox import fixtures
from grader.sandbox.host import CallResult
from grader.sandbox.wire import Fixture, Opaque, SlotRef, TensorValue
from grader.words import where_words


def _cases_from_the_seed_alone() -> None:
    """Hypothesis now and then draws a number written in the source of a "local" module (one
    neither installed in site-packages nor in the standard library). Which modules those are
    depends on how the grader is installed and on what this process imported first (a whole
    course or one file, the grader's stand-ins, a notebook, the test suite), and the cases would
    too; the grader's depend on the seed alone. The hook is internal to hypothesis: the test
    suite checks that cases do not change when a local module full of numbers is imported."""
    try:
        from hypothesis.internal.conjecture import providers

        nothing = providers.Constants()
        providers._get_local_constants = lambda: nothing
        providers.CONSTANTS_CACHE.cache.clear()
    except (ImportError, AttributeError, TypeError):  # another hypothesis: the test suite says so
        pass


_cases_from_the_seed_alone()

GATES = ("implemented", "allowed_apis")
#: the weight-0 gate every property check needs (the runner adds it where an exercise has a values check)
JOB = "does_the_job"
#: checks that judge the values themselves: they need only the gates, never `does_the_job`
VALUE_CHECKS = frozenset({"matches_reference"})


# ================================================================ cases


@dataclass(frozen=True)
class Case:
    """The arguments of one call of a student function."""

    args: tuple
    kwargs: Mapping[str, Any] = field(default_factory=dict)

    @property
    def dtype(self) -> np.dtype:
        """The float dtype of the first float array argument (float64 if there is none)."""
        for value in list(self.args) + list(self.kwargs.values()):
            if isinstance(value, FromCall):
                return Case(value.args, value.kwargs).dtype
            array = value.array if isinstance(value, TensorValue) else value
            if isinstance(array, np.ndarray) and array.dtype.kind == "f":
                return array.dtype
        return np.dtype(np.float64)

    def code(self, function: str) -> str:
        """The call as code a student can paste (numpy arrays as np.array(...)), kept readable:
        an array too long to print is summarised (`np.array(<shape (8, 64) float32, ...>)`, see
        `show_value`); a call longer than 400 characters writes its summaries without their
        first values, then summarises its longest arrays still written out (short ones stay
        exact); a call still much longer (many arguments) ends with `<N more arguments>`."""
        call_chars, keep_exact = 400, 40
        arrays: list[Any] = []

        def collect(value: Any) -> None:
            if isinstance(value, (np.ndarray, TensorValue)):
                arrays.append(value)
            elif isinstance(value, FromCall):
                for item in (*value.args, *value.kwargs.values()):
                    collect(item)
            elif isinstance(value, dict):
                for item in value.values():
                    collect(item)
            elif isinstance(value, (list, tuple)):
                for item in value:
                    collect(item)

        for value in (*self.args, *self.kwargs.values()):
            collect(value)
        summarised: set[int] = set()
        brief = False

        def render() -> list[str]:
            shown = [show_value(a, summarise=summarised, brief=brief) for a in self.args]
            return shown + [f"{k}={show_value(v, summarise=summarised, brief=brief)}" for k, v in self.kwargs.items()]

        parts = render()
        if len(", ".join(parts)) > call_chars:  # summaries without their first values
            brief = True
            parts = render()
        written = {id(a): len(text) for a in arrays for text in [show_value(a)] if "(<shape " not in text}
        while len(", ".join(parts)) > call_chars:
            longest = max(((n, i) for i, n in written.items() if i not in summarised), default=(0, 0))
            if longest[0] <= keep_exact:
                break
            summarised.add(longest[1])
            parts = render()
        if len(", ".join(parts)) > call_chars * 3 // 2 and len(parts) > 1:
            kept = parts[:1]
            for part in parts[1:]:
                if len(", ".join(kept + [part])) > call_chars - 24:
                    break
                kept.append(part)
            parts = kept + [f"<{len(parts) - len(kept)} more arguments>"]

        # Checks compare calls by their code (`a.code(f) != b.code(f)`: different inputs). A
        # summary can be the same for different arrays, so the text compares (and hashes) by the
        # exact values instead: every array of at most 48 values written out, larger ones by shape.
        def exact(value: Any) -> str:
            if isinstance(value, FromCall):
                inner = [exact(a) for a in value.args] + [f"{k}={exact(v)}" for k, v in value.kwargs.items()]
                return f"{value.function}({', '.join(inner)}){value.path!r}"
            if isinstance(value, (np.ndarray, TensorValue)):
                array = value.array if isinstance(value, TensorValue) else value
                data = f"<array of shape {array.shape}>" if array.size > 48 else show_array_data(array)
                return f"array({data}, {getattr(value, 'dtype', '')}, {array.dtype})"
            if isinstance(value, dict):
                return "{" + ", ".join(f"{k!r}: {exact(v)}" for k, v in value.items()) + "}"
            if isinstance(value, (list, tuple)):
                return type(value).__name__ + "(" + ", ".join(exact(v) for v in value) + ")"
            return show_value(value)

        class CallCode(str):
            """The call's text; equal to another call's (and hashed) by `call_key`, its exact arguments."""

            call_key = ""

            def __eq__(self, other: object) -> bool:
                if not isinstance(other, str):
                    return NotImplemented
                key = getattr(other, "call_key", None)
                return self.call_key == key if key else str.__eq__(self, other)

            def __ne__(self, other: object) -> bool:
                equal = self.__eq__(other)
                return equal if equal is NotImplemented else not equal

            def __hash__(self) -> int:
                return hash(self.call_key)

            def __reduce__(self) -> tuple:  # copied or pickled as the plain text
                return str, (str(self),)

        text = CallCode(f"{function}({', '.join(parts)})")
        text.call_key = f"{function}(" + ", ".join([exact(a) for a in self.args]
                                                   + [f"{k}={exact(v)}" for k, v in self.kwargs.items()]) + ")"
        return text


@dataclass(frozen=True)
class FromCall:
    """An argument that another student function produces first, in the same worker: e.g.
    `FromCall("affine_forward", (x, w, b), path=(1,))` is the cache affine_forward returned,
    handed on to affine_backward as the student's own object (it never leaves the worker)."""

    function: str
    args: tuple
    kwargs: Mapping[str, Any] = field(default_factory=dict)
    path: tuple = ()

    def code(self) -> str:
        return Case(self.args, self.kwargs).code(self.function) + "".join(f"[{k!r}]" for k in self.path)


#: An expected value that matches anything (e.g. the student's own cache in `(out, cache)`).
class _Anything:
    def __repr__(self) -> str:
        return "ANYTHING"

    def __reduce__(self) -> str:  # pickled (in a recording) as the one instance
        return "ANYTHING"


ANYTHING = _Anything()


def show_value(value: Any, limit: int = 48, *, summarise: Any = (), chars: int = 160, brief: bool = False) -> str:
    """`value` as code a student can paste. An array with more than `limit` values, or whose
    values take more than `chars` characters to write, or whose id() is in `summarise` (True:
    every array), is written as a summary in angle brackets, which is plainly not code:
    `np.array(<shape (8, 64) float32, values in [-3.1, 2.9], first 0.12, -1.5, 0.33, ...>)`
    (`brief`: without its first values)."""
    def data(array: np.ndarray, dtype: str | None = None) -> str:
        forced = summarise is True or id(value) in summarise
        return show_array_data(array, limit, summary=forced, chars=chars, dtype=dtype, brief=brief)

    def inner(item: Any) -> str:
        return show_value(item, limit, summarise=summarise, chars=chars, brief=brief)

    if isinstance(value, FromCall):
        shown = [inner(a) for a in value.args] + [f"{k}={inner(v)}" for k, v in value.kwargs.items()]
        return f"{value.function}({', '.join(shown)})" + "".join(f"[{k!r}]" for k in value.path)
    if isinstance(value, TensorValue):
        shown = data(value.array, value.dtype)
        return f"torch.tensor({shown})" if shown.startswith("<") else f"torch.tensor({shown}, dtype={value.dtype})"
    if isinstance(value, np.ndarray):
        shown = data(value)
        if value.dtype.kind == "f" and not shown.startswith("<"):
            return f"np.array({shown}, dtype=np.{value.dtype.name})"
        return f"np.array({shown})"
    if isinstance(value, Fixture):
        return fixtures.AS_CODE.get(value.name, value.name)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k!r}: {inner(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        shown = ", ".join(inner(v) for v in value)
        return f"[{shown}]" if isinstance(value, list) else f"({shown}{',' if len(value) == 1 else ''})"
    if isinstance(value, float):
        return repr(value)
    return repr(value)


def _shortest_in_own_dtype(value: np.floating) -> str:
    """The fewest digits that give back the same value in its own dtype (0.34558418 for a
    float32, not the 17 digits of its float64 twin), so pasted calls are short and exact."""
    return str(value)


def show_array_data(array: np.ndarray, limit: int = 48, *, summary: bool = False, chars: int | None = None,
                    dtype: str | None = None, brief: bool = False) -> str:
    """The array's values as a nested list (exact, pasteable), or, when it has more than `limit`
    values, takes more than `chars` characters, or `summary` is asked for, a summary in angle
    brackets: its shape, dtype (`dtype`, e.g. "torch.float32", else the array's), the range of
    its finite values, how many are nan or infinite, and (unless `brief`) its first values."""
    def number(item: Any) -> str:
        return str(bool(item)) if array.dtype.kind == "b" else (
            str(int(item)) if array.dtype.kind in "iu" else f"{float(item):.3g}")

    def summarised() -> str:
        flat = array.ravel()
        parts = [f"shape {tuple(array.shape)} {dtype or array.dtype.name}"]
        if array.dtype.kind == "b":
            parts.append(f"{int(np.count_nonzero(flat))} of {flat.size} True")
        elif array.dtype.kind in "fiu":
            finite = flat[np.isfinite(flat)] if array.dtype.kind == "f" else flat
            if finite.size:
                parts.append(f"values in [{number(finite.min())}, {number(finite.max())}]")
            if array.dtype.kind == "f":
                for label, count in (("nan", np.isnan(flat).sum()), ("+inf", np.isposinf(flat).sum()),
                                     ("-inf", np.isneginf(flat).sum())):
                    if count:
                        parts.append(f"{int(count)} {label}")
        if flat.size and array.dtype.kind in "fiub" and not brief:
            parts.append("first " + ", ".join(number(v) for v in flat[:3]) + (", ..." if flat.size > 3 else ""))
        return "<" + ", ".join(parts) + ">"

    if array.size and (summary or array.size > limit):
        return summarised()
    if array.dtype.kind == "f":
        text = np.array2string(array, separator=", ", floatmode="unique", threshold=limit + 1,
                               max_line_width=10_000, formatter={"float_kind": _shortest_in_own_dtype})
    else:
        text = np.array2string(array, separator=", ", threshold=limit + 1, max_line_width=10_000)
    text = text.replace("\n", "")
    if chars is not None and len(text) > chars and array.size:
        return summarised()
    return text


def show_result(value: Any, limit: int = 12) -> str:
    """A short description of a returned value for 'expected ..., got ...'."""
    if isinstance(value, TensorValue):
        return _("tensor of shape {shape}, {dtype}, on {device}").format(shape=tuple(value.array.shape),
                                                                         dtype=value.dtype, device=value.device)
    if isinstance(value, np.ndarray):
        if value.size <= limit and value.dtype.kind in "fiub":
            return f"{show_array_data(value)} ({value.dtype})"
        return _("array of shape {shape} ({dtype})").format(shape=value.shape, dtype=value.dtype)
    if isinstance(value, Opaque):
        return _("a {type}").format(type=value.type_name)
    if isinstance(value, (tuple, list)):
        return _("a {type} of {count}").format(type=type(value).__name__, count=len(value))
    if isinstance(value, dict):
        return _("a dict with keys {keys}").format(keys=sorted(value))
    if isinstance(value, float):
        return fmt(value)
    return f"{type(value).__name__} {value!r}"[:120]


# ================================================================ the context a check runs in


class Abort(BaseException):
    """Stops a hypothesis run at once, without shrinking (worker died, time budget spent)."""

    def __init__(self, failure: Failure) -> None:
        super().__init__(failure.summary)
        self.failure = failure


class CheckFailed(Exception):
    def __init__(self, failure: Failure) -> None:
        super().__init__(failure.summary)
        self.failure = failure


class Context:
    """What a check needs to call the student's function: the worker and the budgets.

    The worker is started lazily and restarted (module loaded again) after it died, so one
    check's crash does not take the exercise's other checks down with it. `checks` are the
    exercise's checks by name: a check that judges results it did not ask for (the timed calls,
    the job gate's calls) borrows the judge of the check that owns those values.
    """

    def __init__(self, session: Any, function: str, budget_seconds: float,
                 checks: Mapping[str, "Check"] | None = None) -> None:
        self.session = session
        self.function = function
        self.checks: Mapping[str, Check] = dict(checks or {})
        self.deadline = time.monotonic() + budget_seconds
        self._worker = None
        self.load_failure: Failure | None = None
        #: what judges left to settle once a check's run is over: (failure, Suspects or Parts)
        self._pending: list[tuple[Failure, Any]] = []

    # ---------------------------------------------------------- settling a failure

    def defer(self, failure: Failure, record: Any) -> None:
        """Leave `record` (`Suspects`: mistakes to tell apart; `Parts`: a tuple result to score
        part by part) with `failure`, for the check that reports it to settle once its run is
        over (shrinking calls a judge many times; only the reported failure is worth the calls)."""
        self._pending.append((failure, record))
        del self._pending[:-64]

    def forget_pending(self) -> None:
        self._pending.clear()

    def settle(self, failure: Failure | None, check: "Check", credit: bool = True) -> Failure | None:
        """Finish `failure` with what its judge left: the known mistake its function makes, if
        further calls tell it apart (`identify`), and the share of the points earned by the
        parts of a tuple result that are right on every case tried (`credit`, values checks)."""
        records = [record for held, record in self._pending if held is failure]
        if failure is not None and not records:  # a wrapper may have rebuilt the failure object
            records = [record for held, record in self._pending
                       if held.summary == failure.summary and held.call == failure.call]
        self._pending.clear()
        if failure is None:
            return None
        for record in records:
            try:
                if isinstance(record, Suspects) and not failure.diagnosis:
                    failure.diagnosis = identify(self, check, record)
                elif isinstance(record, Parts) and credit and check.name in VALUE_CHECKS:
                    part_credit(self, check, record, failure)
            except Abort:
                break
        return failure

    # ---------------------------------------------------------- worker

    @property
    def worker(self):
        if self._worker is None or self._worker.failure is not None:
            if self._worker is not None:
                self._worker.close()
            self._worker = self.session.new_worker()
        return self._worker

    def close(self) -> None:
        if self._worker is not None:
            self._worker.close()
            self._worker = None

    def remaining(self) -> float:
        return self.deadline - time.monotonic()

    def call(self, case: Case, timeout: float | None = None, function: str | None = None,
             **options: Any) -> CallResult:
        """Call `function` (the exercise's own by default) on `case` in the worker.

        `FromCall` arguments are produced first, by calling their function in the same worker
        and keeping its result there; if that call fails, its result is returned instead.
        """
        if self.remaining() <= 0:
            raise Abort(Failure(_("stopped: this exercise used up its time budget "
                                  "({seconds} s); is it very slow or stuck?").format(
                seconds=f"{self.session.budget_seconds:g}")))
        limit = min(timeout or self.session.limits.call_seconds, max(self.remaining(), 0.05))
        worker = self.worker
        if self.session.load_error is not None:
            raise Abort(self.session.load_error)
        case = self.place(case)
        args, kwargs = list(case.args), dict(case.kwargs)
        slots = []
        for index, value in list(enumerate(args)) + list(kwargs.items()):
            if isinstance(value, FromCall):
                made = worker.call(value.function, list(value.args), dict(value.kwargs), timeout=limit,
                                   keep=True, discard=True)
                if not made.ok or made.slot is None:
                    return made
                slots.append(made.slot)
                reference = SlotRef(made.slot, tuple(value.path))
                if isinstance(index, int):
                    args[index] = reference
                else:
                    kwargs[index] = reference
        own = function is None or function == self.function
        try:
            return worker.call(function or self.function, args, kwargs, timeout=limit,
                               stand_ins=getattr(self.session, "stand_ins", None) if own else None, **options)
        finally:
            if slots and worker.failure is None:
                worker.request({"op": "release", "slots": slots})

    def place(self, case: Case) -> Case:
        """The case with every tensor meant for "the grading device" (device "") put there."""
        return Case(on_device(case.args, self.session.device), on_device(dict(case.kwargs), self.session.device))

    def place_options(self, options: Mapping[str, Any]) -> dict:
        return on_device(dict(options), self.session.device)

    def session_cache(self) -> Any:
        """The session's `CaseCache` (practice runs), or None."""
        return getattr(self.session, "case_cache", None)

    def seed_for(self, check: str) -> int:
        key = f"{self.session.seed}:{self.session.assignment_id}:{self.function}:{check}"
        return zlib.crc32(key.encode())


def on_device(value: Any, device: str) -> Any:
    """Tensors whose device is "" (the grading device, chosen by --device) moved to `device`."""
    if isinstance(value, TensorValue):
        return replace(value, device=device) if value.device == "" else value
    if isinstance(value, FromCall):
        return replace(value, args=on_device(value.args, device), kwargs=on_device(dict(value.kwargs), device))
    if isinstance(value, tuple):
        return tuple(on_device(v, device) for v in value)
    if isinstance(value, list):
        return [on_device(v, device) for v in value]
    if isinstance(value, dict):
        return {k: on_device(v, device) for k, v in value.items()}
    return value


# ================================================================ the checks


@dataclass(frozen=True)
class Check:
    """One property of one function. `weight` is its share of the exercise's points."""

    name: str
    weight: float = 1.0
    requires: tuple[str, ...] = GATES

    def run(self, ctx: Context) -> Failure | None:  # pragma: no cover - interface
        raise NotImplementedError


def _raising_function(where: str) -> str:
    """The function named in a worker's `where` ("line 12, in softmax: ..."), or ""."""
    found = re.match(r"(?:cell \d+, )?line \d+, in ([A-Za-z_]\w*):", where or "")
    return found.group(1) if found else ""


def error_failure(result: CallResult, case: Case, function: str) -> Failure | None:
    """The failure for a call that raised or whose worker died; None if it returned."""
    if result.failure is not None:
        return Failure(_("the call did not finish: {why}").format(why=result.failure), call=case.code(function),
                       hint=_("look for an endless loop, huge memory use or an exit in your code"))
    if result.error is not None:
        error = result.error
        if error["type"] == "missing":
            return Failure(_("there is no function `{function}` in your file").format(function=function),
                           hint=_("define {function} with the signature from the assignment").format(function=function))
        if error["not_implemented"]:
            raiser = _raising_function(error["where"])
            if raiser and raiser != function:
                return Failure(_("not implemented yet: it calls `{callee}`, which still raises NotImplementedError"
                                 ).format(callee=raiser),
                               hint=_("implement {callee} first; {function} is graded once what it calls works"
                                      ).format(callee=raiser, function=function))
            return Failure(_("not implemented yet: it raises NotImplementedError"),
                           hint=_("replace the `raise NotImplementedError` in {function} with your code"
                                  ).format(function=function))
        where = f" ({where_words(error['where'])})" if error["where"] else ""
        return Failure(_("raised {error}{where}").format(error=f"{error['type']}: {error['message']}", where=where),
                       call=case.code(function))
    return None


@dataclass(frozen=True)
class Implemented(Check):
    """The function exists and does something other than raise NotImplementedError."""

    name: str = "implemented"
    weight: float = 0.0
    requires: tuple[str, ...] = ()
    probe: Case | None = None

    def run(self, ctx: Context) -> Failure | None:
        if self.probe is None:
            return None
        result = ctx.call(self.probe)
        if result.failure is not None:  # a hang or crash on the smallest input: nothing else can run
            return error_failure(result, self.probe, ctx.function)
        if result.error is not None and (result.error["not_implemented"] or result.error["type"] == "missing"):
            return error_failure(result, self.probe, ctx.function)
        return None


@dataclass(frozen=True)
class AllowedApis(Check):
    """Static: the function (or a helper it calls) uses no banned library or routine."""

    name: str = "allowed_apis"
    weight: float = 0.0
    requires: tuple[str, ...] = ()

    def run(self, ctx: Context) -> Failure | None:
        reason = ctx.session.banned_uses.get(ctx.function)
        if reason is None:
            return None
        return Failure(_("scores zero: it uses {what}, which this assignment does not allow").format(what=reason),
                       hint=_(ctx.session.assignment.allowed_note))


Judge = Callable[[Case, CallResult, Context], "Failure | None"]


@dataclass(frozen=True)
class PropertyCheck(Check):
    """Hypothesis draws cases from `cases`; `judge` must accept the result of every one.

    A failing case is shrunk to the smallest one hypothesis finds. A call that hangs or kills
    the worker stops the check at once with that (unshrunk) case.
    """

    cases: st.SearchStrategy | None = None
    judge: Judge | None = None
    examples: tuple[Case, ...] = ()
    max_examples: int = 50
    call_options: Mapping[str, Any] = field(default_factory=dict)
    #: per-case call options on top of `call_options` (e.g. the upstream gradient for backward)
    call_options_for: Callable[[Case], Mapping[str, Any]] | None = None

    def call(self, ctx: Context, case: Case) -> CallResult:
        """One call of the student's function on `case`, with this check's call options."""
        options = dict(self.call_options)
        if self.call_options_for is not None:
            options.update(ctx.place_options(self.call_options_for(case)))
        return ctx.call(case, **options)

    def run(self, ctx: Context) -> Failure | None:
        ctx.forget_pending()
        return ctx.settle(self._search(ctx), self)

    def draw(self, ctx: Context, count: int, salt: str = "") -> list[Case]:
        """`count` cases from this check's strategy, the same for the same seed (and `salt`)."""
        seed_value = ctx.seed_for(self.name + salt)
        return draw_cases(self.cases, count, seed_value, ctx.session_cache(),
                          f"draw|{ctx.session.assignment_id}|{ctx.function}|{self.name}{salt}|{seed_value}|{count}")

    def _search(self, ctx: Context) -> Failure | None:
        last: list[Failure] = []
        shrink_started: list[float] = []

        def body(case: Case) -> None:
            if last and not shrink_started:
                shrink_started.append(time.monotonic())
            if shrink_started and time.monotonic() - shrink_started[0] > ctx.session.shrink_seconds:
                raise Abort(last[-1])
            result = self.call(ctx, case)
            if result.failure is not None:
                raise Abort(error_failure(result, case, ctx.function))
            failure = self.judge(case, result, ctx)
            if failure is not None:
                last.append(failure)
                raise CheckFailed(failure)

        factor = getattr(ctx.session, "examples_factor", 1.0)
        max_examples = max(2, round(self.max_examples * factor))
        cache = ctx.session_cache()
        key = f"{ctx.session.assignment_id}|{ctx.function}|{self.name}|{ctx.seed_for(self.name)}|" \
              f"{max_examples}|{len(self.examples)}" if cache is not None else ""
        kept = cache.cases(key) if cache is not None else None
        # The replay: the kept cases, in order, without hypothesis. `passed` of them passed; the
        # next one (if any) raised `stopped`.
        passed, stopped = 0, None
        if kept is not None:
            for _blob, case in kept:
                try:
                    body(case)
                except Abort as abort:
                    return abort.failure
                except Exception as error:  # noqa: BLE001 - a failing case: the search takes over below
                    stopped = error
                    break
                passed += 1
            if stopped is None:
                return None  # every case hypothesis would try passes: so would its search
        tried: list[bytes | None] = []
        calls = itertools.count()
        diverged: list[bool] = []

        def tried_body(case: Case) -> None:
            # After a failed replay, hypothesis asks for the same cases up to the failing one (its
            # choices depend on nothing but "passed" until then): they are answered from the
            # replay, so the student's function sees each call once, as in a search without a cache.
            index = next(calls)
            if stopped is not None and not diverged and index <= passed:
                if pickled(case) == kept[index][0]:
                    if index == passed:
                        raise stopped
                    return
                diverged.append(True)  # not the kept case (never seen): the search calls the function
            if cache is not None:
                tried.append(pickled(case))
            body(case)

        test = given(self.cases)(tried_body)
        for case in reversed(self.examples):
            test = example(case)(test)
        test = settings(max_examples=max_examples, deadline=None, database=None,
                        derandomize=False, report_multiple_bugs=False, print_blob=False,
                        phases=(Phase.explicit, Phase.generate, Phase.shrink),
                        suppress_health_check=list(HealthCheck))(test)
        test = seed(ctx.seed_for(self.name))(test)
        try:
            test()
        except Abort as abort:
            return abort.failure
        except CheckFailed as failed:
            return failed.failure
        except Exception as error:  # noqa: BLE001 - hypothesis' Flaky and friends
            if last:
                failure = last[-1]
                if "Flaky" in type(error).__name__:
                    failure.diagnosis = (failure.diagnosis + " " if failure.diagnosis else "") + \
                        _("Your function gave different results for the same input on different calls "
                          "(does it keep state or a cache between calls?).")
                return failure
            return Failure(_("the check could not run: {error}").format(error=f"{type(error).__name__}: {error}")[:300])
        if cache is not None and tried and None not in tried:
            cache.keep(key, tried)
        return None


# ================================================================ the job gate


@dataclass(frozen=True)
class DoesTheJob(Check):
    """Weight-0 gate: the function does its job at all, so that its property checks (timing,
    state, restoring x, ValueError cases, dtype, inputs unchanged) may earn points.

    It calls the function on the explicit examples of the values check `values` and on `drawn`
    cases drawn from it (with that check's call options) and judges each result with that
    check's judge. A result is *trivial* when the judge rejects it and its job (`part` of the
    result, all of it by default) is nothing, all zeros, the arguments handed back (every part
    zero or a copy of an argument), or the same as the result for a different case; a call that
    raises is trivial too. A result that is right, or wrong in a way of its own, shows the job
    done. The gate fails when some call is trivial and none shows the job done: a function that
    always raises or returns zeros, its input or a constant. A wrong formula is not trivial:
    correctness is the values check's business, and its property checks still count.
    """

    name: str = JOB
    weight: float = 0.0
    requires: tuple[str, ...] = GATES
    values: str = "matches_reference"
    #: the part of a result that is the function's job (e.g. w_new of an optimizer's (w_new, state))
    part: Callable[[Any], Any] | None = None
    part_name: str = N_("the result")
    drawn: int = 3

    def run(self, ctx: Context) -> Failure | None:
        check = ctx.checks.get(self.values)
        if not isinstance(check, PropertyCheck) or check.judge is None:
            return None
        cases = list(check.examples) + self._draw(check, ctx)
        seen: list[tuple[Case, Any, bool]] = []  # (case, job part, rejected) of each call that returned
        trivial: list[tuple[Case, str]] = []
        done = 0
        for case in cases:
            result = check.call(ctx, case)
            if result.failure is not None:
                raise Abort(error_failure(result, case, ctx.function))
            if result.error is not None:
                trivial.append((case, _("raised {error}").format(
                    error=f"{result.error['type']}: {result.error['message']}"[:200])))
                continue
            rejected = check.judge(case, result, ctx) is not None
            part = self._part(result.value)
            ignored_fixture = _has_fixture(case) and not any(result.fixture_calls)
            seen.append((case, part, rejected or ignored_fixture))
            why = _("computed without ever calling the function it was given") if ignored_fixture else \
                _empty_job(part, case) if rejected else ""
            if why:
                trivial.append((case, _("{part} is {why}").format(part=_(self.part_name), why=why)))
        for index, (case, part, rejected) in enumerate(seen):
            same = next((other for j, (other, other_part, other_rejected) in enumerate(seen)
                         if j != index and (rejected or other_rejected)
                         and other.code(ctx.function) != case.code(ctx.function) and _same_leaves(part, other_part)),
                        None)
            if same is not None:
                trivial.append((case, _("{part} is the same for different inputs").format(part=_(self.part_name))))
            elif not (rejected and any(c is case for c, __ in trivial)) and not _empty_job(part, case):
                done += 1  # right, or wrong in a way of its own
        ctx.forget_pending()  # the values check's judge left its notes on failures nobody reports
        changing = self._changes_on_repeat(ctx, check, seen)
        if changing is not None:
            trivial, done = [(changing, _("{part} is different each time for the same input").format(
                part=_(self.part_name)))], 0
        if done or not trivial:
            return None
        case, why = trivial[0]
        return Failure(_("does not do the job at all: {why} on every valid input tried (e.g. the call below), so its "
                         "property checks earn nothing").format(why=why), call=case.code(ctx.function),
                       hint=_("compute the result from the inputs; timing, dtype and the other property checks "
                              "count once the function does its job"))

    def _changes_on_repeat(self, ctx: Context, check: "PropertyCheck", seen: list) -> Case | None:
        """The first case whose result was wrong, called again: a function whose result for the
        same input changes (noise of the right shape) computes nothing from its inputs."""
        for case, part, rejected in seen:
            if not rejected:
                continue
            again = check.call(ctx, case)
            if again.failure is not None or again.error is not None:
                return None
            first, second = _leaves(part), _leaves(self._part(again.value))
            same = len(first) == len(second) and all(
                a.shape == b.shape and np.allclose(a, b, rtol=1e-5, atol=1e-8, equal_nan=True)
                for a, b in zip(first, second))
            return None if same else case
        return None

    def _part(self, value: Any) -> Any:
        if self.part is None:
            return value
        try:
            return self.part(value)
        except Exception:  # noqa: BLE001 - a result of another shape: all of it is the job
            return value

    def _draw(self, check: PropertyCheck, ctx: Context) -> list[Case]:
        """`drawn` cases from the values check's strategy, the same for the same seed."""
        if self.drawn <= 0:
            return []
        seed_value = ctx.seed_for(self.name)
        return draw_cases(check.cases, self.drawn, seed_value, ctx.session_cache(),
                          f"draw|{ctx.session.assignment_id}|{ctx.function}|{self.name}|{check.name}|{seed_value}|"
                          f"{self.drawn}")


def draw_cases(strategy: st.SearchStrategy | None, count: int, seed_value: int, cache: Any = None,
               key: str = "") -> list[Case]:
    """`count` cases from `strategy`, the same for the same seed (fewer if it cannot draw); kept
    in `cache` (a `CaseCache`) under `key`, and taken from there when they are kept already."""
    if strategy is None or count <= 0:
        return []
    kept = cache.cases(key) if cache is not None else None
    if kept is not None:
        return [case for _blob, case in kept]
    drawn: list[Case] = []

    def collect(case: Case) -> None:
        drawn.append(case)

    test = given(strategy)(collect)
    test = settings(max_examples=count, deadline=None, database=None, phases=(Phase.generate,),
                    suppress_health_check=list(HealthCheck))(test)
    try:
        seed(seed_value)(test)()
    except Exception:  # noqa: BLE001 - a strategy that cannot draw: the examples decide
        pass
    drawn = drawn[:count]
    blobs = [pickled(case) for case in drawn] if cache is not None else []
    if blobs and None not in blobs:
        cache.keep(key, blobs)
    return drawn


def _leaves(value: Any) -> list[Any]:
    """The numbers and arrays in a result (tensors as arrays), in order."""
    value = plain(value)
    if isinstance(value, (tuple, list)):
        return [leaf for item in value for leaf in _leaves(item)]
    if isinstance(value, dict):
        return [leaf for item in value.values() for leaf in _leaves(item)]
    if isinstance(value, np.ndarray) and value.dtype.kind in "fiub":
        return [value]
    if isinstance(value, (int, float, np.number)) and not isinstance(value, bool):
        return [np.asarray(value)]
    return []


def _argument_leaves(case: Case) -> list[np.ndarray]:
    found: list[np.ndarray] = []
    for value in list(case.args) + list(case.kwargs.values()):
        if not isinstance(value, (FromCall, Fixture)):
            found += _leaves(value)
    return found


def _equal(a: np.ndarray, b: np.ndarray) -> bool:
    return a.shape == b.shape and a.dtype == b.dtype and \
        bool(np.array_equal(a, b, equal_nan=a.dtype.kind == "f"))


def _same_leaves(first: Any, second: Any) -> bool:
    """Equal results, where an array filled with one number equals any array filled with the
    same number, whatever the shapes (np.ones_like(x) for inputs of different sizes)."""
    a, b = _leaves(first), _leaves(second)
    return bool(a) and len(a) == len(b) and all(_equal(x, y) or _same_fill(x, y) for x, y in zip(a, b))


def _same_fill(a: np.ndarray, b: np.ndarray) -> bool:
    return a.size > 1 and b.size > 1 and a.dtype == b.dtype and _one_value(a) and _one_value(b) \
        and bool(a.reshape(-1)[0] == b.reshape(-1)[0])


def _one_value(leaf: np.ndarray) -> bool:
    """Every element the same number (np.ones_like(x), np.full(shape, c))."""
    flat = leaf.reshape(-1)
    return bool(np.all(flat == flat[0])) if flat.size else False


def _has_fixture(case: Case) -> bool:
    return any(isinstance(v, Fixture) for v in list(case.args) + list(case.kwargs.values()))


def _empty_job(part: Any, case: Case) -> str:
    """How `part` is empty ('' if it is not): nothing numeric, all zeros, or the arguments back."""
    leaves = _leaves(part)
    if not leaves:
        return _("{value}, not a computed value").format(value=show_result(part))
    zero = [leaf.size > 0 and not np.any(leaf) for leaf in leaves]
    if all(zero):
        return _("all zeros")
    arguments = _argument_leaves(case)
    if all(z or any(_equal(leaf, arg) for arg in arguments) for z, leaf in zip(zero, leaves)):
        return _("its argument handed back unchanged") if len(leaves) == 1 else _("its arguments handed back")
    return ""


# ================================================================ judges


Expected = Callable[[Case], Any]


@dataclass(frozen=True)
class Diagnosis:
    """A known mistake: `output(case)` is what the mistaken code returns, `message` names it.

    `precision_only`: the mistake loses precision rather than changing the formula (a step in
    float32), so `output` is the truth itself, recognised within `tolerance_scale` times the
    tolerance; it is never skipped for equalling the truth."""

    message: str
    output: Callable[[Case], Any]
    tolerance_scale: float = 10.0
    precision_only: bool = False


def plain(value: Any) -> Any:
    """Tensors to arrays, everything else as it is: for comparing values only."""
    if isinstance(value, TensorValue):
        return value.array
    if isinstance(value, tuple):
        return tuple(plain(v) for v in value)
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def compare_tree(expected: Any, got: Any, dtype: np.dtype, tolerance: Tolerance | None,
                 name: str = RESULT, names: Sequence[str] = (), scale_floor: Any = 0.0
                 ) -> Mismatch | None:
    """Walk `expected` (arrays, floats, tuples, dicts) and compare `got` to it part by part.

    `scale_floor` is one float for every part, or a tree shaped like `expected` (tuples and
    dicts of floats) giving each part its own natural size."""
    got = plain(got)
    if expected is ANYTHING or got is ANYTHING:  # `got` is ANYTHING only in a simulated mistake
        return None
    if isinstance(expected, tuple):
        if not isinstance(got, (tuple, list)):
            return Mismatch("type", (_("{name} should be a tuple of {count} ({names}), got {got}") if names else
                                     _("{name} should be a tuple of {count}, got {got}")).format(
                name=shown(name), count=len(expected), names=", ".join(names), got=show_result(got)))
        if len(got) != len(expected):
            return Mismatch("type", _("{name} should have {count} items, got {got}").format(
                name=shown(name), count=len(expected), got=len(got)))
        for index, (e, g) in enumerate(zip(expected, got)):
            part = names[index] if index < len(names) else _("item {index} of {name}").format(index=index,
                                                                                               name=shown(name))
            found = compare_tree(e, g, dtype, tolerance, part, scale_floor=_floor_part(scale_floor, index))
            if found is not None:
                return found
        return None
    if isinstance(expected, dict):
        if not isinstance(got, dict):
            return Mismatch("type", _("{name} should be a dict with keys {keys}, got {got}").format(
                name=shown(name), keys=sorted(expected), got=show_result(got)))
        missing = sorted(set(expected) - set(got))
        if missing:
            return Mismatch("type", ngettext("{name} is missing the key {keys}", "{name} is missing the keys {keys}",
                                             len(missing)).format(name=shown(name), keys=missing))
        for key in expected:
            found = compare_tree(expected[key], got[key], dtype, tolerance, f"{shown(name)}[{key!r}]",
                                 scale_floor=_floor_part(scale_floor, key))
            if found is not None:
                return found
        return None
    if isinstance(got, Opaque):
        return Mismatch("type", _("{name} is {got}, expected a plain array or tensor").format(name=shown(name),
                                                                                               got=show_result(got)))
    if np.ndim(expected) == 0 and isinstance(got, (float, int, np.generic)) and not isinstance(got, bool):
        got = np.asarray(got)
    found = compare(np.asarray(expected), got, dtype, tolerance, what=name, scale_floor=scale_floor)
    if found is not None and found.kind == "values" and name != RESULT:  # say which part
        found = Mismatch(found.kind, _("{name}: {text}").format(name=name, text=found.text), found.index,
                         found.expected_value, found.got_value)
    return found


def _floor_part(scale_floor: Any, key: Any) -> Any:
    if isinstance(scale_floor, (tuple, list)):
        return scale_floor[key] if isinstance(key, int) and key < len(scale_floor) else 0.0
    if isinstance(scale_floor, dict):
        return scale_floor.get(key, 0.0)
    return scale_floor


def _shared_nans_zeroed(simulated: Any, got: Any) -> tuple[Any, Any]:
    """Both trees with 0 where both hold NaN: a mistake that produces NaN (an inverted mask
    blanking a whole row) is recognised by producing NaN in the same places."""
    if simulated is ANYTHING:
        return simulated, got
    if isinstance(simulated, (tuple, list)) and isinstance(got, (tuple, list)) and len(simulated) == len(got):
        pairs = [_shared_nans_zeroed(s, g) for s, g in zip(simulated, got)]
        return tuple(p[0] for p in pairs), type(got)(p[1] for p in pairs)
    if isinstance(simulated, dict) and isinstance(got, dict):
        pairs = {k: _shared_nans_zeroed(v, got[k]) for k, v in simulated.items() if k in got}
        return ({k: pairs[k][0] if k in pairs else v for k, v in simulated.items()},
                {k: pairs[k][1] if k in pairs else v for k, v in got.items()})
    if isinstance(got, np.ndarray) and got.dtype.kind == "f" and np.shape(simulated) == got.shape:
        simulated = np.asarray(simulated, dtype=np.float64)
        both = np.isnan(simulated) & np.isnan(got)
        if both.any():
            return np.where(both, 0.0, simulated), np.where(both, 0, got).astype(got.dtype)
    return simulated, got


def diagnose(case: Case, got: Any, diagnoses: Sequence[Diagnosis], tolerance: Tolerance | None,
             scale_floor: float = 0.0, truth: Any = None) -> str:
    """The known mistake that explains `got` on this one case, when it is the only one that
    does (see `identify` for naming one from several cases). Given the `truth`, a mistake that
    changes nothing on this case (no dout to forget when dout is all ones, no mask to invert)
    is skipped: it cannot be told from correct code. "" when none or several explain it."""
    suspects = _value_suspects(case, got, diagnoses, lambda c: truth, tolerance, (), lambda c: scale_floor)
    if truth is None:
        suspects = replace(suspects, wrong=lambda t, x, c: True)
    found = {_(known.message) for known in diagnoses if _explains_alone(suspects, known)}
    return found.pop() if len(found) == 1 else ""


def _explains_alone(s: "Suspects", known: Diagnosis) -> bool:
    with np.errstate(all="ignore"):
        try:
            predicted = known.output(s.case)
        except Exception:  # noqa: BLE001 - a diagnosis that does not apply
            return False
        return (known.precision_only or s.wrong(s.truth(s.case), predicted, s.case)) and \
            s.explains(known, predicted, s.got, s.case)


# ================================================================ naming the mistake


#: a call that gave nothing to compare (it raised, or its worker died)
NO_RESULT = type("NoResult", (), {"__repr__": lambda self: "NO_RESULT"})()
#: a known mistake's output on a case where it does not apply: it changes nothing there
_AS_TRUTH = type("AsTruth", (), {"__repr__": lambda self: "AS_TRUTH"})()


class _Stop(Exception):
    """No more calls for naming a mistake (the worker died)."""


@dataclass
class Suspects:
    """The known mistakes that may explain a failed case, left by a judge for its check to
    settle once the run is over (`identify`).

    `known[i].output(case)` is what mistake i gives on a case (raising: it does not apply there,
    so it gives the truth); `explains(known, predicted, got, case)` says whether a result is
    that prediction (loosely: the mistake's own tolerance); `wrong(truth, got, case)` is the
    judge's verdict on a result; `observe(ctx, check, case)` calls the student's function on
    another case and returns what is compared (NO_RESULT when the call raised)."""

    case: Case
    got: Any
    known: Sequence[Diagnosis]
    truth: Callable[[Case], Any]
    explains: Callable[[Diagnosis, Any, Any, Case], bool]
    wrong: Callable[[Any, Any, Case], bool]
    observe: Callable[[Context, Any, Case], Any] | None = None
    #: the most further calls of the student's function spent on telling mistakes apart
    calls: int = 5
    #: how many failing cases a mistake must explain before it is named
    confirm: int = 2
    #: cases drawn from the check's strategy as candidates for the further calls
    pool: int = 16
    #: another check of the exercise whose cases are candidates too (the valid arguments, where
    #: the check is about invalid ones); `truth` must then answer for its cases as well
    also: str = ""


def _observe_value(ctx: Context, check: Any, case: Case) -> Any:
    result = check.call(ctx, case)
    if result.failure is not None:
        raise _Stop(result.failure)
    return NO_RESULT if result.error is not None else result.value


def _predicted_parts(value: Any) -> frozenset | None:
    """The items of a tuple result a mistake says something about (the others are ANYTHING);
    None: all of it."""
    if isinstance(value, tuple) and any(item is ANYTHING for item in value):
        return frozenset(i for i, item in enumerate(value) if item is not ANYTHING)
    return None


def identify(ctx: Context, check: Any, s: Suspects) -> str:
    """The known mistake the student's function makes, or "" when it cannot be told apart.

    Named only when it explains the student's results on at least `s.confirm` failing cases,
    and every other known mistake that speaks of the same part of the result and explained the
    failed case too has been ruled out by a case where the two predict different results
    ("name no cause rather than a wrong one"). A mistake that changes nothing on a case (its
    output is the truth there) explains no failure there. The failed case comes first; further
    cases come from the check's examples and draws, each picked where the mistakes still in the
    running (and the truth) predict the most different results, and the function is called on
    them. Mistakes about different parts (the loss, the gradients) may be named together."""
    known = list(s.known)
    if not known:
        return ""
    cases: list[Case] = [s.case]
    truths: dict[int, Any] = {}
    predictions: dict[tuple[int, int], Any] = {}

    def truth(j: int) -> Any:
        if j not in truths:
            truths[j] = s.truth(cases[j])
        return truths[j]

    def predict(i: int, j: int) -> Any:
        if (i, j) not in predictions:
            with np.errstate(all="ignore"):
                try:
                    predictions[i, j] = known[i].output(cases[j])
                except Exception:  # noqa: BLE001 - a mistake that does not apply here
                    predictions[i, j] = _AS_TRUTH
        found = predictions[i, j]
        return truth(j) if found is _AS_TRUTH else found

    def shows(i: int, j: int) -> bool:
        """Mistake i gives a wrong result on case j."""
        predict(i, j)
        if predictions[i, j] is _AS_TRUTH:
            return False
        with np.errstate(all="ignore"):
            return known[i].precision_only or s.wrong(truth(j), predict(i, j), cases[j])

    def explains(i: int, j: int, got: Any) -> bool:
        with np.errstate(all="ignore"):
            try:
                return s.explains(known[i], predict(i, j), got, cases[j])
            except Exception:  # noqa: BLE001 - results of another structure
                return False

    def coincide(a: int, b: int, j: int) -> bool:
        """Mistakes a and b cannot be told apart on case j."""
        return explains(a, j, predict(b, j)) or explains(b, j, predict(a, j))

    alive = [i for i in range(len(known)) if shows(i, 0) and explains(i, 0, s.got)]
    if not alive:
        return ""
    parts = {i: _predicted_parts(predict(i, 0)) for i in alive}

    def rivals(a: int, b: int) -> bool:
        return known[a].message != known[b].message and \
            (parts[a] is None or parts[b] is None or bool(parts[a] & parts[b]))

    evidence: list[tuple[int, Any, bool]] = [(0, s.got, True)]
    confirmed: dict[int, int] = {i: 1 for i in alive}
    first_code = s.case.code(ctx.function)
    pool: list[int] | None = None
    calls = 0
    observe = s.observe or _observe_value
    while True:
        shadowed = {a for a in alive for b in alive if rivals(a, b)}
        done = {known[i].message for i in alive if confirmed[i] >= s.confirm}
        unconfirmed = {i for i in alive if known[i].message not in done}
        if not shadowed and not unconfirmed or calls >= s.calls:
            break
        if pool is None:
            sources = [check] + ([ctx.checks[s.also]] if s.also in ctx.checks else [])
            extra = [case for source in sources for case in
                     list(getattr(source, "examples", ())) +
                     (source.draw(ctx, s.pool, ":diagnose") if hasattr(source, "draw") else [])]
            extra = [c for c in extra if c is not s.case and c.code(ctx.function) != first_code]
            pool = list(range(len(cases), len(cases) + len(extra)))
            cases.extend(extra)
        best, best_score = None, 0
        for j in pool:
            showing = [i for i in alive if shows(i, j)]
            if not showing:
                continue
            score = sum(2 for a in shadowed for b in shadowed if a < b and rivals(a, b) and not coincide(a, b, j))
            score += sum(1 for i in unconfirmed if i in showing)
            if score > best_score:
                best, best_score = j, score
        if best is None:
            break
        pool.remove(best)
        calls += 1
        try:
            got = observe(ctx, check, cases[best])
        except (_Stop, Abort):
            break
        if got is NO_RESULT:
            continue
        with np.errstate(all="ignore"):
            failing = bool(s.wrong(truth(best), got, cases[best]))
        evidence.append((best, got, failing))
        alive = [i for i in alive if explains(i, best, got)]
        for i in alive:
            confirmed[i] += failing and shows(i, best)
    shadowed = {a for a in alive for b in alive if rivals(a, b)}
    named = [i for i in alive if i not in shadowed and confirmed[i] >= s.confirm]
    return " ".join(dict.fromkeys(_(known[i].message) for i in named))


def _value_suspects(case: Case, got: Any, diagnoses: Sequence[Diagnosis], expected: Expected, tolerance: Any,
                    names: Sequence[str], scale: Scale | None) -> Suspects:
    """Suspects for a judge comparing values (`matches`, `stable`): a mistake explains a result
    within its `tolerance_scale` times the tolerance (NaN where the mistake gives NaN too)."""

    def floor(c: Case) -> Any:
        return scale(c) if scale else 0.0

    def explains(known: Diagnosis, predicted: Any, result: Any, c: Case) -> bool:
        base = tolerance_for(tolerance, c) or Tolerance.for_dtype(c.dtype)
        loose = Tolerance(base.rtol * known.tolerance_scale, base.atol * known.tolerance_scale)
        simulated, seen = _shared_nans_zeroed(predicted, plain(result))
        return compare_tree(simulated, seen, c.dtype, loose, scale_floor=floor(c)) is None

    def wrong(truth: Any, result: Any, c: Case) -> bool:
        base = tolerance_for(tolerance, c) or Tolerance.for_dtype(c.dtype)
        return compare_tree(truth, result, c.dtype, base, names=names, scale_floor=floor(c)) is not None

    return Suspects(case, got, tuple(diagnoses), expected, explains, wrong)


# ================================================================ partial credit


@dataclass
class Parts:
    """A failed tuple result (loss and gradient; dx, dw, db), left by `matches` for its check
    to score part by part (`part_credit`)."""

    case: Case
    got: Any
    expected: Expected
    tolerance: Any
    names: Sequence[str]
    scale: Scale | None


def _part_right(parts: Parts, case: Case, truth: tuple, got: Any, index: int) -> bool:
    got = plain(got)
    if not isinstance(got, (tuple, list)) or len(got) != len(truth):
        return False
    floor = parts.scale(case) if parts.scale else 0.0
    name = parts.names[index] if index < len(parts.names) else _("item {index}").format(index=index)
    with np.errstate(all="ignore"):
        return compare_tree(truth[index], got[index], case.dtype, tolerance_for(parts.tolerance, case), name,
                            scale_floor=_floor_part(floor, index)) is None


def part_credit(ctx: Context, check: Any, parts: Parts, failure: Failure) -> None:
    """The share of a failed values check still earned: the parts of the result (loss,
    dlogits) right on every case the check tries, called again and judged one part at a time.
    A part the contract leaves free (ANYTHING, a cache) does not count; a call that raises
    leaves every part unjudged, and so earns nothing."""
    truth = parts.expected(parts.case)
    if not isinstance(truth, tuple):
        return
    counted = [i for i, item in enumerate(truth) if item is not ANYTHING]
    if len(counted) < 2:
        return
    right = [i for i in counted if _part_right(parts, parts.case, truth, parts.got, i)]
    if not right:
        return
    factor = getattr(ctx.session, "examples_factor", 1.0)
    tried = list(getattr(check, "examples", ())) + \
        check.draw(ctx, max(2, round(getattr(check, "max_examples", 0) * factor)))
    for case in tried:
        result = check.call(ctx, case)
        if result.failure is not None or result.error is not None:
            return
        expected = parts.expected(case)
        right = [i for i in right if _part_right(parts, case, expected, result.value, i)]
        if not right:
            return
    name = [parts.names[i] if i < len(parts.names) else _("item {index}").format(index=i) for i in counted]
    good = [name[counted.index(i)] for i in right]
    bad = [n for i, n in zip(counted, name) if i not in right]
    failure.credit = len(right) / len(counted)
    failure.summary = _("{summary} (partial credit: {good} on every case tried; {bad} not: "
                        "{right} of {parts} parts)").format(
        summary=failure.summary, right=len(right), parts=len(counted),
        good=ngettext("{names} matches", "{names} match", len(good)).format(names=_words(good)),
        bad=ngettext("{names} does", "{names} do", len(bad)).format(names=_words(bad)))


def _words(items: Sequence[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else _("{names} and {last}").format(names=", ".join(items[:-1]),
                                                                          last=items[-1])


Scale = Callable[[Case], float]


CaseTolerance = "Tolerance | Callable[[Case], Tolerance] | None"


def tolerance_for(tolerance: Any, case: Case) -> Tolerance | None:
    """A fixed tolerance, or one that depends on the case (e.g. grows with the inputs' size
    where float32 rounding of large inputs is unavoidable for any correct formula)."""
    return tolerance(case) if callable(tolerance) else tolerance


def matches(expected: Expected, *, tolerance: CaseTolerance = None, names: Sequence[str] = (),
            diagnoses: Sequence[Diagnosis] = (), hint: str = "", scale: Scale | None = None,
            argument_names: Sequence[str] = ()) -> Judge:
    """The result equals `expected(case)` (float64 truth, same structure) at the dtype's
    tolerance; `scale(case)` is the function's natural output size (see compare.compare);
    `argument_names` name the arguments when a wrong result comes with one modified in place."""

    def judge(case: Case, result: CallResult, ctx: Context) -> Failure | None:
        failure = error_failure(result, case, ctx.function)
        if failure is not None:
            return failure
        truth = expected(case)
        floor = scale(case) if scale else 0.0
        note_truth(ctx, result, value=truth, tolerance=tolerance_for(tolerance, case), floor=floor, names=names)
        mismatch = compare_tree(truth, result.value, case.dtype, tolerance_for(tolerance, case), names=names,
                                scale_floor=floor)
        if mismatch is None:
            return None
        what = mismatch.summary()
        failure = Failure(_("wrong result: {what}").format(what=what), wrong=what, wrong_result=True,
                          call=case.code(ctx.function),
                          diagnosis=mutation_diagnosis(case, ctx, argument_names), hint=_(hint))
        if diagnoses and not failure.diagnosis:
            ctx.defer(failure, _value_suspects(case, result.value, diagnoses, expected, tolerance, names, scale))
        if isinstance(truth, tuple):
            ctx.defer(failure, Parts(case, result.value, expected, tolerance, names, scale))
        return failure

    return judge


def mutation_diagnosis(case: Case, ctx: Context, argument_names: Sequence[str] = ()) -> str:
    """When a result is wrong, check once more whether the call also wrote into its inputs:
    that is then the first thing to fix (and the likeliest cause)."""
    try:
        again = ctx.call(case, return_args=True)
    except Abort:
        return ""
    if not again.ok:
        return ""
    before = list(case.args) + list(case.kwargs.values())
    after = list(again.args_after or []) + list((again.kwargs_after or {}).values())
    labels = _argument_labels(argument_names, list(case.kwargs), len(case.args))
    for label, old, new in zip(labels, before, after):
        if isinstance(old, FromCall):
            continue
        if _changed(old, new):
            return _("It also modifies its input {argument} in place; the caller's array must "
                     "stay unchanged (work on a copy).").format(argument=label)
    return ""


def _argument_labels(names: Sequence[str], keywords: Sequence[str], positional: int) -> list[str]:
    """How to name each argument of a call in a message: `x` by its contract name when known."""
    labels = [f"`{names[i]}`" if i < len(names) else _("argument {number}").format(number=i + 1)
              for i in range(positional)]
    return labels + [f"`{key}`" for key in keywords]


def stable(expected: Expected, *, tolerance: CaseTolerance = None, names: Sequence[str] = (),
           diagnoses: Sequence[Diagnosis] = (), hint: str = "", scale: Scale | None = None,
           argument_names: Sequence[str] = ()) -> Judge:
    """No overflow/invalid/divide-by-zero warning from numpy, finite results, and correct ones."""
    values = matches(expected, tolerance=tolerance, names=names, diagnoses=diagnoses, hint=hint, scale=scale,
                     argument_names=argument_names)

    def judge(case: Case, result: CallResult, ctx: Context) -> Failure | None:
        failure = error_failure(result, case, ctx.function)
        if failure is not None:
            return failure
        if result.fp_errors:
            kinds = fp_kinds(result.fp_errors)
            failure = Failure(_("numpy raised a floating-point warning ({kinds}: {example}) for a finite input").format(
                kinds=kinds, example=_(_FP_WORDS[result.fp_errors[0]]) if result.fp_errors[0] in _FP_WORDS else ""),
                              call=case.code(ctx.function), hint=_(hint))
            if diagnoses:
                ctx.defer(failure, _value_suspects(case, result.value, diagnoses, expected, tolerance, names, scale))
            return failure
        found = values(case, result, ctx)
        if found is not None and found.wrong:
            found.summary = _("not stable for large inputs: {what}").format(what=found.wrong)
        return found

    return judge


#: numpy's names for floating-point errors, as a message says them
FP_KINDS = {"overflow": N_("overflow"), "invalid value": N_("invalid value"), "divide by zero": N_("divide by zero"),
            "underflow": N_("underflow")}


def fp_kinds(kinds: Sequence[str]) -> str:
    """numpy's floating-point error kinds (as the worker recorded them) in the current language."""
    return _(", ").join(_(FP_KINDS[kind]) if kind in FP_KINDS else kind for kind in kinds)


_FP_WORDS = {"overflow": N_("e.g. exp of a large number"),
             "invalid value": N_("e.g. inf - inf, inf / inf or 0 * inf"),
             "divide by zero": N_("e.g. log(0) or x / 0")}


def output_dtypes(value: Any, names: Sequence[str] = ()) -> list[tuple[str, str]]:
    """(name, dtype) of every float array or tensor in a result; a tuple result's items are
    called by `names` (loss, grads) where given."""
    found: list[tuple[str, str]] = []

    def walk(item: Any, name: str) -> None:
        if isinstance(item, TensorValue):
            found.append((name, item.dtype.replace("torch.", "")))
        elif isinstance(item, np.ndarray) and item.dtype.kind == "f":
            found.append((name, item.dtype.name))
        elif isinstance(item, np.floating):
            found.append((name, np.dtype(type(item)).name))
        elif isinstance(item, (tuple, list)):
            for index, sub in enumerate(item):
                top = name == RESULT and index < len(names)
                walk(sub, f"`{names[index]}`" if top else f"{shown(name)}[{index}]")
        elif isinstance(item, dict):
            for key, sub in item.items():
                walk(sub, f"{shown(name)}[{key!r}]")

    walk(value, RESULT)
    return found


def keeps_dtype(*, allow_python_float: bool = False, hint: str = "", names: Sequence[str] = ()) -> Judge:
    """Every float array in the result has the input's dtype (float32 stays float32); `names`
    call a tuple result's items in messages."""

    def judge(case: Case, result: CallResult, ctx: Context) -> Failure | None:
        failure = error_failure(result, case, ctx.function)
        if failure is not None:
            return failure
        want = case.dtype.name
        if not output_dtypes(result.value) and not allow_python_float:
            return Failure(_("the result is {got}, expected a {dtype} array").format(got=show_result(result.value),
                                                                                     dtype=want),
                           call=case.code(ctx.function))
        for name, dtype in output_dtypes(result.value, names):
            if dtype != want:
                return Failure(_("{name} is {dtype} for {want} input: the output dtype must match the input's").format(
                    name=shown(name), dtype=dtype, want=want),
                               call=case.code(ctx.function),
                               diagnosis=dtype_diagnosis(want, dtype), hint=_(hint))
        return None

    return judge


def dtype_diagnosis(want: str, got: str) -> str:
    """Why a float32 computation may have come out float64 (empty for other dtype pairs)."""
    if want == "float32" and got == "float64":
        return _("Something upcast to float64: in NumPy 2 a float32 array times a np.float64 scalar "
                 "(e.g. from np.sqrt, np.exp or np.float64 of a Python float) is float64, and so is "
                 "a buffer made with np.zeros(shape) without dtype=, or float32 combined with an "
                 "integer array ((x > 0).astype(int), np.eye(C, dtype=labels.dtype), labels themselves): "
                 "make masks and one-hot arrays with the input's dtype (x.dtype).")
    return ""


def leaves_inputs_unchanged(names: Sequence[str] = ()) -> Judge:
    """The call left every array argument exactly as it was (no in-place modification)."""

    def judge(case: Case, result: CallResult, ctx: Context) -> Failure | None:
        failure = error_failure(result, case, ctx.function)
        if failure is not None:
            return failure
        before = list(case.args) + list(case.kwargs.values())
        after = list(result.args_after or []) + list((result.kwargs_after or {}).values())
        for label, old, new in zip(_argument_labels(names, list(case.kwargs), len(case.args)), before, after):
            changed = _changed(old, new)
            if changed:
                return Failure(_("it modified its input {argument} in place{change}").format(argument=label,
                                                                                             change=changed),
                               call=case.code(ctx.function),
                               hint=_("work on a copy or build a new array (x = x.copy(), or avoid "
                                      "`-=`, `+=`, `x[mask] = ...` on arguments)"))
        return None

    return judge


def _changed(old: Any, new: Any) -> str:
    old_array = old.array if isinstance(old, TensorValue) else old
    new_array = new.array if isinstance(new, TensorValue) else new
    if isinstance(old_array, np.ndarray):
        if not isinstance(new_array, np.ndarray) or new_array.shape != old_array.shape:
            return _(" (its shape changed)")
        if not np.array_equal(old_array, new_array, equal_nan=True):
            diff = np.argwhere(~((old_array == new_array) | (np.isnan(old_array) & np.isnan(new_array))
                                 if old_array.dtype.kind == "f" else old_array == new_array))
            index = tuple(int(i) for i in diff[0]) if diff.size else ()
            return (_(": at index {index} it was {old} and is now {new}").format(
                index=index, old=repr(old_array[index]), new=repr(new_array[index]))
                    if index or old_array.ndim == 0 else "")
    if isinstance(old, dict) and isinstance(new, dict):
        for key in old:
            changed = _changed(old[key], new.get(key))
            if changed:
                return _(" (entry {key}{change})").format(key=repr(key), change=changed)
    return ""


def gradients_match(expected: Callable[[Case], Sequence[Any]], *, names: Sequence[str],
                    tolerance: Tolerance | None = None, hint: str = "",
                    diagnoses: Sequence[Diagnosis] = ()) -> Judge:
    """Autograd through the student's result (run in the worker with the upstream gradients
    of `call_options_for`) gives, for each positional argument, the gradient `expected(case)`
    says (None: that argument is not differentiated). Judged here, not by the student's torch."""

    def judge(case: Case, result: CallResult, ctx: Context) -> Failure | None:
        failure = error_failure(result, case, ctx.function)
        if failure is not None:
            return failure
        truth = list(expected(case))
        grads = result.grads
        if isinstance(grads, Opaque):
            return Failure(_("autograd cannot go through the result: {why}").format(why=grads.type_name),
                           call=case.code(ctx.function),
                           diagnosis=_("Is something detached, converted to numpy, or built with "
                                       "torch.tensor(...) from computed values?"),
                           hint=_(hint) or _("use only differentiable torch operations on the inputs"))
        grads = list(grads or [])
        # one scale for all gradients: a gradient that is exactly 0 in theory comes out of the
        # reference as ~1e-13 rounding noise, which only the other gradients' size puts in proportion
        floor = max((float(np.max(np.abs(w), initial=0.0)) for w in truth if w is not None), default=0.0)
        note_truth(ctx, result, grads=truth, tolerance=tolerance, floor=floor)
        for index, want in enumerate(truth):
            if want is None:
                continue
            name = names[index] if index < len(names) else _("argument {number}").format(number=index + 1)
            got = grads[index] if index < len(grads) else None
            if got is None:
                return Failure(_("no gradient reaches `{name}`: the result does not depend on it through "
                                 "autograd").format(name=name), call=case.code(ctx.function),
                               diagnosis=_("Something on the way is detached (.detach(), .data, numpy, "
                                           "torch.tensor(...) of a computed value)."), hint=_(hint))
            mismatch = compare_tree(want, got, case.dtype, tolerance, _("the gradient of `{name}`").format(name=name),
                                    scale_floor=floor)
            if mismatch is not None:
                return Failure(_("wrong gradient: {what}").format(what=mismatch.summary()), call=case.code(ctx.function),
                               diagnosis=diagnose(case, got, diagnoses, tolerance), hint=_(hint))
        return None

    return judge


@dataclass(frozen=True)
class KeepsDevice(Check):
    """Results stay on the inputs' device: on the grading device when it is not the CPU, and
    always on PyTorch's data-less "meta" device, where a stray `.cpu()`, numpy round trip or a
    tensor built without `device=` shows on any machine.

    A meta run that raises an error other than a device error (`.item()`, `if t:` or a
    data-dependent kernel, which meta cannot run) shows nothing, so it does not pass by itself:
    the same case must then run on the CPU (an error there is the function's own), and the
    device path is what the run on the grading device showed or, on a CPU-only machine, what the
    code says: no route to the CPU (`.cpu()`, `.numpy()`, `.tolist()`, "cpu", `torch.from_numpy`,
    a tensor made without `device=` and not moved with `.to(...)`) in the function or its helpers.
    """

    name: str = "keeps_device"
    weight: float = 1.0
    requires: tuple[str, ...] = GATES + ("matches_reference",)
    make_case: Callable[[str], Case] | None = None
    hint: str = N_("create new tensors with device=x.device (and dtype=x.dtype); never call .cpu() or .numpy()")

    def run(self, ctx: Context) -> Failure | None:
        accelerated = ctx.session.device != "cpu"
        devices = ([ctx.session.device] if accelerated else []) + ["meta"]
        for device in devices:
            case = self.make_case(device)
            result = ctx.call(case)
            if result.failure is not None:
                return error_failure(result, case, ctx.function)
            if result.error is not None:
                if device == "meta" and not _is_device_error(result.error["message"]):
                    return self._meta_could_not_run(ctx, case, result.error, accelerated)
                return Failure(_("with inputs on {device}: raised {error}").format(
                    device=_device_words(device), error=f"{result.error['type']}: {result.error['message'][:300]}"),
                               call=case.code(ctx.function),
                               diagnosis=_("It moves data to another device (the CPU?) on the way: on a GPU it would "
                                           "fail the same way.") if device == "meta" else
                               _("It moves data to another device (the CPU?) on the way."),
                               hint=_(self.hint))
            for name, where in output_devices(result.value):
                if not where.startswith(device):
                    return Failure(_("{name} is on {where} for inputs on {device}: results must "
                                     "stay on the inputs' device").format(name=shown(name), where=where,
                                                                          device=_device_words(device)),
                                   call=case.code(ctx.function),
                                   diagnosis=_("On a GPU, its result would land on the CPU the same way.")
                                   if device == "meta" else "", hint=_(self.hint))
        return None

    def _meta_could_not_run(self, ctx: Context, meta_case: Case, error: dict, accelerated: bool) -> Failure | None:
        cpu_case = self.make_case("cpu")
        failure = error_failure(ctx.call(cpu_case), cpu_case, ctx.function)
        if failure is not None:
            return failure
        if accelerated:  # the run on the grading device showed where the results land
            return None
        routes = host_routes(ctx.session.submission.source, ctx.function)
        if not routes:
            return None
        raised = f"{error['type']}: {error['message']}"[:200]
        return Failure(_("with inputs on meta (a device without data, standing in for a GPU) it raised {error}, "
                         "so where its results land cannot be seen there; and its code has a route to the CPU: "
                         "{routes}").format(error=raised, routes="; ".join(routes[:3])),
                       call=meta_case.code(ctx.function),
                       diagnosis=_("Results must stay on the inputs' device: on a GPU this would move data to "
                                   "the CPU."), hint=_(self.hint))


#: torch functions that make a tensor on the CPU unless given device=
_FACTORIES = frozenset({"tensor", "as_tensor", "asarray", "scalar_tensor", "zeros", "ones", "empty", "full",
                        "arange", "range", "eye", "rand", "randn", "randint", "linspace", "logspace",
                        "tril_indices", "triu_indices"})


def host_routes(source: str, function: str) -> list[str]:
    """Where `function` (or a top-level helper it names, transitively) may put data on the CPU:
    `.cpu()`, `.numpy()`, `.tolist()`, the string "cpu", `torch.from_numpy`, or a torch factory
    without `device=` whose tensor is not moved on with `.to(...)`. Static, on the AST only."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    definitions = {node.name: node for node in tree.body
                   if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}
    torch_names = {"torch"}
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            torch_names |= {a.asname or a.name for a in node.names if a.name == "torch"}
        elif isinstance(node, ast.ImportFrom) and node.module == "torch":
            torch_names |= {f"={a.asname or a.name}" for a in node.names if a.name in _FACTORIES | {"from_numpy"}}
    reached, todo = set(), [function]
    while todo:
        name = todo.pop()
        if name in reached or name not in definitions:
            continue
        reached.add(name)
        todo += [n.id for n in ast.walk(definitions[name]) if isinstance(n, ast.Name)]
    routes: list[str] = []
    for name in sorted(reached, key=lambda n: definitions[n].lineno):
        moved = {id(inner) for node in ast.walk(definitions[name])
                 if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "to"
                 for inner in ast.walk(node.func.value)}
        for node in ast.walk(definitions[name]):
            where = _("line {line}").format(line=getattr(node, 'lineno', '?'))
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith("cpu"):
                routes.append(f'{where}: "{node.value}"')
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and node.func.attr in ("cpu", "numpy", "tolist"):
                routes.append(f"{where}: .{node.func.attr}()")
            elif isinstance(node, ast.Call) and _getattr_on_torch(node, torch_names):
                routes.append(_("{where}: getattr(torch, ...) (a torch function picked by name at run time)").format(
                    where=where))
            elif isinstance(node, ast.Call):
                factory = _torch_factory(node.func, torch_names)
                if factory == "from_numpy" or (factory and id(node) not in moved
                                               and not any(k.arg == "device" for k in node.keywords)):
                    routes.append(_("{where}: torch.{factory}(...) without device=").format(where=where, factory=factory)
                                  if factory != "from_numpy"
                                  else f"{where}: torch.from_numpy(...)")
    return list(dict.fromkeys(routes))


def _getattr_on_torch(call: ast.Call, torch_names: set[str]) -> bool:
    """`getattr(torch, name)`: which function it fetches, and so where its tensors go, is known
    only at run time (a literal name of a function that is not a factory is fine)."""
    if not (isinstance(call.func, ast.Name) and call.func.id == "getattr" and call.args):
        return False
    target = call.args[0]
    if not (isinstance(target, ast.Name) and target.id in torch_names):
        return False
    name = call.args[1] if len(call.args) > 1 else None
    return not (isinstance(name, ast.Constant) and isinstance(name.value, str)) or \
        name.value in _FACTORIES | {"from_numpy"}


def _torch_factory(func: ast.AST, torch_names: set[str]) -> str:
    if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id in torch_names \
            and func.attr in _FACTORIES | {"from_numpy"}:
        return func.attr
    if isinstance(func, ast.Name) and f"={func.id}" in torch_names:
        return func.id
    return ""


def _device_words(device: str) -> str:
    """The device in a message: `meta` said for what it is, PyTorch's device without data that
    the grader uses to stand in for a GPU (or any device other than the CPU) on every machine."""
    if device == "meta":
        return _("meta (PyTorch's device without data, standing in here for a GPU or any other device "
                 "than the CPU)")
    return device


def _is_device_error(message: str) -> bool:
    text = message.lower()
    return "same device" in text or "copy out of meta" in text or "two devices" in text or \
        ("device" in text and ("cpu" in text or "meta" in text))


def output_devices(value: Any, name: str = RESULT) -> list[tuple[str, str]]:
    if isinstance(value, TensorValue):
        return [(name, value.device)]
    if isinstance(value, (tuple, list)):
        return [found for i, v in enumerate(value) for found in output_devices(v, f"{shown(name)}[{i}]")]
    return []


# ================================================================ timing


@dataclass(frozen=True)
class TimingCheck(Check):
    """The student's time against the reference's on the same inputs, measured here.

    `make_case(rng)` builds one input (large enough that the reference takes ~1 ms);
    `reference(case)` runs the reference on it (already prepared, e.g. as tensors, by
    `prepare`). Student calls are timed from the grader's side: sending the inputs, the call and
    fetching the result, on one clock, minus what the same transfers cost on a worker that never
    loaded the submission; a fresh input each call (so a cache cannot help). Rounds interleave reference and student; the verdict is the
    ratio of medians against `limit`, re-measured once before failing. A call that takes far
    longer than the limit allows stops the measurement at once.

    Timing is judged only on calls whose results are right: each timed call's result is judged
    by the judge of the check `verify`. A wrong result fails timing, naming what was
    wrong, and revokes `verify`, which the function passed only on small inputs.

    `loop_case(rng, n)`, when given, builds a small input whose batch (and sequence) axes have
    size n: the function is called on it at the two `loop_sizes`, counting the lines of Python
    it runs. Vectorized code runs the same lines whatever the batch; a Python loop over the
    batch runs at least one more line per element, and fails timing however fast the machine
    (a loop of one cheap operation per row can stay within a ratio limit).
    """

    name: str = "timing"
    weight: float = 1.0
    requires: tuple[str, ...] = GATES + ("matches_reference",)
    make_case: Callable[[np.random.Generator], Case] | None = None
    prepare: Callable[[Case], Any] | None = None
    reference: Callable[[Any], Any] | None = None
    limit: float = 10.0
    rounds: int = 7
    hint: str = ""
    verify: str = "matches_reference"
    loop_case: Callable[[np.random.Generator, int], Case] | None = None
    loop_sizes: tuple[int, int] = (4, 12)

    def run(self, ctx: Context) -> Failure | None:
        if self.loop_case is not None:
            looped = self._python_loop(ctx)
            if looped is not None:
                return looped
        rng = np.random.default_rng(ctx.seed_for(self.name))
        ratios = []
        for attempt in range(2):
            outcome = self._measure(ctx, rng)
            if isinstance(outcome, Failure):
                return outcome
            ratios.append(outcome)
            if outcome <= self.limit:
                return None
        ratio = min(ratios)
        return Failure(_("too slow: about {ratio}x the reference's time (limit {limit}x), "
                         "median of {rounds} interleaved runs, measured twice").format(
            ratio=f"{ratio:.0f}", limit=f"{self.limit:g}", rounds=self.rounds),
                       hint=_(self.hint) or _("replace Python loops over array elements with vectorized numpy"),
                       slowdown=float(ratio), slowdown_limit=float(self.limit))

    def _python_loop(self, ctx: Context) -> Failure | None:
        """A failure if the lines of Python the function runs grow with the batch size."""
        if ctx.session.load_error is not None:
            return ctx.session.load_error
        rng = np.random.default_rng(ctx.seed_for("python_loop"))
        small, large = self.loop_sizes
        counted = []
        for size in (small, large):
            case = self.loop_case(rng, size)
            result = ctx.call(case, discard=True, count_lines=True)
            if not result.ok or result.lines is None:
                return error_failure(result, case, ctx.function) if not result.ok else None
            counted.append((result.lines, _shapes(case)))
        (fewer, small_shapes), (more, large_shapes) = counted
        if more - fewer < large - small:
            return None
        return Failure(_("too slow: a Python loop over the batch: the function ran {fewer} lines of Python on "
                         "{small_shapes} and {more} on {large_shapes}; vectorized code runs the same lines "
                         "for any batch size").format(fewer=fewer, small_shapes=small_shapes, more=more,
                                                      large_shapes=large_shapes),
                       hint=_(self.hint) or _("replace Python loops over array elements with vectorized numpy"))

    def _measure(self, ctx: Context, rng: np.random.Generator) -> float | Failure:
        worker = ctx.worker
        if ctx.session.load_error is not None:
            return ctx.session.load_error
        cases = [ctx.place(self.make_case(rng)) for _ in range(self.rounds + 1)]
        prepared = [self.prepare(case) if self.prepare else case for case in cases]
        trusted = ctx.session.sandbox.spawn()  # never runs student code: the transfers' own cost
        try:
            reference_times: list[float] = []
            student_times: list[float] = []
            transfer_times: list[float] = []
            for index, (case, ready) in enumerate(zip(cases, prepared)):
                start = time.perf_counter()
                self.reference(ready)
                ctx.session.synchronize()
                reference_times.append(time.perf_counter() - start)
                note_reference_round(ctx, reference_times[-1], first=index == 0)
                typical = statistics.median(reference_times)
                budget = max(self.limit * typical * 6, 0.25)
                if ctx.remaining() < budget:
                    budget = max(ctx.remaining(), 0.05)
                outcome = self._timed_round(ctx, worker, case, budget, typical)
                if isinstance(outcome, Failure):
                    return outcome
                seconds, result, (served, exchanges) = outcome
                wrong = self._judge(ctx, result, case)
                if wrong is not None:
                    return wrong
                if index > 0:  # the first round is the warm-up
                    # the grader's own work for the functions it calls (stand-ins) and moving their
                    # arguments and results are not the student's time; capped, since a thread of
                    # the student's could keep the grader busy while it computes
                    stand_in = served + self._stand_in_transfer_seconds(trusted, exchanges)
                    student_times.append(seconds - min(stand_in, STAND_IN_ALLOWANCE * typical))
                    transfer_times.append(self._transfer_seconds(trusted, case, result.value))
                else:
                    reference_times.clear()
        finally:
            trusted.close()
        student = max(statistics.median(student_times) - statistics.median(transfer_times), 1e-7)
        note_timing(ctx, self, cases[0], statistics.median(reference_times))
        return student / max(statistics.median(reference_times), 1e-7)

    def _timed_round(self, ctx: Context, worker: Any, case: Case, budget: float, typical: float
                     ) -> tuple[float, CallResult, tuple[float, list]] | Failure:
        """Send the inputs, call, and bring the result back, all on one clock: whatever the
        student's process does, from receiving the inputs to handing over the result, is timed
        (work moved to staging or to the fetch, or an early reply, saves nothing). Also: the
        seconds the grader spent answering stand-in requests, and those exchanges."""
        stand_ins = getattr(ctx.session, "stand_ins", None)
        if stand_ins is not None:
            stand_ins.take_exchanges()
        start = time.perf_counter()
        served_before = worker.stand_in_seconds
        staged = worker.store((list(case.args), dict(case.kwargs)))
        if staged is None:
            return error_failure(CallResult(failure=worker.failure), case, ctx.function) if worker.failure \
                else Failure(_("could not stage the timing inputs in the worker"))
        args = [SlotRef(staged.slot, (0, i)) for i in range(len(case.args))]
        kwargs = {k: SlotRef(staged.slot, (1, k)) for k in case.kwargs}
        timed = worker.call(ctx.function, args, kwargs, timeout=budget, keep=True, discard=True,
                            stand_ins=stand_ins)
        if timed.failure is not None:
            if timed.timed_out:
                return Failure(_("too slow: one call on a timing input took more than {seconds} s, "
                                 "while the reference takes {reference} ms "
                                 "(limit {limit}x); stopped early").format(
                    seconds=f"{budget:.2g}", reference=f"{typical * 1e3:.2g}", limit=f"{self.limit:g}"),
                               hint=_(self.hint) or _("replace Python loops with vectorized numpy"))
            return error_failure(timed, case, ctx.function)
        if timed.error is not None:
            return error_failure(timed, Case(("<timing input>",)), ctx.function)
        fetched = worker.fetch(timed.slot, timeout=budget) if timed.slot is not None else \
            CallResult(failure=_("the worker kept no result of the timed call"))
        seconds = time.perf_counter() - start
        served = worker.stand_in_seconds - served_before
        exchanges = stand_ins.take_exchanges() if stand_ins is not None else []
        worker.request({"op": "release", "slots": [staged.slot]})
        if fetched.failure is not None:
            return error_failure(fetched, case, ctx.function)
        if not fetched.ok:
            return Failure(_("could not fetch the result of a timed call from the worker"))
        return seconds, CallResult(ok=True, value=fetched.value, fp_errors=list(timed.fp_errors), seconds=seconds), \
            (served, exchanges)

    @staticmethod
    def _transfer_seconds(trusted: Any, case: Case, value: Any) -> float:
        """What moving this round's inputs and result costs without any student code: the
        same store, an empty round trip and the same fetch, on a worker that never loaded the
        submission (a submission cannot make it look slow)."""
        kept = trusted.store(value)
        start = time.perf_counter()
        staged = trusted.store((list(case.args), dict(case.kwargs)))
        trusted.request({"op": "release", "slots": []})
        if kept is not None:
            trusted.fetch(kept.slot)
        seconds = time.perf_counter() - start
        if staged is not None:
            trusted.request({"op": "release", "slots": [staged.slot]})
        return seconds

    @staticmethod
    def _stand_in_transfer_seconds(trusted: Any, exchanges: list) -> float:
        """What the worker's side of stand-in exchanges costs without student code: each
        request's arguments sent to, and each answer fetched from, the trusted worker."""
        start = time.perf_counter()
        for arguments, answer in exchanges:
            staged = trusted.store(arguments)
            kept = trusted.store(answer)
            if kept is not None:
                trusted.fetch(kept.slot)
            if staged is not None:
                trusted.request({"op": "release", "slots": [staged.slot]})
        return time.perf_counter() - start

    def _judge(self, ctx: Context, result: CallResult, case: Case) -> Failure | None:
        """Judge a timed call's result with `verify`'s judge: a wrong one fails timing and
        revokes `verify`, which the function passed only on small inputs."""
        judge = getattr(ctx.checks.get(self.verify), "judge", None)
        if judge is None:
            raise LookupError(f"no check `{self.verify}` judges this exercise's timed results")
        wrong = ctx.settle(judge(case, result, ctx), ctx.checks[self.verify], credit=False)
        if wrong is None:
            return None
        what = wrong.wrong or wrong.summary
        return replace(wrong, summary=_("wrong result on a larger input (a timing input: {shapes}), "
                                        "though right on the small generated ones: {what}").format(
            shapes=_shapes(case), what=what),
                       hint=wrong.hint or _("the same code must work for every input size: look for a branch, "
                                            "limit or buffer that depends on the size"),
                       revokes=(self.verify,))


#: at most this many reference times of a timed call count as stand-in work: a callee costs
#: less than the whole reference caller, plus moving its data, so this bounds what a student's
#: thread that keeps the grader busy in parallel could hide
STAND_IN_ALLOWANCE = 4.0


def _shapes(case: Case) -> str:
    """The array arguments' shapes, e.g. 'shapes (8192, 10), (8192,)'."""
    shapes = [str(tuple(np.shape(plain(v)))) for v in list(case.args) + list(case.kwargs.values())
              if isinstance(plain(v), np.ndarray)]
    return ngettext("shape {shapes}", "shapes {shapes}", len(shapes)).format(shapes=", ".join(shapes)) \
        if shapes else _("a large case")


def weights_to_points(checks: Sequence[Check], points: float) -> list[float]:
    total = sum(c.weight for c in checks)
    return [points * c.weight / total if total else 0.0 for c in checks]

