"""Which left sides name a Jacobian, and a formula ``name = matrix form`` read as one claim;
anything else is left to the ordinary readers, exactly as before."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy

from symderive.check.answers import read_answers
from symderive.check.matrix_forms import JacobianName, jacobian_name, matrix_relation
from symderive.parsing.notation import DerivativeNotation


@pytest.mark.parametrize(
    ("side", "expected"),
    [
        pytest.param("J", JacobianName(None, None), id="bare-J"),
        pytest.param(r"\mathbf{J}", JacobianName(None, None), id="bold-J"),
        pytest.param("J(z)", JacobianName(None, "z"), id="J-of-z"),
        pytest.param("J_z", JacobianName(None, "z"), id="J-in-z"),
        pytest.param(r"J_{\mathrm{softmax}}(z)", JacobianName("softmax", "z"), id="J-softmax"),
        pytest.param(r"J_{\operatorname{softmax}}", JacobianName("softmax", None), id="J-opname"),
        pytest.param("J_s", JacobianName("softmax", None), id="J-s"),
        pytest.param(
            r"\frac{\partial \mathbf{s}}{\partial \mathbf{z}}",
            JacobianName("softmax", "z"),
            id="bold-partial",
        ),
        pytest.param(r"\frac{\partial s}{\partial z}", JacobianName("softmax", "z"), id="partial"),
        pytest.param(r"\frac{ds}{dz}", JacobianName("softmax", "z"), id="d"),
        pytest.param(r"\partial s / \partial z", JacobianName("softmax", "z"), id="slash"),
        pytest.param(r"\nabla_z s", JacobianName("softmax", "z"), id="nabla"),
        pytest.param(
            r"\nabla_{\mathbf{z}} \mathbf{s}", JacobianName("softmax", "z"), id="nabla-bold"
        ),
        pytest.param("Ds", JacobianName("softmax", None), id="D"),
        pytest.param(r"D\,\mathbf{s}(\mathbf{z})", JacobianName("softmax", "z"), id="D-of-z"),
        pytest.param(
            r"\frac{\partial \operatorname{softmax}(z)}{\partial z}",
            JacobianName("softmax", "z"),
            id="softmax-of-z",
        ),
        pytest.param(
            r"\frac{\partial \log \mathbf{s}}{\partial \mathbf{z}}",
            JacobianName("log_softmax", "z"),
            id="log-softmax",
        ),
        pytest.param(
            r"J_{\log\operatorname{softmax}}", JacobianName("log_softmax", None), id="J-log-softmax"
        ),
    ],
)
def test_names_of_a_jacobian(side: str, expected: JacobianName) -> None:
    assert jacobian_name(side) == expected


@pytest.mark.parametrize(
    "side",
    [
        pytest.param(r"\frac{\partial s_i}{\partial z_j}", id="an-entry"),
        pytest.param(r"\frac{\partial L}{\partial z}", id="another-function"),
        pytest.param(r"\frac{\partial \sigma(x)}{\partial y}", id="another-argument"),
        pytest.param("K", id="another-letter"),
        pytest.param(r"J_{\mathrm{softmax}} + 1", id="not-a-name"),
        pytest.param(r"\sigma'(z)", id="a-prime"),
    ],
)
def test_what_names_no_jacobian(side: str) -> None:
    assert jacobian_name(side) is None


def test_a_name_gives_the_claims_subject() -> None:
    assert JacobianName(None, None).subject() == sympy.Symbol("J")
    assert JacobianName("softmax", None).subject() == DerivativeNotation(
        "s", variable="z", partial=True
    )


def _claims(tmp_path: Path, text: str) -> list[tuple[str, object]]:
    path = tmp_path / "answers.md"
    path.write_text(text, encoding="utf-8")
    answers = read_answers(path)
    return [(claim.text, claim.value) for claim in answers.claims]


def test_a_matrix_form_is_one_claim(tmp_path: Path) -> None:
    claims = _claims(tmp_path, "## Q2 (c)\n\n$$J = \\operatorname{diag}(s) - s s^T$$\n")
    assert len(claims) == 1
    text, value = claims[0]
    assert text == r"J = \operatorname{diag}(s) - s s^T"
    assert isinstance(value, sympy.MatrixExpr)


def test_names_before_the_form_are_one_claim(tmp_path: Path) -> None:
    """``J = ∂s/∂z = diag(s) − s sᵀ``: both names, one value."""
    text = "$$J = \\frac{\\partial s}{\\partial z} = \\operatorname{diag}(s) - s s^T$$\n"
    claims = _claims(tmp_path, text)
    assert len(claims) == 1 and isinstance(claims[0][1], sympy.MatrixExpr)


@pytest.mark.parametrize(
    "formula",
    [
        pytest.param(r"J = x^2 + 1", id="J-is-a-number"),
        pytest.param(r"W = \operatorname{diag}(s) - s s^T", id="another-name"),
        pytest.param(r"\frac{\partial z}{\partial x_1} = 1", id="an-ordinary-claim"),
    ],
)
def test_other_formulas_are_read_as_before(tmp_path: Path, formula: str) -> None:
    claims = _claims(tmp_path, f"$${formula}$$\n")
    assert not any(isinstance(value, sympy.MatrixExpr) for _, value in claims)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("J = " + "s s^T + " * 200 + "s s^T", id="a-long-value"),
        pytest.param("\\frac{\\partial " + "s" * 500 + "}{\\partial z} = s s^T", id="a-long-name"),
        pytest.param("J \\ne diag(s) - s s^T", id="no-equals"),
    ],
)
def test_long_or_unrelated_text_is_refused_before_it_is_split(text: str) -> None:
    assert matrix_relation(text, 0, len(text)) is None


def test_a_relation_gives_its_sides_name_and_form() -> None:
    text = "J = \\operatorname{diag}(s) - s s^T"
    relation = matrix_relation(text, 0, len(text))
    assert relation is not None
    pieces, name, form = relation
    assert pieces == [(0, 1), (4, len(text))]
    assert name == JacobianName(None, None)
    assert isinstance(form, sympy.MatrixExpr)
