"""YAML answer files: derivative keys, plain or LaTeX by content, steps, located errors."""

from __future__ import annotations

from pathlib import Path

import pytest
import sympy

from symderive.check.claim import Answers
from symderive.check.yaml_answers import read_yaml_answers
from symderive.errors import InputError
from symderive.parsing.names import make_symbol

x1, x2, x3, x4, z = (make_symbol(name) for name in ("x1", "x2", "x3", "x4", "z"))


@pytest.fixture(scope="module")
def answers(answers_dir: Path) -> Answers:
    return read_yaml_answers(answers_dir / "answers.yaml")


def test_claims_keys_and_lines(answers: Answers) -> None:
    summary = [
        (c.stated_id, c.location.line, c.location.column, c.notation and c.notation.variable)
        for c in answers.claims
    ]
    assert summary == [
        ("q3a", 3, 3, "x1"),
        ("q3a", 4, 3, "x2"),  # dz/dx_2: the subscript is normalised
        ("q3a", 5, 3, "x3"),
        ("q3a", 6, 3, "x3"),  # ∂z/∂x₃ as a key
        ("q3b", 8, 3, "x1"),  # \frac{\partial z}{\partial x_1} as a key
        ("q3b", 9, 3, "x3"),
        ("q3b", 10, 3, "x4"),  # a list: a chain ending in the claim
        ("q3c", 17, 3, "x3"),  # unparsed value
        ("q3c", 18, 4, None),  # d/dx names no derivative: located at its slash
        ("q9", 20, 3, "x1"),  # kept: attribution reports the unknown id
    ]


@pytest.mark.parametrize(
    ("index", "syntax", "value"),
    [
        pytest.param(0, "plain", sympy.Integer(1), id="quoted-number"),
        pytest.param(1, "plain", sympy.Integer(5), id="bare-number"),
        pytest.param(2, "plain", -6 * x3, id="plain-implicit-product"),
        pytest.param(3, "latex", -6 * x3, id="unicode-is-latex"),
        pytest.param(4, "plain", x2 - 4, id="plain-value-latex-key"),
        pytest.param(5, "latex", sympy.Rational(2, 5) * x3 * x4**2 * sympy.exp(x3**2), id="latex"),
        pytest.param(6, "plain", sympy.Rational(2, 5) * x4 * sympy.exp(x3**2), id="chain-end"),
    ],
)
def test_values_and_syntax(answers: Answers, index: int, syntax: str, value: sympy.Expr) -> None:
    claim = answers.claims[index]
    assert claim.syntax == syntax
    assert claim.value is not None and sympy.simplify(claim.value - value) == 0


def test_a_parse_error_points_into_the_file(answers: Answers) -> None:
    claim = answers.claims[7]
    assert claim.error is not None and claim.error.location is not None
    location = claim.error.location
    assert (location.line, location.column) == (17, 20)
    assert location.line_text == "  dz/dx3: -1/x3^2 +"
    assert claim.text == "dz/dx3 = -1/x3^2 +"


def test_a_key_that_names_no_derivative(answers: Answers) -> None:
    claim = answers.claims[8]
    assert claim.error is not None and "derivative's name is not understood" in claim.error.message
    assert claim.error.location is not None and claim.error.location.line == 18


def test_steps_are_a_chain(answers: Answers) -> None:
    steps = next(chain for chain in answers.chains if chain.stated_id == "q3c")
    assert steps.subject == z and steps.claim is None
    assert [(link.location.line, link.location.column) for link in steps.links] == [
        (15, 11),
        (16, 11),
    ]
    first, second = (link.value for link in steps.links)
    assert first is not None and second is not None and sympy.expand(first - second) == 0


def test_a_list_under_a_derivative_is_a_chain_ending_in_its_claim(answers: Answers) -> None:
    claim = answers.claims[6]
    chain = next(chain for chain in answers.chains if chain.number == claim.chain)
    assert chain.claim == claim.number and len(chain.links) == 2


@pytest.mark.parametrize(
    ("content", "message", "line", "column"),
    [
        pytest.param("- q3a\n", "maps problem ids", 1, 1, id="a-list"),
        pytest.param("q3a:\n  dz/dx1: 1\n  dz/dx1: 2\n", "duplicate key", 3, 3, id="duplicate"),
        pytest.param("q3a:\n  steps: y = 1\n", "'steps' must be a list", 2, 10, id="steps-scalar"),
        pytest.param("q3a:\n  dz/dx1: {a: 1}\n", "must be a formula", 2, 11, id="mapping-value"),
        pytest.param("q3a: [\n", "malformed YAML", 2, 1, id="malformed"),
    ],
)
def test_malformed_answer_files(
    tmp_path: Path, content: str, message: str, line: int, column: int
) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message) as raised:
        read_yaml_answers(path)
    location = raised.value.location
    assert location is not None and (location.line, location.column) == (line, column)


def test_a_problem_with_one_formula(tmp_path: Path) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text('q2a: "\\\\sigma\'(x) = \\\\sigma(x)(1 - \\\\sigma(x))"\n', encoding="utf-8")
    (claim,) = read_yaml_answers(path).claims
    assert claim.notation is not None and claim.notation.function == "sigma"
    assert (claim.location.line, claim.location.column) == (1, 7)
