"""Answers to a ``linear-collapse`` problem: a proof, so no derivative to compare.

What can be checked automatically: the stated closed form (``W = W_2 W_1``, ``b = …``), that a
chain's first line is the network's output, and that a chain of matrices keeps their order.
Whether the proof proves what was asked is left to a person (see ``grade``).
"""

from __future__ import annotations

from symderive.check.collapse_statements import (
    check_collapsed_statements,
    first_line_note,
    in_matrices,
)
from symderive.check.kind_checks import KindChecks

CHECKS = KindChecks(
    chain_note=first_line_note,
    matrix_chains=in_matrices,
    statements=check_collapsed_statements,
)
