"""A check report as a document (terminal, LaTeX, Markdown) and as JSON.

The table of claims is the heart: where each claim stands, what it answers, what it says, its
verdict, and the evidence (the stage that decided; for a refutation the point and both values;
the diagnosis). Unparsed answers show their caret; missing answers are listed; nothing is left
out.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import sympy

from symderive import __version__
from symderive.check.claim import Claim, Unread
from symderive.check.equivalence import Comparison, RefutingPoint, Verdict
from symderive.check.report import ChainReport, CheckReport, ClaimResult
from symderive.render.document import (
    Block,
    Bullets,
    Content,
    Document,
    Heading,
    Math,
    Paragraph,
    Table,
    Warning,
    content,
)
from symderive.render.json import SCHEMA_VERSION, Json, expression_data
from symderive.render.mathtext import number

VERDICT_ORDER = tuple(Verdict)
CLAIM_COLUMNS = ("where", "problem", "answer to", "claim", "verdict", "evidence")
LINK_COLUMNS = ("link", "where", "verdict", "evidence")


def where(claim: Claim) -> str:
    """``line:column``, with the notebook cell in front when there is one (``cell-3 1:2``)."""
    location = claim.location
    if location.line is None:
        return "—"
    cell = location.file.split("#", 1)[1] + " " if location.file and "#" in location.file else ""
    return f"{cell}{location.line}:{location.column}"


def _point_text(counterexample: RefutingPoint) -> str:
    return ", ".join(f"{symbol} = {_exact(value)}" for symbol, value in counterexample.point)


def _exact(value: object) -> str:
    """A point's coordinate as an exact decimal (-0.654233, not -654233/1000000) when it has one;
    the JSON keeps the fraction."""
    if isinstance(value, sympy.Rational) and not isinstance(value, sympy.Integer):
        denominator = int(value.q)
        for prime in (2, 5):
            while denominator % prime == 0:
                denominator //= prime
        if denominator == 1:
            return format(Decimal(int(value.p)) / Decimal(int(value.q)), "f")
    return str(value)


def _value_text(value: complex) -> str:
    return number(value.real) if abs(value.imag) < 1e-12 else str(value)


def evidence(comparison: Comparison | None, reference: str = "the derivative") -> str:
    """The words behind a verdict: the stage, and for a refutation where and by how much."""
    if comparison is None:
        return ""
    if comparison.counterexample is not None:
        found = comparison.counterexample
        place = _point_text(found) or "the constant values"
        claimed, correct = _value_text(found.claimed), _value_text(found.correct)
        text = f"at {place}: the claim gives {claimed}, {reference} is {correct}"
        if claimed == correct and found.gap is not None:  # below the digits shown: how small
            text += f" (they differ by {number(found.gap)})"
        return text
    if comparison.verdict is Verdict.NUMERICALLY_EQUAL:
        return (
            f"agrees at {comparison.agreeing_points} random points ({sampled(comparison)}), "
            f"{comparison.precise_points} of them re-evaluated exactly; no symbolic proof in time"
        )
    if comparison.verdict is Verdict.UNDECIDED and comparison.sampled:
        agreement = f"agrees at {comparison.agreeing_points} points ({sampled(comparison)})"
        return f"{comparison.stage}: {agreement}"
    return comparison.stage


def sampled(comparison: Comparison) -> str:
    """Where the random points went: ``48 with |x| in [0, 2.5], …`` (agreeing of drawn)."""
    return ", ".join(
        f"{found.agreeing} of {found.drawn} with {found.scale.describe()}"
        for found in comparison.sampled
    )


def claim_evidence(result: ClaimResult) -> str:
    parts = [evidence(result.comparison)]
    if result.diagnosis is not None:
        parts.append(f"likely mistake: {result.diagnosis.message}")
    if result.verdict is Verdict.UNPARSED and result.claim.error is not None:
        parts.append(result.claim.error.message)
    parts.extend(result.notes)
    return "; ".join(part for part in parts if part)


def answer_to(result: ClaimResult) -> str:
    """The target's name, or for a claim without one, the derivative its left side names."""
    if result.target is not None:
        return result.target.name
    notation = result.claim.notation
    if notation is not None and notation.variable is not None:
        return f"d{notation.function or ''}/d{notation.variable}"
    return "—"


def _claim_row(result: ClaimResult) -> tuple[Content, ...]:
    claim = result.claim
    value: Content = (
        content(Math.of(claim.value)) if claim.value is not None else content(claim.text)
    )
    return (
        content(where(claim)),
        content(claim.problem_id or "—"),
        content(answer_to(result)),
        value,
        content(result.verdict.value),
        content(claim_evidence(result)),
    )


def _chain_blocks(report: ChainReport, index: int) -> list[Block]:
    chain = report.chain
    location = chain.location
    blocks: list[Block] = [
        Heading(4, f"Chain {index} at line {location.line} ({chain.problem_id or 'unattributed'})")
    ]
    if report.result is None:
        blocks.append(Paragraph(content(f"{report.verdict.value}: {report.note or ''}")))
        return blocks
    rows = []
    values = report.as_matrices or tuple(link.value for link in chain.links)
    for link in report.result.links:
        left, right = values[link.index], values[link.index + 1]
        written = chain.links[link.index + 1]
        rows.append(
            (
                content(Math.of(left), " = ", Math.of(right))
                if left is not None and right is not None
                else content(
                    f"{chain.links[link.index].text} = {chain.links[link.index + 1].text}"
                ),
                content(f"{written.location.line}:{written.location.column}"),
                content("holds" if link.holds else link.comparison.verdict.value),
                content(evidence(link.comparison, "the line before")),
            )
        )
    blocks.append(Table(LINK_COLUMNS, tuple(rows)))
    broken = report.result.first_broken
    start = report.result.start
    if start is not None and start.verdict not in (Verdict.PROVED, Verdict.NUMERICALLY_EQUAL):
        summary = (
            f"The first line is not the problem's expression: {evidence(start, 'the expression')}."
        )
    elif broken is not None:
        summary = f"The first broken link is link {broken.index + 1}."
    elif report.verdict is Verdict.REFUTED:
        summary = "Every link holds for numbers, but not as matrices."
    else:
        summary = "Every link holds."
    if report.note:
        summary += f" Note: {report.note}."
    blocks.append(Paragraph(content(f"{report.verdict.value}: {summary}")))
    return blocks


def _summary(report: CheckReport) -> str:
    counts = report.counts()
    parts = [f"{counts[verdict]} {verdict.value}" for verdict in VERDICT_ORDER if counts[verdict]]
    return ", ".join(parts) or "no claims found"


def check_report_document(report: CheckReport) -> Document:
    """Everything ``symderive check`` says about one answer file."""
    answers = report.answers
    title = report.problem_set.title or report.problem_set.path
    blocks: list[Block] = [
        Heading(1, f"Check of {answers.path} against {title}"),
        Paragraph(content(_summary(report) + ".")),
    ]
    if report.results:
        blocks.append(Heading(2, "Claims"))
        blocks.append(Table(CLAIM_COLUMNS, tuple(_claim_row(result) for result in report.results)))
    for result in report.results:
        if result.verdict is Verdict.UNPARSED and result.claim.error is not None:
            error = result.claim.error
            blocks.append(Warning(f"unparsed: {error.message}", error.location))
    if report.chains:
        blocks.append(Heading(2, "Step chains"))
        for index, chain in enumerate(report.chains, start=1):
            blocks.extend(_chain_blocks(chain, index))
    if report.missing:
        blocks.append(Heading(2, "Missing answers"))
        blocks.append(
            Bullets(tuple(content(f"{m.problem_id}: {m.target}") for m in report.missing))
        )
    if answers.unread:
        blocks.append(Heading(2, "Lines not read"))
        blocks.append(Bullets(tuple(content(_unread_text(line)) for line in answers.unread)))
    if answers.skipped:
        blocks.append(
            Paragraph(
                content(
                    f"{len(answers.skipped)} other formula(s) were not answers and were skipped "
                    f"(first at line {answers.skipped[0].line})."
                ),
                emphasis=True,
            )
        )
    return Document(tuple(blocks))


def _unread_text(line: Unread) -> str:
    """``line 12:3: skipped: outside math, could not be read: … — dz/dx1 = one``."""
    where = f"{line.location.line}:{line.location.column}"
    return f"line {where}: skipped: {line.reason} — {line.text}"


def _counterexample_data(found: RefutingPoint | None) -> Json | None:
    if found is None:
        return None
    return {
        "point": {str(symbol): str(value) for symbol, value in found.point},
        "claimed": _value_text(found.claimed),
        "correct": _value_text(found.correct),
    }


def _comparison_data(comparison: Comparison | None) -> Json | None:
    if comparison is None:
        return None
    return {
        "verdict": comparison.verdict.value,
        "stage": comparison.stage,
        "agreeing_points": comparison.agreeing_points,
        "sampled": [
            {
                "scale": found.scale.name,
                "low": found.scale.low,
                "high": found.scale.high,
                "signed": found.scale.signed,
                "drawn": found.drawn,
                "agreeing": found.agreeing,
            }
            for found in comparison.sampled
        ],
        "exactly_reevaluated": comparison.precise_points,
        "budget_spent": comparison.budget_spent,
        "counterexample": _counterexample_data(comparison.counterexample),
    }


def _claim_data(result: ClaimResult) -> Json:
    claim = result.claim
    location = claim.location
    return {
        "file": location.file,
        "line": location.line,
        "column": location.column,
        "text": claim.text,
        "problem": claim.problem_id,
        "attribution": claim.attribution.method,
        "target": result.target.name if result.target else None,
        "value": expression_data(claim.value) if isinstance(claim.value, sympy.Basic) else None,
        "verdict": result.verdict.value,
        "comparison": _comparison_data(result.comparison),
        "diagnosis": (
            {"code": result.diagnosis.code, "message": result.diagnosis.message}
            if result.diagnosis
            else None
        ),
        "error": claim.error.message if claim.error else None,
        "notes": list(result.notes),
    }


def _chain_data(report: ChainReport) -> Json:
    links: Sequence[Json] = []
    if report.result is not None:
        links = [
            {"index": link.index, "holds": link.holds, **(_comparison_data(link.comparison) or {})}
            for link in report.result.links
        ]
    return {
        "file": report.chain.location.file,
        "line": report.chain.location.line,
        "problem": report.chain.problem_id,
        "verdict": report.verdict.value,
        "links": list(links),
        "note": report.note,
    }


def check_report_data(report: CheckReport) -> Json:
    """The report as versioned JSON, for tools (and for ``grade``)."""
    counts = report.counts()
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": "symderive",
        "version": __version__,
        "command": "check",
        "problems": report.problem_set.path,
        "answers": report.answers.path,
        "exit_code": report.exit_code,
        "counts": {verdict.value: counts[verdict] for verdict in VERDICT_ORDER},
        "claims": [_claim_data(result) for result in report.results],
        "chains": [_chain_data(chain) for chain in report.chains],
        "missing": [{"problem": m.problem_id, "target": m.target} for m in report.missing],
        "skipped_formulas": len(report.answers.skipped),
        "skipped_lines": [
            {
                "file": line.location.file,
                "line": line.location.line,
                "column": line.location.column,
                "text": line.text,
                "reason": f"skipped: {line.reason}",
            }
            for line in report.answers.unread
        ],
    }
