"""Filtering pictures: periodic correlation and convolution against loops, and the checks that
catch a filter going the wrong way."""

from __future__ import annotations

import numpy
import pytest
import sympy
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from symderive.derive import kernel_images
from symderive.derive.kernel_images import (
    check_convolution_theorem,
    check_movement,
    convolve,
    correlate,
    generated_image,
)
from symderive.errors import VerificationError

SHIFT_RIGHT = sympy.ImmutableMatrix([[0, 0, 0], [0, 0, 1], [0, 0, 0]])
kernels = st.lists(st.integers(-3, 3), min_size=9, max_size=9).map(
    lambda values: sympy.ImmutableMatrix(3, 3, values)
)


def wrapped(image: numpy.ndarray, matrix: sympy.ImmutableMatrix, sign: int) -> numpy.ndarray:
    """Σ k[m, n]·x[(i + sign·m) mod H, (j + sign·n) mod W], by loops."""
    height, width = image.shape
    output = numpy.zeros(image.shape)
    for i in range(height):
        for j in range(width):
            for r in range(matrix.rows):
                for c in range(matrix.cols):
                    m, n = r - matrix.rows // 2, c - matrix.cols // 2
                    output[i, j] += (
                        float(matrix[r, c]) * image[(i + sign * m) % height, (j + sign * n) % width]
                    )
    return output


def test_generated_image_is_deterministic_and_in_range() -> None:
    first, second = generated_image(), generated_image()
    assert first.shape == (32, 32) and numpy.array_equal(first, second)
    assert first.min() >= 0 and first.max() <= 1 and len(numpy.unique(first)) > 10


@given(
    image=arrays(numpy.float64, (6, 7), elements=st.floats(-5, 5, allow_nan=False)),
    matrix=kernels,
)
@settings(max_examples=30, deadline=None)
def test_filters_match_loops(image: numpy.ndarray, matrix: sympy.ImmutableMatrix) -> None:
    assert numpy.allclose(correlate(image, matrix), wrapped(image, matrix, 1))
    assert numpy.allclose(convolve(image, matrix), wrapped(image, matrix, -1))
    assert check_convolution_theorem(image, matrix) < 1e-9


def test_the_theorem_check_catches_a_filter_turned_the_wrong_way(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(kernel_images, "convolve", correlate)
    with pytest.raises(VerificationError):
        check_convolution_theorem(generated_image(), SHIFT_RIGHT)


def test_the_movement_check_catches_a_wrong_direction() -> None:
    image = generated_image()
    check_movement(image, SHIFT_RIGHT, (0, 1), sympy.Integer(1))
    with pytest.raises(VerificationError):
        check_movement(image, SHIFT_RIGHT, (0, -1), sympy.Integer(1))
