"""Softmax done in numpy (scores.detach().cpu().numpy(), then torch.from_numpy): the values
are right, but the weights are cut off from autograd (and land on the CPU).

expect: scaled_dot_product_attention ~ grad|autograd|differentiab|numpy|detach|device
"""

import math

import numpy as np
import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    if mask is not None:
        scores = scores.masked_fill(~mask, -1e9)
    s = scores.detach().cpu().numpy()
    e = np.exp(s - s.max(axis=-1, keepdims=True))
    weights = torch.from_numpy(e / e.sum(axis=-1, keepdims=True)).to(q.device)
    return weights @ v, weights
