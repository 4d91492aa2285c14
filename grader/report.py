"""Renderers: the same results as a terminal report or as one JSON document.

Renderers only read results; they never decide anything about a score.

Much of what a report shows comes from the student (exception messages, names, paths). The
text report therefore shows every control or formatting character visibly (`\x1b`, `\u202e`)
instead of sending it to the terminal, where an escape sequence, a carriage return or a bidi
override could paint a score the JSON does not hold, and never reads it as rich markup. The
JSON, Gradescope and JUnit documents carry the raw text, escaped by their serializers.
"""

from __future__ import annotations

import json
import re
import shlex
import unicodedata
from typing import Sequence

from rich.console import Console
from rich.text import Text

from grader.results import AssignmentResult, CheckResult, ExerciseResult, Failure


def to_json(results: Sequence[AssignmentResult]) -> str:
    """SYLLABUS's document for one assignment; for several, {"assignments": [...], totals}."""
    if len(results) == 1:
        document = results[0].to_json()
    else:
        document = {"score": round(sum(r.score for r in results), 4),
                    "max_score": round(sum(r.max_score for r in results), 4),
                    "assignments": [r.to_json() for r in results]}
    return json.dumps(document, indent=2, sort_keys=False)


#: Unicode categories never sent to a terminal as they are: controls (C0, DEL, C1 such as the
#: 8-bit CSI \x9b), formats (bidi overrides and isolates, zero-width characters), surrogates
#: (unencodable), line and paragraph separators
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def _escape_char(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def visible(text: str) -> str:
    """`text` with every control, format or separator character written out as an escape
    (`\x1b`, `\r`→`\x0d`, `\u202e`): what a terminal then shows is what the text holds."""
    if text.isprintable():
        return text
    return "".join(_escape_char(c) if c != " " and unicodedata.category(c) in _HIDDEN_CATEGORIES else c
                   for c in text)


def shell_quote(arg: str) -> str:
    """`arg` quoted for a POSIX shell, so a pasted command runs nothing it names (`;`,
    `$(...)`); an argument with invisible characters is written in bash's `$'...'` form, which
    shows them as escapes and still pastes back to the same bytes."""
    if arg.isprintable():
        return shlex.quote(arg)
    out = []
    for char in arg:
        code = ord(char)
        if char in "\\'":
            out.append("\\" + char)
        elif 0xDC80 <= code <= 0xDCFF:  # an undecodable byte of a file name (surrogateescape)
            out.append(f"\\x{code - 0xDC00:02x}")
        elif char.isprintable():
            out.append(char)
        elif code < 0x80:
            out.append(f"\\x{code:02x}")
        elif code < 0x10000:
            out.append(f"\\u{code:04x}")
        else:
            out.append(f"\\U{code:08x}")
    return "$'" + "".join(out) + "'"


#: first characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection),
#: with their full-width forms
_FORMULA_STARTS = tuple("=+-@\t\r\uff1d\uff0b\uff0d\uff20")


def csv_text(value: object) -> str:
    """A text cell for a gradebook CSV: control characters made visible, and a leading `'` when
    it would otherwise start a formula (`=HYPERLINK(...)`, `@SUM(...)`, `-1+1`)."""
    text = visible(str(value))
    return "'" + text if text.lstrip(" ").startswith(_FORMULA_STARTS) else text


def _points(value: float) -> str:
    """At most two decimals for reading (1.56, 4.5, 10); the JSON keeps four."""
    return f"{round(value, 2):g}"


def _not_run_note(checks: Sequence[CheckResult]) -> str:
    """"not run until matches_reference passes: keeps_dtype, inputs_unchanged" for skipped checks."""
    waiting: dict[str, list[str]] = {}
    for check in checks:
        needed = re.match(r"not run: needs `(\w+)`", check.message)
        if needed:
            waiting.setdefault(needed.group(1), []).append(check.name)
    return "; ".join(f"not run until {need} passes: {', '.join(names)}" for need, names in waiting.items())


def exercise_lines(result: AssignmentResult, exercise: ExerciseResult) -> list[tuple[str, str]]:
    """What a student reads under a failed exercise, as (style, text) lines indented by
    nesting: at most three failed checks in full, then what else failed or did not run.
    Every report format lays out these same lines."""
    if exercise.passed or _load_failure(result) is not None:
        return []
    lines: list[tuple[str, str]] = []
    failures = [c for c in exercise.checks if not c.passed]
    ran = [c for c in failures if not c.message.startswith("not run")]
    shown = (ran or failures)[:3]
    for check in shown:
        lines.extend(_failure_lines(check))
    also_failing = [c.name for c in ran[3:]]
    if also_failing:
        lines.append(("", f"(also failing: {', '.join(also_failing)})"))
    not_run = _not_run_note([c for c in failures if c not in shown])
    if not_run:
        lines.append(("", f"({not_run})"))
    return lines


def _failure_lines(check: CheckResult) -> list[tuple[str, str]]:
    failure = check.failure
    if failure is None:
        return [("check", f"{check.name}: {check.message}")]
    lines = [("check", f"{check.name}: {failure.summary}")]
    if failure.diagnosis:
        lines.append(("diagnosis", f"  {failure.diagnosis}"))
    if failure.call:
        lines.append(("call", f"  smallest failing call: {failure.call}"))
    if failure.expected or failure.got:
        lines.append(("", f"  expected {failure.expected}, got {failure.got}"))
    if failure.hint:
        lines.append(("", f"  hint: {failure.hint}"))
    return lines


def _load_failure(result: AssignmentResult) -> Failure | None:
    """The failure behind the first notice (a file that cannot be imported), if any."""
    return _failure_with_summary(result, result.notices[0]) if result.notices else None


STYLES = {"check": "yellow", "diagnosis": "magenta", "call": "cyan", "": ""}


def _line(*parts: str | tuple[str, str]) -> Text:
    """One line of the report from plain parts (never markup), student text made visible."""
    return Text.assemble(*((visible(part[0]), part[1]) if isinstance(part, tuple) else visible(part)
                           for part in parts))


def render_text(results: Sequence[AssignmentResult], console: Console, replay: str = "") -> None:
    """The terminal report; `replay` is the command that reproduces it exactly (already quoted
    for a shell: see `shell_quote`)."""
    for result in results:
        console.print(_line((result.assignment, "bold"), f"  {result.source}  ",
                            (f"{_points(result.score)} / {_points(result.max_score)}", "bold"),
                            f"  (seed {result.seed})"))
        if result.environment.get("timing") == "skipped":
            console.print("  timing not checked (--no-timing): each exercise's points count for its "
                          "other checks", style="dim", markup=False)
        for notice in result.notices:
            console.print(_line("  ", ("!", "red"), f" {notice}"))
        load_failure = _load_failure(result)
        if load_failure is not None and load_failure.hint:
            console.print(_line(f"    hint: {load_failure.hint}"))
        for exercise in result.exercises:
            mark = ("✓", "green") if exercise.passed else ("✗", "red")
            console.print(_line("  ", mark, f" {exercise.id:<32} {_points(exercise.score):>5} / "
                                            f"{_points(exercise.max_score)}"))
            for style, text in exercise_lines(result, exercise):
                console.print(_line(("      " + text, STYLES[style])) if STYLES[style] else _line("      " + text))
    if len(results) > 1:
        total = sum(r.score for r in results)
        top = sum(r.max_score for r in results)
        console.print(_line((f"total {_points(round(total, 4))} / {_points(round(top, 4))}", "bold")))
    if replay:
        console.print(_line((f"Replay exactly: {replay}", "dim")))


def _one_line(text: str) -> str:
    """Student text as one visible line: control characters escaped, and long runs of spaces
    squeezed (they would push forged text to where a reader expects a line of its own)."""
    return re.sub(r" {8,}", " ", visible(text))


def _plain(result: AssignmentResult, exercise: ExerciseResult) -> str:
    """The report's lines for one exercise, one per line: a newline or escape sequence inside
    a message (student text) is shown escaped, never as a line of its own."""
    return "\n".join(_one_line(text) for _, text in exercise_lines(result, exercise))


def _gradescope_output(result: AssignmentResult, exercise: ExerciseResult) -> str:
    """A test's output: its failure lines; for a file that could not be imported, that reason
    (each test is read on its own, so each says why); "all checks passed" only when they did."""
    lines = _plain(result, exercise)
    if lines:
        return lines
    if exercise.passed:
        return "all checks passed"
    if result.notices:
        return "\n".join(_one_line(notice) for notice in result.notices)
    return "\n".join(_one_line(f"{c.name}: {c.message}") for c in exercise.checks if not c.passed)


def _summary(result: AssignmentResult) -> str:
    lines = [f"{result.assignment}: {_points(result.score)} / {_points(result.max_score)} (seed {result.seed})"]
    lines += [f"! {_one_line(notice)}" for notice in result.notices]
    return "\n".join(lines)


def to_gradescope(results: Sequence[AssignmentResult]) -> str:
    """Gradescope's autograder results.json: one test per exercise, with its points and the
    same failure lines as the terminal report."""
    tests = []
    for result in results:
        for number, exercise in enumerate(result.exercises, start=1):
            tests.append({"name": f"{result.assignment}: {exercise.id}" if len(results) > 1 else exercise.id,
                          "number": f"{result.assignment[:2]}.{number}",
                          "score": exercise.score, "max_score": exercise.max_score,
                          "status": "passed" if exercise.passed else "failed",
                          "output": _gradescope_output(result, exercise),
                          "visibility": "visible"})
    document = {"score": round(sum(r.score for r in results), 4),
                "output": "\n".join(_summary(r) for r in results),
                "visibility": "visible", "stdout_visibility": "hidden",
                "extra_data": {"seeds": sorted({r.seed for r in results})}, "tests": tests}
    return json.dumps(document, indent=2)


#: characters XML 1.0 cannot hold; student messages may contain them
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_safe(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _not_run(check: CheckResult) -> bool:
    return not check.passed and check.message.startswith("not run")


def to_junit(results: Sequence[AssignmentResult]) -> str:
    """JUnit XML for CI dashboards: a testsuite per assignment, a testcase per check, a failure
    element (its one-line message and the report's lines) per failed check; points as properties."""
    from xml.etree import ElementTree as ET

    root = ET.Element("testsuites", name="grade")
    for result in results:
        checks = [(exercise, check) for exercise in result.exercises for check in exercise.checks]
        skipped = sum(_not_run(check) for _, check in checks)
        failed = sum(not check.passed for _, check in checks) - skipped
        suite = ET.SubElement(root, "testsuite", name=result.assignment, tests=str(len(checks)),
                              failures=str(failed), errors="0", skipped=str(skipped),
                              time=str(result.environment.get("seconds", 0)))
        properties = ET.SubElement(suite, "properties")
        for name, value in (("score", result.score), ("max_score", result.max_score), ("seed", result.seed),
                            ("source", result.source)):
            ET.SubElement(properties, "property", name=name, value=_xml_safe(str(value)))
        for exercise, check in checks:
            case = ET.SubElement(suite, "testcase", classname=f"{result.assignment}.{exercise.id}",
                                 name=check.name, time="0")
            if _not_run(check):  # it did not fail: a check it needs did
                ET.SubElement(case, "skipped", message=_xml_safe(check.message[:500]))
            elif not check.passed:
                failure = ET.SubElement(case, "failure", message=_xml_safe(check.message[:500]), type=check.name)
                failure.text = _xml_safe("\n".join(text for _, text in _failure_lines(check)))
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _failure_with_summary(result: AssignmentResult, summary: str) -> Failure | None:
    for exercise in result.exercises:
        for check in exercise.checks:
            if check.failure is not None and check.failure.summary == summary:
                return check.failure
    return None
