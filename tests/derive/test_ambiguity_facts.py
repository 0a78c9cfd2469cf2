"""The facts behind the ambiguity scores: which are shown, and that every equality they show
holds at random points (an evaluation independent of the SymPy simplification that produced it)."""

from __future__ import annotations

import math
import random
import tracemalloc

import pytest
import sympy

from symderive.datafiles import MAX_CLASSES
from symderive.derive.ambiguity_facts import (
    MAX_SAMPLE_VALUES,
    PLACEHOLDERS,
    SAMPLES,
    DivergenceSample,
    EntropySample,
    ambiguity_facts,
    divergence,
    maximum_entropy,
    samples,
)

PLACEHOLDER_SYMBOLS = {symbol for symbol, _, _ in PLACEHOLDERS}


@pytest.mark.parametrize(
    ("models", "logits", "keys"),
    [
        (1, False, ["maximum-entropy", "normalised-entropy", "pair-score"]),
        (3, False, ["maximum-entropy", "normalised-entropy", "pair-score", "divergence"]),
        (
            2,
            True,
            ["maximum-entropy", "normalised-entropy", "pair-score", "divergence", "stable-softmax"],
        ),
    ],
    ids=["one-model", "three-models", "logits"],
)
def test_which_facts_are_shown(models: int, logits: bool, keys: list[str]) -> None:
    facts = ambiguity_facts(classes=7, models=models, logits=logits)
    assert [fact.key for fact in facts] == keys
    assert all(fact.lines for fact in facts)
    samples_found = [type(fact.sample) for fact in facts]
    assert samples_found[0] is EntropySample and samples_found[1:3] == [type(None)] * 2


def _sides_agree(left: sympy.Expr, right: sympy.Expr, generator: random.Random) -> bool:
    free = (left.free_symbols | right.free_symbols) - PLACEHOLDER_SYMBOLS
    values = {symbol: sympy.Float(generator.uniform(0.05, 0.9)) for symbol in free}
    difference = complex((left - right).xreplace(values).evalf())
    return abs(difference) < 1e-9


def test_equalities_hold_at_random_points() -> None:
    generator = random.Random(7)
    for fact in ambiguity_facts(classes=7, models=2, logits=True):
        for left, right in fact.lines:
            if left.free_symbols & PLACEHOLDER_SYMBOLS or left.is_Symbol:
                continue  # a name for the right side (L, JSD, ∂L/∂p₁), not a claim to test
            assert _sides_agree(left, right, generator), (fact.key, left, right)


def test_the_two_forms_of_the_divergence_agree() -> None:
    fact = next(
        f for f in ambiguity_facts(classes=4, models=2, logits=False) if f.key == "divergence"
    )
    (_, jensen), (_, mean_kl), _ = fact.lines
    assert _sides_agree(jensen, mean_kl, random.Random(1))


def test_maximum_entropy_stationary_point_and_value() -> None:
    fact = maximum_entropy(12)
    lines = dict((str(left), right) for left, right in fact.lines)
    assert lines["p1"] == sympy.exp(sympy.Symbol("lambda", real=True) - 1)
    assert lines["H_uniform"] == sympy.log(sympy.Symbol("K", integer=True, positive=True))
    assert isinstance(fact.sample, EntropySample)
    assert fact.sample.drawn == ((2, SAMPLES), (10, SAMPLES), (12, SAMPLES))
    assert math.isclose(fact.sample.largest, 1.0, abs_tol=1e-3)
    assert fact.sample.largest <= 1 + 1e-12


@pytest.mark.parametrize("classes", [2, 1000, 1001, 40_000, MAX_CLASSES], ids=str)
def test_numeric_checks_draw_a_bounded_number_of_values(classes: int) -> None:
    count = samples(classes)
    assert count * classes <= MAX_SAMPLE_VALUES
    assert count == SAMPLES or count * (classes + 1) > MAX_SAMPLE_VALUES  # as many as fit


def test_the_widest_file_checks_its_facts_in_little_memory() -> None:
    tracemalloc.start()
    try:
        entropy_fact = maximum_entropy(MAX_CLASSES)
        divergence_fact = divergence(MAX_CLASSES, 8)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 200 * 1024**2  # was 6.5 GB with 2,000 vectors of 100,000 classes
    assert isinstance(entropy_fact.sample, EntropySample)
    assert entropy_fact.sample.drawn[-1] == (MAX_CLASSES, samples(MAX_CLASSES))
    assert isinstance(divergence_fact.sample, DivergenceSample)
    assert (divergence_fact.sample.classes, divergence_fact.sample.pairs) == (
        MAX_CLASSES,
        samples(MAX_CLASSES),
    )
