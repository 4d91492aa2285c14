"""Multi-head attention with Python loops over the batch, the heads and the queries: every
output row of every head is its own softmax over a vector of scores. Correct (dtype,
device, autograd), but slow.

expect: multi_head_attention.timing ~ slow|time
"""

import math

import torch


def multi_head_attention(x, w_q, w_k, w_v, w_o, num_heads, causal=False):
    B, L, D = x.shape
    dh = D // num_heads
    Q, K, V = x @ w_q, x @ w_k, x @ w_v
    batch_out = []
    for b in range(B):
        head_outs = []
        for h in range(num_heads):
            cols = slice(h * dh, (h + 1) * dh)
            q, k, v = Q[b, :, cols], K[b, :, cols], V[b, :, cols]
            rows = []
            for i in range(L):
                scores = (k @ q[i]) / math.sqrt(dh)
                if causal:
                    scores = scores[: i + 1]
                    w = torch.softmax(scores, dim=0)
                    rows.append(w @ v[: i + 1])
                else:
                    rows.append(torch.softmax(scores, dim=0) @ v)
            head_outs.append(torch.stack(rows))
        batch_out.append(torch.cat(head_outs, dim=-1))
    return torch.stack(batch_out) @ w_o
