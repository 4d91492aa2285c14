"""q @ k.T: right for 2-D inputs only. On batched inputs .T reverses all dimensions
((B, Lk, d) -> (d, Lk, B)), which fails or mixes the batch into the product.

expect: scaled_dot_product_attention ~ batch|transpos|[.]T|shape|dim
"""

import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.T / math.sqrt(q.shape[-1])
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    weights = torch.softmax(scores, dim=-1)
    return weights @ v, weights
