"""Python and NumPy answers in code blocks and cells (issue 13): ``dz_dx3 = -6*x3`` and
``def sigmoid_prime(x): return …``, read with string handling and the plain grammar."""

from __future__ import annotations

from pathlib import Path

import pytest
from checking import check_markdown

from symderive.check.markdown_answers import read_markdown
from symderive.check.python_code import derived_function, numpy_names

ROOT = Path(__file__).resolve().parents[2]
Q3 = ROOT / "problems" / "q3.yaml"
ACTIVATIONS = ROOT / "problems" / "activations.yaml"


def _fence(*lines: str) -> str:
    return "```python\n" + "\n".join(lines) + "\n```\n"


@pytest.mark.parametrize(
    ("line", "target", "verdict"),
    [
        pytest.param("dz_dx3 = -6*x3", "dz/dx3", "proved", id="underscore-right"),
        pytest.param("dz_dx3 = 6*x3", "dz/dx3", "refuted", id="underscore-wrong-sign"),
        pytest.param("dzdx1 = 1", "dz/dx1", "proved", id="glued-right"),
        pytest.param("dzdx2 = 5*x2", "dz/dx2", "refuted", id="glued-kept-variable"),
        pytest.param("dz_dx1 = 1  # the slope", "dz/dx1", "proved", id="comment-after"),
    ],
)
def test_an_assignment_named_like_a_derivative_is_a_claim(
    line: str, target: str, verdict: str, tmp_path: Path
) -> None:
    (result,) = check_markdown(Q3, "# Q3a\n\n" + _fence(line), tmp_path).results
    assert result.verdict.value == verdict
    assert result.target is not None
    assert (result.target.problem_id, result.target.name) == ("q3a", target)


def test_numpy_names_are_read(tmp_path: Path) -> None:
    fence = _fence("dz_dx3 = 1/5*x4**2*np.exp(x3**2)*2*x3", "dz_dx4 = 2/5*x4*numpy.exp(x3**2)")
    results = check_markdown(Q3, "# Q3b\n\n" + fence, tmp_path).results
    assert [r.verdict.value for r in results] == ["proved", "proved"]


@pytest.mark.parametrize(
    ("code", "problem", "verdict"),
    [
        pytest.param(
            ("def tanh_prime(x):", "    return 1 - np.tanh(x)**2"), "tanh", "proved", id="prime"
        ),
        pytest.param(
            ("def tanh_prime(x):", "    return 1 - np.tanh(x)"), "tanh", "refuted", id="wrong"
        ),
        pytest.param(
            ("def softplus_grad(x): return 1/(1 + np.exp(-x))",),
            "softplus",
            "proved",
            id="same-line-grad",
        ),
        pytest.param(
            ("def dtanh(z: float) -> float:", "    return 1 - np.tanh(z)**2"),
            "tanh",
            "proved",
            id="d-glued-typed",
        ),
        pytest.param(
            ("def d_silu(x):", "    return sigmoid(x)*(1 - sigmoid(x))"),
            "silu",
            "refuted",
            id="d-underscore-wrong",
        ),
        pytest.param(
            ("def f_prime(x):", "    return sigmoid(x) + x*sigmoid(x)*(1 - sigmoid(x))"),
            "own-silu",
            "proved",
            id="own-function",
        ),
    ],
)
def test_a_function_named_like_a_derivative_is_a_claim(
    code: tuple[str, ...], problem: str, verdict: str, tmp_path: Path
) -> None:
    (result,) = check_markdown(ACTIVATIONS, f"# {problem}\n\n" + _fence(*code), tmp_path).results
    assert result.verdict.value == verdict
    assert result.target is not None and result.target.problem_id == problem


def test_code_that_is_no_answer_is_not_a_claim(tmp_path: Path) -> None:
    fence = _fence(
        "import numpy as np",
        "x = 0.5",
        "print(dz_dx1)",
        "def helper(x):",
        "    return x + 1",
        "def dot(x): return x*x",
    )
    path = tmp_path / "a.md"
    path.write_text("# Q3a\n\n" + fence)
    answers = read_markdown(path)
    assert answers.claims == () and answers.unread == ()


def test_an_answer_not_read_is_reported_with_its_reason(tmp_path: Path) -> None:
    fence = _fence(
        "dz_dx2 = np.where(x2 > 0, 1, 0)",
        "def tanh_prime(x):",
        "    y = np.tanh(x)",
        "    return 1 - y**2",
    )
    path = tmp_path / "a.md"
    path.write_text("# Q3a\n\n" + fence)
    answers = read_markdown(path)
    assert answers.claims == ()
    where, body = answers.unread
    assert (where.location.line, where.location.column) == (4, 1)
    assert "np.where has no meaning" in where.reason
    assert (body.location.line, body.location.column) == (5, 5)
    assert "not one return line" in body.reason


@pytest.mark.parametrize(
    ("name", "function"),
    [
        ("sigmoid_prime", "sigmoid"),
        ("sigmoid_derivative", "sigmoid"),
        ("dsigmoid", "sigmoid"),
        ("d_relu", "relu"),
        ("relu_grad", "relu"),
        ("fprime", "f"),
        ("dot", None),
        ("order", None),
        ("relu", None),
    ],
)
def test_derived_function(name: str, function: str | None) -> None:
    assert derived_function(name) == function


def test_numpy_names_keep_columns() -> None:
    text = "2*np.exp(x) + np.maximum(0, x) + np.where(x)"
    rewritten = numpy_names(text)
    assert len(rewritten) == len(text)
    assert rewritten == "2*   exp(x) +        max(0, x) + np.where(x)"
