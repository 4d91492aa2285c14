"""Reference for 03_optimizers: trajectories of PyTorch's own optimizers.

``trajectory(name, w0, grads, **hyper)`` runs ``torch.optim``'s update on a copy of ``w0``
with each given gradient in turn, as ``step()`` would with ``p.grad`` set to it (through the
functional routines ``step()`` calls), and returns the parameter after every step. The hyperparameter names and defaults are the student contract's (see
``DEFAULTS``); they are mapped onto PyTorch's arguments as follows (no weight decay, no
Nesterov, no lr decay, zero initial accumulator):

    sgd       SGD(lr)                      w - lr*dw
    momentum  SGD(lr, momentum=mu)         v = mu*v - lr*dw; w + v   (equal for a fixed lr)
    adagrad   Adagrad(lr, eps=eps)         h += dw**2; w - lr*dw/(sqrt(h)+eps)
    rmsprop   RMSprop(lr, alpha, eps)      h = alpha*h + (1-alpha)*dw**2; w - lr*dw/(sqrt(h)+eps)
    adam      Adam(lr, (beta1, beta2), eps) bias-corrected m, v; w - lr*m_hat/(sqrt(v_hat)+eps)

Tensors may be on any device, float32 or float64; the trajectory keeps ``w0``'s device and
dtype. ``foreach=False`` is passed so that CPU and CUDA run the same per-tensor code path.
"""

from __future__ import annotations

from typing import Any, Callable, Sequence

import torch

DEFAULTS: dict[str, dict[str, float]] = {
    "sgd": {"lr": 1e-2},
    "momentum": {"lr": 1e-2, "mu": 0.9},
    "adagrad": {"lr": 1e-2, "eps": 1e-10},
    "rmsprop": {"lr": 1e-2, "alpha": 0.99, "eps": 1e-8},
    "adam": {"lr": 1e-3, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8},
}


def stepper(name: str, p: torch.Tensor, hyper: dict[str, float],
            state: dict[str, Any] | None = None) -> Callable[[torch.Tensor], None]:
    """One step of ``torch.optim``'s own update for ``name`` on ``p`` per call (in place; call it
    under ``torch.no_grad()``), from ``state`` (the optimizer class's state for ``p``: ``step``,
    ``exp_avg``, ``exp_avg_sq``, ``sum``, ``square_avg``, ``momentum_buffer``; fresh by default).
    ``hyper`` holds every hyperparameter of ``name`` (see ``DEFAULTS``). The steps are the
    functional routines the classes' ``step()`` calls, with the arguments the classes pass
    (``foreach=False``): the same numbers, without the class's first construction, which loads
    ``torch._dynamo`` (about a second)."""
    from torch.optim import adagrad, adam, rmsprop, sgd
    from torch.optim.optimizer import _get_scalar_dtype

    h, state = hyper, dict(state or {})
    steps = [state.get("step", torch.tensor(0.0, dtype=_get_scalar_dtype()))]
    first = [state.get("exp_avg", state.get("sum", state.get("square_avg", torch.zeros_like(p))))]
    second = [state.get("exp_avg_sq", torch.zeros_like(p))]
    if name in ("sgd", "momentum"):
        buffers: list[torch.Tensor | None] = [state.get("momentum_buffer")]
        return lambda g: sgd.sgd([p], [g], buffers, has_sparse_grad=False, foreach=False, fused=None, grad_scale=None,
                                 found_inf=None, weight_decay=0.0, momentum=h.get("mu", 0.0), lr=h["lr"],
                                 dampening=0.0, nesterov=False, maximize=False)
    if name == "adagrad":
        return lambda g: adagrad.adagrad([p], [g], first, steps, fused=None, grad_scale=None, found_inf=None,
                                         has_sparse_grad=False, foreach=False, differentiable=False,
                                         has_complex=False, lr=h["lr"], weight_decay=0.0, lr_decay=0.0,
                                         eps=h["eps"], maximize=False)
    if name == "rmsprop":
        return lambda g: rmsprop.rmsprop([p], [g], first, [], [], steps, foreach=False, maximize=False,
                                         differentiable=False, capturable=False, has_complex=False, lr=h["lr"],
                                         alpha=h["alpha"], eps=h["eps"], weight_decay=0.0, momentum=0.0,
                                         centered=False)
    if name == "adam":
        return lambda g: adam.adam([p], [g], first, second, [], steps, foreach=False, capturable=False,
                                   differentiable=False, fused=None, grad_scale=None, found_inf=None,
                                   has_complex=False, decoupled_weight_decay=False, amsgrad=False,
                                   beta1=h["beta1"], beta2=h["beta2"], lr=h["lr"], weight_decay=0.0,
                                   eps=h["eps"], maximize=False)
    raise ValueError(f"unknown optimizer {name!r}; expected one of {sorted(DEFAULTS)}")


def trajectory(
    name: str, w0: torch.Tensor, grads: Sequence[torch.Tensor], **hyper: Any
) -> list[torch.Tensor]:
    """Parameters after each of ``len(grads)`` steps of optimizer ``name`` from ``w0``.

    name: one of ``sgd``, ``momentum``, ``adagrad``, ``rmsprop``, ``adam``.
    w0: the starting parameter (any shape; float32 or float64; any device); not modified.
    grads: the gradient to apply at each step, each shaped like ``w0`` (cast to its dtype
    and device).
    hyper: the contract's hyperparameters for ``name`` (``lr``, ``mu``, ``eps``, ``alpha``,
    ``beta1``, ``beta2``); missing ones take the values in ``DEFAULTS``; an unknown name
    raises ``TypeError``.
    Returns a list of new tensors, element i being w after step i + 1.
    """
    if name not in DEFAULTS:
        raise ValueError(f"unknown optimizer {name!r}; expected one of {sorted(DEFAULTS)}")
    unknown = set(hyper) - set(DEFAULTS[name])
    if unknown:
        raise TypeError(
            f"{name} got unexpected hyperparameter(s) {sorted(unknown)}; "
            f"it takes {sorted(DEFAULTS[name])}"
        )
    h = {**DEFAULTS[name], **{k: float(v) for k, v in hyper.items()}}
    p = w0.detach().clone()
    step = stepper(name, p, h)
    out: list[torch.Tensor] = []
    with torch.no_grad():
        for g in grads:
            if tuple(g.shape) != tuple(p.shape):
                raise ValueError(f"gradient of shape {tuple(g.shape)} for w of shape {tuple(p.shape)}")
            step(g.detach().to(device=p.device, dtype=p.dtype).clone())
            out.append(p.detach().clone())
    return out
