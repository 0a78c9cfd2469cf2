"""Which target a claim names, by its order and variables: a second derivative's name answers
the second-derivative target of a problem with ``order: 2`` and nothing else; ∂²f/∂x∂y and
∂²f/∂y∂x are one target, never ∂²f/∂x²; a problem without ``order: 2`` refuses f'' with the
reason it always gave."""

from __future__ import annotations

from pathlib import Path

import pytest
from checking import check_markdown

HESSIAN = """title: T
problems:
  - id: p1
    kind: partials
    expression: "f = x^2*y + sin(x)^2"
    wrt: [x, y]
    order: 2
    at: {x: 1, y: 2}
"""
FIRST_ONLY = HESSIAN.replace("    order: 2\n", "")
ACTIVATION = """title: T
problems:
  - id: softplus
    kind: activation
    function: softplus
    order: 2
"""
ROOT = Path(__file__).resolve().parents[2]


def _report(problems: str, markdown: str, folder: Path) -> list[tuple[str, str | None]]:
    problem_file = folder / "problems.yaml"
    problem_file.write_text(problems, encoding="utf-8")
    report = check_markdown(problem_file, markdown, folder)
    return [
        (result.verdict.value, result.target.name if result.target else None)
        for result in report.results
    ]


RIGHT_AND_WRONG = [
    # right answers, in every notation
    (r"$\frac{\partial^2 f}{\partial x^2} = 2y + 2\cos^2 x - 2\sin^2 x$", "proved", "d2f/dxdx"),
    (r"$\frac{\partial^2 f}{\partial x \partial y} = 2x$", "proved", "d2f/dxdy"),
    (r"$\frac{\partial^2 f}{\partial y\,\partial x} = 2x$", "proved", "d2f/dxdy"),
    (r"$\frac{\partial^2 f}{\partial y^2} = 0$", "proved", "d2f/dydy"),
    (r"$f_{xx} = 2y + 2\cos 2x$", "proved", "d2f/dxdx"),
    (r"$f_{xy} = 2x$", "proved", "d2f/dxdy"),
    (r"$f_{yx} = 2x$", "proved", "d2f/dxdy"),
    (r"$\frac{d^2 f}{dx^2} = 2y + 2\cos 2x$", "proved", "d2f/dxdx"),
    (r"$d^2f/dx^2 = 2y + 2\cos 2x$", "proved", "d2f/dxdx"),
    ("d2f/dx2 = 2y + 2cos(2x)", "proved", "d2f/dxdx"),
    ("d^2f/dx^2 = 2y + 2cos(2x)", "proved", "d2f/dxdx"),
    ("∂²f/∂x∂y = 2x", "proved", "d2f/dxdy"),
    ("∂²f/∂x² = 2y + 2cos(2x)", "proved", "d2f/dxdx"),
    # wrong ones: refuted, never accepted
    (r"$\frac{\partial^2 f}{\partial x \partial y} = 2y$", "refuted", "d2f/dxdy"),
    (r"$\frac{\partial^2 f}{\partial x^2} = 2x$", "refuted", "d2f/dxdx"),  # that is f_xy
    (r"$f_{xy} = 2y + 2\cos 2x$", "refuted", "d2f/dxdy"),  # that is f_xx
    (r"$f_{xx} = 2xy + \sin 2x$", "refuted", "d2f/dxdx"),  # that is f_x
    ("d2f/dx2 = 2xy + sin(2x)", "refuted", "d2f/dxdx"),
    ("∂²f/∂y² = x^2", "refuted", "d2f/dydy"),  # that is f_y
    # first derivatives still answer the first-derivative targets
    (r"$\frac{\partial f}{\partial x} = 2xy + \sin 2x$", "proved", "df/dx"),
    (r"$\frac{\partial f}{\partial x} = 2y + 2\cos 2x$", "refuted", "df/dx"),  # that is f_xx
]


@pytest.mark.parametrize(
    ("markdown", "verdict", "target"),
    [pytest.param(*case, id=f"{case[1]}-{index}") for index, case in enumerate(RIGHT_AND_WRONG)],
)
def test_second_partials_are_attributed_to_their_own_target(
    markdown: str, verdict: str, target: str, tmp_path: Path
) -> None:
    assert _report(HESSIAN, f"# p1\n\n{markdown}\n", tmp_path) == [(verdict, target)]


def test_a_number_is_the_value_at_the_point(tmp_path: Path) -> None:
    markdown = "# p1\n\n$\\frac{\\partial^2 f}{\\partial x \\partial y} = 2$\n"
    assert _report(HESSIAN, markdown, tmp_path) == [("proved", "d2f/dxdy")]
    markdown = "# p1\n\n$\\frac{\\partial^2 f}{\\partial x \\partial y} = 4$\n"
    assert _report(HESSIAN, markdown, tmp_path) == [("refuted", "d2f/dxdy")]


@pytest.mark.parametrize(
    "markdown",
    [
        r"$\frac{\partial^2 f}{\partial x^2} = 2y + 2\cos 2x$",
        r"$\frac{\partial^2 f}{\partial x \partial y} = 2x$",
        "d2f/dx2 = 2y + 2cos(2x)",
    ],
)
def test_without_order_two_a_second_derivative_is_refused(markdown: str, tmp_path: Path) -> None:
    problem_file = tmp_path / "problems.yaml"
    problem_file.write_text(FIRST_ONLY, encoding="utf-8")
    report = check_markdown(problem_file, f"# p1\n\n{markdown}\n", tmp_path)
    assert [result.verdict.value for result in report.results] == ["unattributed"]
    assert "asks for no derivative of order 2, only first derivatives" in report.results[0].notes[0]


def test_without_order_two_a_subscript_pair_stays_a_name(tmp_path: Path) -> None:
    problem_file = tmp_path / "problems.yaml"
    problem_file.write_text(FIRST_ONLY, encoding="utf-8")
    report = check_markdown(problem_file, "# p1\n\n$f_{xy} = 2x$\n", tmp_path)
    assert report.results == ()


@pytest.mark.parametrize(
    ("markdown", "verdict", "target"),
    [
        (r"$\operatorname{softplus}''(x) = \sigma(x)(1 - \sigma(x))$", "proved", "softplus''(x)"),
        (r"$\operatorname{softplus}''(x) = \sigma(x)$", "refuted", "softplus''(x)"),
        (r"$\operatorname{softplus}'(x) = \sigma(x)$", "proved", "softplus'(x)"),
        (r"$\operatorname{softplus}'(x) = \sigma(x)(1 - \sigma(x))$", "refuted", "softplus'(x)"),
        (
            r"$\frac{d^2}{dx^2}\operatorname{softplus}(x) = \sigma(x)(1-\sigma(x))$",
            "proved",
            "softplus''(x)",
        ),
        (r"$\frac{d^2}{dx^2}\operatorname{softplus}(x) = \sigma(x)$", "refuted", "softplus''(x)"),
        (r"$\operatorname{softplus}''(z) = \sigma(z)(1 - \sigma(z))$", "proved", "softplus''(x)"),
    ],
)
def test_activation_second_derivative(
    markdown: str, verdict: str, target: str, tmp_path: Path
) -> None:
    assert _report(ACTIVATION, f"# softplus\n\n{markdown}\n", tmp_path) == [(verdict, target)]


def test_order_one_activation_never_proves_f_second_against_f_prime(tmp_path: Path) -> None:
    """softplus''(x) = σ(x) is softplus', not softplus'': never proved against the first."""
    problems = ACTIVATION.replace("    order: 2\n", "")
    markdown = "# softplus\n\n$\\operatorname{softplus}''(x) = \\sigma(x)$\n"
    assert _report(problems, markdown, tmp_path) == [("unattributed", None)]


def test_a_stated_expression_is_differentiated_twice(tmp_path: Path) -> None:
    """d²/dx² (x³) = 3x² is the first derivative: refuted; 6x proved."""
    right = "# p1\n\n$\\frac{d^2}{dx^2} x^3 = 6x$\n"
    wrong = "# p1\n\n$\\frac{d^2}{dx^2} x^3 = 3x^2$\n"
    assert [verdict for verdict, _ in _report(HESSIAN, right, tmp_path)] == ["proved"]
    assert [verdict for verdict, _ in _report(HESSIAN, wrong, tmp_path)] == ["refuted"]


def test_a_second_derivative_of_a_defined_name_is_taken_twice(tmp_path: Path) -> None:
    """∂²u/∂x² of the answer's own u = x²y: 2y, not the first derivative 2xy."""
    right = "# p1\n\nLet $u = x^2 y$.\n\n$\\frac{\\partial^2 u}{\\partial x^2} = 2y$\n"
    wrong = "# p1\n\nLet $u = x^2 y$.\n\n$\\frac{\\partial^2 u}{\\partial x^2} = 2xy$\n"
    assert [verdict for verdict, _ in _report(HESSIAN, right, tmp_path)] == ["proved"]
    assert [verdict for verdict, _ in _report(HESSIAN, wrong, tmp_path)] == ["refuted"]


def test_a_second_derivative_of_a_graph_node_is_not_checked(tmp_path: Path) -> None:
    """∂²u_1/∂x² names a node of the computational graph: never compared with its first
    derivative (an edge's local partial)."""
    first = "# p1\n\n$\\frac{\\partial u_1}{\\partial x} = 2x$\n"
    assert [verdict for verdict, _ in _report(HESSIAN, first, tmp_path)] == ["proved"]
    markdown = "# p1\n\n$\\frac{\\partial^2 u_1}{\\partial x^2} = 2x$\n"
    assert [verdict for verdict, _ in _report(HESSIAN, markdown, tmp_path)] == ["unattributed"]


@pytest.mark.parametrize(
    ("markdown", "verdict"),
    [
        (r"$\frac{d^2\sigma}{dx^2} = \sigma(x)(1 - \sigma(x))(1 - 2\sigma(x))$", "proved"),
        (r"$\frac{d^2\sigma}{dx^2} = \sigma(x)(1 - \sigma(x))$", "refuted"),
        (r"$\sigma''(x) = \sigma(x)(1 - \sigma(x))(1 - 2\sigma(x))$", "proved"),
        (r"$\sigma''(x) = \sigma(x)(1 - \sigma(x))^2$", "refuted"),
    ],
)
def test_sigmoid_second_derivative_by_its_command(
    markdown: str, verdict: str, tmp_path: Path
) -> None:
    problems = ACTIVATION.replace("softplus", "sigmoid")
    assert _report(problems, f"# sigmoid\n\n{markdown}\n", tmp_path) == [(verdict, "sigmoid''(x)")]
