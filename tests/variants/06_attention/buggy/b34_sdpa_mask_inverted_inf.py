"""Mask polarity reversed with -inf: masked_fill(mask, float('-inf')) blanks the keys that may
be attended, so a query row whose keys are all allowed becomes all -inf and its softmax NaN.
The message must still say the mask is inverted, not only that the output has NaN.

expect: scaled_dot_product_attention ~ invert
"""

import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    if mask is not None:
        scores = scores.masked_fill(mask, float("-inf"))
    weights = torch.softmax(scores, dim=-1)
    return weights @ v, weights
