"""Hugging Face / fairseq forms: q scaled first (q * head_dim ** -0.5), the bool mask turned
into BERT's additive "extended attention mask" (1.0 - mask) * -10000.0 and added to the
scores; BART's _shape (view + transpose + contiguous) with (B*h, L, hd) bmm; the causal mask
written as HF's `mask_cond < (mask_cond + 1).view(L, 1)`; the positional encoding from the
TensorFlow tutorial (get_angles with 2 * (i // 2) over every column, numpy in float64) turned
into a tensor with torch.tensor(..., dtype=torch.float32).

expect: full
"""

import numpy as np
import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    scaling = q.size(-1) ** -0.5
    q = q * scaling
    attn_weights = torch.matmul(q, k.transpose(-1, -2))
    if mask is not None:
        extended = (1.0 - mask.to(attn_weights.dtype)) * -10000.0
        attn_weights = attn_weights + extended
    attn_probs = torch.nn.functional.softmax(attn_weights, dim=-1)
    return torch.matmul(attn_probs, v), attn_probs


def causal_mask(L, device=None):
    mask_cond = torch.arange(L, device=device)
    return mask_cond < (mask_cond + 1).view(L, 1)


def self_attention(x, w_q, w_k, w_v, causal=False):
    mask = causal_mask(x.size(1), device=x.device) if causal else None
    attn_output, _ = scaled_dot_product_attention(torch.matmul(x, w_q), torch.matmul(x, w_k),
                                                  torch.matmul(x, w_v), mask)
    return attn_output


def multi_head_attention(x, w_q, w_k, w_v, w_o, num_heads, causal=False):
    bsz, tgt_len, embed_dim = x.size()
    head_dim = embed_dim // num_heads
    scaling = head_dim ** -0.5

    def _shape(tensor, seq_len, bsz):
        return tensor.view(bsz, seq_len, num_heads, head_dim).transpose(1, 2).contiguous()

    proj_shape = (bsz * num_heads, -1, head_dim)
    query_states = _shape(torch.matmul(x, w_q) * scaling, tgt_len, bsz).view(*proj_shape)
    key_states = _shape(torch.matmul(x, w_k), tgt_len, bsz).view(*proj_shape)
    value_states = _shape(torch.matmul(x, w_v), tgt_len, bsz).view(*proj_shape)

    attn_weights = torch.bmm(query_states, key_states.transpose(1, 2))
    if causal:
        allowed = causal_mask(tgt_len, device=x.device)
        attn_weights = attn_weights + (1.0 - allowed.to(attn_weights.dtype)) * -10000.0
    attn_weights = torch.nn.functional.softmax(attn_weights, dim=-1)
    attn_output = torch.bmm(attn_weights, value_states)
    attn_output = attn_output.view(bsz, num_heads, tgt_len, head_dim).transpose(1, 2)
    attn_output = attn_output.reshape(bsz, tgt_len, embed_dim)
    return torch.matmul(attn_output, w_o)


def get_angles(pos, i, d_model):
    angle_rates = 1 / np.power(10000, (2 * (i // 2)) / np.float64(d_model))
    return pos * angle_rates


def positional_encoding(seq_len, d_model):
    angle_rads = get_angles(np.arange(seq_len)[:, np.newaxis], np.arange(d_model)[np.newaxis, :], d_model)
    angle_rads[:, 0::2] = np.sin(angle_rads[:, 0::2])  # apply sin to even indices in the array; 2i
    angle_rads[:, 1::2] = np.cos(angle_rads[:, 1::2])  # apply cos to odd indices in the array; 2i+1
    return torch.tensor(angle_rads, dtype=torch.float32)
