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
