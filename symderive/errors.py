"""One root error type; every error knows its exit code and, where it has one, its source position.

The CLI has a single handler that prints ``error: file:line:col: message`` followed by the offending
line and a caret, then exits with ``exit_code``. Nothing else in the package prints errors.
"""

from __future__ import annotations

from dataclasses import dataclass, replace


@dataclass(frozen=True)
class SourceLocation:
    """A position in a source file or string: 1-based line and column, plus the line's text."""

    file: str | None = None
    line: int | None = None
    column: int | None = None
    line_text: str | None = None

    def prefix(self) -> str:
        """``file:line:col`` with whatever parts are known."""
        parts = [self.file or "<input>"]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def snippet(self) -> str:
        """The offending line with a caret under the column, or an empty string."""
        if self.line_text is None:
            return ""
        text = self.line_text.rstrip("\n").expandtabs(1)
        if len(text) > 160:
            start = max(0, (self.column or 1) - 80)
            shown = text[start : start + 160]
            column = (self.column or 1) - start
        else:
            shown, column = text, self.column or 1
        caret = " " * max(0, column - 1) + "^"
        return f"    {shown}\n    {caret}"

    def shifted(self, line_offset: int, column_offset: int, file: str | None) -> SourceLocation:
        """This location, read inside a value that starts at another position of a file."""
        line = (self.line or 1) + line_offset
        column = self.column
        if column is not None and (self.line or 1) == 1:
            column += column_offset
        return replace(self, file=file, line=line, column=column)


class SymderiveError(Exception):
    """Root of every error the tool reports on purpose."""

    exit_code = 2

    def __init__(self, message: str, location: SourceLocation | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.location = location

    def with_location(self, location: SourceLocation) -> SymderiveError:
        """Attach a position (used when a value's own error is re-raised at the file level)."""
        self.location = location
        return self

    def render(self) -> str:
        """``error: file:line:col: message`` and a caret snippet, as printed on stderr."""
        where = f"{self.location.prefix()}: " if self.location else ""
        head = f"error: {where}{self.message}"
        snippet = self.location.snippet() if self.location else ""
        return f"{head}\n{snippet}" if snippet else head


class InputError(SymderiveError):
    """A problem file, answer or argument that cannot be used as it is: exit code 2."""

    exit_code = 2


class ExpressionError(InputError):
    """An expression that does not parse or uses something not on the whitelist."""


class ProblemFileError(InputError):
    """A problem file that is not valid YAML or does not fit the schema."""


class UsageError(InputError):
    """A command line that does not make sense (unknown variable, malformed ``--at``…)."""


class BudgetExceeded(SymderiveError):
    """A symbolic operation ran past its time budget; callers fall back and say so."""

    exit_code = 2
    budget: object = None
    """The token of the budget that ran out (see ``budget.time_limit``)."""


class VerificationError(SymderiveError):
    """A derived step disagrees with SymPy: a bug in symderive, never shown as a result."""

    exit_code = 3
