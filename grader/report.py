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

from grader.i18n import N_, _, ngettext
from grader.results import AssignmentResult, CheckResult, ExerciseResult, Failure


#: a course's assignments that were not graded and are not in its total: (assignment id, why)
Missing = Sequence[tuple[str, str]]


def to_json(results: Sequence[AssignmentResult], missing: Missing = ()) -> str:
    """SYLLABUS's document for one assignment. For the course (several assignments, or one with
    others missing) the same shape, `"assignment": "course"`, with every exercise (each naming
    its assignment, as function names repeat across assignments), the totals, each assignment's
    own document under `"assignments"`, and what was not graded under `"missing"`. A file that
    cannot be read is an assignment scoring 0 whose notice says why."""
    if len(results) == 1 and not missing:
        document = results[0].to_json()
    else:
        document = {"assignment": "course",
                    "score": round(sum(r.score for r in results), 4),
                    "max_score": round(sum(r.max_score for r in results), 4),
                    **({"seed": results[0].seed} if len({r.seed for r in results}) == 1 else {}),
                    "exercises": [{"assignment": r.assignment, **e.to_json()} for r in results for e in r.exercises],
                    "assignments": [r.to_json() for r in results],
                    "missing": [{"assignment": aid, "reason": why} for aid, why in missing]}
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


#: what a check that another one waits for must show first, in words
_NEEDS = {"implemented": N_("it is implemented"),
          "allowed_apis": N_("it uses only allowed libraries"),
          "does_the_job": N_("it does its job (its results are computed, not zeros, its input or a constant)"),
          "matches_reference": N_("its values match the reference")}


def check_words(name: str, short: bool = False) -> str:
    """What a check looks at, in the student's words (runner's PASS_MESSAGES), not its id;
    `short`: without the explanation in parentheses ("does its job")."""
    from grader.runner import PASS_MESSAGES

    words = _(PASS_MESSAGES[name]) if name in PASS_MESSAGES else name.replace("_", " ")
    if short:  # (a translation may use full-width parentheses and colons)
        words = re.split(r" \(|（", words)[0]
    head, colon, rest = re.split(r"(: |：)", words, maxsplit=1) if re.search(r": |：", words) else (words, "", "")
    if not colon:
        return words
    return f"{head}（{rest}）" if colon == "：" else f"{head} ({rest})"


def _worth(check: CheckResult) -> str:
    """"2.5/5": what a check earned of what it is worth; "" for a check worth no points itself."""
    return f"{_points(check.points)}/{_points(check.max_points)}" if check.max_points > 0 else ""


def _not_run_notes(checks: Sequence[CheckResult]) -> list[str]:
    """One line per check the others wait for, in words (not check ids): "not run until it is
    implemented, so 0/3: matches the reference on generated inputs; keeps the input's dtype"."""
    waiting: dict[str, list[CheckResult]] = {}
    for check in checks:
        if check.not_run:
            waiting.setdefault(check.failure.waits_for, []).append(check)
    lines = []
    for need, waiting_checks in waiting.items():
        until = _(_NEEDS[need]) if need in _NEEDS else \
            _("this passes: {check}").format(check=check_words(need, short=True))
        worth = sum(c.max_points for c in waiting_checks)
        listed = _("; ").join(check_words(c.name, short=True) for c in waiting_checks)
        if worth > 0:
            lines.append(_("not run until {until}, so 0/{worth}: {checks}").format(
                until=until, worth=_points(worth), checks=listed))
        else:
            lines.append(_("not run until {until}: {checks}").format(until=until, checks=listed))
    return lines


#: how points are split, said once per report
POINTS_NOTE = N_("points: each exercise's points are split across its checks by weight; a failed check shows "
                 "earned/worth (2.5/5 when some of the values it returns are right, 0/1 when none); "
                 "a check shown without points is worth none itself, but the others wait for it")


def exercise_lines(result: AssignmentResult, exercise: ExerciseResult) -> list[tuple[str, str]]:
    """What a student reads under a failed exercise, as (style, text) lines indented by
    nesting: at most three failed checks in full, then what else failed or did not run.
    Every report format lays out these same lines. An exercise's notes come first, passed or
    not (it was judged with the grader's version of a function it calls)."""
    if _load_failure(result) is not None:
        return []
    lines: list[tuple[str, str]] = [("", _("note: {note}").format(note=note)) for note in exercise.notes]
    if exercise.passed:
        return lines
    failures = [c for c in exercise.checks if not c.passed]
    ran = [c for c in failures if not c.not_run]
    shown = (ran or failures)[:3]
    for check in shown:
        lines.extend(_failure_lines(check))
    also_failing = [f"{c.name} {_worth(c)}".rstrip() for c in ran[3:]]
    if also_failing:
        lines.append(("", _("(also failing: {checks})").format(checks=", ".join(also_failing))))
    for note in _not_run_notes([c for c in failures if c not in shown]):
        lines.append(("", _("({note})").format(note=note)))
    return lines


#: a call longer than this is shortened in reports (the JSON message keeps it whole)
CALL_CHARS = 600


def _short_call(call: str) -> str:
    """A failing call a student can read: one that is several statements (an optimizer's steps)
    keeps its first and last ones and says how many are left out; a single long one is cut."""
    if len(call) <= CALL_CHARS:
        return call
    statements = call.split("; ")
    if len(statements) > 3:
        head, tail = statements[:2], [statements[-1]]
        while len(statements) - len(head) - len(tail) > 1 and \
                len("; ".join(head + statements[len(head):len(head) + 1] + tail)) <= CALL_CHARS:
            head.append(statements[len(head)])
        left_out = len(statements) - len(head) - len(tail)
        if left_out > 0:
            more = ngettext("<{count} more statement like these>", "<{count} more statements like these>",
                            left_out).format(count=left_out)
            return "; ".join(head + [more] + tail)
    return call[:CALL_CHARS - 40] + " " + _("<... {count} more characters>").format(count=len(call) - CALL_CHARS + 40)


def _failure_lines(check: CheckResult) -> list[tuple[str, str]]:
    failure = check.failure
    label = f"{check.name}: {_worth(check)} —" if _worth(check) else f"{check.name}:"
    if failure is None:
        return [("check", f"{label} {check.message}")]
    lines = [("check", f"{label} {failure.summary}")]
    if failure.diagnosis:
        lines.append(("diagnosis", f"  {failure.diagnosis}"))
    if failure.call:
        call = _short_call(failure.call)
        if "(<shape " in call or call != failure.call:
            said = _("smallest failing call (shortened: <...> stands for what is too long to print): {call}")
        else:
            said = _("smallest failing call: {call}")
        lines.append(("call", "  " + said.format(call=call)))
    if failure.expected or failure.got:
        lines.append(("", "  " + _("expected {expected}, got {got}").format(expected=failure.expected,
                                                                             got=failure.got)))
    if failure.hint:
        lines.append(("", "  " + _("hint: {hint}").format(hint=failure.hint)))
    if failure.explanation:
        lines.append(("", "  " + _("explanation: {text}").format(text=failure.explanation)))
    return lines


def _load_failure(result: AssignmentResult) -> Failure | None:
    """The failure behind the first notice (a file that cannot be imported), if any."""
    return _failure_with_summary(result, result.notices[0]) if result.notices else None


STYLES = {"check": "yellow", "diagnosis": "magenta", "call": "cyan", "": ""}


def _line(*parts: str | tuple[str, str]) -> Text:
    """One line of the report from plain parts (never markup), student text made visible."""
    return Text.assemble(*((visible(part[0]), part[1]) if isinstance(part, tuple) else visible(part)
                           for part in parts))


def unreadable(result: AssignmentResult) -> str:
    """Why a course's assignment was not graded though it is there (its file or folder cannot
    be read: it counts 0 in the total), or ""."""
    return str(result.environment.get("unreadable", ""))


def total_lines(results: Sequence[AssignmentResult], missing: Missing = ()) -> list[str]:
    """The course's total, then what counts 0 in it because it cannot be read and what is not
    in it because it is not there, each with why."""
    total = round(sum(r.score for r in results), 4)
    top = round(sum(r.max_score for r in results), 4)
    lines = [_("total {score} / {max_score}").format(score=_points(total), max_score=_points(top))]
    lines += ["  " + _("counted as 0 / {max_score}: {assignment}: {why}").format(
        max_score=_points(r.max_score), assignment=r.assignment, why=unreadable(r)) for r in results if unreadable(r)]
    lines += ["  " + _("not graded, not in the total: {assignment}: {why}").format(assignment=aid, why=why)
              for aid, why in missing]
    return lines


def render_text(results: Sequence[AssignmentResult], console: Console, replay: str = "",
                missing: Missing = ()) -> None:
    """The terminal report; `replay` is the command that reproduces it exactly (already quoted
    for a shell: see `shell_quote`); `missing`: a course's assignments not found, named in its total."""
    explained = False
    for result in results:
        console.print(_line((result.assignment, "bold"), f"  {result.source}  ",
                            (f"{_points(result.score)} / {_points(result.max_score)}", "bold"),
                            "  " + _("(seed {seed})").format(seed=result.seed)))
        if result.environment.get("cases") == "recorded":
            console.print("  " + _("student copy: graded on the cases recorded at release; official grading draws "
                                   "fresh ones and names more causes"), style="dim", markup=False)
        if result.environment.get("timing") == "skipped":
            console.print("  " + _("timing not checked (--no-timing): each exercise's points count for its "
                                   "other checks"), style="dim", markup=False)
        for notice in result.notices:
            console.print(_line("  ", ("!", "red"), f" {notice}"))
        load_failure = _load_failure(result)
        if load_failure is not None and load_failure.hint:
            console.print(_line("    " + _("hint: {hint}").format(hint=load_failure.hint)))
        for exercise in result.exercises:
            mark = ("✓", "green") if exercise.passed else ("✗", "red")
            console.print(_line("  ", mark, f" {exercise.id:<32} {_points(exercise.score):>5} / "
                                            f"{_points(exercise.max_score)}"))
            for style, text in exercise_lines(result, exercise):
                explained = explained or len(exercise.checks) > 1  # (a quiz question has one check)
                console.print(_line(("      " + text, STYLES[style])) if STYLES[style] else _line("      " + text))
    if explained:
        console.print(_line((_(POINTS_NOTE), "dim")))
    if len(results) > 1 or missing:
        first, *rest = total_lines(results, missing)
        console.print(_line((first, "bold")))
        for text in rest:
            console.print(_line(text))
    if replay:
        console.print(_line((_("Replay exactly: {command}").format(command=replay), "dim")))


def _one_line(text: str) -> str:
    """Student text as one visible line: control characters escaped, and long runs of spaces
    squeezed (they would push forged text to where a reader expects a line of its own)."""
    from grader.sandbox.wire import squeeze_padding

    return squeeze_padding(visible(text))


def _plain(result: AssignmentResult, exercise: ExerciseResult) -> str:
    """The report's lines for one exercise, one per line: a newline or escape sequence inside
    a message (student text) is shown escaped, never as a line of its own."""
    return "\n".join(_one_line(text) for _, text in exercise_lines(result, exercise))


def _gradescope_output(result: AssignmentResult, exercise: ExerciseResult) -> str:
    """A test's output: its failure lines; for a file that could not be imported, that reason
    (each test is read on its own, so each says why); "all checks passed" only when they did."""
    notes = "".join("\n" + _one_line(_("note: {note}").format(note=note)) for note in getattr(exercise, "notes", ()))
    lines = _plain(result, exercise)
    if lines:
        return lines + notes
    if exercise.passed:
        return _("all checks passed") + notes
    if result.notices:
        return "\n".join(_one_line(notice) for notice in result.notices)
    return "\n".join(_one_line(f"{c.name}: {c.message}") for c in exercise.checks if not c.passed)


def _summary(result: AssignmentResult) -> str:
    lines = [f"{result.assignment}: {_points(result.score)} / {_points(result.max_score)} "
             + _("(seed {seed})").format(seed=result.seed)]
    lines += [f"! {_one_line(notice)}" for notice in result.notices]
    return "\n".join(lines)


def to_gradescope(results: Sequence[AssignmentResult], missing: Missing = ()) -> str:
    """Gradescope's autograder results.json: one test per exercise, with its points and the
    same failure lines as the terminal report; for the course, its total as the text report
    says it (what counts 0, what is missing)."""
    tests = []
    for result in results:
        for number, exercise in enumerate(result.exercises, start=1):
            tests.append({"name": f"{result.assignment}: {exercise.id}" if len(results) > 1 else exercise.id,
                          "number": f"{result.assignment[:2]}.{number}",
                          "score": exercise.score, "max_score": exercise.max_score,
                          "status": "passed" if exercise.passed else "failed",
                          "output": _gradescope_output(result, exercise),
                          "visibility": "visible"})
    summary = [_summary(r) for r in results]
    if len(results) > 1 or missing:
        summary += [_one_line(line) for line in total_lines(results, missing)]
    if any(_plain(r, e) and len(e.checks) > 1 for r in results for e in r.exercises):
        summary.append(_(POINTS_NOTE))
    document = {"score": round(sum(r.score for r in results), 4),
                "output": "\n".join(summary),
                "visibility": "visible", "stdout_visibility": "hidden",
                "extra_data": {"seeds": sorted({r.seed for r in results})}, "tests": tests}
    return json.dumps(document, indent=2)


#: characters XML 1.0 cannot hold; student messages may contain them
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_safe(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _not_run(check: CheckResult, load_failure: str | None = None, first: bool = False) -> bool:
    """A check that did not run: it waits for a check that failed, or (`load_failure`, the
    reason the file could not be imported) it had nothing to run; the exercise's first check
    carries that reason as its failure."""
    if check.passed:
        return False
    return check.not_run or (
        load_failure is not None and not first and check.message.startswith(load_failure))


def to_junit(results: Sequence[AssignmentResult], missing: Missing = ()) -> str:
    """JUnit XML for CI dashboards: a testsuite per assignment, a testcase per check, a failure
    element (its one-line message and the report's lines) per failed check; points as properties.
    A course's assignment that cannot be read is a suite whose checks fail saying why; one that
    is missing, a suite with one skipped testcase saying why."""
    from xml.etree import ElementTree as ET

    root = ET.Element("testsuites", name="grade")
    for result in results:
        load = _load_failure(result)
        reason = load.summary if load is not None else None
        checks = [(exercise, check, number == 0) for exercise in result.exercises
                  for number, check in enumerate(exercise.checks)]
        skipped = sum(_not_run(check, reason, first) for _, check, first in checks)
        failed = sum(not check.passed for _, check, _ in checks) - skipped
        suite = ET.SubElement(root, "testsuite", name=result.assignment, tests=str(len(checks)),
                              failures=str(failed), errors="0", skipped=str(skipped),
                              time=str(result.environment.get("seconds", 0)))
        properties = ET.SubElement(suite, "properties")
        for name, value in (("score", result.score), ("max_score", result.max_score), ("seed", result.seed),
                            ("source", result.source)):
            ET.SubElement(properties, "property", name=name, value=_xml_safe(str(value)))
        for exercise, check, first in checks:
            case = ET.SubElement(suite, "testcase", classname=f"{result.assignment}.{exercise.id}",
                                 name=check.name, time="0")
            if _not_run(check):  # it did not fail: a check it needs did
                ET.SubElement(case, "skipped", message=_xml_safe(check.message[:500]))
            elif _not_run(check, reason, first):  # nothing to run: the file could not be imported
                ET.SubElement(case, "skipped", message=_xml_safe(
                    _("not run: the file could not be imported (see `{check}`)").format(check=exercise.checks[0].name)))
            elif not check.passed:
                failure = ET.SubElement(case, "failure", message=_xml_safe(check.message[:500]), type=check.name)
                failure.text = _xml_safe("\n".join(text for _, text in _failure_lines(check)))
    for assignment_id, why in missing:
        suite = ET.SubElement(root, "testsuite", name=assignment_id, tests="1", failures="0", errors="0",
                              skipped="1", time="0")
        case = ET.SubElement(suite, "testcase", classname=assignment_id, name="found", time="0")
        ET.SubElement(case, "skipped", message=_xml_safe(_("not graded, not in the total: {why}").format(why=why)[:500]))
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _failure_with_summary(result: AssignmentResult, summary: str) -> Failure | None:
    for exercise in result.exercises:
        for check in exercise.checks:
            if check.failure is not None and check.failure.summary == summary:
                return check.failure
    return None


def _fenced(text: str) -> str:
    """Student text as a Markdown code block: shown as written, never rendered (no links,
    images or HTML), and no line of it can close the block."""
    return "```text\n" + visible(text).replace("```", "'''") + "\n```"


def to_markdown(results: Sequence[AssignmentResult], missing: Missing = ()) -> str:
    """A Markdown summary (a CI job's summary, e.g. GitHub's $GITHUB_STEP_SUMMARY): the score,
    a table of the exercises, and the failure lines of each exercise that lost points, in code
    blocks (student text is never rendered)."""
    total = round(sum(r.score for r in results), 4)
    most = round(sum(r.max_score for r in results), 4)
    seeds = sorted({r.seed for r in results})
    lines = ["## " + _("Score: {score} / {max_score}").format(score=_points(total), max_score=_points(most)), "",
             _("Seed {seeds} (replay: `grade PATH --seed {seed}`).").format(seeds=", ".join(map(str, seeds)),
                                                                            seed=seeds[0]) if seeds else "", "",
             "| {} | {} | {} | |".format(_("assignment"), _("exercise"), _("points")), "| --- | --- | ---: | --- |"]
    for result in results:
        for exercise in result.exercises:
            mark = _("passed") if exercise.passed else _("failed")
            lines.append(f"| {result.assignment} | `{exercise.id}` | {_points(exercise.score)} / "
                         f"{_points(exercise.max_score)} | {mark} |")
    lines.append("")
    for assignment_id, why in missing:
        lines += [f"**{assignment_id}**: " + _("not graded, not in the total."), _fenced(why), ""]
    for result in results:
        for notice in result.notices:
            lines += [f"**{result.assignment}**:", _fenced(notice), ""]
        for exercise in result.exercises:
            text = _gradescope_output(result, exercise)
            if not exercise.passed and text not in result.notices:  # an import failure is said once
                lines += [f"**{result.assignment} `{exercise.id}`**", _fenced(text), ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def to_classroom(results: Sequence[AssignmentResult], missing: Missing = ()) -> str:
    """The result GitHub Classroom's autograding reporter reads (its `<RUNNER>_RESULTS`, base64
    encoded by the workflow): one test per exercise with its points; status "pass" only when
    every exercise passed, "error" when a file could not be imported or read."""
    tests = [{"name": f"{result.assignment}: {exercise.id}", "status": "pass" if exercise.passed else "fail",
              "score": exercise.score, "max_score": exercise.max_score,
              "message": _gradescope_output(result, exercise), "test_code": "", "filename": result.source,
              "line_no": 0, "execution_time": ""}
             for result in results for exercise in result.exercises]
    broken = any(_load_failure(result) is not None or unreadable(result) for result in results)
    status = "error" if broken else "pass" if all(t["status"] == "pass" for t in tests) and tests else "fail"
    return json.dumps({"version": 1, "status": status, "max_score": round(sum(r.max_score for r in results), 4),
                       "tests": tests}, indent=2)
