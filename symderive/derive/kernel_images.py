"""Kernels applied to pictures: the deterministic test image, and filtering with periodic borders.

Filtering wraps around the borders (periodic handling), so every output has the input's size and
a kernel that sums to 1 keeps the mean exactly. ``correlate`` is what CNN layers compute,
y[i, j] = Σ k[m, n]·x[i + m, j + n]; ``convolve`` is y[i, j] = Σ k[m, n]·x[i − m, j − n]. Both
are sums of shifted copies; ``check_convolution_theorem`` recomputes the convolution as
IFFT(FFT(x)·H), the independent path that ties pictures to the frequency response. NumPy is
imported inside each function.
"""

from __future__ import annotations

from typing import Any

import sympy

from symderive.derive.kernels import offsets
from symderive.errors import VerificationError

IMAGE_SIZE = 32
TOLERANCE = 1e-9


def generated_image(size: int = IMAGE_SIZE) -> Any:
    """A deterministic picture with something for every filter: a soft ramp, a bright square,
    a disc, a thin line and a dot (values in [0, 1])."""
    import numpy

    rows, columns = numpy.mgrid[0:size, 0:size].astype(float)
    image = 0.1 + 0.2 * columns / (size - 1)
    image[size // 5 : size // 5 + size // 4, size // 5 : size // 5 + size // 4] = 1.0
    centre = (0.65 * size, 0.6 * size)
    disc = (rows - centre[0]) ** 2 + (columns - centre[1]) ** 2 <= (0.18 * size) ** 2
    image[disc] = 0.7
    image[:, int(0.85 * size)] = 0.9
    image[int(0.15 * size), int(0.65 * size)] = 1.0
    return image


def as_array(image: tuple[tuple[sympy.Rational, ...], ...]) -> Any:
    """The user's exact image as floats."""
    import numpy

    return numpy.array([[float(value) for value in row] for row in image])


def _shifted_sum(image: Any, matrix: sympy.ImmutableMatrix, sign: int) -> Any:
    import numpy

    result = numpy.zeros_like(image, dtype=float)
    for m, n, k in offsets(matrix):
        if k != 0:
            # numpy.roll(x, -m)[i] = x[i + m]
            result += float(k) * numpy.roll(image, (-sign * m, -sign * n), axis=(0, 1))
    return result


def correlate(image: Any, matrix: sympy.ImmutableMatrix) -> Any:
    """Cross-correlation with periodic borders: y[i, j] = Σ k[m, n]·x[i + m, j + n]."""
    return _shifted_sum(image, matrix, 1)


def convolve(image: Any, matrix: sympy.ImmutableMatrix) -> Any:
    """True convolution with periodic borders: y[i, j] = Σ k[m, n]·x[i − m, j − n]."""
    return _shifted_sum(image, matrix, -1)


def check_convolution_theorem(image: Any, matrix: sympy.ImmutableMatrix) -> float:
    """Largest gap between the convolution as shifted sums and as IFFT(FFT(x)·H); raises if big.

    H here is the zero-padded kernel's FFT at the image's own frequencies.
    """
    import numpy

    rows, columns = image.shape
    padded = numpy.zeros((rows, columns))
    for m, n, k in offsets(matrix):
        padded[m % rows, n % columns] += float(k)
    spectral = numpy.real(numpy.fft.ifft2(numpy.fft.fft2(image) * numpy.fft.fft2(padded)))
    gap = float(numpy.abs(spectral - convolve(image, matrix)).max())
    scale = 1.0 + float(numpy.abs(image).max()) * float(sum(abs(k) for k in matrix))
    if not gap <= TOLERANCE * scale:
        raise VerificationError(f"convolution and the convolution theorem differ by {gap:g}")
    return gap


def check_movement(
    image: Any, matrix: sympy.ImmutableMatrix, offset: tuple[int, int], gain: sympy.Rational
) -> None:
    """A shift kernel's correlation is the picture moved by −offset (convolution: +offset)."""
    import numpy

    m, n = offset
    moved = float(gain) * numpy.roll(image, (-m, -n), axis=(0, 1))
    if not numpy.allclose(correlate(image, matrix), moved):
        raise VerificationError(f"the shift by ({-m}, {-n}) is not what correlation does")
    moved = float(gain) * numpy.roll(image, (m, n), axis=(0, 1))
    if not numpy.allclose(convolve(image, matrix), moved):
        raise VerificationError(f"the shift by ({m}, {n}) is not what convolution does")
