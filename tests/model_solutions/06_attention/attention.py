"""Model solution for 06_attention (PyTorch): batched scaled dot-product attention, causal
masks, single- and multi-head self-attention, sinusoidal positional encoding.

Each public function is self-contained (shared code lives in private helpers), so a test
variant that replaces one function leaves the others' behaviour and marks untouched."""

import math

import torch


def _attend(q, k, v, mask):
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    weights = torch.softmax(scores, dim=-1)
    return weights @ v, weights


def _causal(L, device):
    return torch.ones(L, L, dtype=torch.bool, device=device).tril()


def scaled_dot_product_attention(q, k, v, mask=None):
    return _attend(q, k, v, mask)


def causal_mask(L, device=None):
    return _causal(L, device)


def self_attention(x, w_q, w_k, w_v, causal=False):
    mask = _causal(x.shape[-2], x.device) if causal else None
    out, _ = _attend(x @ w_q, x @ w_k, x @ w_v, mask)
    return out


def multi_head_attention(x, w_q, w_k, w_v, w_o, num_heads, causal=False):
    B, L, D = x.shape
    d_head = D // num_heads

    def split_heads(t):  # (B, L, D) -> (B, h, L, D/h)
        return t.reshape(B, L, num_heads, d_head).transpose(1, 2)

    q, k, v = split_heads(x @ w_q), split_heads(x @ w_k), split_heads(x @ w_v)
    mask = _causal(L, x.device) if causal else None
    heads, _ = _attend(q, k, v, mask)  # (B, h, L, D/h)
    concat = heads.transpose(1, 2).reshape(B, L, D)
    return concat @ w_o


def positional_encoding(seq_len, d_model):
    pos = torch.arange(seq_len, dtype=torch.float64).unsqueeze(1)  # (seq_len, 1)
    two_i = torch.arange(0, d_model, 2, dtype=torch.float64)  # 2i = 0, 2, 4, ...
    angle = pos / 10000.0 ** (two_i / d_model)  # (seq_len, d_model/2)
    pe = torch.zeros(seq_len, d_model, dtype=torch.float64)
    pe[:, 0::2] = torch.sin(angle)
    pe[:, 1::2] = torch.cos(angle)
    return pe.to(torch.float32)
