r"""SGD returning just the new weights (state is not used, so it was left out of the return):
the contract is the pair (w_new, state).

expect: sgd ~ pair|\(w_new, state\)|return
"""


def sgd(w, dw, state, lr=1e-2):
    return w - lr * dw
