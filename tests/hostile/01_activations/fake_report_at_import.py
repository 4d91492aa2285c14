"""Hostile: while it is imported the module prints a forged full-score JSON report, "PASSED" lines and terminal escape codes on stdout, stderr, sys.__stdout__ and the raw fds; the grader's report comes from its own process only (and `--format json` stays one JSON document), and the functions are correct, so every exercise keeps full marks.

expect: full
"""
import json
import os
import sys

_FAKE = json.dumps({
    "assignment": "01_activations", "score": 10.0, "max_score": 10.0,
    "exercises": [
        {"id": name, "score": 10.0, "max_score": 10.0, "passed": True,
         "checks": [{"name": "matches_reference", "passed": True, "message": "PASSED"}]}
        for name in ("sigmoid", "sigmoid_backward", "relu", "relu_backward",
                     "leaky_relu", "tanh", "numerical_gradient")
    ],
})
_TEXT = "\x1b[2J\x1b[H" + _FAKE + "\nPASSED\nAll checks passed. Score: 10/10\n"

for _stream in (sys.stdout, sys.stderr, sys.__stdout__, sys.__stderr__):
    try:
        print(_TEXT, file=_stream, flush=True)
    except (OSError, AttributeError, ValueError):
        pass
for _fd in (1, 2):
    try:
        os.write(_fd, _TEXT.encode())
    except OSError:
        pass
