"""The mask multiplied into the weights after the softmax: masked weights become 0 but the
rows are no longer renormalised.

expect: scaled_dot_product_attention ~ mask|softmax|sum|normali
"""

import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    weights = torch.softmax(scores, dim=-1)
    if mask is not None:
        weights = weights * mask
    return weights @ v, weights
