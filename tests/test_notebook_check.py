"""`check(...)` inside a notebook: the same checks as `grade` on the cells run so far, a result
whose plain text is the score (nbgrader's partial credit for grade cells), nothing on stderr;
and a notebook's own `from grader import check` / `check(...)` cells cost nothing when the
handed-in notebook is graded."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

from tests.conftest import ROOT, grade_json

CELLS = [
    "import numpy as np",
    "def softmax(logits, axis=-1):\n    z = logits - logits.max(axis=axis, keepdims=True)\n"
    "    e = np.exp(z)\n    return e / e.sum(axis=axis, keepdims=True)",
    "def log_softmax(logits, axis=-1):\n    return np.log(softmax(logits, axis))",  # unstable
    "from grader import check",
]

KERNEL = textwrap.dedent("""
    import json, sys
    from IPython.testing.globalipapp import start_ipython
    from IPython.utils.capture import capture_output
    cells = json.loads(sys.argv[1])
    ip = start_ipython()
    for cell in cells:
        ip.run_cell(cell, store_history=True)
    out = {}
    for name in ("softmax", "log_softmax"):
        with capture_output() as captured:
            result = ip.run_cell(f"check({name!r}, timing=False)", store_history=True)
        out[name] = {"plain": repr(result.result), "html": result.result._repr_html_(),
                     "stderr": captured.stderr, "error": repr(result.error_in_exec)}
    print(json.dumps(out))
""")


def test_check_in_a_kernel_scores_what_the_cells_define(tmp_path):
    import json

    done = subprocess.run([sys.executable, "-c", KERNEL, json.dumps(CELLS)], capture_output=True, text=True,
                          cwd=tmp_path, timeout=300)
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout.strip().splitlines()[-1])
    assert out["softmax"]["plain"] == "3" and out["softmax"]["error"] == "None"
    partial = float(out["log_softmax"]["plain"])
    assert 0 < partial < 2  # values right, stability wrong: partial credit, as nbgrader reads it
    assert "log(0)" in out["log_softmax"]["html"] or "divide by zero" in out["log_softmax"]["html"]
    assert out["softmax"]["stderr"] == "" and out["log_softmax"]["stderr"] == ""

    from nbgrader.utils import determine_grade

    cell = new_code_cell("check('log_softmax')")
    cell.metadata["nbgrader"] = {"grade": True, "solution": False, "points": 2, "grade_id": "t", "locked": True}
    cell.outputs = [nbformat.v4.new_output("execute_result", data={"text/plain": out["log_softmax"]["plain"]},
                                           execution_count=1)]
    assert determine_grade(cell) == (partial, 2.0)


def test_check_in_a_script_prints_the_report(tmp_path):
    script = tmp_path / "work.py"
    script.write_text(CELLS[0] + "\n\n" + CELLS[1] + "\n\n" + CELLS[3] + "\nresult = check('softmax', timing=False)\n"
                      "print('SCORE', repr(result))\n")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "softmax" in done.stdout and "SCORE 3" in done.stdout
    assert done.stderr == ""


def test_check_cells_cost_nothing_when_the_notebook_is_graded(tmp_path):
    notebook = new_notebook()
    notebook.cells = [new_code_cell(code) for code in CELLS[:2] + [
        "def log_softmax(logits, axis=-1):\n    z = logits - logits.max(axis=axis, keepdims=True)\n"
        "    return z - np.log(np.exp(z).sum(axis=axis, keepdims=True))",
        "from grader import check\ncheck('softmax')", "check('log_softmax')  # my check"]]
    path = tmp_path / "softmax.ipynb"
    nbformat.write(notebook, path)
    report = grade_json(path, "--examples", "0.34", "--no-timing")
    scores = {e["id"]: e["score"] for e in report["exercises"]}
    assert scores["softmax"] == 3 and scores["log_softmax"] == 2 and report["notices"] == []
