"""What answer files say, as plain data: claims, step chains and attribution hints.

The readers (YAML, Markdown, notebooks, .tex) produce these; ``attribution.py`` fills in which
problem each claim answers; the checker compares them with the derived solutions. Everything is
a frozen dataclass of strings, numbers, SymPy objects and locations, so every stage can be
tested on its own and ``as_dict`` turns any of them into JSON-ready data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, is_dataclass
from typing import Any, Literal

import sympy

from symderive.errors import ExpressionError, SourceLocation
from symderive.parsing.expression import Reading
from symderive.parsing.notation import DerivativeNotation

Syntax = Literal["latex", "plain"]
AnswerFormat = Literal["yaml", "markdown", "notebook", "tex"]
Method = Literal["id", "heading", "expression", "name", "order"]
"""How a claim was attributed: the YAML key or a heading/label naming the problem, a restated
problem expression before it, its derivative's name fitting only one problem, or document order."""


@dataclass(frozen=True)
class Attribution:
    """Which problem a claim answers and why; ``problem_id`` None means unattributed."""

    problem_id: str | None = None
    method: Method | None = None
    reason: str = "not attributed yet"


UNATTRIBUTED = Attribution()


@dataclass(frozen=True)
class Claim:
    """One stated answer: ``notation = value`` as written, or why it could not be read.

    ``number`` orders claims, chains and hints in the document (1, 2, …) and names them in
    cross-references (``chain``, ``duplicate_of``). ``location`` is where the formula (its
    left-hand side) starts; ``value_location`` where the value starts, for carets at the answer.
    ``error`` is set for an unparsed claim (its location is in the file, caret included);
    ``value`` is then None. ``stated_id`` is a problem id the source names explicitly (a YAML
    answer file's top-level key); ``context`` the heading path (``Q3 › (a)``) or label above it.
    """

    number: int
    location: SourceLocation
    text: str
    notation: DerivativeNotation | None
    value: sympy.Basic | None
    alternatives: tuple[Reading, ...] = ()
    error: ExpressionError | None = None
    syntax: Syntax = "latex"
    context: str | None = None
    stated_id: str | None = None
    value_location: SourceLocation | None = None
    chain: int | None = None
    attribution: Attribution = UNATTRIBUTED
    duplicate_of: int | None = None

    @property
    def parsed(self) -> bool:
        """False for an ``unparsed`` claim: the checker reports its error, caret included."""
        return self.error is None

    @property
    def problem_id(self) -> str | None:
        """The problem this claim answers, once attributed."""
        return self.attribution.problem_id

    @property
    def under_other_reading(self) -> bool:
        """Whether the heading above declares the other reading of an ambiguous expression
        ("Q3 (b), the other reading"), and does not deny it ("not the other reading")."""
        return _OTHER_READING.search(self.context or "") is not None


_OTHER_READING = re.compile(r"(?<!not )(?<!not the )\bother reading", re.IGNORECASE)


@dataclass(frozen=True)
class Link:
    """One expression of a step chain (``a = b = c`` has three, or two after a named subject)."""

    location: SourceLocation
    text: str
    value: sympy.Basic | None
    alternatives: tuple[Reading, ...] = ()
    error: ExpressionError | None = None
    syntax: Syntax = "latex"


@dataclass(frozen=True)
class StepChain:
    """Consecutive equalities that make one derivation; every link is checked against the next.

    ``subject`` is what the chain computes when the first side names it (``y`` in ``y = … = …``,
    or a derivative's notation); the links are then the sides after it. ``claim`` is the number of
    the claim its last link states, when the subject is a derivative.
    """

    number: int
    location: SourceLocation
    subject: sympy.Basic | DerivativeNotation | None
    links: tuple[Link, ...]
    context: str | None = None
    stated_id: str | None = None
    claim: int | None = None
    attribution: Attribution = UNATTRIBUTED

    @property
    def problem_id(self) -> str | None:
        """The problem this chain belongs to, once attributed."""
        return self.attribution.problem_id


@dataclass(frozen=True)
class Hint:
    """Math that states no answer but may restate a problem (``z = x_1 + 5x_2 - 3x_3^2``).

    Attribution compares ``value`` (and its alternative readings) with each problem's expression;
    a match attributes the claims after it, under the same heading, to that problem.
    """

    number: int
    location: SourceLocation
    text: str
    name: str | None
    value: sympy.Expr
    alternatives: tuple[Reading, ...] = ()
    context: str | None = None
    source: Literal["math", "code"] = "math"
    defines: sympy.Basic | None = None
    """What the hint defines, when its left side names a function: ``f_N(x) = W x + b``."""
    relation_text: str | None = None
    """The whole relation as written (``W = W_2 W_1``), to read it again as matrices."""


@dataclass(frozen=True)
class Unread:
    """A line outside math that looks like an answer but was not read: never dropped silently.

    ``reason`` says why (``could not be read: …``, ``reads as prose``); the report names the
    line, so a student sees which of their answers the checker did not take.
    """

    location: SourceLocation
    text: str
    reason: str


@dataclass(frozen=True)
class Answers:
    """Everything read from one answer file, in document order within each tuple.

    ``formulas`` counts the math spans (and code lines) read; ``skipped`` lists math that did not
    parse and does not look like an answer (prose-y LaTeX), reported as a count, never as claims;
    ``unread`` lists lines outside math that look like answers but could not be read, each
    reported with its location and reason.
    """

    path: str
    format: AnswerFormat
    claims: tuple[Claim, ...] = ()
    chains: tuple[StepChain, ...] = ()
    hints: tuple[Hint, ...] = ()
    formulas: int = 0
    skipped: tuple[SourceLocation, ...] = ()
    unread: tuple[Unread, ...] = ()

    @property
    def unattributed(self) -> tuple[Claim, ...]:
        """Claims no problem could be found for (after ``attribute``): always reported."""
        return tuple(claim for claim in self.claims if claim.problem_id is None)


def as_dict(value: Any) -> Any:
    """JSON-ready data: dataclasses become dicts, SymPy objects their ``str``, errors a dict."""
    if isinstance(value, ExpressionError):
        return {"message": value.message, "location": as_dict(value.location)}
    if is_dataclass(value) and not isinstance(value, type):
        return {field.name: as_dict(getattr(value, field.name)) for field in fields(value)}
    if isinstance(value, sympy.Basic):
        return str(value)
    if isinstance(value, tuple | list):
        return [as_dict(item) for item in value]
    return value
