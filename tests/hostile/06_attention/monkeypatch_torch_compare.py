"""Hostile: at import the module makes torch.allclose/equal/isclose/isfinite, Tensor.allclose/equal, torch.testing.assert_close, torch.autograd.gradcheck/gradgradcheck and math.isclose all report success, and scaled_dot_product_attention leaves out the 1/sqrt(d) scale; comparisons and gradient checks are decided in the grader's process, so scaled_dot_product_attention loses marks on the mismatch and the others keep full marks.

expect: scaled_dot_product_attention ~ scal|sqrt|mismatch|expected|match|differ|wrong
"""
import math

import torch
import torch.autograd
import torch.testing


def _always_true(*args, **kwargs):
    return True


def _never_fails(*args, **kwargs):
    return None


def _all_true(a, *args, **kwargs):
    return torch.ones(torch.as_tensor(a).shape, dtype=torch.bool, device=torch.as_tensor(a).device)


torch.allclose = _always_true
torch.equal = _always_true
torch.isclose = _all_true
torch.isfinite = _all_true
torch.Tensor.allclose = _always_true
torch.Tensor.equal = _always_true
torch.testing.assert_close = _never_fails
torch.testing.assert_allclose = _never_fails
torch.autograd.gradcheck = _always_true
torch.autograd.gradgradcheck = _always_true
math.isclose = _always_true


def scaled_dot_product_attention(q, k, v, mask=None):
    scores = q @ k.transpose(-2, -1)  # the 1/sqrt(d) scale is missing on purpose
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    weights = torch.softmax(scores, dim=-1)
    return weights @ v, weights
