"""Hostile (class 9, harmless: global state must be what the module's import left): at import the module calls torch.set_default_dtype(torch.float64), and scaled_dot_product_attention builds its scale as a tensor with the default dtype, torch.tensor(float(d)).sqrt(): under the module's own state that constant is float64, exact for float64 inputs (and a 0-d tensor, so float32 inputs stay float32). Today the worker resets the default dtype to float32 before every call, the constant is rounded to float32 and the float64 example with d = 5 is judged a float32 leak. After the fix each call starts from the state the import left, so every exercise keeps full marks.

expect: full
"""
import torch

torch.set_default_dtype(torch.float64)


def scaled_dot_product_attention(q, k, v, mask=None):
    scale = torch.tensor(float(q.shape[-1])).sqrt().to(q.device)
    scores = (q @ k.transpose(-2, -1)) / scale
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    weights = torch.softmax(scores, dim=-1)
    return weights @ v, weights
