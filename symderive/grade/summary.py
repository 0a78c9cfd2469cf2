"""The class at a glance: the score distribution, verdicts per problem, the common mistakes.

Computed from the students' results only (pure data), and shown as a document, which the
terminal renderer prints and the Markdown renderer writes beside the CSV.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass
from fractions import Fraction

from symderive.check.equivalence import Verdict
from symderive.grade.scoring import shown
from symderive.grade.student import GRADED, StudentResult
from symderive.render.document import (
    Block,
    Bullets,
    Content,
    Document,
    Heading,
    Paragraph,
    Table,
    content,
)

BUCKETS = 10
TOP_MISTAKES = 10


@dataclass(frozen=True)
class ClassSummary:
    """Statistics over the graded submissions (errors counted apart, with their reasons)."""

    students: int
    graded: int
    errors: tuple[tuple[str, str], ...]
    maximum: Fraction
    totals: tuple[Fraction, ...]
    histogram: tuple[tuple[str, int], ...]
    verdicts: dict[str, Counter[str]]
    mistakes: tuple[tuple[str, str, int], ...]
    """(problem and derivative, diagnosis code, how many students)."""
    checks: int
    cache_hits: int
    cache_misses: int


def _histogram(totals: list[Fraction], maximum: Fraction) -> tuple[tuple[str, int], ...]:
    if maximum <= 0:
        return ()
    counts = [0] * BUCKETS
    for total in totals:
        counts[min(BUCKETS - 1, int(total / maximum * BUCKETS))] += 1
    return tuple(
        (f"{index * 100 // BUCKETS}–{(index + 1) * 100 // BUCKETS}%", count)
        for index, count in enumerate(counts)
    )


def summarise(results: list[StudentResult], maximum: Fraction) -> ClassSummary:
    """The summary of a graded class."""
    graded = [result for result in results if result.status == GRADED]
    totals = [result.score.earned for result in graded if result.score is not None]
    verdicts: dict[str, Counter[str]] = {}
    mistakes: Counter[tuple[str, str]] = Counter()
    checks = hits = misses = 0
    for result in graded:
        checked = result.checked
        assert checked is not None and result.score is not None
        checks += checked.checks
        hits += checked.hits
        misses += checked.misses
        for claim in checked.claims:
            verdicts.setdefault(claim.problem or "unattributed", Counter())[claim.verdict] += 1
        for chain in checked.chains:
            verdicts.setdefault(chain.problem or "unattributed", Counter())[chain.verdict] += 1
        for problem, _, _ in checked.missing:
            verdicts.setdefault(problem, Counter())[Verdict.MISSING.value] += 1
        seen = {
            (f"{claim.problem} {claim.answer_to}", claim.diagnosis)
            for claim in checked.claims
            if claim.diagnosis is not None and claim.problem is not None
        }
        mistakes.update(seen)
    return ClassSummary(
        students=len(results),
        graded=len(graded),
        errors=tuple((r.name, r.reason or "") for r in results if r.status != GRADED),
        maximum=maximum,
        totals=tuple(totals),
        histogram=_histogram(totals, maximum),
        verdicts=dict(sorted(verdicts.items())),
        mistakes=tuple(
            (where, code, count)
            for (where, code), count in sorted(
                mistakes.items(), key=lambda item: (-item[1], item[0])
            )
        )[:TOP_MISTAKES],
        checks=checks,
        cache_hits=hits,
        cache_misses=misses,
    )


def _statistics(summary: ClassSummary) -> str:
    if not summary.totals:
        return "No submission could be graded."
    values = [float(total) for total in summary.totals]
    return (
        f"Scores out of {shown(summary.maximum)}: mean {statistics.mean(values):.2f}, "
        f"median {statistics.median(values):.2f}, lowest {shown(min(summary.totals))}, "
        f"highest {shown(max(summary.totals))}."
    )


def summary_document(summary: ClassSummary) -> Document:
    """The class summary as a document (terminal and Markdown)."""
    order = [verdict.value for verdict in Verdict]
    blocks: list[Block] = [
        Heading(1, "Class summary"),
        Paragraph(
            content(
                f"{summary.students} submissions: {summary.graded} graded, "
                f"{len(summary.errors)} could not be graded. {_statistics(summary)}"
            )
        ),
    ]
    rows: tuple[tuple[Content, ...], ...]
    if summary.histogram:
        blocks.append(Heading(2, "Score distribution"))
        rows = tuple((content(band), content(str(count))) for band, count in summary.histogram)
        blocks.append(Table(("score", "students"), rows))
    if summary.verdicts:
        blocks.append(Heading(2, "Verdicts per problem"))
        used = [v for v in order if any(c[v] for c in summary.verdicts.values())]
        rows = tuple(
            (content(problem), *(content(str(counts[v])) for v in used))
            for problem, counts in summary.verdicts.items()
        )
        blocks.append(Table(("problem", *used), rows))
    if summary.mistakes:
        blocks.append(Heading(2, "Most common diagnosed mistakes"))
        rows = tuple(
            (content(where), content(code), content(str(count)))
            for where, code, count in summary.mistakes
        )
        blocks.append(Table(("answer to", "mistake", "students"), rows))
    if summary.errors:
        blocks.append(Heading(2, "Not graded"))
        blocks.append(
            Bullets(tuple(content(f"{name}: {reason}") for name, reason in summary.errors))
        )
    return Document(tuple(blocks))
