"""einsum with an explicit head axis on the weights: w_q viewed as (D, h, hd) so that
'bld,dhe->bhle' projects and splits in one step, and w_o viewed as (h, hd, D) so that
'bqhe,hed->bqd' merges and projects; the causal case masks the *future* (triu(ones,
diagonal=1)) with masked_fill_ on the scores, which is the same thing said the other way;
the softmax in log space (scores - logsumexp); the mask filled in place on the fresh scores
tensor; the positional encoding as torch.outer in float32 with sin and cos interleaved by
stack(dim=2) + flatten.

expect: full
"""

import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    d = q.shape[-1]
    scores = torch.matmul(q * d ** -0.5, k.mT)
    if mask is not None:
        scores.masked_fill_(mask.logical_not(), float("-inf"))
    weights = torch.exp(scores - torch.logsumexp(scores, dim=-1, keepdim=True))
    return weights @ v, weights


def causal_mask(L, device=None):
    return torch.full((L, L), True, device=device).tril()


def self_attention(x, w_q, w_k, w_v, causal=False):
    q = torch.einsum("bld,de->ble", x, w_q)
    k = torch.einsum("bld,de->ble", x, w_k)
    v = torch.einsum("bld,de->ble", x, w_v)
    scores = torch.einsum("bqe,bke->bqk", q, k) / math.sqrt(q.shape[-1])
    if causal:
        L = x.shape[1]
        future = torch.triu(torch.ones(L, L, dtype=torch.bool, device=x.device), diagonal=1)
        scores = scores.masked_fill(future, float("-inf"))
    return torch.einsum("bqk,bke->bqe", scores.softmax(dim=-1), v)


def multi_head_attention(x, w_q, w_k, w_v, w_o, num_heads, causal=False):
    B, L, D = x.shape
    h, e = num_heads, D // num_heads
    q = torch.einsum("bld,dhe->bhle", x, w_q.view(D, h, e))
    k = torch.einsum("bld,dhe->bhle", x, w_k.view(D, h, e))
    v = torch.einsum("bld,dhe->bhle", x, w_v.view(D, h, e))
    scores = torch.einsum("bhqe,bhke->bhqk", q, k) / math.sqrt(e)
    if causal:
        future = torch.triu(torch.ones(L, L, dtype=torch.bool, device=x.device), diagonal=1)
        scores = scores.masked_fill(future, float("-inf"))
    attn = torch.softmax(scores, dim=-1)
    heads = torch.einsum("bhqk,bhke->bqhe", attn, v)
    return torch.einsum("bqhe,hed->bqd", heads, w_o.view(h, e, D))


def positional_encoding(seq_len, d_model):
    inv_freq = torch.pow(10000.0, -torch.arange(0, d_model, 2).float() / d_model)
    angles = torch.outer(torch.arange(seq_len).float(), inv_freq)  # (seq_len, d_model/2)
    return torch.stack([torch.sin(angles), torch.cos(angles)], dim=2).flatten(1)
