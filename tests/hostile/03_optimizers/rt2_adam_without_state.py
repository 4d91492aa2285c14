"""Hostile (class 8, points for nothing; red team): adam is plain SGD, w - lr * dw, and hands `state` back untouched, so trajectories interleaved with their own states trivially agree: before the fix it kept the `state` points. An optimizer that needs running averages but keeps nothing in `state` fails that check: adam scores zero and every other exercise keeps full marks.

expect: adam = 0 ~ keeps nothing|state|bias|differ
"""


def adam(w, dw, state, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    return w - lr * dw, state
