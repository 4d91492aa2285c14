"""Reference for 01_activations: elementwise activations and their backward passes.

Every function takes and returns torch tensors (any device, float32 or float64); results are
on the inputs' device and in their dtype. Forward passes are PyTorch's own operations; backward
passes are computed by autograd through those operations, so the reference is only as wrong as
PyTorch itself.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

from reference.vjp import paired


def _vjp(fn, dout: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    """Vector-Jacobian product of the elementwise ``fn`` at ``x`` with upstream ``dout``."""
    xg = x.detach().requires_grad_(True)
    with torch.enable_grad():
        out = fn(xg)
        (dx,) = torch.autograd.grad(paired([out], [dout]), xg)
    return dx.detach()


def sigmoid(x: torch.Tensor) -> torch.Tensor:
    """Elementwise logistic function 1 / (1 + exp(-x)); any shape, including 0-d."""
    return torch.sigmoid(x)


def sigmoid_backward(dout: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    """Gradient of sigmoid at ``x`` times ``dout``: dout * s * (1 - s), s = sigmoid(x).

    ``dout`` and ``x`` have the same shape; the result has that shape (autograd).
    """
    return _vjp(torch.sigmoid, dout, x)


def relu(x: torch.Tensor) -> torch.Tensor:
    """Elementwise max(x, 0)."""
    return torch.relu(x)


def relu_backward(dout: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    """``dout`` where ``x > 0``, else 0: the gradient at exactly 0 (and at -0.0) is 0.

    Computed by autograd through ``torch.relu``, whose gradient at 0 is 0 (checked when the
    reference was written), matching the contract.
    """
    return _vjp(torch.relu, dout, x)


def leaky_relu(x: torch.Tensor, alpha: float = 0.01) -> torch.Tensor:
    """Elementwise ``x if x > 0 else alpha * x``, for 0 <= alpha < 1."""
    return F.leaky_relu(x, negative_slope=float(alpha))


def tanh(x: torch.Tensor) -> torch.Tensor:
    """Elementwise hyperbolic tangent."""
    return torch.tanh(x)
