"""What an activation problem says, as document blocks, and its JSON data.

The blocks follow the order a student would write the answer in: the definition, the derivation by
named rules, the textbook (idiomatic) form and how it was proved, what happens at kinks, for
softmax the whole Jacobian (and why its diagonal alone is not the derivative), the
finite-difference check, and a figure of the function with its derivative.
"""

from __future__ import annotations

import sympy

from symderive.derive.activation_checks import NumericCheck
from symderive.derive.activation_kinks import Kink
from symderive.derive.activations import ActivationSolution, EqualityProof, IdiomaticForm
from symderive.derive.softmax import Jacobian
from symderive.derive.steps import Derivation
from symderive.render import texts
from symderive.render.activation_figure import caption, figure
from symderive.render.activation_second import second_derivative_blocks, second_derivative_data
from symderive.render.activation_softmax import jacobian_blocks, softmax_definition
from symderive.render.activation_text import (
    applied,
    check_label,
    check_rows,
    derivative_of,
    math,
    method_text,
    number_math,
    prime_of,
    proof_text,
)
from symderive.render.activation_words import convention_text, remark_text
from symderive.render.caveats import CAVEAT_TEXTS
from symderive.render.document import (
    Block,
    Bullets,
    Code,
    Content,
    Equation,
    Heading,
    Math,
    Paragraph,
    Steps,
    Table,
    Warning,
    content,
)
from symderive.render.json import Json, expression_data, finite, problem_data, rational_data
from symderive.render.partials_json import step_data
from symderive.render.step_items import derivation_step_items

EXPRESSION_AS_WRITTEN = "Expression as written"
DEFINITION_HEADING = "Definition"
RULES_HEADING = "Derivation by rules"
IDIOMATIC_HEADING = "Idiomatic form"
KINKS_HEADING = "Kinks"
JACOBIAN_HEADING = "The Jacobian"
CHECK_HEADING = "Finite-difference check"
CHECK_INTRO = "The derived derivative beside a central difference (f(x+h) − f(x−h))/2h, 50 digits."
CHECK_COLUMNS = ("at", "derivative", "finite difference", "|difference|", "check")
FRAMEWORKS = "Frameworks: "


def activation_blocks(solution: ActivationSolution) -> list[Block]:
    """Every block of one activation problem, in the order of a written answer."""
    problem = solution.problem
    blocks: list[Block] = [Heading(2, texts.with_points(problem.id, problem.points))]
    if problem.statement:
        blocks.append(Paragraph(content(problem.statement)))
    if problem.expression is not None:
        blocks.append(Code(problem.expression.text, label=EXPRESSION_AS_WRITTEN))
        blocks.extend(Warning(w.message, w.location) for w in problem.warnings)
    blocks.extend(_definition(solution))
    if solution.jacobian is not None:
        assert isinstance(solution.jacobian, Jacobian)
        blocks.extend(jacobian_blocks(solution, solution.jacobian))
    else:
        assert solution.derivation is not None
        blocks.extend(_derivation(solution, solution.derivation))
        if solution.idiomatic is not None:
            blocks.extend(_idiomatic(solution, solution.idiomatic))
        if solution.kinks:
            blocks.extend(_kinks(solution))
        blocks.extend(second_derivative_blocks(solution))
    blocks.extend(_checks(solution))
    if solution.plot is not None:
        blocks.append(figure(solution))
    return blocks


def _definition(solution: ActivationSolution) -> list[Block]:
    blocks: list[Block] = [Heading(3, f"{DEFINITION_HEADING}: {solution.title}")]
    if solution.jacobian is not None:
        assert isinstance(solution.jacobian, Jacobian)
        blocks.extend(softmax_definition(solution, solution.jacobian))
    else:
        blocks.append(Equation((Math.equation(applied(solution), math(solution.definition)),)))
    values = [
        content(
            Math.equation(math(item.parameter.symbol), number_math(item.value)),
            f": {item.parameter.meaning}" + (" (the default)" if item.default else ""),
        )
        for item in solution.parameters
    ]
    values += [
        content(Math.equation(math(symbol), number_math(value)))
        for symbol, value in solution.problem.parameters.items()
        if solution.problem.function is None
    ]
    if values:
        blocks.extend([Paragraph(content("with")), Bullets(tuple(values))])
    return blocks


def _derivation(solution: ActivationSolution, derivation: Derivation) -> list[Block]:
    title = derivative_of(solution)
    return [
        Heading(3, RULES_HEADING),
        Paragraph(content(title, ":")),
        Steps(derivation_step_items(derivation)),
        Equation((Math.equation(title, math(derivation.result)),), boxed=True),
    ]


def _idiomatic(solution: ActivationSolution, form: IdiomaticForm) -> list[Block]:
    latex_names = {a.symbol: a.latex for a in form.abbreviations}
    unicode_names = {a.symbol: a.unicode for a in form.abbreviations}
    blocks: list[Block] = [Heading(3, IDIOMATIC_HEADING)]
    if form.recognised_as:
        blocks.append(Paragraph(content(f"Your function is the {form.recognised_as} (proved).")))
    blocks.append(
        Equation(
            (Math.equation(prime_of(solution), math(form.expression, latex_names, unicode_names)),),
            boxed=True,
        )
    )
    where = [
        content(Math.equation(Math(a.latex, a.unicode), math(a.meaning)))
        for a in form.abbreviations
    ]
    if where:
        blocks.extend([Paragraph(content("where")), Bullets(tuple(where))])
    remark = remark_text(form.remark)
    if remark:
        blocks.append(Paragraph(content(remark[0].upper() + remark[1:] + "."), emphasis=True))
    blocks.append(
        Paragraph(content("Equal to the derived derivative: ", proof_text(form.proof), "."))
    )
    return blocks


def _kinks(solution: ActivationSolution) -> list[Block]:
    blocks: list[Block] = [Heading(3, KINKS_HEADING)]
    for kink in solution.kinks:
        blocks.append(Bullets(kink_lines(solution, kink)))
    return blocks


def kink_lines(solution: ActivationSolution, kink: Kink) -> tuple[Content, ...]:
    """What a student must say about a kink: one-sided derivatives, subgradient, convention."""
    x = solution.variable
    at = Math.equation(math(x), math(kink.point))
    if kink.left is None or kink.right is None:
        return (content("At ", at, " the one-sided derivatives could not be computed."),)
    if kink.differentiable:
        return (
            content(
                "Differentiable at ",
                at,
                ": both one-sided derivatives equal ",
                short(kink.left),
                ".",
            ),
        )
    lines: list[Content] = [
        content(
            "Not differentiable at ",
            at,
            ": the derivative from the left is ",
            short(kink.left),
            ", from the right ",
            short(kink.right),
            " (limits of difference quotients).",
        )
    ]
    interval = kink.interval
    assert interval is not None
    low, high = short(interval[0]), short(interval[1])
    shown = Math(rf"\left[{low.latex}, {high.latex}\right]", f"[{low.unicode}, {high.unicode}]")
    if kink.convex:
        lines.append(content("Its subgradients there form the interval ", shown, "."))
    else:
        lines.append(
            content(
                "The kink bends downwards, so there is no subgradient; the generalized (Clarke) "
                "gradient is ",
                shown,
                ".",
            )
        )
    if kink.formula_value is not None and solution.derivation is not None:
        lines.append(
            content(
                "The derived formula ",
                math(solution.derivation.result),
                " gives ",
                short(kink.formula_value),
                " there: a value by convention, not a derivative.",
            )
        )
    convention = convention_text(kink.convention)
    if convention:
        lines.append(content(FRAMEWORKS + convention))
    return tuple(lines)


def short(value: sympy.Expr) -> Math:
    """``0.1`` for 1/10 (as a parameter was written), the exact form where a decimal is not."""
    if value.is_Rational and not value.is_Integer:
        shown = number_math(value)
        if sympy.Rational(shown.unicode) == value:
            return shown
    return math(value)


def _checks(solution: ActivationSolution) -> list[Block]:
    rows = check_rows(solution, solution.checks)
    intro = CHECK_INTRO
    if solution.jacobian is not None and solution.checks:
        point = ", ".join(f"{s.name} = {float(v):g}" for s, v in solution.checks[0].point)
        intro = f"Every entry at {point}, beside a central difference in its logit, 50 digits."
    return [Heading(3, CHECK_HEADING), Paragraph(content(intro)), Table(CHECK_COLUMNS, rows)]


# --- JSON ---------------------------------------------------------------------------------------


def activation_data(solution: ActivationSolution) -> Json:
    """Every field of an activation solution, JSON-ready, keys in a fixed order."""
    problem = solution.problem
    derivation = solution.derivation
    return {
        **problem_data(problem),
        "function": solution.name,
        "title": solution.title,
        "expression": problem.expression.text if problem.expression else None,
        "variable": solution.variable.name,
        "parameters": {
            **{
                item.parameter.name: {
                    "exact": str(item.value),
                    "value": rational_data(item.value),
                    "default": item.default,
                }
                for item in solution.parameters
            },
            **{
                symbol.name: {"exact": str(value), "value": rational_data(value), "default": False}
                for symbol, value in problem.parameters.items()
                if problem.function is None
            },
        },
        "definition": expression_data(solution.definition),
        "derivative": _derivation_data(derivation) if derivation else None,
        "idiomatic": _idiomatic_data(solution.idiomatic) if solution.idiomatic else None,
        "kinks": [_kink_data(kink) for kink in solution.kinks],
        "jacobian": _jacobian_data(solution.jacobian)
        if isinstance(solution.jacobian, Jacobian)
        else None,
        "checks": [_check_data(solution, check) for check in solution.checks],
        "passed": solution.passed,
        **(
            {"second_derivative": second_derivative_data(solution.second)}
            if solution.second is not None
            else {}
        ),
        "plot": None
        if solution.plot is None
        else {
            "range": [rational_data(end) for end in solution.plot],
            "name": f"{problem.id}-plot",
            "caption": caption(solution),
        },
    }


def _derivation_data(derivation: Derivation) -> Json:
    return {
        **expression_data(derivation.result),
        "raw": expression_data(derivation.raw),
        "steps": step_data(derivation.step),
        "simplification": step_data(derivation.simplification)
        if derivation.simplification
        else None,
        "notes": [CAVEAT_TEXTS[caveat] for caveat in derivation.notes],
    }


def _proof_data(proof: EqualityProof) -> Json:
    return {"method": method_text(proof), "verification": proof.verification.value}


def _idiomatic_data(form: IdiomaticForm) -> Json:
    names = {a.symbol: a.latex for a in form.abbreviations}
    return {
        **expression_data(form.expression, names),
        "where": [
            {"name": a.unicode, "latex": a.latex, "meaning": expression_data(a.meaning)}
            for a in form.abbreviations
        ],
        "remark": remark_text(form.remark),
        "recognised_as": form.recognised_as,
        "proof": _proof_data(form.proof),
    }


def _optional(expression: sympy.Expr | None) -> Json | None:
    return expression_data(expression) if expression is not None else None


def _kink_data(kink: Kink) -> Json:
    interval = kink.interval
    return {
        "point": expression_data(kink.point),
        "left": _optional(kink.left),
        "right": _optional(kink.right),
        "differentiable": kink.differentiable,
        "interval": [expression_data(end) for end in interval] if interval else None,
        "subgradient": kink.convex and not kink.differentiable,
        "formula_value": _optional(kink.formula_value),
        "convention": convention_text(kink.convention),
    }


def _jacobian_data(jacobian: Jacobian) -> Json:
    return {
        "size": jacobian.size,
        "logits": [logit.name for logit in jacobian.logits],
        "outputs": [expression_data(output) for output in jacobian.outputs],
        "matrix": [[expression_data(entry) for entry in row] for row in jacobian.matrix.tolist()],
        "closed_form": [
            [expression_data(entry) for entry in row] for row in jacobian.closed_form.tolist()
        ],
        "where": {
            s.name: expression_data(meaning)
            for s, meaning in zip(jacobian.probabilities, jacobian.softmax, strict=True)
        },
        "proof": _proof_data(jacobian.proof),
        "row_sums_zero": _proof_data(jacobian.row_sums),
        "diagonal_only": [
            [expression_data(entry) for entry in row] for row in jacobian.diagonal_only.tolist()
        ],
        "diagonal_only_is_derivative": False,
        "off_diagonal_example": {
            "row": jacobian.off_diagonal[0] + 1,
            "column": jacobian.off_diagonal[1] + 1,
            "value": finite(jacobian.off_diagonal[2]),
        },
        "steps": [
            [{"wrt": derivation.wrt.name, **_derivation_data(derivation)} for derivation in row]
            for row in jacobian.entries
        ],
    }


def _check_data(solution: ActivationSolution, check: NumericCheck) -> Json:
    return {
        "label": check_label(solution, check),
        "point": {symbol.name: rational_data(value) for symbol, value in check.point},
        "derivative": finite(check.derivative),
        "finite_difference": finite(check.finite_difference),
        "step": finite(check.step),
        "error": finite(check.error),
        "passed": check.passed,
    }
