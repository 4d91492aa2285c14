"""The quiz's commands, and what `grade` needs to grade an answers file.

    grade quiz-answers --student ID      write your answers file, with your own numbers
    grade quiz --student ID              answer in the terminal, one question at a time
    grade assignments/07_quiz            grade your answers file (as `grade` on the course does)

`grade` is one click command with a PATH argument; `GradeCommand` lets it also answer to the
two quiz subcommands (`grade quiz-answers ...`) and to those `grader.cli` adds (`grade audit`),
which a PATH of that name would shadow: a folder called `quiz` is graded as `grade ./quiz`.

This module imports no torch and no bank until a command runs, so `grade` starts as fast as before.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import Callable

import click

from grader.i18n import N_, _
from grader.quiz.bank import ANSWERS_FILE, QUIZ_ID

NOTEBOOK_FILE = "quiz.ipynb"  # grader.quiz.notebook.NOTEBOOK_FILE, without importing nbformat here

MAX_STUDENT_CHARS = 100


# ---------------------------------------------------------------------------- finding files


def _present(path: Path) -> bool:
    """A file is there (a link or pipe too: reading it then says why it cannot be graded)."""
    return path.is_symlink() or (path.exists() and not path.is_dir())


def course_quiz_file(root: Path) -> Path | None:
    """The quiz's file in a course root (or its `assignments/` folder), when there is one (the
    answers file, or the quiz notebook: see `quiz_file_in`)."""
    base = root / "assignments" if (root / "assignments").is_dir() else root
    folder = base / QUIZ_ID
    if not (_present(folder / ANSWERS_FILE) or _present(folder / NOTEBOOK_FILE)):
        return None
    try:
        return quiz_file_in(folder)
    except Exception:  # noqa: BLE001 - unreadable: the answers file's own reading says why
        return folder / ANSWERS_FILE


def is_quiz_folder(folder: Path) -> bool:
    """The quiz's folder (`07_quiz/`), or a folder holding an answers file and nothing of a course."""
    if folder.name == QUIZ_ID:
        return True
    return _present(folder / ANSWERS_FILE) and not (folder / "assignments").is_dir()


def _answered(path: Path) -> bool:
    """Whether an answers file or quiz notebook holds any answer (an unreadable one counts)."""
    from grader.quiz.notebook import answers_text

    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return True
    if path.suffix == ".ipynb":
        text = answers_text(text)[0]
    from grader.quiz.answers import read_answers
    from grader.quiz.bank import load_bank

    return bool(read_answers(text, load_bank(check_templates=False)).answered())


def quiz_file_in(folder: Path) -> Path:
    """The file to grade in a quiz folder: `answers.toml`, or the quiz notebook when only it
    holds answers. When both do, the answers file is graded and `quiz_notices` says so (never a
    silent choice). SubmissionError saying how to start when neither is there."""
    from grader.submission import SubmissionError

    answers, notebook = folder / ANSWERS_FILE, folder / NOTEBOOK_FILE
    if _present(notebook) and (not _present(answers) or (not _answered(answers) and _answered(notebook))):
        return notebook
    if not _present(answers):
        raise SubmissionError(_("{folder}: no {answers} or {notebook} in this folder; write your answers file with "
                                "`grade quiz-answers --student YOUR_ID`").format(folder=folder, answers=ANSWERS_FILE,
                                                                                notebook=NOTEBOOK_FILE))
    return answers


def quiz_notices(path: Path) -> list[str]:
    """What to say about the quiz file chosen in its folder: the other one also holds answers."""
    other = path.parent / (NOTEBOOK_FILE if path.name == ANSWERS_FILE else ANSWERS_FILE)
    if path.name in (ANSWERS_FILE, NOTEBOOK_FILE) and _present(other) and _answered(other):
        return [_("{other} also holds answers and was not graded: {graded} was (grade the other with "
                  "`grade {path}`)").format(other=other.name, graded=path.name, path=other)]
    return []


def is_quiz_file(path: Path) -> bool:
    """An answers file, or the quiz notebook (`quiz.ipynb`, or any notebook in `07_quiz/`)."""
    return path.suffix == ".toml" or path.name == NOTEBOOK_FILE or \
        (path.suffix == ".ipynb" and path.parent.name == QUIZ_ID)


# ------------------------------------------------------------------------------ grading


def grade_quiz_targets(targets: list[tuple[str, Path]], within: Path | None, student: str | None, seed: int,
                       say: Callable[[str], None], alone: bool) -> list:
    """`grade`'s results for answers files: each graded with the course's bank. A file that
    cannot be read at all is said on stderr and ends `grade` with status 1 when it was the only
    thing to grade; in the course it scores 0, saying why. A broken bank ends `grade` with its
    one-line reason (BankError)."""
    from grader.quiz.bank import load_bank
    from grader.quiz.grading import grade_file, unreadable_result
    from grader.submission import SubmissionError

    if not targets:
        return []
    # the texts are checked where some question's numbers are drawn: an unanswered quiz draws none
    bank = load_bank(check_templates=any(_answered(path) for __, path in targets))
    results = []
    for __, path in targets:
        try:
            results.append(grade_file(bank, path, student, seed, within))
            results[-1].notices[:0] = quiz_notices(path)
        except SubmissionError as error:
            say(f"grade: {error}")
            if alone:
                sys.exit(1)
            results.append(unreadable_result(bank, path, seed, str(error)))
    return results


# ------------------------------------------------------------------------------ commands


def _student_id(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    if not value or len(value) > MAX_STUDENT_CHARS or not value.isprintable():
        raise click.BadParameter(_("a student id is 1 to {count} printable characters").format(count=MAX_STUDENT_CHARS),
                                 param_hint="--student")
    return value


def default_answers_path(cwd: Path | None = None) -> Path:
    """assignments/07_quiz/answers.toml from the course root, answers.toml in 07_quiz/ or elsewhere."""
    cwd = Path.cwd() if cwd is None else cwd
    if (cwd / "assignments" / QUIZ_ID).is_dir():
        return cwd / "assignments" / QUIZ_ID / ANSWERS_FILE
    return cwd / ANSWERS_FILE


def _has_answers(path: Path) -> bool:
    """Whether an existing answers file holds any answer (then it is not overwritten)."""
    from grader.quiz.answers import MAX_ANSWERS_BYTES, read_answers
    from grader.quiz.bank import load_bank
    from grader.submission import SubmissionError, read_regular_file

    try:
        data = read_regular_file(path, MAX_ANSWERS_BYTES)
    except SubmissionError:
        return True  # not a file we can read back: never overwritten without --force
    return bool(read_answers(data.decode("utf-8", "replace"), load_bank(check_templates=False)).answered())


def write_answers_file(path: Path, text: str, force: bool) -> None:
    """Write `text` to `path`, never through a symbolic link and never over a file with answers
    in it (unless `force`)."""
    if os.path.lexists(path) and not force:
        if path.is_symlink() or not path.is_file():
            raise click.ClickException(_("{path}: is not a regular file; remove it or choose --output").format(path=path))
        if _has_answers(path):
            raise click.ClickException(_("{path}: already holds answers; it was left as it is (--force overwrites it, "
                                         "or choose another file with --output)").format(path=path))
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags, 0o644)
    except OSError as error:
        raise click.ClickException(_("{path}: cannot be written ({reason})").format(path=path,
                                                                                    reason=error.strerror)) from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise click.ClickException(_("{path}: is not a regular file").format(path=path))
        os.write(fd, text.encode("utf-8"))
    finally:
        os.close(fd)


SETTINGS = {"help_option_names": ["-h", "--help"]}


@click.command("quiz-answers", context_settings=SETTINGS)
@click.option("--student", help=N_("Your student id: the questions' numbers are drawn for it."))
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False),
              help=N_("Where to write it (default: assignments/07_quiz/answers.toml from the course root, "
                      "else answers.toml here)."))
@click.option("--force", is_flag=True, help=N_("Overwrite a file that already holds answers."))
@click.option("--template", is_flag=True, help=N_("Staff: write the blank template, without any student's numbers."))
def quiz_answers(student: str | None, output: Path | None, force: bool, template: bool) -> None:
    """Write the quiz's answers file, with the numbers drawn for --student filled in.

    Edit it (each answer after its `=`), then grade it with `grade assignments/07_quiz` or
    `grade PATH/answers.toml`.
    """
    from grader.quiz.answers import answers_file
    from grader.quiz.bank import load_bank

    student = _student_id(student)
    if (student is None) == (not template):
        raise click.UsageError(_("give --student YOUR_ID (or, for staff, --template)"))
    path = output or default_answers_path()
    write_answers_file(path, answers_file(load_bank(), student), force)
    if student:
        click.echo(_("wrote {path} for student {student}").format(path=path, student=student), err=True)
    else:
        click.echo(_("wrote {path} (blank template)").format(path=path), err=True)


@click.command("quiz", context_settings=SETTINGS)
@click.option("--student", required=True, help=N_("Your student id: the questions' numbers are drawn for it."))
@click.option("--save", type=click.Path(path_type=Path, dir_okay=False),
              help=N_("Also write your answers to this answers file at the end (to hand in)."))
@click.option("--force", is_flag=True, help=N_("With --save: overwrite a file that already holds answers."))
@click.option("--topic", "topics", multiple=True,
              help=N_("Only the questions whose topic contains this text (repeatable), e.g. --topic optim."))
def quiz_terminal(student: str, save: Path | None, force: bool, topics: tuple[str, ...]) -> None:
    """Take the quiz in the terminal: one question at a time, scored at the end with explanations."""
    from rich.console import Console

    from grader.quiz.answers import answers_file
    from grader.quiz.bank import load_bank
    from grader.quiz.interactive import run_quiz

    student = _student_id(student)
    bank = load_bank()
    questions = [q for q in bank.questions if not topics or any(
        t.lower() in q.topic.lower() or t.lower() in q.shown_topic.lower() for t in topics)]
    if not questions:
        raise click.UsageError(_("no topic matches {wanted}; topics: {topics}").format(
            wanted=", ".join(topics), topics="; ".join(_(topic) for topic in bank.topics())))
    console = Console(highlight=False)
    __, answers = run_quiz(bank, student, console, questions=questions)
    if save is not None:
        write_answers_file(save, answers_file(bank, student, answers), force)
        click.echo(_("wrote your answers to {path}").format(path=save), err=True)


SUBCOMMANDS: dict[str, click.Command] = {"quiz-answers": quiz_answers, "quiz": quiz_terminal}

EPILOG = N_("Quiz (07_quiz): `grade quiz-answers --student ID` writes your answers file; "
          "`grade quiz --student ID` asks the questions in the terminal. See `grade quiz-answers -h`.")


class GradeCommand(click.Command):
    """`grade PATH`, which also answers to `grade quiz-answers ...` and `grade quiz ...`."""

    def __init__(self, *args, subcommands: dict[str, click.Command] | None = None, **kwargs) -> None:
        kwargs.setdefault("epilog", EPILOG)
        super().__init__(*args, **kwargs)
        #: the quiz's subcommands, and those the caller adds (`grade audit`)
        self.subcommands = {**SUBCOMMANDS, **(subcommands or {})}

    def main(self, args=None, prog_name=None, **extra):  # type: ignore[override]
        argv = list(sys.argv[1:] if args is None else args)
        if argv and argv[0] in self.subcommands:
            name = argv[0]
            return self.subcommands[name].main(argv[1:], prog_name=f"{prog_name or 'grade'} {name}", **extra)
        return super().main(argv, prog_name=prog_name, **extra)
