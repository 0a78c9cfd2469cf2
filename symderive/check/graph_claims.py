"""Claims named by a problem's computational graph: ``∂u_2/∂x_3 = 2x_3`` or ``∂z/∂u_1 = …``.

A student's backprop names nodes; such a claim is a local partial on an edge, or an adjoint
(the total derivative of the output with respect to a node), and is checked against the graph
of the reading it fits.
"""

from __future__ import annotations

import sympy

from symderive.check.claim import Claim
from symderive.check.equivalence import Verdict, compare
from symderive.check.report import ACCEPTED, ClaimResult
from symderive.derive.partials import PartialsSolution, ReadingSolution
from symderive.parsing.names import normalise_name
from symderive.parsing.notation import DerivativeNotation


def check_graph_claim(
    claim: Claim, notation: DerivativeNotation, solution: PartialsSolution
) -> ClaimResult | None:
    """``∂u_2/∂x_3 = …`` or ``∂z/∂u_1 = …``: a backprop quantity named by the graph's nodes.

    Accepted when, in the graph of some reading, it equals the local partial on that edge or the
    total derivative (the adjoint ∂z/∂u); None when the claim names no node (an ordinary
    answer, checked against the problem's targets instead).
    """
    function = normalise_name(notation.function or "")
    variable = normalise_name(notation.variable or "")
    comparison = None
    named_a_node = False
    for reading in solution.readings:
        graph = reading.graph
        nodes = {node.name for node in graph.nodes if node.name != graph.output_name}
        if function not in nodes and variable not in nodes:
            continue
        named_a_node = True
        if notation.order != 1:
            break
        for candidate in _graph_candidates(reading, function, variable):
            substitutions = graph.substitutions()
            comparison = compare(
                claim.value.xreplace(substitutions),  # type: ignore[union-attr]
                candidate.xreplace(substitutions),
            )
            if comparison.verdict in ACCEPTED:
                break
        if comparison is not None and comparison.verdict in ACCEPTED:
            break
    if not named_a_node:
        return None
    if notation.order != 1:
        note = f"a second derivative of the graph's node {function or variable}: not checked"
        return ClaimResult(claim, Verdict.UNATTRIBUTED, notes=(note,))
    if comparison is None:
        return ClaimResult(
            claim, Verdict.UNATTRIBUTED, notes=(f"the graph has no edge {function} ← {variable}",)
        )
    note = f"a backprop quantity of the graph (∂{function}/∂{variable})"
    return ClaimResult(claim, comparison.verdict, None, comparison, None, (note,))


def _graph_candidates(reading: ReadingSolution, function: str, variable: str) -> list[sympy.Basic]:
    """The local partial on the edge function ← variable, and the adjoint when function is z."""
    graph = reading.graph
    candidates: list[sympy.Basic] = []
    if any(node.name == function for node in graph.nodes):
        node = graph.node(function)
        candidates += [edge.local_gradient for edge in node.edges if edge.source == variable]
    if function == graph.output_name and (
        graph.is_input(variable) or variable in {node.name for node in graph.nodes}
    ):
        adjoint = reading.gradient.adjoint(variable)
        candidates += [adjoint.in_nodes, adjoint.in_variables]
    return candidates
