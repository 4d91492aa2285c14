r"""fairseq's habit: the softmax computed in float32 "for stability" and cast back with
type_as (F.softmax(scores.float(), dim=-1).type_as(scores)): for float64 inputs the weights
are rounded to float32 precision (dtype kept, precision lost).

expect: scaled_dot_product_attention ~ float32 precision|\.float\(\)
"""

import math

import torch
import torch.nn.functional as F


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = torch.matmul(q, k.transpose(-2, -1)) / math.sqrt(q.size(-1))
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    weights = F.softmax(scores.float(), dim=-1).type_as(scores)
    return torch.matmul(weights, v), weights
