"""A submission's own helper modules beside it import in the sandbox (textbook style:
`from common.functions import softmax`), under the same bans as the file itself; a missing
one is named with what to do; nothing else in the folder is ever read."""

from __future__ import annotations

import os
from pathlib import Path

from tests.conftest import grade_json

QUICK = ("--examples", "0.34", "--no-timing")

SOFTMAX_ON_COMMON = '''\
import numpy as np
from common.functions import softmax as _softmax


def softmax(logits, axis=-1):
    return np.moveaxis(_softmax(np.moveaxis(logits, axis, -1)), -1, axis)


def log_softmax(logits, axis=-1):
    shifted = logits - np.max(logits, axis=axis, keepdims=True)
    return shifted - np.log(np.sum(np.exp(shifted), axis=axis, keepdims=True))


def softmax_cross_entropy(logits, labels):
    n = logits.shape[0]
    logp = log_softmax(logits, axis=1)
    p = np.exp(logp)
    loss = -logp[np.arange(n), labels].mean()
    p[np.arange(n), labels] -= 1
    return loss, p / n
'''

COMMON_FUNCTIONS = '''\
import numpy as np


def softmax(x):
    x = x - np.max(x, axis=-1, keepdims=True)
    return np.exp(x) / np.sum(np.exp(x), axis=-1, keepdims=True)
'''


def _scores(report: dict) -> dict:
    return {e["id"]: e["score"] for e in report["exercises"]}


def _write(folder: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def test_a_textbook_package_beside_the_file_imports(tmp_path):
    _write(tmp_path, {"softmax.py": SOFTMAX_ON_COMMON, "common/__init__.py": "",
                      "common/functions.py": COMMON_FUNCTIONS})
    report = grade_json(tmp_path / "softmax.py", *QUICK)
    assert report["score"] == report["max_score"], report


def test_a_plain_helper_module_that_imports_another_helper(tmp_path):
    """cs231n style: backprop.py imports layer_utils.py, which imports layers.py."""
    layers = ("import numpy as np\n\n\ndef affine(x, w, b):\n    return x @ w + b, (x, w)\n\n\n"
              "def affine_back(dout, cache):\n    x, w = cache\n    return dout @ w.T, x.T @ dout, dout.sum(axis=0)\n")
    layer_utils = "from layers import affine, affine_back\n"
    model = Path("tests/model_solutions/02_backprop/backprop.py").read_text()
    student = model.replace("import numpy as np\n", "import numpy as np\nfrom layer_utils import affine, affine_back\n", 1)
    student += ("\n\ndef affine_forward(x, w, b):\n    return affine(x, w, b)\n\n\n"
                "def affine_backward(dout, cache):\n    return affine_back(dout, cache)\n")
    _write(tmp_path, {"backprop.py": student, "layer_utils.py": layer_utils, "layers.py": layers})
    report = grade_json(tmp_path / "backprop.py", *QUICK)
    assert report["score"] == report["max_score"], [e for e in report["exercises"] if not e["passed"]]


def test_a_banned_library_in_a_helper_costs_the_functions_that_use_it(tmp_path):
    _write(tmp_path, {"softmax.py": SOFTMAX_ON_COMMON,
                      "common/functions.py": "from scipy.special import softmax as sp\n\n\n"
                                             "def softmax(x):\n    return sp(x, axis=-1)\n"})
    report = grade_json(tmp_path / "softmax.py", *QUICK)
    scores = _scores(report)
    assert scores["softmax"] == 0
    assert scores["log_softmax"] == 2 and scores["softmax_cross_entropy"] == 5
    message = next(c["message"] for e in report["exercises"] if e["id"] == "softmax"
                   for c in e["checks"] if c["name"] == "allowed_apis")
    assert "scipy" in message and "common/functions.py" in message


def test_a_missing_helper_says_to_hand_it_in_or_inline_it(tmp_path):
    _write(tmp_path, {"softmax.py": SOFTMAX_ON_COMMON})
    report = grade_json(tmp_path / "softmax.py", *QUICK)
    assert report["score"] == 0
    [notice] = report["notices"]
    assert "No module named 'common'" in notice
    message = report["exercises"][0]["checks"][0]["message"]
    assert "self-contained" in message and "hand in the helper" in message


def test_a_helper_linked_from_elsewhere_is_not_read(tmp_path):
    """A `common` that is a symbolic link to a folder outside (the model solutions, another
    student's work) is not a helper handed in: the import fails as if it were absent."""
    outside = tmp_path / "outside" / "common"
    _write(outside, {"__init__.py": "", "functions.py": COMMON_FUNCTIONS})
    student = tmp_path / "student"
    _write(student, {"softmax.py": SOFTMAX_ON_COMMON})
    os.symlink(outside, student / "common")
    report = grade_json(student / "softmax.py", *QUICK)
    assert report["score"] == 0 and "No module named 'common'" in report["notices"][0]
    os.unlink(student / "common")
    _write(student, {"common/__init__.py": ""})
    os.symlink(outside / "functions.py", student / "common" / "functions.py")
    report = grade_json(student / "softmax.py", *QUICK)
    assert report["score"] == 0 and "common.functions" in report["notices"][0]
