"""A scale computed as a tensor in the scores' own dtype and device
(torch.sqrt(torch.tensor(d, dtype=q.dtype, device=q.device))), F.softmax with dim given as
scores.dim() - 1, the mask filled with torch.finfo(scores.dtype).min via masked_fill; heads
split with unflatten(-1, (h, hd)) and transpose(-3, -2), merged with flatten(-2); the causal
mask built from torch.tril_indices; the positional encoding over every column at once
(angle with 2 * (j // 2), then torch.where(even column, sin, cos)).

expect: full
"""

import torch
import torch.nn.functional as F


def scaled_dot_product_attention(q, k, v, mask=None):
    d = q.size(-1)
    scores = q.matmul(k.transpose(-2, -1)) / torch.sqrt(torch.tensor(d, dtype=q.dtype, device=q.device))
    if mask is not None:
        scores = scores.masked_fill(~mask, torch.finfo(scores.dtype).min)
    weights = F.softmax(scores, dim=scores.dim() - 1)
    return weights.matmul(v), weights


def causal_mask(L, device=None):
    mask = torch.zeros(L, L, dtype=torch.bool, device=device)
    rows, cols = torch.tril_indices(L, L, device=device)
    mask[rows, cols] = True
    return mask


def self_attention(x, w_q, w_k, w_v, causal=False):
    mask = causal_mask(x.size(-2), device=x.device) if causal else None
    return scaled_dot_product_attention(x.matmul(w_q), x.matmul(w_k), x.matmul(w_v), mask)[0]


def multi_head_attention(x, w_q, w_k, w_v, w_o, num_heads, causal=False):
    hd = x.size(-1) // num_heads

    def heads(t):  # (B, L, D) -> (B, h, L, hd)
        return t.unflatten(-1, (num_heads, hd)).transpose(-3, -2)

    mask = causal_mask(x.size(-2), device=x.device) if causal else None
    out, _ = scaled_dot_product_attention(heads(x.matmul(w_q)), heads(x.matmul(w_k)), heads(x.matmul(w_v)), mask)
    return out.transpose(-3, -2).flatten(-2).matmul(w_o)


def positional_encoding(seq_len, d_model):
    j = torch.arange(d_model)
    pos = torch.arange(seq_len).unsqueeze(1).to(torch.float64)
    angle = pos / torch.pow(10000.0, (2 * (j // 2)).to(torch.float64) / d_model)
    pe = torch.where(j % 2 == 0, torch.sin(angle), torch.cos(angle))
    return pe.float()
