"""The counterexample of a nonlinear activation, as document blocks (see ``derive/counterexample``).

The network's weights, its output f(x) (and c·|x| where it is that), a table of the points with
exact and 50-digit values, and the midpoint test that no affine map can pass.
"""

from __future__ import annotations

import mpmath
import sympy

from symderive.derive.counterexample import DIGITS, CollapseCounterexample
from symderive.render.collapse_notes import counterexample_note
from symderive.render.document import (
    Block,
    Equation,
    Heading,
    Inline,
    Math,
    Paragraph,
    Table,
    content,
)
from symderive.render.mathtext import latex, unicode

NAMES = {
    "relu": "ReLU",
    "leaky_relu": "leaky ReLU",
    "elu": "ELU",
    "tanh": "tanh",
    "sigmoid": "the sigmoid σ",
    "softplus": "softplus",
    "silu": "SiLU (swish)",
}
SHOWN_LAYERS = 3
SHOWN_DIGITS = 22
"""The gap is printed to about 20 digits (the table has 50): a long number cannot break."""


def decimal(value: sympy.Expr, *, exact: bool) -> str:
    """``DIGITS`` significant digits: SymPy's form for an exact value (trailing zeros kept),
    mpmath's for the midpoint of a certified enclosure (trailing zeros dropped)."""
    if exact:
        return str(sympy.N(value, DIGITS))
    with mpmath.mp.workdps(DIGITS + 10):
        return str(mpmath.nstr(mpmath.mpf(value), DIGITS))


def decimals(example: CollapseCounterexample) -> list[str]:
    """f at the three points as decimals, for the table and the JSON."""
    return [decimal(value, exact=example.exact) for value in example.numeric_values]


def gap_decimal(example: CollapseCounterexample) -> str:
    """The midpoint gap as a decimal."""
    return decimal(example.numeric_gap, exact=example.exact)


def matrix(value: sympy.Matrix) -> Math:
    """A pmatrix in LaTeX; ``(a b; c d)`` in Unicode."""
    rows = [[value[i, j] for j in range(value.cols)] for i in range(value.rows)]
    body = r" \\ ".join(" & ".join(latex(entry) for entry in row) for row in rows)
    text = "; ".join(" ".join(unicode(entry) for entry in row) for row in rows)
    return Math(rf"\begin{{pmatrix}} {body} \end{{pmatrix}}", f"({text})")


def _definition(definition: sympy.Expr) -> Math:
    """φ(t); a function by cases reads ``t for t ≥ 0, t/100 for t < 0`` in Unicode."""
    formula = Math.of(definition)
    if isinstance(definition, sympy.Piecewise):
        (positive, _), (negative, _) = definition.args
        formula = Math(
            formula.latex, f"{unicode(positive)} for t ≥ 0, {unicode(negative)} for t < 0"
        )
    return formula


def _f(point: sympy.Expr) -> Math:
    return Math(f"f({latex(point)})", f"f({unicode(point)})")


def counterexample_blocks(example: CollapseCounterexample) -> list[Block]:
    """The failure, the network, its values at three points, and the failed midpoint test."""
    name = NAMES[example.activation]
    phi = Math(r"\varphi(t)", "φ(t)")
    blocks: list[Block] = [
        Heading(3, f"The claim fails for {name}"),
        Paragraph(
            content(
                "With the activation ",
                Math.equation(phi, _definition(example.definition)),
                " the layers are not affine, and a network of "
                f"{example.layers} layers need not be either. A counterexample:",
            )
        ),
        Heading(4, "A network that is not affine"),
        Equation(_weights(example)),
    ]
    if example.network is not None:
        output = Math.equation(Math("f(x)", "f(x)"), Math.of(example.network))
        if example.closed is not None:
            output = Math.equation(output, Math.of(example.closed))
        blocks.append(Equation((output,)))
    if example.closed is not None:
        blocks.append(
            Paragraph(
                content(
                    "✓ verified: f(x) = ",
                    Math.of(example.closed),
                    " exactly, case by case (x > 0, x < 0, x = 0).",
                )
            )
        )
    blocks += _midpoint(example)
    note = counterexample_note(example)
    if note:
        blocks.append(Paragraph(content("Note: " + note)))
    return blocks


def _weights(example: CollapseCounterexample) -> tuple[Math, ...]:
    lines = []
    pairs = list(enumerate(zip(example.weights, example.biases, strict=True), start=1))
    for k, (weight, bias) in pairs[:SHOWN_LAYERS]:
        lines.append(
            Math(
                rf"W_{{{k}}} = {matrix(weight).latex}, \quad b_{{{k}}} = {matrix(bias).latex}",
                f"W_{k} = {matrix(weight).unicode}, b_{k} = {matrix(bias).unicode}",
            )
        )
    if len(pairs) > SHOWN_LAYERS:
        first = SHOWN_LAYERS + 1
        last = len(pairs)
        lines.append(
            Math(
                rf"W_{{k}} = \begin{{pmatrix}} 1 \end{{pmatrix}}, \quad b_{{k}} = "
                rf"\begin{{pmatrix}} 0 \end{{pmatrix}} \quad (k = {first}, \ldots, {last})",
                f"W_k = (1), b_k = (0) for k = {first}..{last}",
            )
        )
    return tuple(lines)


def _midpoint(example: CollapseCounterexample) -> list[Block]:
    points = example.points
    rows = []
    texts = decimals(example)
    for index, point in enumerate(points):
        exact: list[Inline] = ["—"]
        if example.values is not None:
            exact = [Math.of(example.values[index])]
        rows.append((content(Math.of(point)), tuple(exact), content(texts[index])))
    average = Math(
        rf"\frac{{f({latex(points[0])}) + f({latex(points[2])})}}{{2}}",
        f"(f({unicode(points[0])}) + f({unicode(points[2])}))/2",
    )
    difference = Math(
        f"{_f(points[1]).latex} - {average.latex}",
        f"{_f(points[1]).unicode} − {average.unicode}",
    )
    if example.midpoint_gap is not None and example.exact:
        gap = Math.of(example.midpoint_gap)
        lines = [
            Math(
                rf"{difference.latex} = {gap.latex} \neq 0",
                f"{difference.unicode} = {gap.unicode} ≠ 0",
            )
        ]
    else:
        digits = gap_decimal(example)[:SHOWN_DIGITS]
        approximately = Math(rf"\approx {digits}\ldots \neq 0", f"≈ {digits}… ≠ 0")
        if example.midpoint_gap is None:
            lines = [
                Math(
                    f"{difference.latex} {approximately.latex}",
                    f"{difference.unicode} {approximately.unicode}",
                )
            ]
        else:
            lines = [Math.equation(difference, Math.of(example.midpoint_gap)), approximately]
    how = (
        "exact rational arithmetic"
        if example.exact
        else f"interval arithmetic (mpmath) at {example.digits} digits, whose enclosure "
        "excludes 0: a proof, not a rounding accident"
    )
    return [
        Heading(4, "The midpoint test"),
        Paragraph(
            content(
                "An affine map g satisfies ",
                Math(r"g(x_{1}) = \frac{g(x_{0}) + g(x_{2})}{2}", "g(x₁) = (g(x₀) + g(x₂))/2"),
                " at any three equally spaced points. This network does not:",
            )
        ),
        Table(("x", "f(x) exact", "f(x), 50 digits"), tuple(rows)),
        Equation(tuple(lines)),
        Paragraph(
            content(
                f"✓ verified by {how}. So no choice of W and b makes W x + b equal this network: "
                "the claim holds only for affine (linear) activations."
            )
        ),
    ]
