"""multi_head_attention delegated to torch.nn.functional.multi_head_attention_forward
(banned), with the contract's weights packed into its in-projection.

expect: multi_head_attention = 0 ~ multi_head_attention_forward|not allowed|banned|forbidden
"""

import torch
import torch.nn.functional as F


def multi_head_attention(x, w_q, w_k, w_v, w_o, num_heads, causal=False):
    B, L, D = x.shape
    xt = x.transpose(0, 1)
    attn_mask = None
    if causal:
        attn_mask = torch.triu(torch.ones(L, L, dtype=torch.bool, device=x.device), diagonal=1)
    out, _ = F.multi_head_attention_forward(
        xt, xt, xt, D, num_heads,
        torch.cat([w_q.T, w_k.T, w_v.T]), None, None, None, False, 0.0,
        w_o.T, None, training=False, need_weights=False, attn_mask=attn_mask,
    )
    return out.transpose(0, 1)
