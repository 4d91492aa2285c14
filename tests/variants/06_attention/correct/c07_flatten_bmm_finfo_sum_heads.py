"""Everything on 3-D torch.bmm: the leading dimensions of q, k, v flattened into one batch
axis (the mask expanded and flattened alongside, filled with torch.finfo(dtype).min) and put
back afterwards; projections through F.linear(x, w.t()); the causal mask by comparing
aranges (row >= column); multi-head attention without a concatenation: the output is the
sum over heads of head_i @ w_o[rows of head i] (block matrix product); the positional
encoding filled column pair by column pair in a Python loop over i.

expect: full
"""

import math

import torch
import torch.nn.functional as F


def scaled_dot_product_attention(q, k, v, mask=None):
    *lead, Lq, d = q.shape
    Lk, dv = k.shape[-2], v.shape[-1]
    q3 = q.reshape(-1, Lq, d)
    k3 = k.reshape(-1, Lk, d)
    v3 = v.reshape(-1, Lk, dv)
    scores = torch.bmm(q3, k3.transpose(1, 2)) / math.sqrt(d)
    if mask is not None:
        m3 = mask.expand(*lead, Lq, Lk).reshape(-1, Lq, Lk)
        scores = scores.masked_fill(~m3, torch.finfo(scores.dtype).min)
    weights = torch.softmax(scores, dim=2)
    out = torch.bmm(weights, v3)
    return out.reshape(*lead, Lq, dv), weights.reshape(*lead, Lq, Lk)


def causal_mask(L, device=None):
    rows = torch.arange(L, device=device).unsqueeze(-1)
    cols = torch.arange(L, device=device).unsqueeze(0)
    return rows >= cols


def self_attention(x, w_q, w_k, w_v, causal=False):
    q = F.linear(x, w_q.t())
    k = F.linear(x, w_k.t())
    v = F.linear(x, w_v.t())
    mask = causal_mask(x.shape[1], device=x.device) if causal else None
    return scaled_dot_product_attention(q, k, v, mask)[0]


def multi_head_attention(x, w_q, w_k, w_v, w_o, num_heads, causal=False):
    B, L, D = x.shape
    hd = D // num_heads
    q, k, v = F.linear(x, w_q.t()), F.linear(x, w_k.t()), F.linear(x, w_v.t())
    mask = causal_mask(L, device=x.device) if causal else None
    out = torch.zeros_like(x)
    for h in range(num_heads):
        s = slice(h * hd, (h + 1) * hd)
        head, _ = scaled_dot_product_attention(q[..., s], k[..., s], v[..., s], mask)
        out = out + head @ w_o[s, :]
    return out


def positional_encoding(seq_len, d_model):
    pe = torch.zeros(seq_len, d_model)
    position = torch.arange(seq_len, dtype=torch.float32)
    for i in range(0, d_model, 2):
        denom = 10000 ** (i / d_model)
        pe[:, i] = torch.sin(position / denom)
        pe[:, i + 1] = torch.cos(position / denom)
    return pe
