"""Self-attention that detaches the attention weights (copied from code that logs them):
the output no longer carries gradients through the queries and keys.

expect: self_attention ~ grad|autograd|differentiab|detach
"""

import math

import torch


def self_attention(x, w_q, w_k, w_v, causal=False):
    q, k, v = x @ w_q, x @ w_k, x @ w_v
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.size(-1))
    if causal:
        L = x.size(1)
        scores = scores.masked_fill(~torch.ones(L, L, dtype=torch.bool, device=x.device).tril(), -1e9)
    weights = torch.softmax(scores, dim=-1).detach()
    return weights @ v
