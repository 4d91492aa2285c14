"""Softmax over the query axis (dim=-2) instead of the key axis: columns, not rows, sum
to 1.

expect: scaled_dot_product_attention ~ dim|axis|softmax|sum|row
"""

import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    if mask is not None:
        scores = scores.masked_fill(~mask, -1e9)
    weights = torch.softmax(scores, dim=-2)
    return weights @ v, weights
