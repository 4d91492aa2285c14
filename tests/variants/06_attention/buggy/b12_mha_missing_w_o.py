"""Multi-head attention that concatenates the heads and stops: the output projection w_o
is never applied.

expect: multi_head_attention ~ w_o|output projection|project
"""

import math

import torch


def multi_head_attention(x, w_q, w_k, w_v, w_o, num_heads, causal=False):
    B, L, D = x.shape
    d_head = D // num_heads
    q = (x @ w_q).view(B, L, num_heads, d_head).transpose(1, 2)
    k = (x @ w_k).view(B, L, num_heads, d_head).transpose(1, 2)
    v = (x @ w_v).view(B, L, num_heads, d_head).transpose(1, 2)
    scores = q @ k.transpose(-2, -1) / math.sqrt(d_head)
    if causal:
        scores = scores.masked_fill(~torch.ones(L, L, dtype=torch.bool, device=x.device).tril(), -1e9)
    out = torch.softmax(scores, dim=-1) @ v
    return out.transpose(1, 2).contiguous().view(B, L, D)
