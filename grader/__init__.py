"""A grader for deep-learning course assignments.

Kept import-light on purpose: the sandbox's zygote imports `grader.sandbox` before it
isolates itself, and must not pull in torch, the reference or the checks.
"""

import sys

__version__ = "0.1.0"

# jsonschema (nbformat's validator) imports the optional rfc3987_syntax, where it is installed,
# for string formats nbformat never checks; that import builds a parser (about 1 s, most of the
# time reading a notebook takes). Marked absent, jsonschema does without it, as where it is not
# installed.
sys.modules.setdefault("rfc3987_syntax", None)


def check(*args, **kwargs):  # noqa: ANN002, ANN003, ANN201 - forwards to grader.notebook.check
    """Grade an exercise from inside a notebook: see `grader.notebook.check`."""
    from grader.notebook import check as notebook_check

    return notebook_check(*args, **kwargs)
