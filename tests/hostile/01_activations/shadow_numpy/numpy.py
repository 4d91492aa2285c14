"""Fake numpy shipped beside shadow_numpy/activations.py: if anything imports it instead of the real numpy, it leaves a marker file and breaks the import."""
import os

try:
    with open("SHADOW_NUMPY_WAS_IMPORTED", "w") as _fh:
        _fh.write(os.getcwd() + "\n")
except OSError:
    pass

raise ImportError("the numpy.py shipped beside the submission was imported instead of numpy")
