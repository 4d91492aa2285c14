"""Hostile: scaled_dot_product_attention gets the banned fused kernel without naming it, as getattr(torch.nn.functional, "scaled_dot_" + "product_attention"), for the output (computing only the weights by hand); a banned API is banned whatever the route, so the grader must catch the call at run time and scaled_dot_product_attention scores zero, while the others keep full marks.

expect: scaled_dot_product_attention = 0 ~ banned|not allowed|forbidden|scaled_dot_product_attention
"""
import math

import torch
import torch.nn.functional


def scaled_dot_product_attention(q, k, v, mask=None):
    fused = getattr(torch.nn.functional, "scaled_dot_" + "product_attention")
    out = fused(q, k, v, attn_mask=mask)
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    return out, torch.softmax(scores, dim=-1)
