"""06_attention (PyTorch): scaled dot-product attention, causal masks, single- and multi-head
self-attention, sinusoidal positional encoding.

Inputs travel as `TensorValue`s on the grading device (device "" is filled in with --device),
the truth is the float64 CPU reference, gradients are the student's own autograd (run in the
worker) against the reference's, and results must stay on the inputs' device and dtype.
"""

from __future__ import annotations

import math

import numpy as np
import torch
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

import reference.attention as ref
from reference.vjp import paired
from grader import strategies as gs
from grader.checks import (GATES, Case, Check, Diagnosis, KeepsDevice, PropertyCheck,
                           error_failure, gradients_match, keeps_dtype, leaves_inputs_unchanged, matches,
                           stable)
from grader.compare import Tolerance
from grader.exercises.common import timed
from grader.i18n import N_, _
from grader.results import Failure
from grader.sandbox.wire import TensorValue
from grader.spec import Assignment, BannedPolicy, Exercise

AFTER_VALUES = GATES + ("matches_reference",)
BESIDES_VALUES = GATES
BANNED = BannedPolicy(
    names=frozenset({"scaled_dot_product_attention", "multi_head_attention_forward", "MultiheadAttention",
                     "_native_multi_head_attention",
                     # reaching operators by name instead of through torch's public functions
                     "_jit_get_operation", "library", "_C"}),
    prefixes=("Transformer", "_scaled_dot_product", "flex_attention", "_math_attention"), within="torch",
    runtime_words=("scaled_dot_product", "multi_head_attention", "MultiheadAttention", "Transformer",
                   "transformer_encoder", "triton_scaled_dot", "flex_attention", "math_attention",
                   "sdpa_dense", "flash_attention", "efficient_attention"))
ALLOWED_NOTE = N_("write attention yourself with matrix products and torch.softmax; PyTorch's fused "
                  "attention (F.scaled_dot_product_attention, nn.MultiheadAttention, "
                  "F.multi_head_attention_forward, nn.Transformer*) is not allowed")
GRADIENT_TOLERANCE = {np.dtype(np.float64): Tolerance(1e-7, 1e-9), np.dtype(np.float32): Tolerance(1e-4, 1e-5)}


def tensor(array: np.ndarray, requires_grad: bool = False, device: str = "") -> TensorValue:
    """A tensor argument for the student (device "": the grading device)."""
    return TensorValue(np.asarray(array), f"torch.{np.asarray(array).dtype.name}", device, requires_grad)


def t64(value) -> torch.Tensor:
    array = value.array if isinstance(value, TensorValue) else value
    if array.dtype == np.bool_:
        return torch.from_numpy(np.array(array))
    return torch.from_numpy(np.array(array, dtype=np.float64))


def n64(value: torch.Tensor) -> np.ndarray:
    return value.detach().to("cpu", torch.float64).numpy()


def _grad_tolerance(c: Case) -> Tolerance:
    return GRADIENT_TOLERANCE[c.dtype]


def _upstream(shape: tuple, salt: int, dtype: np.dtype) -> np.ndarray:
    """A fixed random upstream gradient (never ones: d(sum softmax) = 0 hides bugs)."""
    rng = np.random.default_rng(abs(hash((shape, salt))) % 2**32)
    return rng.standard_normal(shape).astype(dtype)


def _backward_with(upstreams) -> callable:
    def options(c: Case) -> dict:
        return {"backward": {"paths": [list(p) for p, _ in upstreams(c)],
                             "upstream": [tensor(u) for _, u in upstreams(c)]}}
    return options


def _autograd(function, c: Case, upstreams, differentiate: tuple[int, ...]) -> list:
    """Reference gradients of `function` (float64) for the positional args in `differentiate`."""
    inputs = [t64(a).requires_grad_(i in differentiate) if isinstance(a, TensorValue) and a.array.dtype.kind == "f"
              else (t64(a) if isinstance(a, TensorValue) else a) for i, a in enumerate(c.args)]
    result = function(*inputs, **{k: t64(v) if isinstance(v, TensorValue) else v for k, v in c.kwargs.items()})
    outputs, grads_out = [], []
    for path, upstream in upstreams(c):
        selected = result
        for key in path:
            selected = selected[key]
        outputs.append(selected)
        grads_out.append(torch.from_numpy(upstream.astype(np.float64)))
    torch.autograd.backward(paired(outputs, grads_out))
    return [n64(inputs[i].grad) if i in differentiate else None for i in range(len(inputs))]


class _NotApplicable(Exception):
    """A known mistake that changes nothing on this case (no mask, causal=False, d == dv...)."""


def _same(a, b) -> bool:
    if isinstance(a, tuple):
        return isinstance(b, tuple) and len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    a, b = np.asarray(a), np.asarray(b)
    return a.shape == b.shape and bool(np.allclose(a, b, rtol=1e-12, atol=1e-12, equal_nan=True))


def _known(message: str, output: callable, truth: callable, tolerance_scale: float = 10.0) -> Diagnosis:
    """A diagnosis that is named only where the mistake shows: on a case where the mistaken
    output equals the truth (a mask mistake without a mask), a near miss of another kind must
    not be blamed on it. (A mistake that gives NaN matches only a result with NaN in the same
    places; see checks.diagnose.)"""

    def mistaken(c: Case):
        candidate = output(c)
        if _same(candidate, truth(c)):
            raise _NotApplicable(message)
        return candidate
    return Diagnosis(message, mistaken, tolerance_scale)


def _float32_leak(truth: callable) -> Diagnosis:
    """float64 inputs, a result right to float32's precision only: some step ran in float32.
    Listed last: within 1e-6 of the truth, any specific mistake has been ruled out already."""

    def output(c: Case):
        if c.dtype != np.dtype(np.float64):
            raise _NotApplicable("float32 inputs")
        return truth(c)
    return Diagnosis(N_("The result is right only to float32 precision (~1e-7) for float64 inputs: a step runs in "
                        "float32, e.g. a constant made with torch.tensor(d) / torch.sqrt(torch.tensor(...)) without "
                        "dtype=, a .float() cast (a softmax computed in float32), or a float32 buffer."),
                     output, tolerance_scale=1e3, precision_only=True)


GRADIENT_HINT = N_("keep every step inside autograd: no torch.no_grad(), .detach(), .data, .numpy() or "
                   "torch.tensor(...) of computed values, and no in-place changes of the inputs")


# ---------------------------------------------------------------- scaled dot-product attention


@st.composite
def _mask(draw, lead: tuple, lq: int, lk: int) -> np.ndarray | None:
    kind = draw(st.sampled_from(["none", "none", "full", "pairs", "padding", "causal"]))
    if kind == "none":
        return None
    if kind == "causal" and lq == lk:
        return np.tril(np.ones((lq, lk), dtype=bool))
    if kind == "padding":  # (..., 1, Lk): the first n keys are real, the rest padding
        lengths = draw(hnp.arrays(np.int64, lead + (1, 1), elements=st.integers(1, lk)))
        return np.arange(lk) < lengths
    shape = lead + (lq, lk) if kind == "full" else (lq, lk)
    mask = draw(hnp.arrays(np.dtype(bool), shape))
    keep = np.arange(lk) == (np.arange(lq)[:, None] % lk)  # every row keeps at least one key
    return mask | keep


@st.composite
def _qkv_case(draw, magnitude: float = 3.0, dtype: np.dtype | None = None, requires_grad: bool = False) -> Case:
    dtype = dtype or draw(gs.dtypes())
    lead = tuple(draw(st.lists(st.integers(1, 3), max_size=2)))
    lq, lk, d, dv = draw(gs.distinct_sizes(4, 1, 6))
    if draw(st.booleans()):
        lk = lq  # square, so causal masks apply
    q = draw(gs.arrays(dtype, lead + (lq, d), magnitude))
    k = draw(gs.arrays(dtype, lead + (lk, d), magnitude))
    v = draw(gs.arrays(dtype, lead + (lk, dv), 3.0))
    mask = draw(_mask(lead, lq, lk))
    args = (tensor(q, requires_grad), tensor(k, requires_grad), tensor(v, requires_grad))
    return Case(args) if mask is None else Case(args, {"mask": tensor(mask)})


def _sdpa(c: Case, scale: str = "d", dim: int = -1, mask_mode: str = "fill") -> tuple:
    q, k, v = (t64(a) for a in c.args)
    mask = t64(c.kwargs["mask"]) if "mask" in c.kwargs else None
    scores = q @ k.transpose(-2, -1)
    if scale == "d":
        scores = scores / math.sqrt(q.shape[-1])
    elif scale == "dv":
        scores = scores / math.sqrt(v.shape[-1])
    if mask is not None and mask_mode == "fill":
        scores = scores.masked_fill(~mask, float("-inf"))
    elif mask is not None and mask_mode == "inverted":  # finite: a row it blanks entirely is uniform
        scores = scores.masked_fill(mask, -1e9)
    elif mask is not None and mask_mode == "inverted-inf":  # a row it blanks entirely is NaN
        scores = scores.masked_fill(mask, float("-inf"))
    elif mask is not None and mask_mode == "multiply":
        scores = scores * mask
    weights = torch.softmax(scores, dim=dim)
    if scale == "after":
        weights = weights / math.sqrt(q.shape[-1])
    if mask is not None and mask_mode == "after":
        weights = weights * mask
    return n64(weights @ v), n64(weights)


SDPA_DIAGNOSES = tuple(_known(message, output, _sdpa) for message, output in (
    (N_("The scores are not divided by sqrt(d) (d = the last dimension of q and k)."),
     lambda c: _sdpa(c, scale="none")),
    (N_("The scores are divided by sqrt(dv) (v's last dimension); the scale is 1/sqrt(d) with d "
        "the last dimension of q and k."), lambda c: _sdpa(c, scale="dv")),
    (N_("The 1/sqrt(d) scale is applied after the softmax; it belongs on the scores, before it."),
     lambda c: _sdpa(c, scale="after")),
    (N_("The softmax runs over the wrong dimension: each query's weights (the last dim, over the "
        "keys) must sum to 1."), lambda c: _sdpa(c, dim=-2)),
    (N_("The mask is applied after the softmax: masked positions must get -inf before it, so the "
        "remaining weights still sum to 1."), lambda c: _sdpa(c, mask_mode="after")),
    (N_("The mask looks inverted: True means the query MAY attend to that key."),
     lambda c: _sdpa(c, mask_mode="inverted")),
    (N_("The mask looks inverted: True means the query MAY attend to that key (a row whose keys are "
        "all allowed came out NaN: every score in it was set to -inf)."),
     lambda c: _sdpa(c, mask_mode="inverted-inf")),
    (N_("The mask multiplies the scores: masked scores become 0, not -inf, so masked keys still get "
        "weight; fill them with -inf (masked_fill) before the softmax."),
     lambda c: _sdpa(c, mask_mode="multiply")),
)) + (_float32_leak(_sdpa),)
SDPA_HINT = N_("weights = softmax(q @ k^T / sqrt(d)) over the keys; where mask is False (True = may attend) "
               "the score is -inf before the softmax; out = weights @ v")


def _sdpa_upstreams(c: Case) -> list:
    q, k, v = (a.array for a in c.args)
    lead = np.broadcast_shapes(q.shape[:-2], k.shape[:-2])
    return [((0,), _upstream(lead + (q.shape[-2], v.shape[-1]), 0, q.dtype)),
            ((1,), _upstream(lead + (q.shape[-2], k.shape[-2]), 1, q.dtype))]


def _sdpa_reference(q, k, v, mask=None):
    return ref.scaled_dot_product_attention(q, k, v, mask)


def _sdpa_timing_case(rng: np.random.Generator) -> Case:
    q, k, v = (rng.standard_normal((8, 4, 64, 32)).astype(np.float32) for _ in range(3))
    return Case((tensor(q), tensor(k), tensor(v)))


def _sdpa_loop_case(rng: np.random.Generator, n: int) -> Case:
    """n batch elements, n queries, n keys: a loop over any of them runs more lines as n grows."""
    q, k, v = (rng.standard_normal(s).astype(np.float32) for s in [(n, 2, n, 4), (n, 2, n, 4), (n, 2, n, 3)])
    return Case((tensor(q), tensor(k), tensor(v)))


def _sdpa_device_case(device: str) -> Case:
    rng = np.random.default_rng(5)
    q, k, v = (rng.standard_normal(s).astype(np.float32) for s in [(2, 3, 4), (2, 5, 4), (2, 5, 6)])
    mask = np.ones((3, 5), dtype=bool)
    mask[0, 3:] = False
    return Case((tensor(q, device=device), tensor(k, device=device), tensor(v, device=device)),
                {"mask": tensor(mask, device=device)})


def _readable(rng: np.random.Generator, shape: tuple) -> np.ndarray:
    """Standard normal values rounded to 2 decimals: explicit examples are never shrunk, and
    a student pastes them from the report."""
    return np.round(rng.standard_normal(shape), 2)


def _example_sdpa(dtype: str) -> Case:
    rng = np.random.default_rng(1)
    q, k, v = (_readable(rng, s).astype(dtype) for s in [(3, 4), (5, 4), (5, 2)])
    return Case((tensor(q), tensor(k), tensor(v)))


def _example_sdpa_float64_odd_d() -> Case:
    """float64 with d = 5 (sqrt(d) inexact in float32) and d != dv != Lk: a float32 step anywhere
    (a torch.tensor(d) scale, a softmax on .float()) shows here, whatever the random draw."""
    rng = np.random.default_rng(3)
    q, k, v = (_readable(rng, s) for s in [(2, 3, 5), (2, 4, 5), (2, 4, 6)])
    return Case((tensor(q), tensor(k), tensor(v)))


def _example_sdpa_masked() -> Case:
    rng = np.random.default_rng(2)
    q, k, v = (_readable(rng, s) for s in [(2, 3, 4), (2, 3, 4), (2, 3, 5)])
    return Case((tensor(q), tensor(k), tensor(v)), {"mask": tensor(np.tril(np.ones((3, 3), dtype=bool)))})


def torch_properties(cases, device_case, reference, upstreams, names: tuple[str, ...], *,
                     max_examples: int = 8, gradient_examples: int = 12, dtype_examples: tuple = (),
                     unchanged: tuple[str, ...] = ()) -> tuple[Check, ...]:
    """The property checks every torch exercise here declares after its values: dtype kept,
    device kept, gradients through all of `names` (the leading arguments) equal to autograd of
    `reference` (`cases(dtype, requires_grad=True)` draws float64 inputs that need them), and
    `unchanged` (default `names`) left as they were."""
    return (
        PropertyCheck("keeps_dtype", 1.0, BESIDES_VALUES, cases=cases(), max_examples=max_examples,
                      examples=dtype_examples, judge=keeps_dtype()),
        KeepsDevice(make_case=device_case),
        PropertyCheck("differentiable", 2.0, AFTER_VALUES, cases=cases(dtype=np.dtype(np.float64), requires_grad=True),
                      max_examples=gradient_examples, call_options_for=_backward_with(upstreams),
                      judge=gradients_match(lambda c: _autograd(reference, c, upstreams, tuple(range(len(names)))),
                                            names=names, tolerance=GRADIENT_TOLERANCE[np.dtype(np.float64)],
                                            hint=GRADIENT_HINT)),
        PropertyCheck("inputs_unchanged", 1.0, BESIDES_VALUES, cases=cases(), max_examples=max_examples,
                      judge=leaves_inputs_unchanged(unchanged or names), call_options={"return_args": True}),
    )


scaled_dot_product_attention = Exercise("scaled_dot_product_attention", 5, (
    PropertyCheck("matches_reference", 5.0, cases=_qkv_case(), max_examples=40,
                  examples=(_example_sdpa("float32"), _example_sdpa_masked(), _example_sdpa_float64_odd_d()),
                  judge=matches(lambda c: _sdpa(c), names=("out", "weights"), diagnoses=SDPA_DIAGNOSES,
                                hint=SDPA_HINT, scale=lambda c: 1.0)),
    PropertyCheck("stable", 1.0, AFTER_VALUES, cases=_qkv_case(40.0, np.dtype(np.float64)), max_examples=15,
                  judge=stable(lambda c: _sdpa(c), names=("out", "weights"), hint=
                               N_("exp of large scores overflows: torch.softmax (or subtracting the row maximum) "
                               "keeps it finite"), scale=lambda c: 1.0)),
    *torch_properties(_qkv_case, _sdpa_device_case, _sdpa_reference, _sdpa_upstreams, ("q", "k", "v"),
                      max_examples=10, gradient_examples=15, dtype_examples=(_example_sdpa("float32"),),
                      unchanged=("q", "k", "v", "mask")),
    timed(ref.scaled_dot_product_attention, _sdpa_timing_case, limit=8.0, loop_case=_sdpa_loop_case,
          hint=N_("no Python loop over batch elements or queries: batched matrix products (@) handle "
               "every leading dimension at once")),
), probe=_example_sdpa("float64"))

# ---------------------------------------------------------------- causal mask


def _is_causal_mask(case: Case, result, ctx) -> Failure | None:
    failure = error_failure(result, case, ctx.function)
    if failure is not None:
        return failure
    length = case.args[0]
    value = result.value
    if not isinstance(value, TensorValue):
        return Failure(_("the result is {type}, expected a torch bool tensor").format(type=type(value).__name__),
                       call=case.code(ctx.function))
    if value.dtype != "torch.bool":
        return Failure(_("the mask is {dtype}, expected torch.bool (True = may attend)").format(dtype=value.dtype),
                       call=case.code(ctx.function),
                       hint=_("a 0/1 float mask breaks ~mask and masked_fill: build it with dtype=torch.bool"))
    truth = np.tril(np.ones((length, length), dtype=bool))
    if value.array.shape != truth.shape:
        return Failure(_("the mask has shape {got}, expected {expected}").format(got=value.array.shape,
                                                                                expected=truth.shape),
                       call=case.code(ctx.function))
    if not np.array_equal(value.array, truth):
        diagnosis = ""
        if np.array_equal(value.array, truth.T):
            diagnosis = _("It is the upper triangle: position i may attend to j <= i, which is on and BELOW the "
                          "diagonal.")
        elif np.array_equal(value.array, np.tril(truth, -1)):
            diagnosis = _("The diagonal is missing: a position may attend to itself.")
        i, j = (int(x) for x in np.argwhere(value.array != truth)[0])
        return Failure(_("wrong mask: at [{i}, {j}] expected {expected}, got {got}").format(
                           i=i, j=j, expected=bool(truth[i, j]), got=bool(value.array[i, j])),
                       call=case.code(ctx.function), diagnosis=diagnosis,
                       hint=_("True where the key position j is not in the future of the query position i"))
    return None


causal_mask = Exercise("causal_mask", 2, (
    PropertyCheck("matches_reference", 5.0, cases=st.integers(1, 9).map(lambda n: Case((n,))), max_examples=9,
                  examples=(Case((4,)),), judge=_is_causal_mask),
    KeepsDevice(make_case=lambda device: Case((3,), {"device": device}),
                hint=N_("pass device= to the tensor you create (torch.ones(L, L, dtype=torch.bool, device=device))")),
), probe=Case((3,)))

# ---------------------------------------------------------------- self-attention


@st.composite
def _self_attention_case(draw, dtype: np.dtype | None = None, requires_grad: bool = False) -> Case:
    dtype = dtype or draw(gs.dtypes())
    b, length, d_model, d = draw(gs.distinct_sizes(4, 1, 6))
    x = draw(gs.arrays(dtype, (b, length, d_model), 2.0))
    weights = [draw(gs.arrays(dtype, (d_model, d), 1.0)) for _ in range(3)]
    args = (tensor(x, requires_grad),) + tuple(tensor(w, requires_grad) for w in weights)
    causal = draw(st.sampled_from([None, False, True]))
    return Case(args) if causal is None else Case(args, {"causal": causal})


def _self_attention(c: Case, mask_kind: str = "causal", scale: str = "d") -> np.ndarray:
    x, wq, wk, wv = (t64(a) for a in c.args)
    q, k, v = x @ wq, x @ wk, x @ wv
    length = x.shape[-2]
    mask = None
    if c.kwargs.get("causal") and mask_kind != "none":
        mask = torch.ones(length, length, dtype=torch.bool)
        mask = {"causal": mask.tril(), "upper": mask.triu(), "future": mask.triu(1)}[mask_kind]
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1] if scale == "d" else x.shape[-1])
    if mask is not None:  # the mistaken masks filled finitely: the row triu(1) blanks is uniform, not NaN
        scores = scores.masked_fill(~mask, float("-inf") if mask_kind == "causal" else -1e9)
    return n64(torch.softmax(scores, dim=-1) @ v)


def _self_attention_upstreams(c: Case) -> list:
    x, wq = c.args[0].array, c.args[1].array
    return [((), _upstream(x.shape[:-1] + (wq.shape[-1],), 0, x.dtype))]


def _self_attention_device_case(device: str) -> Case:
    rng = np.random.default_rng(6)
    x = rng.standard_normal((2, 3, 4)).astype(np.float32)
    ws = [rng.standard_normal((4, 5)).astype(np.float32) for _ in range(3)]
    return Case((tensor(x, device=device),) + tuple(tensor(w, device=device) for w in ws), {"causal": True})


def _self_attention_example(causal: bool, dtype: str) -> Case:
    """B=2, L=3, D=4, d=5, readable values: a causal mistake always shows on the causal one."""
    rng = np.random.default_rng(8)
    x = _readable(rng, (2, 3, 4)).astype(dtype)
    ws = [_readable(rng, (4, 5)).astype(dtype) for _ in range(3)]
    return Case((tensor(x),) + tuple(tensor(w) for w in ws), {"causal": causal})


SELF_ATTENTION_DIAGNOSES = (
    _known(N_("The causal mask keeps the future (upper triangle): query i may attend only to keys j <= i."),
           lambda c: _self_attention(c, "upper"), _self_attention),
    _known(N_("The mask is triu(..., diagonal=1), the positions to *block*: with True = may attend, the causal "
              "mask is its complement, on and below the diagonal."),
           lambda c: _self_attention(c, "future"), _self_attention),
    _known(N_("causal=True is ignored: without the causal mask every position also attends to the future."),
           lambda c: _self_attention(c, "none"), _self_attention),
    _known(N_("The scores are scaled by 1/sqrt(D) with D = x.shape[-1], the model width; the scale is "
              "1/sqrt(d) with d the width of the projections (w_q.shape[1])."),
           lambda c: _self_attention(c, scale="model"), _self_attention),
    _float32_leak(_self_attention),
)


self_attention = Exercise("self_attention", 3, (
    PropertyCheck("matches_reference", 5.0, cases=_self_attention_case(), max_examples=30,
                  examples=(_self_attention_example(True, "float32"), _self_attention_example(False, "float64")),
                  judge=matches(lambda c: _self_attention(c), scale=lambda c: 1.0,
                                diagnoses=SELF_ATTENTION_DIAGNOSES,
                                hint=N_("project x with w_q, w_k, w_v, then scaled dot-product attention (causal mask "
                                     "when causal=True)"))),
    *torch_properties(_self_attention_case, _self_attention_device_case, ref.self_attention,
                      _self_attention_upstreams, ("x", "w_q", "w_k", "w_v")),
), probe=_self_attention_device_case(""))

# ---------------------------------------------------------------- multi-head attention


@st.composite
def _mha_case(draw, dtype: np.dtype | None = None, requires_grad: bool = False) -> Case:
    dtype = dtype or draw(gs.dtypes())
    b, length = draw(gs.distinct_sizes(2, 1, 5))
    heads = draw(st.sampled_from([1, 2, 2, 3, 4]))
    d_head = draw(st.integers(1, 4))
    d_model = heads * d_head
    x = draw(gs.arrays(dtype, (b, length, d_model), 2.0))
    weights = [draw(gs.arrays(dtype, (d_model, d_model), 1.0)) for _ in range(4)]
    args = (tensor(x, requires_grad),) + tuple(tensor(w, requires_grad) for w in weights) + (heads,)
    causal = draw(st.sampled_from([None, False, True]))
    return Case(args) if causal is None else Case(args, {"causal": causal})


def _mha(c: Case, split: str = "transpose", scale: str = "head", project: bool = True,
         causal: bool = True) -> np.ndarray:
    x, wq, wk, wv, wo = (t64(a) for a in c.args[:5])
    heads = c.args[5]
    b, length, d_model = x.shape
    d_head = d_model // heads

    def split_heads(t: torch.Tensor) -> torch.Tensor:
        if split == "transpose":
            return t.reshape(b, length, heads, d_head).transpose(1, 2)
        return t.reshape(b, heads, length, d_head)

    q, k, v = split_heads(x @ wq), split_heads(x @ wk), split_heads(x @ wv)
    scores = q @ k.transpose(-2, -1) / math.sqrt(d_head if scale == "head" else d_model)
    if c.kwargs.get("causal") and causal:
        scores = scores.masked_fill(~torch.ones(length, length, dtype=torch.bool).tril(), float("-inf"))
    out = torch.softmax(scores, dim=-1) @ v
    out = out.transpose(1, 2).reshape(b, length, d_model) if split == "transpose" else out.reshape(b, length, d_model)
    return n64(out @ wo if project else out)


MHA_DIAGNOSES = tuple(_known(message, output, _mha) for message, output in (
    (N_("The heads look split without a transpose: reshape (B, L, D) to (B, L, h, D/h), then move the "
        "head axis forward with transpose(1, 2) (and back before merging)."), lambda c: _mha(c, split="view")),
    (N_("The scores are scaled by 1/sqrt(D); each head uses 1/sqrt(D / num_heads)."),
     lambda c: _mha(c, scale="model")),
    (N_("The output projection w_o is missing: concatenate the heads, then multiply by w_o."),
     lambda c: _mha(c, project=False)),
    (N_("causal=True is ignored: without the causal mask every position also attends to the future."),
     lambda c: _mha(c, causal=False)),
)) + (_float32_leak(_mha),)


def _mha_upstreams(c: Case) -> list:
    x = c.args[0].array
    return [((), _upstream(x.shape, 0, x.dtype))]


def _mha_device_case(device: str) -> Case:
    rng = np.random.default_rng(7)
    x = rng.standard_normal((2, 3, 4)).astype(np.float32)
    ws = [rng.standard_normal((4, 4)).astype(np.float32) for _ in range(4)]
    return Case((tensor(x, device=device),) + tuple(tensor(w, device=device) for w in ws) + (2,), {"causal": True})


def _mha_example(causal: bool, dtype: str, heads: int) -> Case:
    """B=2, L=4, D=6, readable values: a causal or head-splitting mistake always shows."""
    rng = np.random.default_rng(9)
    x = _readable(rng, (2, 4, 6)).astype(dtype)
    ws = [(_readable(rng, (6, 6)) / 2).astype(dtype) for _ in range(4)]
    return Case((tensor(x),) + tuple(tensor(w) for w in ws) + (heads,), {"causal": causal})


def _mha_timing_case(rng: np.random.Generator) -> Case:
    x = rng.standard_normal((8, 64, 128)).astype(np.float32)
    ws = [(rng.standard_normal((128, 128)) / 11).astype(np.float32) for _ in range(4)]
    return Case((tensor(x),) + tuple(tensor(w) for w in ws) + (8,))


def _mha_loop_case(rng: np.random.Generator, n: int) -> Case:
    """n sequences of n positions, 2 heads of 2: a loop over the batch or the positions runs more
    lines (a loop over the heads or the model dimension, which stay the same, does not)."""
    x = rng.standard_normal((n, n, 4)).astype(np.float32)
    ws = [(rng.standard_normal((4, 4)) / 2).astype(np.float32) for _ in range(4)]
    return Case((tensor(x),) + tuple(tensor(w) for w in ws) + (2,))


multi_head_attention = Exercise("multi_head_attention", 5, (
    PropertyCheck("matches_reference", 5.0, cases=_mha_case(), max_examples=30,
                  examples=(_mha_example(True, "float32", 2), _mha_example(False, "float64", 3)),
                  judge=matches(lambda c: _mha(c), diagnoses=MHA_DIAGNOSES, scale=lambda c: 1.0,
                                hint=N_("split the last dim of x @ w_q (and k, v) into num_heads contiguous chunks, "
                                     "attend per head, concatenate in order, then @ w_o"))),
    *torch_properties(_mha_case, _mha_device_case, ref.multi_head_attention, _mha_upstreams,
                      ("x", "w_q", "w_k", "w_v", "w_o")),
    timed(ref.multi_head_attention, _mha_timing_case, limit=8.0, loop_case=_mha_loop_case,
          hint=N_("no Python loop over batch elements or queries: reshape to (B, h, L, D/h) and use batched "
               "matrix products")),
), probe=_mha_device_case(""))

# ---------------------------------------------------------------- positional encoding


def _pe(c: Case, exponent: str = "2i", swap: bool = False) -> np.ndarray:
    seq_len, d_model = c.args
    pos = np.arange(seq_len, dtype=np.float64)[:, None]
    two_i = np.arange(0, d_model, 2, dtype=np.float64)
    if exponent == "4i":
        two_i = 2 * two_i
    elif exponent == "i":
        two_i = two_i / 2
    angle = pos * 10000.0 ** (two_i / d_model) if exponent == "negated" else pos / 10000.0 ** (two_i / d_model)
    pe = np.zeros((seq_len, d_model))
    pe[:, 0::2], pe[:, 1::2] = (np.cos(angle), np.sin(angle)) if swap else (np.sin(angle), np.cos(angle))
    return pe


def _pe_is_float32(case: Case, result, ctx) -> Failure | None:
    failure = error_failure(result, case, ctx.function)
    if failure is not None:
        return failure
    value = result.value
    if not isinstance(value, TensorValue) or value.dtype != "torch.float32":
        got = value.dtype if isinstance(value, TensorValue) else type(value).__name__
        return Failure(_("the encoding is {got}, expected a torch.float32 tensor").format(got=got),
                       call=case.code(ctx.function),
                       hint=_("compute in float64 if you like, then convert once with .float() or .to(torch.float32)"))
    return None


PE_EXPONENT = N_("The frequency exponent looks wrong: it is 2i/d_model with 2i the even column index (0, 2, 4, ...).")
PE_DIAGNOSES = (
    _known(N_("sin and cos look swapped: even columns 2i hold sin, odd columns 2i+1 hold cos."),
           lambda c: _pe(c, swap=True), _pe),
    _known(PE_EXPONENT, lambda c: _pe(c, exponent="4i"), _pe),
    _known(PE_EXPONENT, lambda c: _pe(c, exponent="i"), _pe),
    _known(N_("The exponent's sign is flipped: the angle is pos * 10000^(2i/d_model); it is pos / 10000^(2i/d_model) "
              "(with exp: exp(2i * -log(10000) / d_model), note the minus)."), lambda c: _pe(c, exponent="negated"), _pe,
           # its angles reach pos * 10000: in float32 they carry errors of ~1e-2, hence the loose match
           tolerance_scale=5e3),
)


@st.composite
def _pe_case(draw) -> Case:
    return Case((draw(st.integers(1, 60)), 2 * draw(st.integers(1, 16))))


positional_encoding = Exercise("positional_encoding", 2, (
    PropertyCheck("matches_reference", 5.0, cases=_pe_case(), max_examples=25,
                  examples=(Case((50, 16)), Case((7, 6))),
                  # float32 angles drift by about pos * 6e-8: the tolerance grows with seq_len
                  judge=matches(lambda c: n64(ref.positional_encoding(*c.args)),
                                tolerance=Tolerance(2e-5, 4e-7), scale=lambda c: float(c.args[0]),
                                diagnoses=PE_DIAGNOSES,
                                hint=N_("PE[pos, 2i] = sin(pos / 10000^(2i/d_model)), PE[pos, 2i+1] = cos(same)"))),
    PropertyCheck("keeps_dtype", 1.0, BESIDES_VALUES, cases=_pe_case(), max_examples=5, judge=_pe_is_float32),
), probe=Case((4, 6)))

ASSIGNMENT = Assignment(
    "06_attention", "attention", "Attention and positional encoding", "torch",
    (scaled_dot_product_attention, causal_mask, self_attention, multi_head_attention, positional_encoding),
    banned=BANNED, allowed_note=ALLOWED_NOTE)
