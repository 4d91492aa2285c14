"""multi_head_attention through an nn.MultiheadAttention module (banned) whose parameters
are overwritten with the given weights (so gradients don't even reach w_q...).

expect: multi_head_attention = 0 ~ MultiheadAttention|not allowed|banned|forbidden
"""

import torch
from torch import nn


def multi_head_attention(x, w_q, w_k, w_v, w_o, num_heads, causal=False):
    B, L, D = x.shape
    mha = nn.MultiheadAttention(D, num_heads, bias=False, batch_first=True,
                                device=x.device, dtype=x.dtype)
    with torch.no_grad():
        mha.in_proj_weight.copy_(torch.cat([w_q.T, w_k.T, w_v.T]))
        mha.out_proj.weight.copy_(w_o.T)
    mask = None
    if causal:
        mask = ~torch.ones(L, L, dtype=torch.bool, device=x.device).tril()
    out, _ = mha(x, x, x, attn_mask=mask, need_weights=False)
    return out
