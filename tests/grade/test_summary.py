"""The class summary: score distribution, verdicts per problem, the most common mistakes."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from symderive.grade.outcome import Checked, ClaimOutcome
from symderive.grade.scoring import QuestionScore, Score
from symderive.grade.student import GRADED, StudentResult
from symderive.grade.summary import summarise, summary_document
from symderive.render.markdown import render_markdown


def _student(name: str, earned: int, *claims: ClaimOutcome) -> StudentResult:
    score = Score((QuestionScore("q", Fraction(10), Fraction(earned), ()),))
    checked = Checked("f", claims, (), (("a", "x2", "dz/dx2"),), hits=1, misses=2, checks=3)
    return StudentResult(name, (f"{name}.md",), GRADED, score=score, checked=checked)


def _claim(verdict: str, diagnosis: str | None = None) -> ClaimOutcome:
    return ClaimOutcome("1:1", 1, "a", "x1", "dz/dx1", "t", verdict, "", diagnosis)


def test_statistics_over_graded_students_only() -> None:
    results = [
        _student("ann", 10, _claim("proved")),
        _student("ben", 5, _claim("refuted", "sign")),
        _student("cat", 0, _claim("refuted", "sign"), _claim("refuted", "sign")),
        StudentResult("dan", ("dan.md",), "error", "time limit of 1 s exceeded"),
    ]
    summary = summarise(results, Fraction(10))
    assert (summary.students, summary.graded) == (4, 3)
    assert summary.errors == (("dan", "time limit of 1 s exceeded"),)
    assert dict(summary.histogram)["0–10%"] == 1 and dict(summary.histogram)["90–100%"] == 1
    assert dict(summary.histogram)["50–60%"] == 1
    assert summary.verdicts["a"]["refuted"] == 3 and summary.verdicts["a"]["missing"] == 3
    assert summary.mistakes == (("a dz/dx1", "sign", 2),)  # students, not claims
    assert (summary.checks, summary.cache_hits, summary.cache_misses) == (9, 3, 6)
    text = render_markdown(summary_document(summary))
    assert "mean 5.00, median 5.00, lowest 0, highest 10" in text
    assert "dan: time limit of 1 s exceeded" in text


def test_a_class_where_nothing_was_graded_says_so(tmp_path: Path) -> None:
    results = [StudentResult("dan", ("dan.md",), "error", "corrupt")]
    text = render_markdown(summary_document(summarise(results, Fraction(10))))
    assert "No submission could be graded." in text
