"""The engine's messages in Chinese: the same buggy submissions graded in English and in Chinese
get the same scores and check ids; every Chinese failure is Chinese (no English framing), and
the English run says what the submissions' `expect:` lines say."""

from __future__ import annotations

import re

import pytest

from grader import i18n
from tests.submissions import grade_in_process, problems, variants

#: a wrong result, an unstable formula, a banned library, a too-slow loop
CHOSEN = ("variants/01_activations/buggy/numgrad_forward_difference.py",
          "variants/01_activations/buggy/sigmoid_naive_overflow.py",
          "variants/01_activations/banned/scipy_expit_sigmoid.py",
          "variants/05_softmax/slow/sce_row_loop.py")
CJK = re.compile(r"[\u4e00-\u9fff]")
ENGLISH_FRAMING = ("wrong result", "smallest failing call", "not run", "too slow", "expected ", "Hint:")


def _submission(name: str):
    return next(s for s in variants() if s.id == name)


def _checks(report: dict) -> list[tuple[str, str, bool, float]]:
    return [(e["id"], c["name"], c["passed"], c["score"]) for r in report["results"] for e in r["exercises"]
            for c in e["checks"]] if "results" in report else \
        [(e["id"], c["name"], c["passed"], c["score"]) for e in report["exercises"] for c in e["checks"]]


def _failures(report: dict) -> list[str]:
    exercises = [e for r in report["results"] for e in r["exercises"]] if "results" in report else report["exercises"]
    return [c["message"] for e in exercises for c in e["checks"] if not c["passed"]]


def _timing_free(checks: list) -> list:
    """Timing's verdict, not its wording, may differ from one run to the next on a busy machine."""
    return [c for c in checks if c[1] != "timing"]


@pytest.mark.parametrize("name", CHOSEN, ids=[n.rsplit("/", 1)[1] for n in CHOSEN])
def test_same_grade_in_english_and_chinese_and_chinese_messages(name: str, tmp_path) -> None:
    submission = _submission(name)
    with i18n.using("en"):
        english = grade_in_process(submission, tmp_path / "en")
    with i18n.using("zh"):
        chinese = grade_in_process(submission, tmp_path / "zh")
    assert problems(submission, english) == []  # English says what it said before
    en_checks, zh_checks = _checks(english), _checks(chinese)
    assert [c[:2] for c in en_checks] == [c[:2] for c in zh_checks]
    assert _timing_free(en_checks) == _timing_free(zh_checks)
    messages = _failures(chinese)
    assert messages
    for message in messages:
        assert CJK.search(message), message
        for words in ENGLISH_FRAMING:
            assert words.lower() not in message.lower(), message


def test_the_framing_of_a_failure_in_chinese() -> None:
    from grader.results import Failure

    failure = Failure("x", call="f(1)", expected="1", got="2", hint="h")
    assert failure.one_line() == "x | Smallest failing call: f(1) | expected 1, got 2 | Hint: h"
    with i18n.using("zh"):
        assert failure.one_line() == "x | 最小失败调用：f(1) | 期望 1，实际得到 2 | 提示：h"


def test_student_text_in_a_message_is_never_a_format_string() -> None:
    """A student's own exception text with braces goes into a message as it is."""
    from grader.checks import Case, error_failure
    from grader.sandbox.host import CallResult

    error = {"type": "ValueError", "message": "bad {x} }{", "where": "line 3, in f: raise ValueError('{')",
             "not_implemented": False}
    for language in ("en", "zh"):
        with i18n.using(language):
            failure = error_failure(CallResult(error=error), Case((1,)), "f")
        assert "bad {x} }{" in failure.summary and "raise ValueError('{')" in failure.summary
    with i18n.using("zh"):
        assert "第 3 行，f 中" in error_failure(CallResult(error=error), Case((1,)), "f").summary


def test_mismatch_summaries_in_both_languages() -> None:
    import numpy as np

    from grader.compare import compare

    expected = np.array([1.0, 2.0, 3.0])
    got = np.array([1.0, 2.0, 4.0])
    assert compare(expected, got, "float64").summary() == \
        "1 of 3 values differ: worst at index (2,) expected 3, got 4 (relative error 0.33333333)"
    with i18n.using("zh"):
        assert compare(expected, got, "float64").summary() == \
            "3 个值中有 1 个不一致：偏差最大处（索引 (2,)）期望 3，实际得到 4（相对误差 0.33333333）"
        assert "形状是 (2,)，期望 (3,)" in compare(expected, np.ones(2), "float64").summary()


def test_ban_reasons_keep_their_meaning_in_chinese() -> None:
    """Tampering found through a helper is tampering in any language (not found by its words)."""
    from grader.analysis import analyse
    from grader.spec import BannedPolicy

    source = "def _setup():\n    exec('1')\n\n_setup()\n\ndef f(x):\n    return x\n"
    for language in ("en", "zh"):
        with i18n.using(language):
            report = analyse(source, BannedPolicy())
        assert report.tampering and set(report.banned_uses) == {"_setup", "f"}
    with i18n.using("zh"):
        assert CJK.search(analyse(source, BannedPolicy()).banned_uses["f"])
