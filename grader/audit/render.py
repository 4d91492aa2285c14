"""An audit's report as text (for staff) or JSON (for CI and scripts)."""

from __future__ import annotations

import json

from grader.audit.run import AuditReport, MutantOutcome
from grader.i18n import _

STATUSES = ("killed", "equivalent", "surviving", "error")


def _counts(counted) -> dict[str, int]:
    return {status: counted.count(status) for status in STATUSES}


def to_json(report: AuditReport) -> str:
    """One JSON document: totals, and per assignment its counts and every mutant's outcome."""
    def outcome(o: MutantOutcome) -> dict:
        m = o.mutant
        return {"id": m.id, "operator": m.operator, "function": m.function, "line": m.line,
                "description": m.description, "exercises": list(m.exercises), "status": o.status,
                "detail": o.detail, "seconds": round(o.seconds, 2), "diff": m.diff}

    return json.dumps({
        "generated": report.generated, **_counts(report), "seconds": round(report.seconds, 1),
        "clean": report.clean,
        "assignments": [{"assignment": a.assignment, "model_full_marks": a.model_full_marks,
                         "model_problems": a.model_problems, "generated": len(a.outcomes), **_counts(a),
                         "mutants": [outcome(o) for o in a.outcomes]} for a in report.assignments],
    }, indent=2)


def to_text(report: AuditReport) -> str:
    """Per assignment its counts; then every surviving mutant (and every error) with its diff;
    the equivalent ones listed apart, one line each; totals last."""
    lines: list[str] = []
    for entry in report.assignments:
        c = _counts(entry)
        lines.append(_("{assignment}: {mutants} mutants, {killed} killed, {equivalent} equivalent, {surviving} "
                       "surviving").format(assignment=entry.assignment, mutants=len(entry.outcomes), **c)
                     + (_(", {error} errors").format(error=c["error"]) if c["error"] else ""))
        if not entry.model_full_marks:
            lines.append("  " + _("the model solution itself loses marks ({problems}): fix the checks or the model "
                                  "first").format(problems=", ".join(entry.model_problems)))
        for outcome in entry.outcomes:
            if outcome.status in ("surviving", "error"):
                m = outcome.mutant
                word = _("SURVIVES") if outcome.status == "surviving" else _("ERROR")
                lines.append("  " + _("{word} {mutant} (line {line}, graded by {exercises}): {description}").format(
                    word=word, mutant=m.id, line=m.line, exercises=", ".join(m.exercises), description=m.description))
                lines.append(f"    {outcome.detail}")
                lines.extend("    " + line for line in m.diff.splitlines())
        equivalent = [o for o in entry.outcomes if o.status == "equivalent"]
        if equivalent:
            lines.append("  " + _("equivalent to the model (not counted as weak checks):"))
            lines.extend(f"    {o.mutant.id}: {o.mutant.description}" for o in equivalent)
    c = _counts(report)
    lines.append(_("total: {mutants} mutants, {killed} killed, {equivalent} equivalent, {surviving} surviving"
                   ).format(mutants=report.generated, **c)
                 + (_(", {error} errors").format(error=c["error"]) if c["error"] else "")
                 + f" ({report.seconds:.0f} s)")
    return "\n".join(lines)
