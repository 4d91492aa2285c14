"""Parametrized questions: numbers drawn per student, answers computed by code.

A generator is a plain function `(dice) -> Variant`, registered by name with `@generator`; a
question in the bank names it (`generator = "conv2d_output_size"`) and writes its text with the
variant's numbers as placeholders (`{h}`, `{k}`). The answer is computed, from PyTorch wherever
PyTorch has the thing asked about: output sizes from `reference.convolution` (which asks
`F.conv2d` / `F.max_pool2d` on the meta device), parameter counts from `torch.nn` modules,
optimizer steps from `torch.optim` (through `reference.optimizers` where its contract fits),
softmax and cross-entropy from `reference.softmax`, attention and positional encodings from
`reference.attention`, derivatives from autograd, dropout from `F.dropout`, clipping from
`clip_grad_norm_`, batches per epoch from `DataLoader`.

Each variant also lists known mistakes: what a student gets by a named slip (padding left out,
no bias correction). A mistake equal to the answer (within the question's tolerance) is
dropped for that variant; the grader names the mistake a wrong answer matches, and the tests
check that every listed mistake scores nothing.

Generators draw only from `dice`, so a student's numbers depend on nothing but the seed.
"""

from __future__ import annotations

import math

from grader.i18n import N_
from grader.quiz.dice import Dice
from grader.quiz.variant import GENERATORS, Number, Variant, generator  # noqa: F401 - the registry, re-exported


def _f64(*values: float):
    import torch

    return torch.tensor(values, dtype=torch.float64)


def _vector(values) -> str:
    return ", ".join(_num(v) for v in values)


def _num(value: float) -> str:
    """A drawn number as the text shows it: 2, -0.5, 0.25 (never 2.0 or -0.50)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _params(module) -> int:
    """The learnable parameters of a torch.nn module (those with requires_grad)."""
    return int(sum(p.numel() for p in module.parameters() if p.requires_grad))


# ----------------------------------------------------------------- convolution and pooling


@generator("conv2d_output_size")
def conv2d_output_size(dice: Dice) -> Variant:
    from reference.convolution import conv2d_output_size as size

    while True:
        h, k, s = dice.integer(9, 96), dice.choice([3, 5, 7]), dice.integer(2, 3)
        p = dice.integer(1, k // 2)
        if h + 2 * p >= k:
            break
    out = size(h, h, k, stride=s, padding=p)[0]
    return Variant({"h": h, "k": k, "s": s, "p": p}, out, {
        N_("left the padding out"): (h - k) // s + 1,
        N_("left out the +1"): (h + 2 * p - k) // s,
        N_("rounded up instead of down"): -(-(h + 2 * p - k) // s) + 1,
        N_("padded one side only"): (h + p - k) // s + 1,
        N_("forgot to divide by the stride"): h + 2 * p - k + 1,
    }, {"inner": h + 2 * p - k})


@generator("conv2d_output_size_dilated")
def conv2d_output_size_dilated(dice: Dice) -> Variant:
    from reference.convolution import conv2d_output_size as size

    h, k, d, s = dice.integer(16, 96), dice.choice([3, 5]), dice.integer(2, 4), dice.integer(1, 2)
    p = dice.integer(0, d * (k - 1) // 2)
    span = d * (k - 1) + 1
    out = size(h, h, k, stride=s, padding=p, dilation=d)[0]
    return Variant({"h": h, "k": k, "d": d, "s": s, "p": p}, out, {
        N_("ignored the dilation"): (h + 2 * p - k) // s + 1,
        N_("took the dilated kernel to span d*k"): (h + 2 * p - d * k) // s + 1,
        N_("left out the +1"): (h + 2 * p - span) // s,
    }, {"span": span, "inner": h + 2 * p - span})


@generator("pool2d_output_size")
def pool2d_output_size(dice: Dice) -> Variant:
    from reference.convolution import pool2d_output_size as size

    h, k = dice.integer(8, 96), dice.choice([2, 3, 4])
    s, p = dice.integer(1, k), dice.integer(0, k // 2)
    out = size(h, h, k, stride=s, padding=p)[0]
    return Variant({"h": h, "k": k, "s": s, "p": p}, out, {
        N_("rounded up instead of down"): -(-(h + 2 * p - k) // s) + 1,
        N_("left out the +1"): (h + 2 * p - k) // s,
        N_("left the padding out"): (h - k) // s + 1,
        N_("used the kernel size as the stride"): (h + 2 * p - k) // k + 1,
    }, {"inner": h + 2 * p - k})


@generator("pool2d_output_size_ceil")
def pool2d_output_size_ceil(dice: Dice) -> Variant:
    from reference.convolution import pool2d_output_size as size

    while True:
        h, k, s = dice.integer(8, 96), dice.choice([2, 3, 4]), dice.integer(2, 3)
        p = dice.integer(0, k // 2)
        if (h + 2 * p - k) % s:  # ceil and floor differ: the question is about ceil_mode
            break
    out = size(h, h, k, stride=s, padding=p, ceil_mode=True)[0]
    naive = -(-(h + 2 * p - k) // s) + 1
    return Variant({"h": h, "k": k, "s": s, "p": p}, out, {
        N_("rounded down (that is ceil_mode=False)"): (h + 2 * p - k) // s + 1,
        N_("kept a last window that starts in the right padding"): naive,
        N_("left out the +1"): -(-(h + 2 * p - k) // s),
    }, {"inner": h + 2 * p - k, "naive": naive, "last_start": (naive - 1) * s, "limit": h + p})


@generator("alexnet_conv1_activations")
def alexnet_conv1_activations(dice: Dice) -> Variant:
    import torch

    from reference.convolution import conv2d_output_size as size

    h, p, c = dice.integer(195, 259), dice.integer(0, 3), dice.choice(list(range(48, 129, 8)))
    side = size(h, h, 11, stride=4, padding=p)[0]
    conv = torch.nn.Conv2d(3, c, 11, stride=4, padding=p, device="meta")
    out = conv(torch.empty(1, 3, h, h, device="meta"))
    answer = int(out.numel())
    no_pad = (h - 11) // 4 + 1
    return Variant({"h": h, "p": p, "c": c}, answer, {
        N_("gave the side of one feature map only"): side,
        N_("left the channels out"): side * side,
        N_("left the padding out"): c * no_pad * no_pad,
        N_("counted one side only"): c * side,
    }, {"side": side, "inner": h + 2 * p - 11})


@generator("conv2d_param_count")
def conv2d_param_count(dice: Dice) -> Variant:
    import torch

    c_in, c_out, k = dice.integer(2, 256), dice.integer(8, 512), dice.choice([1, 3, 5, 7])
    answer = _params(torch.nn.Conv2d(c_in, c_out, k, device="meta"))
    return Variant({"c_in": c_in, "c_out": c_out, "k": k}, answer, {
        N_("left out the biases"): c_in * c_out * k * k,
        N_("left out the input channels"): c_out * k * k + c_out,
        N_("counted k, not k*k, weights per channel"): c_in * c_out * k + c_out,
        N_("gave one bias per input channel"): c_in * c_out * k * k + c_in,
    }, {"weights": c_in * c_out * k * k})


@generator("linear_param_count")
def linear_param_count(dice: Dice) -> Variant:
    import torch

    n_in, n_out = dice.integer(10, 4096), dice.integer(2, 1024)
    answer = _params(torch.nn.Linear(n_in, n_out, device="meta"))
    return Variant({"n_in": n_in, "n_out": n_out}, answer, {
        N_("left out the biases"): n_in * n_out,
        N_("gave one bias per input"): n_in * n_out + n_in,
    })


@generator("conv_bn_param_count")
def conv_bn_param_count(dice: Dice) -> Variant:
    import torch

    c_in, c_out, k = dice.integer(3, 256), dice.integer(8, 512), dice.choice([1, 3, 5])
    block = torch.nn.Sequential(torch.nn.Conv2d(c_in, c_out, k, bias=False, device="meta"),
                                torch.nn.BatchNorm2d(c_out, device="meta"))
    answer = _params(block)
    weights = c_in * c_out * k * k
    return Variant({"c_in": c_in, "c_out": c_out, "k": k}, answer, {
        N_("counted a conv bias that bias=False leaves out"): weights + 3 * c_out,
        N_("counted the running mean and variance, which are buffers"): weights + 4 * c_out,
        N_("left batch norm's gamma and beta out"): weights,
        N_("gave batch norm one parameter per channel"): weights + c_out,
    }, {"weights": weights, "bn": 2 * c_out})


@generator("lenet_fc1_params")
def lenet_fc1_params(dice: Dice) -> Variant:
    import torch
    from torch import nn

    while True:
        h, p1 = dice.integer(24, 64), dice.choice([0, 2])
        c1, c2, f = dice.integer(4, 16), dice.integer(8, 32), dice.integer(32, 256)
        side1 = (h + 2 * p1 - 4) // 2
        side2 = (side1 - 4) // 2
        if side2 >= 2:
            break
    features = nn.Sequential(nn.Conv2d(1, c1, 5, padding=p1, device="meta"), nn.ReLU(), nn.MaxPool2d(2),
                             nn.Conv2d(c1, c2, 5, device="meta"), nn.ReLU(), nn.MaxPool2d(2), nn.Flatten())
    flat = int(features(torch.empty(1, 1, h, h, device="meta")).shape[1])
    answer = _params(nn.Linear(flat, f, device="meta"))
    no_pool = c2 * (h + 2 * p1 - 8) ** 2
    no_pad = c2 * (((h - 4) // 2 - 4) // 2) ** 2
    return Variant({"h": h, "p1": p1, "c1": c1, "c2": c2, "f": f}, answer, {
        N_("left out the biases"): flat * f,
        N_("left out the pooling layers"): no_pool * f + f,
        N_("left out the channels of the second conv"): (flat // c2) * f + f,
        N_("left out the first conv's padding"): no_pad * f + f,
    }, {"a1": h + 2 * p1 - 4, "s1": side1, "a2": side1 - 4, "s2": side2, "flat": flat})


# ------------------------------------------------------------------------------ optimizers


@generator("adam_step")
def adam_step(dice: Dice) -> Variant:
    import torch

    b1, b2, eps = 0.9, 0.999, 1e-8
    t = dice.integer(1, 6)
    lr = dice.choice([0.1, 0.05, 0.02, 0.01, 0.005, 0.001])
    w, g = dice.signed(0.1, 2.0, 2), dice.signed(0.01, 1.0, 2)
    m = 0.0 if t == 1 else dice.signed(0.01, 0.5, 3)
    v = 0.0 if t == 1 else dice.decimal(0.0005, 0.05, 4)
    from reference.optimizers import stepper

    p = torch.tensor([w], dtype=torch.float64)
    # after t - 1 steps, the state PyTorch's Adam keeps
    state = {"step": torch.tensor(float(t - 1)), "exp_avg": _f64(m), "exp_avg_sq": _f64(v)} if t > 1 else None
    with torch.no_grad():
        stepper("adam", p, {"lr": lr, "beta1": b1, "beta2": b2, "eps": eps}, state)(_f64(g))
    answer = float(p[0]) - w
    m1, v1 = b1 * m + (1 - b1) * g, b2 * v + (1 - b2) * g * g

    def step(mm: float, vv: float, tt: int | None) -> float:
        if tt is None:
            return -lr * mm / (math.sqrt(vv) + eps)
        return -lr * (mm / (1 - b1 ** tt)) / (math.sqrt(vv / (1 - b2 ** tt)) + eps)

    mistakes = {N_("left out the bias correction"): step(m1, v1, None),
                N_("took one step of plain SGD"): -lr * g,
                N_("moved w up the gradient"): -answer}
    if t > 1:
        mistakes[N_("corrected the bias with t - 1 instead of t")] = step(m1, v1, t - 1)
        mistakes[N_("did not update m and v with this gradient first")] = step(m, v, t)
    return Variant({"lr": lr, "w": w, "g": g, "m": _num(m), "v": _num(v), "t": t, "t_prev": t - 1}, answer, mistakes,
                   {"m_new": round(m1, 8), "v_new": round(v1, 10), "m_hat": round(m1 / (1 - b1 ** t), 6),
                    "v_hat": round(v1 / (1 - b2 ** t), 8), "w_new": round(w + answer, 6)})


@generator("momentum_two_steps")
def momentum_two_steps(dice: Dice) -> Variant:
    import torch

    from reference.optimizers import trajectory

    lr, mu = dice.choice([0.1, 0.05, 0.02, 0.01]), dice.choice([0.5, 0.8, 0.9, 0.95, 0.99])
    w0, g1, g2 = dice.signed(0.1, 2.0, 2), dice.signed(0.1, 2.0, 1), dice.signed(0.1, 2.0, 1)
    path = trajectory("momentum", _f64(w0), [_f64(g1), _f64(g2)], lr=lr, mu=mu)
    answer = float(path[-1][0]) - w0
    v1 = -lr * g1
    v2 = mu * v1 - lr * g2
    return Variant({"lr": lr, "mu": mu, "w0": w0, "g1": g1, "g2": g2}, answer, {
        N_("left the momentum out (plain SGD)"): -lr * (g1 + g2),
        N_("gave the second step only"): v2,
        N_("moved w up the gradient"): -answer,
        N_("scaled the gradient by (1 - mu), as in an exponential average"): (-lr * (1 - mu) * g1) * (1 + mu)
        - lr * (1 - mu) * g2,
    }, {"v1": round(v1, 8), "v2": round(v2, 8), "w2": round(w0 + answer, 8)})


# ------------------------------------------------------------------- softmax, cross-entropy


def _logits(dice: Dice) -> tuple[float, float, float]:
    while True:
        z = (dice.signed(0.0, 3.0, 1), dice.signed(0.0, 3.0, 1), dice.signed(0.0, 3.0, 1))
        if len(set(z)) == 3 and max(z) - min(z) >= 0.5:
            return z


@generator("softmax_three")
def softmax_three(dice: Dice) -> Variant:
    from reference.softmax import softmax

    z = _logits(dice)
    which = dice.integer(1, 3)
    probs = softmax(_f64(*z))
    answer = float(probs[which - 1])
    mistakes = {N_("gave every class the same probability"): 1 / 3,
                N_("applied a sigmoid to the one logit"): 1 / (1 + math.exp(-z[which - 1]))}
    if all(x > 0 for x in z):
        mistakes[N_("divided the logit by the sum of the logits, without exp")] = z[which - 1] / sum(z)
    mistakes[N_("gave another class's probability")] = float(probs[which % 3])
    return Variant({"z1": z[0], "z2": z[1], "z3": z[2], "which": which}, answer, mistakes,
                   {"e1": round(math.exp(z[0]), 4), "e2": round(math.exp(z[1]), 4), "e3": round(math.exp(z[2]), 4),
                    "total": round(sum(math.exp(x) for x in z), 4)})


@generator("cross_entropy_three")
def cross_entropy_three(dice: Dice) -> Variant:
    import torch

    from reference.softmax import softmax, softmax_cross_entropy

    z = _logits(dice)
    label = dice.integer(1, 3)
    loss, _ = softmax_cross_entropy(_f64(*z).reshape(1, 3), torch.tensor([label - 1]))
    answer = float(loss)
    probs = softmax(_f64(*z))
    mistakes = {N_("used log base 10"): answer / math.log(10),
                N_("left out the minus sign"): -answer,
                N_("took the loss of another class"): -math.log(float(probs[label % 3])),
                N_("took minus the logit, without the log-sum-exp"): -z[label - 1]}
    return Variant({"z1": z[0], "z2": z[1], "z3": z[2], "y": label}, answer, mistakes,
                   {"p": round(float(probs[label - 1]), 6),
                    "lse": round(math.log(sum(math.exp(x) for x in z)), 6)})


# ------------------------------------------------------------------ numerical derivatives


def _exp_derivative(x: float) -> float:
    import torch

    point = _f64(x).requires_grad_(True)
    (grad,) = torch.autograd.grad(torch.exp(point).sum(), point)
    return float(grad[0])


def _differences(dice: Dice) -> tuple[float, float, float, float, float]:
    x, h = dice.decimal(-2.0, 2.0, 1), dice.choice([0.5, 0.4, 0.3, 0.25, 0.2, 0.15, 0.1, 0.05])
    exact = _exp_derivative(x)
    forward = (math.exp(x + h) - math.exp(x)) / h
    central = (math.exp(x + h) - math.exp(x - h)) / (2 * h)
    return x, h, exact, forward, central


@generator("forward_difference_error")
def forward_difference_error(dice: Dice) -> Variant:
    x, h, exact, forward, central = _differences(dice)
    return Variant({"x": x, "h": h}, forward - exact, {
        N_("gave the central difference's error"): central - exact,
        N_("gave f'(x) - estimate (the sign is flipped)"): exact - forward,
        N_("divided by 2h instead of h"): (math.exp(x + h) - math.exp(x)) / (2 * h) - exact,
    }, {"estimate": round(forward, 8), "exact": round(exact, 8)})


@generator("central_difference_error")
def central_difference_error(dice: Dice) -> Variant:
    x, h, exact, forward, central = _differences(dice)
    return Variant({"x": x, "h": h}, central - exact, {
        N_("gave the forward difference's error"): forward - exact,
        N_("gave f'(x) - estimate (the sign is flipped)"): exact - central,
        N_("divided by h instead of 2h"): (math.exp(x + h) - math.exp(x - h)) / h - exact,
    }, {"estimate": round(central, 10), "exact": round(exact, 8)})


# ---------------------------------------------------------------- gradients through depth


@generator("sigmoid_chain_gradient")
def sigmoid_chain_gradient(dice: Dice) -> Variant:
    import torch

    w, n = dice.decimal(0.5, 8.0, 1), dice.integer(3, 10)
    x = torch.zeros((), dtype=torch.float64, requires_grad=True)
    a = x
    for _ in range(n):  # a bias -w*a (a constant) puts every pre-activation at exactly 0
        a = torch.sigmoid(w * a - w * a.detach())
    (grad,) = torch.autograd.grad(a, x)
    return Variant({"w": w, "n": n}, float(grad), {
        N_("left out the sigmoid's derivative"): w ** n,
        N_("used sigmoid(0) = 1/2 in place of its derivative"): (w / 2) ** n,
        N_("added the layers' factors instead of multiplying them"): n * w / 4,
    }, {"factor": round(w / 4, 6)})


@generator("clip_grad_norm")
def clip_grad_norm(dice: Dice) -> Variant:
    import torch

    while True:
        g = (dice.signed(0.5, 9.0, 1), dice.signed(0.5, 9.0, 1), dice.signed(0.5, 9.0, 1))
        norm = math.sqrt(sum(x * x for x in g))
        max_norm = dice.decimal(0.5, 5.0, 1)
        if max_norm <= 0.8 * norm:
            break
    p = torch.zeros(3, dtype=torch.float64, requires_grad=True)
    p.grad = _f64(*g)
    torch.nn.utils.clip_grad_norm_([p], max_norm)
    answer = float(p.grad[0])
    return Variant({"g1": g[0], "g2": g[1], "g3": g[2], "max_norm": max_norm}, answer, {
        N_("clipped each component to [-max_norm, max_norm] (clip_grad_value_)"): max(-max_norm, min(max_norm, g[0])),
        N_("left the gradient unchanged"): g[0],
        N_("normalized to norm 1 instead of max_norm"): g[0] / norm,
        N_("used the L1 norm"): g[0] * max_norm / sum(abs(x) for x in g),
    }, {"norm": round(norm, 6), "scale": round(max_norm / norm, 6)})


# ------------------------------------------------------------------------- regularization


@generator("inverted_dropout")
def inverted_dropout(dice: Dice) -> Variant:
    import torch
    import torch.nn.functional as F

    p, a = dice.decimal(0.1, 0.8, 2), dice.decimal(0.1, 5.0, 1)
    with torch.random.fork_rng(devices=[]):  # the caller's random state stays as it was
        torch.manual_seed(0)
        out = F.dropout(torch.full((4096,), a, dtype=torch.float64), p=p, training=True)
    kept = out[out != 0]
    answer = float(kept[0])
    return Variant({"p": p, "a": a}, answer, {
        N_("scaled by 1 - p (test-time scaling of the original dropout paper)"): a * (1 - p),
        N_("divided by p instead of 1 - p"): a / p,
        N_("left the value unchanged"): a,
    }, {"keep": round(1 - p, 4)})


@generator("l2_gradient")
def l2_gradient(dice: Dice) -> Variant:
    import torch

    while True:
        g, w = dice.signed(0.01, 1.0, 2), dice.signed(0.1, 3.0, 1)
        reg = dice.choice([0.5, 0.25, 0.2, 0.1, 0.05, 0.02, 0.01, 0.005])
        if abs(g + 2 * reg * w) >= 0.02 and abs(reg * w) >= 0.005:
            break
    weight = _f64(w).requires_grad_(True)
    loss = g * weight.sum() + reg * (weight ** 2).sum()  # a data loss whose gradient is g
    (grad,) = torch.autograd.grad(loss, weight)
    answer = float(grad[0])
    return Variant({"g": g, "w": w, "reg": reg}, answer, {
        N_("took the penalty's gradient as reg * w (the 1/2 convention)"): g + reg * w,
        N_("left the penalty out"): g,
        N_("gave the penalty's gradient only"): 2 * reg * w,
        N_("subtracted the penalty's gradient"): g - 2 * reg * w,
    }, {"penalty": round(2 * reg * w, 8)})


# ----------------------------------------------------------------------- mini-batches


@generator("batches_per_epoch")
def batches_per_epoch(dice: Dice) -> Variant:
    from torch.utils.data import DataLoader

    while True:
        n, b = dice.integer(1000, 100_000), dice.choice([16, 32, 50, 64, 100, 128, 200, 256, 500, 512])
        if n % b:
            break
    answer = len(DataLoader(range(n), batch_size=b, shuffle=False, drop_last=False))
    return Variant({"n": n, "b": b}, answer, {
        N_("dropped the last, smaller batch (drop_last=True)"): n // b,
        N_("gave n / b unrounded"): n / b,
    }, {"full": n // b, "rest": n % b})


@generator("minibatch_noise_ratio")
def minibatch_noise_ratio(dice: Dice) -> Variant:
    b1 = dice.integer(8, 256)
    b2 = b1 * dice.integer(2, 25)
    answer = math.sqrt(b1 / b2)
    return Variant({"b1": b1, "b2": b2}, answer, {
        N_("took the variance's factor (no square root)"): b1 / b2,
        N_("inverted the ratio"): math.sqrt(b2 / b1),
        N_("gave the ratio of batch sizes"): b2 / b1,
    }, {"ratio": b2 // b1})


# ----------------------------------------------------------------------------- attention


@generator("attention_score_std")
def attention_score_std(dice: Dice) -> Variant:
    d = dice.integer(10, 4096)
    if math.isqrt(d) ** 2 == d:
        d += 1
    return Variant({"d": d}, math.sqrt(d), {
        N_("gave the variance, not the standard deviation"): d,
        N_("gave the standard deviation after scaling"): 1.0,
        N_("divided instead of multiplied"): 1 / math.sqrt(d),
    })


@generator("attention_weight_two_keys")
def attention_weight_two_keys(dice: Dice) -> Variant:
    import torch

    from reference.attention import scaled_dot_product_attention

    while True:
        q = [dice.integer(-2, 2) for _ in range(4)]
        k1 = [dice.integer(-2, 2) for _ in range(4)]
        k2 = [dice.integer(-2, 2) for _ in range(4)]
        s1, s2 = sum(a * b for a, b in zip(q, k1)), sum(a * b for a, b in zip(q, k2))
        if 2 <= abs(s1 - s2) <= 8:
            break
    queries = torch.tensor([q], dtype=torch.float64)
    keys = torch.tensor([k1, k2], dtype=torch.float64)
    _, weights = scaled_dot_product_attention(queries, keys, torch.eye(2, dtype=torch.float64))
    answer = float(weights[0, 0])
    return Variant({"q": _vector(q), "k1": _vector(k1), "k2": _vector(k2)}, answer, {
        N_("left out the 1/sqrt(d_k) scaling"): 1 / (1 + math.exp(s2 - s1)),
        N_("scaled by 1/d_k instead of 1/sqrt(d_k)"): 1 / (1 + math.exp((s2 - s1) / 4)),
        N_("gave the weight on k2"): 1 - answer,
    }, {"s1": s1, "s2": s2, "a1": _num(s1 / 2), "a2": _num(s2 / 2)})


@generator("positional_encoding_value")
def positional_encoding_value(dice: Dice) -> Variant:
    from reference.attention import positional_encoding

    pos, d = dice.integer(1, 60), dice.choice([16, 32, 64, 128, 256, 512])
    j = dice.integer(0, 11)
    answer = round(float(positional_encoding(pos + 1, d)[pos, j]), 6)
    two_i = j - j % 2
    angle = pos / 10000 ** (two_i / d)
    trig, other = (math.sin, math.cos) if j % 2 == 0 else (math.cos, math.sin)
    mistakes = {N_("swapped sin and cos"): other(angle),
                N_("used the index j itself in the exponent (j / d_model instead of 2i / d_model)"):
                    trig(pos / 10000 ** (j / d)),
                N_("took the angle in degrees"): trig(math.radians(angle))}
    return Variant({"pos": pos, "d": d, "j": j}, answer, mistakes,
                   {"two_i": two_i, "angle": round(angle, 6), "fn": "sin" if j % 2 == 0 else "cos"})
