"""The 1/sqrt(d) scale applied to the weights after the softmax instead of to the scores
before it (rows no longer sum to 1).

expect: scaled_dot_product_attention ~ scale|sqrt|softmax|sum
"""

import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.transpose(-2, -1)
    if mask is not None:
        scores = scores.masked_fill(~mask, -1e9)
    weights = torch.softmax(scores, dim=-1) / math.sqrt(q.shape[-1])
    return weights @ v, weights
