"""Heads split with view(B, h, L, d) directly on the (B, L, D) projection: no transpose, so
each "head" is a block of rows of the flattened (L, D) matrix, not a chunk of features.

expect: multi_head_attention ~ transpose|head|split|reshape|view
"""

import math

import torch


def multi_head_attention(x, w_q, w_k, w_v, w_o, num_heads, causal=False):
    B, L, D = x.shape
    d = D // num_heads
    q = (x @ w_q).view(B, num_heads, L, d)
    k = (x @ w_k).view(B, num_heads, L, d)
    v = (x @ w_v).view(B, num_heads, L, d)
    scores = q @ k.transpose(-2, -1) / math.sqrt(d)
    if causal:
        allowed = torch.ones(L, L, dtype=torch.bool, device=x.device).tril()
        scores = scores.masked_fill(~allowed, float("-inf"))
    out = torch.softmax(scores, dim=-1) @ v
    return out.reshape(B, L, D) @ w_o
