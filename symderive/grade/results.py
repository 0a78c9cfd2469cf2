"""The class's results as CSV (one row per student) and as JSON (every claim's detail).

CSV columns: ``student``, one column per question (the problem file's stem), ``total``,
``max``, ``status`` (``graded`` or ``error``) and ``reason``. A submission that could not be
graded has empty scores and its reason. Text cells that a spreadsheet would run as a formula
(a student's file named ``=1+1.md``, or ``@SUM(…)``) are quoted with a leading apostrophe, as
spreadsheets themselves do. The text is returned whole; the CLI writes it atomically, so a
reader never sees half a file.
"""

from __future__ import annotations

import csv
import io
from dataclasses import asdict
from fractions import Fraction
from typing import Any

from symderive import __version__
from symderive.grade.points import Scheme
from symderive.grade.scoring import shown
from symderive.grade.student import StudentResult
from symderive.grade.summary import ClassSummary

JSON_SCHEMA_VERSION = 1


_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def spreadsheet_safe(text: str) -> str:
    """A text cell a spreadsheet shows as text: one that could start a formula gets a ``'``."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def csv_text(results: list[StudentResult], scheme: Scheme) -> str:
    """One row per student, in the order the submissions were found."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    names = [question.name for question in scheme.questions]
    writer.writerow(["student", *map(spreadsheet_safe, names), "total", "max", "status", "reason"])
    for result in results:
        if result.score is None:
            scores = [""] * len(names) + [""]
        else:
            scores = [shown(q.earned) for q in result.score.questions] + [
                shown(result.score.earned)
            ]
        writer.writerow(
            [
                spreadsheet_safe(result.name),
                *scores,
                shown(scheme.points),
                result.status,
                spreadsheet_safe(result.reason or ""),
            ]
        )
    return buffer.getvalue()


def _number(value: Fraction) -> float | int:
    return value.numerator if value.denominator == 1 else round(float(value), 6)


def _student(result: StudentResult) -> dict[str, Any]:
    data: dict[str, Any] = {
        "student": result.name,
        "files": list(result.paths),
        "status": result.status,
        "reason": result.reason,
        "seconds": round(result.seconds, 3),
    }
    if result.score is not None and result.checked is not None:
        checked = result.checked
        data["total"] = _number(result.score.earned)
        data["max"] = _number(result.score.points)
        data["questions"] = {
            q.name: {"points": _number(q.earned), "max": _number(q.points)}
            for q in result.score.questions
        }
        data["parts"] = [
            {
                "problem": part.problem,
                "part": part.part,
                "name": part.name,
                "points": _number(part.earned),
                "max": _number(part.points),
                "result": part.status,
                "diagnosis": part.diagnosis,
            }
            for question in result.score.questions
            for part in question.parts
        ]
        data["claims"] = [asdict(claim) for claim in checked.claims]
        data["chains"] = [asdict(chain) for chain in checked.chains]
        data["missing"] = [{"problem": p, "part": k, "name": n} for p, k, n in checked.missing]
        data["cache"] = {"hits": checked.hits, "misses": checked.misses}
    return data


def json_data(
    results: list[StudentResult], scheme: Scheme, summary: ClassSummary
) -> dict[str, Any]:
    """Versioned JSON: the points scheme, every student with every claim, and the summary."""
    return {
        "schema_version": JSON_SCHEMA_VERSION,
        "tool": "symderive",
        "version": __version__,
        "command": "grade",
        "max": _number(scheme.points),
        "questions": [
            {
                "name": question.name,
                "file": question.path,
                "max": _number(question.points),
                "problems": [
                    {
                        "id": problem.problem_id,
                        "max": _number(problem.points),
                        "parts": {part.key: _number(part.points) for part in problem.parts},
                        "credit": {code: _number(v) for code, v in problem.credit.items()},
                    }
                    for problem in question.problems
                ],
            }
            for question in scheme.questions
        ],
        "students": [_student(result) for result in results],
        "summary": {
            "students": summary.students,
            "graded": summary.graded,
            "errors": [{"student": name, "reason": reason} for name, reason in summary.errors],
            "histogram": dict(summary.histogram),
            "verdicts": {problem: dict(counts) for problem, counts in summary.verdicts.items()},
            "mistakes": [
                {"answer_to": where, "diagnosis": code, "students": count}
                for where, code, count in summary.mistakes
            ],
            "checks": summary.checks,
            "cache": {"hits": summary.cache_hits, "misses": summary.cache_misses},
        },
    }
