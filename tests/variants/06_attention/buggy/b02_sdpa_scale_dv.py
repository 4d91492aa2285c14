"""Scaled by sqrt of the value dimension (v.size(-1)) instead of the query/key dimension d:
invisible whenever d == dv.

expect: scaled_dot_product_attention ~ scale|sqrt|dimension|d_?k|dv
"""

import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    d = v.size(-1)
    scores = q @ k.transpose(-2, -1) / math.sqrt(d)
    if mask is not None:
        scores = scores.masked_fill(mask == 0, -1e9)
    weights = scores.softmax(dim=-1)
    return weights @ v, weights
