"""The output computed by torch.nn.functional.scaled_dot_product_attention (banned), the
weights computed by hand next to it.

expect: scaled_dot_product_attention = 0 ~ scaled_dot_product_attention|not allowed|banned|forbidden
"""

import math

import torch
import torch.nn.functional as F


def scaled_dot_product_attention(q, k, v, mask=None):
    out = F.scaled_dot_product_attention(q, k, v, attn_mask=mask)
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    return out, torch.softmax(scores, dim=-1)
