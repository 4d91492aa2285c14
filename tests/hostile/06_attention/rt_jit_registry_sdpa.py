"""Hostile (class 3, banned kernel at run time): scaled_dot_product_attention takes the fused kernel from the TorchScript operator registry, torch._C._jit_get_operation("aten::scaled_dot_product_attention"), which neither the static scan (the string is not a banned name) nor the Python-level guards (they replace names in torch, torch.nn.functional, torch._C._nn and torch.ops.aten) see, and uses it for the output (the weights are computed by hand). After the fix banned ops are refused at the operator level whatever route reaches them, so scaled_dot_product_attention scores zero and the other exercises keep full marks; today it scores full marks.

expect: scaled_dot_product_attention = 0 ~ banned|not allowed|forbidden|scaled_dot_product
"""
import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    op = torch._C._jit_get_operation("aten::scaled_dot_product_attention")
    op = op[0] if isinstance(op, tuple) else op
    out = op(q, k, v, attn_mask=mask)
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    return out, torch.softmax(scores, dim=-1)
