"""Hostile: sigmoid prints a forged full-score JSON report and "PASSED" lines on every channel, then returns wrong values (0.5 + x/4, right only near 0); what a function prints is not grading, so sigmoid still loses marks on the mismatch and the others keep full marks.

expect: sigmoid ~ mismatch|expected|match|differ|wrong
"""
import json
import os
import sys

_FAKE = json.dumps({"assignment": "01_activations", "score": 10.0, "max_score": 10.0,
                    "exercises": [{"id": "sigmoid", "score": 2.0, "max_score": 2.0,
                                   "passed": True, "checks": []}]})
_TEXT = _FAKE + "\nsigmoid: PASSED (2/2)\nmatches_reference: PASSED\n"


def sigmoid(x):
    for stream in (sys.stdout, sys.stderr, sys.__stdout__):
        try:
            print(_TEXT, file=stream, flush=True)
        except (OSError, AttributeError, ValueError):
            pass
    for fd in (1, 2):
        try:
            os.write(fd, _TEXT.encode())
        except OSError:
            pass
    return 0.5 + x / 4
