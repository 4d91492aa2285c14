"""Causal self-attention that passes triu(ones, 1) as the mask: that is the "forbidden"
mask of the other convention, so with True = may attend each position sees only the future
(and the last row would be fully masked).

expect: self_attention ~ mask|causal|future|invert|polarity|triangle
"""

import math

import torch


def self_attention(x, w_q, w_k, w_v, causal=False):
    q, k, v = x @ w_q, x @ w_k, x @ w_v
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    if causal:
        L = x.shape[1]
        mask = torch.triu(torch.ones(L, L, device=x.device), diagonal=1).bool()
        scores = scores.masked_fill(~mask, -1e9)
    return torch.softmax(scores, dim=-1) @ v
