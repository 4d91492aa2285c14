"""The console scripts' entry points: choose the language first, then build the command.

A command's help texts are `_(...)` evaluated when its module is imported (click builds the
options then), so the language must be in force before the import: each entry point reads
`--lang X` / `--lang=X` from the command line (else the environment: LANGUAGE, LC_ALL,
LC_MESSAGES, LANG), calls `grader.i18n.use`, and only then imports and runs its command. The
command's own `--lang` option applies the same choice again when click parses it (and rejects
an unknown language with click's usage error).

    [project.scripts]
    grade = "grader.entry:grade"
    grade-teacher = "grader.entry:teacher"
    grade-class = "grader.entry:grade_class"
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from grader import i18n


def language_from_argv(argv: Sequence[str], *, stop_at_command: bool = False) -> str | None:
    """The language `--lang X` or `--lang=X` names in `argv` (None when none names one of ours).
    `stop_at_command`: look only before the first argument that is not an option (a command
    group's own options come before its subcommand's name)."""
    for index, argument in enumerate(argv):
        if argument == "--":
            break
        if argument == "--lang" and index + 1 < len(argv):
            value = argv[index + 1]
        elif argument.startswith("--lang="):
            value = argument.split("=", 1)[1]
        else:
            if stop_at_command and not argument.startswith("-"):
                break
            continue
        return value if value in i18n.LANGUAGES else None
    return None


def choose_language(argv: Sequence[str] | None = None, *, stop_at_command: bool = False) -> str:
    """Make the language of the command line (else of the environment) the current one."""
    argv = sys.argv[1:] if argv is None else argv
    language = language_from_argv(argv, stop_at_command=stop_at_command) or i18n.language_from_environment()
    i18n.use(language)
    return language


def teacher() -> None:
    """`grade-teacher`: its `--lang` comes before the subcommand (a subcommand's `--lang`, as in
    `notebooks --lang zh`, is the release's language, not the messages')."""
    choose_language(stop_at_command=True)
    from grader.teacher import main

    main()


def grade_class() -> None:
    """`grade-class`."""
    choose_language()
    from grader.class_command import class_main

    class_main()


def grade() -> None:
    """`grade` (and `grade audit`, `grade quiz`)."""
    choose_language()
    from grader.cli import main

    main()
