"""Each head scaled by 1/sqrt(D) (the model width) instead of 1/sqrt(D/num_heads).

expect: multi_head_attention ~ scale|sqrt|head
"""

import math

import torch


def multi_head_attention(x, w_q, w_k, w_v, w_o, num_heads, causal=False):
    B, L, D = x.shape
    d_head = D // num_heads

    def heads(t):
        return t.view(B, L, num_heads, d_head).transpose(1, 2)

    q, k, v = heads(x @ w_q), heads(x @ w_k), heads(x @ w_v)
    scores = q @ k.transpose(-2, -1) / math.sqrt(D)
    if causal:
        scores = scores.masked_fill(~torch.ones(L, L, dtype=torch.bool, device=x.device).tril(), -1e9)
    out = torch.softmax(scores, dim=-1) @ v
    return out.transpose(1, 2).reshape(B, L, D) @ w_o
