"""The quiz as a notebook: made from the bank, answered in cells, graded from the file without
running it, and by `check` in the kernel."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from grader.quiz.bank import load_bank
from grader.quiz.grading import grade_file
from grader.quiz.notebook import NOTEBOOK_FILE, answers_in_code, quiz_notebook_text
from tests.test_quiz import BANK, PARAMETRIZED, _keys

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "assignments" / "07_quiz" / NOTEBOOK_FILE


def _filled(answers: dict[str, object], student: str | None) -> str:
    """The shipped notebook with `answers` typed into their cells (as code, the way students type)."""
    notebook = nbformat.reads(SHIPPED.read_text(encoding="utf-8"), as_version=4)
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        if cell.source.startswith("STUDENT = ") and student is not None:
            cell.source = cell.source.replace('STUDENT = ""', f"STUDENT = {json.dumps(student)}", 1)
        for question_id, value in answers.items():
            if cell.source == f'answer("{question_id}", ...)':
                typed = value if isinstance(value, str) and value.startswith("RAW:") else repr(value)
                cell.source = f'answer("{question_id}", {typed.removeprefix("RAW:")})'
    return nbformat.writes(notebook)


def _grade(tmp_path: Path, text: str, teacher: str | None = None):
    path = tmp_path / NOTEBOOK_FILE
    path.write_text(text, encoding="utf-8")
    return grade_file(BANK, path, teacher)


def test_the_shipped_notebook_is_what_the_bank_makes():
    assert SHIPPED.read_text(encoding="utf-8") == quiz_notebook_text(load_bank())


def test_every_question_has_its_cell_and_the_untouched_notebook_answers_nothing(tmp_path):
    text = SHIPPED.read_text(encoding="utf-8")
    code = [c.source for c in nbformat.reads(text, as_version=4).cells if c.cell_type == "code"]
    for question in BANK.questions:
        assert f'answer("{question.id}", ...)' in code
    for question_id in PARAMETRIZED:
        assert f'show("{question_id}", STUDENT)' in code
    result = _grade(tmp_path, text, "alice")
    assert result.score == 0 and result.max_score == BANK.max_score


@pytest.mark.parametrize("student", ["alice", "李雷"])
def test_the_keys_typed_in_score_full_marks_with_the_notebook_s_own_id(tmp_path, student):
    result = _grade(tmp_path, _filled(_keys(student), student))
    assert result.score == BANK.max_score, [(e.id, e.checks[0].message) for e in result.exercises if not e.passed]


def test_the_teacher_s_id_decides_the_numbers(tmp_path):
    result = _grade(tmp_path, _filled(_keys("alice"), "alice"), teacher="bob")
    wrong = {e.id for e in result.exercises if not e.passed}
    assert wrong and wrong <= set(PARAMETRIZED)


def test_a_wrong_a_malformed_and_an_unreadable_answer_cost_only_their_questions(tmp_path):
    keys = _keys("alice")
    single = next(q.id for q in BANK.questions if isinstance(keys[q.id], str))
    numeric = PARAMETRIZED[0]
    wrong_letter = next(letter for letter in "abcd" if letter != keys[single])
    answers = dict(keys, **{single: wrong_letter, numeric: "RAW:14 px"})
    answers[PARAMETRIZED[1]] = "RAW:open(" + "'/etc/passwd').read()"  # code, never run: read as text
    result = _grade(tmp_path, _filled(answers, "alice"))
    lost = {e.id: e.checks[0].message for e in result.exercises if not e.passed}
    assert set(lost) == {single, numeric, PARAMETRIZED[1]}, lost
    assert "14 px" in lost[numeric]


def test_a_notebook_that_is_not_json_scores_zero_and_says_why(tmp_path):
    result = _grade(tmp_path, "{ not json")
    assert result.score == 0
    assert any("cannot be read" in notice for notice in result.notices)


def test_answers_are_read_from_code_not_run_and_a_later_cell_wins():
    text, notices = answers_in_code(['STUDENT = "alice"', 'answer("q1", "a")', 'answer("q1", "b")',
                                     'answer("q2", __import__("os").system("false"))', "def broken(:"])
    lines = text.splitlines()
    assert lines[0] == 'student = "alice"'
    assert '"q1" = "b"' in lines and '"q1" = "a"' not in lines
    assert any(line.startswith('"q2" = __import__') for line in lines)
    assert notices == []


def test_check_in_the_kernel_scores_the_answer_cells_run_so_far(tmp_path):
    keys = _keys("alice")
    first = BANK.questions[0].id
    script = tmp_path / "quiz_script.py"
    script.write_text(f'STUDENT = "alice"\nfrom grader.quiz.notebook import answer\n'
                      f'answer("{first}", {keys[first]!r})\n'
                      f'from grader import check\nprint("SCORES", check("{first}").score, check("07_quiz").score)\n',
                      encoding="utf-8")
    run = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert f"SCORES {BANK.questions[0].points} {BANK.questions[0].points}" in run.stdout, run.stdout + run.stderr


def test_a_folder_with_both_files_answered_grades_the_answers_file_and_says_so(tmp_path):
    from grader.quiz.answers import answers_file
    from grader.quiz.commands import quiz_file_in, quiz_notices

    folder = tmp_path / "07_quiz"
    folder.mkdir()
    (folder / NOTEBOOK_FILE).write_text(_filled(_keys("alice"), "alice"), encoding="utf-8")
    assert quiz_file_in(folder).name == NOTEBOOK_FILE  # only the notebook: it is graded
    (folder / "answers.toml").write_text(answers_file(BANK, "alice"), encoding="utf-8")
    assert quiz_file_in(folder).name == NOTEBOOK_FILE  # a blank answers file does not take over
    (folder / "answers.toml").write_text(answers_file(BANK, "alice", _keys("alice")), encoding="utf-8")
    chosen = quiz_file_in(folder)
    assert chosen.name == "answers.toml"
    assert any(NOTEBOOK_FILE in notice and "not graded" in notice for notice in quiz_notices(chosen))


def test_show_reads_the_release_s_numbers_where_no_bank_is_installed(tmp_path, monkeypatch, capsys):
    from grader.quiz import notebook
    from grader.quiz.bank import BankError

    def no_bank(*args, **kwargs):
        raise BankError("no bank in the student copy")

    monkeypatch.setattr("grader.quiz.bank.load_bank", no_bank)
    monkeypatch.chdir(tmp_path)
    question = next(q for q in BANK.questions if q.id in PARAMETRIZED)
    notebook.show(question.id, "alice")
    assert "ask your teacher" in capsys.readouterr().out
    numbers = notebook.numbers_for(BANK, ["alice"])
    (tmp_path / notebook.NUMBERS_FILE).write_text(json.dumps(numbers), encoding="utf-8")
    notebook.show(question.id, "alice")
    assert capsys.readouterr().out.strip() == question.shown_text(question.variant("alice", BANK.quiz_id)).strip()
    notebook.show(question.id, "zed")
    assert "no numbers for student 'zed'" in capsys.readouterr().out
