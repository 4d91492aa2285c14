"""The scale as torch.sqrt(torch.tensor(d_k, dtype=torch.float32)) (a common tutorial
line): the dtype survives (a 0-d tensor does not promote), but for float64 inputs sqrt(d)
is only float32-accurate, so every score is off by up to 6e-8 relative. The "float32
precision" cause is named only when a second failing case confirms it (how far shrinking got
depends on the machine's load); otherwise the report shows expected vs got without a cause.

expect: scaled_dot_product_attention ~ float32 precision|values differ
"""

import torch


def scaled_dot_product_attention(q, k, v, mask=None):
    d_k = q.size(-1)
    scores = torch.matmul(q, k.transpose(-2, -1)) / torch.sqrt(torch.tensor(d_k, dtype=torch.float32))
    if mask is not None:
        scores = scores.masked_fill(mask == 0, -1e9)
    weights = torch.softmax(scores, dim=-1)
    return torch.matmul(weights, v), weights
