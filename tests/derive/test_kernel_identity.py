"""Identification from properties: course kernels, variants the rules were not written for, and
behaviour checked on images by loops written out here (not by the solver's own filtering)."""

from __future__ import annotations

import numpy
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from symderive.derive.convolution import KernelSolution, solve_kernel
from symderive.derive.kernel_images import correlate, generated_image
from symderive.errors import SourceLocation
from symderive.problem import Kernel
from symderive.render.kernel_words import direction_words, identification_words


def kernel(rows: list[list[int]], scale: sympy.Rational | int = 1) -> Kernel:
    return Kernel("k", sympy.ImmutableMatrix(rows), sympy.Rational(scale), SourceLocation())


def solved(rows: list[list[int]], scale: sympy.Rational | int = 1) -> KernelSolution:
    return solve_kernel(kernel(rows, scale), generated_image())


def loop_correlate(image: numpy.ndarray, matrix: sympy.ImmutableMatrix, sign: int) -> numpy.ndarray:
    """y[i, j] = Σ k[m, n]·x[i + sign·m, j + sign·n] on the pixels whose neighbourhood is inside
    the image (NaN elsewhere): plain loops, no wrapping, no numpy.roll."""
    half_rows, half_columns = matrix.rows // 2, matrix.cols // 2
    output = numpy.full(image.shape, numpy.nan)
    for i in range(half_rows, image.shape[0] - half_rows):
        for j in range(half_columns, image.shape[1] - half_columns):
            total = 0.0
            for r in range(matrix.rows):
                for c in range(matrix.cols):
                    m, n = r - half_rows, c - half_columns
                    total += float(matrix[r, c]) * image[i + sign * m, j + sign * n]
            output[i, j] = total
    return output


BOX5 = [[1] * 5] * 5
BINOMIAL5 = [[a * b for b in (1, 4, 6, 4, 1)] for a in (1, 4, 6, 4, 1)]


@pytest.mark.parametrize(
    ("rows", "scale", "name"),
    [
        pytest.param([[0, 0, 0], [0, 1, 0], [0, 0, 0]], 1, "identity", id="course-k1"),
        pytest.param([[0, 0, 0], [0, 0, 1], [0, 0, 0]], 1, "shift", id="course-k2"),
        pytest.param(
            [[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]], 1, "Laplacian edge detector", id="course-k3"
        ),
        pytest.param([[1, 1, 1]] * 3, sympy.Rational(1, 9), "box blur", id="course-k4"),
        pytest.param([[2]], 1, "scaled identity", id="scaled-identity-1x1"),
        pytest.param([[0, 0, 0, 0, 0]] * 4 + [[0, 3, 0, 0, 0]], 1, "shift", id="shift-5x5-scaled"),
        pytest.param(BOX5, sympy.Rational(1, 25), "box blur", id="box-5x5"),
        pytest.param([[2, 2, 2]] * 3, 1, "box filter", id="box-unnormalised"),
        pytest.param(BINOMIAL5, sympy.Rational(1, 256), "Gaussian blur", id="gaussian-5x5"),
        pytest.param([[1, 2, 1]], sympy.Rational(1, 4), "Gaussian blur", id="gaussian-1d"),
        pytest.param(
            [[0, 1, 0], [1, -4, 1], [0, 1, 0]],
            1,
            "Laplacian edge detector",
            id="laplacian-4-negative-centre",
        ),
        pytest.param(
            [[0, -1, 0], [-2, 6, -2], [0, -1, 0]],
            1,
            "second-derivative edge detector",
            id="anisotropic-second-derivative",
        ),
        pytest.param([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], 1, "Sobel gradient", id="sobel-x"),
        pytest.param([[1, 2, 1], [0, 0, 0], [-1, -2, -1]], 1, "Sobel gradient", id="sobel-y"),
        pytest.param([[-1, 0, 1]] * 3, 1, "Prewitt gradient", id="prewitt-x"),
        pytest.param([[-1, 0, 1]], 1, "gradient", id="central-difference"),
        pytest.param([[0, -1, 0], [-1, 5, -1], [0, -1, 0]], 1, "sharpen", id="sharpen-4"),
        pytest.param([[-1, -1, -1], [-1, 9, -1], [-1, -1, -1]], 1, "sharpen", id="sharpen-8"),
        pytest.param([[-2, -1, 0], [-1, 1, 1], [0, 1, 2]], 1, "emboss", id="emboss"),
        pytest.param([[1, 2, 0], [0, 3, 0], [0, 0, 1]], 1, "none of these", id="arbitrary"),
        pytest.param([[1, 2, 1], [2, 5, 2], [1, 2, 1]], 1, "none of these", id="not-binomial"),
    ],
)
def test_identification(rows: list[list[int]], scale: sympy.Rational | int, name: str) -> None:
    assert solved(rows, scale).identification.name == name


def test_course_shift_moves_left_under_correlation_and_right_under_convolution() -> None:
    movement = solved([[0, 0, 0], [0, 0, 1], [0, 0, 0]]).identification.movement
    assert movement is not None
    assert movement.correlation == (0, -1) and movement.convolution == (0, 1)


@given(
    image=arrays(numpy.float64, (9, 11), elements=st.floats(-10, 10, allow_nan=False)),
    row=st.integers(0, 4),
    column=st.integers(0, 4),
)
@settings(max_examples=40, deadline=None)
def test_shift_moves_a_random_image_by_exactly_its_offset(
    image: numpy.ndarray, row: int, column: int
) -> None:
    rows = [[0] * 5 for _ in range(5)]
    rows[row][column] = 1
    solution = solve_kernel(kernel(rows), image)
    movement = solution.identification.movement
    if (row, column) == (2, 2):
        assert solution.identification.name == "identity" and movement is None
        return
    assert solution.identification.name == "shift" and movement is not None
    matrix = solution.kernel.matrix
    for sign, (down, right) in ((1, movement.correlation), (-1, movement.convolution)):
        output = loop_correlate(image, matrix, sign)
        for i in range(2, image.shape[0] - 2):  # away from the border
            for j in range(2, image.shape[1] - 2):
                assert output[i, j] == image[i - down, j - right]


@given(
    image=arrays(numpy.float64, (8, 8), elements=st.floats(-100, 100, allow_nan=False)),
    size=st.sampled_from([1, 3, 5, 7]),
)
@settings(max_examples=40, deadline=None)
def test_box_blur_keeps_the_mean_with_periodic_borders(image: numpy.ndarray, size: int) -> None:
    matrix = sympy.ImmutableMatrix(sympy.ones(size, size) / size**2)
    blurred = correlate(image, matrix)
    assert blurred.mean() == pytest.approx(image.mean(), abs=1e-9)
    interior = loop_correlate(image, matrix, 1)
    half = size // 2
    window = image[:size, :size].mean()
    assert interior[half, half] == pytest.approx(window, abs=1e-9)


def ramp(a: float, b: float, shape: tuple[int, int] = (9, 9)) -> numpy.ndarray:
    rows, columns = numpy.mgrid[0 : shape[0], 0 : shape[1]].astype(float)
    return a * rows + b * columns


@pytest.mark.parametrize(
    "rows",
    [
        pytest.param([[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]], id="sobel-x"),
        pytest.param([[1, 2, 1], [0, 0, 0], [-1, -2, -1]], id="sobel-y"),
        pytest.param([[-1, 0, 1]], id="central-difference"),
    ],
)
def test_gradient_direction_is_what_correlation_does_on_a_ramp(rows: list[list[int]]) -> None:
    solution = solved(rows)
    assert solution.identification.direction is not None
    down, right = (float(v) for v in solution.identification.direction)
    for a, b in ((1.0, 0.0), (0.0, 1.0), (2.0, -3.0)):
        output = loop_correlate(ramp(a, b), solution.kernel.matrix, 1)
        assert numpy.nanmax(numpy.abs(output - (down * a + right * b))) < 1e-9
    words, _ = identification_words(solution)
    if right > 0 and down == 0:
        assert "increases to the right" in words and "vertical edges" in words
    if down < 0 and right == 0:
        assert "increases upwards" in words and "horizontal edges" in words


@pytest.mark.parametrize(
    "rows",
    [
        pytest.param([[-1, -1, -1], [-1, 8, -1], [-1, -1, -1]], id="course-k3"),
        pytest.param([[0, 1, 0], [1, -4, 1], [0, 1, 0]], id="laplacian-4"),
    ],
)
def test_laplacian_coefficient_on_a_quadratic_image(rows: list[list[int]]) -> None:
    solution = solved(rows)
    coefficient = solution.properties.moments.rows_squared / 2
    evidence = " ".join(identification_words(solution)[1])
    assert f"{coefficient}·(∂²/∂i²" in evidence or (coefficient == 1 and "itself" in evidence)
    grid_rows, grid_columns = numpy.mgrid[0:9, 0:9].astype(float)
    image = 0.5 * grid_rows**2 + 2.0 * grid_columns**2 + 3.0 * grid_rows * grid_columns + grid_rows
    output = loop_correlate(image, solution.kernel.matrix, 1)
    laplacian = 2 * 0.5 + 2 * 2.0
    assert numpy.nanmax(numpy.abs(output - float(coefficient) * laplacian)) < 1e-9


@pytest.mark.parametrize(
    "rows",
    [
        pytest.param([[1, -2, 0, 2, -1]], id="third-difference-row"),
        pytest.param([[1], [-2], [0], [2], [-1]], id="third-difference-column"),
    ],
)
def test_odd_kernels_with_zero_first_moments_are_not_gradients(rows: list[list[int]]) -> None:
    solution = solved(rows)
    found = solution.properties
    assert found.zero_sum and found.symmetries.point_antisymmetric
    assert (found.moments.rows, found.moments.columns) == (0, 0)
    assert "gradient" not in solution.identification.name
    assert solution.identification.direction is None
    summary, _ = identification_words(solution)
    assert "downwards" not in summary
    assert "to the right" not in summary


def test_third_difference_explains_why_it_is_not_a_gradient() -> None:
    evidence = " ".join(identification_words(solved([[1, -2, 0, 2, -1]]))[1])
    assert "first moments (Σk·m, Σk·n) are (0, 0)" in evidence and "not a gradient" in evidence


def test_identity_plus_zero_moment_odd_kernel_is_not_emboss() -> None:
    assert solved([[1, -2, 1, 2, -1]]).identification.name != "emboss"


def test_zero_moments_have_no_direction_words() -> None:
    with pytest.raises(ValueError):
        direction_words(sympy.Integer(0), sympy.Integer(0))
