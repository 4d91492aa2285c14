"""Self-attention whose causal mask comes from a helper written for CPU tensors: the mask is
built with torch.tril(torch.ones(L, L)) and no device=, so with inputs on a GPU masked_fill
raises (the mask and the scores sit on different devices). The grader sees it on the "meta"
device, which must be named as standing in for a GPU, not left as a mystery device.

expect: self_attention.keeps_device ~ standing in here for a GPU
"""

import math

import torch


def make_causal(L):
    return torch.tril(torch.ones(L, L)).bool()


def self_attention(x, w_q, w_k, w_v, causal=False):
    q, k, v = x @ w_q, x @ w_k, x @ w_v
    scores = torch.matmul(q, k.transpose(-2, -1)) / math.sqrt(q.size(-1))
    if causal:
        scores = scores.masked_fill(~make_causal(x.size(1)), float("-inf"))
    return torch.softmax(scores, dim=-1) @ v
