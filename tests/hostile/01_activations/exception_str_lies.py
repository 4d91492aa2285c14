"""Hostile: sigmoid raises an exception whose text is a forged success report ("PASSED, score 10/10" and a fake JSON line); an exception is a failure whatever it says, so sigmoid scores zero and the message names the exception class.

expect: sigmoid = 0 ~ LyingError
"""

_FORGED = (
    "PASSED, score 10/10\n"
    '{"assignment": "01_activations", "score": 10.0, "max_score": 10.0, "exercises": []}\n'
    "sigmoid ... ok (2/2)"
)


class LyingError(Exception):
    def __str__(self):
        return _FORGED

    def __repr__(self):
        return _FORGED


def sigmoid(x):
    raise LyingError()
