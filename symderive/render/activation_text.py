"""Formulas shared by the activation renderers: the function's name applied, derivatives,
step trees (as the partials renderer builds them), proof wording and check labels."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import sympy

from symderive.activation_names import ALPHA, BETA
from symderive.derive.activation_checks import NumericCheck
from symderive.derive.activations import ActivationSolution, EqualityProof, ProofMethod, ProofScope
from symderive.render import texts
from symderive.render.document import Content, Math, content
from symderive.render.mathtext import latex, unicode

Names = Mapping[sympy.Symbol, str] | None
GREEK = {ALPHA: "α", BETA: "β"}
"""Parameters print as Greek letters in Unicode (LaTeX already writes ``\alpha``)."""
METHOD_TEXTS = {
    ProofMethod.EXPANSION: "expanding both sides",
    ProofMethod.EXPONENTIALS: "rewriting in exponentials and cancelling",
    ProofMethod.SIMPLIFICATION: "simplification",
    ProofMethod.RANDOM_POINTS: "random points",
}
SCOPE_TEXTS = {ProofScope.EVERY_ENTRY: "every entry", ProofScope.EVERY_ROW: "every row"}


def math(expression: sympy.Basic, latex_names: Names = None, unicode_names: Names = None) -> Math:
    """A formula; a function by cases prints as ``{1 if x > 0; 0 if x < 0}`` in Unicode."""
    return Math(
        latex(expression, latex_names), _unicode(expression, {**GREEK, **(unicode_names or {})})
    )


def number_math(value: sympy.Expr) -> Math:
    """An exact parameter or point as a short decimal: ``0.1``, not ``1/10``."""
    text = texts.number(float(value))
    return Math(text, text)


def _unicode(expression: sympy.Basic, names: Names = None) -> str:
    if isinstance(expression, sympy.Piecewise):
        pieces = [
            f"{_unicode(piece, names)} if {unicode(condition, names)}"
            if condition is not sympy.true
            else f"{_unicode(piece, names)} otherwise"
            for piece, condition in expression.args
        ]
        return "{" + "; ".join(pieces) + "}"
    return unicode(expression, names)


def applied(solution: ActivationSolution, variable: sympy.Symbol | None = None) -> Math:
    """``σ(x)``, ``ELU_α(x)``, ``f(x)``: the function applied to its variable."""
    x = variable or solution.variable
    return Math(
        rf"{solution.latex_name}\left({latex(x)}\right)", f"{solution.unicode_name}({unicode(x)})"
    )


def derivative_of(solution: ActivationSolution) -> Math:
    """``d/dx σ(x)``."""
    x = solution.variable
    inner = applied(solution)
    return Math(rf"\frac{{d}}{{d{latex(x)}}} {inner.latex}", f"d/d{unicode(x)} {inner.unicode}")


def prime_of(solution: ActivationSolution) -> Math:
    """``σ'(x)``."""
    x = solution.variable
    return Math(
        rf"{solution.latex_name}'\left({latex(x)}\right)", f"{solution.unicode_name}'({unicode(x)})"
    )


def method_text(proof: EqualityProof) -> str:
    """How the forms were shown equal, in words: also the JSON's ``method``."""
    words = [METHOD_TEXTS[method] for method in proof.methods]
    if proof.sides:
        conditions = ", ".join(unicode(side) for side in proof.sides)
        return f"on each side of the kink ({conditions}): {' and '.join(words)}"
    if proof.scope is not None:
        return f"{SCOPE_TEXTS[proof.scope]}: {', '.join(words)}"
    return ", ".join(words)


def proof_text(proof: EqualityProof) -> str:
    """``✓ symbolic, expanding both sides``: the check's mark and how it was done."""
    return f"{texts.verification_text(proof.verification)}, {method_text(proof)}"


def check_label(solution: ActivationSolution, check: NumericCheck) -> str:
    """``x = 0.25`` for a function of one variable, ``∂log s1/∂z2`` for a Jacobian entry."""
    if check.output is None or solution.jacobian is None:
        value = dict(check.point)[check.variable]
        return f"{check.variable.name} = {float(value):g}"
    jacobian = solution.jacobian
    output = jacobian.probabilities[check.output].name
    if jacobian.function != "softmax":
        output = f"log {output}"
    return f"∂{output}/∂{check.variable.name}"


def check_rows(
    solution: ActivationSolution, checks: Sequence[NumericCheck]
) -> tuple[tuple[Content, ...], ...]:
    """The rows of a table of numeric checks: where, ours, the central difference, the error."""
    return tuple(
        (
            content(check_label(solution, check)),
            content(texts.number(check.derivative)),
            content(texts.number(check.finite_difference)),
            content(f"{check.error:.1e}"),
            content("pass" if check.passed else "FAIL"),
        )
        for check in checks
    )
