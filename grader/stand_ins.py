"""Stand-ins: the grader's correct results for the functions a student's function calls.

The syllabus: one mistake costs one exercise. A function that calls another function of the
same file (a `sigmoid_backward` built on the student's `sigmoid`, a `self_attention` on their
`scaled_dot_product_attention`) is judged as if the function it calls were right. When such a
callee fails its own checks, the caller is graded again with the callee replaced by a
stand-in: the worker's proxy asks this process for the result (`StandInServer.answer`), so no
reference code enters the student's process.

Each stand-in below keeps the student contract of its function (SYLLABUS.md): numpy in, numpy
out in the input's dtype for assignments 1 to 5, torch tensors on the inputs' device for 06,
differentiable through `TorchStandIn.vjp`. A forward whose cache a backward reads is replaced
together with that backward (`TOGETHER`): the student's backward cannot read the grader's cache.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any, Callable, Mapping

import numpy as np
import torch

import reference.activations as activations
import reference.attention as attention
import reference.backprop as backprop
import reference.convolution as convolution
import reference.softmax as softmax
from grader.i18n import N_, _
from grader.sandbox import wire
from grader.sandbox.wire import TensorValue

#: the most array elements one stand-in call takes or makes (a caller's arguments are
#: exercise-sized), and the most multiply-adds it may cost: the grader's own time and memory
#: are not the student's to spend
MAX_ELEMENTS = 1 << 24
MAX_WORK = 1 << 30
#: exchanges kept for the timing check to replay (a caller calls what it builds on a few times)
MAX_EXCHANGES_KEPT = 64


class StandInServer:
    """Answers a worker's stand-in requests for the functions in `functions` during one
    exercise's grading, and counts which were asked for (`calls`)."""

    def __init__(self, functions: Mapping[str, Callable[..., Any]]) -> None:
        self.functions = dict(functions)
        self.names = frozenset(self.functions)
        #: answered calls per name; `refusals` the last reason per name a call was refused
        self.calls: Counter[str] = Counter()
        self.refusals: dict[str, str] = {}
        #: (arguments, answer) of the latest requests, for timing (see `take_exchanges`)
        self.exchanges: list[tuple[Any, Any]] = []

    def answer(self, request: dict, blobs: list[bytes]) -> tuple[dict, list[bytes]]:
        name = str(request.get("function"))
        function = self.functions.get(name)
        if function is None:
            return _error("RuntimeError", _("the grader has no stand-in for `{name}`").format(name=name)), []
        try:
            args = wire.decode(request.get("args", {"t": "list", "items": []}), blobs)
            kwargs = wire.decode(request.get("kwargs", {"t": "dict", "items": {}}), blobs)
            if not isinstance(args, list) or not isinstance(kwargs, dict):
                raise TypeError(_("malformed arguments"))
            refuse_large([args, kwargs], N_("arguments"))
            if "grads" in request:
                vjp = getattr(function, "vjp", None)
                if vjp is None:
                    raise TypeError(_("this function has no gradient here"))
                value = vjp(args, kwargs, wire.decode(request["grads"], blobs), list(request.get("wrt", [])))
            else:
                value = function(*args, **kwargs)
            refuse_large(value, N_("a result"))
            out: list[bytes] = []
            answer = {"ok": True, "value": wire.encode(value, out)}
            if "grads" not in request:
                self.calls[name] += 1
            if len(self.exchanges) < MAX_EXCHANGES_KEPT:
                self.exchanges.append(((args, kwargs), value))
            return answer, out
        except (ValueError, TypeError) as error:
            self.refusals[name] = f"{type(error).__name__}: {error}"[:300]
            return _error(type(error).__name__, f"{error}"), []
        except Exception as error:  # noqa: BLE001 - arguments outside the contract; never the grader's end
            self.refusals[name] = f"{type(error).__name__}: {error}"[:300]
            return _error("RuntimeError", _("`{name}`, run by the grader in place of yours, could not take "
                                            "these arguments: {error_type}: {error}").format(
                name=name, error_type=type(error).__name__, error=error)), []


    def take_exchanges(self) -> list[tuple[Any, Any]]:
        """The exchanges since the last call of this, which forgets them."""
        taken, self.exchanges = self.exchanges, []
        return taken


def _error(kind: str, message: str) -> dict:
    return {"ok": False, "type": kind, "message": message[:1500]}


def _elements(value: Any, depth: int = 0) -> int:
    """Array elements in `value`, nested lists, tuples and dicts included."""
    if isinstance(value, TensorValue):
        return int(value.array.size)
    if isinstance(value, (np.ndarray, torch.Tensor)):
        return int(np.prod(value.shape, dtype=np.int64))
    if isinstance(value, (list, tuple)) and depth < 40:
        return sum(_elements(v, depth + 1) for v in value)
    if isinstance(value, dict) and depth < 40:
        return sum(_elements(v, depth + 1) for v in value.values())
    return 0


def refuse_large(value: Any, what: str) -> None:
    size = _elements(value)
    if size > MAX_ELEMENTS:
        raise ValueError(_("{what} of {size} elements: more than the grader computes in place of "
                           "your function ({limit})").format(what=_(what), size=size, limit=MAX_ELEMENTS))


def refuse_work(work: int, what: str) -> None:
    if work > MAX_WORK:
        raise ValueError(_("{what} would take about {work:.2g} operations: more than the grader computes "
                           "in place of your function ({limit:.2g})").format(what=_(what), work=work,
                                                                            limit=MAX_WORK))


def _shape(value: Any) -> tuple[int, ...]:
    array = value.array if isinstance(value, TensorValue) else value
    return tuple(np.shape(array)) if isinstance(array, np.ndarray) else ()


# ================================================================ numpy <-> torch


def _tensor(value: Any, floats: bool = False) -> Any:
    """A numpy argument as a CPU tensor in its own dtype (`floats`: integers and bools as
    float64, as numpy's exp or division would make them)."""
    array = np.array(value)
    if floats and array.dtype.kind != "f":
        array = array.astype(np.float64)
    if array.dtype.kind not in "fiub":
        raise TypeError(_("expected a numeric array, got {type}").format(type=type(value).__name__))
    return torch.from_numpy(array)


def _numpy(tensor: torch.Tensor, like: Any) -> Any:
    """A result back as numpy; a scalar argument gets a numpy scalar, as numpy would give."""
    array = tensor.detach().cpu().numpy()
    return array[()] if np.ndim(like) == 0 and not isinstance(like, np.ndarray) else array


def _elementwise(reference: Callable[..., torch.Tensor], floats: bool = True) -> Callable[..., Any]:
    def stand_in(x: Any, *rest: Any, **options: Any) -> Any:
        return _numpy(reference(_tensor(x, floats), *rest, **options), x)
    return stand_in


def _backward_elementwise(reference: Callable[..., torch.Tensor]) -> Callable[..., Any]:
    def stand_in(dout: Any, x: Any) -> Any:
        return _numpy(reference(_tensor(dout, True), _tensor(x, True)), dout)
    return stand_in


# ================================================================ 01_activations


def leaky_relu(x: Any, alpha: float = 0.01) -> Any:
    return _numpy(activations.leaky_relu(_tensor(x, True), float(alpha)), x)


ACTIVATIONS = {
    "sigmoid": _elementwise(activations.sigmoid),
    "sigmoid_backward": _backward_elementwise(activations.sigmoid_backward),
    "relu": _elementwise(activations.relu, floats=False),
    "relu_backward": _backward_elementwise(activations.relu_backward),
    "leaky_relu": leaky_relu,
    "tanh": _elementwise(activations.tanh),
}

# ================================================================ 02_backprop


def _affine_work(x: Any, w: Any) -> None:
    rows = int(np.prod(_shape(x)[:-1], dtype=np.int64)) if _shape(x) else 1
    inner, outer = (_shape(w) + (1, 1))[:2]
    if rows * outer > MAX_ELEMENTS:
        raise ValueError(_("a result of {size} elements: more than the grader computes in place "
                           "of your function ({limit})").format(size=rows * outer, limit=MAX_ELEMENTS))
    refuse_work(rows * inner * outer, "x @ w")


def affine_forward(x: Any, w: Any, b: Any) -> tuple:
    _affine_work(x, w)
    out = backprop.affine_forward(_tensor(x), _tensor(w), _tensor(b))
    return out.numpy(), (x, w, b)


def affine_backward(dout: Any, cache: Any) -> tuple:
    x, w, b = _own_cache(cache, 3, "affine_forward")
    _affine_work(x, w)
    return tuple(g.numpy() for g in backprop.affine_backward(_tensor(dout), _tensor(x), _tensor(w), _tensor(b)))


def relu_forward(x: Any) -> tuple:
    return backprop.relu_forward(_tensor(x)).numpy(), x


def relu_backward(dout: Any, cache: Any) -> Any:
    return backprop.relu_backward(_tensor(dout), _tensor(cache)).numpy()


def _own_cache(cache: Any, parts: int, forward: str) -> tuple:
    if not isinstance(cache, (tuple, list)) or len(cache) != parts:
        raise TypeError(_("this cache is not the one the grader's {forward} made").format(forward=forward))
    return tuple(cache)


BACKPROP = {"affine_forward": affine_forward, "affine_backward": affine_backward,
            "relu_forward": relu_forward, "relu_backward": relu_backward}

# ================================================================ 04_convolution and 05_softmax

CONVOLUTION = {"conv2d_output_size": convolution.conv2d_output_size,
               "pool2d_output_size": convolution.pool2d_output_size}


def _along_axis(reference: Callable[..., torch.Tensor]) -> Callable[..., Any]:
    def stand_in(logits: Any, axis: int = -1) -> Any:
        return _numpy(reference(_tensor(logits, True), int(axis)), logits)
    return stand_in


SOFTMAX = {"softmax": _along_axis(softmax.softmax), "log_softmax": _along_axis(softmax.log_softmax)}

# ================================================================ 06_attention (torch)


#: the tensors a stand-in takes: dtypes and devices by name, from a fixed list (a name the
#: student wrote never reaches `getattr(torch, ...)`)
DTYPES = {f"torch.{name}": getattr(torch, name) for name in
          ("float16", "bfloat16", "float32", "float64", "bool", "int8", "int16", "int32", "int64", "uint8")}
DEVICE = re.compile(r"(cpu|meta|cuda(:\d{1,2})?)")


def _torch(value: Any, requires_grad: bool = False) -> Any:
    """A decoded argument as torch: tensors on their device and in their dtype."""
    if isinstance(value, TensorValue):
        if value.dtype not in DTYPES or not DEVICE.fullmatch(value.device):
            raise TypeError(_("a tensor of dtype {dtype} on {device} is not one the "
                              "grader computes with in place of your function").format(
                dtype=value.dtype[:40], device=value.device[:40]))
        tensor = torch.from_numpy(np.array(value.array)).to(device=value.device, dtype=DTYPES[value.dtype])
        return tensor.requires_grad_(True) if requires_grad and tensor.is_floating_point() else tensor
    return value


def _detached(value: Any) -> Any:
    if isinstance(value, torch.Tensor):
        return value.detach()
    if isinstance(value, (tuple, list)):
        return type(value)(_detached(v) for v in value)
    return value


@dataclass(frozen=True)
class TorchStandIn:
    """A torch reference standing in for the student's function of the same contract, with
    the vector-Jacobian product its autograd backward needs (`vjp`). `guard(args, kwargs)`
    refuses arguments whose result would be too large to compute here."""

    reference: Callable[..., Any]
    guard: Callable[[list, dict], None] | None = None

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if self.guard is not None:
            self.guard(list(args), kwargs)
        with torch.no_grad():
            return _detached(self.reference(*[_torch(a) for a in args], **{k: _torch(v) for k, v in kwargs.items()}))

    def vjp(self, args: list, kwargs: dict, grads: list, wrt: list) -> list:
        """The gradients of the arguments at `wrt` (positions, or keyword names) of the
        outputs against upstream `grads` (one per output, None where there is none)."""
        if self.guard is not None:
            self.guard(list(args), kwargs)
        targs = [_torch(a, i in wrt) for i, a in enumerate(args)]
        tkwargs = {k: _torch(v, k in wrt) for k, v in kwargs.items()}
        inputs = [targs[i] if isinstance(i, int) else tkwargs[i] for i in wrt]
        with torch.enable_grad():
            value = self.reference(*targs, **tkwargs)
        outputs = list(value) if isinstance(value, (tuple, list)) else [value]
        pairs = [(o, _torch(g)) for o, g in zip(outputs, grads)
                 if isinstance(o, torch.Tensor) and o.requires_grad and isinstance(g, TensorValue)]
        if not pairs:
            return [torch.zeros_like(t) for t in inputs]
        found = torch.autograd.grad([o for o, _ in pairs], inputs, [g.to(o) for o, g in pairs], allow_unused=True)
        return [torch.zeros_like(t) if g is None else g.detach() for g, t in zip(found, inputs)]


def _bound(args: list, kwargs: dict, names: tuple[str, ...]) -> list[tuple[int, ...]]:
    values = list(args) + [kwargs.get(n) for n in names[len(args):]]
    return [_shape(v) for v in values[:len(names)]]


def _attention_work(args: list, kwargs: dict) -> None:
    """q k^T and weights @ v, with every batch dimension q, k, v and the mask broadcast to."""
    q, k, v, mask = _bound(args, kwargs, ("q", "k", "v", "mask"))
    if min(len(q), len(k), len(v)) < 2:
        return  # the reference says what is wrong with these
    batch = np.broadcast_shapes(q[:-2], k[:-2], v[:-2], mask[:-2] if len(mask) >= 2 else ())
    weights = int(np.prod(batch, dtype=np.int64)) * q[-2] * k[-2]
    if weights > MAX_ELEMENTS:
        raise ValueError(_("attention weights of {size} elements: more than the grader computes in place "
                           "of your function ({limit})").format(size=weights, limit=MAX_ELEMENTS))
    refuse_work(weights * (q[-1] + v[-1]), N_("attention"))


def _self_attention_work(args: list, kwargs: dict) -> None:
    x, w_q = _bound(args, kwargs, ("x", "w_q"))
    if len(x) < 2 or len(w_q) != 2:
        return
    rows, length = int(np.prod(x[:-1], dtype=np.int64)), x[-2]
    if rows * length > MAX_ELEMENTS:
        raise ValueError(_("attention weights of {size} elements: more than the grader computes "
                           "in place of your function ({limit})").format(size=rows * length, limit=MAX_ELEMENTS))
    refuse_work(rows * (3 * x[-1] * w_q[-1] + 2 * length * w_q[-1]), N_("self-attention"))


def _causal_mask(L: Any, device: Any = None) -> torch.Tensor:
    if int(L) * int(L) > MAX_ELEMENTS:
        raise ValueError(_("a {L} x {L} mask is larger than the grader computes in place of your function").format(L=L))
    if device is not None and not DEVICE.fullmatch(str(device)):
        raise TypeError(_("device {device!r} is not one the grader computes on").format(device=str(device)[:40]))
    return attention.causal_mask(int(L), device=device)


ATTENTION = {
    "scaled_dot_product_attention": TorchStandIn(attention.scaled_dot_product_attention, _attention_work),
    "causal_mask": TorchStandIn(_causal_mask),
    "self_attention": TorchStandIn(attention.self_attention, _self_attention_work),
}

#: assignment id -> the functions a caller may be given a stand-in for
STAND_INS: dict[str, Mapping[str, Callable[..., Any]]] = {
    "01_activations": ACTIVATIONS, "02_backprop": BACKPROP, "04_convolution": CONVOLUTION,
    "05_softmax": SOFTMAX, "06_attention": ATTENTION,
}
#: assignment id -> caller -> the functions it may be given stand-ins for: the course's own
#: call graph (a building block for what is built on it), never a larger function for a
#: smaller one (an sdpa must not get its result from a self_attention stand-in)
CALLS: dict[str, Mapping[str, frozenset[str]]] = {
    "01_activations": {"sigmoid_backward": frozenset({"sigmoid"}), "tanh": frozenset({"sigmoid"}),
                       "relu_backward": frozenset({"relu"}), "leaky_relu": frozenset({"relu"})},
    "02_backprop": {"two_layer_net": frozenset(BACKPROP)},
    "04_convolution": {"conv2d_forward": frozenset({"conv2d_output_size"}),
                       "max_pool2d_forward": frozenset({"pool2d_output_size", "conv2d_output_size"}),
                       "pool2d_output_size": frozenset({"conv2d_output_size"})},
    "05_softmax": {"log_softmax": frozenset({"softmax"}),
                   "softmax_cross_entropy": frozenset({"softmax", "log_softmax"})},
    "06_attention": {"self_attention": frozenset({"scaled_dot_product_attention", "causal_mask"}),
                     "multi_head_attention": frozenset({"scaled_dot_product_attention", "causal_mask",
                                                        "self_attention"})},
}
#: functions replaced only together: a backward reads the cache its forward made
TOGETHER: dict[str, tuple[frozenset[str], ...]] = {
    "02_backprop": (frozenset({"affine_forward", "affine_backward"}), frozenset({"relu_forward", "relu_backward"})),
}


def stand_ins_for(assignment_id: str, caller: str, failed: set[str], reached: set[str]) -> dict[str, Callable]:
    """The stand-ins `caller` is graded with: every failed function that the course's call
    graph lets it build on (`CALLS`) and that it reaches (calls, directly or through helpers),
    with the partners it must be replaced together with; never `caller` itself nor its own
    partners."""
    available = STAND_INS.get(assignment_id, {})
    allowed = CALLS.get(assignment_id, {}).get(caller, frozenset())
    groups = TOGETHER.get(assignment_id, ())
    own = {caller}.union(*[g for g in groups if caller in g])
    chosen = {name for name in failed & reached & allowed if name in available and name not in own}
    for group in groups:
        if chosen & group:
            chosen |= group - own
    return {name: available[name] for name in sorted(chosen)}
