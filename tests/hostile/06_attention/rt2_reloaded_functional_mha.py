"""Hostile (class 3, a fresh copy of a guarded module; red team): multi_head_attention deletes torch.nn.functional from the module table and imports it again (computed names through builtins, unseen by the static scan), hoping for an unguarded multi_head_attention_forward, and calls it with separate projection weights. Modules loaded when the guards went up are never loaded a second time: multi_head_attention scores zero and the other exercises keep full marks.

expect: multi_head_attention = 0 ~ second time|not allowed|banned
"""
import sys as _sys

import torch


def multi_head_attention(x, w_q, w_k, w_v, w_o, num_heads, causal=False):
    table = getattr(_sys, "mod" + "ules")
    table.pop("torch.nn.functional", None)
    load = getattr(table["built" + "ins"], "__imp" + "ort__")
    fresh = load("torch.nn.functional", fromlist=["_"])
    attend = getattr(fresh, "multi_head_" + "attention_forward")
    L, D = x.shape[-2], x.shape[-1]
    mask = ~torch.ones(L, L, dtype=torch.bool, device=x.device).tril() if causal else None
    t = x.transpose(0, 1)
    out, _ = attend(t, t, t, D, num_heads, None, None, None, None, False, 0.0, w_o.T, None,
                    training=False, need_weights=True, attn_mask=mask, use_separate_proj_weight=True,
                    q_proj_weight=w_q.T, k_proj_weight=w_k.T, v_proj_weight=w_v.T)
    return out.transpose(0, 1)
