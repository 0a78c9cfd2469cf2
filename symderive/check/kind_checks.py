"""What ``check`` knows of one problem kind: the hooks its answers need, as one record.

Every kind has one ``KindChecks`` in ``symderive/check/kinds/``, registered by the kind's name
in ``CHECKS`` there. Each hook has a default that says "this kind has none of that" (no
derivatives to compare, no graph, no matrices), so an entry names exactly what its kind
supports, and the checker never asks a problem or a solution for its type.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeAlias

import sympy

from symderive.check.claim import Claim, Hint, StepChain
from symderive.check.report import ClaimResult
from symderive.check.targets import Target
from symderive.parsing.expression import ParsedExpression
from symderive.parsing.notation import DerivativeNotation

Subject: TypeAlias = DerivativeNotation | sympy.Basic | None
"""What a claim or a chain is about: a derivative's name, or the symbol a chain starts from."""

Reading: TypeAlias = tuple[dict[sympy.Basic, sympy.Basic], sympy.Expr | None]
"""What a chain's symbols stand for, and the expression its first line must equal (if any)."""


@dataclass(frozen=True)
class OwnFunction:
    """The problem's own function: ``∂/∂x₁ z`` or ``d/dx ReLU(x)`` applied to it answers it."""

    name: str | None
    expression: sympy.Expr


def _no_targets(solution: Any) -> Iterable[Target]:
    return ()


def _nothing(value: Any) -> None:
    return None


def _never(subject: Subject, problem: Any) -> bool:
    return False


def _unchanged(value: sympy.Basic, solution: Any) -> sympy.Basic:
    return value


def _no_local_claim(claim: Claim, notation: DerivativeNotation, solution: Any) -> None:
    return None


def _plain_readings(chain: StepChain, solution: Any) -> list[Reading]:
    return [({}, None)]


def _no_chain_note(chain: StepChain, solution: Any) -> None:
    return None


def _numbers(solution: Any) -> bool:
    return False


def _no_statements(hints: Sequence[Hint], solutions: dict[str, Any]) -> tuple[ClaimResult, ...]:
    return ()


@dataclass(frozen=True)
class KindChecks:
    """The hooks of one kind; each takes that kind's own problem or solution objects.

    - ``targets``: solution → the derivatives an answer is compared with (none for proofs);
    - ``restated_expression``: problem → the expression an answer may restate (attribution);
    - ``fits``: (subject, problem) → whether the derivative a claim names exists in the problem;
    - ``own_function``: solution → the function a derivative operator may be applied to;
    - ``resolve_functions``: (value, solution) → the value with the problem's named function
      written out;
    - ``local_claim``: (claim, notation, solution) → a verdict for a claim about an inner
      quantity (a backprop node), or None for an ordinary answer;
    - ``chain_readings``: (chain, solution) → what the chain's symbols stand for;
    - ``chain_note``: (chain, solution) → why a chain that holds as algebra does not answer;
    - ``matrix_chains``: solution → whether chains are products of matrices (order matters);
    - ``statements``: (hints, this kind's solutions by id) → verdicts for stated facts that are
      not derivatives (``W = W_2 W_1``).
    """

    targets: Callable[[Any], Iterable[Target]] = _no_targets
    restated_expression: Callable[[Any], ParsedExpression | None] = _nothing
    fits: Callable[[Subject, Any], bool] = _never
    own_function: Callable[[Any], OwnFunction | None] = _nothing
    resolve_functions: Callable[[sympy.Basic, Any], sympy.Basic] = _unchanged
    local_claim: Callable[[Claim, DerivativeNotation, Any], ClaimResult | None] = _no_local_claim
    chain_readings: Callable[[StepChain, Any], list[Reading]] = _plain_readings
    chain_note: Callable[[StepChain, Any], str | None] = _no_chain_note
    matrix_chains: Callable[[Any], bool] = _numbers
    statements: Callable[[Sequence[Hint], dict[str, Any]], tuple[ClaimResult, ...]] = _no_statements
