"""Karpathy nanoGPT's CausalSelfAttention as a function: the three projections fused into one
c_attn weight and cut with .split(D, dim=2), heads by view(B, T, nh, hs).transpose(1, 2),
att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(k.size(-1))), a lower-triangular "bias"
buffer (1, 1, T, T) of float ones cached per device and used as masked_fill(bias == 0,
float('-inf')), F.softmax, and y.transpose(1, 2).contiguous().view(B, T, C); the positional
encoding with torch.pow(10000, -2i/d) on a float32 grid.

expect: full
"""

import math

import torch
import torch.nn.functional as F

_BIAS = {}


def _bias(T, device):
    # nanoGPT registers tril(ones(block_size, block_size)).view(1, 1, bs, bs) as a buffer;
    # here it is cached per device and grown when a longer sequence comes along
    key = str(device)
    if key not in _BIAS or _BIAS[key].size(-1) < T:
        n = max(T, 16)
        _BIAS[key] = torch.tril(torch.ones(n, n, device=device)).view(1, 1, n, n)
    return _BIAS[key][:, :, :T, :T]


def scaled_dot_product_attention(q, k, v, mask=None):
    att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(k.size(-1)))
    if mask is not None:
        att = att.masked_fill(mask == 0, float('-inf'))
    att = F.softmax(att, dim=-1)
    y = att @ v
    return y, att


def causal_mask(L, device=None):
    return torch.tril(torch.ones(L, L, dtype=torch.bool, device=device))


def self_attention(x, w_q, w_k, w_v, causal=False):
    B, T, C = x.size()
    q, k, v = (x @ torch.cat([w_q, w_k, w_v], dim=1)).split(w_q.size(1), dim=2)
    att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(k.size(-1)))
    if causal:
        att = att.masked_fill(_bias(T, x.device)[0] == 0, float('-inf'))
    att = F.softmax(att, dim=-1)
    return att @ v


def multi_head_attention(x, w_q, w_k, w_v, w_o, num_heads, causal=False):
    B, T, C = x.size()
    n_head = num_heads
    c_attn = torch.cat([w_q, w_k, w_v], dim=1)  # (C, 3C)
    q, k, v = (x @ c_attn).split(C, dim=2)
    k = k.view(B, T, n_head, C // n_head).transpose(1, 2)  # (B, nh, T, hs)
    q = q.view(B, T, n_head, C // n_head).transpose(1, 2)  # (B, nh, T, hs)
    v = v.view(B, T, n_head, C // n_head).transpose(1, 2)  # (B, nh, T, hs)
    att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(k.size(-1)))
    if causal:
        att = att.masked_fill(_bias(T, x.device) == 0, float('-inf'))
    att = F.softmax(att, dim=-1)
    y = att @ v  # (B, nh, T, T) x (B, nh, T, hs) -> (B, nh, T, hs)
    y = y.transpose(1, 2).contiguous().view(B, T, C)  # re-assemble all head outputs side by side
    return y @ w_o


def positional_encoding(seq_len, d_model):
    two_i = torch.arange(0, d_model, 2, dtype=torch.float32)
    inv_freq = torch.pow(10000.0, -two_i / d_model)
    pos = torch.arange(seq_len, dtype=torch.float32)[:, None]
    pe = torch.zeros(seq_len, d_model)
    pe[:, 0::2] = torch.sin(pos * inv_freq)
    pe[:, 1::2] = torch.cos(pos * inv_freq)
    return pe
