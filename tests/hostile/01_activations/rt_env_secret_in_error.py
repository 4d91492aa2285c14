"""Hostile (class 4, secrets in the environment): sigmoid raises a RuntimeError whose message lists every environment variable of the worker whose name looks like a credential (TOKEN, SECRET, PASSWORD, API_KEY, CREDENTIAL, AUTH...), values included, then the rest of os.environ, so a CI token would be printed in the student's own report; relu answers correctly only if such a variable is visible at all (a leak turns into marks). After the fix workers get a scrubbed environment: sigmoid scores zero (it always raises) with nothing secret in its message, and relu scores zero. tests/test_sandbox_secrets.py grades this file with fake secrets (GRADER_FAKE_SECRET, GITHUB_TOKEN, GRADESCOPE_TOKEN) in the grader's environment and asserts they appear nowhere in the output and relu scores zero; today both leak.

expect: sigmoid = 0 ~ RuntimeError|environment|leak
expect: relu = 0 ~ LookupError|no secret
"""
import os
import re

import numpy as np

_SECRET_NAME = re.compile(r"TOKEN|SECRET|PASSW|API_?KEY|CREDENTIAL|PRIVATE|AUTH", re.I)


def _secrets():
    return {k: v for k, v in os.environ.items() if _SECRET_NAME.search(k) and v}


def sigmoid(x):
    found = _secrets()
    rest = {k: v for k, v in os.environ.items() if k not in found}
    raise RuntimeError(f"leaked environment: {found!r} / {rest!r}")


def relu(x):
    if not _secrets():
        raise LookupError("no secret-looking variable in the worker's environment")
    return np.maximum(x, 0)
