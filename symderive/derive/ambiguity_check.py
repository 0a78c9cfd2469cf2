"""The independent path: every kept image scored again in plain Python, one value at a time.

The NumPy path computes the divergence as H(p̄) − (1/M) Σ H(P_m); this one as the mean
Kullback–Leibler divergence (1/M) Σ_m Σ_i P_mi log(P_mi / p̄_i), which equals it only because
the identity derived in ``ambiguity_facts`` holds. Sums are exact-rounded (``math.fsum``), the
softmax and the normalisation are redone from the raw values, and top classes are found by
sorting instead of ``argmax``, with the same tie rule (``TIE``). Any key that differs from the
streamed one by more than ``TOLERANCE`` is a bug, reported as a ``VerificationError``.

One allowance: whether an image is a mistake depends on which class is top-1, and where two
classes are within rounding of the ``TIE`` boundary, the two paths may break the tie differently.
So a streamed confident-wrong key is accepted when some class within ``2·TIE`` of the largest
mean probability (``top1_choices``) is not the label and the probabilities agree; a top-1 that
is clearly the label still fails.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from symderive.derive.ambiguity_scores import TIE
from symderive.errors import VerificationError

if TYPE_CHECKING:
    import numpy as np

TOLERANCE = 1e-9


@dataclass(frozen=True)
class CandidateScores:
    """Every score of one image (``row`` is 0-based), as the plain-Python path computed it."""

    row: int
    entropy: tuple[float, ...]
    mean_entropy: float
    top1: int
    top2: int
    top1_probability: float
    top2_probability: float
    margin: float
    pair_probabilities: tuple[float, float] | None
    pair_score: float | None
    pair_margin: float | None
    divergence: float | None
    model_top1: tuple[int, ...]
    model_top1_probability: tuple[float, ...]
    label: int | None
    top1_choices: tuple[int, ...]
    """Every class within ``2·TIE`` of the largest mean probability: a top-1 either path may
    pick when rounding lands near the tie boundary."""

    def key(self, criterion: str) -> float | None:
        """The ranking key as ``ChunkScores.key`` defines it (NaN: not in this ranking)."""
        wrong = math.nan
        if self.label is not None and self.top1 != self.label:
            wrong = self.top1_probability
        return {
            "entropy": self.mean_entropy,
            "margin": -self.margin,
            "pair": self.pair_score,
            "disagreement": self.divergence,
            "confident-wrong": wrong,
        }[criterion]

    def difference(self, criterion: str, streamed: float) -> float:
        """How far the streamed key is from this path's (infinite when they disagree)."""
        if criterion == "confident-wrong":
            wrong = self.label is not None and any(
                choice != self.label for choice in self.top1_choices
            )
            return abs(self.top1_probability - streamed) if wrong else math.inf
        again = self.key(criterion)
        if again is None or math.isnan(again):
            return math.inf
        return abs(again - streamed)


def probabilities(values: list[float], *, logits: bool) -> list[float]:
    """Softmax with the largest logit subtracted, or the row divided by its exact sum."""
    if logits:
        peak = max(values)
        values = [math.exp(value - peak) for value in values]
    total = math.fsum(values)
    return [value / total for value in values]


def entropy(vector: list[float]) -> float:
    """−Σ p log p, skipping zeros (0 log 0 = 0)."""
    return -math.fsum(p * math.log(p) for p in vector if p > 0)


def _top(vector: list[float], skip: int | None = None) -> int:
    """The lowest index within ``TIE`` of the largest value (``skip`` left out), by sorting."""
    order = sorted(
        (index for index in range(len(vector)) if index != skip),
        key=lambda index: (-vector[index], index),
    )
    peak = vector[order[0]]
    return min(itertools.takewhile(lambda index: vector[index] >= peak - TIE, order))


def _top_two(vector: list[float]) -> tuple[int, int]:
    first = _top(vector)
    return first, _top(vector, skip=first)


def score_row(
    row: int,
    raw: list[list[float]],
    *,
    logits: bool,
    pair: tuple[int, int] | None,
    label: int | None,
) -> CandidateScores:
    """Every score of one image from its raw values (one list per model)."""
    vectors = [probabilities(values, logits=logits) for values in raw]
    models, classes = len(vectors), len(vectors[0])
    mean = [math.fsum(vector[i] for vector in vectors) / models for i in range(classes)]
    normalised = tuple(entropy(vector) / math.log(classes) for vector in vectors)
    top1, top2 = _top_two(mean)
    peak = max(mean)
    divergence = None
    if models > 1:
        kullback_leibler = [
            math.fsum(p * math.log(p / m) for p, m in zip(vector, mean, strict=True) if p > 0)
            for vector in vectors
        ]
        divergence = max(0.0, math.fsum(kullback_leibler) / models / math.log(models))
    pair_probabilities = (mean[pair[0]], mean[pair[1]]) if pair is not None else None
    model_top1 = tuple(_top_two(vector)[0] for vector in vectors)
    return CandidateScores(
        row=row,
        entropy=normalised,
        mean_entropy=math.fsum(normalised) / models,
        top1=top1,
        top2=top2,
        top1_probability=mean[top1],
        top2_probability=mean[top2],
        margin=max(0.0, mean[top1] - mean[top2]),
        pair_probabilities=pair_probabilities,
        pair_score=2 * min(pair_probabilities) if pair_probabilities else None,
        pair_margin=abs(pair_probabilities[0] - pair_probabilities[1])
        if pair_probabilities
        else None,
        divergence=divergence,
        model_top1=model_top1,
        model_top1_probability=tuple(
            vector[top] for vector, top in zip(vectors, model_top1, strict=True)
        ),
        label=label,
        top1_choices=tuple(index for index, value in enumerate(mean) if value >= peak - 2 * TIE),
    )


def recheck(
    raw: Mapping[int, np.ndarray],
    *,
    logits: bool,
    pair: tuple[int, int] | None,
    labels: Mapping[int, int] | None,
    rankings: Mapping[str, Mapping[int, float]],
) -> tuple[list[CandidateScores], float]:
    """Score every kept row again and compare with the streamed keys; the largest difference."""
    candidates = {
        row: score_row(
            row,
            values.tolist(),
            logits=logits,
            pair=pair,
            label=labels[row] if labels is not None else None,
        )
        for row, values in raw.items()
    }
    largest = 0.0
    for criterion, keys in rankings.items():
        for row, streamed in keys.items():
            difference = candidates[row].difference(criterion, streamed)
            if not difference <= TOLERANCE:
                raise VerificationError(
                    f"image {row + 1}: its {criterion} key is {streamed!r} streamed but "
                    f"{candidates[row].key(criterion)!r} recomputed"
                )
            largest = max(largest, difference)
    return list(candidates.values()), largest
