"""The Annotated Transformer's forms: masked_fill(mask == 0, -1e9), subsequent_mask built
as triu(ones, diagonal=1) == 0, heads split by view(B, -1, h, d_k).transpose(1, 2) and
merged back with transpose + contiguous + view, positional encoding through
exp(arange(0, d, 2) * -(log(10000)/d)) computed in float32.

expect: full
"""

import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    d_k = q.size(-1)
    scores = torch.matmul(q, k.transpose(-2, -1)) / math.sqrt(d_k)
    if mask is not None:
        scores = scores.masked_fill(mask == 0, -1e9)
    p_attn = scores.softmax(dim=-1)
    return torch.matmul(p_attn, v), p_attn


def causal_mask(L, device=None):
    attn_shape = (L, L)
    subsequent_mask = torch.triu(torch.ones(attn_shape, device=device), diagonal=1).type(torch.uint8)
    return subsequent_mask == 0


def self_attention(x, w_q, w_k, w_v, causal=False):
    query, key, value = x @ w_q, x @ w_k, x @ w_v
    mask = causal_mask(x.size(1), device=x.device) if causal else None
    out, _ = scaled_dot_product_attention(query, key, value, mask=mask)
    return out


def multi_head_attention(x, w_q, w_k, w_v, w_o, num_heads, causal=False):
    nbatches, L, D = x.shape
    d_k = D // num_heads
    query, key, value = [
        t.view(nbatches, -1, num_heads, d_k).transpose(1, 2)
        for t in (x @ w_q, x @ w_k, x @ w_v)
    ]
    mask = causal_mask(L, device=x.device) if causal else None
    out, _ = scaled_dot_product_attention(query, key, value, mask=mask)
    out = out.transpose(1, 2).contiguous().view(nbatches, -1, num_heads * d_k)
    return out @ w_o


def positional_encoding(seq_len, d_model):
    pe = torch.zeros(seq_len, d_model)
    position = torch.arange(0, seq_len).unsqueeze(1)
    div_term = torch.exp(torch.arange(0, d_model, 2) * -(math.log(10000.0) / d_model))
    pe[:, 0::2] = torch.sin(position * div_term)
    pe[:, 1::2] = torch.cos(position * div_term)
    return pe
