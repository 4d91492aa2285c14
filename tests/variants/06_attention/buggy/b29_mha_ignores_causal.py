"""Multi-head attention that accepts causal= but never builds or applies the mask: every
position sees the future when causal=True.

expect: multi_head_attention ~ ignor|future
"""

import math

import torch


def multi_head_attention(x, w_q, w_k, w_v, w_o, num_heads, causal=False):
    B, L, D = x.shape
    dk = D // num_heads
    q = (x @ w_q).view(B, L, num_heads, dk).transpose(1, 2)
    k = (x @ w_k).view(B, L, num_heads, dk).transpose(1, 2)
    v = (x @ w_v).view(B, L, num_heads, dk).transpose(1, 2)
    scores = q @ k.transpose(-2, -1) / math.sqrt(dk)
    attn = torch.softmax(scores, dim=-1)
    out = (attn @ v).transpose(1, 2).contiguous().view(B, L, D)
    return out @ w_o
