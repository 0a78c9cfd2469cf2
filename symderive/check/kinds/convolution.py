"""Answers to a ``convolution`` problem (Q5) are not read yet: it states no derivative, and a
sentence such as "k2 shifts the image left" needs a reader of its own. ``grade`` leaves it to be
graded by hand, with the chains and statements that hold as evidence."""

from __future__ import annotations

from symderive.check.kind_checks import KindChecks

CHECKS = KindChecks()
