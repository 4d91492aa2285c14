r"""The positional encoding returned as the Annotated Transformer's buffer pe.unsqueeze(0):
(1, seq_len, d_model) instead of (seq_len, d_model).

expect: positional_encoding ~ shape|\(1, |dimension|unsqueeze|batch
"""

import math

import torch


def positional_encoding(seq_len, d_model):
    pe = torch.zeros(seq_len, d_model)
    position = torch.arange(0, seq_len).unsqueeze(1)
    div_term = torch.exp(torch.arange(0, d_model, 2) * -(math.log(10000.0) / d_model))
    pe[:, 0::2] = torch.sin(position * div_term)
    pe[:, 1::2] = torch.cos(position * div_term)
    pe = pe.unsqueeze(0)
    return pe
