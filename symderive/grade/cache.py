"""A cache of checked claims on disk, so identical answers across a class are checked once.

The key of a claim is a SHA-256 of what its verdict can depend on: symderive's version, the
problem files' contents, the problem the claim was attributed to, its syntax, its text without
white space that cannot change it (``dz/dx1 =  1`` and ``dz/dx1=1`` are one answer), whether
its heading says it answers the other reading, and the definitions stated in its section.
Everything else (where it stands, the student) is not part of the verdict. A claim that
repeats or is repeated by another (a duplicate) is never served from the cache: its verdict
depends on the other claim.

Entries are small JSON files, one per key (``ab/abcdef….json``), each written atomically
(a temporary file renamed over it), so concurrent workers never see half an entry; a file that
cannot be read is a miss. Nothing read from the cache is ever evaluated: entries are plain data.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import sympy

from symderive import __version__
from symderive.check.claim import Claim, Hint
from symderive.check.definitions import definitions_near
from symderive.output import write_atomically

CACHE_FOLDER = ".symderive-cache"
ENTRY_VERSION = 4
"""Raised whenever what a stored verdict means changes (3: the multi-scale screen and exact
certification; verdicts of the older, weaker screen are not served; 4: a refuted Jacobian claim
stores the entries it gets wrong, and matrix forms are read)."""


def checking_settings() -> list[object]:
    """The settings a verdict depends on besides the claim and the problems: budgets and the
    screen's sampling. A stored verdict is served only under the same ones."""
    from symderive.check import checker, proofs, sampling, screen

    return [
        checker.CHECK_BUDGET_SECONDS,
        proofs.PROOF_BUDGET_SECONDS,
        sampling.SEED,
        [scale.name for scale in sampling.SCALES],
        screen.SCREEN_POINTS,
        screen.MINIMUM_AGREEING_POINTS,
        screen.MINIMUM_SCALES,
    ]


def normalised_text(text: str) -> str:
    """The claim's text without the white space that cannot matter: runs become one space, and
    a space goes unless it stands between two letters or digits (``x 2`` is x·2 but ``x2`` a
    name; ``\\cdot x`` needs its space), so ``- 6x_3`` and ``-6x_3`` are one answer."""
    collapsed = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"(?<![A-Za-z0-9]) | (?![A-Za-z0-9])", "", collapsed)


def problems_digest(texts: Sequence[str]) -> str:
    """A digest of the problem files' contents, in the order given."""
    digest = hashlib.sha256()
    for text in texts:
        digest.update(hashlib.sha256(text.encode("utf-8")).digest())
    return digest.hexdigest()


def claim_key(digest: str, claim: Claim, hints: Sequence[Hint]) -> str:
    """The cache key of a claim: what its verdict depends on, hashed."""
    definitions = [definition.describe() for definition in definitions_near(claim, hints)]
    parts = [
        ENTRY_VERSION,
        __version__,
        checking_settings(),
        digest,
        claim.problem_id,
        claim.syntax,
        normalised_text(claim.text),
        # the text a claim shows may be its first formula while its value is the last one's
        # (consecutive formulas about one derivative): the value is part of the key
        sympy.srepr(claim.value) if claim.value is not None else None,
        repr(claim.notation),
        [sympy.srepr(reading.expression) for reading in claim.alternatives],
        claim.under_other_reading,
        definitions,
    ]
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode("utf-8")).hexdigest()


class ClaimCache:
    """One JSON file per key under ``folder``; ``hits`` and ``misses`` count this process's use."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.hits = 0
        self.misses = 0

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str) -> dict[str, Any] | None:
        """The stored outcome, or None (no cache, no entry, or an unreadable one)."""
        if self.folder is None:
            return None
        try:
            entry = json.loads(self._path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.misses += 1
            return None
        if not isinstance(entry, dict) or entry.get("key") != key:
            self.misses += 1
            return None
        self.hits += 1
        outcome = entry.get("outcome")
        return outcome if isinstance(outcome, dict) else None

    def put(self, key: str, outcome: dict[str, Any]) -> None:
        """Store an outcome; a cache that cannot be written is skipped, never fatal."""
        if self.folder is None:
            return
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(path, json.dumps({"key": key, "outcome": outcome}) + "\n")
        except OSError:
            pass
