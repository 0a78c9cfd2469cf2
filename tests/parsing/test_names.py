"""Names: one spelling per symbol, natural order."""

from __future__ import annotations

import pytest

from symderive.parsing.names import make_symbol, natural_order, normalise_name


@pytest.mark.parametrize(
    ("written", "normalised"),
    [
        pytest.param("x1", "x1", id="plain"),
        pytest.param("x_1", "x1", id="underscore-digit"),
        pytest.param("x_{10}", "x10", id="braced-digits"),
        pytest.param("x_i", "x_i", id="letter-subscript-kept"),
        pytest.param("x_{i}", "x_i", id="braced-letter"),
        pytest.param("w2_3", "w2_3", id="double-index-kept"),
    ],
)
def test_normalise(written: str, normalised: str) -> None:
    assert normalise_name(written) == normalised


def test_symbols_are_real_and_shared() -> None:
    assert make_symbol("x_1") == make_symbol("x1")
    assert make_symbol("x1").is_real


def test_natural_order() -> None:
    names = ["x10", "x2", "x1", "w1_10", "w1_2"]
    ordered = [s.name for s in natural_order(make_symbol(name) for name in names)]
    assert ordered == ["w1_2", "w1_10", "x1", "x2", "x10"]
