"""Hypothesis strategies: random whitelisted expressions, built as SymPy objects."""

from __future__ import annotations

import sympy
from hypothesis import strategies as st

from symderive.functions import sigmoid, softplus
from symderive.parsing.names import make_symbol

VARIABLES = tuple(make_symbol(name) for name in ("x1", "x2", "x3"))

_UNARY = (sympy.exp, sympy.sin, sympy.cos, sympy.tanh, sigmoid, softplus, sympy.atan)

leaves = st.one_of(
    st.sampled_from(VARIABLES),
    st.integers(min_value=-5, max_value=5).map(sympy.Integer),
    st.fractions(max_denominator=4, min_value=-3, max_value=3).map(
        lambda value: sympy.Rational(value.numerator, value.denominator)
    ),
)


def _extend(children: st.SearchStrategy[sympy.Expr]) -> st.SearchStrategy[sympy.Expr]:
    return st.one_of(
        st.tuples(children, children).map(lambda pair: pair[0] + pair[1]),
        st.tuples(children, children).map(lambda pair: pair[0] * pair[1]),
        st.tuples(children, children).map(lambda pair: pair[0] - pair[1]),
        st.tuples(children, st.integers(min_value=2, max_value=4)).map(
            lambda pair: pair[0] ** pair[1]
        ),
        st.tuples(st.sampled_from(_UNARY), children).map(lambda pair: pair[0](pair[1])),
        st.tuples(children, st.sampled_from(VARIABLES)).map(
            lambda pair: pair[0] / (1 + pair[1] ** 2)
        ),
    )


expressions = st.recursive(leaves, _extend, max_leaves=8)
