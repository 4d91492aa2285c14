"""Self-attention wrapped in `with torch.no_grad():` (copied from an evaluation loop): the
values are right but the result carries no gradient at all.

expect: self_attention ~ no_grad
"""

import math

import torch


def self_attention(x, w_q, w_k, w_v, causal=False):
    with torch.no_grad():
        q, k, v = x @ w_q, x @ w_k, x @ w_v
        scores = q @ k.transpose(-2, -1) / math.sqrt(q.size(-1))
        if causal:
            L = x.size(1)
            mask = torch.ones(L, L, dtype=torch.bool, device=x.device).tril()
            scores = scores.masked_fill(~mask, float("-inf"))
        out = torch.softmax(scores, dim=-1) @ v
    return out
