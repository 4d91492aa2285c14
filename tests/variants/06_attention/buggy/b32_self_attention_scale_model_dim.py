r"""Self-attention scaled by the model width x.size(-1) (D) instead of the projected
dimension d = w_q.size(1): the usual "d_model" mix-up when D != d.

expect: self_attention ~ sqrt\(D\)|model width
"""

import math

import torch


def self_attention(x, w_q, w_k, w_v, causal=False):
    d_model = x.size(-1)
    q, k, v = x @ w_q, x @ w_k, x @ w_v
    scores = q @ k.transpose(-2, -1) / math.sqrt(d_model)
    if causal:
        L = x.size(1)
        scores = scores.masked_fill(~torch.ones(L, L, dtype=torch.bool, device=x.device).tril(), float("-inf"))
    return torch.softmax(scores, dim=-1) @ v
