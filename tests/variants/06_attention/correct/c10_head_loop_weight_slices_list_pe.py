"""A student's loop over heads that slices the *weights* (w_q[:, i*hd:(i+1)*hd]) and calls
their own self_attention for each head, then torch.cat + @ w_o; the masked scores set by
boolean indexing (scores[~mask.expand_as(scores)] = float('-inf')) on the fresh scores;
the scale split between q and k as 1/d**0.25 each (guided-diffusion's QKVAttention); the
causal mask built on the CPU from tril(ones).bool() and moved with .to(device); the
positional encoding as a nested Python list comprehension handed to torch.tensor.

expect: full
"""

import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    scale = 1 / math.sqrt(math.sqrt(q.shape[-1]))
    scores = torch.matmul(q * scale, (k * scale).transpose(-2, -1))
    if mask is not None:
        scores[~mask.expand_as(scores)] = float("-inf")
    weights = torch.softmax(scores, dim=-1)
    return torch.matmul(weights, v), weights


def causal_mask(L, device=None):
    return torch.tril(torch.ones(L, L)).bool().to(device)


def self_attention(x, w_q, w_k, w_v, causal=False):
    mask = causal_mask(x.shape[1], x.device) if causal else None
    out, _ = scaled_dot_product_attention(x @ w_q, x @ w_k, x @ w_v, mask)
    return out


def multi_head_attention(x, w_q, w_k, w_v, w_o, num_heads, causal=False):
    d_model = x.shape[-1]
    hd = d_model // num_heads
    heads = []
    for i in range(num_heads):
        cols = slice(i * hd, (i + 1) * hd)
        heads.append(self_attention(x, w_q[:, cols], w_k[:, cols], w_v[:, cols], causal=causal))
    return torch.cat(heads, dim=-1) @ w_o


def positional_encoding(seq_len, d_model):
    table = [[math.sin(pos / 10000 ** (j / d_model)) if j % 2 == 0
              else math.cos(pos / 10000 ** ((j - 1) / d_model))
              for j in range(d_model)]
             for pos in range(seq_len)]
    return torch.tensor(table, dtype=torch.float32).reshape(seq_len, d_model)
