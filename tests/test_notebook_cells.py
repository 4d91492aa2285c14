"""Notebooks are graded as Jupyter runs them: code cells in order, a cell that raises is
reported by its number and costs only what depends on it, IPython syntax runs no shell
command, and line numbers name the cell."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from tests.conftest import grade_json

QUICK = ("--examples", "0.34", "--no-timing")


def _notebook(path: Path, cells: list[str]) -> Path:
    notebook = new_notebook()
    notebook.cells = [new_markdown_cell("# Assignment")] + [new_code_cell(code) for code in cells]
    nbformat.write(notebook, path)
    return path


def _scores(report: dict) -> dict:
    return {e["id"]: e["score"] for e in report["exercises"]}


def test_failing_cells_cost_nothing_they_do_not_define(tmp_path):
    marker = tmp_path / "shell_ran"
    path = _notebook(tmp_path / "softmax.ipynb", [
        "import numpy as np\n%matplotlib inline",
        "def softmax(logits, axis=-1):\n    z = logits - logits.max(axis=axis, keepdims=True)\n"
        "    e = np.exp(z)\n    return e / e.sum(axis=axis, keepdims=True)",
        f"%%bash\ntouch {marker}",
        f"files = !touch {marker}\nprint(len(files))",
        "x = np.random.randn(3, 4)\n%timeit softmax(x)\n%time y = softmax(x)\nprint(y.sum())",
        "print(undefined_name)  # a stale test cell",
        "def log_softmax(logits, axis=-1)\n    return 0",  # a syntax error, fixed in the next cell
        "def log_softmax(logits, axis=-1):\n    z = logits - logits.max(axis=axis, keepdims=True)\n"
        "    return z - np.log(np.exp(z).sum(axis=axis, keepdims=True))",
        "%%time\ndef softmax_cross_entropy(logits, labels):\n    n = logits.shape[0]\n"
        "    lp = log_softmax(logits, axis=1)\n    p = np.exp(lp)\n    loss = -lp[np.arange(n), labels].mean()\n"
        "    p[np.arange(n), labels] -= 1\n    return loss, p / n",
        "assert False, 'my own test'",
    ])
    report = grade_json(path, *QUICK)
    assert report["score"] == report["max_score"], report
    notices = report["notices"]
    assert [n.split(" raised")[0] for n in notices] == ["cell 7", "cell 8", "cell 11"], notices
    assert "NameError" in notices[0] and "SyntaxError" in notices[1] and "my own test" in notices[2]
    assert not marker.exists()  # no shell command ran


def test_a_cell_that_raises_midway_keeps_what_it_defined_before(tmp_path):
    """The student's check inside the cell has a typo: sigmoid (defined first) counts, the
    sigmoid_backward defined after the failing line does not exist, the rest is graded."""
    model = Path("tests/model_solutions/01_activations/activations.py").read_text()
    path = _notebook(tmp_path / "activations.ipynb", [
        model,
        "def sigmoid(x):\n    return np.exp(-np.logaddexp(0, -x))\n\nprint(sigmoid(np.array([0.0])) == 0.5)\n"
        "print(sigmod(np.array([1.0])))\n\ndef sigmoid_backward(dout, x):\n    return dout\n",
    ])
    report = grade_json(path, *QUICK)
    scores = _scores(report)
    assert scores["sigmoid"] == 2 and scores["relu"] == 1 and scores["tanh"] == 1
    assert scores["sigmoid_backward"] == 2  # the model's, since the cell stopped before redefining it
    assert any(n.startswith("cell 3 raised NameError") and "sigmod" in n for n in report["notices"])


def test_errors_inside_functions_name_the_cell_and_its_line(tmp_path):
    path = _notebook(tmp_path / "softmax.ipynb", [
        "import numpy as np",
        "def softmax(logits, axis=-1):\n    z = logits - logits.max(axis=axis, keepdims=True)\n"
        "    return np.exp(z) / np.exp(z).sum(axis=axis, keepdims=True)",
        "def log_softmax(logits, axis=-1):\n    raise RuntimeError('half done')",
    ])
    report = grade_json(path, *QUICK)
    log_softmax = next(e for e in report["exercises"] if e["id"] == "log_softmax")
    messages = " ".join(c["message"] for c in log_softmax["checks"])
    assert "cell 4, line 2, in log_softmax" in messages, messages
    assert _scores(report)["softmax"] == 3


NAIVE_SIGMOID = "import numpy as np\n\ndef sigmoid(x):\n    return 1 / (1 + np.exp(-x))"


def _exercise(report: dict, name: str) -> dict:
    return next(e for e in report["exercises"] if e["id"] == name)


def test_a_flood_of_magic_lines_is_read_in_linear_time(tmp_path):
    """Red team: 30,000 `%ls` lines in one cell once stalled the grader's own process."""
    path = _notebook(tmp_path / "softmax.ipynb", [
        "import numpy as np\ndef softmax(logits, axis=-1):\n    z = logits - logits.max(axis=axis, keepdims=True)\n"
        "    return np.exp(z) / np.exp(z).sum(axis=axis, keepdims=True)",
        "\n".join(["%ls", "x = !ls", "np.sum?"] * 10_000)])
    assert _scores(grade_json(path, *QUICK))["softmax"] == 3


def test_magics_never_run_as_code_even_with_get_ipython_rebound(tmp_path):
    """Red team: a notebook that rebinds get_ipython to exec its argument and then writes
    Python after `!` (to switch off the worker's warning recording) gains nothing."""
    path = _notebook(tmp_path / "activations.ipynb", [
        NAIVE_SIGMOID,
        "class _Sh:\n    def system(self, c):\n        exec(c, globals())\n"
        "def get_ipython():\n    return _Sh()",
        "!import sys, contextlib; sys.modules['grader.sandbox.worker']._ERRSTATE = lambda **k: contextlib.nullcontext()",
    ])
    sigmoid = _exercise(grade_json(path, "--assignment", "01_activations", *QUICK), "sigmoid")
    assert sigmoid["score"] < sigmoid["max_score"]  # the overflow is still seen, or the exec is banned


def test_getattr_on_sys_modules_at_top_level_is_tampering(tmp_path):
    path = tmp_path / "activations.py"
    path.write_text("import sys, contextlib\n"
                    "getattr(sys, 'modules')['grader.sandbox.worker']._ERRSTATE = lambda **k: contextlib.nullcontext()\n"
                    + NAIVE_SIGMOID + "\n")
    sigmoid = _exercise(grade_json(path, *QUICK), "sigmoid")
    allowed = next(c for c in sigmoid["checks"] if c["name"] == "allowed_apis")
    assert sigmoid["score"] == 0 and "sys.modules" in allowed["message"]


def test_a_check_call_never_unwraps_code_jupyter_reads_as_a_string(tmp_path):
    path = _notebook(tmp_path / "activations.ipynb", [
        "import numpy as np\ndef relu(x):\n    return x",
        'check("relu"); _notes = """\ndef relu(x):\n    return np.maximum(x, 0)\n#"""',
    ])
    assert _scores(grade_json(path, "--assignment", "01_activations", *QUICK))["relu"] == 0


def test_code_jupyter_does_not_keep_is_not_graded(tmp_path):
    """A `%%timeit` cell's definitions do not persist in the kernel; `%time` inside a function
    body is not a statement there."""
    path = _notebook(tmp_path / "activations.ipynb", [
        "import numpy as np",
        "%%timeit -n1\ndef relu(x):\n    return np.maximum(x, 0)",
        "def tanh(x):\n    %time return np.tanh(x)",
    ])
    scores = _scores(grade_json(path, "--assignment", "01_activations", *QUICK))
    assert scores["relu"] == 0 and scores["tanh"] == 0


def test_a_notebook_whose_only_cell_does_not_parse_says_so(tmp_path):
    path = _notebook(tmp_path / "softmax.ipynb", ["def softmax(logits, axis=-1)\n    return logits"])
    report = grade_json(path, *QUICK)
    assert report["score"] == 0
    assert "line 1" in report["notices"][0] and "empty" not in report["notices"][0], report["notices"]


def test_a_cell_too_deep_to_parse_is_not_run(tmp_path):
    """Red team: a cell the analysis cannot parse (nested too deeply) once ran unanalysed."""
    path = _notebook(tmp_path / "activations.ipynb", [
        "import numpy as np",
        "_pad = " + "-" * 2950 + "1\ndef sigmoid(x):\n    return __import__('numpy').exp(-np.logaddexp(0, -x))",
    ])
    report = grade_json(path, "--assignment", "01_activations", *QUICK)
    assert _scores(report)["sigmoid"] == 0
    assert any("cell 3" in n and "not run" in n for n in report["notices"]), report["notices"]
