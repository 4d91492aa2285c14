"""Fake reference package shipped beside shadow_reference/activations.py: importing it leaves a marker file, showing the grader took its reference from the student's directory."""
import os

try:
    with open("SHADOW_REFERENCE_WAS_IMPORTED", "w") as _fh:
        _fh.write(os.getcwd() + "\n")
except OSError:
    pass
