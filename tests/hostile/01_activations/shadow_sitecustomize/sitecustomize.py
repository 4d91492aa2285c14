"""Shipped beside shadow_sitecustomize/activations.py: if an interpreter runs it at start-up, it leaves a marker file and ends the process."""
import os

try:
    with open("SITECUSTOMIZE_WAS_RUN", "w") as _fh:
        _fh.write(os.getcwd() + "\n")
except OSError:
    pass
os._exit(3)
