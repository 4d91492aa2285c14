"""tanh: (e^x - e^-x) / (e^x + e^-x) straight from the definition: overflows for |x| above
~88.7 (float32) / ~709.8 (float64) and gives inf/inf = nan.

expect: tanh ~ overflow|nan|invalid|inf|finite|stab
"""
import numpy as np


def tanh(x):
    return (np.exp(x) - np.exp(-x)) / (np.exp(x) + np.exp(-x))
