"""Quizzes (07_quiz): a question bank in TOML, per-student numbers, partial credit.

- `bank`: loading and checking the bank teaching staff write (assignments/07_quiz/bank/*.toml);
- `kinds`: question kinds (single and multiple choice, numeric, parametrized numeric);
- `generators`: the parametrized questions' numbers and answers, computed with PyTorch;
- `answers`: the answers file a student edits (written per student, read without trusting it);
- `grading`: an answers file -> an `AssignmentResult`, rendered by every report format;
- `interactive`: the terminal quiz (`grade quiz --student ID`);
- `commands`: the `grade quiz-answers` and `grade quiz` commands, and `grade`'s quiz targets;
- `classgrade`: `grade-class --assignment 07_quiz`, each student graded with their folder's name.

Nothing here runs student code: the answers file is data, read with size limits and never
trusted to choose whose numbers are graded.
"""

from grader.quiz.bank import ANSWERS_FILE, BANK_DIR, QUIZ_ID, Bank, BankError, load_bank

__all__ = ["ANSWERS_FILE", "BANK_DIR", "QUIZ_ID", "Bank", "BankError", "load_bank"]
