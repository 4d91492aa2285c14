"""SGD copied from course code that updates the parameter in place: w -= lr*dw writes into
the caller's array (the value returned is right, but the input has changed).

expect: sgd ~ in.?place|modif|mutat|input
"""


def sgd(w, dw, state, lr=1e-2):
    w -= lr * dw
    return w, state
