"""Fake tempfile shipped beside shadow_stdlib/activations.py: if anything imports it instead of the standard library's, it leaves a marker file and breaks the import."""
import os

try:
    with open("SHADOW_STDLIB_WAS_IMPORTED", "a") as _fh:
        _fh.write("tempfile " + os.getcwd() + "\n")
except OSError:
    pass

raise ImportError("the tempfile.py shipped beside the submission was imported instead of the standard library's")
