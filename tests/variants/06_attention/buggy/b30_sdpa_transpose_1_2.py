"""k.transpose(1, 2) hard-coded from 3-D (batch, L, d) code (d2l's bmm): on 2-D inputs it
raises, on 4-D (batch, heads, L, d) inputs it swaps the heads with the positions.

expect: scaled_dot_product_attention ~ transpose|dim|batch|shape|-2, -1
"""

import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = torch.matmul(q, k.transpose(1, 2)) / math.sqrt(q.shape[-1])
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    weights = torch.softmax(scores, dim=-1)
    return torch.matmul(weights, v), weights
