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


RELATIVE_MAIN = '''\
import numpy as np
from common import shift
import utils


def softmax(logits, axis=-1):
    e = np.exp(shift(logits, axis))
    return e / e.sum(axis=axis, keepdims=True)


def log_softmax(logits, axis=-1):
    z = shift(logits, axis)
    return z - np.log(np.exp(z).sum(axis=axis, keepdims=True))


def softmax_cross_entropy(logits, labels):
    return utils.ce(logits, labels, log_softmax)
'''

UTILS = '''\
import numpy as np


def ce(logits, labels, log_softmax):
    n = logits.shape[0]
    lp = log_softmax(logits, axis=1)
    p = np.exp(lp)
    p[np.arange(n), labels] -= 1
    return -lp[np.arange(n), labels].mean(), p / n


def check_against_scipy(x):  # the student's own test helper: unused by the graded functions
    from scipy.special import softmax
    return softmax(x)
'''


def test_relative_imports_in_a_helper_package_and_unused_banned_helpers(tmp_path):
    """`from .util import shift` inside common/__init__.py works; a scipy call in a helper
    function the graded code never uses costs nothing."""
    _write(tmp_path, {"softmax.py": RELATIVE_MAIN, "utils.py": UTILS,
                      "common/__init__.py": "from .util import shift\n",
                      "common/util.py": "import numpy as np\n\n\ndef shift(x, axis=-1):\n"
                                        "    return x - np.max(x, axis=axis, keepdims=True)\n"})
    report = grade_json(tmp_path / "softmax.py", *QUICK)
    assert report["score"] == report["max_score"], report


def test_banned_code_reexported_through_a_chain_of_helpers_is_found(tmp_path):
    chain = {f"h{i}.py": f"from h{i + 1} import sp\n" for i in range(1, 5)}
    chain["h5.py"] = "from scipy.special import softmax as sp\n"
    _write(tmp_path, {**chain, "softmax.py": "from h1 import sp as softmax\nimport numpy as np\n\n\n"
                                             "def log_softmax(logits, axis=-1):\n"
                                             "    z = logits - logits.max(axis=axis, keepdims=True)\n"
                                             "    return z - np.log(np.exp(z).sum(axis=axis, keepdims=True))\n"})
    report = grade_json(tmp_path / "softmax.py", *QUICK)
    softmax = next(e for e in report["exercises"] if e["id"] == "softmax")
    allowed = next(c for c in softmax["checks"] if c["name"] == "allowed_apis")
    assert softmax["score"] == 0 and not allowed["passed"] and "scipy" in allowed["message"]
    assert _scores(report)["log_softmax"] == 2


def test_a_module_file_wins_over_a_data_folder_of_the_same_name(tmp_path):
    _write(tmp_path, {"softmax.py": SOFTMAX_ON_COMMON.replace("from common.functions import", "from common import"),
                      "common.py": COMMON_FUNCTIONS, "common/data.txt": "a folder of data, not a package"})
    report = grade_json(tmp_path / "softmax.py", *QUICK)
    assert report["score"] == report["max_score"], report


def test_in_class_grading_a_file_handed_in_alone_imports_no_classmate(tmp_path):
    """alice.py imports bob.py from the class folder: bob's file is not alice's helper."""
    import subprocess
    import sys

    from tests.conftest import ROOT

    model = Path("tests/model_solutions/05_softmax/softmax.py").read_text()
    _write(tmp_path, {"bob.py": model, "alice.py": "from bob import softmax, log_softmax, softmax_cross_entropy\n"})
    done = subprocess.run([sys.executable, "-c", "from grader.cli import class_main; class_main()", str(tmp_path),
                           "--assignment", "05_softmax", "--seed", "0", "--no-timing"],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert done.returncode == 0, done.stderr
    rows = {line.split(",")[0]: line for line in done.stdout.splitlines()[1:]}
    assert ",10," in rows["bob"] or ",10.0," in rows["bob"], rows["bob"]
    assert "No module named 'bob'" in rows["alice"], rows["alice"]
