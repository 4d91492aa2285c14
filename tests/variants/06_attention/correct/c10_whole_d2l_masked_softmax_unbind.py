"""A whole file after d2l.ai's masked_softmax (masked_fill with -1e6), keys transposed with .mT, heads stacked from .chunk(num_heads, dim=-1) and concatenated back with torch.cat(o.unbind(1)); the positional encoding from integer aranges divided by torch.pow(10000, ...).

composition: whole
expect: full
"""
import math

import torch
from torch import nn


def masked_softmax(X, mask):
    if mask is None:
        return nn.functional.softmax(X, dim=-1)
    X = X.masked_fill(~mask.bool(), -1e6)
    return nn.functional.softmax(X, dim=-1)


def scaled_dot_product_attention(q, k, v, mask=None):
    w = masked_softmax(q @ k.mT / math.sqrt(q.shape[-1]), mask)
    return w @ v, w


def causal_mask(L, device=None):
    return torch.ones(L, L, device=device).tril().to(torch.bool)


def self_attention(x, w_q, w_k, w_v, causal=False):
    return scaled_dot_product_attention(x @ w_q, x @ w_k, x @ w_v,
                                        causal_mask(x.shape[1], x.device) if causal else None)[0]


def multi_head_attention(x, w_q, w_k, w_v, w_o, num_heads, causal=False):
    m = causal_mask(x.shape[1], x.device) if causal else None
    q, k, v = (torch.stack((x @ w).chunk(num_heads, dim=-1), dim=1) for w in (w_q, w_k, w_v))
    o, _ = scaled_dot_product_attention(q, k, v, m)
    return torch.cat(o.unbind(dim=1), dim=-1) @ w_o


def positional_encoding(seq_len, d_model):
    p = torch.arange(seq_len).unsqueeze(1) / torch.pow(10000, torch.arange(0, d_model, 2) / d_model)
    return torch.stack([p.sin(), p.cos()], -1).view(seq_len, d_model).float()
