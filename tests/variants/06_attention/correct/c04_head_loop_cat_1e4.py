"""A loop over heads with torch.cat (each head a slice of the projected features), masks
filled with -1e4, the causal mask as the complement of triu(..., 1), the scale as
d ** 0.5, and a positional encoding from a double Python loop with math.sin / math.cos.

expect: full
"""

import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = torch.matmul(q, k.transpose(-1, -2))
    scores = scores / (q.shape[-1] ** 0.5)
    if mask is not None:
        scores = scores.masked_fill(mask.logical_not(), -1e4)
    weights = torch.softmax(scores, dim=-1)
    out = torch.matmul(weights, v)
    return out, weights


def causal_mask(L, device=None):
    future = torch.triu(torch.ones(L, L, dtype=torch.bool, device=device), diagonal=1)
    return ~future


def self_attention(x, w_q, w_k, w_v, causal=False):
    Q = x @ w_q
    K = x @ w_k
    V = x @ w_v
    mask = None
    if causal:
        mask = causal_mask(x.shape[1], device=x.device)
    out, _ = scaled_dot_product_attention(Q, K, V, mask)
    return out


def multi_head_attention(x, w_q, w_k, w_v, w_o, num_heads, causal=False):
    D = x.shape[-1]
    head_dim = D // num_heads
    Q, K, V = x @ w_q, x @ w_k, x @ w_v
    mask = causal_mask(x.shape[1], device=x.device) if causal else None
    heads = []
    for i in range(num_heads):
        cols = slice(i * head_dim, (i + 1) * head_dim)
        head, _ = scaled_dot_product_attention(Q[:, :, cols], K[:, :, cols], V[:, :, cols], mask)
        heads.append(head)
    concat = torch.cat(heads, dim=-1)
    return concat @ w_o


def positional_encoding(seq_len, d_model):
    pe = torch.zeros(seq_len, d_model, dtype=torch.float32)
    for pos in range(seq_len):
        for i in range(0, d_model, 2):
            angle = pos / (10000 ** (i / d_model))
            pe[pos, i] = math.sin(angle)
            pe[pos, i + 1] = math.cos(angle)
    return pe
