"""Round-off residuals as bounds: below the floor only the floor, above it three digits up."""

from __future__ import annotations

import pytest

from symderive.render.residuals import FLOOR, power_of_ten, residual_bound, residual_math


@pytest.mark.parametrize("value", [0.0, 1.1102230246251565e-16, 3.3306690738754696e-16, 9e-13])
def test_round_off_shows_only_the_floor(value: float) -> None:
    assert residual_bound(value) == FLOOR
    assert residual_math(value).unicode == "< 1e-12"
    assert residual_math(value).latex == "< 10^{-12}"


@pytest.mark.parametrize(
    ("value", "bound", "latex"),
    [
        (1e-12, 1e-12, r"1\times 10^{-12}"),
        (3.3333e-11, 3.34e-11, r"3.34\times 10^{-11}"),
        (2.5e-10, 2.5e-10, r"2.5\times 10^{-10}"),
        (0.123401, 0.124, "0.124"),
    ],
)
def test_larger_residuals_round_up_to_three_digits(value: float, bound: float, latex: str) -> None:
    assert residual_bound(value) == bound >= value
    assert residual_math(value).latex == latex


def test_tolerances_read_as_powers_of_ten() -> None:
    assert power_of_ten(1e-9).unicode == "1e-9"
    assert power_of_ten(1e-9).latex == "10^{-9}"
