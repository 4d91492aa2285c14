"""A release in Chinese: the stubs' docstrings and the notebooks' Markdown translated (the
`course` and `teacher` catalogs), the code byte for byte the English stub's, the notebook still
grading; grade-teacher's and grade-class's `--lang` (help and click's own errors in Chinese)."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from click.testing import CliRunner

from grader import i18n
from grader.course import ASSIGNMENTS
from grader.entry import language_from_argv
from grader.stub_notebooks import (_docstring_literal, notebook_path, release_stub, stub_notebook_text, stub_path,
                                   stub_text)
from tests.conftest import ROOT, grade_json

CJK = re.compile(r"[\u4e00-\u9fff]")
ASSIGNMENT = "05_softmax"
MODULE = ASSIGNMENTS[ASSIGNMENT][0]
BIN = Path(sys.executable).parent


def _docstring_spans(source: str) -> list[tuple[int, int]]:
    """(start, end) character offsets of each docstring literal (the stubs are ASCII outside them)."""
    tree = ast.parse(source)
    starts = [0]
    for line in source.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    spans = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef)) and ast.get_docstring(node):
            literal = node.body[0].value
            line = source.splitlines(keepends=True)[literal.end_lineno - 1]
            end_col = len(line.encode()[:literal.end_col_offset].decode())
            spans.append((starts[literal.lineno - 1] + literal.col_offset, starts[literal.end_lineno - 1] + end_col))
    return sorted(spans)


def _code_only(source: str) -> str:
    """The source with every docstring literal cut out: what must not change with the language."""
    out, last = [], 0
    for start, end in _docstring_spans(source):
        out.append(source[last:start])
        last = end
    return "".join(out) + source[last:]


def _docstrings(source: str) -> list[str]:
    tree = ast.parse(source)
    return [ast.get_docstring(n) for n in ast.walk(tree)
            if isinstance(n, (ast.Module, ast.FunctionDef)) and ast.get_docstring(n)]


@pytest.fixture
def zh_release(tmp_path):
    from grader.teacher import main

    before = (stub_path(ROOT, ASSIGNMENT).read_bytes(), notebook_path(ROOT, ASSIGNMENT).read_bytes())
    done = CliRunner().invoke(main, ["notebooks", "--course", str(ROOT), "-a", ASSIGNMENT, "--lang", "zh",
                                     "--out", str(tmp_path)])
    assert done.exit_code == 0, done.output
    # the course's own (English) files are untouched
    assert (stub_path(ROOT, ASSIGNMENT).read_bytes(), notebook_path(ROOT, ASSIGNMENT).read_bytes()) == before
    return tmp_path


@pytest.mark.parametrize("assignment_id", sorted(ASSIGNMENTS))
def test_a_chinese_stub_has_the_english_code_byte_for_byte_and_chinese_docstrings(assignment_id):
    english = stub_path(ROOT, assignment_id).read_text(encoding="utf-8")
    assert stub_text(english) == english  # English: the stub itself
    with i18n.using("zh"):
        chinese = stub_text(english)
    assert _code_only(chinese) == _code_only(english)
    docstrings = _docstrings(chinese)
    assert len(docstrings) == len(_docstrings(english))
    assert all(CJK.search(d) for d in docstrings)
    for doc in docstrings:  # the sections tools read stay in English, an Args entry per line
        for header in ("Args:", "Returns:", "Raises:"):
            assert header.replace(":", "：") not in doc
    for english_doc, chinese_doc in zip(_docstrings(english), docstrings):
        assert re.findall(r"``[^`]+``", english_doc) == re.findall(r"``[^`]+``", chinese_doc) or \
            set(re.findall(r"``[^`]+``", english_doc)) == set(re.findall(r"``[^`]+``", chinese_doc))


@pytest.mark.parametrize("assignment_id", sorted(ASSIGNMENTS))
def test_a_docstring_literal_rebuilt_unchanged_is_the_same_bytes(assignment_id):
    source = stub_path(ROOT, assignment_id).read_text(encoding="utf-8")
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.Module, ast.FunctionDef)) and ast.get_docstring(node):
            literal = node.body[0].value
            raw = ast.get_source_segment(source, literal)
            assert _docstring_literal(raw, literal.value, ast.get_docstring(node)) == raw


def test_notebooks_lang_zh_writes_a_chinese_release_and_leaves_the_english_files(zh_release):
    stub = (zh_release / "assignments" / ASSIGNMENT / f"{MODULE}.py").read_text(encoding="utf-8")
    english = stub_path(ROOT, ASSIGNMENT).read_text(encoding="utf-8")
    assert _code_only(stub) == _code_only(english) and CJK.search(stub)
    notebook = nbformat.read(zh_release / "assignments" / ASSIGNMENT / f"{MODULE}.ipynb", as_version=4)
    english_notebook = nbformat.read(notebook_path(ROOT, ASSIGNMENT), as_version=4)
    assert [c.id for c in notebook.cells] == [c.id for c in english_notebook.cells]
    for cell, english_cell in zip(notebook.cells, english_notebook.cells):
        if cell.cell_type == "markdown":
            assert CJK.search(cell.source), cell.id
            # formulas and the function's signature heading are the English notebook's
            assert cell.source.splitlines()[0].split(" (")[0] == english_cell.source.splitlines()[0].split(" (")[0] \
                or cell.id == "intro"
            assert "$$" not in english_cell.source or [l for l in english_cell.source.splitlines() if "$$" in l] \
                == [l for l in cell.source.splitlines() if "$$" in l]
        elif cell.id.endswith("-code"):
            assert _code_only(cell.source) == _code_only(english_cell.source)
        else:
            assert cell.source == english_cell.source
    intro = notebook.cells[0].source
    assert intro.startswith("# 作业 05") and "**如何使用本 notebook。**" in intro and "**分值：**" in intro
    # English stays what the repository holds
    assert notebook_path(ROOT, ASSIGNMENT).read_text(encoding="utf-8") == stub_notebook_text(ROOT, ASSIGNMENT)


def test_a_translated_release_needs_out(tmp_path):
    from grader.teacher import main

    done = CliRunner().invoke(main, ["notebooks", "--course", str(ROOT), "--lang", "zh"])
    assert done.exit_code == 1 and "--out" in done.output


def test_the_chinese_notebook_with_the_model_solution_scores_full_marks(tmp_path):
    from grader.teacher import source_notebook

    with i18n.using("zh"):
        stub = release_stub(ROOT, ASSIGNMENT)
        notebook = source_notebook(stub, ROOT / "tests/model_solutions" / ASSIGNMENT / f"{MODULE}.py")
    assert CJK.search(notebook.cells[0].source)
    path = tmp_path / f"{MODULE}.ipynb"
    nbformat.write(notebook, path)
    report = grade_json(path, "--no-timing", "--examples", "0.34")
    assert report["score"] == report["max_score"], [(e["id"], e["score"]) for e in report["exercises"]]


def _run(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {"PATH": str(BIN), "HOME": str(ROOT), "LANG": "C.UTF-8", **env}
    return subprocess.run([str(BIN / args[0]), *args[1:]], capture_output=True, text=True, env=environment,
                          timeout=120)


def test_grade_teacher_lang_zh_help_is_chinese():
    done = _run("grade-teacher", "--lang", "zh", "--help")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("用法：") and "教学人员工具" in done.stdout and "显示此帮助并退出。" in done.stdout
    assert "提示信息的语言" in done.stdout  # --lang's own help, made before click parsed it
    english = _run("grade-teacher", "--help")
    assert english.stdout.startswith("Usage:") and not CJK.search(english.stdout)


def test_grade_class_takes_its_language_from_the_environment_or_lang():
    assert "为全班评分" in _run("grade-class", "--help", LANG="zh_CN.UTF-8").stdout
    assert "为全班评分" in _run("grade-class", "--lang=zh", "--help").stdout
    assert _run("grade-class", "--lang", "en", "--help", LANG="zh_CN.UTF-8").stdout.startswith("Usage:")


def test_a_click_usage_error_in_chinese():
    done = _run("grade-teacher", "--lang", "zh", "notebooks", "--bogus")
    assert done.returncode == 2
    assert "错误：没有选项 '--bogus'。" in done.stderr and "用法：" in done.stderr
    missing = _run("grade-class", "--lang", "zh")
    assert missing.returncode == 2 and "缺少参数" in missing.stderr


def test_language_from_argv():
    assert language_from_argv(["--lang", "zh", "notebooks"]) == "zh"
    assert language_from_argv(["--lang=zh"]) == "zh"
    assert language_from_argv(["--lang", "fr"]) is None
    assert language_from_argv(["notebooks", "--lang", "zh"], stop_at_command=True) is None  # the release's
    assert language_from_argv(["folder", "--lang", "zh"]) == "zh"
