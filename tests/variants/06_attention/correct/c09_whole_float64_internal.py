"""A whole file that runs the attention in float64 (.double()) with a hand-written max-shifted softmax and casts out and weights back with .to(dtype), autograd flowing through the casts; the positional encoding built in numpy float64 and converted with torch.from_numpy(...).float().

composition: whole
expect: full
"""
import math

import numpy as np
import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    dtype = q.dtype
    q64, k64, v64 = q.double(), k.double(), v.double()
    scores = q64 @ k64.transpose(-1, -2) / math.sqrt(q.shape[-1])
    if mask is not None:
        scores = scores.masked_fill(mask.logical_not(), -math.inf)
    scores = scores - scores.amax(dim=-1, keepdim=True)
    e = scores.exp()
    weights = e / e.sum(dim=-1, keepdim=True)
    out = weights @ v64
    return out.to(dtype), weights.to(dtype)


def causal_mask(L, device=None):
    return torch.ones((L, L), dtype=torch.bool, device=device).tril()


def self_attention(x, w_q, w_k, w_v, causal=False):
    mask = causal_mask(x.shape[-2], device=x.device) if causal else None
    return scaled_dot_product_attention(x @ w_q, x @ w_k, x @ w_v, mask)[0]


def multi_head_attention(x, w_q, w_k, w_v, w_o, num_heads, causal=False):
    B, L, D = x.shape
    dh = D // num_heads
    mask = causal_mask(L, device=x.device) if causal else None
    q = (x @ w_q).reshape(B, L, num_heads, dh).permute(0, 2, 1, 3)
    k = (x @ w_k).reshape(B, L, num_heads, dh).permute(0, 2, 1, 3)
    v = (x @ w_v).reshape(B, L, num_heads, dh).permute(0, 2, 1, 3)
    o, _ = scaled_dot_product_attention(q, k, v, mask)
    return o.permute(0, 2, 1, 3).reshape(B, L, D) @ w_o


def positional_encoding(seq_len, d_model):
    pos = np.arange(seq_len)[:, None]
    i = np.arange(d_model // 2)[None, :]
    angle = pos / np.power(10000.0, 2 * i / d_model)
    pe = np.zeros((seq_len, d_model))
    pe[:, 0::2] = np.sin(angle)
    pe[:, 1::2] = np.cos(angle)
    return torch.from_numpy(pe).float()
