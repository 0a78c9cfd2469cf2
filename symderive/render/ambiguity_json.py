"""The JSON of an ambiguity problem: its input, summaries, rankings with every score, the facts
and the checks, for tools.

Rows are 0-based here (``row``) and also given 1-based as ``image``, as the other formats show
them. Every score lies between −1 and 1 and is rounded to 9 decimal places, so the output does
not depend on the last bits of a platform's logarithm or exponential (NumPy's and libm's differ
with the CPU), which move a score by about 1e-15. Decimal places, not significant digits: a
margin or a divergence is a difference of nearly equal numbers, so its relative error grows as it
shrinks (at 12 significant digits a margin of 0.00057 changed when log and exp moved by one
ulp). Keys come in a fixed order.
"""

from __future__ import annotations

from symderive.derive.ambiguity import AmbiguitySolution, Ranking
from symderive.derive.ambiguity_check import CandidateScores
from symderive.derive.ambiguity_facts import PLACEHOLDERS, Fact
from symderive.render.ambiguity_checks import verification_checks
from symderive.render.ambiguity_facts import fact_words
from symderive.render.json import Json, expression_data, problem_data

DECIMALS = 9
LATEX_NAMES = {symbol: text for symbol, text, _ in PLACEHOLDERS}
"""The LaTeX of the placeholder symbols in the facts' equalities."""


def _round(value: float | None) -> float | None:
    if value is None:
        return None
    rounded = round(value, DECIMALS)
    return 0.0 if rounded == 0 else rounded


def ambiguity_data(solution: AmbiguitySolution) -> Json:
    """An ambiguity problem: what was read, what was found, and how it was verified."""
    problem = solution.problem
    return {
        **problem_data(problem),
        "models": [{"name": name, "file": file.written} for name, file in problem.models],
        "classes": list(problem.classes),
        "class_names": problem.class_names.written if problem.class_names else None,
        "labels": problem.labels.written if problem.labels else None,
        "pair": [problem.classes[index] for index in problem.pair] if problem.pair else None,
        "top": problem.top,
        "softmax": problem.softmax,
        "tolerance": problem.tolerance,
        "chunk": problem.chunk,
        "images": solution.rows,
        "chunks_read": solution.chunks,
        "summaries": [
            {
                "model": model.name,
                "mean_normalised_entropy": _round(model.mean_entropy),
                "accuracy": _round(model.accuracy),
                "entropy_histogram": list(model.histogram),
            }
            for model in solution.models
        ],
        "top1_disagreements": solution.disagreements,
        "wrong": solution.wrong,
        "confident_wrong": solution.confident_wrong,
        "rankings": [_ranking(solution, ranking) for ranking in solution.rankings],
        "ranges": [
            {
                "score": score.name,
                "smallest": _round(score.smallest),
                "largest": _round(score.largest),
                "proved": [score.low, score.high],
            }
            for score in solution.ranges
        ],
        "facts": [_fact(fact) for fact in solution.facts],
        "checks": list(verification_checks(solution)),
    }


def _ranking(solution: AmbiguitySolution, ranking: Ranking) -> Json:
    return {
        "criterion": ranking.criterion,
        "images": [
            {"rank": rank, "key": _round(key), **_candidate(solution.candidate(row))}
            for rank, (row, key) in enumerate(zip(ranking.rows, ranking.keys, strict=True), 1)
        ],
    }


def _candidate(candidate: CandidateScores) -> Json:
    pair = candidate.pair_probabilities
    return {
        "row": candidate.row,
        "image": candidate.row + 1,
        "normalised_entropy": [_round(value) for value in candidate.entropy],
        "mean_normalised_entropy": _round(candidate.mean_entropy),
        "top1": candidate.top1,
        "top2": candidate.top2,
        "top1_probability": _round(candidate.top1_probability),
        "top2_probability": _round(candidate.top2_probability),
        "margin": _round(candidate.margin),
        "pair_probabilities": [_round(value) for value in pair] if pair else None,
        "pair_score": _round(candidate.pair_score),
        "pair_margin": _round(candidate.pair_margin),
        "divergence": _round(candidate.divergence),
        "model_top1": list(candidate.model_top1),
        "model_top1_probability": [_round(value) for value in candidate.model_top1_probability],
        "label": candidate.label,
    }


def _fact(fact: Fact) -> Json:
    title, claim, checks = fact_words(fact)
    return {
        "key": fact.key.value,
        "title": title,
        "claim": claim,
        "lines": [
            {
                "left": expression_data(left, LATEX_NAMES),
                "right": expression_data(right, LATEX_NAMES),
            }
            for left, right in fact.lines
        ],
        "checks": list(checks),
    }
