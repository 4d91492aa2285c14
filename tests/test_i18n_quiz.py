"""The quiz in Chinese: the bank's texts and the grader's quiz messages come out translated, while
what is machine-readable (question ids, scores, answer letters, the answers file's keys, the
notebook's code and cell ids) stays the same in every language."""

from __future__ import annotations

import io
import re
import tomllib

import pytest
from rich.console import Console

from grader import catalogs, i18n
from grader.quiz.answers import answers_file
from grader.quiz.bank import load_bank
from grader.quiz.grading import grade_text
from grader.quiz.interactive import run_quiz
from grader.quiz.kinds import ChoiceQuestion, MultipleChoice, NumericQuestion, ParametrizedQuestion, SingleChoice
from grader.quiz.notebook import quiz_notebook, quiz_notebook_text, show
from tests.conftest import ROOT

BANK = load_bank()
QUESTIONS = {q.id: q for q in BANK.questions}
STUDENT = "alice"
CJK = re.compile(r"[\u4e00-\u9fff]")
#: the English of the quiz's own feedback, none of which a Chinese report may hold
ENGLISH_FEEDBACK = ("wrong choice", "wrong value", "right choices picked", "not answered", "that is what you get",
                    "unreadable answer", "is not a number", "correct.", "the answer and its explanation",
                    "is not a question of this quiz")


def _first(kind: type, skip: int = 0):
    return [q for q in BANK.questions if type(q) is kind][skip]


def _wrong_letter(question: ChoiceQuestion) -> str:
    return next(letter for letter in question.labels if letter not in question.key)


def _answers() -> tuple[str, dict[str, str]]:
    """A realistic answers file (alice's, as `grade quiz-answers` writes it): most answers right,
    some wrong in each way a student gets them wrong; and which question is wrong how."""
    values = {}
    for question in BANK.questions:
        if isinstance(question, SingleChoice):
            values[question.id] = min(question.key)
        elif isinstance(question, MultipleChoice):
            values[question.id] = sorted(question.key)
        else:
            values[question.id] = question.key_value(question.variant(STUDENT, BANK.quiz_id))
    single, multiple = _first(SingleChoice), next(q for q in BANK.questions if isinstance(q, MultipleChoice)
                                                   and len(q.key) >= 2)
    numeric = _first(NumericQuestion)
    mistaken = _first(ParametrizedQuestion)
    unread, blank = _first(SingleChoice, 1), _first(ParametrizedQuestion, 1)
    values[single.id] = _wrong_letter(single)
    values[multiple.id] = sorted(multiple.key)[1:]  # one right choice missed
    values[numeric.id] = numeric.answer * 3 + 1
    variant = mistaken.variant(STUDENT, BANK.quiz_id)
    values[mistaken.id] = mistaken.known_mistakes(variant)[0][0]
    del values[blank.id]
    text = answers_file(BANK, STUDENT, values)
    text = re.sub(rf'(?m)^{unread.id} = .*$', f"{unread.id} = 1,5", text)  # a decimal comma: not TOML
    wrong = {single.id: "choice", multiple.id: "partial", numeric.id: "value", mistaken.id: "mistake",
             unread.id: "unreadable", blank.id: "blank"}
    return text, wrong


def _grade(language: str, text: str):
    with i18n.using(language):
        return grade_text(BANK, text)


def test_grading_in_chinese_gives_the_same_scores_and_ids_and_chinese_feedback() -> None:
    text, wrong = _answers()
    english, chinese = _grade("en", text), _grade("zh", text)
    assert [e.id for e in chinese.exercises] == [e.id for e in english.exercises] == list(QUESTIONS)
    assert [(e.score, e.max_score, e.passed) for e in chinese.exercises] == \
        [(e.score, e.max_score, e.passed) for e in english.exercises]
    assert chinese.score == english.score < chinese.max_score == english.max_score == BANK.max_score
    assert {e.id for e in english.exercises if not e.passed} == set(wrong)
    partial = next(e for e in english.exercises if wrong.get(e.id) == "partial")
    assert 0 < partial.score < partial.max_score
    for en, zh in zip(english.exercises, chinese.exercises):
        question = QUESTIONS[en.id]
        message, failure = zh.checks[0].message, zh.checks[0].failure
        assert CJK.search(message), message
        assert not any(phrase in message for phrase in ENGLISH_FEEDBACK), message
        variant = question.variant(STUDENT, BANK.quiz_id)
        english_explanation = " ".join(question.shown_explanation(variant).split())
        with i18n.using("zh"):
            chinese_explanation = " ".join(question.shown_explanation(variant).split())
        assert english_explanation not in message
        if wrong.get(en.id) not in ("unreadable", "blank"):  # the explanation shown is the Chinese one
            assert chinese_explanation in message and english_explanation in en.checks[0].message
        assert zh.checks[0].name == en.checks[0].name
        if failure is not None:  # expected and got: letters and numbers, the same in both
            assert (failure.expected, failure.credit) == (en.checks[0].failure.expected, en.checks[0].failure.credit)
            if wrong[en.id] not in ("unreadable",):
                assert failure.got == en.checks[0].failure.got
    by_id = {e.id: e.checks[0] for e in chinese.exercises}
    mistake = next(qid for qid, how in wrong.items() if how == "mistake")
    assert by_id[mistake].failure.diagnosis.startswith("你可能") and "这样算正好得到这个值" in by_id[mistake].failure.diagnosis
    english_mistake = next(e.checks[0] for e in english.exercises if e.id == mistake)
    assert english_mistake.failure.diagnosis.startswith("that is what you get if you ")
    assert "选项错误" in by_id[next(q for q, how in wrong.items() if how == "choice")].message
    assert "无法读取" in by_id[next(q for q, how in wrong.items() if how == "unreadable")].message
    assert "未作答" in by_id[next(q for q, how in wrong.items() if how == "blank")].message


def test_an_answers_file_written_in_chinese_grades_as_the_english_one() -> None:
    """The comments are Chinese; the keys, ids, letters and the student's numbers are not."""
    text, _ = _answers()
    english_file = answers_file(BANK, STUDENT)
    with i18n.using("zh"):
        chinese_file = answers_file(BANK, STUDENT)
    assert chinese_file != english_file and CJK.search(chinese_file)
    assert tomllib.loads(chinese_file) == tomllib.loads(english_file)
    keys = [line for line in english_file.splitlines() if line and not line.startswith("#")]
    assert [line for line in chinese_file.splitlines() if line and not line.startswith("#")] == keys
    assert _grade("en", chinese_file).score == _grade("en", english_file).score == 0


def test_the_bank_on_disk_stays_english_and_loads_in_chinese() -> None:
    with i18n.using("zh"):
        bank = load_bank()  # the Chinese templates are checked with a sample student's numbers
        for question in bank.questions:
            assert CJK.search(question.shown_topic) and CJK.search(question.shown_text(None))
            if isinstance(question, ChoiceQuestion):
                assert len(question.shown_choices()) == len(question.choices)
        variant = next(q for q in bank.questions if isinstance(q, ParametrizedQuestion))
        numbers = variant.variant(STUDENT, bank.quiz_id)
        shown = variant.shown_text(numbers)
        assert "{" not in shown and all(str(v) in shown for v in numbers.params.values())
    assert [(q.id, q.text, q.choices if isinstance(q, ChoiceQuestion) else ()) for q in bank.questions] == \
        [(q.id, q.text, q.choices if isinstance(q, ChoiceQuestion) else ()) for q in BANK.questions]


def test_the_chinese_quiz_notebook_has_chinese_markdown_and_the_same_code_and_cell_ids() -> None:
    english = quiz_notebook(BANK, "en")
    chinese = quiz_notebook(BANK, "zh")
    assert i18n.current() == "en"
    assert [(c.id, c.cell_type) for c in chinese.cells] == [(c.id, c.cell_type) for c in english.cells]
    for en, zh in zip(english.cells, chinese.cells):
        if zh.cell_type == "markdown":
            assert CJK.search(zh.source) and zh.source != en.source, zh.id
        elif zh.id == "setup":  # only its comment differs
            assert re.sub(r"#.*", "", zh.source) == re.sub(r"#.*", "", en.source)
        else:  # answer("id", ...), show("id", STUDENT), check("id")
            assert zh.source == en.source, zh.id
    for question in BANK.questions:  # the choices keep their letters and order
        cell = next(c for c in chinese.cells if c.id == f"{question.id}-question")
        if isinstance(question, ChoiceQuestion):
            labels = re.findall(r"^- \*\*([a-z])\)\*\* ", cell.source, re.M)
            assert labels == list(question.labels)
            with i18n.using("zh"):
                choices = question.shown_choices()
            for label, choice in zip(question.labels, choices):
                assert f"- **{label})** {choice}" in cell.source


def test_the_english_notebook_is_the_shipped_one_whatever_the_language_in_use() -> None:
    shipped = (ROOT / "assignments" / "07_quiz" / "quiz.ipynb").read_text(encoding="utf-8")
    with i18n.using("zh"):
        assert quiz_notebook_text(BANK, "en") == shipped
        assert quiz_notebook_text(BANK) != shipped  # default: the language in use
    assert quiz_notebook_text(BANK) == shipped


def test_the_terminal_quiz_and_show_speak_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    question = _first(SingleChoice)
    replies = iter(["z", _wrong_letter(question), None])
    out = io.StringIO()
    with i18n.using("zh"):
        result, answers = run_quiz(BANK, STUDENT, Console(file=out, width=100), ask=lambda label: next(replies),
                                   questions=[question, _first(SingleChoice, 1)])
        parametrized = next(q for q in BANK.questions if isinstance(q, ParametrizedQuestion))
        show(parametrized.id, STUDENT)
        show(parametrized.id, "")
        topic = question.shown_topic
    text = out.getvalue()
    assert answers == {question.id: _wrong_letter(question)}
    for phrase in ("按 Enter 跳过", "请重试", "输入已结束", "结果", "得分", "选项错误", topic):
        assert phrase in " ".join(text.split()), phrase
    assert "results" not in text and "Enter skips" not in text
    printed = capsys.readouterr().out
    assert CJK.search(printed.splitlines()[0]) and "你的学号" in printed


@pytest.mark.parametrize("domain", ["quiz", "quizbank"])
def test_the_quiz_catalogs_are_complete(domain: str) -> None:
    assert catalogs.problems(domain) == []
