"""Turning the formulas a reader finds into claims, step chains and hints, in document order.

All four readers share this, so a formula means the same thing in a notebook as in a ``.tex``
file: ``lhs = rhs`` with a derivative's name on the left is a claim; ``a = b = c``, an ``align``
block, or consecutive formulas with the same left-hand side are a step chain; other math that
parses is a hint for attribution; math that does not parse is an ``unparsed`` claim only when
it looks like an answer, else it is skipped and counted.
"""

from __future__ import annotations

from dataclasses import replace

import sympy

from symderive.check.claim import (
    AnswerFormat,
    Answers,
    Claim,
    Hint,
    Link,
    StepChain,
    Syntax,
    Unread,
)
from symderive.check.code_lines import read_code_lines
from symderive.check.formulas import (
    ParsedSide,
    clean,
    is_latex,
    is_rule_formula,
    looks_like_answer,
    names_a_function,
    parse_side,
    parse_sides,
    rows,
)
from symderive.check.matrix_forms import read_matrix_claim
from symderive.check.operator_links import (
    NAME_IN_CHAIN,
    applied_derivative,
    chain_rule_written_out,
    unapplied,
)
from symderive.check.oversized import MAX_FORMULA_LENGTH, SHOWN_CHARACTERS, refuse_oversized
from symderive.check.pieces import claim_pieces
from symderive.check.relation import Relation
from symderive.check.source import Span
from symderive.errors import ExpressionError, InputError, SourceLocation
from symderive.parsing.notation import DerivativeNotation

MAX_FORMULAS = 5_000


class Collector:
    """Accumulates what one answer file says; readers call ``heading``, ``formula``, ``code``."""

    def __init__(self, path: str, answer_format: AnswerFormat) -> None:
        self.path = path
        self.format: AnswerFormat = answer_format
        self.claims: list[Claim] = []
        self.chains: list[StepChain] = []
        self.hints: list[Hint] = []
        self.skipped: list[SourceLocation] = []
        self.unread: list[Unread] = []
        self.formulas = 0
        self.number = 0
        self.headings: list[tuple[int, str]] = []
        self.context: str | None = None
        self.pending: Relation | None = None

    # --- context ---------------------------------------------------------------------------

    def heading(self, level: int, title: str) -> None:
        """A heading of the given level: the context becomes the path of headings above."""
        self.flush()
        self.headings = [(lvl, text) for lvl, text in self.headings if lvl < level]
        self.headings.append((level, " ".join(title.split())))
        self.context = " › ".join(text for _, text in self.headings)

    def label(self, text: str) -> None:
        """A paragraph that names a part (``Problem q3b:``, ``(b)``) under the current heading."""
        self.flush()
        path = " › ".join(title for _, title in self.headings)
        self.context = f"{path} › {text}" if path else text

    def set_context(self, context: str | None) -> None:
        """Set the context outright (a YAML answer file's problem key)."""
        self.flush()
        self.headings = []
        self.context = context

    # --- formulas --------------------------------------------------------------------------

    def count(self, span: Span) -> None:
        self.formulas += 1
        if self.formulas > MAX_FORMULAS:
            message = f"the file holds more than {MAX_FORMULAS:,} formulas"
            raise InputError(message, span.locate(0))

    def formula(
        self,
        span: Span,
        syntax: Syntax | None = "latex",
        *,
        subject: tuple[DerivativeNotation | sympy.Basic, SourceLocation, str] | None = None,
        chain: bool = False,
        stated_id: str | None = None,
    ) -> None:
        """Read one piece of math; ``syntax`` None decides by content (see ``is_latex``).

        ``subject`` (a YAML key's notation, where it is, and its text) makes every side a link
        of that subject; ``chain`` appends to the chain being built (a YAML ``steps:`` list).
        """
        self.count(span)
        if len(span.text) > MAX_FORMULA_LENGTH:
            refuse_oversized(self, span, subject, stated_id)
            return
        latex = is_latex(span.text) if syntax is None else syntax == "latex"
        text = clean(span.text, latex)
        if subject is not None:
            self.flush()
            value, location, key_text = subject
            answer_like = isinstance(value, DerivativeNotation)
            written = f"{key_text} = {span.text.strip()}"
            self.pending = Relation(location, written, value, answer_like=answer_like)
            self.pending.stated_id, self.pending.context = stated_id, self.context
        stated = chain or subject is not None
        for row_start, row_end in rows(text) if latex else [(0, len(text))]:
            pieces = claim_pieces(text, row_start, row_end, latex, cut=not stated)  # YAML: one
            for start, end, remark in pieces:  # a rule: judged by the formula, or its claim
                if remark:  # prose after a claim (``\text{so at } x = 1``): read no further
                    self._skip(span.locate(start))
                    continue
                if not stated and read_matrix_claim(self, span, text, start, end, stated_id):
                    continue  # J = diag(s) − s sᵀ: a Jacobian as one matrix
                rule = text if len(pieces) == 1 else text[start:end]
                self.row(span, text, parse_sides(text, start, end, latex), stated, stated_id, rule)

    def unparsed(
        self,
        location: SourceLocation,
        text: str,
        error: ExpressionError,
        stated_id: str | None = None,
    ) -> None:
        """A claim whose derivative's name cannot be read (a YAML key such as ``dz/d``)."""
        self.flush()
        number = self._next()
        claim = Claim(number, location, text, None, None, error=error, context=self.context)
        self.claims.append(replace(claim, stated_id=stated_id))

    def row(
        self,
        span: Span,
        text: str,
        parsed: list[ParsedSide],
        chain: bool,
        stated_id: str | None,
        rule_text: str,
    ) -> None:
        """One row or claim cut from it (``rule_text`` may be a rule): continue or start one."""
        if any(side.error for side in parsed) and is_rule_formula(rule_text) and not chain:
            # not under a YAML key: quotes in an answer stated by a key (``dz/dx1: open('f')``)
            # make an unreadable answer, reported as unparsed, not a rule to skip
            self._skip(span.locate(parsed[0].start))
            return
        group = self.pending
        continues = parsed[0].start == parsed[0].end and len(parsed) > 1
        if continues:
            parsed = parsed[1:]
        if group is not None and (continues or chain):
            if group.subject is not None and len(parsed) > 1 and parsed[0].value == group.subject:
                parsed = parsed[1:]  # y = … again in steps, or a YAML value dz/dx1: dz/dx1 = 1
            self._extend(group, span, text, parsed)
            return
        first = parsed[0]
        if (
            group is not None
            and group.context == self.context
            and len(parsed) > 1
            and first.value is not None
            and first.value == group.subject
        ):
            self._extend(group, span, text, parsed[1:])  # the same left-hand side again
            return
        self.flush()
        named_d = isinstance(first.value, DerivativeNotation)
        if len(parsed) == 1 and named_d:
            return  # a derivative's name on its own (in prose) states nothing
        if len(parsed) > 1 and isinstance(parsed[-1].value, DerivativeNotation) and not named_d:
            parsed = parsed[::-1]  # -6x_3 = \frac{dz}{dx_3}
            first = parsed[0]
        named = len(parsed) > 1 and (
            isinstance(first.value, DerivativeNotation | sympy.Symbol)
            or names_a_function(text[first.start : first.end])
            or (first.error is not None and looks_like_answer(text[first.start : first.end]))
        )
        location = span.locate(first.start)
        group = Relation(
            location,
            span.text[min(p.start for p in parsed) : max(p.end for p in parsed)].strip(),
            first.value if named else None,
            answer_like=named and not isinstance(first.value, sympy.Basic),
            explicit=chain,
            stated_id=stated_id,
            context=self.context,
        )
        if named and first.error is not None:
            group.error = self._relocate(span, first)
        self.pending = group
        self._extend(group, span, text, parsed[1:] if named else parsed)

    def code_function(
        self,
        location: SourceLocation,
        written: str,
        subject: DerivativeNotation,
        span: Span,
        text: str,
        start: int,
    ) -> None:
        """A Python function stating a derivative: ``subject`` = ``text[start:]`` (its
        ``return`` line, cleaned to the same length as ``span``), one claim."""
        self.count(span)
        self.flush()
        group = Relation(location, written, subject, answer_like=True, context=self.context)
        self._extend(group, span, text, [parse_side(text, start, len(text.rstrip()), False)])
        self.pending = group
        self.flush()

    def unread_line(self, span: Span, start: int, reason: str) -> None:
        """A line outside math that looks like an answer but is not read: reported, with why."""
        self.count(span)
        self.flush()
        shown = span.text[start : start + SHOWN_CHARACTERS].strip()
        self.unread.append(Unread(span.locate(start), shown, reason))

    def _skip(self, location: SourceLocation) -> None:
        self.flush()
        self.skipped.append(location)

    def _extend(self, group: Relation, span: Span, text: str, parsed: list[ParsedSide]) -> None:
        for side in parsed:
            error = self._relocate(span, side) if side.error is not None else None
            value = side.value
            if isinstance(value, DerivativeNotation):
                group.applied = len(group.links)
                value = applied_derivative(value)  # d/dx3 (-3 x3^2) is a value; dz/dx3 none
                if value is None:
                    error = ExpressionError(NAME_IN_CHAIN, span.locate(side.start))
            group.links.append(
                Link(
                    span.locate(side.start),
                    span.text[side.start : side.end],
                    value,
                    side.alternatives,
                    error,
                    "latex" if side.syntax == "latex" else "plain",
                )
            )

    def _relocate(self, span: Span, side: ParsedSide) -> ExpressionError:
        """The parser's error, its location moved from the side's text into the file."""
        assert side.error is not None
        return ExpressionError(side.error.message, span.locate(side.error_offset))

    def _next(self) -> int:
        self.number += 1
        return self.number

    def flush(self) -> None:
        """Turn the pending relation into a claim, a chain and/or a hint."""
        group, self.pending = self.pending, None
        if group is None:
            return
        if group.links and group.applied == len(group.links) - 1:
            group.links[-1] = unapplied(group.links[-1])  # a chain must end in a value
        broken = group.error is not None or any(link.error for link in group.links)
        if group.answer_like or isinstance(group.subject, DerivativeNotation):
            self._claim(group)
        elif broken and not group.explicit:
            self.skipped.append(group.location)
        elif len(group.links) >= 2 or (group.explicit and group.links):
            chain = StepChain(
                self._next(),
                group.location,
                group.subject,
                tuple(group.links),
                group.context,
                group.stated_id,
            )
            self.chains.append(chain)
            self._hint(group, group.links[0])
        elif group.links:
            self._hint(group, group.links[0])

    def _claim(self, group: Relation) -> None:
        if not group.links and group.error is None:
            return  # a derivative's name on its own states nothing
        last = group.links[-1] if group.links else None
        # a side not read may hold what the last one depends on (= 7 \text{ at } x_1 = 1): the
        # claim is not read; only the chain rule written out (∂z/∂u · ∂u/∂x) is left unchecked
        error = group.error or next(
            (
                link.error
                for link in group.links
                if link.error and not chain_rule_written_out(link.error)
            ),
            last.error if last is not None else None,
        )
        if error is None and last is None:  # pragma: no cover - excluded above
            return
        notation = group.subject if isinstance(group.subject, DerivativeNotation) else None
        number = self._next()
        chain_number = self._next() if len(group.links) >= 2 else None
        self.claims.append(
            Claim(
                number=number,
                location=group.location,
                text=group.text,
                notation=notation,
                value=None if error is not None or last is None else last.value,
                alternatives=last.alternatives if last is not None and error is None else (),
                error=error,
                syntax=last.syntax if last is not None else "latex",
                context=group.context,
                stated_id=group.stated_id,
                value_location=last.location if last is not None else None,
                chain=chain_number,
            )
        )
        if chain_number is not None:
            self.chains.append(
                StepChain(
                    chain_number,
                    group.location,
                    notation,
                    tuple(group.links),
                    group.context,
                    group.stated_id,
                    claim=number,
                )
            )

    def _hint(self, group: Relation, link: Link) -> None:
        value = link.value
        subject = group.subject
        if not isinstance(value, sympy.Expr) or link.error is not None:
            return
        if value.is_Atom and not isinstance(subject, sympy.Symbol):
            return  # a lone number or name restates nothing; "where u = x_3" still defines u
        name = subject.name if isinstance(subject, sympy.Symbol) else None
        defines = subject if isinstance(subject, sympy.Expr) and not subject.is_Atom else None
        self.hints.append(
            Hint(
                self._next(),
                link.location,
                link.text,
                name,
                value,
                link.alternatives,
                group.context,
                defines=defines,
                relation_text=group.text,
            )
        )

    # --- code ------------------------------------------------------------------------------

    def code(self, lines: list[Span]) -> None:
        """Code lines (a fence, an indented block, a notebook cell): see ``code_lines``."""
        read_code_lines(self, lines)

    def finish(self) -> Answers:
        """Everything collected, as frozen data."""
        self.flush()
        return Answers(
            path=self.path,
            format=self.format,
            claims=tuple(self.claims),
            chains=tuple(self.chains),
            hints=tuple(self.hints),
            formulas=self.formulas,
            skipped=tuple(self.skipped),
            unread=tuple(self.unread),
        )
