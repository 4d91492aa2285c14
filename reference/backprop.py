"""Reference for 02_backprop: affine and ReLU layers, and a two-layer net's loss and gradients.

Every function takes and returns torch tensors (any device, float32 or float64); results are
on the inputs' device and in their dtype. Unlike the student's API (which threads a ``cache``
from forward to backward), the reference backward functions take the forward's inputs and
compute gradients with autograd.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

from reference.vjp import paired

PARAM_NAMES = ("W1", "b1", "W2", "b2")


def affine_forward(x: torch.Tensor, w: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """``x @ w + b`` for x (N, D), w (D, M), b (M,); returns (N, M)."""
    return x @ w + b


def affine_backward(
    dout: torch.Tensor, x: torch.Tensor, w: torch.Tensor, b: torch.Tensor
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Gradients ``(dx, dw, db)`` of ``affine_forward(x, w, b)`` against upstream ``dout`` (N, M).

    Shaped like x, w, b; computed by autograd.
    """
    xs = [t.detach().requires_grad_(True) for t in (x, w, b)]
    with torch.enable_grad():
        out = affine_forward(*xs)
        grads = torch.autograd.grad(paired([out], [dout]), xs)
    dx, dw, db = (g.detach() for g in grads)
    return dx, dw, db


def relu_forward(x: torch.Tensor) -> torch.Tensor:
    """Elementwise max(x, 0)."""
    return torch.relu(x)


def relu_backward(dout: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    """``dout`` where ``x > 0``, else 0 (the gradient at exactly 0 is 0); by autograd."""
    xg = x.detach().requires_grad_(True)
    with torch.enable_grad():
        out = torch.relu(xg)
        (dx,) = torch.autograd.grad(paired([out], [dout]), xg)
    return dx.detach()


def two_layer_net(
    X: torch.Tensor,
    y: torch.Tensor,
    params: dict[str, torch.Tensor],
    reg: float = 0.0,
) -> tuple[torch.Tensor, dict[str, torch.Tensor]]:
    """Loss and gradients of affine - relu - affine - softmax cross-entropy.

    X (N, D); y (N,) integer labels in [0, C) (converted to int64); params ``W1`` (D, H),
    ``b1`` (H,), ``W2`` (H, C), ``b2`` (C,).
    loss = F.cross_entropy(relu(X @ W1 + b1) @ W2 + b2, y) + reg * (sum(W1**2) + sum(W2**2)),
    a 0-d tensor. ``grads`` is a dict with the same four keys and shapes, by autograd.
    """
    p = {k: params[k].detach().requires_grad_(True) for k in PARAM_NAMES}
    with torch.enable_grad():
        hidden = torch.relu(X.detach() @ p["W1"] + p["b1"])
        scores = hidden @ p["W2"] + p["b2"]
        loss = F.cross_entropy(scores, y.to(device=scores.device, dtype=torch.int64))
        loss = loss + float(reg) * (torch.sum(p["W1"] ** 2) + torch.sum(p["W2"] ** 2))
        grads = torch.autograd.grad(loss, [p[k] for k in PARAM_NAMES])
    return loss.detach(), {k: g.detach() for k, g in zip(PARAM_NAMES, grads)}
