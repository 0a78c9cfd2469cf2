"""Text that is computed rather than laid out: points, step lines, table rows, rounded numbers.

Kinds build their blocks from these (``partials.py`` for now) and renderers use the few generic
words (``warning``, the sentence about figures not drawn), so every format says the same thing:
how a chain rule's outer step is written in ``u``, which rows the forward, backward and
finite-difference tables have, and how numbers are rounded are decided here, once.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import sympy

from symderive.derive.backprop import Gradient
from symderive.derive.evaluation import Evaluation
from symderive.derive.partials import ReadingSolution
from symderive.derive.steps import Rule, Step, Verification
from symderive.functions import relu
from symderive.render.mathtext import (
    latex,
    latex_name,
    needs_parentheses,
    number,
    unicode,
    unicode_name,
)

WARNING_WORD = "warning"
SIMPLIFICATION = "simplification"

_SCIENTIFIC = re.compile(r"(\d+(?:\.\d+)?)e([+-]?\d+)")
_U_NAMES = ("u", "v", "w", "s", "t", "p", "q")


def set_points(points: sympy.Rational | None) -> str | None:
    """``30 points`` or ``7.5 points``, or None when no points are given."""
    if points is None:
        return None
    shown = str(points) if points.is_Integer else number(float(points))
    return f"{shown} point" + ("" if points == 1 else "s")


def with_points(text: str, points: sympy.Rational | None) -> str:
    """``q3a (10 points)``: a title and, where given, its points (for every kind's heading)."""
    shown = set_points(points)
    return text + (f" ({shown})" if shown else "")


def figure_not_drawn(name: str) -> str:
    """What LaTeX and Markdown written to stdout say instead of a picture they cannot place."""
    return f"figure '{name}' not drawn: write to a file with -o to get pictures"


def figure_mention(name: str, caption: str) -> str:
    """The terminal's one line for a figure: it names it, it cannot show it."""
    return f"figure '{name}': {caption} (drawn in LaTeX or Markdown written with -o)"


def is_verified(how: Verification) -> bool:
    return how is not Verification.NOT_CHECKED


def verification_text(how: Verification) -> str:
    """``✓ symbolic`` / ``✓ numeric`` / ``not checked``: words carry the verdict, not colour."""
    return f"✓ {how.value}" if is_verified(how) else how.value


def rule_label(rule: Rule) -> str:
    """``chain rule``; the simplification step is not a rule."""
    return SIMPLIFICATION if rule is Rule.SIMPLIFY else f"{rule.value} rule"


@dataclass(frozen=True)
class StepLine:
    """One step as printed: ``d/d(wrt) before = after``.

    For the outer step of a chain rule ``wrt`` is a fresh symbol ``u`` and ``inner`` is what it
    stands for, so the line reads ``d/du exp(u) = exp(u), with u = x3²``; ``partial`` tells
    whether to write ∂ (the problem's variable) or d (the single variable u).
    """

    step: Step
    wrt: sympy.Symbol
    before: sympy.Expr
    after: sympy.Expr
    inner: sympy.Expr | None

    @property
    def partial(self) -> bool:
        return self.inner is None

    @property
    def is_simplification(self) -> bool:
        """The simplification step rewrites the derivative (``raw = simpler``): no d/dx."""
        return self.step.rule is Rule.SIMPLIFY


def fresh_u(expression: sympy.Expr) -> sympy.Symbol:
    """A name for a chain rule's inner function that the expression does not use already."""
    taken = {symbol.name for symbol in expression.free_symbols}
    name = next((name for name in _U_NAMES if name not in taken), "u_")
    return sympy.Symbol(name)


def step_line(step: Step, wrt: sympy.Symbol, u: sympy.Symbol) -> StepLine:
    """How ``step`` of a derivative by ``wrt`` is printed. The outer step of a chain rule is by
    ``u``: it shows f(u) and f'(u) as the rule computed them, with its placeholder named ``u``."""
    if step.wrt == wrt or step.outer is None:
        return StepLine(step, wrt, step.before, step.after, None)
    before, after = step.outer.named(u)
    return StepLine(step, u, before, after, step.wrt)


def latex_step_statement(line: StepLine) -> str:
    """``∂/∂x (before) = after`` in LaTeX; ``\\bigl(`` rather than ``\\left(`` so that TeX may
    still break a long statement inside the parentheses."""
    if line.is_simplification:
        return f"{latex(line.before)} = {latex(line.after)}"
    wrt = latex(line.wrt)
    operator = rf"\frac{{\partial}}{{\partial {wrt}}}" if line.partial else rf"\frac{{d}}{{d{wrt}}}"
    before = latex(line.before)
    if needs_parentheses(line.before):
        before = rf"\bigl({before}\bigr)"
    return f"{operator} {before} = {latex(line.after)}"


def unicode_step_statement(line: StepLine) -> str:
    """``∂/∂x₁ (x₁ + 5x₂) = 1`` on one line of Unicode."""
    if line.is_simplification:
        return f"{unicode(line.before)} = {unicode(line.after)}"
    operator = f"∂/∂{unicode(line.wrt)}" if line.partial else f"d/d{unicode(line.wrt)}"
    before = unicode(line.before)
    if needs_parentheses(line.before):
        before = f"({before})"
    return f"{operator} {before} = {unicode(line.after)}"


_KINK_CONVENTIONS = {
    relu: "ReLU has a kink at 0: it has no derivative there, its subgradient is [0, 1]; the value "
    "shown uses H(0) = 1/2, while PyTorch and TensorFlow use 0",
    sympy.Abs: "|u| has a kink at 0: it has no derivative there, its subgradient is [-1, 1]; the "
    "value shown uses sign(0) = 0",
}


def kink_at_point_text(node: sympy.Expr) -> str:
    """What a point exactly on the kink of ``node`` (ReLU, |u|, max or min) means for its value."""
    if isinstance(node, sympy.Max | sympy.Min):
        return (
            f"at this point two arguments of {node} are equal: it has no derivative "
            "there, and the value shown is one element of its subgradient."
        )
    return f"at this point {node.args[0]} = 0. {_KINK_CONVENTIONS[type(node)]}."


def evaluation_note(reading: ReadingSolution) -> str | None:
    """Why a reading was not evaluated at its point, or what the kinks it sits on mean there."""
    if reading.not_evaluated is not None:
        return f"not evaluated at the point: {reading.not_evaluated}"
    if reading.kinks_at_point:
        sentences = (kink_at_point_text(node) for node in reading.kinks_at_point)
        return " ".join(dict.fromkeys(sentences))
    return None


def adjoint_names(gradient: Gradient, style: str) -> dict[sympy.Symbol, str]:
    """How each adjoint symbol prints: ``ū₁`` (``unicode``) or ``\\bar{u}_{1}`` (``latex``)."""
    name_of: Callable[..., str] = unicode_name if style == "unicode" else latex_name
    names: dict[sympy.Symbol, str] = {}
    for adjoint in gradient.adjoints:
        primes = len(adjoint.symbol.name) - len(adjoint.symbol.name.rstrip("'"))
        names[adjoint.symbol] = name_of(adjoint.name, bar=True) + "'" * primes
    return names


def point_text(reading: ReadingSolution, name: Callable[[str], str] = str) -> str:
    """``x1 = 1, x2 = 2, x3 = 0.5``: the point of the forward pass, names via ``name``."""
    assert reading.evaluation is not None
    return ", ".join(
        f"{name(symbol.name)} = {number(float(value))}"
        for symbol, value in reading.evaluation.point.items()
    )


def forward_rows(evaluation: Evaluation) -> list[tuple[str, str]]:
    """(node, value): the inputs, then every node in evaluation order."""
    graph = evaluation.graph
    names = [symbol.name for symbol in graph.inputs] + [node.name for node in graph.nodes]
    return [(name, number(evaluation.values[name])) for name in names]


def backward_rows(evaluation: Evaluation, gradient: Gradient) -> list[tuple[str, str, str]]:
    """(node, adjoint, sum): in sweep order; the sum is shown for nodes with several consumers."""
    passed = {(edge.source, edge.target): edge.contribution for edge in evaluation.edges}
    rows = []
    for adjoint in gradient.adjoints:
        terms = [passed[(adjoint.name, c.consumer)] for c in adjoint.contributions]
        total = signed_sum([number(term) for term in terms]) if len(terms) > 1 else ""
        rows.append((adjoint.name, number(evaluation.adjoints[adjoint.name]), total))
    return rows


def signed_sum(terms: list[str]) -> str:
    """``1 + 2 - 3`` from ``["1", "2", "-3"]``."""
    text = terms[0]
    for term in terms[1:]:
        text += f" - {term[1:]}" if term.startswith("-") else f" + {term}"
    return text


def check_rows(evaluation: Evaluation) -> list[tuple[str, str, str, str, str]]:
    """(variable, adjoint, finite difference, |difference|, pass/FAIL with any note)."""
    rows = []
    for check in evaluation.checks:
        verdict = "pass" if check.passed else "FAIL"
        if check.note:
            verdict += f" ({check.note})"
        rows.append(
            (
                check.variable.name,
                number(check.adjoint),
                number(check.finite_difference),
                f"{check.error:.1e}",
                verdict,
            )
        )
    return rows


def scientific_latex(text: str) -> str:
    """``2.2e-40`` → ``2.2\\times 10^{-40}``, wherever such a number stands in ``text``."""
    return _SCIENTIFIC.sub(
        lambda match: rf"{match.group(1)}\times 10^{{{int(match.group(2))}}}", text
    )
