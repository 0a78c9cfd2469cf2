"""Differentiation by named rules: each rule computes its result, records a Step, and returns it.

The engine follows SymPy's expression tree. Every step is checked against SymPy's ``diff``
(see ``verify.py``) as soon as it is built; a step that fails its check raises
VerificationError, so a wrong step can never reach a printer.
"""

from __future__ import annotations

from dataclasses import replace

import sympy

from symderive.derive.rules import OUTER_RULES, OuterRule
from symderive.derive.simplification import simplify_derivative
from symderive.derive.steps import Caveat, Derivation, Formula, OuterForm, Rule, Step
from symderive.derive.verify import check_derivative
from symderive.errors import VerificationError

_U = sympy.Dummy("u", real=True)

_FORMULAS: dict[Rule, Formula] = {
    Rule.CONSTANT: Formula.CONSTANT,
    Rule.VARIABLE: Formula.VARIABLE,
    Rule.SUM: Formula.SUM,
    Rule.CONSTANT_MULTIPLE: Formula.CONSTANT_MULTIPLE,
    Rule.PRODUCT: Formula.PRODUCT,
    Rule.QUOTIENT: Formula.QUOTIENT,
    Rule.POWER: Formula.POWER,
    Rule.GENERAL_POWER: Formula.GENERAL_POWER,
    Rule.EXPONENTIAL: Formula.EXPONENTIAL,
    Rule.CHAIN: Formula.CHAIN,
    Rule.PIECEWISE: Formula.EXTREMUM,
}


def _record(
    rule: Rule,
    before: sympy.Expr,
    wrt: sympy.Symbol,
    after: sympy.Expr,
    children: tuple[Step, ...] = (),
    note: Caveat | None = None,
    formula: Formula | None = None,
) -> Step:
    """Build a step and check it against SymPy before anyone can see it."""
    verification = check_derivative(before, wrt, after, f"the {rule} rule on {before}")
    return Step(
        rule,
        before,
        wrt,
        after,
        children,
        note,
        _FORMULAS.get(rule) if formula is None else formula,
        verification,
    )


def differentiate(expression: sympy.Expr, variable: sympy.Symbol) -> Step:
    """The derivative of ``expression`` with respect to ``variable``, as a verified step tree."""
    if not expression.has(variable):
        return _record(Rule.CONSTANT, expression, variable, sympy.Integer(0))
    if expression == variable:
        return _record(Rule.VARIABLE, expression, variable, sympy.Integer(1))
    if isinstance(expression, sympy.Add):
        return _sum(expression, variable)
    if isinstance(expression, sympy.Mul):
        return _product(expression, variable)
    if isinstance(expression, sympy.Pow):
        return _power(expression, variable)
    if isinstance(expression, sympy.Max | sympy.Min):
        return _extremum(expression, variable)
    if isinstance(expression, sympy.Piecewise):
        return _piecewise(expression, variable)
    outer = OUTER_RULES.get(expression.func)
    if outer is not None and (len(expression.args) == 1 or expression.func is sympy.Heaviside):
        return _function(expression, outer, variable)
    raise VerificationError(f"no differentiation rule for {expression.func.__name__}: {expression}")


def _sum(expression: sympy.Add, variable: sympy.Symbol) -> Step:
    children = tuple(differentiate(term, variable) for term in expression.as_ordered_terms())
    return _record(
        Rule.SUM, expression, variable, sympy.Add(*(c.after for c in children)), children
    )


def _product(expression: sympy.Mul, variable: sympy.Symbol) -> Step:
    coefficient, rest = expression.as_independent(variable, as_Add=False)
    if coefficient != 1:
        child = differentiate(rest, variable)
        return _record(
            Rule.CONSTANT_MULTIPLE, expression, variable, coefficient * child.after, (child,)
        )
    factors = sympy.Mul.make_args(rest)
    denominators = [
        factor.base ** (-factor.exp)
        for factor in factors
        if isinstance(factor, sympy.Pow) and factor.exp.is_number and factor.exp.is_negative
    ]
    if denominators and len(denominators) < len(factors):
        numerator = sympy.Mul(
            *(
                factor
                for factor in factors
                if not (
                    isinstance(factor, sympy.Pow)
                    and factor.exp.is_number
                    and factor.exp.is_negative
                )
            )
        )
        denominator = sympy.Mul(*denominators)
        top, bottom = differentiate(numerator, variable), differentiate(denominator, variable)
        result = (top.after * denominator - numerator * bottom.after) / denominator**2
        return _record(Rule.QUOTIENT, expression, variable, result, (top, bottom))
    children = tuple(differentiate(factor, variable) for factor in factors)
    terms = []
    for index, child in enumerate(children):
        others = sympy.Mul(
            *(factor for position, factor in enumerate(factors) if position != index)
        )
        terms.append(child.after * others)
    return _record(Rule.PRODUCT, expression, variable, sympy.Add(*terms), children)


def _chain(
    expression: sympy.Expr, inner: sympy.Expr, outer_step: Step, variable: sympy.Symbol
) -> Step:
    """Combine d f(u)/du with du/dx; when u is the variable itself the outer step is the answer."""
    if inner == variable:
        return replace(outer_step, wrt=variable)
    inner_step = differentiate(inner, variable)
    return _record(
        Rule.CHAIN,
        expression,
        variable,
        outer_step.after * inner_step.after,
        (outer_step, inner_step),
        outer_step.note,
    )


def _outer_step(
    rule: Rule,
    expression: sympy.Expr,
    inner: sympy.Expr,
    in_u: sympy.Expr,
    derivative_in_u: sympy.Expr,
    formula: Formula | None,
    note: Caveat | None = None,
) -> Step:
    """d f(u)/du, checked with u as a fresh symbol, then written with u = inner; the form in u
    stays on the step for printers."""
    verification = check_derivative(in_u, _U, derivative_in_u, f"the {rule} rule on {in_u}")
    after = derivative_in_u.xreplace({_U: inner})
    outer = OuterForm(_U, in_u, derivative_in_u)
    return Step(rule, expression, inner, after, (), note, formula, verification, outer)


def _function(expression: sympy.Expr, outer: OuterRule, variable: sympy.Symbol) -> Step:
    inner = expression.args[0]
    in_u = expression.func(_U)
    outer_step = _outer_step(
        outer.rule, expression, inner, in_u, outer.derivative(_U), outer.formula, outer.note
    )
    return _chain(expression, inner, outer_step, variable)


def _power(expression: sympy.Pow, variable: sympy.Symbol) -> Step:
    base, exponent = expression.base, expression.exp
    if not exponent.has(variable):
        outer_step = _outer_step(
            Rule.POWER,
            expression,
            base,
            _U**exponent,
            exponent * _U ** (exponent - 1),
            _FORMULAS[Rule.POWER],
        )
        return _chain(expression, base, outer_step, variable)
    if not base.has(variable):
        outer_step = _outer_step(
            Rule.EXPONENTIAL,
            expression,
            exponent,
            base**_U,
            base**_U * sympy.log(base),
            _FORMULAS[Rule.EXPONENTIAL],
        )
        return _chain(expression, exponent, outer_step, variable)
    base_step, exponent_step = differentiate(base, variable), differentiate(exponent, variable)
    result = expression * (
        exponent_step.after * sympy.log(base) + exponent * base_step.after / base
    )
    return _record(Rule.GENERAL_POWER, expression, variable, result, (base_step, exponent_step))


def _extremum(expression: sympy.Max | sympy.Min, variable: sympy.Symbol) -> Step:
    """d max(a1, …) = Σ a_i' · Π H(a_i − a_j): the derivative of whichever argument is largest."""
    arguments = expression.args
    children = tuple(differentiate(argument, variable) for argument in arguments)
    sign = 1 if isinstance(expression, sympy.Max) else -1
    terms = []
    for index, child in enumerate(children):
        selector = sympy.Mul(
            *(
                sympy.Heaviside(sign * (arguments[index] - other))
                for position, other in enumerate(arguments)
                if position != index
            )
        )
        terms.append(child.after * selector)
    note = Caveat.MAX_TIE if sign == 1 else Caveat.MIN_TIE
    return _record(Rule.PIECEWISE, expression, variable, sympy.Add(*terms), children, note)


def _piecewise(expression: sympy.Piecewise, variable: sympy.Symbol) -> Step:
    """Each piece is differentiated on its own: ELU and leaky ReLU are defined by cases."""
    pieces = expression.args
    children = tuple(differentiate(piece, variable) for piece, _ in pieces)
    result = sympy.Piecewise(
        *((child.after, condition) for child, (_, condition) in zip(children, pieces, strict=True))
    )
    return _record(
        Rule.PIECEWISE, expression, variable, result, children, Caveat.CASES_JOIN, Formula.CASES
    )


def _simplification(expression: sympy.Expr, variable: sympy.Symbol, raw: sympy.Expr) -> Step | None:
    """A visible simplification step, or None when nothing shorter was found in the budget."""
    found = simplify_derivative(raw)
    if found.expression == raw:
        if found.note is None:
            return None
        return Step(Rule.SIMPLIFY, raw, variable, raw, note=found.note)
    verification = check_derivative(
        expression, variable, found.expression, f"the simplified derivative of {expression}"
    )
    return Step(
        Rule.SIMPLIFY, raw, variable, found.expression, note=found.note, verification=verification
    )


def derive(expression: sympy.Expr, variable: sympy.Symbol) -> Derivation:
    """The full derivation: the rule tree, then a simplification step where it helps."""
    step = differentiate(expression, variable)
    simplification = _simplification(expression, variable, step.after)
    notes = tuple(dict.fromkeys(s.note for s in step.walk() if s.note))
    return Derivation(expression, variable, step, simplification, notes)
