"""The assignment notebooks are made from the stub modules and cannot drift from them; the
nbgrader source notebooks carry the model solutions where nbgrader takes them out, and the
release check finds what must not be released."""

from __future__ import annotations

import importlib.util
import inspect
import json
import re
import shutil

import nbformat
import pytest
from click.testing import CliRunner

from grader.course import ASSIGNMENTS, load_assignment
from grader.stub_notebooks import (FORMULAS, build_notebook, docstring_markdown, notebook_path, read_stub,
                                   stub_notebook_text, stub_path)
from tests.conftest import ROOT, grade_json

IDS = sorted(ASSIGNMENTS)
QUICK = ("--no-timing", "--examples", "0.34")


def _stub_module(assignment_id: str):
    path = stub_path(ROOT, assignment_id)
    spec = importlib.util.spec_from_file_location(f"stub_{assignment_id}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("assignment_id", IDS)
def test_committed_notebook_is_what_its_stub_makes(assignment_id):
    committed = notebook_path(ROOT, assignment_id).read_text(encoding="utf-8")
    assert committed == stub_notebook_text(ROOT, assignment_id), (
        f"{notebook_path(ROOT, assignment_id)} differs from its stub: run `python scripts/build_notebooks.py`")


@pytest.mark.parametrize("assignment_id", IDS)
def test_stub_cells_run_as_code_define_exactly_the_stub_functions(assignment_id):
    notebook = nbformat.read(notebook_path(ROOT, assignment_id), as_version=4)
    nbformat.validate(notebook)
    namespace: dict = {}
    for cell in notebook.cells:
        if cell.cell_type == "code" and not cell.id.endswith("-check"):
            exec(compile(cell.source, f"<cell {cell.id}>", "exec"), namespace)  # noqa: S102 - our own stubs
    defined = {name: value for name, value in namespace.items()
               if inspect.isfunction(value) and value.__code__.co_filename.startswith("<cell ")}
    module = _stub_module(assignment_id)
    stubs = {name: value for name, value in vars(module).items()
             if inspect.isfunction(value) and value.__module__ == module.__name__}
    assert list(defined) == list(stubs)  # the same functions, in the same order
    for name, function in defined.items():
        assert inspect.signature(function) == inspect.signature(stubs[name]), name
        assert inspect.getdoc(function) == inspect.getdoc(stubs[name]), name
        with pytest.raises(NotImplementedError):
            function(*[None] * len([p for p in inspect.signature(function).parameters.values()
                                     if p.default is inspect.Parameter.empty]))
    assert namespace["check"].__module__ == "grader"  # `from grader import check` in the setup cell


@pytest.mark.parametrize("assignment_id", IDS)
def test_each_exercise_has_its_contract_code_and_check_cells_in_order(assignment_id):
    notebook = nbformat.read(notebook_path(ROOT, assignment_id), as_version=4)
    exercises = load_assignment(assignment_id).exercises
    expected_ids = ["intro", "setup"] + [f"{e.name}-{part}" for e in exercises
                                         for part in ("contract", "code", "check")]
    assert [cell.id for cell in notebook.cells] == expected_ids
    cells = {cell.id: cell for cell in notebook.cells}
    assert cells["intro"].source.startswith("# Assignment ")
    assert cells["setup"].source.endswith("from grader import check")
    for exercise in exercises:
        contract = cells[f"{exercise.name}-contract"]
        assert contract.cell_type == "markdown"
        assert contract.source.startswith(f"## `{exercise.name}(")
        assert f"({exercise.points:g} point" in contract.source.splitlines()[0]
        assert not re.search(r"(?<!`)``(?!`)", contract.source)  # reST code spans became Markdown ones
        assert cells[f"{exercise.name}-check"].source == f'check("{exercise.name}")'
    assert notebook.metadata.kernelspec.name == "python3"


def test_formulas_belong_to_stub_functions():
    names = {f.name for assignment_id in IDS
             for f in read_stub(stub_path(ROOT, assignment_id), assignment_id).functions}
    assert set(FORMULAS) <= names
    assert all(formula.startswith("$$") and formula.endswith("$$") for formula in FORMULAS.values())


def test_docstring_markdown_sections_code_blocks_and_bullets():
    text = ("Adds things.\n\nUpdate::\n\n    v = mu * v - lr * dw\n    w_new = w + v\n\n"
            "Args:\n    x: an array; costs $5.\n    h, w: sizes, which go on\n        over two lines.\n\n"
            "Returns:\n    ``(a, b)``:\n    * ``a``: first,\n      continued.\n    * ``b``: second.\n\n"
            "Raises:\n    ValueError: when it must.")
    assert docstring_markdown(text) == (
        "Adds things.\n\nUpdate:\n\n```\nv = mu * v - lr * dw\nw_new = w + v\n```\n\n"
        "**Args:**\n\n- `x`: an array; costs \\$5.\n- `h`, `w`: sizes, which go on over two lines.\n\n"
        "**Returns:**\n\n`(a, b)`:\n\n- `a`: first,\n  continued.\n- `b`: second.\n\n"
        "**Raises:**\n\n- `ValueError`: when it must.")


def test_notebooks_command_rebuilds_and_check_fails_on_drift(tmp_path):
    from grader.teacher import main

    folder = tmp_path / "assignments" / "05_softmax"
    folder.mkdir(parents=True)
    shutil.copy(stub_path(ROOT, "05_softmax"), folder / "softmax.py")
    runner = CliRunner()
    args = ["notebooks", "--course", str(tmp_path), "-a", "05_softmax"]
    assert runner.invoke(main, args + ["--check"]).exit_code == 1  # no notebook yet
    assert runner.invoke(main, args).exit_code == 0
    assert (folder / "softmax.ipynb").read_text() == notebook_path(ROOT, "05_softmax").read_text()
    assert runner.invoke(main, args + ["--check"]).exit_code == 0
    stub = (folder / "softmax.py").read_text().replace("Logarithm of the softmax", "Log of the softmax")
    (folder / "softmax.py").write_text(stub)
    drift = runner.invoke(main, args + ["--check"])
    assert drift.exit_code == 1 and "softmax.ipynb" in drift.output
    (folder / "softmax.py").write_text(stub + "\nSCALE = 2\n")  # a stub the notebook could not carry
    refused = runner.invoke(main, args)
    assert refused.exit_code == 1 and "only its docstring, imports and functions" in refused.output


# --- the nbgrader source notebook --------------------------------------------------------------


def _source(assignment_id: str) -> nbformat.NotebookNode:
    from grader.teacher import source_notebook

    module = ASSIGNMENTS[assignment_id][0]
    stub = read_stub(stub_path(ROOT, assignment_id), assignment_id)
    return source_notebook(stub, ROOT / "tests/model_solutions" / assignment_id / f"{module}.py")


@pytest.mark.parametrize("assignment_id", IDS)
def test_source_notebook_clears_to_the_stub_notebook_with_nbgraders_own_preprocessor(assignment_id):
    pytest.importorskip("nbgrader")
    from nbgrader.preprocessors import ClearSolutions
    from nbgrader.nbgraderformat import MetadataValidator
    from traitlets.config import Config

    source = _source(assignment_id)
    MetadataValidator().validate_nb(source)
    points = {e.name: e.points for e in load_assignment(assignment_id).exercises}
    for cell in source.cells:
        meta = cell.metadata.nbgrader
        assert meta["grade_id"] == cell.id and meta["schema_version"] == 3
        if cell.id.endswith("-check"):
            assert meta["grade"] and meta["locked"] and not meta["solution"]
            assert meta["points"] == points[cell.id[:-len("-check")]]
        elif cell.id.endswith("-code"):
            assert meta["solution"] and not meta["grade"] and not meta["locked"]
            assert "### BEGIN SOLUTION" in cell.source and "### END SOLUTION" in cell.source
        else:
            assert meta["locked"] and not meta["grade"] and not meta["solution"]
    config = Config()
    config.ClearSolutions.code_stub = {"python": "raise NotImplementedError"}
    cleared, _ = ClearSolutions(config=config).preprocess(nbformat.from_dict(json.loads(json.dumps(source))), {})
    stub = build_notebook(read_stub(stub_path(ROOT, assignment_id), assignment_id))
    assert [c.source for c in cleared.cells] == [c.source for c in stub.cells]


#: the model solutions with helper functions or imports of their own, which go inside the markers
WITH_HELPERS = ("01_activations", "04_convolution", "06_attention")


@pytest.mark.parametrize("assignment_id", WITH_HELPERS)
def test_source_notebook_with_the_model_solutions_scores_full_marks(assignment_id, tmp_path):
    """The solutions inside the markers (with the helpers and imports the model needs) work.
    (The other model solutions are their functions' bodies alone.)"""
    path = tmp_path / f"{ASSIGNMENTS[assignment_id][0]}.ipynb"
    nbformat.write(_source(assignment_id), path)
    report = grade_json(path, *QUICK)
    assert report["score"] == report["max_score"], [(e["id"], e["score"]) for e in report["exercises"]]
    assert not report["notices"]


def test_release_check_finds_solutions_markers_hidden_tests_and_extra_files(tmp_path):
    from grader.teacher import leak_lines, release_problems

    assignment_id, module = "05_softmax", "softmax"
    stub = read_stub(stub_path(ROOT, assignment_id), assignment_id)
    stub_notebook = build_notebook(stub)
    model = (ROOT / "tests/model_solutions" / assignment_id / f"{module}.py").read_text()
    secrets = leak_lines(stub_path(ROOT, assignment_id).read_text(), model)
    release = tmp_path / "release"
    release.mkdir()
    nbformat.write(stub_notebook, release / f"{module}.ipynb")
    assert release_problems(release, stub.module, stub_notebook, secrets) == []

    leaked = nbformat.from_dict(json.loads(json.dumps(stub_notebook)))
    code = next(cell for cell in leaked.cells if cell.id == "softmax-code")
    code.source = code.source.replace("raise NotImplementedError",
                                      "shifted = logits - np.max(logits, axis=axis, keepdims=True)")
    check = next(cell for cell in leaked.cells if cell.id == "log_softmax-check")
    check.metadata["nbgrader"] = {"grade": True, "grade_id": check.id, "locked": True, "points": 2,
                                  "schema_version": 3, "solution": False}
    check.source += "\n### BEGIN HIDDEN TESTS\nassert log_softmax(x).shape == x.shape\n### END HIDDEN TESTS"
    nbformat.write(leaked, release / f"{module}.ipynb")
    (release / "solutions.py").write_text(model)
    problems = "\n".join(release_problems(release, stub.module, stub_notebook, secrets))
    assert "a line of the model solution or the reference: 'shifted = logits - np.max(" in problems
    assert "'BEGIN HIDDEN TESTS'" in problems and "grade cell log_softmax-check holds more than its check" in problems
    assert "solutions.py: a file the students should not get" in problems
    assert "differs from the stub notebook's" in problems


def test_untouched_tells_a_pristine_stub_from_started_work(tmp_path):
    from grader.stub_notebooks import untouched
    from grader.submission import load_submission

    for assignment_id in IDS:
        module = ASSIGNMENTS[assignment_id][0]
        assert untouched(stub_path(ROOT, assignment_id).read_text()), assignment_id
        assert untouched(load_submission(notebook_path(ROOT, assignment_id)).source), assignment_id
        assert not untouched((ROOT / "tests/model_solutions" / assignment_id / f"{module}.py").read_text())
    notebook = nbformat.read(notebook_path(ROOT, "05_softmax"), as_version=4)
    notebook.cells.append(nbformat.v4.new_code_cell("x = softmax(np.zeros(3))"))
    nbformat.write(notebook, tmp_path / "softmax.ipynb")
    assert not untouched(load_submission(tmp_path / "softmax.ipynb").source)
