"""What a kernel computes, in words: the one-sentence summary, the evidence, the movement of a
shift and the names of its symmetries (the response's words are in ``response_words``).

``derive/kernel_identity`` decides what the kernel computes and returns the numbers behind it;
the sentences are written here, once, for every format and for the JSON.

Directions: rows grow downwards and columns to the right (see ``derive/kernel_identity``).
"""

from __future__ import annotations

import sympy

from symderive.derive.convolution import KernelSolution
from symderive.derive.kernel_identity import Filter, Identification
from symderive.derive.kernel_response import Response
from symderive.derive.kernels import KernelProperties, Symmetries, Symmetry
from symderive.render.response_words import passband_reason

SYMMETRY_NAMES: dict[Symmetry, str] = {
    Symmetry.LEFT_RIGHT: "left-right mirror",
    Symmetry.UP_DOWN: "up-down mirror",
    Symmetry.POINT: "point (half turn)",
    Symmetry.TRANSPOSE: "transpose (diagonal mirror)",
    Symmetry.POINT_ANTISYMMETRIC: "point antisymmetric (a half turn negates it)",
}
FAMILIES = {Filter.SOBEL_GRADIENT: "Sobel", Filter.PREWITT_GRADIENT: "Prewitt"}
"""The family a separable gradient's smoothing weights are named after."""


def symmetry_names(symmetries: Symmetries) -> tuple[str, ...]:
    """The symmetries that hold, in words."""
    return tuple(SYMMETRY_NAMES[symmetry] for symmetry in symmetries.holding())


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


def _times(coefficient: sympy.Rational) -> str:
    return "" if coefficient == 1 else "−" if coefficient == -1 else f"{coefficient}·"


def identification_words(solution: KernelSolution) -> tuple[str, tuple[str, ...]]:
    """The summary sentence (to follow "k is ") and the evidence, one line each."""
    identification, found = solution.identification, solution.properties
    response = solution.response
    match identification.filter:
        case Filter.IDENTITY | Filter.SCALED_IDENTITY | Filter.SHIFT:
            return _single(identification, found)
        case Filter.BOX_BLUR | Filter.BOX_FILTER:
            return _box(identification, found)
        case Filter.GAUSSIAN_BLUR:
            return _gaussian(identification, found)
        case Filter.GRADIENT | Filter.SOBEL_GRADIENT | Filter.PREWITT_GRADIENT:
            return _gradient(identification, found)
        case Filter.LAPLACIAN | Filter.SECOND_DERIVATIVE:
            return _laplacian(identification, found)
        case Filter.SHARPEN:
            return _sharpen(identification, response)
        case Filter.EMBOSS:
            return _emboss(identification)
        case Filter.NONE:
            return _none_of_these(identification, found, response)


def _single(identification: Identification, found: KernelProperties) -> tuple[str, tuple[str, ...]]:
    ((m, n, gain),) = found.nonzero
    where = f"exactly one nonzero entry, {gain}, at offset ({m}, {n}) from the centre"
    if identification.filter is Filter.IDENTITY:
        return (
            "the identity: the output is the input, unchanged.",
            (where + ": y[i, j] = x[i, j]", "|H| = 1 at every frequency (all-pass)"),
        )
    if identification.filter is Filter.SCALED_IDENTITY:
        return (
            f"the identity scaled by {gain}: every pixel multiplied by {gain}.",
            (where + f": y[i, j] = {gain}·x[i, j]", f"|H| = {abs(gain)} at every frequency"),
        )
    scaled = "" if gain == 1 else f", scaled by {gain}"
    return (
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
    )


def _low_pass(found: KernelProperties) -> str:
    return f"low-pass: |H(0, 0)| = {abs(found.total)} is the largest |H|"


def _box(identification: Identification, found: KernelProperties) -> tuple[str, tuple[str, ...]]:
    (value,) = set(found.matrix)
    count = found.matrix.rows * found.matrix.cols
    size = f"{found.matrix.rows}×{found.matrix.cols}"
    evidence = (
        f"all {count} entries equal {value} > 0: each output is "
        + ("the mean" if found.total == 1 else f"{found.total} times the mean")
        + f" of the {size} neighbourhood",
        f"sum {found.total}"
        + (
            ": flat regions and the mean brightness are kept"
            if found.total == 1
            else ": brightness is scaled too"
        ),
        _low_pass(found),
    )
    return f"a {identification.name} (mean filter) of size {size}.", evidence


def _gaussian(
    identification: Identification, found: KernelProperties
) -> tuple[str, tuple[str, ...]]:
    separation, variances = found.separation, identification.variances
    assert separation.column is not None and separation.row is not None
    assert variances is not None
    column = ", ".join(str(v) for v in separation.column)
    row = ", ".join(str(v) for v in separation.row)
    total = found.total
    return (
        "a Gaussian blur (binomial approximation): a weighted average, heaviest at the centre.",
        (
            f"separable: k = {separation.factor}·[{column}] (column) × [{row}] (row)",
            "both factors are rows of Pascal's triangle (binomial coefficients), "
            "the discrete Gaussian",
            f"variance Σk·m²/Σk = {variances[0]} down the rows, Σk·n²/Σk = {variances[1]} "
            "along the columns",
            f"sum {total}" + (": the mean brightness is kept" if total == 1 else ""),
            _low_pass(found),
        ),
    )


def _gradient(
    identification: Identification, found: KernelProperties
) -> tuple[str, tuple[str, ...]]:
    moments, direction = found.moments, identification.direction
    assert direction is not None
    evidence = [
        "sum 0: flat regions give 0",
        "a half turn negates it, so it is odd: it measures a first derivative",
        f"first moments (Σk·m, Σk·n) = ({moments.rows}, {moments.columns}): on a ramp "
        f"x[i, j] = a·i + b·j cross-correlation gives {moments.rows}·a + {moments.columns}·b",
    ]
    factors = identification.factors
    if factors is not None:
        evidence.append(
            f"separable: a central difference [{', '.join(map(str, factors.difference))}] as the "
            f"{factors.along} factor, smoothing [{', '.join(map(str, factors.smoothing))}] as the "
            f"other ({FAMILIES[identification.filter]}'s weights)"
        )
    edges = (
        "vertical edges"
        if moments.rows == 0
        else "horizontal edges"
        if moments.columns == 0
        else "diagonal edges"
    )
    summary = (
        f"a {identification.name} filter (first derivative; detects {edges}): under "
        "cross-correlation the output is positive where brightness increases "
        f"{direction_words(*direction)}; under true convolution the sign flips."
    )
    return summary, tuple(evidence)


def _laplacian(
    identification: Identification, found: KernelProperties
) -> tuple[str, tuple[str, ...]]:
    moments = found.moments
    sign = "positive" if found.centre > 0 else "negative"
    evidence = [
        "sum 0: flat regions (and, by the half-turn symmetry, ramps) give 0",
        f"{sign} centre {found.centre}, every other nonzero entry of the opposite sign",
    ]
    coefficient = identification.laplacian_scale
    if coefficient is not None:
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
    what = "Laplacian" if coefficient is not None else "second-derivative"
    return (
        f"a {what} edge detector: zero on flat regions and ramps, large where brightness "
        f"bends (edges, lines and dots); {'bright' if found.centre > 0 else 'dark'} on the "
        "brighter side of an edge.",
        tuple(evidence),
    )


def _sharpen(identification: Identification, response: Response) -> tuple[str, tuple[str, ...]]:
    return (
        "a sharpening filter: the image plus its edges (identity plus a Laplacian edge detector).",
        (
            "sum 1: flat regions are unchanged",
            f"k − identity has sum 0, centre {identification.rest_centre} > 0 and every other "
            "nonzero entry < 0: a Laplacian edge detector added to the image",
            f"{response.passband}: |H(0, 0)| = 1 but |H(π, π)| = {abs(response.at_corner)}, "
            "so fine detail is amplified",
        ),
    )


def _emboss(identification: Identification) -> tuple[str, tuple[str, ...]]:
    direction = identification.direction
    assert direction is not None
    return (
        "an emboss filter: the image plus a directional derivative, so edges look lit "
        "from one side; under cross-correlation, edges where brightness increases "
        f"{direction_words(*direction)} come out brighter.",
        (
            "sum 1: flat regions keep their brightness",
            "k − identity is negated by a half turn: a first derivative",
            f"its first moments (Σk·m, Σk·n) = ({direction[0]}, {direction[1]})",
        ),
    )


def _none_of_these(
    identification: Identification, found: KernelProperties, response: Response
) -> tuple[str, tuple[str, ...]]:
    symmetric = ", ".join(symmetry_names(found.symmetries)) or "none"
    evidence = [
        f"sum {found.total}",
        f"symmetries: {symmetric}",
        f"rank {found.separation.rank}",
    ]
    if identification.odd_without_direction:
        evidence.append(
            "a half turn negates it, but its first moments (Σk·m, Σk·n) are (0, 0): it gives 0 "
            "on every ramp, so it is not a gradient (first derivative); an odd kernel like this "
            "measures a higher odd derivative"
        )
    evidence.append(
        f"{response.passband} ({passband_reason(response)}): |H(0, 0)| = "
        f"{abs(response.at_zero)}, |H(π, π)| = {abs(response.at_corner)}, largest |H| about "
        f"{response.peak:.4g}"
    )
    return "none of the standard filters; its properties are listed.", tuple(evidence)
