"""The JSON format: every field of the solution, versioned, for tools rather than people.

Every expression is given twice, as SymPy's ``str`` (which ``sympy.sympify`` reads back) and as
LaTeX. Keys come in a fixed order, floats are written by ``repr`` (round-trip safe) and values
that JSON cannot hold (NaN, infinities) become ``null``. Change ``SCHEMA_VERSION`` whenever a
field is renamed or removed; adding a field keeps it.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from typing import Any

import sympy

from symderive import __version__
from symderive.derive.backprop import Adjoint, Gradient
from symderive.derive.evaluation import Evaluation
from symderive.derive.graph import ComputationalGraph
from symderive.derive.partials import ReadingSolution, derivative_name
from symderive.derive.steps import Derivation, Step
from symderive.problem import LocatedWarning
from symderive.render import texts
from symderive.render.mathtext import latex
from symderive.solve import PartialsSolution, SolutionSet

SCHEMA_VERSION = 1

Json = dict[str, Any]


def render_json(solutions: SolutionSet) -> str:
    """The whole solution set as an indented JSON document (UTF-8, not ASCII-escaped)."""
    return json.dumps(solution_set_data(solutions), indent=2, ensure_ascii=False) + "\n"


def solution_set_data(solutions: SolutionSet) -> Json:
    """The JSON document as Python data (what ``render_json`` dumps)."""
    problem_set = solutions.problem_set
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": "symderive",
        "version": __version__,
        "source": problem_set.path,
        "title": problem_set.title,
        "statement": problem_set.statement,
        "points": _rational(problem_set.points),
        "problems": [_problem(solution) for solution in solutions.solutions],
    }


def _expression(expression: sympy.Basic, names: Mapping[sympy.Symbol, str] | None = None) -> Json:
    return {"sympy": str(expression), "latex": latex(expression, names)}


def _rational(value: sympy.Expr | None) -> int | float | None:
    """Points and coordinates as JSON numbers: integers exactly, others as the nearest float."""
    if value is None:
        return None
    if value.is_Integer:
        return int(value)
    return _float(float(value))


def _float(value: float) -> float | None:
    return value if math.isfinite(value) else None


def _problem(solution: PartialsSolution) -> Json:
    problem = solution.problem
    parsed = problem.expression
    at = None
    if problem.at is not None:
        at = {
            symbol.name: {"exact": str(value), "value": _rational(value)}
            for symbol, value in problem.at.items()
        }
    return {
        "id": problem.id,
        "kind": problem.kind,
        "statement": problem.statement,
        "points": _rational(problem.points),
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
    }


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
        "expression": _expression(reading.expression),
        "derivatives": [_derivation(solution.result_name, d) for d in reading.derivatives],
        "graph": _graph(reading.graph),
        "backward": [_adjoint(adjoint, bars) for adjoint in reading.gradient.adjoints],
        "evaluation": _evaluation(reading.evaluation, reading.gradient),
        "evaluation_note": reading.evaluation_note,
    }


def _derivation(result_name: str, derivation: Derivation) -> Json:
    return {
        "name": derivative_name(result_name, derivation.wrt),
        "wrt": derivation.wrt.name,
        "value": _expression(derivation.result),
        "raw": _expression(derivation.raw),
        "steps": _step(derivation.step),
        "simplification": _step(derivation.simplification) if derivation.simplification else None,
        "notes": list(derivation.notes),
    }


def _step(step: Step) -> Json:
    return {
        "rule": step.rule.value,
        "before": _expression(step.before),
        "wrt": _expression(step.wrt),
        "after": _expression(step.after),
        "formula": step.formula,
        "note": step.note,
        "verification": step.verification.value,
        "children": [_step(child) for child in step.children],
    }


def _graph(graph: ComputationalGraph) -> Json:
    return {
        "output": graph.output_name,
        "inputs": [symbol.name for symbol in graph.inputs],
        "nodes": [
            {
                "name": node.name,
                "operation": _expression(node.operation),
                "expression": _expression(node.expression),
                "inputs": list(node.inputs),
                "edges": [
                    {
                        "source": edge.source,
                        "target": edge.target,
                        "local_gradient": _expression(edge.local_gradient),
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
        "sweep": _expression(adjoint.sweep, bars),
        "in_nodes": _expression(adjoint.in_nodes, bars),
        "in_variables": _expression(adjoint.in_variables, bars),
        "contributions": [
            {
                "consumer": contribution.consumer,
                "consumer_adjoint": contribution.consumer_adjoint.name,
                "local_gradient": _expression(contribution.local_gradient),
                "term": _expression(contribution.term, bars),
                "in_nodes": _expression(contribution.in_nodes, bars),
                "in_variables": _expression(contribution.in_variables, bars),
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
            symbol.name: {"exact": str(value), "value": _rational(value)}
            for symbol, value in evaluation.point.items()
        },
        "values": {name: _float(evaluation.values[name]) for name in forward},
        "adjoints": {name: _float(evaluation.adjoints[name]) for name in order},
        "edges": [
            {
                "source": edge.source,
                "target": edge.target,
                "local_gradient": _float(edge.local_gradient),
                "contribution": _float(edge.contribution),
            }
            for edge in evaluation.edges
        ],
        "checks": [
            {
                "variable": check.variable.name,
                "adjoint": _float(check.adjoint),
                "finite_difference": _float(check.finite_difference),
                "step": _float(check.step),
                "error": _float(check.error),
                "relative_tolerance": check.relative_tolerance,
                "passed": check.passed,
                "note": check.note,
            }
            for check in evaluation.checks
        ],
        "passed": evaluation.passed,
    }
