"""What a kernel computes, decided from its properties, never from matching known arrays.

The rules, in order: a single nonzero entry (identity or shift), all entries equal and positive
(box blur), separable with binomial factors (Gaussian blur), zero sum with a half-turn symmetry
and a centre opposite in sign to every neighbour (Laplacian edge detector), zero sum and
negated by a half turn with nonzero first moments (gradient: Sobel, Prewitt or another; with
zero first moments it is not a first derivative), identity plus a Laplacian (sharpen), identity
plus a gradient (emboss); anything else is "none of these", with its
properties. Every identification carries its evidence as sentences.

Directions: rows grow downwards and columns to the right. Cross-correlation (what CNN layers
compute) is y[i, j] = Σ k[m, n]·x[i + m, j + n]; true convolution is y[i, j] = Σ k[m, n]·x[i − m,
j − n], the same with the kernel turned by a half turn.
"""

from __future__ import annotations

from dataclasses import dataclass
from math import comb

import sympy

from symderive.derive.kernel_response import Response
from symderive.derive.kernels import KernelProperties, properties

SMOOTHING = {(1, 2, 1): "Sobel", (1, 1, 1): "Prewitt"}
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
class Identification:
    """The name of what the kernel computes, one sentence, and the evidence for it."""

    name: str
    summary: str
    evidence: tuple[str, ...]
    movement: Movement | None = None
    direction: tuple[sympy.Rational, sympy.Rational] | None = None


def pixels(count: int) -> str:
    return f"{count} pixel" + ("" if count == 1 else "s")


def movement_words(rows: int, columns: int) -> str:
    """``2 pixels down and 1 pixel left``; ``nowhere`` for (0, 0)."""
    parts = []
    if rows:
        parts.append(f"{pixels(abs(rows))} {'down' if rows > 0 else 'up'}")
    if columns:
        parts.append(f"{pixels(abs(columns))} {'right' if columns > 0 else 'left'}")
    return " and ".join(parts) or "nowhere"


def direction_words(rows: sympy.Rational, columns: sympy.Rational) -> str:
    """The direction of increasing brightness a gradient responds to, in words."""
    if rows == 0 and columns == 0:
        raise ValueError("zero first moments have no direction")
    vertical = "downwards" if rows > 0 else "upwards"
    horizontal = "to the right" if columns > 0 else "to the left"
    if rows == 0:
        return horizontal
    if columns == 0:
        return vertical
    return f"{vertical} and {horizontal}"


def _index(name: str, offset: int) -> str:
    """``i+1``, ``i-2`` or ``i``."""
    return f"{name}{offset:+d}" if offset else name


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


def _times(coefficient: sympy.Rational) -> str:
    return "" if coefficient == 1 else "−" if coefficient == -1 else f"{coefficient}·"


def _minus_identity(found: KernelProperties) -> KernelProperties:
    delta = sympy.zeros(found.matrix.rows, found.matrix.cols)
    delta[found.matrix.rows // 2, found.matrix.cols // 2] = 1
    return properties(sympy.ImmutableMatrix(found.matrix - delta))


def _single(found: KernelProperties) -> Identification:
    ((m, n, gain),) = found.nonzero
    where = f"exactly one nonzero entry, {gain}, at offset ({m}, {n}) from the centre"
    if (m, n) == (0, 0):
        if gain == 1:
            return Identification(
                "identity",
                "the identity: the output is the input, unchanged.",
                (where + ": y[i, j] = x[i, j]", "|H| = 1 at every frequency (all-pass)"),
            )
        return Identification(
            "scaled identity",
            f"the identity scaled by {gain}: every pixel multiplied by {gain}.",
            (where + f": y[i, j] = {gain}·x[i, j]", f"|H| = {abs(gain)} at every frequency"),
        )
    movement = Movement((m, n), (-m, -n), (m, n), gain)
    scaled = "" if gain == 1 else f", scaled by {gain}"
    return Identification(
        "shift",
        f"a shift{scaled}: under cross-correlation (CNN layers) the picture moves "
        f"{movement_words(-m, -n)}; under true convolution it moves {movement_words(m, n)}.",
        (
            where,
            f"cross-correlation: y[i, j] = {'' if gain == 1 else f'{gain}·'}"
            f"x[{_index('i', m)}, {_index('j', n)}], so what was at ({_index('i', m)}, "
            f"{_index('j', n)}) is now at (i, j)",
            f"true convolution turns the kernel by a half turn: the entry sits at ({-m}, {-n}) "
            "and the picture moves the other way",
            f"|H| = {abs(gain)} at every frequency (all-pass): only the phase changes",
        ),
        movement=movement,
    )


def _blur(found: KernelProperties, response: Response) -> Identification | None:
    values = set(found.matrix)
    separation = found.separation
    low_pass = f"low-pass: |H(0, 0)| = {abs(found.total)} is the largest |H|"
    if len(values) == 1 and next(iter(values)) > 0:
        (value,) = values
        count = found.matrix.rows * found.matrix.cols
        evidence: tuple[str, ...] = (
            f"all {count} entries equal {value} > 0: each output is "
            + ("the mean" if found.total == 1 else f"{found.total} times the mean")
            + f" of the {found.matrix.rows}×{found.matrix.cols} neighbourhood",
            f"sum {found.total}" + (": flat regions and the mean brightness are kept"
                                     if found.total == 1 else ": brightness is scaled too"),
            low_pass,
        )
        name = "box blur" if found.total == 1 else "box filter"
        return Identification(name, f"a {name} (mean filter) of size "
                              f"{found.matrix.rows}×{found.matrix.cols}.", evidence)
    if (
        separation.separable
        and all(k > 0 for k in found.matrix)
        and separation.column is not None
        and separation.row is not None
        and _is_binomial(separation.column)
        and _is_binomial(separation.row)
    ):
        total = found.total
        variance_rows = found.moments.rows_squared / total
        variance_columns = found.moments.columns_squared / total
        column = ", ".join(str(v) for v in separation.column)
        row = ", ".join(str(v) for v in separation.row)
        gaussian = (
            f"separable: k = {separation.factor}·[{column}] (column) × [{row}] (row)",
            "both factors are rows of Pascal's triangle (binomial coefficients), "
            "the discrete Gaussian",
            f"variance Σk·m²/Σk = {variance_rows} down the rows, Σk·n²/Σk = {variance_columns} "
            "along the columns",
            f"sum {total}" + (": the mean brightness is kept" if total == 1 else ""),
            low_pass,
        )
        return Identification(
            "Gaussian blur",
            "a Gaussian blur (binomial approximation): a weighted average, heaviest at the centre.",
            gaussian,
        )
    return None


def _gradient(found: KernelProperties) -> Identification:
    moments, separation = found.moments, found.separation
    direction = (moments.rows, moments.columns)
    name = "gradient"
    evidence = [
        "sum 0: flat regions give 0",
        "a half turn negates it, so it is odd: it measures a first derivative",
        f"first moments (Σk·m, Σk·n) = ({moments.rows}, {moments.columns}): on a ramp "
        f"x[i, j] = a·i + b·j cross-correlation gives {moments.rows}·a + {moments.columns}·b",
    ]
    if separation.separable and separation.column and separation.row:
        factors = {separation.column: "column", separation.row: "row"}
        for smoothing, family in SMOOTHING.items():
            for difference in CENTRAL_DIFFERENCES:
                if set(factors) != {smoothing, difference}:
                    continue
                name = f"{family} gradient"
                along = factors[difference]
                shown = ", ".join(map(str, difference))
                evidence.append(
                    f"separable: a central difference [{shown}] as the {along} factor, "
                    f"smoothing [{', '.join(map(str, smoothing))}] as the other "
                    f"({family}'s weights)"
                )
    edges = (
        "vertical edges" if moments.rows == 0 else "horizontal edges" if moments.columns == 0
        else "diagonal edges"
    )
    summary = (
        f"a {name} filter (first derivative; detects {edges}): under cross-correlation the output "
        f"is positive where brightness increases {direction_words(*direction)}; under true "
        "convolution the sign flips."
    )
    return Identification(name, summary, tuple(evidence), direction=direction)


def _laplacian(found: KernelProperties) -> Identification:
    moments = found.moments
    isotropic = moments.rows_squared == moments.columns_squared and moments.mixed == 0
    sign = "positive" if found.centre > 0 else "negative"
    evidence = [
        "sum 0: flat regions (and, by the half-turn symmetry, ramps) give 0",
        f"{sign} centre {found.centre}, every other nonzero entry of the opposite sign",
    ]
    coefficient = moments.rows_squared / 2
    if isotropic:
        evidence.append(
            f"Σk·m² = Σk·n² = {moments.rows_squared} and Σk·m·n = 0: on smooth images it "
            f"computes {_times(coefficient)}(∂²/∂i² + ∂²/∂j²), "
            + ("the Laplacian itself" if coefficient == 1 else f"{coefficient} times the Laplacian")
        )
    else:
        evidence.append(
            f"Σk·m² = {moments.rows_squared}, Σk·n² = {moments.columns_squared}, Σk·m·n = "
            f"{moments.mixed}: a second derivative, not the same in every direction"
        )
    what = "Laplacian" if isotropic else "second-derivative"
    return Identification(
        f"{what} edge detector",
        f"a {what} edge detector: zero on flat regions and ramps, large where brightness "
        f"bends (edges, lines and dots); {'bright' if found.centre > 0 else 'dark'} on the "
        "brighter side of an edge.",
        tuple(evidence),
    )


def identify(found: KernelProperties, response: Response) -> Identification:
    """The first rule that fits, with its evidence; "none of these" with the properties."""
    if len(found.nonzero) == 1:
        return _single(found)
    blur = _blur(found, response)
    if blur is not None:
        return blur
    if _laplacian_like(found):
        return _laplacian(found)
    if found.zero_sum and found.symmetries.point_antisymmetric and _has_direction(found):
        return _gradient(found)
    rest = _minus_identity(found)
    if found.total == 1 and _laplacian_like(rest) and rest.centre > 0:
        return Identification(
            "sharpen",
            "a sharpening filter: the image plus its edges (identity plus a Laplacian edge "
            "detector).",
            (
                "sum 1: flat regions are unchanged",
                f"k − identity has sum 0, centre {rest.centre} > 0 and every other nonzero "
                "entry < 0: a Laplacian edge detector added to the image",
                f"{response.passband}: |H(0, 0)| = 1 but |H(π, π)| = {abs(response.at_corner)}, "
                "so fine detail is amplified",
            ),
        )
    if found.total == 1 and rest.symmetries.point_antisymmetric and _has_direction(rest):
        moments = rest.moments
        return Identification(
            "emboss",
            "an emboss filter: the image plus a directional derivative, so edges look lit "
            "from one side; under cross-correlation, edges where brightness increases "
            f"{direction_words(moments.rows, moments.columns)} come out brighter.",
            (
                "sum 1: flat regions keep their brightness",
                "k − identity is negated by a half turn: a first derivative",
                f"its first moments (Σk·m, Σk·n) = ({moments.rows}, {moments.columns})",
            ),
            direction=(moments.rows, moments.columns),
        )
    return _none_of_these(found, response)


def _has_direction(found: KernelProperties) -> bool:
    """First moments (Σk·m, Σk·n) ≠ (0, 0): the kernel responds to a ramp, as a gradient does."""
    return (found.moments.rows, found.moments.columns) != (0, 0)


def _none_of_these(found: KernelProperties, response: Response) -> Identification:
    symmetric = ", ".join(found.symmetries.names()) or "none"
    evidence = [
        f"sum {found.total}",
        f"symmetries: {symmetric}",
        f"rank {found.separation.rank}",
    ]
    if found.symmetries.point_antisymmetric and not _has_direction(found):
        evidence.append(
            "a half turn negates it, but its first moments (Σk·m, Σk·n) are (0, 0): it gives 0 "
            "on every ramp, so it is not a gradient (first derivative); an odd kernel like this "
            "measures a higher odd derivative"
        )
    evidence.append(
        f"{response.passband} ({response.passband_reason}): |H(0, 0)| = "
        f"{abs(response.at_zero)}, |H(π, π)| = {abs(response.at_corner)}, largest |H| about "
        f"{response.peak:.4g}"
    )
    return Identification(
        "none of these",
        "none of the standard filters; its properties are listed.",
        tuple(evidence),
    )
