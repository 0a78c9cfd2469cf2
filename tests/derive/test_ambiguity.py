"""Ambiguity scores: Hypothesis properties of the scores, chunked streaming ranks as all-at-once,
the plain-Python recheck agrees, and Q4's planted images are found."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest
from ambiguity_data import load, problem_folder, random_probabilities
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from symderive.derive.ambiguity import AmbiguitySolution, solve_ambiguity, stream
from symderive.derive.ambiguity_check import recheck, score_row
from symderive.derive.ambiguity_facts import jensen_shannon
from symderive.derive.ambiguity_scores import entropy, score_chunk, to_probabilities
from symderive.errors import VerificationError
from symderive.problemfile import load_problem_file
from symderive.solve import SolutionSet, solve_problem_set

ROOT = Path(__file__).parents[2]

weights = st.integers(min_value=2, max_value=12).flatmap(
    lambda size: arrays(
        np.float64,
        (3, size),
        elements=st.floats(min_value=0, max_value=1, allow_nan=False, allow_subnormal=False),
    )
)


def _normalise(raw: np.ndarray) -> np.ndarray:
    raw = raw + 1e-12 * (raw.sum(axis=1, keepdims=True) == 0)
    return raw / raw.sum(axis=1, keepdims=True)


@given(weights)
def test_entropy_never_exceeds_log_k_and_uniform_reaches_it(raw: np.ndarray) -> None:
    vectors = _normalise(raw)
    classes = vectors.shape[1]
    values = entropy(vectors)
    assert (values >= -1e-12).all() and (values <= math.log(classes) + 1e-12).all()
    uniform = entropy(np.full((1, classes), 1 / classes))[0]
    assert uniform == pytest.approx(math.log(classes), abs=1e-12)
    assert (values <= uniform + 1e-12).all()


@given(weights)
def test_jensen_shannon_is_symmetric_and_within_log_2(raw: np.ndarray) -> None:
    vectors = _normalise(raw)
    first, second = vectors[:1], vectors[1:2]
    forward, backward = jensen_shannon(first, second), jensen_shannon(second, first)
    assert forward[0] == pytest.approx(backward[0], abs=1e-12)
    assert -1e-12 <= forward[0] <= math.log(2) + 1e-12
    assert jensen_shannon(first, first)[0] == pytest.approx(0, abs=1e-12)


@given(weights, st.integers(min_value=0, max_value=11), st.integers(min_value=1, max_value=11))
def test_margins_and_scores_lie_in_zero_one(raw: np.ndarray, a: int, shift: int) -> None:
    classes = raw.shape[1]
    pair = (a % classes, (a + shift) % classes)
    raw = raw + (raw.sum(axis=1, keepdims=True) == 0)  # an all-zero row is no probability vector
    scores = score_chunk(
        [raw[:2], raw[1:]], 0, logits=False, pair=pair if pair[0] != pair[1] else None, labels=None
    )
    for values in (scores.margin, scores.mean_entropy, scores.divergence, scores.pair_score):
        if values is not None:
            assert (values >= -1e-12).all() and (values <= 1 + 1e-12).all()
    assert (
        scores.pair_margin is None or ((scores.pair_margin >= 0) & (scores.pair_margin <= 1)).all()
    )


def test_disjoint_certain_models_have_divergence_one() -> None:
    raws = [np.eye(3)[[0]], np.eye(3)[[1]], np.eye(3)[[2]]]
    scores = score_chunk(raws, 0, logits=False, pair=None, labels=None)
    assert scores.divergence is not None and scores.divergence[0] == pytest.approx(1.0)
    assert scores.disagree[0] and scores.mean_entropy[0] == 0


def test_stable_softmax_survives_huge_logits() -> None:
    logits = np.array([[1000.0, 999.0, -1000.0]])
    probabilities = to_probabilities(logits, logits=True)
    assert np.isfinite(probabilities).all()
    assert probabilities[0, 0] == pytest.approx(1 / (1 + math.exp(-1)))


@settings(max_examples=25, deadline=None)
@given(
    st.integers(min_value=1, max_value=60),
    st.integers(min_value=1, max_value=70),
    st.integers(min_value=1, max_value=8),
    st.integers(min_value=0, max_value=2**16),
)
def test_chunked_streaming_ranks_as_all_at_once(
    tmp_path_factory: pytest.TempPathFactory, rows: int, chunk: int, top: int, seed: int
) -> None:
    folder = tmp_path_factory.mktemp("stream")
    generator = np.random.default_rng(seed)
    models = {name: random_probabilities(generator, rows, 5) for name in ("a", "b")}
    models["a"][: rows // 3] = models["b"][: rows // 3]  # ties in the divergence ranking
    (folder / "labels.txt").write_text("\n".join(str(k % 5) for k in range(rows)) + "\n")
    extra = f"    pair: [0, 1]\n    labels: labels.txt\n    top: {top}\n"
    problem = load(problem_folder(folder, models, extra, suffix=".npy"))
    chunked, whole = stream(problem, chunk), stream(problem, rows)
    assert chunked.chunks == math.ceil(rows / chunk)
    for criterion, top_candidates in chunked.tops.items():
        assert list(top_candidates.rows) == list(whole.tops[criterion].rows)
        assert list(top_candidates.keys) == list(whole.tops[criterion].keys)


def test_ranking_is_by_key_then_row(tmp_path: Path) -> None:
    values = np.tile([[0.5, 0.5, 0.0]], (6, 1))
    values[2] = [0.9, 0.05, 0.05]
    solution = solve_ambiguity(load(problem_folder(tmp_path, {"m": values}, "    top: 3\n")))
    entropy_ranking = next(r for r in solution.rankings if r.criterion == "entropy")
    assert entropy_ranking.rows == (0, 1, 3)


def test_recheck_agrees_with_numpy() -> None:
    generator = np.random.default_rng(11)
    raws = [generator.normal(size=(20, 7)) for _ in range(3)]
    scores = score_chunk(raws, 0, logits=True, pair=(1, 4), labels=np.arange(20) % 7)
    for row in range(20):
        again = score_row(
            row, [raw[row].tolist() for raw in raws], logits=True, pair=(1, 4), label=row % 7
        )
        assert again.mean_entropy == pytest.approx(scores.mean_entropy[row], abs=1e-12)
        assert scores.divergence is not None
        assert again.divergence == pytest.approx(scores.divergence[row], abs=1e-12)
        assert again.margin == pytest.approx(scores.margin[row], abs=1e-12)
        assert (again.top1, again.top2) == (scores.top1[row], scores.top2[row])


def test_a_wrong_streamed_key_is_a_verification_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import symderive.derive.ambiguity_scores as scores_module

    original = scores_module.entropy

    def skewed(probabilities: np.ndarray) -> np.ndarray:
        return original(probabilities) * 1.001

    monkeypatch.setattr(scores_module, "entropy", skewed)
    problem = load(
        problem_folder(tmp_path, {"m": np.full((2, 3), 1 / 3) * [[1, 1, 1], [2, 0.5, 0.5]]})
    )
    with pytest.raises(VerificationError, match="recomputed"):
        solve_ambiguity(problem)


@pytest.fixture(scope="module")
def q4() -> SolutionSet:
    return solve_problem_set(load_problem_file(ROOT / "problems" / "q4.yaml"))


def test_q4_finds_the_planted_images(q4: SolutionSet) -> None:
    first, second = q4.solutions
    assert isinstance(first, AmbiguitySolution) and isinstance(second, AmbiguitySolution)
    rankings = {ranking.criterion: ranking.rows for ranking in first.rankings}
    assert rankings["entropy"][0] == 77  # the blur
    assert set(rankings["pair"][:2]) == {17, 58}  # puppy or bagel
    assert rankings["disagreement"][0] == 120
    assert rankings["confident-wrong"][:2] == (160, 161)  # the husky called a wolf
    other = {ranking.criterion: ranking.rows for ranking in second.rankings}
    assert set(other["pair"][:2]) == {31, 96}  # chihuahua or muffin
    assert first.rows == second.rows == 200 and first.chunks == 4


def test_q4_ranges_are_within_bounds(q4: SolutionSet) -> None:
    for solution in q4.solutions:
        assert isinstance(solution, AmbiguitySolution)
        for score in solution.ranges:
            assert score.low <= score.smallest <= score.largest <= score.high
        assert solution.second_pass is not None
        assert solution.second_pass.first_chunks == solution.chunks


TIED_MODELS = {
    "a": "0.0907,0.4871,0.4222\n",
    "b": "0.4826,0.2729,0.2445\n",
    "c": "0.4463,0.2596,0.2941\n",
}
"""Classes 0 and 1 tie exactly on paper (mean 0.33986666…), but NumPy's sum and math.fsum
round them to different last bits."""


def test_an_exact_tie_at_the_top_is_broken_alike_by_both_paths(tmp_path: Path) -> None:
    (tmp_path / "lab.txt").write_text("0\n")
    problem = load(problem_folder(tmp_path, dict(TIED_MODELS), "    labels: lab.txt\n"))
    solution = solve_ambiguity(problem)
    (candidate,) = solution.candidates
    assert (candidate.top1, candidate.top2) == (0, 1)  # the lower index wins the tie
    assert candidate.margin == 0.0
    confident_wrong = next(r for r in solution.rankings if r.criterion == "confident-wrong")
    assert confident_wrong.rows == ()  # top-1 is the label: no mistake in either path
    assert solution.wrong == 0


@given(
    st.integers(min_value=3, max_value=8),
    st.integers(min_value=0, max_value=7),
    st.integers(min_value=1, max_value=7),
    st.floats(min_value=-1e-13, max_value=1e-13),
)
@settings(max_examples=60, deadline=None)
def test_near_ties_go_to_the_lower_index_in_both_paths(
    classes: int, first: int, shift: int, nudge: float
) -> None:
    low, high = sorted((first % classes, (first + shift % (classes - 1) + 1) % classes))
    vector = [0.1 / (classes - 2)] * classes
    vector[low] = vector[high] = 0.45
    vector[high] += nudge  # within TIE either way: the lower index must still win
    scores = score_chunk([np.array([vector])], 0, logits=False, pair=None, labels=None)
    again = score_row(0, [vector], logits=False, pair=None, label=None)
    assert scores.top1[0] == again.top1 == low
    assert scores.top2[0] == again.top2 == high
    assert scores.model_top1[0, 0] == again.model_top1[0] == low


def test_recheck_accepts_either_choice_at_a_tie_but_not_a_real_disagreement() -> None:
    tied = np.array([[0.4, 0.4, 0.2]])
    keys = {"confident-wrong": {0: 0.4}}
    _, difference = recheck({0: tied}, logits=False, pair=None, labels={0: 0}, rankings=keys)
    assert difference == pytest.approx(0.0, abs=1e-15)  # top-1 may be class 1: a mistake
    clear = np.array([[0.4 + 1e-6, 0.4 - 1e-6, 0.2]])
    with pytest.raises(VerificationError, match="confident-wrong"):
        recheck({0: clear}, logits=False, pair=None, labels={0: 0}, rankings=keys)
    with pytest.raises(VerificationError, match="confident-wrong"):
        recheck(
            {0: tied},
            logits=False,
            pair=None,
            labels={0: 0},
            rankings={"confident-wrong": {0: 0.5}},
        )
