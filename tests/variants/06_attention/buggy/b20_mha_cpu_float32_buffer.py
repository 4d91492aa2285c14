"""Multi-head attention that writes each head into torch.zeros(B, L, D): a float32 CPU
buffer, so float64 inputs give a float32 result (and CUDA inputs a CPU one).

expect: multi_head_attention ~ dtype|float64|float32|device
"""

import math

import torch


def multi_head_attention(x, w_q, w_k, w_v, w_o, num_heads, causal=False):
    B, L, D = x.shape
    dh = D // num_heads
    Q, K, V = x @ w_q, x @ w_k, x @ w_v
    concat = torch.zeros(B, L, D)
    for i in range(num_heads):
        s = slice(i * dh, (i + 1) * dh)
        scores = Q[:, :, s] @ K[:, :, s].transpose(1, 2) / math.sqrt(dh)
        if causal:
            scores = scores.masked_fill(~torch.ones(L, L, dtype=torch.bool, device=x.device).tril(), -1e9)
        concat[:, :, s] = torch.softmax(scores, dim=-1) @ V[:, :, s]
    return concat @ w_o.to(concat.dtype)
