"""YAML answer files: problem ids, each mapping derivative names to answers, or ``steps:``.

::

    q3a:
      dz/dx1: "1"
      dz/dx3: -6 x_3
    q1:
      steps:
        - y = w_2 (w_1 x + b_1) + b_2
        - y = w_1 w_2 x + w_2 b_1 + b_2

The same located YAML loader as problem files (duplicate keys refused, positions everywhere), so
a parse error in an answer points at its character in the file. Whether an answer is LaTeX or
plain text is decided by its content (``formulas.is_latex``). Ids are not checked here: the
reader does not know the problems; ``attribution`` reports an id no problem has.
"""

from __future__ import annotations

from pathlib import Path

import sympy

from symderive.check.claim import Answers
from symderive.check.collector import Collector
from symderive.check.source import Span
from symderive.errors import ExpressionError, InputError, ProblemFileError, SourceLocation
from symderive.parsing.latex import parse_latex
from symderive.parsing.names import normalise_name
from symderive.parsing.notation import DerivativeNotation
from symderive.yamlnode import YamlMapping, YamlNode, YamlScalar, YamlSequence, describe
from symderive.yamlsource import load_yaml_file

STEPS = "steps"


def read_yaml_answers(path: str | Path) -> Answers:
    """Read a YAML answer file; a malformed file is a located InputError."""
    name = str(path)
    try:
        root = load_yaml_file(path)  # reads at most its limit (1 MB) and refuses more, located
    except ProblemFileError as error:
        raise InputError(error.message, error.location) from None
    except OSError as error:
        message = f"cannot read the file: {error.strerror or error}"
        raise InputError(message, SourceLocation(file=name)) from None
    if not isinstance(root, YamlMapping):
        raise InputError(
            f"an answer file maps problem ids to answers (q3a: …), not {describe(root)}",
            root.location,
        )
    collector = Collector(name, "yaml")
    for key, value in root.items:
        problem_id = _key_text(key, "a problem id")
        collector.set_context(problem_id)
        _problem(collector, problem_id, value)
    return collector.finish()


def _key_text(key: YamlNode, what: str) -> str:
    if not isinstance(key, YamlScalar) or key.value is None or isinstance(key.value, bool):
        raise InputError(f"a key must be {what}, not {describe(key)}", key.location)
    return key.text


def _problem(collector: Collector, problem_id: str, value: YamlNode) -> None:
    """One problem's answers: a mapping of names, a list of steps, or one formula."""
    if isinstance(value, YamlSequence):
        _steps(collector, problem_id, value)
    elif isinstance(value, YamlScalar):
        collector.formula(scalar_span(value), None, stated_id=problem_id)
    else:
        assert isinstance(value, YamlMapping)
        for key, answer in value.items:
            name = _key_text(key, "a derivative's name (dz/dx1) or 'steps'")
            if name == STEPS:
                if not isinstance(answer, YamlSequence):
                    message = f"'steps' must be a list of equations, not {describe(answer)}"
                    raise InputError(message, answer.location)
                _steps(collector, problem_id, answer)
            else:
                assert isinstance(key, YamlScalar)
                _answer(collector, problem_id, key, answer)


def _steps(collector: Collector, problem_id: str, steps: YamlSequence) -> None:
    for index, step in enumerate(steps.items):
        collector.formula(_scalar(step, "each step"), None, chain=index > 0, stated_id=problem_id)
    collector.flush()


def _answer(collector: Collector, problem_id: str, key: YamlScalar, answer: YamlNode) -> None:
    """``dz/dx1: value`` (or a list of values, a chain ending in the answer)."""
    subject = _subject(key)
    if isinstance(subject, ExpressionError):
        collector.unparsed(subject.location or key.location, key.text, subject, problem_id)
        return
    items = answer.items if isinstance(answer, YamlSequence) else (answer,)
    for index, item in enumerate(items):
        span = _scalar(item, f"the answer for {key.text!r}")
        if index == 0:
            collector.formula(
                span, None, subject=(subject, key.location, key.text), stated_id=problem_id
            )
        else:
            collector.formula(span, None, chain=True, stated_id=problem_id)
    collector.flush()


def _subject(key: YamlScalar) -> DerivativeNotation | sympy.Basic | ExpressionError:
    """A key's derivative notation (``dz/dx1``, ``dz/dx_1``, ``∂z/∂x₁``), or a name (``z``)."""
    try:
        relation = parse_latex(key.text)
    except ExpressionError as error:
        location = error.location
        line, column = (location.line or 1, location.column or 1) if location else (1, 1)
        return ExpressionError(error.message, key.location_in_text(line, column))
    side = relation.sides[0]
    if len(relation.sides) == 1 and isinstance(side, DerivativeNotation):
        return side
    if isinstance(side, sympy.Symbol) and normalise_name(key.text.strip()) == side.name:
        return side  # z: x1 + 5*x2 restates the problem
    return ExpressionError(
        f"{key.text!r} is not a derivative's name; write it as dz/dx1 or \\frac{{dz}}{{dx_1}}",
        key.location,
    )


def _scalar(node: YamlNode, what: str) -> Span:
    if not isinstance(node, YamlScalar):
        raise InputError(f"{what} must be a formula, not {describe(node)}", node.location)
    return scalar_span(node)


def scalar_span(node: YamlScalar) -> Span:
    """A YAML scalar's text, each character located in the file (quotes and escapes followed)."""
    text = node.text

    def locate(offset: int) -> SourceLocation:
        before = text[:offset]
        line = before.count("\n") + 1
        column = offset - (before.rfind("\n") + 1) + 1
        return node.location_in_text(line, column)

    return Span(text, locate)
