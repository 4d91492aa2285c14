"""The scale applied to q in place (q /= math.sqrt(d)) to "save memory": the caller's q is
divided by sqrt(d) on every call, and autograd refuses an in-place op on a leaf that
requires grad.

expect: scaled_dot_product_attention ~ in[- ]place|modif
"""

import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    q /= math.sqrt(q.size(-1))
    scores = q @ k.transpose(-2, -1)
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    weights = torch.softmax(scores, dim=-1)
    return weights @ v, weights
