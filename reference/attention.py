"""Reference for 06_attention: scaled dot-product attention, masks, multi-head attention and
sinusoidal positional encoding.

Inputs are torch tensors, float32 or float64, on any device; results are on the inputs'
device and in their dtype, and are differentiable by autograd. Multi-head attention is
PyTorch's own ``F.multi_head_attention_forward`` with the contract's weights mapped onto its
packed in-projection and out-projection (no biases).
"""

from __future__ import annotations

import math
from typing import Optional

import torch
import torch.nn.functional as F


def scaled_dot_product_attention(
    q: torch.Tensor,
    k: torch.Tensor,
    v: torch.Tensor,
    mask: Optional[torch.Tensor] = None,
) -> tuple[torch.Tensor, torch.Tensor]:
    """Attention of queries q (..., Lq, d) over keys k (..., Lk, d) and values v (..., Lk, dv).

    weights = softmax(q @ k^T / sqrt(d)) over the last axis, with the positions where the
    bool ``mask`` (broadcastable to (..., Lq, Lk)) is False set to -inf before the softmax
    (True = may attend; every query row must keep at least one key, or its row is NaN).
    Returns ``(out, weights)``: out = weights @ v (..., Lq, dv), weights (..., Lq, Lk).
    """
    scores = (q @ k.transpose(-2, -1)) / math.sqrt(q.shape[-1])
    if mask is not None:
        if mask.dtype != torch.bool:
            raise TypeError(f"mask must be a bool tensor (True = may attend), got {mask.dtype}")
        scores = scores.masked_fill(~mask.to(scores.device), float("-inf"))
    weights = torch.softmax(scores, dim=-1)
    return weights @ v, weights


def causal_mask(L: int, device: Optional[torch.device | str] = None) -> torch.Tensor:
    """Bool (L, L) mask, True on and below the diagonal (position i may attend to j <= i)."""
    return torch.ones(L, L, dtype=torch.bool, device=device).tril()


def self_attention(
    x: torch.Tensor,
    w_q: torch.Tensor,
    w_k: torch.Tensor,
    w_v: torch.Tensor,
    causal: bool = False,
) -> torch.Tensor:
    """Single-head self-attention of x (B, L, D) with projections w_q, w_k, w_v (D, d).

    Scaled dot-product attention of x @ w_q, x @ w_k, x @ w_v (scale 1/sqrt(d)), with a
    causal mask when ``causal``; returns (B, L, d).
    """
    mask = causal_mask(x.shape[-2], device=x.device) if causal else None
    out, _ = scaled_dot_product_attention(x @ w_q, x @ w_k, x @ w_v, mask)
    return out


def multi_head_attention(
    x: torch.Tensor,
    w_q: torch.Tensor,
    w_k: torch.Tensor,
    w_v: torch.Tensor,
    w_o: torch.Tensor,
    num_heads: int,
    causal: bool = False,
) -> torch.Tensor:
    """Multi-head self-attention of x (B, L, D); w_q, w_k, w_v, w_o (D, D); no biases.

    The last axis of x @ w_q (and x @ w_k, x @ w_v) splits into ``num_heads`` contiguous
    chunks of D / num_heads; each head is scaled dot-product attention (scale
    1/sqrt(D/num_heads), causal mask when ``causal``); the heads are concatenated in order and
    multiplied by w_o. Returns (B, L, D). Computed with ``F.multi_head_attention_forward``.
    """
    if x.dim() != 3:
        raise ValueError(f"x must be (B, L, D), got shape {tuple(x.shape)}")
    B, L, D = x.shape
    if num_heads < 1 or D % num_heads != 0:
        raise ValueError(f"D = {D} is not divisible by num_heads = {num_heads}")
    xt = x.transpose(0, 1)  # (L, B, D): PyTorch's sequence-first layout
    in_proj_weight = torch.cat([w_q.T, w_k.T, w_v.T], dim=0)  # linear(x, W) = x @ W.T
    # PyTorch's bool attn_mask means True = NOT allowed: the complement of the contract's.
    attn_mask = ~causal_mask(L, device=x.device) if causal else None
    out, _ = F.multi_head_attention_forward(
        xt, xt, xt,
        embed_dim_to_check=D,
        num_heads=num_heads,
        in_proj_weight=in_proj_weight,
        in_proj_bias=None,
        bias_k=None,
        bias_v=None,
        add_zero_attn=False,
        dropout_p=0.0,
        out_proj_weight=w_o.T,
        out_proj_bias=None,
        training=False,
        need_weights=False,
        attn_mask=attn_mask,
    )
    return out.transpose(0, 1)


def positional_encoding(
    seq_len: int, d_model: int, device: Optional[torch.device | str] = None
) -> torch.Tensor:
    """Sinusoidal positional encoding, float32 (seq_len, d_model), d_model even.

    PE[pos, 2i] = sin(pos / 10000**(2i/d_model)), PE[pos, 2i+1] = cos(same); computed in
    float64 and rounded once to float32.
    """
    if d_model < 0 or d_model % 2 != 0:
        raise ValueError(f"d_model must be a non-negative even int, got {d_model}")
    if seq_len < 0:
        raise ValueError(f"seq_len must be non-negative, got {seq_len}")
    pos = torch.arange(seq_len, dtype=torch.float64, device=device).unsqueeze(1)
    two_i = torch.arange(0, d_model, 2, dtype=torch.float64, device=device)
    angle = pos / torch.pow(10000.0, two_i / d_model)
    pe = torch.empty(seq_len, d_model, dtype=torch.float64, device=device)
    pe[:, 0::2] = torch.sin(angle)
    pe[:, 1::2] = torch.cos(angle)
    return pe.to(torch.float32)
