"""A student's feedback as a document: the score, each part, each claim with its evidence.

The same block types as ``symderive check`` prints, so the existing renderers write it as
Markdown (always) and LaTeX (on request). Each claim's row shows its verdict, and for a
refutation the point where it differs with both values, and the likely mistake.
"""

from __future__ import annotations

from symderive.grade.outcome import ClaimOutcome
from symderive.grade.scoring import shown
from symderive.grade.student import GRADED, StudentResult
from symderive.render.document import (
    Block,
    Bullets,
    Content,
    Document,
    Heading,
    Math,
    Paragraph,
    Table,
    content,
)

CLAIM_COLUMNS = ("where", "problem", "answer to", "claim", "verdict", "evidence")


def _evidence(claim: ClaimOutcome) -> str:
    parts = [claim.evidence]
    if claim.diagnosis_message:
        parts.append(f"likely mistake: {claim.diagnosis_message}")
    parts.extend(claim.notes)
    return "; ".join(part for part in parts if part)


def _claim_row(claim: ClaimOutcome) -> tuple[Content, ...]:
    value = (
        content(Math(claim.latex, claim.unicode or claim.latex))
        if claim.latex is not None
        else content(claim.text)
    )
    return (
        content(claim.where),
        content(claim.problem or "—"),
        content(claim.answer_to),
        value,
        content(claim.verdict),
        content(_evidence(claim)),
    )


def feedback_document(result: StudentResult) -> Document:
    """Everything a student should see about their submission."""
    blocks: list[Block] = [Heading(1, f"Feedback for {result.name}")]
    files = ", ".join(result.paths)
    if result.status != GRADED or result.score is None or result.checked is None:
        blocks.append(Paragraph(content(f"Your submission ({files}) could not be graded.")))
        blocks.append(Paragraph(content(f"Reason: {result.reason}"), emphasis=True))
        return Document(tuple(blocks))
    score, checked = result.score, result.checked
    blocks.append(
        Paragraph(
            content(f"Score: {shown(score.earned)} of {shown(score.points)}. Files: {files}.")
        )
    )
    rows = tuple(
        (content(q.name), content(shown(q.earned)), content(shown(q.points)))
        for q in score.questions
    )
    blocks += [Heading(2, "Questions"), Table(("question", "points", "out of"), rows)]
    part_rows = tuple(
        (
            content(part.problem),
            content(part.name),
            content(part.status),
            content(shown(part.earned)),
            content(shown(part.points)),
        )
        for question in score.questions
        for part in question.parts
    )
    blocks += [
        Heading(2, "Parts"),
        Table(("problem", "part", "result", "points", "out of"), part_rows),
    ]
    if checked.claims:
        blocks.append(Heading(2, "Claims"))
        blocks.append(Table(CLAIM_COLUMNS, tuple(_claim_row(claim) for claim in checked.claims)))
    if checked.chains:
        blocks.append(Heading(2, "Step chains"))
        items = tuple(
            content(
                f"line {chain.line} ({chain.problem or 'unattributed'}): {chain.verdict}, "
                f"{chain.summary}"
            )
            for chain in checked.chains
        )
        blocks.append(Bullets(items))
    if checked.missing:
        blocks.append(Heading(2, "Missing answers"))
        blocks.append(Bullets(tuple(content(f"{p}: {name}") for p, _, name in checked.missing)))
    return Document(tuple(blocks))
