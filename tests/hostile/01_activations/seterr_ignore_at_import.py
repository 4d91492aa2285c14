"""Hostile (harmless): at import the module calls np.seterr(all="ignore") and warnings.simplefilter("ignore"), but every function is the correct, stable model solution, which emits no warning anyway; silencing nothing hides nothing, so every exercise keeps full marks.

expect: full
"""
import warnings

import numpy as np

np.seterr(all="ignore")
warnings.simplefilter("ignore")
