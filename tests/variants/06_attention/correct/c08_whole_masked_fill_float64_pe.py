"""A whole file in careful CS231n style: masked_fill(~mask, -inf), torch.softmax, heads via reshape + transpose(1, 2) calling the student's own attention, and a positional encoding computed in float64 with torch.pow then cast to float32.

composition: whole
expect: full
"""
import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    d = q.shape[-1]
    scores = torch.matmul(q, k.transpose(-2, -1)) / math.sqrt(d)
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    weights = torch.softmax(scores, dim=-1)
    out = torch.matmul(weights, v)
    return out, weights


def causal_mask(L, device=None):
    return torch.tril(torch.ones(L, L, dtype=torch.bool, device=device))


def self_attention(x, w_q, w_k, w_v, causal=False):
    q = x @ w_q
    k = x @ w_k
    v = x @ w_v
    mask = causal_mask(x.shape[1], device=x.device) if causal else None
    out, _ = scaled_dot_product_attention(q, k, v, mask)
    return out


def multi_head_attention(x, w_q, w_k, w_v, w_o, num_heads, causal=False):
    B, L, D = x.shape
    dh = D // num_heads

    def split(t):
        return t.reshape(B, L, num_heads, dh).transpose(1, 2)  # (B, h, L, dh)

    q, k, v = split(x @ w_q), split(x @ w_k), split(x @ w_v)
    mask = causal_mask(L, device=x.device) if causal else None
    heads, _ = scaled_dot_product_attention(q, k, v, mask)
    concat = heads.transpose(1, 2).reshape(B, L, D)
    return concat @ w_o


def positional_encoding(seq_len, d_model):
    pos = torch.arange(seq_len, dtype=torch.float64).unsqueeze(1)
    i2 = torch.arange(0, d_model, 2, dtype=torch.float64)
    angle = pos / torch.pow(torch.tensor(10000.0, dtype=torch.float64), i2 / d_model)
    pe = torch.zeros(seq_len, d_model, dtype=torch.float64)
    pe[:, 0::2] = torch.sin(angle)
    pe[:, 1::2] = torch.cos(angle)
    return pe.to(torch.float32)
