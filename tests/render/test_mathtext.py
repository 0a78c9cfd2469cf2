"""Unicode and LaTeX text of expressions: one-line printing, and splitting long formulas."""

from __future__ import annotations

import pytest
import sympy

from symderive.parsing.matrix_form import read_matrix_form
from symderive.render.mathtext import latex, split_formula, unicode


@pytest.mark.parametrize(
    ("formula", "expected"),
    [
        ("z = x_{1} + 5 x_{2} - 3 x_{3}^{2}", ("z", "=", ["x_{1}", "+ 5 x_{2}", "- 3 x_{3}^{2}"])),
        (
            r"\frac{\partial z}{\partial x} = - 6 x",
            (r"\frac{\partial z}{\partial x}", "=", ["- 6 x"]),
        ),
        (
            r"y = \left(a + b\right) - \frac{c - d}{2} = 4",
            ("y", "=", [r"\left(a + b\right)", r"- \frac{c - d}{2} = 4"]),
        ),
        (r"a + \left\{ b - c \right. + d", ("", "", ["a", r"+ \left\{ b - c \right.", "+ d"])),
        (
            r"\begin{cases} a - b & x = 0 \\ 1 \end{cases} + 2",
            ("", "", [r"\begin{cases} a - b & x = 0 \\ 1 \end{cases}", "+ 2"]),
        ),
        (r"a \leq b + c", ("a", r"\leq", ["b", "+ c"])),
        (r"x^{-1} = e^{- y}", ("x^{-1}", "=", ["e^{- y}"])),
    ],
    ids=["sum", "leading-minus", "groups", "escaped-brace", "environment", "relation", "exponents"],
)
def test_split_formula(formula: str, expected: tuple[str, str, list[str]]) -> None:
    assert split_formula(formula) == expected


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        pytest.param(
            sympy.Piecewise((1, sympy.Symbol("x") > 0), (0, True)),
            "{1 if x > 0; 0 otherwise}",
            id="cases",
        ),
        pytest.param(sympy.Symbol("x") <= 1, "x ≤ 1", id="relation"),
        pytest.param(
            sympy.KroneckerDelta(sympy.Symbol("i"), sympy.Symbol("j")), "δᵢⱼ", id="kronecker"
        ),
        pytest.param(sympy.Symbol("s_i") * sympy.Symbol("s_j"), "sᵢ·sⱼ", id="letter-subscripts"),
    ],
)
def test_unicode_prints_cases_and_indices_readably(expression: sympy.Basic, expected: str) -> None:
    assert unicode(expression) == expected


@pytest.mark.parametrize(
    ("form", "text", "formula"),
    [
        pytest.param(
            r"\operatorname{diag}(s) - s s^T",
            "diag(s) − s sᵀ",
            r"- s s^{T} + \operatorname{diag}\left(s\right)",
            id="softmax-jacobian",
        ),
        pytest.param(
            r"I - \mathbf{1} s^T", "I − 𝟏 sᵀ", r"- \mathbf{1} s^{T} + I", id="log-softmax"
        ),
        pytest.param(
            r"\operatorname{diag}(s)(I - 1 s^T)",
            "diag(s) (I − 𝟏 sᵀ)",
            r"\operatorname{diag}\left(s\right) \left(- \mathbf{1} s^{T} + I\right)",
            id="a-product-with-a-sum",
        ),
        pytest.param("(s s^T)^T", "(s sᵀ)ᵀ", r"\left(s s^{T}\right)^{T}", id="transposed-product"),
    ],
)
def test_matrix_forms_print_as_written(form: str, text: str, formula: str) -> None:
    """A Jacobian claimed as diag(s) − s sᵀ is shown so, not as SymPy's DiagMatrix(s)."""
    value = read_matrix_form(form)
    assert value is not None
    assert (unicode(value), latex(value)) == (text, formula)
