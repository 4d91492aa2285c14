"""Mask polarity reversed: masked_fill(mask, -inf) blanks the positions that may be
attended (PyTorch's nn.MultiheadAttention convention, where True means "masked").

expect: scaled_dot_product_attention ~ mask|polarity|invert|revers|True
"""

import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    if mask is not None:
        scores = scores.masked_fill(mask, -1e9)
    weights = torch.softmax(scores, dim=-1)
    return weights @ v, weights
