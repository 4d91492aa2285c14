"""The quiz engine in this process: the bank, every question's key and plausible wrong answers,
per-student numbers, partial credit, and answers files that are broken in every way we know.

Each question of the bank is checked on its own (`test_question_key_scores_full_and_a_wrong_answer_does_not`):
its key scores full marks for several students, and a plausible wrong answer (another choice,
or each known mistake of a numeric question, which must also be named in the feedback) does not.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grader.quiz.answers import AnswerSheet, answers_file, read_answers
from grader.quiz.bank import BANK_DIR, BankError, load_bank
from grader.quiz.dice import Dice, variant_seed
from grader.quiz.grading import grade_question, grade_text
from grader.quiz.kinds import MultipleChoice, ParametrizedQuestion, SingleChoice
from tests.conftest import ROOT

BANK = load_bank()
QUESTIONS = {q.id: q for q in BANK.questions}
PARAMETRIZED = [q.id for q in BANK.questions if isinstance(q, ParametrizedQuestion)]
STUDENTS = ["alice", "s1234567", "Bob Smith", "李雷", "x"]
TOPICS = ["activation", "numerical differentiation", "vanishing", "softmax", "optimizers", "convolution",
          "overfitting", "batch normalization", "attention"]


def _grade_one(question_id: str, value, student: str | None = "alice"):
    """The question's result for one answer value (as TOML would read it)."""
    sheet = AnswerSheet(values={question_id: value}, student=student)
    return grade_question(QUESTIONS[question_id], sheet, student, BANK.quiz_id)


def _key_value(question, student: str):
    """The key as a value an answers file holds."""
    if isinstance(question, SingleChoice):
        return min(question.key)
    if isinstance(question, MultipleChoice):
        return sorted(question.key)
    return question.key_value(question.variant(student, BANK.quiz_id))


def _keys(student: str) -> dict:
    return {q.id: _key_value(q, student) for q in BANK.questions}


# ------------------------------------------------------------------------------------ the bank


def test_the_bank_covers_the_syllabus_with_40_questions_12_of_them_parametrized():
    assert len(BANK.questions) >= 40
    assert len(PARAMETRIZED) >= 12
    topics = " ".join(BANK.topics()).lower()
    for topic in TOPICS:
        assert topic in topics, topic
    for question in BANK.questions:
        assert len(question.explanation) >= 60, question.id  # every question explains itself
    kinds = {q.kind for q in BANK.questions}
    assert kinds == {"single", "multiple", "numeric", "parametrized"}


def test_the_course_template_is_the_blank_answers_file_of_this_bank():
    """assignments/07_quiz/answers.toml is what `grade quiz-answers --template` writes; regenerate
    it after changing the bank."""
    shipped = (ROOT / "assignments/07_quiz/answers.toml").read_text(encoding="utf-8")
    assert shipped == answers_file(BANK, None)


@pytest.mark.parametrize("question_id", sorted(QUESTIONS))
def test_question_key_scores_full_and_a_wrong_answer_does_not(question_id):
    question = QUESTIONS[question_id]
    for student in STUDENTS:
        result = _grade_one(question_id, _key_value(question, student), student)
        assert result.passed and result.score == question.points, (student, result.checks[0].message)
        assert result.checks[0].message.startswith("correct. ")
    variant = question.variant("alice", BANK.quiz_id)
    if isinstance(question, SingleChoice):
        wrong = [letter for letter in question.labels if letter not in question.key]
        assert wrong
        for letter in wrong:
            result = _grade_one(question_id, letter)
            assert result.score == 0 and not result.passed
            assert "Explanation:" in result.checks[0].message  # the explanation comes with the verdict
    elif isinstance(question, MultipleChoice):
        distractors = [letter for letter in question.labels if letter not in question.key]
        assert distractors, "a multiple-choice question needs at least one wrong choice"
        result = _grade_one(question_id, sorted(question.key) + [distractors[0]])
        assert not result.passed and result.score < question.points
        assert _grade_one(question_id, list(question.labels)).score < question.points  # everything picked
    else:
        mistakes = question.known_mistakes(variant)
        assert mistakes, "a numeric question needs at least one plausible wrong answer"
        for value, why in mistakes:
            result = _grade_one(question_id, value)
            assert result.score == 0 and not result.passed, (value, why)
            assert why in result.checks[0].message, result.checks[0].message


def test_bank_text_shows_every_parametrized_number_and_fills_every_placeholder():
    for question_id in PARAMETRIZED:
        question = QUESTIONS[question_id]
        for student in STUDENTS:
            variant = question.variant(student, BANK.quiz_id)
            text, explanation = question.shown_text(variant), question.shown_explanation(variant)
            assert "{" not in text and "}" not in text and "{" not in explanation, question_id
            for name, value in variant.params.items():
                assert str(value) in text, (question_id, name)


# ------------------------------------------------------------------------- per-student numbers


@pytest.mark.parametrize("question_id", PARAMETRIZED)
def test_key_scores_full_and_every_known_mistake_scores_nothing_for_100_students(question_id):
    question = QUESTIONS[question_id]
    distinct = set()
    for number in range(100):
        student = f"student{number:03d}"
        variant = question.variant(student, BANK.quiz_id)
        distinct.add(variant.identity())
        assert _grade_one(question_id, variant.answer, student).passed
        assert variant.mistakes
        for why, value in variant.mistakes.items():
            assert _grade_one(question_id, value, student).score == 0, (student, why, value, variant)
    assert len(distinct) >= 50, f"{question_id}: only {len(distinct)} distinct variants for 100 students"


def test_two_students_get_different_numbers_and_one_student_always_the_same():
    for question_id in PARAMETRIZED:
        question = QUESTIONS[question_id]
        alice = question.variant("alice", BANK.quiz_id)
        assert alice == question.variant("alice", BANK.quiz_id)
        assert alice == question.variant("  ALICE ", BANK.quiz_id)  # ids are typed by hand
    differing = sum(QUESTIONS[q].variant("alice", BANK.quiz_id).identity()
                    != QUESTIONS[q].variant("bob", BANK.quiz_id).identity() for q in PARAMETRIZED)
    assert differing >= len(PARAMETRIZED) - 1
    assert variant_seed("07_quiz", "alice", "q") != variant_seed("08_quiz", "alice", "q")  # per quiz too


def test_the_same_id_gives_the_same_numbers_in_a_new_process():
    script = ("import json; from grader.quiz.bank import load_bank; b = load_bank(); "
              "print(json.dumps({q.id: [list(map(list, q.variant(s, b.quiz_id).identity())), q.key_text("
              "q.variant(s, b.quiz_id))] for q in b.questions if q.kind == 'parametrized' for s in ['alice']}))")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=300,
                          env={"PYTHONHASHSEED": "12345", "PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr
    theirs = json.loads(done.stdout)
    ours = {q: [list(map(list, QUESTIONS[q].variant("alice", BANK.quiz_id).identity())),
                QUESTIONS[q].key_text(QUESTIONS[q].variant("alice", BANK.quiz_id))] for q in PARAMETRIZED}
    assert theirs == ours


def test_dice_draws_are_uniform_and_fixed_forever():
    dice = Dice(b"fixed")
    draws = [dice.integer(1, 6) for _ in range(6000)]
    assert set(draws) == set(range(1, 7)) and all(800 < draws.count(k) < 1200 for k in range(1, 7))
    # the first draws of these seeds, pinned: a change here would change every student's numbers
    fixed = Dice(b"fixed")
    assert [fixed.integer(0, 999) for _ in range(5)] == [816, 662, 308, 785, 834]
    assert Dice(variant_seed("07_quiz", "alice", "conv_output_size")).integer(0, 10**9) == 231_721_823


# ----------------------------------------------------------------------------- partial credit


@pytest.mark.parametrize("picks,credit", [
    (["a", "b", "c"], 1.0),            # all three right
    (["a", "b"], 2 / 3),               # one right choice missed
    (["a"], 1 / 3),
    (["a", "b", "c", "d"], 2 / 3),     # one wrong pick cancels one right pick
    (["a", "b", "d"], 1 / 3),
    (["a", "d", "e"], 0.0),            # floored at zero
    (["d", "e"], 0.0),
    (["a", "b", "c", "d", "e"], 1 / 3),  # everything picked: (3 - 2) / 3
])
def test_multiple_choice_credit_is_right_minus_wrong_over_right_floored_at_zero(picks, credit):
    question = QUESTIONS["act_sigmoid_facts"]  # key a, b, c of a-e; 2 points
    assert question.key == frozenset("abc") and question.points == 2
    result = _grade_one("act_sigmoid_facts", picks)
    assert result.score == pytest.approx(round(2 * credit, 4))
    assert result.passed == (credit == 1.0)
    if credit < 1:
        message = result.checks[0].message
        assert "right choices picked" in message and "expected a, b, c" in message


def test_multiple_choice_reads_letters_written_several_ways():
    for value in (["a", "b", "c"], ["C", "b", "A"], "a, b, c", "abc", "a b c", "[a, b, c]", ["a", "b", "c", "a"]):
        assert _grade_one("act_sigmoid_facts", value).passed, value


def test_numeric_tolerances_absolute_and_relative():
    assert _grade_one("softmax_uniform_loss", 2.3026).passed          # abs_tol 0.002
    assert _grade_one("softmax_uniform_loss", "2.304").passed          # a number in quotes
    assert not _grade_one("softmax_uniform_loss", 2.305).passed
    assert _grade_one("diff_evaluations", 2000.0).passed               # abs_tol 0: exactly
    assert not _grade_one("diff_evaluations", 2000.5).passed
    question = QUESTIONS["attn_score_std"]                              # rel_tol 1%
    key = question.key_value(question.variant("alice", BANK.quiz_id))
    assert _grade_one("attn_score_std", key * 1.009).passed
    assert not _grade_one("attn_score_std", key * 1.011).passed


# -------------------------------------------------------------------- whose numbers are graded


def _filled(student: str, keys_of: str | None = None, **overrides) -> str:
    """`student`'s answers file with the keys of `keys_of` (default: the student's own) filled in."""
    keys = _keys(keys_of or student)
    values = {qid: value for qid, value in keys.items()}
    values.update(overrides)
    return answers_file(BANK, student, values)


def test_written_answers_file_with_the_keys_scores_full_marks_for_several_students():
    for student in STUDENTS:
        result = grade_text(BANK, _filled(student))
        assert result.score == result.max_score == BANK.max_score, [e.checks[0].message for e in result.exercises
                                                                     if not e.passed][:3]
        assert result.notices == []
        assert {e.id for e in result.exercises} == set(QUESTIONS)


def test_the_teachers_id_wins_over_the_one_the_file_names():
    text = _filled("bob", keys_of="alice")          # alice's answers in a file naming bob
    as_bob = grade_text(BANK, text)
    as_alice = grade_text(BANK, text, teacher_student="alice")
    assert as_alice.score == BANK.max_score and as_alice.environment["student"] == "alice"
    assert any("names student 'bob'" in notice and "'alice'" in notice for notice in as_alice.notices)
    assert as_bob.score < BANK.max_score  # graded with bob's numbers, alice's answers are wrong there
    # the numbers written in the file are comments: editing them changes nothing
    edited = _filled("alice").replace("# nn.Conv2d(", "# nn.Conv2d(123, 456, ")
    assert grade_text(BANK, edited).score == BANK.max_score


def test_without_any_student_id_the_parametrized_questions_say_why_and_the_rest_is_scored():
    keys = _keys("alice")
    text = answers_file(BANK, None, keys)
    result = grade_text(BANK, text)
    fixed = sum(q.points for q in BANK.questions if not isinstance(q, ParametrizedQuestion))
    assert result.score == fixed
    assert any("no student id" in notice for notice in result.notices)
    for question_id in PARAMETRIZED:
        exercise = next(e for e in result.exercises if e.id == question_id)
        assert exercise.score == 0 and "no student id" in exercise.checks[0].message


# --------------------------------------------------------------------------------- bad input


def _exercise(result, question_id):
    return next(e for e in result.exercises if e.id == question_id)


def _others_full(result, *broken):
    return all(e.passed for e in result.exercises if e.id not in broken)


def test_a_choice_that_does_not_exist_costs_its_question_only():
    result = grade_text(BANK, _filled("alice", act_why_nonlinear="z", act_sigmoid_facts=["a", "q"]))
    for question_id, letter in (("act_why_nonlinear", "'z'"), ("act_sigmoid_facts", "'q'")):
        message = _exercise(result, question_id).checks[0].message
        assert _exercise(result, question_id).score == 0
        assert message.startswith(f"unreadable answer: there is no choice {letter}; the choices are a-")
    assert _others_full(result, "act_why_nonlinear", "act_sigmoid_facts")


def test_a_number_that_does_not_parse_costs_its_question_only():
    text = _filled("alice").replace('diff_evaluations = 2000', 'diff_evaluations = "two thousand"')
    text = text.replace("softmax_uniform_loss = 2.302585", 'softmax_uniform_loss = "2,3026"')
    result = grade_text(BANK, text)
    assert "'two thousand' is not a number" in _exercise(result, "diff_evaluations").checks[0].message
    assert "write the decimal point as '.'" in _exercise(result, "softmax_uniform_loss").checks[0].message
    assert _others_full(result, "diff_evaluations", "softmax_uniform_loss")
    assert result.notices == []


def test_a_file_that_is_not_toml_is_read_line_by_line():
    text = _filled("alice")
    text = text.replace('act_why_nonlinear = "a"', "act_why_nonlinear = a")          # a bare letter: accepted
    text = text.replace("diff_evaluations = 2000", "diff_evaluations = 2000 calls")  # not a number
    text = text.replace('act_dead_relu = "a"', 'act_dead_relu = "a" or "b"')        # no one choice
    text = text.replace('act_relu_vanishing = "a"', 'act_relu_vanishing = "a')      # an unclosed quote: read
    text = text.replace('act_sigmoid_facts = ["a", "b", "c"]', 'act_sigmoid_facts = [a, b, c]')
    result = grade_text(BANK, text)
    assert result.notices and result.notices[0].startswith("the answers file is not valid TOML")
    assert _exercise(result, "act_why_nonlinear").passed and _exercise(result, "act_sigmoid_facts").passed
    message = _exercise(result, "diff_evaluations").checks[0].message
    assert "cannot read '2000 calls'" in message and "line " in message
    assert _exercise(result, "act_relu_vanishing").passed
    assert _exercise(result, "act_dead_relu").score == 0
    assert "'or' is not a choice" in _exercise(result, "act_dead_relu").checks[0].message
    assert _others_full(result, "diff_evaluations", "act_dead_relu")


def test_unknown_ids_are_named_and_a_typo_is_pointed_out_at_its_question():
    text = _filled("alice").replace("bn_eval = ", "bn_evl = ") + '\nno_such_question = "b"\n'
    result = grade_text(BANK, text)
    notices = " ".join(result.notices)
    assert "'bn_evl' is not a question of this quiz" in notices and "did you mean bn_eval?" in notices
    assert "'no_such_question' is not a question" in notices
    message = _exercise(result, "bn_eval").checks[0].message
    assert message.startswith("not answered: the answer on line") and "'bn_evl'" in message
    assert _others_full(result, "bn_eval")


def test_an_answer_given_twice_counts_for_neither():
    text = _filled("alice") + 'act_why_nonlinear = "b"\n'
    result = grade_text(BANK, text)
    message = _exercise(result, "act_why_nonlinear").checks[0].message
    assert "answered more than once" in message and _exercise(result, "act_why_nonlinear").score == 0
    assert _others_full(result, "act_why_nonlinear")


@pytest.mark.parametrize("value,says", [
    ("true", "expected a number"), ("[1, 2]", "expected a number"), ("{a = 1}", "expected a number"),
    ('"nan"', "not a number"), ("inf", "not a finite number"), ('"1e999"', "not a finite number"),
    ('"1/3"', "not a number"), ("1979-05-27", "expected a number"), ('"' + "9" * 5000 + '"', ""),
])
def test_numeric_answers_of_any_type_get_one_line(value, says):
    text = _filled("alice").replace("diff_evaluations = 2000", f"diff_evaluations = {value}")
    result = grade_text(BANK, text)
    exercise = _exercise(result, "diff_evaluations")
    assert exercise.score == 0 and says in exercise.checks[0].message
    assert len(exercise.checks[0].failure.summary) < 300 and "\n" not in exercise.checks[0].failure.summary
    assert _others_full(result, "diff_evaluations")


def test_an_empty_or_untouched_file_scores_zero_with_guidance():
    for text in ("", (ROOT / "assignments/07_quiz/answers.toml").read_text(), answers_file(BANK, "alice")):
        result = grade_text(BANK, text)
        assert result.score == 0 and len(result.exercises) == len(BANK.questions)
        if text:
            assert all("not answered" in e.checks[0].message or "no student id" in e.checks[0].message
                       for e in result.exercises)


@pytest.mark.parametrize("text", [
    "\x00\x01\x02 = 3",
    "a = " + "[" * 5000 + "]" * 5000,           # deep nesting: tomllib recurses
    "act_why_nonlinear = " + "[" * 3000,
    "[[act_why_nonlinear]]\nx = 1\n",
    "[answers]\nact_why_nonlinear = \"a\"\n",
    "student = 12\nstudent = 13\n",
    "act_why_nonlinear.x = 1\n",
    "\ufeffact_why_nonlinear = \"a\"\r\n",
    "act_why_nonlinear = {}\n",
    "act_sigmoid_facts = [[\"a\"]]\n",
    "\u202eact_why_nonlinear = \"a\"\n",
    "x" * 200_000,
])
def test_no_content_crashes_grading(text):
    result = grade_text(BANK, text, teacher_student="alice")
    assert len(result.exercises) == len(BANK.questions)
    assert all(len(e.checks) == 1 for e in result.exercises)


@settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400)
       | st.lists(st.sampled_from(['act_why_nonlinear = ', '"a"', "[", "]", "\n", "=", "student", "#",
                                   "diff_evaluations", "2000", "'", '"', ",", "1e3", "nan", " "]),
                  max_size=40).map("".join))
def test_grading_any_text_never_raises(text):
    result = grade_text(BANK, text, teacher_student="alice")
    assert len(result.exercises) == len(BANK.questions)
    assert 0 <= result.score <= result.max_score


def test_the_bare_letter_rule_does_not_rescue_words():
    result = grade_text(BANK, "act_why_nonlinear = maybe\n", teacher_student="alice")
    message = _exercise(result, "act_why_nonlinear").checks[0].message
    assert _exercise(result, "act_why_nonlinear").score == 0 and "there is no choice" in message


def test_read_answers_reports_the_student_and_what_was_answered():
    sheet = read_answers('student = "carol"\nact_why_nonlinear = "b"\nact_dead_relu = ""\n', BANK)
    assert sheet.student == "carol" and sheet.answered() == {"act_why_nonlinear"}


# ----------------------------------------------------------------------- bank validation


GOOD = '''
topic = "T"

[[question]]
id = "q1"
kind = "single"
text = "Pick a."
choices = ["right", "wrong"]
answer = "a"
explanation = "Because."
'''


def _bank(tmp_path: Path, text: str, name: str = "01_t.toml", folder_name: str = "bank"):
    folder = tmp_path / folder_name
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text)
    return load_bank(folder)


def test_a_valid_small_bank_loads(tmp_path):
    bank = _bank(tmp_path, GOOD)
    assert [q.id for q in bank.questions] == ["q1"] and bank.max_score == 1


@pytest.mark.parametrize("change,field,says", [
    (('answer = "a"', 'answer = "c"'), "answer", "'c' is not one of the choices a-b"),
    (('explanation = "Because."', ''), "explanation", "must be a non-empty string"),
    (('explanation = "Because."', 'explanation = "Because."\nexplaination = "x"'), "explaination",
     "is not a field of a single question"),
    (('kind = "single"', 'kind = "essay"'), "kind", "must be one of single, multiple, numeric, parametrized"),
    (('choices = ["right", "wrong"]', 'choices = ["right"]'), "choices", "a list of 2 to 8 strings"),
    (('choices = ["right", "wrong"]', 'choices = ["same", "same"]'), "choices", "two choices are the same"),
    (('kind = "single"', 'kind = "multiple"'), "answer", 'must be a list of letters'),
    (('kind = "single"', 'kind = "single"\npoints = -1'), "points", "must be at least 0"),
    (('kind = "single"\ntext = "Pick a."\nchoices = ["right", "wrong"]\nanswer = "a"',
      'kind = "numeric"\ntext = "2 + 2?"\nanswer = 4'), "abs_tol", "give abs_tol or rel_tol"),
    (('kind = "single"\ntext = "Pick a."\nchoices = ["right", "wrong"]\nanswer = "a"',
      'kind = "numeric"\ntext = "2 + 2?"\nanswer = 4\nabs_tol = 0'), "mistakes", "plausible wrong answer"),
    (('kind = "single"\ntext = "Pick a."\nchoices = ["right", "wrong"]\nanswer = "a"',
      'kind = "numeric"\ntext = "2 + 2?"\nanswer = 4\nabs_tol = 0.5\nmistakes = [{answer = 4.2, why = "x"}]'),
     "mistakes", "within the tolerance"),
    (('kind = "single"\ntext = "Pick a."\nchoices = ["right", "wrong"]\nanswer = "a"',
      'kind = "parametrized"\ngenerator = "no_such"\nabs_tol = 0\ntext = "x"'), "generator", "is not a generator"),
    (('kind = "single"\ntext = "Pick a."\nchoices = ["right", "wrong"]\nanswer = "a"',
      'kind = "parametrized"\ngenerator = "linear_param_count"\nabs_tol = 0\ntext = "Linear({n_in}, {n_outt})"'),
     "text", "placeholder {n_outt} is not a value of generator 'linear_param_count'"),
    (('kind = "single"\ntext = "Pick a."\nchoices = ["right", "wrong"]\nanswer = "a"',
      'kind = "parametrized"\ngenerator = "linear_param_count"\nabs_tol = 0\ntext = "Linear({n_in}, ?)"'),
     "text", "does not show {n_out}"),
])
def test_bank_mistakes_are_named_by_file_question_and_field(tmp_path, change, field, says):
    old, new = change
    assert old in GOOD
    with pytest.raises(BankError) as raised:
        _bank(tmp_path, GOOD.replace(old, new))
    message = raised.value.message
    assert message.startswith("01_t.toml, question 'q1', field '" + field + "': "), message
    assert says in message, message


def test_bank_ids_must_be_unique_across_files_and_well_formed(tmp_path):
    _bank(tmp_path, GOOD, "01_a.toml")
    with pytest.raises(BankError, match=r"02_b.toml, question 'q1', field 'id': is used twice \(also in 01_a.toml\)"):
        _bank(tmp_path, GOOD, "02_b.toml")
    with pytest.raises(BankError, match=r"03_c.toml, question #1, field 'id': must be lowercase"):
        _bank(tmp_path, GOOD.replace('id = "q1"', 'id = "Q 1"'), "03_c.toml", "other")
    with pytest.raises(BankError, match=r"04_d.toml: not valid TOML"):
        _bank(tmp_path, "topic = ", "04_d.toml", "third")
    with pytest.raises(BankError, match=r"no question bank here"):
        load_bank(tmp_path / "empty")


def test_the_course_bank_lives_in_the_course():
    assert BANK_DIR == ROOT / "assignments/07_quiz/bank"
    assert len(list(BANK_DIR.glob("*.toml"))) >= 9


# ------------------------------------------------------------------------ the terminal quiz


def test_the_terminal_quiz_asks_again_on_bad_input_and_scores_at_the_end():
    import io

    from rich.console import Console

    from grader.quiz.interactive import run_quiz

    questions = [QUESTIONS[q] for q in ("act_why_nonlinear", "act_sigmoid_facts", "conv_output_size",
                                        "diff_evaluations")]
    key = QUESTIONS["conv_output_size"].key_text(QUESTIONS["conv_output_size"].variant("alice", BANK.quiz_id))
    replies = iter(["z", "a",            # a choice that does not exist, then the key
                    "a, b",               # partial credit: 2 of 3
                    "fourteen", key,      # a number that does not parse, then the key
                    ""])                  # skipped
    out = io.StringIO()
    console = Console(file=out, width=100, force_terminal=False)
    result, answers = run_quiz(BANK, "alice", console, ask=lambda label: next(replies, None), questions=questions)
    shown = out.getvalue()
    assert "there is no choice 'z'" in shown and "'fourteen' is not a number" in shown
    assert [e.id for e in result.exercises] == [q.id for q in questions]
    scores = {e.id: e.score for e in result.exercises}
    assert scores == {"act_why_nonlinear": 1, "act_sigmoid_facts": pytest.approx(4 / 3, abs=1e-3),
                      "conv_output_size": 2, "diff_evaluations": 0}
    assert answers == {"act_why_nonlinear": "a", "act_sigmoid_facts": ["a", "b"], "conv_output_size": float(key)}
    for question in questions:  # every explanation is shown after grading
        assert " ".join(question.shown_explanation(question.variant("alice", BANK.quiz_id)).split())[:40] \
            in " ".join(shown.split())
    # what the terminal collected, saved as an answers file, grades the same
    saved = grade_text(BANK, answers_file(BANK, "alice", answers))
    assert {e.id: e.score for e in saved.exercises if e.id in scores} == scores


def test_the_terminal_quiz_stops_at_end_of_input():
    import io

    from rich.console import Console

    from grader.quiz.interactive import run_quiz

    console = Console(file=io.StringIO(), width=100)
    result, answers = run_quiz(BANK, "alice", console, ask=lambda label: None)
    assert answers == {} and result.score == 0 and len(result.exercises) == len(BANK.questions)


def test_math_of_a_few_answers_by_hand():
    """Spot checks of the generators against formulas worked by hand."""
    lenet = QUESTIONS["lenet_fc1_params"]
    assert QUESTIONS["alexnet_lenet_conv1_ratio"].answer == 96 * (11 * 11 * 3 + 1) / (6 * (5 * 5 + 1))
    assert QUESTIONS["softmax_uniform_loss"].answer == pytest.approx(math.log(10), abs=1e-6)
    for student in STUDENTS:
        v = lenet.variant(student, BANK.quiz_id)
        p = v.params
        side = ((p["h"] + 2 * p["p1"] - 4) // 2 - 4) // 2
        assert v.answer == p["c2"] * side * side * p["f"] + p["f"]
        adam = QUESTIONS["opt_adam_step"].variant(student, BANK.quiz_id).params
        b1, b2, t, g = 0.9, 0.999, adam["t"], adam["g"]
        m = b1 * float(adam["m"]) + (1 - b1) * g
        v2 = b2 * float(adam["v"]) + (1 - b2) * g * g
        step = -adam["lr"] * (m / (1 - b1 ** t)) / (math.sqrt(v2 / (1 - b2 ** t)) + 1e-8)
        assert QUESTIONS["opt_adam_step"].variant(student, BANK.quiz_id).answer == pytest.approx(step, rel=1e-9)
        pe = QUESTIONS["attn_positional_value"].variant(student, BANK.quiz_id)
        pos, d, j = pe.params["pos"], pe.params["d"], pe.params["j"]
        angle = pos / 10000 ** ((j - j % 2) / d)
        assert pe.answer == pytest.approx(math.sin(angle) if j % 2 == 0 else math.cos(angle), abs=1e-6)
