"""A hand-written stable softmax (subtract the row max, exp, normalise) with the mask
filled through torch.where(mask, scores, full_like(scores, -1e9)); k.mT for the transpose;
self-attention written inline with baddbmm-free bmm; heads split with chunk + stack and
merged with flatten; the positional encoding with 10000 ** (-i/d) for i = 0, 2, 4, ...

expect: full
"""

import math

import torch


def _stable_softmax_lastdim(z):
    z = z - z.amax(dim=-1, keepdim=True)
    e = torch.exp(z)
    return e / e.sum(dim=-1, keepdim=True)


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q.matmul(k.mT) / math.sqrt(q.size(-1))
    if mask is not None:
        scores = torch.where(mask, scores, torch.full_like(scores, -1e9))
    weights = _stable_softmax_lastdim(scores)
    return weights.matmul(v), weights


def causal_mask(L, device=None):
    return torch.ones(L, L, device=device).tril() == 1


def self_attention(x, w_q, w_k, w_v, causal=False):
    q, k, v = torch.matmul(x, w_q), torch.matmul(x, w_k), torch.matmul(x, w_v)
    scores = torch.bmm(q, k.transpose(1, 2)) * (1.0 / math.sqrt(q.shape[-1]))
    if causal:
        L = x.shape[1]
        allowed = torch.ones(L, L, dtype=torch.bool, device=x.device).tril()
        scores = scores.masked_fill(~allowed, float("-inf"))
    return torch.bmm(_stable_softmax_lastdim(scores), v)


def multi_head_attention(x, w_q, w_k, w_v, w_o, num_heads, causal=False):
    def split(t):
        return torch.stack(t.chunk(num_heads, dim=-1), dim=1)  # (B, h, L, D/h)

    q, k, v = split(x @ w_q), split(x @ w_k), split(x @ w_v)
    mask = causal_mask(x.shape[1], x.device) if causal else None
    heads, _ = scaled_dot_product_attention(q, k, v, mask)
    return heads.transpose(1, 2).flatten(2) @ w_o


def positional_encoding(seq_len, d_model):
    i = torch.arange(0, d_model, 2).float()
    freqs = 10000 ** (-i / d_model)
    angles = torch.arange(seq_len).float().unsqueeze(1) * freqs
    pe = torch.empty(seq_len, d_model)
    pe[:, ::2] = torch.sin(angles)
    pe[:, 1::2] = torch.cos(angles)
    return pe
