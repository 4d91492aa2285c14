"""The console scripts' entry points: choose the language first, then build the command.

A command's help texts are `_(...)` evaluated when its module is imported (click builds the
options then), so the language must be in force before the import: each entry point reads
`--lang X` / `--lang=X` from the command line (else the environment: LANGUAGE, LC_ALL,
LC_MESSAGES, LANG), calls `grader.i18n.use`, and only then imports and runs its command. The
command's own `--lang` option applies the same choice again when click parses it (and rejects
an unknown language with click's usage error).

    [project.scripts]
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


def _use_language(ctx, param, value):  # noqa: ANN001, ANN202, ARG001 - click's callback signature
    """`--lang`'s callback: the language of every message from here on (the environment's when
    not given), in force before the command prints anything."""
    language = value or i18n.language_from_environment()
    i18n.use(language)
    return language


def language_option():  # noqa: ANN201 - a click decorator
    """`--lang en|zh` for grade-teacher and grade-class: the language of the command's messages
    (default: the environment's), applied (eagerly, before the other options) with `i18n.use`."""
    import click

    from grader.i18n import _

    return click.option("--lang", type=click.Choice(list(i18n.LANGUAGES)), default=None, expose_value=False,
                        is_eager=True, callback=_use_language,
                        help=_("The language of the messages: en or zh (default: from LANGUAGE, LC_ALL, "
                               "LC_MESSAGES or LANG; English when they name neither)."))


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


# `grade()` (the students' `grade` command, grader.cli) goes here: choose_language(), then
# import grader.cli and run its main.
