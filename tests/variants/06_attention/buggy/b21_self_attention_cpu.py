"""Self-attention that returns out.cpu() (left over from printing): on CUDA inputs the
result leaves the GPU. Values and gradients are right on the CPU, so only a device check
(CUDA, or a device such as 'meta') can see it.

expect: self_attention ~ device|cpu|cuda|meta
"""

import math

import torch


def self_attention(x, w_q, w_k, w_v, causal=False):
    q, k, v = x @ w_q, x @ w_k, x @ w_v
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    if causal:
        L = x.shape[1]
        scores = scores.masked_fill(~torch.ones(L, L, dtype=torch.bool, device=x.device).tril(), float("-inf"))
    out = torch.softmax(scores, dim=-1) @ v
    return out.cpu()
