"""Ambiguous images (Q4): stream every model's probability vectors, rank the candidates, verify.

The files are read in chunks of ``problem.chunk`` rows (``symderive/datafiles.py``), scored with
NumPy (``ambiguity_scores``), and only the best ``top`` rows of each ranking are kept, with
their raw values. Then three independent checks run before anything is shown: the kept rows are
scored again in plain Python with a different formula for each score (``ambiguity_check``);
every score of every image is checked to lie within its proved bounds; and, for data small
enough, the whole pass is repeated with another chunk size and must rank the same images. The
facts behind the scores are derived with SymPy in ``ambiguity_facts``.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING

from symderive.datafiles import (
    MatrixFile,
    check_chunk,
    open_matrix,
    read_labels,
)
from symderive.derive.ambiguity_check import CandidateScores, recheck
from symderive.derive.ambiguity_facts import Fact, ambiguity_facts
from symderive.derive.ambiguity_scores import CRITERIA, ChunkScores, TopCandidates, score_chunk
from symderive.errors import ProblemFileError, VerificationError
from symderive.problem import AmbiguityProblem

if TYPE_CHECKING:
    import numpy as np

BINS = 10
"""The histogram of normalised entropy has this many equal bins on [0, 1]."""
CONFIDENT = 0.9
"""A wrong top-1 counts as confidently wrong from this mean probability on."""
BOUND_SLACK = 1e-9
"""Rounding allowance when checking that every score lies in its proved range."""
CROSS_CHECK_VALUES = 5_000_000
"""Up to this many values (rows × classes × models), the pass is repeated with other chunks."""
DIFFERENCE_FLOOR = -12
"""The two paths' largest difference is reported as below 1e-12, or below a larger power of ten."""


@dataclass(frozen=True)
class Recheck:
    """The kept images scored again in plain Python: how many, and the power of ten their
    largest difference from the streaming pass lies below (``DIFFERENCE_FLOOR`` at least)."""

    images: int
    below: int


@dataclass(frozen=True)
class SecondPass:
    """The whole pass repeated in other chunks, with the same rankings: ``chunks`` chunks of up
    to ``rows`` rows, where the first pass read ``first_chunks`` of up to ``first_rows``."""

    chunks: int
    rows: int
    first_chunks: int
    first_rows: int


@dataclass(frozen=True)
class Ranking:
    """One ranking: the kept rows, most ambiguous first, with their keys."""

    criterion: str
    rows: tuple[int, ...]
    keys: tuple[float, ...]


@dataclass(frozen=True)
class ModelSummary:
    """One model over every image: mean normalised entropy, accuracy, entropy histogram."""

    name: str
    file: str
    mean_entropy: float
    accuracy: float | None
    histogram: tuple[int, ...]


@dataclass(frozen=True)
class ScoreRange:
    """The smallest and largest value of a score over every image, and its proved bounds."""

    name: str
    smallest: float
    largest: float
    low: float
    high: float


@dataclass(frozen=True)
class AmbiguitySolution:
    """An ambiguity problem solved: rankings, summaries, ranges and facts, all verified."""

    problem: AmbiguityProblem
    rows: int
    classes: int
    chunks: int
    models: tuple[ModelSummary, ...]
    rankings: tuple[Ranking, ...]
    candidates: tuple[CandidateScores, ...]
    disagreements: int
    wrong: int | None
    confident_wrong: int | None
    ranges: tuple[ScoreRange, ...]
    facts: tuple[Fact, ...]
    recheck: Recheck
    second_pass: SecondPass | None
    """None where the data is too large to stream twice (``CROSS_CHECK_VALUES``)."""

    def candidate(self, row: int) -> CandidateScores:
        return next(candidate for candidate in self.candidates if candidate.row == row)


@dataclass
class _Pass:
    """What one streaming pass accumulates."""

    rows: int
    chunks: int
    tops: dict[str, TopCandidates]
    entropy_sums: list[float]
    correct: list[int]
    histograms: np.ndarray
    disagreements: int
    wrong: int
    confident_wrong: int
    extremes: dict[str, list[float]]


def _open_models(problem: AmbiguityProblem) -> list[MatrixFile]:
    return [open_matrix(file.path, file.written, file.location) for _, file in problem.models]


def _labels(problem: AmbiguityProblem) -> np.ndarray | None:
    if problem.labels is None:
        return None
    names = problem.classes if problem.class_names is not None else None
    labels, _ = read_labels(
        problem.labels.path,
        problem.labels.written,
        problem.labels.location,
        len(problem.classes),
        names,
    )
    return labels


def _criteria(problem: AmbiguityProblem) -> tuple[str, ...]:
    skip = set()
    if problem.pair is None:
        skip.add("pair")
    if len(problem.models) < 2:
        skip.add("disagreement")
    if problem.labels is None:
        skip.add("confident-wrong")
    return tuple(criterion for criterion in CRITERIA if criterion not in skip)


def _extend_extremes(extremes: dict[str, list[float]], name: str, values: np.ndarray) -> None:
    low, high = float(values.min()), float(values.max())
    if name in extremes:
        extremes[name] = [min(extremes[name][0], low), max(extremes[name][1], high)]
    else:
        extremes[name] = [low, high]


def _accumulate(state: _Pass, scores: ChunkScores, raws: list[np.ndarray]) -> None:
    import numpy as np

    for criterion, top in state.tops.items():
        key = scores.key(criterion)
        assert key is not None
        top.offer(key, scores.rows, raws)
    for model, values in enumerate(scores.entropy):
        state.entropy_sums[model] += math.fsum(values.tolist())
        state.histograms[model] += np.histogram(values, bins=BINS, range=(0.0, 1.0))[0]
        if scores.labels is not None:
            state.correct[model] += int((scores.model_top1[model] == scores.labels).sum())
    state.disagreements += int(scores.disagree.sum())
    if scores.wrong_confidence is not None:
        wrong = ~np.isnan(scores.wrong_confidence)
        state.wrong += int(wrong.sum())
        state.confident_wrong += int((scores.wrong_confidence[wrong] >= CONFIDENT).sum())
    _extend_extremes(state.extremes, "entropy", scores.entropy)
    _extend_extremes(state.extremes, "margin", scores.margin)
    for name, values in (
        ("pair score", scores.pair_score),
        ("pair margin", scores.pair_margin),
        ("divergence", scores.divergence),
    ):
        if values is not None:
            _extend_extremes(state.extremes, name, values)


def _rows_mismatch(files: list[MatrixFile], counts: list[int]) -> ProblemFileError:
    short = min(range(len(files)), key=lambda index: counts[index])
    long = max(range(len(files)), key=lambda index: counts[index])
    return ProblemFileError(
        f"{files[short].shown} has {counts[short]:,} rows or fewer, but {files[long].shown} "
        "has more; every model must score the same images in the same order",
        files[short].where,
    )


def stream(problem: AmbiguityProblem, chunk: int) -> _Pass:
    """One pass over every model's file, ``chunk`` rows at a time."""
    import numpy as np

    files = _open_models(problem)
    labels = _labels(problem)
    state = _Pass(
        rows=0,
        chunks=0,
        tops={criterion: TopCandidates(problem.top) for criterion in _criteria(problem)},
        entropy_sums=[0.0] * len(files),
        correct=[0] * len(files),
        histograms=np.zeros((len(files), BINS), dtype=np.int64),
        disagreements=0,
        wrong=0,
        confident_wrong=0,
        extremes={},
    )
    for blocks in itertools.zip_longest(*(file.chunks(chunk) for file in files)):
        if any(block is None or len(block.values) != len(blocks[0].values) for block in blocks):
            counts = [state.rows + (len(b.values) if b is not None else 0) for b in blocks]
            raise _rows_mismatch(files, counts)
        for file, block in zip(files, blocks, strict=True):
            if block.values.shape[1] != len(problem.classes):
                raise file.error(
                    block, 0, None, f"{block.values.shape[1]} classes, not {len(problem.classes)}"
                )
            check_chunk(file, block, logits=problem.softmax, tolerance=problem.tolerance)
        start, count = blocks[0].start, len(blocks[0].values)
        chunk_labels = None
        if labels is not None and problem.labels is not None:
            chunk_labels = labels[start : start + count]
            if len(chunk_labels) != count:
                raise ProblemFileError(
                    f"{problem.labels.written} has {len(labels):,} labels, but the models score "
                    "more images",
                    problem.labels.location,
                )
        raws = [block.values for block in blocks]
        scores = score_chunk(
            raws, start, logits=problem.softmax, pair=problem.pair, labels=chunk_labels
        )
        _accumulate(state, scores, raws)
        state.rows += count
        state.chunks += 1
        del blocks, raws, scores  # free this chunk before the next one is read
    if labels is not None and len(labels) != state.rows:
        assert problem.labels is not None
        raise ProblemFileError(
            f"{problem.labels.written} has {len(labels):,} labels, but the models score "
            f"{state.rows:,} images",
            problem.labels.location,
        )
    return state


BOUNDS = {
    "entropy": (0.0, 1.0),
    "margin": (0.0, 1.0),
    "pair score": (0.0, 1.0),
    "pair margin": (0.0, 1.0),
    "divergence": (0.0, 1.0),
}


def _ranges(state: _Pass) -> tuple[ScoreRange, ...]:
    ranges = []
    for name, (smallest, largest) in state.extremes.items():
        low, high = BOUNDS[name]
        if smallest < low - BOUND_SLACK or largest > high + BOUND_SLACK:
            raise VerificationError(
                f"a {name} of {smallest!r} … {largest!r} lies outside its proved range "
                f"[{low}, {high}]"
            )
        ranges.append(ScoreRange(name, smallest, largest, low, high))
    return tuple(ranges)


def _rankings(state: _Pass) -> tuple[Ranking, ...]:
    return tuple(
        Ranking(criterion, tuple(int(r) for r in top.rows), tuple(float(k) for k in top.keys))
        for criterion, top in state.tops.items()
    )


def _cross_check(problem: AmbiguityProblem, state: _Pass) -> SecondPass | None:
    """Repeat the pass all at once (or in a few chunks, if it was one) and compare rankings."""
    if state.rows * len(problem.classes) * len(problem.models) > CROSS_CHECK_VALUES:
        return None
    other = state.rows if state.chunks > 1 else max(1, math.ceil(state.rows / 4))
    again = stream(problem, other)
    if _rankings(again) != _rankings(state):
        raise VerificationError(
            f"chunks of {problem.chunk} rows and of {other} rows rank the images differently"
        )
    return SecondPass(again.chunks, other, state.chunks, problem.chunk)


def _difference(value: float) -> int:
    """The power of ten the difference lies below, −12 at least: the difference of two float
    paths is round-off, whose figure depends on the platform's logarithm, so keep only that."""
    exponent = math.floor(math.log10(value)) + 1 if value > 0 else DIFFERENCE_FLOOR
    return max(exponent, DIFFERENCE_FLOOR)


def solve_ambiguity(problem: AmbiguityProblem) -> AmbiguitySolution:
    """Stream, rank, verify, and derive the facts the scores rest on."""
    state = stream(problem, problem.chunk)
    rankings = _rankings(state)
    raw = {row: values for top in state.tops.values() for row, values in top.raw.items()}
    labels = _labels(problem)
    candidates, difference = recheck(
        raw,
        logits=problem.softmax,
        pair=problem.pair,
        labels={row: int(labels[row]) for row in raw} if labels is not None else None,
        rankings={
            ranking.criterion: dict(zip(ranking.rows, ranking.keys, strict=True))
            for ranking in rankings
        },
    )
    second_pass = _cross_check(problem, state)
    models = tuple(
        ModelSummary(
            name=name,
            file=file.written,
            mean_entropy=state.entropy_sums[index] / state.rows,
            accuracy=state.correct[index] / state.rows if labels is not None else None,
            histogram=tuple(int(count) for count in state.histograms[index]),
        )
        for index, (name, file) in enumerate(problem.models)
    )
    return AmbiguitySolution(
        problem=problem,
        rows=state.rows,
        classes=len(problem.classes),
        chunks=state.chunks,
        models=models,
        rankings=rankings,
        candidates=tuple(sorted(candidates, key=lambda candidate: candidate.row)),
        disagreements=state.disagreements,
        wrong=state.wrong if labels is not None else None,
        confident_wrong=state.confident_wrong if labels is not None else None,
        ranges=_ranges(state),
        facts=ambiguity_facts(
            classes=len(problem.classes), models=len(problem.models), logits=problem.softmax
        ),
        recheck=Recheck(len(candidates), _difference(difference)),
        second_pass=second_pass,
    )
