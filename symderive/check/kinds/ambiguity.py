"""Answers to an ``ambiguity`` problem (Q4) are not read yet: a ranking of images states no
derivative. ``grade`` leaves it to be graded by hand, with the chains and statements that hold
as evidence."""

from __future__ import annotations

from symderive.check.kind_checks import KindChecks

CHECKS = KindChecks()
