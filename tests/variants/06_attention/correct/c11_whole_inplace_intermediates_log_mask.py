"""A whole file using in-place ops on fresh intermediates (scores /= sqrt(d), masked_fill_), an additive torch.log(mask) for the causal self-attention, unflatten/flatten for the heads, a mask built on the CPU and moved with .to(device), and a positional encoding filled by Python loops with math.sin / math.cos.

composition: whole
expect: full
"""
import math
import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.transpose(-2, -1)
    scores /= math.sqrt(q.size(-1))
    if mask is not None:
        scores.masked_fill_(mask.logical_not(), float("-inf"))
    weights = scores.softmax(-1)
    return weights @ v, weights


def causal_mask(L, device=None):
    return torch.tril(torch.ones(L, L)).bool().to(device)


def self_attention(x, w_q, w_k, w_v, causal=False):
    q, k, v = x @ w_q, x @ w_k, x @ w_v
    s = q @ k.transpose(1, 2) / math.sqrt(q.shape[-1])
    if causal:
        s = s + torch.log(causal_mask(x.shape[1], x.device).to(s.dtype))
    return torch.softmax(s, dim=-1) @ v


def multi_head_attention(x, w_q, w_k, w_v, w_o, num_heads, causal=False):
    B, L, D = x.shape
    h = num_heads
    q = (x @ w_q).unflatten(-1, (h, D // h)).transpose(1, 2)
    k = (x @ w_k).unflatten(-1, (h, D // h)).transpose(1, 2)
    v = (x @ w_v).unflatten(-1, (h, D // h)).transpose(1, 2)
    mask = causal_mask(L, x.device) if causal else None
    o, _ = scaled_dot_product_attention(q, k, v, mask)
    return o.transpose(1, 2).flatten(2) @ w_o


def positional_encoding(seq_len, d_model):
    pe = torch.zeros(seq_len, d_model)
    for pos in range(seq_len):
        for i in range(0, d_model, 2):
            pe[pos, i] = math.sin(pos / (10000 ** ((2 * (i // 2)) / d_model)))
            pe[pos, i + 1] = math.cos(pos / (10000 ** ((2 * (i // 2)) / d_model)))
    return pe
