"""d2l.ai's forms: multi-head attention through transpose_qkv / transpose_output and a 3-D
torch.bmm over (B*h, L, d) with d2l's -1e6 fill; the causal mask by comparing aranges; the
positional encoding X = pos / 10000**(arange(0, d, 2)/d) written into a (1, L, d) buffer of
which the (L, d) slice is returned.

expect: full
"""

import math

import torch
from torch.nn import functional as F


def scaled_dot_product_attention(q, k, v, mask=None):
    d = q.shape[-1]
    scores = torch.matmul(q, k.transpose(-1, -2)) / math.sqrt(d)
    if mask is not None:
        scores = scores.masked_fill(~mask, -1e6)
    attention_weights = F.softmax(scores, dim=-1)
    return torch.matmul(attention_weights, v), attention_weights


def causal_mask(L, device=None):
    idx = torch.arange(L, device=device)
    return idx[None, :] <= idx[:, None]


def self_attention(x, w_q, w_k, w_v, causal=False):
    queries = torch.matmul(x, w_q)
    keys = torch.matmul(x, w_k)
    values = torch.matmul(x, w_v)
    d = queries.shape[-1]
    scores = torch.bmm(queries, keys.transpose(1, 2)) / math.sqrt(d)
    if causal:
        scores = scores.masked_fill(~causal_mask(x.shape[1], x.device), -1e6)
    return torch.bmm(F.softmax(scores, dim=-1), values)


def transpose_qkv(X, num_heads):
    X = X.reshape(X.shape[0], X.shape[1], num_heads, -1)
    X = X.permute(0, 2, 1, 3)
    return X.reshape(-1, X.shape[2], X.shape[3])


def transpose_output(X, num_heads):
    X = X.reshape(-1, num_heads, X.shape[1], X.shape[2])
    X = X.permute(0, 2, 1, 3)
    return X.reshape(X.shape[0], X.shape[1], -1)


def multi_head_attention(x, w_q, w_k, w_v, w_o, num_heads, causal=False):
    queries = transpose_qkv(x @ w_q, num_heads)
    keys = transpose_qkv(x @ w_k, num_heads)
    values = transpose_qkv(x @ w_v, num_heads)
    d = queries.shape[-1]
    scores = torch.bmm(queries, keys.transpose(1, 2)) / math.sqrt(d)
    if causal:
        scores = scores.masked_fill(~causal_mask(x.shape[1], x.device), -1e6)
    attention_weights = F.softmax(scores, dim=-1)
    output = torch.bmm(attention_weights, values)
    output_concat = transpose_output(output, num_heads)
    return output_concat @ w_o


def positional_encoding(seq_len, d_model):
    P = torch.zeros((1, seq_len, d_model))
    X = torch.arange(seq_len, dtype=torch.float32).reshape(-1, 1) / torch.pow(
        10000, torch.arange(0, d_model, 2, dtype=torch.float32) / d_model
    )
    P[:, :, 0::2] = torch.sin(X)
    P[:, :, 1::2] = torch.cos(X)
    return P[0]
