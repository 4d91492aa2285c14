"""einsum everywhere: q scaled before the product, '...qd,...kd->...qk' scores, the mask
applied with torch.where and a -inf scalar, multi-head attention as einsum over a head axis
('bqhd,bkhd->bhqk'); the positional encoding through torch.outer in float64 with sin/cos
interleaved by stack + reshape, rounded once to float32.

expect: full
"""

import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    q = q / math.sqrt(q.shape[-1])
    scores = torch.einsum("...qd,...kd->...qk", q, k)
    if mask is not None:
        scores = torch.where(mask, scores, float("-inf"))
    weights = torch.softmax(scores, dim=-1)
    out = torch.einsum("...qk,...kv->...qv", weights, v)
    return out, weights


def causal_mask(L, device=None):
    return torch.ones(L, L, device=device).tril().bool()


def self_attention(x, w_q, w_k, w_v, causal=False):
    q = torch.einsum("bld,de->ble", x, w_q)
    k = torch.einsum("bld,de->ble", x, w_k)
    v = torch.einsum("bld,de->ble", x, w_v)
    mask = causal_mask(x.shape[1], x.device) if causal else None
    return scaled_dot_product_attention(q, k, v, mask)[0]


def multi_head_attention(x, w_q, w_k, w_v, w_o, num_heads, causal=False):
    B, L, D = x.shape
    h = num_heads
    dh = D // h
    q = (x @ w_q).reshape(B, L, h, dh)
    k = (x @ w_k).reshape(B, L, h, dh)
    v = (x @ w_v).reshape(B, L, h, dh)
    scores = torch.einsum("bqhd,bkhd->bhqk", q, k) / math.sqrt(dh)
    if causal:
        scores = scores.masked_fill(~causal_mask(L, x.device), float("-inf"))
    attn = scores.softmax(-1)
    out = torch.einsum("bhqk,bkhd->bqhd", attn, v).reshape(B, L, D)
    return torch.einsum("bld,de->ble", out, w_o)


def positional_encoding(seq_len, d_model):
    pos = torch.arange(seq_len, dtype=torch.float64)
    inv_freq = 1.0 / (10000 ** (torch.arange(0, d_model, 2, dtype=torch.float64) / d_model))
    angles = torch.outer(pos, inv_freq)
    pe = torch.stack([angles.sin(), angles.cos()], dim=-1).reshape(seq_len, d_model)
    return pe.to(torch.float32)
