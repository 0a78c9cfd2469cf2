"""What a linear-collapse solution says, as document blocks: the proof, or the counterexample.

The claim's general formulas (W_N⋯W_1, Σ_k …) are written here as LaTeX and Unicode pairs, since
SymPy has no non-commuting product with symbolic bounds; every concrete expression comes from
the solution, already verified. Shapes and the numeric instance are in ``collapse_instance``, the
counterexample in ``collapse_counterexample``, the JSON (``collapse_data``) in ``collapse_json``.
"""

from __future__ import annotations

import sympy

from symderive.derive.collapse import (
    CheckedEquality,
    CollapseProof,
    LinearCollapseSolution,
    Method,
    scaled,
)
from symderive.render import texts
from symderive.render.collapse_counterexample import counterexample_blocks
from symderive.render.collapse_instance import CHECKED, numeric_blocks, shapes_blocks, subscript
from symderive.render.collapse_json import collapse_data
from symderive.render.collapse_notes import collapse_notes
from symderive.render.document import (
    Block,
    Content,
    Equation,
    Heading,
    Math,
    Paragraph,
    StepItem,
    Steps,
    content,
)
from symderive.render.mathtext import latex, superscript, unicode

__all__ = ["LinearCollapseSolution", "collapse_blocks", "collapse_data"]

METHODS = {
    Method.EXPANSION: "both sides expanded by SymPy with non-commuting symbols (order kept)",
    Method.OPAQUE: (
        "both sides expanded by SymPy, with the N-layer W and b as opaque non-commuting "
        "symbols, so N stays general"
    ),
    Method.CASES: "both sides expanded by SymPy for N = ",
}
WEIGHT, BIAS = Math("W", "W"), Math("b", "b")
AFFINE_MAP = Math(r"x \mapsto W x + b", "x ↦ W x + b")
ASSUMPTION = Math("f_{N}(x) = W x + b", "f_N(x) = W x + b")
PREVIOUS = Math("f_{N}(x)", "f_N(x)")
IMPLICATION = Math(r"P(N) \Rightarrow P(N+1)", "P(N) ⇒ P(N+1)")


def collapse_blocks(solution: LinearCollapseSolution) -> list[Block]:
    """Heading, statement, the setting, then the verified proof or the counterexample."""
    problem = solution.problem
    blocks: list[Block] = [Heading(2, texts.with_points(problem.id, problem.points))]
    if problem.statement:
        blocks.append(Paragraph(content(problem.statement)))
    notes = [Paragraph(content("Note: " + note)) for note in collapse_notes(solution)]
    if solution.counterexample is not None:
        return blocks + counterexample_blocks(solution.counterexample) + notes
    proof = solution.proof
    assert proof is not None
    blocks.append(Paragraph(_setting(solution)))
    blocks += _claim(solution)
    blocks += _two_layers(proof)
    blocks += _base_case(proof)
    blocks += _step(solution, proof)
    blocks += _closed_form(solution, proof)
    if solution.shapes is not None:
        blocks += shapes_blocks(solution.shapes, _letter(solution))
    if solution.numeric is not None:
        blocks += numeric_blocks(solution.numeric)
    return blocks + notes


# --- notation -----------------------------------------------------------------------------------


def _letter(solution: LinearCollapseSolution) -> str:
    return "w" if solution.scalar else "W"


def _top(solution: LinearCollapseSolution) -> str:
    return "N" if solution.layers is None else str(solution.layers)


def _power(slope: sympy.Expr, exponent_latex: str, exponent_unicode: str) -> tuple[str, str]:
    """``a^{N}`` before a product (nothing when a = 1), parenthesised unless a plain base."""
    if slope == 1:
        return "", ""
    base_latex, base_unicode = latex(slope), unicode(slope)
    if not (slope.is_Symbol or (slope.is_Integer and slope > 0)):
        base_latex, base_unicode = rf"\left({base_latex}\right)", f"({base_unicode})"
    if exponent_unicode.isdigit():
        return (
            f"{base_latex}^{{{exponent_latex}}} ",
            f"{base_unicode}{superscript(exponent_unicode)}·",
        )
    return f"{base_latex}^{{{exponent_latex}}} ", f"{base_unicode}^({exponent_unicode})·"


def _general_formulas(solution: LinearCollapseSolution, top: str) -> tuple[Math, Math]:
    """aᴺ W_N⋯W_1 and Σ_{k=1}^{N} a^{N−k+1} W_N⋯W_{k+1} b_k, with N = ``top``."""
    w = _letter(solution)
    last, first, next_one = subscript(w, top), subscript(w, "1"), subscript(w, "k+1")
    power_latex, power_unicode = _power(solution.slope, top, top)
    weight = Math(
        rf"{power_latex}{last.latex} \cdots {first.latex}",
        f"{power_unicode}{last.unicode}⋯{first.unicode}",
    )
    exponent = "N-k+2" if top == "N+1" else f"{top}-k+1"
    term_latex, term_unicode = _power(solution.slope, exponent, exponent.replace("-", "−"))
    bias = Math(
        rf"\sum_{{k=1}}^{{{top}}} {term_latex}{last.latex} \cdots {next_one.latex} b_{{k}}",
        f"Σ_(k=1..{top}) {term_unicode}{last.unicode}⋯{next_one.unicode}·b_k",
    )
    return weight, bias


def _defined(weight: Math, bias: Math) -> tuple[Math, Math]:
    """``W = …`` and ``b = …``."""
    return Math.equation(WEIGHT, weight), Math.equation(BIAS, bias)


def _grouped(formula: Math, expression: sympy.Expr) -> Math:
    """A coefficient in parentheses when it is a sum."""
    if isinstance(expression, sympy.Add):
        return Math(rf"\left({formula.latex}\right)", f"({formula.unicode})")
    return formula


def _affine(weight: sympy.Expr, bias: sympy.Expr, x: sympy.Expr, names: Names = None) -> Math:
    """``(W) x + (b)``: the collapsed map with its two coefficients visibly grouped."""
    weight_math = _grouped(_formula(weight, names), weight)
    sign = "+"
    if not isinstance(bias, sympy.Add) and bias.could_extract_minus_sign():
        sign, bias = "-", -bias
    bias_math = _grouped(_formula(bias, names), bias)
    return Math(
        rf"{weight_math.latex} {latex(x)} {sign} {bias_math.latex}",
        f"{weight_math.unicode}·{unicode(x)} {sign} {bias_math.unicode}",
    )


Names = tuple[dict[sympy.Symbol, str], dict[sympy.Symbol, str]] | None


def _formula(expression: sympy.Expr, names: Names = None) -> Math:
    """``Math.of``, with some symbols printed by name (W_{N+1} in LaTeX, W_(N+1) in Unicode)."""
    if names is None:
        return Math.of(expression)
    return Math(latex(expression, names[0]), unicode(expression, names[1]))


def _continued(formula: Math) -> Math:
    """A further line of an equation chain: ``= …``, aligned under the first line's ``=``."""
    return Math(f"= {formula.latex}", f"= {formula.unicode}")


def _verified(equality: CheckedEquality, cases: tuple[int, ...] = ()) -> str:
    how = METHODS[equality.method]
    if equality.left.is_commutative:
        how = how.replace("non-commuting", "commuting").replace(" (order kept)", "")
    if equality.method is Method.CASES:
        how += f"{cases[0]}..{cases[-1]}"
    return f"{CHECKED}verified: {how}."


# --- the proof ----------------------------------------------------------------------------------


def _setting(solution: LinearCollapseSolution) -> Content:
    w = _letter(solution)
    power, _ = _power(solution.slope, "", "")
    layer = Math(
        f"{latex(solution.slope)} " if power else "", unicode(solution.slope) if power else ""
    )
    inner_latex, inner_unicode = rf"{w}_{{k}} x + b_{{k}}", f"{w}_k·x + b_k"
    if power:
        inner_latex, inner_unicode = rf"\left({inner_latex}\right)", f"·({inner_unicode})"
    layer = Math(f"x \\mapsto {layer.latex}{inner_latex}", f"x ↦ {layer.unicode}{inner_unicode}")
    if solution.scalar:
        return content(
            "Layer k is the map ",
            layer,
            ". Scalar mode: weights and biases are numbers, so their products commute.",
        )
    return content(
        "Layer k is the map ",
        layer,
        ". ",
        subscript(w, "k"),
        " is a matrix and ",
        subscript("b", "k"),
        " a vector: products do not commute, so their order is kept.",
    )


def _claim(solution: LinearCollapseSolution) -> list[Block]:
    top = _top(solution)
    weight, bias = _general_formulas(solution, top)
    return [
        Heading(3, "Claim"),
        Paragraph(
            content(
                Math(f"P({top})", f"P({top})"),
                f": a network of {top} layers computes one affine map ",
                AFFINE_MAP,
                ", a network with just an input and an output layer, where",
            )
        ),
        Equation(_defined(weight, bias)),
        Paragraph(content(f"The empty product (for k = {top}) is the identity.")),
    ]


def _two_layers(proof: CollapseProof) -> list[Block]:
    equality = proof.two_layer
    x = sympy.Symbol("x", commutative=equality.left.is_commutative)
    weight, bias = equality.weight, equality.bias
    lines = (
        Math.equation(Math("f_{2}(x)", "f₂(x)"), Math.of(equality.left)),
        _continued(_affine(weight, bias, x)),
    )
    return [
        Heading(3, "The output of two layers"),
        Equation(lines),
        Paragraph(
            content(
                "Two layers are one affine map: ",
                Math.equation(WEIGHT, Math.of(weight)),
                " and ",
                Math.equation(BIAS, Math.of(bias)),
                ". " + _verified(equality),
            )
        ),
    ]


def _base_case(proof: CollapseProof) -> list[Block]:
    equality = proof.base_case
    x = sympy.Symbol("x", commutative=equality.left.is_commutative)
    weight, bias = equality.weight, equality.bias
    lines = [Math.equation(Math("f_{1}(x)", "f₁(x)"), Math.of(equality.left))]
    if equality.left != equality.right:
        lines.append(_continued(_affine(weight, bias, x)))
    return [
        Heading(3, "Base case N = 1"),
        Equation(tuple(lines)),
        Paragraph(
            content(
                "This is P(1): ",
                Math.equation(WEIGHT, Math.of(weight)),
                " and ",
                Math.equation(BIAS, Math.of(bias)),
                ", the sum's one term with an empty product. " + _verified(equality),
            )
        ),
    ]


def _step(solution: LinearCollapseSolution, proof: CollapseProof) -> list[Block]:
    symbols = proof.step_symbols
    w = _letter(solution)
    names: Names = (
        {symbols.next_weight: f"{w}_{{N+1}}", symbols.next_bias: "b_{N+1}"},
        {symbols.next_weight: f"{w}_(N+1)", symbols.next_bias: "b_(N+1)"},
    )
    previous = sympy.Symbol("F", commutative=symbols.input.is_commutative)
    inner = symbols.next_weight * previous + symbols.next_bias
    applied = _formula(scaled(solution.slope, inner), names)
    applied = Math(applied.latex.replace("F", "f_{N}(x)"), applied.unicode.replace("F", "f_N(x)"))
    left = _formula(proof.step.left, names)
    weight, bias = proof.step.weight, proof.step.bias
    right = _affine(weight, bias, symbols.input, names)
    weight_general, bias_general = _general_formulas(solution, "N+1")
    cases = tuple(equality.layers or 0 for equality in proof.weight_identity)
    items = (
        StepItem(
            "affine composition",
            content(Math.equation(left, right)),
            content(_verified(proof.step)),
        ),
        StepItem(
            "weight",
            content(Math.equation(_formula(weight, names), weight_general)),
            content(
                "the product gains one factor on the left; "
                + _verified(proof.weight_identity[0], cases)
            ),
        ),
        StepItem(
            "bias",
            content(Math.equation(_formula(bias, names), bias_general)),
            content(
                "the new factor distributes over the sum, and the new term k = N+1 has an empty "
                "product; " + _verified(proof.bias_identity[0], cases)
            ),
        ),
    )
    return [
        Heading(3, "Inductive step: P(N) implies P(N+1)"),
        Paragraph(
            content(
                "Assume P(N): ",
                ASSUMPTION,
                " with W and b as claimed. Layer N+1 acts on ",
                PREVIOUS,
                ":",
            )
        ),
        Equation(
            (
                Math.equation(Math("f_{N+1}(x)", "f_(N+1)(x)"), applied),
                _continued(left),
                _continued(right),
            )
        ),
        Steps(items),
        Paragraph(
            content(
                "So ",
                IMPLICATION,
                ". With the base case, P(N) holds for every N ≥ 1 by induction: "
                "the N-layer network is the single affine layer ",
                AFFINE_MAP,
                ".",
            )
        ),
    ]


def _closed_form(solution: LinearCollapseSolution, proof: CollapseProof) -> list[Block]:
    weight, bias = _defined(*_general_formulas(solution, _top(solution)))
    lines = [weight, bias]
    if proof.weight is not None and proof.bias is not None:
        lines = [
            Math.equation(weight, Math.of(proof.weight)),
            Math.equation(bias, Math.of(proof.bias)),
        ]
    cases = [equality.layers or 0 for equality in proof.closed_form]
    symbols = "commuting" if solution.scalar else "non-commuting"
    return [
        Heading(3, "Closed form"),
        Equation(tuple(lines), boxed=True),
        Paragraph(
            content(
                f"{CHECKED}verified: the network expanded by SymPy ({symbols} symbols) equals "
                f"W x + b for N = {cases[0]}..{cases[-1]}."
            )
        ),
    ]
