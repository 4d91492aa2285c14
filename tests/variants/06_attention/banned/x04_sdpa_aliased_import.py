"""The banned routine under another name: imported as `fast_attention` from
torch.nn.functional and called through a helper.

expect: scaled_dot_product_attention = 0 ~ scaled_dot_product_attention|not allowed|banned|forbidden
"""

import torch
from torch.nn.functional import scaled_dot_product_attention as fast_attention


def _weights_and_out(q, k, v, mask):
    scale = q.shape[-1] ** -0.5
    scores = (q @ k.transpose(-2, -1)) * scale
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    return fast_attention(q, k, v, attn_mask=mask), scores.softmax(-1)


def scaled_dot_product_attention(q, k, v, mask=None):
    out, weights = _weights_and_out(q, k, v, mask)
    return out, weights
