"""Hostile: scaled_dot_product_attention calls the banned kernel through the dispatcher, torch.ops.aten.scaled_dot_product_attention, which no Python name check sees, for the output (computing only the weights by hand); a banned API is banned whatever the route, so the grader must catch it at the operator level and scaled_dot_product_attention scores zero, while the others keep full marks.

expect: scaled_dot_product_attention = 0 ~ banned|not allowed|forbidden|scaled_dot_product_attention
"""
import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    out = torch.ops.aten.scaled_dot_product_attention(q, k, v, attn_mask=mask)
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    return out, torch.softmax(scores, dim=-1)
