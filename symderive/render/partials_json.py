"""The JSON of a partials problem: every field of its solution, for tools rather than people.

Keys come in a fixed order; expressions are given as SymPy ``str`` and LaTeX by
``expression_data``. Renaming or removing a field means a new ``SCHEMA_VERSION`` in ``json.py``.
"""

from __future__ import annotations

from collections.abc import Mapping

import sympy

from symderive.derive.backprop import Adjoint, Gradient
from symderive.derive.evaluation import Evaluation
from symderive.derive.graph import ComputationalGraph
from symderive.derive.partials import PartialsSolution, ReadingSolution, derivative_name
from symderive.derive.second_partials import second_partial_name
from symderive.derive.steps import Derivation, Step
from symderive.problem import LocatedWarning
from symderive.render import texts
from symderive.render.caveats import CAVEAT_TEXTS, caveat_text
from symderive.render.json import Json, expression_data, finite, problem_data, rational_data
from symderive.render.mathtext import latex
from symderive.render.rule_formulas import formula_latex


def partials_data(solution: PartialsSolution) -> Json:
    """A partials problem: its input, warnings, and every reading with steps, graph and numbers."""
    problem = solution.problem
    parsed = problem.expression
    at = None
    if problem.at is not None:
        at = {
            symbol.name: {"exact": str(value), "value": rational_data(value)}
            for symbol, value in problem.at.items()
        }
    return {
        **problem_data(problem),
        "expression": {
            "text": parsed.text,
            "name": solution.result_name,
            "sympy": str(parsed.expression),
            "latex": latex(parsed.expression),
        },
        "wrt": [symbol.name for symbol in problem.wrt],
        "at": at,
        "warnings": [_warning(warning) for warning in problem.warnings],
        "readings": [_reading(solution, reading) for reading in solution.readings],
        **({"second_partials": _second_partials(solution)} if solution.second_partials else {}),
    }


def _second_partials(solution: PartialsSolution) -> list[Json]:
    """Every second partial (only for ``order: 2``, so other problems' JSON is unchanged)."""
    return [
        {
            "name": second_partial_name(solution.result_name, partial.first, partial.second),
            "wrt": [partial.first.name, partial.second.name],
            "value": expression_data(partial.result),
            "steps": step_data(partial.derivation.step),
            "simplification": (
                step_data(partial.derivation.simplification)
                if partial.derivation.simplification
                else None
            ),
            "both_orders_agree": partial.mixed,
            "at_point": expression_data(partial.value) if partial.value is not None else None,
            "undefined_at_point": partial.undefined_at_point,
            "notes": [CAVEAT_TEXTS[caveat] for caveat in partial.notes],
        }
        for partial in solution.second_partials
    ]


def _warning(warning: LocatedWarning) -> Json:
    location = warning.location
    return {
        "code": warning.code,
        "message": warning.message,
        "file": location.file,
        "line": location.line,
        "column": location.column,
    }


def _reading(solution: PartialsSolution, reading: ReadingSolution) -> Json:
    bars = texts.adjoint_names(reading.gradient, "latex")
    return {
        "label": reading.label,
        "description": reading.description,
        "graded": reading.graded,
        "expression": expression_data(reading.expression),
        "derivatives": [_derivation(solution.result_name, d) for d in reading.derivatives],
        "graph": _graph(reading.graph),
        "backward": [_adjoint(adjoint, bars) for adjoint in reading.gradient.adjoints],
        "evaluation": _evaluation(reading.evaluation, reading.gradient),
        "evaluation_note": texts.evaluation_note(reading),
    }


def _derivation(result_name: str, derivation: Derivation) -> Json:
    return {
        "name": derivative_name(result_name, derivation.wrt),
        "wrt": derivation.wrt.name,
        "value": expression_data(derivation.result),
        "raw": expression_data(derivation.raw),
        "steps": step_data(derivation.step),
        "simplification": (
            step_data(derivation.simplification) if derivation.simplification else None
        ),
        "notes": [CAVEAT_TEXTS[caveat] for caveat in derivation.notes],
    }


def step_data(step: Step) -> Json:
    return {
        "rule": step.rule.value,
        "before": expression_data(step.before),
        "wrt": expression_data(step.wrt),
        "after": expression_data(step.after),
        "formula": formula_latex(step.formula),
        "note": caveat_text(step.note),
        "verification": step.verification.value,
        "children": [step_data(child) for child in step.children],
    }


def _graph(graph: ComputationalGraph) -> Json:
    return {
        "output": graph.output_name,
        "inputs": [symbol.name for symbol in graph.inputs],
        "nodes": [
            {
                "name": node.name,
                "operation": expression_data(node.operation),
                "expression": expression_data(node.expression),
                "inputs": list(node.inputs),
                "edges": [
                    {
                        "source": edge.source,
                        "target": edge.target,
                        "local_gradient": expression_data(edge.local_gradient),
                    }
                    for edge in node.edges
                ],
            }
            for node in graph.nodes
        ],
    }


def _adjoint(adjoint: Adjoint, bars: Mapping[sympy.Symbol, str]) -> Json:
    return {
        "name": adjoint.name,
        "symbol": adjoint.symbol.name,
        "sweep": expression_data(adjoint.sweep, bars),
        "in_nodes": expression_data(adjoint.in_nodes, bars),
        "in_variables": expression_data(adjoint.in_variables, bars),
        "contributions": [
            {
                "consumer": contribution.consumer,
                "consumer_adjoint": contribution.consumer_adjoint.name,
                "local_gradient": expression_data(contribution.local_gradient),
                "term": expression_data(contribution.term, bars),
                "in_nodes": expression_data(contribution.in_nodes, bars),
                "in_variables": expression_data(contribution.in_variables, bars),
            }
            for contribution in adjoint.contributions
        ],
    }


def _evaluation(evaluation: Evaluation | None, gradient: Gradient) -> Json | None:
    if evaluation is None:
        return None
    order = [adjoint.name for adjoint in gradient.adjoints]
    forward = [symbol.name for symbol in evaluation.graph.inputs]
    forward += [node.name for node in evaluation.graph.nodes]
    return {
        "point": {
            symbol.name: {"exact": str(value), "value": rational_data(value)}
            for symbol, value in evaluation.point.items()
        },
        "values": {name: finite(evaluation.values[name]) for name in forward},
        "adjoints": {name: finite(evaluation.adjoints[name]) for name in order},
        "edges": [
            {
                "source": edge.source,
                "target": edge.target,
                "local_gradient": finite(edge.local_gradient),
                "contribution": finite(edge.contribution),
            }
            for edge in evaluation.edges
        ],
        "checks": [
            {
                "variable": check.variable.name,
                "adjoint": finite(check.adjoint),
                "finite_difference": finite(check.finite_difference),
                "step": finite(check.step),
                "error": finite(check.error),
                "relative_tolerance": check.relative_tolerance,
                "passed": check.passed,
                "note": check.note,
            }
            for check in evaluation.checks
        ],
        "passed": evaluation.passed,
    }
