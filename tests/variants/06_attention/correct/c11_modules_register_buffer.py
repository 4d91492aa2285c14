"""Written with nn.Module classes the way a course project would: stateless
ScaledDotProductAttention / MultiHeadAttention modules whose forward takes the weights, a
PositionalEncoding module that precomputes its table for max_len positions with
register_buffer('pe', pe.unsqueeze(0)) (float64 math, float32 buffer) and is sliced
pe[0, :seq_len]; the mask applied with torch.where(mask, scores, -inf tensor) and
torch.softmax; the causal mask as ones.triu(1) == 0; heads by reshape + permute(0, 2, 1, 3).

expect: full
"""

import math

import torch
from torch import nn


class ScaledDotProductAttention(nn.Module):
    def forward(self, q, k, v, mask=None):
        d_k = q.size(-1)
        scores = torch.matmul(q, k.transpose(-2, -1)) / math.sqrt(d_k)
        if mask is not None:
            neg_inf = torch.tensor(float("-inf"), dtype=scores.dtype, device=scores.device)
            scores = torch.where(mask, scores, neg_inf)
        attn = torch.softmax(scores, dim=-1)
        return torch.matmul(attn, v), attn


class MultiHeadAttention(nn.Module):
    def __init__(self, num_heads):
        super().__init__()
        self.num_heads = num_heads
        self.attention = ScaledDotProductAttention()

    def split_heads(self, t):
        B, L, D = t.shape
        return t.reshape(B, L, self.num_heads, D // self.num_heads).permute(0, 2, 1, 3)

    def combine_heads(self, t):
        B, h, L, hd = t.shape
        return t.permute(0, 2, 1, 3).reshape(B, L, h * hd)

    def forward(self, x, w_q, w_k, w_v, w_o, causal=False):
        q, k, v = self.split_heads(x @ w_q), self.split_heads(x @ w_k), self.split_heads(x @ w_v)
        mask = causal_mask(x.size(1), x.device) if causal else None
        out, _ = self.attention(q, k, v, mask)
        return self.combine_heads(out) @ w_o


class PositionalEncoding(nn.Module):
    def __init__(self, d_model, max_len=5000):
        super().__init__()
        pe = torch.zeros(max_len, d_model, dtype=torch.float64)
        position = torch.arange(0, max_len, dtype=torch.float64).unsqueeze(1)
        div_term = torch.exp(torch.arange(0, d_model, 2, dtype=torch.float64) * (-math.log(10000.0) / d_model))
        pe[:, 0::2] = torch.sin(position * div_term)
        pe[:, 1::2] = torch.cos(position * div_term)
        self.register_buffer("pe", pe.unsqueeze(0).float())

    def forward(self, seq_len):
        return self.pe[0, :seq_len]


def scaled_dot_product_attention(q, k, v, mask=None):
    return ScaledDotProductAttention()(q, k, v, mask)


def causal_mask(L, device=None):
    return torch.ones(L, L, device=device).triu(1) == 0


def self_attention(x, w_q, w_k, w_v, causal=False):
    mask = causal_mask(x.size(1), x.device) if causal else None
    return ScaledDotProductAttention()(x @ w_q, x @ w_k, x @ w_v, mask)[0]


def multi_head_attention(x, w_q, w_k, w_v, w_o, num_heads, causal=False):
    return MultiHeadAttention(num_heads)(x, w_q, w_k, w_v, w_o, causal=causal)


def positional_encoding(seq_len, d_model):
    return PositionalEncoding(d_model, max_len=max(seq_len, 5000))(seq_len)
