"""Scaled dot-product attention written like the maths, one query at a time: Python loops
over every batch element (leading dims flattened) and every query row, each a vector of
scores softmaxed on its own. Correct (mask broadcasting, dtype, device, autograd), but slow.

expect: scaled_dot_product_attention.timing ~ slow|time
"""

import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    *lead, Lq, d = q.shape
    Lk, dv = k.shape[-2], v.shape[-1]
    qf = q.reshape(-1, Lq, d)
    kf = k.reshape(-1, Lk, d)
    vf = v.reshape(-1, Lk, dv)
    mf = None
    if mask is not None:
        mf = mask.expand(*lead, Lq, Lk).reshape(-1, Lq, Lk)
    outs, weights = [], []
    for b in range(qf.shape[0]):
        out_rows, w_rows = [], []
        for i in range(Lq):
            scores = (kf[b] @ qf[b, i]) / math.sqrt(d)
            if mf is not None:
                scores = scores.masked_fill(~mf[b, i], float("-inf"))
            w = torch.softmax(scores, dim=0)
            w_rows.append(w)
            out_rows.append(w @ vf[b])
        outs.append(torch.stack(out_rows))
        weights.append(torch.stack(w_rows))
    out = torch.stack(outs).reshape(*lead, Lq, dv)
    weights = torch.stack(weights).reshape(*lead, Lq, Lk)
    return out, weights
