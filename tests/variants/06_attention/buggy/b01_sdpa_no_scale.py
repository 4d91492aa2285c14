"""Dot-product attention without the 1/sqrt(d) scale (softmax(q k^T)).

expect: scaled_dot_product_attention ~ scale|sqrt
"""

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = torch.matmul(q, k.transpose(-2, -1))
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    weights = torch.softmax(scores, dim=-1)
    return torch.matmul(weights, v), weights
