"""Hostile (class 3, banned kernel at run time): multi_head_attention runs each head through the fused kernel taken from a fresh dispatcher namespace, getattr(torch._ops._OpNamespace("aten"), "scaled_dot_" + "product_attention") (a new torch.ops namespace object, not the guarded torch.ops.aten, and a computed attribute name the static scan cannot read). After the fix banned ops are refused at the operator level whatever route reaches them, so multi_head_attention scores zero and the other exercises keep full marks; today it scores full marks.

expect: multi_head_attention = 0 ~ banned|not allowed|forbidden|scaled_dot_product
"""
import torch


def multi_head_attention(x, w_q, w_k, w_v, w_o, num_heads, causal=False):
    B, L, D = x.shape
    d_head = D // num_heads
    fused = getattr(torch._ops._OpNamespace("aten"), "scaled_dot_" + "product_attention")

    def split(t):
        return t.reshape(B, L, num_heads, d_head).transpose(1, 2)

    mask = torch.ones(L, L, dtype=torch.bool, device=x.device).tril() if causal else None
    heads = fused(split(x @ w_q), split(x @ w_k), split(x @ w_v), attn_mask=mask)
    return heads.transpose(1, 2).reshape(B, L, D) @ w_o
