"""Which problem ids a heading names: ``Q3 (b)`` names q3b, ``Q3`` the group q3a, q3b, q3c.

Attribution reads headings this way, and so do the kinds' own statement checks (the W and b of
a linear-collapse proof), so it sits below both.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache

_SEPARATORS = r"(?:[\s()\[\]._:/›-]|part\b)*"


def context_ids(context: str | None, ids: Sequence[str]) -> tuple[list[str], list[str]]:
    """The ids named by the innermost part of a heading path that names any (see ``ids_named``).

    ``Homework 3 › Q3 (b) › Problem q3c`` names q3c; ``Q3 › (a)`` names q3a (parts are joined
    from the inside out until an id appears); ``Q3`` alone names the group q3a, q3b, q3c.
    """
    segments = (context or "").split(" › ")
    groups: list[str] = []
    for count in range(1, len(segments) + 1):
        exact, group = ids_named(" › ".join(segments[-count:]), ids)
        if exact:
            return exact, []
        groups = groups or group
    return [], groups


def ids_named(context: str, ids: Iterable[str]) -> tuple[list[str], list[str]]:
    """Problem ids a heading names exactly (``Q3 (a)`` → q3a), and those it names as a group
    (``Q3`` → q3a, q3b, q3c); case-insensitive, tolerant of spaces, parentheses and dots."""
    exact: list[str] = []
    group: list[str] = []
    spans: dict[str, list[tuple[int, int]]] = {}
    for problem_id in ids:
        found = [match.span() for match in _id_pattern(problem_id).finditer(context)]
        if found:
            exact.append(problem_id)
            spans[problem_id] = found
        else:
            stem = re.sub(r"(?<=\d)[A-Za-z]+$", "", problem_id)
            if stem != problem_id and _id_pattern(stem).search(context):
                group.append(problem_id)
    # "gelu-tanh" names gelu-tanh, not also gelu: a match inside a longer id's match is dropped
    exact = [
        problem_id
        for problem_id in exact
        if not all(
            any(
                start <= inner_start <= inner_end <= end and end - start > inner_end - inner_start
                for other in exact
                if other != problem_id
                for start, end in spans[other]
            )
            for inner_start, inner_end in spans[problem_id]
        )
    ]
    return exact, [] if exact else group


@cache
def _id_pattern(problem_id: str) -> re.Pattern[str]:
    parts = re.findall(r"[A-Za-z]+|\d+", problem_id)
    pieces = [
        r"(?:q|question|problem|exercise|aufgabe)" if part.lower() == "q" else re.escape(part)
        for part in parts
    ]
    body = _SEPARATORS.join(pieces)
    return re.compile(r"(?<![A-Za-z0-9])" + body + r"(?![A-Za-z0-9])", re.IGNORECASE)
