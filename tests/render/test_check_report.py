"""How a check report words its evidence: counterexample points as exact decimals."""

from __future__ import annotations

import pytest
import sympy

from symderive.check.equivalence import Comparison, RefutingPoint, Verdict
from symderive.render.check_report import evidence


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        pytest.param(sympy.Rational(-654233, 1000000), "-0.654233", id="decimal-fraction"),
        pytest.param(sympy.Rational(-53107, 31250), "-1.699424", id="power-of-five-denominator"),
        pytest.param(sympy.Rational(1, 3), "1/3", id="no-finite-decimal"),
        pytest.param(sympy.Integer(2), "2", id="integer"),
    ],
)
def test_counterexample_points_are_exact(value: sympy.Rational, shown: str) -> None:
    found = RefutingPoint(((sympy.Symbol("x"), value),), complex(1.5), complex(2.0))
    text = evidence(Comparison(Verdict.REFUTED, "random points", found))
    assert text.startswith(f"at x = {shown}: the claim gives 1.5, the derivative is 2")
