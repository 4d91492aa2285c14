"""Reference for 04_convolution: conv/pool output sizes and the forward passes.

The output-size functions ask PyTorch itself: they run ``F.conv2d`` / ``F.max_pool2d`` on a
``device="meta"`` tensor of shape (1, 1, h, w) (shapes only, no memory, no arithmetic) and read
the output's shape. PyTorch's meta kernels do not check every argument (a zero stride, a
negative padding or a zero dilation pass through or crash with ZeroDivisionError), so the
contract's range rules are checked first, and PyTorch's own errors (kernel larger than the
padded input, output too small, pool padding over half the kernel) are re-raised as
``ValueError`` with PyTorch's message.

``conv2d_forward`` and ``max_pool2d_forward`` are ``F.conv2d`` and ``F.max_pool2d`` (any
device, float32 or float64).
"""

from __future__ import annotations

import operator
from typing import Optional, Union

import torch
import torch.nn.functional as F

IntOrPair = Union[int, tuple[int, int]]


def _pair(value: IntOrPair, name: str) -> tuple[int, int]:
    """``value`` as an (h, w) pair of Python ints; an int is used for both sides."""
    items = tuple(value) if isinstance(value, (tuple, list)) else (value, value)
    if len(items) != 2:
        raise ValueError(f"{name} must be an int or an (h, w) pair, got {value!r}")
    out = []
    for item in items:
        if isinstance(item, bool):
            raise TypeError(f"{name} must be an int or an (h, w) pair of ints, got {value!r}")
        try:
            out.append(operator.index(item))
        except TypeError:
            raise TypeError(
                f"{name} must be an int or an (h, w) pair of ints, got {value!r}"
            ) from None
    return out[0], out[1]


def _input_size(h: int, w: int) -> tuple[int, int]:
    h, w = _pair((h, w), "input size (h, w)")
    if h < 1 or w < 1:
        raise ValueError(f"input size must be at least 1 on each side, got (h, w) = ({h}, {w})")
    return h, w


def _at_least(pair: tuple[int, int], name: str, low: int) -> None:
    if min(pair) < low:
        raise ValueError(f"{name} must be >= {low} on each side, got {pair}")


def _check_output(out: tuple[int, int], what: str) -> tuple[int, int]:
    if min(out) < 1:
        raise ValueError(f"{what}: output size {out} is less than 1")
    return out


def conv2d_output_size(
    h: int,
    w: int,
    kernel_size: IntOrPair,
    stride: IntOrPair = 1,
    padding: IntOrPair = 0,
    dilation: IntOrPair = 1,
) -> tuple[int, int]:
    """Output (h_out, w_out) of ``torch.nn.Conv2d`` on an (h, w) input.

    Each of kernel_size, stride, padding, dilation is an int or an (h, w) pair.
    Per side: out = floor((in + 2*padding - dilation*(kernel-1) - 1) / stride) + 1.
    Raises ``ValueError`` when kernel, stride or dilation < 1, padding < 0, h or w < 1, or an
    output side would be < 1 (the dilated kernel is larger than the padded input).
    """
    h, w = _input_size(h, w)
    k = _pair(kernel_size, "kernel_size")
    s = _pair(stride, "stride")
    p = _pair(padding, "padding")
    d = _pair(dilation, "dilation")
    _at_least(k, "kernel_size", 1)
    _at_least(s, "stride", 1)
    _at_least(d, "dilation", 1)
    _at_least(p, "padding", 0)
    x = torch.empty(1, 1, h, w, device="meta")
    weight = torch.empty(1, 1, k[0], k[1], device="meta")
    try:
        y = F.conv2d(x, weight, stride=s, padding=p, dilation=d)
    except (RuntimeError, ValueError) as err:
        raise ValueError(f"invalid conv2d arguments: {err}") from None
    return _check_output((int(y.shape[-2]), int(y.shape[-1])), "conv2d")


def pool2d_output_size(
    h: int,
    w: int,
    kernel_size: IntOrPair,
    stride: Optional[IntOrPair] = None,
    padding: IntOrPair = 0,
    ceil_mode: bool = False,
) -> tuple[int, int]:
    """Output (h_out, w_out) of ``torch.nn.MaxPool2d`` on an (h, w) input.

    ``stride`` defaults to ``kernel_size``. Per side: out = floor_or_ceil((in + 2*padding -
    kernel) / stride) + 1; with ``ceil_mode`` the last window must start inside the input or
    the left padding (otherwise it is dropped). Raises ``ValueError`` when kernel or stride
    < 1, padding < 0, padding > kernel/2, h or w < 1, or an output side would be < 1.
    """
    h, w = _input_size(h, w)
    k = _pair(kernel_size, "kernel_size")
    s = k if stride is None else _pair(stride, "stride")
    p = _pair(padding, "padding")
    _at_least(k, "kernel_size", 1)
    _at_least(s, "stride", 1)
    _at_least(p, "padding", 0)
    if 2 * p[0] > k[0] or 2 * p[1] > k[1]:
        raise ValueError(f"padding {p} must be at most half of kernel_size {k}")
    x = torch.empty(1, 1, h, w, device="meta")
    try:
        y = F.max_pool2d(x, k, s, p, ceil_mode=bool(ceil_mode))
    except (RuntimeError, ValueError) as err:
        raise ValueError(f"invalid max_pool2d arguments: {err}") from None
    return _check_output((int(y.shape[-2]), int(y.shape[-1])), "max_pool2d")


def conv2d_forward(
    x: torch.Tensor, w: torch.Tensor, b: torch.Tensor, stride: int = 1, padding: int = 0
) -> torch.Tensor:
    """Cross-correlation of x (N, C, H, W) with w (F, C, KH, KW) plus b (F,): (N, F, H', W')."""
    return F.conv2d(x, w, b, stride=stride, padding=padding)


def max_pool2d_forward(
    x: torch.Tensor, kernel_size: int, stride: Optional[int] = None
) -> torch.Tensor:
    """Max pooling of x (N, C, H, W), no padding, floor mode; stride None = kernel_size."""
    return F.max_pool2d(x, kernel_size, stride=stride)
