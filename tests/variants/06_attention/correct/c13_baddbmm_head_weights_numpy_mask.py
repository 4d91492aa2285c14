"""Megatron-flavoured: self-attention scores through torch.baddbmm(bias, q, k^T, beta=1,
alpha=1/sqrt(d)) with an additive bias that holds 0 or -inf (zeros_like(...).masked_fill);
scaled dot-product attention with the same additive bias broadcast over the leading dims;
multi-head attention with the weights rearranged into a head axis (w_q.view(D, h, hd)
.permute(1, 0, 2): (h, D, hd)) so that x.unsqueeze(1) @ W gives (B, h, L, hd) by
broadcasting, and w_o as (h, hd, D) blocks summed over heads; the causal mask from numpy's
np.tril via torch.from_numpy(...).to(device); the positional encoding as cat([sin, cos])
re-interleaved with view(L, 2, d/2).transpose(1, 2).reshape(L, d).

expect: full
"""

import math

import numpy as np
import torch


def _additive_bias(mask, like):
    return torch.zeros(mask.shape, dtype=like.dtype, device=like.device).masked_fill(~mask, float("-inf"))


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    if mask is not None:
        scores = scores + _additive_bias(mask, scores)
    weights = scores.softmax(dim=-1)
    return weights @ v, weights


def causal_mask(L, device=None):
    return torch.from_numpy(np.tril(np.ones((L, L), dtype=bool))).to(device)


def self_attention(x, w_q, w_k, w_v, causal=False):
    B, L, _ = x.shape
    q, k, v = x @ w_q, x @ w_k, x @ w_v
    bias = torch.zeros(B, L, L, dtype=x.dtype, device=x.device)
    if causal:
        bias = bias.masked_fill(~causal_mask(L, x.device), float("-inf"))
    scores = torch.baddbmm(bias, q, k.transpose(1, 2), beta=1.0, alpha=1.0 / math.sqrt(q.shape[-1]))
    return torch.bmm(torch.softmax(scores, dim=-1), v)


def multi_head_attention(x, w_q, w_k, w_v, w_o, num_heads, causal=False):
    B, L, D = x.shape
    h, hd = num_heads, D // num_heads

    def per_head(w):  # (D, D) -> (h, D, hd): column block i is head i
        return w.view(D, h, hd).permute(1, 0, 2)

    xs = x.unsqueeze(1)  # (B, 1, L, D)
    q, k, v = xs @ per_head(w_q), xs @ per_head(w_k), xs @ per_head(w_v)  # (B, h, L, hd)
    mask = causal_mask(L, x.device) if causal else None
    heads, _ = scaled_dot_product_attention(q, k, v, mask)
    return (heads @ w_o.view(h, hd, D)).sum(dim=1)


def positional_encoding(seq_len, d_model):
    half = d_model // 2
    freqs = 1.0 / (10000.0 ** (torch.arange(half, dtype=torch.float64) * 2 / d_model))
    angles = torch.arange(seq_len, dtype=torch.float64)[:, None] * freqs[None, :]
    pe = torch.cat([angles.sin(), angles.cos()], dim=-1)  # (L, [sin..., cos...])
    return pe.view(seq_len, 2, half).transpose(1, 2).reshape(seq_len, d_model).to(torch.float32)
