"""Mask applied as scores * mask (a multiplicative mask): masked scores become 0, not -inf,
so masked keys still get weight.

expect: scaled_dot_product_attention ~ mask|-inf|infinit|fill
"""

import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    if mask is not None:
        scores = scores * mask
    weights = torch.softmax(scores, dim=-1)
    return weights @ v, weights
