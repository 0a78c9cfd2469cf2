"""Kind convolution: q5.yaml loads, kernels and images are exact, every mistake is located."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import pytest
import sympy
import yaml

from symderive.derive.convolution import ConvolutionSolution
from symderive.errors import ProblemFileError
from symderive.problem import ConvolutionProblem
from symderive.problemfile import load_problem_file, load_problem_text
from symderive.schema import problem_file_schema

ROOT = Path(__file__).parents[2]
HEAD = "title: T\nproblems:\n  - id: a\n    kind: convolution\n"


def load(body: str) -> ConvolutionProblem:
    problem = load_problem_text(HEAD + body, "f.yaml").problems[0]
    assert isinstance(problem, ConvolutionProblem)
    return problem


def test_q5_loads_and_the_schema_accepts_it() -> None:
    path = ROOT / "problems" / "q5.yaml"
    problems = load_problem_file(path)
    assert problems.title == "Q5: Convolution kernels" and problems.points == 20
    course = problems.problems[0]
    assert isinstance(course, ConvolutionProblem)
    assert [kernel.name for kernel in course.kernels] == ["k1", "k2", "k3", "k4"]
    k4 = course.kernels[3]
    assert k4.scale == sympy.Rational(1, 9) and k4.matrix == sympy.ones(3, 3) / 9
    assert course.image is None and course.points == 20
    jsonschema.Draft202012Validator(problem_file_schema()).validate(
        yaml.safe_load(path.read_text("utf-8"))
    )


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        pytest.param('"1/9"', sympy.Rational(1, 9), id="quoted-fraction"),
        pytest.param("1/9", sympy.Rational(1, 9), id="plain-fraction"),
        pytest.param("0.1", sympy.Rational(1, 10), id="decimal-is-exact"),
        pytest.param("-2", sympy.Integer(-2), id="integer"),
    ],
)
def test_entries_and_scales_are_exact(written: str, expected: sympy.Rational) -> None:
    problem = load(f"    kernels:\n      k: {{rows: [[{written}]], scale: {written}}}\n")
    (kernel,) = problem.kernels
    assert kernel.written[0, 0] == expected and kernel.scale == expected
    assert kernel.matrix[0, 0] == expected * expected


def test_rectangular_kernels_and_an_image() -> None:
    problem = load(
        "    kernels:\n      row: [[1, 2, 1]]\n      column: [[1], [0], [-1]]\n"
        "    image: [[0, 1, 2], [3, 4, 5], [6, 7, 8.5]]\n"
    )
    assert [kernel.written.shape for kernel in problem.kernels] == [(1, 3), (3, 1)]
    assert problem.image is not None and problem.image[2][2] == sympy.Rational(17, 2)


BIG_IMAGE = "[" + ", ".join(["[" + ", ".join(["0"] * 65) + "]"] * 3) + "]"
# (body, line, column, message fragment): HEAD has 4 lines.
ERRORS = [
    pytest.param("    kernels: {}\n", 5, 14, "'kernels' is empty", id="no-kernels"),
    pytest.param("    kernels: [[1]]\n", 5, 14, "'kernels' must be a mapping", id="kernels-list"),
    pytest.param(
        "    kernels:\n      k: [[1, 1]]\n", 6, 10, "is 1×2; a kernel needs an odd", id="even-width"
    ),
    pytest.param(
        "    kernels:\n      k: [[1], [1]]\n", 6, 10, "odd number of rows", id="even-height"
    ),
    pytest.param(
        "    kernels:\n      k: [[1, 2, 3], [1, 2]]\n",
        6,
        22,
        "has 2 entries, the first has 3",
        id="ragged",
    ),
    pytest.param(
        "    kernels:\n      k: [[1, x, 3]]\n",
        6,
        15,
        "each entry of kernel 'k' must be",
        id="not-a-number",
    ),
    pytest.param("    kernels:\n      k: [[1, 1e7, 3]]\n", 6, 15, "must lie in", id="huge-entry"),
    pytest.param(
        "    kernels:\n      k: [[0, 0, 0]]\n",
        6,
        10,
        "every entry of kernel 'k' is 0",
        id="all-zero",
    ),
    pytest.param(
        "    kernels:\n      k: [1, 2, 3]\n", 6, 11, "each row of kernel 'k'", id="flat-list"
    ),
    pytest.param(
        "    kernels:\n      k: 3\n", 6, 10, "a list of rows or a mapping", id="scalar-kernel"
    ),
    pytest.param(
        "    kernels:\n      k: [" + ", ".join(["[1]"] * 11) + "]\n",
        6,
        10,
        "has 11 rows; between 1 and 9",
        id="too-tall",
    ),
    pytest.param(
        "    kernels:\n      1k: [[1]]\n", 6, 7, "must start with a letter", id="bad-name"
    ),
    pytest.param(
        "    kernels:\n      k: {rows: [[1]], scale: 0}\n",
        6,
        31,
        "scale of kernel 'k' is 0",
        id="zero-scale",
    ),
    pytest.param(
        "    kernels:\n      k: {rows: [[1]], scal: 2}\n",
        6,
        24,
        "did you mean 'scale'",
        id="misspelt-scale",
    ),
    pytest.param("    kernels:\n      k: {scale: 2}\n", 6, 10, "has no 'rows'", id="no-rows"),
    pytest.param(
        "    kernels:\n      k: [[1]]\n    image: [[1, 2], [3, 4]]\n",
        7,
        12,
        "between 3 and 64",
        id="tiny-image",
    ),
    pytest.param(
        "    kernels:\n      k: [[1]]\n    image: " + BIG_IMAGE + "\n",
        7,
        13,
        "between 3 and 64",
        id="wide-image",
    ),
    pytest.param(
        "    kernels:\n      k: [[1, 1, 1, 1, 1]]\n    image: [[1, 2, 3], [3, 4, 5], [5, 6, 7]]\n",
        7,
        12,
        "smaller than the largest kernel",
        id="image-smaller-than-kernel",
    ),
    pytest.param(
        "    kernel:\n      k: [[1]]\n", 5, 5, "did you mean 'kernels'", id="misspelt-key"
    ),
]


@pytest.mark.parametrize(("body", "line", "column", "fragment"), ERRORS)
def test_errors_are_located(body: str, line: int, column: int, fragment: str) -> None:
    with pytest.raises(ProblemFileError) as caught:
        load_problem_text(HEAD + body, "f.yaml")
    error = caught.value
    assert fragment in error.message
    assert error.location is not None
    assert (error.location.file, error.location.line, error.location.column) == (
        "f.yaml",
        line,
        column,
    )


REVIEWED_KERNELS = """    kernels:
      learned: [[0.1, 0.05, 0.1], [0.05, 0.147, 0.05], [0.05, 0.05, 0.05]]
      nearly_gaussian: [[1, 2, 1], [2, 4, 2], [1, 2, 1.0000000001]]
      odd_fraction: [[0, 0, 0], [0, 617143/176533, 0], [0, 0, 0]]
      tiny_row: {rows: [[1, 1, 1]], scale: 1e-300}
      tinier: {rows: [[1]], scale: 1e-400}
      ill_conditioned: [[1, -1000000, 0], [0, 1, -1000000], [0, 0, 1]]
      nearly_rank_one: [[1, 1.00000000000000001, 0], [1, 1, 0], [0, 0, 0]]
      third_difference: [[1, -2, 0, 2, -1]]
      central_difference: [[0, 0, 0], [-1, 0, 1], [0, 0, 0]]
      one_zero_one: [[1, 0, 1]]
"""


def test_reviewed_kernels_solve_and_render_from_a_file(tmp_path: Path) -> None:
    """Kernels that once raised VerificationError or were misnamed, end to end from YAML."""
    from symderive.render.solutions import data_of
    from symderive.solve import solve_problem_set

    path = tmp_path / "reviewed.yaml"
    path.write_text(HEAD + REVIEWED_KERNELS, encoding="utf-8")
    solutions = solve_problem_set(load_problem_file(path))
    (solution,) = solutions.solutions
    assert isinstance(solution, ConvolutionSolution)
    by_name = {kernel.kernel.name: kernel for kernel in solution.kernels}
    for kernel in by_name.values():
        assert kernel.response.at_zero == kernel.properties.total == sum(kernel.kernel.matrix)
    assert by_name["tinier"].properties.total == sympy.Rational(1, 10**400)
    tiny = by_name["tiny_row"].response
    assert tiny.unit == sympy.Rational(1, 10**300) and abs(tiny.relative_peak - 3) < 1e-9
    assert tiny.passband == "low-pass"
    assert by_name["ill_conditioned"].properties.separation.rank == 3
    assert by_name["nearly_rank_one"].properties.separation.rank == 2
    assert "gradient" not in by_name["third_difference"].identification.name
    assert by_name["central_difference"].response.passband == "band-pass"
    assert by_name["one_zero_one"].response.passband != "low-pass"
    assert data_of(solutions)
