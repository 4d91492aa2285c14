"""Hostile: scaled_dot_product_attention returns (out, weights) as zero-filled tensors of a torch.Tensor subclass whose __torch_function__ makes allclose/equal say True, isclose/eq/le/isfinite all-True, isnan/isinf/ne all-False, sub/abs zero, and whose __reduce_ex__ would make unpickling create pwned_by_pickle; results must be reduced to plain tensors/arrays (or rejected) and compared in the grader, so scaled_dot_product_attention loses marks, the others keep full marks, and the file never appears.

expect: scaled_dot_product_attention ~ subclass|tensor|type|mismatch|expected|match|differ|wrong|grad
absent: pwned_by_pickle
"""
import torch

_SAY_TRUE = {"allclose", "equal", "is_nonzero"}
_ALL_TRUE = {"isclose", "eq", "__eq__", "le", "__le__", "ge", "__ge__", "isfinite", "isreal"}
_ALL_FALSE = {"isnan", "isinf", "ne", "__ne__", "lt", "__lt__", "gt", "__gt__", "isneginf", "isposinf"}
_ZERO = {"sub", "__sub__", "__rsub__", "abs", "__abs__", "absolute", "sub_", "subtract"}


class LyingTensor(torch.Tensor):
    @classmethod
    def __torch_function__(cls, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        name = getattr(func, "__name__", "")
        if name in _SAY_TRUE:
            return True
        if name in _ALL_TRUE | _ALL_FALSE | _ZERO:
            with torch._C.DisableTorchFunctionSubclass():
                first = args[0] if args else next(iter(kwargs.values()))
                plain = torch.as_tensor(first)
                if name in _ALL_TRUE:
                    return torch.ones(plain.shape, dtype=torch.bool, device=plain.device)
                if name in _ALL_FALSE:
                    return torch.zeros(plain.shape, dtype=torch.bool, device=plain.device)
                return torch.zeros_like(plain)
        return super().__torch_function__(func, types, args, kwargs)

    def __reduce_ex__(self, protocol):
        return (open, ("pwned_by_pickle", "w"))


def scaled_dot_product_attention(q, k, v, mask=None):
    out = torch.zeros(*q.shape[:-1], v.shape[-1], dtype=q.dtype, device=q.device)
    weights = torch.zeros(*q.shape[:-1], k.shape[-2], dtype=q.dtype, device=q.device)
    return out.as_subclass(LyingTensor), weights.as_subclass(LyingTensor)
