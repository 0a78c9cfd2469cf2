"""The softmax and log-softmax blocks: definition, two derivations shown, the whole Jacobian.

All K² entries are derived and verified; two are printed in full (one on the diagonal, one off
it), since the others differ only by their indices. The Jacobian is printed as a matrix in
s_1 … s_K, with the proof that it equals the derived one, the zero row sums, and the statement
that its diagonal alone is not the derivative.
"""

from __future__ import annotations

import sympy

from symderive.derive.activations import ActivationSolution
from symderive.derive.softmax import Jacobian
from symderive.render import texts
from symderive.render.activation_text import math, proof_text
from symderive.render.document import Block, Equation, Heading, Math, Paragraph, Steps, content
from symderive.render.mathtext import latex, unicode
from symderive.render.step_items import derivation_step_items

RULES_HEADING = "Derivation by rules"
JACOBIAN_HEADING = "The Jacobian"


def _output(jacobian: Jacobian, index: int) -> Math:
    """``s_1`` or ``log s_1``."""
    s = jacobian.probabilities[index]
    if jacobian.function == "softmax":
        return Math(latex(s), unicode(s))
    return Math(rf"\log {latex(s)}", f"log {unicode(s)}")


def _entry(jacobian: Jacobian, i: int, j: int) -> Math:
    """``∂s_1/∂z_2``."""
    top, logit = _output(jacobian, i), jacobian.logits[j]
    return Math(
        rf"\frac{{\partial {top.latex}}}{{\partial {latex(logit)}}}",
        f"∂{top.unicode}/∂{unicode(logit)}",
    )


def matrix_math(matrix: sympy.MatrixBase) -> Math:
    """A matrix as ``\\begin{pmatrix}`` in LaTeX and ``[a, b; c, d]`` in Unicode."""
    rows = [[matrix[i, j] for j in range(matrix.cols)] for i in range(matrix.rows)]
    body = r" \\ ".join(" & ".join(latex(entry) for entry in row) for row in rows)
    text = "; ".join(", ".join(unicode(entry) for entry in row) for row in rows)
    return Math(rf"\begin{{pmatrix}} {body} \end{{pmatrix}}", f"[{text}]")


def softmax_definition(solution: ActivationSolution, jacobian: Jacobian) -> list[Block]:
    """The general formula, then every output written out for the K given."""
    z = solution.variable.name
    if jacobian.function == "softmax":
        general = Math(
            rf"s_{{i}} = \frac{{e^{{{z}_{{i}}}}}}{{\sum_{{j=1}}^{{K}} e^{{{z}_{{j}}}}}}",
            f"sᵢ = e^({z}ᵢ) / Σⱼ e^({z}ⱼ)",
        )
    else:
        general = Math(
            rf"\log s_{{i}} = {z}_{{i}} - \log \sum_{{j=1}}^{{K}} e^{{{z}_{{j}}}}",
            f"log sᵢ = {z}ᵢ − log Σⱼ e^({z}ⱼ)",
        )
    lines = tuple(
        Math.equation(_output(jacobian, index), math(output))
        for index, output in enumerate(jacobian.outputs)
    )
    return [
        Equation((general,)),
        Paragraph(content(f"For K = {jacobian.size} logits:")),
        Equation(lines),
    ]


def jacobian_blocks(solution: ActivationSolution, jacobian: Jacobian) -> list[Block]:
    """Two derivations in full, then the matrix, its proof and what it teaches."""
    size = jacobian.size
    blocks: list[Block] = [
        Heading(3, RULES_HEADING),
        Paragraph(
            content(
                f"All K² = {size * size} entries were derived by the rules, every step verified; "
                "two are shown, one on the diagonal and one off it."
            )
        ),
    ]
    for i, j in ((0, 0), (0, 1)):
        title = _entry(jacobian, i, j)
        derivation = jacobian.entries[i][j]
        blocks += [
            Paragraph(content(title, ":")),
            Steps(derivation_step_items(derivation)),
            Equation((Math.equation(title, math(derivation.result)),), boxed=True),
        ]
    blocks += [Heading(3, JACOBIAN_HEADING), _general(jacobian)]
    blocks.append(
        Equation((Math.equation(Math("J", "J"), matrix_math(jacobian.closed_form)),), boxed=True)
    )
    where = tuple(
        Math.equation(math(s), math(meaning))
        for s, meaning in zip(jacobian.probabilities, jacobian.softmax, strict=True)
    )
    blocks += [
        Paragraph(content("where")),
        Equation(where),
        Paragraph(content("Equal to the derived Jacobian: ", proof_text(jacobian.proof), ".")),
        Paragraph(_diagonal_statement(jacobian)),
        Paragraph(
            content(
                "Each row sums to 0 (",
                proof_text(jacobian.row_sums),
                "): adding the same constant to every logit changes no output.",
            )
        ),
    ]
    return blocks


def _general(jacobian: Jacobian) -> Equation:
    entry = Math(r"\frac{\partial s_{i}}{\partial z_{j}}", "∂sᵢ/∂zⱼ")
    if jacobian.function == "softmax":
        return Equation(
            (
                Math.equation(entry, Math(r"s_{i}\,(\delta_{ij} - s_{j})", "sᵢ(δᵢⱼ − sⱼ)")),
                Math(r"J = \operatorname{diag}(s) - s\,s^{\mathsf{T}}", "J = diag(s) − s sᵀ"),
            )
        )
    entry = Math(r"\frac{\partial \log s_{i}}{\partial z_{j}}", "∂log sᵢ/∂zⱼ")
    return Equation(
        (
            Math.equation(entry, Math(r"\delta_{ij} - s_{j}", "δᵢⱼ − sⱼ")),
            Math(r"J = I - \mathbf{1}\,s^{\mathsf{T}}", "J = I − 1 sᵀ"),
        )
    )


def _diagonal_statement(jacobian: Jacobian) -> tuple[str | Math, ...]:
    i, j, value = jacobian.off_diagonal
    off = (
        Math(r"-s_{i}\,s_{j}", "−sᵢsⱼ")
        if jacobian.function == "softmax"
        else Math(r"-s_{j}", "−sⱼ")
    )
    return content(
        "The diagonal alone is not the derivative: ",
        matrix_math(jacobian.diagonal_only),
        " leaves out the off-diagonal entries ",
        off,
        ", which are never 0 because every ",
        Math(r"s_{j} > 0", "sⱼ > 0"),
        ": changing one logit changes every output. At the check point, ",
        _entry(jacobian, i, j),
        " is ",  # words, not "=": a value at a point is not a claim about the derivative
        Math(*(2 * [texts.number(value)])),
        ".",
    )
