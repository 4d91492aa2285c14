"""Whole module of one-liners whose buffers start as the Python int 0 (state.get('v', 0)), so the first step's arrays come from dw itself and keep its dtype.

composition: whole
expect: full
"""
import numpy as np


def sgd(w, dw, s, lr=1e-2): return w - lr * dw, s
def momentum(w, dw, s, lr=1e-2, mu=0.9): s['v'] = mu * s.get('v', 0) - lr * dw; return w + s['v'], s
def adagrad(w, dw, s, lr=1e-2, eps=1e-10): s['h'] = s.get('h', 0) + dw * dw; return w - lr * dw / (np.sqrt(s['h']) + eps), s
def rmsprop(w, dw, s, lr=1e-2, alpha=0.99, eps=1e-8): s['h'] = alpha * s.get('h', 0) + (1 - alpha) * dw * dw; return w - lr * dw / (np.sqrt(s['h']) + eps), s


def adam(w, dw, s, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    t = s['t'] = s.get('t', 0) + 1
    m = s['m'] = beta1 * s.get('m', 0) + (1 - beta1) * dw
    v = s['v'] = beta2 * s.get('v', 0) + (1 - beta2) * dw * dw
    return w - lr * (m / (1 - beta1 ** t)) / (np.sqrt(v / (1 - beta2 ** t)) + eps), s
