"""Reference for 05_softmax: softmax, log-softmax and softmax cross-entropy.

Every function takes and returns torch tensors (any device, float32 or float64); results are
on the inputs' device and in their dtype. The values are PyTorch's own ``torch.softmax``,
``torch.log_softmax`` and ``F.cross_entropy``; the gradient of the loss comes from autograd.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F


def softmax(logits: torch.Tensor, axis: int = -1) -> torch.Tensor:
    """Softmax of ``logits`` along ``axis``; any shape; same shape, dtype and device."""
    return torch.softmax(logits, dim=axis)


def log_softmax(logits: torch.Tensor, axis: int = -1) -> torch.Tensor:
    """Log-softmax of ``logits`` along ``axis``; finite for every finite input."""
    return torch.log_softmax(logits, dim=axis)


def softmax_cross_entropy(
    logits: torch.Tensor, labels: torch.Tensor
) -> tuple[torch.Tensor, torch.Tensor]:
    """Mean softmax cross-entropy and its gradient with respect to the logits.

    logits: (N, C) float; labels: (N,) integer class indices in [0, C) (converted to int64).
    Returns ``(loss, dlogits)``: ``loss`` a 0-d tensor equal to ``F.cross_entropy(logits,
    labels)`` (mean over the batch), ``dlogits`` (N, C) = (softmax(logits) - onehot) / N,
    computed by autograd.
    """
    z = logits.detach().requires_grad_(True)
    with torch.enable_grad():
        loss = F.cross_entropy(z, labels.to(device=logits.device, dtype=torch.int64))
        (dlogits,) = torch.autograd.grad(loss, z)
    return loss.detach(), dlogits.detach()
