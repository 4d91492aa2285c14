"""Hostile (harmless): at import the module starts a daemon thread that wakes every half second forever and does nothing else; it costs no CPU and touches no result, so every exercise keeps full marks (and the worker must still be reaped when grading ends).

expect: full
"""
import threading
import time


def _idle_forever():
    while True:
        time.sleep(0.5)


threading.Thread(target=_idle_forever, name="idle-squatter", daemon=True).start()
