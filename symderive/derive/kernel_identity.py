"""What a kernel computes, decided from its properties, never from matching known arrays.

The rules, in order: a single nonzero entry (identity or shift), all entries equal and positive
(box blur), separable with binomial factors (Gaussian blur), zero sum with a half-turn symmetry
and a centre opposite in sign to every neighbour (Laplacian edge detector), zero sum and
negated by a half turn with nonzero first moments (gradient: Sobel, Prewitt or another; with
zero first moments it is not a first derivative), identity plus a Laplacian (sharpen), identity
plus a gradient (emboss); anything else is "none of these", with its
properties. Every identification carries the numbers behind it; the evidence in words is
written by ``render/kernel_words``.

Directions: rows grow downwards and columns to the right. Cross-correlation (what CNN layers
compute) is y[i, j] = Σ k[m, n]·x[i + m, j + n]; true convolution is y[i, j] = Σ k[m, n]·x[i − m,
j − n], the same with the kernel turned by a half turn.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from math import comb
from typing import Literal

import sympy

from symderive.derive.kernels import KernelProperties, properties


class Filter(StrEnum):
    """What a kernel computes: the rule that fitted. The value is the name the outputs show."""

    IDENTITY = "identity"
    SCALED_IDENTITY = "scaled identity"
    SHIFT = "shift"
    BOX_BLUR = "box blur"
    BOX_FILTER = "box filter"
    GAUSSIAN_BLUR = "Gaussian blur"
    GRADIENT = "gradient"
    SOBEL_GRADIENT = "Sobel gradient"
    PREWITT_GRADIENT = "Prewitt gradient"
    LAPLACIAN = "Laplacian edge detector"
    SECOND_DERIVATIVE = "second-derivative edge detector"
    SHARPEN = "sharpen"
    EMBOSS = "emboss"
    NONE = "none of these"


SMOOTHING = {(1, 2, 1): Filter.SOBEL_GRADIENT, (1, 1, 1): Filter.PREWITT_GRADIENT}
CENTRAL_DIFFERENCES = ((1, 0, -1), (-1, 0, 1))


@dataclass(frozen=True)
class Movement:
    """Where the picture goes under a shift kernel: (rows down, columns right) for each operation.

    ``offset`` is the position (m, n) of the single nonzero entry relative to the centre.
    """

    offset: tuple[int, int]
    correlation: tuple[int, int]
    convolution: tuple[int, int]
    gain: sympy.Rational


@dataclass(frozen=True)
class GradientFactors:
    """A separable gradient's factors: a central difference as the ``along`` factor (``column``
    or ``row``) and a named family's smoothing weights as the other."""

    along: Literal["column", "row"]
    difference: tuple[int, ...]
    smoothing: tuple[int, ...]


@dataclass(frozen=True)
class Identification:
    """What the kernel computes (``filter``) and the numbers that show it; the sentences are
    written by ``render/kernel_words`` from these, the kernel's properties and its response.

    ``variances``: a Gaussian's Σk·m²/Σk and Σk·n²/Σk. ``factors``: a Sobel or Prewitt
    gradient's. ``laplacian_scale``: c in c·(∂²/∂i² + ∂²/∂j²) (isotropic second derivatives).
    ``rest_centre``: the centre of k − identity (sharpen). ``odd_without_direction``: negated by
    a half turn, yet zero first moments (not a gradient).
    """

    filter: Filter
    movement: Movement | None = None
    direction: tuple[sympy.Rational, sympy.Rational] | None = None
    variances: tuple[sympy.Rational, sympy.Rational] | None = None
    factors: GradientFactors | None = None
    laplacian_scale: sympy.Rational | None = None
    rest_centre: sympy.Rational | None = None
    odd_without_direction: bool = False

    @property
    def name(self) -> str:
        """The name of what the kernel computes, as every output shows it."""
        return self.filter.value


def _is_binomial(values: tuple[sympy.Integer, ...]) -> bool:
    return list(values) == [comb(len(values) - 1, index) for index in range(len(values))]


def _laplacian_like(found: KernelProperties) -> bool:
    """Zero sum, unchanged by a half turn, every neighbour of the opposite sign to the centre."""
    centre = found.centre
    neighbours = [k for m, n, k in found.nonzero if (m, n) != (0, 0)]
    return (
        found.zero_sum
        and found.symmetries.point
        and centre != 0
        and bool(neighbours)
        and all(k * centre < 0 for k in neighbours)
    )


def _minus_identity(found: KernelProperties) -> KernelProperties:
    delta = sympy.zeros(found.matrix.rows, found.matrix.cols)
    delta[found.matrix.rows // 2, found.matrix.cols // 2] = 1
    return properties(sympy.ImmutableMatrix(found.matrix - delta))


def _single(found: KernelProperties) -> Identification:
    ((m, n, gain),) = found.nonzero
    if (m, n) == (0, 0):
        return Identification(Filter.IDENTITY if gain == 1 else Filter.SCALED_IDENTITY)
    return Identification(Filter.SHIFT, movement=Movement((m, n), (-m, -n), (m, n), gain))


def _blur(found: KernelProperties) -> Identification | None:
    values = set(found.matrix)
    separation = found.separation
    if len(values) == 1 and next(iter(values)) > 0:
        return Identification(Filter.BOX_BLUR if found.total == 1 else Filter.BOX_FILTER)
    if (
        separation.separable
        and all(k > 0 for k in found.matrix)
        and separation.column is not None
        and separation.row is not None
        and _is_binomial(separation.column)
        and _is_binomial(separation.row)
    ):
        total = found.total
        variances = (found.moments.rows_squared / total, found.moments.columns_squared / total)
        return Identification(Filter.GAUSSIAN_BLUR, variances=variances)
    return None


def _gradient(found: KernelProperties) -> Identification:
    moments, separation = found.moments, found.separation
    direction = (moments.rows, moments.columns)
    name, factors = Filter.GRADIENT, None
    if separation.separable and separation.column and separation.row:
        along: dict[tuple[int, ...], Literal["column", "row"]] = {
            separation.column: "column",
            separation.row: "row",
        }
        for smoothing, family in SMOOTHING.items():
            for difference in CENTRAL_DIFFERENCES:
                if set(along) != {smoothing, difference}:
                    continue
                name = family
                factors = GradientFactors(along[difference], difference, smoothing)
    return Identification(name, direction=direction, factors=factors)


def _laplacian(found: KernelProperties) -> Identification:
    moments = found.moments
    if moments.rows_squared == moments.columns_squared and moments.mixed == 0:
        return Identification(Filter.LAPLACIAN, laplacian_scale=moments.rows_squared / 2)
    return Identification(Filter.SECOND_DERIVATIVE)


def identify(found: KernelProperties) -> Identification:
    """The first rule that fits, with its numbers; "none of these" with the properties."""
    if len(found.nonzero) == 1:
        return _single(found)
    blur = _blur(found)
    if blur is not None:
        return blur
    if _laplacian_like(found):
        return _laplacian(found)
    if found.zero_sum and found.symmetries.point_antisymmetric and _has_direction(found):
        return _gradient(found)
    rest = _minus_identity(found)
    if found.total == 1 and _laplacian_like(rest) and rest.centre > 0:
        return Identification(Filter.SHARPEN, rest_centre=rest.centre)
    if found.total == 1 and rest.symmetries.point_antisymmetric and _has_direction(rest):
        moments = rest.moments
        return Identification(Filter.EMBOSS, direction=(moments.rows, moments.columns))
    return Identification(
        Filter.NONE,
        odd_without_direction=found.symmetries.point_antisymmetric and not _has_direction(found),
    )


def _has_direction(found: KernelProperties) -> bool:
    """First moments (Σk·m, Σk·n) ≠ (0, 0): the kernel responds to a ramp, as a gradient does."""
    return (found.moments.rows, found.moments.columns) != (0, 0)
