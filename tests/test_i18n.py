"""Chinese as well as English: the catalogs translate every message the code can emit, the
language is chosen as people expect, and messages are made so that they can be translated."""

from __future__ import annotations

from pathlib import Path

import pytest

from grader import catalogs, i18n
from grader.i18n import _, language_from_environment, normalise, using


@pytest.mark.parametrize("domain", catalogs.ALL_DOMAINS)
def test_every_message_has_a_current_chinese_translation(domain: str) -> None:
    """Every message id extracted from the sources has a zh translation (not fuzzy, not empty),
    with the same placeholders; the .po holds no message the sources lost; the .mo is compiled
    from the .po as it is."""
    problems = catalogs.problems(domain)
    assert not problems, "\n".join(map(str, problems[:40])) + f"\n({len(problems)} problems; " \
                                                           "run `python scripts/i18n.py update` and translate)"


def test_messages_are_written_so_they_can_be_extracted() -> None:
    """`_(f"...")`, `_("..." % x)`, `_("...".format(x))` cannot be looked up in a catalog."""
    bad = [place for path in sorted(Path(catalogs.ROOT, "grader").rglob("*.py"))
           for place in catalogs.unextractable_calls(path)]
    assert bad == []


@pytest.mark.parametrize(("environ", "language"), [
    ({}, "en"),
    ({"LANG": "zh_CN.UTF-8"}, "zh"),
    ({"LANG": "en_US.UTF-8", "LANGUAGE": "zh_CN:en"}, "zh"),
    ({"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}, "en"),
    ({"LC_ALL": "zh_TW.UTF-8"}, "zh"),
    ({"LANG": "fr_FR.UTF-8"}, "en"),
    ({"LANGUAGE": "fr:zh", "LANG": "en_US"}, "zh"),
])
def test_language_from_the_environment(environ: dict, language: str) -> None:
    assert language_from_environment(environ) == language


def test_names_of_languages() -> None:
    assert [normalise(n) for n in ("zh", "zh-CN", "ZH_cn.utf8", "en_GB", "POSIX", "de")] == \
        ["zh", "zh", "zh", "en", "en", None]


def test_english_is_as_written_and_the_language_is_restored() -> None:
    assert i18n.current() == "en"
    assert _("Show this message and exit.") == "Show this message and exit."
    with using("zh"):
        assert i18n.current() == "zh"
        assert _("Show this message and exit.") != "Show this message and exit."
    assert i18n.current() == "en"
    with pytest.raises(ValueError):
        i18n.use("fr")


# ------------------------------------------------------------------ students' files and reports

import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
import re  # noqa: E402
import subprocess  # noqa: E402

from tests.conftest import GRADE, ROOT, grade_json  # noqa: E402

CJK = re.compile(r"[\u4e00-\u9fff]")
SOFTMAX_MODEL = ROOT / "tests" / "model_solutions" / "05_softmax" / "softmax.py"


def test_a_file_saved_in_gbk_is_read_and_a_correct_solution_scores_full_marks(tmp_path: Path) -> None:
    """What a Chinese Windows editor saves (GBK, with Chinese comments) is graded, not refused."""
    text = "# 我的作业：softmax 与交叉熵（保存为 GBK）\n" + SOFTMAX_MODEL.read_text(encoding="utf-8")
    path = tmp_path / "softmax.py"
    path.write_bytes(text.encode("gbk"))
    report = grade_json(path, "--no-timing")  # (the encoding is the point, not the machine's load)
    assert report["score"] == report["max_score"]
    assert any("GBK" in notice for notice in report["notices"])


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_a_file_with_a_byte_order_mark_is_read(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "softmax.py"
    path.write_bytes(("# 注释\n" + SOFTMAX_MODEL.read_text(encoding="utf-8")).encode(encoding))
    report = grade_json(path, "--no-timing")
    assert report["score"] == report["max_score"]


def _run(*arguments: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(GRADE + list(arguments), capture_output=True, text=True, cwd=ROOT, timeout=600,
                          env={**os.environ, **(env or {})})


def test_a_buggy_submission_in_chinese_has_the_same_scores_and_a_chinese_report() -> None:
    """`--lang zh` changes the words, never the verdict: the same scores and check ids as in
    English; every line of the text report that explains a failure has Chinese in it."""
    buggy = ROOT / "tests" / "variants" / "05_softmax" / "buggy" / "sce_loss_summed.py"
    english = grade_json(buggy, "--assignment", "05_softmax", "--no-timing", "--lang", "en")
    chinese = grade_json(buggy, "--assignment", "05_softmax", "--no-timing", "--lang", "zh")

    def verdicts(report: dict) -> list:
        return [(e["id"], e["score"], [(c["name"], c["passed"], c["score"]) for c in e["checks"]])
                for e in report["exercises"]]

    assert verdicts(chinese) == verdicts(english)
    assert english["score"] < english["max_score"]
    failed = [c["message"] for e in chinese["exercises"] for c in e["checks"] if not c["passed"]]
    assert failed and all(CJK.search(m) for m in failed), failed

    text = _run(str(buggy), "--assignment", "05_softmax", "--no-timing", "--seed", "0", env={"LANG": "zh_CN.UTF-8",
                                                                                           "LANGUAGE": ""})
    assert text.returncode == 0, text.stderr
    lines = [line.strip() for line in text.stdout.splitlines() if line.startswith("      ")]
    explained = [line for line in lines if not line.startswith(("softmax_cross_entropy(", "np."))]
    assert explained and all(CJK.search(line) for line in explained), "\n".join(
        line for line in explained if not CJK.search(line))


def test_errors_about_files_are_in_the_language_asked_for(tmp_path: Path) -> None:
    missing = tmp_path / "nothing.py"
    assert "no such file" in _run(str(missing), "--lang", "en").stderr
    assert "不存在" in _run(str(missing), "--lang", "zh").stderr
    assert "不存在" in _run(str(missing), env={"LANGUAGE": "", "LC_ALL": "zh_CN.UTF-8"}).stderr


def test_grade_help_is_translated() -> None:
    done = _run("--lang", "zh", "--help")
    assert done.returncode == 0
    assert "给 PATH 评分" in done.stdout and "用法" in done.stdout


def test_check_in_a_notebook_speaks_the_language_asked_for(tmp_path: Path) -> None:
    script = tmp_path / "softmax.py"
    script.write_text(SOFTMAX_MODEL.read_text(encoding="utf-8").replace(
        "def softmax(", "def _unused(", 1) + "\n\nif __name__ == '__main__':\n    from grader import check\n"
        "    report = check('softmax', timing=False, lang='zh')\n    print('SCORE', report.score)\n",
        encoding="utf-8")
    done = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, cwd=tmp_path, timeout=600,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert "SCORE 0.0" in done.stdout, done.stdout + done.stderr
    assert CJK.search(done.stdout.split("SCORE")[0]), done.stdout


def test_no_function_hides_the_translator_behind_a_throwaway_variable() -> None:
    """`a, _ = f()` in a function makes `_` local to all of it: its `_("...")` calls would raise
    UnboundLocalError (comprehensions have their own scope and are fine)."""
    import ast

    def own_nodes(function: ast.AST):
        stack = list(ast.iter_child_nodes(function))
        while stack:
            node = stack.pop()
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ListComp, ast.SetComp,
                                 ast.DictComp, ast.GeneratorExp)):
                continue
            yield node
            stack.extend(ast.iter_child_nodes(node))

    bad = []
    for path in sorted(Path(catalogs.ROOT, "grader").rglob("*.py")):
        for function in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                nodes = list(own_nodes(function))
                assigns = any(isinstance(n, ast.Name) and n.id == "_" and isinstance(n.ctx, ast.Store) for n in nodes)
                calls = any(isinstance(n, ast.Call) and isinstance(n.func, ast.Name) and n.func.id == "_"
                            for n in ast.walk(function))
                if assigns and calls:
                    bad.append(f"{path.name}:{function.lineno} {function.name}")
    assert bad == []


def test_a_class_graded_in_parallel_gets_its_reports_in_the_class_s_language(tmp_path: Path) -> None:
    """Red team, 2026-12-04: pool processes started in English whatever `--lang` said."""
    from tests.test_class_batch import GRADE_CLASS

    model = SOFTMAX_MODEL.read_text(encoding="utf-8")
    for student in ("ann", "ben"):
        (tmp_path / "class" / student).mkdir(parents=True)
        (tmp_path / "class" / student / "softmax.py").write_text(
            model + "\n\ndef softmax(logits, axis=-1):\n    e = np.exp(logits)\n    return e / e.sum(axis=axis, "
                    "keepdims=True)\n", encoding="utf-8")
    done = subprocess.run(GRADE_CLASS + [str(tmp_path / "class"), "--assignment", "05_softmax", "--no-timing",
                                         "--examples", "0.2", "--seed", "5", "--jobs", "2", "--lang", "zh",
                                         "--reports", str(tmp_path / "reports")],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    for student in ("ann", "ben"):
        report = json.loads((tmp_path / "reports" / f"{student}.json").read_text(encoding="utf-8"))
        failed = [c["message"] for e in report["exercises"] for c in e["checks"] if not c["passed"]]
        assert failed and all(CJK.search(m) for m in failed), failed
