r"""Multi-head attention built from nn.Linear layers whose weights are loaded with
`.weight.data = w.T` (the way one copies pretrained weights): the values are right, but the
result depends on the layers' own parameters, not on the caller's w_q, w_k, w_v, w_o, so no
gradient reaches them.

expect: multi_head_attention ~ \.data|no gradient reaches
"""

import math

import torch
from torch import nn


def multi_head_attention(x, w_q, w_k, w_v, w_o, num_heads, causal=False):
    B, L, D = x.shape
    dk = D // num_heads
    layers = []
    for w in (w_q, w_k, w_v, w_o):
        lin = nn.Linear(D, D, bias=False, device=x.device, dtype=x.dtype)
        lin.weight.data = w.T
        layers.append(lin)
    q, k, v = (layers[i](x).view(B, L, num_heads, dk).transpose(1, 2) for i in range(3))
    scores = q @ k.transpose(-2, -1) / math.sqrt(dk)
    if causal:
        mask = torch.ones(L, L, dtype=torch.bool, device=x.device).tril()
        scores = scores.masked_fill(~mask, float("-inf"))
    out = (torch.softmax(scores, dim=-1) @ v).transpose(1, 2).reshape(B, L, D)
    return layers[3](out)
