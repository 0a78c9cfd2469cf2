"""What a claim is compared with: the derivative the solution derived, found from the claim's name.

The checker never derives anything itself: every target comes from the same solution objects
that ``symderive solve`` prints, so what we show and what we grade cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import sympy

from symderive.check.claim import Claim
from symderive.check.mistakes import MistakeContext
from symderive.derive.softmax import Jacobian
from symderive.parsing.names import make_symbol, normalise_name
from symderive.parsing.notation import DerivativeNotation


@dataclass(frozen=True)
class Target:
    """One derivative a problem asks for: its printed name and the derived value.

    ``claim_values`` turns a claim's value into the form to compare (renaming the claim's
    variable to the problem's, or evaluating an indexed Jacobian claim entry by entry); each
    pair is (what the entry is called, claimed, correct). ``fixed`` holds the parameters the
    problem gives a value (leaky ReLU's α = 0.1): the claim is checked at those values, whether
    it writes the number or the parameter's name. ``point`` is the problem's ``at:`` point, in
    the variables' natural order (empty without one): a number claimed for a derivative that is
    not constant is its value there (``point_values``); ``point_kinks`` are the kinks the point
    sits on, where that value is a convention. ``order`` is 2 for a second derivative, whose
    ``key`` names both variables (``x,y``; ``x,x`` for ∂²/∂x²): see ``second_derivative_key``.
    """

    problem_id: str
    name: str
    key: str
    correct: sympy.Expr
    variables: tuple[sympy.Symbol, ...]
    context: MistakeContext | None = None
    jacobian: Jacobian | None = None
    fixed: tuple[tuple[sympy.Symbol, sympy.Expr], ...] = ()
    point: tuple[tuple[sympy.Symbol, sympy.Rational], ...] = ()
    point_kinks: tuple[sympy.Expr, ...] = ()
    order: int = 1

    def at_fixed(self, expression: sympy.Expr) -> sympy.Expr:
        """``expression`` with the problem's given parameter values put in, matched by name
        (a claim's α is read with its own assumptions)."""
        if not self.fixed:
            return expression
        values = dict((symbol.name, value) for symbol, value in self.fixed)
        found = {s: values[s.name] for s in expression.free_symbols if s.name in values}
        return expression.xreplace(found) if found else expression


def second_derivative_key(first: str, second: str) -> str:
    """One key for ∂²/∂x∂y and ∂²/∂y∂x (one derivative), another for ∂²/∂x²."""
    return ",".join(sorted((first, second)))


def target_for(claim: Claim, targets: tuple[Target, ...]) -> Target | None:
    """The target a claim names: of its order, by its variable(s), or the only target of that
    order. A claim about f'' never names a first derivative, nor f' a second one; ∂²f/∂x∂y
    never names ∂²f/∂x²."""
    notation = claim.notation
    order = notation.order if notation is not None else 1
    if not targets:
        return None
    if targets[0].jacobian is not None:
        return targets[0] if order == 1 else None
    if notation is None:
        return targets[0] if len(targets) == 1 else None
    same_order = [target for target in targets if target.order == order]
    variable = _variable_name(notation)
    if order == 1:
        if len(same_order) == 1:
            return same_order[0]
        return next((target for target in same_order if target.key == variable), None)
    if order != 2 or variable is None:
        return None
    second = notation.second_variable
    if notation.variable is None and len(same_order) == 1 and len(same_order[0].variables) == 1:
        return same_order[0]  # f''(z) for f''(x): one variable, renamed
    key = second_derivative_key(variable, second or variable)
    return next((target for target in same_order if target.key == key), None)


def _variable_name(notation: DerivativeNotation) -> str | None:
    if notation.variable is not None:
        return normalise_name(notation.variable)
    if isinstance(notation.argument, sympy.Symbol):
        return notation.argument.name
    return None


def renamed_claim(claim_value: sympy.Expr, claim: Claim, target: Target) -> sympy.Expr:
    """The claim written in the problem's variable: σ'(z) = … checked against σ'(x)."""
    notation = claim.notation
    if notation is None or len(target.variables) != 1:
        return claim_value
    written = _variable_name(notation)
    if written is None or written == target.variables[0].name:
        return claim_value
    return claim_value.xreplace({make_symbol(written): target.variables[0]})


@dataclass(frozen=True)
class Entry:
    """One entry of a Jacobian as claimed and as derived, both in the logits."""

    row: int
    column: int
    claimed: sympy.Expr
    correct: sympy.Expr
    diagonal_only: sympy.Expr
    claimed_in_probabilities: sympy.Expr | None = None
    correct_in_probabilities: sympy.Expr | None = None

    def equal_in_probabilities(self) -> bool:
        """Equal as polynomials in s_1 … s_K, a cheap proof (the logits' form is not needed)."""
        if self.claimed_in_probabilities is None or self.correct_in_probabilities is None:
            return False
        difference = self.claimed_in_probabilities - self.correct_in_probabilities
        return bool(sympy.expand(difference) == 0)


def jacobian_entries(claim_value: sympy.Expr, claim: Claim, jacobian: Jacobian) -> list[Entry]:
    """Evaluate an indexed claim (s_i(δ_ij − s_j)) or a single entry (∂s_1/∂z_2) entry by entry."""
    notation = claim.notation
    size = len(jacobian.logits)
    index_names = _indices(notation)
    pairs = [(row, column) for row in range(1, size + 1) for column in range(1, size + 1)]
    if index_names is None:
        return []
    row_name, column_name = index_names
    if row_name == column_name and not row_name.isdigit():  # ∂s_i/∂z_i, σ'(z)_j: the diagonal
        pairs = [(index, index) for index in range(1, size + 1)]
    if row_name.isdigit() and column_name.isdigit():
        pairs = [(int(row_name), int(column_name))]
        if not all(1 <= value <= size for value in pairs[0]):
            return []
    probabilities_in_logits = dict(zip(jacobian.probabilities, jacobian.softmax, strict=True))
    entries = []
    for row, column in pairs:
        indices = (
            {row_name: row, column_name: column} if row_name != column_name else {row_name: row}
        )
        value = _at_indices(claim_value, indices, jacobian)
        correct = jacobian.closed_form[row - 1, column - 1]
        diagonal = jacobian.diagonal_only[row - 1, column - 1]
        entries.append(
            Entry(
                row,
                column,
                value.xreplace(probabilities_in_logits),
                correct.xreplace(probabilities_in_logits),
                diagonal.xreplace(probabilities_in_logits),
                value,
                correct,
            )
        )
    return entries


def _indices(notation: DerivativeNotation | None) -> tuple[str, str] | None:
    """(i, j) from ∂s_i/∂z_j; σ'(z)_j gives (j, j) as the diagonal claim it usually is."""
    if notation is None:
        return ("i", "j")
    if notation.function in ("log", "ln") and isinstance(notation.argument, sympy.Symbol):
        # ∂ log s_1 / ∂z_2 (log-softmax): the indices are those of s_1
        notation = replace(notation, function=notation.argument.name, argument=None)
    if notation.function and notation.variable and "_" in notation.function + notation.variable:
        function, variable = notation.function, notation.variable
        row = function.split("_")[-1] if "_" in function else function.lstrip("sz")
        column = variable.split("_")[-1] if "_" in variable else variable.lstrip("z")
        return (row or "i", column or "j")
    if notation.function and notation.variable:
        row, column = notation.function.lstrip("s"), notation.variable.lstrip("z")
        if row.isdigit() and column.isdigit():
            return (row, column)
    if notation.index is not None:
        return (notation.index, notation.index)
    return ("i", "j")


def _at_indices(value: sympy.Expr, indices: dict[str, int], jacobian: Jacobian) -> sympy.Expr:
    """Put numbers for the index letters: δ_ij, s_i, s_j, z_i … become concrete."""
    replacements: dict[sympy.Basic, sympy.Basic] = {}
    for symbol in value.free_symbols:
        name = symbol.name
        if name in indices:  # δ_ij, 1_{i=j}, a case guard i = j: the index itself
            replacements[symbol] = sympy.Integer(indices[name])
        elif "_" in name:
            stem, index = name.rsplit("_", 1)
            if index in indices:
                position = indices[index] - 1
                if stem == "s":
                    replacements[symbol] = jacobian.probabilities[position]
                elif stem == jacobian.logits[0].name.rstrip("0123456789"):
                    replacements[symbol] = jacobian.logits[position]
    return value.xreplace(replacements).doit()


def matrix_entries(matrix: sympy.ImmutableMatrix, jacobian: Jacobian) -> list[Entry]:
    """Every entry of a whole matrix claimed (in the probabilities s_1 … s_K) beside the
    derived one, in the logits and in the probabilities."""
    in_logits = dict(zip(jacobian.probabilities, jacobian.softmax, strict=True))
    size = jacobian.size
    entries = []
    for row in range(size):
        for column in range(size):
            claimed = matrix[row, column]
            correct = jacobian.closed_form[row, column]
            entries.append(
                Entry(
                    row + 1,
                    column + 1,
                    claimed.xreplace(in_logits),
                    correct.xreplace(in_logits),
                    jacobian.diagonal_only[row, column].xreplace(in_logits),
                    claimed,
                    correct,
                )
            )
    return entries
