"""The language people read: English or Simplified Chinese, through gettext catalogs.

Every message a person reads is written in English in the code and looked up in a catalog when
it is made:

    from grader.i18n import _, N_

    _("wrong result for {call}").format(call=call)      # made now: translated now
    HINT = N_("subtract each slice's maximum first")      # declared at import: marked only,
    ...  _(HINT)  ...                                     # translated where it is used

so a message is in the language chosen when it was made, and a declaration made at import time
is translated each time it is shown (a notebook can change language after the exercises loaded).
Messages with values use named placeholders (`{call}`), so a translation can reorder them.
Machine-readable text (JSON keys, exercise and check ids, numbers, calls to paste) is never
passed through `_`.

The catalogs live in `grader/locale/<locale>/LC_MESSAGES/<domain>.po` (compiled to `.mo`,
extracted and compiled with Babel by `python scripts/i18n.py`). Each domain covers one part of
the product (see `DOMAINS`); a lookup tries every domain, so a message id means the same wherever
it appears. Click's own messages (usage errors, "Show this message and exit.") are looked up
here too, while a language other than English is in use.

The language is process-wide: `use("zh")` (the commands' `--lang`, `check(..., lang="zh")`),
defaulting to what the environment says (`LANGUAGE`, `LC_ALL`, `LC_MESSAGES`, `LANG`).
"""

from __future__ import annotations

import contextlib
import gettext
import os
from collections.abc import Iterator, Mapping
from functools import lru_cache
from pathlib import Path

#: the languages a person can choose, each with the gettext locale its catalogs are under
LANGUAGES: dict[str, str] = {"en": "en", "zh": "zh_CN"}
DEFAULT_LANGUAGE = "en"
LOCALE_DIR = Path(__file__).resolve().parent / "locale"
#: the catalogs, one per part of the product; the domain's name is its file's name
DOMAINS = ("grader", "cli", "exercises", "quiz", "teacher", "click", "quizbank", "course")
#: the environment variables gettext reads, in its order of precedence
LANGUAGE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")

_language = DEFAULT_LANGUAGE


def language_from_environment(environ: Mapping[str, str] | None = None) -> str:
    """The language the environment asks for: the first of `LANGUAGE_VARIABLES` that is set
    and names a language of ours (`zh_CN.UTF-8`, `zh_TW`, `zh` are Chinese; `LANGUAGE` may list
    several, `zh_CN:en`); English when none does. `C` and `POSIX` count as English."""
    environ = os.environ if environ is None else environ
    for variable in LANGUAGE_VARIABLES:
        value = environ.get(variable, "").strip()
        if not value:
            continue
        for entry in value.split(":"):
            language = normalise(entry)
            if language is not None:
                return language
        if variable != "LANGUAGE":  # gettext: LANGUAGE lists wishes; the first LC_* set decides
            return DEFAULT_LANGUAGE
    return DEFAULT_LANGUAGE


def normalise(name: str) -> str | None:
    """`zh`, `zh_CN`, `zh-CN`, `zh_CN.UTF-8`, `ZH` -> "zh"; `en_US.UTF-8`, `C` -> "en"; None
    for a language we have no catalog for."""
    base = name.strip().split(".")[0].split("@")[0].replace("-", "_").lower()
    if base in ("c", "posix"):
        return "en"
    head = base.split("_")[0]
    return head if head in LANGUAGES else None


@lru_cache(maxsize=None)
def translations(language: str) -> gettext.NullTranslations:
    """The catalogs of `language`, every domain chained (English: none, messages stay as written)."""
    chain: gettext.NullTranslations = gettext.NullTranslations()
    if language == DEFAULT_LANGUAGE:
        return chain
    found = [gettext.translation(domain, LOCALE_DIR, [LANGUAGES[language]], fallback=True) for domain in DOMAINS]
    first, *rest = [t for t in found if type(t) is not gettext.NullTranslations] or [chain]
    for more in rest:
        first.add_fallback(more)
    return first


def use(language: str) -> None:
    """Make `language` ("en" or "zh") the language of every message made from now on."""
    global _language
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; one of {', '.join(LANGUAGES)}")
    _language = language
    _translate_click(language)


def current() -> str:
    """The language messages are made in now."""
    return _language


@contextlib.contextmanager
def using(language: str) -> Iterator[None]:
    """`language` within the block, the one before after it."""
    before = _language
    use(language)
    try:
        yield
    finally:
        use(before)


def _(message: str) -> str:
    """`message` in the current language (as written when it has no translation)."""
    if _language == DEFAULT_LANGUAGE or not message:
        return message
    return translations(_language).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a message for a count of `n`, in the current language."""
    if _language == DEFAULT_LANGUAGE:
        return singular if n == 1 else plural
    return translations(_language).ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks `message` for the catalogs without translating it: for text declared at import
    time, which is passed through `_` where it is shown."""
    return message


def _translate_click(language: str) -> None:
    """Click looks its messages up with the standard library's `gettext.gettext`/`ngettext`,
    bound in each of its modules; while a language other than English is in use, those names
    are this module's lookups, and English puts the standard library's back."""
    import click.core
    import click.decorators
    import click.exceptions
    import click.formatting
    import click.parser
    import click.termui
    import click.types

    english = language == DEFAULT_LANGUAGE
    for module in (click.core, click.decorators, click.exceptions, click.formatting, click.parser,
                   click.termui, click.types):
        module._ = gettext.gettext if english else _  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = gettext.ngettext if english else ngettext  # type: ignore[attr-defined]


def language_option():  # noqa: ANN201 - a click decorator
    """`--lang en|zh` for a click command: applied (`use`) before any other option is read, so
    every message of the run is in it; the default is what the environment says."""
    import click

    def apply(ctx: click.Context, param: click.Parameter, value: str | None) -> str:
        language = value or language_from_environment()
        use(language)
        return language

    return click.option("--lang", "language", type=click.Choice(list(LANGUAGES)), default=None, is_eager=True,
                        expose_value=False, callback=apply,
                        help=_("The language of the messages: en or zh (default: from LANGUAGE, LC_ALL, "
                               "LC_MESSAGES or LANG; English when they name neither)."))
