"""Building blocks shared by the exercise specs: conversions and the usual bundle of checks."""

from __future__ import annotations

from typing import Any, Callable, Sequence

import numpy as np
import torch
from hypothesis import strategies as st

from grader.checks import (GATES, Case, Check, Diagnosis, PropertyCheck, Scale, TimingCheck, keeps_dtype,
                           leaves_inputs_unchanged, matches, stable)
from grader.compare import Tolerance
from grader.i18n import N_
from grader.sandbox.host import NUMPY_BANNED_LIBRARIES
from grader.sandbox.wire import TensorValue
from grader.spec import BannedPolicy

NUMPY_ONLY = BannedPolicy(modules=NUMPY_BANNED_LIBRARIES)
NUMPY_NOTE = N_("only numpy is allowed in this assignment; write the computation yourself")
AFTER_VALUES = GATES + ("matches_reference",)
#: checks that look at something other than the values (dtype, inputs left alone): they run
#: even when the values are wrong, so a second bug shows at once (the job gate still applies)
BESIDES_VALUES = GATES


def t64(array: Any) -> torch.Tensor:
    """A float64 CPU tensor of a numpy array (the truth is always computed in float64)."""
    return torch.from_numpy(np.array(array, dtype=np.float64))


def n64(tensor: torch.Tensor) -> np.ndarray:
    return tensor.detach().to("cpu", torch.float64).numpy()


def torch_arguments(case: Case) -> tuple[tuple, dict]:
    """A timing case's arguments as a PyTorch reference takes them: arrays (in dicts too) as
    tensors of their dtype, TensorValues as tensors on their device, the rest as it is."""

    def tensor(value: Any) -> Any:
        if isinstance(value, TensorValue):
            return torch.from_numpy(value.array).to(value.device)
        if isinstance(value, np.ndarray):
            return torch.from_numpy(value)
        return {k: tensor(v) for k, v in value.items()} if isinstance(value, dict) else value

    return tuple(tensor(a) for a in case.args), {k: tensor(v) for k, v in case.kwargs.items()}


def timed(reference: Callable[..., Any], make_case: Callable[[np.random.Generator], Case], *, limit: float,
          hint: str = "", loop_case: Callable[[np.random.Generator, int], Case] | None = None) -> TimingCheck:
    """The timing check against `reference` (PyTorch, called with the timing case's arguments as
    tensors, `torch_arguments`) on inputs from `make_case`; `loop_case`: the loop probe's input."""
    return TimingCheck(make_case=make_case, prepare=torch_arguments,
                       reference=lambda prepared: reference(*prepared[0], **prepared[1]), limit=limit, hint=hint,
                       loop_case=loop_case)


def cases_of(strategy: st.SearchStrategy, build: Callable[..., Case]) -> st.SearchStrategy[Case]:
    return strategy.map(lambda drawn: build(*drawn) if isinstance(drawn, tuple) else build(drawn))


def numpy_checks(expected: Callable[[Case], Any], cases: st.SearchStrategy[Case], *,
                 stable_cases: st.SearchStrategy[Case] | None = None,
                 examples: Sequence[Case] = (), stable_examples: Sequence[Case] = (),
                 names: Sequence[str] = (), argument_names: Sequence[str] = (),
                 diagnoses: Sequence[Diagnosis] = (), hint: str = "", stable_hint: str = "",
                 scale: Scale | None = None, tolerance: Tolerance | Callable[[Case], Tolerance] | None = None,
                 max_examples: int = 60, extra: Sequence[Check] = ()) -> tuple[Check, ...]:
    """The usual checks of a numpy exercise: values, stability, dtype, inputs untouched."""
    checks: list[Check] = [
        PropertyCheck("matches_reference", 5.0, cases=cases, examples=tuple(examples),
                      max_examples=max_examples,
                      judge=matches(expected, tolerance=tolerance, names=names, diagnoses=diagnoses,
                                    hint=hint, scale=scale, argument_names=argument_names)),
    ]
    if stable_cases is not None:
        checks.append(PropertyCheck("stable", 2.0, AFTER_VALUES, cases=stable_cases,
                                    examples=tuple(stable_examples), max_examples=max_examples,
                                    judge=stable(expected, tolerance=tolerance, names=names,
                                                 diagnoses=diagnoses, hint=stable_hint or hint, scale=scale,
                                                 argument_names=argument_names)))
    dtype_examples = tuple(examples[:4])
    checks.append(PropertyCheck("keeps_dtype", 1.0, BESIDES_VALUES, cases=cases, examples=dtype_examples,
                                max_examples=12, judge=keeps_dtype(names=names)))
    checks.append(PropertyCheck("inputs_unchanged", 1.0, BESIDES_VALUES, cases=cases,
                                examples=dtype_examples, max_examples=12,
                                judge=leaves_inputs_unchanged(argument_names),
                                call_options={"return_args": True}))
    checks.extend(extra)
    return tuple(checks)


def both_dtypes(build: Callable[[np.dtype], Case]) -> tuple[Case, ...]:
    return (build(np.dtype(np.float32)), build(np.dtype(np.float64)))
