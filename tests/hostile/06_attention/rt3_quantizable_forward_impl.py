"""Hostile (class 3, a banned class's other methods; red team): multi_head_attention builds torch.ao's quantizable MultiheadAttention without its __init__ (cls.__new__ and nn.Module.__init__), fills in the projections by hand, and calls its `_forward_impl` directly, a method other than __init__ and forward. Every method of a banned class and of its subclasses refuses: multi_head_attention scores zero and the other exercises keep full marks.

expect: multi_head_attention = 0 ~ not allowed|banned
"""
import torch


class _Scale:
    def mul_scalar(self, t, s):
        return t * s


def multi_head_attention(x, w_q, w_k, w_v, w_o, num_heads, causal=False):
    import torch.ao.nn.quantizable.modules.activation as act
    cls = getattr(act, "Multihead" + "Attention")
    m = cls.__new__(cls)
    torch.nn.Module.__init__(m)
    B, L, D = x.shape
    for key, value in dict(batch_first=False, embed_dim=D, num_heads=num_heads, kdim=D, vdim=D,
                           bias_k=None, bias_v=None, add_zero_attn=False, dropout=0.0).items():
        object.__setattr__(m, key, value)
    same = lambda t: t  # noqa: E731
    for key, value in dict(linear_Q=lambda t: t @ w_q, linear_K=lambda t: t @ w_k, linear_V=lambda t: t @ w_v,
                           out_proj=lambda t: t @ w_o, q_scaling_product=_Scale(), dequant_q=same,
                           dequant_k=same, dequant_v=same, quant_attn_output=same,
                           quant_attn_output_weights=same).items():
        object.__setattr__(m, key, value)
    m.training = False
    mask = ~torch.ones(L, L, dtype=torch.bool, device=x.device).tril() if causal else None
    xt = x.transpose(0, 1)
    out, _ = m._forward_impl(xt, xt, xt, None, False, mask)
    return out.transpose(0, 1)
