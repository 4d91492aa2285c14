"""The Annotated Transformer's div_term typed without its minus sign:
exp(arange(0, d, 2) * log(10000) / d) = 10000^(2i/d), so the angle is pos * 10000^(2i/d_model)
instead of pos / 10000^(2i/d_model).

expect: positional_encoding ~ sign|minus
"""

import math

import torch


def positional_encoding(seq_len, d_model):
    pe = torch.zeros(seq_len, d_model)
    position = torch.arange(0, seq_len).unsqueeze(1)
    div_term = torch.exp(torch.arange(0, d_model, 2) * (math.log(10000.0) / d_model))
    pe[:, 0::2] = torch.sin(position * div_term)
    pe[:, 1::2] = torch.cos(position * div_term)
    return pe
