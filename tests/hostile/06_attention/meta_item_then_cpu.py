r"""Hostile: scaled_dot_product_attention first checks its inputs with `if not torch.isfinite(q).all()` (on PyTorch's data-less meta device that raises RuntimeError "Tensor.item() cannot be called on meta tensors", not a device error) and then computes on `.cpu()` copies, so on a GPU its results would come back on the CPU. A meta run that raises a non-device error must not count as passing: the same case runs on the CPU, and on a CPU-only machine the code's route to the CPU (.cpu()) fails keeps_device; its values, gradients and timing are right, so only keeps_device fails.

expect: scaled_dot_product_attention.keeps_device ~ meta.*route to the CPU.*\.cpu\(\)
"""
import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    if not torch.isfinite(q).all():
        raise ValueError("q must be finite")
    q, k, v = q.cpu(), k.cpu(), v.cpu()
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    if mask is not None:
        scores = scores.masked_fill(~mask.cpu(), float("-inf"))
    weights = torch.softmax(scores, dim=-1)
    return weights @ v, weights
