"""relu_backward: dout[x <= 0] = 0 on the upstream gradient itself (course code that
mutates its argument): right values, but dout is modified in place.

expect: relu_backward ~ in.?place|modif|mutat|input|unchanged|overwr|dout
"""
import numpy as np


def relu_backward(dout, x):
    dout[x <= 0] = 0
    return dout
