"""A derivative's name spelled with AsciiMath's ``del`` or the word ``partial``: written with ∂
inside such names only, at the same length, and nowhere else."""

from __future__ import annotations

import pytest

from symderive.parsing.spelled_differentials import spelled_differentials


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("(del z)/(del x_1) = 5", "(  ∂ z)/(  ∂ x_1) = 5", id="asciimath-fraction"),
        pytest.param("del z // del x = 3", "  ∂ z  /   ∂ x = 3", id="asciimath-slash"),
        pytest.param("(partial L)/(partial w) = x", "(      ∂ L)/(      ∂ w) = x", id="partial"),
        pytest.param("partial z/partial x_{12}", "      ∂ z/      ∂ x_{12}", id="braced-index"),
    ],
)
def test_a_spelled_name_is_written_with_partials(text: str, expected: str) -> None:
    assert spelled_differentials(text) == expected
    assert len(expected) == len(text)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("the partial derivative is 5", id="prose"),
        pytest.param("delta z / delta x = 3", id="delta-is-a-name"),
        pytest.param("model(del z)/(del x) = 1", id="inside-a-call"),
        pytest.param("(del z)/(d x) = 1", id="one-differential-only-spelled"),
        pytest.param("del z = 5", id="no-slash"),
        pytest.param("partial_sum / partial_count", id="names-with-underscores"),
    ],
)
def test_anything_else_stays_as_written(text: str) -> None:
    assert spelled_differentials(text) == text
