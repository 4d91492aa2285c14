"""Rebuild assignments/<id>/<module>.ipynb from the stub modules (`--check`: only compare).

    python scripts/build_notebooks.py [--check] [-a 05_softmax ...]

The same as `grade-teacher notebooks`; tests/test_notebooks.py fails when a committed notebook
differs from what its stub makes.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from grader.teacher import main  # noqa: E402 - after the path, for a checkout that is not installed

if __name__ == "__main__":
    main(["notebooks", "--course", str(Path(__file__).resolve().parent.parent), *sys.argv[1:]])
