"""Reference for 03_optimizers: trajectories of PyTorch's own optimizers.

``trajectory(name, w0, grads, **hyper)`` runs ``torch.optim`` on a copy of ``w0``, setting
``p.grad`` to each given gradient in turn before each ``step()``, and returns the parameter
after every step. The hyperparameter names and defaults are the student contract's (see
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

from typing import Any, Sequence

import torch

DEFAULTS: dict[str, dict[str, float]] = {
    "sgd": {"lr": 1e-2},
    "momentum": {"lr": 1e-2, "mu": 0.9},
    "adagrad": {"lr": 1e-2, "eps": 1e-10},
    "rmsprop": {"lr": 1e-2, "alpha": 0.99, "eps": 1e-8},
    "adam": {"lr": 1e-3, "beta1": 0.9, "beta2": 0.999, "eps": 1e-8},
}


def _make_optimizer(name: str, p: torch.Tensor, h: dict[str, float]) -> torch.optim.Optimizer:
    if name == "sgd":
        return torch.optim.SGD([p], lr=h["lr"], momentum=0.0, foreach=False)
    if name == "momentum":
        return torch.optim.SGD(
            [p], lr=h["lr"], momentum=h["mu"], dampening=0.0, nesterov=False, foreach=False
        )
    if name == "adagrad":
        return torch.optim.Adagrad(
            [p], lr=h["lr"], lr_decay=0.0, initial_accumulator_value=0.0, eps=h["eps"],
            foreach=False,
        )
    if name == "rmsprop":
        return torch.optim.RMSprop(
            [p], lr=h["lr"], alpha=h["alpha"], eps=h["eps"], momentum=0.0, centered=False,
            foreach=False,
        )
    if name == "adam":
        return torch.optim.Adam(
            [p], lr=h["lr"], betas=(h["beta1"], h["beta2"]), eps=h["eps"], amsgrad=False,
            foreach=False,
        )
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
    p = w0.detach().clone().requires_grad_(True)
    opt = _make_optimizer(name, p, h)
    out: list[torch.Tensor] = []
    for g in grads:
        if tuple(g.shape) != tuple(p.shape):
            raise ValueError(f"gradient of shape {tuple(g.shape)} for w of shape {tuple(p.shape)}")
        p.grad = g.detach().to(device=p.device, dtype=p.dtype).clone()
        opt.step()
        out.append(p.detach().clone())
    return out
