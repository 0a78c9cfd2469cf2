"""A right answer perturbed the way an adversarial student would is never accepted.

Each family hides a difference where a weak screen does not look: only far away, on the grid the
points lie on, in a bump too thin for the points, or far below float precision. Whatever the
random expression, the perturbed answer must be refuted or undecided — never proved, never
numerically-equal. (Pieces of answers by cases offset in several variables: test_cases.py.)
"""

from __future__ import annotations

import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import VARIABLES, expressions

from symderive.check.equivalence import Verdict, compare

ACCEPTING = (Verdict.PROVED, Verdict.NUMERICALLY_EQUAL)
x = VARIABLES[0]
amounts = st.sampled_from([sympy.Integer(1), sympy.Rational(-3, 2), sympy.Rational(1, 1000)])


def _far(amount: sympy.Expr, edge: int) -> sympy.Expr:
    """Zero for |x| ≤ edge, ``amount`` beyond."""
    return sympy.Piecewise((0, sympy.Abs(x) <= edge), (amount, True))


def _resonant(amount: sympy.Expr, frequency: int) -> sympy.Expr:
    """Zero at every multiple of 1/frequency (a grid of points would see nothing)."""
    return amount * (1 - sympy.cos(2 * frequency * sympy.pi * x))


def _bump(amount: sympy.Expr, width: int, centre: int) -> sympy.Expr:
    """A bump of height ``amount`` about ``centre``, 1/√width wide."""
    return amount * sympy.exp(-width * (x - centre) ** 2)


def _tiny(exponent: int) -> sympy.Expr:
    return sympy.sin(x) / sympy.Integer(10) ** exponent


offsets = st.one_of(
    st.builds(_far, amounts, st.integers(3, 100)),
    st.builds(_resonant, amounts, st.sampled_from([10**6, 2**40, 10**9])),
    st.builds(_bump, amounts, st.sampled_from([10**3, 10**6]), st.integers(-5, 5)),
    st.builds(_tiny, st.integers(20, 60)),
)


@settings(max_examples=60, deadline=None)
@given(expressions, offsets)
def test_a_hidden_difference_is_never_accepted(expression: sympy.Expr, offset: sympy.Expr) -> None:
    right = sympy.diff(expression, x)
    verdict = compare(right + offset, right, VARIABLES, proof_seconds=0).verdict
    assert verdict not in ACCEPTING


def test_a_right_answer_beyond_every_precision_is_not_refuted() -> None:
    """``sin²(e^{e^{e^{e^x}}}) + cos²(…)`` is 1 everywhere, but at x = 2.3 its argument has
    10⁹³⁰⁰ digits: mpmath can neither reduce it nor keep it finite. Such a point is no
    evidence (it used to be "the claim has no value here", and a right answer was refuted)."""
    tower = sympy.exp(sympy.exp(sympy.exp(sympy.exp(x))))
    claimed = sympy.sin(tower) ** 2 + sympy.cos(tower) ** 2
    assert compare(claimed, sympy.Integer(1), [x], proof_seconds=0).verdict is not Verdict.REFUTED
