"""What every human-readable format says, decided once: wording, step lines and table rows.

The terminal, LaTeX and Markdown renderers differ only in markup. Everything they must agree on —
the labels of readings, the names of rules, how a chain rule's outer step is written in ``u``,
which rows the forward, backward and finite-difference tables have, and how numbers are rounded —
lives here, so the three formats cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sympy

from symderive.derive.backprop import Gradient
from symderive.derive.evaluation import Evaluation
from symderive.derive.partials import ReadingSolution
from symderive.derive.steps import Derivation, Rule, Step, Verification
from symderive.render.mathtext import latex, latex_name, needs_parentheses, number, unicode_name
from symderive.solve import PartialsSolution

GRADED = "as written — graded"
NOT_GRADED = "other reading — not graded"
RULES_HEADING = "Derivation by rules"
BACKPROP_HEADING = "Backpropagation"
GRAPH_HEADING = "Computational graph"
GRAPH_INTRO = "Each node is one operation on its inputs; each edge carries its local partial."
SWEEP_HEADING = "Reverse sweep"
SWEEP_INTRO = (
    "Each adjoint ū = ∂{output}/∂u sums what the consumers of u pass down: "
    "ū(consumer) · ∂consumer/∂u."
)
FORWARD_HEADING = "Forward pass"
BACKWARD_HEADING = "Backward pass"
CHECK_HEADING = "Finite-difference check"
CHECK_INTRO = (
    "Each adjoint beside a central difference (f(x+h) − f(x−h))/2h of the whole expression."
)
WARNING_WORD = "warning"
FORWARD_COLUMNS = ("node", "value")
BACKWARD_COLUMNS = ("node", "adjoint", "sum of contributions")
CHECK_COLUMNS = ("variable", "adjoint", "finite difference", "|difference|", "check")
SIMPLIFICATION = "simplification"
NOT_SIMPLIFIED = "no simplification: the derived form is already the simplest"

_U_NAMES = ("u", "v", "w", "s", "t", "p", "q")


def problem_heading(solution: PartialsSolution) -> str:
    """``q3a (10 points)``: the id and, where given, the points."""
    points = set_points(solution.problem.points)
    return solution.problem.id + (f" ({points})" if points else "")


def set_points(points: sympy.Rational | None) -> str | None:
    """``30 points`` or ``7.5 points``, or None when no points are given."""
    if points is None:
        return None
    shown = str(points) if points.is_Integer else number(float(points))
    return f"{shown} point" + ("" if points == 1 else "s")


def reading_heading(reading: ReadingSolution) -> str:
    """The reading's label: graded as written, or another reading that is not graded."""
    return GRADED if reading.graded else NOT_GRADED


def verification_word(how: Verification) -> str:
    """``symbolic``, ``numeric`` or ``not checked``; printers put ✓ before the checked ones."""
    return how.value


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
    """One step as printed: ``d/d(wrt) before = after``, at ``depth`` in the tree.

    For the outer step of a chain rule ``wrt`` is a fresh symbol ``u`` and ``inner`` is what it
    stands for, so the line reads ``d/du exp(u) = exp(u), with u = x3²``; ``partial`` tells
    whether to write ∂ (the problem's variable) or d (the single variable u).
    """

    depth: int
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


def _fresh_u(expression: sympy.Expr) -> sympy.Symbol:
    taken = {symbol.name for symbol in expression.free_symbols}
    name = next((name for name in _U_NAMES if name not in taken), "u_")
    return sympy.Symbol(name)


def _in_u(expression: sympy.Expr, inner: sympy.Expr, u: sympy.Symbol) -> sympy.Expr:
    """``expression`` written in ``u`` where that removes ``inner``; factoring first turns
    ``2x1 + 10x2 + 30`` into ``2(x1 + 5x2 + 15)`` = ``2u``. Otherwise it is left as recorded."""
    for candidate in (expression, sympy.factor_terms(expression)):
        replaced = candidate.xreplace({inner: u})
        if not (replaced.free_symbols & inner.free_symbols):
            return replaced
    return expression


def step_lines(derivation: Derivation) -> list[StepLine]:
    """The step tree flattened parents first, then the simplification step (if any) at depth 0."""
    u = _fresh_u(derivation.expression)
    lines: list[StepLine] = []

    def visit(step: Step, depth: int) -> None:
        if step.wrt == derivation.wrt:
            lines.append(StepLine(depth, step, derivation.wrt, step.before, step.after, None))
        else:
            inner = step.wrt
            lines.append(
                StepLine(
                    depth,
                    step,
                    u,
                    _in_u(step.before, inner, u),
                    _in_u(step.after, inner, u),
                    inner,
                )
            )
        for child in step.children:
            visit(child, depth + 1)

    visit(derivation.step, 0)
    if derivation.simplification is not None:
        simplification = derivation.simplification
        lines.append(
            StepLine(
                0, simplification, derivation.wrt, simplification.before, simplification.after, None
            )
        )
    return lines


def latex_step_statement(line: StepLine, *, opening: str, closing: str) -> str:
    """``∂/∂x (before) = after`` in LaTeX; the caller chooses the parentheses' size."""
    wrt = latex(line.wrt)
    if line.is_simplification:
        return f"{latex(line.before)} = {latex(line.after)}"
    operator = rf"\frac{{\partial}}{{\partial {wrt}}}" if line.partial else rf"\frac{{d}}{{d{wrt}}}"
    before = latex(line.before)
    if needs_parentheses(line.before):
        before = f"{opening}{before}{closing}"
    return f"{operator} {before} = {latex(line.after)}"


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


def several_consumers(gradient: Gradient) -> set[str]:
    """Names whose adjoint sums more than one contribution (shown with the summed terms)."""
    return {adjoint.name for adjoint in gradient.adjoints if len(adjoint.contributions) > 1}
