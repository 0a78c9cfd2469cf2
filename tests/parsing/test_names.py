"""Names: one spelling per symbol, natural order."""

from __future__ import annotations

import re

import pytest

from symderive.parsing.names import make_symbol, natural_order, normalise_name, written_name


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


@pytest.mark.parametrize(
    ("name", "written", "matches"),
    [
        pytest.param("z1", "z_1", True, id="underscore"),
        pytest.param("z1", "z_{1}", True, id="braces"),
        pytest.param("z1", "z1", True, id="plain"),
        pytest.param("z12", "z_{12}", True, id="two-digits-in-braces"),
        pytest.param("z12", "z_12", False, id="z_12-is-z1-times-2"),
        pytest.param("z1", "z_12", False, id="another-index"),
        pytest.param("T", "T", True, id="one-letter"),
    ],
)
def test_written_name(name: str, written: str, matches: bool) -> None:
    assert (re.fullmatch(written_name(name), written) is not None) is matches
