"""A grader for deep-learning course assignments.

Kept import-light on purpose: the sandbox's zygote imports `grader.sandbox` before it
isolates itself, and must not pull in torch, the reference or the checks.
"""

__version__ = "0.1.0"


def check(*args, **kwargs):  # noqa: ANN002, ANN003, ANN201 - forwards to grader.notebook.check
    """Grade an exercise from inside a notebook: see `grader.notebook.check`."""
    from grader.notebook import check as notebook_check

    return notebook_check(*args, **kwargs)
