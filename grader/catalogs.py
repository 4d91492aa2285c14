"""The translation catalogs: which sources each domain's messages come from, extracting them
with Babel, bringing a `.po` file up to date, compiling it, and finding what is missing.

    python scripts/i18n.py update [DOMAIN...]   # extract, merge into each .po, compile .mo
    python scripts/i18n.py check                # what tests/test_i18n.py checks, as a list

Domains (see `grader.i18n.DOMAINS` for the ones looked up when grading):

- grader, cli, exercises, quiz, teacher: `_(...)`, `N_(...)` and `ngettext(...)` calls in the
  grader's own modules (which module is in which domain: `PYTHON_DOMAINS`);
- click: the messages of click's own modules (usage errors, help headings);
- quizbank: the question bank's texts, choices, explanations and mistakes' reasons;
- course: the stubs' docstrings, paragraph by paragraph (a release in Chinese is made from them).

A `.po` file holds no source locations, in message-id order, so that editing code does not
change it unless a message changes.
"""

from __future__ import annotations

import ast
import fnmatch
import io
import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from grader.i18n import LANGUAGES, LOCALE_DIR

ROOT = LOCALE_DIR.parent.parent
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
#: the grader's modules by domain (glob patterns relative to the repository); a module in none
#: of them is in "grader"
PYTHON_DOMAINS: dict[str, tuple[str, ...]] = {
    "cli": ("grader/cli.py", "grader/report.py", "grader/notebook.py", "grader/submission.py",
            "grader/helper_modules.py", "grader/course.py", "grader/i18n.py"),
    "exercises": ("grader/exercises/*.py", "grader/stand_ins.py", "grader/declare.py"),
    "quiz": ("grader/quiz/*.py",),
    "teacher": ("grader/teacher.py", "grader/stub_notebooks.py", "grader/student_copy.py",
                "grader/recording.py", "grader/class_command.py", "grader/classrun.py",
                "grader/parallel.py", "grader/gradebook.py", "grader/progress.py", "grader/batch.py",
                "grader/audit/*.py", "grader/catalogs.py", "grader/entry.py"),
}
#: click's modules whose messages a person can read (`grader.i18n._translate_click` patches these)
CLICK_MODULES = ("core", "decorators", "exceptions", "formatting", "parser", "termui", "types")
HEADER_DATE = datetime(2026, 12, 1, tzinfo=timezone.utc)
ALL_DOMAINS = ("grader", "cli", "exercises", "quiz", "teacher", "click", "quizbank", "course")
PLACEHOLDER = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z0-9_]*)[^{}]*\}(?!\})|%\(([A-Za-z_]+)\)[sdrf]|%[sdrf]")


def domain_of(path: Path) -> str:
    """The domain of one of the grader's modules."""
    relative = path.resolve().relative_to(ROOT).as_posix()
    for domain, patterns in PYTHON_DOMAINS.items():
        if any(fnmatch.fnmatch(relative, pattern) for pattern in patterns):
            return domain
    return "grader"


def sources(domain: str) -> list[Path]:
    """The files `domain`'s messages are extracted from, in a fixed order."""
    if domain == "click":
        import click

        folder = Path(click.__file__).parent
        return [folder / f"{name}.py" for name in CLICK_MODULES]
    if domain == "quizbank":
        return sorted((ROOT / "assignments" / "07_quiz" / "bank").glob("*.toml"))
    if domain == "course":
        return sorted(p for p in (ROOT / "assignments").glob("0[1-6]_*/*.py"))
    return [p for p in sorted((ROOT / "grader").rglob("*.py")) if domain_of(p) == domain]


# ------------------------------------------------------------------ extraction

def extract_bank(fileobj, keywords, comment_tags, options) -> Iterator[tuple]:  # noqa: ANN001 - Babel's extractor signature
    """A question bank file's texts, as a Babel extraction method."""
    document = tomllib.loads(fileobj.read().decode("utf-8"))
    for text in bank_texts(document):
        yield 0, None, text, []


def bank_texts(document: dict) -> Iterator[str]:
    """What a person reads of one bank file, as `load_bank` keeps it (stripped)."""
    if isinstance(document.get("topic"), str):
        yield document["topic"].strip()
    for question in document.get("question", []):
        for field in ("text", "explanation"):
            if isinstance(question.get(field), str):
                yield question[field].strip()
        for choice in question.get("choices", []):
            if isinstance(choice, str):
                yield choice.strip()
        for mistake in question.get("mistakes", []):
            if isinstance(mistake, dict) and isinstance(mistake.get("why"), str):
                yield mistake["why"].strip()


def extract_docstrings(fileobj, keywords, comment_tags, options) -> Iterator[tuple]:  # noqa: ANN001
    """A stub's docstrings (module and functions), paragraph by paragraph, as an extraction method."""
    tree = ast.parse(fileobj.read().decode("utf-8"))
    for node in [tree, *ast.walk(tree)]:
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)):
            docstring = ast.get_docstring(node, clean=True)
            if docstring:
                for paragraph in paragraphs(docstring):
                    if is_code(paragraph):
                        continue
                    yield getattr(node, "lineno", 1), None, paragraph, []


def paragraphs(text: str) -> list[str]:
    """`text`'s paragraphs: blocks separated by blank lines, each without trailing space."""
    return [block.strip("\n") for block in re.split(r"\n[ \t]*\n", text) if block.strip()]


def is_code(paragraph: str) -> bool:
    """A paragraph that is code or a formula (every line indented): kept as written."""
    return all(line.startswith((" ", "\t")) or not line.strip() for line in paragraph.splitlines())


def _method(domain: str):  # noqa: ANN202
    return {"quizbank": extract_bank, "course": extract_docstrings}.get(domain, "python")


def extract(domain: str) -> Catalog:
    """`domain`'s messages as they are in the sources now (a template: no translations)."""
    catalog = Catalog(domain=domain, project="dl-grader", fuzzy=False)
    for path in sources(domain):
        for lineno, message, comments, context in extract_from_file(_method(domain), path, keywords=KEYWORDS,
                                                                     comment_tags=("TRANSLATORS:",)):
            catalog.add(message, None, [(path.name, lineno)], auto_comments=comments, context=context)
    return catalog


# ------------------------------------------------------------------ files

def po_path(domain: str, language: str = "zh") -> Path:
    return LOCALE_DIR / LANGUAGES[language] / "LC_MESSAGES" / f"{domain}.po"


def read_catalog(domain: str, language: str = "zh") -> Catalog:
    path = po_path(domain, language)
    if not path.exists():
        return Catalog(locale=LANGUAGES[language], domain=domain)
    with path.open("rb") as file:
        return read_po(file, locale=LANGUAGES[language], domain=domain)


def po_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, no_location=True, omit_header=False, sort_output=True,
             ignore_obsolete=True)
    return buffer.getvalue()


def mo_bytes(catalog: Catalog) -> bytes:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def update(domain: str, language: str = "zh") -> tuple[int, int]:
    """Merge `domain`'s messages as extracted now into its `.po` (new ones untranslated, gone
    ones dropped), write it and its `.mo`. Returns (messages, untranslated)."""
    template = extract(domain)
    catalog = read_catalog(domain, language)
    catalog.update(template, no_fuzzy_matching=True)
    catalog.obsolete.clear()
    _fixed_header(catalog)
    path = po_path(domain, language)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(po_bytes(catalog))
    compile_catalog(domain, language)
    untranslated = sum(1 for m in catalog if m.id and not _translated(m))
    return len([m for m in catalog if m.id]), untranslated


def _fixed_header(catalog: Catalog) -> None:
    """A header that does not change from one update to the next (no dates, no placeholders)."""
    catalog.project, catalog.version, catalog.fuzzy = "dl-grader", "1", False
    catalog.creation_date = catalog.revision_date = HEADER_DATE
    catalog.last_translator = catalog.language_team = "dl-grader translators"
    catalog.msgid_bugs_address = ""
    catalog.copyright_holder = ""


def compile_catalog(domain: str, language: str = "zh") -> None:
    po_path(domain, language).with_suffix(".mo").write_bytes(mo_bytes(read_catalog(domain, language)))


def _translated(message) -> bool:  # noqa: ANN001
    if message.fuzzy:
        return False
    strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
    return all(s and s.strip() for s in strings)


def _ids(message) -> list[str]:  # noqa: ANN001
    return list(message.id) if isinstance(message.id, (list, tuple)) else [message.id]


def placeholders(text: str) -> set[str]:
    return {m.group(1) or m.group(2) or m.group(0) for m in PLACEHOLDER.finditer(text)}


@dataclass(frozen=True)
class Problem:
    domain: str
    kind: str  # untranslated, stale, missing, placeholders, not compiled
    message: str

    def __str__(self) -> str:
        return f"{self.domain}: {self.kind}: {self.message[:120]!r}"


def problems(domain: str, language: str = "zh") -> list[Problem]:
    """Everything that keeps `domain`'s catalog from translating every message the code can
    emit: a message with no (or a fuzzy) translation, one in the `.po` the sources no longer
    have, a translation whose placeholders differ from its message's, a `.mo` out of date."""
    found: list[Problem] = []
    extracted = {m.id: m for m in extract(domain) if m.id}
    catalog = read_catalog(domain, language)
    have = {m.id: m for m in catalog if m.id}
    for key in extracted:
        if key not in have:
            found.append(Problem(domain, "missing from the .po", _ids(extracted[key])[0]))
        elif not _translated(have[key]):
            found.append(Problem(domain, "untranslated", _ids(have[key])[0]))
    for key, message in have.items():
        if key not in extracted:
            found.append(Problem(domain, "stale (no longer in the sources)", _ids(message)[0]))
        elif _translated(message):
            strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
            wanted = set().union(*(placeholders(i) for i in _ids(message)))
            # a language with one plural form (Chinese) has one string for every count: it may
            # name the placeholders of either English form (click passes both, with one value)
            either = [placeholders(i) for i in _ids(message)] if len(strings) == 1 < len(_ids(message)) else []
            for string in strings:
                if placeholders(string) != wanted and placeholders(string) not in either:
                    found.append(Problem(domain, f"placeholders differ ({sorted(wanted)} vs "
                                                 f"{sorted(placeholders(string))})", _ids(message)[0]))
    mo = po_path(domain, language).with_suffix(".mo")
    if have and (not mo.exists() or mo.read_bytes() != mo_bytes(catalog)):
        found.append(Problem(domain, "not compiled", "run `python scripts/i18n.py update`"))
    return found


def unextractable_calls(path: Path) -> list[str]:
    """Calls `_(...)` whose message cannot be extracted because it is made at run time: an
    f-string, `"...".format(...)`, `%` or `+` inside the call (format the translation instead)."""
    bad = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "N_")
                and node.args and isinstance(node.args[0], (ast.JoinedStr, ast.BinOp, ast.Call))):
            bad.append(f"{path.name}:{node.lineno}")
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "N_"
                and node.args and not isinstance(node.args[0], ast.Constant)):
            bad.append(f"{path.name}:{node.lineno} (N_ takes a literal)")
    return bad
